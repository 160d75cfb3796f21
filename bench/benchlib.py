"""Benchmark plumbing: sample corpus → repeated input file, one worker process per system → figures.

Shared by bench_timex.py and bench_build.py. Only the standard library: the benchmark must run
before the project's own modules exist, and report clearly when they do not.
"""
from __future__ import annotations

import csv
import json
import os
import platform
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CORPUS = REPO / "events" / "data" / "corpus"
JATIMEX_PYTHON = BENCH / ".venv-jatimex" / "bin" / "python"
WORKER = BENCH / "worker.py"
MB = 1_000_000  # "1 MB of text" = one million bytes of UTF-8, as the files weigh on disk


@dataclass
class BenchInput:
    """The repeated corpus as written for the workers."""

    path: Path
    documents: int
    texts: int
    copies: int
    chars: int
    utf8_bytes: int

    def describe(self) -> str:
        return (
            f"{self.documents} documents ({self.texts} texts × {self.copies} copies), "
            f"{self.chars:,} characters, {self.utf8_bytes / MB:.2f} MB UTF-8"
        )


def read_corpus(folder: Path) -> list[dict]:
    """The .txt files of a folder with id, title and date from a manifest.csv beside them, if any."""
    if not folder.is_dir():
        raise SystemExit(f"corpus folder not found: {folder}")
    manifest: dict[str, dict] = {}
    manifest_path = folder / "manifest.csv"
    if manifest_path.is_file():
        with manifest_path.open(encoding="utf-8-sig", newline="") as f:
            manifest = {row.get("file", ""): row for row in csv.DictReader(f)}
    records = []
    for path in sorted(folder.glob("*.txt")):
        row = manifest.get(path.name, {})
        records.append(
            {
                "id": row.get("id") or path.stem,
                "text": path.read_text(encoding="utf-8-sig"),
                "title": row.get("title", ""),
                "dct": row.get("published") or None,
                "source": str(path),
            }
        )
    if not records:
        raise SystemExit(f"no .txt files in {folder}")
    return records


def write_input(folder: Path, megabytes: float, out_dir: Path) -> BenchInput:
    """Repeat the corpus until it weighs `megabytes` of UTF-8; each copy gets its own document ids."""
    records = read_corpus(folder)
    copy_bytes = sum(len(r["text"].encode("utf-8")) for r in records)
    copies = max(1, round(megabytes * MB / copy_bytes))
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"input-{megabytes:g}mb.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for copy in range(copies):
            for r in records:
                f.write(json.dumps({**r, "id": f"{r['id']}-{copy:04d}"}, ensure_ascii=False) + "\n")
    return BenchInput(
        path=path,
        documents=copies * len(records),
        texts=len(records),
        copies=copies,
        chars=copies * sum(len(r["text"]) for r in records),
        utf8_bytes=copies * copy_bytes,
    )


def _tree(pid: int) -> list[int]:
    """The process and all its descendants (Linux /proc), for pool workers started by the build."""
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            continue
    return pids


def _memory_kb(pid: int) -> int:
    """Proportional set size (shared pages split between sharers), falling back to RSS."""
    for name, key in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            with open(name) as f:
                for line in f:
                    if line.startswith(key):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


class TreeSampler(threading.Thread):
    """Samples the summed memory of a process tree every `interval` seconds; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_mb = 0.0
        self.max_processes = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            pids = _tree(self.pid)
            self.max_processes = max(self.max_processes, len(pids))
            self.peak_mb = max(self.peak_mb, sum(_memory_kb(p) for p in pids) / 1024)
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self.join()


@dataclass
class Outcome:
    """A worker's figures, or why there are none."""

    label: str
    figures: dict = field(default_factory=dict)
    error: str = ""
    tree_peak_mb: float = 0.0
    max_processes: int = 0

    @property
    def ok(self) -> bool:
        return not self.error


def run_worker(label: str, python: Path | str, system: str, data: BenchInput, *args: str, sample_tree=False) -> Outcome:
    """Run one system in its own process; its stderr goes straight to ours."""
    cmd = [str(python), str(WORKER), system, str(data.path), *args]
    print(f"… running {label}", file=sys.stderr, flush=True)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, cwd=REPO)
    sampler = TreeSampler(proc.pid) if sample_tree and Path("/proc").is_dir() else None
    if sampler:
        sampler.start()
    stdout, _ = proc.communicate()
    if sampler:
        sampler.stop()
    result_lines = [line[len("RESULT ") :] for line in stdout.splitlines() if line.startswith("RESULT ")]
    outcome = Outcome(label)
    if sampler:
        outcome.tree_peak_mb, outcome.max_processes = sampler.peak_mb, sampler.max_processes
    if result_lines:
        payload = json.loads(result_lines[-1])
        if "error" in payload:
            outcome.error = payload["error"]
        else:
            outcome.figures = payload
    else:
        outcome.error = f"worker exited with status {proc.returncode} without figures (see its traceback above)"
    return outcome


def jatimex_python(given: str | None) -> Path | None:
    """The interpreter of the ja-timex venv, or None when it has not been set up."""
    path = Path(given) if given else JATIMEX_PYTHON
    return path if path.exists() else None


def header(title: str, data: BenchInput) -> str:
    return "\n".join(
        [
            title,
            f"machine: {os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}, "
            f"{time.strftime('%Y-%m-%d %H:%M')}",
            f"input:   {data.describe()}; dct per document from the manifest",
        ]
    )


def throughput(data: BenchInput, outcome: Outcome) -> float:
    return data.chars / outcome.figures["median_s"]


def table(rows: list[list[str]]) -> str:
    """Left-align the first column, right-align the rest."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [cell.rjust(w) for cell, w in zip(row[1:], widths[1:])]
        lines.append("  ".join(cells))
    return "\n".join(lines)


def write_json(path: str | None, payload: dict) -> None:
    if path:
        Path(path).write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"figures written to {path}")


def report_baseline(args, jt_python, theirs) -> None:
    """Say why ja-timex was not measured, if it was not."""
    if args.no_jatimex:
        print("\nja-timex: skipped (--no-jatimex)")
    elif not jt_python:
        print(f"\nja-timex: not measured: no interpreter at {args.jatimex_python or JATIMEX_PYTHON}; "
              "create the venv with bench/setup_jatimex.sh")
    elif not theirs.ok:
        print(f"\nja-timex: could not be measured: {theirs.error}")


def report_ratio(label: str, data, ours, theirs, target: float):
    """Print 'LABEL: N.N×  (meets|BELOW the target of ≥T×)' and return the ratio (None if unmeasured)."""
    if not (ours.ok and theirs and theirs.ok):
        return None
    ratio = throughput(data, ours) / throughput(data, theirs)
    verdict = "meets" if ratio >= target else "BELOW"
    print(f"\n{label}: {ratio:.1f}×  ({verdict} the target of ≥{target:g}×)")
    return ratio
