"""Calendar arithmetic for TIMEX3 values: value string → (first day, last day, granularity)."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # WI runs into next year


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def valid_date(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= last_day(year, month) and 1 <= year <= 9999


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def week_monday(year: int, week: int) -> date:
    return date.fromisocalendar(year, week, 1)


def fiscal_year_of(d: date) -> int:
    """Japanese fiscal year (April–March): 2024-02-01 is in FY2023."""
    return d.year if d.month >= 4 else d.year - 1


def _month_part(year: int, month: int, mod: str | None) -> tuple[date, date]:
    end = last_day(year, month)
    if mod == "START":
        return date(year, month, 1), date(year, month, 10)
    if mod == "MID":
        return date(year, month, 11), date(year, month, 20)
    if mod == "END":
        return date(year, month, 21), date(year, month, end)
    return date(year, month, 1), date(year, month, end)


def _year_part(year: int, mod: str | None) -> tuple[date, date]:
    if mod == "START":
        return date(year, 1, 1), date(year, 4, 30)
    if mod == "MID":
        return date(year, 5, 1), date(year, 8, 31)
    if mod == "END":
        return date(year, 9, 1), date(year, 12, 31)
    return date(year, 1, 1), date(year, 12, 31)


_PATTERNS: tuple[tuple[re.Pattern, str], ...] = tuple((re.compile(p), g) for p, g in (
    (r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$", "day"),
    (r"^(\d{4})-(\d{2})$", "month"),
    (r"^(\d{4})-W(\d{2})-WE$", "weekend"),
    (r"^(\d{4})-W(\d{2})$", "week"),
    (r"^(\d{4})-Q([1-4])$", "quarter"),
    (r"^(\d{4})-H([12])$", "half"),
    (r"^(\d{4})-(SP|SU|FA|WI)$", "season"),
    (r"^FY(\d{4})-H([12])$", "fiscal_half"),
    (r"^FY(\d{4})-Q([1-4])$", "fiscal_quarter"),
    (r"^FY(\d{4})$", "fiscal_year"),
    (r"^(\d{4})$", "year"),
    (r"^(\d{3})X$", "decade"),
    (r"^(\d{2})$", "century"),
))


def interval(value: str, mod: str | None = None) -> tuple[date, date, str] | None:
    """The calendar interval a DATE/TIME value covers: '2023-09' + MID → (09-11, 09-20, 'month')."""
    for regex, granularity in _PATTERNS:
        m = regex.match(value)
        if not m:
            continue
        a = m.groups()
        y = int(a[0])
        if granularity == "day":
            d = date(y, int(a[1]), int(a[2]))
            return d, d, "day"
        if granularity == "month":
            return (*_month_part(y, int(a[1]), mod), "month")
        if granularity in ("week", "weekend"):
            monday = week_monday(y, int(a[1]))
            if granularity == "weekend":
                return monday + timedelta(days=5), monday + timedelta(days=6), "week"
            return monday, monday + timedelta(days=6), "week"
        if granularity == "quarter":
            first = (int(a[1]) - 1) * 3 + 1
            return date(y, first, 1), date(y, first + 2, last_day(y, first + 2)), "quarter"
        if granularity == "half":
            return (date(y, 1, 1), date(y, 6, 30), "half") if a[1] == "1" else (date(y, 7, 1), date(y, 12, 31), "half")
        if granularity == "season":
            first, last = SEASON_MONTHS[a[1]]
            ly, lm = add_months(y, first, last - first)
            return date(y, first, 1), date(ly, lm, last_day(ly, lm)), "season"
        if granularity == "fiscal_half":
            if a[1] == "1":
                return date(y, 4, 1), date(y, 9, 30), "half"
            return date(y, 10, 1), date(y + 1, 3, 31), "half"
        if granularity == "fiscal_quarter":
            first_y, first_m = add_months(y, 4, (int(a[1]) - 1) * 3)
            last_y, last_m = add_months(first_y, first_m, 2)
            return date(first_y, first_m, 1), date(last_y, last_m, last_day(last_y, last_m)), "quarter"
        if granularity == "fiscal_year":
            return date(y, 4, 1), date(y + 1, 3, 31), "year"
        if granularity == "year":
            return (*_year_part(y, mod), "year")
        if granularity == "decade":
            return date(y * 10, 1, 1), date(y * 10 + 9, 12, 31), "decade"
        if granularity == "century":
            return date(max(1, y * 100), 1, 1), date(y * 100 + 99, 12, 31), "century"
    return None


def shift(value_date: date, unit: str, amount: int) -> date:
    """Move a date by whole days, weeks, months or years (month ends clamp: 3/31 - 1 month = 2/28)."""
    if unit == "D":
        return value_date + timedelta(days=amount)
    if unit == "W":
        return value_date + timedelta(weeks=amount)
    if unit == "M":
        y, m = add_months(value_date.year, value_date.month, amount)
        return date(y, m, min(value_date.day, last_day(y, m)))
    if unit == "Y":
        y = value_date.year + amount
        return date(y, value_date.month, min(value_date.day, last_day(y, value_date.month)))
    raise ValueError(unit)
