"""A seeded sample of the corpus sweep (benchmarks/sweep.py) in every test run.

The sample holds a document with each parser-warning kind found in the corpus, long laws,
N-way version groups and same-topic sets, and mutated copies; every case runs compare, all
four outputs, the audit and storage. Any crash or timeout fails the suite, with the command
that reproduces it. The full sweep is ``python -m benchmarks.sweep`` (benchmarks/README.md).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from benchmarks.sweep import Result, run_all, run_case
from benchmarks.sweep_cases import Case, mutate, sample_cases, topic_sets, version_groups
from compare.structure.anomalies import warning_kind

pytestmark = pytest.mark.corpus


def _one_file_per_warning_kind(parsed: dict) -> list[str]:
    """For each parser-warning kind in the corpus, one (seeded) file that shows it."""
    by_kind: dict[str, list[str]] = {}
    for path, doc in parsed.items():
        if not isinstance(doc, str):
            for kind in {warning_kind(w) for w in doc.warnings}:
                by_kind.setdefault(kind, []).append(str(path))
    rng = random.Random(7)
    return sorted({rng.choice(sorted(files)) for files in by_kind.values()})


def test_sweep_sample_has_no_crash(lawrefbook: Path, parsed: dict) -> None:
    warned = _one_file_per_warning_kind(parsed)
    assert len(warned) >= 5  # skipped, outside a chapter, orphan text, joined lines, empty provisions…
    cases = sample_cases(lawrefbook, warned, seed=13, per_kind=5)
    kinds = {c.kind for c in cases}
    assert kinds == {"versions", "versions_nway", "topic", "mutant"}
    results = run_all(cases, workers=2, timeout=240, progress=False)
    bad = [f"{r.stage}: {r.error}\n  {r.command()}" for r in results if r.status in ("crash", "timeout")]
    assert bad == []
    assert sum(r.status == "ok" for r in results) >= len(results) - 3  # refusals are rare, and one line each


def test_a_crash_is_caught_with_its_stage_and_reproducing_command(tmp_path: Path, monkeypatch) -> None:
    import compare.report.docx_export as docx_export
    from support import JJJ

    monkeypatch.setattr(docx_export, "docx_bytes", lambda *a, **k: {}["boom"])
    files = tuple(sorted(str(p) for p in JJJ.glob("*.txt"))[:2])
    result = run_case(Case("versions", "demo", files), tmp_path)
    assert (result.status, result.stage) == ("crash", "docx") and "KeyError" in result.error
    assert result.command().startswith("legiscompare compare ") and "--docx x.docx" in result.command()


def test_refusals_are_not_crashes(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    result = run_case(Case("versions", "empty", (str(empty), str(empty))), tmp_path)
    assert result.status == "refused" and result.error


def test_mutants_are_reproducible_and_keep_the_header(lawrefbook: Path) -> None:
    text = next(lawrefbook.rglob("行政复议法(2023-09-01).md")).read_text(encoding="utf-8")
    assert mutate(text, 3) == mutate(text, 3) != text
    assert mutate(text, 3).split("<!-- INFO END -->")[0] == text.split("<!-- INFO END -->")[0]


def test_cases_are_found_by_name_and_title(lawrefbook: Path) -> None:
    from compare.jurisdiction import load_divisions
    from compare.jurisdiction.infer import start_pattern

    files = sorted(lawrefbook.rglob("*.md"))
    groups = version_groups(files)
    assert [p.name for p in groups["行政复议法"]] == ["行政复议法(2017-09-01).md", "行政复议法(2023-09-01).md"]
    topics = topic_sets(files, start_pattern(load_divisions()))
    assert len(topics["优化营商环境条例"]) >= 10 and len(topics["大气污染防治条例"]) >= 20


def test_result_command_for_a_mutant() -> None:
    result = Result("mutant", "x", ("a b.md",), 5, "crash", stage="html")
    assert result.command() == ("python -m benchmarks.sweep --write-mutant 'a b.md' --seed 5 -o mutant.md && "
                                "legiscompare compare 'a b.md' mutant.md -o x.html --json x.json --csv x.csv "
                                "--docx x.docx")
