"""Event evaluation: the event table of the sample corpus against the gold events of
shared/eval/seeds_gold.json — actor P/R per paragraph, event-mention coverage, clustering pairwise P/R/F1.

Run: python bench/eval_events.py [--gold PATH] [--misses] [--rows]

Definitions (see issue 3):
- coverage: share of gold mentions (doc, start, end) for which some event row of the same document
  has a sentence overlapping the mention and value == the gold event's text_value ("strict").
  Also shown: "cluster value" coverage, where the row may instead belong to a cluster whose most
  precise value equals text_value (the gold text_value is an event-level value: "the most precise
  value the articles support"). The strict figure is the one the issue's target refers to.
- clustering: each covered (gold event, mention) pair picks its covering row (strict first); over all
  pairs of mentions (different sentences) of the same gold event — recall: the two rows share a
  cluster (an uncovered mention counts as a miss); over pairs of mentions of different gold events
  — precision: rows sharing a cluster are false positives.
Documents are dated with the manifest (events.io.load_corpus).
"""
from __future__ import annotations

import argparse
import io
import json
import sys
from contextlib import redirect_stdout
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from events.io import load_corpus  # noqa: E402
from events.pipeline import analyze_corpus  # noqa: E402
from events.table import cluster_table, event_table  # noqa: E402

DEFAULT_GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "seeds_gold.json"


def actor_scores(gold_path: Path) -> str:
    """The first line of bench/eval_actors.py --dated (paragraph-level actor P/R/F1)."""
    import eval_actors  # the bench folder is on sys.path

    buf = io.StringIO()
    with redirect_stdout(buf):
        eval_actors.main(["--gold", str(gold_path), "--dated"])
    return buf.getvalue().splitlines()[0]


def _overlaps(row, m) -> bool:
    return row.doc_id == m["doc"] and row.sent_start < m["end"] and m["start"] < row.sent_end


def covering_rows(df, gold_events):
    """{(event id, mention index): (row or None, how)} with how in strict / cluster / none."""
    best_value = cluster_best_values(df)
    by_doc = {d: g for d, g in df.groupby("doc_id")} if len(df) else {}
    out = {}
    for ev in gold_events:
        for i, m in enumerate(ev["mentions"]):
            rows = [r for r in by_doc.get(m["doc"], df.iloc[0:0]).itertuples() if _overlaps(r, m)]
            strict = [r for r in rows if r.value == ev["text_value"]]
            loose = [r for r in rows if best_value.get(r.cluster_id) == ev["text_value"]]
            if strict:
                out[ev["id"], i] = (strict[0], "strict", rows)
            elif loose:
                out[ev["id"], i] = (loose[0], "cluster", rows)
            else:
                out[ev["id"], i] = (None, "none", rows)
    return out


def cluster_best_values(df) -> dict[str, str]:
    if not len(df):
        return {}
    ct = cluster_table(df)
    return dict(zip(ct["cluster_id"], ct["best_value"]))


def pairwise(gold_events, cover, strict_only: bool, covered_only: bool = False):
    """Pairwise clustering P/R/F1 over gold mentions. By default an uncovered mention counts as a
    cluster of its own (it splits its event); with covered_only, only mentions that an event row
    covers take part (clustering judged apart from coverage)."""
    items = []  # (gold event id, doc, start, cluster or None)
    for ev in gold_events:
        for i, m in enumerate(ev["mentions"]):
            row, how, _ = cover[ev["id"], i]
            ok = row is not None and (how == "strict" or not strict_only)
            if covered_only and not ok:
                continue
            items.append((ev["id"], m["doc"], m["start"], row.cluster_id if ok else None))
    tp = fn = fp = 0
    for a, b in combinations(items, 2):
        if (a[1], a[2]) == (b[1], b[2]):
            continue  # one sentence listed under two gold events
        same_cluster = a[3] is not None and a[3] == b[3]
        if a[0] == b[0]:
            tp += same_cluster
            fn += not same_cluster
        elif same_cluster:
            fp += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, tp, fp, fn


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--misses", action="store_true", help="list every uncovered mention and split cluster")
    ap.add_argument("--rows", action="store_true", help="print the event table")
    args = ap.parse_args(argv)
    if not args.gold.exists():
        print(f"gold file not found: {args.gold}", file=sys.stderr)
        return 2
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    docs, warnings = load_corpus()
    for w in warnings:
        print("warning:", w, file=sys.stderr)
    df = event_table(analyze_corpus(docs))
    gold_events = gold["events"]

    print(actor_scores(args.gold))
    cover = covering_rows(df, gold_events)
    n = len(cover)
    strict = sum(how == "strict" for _, how, _ in cover.values())
    loose = sum(how != "none" for _, how, _ in cover.values())
    print(f"event mention coverage: strict {strict}/{n} = {strict / n:.3f}; "
          f"with cluster value {loose}/{n} = {loose / n:.3f}")
    for label, strict_only in (("strict rows", True), ("cluster-value rows", False)):
        p, r, f, tp, fp, fn = pairwise(gold_events, cover, strict_only)
        print(f"clustering pairwise ({label}): P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} fp={fp} fn={fn})")
    p, r, f, tp, fp, fn = pairwise(gold_events, cover, True, covered_only=True)
    print(f"clustering pairwise (covered mentions only): P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} fp={fp} fn={fn})")
    print(f"table: {len(df)} rows, {df['cluster_id'].nunique()} clusters, "
          f"anchors {df['anchor'].value_counts().to_dict()}")

    if args.misses:
        print("\nmentions not covered strictly (gold value | rows of that sentence):")
        for ev in gold_events:
            for i, m in enumerate(ev["mentions"]):
                row, how, rows = cover[ev["id"], i]
                if how != "strict":
                    seen = ", ".join(f"{r.value}/{r.anchor}" for r in rows) or "no row"
                    print(f"  {ev['id']} {how:7} {m['doc']}:{m['start']} want {ev['text_value']} | {seen} | {m['text'][:50]}")
        print("\ngold events split over clusters / clusters merging gold events:")
        cluster_of_gold: dict[str, set] = {}
        gold_of_cluster: dict[str, set] = {}
        for ev in gold_events:
            for i, _ in enumerate(ev["mentions"]):
                row = cover[ev["id"], i][0]
                if row is not None:
                    cluster_of_gold.setdefault(ev["id"], set()).add(row.cluster_id)
                    gold_of_cluster.setdefault(row.cluster_id, set()).add(ev["id"])
        for gid, cs in cluster_of_gold.items():
            if len(cs) > 1:
                print(f"  split {gid}: {sorted(cs)}")
        for cid, gs in gold_of_cluster.items():
            if len(gs) > 1:
                print(f"  merged {cid}: {sorted(gs)}")
    if args.rows:
        import pandas as pd

        with pd.option_context("display.width", 250, "display.max_rows", 500, "display.max_colwidth", 50):
            print(df[["event_id", "cluster_id", "value", "mod", "anchor", "modality", "actors", "summary"]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
