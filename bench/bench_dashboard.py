"""Benchmark of the dashboard in a real browser: (dataset) → seconds from opening the URL to
the timeline drawn, and from a filter change to the redrawn timeline, beside a bare Streamlit
page that shows one plotly chart of the same points (same data loader, same text filter).

Run: python bench/bench_dashboard.py [--n 100000] [--repeat 3]
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

BARE_PAGE = '''
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

# Points plotted: sum of trace lengths of the first plotly chart (typed arrays included).
POINTS_JS = """() => { const gd = document.querySelector('.js-plotly-plot');
  if (!gd || !gd._fullData || !gd._fullLayout) return -1;
  return gd._fullData.reduce((n, t) => n + (t._length || 0), 0); }"""
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
    """Median seconds (open → drawn, filter → redrawn) and the point counts before/after."""
    opens, changes, before, after = [], [], 0, 0
    for i in range(repeat + 1):  # the first round warms the server's cache
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        t0 = time.perf_counter()
        page.goto(url)
        page.wait_for_function(f"() => ({POINTS_JS})() > 0 && ({IDLE_JS})()", timeout=120_000, polling=50)
        t_open = time.perf_counter() - t0
        before = page.evaluate(POINTS_JS)
        box = page.locator('input[aria-label="q"], input[aria-label="本文検索"], '
                           'input[aria-label="Search the text"]').first
        box.fill(query)
        t1 = time.perf_counter()
        box.press("Enter")
        page.wait_for_function(f"() => {{ const n = ({POINTS_JS})(); return n >= 0 && n !== {before} && ({IDLE_JS})(); }}",
                               timeout=120_000, polling=50)
        t_change = time.perf_counter() - t1
        after = page.evaluate(POINTS_JS)
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
    args = ap.parse_args()
    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("chromium not found (apt-get install chromium)")
    bare = Path(tempfile.mkdtemp()) / "bare_page.py"
    bare.write_text(BARE_PAGE, encoding="utf-8")
    cases = [("sample corpus", "corpus", "会談"), (f"synthetic {args.n:,}", f"synthetic:{args.n}", "イベント 1")]
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=LAUNCH_ARGS)
        for name, spec, query in cases:
            env = dict(os.environ, NENPYO_DASHBOARD_DATA=spec, PYTHONPATH=str(ROOT))
            for app, script in (("dashboard", "dashboard.py"), ("bare page", str(bare))):
                proc, url = start(script, env)
                try:
                    rows.append((name, app, *measure(browser, url, query, args.repeat)))
                    print(*rows[-1], file=sys.stderr, flush=True)
                finally:
                    proc.terminate()
                    proc.wait(10)
        browser.close()
    print(f"{'data':<20}{'page':<12}{'open→drawn s':>14}{'filter→redrawn s':>18}{'points':>18}")
    for name, app, t_open, t_change, before, after in rows:
        print(f"{name:<20}{app:<12}{t_open:>14.2f}{t_change:>18.2f}{f'{before}→{after}':>18}")
    for name in dict.fromkeys(r[0] for r in rows):
        d = next(r for r in rows if r[0] == name and r[1] == "dashboard")
        b = next(r for r in rows if r[0] == name and r[1] == "bare page")
        print(f"{name}: open {d[2] / b[2]:.2f}× bare, filter change {d[3] / b[3]:.2f}× bare")


if __name__ == "__main__":
    main()
