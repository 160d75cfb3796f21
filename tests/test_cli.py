"""The command line contract of DESIGN.md: JSON on stdout, exit 2 with one line on bad input."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from events.io import bundled_corpus_dir

CORPUS = bundled_corpus_dir()


ROOT = Path(__file__).resolve().parents[1]


def run(*args, **kw):
    """`python -m events …` from any folder, on this checkout whether or not it is installed."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-m", "events", *args], capture_output=True, text=True, env=env, **kw)


def test_timex_prints_the_contract_with_raw_offsets():
    path = CORPUS / "000.txt"
    res = run("timex", str(path), "--dct", "2023-09-05")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["dct"] == "2023-09-05" and out["dct_source"] == "given"
    text = path.read_text(encoding="utf-8")
    assert out["timexes"]
    for t in out["timexes"]:
        assert set(t) >= {"start", "end", "text", "type", "value", "mod"}
        assert text[t["start"]:t["end"]] == t["text"]
        assert t["type"] in ("DATE", "TIME", "DURATION", "SET")
    assert {"text": "9月中旬", "value": "2023-09", "mod": "MID"}.items() <= next(
        t for t in out["timexes"] if t["text"] == "9月中旬").items()


def test_timex_without_dct_finds_the_dateline():
    out = json.loads(run("timex", str(CORPUS / "000.txt")).stdout)
    assert (out["dct"], out["dct_source"]) == ("2023-09-05", "text")


@pytest.mark.parametrize("encoding", ["shift_jis", "cp932", "euc_jp", "utf-8-sig"])
def test_timex_reads_legacy_encodings_with_offsets_into_the_decoded_text(tmp_path, encoding):
    text = "岸田首相は13日、臨時閣議を開いた。\r\n来月上旬にも提出する。"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    out = json.loads(run("timex", str(path), "--dct", "2023-11-14").stdout)
    assert [(t["text"], t["value"]) for t in out["timexes"]] == [("13日", "2023-11-13"), ("来月上旬", "2023-12")]
    for t in out["timexes"]:
        assert text[t["start"]:t["end"]] == t["text"]


@pytest.mark.parametrize("setup,args,message", [
    (None, ["timex", "missing.txt"], "missing.txt"),
    ("empty", ["timex", "{path}"], "empty"),
    ("binary", ["timex", "{path}"], "binary"),
    ("ok", ["timex", "{path}", "--dct", "2023-02-30"], "not a date"),
    ("ok", ["timex", "{path}", "--dct", "yesterday-ish"], "not a date"),
    ("ok", ["build", "{path}", "--out", "out.txt"], "must end in"),
], ids=["missing", "empty", "binary", "impossible_dct", "garbage_dct", "bad_output"])
def test_bad_input_exits_2_with_one_line(tmp_path, setup, args, message):
    path = tmp_path / "in.txt"
    if setup == "empty":
        path.write_bytes(b"")
    elif setup == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    elif setup == "ok":
        path.write_text("9月5日に会談した。", encoding="utf-8")
    res = run(*[a.format(path=path) for a in args], cwd=tmp_path)
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_build_writes_the_event_table(tmp_path, suffix):
    import pandas as pd

    out = tmp_path / f"events{suffix}"
    res = run("build", "--out", str(out))
    assert res.returncode == 0, res.stderr
    assert "5 documents" in res.stderr and "events" in res.stderr
    if suffix == ".jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert rows and isinstance(rows[0]["actors"], list)
    else:
        df = pd.read_csv(out) if suffix == ".csv" else pd.read_parquet(out)
        assert len(df) > 20
    from events.table import COLUMNS
    if suffix != ".jsonl":
        assert list(df.columns) == COLUMNS
