"""Corpus command line: `python -m events add FILE…`, `list`, `remove ID`, `set-date ID DATE`, all on
the store in NENPYO_DATA_DIR; one line per file; exit 2 with a one-line message on bad input."""
from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from events.cli import main
from events.store import Store

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "北朝鮮の金正恩氏は2023年9月5日、ロシアを訪問した。\n翌日に帰国した。\n"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    d = tmp_path / "data"
    monkeypatch.setenv("NENPYO_DATA_DIR", str(d))
    return d


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_prints_one_line_per_file_and_adds_the_rest(data_dir, tmp_path, capsys):
    files = tmp_path / "in"
    files.mkdir()
    (files / "sjis.txt").write_bytes(ARTICLE.encode("shift_jis"))
    (files / "empty.txt").write_bytes(b"")
    (files / "dup.txt").write_bytes((ROOT / "events/data/corpus/000.txt").read_bytes())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("../../evil.txt", "x")
        z.writestr("ok.txt", "プーチン大統領は13日、金正恩氏と会談した。")
    (files / "batch.zip").write_bytes(buf.getvalue())
    code, out, err = _run(capsys, "add", *(str(files / n) for n in
                                           ("sjis.txt", "empty.txt", "dup.txt", "batch.zip", "missing.txt")))
    lines = out.splitlines()
    assert code == 2
    assert sorted(lines) == sorted([
        "added sjis ← sjis.txt",
        "skipped empty.txt: empty file",
        "skipped dup.txt: duplicate of document 000 (same text)",
        "skipped batch.zip/../../evil.txt: path goes outside the archive (..)",
        "added ok ← batch.zip/ok.txt",
        "skipped missing.txt: cannot read (No such file or directory)",
    ])
    assert err.strip() == "error: 4 files not added (2 added)"
    ids = {d.id for d in Store().documents()}
    assert {"sjis", "ok"} <= ids and len(ids) == 7


def test_add_folder_with_manifest(data_dir, tmp_path, capsys):
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "a.txt").write_text("両首脳は13日に会談した。", encoding="euc_jp")
    (folder / "manifest.csv").write_text("id,file,title,published\nnews-1,a.txt,会談,2023-09-14\n", encoding="utf-8")
    code, out, _ = _run(capsys, "add", str(folder))
    assert code == 0 and out == "added news-1 ← a.txt\n"
    code, out, _ = _run(capsys, "list")
    assert code == 0
    line = next(l for l in out.splitlines() if l.startswith("news-1"))
    assert line.split() == ["news-1", "2023-09-14", "manifest", "会談"]


def test_list_shows_id_date_how_and_title(data_dir, capsys):
    code, out, _ = _run(capsys, "list")
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["id", "date", "how", "set", "title"]
    assert lines[1].split()[:3] == ["000", "2023-09-05", "manifest"]
    assert len(lines) == 6


def test_set_date_then_list_and_remove(data_dir, capsys):
    assert _run(capsys, "set-date", "003", "令和5年9月13日")[:2] == (0, "003: date set to 2023-09-13\n")
    code, out, _ = _run(capsys, "list", "--json")
    assert '"id": "003", "date": "2023-09-13", "date_source": "override"' in out
    assert _run(capsys, "set-date", "003", "--clear")[1] == "003: date correction dropped\n"
    assert _run(capsys, "remove", "003")[:2] == (0, "removed 003\n")
    assert Store().get("003") is None


BAD = [
    ("unknown id", ("remove", "nope"), "error: nope: no such document"),
    ("path as id", ("remove", "../../etc/passwd"), "error: '../../etc/passwd': not a document id"),
    ("impossible date", ("set-date", "000", "2023-02-30"), "error: '2023-02-30': not a date (2023-02 has no day 30)"),
    ("garbage date", ("set-date", "000", "いつか"), "error: 'いつか': not a date"),
    ("date and clear", ("set-date", "000", "2023-09-05", "--clear"), "error: set-date: give either a DATE or --clear"),
    ("unknown id set-date", ("set-date", "zzz", "2023-09-05"), "error: zzz: no such document"),
    ("bad --date", ("add", "x.txt", "--date", "2023-02-30"), "error: '2023-02-30': not a date"),
]


@pytest.mark.parametrize("argv, message", [c[1:] for c in BAD], ids=[c[0] for c in BAD])
def test_bad_input_exits_2_with_one_line(data_dir, capsys, argv, message):
    code, out, err = _run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith(message) and err.count("\n") == 1, err


def test_fifty_megabyte_file_is_refused_without_reading_it(data_dir, tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as f:  # sparse: 50 MB on paper, nothing on disk
        f.truncate(50 * 2**20)
    ok = tmp_path / "ok.txt"
    ok.write_bytes(ARTICLE.encode("cp932"))
    env = {**os.environ, "NENPYO_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "events", "add", str(big), str(ok)], cwd=tmp_path,
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 2
    assert proc.stdout.splitlines() == ["skipped big.txt: 50.0 MB is over the 20 MB limit", "added ok ← ok.txt"]
    assert proc.stderr == "error: 1 file not added (1 added)\n"
    assert Store(data_dir).get("ok").text == ARTICLE


def test_default_data_dir_is_dot_nenpyo(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("NENPYO_DATA_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    assert _run(capsys, "remove", "000")[0] == 0
    assert (tmp_path / ".nenpyo" / "nenpyo.sqlite3").is_file()
