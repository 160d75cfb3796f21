"""Events stage: one analysed document (sentences, timexes, actors) → Event rows.

Extraction policy (recall vs precision, written down once):
- A *dated* event is a clause that carries a DATE or TIME anchored to the calendar (or a duration
  such as 3日前 that points to one). Durations alone, vague references (現在, 近いうちに) and the
  dates of a dateline or page header make no event. Two dated clauses in one sentence are two
  events, each summarised by its own clause.
- A *continuation* is a dateless sentence that goes on narrating the event of the sentence just
  before it: it opens with an anaphor (同氏は, 彼らは, その…), is the attribution or the quote of
  the same speaker (「…」と述べた), or names the same person or organisation in the same
  paragraph — and it has an event predicate (会談, 訪問, 述べた, 制裁 …). It becomes a mention
  of that event with anchor "previous" and joins its cluster. A sentence that opens with
  「その後」「…後、」 tells a *later* event: same date with mod AFTER, a cluster of its own.
- Dateless sentences elsewhere that restate a dated event (a headline, a summary paragraph, another
  article) are joined later, over the whole corpus, by events.link (anchor "linked").
Every other dateless sentence makes no event: a timeline row must be a statement of an event.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from datetime import date

from .calendar import interval
from .affiliation import people_with_surname
from .dct import edge_date_spans
from .model import ActorMention, Sentence, Timex
from .pipeline import Analysis

EXTRACTOR_VERSION = "events-2"
SUMMARY_MAX = 80

# Event predicates: surface → key. Two mentions of one event share a key (会談 / 会う → meet).
# Kept general (diplomacy, politics, business, disasters, sport), never the sample's topics only.
EVENT_KEYS: dict[str, tuple[str, ...]] = {
    "meet": ("首脳会談", "会談", "会合", "面会", "会見し", "会っ", "会う", "会い", "会え", "サミット", "首脳会議"),
    "visit": ("訪問", "訪れ", "訪朝", "訪ロ", "訪露", "訪米", "訪中", "訪韓", "訪日", "来日", "外遊", "訪欧"),
    "arrive": ("到着", "入国", "着い", "上陸", "停車", "入港", "寄港"),
    "depart": ("出発", "発っ", "出国"),
    "end": ("終了", "終え", "閉幕", "終わっ", "終わる", "帰国", "帰途", "別れ"),
    "start": ("開始", "開幕", "始まっ", "始め", "着手"),
    "announce": ("発表", "公表", "明らかにし", "明らかにす", "公開", "報告", "認め", "確認"),
    "say": ("述べ", "語っ", "語る", "話し", "付け加え", "強調", "表明", "指摘", "断じ", "主張", "訴え",
            "説明", "答え", "記者会見", "会見で", "発言"),
    "warn": ("警告", "脅し", "念を押", "懸念"),
    "criticise": ("非難", "批判", "抗議"),
    "sanction": ("制裁",),
    "supply": ("供給", "提供", "供与", "売却", "輸出", "送っ", "送る", "送り", "移転", "調達", "入手", "購入"),
    "attack": ("侵攻", "侵略", "攻撃", "空爆", "砲撃", "発射"),
    "negotiate": ("交渉", "協議", "調整", "話し合"),
    "agree": ("合意", "署名", "締結", "調印", "協定", "宣言", "決議"),
    "decide": ("閣議決定", "決定", "決め", "可決", "成立", "承認", "採択", "任命", "就任", "辞任"),
    "exercise": ("演習", "訓練", "派遣", "展開", "配備"),
    "inspect": ("視察", "見学", "案内", "ツアー", "鑑賞", "招待"),
    "results": ("決算", "増益", "減益", "黒字", "赤字", "売上", "利益", "業績", "上方修正", "下方修正"),
    "disaster": ("台風", "地震", "豪雨", "噴火", "津波", "被害", "避難", "浸水", "停電", "死者"),
    "contest": ("決勝", "優勝", "勝利", "敗れ", "破っ", "制し", "試合", "大会", "選挙", "当選"),
    "fail": ("失敗", "不調", "頓挫", "決裂", "中止", "延期"),
}
_KEY_OF = {surface: key for key, surfaces in EVENT_KEYS.items() for surface in surfaces}
_KEY_RE = re.compile("|".join(sorted(map(re.escape, _KEY_OF), key=len, reverse=True)))

# A clause ends after a predicate followed by a comma: 〜して、 〜しており、 〜したが、 〜して以来、
# (any kana of a verb or adjective form, not a case particle: 〜して、 〜したが、 〜し、 〜高く、 〜に先立ち、)
_CLAUSE_END = re.compile(r"(?:(?![はにをもへやでとのか])[ぁ-ゖ]|んで|ため|後|以来|以降|ところ|一方|ほか|など|ると|たと|だと)、")
# A clause that only reports what precedes it (…と、米国が発表した) keeps that content.
_QUOTATIVE_END = re.compile(r"(?:ると|たと|だと|いと|と)、$")
_LEADING_CONNECTIVE = re.compile(r"^(?:しかし|また|さらに|これにより|一方|だが|ただ|なお|そして|実際|特に|このため)、?")
_CAPTION = re.compile(r"[(（]写真[:：][^)）]*[)）]")

# Modality, decided on the clause's predicate (the text from the date to the clause end).
_DENIED = re.compile(r"(?:否定|否認|拒否|拒絶)(?:し|する|され|した)|(?:し|され|行わ|でき|れ|い)なかった|"
                     r"(?:し|され|行わ|い)ていない|ませんでした|ではない|しない(?:。|と|$)")
_PLANNED = re.compile(r"予定|計画|方針|目指|つもり|意向|見込んで|決める方向|調整して|方向で")
_EXPECTED = re.compile(r"見通し|見込み|可能性|とみられ|と見られ|予想|予測|恐れ|だろう|でしょう|かもしれない|"
                       r"見方|ようだ|模様|か[?？]")
_REPORTED = re.compile(r"と伝えられ|によると|によれば|と報じ|とされ|と言われ|という(?:。|$)|と伝え")
_PAST = re.compile(r"た(?:。|」|と|が|ため|$|、|後|の)|ていた|だった|でした|ました|(?:て|た)(?:以来|以降|後)")
_OBJECT_AFTER = re.compile(r"[^。]*?を")
_FUTURE = re.compile(r"(?:する|れる|なる|行う|開く|訪れる|迎える|向かう)(?:。|$|と|」)|ます(?:。|$)")
# Speech time: 今日/本日 inside 「」 is the day the speaker spoke, not the article's date.
_TODAY_WORDS = {"今日", "本日", "きょう"}

# Continuations: how a dateless sentence refers back to the one before it.
_ANAPHOR_START = re.compile(r"^(?:[「『]|同氏|同紙|同社|同国|同省|同局|同局|同チャンネル|同通信|彼ら?|彼女|"
                            r"両氏|両首脳|両国|その|この|これ|それ|また|さらに|会談|訪問)")
_SPEECH_VERB = re.compile(r"(?:と|とし、)(?:[^。]{0,40})(?:述べ|語っ|付け加え|強調し|明らかにし|伝え|説明し|話し)")
_AFTER_START = re.compile(r"^[^、。]{0,16}?(?:その後|後、|後に、|のあと、|の後、|以後、)")
_CONTRAST_START = re.compile(r"^(?:しかし|だが|ただ|一方|ところが|もっとも)")
PRONOUNS = re.compile(r"彼女|彼(?!ら)")  # 彼ら is a group: left unresolved
_SOURCE_AFTER = re.compile(r"(?:通信社?|紙|新聞|テレビ|放送|当局者?|報道官)?(?:の報道)?(?:によると|によれば|が報じ|は報じ|の報道では)")
# Predicates any speaker shares: matching on them alone needs the same person or organisation.
WEAK_KEYS = frozenset({"say", "announce", "warn", "criticise"})
_SPEECH_RE = re.compile("|".join(sorted((re.escape(s) for k in WEAK_KEYS for s in EVENT_KEYS[k]), key=len, reverse=True)))
# The subject of a statement: an actor (or 彼/彼女/同氏) with a title, then は/が: 「米当局者は」「ワトソンは」
_SUBJECT_AFTER = re.compile(r"(?:[一-龥]{0,5}(?:氏|官|相|長|者|府|省|庁|局|領|席|員|会))?(?:は|が)(?!ず)")
_PRONOUN_SUBJECT = re.compile(r"(?:彼女|彼|同氏)(?=は|が)")
_QUOTATIVE = re.compile(r"」と|と、|との|とし、")
_SURNAME_SUBJECT = re.compile(r"([ァ-ヶー]{2,})(?=(?:氏|報道官|長官)?(?:は|が))")
PERSONAL_KINDS = {"person"}


@dataclass(frozen=True)
class Event:
    """One event mention: a dated clause, or a dateless sentence joined to one (anchor previous/linked)."""

    event_id: str
    doc_id: str
    para_index: int
    sent_start: int
    sent_end: int
    timex_start: int  # the date's span; for a dateless mention an empty span at sent_start
    timex_end: int
    timex_text: str
    value: str
    mod: str | None
    date_start: date
    date_end: date
    granularity: str
    anchor: str  # explicit, dct, previous, linked, none
    modality: str
    actors: tuple[str, ...]
    summary: str
    sentence: str
    keys: frozenset[str] = frozenset()  # event predicates of the sentence (meet, visit, …)
    matching: tuple[tuple[str, float], ...] = ()  # actors of the sentence that take part (no 「…によると」 sources)
    head_keys: frozenset[str] = frozenset()  # predicates the date itself modifies (after it, in its clause)
    weights: tuple[tuple[str, float], ...] = ()  # actors of the clause with their weight
    kind: str = "dated"  # dated, continuation (joins `follows`), after (a later event), linked
    follows: str | None = None  # continuation / linked: event_id of the event it restates
    main: bool = True  # the date modifies the sentence's final predicate
    speaker: tuple[str, str, tuple[str, ...]] | None = None  # who makes the statement the date heads:
    # (canonical, kind, the bodies the article introduces them with: クレムリンのペスコフ報道官 → Kremlin)

    @property
    def dated(self) -> bool:
        return self.kind == "dated"


@dataclass(frozen=True)
class SentenceInfo:
    """A sentence with what later stages need: its actors (pronouns resolved) and predicates."""

    doc_id: str
    sentence: Sentence
    text: str
    actors: tuple[str, ...]
    weights: tuple[tuple[str, float], ...]
    keys: frozenset[str]
    matching: tuple[tuple[str, float], ...] = ()
    speaker: tuple[str, str, tuple[str, ...]] | None = None  # who makes the statement (述べた, 発表した), if any


def event_keys(text: str) -> frozenset[str]:
    """Event predicates of a text: 「金氏はプーチン氏と会談した」 → {"meet"}."""
    return frozenset(_KEY_OF[m.group()] for m in _KEY_RE.finditer(text))


def extract_events(a: Analysis) -> list[Event]:
    """Dated clauses and their continuations of one analysed document, in text order.

    「2019年に会談して以来、9月中旬に会談する予定だ。」 → two events (2019, occurred; 2023-09 MID, planned).
    """
    return events_and_sentences(a)[0]


def events_and_sentences(a: Analysis) -> tuple[list[Event], list[SentenceInfo]]:
    """(events, dateless sentences that may still restate an event elsewhere: for events.link)."""
    text = a.doc.text
    skip = edge_date_spans(text)
    kinds = _person_index(a.actors)
    by_sentence: dict[int, list[Event]] = {}
    for t in a.timexes:
        dated = _calendar_of(t)
        if dated is None or any(s <= t.start < e for s, e in skip):
            continue
        si = _sentence_of(a.sentences, t.start)
        if si is None:
            continue
        sent = a.sentences[si]
        by_sentence.setdefault(si, []).append(_dated_event(a, sent, t, dated, kinds))
    out: list[Event] = []
    rest: list[SentenceInfo] = []
    previous: list[Event] = []  # events of the sentence just before
    prev_para = -1
    hops = 0
    for si, sent in enumerate(a.sentences):
        if sent.end - sent.start < 3 and si not in by_sentence:
            continue  # a stray 「。」 between two sentences does not break the narrative
        evs = by_sentence.get(si)
        if evs:
            evs = _speech_time(a, sent, evs, out)
            out.extend(evs)
            previous, hops, prev_para = evs, 0, sent.para_index
            continue
        info = _sentence_info(a, sent, kinds)
        cont = _continuation(a, sent, info, previous, prev_para) if hops < 2 else None
        if cont is not None:
            out.append(cont)
            previous, hops, prev_para = [cont], hops + 1, sent.para_index
            if info.keys and info.actors:
                rest.append(info)  # it may restate a second event too (events.link)
            continue
        if info.keys and info.actors:
            rest.append(info)
        previous, prev_para = [], sent.para_index
    return out, rest


def _sentence_of(sentences: list[Sentence], pos: int) -> int | None:
    lo, hi = 0, len(sentences) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s = sentences[mid]
        if pos < s.start:
            hi = mid - 1
        elif pos >= s.end:
            lo = mid + 1
        else:
            return mid
    return None


def _calendar_of(t: Timex):
    if t.type in ("DATE", "TIME") and t.on_calendar:
        return t.value, t.mod, t.date_start, t.date_end, t.granularity
    if t.type == "DURATION" and t.points_to:
        span = interval(t.points_to)
        if span:
            return t.points_to, None, span[0], span[1], span[2]
    return None


def _person_index(mentions: list[ActorMention]) -> list[ActorMention]:
    return sorted(mentions, key=lambda m: m.start)


def _weight(kind: str) -> float:
    return {"person": 2.0, "organisation": 1.5}.get(kind, 1.0)


def _actors_between(a: Analysis, mentions: list[ActorMention], start: int, end: int,
                    sources: bool = True) -> list[tuple[str, float]]:
    """Actors inside [start, end) with weights; 彼/彼女 → the person named last before them.
    sources=False leaves out who merely reports the event (「タス通信によると」)."""
    seen: dict[str, float] = {}
    text = a.doc.text
    captions = [(c.start(), c.end()) for c in _CAPTION.finditer(text, start, end)] if not sources else []
    for m in mentions:
        if m.start >= end:
            break
        if start <= m.start:
            if not sources and (_SOURCE_AFTER.match(text, m.end) or any(s <= m.start < e for s, e in captions)):
                continue
            seen.setdefault(m.canonical, _weight(m.kind))
    for p in PRONOUNS.finditer(text, start, end):
        person = next((m for m in reversed(mentions) if m.end <= p.start() and m.kind == "person"), None)
        if person is not None:
            seen.setdefault(person.canonical, 2.0)
    return list(seen.items())


def _dated_event(a: Analysis, sent: Sentence, t: Timex, dated, mentions) -> Event:
    text = a.doc.text
    value, mod, start, end, granularity = dated
    c_start, c_end = clause_bounds(text, sent.start, sent.end, t.start, t.end)
    clause = text[c_start:c_end]
    weights = _actors_between(a, mentions, c_start, c_end, sources=False)
    sentence_actors = [n for n, _ in _actors_between(a, mentions, sent.start, sent.end)]
    matching = _actors_between(a, mentions, sent.start, sent.end, sources=False)
    if c_start > sent.start and not weights:
        topic = _topic(text[sent.start:c_start])
        if topic:  # 「金正恩氏は…に先立ち、火曜日にロシアに到着した」: keep who arrived
            clause = topic + clause
            weights = _actors_between(a, mentions, sent.start, c_end, sources=False)
    keys = event_keys(text[sent.start:sent.end])
    head = event_keys(text[t.end:c_end]) or event_keys(clause) or keys
    return Event(
        event_id=f"{a.doc.id}:{t.start}", doc_id=a.doc.id, para_index=sent.para_index,
        sent_start=sent.start, sent_end=sent.end, timex_start=t.start, timex_end=t.end, timex_text=t.text,
        value=value, mod=mod, date_start=start, date_end=end, granularity=granularity, anchor=t.anchor,
        modality=modality_of(text[t.end:c_end], text[sent.start:sent.end]),
        actors=tuple(sentence_actors), summary=summarize(clause), sentence=text[sent.start:sent.end],
        keys=keys, head_keys=head, weights=tuple(weights), matching=tuple(matching), main=c_end >= sent.end - 1,
        speaker=speaker_of(text, mentions, sent.start, c_start, c_end) if head & WEAK_KEYS else None,
    )


def speaker_of(text: str, mentions: list[ActorMention], start: int, c_start: int,
               c_end: int) -> tuple[str, str, tuple[str, ...]] | None:
    """(canonical, kind, bodies) of the subject of the clause's last speech verb, outside quotes.

    After the last quotative (「…と、米国が月曜日に発表した」) the subject there speaks; otherwise the
    first topic (…は) of the sentence, else the last subject (…が): 「米当局者は先週、北朝鮮とロシアが…との情報を発表した」
    → United States. 彼/彼女/同氏 → the person named last; a bare surname (ワトソンは) → the person of
    that surname named before in the text."""
    verbs = list(_SPEECH_RE.finditer(text, c_start, c_end))
    if not verbs:
        return None
    verb = verbs[-1].start()
    found: list[tuple[int, str, tuple[str, str]]] = []  # (position, particle, speaker)
    for i, m in enumerate(mentions):
        if m.start >= verb:
            break
        if m.start >= start:
            sub = _SUBJECT_AFTER.match(text, m.end)
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            if sub and not (nxt is not None and m.start <= nxt.start < sub.end() - 1):  # 米|国務省は: the body speaks
                found.append((m.start, sub.group()[-1], (m.canonical, m.kind)))
    for p in _PRONOUN_SUBJECT.finditer(text, start, verb):
        person = next((m for m in reversed(mentions) if m.end <= p.start() and m.kind == "person"), None)
        if person is not None:
            found.append((p.start(), text[p.end()], (person.canonical, "person")))
    for r in _SURNAME_SUBJECT.finditer(text, start, verb):
        bearers = set(people_with_surname(r.group(1)))
        person = next((m for m in reversed(mentions) if m.end <= r.start() and m.canonical in bearers), None)
        if person is not None:
            sub = _SUBJECT_AFTER.match(text, r.end())
            found.append((r.start(), sub.group()[-1] if sub else "は", (person.canonical, "person")))
    found = [f for f in found if not _in_quote(text, start, f[0])]
    if any(f[0] >= c_start for f in found):
        found = [f for f in found if f[0] >= c_start]  # 「ウクライナは…が、プーチンは月曜日…断じた」
    if not found:
        return None
    boundary = max((q.end() for q in _QUOTATIVE.finditer(text, start, verb)), default=None)
    after = [f for f in found if boundary is not None and f[0] >= boundary]
    topics = [f for f in found if f[1] == "は"]  # the first topic is the main clause's (米財務省は、ロシアは…と述べた)
    if after:
        name, kind = max(after)[2]
    elif topics:
        name, kind = min(topics)[2]
    else:
        name, kind = max(found)[2]
    return name, kind, bodies_of(text, mentions, name) if kind == "person" else ()


_APPOSITION = re.compile(r"の?[一-龥ァ-ヶー()（）A-Za-z]{0,10}")


def bodies_of(text: str, mentions: list[ActorMention], person: str) -> tuple[str, ...]:
    """Organisations and countries the article introduces a person with, written right before the
    name: 「クレムリンのドミトリー・ペスコフ報道官」 → ("Kremlin",); 「国務省のマシュー・ミラー報道官」
    → ("United States Department of State",)."""
    out: dict[str, None] = {}
    for i, m in enumerate(mentions):
        if m.canonical != person or i == 0:
            continue
        q = mentions[i - 1]
        if q.kind in ("organisation", "country") and 0 <= m.start - q.end <= 12:
            if _APPOSITION.fullmatch(text, q.end, m.start):
                out.setdefault(q.canonical, None)
    return tuple(out)


def clause_bounds(text: str, start: int, end: int, t_start: int, t_end: int) -> tuple[int, int]:
    """The clause of the sentence [start, end) that holds the date [t_start, t_end).

    It runs from the clause boundary before the date to the first one after it. A date set off by a
    comma or a topic particle (「プーチンは月曜日、…と述べた」) modifies the main predicate, so its
    clause runs to the sentence end; a boundary right after the date (「8月、」) never counts; a
    reporting clause (「…と、米国が月曜日に発表した」) keeps the content it reports.
    """
    clause_start = start
    for m in _CLAUSE_END.finditer(text, start, t_start):
        clause_start = m.end()
    if clause_start > start and _QUOTATIVE_END.search(text, start, clause_start):
        clause_start = start
        for m in _CLAUSE_END.finditer(text, start, t_start):
            if not _QUOTATIVE_END.search(text, start, m.end()) and m.end() < t_start - 25:
                clause_start = m.end()
    follow = text[t_end:t_end + 2]
    if follow[:1] in ("、", "は", "も") and not follow.startswith("まで"):
        return clause_start, end
    clause_end = end
    for m in _CLAUSE_END.finditer(text, t_end, end):
        if m.start() > t_end + 1:
            clause_end = m.end()
            break
    return clause_start, clause_end


def _topic(prefix: str) -> str:
    """The topic phrase (…は) of the clauses before the date's clause, if short."""
    for seg in reversed(prefix.split("、")):
        i = seg.find("は")
        if 1 < i <= 30 and "「" not in seg[:i]:
            return seg[:i + 1]
    return ""


def modality_of(clause_after_date: str, sentence: str = "") -> str:
    """occurred / planned / expected / reported / denied / unknown from the clause's predicate.

    「9月中旬に会談する予定だ」 → planned; 「7月に北朝鮮を訪問した」 → occurred.
    """
    stripped = clause_after_date.rstrip("。、 」")
    tail = stripped[-9:]
    if _DENIED.search(tail):
        return "denied"
    # the marker must head the predicate (予定だ), not be an object (業績予想を修正した)
    if _final(_PLANNED, stripped):
        return "planned"
    if _final(_EXPECTED, stripped):
        return "expected"
    if _REPORTED.search(clause_after_date) or (sentence and _REPORTED.search(sentence)):
        return "reported"
    if _PAST.search(clause_after_date):
        return "occurred"
    if _FUTURE.search(clause_after_date):
        return "planned"
    return "unknown"


def _final(marker: re.Pattern, clause: str) -> bool:
    return any(not _OBJECT_AFTER.match(clause, m.end(), m.end() + 8) and len(clause) - m.end() <= 9
               for m in marker.finditer(clause))


def summarize(clause: str) -> str:
    """A short label: the clause without photo credits, leading connectives and the final 。, ≤ SUMMARY_MAX."""
    s = _CAPTION.sub("", clause).strip().rstrip("、。 ")
    s = _LEADING_CONNECTIVE.sub("", s).strip()
    return s if len(s) <= SUMMARY_MAX else s[:SUMMARY_MAX - 1] + "…"


def _in_quote(text: str, start: int, pos: int) -> bool:
    depth = 0
    for ch in text[start:pos]:
        if ch in "「『":
            depth += 1
        elif ch in "」』" and depth:
            depth -= 1
    return depth > 0


def _speech_time(a: Analysis, sent: Sentence, evs: list[Event], before: list[Event]) -> list[Event]:
    """今日 inside a quote is the day the speaker spoke (the temporal engine already dates it so):
    the quote continues the event of that day narrated in the previous two paragraphs."""
    out = []
    for e in evs:
        if (e.timex_text in _TODAY_WORDS and e.anchor in ("dct", "previous")
                and _in_quote(a.doc.text, sent.start, e.timex_start)):
            spoken = next((b for b in reversed(before) if b.granularity == "day" and b.dated
                           and sent.para_index - b.para_index <= 2
                           and (b.value == e.value or e.anchor == "dct")), None)
            if spoken is not None:
                e = replace(e, value=spoken.value, mod=spoken.mod, date_start=spoken.date_start,
                            date_end=spoken.date_end, anchor="previous", kind="continuation",
                            follows=spoken.event_id)
        out.append(e)
    return out


def _sentence_info(a: Analysis, sent: Sentence, mentions) -> SentenceInfo:
    s_text = a.doc.text[sent.start:sent.end]
    weights = _actors_between(a, mentions, sent.start, sent.end)
    matching = _actors_between(a, mentions, sent.start, sent.end, sources=False)
    keys = event_keys(s_text)
    speaker = speaker_of(a.doc.text, mentions, sent.start, sent.start, sent.end) if keys & WEAK_KEYS else None
    return SentenceInfo(a.doc.id, sent, s_text, tuple(n for n, _ in weights), tuple(weights), keys,
                        tuple(matching), speaker)


def _continuation(a: Analysis, sent: Sentence, info: SentenceInfo, previous: list[Event],
                  prev_para: int) -> Event | None:
    """The dateless sentence as a further mention of the event just before it, or None."""
    if not previous or not (info.keys or _SPEECH_VERB.search(info.text)):
        return None
    s_text = info.text
    same_para = prev_para == sent.para_index
    if _CONTRAST_START.match(s_text) or len(s_text) < 8:
        return None
    later = bool(_AFTER_START.match(s_text))
    anaphoric = bool(_ANAPHOR_START.match(s_text)) or later
    mine = dict(info.weights)
    theirs = {n for e in previous for n in e.actors}
    shared = [n for n in theirs if n in mine]
    strong = [n for n in shared if mine[n] >= 1.5]
    if not (anaphoric or (same_para and (strong or len(shared) >= 2))):
        return None
    # the event continued: the one sharing most actors; ties → the main clause, then the last date
    target = max(previous, key=lambda e: (len(set(e.actors) & set(mine)), e.main, e.timex_start))
    mod = "AFTER" if later else target.mod
    span = (target.date_start, target.date_end)
    if later:
        span = (target.date_start, target.date_end)  # the interval stays: "after" narrows nothing we know
    return Event(
        event_id=f"{a.doc.id}:s{sent.start}", doc_id=a.doc.id, para_index=sent.para_index,
        sent_start=sent.start, sent_end=sent.end, timex_start=sent.start, timex_end=sent.start, timex_text="",
        value=target.value, mod=mod, date_start=span[0], date_end=span[1], granularity=target.granularity,
        anchor="previous", modality=modality_of(s_text, s_text), actors=info.actors,
        summary=summarize(s_text), sentence=s_text, keys=info.keys, head_keys=info.keys, weights=info.matching, matching=info.matching,
        kind="after" if later else "continuation", follows=target.event_id, main=True, speaker=info.speaker,
    )


def continue_from(a: Analysis, seeds: list[Event], taken: set[int]) -> list[Event]:
    """Continuations of mentions found later (linked rows): the dateless sentences right after each
    seed that go on narrating it, at most two in a row; sentences whose start is in `taken` are skipped."""
    kinds = _person_index(a.actors)
    starts = [s.start for s in a.sentences]
    out: list[Event] = []
    for seed in sorted(seeds, key=lambda e: e.sent_start):
        i = bisect.bisect_left(starts, seed.sent_start)
        previous, prev_para = [seed], seed.para_index
        following = [s for s in a.sentences[i + 1:i + 6] if s.end - s.start >= 3][:2]  # no stray 「。」
        for sent in following:
            if sent.start in taken:
                break
            info = _sentence_info(a, sent, kinds)
            cont = _continuation(a, sent, info, previous, prev_para)
            if cont is None or cont.kind != "continuation":
                break
            out.append(cont)
            taken.add(sent.start)
            previous, prev_para = [cont], sent.para_index
    return out
