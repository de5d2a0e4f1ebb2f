"""``check OLD DECISION NEW``: the published consolidated text against the decision applied."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import run_cli, write_text

OLD = """# 示例条例

<!-- INFO END -->

第一条 为了加强示例管理，制定本条例。

第二条 本市示例工作由市人民政府负责。

第三条 本条例自2020年1月1日起施行。
"""

DECISION = """关于修改《示例条例》的决定

一、将第二条中的“市人民政府”修改为“市人民政府示例主管部门”。

二、在第二条后增加一条，作为第三条：“单位应当配合检查。”

本决定自公布之日起施行。
"""

CONSOLIDATED = """# 示例条例

<!-- INFO END -->

第一条 为了加强示例管理，制定本条例。

第二条 本市示例工作由市人民政府示例主管部门负责。

第三条 单位应当配合检查。

第四条 本条例自2020年1月1日起施行。
"""


def _check(tmp_path: Path, published: str, *args: str) -> tuple[int, list[str], str]:
    old, decision = write_text(tmp_path, "old.md", OLD), write_text(tmp_path, "d.txt", DECISION)
    result = run_cli("check", old, decision, write_text(tmp_path, "new.md", published), *args)
    return result.returncode, result.stdout.splitlines(), result.stderr


def test_a_faithful_consolidation_passes(tmp_path: Path) -> None:
    code, lines, summary = _check(tmp_path, CONSOLIDATED.replace("第二条 ", "第二条　"))  # formatting is no departure
    assert (code, lines) == (0, []) and "与决定一致（比较了 4 条）" in summary


def test_every_planted_departure_is_listed_and_the_check_fails(tmp_path: Path) -> None:
    planted = CONSOLIDATED.replace("示例主管部门负责", "主管部门负责").replace("第三条 单位应当配合检查。\n\n", "")
    planted = planted.replace("第四条", "第三条") + "\n第五条 本条例由市人民政府负责解释。\n"
    code, lines, summary = _check(tmp_path, planted)
    assert code == 1 and "有 4 条与决定不符" in summary  # compared by number: 第三条 now says what 第四条 should
    assert lines[0].endswith("第二条与决定不符：按决定应为“本市示例工作由市人民政府示例主管部门负责。”，公布文本为“本市示例工作由市人民政府主管部门负责。”")
    assert lines[1].startswith(f"{tmp_path / 'new.md'}：第三条与决定不符")
    assert lines[2].endswith("按决定应有第四条，公布文本中没有") and lines[3].endswith("公布文本有第五条，按决定不应有")
    assert all(line.startswith(str(tmp_path / "new.md")) for line in lines)


def test_english_and_bad_input(tmp_path: Path) -> None:
    code, lines, _ = _check(tmp_path, CONSOLIDATED.replace("配合", "接受"), "--lang", "en")
    assert code == 1 and "Article 3 departs from the decision" in lines[0]
    old = write_text(tmp_path, "old.md", OLD)
    bad = run_cli("check", old, write_text(tmp_path, "bad.txt", "关于修改《示例条例》的决定\n\n一、将第九条修改为：“甲。”\n"),
                  write_text(tmp_path, "n.md", CONSOLIDATED))
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "第九条" in bad.stderr


def test_planted_errors_in_the_published_criminal_law_are_found(tmp_path: Path) -> None:
    """刑法修正案（十二） on the 2020 刑法 against the published 2023 text: they agree (the
    collection's footnote under the last article is no law text); a changed penalty and a
    dropped 第X条之三 planted in it are found."""
    from support import CORPUS, corpus_file

    old = CORPUS / "instruments" / "刑法(2020-12-26).md"
    if not old.is_file():
        pytest.skip("../shared/corpus/instruments not present")
    amendment, published = corpus_file("刑法修正案（十二）(2023-12-29).md"), corpus_file("刑法.md")
    text = Path(published).read_text(encoding="utf-8")
    result = run_cli("check", str(old), amendment, published)
    assert result.returncode == 0 and result.stdout == "" and "与决定一致" in result.stderr
    planted = text.replace("因行贿谋取不正当利益，情节严重的，或者使国家利益遭受重大损失的，处三年以上十年以下",
                           "因行贿谋取不正当利益，情节严重的，或者使国家利益遭受重大损失的，处三年以上七年以下")
    lines = planted.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("第一百二十条之三"))
    path = write_text(tmp_path, "刑法.md", "\n".join(lines[:at] + lines[at + 1:]))
    found = run_cli("check", str(old), amendment, path).stdout
    assert "第三百九十条与决定不符" in found and "按决定应有第一百二十条之三" in found
