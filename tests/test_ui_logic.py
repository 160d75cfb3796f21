"""Dashboard logic without a server: filters, labels, URL helpers, escaping, figures, downloads."""
import json
from datetime import date

import pandas as pd
import pytest

from nenpyo_ui import downloads, filters, render, urlstate
from nenpyo_ui.data import _as_actor_tuple, prepare_events, table_for_download, TABLE_COLUMNS
from nenpyo_ui.figures import DENSE_THRESHOLD, event_from_point, timeline_figure
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
    fig = timeline_figure(ds.events, lane_by="actor", actors=ds.actors)
    assert {tr.type for tr in fig.data} == {"scattergl"}
    row = int(fig.data[0].customdata[0])
    assert event_from_point({"customdata": row}, ds.events) == ds.events["event_id"].iloc[row]


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
