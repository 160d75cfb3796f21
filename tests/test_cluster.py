"""Clustering stage: the same event in two articles shares a cluster, different events stay apart,
ids are stable across builds, the cluster table says where sources disagree on the date."""
from datetime import date

import pytest

from events.model import Document
from events.pipeline import analyze
from events.table import CLUSTER_COLUMNS, cluster_table, event_table


def build(*articles):
    return event_table([analyze(Document(id=i, text=t, published=d)) for i, t, d in articles])


def cluster_of(df, doc_id, surface):
    rows = df[(df["doc_id"] == doc_id) & (df["timex_text"] == surface)]
    assert len(rows) == 1, rows
    return rows.iloc[0]["cluster_id"]


SAME = [
    ("台風上陸", ("a", "台風7号は15日午前5時前、和歌山県潮岬付近に上陸した。", date(2023, 8, 15)), "15日午前5時",
     ("b", "大型の台風7号は15日早朝、和歌山県に上陸し、各地で大雨となった。", date(2023, 8, 16)), "15日早朝"),
    ("首相のインド訪問", ("a", "岸田文雄首相は9月中旬にインドを訪問する予定だ。", date(2023, 9, 1)), "9月中旬",
     ("b", "岸田文雄首相は今月末、インドを訪問してモディ首相と会談する見通しだ。", date(2023, 9, 2)), "今月末"),
    ("決勝", ("a", "WBCの決勝が21日に行われ、日本が米国を破って優勝した。", date(2023, 3, 22)), "21日",
     ("b", "日本代表は3月21日、決勝で米国を3-2で破り、3大会ぶりに優勝した。", date(2023, 3, 23)), "3月21日"),
]


@pytest.mark.parametrize("one,s1,two,s2", [c[1:] for c in SAME], ids=[c[0] for c in SAME])
def test_two_articles_on_one_event_share_a_cluster(one, s1, two, s2):
    df = build(one, two)
    assert cluster_of(df, "a", s1) == cluster_of(df, "b", s2)


APART = [
    ("二社の決算", ("a", "トヨタ自動車は10日、決算を発表した。", date(2024, 5, 10)), "10日",
     ("b", "ソニーグループは10日、決算を発表した。", date(2024, 5, 10)), "10日"),
    ("別の会談相手", ("a", "岸田文雄首相は2019年にモディ首相と会談した。", date(2023, 9, 1)), "2019年",
     ("b", "岸田文雄首相は2019年に習近平国家主席と会談した。", date(2023, 9, 1)), "2019年"),
    ("違う月", ("a", "政府は3月に法案を閣議決定した。", date(2024, 6, 1)), "3月",
     ("b", "政府は5月に法案を閣議決定した。", date(2024, 6, 1)), "5月"),
    ("同日の別の発言", ("a", "岸田文雄首相は15日、記者団に対して景気は回復していると述べた。", date(2024, 3, 15)), "15日",
     ("b", "バイデン大統領は15日、記者団に対して景気は回復していると述べた。", date(2024, 3, 15)), "15日"),
]


@pytest.mark.parametrize("one,s1,two,s2", [c[1:] for c in APART], ids=[c[0] for c in APART])
def test_different_events_stay_apart(one, s1, two, s2):
    df = build(one, two)
    assert cluster_of(df, "a", s1) != cluster_of(df, "b", s2)


ARTICLES = [
    ("x", "岸田首相、インドを訪問へ\n岸田文雄首相は9月中旬にインドを訪問する予定だ。両首脳は経済協力で合意する見通しだ。",
     date(2023, 9, 1)),
    ("y", "岸田文雄首相は今月末、インドを訪問してモディ首相と会談する見通しだ。", date(2023, 9, 2)),
    ("z", "台風13号は8日、東海地方に接近した。", date(2023, 9, 8)),
]


def test_ids_are_stable_across_builds():
    first, second = build(*ARTICLES), build(*reversed(ARTICLES))
    key = ["event_id", "cluster_id", "value", "anchor"]
    a = first[key].sort_values("event_id").reset_index(drop=True)
    b = second[key].sort_values("event_id").reset_index(drop=True)
    assert a.equals(b)
    assert first["event_id"].is_unique


def test_cluster_table_reports_sources_and_disagreement():
    df = build(*ARTICLES)
    ct = cluster_table(df)
    assert list(ct.columns) == CLUSTER_COLUMNS
    visit = ct[ct["n_docs"] == 2]
    assert len(visit) == 1
    row = visit.iloc[0]
    assert row["doc_ids"] == ["x", "y"]
    assert row["dates_disagree"]  # 9月中旬 vs 今月末
    assert row["n_mentions"] >= 3  # both dated mentions and the headline
    assert row["best_value"] == "2023-09"
    typhoon = ct[ct["doc_ids"].map(lambda d: d == ["z"])]
    assert not typhoon["dates_disagree"].any()


def test_cluster_table_of_nothing():
    assert cluster_table(build()).empty


# --- one statement reported twice: the speaker, not the wording, ties the mentions -------------------

STATEMENTS = [
    ("国と報道官", ("a", "日本政府が月曜日に発表したところによると、台風10号でトヨタ自動車の工場が止まった。", date(2024, 9, 3)), "月曜日",
     ("b", "台風10号でトヨタ自動車の工場が止まったと、林芳正官房長官は2日に語った。", date(2024, 9, 3)), "2日"),
    ("週と日", ("a", "米国は先週、中国が台湾周辺で演習を計画していると発表した。", date(2024, 5, 27)), "先週",
     ("b", "中国が台湾周辺で演習を行う計画だと、カービー氏は5月21日に述べた。", date(2024, 5, 22)), "5月21日"),
]


@pytest.mark.parametrize("one,s1,two,s2", [c[1:] for c in STATEMENTS], ids=[c[0] for c in STATEMENTS])
def test_one_statement_of_a_country_and_its_spokesperson(one, s1, two, s2):
    df = build(one, two)
    assert cluster_of(df, "a", s1) == cluster_of(df, "b", s2)


STATEMENTS_APART = [
    ("二人の閣僚", ("a", "林芳正官房長官は3日、台風10号の被害について中国に支援を求めたと述べた。", date(2024, 9, 3)), "3日",
     ("b", "岸田文雄首相は3日、台風10号の被害について中国の支援に感謝すると述べた。", date(2024, 9, 3)), "3日"),
    ("二つの国", ("a", "米国は3日、北朝鮮がミサイルを発射したと発表した。", date(2024, 9, 3)), "3日",
     ("b", "韓国は3日、北朝鮮がミサイルを発射したと発表した。", date(2024, 9, 3)), "3日"),
    ("同じ国の二つの週", ("a", "米国は先週、北朝鮮がロシアに砲弾を送ったと発表した。", date(2024, 9, 3)), "先週",
     ("b", "米国は先週、ロシアが北朝鮮と協議していると警告した。", date(2024, 9, 4)), "先週"),
]


@pytest.mark.parametrize("one,s1,two,s2", [c[1:] for c in STATEMENTS_APART], ids=[c[0] for c in STATEMENTS_APART])
def test_statements_of_two_speakers_stay_apart(one, s1, two, s2):
    df = build(one, two)
    assert cluster_of(df, "a", s1) != cluster_of(df, "b", s2)


def test_a_trip_told_twice_in_one_article_is_one_event():
    text = ("岸田文雄首相は2022年にバイデン大統領と会談した。"
            "与党内では、2022年の彼の訪問は成果が乏しかったとの声もある。")
    df = build(("a", text, date(2024, 1, 10)))
    dated = df[df["timex_text"] == "2022年"]
    assert len(dated) == 2 and dated["cluster_id"].nunique() == 1


def test_a_trip_and_another_trip_of_the_same_year_stay_apart():
    text = ("岸田文雄首相は2022年にバイデン大統領と会談した。"
            "岸田文雄首相は2022年に中国の習近平国家主席とも会談した。")
    df = build(("a", text, date(2024, 1, 10)))
    dated = df[df["timex_text"] == "2022年"]
    assert len(dated) == 2 and dated["cluster_id"].nunique() == 2
