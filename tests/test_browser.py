"""Real-browser test: `streamlit run dashboard.py` on a free port, Debian's chromium driven by
playwright. Opens a URL with filters, checks widgets and timeline, clicks an event, follows the
link to the source paragraph, pastes an article on the Corpus page and finds it on the timeline,
and saves screenshots to tests/artifacts/. The server's store is in a temporary NENPYO_DATA_DIR."""
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

if CHROMIUM is None:
    if os.environ.get("CI"):
        pytest.fail("CI is set but chromium is not installed (apt-get install chromium)", pytrace=False)
    pytest.skip("chromium not found on PATH; install Debian's chromium to run the browser test",
                allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


def _has_pipeline() -> bool:
    try:
        import events.pipeline  # noqa: F401
        import events.table  # noqa: F401
    except ImportError:
        return False
    return True


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url}/_stcore/health did not answer in {timeout}s")


@pytest.fixture(scope="module")
def data_env(tmp_path_factory):
    """The store (seeded with the sample corpus, in a temporary directory) when the extractor
    exists, else the built-in demo. Editing is open (no passwords)."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"NENPYO_EDIT_PASSWORD", "NENPYO_READ_PASSWORD", "NENPYO_DASHBOARD_DATA"}}
    env["NENPYO_DATA_DIR"] = str(tmp_path_factory.mktemp("nenpyo-store"))
    if not _has_pipeline():
        env["NENPYO_DASHBOARD_DATA"] = "demo"
    return env


@pytest.fixture(scope="module")
def server(data_env):
    port = free_port()
    log = open(ARTIFACTS.parent / "artifacts" / "streamlit.log", "w") if ARTIFACTS.mkdir(parents=True, exist_ok=True) is None else None
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=data_env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def dataset(data_env, monkeypatch_module):
    for key in ("NENPYO_DASHBOARD_DATA", "NENPYO_DATA_DIR"):
        if key in data_env:
            monkeypatch_module.setenv(key, data_env[key])
        else:
            monkeypatch_module.delenv(key, raising=False)
    from nenpyo_ui.data import load_dataset
    return load_dataset()


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def settle(page, timeout: float = 60_000) -> None:
    """Wait until Streamlit has finished running the script and no skeleton is left."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_timeout(800)
    deadline = time.monotonic() + timeout / 1000
    while time.monotonic() < deadline:
        if (page.locator('[data-testid="stStatusWidget"]').count() == 0
                and page.locator('[data-testid="stSkeleton"]').count() == 0):
            break
        page.wait_for_timeout(200)
    page.wait_for_timeout(600)


def pick_actor(ds):
    from nenpyo_ui.filters import actor_counts
    counts = actor_counts(ds.events)
    name = "Sergei Shoigu" if "Sergei Shoigu" in counts else "Beta Hanako" if "Beta Hanako" in counts else counts.most_common(1)[0][0]
    return name


def test_filtered_url_click_event_and_follow_source_link(server, browser, dataset):
    from nenpyo_ui.filters import actor_label, apply_filters, make_filters

    actor = pick_actor(dataset)
    label = actor_label(actor, dataset.actors[actor].display)
    expected = apply_filters(dataset.events, make_filters(actors=[label]))
    page = browser.new_page(viewport={"width": 1400, "height": 1800}, locale="ja-JP")
    page.goto(f"{server}/?" + urllib.parse.urlencode({"actor": label}))
    settle(page)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "timeline_filtered_ja.png"), full_page=True)

    # the widget and the timeline reflect the URL
    chips = page.locator('[data-testid="stMultiSelect"]').first.inner_text()
    assert actor in chips
    assert f"{len(expected)} 件の出来事" in page.inner_text("body")
    marks = page.locator(".js-plotly-plot .scatterlayer .point, .js-plotly-plot .barlayer .point")
    assert marks.count() >= len(expected)

    # click an event: the detail shows its sentence and paragraph
    point = page.locator(".js-plotly-plot .scatterlayer .point").first
    if point.count() == 0:
        point = page.locator(".js-plotly-plot .barlayer .point").first
    point.click(force=True)
    page.wait_for_function("() => new URL(location.href).searchParams.get('event')", timeout=30_000)
    settle(page)
    event_id = urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)["event"][0]
    assert event_id in set(expected["event_id"])
    row = dataset.events.set_index("event_id").loc[event_id]
    if row["timex_text"]:  # the date expression is highlighted in the sentence
        selected = page.locator("mark.nenpyo-selected").first
        selected.wait_for(timeout=30_000)
        assert selected.inner_text() == row["timex_text"]
    body = page.inner_text("body")
    assert row["sentence"].strip()[:15] in body.replace("\n", "")
    assert f"¶{int(row['para_index']) + 1}" in body
    page.screenshot(path=str(ARTIFACTS / "timeline_event_detail_ja.png"), full_page=True)

    # follow the link to the source view at that paragraph
    page.locator('[data-testid="stPageLink"] a', has_text="段落を開く").first.click()
    page.wait_for_url("**/sources?**", timeout=30_000)
    settle(page)
    params = urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)
    assert params["para"] == [str(int(row["para_index"]) + 1)]
    target = page.locator("p.nenpyo-target")
    target.wait_for(timeout=30_000)
    page.wait_for_timeout(800)
    assert target.is_visible()
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"], "scrolled to the paragraph"
    assert page.locator("mark.nenpyo-timex").count() > 0
    page.screenshot(path=str(ARTIFACTS / "sources_paragraph_ja.png"))
    page.close()


@pytest.mark.skipif(not _has_pipeline(), reason="the Corpus page needs the extractor and the store")
def test_paste_an_article_and_find_it_on_the_timeline(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1600}, locale="ja-JP")
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/corpus")
    settle(page)
    page.get_by_role("tab", name="テキストを貼り付け").click()
    tabs = page.get_by_test_id("stTabs")
    tabs.get_by_label("見出し", exact=True).fill("<b>台風</b>10号、九州に上陸")
    tabs.get_by_label("本文", exact=True).fill("気象庁によると、台風10号は2024年8月29日朝、鹿児島県薩摩川内市付近に上陸した。"
                                   "\n\n政府は30日、関係閣僚会議を開いた。")
    date_box = tabs.get_by_label("掲載日（空欄なら本文から推定）", exact=True)
    date_box.fill("令和6年8月29日")
    date_box.press("Enter")
    page.get_by_text("→ 2024-08-29 として保存します").wait_for(timeout=30_000)
    page.get_by_role("button", name="この記事を追加").click()
    page.get_by_text("追加: doc-").first.wait_for(timeout=60_000)
    settle(page)
    page.screenshot(path=str(ARTIFACTS / "corpus_added_ja.png"), full_page=True)

    page.goto(f"{server}/?" + urllib.parse.urlencode({"q": "台風10号"}))
    settle(page)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    body = page.inner_text("body")
    assert "1 件の出来事" in body, body[:2000]  # the sentence naming 台風10号
    xs = page.evaluate("() => [].concat(...document.querySelector('.js-plotly-plot').data"
                       ".map(t => Array.from(t.x || []).concat(Array.from(t.base || [])).map(String)))")
    assert any(x.startswith("2024-08-29") for x in xs), xs
    page.screenshot(path=str(ARTIFACTS / "timeline_pasted_ja.png"), full_page=True)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not errors, errors
    page.close()


@pytest.mark.parametrize("path,lang", [
    ("/", "en"), ("/actors", "ja"), ("/actors", "en"), ("/sources", "ja"), ("/sources", "en"),
    ("/corpus", "ja"), ("/corpus", "en"),
], ids=["timeline-en", "actors-ja", "actors-en", "sources-ja", "sources-en", "corpus-ja", "corpus-en"])
def test_pages_render_in_both_languages(server, browser, path, lang):
    page = browser.new_page(viewport={"width": 1400, "height": 1400}, locale="ja-JP")
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}{path}" + ("?lang=en" if lang == "en" else ""))
    settle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator("h1").count() >= 1
    page.screenshot(path=str(ARTIFACTS / f"{path.strip('/') or 'timeline'}_{lang}.png"), full_page=True)
    assert not errors, errors
    page.close()
