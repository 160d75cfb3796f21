"""Command line: `python -m events timex FILE [--dct YYYY-MM-DD]` and `python -m events build …`.

Exit status 0 on success, 2 on bad input with a one-line message on stderr."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import corpus_cli
from .dct import find_document_date
from .io import InputError, read_document, read_text_file
from .timex import extract_timexes
from .userdate import parse_user_date


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own exit code is 2 as well; keep it one line
        print(f"{self.prog}: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m events", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    timex = sub.add_parser("timex", help="print the temporal expressions of one article as JSON")
    timex.add_argument("file")
    timex.add_argument("--dct", help="the document's date (2023-09-05, 2023/9/5, 2023年9月5日 …)")
    build = sub.add_parser("build", help="write the event table for articles (default: the sample corpus)")
    build.add_argument("paths", nargs="*", help="files or folders of .txt/.html (a manifest.csv beside them "
                                                "gives titles and dates)")
    build.add_argument("--out", required=True, help="output file: .csv, .jsonl or .parquet")
    build.add_argument("--workers", type=int, default=None, help="processes (default: all cores for large inputs)")
    corpus_cli.register(sub)
    return parser


def run_timex(args) -> int:
    given = parse_user_date(args.dct) if args.dct else None
    path = Path(args.file)
    if path.suffix.lower() in (".html", ".htm"):
        text = read_document(path).text  # offsets index the article text taken from the page
    else:
        text = read_text_file(path, normalize_newlines=False)
    dct = find_document_date(text, given)
    timexes = extract_timexes(text, dct.value)
    out = {
        "dct": dct.value.isoformat() if dct.value else None,
        "dct_source": dct.source,
        "dct_confidence": dct.confidence,
        "dct_evidence": dct.evidence,
        "timexes": [t.as_json() for t in timexes],
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


OUTPUT_FORMATS = (".csv", ".jsonl", ".parquet")


def run_build(args) -> int:
    import time

    from .io import load_corpus
    from .pipeline import analyze_corpus
    from .export import write_table
    from .table import event_table

    out = Path(args.out)
    if out.suffix.lower() not in OUTPUT_FORMATS:
        raise InputError(f"{out}: output must end in {', '.join(OUTPUT_FORMATS)}")
    started = time.perf_counter()
    docs, warnings = load_corpus(args.paths or None)
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    if not docs:
        raise InputError("no readable articles in " + (" ".join(args.paths) or "the sample corpus"))
    analyses = analyze_corpus(docs, workers=args.workers, progress=_progress_bar() if sys.stderr.isatty() else None)
    table = event_table(analyses)
    write_table(table, out)
    actors = {a for row in table["actors"] for a in row}
    print(f"{len(docs)} documents, {len(table)} events, {len(actors)} actors, "
          f"{table['cluster_id'].nunique()} clusters, {time.perf_counter() - started:.1f} s → {out}",
          file=sys.stderr)
    return 0


def _progress_bar(width: int = 30):
    def show(done: int, total: int) -> None:
        filled = width * done // total
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} documents")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()
    return show


COMMANDS = {"timex": run_timex, "build": run_build, **corpus_cli.COMMANDS}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {args.__dict__.get('file', '')}: {exc.strerror or exc}", file=sys.stderr)
        return 2
