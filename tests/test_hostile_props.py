"""Issue 14: mutated real laws through every output, with decisions, never raise anything but InputError.

Hypothesis mutates a real text (the 京津冀 demo, real legislation) with the hostile
material the adversarial pass used: rich markup (``[/]``, ``[red]``), HTML, control and
zero-width characters, very long sentences, deleted and duplicated lines. Each mutation
is compared with the unmutated base and rendered to HTML, JSON, CSV and Word with the
store's fingerprints; the fingerprints must be unique and stable across a re-run.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare.errors import InputError
from compare.pipeline import compare_files
from compare.report import render_html, to_json
from compare.report.csv_export import to_csv
from compare.report.docx_export import docx_bytes
from compare.store import difference_fingerprints
from support import JJJ

BASE = JJJ / "beijing.txt"
OTHER = (JJJ / "tianjin-constructed.txt").read_text(encoding="utf-8")
HOSTILE = ["[/]", "[red]", "[bold]x[/bold]", "<script>alert(1)</script>", "\x00", "\u200b", "\u202e", "\t",
           "及其他", "。", "；", "第五条", "一、", "﻿", "\\", "{}", "%s", "甲" * 3000]


def _mutate(text: str, edits: list[tuple[int, int, str]]) -> str:
    lines = text.splitlines()
    for kind, where, piece in edits:
        k = where % max(len(lines), 1)
        if kind == 0 and lines:
            lines[k] = lines[k][: len(lines[k]) // 2] + piece + lines[k][len(lines[k]) // 2:]
        elif kind == 1 and len(lines) > 3:
            del lines[k]
        elif lines:
            lines.insert(k, lines[k])
    return "\n".join(lines) + "\n"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 10_000), st.sampled_from(HOSTILE)), min_size=1,
                max_size=6))
def test_mutated_real_laws_through_every_output(tmp_path_factory, edits) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("mutated")
    path = folder / "tianjin.txt"
    path.write_text(_mutate(OTHER, edits), encoding="utf-8")
    try:
        comparison = compare_files([str(BASE), str(path)])
    except InputError as exc:
        assert "\n" not in exc.message()
        return
    fps = [fp for row in difference_fingerprints(comparison) for fp in row]
    assert len(fps) == len(set(fps))
    decisions = {fp: type("D", (), {"status": "accepted", "note": "[/]<b>", "reviewer": "[red]"})() for fp in fps[:3]}
    html = render_html(comparison, "zh", decisions)
    assert "<script>alert" not in html
    to_json(comparison)
    to_csv(comparison, "en", decisions)
    docx_bytes(comparison, "zh", decisions)
    again = compare_files([str(path), str(BASE)])
    assert [fp for row in difference_fingerprints(again) for fp in row] == fps
