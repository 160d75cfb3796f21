"""Normalisation with an offset map, paragraphs and sentences."""
import pytest

from events.text import kanji_to_int, normalize, paragraphs, sentences


@pytest.mark.parametrize("raw,expected", [
    ("２０２３年９月５日", "2023年9月5日"),
    ("2023 年 9 月 5 日", "2023年9月5日"),
    ("二〇二三年九月五日", "2023年9月5日"),
    ("十二月二十五日", "12月25日"),
    ("平成三十一年", "平成31年"),
    ("十分な弾薬", "十分な弾薬"),
    ("一部の地域", "一部の地域"),
    ("一時的に", "一時的に"),
    ("何十年", "何十年"),
    ("この 3 人", "この 3 人"),
    ("9月5日〜6日", "9月5日～6日"),
], ids=["全角", "spaces", "漢数字", "positional", "era", "十分", "一部", "一時", "何十年", "space_kept", "wave_dash"])
def test_normalize(raw, expected):
    assert normalize(raw).text == expected


@pytest.mark.parametrize("raw", ["今日 2023 年 9 月 5 日 | 午後8時22分", "二〇二三年九月五日と十五日", "㈱ＡＢＣは㍻31年"])
def test_offset_map_points_back_into_raw_text(raw):
    norm = normalize(raw)
    assert len(norm.starts) == len(norm.text) == len(norm.ends)
    for i, ch in enumerate(norm.text):
        s, e = norm.raw_span(i, i + 1)
        assert 0 <= s < e <= len(raw)
    # a whole converted numeral maps to the whole raw numeral
    if "2023年9月5日" in norm.text:
        i = norm.text.index("2023年9月5日")
        s, e = norm.raw_span(i, i + len("2023年9月5日"))
        assert raw[s:e] in ("2023 年 9 月 5 日", "二〇二三年九月五日")


@pytest.mark.parametrize("numeral,value", [("二〇二三", 2023), ("十五", 15), ("二十三", 23), ("三十一", 31),
                                           ("千九百八十九", 1989), ("十", 10), ("二三十", None)])
def test_kanji_to_int(numeral, value):
    assert kanji_to_int(numeral) == value


def test_paragraphs_are_non_empty_lines_with_raw_offsets():
    text = "見出し\n\n本文一。本文二。\r\n  \n最後"
    paras = paragraphs(text)
    assert [text[p.start:p.end] for p in paras] == ["見出し", "本文一。本文二。", "最後"]
    assert [p.index for p in paras] == [0, 1, 2]


def test_quotes_do_not_end_a_sentence():
    text = "彼は「会談は成功した。次もある。」と述べた。 次の文？最後"
    got = [text[s.start:s.end] for s in sentences(text)]
    assert got == ["彼は「会談は成功した。次もある。」と述べた。", "次の文？", "最後"]


def test_sentences_know_their_paragraph():
    text = "一つ目。二つ目。\n三つ目。"
    assert [s.para_index for s in sentences(text)] == [0, 0, 1]


def test_stray_punctuation_is_no_sentence():
    text = "憶測が高まった。 。\n」\nその後だ。"
    assert [text[s.start:s.end] for s in sentences(text)] == ["憶測が高まった。", "その後だ。"]
