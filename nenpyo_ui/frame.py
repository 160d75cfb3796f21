"""The dashboard's shared frame: language toggle, sidebar filters bound to the URL, the
"link to this view" box, and the context the pages read (data, filters, language)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from .data import Dataset
from .filters import (Filters, match_options, actor_counts, actor_label, apply_filters, doc_label, make_filters,
                      modality_label)
from .i18n import LANGS, MODALITY_NAMES, default_lang, t
from .urlstate import URL_KEYS, share_url

MIN_DATE, MAX_DATE = date(1800, 1, 1), date(2200, 12, 31)
PAGE_FILES = {"timeline": "app_pages/timeline.py", "actors": "app_pages/actors.py", "sources": "app_pages/sources.py",
              "corpus": "app_pages/corpus.py"}
CTX_KEY = "_nenpyo_ctx"
FILTER_KEYS = ("actor", "from", "to", "doc", "mod", "q")
# Page-level URL parameters and their defaults (kept out of the URL when equal).
PAGE_DEFAULTS = {"event": "", "para": None}
PAGE_KEYS = {"timeline": ("event",), "actors": (), "sources": ("para",), "corpus": ()}  # widgets each page owns


@dataclass
class Context:
    data: Dataset
    filters: Filters
    events: pd.DataFrame  # the filtered event table
    lang: str
    lang_default: str


def browser_lang() -> str:
    try:
        return default_lang(st.context.locale)
    except Exception:  # older Streamlit or no browser (tests)
        return "ja"


def language_toggle() -> tuple[str, str]:
    """The ja/en toggle (bound to ?lang=); returns (language, default language)."""
    default = browser_lang()
    lang = st.sidebar.radio(
        "言語 / Language", LANGS, index=LANGS.index(default), horizontal=True, key="lang",
        bind="query-params", help="ja = 日本語, en = English",
    )
    return (lang if lang in LANGS else default), default


def _clear_filters() -> None:
    for key in FILTER_KEYS:
        st.session_state[key] = [] if key in {"actor", "doc", "mod"} else (None if key in {"from", "to"} else "")


def adopt_url_values(key: str, options: list[str]) -> None:
    """A link to another page (st.page_link with query_params) puts new values in the URL, but
    a widget that already exists keeps its own state; take the URL's values when they differ.
    Unknown values are dropped, as the binding itself would do."""
    try:
        url_values = st.query_params.get_all(key)
    except Exception:  # reading a bound parameter is allowed; be safe on other versions
        return
    valid = match_options(url_values, options)
    if valid and valid != st.session_state.get(key):
        st.session_state[key] = valid


def render_filters(ds: Dataset, lang: str) -> Filters:
    """The sidebar filters, each bound to its URL parameter; returns the parsed Filters."""
    side = st.sidebar
    side.subheader(t("filters", lang))
    counts = actor_counts(ds.events)
    names = sorted(counts, key=lambda a: (-counts[a], a))
    labels = {a: actor_label(a, ds.actors[a].display if a in ds.actors else a) for a in names}
    adopt_url_values("actor", list(labels.values()))
    chosen = side.multiselect(t("actor", lang), [labels[a] for a in names], key="actor",
                              bind="query-params", help=t("actor_help", lang), placeholder=t("actor_placeholder", lang))
    if chosen:
        items = "、".join(f"{lbl.split('（')[0]} {counts.get(lbl.split('（')[0], 0)}" for lbl in chosen)
        side.caption(t("selected_counts", lang, items=items))
    d_from = side.date_input(t("date_from", lang), value=None, min_value=MIN_DATE, max_value=MAX_DATE,
                           key="from", bind="query-params", format="YYYY-MM-DD")
    d_to = side.date_input(t("date_to", lang), value=None, min_value=MIN_DATE, max_value=MAX_DATE,
                         key="to", bind="query-params", format="YYYY-MM-DD")
    doc_options = [doc_label(d.id, d.title) for d in ds.docs.values()]
    adopt_url_values("doc", doc_options)
    docs = side.multiselect(t("docs", lang), doc_options, key="doc", bind="query-params")
    present = list(dict.fromkeys([*MODALITY_NAMES, *sorted(set(ds.events["modality"]))]))
    mod_options = [modality_label(m) for m in present]
    adopt_url_values("mod", mod_options)
    mods = side.multiselect(t("modality", lang), mod_options, key="mod",
                            bind="query-params")
    query = side.text_input(t("search", lang), key="q", bind="query-params", max_chars=200,
                            placeholder=t("search_placeholder", lang))
    if any(st.session_state.get(k) for k in FILTER_KEYS):
        side.button(t("reset", lang), on_click=_clear_filters, width="stretch")
    return make_filters(chosen, d_from, d_to, docs, mods, query)


def build_context(ds: Dataset, lang: str, lang_default: str) -> Context:
    filters = render_filters(ds, lang)
    ctx = Context(ds, filters, apply_filters(ds.events, filters), lang, lang_default)
    st.session_state[CTX_KEY] = ctx
    return ctx


def context() -> Context:
    """The context dashboard.py built for this run (pages call this). A page run on its own
    (e.g. `streamlit run app_pages/timeline.py`) builds the frame itself."""
    ctx = st.session_state.pop(CTX_KEY, None)
    if ctx is None:
        from .data import load_dataset

        lang, lang_default = language_toggle()
        ctx = build_context(load_dataset(), lang, lang_default)
        st.session_state.pop(CTX_KEY, None)
    return ctx


def _url_value(value) -> list[str]:
    if value is None or value == "" or value == []:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if isinstance(value, date):
        return [value.isoformat()]
    return [str(value)]


def current_params(lang_default: str, page: str = "timeline") -> dict[str, list[str]]:
    """The view's state as URL parameters, from the widgets' values, defaults left out (a
    page-level widget of another page may linger in session state until the run ends)."""
    state = st.session_state
    params: dict[str, list[str]] = {}
    for key in URL_KEYS:
        if key not in state or (key in PAGE_DEFAULTS and key not in PAGE_KEYS.get(page, ())):
            continue
        value = state[key]
        if key == "lang" and value == lang_default:
            continue
        if key in PAGE_DEFAULTS and value == PAGE_DEFAULTS[key]:
            continue
        if values := _url_value(value):
            params[key] = values
    return params


def link_params(lang: str, lang_default: str, **extra) -> dict[str, str | list[str]]:
    """Query parameters for a link to another page: the language plus the given values."""
    params: dict[str, str | list[str]] = {}
    if lang != lang_default:
        params["lang"] = lang
    for key, value in extra.items():
        if value not in (None, "", []):
            params[key] = value
    return params


def share_box(slot, lang: str, lang_default: str, page: str = "timeline") -> None:
    """'Link to this view': the full URL (st.context.url has no query string, so add it)."""
    try:
        base = st.context.url
    except Exception:
        base = None
    url = share_url(base or "", current_params(lang_default, page))
    with slot:
        st.caption(f":material/link: {t('share', lang)} — {t('share_help', lang)}")
        st.code(url, language=None, wrap_lines=True)
