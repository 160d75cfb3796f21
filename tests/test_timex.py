"""The temporal engine on sentences of many subjects, grouped by phenomenon (TIMEX.md).

Each case: (sentence, dct, expected) where expected lists (surface, type, value[, mod]) that must
be among the tagged expressions; surfaces are the exact raw text of the span."""
from datetime import date

import pytest

from events.timex import extract_timexes

D = date.fromisoformat

CASES = {
    # 西暦 and partial dates, year from the dct and the tense
    "閣議_bare_day_past": ("岸田文雄首相は13日、臨時閣議を開き、補正予算案を決定した。", D("2023-11-14"),
                         [("13日", "DATE", "2023-11-13")]),
    "選挙_future_day": ("衆院選は10月31日に投開票される。", D("2021-10-19"), [("10月31日", "DATE", "2021-10-31")]),
    "地震_december_from_january": ("12月25日に発生した地震で被害が出た。", D("2024-01-10"),
                                 [("12月25日", "DATE", "2023-12-25")]),
    "施行_january_from_december": ("新制度は1月に施行される予定だ。", D("2023-12-20"), [("1月", "DATE", "2024-01")]),
    "past_month_after_dct_month": ("北朝鮮は9月以降、約1万個のコンテナを送ったとされる。", D("2024-06-17"),
                                   [("9月", "DATE", "2023-09", "ON_OR_AFTER")]),
    "spaces_inside": ("今日 2023 年 9 月 5 日 | 午後8時22分", D("2023-09-05"),
                      [("2023 年 9 月 5 日", "DATE", "2023-09-05"), ("午後8時22分", "TIME", "2023-09-05T20:22")]),
    "full_width": ("会談は２０２３年９月１３日に行われた。", D("2023-09-20"), [("２０２３年９月１３日", "DATE", "2023-09-13")]),
    "kanji_numerals": ("二〇二三年九月五日に発表した。", D("2023-09-06"), [("二〇二三年九月五日", "DATE", "2023-09-05")]),
    "kanji_positional": ("十二月二十五日に開かれた。", D("2023-12-28"), [("十二月二十五日", "DATE", "2023-12-25")]),
    "slash_date": ("公開日: 2023/9/5", D("2023-09-05"), [("2023/9/5", "DATE", "2023-09-05")]),
    "year_and_year": ("大谷翔平は2021年と2023年にMVPを受賞した。", D("2023-11-17"),
                      [("2021年", "DATE", "2021"), ("2023年", "DATE", "2023")]),
    "two_digit_year": ("23年の出生数は過去最少だった。", D("2024-06-05"), [("23年", "DATE", "2023")]),
    # 和暦
    "reiwa": ("令和5年9月5日付の官報に掲載された。", D("2023-09-10"), [("令和5年9月5日", "DATE", "2023-09-05")]),
    "gannen": ("令和元年に即位した。", D("2023-09-10"), [("令和元年", "DATE", "2019")]),
    "showa_end": ("昭和64年1月7日、昭和天皇が崩御し、翌8日に元号が平成に改められた。", D("1989-01-09"),
                  [("昭和64年1月7日", "DATE", "1989-01-07"), ("8日", "DATE", "1989-01-08")]),
    "heisei_fy": ("令和5年度予算が成立した。", D("2023-03-28"), [("令和5年度", "DATE", "FY2023")]),
    # 上旬/中旬/下旬/末
    "early_next_month": ("政府は来月上旬にも法案を国会に提出する方針だ。", D("2023-11-14"),
                         [("来月上旬", "DATE", "2023-12", "START")]),
    "rainy_season": ("関東甲信地方は6月上旬に梅雨入りしたとみられる。", D("2023-06-20"), [("6月上旬", "DATE", "2023-06", "START")]),
    "end_of_this_month": ("金氏は今月末にロシアを訪れる見通しだ。", D("2023-09-05"), [("今月末", "DATE", "2023-09", "END")]),
    "end_of_last_year": ("昨年末に合意した。", D("2023-02-01"), [("昨年末", "DATE", "2022", "END")]),
    "decade_mid": ("1990年代半ばから研究が続いている。", D("2023-02-01"), [("1990年代半ば", "DATE", "199X", "MID")]),
    # weekdays
    "weekday_past": ("金氏は日曜午後に平壌を出発した。", D("2023-09-12"), [("日曜午後", "TIME", "2023-09-10TAF")]),
    "weekday_future": ("フォーラムは水曜日まで開催される。", D("2023-09-12"), [("水曜日", "DATE", "2023-09-13")]),
    "weekday_with_date": ("2024年 12月 22日 日曜日", D("2023-09-05"), [("2024年 12月 22日 日曜日", "DATE", "2024-12-22")]),
    "weekday_paren": ("9月5日(火)に発表した。", D("2023-09-06"), [("9月5日(火)", "DATE", "2023-09-05")]),
    # relative expressions
    "last_week": ("米国は先週、警告した。", D("2023-09-05"), [("先週", "DATE", "2023-W35")]),
    "next_week": ("来週にも発表する。", D("2023-09-05"), [("来週", "DATE", "2023-W37")]),
    "weekend_last": ("先週末に大雨が降った。", D("2023-09-05"), [("先週末", "DATE", "2023-W35-WE")]),
    "last_year": ("昨年以来の高水準となった。", D("2023-09-12"), [("昨年", "DATE", "2022", "ON_OR_AFTER")]),
    "tonight_tomorrow": ("今夜から明日にかけて大雨となる恐れがある。", D("2023-07-10"),
                         [("今夜", "TIME", "2023-07-10TNI"), ("明日", "DATE", "2023-07-11")]),
    "this_year_july": ("今年の夏は猛暑で、7月の平均気温は統計開始以来最も高かった。", D("2023-08-01"),
                       [("今年の夏", "DATE", "2023-SU"), ("7月", "DATE", "2023-07")]),
    "first_time_this_year": ("最高気温が30度を超えたのは今年初めて。", D("2023-06-10"), [("今年", "DATE", "2023", None)]),
    "next_autumn": ("選挙は来年秋にも行われる見通し。", D("2023-11-20"), [("来年秋", "DATE", "2024-FA")]),
    "last_year_december": ("日銀は昨年12月、長期金利の変動幅を拡大した。", D("2023-03-10"), [("昨年12月", "DATE", "2022-12")]),
    "within_year": ("政府は年内に結論を出す。", D("2023-09-05"), [("年内", "DATE", "2023")]),
    "fiscal_this": ("今年度の税収は過去最高となる見込みだ。", D("2024-02-01"), [("今年度", "DATE", "FY2023")]),
    # 同日/翌日/前日: the date the narrative is on
    "same_day_night": ("プーチン氏は2023年9月13日、金氏と会談した。同日夜には晩さん会が開かれた。", D("2023-09-20"),
                       [("同日夜", "TIME", "2023-09-13TNI")]),
    "previous_day": ("首脳会談は9月13日に行われた。前日には外相会談があった。", D("2023-09-20"),
                     [("前日", "DATE", "2023-09-12")]),
    "next_day": ("4月1日に施行された。翌日、混乱が広がった。", D("2023-04-10"), [("翌日", "DATE", "2023-04-02")]),
    "same_year": ("2019年に首脳会談を行い、同年6月にも会った。", D("2023-09-05"), [("同年6月", "DATE", "2019-06")]),
    "same_month": ("2022年2月24日に侵攻した。同月末には制裁が決まった。", D("2023-09-05"),
                   [("同月末", "DATE", "2022-02", "END")]),
    "clock_in_other_paragraph": ("2019年4月25日に会談した。\n到着は午後3時だった。", D("2023-09-05"),
                                 [("午後3時", "TIME", "2023-09-05T15:00")]),
    "clock_after_date": ("2019年4月25日午前、列車で到着した。午後3時に会談した。", D("2023-09-05"),
                         [("午後3時", "TIME", "2019-04-25T15:00")]),
    "today_in_a_quote": ("プーチン氏は月曜日、記者会見を開いた。\n「少なくとも今日はこんな感じだ」と語った。", D("2023-09-05"),
                         [("今日", "DATE", "2023-09-04")]),
    "today_in_a_quote_said_today": ("首相は5日、「今日は重要な日だ」と述べた。", D("2023-09-05"), [("今日", "DATE", "2023-09-05")]),
    "today_in_a_quote_long_ago": ("2019年4月25日に会談した。首相は「今日は晴れだ」と述べた。", D("2023-09-05"),
                                  [("今日", "DATE", "2023-09-05")]),
    # ranges
    "range_days": ("会議は19日から21日まで開かれる。", D("2023-09-05"),
                   [("19日", "DATE", "2023-09-19"), ("21日", "DATE", "2023-09-21")]),
    "range_tilde": ("9月5～6日に開催した。", D("2023-09-10"), [("9月5", "DATE", "2023-09-05"), ("6日", "DATE", "2023-09-06")]),
    "range_years": ("2018年から2019年にかけて5回会談した。", D("2023-09-19"),
                    [("2018年", "DATE", "2018"), ("2019年", "DATE", "2019")]),
    "range_across_months": ("10月31日─11月1日に開かれた。", D("2023-11-05"),
                            [("10月31日", "DATE", "2023-10-31"), ("11月1日", "DATE", "2023-11-01")]),
    # 以来/以降/以前/ごろ
    "since": ("2019年以来初めての会談だ。", D("2023-09-05"), [("2019年", "DATE", "2019", "ON_OR_AFTER")]),
    "before": ("2019年以前の記録", D("2023-09-05"), [("2019年", "DATE", "2019", "ON_OR_BEFORE")]),
    "approx": ("9月5日ごろに到着した。", D("2023-09-10"), [("9月5日", "DATE", "2023-09-05", "APPROX")]),
    # fiscal years, quarters, seasons
    "fiscal_term": ("トヨタは8日、2024年3月期の純利益見通しを上方修正した。", D("2023-11-09"),
                    [("8日", "DATE", "2023-11-08"), ("2024年3月期", "DATE", "FY2023")]),
    "quarter_months": ("7～9月期の実質GDPは年率2.1%減となった。", D("2023-11-15"), [("7～9月期", "DATE", "2023-Q3")]),
    "quarter_year": ("2023年10～12月期の決算", D("2024-02-10"), [("2023年10～12月期", "DATE", "2023-Q4")]),
    "fiscal_half": ("2023年度上期の売上高は過去最高だった。", D("2023-11-01"), [("2023年度上期", "DATE", "FY2023-H1")]),
    "season": ("新製品は2023年夏に発売された。", D("2023-11-01"), [("2023年夏", "DATE", "2023-SU")]),
    "season_relative": ("昨秋から値上げが続いている。", D("2023-03-01"), [("昨秋", "DATE", "2022-FA")]),
    "new_year_early": ("来年早々に解散する可能性がある。", D("2023-11-01"), [("来年早々", "DATE", "2024", "START")]),
    # times of day
    "typhoon_landfall": ("台風7号は15日午前5時前、和歌山県に上陸した。", D("2023-08-15"),
                         [("15日午前5時", "TIME", "2023-08-15T05:00")]),
    "kickoff": ("決勝は20日午後7時(日本時間21日午前8時)から行われる。", D("2023-03-19"),
                [("20日午後7時", "TIME", "2023-03-20T19:00"), ("21日午前8時", "TIME", "2023-03-21T08:00")]),
    "pre_dawn": ("JAXAは2024年1月20日未明、月面着陸に成功した。", D("2024-01-22"),
                 [("2024年1月20日未明", "TIME", "2024-01-20TMO")]),
    "colon_clock": ("速報は20:22に配信された。", D("2023-09-05"), [("20:22", "TIME", "2023-09-05T20:22")]),
    "half_past": ("5日午後3時半に始まった。", D("2023-09-06"), [("5日午後3時半", "TIME", "2023-09-05T15:30")]),
    # durations and sets
    "past_months": ("過去17カ月で最も多かった。", D("2023-09-12"), [("過去17カ月", "DURATION", "P17M")]),
    "about_a_week": ("約1週間後の9月17日に訪問は終了した。", D("2023-09-19"),
                     [("約1週間", "DURATION", "P1W", "APPROX"), ("9月17日", "DATE", "2023-09-17")]),
    "more_than": ("国境は3年以上閉鎖されていた。", D("2023-09-12"), [("3年以上", "DURATION", "P3Y", "MORE_THAN")]),
    "within_days": ("数日以内に会談する。", D("2023-09-12"), [("数日以内", "DURATION", "PXD", "EQUAL_OR_LESS")]),
    "hours_minutes": ("会談は1時間30分に及んだ。", D("2023-09-12"), [("1時間30分", "DURATION", "PT1H30M")]),
    "years_since": ("チームは3年ぶり5度目の優勝を果たした。", D("2023-08-23"), [("3年", "DURATION", "P3Y")]),
    "half_year": ("約3年半かけて小惑星に到着した。", D("2023-08-23"), [("約3年半", "DURATION", "P42M", "APPROX")]),
    "decades": ("ここ数十年で最悪だ。", D("2023-08-23"), [("ここ数十年", "DURATION", "PXDE")]),
    "days_ago": ("3日前に発表された。", D("2023-08-23"), [("3日", "DURATION", "P3D")]),
    "weekly": ("会合は毎週開かれる。", D("2023-08-23"), [("毎週", "SET", "P1W")]),
    "three_times_a_week": ("週に3回練習する。", D("2023-08-23"), [("週に3回", "SET", "P1W")]),
    "twice_a_year": ("年2回改定する。", D("2023-08-23"), [("年2回", "SET", "P1Y")]),
    # NHK-style kana, holidays, compound durations, short years, day pairs, fiscal periods
    "kana_this_year": ("ことし1月から値上げした。", D("2023-05-01"), [("ことし1月", "DATE", "2023-01")]),
    "new_years_day": ("元日に能登半島で地震があった。", D("2024-01-05"), [("元日", "DATE", "2024-01-01")]),
    "year_and_months": ("1年3カ月ぶりに再開した。", D("2023-05-01"), [("1年3カ月ぶり", "DURATION", "P1Y3M")]),
    "years_of_history": ("戦後78年の夏を迎えた。", D("2023-08-15"), [("78年", "DURATION", "P78Y")]),
    "fomc_two_days": ("次回会合は5月2、3両日に開く。", D("2023-03-22"),
                      [("5月2", "DATE", "2023-05-02"), ("3両日", "DATE", "2023-05-03")]),
    "days_earlier": ("平年より5日早く、昨年より1日遅い。", D("2023-07-14"),
                     [("5日早く", "DURATION", "P5D"), ("1日遅い", "DURATION", "P1D")]),
    "fiscal_quarter": ("2022年度第3四半期の決算", D("2023-02-10"), [("2022年度第3四半期", "DATE", "FY2022-Q3")]),
    "fiscal_first_half": ("2023年4～9月期連結決算", D("2023-11-10"), [("2023年4～9月期", "DATE", "FY2023-H1")]),
    "planned_in_the_past": ("2月上旬を予定していた。", D("2023-03-31"), [("2月上旬", "DATE", "2023-02", "START")]),
    "heisei_gannen_kanji": ("平成元年に始まった。", D("2023-03-31"), [("平成元年", "DATE", "1989")]),
    "emperor_1989": ("天皇陛下は7日午前6時33分、崩御された。政府は同日午後、臨時閣議を開いた。", D("1989-01-08"),
                     [("7日午前6時33分", "TIME", "1989-01-07T06:33"), ("同日午後", "TIME", "1989-01-07TAF")]),
}


@pytest.mark.parametrize("sentence,dct,expected", CASES.values(), ids=CASES.keys())
def test_expressions_resolve_to_the_calendar(sentence, dct, expected):
    got = {(t.text, t.type, t.value, t.mod) for t in extract_timexes(sentence, dct)}
    got_nomod = {g[:3] for g in got}
    for exp in expected:
        if len(exp) == 4:
            assert exp in got, f"{exp} not in {sorted(got)}"
        else:
            assert exp in got_nomod, f"{exp} not in {sorted(got)}"


NOT_TEMPORAL = {
    "ordinal_day": "大会は第6日を迎えた。",
    "ordinal_session": "第103回全国高校野球選手権大会",
    "anniversary": "創立50周年を祝った。",
    "age": "24歳の男性",
    "ratio": "前年比3%増、前年同期比で2倍",
    "rate": "年率2.1%減",
    "newspaper": "毎日新聞の取材に応じた。",
    "statistic": "毎月勤労統計によると",
    "measurement": "7.18メートルを記録した。",
    "model_numbers": "Tu-160やi7-3770を搭載",
    "era_as_label": "令和の日本を考える",
    "fraction": "3分の1が反対した。",
    "enough": "十分な弾薬がない。",
    "temporarily": "一時的に停止した。",
    "score": "3-1で勝利した。",
    "typhoon_number": "台風7号が接近している。",
    "impossible_day": "2月30日に開かれた。",
    "impossible_month": "13月に開かれた。",
    "issue_number": "第5号を発行",
    "grade": "小学3年生が参加",
    "per_day": "1日あたり3人",
    "no_such_era_year": "平成45年9月に",
    "era_year_zero": "令和0年",
    "ordinal_day_of_event": "大会3日目の競技",
    "two_or_three_days": "2、3日かかる見込みだ。",
}


@pytest.mark.parametrize("sentence", NOT_TEMPORAL.values(), ids=NOT_TEMPORAL.keys())
def test_not_temporal(sentence):
    assert [t.text for t in extract_timexes(sentence, date(2023, 9, 5))] == []


def test_spans_index_the_raw_text():
    raw = "今日 2023 年 9 月 5 日 | 午後8時22分\r\n二〇二三年九月五日と２０２３年９月１３日"
    for t in extract_timexes(raw, date(2023, 9, 5)):
        assert raw[t.start:t.end] == t.text


def test_without_dct_partial_dates_stay_open():
    values = [t.value for t in extract_timexes("9月17日に訪問を終えた。", None)]
    assert values == ["XXXX-09-17"]


def test_calendar_interval_of_mid_month():
    (t,) = extract_timexes("9月中旬に会談する予定だ。", date(2023, 9, 5))
    assert (t.date_start, t.date_end, t.granularity) == (date(2023, 9, 11), date(2023, 9, 20), "month")


def test_offset_points_to_its_date():
    (t,) = extract_timexes("3日前に発表された。", date(2023, 8, 23))
    assert t.points_to == "2023-08-20"
