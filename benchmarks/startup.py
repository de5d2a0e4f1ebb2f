"""Start-up and short-run speed: what a user waits for, as wall clock of fresh processes.

Run: ``python -m benchmarks.startup [--runs N]`` (part of ``python -m benchmarks``).

In one run, each measure is the median of N (default 7) fresh subprocesses after one
warm-up run (which fills the help cache and the prepared jieba dictionary, as any first
use does; the first-ever demo is shown once, with empty caches):

- ``python -c pass`` and ``python -c "import click"``: the interpreter and the bare import;
- ``legiscompare --help`` and ``legiscompare compare --help`` (answered from the help
  cache), and ``--help`` with an empty cache (click builds it);
- the README's demo with all four outputs: ``legiscompare compare
  texts/jjj-innovation-2023/*.txt -o … --json … --docx … --csv … --no-db``, and the same
  storing into a SQLite database (the default; the database exists after the warm-up);
- a real consecutive version pair of about 40 KB each from the corpus:
  宪法相关法/立法法(2015-03-15).md (42.7 KB) and 立法法(2023-03-13).md (48.1 KB), ``--no-db``.

``legiscompare`` is ``python -m compare`` with this checkout first on ``PYTHONPATH`` (the
console script runs the same ``compare.launch:main``). The package is byte-compiled first,
as ``pip install`` does. Goals: ``--help`` ≤ 2 × ``python -c pass``; the demo with four
outputs ≤ 1.0 s; the 40 KB pair ≤ 1.2 s. Exit status 1 when one is missed.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import LAWREFBOOK, machine_line, markdown_table

REPO = Path(__file__).resolve().parents[1]
DEMO = sorted(str(p) for p in (REPO / "texts" / "jjj-innovation-2023").glob("*.txt"))
PAIR = [LAWREFBOOK / "宪法相关法" / "立法法(2015-03-15).md", LAWREFBOOK / "宪法相关法" / "立法法(2023-03-13).md"]
HELP_RATIO, DEMO_SECONDS, PAIR_SECONDS = 2.0, 1.0, 1.2


def _wall(cmd: list[str], cwd: Path, env: dict[str, str], fresh_cache: Path | None = None) -> float:
    """Seconds of one run of ``cmd``; a failed run stops the benchmark with its stderr."""
    if fresh_cache is not None:
        env = {**env, "LEGISCOMPARE_CACHE": tempfile.mkdtemp(dir=fresh_cache)}
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)}: exit {proc.returncode}: {proc.stderr.strip()[-500:]}")
    return seconds


def _median(cmd: list[str], runs: int, cwd: Path, env: dict[str, str], fresh_cache: Path | None = None) -> float:
    _wall(cmd, cwd, env, fresh_cache)  # warm-up: caches filled, files in the page cache
    return statistics.median(_wall(cmd, cwd, env, fresh_cache) for _ in range(runs))


def measure(runs: int, repo: Path = REPO) -> tuple[list[list[object]], bool]:
    """The table rows and whether every goal was met (``repo``: the checkout whose ``compare`` runs)."""
    compileall.compile_dir(str(repo / "compare"), quiet=1)
    py = sys.executable
    lc = [py, "-m", "compare"]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        env = {**os.environ, "PYTHONPATH": str(repo), "LEGISCOMPARE_CACHE": str(tmp / "cache")}
        env.pop("LEGISCOMPARE_DB", None)
        outputs = ["-o", "r.html", "--json", "r.json", "--docx", "r.docx", "--csv", "r.csv"]
        demo = [*lc, "compare", *DEMO, *outputs]
        (tmp / "fresh").mkdir()
        first = _wall([*demo, "--no-db"], tmp, env, fresh_cache=tmp / "fresh")
        base = _median([py, "-c", "pass"], runs, tmp, env)
        rows: list[tuple[str, float, str, bool | None]] = [
            ("python -c pass", base, "", None),
            ("python -c 'import click'", _median([py, "-c", "import click"], runs, tmp, env), "", None)]
        help_s = _median([*lc, "--help"], runs, tmp, env)
        rows.append(("legiscompare --help", help_s, f"≤ {HELP_RATIO:g}× pass", help_s <= HELP_RATIO * base))
        rows.append(("legiscompare compare --help", _median([*lc, "compare", "--help"], runs, tmp, env), "", None))
        rows.append(("legiscompare --help, empty cache", _median([*lc, "--help"], runs, tmp, env, tmp / "fresh"),
                     "", None))
        rows.append(("demo, 4 outputs, first run (empty caches)", first, "", None))
        demo_s = _median([*demo, "--no-db"], runs, tmp, env)
        rows.append(("demo, 4 outputs, --no-db", demo_s, f"≤ {DEMO_SECONDS:g} s", demo_s <= DEMO_SECONDS))
        rows.append(("demo, 4 outputs, SQLite database", _median(demo, runs, tmp, env), "", None))
        if all(p.is_file() for p in PAIR):
            pair_s = _median([*lc, "compare", *map(str, PAIR), "--no-db"], runs, tmp, env)
            rows.append(("立法法 2015 / 2023 (43 + 48 KB), --no-db", pair_s, f"≤ {PAIR_SECONDS:g} s",
                         pair_s <= PAIR_SECONDS))
        else:
            rows.append(("40 KB pair: corpus not found", 0.0, f"≤ {PAIR_SECONDS:g} s", None))
    table = [[name, f"{s:.3f}", f"{s / base:.1f}", goal, "" if ok is None else ("PASS" if ok else "FAIL")]
             for name, s, goal, ok in rows]
    return table, all(ok is not False for *_, ok in rows)


def main(argv: list[str] | None = None) -> int:
    """Print the start-up table; status 1 when a goal is missed."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.startup", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per measure (median; default 7)")
    parser.add_argument("--repo", type=Path, default=REPO, help="checkout to measure (default: this one)")
    args = parser.parse_args(argv)
    print("## startup: wall clock of fresh processes (median of "
          f"{args.runs} runs after a warm-up)")
    print(machine_line())
    if args.repo != REPO:
        print(f"checkout: {args.repo}")
    table, ok = measure(args.runs, args.repo.resolve())
    print(markdown_table(["command", "seconds", "× pass", "goal", "result"], table))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
