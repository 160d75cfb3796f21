"""Clustering stage: events of many documents → cluster ids, one per real-world event.

Two mentions belong together when their dates are compatible (intervals overlap at comparable
precision), they share actors, and their wording is alike. Cluster ids are stable: the id of the
cluster's first member (by document id and offset), so shared links survive a rebuild."""
from __future__ import annotations

from .events import Event

MIN_WORDING = 0.12  # character-bigram Jaccard of the two summaries
GRANULARITY_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "half": 4, "year": 5,
                    "decade": 6, "century": 7}


def cluster_events(events: list[Event]) -> dict[str, str]:
    """event_id → cluster_id."""
    parent = {e.event_id: e.event_id for e in events}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    grams = {e.event_id: _bigrams(e.summary) for e in events}
    ordered = sorted(events, key=lambda e: (e.date_start, e.event_id))
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b.date_start > a.date_end:
                break
            if same_event(a, b, grams[a.event_id], grams[b.event_id]):
                ra, rb = find(a.event_id), find(b.event_id)
                if ra != rb:
                    parent[max(ra, rb, key=_order)] = min(ra, rb, key=_order)
    return {e.event_id: "c:" + find(e.event_id) for e in events}


def same_event(a: Event, b: Event, grams_a: set, grams_b: set) -> bool:
    if a.sent_start == b.sent_start and a.doc_id == b.doc_id:
        return False  # two dates in one sentence are two events
    if abs(GRANULARITY_RANK.get(a.granularity, 9) - GRANULARITY_RANK.get(b.granularity, 9)) > 1:
        return False
    if a.value != b.value and (a.date_start > b.date_end or b.date_start > a.date_end):
        return False
    shared = set(a.actors) & set(b.actors)
    if not shared:
        return False
    return _jaccard(grams_a, grams_b) >= MIN_WORDING


def _order(event_id: str) -> tuple[str, int]:
    doc, _, offset = event_id.rpartition(":")
    return doc, int(offset) if offset.isdigit() else 0


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0
