"""Benchmark worker: one system timed in its own process (input JSONL → one JSON line of figures).

Run by bench_timex.py and bench_build.py, never by hand:

    python bench/worker.py SYSTEM INPUT.jsonl --reps 5 [--warmup-docs K] [--workers N] [--tracemalloc]

SYSTEM is one of
    timex     nenpyo's temporal engine: events.timex.extract_timexes(text, dct) per document
    build     nenpyo's whole build: events.pipeline.analyze_corpus(docs) + events.table.event_table()
    jatimex   ja-timex's TimexParser().parse(text) per document, reference = the document's date

Each system runs in a process of its own so that peak memory (ru_maxrss) belongs to one system
only; ja-timex runs under the interpreter of bench/.venv-jatimex, so this file imports nothing
outside the standard library at module level.

The last line on stdout is `RESULT {json}`. Exit status 3 with `{"error": ...}` means the system
is not available (not written yet, not installed); anything else on stderr is passed through.
"""
from __future__ import annotations

import argparse
import gc
import inspect
import json
import os
import resource
import statistics
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
UNAVAILABLE = 3


class Unavailable(Exception):
    """The system under test cannot be imported or lacks the expected entry point."""


def load_input(path: Path) -> list[dict]:
    """Read the benchmark input: one JSON object per line with id, text, title, dct (ISO or null)."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def parse_dct(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_rss_mb() -> float:
    """Peak RSS of the largest waited-for child process (worker pools), in MB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def import_nenpyo(module: str, name: str):
    """Import events.<module>.<name> from this checkout, or raise Unavailable with the reason."""
    sys.path.insert(0, str(REPO))
    try:
        mod = __import__(module, fromlist=[name])
    except ImportError as exc:
        raise Unavailable(f"cannot import {module}: {type(exc).__name__}: {exc}") from exc
    except Exception as exc:  # a module that exists but fails while importing
        raise Unavailable(f"importing {module} failed: {type(exc).__name__}: {exc}") from exc
    func = getattr(mod, name, None)
    if not callable(func):
        raise Unavailable(f"{module} has no function {name}()")
    return func


def nenpyo_version() -> str:
    try:
        from importlib.metadata import version

        return version("nenpyo")
    except Exception:  # not installed: the checkout's pyproject.toml says which version it is
        try:
            import tomllib

            with (REPO / "pyproject.toml").open("rb") as f:
                return tomllib.load(f)["project"]["version"] + " (checkout)"
        except Exception:
            return "checkout"


def setup_timex(records: list[dict], opts) -> tuple:
    extract_timexes = import_nenpyo("events.timex", "extract_timexes")
    items = [(r["text"], parse_dct(r["dct"])) for r in records]

    def run(subset):
        results = [extract_timexes(text, dct) for text, dct in subset]
        return sum(len(r) for r in results), {}

    return items, run, {"system": "nenpyo extract_timexes", "version": nenpyo_version()}


def setup_build(records: list[dict], opts) -> tuple:
    analyze_corpus = import_nenpyo("events.pipeline", "analyze_corpus")
    event_table = import_nenpyo("events.table", "event_table")
    from dataclasses import fields

    from events.model import Document

    accepted = {f.name for f in fields(Document)}
    values = lambda r: {  # noqa: E731 - one field map, used once per record
        "id": r["id"],
        "text": r["text"],
        "title": r.get("title", ""),
        "published": parse_dct(r["dct"]),
        "source": r.get("source", ""),
    }
    docs = [Document(**{k: v for k, v in values(r).items() if k in accepted}) for r in records]

    params = inspect.signature(analyze_corpus).parameters
    kwargs = {}
    notes = []
    if "workers" in params:
        kwargs["workers"] = opts.workers
    elif opts.workers != 1:
        notes.append(f"analyze_corpus has no 'workers' parameter; ran in one process, not {opts.workers}")
    for quiet in ("progress", "show_progress"):
        if quiet in params:
            kwargs[quiet] = False

    def run(subset):
        analyses = analyze_corpus(subset, **kwargs)
        table = event_table(analyses)
        extra = {}
        for column in ("cluster_id", "doc_id"):
            if hasattr(table, "columns") and column in table.columns:
                extra[f"distinct_{column}"] = int(table[column].nunique())
        if hasattr(table, "columns") and "actors" in table.columns:
            extra["distinct_actors"] = len({a for row in table["actors"] for a in (row or [])})
        return len(table), extra

    info = {
        "system": "nenpyo build",
        "version": nenpyo_version(),
        "workers": kwargs.get("workers", 1),
        "notes": notes,
    }
    return docs, run, info


def setup_jatimex(records: list[dict], opts) -> tuple:
    try:
        import pendulum
        from ja_timex import TimexParser
    except ImportError as exc:
        raise Unavailable(f"ja-timex is not installed for {sys.executable}: {exc}") from exc
    from importlib.metadata import version

    parser = TimexParser()
    items = []
    for r in records:
        dct = parse_dct(r["dct"])
        reference = pendulum.datetime(dct.year, dct.month, dct.day, tz="Asia/Tokyo") if dct else None
        items.append((r["text"], reference))

    def run(subset):
        results = []
        for text, reference in subset:
            # ja-timex attaches the reference to each TIMEX; it does not resolve 9月17日 with it.
            parser.reference = reference
            results.append(parser.parse(text))
        return sum(len(r) for r in results), {}

    return items, run, {"system": "ja-timex TimexParser", "version": version("ja-timex")}


SYSTEMS = {"timex": setup_timex, "build": setup_build, "jatimex": setup_jatimex}


def measure(system: str, records: list[dict], opts) -> dict:
    t0 = time.perf_counter()
    items, run, info = SYSTEMS[system](records, opts)
    info["setup_s"] = time.perf_counter() - t0
    info["rss_before_mb"] = rss_mb()

    warm = items[: opts.warmup_docs] if opts.warmup_docs > 0 else items
    t0 = time.perf_counter()
    run(warm)
    info["warmup_s"] = time.perf_counter() - t0
    info["warmup_docs"] = len(warm)

    walls, cpus = [], []
    count, extra = 0, {}
    for _ in range(opts.reps):
        gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        count, extra = run(items)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    info.update(extra)

    info["count"] = count
    info["walls_s"] = walls
    info["median_s"] = statistics.median(walls)
    info["median_cpu_s"] = statistics.median(cpus)
    info["peak_rss_mb"] = rss_mb()
    info["children_peak_rss_mb"] = children_rss_mb()

    if opts.tracemalloc:
        # One extra, untimed pass: tracemalloc slows allocation-heavy code two- to threefold.
        gc.collect()
        tracemalloc.start()
        run(items)
        info["heap_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return info


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("system", choices=sorted(SYSTEMS))
    ap.add_argument("input", type=Path)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--warmup-docs", type=int, default=0, help="warm up on the first K documents (0: all)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--tracemalloc", action="store_true")
    opts = ap.parse_args(argv)

    records = load_input(opts.input)
    try:
        result = measure(opts.system, records, opts)
    except Unavailable as exc:
        print("RESULT " + json.dumps({"error": str(exc)}, ensure_ascii=False), flush=True)
        return UNAVAILABLE
    result["pid"] = os.getpid()
    result["python"] = sys.version.split()[0]
    print("RESULT " + json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
