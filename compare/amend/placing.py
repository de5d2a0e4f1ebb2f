"""Where an article's amended lines go: added 项 and 款 placed among the old ones, 项
numbered again and closed as their list closes them, and the 段 of a text of paragraphs.

- ``clause_numbers``: the 款 and 项 numbers of a line;
- ``item_start`` / ``paragraph_start``: the line a 第Z项 of 第Y款 (or a 第Y款) starts at;
- ``items_renumbered``: 项 numbered （一）（二）… again after 项 were added or deleted;
- ``punctuated``: an added 项 quoted without its closing mark ends as its neighbours do;
- ``in_body``: 将第二段修改为 / 将正文第一段修改为 addressed to the line of a 批复's body;
- ``located`` / ``items_in`` / ``check_position``: the 款 an added 项 goes to, how many 项 it
  has, and whether 作为第N项 / 第N款 (and a stated renumbering) fit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ..errors import InputError
from ..instrument.model import PREAMBLE, ArticleKey, Instruction, target_at
from ..instrument.numbering import address
from ..model import Provision
from ..numerals import cn


def clause_kinds(prov: Provision) -> list[str]:
    """For each line of ``prov``: "paragraph" (款), "item" (项) or "subitem" (目)."""
    if len(prov.clauses) == len(prov.paragraphs):
        return [c.kind for c in prov.clauses]
    return ["paragraph"] * len(prov.paragraphs)


def clause_numbers(kinds: list[str], i: int) -> tuple[int, int]:
    """Line ``i``'s 款 number, and its 项 number in that 款 (0 for the 款's own line)."""
    para = kinds[:i + 1].count("paragraph")
    start = max((k for k in range(i + 1) if kinds[k] == "paragraph"), default=0)
    return para, kinds[start:i + 1].count("item")


ITEM_NUMBER = re.compile(r"^（([一二三四五六七八九十]+)）")
_ITEM_ENDS = "；;，,、"


def punctuated(lines: list[str], kinds: list[str], at: int) -> None:
    """An added 项 quoted without its closing mark (增加一项，作为第七项“（七）选举…主任”) ends
    as the 项 before it does (；) when a further 项 of the list follows it; added last, it
    closes the list (。) and the 项 before it takes the list's mark (；) instead."""
    text = lines[at]
    if not text or text[-1] in "。；;，,、：:":
        return
    previous = at - 1 if at and kinds[at - 1] == "item" else None
    if at + 1 < len(kinds) and kinds[at + 1] == "item":
        before = lines[previous] if previous is not None else lines[at + 1]
        lines[at] = text + before[-1] if before and before[-1] in _ITEM_ENDS else text
    elif previous is not None and lines[previous].endswith("。"):
        separator = next((line[-1] for i, line in enumerate(lines[:previous]) if kinds[i] == "item" and line
                          and line[-1] in _ITEM_ENDS), "；")
        lines[previous] = lines[previous][:-1] + separator
        lines[at] = text + "。"


def items_renumbered(lines: list[str], kinds: list[str]) -> list[str]:
    """The 项 of each 款 numbered （一）（二）… again after 项 were added or deleted (作相应调整);
    a 款 whose 项 are not all so numbered is left as it is."""
    out = list(lines)
    starts = [i for i, kind in enumerate(kinds) if kind == "paragraph"] + [len(kinds)]
    for start, end in zip(starts, starts[1:]):
        items = [i for i in range(start, end) if kinds[i] == "item"]
        if items and all(ITEM_NUMBER.match(out[i]) for i in items):
            for n, i in enumerate(items, 1):
                out[i] = ITEM_NUMBER.sub(f"（{cn(n)}）", out[i], count=1)
    return out


def item_start(kinds: list[str], paragraph: int, item: int) -> int:
    """The line where 第``item``项 of 第``paragraph``款 starts; after that 款's last line if it
    has fewer 项 (or the end of the article if it has fewer 款)."""
    starts = [i for i, kind in enumerate(kinds) if kind == "paragraph"]
    if not 0 < paragraph <= len(starts):
        return len(kinds)
    end = starts[paragraph] if paragraph < len(starts) else len(kinds)
    items = [i for i in range(starts[paragraph - 1], end) if kinds[i] == "item"]
    return items[item - 1] if 0 < item <= len(items) else end


def paragraph_start(kinds: list[str], position: int) -> int:
    """The line where 第``position``款 starts (after the 项 of the 款 before it); the end if
    there are fewer 款."""
    starts = [i for i, kind in enumerate(kinds) if kind == "paragraph"]
    return starts[position - 1] if 0 < position <= len(starts) else len(kinds)


_ADDRESSEE = re.compile(r"^[^。；]{2,80}[：:]$")  # 山东省高级人民法院： / 各省、自治区、直辖市高级人民法院，解放军军事法院：
_ANSWER_FOLLOWS = re.compile(r"如下[：:]$")  # 你院…请示收悉。经研究，答复如下：


def in_body(ins: Instruction, by_number: dict[ArticleKey, Provision], shown) -> Instruction:  # type: ignore[no-untyped-def]
    """将第二段修改为 / 将正文第一段修改为 in a text of paragraphs (a 批复): the 段 counted
    after the addressee line, the 正文 after the paragraph ending 答复如下：; the instruction
    addressed to that line of the body."""
    if ins.heading not in ("段", "正文") or PREAMBLE not in by_number:
        return ins
    lines = by_number[PREAMBLE].paragraphs
    start = 1 if lines and _ADDRESSEE.match(lines[0]) else 0
    if ins.heading == "正文":
        start = next((i + 1 for i, line in enumerate(lines) if _ANSWER_FOLLOWS.search(line)), start)
    targets = tuple(replace(t, paragraph=start + (t.paragraph or 0)) for t in ins.targets)
    for given, target in zip(ins.targets, targets):
        if not 0 < (target.paragraph or 0) <= len(lines):
            unit = f"{'正文' if ins.heading == '正文' else ''}第{cn(given.paragraph or 0)}段"
            raise InputError(None, "amend_no_article", instruction=shown(ins), unit=unit)
    return replace(ins, targets=targets, heading="")


def located(ins: Instruction, prov: Provision, shown) -> int:  # type: ignore[no-untyped-def]
    """The 款 an added 项 goes to: the one addressed, or the one holding the words the
    instruction locates it by (“…行使下列职权”中增加一项), else the first."""
    target = ins.targets[0]
    if not ins.old:
        return target.paragraph or 1
    kinds = clause_kinds(prov)
    found = [clause_numbers(kinds, i)[0] for i, (line, kind) in enumerate(zip(prov.paragraphs, kinds))
             if kind == "paragraph" and ins.old in line]
    if len(found) != 1 or (target.paragraph and found[0] != target.paragraph):
        raise InputError(None, "amend_text_missing", instruction=shown(ins), unit=address(target, "条"), text=ins.old)
    return found[0]


def items_in(prov: Provision, paragraph: int) -> int:
    kinds = clause_kinds(prov)
    para = count = 0
    for kind in kinds:
        para += kind == "paragraph"
        count += kind == "item" and para == paragraph
    return count


def check_position(ins: Instruction, there: int, shown, old_count: int | None = None) -> None:  # type: ignore[no-untyped-def]
    """作为第N款 / 第N项: at most one past those there are (a 项 only in a 款 that lists,
    unless it is the first); a stated renumbering (第七项至第十五项相应改为…) must end at the
    last old one."""
    position = ins.position or there + 1
    lists = ins.kind != "add_item" or there > 0 or position == 1
    last_ok = ins.last is None or ins.last == (old_count if old_count is not None else there)
    if not (0 < position <= there + 1 and lists and last_ok):
        raise InputError(None, "amend_no_article", instruction=shown(ins),
                         unit=f"{address(ins.targets[0], '条')}第{cn(position)}{'项' if ins.kind == 'add_item' else '款'}")


def check_renumbering(instructions: list[Instruction], mapping: dict[ArticleKey, ArticleKey],
                      shown: Callable[[Instruction], str]) -> None:
    """Each number a decision states (第A条至第B条相应改为第C条至第D条, 将第四条改为第五条) is
    the one its instructions give those articles, or it is refused: a stated renumbering is
    never taken on trust, nor a move (将第二十条改为第二十五条) applied as a mere renumbering."""
    for ins in instructions:
        if ins.kind != "renumber":
            continue
        first, last = ins.targets[0], ins.targets[-1]
        for key in [first.key] if len(ins.targets) == 1 else [(k, 0) for k in range(first.article, last.article + 1)]:
            actual = mapping.get(key)
            if actual is None:
                raise InputError(None, "amend_deleted_target", instruction=shown(ins), unit=address(target_at(key)))
            if actual != ((ins.position or 0) + key[0] - first.article, ins.sub):
                raise InputError(None, "amend_renumbering", instruction=shown(ins), unit=address(target_at(key)),
                                 actual=address(target_at(actual)))
