"""The engine never crashes and never returns a span outside the text, whatever the input."""
import random
from datetime import date

import pytest

from events.timex import extract_timexes

ALPHABET = ("0123456789０１２３４５６７８９〇一二三四五六七八九十百千年月日時分秒週間曜火水木金土"
            "上中下旬末初半ば午前後未明夜朝昼今昨来先翌同本元令和平成昭大正明治度期季春夏秋冬数何"
            "毎隔回以降来前ごろ頃約過去ここ「」（）()、。～〜-/:： \n\r\t٣²ⅣＡaZ")


@pytest.mark.parametrize("seed", range(40))
def test_random_text_does_not_crash(seed):
    rng = random.Random(seed)
    text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 400)))
    for dct in (date(2023, 9, 5), date(1989, 1, 8), date(2024, 2, 29), None):
        for t in extract_timexes(text, dct):
            assert 0 <= t.start < t.end <= len(text)
            assert text[t.start:t.end] == t.text
            assert t.value


@pytest.mark.parametrize("text", [
    "", " ", "\n\n\n", "2月29日", "2月30日", "13月", "0月0日", "99年99月99日", "令和0年", "平成99年",
    "第", "年" * 1000, "1" * 5000 + "年", "9月5日" * 2000, "午後25時61分", "24時", "0時",
], ids=lambda s: s[:12] or "empty")
def test_edge_inputs(text):
    out = extract_timexes(text, date(2023, 9, 5))
    assert all(text[t.start:t.end] == t.text for t in out)
