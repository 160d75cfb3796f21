"""Made-up data for developing and benchmarking the dashboard: spec → Dataset.

`demo_dataset()` is three short invented articles with hand-written events (no extractor
needed); `synthetic_dataset(n)` is n random events for load tests. Neither is real news.
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from events.model import ActorMention, Paragraph, Timex

from .data import ActorInfo, Dataset, SourceDoc, actor_infos, prepare_events

DEMO_ACTORS = {
    "Alpha Taro": ActorInfo("Alpha Taro", "甲野太郎", "person", ("甲野太郎", "甲野氏", "甲野首相")),
    "Beta Hanako": ActorInfo("Beta Hanako", "乙川花子", "person", ("乙川花子", "乙川氏")),
    "Country A": ActorInfo("Country A", "甲国", "country", ("甲国",)),
    "Country B": ActorInfo("Country B", "乙国", "country", ("乙国",)),
}

# (doc id, title, published, paragraphs, events); an event is
# (paragraph, timex surface, value, mod, start, end, granularity, anchor, modality, cluster, actors)
DEMO_DOCS = [
    ("d1", "甲国と乙国、首脳会談を開催", date(2023, 9, 14), [
        "甲国と乙国、首脳会談を開催",
        "甲野首相は2023年9月13日、乙国の乙川花子氏と会談した。",
        "両氏は9月中旬に共同声明を発表する予定だ。",
        "甲野氏は2019年にも乙国を訪れている。",
    ], [
        (1, "2023年9月13日", "2023-09-13", None, date(2023, 9, 13), date(2023, 9, 13), "day", "explicit", "occurred", "c1", ("Alpha Taro", "Beta Hanako", "Country B")),
        (2, "9月中旬", "2023-09", "MID", date(2023, 9, 11), date(2023, 9, 20), "day-range", "dct", "planned", "c2", ("Alpha Taro", "Beta Hanako")),
        (3, "2019年", "2019", None, date(2019, 1, 1), date(2019, 12, 31), "year", "dct", "occurred", "c3", ("Alpha Taro", "Country B")),
    ]),
    ("d2", "<乙国>首脳会談、合意に至らず & 続報", date(2023, 9, 15), [
        "<乙国>首脳会談、合意に至らず & 続報",
        "乙川氏は13日、甲野太郎首相との会談について「<script>alert(1)</script>有意義だった」と述べた。",
        "乙国は来月、代表団を甲国に派遣する見込みだ。",
    ], [
        (1, "13日", "2023-09-13", None, date(2023, 9, 13), date(2023, 9, 13), "day", "dct", "reported", "c1", ("Beta Hanako", "Alpha Taro")),
        (2, "来月", "2023-10", None, date(2023, 10, 1), date(2023, 10, 31), "month", "dct", "expected", "c4", ("Country B", "Country A")),
    ]),
    ("d3", "甲国、乙国への制裁を否定", date(2024, 1, 10), [
        "甲国、乙国への制裁を否定",
        "甲国政府は2024年1月第1週、乙国への制裁を検討していないと表明した。",
    ], [
        (1, "2024年1月第1週", "2024-W01", None, date(2024, 1, 1), date(2024, 1, 7), "week", "explicit", "denied", "c5", ("Country A", "Country B")),
    ]),
]


def _sentence_span(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind("。", 0, pos), text.rfind("\n", 0, pos)) + 1
    end = text.find("。", pos)
    end = len(text) if end < 0 else end + 1
    newline = text.find("\n", pos)
    if 0 <= newline < end:
        end = newline
    return start, end


def demo_dataset() -> Dataset:
    """Three invented articles (with HTML-looking text, to exercise escaping) and 6 events."""
    rows, docs, mentions = [], {}, []
    for doc_id, title, published, paras, evts in DEMO_DOCS:
        text = "\n\n".join(paras)
        spans, pos = [], 0
        for i, p in enumerate(paras):
            start = text.index(p, pos)
            spans.append(Paragraph(i, start, start + len(p)))
            pos = start + len(p)
        timexes, doc_mentions = [], []
        for para, surface, value, mod, ds, de, gran, anchor, modality, cluster, actors in evts:
            para_span = spans[para]
            ts = text.index(surface, para_span.start)
            s0, s1 = _sentence_span(text, ts)
            timexes.append(Timex(ts, ts + len(surface), surface, "DATE", value, mod, anchor, ds, de, gran))
            rows.append({
                "event_id": f"{doc_id}:{ts}", "cluster_id": cluster, "doc_id": doc_id,
                "para_index": para, "sent_start": s0, "sent_end": s1, "timex_start": ts,
                "timex_end": ts + len(surface), "timex_text": surface, "value": value, "mod": mod,
                "date_start": ds, "date_end": de, "granularity": gran, "anchor": anchor,
                "modality": modality, "actors": list(actors),
                "summary": text[s0:s1].strip("。")[:40], "sentence": text[s0:s1],
            })
        for canonical, info in DEMO_ACTORS.items():
            for alias in sorted(info.aliases, key=len, reverse=True):
                start = 0
                while (hit := text.find(alias, start)) >= 0:
                    if not any(m.start <= hit < m.end for m in doc_mentions):
                        doc_mentions.append(ActorMention(hit, hit + len(alias), alias, canonical, info.display, info.kind))
                    start = hit + len(alias)
        doc_mentions.sort(key=lambda m: m.start)
        mentions += doc_mentions
        docs[doc_id] = SourceDoc(
            id=doc_id, title=title, text=text, published=published, source=f"{doc_id}.txt",
            dct_value=published, dct_source="given", dct_confidence=1.0,
            dct_evidence="manifest", paragraphs=tuple(spans), timexes=tuple(timexes),
            actors=tuple(doc_mentions),
        )
    df = prepare_events(pd.DataFrame(rows), {k: v.title for k, v in docs.items()})
    return Dataset(df, docs, actor_infos(df, DEMO_ACTORS, mentions), (), "demo")


def synthetic_table(n: int, seed: int = 7) -> pd.DataFrame:
    """n random events over 2015–2024, 200 sources, 40 actors; 70% dated to the day."""
    rng = np.random.default_rng(seed)
    n = int(n)
    base = np.datetime64("2015-01-01")
    offsets = rng.integers(0, 3650, n)
    start = base + offsets.astype("timedelta64[D]")
    kind = rng.choice(np.array(["day", "week", "month", "year"]), n, p=[0.7, 0.1, 0.15, 0.05])
    length = np.select([kind == "week", kind == "month", kind == "year"], [6, 29, 364], 0)
    end = start + length.astype("timedelta64[D]")
    actors_pool = [f"Actor {i:02d}" for i in range(40)]
    a1 = rng.integers(0, 40, n)
    a2 = rng.integers(0, 40, n)
    two = rng.random(n) < 0.5
    actors = [[actors_pool[x], actors_pool[y]] if t and x != y else [actors_pool[x]]
              for x, y, t in zip(a1, a2, two)]
    doc = rng.integers(0, 200, n)
    mods = rng.choice(np.array(["occurred", "planned", "expected", "reported", "denied"]), n)
    ids = np.arange(n)
    return pd.DataFrame({
        "event_id": [f"s{d:03d}:{i}" for d, i in zip(doc, ids)],
        "cluster_id": [f"c{i // 3}" for i in ids],
        "doc_id": [f"s{d:03d}" for d in doc],
        "para_index": rng.integers(0, 20, n), "sent_start": 0, "sent_end": 20,
        "timex_start": 0, "timex_end": 5, "timex_text": "合成日付",
        "value": pd.Series(start).dt.strftime("%Y-%m-%d"), "mod": None,
        "date_start": start, "date_end": end, "granularity": kind, "anchor": "explicit",
        "modality": mods, "actors": actors,
        "summary": [f"合成イベント {i}" for i in ids],
        "sentence": [f"合成イベント {i} の文。" for i in ids],
    })


def synthetic_dataset(n: int) -> Dataset:
    df = prepare_events(synthetic_table(n))
    docs = {d: SourceDoc(id=d, title=f"合成記事 {d}") for d in sorted(set(df["doc_id"]))}
    df["doc_title"] = [docs[d].title for d in df["doc_id"]]
    return Dataset(df, docs, actor_infos(df, None, []), (), f"synthetic:{n}", dense=True)

