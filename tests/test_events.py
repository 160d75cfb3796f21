"""Events stage: dated clauses → events (values, modality, summaries), continuations, speech time.
Sentences of our own on other subjects than the sample corpus (cabinet, company results, typhoon, sport)."""
from datetime import date

import pytest

from events.events import event_keys, extract_events, modality_of, summarize
from events.model import Document
from events.pipeline import analyze
from events.table import COLUMNS, event_table


def table(text: str, published: date, doc_id: str = "t"):
    return event_table([analyze(Document(id=doc_id, text=text, published=published))])


# (id, text, dct, [(value, mod, modality, words the summary must contain), …] in text order)
DATED = [
    ("閣議決定", "政府は15日の閣議で、防災庁の設置に向けた法案を閣議決定した。", date(2024, 3, 15),
     [("2024-03-15", None, "occurred", "閣議決定")]),
    ("国会提出の予定", "法案は4月中旬に国会に提出する予定だ。", date(2024, 3, 15),
     [("2024-04", "MID", "planned", "国会に提出")]),
    ("決算発表", "トヨタ自動車は10日、2024年3月期の連結決算を発表した。", date(2024, 5, 10),
     [("2024-05-10", None, "occurred", "連結決算を発表"), ("FY2023", None, "occurred", "連結決算")]),
    ("二つの節", "ソニーグループは2023年に業績予想を上方修正したが、5月14日に決算を発表する予定だ。", date(2024, 5, 10),
     [("2023", None, "occurred", "上方修正"), ("2024-05-14", None, "planned", "決算を発表する予定")]),
    ("台風上陸", "台風7号は15日早朝、和歌山県に上陸した。", date(2023, 8, 15),
     [("2023-08-15TMO", None, "occurred", "上陸")]),
    ("台風の見通し", "気象庁によると、台風は17日に日本海へ抜ける見通しだ。", date(2023, 8, 15),
     [("2023-08-17", None, "expected", "日本海へ抜ける")]),
    ("決勝", "野球の国際大会の決勝が21日、米マイアミで行われ、日本が米国を破って優勝した。", date(2023, 3, 22),
     [("2023-03-21", None, "occurred", "優勝")]),
    ("否定", "同社は3月に報じられた買収交渉を否定しなかった。", date(2024, 4, 2),
     [("2024-03", None, "denied", "買収交渉")]),
]


@pytest.mark.parametrize("text,dct,expected", [c[1:] for c in DATED], ids=[c[0] for c in DATED])
def test_dated_clauses(text, dct, expected):
    df = table(text, dct)
    df = df.sort_values("timex_start")
    assert len(df) == len(expected)
    for row, (value, mod, modality, words) in zip(df.itertuples(), expected):
        assert row.value == value
        assert (row.mod if isinstance(row.mod, str) else None) == mod
        assert row.modality == modality
        assert words in row.summary
        assert row.anchor in ("explicit", "dct", "previous")


NO_EVENT = [
    ("期間だけ", "交渉は3年以上続いている。"),
    ("漠然", "政府は現在、対応を検討している。"),
    ("将来", "将来は工場を増やしたいという。"),
    ("日付行", "2024年5月10日 午前9時\n\n同社の株価は上昇した。"),
]


@pytest.mark.parametrize("text", [c[1] for c in NO_EVENT], ids=[c[0] for c in NO_EVENT])
def test_no_event_without_a_calendar_date(text):
    assert table(text, date(2024, 5, 10)).empty


def test_columns_are_exactly_the_design():
    df = table("政府は15日、法案を閣議決定した。", date(2024, 3, 15))
    assert list(df.columns) == COLUMNS


def test_each_summary_is_its_own_clause():
    df = table("同社は2022年に新工場を開設して以来、2025年春に2つ目の工場を稼働させる予定だ。", date(2024, 5, 10))
    df = df.sort_values("timex_start")
    first, second = df["summary"].tolist()
    assert "開設" in first and "稼働" not in first
    assert "稼働" in second and "開設" not in second
    assert df["modality"].tolist() == ["occurred", "planned"]


CONTINUATIONS = [
    ("両首脳", "岸田文雄首相は15日、ニューデリーでモディ首相と会談した。両首脳は経済協力の拡大で合意した。", 1),
    ("同氏の発言", "大谷翔平選手は22日、記者会見を開いた。同氏は「最高の気分だ」と語った。", 1),
    ("無関係な文", "岸田文雄首相は15日、モディ首相と会談した。しかし円相場は下落した。", 0),
]


@pytest.mark.parametrize("text,n", [c[1:] for c in CONTINUATIONS], ids=[c[0] for c in CONTINUATIONS])
def test_continuation_joins_the_event_before(text, n):
    df = table(text, date(2023, 9, 15))
    follow = df[df["anchor"] == "previous"]
    assert len(follow) == n
    if n:
        dated = df[df["timex_text"] != ""].iloc[0]
        assert (follow["cluster_id"] == dated["cluster_id"]).all()
        assert (follow["value"] == dated["value"]).all()
        assert (follow["timex_start"] == follow["timex_end"]).all()  # no date expression of its own


def test_after_sentence_is_a_later_event():
    text = "岸田文雄首相は15日、モディ首相と会談した。その会談後、岸田氏は工場を視察した。"
    df = table(text, date(2023, 9, 15))
    later = df[df["sentence"].str.startswith("その会談後")]
    assert len(later) == 1
    assert later.iloc[0]["mod"] == "AFTER"
    assert later.iloc[0]["cluster_id"] != df[df["timex_text"] == "15日"].iloc[0]["cluster_id"]


def test_today_in_a_quote_is_the_day_of_speaking():
    text = "監督は20日、決勝後の記者会見で喜びを語った。\n「今日は最高の日だ」と監督は述べた。"
    df = table(text, date(2023, 3, 22))
    quoted = df[df["timex_text"] == "今日"]
    assert quoted["value"].tolist() == ["2023-03-20"]


def test_headline_is_linked_to_its_dated_event():
    text = "岸田首相、インドを訪問へ\n岸田文雄首相は9月中旬にインドを訪問する予定だ。"
    df = table(text, date(2023, 9, 1))
    head = df[df["sent_start"] == 0]
    assert head["anchor"].tolist() == ["linked"]
    assert head["value"].tolist() == ["2023-09"]
    assert head["cluster_id"].iloc[0] == df[df["timex_text"] == "9月中旬"]["cluster_id"].iloc[0]


@pytest.mark.parametrize("clause,expected", [
    ("に会談する予定だ。", "planned"),
    ("に訪問する可能性がある。", "expected"),
    ("に到着したと伝えられている。", "reported"),
    ("に署名しなかった。", "denied"),
    ("に上陸した。", "occurred"),
    ("に業績予想を上方修正した。", "occurred"),
], ids=["予定", "可能性", "伝えられ", "否定", "過去", "名詞の予想"])
def test_modality_of(clause, expected):
    assert modality_of(clause) == expected


def test_summary_trims_captions_and_connectives():
    assert summarize("しかし、選手団は22日に帰国した(写真:共同)。") == "選手団は22日に帰国した"
    assert len(summarize("あ" * 200)) == 80


def test_event_keys():
    assert event_keys("首相は大統領と会談した") == {"meet"}
    assert "results" in event_keys("純利益は過去最高の決算となった")


def test_bad_input_gives_no_crash():
    assert table("", date(2024, 1, 1)).empty
    assert table("。。。", None).empty


# --- who makes a statement ---------------------------------------------------------------------------

SPEAKERS = [
    ("引用の後の主語", "台風10号の被害額は1000億円を超えたと、日本政府が3日に発表した。", "Japan"),
    ("最初の主題", "林芳正官房長官は3日、トヨタ自動車は工場の稼働を止めたと述べた。", "Yoshimasa Hayashi"),
    ("主題が従属節にある", "トヨタ自動車は減益を見込むが、岸田文雄首相は3日、賃上げを求めると述べた。", "Fumio Kishida"),
    ("代名詞", "岸田文雄首相は3日に記者会見を開いた。「賃上げを求める」と彼は3日に述べた。", "Fumio Kishida"),
    ("姓だけ", "ジョン・カービー氏が会見に臨んだ。北朝鮮が発射したと、カービーは3日に語った。", "John Kirby"),
]


@pytest.mark.parametrize("text,speaker", [c[1:] for c in SPEAKERS], ids=[c[0] for c in SPEAKERS])
def test_speaker_of_a_dated_statement(text, speaker):
    a = analyze(Document(id="t", text=text, published=date(2024, 9, 3)))
    spoken = [e.speaker for e in extract_events(a) if e.speaker and e.timex_text == "3日"]
    assert spoken and spoken[-1][0] == speaker


def test_speaker_keeps_the_body_it_is_introduced_with():
    text = "米国務省のマシュー・ミラー報道官は3日、制裁を検討していると述べた。"
    a = analyze(Document(id="t", text=text, published=date(2024, 9, 3)))
    (e,) = [e for e in extract_events(a) if e.timex_text == "3日"]
    assert e.speaker[0] == "Matthew Miller (spokesperson)"
    assert "United States Department of State" in e.speaker[2]


def test_photo_credit_is_not_a_participant():
    text = "トヨタ自動車は2023年に過去最高益を記録した(写真:ロイター)。"
    a = analyze(Document(id="t", text=text, published=date(2024, 5, 10)))
    (e,) = extract_events(a)
    assert "Reuters" in e.actors and "Reuters" not in dict(e.matching)
