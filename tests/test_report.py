"""Report stage: self-contained, escaped, deterministic HTML and the JSON contract."""

from __future__ import annotations

import json
import re

from compare.pipeline import Options, compare_files
from compare.report import render_html, to_json
from support import JJJ_FILES, decision, write_text


def test_markup_in_legislation_text_is_shown_as_text(tmp_path) -> None:
    a = write_text(tmp_path, "a.txt", decision("北京市人民代表大会常务委员会", ["本市应当<script>alert(1)</script>加强管理。"]))
    b = write_text(tmp_path, "b.txt", decision("天津市人民代表大会常务委员会", ["本市应当<b onclick=x>加强</b>管理。"], date="2023年11月29日"))
    html = render_html(compare_files([a, b], Options()))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b onclick" not in html
    assert len(re.findall(r"<script>", html)) == 1  # only the report's own filter script


def test_report_fetches_nothing() -> None:
    html = render_html(compare_files(JJJ_FILES, Options()))
    assert not re.search(r"""(src|href)\s*=\s*["'](https?:)?//""", html)
    assert "<link" not in html and "@import" not in html
    assert "Content-Security-Policy" in html


def test_same_input_gives_byte_identical_outputs() -> None:
    first = compare_files(JJJ_FILES, Options())
    second = compare_files(JJJ_FILES, Options())
    assert render_html(first) == render_html(second)
    assert to_json(first) == to_json(second)


def test_english_labels_on_request() -> None:
    comparison = compare_files(JJJ_FILES, Options())
    assert "法规文本对照报告" in render_html(comparison, "zh")
    english = render_html(comparison, "en")
    assert "Legislation comparison report" in english and "substantive" in english


def test_json_summary_counts_rows_by_status() -> None:
    data = json.loads(to_json(compare_files(JJJ_FILES, Options())))
    statuses = data["summary"]["statuses"]
    assert sum(statuses.values()) == len(data["rows"]) == 21
    assert statuses["substantive"] == sum(r["status"] == "substantive" for r in data["rows"])
    assert data["base"] == "beijing"
