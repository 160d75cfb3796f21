"""Tagger stage: normalised text → non-overlapping candidate temporal expressions (unresolved).

Steps: run every row of the pattern table → split ranges into their two ends → drop what
overlaps a not-a-date phrase or follows an ordinal marker → keep the longest of overlapping
candidates."""
from __future__ import annotations

from dataclasses import dataclass

from .patterns import NOT_TEMPORAL, ORDINAL_BEFORE, RULES, TRIGGER, TRIGGER_AFTER, TRIGGER_BEFORE, Rule

# Groups of which at least one must be present for a match of that kind to mean anything
# (the calendar_date template has only optional parts, so it also matches "").
_REQUIRED_GROUPS = {
    "date": ("era", "abbr_era", "year", "yy", "rel_year", "month", "rel_month", "day"),
    "time": ("hour", "noon"),
    "pod": ("day", "rel_day", "wd", "wd_paren"),
}


@dataclass(frozen=True)
class Candidate:
    start: int  # offsets into the normalised text
    end: int
    rule: Rule
    kind: str
    groups: dict
    match_length: int  # length of the whole match (a range's two halves share it)


def tag(text: str) -> list[Candidate]:
    """Candidates in text order, none overlapping another. 「2019年9月中旬」 → one candidate."""
    found: list[Candidate] = []
    regions = [(start, end, text[start:end]) for start, end in _regions(text)]
    for rule in RULES:
        regex, needs = rule.regex, rule.needs
        for start, end, chunk in regions:
            if needs and not any(n in chunk for n in needs):
                continue
            for m in regex.finditer(text, start, end):
                if m.end() != m.start():
                    found.extend(_candidates(rule, m))
    kept = [c for c in map(_plausible, found) if c is not None and _acceptable(c, text)]
    return _drop_overlaps(kept)


def _regions(text: str) -> list[tuple[int, int]]:
    """Windows of the text around trigger words, merged where they touch."""
    regions: list[list[int]] = []
    for m in TRIGGER.finditer(text):
        start, end = max(0, m.start() - TRIGGER_BEFORE), min(len(text), m.end() + TRIGGER_AFTER)
        if regions and start <= regions[-1][1]:
            regions[-1][1] = end
        else:
            regions.append([start, end])
    return [(a, b) for a, b in regions]


def _candidates(rule: Rule, m) -> list[Candidate]:
    groups = {k: v for k, v in m.groupdict().items() if v is not None}
    n = m.end() - m.start()
    required = _REQUIRED_GROUPS.get(rule.kind)
    if required and not any(g in groups for g in required):
        return []
    if rule.kind == "range_md":
        first_end = m.end("day_unit") if groups.get("day_unit") else m.end("day")
        second_start = m.start("month2") if groups.get("month2") else m.start("day2")
        if not groups.get("month") and not groups.get("month2") and rule.name != "day_pair_both":
            return []
        month = groups.get("month")
        first = {"day": groups["day"], **({"month": month} if month else {})}
        second_month = groups.get("month2", month)
        second = {"day": groups["day2"], **({"month": second_month} if second_month else {})}
        return [Candidate(m.start(), first_end, rule, "date", first, n),
                Candidate(second_start, m.end(), rule, "date", second, n)]
    if rule.kind == "range_m":
        year = {"year": groups["year"]} if groups.get("year") else {}
        return [Candidate(m.start(), m.end("month"), rule, "date", {"month": groups["month"], **year}, n),
                Candidate(m.start("month2"), m.end(), rule, "date", {"month": groups["month2"], **year}, n)]
    if rule.kind == "range_y":
        return [Candidate(m.start(), m.end("year"), rule, "date", {"year": groups["year"]}, n),
                Candidate(m.start("year2"), m.end(), rule, "date", {"year": groups["year2"]}, n)]
    if rule.kind == "offset":  # 約1週間後: 後 is the relation, kept out of the span
        return [Candidate(m.start(), m.start("dir"), rule, rule.kind, groups, n)]
    return [Candidate(m.start(), m.end(), rule, rule.kind, groups, n)]


def _plausible(c: Candidate) -> Candidate | None:
    """Context-free sanity: 13月, 32日 and 25時 are no dates; a bare N日 is a day of the month,
    not a duration; 2019年 is a year, not 2019 years; 23年に is the year 2023."""
    g = c.groups
    if not (1 <= int(g.get("month", 1)) <= 12 and 1 <= int(g.get("day", 1)) <= 31
            and int(g.get("hour", 0)) <= 24 and int(g.get("minute", 0)) <= 59):
        return None
    if c.kind != "duration":
        return c
    cue = g.get("pre") or g.get("ma") or g.get("post") or g.get("half_unit") or g.get("half2")
    num, unit = g["num"], g.get("unit")
    if cue or not num.isdigit():
        return c
    if unit == "日":
        return None
    if unit == "年" and len(num) >= 3:
        return None
    return c


NOT_TEMPORAL_REACH = 10  # longest not-a-date phrase, so a search this far around a candidate finds it


def _acceptable(c: Candidate, text: str) -> bool:
    if ORDINAL_BEFORE.search(text[max(0, c.start - 3):c.start]) and text[c.start].isdigit():
        return False
    lo, hi = max(0, c.start - NOT_TEMPORAL_REACH), min(len(text), c.end + NOT_TEMPORAL_REACH)
    return not any(m.start() < c.end and c.start < m.end() for m in NOT_TEMPORAL.finditer(text, lo, hi))


def _drop_overlaps(cands: list[Candidate]) -> list[Candidate]:
    ranked = sorted(cands, key=lambda c: (-c.match_length, -c.rule.priority, c.start))
    taken: list[Candidate] = []
    for c in ranked:
        if all(c.end <= t.start or t.end <= c.start for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.start)
