"""Resolve stage: a tagged candidate + its anchors (dct, the date the narrative is on, the tense
of its clause) → TIMEX3 type, value and mod, resolved to the calendar where possible."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .calendar import add_months, fiscal_year_of, iso_week, shift, valid_date
from .tagger import Candidate

ERA_START = {"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019,
             "M": 1868, "T": 1912, "S": 1926, "H": 1989, "R": 2019}
WEEKDAYS = "月火水木金土日"
KANJI_SMALL = {"一": 1, "二": 2, "三": 3, "四": 4}
SUB_MOD = {"上旬": "START", "初旬": "START", "初め": "START", "はじめ": "START", "初頭": "START",
           "前半": "START", "中旬": "MID", "半ば": "MID", "なかば": "MID", "中ごろ": "MID",
           "中頃": "MID", "下旬": "END", "末": "END", "終わり": "END", "後半": "END", "中": None}
REL_YEAR = {"一昨年": -2, "おととし": -2, "昨年": -1, "去年": -1, "今年": 0, "ことし": 0, "本年": 0,
            "来年": 1, "再来年": 2}
NARRATIVE_YEAR = {"同年": 0, "前年": -1, "翌年": 1, "翌々年": 2}
REL_MONTH = {"先々月": -2, "先月": -1, "今月": 0, "来月": 1, "再来月": 2}
NARRATIVE_MONTH = {"同月": 0, "前月": -1, "翌月": 1}
REL_DAY = {"今日": 0, "本日": 0, "きょう": 0, "昨日": -1, "きのう": -1, "一昨日": -2, "おととい": -2,
           "明日": 1, "あす": 1, "あした": 1, "明後日": 2, "あさって": 2}
NARRATIVE_DAY = {"同日": 0, "当日": 0, "その日": 0, "翌日": 1, "前日": -1, "翌々日": 2, "前々日": -2}
REL_WEEK = {"先々週": -2, "先週": -1, "今週": 0, "来週": 1, "再来週": 2}
NARRATIVE_WEEK = {"翌週": 1, "前週": -1, "同週": 0}
REL_FY = {"今": 0, "本": 0, "昨": -1, "前": -1, "来": 1, "翌": 1, "再来": 2}
REL_SEASON = {"今": 0, "この": 0, "昨": -1, "去": -1, "来": 1}
SEASON = {"春": "SP", "夏": "SU", "秋": "FA", "冬": "WI"}
POD = {"午前": "MO", "未明": "MO", "早朝": "MO", "朝": "MO", "昼": "MI", "午後": "AF",
       "夕方": "EV", "夕": "EV", "夜": "NI", "夜間": "NI", "深夜": "NI"}
POD_WORD = {"今朝": (0, "MO"), "今夜": (0, "NI"), "今晩": (0, "NI"), "今夕": (0, "EV"),
            "昨夜": (-1, "NI"), "昨晩": (-1, "NI"), "昨朝": (-1, "MO"), "明朝": (1, "MO")}
DURATION_UNIT = {"年": "Y", "カ月": "M", "ヵ月": "M", "ヶ月": "M", "ケ月": "M", "か月": "M", "箇月": "M",
                 "週間": "W", "週": "W", "日": "D", "時間": "TH", "分": "TM", "秒": "TS"}
DURATION_MOD = {"約": "APPROX", "およそ": "APPROX", "ほぼ": "APPROX", "前後": "APPROX", "程度": "APPROX",
                "近く": "APPROX", "最長": "EQUAL_OR_LESS", "最大": "EQUAL_OR_LESS", "以内": "EQUAL_OR_LESS",
                "以上": "MORE_THAN", "超": "MORE_THAN", "余り": "MORE_THAN", "あまり": "MORE_THAN",
                "強": "MORE_THAN", "未満": "LESS_THAN", "弱": "LESS_THAN", "最短": "EQUAL_OR_MORE"}
VAGUE_DURATION = {"半世紀": "P50Y", "四半世紀": "P25Y", "長年": "PXY", "ここ数十年": "PXDE", "数十年": "PXDE", "何十年": "PXDE",
                  "ここ数年": "PXY", "数年来": "PXY"}
VAGUE = {"現在": "PRESENT_REF", "今のところ": "PRESENT_REF", "現時点": "PRESENT_REF", "目下": "PRESENT_REF",
         "当面": "FUTURE_REF", "最近": "PAST_REF", "近年": "PAST_REF", "先日": "PAST_REF", "過日": "PAST_REF",
         "先ごろ": "PAST_REF", "このほど": "PAST_REF", "今後": "FUTURE_REF", "将来": "FUTURE_REF",
         "近いうちに": "FUTURE_REF", "近々": "FUTURE_REF", "後日": "FUTURE_REF"}
SET_EVERY = {"毎週": "P1W", "毎日": "P1D", "毎月": "P1M", "毎年": "P1Y", "毎朝": "P1D", "毎晩": "P1D",
             "毎夜": "P1D", "隔週": "P2W", "隔年": "P2Y", "隔月": "P2M"}
SET_PER = {"週": "P1W", "年": "P1Y", "月": "P1M", "1日": "P1D", "一日": "P1D", "日": "P1D"}

# What follows a date and changes its meaning (kept out of the span, as in the gold annotation).
_AFTER_MOD = (("以来", "ON_OR_AFTER"), ("以降", "ON_OR_AFTER"), ("以後", "ON_OR_AFTER"),
              ("以前", "ON_OR_BEFORE"), ("ごろ", "APPROX"), ("頃", "APPROX"), ("ころ", "APPROX"),
              ("前後", "APPROX"))
# The first of these after a date in its sentence decides whether the clause is past or future.
_TENSE_MARKERS = re.compile(
    r"(?P<present>(?:て|で)(?:いる|います|おり)|ある|あります)"
    r"|(?P<future>(?:予定|見通し|見込み|計画|方針|目指|つもり|意向|目標)(?!(?:して|され|で|し)?い?た|だった|でした)|"
    r"見られる|とみられる|"
    r"だろう|でしょう|(?<!よう)(?:る|ない)(?:と|。|」|、|方向|べき|必要|ことに|$)|ます(?:。|と|」|$))"
    r"|(?P<past>た(?:。|」|と|が|ため|こと|後|の|り|、|ら|$)|ていた|だった|でした|ました|以来)"
)
_QUOTED = re.compile(r"「[^「」]*」|『[^『』]*』")


@dataclass(frozen=True)
class Resolved:
    type: str
    value: str
    mod: str | None = None
    anchor: str = "explicit"
    points_to: str | None = None


@dataclass
class Anchors:
    """What a candidate may lean on: the document date, the date the narrative is on, and the
    month-precise date mentioned before it in the same sentence or paragraph."""

    dct: date | None
    narrative_day: date | None = None  # the last day-precise date stated
    narrative_month: date | None = None  # first day of the last month stated (by a month or a day)
    narrative_year: int | None = None  # the last year stated (by a year, month or day)
    sentence_month: tuple[int, int] | None = None  # (year, month) stated earlier in the sentence
    paragraph_month: tuple[int, int] | None = None  # (year, month) of a day stated earlier in the paragraph
    paragraph_day: date | None = None  # a day stated earlier in the paragraph
    tense: str | None = None  # past, future or None
    in_quote: bool = False  # inside 「…」: 今日 is the day the words were spoken
    narrative_para: int = -1  # the paragraph the narrative day was stated in
    para_index: int = 0
    following: str = ""  # the normalised text right after the candidate
    preceding: str = ""


def tense_of(clause_after: str) -> str | None:
    """'past' / 'future' from the predicate a date belongs to: 9月中旬に会談する予定だ → future.

    A date followed by a comma (「8月、米国は…派遣した」) frames the whole sentence, so the
    sentence-final predicate decides; otherwise the first clause-final predicate after it."""
    clause = _QUOTED.sub("", clause_after)
    matches = list(_TENSE_MARKERS.finditer(clause))
    if not matches:
        return None
    frames_sentence = clause.startswith(("、", "は、", "には、", "にも、", "に、"))
    m = matches[-1] if frames_sentence else matches[0]
    if m.group("present"):
        return None
    return "future" if m.group("future") else "past"


class _NotADate(Exception):
    """Raised deep in resolution when a candidate names no real date (平成45年)."""


def resolve(c: Candidate, a: Anchors) -> Resolved | None:
    """Candidate → Resolved, or None when it turns out not to be a temporal expression."""
    handler = _HANDLERS.get(c.kind)
    try:
        return handler(c.groups, a) if handler else None
    except _NotADate:
        return None


# ---- helpers ---------------------------------------------------------------------------------------

def _int(s: str) -> int:
    return KANJI_SMALL[s] if s in KANJI_SMALL else int(s)


ERA_LAST_YEAR = {"明治": 45, "大正": 15, "昭和": 64, "平成": 31, "令和": 99}


def _explicit_year(g: dict, a: Anchors) -> int | None:
    if g.get("era"):
        n = 1 if g["era_year"] == "元" else int(g["era_year"])
        if not 1 <= n <= ERA_LAST_YEAR[g["era"]]:
            raise _NotADate  # 平成45年, 令和0年: no such year
        return ERA_START[g["era"]] + n - 1
    if g.get("abbr_era"):
        return ERA_START[g["abbr_era"]] + int(g["abbr_year"]) - 1
    if g.get("year"):
        y = int(g["year"])
        return y if len(g["year"]) == 4 else _expand_two_digit_year(y, a.dct)
    if g.get("yy"):
        return _expand_two_digit_year(int(g["yy"]), a.dct)
    return None


def _expand_two_digit_year(yy: int, dct: date | None) -> int:
    ref = dct.year if dct else 2000
    century = ref // 100 * 100
    y = century + yy
    return y - 100 if y > ref + 10 else y


def _relative_year(g: dict, a: Anchors) -> tuple[int | None, str]:
    word = g.get("rel_year")
    if word in REL_YEAR and a.dct:
        return a.dct.year + REL_YEAR[word], "dct"
    if word in NARRATIVE_YEAR:
        if a.narrative_year:
            return a.narrative_year + NARRATIVE_YEAR[word], "previous"
        if a.dct:
            return a.dct.year + NARRATIVE_YEAR[word], "dct"
    return None, "none"


def _pick_year(month: int, day: int | None, a: Anchors) -> int:
    """The year of a date given without one: nearest to the dct, in the direction of the tense."""
    dct = a.dct
    best = None
    for y in (dct.year - 1, dct.year, dct.year + 1):
        if day is not None and not valid_date(y, month, day):
            continue
        target = date(y, month, day) if day else date(y, month, 1)
        if day is None:
            diff = (y * 12 + month) - (dct.year * 12 + dct.month)  # in months
        else:
            diff = (target - dct).days
        if a.tense == "past" and diff > 0:
            continue
        if a.tense == "future" and diff < 0:
            continue
        score = (abs(diff), diff > 0)  # ties go to the past: news mostly reports what happened
        if best is None or score < best[0]:
            best = (score, y)
    if best is None:  # e.g. a past-tense 2月29日 far from a leap year: fall back to the nearest
        return dct.year
    return best[1]


def _after_mod(a: Anchors) -> str | None:
    for word, mod in _AFTER_MOD:
        if a.following.startswith(word):
            return mod
    if a.preceding.endswith(("約", "およそ")):
        return "APPROX"
    return None


def _day_value(d: date) -> str:
    return d.isoformat()


# ---- kinds ------------------------------------------------------------------------------------------

def _date(g: dict, a: Anchors) -> Resolved | None:
    mod = SUB_MOD.get(g.get("sub", ""), None) or _after_mod(a)
    year = _explicit_year(g, a)
    anchor = "explicit"
    if year is None and g.get("rel_year"):
        year, anchor = _relative_year(g, a)
        if year is None:
            return None
    month = int(g["month"]) if g.get("month") else None
    if g.get("rel_month"):
        word, base = g["rel_month"], None
        if word in REL_MONTH and a.dct:
            base, delta, anchor = a.dct, REL_MONTH[word], "dct"
        elif word in NARRATIVE_MONTH and (a.narrative_month or a.dct):
            base, delta = a.narrative_month or a.dct, NARRATIVE_MONTH[word]
            anchor = "previous" if a.narrative_month else "dct"
        if base is None:
            return None
        year, month = add_months(base.year, base.month, delta)
    day = int(g["day"]) if g.get("day") else None

    if day is not None and month is None:
        if year is not None:
            return None  # 2023年5日: no such expression
        source = a.sentence_month or a.paragraph_month
        if source:
            year, month = source
            anchor = "previous"
        elif a.dct:
            year, month = _pick_month_of_day(day, a)
            anchor = "dct"
        else:
            return Resolved("DATE", f"XXXX-XX-{day:02d}", mod, "none")
    if month is not None and year is None:
        if a.sentence_month and day is None:
            year = a.sentence_month[0]
            anchor = "previous"
        elif a.dct:
            year = _pick_year(month, day, a)
            anchor = "dct"
        else:
            tail = f"-{day:02d}" if day else ""
            return Resolved("DATE", f"XXXX-{month:02d}{tail}", mod, "none")
    if year is None:
        return None
    if day is not None:
        if not valid_date(year, month, day):
            return None
        return Resolved("DATE", f"{year:04d}-{month:02d}-{day:02d}", mod, anchor)
    if month is not None:
        return Resolved("DATE", f"{year:04d}-{month:02d}", mod, anchor)
    return Resolved("DATE", f"{year:04d}", mod, anchor)


def _pick_month_of_day(day: int, a: Anchors) -> tuple[int, int]:
    """15日 without a month: this month of the dct, or the neighbouring one the tense points to."""
    dct = a.dct
    options = []
    for delta in (-1, 0, 1):
        y, m = add_months(dct.year, dct.month, delta)
        if not valid_date(y, m, day):
            continue
        diff = (date(y, m, day) - dct).days
        if (a.tense == "past" and diff > 0) or (a.tense == "future" and diff < 0):
            continue
        options.append(((abs(diff), diff > 0), (y, m)))
    return min(options)[1] if options else (dct.year, dct.month)


def _weekday(g: dict, a: Anchors) -> Resolved | None:
    wd = WEEKDAYS.index(g.get("wd") or g.get("wd_paren"))
    d = _weekday_date(wd, a)
    if d is None:
        return Resolved("DATE", f"XXXX-WXX-{wd + 1}", None, "none")
    return Resolved("DATE", _day_value(d), _after_mod(a), "dct")


WEEKDAY_TENSE_PENALTY = 3  # days; 「水曜日まで開催される…到着した」 still means the coming Wednesday


def _weekday_date(wd: int, a: Anchors) -> date | None:
    """The day a weekday name means: the nearest one to the dct, leaning the way the tense points."""
    if not a.dct:
        return None
    back = (a.dct.weekday() - wd) % 7
    ahead = (wd - a.dct.weekday()) % 7
    cost_back = back + (WEEKDAY_TENSE_PENALTY if a.tense == "future" and back else 0)
    cost_ahead = ahead + (WEEKDAY_TENSE_PENALTY if a.tense == "past" and ahead else 0)
    if cost_back <= cost_ahead:
        return a.dct - timedelta(days=back)
    return a.dct + timedelta(days=ahead)


SPEECH_NEAR_DCT = 7  # days; a quote's 今日 is the speech day only when that day is this close to the dct
SPEECH_PARAGRAPHS = 3  # and when it was stated this few paragraphs before


def _speech_day(a: Anchors) -> date | None:
    """「少なくとも今日は…」 after 「プーチンは月曜日、…と述べた」: the quote speaks from that Monday."""
    if not (a.in_quote and a.narrative_day and a.dct):
        return None
    if abs((a.narrative_day - a.dct).days) > SPEECH_NEAR_DCT or a.para_index - a.narrative_para > SPEECH_PARAGRAPHS:
        return None
    return a.narrative_day


def _rel_day(g: dict, a: Anchors) -> Resolved | None:
    word = g["rel_day"]
    if word in REL_DAY:
        if not a.dct:
            return None
        speech = _speech_day(a)
        if speech:
            return Resolved("DATE", _day_value(speech + timedelta(days=REL_DAY[word])), _after_mod(a), "previous")
        return Resolved("DATE", _day_value(a.dct + timedelta(days=REL_DAY[word])), _after_mod(a), "dct")
    base = a.narrative_day or a.dct
    if base is None:
        return None
    anchor = "previous" if a.narrative_day else "dct"
    return Resolved("DATE", _day_value(base + timedelta(days=NARRATIVE_DAY[word])), _after_mod(a), anchor)


def _rel_week(g: dict, a: Anchors) -> Resolved | None:
    word = g["rel_week"]
    if word in REL_WEEK:
        base, delta, anchor = a.dct, REL_WEEK[word], "dct"
    else:
        base, delta = a.narrative_day or a.dct, NARRATIVE_WEEK[word]
        anchor = "previous" if a.narrative_day else "dct"
    if base is None:
        return None
    value = iso_week(base + timedelta(weeks=delta))
    return Resolved("DATE", value + ("-WE" if g.get("weekend") else ""), None, anchor)


def _weekend(g: dict, a: Anchors) -> Resolved | None:
    if not a.dct:
        return None
    d = a.dct
    if a.tense == "past" and d.weekday() < 5:
        d -= timedelta(weeks=1)
    return Resolved("DATE", iso_week(d) + "-WE", None, "dct")


def _year_part(g: dict, a: Anchors) -> Resolved | None:
    if not a.dct:
        return None
    word, y, m = g["year_part"], a.dct.year, a.dct.month
    if word.startswith("月"):
        mod = {"月末": "END", "月初め": "START", "月初": "START"}.get(word)
        return Resolved("DATE", f"{y:04d}-{m:02d}", mod, "dct")
    if word == "年明け" and m >= 11:
        y += 1
    mod = {"年末": "END", "年初": "START", "年始": "START", "年明け": "START", "年央": "MID"}.get(word)
    return Resolved("DATE", f"{y:04d}", mod, "dct")


def _year_early(g: dict, a: Anchors) -> Resolved | None:
    year = _explicit_year(g, a)
    anchor = "explicit"
    if year is None:
        year, anchor = _relative_year(g, a)
    if year is None:
        return None
    return Resolved("DATE", f"{year:04d}", "START", anchor)


def _fiscal_year(g: dict, a: Anchors) -> Resolved | None:
    anchor = "explicit"
    if g.get("rel_fy"):
        if not a.dct:
            return None
        year, anchor = fiscal_year_of(a.dct) + REL_FY[g["rel_fy"]], "dct"
    else:
        year = _explicit_year(g, a)
    half = g.get("half")
    suffix = "" if not half else ("-H1" if half.startswith("上") else "-H2")
    if g.get("fq"):
        suffix = f"-Q{g['fq']}"
    mod = {"末": "END", "初め": "START", "当初": "START"}.get(g.get("sub", ""))
    return Resolved("DATE", f"FY{year:04d}{suffix}", mod, anchor)


def _quarter(g: dict, a: Anchors) -> Resolved | None:
    """第3四半期, 7～9月期 → 2023-Q3; 4～9月期 (the first half of a fiscal year) → FY2023-H1."""
    period = None
    if g.get("q"):
        period = f"Q{_int(g['q'])}"
    else:
        m1, m2 = int(g["qm1"]), int(g["qm2"])
        if m2 - m1 == 2 and m1 % 3 == 1:
            period = f"Q{(m1 - 1) // 3 + 1}"
        elif (m1, m2) in ((1, 6), (7, 12)):
            period = "H1" if m1 == 1 else "H2"
        elif (m1, m2) == (4, 9):
            period = "FH1"
        if period is None:
            return None
    anchor = "explicit"
    if g.get("year"):
        year = int(g["year"])
    elif a.dct:
        year, anchor = a.dct.year, "dct"
        last_month = int(g["qm2"]) if g.get("qm2") else int(period[1]) * 3
        if last_month > a.dct.month and a.tense != "future":
            year -= 1  # results are reported for periods that have ended
    else:
        return Resolved("DATE", f"XXXX-{period}", None, "none")
    if period == "FH1":
        return Resolved("DATE", f"FY{year:04d}-H1", None, anchor)
    return Resolved("DATE", f"{year:04d}-{period}", None, anchor)


def _fiscal_term(g: dict, a: Anchors) -> Resolved | None:
    year, month = _explicit_year(g, a), int(g["month"])
    if month == 12:
        return Resolved("DATE", f"{year:04d}", None, "explicit")
    return Resolved("DATE", f"FY{year - 1:04d}", None, "explicit")


def _half(g: dict, a: Anchors) -> Resolved | None:
    year = _explicit_year(g, a)
    anchor = "explicit"
    if year is None:
        year, anchor = _relative_year(g, a)
    if year is None:
        return None
    half = "H1" if g["half"] in ("上半期", "前半") else "H2"
    return Resolved("DATE", f"{year:04d}-{half}", None, anchor)


def _season(g: dict, a: Anchors) -> Resolved | None:
    season = SEASON[g["season"]]
    if g.get("rel_year"):
        year, anchor = _relative_year(g, a)
        return Resolved("DATE", f"{year:04d}-{season}", None, anchor) if year else None
    if g.get("year"):
        return Resolved("DATE", f"{int(g['year']):04d}-{season}", None, "explicit")
    word = g["rel_season"]
    if word == "同年":
        year = a.narrative_year or (a.dct.year if a.dct else None)
        if year is None:
            return None
        return Resolved("DATE", f"{year:04d}-{season}", None, "previous" if a.narrative_year else "dct")
    if not a.dct:
        return None
    year = a.dct.year + REL_SEASON[word]
    if season == "WI" and a.dct.month <= 2 and word in ("今", "この"):
        year -= 1  # the winter we are in began last December
    return Resolved("DATE", f"{year:04d}-{season}", None, "dct")


def _decade(g: dict, a: Anchors) -> Resolved | None:
    y = int(g["year"])
    if len(g["year"]) == 2:
        y = _expand_two_digit_year(y, a.dct)
    if y % 10:
        return None
    return Resolved("DATE", f"{y // 10:03d}X", SUB_MOD.get(g.get("sub", ""), None), "explicit")


def _century(g: dict, a: Anchors) -> Resolved | None:
    if g.get("rel_century"):
        if not a.dct:
            return None
        c = (a.dct.year - 1) // 100 + 1 + {"今": 0, "前": -1, "来": 1}[g["rel_century"]]
        return Resolved("DATE", f"{c - 1:02d}", SUB_MOD.get(g.get("sub", ""), None), "dct")
    c = int(g["century"])
    if not 1 <= c <= 30:
        return None
    return Resolved("DATE", f"{c - 1:02d}", SUB_MOD.get(g.get("sub", ""), None), "explicit")


def _day_of(g: dict, a: Anchors) -> tuple[date | None, str]:
    """The day a time or part of day is on: stated with it, else the narrative's day, else the dct."""
    if g.get("day") or g.get("month") or g.get("rel_year") or g.get("year"):
        r = _date(g, a)
        if r is None or len(r.value) != 10 or "X" in r.value:
            return None, "none"
        return date.fromisoformat(r.value), r.anchor
    if g.get("rel_day"):
        r = _rel_day(g, a)
        return (date.fromisoformat(r.value), r.anchor) if r else (None, "none")
    if g.get("wd") or g.get("wd_paren"):
        d = _weekday_date(WEEKDAYS.index(g.get("wd") or g.get("wd_paren")), a)
        return d, "dct" if d else "none"
    if a.paragraph_day:  # 午後8時22分 right after a date: that day; elsewhere the dct's
        return a.paragraph_day, "previous"
    if a.dct:
        return a.dct, "dct"
    return None, "none"


def _time(g: dict, a: Anchors) -> Resolved | None:
    if g.get("noon"):
        hour, minute = 12, 0
    else:
        hour = int(g["hour"])
        minute = int(g["minute"]) if g.get("minute") else (30 if g.get("half") else 0)
        if g.get("pod") in ("午後", "夜", "夕方", "夕", "夜間") and hour < 12:
            hour += 12
    day, anchor = _day_of(g, a)
    clock = f"T{hour:02d}:{minute:02d}"
    if day is None:
        return Resolved("TIME", "XXXX-XX-XX" + clock, None, "none")
    return Resolved("TIME", _day_value(day) + clock, None, anchor)


def _pod(g: dict, a: Anchors) -> Resolved | None:
    day, anchor = _day_of(g, a)
    part = "T" + POD[g["pod"]]
    if day is None:
        return Resolved("TIME", "XXXX-XX-XX" + part, None, "none")
    return Resolved("TIME", _day_value(day) + part, None, anchor)


def _pod_word(g: dict, a: Anchors) -> Resolved | None:
    if not a.dct:
        return None
    delta, part = POD_WORD[g["pod_word"]]
    return Resolved("TIME", _day_value(a.dct + timedelta(days=delta)) + "T" + part, None, "dct")


def _amount(num: str) -> str:
    if num in ("数", "十数", "何", "幾"):
        return "X"
    return num


SHORT_YEAR_WINDOW = (-12, 3)  # 23年 reads as 2023 only near the dct; 78年の歴史 is a length
_DURATION_BEFORE = ("後", "業", "立", "設", "足", "約", "去", "ら", "で", "任", "期", "続")


def _reads_as_short_year(num: str, a: Anchors) -> bool:
    if len(num) != 2 or not num.isdigit() or not a.dct or a.preceding.endswith(_DURATION_BEFORE):
        return False
    if not a.following.startswith(("に", "の", "は", "から", "まで", "以降", "以来", "以前", "、", "も")):
        return False
    year = _expand_two_digit_year(int(num), a.dct)
    return SHORT_YEAR_WINDOW[0] <= year - a.dct.year <= SHORT_YEAR_WINDOW[1]


def _duration(g: dict, a: Anchors) -> Resolved | None:
    num, unit = g["num"], g.get("unit")
    cue = g.get("pre") or g.get("ma") or g.get("post") or g.get("half_unit") or g.get("half2")
    if not cue and unit == "年" and _reads_as_short_year(num, a):
        return _date({"yy": num}, a)  # 23年に: the year 2023 written short
    mod = DURATION_MOD.get(g.get("pre") or "") or DURATION_MOD.get(g.get("post") or "")
    if g.get("half_unit"):  # 1年半
        if not num.isdigit():
            return None
        return Resolved("DURATION", f"P{int(num) * 12 + 6}M", mod, "none")
    if num == "半":
        half_values = {"年": "P6M", "日": "PT12H", "時間": "PT30M", "世紀": "P50Y"}
        value = half_values.get(unit) or ("P2W" if DURATION_UNIT.get(unit) == "M" else None)
        return Resolved("DURATION", value, mod, "none") if value else None
    if num == "数十":
        value = {"年": "PXDE"}.get(unit)
        return Resolved("DURATION", value, mod, "none") if value else None
    code = DURATION_UNIT[unit]
    amount = _amount(num)
    if g.get("half2"):
        if code == "TH" and amount.isdigit():
            return Resolved("DURATION", f"PT{amount}H30M", mod, "none")
        amount = f"{amount}.5" if amount.isdigit() else amount
    value = f"PT{amount}{code[1]}" if code.startswith("T") else f"P{amount}{code}"
    return Resolved("DURATION", value, mod, "none")


def _duration_ym(g: dict, a: Anchors) -> Resolved | None:
    mod = DURATION_MOD.get(g.get("pre") or "") or DURATION_MOD.get(g.get("post") or "")
    return Resolved("DURATION", f"P{int(g['y'])}Y{int(g['m'])}M", mod, "none")


def _holiday(g: dict, a: Anchors) -> Resolved | None:
    """元日 (1 January) and 大みそか (31 December): of the year stated, else the nearest one."""
    month, day = (12, 31) if g["holiday"] in ("大みそか", "大晦日") else (1, 1)
    year = _explicit_year(g, a)
    anchor = "explicit"
    if year is None and g.get("rel_year"):
        year, anchor = _relative_year(g, a)
    if year is None:
        if not a.dct:
            return Resolved("DATE", f"XXXX-{month:02d}-{day:02d}", None, "none")
        year, anchor = _pick_year(month, day, a), "dct"
    return Resolved("DATE", f"{year:04d}-{month:02d}-{day:02d}", _after_mod(a), anchor)


def _week_start(g: dict, a: Anchors) -> Resolved | None:
    """週明け: the start of the coming week (of this one when said on a weekend... it is the next)."""
    if not a.dct:
        return None
    return Resolved("DATE", iso_week(a.dct + timedelta(weeks=1)), "START", "dct")


def _duration_hm(g: dict, a: Anchors) -> Resolved | None:
    mod = DURATION_MOD.get(g.get("pre") or "") or DURATION_MOD.get(g.get("post") or "")
    return Resolved("DURATION", f"PT{int(g['h'])}H{int(g['m'])}M", mod, "none")


def _vague_duration(g: dict, a: Anchors) -> Resolved | None:
    return Resolved("DURATION", VAGUE_DURATION[g["vd"]], None, "none")


def _offset(g: dict, a: Anchors) -> Resolved | None:
    """3日前 → DURATION P3D that points to dct − 3 days (TIMEX.md: the duration plus its date)."""
    r = _duration({k: v for k, v in g.items() if k not in ("dir", "post")}, a)
    if r is None or r.type != "DURATION":
        return r
    if g["dir"] == "ぶり" or not a.dct or "X" in r.value or "." in r.value:
        return r
    if re.match(r"(?:前|後)の?\d", a.following):
        return r  # 約1週間後の9月17日: the date is stated; the offset counts from something else
    code = DURATION_UNIT[g["unit"]]
    if code.startswith("T"):
        return r
    amount = int(g["num"]) * (-1 if g["dir"] == "前" else 1)
    target = shift(a.dct, code, amount)
    points_to = {"D": target.isoformat(), "W": iso_week(target), "M": target.strftime("%Y-%m"),
                 "Y": f"{target.year:04d}"}[code]
    return Resolved("DURATION", r.value, r.mod, "dct", points_to)


def _set(g: dict, a: Anchors) -> Resolved | None:
    if g.get("set_wd"):
        return Resolved("SET", f"XXXX-WXX-{WEEKDAYS.index(g['set_wd'][0]) + 1}", None, "none")
    return Resolved("SET", SET_EVERY[g["every"]], None, "none")


def _set_freq(g: dict, a: Anchors) -> Resolved | None:
    return Resolved("SET", SET_PER[g["per"]], None, "none")


def _set_interval(g: dict, a: Anchors) -> Resolved | None:
    return Resolved("SET", f"P{int(g['num'])}{DURATION_UNIT[g['unit']]}", None, "none")


def _vague(g: dict, a: Anchors) -> Resolved | None:
    """先日, 最近, 今後 …: TimeML's vague references; they put nothing on the calendar."""
    return Resolved("DATE", VAGUE[g["vague"]], None, "none")


_HANDLERS = {
    "vague": _vague, "duration_ym": _duration_ym, "holiday": _holiday, "week_start": _week_start,
    "date": _date, "weekday": _weekday, "rel_day": _rel_day, "rel_week": _rel_week, "weekend": _weekend,
    "year_part": _year_part, "year_early": _year_early, "fy": _fiscal_year, "quarter": _quarter,
    "fiscal_term": _fiscal_term, "half": _half, "season": _season, "decade": _decade,
    "century": _century, "time": _time, "pod": _pod, "pod_word": _pod_word, "duration": _duration,
    "duration_hm": _duration_hm, "vague_duration": _vague_duration, "offset": _offset, "set": _set,
    "set_freq": _set_freq, "set_interval": _set_interval,
}
