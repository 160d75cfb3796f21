"""Events stage: an Analysis (sentences, timexes, actors) → Event rows, one per dated clause.

Extraction policy: an event is a clause that carries a DATE or TIME anchored to the calendar
(or a duration such as 3日前 that points to one). Durations alone, vague references and dates in
a dateline or page header make no event."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .actors import actors_in_span
from .calendar import interval
from .dct import edge_date_spans
from .model import Timex
from .pipeline import Analysis

SUMMARY_MAX = 80
# A clause ends after a predicate followed by a comma: 〜して、 〜しており、 〜したが、 〜して以来、
_CLAUSE_END = re.compile(r"(?:て|で|り|し|が|ため|後|以来|ところ|ものの|一方|ほか|ると|たと)、")
_MODALITY = (
    ("denied", re.compile(r"否定|否認|拒否|拒絶|なかった|ませんでした|ていない|ではない")),
    ("planned", re.compile(r"予定|計画|方針|目指|つもり|意向|見込んで|決める方向|調整")),
    ("expected", re.compile(r"見通し|見込み|可能性|とみられ|と見られ|予想|予測|恐れ|だろう|でしょう|かもしれない|見方")),
    ("reported", re.compile(r"と伝えられ|によると|と報じ|報道|とされ|と言われ|という|と伝え")),
)
_PAST = re.compile(r"た(?:。|」|と|が|ため|$|、)|ていた|だった|でした|ました")
_FUTURE = re.compile(r"(?:する|れる|なる|行う|開く|訪れる|迎える)(?:。|$|と|」)|ます(?:。|$)")


@dataclass(frozen=True)
class Event:
    event_id: str
    doc_id: str
    para_index: int
    sent_start: int
    sent_end: int
    timex: Timex
    value: str
    mod: str | None
    date_start: date
    date_end: date
    granularity: str
    modality: str
    actors: tuple[str, ...]
    summary: str
    sentence: str


def extract_events(a: Analysis) -> list[Event]:
    """Dated clauses of one analysed document, in text order.

    「2019年に会談して以来、9月中旬に会談する予定だ。」 → two events (2019, occurred; 2023-09 MID, planned).
    """
    skip = edge_date_spans(a.doc.text)
    out: list[Event] = []
    sentences = a.sentences
    si = 0
    for t in a.timexes:
        dated = _calendar_of(t)
        if dated is None or any(s <= t.start < e for s, e in skip):
            continue
        while si < len(sentences) - 1 and sentences[si].end <= t.start:
            si += 1
        sent = sentences[si]
        if not (sent.start <= t.start < sent.end):
            continue
        clause_start, clause_end = _clause(a.doc.text, sent.start, sent.end, t)
        clause = a.doc.text[clause_start:clause_end]
        value, mod, start, end, granularity = dated
        out.append(Event(
            event_id=f"{a.doc.id}:{t.start}",
            doc_id=a.doc.id, para_index=sent.para_index, sent_start=sent.start, sent_end=sent.end,
            timex=t, value=value, mod=mod, date_start=start, date_end=end, granularity=granularity,
            modality=modality_of(clause[t.end - clause_start:]),
            actors=tuple(actors_in_span(a.actors, sent.start, sent.end)),
            summary=_trim(clause), sentence=a.doc.text[sent.start:sent.end],
        ))
    return out


def _calendar_of(t: Timex):
    if t.type in ("DATE", "TIME") and t.on_calendar:
        return t.value, t.mod, t.date_start, t.date_end, t.granularity
    if t.type == "DURATION" and t.points_to:
        span = interval(t.points_to)
        if span:
            return t.points_to, None, span[0], span[1], span[2]
    return None


def _clause(text: str, start: int, end: int, t: Timex) -> tuple[int, int]:
    """The clause of a sentence that holds the date: from the clause boundary before it to the first
    one after it (a clause boundary right after the date itself, as in 「8月、」, does not count)."""
    clause_start = start
    for m in _CLAUSE_END.finditer(text, start, t.start):
        clause_start = m.end()
    clause_end = end
    for m in _CLAUSE_END.finditer(text, t.end, end):
        if m.start() > t.end + 1:
            clause_end = m.end()
            break
    return clause_start, clause_end


def modality_of(clause_after_date: str) -> str:
    """occurred / planned / expected / reported / denied / unknown from the predicate."""
    for name, regex in _MODALITY:
        if regex.search(clause_after_date):
            return name
    if _PAST.search(clause_after_date):
        return "occurred"
    if _FUTURE.search(clause_after_date):
        return "planned"
    return "unknown"


def _trim(clause: str) -> str:
    clause = clause.strip().rstrip("、。")
    return clause if len(clause) <= SUMMARY_MAX else clause[:SUMMARY_MAX - 1] + "…"
