"""Every consecutive pair of versions of one text in the corpus, through the whole pipeline.

Run: ``python -m benchmarks.align_versions [--limit N] [--pairs]``.

Files are grouped by name without the ``(date)`` suffix (行政复议法(2017-09-01).md and
行政复议法(2023-09-01).md are one text); each group's versions, sorted by date, give the
consecutive pairs. For each pair: rows, rows by status, moved cells, splits (a row with one
old and several new articles), merges (several old, one new), the reference classes
(``renumbering`` / ``cross_reference`` differences), and the *near-identical share*: of the
old articles that have a new article of near-identical text (comparison text ratio ≥
``NEAR``), the share the engine put in a row with such an article. A near-identical article
left apart is a certain miss, so 1 − share is a lower bound on the engine's misses. The
same share is given for a looser tier (ratio ≥ ``CLOSE``: lightly amended articles).
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from compare.errors import InputError
from compare.model import STATUSES, Comparison
from compare.pipeline import Options, compare_documents, load_documents

from .common import LAWREFBOOK, machine_line, markdown_table

NEAR = 0.95  # text ratio of two articles read as "the same article"
CLOSE = 0.80  # a looser tier: lightly amended articles
_DATED = re.compile(r"^(?P<name>.+)\((?P<date>\d{4}-\d{2}-\d{2})\)$")


@dataclass
class PairResult:
    """Counts for one consecutive version pair."""

    name: str
    old: str
    new: str
    rows: int = 0
    statuses: Counter = field(default_factory=Counter)
    moved: int = 0
    splits: int = 0
    merges: int = 0
    classes: Counter = field(default_factory=Counter)
    near: int = 0  # old articles with a near-identical new article
    near_paired: int = 0  # … that the engine paired with one
    close: int = 0  # old articles with a new article of ratio ≥ CLOSE
    close_paired: int = 0  # … that the engine paired with one
    seconds: float = 0.0
    error: str = ""


def version_groups(root: Path = LAWREFBOOK) -> dict[str, list[Path]]:
    """Texts with two or more dated versions: name → files sorted by date."""
    groups: dict[str, list[tuple[str, Path]]] = defaultdict(list)
    for path in root.rglob("*.md"):
        m = _DATED.match(path.stem)
        if m and "案例" not in path.parts:
            groups[str(path.parent.relative_to(root) / m.group("name"))].append((m.group("date"), path))
    return {name: [p for _, p in sorted(v)] for name, v in sorted(groups.items()) if len(v) > 1}


def measure_pair(name: str, old: Path, new: Path) -> PairResult:
    """Compare one pair and count what the engine did."""
    result = PairResult(Path(name).name, _date(old), _date(new))
    options = Options(base=str(old))
    try:
        docs = load_documents([str(old), str(new)], options)
    except InputError as err:
        if err.key != "no_jurisdiction":
            result.error = err.key
            return result
        options = Options(base=str(old), jurisdictions={"*": "全国"})
        docs = load_documents([str(old), str(new)], options)
    start = time.perf_counter()
    comparison = compare_documents(docs, options)
    result.seconds = time.perf_counter() - start
    _count(comparison, result)
    return result


def _date(path: Path) -> str:
    m = _DATED.match(path.stem)
    return m.group("date") if m else path.stem


def _count(comparison: Comparison, result: PairResult) -> None:
    base = comparison.base
    other = next(d.id for d in comparison.documents if d.id != base)
    result.rows = len(comparison.rows)
    result.statuses = Counter(r.status for r in comparison.rows)
    result.classes = Counter(d.cls for r in comparison.rows for d in r.differences
                             if d.cls in ("renumbering", "cross_reference"))
    row_of_old: dict[str, set[str]] = {}
    for row in comparison.rows:
        a, b = row.cells.get(base), row.cells.get(other)
        result.moved += bool(b and b.moved)
        if a and b:
            result.splits += len(a.provisions) == 1 and len(b.provisions) > 1
            result.merges += len(a.provisions) > 1 and len(b.provisions) == 1
            for p in a.provisions:
                row_of_old[p.id] = {q.id for q in b.provisions}
    docs = {d.id: d for d in comparison.documents}
    old_arts = [p for p in docs[base].provisions if p.kind == "article"]
    new_arts = [p for p in docs[other].provisions if p.kind == "article"]
    if not old_arts or not new_arts:
        return
    sim = cdist([p.text for p in old_arts], [p.text for p in new_arts], scorer=fuzz.ratio, workers=1,
                dtype=np.float32, score_cutoff=CLOSE * 100)
    for i, prov in enumerate(old_arts):
        paired = row_of_old.get(prov.id, set())
        twins = {new_arts[j].id for j in np.nonzero(sim[i] >= NEAR * 100)[0]}
        close = {new_arts[j].id for j in np.nonzero(sim[i] >= CLOSE * 100)[0]}
        result.near += bool(twins)
        result.near_paired += bool(twins & paired)
        result.close += bool(close)
        result.close_paired += bool(close & paired)


def run(limit: int | None = None, root: Path = LAWREFBOOK) -> list[PairResult]:
    """Every consecutive version pair (the first ``limit`` groups when given)."""
    out = []
    for name, files in list(version_groups(root).items())[:limit]:
        for old, new in zip(files, files[1:]):
            out.append(measure_pair(name, old, new))
    return out


def report(results: list[PairResult], show_pairs: bool = False) -> str:
    """A summary table, and one row per pair with ``show_pairs``."""
    done = [r for r in results if not r.error]
    total = Counter()
    for r in done:
        total.update(r.statuses)
    near, paired = sum(r.near for r in done), sum(r.near_paired for r in done)
    close, close_paired = sum(r.close for r in done), sum(r.close_paired for r in done)
    summary = [[len(results), len(done), sum(r.rows for r in done)] + [total.get(s, 0) for s in STATUSES]
               + [sum(r.moved for r in done), sum(r.splits for r in done), sum(r.merges for r in done),
                  sum(r.classes["renumbering"] for r in done), sum(r.classes["cross_reference"] for r in done),
                  _share(paired, near), _share(close_paired, close), f"{sum(r.seconds for r in done):.1f}"]]
    heads = ["pairs", "compared", "rows", *STATUSES, "moved cells", "split rows", "merged rows", "renumbering",
             "cross_reference", f"near-identical paired (≥{NEAR})", f"similar paired (≥{CLOSE})", "compare s"]
    out = [f"align_versions · {machine_line()}", "", markdown_table(heads, summary)]
    missed = sorted((r for r in done if r.close_paired < r.close), key=lambda r: r.close_paired - r.close)
    if missed:
        out += ["", f"Pairs with an article of ratio ≥ {CLOSE} left apart (count): " +
                "; ".join(f"{r.name} {r.old}/{r.new} ({r.close - r.close_paired})" for r in missed)]
    errors = [r for r in results if r.error]
    if errors:
        out += ["", "Not compared: " + "; ".join(f"{r.name} {r.old} ({r.error})" for r in errors)]
    if show_pairs:
        rows = [[r.name, f"{r.old}/{r.new}", r.rows] + [r.statuses.get(s, 0) for s in STATUSES]
                + [r.moved, r.splits, r.merges, r.classes["renumbering"], r.classes["cross_reference"],
                   f"{r.near_paired}/{r.near}", f"{r.close_paired}/{r.close}"] for r in done]
        out += ["", markdown_table(["text", "versions", "rows", *STATUSES, "moved cells", "split rows", "merged rows",
                                    "renum.", "x-ref", "near paired", "similar paired"], rows)]
    return "\n".join(out)


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.3f})" if whole else "–"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.align_versions", description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N texts (by path)")
    parser.add_argument("--pairs", action="store_true", help="one table row per version pair")
    args = parser.parse_args(argv)
    if not LAWREFBOOK.is_dir():
        print(f"corpus not found: {LAWREFBOOK}")
        return 1
    print(report(run(args.limit), args.pairs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
