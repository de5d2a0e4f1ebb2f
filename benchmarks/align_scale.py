"""N-way comparison at scale: many texts of one topic, and many texts of mixed topics.

Run: ``python -m benchmarks.align_scale [--sets NAME ...]``.

Sets (files found by glob under the lawrefbook corpus, every version included):

- ``business-16``: the 16 local 优化营商环境条例 (the national one left out);
- ``air-28``: the 28 大气污染防治条例;
- ``mixed-53``: air-28, the national 优化营商环境条例 and 24 of the 城市绿化 / 制定地方性法规 texts;
- ``mixed-76``: air-28, all 17 优化营商环境条例, the 城市绿化条例 and 10 制定地方性法规条例.

Each set runs ``legiscompare compare DIR --no-db --json OUT`` in a fresh process (what a
user runs), measuring wall time and the process's peak resident memory; the reference,
measured in the same run and the same way, is ``legiscompare parse`` of every file of the
set (reading and parsing alone), so ``ratio`` = compare / reading. ``ms/provision`` is the
compare time per provision of the set: near-constant across sets means the cost grows
near-linearly with the provisions. How: each text is matched to the base pairwise (content
matching is a sparse product of two texts' TF-IDF vectors and one assignment per pair, so
N texts cost N pairs); provisions no base provision matched are clustered through their
similar pairs only (``compare.align.neighbours``: one rapidfuzz matrix on both cores up to
4 million pairs; beyond, a blocked sparse screen of character bigrams, then ``ratio`` on
the pairs it keeps). The screen's product is still quadratic in the leftovers, but it runs
in compiled code a block at a time, so memory stays bounded.

Goals: air-28 ≤ 10 s, business-16 ≤ 10 s, mixed-76 ≤ 15 s and ≤ 400 MiB.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .common import LAWREFBOOK, machine_line, markdown_table

GOALS = {"air-28": (10.0, None), "business-16": (10.0, None), "mixed-76": (15.0, 400.0)}
_CHILD = """
import resource, sys, time
from compare.launch import main
start = time.perf_counter()
try:
    main(sys.argv[1:])
except SystemExit as stop:
    code = stop.code
else:
    code = 0
print("BENCH", time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, code,
      file=sys.stderr)
"""


@dataclass(frozen=True)
class ScaleResult:
    """One set: its size, the compare run and the reading reference."""

    name: str
    texts: int
    provisions: int
    rows: int
    seconds: float
    mib: float
    reference: float

    @property
    def ratio(self) -> float:
        return self.seconds / self.reference if self.reference else 0.0


def sets() -> dict[str, list[Path]]:
    """The benchmark's sets of corpus files (sorted, deterministic)."""
    def found(pattern: str) -> list[Path]:
        return sorted(LAWREFBOOK.rglob(pattern))

    business = found("*优化营商环境条例*.md")
    air = found("*大气污染防治条例*.md")
    green = found("*城市绿化条例*.md")
    making = found("*制定地方性法规条例*.md")
    return {
        "business-16": [p for p in business if "行政法规" not in p.parts],
        "air-28": air,
        "mixed-53": air + [p for p in business if "行政法规" in p.parts] + (green + making)[:24],
        "mixed-76": air + business + green + making[:10],
    }


def _run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak MiB of one CLI run in a fresh process."""
    done = subprocess.run([sys.executable, "-c", _CHILD, *args], capture_output=True, text=True, timeout=900)
    line = next((x for x in done.stderr.splitlines() if x.startswith("BENCH ")), None)
    if line is None:
        raise RuntimeError(done.stderr[-2000:])
    _, seconds, mib, code = line.split()
    if code not in ("0", "None"):
        raise RuntimeError(f"exit {code}: {done.stderr[-2000:]}")
    return float(seconds), float(mib)


def measure(name: str, files: list[Path]) -> ScaleResult:
    """Compare one set as a user would, and read it as the reference."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / name
        folder.mkdir()
        for n, path in enumerate(files):
            shutil.copy(path, folder / f"{n:03d}-{path.name}")  # one name per file, even for equal names
        out = Path(tmp) / "out.json"
        seconds, mib = _run(["compare", str(folder), "--no-db", "--json", str(out)])
        data = json.loads(out.read_text(encoding="utf-8"))
        reference = 0.0
        start = time.perf_counter()
        _run(["corpus", "stats", str(folder)])
        reference = time.perf_counter() - start
    provisions = sum(1 for r in data["rows"] for c in r["cells"].values() if c)
    return ScaleResult(name, len(files), provisions, len(data["rows"]), seconds, mib, reference)


def report(results: list[ScaleResult]) -> str:
    rows = []
    for r in results:
        goal = GOALS.get(r.name)
        verdict = ""
        if goal:
            ok = r.seconds <= goal[0] and (goal[1] is None or r.mib <= goal[1])
            verdict = ("pass" if ok else "FAIL") + f" (≤ {goal[0]:.0f} s" + (f", ≤ {goal[1]:.0f} MiB)" if goal[1] else ")")
        rows.append([r.name, r.texts, r.provisions, r.rows, f"{r.seconds:.2f}", f"{r.mib:.0f}",
                     f"{1000 * r.seconds / max(r.provisions, 1):.2f}", f"{r.reference:.2f}", f"{r.ratio:.1f}", verdict])
    return markdown_table(["set", "texts", "provisions", "rows", "compare s", "peak MiB", "ms/provision",
                           "reading s (reference)", "ratio", "goal"], rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.align_scale", description=__doc__.split("\n")[0])
    parser.add_argument("--sets", nargs="*", help="set names (default: all)")
    args = parser.parse_args(argv)
    if not LAWREFBOOK.is_dir():
        print(f"corpus not found: {LAWREFBOOK}")
        return 1
    chosen = {k: v for k, v in sets().items() if not args.sets or k in args.sets}
    results = [measure(name, files) for name, files in chosen.items()]
    print("## N-way comparison at scale (benchmarks.align_scale)\n")
    print(machine_line() + "\n")
    print(report(results))
    failed = [r for r in results if r.name in GOALS and not (
        r.seconds <= GOALS[r.name][0] and (GOALS[r.name][1] is None or r.mib <= GOALS[r.name][1]))]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
