"""Finer marks inside changed words (compare.diff.finer), on real amended sentences."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import corpus_file

from compare.diff import finer
from compare.diff.finer import finer_spans, refine_replacement
from compare.model import Span
from compare.pipeline import compare_files


def marks(spans) -> list[tuple[str, str]]:
    return [(s.op, s.old if s.op == "delete" else s.new) for s in spans if s.op != "equal"]


def test_docstring_examples() -> None:
    assert doctest.testmod(finer).failed == 0


def test_inserted_characters_inside_a_word_are_marked_alone() -> None:
    """行政复议法 2017 → 2023 第二条: 向行政机关提出 → 向行政复议机关提出."""
    spans = (Span("equal", "向", "向"), Span("delete", "行政机关", ""), Span("insert", "", "行政复议机关"),
             Span("equal", "提出", "提出"))
    assert marks(finer_spans(spans)) == [("insert", "复议")]


def test_part_of_a_word_swapped() -> None:
    """国防教育法 2018 → 2024: 国家工作人员 → 公职人员 keeps 人员 and marks the rest."""
    pieces = refine_replacement("国家工作人员", "公职人员")
    assert marks(pieces) == [("delete", "国家工作"), ("insert", "公职")]


@pytest.mark.parametrize("old,new", [("鼓励", "支持"), ("应当", "可以"), ("保障和监督", "监督和保障"),
                                     ("应当", "应该")])
def test_unrelated_or_reordered_words_stay_whole(old: str, new: str) -> None:
    spans = (Span("delete", old, ""), Span("insert", "", new))
    assert finer_spans(spans) == spans


def test_long_rewrites_and_line_breaks_stay_whole() -> None:
    long_old, long_new = "行政机关受理行政复议申请、作出行政复议决定", "行政复议机关办理行政复议案件"
    spans = (Span("delete", long_old, ""), Span("insert", "", long_new))
    assert finer_spans(spans) == spans
    broken = (Span("delete", "行政机关\n", ""), Span("insert", "", "行政复议机关\n"))
    assert finer_spans(broken) == broken


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="行政复议机关部门主管理", min_size=1, max_size=12),
       st.text(alphabet="行政复议机关部门主管理", min_size=1, max_size=12))
def test_refined_pieces_rebuild_both_sides(old: str, new: str) -> None:
    spans = finer_spans((Span("delete", old, ""), Span("insert", "", new)))
    assert "".join(s.old for s in spans) == old
    assert "".join(s.new for s in spans) == new


@pytest.mark.corpus
def test_real_amendment_is_marked_inside_the_word() -> None:
    comparison = compare_files([corpus_file("行政复议法(2017-09-01).md"), corpus_file("行政复议法(2023-09-01).md")])
    row = next(r for r in comparison.rows if r.label == "第二条" and all(r.cells.values()))
    later = next(d for d in row.cells if d.endswith("2023-09-01"))
    spans = row.spans[later]
    assert ("insert", "复议") in marks(spans)
    assert "".join(s.new for s in spans) == row.cells[later].text  # still rebuilds the text
    words = [(d.old, d.new) for d in row.differences]
    assert ("行政", "行政复议") in words  # the difference itself keeps whole words (fingerprints unchanged)
