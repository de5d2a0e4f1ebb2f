"""Structure parsing speed on the whole lawrefbook corpus (3,398 files).

Run: ``python -m benchmarks.parse_corpus [--root DIR] [--repeat N]``.

Two passes over the same files in one run, so the ratio is not skewed by another
machine or a cold cache:

1. read + decode: ``compare.ingest.read_source`` on every file (the floor any parse pays);
2. parse: ``compare.structure.parse`` on the decoded texts of pass 1.

Printed: seconds for each pass, the total, the ratio total / read+decode, and files per
second. With ``--repeat N`` each pass is timed N times and the fastest is kept. Goal:
total ≤ 60 s on 2 cores (the exit status is 1 above it).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from compare.errors import InputError
from compare.ingest import read_source
from compare.model import SourceText
from compare.structure import parse
from compare.structure.corpus import corpus_files

from .common import LAWREFBOOK, machine_line, markdown_table

GOAL_SECONDS = 60.0


def read_all(files: list[Path]) -> tuple[float, list[SourceText]]:
    """Seconds to read and decode every file, and the decoded texts."""
    started = time.perf_counter()
    sources = []
    for path in files:
        try:
            sources.append(read_source(path))
        except InputError:
            continue
    return time.perf_counter() - started, sources


def parse_all(sources: list[SourceText]) -> tuple[float, int, int]:
    """Seconds to parse every text, texts parsed, and provisions found."""
    started = time.perf_counter()
    parsed = provisions = 0
    for source in sources:
        try:
            doc = parse(source, source.name)
        except InputError:
            continue
        parsed += 1
        provisions += len(doc.provisions)
    return time.perf_counter() - started, parsed, provisions


def run(root: Path, repeat: int = 1) -> dict[str, float]:
    """Time both passes (best of ``repeat``) and return the figures."""
    files = corpus_files(root)
    read_s, sources = min((read_all(files) for _ in range(repeat)), key=lambda r: r[0])
    parse_s, parsed, provisions = min((parse_all(sources) for _ in range(repeat)), key=lambda r: r[0])
    total = read_s + parse_s
    return {"files": len(files), "decoded": len(sources), "parsed": parsed, "provisions": provisions,
            "read_s": read_s, "parse_s": parse_s, "total_s": total,
            "ratio": total / read_s if read_s else float("inf"), "files_per_s": len(files) / total if total else 0.0}


def report(figures: dict[str, float]) -> str:
    rows = [
        ["read + decode", f"{figures['read_s']:.2f}", "1.00", f"{figures['files'] / figures['read_s']:.0f}"],
        ["parse (decoded texts)", f"{figures['parse_s']:.2f}", f"{figures['parse_s'] / figures['read_s']:.2f}",
         f"{figures['files'] / figures['parse_s']:.0f}"],
        ["read + decode + parse", f"{figures['total_s']:.2f}", f"{figures['ratio']:.2f}",
         f"{figures['files_per_s']:.0f}"],
    ]
    verdict = "met" if figures["total_s"] <= GOAL_SECONDS else "NOT met"
    return "\n".join([
        "## parse_corpus: structure parsing of the lawrefbook corpus",
        machine_line(),
        f"{figures['files']:.0f} files, {figures['parsed']:.0f} parsed into {figures['provisions']:.0f} provisions",
        "",
        markdown_table(["pass", "seconds", "× read+decode", "files/s"], rows),
        "",
        f"goal: total ≤ {GOAL_SECONDS:.0f} s on 2 cores: {verdict} ({figures['total_s']:.1f} s)",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.parse_corpus", description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=LAWREFBOOK, help="corpus directory (default: lawrefbook)")
    parser.add_argument("--repeat", type=int, default=1, help="time each pass N times, keep the fastest")
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        print(f"corpus not found: {args.root}")
        return 1
    figures = run(args.root, max(1, args.repeat))
    print(report(figures))
    return 0 if figures["total_s"] <= GOAL_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
