"""Document-date stage: raw text (+ a date given by the caller or a manifest) → DocumentDate.

Order of trust (TIMEX.md): given > a publication line in the text > inferred from the body.
A date in a site header beside a weather or clock widget is the page's crawl date, so it only
counts as weak evidence and the body's own explicit dates can outvote it."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from .model import DocumentDate, Timex
from .timex import extract_timexes

HEAD_LINES = 6  # a dateline or byline sits in the first lines of an article ...
TAIL_LINES = 3  # ... or in a footer such as 「(2023年9月20日朝刊掲載)」
MAX_DATELINE_CHARS = 80
PUBLICATION_WORDS = re.compile(r"今日|本日|公開|更新|配信|掲載|投稿|発行|朝刊|夕刊|日付|\||｜|時\d|:\d\d|\d時")
# Signals that a date belongs to page chrome: temperatures, weather, a bare city name in Latin script.
CHROME_SIGNS = re.compile(r"\d+(?:\.\d+)?\s*(?:°|℃|度\s*C|C\b)|晴れ?|曇り?|雨|気温|天気|^[A-Z][a-z]+$", re.M)
URL_DATE = re.compile(r"/(20\d{2}|19\d{2})[/-]?(\d{2})[/-]?(\d{2})(?:/|\b)")


def find_document_date(text: str, given: date | None = None) -> DocumentDate:
    """The document's date with its source and confidence.

    >>> find_document_date("見出し\\n今日 2023 年 9 月 5 日 | 午後8時22分\\n本文。").value
    datetime.date(2023, 9, 5)
    """
    if given is not None:
        return DocumentDate(given, "given", 1.0, "given by the caller or the manifest")
    lines = _lines_with_offsets(text)
    explicit = _explicit_dates(text)
    datelines = _datelines(lines, explicit)
    in_dateline = {id(t) for line in datelines for t in line.dates}
    latest_body = max((t.date_start for t in explicit if id(t) not in in_dateline), default=None)

    for line in sorted(datelines, key=lambda d: (d.chrome, d.index)):
        candidate = max(t.date_start for t in line.dates)
        if latest_body and latest_body > candidate:
            continue  # the body states a later date, so this line cannot be the publication date
        if line.chrome:
            return DocumentDate(candidate, "inferred", 0.3,
                                f"page header date {line.text.strip()!r} beside a weather/clock widget; "
                                "probably the crawl date, not the article's")
        return DocumentDate(candidate, "text", 0.9, f"publication line {line.text.strip()!r}")

    m = URL_DATE.search(text)
    if m:
        try:
            d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return DocumentDate(d, "text", 0.7, f"date in a URL {m.group(0)!r}")
        except ValueError:
            pass
    if latest_body:
        return DocumentDate(latest_body, "inferred", 0.2,
                            f"latest explicit date in the body ({latest_body.isoformat()}); "
                            "the article is from then or later")
    return DocumentDate(None, "none", 0.0, "no date found in the text")


def edge_date_spans(text: str) -> list[tuple[int, int]]:
    """Spans of datelines and page-header date lines (「今日 2023 年 9 月 5 日 | 午後8時22分」,
    「2024年 12月 22日 日曜日」 beside a weather widget): they date the page, not an event."""
    lines = _lines_with_offsets(text)
    edge = [(s, e, line) for s, e, line in _edge_lines(lines) if len(line) <= MAX_DATELINE_CHARS]
    dates = []
    for s, _, line in edge:
        dates.extend(replace(t, start=t.start + s, end=t.end + s) for t in _explicit_dates(line))
    return [(line.start, line.end) for line in _datelines(lines, dates)]


@dataclass(frozen=True)
class _Dateline:
    index: int
    start: int
    end: int
    text: str
    dates: tuple[Timex, ...]
    chrome: bool


def _lines_with_offsets(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def _edge_lines(lines):
    """The first and last lines, each once, where datelines and footers sit."""
    keep = sorted(set(range(min(HEAD_LINES, len(lines)))) | set(range(max(0, len(lines) - TAIL_LINES), len(lines))))
    return [lines[i] for i in keep]


def _explicit_dates(text: str) -> list[Timex]:
    """Dates the text states with a year (resolution without a dct leaves the others open)."""
    return [t for t in extract_timexes(text, None)
            if t.type in ("DATE", "TIME") and t.anchor == "explicit" and t.date_start
            and t.granularity in ("day", "month")]


def _datelines(lines, dates: list[Timex]) -> list[_Dateline]:
    """Short lines at the top or bottom that consist of a full date plus publication words."""
    out = []
    edge_ids = {id(x) for x in _edge_lines(lines)}
    for idx, (s, e, line) in enumerate(lines):
        if id(lines[idx]) not in edge_ids or len(line) > MAX_DATELINE_CHARS:
            continue
        on_line = tuple(t for t in dates if s <= t.start < e and t.granularity == "day")
        if not on_line:
            continue
        rest = line
        for t in on_line:
            rest = rest.replace(t.text, "")
        if not (PUBLICATION_WORDS.search(rest) or len(rest.strip()) < 8):
            continue
        neighbours = "\n".join(x[2] for x in lines[max(0, idx - 2):idx + 3])
        out.append(_Dateline(idx, s, e, line, on_line, bool(CHROME_SIGNS.search(neighbours))))
    return out
