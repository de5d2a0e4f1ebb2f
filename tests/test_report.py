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


def test_chapters_give_a_table_of_contents_and_moves_link_to_their_place(tmp_path) -> None:
    head = "北京市测试条例\n\n（2020年1月1日北京市第十五届人民代表大会常务委员会第十次会议通过）\n\n"
    articles = ["为了规范城市绿化管理，改善生态环境，制定本条例。", "本条例适用于本市行政区域内城市绿化的规划建设和管理。",
                "市人民政府园林绿化主管部门负责本市城市绿化管理工作。", "任何单位和个人都有保护城市绿化的义务。",
                "禁止擅自砍伐城市树木，确需砍伐的应当经主管部门批准。", "本条例自公布之日起施行。"]

    def law(order: list[int]) -> str:
        body = ["第一章　总　　则"] + [f"第{'一二三四五六'[n]}条 {articles[i]}" for n, i in enumerate(order[:3])]
        body += ["第二章　附　　则"] + [f"第{'一二三四五六'[n + 3]}条 {articles[i]}" for n, i in enumerate(order[3:])]
        return head + "\n\n".join(body) + "\n"

    a = write_text(tmp_path, "a.txt", law([0, 1, 2, 3, 4, 5]))
    b = write_text(tmp_path, "b.txt", law([0, 2, 3, 4, 1, 5]).replace("北京市测试条例", "北京市测试条例（草案）"))
    comparison = compare_files([a, b], Options())
    html = render_html(comparison)
    assert '<nav id="toc">' in html and "第一章" in html and "第二章" in html
    assert html.count('<tr class="chapter"') == 2
    moved = [r for r in comparison.rows if any(c is not None and c.moved for c in r.cells.values())]
    assert moved and "在本文本中位于第四条之后" in html


def test_every_class_and_status_has_a_name_in_both_languages() -> None:
    from compare.vocabulary import CLASS_CATEGORY, NAMES
    from compare.model import STATUSES
    from compare.report.labels import LABELS

    for lang in ("zh", "en"):
        assert set(CLASS_CATEGORY) | set(STATUSES) <= set(NAMES[lang]), lang
        assert set(LABELS["zh"]) == set(LABELS[lang])


def test_real_version_pair_renders_in_every_format(tmp_path) -> None:
    from compare.report.csv_export import to_csv
    from compare.report.docx_export import render_docx
    from support import corpus_file

    comparison = compare_files([corpus_file("立法法(2015-03-15).md"), corpus_file("立法法(2023-03-13).md")], Options())
    assert any(d.cls == "renumbering" for r in comparison.rows for d in r.differences)
    assert "援引编号随条文调整" in render_html(comparison)
    render_docx(comparison, tmp_path / "x.docx")
    assert "援引编号随条文调整" in to_csv(comparison, formatting=True)


def test_a_jurisdictional_difference_is_said_once() -> None:
    """The rule already reads "A ≡ B（…）": the list shows it once, not "A ≡ B A ≡ B（…）"."""
    html = render_html(compare_files(JJJ_FILES[:2], Options()))
    said = "北京市人民代表大会常务委员会 ≡ 河北省人民代表大会常务委员会"
    assert said + "（各自指称本行政区或对方）" in html
    assert said + " <span" not in html and f"{said} {said}" not in html
