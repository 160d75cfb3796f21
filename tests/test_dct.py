"""The document's date: given > publication line > inferred, never a confident wrong date."""
from datetime import date

import pytest

from events.dct import edge_date_spans, find_document_date
from events.io import bundled_corpus_dir, read_manifest

CORPUS = bundled_corpus_dir()


def test_given_date_wins():
    d = find_document_date("今日 2023 年 9 月 5 日 | 午後8時22分\n本文。", date(2024, 1, 1))
    assert (d.value, d.source, d.confidence) == (date(2024, 1, 1), "given", 1.0)


@pytest.mark.parametrize("text,expected", [
    ("見出し\n今日 2023 年 9 月 5 日 | 午後8時22分\n本文です。", date(2023, 9, 5)),
    ("見出し\n2023年9月20日 19:05 配信\n本文です。", date(2023, 9, 20)),
    ("本文です。\n本文です。\n(2023年9月20日朝刊掲載)", date(2023, 9, 20)),
    ("見出し\n本文。https://example.jp/news/2023/09/15/abc.html", date(2023, 9, 15)),
], ids=["dateline", "配信", "朝刊掲載", "url"])
def test_publication_line(text, expected):
    d = find_document_date(text)
    assert d.value == expected and d.source == "text" and d.confidence >= 0.7


def test_site_header_date_is_weak_evidence():
    text = "10.1 C\nTokyo\n2024年 12月 22日 日曜日\n\n見出し\n米国は月曜日に発表した。"
    d = find_document_date(text)
    assert d.source == "inferred" and d.confidence < 0.5 and "header" in d.evidence


def test_body_dates_outvote_a_header_date():
    text = "2020年1月1日\n見出し\n会談は2023年9月13日に行われた。"
    d = find_document_date(text)
    assert d.value != date(2020, 1, 1)
    assert d.source == "inferred"


def test_no_date_at_all():
    d = find_document_date("日付のない文章です。")
    assert (d.value, d.source) == (None, "none")


@pytest.mark.parametrize("doc_id", ["000", "001", "002", "003", "004"])
def test_sample_corpus_without_manifest_is_right_or_honest(doc_id):
    """000 states its date; the others must be marked inferred/low-confidence, never confidently wrong."""
    manifest = read_manifest(CORPUS / "manifest.csv")
    truth = manifest[f"{doc_id}.txt"].published
    d = find_document_date((CORPUS / f"{doc_id}.txt").read_text(encoding="utf-8"))
    if d.value == truth:
        return
    assert d.source in ("inferred", "none") and d.confidence <= 0.3


def test_edge_date_spans_cover_datelines_not_body():
    text = "見出し\n今日 2023 年 9 月 5 日 | 午後8時22分\n会談は2023年9月13日に行われた。"
    spans = edge_date_spans(text)
    assert [text[s:e] for s, e in spans] == ["今日 2023 年 9 月 5 日 | 午後8時22分"]
