"""Corpus page stage: the store's documents + what a person does (upload, paste, edit, correct a
date, remove) → store changes and the page that shows them.

The pure part (notes from store messages, date previews, the documents table, which fields an
edit changes) is tested without Streamlit. The actions call events.store.Store, which writes in
one transaction and bumps the revision; nenpyo_ui.data caches the Dataset per revision, so the
timeline, actors and sources pages of every session show the change on their next run (the
store re-extracts only the documents that changed). Actions run as widget callbacks, before the
page is drawn again, and re-check the access rules (nenpyo_ui.access) themselves.

Everything that comes from an article or a file (titles, names, messages) is shown through
Markdown-escaped text or as dataframe cells, never as HTML.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from . import access
from .data import Dataset, SourceDoc, data_source, shared_store
from .frame import Context
from .i18n import DCT_SOURCE_NAMES, name_of, t
from .render import md_escape

FLASH_KEY = "_corpus_flash"
UPLOAD_COUNTER = "_corpus_upload_n"
PICK_KEY = "corpus_doc"
REMOVE_KEY = "_corpus_remove"
MAX_TEXT_CHARS = 2_000_000
UPLOAD_TYPES = ["txt", "html", "htm", "zip", "csv"]


@dataclass(frozen=True)
class Note:
    """One line of feedback: level is success / warning / error / info."""

    level: str
    text: str


# ---------------------------------------------------------------- pure helpers

def message_notes(msgs, lang: str) -> list[Note]:
    """events.ingest.Message list → Notes, one per file (added id / skipped: reason / warning)."""
    notes = []
    for m in msgs:
        if m.status == "added":
            text = t("msg_added", lang, id=m.doc_id, name=m.name) + (f" ({m.text})" if m.text else "")
            notes.append(Note("success", text))
        elif m.status == "skipped":
            notes.append(Note("error", t("msg_skipped", lang, text=m.text)))
        else:
            notes.append(Note("warning", t("msg_warning", lang, text=m.text)))
    return notes


def date_preview(text: object) -> tuple[date | None, str | None]:
    """Free date input → (parsed date, None), (None, error message), or (None, None) when empty.

    >>> date_preview("令和5年9月5日")
    (datetime.date(2023, 9, 5), None)
    >>> date_preview("2023-02-30")[1]
    "'2023-02-30': not a date (2023-02 has no day 30)"
    """
    from events.store import Store, StoreError

    if not isinstance(text, str) or not text.strip():
        return None, None
    try:
        return Store.parse_date(text.strip()), None
    except StoreError as e:
        return None, str(e)


def document_table(docs: dict[str, SourceDoc], events: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Documents → the table the Corpus page shows (one row per document, ids in order)."""
    counts = events["doc_id"].value_counts() if len(events) else pd.Series(dtype=int)
    rows = [{
        t("col_id", lang): d.id,
        t("col_title", lang): d.title,
        t("doc_date", lang): (d.dct_value or d.published).isoformat() if (d.dct_value or d.published) else "",
        t("col_how", lang): name_of(DCT_SOURCE_NAMES, d.dct_source, lang),
        t("confidence", lang): round(float(d.dct_confidence), 2),
        t("field_source", lang): d.source,
        t("field_url", lang): d.url or None,
        t("col_events", lang): int(counts.get(d.id, 0)),
    } for d in docs.values()]
    columns = [t(k, lang) for k in ("col_id", "col_title", "doc_date", "col_how", "confidence",
                                    "field_source", "field_url", "col_events")]
    return pd.DataFrame(rows, columns=columns)


def changed_fields(doc: SourceDoc, title: str | None, source: str | None, url: str | None) -> dict[str, str]:
    """The metadata fields an edit actually changes (None = field not shown)."""
    out = {}
    for name, new, old in (("title", title, doc.title), ("source", source, doc.source), ("url", url, doc.url)):
        if new is not None and new.strip() != (old or "").strip():
            out[name] = new.strip()
    return out


def doc_version(doc: SourceDoc) -> str:
    """Changes when the document's editable fields change, so edit widgets start afresh then
    (and only then: someone else's edit of another document keeps what you are typing)."""
    raw = f"{doc.title}\0{doc.source}\0{doc.url}\0{doc.dct_value}\0{doc.dct_source}\0{doc.override_raw}"
    return hashlib.sha256(raw.encode()).hexdigest()[:10]


# ---------------------------------------------------------------- actions (store + session state)

def _flash(notes: list[Note]) -> None:
    st.session_state.setdefault(FLASH_KEY, []).extend(notes)


def _guarded(action, *args) -> None:
    """Run an action when this session may edit; store errors become notes, never tracebacks."""
    from events.store import StoreError

    lang = st.session_state.get("lang") or "ja"
    if not access.edit_allowed():
        _flash([Note("error", t("edit_locked", lang))])
        return
    try:
        _flash(action(shared_store(), lang, *args))
    except StoreError as e:
        _flash([Note("error", t("store_error", lang, error=str(e)))])


def add_uploads(store, lang: str, files: list[tuple[str, bytes]]) -> list[Note]:
    """(name, bytes) pairs → store.add_files → one note per file."""
    from events.ingest import Upload

    if not files:
        return [Note("warning", t("upload_none", lang))]
    return message_notes(store.add_files([Upload(name, data) for name, data in files]), lang)


def add_pasted(store, lang: str, text: str, title: str = "", source: str = "", url: str = "",
               date_text: str = "") -> list[Note]:
    """Pasted text → store.add_document → a note naming the new id (and the date it got)."""
    if not text or not text.strip():
        return [Note("warning", t("paste_empty", lang))]
    doc_id = store.add_document(text[:MAX_TEXT_CHARS], title=title, source=source, url=url,
                                published=date_text.strip() or None)
    name = title.strip() or t("tab_paste", lang)
    return [Note("success", t("msg_added", lang, id=doc_id, name=name))]


def save_edits(store, lang: str, doc_id: str, fields: dict[str, str], date_text: str = "") -> list[Note]:
    """Metadata changes and/or a date correction of one document."""
    notes = []
    if fields:
        store.update(doc_id, **fields)
        notes.append(Note("success", t("saved", lang, id=doc_id)))
    if date_text.strip():
        new = store.set_date(doc_id, date_text.strip())
        notes.append(Note("success", t("date_saved", lang, id=doc_id, date=new.isoformat())))
    return notes or [Note("info", t("nothing_changed", lang))]


def clear_override(store, lang: str, doc_id: str) -> list[Note]:
    store.set_date(doc_id, None)
    return [Note("success", t("override_cleared", lang, id=doc_id))]


def remove_document(store, lang: str, doc_id: str) -> list[Note]:
    store.remove(doc_id)
    return [Note("success", t("removed", lang, id=doc_id))]


# ---------------------------------------------------------------- callbacks

def _on_upload(key: str) -> None:
    files = st.session_state.get(key) or []
    pairs = [(f.name, f.getvalue()) for f in files]
    _guarded(add_uploads, pairs)
    if pairs:
        st.session_state[UPLOAD_COUNTER] = st.session_state.get(UPLOAD_COUNTER, 0) + 1  # a fresh uploader


def _on_paste() -> None:
    s = st.session_state
    before = len(s.get(FLASH_KEY, []))
    _guarded(add_pasted, s.get("paste_text", ""), s.get("paste_title", ""), s.get("paste_source", ""),
             s.get("paste_url", ""), s.get("paste_date", ""))
    if any(n.level == "success" for n in s.get(FLASH_KEY, [])[before:]):
        for key in ("paste_text", "paste_title", "paste_source", "paste_url", "paste_date"):
            s[key] = ""


def _on_save(doc: SourceDoc, version: str) -> None:
    s = st.session_state
    fields = changed_fields(doc, s.get(f"ed_title_{version}"), s.get(f"ed_source_{version}"),
                            s.get(f"ed_url_{version}"))
    _guarded(save_edits, doc.id, fields, s.get(f"ed_date_{version}", "") or "")


def _on_date_only(doc_id: str, key: str) -> None:
    _guarded(save_edits, doc_id, {}, st.session_state.get(key, "") or "")


def _on_clear(doc_id: str) -> None:
    _guarded(clear_override, doc_id)


def _on_remove_confirmed(doc_id: str) -> None:
    st.session_state.pop(REMOVE_KEY, None)
    _guarded(remove_document, doc_id)
    if st.session_state.get(PICK_KEY) == doc_id:
        st.session_state.pop(PICK_KEY, None)


def _on_table_pick() -> None:
    state = st.session_state.get("corpus_table") or {}
    rows = state.get("selection", {}).get("rows", []) if isinstance(state, dict) or hasattr(state, "get") else []
    ids = st.session_state.get("_corpus_ids", [])
    if rows and 0 <= rows[0] < len(ids):
        st.session_state[PICK_KEY] = ids[rows[0]]


# ---------------------------------------------------------------- page

def show_notes(notes: list[Note]) -> None:
    for n in notes:
        getattr(st, n.level if n.level in {"success", "warning", "error", "info"} else "info")(md_escape(n.text))


def date_input_with_preview(label: str, key: str, lang: str) -> tuple[date | None, str | None]:
    """A free-text date field and, below it, what it will be saved as (or why it cannot)."""
    st.text_input(label, key=key, max_chars=100, placeholder=t("date_placeholder", lang))
    parsed, error = date_preview(st.session_state.get(key))
    if parsed is not None:
        st.caption(t("date_parsed", lang, date=parsed.isoformat()))
    elif error:
        st.caption(":warning: " + md_escape(t("date_invalid", lang, error=error)))
    return parsed, error


def corpus_page(ctx: Context) -> None:
    lang, ds = ctx.lang, ctx.data
    st.title(t("corpus_title", lang))
    show_notes(st.session_state.pop(FLASH_KEY, []))
    if not ds.from_store:
        st.info(md_escape(t("corpus_needs_store", lang, spec=data_source())))
        return
    st.caption(t("corpus_count", lang, n=len(ds.docs), events=f"{len(ds.events):,}"))
    editable = access.edit_gate(lang)
    if editable:
        add_section(lang)
    documents_section(ds, lang, editable)


def add_section(lang: str) -> None:
    st.subheader(t("add_articles", lang))
    upload_tab, paste_tab = st.tabs([t("tab_upload", lang), t("tab_paste", lang)])
    with upload_tab:
        key = f"corpus_upload_{st.session_state.get(UPLOAD_COUNTER, 0)}"
        st.file_uploader(t("upload_label", lang), type=UPLOAD_TYPES, accept_multiple_files=True, key=key,
                         help=t("upload_help", lang))
        st.button(t("upload_button", lang), key="upload_add", on_click=_on_upload, args=(key,), type="primary")
    with paste_tab:
        st.text_input(t("paste_title", lang), key="paste_title", max_chars=500)
        st.text_area(t("paste_text", lang), key="paste_text", height=200, max_chars=MAX_TEXT_CHARS)
        c1, c2 = st.columns(2)
        with c1:
            st.text_input(t("field_source", lang), key="paste_source", max_chars=300)
            st.text_input(t("field_url", lang), key="paste_url", max_chars=2000, placeholder="https://…")
        with c2:
            _parsed, error = date_input_with_preview(t("field_date", lang), "paste_date", lang)
        st.button(t("paste_button", lang), key="paste_add", on_click=_on_paste, type="primary",
                  disabled=error is not None)


def documents_section(ds: Dataset, lang: str, editable: bool) -> None:
    st.subheader(t("documents", lang))
    if not ds.docs:
        st.info(t("no_documents", lang))
        return
    ids = list(ds.docs)
    st.session_state["_corpus_ids"] = ids
    table = document_table(ds.docs, ds.events, lang)
    st.dataframe(table, key="corpus_table", hide_index=True, width="stretch",
                 on_select=_on_table_pick if editable else "ignore", selection_mode="single-row",
                 column_config={t("col_id", lang): st.column_config.TextColumn(width=130),
                                t("col_title", lang): st.column_config.TextColumn(width=330),
                                t("field_url", lang): st.column_config.LinkColumn(width=160),
                                t("confidence", lang): st.column_config.ProgressColumn(min_value=0, max_value=1,
                                                                                         format="percent")})
    if not editable:
        return
    if st.session_state.get(PICK_KEY) not in ds.docs:
        st.session_state[PICK_KEY] = ids[0]
    doc_id = st.selectbox(t("pick_doc", lang), ids, key=PICK_KEY, help=t("pick_doc_help", lang),
                          format_func=lambda i: f"{i} — {ds.docs[i].title}"[:120] if i in ds.docs else str(i))
    doc = ds.docs.get(doc_id)
    if doc is not None:
        edit_form(doc, lang)


def edit_form(doc: SourceDoc, lang: str) -> None:
    version = f"{doc.id}_{doc_version(doc)}"
    with st.container(border=True):
        st.markdown(f"**{md_escape(t('edit_doc', lang, id=doc.id))}**")
        when = (doc.dct_value or doc.published)
        st.caption(md_escape(t("current_date", lang, date=when.isoformat() if when else "—",
                               how=name_of(DCT_SOURCE_NAMES, doc.dct_source, lang),
                               conf=f"{doc.dct_confidence:.0%}")))
        if doc.dct_evidence:
            st.caption(md_escape(f"{t('evidence', lang)}: {doc.dct_evidence}"))
        c1, c2 = st.columns(2)
        with c1:
            st.text_input(t("col_title", lang), value=doc.title, key=f"ed_title_{version}", max_chars=500)
            st.text_input(t("field_source", lang), value=doc.source, key=f"ed_source_{version}", max_chars=300)
            st.text_input(t("field_url", lang), value=doc.url, key=f"ed_url_{version}", max_chars=2000)
        with c2:
            _parsed, error = date_input_with_preview(t("new_date", lang), f"ed_date_{version}", lang)
            if doc.dct_source == "override":
                st.button(t("clear_override", lang), key=f"clear_{version}", on_click=_on_clear, args=(doc.id,))
        with st.container(horizontal=True):
            st.button(t("save", lang), key=f"save_{version}", type="primary", on_click=_on_save,
                      args=(doc, version), disabled=error is not None)
            if st.button(t("remove", lang), key=f"remove_{version}", icon=":material/delete:"):
                st.session_state[REMOVE_KEY] = doc.id
        if st.session_state.get(REMOVE_KEY) == doc.id:
            st.warning(md_escape(t("remove_confirm", lang, title=doc.title, id=doc.id)))
            with st.container(horizontal=True):
                st.button(t("remove_yes", lang), key=f"remove_yes_{version}", type="primary",
                          on_click=_on_remove_confirmed, args=(doc.id,))
                st.button(t("cancel", lang), key=f"remove_no_{version}", on_click=st.session_state.pop,
                          args=(REMOVE_KEY, None))


def date_override_box(ctx: Context, doc: SourceDoc) -> None:
    """On the sources page: correct this document's date (when the data comes from the store and
    this session may edit)."""
    lang = ctx.lang
    if not ctx.data.from_store or not access.edit_allowed():
        return
    show_notes(st.session_state.pop(FLASH_KEY, []))
    with st.expander(t("override_box", lang)):
        key = f"src_date_{doc.id}_{doc_version(doc)}"
        _parsed, error = date_input_with_preview(t("new_date", lang), key, lang)
        with st.container(horizontal=True):
            st.button(t("save", lang), key=f"src_save_{doc.id}", type="primary", on_click=_on_date_only,
                      args=(doc.id, key), disabled=error is not None)
            if doc.dct_source == "override":
                st.button(t("clear_override", lang), key=f"src_clear_{doc.id}", on_click=_on_clear,
                          args=(doc.id,))
