"""Pipeline: Document → Analysis (date, paragraphs, sentences, timexes, actors), for one document or
a corpus (a pure map over documents, spread over processes for large inputs)."""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Callable, Iterable

from . import text as textmod
from .actors import find_actors
from .dct import find_document_date
from .model import ActorMention, Document, DocumentDate, Paragraph, Sentence, Timex
from .timex import extract_timexes

PARALLEL_MIN_CHARS = 2_000_000  # below this, starting worker processes costs more than it saves


@dataclass(frozen=True)
class Analysis:
    doc: Document
    dct: DocumentDate
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    timexes: list[Timex]
    actors: list[ActorMention]


def analyze(doc: Document) -> Analysis:
    """One article through every extraction stage."""
    dct = find_document_date(doc.text, doc.published)
    paras = textmod.paragraphs(doc.text)
    sents = textmod.sentences(doc.text, paras)
    timexes = extract_timexes(doc.text, dct.value)
    actors = find_actors(doc.text, on=dct.value)
    return Analysis(doc, dct, paras, sents, timexes, actors)


def analyze_corpus(docs: Iterable[Document], workers: int | None = None,
                   progress: Callable[[int, int], None] | None = None) -> list[Analysis]:
    """Analyse many documents; with workers > 1 (default: all cores for inputs over
    PARALLEL_MIN_CHARS) documents are spread over processes. Output order = input order."""
    docs = list(docs)
    total_chars = sum(len(d.text) for d in docs)
    if workers is None:
        workers = os.cpu_count() or 1 if total_chars >= PARALLEL_MIN_CHARS else 1
    out: list[Analysis] = []
    if workers <= 1 or len(docs) < 2:
        for i, doc in enumerate(docs, 1):
            out.append(analyze(doc))
            if progress:
                progress(i, len(docs))
        return out
    chunk = max(1, len(docs) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for i, result in enumerate(pool.map(analyze, docs, chunksize=chunk), 1):
            out.append(result)
            if progress:
                progress(i, len(docs))
    return out
