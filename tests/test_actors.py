"""Actors stage: own sentences on other subjects (cabinet, company results, typhoon, sports), alias
merging inside a document, and text that must not yield actors."""
from datetime import date

import pytest

from events.actors import actor_catalog, actors_in_span, find_actors


def names(text, **kw):
    return [m.canonical for m in find_actors(text, **kw)]


def name_set(text, **kw):
    return set(names(text, **kw))


# --- subjects the sample articles never touch -----------------------------------------------
CONTAINS = [
    ("cabinet", "政府は12日の閣議で、防衛費の増額を盛り込んだ予算案を決定した。林芳正官房長官が記者会見で明らかにした。",
     {"Cabinet of Japan", "Yoshimasa Hayashi", "Japan"}),
    ("cabinet_ministry", "財務省と経済産業省は、来年度から新たな補助金制度を始めると発表した。",
     {"Ministry of Finance (Japan)", "Ministry of Economy, Trade and Industry"}),
    ("company_results", "トヨタ自動車は8日、2024年3月期の連結決算を発表し、佐藤恒治社長は「過去最高益」と述べた。",
     {"Toyota", "Koji Sato (businessman)"}),
    ("company_unknown_ceo", "ソニーグループの山田太郎社長は、半導体事業が好調だと語った。",
     {"Sony", "山田太郎"}),
    ("typhoon", "気象庁によると、台風10号は九州南部に接近しており、海上保安庁が警戒を呼びかけている。",
     {"Japan Meteorological Agency", "Japan Coast Guard"}),
    ("sports_final", "決勝で日本代表の大谷翔平選手が本塁打を放ち、米国を破って優勝した。",
     {"Shohei Ohtani", "United States"}),
    ("sports_unknown_player", "井上尚弥選手は試合後、「最高の気分だ」と語った。", {"井上尚弥"}),
    ("compound_us_japan", "日米首脳会談で両首脳は同盟の強化を確認した。", {"Japan", "United States"}),
    ("compound_three", "日米韓の外相が電話で協議した。", {"Japan", "United States", "South Korea"}),
    ("prefix_title", "米大統領報道官は記者団に説明した。", {"United States"}),
    ("visit_prefix", "岸田首相の訪米中に、訪朝した代表団の報告があった。", {"Fumio Kishida", "United States", "North Korea"}),
    ("organisations", "国連安保理は北朝鮮の弾道ミサイル発射を受け、緊急会合を開いた。NATOとEUも非難した。",
     {"United Nations Security Council", "North Korea", "NATO", "European Union"}),
    ("news_agencies", "ロイター通信やAP通信、新華社、聯合ニュースが一斉に報じた。",
     {"Reuters", "Associated Press", "Xinhua News Agency", "Yonhap News Agency"}),
    ("state_body_with_country", "米財務省は制裁を発表した。", {"United States Department of the Treasury", "United States"}),
    ("foreign_ministry_not_japan", "北朝鮮外務省は談話を発表した。", {"North Korea"}),
    ("seat_for_government", "ワシントンは北京の動きを警戒している。", {"United States", "China"}),
    ("katakana_dot_name", "イスラエルのイツハク・ヘルツォグ大統領とジョン・スミス氏が会った。",
     {"Israel", "Isaac Herzog", "ジョン・スミス"}),
    ("reading_in_brackets", "朴大成(パク・デソン)氏は会見した。パク・デソン氏によると計画は順調だ。", {"朴大成"}),
    ("role_with_country_and_name", "ロシアのプーチン大統領はモスクワと平壌の関係を評価した。",
     {"Russia", "Vladimir Putin", "North Korea"}),
]


@pytest.mark.parametrize("text,expected", [(t, e) for _, t, e in CONTAINS], ids=[i for i, _, _ in CONTAINS])
def test_expected_actors_found(text, expected):
    assert expected <= name_set(text)


# --- aliases merge into one canonical actor -------------------------------------------------
MERGE = [
    ("kim_forms", "北朝鮮の金正恩総書記が視察した。金氏は満足を示し、金委員長として指示した。金は笑顔を見せた。",
     "Kim Jong Un", 4),
    ("kim_headline_before_full_name", "プーチン大統領、金氏と会談\n金正恩氏はロシアに到着した。", "Kim Jong Un", 2),
    ("kim_katakana", "金正恩氏が到着した。キム氏は列車で移動した。", "Kim Jong Un", 2),
    ("putin_forms", "プーチン大統領は演説した。プーチン氏はさらに、プーチンとしては異例の発言をした。", "Vladimir Putin", 3),
    ("unknown_surname_short", "専門家のアンキット・パンダ氏はこう述べた。パンダ氏によると交渉は続く。",
     "アンキット・パンダ", 2),
    ("dou_shi", "ショイグ国防相は平壌を訪れた。同氏は式典に出席した。", "Sergei Shoigu", 2),
    ("role_named_in_doc", "ロシア大統領は会談に臨んだ。プーチン氏は笑顔だった。", "Vladimir Putin", 2),
]


@pytest.mark.parametrize("text,canonical,count", [(t, c, n) for _, t, c, n in MERGE], ids=[i for i, *_ in MERGE])
def test_aliases_merge(text, canonical, count):
    assert names(text).count(canonical) == count


def test_role_title_resolved_by_date():
    text = "韓国の防衛大臣は砲弾の供与を推計した。"
    assert "Shin Won-sik" in names(text, on=date(2024, 6, 14))
    assert "Lee Jong-sup" in names(text, on=date(2023, 1, 10))
    assert name_set(text) == {"South Korea"}  # no date, nobody named: the country only


def test_two_countries_for_ryoukoku():
    text = "ロシアと北朝鮮は会談した。両国は協力を深める。"
    second = text.index("両国")
    found = {m.canonical for m in find_actors(text) if m.start >= second}
    assert found == {"Russia", "North Korea"}


# --- text that must not give actors ----------------------------------------------------------
NEGATIVES = [
    ("shikin", "資金の流れを調べる。", set()),
    ("kinzoku", "金属価格と金利が上昇し、金曜に料金が改定された。", set()),
    ("kin_with_kim_in_doc", "金正恩氏は視察した。資金や金属の不足が続き、金曜に料金も上がった。", {"Kim Jong Un"}),
    ("daytime_nichuu", "日中は晴れるが、夜は雨になる見込みだ。", set()),
    ("chugoku_region", "台風は中国地方と四国を通過し、日本海へ抜けた。", set()),
    ("seat_as_place", "一行は北京に停車し、東京駅へ向かった。", set()),
    ("common_katakana", "チーム・メンバーはコーチ氏とスタッフに感謝した。", set()),
    ("north_america", "北米と南米、欧米の市場が注目された。", set()),
    ("midterm", "米中間選挙の結果が注目される。", {"United States"}),
    ("thai_tie", "彼は世界タイ記録を出した。", set()),
    ("west_side", "建物の西側に駐車場がある。", set()),
    ("language", "中国語と韓国語、ロシア語の案内がある。", set()),
]


@pytest.mark.parametrize("text,expected", [(t, e) for _, t, e in NEGATIVES], ids=[i for i, *_ in NEGATIVES])
def test_no_false_actors(text, expected):
    assert name_set(text) == expected


# --- contract ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "ロシアのプーチン大統領と北朝鮮の金正恩総書記が、米韓の動きを巡り会談した。",
    "ＮＡＴＯとＧ７は、モスクワの決定を非難した。",
    "",
], ids=["mixed", "fullwidth", "empty"])
def test_offsets_point_into_raw_text(text):
    for m in find_actors(text):
        assert text[m.start:m.end] == m.text
        assert m.kind in {"person", "country", "organisation", "place"}


def test_fullwidth_latin_is_matched():
    assert {"NATO", "G7"} <= name_set("ＮＡＴＯとＧ７は声明を出した。")


def test_bad_input_gives_clear_error():
    with pytest.raises(TypeError, match="str"):
        find_actors(None)


def test_actors_in_span_dedupes_in_order():
    text = "米国と中国、米国と日本。"
    mentions = find_actors(text)
    assert actors_in_span(mentions, 0, len(text)) == ["United States", "China", "Japan"]
    assert actors_in_span(mentions, 0, 5) == ["United States", "China"]


def test_catalog_has_canonical_display_kind():
    catalog = actor_catalog()
    assert len(catalog) >= 500
    kim = catalog["Kim Jong Un"]
    assert kim.display == "金正恩" and kim.kind == "person" and "金委員長" in kim.aliases
    assert catalog["United States"].kind == "country"
    assert catalog["United Nations Security Council"].kind == "organisation"


def test_bare_family_name_refers_to_the_person_named_before():
    from events.actors import find_actors
    text = "ホワイトハウスのアドリアン・ワトソン報道官は声明を出した。ワトソンは月曜日に語った。"
    later = [m for m in find_actors(text) if m.start >= text.index("。")]
    assert any(m.text == "ワトソン" and m.kind == "person" for m in later)
    assert len({m.canonical for m in find_actors(text) if m.kind == "person"}) == 1
