"""Store stage: the embedded corpus store. Documents (text, original bytes, metadata, date
overrides) live in one SQLite file in the data directory; the event table is derived from them
and cached per document.

Layout: NENPYO_DATA_DIR (default ./.nenpyo/) holds nenpyo.sqlite3, created on first use with
ordered migrations recorded in schema_version, and seeded once with the bundled sample corpus.
WAL mode and a busy timeout let several processes read while one writes; every write runs in
one `BEGIN IMMEDIATE` transaction, so a process killed mid-import leaves either the whole batch
or none of it, and the next start works.

Derived data: each document's Analysis is cached as JSON under a key made of the content hash,
the effective publication date and a fingerprint of the extraction engine (EXTRACTOR_VERSION and
the engine's source and data files). After a change only documents whose key changed are
analysed again; the event table (events.table.event_table: per-document events, then clustering
over the whole corpus) is rebuilt from the analyses and memoised per revision.

Ids are validated ([A-Za-z0-9_-], bounded); no file path is ever built from user input.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3
import threading
import types
import typing
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import EXTRACTOR_VERSION
from .ingest import (
    MAX_ID_LENGTH,
    MAX_TITLE,
    Message,
    Prepared,
    Upload,
    clean_field,
    clean_url,
    content_hash,
    prepare_text,
    prepare_uploads,
    valid_id,
    with_id,
)
from .io import InputError
from .model import Document
from .userdate import parse_user_date

__all__ = ["DATA_DIR_ENV", "DEFAULT_DATA_DIR", "DB_NAME", "StoreError", "StoredDocument", "DocumentStatus",
           "Store", "default_data_dir", "engine_fingerprint"]

DATA_DIR_ENV = "NENPYO_DATA_DIR"
DEFAULT_DATA_DIR = ".nenpyo"
DB_NAME = "nenpyo.sqlite3"
BUSY_TIMEOUT_S = 30.0
MAX_DATE_INPUT = 100  # characters: a date typed by a person is short; longer input is refused
DATE_SOURCES = ("override", "manifest", "given", "html-meta", "text", "inferred", "none")


class StoreError(InputError):
    """A request the store cannot honour (unknown id, bad date …): one line, exit status 2."""


# ---------------------------------------------------------------------------------------------
# Schema: ordered migrations. Append, never edit a released one.

MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "documents, date overrides, analysis cache", """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    original BLOB NOT NULL,
    original_name TEXT NOT NULL DEFAULT '',
    media_type TEXT NOT NULL DEFAULT 'text/plain',
    encoding TEXT NOT NULL DEFAULT '',
    published TEXT,
    published_source TEXT,
    added_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE date_overrides (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    value TEXT,
    raw TEXT NOT NULL DEFAULT '',
    set_at TEXT NOT NULL
);
CREATE INDEX date_overrides_doc ON date_overrides(doc_id, id);
CREATE TABLE analyses (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    cache_key TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('revision', '0');
"""),
]
LATEST_SCHEMA = MIGRATIONS[-1][0]

# Files of the package that do not change what an analysis contains.
_NOT_ENGINE = frozenset({"store.py", "ingest.py", "corpus_cli.py", "cli.py", "export.py", "__main__.py", "io.py"})


def default_data_dir() -> Path:
    """NENPYO_DATA_DIR, else ./.nenpyo (relative to the working directory)."""
    return Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)


@lru_cache(maxsize=1)
def engine_fingerprint() -> str:
    """EXTRACTOR_VERSION + a hash of the engine's source and data files: a cached analysis made
    by other code or other gazetteer data is stale even when nobody bumped the version."""
    h = hashlib.sha256(EXTRACTOR_VERSION.encode())
    pkg = Path(__file__).resolve().parent
    files = sorted(p for p in pkg.glob("*.py") if p.name not in _NOT_ENGINE)
    files += sorted((pkg / "data").glob("*.tsv")) + sorted((pkg / "data").glob("*.json"))
    for p in files:
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return f"{EXTRACTOR_VERSION}+{h.hexdigest()[:16]}"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# ---------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class StoredDocument:
    """One stored document with its effective publication date.

    published / published_source: the date extraction uses and where it came from (override >
    manifest / given / html-meta); None when the date is to be found in the text."""

    id: str
    title: str
    source: str
    url: str
    text: str
    content_hash: str
    published: date | None
    published_source: str | None
    given_published: date | None  # the date that came with the document, before any override
    given_source: str | None
    override_raw: str | None  # what the person typed, when an override is set
    override_set_at: str | None
    original_name: str
    media_type: str
    encoding: str
    original_size: int
    added_at: str
    updated_at: str

    def to_document(self) -> Document:
        return Document(id=self.id, text=self.text, title=self.title, published=self.published,
                        source=self.source, url=self.url)


@dataclass(frozen=True)
class DocumentStatus:
    """A document's date as the engine uses it: value, how it was set, confidence, evidence."""

    id: str
    title: str
    source: str
    url: str
    date: date | None
    date_source: str  # one of DATE_SOURCES
    confidence: float
    evidence: str
    override_set_at: str | None


# ---------------------------------------------------------------------------------------------
# Analysis cache codec: dataclasses ↔ compact JSON (a dataclass is the list of its field values),
# one encoder/decoder compiled per type from the type hints. A cached row that no longer fits
# the classes fails to decode and is simply analysed again.

_PRIMITIVES = (str, int, float, bool, type(None), typing.Any)


def _identity(v):
    return v


def _strip_optional(tp):
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1:
            return rest[0], len(rest) != len(args)
        raise TypeError(f"cannot cache a union {tp}")
    return tp, False


@lru_cache(maxsize=None)
def _encoder(tp) -> Callable:
    inner, optional = _strip_optional(tp)
    origin, args = typing.get_origin(inner), typing.get_args(inner)
    if inner in _PRIMITIVES:
        return _identity
    if inner is date:
        enc = date.isoformat
    elif dataclasses.is_dataclass(inner):
        hints = typing.get_type_hints(inner)
        pairs = [(f.name, _encoder(hints[f.name])) for f in dataclasses.fields(inner)]
        enc = lambda o: [e(getattr(o, n)) for n, e in pairs]  # noqa: E731
    elif origin in (list, tuple, set, frozenset):
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            encs = [_encoder(a) for a in args]
            enc = lambda v: [e(x) for e, x in zip(encs, v)]  # noqa: E731
        else:
            item = _encoder(args[0])
            if origin in (set, frozenset):
                enc = lambda v: sorted((item(x) for x in v), key=repr)  # noqa: E731
            else:
                enc = (lambda v: list(v)) if item is _identity else (lambda v: [item(x) for x in v])
    elif origin is dict:
        value = _encoder(args[1])
        enc = lambda v: {str(k): value(x) for k, x in v.items()}  # noqa: E731
    else:
        raise TypeError(f"cannot cache a {tp}")
    return (lambda v: None if v is None else enc(v)) if optional else enc


@lru_cache(maxsize=None)
def _decoder(tp) -> Callable:
    inner, optional = _strip_optional(tp)
    origin, args = typing.get_origin(inner), typing.get_args(inner)
    if inner in _PRIMITIVES:
        return _identity
    if inner is date:
        dec = date.fromisoformat
    elif dataclasses.is_dataclass(inner):
        hints = typing.get_type_hints(inner)
        fields = dataclasses.fields(inner)
        if not all(f.init for f in fields):
            raise TypeError(f"cannot cache {inner.__name__}")
        decs = [_decoder(hints[f.name]) for f in fields]
        n = len(decs)

        def dec(data, cls=inner, decs=decs, n=n):
            if len(data) != n:
                raise ValueError(f"{cls.__name__}: {len(data)} values for {n} fields")
            return cls(*[d(x) for d, x in zip(decs, data)])
    elif origin in (list, tuple, set, frozenset):
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            decs = [_decoder(a) for a in args]
            dec = lambda v: tuple(d(x) for d, x in zip(decs, v))  # noqa: E731
        else:
            item = _decoder(args[0])
            dec = (lambda v: origin(v)) if item is _identity else (lambda v: origin(item(x) for x in v))
    elif origin is dict:
        value = _decoder(args[1])
        dec = lambda v: {k: value(x) for k, x in v.items()}  # noqa: E731
    else:
        raise TypeError(f"cannot cache a {tp}")
    return (lambda v: None if v is None else dec(v)) if optional else dec


def _analysis_fields():
    from .pipeline import Analysis

    hints = typing.get_type_hints(Analysis)
    return Analysis, [(f.name, hints[f.name]) for f in dataclasses.fields(Analysis) if f.name != "doc"]


def _encode_analysis(a) -> str:
    _, fields = _analysis_fields()
    return json.dumps({name: _encoder(tp)(getattr(a, name)) for name, tp in fields},
                      ensure_ascii=False, separators=(",", ":"))


def _decode_analysis(data: str, doc: Document):
    analysis, fields = _analysis_fields()
    values = json.loads(data)
    if set(values) != {name for name, _ in fields}:
        raise ValueError("cached analysis has other fields")
    return analysis(doc=doc, **{name: _decoder(tp)(values[name]) for name, tp in fields})


def _cache_key(d: StoredDocument) -> str:
    published = d.published.isoformat() if d.published else ""
    return hashlib.sha256(f"{engine_fingerprint()}|{d.content_hash}|{published}".encode()).hexdigest()


# ---------------------------------------------------------------------------------------------
# The store


_DOC_COLUMNS = ("d.id, d.title, d.source, d.url, {text}, d.content_hash, d.published, d.published_source, "
                "d.original_name, d.media_type, d.encoding, length(d.original), d.added_at, d.updated_at, "
                "o.value, o.raw, o.set_at")
_LATEST_OVERRIDE = ("LEFT JOIN date_overrides o ON o.id = "
                    "(SELECT MAX(id) FROM date_overrides WHERE doc_id = d.id)")


def _row_to_document(row) -> StoredDocument:
    (doc_id, title, source, url, text, chash, published, psource, oname, mtype, encoding, size,
     added, updated, o_value, o_raw, o_set_at) = row
    given = date.fromisoformat(published) if published else None
    if o_set_at is not None and o_value is not None:
        effective, how = date.fromisoformat(o_value), "override"
    else:
        effective, how = given, (psource if given else None)
    return StoredDocument(
        id=doc_id, title=title, source=source, url=url, text=text or "", content_hash=chash,
        published=effective, published_source=how, given_published=given,
        given_source=psource if given else None,
        override_raw=o_raw if o_value is not None else None,
        override_set_at=o_set_at if o_value is not None else None,
        original_name=oname, media_type=mtype, encoding=encoding, original_size=size or 0,
        added_at=added, updated_at=updated)


_EVIDENCE = {
    "override": "corrected by hand ({raw!r}, set {at})",
    "manifest": "from the manifest",
    "given": "given when the document was added",
    "html-meta": "from the page's publication-date metadata",
}


class Store:
    """The corpus store of one data directory.

    >>> store = Store()                       # ./.nenpyo/nenpyo.sqlite3, seeded with the samples
    >>> msgs = store.add_files([Upload("記事.txt", "9月5日に会談した。".encode("shift_jis"))])
    >>> table = store.event_table()           # re-extracts only what changed

    Safe to share between threads (a connection per call) and between processes (SQLite locks)."""

    def __init__(self, data_dir: str | Path | None = None, *, seed: bool = True) -> None:
        self.data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
        if self.data_dir.exists() and not self.data_dir.is_dir():
            raise StoreError(f"{self.data_dir}: data directory is a file")
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as e:
            raise StoreError(f"{self.data_dir}: cannot create the data directory ({e.strerror or e})") from None
        self.path = self.data_dir / DB_NAME
        self._lock = threading.Lock()
        self._memo: tuple[str, list, object] | None = None  # (revision, analyses, event table)
        self.last_extracted: list[str] = []  # ids analysed by the last analyses() call (for tests, logs)
        self._after_insert: Callable[[str], None] | None = None  # test hook: simulate a crash mid-batch
        self._migrate()
        if seed:
            self._seed()

    # connections and transactions -----------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        try:
            con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                  check_same_thread=False)
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot open the store ({e})") from None
        try:
            con.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            con.execute("PRAGMA foreign_keys = ON")
            con.execute("PRAGMA synchronous = FULL")
        except sqlite3.DatabaseError as e:
            con.close()
            raise StoreError(f"{self.path}: not a usable nenpyo store ({e})") from None
        return con

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        con = self._connect()
        try:
            con.execute("BEGIN")  # one consistent snapshot for the whole read
            try:
                yield con
            finally:
                con.execute("COMMIT")
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot read the store ({e})") from None
        finally:
            con.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: BEGIN IMMEDIATE takes the write lock up front (no deadlock when
        two processes upgrade from reading), everything commits or nothing does."""
        con = self._connect()
        try:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
        except sqlite3.Error as e:  # busy past the timeout, disk full, read-only …: nothing written
            raise StoreError(f"{self.path}: cannot write to the store ({e})") from None
        finally:
            con.close()

    @staticmethod
    def _bump(con: sqlite3.Connection) -> None:
        con.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'")

    def _migrate(self) -> None:
        con = self._connect()
        try:
            for _ in range(50):  # switching to WAL needs a moment alone with the file
                try:
                    con.execute("PRAGMA journal_mode = WAL")
                    break
                except sqlite3.OperationalError:
                    threading.Event().wait(0.1)
            con.execute("BEGIN IMMEDIATE")
            try:
                con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
                row = con.execute("SELECT MAX(version) FROM schema_version").fetchone()
                current = row[0] or 0
                if current > LATEST_SCHEMA:
                    raise StoreError(f"{self.path}: written by a newer nenpyo (schema {current}, this "
                                     f"one knows {LATEST_SCHEMA}); upgrade nenpyo")
                for version, _desc, sql in MIGRATIONS:
                    if version > current:
                        # statement by statement: executescript() would commit half-way
                        for statement in sql.split(";"):
                            if statement.strip():
                                con.execute(statement)
                        con.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
                if current == 0:
                    con.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('store_id', ?)",
                                (uuid.uuid4().hex[:12],))
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
        except sqlite3.OperationalError as e:
            raise StoreError(f"{self.path}: store is busy or read-only ({e}); try again") from None
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: not a usable nenpyo store ({e})") from None
        finally:
            con.close()

    def schema_version(self) -> int:
        with self._read() as con:
            return con.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]

    def _seed(self) -> None:
        """Load the bundled sample corpus once, when the store has never been seeded and is empty.
        A person who later removes every document gets an empty corpus, not the samples again."""
        with self._read() as con:
            if con.execute("SELECT 1 FROM meta WHERE key = 'seeded'").fetchone():
                return
        from .io import bundled_corpus_dir, load_corpus

        docs, _warnings = load_corpus()
        root = bundled_corpus_dir().resolve()
        prepared = []
        for doc in docs:
            path = Path(doc.source).resolve()  # a file of the package, not user input
            original = path.read_bytes() if path.parent == root else doc.text.encode("utf-8")
            name = path.name
            prepared.append(Prepared(
                name=name, doc=Document(id=doc.id, text=doc.text, title=doc.title, published=doc.published,
                                        source=name, url=doc.url),
                original=original, media_type="text/html" if name.endswith((".html", ".htm")) else "text/plain",
                encoding="", published_source="manifest" if doc.published else None,
                id_requested=True, hash=content_hash(doc.text)))
        with self._write() as con:
            if con.execute("SELECT 1 FROM meta WHERE key = 'seeded'").fetchone():
                return  # another process seeded it meanwhile
            con.execute("INSERT INTO meta (key, value) VALUES ('seeded', ?)", (_now(),))
            if con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]:
                return
            for p in prepared:
                self._insert(con, p)
            self._bump(con)

    # reading ---------------------------------------------------------------------------------
    def revision(self) -> str:
        """Changes whenever the corpus changes (add, remove, date or metadata edit) or the engine
        does: the dashboard's cache key. "<store id>:<counter>:<engine fingerprint>"."""
        with self._read() as con:
            meta = dict(con.execute("SELECT key, value FROM meta WHERE key IN ('store_id', 'revision')"))
        return f"{meta.get('store_id', '')}:{meta.get('revision', '0')}:{engine_fingerprint()}"

    def documents(self, *, with_text: bool = True) -> list[StoredDocument]:
        """Every document, ordered by id."""
        cols = _DOC_COLUMNS.format(text="d.text" if with_text else "''")
        with self._read() as con:
            rows = con.execute(f"SELECT {cols} FROM documents d {_LATEST_OVERRIDE} ORDER BY d.id").fetchall()
        return [_row_to_document(r) for r in rows]

    def get(self, doc_id: object) -> StoredDocument | None:
        """The document, or None for an unknown or malformed id (never an error: ids may come
        from a query string)."""
        if not valid_id(doc_id):
            return None
        cols = _DOC_COLUMNS.format(text="d.text")
        with self._read() as con:
            row = con.execute(f"SELECT {cols} FROM documents d {_LATEST_OVERRIDE} WHERE d.id = ?",
                              (doc_id,)).fetchone()
        return _row_to_document(row) if row else None

    def original(self, doc_id: object) -> tuple[str, str, bytes] | None:
        """(file name, media type, bytes) as uploaded, or None. Serve as a download, never render."""
        if not valid_id(doc_id):
            return None
        with self._read() as con:
            row = con.execute("SELECT original_name, media_type, original FROM documents WHERE id = ?",
                              (doc_id,)).fetchone()
        return (row[0], row[1], bytes(row[2])) if row else None

    def overrides(self, doc_id: object) -> list[tuple[str | None, str, str]]:
        """The date corrections of a document, oldest first: (ISO date or None = cleared, typed, when)."""
        if not valid_id(doc_id):
            return []
        with self._read() as con:
            return con.execute("SELECT value, raw, set_at FROM date_overrides WHERE doc_id = ? ORDER BY id",
                               (doc_id,)).fetchall()

    def _require(self, con: sqlite3.Connection, doc_id: object) -> str:
        if not valid_id(doc_id):
            raise StoreError(f"{str(doc_id)[:80]!r}: not a document id (letters, digits, - and _, "
                             f"at most {MAX_ID_LENGTH})")
        if not con.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone():
            raise StoreError(f"{doc_id}: no such document")
        return doc_id

    # derived data ----------------------------------------------------------------------------
    def analyses(self, *, workers: int | None = None,
                 progress: Callable[[int, int], None] | None = None) -> list:
        """Every document's Analysis (events.pipeline), ordered by id. Cached ones are reused;
        only documents whose text, effective date or engine changed are analysed again."""
        revision = self.revision()
        with self._lock:
            if self._memo and self._memo[0] == revision:
                self.last_extracted = []
                return list(self._memo[1])
        from .pipeline import analyze_corpus

        docs = self.documents()
        with self._read() as con:
            cached = {r[0]: (r[1], r[2]) for r in con.execute("SELECT doc_id, cache_key, data FROM analyses")}
        out: dict[str, object] = {}
        stale: list[StoredDocument] = []
        for d in docs:
            key, data = cached.get(d.id, (None, None))
            if key == _cache_key(d):
                try:
                    out[d.id] = _decode_analysis(data, d.to_document())
                    continue
                except Exception:  # noqa: BLE001 — written by incompatible code: analyse again
                    pass
            stale.append(d)
        fresh = analyze_corpus([d.to_document() for d in stale], workers=workers, progress=progress)
        if fresh:
            with self._write() as con:  # derived data: no revision bump
                for d, a in zip(stale, fresh):
                    out[d.id] = a
                    try:
                        data = _encode_analysis(a)
                    except TypeError:
                        continue  # uncacheable (a new field type): recomputed next time
                    # only if the document is still the one analysed
                    con.execute("INSERT OR REPLACE INTO analyses (doc_id, cache_key, data, created_at) "
                                "SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM documents "
                                "WHERE id = ? AND content_hash = ?)",
                                (d.id, _cache_key(d), data, _now(), d.id, d.content_hash))
        self.last_extracted = [d.id for d in stale]
        result = [out[d.id] for d in docs]
        with self._lock:
            self._memo = (revision, result, None)
        return list(result)

    def event_table(self, **kwargs):
        """The event table of DESIGN.md over all documents (a pandas DataFrame), from cached
        analyses; clustering always runs over the whole corpus. Memoised per revision()."""
        from .table import event_table

        revision = self.revision()
        with self._lock:
            if self._memo and self._memo[0] == revision and self._memo[2] is not None:
                self.last_extracted = []
                return self._memo[2].copy()
        analyses = self.analyses(**kwargs)
        table = event_table(analyses)
        with self._lock:
            if self._memo and self._memo[0] == revision:
                self._memo = (revision, self._memo[1], table)
        return table.copy()

    def statuses(self) -> list[DocumentStatus]:
        """Every document with the date the engine uses, how it was set and how sure it is."""
        result = []
        docs = {d.id: d for d in self.documents(with_text=False)}
        for a in self.analyses():
            d = docs.get(a.doc.id)
            if d is None:
                continue
            how = d.published_source if d.published else a.dct.source
            confidence = 1.0 if how == "override" else a.dct.confidence
            evidence = _EVIDENCE[how].format(raw=d.override_raw, at=d.override_set_at) \
                if how in _EVIDENCE else a.dct.evidence
            result.append(DocumentStatus(id=d.id, title=d.title, source=d.source, url=d.url, date=a.dct.value,
                                         date_source=how, confidence=confidence, evidence=evidence,
                                         override_set_at=d.override_set_at))
        return result

    # writing ---------------------------------------------------------------------------------
    def _insert(self, con: sqlite3.Connection, p: Prepared) -> Message:
        """Insert one prepared document inside the caller's transaction → its message."""
        dup = con.execute("SELECT id FROM documents WHERE content_hash = ?", (p.hash,)).fetchone()
        if dup:
            return Message(p.name, "skipped", f"{p.name}: duplicate of document {dup[0]} (same text)")
        doc_id, note = p.doc.id, ""
        if not valid_id(doc_id):
            raise StoreError(f"{p.name}: {doc_id!r} is not a valid document id")
        if con.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone():
            base = doc_id[:MAX_ID_LENGTH - 5]
            n = 2
            while con.execute("SELECT 1 FROM documents WHERE id = ?", (f"{base}-{n}",)).fetchone():
                n += 1
            note = f"id {doc_id} was taken; stored as {base}-{n}"
            doc_id = f"{base}-{n}"
            p = with_id(p, doc_id)
        now = _now()
        d = p.doc
        con.execute(
            "INSERT INTO documents (id, title, source, url, text, content_hash, original, original_name, "
            "media_type, encoding, published, published_source, added_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_id, d.title, d.source, d.url, d.text, p.hash, p.original, p.name, p.media_type, p.encoding,
             d.published.isoformat() if d.published else None,
             p.published_source if d.published else None, now, now))
        if self._after_insert:
            self._after_insert(doc_id)
        return Message(p.name, "added", note, doc_id=doc_id)

    def add_prepared(self, prepared: Iterable[Prepared]) -> list[Message]:
        """Insert prepared documents in one transaction: all of them or, on a crash, none.
        A duplicate is skipped with a message naming the document it duplicates."""
        prepared = list(prepared)
        if not prepared:
            return []
        msgs = []
        with self._write() as con:
            for p in prepared:
                msgs.append(self._insert(con, p))
            if any(m.status == "added" for m in msgs):
                self._bump(con)
        return msgs

    def add_files(self, uploads: Iterable[Upload], *, published: date | str | None = None,
                  source: str = "") -> list[Message]:
        """Add uploaded files (.txt/.html/.zip + optional manifest.csv) → one message per file.
        A refused file never stops the rest of the batch."""
        given = self.parse_date(published) if published not in (None, "") else None
        prepared, msgs = prepare_uploads(uploads, published=given, source=source)
        return msgs + self.add_prepared(prepared)

    def add_document(self, text: str, *, title: str = "", source: str = "", url: str = "",
                     published: date | str | None = None, doc_id: str | None = None) -> str:
        """Add pasted text → the new document's id. Raises StoreError (duplicate, bad date, bad id)."""
        given = self.parse_date(published) if published not in (None, "") else None
        if url and not clean_url(url):
            raise StoreError(f"{str(url)[:80]!r}: not an http(s) URL")
        if doc_id is not None and not valid_id(doc_id):
            raise StoreError(f"{str(doc_id)[:80]!r}: not a document id (letters, digits, - and _, "
                             f"at most {MAX_ID_LENGTH})")
        try:
            p = prepare_text(text, title=title, source=source, url=url, published=given, doc_id=doc_id)
        except StoreError:
            raise
        except InputError as e:
            raise StoreError(str(e)) from None
        msg = self.add_prepared([p])[0]
        if msg.status != "added":
            raise StoreError(msg.text)
        return msg.doc_id

    def remove(self, doc_id: object) -> None:
        """Remove a document with its overrides and cached analysis."""
        with self._write() as con:
            doc_id = self._require(con, doc_id)
            con.execute("DELETE FROM analyses WHERE doc_id = ?", (doc_id,))
            con.execute("DELETE FROM date_overrides WHERE doc_id = ?", (doc_id,))
            con.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            self._bump(con)

    @staticmethod
    def parse_date(value: date | str | None) -> date:
        """A date as the store accepts it (date, or text for parse_user_date) → date; StoreError
        with a one-line message otherwise. The Corpus page can show the result before saving."""
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if not isinstance(value, str):
            raise StoreError(f"{str(value)[:40]!r}: not a date")
        if len(value) > MAX_DATE_INPUT:
            raise StoreError(f"{value[:40]!r}…: not a date (too long)")
        try:
            return parse_user_date(value)
        except InputError as e:
            raise StoreError(str(e)) from None

    def set_date(self, doc_id: object, value: date | str | None) -> date | None:
        """Correct a document's publication date (wins over manifest, page and text; recorded with
        the time it was set). value: a date, text for parse_user_date (「令和5年9月5日」, 2023/9/5 …),
        or None to drop the correction. → the date now in force from the override (None when cleared).
        Raises StoreError for an unknown id or a malformed or impossible date (2023-02-30)."""
        parsed = None if value is None else self.parse_date(value)
        raw = "" if value is None else (value if isinstance(value, str) else value.isoformat())
        with self._write() as con:
            doc_id = self._require(con, doc_id)
            now = _now()
            con.execute("INSERT INTO date_overrides (doc_id, value, raw, set_at) VALUES (?, ?, ?, ?)",
                        (doc_id, parsed.isoformat() if parsed else None, clean_field(raw, MAX_DATE_INPUT), now))
            con.execute("UPDATE documents SET updated_at = ? WHERE id = ?", (now, doc_id))
            self._bump(con)
        return parsed

    def update(self, doc_id: object, *, title: str | None = None, source: str | None = None,
               url: str | None = None) -> None:
        """Edit a document's title, source (outlet) or URL; None leaves a field as it is."""
        changes: dict[str, str] = {}
        if title is not None:
            changes["title"] = clean_field(title, MAX_TITLE)
        if source is not None:
            changes["source"] = clean_field(source)
        if url is not None:
            cleaned = clean_url(url)
            if url.strip() and not cleaned:
                raise StoreError(f"{url[:80]!r}: not an http(s) URL")
            changes["url"] = cleaned
        if not changes:
            return
        with self._write() as con:
            doc_id = self._require(con, doc_id)
            sets = ", ".join(f"{k} = ?" for k in changes)  # keys are the fixed names above
            con.execute(f"UPDATE documents SET {sets}, updated_at = ? WHERE id = ?",
                        (*changes.values(), _now(), doc_id))
            self._bump(con)

