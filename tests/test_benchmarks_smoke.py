"""Smoke test of the alignment-quality benchmark: two small cases, result structure only."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
LAWREFBOOK = CORPUS / "lawrefbook"

if str(REPO) not in sys.path:  # benchmarks/ is not an installed package
    sys.path.insert(0, str(REPO))

pytestmark = pytest.mark.skipif(not LAWREFBOOK.is_dir(),
                                reason=f"benchmark corpus not present at {LAWREFBOOK}")


def _unit(value: float | None) -> bool:
    return value is None or 0.0 <= value <= 1.0


def test_align_quality_two_cases_give_scores_in_unit_range() -> None:
    from benchmarks.align_quality import report, run

    result = run(seed=7, cases=2, root=LAWREFBOOK)
    assert len(result.cases) + len(result.skipped) == 2 and result.cases
    for label in ("move", "split", "merge", "reword10", "reword30", "reword50"):
        kinds = [k for k in result.scores if k.split("<")[0] == label]
        assert kinds, f"no {label} edits in the sample"
    for score in result.scores.values():
        assert 0 <= score.correct <= min(score.predicted, score.true_links)
        assert all(_unit(v) for v in (score.precision, score.recall, score.f1))
    assert set(result.unmatched) == {"insert", "delete", "replace (base)", "replace (variant)"}
    assert all(0 <= falsely <= total for total, falsely in result.unmatched.values())
    assert _unit(result.false_match_rate)
    table = report(result)
    assert "precision" in table and "false" in table.lower()


def test_generated_case_truth_covers_every_edit() -> None:
    from benchmarks.cases import generate

    (case,) = generate(seed=7, count=1, root=LAWREFBOOK)
    labels = {p.label for p in case.variant} | set(case.base_labels)
    assert {"insert", "delete", "replace"} <= labels
    assert all(len(p.sources) == 2 for p in case.variant if p.label.startswith("merge"))
    splits = [p for p in case.variant if p.label.startswith("split")]
    assert splits and len(splits) % 2 == 0
    assert all(i < len(case.base) for i, _ in case.truth)


def test_extended_cases_hold_every_extended_kind() -> None:
    from benchmarks.align_quality import GOAL_LABELS, run

    result = run(seed=7, cases=2, root=LAWREFBOOK, extended=True)
    assert {"merge_far", "move+款", "split+insert"} <= set(result.scores) and "reword10" not in result.scores
    assert all(label in result.scores for label in GOAL_LABELS[3:])
    assert result.refs_articles > 0  # the cases renumber articles that others cite …
    assert result.refs_flagged == []  # … and references that follow them are never substantive


def test_pipeline_cost_measures_a_child_process_and_finds_the_break_even(tmp_path, monkeypatch) -> None:
    from benchmarks import pipeline_cost

    burn = [sys.executable, "-c", "sum(i * i for i in range(3_000_000))"]
    assert pipeline_cost.cpu_seconds(burn, {}, tmp_path) > pipeline_cost.cpu_seconds([sys.executable, "-c", "pass"],
                                                                                      {}, tmp_path)
    costs = iter([0.2, 0.3, 0.3, 0.25, 0.4, 0.35, 0.5, 0.4] + [0.6, 0.5] * 4)  # jieba, rjieba per size
    monkeypatch.setattr(pipeline_cost, "median_cpu", lambda *a: next(costs))
    monkeypatch.setattr(pipeline_cost, "SIZES", (10, 20, 30, 40, 50, 60, 70, 80))
    rows, crossing = pipeline_cost.break_even_rows(1, {}, tmp_path)
    assert crossing == 20 and [r[-1] for r in rows][:2] == ["jieba", "rjieba"]
