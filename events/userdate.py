"""User-date stage: a date typed by a person or given in metadata (manifest, --dct, a date
override, an HTML meta tag) → datetime.date.

This is the one place where dateparser is used. It is *not* the in-text extractor (that is
events.timex): on running Japanese text its search_dates reads 金 (Kim) as Friday. Here the
whole string is expected to be one full date, so:

- ISO and numeric year-first forms (2023-09-05, 2023/9/5, 2023.9.5, 2023年9月5日, with an
  optional time or weekday after them) are parsed strictly by ourselves, so that an impossible
  date (2023-02-30, 2023年13月5日) is an error instead of being reinterpreted (dateparser reads
  2023年13月5日 as 13 May).
- 和暦 (令和5年9月5日, 平成元年1月8日, R5.9.5) is converted to 西暦 first, from ERA_FIRST_YEAR.
- Everything else (Sep 5 2023, 5 September 2023 20:22) goes to dateparser with relative dates
  and timestamps turned off (no dependence on today) and day, month and year all required.
- Purely numeric day-first/month-first forms (05/09/2023) are refused when both readings are
  possible, rather than guessed.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

__all__ = ["ERA_FIRST_YEAR", "parse_user_date"]

# First Gregorian year of each modern era; 元年 (year 1) is this year itself.
ERA_FIRST_YEAR = {
    "明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019,
    "M": 1868, "T": 1912, "S": 1926, "H": 1989, "R": 2019,
}

_KANJI_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
                "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_NUMBER = re.compile(r"[〇零一二三四五六七八九十]+(?=[年月日])")
_ERA = re.compile(r"(明治|大正|昭和|平成|令和|(?<![A-Za-z])[MTSHR](?=\s*(?:元|\d)))\s*(元|\d{1,2})\s*(年|[./-])",
                  re.IGNORECASE)
# A weekday in brackets or words after the date: (火), （火曜日）, 火曜日
_WEEKDAY = re.compile(r"[(（]\s*[月火水木金土日](?:曜日?)?\s*[)）]|[月火水木金土日]曜日?")
_YEAR_FIRST = re.compile(
    r"^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?"
    r"(?P<tail>(?:[T\s,]|午前|午後|$).*)$")
_TIME_TAIL = re.compile(r"^[\sT,]*(?:(?:午前|午後)?\s*\d{1,2}\s*(?:[:時]\s*\d{0,2}\s*(?:分|:\d{2}(?:\.\d+)?)?"
                        r"(?:\d{1,2}秒)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|JST|UTC|GMT)?)?\s*$")
_NUMERIC_YEAR_LAST = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})(?:[\sT].*)?$")

_DATEPARSER_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["custom-formats", "absolute-time"],  # no relative dates, no timestamps
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def _not_a_date(text: str, why: str = ""):
    from .io import InputError  # at call time: events.io imports this module at load time

    return InputError(f"{text!r}: not a date" + (f" ({why})" if why else ""))


def _kanji_to_int(s: str) -> int:
    if "十" not in s:
        return int("".join(str(_KANJI_DIGIT[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (_KANJI_DIGIT[tens] if tens else 1) * 10 + (_KANJI_DIGIT[ones] if ones else 0)


def _make_date(text: str, y: int, m: int, d: int) -> date:
    if not 1 <= m <= 12:
        raise _not_a_date(text, f"there is no month {m}")
    try:
        return date(y, m, d)
    except ValueError:
        raise _not_a_date(text, f"{y:04d}-{m:02d} has no day {d}") from None


def _to_gregorian(s: str) -> str:
    """令和5年9月5日 → 2023年9月5日; R5.9.5 → 2023.9.5."""

    def repl(m: re.Match) -> str:
        era = m.group(1).upper() if len(m.group(1)) == 1 else m.group(1)
        n = 1 if m.group(2) == "元" else int(m.group(2))
        if n < 1:
            raise _not_a_date(s, f"{m.group(1)}{n}年 does not exist")
        return f"{ERA_FIRST_YEAR[era] + n - 1}{m.group(3)}"

    return _ERA.sub(repl, s)


def parse_user_date(s: str) -> date:
    """Parse one full date given by a person or by metadata.

    >>> parse_user_date("令和5年9月5日")
    datetime.date(2023, 9, 5)

    Raises events.io.InputError with a one-line message
    "'<input>': not a date (…)" for garbage, partial dates (2023年9月) and impossible dates.
    """
    if not isinstance(s, str) or not s.strip():
        raise _not_a_date(s if isinstance(s, str) else str(s), "empty")
    original = s.strip()
    text = unicodedata.normalize("NFKC", original)  # full-width digits, （） → ()
    text = _KANJI_NUMBER.sub(lambda m: str(_kanji_to_int(m.group(0))), text)
    text = _to_gregorian(text)
    text = _WEEKDAY.sub(" ", text).strip()

    m = _YEAR_FIRST.match(text)
    if m and _TIME_TAIL.match(m.group("tail")):
        return _make_date(original, int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m:  # year-first date followed by something that is not a time
        raise _not_a_date(original, "unexpected text after the date")

    m = _NUMERIC_YEAR_LAST.match(text)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        if a <= 12 and b <= 12 and a != b:
            raise _not_a_date(original, "ambiguous day/month order; write it as YYYY-MM-DD")
        month, day = (a, b) if b > 12 else (b, a)
        return _make_date(original, int(m.group(3)), month, day)

    if re.search(r"\d{4}\s*年\s*\d{1,2}\s*月", text) or re.fullmatch(r"[\d\s/.\-:年月日T]+", text):
        # Japanese or numeric forms that the strict pattern above did not accept are not
        # handed to dateparser: it would reorder their parts (13月5日 → 5 月 13 日).
        raise _not_a_date(original)

    import dateparser  # imported here: it is slow to import and only needed for free text

    parsed = dateparser.parse(text, languages=["en", "ja"], settings=_DATEPARSER_SETTINGS)
    if parsed is None:
        raise _not_a_date(original)
    return parsed.date()
