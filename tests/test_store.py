"""Store stage: the SQLite corpus store — creation and seeding, migrations, documents and date
overrides, duplicates, the per-document analysis cache, revisions, concurrency and crashes."""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sqlite3
from datetime import date

import pytest

from events import store as storemod
from events.ingest import Upload
from events.io import load_corpus
from events.pipeline import analyze_corpus
from events.store import DB_NAME, LATEST_SCHEMA, Store, StoreError
from events.table import event_table

ARTICLE = "北朝鮮の金正恩氏は2023年9月5日、ロシアを訪問した。\n翌日に帰国した。\n"
# Relative dates only: where its events land depends on the document's date.
RELATIVE = "金正恩氏とプーチン大統領は13日、ロシア極東で会談した。\n"


def _article(i: int) -> bytes:
    return f"第{i}報。北朝鮮の金正恩氏は2023年9月{1 + i % 28}日、ロシアを訪問した。\n".encode("utf-8")


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    d = tmp_path / "data"
    monkeypatch.setenv("NENPYO_DATA_DIR", str(d))
    return d


@pytest.fixture
def empty(tmp_path):
    return Store(tmp_path / "empty", seed=False)


# ---------------------------------------------------------------------------------------------
# Creation, seeding, migrations


def test_first_run_creates_and_seeds_the_store_in_the_data_dir(data_dir):
    assert not data_dir.exists()
    store = Store()
    assert (data_dir / DB_NAME).is_file()
    docs = store.documents()
    assert [d.id for d in docs] == ["000", "001", "002", "003", "004"]
    bundled, _ = load_corpus()
    assert [d.text for d in docs] == [d.text for d in bundled]
    assert docs[0].published == date(2023, 9, 5) and docs[0].published_source == "manifest"
    assert store.original("000")[2] == (bundled[0].source and open(bundled[0].source, "rb").read())
    assert store.schema_version() == LATEST_SCHEMA
    con = sqlite3.connect(data_dir / DB_NAME)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_seeded_once_not_again_after_everything_is_removed(data_dir):
    store = Store()
    for d in store.documents():
        store.remove(d.id)
    assert Store().documents() == []


def test_newer_schema_is_refused(data_dir):
    Store()
    con = sqlite3.connect(data_dir / DB_NAME)
    con.execute("INSERT INTO schema_version VALUES (?)", (LATEST_SCHEMA + 1,))
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="written by a newer nenpyo"):
        Store()


def test_garbage_file_is_a_clear_error(data_dir):
    data_dir.mkdir()
    (data_dir / DB_NAME).write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError, match="not a usable nenpyo store"):
        Store()


def test_migrations_are_ordered_and_recorded(empty):
    versions = [v for v, _, _ in storemod.MIGRATIONS]
    assert versions == sorted(versions) == list(range(1, LATEST_SCHEMA + 1))
    con = sqlite3.connect(empty.path)
    assert [r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY version")] == versions


# ---------------------------------------------------------------------------------------------
# Adding: batches, duplicates, ids


def test_batch_with_bad_files_adds_the_rest(empty):
    msgs = empty.add_files([
        Upload("a.txt", ARTICLE.encode("shift_jis")),
        Upload("empty.txt", b""),
        Upload("bin.txt", b"\x89PNG\r\n\x1a\n" + bytes(64)),
        Upload("b.txt", RELATIVE.encode("euc_jp")),
    ])
    assert sorted((m.status, m.name) for m in msgs) == [
        ("added", "a.txt"), ("added", "b.txt"), ("skipped", "bin.txt"), ("skipped", "empty.txt")]
    assert [d.id for d in empty.documents()] == ["a", "b"]
    assert empty.get("a").text == ARTICLE and empty.get("a").encoding == "shift_jis"


def test_duplicate_names_the_existing_document(empty):
    empty.add_files([Upload("a.txt", ARTICLE.encode())])
    rev = empty.revision()
    msgs = empty.add_files([Upload("copy.txt", ARTICLE.encode("euc_jp"))])  # same text, other bytes
    assert [(m.status, m.text) for m in msgs] == [("skipped", "copy.txt: duplicate of document a (same text)")]
    with pytest.raises(StoreError, match="duplicate of document a"):
        empty.add_document(ARTICLE)
    assert empty.revision() == rev and len(empty.documents()) == 1


def test_duplicate_inside_one_batch(empty):
    msgs = empty.add_files([Upload("a.txt", ARTICLE.encode()), Upload("b.txt", ARTICLE.encode("cp932"))])
    assert [m.status for m in msgs] == ["added", "skipped"] and "duplicate of document a" in msgs[1].text


def test_taken_id_gets_a_suffix(empty):
    empty.add_files([Upload("a.txt", ARTICLE.encode())])
    msgs = empty.add_files([Upload("a.txt", RELATIVE.encode())])
    assert msgs[0].doc_id == "a-2" and "id a was taken; stored as a-2" in msgs[0].line()


def test_pasted_text_with_metadata(empty):
    doc_id = empty.add_document(RELATIVE, title="<script>x</script>会談", source="共同", url="https://example.jp/x",
                                published="令和5年9月13日")
    d = empty.get(doc_id)
    assert (d.title, d.source, d.url) == ("<script>x</script>会談", "共同", "https://example.jp/x")
    assert (d.published, d.published_source) == (date(2023, 9, 13), "given")


@pytest.mark.parametrize("kwargs, message", [
    ({"published": "2023-02-30"}, "not a date (2023-02 has no day 30)"),
    ({"url": "javascript:alert(1)"}, "not an http(s) URL"),
    ({"doc_id": "../../etc/passwd"}, "not a document id"),
    ({"published": "9" * 10_000}, "too long"),
], ids=["impossible date", "javascript url", "path id", "huge date"])
def test_add_document_bad_input(empty, kwargs, message):
    with pytest.raises(StoreError, match=message.replace("(", r"\(").replace(")", r"\)")):
        empty.add_document(ARTICLE, **kwargs)
    assert empty.documents() == []


def test_html_original_is_kept_and_text_has_no_script(empty):
    html = b"<title>T</title><p>9\xe6\x9c\x885\xe6\x97\xa5</p><script>alert(1)</script><img onerror=alert(2)>"
    empty.add_files([Upload("p.html", html)])
    d = empty.get("p")
    assert "alert" not in d.text and d.media_type == "text/html"
    assert empty.original("p") == ("p.html", "text/html", html)


# ---------------------------------------------------------------------------------------------
# Untrusted ids

@pytest.mark.parametrize("doc_id", ["../../etc/passwd", "", None, "x" * 1000, "nope", "000;DROP TABLE", 7],
                         ids=["traversal", "empty", "None", "huge", "unknown", "sql", "int"])
def test_get_untrusted_ids_give_none(data_dir, doc_id):
    store = Store()
    assert store.get(doc_id) is None and store.original(doc_id) is None and store.overrides(doc_id) == []


@pytest.mark.parametrize("doc_id, message", [("nope", "nope: no such document"), ("../x", "not a document id")],
                         ids=["unknown", "malformed"])
def test_remove_and_set_date_refuse_bad_ids(data_dir, doc_id, message):
    store = Store()
    with pytest.raises(StoreError, match=message):
        store.remove(doc_id)
    with pytest.raises(StoreError, match=message):
        store.set_date(doc_id, "2023-09-05")


# ---------------------------------------------------------------------------------------------
# Dates: overrides win and are recorded


def test_override_wins_over_the_manifest_and_can_be_dropped(data_dir):
    store = Store()
    assert store.set_date("003", "2023年9月13日（水）") == date(2023, 9, 13)
    d = store.get("003")
    assert (d.published, d.published_source, d.given_published) == (date(2023, 9, 13), "override", date(2023, 9, 12))
    assert d.override_set_at and d.override_raw == "2023年9月13日（水）"
    status = {s.id: s for s in store.statuses()}["003"]
    assert (status.date, status.date_source, status.confidence) == (date(2023, 9, 13), "override", 1.0)
    store.set_date("003", None)
    d = store.get("003")
    assert (d.published, d.published_source) == (date(2023, 9, 12), "manifest")
    assert [o[0] for o in store.overrides("003")] == ["2023-09-13", None]


@pytest.mark.parametrize("value, message", [
    ("2023-02-30", "'2023-02-30': not a date (2023-02 has no day 30)"),
    ("2023年13月5日", "there is no month 13"),
    ("そのうち", "not a date"),
    ("", "not a date"),
    ("1" * 500, "too long"),
], ids=["feb 30", "month 13", "garbage", "empty", "huge"])
def test_set_date_bad_dates(data_dir, value, message):
    store = Store()
    rev = store.revision()
    with pytest.raises(StoreError) as e:
        store.set_date("000", value)
    assert message in str(e.value) and "\n" not in str(e.value)
    assert store.revision() == rev and store.overrides("000") == []


def test_date_sources_of_text_documents(empty):
    empty.add_files([Upload("a.txt", "今日2023年9月5日、両首脳が会談した。".encode())])
    status = empty.statuses()[0]
    assert status.date == date(2023, 9, 5) and status.date_source in ("text", "inferred")


# ---------------------------------------------------------------------------------------------
# Derived data: cache and revision


def test_event_table_equals_a_fresh_build(data_dir):
    store = Store()
    docs = [d.to_document() for d in store.documents()]
    expected = event_table(analyze_corpus(docs))
    table = store.event_table()
    assert table.equals(expected)
    assert Store().analyses() == analyze_corpus(docs)  # the JSON cache round-trips exactly
    assert Store().event_table().equals(expected)  # from the persisted cache, in a new process-like store


def test_only_affected_documents_are_reextracted(data_dir):
    store = Store()
    store.event_table()
    assert store.last_extracted == ["000", "001", "002", "003", "004"]
    fresh = Store()  # no in-process memo: the cache is read back from SQLite
    fresh.event_table()
    assert fresh.last_extracted == []
    fresh.set_date("001", "2023-09-20")
    fresh.event_table()
    assert fresh.last_extracted == ["001"]
    fresh.add_files([Upload("n.txt", RELATIVE.encode())])
    fresh.event_table()
    assert fresh.last_extracted == ["n"]
    fresh.update("002", title="新しい題", source="BBC", url="https://www.bbc.com/japanese/x")
    fresh.event_table()
    assert fresh.last_extracted == []  # metadata does not change the extraction
    fresh.remove("004")
    table = fresh.event_table()
    assert fresh.last_extracted == [] and "004" not in set(table["doc_id"])


def test_correcting_a_date_moves_the_events(empty):
    empty.add_document(RELATIVE, doc_id="rel", published="2023-09-14")
    before = empty.event_table()
    assert set(before.loc[before.doc_id == "rel", "date_start"]) == {date(2023, 9, 13)}
    empty.set_date("rel", "2024-06-20")
    after = empty.event_table()
    assert set(after.loc[after.doc_id == "rel", "date_start"]) == {date(2024, 6, 13)}


def test_revision_changes_with_the_corpus_only(empty):
    revs = [empty.revision()]
    empty.add_files([Upload("a.txt", ARTICLE.encode())])
    revs.append(empty.revision())
    empty.event_table()  # derived data: no new revision
    assert empty.revision() == revs[-1]
    empty.set_date("a", "2023-09-06")
    revs.append(empty.revision())
    empty.update("a", title="題")
    revs.append(empty.revision())
    empty.remove("a")
    revs.append(empty.revision())
    assert len(set(revs)) == len(revs)


def test_update_refuses_script_urls(empty):
    empty.add_files([Upload("a.txt", ARTICLE.encode())])
    with pytest.raises(StoreError, match="not an http"):
        empty.update("a", url="javascript:alert(1)")
    empty.update("a", url="")
    assert empty.get("a").url == ""


def test_stale_cache_written_by_other_code_is_recomputed(empty):
    empty.add_files([Upload("a.txt", ARTICLE.encode())])
    empty.event_table()
    con = sqlite3.connect(empty.path)
    con.execute("UPDATE analyses SET data = '{\"bogus\": 1}'")
    con.commit()
    con.close()
    fresh = Store(empty.data_dir, seed=False)
    assert len(fresh.event_table()) > 0 and fresh.last_extracted == ["a"]


# ---------------------------------------------------------------------------------------------
# Crashes and concurrency


def test_crash_in_the_middle_of_a_batch_writes_nothing(empty):
    empty.add_files([Upload("first.txt", ARTICLE.encode())])
    rev = empty.revision()
    calls = []

    def crash(doc_id):
        calls.append(doc_id)
        if len(calls) == 2:
            raise KeyboardInterrupt("killed")  # BaseException, like a real interruption

    empty._after_insert = crash
    with pytest.raises(KeyboardInterrupt):
        empty.add_files([Upload(f"{i}.txt", _article(i)) for i in range(4)])
    empty._after_insert = None
    assert [d.id for d in empty.documents()] == ["first"] and empty.revision() == rev
    again = Store(empty.data_dir, seed=False)  # the next start works and the batch can be redone
    msgs = again.add_files([Upload(f"{i}.txt", _article(i)) for i in range(4)])
    assert [m.status for m in msgs] == ["added"] * 4


def _import_then_hang(data_dir, ready):
    store = Store(data_dir, seed=False)
    n = []

    def hang(doc_id):
        n.append(doc_id)
        if len(n) == 3:
            ready.set()
            signal.pause()  # wait here, inside the transaction, to be killed

    store._after_insert = hang
    store.add_files([Upload(f"{i}.txt", _article(i)) for i in range(6)])


def test_process_killed_mid_import_leaves_the_store_consistent(tmp_path):
    data_dir = tmp_path / "data"
    Store(data_dir, seed=False).add_files([Upload("first.txt", ARTICLE.encode())])
    ctx = mp.get_context("fork")
    ready = ctx.Event()
    proc = ctx.Process(target=_import_then_hang, args=(data_dir, ready))
    proc.start()
    assert ready.wait(60)
    os.kill(proc.pid, signal.SIGKILL)
    proc.join(10)
    assert proc.exitcode == -signal.SIGKILL
    store = Store(data_dir, seed=False)
    assert [d.id for d in store.documents()] == ["first"]
    assert store.add_files([Upload("second.txt", RELATIVE.encode())])[0].status == "added"
    con = sqlite3.connect(store.path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _add_many(data_dir, start, count, barrier, out):
    barrier.wait()
    store = Store(data_dir)  # both open a fresh data dir at once: migration and seeding race too
    statuses = []
    for i in range(start, start + count):
        statuses += [m.status for m in store.add_files([Upload(f"p{i}.txt", _article(i))])]
    out.put(statuses)


def test_two_processes_adding_at_the_same_time_both_succeed(tmp_path):
    data_dir = tmp_path / "data"
    ctx = mp.get_context("fork")
    barrier, out = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_add_many, args=(data_dir, s, 15, barrier, out)) for s in (0, 100)]
    for p in procs:
        p.start()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(30)
        assert p.exitcode == 0
    assert all(r == ["added"] * 15 for r in results)
    ids = {d.id for d in Store(data_dir).documents()}
    assert len(ids) == 5 + 30  # the sample corpus seeded exactly once, and every added article
