"""Load test of the running dashboard: N concurrent browser sessions browsing and filtering while
another client adds articles to the store → sessions held, errors, median and 95th-percentile
response times.

Everything stays on this machine and stops by itself:
  - the script starts `streamlit run dashboard.py` on 127.0.0.1 and a free port, with its own
    store in a temporary NENPYO_DATA_DIR (seeded with the sample corpus), and stops it at the end;
  - N sessions (default 8, at most 16) each cycle through: open the timeline with filters in
    the URL, type a search into the sidebar, clear it, open the actors page, open a source
    document. Two kinds of session (--mode):
      ws       (default) Streamlit's own websocket protocol (/_stcore/stream, BackMsg/ForwardMsg
               protobufs, the `websockets` package Streamlit already needs): what the server
               answers, without the cost of drawing it; a search is a widget-state change.
      browser  pages of one headless Debian chromium (playwright): what a person waits for,
               drawing included. On a small machine the browsers, not the server, are then
               the bottleneck (8 chromium pages on 2 CPUs).
  - a writer thread adds an article through events.store.Store every --write-every seconds
    (its own connection to the same SQLite file, as a second server process would);
  - the session phase lasts --duration seconds (default 30, at most 45), and a watchdog ends
    the whole run after 60 s of session phase + start-up at the latest.

A response is timed from the action (navigation, or Enter in the search box) to the end of the
script run it triggers (ws: the script_finished message; browser: the app root's
data-test-script-state back to notRunning, no skeleton left). An error is an exception shown
on the page, a script run that did not finish normally, a closed connection, or an action
without an answer within --action-timeout seconds. A session is held when it is still connected
at the end and answered its last action.

Run: python bench/bench_load.py [--mode ws|browser] [--sessions 8] [--duration 30] [--json FILE]
Needs Debian's chromium and the playwright package. Prints a summary; not a test.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
MAX_SESSIONS = 16
MAX_DURATION = 45.0
WATCHDOG = 60.0  # seconds of session phase + server start after which everything is stopped
DOC_LABELS = ["000"]  # filled from the store: the sidebar's labels of the seeded documents
QUERIES = ["会談", "大統領", "北朝鮮", "訪問", "ロシア", "協力", "台風", "発表"]
OBSERVER = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || window.__nenpyoRuns !== undefined) return;
  window.__nenpyoRuns = 0;
  new MutationObserver(() => {
    if (app.getAttribute('data-test-script-state') === 'notRunning') window.__nenpyoRuns++;
  }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return app && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid="stSkeleton"]');
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict, log) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}; see {log.name}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise TimeoutError("the dashboard did not become healthy in 40 s")


@dataclass
class Stats:
    times: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    held: int = 0
    actions: int = 0

    def timed(self, kind: str, seconds: float) -> None:
        self.times.setdefault(kind, []).append(seconds)
        self.actions += 1


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


async def wait_idle(page, timeout_s: float) -> None:
    await page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_s * 1000)
    await page.wait_for_function(IDLE, timeout=timeout_s * 1000, polling=50)


async def rerun_done(page, before: int, timeout_s: float) -> None:
    """Wait for the script run after an in-page action (a run counted after `before`)."""
    await page.wait_for_function(f"() => (window.__nenpyoRuns || 0) > {before}", timeout=timeout_s * 1000,
                                 polling=50)
    await page.wait_for_function(IDLE, timeout=timeout_s * 1000, polling=50)


async def session(n: int, browser, url: str, deadline: float, stats: Stats, action_timeout: float) -> None:
    rnd = random.Random(n)
    context = await browser.new_context(viewport={"width": 1300, "height": 1000}, locale="ja-JP")
    page = await context.new_page()
    page_errors: list[str] = []
    page.on("pageerror", lambda e: page_errors.append(str(e)[:200]))
    last_ok = False

    async def navigate(kind: str, target: str) -> None:
        nonlocal last_ok
        t0 = time.perf_counter()
        await page.goto(target, wait_until="domcontentloaded", timeout=action_timeout * 1000)
        await wait_idle(page, action_timeout)
        stats.timed(kind, time.perf_counter() - t0)
        await page.evaluate(OBSERVER)
        last_ok = True

    async def search(word: str) -> None:
        nonlocal last_ok
        box = page.get_by_label("本文検索", exact=True)
        before = await page.evaluate("() => window.__nenpyoRuns || 0")
        await box.fill(word)
        t0 = time.perf_counter()
        await box.press("Enter")
        await rerun_done(page, before, action_timeout)
        stats.timed("filter", time.perf_counter() - t0)
        last_ok = True

    try:
        while time.monotonic() < deadline:
            step = [("open timeline", lambda: navigate("open timeline", f"{url}/?" + urllib.parse.urlencode(
                        {"q": rnd.choice(QUERIES)} if rnd.random() < 0.5 else {"from": "2023-09-01"}))),
                    ("filter", lambda: search(rnd.choice(QUERIES))),
                    ("filter", lambda: search("")),
                    ("open actors", lambda: navigate("open actors", f"{url}/actors")),
                    ("open source", lambda: navigate("open source", f"{url}/sources?" + urllib.parse.urlencode(
                        {"doc": rnd.choice(DOC_LABELS)})))]
            for name, action in step:
                if time.monotonic() >= deadline:
                    break
                last_ok = False
                try:
                    await action()
                except Exception as e:  # a timeout or a closed page: count it, go on
                    stats.errors.append(f"session {n}: {name}: {type(e).__name__}: {str(e).splitlines()[0][:120]}")
                if await page.locator('[data-testid="stException"]').count():
                    stats.errors.append(f"session {n}: {name}: Streamlit exception on the page")
                    last_ok = False
        state = await page.evaluate(
            "() => document.querySelector('[data-testid=\"stApp\"]')?.getAttribute('data-test-connection-state')")
        if last_ok and (state or "").upper() == "CONNECTED":
            stats.held += 1
        elif state and state.upper() != "CONNECTED":
            stats.errors.append(f"session {n}: connection state {state} at the end")
    finally:
        stats.errors.extend(f"session {n}: page error: {e}" for e in page_errors)
        await context.close()


class WsSession:
    """One Streamlit session over the websocket: rerun requests out, ForwardMsgs in."""

    def __init__(self, url: str, timeout: float) -> None:
        self.ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.timeout = timeout
        self.ws = None
        self.widget_ids: dict[str, str] = {}  # user key ("q") → widget id
        self.texts: list[str] = []

    async def connect(self) -> None:
        from websockets.asyncio.client import connect

        self.ws = await connect(self.ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=self.timeout)

    async def rerun(self, query_string: str = "", page: str = "", widgets: dict[str, str] | None = None) -> None:
        """Ask for a script run and read until it finishes; raise on an exception or a bad end."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        msg.rerun_script.query_string = query_string
        msg.rerun_script.page_name = page
        for key, value in (widgets or {}).items():
            state = msg.rerun_script.widget_states.widgets.add()
            state.id = self.widget_ids[key]
            state.string_value = value
        await self.ws.send(msg.SerializeToString())
        self.texts = []
        deadline = time.monotonic() + self.timeout
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), max(0.1, deadline - time.monotonic()))
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                el = fwd.delta.new_element
                which = el.WhichOneof("type")
                if which == "exception":
                    raise RuntimeError(f"exception on the page: {el.exception.type}: {el.exception.message[:100]}")
                if which == "text_input" and "-" in el.text_input.id:
                    self.widget_ids[el.text_input.id.rsplit("-", 1)[-1]] = el.text_input.id
                if which == "markdown":
                    self.texts.append(el.markdown.body)
            elif kind == "script_finished":
                status = fwd.script_finished
                if status not in (0, 3):  # FINISHED_SUCCESSFULLY, FINISHED_EARLY_FOR_RERUN
                    raise RuntimeError(f"script run ended with status {status}")
                if status == 0:
                    return

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()


async def ws_session(n: int, url: str, deadline: float, stats: Stats, action_timeout: float) -> None:
    rnd = random.Random(n)
    client = WsSession(url, action_timeout)
    last_ok = False

    async def act(kind: str, **request) -> None:
        nonlocal last_ok
        t0 = time.perf_counter()
        await client.rerun(**request)
        stats.timed(kind, time.perf_counter() - t0)
        last_ok = True

    try:
        await client.connect()
        while time.monotonic() < deadline:
            word = rnd.choice(QUERIES)
            steps = [("open timeline", {"query_string": urllib.parse.urlencode(
                         {"q": word} if rnd.random() < 0.5 else {"from": "2023-09-01"})}),
                     ("filter", {"widgets": {"q": rnd.choice(QUERIES)}}),
                     ("filter", {"widgets": {"q": ""}}),
                     ("open actors", {"page": "actors"}),
                     ("open source", {"page": "sources",
                                      "query_string": urllib.parse.urlencode({"doc": rnd.choice(DOC_LABELS)})})]
            for name, request in steps:
                if time.monotonic() >= deadline:
                    break
                last_ok = False
                try:
                    await act(name, **request)
                except KeyError:  # the search box was not seen yet: open the timeline first
                    last_ok = True
                except Exception as e:  # noqa: BLE001 — counted, the session goes on if it can
                    stats.errors.append(f"ws session {n}: {name}: {type(e).__name__}: {str(e)[:120]}")
                    if client.ws is None or client.ws.close_code is not None:
                        return
        if last_ok and client.ws.close_code is None:
            stats.held += 1
    except Exception as e:  # noqa: BLE001
        stats.errors.append(f"ws session {n}: {type(e).__name__}: {str(e)[:120]}")
    finally:
        await client.close()


def writer(data_dir: str, stop: threading.Event, every: float, out: dict) -> None:
    """Add an article to the store every `every` seconds until stopped."""
    from events.store import Store

    store = Store(data_dir, seed=False)
    rnd = random.Random(7)
    i = 0
    while not stop.wait(every):
        i += 1
        month, day = rnd.randrange(1, 13), rnd.randrange(1, 28)
        text = (f"負荷試験の記事{i}。気象庁は2024年{month}月{day}日、台風{i}号が発生したと発表した。\n\n"
                f"政府は{day + 1}日、関係閣僚会議を開き、対応を協議した。整理番号{time.time_ns()}。")
        t0 = time.perf_counter()
        try:
            store.add_document(text, title=f"負荷試験 {i}", source="bench")
            out["times"].append(time.perf_counter() - t0)
        except Exception as e:  # noqa: BLE001 — reported, never fatal
            out["errors"].append(f"writer: {type(e).__name__}: {e}")


async def run(args, url: str, data_dir: str) -> tuple[Stats, dict]:
    stats = Stats()
    written: dict = {"times": [], "errors": []}
    stop = threading.Event()
    thread = threading.Thread(target=writer, args=(data_dir, stop, args.write_every, written), daemon=True)
    try:
        if args.mode == "ws":
            deadline = time.monotonic() + args.duration
            thread.start()
            await asyncio.gather(*[ws_session(n, url, deadline, stats, args.action_timeout)
                                   for n in range(args.sessions)])
            return stats, written
        from playwright.async_api import async_playwright

        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=args.chromium, headless=True, args=LAUNCH_ARGS)
            try:
                deadline = time.monotonic() + args.duration
                thread.start()
                await asyncio.gather(*[session(n, browser, url, deadline, stats, args.action_timeout)
                                       for n in range(args.sessions)])
            finally:
                await browser.close()
        return stats, written
    finally:
        stop.set()
        if thread.is_alive():
            thread.join(10)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mode", choices=["ws", "browser"], default="ws",
                    help="websocket sessions (server response) or chromium pages (drawing included)")
    ap.add_argument("--sessions", type=int, default=8, help=f"concurrent browser sessions (≤ {MAX_SESSIONS})")
    ap.add_argument("--duration", type=float, default=30.0, help=f"seconds of load (≤ {MAX_DURATION:.0f})")
    ap.add_argument("--write-every", type=float, default=2.0, help="seconds between added articles")
    ap.add_argument("--action-timeout", type=float, default=20.0, help="seconds before an action counts as failed")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args()
    args.sessions = max(1, min(args.sessions, MAX_SESSIONS))
    args.duration = max(5.0, min(args.duration, MAX_DURATION))
    args.chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if args.mode == "browser" and not args.chromium:
        print("chromium not found (apt-get install chromium); try --mode ws", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    tmp = Path(tempfile.mkdtemp(prefix="nenpyo-load-"))
    data_dir = str(tmp / "store")
    from events.store import Store

    t0 = time.perf_counter()
    store = Store(data_dir)
    store.event_table()  # seed and analyse once, so the server starts warm
    from nenpyo_ui.filters import doc_label

    DOC_LABELS[:] = [doc_label(d.id, d.title) for d in store.documents(with_text=False)]
    print(f"store ready in {time.perf_counter() - t0:.1f} s ({data_dir})", file=sys.stderr)
    env = {k: v for k, v in os.environ.items()
           if k not in {"NENPYO_DASHBOARD_DATA", "NENPYO_EDIT_PASSWORD", "NENPYO_READ_PASSWORD"}}
    env.update(NENPYO_DATA_DIR=data_dir, PYTHONPATH=str(ROOT))
    log = open(tmp / "streamlit.log", "w")
    proc, url = start_server(env, log)
    try:
        # warm the server's caches with one visit, so the figures are about concurrency
        asyncio.run(asyncio.wait_for(_warm(args, url), 30))  # both modes: one session, every page
        began = time.perf_counter()
        stats, written = asyncio.run(asyncio.wait_for(run(args, url, data_dir), WATCHDOG))
        elapsed = time.perf_counter() - began
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
    all_times = [x for v in stats.times.values() for x in v]
    summary = {
        "mode": args.mode, "sessions": args.sessions, "duration_s": round(elapsed, 1), "sessions_held": stats.held,
        "actions": stats.actions, "errors": len(stats.errors) + len(written["errors"]),
        "median_s": round(statistics.median(all_times), 3) if all_times else None,
        "p95_s": round(pct(all_times, 0.95), 3) if all_times else None,
        "by_action": {k: {"n": len(v), "median_s": round(statistics.median(v), 3), "p95_s": round(pct(v, 0.95), 3)}
                      for k, v in sorted(stats.times.items())},
        "articles_added": len(written["times"]),
        "add_median_s": round(statistics.median(written["times"]), 3) if written["times"] else None,
        "error_samples": (stats.errors + written["errors"])[:10],
    }
    print(f"load test ({args.mode}): {args.sessions} sessions × {elapsed:.0f} s on {url} (loopback), "
          f"one writer adding an article every {args.write_every:g} s")
    print(f"  sessions held      {stats.held}/{args.sessions}")
    print(f"  errors             {summary['errors']}")
    print(f"  responses          {stats.actions}   median {summary['median_s']} s   p95 {summary['p95_s']} s")
    for kind, row in summary["by_action"].items():
        print(f"    {kind:<16} n={row['n']:<4} median {row['median_s']:.3f} s   p95 {row['p95_s']:.3f} s")
    print(f"  articles added     {summary['articles_added']} (median {summary['add_median_s']} s per add)")
    for line in summary["error_samples"]:
        print(f"  ! {line}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0 if stats.held == args.sessions and not summary["errors"] else 1


async def _warm(args, url: str) -> None:
    if args.mode == "ws":
        client = WsSession(url, 25)
        await client.connect()
        for request in ({}, {"page": "actors"}, {"page": "sources", "query_string": urllib.parse.urlencode(
                {"doc": DOC_LABELS[0]})}):
            await client.rerun(**request)
        await client.close()
        return
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=args.chromium, headless=True, args=LAUNCH_ARGS)
        page = await browser.new_page()
        for path in ("/", "/actors", "/sources?" + urllib.parse.urlencode({"doc": DOC_LABELS[0]})):
            await page.goto(url + path, wait_until="domcontentloaded")
            await wait_idle(page, 25)
        await browser.close()


if __name__ == "__main__":
    sys.exit(main())
