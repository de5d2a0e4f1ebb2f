"""Nothing silent: generated decisions are applied whole or refused, never applied in part.

Hypothesis draws a small text and a decision of random instructions (replace, substitute,
insert, delete words, add a 款, add or delete an article, numbered 一、 or 1.), writes it
as a decision would be published and applies it. Either ``InputError`` refuses it in one
line, or every instruction is visible in the output: each text it writes stands there,
each article it deletes is gone. Any other exception fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare.amend import apply_file
from compare.amend.apply import Amended, _check_visible
from compare.errors import InputError
from compare.instrument.model import Instruction, Target
from compare.instrument.render import instruction_text
from compare.numerals import cn

SETTINGS = settings(max_examples=int(os.environ.get("AMEND_EXAMPLES", "60")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
ARTICLES = 6


def _old_text(paragraphs: list[int]) -> str:
    body = [f"第{cn(i)}条 规则A{i}B1的内容。" + "".join(f"\n\n规则A{i}B{j}的内容。" for j in range(2, n + 1))
            for i, n in enumerate(paragraphs, 1)]
    return "# 示例规定\n\n<!-- INFO END -->\n\n" + "\n\n".join(body) + "\n"


def _instruction(kind: str, article: int, k: int, paragraphs: list[int]) -> Instruction:
    target = (Target(article),)
    if kind == "replace":
        return Instruction("replace", target, new=f"新条文N{k}。")
    if kind == "substitute":
        return Instruction("substitute", target, old=f"A{article}B1", new=f"C{k}D")
    if kind == "insert_text":
        return Instruction("insert_text", target, old=f"A{article}B1", new=f"E{k}")
    if kind == "delete_text":
        return Instruction("delete_text", target, old="的内容")
    if kind == "add_paragraph":
        return Instruction("add_paragraph", target, new=f"增款{k}。", position=paragraphs[article - 1] + 1)
    if kind == "add_article":
        return Instruction("add_article", target, new=f"增条{k}。", position=article + 1)
    return Instruction("delete", target)


KINDS = ["replace", "substitute", "insert_text", "delete_text", "add_paragraph", "add_article", "delete"]


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[int], list[Instruction], bool]:
    paragraphs = draw(st.lists(st.integers(1, 3), min_size=ARTICLES, max_size=ARTICLES))
    picks = draw(st.lists(st.tuples(st.sampled_from(KINDS), st.integers(1, ARTICLES)), min_size=1, max_size=6))
    instructions = [_instruction(kind, article, k, paragraphs) for k, (kind, article) in enumerate(picks)]
    return paragraphs, instructions, draw(st.booleans())


@SETTINGS
@given(cases())
def test_every_instruction_is_applied_or_the_decision_refused(tmp_path: Path,
                                                              case: tuple[list[int], list[Instruction], bool]) -> None:
    paragraphs, instructions, arabic = case
    old = tmp_path / "old.md"
    old.write_text(_old_text(paragraphs), encoding="utf-8")
    items = [(f"{n}." if arabic else f"{cn(n)}、") + instruction_text(ins) for n, ins in enumerate(instructions, 1)]
    decision = tmp_path / "d.txt"
    decision.write_text("关于修改《示例规定》的决定\n\n" + "\n\n".join(items) + "\n\n本决定自公布之日起施行。\n",
                        encoding="utf-8")
    try:
        text = apply_file(str(old), str(decision))
    except InputError as exc:
        assert exc.message("zh").count("\n") == 0
        return
    compact = text.replace(" ", "")
    for ins in instructions:
        if ins.kind in ("replace", "substitute", "insert_text", "add_paragraph", "add_article"):
            assert ins.new in compact, (instruction_text(ins), text)
        elif ins.kind == "delete":
            assert f"规则A{ins.targets[0].article}B1" not in compact, (instruction_text(ins), text)


def test_the_last_safeguard_refuses_a_text_that_does_not_stand_in_the_result() -> None:
    """Should a bug apply an instruction as nothing, ``apply`` still refuses (the check runs
    on the result, not on how it was made)."""
    from compare.model import Document, Provision, SourceText

    provision = Provision("art1", "article", "第一条", 1, ("甲。",))
    source = SourceText("old.md", "old.md", "# 示例\n\n第一条 甲。\n", "utf-8", "md", "0")
    document = Document("d", source, "示例", None, None, (provision,))
    amended = Amended(document, provisions=[(1, ("甲。",), provision)], origins=[(1, 0)])
    with pytest.raises(InputError) as refused:
        _check_visible([Instruction("replace", (Target(1),), new="乙。")], amended)
    assert refused.value.key == "amend_not_applied"
    _check_visible([Instruction("replace", (Target(1),), new="甲。")], amended)


def test_a_numeral_longer_than_any_article_number_is_no_number(tmp_path: Path) -> None:
    """第 + 5,000 × 九 + 条 in a text or a decision: read as no number (one line, exit 2 for a
    decision), never an internal error on Python's integer-string limit."""
    from compare.numerals import chinese_to_int
    from support import run_cli

    assert chinese_to_int("九" * 5000) is None and chinese_to_int("9" * 5000) is None
    assert chinese_to_int("一千二百三十四") == 1234
    huge = tmp_path / "huge.md"
    huge.write_text("# 示例\n\n第一条 甲。\n\n第" + "九" * 5000 + "条 乙。\n", encoding="utf-8")
    assert run_cli("parse", str(huge)).returncode == 0
    old = tmp_path / "old.md"
    old.write_text(_old_text([1, 1, 1, 1, 1, 1]), encoding="utf-8")
    for form in ("删去第{n}条。", "将第{n}条修改为：“甲。”", "将第一条第{n}款修改为：“甲。”"):
        decision = tmp_path / "d.txt"
        decision.write_text("关于修改《示例规定》的决定\n\n一、" + form.format(n="九" * 5000) + "\n", encoding="utf-8")
        result = run_cli("apply", str(old), str(decision))
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr[-300:]
