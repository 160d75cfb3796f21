"""Table stage: analyses → the event table of DESIGN.md (one row per event mention) and a cluster
table (one row per real-world event, with its sources and whether they disagree on the date)."""
from __future__ import annotations

import json

import pandas as pd

from .cluster import GRANULARITY_RANK, cluster_events
from .events import Event, events_and_sentences
from .link import link_sentences
from .pipeline import Analysis

COLUMNS = ["event_id", "cluster_id", "doc_id", "para_index", "sent_start", "sent_end", "timex_start",
           "timex_end", "timex_text", "value", "mod", "date_start", "date_end", "granularity", "anchor",
           "modality", "actors", "summary", "sentence"]
CLUSTER_COLUMNS = ["cluster_id", "first_date", "last_date", "best_value", "best_mod", "values", "doc_ids",
                   "n_docs", "n_mentions", "dates_disagree", "actors", "summary"]


def build_events(analyses: list[Analysis]) -> tuple[list[Event], dict[str, str]]:
    """Every event mention of the corpus and its cluster id: dated clauses and continuations per
    document, clusters across documents, then dateless restatements linked to those clusters."""
    events: list[Event] = []
    pending = {}
    for a in analyses:
        evs, rest = events_and_sentences(a)
        events.extend(evs)
        pending[a.doc.id] = rest
    clusters = cluster_events(events)
    linked, linked_clusters = link_sentences(analyses, events, clusters, pending)
    clusters.update(linked_clusters)
    return events + linked, clusters


def event_table(analyses: list[Analysis]) -> pd.DataFrame:
    """One row per event mention, sorted by date then source; the columns are exactly COLUMNS.

    A dateless mention (anchor previous / linked) has an empty date span at its sentence start."""
    events, clusters = build_events(analyses)
    rows = [{
        "event_id": e.event_id, "cluster_id": clusters[e.event_id], "doc_id": e.doc_id,
        "para_index": e.para_index, "sent_start": e.sent_start, "sent_end": e.sent_end,
        "timex_start": e.timex_start, "timex_end": e.timex_end, "timex_text": e.timex_text,
        "value": e.value, "mod": e.mod, "date_start": e.date_start, "date_end": e.date_end,
        "granularity": e.granularity, "anchor": e.anchor, "modality": e.modality,
        "actors": list(e.actors), "summary": e.summary, "sentence": e.sentence,
    } for e in events]
    df = pd.DataFrame(rows, columns=COLUMNS)
    if len(df):
        df = df.sort_values(["date_start", "doc_id", "sent_start", "timex_start"], kind="stable").reset_index(drop=True)
    return df


def _actor_list(cell) -> list[str]:
    if isinstance(cell, str):
        try:
            return list(json.loads(cell))
        except ValueError:
            return [cell]
    return list(cell) if cell is not None else []


def cluster_table(df: pd.DataFrame) -> pd.DataFrame:
    """One row per cluster: its date range, the values its sources state, the sources, the number of
    mentions, whether the stated dates disagree (two dated mentions whose intervals do not overlap),
    the actors named most and a representative summary (of its most precise dated mention)."""
    if not len(df):
        return pd.DataFrame(columns=CLUSTER_COLUMNS)
    out = []
    for cid, g in df.groupby("cluster_id", sort=False):
        stated = g[g["timex_text"].astype(str) != ""]  # mentions with a date of their own
        basis = stated if len(stated) else g
        ranks = basis["granularity"].map(lambda x: GRANULARITY_RANK.get(x, 9))
        counts = basis["value"].map(basis["value"].value_counts())
        order = pd.DataFrame({"r": ranks, "c": -counts, "i": range(len(basis))}, index=basis.index)
        best = basis.loc[order.sort_values(["r", "c", "i"]).index[0]]
        starts, ends = list(pd.to_datetime(stated["date_start"])), list(pd.to_datetime(stated["date_end"]))
        disagree = len(stated) > 1 and max(starts) > min(ends)
        actor_counts: dict[str, int] = {}
        for cell in g["actors"]:
            for name in _actor_list(cell):
                actor_counts[name] = actor_counts.get(name, 0) + 1
        values = sorted({(v + (f" {m}" if isinstance(m, str) and m else "")) for v, m in zip(basis["value"], basis["mod"])})
        docs = sorted(set(g["doc_id"].astype(str)))
        out.append({
            "cluster_id": cid, "first_date": min(g["date_start"]), "last_date": max(g["date_end"]),
            "best_value": best["value"], "best_mod": best["mod"], "values": values, "doc_ids": docs,
            "n_docs": len(docs), "n_mentions": len(g), "dates_disagree": bool(disagree),
            "actors": [n for n, _ in sorted(actor_counts.items(), key=lambda x: (-x[1], x[0]))][:6],
            "summary": best["summary"],
        })
    return pd.DataFrame(out, columns=CLUSTER_COLUMNS).sort_values(["first_date", "cluster_id"]).reset_index(drop=True)
