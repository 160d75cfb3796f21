"""Benchmark of the temporal engine: repeated sample corpus → characters per second and peak memory.

Times nenpyo's `events.timex.extract_timexes(text, dct)` once per document (dct = the manifest
date) beside ja-timex's `TimexParser().parse(text)` on the same input in the same run, each in a
process of its own so their memory peaks do not mix. Target: nenpyo ≥ 5× ja-timex's throughput.

    python bench/bench_timex.py                 # ~1 MB of text, 5 timed repetitions
    python bench/bench_timex.py --mb 3 --reps 3 --json bench/out/timex.json

ja-timex runs from bench/.venv-jatimex (create it with bench/setup_jatimex.sh); without that venv
only nenpyo's figures are printed. Exit status 1 when nenpyo's engine could not be measured.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib  # noqa: E402 - the bench folder is not a package

TARGET_RATIO = 5.0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0, help="input size in MB of UTF-8 text (default 1)")
    ap.add_argument("--reps", type=int, default=5, help="timed repetitions after one warm-up pass (default 5)")
    ap.add_argument("--corpus", type=Path, default=benchlib.CORPUS, help="folder of .txt files (+ manifest.csv)")
    ap.add_argument("--jatimex-python", help="interpreter with ja-timex (default bench/.venv-jatimex/bin/python)")
    ap.add_argument("--no-jatimex", action="store_true", help="time nenpyo only")
    ap.add_argument("--no-tracemalloc", action="store_true", help="skip the extra heap-profiling pass")
    ap.add_argument("--json", help="also write the figures to this JSON file")
    args = ap.parse_args(argv)
    if args.mb <= 0 or args.reps < 1:
        ap.error("--mb must be positive and --reps at least 1")
    return args


def row(data: benchlib.BenchInput, outcome: benchlib.Outcome) -> list[str]:
    f = outcome.figures
    heap = f.get("heap_peak_mb")
    return [
        f"{f['system']} {f['version']}",
        f"{f['count']:,}",
        f"{f['median_s']:.3f}",
        f"{benchlib.throughput(data, outcome):,.0f}",
        f"{f['rss_before_mb']:.0f}",
        f"{f['peak_rss_mb']:.0f}",
        "-" if heap is None else f"{heap:.1f}",
        f"{f['setup_s']:.2f}",
    ]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    data = benchlib.write_input(args.corpus, args.mb, benchlib.BENCH / "out")
    worker_args = ["--reps", str(args.reps)] + ([] if args.no_tracemalloc else ["--tracemalloc"])

    ours = benchlib.run_worker("nenpyo extract_timexes", sys.executable, "timex", data, *worker_args)
    theirs = None
    jt_python = None if args.no_jatimex else benchlib.jatimex_python(args.jatimex_python)
    if jt_python:
        theirs = benchlib.run_worker("ja-timex TimexParser", jt_python, "jatimex", data, *worker_args)

    print()
    print(benchlib.header("nenpyo temporal engine benchmark", data))
    print(f"timing:  median of {args.reps} passes after 1 warm-up pass, one process per system\n")

    rows = [["system", "timexes", "median s", "chars/s", "RSS before MB", "peak RSS MB", "heap peak MB", "setup s"]]
    for outcome in (ours, theirs):
        if outcome and outcome.ok:
            rows.append(row(data, outcome))
    if len(rows) > 1:
        print(benchlib.table(rows))
        print(
            "\nRSS before = after imports and input, before the warm-up; peak RSS = ru_maxrss of the\n"
            "system's process; heap peak = tracemalloc peak of one extra pass (Python allocations only)."
        )

    if not ours.ok:
        print(f"\nnenpyo: events.timex.extract_timexes could not be measured: {ours.error}")
        print("(the temporal engine is not written yet, or fails to import; run again once it exists)")
    benchlib.report_baseline(args, jt_python, theirs)
    ratio = benchlib.report_ratio("nenpyo / ja-timex throughput", data, ours, theirs, TARGET_RATIO)

    benchlib.write_json(
        args.json,
        {
            "benchmark": "timex",
            "input": vars(data) | {"path": str(data.path)},
            "nenpyo": ours.figures or {"error": ours.error},
            "jatimex": (theirs.figures or {"error": theirs.error}) if theirs else None,
            "ratio": ratio,
        },
    )
    return 0 if ours.ok else 1


if __name__ == "__main__":
    sys.exit(main())
