"""Input stage: decoding, HTML extraction, manifest, user dates, corpus loading."""
from __future__ import annotations

import codecs
import csv
import random
from datetime import date
from pathlib import Path

import pytest

from events.io import (
    MAX_BYTES,
    InputError,
    bundled_corpus_dir,
    decode_bytes,
    html_to_article,
    load_corpus,
    read_document,
    read_manifest,
    read_text_file,
)
from events.userdate import parse_user_date

ARTICLE = "北朝鮮の金正恩氏は9月5日、ロシアを訪問した。「会談は成功だ」と述べた。\n翌日に帰国した。\n"

# ---------------------------------------------------------------------------------------------
# decode_bytes: accepted encodings

DECODE_OK = [
    ("utf8", ARTICLE.encode("utf-8"), ARTICLE, "utf-8"),
    ("utf8-bom", codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), ARTICLE, "utf-8-sig"),
    ("shift_jis", ARTICLE.encode("shift_jis"), ARTICLE, "shift_jis"),
    ("cp932-only ①髙", "①髙橋氏は９月５日に来日した。\n".encode("cp932"), "①髙橋氏は９月５日に来日した。\n", "cp932"),
    ("euc-jp", ARTICLE.encode("euc_jp"), ARTICLE, "euc_jp"),
    ("utf16-le-bom", ARTICLE.encode("utf-16"), ARTICLE, "utf-16"),
    ("utf16-be-bom", codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), ARTICLE, "utf-16"),
    ("iso-2022-jp", ARTICLE.encode("iso2022_jp"), ARTICLE, "iso2022_jp"),
    ("ascii", b"Putin met Kim on 13 September 2023.", "Putin met Kim on 13 September 2023.", "utf-8"),
    ("crlf", "一行目\r\n二行目\r\n".encode("utf-8"), "一行目\n二行目\n", "utf-8"),
    ("lone-cr", "一行目\r二行目\r".encode("cp932"), "一行目\n二行目\n", "shift_jis"),
    ("crlf-sjis", "会談\r\n９月".encode("shift_jis"), "会談\n９月", "shift_jis"),
]


@pytest.mark.parametrize("data, text, encoding", [c[1:] for c in DECODE_OK], ids=[c[0] for c in DECODE_OK])
def test_decode_accepts(data, text, encoding):
    assert decode_bytes(data, "a.txt") == (text, encoding)


@pytest.mark.parametrize("data", [c[1] for c in DECODE_OK], ids=[c[0] for c in DECODE_OK])
def test_decoded_text_is_what_the_named_codec_gives(data):
    # The encoding name is honest: decoding with it gives the same text (before newline
    # normalisation and without the BOM).
    text, encoding = decode_bytes(data, normalize_newlines=False)
    assert data.decode(encoding).lstrip("\ufeff") == text


def test_keep_newlines_on_request():
    assert decode_bytes(b"a\r\nb", normalize_newlines=False)[0] == "a\r\nb"


# Short texts valid in both CP932 and EUC-JP: the more plausible Japanese reading must win.
SHORT = ["今日", "会談", "東京", "北朝鮮", "ロシア", "経済", "大阪", "火曜日", "日本の首相", "２０２３年９月５日",
         "選挙は来月だ", "気象庁によると", "株価が上昇した"]


@pytest.mark.parametrize("encoding", ["shift_jis", "euc_jp"])
@pytest.mark.parametrize("word", SHORT, ids=SHORT)
def test_cp932_or_euc_decided_by_plausibility(word, encoding):
    text, _ = decode_bytes(word.encode(encoding))
    assert text == word


def test_bundled_articles_round_trip_through_legacy_encodings():
    for path in sorted(bundled_corpus_dir().glob("*.txt")):
        original = path.read_text(encoding="utf-8")
        for encoding in ("cp932", "euc_jp"):
            data = original.encode(encoding, errors="replace")  # – and similar become "?"
            assert decode_bytes(data)[0] == data.decode(encoding), (path.name, encoding)


# ---------------------------------------------------------------------------------------------
# decode_bytes: refused input

_rng = random.Random(5)
RANDOM_WITH_NULS = bytes(_rng.randrange(256) for _ in range(4096))
assert b"\x00" in RANDOM_WITH_NULS

DECODE_BAD = [
    ("empty", b"", "x.txt: empty file"),
    ("whitespace-only", b" \n\t \r\n", "x.txt: empty file (only whitespace)"),
    ("ideographic-space-only", "\u3000\u3000\n".encode("utf-8"), "empty file"),
    ("bom-only", codecs.BOM_UTF8, "empty file"),
    ("utf16-whitespace", "  \n".encode("utf-16"), "empty file"),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "x.txt: binary file (PNG image), not text"),
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary file (PDF document)"),
    ("zip", b"PK\x03\x04" + bytes(30), "binary file (ZIP archive"),
    ("random-with-nuls", RANDOM_WITH_NULS, "x.txt: binary file, not text"),
    ("control-chars", bytes(range(1, 9)) * 20 + "本文".encode("utf-8"), "binary file, not text"),
    ("utf16-binary", "abc\x00\x01\x02\x03".encode("utf-16"), "binary file, not text"),
    ("utf8+sjis-mix", ARTICLE.encode("utf-8") + ARTICLE.encode("shift_jis"),
     "x.txt: cannot decode as UTF-8, Shift_JIS/CP932 or EUC-JP"),
    # valid CP932 by accident, but it reads as half-width katakana and rare kanji
    ("utf8+stray-byte-valid-cp932", "ン大統領、ウラジオストクで".encode("utf-8") + b"\x82\xa0",
     "cannot decode"),
    ("invalid-bytes", b"abc \x81\xff\xfe\x80\x80 def", "cannot decode"),
    ("utf8-as-cp932-garbage", ("中国語ではない日本語の記事です。" * 3).encode("utf-8")[1:], "cannot decode"),
    ("bad-utf16-bom", codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid UTF-16"),
    ("over-limit", b"a" * (MAX_BYTES + 1), "x.txt: 20.0 MB is over the 20 MB limit"),
]


@pytest.mark.parametrize("data, message", [c[1:] for c in DECODE_BAD], ids=[c[0] for c in DECODE_BAD])
def test_decode_refuses(data, message):
    with pytest.raises(InputError) as err:
        decode_bytes(data, "x.txt")
    assert message in str(err.value)
    assert str(err.value).startswith("x.txt: ")
    assert "\n" not in str(err.value)


def test_input_error_is_a_value_error():
    assert issubclass(InputError, ValueError)


# ---------------------------------------------------------------------------------------------
# read_text_file / read_document


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "shift_jis", "cp932", "euc_jp", "utf-16"])
def test_read_text_file_encodings(tmp_path, encoding):
    path = tmp_path / f"a.{encoding}.txt"
    path.write_bytes(ARTICLE.replace("\n", "\r\n").encode(encoding))
    assert read_text_file(path) == ARTICLE


def test_read_text_file_keeps_crlf_on_request(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("会談\r\n".encode("utf-8"))
    assert read_text_file(path, normalize_newlines=False) == "会談\r\n"


def test_huge_file_refused_without_reading(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as f:  # sparse: takes no disk space
        f.truncate(60 * 2**20 + 200_000)
    with pytest.raises(InputError, match=r"^big\.txt: 60\.2 MB is over the 20 MB limit$"):
        read_text_file(path)
    docs, warnings = load_corpus([path])
    assert docs == [] and warnings == ["big.txt: 60.2 MB is over the 20 MB limit (skipped)"]


PATH_ERRORS = [
    ("missing", lambda d: d / "nope.txt", "nope.txt: no such file"),
    ("folder", lambda d: d, "is a folder, not a file"),
    ("empty", lambda d: _write(d / "000.sjis.txt", b""), "000.sjis.txt: empty file"),
    ("binary", lambda d: _write(d / "x.bin.txt", b"\x89PNG\r\n\x1a\n" + bytes(100)), "x.bin.txt: binary file"),
]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("make, message", [c[1:] for c in PATH_ERRORS], ids=[c[0] for c in PATH_ERRORS])
def test_read_text_file_errors(tmp_path, make, message):
    with pytest.raises(InputError, match=message.replace(".", r"\.")):
        read_text_file(make(tmp_path))


def test_read_document_txt(tmp_path):
    path = _write(tmp_path / "kim.txt", ARTICLE.encode("euc_jp"))
    doc = read_document(path, title="題", published=date(2023, 9, 5))
    assert (doc.id, doc.text, doc.title, doc.published, doc.url) == ("kim", ARTICLE, "題", date(2023, 9, 5), "")
    assert doc.source == str(path)
    assert read_document(path, doc_id="k1").id == "k1"


def test_read_document_unsupported_type(tmp_path):
    with pytest.raises(InputError, match=r"^a\.pdf: unsupported file type \.pdf"):
        read_document(_write(tmp_path / "a.pdf", b"%PDF-1.4"))


def test_read_document_html_shift_jis_with_meta_charset(tmp_path):
    html = ('<html><head><meta charset="Shift_JIS"><title>北朝鮮～ロシア</title>'
            '<meta property="article:published_time" content="2023-09-13T10:00:00+09:00"></head>'
            '<body><p>①金正恩氏は13日、プーチン氏と会談した。</p></body></html>')
    doc = read_document(_write(tmp_path / "page.html", html.encode("cp932")))
    assert doc.text == "①金正恩氏は13日、プーチン氏と会談した。"
    assert doc.title == "北朝鮮～ロシア"
    assert doc.published == date(2023, 9, 13)
    # the caller's values win over the page's
    doc = read_document(tmp_path / "page.html", title="T", published=date(2023, 9, 14))
    assert (doc.title, doc.published) == ("T", date(2023, 9, 14))


def test_read_document_html_without_text(tmp_path):
    path = _write(tmp_path / "empty.htm", b"<html><head><title>t</title><script>x()</script></head><body></body></html>")
    with pytest.raises(InputError, match=r"^empty\.htm: no article text found"):
        read_document(path)


# ---------------------------------------------------------------------------------------------
# HTML → article

HOSTILE = """<!DOCTYPE html><html><head><title>Page</title>
<script>document.write('悪意のスクリプト')</script><style>p { color: red }</style></head>
<body onload="alert(1)"><header><a href="/">サイト名</a></header>
<nav><ul><li>ホーム</li><li>政治</li></ul></nav>
<div class="body"><p>ロシアの<b>プーチン</b>大統領は5日、会談した。</p>
<img src="x" onerror="alert('onerror本文')"><p>両首脳は&lt;b&gt;協力&lt;/b&gt;で合意&amp;署名した。</p>
<noscript>JavaScriptを有効に</noscript><form><label>検索</label><input name=q></form>
<aside>関連記事：別の話題</aside><p>最後の段落</p></div>
<footer>著作権表示</footer><script src="evil.js"></script></body></html>"""

HTML_TEXT = [
    ("script-and-onerror-dropped", HOSTILE,
     "ロシアのプーチン大統領は5日、会談した。\n両首脳は<b>協力</b>で合意&署名した。\n最後の段落",
     ["悪意", "alert", "onerror", "color", "ホーム", "サイト名", "JavaScript", "検索", "関連記事", "著作権"]),
    ("paragraph-per-line",
     "<h2>見出し</h2><p>一段落</p><div>二段落<br>改行後</div><ul><li>項目1</li><li>項目2</li></ul>",
     "見出し\n一段落\n二段落\n改行後\n項目1\n項目2", []),
    ("japanese-line-break-joined", "<p>ロシアの大統領は\n  5日、会談\n した。</p><p>Two\nwords</p>",
     "ロシアの大統領は5日、会談した。\nTwo words", []),
    ("entities", "<p>&#x91D1;&#27491;&#24681;&nbsp;&quot;氏&quot; &copy;</p>", "金正恩\xa0\"氏\" ©", []),
    ("article-header-kept-page-header-dropped",
     "<header><h1>サイト</h1></header><article><header><h1>記事見出し</h1>"
     "<time datetime='2023-09-05'>2023年9月5日</time></header><p>本文。</p></article>",
     "記事見出し\n2023年9月5日\n本文。", ["サイト"]),
    ("longest-article-chosen",
     "<main><article><p>" + "本文です。" * 30 + "</p></article>"
     "<article><p>関連の記事</p></article></main>",
     "本文です。" * 30, ["関連"]),
    ("teaser-articles-do-not-hide-the-body",
     "<div><p>" + "本文です。" * 30 + "</p></div><article><p>関連の記事</p></article>",
     "本文です。" * 30 + "\n関連の記事", []),
    ("pre-keeps-lines", "<pre>一行目\n二行目</pre>", "一行目\n二行目", []),
    ("unclosed-tags", "<p>段落一<p>段落二<div><nav>メニュー<p>本文三", "段落一\n段落二", ["メニュー", "本文三"]),
    ("title-without-head-not-in-text", "<title>題名</title><p>本文</p>", "本文", ["題名"]),
    ("comments", "<p>表示<!-- 隠し --></p>", "表示", ["隠し"]),
]


@pytest.mark.parametrize("html, text, absent", [c[1:] for c in HTML_TEXT], ids=[c[0] for c in HTML_TEXT])
def test_html_text(html, text, absent):
    got = html_to_article(html)[0]
    assert got == text
    for word in absent:
        assert word not in got


HTML_META = [
    ("og-title-first", '<title>Page | Site</title><meta property="og:title" content="記事 &amp; 見出し"><h1>h1</h1>',
     "記事 & 見出し", None, ""),
    ("title-tag", "<title>\n 北朝鮮 | サイト </title><h1>h1</h1>", "北朝鮮 | サイト", None, ""),
    ("h1-fallback", "<header><h1>サイト名</h1></header><h1>記事の見出し</h1><p>x</p>", "記事の見出し", None, ""),
    ("article:published_time",
     '<meta property="article:published_time" content="2023-09-05T20:22:00+09:00"><time datetime="2020-01-01">',
     "", date(2023, 9, 5), ""),
    ("og:published_time", '<meta property="og:published_time" content="2023-09-12">', "", date(2023, 9, 12), ""),
    ("json-ld", '<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, '
                '{"@type": "NewsArticle", "datePublished": "2023-09-13T08:00:00Z"}]}</script>',
     "", date(2023, 9, 13), ""),
    ("json-ld-broken-then-time", '<script type="application/ld+json">{oops</script><time datetime="2023-09-14T10:00">x</time>',
     "", date(2023, 9, 14), ""),
    ("time-pubdate-preferred", '<time datetime="2023-09-01">a</time><time pubdate datetime="2023-09-15">b</time>',
     "", date(2023, 9, 15), ""),
    ("meta-name-date", '<meta name="date" content="2023/9/16">', "", date(2023, 9, 16), ""),
    ("meta-pubdate-compact", '<meta name="pubdate" content="20230917">', "", date(2023, 9, 17), ""),
    ("meta-japanese-date", '<meta name="date" content="2023年9月18日">', "", date(2023, 9, 18), ""),
    ("meta-impossible-date", '<meta name="date" content="2023-02-30">', "", None, ""),
    ("canonical", '<link rel="canonical" href="https://example.jp/a/1"><meta property="og:url" content="https://x/">',
     "", None, "https://example.jp/a/1"),
    ("og-url", '<meta property="og:url" content="https://example.jp/a/2">', "", None, "https://example.jp/a/2"),
]


@pytest.mark.parametrize("html, title, published, url", [c[1:] for c in HTML_META], ids=[c[0] for c in HTML_META])
def test_html_metadata(html, title, published, url):
    _, got_title, got_published, got_url = html_to_article(html)
    assert (got_title, got_published, got_url) == (title, published, url)


# ---------------------------------------------------------------------------------------------
# Manifest

GOOD_MANIFEST = """id,file,title,published,published_note,language
a1,a.txt,記事A,2023-09-05,stated,ja
b1,b.txt,記事B,2023-02-30,typo,ja
,c.txt,記事C,,,ja
d1,d.txt,記事D,令和5年9月12日,,ja
"""


def test_manifest_reads_rows_and_records_bad_dates(tmp_path):
    manifest = read_manifest(_write(tmp_path / "manifest.csv", GOOD_MANIFEST.encode("utf-8")))
    assert set(manifest) == {"a.txt", "b.txt", "c.txt", "d.txt"}
    assert manifest["a.txt"].id == "a1" and manifest["a.txt"].published == date(2023, 9, 5)
    assert manifest["a.txt"].note == "stated" and manifest["a.txt"].title == "記事A"
    assert manifest["b.txt"].published is None
    assert "'2023-02-30': not a date" in manifest["b.txt"].warning
    assert manifest["c.txt"].id == "c" and manifest["c.txt"].published is None and not manifest["c.txt"].warning
    assert manifest["d.txt"].published == date(2023, 9, 12)
    assert manifest.warnings == ["manifest.csv line 3 (b.txt): '2023-02-30': not a date (2023-02 has no day 30);"
                                 " published ignored"]


MANIFEST_BAD = [
    ("no-published", "id,file,title\n1,a.txt,t\n", "manifest.csv: missing column published"),
    ("no-file-no-title", "id,published\n1,2023-09-05\n", "manifest.csv: missing columns file, title"),
    ("empty", "", "manifest.csv: empty file"),
]


@pytest.mark.parametrize("text, message", [c[1:] for c in MANIFEST_BAD], ids=[c[0] for c in MANIFEST_BAD])
def test_manifest_refused(tmp_path, text, message):
    with pytest.raises(InputError, match="^" + message):
        read_manifest(_write(tmp_path / "manifest.csv", text.encode("utf-8")))


def test_manifest_in_shift_jis_with_odd_header(tmp_path):
    text = " ID , File ,Title,Published\r\nx,x.txt,見出し,2023年9月5日\r\nx,y.txt,重複,\r\n"
    manifest = read_manifest(_write(tmp_path / "manifest.csv", text.encode("cp932")))
    assert manifest["x.txt"].title == "見出し" and manifest["x.txt"].published == date(2023, 9, 5)
    assert "y.txt" not in manifest and "id 'x' used twice" in manifest.warnings[0]


# ---------------------------------------------------------------------------------------------
# Corpus


def test_bundled_corpus_matches_its_manifest():
    docs, warnings = load_corpus()
    assert warnings == []
    with (bundled_corpus_dir() / "manifest.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(docs) == len(rows) == 5
    assert [(d.id, d.title, d.published.isoformat()) for d in docs] == \
           [(r["id"], r["title"], r["published"]) for r in rows]
    assert all(len(d.text) > 1000 for d in docs)


def test_load_corpus_skips_bad_files_and_keeps_the_rest(tmp_path):
    (tmp_path / "manifest.csv").write_text(
        "id,file,title,published\ns1,sjis.txt,Shift_JIS記事,2023-09-05\nb1,bad_date.txt,t,2023-02-30\n"
        "g1,gone.txt,t,2023-09-05\nh1,page.html,マニフェストの題,2023-09-20\n", encoding="utf-8")
    _write(tmp_path / "sjis.txt", ARTICLE.encode("shift_jis"))
    _write(tmp_path / "bad_date.txt", ARTICLE.encode("euc_jp"))
    _write(tmp_path / "000.empty.txt", b"")
    _write(tmp_path / "img.txt", b"\x89PNG\r\n\x1a\n" + bytes(50))
    _write(tmp_path / "page.html", '<title>頁</title><meta name="date" content="2023-09-01"><p>本文</p>'.encode("utf-8"))
    _write(tmp_path / "README.md", b"not an article")
    docs, warnings = load_corpus([tmp_path, tmp_path / "sjis.txt", tmp_path / "missing.txt"])
    assert [(d.id, d.title, d.published) for d in docs] == [
        ("b1", "t", None),
        ("h1", "マニフェストの題", date(2023, 9, 20)),  # the manifest wins over the page's meta
        ("s1", "Shift_JIS記事", date(2023, 9, 5)),
    ]
    assert warnings == [
        "manifest.csv line 3 (bad_date.txt): '2023-02-30': not a date (2023-02 has no day 30); published ignored",
        "000.empty.txt: empty file (skipped)",
        "img.txt: binary file (PNG image), not text (skipped)",
        "missing.txt: no such file (skipped)",
        "manifest.csv: lists gone.txt, which is not in " + tmp_path.name,
    ]


def test_load_corpus_broken_manifest_and_duplicate_ids(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    _write(a / "x.txt", "一つ目".encode("utf-8"))
    _write(b / "x.txt", "二つ目".encode("utf-8"))
    _write(b / "manifest.csv", b"id,file\n1,x.txt\n")
    docs, warnings = load_corpus([a, b])
    assert [(d.id, d.text) for d in docs] == [("x", "一つ目"), ("x-2", "二つ目")]
    assert warnings == [
        "manifest.csv: missing columns title, published (needs id,file,title,published); manifest ignored",
        "x.txt: id 'x' already used; renamed to 'x-2'",
    ]


def test_load_corpus_missing_folder_and_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    docs, warnings = load_corpus([tmp_path / "empty", tmp_path / "nowhere"])
    assert docs == []
    assert warnings == ["empty: no .txt/.html/.htm files in this folder", "nowhere: no such file or folder"]


# ---------------------------------------------------------------------------------------------
# User-given dates (dateparser's only place)

USER_DATES = [
    ("iso", "2023-09-05", date(2023, 9, 5)),
    ("slashes", "2023/9/5", date(2023, 9, 5)),
    ("dots", "2023.9.5", date(2023, 9, 5)),
    ("japanese", "2023年9月5日", date(2023, 9, 5)),
    ("japanese-spaced", "2023 年 9 月 5 日", date(2023, 9, 5)),
    ("full-width", "２０２３年９月５日", date(2023, 9, 5)),
    ("with-weekday", "2023年9月5日(火)", date(2023, 9, 5)),
    ("with-time", "2023年9月5日 午後8時22分", date(2023, 9, 5)),
    ("iso-datetime-tz", "2023-09-05T23:30:00-05:00", date(2023, 9, 5)),
    ("reiwa", "令和5年9月5日", date(2023, 9, 5)),
    ("reiwa-gannen", "令和元年5月1日", date(2019, 5, 1)),
    ("heisei-gannen", "平成元年1月8日", date(1989, 1, 8)),
    ("heisei-31", "平成31年4月30日", date(2019, 4, 30)),
    ("showa", "昭和64年1月7日", date(1989, 1, 7)),
    ("taisho", "大正12年9月1日", date(1923, 9, 1)),
    ("meiji", "明治元年10月23日", date(1868, 10, 23)),
    ("era-letter", "R5.9.5", date(2023, 9, 5)),
    ("kanji-numerals", "令和五年九月五日", date(2023, 9, 5)),
    ("kanji-ten", "二〇二三年十二月二十五日", date(2023, 12, 25)),
    ("english-mdy", "Sep 5 2023", date(2023, 9, 5)),
    ("english-dmy-time", "5 September 2023 20:22", date(2023, 9, 5)),
    ("english-long", "September 5, 2023", date(2023, 9, 5)),
    ("day-first-unambiguous", "13/9/2023", date(2023, 9, 13)),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in USER_DATES], ids=[c[0] for c in USER_DATES])
def test_parse_user_date(text, expected):
    assert parse_user_date(text) == expected


NOT_DATES = [
    ("garbage", "hello"),
    ("empty", ""),
    ("blank", "   "),
    ("feb-30", "2023-02-30"),
    ("feb-29-not-leap", "2023年2月29日"),
    ("month-13", "2023年13月5日"),
    ("month-13-iso", "2023-13-01"),
    ("month-only", "2023年9月"),
    ("no-year", "9月5日"),
    ("year-only", "2023"),
    ("weekday-only", "金曜日"),
    ("relative", "yesterday"),
    ("ambiguous-order", "05/09/2023"),
    ("reiwa-0", "令和0年1月1日"),
    ("trailing-words", "2023年9月5日ごろ"),
    ("timestamp", "1693872000"),
]


@pytest.mark.parametrize("text", [c[1] for c in NOT_DATES], ids=[c[0] for c in NOT_DATES])
def test_parse_user_date_refuses(text):
    with pytest.raises(InputError, match=r": not a date"):
        parse_user_date(text)


def test_io_reexports_parse_user_date():
    from events import io

    assert io.parse_user_date is parse_user_date
