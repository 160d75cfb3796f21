"""Ingest stage: uploads (.txt / .html / .zip bytes, an optional manifest.csv, pasted text) →
documents ready for the store (Prepared) + one Message per file.

Nothing here writes the corpus: events.store does, in one transaction. Nothing here trusts a
name either: an upload's or a zip member's name is only shown in messages and turned into a
*validated* document id; it never becomes a file path. Zip archives are read in memory, member
by member, with limits against zip bombs (members, total size, compression ratio) and a refusal
of absolute paths and of paths that climb out of the archive (../../x).

Decoding and HTML extraction are events.io's (decode_bytes, html_to_article); a manifest is read
by events.io.read_manifest, which takes a path, so its bytes are spooled to a private temporary
file with a fixed name.
"""
from __future__ import annotations

import hashlib
import io as _stdio
import re
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Iterable

from .io import (
    HTML_SUFFIXES,
    MANIFEST_NAME,
    MAX_BYTES,
    TEXT_SUFFIXES,
    InputError,
    Manifest,
    article_from_bytes,
    decode_bytes,
    read_manifest,
)
from .model import Document

__all__ = [
    "MAX_ZIP_BYTES", "MAX_ZIP_MEMBERS", "MAX_ZIP_TOTAL", "MAX_ZIP_RATIO", "ID_PATTERN", "MAX_ID_LENGTH",
    "Upload", "Prepared", "Message", "prepare_uploads", "prepare_text", "valid_id", "derive_id",
    "clean_url", "clean_field", "content_hash",
]

MAX_ZIP_BYTES = 100 * 2**20  # the archive itself
MAX_ZIP_MEMBERS = 2000  # files in one archive
MAX_ZIP_TOTAL = 200 * 2**20  # all members together, uncompressed
MAX_ZIP_RATIO = 100  # uncompressed / compressed; news text compresses 3-10x, a zip bomb ~1000x
_RATIO_MIN_SIZE = 2**20  # tiny members may compress well (repeated lines) without harm
MAX_ID_LENGTH = 64
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,%d}" % (MAX_ID_LENGTH - 1))
MAX_TITLE = 500
MAX_FIELD = 2000
ZIP_SUFFIXES = frozenset({".zip"})
# Files that archivers add and nobody means to upload.
_JUNK = re.compile(r"(^|/)(__MACOSX/|\.DS_Store$|\._|Thumbs\.db$|desktop\.ini$)", re.IGNORECASE)
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Upload:
    """One file as received: its name (display only) and bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Prepared:
    """A document ready for the store.

    doc.id is the id asked for (manifest) or derived from the file name; the store validates it
    and makes it unique. published_source says where doc.published came from: "manifest",
    "given", "html-meta", or None when the date is to be found in the text."""

    name: str  # display name: "a.txt", "batch.zip/2023/b.html", "pasted text"
    doc: Document
    original: bytes
    media_type: str  # text/plain, text/html
    encoding: str
    published_source: str | None
    id_requested: bool  # the id came from a manifest: keep it if free
    hash: str  # content_hash(doc.text)


@dataclass(frozen=True)
class Message:
    """What happened to one file: status added / skipped / warning."""

    name: str
    status: str
    text: str
    doc_id: str = ""

    def line(self) -> str:
        if self.status == "added":
            return f"added {self.doc_id} ← {self.name}" + (f" ({self.text})" if self.text else "")
        if self.status == "skipped":
            return f"skipped {self.text}"
        return f"warning: {self.text}"


def content_hash(text: str) -> str:
    """sha256 of the stored text (UTF-8): equal texts are duplicates, whatever their encoding."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def valid_id(doc_id: object) -> bool:
    """Is this a well-formed document id ([A-Za-z0-9_-], at most MAX_ID_LENGTH, no leading - or _)?"""
    return isinstance(doc_id, str) and ID_PATTERN.fullmatch(doc_id) is not None


def derive_id(name: str, text_hash: str) -> str:
    """An id from a file name: its stem when that is already a valid id (「003.txt」 → 003), the
    stem with other characters replaced when most of it survives (「my article.txt」 → my-article),
    else "doc-" + the start of the content hash (「記事.txt」 → doc-1f3a…)."""
    stem = PurePosixPath(name.replace("\\", "/")).stem
    if valid_id(stem):
        return stem
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-_")
    if len(cleaned) * 2 >= len(stem) and valid_id(cleaned[:MAX_ID_LENGTH].rstrip("-_")):
        return cleaned[:MAX_ID_LENGTH].rstrip("-_")
    return f"doc-{text_hash[:10]}"


def clean_field(value: object, limit: int = MAX_FIELD) -> str:
    """A metadata string as stored: control characters removed, whitespace trimmed, bounded."""
    if value is None:
        return ""
    return _CONTROL_CHARS.sub(" ", str(value)).strip()[:limit]


def clean_url(url: object) -> str:
    """Only http(s) URLs are kept (a javascript: link must never reach a page); else ""."""
    url = clean_field(url)
    return url if re.match(r"https?://[^\s]+$", url, re.IGNORECASE) else ""


# ---------------------------------------------------------------------------------------------
# One article


def _article(name: str, data: bytes, *, doc_id: str | None, id_requested: bool, title: str,
             published: date | None, published_source: str | None, source: str) -> Prepared:
    """Bytes of a .txt/.html file → Prepared. Raises InputError naming the file."""
    article = article_from_bytes(data, name)
    text, encoding, url = article.text, article.encoding, article.url
    title = title or article.title
    if published is None and article.published is not None:
        published, published_source = article.published, "html-meta"
    media_type = "text/html" if article.is_html else "text/plain"
    h = content_hash(text)
    doc = Document(id=doc_id or derive_id(name, h), text=text, title=clean_field(title, MAX_TITLE),
                   published=published, source=clean_field(source) or name, url=clean_url(url))
    return Prepared(name=name, doc=doc, original=data, media_type=media_type, encoding=encoding,
                    published_source=published_source if published else None,
                    id_requested=id_requested, hash=h)


def prepare_text(text: str, *, title: str = "", source: str = "", url: str = "",
                 published: date | None = None, doc_id: str | None = None,
                 name: str = "pasted text") -> Prepared:
    """Pasted text → Prepared (published_source "given" when a date is given).

    >>> prepare_text("9月5日に会談した。", title="会談").doc.title
    '会談'
    """
    if not isinstance(text, str):
        raise InputError(f"{name}: not text")
    data = text.encode("utf-8")
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: {len(data) / 2**20:.1f} MB is over the {MAX_BYTES // 2**20} MB limit")
    decoded, _ = decode_bytes(data, name)  # the same checks as a file: empty, binary, …
    if doc_id is not None and not valid_id(doc_id):
        raise InputError(f"{name}: {doc_id!r} is not a valid document id "
                         f"(letters, digits, - and _, at most {MAX_ID_LENGTH})")
    h = content_hash(decoded)
    doc = Document(id=doc_id or f"doc-{h[:10]}", text=decoded, title=clean_field(title, MAX_TITLE),
                   published=published, source=clean_field(source) or name, url=clean_url(url))
    return Prepared(name=name, doc=doc, original=data, media_type="text/plain", encoding="utf-8",
                    published_source="given" if published else None,
                    id_requested=doc_id is not None, hash=h)


# ---------------------------------------------------------------------------------------------
# Zip archives


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author wrote it: zips made on Japanese Windows store CP932
    names without the UTF-8 flag, which zipfile shows as CP437 mojibake."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            raw = name.encode("cp437")
        except UnicodeEncodeError:
            return name
        for encoding in ("utf-8", "cp932"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
    return name


def _unsafe_path(name: str) -> str | None:
    """Why a member name must not be used, or None. Names are never used as paths here; these
    members are refused anyway, because an archive holding them was built to attack extractors."""
    if not name or _CONTROL_CHARS.search(name):
        return "unusable name"
    if name.startswith("/") or re.match(r"[A-Za-z]:", name):
        return "absolute path in the archive"
    if ".." in name.split("/"):
        return "path goes outside the archive (..)"
    return None


def _expand_zip(up: Upload) -> tuple[list[Upload], list[Message]]:
    """A zip upload → its members as Uploads named "archive.zip/path", and messages for refused
    members. A whole archive is refused when it is damaged or over the count/size limits."""
    msgs: list[Message] = []

    def refuse(why: str) -> tuple[list[Upload], list[Message]]:
        return [], [Message(up.name, "skipped", f"{up.name}: {why}")]

    if len(up.data) > MAX_ZIP_BYTES:
        return refuse(f"{len(up.data) / 2**20:.1f} MB archive is over the {MAX_ZIP_BYTES // 2**20} MB limit")
    try:
        zf = zipfile.ZipFile(_stdio.BytesIO(up.data))
        infos = [i for i in zf.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as e:
        return refuse(f"not a valid zip archive ({e})")
    if not infos:
        return refuse("empty zip archive")
    if len(infos) > MAX_ZIP_MEMBERS:
        return refuse(f"{len(infos)} files in the archive, over the limit of {MAX_ZIP_MEMBERS}")
    declared = sum(i.file_size for i in infos)
    if declared > MAX_ZIP_TOTAL:
        return refuse(f"would expand to {declared / 2**20:.0f} MB, over the {MAX_ZIP_TOTAL // 2**20} MB "
                      "limit (zip bomb?)")
    members: list[Upload] = []
    total = 0
    for info in infos:
        inner = _member_name(info).replace("\\", "/")
        display = f"{up.name}/{inner}"
        problem = _unsafe_path(inner)
        if problem is None and _JUNK.search(inner):
            problem = "archiver metadata, not an article"
        if problem is None and info.flag_bits & 0x1:
            problem = "encrypted"
        if problem is None and info.file_size > MAX_BYTES:
            problem = f"{info.file_size / 2**20:.1f} MB is over the {MAX_BYTES // 2**20} MB limit"
        if problem is None and info.file_size >= _RATIO_MIN_SIZE \
                and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
            problem = (f"compressed {info.file_size // max(info.compress_size, 1)}:1, over the "
                       f"{MAX_ZIP_RATIO}:1 limit (zip bomb?)")
        if problem is None:
            try:
                with zf.open(info) as f:
                    # Headers can lie about sizes: never read more than the limit allows.
                    data = f.read(MAX_BYTES + 1)
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error, EOFError,
                    OSError, ValueError) as e:
                problem = f"damaged or unsupported member ({type(e).__name__}: {e})"
            else:
                if len(data) > MAX_BYTES:
                    problem = f"over the {MAX_BYTES // 2**20} MB limit"
                else:
                    total += len(data)
                    if total > MAX_ZIP_TOTAL:
                        msgs.append(Message(up.name, "skipped", f"{up.name}: expands to more than "
                                            f"{MAX_ZIP_TOTAL // 2**20} MB; the rest of the archive is not read"))
                        break
                    members.append(Upload(display, data))
        if problem:
            msgs.append(Message(display, "skipped", f"{display}: {problem}"))
    return members, msgs


# ---------------------------------------------------------------------------------------------
# Manifests


def _read_manifest_bytes(up: Upload) -> Manifest:
    """Manifest bytes → Manifest (via events.io.read_manifest); messages name the upload."""
    with tempfile.TemporaryDirectory(prefix="nenpyo-manifest-") as tmp:
        path = Path(tmp) / MANIFEST_NAME  # a fixed name: the upload's name is never a path
        path.write_bytes(up.data)
        try:
            manifest = read_manifest(path)
        except InputError as e:
            raise InputError(_rename(str(e), up.name)) from None
    fixed = Manifest(manifest)
    fixed.warnings = [_rename(w, up.name) for w in manifest.warnings]
    return fixed


def _rename(message: str, name: str) -> str:
    return name + message[len(MANIFEST_NAME):] if message.startswith(MANIFEST_NAME) else message


def _folder(name: str) -> str:
    return name.rpartition("/")[0]


# ---------------------------------------------------------------------------------------------
# A batch


def prepare_uploads(uploads: Iterable[Upload], *, published: date | None = None,
                    source: str = "") -> tuple[list[Prepared], list[Message]]:
    """Uploaded files → (documents to add, messages).

    .txt/.html/.htm are articles; a .zip is opened and its articles read; a file named
    manifest.csv (uploaded, or inside a zip) gives id, title and published date to the files
    of its folder, matched by the `file` column. `published`/`source`, when given, apply to
    every article without a manifest date/source. Each refused file gets one "skipped" message
    naming it and the problem; the others are still prepared."""
    msgs: list[Message] = []
    articles: list[Upload] = []
    manifests: dict[str, Upload] = {}  # folder ("" = top level) → manifest upload
    for up in uploads:
        name = clean_field(up.name, 300) or "(unnamed)"
        up = Upload(name, up.data)
        suffix = PurePosixPath(name).suffix.lower()
        base = PurePosixPath(name).name.lower()
        if suffix in ZIP_SUFFIXES:
            members, refused = _expand_zip(up)
            msgs += refused
            for m in members:
                m_suffix = PurePosixPath(m.name).suffix.lower()
                if PurePosixPath(m.name).name.lower() == MANIFEST_NAME:
                    manifests[_folder(m.name)] = m
                elif m_suffix in ZIP_SUFFIXES:
                    msgs.append(Message(m.name, "skipped", f"{m.name}: a zip inside a zip is not opened"))
                elif m_suffix in TEXT_SUFFIXES | HTML_SUFFIXES:
                    articles.append(m)
                else:
                    msgs.append(Message(m.name, "skipped", f"{m.name}: unsupported file type "
                                        f"{m_suffix or '(no extension)'} (expected .txt, .html or .htm)"))
        elif base == MANIFEST_NAME:
            manifests[""] = up
        elif suffix in TEXT_SUFFIXES | HTML_SUFFIXES:
            articles.append(up)
        else:
            msgs.append(Message(name, "skipped", f"{name}: unsupported file type {suffix or '(no extension)'}"
                                " (expected .txt, .html, .htm, .zip or manifest.csv)"))

    rows: dict[str, dict] = {}  # folder → manifest dict
    for folder, up in manifests.items():
        try:
            manifest = _read_manifest_bytes(up)
        except InputError as e:
            msgs.append(Message(up.name, "warning", f"{e}; manifest ignored"))
            continue
        msgs += [Message(up.name, "warning", w) for w in manifest.warnings]
        rows[folder] = manifest

    prepared: list[Prepared] = []
    used_rows: set[tuple[str, str]] = set()
    for up in articles:
        folder = _folder(up.name)
        relative = up.name[len(folder) + 1:] if folder else up.name
        manifest = rows.get(folder)
        row = manifest.get(relative) if manifest else None
        if row is None and folder and "" in rows:  # a top-level manifest naming archive paths
            row = rows[""].get(up.name.partition("/")[2]) or rows[""].get(relative)
        if row is not None:
            used_rows.add((folder, row.file))
        doc_id = None
        if row is not None and row.id:
            if valid_id(row.id):
                doc_id = row.id
            else:
                msgs.append(Message(up.name, "warning", f"{up.name}: manifest id {row.id!r} is not a valid "
                                    "document id; an id was made from the file name"))
        row_date = row.published if row is not None else None
        try:
            prepared.append(_article(
                up.name, up.data, doc_id=doc_id, id_requested=doc_id is not None,
                title=row.title if row is not None else "",
                published=row_date or published,
                published_source="manifest" if row_date else ("given" if published else None),
                source=source))
        except InputError as e:
            msgs.append(Message(up.name, "skipped", str(e)))
        except Exception as e:  # one bad file never stops the batch
            msgs.append(Message(up.name, "skipped", f"{up.name}: unexpected error {type(e).__name__}: {e}"))
    for folder, manifest in rows.items():
        for file in manifest:
            if (folder, file) not in used_rows and not any(
                    f == file for _, f in used_rows):
                where = manifests[folder].name
                msgs.append(Message(where, "warning", f"{where}: lists {file}, which was not uploaded"))
    return prepared, msgs


def with_id(p: Prepared, doc_id: str) -> Prepared:
    """The same prepared document under another id."""
    return replace(p, doc=replace(p.doc, id=doc_id))
