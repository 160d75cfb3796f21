"""Data stage of the dashboard: articles (via the `events` API) → one cached Dataset
(event table with display columns, source documents, actor catalog).

This module is the only place that knows where the dashboard's data comes from. The source is
chosen by the environment variable NENPYO_DASHBOARD_DATA:
  unset / "store"      the corpus store (events.store.Store in NENPYO_DATA_DIR, default ./.nenpyo/,
                       seeded with the sample corpus): one Store shared by every session, the
                       Dataset cached per store revision, so a change made by anyone shows up on
                       every session's next run
  "corpus"             the bundled sample corpus, read-only, without the store
  "demo"               a tiny built-in demo (no extractor needed; for UI development)
  "synthetic:N"        N synthetic events (benchmarks)
  a file path          a prebuilt event table (.parquet, .csv, .jsonl/.json), e.g. from
                       `python -m events build --out FILE`; documents' full text is then absent.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from events.model import ActorMention, Paragraph, Timex

DATA_ENV = "NENPYO_DASHBOARD_DATA"

# Context-dependent references, not names: 同氏, 両国, 同紙, 当局…, 彼ら. The extractor resolves them
# to an actor in context, but they are no alias of it.
ANAPHOR = re.compile(
    r"^(?:同|両|当|本|該|その|この|あの)(?:氏|国|紙|誌|社|局|省|庁|党|軍|政府|通信|通信社|首脳|大統領|首相|委員長|"
    r"総書記|外相|国防相|相|長官|報道官|機関|組織|団体|グループ|チャンネル|市|州|県|地域|会議|人)$"
    r"|^(?:彼|彼女|彼ら|彼女ら|両者|同人)$")

TABLE_COLUMNS = (
    "event_id", "cluster_id", "doc_id", "para_index", "sent_start", "sent_end", "timex_start",
    "timex_end", "timex_text", "value", "mod", "date_start", "date_end", "granularity", "anchor",
    "modality", "actors", "summary", "sentence",
)
# Columns added for display and filtering; downloads drop them again.
DERIVED_COLUMNS = ("start", "end", "precise", "doc_title", "search", "row")


@dataclass(frozen=True)
class SourceDoc:
    """One article as the sources page shows it (text None when only the table is loaded)."""

    id: str
    title: str
    text: str | None = None
    published: date | None = None
    url: str = ""
    source: str = ""
    dct_value: date | None = None
    dct_source: str = "none"
    dct_confidence: float = 0.0
    dct_evidence: str = ""
    override_raw: str | None = None  # what a person typed when the date was corrected by hand
    paragraphs: tuple[Paragraph, ...] = ()
    timexes: tuple[Timex, ...] = ()
    actors: tuple[ActorMention, ...] = ()


@dataclass(frozen=True)
class ActorInfo:
    canonical: str
    display: str
    kind: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dataset:
    events: pd.DataFrame
    docs: dict[str, SourceDoc]
    actors: dict[str, ActorInfo]
    warnings: tuple[str, ...] = ()
    fingerprint: str = ""
    dense: bool = field(default=False)  # synthetic / big tables: no article text
    from_store: bool = False  # documents can be added, edited and removed (the Corpus page)


# ---------------------------------------------------------------- table preparation

def _as_actor_tuple(value: object) -> tuple[str, ...]:
    """Actors cell → tuple of names: list, array, JSON text '["A","B"]' or 'A|B' all work."""
    if value is None:
        return ()
    if isinstance(value, (list, tuple, np.ndarray)):
        return tuple(str(v) for v in value if v is not None and str(v) != "")
    if isinstance(value, float) and np.isnan(value):
        return ()
    text = str(value).strip()
    if not text:
        return ()
    if text.startswith("["):
        try:
            return tuple(str(v) for v in json.loads(text))
        except ValueError:
            pass
    sep = "|" if "|" in text else ";" if ";" in text else None
    return tuple(p.strip() for p in text.split(sep)) if sep else (text,)


def search_key(text: str) -> str:
    """Text as the free-text search compares it: NFKC (全角→半角) and case-folded."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def prepare_events(table: pd.DataFrame, titles: dict[str, str] | None = None) -> pd.DataFrame:
    """Event table → the same table plus display columns (start/end as datetimes, precise,
    doc_title, search key, row number). Missing columns are added empty, so a partial table
    still renders."""
    df = table.copy()
    for col in TABLE_COLUMNS:
        if col not in df.columns:
            df[col] = None
    df = df[list(TABLE_COLUMNS) + [c for c in df.columns if c not in TABLE_COLUMNS]]
    df = df.reset_index(drop=True)
    for col in ("event_id", "cluster_id", "doc_id"):
        df[col] = df[col].astype(str)
    for col in ("timex_text", "value", "granularity", "anchor", "modality", "summary", "sentence", "mod"):
        df[col] = df[col].where(df[col].notna(), "").astype(str)
    df["modality"] = df["modality"].replace("", "unknown")
    df["mod"] = df["mod"].where(df["mod"].notna(), "").astype(str)  # "" = no modifier
    df["actors"] = [_as_actor_tuple(v) for v in df["actors"]]
    df["start"] = pd.to_datetime(df["date_start"], errors="coerce")
    df["end"] = pd.to_datetime(df["date_end"], errors="coerce")
    df["end"] = df["end"].fillna(df["start"])
    df["precise"] = (df["granularity"] == "day") | (df["start"] == df["end"])
    titles = titles or {}
    df["doc_title"] = [titles.get(d, d) for d in df["doc_id"]]
    df["search"] = [search_key(f"{a}\n{b}\n{c}") for a, b, c in
                    zip(df["sentence"], df["summary"], df["timex_text"])]
    df["row"] = np.arange(len(df), dtype=np.int64)
    return df


def table_for_download(df: pd.DataFrame) -> pd.DataFrame:
    """Filtered display table → exactly the event-table columns (what downloads contain)."""
    return df[[c for c in TABLE_COLUMNS if c in df.columns]]


def actor_infos(df: pd.DataFrame, catalog: dict | None, mentions: list[ActorMention]) -> dict[str, ActorInfo]:
    """Every actor named in the table → display name, kind and aliases (catalog first, then the
    surfaces seen in the documents, else the canonical name itself)."""
    catalog = catalog or {}
    seen: dict[str, dict] = {}
    for m in mentions:
        entry = seen.setdefault(m.canonical, {"display": m.display, "kind": m.kind, "aliases": []})
        if m.text not in entry["aliases"] and not ANAPHOR.match(m.text):
            entry["aliases"].append(m.text)
    names = sorted({a for tup in df["actors"] for a in tup}) if len(df) else []
    out: dict[str, ActorInfo] = {}
    for name in names:
        cat = catalog.get(name)
        s = seen.get(name, {})
        aliases = tuple(dict.fromkeys([*(getattr(cat, "aliases", ()) or ()), *s.get("aliases", [])]))
        out[name] = ActorInfo(
            canonical=name,
            display=getattr(cat, "display", None) or s.get("display") or name,
            kind=getattr(cat, "kind", None) or s.get("kind") or "",
            aliases=aliases,
        )
    return out


# ---------------------------------------------------------------- sources

def _doc_from_analysis(a) -> SourceDoc:
    d = a.doc
    return SourceDoc(
        id=str(d.id), title=d.title or str(d.id), text=d.text, published=d.published,
        url=d.url or "", source=d.source or "",
        dct_value=a.dct.value, dct_source=a.dct.source, dct_confidence=float(a.dct.confidence),
        dct_evidence=a.dct.evidence or "",
        paragraphs=tuple(a.paragraphs), timexes=tuple(a.timexes), actors=tuple(a.actors),
    )


def _extractor_version() -> str:
    """Changes whenever the extractor's code or data changes, so the cache rebuilds."""
    import events

    root = Path(events.__file__).parent
    h = hashlib.sha256(str(getattr(events, "__version__", "")).encode())
    for p in sorted(root.rglob("*")):
        if p.is_file() and p.suffix in {".py", ".tsv", ".json", ".csv", ".txt", ".yaml"}:
            stat = p.stat()
            h.update(f"{p.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def corpus_fingerprint(docs) -> str:
    """Content hash of the documents (id, title, date, text)."""
    h = hashlib.sha256()
    for d in docs:
        h.update(f"{d.id}\x00{d.title}\x00{d.published}\x00{d.text}\x01".encode())
    return h.hexdigest()[:16]


@st.cache_resource(show_spinner="記事を解析中… / Analysing articles…", max_entries=4)
def _analyse_corpus(fingerprint: str, _docs, warnings: tuple[str, ...]) -> Dataset:
    """Run the extractor over the documents; cached by the content + extractor fingerprint."""
    from events.pipeline import analyze_corpus
    from events.table import event_table

    analyses = analyze_corpus(list(_docs))
    docs = {str(a.doc.id): _doc_from_analysis(a) for a in analyses}
    table = event_table(analyses)
    try:
        from events.actors import actor_catalog
        catalog = actor_catalog()
    except Exception as exc:  # the catalog is a nicety; the timeline works without it
        catalog, warnings = {}, (*warnings, f"actor catalog unavailable: {exc}")
    events_df = prepare_events(table, {k: v.title for k, v in docs.items()})
    mentions = [m for d in docs.values() for m in d.actors]
    return Dataset(events_df, docs, actor_infos(events_df, catalog, mentions), tuple(warnings), fingerprint)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load_table_file(path: str, stamp: str) -> Dataset:
    p = Path(path)
    if p.suffix == ".parquet":
        table = pd.read_parquet(p)
    elif p.suffix == ".csv":
        table = pd.read_csv(p, dtype={"doc_id": str, "event_id": str, "cluster_id": str})
    else:
        table = pd.read_json(p, lines=p.suffix == ".jsonl", dtype={"doc_id": str})
    df = prepare_events(table)
    docs = {d: SourceDoc(id=d, title=d) for d in dict.fromkeys(df["doc_id"])}
    return Dataset(df, docs, actor_infos(df, None, []), (), stamp, dense=True)


@st.cache_resource(show_spinner=False, max_entries=2)
def _synthetic(n: int) -> Dataset:
    from .synthetic import synthetic_dataset

    return synthetic_dataset(n)


@st.cache_resource(show_spinner=False, max_entries=1)
def _demo() -> Dataset:
    from .synthetic import demo_dataset

    return demo_dataset()


@st.cache_resource(show_spinner=False, max_entries=4)
def _shared_store(data_dir: str):
    """One Store per data directory for the whole server (it is thread-safe)."""
    from events.store import Store

    return Store(data_dir)


def data_source() -> str:
    """The configured source: "store", "corpus", "demo", "synthetic:N" or a table path."""
    return os.environ.get(DATA_ENV, "store").strip() or "store"


def shared_store():
    """The server's Store (NENPYO_DATA_DIR resolved now, so tests with their own directory get
    their own Store)."""
    from events.store import default_data_dir

    return _shared_store(str(default_data_dir().resolve()))


def _doc_from_store(a, status, stored) -> SourceDoc:
    base = _doc_from_analysis(a)
    if status is None:
        return base
    return SourceDoc(
        id=base.id, title=status.title or base.id, text=base.text, published=base.published,
        url=status.url, source=status.source, dct_value=status.date, dct_source=status.date_source,
        dct_confidence=float(status.confidence), dct_evidence=status.evidence or "",
        override_raw=stored.override_raw if stored is not None else None,
        paragraphs=base.paragraphs, timexes=base.timexes, actors=base.actors,
    )


@st.cache_resource(show_spinner="記事を解析中… / Analysing articles…", max_entries=4)
def _store_dataset(revision: str, _store) -> Dataset:
    """Store → Dataset for one revision: the store re-extracts only documents that changed."""
    analyses = _store.analyses()
    table = _store.event_table()
    statuses = {s.id: s for s in _store.statuses()}
    stored = {d.id: d for d in _store.documents(with_text=False)}
    docs = {str(a.doc.id): _doc_from_store(a, statuses.get(str(a.doc.id)), stored.get(str(a.doc.id)))
            for a in analyses}
    warnings: tuple[str, ...] = ()
    try:
        from events.actors import actor_catalog
        catalog = actor_catalog()
    except Exception as exc:  # the catalog is a nicety; the timeline works without it
        catalog, warnings = {}, (f"actor catalog unavailable: {exc}",)
    events_df = prepare_events(table, {k: v.title for k, v in docs.items()})
    mentions = [m for d in docs.values() for m in d.actors]
    return Dataset(events_df, docs, actor_infos(events_df, catalog, mentions), warnings, revision,
                   from_store=True)


def load_dataset() -> Dataset:
    """The dashboard's data (see the module docstring for the sources); cached per content.

    The cache is st.cache_resource keyed by a content fingerprint rather than st.cache_data:
    cache_data hands out a pickled copy on every rerun (0.3 s for 100,000 events), and the
    Dataset is never mutated (filters build new frames)."""
    spec = data_source()
    if spec == "store":
        store = shared_store()
        return _store_dataset(store.revision(), store)
    if spec == "corpus":
        from events.io import load_corpus

        docs, warnings = load_corpus()
        key = corpus_fingerprint(docs) + "-" + _extractor_version()
        return _analyse_corpus(key, docs, tuple(str(w) for w in warnings))
    if spec == "demo":
        return _demo()
    if spec.startswith("synthetic:"):
        return _synthetic(int(spec.split(":", 1)[1]))
    p = Path(spec)
    if p.suffix not in {".parquet", ".csv", ".jsonl", ".json"} or not p.is_file():
        raise FileNotFoundError(f"{DATA_ENV}={spec!r}: no such event-table file")
    stat = p.stat()
    return _load_table_file(str(p.resolve()), f"{stat.st_size}:{stat.st_mtime_ns}")
