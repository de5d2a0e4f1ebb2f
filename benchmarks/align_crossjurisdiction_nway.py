"""Independently drafted texts compared three at a time: the gold pairs of
``benchmarks.align_crossjurisdiction`` when a third text of the same topic is the base.

Run: ``python -m benchmarks.align_crossjurisdiction_nway [--thirds K]``.

A drafter compares six provinces at once, not two; rows follow the base, so two other texts
meet where both matched the same base provision or where ``compare.align.partners`` placed
them (a leftover joining the base row of its partners, leftovers grouped with theirs). For
each gold set (texts ``a`` and ``b``), the first ``K`` (default 2) corpus texts of the same
topic from other jurisdictions (the longest run of characters the two file names share,
such as 献血条例; one text per jurisdiction, decisions left out) are each made the base of
a three-text comparison, and the gold pairs are read from the rows: ``a``'s and ``b``'s
articles that share a row (other texts' pairs, "non-base"). Then the same texts with ``a``
as the base (``a``, ``b`` and the ``K`` others): the gold pairs read as
``benchmarks.align_crossjurisdiction`` reads them (base pairs when other texts are present;
two texts alone give that benchmark's figures).
"""

from __future__ import annotations

import argparse
import re
from difflib import SequenceMatcher
from pathlib import Path

from compare.pipeline import Options, compare_files

from .align_crossjurisdiction import GOLD, GoldSet, load_gold, predicted_pairs, scores
from .common import LAWREFBOOK, fmt, machine_line, markdown_table

_PLACE = re.compile(r"^(.+?(?:自治州|自治县|省|市|县|区))")


def topic(gold: GoldSet) -> str:
    """The longest run of characters both file names share (the matter regulated)."""
    a, b = gold.a.stem.split("(")[0], gold.b.stem.split("(")[0]
    found = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return a[found.a:found.a + found.size]


def place(path: Path) -> str:
    """The enacting place at the head of a file name (its whole stem when none)."""
    found = _PLACE.match(path.stem)
    return found.group(1) if found else path.stem


def thirds(gold: GoldSet, k: int, corpus: list[Path]) -> list[Path]:
    """The first ``k`` texts of the gold set's topic from other places, one per place."""
    subject, taken = topic(gold), {place(gold.a), place(gold.b)}
    out = []
    for path in corpus:
        if subject in path.stem and "决定" not in path.stem and place(path) not in taken:
            taken.add(place(path))
            out.append(path)
    return out[:k]


def shared_rows(comparison, a_id: str, b_id: str) -> set[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Article pairs (ordinals) of two texts standing in one row."""
    out: set[tuple[int, int]] = set()
    for row in comparison.rows:
        cell_a, cell_b = row.cells.get(a_id), row.cells.get(b_id)
        if cell_a and cell_b:
            out |= {(p.ordinal, q.ordinal) for p in cell_a.provisions for q in cell_b.provisions
                    if p.kind == q.kind == "article"}
    return out


def run_set(gold: GoldSet, others: list[Path]) -> tuple[list[int], list[int]]:
    """[correct, predicted, sure] summed over the comparisons with a third text as the base,
    and of the one with ``a`` as the base."""
    non_base = [0, 0, 0]
    for third in others:
        comparison = compare_files([str(third), str(gold.a), str(gold.b)], Options(base=str(third)))
        ids = {d.source.path: d.id for d in comparison.documents}
        found = shared_rows(comparison, ids[str(gold.a)], ids[str(gold.b)]) - gold.doubtful
        non_base = [x + y for x, y in zip(non_base, (len(found & gold.sure), len(found), len(gold.sure)))]
    comparison = compare_files([str(gold.a), str(gold.b)] + [str(p) for p in others], Options(base=str(gold.a)))
    ids = {d.source.path: d.id for d in comparison.documents}
    found = predicted_pairs(comparison, ids[str(gold.a)], ids[str(gold.b)]) - gold.doubtful
    return non_base, [len(found & gold.sure), len(found), len(gold.sure)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.align_crossjurisdiction_nway",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--thirds", type=int, default=2, help="third texts per gold set (default 2)")
    args = parser.parse_args(argv)
    if not LAWREFBOOK.is_dir():
        print(f"corpus not found: {LAWREFBOOK}")
        return 1
    corpus = sorted(LAWREFBOOK.rglob("*.md"))
    rows, totals = [], {"non-base": [0, 0, 0], "base": [0, 0, 0]}
    for path in sorted(GOLD.glob("*.tsv")):
        gold = load_gold(path)
        others = thirds(gold, args.thirds, corpus)
        non_base, base = run_set(gold, others)
        for key, got in (("non-base", non_base), ("base", base)):
            totals[key] = [x + y for x, y in zip(totals[key], got)]
        rows.append([gold.name, topic(gold), "、".join(place(p) for p in others),
                     *(fmt(x) for x in scores(*non_base)[:2]), *(fmt(x) for x in scores(*base)[:2])])
    rows.append([f"all ({len(rows)} sets)", "", "",
                 *(fmt(x) for x in scores(*totals["non-base"])[:2]), *(fmt(x) for x in scores(*totals["base"])[:2])])
    print("## Independently drafted texts three at a time (benchmarks.align_crossjurisdiction_nway)\n")
    print(machine_line() + "\n")
    print(markdown_table(["set", "topic", "third texts", "non-base precision", "non-base recall",
                          f"base precision (with {args.thirds} others)", "base recall"], rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
