"""What a comparison costs beyond reading and segmenting, and where rjieba pays off.

Run: ``python -m benchmarks.pipeline_cost [--runs N]`` (part of ``python -m benchmarks``).

1. **Pipeline cost ratio.** CPU seconds (user + system, of a fresh process, median of N runs
   after a warm-up) of ``legiscompare compare A B --no-db`` against a reference measured in
   the same run: a process that reads both files (``compare.ingest.read_source``) and
   segments their text with rjieba and the legal words (``Segmenter(backend="rjieba")``).
   Pairs: 公司法 2018 / 2023 (a real version pair, about 300 rows) and 刑法 against a copy
   with every 三年 changed to 五年 (136,000 characters). Goal: within 3× of the reference.
2. **Segmenter break-even.** CPU seconds of a fresh process that segments the first N
   characters of 刑法 followed by both 公司法 (130,000 characters in all) with jieba (its
   prepared dictionary) and with rjieba, loading included: ``compare.segment.SWITCH_CHARS``
   should sit where the two cross.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from .common import LAWREFBOOK, machine_line, markdown_table

REPO = Path(__file__).resolve().parents[1]
COMPANY = [LAWREFBOOK / "民法商法" / "公司法(2018-10-26).md", LAWREFBOOK / "民法商法" / "公司法(2023-12-29).md"]
CRIMINAL = LAWREFBOOK / "刑法" / "刑法.md"
RATIO_GOAL = 3.0
SIZES = (20_000, 40_000, 50_000, 60_000, 70_000, 80_000, 100_000, 120_000)

READ_AND_SEGMENT = """
import sys
from compare.ingest import read_source
from compare.segment import Segmenter
segmenter = Segmenter(backend="rjieba")
for path in sys.argv[1:]:
    for line in read_source(path).text.splitlines():
        segmenter.cut(line)
"""

SEGMENT_PREFIX = """
import sys
from pathlib import Path
from compare.segment import Segmenter
text = Path(sys.argv[1]).read_text(encoding="utf-8")[:int(sys.argv[2])]
segmenter = Segmenter(backend=sys.argv[3])
for line in text.splitlines():
    segmenter.cut(line)
"""


def cpu_seconds(cmd: list[str], env: dict[str, str], cwd: Path) -> float:
    """User + system CPU seconds of one run of ``cmd`` (a failed run stops the benchmark)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)}: exit {proc.returncode}: {proc.stderr.strip()[-500:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median_cpu(cmd: list[str], runs: int, env: dict[str, str], cwd: Path) -> float:
    cpu_seconds(cmd, env, cwd)  # warm-up: caches filled
    return statistics.median(cpu_seconds(cmd, env, cwd) for _ in range(runs))


def _pairs(tmp: Path) -> list[tuple[str, list[str]]]:
    edited = tmp / "刑法-edited.md"
    edited.write_text(CRIMINAL.read_text(encoding="utf-8").replace("三年", "五年"), encoding="utf-8")
    return [("公司法 2018 / 2023", [str(p) for p in COMPANY]), ("刑法 / 三年→五年", [str(CRIMINAL), str(edited)])]


def cost_rows(runs: int, env: dict[str, str], tmp: Path) -> tuple[list[list[object]], bool]:
    """The pipeline-cost table and whether every pair met the goal."""
    rows, ok = [], True
    for name, files in _pairs(tmp):
        reference = median_cpu([sys.executable, "-c", READ_AND_SEGMENT, *files], runs, env, tmp)
        whole = median_cpu([sys.executable, "-m", "compare", "compare", *files, "--no-db"], runs, env, tmp)
        report = median_cpu([sys.executable, "-m", "compare", "compare", *files, "--no-db", "-o", "r.html"], runs,
                            env, tmp)
        ratio = whole / reference
        ok &= ratio <= RATIO_GOAL
        rows.append([name, f"{reference:.2f}", f"{whole:.2f}", f"{ratio:.1f}", f"{report:.2f}",
                     f"≤ {RATIO_GOAL:g}×", "PASS" if ratio <= RATIO_GOAL else "FAIL"])
    return rows, ok


def break_even_rows(runs: int, env: dict[str, str], tmp: Path) -> tuple[list[list[object]], int | None]:
    """CPU of segmenting N characters with each backend, and the size from which rjieba is
    cheaper at every larger size measured (the break-even; single sizes are noisy)."""
    rows, crossing = [], None
    source = tmp / "long.md"
    source.write_text("\n".join(p.read_text(encoding="utf-8") for p in [CRIMINAL, *COMPANY]), encoding="utf-8")
    for size in SIZES:
        costs = {b: median_cpu([sys.executable, "-c", SEGMENT_PREFIX, str(source), str(size), b], runs, env, tmp)
                 for b in ("jieba", "rjieba")}
        if costs["rjieba"] >= costs["jieba"]:
            crossing = None
        elif crossing is None:
            crossing = size
        rows.append([f"{size:,}", f"{costs['jieba']:.3f}", f"{costs['rjieba']:.3f}",
                     "rjieba" if costs["rjieba"] < costs["jieba"] else "jieba"])
    return rows, crossing


def main(argv: list[str] | None = None) -> int:
    """Print both tables; status 1 when a pair costs more than the goal."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pipeline_cost", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measure (median; default 5)")
    args = parser.parse_args(argv)
    if not CRIMINAL.is_file() or not all(p.is_file() for p in COMPANY):
        print(f"corpus not found: {LAWREFBOOK}")
        return 1
    from compare.segment import SWITCH_CHARS

    print("## pipeline_cost: a comparison against reading and segmenting alone (CPU seconds, median of "
          f"{args.runs} fresh processes)\n")
    print(machine_line() + "\n")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        env = {**os.environ, "PYTHONPATH": str(REPO), "LEGISCOMPARE_CACHE": str(tmp / "cache")}
        env.pop("LEGISCOMPARE_SEGMENTER", None)
        rows, ok = cost_rows(args.runs, env, tmp)
        print(markdown_table(["pair", "read + rjieba", "compare --no-db", "ratio", "compare -o html", "goal",
                              "result"], rows))
        print()
        rows, crossing = break_even_rows(args.runs, env, tmp)
        print(markdown_table(["characters", "jieba", "rjieba", "cheaper"], rows))
    where = f"rjieba cheaper from {crossing:,} characters on" if crossing else "rjieba not cheaper at the largest size"
    print(f"\nsegmenter: {where}; compare.segment.SWITCH_CHARS = {SWITCH_CHARS:,}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
