"""Figure stage: filtered event table → plotly figures (timeline, co-occurrence heatmap).

Three modes, chosen by the number of marks (an event is one mark per lane it appears in):
- points (≤ DENSE_THRESHOLD): day-precise events are markers; imprecise ones (a week, 中旬, a
  month, a year) are horizontal bars over [date_start, date_end] so precision is visible. Every
  trace carries the event id in custom_data (colour splits traces, so point indices mean nothing).
- dense (≤ AGGREGATE_THRESHOLD): one WebGL marker per event at its interval's middle, carrying
  the table row number (the id is looked up server-side).
- aggregated (more): counts per lane per time bin (day/week/month/quarter/year, the finest
  giving at most MAX_BINS bins) as a heatmap, under stacked bars per colour group that count
  each event once. Never 100,000 shapes in the browser.
The visible x-range starts at where most events are (the shortest interval holding 80% of
them, padded); a range slider under the chart and an "all" button reach the full span.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from itertools import chain

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .filters import doc_label
from .i18n import MODALITY_NAMES, name_of, t

DENSE_THRESHOLD = 2000
AGGREGATE_THRESHOLD = 5000
MAX_BINS = 400
WINDOW_SHARE = 0.9  # the first view holds at least this share of the events (outliers such as a
# 2000 background date stay in the range slider; the rest — a 2019 precedent too — stays in view)
OVERVIEW_GROUPS = 7
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
HEAT_COLOURS = [[0.0, "#dbe8f6"], [0.15, "#9ec5ea"], [0.45, "#3f88c5"], [1.0, "#0b3c75"]]

# Strings of this module's figures and of the timeline view (ja/en), kept here rather than in
# i18n.py (owned elsewhere); t() falls back to i18n.t for other keys.


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


def n_marks(df: pd.DataFrame, lane_by: str) -> int:
    """How many marks the timeline would draw: one per (event, lane)."""
    if lane_by != "actor":
        return len(df)
    lens = np.fromiter(map(len, df["actors"]), np.int64, len(df))
    return int(lens.sum() + (lens == 0).sum())  # an event without actors has its own lane


def layout_points(df: pd.DataFrame, lane_by: str, lang: str, actors: dict,
                  dense_threshold: int = DENSE_THRESHOLD, visible_days: float | None = None) -> TimelinePoints:
    """Lanes top to bottom by number of events; within a lane, overlapping marks go to
    sub-rows (greedy packing) so that none hides another; dense mode jitters instead.
    visible_days: width of the x-range shown first (markers are packed at that scale)."""
    n_marks = globals()["n_marks"](df, lane_by)
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
    if visible_days:
        span = min(span, max(int(visible_days * DAY_MS), DAY_MS))
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


# ---------------------------------------------------------------- visible window

def _mid_days(df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Dated rows' start, end (inclusive) and middle as integer days since 1970-01-01."""
    dated = df["start"].notna().to_numpy()
    s = df["start"].to_numpy("datetime64[D]")[dated].astype(np.int64)
    e = df["end"].to_numpy("datetime64[D]")[dated].astype(np.int64)
    e = np.maximum(e, s)
    return s, e, (s + e) // 2


def default_window(df: pd.DataFrame, share: float = WINDOW_SHARE,
                   min_share: float = 0.8) -> tuple[str, str] | None:
    """The x-range to show first: the shortest interval holding `share` of the events (by the
    middle of their dates), padded by a tenth of its width (at least 20 days, and at least the
    median interval length on each side) — where most
    events are, even when a few lie years away (a 2000 background date beside a 2023 crisis).
    None when that is most of the full span anyway (then the chart shows everything).
    Dates as 'YYYY-MM-DD'."""
    if "start" not in df or not df["start"].notna().any():
        return None
    s, e, mid = _mid_days(df)
    first, last = int(s.min()), int(e.max()) + 1
    mid = np.sort(mid)
    k = max(int(np.ceil(share * len(mid))), 1)
    widths = mid[k - 1:] - mid[:len(mid) - k + 1]
    i = int(np.argmin(widths))  # the first of the shortest windows
    lo_d, hi_d = int(mid[i]), int(mid[i + k - 1]) + 1
    # padding: a tenth of the width, at least 20 days, and room for a typical interval (a
    # window inside year-long bars would show nothing but bars)
    pad = max((hi_d - lo_d) * 0.1, 20, float(np.median(e - s + 1)) - (hi_d - lo_d) / 2)
    lo, hi = max(int(lo_d - pad), first - 1), min(int(np.ceil(hi_d + pad)), last + 1)
    if hi - lo >= min_share * (last - first):
        return None
    day = lambda d: str(np.datetime64(int(d), "D"))  # noqa: E731
    return day(lo), day(hi)


def data_span(df: pd.DataFrame) -> tuple[str, str] | None:
    """First start and last end of the dated rows ('YYYY-MM-DD'), None when nothing is dated."""
    if "start" not in df or not df["start"].notna().any():
        return None
    s, e, _ = _mid_days(df)
    return str(np.datetime64(int(s.min()), "D")), str(np.datetime64(int(e.max()), "D"))


def _window_controls(lang: str) -> dict:
    """x-axis settings: a thin range slider over the full span and an "all" button (a double
    click on the chart returns to the first view)."""
    return dict(
        rangeslider=dict(visible=True, thickness=0.05, bgcolor="#f6f8fb"),
        rangeselector=dict(buttons=[dict(step="all", label=t("whole_span", lang))],
                           x=1, xanchor="right", y=1.0, yanchor="bottom", font=dict(size=12)),
    )


# ---------------------------------------------------------------- aggregation

BIN_UNITS = ("D", "W", "M", "Q", "Y")


def _bin_codes(days: np.ndarray, unit: str) -> np.ndarray:
    """Days since the epoch → bin number (weeks start on Monday)."""
    if unit == "D":
        return days
    if unit == "W":
        return (days + 3) // 7  # 1970-01-05 (day 4) is a Monday
    months = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    if unit == "M":
        return months
    if unit == "Q":
        return months // 3
    return months // 12


def _bin_start(codes: np.ndarray, unit: str) -> np.ndarray:
    """Bin number → its first day (datetime64[D])."""
    codes = np.asarray(codes, dtype=np.int64)
    if unit == "D":
        return codes.astype("datetime64[D]")
    if unit == "W":
        return (codes * 7 - 3).astype("datetime64[D]")
    months = codes * {"M": 1, "Q": 3, "Y": 12}[unit]
    return months.astype("datetime64[M]").astype("datetime64[D]")


def choose_unit(days: np.ndarray, max_bins: int = MAX_BINS) -> str:
    """The finest bin unit that covers the days in at most max_bins bins."""
    for unit in BIN_UNITS:
        codes = _bin_codes(np.array([days.min(), days.max()]), unit)
        if codes[1] - codes[0] + 1 <= max_bins:
            return unit
    return "Y"


def _bin_label(start: np.datetime64, unit: str) -> str:
    d = str(start)
    if unit == "M":
        return d[:7]
    if unit == "Q":
        return f"{d[:4]} Q{(int(d[5:7]) - 1) // 3 + 1}"
    if unit == "Y":
        return d[:4]
    if unit == "W":
        return f"{d} –"
    return d


@dataclass(frozen=True)
class Aggregate:
    """Counts per lane (rows, top to bottom) per time bin (columns)."""

    lanes: list[str]
    counts: np.ndarray  # len(lanes) × n_bins
    bin_start: np.ndarray  # datetime64[D]
    bin_end: np.ndarray  # datetime64[D], exclusive
    unit: str
    groups: dict[str, np.ndarray]  # colour group → counts per bin (each event once)
    n_events: int


def aggregate(df: pd.DataFrame, lane_by: str, color_by: str, lang: str, actors: dict,
              max_bins: int = MAX_BINS) -> Aggregate:
    """Events → counts per (lane, bin) without one row per (event, lane): the lane membership
    is counted from flat arrays. Actor lanes count the events naming the actor; the catch-all
    lanes (others, no actor) count each of their events once and come last. The colour groups'
    counts (the overview bars) count every event once."""
    df = df[df["start"].notna()]
    _, _, mid = _mid_days(df)
    n = len(df)
    unit = choose_unit(mid, max_bins) if n else "M"
    codes = _bin_codes(mid, unit) if n else np.zeros(0, np.int64)
    base = int(codes.min()) if n else 0
    bins = codes - base
    n_bins = int(bins.max()) + 1 if n else 0
    if lane_by == "doc":
        titles = _titles(df)
        lane_codes, names = pd.factorize(df["doc_id"])
        pair_rows, pair_lanes = np.arange(n), lane_codes
        label = lambda d: _short(doc_label(d, titles.get(d)), 24)  # noqa: E731
        has_none = np.zeros(n, bool)
    else:
        tuples = df["actors"].tolist()
        lens = np.fromiter(map(len, tuples), np.int64, n)
        flat = list(chain.from_iterable(tuples))
        pair_rows = np.repeat(np.arange(n), lens)
        pair_lanes, names = pd.factorize(pd.Series(flat, dtype=object)) if flat else (np.zeros(0, np.int64), [])
        label = (lambda a: actors[a].display if a in actors else a) if lang == "ja" else str  # noqa: E731
        has_none = lens == 0
    names = list(names)
    totals = np.bincount(pair_lanes, minlength=len(names)) if len(names) else np.zeros(0, int)
    order = sorted(range(len(names)), key=lambda i: (-totals[i], str(names[i])))
    room = MAX_LANES - 1 - int(has_none.any())
    keep = order if len(order) <= room else order[:room - 1]
    rank = np.full(len(names) + 1, -1)
    rank[keep] = np.arange(len(keep))
    lanes = [str(label(names[i])) for i in keep]
    lane_of_pair = rank[pair_lanes] if len(pair_lanes) else np.zeros(0, int)
    sel = lane_of_pair >= 0
    flat_idx = lane_of_pair[sel] * n_bins + bins[pair_rows[sel]]
    counts = np.bincount(flat_idx, minlength=len(keep) * n_bins)[:len(keep) * n_bins].reshape(len(keep), n_bins)
    extra = []
    if (~sel).any():  # events naming an actor (source) outside the kept lanes, each once
        other_rows = np.zeros(n, bool)
        other_rows[pair_rows[~sel]] = True
        extra.append((t("others", lang), np.bincount(bins[other_rows], minlength=n_bins)))
    if has_none.any():
        extra.append((t("no_actor", lang), np.bincount(bins[has_none], minlength=n_bins)))
    for name, row in extra:
        lanes.append(name)
        counts = np.vstack([counts, row])
    group_names, colours = colour_groups(df, color_by, lang)
    g_codes, g_uniques = pd.factorize(pd.Series(group_names, dtype=object))
    g_totals = np.bincount(g_codes, minlength=len(g_uniques))
    g_order = sorted(range(len(g_uniques)), key=lambda i: -g_totals[i])
    groups: dict[str, np.ndarray] = {}
    rest = np.zeros(n_bins, dtype=np.int64)
    for j, gi in enumerate(g_order):
        row = np.bincount(bins[g_codes == gi], minlength=n_bins)
        if j < OVERVIEW_GROUPS or len(g_order) <= OVERVIEW_GROUPS + 1:
            groups[str(g_uniques[gi])] = row
        else:
            rest += row
    if rest.any():
        groups[t("others", lang)] = rest
    starts = _bin_start(np.arange(base, base + n_bins), unit)
    ends = _bin_start(np.arange(base + 1, base + n_bins + 1), unit)
    return Aggregate(lanes, counts, starts, ends, unit, groups, n)


def aggregated_figure(df: pd.DataFrame, *, lane_by: str = "actor", color_by: str = "modality",
                      lang: str = "ja", actors: dict | None = None) -> go.Figure:
    """Counts per lane and time bin (heatmap) under stacked counts per colour group (bars)."""
    agg = aggregate(df, lane_by, color_by, lang, actors or {})
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.2, 0.8], vertical_spacing=0.03)
    if agg.n_events == 0:
        return fig
    mids = agg.bin_start + (agg.bin_end - agg.bin_start) // 2
    x = [str(d) for d in mids]
    width = ((agg.bin_end - agg.bin_start).astype(np.int64) * DAY_MS * 0.9).tolist()
    labels = [_bin_label(d, agg.unit) for d in agg.bin_start]
    _, colours = colour_groups(df.iloc[:0], color_by, lang)
    for i, (group, row) in enumerate(agg.groups.items()):
        colour = colours.get(group) or PALETTE[i % len(PALETTE)]
        fig.add_trace(go.Bar(
            x=x, y=row, width=width, name=_esc(group), marker=dict(color=colour, line=dict(width=0)),
            customdata=labels, hovertemplate="%{customdata}: %{y:,}<extra>%{fullData.name}</extra>",
        ), row=1, col=1)
    z = agg.counts.astype(float)
    z[z == 0] = np.nan
    cells = agg.counts[agg.counts > 0]
    zmax = float(np.quantile(cells, 0.98)) if len(cells) else 1.0  # a busy catch-all lane must not wash out the rest
    hover_bins = np.broadcast_to(np.array(labels, dtype=object), z.shape)
    fig.add_trace(go.Heatmap(
        z=z, x=x, y=[_esc(_short(lane, 22)) for lane in agg.lanes], colorscale=HEAT_COLOURS, showscale=False,
        zmin=0, zmax=max(zmax, 1.0),
        customdata=hover_bins, hoverongaps=False, xgap=0, ygap=2,
        hovertemplate="%{y} · %{customdata}<br>" + t("n_in_bin", lang, n="%{z:,}") + "<extra></extra>",
    ), row=2, col=1)
    window = default_window(df)
    height = int(min(max(260 + 26 * len(agg.lanes), 420), 1200)) + (60 if window else 0)
    fig.update_layout(
        height=height, barmode="stack", bargap=0, hovermode="closest", showlegend=True,
        font=dict(family=FONT, size=13), margin=dict(l=10, r=10, t=30, b=10), plot_bgcolor="white",
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0, title_text=""),
        hoverlabel=dict(font_family=FONT, align="left"), uirevision=f"agg-{window}",
        meta={"mode": "aggregated", "unit": agg.unit, "events": agg.n_events},
    )
    fig.update_xaxes(type="date", showgrid=True, gridcolor="#eceff3", zeroline=False)
    if window:
        controls = _window_controls(lang)
        fig.update_xaxes(range=list(window))
        fig.update_xaxes(rangeselector=controls["rangeselector"], row=1, col=1)
        fig.update_xaxes(rangeslider=controls["rangeslider"], row=2, col=1)
    fig.update_yaxes(fixedrange=True, automargin=True, showgrid=False, zeroline=False)
    fig.update_yaxes(autorange="reversed", row=2, col=1)
    return fig


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


def timeline_mode(df: pd.DataFrame, lane_by: str = "actor", dense_threshold: int = DENSE_THRESHOLD,
                  aggregate_threshold: int = AGGREGATE_THRESHOLD) -> str:
    """'points', 'dense' (WebGL markers) or 'aggregated' (counts per bin) for these events."""
    dated = df[df["start"].notna()]
    if len(dated) > aggregate_threshold:  # at least one mark per event: no need to count
        return "aggregated"
    marks = n_marks(dated, lane_by)
    return "aggregated" if marks > aggregate_threshold else "dense" if marks > dense_threshold else "points"


def timeline_figure(df: pd.DataFrame, *, lane_by: str = "actor", color_by: str = "modality",
                    lang: str = "ja", actors: dict | None = None,
                    dense_threshold: int = DENSE_THRESHOLD,
                    aggregate_threshold: int = AGGREGATE_THRESHOLD) -> go.Figure:
    """The timeline of the given events (see the module docstring); layout.meta["mode"] says
    which of points / dense / aggregated was drawn."""
    actors = actors or {}
    mode = timeline_mode(df, lane_by, dense_threshold, aggregate_threshold)
    if mode == "aggregated":
        return aggregated_figure(df, lane_by=lane_by, color_by=color_by, lang=lang, actors=actors)
    window = default_window(df)
    visible = (np.datetime64(window[1]) - np.datetime64(window[0])).astype(int) if window else None
    laid = layout_points(df, lane_by, lang, actors, dense_threshold, visible)
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
        uirevision=f"timeline-{window}", meta={"mode": "dense" if laid.dense else "points"},
    )
    fig.update_xaxes(type="date", showgrid=True, gridcolor="#eceff3", zeroline=False)
    if window:  # most events in view; the slider and the "all" button reach the rest
        fig.update_layout(height=height + 60)
        fig.update_xaxes(range=list(window), **_window_controls(lang))
    fig.update_yaxes(tickvals=list(tickvals), ticktext=[_esc(_short(x, 22)) for x in ticktext],
                     showgrid=False, zeroline=False, automargin=True, fixedrange=True,
                     range=[-(laid.n_rows) + 0.2, 0.8] if not laid.dense else [-(laid.n_rows) + 0.4, 0.6])
    if height > TALL_CHART:
        _dates_on_top(fig)
    return fig


TALL_CHART = 560  # px; above this the dates are repeated above the chart, where the eye starts


def _dates_on_top(fig: go.Figure) -> None:
    """On a tall chart the dates go above the plot, where the eye starts (a date axis at the bottom
    of a long page is out of sight); the range slider, which only sits below, gives way to the
    "whole span" button, and the legend moves to the top edge so the two do not overlap."""
    fig.update_xaxes(side="top", rangeslider=dict(visible=False))
    if fig.layout.xaxis.rangeselector.buttons:
        fig.update_xaxes(rangeselector=dict(yanchor="bottom", y=1.0, x=1, xanchor="left"))
    fig.update_layout(legend=dict(yref="container", y=1.0, yanchor="top", x=0.2), margin=dict(t=90))


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
