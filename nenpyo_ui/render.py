"""HTML stage: article text + spans (dates, actors, the selected sentence) → escaped HTML.

Article text is untrusted: every piece of it goes through html.escape, including the title
attributes. Spans must nest or be disjoint; a span that crosses another is dropped (the text
still shows, just without that mark).
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from .i18n import ANCHOR_NAMES, KIND_NAMES, name_of
from .urlstate import anchor_id

CSS = """
<style>
.nenpyo-text { font-family: "Noto Sans CJK JP","Noto Sans JP","Hiragino Sans","Yu Gothic",sans-serif;
  line-height: 1.9; font-size: 1rem; }
.nenpyo-text p { margin: 0 0 .6rem 0; padding: .15rem .4rem; border-radius: .3rem; }
.nenpyo-text p.nenpyo-target { background: #fff4d6; outline: 2px solid #f0b429; }
.nenpyo-num { color: #8a8f98; font-size: .8rem; margin-right: .5rem; user-select: none;
  display: inline-block; min-width: 2.2em; text-align: right; }
mark.nenpyo-timex { background: #ffe08a; padding: 0 .1em; border-radius: .2em; cursor: help; }
mark.nenpyo-timex.nenpyo-selected { background: #ffb74d; font-weight: 600; }
span.nenpyo-actor { border-bottom: 2px solid #4f8fd6; cursor: help; }
span.nenpyo-sentence { background: #eef5ff; }
.nenpyo-legend { font-size: .8rem; color: #555; }
</style>
"""


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    tag: str  # "mark" or "span"
    css: str
    title: str = ""


def _accept(spans: list[Span], length: int) -> list[Span]:
    """Keep spans inside the text that nest or are disjoint (longest first at equal starts)."""
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if not (0 <= s.start < s.end <= length):
            continue
        if any(o.start < s.start < o.end < s.end for o in out):
            continue  # crosses an accepted span
        out.append(s)
    return out


def highlight(text: str, spans: list[Span]) -> str:
    """Escape text and wrap the spans (offsets into `text`).

    >>> highlight("<b>9月13日</b>", [Span(3, 8, "mark", "nenpyo-timex", "2023-09-13")])
    '&lt;b&gt;<mark class="nenpyo-timex" title="2023-09-13">9月13日</mark>&lt;/b&gt;'
    """
    accepted = _accept(spans, len(text))
    opens: dict[int, list[Span]] = {}
    for s in accepted:
        opens.setdefault(s.start, []).append(s)
    parts: list[str] = []
    stack: list[Span] = []
    for i in range(len(text) + 1):
        while stack and stack[-1].end == i:
            parts.append(f"</{stack.pop().tag}>")
        if i == len(text):
            break
        for s in opens.get(i, []):  # already longest first
            title = f' title="{html.escape(s.title, quote=True)}"' if s.title else ""
            parts.append(f'<{s.tag} class="{s.css}"{title}>')
            stack.append(s)
        parts.append(html.escape(text[i], quote=False))
    return "".join(parts).replace("\n", "<br>")


def timex_title(value: str, mod: str | None, anchor: str, date_start, date_end, lang: str) -> str:
    """Hover text of a date expression: normalised value, interval and how it was resolved."""
    parts = [value + (f" ({mod})" if mod else "")]
    if date_start is not None:
        ds, de = str(date_start)[:10], str(date_end or date_start)[:10]
        parts.append(ds if ds == de else f"{ds} – {de}")
    if anchor:
        parts.append(name_of(ANCHOR_NAMES, anchor, lang))
    return " · ".join(parts)


def sentence_html(row, lang: str) -> str:
    """The event's sentence with its date expression highlighted."""
    sentence = str(row["sentence"])
    rel = int(row["timex_start"]) - int(row["sent_start"])
    length = int(row["timex_end"]) - int(row["timex_start"])
    spans = []
    if sentence[rel:rel + length] == row["timex_text"]:
        spans.append(Span(rel, rel + length, "mark", "nenpyo-timex nenpyo-selected",
                          timex_title(row["value"], row["mod"], row["anchor"], row["date_start"], row["date_end"], lang)))
    else:  # offsets disagree with the sentence text: fall back to the first occurrence
        found = sentence.find(str(row["timex_text"])) if row["timex_text"] else -1
        if found >= 0:
            spans.append(Span(found, found + len(row["timex_text"]), "mark", "nenpyo-timex nenpyo-selected", str(row["value"])))
    return f'{CSS}<div class="nenpyo-text">{highlight(sentence, spans)}</div>'


def _doc_spans(doc, lo: int, hi: int, lang: str, selected: tuple[int, int] | None = None,
               sentence: tuple[int, int] | None = None) -> list[Span]:
    """Spans of the document between lo and hi, shifted to start at lo."""
    spans: list[Span] = []
    if sentence and lo <= sentence[0] < hi:
        spans.append(Span(sentence[0] - lo, min(sentence[1], hi) - lo, "span", "nenpyo-sentence"))
    for tx in doc.timexes:
        if lo <= tx.start and tx.end <= hi:
            css = "nenpyo-timex nenpyo-selected" if selected == (tx.start, tx.end) else "nenpyo-timex"
            spans.append(Span(tx.start - lo, tx.end - lo, "mark", css,
                              timex_title(tx.value, tx.mod, tx.anchor, tx.date_start, tx.date_end, lang)))
    for m in doc.actors:
        if lo <= m.start and m.end <= hi:
            kind = name_of(KIND_NAMES, m.kind, lang)
            label = m.display if lang == "ja" else m.canonical
            spans.append(Span(m.start - lo, m.end - lo, "span", "nenpyo-actor",
                              f"{label} · {kind}" if kind else label))
    return spans


def paragraph_html(doc, para_index: int, lang: str, row=None) -> str:
    """One paragraph of a document, the event's sentence tinted and its date highlighted."""
    para = next((p for p in doc.paragraphs if p.index == para_index), None)
    if doc.text is None or para is None:
        return ""
    selected = sentence = None
    if row is not None:
        selected = (int(row["timex_start"]), int(row["timex_end"]))
        sentence = (int(row["sent_start"]), int(row["sent_end"]))
    body = highlight(doc.text[para.start:para.end], _doc_spans(doc, para.start, para.end, lang, selected, sentence))
    return f'{CSS}<div class="nenpyo-text"><p><span class="nenpyo-num">¶{para.index + 1}</span>{body}</p></div>'


def document_html(doc, lang: str, target_para: int | None = None) -> str:
    """The full text with numbered paragraphs (anchor ids), dates highlighted, actors marked."""
    if doc.text is None:
        return ""
    paras = []
    for p in doc.paragraphs:
        css = ' class="nenpyo-target"' if p.index == target_para else ""
        body = highlight(doc.text[p.start:p.end], _doc_spans(doc, p.start, p.end, lang))
        paras.append(f'<p id="{anchor_id(doc.id, p.index)}"{css}><span class="nenpyo-num">¶{p.index + 1}</span>{body}</p>')
    return f'{CSS}<div class="nenpyo-text">{"".join(paras)}</div>'


def scroll_script(element_id: str) -> str:
    """A script that scrolls the page to an element (our own id, never article text)."""
    safe = "".join(ch for ch in element_id if ch.isalnum() or ch in "-_")
    return (f"<script>setTimeout(function(){{var e=document.getElementById('{safe}');"
            f"if(e){{e.scrollIntoView({{block:'center'}});}}}}, 400);</script>")


_MD_SPECIAL = "\\`*_{}[]<>()#+-.!|~$:"


def md_escape(text: object) -> str:
    """Untrusted text inside Streamlit Markdown (titles, file names, messages): every character
    Markdown, Streamlit's :directives: or HTML would interpret is backslash-escaped.

    >>> md_escape("<b>**x**</b>")
    '\\\\<b\\\\>\\\\*\\\\*x\\\\*\\\\*\\\\</b\\\\>'
    """
    out = str(text)
    for ch in _MD_SPECIAL:
        out = out.replace(ch, "\\" + ch)
    return out.replace("\n", " ")
