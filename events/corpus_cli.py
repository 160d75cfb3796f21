"""Command line for the corpus store: `python -m events add FILE…`, `list`, `remove ID`,
`set-date ID DATE`. Each works on the store in NENPYO_DATA_DIR (default ./.nenpyo/).

events.cli wires these in: register(subparsers) in build_parser, COMMANDS in its dispatch table.
Bad input (unknown id, bad date, unreadable or refused file) → exit status 2 with a one-line
message on stderr; `add` still adds the other files and prints one line per file.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from .ingest import MAX_ZIP_BYTES, Message, Upload
from .io import HTML_SUFFIXES, MANIFEST_NAME, MAX_BYTES, TEXT_SUFFIXES, InputError

__all__ = ["register", "COMMANDS", "read_uploads"]

_ACCEPTED = TEXT_SUFFIXES | HTML_SUFFIXES | {".zip"}


def register(subparsers) -> None:
    """Add the corpus subcommands to an argparse subparsers object."""
    add = subparsers.add_parser("add", help="add articles (.txt, .html, .zip, a folder; manifest.csv "
                                            "beside them gives ids, titles and dates) to the store")
    add.add_argument("files", nargs="+", metavar="FILE")
    add.add_argument("--date", help="publication date for files without one in a manifest")
    add.add_argument("--source", default="", help="outlet name for these files")
    lst = subparsers.add_parser("list", help="list stored documents: id, date, how the date was set, title")
    lst.add_argument("--json", action="store_true", help="one JSON object per line")
    rm = subparsers.add_parser("remove", help="remove a document from the store")
    rm.add_argument("id")
    sd = subparsers.add_parser("set-date", help="correct a document's publication date")
    sd.add_argument("id")
    sd.add_argument("date", nargs="?", help="2023-09-05, 2023年9月5日, 令和5年9月5日, Sep 5 2023 …")
    sd.add_argument("--clear", action="store_true", help="drop the correction")


def _store():
    from .store import Store

    return Store()


def _read_one(path: Path) -> Upload | Message:
    """A file named on the command line → Upload, or a "skipped" message (never reads more than
    the size limit allows)."""
    name = path.name or str(path)
    try:
        st = path.stat()
    except OSError as e:
        return Message(name, "skipped", f"{name}: cannot read ({e.strerror or e})")
    if not path.is_file():
        return Message(name, "skipped", f"{name}: not a regular file")
    limit = MAX_ZIP_BYTES if path.suffix.lower() == ".zip" else MAX_BYTES
    if st.st_size > limit:
        return Message(name, "skipped", f"{name}: {st.st_size / 2**20:.1f} MB is over the "
                                        f"{limit // 2**20} MB limit")
    try:
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        return Message(name, "skipped", f"{name}: cannot read ({e.strerror or e})")
    if len(data) > limit:
        return Message(name, "skipped", f"{name}: over the {limit // 2**20} MB limit")
    return Upload(name, data)


def read_uploads(paths: list[str]) -> list[tuple[list[Upload], list[Message]]]:
    """Files and folders → batches, one per folder (a manifest.csv applies to its own folder).
    A folder contributes its .txt/.html/.htm/.zip files and its manifest.csv (not recursive)."""
    groups: dict[Path, tuple[list[Upload], list[Message]]] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                children = sorted(c for c in path.iterdir() if c.is_file() and (
                    c.suffix.lower() in _ACCEPTED or c.name.lower() == MANIFEST_NAME))
            except OSError as e:
                groups.setdefault(path, ([], []))[1].append(
                    Message(str(path), "skipped", f"{path}: cannot list folder ({e.strerror or e})"))
                continue
            if not children:
                groups.setdefault(path, ([], []))[1].append(
                    Message(str(path), "skipped", f"{path}: no .txt/.html/.zip files in this folder"))
            files = children
            key = path.resolve()
        else:
            files = [path]
            key = path.parent.resolve()
        uploads, msgs = groups.setdefault(key, ([], []))
        for f in files:
            got = _read_one(f)
            (uploads if isinstance(got, Upload) else msgs).append(got)
    return list(groups.values())


def run_add(args) -> int:
    from .store import Store

    published = Store.parse_date(args.date) if args.date else None  # a bad date stops before any work
    store = _store()
    skipped = added = 0
    for uploads, msgs in read_uploads(args.files):
        if uploads:
            msgs = msgs + store.add_files(uploads, published=published, source=args.source)
        for m in msgs:
            print(m.line())
            skipped += m.status == "skipped"
            added += m.status == "added"
    sys.stdout.flush()
    if skipped:
        print(f"error: {skipped} file{'s' if skipped > 1 else ''} not added ({added} added)", file=sys.stderr)
        return 2
    return 0


def run_list(args) -> int:
    store = _store()
    rows = store.statuses()
    if args.json:
        for r in rows:
            print(json.dumps({"id": r.id, "date": r.date.isoformat() if r.date else None,
                              "date_source": r.date_source, "confidence": r.confidence, "title": r.title,
                              "source": r.source, "url": r.url}, ensure_ascii=False))
        return 0
    width = max([2] + [len(r.id) for r in rows])
    print(f"{'id':<{width}}  {'date':<10}  {'how set':<9}  title")
    for r in rows:
        print(f"{r.id:<{width}}  {r.date.isoformat() if r.date else '-':<10}  {r.date_source:<9}  "
              f"{r.title.replace(chr(10), ' ')}")
    return 0


def run_remove(args) -> int:
    _store().remove(args.id)
    print(f"removed {args.id}")
    return 0


def run_set_date(args) -> int:
    if args.clear == (args.date is not None):
        raise InputError("set-date: give either a DATE or --clear")
    store = _store()
    value = store.set_date(args.id, None if args.clear else args.date)
    print(f"{args.id}: date {'correction dropped' if value is None else f'set to {value.isoformat()}'}")
    return 0


COMMANDS = {"add": run_add, "list": run_list, "remove": run_remove, "set-date": run_set_date}
