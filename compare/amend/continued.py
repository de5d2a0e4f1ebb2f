"""Several instructions in one numbered item, the later ones naming only a 款 or 项.

Published decisions chain instructions on one article in one sentence:

- 将第二条第二项修改为“…”，第四项修改为“…” (the 项 of the same article);
- 将第二条第八项、第九项修改为……，增加一项，作为第十项：“…”;
- 将第十三条第二款改为第十六条，第一款改为第十七条 (款 taken out as articles);
- 在第五条中增加一款，作为第二款：“…”；原第二款改为第三款，修改为：“…” (the 款 named by its
  old number, its new one implied).

``instruction_parts(block)`` cuts an item into its instructions (at ；, and at ， where the
next words start another instruction, never inside quotes) and writes each continuation
out in full, addressed in the article of the instruction before it (将第二条第四项修改为…,
在第二条中增加一项…, 将第十三条第一款改为第十七条, 将第五条第二款修改为…). A bare
renumbering of a 款 (原第二款改为第三款) is what the other instruction implies: dropped.
"""

from __future__ import annotations

import re

from ..instrument.numbering import NUM
from .quoting import quote_depths

_NEXT = re.compile(rf"\s*(?:将|删去|在|增加|原第{NUM}(?:款|项))")
_NEXT_AFTER_COMMA = re.compile(rf"\s*(?:原?第{NUM}(?:款|项)(?:第{NUM}项)?(?:、第{NUM}(?:款|项))*(?:修改|改|作)为|"
                               rf"增加一(?:款|项))")
_ARTICLE = re.compile(rf"^(?:将|删去|在)?(?:[\u4e00-\u9fff]{{1,16}}?(?:法|条例|规定|办法))?(第{NUM}条(?:之{NUM})?)"
                      rf"(第{NUM}款)?")
_PART = re.compile(rf"^原?(第{NUM}(?:款|项))")
_BARE = re.compile(rf"^原?第{NUM}(?:款|项)(?:改|作)为第{NUM}(?:款|项)$")
_RENAMED = re.compile(rf"^原?(第{NUM}(?:款|项))(?:改|作)为第{NUM}(?:款|项)[，,]\s*(?=(?:并)?(?:修改|改)为)")


def _cut(block: str) -> list[str]:
    """``block`` cut at ； (before 将 / 删去 / 在 / 增加) and at ， after a closing quote or a
    number (before a continuation), outside quotes."""
    parts, start = [], 0
    for i, (ch, depth) in enumerate(zip(block, quote_depths(block))):
        if depth:
            continue
        rest = block[i + 1:]
        if (ch in "；;" and _NEXT.match(rest)) or (ch in "，," and _NEXT_AFTER_COMMA.match(rest) and i and
                                                  (block[i - 1] == "”" or block[i - 1] in "条款项")):
            parts.append(block[start:i])
            start = i + 1
    parts.append(block[start:])
    return [p.strip() for p in parts if p.strip()]


def instruction_parts(block: str) -> list[str]:
    """The instructions of one item, each written out in full (see the module docstring)."""
    out: list[str] = []
    article = paragraph = ""
    for part in _cut(block):
        found = _ARTICLE.match(part)
        if found:
            article, paragraph = found.group(1), found.group(2) or ""
            out.append(part)
            continue
        if not article:
            out.append(part)
            continue
        if _BARE.match(part.rstrip("。；;")):
            continue  # 原第二款改为第三款: implied by the instruction that adds the 款 before it
        part = _RENAMED.sub(r"\1", part)
        named = _PART.match(part)
        if part.startswith("增加一"):
            out.append(f"在{article}{paragraph if '增加一项' in part else ''}中{part}")
        elif named:
            within = paragraph if named.group(1).endswith("项") else ""
            out.append(f"将{article}{within}{part.removeprefix('原')}")
        else:
            out.append(part)
    return out
