"""Page bodies (Streamlit code): the frame's Context → timeline, actors and sources views.

Pages in app_pages/ only call these functions; the logic they use is in the pure modules
(filters, figures, render, downloads, urlstate).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from . import downloads, render
from .figures import (AGGREGATE_THRESHOLD, cooccurrence_figure, data_span, default_window, event_from_point,
                      timeline_figure)
from .filters import actor_label, actor_summary, cooccurrence, doc_label, loosen_hint, shown_aliases
from .frame import PAGE_FILES, Context, link_params
from .i18n import ANCHOR_NAMES, DCT_SOURCE_NAMES, KIND_NAMES, MODALITY_NAMES, name_of, t
from .urlstate import anchor_id, para_param

TABLE_ROWS_SHOWN = 1000
FILTER_NAME_KEYS = {"actor": "actor", "date": "date_from", "doc": "docs", "mod": "modality", "q": "search"}


# ---------------------------------------------------------------- shared bits

def empty_state(ctx: Context) -> None:
    """No events: say so, and name the filters whose loosening would bring events back."""
    if ctx.data.events.empty:
        st.info(t("empty_data", ctx.lang))
        return
    names = [t(FILTER_NAME_KEYS[n], ctx.lang) for n in loosen_hint(ctx.data.events, ctx.filters)]
    st.warning(t("empty", ctx.lang) + ("  \n" + t("empty_hint", ctx.lang, items="、".join(names)) if names else ""))


def _set_event(event_id: str | None) -> None:
    if event_id:
        st.session_state["event"] = event_id


def _take_chart_click(selection, events: pd.DataFrame) -> None:
    """A new click on the chart selects its event. The chart keeps its selection across reruns,
    so only a point different from the last one handled counts (a table choice in between
    must not be overridden by the old click)."""
    try:
        points = selection["selection"]["points"]
    except (KeyError, TypeError):
        return
    event_id = event_from_point(points[0], events) if points else None
    if event_id and event_id != st.session_state.get("_last_click"):
        st.session_state["_last_click"] = event_id
        _set_event(event_id)


def _on_table_select() -> None:
    state = st.session_state.get("event_table")
    rows = (state or {}).get("selection", {}).get("rows", []) if state else []
    ids = st.session_state.get("_table_ids", [])
    if rows and 0 <= rows[0] < len(ids):
        _set_event(ids[rows[0]])


def _display_table(df: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    lang = ctx.lang
    names = {k: (v.display if lang == "ja" else k) for k, v in ctx.data.actors.items()}
    return pd.DataFrame({
        t("date", lang): [str(s)[:10] if not pd.isna(s) else "" for s in df["start"]],
        t("date_written", lang): df["timex_text"].to_numpy(),
        t("date_normalised", lang): df["value"].to_numpy(),
        t("modality", lang): [name_of(MODALITY_NAMES, m, lang) for m in df["modality"]],
        t("summary", lang): df["summary"].to_numpy(),
        t("actors", lang): ["、".join(names.get(a, a) for a in tup) for tup in df["actors"]],
        t("source", lang): df["doc_title"].to_numpy(),
        "event_id": df["event_id"].to_numpy(),
    })


# ---------------------------------------------------------------- timeline

def timeline_page(ctx: Context) -> None:
    lang, df, ds = ctx.lang, ctx.events, ctx.data
    st.title(t("page_timeline", lang))
    st.caption(t("n_events", lang, n=f"{len(df):,}", total=f"{len(ds.events):,}"))
    c1, c2, _ = st.columns([2, 2, 3])
    lane_by = c1.segmented_control(t("lane_by", lang), ["actor", "doc"], default="actor", key="lane",
                                   format_func=lambda v: t(f"lane_{v}", lang)) or "actor"
    color_by = c2.segmented_control(t("color_by", lang), ["modality", "doc"], default="modality", key="color",
                                    format_func=lambda v: t(f"color_{v}", lang)) or "modality"
    if df.empty:
        empty_state(ctx)
    else:
        fig = _timeline_figure_cached((ds.fingerprint, id(ds.events), ctx.filters, len(df)), df, lane_by,
                                      color_by, lang, ds.actors)
        selection = st.plotly_chart(fig, key="timeline_chart", on_select="rerun", selection_mode="points",
                                    config={"displaylogo": False, "scrollZoom": False}, width="stretch")
        _take_chart_click(selection, ds.events)
        mode = (fig.layout.meta or {}).get("mode", "points")
        if mode == "aggregated":
            hint = t("aggregated_hint", lang, n=f"{len(df):,}", unit=t(f"unit_{fig.layout.meta['unit']}", lang),
                           limit=f"{AGGREGATE_THRESHOLD:,}")
        else:
            hint = t("dense_hint", lang, n=f"{len(df):,}") if mode == "dense" else t("legend_hint", lang)
        st.caption(hint)
        window, span = default_window(df), data_span(df)
        if window and span:
            st.caption(t("window_hint", lang, lo=window[0], hi=window[1], first=span[0], last=span[1]))
        undated = int(df["start"].isna().sum())
        if undated:
            st.caption(t("undated", lang, n=undated))
    event_detail(ctx)
    event_table(ctx)


@st.cache_resource(max_entries=16, show_spinner=False)
def _timeline_figure_cached(key: tuple, _df: pd.DataFrame, lane_by: str, color_by: str, lang: str, _actors: dict):
    """The timeline figure, built once per (dataset, filters, lanes, colours, language): reruns
    that do not change the view (a click, the table, another widget) reuse it. The figure is
    never mutated after it is built."""
    return timeline_figure(_df, lane_by=lane_by, color_by=color_by, lang=lang, actors=_actors)


def event_detail(ctx: Context) -> None:
    lang, ds = ctx.lang, ctx.data
    st.subheader(t("detail", lang))
    event_id = st.text_input(t("event", lang), key="event", bind="query-params", max_chars=300,
                             help=t("event_help", lang))
    event_id = (event_id or "").strip()
    if not event_id:
        st.caption(t("detail_none", lang))
        return
    match = ds.events[ds.events["event_id"] == event_id]
    if match.empty:
        st.caption(t("detail_none", lang))
        return
    row = match.iloc[0]
    if event_id not in set(ctx.events["event_id"]):
        st.caption(t("detail_missing", lang, id=event_id))
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{t('sentence', lang)}**")
        st.html(render.sentence_html(row, lang))
        doc = ds.docs.get(row["doc_id"])
        if doc is not None and doc.text is not None:
            st.markdown(f"**{t('paragraph', lang)} ¶{para_param(row['para_index'])}** — {doc.title}")
            st.html(render.paragraph_html(doc, int(row["para_index"]), lang, row))
        source_link(ctx, row)
    with right:
        names = [ds.actors[a].display if (lang == "ja" and a in ds.actors) else a for a in row["actors"]]
        interval = str(row["start"])[:10] + ("" if row["precise"] else f" – {str(row['end'])[:10]}")
        st.markdown(
            "\n".join([
                f"- {t('date_written', lang)}: {_written(row, ds.events, lang)}",
                f"- {t('date_normalised', lang)}: {_md(row['value'])}"
                + (f" ({_md(row['mod'])})" if row["mod"] else "") + f" → {interval}",
                f"- {t('resolved_by', lang)}: {_anchor_name(row['anchor'], lang)}",
                f"- {t('modality', lang)}: {name_of(MODALITY_NAMES, row['modality'], lang)}",
                f"- {t('actors', lang)}: {_md('、'.join(names)) or '—'}",
                f"- {t('source', lang)}: {_md(row['doc_title'])}",
            ]))
    cluster = ds.events[(ds.events["cluster_id"] == row["cluster_id"]) & (ds.events["event_id"] != event_id)]
    if cluster.empty:
        st.caption(t("cluster_none", lang))
        return
    st.markdown(f"**{t('cluster', lang, n=len(cluster))}**")
    shown = cluster.head(4)
    for col, (_, other) in zip(st.columns(len(shown)), shown.iterrows()):
        with col.container(border=True):
            st.markdown(f"**{_md(other['doc_title'])}**  \n{_md(other['timex_text']) or '—'} → {_md(other['value'])}")
            st.html(render.sentence_html(other, lang))
            source_link(ctx, other)


def _anchor_name(anchor: str, lang: str) -> str:
    return name_of(ANCHOR_NAMES, anchor, lang)


def _written(row, events: pd.DataFrame, lang: str) -> str:
    """'As written' of the detail: the date expression in bold, or, for a sentence without one
    (anchor linked / previous: it restates a dated event), where its date comes from."""
    if str(row["timex_text"]).strip():
        return f"**{_md(row['timex_text'])}**"
    note = t("no_timex", lang)
    same = events[(events["cluster_id"] == row["cluster_id"]) & (events["timex_text"].str.strip() != "")]
    if len(same):
        same = same.assign(_other_doc=same["doc_id"] != row["doc_id"]).sort_values(["_other_doc", "timex_start"])
        src = same.iloc[0]
        return note + " " + _md(t("date_from_linked", lang, text=src["timex_text"], source=src["doc_title"],
                                        para=para_param(src["para_index"])))
    key = "date_from_previous" if row["anchor"] == "previous" else "date_from_cluster"
    return note + " " + _md(t(key, lang))


def _md(text: object) -> str:
    """Article text inside Markdown: escape the characters Markdown or HTML would interpret."""
    out = str(text)
    for ch in "\\`*_{}[]<>()#+-.!|~$":
        out = out.replace(ch, "\\" + ch)
    return out


def source_link(ctx: Context, row) -> None:
    doc = ctx.data.docs.get(row["doc_id"])
    label = doc_label(row["doc_id"], doc.title if doc else row["doc_title"])
    para = para_param(row["para_index"])
    st.page_link(PAGE_FILES["sources"], label=t("open_source", ctx.lang, para=para), icon=":material/article:",
                 query_params=link_params(ctx.lang, ctx.lang_default, doc=label, para=para))


def event_table(ctx: Context) -> None:
    lang, df = ctx.lang, ctx.events
    st.subheader(t("table", lang))
    if df.empty:
        return
    shown = df.head(TABLE_ROWS_SHOWN)
    if len(df) > TABLE_ROWS_SHOWN:
        st.caption(t("table_truncated", lang, shown=f"{TABLE_ROWS_SHOWN:,}", n=f"{len(df):,}"))
    st.session_state["_table_ids"] = shown["event_id"].tolist()
    st.dataframe(_display_table(shown, ctx), key="event_table", on_select=_on_table_select,
                 selection_mode="single-row", hide_index=True, width="stretch")
    cols = st.columns([2, 1, 1, 2, 3])
    cols[0].markdown(t("downloads", lang))
    cols[1].download_button(t("download_csv", lang), lambda: downloads.to_csv(df), "nenpyo_events.csv",
                            "text/csv", key="dl_csv", on_click="ignore")
    cols[2].download_button(t("download_json", lang), lambda: downloads.to_json(df), "nenpyo_events.json",
                            "application/json", key="dl_json", on_click="ignore")
    cols[3].download_button(t("download_tljs", lang), lambda: downloads.to_timelinejs(df), "nenpyo_timelinejs.json",
                            "application/json", key="dl_tljs", on_click="ignore")


# ---------------------------------------------------------------- actors

def _on_actor_select() -> None:
    state = st.session_state.get("actor_table")
    rows = (state or {}).get("selection", {}).get("rows", []) if state else []
    labels = st.session_state.get("_actor_labels", [])
    if rows and 0 <= rows[0] < len(labels):
        st.session_state["actor"] = [labels[rows[0]]]
        st.session_state["_goto_timeline"] = labels[rows[0]]


def actors_page(ctx: Context) -> None:
    lang, ds = ctx.lang, ctx.data
    if (target := st.session_state.pop("_goto_timeline", None)) is not None:
        st.switch_page(PAGE_FILES["timeline"], query_params=link_params(lang, ctx.lang_default, actor=[target]))
    st.title(t("actors_title", lang))
    summary = actor_summary(ctx.events)
    if summary.empty:
        empty_state(ctx)
        return
    infos = ds.actors
    labels = [actor_label(a, infos[a].display if a in infos else a) for a in summary["actor"]]
    st.session_state["_actor_labels"] = labels
    table = pd.DataFrame({
        t("display", lang): [infos[a].display if a in infos else a for a in summary["actor"]],
        t("canonical", lang): summary["actor"].to_numpy(),
        t("kind", lang): [name_of(KIND_NAMES, infos[a].kind if a in infos else "", lang) for a in summary["actor"]],
        t("count", lang): summary["count"].to_numpy(),
        t("first", lang): [str(v)[:10] if not pd.isna(v) else "" for v in summary["first"]],
        t("last", lang): [str(v)[:10] if not pd.isna(v) else "" for v in summary["last"]],
        t("aliases", lang): ["、".join(shown_aliases(infos[a].aliases)) if a in infos else "" for a in summary["actor"]],
    })
    st.caption(t("actors_pick", lang))
    st.dataframe(table, key="actor_table", on_select=_on_actor_select, selection_mode="single-row",
                 hide_index=True, width="stretch")
    st.subheader(t("cooccurrence", lang))
    top = summary["actor"].head(20).tolist()
    matrix = cooccurrence(ctx.events, top)
    if len(top) < 2 or (matrix.to_numpy().sum() - matrix.to_numpy().trace()) == 0:
        st.caption(t("cooccurrence_none", lang))
        return
    names = [infos[a].display if (lang == "ja" and a in infos) else a for a in top]
    st.plotly_chart(cooccurrence_figure(matrix, names), key="cooc_chart", config={"displaylogo": False},
                    width="stretch")


# ---------------------------------------------------------------- sources

def sources_page(ctx: Context) -> None:
    lang, ds = ctx.lang, ctx.data
    st.title(t("sources_title", lang))
    chosen = [d for d in ctx.filters.docs if d in ds.docs]
    para_value = st.number_input(t("para_label", lang), min_value=1, max_value=100_000, value=None, step=1,
                                 key="para", bind="query-params", width=160)
    if len(chosen) != 1:
        overview(ctx)
        st.caption(t("sources_pick", lang))
        return
    doc = ds.docs[chosen[0]]
    st.subheader(doc.title or t("untitled", lang))
    st.markdown(
        f"**{t('doc_date', lang)}**: {doc.dct_value or doc.published or '—'}　"
        f"**{t('doc_date_how', lang)}**: {name_of(DCT_SOURCE_NAMES, doc.dct_source, lang)}　"
        f"**{t('confidence', lang)}**: {doc.dct_confidence:.0%}")
    if doc.dct_evidence:
        st.caption(f"{t('evidence', lang)}: {_md(doc.dct_evidence)}")
    if doc.url:
        st.caption(_md(doc.url))
    from .corpus_view import date_override_box  # the store's date correction, when editable
    date_override_box(ctx, doc)
    if doc.text is None:
        st.info(t("no_text", lang))
    else:
        target = None
        if para_value is not None and 1 <= int(para_value) <= len(doc.paragraphs):
            target = int(para_value) - 1
        legend = (f'<span class="nenpyo-legend"><mark class="nenpyo-timex">{t("legend_dates", lang)}</mark>　'
                  f'<span class="nenpyo-actor">{t("legend_actors", lang)}</span></span>')
        st.html(render.CSS + legend)
        st.html(render.document_html(doc, lang, target))
        if target is not None:
            st.html(render.scroll_script(anchor_id(doc.id, target)), unsafe_allow_javascript=True)
    doc_events(ctx, doc)


def overview(ctx: Context) -> None:
    lang, ds = ctx.lang, ctx.data
    counts = ds.events["doc_id"].value_counts()
    for doc in ds.docs.values():
        with st.container(border=True):
            c1, c2 = st.columns([5, 2])
            c1.markdown(f"**{_md(doc.title or t('untitled', lang))}**  \n`{_md(doc.id)}` · "
                        f"{t('doc_date', lang)}: {doc.dct_value or doc.published or '—'} "
                        f"({name_of(DCT_SOURCE_NAMES, doc.dct_source, lang)}, {t('confidence', lang)} {doc.dct_confidence:.0%})"
                        f" · {t('count', lang)}: {int(counts.get(doc.id, 0))}")
            with c2:
                st.page_link(PAGE_FILES["sources"], label=t("page_sources", lang) + " →", icon=":material/article:",
                             query_params=link_params(lang, ctx.lang_default, doc=doc_label(doc.id, doc.title)))


def doc_events(ctx: Context, doc) -> None:
    lang = ctx.lang
    rows = ctx.data.events[ctx.data.events["doc_id"] == doc.id].sort_values(["para_index", "timex_start"])
    st.subheader(t("events_in_doc", lang))
    for _, row in rows.head(300).iterrows():
        label = f"¶{para_param(row['para_index'])} {row['timex_text']} → {row['value']}　{row['summary'][:40]}"
        st.page_link(PAGE_FILES["timeline"], label=label, icon=":material/timeline:",
                     query_params=link_params(lang, ctx.lang_default, event=row["event_id"]))

