"""Table stage: analyses → the event table of DESIGN.md as a pandas DataFrame."""
from __future__ import annotations

import pandas as pd

from .cluster import cluster_events
from .events import extract_events
from .pipeline import Analysis

COLUMNS = ["event_id", "cluster_id", "doc_id", "para_index", "sent_start", "sent_end", "timex_start",
           "timex_end", "timex_text", "value", "mod", "date_start", "date_end", "granularity", "anchor",
           "modality", "actors", "summary", "sentence"]


def event_table(analyses: list[Analysis]) -> pd.DataFrame:
    """One row per event mention, sorted by date then source; the columns are exactly COLUMNS."""
    events = [e for a in analyses for e in extract_events(a)]
    clusters = cluster_events(events)
    rows = [{
        "event_id": e.event_id, "cluster_id": clusters[e.event_id], "doc_id": e.doc_id,
        "para_index": e.para_index, "sent_start": e.sent_start, "sent_end": e.sent_end,
        "timex_start": e.timex.start, "timex_end": e.timex.end, "timex_text": e.timex.text,
        "value": e.value, "mod": e.mod, "date_start": e.date_start, "date_end": e.date_end,
        "granularity": e.granularity, "anchor": e.timex.anchor, "modality": e.modality,
        "actors": list(e.actors), "summary": e.summary, "sentence": e.sentence,
    } for e in events]
    df = pd.DataFrame(rows, columns=COLUMNS)
    if len(df):
        df = df.sort_values(["date_start", "doc_id", "timex_start"], kind="stable").reset_index(drop=True)
    return df
