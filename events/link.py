"""Linking stage: dateless sentences that restate a dated event — a headline, a summary paragraph,
the same event in another article — → further mentions of that event (anchor "linked"), in its cluster.

A sentence is linked when it shares an event predicate with the event (会談 / 会う → meet) and enough
actors (persons and organisations weigh 2 and 1.5, countries 1); among candidates the best score
wins: shared actors, the predicate the date itself governs, the same document, the same modality,
and nearness of the event's date to the sentence's article date (a headline is about the news of its
day). A sentence with two predicates may restate two events (「クレムリンは両氏が会談すると発表した」:
the announcement and the meeting). The linked mention takes its cluster's date (events.cluster.
best_member). Sentences right after a linked one may continue it (events.events continuation rules).

Candidates come from an index (predicate, actor) → events sorted by date; each list is cut to the
MAX_CANDIDATES events nearest the article's date, so linking stays linear in the corpus size."""
from __future__ import annotations

import bisect
from collections import defaultdict
from datetime import date

from .affiliation import speaker_match
from .cluster import best_member
from .events import WEAK_KEYS, Event, SentenceInfo, continue_from, modality_of, summarize
from .pipeline import Analysis

LINK_MIN_SCORE = 4.5  # 3.5 covers 2 more gold mentions but adds ~30 loose links on the sample
MIN_SHARED_WEIGHT = 2.0
MAX_CANDIDATES = 60
MAX_LINKS = 2
SPEAKER_WEIGHT = {"person": 2.0, "organisation": 1.5, "country": 1.0}


def link_sentences(analyses: list[Analysis], events: list[Event], clusters: dict[str, str],
                   pending: dict[str, list[SentenceInfo]]) -> tuple[list[Event], dict[str, str]]:
    """(new mentions, their cluster ids) for the dateless sentences in `pending` (doc id → sentences)."""
    members: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        members[clusters[e.event_id]].append(e)
    best = {cid: best_member(ms) for cid, ms in members.items()}
    usable = [e for e in events if e.kind in ("dated", "continuation")]
    index = _index(usable)
    own: dict[str, list[Event]] = defaultdict(list)
    for e in usable:
        own[e.doc_id].append(e)
    out: list[Event] = []
    out_clusters: dict[str, str] = {}
    by_doc = {a.doc.id: a for a in analyses}
    held: dict[tuple[str, int], set[str]] = defaultdict(set)  # clusters a sentence already belongs to
    for e in events:
        held[e.doc_id, e.sent_start].add(clusters[e.event_id])
        if e.kind == "after" and e.follows in clusters:  # 「その後…」 is not a restatement of what it follows
            held[e.doc_id, e.sent_start].add(clusters[e.follows])
    for doc_id, infos in pending.items():
        a = by_doc.get(doc_id)
        dct = a.dct.value if a else None
        new: list[Event] = []
        for info in infos:
            for target in _targets(info, index, own[doc_id], dct, clusters,
                                   held.get((doc_id, info.sentence.start), set())):
                cid = clusters[target.event_id]
                row = _linked_row(info, best[cid], target)
                new.append(row)
                out_clusters[row.event_id] = cid
        if a is not None and new:
            taken = {e.sent_start for e in events if e.doc_id == doc_id} | {e.sent_start for e in new}
            for cont in continue_from(a, new, taken):
                out_clusters[cont.event_id] = out_clusters[cont.follows]
                new.append(cont)
        out.extend(new)
    return out, out_clusters


def _index(events) -> dict[tuple[str, str], tuple[list, list[Event]]]:
    """(predicate, actor) → events by date; of identical sentences with one value (wire copies,
    which share a cluster) only the first is kept: they would score alike."""
    lists: dict[tuple[str, str], list[Event]] = defaultdict(list)
    seen: set[tuple] = set()
    for e in events:
        sig = (e.sentence, e.value, e.kind)
        if sig in seen:
            continue
        seen.add(sig)
        for k in e.keys:
            for n, _ in e.matching:
                lists[k, n].append(e)
    out = {}
    for key, evs in lists.items():
        evs.sort(key=lambda e: (e.date_start, e.event_id))
        out[key] = ([e.date_start.toordinal() for e in evs], evs)
    return out


def _nearest(entry, dct: date | None) -> list[Event]:
    days, evs = entry
    if len(evs) <= MAX_CANDIDATES or dct is None:
        return evs[-MAX_CANDIDATES:] if dct is None else evs
    i = bisect.bisect_left(days, dct.toordinal())
    lo = max(0, i - MAX_CANDIDATES // 2)
    return evs[lo:lo + MAX_CANDIDATES]


def _targets(info: SentenceInfo, index, own: list[Event], dct: date | None, clusters: dict[str, str],
             held: set[str] = frozenset()) -> list[Event]:
    mine = dict(info.matching)
    candidates: dict[str, Event] = {e.event_id: e for e in own if e.keys & info.keys}
    for k in info.keys:
        for n in mine:
            entry = index.get((k, n))
            if entry:
                for e in _nearest(entry, dct):
                    candidates[e.event_id] = e
    scored = []
    modality = modality_of(info.text, info.text)
    for e in candidates.values():
        if e.doc_id == info.doc_id and e.sent_start == info.sentence.start:
            continue
        theirs = dict(e.matching)
        weight = sum(w for n, w in mine.items() if n in theirs)
        shared = info.keys & e.keys
        head = info.keys & e.head_keys
        statement = _statement(info, e)
        if statement is False:  # two speakers: their statements are not one
            shared, head = shared - WEAK_KEYS, head - WEAK_KEYS
        elif statement:  # one speaker (ワトソン / 米国): the statement verb heads both
            if not (statement[0] in mine and statement[0] in theirs):
                weight += SPEAKER_WEIGHT.get(statement[1], 1.0)
            head = head | (info.keys & WEAK_KEYS)
            shared = shared | head
        if weight < MIN_SHARED_WEIGHT or not shared:
            continue
        if shared <= WEAK_KEYS and not statement and max((w for n, w in mine.items() if n in theirs), default=0) < 1.5:
            continue  # two different speakers
        score = (weight + 1.5 * len(head) + 0.5 * len(shared - head)
                 + (1.0 if e.doc_id == info.doc_id else 0.0)
                 + (0.5 if e.modality == modality else 0.0))
        days = _days_from(e, dct)
        # a distant date may still be the one meant (background), but among equals the nearest wins
        if score - min(1.0, days / 365) >= LINK_MIN_SCORE:
            scored.append((score - min(1.5, days / 120), e, head or shared))
    scored.sort(key=lambda x: (-x[0], _days_from(x[1], dct), x[1].event_id))
    picked: list[Event] = []
    covered: set[str] = set()
    seen_clusters: set[str] = set(held)
    for score, e, keys in scored:
        cid = clusters[e.event_id]
        if cid in seen_clusters or (picked and keys <= covered):
            continue
        picked.append(e)
        covered |= keys
        seen_clusters.add(cid)
        if len(picked) == MAX_LINKS:
            break
    return picked


def _statement(info: SentenceInfo, e: Event):
    """None: not two statements of known speakers, or speakers related only through a country (米国 /
    国務省: no evidence either way); False: two different speakers; else the speaker (canonical,
    kind, bodies) of the one whose statement both report."""
    if not (info.speaker and e.speaker and info.keys & WEAK_KEYS and e.head_keys & WEAK_KEYS):
        return None
    match = speaker_match(info.speaker, e.speaker)
    if match == 0:
        return False
    return info.speaker if match == 2 else None


def _days_from(e: Event, dct: date | None) -> int:
    if dct is None:
        return 0
    if e.date_start <= dct <= e.date_end:
        return 0
    return min(abs((e.date_start - dct).days), abs((e.date_end - dct).days))


def _linked_row(info: SentenceInfo, best: Event, target: Event) -> Event:
    s = info.sentence
    return Event(
        event_id=f"{info.doc_id}:s{s.start}:{best.event_id}", doc_id=info.doc_id, para_index=s.para_index,
        sent_start=s.start, sent_end=s.end, timex_start=s.start, timex_end=s.start, timex_text="",
        value=best.value, mod=best.mod, date_start=best.date_start, date_end=best.date_end,
        granularity=best.granularity, anchor="linked", modality=modality_of(info.text, info.text),
        actors=info.actors, summary=summarize(info.text), sentence=info.text, keys=info.keys,
        head_keys=info.keys, weights=info.weights, kind="linked", follows=target.event_id,
    )

