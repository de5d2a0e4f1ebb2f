"""修正案-style insertions: 在第X条后增加一条，作为第X条之一 applied without renumbering."""

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
