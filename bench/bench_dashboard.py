"""Benchmark of the dashboard in a real browser: (dataset) → seconds from opening the URL to
the timeline drawn, and from a filter change to the redrawn timeline, beside bare Streamlit
pages that show one plotly chart and nothing else (same data loader, same text filter).

Two bare pages, so the comparison is fair and says where the time goes:
  bare (same figure)   the dashboard's own timeline figure (nenpyo_ui.figures.timeline_figure,
                       cached the same way) for the same filter: exactly the marks the dashboard
                       draws, so dashboard ÷ this is the cost of everything around the chart
                       (sidebar, detail, table, downloads). The 1.5× target is against this page.
  bare (raw points)    one plain marker per event (WebGL above 2,000), no aggregation: what a
                       naive chart of the same events costs, for reference.
A chart counts as drawn when plotly has laid out its traces and Streamlit is idle; a filter
change counts as redrawn when the drawn data's signature (marks and counts) has changed.

Run: python bench/bench_dashboard.py [--n 100000] [--repeat 3] [--only synthetic]
Needs Debian's chromium and the playwright package. Prints a table; not a test.
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

BARE_SAME = '''
import streamlit as st
from nenpyo_ui.data import load_dataset
from nenpyo_ui.figures import timeline_figure
from nenpyo_ui.filters import apply_filters, make_filters
st.set_page_config(layout="wide")
ds = load_dataset()
q = st.text_input("q", key="q")

@st.cache_resource(max_entries=16)
def figure(q):
    return timeline_figure(apply_filters(ds.events, make_filters(query=q)), actors=ds.actors, lang="en")

st.plotly_chart(figure(q), key="chart")
'''

BARE_RAW = '''
import plotly.graph_objects as go
import streamlit as st
from nenpyo_ui.data import load_dataset
from nenpyo_ui.filters import apply_filters, make_filters
st.set_page_config(layout="wide")
ds = load_dataset()
q = st.text_input("q", key="q")
df = apply_filters(ds.events, make_filters(query=q))
df = df[df["start"].notna()]
lanes = {d: i for i, d in enumerate(sorted(set(df["doc_id"])))}
trace = go.Scattergl if len(df) > 2000 else go.Scatter
fig = go.Figure(trace(x=df["start"].to_numpy(), y=[lanes[d] for d in df["doc_id"]], mode="markers"))
st.plotly_chart(fig, key="chart")
'''

# Marks drawn by the first plotly chart: points/bars per trace, non-empty cells of a heatmap.
MARKS_JS = """() => { const gd = document.querySelector('.js-plotly-plot');
  if (!gd || !gd._fullData || !gd._fullLayout || !gd._fullLayout._size) return -1;
  let n = 0;
  for (const t of gd._fullData) {
    if (t.z && t.z.length) { for (const row of t.z) for (const v of Array.from(row)) if (v !== null && !Number.isNaN(v)) n++; }
    else n += (t._length || 0);
  }
  return n; }"""
# Signature of the drawn data: changes when a filter changes the counts, even at equal marks.
SIGNATURE_JS = """() => { const gd = document.querySelector('.js-plotly-plot');
  if (!gd || !gd._fullData) return '';
  return gd._fullData.map(t => { let s = 0;
    const add = a => { if (!a) return; for (const v of Array.from(a)) { if (Array.isArray(v) || ArrayBuffer.isView(v)) add(v);
      else if (typeof v === 'number' && !Number.isNaN(v)) s += v; } };
    add(t.z); add(t.y); return t.type + ':' + (t._length || 0) + ':' + s; }).join('|'); }"""
IDLE_JS = """() => !document.querySelector('[data-testid="stStatusWidget"]')
  && !document.querySelector('[data-testid="stSkeleton"]')"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(script: str, env: dict) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
                             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise TimeoutError("server did not start")


def measure(browser, url: str, query: str, repeat: int) -> tuple[float, float, int, int]:
    """Median seconds (open → drawn, filter → redrawn) and the marks drawn before/after."""
    opens, changes, before, after = [], [], 0, 0
    for i in range(repeat + 1):  # the first round warms the server's cache
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        t0 = time.perf_counter()
        page.goto(url)
        page.wait_for_function(f"() => ({MARKS_JS})() > 0 && ({IDLE_JS})()", timeout=120_000, polling=50)
        t_open = time.perf_counter() - t0
        before = page.evaluate(MARKS_JS)
        signature = page.evaluate(SIGNATURE_JS)
        box = page.locator('input[aria-label="q"], input[aria-label="本文検索"], '
                           'input[aria-label="Search the text"]').first
        box.fill(query)
        t1 = time.perf_counter()
        box.press("Enter")
        page.wait_for_function(
            "(sig) => { const n = (" + MARKS_JS + ")(); return n > 0 && (" + SIGNATURE_JS + ")() !== sig && ("
            + IDLE_JS + ")(); }", arg=signature, timeout=120_000, polling=50)
        t_change = time.perf_counter() - t1
        after = page.evaluate(MARKS_JS)
        page.close()
        if i:
            opens.append(t_open)
            changes.append(t_change)
    return statistics.median(opens), statistics.median(changes), before, after


def main() -> None:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000, help="synthetic events")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", choices=["corpus", "synthetic"], help="run one of the two datasets")
    args = ap.parse_args()
    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("chromium not found (apt-get install chromium)")
    tmp = Path(tempfile.mkdtemp())
    (tmp / "bare_same.py").write_text(BARE_SAME, encoding="utf-8")
    (tmp / "bare_raw.py").write_text(BARE_RAW, encoding="utf-8")
    apps = [("dashboard", "dashboard.py"), ("bare (same figure)", str(tmp / "bare_same.py")),
            ("bare (raw points)", str(tmp / "bare_raw.py"))]
    cases = [("sample corpus", "corpus", "会談"), (f"synthetic {args.n:,}", f"synthetic:{args.n}", "イベント 1")]
    if args.only:
        cases = [c for c in cases if c[1].startswith(args.only)]
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=LAUNCH_ARGS)
        for name, spec, query in cases:
            env = dict(os.environ, NENPYO_DASHBOARD_DATA=spec, PYTHONPATH=str(ROOT))
            for app, script in apps:
                proc, url = start(script, env)
                try:
                    rows.append((name, app, *measure(browser, url, query, args.repeat)))
                    print(*rows[-1], file=sys.stderr, flush=True)
                finally:
                    proc.terminate()
                    proc.wait(10)
        browser.close()
    print(f"{'data':<20}{'page':<20}{'open→drawn s':>14}{'filter→redrawn s':>18}{'marks':>16}")
    for name, app, t_open, t_change, before, after in rows:
        print(f"{name:<20}{app:<20}{t_open:>14.2f}{t_change:>18.2f}{f'{before}→{after}':>16}")
    for name in dict.fromkeys(r[0] for r in rows):
        d = next(r for r in rows if r[0] == name and r[1] == "dashboard")
        for app in ("bare (same figure)", "bare (raw points)"):
            b = next(r for r in rows if r[0] == name and r[1] == app)
            print(f"{name}: open {d[2] / b[2]:.2f}× {app}, filter change {d[3] / b[3]:.2f}× {app}")


if __name__ == "__main__":
    main()
