"""Dashboard logic without a server: filters, labels, URL helpers, escaping, figures, downloads."""
import json
from datetime import date

import numpy as np
import pandas as pd
import pytest

from nenpyo_ui import downloads, filters, render, urlstate
from nenpyo_ui.data import _as_actor_tuple, prepare_events, table_for_download, TABLE_COLUMNS
from nenpyo_ui.figures import (AGGREGATE_THRESHOLD, DENSE_THRESHOLD, MAX_BINS, MAX_LANES, OVERVIEW_GROUPS,
                               _bin_codes, _bin_start,
                               aggregate, choose_unit, default_window, event_from_point, timeline_figure,
                               timeline_mode)
from nenpyo_ui.i18n import STRINGS, default_lang, t
from nenpyo_ui.synthetic import demo_dataset, synthetic_dataset


@pytest.fixture(scope="module")
def demo():
    return demo_dataset()


# ---------------------------------------------------------------- filters

@pytest.mark.parametrize("kwargs,expected", [
    ({}, {"d1:20", "d1:50", "d1:74", "d2:26", "d2:87", "d3:19"}),
    ({"actors": ["Beta Hanako（乙川花子）"]}, {"d1:20", "d1:50", "d2:26"}),
    ({"actors": ["Beta Hanako"]}, {"d1:20", "d1:50", "d2:26"}),
    ({"actors": ["Country A（甲国）", "Beta Hanako（乙川花子）"]}, {"d1:20", "d1:50", "d2:26", "d2:87", "d3:19"}),
    ({"date_from": date(2023, 9, 15)}, {"d1:50", "d2:87", "d3:19"}),  # 9月中旬 overlaps 9/15
    ({"date_from": "2023-09-01", "date_to": "2023-09-12"}, {"d1:50"}),
    ({"date_from": "2023-09-30", "date_to": "2023-09-01"}, {"d1:20", "d1:50", "d2:26"}),  # swapped
    ({"date_from": "not-a-date"}, {"d1:20", "d1:50", "d1:74", "d2:26", "d2:87", "d3:19"}),
    ({"docs": ["d2（<乙国>首脳会談、合意に至らず & 続報）"]}, {"d2:26", "d2:87"}),
    ({"modalities": ["planned（予定）", "denied"]}, {"d1:50", "d3:19"}),
    ({"query": "会談"}, {"d1:20", "d2:26"}),
    ({"query": "ＫＡＩＤＡＮ"}, set()),
    ({"query": "9月 声明"}, {"d1:50"}),  # every word must occur
    ({"query": "９月中旬"}, {"d1:50"}),  # full-width digits match
    ({"actors": ["Nobody"]}, set()),
], ids=["none", "actor-label", "actor-bare", "two-actors-any", "from-overlap", "from-to",
        "swapped-range", "bad-date", "doc", "modality", "search-ja", "search-miss", "search-and",
        "search-zenkaku", "unknown-actor"])
def test_apply_filters(demo, kwargs, expected):
    got = filters.apply_filters(demo.events, filters.make_filters(**kwargs))
    assert set(got["event_id"]) == expected


def test_huge_query_is_truncated():
    assert len(filters.make_filters(query="会" * 10_000).query) == filters.MAX_QUERY_CHARS


@pytest.mark.parametrize("kwargs,hint", [
    ({"actors": ["Country A"], "modalities": ["planned"]}, ["actor", "mod"]),
    ({"actors": ["Country A"], "query": "存在しない語"}, ["q"]),
    ({"date_from": "2030-01-01"}, ["date"]),
], ids=["either", "only-search", "date"])
def test_loosen_hint_names_the_filter_to_relax(demo, kwargs, hint):
    f = filters.make_filters(**kwargs)
    assert filters.apply_filters(demo.events, f).empty
    assert filters.loosen_hint(demo.events, f) == hint


@pytest.mark.parametrize("label_fn,parse_fn,args,label", [
    (filters.actor_label, filters.actor_from_label, ("Sergei Shoigu", "セルゲイ・ショイグ"), "Sergei Shoigu（セルゲイ・ショイグ）"),
    (filters.actor_label, filters.actor_from_label, ("NATO", "NATO"), "NATO"),
    (filters.doc_label, filters.doc_from_label, ("000", "プーチン大統領、ウラジオストクで金氏と会談 – 二重に注目"), "000（プーチン大統領、ウラジオストクで金氏…）"),
    (filters.doc_label, filters.doc_from_label, ("x", "（括弧）入り"), "x（(括弧)入り）"),
], ids=["actor", "actor-same-name", "doc-long-title", "doc-brackets"])
def test_labels_round_trip(label_fn, parse_fn, args, label):
    assert label_fn(*args) == label
    assert parse_fn(label) == args[0]


OPTIONS = ["Sergei Shoigu（ショイグ）", "Kim Jong Un（金正恩）", "NATO", "000（プーチン大統領、ウラジオストクで金…）",
           "planned（予定）"]


@pytest.mark.parametrize("values,expected", [
    (["Sergei Shoigu（ショイグ）"], ["Sergei Shoigu（ショイグ）"]),
    (["Sergei Shoigu"], ["Sergei Shoigu（ショイグ）"]),
    (["sergei shoigu", "ＫＩＭ ＪＯＮＧ ＵＮ"], ["Sergei Shoigu（ショイグ）", "Kim Jong Un（金正恩）"]),
    (["ショイグ"], ["Sergei Shoigu（ショイグ）"]),
    (["nato", "NATO"], ["NATO"]),
    (["000"], ["000（プーチン大統領、ウラジオストクで金…）"]),
    (["planned"], ["planned（予定）"]),
    (["Nobody", "", "Sergei"], []),
    ([], []),
], ids=["label", "canonical", "case-and-width", "display-name", "dedup", "doc-id", "modality-code",
        "unknown-dropped", "none"])
def test_url_values_match_widget_options(values, expected):
    assert filters.match_options(values, OPTIONS) == expected


@pytest.mark.parametrize("aliases,shown", [
    (["金正恩", "金委員長", "同氏", "両氏", "キム"], ["金正恩", "金委員長", "キム"]),
    (["ロシア", "両国", "同国", "ロシア政府"], ["ロシア", "ロシア政府"]),
    (["ニューヨーク・タイムズ", "同紙", "当局", "彼ら"], ["ニューヨーク・タイムズ"]),
    (["同志社大学", "両国国技館", "本田"], ["同志社大学", "両国国技館", "本田"]),  # names that merely start so
], ids=["person", "country", "paper-and-pronoun", "names-kept"])
def test_shown_aliases_leave_out_anaphora(aliases, shown):
    assert filters.shown_aliases(aliases) == shown


def test_modality_label_is_language_neutral():
    assert filters.modality_label("planned") == "planned（予定）"
    assert filters.modality_from_label("planned（予定）") == "planned"
    assert filters.modality_label("weird") == "weird"


def test_actor_summary_and_cooccurrence(demo):
    summary = filters.actor_summary(demo.events).set_index("actor")
    assert summary.loc["Country B", "count"] == 4
    assert str(summary.loc["Alpha Taro", "first"])[:10] == "2019-01-01"
    assert str(summary.loc["Country A", "last"])[:10] == "2024-01-07"
    co = filters.cooccurrence(demo.events)
    assert co.loc["Alpha Taro", "Beta Hanako"] == 3 == co.loc["Beta Hanako", "Alpha Taro"]
    assert co.loc["Country A", "Beta Hanako"] == 0


# ---------------------------------------------------------------- URL state

@pytest.mark.parametrize("base,params,url", [
    ("http://h:8501/timeline", {"actor": ["Sergei Shoigu", "Kim Jong Un"], "q": ["会談"]},
     "http://h:8501/timeline?actor=Sergei+Shoigu&actor=Kim+Jong+Un&q=%E4%BC%9A%E8%AB%87"),
    ("http://h/", {"q": [""], "event": ["000:12"], "lang": ["en"]}, "http://h/?lang=en&event=000%3A12"),
    ("http://h/sources?stale=1", {"para": ["3"], "doc": ["000"]}, "http://h/sources?doc=000&para=3"),
    ("", {}, ""),
], ids=["repeated", "drops-empty-orders-keys", "replaces-old-query", "no-context"])
def test_share_url(base, params, url):
    assert urlstate.share_url(base, params) == url


@pytest.mark.parametrize("value,n,expected", [
    ("1", 5, 0), ("5", 5, 4), ("6", 5, None), ("0", 5, None), ("-1", 5, None),
    ("9" * 400, 5, None), ("abc", 5, None), (None, 5, None), (" 2 ", 5, 1),
], ids=["first", "last", "past-end", "zero", "negative", "huge", "text", "none", "spaces"])
def test_parse_para(value, n, expected):
    assert urlstate.parse_para(value, n) == expected


def test_anchor_id_is_safe():
    assert urlstate.anchor_id('a"><script>', 0) == "nenpyo-a---script--p1"


# ---------------------------------------------------------------- rendering (escaping)

@pytest.mark.parametrize("text,spans,expected", [
    ("<b>9月13日</b>", [render.Span(3, 8, "mark", "x", "2023-09-13")],
     '&lt;b&gt;<mark class="x" title="2023-09-13">9月13日</mark>&lt;/b&gt;'),
    ("A&B", [render.Span(0, 3, "span", "s", '"><img src=x>')],
     '<span class="s" title="&quot;&gt;&lt;img src=x&gt;">A&amp;B</span>'),
    ("abcdef", [render.Span(0, 6, "span", "o"), render.Span(2, 4, "mark", "i")],
     '<span class="o">ab<mark class="i">cd</mark>ef</span>'),
    ("abcdef", [render.Span(0, 4, "span", "a"), render.Span(2, 6, "mark", "b")],
     '<span class="a">abcd</span>ef'),
    ("abc", [render.Span(1, 99, "mark", "x")], "abc"),
    ("一\n二", [], "一<br>二"),
], ids=["tags-escaped", "title-escaped", "nested", "crossing-dropped", "out-of-range", "newline"])
def test_highlight(text, spans, expected):
    assert render.highlight(text, spans) == expected


def test_document_html_escapes_article_text_and_numbers_paragraphs(demo):
    doc = demo.docs["d2"]
    out = render.document_html(doc, "ja", target_para=1)
    assert "<script>alert" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert 'id="nenpyo-d2-p2" class="nenpyo-target"' in out
    assert '<mark class="nenpyo-timex" title="2023-09-13' in out
    assert 'class="nenpyo-actor" title="乙川花子 · 人物"' in out


def test_sentence_html_highlights_the_date(demo):
    row = demo.events.set_index("event_id").loc["d1:50"].copy()
    row["sent_start"], row["timex_start"], row["timex_end"] = row["sent_start"], row["timex_start"], row["timex_end"]
    out = render.sentence_html(row, "en")
    assert '<mark class="nenpyo-timex nenpyo-selected" title="2023-09 (MID) · 2023-09-11 – 2023-09-20 · from the article date">9月中旬</mark>' in out


def test_scroll_script_cannot_be_injected():
    assert "'" not in render.scroll_script("x');alert(1);//").split("getElementById(")[1].split(")")[0].strip("'")


# ---------------------------------------------------------------- figures

def test_timeline_points_and_bars_carry_event_ids(demo):
    fig = timeline_figure(demo.events, lane_by="actor", color_by="modality", lang="ja", actors=demo.actors)
    kinds = {tr.type for tr in fig.data}
    assert kinds == {"bar", "scatter"}
    ids = {cd[0] for tr in fig.data for cd in tr.customdata}
    assert ids == set(demo.events["event_id"])
    for tr in fig.data:  # day-precise → markers, intervals → bars
        for cd in tr.customdata:
            precise = bool(demo.events.set_index("event_id").loc[cd[0], "precise"])
            assert (tr.type == "scatter") == precise
    assert "甲野太郎" in fig.layout.yaxis.ticktext


def test_timeline_by_source_has_one_lane_per_document(demo):
    fig = timeline_figure(demo.events, lane_by="doc", color_by="doc", lang="en", actors=demo.actors)
    assert len(fig.layout.yaxis.tickvals) == 3
    assert {tr.name[:12] for tr in fig.data} == {x[:12] for x in fig.layout.yaxis.ticktext}
    assert all("<" not in x for x in fig.layout.yaxis.ticktext)  # plotly reads tags in labels


def test_hover_text_is_escaped():
    ds = demo_dataset()
    fig = timeline_figure(ds.events[ds.events["doc_id"] == "d2"], lane_by="doc", actors=ds.actors)
    hovers = [str(cd[4]) for tr in fig.data for cd in tr.customdata]
    assert any("&lt;script&gt;" in h for h in hovers) and not any("<script>" in h for h in hovers)


def test_large_tables_use_webgl_with_row_numbers():
    ds = synthetic_dataset(DENSE_THRESHOLD * 3)
    fig = timeline_figure(ds.events, lane_by="actor", actors=ds.actors, aggregate_threshold=10 ** 9)
    assert {tr.type for tr in fig.data} == {"scattergl"} and fig.layout.meta["mode"] == "dense"
    row = int(fig.data[0].customdata[0])
    assert event_from_point({"customdata": row}, ds.events) == ds.events["event_id"].iloc[row]


@pytest.mark.parametrize("n,lane_by,mode", [
    (50, "actor", "points"),
    (DENSE_THRESHOLD * 3 // 4 + 100, "actor", "dense"),  # ~1.5 actors per event: more marks than events
    (DENSE_THRESHOLD * 3 // 4 + 100, "doc", "points"),
    (AGGREGATE_THRESHOLD + 1, "doc", "aggregated"),
], ids=["few", "marks-not-events", "doc-lanes", "many"])
def test_timeline_mode_counts_marks(n, lane_by, mode):
    ds = synthetic_dataset(n)
    assert timeline_mode(ds.events, lane_by) == mode


@pytest.fixture(scope="module")
def big():
    return synthetic_dataset(AGGREGATE_THRESHOLD * 4)


@pytest.mark.parametrize("lane_by", ["actor", "doc"])
def test_many_events_are_aggregated_counting_each_event_once(big, lane_by):
    fig = timeline_figure(big.events, lane_by=lane_by, color_by="modality", lang="en", actors=big.actors)
    assert fig.layout.meta["mode"] == "aggregated"
    heat = next(tr for tr in fig.data if tr.type == "heatmap")
    z = np.nan_to_num(np.asarray(heat.z, dtype=float))
    bars = [tr for tr in fig.data if tr.type == "bar"]
    assert sum(np.asarray(b.y).sum() for b in bars) == len(big.events)  # overview: each event once
    assert len(heat.y) <= MAX_LANES and z.shape[1] <= MAX_BINS
    marks = sum(len(tr.x) for tr in bars) + int((z > 0).sum())
    assert marks <= (MAX_LANES + OVERVIEW_GROUPS + 1) * MAX_BINS  # bounded by bins, not by events
    assert len(bars) <= OVERVIEW_GROUPS + 1


def test_aggregated_actor_lanes_count_events_naming_the_actor(big):
    agg = aggregate(big.events, "actor", "modality", "en", big.actors)
    expected = filters.actor_counts(big.events)
    assert len(agg.lanes) == len(agg.counts)
    for lane, row in zip(agg.lanes, agg.counts):
        if lane in expected:
            assert row.sum() == expected[lane], lane
    others_events = big.events[[not set(a) <= set(agg.lanes) for a in big.events["actors"]]]
    if "others" in agg.lanes:
        assert agg.counts[agg.lanes.index("others")].sum() == len(others_events)


@pytest.mark.parametrize("days,unit", [
    ((0, 30), "D"), ((0, 1000), "W"), ((0, 3650), "M"), ((0, 365 * 40), "Q"), ((0, 365 * 200), "Y"),
], ids=["month-daily", "3y-weekly", "10y-monthly", "40y-quarterly", "200y-yearly"])
def test_bin_unit_is_the_finest_within_max_bins(days, unit):
    assert choose_unit(np.array(days)) == unit


@pytest.mark.parametrize("unit,day,start", [
    ("W", "2023-09-13", "2023-09-11"), ("M", "2023-09-13", "2023-09-01"), ("Q", "2023-09-13", "2023-07-01"),
    ("Y", "2023-09-13", "2023-01-01"), ("D", "2023-09-13", "2023-09-13"),
], ids=["week-monday", "month", "quarter", "year", "day"])
def test_bins_start_where_calendars_do(unit, day, start):
    days = np.array([np.datetime64(day, "D").astype(np.int64)])
    assert str(_bin_start(_bin_codes(days, unit), unit)[0]) == start


def _dated(*spans):
    return pd.DataFrame({"start": pd.to_datetime([a for a, _ in spans]), "end": pd.to_datetime([b for _, b in spans])})


@pytest.mark.parametrize("spans,window", [
    ([("2000-01-01", "2000-01-01")] + [("2023-09-%02d" % d, "2023-09-%02d" % d) for d in range(1, 29)]
     + [("2024-03-01", "2024-03-01")], ("2023-08-12", "2023-10-15")),
    ([("2019-04-%02d" % d, "2019-04-%02d" % d) for d in range(1, 11)]  # a tenth in 2019, the rest in 2023
     + [("2023-09-%02d" % (d % 28 + 1), "2023-09-%02d" % (d % 28 + 1)) for d in range(90)], ("2023-08-12", "2023-09-30")),
    ([("2023-01-01", "2023-12-31")] * 5, None),  # one year-long interval: nothing to trim
    ([("2023-09-01", "2023-09-01"), ("2023-09-20", "2023-09-20")], None),  # already the full span
    ([], None),
], ids=["outliers-left-out", "densest-cluster", "intervals", "nothing-to-trim", "empty"])
def test_default_window_is_where_most_events_are(spans, window):
    assert default_window(_dated(*spans), share=0.8) == window


def test_point_timeline_starts_at_the_window_with_a_slider():
    df = _dated(*([("2000-01-01", "2000-01-01")] + [("2023-09-%02d" % d, "2023-09-%02d" % d) for d in range(1, 29)]))
    ds = demo_dataset()
    events = ds.events.iloc[[0] * len(df)].reset_index(drop=True).assign(start=df["start"], end=df["end"])
    events["event_id"] = [f"e{i}" for i in range(len(events))]
    fig = timeline_figure(events, actors=ds.actors)
    assert fig.layout.meta["mode"] == "points"
    assert fig.layout.xaxis.range[0] > "2023" and fig.layout.xaxis.rangeslider.visible


@pytest.mark.parametrize("point,expected", [
    ({"customdata": ["d1:20", "x"]}, "d1:20"),
    ({"customdata": "d1:20"}, "d1:20"),
    ({"customdata": 999999}, None),
    ({}, None),
    ("garbage", None),
], ids=["list", "scalar", "unknown-row", "no-customdata", "not-a-dict"])
def test_event_from_point(demo, point, expected):
    assert event_from_point(point, demo.events) == expected


def test_empty_table_gives_empty_figure(demo):
    assert len(timeline_figure(demo.events.iloc[:0]).data) == 0


# ---------------------------------------------------------------- data preparation & downloads

@pytest.mark.parametrize("cell,expected", [
    (["A", "B"], ("A", "B")), ('["A", "B"]', ("A", "B")), ("A|B", ("A", "B")), ("", ()),
    (None, ()), (float("nan"), ()), ("Solo", ("Solo",)),
], ids=["list", "json", "pipe", "empty", "none", "nan", "single"])
def test_actor_cells(cell, expected):
    assert _as_actor_tuple(cell) == expected


def test_prepare_events_tolerates_missing_columns():
    df = prepare_events(pd.DataFrame({"event_id": ["a"], "date_start": ["2023-09-13"]}))
    assert list(table_for_download(df).columns) == list(TABLE_COLUMNS)
    assert bool(df["precise"].iloc[0]) and df["actors"].iloc[0] == ()


def test_downloads_contain_exactly_the_filtered_table(demo):
    view = filters.apply_filters(demo.events, filters.make_filters(actors=["Beta Hanako"]))
    rows = json.loads(downloads.to_json(view))
    assert [r["event_id"] for r in rows] == view["event_id"].tolist()
    assert set(rows[0]) == set(TABLE_COLUMNS)
    assert rows[1]["mod"] == "MID" and rows[0]["mod"] is None
    csv = downloads.to_csv(view).decode("utf-8-sig")
    assert csv.splitlines()[0] == ",".join(TABLE_COLUMNS)
    assert len(pd.read_csv(__import__("io").StringIO(csv))) == len(view)
    tl = json.loads(downloads.to_timelinejs(view))
    assert [e["unique_id"] for e in tl["events"]] == view["event_id"].tolist()
    mid = next(e for e in tl["events"] if e["unique_id"] == "d1:50")
    assert mid["start_date"] == {"year": 2023, "month": 9, "day": 11} and "end_date" in mid


def test_timelinejs_escapes_html(demo):
    tl = downloads.to_timelinejs(demo.events).decode()
    assert "<script>" not in tl and "&lt;script&gt;" in tl


# ---------------------------------------------------------------- i18n

def test_every_string_has_both_languages():
    assert [k for k, v in STRINGS.items() if set(v) != {"ja", "en"}] == []


@pytest.mark.parametrize("locale,lang", [
    ("ja-JP", "ja"), ("en-US", "en"), ("en_GB", "en"), ("fr-FR", "ja"), (None, "ja"), ("", "ja"),
], ids=["ja", "en-us", "en-gb", "fr", "none", "empty"])
def test_default_lang(locale, lang):
    assert default_lang(locale) == lang


def test_unknown_message_key_does_not_crash():
    assert t("no-such-key", "en") == "no-such-key"


# ---------------------------------------------------------------- event detail: sentences without a date

@pytest.mark.parametrize("anchor,cluster,lang,expected", [
    ("linked", "c1", "en", "(no date expression in this sentence) date taken from another mention of the same event, “2023年9月13日”"),
    ("linked", "c1", "ja", "（この文に日付表現はありません） 日付は同じ出来事を伝える別の記述「2023年9月13日」"),
    ("previous", "lonely", "ja", "（この文に日付表現はありません） 日付は直前の文の出来事から引き継ぎ"),
], ids=["linked-en", "linked-ja", "previous-no-cluster"])
def test_detail_says_where_an_undated_sentence_gets_its_date(demo, anchor, cluster, lang, expected):
    from nenpyo_ui.views import _written

    row = demo.events.iloc[0].copy()
    row["timex_text"], row["anchor"], row["cluster_id"], row["doc_id"] = "", anchor, cluster, "d9"
    text = _written(row, demo.events, lang).replace("\\", "")
    assert text.startswith(expected) and "****" not in text


def test_detail_shows_a_written_date_in_bold(demo):
    from nenpyo_ui.views import _written

    assert _written(demo.events.iloc[0], demo.events, "ja") == "**2023年9月13日**"
