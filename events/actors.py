"""Actors stage: a document's raw text → actor mentions (people, countries, organisations) with
English canonical names, using a curated gazetteer (events/data/actors_*.tsv), document context
for short forms (金氏, パンダ氏, 同氏) and janome only around names the gazetteer lacks.

Policy (recall vs precision, written down once):
- A country counts where it is named (ロシア, 露, 米韓, 訪朝), where its seat of government is used
  for it (ワシントンは…, モスクワと平壌), and where a state body or a role title carries its name
  (米財務省 → US Treasury + United States; ロシア大統領 → Vladimir Putin + Russia). A leader named
  without the country (プーチン大統領) does not add the country. Purely geographic uses are not
  counted where the text shows them (日本海, 中国地方, 北京に停車, ワシントン州).
- A role title after a country names the holder on the article's date (`on=`), or, without a date,
  the holder of that role who is named elsewhere in the same document; otherwise only the country.
- Short forms (金氏, 金, キム氏, パンダ氏, a surname + title) map to the full name seen in the same
  document (the nearest before, else the first after); 同氏 is the person named last.
- Unknown people get their Japanese name as canonical name (セルゲイ・ショイグ style names, a
  name before 氏/さん/大統領/報道官…, a kanji name with a katakana reading in brackets).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from .model import Actor, ActorMention

DATA_DIR = Path(__file__).parent / "data"

KATAKANA = "ァ-ヴー"
KANJI = "一-龥々〆ヶ"
_IS_KATAKANA = re.compile(f"[{KATAKANA}]")
_IS_KANJI = re.compile(f"[{KANJI}]")
_IS_LATIN = re.compile(r"[A-Za-z0-9]")
# Full-width ASCII → ASCII, one character for one, so offsets stay those of the raw text.
_FOLD = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20

# Honorifics and titles that follow a person's name; the title is not part of the name.
PERSON_TITLES = (
    "氏 さん 様 君 大統領 副大統領 首相 副首相 総理 総理大臣 国家主席 主席 総統 総書記 書記長 第1書記 "
    "委員長 副委員長 国務長官 国防長官 官房長官 長官 副長官 報道官 大臣 外相 国防相 防衛相 財務相 蔵相 "
    "法相 経済相 内相 経産相 厚労相 文科相 農相 農水相 環境相 国交相 総務相 外務相 外交部長 国防部長官 "
    "大使 議員 上院議員 下院議員 知事 市長 町長 村長 区長 社長 会長 副社長 最高経営責任者 CEO 頭取 "
    "総裁 副総裁 事務総長 事務局長 局長 部長 所長 院長 学長 教授 准教授 研究員 記者 特派員 監督 選手 "
    "投手 捕手 内野手 外野手 主将 容疑者 被告 元帥 将軍 司令官 議長 副議長 幹事長 党首 代表 顧問 "
    "弁護士 医師 特使 補佐官 国王 女王 皇太子 師 元首相 元大統領 前大統領 前首相"
).split()
_TITLE_RE = re.compile("|".join(sorted(map(re.escape, PERSON_TITLES), key=len, reverse=True)))
# A title followed by these is a different word (大統領選, 大統領府, 首相官邸).
_TITLE_NOT_BEFORE = tuple("選府官令候職邸補経夫")

# After a one-character country prefix (米, 露, 韓…): the words that make it a country mention.
_PREFIX_HEADS = (
    "大統領 副大統領 首相 政府 政権 軍 当局 外相 国防相 国務長官 国防長官 国防総省 国務省 財務省 商務省 "
    "外務省 国防省 大使 大使館 紙 誌 メディア 企業 議会 上院 下院 高官 側 首脳 海軍 空軍 陸軍 中央銀行 "
    "主導 製 産 株 市場 経済 国内 国民 世論 当局者 情報機関 艦 兵 空母 中間選挙 大統領選"
).split()
_PREFIX_HEAD_RE = re.compile("|".join(sorted(map(re.escape, _PREFIX_HEADS), key=len, reverse=True)))
# Before a one-character country: 訪米, 対中, 駐日, 在韓, 親露, 反米, 来日, 渡米, 全米.
_PREFIX_TRIGGERS = set("訪対駐在親反来渡滞離全")
# What may follow a compound such as 日米, 米韓, 中朝 (relations, summits) besides non-kanji.
_RELATION_HEADS = (
    "関係 首脳 会談 外相 外務 国防 防衛 両国 間 協議 対話 対立 摩擦 貿易 同盟 合意 共同 友好 交渉 協力 戦略 "
    "経済 国交 連携 対決 軍事 演習 首相 首脳会談 安保 安全保障 外交 通商 境界 国境 統一 交流 関税 "
    "韓 朝 米 中 日 露 英 仏 独 印 豪"
).split()
_RELATION_RE = re.compile("|".join(sorted(map(re.escape, _RELATION_HEADS), key=len, reverse=True)))
# Two-character compounds that are ordinary words (日中 = daytime, 中日 = Chunichi, 朝日, 中米).
_AMBIGUOUS_COMPOUNDS = {"日中", "中日", "朝日", "中米"}
# After a seat of government (ワシントン, モスクワ…): uses that mean the government, not the place.
_SEAT_AFTER = re.compile(r"(?:は|が|も|と|、|,|・|側|政府|当局|指導部|から|間|$|\n)")
# ワシントンの…, モスクワの…: the government, unless a place noun follows (平壌の空港, 東京の気温).
_SEAT_OF = re.compile(r"の(?!(?:空港|駅|市|中心|郊外|近郊|街|通り|広場|大学|ホテル|病院|気温|天気|天候|"
                      r"住民|市民|市場|店|港|地下鉄|道路|北|南|東|西|周辺|一角|上空|大使館))")
# Organisation names the gazetteer lacks: a name ending in one of these.
_ORG_SUFFIXES = ("研究所 研究院 研究センター 大学 大学院 財団 協会 委員会 銀行 新聞社 通信社 新聞 機構 連盟 "
                 "裁判所 省 庁 局").split()
_STATE_ORG_SUFFIXES = ("省", "庁", "局", "委員会")
_ORG_RUN = re.compile(f"[{KANJI}{KATAKANA}・A-Za-z]{{2,}}?(?:"
                      + "|".join(sorted(map(re.escape, _ORG_SUFFIXES), key=len, reverse=True)) + ")")
# Heads of those runs that make them generic (同委員会, 各省, 当局, 関係省庁, 放送局).
_GENERIC_ORG_PREFIX = set("同各両本当我自他新旧全諸某前元")
_GENERIC_ORG_WORDS = {"関係省庁", "省庁", "政府機関", "放送局", "事務局", "薬局", "郵便局", "支局", "本局", "当局",
                      "部局", "結局", "局", "大学", "委員会", "新聞", "センター", "グループ", "協会", "銀行",
                      "中央銀行", "研究所", "行政機構", "国家機構", "機構", "財団", "連盟", "裁判所", "地方裁判所",
                      "国立大学", "私立大学", "大学院", "通信社", "新聞社", "研究センター", "ショッピングセンター",
                      "防災センター", "サービスセンター", "コールセンター", "市局", "警察庁", "実行委員会",
                      "選挙管理委員会", "教育委員会", "第三者委員会", "調査委員会", "委員会", "特別委員会",
                      "中央委員会", "常任委員会"}
_GENERIC_ORG_HEADS = ("国営", "国立", "政府系", "関係", "地元", "地方", "各国", "大手")
_KATA_NAME = re.compile(f"[{KATAKANA}]{{2,}}(?:[・=＝][{KATAKANA}]{{1,}})+")
_READING = re.compile(f"([{KANJI}]{{2,4}})[(（]([{KATAKANA}]+(?:・[{KATAKANA}]+)+)[)）]")
_ORG_WORD_TAIL = ("センター", "グループ", "タイムズ", "ポスト", "ニュース", "ジャーナル", "カンパニー",
                  "ホールディングス", "インスティテュート", "システムズ", "モーターズ", "エアラインズ", "バンク",
                  "コーポレーション", "テレビ", "ラジオ", "ネットワーク", "プラットフォームズ", "クラブ", "ファンド")
_ANAPHORA_WORDS = {"同氏": ("person", 1), "同国": ("country", 1), "同紙": ("organisation", 1),
                   "同社": ("organisation", 1), "同通信": ("organisation", 1), "両国": ("country", 2),
                   "両首脳": ("person", 2), "両氏": ("person", 2)}
_ANAPHORA = re.compile("|".join(sorted(_ANAPHORA_WORDS, key=len, reverse=True)))
_DIRECTIONAL = {"西側", "東側"}
_PARTICLE_AFTER_BARE = set("はがのともにをへや、。」")
_BARE_SURNAME_BLOCK = set("曜属利額融庫貨塊銭銀属")  # 金曜, 金属, 金利, 金額, 金融, 金庫…


@dataclass(frozen=True)
class _Role:
    country: str
    role: str
    canonical: str
    start: date | None
    end: date | None


@dataclass
class _Gazetteer:
    actors: dict[str, Actor]
    surface_to: dict[str, str]  # alias → canonical; "" for stop words
    country_of: dict[str, str]  # actor → its country
    state_body: set[str]  # organisations whose name carries a country (米財務省)
    seats: dict[str, str]  # ワシントン → United States
    abbrev: dict[str, str]  # 米 → United States
    surnames: dict[str, list[str]]  # 金 → [Kim Jong Un, …]
    roles: list[_Role]
    titles: dict[str, str]  # 大統領 → president
    pattern: re.Pattern
    title_pattern: re.Pattern


def _rows(name: str) -> list[list[str]]:
    path = DATA_DIR / name
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.append([cell.strip() for cell in line.split("\t")])
    return out


def _cell(row: list[str], i: int) -> str:
    return row[i] if i < len(row) else ""


def _split(cell: str) -> list[str]:
    return [a for a in (x.strip() for x in cell.split("|")) if a]


def _trie_regex(words: list[str]) -> re.Pattern:
    """One regex for many literals, built as a trie so sre stays fast and greedy = longest match."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
        return body

    return re.compile(build(trie))


def _parse_date(s: str) -> date | None:
    return date.fromisoformat(s) if s else None


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    actors: dict[str, Actor] = {}
    surface_to: dict[str, str] = {}
    country_of: dict[str, str] = {}
    state_body: set[str] = set()
    seats: dict[str, str] = {}
    abbrev: dict[str, str] = {}
    surnames: dict[str, list[str]] = {}

    def add(canonical: str, display: str, kind: str, aliases: list[str]) -> None:
        names = [display] + [a for a in aliases if a != display]
        actors[canonical] = Actor(canonical, display, kind, tuple(names))
        for alias in names:
            surface_to.setdefault(alias, canonical)

    for row in _rows("actors_countries.tsv"):
        canonical, display = row[0], row[1]
        add(canonical, display, "country", _split(_cell(row, 2)))
        if _cell(row, 3):
            abbrev[_cell(row, 3)] = canonical
        for seat in _split(_cell(row, 4)):
            seats[seat] = canonical
    for row in _rows("actors_people.tsv"):
        canonical = row[0]
        add(canonical, row[1], "person", _split(_cell(row, 2)))
        if _cell(row, 3):
            country_of[canonical] = _cell(row, 3)
        for surname in _split(_cell(row, 4)):
            surnames.setdefault(surname, []).append(canonical)
    for row in _rows("actors_organisations.tsv"):
        canonical = row[0]
        add(canonical, row[1], "organisation", _split(_cell(row, 2)))
        if _cell(row, 3):
            country_of[canonical] = _cell(row, 3)
        if _cell(row, 4) == "y":
            state_body.add(canonical)
    for row in _rows("actors_stopwords.tsv"):
        surface_to[row[0]] = ""
    roles = [_Role(r[0], r[1], r[2], _parse_date(_cell(r, 3)), _parse_date(_cell(r, 4)))
             for r in _rows("actors_roles.tsv")]
    for role in roles:
        if role.canonical not in actors:
            raise ValueError(f"actors_roles.tsv names an unknown actor: {role.canonical}")
    titles = {r[0]: r[1] for r in _rows("actors_titles.tsv")}
    words = list(surface_to) + list(seats)
    return _Gazetteer(actors, surface_to, country_of, state_body, seats, abbrev, surnames, roles, titles,
                      _trie_regex(words), _trie_regex(list(titles)))


# janome is slow to load and to run: one tokenizer for the process, used only on short runs.
_TOKENIZER = None


def _tokenizer():
    global _TOKENIZER
    if _TOKENIZER is None:
        from janome.tokenizer import Tokenizer
        _TOKENIZER = Tokenizer()
    return _TOKENIZER


@lru_cache(maxsize=4096)
def _pos(run: str) -> tuple[tuple[str, str], ...]:
    return tuple((t.surface, t.part_of_speech) for t in _tokenizer().tokenize(run))


def actor_catalog() -> dict[str, Actor]:
    """Canonical name → Actor for every gazetteer entry, e.g. "Kim Jong Un" → 金正恩 (person)."""
    return dict(_gazetteer().actors)


def actors_in_span(mentions: list[ActorMention], start: int, end: int) -> list[str]:
    """Canonical names of the mentions inside [start, end), deduplicated in order of first appearance."""
    seen: dict[str, None] = {}
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        if start <= m.start and m.end <= end:
            seen.setdefault(m.canonical, None)
    return list(seen)


@dataclass
class _Found:
    start: int
    end: int
    canonical: str
    display: str
    kind: str
    priority: int  # higher wins an overlap: gazetteer 3, role 2, heuristics 1


class _Doc:
    """Working state for one document."""

    def __init__(self, raw: str, on: date | None):
        self.raw = raw
        self.text = raw.translate(_FOLD)
        self.on = on
        self.gaz = _gazetteer()
        self.found: list[_Found] = []
        self.covered = bytearray(len(raw))  # 1 where a gazetteer or stop-word match lies
        self.international = False  # does the document name two or more countries?

    # -- helpers -------------------------------------------------------------------------
    def char(self, i: int) -> str:
        return self.text[i] if 0 <= i < len(self.text) else ""

    def add(self, start: int, end: int, canonical: str, kind: str, priority: int, display: str = "") -> None:
        actor = self.gaz.actors.get(canonical)
        self.found.append(_Found(start, end, canonical, display or (actor.display if actor else canonical),
                                 actor.kind if actor else kind, priority))

    def is_free(self, start: int, end: int) -> bool:
        return not any(self.covered[start:end])

    def cover(self, start: int, end: int) -> None:
        self.covered[start:end] = b"\x01" * (end - start)

    # -- steps ----------------------------------------------------------------------------
    def scan_gazetteer(self) -> None:
        gaz, text = self.gaz, self.text
        countries = {gaz.surface_to.get(m) or gaz.seats.get(m) for m in gaz.pattern.findall(text)} & {
            c for c, a in gaz.actors.items() if a.kind == "country"}
        self.international = len(countries) >= 2
        pos, n = 0, len(text)
        pattern = gaz.pattern
        while pos < n:
            m = pattern.search(text, pos)
            if not m:
                break
            s, e = m.start(), m.end()
            if e == s:
                pos = s + 1
                continue
            surface = m.group()
            if not self._boundary_ok(s, e, surface):
                pos = s + 1
                continue
            self.cover(s, e)
            pos = e
            if surface in gaz.seats and surface not in gaz.surface_to:
                if not (_IS_KANJI.match(self.char(e)) or _IS_KATAKANA.match(self.char(e))) \
                        and (_SEAT_AFTER.match(text, e) or (_SEAT_OF.match(text, e) and self.international)):
                    self.add(s, e, gaz.seats[surface], "country", 3)
                continue
            canonical = gaz.surface_to[surface]
            if not canonical:
                continue  # stop word
            if surface in _DIRECTIONAL and self.char(s - 1) == "の":
                continue  # 建物の西側: a direction, not the West
            self.add(s, e, canonical, "", 3)
            kind = gaz.actors[canonical].kind
            if kind == "organisation" and canonical in gaz.state_body:
                self._country_inside(s, e, canonical)

    def _boundary_ok(self, s: int, e: int, surface: str) -> bool:
        before, after = self.char(s - 1), self.char(e)
        if _IS_KATAKANA.match(surface[0]) and before and _IS_KATAKANA.match(before):
            return False
        if _IS_KATAKANA.match(surface[-1]) and after and _IS_KATAKANA.match(after):
            return False
        if _IS_LATIN.match(surface[0]) and before and _IS_LATIN.match(before):
            return False
        if _IS_LATIN.match(surface[-1]) and after and _IS_LATIN.match(after):
            return False
        return True

    def _country_inside(self, s: int, e: int, canonical: str) -> None:
        """米財務省, 中国外務省: the state body's name carries its country, which counts too."""
        country = self.gaz.country_of.get(canonical)
        if not country:
            return
        surface = self.text[s:e]
        for alias in self.gaz.actors[country].aliases + tuple(k for k, v in self.gaz.abbrev.items() if v == country):
            if surface.startswith(alias) and len(alias) < len(surface):
                self.add(s, s + len(alias), country, "country", 2)
                return

    def scan_abbreviations(self) -> None:
        """日米, 米韓, 中朝 (both countries), 訪朝, 対中, 米大統領, 露外相: one-character country names."""
        abbrev = self.gaz.abbrev
        chars = "".join(abbrev)
        text = self.text
        korea = any(f.canonical in ("North Korea", "South Korea") for f in self.found)
        for m in re.finditer(f"[{re.escape(chars)}]+|南北", text):
            s, e = m.start(), m.end()
            if not self.is_free(s, e):
                # trim to the free part (米 before a covered 中間選挙)
                while e > s and self.covered[e - 1]:
                    e -= 1
                while s < e and self.covered[s]:
                    s += 1
                if s >= e or not self.is_free(s, e):
                    continue
            word = text[s:e]
            before, after_pos = self.char(s - 1), e
            if word == "南北":
                if korea and not _IS_KANJI.match(before) and (
                        _RELATION_RE.match(text, e) or not _IS_KANJI.match(self.char(e))):
                    self.add(s, s + 1, "South Korea", "country", 2)
                    self.add(s + 1, e, "North Korea", "country", 2)
                continue
            if before in _PREFIX_TRIGGERS:
                # 訪米中 is "during the visit to the US": only the first character is a country.
                self.add(s, s + 1, abbrev[word[0]], "country", 2)
                if len(word) > 1 and (_RELATION_RE.match(text, e) or _PREFIX_HEAD_RE.match(text, e)) \
                        and len(word) > 2:
                    for i in range(s + 1, e):
                        self.add(i, i + 1, abbrev[text[i]], "country", 2)
                continue
            if before and _IS_KANJI.match(before):
                continue  # 北米, 欧米, 新米, 暴露, 披露, 単独
            if len(word) == 1:
                if word in "日中朝":
                    continue  # only with a trigger (訪日, 対中, 訪朝): too common as words
                if _PREFIX_HEAD_RE.match(text, after_pos):
                    self.add(s, e, abbrev[word], "country", 2)
                continue
            if len(word) > 4:
                continue
            ok = not _IS_KANJI.match(self.char(e)) or _RELATION_RE.match(text, e) or _PREFIX_HEAD_RE.match(text, e)
            if word in _AMBIGUOUS_COMPOUNDS:
                ok = bool(_RELATION_RE.match(text, e))
            if not ok and len(word) > 2 and word[-1] in "日中":
                # 米中間, 訪日中: the last character belongs to the next word
                word, e = word[:-1], e - 1
                ok = word not in _AMBIGUOUS_COMPOUNDS
            if ok:
                if len(set(word)) != len(word):
                    continue
                for i in range(s, e):
                    self.add(i, i + 1, abbrev[text[i]], "country", 2)

    def scan_roles(self) -> None:
        """ロシア大統領, 露大統領, 韓国の防衛大臣, 北朝鮮の指導者 → the holder (+ the country already found)."""
        text = self.text
        named = {f.canonical for f in self.found if f.kind == "person"}
        country_ends = {g.end for g in self.found if g.kind == "country"}
        country_starts = {g.start for g in self.found if g.kind == "country"}
        for f in list(self.found):
            if f.kind != "country":
                continue
            if f.start in country_ends or f.end in country_starts:
                continue  # 米朝首脳会談: a compound, not a role of one country
            pos = f.end
            if text.startswith("の", pos):
                pos += 1
            m = self.gaz.title_pattern.match(text, pos)
            if not m or not self.is_free(m.start(), m.end()):
                continue
            if self.char(m.end()) in _TITLE_NOT_BEFORE or text.startswith("夫人", m.end()):
                continue
            role = self.gaz.titles[m.group()]
            holder = self._holder(f.canonical, role, named)
            if holder:
                self.add(m.start(), m.end(), holder, "person", 2)
                self.cover(m.start(), m.end())

    def _holder(self, country: str, role: str, named: set[str]) -> str | None:
        candidates = [r for r in self.gaz.roles if r.country == country and r.role == role]
        if not candidates and role == "leader":
            candidates = [r for r in self.gaz.roles if r.country == country and r.role in ("president", "prime_minister")]
        if self.on is not None:
            for r in candidates:
                if (r.start is None or r.start <= self.on) and (r.end is None or self.on <= r.end):
                    return r.canonical
            return None
        in_doc = [r.canonical for r in candidates if r.canonical in named]
        if in_doc:
            return in_doc[0]
        timeless = [r.canonical for r in candidates if r.start is None and r.end is None]
        return timeless[0] if len(timeless) == 1 else None

    def scan_readings(self) -> dict[str, str]:
        """李炳哲(リ・ピョンチョル): the kanji name is a person, the reading an alias of it."""
        readings: dict[str, str] = {}
        for m in _READING.finditer(self.text):
            kanji, reading = m.group(1), m.group(2)
            s = m.start(1)
            canonical = self.gaz.surface_to.get(kanji) or self.gaz.surface_to.get(reading) or kanji
            if not self.is_free(m.start(1), m.end(1)):
                continue
            self.add(s, m.end(1), canonical, "person", 1)
            self.add(m.start(2), m.end(2), canonical, "person", 1)
            self.cover(m.start(1), m.end(1))
            self.cover(m.start(2), m.end(2))
            readings[reading] = canonical
            for part in reading.split("・"):
                readings.setdefault(part, canonical)
        return readings

    def scan_katakana_names(self, readings: dict[str, str]) -> None:
        """セルゲイ・ショイグ, アンキット・パンダ: katakana names joined by ・."""
        gaz, text = self.gaz, self.text
        for m in _KATA_NAME.finditer(text):
            s, e = m.start(), m.end()
            name = m.group()
            parts = re.split("[・=＝]", name)
            inner = [f for f in self.found if f.start >= s and f.end <= e]
            if any(f.kind != "person" for f in inner):
                continue  # ロシア・ウクライナ, ボスニア・ヘルツェゴビナ
            known = [f for f in inner if f.kind == "person"]
            if known and not (known[0].start == s and known[0].end == e):
                # ウラジミル・プーチン: a variant spelling of a known person
                canonical = known[0].canonical
                self.found = [f for f in self.found if f not in known]
                self.add(s, e, canonical, "person", 3)
                self.cover(s, e)
                continue
            if known or not self.is_free(s, e):
                continue
            if name in readings:
                continue
            after = text[e:e + 12]
            if any(name.endswith(t) for t in _ORG_WORD_TAIL) or after.startswith(("紙", "社", "通信", "誌")):
                self.add(s, e, name, "organisation", 1)
                self.cover(s, e)
                continue
            if any(len(p) < 2 for p in parts) and not _TITLE_RE.match(text, e):
                continue
            if not _TITLE_RE.match(text, e) and self._common_katakana(parts[0]):
                continue
            canonical = next((gaz.surface_to[p] for p in reversed(parts)
                              if p in gaz.surface_to and gaz.surface_to[p]
                              and gaz.actors[gaz.surface_to[p]].kind == "person"), name)
            self.add(s, e, canonical, "person", 1, display=name if canonical == name else "")
            self.cover(s, e)

    @staticmethod
    def _common_katakana(word: str, strict: bool = True) -> bool:
        """A dictionary word (チーム, タウン); with strict=False also place and body names (キャンプ)."""
        tokens = _pos(word)
        if len(tokens) != 1:
            return False
        pos = tokens[0][1]
        return pos.startswith("名詞,一般") or (not strict and pos.startswith("名詞,") and "人名" not in pos)

    def scan_titled_names(self, readings: dict[str, str]) -> None:
        """A name before 氏/さん/大統領/報道官… that the gazetteer lacks; short forms via document context."""
        text = self.text
        doc_parts = {p for f in self.found if f.kind == "person"
                     for p in re.split("[・=＝]", self.raw[f.start:f.end]) if len(p) >= 2}
        for m in _TITLE_RE.finditer(text):
            ts = m.start()
            if self.char(m.end()) in _TITLE_NOT_BEFORE and m.group() != "氏":
                continue
            if not self.is_free(ts, m.end()) and m.group() not in ("氏", "さん"):
                continue
            # the run just before the title
            k = ts
            cls = _IS_KATAKANA if _IS_KATAKANA.match(self.char(ts - 1)) else _IS_KANJI
            while k > 0 and cls.match(self.char(k - 1)) and not self.covered[k - 1] and ts - k < 8:
                k -= 1
            if k == ts:
                continue
            run = text[k:ts]
            if cls is _IS_KATAKANA and self.char(k - 1) == "・":
                continue  # part of a ・ name already handled
            if text[k - 1:k] and text[k - 1] in "同両各":
                continue
            if run in readings:
                self.add(k, ts, readings[run], "person", 1)
                self.cover(k, ts)
                continue
            if cls is _IS_KATAKANA:
                if len(run) < 2 or (run not in doc_parts and self._common_katakana(run, strict=False)):
                    continue
                self._short_or_new(k, ts, run, run)
            else:
                name_start = self._kanji_name_start(run)
                if name_start is None:
                    continue
                name = run[name_start:]
                self._short_or_new(k + name_start, ts, name, name)

    def _kanji_name_start(self, run: str) -> int | None:
        """Where a person's name starts in a kanji run before a title (janome's 人名 tags), or None."""
        if len(run) == 1:
            return 0 if run in self.gaz.surnames else None
        tokens = _pos(run)
        offset = 0
        for i, (surface, pos) in enumerate(tokens):
            if pos.startswith("名詞,固有名詞,人名"):
                rest = tokens[i + 1:]
                name_len = len("".join(t for t, _ in tokens[i:]))
                names_only = all(p.startswith("名詞,固有名詞,人名") or len(t) <= 2 for t, p in rest)
                if name_len <= 4 and names_only:
                    return offset
                return None
            offset += len(surface)
        return None

    def _short_or_new(self, s: int, e: int, run: str, display: str) -> None:
        self.add(s, e, "\x00short:" + run, "person", 1, display=display)
        self.cover(s, e)

    def scan_bare_surnames(self) -> None:
        """金 alone (金は, 金と) means the Kim named in this document; 資金, 金属, 金曜 do not."""
        people = {f.canonical for f in self.found if f.kind == "person"}
        text = self.text
        for surname, owners in self.gaz.surnames.items():
            if len(surname) != 1 or not any(o in people for o in owners):
                continue
            for m in re.finditer(re.escape(surname), text):
                s, e = m.start(), m.end()
                if not self.is_free(s, e):
                    continue
                before, after = self.char(s - 1), self.char(e)
                if _IS_KANJI.match(before) or after in _BARE_SURNAME_BLOCK:
                    continue
                if after in _PARTICLE_AFTER_BARE or after == "" or after.isspace():
                    self._short_or_new(s, e, surname, surname)

    def scan_bare_family_names(self) -> None:
        """ワトソンは…: the last part of a katakana full name (アドリアン・ワトソン) named earlier in the
        document, standing alone before a particle, is that person."""
        text = self.text
        family = {}
        for f in self.found:
            if f.kind != "person":
                continue
            parts = re.split("[・=＝]", self.raw[f.start:f.end])
            if len(parts) >= 2 and len(parts[-1]) >= 2 and _IS_KATAKANA.match(parts[-1][0]):
                family.setdefault(parts[-1], f.start)
        for name, first_seen in family.items():
            for m in re.finditer(re.escape(name), text):
                s, e = m.start(), m.end()
                if s <= first_seen or not self.is_free(s, e):
                    continue
                before, after = self.char(s - 1), self.char(e)
                if _IS_KATAKANA.match(before) or before in "・=＝" or after not in _PARTICLE_AFTER_BARE:
                    continue
                self._short_or_new(s, e, name, name)

    def scan_organisations(self) -> None:
        """国家宇宙科学技術委員会, 峨山公共政策研究所: named bodies the gazetteer lacks."""
        text = self.text
        for m in _ORG_RUN.finditer(text):
            s, e = m.start(), m.end()
            if not self.is_free(s, e):
                # keep a leading country (北朝鮮軍需産業局); restart after anything else covered
                blockers = [f.end for f in self.found if f.start < e and f.end > s and f.kind != "country"]
                if blockers:
                    s = max(blockers)
                if s >= e or self.covered[e - 1]:
                    continue
            name = text[s:e]
            if len(name) < 4 or name in _GENERIC_ORG_WORDS or name[0] in _GENERIC_ORG_PREFIX \
                    or name.startswith(_GENERIC_ORG_HEADS):
                continue
            nxt = self.char(e)
            if _IS_KANJI.match(nxt) and not (_TITLE_RE.match(text, e) or nxt in "長副"):
                continue  # 委員会室, 大学生: the suffix starts a longer word
            state = name.endswith(_STATE_ORG_SUFFIXES)
            if not state:
                self.found = [f for f in self.found if not (f.start >= s and f.end <= e)]
            self.add(s, e, name, "organisation", 1)
            self.cover(s, e)

    def scan_foreign_bodies(self) -> None:
        """北朝鮮外務省: a Japanese ministry name right after another country is that country's body."""
        by_end = {f.end: f for f in self.found if f.kind == "country"}
        out = []
        for f in self.found:
            prev = by_end.get(f.start)
            if (f.kind == "organisation" and prev is not None and f.priority == 3
                    and self.gaz.country_of.get(f.canonical) == "Japan" and prev.canonical != "Japan"):
                name = self.raw[prev.start:f.end]
                out.append(_Found(prev.start, f.end, name, name, "organisation", 3))
                continue
            out.append(f)
        self.found = out

    def scan_bare_government(self) -> None:
        """政府 with no country before it is Japan's government in a Japan-centred article."""
        counts: dict[str, int] = {}
        for f in self.found:
            if f.kind == "country":
                counts[f.canonical] = counts.get(f.canonical, 0) + 1
        if counts and max(counts, key=counts.get) != "Japan":
            return
        for m in re.finditer("政府", self.text):
            s = m.start()
            if s and (self.covered[s - 1] or _IS_KANJI.match(self.char(s - 1)) or _IS_KATAKANA.match(self.char(s - 1))):
                continue
            if not self.is_free(s, m.end()):
                continue
            self.add(s, m.end(), "Japan", "country", 1)
            self.cover(s, m.end())

    def _only_countries(self, s: int, e: int) -> bool:
        return all(f.kind == "country" for f in self.found if f.start < e and f.end > s)

    def resolve_short_forms(self, readings: dict[str, str]) -> None:
        """金氏, パンダ氏, プーチン氏 → the full name seen in the document (nearest before, else after)."""
        gaz = self.gaz
        full = sorted((f for f in self.found if f.kind == "person" and not f.canonical.startswith("\x00")),
                      key=lambda f: f.start)
        mentioned_countries = {f.canonical for f in self.found if f.kind == "country"}

        def parts_of(f: _Found) -> set[str]:
            names = {f.display, self.raw[f.start:f.end]}
            actor = gaz.actors.get(f.canonical)
            if actor:
                names.update(actor.aliases)
            out = set()
            for n in names:
                out.update(p for p in re.split("[・=＝]", n) if len(p) >= 2)
            out.update(s for s, owners in gaz.surnames.items() if f.canonical in owners)
            return out

        index = [(f.start, f.canonical, parts_of(f)) for f in full]
        starts = [i[0] for i in index]
        resolved = []
        for f in self.found:
            if not f.canonical.startswith("\x00short:"):
                resolved.append(f)
                continue
            run = f.canonical[len("\x00short:"):]
            canonical = None
            if run in gaz.surface_to and gaz.surface_to[run] and gaz.actors[gaz.surface_to[run]].kind == "person":
                canonical = gaz.surface_to[run]
            else:
                k = bisect.bisect_left(starts, f.start)
                before = [c for _, c, parts in reversed(index[:k]) if run in parts]
                after = [c for _, c, parts in index[k:] if run in parts]
                canonical = (before or after or [None])[0]
                if canonical is None and run in gaz.surnames:
                    owners = [o for o in gaz.surnames[run] if gaz.country_of.get(o) in mentioned_countries]
                    canonical = owners[0] if owners else None
                if canonical is None and len(run) == 1:
                    continue  # a lone surname character with nobody to refer to
            if canonical is None:
                canonical = run
            actor = gaz.actors.get(canonical)
            resolved.append(_Found(f.start, f.end, canonical, actor.display if actor else f.display,
                                   "person", f.priority))
        self.found = resolved

    def resolve_anaphora(self) -> None:
        """同氏 → the person named last; 同国 → the country; 同紙/同社 → the organisation;
        両国/両首脳/両氏 → the two countries or people named last."""
        text = self.text
        ordered = sorted(self.found, key=lambda f: f.start)
        starts = [f.start for f in ordered]
        added = []
        for m in _ANAPHORA.finditer(text):
            word = m.group()
            kind, count = _ANAPHORA_WORDS[word]
            k = bisect.bisect_left(starts, m.start())
            picked: list[_Found] = []
            for f in reversed(ordered[:k]):
                if f.kind == kind and f.canonical not in {p.canonical for p in picked}:
                    picked.append(f)
                    if len(picked) == count:
                        break
            if len(picked) == count:
                for f in picked:
                    added.append(_Found(m.start(), m.end(), f.canonical, f.display, kind, 0))
        self.found.extend(added)

    def mentions(self) -> list[ActorMention]:
        # drop overlaps: higher priority, then longer span wins; identical spans of different
        # actors (日米 gives one character each) are kept
        ordered = sorted(self.found, key=lambda f: (-f.priority, -(f.end - f.start), f.start))
        kept: list[_Found] = []
        taken = bytearray(len(self.raw))
        for f in ordered:
            if any(taken[f.start:f.end]) and not any(
                    (k.start <= f.start and f.end <= k.end and k.kind == "organisation" and f.kind == "country")
                    or (k.start == f.start and k.end == f.end and k.priority == f.priority == 0)
                    for k in kept):
                continue
            kept.append(f)
            taken[f.start:f.end] = b"\x01" * (f.end - f.start)
        kept.sort(key=lambda f: (f.start, f.end))
        return [ActorMention(f.start, f.end, self.raw[f.start:f.end], f.canonical, f.display, f.kind)
                for f in kept]


def find_actors(text: str, on: date | None = None) -> list[ActorMention]:
    """Every actor mention in a document's raw text, offsets into that text.

    `on` is the article's date; it lets a bare role title name its holder (韓国の防衛大臣 in June
    2024 → Shin Won-sik). Example: find_actors("プーチン大統領は金氏と会談した。") gives
    Vladimir Putin (プーチン) and, once 金正恩 is named in the document, Kim Jong Un (金).
    """
    if not isinstance(text, str):
        raise TypeError(f"find_actors expects the document text as str, not {type(text).__name__}")
    doc = _Doc(text, on)
    doc.scan_gazetteer()
    doc.scan_abbreviations()
    readings = doc.scan_readings()
    doc.scan_katakana_names(readings)
    doc.scan_roles()
    doc.scan_titled_names(readings)
    doc.scan_organisations()
    doc.scan_foreign_bodies()
    doc.scan_bare_government()
    doc.scan_bare_surnames()
    doc.scan_bare_family_names()
    doc.resolve_short_forms(readings)
    doc.resolve_anaphora()
    return doc.mentions()
