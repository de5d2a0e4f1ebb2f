"""Headings in amendment decisions: 将第X章的章名修改为“…” drafted, parsed, applied, rendered.

Each test names what it proves; the corpus test skips when ../shared is absent.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from compare.amend import amend_files, apply_file, decision_text
from compare.amend.api import load_document
from compare.amend.docx import table_rows
from compare.amend.parse import parse_decision
from compare.instrument.render import instruction_text
from compare.amend.roundtrip import heading_paths, round_trip
from compare.errors import InputError
from compare.model import SourceText
from compare.report.drafts import KIND_LABELS
from compare.structure import parse
from support import REPO, corpus_file, write_text

OLD = """# 示例条例

<!-- INFO END -->

## 第一章 总则

第一条 为了规范示例管理，制定本条例。

第二条 本条例所称主管部门，是指县级以上人民政府示例主管部门。

## 第二章 管理

### 第一节 一般规定

第三条 单位应当在十日内报告。

第四条 单位应当配合检查。

### 第二节 检查

第五条 主管部门应当依法检查。

## 第三章 附则

第六条 本条例自2020年1月1日起施行。
"""

NEW = (OLD.replace("## 第二章 管理", "## 第二章 监督管理").replace("### 第二节 检查", "### 第二节 监督检查")
       .replace("十日内", "十五日内"))


@pytest.fixture
def pair(tmp_path: Path) -> tuple[str, str]:
    return write_text(tmp_path, "old.md", OLD), write_text(tmp_path, "new.md", NEW)


def _applied(old: str, decision_path: str) -> list:
    text = apply_file(old, decision_path)
    return heading_paths(parse(SourceText(old, "x.md", text, "utf-8", "md", "-"), "x"))


def test_a_changed_chapter_and_section_title_are_drafted_against_the_old_numbering(pair: tuple[str, str]) -> None:
    decision, _ = amend_files(*pair)
    text = decision_text(decision)
    assert "一、将第二章的章名修改为“监督管理”。" in text
    assert "将第二章第二节的节名修改为“监督检查”。" in text
    lines = [line for line in text.split("\n") if line]
    assert lines.index("一、将第二章的章名修改为“监督管理”。") < next(i for i, x in enumerate(lines) if "十五日" in x)


def test_the_decision_applied_writes_the_new_headings(pair: tuple[str, str], tmp_path: Path) -> None:
    decision, _ = amend_files(*pair)
    path = write_text(tmp_path, "d.txt", decision_text(decision))
    assert _applied(pair[0], path) == heading_paths(load_document(pair[1]))
    result = round_trip(*pair)
    assert result.exact and result.headings_exact and result.same_shape


def test_published_wordings_of_a_rename_parse(pair: tuple[str, str], tmp_path: Path) -> None:
    text = "关于修改《示例条例》的决定\n\n一、将第二章章名修改为：\"监督管理\"。\n\n二、将第二章第二节的节名改为“监督检查”。\n"
    decision = parse_decision(text)
    assert [(i.kind, i.heading, i.new) for i in decision.instructions] == [
        ("rename_heading", "第二章", "监督管理"), ("rename_heading", "第二章第二节", "监督检查")]
    path = write_text(tmp_path, "d.txt", text)
    assert _applied(pair[0], path)[4][1] == ("", "", "第二章监督管理", "第二节监督检查")


@pytest.mark.parametrize("instruction,key", [
    ("将第九章的章名修改为“不存在”。", "amend_no_heading"),
    ("将第二章第三节的节名修改为“不存在”。", "amend_no_heading"),
    ("将第二章第一节的章名修改为“哪一个”。", "amend_bad_instruction"),
])
def test_a_heading_instruction_that_does_not_fit_is_refused_in_one_line(pair: tuple[str, str], tmp_path: Path,
                                                                       instruction: str, key: str) -> None:
    path = write_text(tmp_path, "bad.txt", f"关于修改《示例条例》的决定\n\n一、{instruction}\n")
    with pytest.raises(InputError) as caught:
        apply_file(pair[0], path)
    assert caught.value.key == key
    for lang in ("zh", "en"):
        message = caught.value.message(lang)
        assert message.count("\n") == 0 and instruction.rstrip("。")[:8] in message


def test_cli_refuses_a_missing_chapter_naming_the_instruction(pair: tuple[str, str], tmp_path: Path) -> None:
    bad = write_text(tmp_path, "bad.txt", "关于修改《示例条例》的决定\n\n一、将第九章的章名修改为“不存在”。\n")
    out = tmp_path / "out.md"
    result = subprocess.run([sys.executable, "-m", "compare", "apply", pair[0], bad, "-o", str(out)],
                            capture_output=True, text=True, cwd=REPO, timeout=300)
    assert result.returncode == 2 and not out.exists()
    assert result.stderr.count("\n") == 1 and "将第九章的章名修改为“不存在”" in result.stderr and "第九章" in result.stderr


def test_english_rendering_and_kind_labels(pair: tuple[str, str]) -> None:
    decision, _ = amend_files(*pair)
    rename = next(i for i in decision.instructions if i.heading == "第二章第二节")
    assert instruction_text(rename, "en") == "The title of Chapter 2, Section 2 is amended to read: “监督检查”."
    assert KIND_LABELS["en"]["rename_heading"] == "rename heading" and KIND_LABELS["zh"]["rename_heading"]


def test_the_before_after_table_shows_a_renamed_heading(pair: tuple[str, str]) -> None:
    from compare.amend.apply import apply_decision
    from compare.amend.api import lexer_for

    decision, _ = amend_files(*pair)
    document = load_document(pair[0])
    rows = table_rows(decision, apply_decision(document, decision, lexer_for([document])))
    assert ("第二章 管理", "第二章 监督管理") in rows and ("第二节 检查", "第二节 监督检查") in rows


def test_a_real_chapter_rename_in_the_corpus_round_trips() -> None:
    old, new = corpus_file("发票管理办法(2019-03-02).md"), corpus_file("发票管理办法(2023-07-20).md")
    decision, _ = amend_files(old, new)
    renames = [instruction_text(i) for i in decision.instructions if i.kind == "rename_heading"]
    assert renames == ["将第三章的章名修改为“发票的领用”。"]
    result = round_trip(old, new)
    assert result.exact and result.headings_exact


def test_a_rename_item_links_to_the_first_article_under_the_heading(pair: tuple[str, str]) -> None:
    from compare.amend.items import make_draft

    decision, comparison = amend_files(*pair)
    other = next(d.id for d in comparison.documents if d.id != comparison.base)
    draft = make_draft("amend", comparison, comparison.base, other, decision)
    item = next(i for i in draft.items if i.instructions[0].heading == "第二章")
    row = next(r for r in comparison.rows if r.id in item.rows)
    assert len(item.rows) == 1 and row.cells[comparison.base].provisions[0].number == "第三条"
