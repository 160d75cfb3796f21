"""Input stage: article files on disk (.txt / .html, any common Japanese encoding, a manifest.csv)
→ events.model.Document objects. The only module that reads article files.

Every problem with the input becomes an InputError whose message is one line naming the file and
the problem ("000.txt: empty file"); batch loading (load_corpus) turns those into warnings so one
bad file never stops the others.

Newlines: decode_bytes, read_text_file and read_document return text whose line ends are
normalised to "\\n" (CRLF and lone CR both become "\\n") and whose byte-order mark is removed.
All offsets elsewhere in the project index that text. A caller that must index the bytes' text
with CRLF intact passes normalize_newlines=False.
"""
from __future__ import annotations

import codecs
import csv
import io as _stdio
import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Iterable

from .model import Document
from .userdate import parse_user_date

__all__ = [
    "InputError", "MAX_BYTES", "TEXT_SUFFIXES", "HTML_SUFFIXES", "MANIFEST_NAME",
    "decode_bytes", "read_text_file", "read_document", "html_to_article",
    "ManifestRow", "Manifest", "read_manifest", "parse_user_date",
    "bundled_corpus_dir", "load_corpus",
]


class InputError(ValueError):
    """Bad input. The message is one line: "<file name>: <problem>"."""


MAX_BYTES = 20 * 1024 * 1024  # 20 MB: far above any news article, below a memory problem
TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
MANIFEST_NAME = "manifest.csv"
MANIFEST_REQUIRED = ("id", "file", "title", "published")

# ---------------------------------------------------------------------------------------------
# Decoding

# Checked longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Signatures of common binary formats, so the message can say what the file seems to be.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (also .docx/.xlsx)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"),
    (b"\x7fELF", "executable"),
)
# Control characters that plain text never contains (tab, LF, VT, FF, CR and ESC are allowed:
# ESC introduces ISO-2022-JP shifts).
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}
_MAX_CONTROL_RATIO = 0.01
_MIN_SCORED_CHARS = 16  # below this, too few characters to call a decoding implausible
_MIN_PLAUSIBILITY = 0.5
_SAMPLE_CHARS = 65536  # binary and plausibility checks look at the start only: enough evidence


def _binary_reason(data: bytes) -> str | None:
    """Why these bytes look like a binary file, or None for text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return f"binary file ({kind}), not text"
    if b"\x00" in data:
        return "binary file, not text"
    sample = data[:_SAMPLE_CHARS]
    controls = sum(1 for b in sample if b in _CONTROL)
    if controls > max(1, _MAX_CONTROL_RATIO * len(sample)):
        return "binary file, not text"
    return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _japanese_plausibility(text: str) -> float:
    """How much `text` looks like Japanese prose, per non-ASCII character (higher = more).

    Reading EUC-JP bytes as CP932 or the reverse yields half-width katakana, rare (JIS level 2)
    kanji and symbols instead of the hiragana and common kanji every Japanese sentence has."""
    score = 0.0
    n = 0
    for ch in text[:_SAMPLE_CHARS]:
        cp = ord(ch)
        if cp < 0x80:
            continue
        n += 1
        if 0x3041 <= cp <= 0x309F:  # hiragana: particles and endings in every sentence
            score += 2.0
        elif 0x30A0 <= cp <= 0x30FF or 0x3000 <= cp <= 0x303F:  # katakana, 、。「」
            score += 1.0
        elif 0x4E00 <= cp <= 0x9FFF:
            score += 1.0 if _is_level1_kanji(ch) else -0.5
        elif 0xFF01 <= cp <= 0xFF5E:  # full-width ASCII
            score += 0.5
        elif 0xFF61 <= cp <= 0xFF9F:  # half-width katakana: rare in news, typical of mis-decoding
            score -= 1.0
        elif 0xE000 <= cp <= 0xF8FF:  # private use area
            score -= 2.0
        else:
            score -= 0.5
    return score / n if n else 0.0


@lru_cache(maxsize=8192)
def _is_level1_kanji(ch: str) -> bool:
    """JIS X 0208 level 1 (the ~3000 common kanji) occupy EUC-JP lead bytes 0xB0-0xCF."""
    try:
        return 0xB0 <= ch.encode("euc_jp")[0] <= 0xCF
    except UnicodeEncodeError:
        return False


def _decode_legacy_japanese(data: bytes) -> tuple[str, str] | None:
    """Bytes that are not UTF-8: Shift_JIS/CP932 or EUC-JP, or None."""
    candidates: list[tuple[str, str]] = []
    sjis = _strict(data, "cp932")
    if sjis is not None:
        # Plain Shift_JIS when the stricter codec agrees; CP932 when Windows extensions
        # (①, 髙, Ⅲ, ㈱ …) are needed. Same text in both cases, so data.decode(name) == text.
        candidates.append((sjis, "shift_jis" if _strict(data, "shift_jis") == sjis else "cp932"))
    euc = _strict(data, "euc_jp")
    if euc is not None:
        candidates.append((euc, "euc_jp"))
    if not candidates:
        return None
    # Both decoded: the more plausible Japanese wins; a tie goes to CP932, the commoner one.
    text, encoding = max(candidates, key=lambda c: _japanese_plausibility(c[0]))
    # Bytes of another encoding (UTF-8 with a stray byte, GBK …) can happen to be valid CP932
    # and come out as half-width katakana and rare kanji. On the sample articles, every
    # 20-character window of real Japanese scores >= 0.9 and every such mis-decoding <= 0.3.
    if sum(1 for c in text[:_SAMPLE_CHARS] if ord(c) >= 0x80) >= _MIN_SCORED_CHARS \
            and _japanese_plausibility(text) < _MIN_PLAUSIBILITY:
        return None
    return text, encoding


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _size_message(size: int) -> str:
    return f"{size / 2**20:.1f} MB is over the {MAX_BYTES // 2**20} MB limit"


def decode_bytes(data: bytes, name: str = "<input>", *,
                 normalize_newlines: bool = True) -> tuple[str, str]:
    """Decode an article's bytes → (text, encoding name).

    Accepts UTF-8 (with or without BOM; the BOM is removed), UTF-16/UTF-32 with a BOM, Shift_JIS,
    CP932, EUC-JP and ISO-2022-JP. When bytes are valid both as CP932 and as EUC-JP, the reading
    that looks more like Japanese prose wins. The returned name is a Python codec name
    ("utf-8", "utf-8-sig", "utf-16", "shift_jis", "cp932", "euc_jp", …).

    Newlines are normalised to "\\n" (CRLF and CR → LF) unless normalize_newlines=False; every
    offset in the project indexes the normalised text.

    >>> decode_bytes("今日は9月5日".encode("euc_jp"))
    ('今日は9月5日', 'euc_jp')

    Raises InputError ("<name>: empty file", "<name>: binary file, not text", …).
    """
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: {_size_message(len(data))}")
    if not data:
        raise InputError(f"{name}: empty file")
    result: tuple[str, str] | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data, encoding)
            if text is None:
                raise InputError(f"{name}: has a {encoding.upper()} byte-order mark but is not valid {encoding.upper()}")
            result = (text.lstrip("\ufeff"), encoding)
            break
    if result is None:
        reason = _binary_reason(data)
        if reason:
            raise InputError(f"{name}: {reason}")
        if b"\x1b$" in data and max(data) < 0x80:  # 7-bit ISO-2022-JP (old mail and news feeds)
            for encoding in ("iso2022_jp", "iso2022_jp_ext"):
                text = _strict(data, encoding)
                if text is not None:
                    result = (text, encoding)
                    break
    if result is None:
        text = _strict(data, "utf-8")
        result = (text, "utf-8") if text is not None else _decode_legacy_japanese(data)
    if result is None:
        raise InputError(f"{name}: cannot decode as UTF-8, Shift_JIS/CP932 or EUC-JP")
    text, encoding = result
    sample = text[:_SAMPLE_CHARS]
    if "\x00" in text or sum(1 for c in sample if ord(c) in _CONTROL) > max(1, _MAX_CONTROL_RATIO * len(sample)):
        raise InputError(f"{name}: binary file, not text")
    if not text.strip():
        raise InputError(f"{name}: empty file (only whitespace)")
    if normalize_newlines:
        text = _normalize_newlines(text)
    return text, encoding


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing missing, non-regular and over-large files without reading them."""
    name = path.name or str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as e:
        raise InputError(f"{name}: cannot read ({e.strerror or e})") from None
    if path.is_dir():
        raise InputError(f"{name}: is a folder, not a file")
    if not path.is_file():
        raise InputError(f"{name}: not a regular file")
    if st.st_size > MAX_BYTES:
        raise InputError(f"{name}: {_size_message(st.st_size)}")
    try:
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)  # the file may have grown since stat()
    except OSError as e:
        raise InputError(f"{name}: cannot read ({e.strerror or e})") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: over the {MAX_BYTES // 2**20} MB limit")
    return data


def read_text_file(path: str | Path, *, normalize_newlines: bool = True) -> str:
    """Read and decode any text file (see decode_bytes); newlines normalised to "\\n"."""
    path = Path(path)
    text, _ = decode_bytes(_read_bytes(path), path.name, normalize_newlines=normalize_newlines)
    return text


# ---------------------------------------------------------------------------------------------
# HTML

# Page furniture whose text is never part of the article. header/footer are furniture only
# outside <article>/<main>: an article's own <header> holds its headline and dateline.
_SKIP_TAGS = frozenset({"script", "style", "nav", "aside", "form", "noscript", "template", "svg",
                        "iframe", "object", "canvas", "select", "button", "textarea", "head",
                        "title"})  # <title> also outside <head>: it is metadata, not text
_CHROME_TAGS = frozenset({"header", "footer"})
_BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "section", "article", "main", "header", "footer", "figure",
    "figcaption", "table", "tr", "td", "th", "caption", "hr", "address", "summary", "details",
})
_VOID_TAGS = frozenset({"br", "hr", "img", "meta", "link", "input", "wbr", "source", "area",
                        "base", "col", "embed", "param", "track"})
# meta tags naming the publication date, strongest first
_DATE_META = ("article:published_time", "og:published_time", "datepublished", "date", "pubdate",
              "publishdate", "publish-date", "publish_date", "dc.date.issued", "dc.date",
              "dcterms.issued", "dcterms.created", "sailthru.date", "parsely-pub-date")
_WIDE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff01-\uff60]")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")


def _collapse_whitespace(raw: str) -> str:
    """Browser-like whitespace collapsing, except that a line break next to a Japanese (wide)
    character disappears instead of becoming a space: Japanese has no spaces between words."""

    def repl(m: re.Match) -> str:
        before = raw[m.start() - 1] if m.start() else ""
        after = raw[m.end()] if m.end() < len(raw) else ""
        if "\n" in m.group(0) and (_WIDE.match(before or " ") or _WIDE.match(after or " ")):
            return ""
        return " "

    return re.sub(r"[ \t\n\r\f]+", repl, raw).strip()


class _ArticleParser(HTMLParser):
    """Collects text blocks (with the <article>/<main> they belong to) and metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, int | None, bool]] = []  # (text, article index, in main)
        self._buf: list[str] = []
        self._skip: list[str] = []  # open skipped elements
        self._open_regions: list[tuple[str, int | None]] = []  # open article/main elements
        self._article_count = 0
        self._pre = 0
        self._title_parts: list[str] | None = None
        self._h1_parts: list[str] | None = None
        self._jsonld_parts: list[str] | None = None
        self.meta: dict[str, str] = {}
        self.title_tag = ""
        self.h1 = ""
        self.canonical = ""
        self.jsonld: list[str] = []
        self.time_datetimes: list[tuple[bool, str]] = []  # (marked as publication?, value)

    # regions -------------------------------------------------------------------------------
    def _article(self) -> int | None:
        for tag, idx in reversed(self._open_regions):
            if tag == "article":
                return idx
        return None

    def _in_main(self) -> bool:
        return any(tag == "main" for tag, _ in self._open_regions)

    def _flush(self) -> None:
        if self._buf:
            raw = "".join(self._buf)
            self._buf = []
            lines = raw.split("\n") if self._pre else [raw]
            for line in lines:
                text = line.strip() if self._pre else _collapse_whitespace(line)
                if text:
                    self.blocks.append((text, self._article(), self._in_main()))

    # parser callbacks ----------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
            if key and a.get("content") and key not in self.meta:
                self.meta[key] = a["content"].strip()
            return
        if tag == "link":
            if "canonical" in a.get("rel", "").lower().split() and a.get("href") and not self.canonical:
                self.canonical = a["href"].strip()
            return
        if tag == "time" and a.get("datetime"):
            marked = "pubdate" in a or a.get("itemprop", "").lower() == "datepublished"
            self.time_datetimes.append((marked, a["datetime"].strip()))
        if tag == "title" and self._title_parts is None and not self.title_tag and "svg" not in self._skip:
            self._title_parts = []
        if tag == "script" and "ld+json" in a.get("type", "").lower():
            self._jsonld_parts = []
        if tag in _VOID_TAGS:
            if tag in _BLOCK_TAGS and not self._skip:
                self._flush()
            return
        if self._skip or tag in _SKIP_TAGS or (tag in _CHROME_TAGS and not self._open_regions):
            self._skip.append(tag)
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag == "article":
            self._open_regions.append((tag, self._article_count))
            self._article_count += 1
        elif tag == "main":
            self._open_regions.append((tag, None))
        elif tag == "pre":
            self._pre += 1
        elif tag == "h1" and not self.h1:
            self._h1_parts = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title_parts is not None:
            self.title_tag = _collapse_whitespace("".join(self._title_parts))
            self._title_parts = None
        if tag == "script" and self._jsonld_parts is not None:
            self.jsonld.append("".join(self._jsonld_parts))
            self._jsonld_parts = None
        if self._skip:
            if tag in self._skip:  # close it and anything left unclosed inside it
                while self._skip.pop() != tag:
                    pass
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag == "h1" and self._h1_parts is not None:
            self.h1 = _collapse_whitespace("".join(self._h1_parts))
            self._h1_parts = None
        if tag in ("article", "main"):
            for i in range(len(self._open_regions) - 1, -1, -1):
                if self._open_regions[i][0] == tag:
                    del self._open_regions[i:]
                    break
        elif tag == "pre" and self._pre:
            self._pre -= 1

    def handle_data(self, data: str) -> None:
        if self._title_parts is not None:
            self._title_parts.append(data)
        if self._jsonld_parts is not None:
            self._jsonld_parts.append(data)
        if self._skip:
            return
        if self._h1_parts is not None:
            self._h1_parts.append(data)
        self._buf.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def _iso_or_user_date(value: str) -> date | None:
    """A date from metadata: ISO 8601 (the date as written, in its own time zone), else any
    form parse_user_date understands, else None."""
    m = _ISO_DATE.match(value)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    m = re.fullmatch(r"\s*(\d{4})(\d{2})(\d{2})\s*", value)  # 20230905
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    try:
        return parse_user_date(value)
    except InputError:
        return None


def _jsonld_values(node: object, key: str) -> Iterable[object]:
    if isinstance(node, dict):
        for k, v in node.items():
            if k == key:
                yield v
            else:
                yield from _jsonld_values(v, key)
    elif isinstance(node, list):
        for item in node:
            yield from _jsonld_values(item, key)


def _published_from(p: _ArticleParser) -> date | None:
    candidates: list[str] = [p.meta[k] for k in _DATE_META[:2] if k in p.meta]
    for raw in p.jsonld:
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        candidates += [v for v in _jsonld_values(data, "datePublished") if isinstance(v, str)]
    candidates += [p.meta[k] for k in _DATE_META[2:] if k in p.meta]
    candidates += [v for marked, v in p.time_datetimes if marked]
    candidates += [v for marked, v in p.time_datetimes if not marked]
    for value in candidates:
        d = _iso_or_user_date(value)
        if d is not None:
            return d
    return None


def _select_blocks(p: _ArticleParser) -> list[str]:
    """The article's own blocks: the longest <article> when it holds a good part of the page's
    text, else <main>, else everything that is not page furniture. Teasers of other stories
    are often <article>s too, hence the longest, and only when it dominates."""
    lengths: dict[int, int] = {}
    for text, art, _ in p.blocks:
        if art is not None:
            lengths[art] = lengths.get(art, 0) + len(text)
    if lengths:
        best = max(lengths, key=lambda k: lengths[k])
        total = sum(len(t) for t, _, _ in p.blocks)
        if lengths[best] >= 0.4 * total:  # else the <article>s are teaser cards, not the story
            return [t for t, art, _ in p.blocks if art == best]
    main = [t for t, _, in_main in p.blocks if in_main]
    if main:
        return main
    return [t for t, _, _ in p.blocks]


def html_to_article(html: str) -> tuple[str, str, date | None, str]:
    """HTML page → (text, title, publication date or None, canonical URL or "").

    Text: one paragraph per line (p, h1-h6, li, br, div … start new lines), entities unescaped,
    scripts/styles/nav/aside/forms and page header/footer dropped, attributes (onerror= …)
    ignored; nothing is ever executed or fetched. Only the standard library's html.parser.

    >>> html_to_article("<title>T</title><p>9月5日に会談</p><script>x()</script>")[0]
    '9月5日に会談'
    """
    p = _ArticleParser()
    p.feed(html)
    p.close()
    text = "\n".join(_select_blocks(p))
    title = p.meta.get("og:title") or p.title_tag or p.h1
    title = _collapse_whitespace(title)
    url = p.canonical or p.meta.get("og:url", "")
    return text, title, _published_from(p), url


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def _decode_html(data: bytes, name: str) -> tuple[str, str]:
    """HTML bytes → (text, encoding), trusting a declared <meta charset> when the bytes agree."""
    m = _META_CHARSET.search(data[:4096])
    if m and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        declared = m.group(1).decode("ascii").lower()
        if declared in ("shift_jis", "shift-jis", "sjis", "x-sjis", "windows-31j", "cp932", "ms932"):
            declared = "cp932"  # what pages labelled Shift_JIS really use
        if declared in ("cp932", "euc-jp", "euc_jp", "utf-8", "iso-2022-jp") and len(data) <= MAX_BYTES \
                and not _binary_reason(data):
            text = _strict(data, declared)
            if text is not None and text.strip():
                return _normalize_newlines(text), declared
    return decode_bytes(data, name)


@dataclass(frozen=True)
class Article:
    """What one .txt or .html file holds: the text, and for a page its title, date and URL."""

    text: str
    encoding: str
    is_html: bool
    title: str = ""
    published: date | None = None
    url: str = ""


def article_from_bytes(data: bytes, name: str) -> Article:
    """Bytes of a .txt/.html/.htm file → Article (the file name decides the kind). Raises InputError
    naming the file."""
    if Path(name).suffix.lower() not in HTML_SUFFIXES:
        text, encoding = decode_bytes(data, name)
        return Article(text, encoding, False)
    html, encoding = _decode_html(data, name)
    try:
        text, page_title, page_date, url = html_to_article(html)
    except Exception as e:  # html.parser is lenient; this guards a batch against the unknown
        raise InputError(f"{name}: cannot parse HTML ({type(e).__name__})") from None
    if not text.strip():
        raise InputError(f"{name}: no article text found in the HTML")
    return Article(text, encoding, True, page_title, page_date, url)


# ---------------------------------------------------------------------------------------------
# Documents


def read_document(path: str | Path, *, doc_id: str | None = None, title: str = "",
                  published: date | None = None) -> Document:
    """Read one .txt or .html/.htm file → Document.

    id: doc_id, else the file stem. For HTML, title/published/url come from the page when not
    given. Text files keep title "" unless given. Raises InputError."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise InputError(f"{path.name}: unsupported file type {suffix or '(no extension)'}"
                         " (expected .txt, .html or .htm)")
    article = article_from_bytes(_read_bytes(path), path.name)
    text, url = article.text, article.url
    title = title or article.title
    published = published or article.published
    return Document(id=doc_id or path.stem, text=text, title=title, published=published,
                    source=str(path), url=url)


# ---------------------------------------------------------------------------------------------
# Manifest


@dataclass(frozen=True)
class ManifestRow:
    """One manifest line. published is None when empty or invalid (then `warning` says why)."""

    id: str
    file: str
    title: str
    published: date | None
    note: str = ""  # the published_note column
    language: str = ""
    warning: str = ""


class Manifest(dict):
    """dict file name → ManifestRow, plus `warnings`: one line per problem row (bad date,
    missing file name, duplicate), which never stops the rest from being read."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.warnings: list[str] = []


def read_manifest(path: str | Path) -> Manifest:
    """Read a manifest CSV (columns id,file,title,published[,published_note,language]).

    Returns a Manifest: a dict keyed by the `file` column (as written, "/"-separated) whose
    `.warnings` list holds per-row problems, e.g.
    "manifest.csv line 3 (x.txt): '2023-02-30': not a date (2023-02 has no day 30); published ignored".
    Missing required columns, or an unreadable file, raise InputError."""
    path = Path(path)
    name = path.name
    text, _ = decode_bytes(_read_bytes(path), name)
    reader = csv.reader(_stdio.StringIO(text))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as e:
        raise InputError(f"{name}: not a CSV file ({e})") from None
    columns = [h.strip().lower() for h in header]
    missing = [c for c in MANIFEST_REQUIRED if c not in columns]
    if missing:
        raise InputError(f"{name}: missing column{'s' if len(missing) > 1 else ''} "
                         f"{', '.join(missing)} (needs {','.join(MANIFEST_REQUIRED)})")
    col = {c: columns.index(c) for c in columns if c}
    manifest = Manifest()
    seen_ids: set[str] = set()
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue

            def get(c: str) -> str:
                i = col.get(c)
                return row[i].strip() if i is not None and i < len(row) else ""

            file = get("file").replace("\\", "/")
            where = f"{name} line {line}" + (f" ({file})" if file else "")
            if not file:
                manifest.warnings.append(f"{where}: no file name; row ignored")
                continue
            if file in manifest:
                manifest.warnings.append(f"{where}: file listed twice; later row ignored")
                continue
            doc_id = get("id") or PurePosixPath(file).stem
            if doc_id in seen_ids:
                manifest.warnings.append(f"{where}: id {doc_id!r} used twice; row ignored")
                continue
            seen_ids.add(doc_id)
            published, warning = None, ""
            if get("published"):
                try:
                    published = parse_user_date(get("published"))
                except InputError as e:
                    warning = f"{where}: {e}; published ignored"
                    manifest.warnings.append(warning)
            manifest[file] = ManifestRow(id=doc_id, file=file, title=get("title"),
                                         published=published, note=get("published_note"),
                                         language=get("language"), warning=warning)
    except csv.Error as e:
        raise InputError(f"{name}: malformed CSV at line {reader.line_num} ({e})") from None
    return manifest


# ---------------------------------------------------------------------------------------------
# Corpus


def bundled_corpus_dir() -> Path:
    """The sample corpus shipped inside the package (events/data/corpus)."""
    return Path(__file__).resolve().parent / "data" / "corpus"


def _is_article(path: Path) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES and path.is_file()


def load_corpus(paths: Iterable[str | Path] | None = None) -> tuple[list[Document], list[str]]:
    """Files and/or folders (non-recursive, sorted) of .txt/.html/.htm → (documents, warnings).

    A manifest.csv in a file's folder supplies its id, title and published date (the manifest
    wins over what an HTML page says). Default: the bundled sample corpus. Every file that cannot
    be used is skipped with one warning line naming it and the reason; so is a broken manifest.
    Doc ids are the manifest's id, else the file stem; a clash gets a "-2", "-3" … suffix."""
    roots = [bundled_corpus_dir()] if paths is None else [Path(p) for p in paths]
    warnings: list[str] = []
    files: list[Path] = []
    seen: set[Path] = set()
    listed_dirs: list[Path] = []
    for root in roots:
        if root.is_dir():
            listed_dirs.append(root)
            try:
                children = sorted(root.iterdir(), key=lambda p: p.name)
            except OSError as e:
                warnings.append(f"{root.name or root}: cannot list folder ({e.strerror or e})")
                continue
            candidates = [c for c in children if _is_article(c)]
            if not candidates:
                warnings.append(f"{root.name or root}: no .txt/.html/.htm files in this folder")
        elif root.exists() or root.suffix:
            candidates = [root]
        else:
            warnings.append(f"{root.name or root}: no such file or folder")
            continue
        for c in candidates:
            key = c.resolve()
            if key not in seen:
                seen.add(key)
                files.append(c)

    manifests: dict[Path, Manifest | None] = {}

    def manifest_for(folder: Path) -> Manifest | None:
        key = folder.resolve()
        if key not in manifests:
            mpath = folder / MANIFEST_NAME
            manifests[key] = None
            if mpath.is_file():
                try:
                    manifests[key] = read_manifest(mpath)
                    warnings.extend(manifests[key].warnings)
                except InputError as e:
                    warnings.append(f"{e}; manifest ignored")
        return manifests[key]

    docs: list[Document] = []
    ids: set[str] = set()
    for path in files:
        manifest = manifest_for(path.parent)
        row = manifest.get(path.name) if manifest else None
        try:
            doc = read_document(path, doc_id=row.id if row else None,
                                title=row.title if row else "",
                                published=row.published if row else None)
        except InputError as e:
            warnings.append(f"{e} (skipped)")
            continue
        except Exception as e:  # one bad file never stops the batch
            warnings.append(f"{path.name}: unexpected error {type(e).__name__}: {e} (skipped)")
            continue
        if doc.id in ids:
            n = 2
            while f"{doc.id}-{n}" in ids:
                n += 1
            warnings.append(f"{path.name}: id {doc.id!r} already used; renamed to '{doc.id}-{n}'")
            doc = Document(id=f"{doc.id}-{n}", text=doc.text, title=doc.title,
                           published=doc.published, source=doc.source, url=doc.url)
        ids.add(doc.id)
        docs.append(doc)

    for folder in listed_dirs:
        manifest = manifests.get(folder.resolve())
        for file in (manifest or {}):
            if not (folder / file).is_file():
                warnings.append(f"{MANIFEST_NAME}: lists {file}, which is not in {folder.name or folder}")
    return docs, warnings
