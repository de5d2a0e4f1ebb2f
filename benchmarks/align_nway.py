"""N-way alignment quality: one real regulation and five edited variants compared at once.

Run: ``python -m benchmarks.align_nway [--seed N] [--cases K] [--versions V]``.

Each group is a regulation of the corpus and ``V`` (default 5) variants made from it as in
``benchmarks.cases`` (odd variants with the extended edit kinds: non-adjacent merges, moves
with a 款 added or dropped, splits next to an inserted article). All ``V + 1`` texts go
through ``load_documents`` + ``compare_documents`` together with the original as base, and
every variant is scored against the base from the N-way rows exactly as
``benchmarks.align_quality`` scores a pair (same labels, goals and tables).
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from compare.errors import InputError

from .align_quality import QualityResult, passed, report, score_case, timed_comparison
from .cases import Case, generate_nway, render
from .common import LAWREFBOOK


def run(seed: int = 1, cases: int = 10, versions: int = 5, root: Path = LAWREFBOOK) -> QualityResult:
    """Score ``cases`` groups of one base and ``versions`` variants."""
    result = QualityResult(seed, [], {}, {}, Counter(), defaultdict(list), title=f"align_nway ({versions + 1} texts)")
    with tempfile.TemporaryDirectory(prefix="align-nway-") as tmp:
        for n, group in enumerate(generate_nway(seed, cases, versions, root)):
            directory = Path(tmp) / f"group{n}"
            directory.mkdir()
            try:
                _compare_group(group, directory, result)
            except (InputError, ValueError) as err:
                result.skipped.append(f"{group[0].name}: {err}")
                continue
            result.cases.append(group[0].name)
    return result


def _compare_group(group: list[Case], directory: Path, result: QualityResult) -> None:
    first = group[0]
    base_path = directory / "base.md"
    base_path.write_text(render(first.title, first.note, first.base), encoding="utf-8")
    paths = [str(base_path)]
    for k, case in enumerate(group, 1):
        path = directory / f"v{k}.md"
        path.write_text(render(case.title, case.note, [p.article for p in case.variant]), encoding="utf-8")
        paths.append(str(path))
    comparison, seconds = timed_comparison(paths, base_path)
    result.seconds += seconds
    by_path = {Path(d.source.path).name: d for d in comparison.documents}
    base = by_path["base.md"]
    for k, case in enumerate(group, 1):
        variant = by_path[f"v{k}.md"]
        if len([p for p in variant.provisions if p.kind == "article"]) != len(case.variant):
            raise ValueError(f"{variant.id}: parsed a different number of articles than written")
        score_case(case, comparison, base, variant, result, nway=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.align_nway", description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=1, help="sampling and edit seed (default 1)")
    parser.add_argument("--cases", type=int, default=10, help="number of regulations (default 10)")
    parser.add_argument("--versions", type=int, default=5, help="edited variants per regulation (default 5)")
    args = parser.parse_args(argv)
    if not LAWREFBOOK.is_dir():
        print(f"corpus not found: {LAWREFBOOK}")
        return 1
    result = run(args.seed, args.cases, args.versions)
    print(report(result))
    return 0 if passed(result) else 1


if __name__ == "__main__":
    raise SystemExit(main())
