"""Clustering stage: event mentions of many documents → cluster ids, one per real-world event.

Two dated mentions belong together when their dates are compatible (the same value, or intervals
that overlap at comparable precision; a year and a month inside it only with strong evidence), they
share actors (persons and organisations weigh more than countries; the date's own clause must share
one when both name any) and a predicate (会談, 訪問, 制裁 …). Identical sentences with the same value
(wire copies) are one event. A continuation joins the event it continues; a linked mention joins the
cluster it restates (events.link).

Blocking keeps this far from quadratic: mentions are compared only inside a block of one month (day,
week and month precision) or one year (coarser), and inside it only with mentions sharing an actor,
each against at most BLOCK_WINDOW neighbours in date order. Cluster ids are stable: "c:" + the id of
the cluster's first member (by document id and offset), so shared links survive a rebuild."""
from __future__ import annotations

from collections import defaultdict

from .affiliation import speaker_match
from .events import WEAK_KEYS, Event

GRANULARITY_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "half": 4, "year": 5,
                    "decade": 6, "century": 7}
MIN_SHARED_WEIGHT = 2.0  # a person or an organisation + a country, or two countries
STRONG_WEIGHT = 3.0  # needed when one date is far coarser than the other (2022 vs 2022年2月)
BLOCK_WINDOW = 60
MIN_WORDING = 0.25  # character-bigram Jaccard of two summaries, for events without actors
# Predicates one real-world event is told with (a visit and the meeting it was for).
RELATED_KEYS = {"meet": frozenset({"visit"}), "visit": frozenset({"meet", "arrive"}), "arrive": frozenset({"visit"})}
# Predicates of one trip: in one article, with the same stated date, a mention whose actors are all
# named by another mention of the same person (「2019年の彼の最後の訪問」 / 「2019年にプーチン氏と会談」) is that event.
TRIP_KEYS = frozenset({"visit", "arrive", "depart", "meet"})


def rank(granularity: str | None) -> int:
    return GRANULARITY_RANK.get(granularity or "", 9)


class _UnionFind:
    def __init__(self, ids):
        self.parent = {i: i for i in ids}

    def find(self, x: str) -> str:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            first, last = sorted((ra, rb), key=order_key)
            self.parent[last] = first


def order_key(event_id: str) -> tuple:
    """Document id, then offset: 「003:s44」 sorts as offset 44 (a dateless mention)."""
    doc, _, offset = event_id.rpartition(":")
    digits = offset.lstrip("s")
    return doc, int(digits) if digits.isdigit() else 0, offset


def cluster_events(events: list[Event]) -> dict[str, str]:
    """event_id → cluster_id for dated mentions and their continuations."""
    uf = _UnionFind(e.event_id for e in events)
    dated = [e for e in events if e.kind in ("dated", "after")]
    # wire copies: the same sentence with the same value
    copies: dict[tuple, str] = {}
    reps: list[Event] = []
    for e in dated:
        sig = (e.sentence, e.value, e.mod, e.timex_text, e.kind)
        if sig in copies:
            uf.union(copies[sig], e.event_id)
        else:
            copies[sig] = e.event_id
            reps.append(e)
    for block in _blocks(reps).values():
        by_actor: dict[str, list[Event]] = defaultdict(list)
        for e in block:
            for name, _ in e.matching:
                by_actor[name].append(e)
            if not e.matching:
                for k in e.head_keys:
                    by_actor["?" + k].append(e)  # no actors: compare by predicate
        seen: set[tuple[str, str]] = set()
        for members in by_actor.values():
            members.sort(key=lambda e: (e.date_start, e.event_id))
            for i, a in enumerate(members):
                for b in members[i + 1:i + 1 + BLOCK_WINDOW]:
                    pair = (a.event_id, b.event_id)
                    if pair in seen:
                        continue
                    seen.add(pair)
                    if uf.find(a.event_id) != uf.find(b.event_id) and same_event(a, b):
                        uf.union(a.event_id, b.event_id)
    for e in events:
        if e.kind == "continuation" and e.follows in uf.parent:
            uf.union(e.follows, e.event_id)
    return {e.event_id: "c:" + uf.find(e.event_id) for e in events}


def _blocks(events: list[Event]) -> dict[str, list[Event]]:
    """Month blocks for fine dates (a week or month straddling two months is in both), year blocks
    for coarse ones; a coarse date is also put in the month blocks of a fine date it contains via
    the year block key of that fine date."""
    blocks: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        if rank(e.granularity) <= 2:
            keys = {f"{e.date_start:%Y-%m}", f"{e.date_end:%Y-%m}"}
            keys.add(f"{e.date_start:%Y}")  # so a year-precise mention can meet it
        else:
            keys = {f"{y}" for y in range(e.date_start.year, min(e.date_end.year, e.date_start.year + 1) + 1)}
        for k in keys:
            blocks[k].append(e)
    return blocks


def shared_weight(a: Event, b: Event) -> float:
    """Actors both sentences name as taking part, persons 2, organisations 1.5, countries 1."""
    wb = dict(b.matching)
    return sum(w for n, w in a.matching if n in wb)


def strongest_shared(a: Event, b: Event) -> float:
    wb = dict(b.matching)
    return max((w for n, w in a.matching if n in wb), default=0.0)


def same_event(a: Event, b: Event) -> bool:
    """Could these two dated mentions report one real-world event?"""
    if a.doc_id == b.doc_id and a.sent_start == b.sent_start:
        return False  # two dates in one sentence are two events
    if a.kind != b.kind:
        return False  # "after X" is not X
    if a.sentence == b.sentence and a.value == b.value:
        return True
    gap = abs(rank(a.granularity) - rank(b.granularity))
    if a.date_start > b.date_end or b.date_start > a.date_end:
        if a.value != b.value:
            return False
    if same_statement(a, b):
        return True
    weight = shared_weight(a, b)
    if not a.matching and not b.matching:
        # nobody named (a typhoon, an earthquake): same value, predicate and much of the wording
        return (a.date_start == b.date_start and a.date_end == b.date_end and bool(a.head_keys & b.head_keys - WEAK_KEYS)
                and _jaccard(_bigrams(a.summary), _bigrams(b.summary)) >= MIN_WORDING)
    if weight < MIN_SHARED_WEIGHT:
        return False
    if (a.doc_id == b.doc_id and a.value == b.value and _subsumed(a, b) and a.head_keys and b.head_keys
            and a.head_keys <= TRIP_KEYS and b.head_keys <= TRIP_KEYS):
        return True
    clause_a, clause_b = {n for n, _ in a.weights}, {n for n, _ in b.weights}
    if clause_a and clause_b and not clause_a & clause_b:
        return False
    keys = a.head_keys & b.head_keys
    related = not keys and any(b.head_keys & RELATED_KEYS.get(k, frozenset()) for k in a.head_keys)
    if not keys and not related:
        return False
    if keys and keys <= WEAK_KEYS and strongest_shared(a, b) < 1.5:
        return False  # 「述べた」 by two different speakers
    if a.value != b.value and gap > 1 and (not keys or keys <= WEAK_KEYS):
        return False  # 2022年 and 2022年2月 only for the same predicate (侵攻)
    if _conflict(a, b, either=related):
        return False
    return True


def same_statement(a: Event, b: Event) -> bool:
    """One statement reported twice: both dates head a speech verb (述べた, 発表した …), the speakers
    are one source (the same actor, or a country and its spokesperson or body: 「米国が月曜日に発表
    した」 / 「ワトソン報道官は月曜日に語った」), the dates are one day, or a day and the week holding it,
    and the two say something about a common actor besides the speaker."""
    if a.speaker is None or b.speaker is None or not speaker_match(a.speaker, b.speaker):
        return False
    if not (a.head_keys & WEAK_KEYS and b.head_keys & WEAK_KEYS):
        return False
    if max(rank(a.granularity), rank(b.granularity)) > 1 or min(rank(a.granularity), rank(b.granularity)) > 0:
        return False  # a week or a month holds many statements of one government
    inside = (a.date_start <= b.date_start and b.date_end <= a.date_end) or \
             (b.date_start <= a.date_start and a.date_end <= b.date_end)
    if a.value != b.value and not inside:
        return False
    speakers = {a.speaker[0], b.speaker[0]}
    wb = dict(b.matching)
    return any(n in wb and n not in speakers for n, _ in a.matching)


def _subsumed(a: Event, b: Event) -> bool:
    """Every actor of one mention is named by the other, and they share a person."""
    na, nb = {n for n, _ in a.matching}, {n for n, _ in b.matching}
    return bool(na and nb) and (na <= nb or nb <= na) and strongest_shared(a, b) >= 2.0


def _conflict(a: Event, b: Event, either: bool) -> bool:
    """Both clauses name a person the other sentence does not (金氏 met 習氏 / met プーチン氏): two
    different events. For a looser match (a visit vs a meeting) one such person is already too many."""
    names_a, names_b = dict(a.matching), dict(b.matching)
    extra_a = [n for n, w in a.weights if n not in names_b and w >= 2.0]
    extra_b = [n for n, w in b.weights if n not in names_a and w >= 2.0]
    return bool(extra_a or extra_b) if either else bool(extra_a and extra_b)


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def best_member(members: list[Event]) -> Event:
    """The mention whose date is most precise (then most often stated, then first): the cluster's date."""
    dated = [m for m in members if m.kind in ("dated", "after")] or members
    counts: dict[str, int] = defaultdict(int)
    for m in dated:
        counts[m.value] += 1
    return min(dated, key=lambda m: (rank(m.granularity), -counts[m.value], order_key(m.event_id)))
