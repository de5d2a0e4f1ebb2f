"""``amend --style 修订``: the revised text in full and the outline of its 修订说明; the hint
that a text changed throughout calls for a revision."""

from __future__ import annotations

from pathlib import Path

from support import corpus_file, run_cli, write_text

OLD = """# 示例条例

<!-- INFO END -->

第一条 为了规范管理，制定本条例。

第二条 主管部门负责管理。

第三条 单位应当登记。

第四条 本条例自2020年1月1日起施行。
"""

NEW = """# 示例条例

<!-- INFO END -->

第一条 为了规范管理，制定本条例。

第二条 市人民政府示例主管部门负责全市示例管理工作，区人民政府负责本辖区示例管理工作。

第三条 单位应当公示信息。

第四条 单位应当登记。

第五条 本条例自2024年1月1日起施行。
"""


def test_the_revised_draft_lists_what_the_revision_does(tmp_path: Path) -> None:
    old, new = write_text(tmp_path, "old.md", OLD), write_text(tmp_path, "new.md", NEW)
    out = tmp_path / "revision.txt"
    result = run_cli("amend", old, new, "--style", "修订", "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("《示例条例》（修订草案）\n\n第一条 为了规范管理，制定本条例。")
    assert "第三条 单位应当公示信息。\n\n第四条 单位应当登记。" in text  # NEW's text as it stands
    outline = text.split("关于《示例条例》修订草案的说明（提纲）", 1)[1]
    assert "一、修订的必要性\n（待起草）" in outline
    assert "新增条文（1条）：第三条" in outline and "未作修改的条文：2条" in outline  # 第三条 → 第四条: renumbered only
    assert "作实质性修改的条文（2条）：第二条、原第四条（现第五条）" in outline
    refused = run_cli("amend", old, new, "--style", "修订", "--docx", str(tmp_path / "r.docx"))
    assert refused.returncode == 2 and "compare" in refused.stderr and not (tmp_path / "r.docx").exists()


def test_a_decision_changing_most_of_the_text_suggests_a_revision(tmp_path: Path) -> None:
    old, new = write_text(tmp_path, "old.md", OLD), write_text(tmp_path, "new.md", NEW)
    result = run_cli("amend", old, new, "-o", str(tmp_path / "d.txt"), "--no-db")
    assert "宜采用修订方式" in result.stderr and "--style 修订" in result.stderr
    quiet = run_cli("amend", old, write_text(tmp_path, "same.md", OLD.replace("登记", "备案")), "-o",
                    str(tmp_path / "d2.txt"), "--no-db")
    assert "修订" not in quiet.stderr


def test_the_company_law_revision_of_2023_is_outlined(tmp_path: Path) -> None:
    old, new = corpus_file("公司法(2018-10-26).md"), corpus_file("公司法(2023-12-29).md")
    out = tmp_path / "公司法修订.txt"
    result = run_cli("amend", old, new, "--style", "修订", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert result.returncode == 0 and text.startswith("《中华人民共和国公司法》（修订草案）\n\n## 第一章")
    assert "新增条文（" in text and "删去的条文（" in text and "原第十三条" in text
