"""Alignment on real texts: version pairs of national laws and 16 same-topic regulations.

Run: ``python -m benchmarks.align_real [--rows]``.

Comparisons (files found by glob under the lawrefbook corpus):

- 立法法 2015/2023, 行政复议法 2017/2023, 突发事件应对法 2007/2024 (version pairs);
- 河南省 / 重庆市优化营商环境条例 (two ~43 KB regulations of different jurisdictions);
- the 16 local 优化营商环境条例 N-way (the national 2019 regulation is left out).

For each: rows, rows holding every document, moved cells, cells with several provisions
(recognised split/merge), per-status counts, and times: ``load`` (read + parse +
jurisdiction), ``keys`` (tokens and comparison keys, built as ``compare_documents`` does),
``align`` (``compare.align.align`` alone, best of 3), ``compare`` (``compare_documents``:
keys + align + diff + classify). The reference is a whole-document diff-match-patch diff
(pure Python, library default ``Diff_Timeout`` = 1 s, so each diff stops after about a
second) of the base text with every other text, measured in the same run; ``ratio`` is
(load + compare) / reference. Goals: align stage ≤ 0.5 s for the two ~40 KB pairs; the
16-way load + compare ≤ 30 s. For the N-way set it also counts the article pairs of two
documents that are each other's best match (text ratio) and how many share a row, by band.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from diff_match_patch import diff_match_patch
import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from compare.align import align
from compare.jurisdiction import JurisdictionLexer, load_divisions, load_institutions
from compare.model import STATUSES, Comparison, Document
from compare.pipeline import Options, compare_documents, comparison_key, load_documents
from compare.segment import default_segmenter

from .common import LAWREFBOOK, fmt, machine_line, markdown_table

PAIR_ALIGN_GOAL = 0.5  # seconds, alignment stage of two ~40 KB texts
NWAY_GOAL = 30.0  # seconds, load + compare of the 16 regulations
VERSION_PAIRS = (("立法法", "2015", "2023"), ("行政复议法", "2017", "2023"),
                 ("突发事件应对法", "2007", "2024"))
SPEED_PAIR = ("河南省优化营商环境条例(2020", "重庆市优化营商环境条例(2021")
NWAY_GLOB = "*优化营商环境条例*.md"
WEAK = 0.30  # a paired cell whose text ratio to the base cell is below this is probably unrelated


@dataclass
class RealResult:
    """Measurements of one comparison."""

    name: str
    docs: int
    kb: list[float]  # file sizes
    rows: int
    full_rows: int  # rows with a cell for every document
    moved: int  # cells marked moved
    multi: int  # cells with several provisions
    weak: tuple[int, int]  # (cells paired with the base cell with text ratio < WEAK, all paired cells)
    statuses: Counter
    coverage: Counter  # number of documents with a cell → rows
    load_s: float
    keys_s: float
    align_s: float
    compare_s: float
    dmp_s: float
    goal: str  # "align ≤ 0.5 s: pass", "" when no goal applies
    near_misses: list[str]  # unpaired articles with a similar unpaired article on the other side
    mutual: dict[str, list[int]] = field(default_factory=dict)  # ratio band → [mutual-best pairs, sharing a row]

    @property
    def ratio(self) -> float:
        return (self.load_s + self.compare_s) / self.dmp_s if self.dmp_s else float("inf")


def comparisons(root: Path = LAWREFBOOK) -> list[tuple[str, list[Path], str]]:
    """(name, files, goal kind) for every comparison whose files are present."""
    out = []
    for law, old, new in VERSION_PAIRS:
        files = [_one(root, f"{law}({year}-*.md") for year in (old, new)]
        if all(files):
            out.append((f"{law} {old}/{new}", files, "pair" if law == "立法法" else ""))
    files = [_one(root, f"{stem}*.md") for stem in SPEED_PAIR]
    if all(files):
        out.append(("河南省/重庆市 优化营商环境条例", files, "pair"))
    nway = sorted(p for p in root.rglob(NWAY_GLOB) if "行政法规" not in p.parts)
    if len(nway) > 2:
        out.append((f"优化营商环境条例 {len(nway)}-way", nway, "nway"))
    return out


def _one(root: Path, pattern: str) -> Path | None:
    found = sorted(root.rglob(pattern))
    return found[0] if found else None


def measure(name: str, files: list[Path], goal_kind: str, show_rows: bool = False) -> RealResult:
    """Load, align and compare ``files``; time each stage and the dmp reference."""
    paths = [str(f) for f in files]
    default_segmenter().cut("预热分词词典")  # load the dictionary outside the timings
    start = time.perf_counter()
    docs = load_documents(paths, Options())
    load_s = time.perf_counter() - start
    ordered, keys, keys_s = _keys(docs)
    align_s = min(_timed(lambda: align(ordered, ordered[0].id, keys)) for _ in range(3))
    start = time.perf_counter()
    comparison = compare_documents(docs, Options())
    compare_s = time.perf_counter() - start
    dmp_s = _dmp_reference(comparison)
    cells = [c for row in comparison.rows for c in row.cells.values() if c is not None]
    goal = ""
    if goal_kind == "pair":
        goal = f"align ≤ {PAIR_ALIGN_GOAL} s: " + ("pass" if align_s <= PAIR_ALIGN_GOAL else "FAIL")
    elif goal_kind == "nway":
        goal = f"total ≤ {NWAY_GOAL:.0f} s: " + ("pass" if load_s + compare_s <= NWAY_GOAL else "FAIL")
    if show_rows and len(docs) == 2:
        print_rows(name, comparison)
    return RealResult(
        name=name, docs=len(docs), kb=[f.stat().st_size / 1024 for f in files], rows=len(comparison.rows),
        full_rows=sum(1 for r in comparison.rows if all(r.cells.values())),
        moved=sum(1 for c in cells if c.moved), multi=sum(1 for c in cells if len(c.provisions) > 1),
        weak=weak_pairs(comparison),
        statuses=Counter(r.status for r in comparison.rows),
        coverage=Counter(sum(1 for c in r.cells.values() if c) for r in comparison.rows),
        load_s=load_s, keys_s=keys_s, align_s=align_s,
        compare_s=compare_s, dmp_s=dmp_s, goal=goal,
        near_misses=near_misses(comparison) if len(docs) == 2 else [],
        mutual=mutual_pairs(comparison) if len(docs) > 2 else {})


def _keys(docs: list[Document]) -> tuple[list[Document], dict[tuple[str, str], str], float]:
    """Comparison keys exactly as ``compare_documents`` builds them (base first), and the time."""
    start = time.perf_counter()
    ordered = list(docs)  # no --base: the earliest-adopted document is the base
    lexer = JurisdictionLexer(load_divisions(None), tuple(d.jurisdiction for d in ordered if d.jurisdiction),
                              load_institutions(None))
    keys = {(d.id, p.id): comparison_key(lexer.tokens(p.text, d.jurisdiction))
            for d in ordered for p in d.provisions}
    return ordered, keys, time.perf_counter() - start


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _dmp_reference(comparison: Comparison) -> float:
    """Seconds for whole-document dmp diffs of the base text with every other text."""
    dmp = diff_match_patch()  # Diff_Timeout = 1.0 s, the library default
    docs = {d.id: d for d in comparison.documents}
    base = docs[comparison.base].source.text
    start = time.perf_counter()
    for doc_id, doc in docs.items():
        if doc_id != comparison.base:
            dmp.diff_main(base, doc.source.text)
    return time.perf_counter() - start


def weak_pairs(comparison: Comparison) -> tuple[int, int]:
    """(cells sharing a row with the base cell whose text ratio to it is below ``WEAK``, all such cells)."""
    ratios = [fuzz.ratio(row.cells[comparison.base].text, c.text) / 100
              for row in comparison.rows if row.cells.get(comparison.base) is not None
              for d, c in row.cells.items() if c is not None and d != comparison.base]
    return sum(1 for r in ratios if r < WEAK), len(ratios)


def near_misses(comparison: Comparison, threshold: float = 0.5) -> list[str]:
    """Unpaired articles of a pair whose best unpaired counterpart is still similar."""
    base_id = comparison.base
    other_id = next(d.id for d in comparison.documents if d.id != base_id)
    lone_b = [r.cells[base_id] for r in comparison.rows if r.cells.get(base_id) and not r.cells.get(other_id)]
    lone_o = [r.cells[other_id] for r in comparison.rows if r.cells.get(other_id) and not r.cells.get(base_id)]
    out = []
    for cell in lone_b:
        best = max(((fuzz.ratio(cell.text, o.text) / 100, o) for o in lone_o), default=None, key=lambda x: x[0])
        if best and best[0] >= threshold:
            out.append(f"{cell.number} ↔ {best[1].number} ({best[0]:.2f})")
    return out


def mutual_pairs(comparison: Comparison) -> dict[str, list[int]]:
    """Articles of two documents that are each other's best match across all other documents'
    articles: per text-ratio band, how many such pairs and how many share a row."""
    row = {(d, p.id): k for k, r in enumerate(comparison.rows) for d, c in r.cells.items() if c for p in c.provisions}
    items = [(d.id, p) for d in comparison.documents for p in d.provisions if p.kind == "article"]
    sim = cdist([p.text for _, p in items], [p.text for _, p in items], scorer=fuzz.ratio, workers=1,
                dtype=np.float32) / 100
    owner = np.array([hash(d) for d, _ in items])
    sim[owner[:, None] == owner[None, :]] = 0
    best = sim.argmax(axis=1)
    out = {"0.5–0.7": [0, 0], "≥ 0.7": [0, 0]}
    for i, j in enumerate(best):
        if best[j] != i or i > j or sim[i, j] < 0.5:
            continue
        band = out["≥ 0.7" if sim[i, j] >= 0.7 else "0.5–0.7"]
        band[0] += 1
        band[1] += row[(items[i][0], items[i][1].id)] == row[(items[j][0], items[j][1].id)]
    return out


def print_rows(name: str, comparison: Comparison) -> None:
    """One line per row: each document's number(s), with * for moved, then the status."""
    ids = [d.id for d in comparison.documents]
    print(f"\n### rows of {name} ({' | '.join(ids)})")
    for row in comparison.rows:
        cells = [(c.number + ("*" if c.moved else "")) if c else "—" for c in (row.cells.get(i) for i in ids)]
        print(" | ".join(cells) + f" | {row.status}")


def report(results: list[RealResult]) -> str:
    """The tables of one run as markdown."""
    rows = [[r.name, r.docs, _sizes(r.kb), r.rows, r.full_rows, r.moved, r.multi, "{}/{}".format(*r.weak),
             fmt(r.load_s, 2), fmt(r.keys_s, 2), fmt(r.align_s, 3), fmt(r.compare_s, 2), fmt(r.dmp_s, 2),
             fmt(r.ratio, 2), r.goal] for r in results]
    heads = ["comparison", "docs", "KB", "rows", "all-doc rows", "moved", "split/merge", "weak/paired",
             "load s", "keys s", "align s", "compare s", "dmp s", "ratio", "goal"]
    srows = [[r.name] + [r.statuses.get(s, 0) for s in STATUSES] for r in results]
    out = [f"align_real · {machine_line()}", "", markdown_table(heads, rows), "",
           "Rows by status:", "", markdown_table(["comparison", *STATUSES], srows), "",
           "dmp = whole-document diff-match-patch diffs of the base text with each other text, "
           "Diff_Timeout = 1 s (library default), same run; ratio = (load + compare) / dmp. "
           f"weak/paired = cells sharing a row with the base cell whose text ratio to it is < {WEAK} "
           "(probably unrelated provisions) / all cells sharing a row with the base cell."]
    for r in results:
        if r.docs > 2:
            spread = ", ".join(f"{n} docs: {r.coverage[n]}" for n in sorted(r.coverage))
            out.append(f"\n{r.name}, rows by number of documents present: {spread}")
        if r.mutual:
            bands = "; ".join(f"ratio {band}: {together}/{count}" for band, (count, together) in r.mutual.items())
            out.append(f"\n{r.name}, mutual-best article pairs of two documents sharing a row: {bands}")
        if r.near_misses:
            out.append(f"\n{r.name}: {len(r.near_misses)} unpaired base articles with a similar unpaired "
                       f"article on the other side (ratio ≥ 0.5): " + "; ".join(r.near_misses[:12]))
    return "\n".join(out)


def _sizes(kb: list[float]) -> str:
    return "/".join(f"{k:.0f}" for k in kb) if len(kb) <= 3 else f"{min(kb):.0f}–{max(kb):.0f} (Σ {sum(kb):.0f})"


def run(show_rows: bool = False, root: Path = LAWREFBOOK) -> list[RealResult]:
    """Measure every comparison whose files are present."""
    return [measure(name, files, goal, show_rows) for name, files, goal in comparisons(root)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.align_real", description=__doc__.split("\n")[0])
    parser.add_argument("--rows", action="store_true", help="print every row of the two-document comparisons")
    args = parser.parse_args(argv)
    if not LAWREFBOOK.is_dir():
        print(f"corpus not found: {LAWREFBOOK}")
        return 1
    print(report(run(args.rows)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
