"""The 序言 in drafts (its paragraphs deleted or added together, a change the alignment
misses), addresses continued within one article, and the final check that a draft
reproduces NEW whole (compare.amend.draft, instrument.numbering)."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.amend import amend_files, apply_file, decision_text
from compare.amend.api import load_document
from compare.amend.apply import apply_decision
from compare.amend.api import lexer_for
from compare.amend.draft import first_difference
from compare.amend.parse import parse_decision
from compare.errors import InputError
from compare.instrument.model import Target
from compare.instrument.numbering import parse_addresses
from support import write_text

LONG = "依照有关法律、法规的规定办理登记手续，并由主管部门对本行政区域内有关单位开展监督检查"


def _text(preamble: list[str]) -> str:
    return ("# 测试条例\n\n序言\n\n" + "\n\n".join(preamble) + "\n\n第一条 为了规范管理，制定本条例。\n\n"
            "第二条 本条例自公布之日起施行。\n")


def _round_trip(tmp_path: Path, old_lines: list[str], new_lines: list[str]) -> str:
    old = write_text(tmp_path, "old.md", _text(old_lines))
    new = write_text(tmp_path, "new.md", _text(new_lines))
    text = decision_text(amend_files(old, new)[0])
    assert apply_file(old, write_text(tmp_path, "d.md", text)) == Path(new).read_text(encoding="utf-8")
    return text


def test_consecutive_preamble_paragraphs_deleted_are_named_as_paragraphs(tmp_path: Path) -> None:
    lines = [f"第{n}段{LONG}{n}。" for n in "一二三四五"]
    text = _round_trip(tmp_path, lines, lines[:1] + lines[3:])
    assert "删去序言第二自然段、第三自然段。" in text and "第三款" not in text


def test_a_preamble_paragraph_added_is_a_paragraph_not_a_clause(tmp_path: Path) -> None:
    lines = [f"第{n}段{LONG}{n}。" for n in "一二三"]
    text = _round_trip(tmp_path, lines, lines[:2] + ["新增的序言段落。"] + lines[2:])
    assert "在序言中增加一个自然段，作为第三自然段：“新增的序言段落。”" in text


def test_a_preamble_change_the_alignment_leaves_unpaired_is_still_drafted(tmp_path: Path) -> None:
    """A short 序言 losing its long second paragraph no longer aligns with the old one; the
    draft amends it anyway (the text has one 序言) instead of leaving the change out."""
    text = _round_trip(tmp_path, ["罚款予以警告。", LONG * 3 + "。"], ["罚款予以警告。"])
    assert "序言第二自然段" in text


def test_a_draft_that_would_not_reproduce_new_is_named() -> None:
    """``first_difference`` is the last check of every draft: the first provision of NEW the
    amended text does not reproduce, or None."""
    old = load_document_text("# 测试条例\n\n第一条 甲。\n\n第二条 乙。\n")
    new = load_document_text("# 测试条例\n\n第一条 甲。\n\n第二条 丙。\n")
    lexer = lexer_for([old], None)
    nothing = parse_decision("关于修改《测试条例》的决定\n\n一、将第一条修改为：“甲。”\n\n本决定自公布之日起施行。\n")
    assert first_difference(apply_decision(old, nothing, lexer), new) == (2, 0)
    right = parse_decision("关于修改《测试条例》的决定\n\n一、将第二条修改为：“丙。”\n\n本决定自公布之日起施行。\n")
    assert first_difference(apply_decision(old, right, lexer), new) is None


def load_document_text(text: str):  # type: ignore[no-untyped-def]
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        return load_document(write_text(Path(tmp), "t.md", text))


def test_addresses_continue_only_within_a_clause_or_the_preamble() -> None:
    """第五条第二款、第三款 and 序言第二自然段、第三自然段 continue; a 款 after a whole article,
    a 项 after a 款, or 第〇款 are no address (refused, never guessed)."""
    assert parse_addresses("第五条第二款、第三款") == (Target(5, 2), Target(5, 3))
    assert parse_addresses("序言第二自然段、第三自然段") == (Target(0, 2), Target(0, 3))
    assert parse_addresses("第五条第一项、第二项") == (Target(5, None, 1), Target(5, None, 2))
    for text in ("第五条、第三款", "第五条第二款、第三项", "第五条第二款、第〇款", "第三款、第四款", "第五条、第二自然段",
                 "第〇条", "第零条", "第0条", "第三条第零款"):  # 第〇条 is no 序言
        assert parse_addresses(text) is None, text


def test_deleting_items_of_a_one_clause_article_deletes_the_items_not_the_article(tmp_path: Path) -> None:
    old = write_text(tmp_path, "old.md", "# 测试条例\n\n第一条 为了规范管理，制定本条例。\n\n第二条 下列行为禁止：\n\n"
                                         "（一）甲行为；\n\n（二）乙行为；\n\n（三）丙行为。\n\n第三条 本条例自公布之日起施行。\n")
    for instruction in ("删去第二条第一项。", "删去第二条第一项、第二项。"):
        decision = write_text(tmp_path, "d.md", f"关于修改《测试条例》的决定\n\n一、{instruction}\n\n本决定自公布之日起施行。\n")
        out = apply_file(old, decision)
        assert "第二条 下列行为禁止：" in out and "第三条 本条例自公布之日起施行。" in out, instruction
    with pytest.raises(InputError):
        parse_decision("关于修改《测试条例》的决定\n\n一、删去第三条、第三款。\n\n本决定自公布之日起施行。\n")


def _decision(tmp_path: Path, *items: str) -> str:
    body = "\n\n".join(f"{'一二三四五'[i]}、{text}" for i, text in enumerate(items))
    return write_text(tmp_path, "d.md", f"关于修改《测试条例》的决定\n\n{body}\n\n本决定自公布之日起施行。\n")


def _numbered(tmp_path: Path) -> str:
    articles = [f"第{n}条 内容{n}。" for n in "一二三四五六七八九十"] + ["第十条之一 内容十之一。", "第十一条 内容十一。"]
    return write_text(tmp_path, "old.md", "# 测试条例\n\n" + "\n\n".join(articles) + "\n")


def test_a_stated_number_of_a_numbered_sub_article_is_checked(tmp_path: Path) -> None:
    """将第十条之一改为第九条之一 after 第二条 is deleted is what the decision does; 将第十条之一改为
    第二十条 is not (apply would keep it 第九条之一): refused, not dropped."""
    old = _numbered(tmp_path)
    out = apply_file(old, _decision(tmp_path, "删去第二条。", "将第十条之一改为第九条之一。"))
    assert "第九条之一 内容十之一。" in out
    for wrong in ("将第十条之一改为第二十条。", "将第十条之一改为第二十条，修改为：“新内容。”", "将第十条之一修改为第三十条：“新内容。”"):
        with pytest.raises(InputError) as refused:
            apply_file(old, _decision(tmp_path, "删去第二条。", wrong))
        assert refused.value.key == "amend_renumbering", wrong


def test_a_deletion_naming_articles_and_clauses_deletes_each_at_its_level(tmp_path: Path) -> None:
    old = write_text(tmp_path, "old.md", "# 测试条例\n\n第一条 为了规范管理，制定本条例。\n\n第二条 下列行为禁止：\n\n"
                                         "（一）甲行为；\n\n（二）乙行为；\n\n（三）丙行为。\n\n第三条 第一款文字。\n\n第二款文字。\n\n"
                                         "第四条 本条例自公布之日起施行。\n")
    out = apply_file(old, _decision(tmp_path, "删去第一条、第三条第二款。"))
    assert "第二条 第一款文字。" in out and "第二款文字" not in out and "第三条 本条例自公布之日起施行。" in out
    out = apply_file(old, _decision(tmp_path, "删去第二条第一项、第四条。"))
    assert "（一）乙行为；" in out and "甲行为" not in out and "本条例自公布之日起施行" not in out


def test_two_articles_renumbered_are_written_with_a_comma_and_read_one_by_one(tmp_path: Path) -> None:
    """第五条、第六条相应改为第四条、第五条 (two articles); 第五条、第七条 names two, not three."""
    old = _numbered(tmp_path)
    assert apply_file(old, _decision(tmp_path, "删去第二条。", "第五条、第六条相应改为第四条、第五条。"))
    decision = parse_decision("关于修改《测试条例》的决定\n\n一、第五条、第七条相应改为第四条、第六条。\n\n本决定自公布之日起施行。\n")
    assert [(i.targets, i.position) for i in decision.instructions] == [((Target(5),), 4), ((Target(7),), 6)]
    with pytest.raises(InputError):
        parse_decision("关于修改《测试条例》的决定\n\n一、第五条至第七条相应改为第四条、第六条。\n\n本决定自公布之日起施行。\n")


def test_a_title_citing_a_law_is_written_with_inner_marks_and_read_back(tmp_path: Path) -> None:
    """关于修改《北京市实施〈中华人民共和国水法〉办法》的决定: the decision names the text it
    amends, and ``apply`` accepts it for that text."""
    head = "# 北京市实施《中华人民共和国水法》办法\n\n第一条 为了实施《中华人民共和国水法》，制定本办法。\n\n"
    old = write_text(tmp_path, "old.md", head + "第二条 本办法自公布之日起施行。\n")
    new = write_text(tmp_path, "new.md", head + "第二条 本办法自2023年3月1日起施行。\n")
    text = decision_text(amend_files(old, new)[0])
    assert text.startswith("关于修改《北京市实施〈中华人民共和国水法〉办法》的决定\n")
    assert apply_file(old, write_text(tmp_path, "d.md", text)) == Path(new).read_text(encoding="utf-8")


def test_english_names_preamble_paragraphs_and_opens_with_a_capital() -> None:
    from compare.instrument.model import Instruction
    from compare.instrument.render import instruction_text

    deleted = Instruction("delete_paragraph", (Target(0, 2), Target(0, 3)))
    assert instruction_text(deleted, "en") == "Paragraph 2 of the preamble and paragraph 3 of the preamble are deleted."
    added = Instruction("add_article", (), new="甲。", position=4)
    assert instruction_text(added, "en") == "An article is added as Article 4: “甲。”."


def test_deleting_the_closing_item_lets_the_one_before_close_the_list(tmp_path: Path) -> None:
    old = write_text(tmp_path, "old.md", "# 测试条例\n\n第一条 下列行为禁止：\n\n（一）甲行为；\n\n（二）乙行为；\n\n"
                                         "（三）丙行为。\n\n第二条 本条例自公布之日起施行。\n")
    out = apply_file(old, _decision(tmp_path, "删去第一条第三项。"))
    assert "（二）乙行为。\n" in out and "丙行为" not in out
    out = apply_file(old, _decision(tmp_path, "删去第一条第二项、第三项。"))
    assert "（一）甲行为。\n" in out
    out = apply_file(old, _decision(tmp_path, "删去第一条第一项。"))
    assert "（一）乙行为；\n" in out and "（二）丙行为。\n" in out
