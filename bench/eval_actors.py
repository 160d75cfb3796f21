"""Actor evaluation: paragraph-level precision/recall of events.actors.find_actors against the gold
actors of shared/eval/seeds_gold.json, plus speed (characters per second) on the sample corpus.

Run: python bench/eval_actors.py [--gold PATH] [--dated] [--top N]
The gold "aliases" map is used only here, to map spelling differences of canonical names
(e.g. our "Recep Tayyip Erdoğan" / Japanese names of unknown people → the gold's spelling).
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from events.actors import _pos, actor_catalog, find_actors  # noqa: E402
from events.text import paragraphs  # noqa: E402

DEFAULT_GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "seeds_gold.json"
_HONORIFIC = re.compile(r"(氏|さん|報道官|大統領|国防相|委員長|総書記|教授|元帥|長官|外相|国家主席|\(.*?\)|（.*?）)$")


def _strip(surface: str) -> str:
    prev = None
    while prev != surface:
        prev, surface = surface, _HONORIFIC.sub("", surface)
    return surface


def build_mapper(gold_aliases: dict[str, list[str]]):
    """Our canonical name → the gold's canonical name, via shared Japanese surfaces (scoring only)."""
    by_surface: dict[str, str] = {}
    for canonical, surfaces in gold_aliases.items():
        for s in surfaces:
            by_surface.setdefault(s, canonical)
            by_surface.setdefault(_strip(s), canonical)
    catalog = actor_catalog()
    gold_names = set(gold_aliases)

    def mapper(ours: str) -> str:
        if ours in gold_names:
            return ours
        names = [ours]
        if ours in catalog:
            names += list(catalog[ours].aliases)
        for n in names:
            if n in by_surface:
                return by_surface[n]
            if _strip(n) in by_surface:
                return by_surface[_strip(n)]
        return ours

    return mapper


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--dated", action="store_true", help="pass the manifest date as on= (role titles)")
    ap.add_argument("--top", type=int, default=15)
    args = ap.parse_args(argv)
    if not args.gold.exists():
        print(f"gold file not found: {args.gold}", file=sys.stderr)
        return 2
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    mapper = build_mapper(gold.get("aliases", {}))
    manifest = {}
    man_path = args.gold.parent.parent / "corpus" / "manifest.csv"
    if man_path.exists():
        with man_path.open(encoding="utf-8") as fh:
            manifest = {row["file"]: row for row in csv.DictReader(fh)}
    tp = fp = fn = 0
    misses, false_pos = Counter(), Counter()
    texts = []
    for doc in gold["docs"]:
        path = (args.gold.parent / doc["text_file"]).resolve()
        text = path.read_text(encoding="utf-8")
        texts.append(text)
        on = None
        if args.dated and path.name in manifest and manifest[path.name].get("published"):
            on = date.fromisoformat(manifest[path.name]["published"])
        mentions = find_actors(text, on=on)
        paras = paragraphs(text)
        gold_paras = doc["paragraphs"]
        if len(paras) != len(gold_paras):
            print(f"warning: {doc['id']}: {len(paras)} paragraphs vs {len(gold_paras)} in gold", file=sys.stderr)
        for gp in gold_paras:
            found = {mapper(m.canonical) for m in mentions if gp["start"] <= m.start < gp["end"]}
            expected = set(gp["actors"])
            tp += len(found & expected)
            fp += len(found - expected)
            fn += len(expected - found)
            line = text[gp["start"]:gp["end"]]
            for a in expected - found:
                misses[a] += 1
            for a in found - expected:
                false_pos[a] += 1
            if args.top > 15:
                for a in sorted(found ^ expected):
                    tag = "MISS" if a in expected else "FP  "
                    print(f"  {tag} {doc['id']}:{gp['line']} {a}  | {line[:70]}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"paragraph-level actors: P={p:.3f} R={r:.3f} F1={f1:.3f} (tp={tp} fp={fp} fn={fn})"
          + (" [dated]" if args.dated else ""))
    print("biggest misses:", ", ".join(f"{a} ×{n}" for a, n in misses.most_common(args.top)))
    print("biggest false positives:", ", ".join(f"{a} ×{n}" for a, n in false_pos.most_common(args.top)))
    corpus = "\n".join(texts)
    find_actors(corpus)  # load the gazetteer and janome once, as a long-running process would
    reps = 5
    dt = 0.0
    for _ in range(reps):
        _pos.cache_clear()  # no credit for janome results cached from the previous round
        t0 = time.perf_counter()
        for t in texts:
            find_actors(t)
        dt += time.perf_counter() - t0
    print(f"speed: {reps * len(corpus) / dt:,.0f} characters/second "
          f"({len(corpus):,} characters × {reps}, per document; gazetteer and janome loaded, janome cache cleared)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
