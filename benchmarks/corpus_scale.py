"""Corpus-scale benchmark: index lawrefbook and find every text-reuse family, on Dask.

``python -m benchmarks.corpus_scale [--fraction 0.25 0.5 1.0] [--workers 2] [--scheduler ADDR]``

For each fraction, a nested sample of lawrefbook (a file is in the sample when a hash of
its path falls below the fraction, so 25 % ⊂ 50 % ⊂ 100 %) is linked into a temporary
directory and indexed into a fresh temporary SQLite database; then every family is found
and the HTML report rendered. Timed from before the Dask cluster starts to the end of the
report. Peak memory is sampled every 0.1 s as the sum of the resident memory of this
process and all its descendants (scheduler, nannies, workers). The goal: the whole
corpus within 120 s on 2 cores and 2 GB, time growing close to linearly; the last column
is the growth exponent k in time ∝ files^k against the previous fraction (1 = linear).
"""

from __future__ import annotations

import argparse
import hashlib
import math
import os
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.common import LAWREFBOOK, markdown_table, machine_line

GOAL_SECONDS = 120
GOAL_MB = 2048


class PeakMemory:
    """Background sampler of the summed RSS of this process tree (psutil)."""

    def __init__(self, interval: float = 0.1) -> None:
        import psutil

        self._me = psutil.Process()
        self._interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        total = 0
        for proc in [self._me, *self._me.children(recursive=True)]:
            try:
                total += proc.memory_info().rss
            except Exception:  # a process that just ended
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self._interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._sample())


def sample(files: list[Path], fraction: float) -> list[Path]:
    """Files whose path hash falls below ``fraction`` (nested across fractions)."""
    def position(path: Path) -> float:
        digest = hashlib.sha256(path.relative_to(LAWREFBOOK).as_posix().encode("utf-8")).digest()
        return int.from_bytes(digest[:8], "big") / 2**64
    return [f for f in files if fraction >= 1 or position(f) < fraction]


def run_fraction(fraction: float, workers: int, scheduler: str | None) -> dict[str, float]:
    """Index and find families on one sample; timings, sizes and peak memory."""
    from compare.corpus import FamilyOptions, dask_client, find_families, index_directory, render_families_html
    from compare.corpus.index import corpus_files
    from compare.store import open_store

    chosen = sample(corpus_files(LAWREFBOOK), fraction)
    with tempfile.TemporaryDirectory(prefix="corpus-scale-") as tmp:
        root = Path(tmp) / "corpus"
        for path in chosen:
            link = root / path.relative_to(LAWREFBOOK)
            link.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(path, link)
        with PeakMemory() as memory:
            start = time.perf_counter()
            with open_store(f"sqlite:///{tmp}/bench.db") as store, dask_client(scheduler, workers) as client:
                ready = time.perf_counter()
                summary = index_directory(root, store, client=client)
                indexed = time.perf_counter()
                families, timings = find_families(store, root, FamilyOptions(), client)
                found = time.perf_counter()
                html = render_families_html(families, {"families": len(families), "members": 0, "provisions": 0})
            end = time.perf_counter()
        size = os.path.getsize(f"{tmp}/bench.db")
    return {"fraction": fraction, "files": len(chosen), "provisions": summary.total_provisions,
            "families": len(families), "members": sum(len(f.members) for f in families),
            "cluster": ready - start, "index": indexed - ready, "families_s": found - indexed,
            "cluster_step": timings["cluster"], "explain": timings["explain"], "report": end - found,
            "total": end - start, "peak_mb": memory.peak / 2**20, "db_mb": size / 2**20, "html_mb": len(html) / 2**20}


def report(results: list[dict[str, float]]) -> str:
    rows = []
    previous = None
    for r in results:
        growth = "–"
        if previous and r["files"] > previous["files"]:
            growth = f"{math.log(r['total'] / previous['total']) / math.log(r['files'] / previous['files']):.2f}"
        rows.append([f"{r['fraction']:.0%}", r["files"], r["provisions"], r["families"], r["members"],
                     f"{r['cluster']:.1f}", f"{r['index']:.1f}", f"{r['families_s']:.1f}", f"{r['report']:.1f}",
                     f"{r['total']:.1f}", f"{r['peak_mb']:.0f}", f"{r['db_mb']:.0f}", growth])
        previous = r
    headers = ["sample", "files", "provisions", "families", "members", "cluster s", "index s", "families s",
               "report s", "total s", "peak MB", "db MB", "growth k"]
    return markdown_table(headers, rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fraction", type=float, nargs="+", default=[0.25, 0.5, 1.0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scheduler", default=None)
    args = parser.parse_args(argv)
    if not LAWREFBOOK.is_dir():
        print(f"corpus not found at {LAWREFBOOK}; nothing to measure")
        return 0
    print("# Corpus scale: index + families on lawrefbook")
    print(machine_line() + f" · {args.workers} Dask workers")
    results = []
    for fraction in sorted(args.fraction):
        results.append(run_fraction(fraction, args.workers, args.scheduler))
        print(f"  {fraction:.0%}: {results[-1]['total']:.1f} s, peak {results[-1]['peak_mb']:.0f} MB", flush=True)
    print()
    print(report(results))
    whole = next((r for r in results if r["fraction"] >= 1), None)
    if whole:
        ok = whole["total"] <= GOAL_SECONDS and whole["peak_mb"] <= GOAL_MB
        print(f"\nwhole corpus: {whole['total']:.1f} s (goal ≤ {GOAL_SECONDS} s), peak {whole['peak_mb']:.0f} MB "
              f"(goal ≤ {GOAL_MB} MB): {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
