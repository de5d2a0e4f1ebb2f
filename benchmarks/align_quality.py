"""Alignment quality on real regulations with known edits (see ``benchmarks.cases``).

Run: ``python -m benchmarks.align_quality [--seed N] [--cases K]``.

Each case is written as two lawrefbook-style files and compared through the pipeline
(``load_documents`` + ``compare_documents``). A predicted pair is a base article and a
variant article in one row; it is correct when the truth links them. Per label:

- precision = correct predicted pairs / predicted pairs that involve an article with
  that label (on either side); recall = correct pairs / true pairs with that label; a
  split or merge counts one link per base–variant article pair.
- false-match rate = inserted, deleted or replaced articles (no true counterpart) that
  share a row with an article of the other text / all such articles.

Goals: F1 ≥ 0.98 for ``move``, ``split``, ``merge`` (≥ 70 % of the text kept) and a
false-match rate ≤ 1 %. ``run()`` returns a ``QualityResult``; ``report()`` formats it.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from compare.errors import InputError
from compare.jurisdiction import JurisdictionLexer, load_divisions, load_institutions
from compare.model import Comparison, Document
from compare.pipeline import Options, comparison_key, compare_documents, load_documents

from .cases import NO_COUNTERPART, Case, generate, render
from .common import LAWREFBOOK, fmt, machine_line, markdown_table

F1_GOAL = 0.98
FALSE_MATCH_GOAL = 0.01
MAX_PATTERNS = 15  # failure patterns shown, most frequent first
GOAL_LABELS = ("move", "split", "merge", "merge_far", "move+款", "split+insert")
LABEL_ORDER = ("move", "split", "merge", "merge_far", "move+款", "split+insert", "move<70", "split<70", "merge<70",
               "reword10", "reword30", "reword50", "renumber", "kept")


@dataclass
class LabelScore:
    """Counts for one edit label, summed over cases."""

    label: str
    edits: int = 0
    true_links: int = 0
    predicted: int = 0
    correct: int = 0
    moved_flags: int = 0  # correct pairs whose variant cell is marked ``moved``

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.true_links if self.true_links else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class QualityResult:
    """Scores of one benchmark run."""

    seed: int
    cases: list[str]  # file stems of the sampled regulations
    scores: dict[str, LabelScore]  # label → counts
    unmatched: dict[str, list[int]]  # "insert", "replace (base)", … → [articles, falsely matched]
    failures: Counter  # (label, what happened) → missed or wrong links
    failure_sims: dict[tuple[str, str], list[tuple[float, float]]]  # same key → (text, key) ratios
    multi_cells: int = 0  # cells holding several provisions (recognised split/merge)
    refs_articles: int = 0  # untouched articles whose references were rewritten to follow renumbering
    refs_flagged: list[str] = field(default_factory=list)  # … whose row got a substantive difference
    seconds: float = 0.0  # compare_documents time, summed
    skipped: list[str] = field(default_factory=list)
    extended: bool = False  # the extended edit kinds (``cases.EXTENDED_KINDS``)
    title: str = ""  # replaces "align_quality" in the report's first line

    @property
    def false_match_rate(self) -> float | None:
        total = sum(v[0] for v in self.unmatched.values())
        return sum(v[1] for v in self.unmatched.values()) / total if total else None


def timed_comparison(paths: list[str], base_path: Path) -> tuple[Comparison, float]:
    """Compare ``paths`` with ``base_path`` as the base (national when no jurisdiction can be
    inferred); the comparison and the seconds its align/diff/classify stage took."""
    options = Options(base=str(base_path))
    try:
        docs = load_documents(paths, options)
    except InputError as err:
        if err.key != "no_jurisdiction":
            raise
        options = Options(base=str(base_path), jurisdictions={"*": "全国"})
        docs = load_documents(paths, options)
    start = time.perf_counter()
    comparison = compare_documents(docs, options)
    return comparison, time.perf_counter() - start

def run(seed: int = 1, cases: int = 30, root: Path = LAWREFBOOK, extended: bool = False) -> QualityResult:
    """Generate ``cases`` cases with ``seed`` and score the aligner on them."""
    result = QualityResult(seed, [], {}, {}, Counter(), defaultdict(list), extended=extended)
    with tempfile.TemporaryDirectory(prefix="align-bench-") as tmp:
        for n, case in enumerate(generate(seed, cases, root, extended)):
            directory = Path(tmp) / f"case{n}"
            directory.mkdir()
            try:
                comparison, base, variant = _compare(case, directory, result)
            except (InputError, ValueError) as err:
                result.skipped.append(f"{case.name}: {err}")
                continue
            result.cases.append(case.name)
            score_case(case, comparison, base, variant, result)
    return result


def _compare(case: Case, directory: Path, result: QualityResult) -> tuple[Comparison, Document, Document]:
    base_path = directory / "base.md"
    variant_path = directory / "variant.md"
    base_path.write_text(render(case.title, case.note, case.base), encoding="utf-8")
    variant_path.write_text(render(case.title, case.note, [p.article for p in case.variant]), encoding="utf-8")
    paths = [str(base_path), str(variant_path)]
    comparison, seconds = timed_comparison(paths, base_path)
    result.seconds += seconds
    base = next(d for d in comparison.documents if d.id == comparison.base)
    variant = next(d for d in comparison.documents if d.id != comparison.base)
    for doc, expected in ((base, len(case.base)), (variant, len(case.variant))):
        if len([p for p in doc.provisions if p.kind == "article"]) != expected:
            raise ValueError(f"{doc.id}: parsed {len(doc.provisions)} provisions, wrote {expected}")
    return comparison, base, variant


def score_case(case: Case, comparison: Comparison, base: Document, variant: Document,
               result: QualityResult, nway: bool = False) -> None:
    """Add one case's pairs to ``result``.

    With ``nway``, a row may hold several base articles because *another* document merged
    them; a variant article in such a row that is with one of its true sources is paired
    with those sources only (the row is correct for it), otherwise with every base article
    of the row (all wrong)."""
    b_index = {p.id: i for i, p in enumerate(p for p in base.provisions if p.kind == "article")}
    v_index = {p.id: j for j, p in enumerate(p for p in variant.provisions if p.kind == "article")}
    predicted: set[tuple[int, int]] = set()
    b_row: dict[int, int] = {}
    v_row: dict[int, int] = {}
    moved: set[int] = set()
    for r, row in enumerate(comparison.rows):
        bc, vc = row.cells.get(base.id), row.cells.get(variant.id)
        bs = [b_index[p.id] for p in bc.provisions if p.id in b_index] if bc else []
        vs = [v_index[p.id] for p in vc.provisions if p.id in v_index] if vc else []
        result.multi_cells += sum(1 for c in (bc, vc) if c is not None and len(c.provisions) > 1)
        b_row.update((i, r) for i in bs)
        v_row.update((j, r) for j in vs)
        moved.update(vs if vc is not None and vc.moved else [])
        predicted.update(_row_pairs(bs, vs, case.truth if nway and len(bs) > 1 else None))
    _score_references(case, comparison, variant, v_index, result)
    truth = case.truth
    v_labels = [p.label for p in case.variant]
    b_labels = case.base_labels
    for label in case.edits:
        result.scores.setdefault(label, LabelScore(label)).edits += 1
    for label in set(b_labels) | set(v_labels):
        if label in NO_COUNTERPART:
            continue
        score = result.scores.setdefault(label, LabelScore(label))
        score.true_links += sum(1 for i, j in truth if label in (b_labels[i], v_labels[j]))
        mine = [(i, j) for i, j in predicted if label in (b_labels[i], v_labels[j])]
        score.predicted += len(mine)
        score.correct += sum(1 for pair in mine if pair in truth)
        score.moved_flags += sum(1 for i, j in mine if (i, j) in truth and j in moved)
    for label, count in Counter(b_labels).items():
        if label in ("kept", "renumber"):
            result.scores[label].edits += count
    paired_b = {i for i, _ in predicted}
    paired_v = {j for _, j in predicted}
    for name, labels, paired in (("delete", b_labels, paired_b), ("replace (base)", b_labels, paired_b),
                                 ("insert", v_labels, paired_v), ("replace (variant)", v_labels, paired_v)):
        lone = [k for k, lab in enumerate(labels) if lab == name.split()[0]]
        counts = result.unmatched.setdefault(name, [0, 0])
        counts[0] += len(lone)
        counts[1] += sum(1 for k in lone if k in paired)
    lexer = JurisdictionLexer(load_divisions(None), tuple(d.jurisdiction for d in (base, variant) if d.jurisdiction),
                              load_institutions(None))

    def ratios(i: int, j: int) -> tuple[float, float]:
        """fuzz.ratio of the texts, and of the comparison keys the aligner sees."""
        a, b = case.base[i].text, case.variant[j].article.text
        keys = [comparison_key(lexer.tokens(t, d.jurisdiction)) for t, d in ((a, base), (b, variant))]
        return _ratio(a, b), _ratio(*keys)

    _failures(case, truth, predicted, b_row, v_row, result, ratios)


def _row_pairs(bs: list[int], vs: list[int], truth: set[tuple[int, int]] | None) -> set[tuple[int, int]]:
    """The base–variant pairs a row predicts (see ``score_case`` for ``truth``)."""
    out = set()
    for j in vs:
        true = {(i, j) for i in bs if truth is not None and (i, j) in truth}
        out |= true or {(i, j) for i in bs}
    return out


def _score_references(case: Case, comparison: Comparison, variant: Document, v_index: dict[str, int],
                      result: QualityResult) -> None:
    """Untouched articles whose only change is references that follow their renumbered
    articles: any substantive difference in their row is a false flag."""
    for row in comparison.rows:
        cell = row.cells.get(variant.id)
        pieces = [case.variant[v_index[p.id]] for p in cell.provisions if p.id in v_index] if cell else []
        if len(pieces) != 1 or pieces[0].refs != "renumbered" or pieces[0].label not in ("kept", "renumber"):
            continue
        result.refs_articles += 1
        flags = [f"{d.old}→{d.new} ({d.cls})" for d in row.differences
                 if d.category == "substantive" and d.document == variant.id]
        if flags:
            result.refs_flagged.append(f"{case.name} {row.label}: " + "; ".join(flags))


def _failures(case: Case, truth: set[tuple[int, int]], predicted: set[tuple[int, int]],
              b_row: dict[int, int], v_row: dict[int, int], result: QualityResult, ratios) -> None:
    """Describe each missed true link and each wrong predicted pair."""
    by_row_b: dict[int, list[int]] = defaultdict(list)
    by_row_v: dict[int, list[int]] = defaultdict(list)
    for i, r in b_row.items():
        by_row_b[r].append(i)
    for j, r in v_row.items():
        by_row_v[r].append(j)
    for i, j in sorted(truth - predicted):
        piece = case.variant[j]
        label = piece.label if piece.label not in ("kept", "renumber") else case.base_labels[i]
        v_with = by_row_b.get(v_row.get(j, -1), [])
        b_with = by_row_v.get(b_row.get(i, -1), [])
        if piece.label.startswith("split") and len(piece.sources) == 1:
            first = j + 1 < len(case.variant) and case.variant[j + 1].sources == piece.sources
            part = "part 1" if first else "part 2"
            v_side = f"{part} " + ("in a row without base" if not v_with else "with another base article")
            b_side = "source alone" if not b_with else "source with the other part"
        elif piece.label.startswith("merge"):
            which = "1st" if i == piece.sources[0] else "2nd"
            v_side = "merged article " + ("alone" if not v_with else "with the other source")
            b_side = f"{which} source " + ("alone" if not b_with else "with another variant article")
        else:
            v_side = "variant " + ("alone" if not v_with else "with a wrong base article")
            b_side = "base " + ("alone" if not b_with else "with a wrong variant article")
        key = (label, f"missed: {v_side}; {b_side}")
        result.failures[key] += 1
        result.failure_sims[key].append(ratios(i, j))
    for i, j in sorted(predicted - truth):
        labels = {case.base_labels[i], case.variant[j].label}
        label = next((x for x in LABEL_ORDER + NO_COUNTERPART if x in labels), "kept")
        key = (label, f"wrong pair: base {case.base_labels[i]} ↔ variant {case.variant[j].label}")
        result.failures[key] += 1
        result.failure_sims[key].append(ratios(i, j))


def _ratio(a: str, b: str) -> float:
    return fuzz.ratio(a, b) / 100


def report(result: QualityResult) -> str:
    """The tables of one run as markdown."""
    rows = []
    for label in LABEL_ORDER:
        s = result.scores.get(label)
        if s is None:
            continue
        goal = f"F1 ≥ {F1_GOAL}" if label in GOAL_LABELS else "–"
        verdict = ("pass" if (s.f1 or 0) >= F1_GOAL else "FAIL") if label in GOAL_LABELS else ""
        rows.append([label, s.edits, s.true_links, s.predicted, s.correct, fmt(s.precision), fmt(s.recall),
                     fmt(s.f1), goal, verdict])
    kinds = " · extended edit kinds" if result.extended else ""
    out = [f"{result.title or 'align_quality'}{kinds} · seed {result.seed} · {len(result.cases)} regulations · {machine_line()}", "",
           markdown_table(["label", "edits", "true links", "predicted", "correct", "precision", "recall",
                           "F1", "goal", "result"], rows), ""]
    fm = []
    for label, (total, matched) in result.unmatched.items():
        fm.append([label, total, matched, fmt(matched / total if total else None)])
    rate = result.false_match_rate
    fm.append(["all", sum(v[0] for v in result.unmatched.values()), sum(v[1] for v in result.unmatched.values()),
               fmt(rate)])
    out += [markdown_table(["no counterpart", "articles", "falsely matched", "rate"], fm),
            f"False-match goal ≤ {FALSE_MATCH_GOAL:.0%}: "
            + ("pass" if rate is not None and rate <= FALSE_MATCH_GOAL else "FAIL"), ""]
    moves = [result.scores[x] for x in ("move", "move<70") if x in result.scores]
    if moves:
        out.append(f"Correct move pairs marked moved: {sum(m.moved_flags for m in moves)}/"
                   f"{sum(m.correct for m in moves)}; cells with several provisions: {result.multi_cells}; "
                   f"compare_documents time: {result.seconds:.1f} s")
    flagged = len(result.refs_flagged)
    out += ["", f"Renumbered references (untouched articles whose references were rewritten to follow their "
            f"renumbered articles): {result.refs_articles} articles, {flagged} with a false substantive flag; "
            f"goal 0: " + ("pass" if flagged == 0 else "FAIL")]
    out += [f"- {x}" for x in result.refs_flagged[:MAX_PATTERNS]]
    if result.failures:
        frows = []
        ranked = sorted(result.failures.items(), key=lambda kv: (-kv[1], kv[0]))
        for (label, what), count in ranked[:MAX_PATTERNS]:
            sims = result.failure_sims[(label, what)]
            frows.append([label, what, count, _spread([t for t, _ in sims]), _spread([k for _, k in sims])])
        out += ["", "Failure patterns (text ratio = fuzz.ratio of the two article texts; key ratio = of the "
                "comparison keys the aligner scores, before the same-number bonus):", "",
                markdown_table(["label", "what happened", "links", "text ratio", "key ratio"], frows)]
        if len(ranked) > MAX_PATTERNS:
            out.append(f"(+ {len(ranked) - MAX_PATTERNS} rarer patterns)")
    if result.skipped:
        out += ["", "Skipped: " + "; ".join(result.skipped)]
    out.append("")
    out.append("Regulations: " + "、".join(result.cases))
    return "\n".join(out)


def _spread(values: list[float]) -> str:
    return f"{min(values):.2f}–{max(values):.2f} (mean {sum(values) / len(values):.2f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.align_quality", description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=1, help="sampling and edit seed (default 1)")
    parser.add_argument("--cases", type=int, default=30, help="number of regulations (default 30)")
    parser.add_argument("--only", choices=("basic", "extended"), help="run one set of edit kinds (default both)")
    args = parser.parse_args(argv)
    if not LAWREFBOOK.is_dir():
        print(f"corpus not found: {LAWREFBOOK}")
        return 1
    results = [run(args.seed, args.cases, extended=extended) for extended in (False, True)
               if args.only in (None, "extended" if extended else "basic")]
    print("\n\n".join(report(r) for r in results))
    return 0 if all(passed(r) for r in results) else 1


def passed(result: QualityResult) -> bool:
    """Every goal of a run met: F1 of the goal labels, false matches, renumbered references."""
    f1 = all((s.f1 or 0) >= F1_GOAL for label, s in result.scores.items() if label in GOAL_LABELS)
    rate = result.false_match_rate
    return f1 and rate is not None and rate <= FALSE_MATCH_GOAL and not result.refs_flagged


if __name__ == "__main__":
    raise SystemExit(main())
