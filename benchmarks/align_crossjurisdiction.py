"""Matching of independently drafted regulations (立法比较) against hand-judged gold lists.

Run: ``python -m benchmarks.align_crossjurisdiction [--sets NAME ...] [--errors]``.

Each file in ``benchmarks/gold/crossjurisdiction/`` names two corpus texts (``# a:`` and
``# b:``) and lists, article by article, which articles of ``a`` and ``b`` regulate the same
matter, as a reader judged them (``sure``), pairs the reader hesitated over (``doubtful``:
neither counted right nor wrong) and articles without a counterpart (``none``). The texts
are compared through the whole pipeline (``compare_files``, ``a`` as the base, the method
chosen as a user gets it); a predicted pair is an article of ``a`` and one of ``b`` in one
row, or named as a further counterpart of the row (``AlignmentRow.counterparts``, "另见").

Per set: the method the engine chose, sure pairs, predicted pairs (doubtful ones left
out), precision, recall and F1; then the totals (micro-averaged) of the tuning sets (the
thresholds in ``compare.align.content`` were chosen on them), of the validation sets
(``# role: validation``: judged by a second reader after the thresholds were fixed, but
some later rules were chosen with them in view), of the held-out sets (``# role:
held-out``: judged by a third reader after every rule was fixed and never used to choose
one, so what texts never seen give) and of all. Goals: recall ≥ 0.90 and precision ≥ 0.95
on held-out sets.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from pathlib import Path

from compare.model import Comparison
from compare.pipeline import Options, compare_files

from .common import LAWREFBOOK, fmt, machine_line, markdown_table

GOLD = Path(__file__).resolve().parent / "gold" / "crossjurisdiction"
ROLES = ("tuning", "validation", "held-out")  # how far each set stood from choosing the rules
RECALL_GOAL = 0.90
PRECISION_GOAL = 0.95


@dataclass(frozen=True)
class GoldSet:
    """One hand-judged pair of texts."""

    name: str
    a: Path
    b: Path
    kind: str
    role: str
    sure: frozenset[tuple[int, int]]
    doubtful: frozenset[tuple[int, int]]


@dataclass(frozen=True)
class SetResult:
    """What the engine found on one gold set."""

    gold: GoldSet
    method: str
    predicted: frozenset[tuple[int, int]]
    seconds: float

    @property
    def counted(self) -> frozenset[tuple[int, int]]:
        return self.predicted - self.gold.doubtful

    @property
    def correct(self) -> int:
        return len(self.counted & self.gold.sure)


def load_gold(path: Path) -> GoldSet:
    """Read one gold file (format in the module docstring)."""
    meta: dict[str, str] = {}
    sure: set[tuple[int, int]] = set()
    doubtful: set[tuple[int, int]] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            meta.setdefault(key.strip(), value.strip())
            continue
        fields = line.split("\t")
        if len(fields) < 3 or fields[0] == "a" or "-" in (fields[0], fields[1]):
            continue
        pair = (int(fields[0]), int(fields[1]))
        (sure if fields[2] == "sure" else doubtful if fields[2] == "doubtful" else set()).add(pair)
    return GoldSet(path.stem, LAWREFBOOK / meta["a"], LAWREFBOOK / meta["b"], meta.get("kind", ""),
                   meta.get("role", "tuning").split()[0], frozenset(sure), frozenset(doubtful))


def predicted_pairs(comparison: Comparison, a_id: str, b_id: str) -> frozenset[tuple[int, int]]:
    """Article pairs (ordinals) of ``a`` and ``b`` the comparison puts side by side."""
    ordinal = {p.id: p.ordinal for d in comparison.documents for p in d.provisions if d.id == b_id}
    out: set[tuple[int, int]] = set()
    for row in comparison.rows:
        cell_a, cell_b = row.cells.get(a_id), row.cells.get(b_id)
        if cell_a is None:
            continue
        mine = [p.ordinal for p in cell_a.provisions if p.kind == "article"]
        theirs = [p.ordinal for p in cell_b.provisions if p.kind == "article"] if cell_b else []
        theirs += [ordinal[c.provision] for c in row.counterparts.get(b_id, ()) if not c.placed]
        out |= {(x, y) for x in mine for y in theirs if x is not None and y is not None}
    return frozenset(out)


def run_set(gold: GoldSet, match: str = "auto") -> SetResult:
    """Compare one gold set's texts as a user would and collect the predicted pairs."""
    start = time.perf_counter()
    comparison = compare_files([str(gold.a), str(gold.b)], Options(base=str(gold.a), match=match))
    seconds = time.perf_counter() - start
    a_id = comparison.base
    b_id = next(d.id for d in comparison.documents if d.id != a_id)
    method = comparison.options.get(f"method:{b_id}", "sequence")
    return SetResult(gold, method, predicted_pairs(comparison, a_id, b_id), seconds)


def scores(correct: int, predicted: int, sure: int) -> tuple[float | None, float | None, float | None]:
    """Precision, recall, F1 (None where undefined)."""
    precision = correct / predicted if predicted else None
    recall = correct / sure if sure else None
    f1 = 2 * correct / (predicted + sure) if predicted + sure else None
    return precision, recall, f1


def report(results: list[SetResult]) -> str:
    """The per-set table and the totals."""
    rows = []
    for r in results:
        p, rec, f1 = scores(r.correct, len(r.counted), len(r.gold.sure))
        rows.append([r.gold.name, r.gold.kind, r.method, len(r.gold.sure), len(r.counted), r.correct,
                     fmt(p), fmt(rec), fmt(f1), f"{r.seconds:.2f}"])
    for role in ROLES + ("all",):
        chosen = [r for r in results if role in ("all", r.gold.role)]
        if chosen and (role == "all" or len(chosen) < len(results)):
            rows.append(total_row(f"{role} ({len(chosen)} sets)", chosen))
    held_role = next((role for role in ("held-out", "validation") if any(r.gold.role == role for r in results)), None)
    held = [r for r in results if r.gold.role == held_role] or results
    p, rec = scores(*[sum(x) for x in zip(*((r.correct, len(r.counted), len(r.gold.sure)) for r in held))])[:2]
    table = markdown_table(["set", "kind", "method", "sure", "predicted", "correct", "precision", "recall",
                            "F1", "s"], rows)
    goal = (f"goal on held-out sets: recall ≥ {RECALL_GOAL:.2f}, precision ≥ {PRECISION_GOAL:.2f} "
            f"(here, {f'{held_role} sets' if held is not results else 'all sets, tuned on'}: {fmt(rec)}, {fmt(p)})")
    return f"{table}\n\n{goal}"


def total_row(label: str, results: list[SetResult]) -> list[object]:
    """The micro-averaged totals of some sets, as one table row."""
    correct = sum(r.correct for r in results)
    predicted = sum(len(r.counted) for r in results)
    sure = sum(len(r.gold.sure) for r in results)
    p, rec, f1 = scores(correct, predicted, sure)
    return [label, "", "", sure, predicted, correct, fmt(p), fmt(rec), fmt(f1),
            f"{sum(r.seconds for r in results):.2f}"]


def errors(result: SetResult) -> str:
    """Missed and wrong pairs of one set, for reading."""
    missed = sorted(result.gold.sure - result.predicted)
    wrong = sorted(result.counted - result.gold.sure)
    return (f"{result.gold.name}: missed {len(missed)}: {missed}\n"
            f"{result.gold.name}: wrong {len(wrong)}: {wrong}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.align_crossjurisdiction",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--sets", nargs="*", help="gold set names (default: all)")
    parser.add_argument("--errors", action="store_true", help="list missed and wrong pairs per set")
    parser.add_argument("--match", default="auto", choices=("auto", "content", "sequence"))
    args = parser.parse_args(argv)
    if not LAWREFBOOK.is_dir():
        print(f"corpus not found: {LAWREFBOOK}")
        return 1
    golds = [load_gold(p) for p in sorted(GOLD.glob("*.tsv")) if not args.sets or p.stem in args.sets]
    results = [run_set(g, args.match) for g in golds]
    print("## Matching independently drafted regulations (benchmarks.align_crossjurisdiction)\n")
    print(machine_line() + "\n")
    print(report(results))
    if args.errors:
        print("\n" + "\n".join(errors(r) for r in results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
