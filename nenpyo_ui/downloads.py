"""Download stage: the filtered event table → CSV, JSON and TimelineJS JSON bytes.

All three contain exactly the rows shown and the DESIGN.md event-table columns.
"""
from __future__ import annotations

import html
import json
from datetime import date

import pandas as pd

from .data import table_for_download


def _iso(value) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)[:10]


def records(df: pd.DataFrame) -> list[dict]:
    """Event rows as JSON-ready dicts (dates as ISO strings, actors as lists)."""
    out = []
    table = table_for_download(df)
    cols = list(table.columns)
    for values in table.itertuples(index=False, name=None):
        rec = dict(zip(cols, values))
        rec["date_start"], rec["date_end"] = _iso(rec["date_start"]), _iso(rec["date_end"])
        rec["actors"] = list(rec["actors"] or ())
        for key in ("para_index", "sent_start", "sent_end", "timex_start", "timex_end"):
            if rec.get(key) is not None and not pd.isna(rec[key]):
                rec[key] = int(rec[key])
        rec["mod"] = rec.get("mod") or None
        out.append(rec)
    return out


def to_csv(df: pd.DataFrame) -> bytes:
    """CSV (UTF-8 with BOM so that Excel shows Japanese); actors joined with '|'."""
    table = table_for_download(df).copy()
    table["mod"] = table["mod"].replace("", None)
    table["actors"] = ["|".join(a) for a in table["actors"]]
    table["date_start"] = [_iso(v) for v in table["date_start"]]
    table["date_end"] = [_iso(v) for v in table["date_end"]]
    return table.to_csv(index=False).encode("utf-8-sig")


def to_json(df: pd.DataFrame) -> bytes:
    return json.dumps(records(df), ensure_ascii=False, indent=1).encode("utf-8")


def _tl_date(value, granularity: str) -> dict | None:
    """ISO date + granularity → TimelineJS date object ({year}, {year, month} or full)."""
    iso = _iso(value)
    if not iso:
        return None
    d = date.fromisoformat(iso)
    if granularity in {"year", "decade", "century"}:
        return {"year": d.year}
    if granularity in {"month", "quarter", "season", "half"}:
        return {"year": d.year, "month": d.month}
    return {"year": d.year, "month": d.month, "day": d.day}


def to_timelinejs(df: pd.DataFrame, title: str = "nenpyo") -> bytes:
    """TimelineJS3 JSON: one slide per dated event; text fields are escaped (TimelineJS renders
    them as HTML)."""
    events = []
    for rec in records(df):
        start = _tl_date(rec["date_start"], rec["granularity"])
        if start is None:
            continue
        slide = {
            "unique_id": rec["event_id"],
            "start_date": start,
            "text": {
                "headline": html.escape(rec["summary"] or rec["timex_text"]),
                "text": html.escape(rec["sentence"]) + "<br><small>" + html.escape(
                    f"{rec['timex_text']} → {rec['value']} · {rec['doc_id']}") + "</small>",
            },
            "group": ", ".join(rec["actors"][:2]) if rec["actors"] else "",
        }
        if rec["date_end"] and rec["date_end"] != rec["date_start"]:
            slide["end_date"] = _tl_date(rec["date_end"], rec["granularity"])
        events.append(slide)
    doc = {"title": {"text": {"headline": html.escape(title)}}, "events": events}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
