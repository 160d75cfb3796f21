"""Temporal engine: raw document text + its date → Timex list with calendar values.

normalise (offset map) → tag candidates → resolve each in text order, carrying the date the
narrative is on → map spans back to the raw text → attach calendar intervals."""
from __future__ import annotations

from datetime import date

from . import text as textmod
from .calendar import interval
from .model import Timex
from .resolve import Anchors, resolve, tense_of
from .tagger import tag


def extract_timexes(raw: str, dct: date | None) -> list[Timex]:
    """All temporal expressions of a document, in text order.

    >>> [t.value for t in extract_timexes("金氏は9月中旬に訪ロする予定だ。", date(2023, 9, 5))]
    ['2023-09']
    """
    norm = textmod.normalize(raw)
    ntext = norm.text
    paras = textmod.paragraphs(ntext)
    sentence_bounds = [(x.start, x.end + 1) for x in textmod.sentences(ntext, paras)] or [(0, len(ntext))]
    para_bounds = [(p.start, p.end + 1) for p in paras] or [(0, len(ntext))]
    anchors = Anchors(dct=dct)
    out: list[Timex] = []
    sent_idx = para_idx = -1
    for cand in tag(ntext):
        new_sent = _index_of(sentence_bounds, cand.start)
        new_para = _index_of(para_bounds, cand.start)
        if new_sent != sent_idx:
            anchors.sentence_month, sent_idx = None, new_sent
        if new_para != para_idx:
            anchors.paragraph_month = anchors.paragraph_day = None
            para_idx = new_para
        sent_end = sentence_bounds[new_sent][1]
        anchors.tense = tense_of(ntext[cand.end:sent_end])
        anchors.following = ntext[cand.end:cand.end + 4]
        anchors.preceding = ntext[max(0, cand.start - 3):cand.start]
        para_start = para_bounds[new_para][0]
        opened = ntext.count("「", para_start, cand.start) - ntext.count("」", para_start, cand.start)
        anchors.in_quote, anchors.para_index = opened > 0, new_para
        res = resolve(cand, anchors)
        if res is None or res.value is None:
            continue
        start, end = norm.raw_span(cand.start, cand.end)
        span = interval(res.value, res.mod) if res.type in ("DATE", "TIME") else None
        timex = Timex(start, end, raw[start:end], res.type, res.value, res.mod, res.anchor,
                      span[0] if span else None, span[1] if span else None,
                      span[2] if span else None, res.points_to, cand.rule.name)
        out.append(timex)
        _advance_narrative(anchors, timex, cand.kind)
    return out


def _advance_narrative(anchors: Anchors, t: Timex, kind: str) -> None:
    if t.granularity == "day":
        anchors.narrative_day = t.date_start
        anchors.narrative_para = anchors.para_index
        anchors.paragraph_month = (t.date_start.year, t.date_start.month)
        anchors.paragraph_day = t.date_start
    if t.granularity in ("day", "month") and t.type in ("DATE", "TIME"):
        anchors.narrative_month = t.date_start.replace(day=1)
    if t.granularity in ("day", "month", "year") and t.type in ("DATE", "TIME") and not t.value.startswith("FY"):
        anchors.narrative_year = t.date_start.year
    if t.granularity in ("day", "month") and t.date_start:
        anchors.sentence_month = (t.date_start.year, t.date_start.month)


def _index_of(bounds: list[tuple[int, int]], pos: int) -> int:
    lo, hi = 0, len(bounds) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if bounds[mid][0] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo
