"""Benchmark of the whole build: repeated sample corpus → event table, in characters per second and memory.

Times `events.pipeline.analyze_corpus(docs)` + `events.table.event_table(analyses)` (dates, actors,
events, clusters) beside ja-timex's date pass alone on the same input in the same run, each in a
process of its own. Targets: the whole build at least as fast as ja-timex alone; under 500 MB of
memory for 10 MB of text; both cores used for large inputs (`--workers`).

    python bench/bench_build.py                          # ~1 MB, 3 timed repetitions
    python bench/bench_build.py --mb 10 --reps 1 --workers 2

Memory is reported twice: ru_maxrss of the build's main process (and of its largest pool worker),
and the peak of the whole process tree sampled every 0.1 s (PSS: pages shared by forked workers
are split between them, so the sum is not inflated). Exit status 1 when the build could not be
measured. ja-timex runs from bench/.venv-jatimex (create it with bench/setup_jatimex.sh).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib  # noqa: E402 - the bench folder is not a package

TARGET_RATIO = 1.0
MEMORY_TARGET_MB = 500  # for 10 MB of text


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0, help="input size in MB of UTF-8 text (default 1)")
    ap.add_argument("--reps", type=int, default=3, help="timed repetitions after the warm-up (default 3)")
    ap.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes for analyze_corpus(workers=N); default: all CPUs from 5 MB up, else 1",
    )
    ap.add_argument("--corpus", type=Path, default=benchlib.CORPUS, help="folder of .txt files (+ manifest.csv)")
    ap.add_argument("--jatimex-python", help="interpreter with ja-timex (default bench/.venv-jatimex/bin/python)")
    ap.add_argument("--no-jatimex", action="store_true", help="time the build only")
    ap.add_argument("--json", help="also write the figures to this JSON file")
    args = ap.parse_args(argv)
    if args.mb <= 0 or args.reps < 1 or (args.workers is not None and args.workers < 1):
        ap.error("--mb must be positive, --reps and --workers at least 1")
    if args.workers is None:
        args.workers = (os.cpu_count() or 1) if args.mb >= 5 else 1
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    data = benchlib.write_input(args.corpus, args.mb, benchlib.BENCH / "out")
    # Warm up on one copy of the corpus: enough to load dictionaries and compile patterns, without
    # doubling the run time of a 10 MB input.
    common = ["--reps", str(args.reps), "--warmup-docs", str(data.texts)]

    ours = benchlib.run_worker(
        "nenpyo build", sys.executable, "build", data, *common, "--workers", str(args.workers), sample_tree=True
    )
    theirs = None
    jt_python = None if args.no_jatimex else benchlib.jatimex_python(args.jatimex_python)
    if jt_python:
        theirs = benchlib.run_worker("ja-timex TimexParser", jt_python, "jatimex", data, *common, sample_tree=True)

    print()
    print(benchlib.header("nenpyo whole-build benchmark (dates, actors, events, clusters → event table)", data))
    print(
        f"timing:  median of {args.reps} passes after a warm-up on one corpus copy ({data.texts} documents), "
        "one process tree per system\n"
    )

    rows = [["system", "workers", "rows", "median s", "chars/s", "peak RSS MB", "pool max MB", "tree peak MB"]]
    for outcome, unit in ((ours, "events"), (theirs, "timexes")):
        if outcome and outcome.ok:
            f = outcome.figures
            rows.append(
                [
                    f"{f['system']} {f['version']}",
                    str(f.get("workers", 1)),
                    f"{f['count']:,} {unit}",
                    f"{f['median_s']:.3f}",
                    f"{benchlib.throughput(data, outcome):,.0f}",
                    f"{f['peak_rss_mb']:.0f}",
                    f"{f['children_peak_rss_mb']:.0f}" if f["children_peak_rss_mb"] else "-",
                    f"{outcome.tree_peak_mb:.0f}",
                ]
            )
    if len(rows) > 1:
        print(benchlib.table(rows))
        print(
            "\npeak RSS = ru_maxrss of the main process; pool max = ru_maxrss of its largest child;\n"
            "tree peak = summed PSS of the process and its children, sampled every 0.1 s."
        )

    if ours.ok:
        f = ours.figures
        found = ", ".join(
            f"{f[key]:,} {name}"
            for key, name in (("distinct_doc_id", "documents"), ("distinct_actors", "actors"), ("distinct_cluster_id", "clusters"))
            if key in f
        )
        if found:
            print(f"\nevent table: {f['count']:,} events; distinct {found}")
        for note in f.get("notes", []):
            print(f"note: {note}")
        memory = max(ours.tree_peak_mb, f["peak_rss_mb"])
        text_mb = data.utf8_bytes / benchlib.MB
        if text_mb >= 9.5:
            verdict = "meets" if memory < MEMORY_TARGET_MB else "ABOVE"
            print(f"memory: {memory:.0f} MB peak for {text_mb:.1f} MB of text ({verdict} the target of <{MEMORY_TARGET_MB} MB)")
        else:
            print(
                f"memory: {memory:.0f} MB peak for {text_mb:.1f} MB of text "
                f"(the target, <{MEMORY_TARGET_MB} MB, is for 10 MB: run --mb 10 --reps 1 to check it)"
            )
    else:
        print(f"\nnenpyo: the build could not be measured: {ours.error}")
        print("(events.pipeline / events.table are not written yet, or fail to import; run again once they exist)")

    benchlib.report_baseline(args, jt_python, theirs)
    ratio = benchlib.report_ratio("nenpyo build / ja-timex dates-only throughput", data, ours, theirs, TARGET_RATIO)

    benchlib.write_json(
        args.json,
        {
            "benchmark": "build",
            "input": vars(data) | {"path": str(data.path)},
            "workers": args.workers,
            "nenpyo": (ours.figures | {"tree_peak_mb": ours.tree_peak_mb}) if ours.ok else {"error": ours.error},
            "jatimex": ((theirs.figures | {"tree_peak_mb": theirs.tree_peak_mb}) if theirs.ok else {"error": theirs.error})
            if theirs
            else None,
            "ratio": ratio,
        },
    )
    return 0 if ours.ok else 1


if __name__ == "__main__":
    sys.exit(main())
