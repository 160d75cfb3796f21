"""Temporal pattern table: regex templates built from named slots, one row per expression class.

Each row says what its match means (`kind`), and carries examples that must be recognised with the
given value (against dct 2023-09-05, past tense unless the example says otherwise) and
counter-examples that must not be tagged by it. `tests/test_patterns.py` runs them all.
Rows match the *normalised* text (events.text.normalize): half-width digits, kanji numerals
before calendar units already converted, spaces inside dates removed, 〜 folded to ～.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# ---- vocabulary of named slots -------------------------------------------------------------
NUM = r"(?=\d)(?<![\d.,])"  # a number that is not the tail of a larger number or a decimal
SLOTS = {
    "era_year": r"(?P<era>明治|大正|昭和|平成|令和)(?P<era_year>\d{1,2}|元)年(?!度)",
    "abbr_era_year": r"(?<![A-Za-z])(?P<abbr_era>[RHS])(?P<abbr_year>\d{1,2})年(?!度)",
    "year_full": NUM + r"(?P<year>\d{4})年(?!度|代|間|目|生|分)",
    "year_short": NUM + r"(?P<yy>\d{2})年(?=\d{1,2}月)",
    "rel_year": r"(?P<rel_year>一昨年|おととし|昨年|去年|今年|ことし|本年|来年|再来年|同年|前年(?!比|同期|度|同月)|翌年|翌々年)",
    "month": NUM + r"(?P<month>\d{1,2})月(?!期|分|号|末日?比)",
    "rel_month": r"(?P<rel_month>先々月|先月|今月|来月|再来月|前月(?!比)|翌月|同月)",
    "day": NUM + r"(?<!\d、)(?P<day>\d{1,2})日(?!間|以内|連続|ぶり|程度|分|前(?!後)|後(?!半))",
    "sub": r"(?P<sub>上旬|中旬|下旬|初旬|初め(?!て)|はじめ(?!て|と)|半ば|なかば|末|終わり|前半|後半|初頭|中ごろ|中頃|中(?=に|の|は|にも|で|、))",
    "weekday": r"(?:[(（](?P<wd_paren>[月火水木金土日])(?:曜日?)?[)）]|\s?(?P<wd>[月火水木金土日])曜日?)",
    "pod": r"(?P<pod>午前|午後|未明|早朝|朝|昼|夕方|夕|夜間|深夜|夜)",
    "clock": NUM + r"(?P<hour>\d{1,2})時(?!間|点|代|期|半ば)(?:(?P<minute>\d{1,2})分|(?P<half>半))?",
}


def template(pattern: str) -> str:
    """Expand {slot} references; {slot?} makes a slot optional."""
    def expand(m: re.Match) -> str:
        name, optional = m.group(1), m.group(2) == "?"
        body = f"(?:{SLOTS[name]})"
        return body + "?" if optional else body
    return re.sub(r"\{([a-z_]+)(\??)\}", expand, pattern)


# Rules that begin with optional parts start with this lookahead, so that the regex engine rejects
# most positions at once (8x faster on news text).
DATE_START = r"(?=[\d明大昭平令RHS一昨去今本来再同前翌先当こお])"
TIME_START = r"(?=[\d明大昭平令RHS一昨去今本来再同前翌先当午未早朝昼夕夜深正月火水木金土日(（\s])"

YEAR = "(?:{era_year}|{abbr_era_year}|{year_full}|{year_short}|{rel_year})"
MONTH = "(?:{month}|{rel_month})"


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str  # how the resolver reads the groups: date, weekday, time, fy, quarter, ...
    type: str  # TIMEX type
    pattern: str
    examples: tuple[tuple[str, str], ...] = ()  # (text, expected value) — value of the longest match
    counter: tuple[str, ...] = ()  # texts in which this rule must not match
    priority: int = 0  # breaks ties between equally long overlapping matches
    needs: tuple[str, ...] = ()  # a match contains one of these; the tagger skips text without any

    @property
    def regex(self) -> re.Pattern:
        return _compiled(self.pattern)


_CACHE: dict[str, re.Pattern] = {}


def _compiled(pattern: str) -> re.Pattern:
    if pattern not in _CACHE:
        _CACHE[pattern] = re.compile(template(pattern))
    return _CACHE[pattern]


NUMBER = r"(?P<num>\d+(?:\.\d+)?|数十|十数|数|何十|何|半|幾)"
DUR_UNIT = r"(?P<unit>年|カ月|ヵ月|ヶ月|ケ月|か月|箇月|週間|週|日|時間|分|秒)"
DUR_PRE = r"(?P<pre>過去|ここ|この|約|およそ|ほぼ|わずか|最長|最大|最短|計|足かけ|丸)?"
DUR_POST = r"(?P<post>以上|以内|未満|超|余り|あまり|近く|弱|強|前後|ぶり|来|程度|早く|遅く|早い|遅い|遅れ|早め)?"

RULES: tuple[Rule, ...] = (
    # ---- absolute and partial calendar dates --------------------------------------------------
    Rule("numeric_date", "date", "DATE",
         NUM + r"(?P<year>(?:19|20)\d{2})(?P<sep>[/.\-])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?![\d./])",
         examples=(("2023/9/5", "2023-09-05"), ("2023.9.5", "2023-09-05"), ("2023-09-05", "2023-09-05")),
         counter=("1.2023.9", "バージョン2023.10.15.3"),
         needs=('/', '.', '-')),
    Rule("calendar_date", "date", "DATE",
         DATE_START + YEAR + "?" + MONTH + "?" + "{day}?" + "{sub?}" + "{weekday?}",
         examples=(("2023年9月5日", "2023-09-05"), ("2023 年 9 月 5 日", "2023-09-05"),
                   ("２０２３年９月５日", "2023-09-05"), ("二〇二三年九月五日", "2023-09-05"),
                   ("令和5年9月5日", "2023-09-05"), ("令和元年", "2019"), ("平成31年", "2019"),
                   ("R5年", "2023"), ("9月17日", "2023-09-17"), ("7月", "2023-07"), ("2019年", "2019"),
                   ("9月中旬", "2023-09"), ("今月末", "2023-09"), ("昨年", "2022"), ("来年", "2024"),
                   ("一昨年", "2021"), ("先月", "2023-08"), ("来月", "2023-10"), ("昨年12月", "2022-12"),
                   ("2024年 12月 22日 日曜日", "2024-12-22"), ("9月5日(火)", "2023-09-05"),
                   ("23年3月", "2023-03"), ("十五日", "2023-09-15")),
         counter=("第6日", "50周年", "24歳", "前年比", "前年同期比", "前年同月比", "前月比", "2019年度", "3月期",
                  "1990年代", "3年間", "3日間", "7.18メートル", "Tu-160")),
    Rule("range_month_day", "range_md", "DATE",
         NUM + r"(?P<month>\d{1,2})月(?P<day>\d{1,2})(?P<day_unit>日)?(?:[～\-─―–]|から)(?:(?P<month2>\d{1,2})月)?(?P<day2>\d{1,2})日",
         examples=(("9月5～6日", "2023-09-05"), ("10月31日─11月1日", "2023-10-31")), priority=1,
         needs=('～', '-', '─', '―', '–', 'から')),
    Rule("day_pair", "range_md", "DATE",
         NUM + r"(?P<month>\d{1,2})月(?P<day>\d{1,2})(?P<day_unit>日)?[、・,](?P<day2>\d{1,2})(?:両)?日",
         examples=(("5月2、3両日", "2023-05-02"), ("9月2、3日", "2023-09-03")), priority=1,
         needs=('、', '・', ',')),
    Rule("day_pair_both", "range_md", "DATE",
         NUM + r"(?P<day>\d{1,2})(?P<day_unit>日)?[、・,](?P<day2>\d{1,2})両日",
         examples=(("2、3両日", "2023-09-02"),), counter=("2、3日かかる",), priority=1,
         needs=('両日',)),
    Rule("range_month", "range_m", "DATE",
         NUM + r"(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})(?:月)?[～\-─―–](?P<month2>\d{1,2})月(?!期)",
         examples=(("4～6月", "2023-04"), ("2019年1～6月", "2019-06")), counter=("4～6月期",),
         needs=('～', '-', '─', '―', '–')),
    Rule("range_year", "range_y", "DATE",
         NUM + r"(?P<year>\d{4})(?:年)?[～\-─―–](?P<year2>\d{4})年(?!度|代)",
         examples=(("2018～2019年", "2018"),),
         needs=('～', '-', '─', '―', '–')),
    Rule("weekday", "weekday", "DATE",
         r"(?<![月火水木金土日毎])(?P<wd>[月火水木金土日])曜(?:日)?(?!日)",
         examples=(("月曜日", "2023-09-04"), ("火曜", "2023-09-05"), ("日曜日", "2023-09-03")),
         counter=("毎週月曜日",),
         needs=('曜',)),
    Rule("relative_day", "rel_day", "DATE",
         r"(?P<rel_day>今日|本日|きょう|一昨日|おととい|昨日|きのう|明後日|あさって|明日|あす|あした|"
         r"同日(?!付)|当日|その日|翌日|前日(?!比)|翌々日|前々日)",
         examples=(("今日", "2023-09-05"), ("本日", "2023-09-05"), ("昨日", "2023-09-04"),
                   ("明日", "2023-09-06"), ("一昨日", "2023-09-03")),
         counter=("前日比",)),
    Rule("relative_week", "rel_week", "DATE",
         r"(?P<rel_week>先々週|先週|今週|来週|再来週|翌週|前週(?!比)|同週)(?P<weekend>末)?",
         examples=(("先週", "2023-W35"), ("今週", "2023-W36"), ("来週", "2023-W37"),
                   ("今週末", "2023-W36-WE")),
         needs=('週',)),
    Rule("weekend", "weekend", "DATE", r"(?<![今先来週])週末",
         examples=(("週末", "2023-W36-WE"),),
         needs=('週末',)),
    Rule("holiday", "holiday", "DATE",
         DATE_START.replace("(?=[", "(?=[元大") + YEAR + r"?(?P<holiday>元日|元旦|大みそか|大晦日)",
         examples=(("元日", "2024-01-01"), ("2024年元日", "2024-01-01"), ("大みそか", "2023-12-31")),
         needs=('元日', '元旦', '大みそか', '大晦日')),
    Rule("week_start", "week_start", "DATE", r"(?P<week_start>週明け)",
         examples=(("週明け", "2023-W37"),),
         needs=('週明け',)),
    Rule("year_part", "year_part", "DATE",
         r"(?<![\d年月同])(?P<year_part>年末|年初|年始|年明け|年内|年央|年中(?!行事|無休)|月末|月初め|月初|月内|月中)",
         examples=(("年内", "2023"), ("年末", "2023"), ("月末", "2023-09")),
         needs=('年', '月')),
    Rule("new_year_early", "year_early", "DATE",
         DATE_START + YEAR + r"(?P<early>早々|早期|はじめ(?!て)|初め(?!て)|初頭)",
         examples=(("来年早々", "2024"),), counter=("今年初めて",), priority=1,
         needs=('早々', '早期', 'はじめ', '初め', '初頭')),
    # ---- fiscal years, quarters, halves, seasons, decades, centuries -------------------------
    Rule("fiscal_year", "fy", "DATE",
         r"(?:" + NUM + r"(?P<year>\d{4}|\d{2})|(?P<era>明治|大正|昭和|平成|令和)(?P<era_year>\d{1,2}|元)|"
         r"(?P<rel_fy>今|昨|来|本|前|翌|同|再来))年度(?!比)(?:(?P<half>上期|下期|上半期|下半期)|第(?P<fq>[1-4])四半期|"
         r"(?P<sub>末|初め|当初|中(?=に|の|は|、)|内))?",
         examples=(("2023年度", "FY2023"), ("23年度", "FY2023"), ("今年度", "FY2023"),
                   ("2023年度上期", "FY2023-H1"), ("令和5年度", "FY2023"),
                   ("2022年度第3四半期", "FY2022-Q3"), ("今年度末", "FY2023")),
         counter=("前年度比",),
         needs=('年度',)),
    Rule("quarter", "quarter", "DATE",
         r"(?:" + NUM + r"(?P<year>\d{4})年)?(?:(?P<qm1>\d{1,2})[～\-─―–](?P<qm2>\d{1,2})月期|"
         r"第(?P<q>[1-4一二三四])四半期)",
         examples=(("2023年10～12月期", "2023-Q4"), ("第3四半期", "2023-Q3"), ("1～3月期", "2023-Q1"),
                   ("2023年4～9月期", "FY2023-H1"), ("1～6月期", "2023-H1")),
         needs=('期',)),
    Rule("fiscal_term", "fiscal_term", "DATE",
         NUM + r"(?P<year>\d{4}|\d{2})年(?P<month>\d{1,2})月期",
         examples=(("2024年3月期", "FY2023"), ("24年3月期", "FY2023")),
         needs=('月期',)),
    Rule("half_year", "half", "DATE",
         DATE_START + r"(?:" + YEAR + r")(?:の)?(?P<half>上半期|下半期|前半|後半)",
         examples=(("2023年上半期", "2023-H1"), ("今年後半", "2023-H2")), priority=1,
         needs=('半期', '前半', '後半')),
    Rule("season", "season", "DATE",
         r"(?:" + NUM + r"(?P<year>\d{4})年(?:の)?|(?P<rel_year>昨年|去年|今年|ことし|来年|再来年)(?:の)?|"
         r"(?P<rel_season>今|昨|来|去|この|同年)"
         r")(?P<season>春|夏|秋|冬)(?!季|闘|休|期)",
         examples=(("2023年夏", "2023-SU"), ("今夏", "2023-SU"), ("昨秋", "2022-FA"), ("来春", "2024-SP"),
                   ("来年秋", "2024-FA")),
         needs=('春', '夏', '秋', '冬')),
    Rule("decade", "decade", "DATE",
         NUM + r"(?P<year>\d{4}|\d{2})年代(?P<sub>初め|初頭|前半|半ば|後半|末)?",
         examples=(("2010年代", "201X"), ("90年代", "199X")),
         needs=('年代',)),
    Rule("century", "century", "DATE",
         r"(?:" + NUM + r"(?P<century>\d{1,2})|(?P<rel_century>今|前|来))世紀(?P<sub>初め|初頭|前半|半ば|後半|末)?(?!間)",
         examples=(("21世紀", "20"), ("20世紀末", "19"), ("今世紀半ば", "20")),
         needs=('世紀',)),
    # ---- times of day ---------------------------------------------------------------------------
    Rule("clock_time", "time", "TIME",
         TIME_START + "(?:" + YEAR + "?" + MONTH + "?" + "(?:{day}|(?P<rel_day>今日|本日|昨日|明日|同日|翌日|前日|当日)))?" +
         "{weekday?}" + "{pod?}" + "{clock}",
         examples=(("午後8時22分", "2023-09-05T20:22"), ("2023年9月5日午後8時22分", "2023-09-05T20:22"),
                   ("午前0時", "2023-09-05T00:00"), ("5日午後3時半", "2023-09-05T15:30"),
                   ("6日夜9時", "2023-09-06T21:00")),
         counter=("3時間", "一時的", "当時"),
         needs=('時',)),
    Rule("colon_time", "time", "TIME",
         r"(?<![\d.:/])(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?![\d:])",
         examples=(("20:22", "2023-09-05T20:22"),), counter=("3:1で勝利",),
         needs=(':',)),
    Rule("noon", "time", "TIME",
         TIME_START + r"(?:(?:" + NUM + r"(?P<day>\d{1,2})日)|(?P<rel_day>今日|本日|昨日|明日|同日|翌日|前日|当日))?"
         r"(?P<noon>正午)",
         examples=(("正午", "2023-09-05T12:00"),),
         needs=('正午',)),
    Rule("part_of_day", "pod", "TIME",
         TIME_START + "(?:" + YEAR + "?" + MONTH + "?" + "(?:{day}|(?P<rel_day>今日|本日|昨日|明日|同日|翌日|前日|当日)))?"
         "{weekday?}" + r"(?:の)?" + "{pod}",
         examples=(("日曜午後", "2023-09-03TAF"), ("5日夜", "2023-09-05TNI"), ("同日午後", "2023-09-05TAF")),
         needs=('午', '未明', '朝', '昼', '夕', '夜')),
    Rule("deictic_part_of_day", "pod_word", "TIME",
         r"(?P<pod_word>今朝|今夜|今晩|昨夜|昨晩|明朝|今夕|昨朝)",
         examples=(("今朝", "2023-09-05TMO"), ("昨夜", "2023-09-04TNI")),
         needs=('今朝', '今夜', '今晩', '昨夜', '昨晩', '明朝', '今夕', '昨朝')),
    Rule("vague_reference", "vague", "DATE",
         r"(?P<vague>現在|今のところ|現時点|目下|最近|近年|先日|過日|先ごろ|このほど|今後|近いうちに|近々|後日|当面)"
         r"(?!地|値|価値|位置|形)",
         examples=(("現在", "PRESENT_REF"), ("最近", "PAST_REF"), ("今後", "FUTURE_REF"))),
    # ---- durations and sets ---------------------------------------------------------------------
    Rule("duration", "duration", "DURATION",
         DUR_PRE + NUMBER + r"(?:(?P<half_unit>年半)|" + DUR_UNIT + r"(?P<ma>間)?(?P<half2>半)?)" + DUR_POST,
         examples=(("過去20年間", "P20Y"), ("約1週間", "P1W"), ("3年以上", "P3Y"), ("数日以内", "PXD"),
                   ("1時間", "PT1H"), ("過去17カ月", "P17M"), ("3年超", "P3Y"), ("数週間", "PXW"),
                   ("3 分", "PT3M"), ("2日間", "P2D"), ("半年", "P6M"), ("1年半", "P18M")),
         counter=("3分の1", "2019年", "5日"),
         needs=('年', '月', '週', '日', '時間', '分', '秒')),
    Rule("duration_ym", "duration_ym", "DURATION",
         DUR_PRE + NUM + r"(?P<y>\d+)年(?P<m>\d+)(?:カ|ヵ|ヶ|ケ|か|箇)月(?:間)?" + DUR_POST,
         examples=(("1年3カ月", "P1Y3M"),), priority=1,
         needs=('カ月', 'ヵ月', 'ヶ月', 'ケ月', 'か月', '箇月')),
    Rule("duration_hm", "duration_hm", "DURATION",
         DUR_PRE + NUM + r"(?P<h>\d+)時間(?P<m>\d+)分(?:間)?" + DUR_POST,
         examples=(("1時間30分", "PT1H30M"),), priority=1,
         needs=('時間',)),
    Rule("vague_duration", "vague_duration", "DURATION",
         r"(?P<vd>四半世紀|半世紀|長年|ここ数十年|数十年|何十年|ここ数年|数年来)",
         examples=(("長年", "PXY"), ("ここ数十年", "PXDE"), ("何十年", "PXDE"), ("半世紀", "P50Y"),
                   ("四半世紀", "P25Y")), priority=1,
         needs=('長年', '数十年', '何十年', '数年', '世紀')),
    Rule("relative_offset", "offset", "DURATION",
         DUR_PRE + NUMBER + r"(?P<unit>年|カ月|ヵ月|ヶ月|ケ月|か月|箇月|週間|日|時間)(?P<dir>前|後|ぶり)(?!半|者|任)",
         examples=(("3日前", "P3D"), ("1週間後", "P1W"), ("2年前", "P2Y"), ("5年ぶり", "P5Y")),
         priority=1,
         needs=('前', '後', 'ぶり')),
    Rule("set_every", "set", "SET",
         r"(?P<every>毎週|毎日|毎月|毎年|毎朝|毎晩|毎夜|隔週|隔年|隔月)(?P<set_wd>[月火水木金土日]曜日?)?"
         r"(?!新聞|放送|勤労|jp|ジャパン)",
         examples=(("毎週", "P1W"), ("毎年", "P1Y"), ("毎日", "P1D")),
         counter=("毎日新聞", "毎月勤労統計"),
         needs=('毎', '隔')),
    Rule("set_frequency", "set_freq", "SET",
         r"(?<![\d])(?P<per>週|年|月|1日|一日|日)(?:に)?(?P<times>\d+|一|二|三)回",
         examples=(("週に3回", "P1W"), ("年2回", "P1Y")), priority=1,
         needs=('回',)),
    Rule("set_interval", "set_interval", "SET",
         NUM + r"(?P<num>\d+)(?P<unit>年|カ月|ヶ月|か月|週間|日)に(?:1|一)(?:度|回)",
         examples=(("10年に1度", "P10Y"),), priority=2,
         needs=('度', '回')),
)

# Phrases that look temporal but are not; a candidate overlapping one of them is dropped.
NOT_TEMPORAL = re.compile(
    r"毎日新聞|毎日放送|毎月勤労統計|月曜社|日曜版|日曜大工|年齢|周年|年生|年目|\d+日目|\d+週目|年連続(?=\d)|前年比|前月比|前年同期比|"
    r"前日比|前週比|前年同月|前年同期|同月比|同期比|前年度比|前期比|年率|年利|年金|年収|年俸|年賀|年鑑|年表|年号|月給|月額|日給|日額|日銀|月刊|週刊|日刊|年刊|"
    r"明日香|一日中?も早く|\d+(?:日|年|月|週|時間)(?:あたり|当たり|平均)|一時的|十分|当時|同時|朝鮮|朝日新聞|夕刊|"
    r"\d+分の(?:\d|一|二|三|四|五|六|七|八|九)"
)
# A candidate starting right after these characters is an ordinal, a model number or an amount.
ORDINAL_BEFORE = re.compile(r"(?:第|No\.|no\.|[A-Za-z]-?|[\d.,]|＃|#)\Z")

# Every match of every rule contains one of these within its first few characters. The tagger runs
# the rules only on windows around them, which skips most of a news article's text.
TRIGGER = re.compile(
    r"\d|明治|大正|昭和|平成|令和|一昨|昨|去年|今|本[年日]|来|再来|同[年月日週]|前[年月日週々]|翌|先|当日|"
    r"その日|きょう|おととい|きのう|明[日後朝]|あさって|あす|あした|[月火水木金土日]曜|週末|年[末初始明内央中]|"
    r"月[末初内中]|第.四半期|[今前来]世紀|この[春夏秋冬]|正午|数|何|半|幾|長年|ここ|毎|隔|現|目下|最近|近|先|過日|"
    r"このほど|将来|後日|当面|ことし|おととし|元日|元旦|大みそか|大晦日|週明"
)
TRIGGER_BEFORE = 6  # how far a match may start before its trigger (過去, 約, an era name …)
TRIGGER_AFTER = 24  # how far it may run on after it, plus room for the rules' lookaheads
