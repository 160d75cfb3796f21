"""Text stage: raw article text → normalised text for matching (with an offset map) and
paragraphs/sentences with offsets into the raw text."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass

from .model import Paragraph, Sentence

KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
                "六": 6, "七": 7, "八": 8, "九": 9}
KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
_KANJI_NUMBER = re.compile(r"[〇零一二三四五六七八九十百千]+")
# A kanji numeral is converted only before a calendar unit (or after an era name), because
# 一部, 統一, 十分な, 一時的 are words, not numbers.
_CALENDAR_UNIT_AFTER = re.compile(r"(?:年|月|日|時|週|カ月|ヵ月|ヶ月|ケ月|か月|箇月|世紀|年代|四半期)")
_ERA_BEFORE = re.compile(r"(?:明治|大正|昭和|平成|令和)$")
_AMBIGUOUS_SINGLE = {"一日", "一時", "十日", "一月"}  # 一日も早く, 一時的, ...: only as plain words
_SPACE = re.compile(r"[ \t\u3000\u00a0]+")
_DATE_GLUE = set("0123456789年月日時分曜")


@dataclass(frozen=True)
class NormalizedText:
    """Text for matching plus, for each of its characters, the raw offset it came from."""

    text: str
    starts: tuple[int, ...]  # raw start offset of each normalised character
    ends: tuple[int, ...]  # raw end offset (exclusive) of each normalised character

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text back to the raw text."""
        return self.starts[start], self.ends[end - 1]


@lru_cache(maxsize=None)
def _fold(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch) or ch
    return "～" if folded in ("〜", "~") else folded


def kanji_to_int(numeral: str) -> int | None:
    """二〇二三 → 2023, 十五 → 15, 二十三 → 23, 千九百八十九 → 1989."""
    if not numeral:
        return None
    if all(ch in KANJI_DIGITS for ch in numeral):
        return int("".join(str(KANJI_DIGITS[ch]) for ch in numeral))
    total, digit = 0, None
    for ch in numeral:
        if ch in KANJI_DIGITS:
            if digit is not None:  # 二三十 is not a well-formed numeral
                return None
            digit = KANJI_DIGITS[ch]
        elif ch in KANJI_UNITS:
            total += (1 if digit is None else digit) * KANJI_UNITS[ch]
            digit = None
    return total + (digit or 0)


def normalize(raw: str) -> NormalizedText:
    """NFKC per character (全角→半角), kanji numerals before calendar units → digits, spaces
    inside dates dropped (2023 年 9 月 5 日 → 2023年9月5日). Every output character keeps the raw
    span it came from, so matches map back exactly."""
    text, starts, ends = _fold_width(raw)
    text, starts, ends = _convert_kanji_numerals(text, starts, ends)
    text, starts, ends = _drop_spaces_in_dates(text, starts, ends)
    return NormalizedText(text, tuple(starts), tuple(ends))


_ASCII_OR_KANA = re.compile(r"[\x00-\x7f\u3040-\u309a\u309d\u309e\u30a0-\u30fa\u30fc-\u30fe\u4e00-\u9fff]+")


def _fold_width(raw: str):
    # Hiragana, katakana and common kanji are stable under NFKC; only look at the rest.
    others = set(_ASCII_OR_KANA.sub("", raw))
    changed = {ch: f for ch in others if (f := _fold(ch)) != ch}
    if "~" in raw:  # ASCII tilde as a range mark: 9/5~6
        changed["~"] = "～"
    if all(len(f) == 1 for f in changed.values()):  # the usual case: one character for one
        text = raw.translate({ord(ch): f for ch, f in changed.items()})
        return text, list(range(len(raw))), list(range(1, len(raw) + 1))
    chars, starts, ends = [], [], []
    for i, ch in enumerate(raw):
        for piece in changed.get(ch, ch):
            chars.append(piece)
            starts.append(i)
            ends.append(i + 1)
    return "".join(chars), starts, ends


def _convert_kanji_numerals(text, starts, ends):
    out, out_s, out_e, pos = [], [], [], 0
    for m in _KANJI_NUMBER.finditer(text):
        numeral, after, before = m.group(), text[m.end():m.end() + 4], text[max(0, m.start() - 2):m.start()]
        if not (_CALENDAR_UNIT_AFTER.match(after) or _ERA_BEFORE.search(before)):
            continue
        if text[m.start() - 1:m.start()] in ("何", "数", "十", "第") or numeral + after[:1] in _AMBIGUOUS_SINGLE:
            continue
        value = kanji_to_int(numeral)
        if value is None:
            continue
        out.append(text[pos:m.start()])
        out_s.extend(starts[pos:m.start()])
        out_e.extend(ends[pos:m.start()])
        digits = str(value)
        raw_start, raw_end = starts[m.start()], ends[m.end() - 1]
        out.append(digits)
        # All digits share the numeral's raw span, so any sub-span maps back to whole numerals.
        out_s.extend([raw_start] * len(digits))
        out_e.extend([raw_end] * len(digits))
        pos = m.end()
    out.append(text[pos:])
    out_s.extend(starts[pos:])
    out_e.extend(ends[pos:])
    return "".join(out), out_s, out_e


def _drop_spaces_in_dates(text, starts, ends):
    drop = []
    for m in _SPACE.finditer(text):
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if before in _DATE_GLUE and after in _DATE_GLUE and (before.isdigit() != after.isdigit()
                                                              or (before in "年月" and after.isdigit())):
            drop.append((m.start(), m.end()))
    if not drop:
        return text, starts, ends
    out, out_s, out_e, pos = [], [], [], 0
    for a, b in drop:
        out.append(text[pos:a])
        out_s.extend(starts[pos:a])
        out_e.extend(ends[pos:a])
        pos = b
    out.append(text[pos:])
    out_s.extend(starts[pos:])
    out_e.extend(ends[pos:])
    return "".join(out), out_s, out_e


def paragraphs(text: str) -> list[Paragraph]:
    """One paragraph per non-empty line; offsets cover the line without its newline."""
    out, pos = [], 0
    for line in text.split("\n"):
        end = pos + len(line)
        stripped = line.rstrip("\r")
        if stripped.strip():
            out.append(Paragraph(len(out), pos, pos + len(stripped)))
        pos = end + 1
    return out


_OPENERS = "「『（(【〈《"
_CLOSERS = "」』）)】〉》"
_ENDERS = "。？！?!"


_PUNCTUATION_ONLY = re.compile(r"[\s。、．，！？!?.,「」『』（）()【】〈〉《》・…ー―-]+")
_SENTENCE_MARKS = re.compile(r"[「『（(【〈《」』）)】〉》。？！?!]")


def sentences(text: str, paras: list[Paragraph] | None = None) -> list[Sentence]:
    """Split each paragraph on 。？！ outside 「」『』（）; whitespace around a sentence is trimmed."""
    out: list[Sentence] = []
    for para in paras if paras is not None else paragraphs(text):
        depth, start = 0, para.start
        for m in _SENTENCE_MARKS.finditer(text, para.start, para.end):
            ch = m.group()
            if ch in _OPENERS:
                depth += 1
            elif ch in _CLOSERS:
                depth = max(0, depth - 1)
            elif depth == 0:
                _append_trimmed(out, text, start, m.end(), para.index)
                start = m.end()
        _append_trimmed(out, text, start, para.end, para.index)
    return out


def _append_trimmed(out: list[Sentence], text: str, start: int, end: int, para_index: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end and not _PUNCTUATION_ONLY.fullmatch(text, start, end):
        out.append(Sentence(start, end, para_index))
