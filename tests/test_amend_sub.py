"""Texts numbered 第X条之一: 修正案-style insertions applied without renumbering, 之一 articles
addressed, kept, renumbered with their article, drafted; the 刑法 and its twelfth 修正案."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.amend import apply_file
from compare.amend.parse import parse_decision
from compare.instrument.render import instruction_text
from compare.errors import InputError
from support import write_text

OLD = """# 示例法

<!-- INFO END -->

第一条 为了规范示例管理，制定本法。

第二条 主管部门应当依照本法第三条的规定履行职责。

第三条 单位应当配合检查。

第四条 本法自2020年1月1日起施行。
"""

AMENDMENT = """中华人民共和国示例法修正案

一、在示例法第二条后增加一条，作为第二条之一："单位应当建立台账。"

二、在第三条后增加一条，作为第三条之一："违反本法第三条规定的，责令改正。"

三、将第四条中的"2020年"修改为"2021年"。
"""


def test_articles_added_as_zhi_yi_keep_every_other_number(tmp_path: Path) -> None:
    old = write_text(tmp_path, "old.md", OLD)
    text = apply_file(old, write_text(tmp_path, "a.txt", AMENDMENT))
    body = [line for line in text.split("\n") if line.startswith("第")]
    assert body == ["第一条 为了规范示例管理，制定本法。", "第二条 主管部门应当依照本法第三条的规定履行职责。",
                    "第二条之一 单位应当建立台账。", "第三条 单位应当配合检查。",
                    "第三条之一 违反本法第三条规定的，责令改正。", "第四条 本法自2021年1月1日起施行。"]


def test_a_zhi_yi_instruction_renders_as_written() -> None:
    ins = parse_decision(AMENDMENT).instructions[0]
    assert (ins.position, ins.sub) == (2, 1)
    assert instruction_text(ins) == "在第二条后增加一条，作为第二条之一：“单位应当建立台账。”"
    assert instruction_text(ins, "en").startswith("An article is added after Article 2 as Article 2-1:")


@pytest.mark.parametrize("instruction,key", [
    ("在第三条后增加一条，作为第四条之一：“甲。”", "amend_sub_position"),
    ("在第三条后增加一条，作为第三条之一：“甲。”\n\n二、删去第一条。", "amend_sub_renumbers"),
])
def test_a_zhi_yi_that_does_not_fit_is_refused_in_one_line(tmp_path: Path, instruction: str, key: str) -> None:
    old = write_text(tmp_path, "old.md", OLD)
    with pytest.raises(InputError) as caught:
        apply_file(old, write_text(tmp_path, "bad.txt", f"示例法修正案\n\n一、{instruction}\n"))
    assert caught.value.key == key and caught.value.message("zh").count("\n") == 0


ZHI_OLD = """# 示例法

1999年1月1日 示例市人民代表大会常务委员会第一次会议通过

<!-- INFO END -->

## 第一章 总则

第一条 为了规范示例管理，制定本法。

第二条 主管部门应当依照本法第三条的规定履行职责。

第二条之一 单位应当建立台账。

第三条 单位应当配合检查。

## 第二章 附则

第四条 违反本法第二条之一规定的，责令改正。

第五条 本法自2020年1月1日起施行。
"""

ZHI_NEW = ZHI_OLD.replace("建立台账。", "建立电子台账，并保存三年。\n\n第二条之二 单位应当指定专人负责台账管理。").replace(
    "责令改正。", "责令改正，可以处一万元以下罚款。")


def _body(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.startswith("第")]


def test_zhi_yi_articles_are_addressed_replaced_deleted_and_followed(tmp_path: Path) -> None:
    old = write_text(tmp_path, "old.md", ZHI_OLD)
    amendment = ("示例法修正案\n\n一、将第二条之一修改为：“单位应当建立电子台账。”\n\n"
                 "二、在第二条之一后增加一条，作为第二条之二：“台账保存三年。”\n\n三、删去第四条中的“之一”。\n")
    assert _body(apply_file(old, write_text(tmp_path, "a.txt", amendment)))[2:5] == [
        "第二条之一 单位应当建立电子台账。", "第二条之二 台账保存三年。", "第三条 单位应当配合检查。"]
    gone = _body(apply_file(old, write_text(tmp_path, "b.txt", "示例法修正案\n\n一、删去第二条之一。\n")))
    assert "第二条之一" not in "".join(line[:6] for line in gone) and len(gone) == 5


def test_a_zhi_yi_article_moves_with_its_article_when_the_decision_renumbers(tmp_path: Path) -> None:
    old = write_text(tmp_path, "old.md", ZHI_OLD)
    text = apply_file(old, write_text(tmp_path, "d.txt", "关于修改《示例法》的决定\n\n一、删去第一条。\n"))
    assert _body(text) == ["第一条 主管部门应当依照本法第二条的规定履行职责。", "第一条之一 单位应当建立台账。",
                           "第二条 单位应当配合检查。", "第三条 违反本法第一条之一规定的，责令改正。",
                           "第四条 本法自2020年1月1日起施行。"]  # the citation of 第二条之一 follows it


@pytest.mark.parametrize("instruction", [
    "在第二条后增加一条，作为第二条之一：“甲。”",  # the number is taken
    "在第二条后增加一条，作为第二条之二：“甲。”",  # 之二 would stand before 之一
    "删去第二条之一。\n\n二、删去第二条之一。",  # twice
    "将第二条之一、第二条之一合并，作为第二条之一，修改为：“甲。”",  # a self-merge
])
def test_conflicting_or_misplaced_zhi_instructions_are_refused(tmp_path: Path, instruction: str) -> None:
    old = write_text(tmp_path, "old.md", ZHI_OLD)
    with pytest.raises(InputError) as caught:
        apply_file(old, write_text(tmp_path, "bad.txt", f"示例法修正案\n\n一、{instruction}\n"))
    assert caught.value.message("zh").count("\n") == 0


def test_amend_drafts_zhi_yi_articles_and_its_draft_applies_back(tmp_path: Path) -> None:
    from compare.amend import amend_files
    from compare.instrument.render import decision_text

    old, new = write_text(tmp_path, "old.md", ZHI_OLD), write_text(tmp_path, "new.md", ZHI_NEW)
    decision, _ = amend_files(old, new)
    text = decision_text(decision)
    assert text.startswith("示例法修正案\n")  # a text numbered 第X条之一 is amended by a 修正案
    assert "在示例法第二条之一后增加一条，作为第二条之二：“单位应当指定专人负责台账管理。”" in text
    assert "将示例法第二条之一修改为：“单位应当建立电子台账，并保存三年。”" in text  # no word-level edits
    assert text.rstrip().endswith("本修正案自公布之日起施行。")  # never the law's own 2020 date
    assert apply_file(old, write_text(tmp_path, "d.txt", text)) == ZHI_NEW
    decision, _ = amend_files(old, new, style="decision")
    assert decision_text(decision).startswith("关于修改《示例法》的决定")


def test_the_twelfth_criminal_law_amendment_applied_to_the_2020_text_gives_the_2023_text(tmp_path: Path) -> None:
    """刑法修正案（十二） as published, applied to the 刑法 as it stood in 2020 (numbered 第X条之一
    throughout): the 2023 text, its header recording the 修正案, all but the collection's own
    footnote on commencement dates."""
    from support import CORPUS, corpus_file, run_cli

    old = CORPUS / "instruments" / "刑法(2020-12-26).md"
    if not old.is_file():
        pytest.skip("../shared/corpus/instruments not present")
    out = tmp_path / "刑法.md"
    result = run_cli("apply", str(old), corpus_file("刑法修正案（十二）(2023-12-29).md"), "-o", str(out))
    assert result.returncode == 0 and "已适用 7 项指令" in result.stderr
    published = Path(corpus_file("刑法.md")).read_text(encoding="utf-8")
    footnote = "① 刑法、历次刑法修正案、涉及修改刑法的决定的施行日期，分别依据各法律所规定的施行日期确定。\n\n"
    assert out.read_text(encoding="utf-8") == published.replace(footnote, "").rstrip("\n") + "\n"


def test_amend_on_the_criminal_law_drafts_what_the_official_amendment_says() -> None:
    """`amend` on the 2020 and 2023 刑法 drafts a 修正案 changing the seven articles 刑法修正案（十二）
    changes, and no other (the collection's footnote under the last article is no law text);
    each in the official form (replaced whole, or its 第一款), but 第一百六十九条, where a 款
    is added alone and the draft says so (在刑法第一百六十九条中增加一款作为第二款：) as the
    corpus's 修正案 do 22 times in 27, this one restating the article."""
    from benchmarks.published import agreement, instruments

    from compare.amend import amend_files
    from compare.instrument.render import decision_text

    item = instruments()[0]
    if not item.old.is_file() or not item.new.is_file():
        pytest.skip("../shared/corpus not present")
    official = parse_decision(item.instrument.read_text(encoding="utf-8"))
    draft, _ = amend_files(str(item.old), str(item.new))
    assert agreement(official, draft) == (7, 7, 6, 0)
    text = decision_text(draft)
    assert text.startswith("中华人民共和国刑法修正案（十二）\n") and "四、将刑法第三百八十七条第一款修改为：" in text
    assert "在刑法第一百六十九条中增加一款，作为第二款：" in text and "将刑法第一百六十五条修改为：" in text


def test_an_amendment_that_would_renumber_is_refused_and_the_default_falls_back(tmp_path: Path) -> None:
    """A 修正案 renumbers nothing: asked for one where NEW numbers the articles afresh, amend
    refuses in one line; for a text numbered 之一 (whose default is the 修正案) it drafts a
    decision instead."""
    from compare.amend import amend_files
    from compare.instrument.render import decision_text

    old = write_text(tmp_path, "old.md", OLD)
    new = write_text(tmp_path, "new.md", OLD.replace("第二条 主管部门应当依照本法第三条的规定履行职责。\n\n", "").replace(
        "第三条", "第二条").replace("第四条", "第三条"))
    with pytest.raises(InputError) as refused:
        amend_files(old, new, style="amendment")
    assert refused.value.key == "amend_amendment_renumbers" and refused.value.message("zh").count("\n") == 0
    zhi_old = write_text(tmp_path, "zhi.md", ZHI_OLD)
    renumbered = write_text(tmp_path, "zhi_new.md", ZHI_OLD.replace("第一条 为了规范示例管理，制定本法。\n\n", "").replace(
        "第二条", "第一条").replace("第三条", "第二条").replace("第四条", "第三条").replace("第五条", "第四条"))
    text = decision_text(amend_files(zhi_old, renumbered)[0])
    assert text.startswith("关于修改《示例法》的决定") and "删去第一条" in text


def test_an_amendment_asked_for_a_new_that_only_inserts_numbers_the_added_articles_zhi_yi(tmp_path: Path) -> None:
    """--style 修正案 where NEW inserts articles and numbers the rest on: each added article
    becomes 第X条之N after the kept article X before it, no article is renumbered, and the
    draft applied to OLD gives NEW's words under those numbers."""
    from compare.amend import amend_files, apply_file
    from compare.instrument.render import decision_text

    old = write_text(tmp_path, "old.md", "# 示例条例\n\n第一条 甲。\n\n第二条 乙。\n\n第三条 丙。\n")
    new = write_text(tmp_path, "new.md", "# 示例条例\n\n第一条 甲。\n\n第二条 乙。\n\n第三条 新增的一条。\n\n"
                                         "第四条 新增的又一条。\n\n第五条 丙。\n")
    draft = decision_text(amend_files(old, new, style="amendment")[0])
    assert "在示例条例第二条后增加一条，作为第二条之一：“新增的一条。”" in draft
    assert "作为第二条之二：“新增的又一条。”" in draft
    applied = apply_file(old, write_text(tmp_path, "d.txt", draft))
    assert "第二条之一 新增的一条。\n\n第二条之二 新增的又一条。\n\n第三条 丙。" in applied
