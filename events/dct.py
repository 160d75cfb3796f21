"""Document-date stage: raw text (+ a date given by the caller or a manifest) → DocumentDate.

Order of trust (TIMEX.md): given > a publication line in the text > inferred from the body.
A date in a site header beside a weather or clock widget is the page's crawl date, so it only
counts as weak evidence and the body's own explicit dates can outvote it."""
from __future__ import annotations

import re
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
    body_dates = _explicit_dates(text)
    latest_body = max((t.date_start for t in body_dates if not _in_edge(t, lines)), default=None)

    for candidate, line, chrome in _dateline_candidates(text, lines, body_dates):
        if latest_body and latest_body > candidate:
            continue  # the body states a later date, so this line cannot be the publication date
        if chrome:
            return DocumentDate(candidate, "inferred", 0.3,
                                f"page header date {line.strip()!r} beside a weather/clock widget; "
                                "probably the crawl date, not the article's")
        return DocumentDate(candidate, "text", 0.9, f"publication line {line.strip()!r}")

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


def _lines_with_offsets(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def _edge_lines(lines):
    return lines[:HEAD_LINES] + lines[-TAIL_LINES:]


def _in_edge(t: Timex, lines) -> bool:
    return any(s <= t.start < e and len(line) <= MAX_DATELINE_CHARS for s, e, line in _edge_lines(lines))


def _explicit_dates(text: str) -> list[Timex]:
    """Dates the text states with a year (resolution without a dct leaves the others open)."""
    return [t for t in extract_timexes(text, None)
            if t.type in ("DATE", "TIME") and t.anchor == "explicit" and t.date_start
            and t.granularity in ("day", "month")]


def _dateline_candidates(text, lines, body_dates):
    """Full dates on short lines at the top or bottom, best first: (date, line, is_chrome)."""
    out = []
    for idx, (s, e, line) in enumerate(lines):
        if (idx >= HEAD_LINES and idx < len(lines) - TAIL_LINES) or len(line) > MAX_DATELINE_CHARS:
            continue
        for t in body_dates:
            if s <= t.start < e and t.granularity == "day":
                rest = line.replace(t.text, "")
                neighbours = "\n".join(x[2] for x in lines[max(0, idx - 2):idx + 3])
                chrome = bool(CHROME_SIGNS.search(neighbours))
                strength = 2 if PUBLICATION_WORDS.search(rest) or len(rest.strip()) < 8 else 1
                out.append((-strength + (2 if chrome else 0), idx, t.date_start, line, chrome))
    out.sort(key=lambda x: (x[0], x[1]))
    return [(d, line, chrome) for _, _, d, line, chrome in out]


def edge_date_spans(text: str) -> list[tuple[int, int]]:
    """Spans of datelines and page-header date lines (「今日 2023 年 9 月 5 日 | 午後8時22分」,
    「2024年 12月 22日 日曜日」 beside a weather widget): they date the page, not an event."""
    lines = _lines_with_offsets(text)
    spans = []
    for s, e, line in _edge_lines(lines):
        if len(line) > MAX_DATELINE_CHARS:
            continue
        days = [t for t in extract_timexes(line, None) if t.granularity == "day" and t.anchor == "explicit"]
        if not days:
            continue
        rest = line
        for t in days:
            rest = rest.replace(t.text, "")
        if PUBLICATION_WORDS.search(rest) or len(rest.strip()) < 8:
            spans.append((s, e))
    return spans
