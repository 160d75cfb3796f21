"""Export: the event table → CSV, JSON Lines or Parquet files (list columns as JSON arrays)."""
from __future__ import annotations

import json
import os
import tempfile
from datetime import date
from pathlib import Path

import pandas as pd


def _jsonable(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and pd.isna(value):
        return None
    return value


def to_records(table: pd.DataFrame) -> list[dict]:
    """Rows as plain JSON-ready dicts: dates as ISO strings, lists kept as lists, NaN as None."""
    return [{k: _jsonable(v) for k, v in row.items()} for row in table.to_dict(orient="records")]


def write_table(table: pd.DataFrame, path: str | Path) -> None:
    """Write atomically (a temporary file renamed into place), so a failed export leaves no half file."""
    path = Path(path)
    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
    os.close(fd)
    try:
        if suffix == ".jsonl":
            with open(tmp, "w", encoding="utf-8") as f:
                for record in to_records(table):
                    f.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif suffix == ".csv":
            flat = table.copy()
            flat["actors"] = [json.dumps(list(a), ensure_ascii=False) for a in flat["actors"]]
            flat.to_csv(tmp, index=False, encoding="utf-8")
        elif suffix == ".parquet":
            table.to_parquet(tmp, index=False)
        else:
            raise ValueError(f"unsupported output format {suffix!r}")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
