"""Ingest stage: uploaded bytes (.txt/.html/.zip, manifest.csv, pasted text) → prepared documents
and one message per file. Bad input gets a message naming the file and the problem."""
from __future__ import annotations

import codecs
import io
import zipfile
from datetime import date

import pytest

from events import ingest
from events.ingest import Upload, derive_id, prepare_text, prepare_uploads, valid_id
from events.io import InputError

ARTICLE = "北朝鮮の金正恩氏は2023年9月5日、ロシアを訪問した。\n翌日に帰国した。\n"


def _zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _skipped(msgs, name):
    return [m.text for m in msgs if m.status == "skipped" and m.name == name]


# ---------------------------------------------------------------------------------------------
# Encodings: accepted, with the right text

ACCEPTED = [
    ("utf-8", ARTICLE.encode("utf-8")),
    ("utf-8 BOM", codecs.BOM_UTF8 + ARTICLE.encode("utf-8")),
    ("Shift_JIS", ARTICLE.encode("shift_jis")),
    ("EUC-JP", ARTICLE.encode("euc_jp")),
    ("CRLF", ARTICLE.replace("\n", "\r\n").encode("utf-8")),
]


@pytest.mark.parametrize("data", [c[1] for c in ACCEPTED], ids=[c[0] for c in ACCEPTED])
def test_encodings_give_the_same_text(data):
    prepared, msgs = prepare_uploads([Upload("a.txt", data)])
    assert msgs == []
    assert prepared[0].doc.text == ARTICLE  # no BOM, LF newlines
    assert prepared[0].original == data  # the original bytes are kept
    assert prepared[0].hash == ingest.content_hash(ARTICLE)


def test_cp932_extensions():
    text = "①髙橋氏は９月５日に来日した。\n"
    prepared, msgs = prepare_uploads([Upload("b.txt", text.encode("cp932"))])
    assert not msgs and prepared[0].doc.text == text and prepared[0].encoding == "cp932"


# ---------------------------------------------------------------------------------------------
# Refused files: one message naming the file and the problem, the rest still prepared

REFUSED = [
    ("empty", "empty.txt", b"", "empty.txt: empty file"),
    ("whitespace", "blank.txt", b"  \n\n", "blank.txt: empty file"),
    ("binary PNG", "pic.txt", b"\x89PNG\r\n\x1a\n" + bytes(100), "pic.txt: binary file (PNG image)"),
    ("NUL bytes", "nul.txt", b"abc\x00def" * 10, "nul.txt: binary file"),
    ("undecodable", "bad.txt", "会談".encode("utf-8") + b"\xff\xfe\xfa" + "した".encode("utf-8") * 20,
     "bad.txt: cannot decode"),
    ("unsupported type", "a.pdf", b"%PDF-1.4", "a.pdf: unsupported file type .pdf"),
    ("no extension", "README", b"text", "README: unsupported file type (no extension)"),
    ("html without text", "e.html", b"<html><script>x()</script></html>", "e.html: no article text"),
]


@pytest.mark.parametrize("name, data, message", [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_refused_file_names_file_and_problem_and_rest_is_kept(name, data, message):
    prepared, msgs = prepare_uploads([Upload(name, data), Upload("good.txt", ARTICLE.encode())])
    assert [p.name for p in prepared] == ["good.txt"]
    texts = _skipped(msgs, name)
    assert len(texts) == 1 and texts[0].startswith(message), texts


def test_fifty_megabytes_is_refused():
    big = b"a" * (50 * 2**20)
    prepared, msgs = prepare_uploads([Upload("big.txt", big), Upload("good.txt", ARTICLE.encode())])
    assert [p.name for p in prepared] == ["good.txt"]
    assert _skipped(msgs, "big.txt") == ["big.txt: 50.0 MB is over the 20 MB limit"]


# ---------------------------------------------------------------------------------------------
# HTML


def test_html_drops_scripts_and_handlers_but_keeps_the_original():
    html = ("<html><head><title>会談の記事</title>"
            '<meta property="article:published_time" content="2023-09-13T10:00:00+09:00">'
            '<link rel="canonical" href="https://example.jp/a"></head><body>'
            "<script>alert('x')</script><nav>トップ</nav>"
            '<article><p>両首脳は13日に会談した。</p><img src=x onerror="alert(1)">'
            "<p>&lt;b&gt;強調&lt;/b&gt;も文字だ。</p></article></body></html>").encode("utf-8")
    prepared, msgs = prepare_uploads([Upload("page.html", html)])
    assert not msgs
    p = prepared[0]
    assert "alert" not in p.doc.text and "<script" not in p.doc.text and "onerror" not in p.doc.text
    assert "トップ" not in p.doc.text
    assert p.doc.text == "両首脳は13日に会談した。\n<b>強調</b>も文字だ。"  # escaped text stays text
    assert p.doc.title == "会談の記事"
    assert (p.doc.published, p.published_source) == (date(2023, 9, 13), "html-meta")
    assert p.doc.url == "https://example.jp/a"
    assert p.original == html and p.media_type == "text/html"


def test_html_in_shift_jis():
    html = '<meta charset="Shift_JIS"><p>①髙橋氏は９月５日に来日した。</p>'.encode("cp932")
    prepared, msgs = prepare_uploads([Upload("sjis.html", html)])
    assert not msgs and prepared[0].doc.text == "①髙橋氏は９月５日に来日した。"


def test_javascript_url_is_dropped():
    html = b'<link rel="canonical" href="javascript:alert(1)"><p>9/5 meeting.</p>'
    prepared, _ = prepare_uploads([Upload("j.html", html)])
    assert prepared[0].doc.url == ""


# ---------------------------------------------------------------------------------------------
# Zip archives

def test_zip_members_are_read_in_memory_with_their_folder_manifest():
    manifest = "id,file,title,published\nk1,a.txt,記事A,2023-09-05\n".encode("utf-8")
    data = _zip({"sub/a.txt": ARTICLE.encode("euc_jp"), "sub/manifest.csv": manifest,
                 "b.html": b"<p>Putin met Kim on 13 September 2023.</p>"})
    prepared, msgs = prepare_uploads([Upload("batch.zip", data)])
    assert msgs == []
    by_name = {p.name: p for p in prepared}
    assert set(by_name) == {"batch.zip/sub/a.txt", "batch.zip/b.html"}
    a = by_name["batch.zip/sub/a.txt"]
    assert (a.doc.id, a.doc.title, a.doc.published, a.published_source) == ("k1", "記事A", date(2023, 9, 5), "manifest")
    assert a.doc.text == ARTICLE


UNSAFE = [
    ("parent", "../../x.txt", "path goes outside the archive"),
    ("parent inside", "a/../../x.txt", "path goes outside the archive"),
    ("absolute", "/etc/passwd.txt", "absolute path"),
    ("drive", "C:/Windows/x.txt", "absolute path"),
    ("backslashes", "..\\..\\x.txt", "path goes outside the archive"),
    ("mac junk", "__MACOSX/._a.txt", "archiver metadata"),
    ("nested zip", "inner.zip", "a zip inside a zip is not opened"),
    ("other type", "photo.jpg", "unsupported file type .jpg"),
]


@pytest.mark.parametrize("member, problem", [c[1:] for c in UNSAFE], ids=[c[0] for c in UNSAFE])
def test_zip_refuses_unsafe_members_and_keeps_the_rest(member, problem):
    data = _zip({member: ARTICLE.encode() + b"x", "ok.txt": ARTICLE.encode()})
    prepared, msgs = prepare_uploads([Upload("u.zip", data)])
    assert [p.name for p in prepared] == ["u.zip/ok.txt"]
    bad = [m for m in msgs if m.status == "skipped"]
    assert len(bad) == 1 and problem in bad[0].text and bad[0].text.startswith("u.zip/"), bad


def test_zip_bomb_member_is_refused_by_ratio():
    data = _zip({"bomb.txt": b"0" * (12 * 2**20), "ok.txt": ARTICLE.encode()})
    assert len(data) < 100_000
    prepared, msgs = prepare_uploads([Upload("bomb.zip", data)])
    assert [p.name for p in prepared] == ["bomb.zip/ok.txt"]
    assert "zip bomb" in _skipped(msgs, "bomb.zip/bomb.txt")[0]


def test_zip_bomb_member_over_the_size_limit(monkeypatch):
    monkeypatch.setattr(ingest, "MAX_ZIP_RATIO", 10**9)  # the size limit alone must hold too
    data = _zip({"bomb.txt": b"0" * (21 * 2**20)})
    _, msgs = prepare_uploads([Upload("bomb.zip", data)])
    assert "over the 20 MB limit" in _skipped(msgs, "bomb.zip/bomb.txt")[0]


@pytest.mark.parametrize("limit, value, problem", [
    ("MAX_ZIP_MEMBERS", 2, "3 files in the archive, over the limit of 2"),
    ("MAX_ZIP_TOTAL", 100, "would expand to"),
    ("MAX_ZIP_BYTES", 10, "archive is over the"),
], ids=["members", "total size", "archive size"])
def test_zip_limits_refuse_the_whole_archive(monkeypatch, limit, value, problem):
    monkeypatch.setattr(ingest, limit, value)
    data = _zip({f"{i}.txt": ARTICLE.encode() + bytes([48 + i]) for i in range(3)})
    prepared, msgs = prepare_uploads([Upload("z.zip", data), Upload("ok.txt", ARTICLE.encode())])
    assert [p.name for p in prepared] == ["ok.txt"]
    assert problem in _skipped(msgs, "z.zip")[0]


@pytest.mark.parametrize("data, problem", [
    (b"PK\x03\x04 not really a zip", "not a valid zip archive"),
    (b"", "not a valid zip archive"),
    (_zip({}), "empty zip archive"),
], ids=["damaged", "empty file", "no members"])
def test_broken_zip(data, problem):
    prepared, msgs = prepare_uploads([Upload("z.zip", data)])
    assert prepared == [] and problem in _skipped(msgs, "z.zip")[0]


def test_zip_with_cp932_member_names():
    # Japanese Windows writes CP932 names without the UTF-8 flag.
    data = _zip({"abcd.txt": ARTICLE.encode()}).replace(b"abcd.txt", "記事.txt".encode("cp932"))
    prepared, _ = prepare_uploads([Upload("j.zip", data)])
    assert prepared[0].name == "j.zip/記事.txt"
    assert prepared[0].doc.id.startswith("doc-")


# ---------------------------------------------------------------------------------------------
# Manifests

def test_manifest_with_missing_columns_is_ignored_but_files_are_added():
    manifest = b"file,title\na.txt,A\n"
    prepared, msgs = prepare_uploads([Upload("manifest.csv", manifest), Upload("a.txt", ARTICLE.encode())])
    assert [p.doc.id for p in prepared] == ["a"] and prepared[0].doc.title == ""
    assert [m.text for m in msgs] == ["manifest.csv: missing columns id, published (needs id,file,title,published)"
                                      "; manifest ignored"]


def test_manifest_impossible_date_is_reported_and_the_file_added_without_it():
    manifest = "id,file,title,published\nx1,a.txt,記事,2023-02-30\n".encode()
    prepared, msgs = prepare_uploads([Upload("manifest.csv", manifest), Upload("a.txt", ARTICLE.encode())])
    assert (prepared[0].doc.id, prepared[0].doc.published, prepared[0].published_source) == ("x1", None, None)
    assert len(msgs) == 1 and msgs[0].status == "warning"
    assert "manifest.csv line 2 (a.txt): '2023-02-30': not a date (2023-02 has no day 30)" in msgs[0].text


def test_manifest_listing_a_missing_file_and_an_invalid_id():
    manifest = "id,file,title,published\n../etc,a.txt,A,2023-09-05\nz,gone.txt,Z,2023-09-05\n".encode()
    prepared, msgs = prepare_uploads([Upload("manifest.csv", manifest), Upload("a.txt", ARTICLE.encode())])
    assert prepared[0].doc.id == "a" and prepared[0].doc.published == date(2023, 9, 5)
    texts = [m.text for m in msgs]
    assert any("'../etc' is not a valid document id" in t for t in texts)
    assert any("lists gone.txt, which was not uploaded" in t for t in texts)


def test_given_date_applies_to_files_without_a_manifest_date():
    prepared, _ = prepare_uploads([Upload("a.txt", ARTICLE.encode())], published=date(2023, 9, 6))
    assert (prepared[0].doc.published, prepared[0].published_source) == (date(2023, 9, 6), "given")


# ---------------------------------------------------------------------------------------------
# Ids and pasted text

IDS = [
    ("003.txt", "003"),
    ("my article.txt", "my-article"),
    ("記事.txt", "doc-0123456789"),
    ("../../etc/passwd.txt", "passwd"),
    ("-x.txt", "x"),
    ("a" * 200 + ".txt", "a" * 64),
]


@pytest.mark.parametrize("name, expected", IDS, ids=[c[0][:20] for c in IDS])
def test_derived_ids_are_safe(name, expected):
    doc_id = derive_id(name, "0123456789abcdef")
    assert doc_id == expected and valid_id(doc_id)


@pytest.mark.parametrize("doc_id, ok", [
    ("000", True), ("doc-1_a", True), ("", False), ("../x", False), ("a/b", False), ("-a", False),
    ("a" * 64, True), ("a" * 65, False), ("記事", False), (None, False), (3, False), ("a\n", False),
], ids=lambda v: repr(v)[:12])
def test_valid_id(doc_id, ok):
    assert valid_id(doc_id) is ok


def test_pasted_text():
    p = prepare_text("  9月5日に会談した。 ", title="<b>題</b>", url="javascript:x", published=date(2023, 9, 5))
    assert p.doc.title == "<b>題</b>" and p.doc.url == "" and p.published_source == "given"
    assert p.doc.id.startswith("doc-")
    with pytest.raises(InputError, match="pasted text: empty file"):
        prepare_text("   ")
