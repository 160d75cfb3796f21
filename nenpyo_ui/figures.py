"""Figure stage: filtered event table → plotly figures (timeline, co-occurrence heatmap).

Day-precise events are markers; imprecise ones (a week, 中旬, a month, a year) are horizontal
bars over [date_start, date_end] so precision is visible. Every trace carries the event id in
custom_data (colour splits traces, so point indices mean nothing). Above DENSE_THRESHOLD points
the timeline switches to one WebGL marker per event at its interval's middle and carries the
table row number instead (the id is looked up server-side): 100,000 SVG shapes would freeze a
browser.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .filters import doc_label
from .i18n import MODALITY_NAMES, name_of, t

DENSE_THRESHOLD = 2000
MAX_LANES = 30
MAX_SUBROWS = 6
FONT = '"Noto Sans CJK JP","Noto Sans JP","Hiragino Sans","Yu Gothic",sans-serif'
MODALITY_COLOURS = {
    "occurred": "#1f6fb5", "planned": "#e8820c", "expected": "#8e5cc2",
    "reported": "#2a9d8f", "denied": "#c0392b", "unknown": "#8a8f98",
}
PALETTE = ["#1f6fb5", "#e8820c", "#2a9d8f", "#c0392b", "#8e5cc2", "#b8860b", "#d6619e",
           "#5f7d8e", "#3c9d3c", "#7b4f2c"]
DAY_MS = 86_400_000


@dataclass(frozen=True)
class TimelinePoints:
    """One row per drawn mark: lane, colour group and geometry (y already laid out)."""

    frame: pd.DataFrame
    lane_ticks: list[tuple[float, str]]
    n_rows: int
    dense: bool


def _esc(text: object) -> str:
    """Plotly renders a subset of HTML in labels and hovers: escape article-derived text."""
    return html.escape(str(text), quote=False)


def _short(text: str, n: int) -> str:
    text = str(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def _map_codes(values: pd.Series, fn) -> np.ndarray:
    """Apply fn once per distinct value (fast on 100,000 rows of repeated strings)."""
    codes, uniques = pd.factorize(values)
    mapped = np.array([fn(u) for u in uniques] + [""], dtype=object)
    return mapped[codes]  # code -1 (missing) picks the trailing ""


def _titles(df: pd.DataFrame) -> dict[str, str]:
    first = df.drop_duplicates("doc_id")
    return dict(zip(first["doc_id"].tolist(), first["doc_title"].tolist()))


LIGHT_COLUMNS = ["row", "event_id", "start", "end", "precise", "modality", "doc_id", "doc_title", "actors"]
HOVER_COLUMNS = ["timex_text", "value", "mod", "granularity", "summary"]


def lane_frame(df: pd.DataFrame, lane_by: str, lang: str, actors: dict, light: bool = False) -> pd.DataFrame:
    """Events → one row per (event, lane); 'actor' lanes repeat an event for each actor.
    light=True keeps only the columns a dense plot needs (copying fewer string columns)."""
    dated = df[df["start"].notna()]
    dated = dated[LIGHT_COLUMNS if light else LIGHT_COLUMNS + HOVER_COLUMNS]
    if lane_by == "doc":
        titles = _titles(dated)
        out = dated.assign(lane=_map_codes(dated["doc_id"], lambda d: _short(doc_label(d, titles.get(d)), 24)))
    else:
        no_actor = t("no_actor", lang)
        out = dated.assign(lane=[a if a else (no_actor,) for a in dated["actors"]]).explode("lane")
        if lang == "ja":
            out["lane"] = _map_codes(out["lane"], lambda a: actors[a].display if a in actors else a)
    counts = out["lane"].value_counts()
    if len(counts) > MAX_LANES:
        keep = set(counts.index[: MAX_LANES - 1])
        out["lane"] = out["lane"].where(out["lane"].isin(keep), t("others", lang))
    return out


def colour_groups(df: pd.DataFrame, color_by: str, lang: str) -> tuple[np.ndarray, dict[str, str]]:
    """Each row's colour group name and the colour of each group."""
    if color_by == "doc":
        titles = _titles(df)
        names = _map_codes(df["doc_id"], lambda d: _short(doc_label(d, titles.get(d)), 24))
        uniq = sorted(set(names))
        return names, {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(uniq)}
    names = _map_codes(df["modality"], lambda m: name_of(MODALITY_NAMES, m, lang))
    colours = {name_of(MODALITY_NAMES, k, lang): c for k, c in MODALITY_COLOURS.items()}
    return names, {g: colours.get(g, "#8a8f98") for g in set(names)}


def layout_points(df: pd.DataFrame, lane_by: str, lang: str, actors: dict,
                  dense_threshold: int = DENSE_THRESHOLD) -> TimelinePoints:
    """Lanes top to bottom by number of events; within a lane, overlapping marks go to
    sub-rows (greedy packing) so that none hides another; dense mode jitters instead."""
    n_marks = int(sum(max(len(a), 1) for a in df["actors"])) if lane_by == "actor" else len(df)
    pts = lane_frame(df, lane_by, lang, actors, light=n_marks > dense_threshold)
    if pts.empty:
        return TimelinePoints(pts.assign(y=[]), [], 0, False)
    order = list(pts["lane"].value_counts().index)
    for special in (t("others", lang), t("no_actor", lang)):
        if special in order:  # catch-all lanes go last
            order.remove(special)
            order.append(special)
    s_ms = pts["start"].to_numpy("datetime64[ms]").astype(np.int64)
    e_ms = pts["end"].to_numpy("datetime64[ms]").astype(np.int64) + DAY_MS
    pts = pts.assign(s_ms=s_ms, e_ms=e_ms)
    dense = len(pts) > dense_threshold
    lane_index = {lane: i for i, lane in enumerate(order)}
    if dense:
        rng = np.random.default_rng(0)
        y = -_map_codes(pts["lane"], lane_index.get).astype(float) + rng.uniform(-0.38, 0.38, len(pts))
        ticks = [(-float(i), str(lane)) for i, lane in enumerate(order)]
        return TimelinePoints(pts.assign(y=y), ticks, len(order), True)
    span = max(int(e_ms.max() - s_ms.min()), DAY_MS)
    min_width = span * 0.012  # a marker is about this wide on screen
    y = np.zeros(len(pts))
    ticks, offset = [], 0
    for lane in order:
        idx = np.flatnonzero(pts["lane"].to_numpy() == lane)
        idx = idx[np.argsort(s_ms[idx], kind="stable")]
        row_ends: list[float] = []
        subrow = {}
        for i in idx:
            right = max(e_ms[i], s_ms[i] + min_width)
            for r, last in enumerate(row_ends):
                if last < s_ms[i]:
                    row_ends[r] = right
                    subrow[i] = r
                    break
            else:
                if len(row_ends) < MAX_SUBROWS:
                    row_ends.append(right)
                    subrow[i] = len(row_ends) - 1
                else:  # lane full: reuse the row that frees up first
                    r = int(np.argmin(row_ends))
                    row_ends[r] = max(row_ends[r], right)
                    subrow[i] = r
        n_sub = max(len(row_ends), 1)
        for i, r in subrow.items():
            y[i] = -(offset + r)
        ticks.append((-(offset + (n_sub - 1) / 2), str(lane)))
        offset += n_sub + 0.6  # a gap between lanes
    return TimelinePoints(pts.assign(y=y), ticks, int(np.ceil(offset)), False)


def _hover_columns(pts: pd.DataFrame, lang: str, actors: dict) -> np.ndarray:
    def actor_names(tup):
        if lang == "ja":
            return "、".join(actors[a].display if a in actors else a for a in tup)
        return ", ".join(tup)

    def interval(row_s, row_e, gran):
        s, e = str(row_s)[:10], str(row_e)[:10]
        return s if s == e else f"{s} – {e}"

    esc = _esc
    cols = [
        pts["event_id"].astype(str).tolist(),
        [esc(_short(v, 40)) for v in pts["timex_text"]],
        [esc(v + (f" ({m})" if m else "")) for v, m in zip(pts["value"], pts["mod"])],
        [interval(s, e, g) for s, e, g in zip(pts["start"], pts["end"], pts["granularity"])],
        [esc(_short(v, 60)) for v in pts["summary"]],
        [esc(_short(actor_names(a), 80)) for a in pts["actors"]],
        [esc(_short(v, 40)) for v in pts["doc_title"]],
    ]
    return np.array(cols, dtype=object).T


def timeline_figure(df: pd.DataFrame, *, lane_by: str = "actor", color_by: str = "modality",
                    lang: str = "ja", actors: dict | None = None,
                    dense_threshold: int = DENSE_THRESHOLD) -> go.Figure:
    """The timeline of the given events (see the module docstring)."""
    actors = actors or {}
    laid = layout_points(df, lane_by, lang, actors, dense_threshold)
    pts = laid.frame
    fig = go.Figure()
    if pts.empty:
        return fig
    groups, colours = colour_groups(pts, color_by, lang)
    pts = pts.assign(group=groups)
    if laid.dense:
        mid = (pts["s_ms"].to_numpy() + pts["e_ms"].to_numpy() - DAY_MS) / 2
        group_arr = pts["group"].to_numpy()
        y_all, row_all = pts["y"].to_numpy(), pts["row"].to_numpy()
        for group in sorted(set(group_arr)):
            sel = group_arr == group
            fig.add_trace(go.Scattergl(
                x=mid[sel], y=y_all[sel], mode="markers", name=_esc(group),
                marker=dict(size=4, color=colours.get(group, "#888"), opacity=0.55),
                customdata=row_all[sel], hovertemplate="%{x|%Y-%m-%d}<extra>%{fullData.name}</extra>",
            ))
    else:
        hover = (
            "<b>%{customdata[1]}</b> → %{customdata[2]}<br>%{customdata[3]}<br>%{customdata[4]}"
            f"<br>{t('actors', lang)}: %{{customdata[5]}}<br>{t('source', lang)}: %{{customdata[6]}}<extra></extra>"
        )
        custom = _hover_columns(pts, lang, actors)
        precise = pts["precise"].to_numpy()
        group_arr = pts["group"].to_numpy()
        bar_width = 0.72
        for group in sorted(set(group_arr)):
            colour = colours.get(group, "#888")
            sel_bar = (group_arr == group) & ~precise
            sel_pt = (group_arr == group) & precise
            shown = False
            if sel_bar.any():
                sub = pts[sel_bar]
                fig.add_trace(go.Bar(
                    orientation="h", base=pd.to_datetime(sub["s_ms"], unit="ms").dt.strftime("%Y-%m-%d").tolist(),
                    x=(sub["e_ms"] - sub["s_ms"]).to_numpy(), y=sub["y"].to_numpy(), width=bar_width,
                    name=_esc(group), legendgroup=str(group), showlegend=True,
                    marker=dict(color=colour, opacity=0.45, line=dict(color=colour, width=1.5)),
                    customdata=custom[sel_bar], hovertemplate=hover,
                    unselected=dict(marker=dict(opacity=0.3)), selected=dict(marker=dict(opacity=0.8)),
                ))
                shown = True
            if sel_pt.any():
                sub = pts[sel_pt]
                fig.add_trace(go.Scatter(
                    x=sub["start"].dt.strftime("%Y-%m-%d").tolist(), y=sub["y"].to_numpy(), mode="markers",
                    name=_esc(group), legendgroup=str(group), showlegend=not shown,
                    marker=dict(size=12, color=colour, line=dict(color="white", width=1.5)),
                    customdata=custom[sel_pt], hovertemplate=hover,
                    unselected=dict(marker=dict(opacity=0.6)),
                ))
    tickvals, ticktext = zip(*laid.lane_ticks) if laid.lane_ticks else ((), ())
    height = int(min(max(170 + 30 * laid.n_rows, 320), 1600)) if not laid.dense else int(min(max(170 + 22 * laid.n_rows, 420), 1000))
    fig.update_layout(
        height=height, barmode="overlay", bargap=0, hovermode="closest", clickmode="event+select",
        font=dict(family=FONT, size=13), margin=dict(l=10, r=10, t=30, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0, title_text=""),
        plot_bgcolor="white", hoverlabel=dict(font_family=FONT, align="left"),
        uirevision="timeline",
    )
    fig.update_xaxes(type="date", showgrid=True, gridcolor="#eceff3", zeroline=False)
    fig.update_yaxes(tickvals=list(tickvals), ticktext=[_esc(_short(x, 22)) for x in ticktext],
                     showgrid=False, zeroline=False, automargin=True, fixedrange=True,
                     range=[-(laid.n_rows) + 0.2, 0.8] if not laid.dense else [-(laid.n_rows) + 0.4, 0.6])
    return fig


def event_from_point(point: dict, df: pd.DataFrame) -> str | None:
    """A plotly selection point → event id (custom_data holds the id, or the row number in
    dense mode); None when it cannot be resolved."""
    custom = point.get("customdata") if isinstance(point, dict) else None
    if custom is None:
        return None
    if isinstance(custom, (list, tuple)):
        custom = custom[0] if custom else None
    if isinstance(custom, (int, float, np.integer)) and not isinstance(custom, bool):
        rows = df.index[df["row"] == int(custom)]
        return str(df.loc[rows[0], "event_id"]) if len(rows) else None
    return str(custom) if custom is not None else None


def cooccurrence_figure(matrix: pd.DataFrame, labels: list[str]) -> go.Figure:
    """Heatmap of how many events name both actors (diagonal blanked)."""
    counts = matrix.to_numpy()
    values = counts.astype(float)
    np.fill_diagonal(values, np.nan)
    values[values == 0] = np.nan
    text = [["" if np.isnan(v) else str(int(v)) for v in row] for row in values]
    labels = [_esc(x) for x in labels]
    fig = go.Figure(go.Heatmap(
        z=values, x=labels, y=labels, colorscale="Blues", hoverongaps=False,
        text=text, texttemplate="%{text}",
        hovertemplate="%{y} × %{x}: %{z}<extra></extra>", showscale=False,
    ))
    size = max(320, 36 * len(labels) + 160)
    fig.update_layout(height=min(size, 1100), font=dict(family=FONT, size=12),
                      margin=dict(l=10, r=10, t=10, b=10), plot_bgcolor="white")
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(automargin=True, tickangle=-45)
    return fig
