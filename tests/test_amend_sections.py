"""Decisions amending several texts (一、修改《…》 parts, numbered 1. 2.): the part for one
text, picked by --only or by the text's title; 将名称修改为; 条文顺序作相应调整."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.amend.parse import parse_decision
from compare.amend.sections import parts, same_title
from compare.errors import InputError
from support import run_cli, write_text

OLD = """# 最高人民法院关于审理示例纠纷案件适用法律若干问题的解释

<!-- INFO END -->

为正确审理示例纠纷案件，根据《中华人民共和国合同法》，制定本解释。

第一条 示例合同依照合同法的规定认定。

第二条 当事人请求解除合同的，人民法院应予支持。

第三条 本解释自2010年1月1日起施行。
"""

DECISION = """# 最高人民法院关于修改《最高人民法院关于审理示例纠纷案件适用法律若干问题的解释》等二件司法解释的决定

2020年12月23日 最高人民法院审判委员会第1823次会议通过

根据审判实践需要，决定对《最高人民法院关于审理示例纠纷案件适用法律若干问题的解释》等二件司法解释作如下修改：

一、修改《最高人民法院关于审理其他纠纷案件的规定》

1.将第一条修改为：

“其他规定。”

二、修改《最高人民法院关于审理示例纠纷案件适用法律若干问题的解释》

1.将名称修改为：

“最高人民法院关于审理示例合同纠纷案件适用法律若干问题的解释”

2.将引言修改为：

“为正确审理示例纠纷案件，根据《中华人民共和国民法典》，制定本解释。”

3.将第一条中的“合同法”修改为“民法典”。

4.将第二条修改为：

“当事人请求解除合同，符合下列情形之一的，人民法院应予支持：

1.对方迟延履行的；

2.对方拒绝履行的。”

5.条文顺序作相应调整。

本决定自2021年1月1日起施行。

根据本决定，《最高人民法院关于审理示例纠纷案件适用法律若干问题的解释》等二件司法解释作相应修改后重新公布。
"""


def test_the_part_for_the_text_is_applied_found_by_its_title(tmp_path: Path) -> None:
    old, decision = write_text(tmp_path, "old.md", OLD), write_text(tmp_path, "d.md", DECISION)
    out = tmp_path / "new.md"
    result = run_cli("apply", old, decision, "-o", str(out))
    assert result.returncode == 0 and "已适用 4 项指令" in result.stderr, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 最高人民法院关于审理示例合同纠纷案件适用法律若干问题的解释\n")  # 将名称修改为
    assert "根据《中华人民共和国民法典》，制定本解释。" in text and "第一条 示例合同依照民法典的规定认定。" in text
    assert "1.对方迟延履行的；\n\n2.对方拒绝履行的。" in text  # the quoted 1. 2. are the article's, not items
    assert "其他规定" not in text


def test_only_picks_a_part_and_a_part_that_is_not_there_is_refused(tmp_path: Path) -> None:
    decision = parse_decision(DECISION, only="《最高人民法院关于审理其他纠纷案件的规定》")
    assert [(i.kind, i.new) for i in decision.instructions] == [("replace", "其他规定。")]
    assert decision.title == "最高人民法院关于审理其他纠纷案件的规定" and decision.effective == "2021-01-01"
    for only, key in (("《不存在的规定》", "amend_no_part"), (None, "amend_several_texts")):
        with pytest.raises(InputError) as refused:
            parse_decision(DECISION, only=only)
        assert refused.value.key == key and refused.value.message("zh").count("\n") == 0
    old, path = write_text(tmp_path, "other.md", OLD.replace("示例纠纷", "另一纠纷")), write_text(tmp_path, "d.md", DECISION)
    result = run_cli("apply", old, path, "-o", str(tmp_path / "x.md"))  # no part has this text's title
    assert result.returncode == 2 and "--only" in result.stderr and "d.md" in result.stderr
    assert not (tmp_path / "x.md").exists()


def test_titles_match_whatever_their_quotation_marks() -> None:
    assert same_title("最高人民法院关于适用〈中华人民共和国工会法〉若干问题的解释",
                      "# 最高人民法院关于适用《工会法》若干问题的解释")
    assert not same_title("关于审理甲案件的规定", "关于审理乙案件的规定")


def test_the_courts_published_multi_text_decisions_are_read_part_by_part() -> None:
    """The Supreme People's Court's decisions of December 2020 (法释〔2020〕17号 and others): each
    part is read whole or refused with the reason (a form not read, such as 将第二段修改为 of a
    批复 without articles); never read as nothing."""
    from support import CORPUS

    found = sorted((CORPUS / "lawrefbook").rglob("最高人民法院关于修改*等*件*司法解释的决定.md"))
    if not found:
        pytest.skip("../shared/corpus not present")
    read = refused = 0
    for path in found:
        text = path.read_text(encoding="utf-8")
        for _, title in parts(text):
            try:
                assert parse_decision(text, only=title).instructions
                read += 1
            except InputError as exc:
                assert exc.key in ("amend_bad_instruction", "amend_unread_line")
                refused += 1
    assert read >= 60 and read + refused >= 70


def test_a_decision_already_in_the_texts_history_or_for_another_text_is_refused(tmp_path: Path) -> None:
    """Applied again to a text whose header records it, a decision would change the text
    twice; applied (with --only) to a text of another title, it would write one text's
    words into another: both refused in one line, nothing written."""
    amended = OLD.replace("<!-- INFO END -->", "2020年12月23日 最高人民法院审判委员会第1823次会议通过\n\n<!-- INFO END -->")
    decision = write_text(tmp_path, "d.md", DECISION)
    again = run_cli("apply", write_text(tmp_path, "done.md", amended), decision, "-o", str(tmp_path / "x.md"))
    assert again.returncode == 2 and "已在沿革中记载此决定" in again.stderr and not (tmp_path / "x.md").exists()
    other = run_cli("apply", write_text(tmp_path, "old.md", OLD), decision, "--only",
                    "《最高人民法院关于审理其他纠纷案件的规定》", "-o", str(tmp_path / "y.md"))
    assert other.returncode == 2 and "而非《最高人民法院关于审理示例纠纷案件适用法律若干问题的解释》" in other.stderr
    assert not (tmp_path / "y.md").exists()
    empty = write_text(tmp_path, "empty.md", "关于修改《示例》的决定\n\n本决定自公布之日起施行。\n")
    assert run_cli("apply", write_text(tmp_path, "o.md", OLD), empty).returncode == 2


def test_the_introduction_replaced_keeps_what_stands_before_it(tmp_path: Path) -> None:
    """将引言修改为 on a text whose preamble holds a note before the 引言: the note stays."""
    noted = OLD.replace("为正确审理示例纠纷案件，", "（2015年1月19日最高人民法院审判委员会第1641次会议修正）\n\n为正确审理示例纠纷案件，")
    text = run_cli("apply", write_text(tmp_path, "old.md", noted), write_text(tmp_path, "d.md", DECISION)).stdout
    assert "（2015年1月19日最高人民法院审判委员会第1641次会议修正）\n\n为正确审理示例纠纷案件，根据《中华人民共和国民法典》" in text


def test_the_history_line_follows_the_headers_own_form() -> None:
    from compare.amend.write import history_line
    from compare.instrument.model import Decision

    court = Decision("示例", name="最高人民法院关于修改《示例》的决定", adopted="2020年12月23日 最高人民法院审判委员会第1823次会议")
    assert history_line(court, ["2012年9月17日 最高人民法院审判委员会第1556次会议通过"]) == \
        "2020年12月23日 最高人民法院审判委员会第1823次会议《最高人民法院关于修改〈示例〉的决定》第一次修正"
    assert history_line(court, ["2012年9月17日 某会议通过", "2015年1月19日 某会议通过"]) == \
        "2020年12月23日 最高人民法院审判委员会第1823次会议通过"
    law = Decision("示例法", name="关于修改《示例法》的决定", adopted="2024年6月28日 第十四届某会议")
    assert history_line(law, ["1999年1月1日 某会议通过", "2009年8月27日 某会议《关于修改部分法律的决定》第一次修正"]) == \
        "2024年6月28日 第十四届某会议《关于修改〈示例法〉的决定》第二次修正"
