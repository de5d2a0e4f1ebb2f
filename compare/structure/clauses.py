"""The sub-provision tree of one provision: 款 (paragraphs), 项 (items), 目 (sub-items).

Chinese drafting practice: an article's lines are its 款; a line numbered （一） is a 项
that belongs to the 款 before it; a line numbered 1. under a 项 is a 目. The first
unnumbered line after a list starts the next 款 ("前款" refers to it). Numbering styles
rank from outer to inner as ``一、`` > ``（一）`` > ``1.`` > ``（1）`` > ``①``; the first
style met under a paragraph is its item level and any inner style nests below the nearest
outer one, so a text that lists with ``1.`` directly under a paragraph gets items, not
sub-items.

A list written without numbers (…由下列人员组成：/委员长，/副委员长若干人，/委员若干人。, as
the 宪法 does) is items of the 款 that introduces it, not 款 of their own: short lines after a
line ending ：, each ending ， ； or 、, the last ending 。 (``unnumbered_list``).
"""

from __future__ import annotations

import re

from ..model import Clause
from ..numerals import chinese_to_int

_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cn", re.compile(r"^([一二三四五六七八九十百]+)\s*[、．]\s*")),
    ("paren_cn", re.compile(r"^[（(]\s*([一二三四五六七八九十百]+)\s*[）)]\s*")),
    ("arabic", re.compile(r"^([0-9０-９]{1,3})\s*(?:[、．]|\.(?![0-9０-９]))\s*")),
    ("paren_ar", re.compile(r"^[（(]\s*([0-9０-９]{1,3})\s*[）)]\s*")),
    ("circled", re.compile(r"^([\u2460-\u2473])\s*")),
)
_UNNUMBERED_RANK = 0  # an unnumbered list is the only list of its 款
_RANK = {name: rank for rank, (name, _) in enumerate(_MARKERS)}
_FIRST = frozenset("一二三四五六七八九十百（(0123456789０１２３４５６７８９" + "".join(map(chr, range(0x2460, 0x2474))))


def marker(line: str) -> tuple[str, str, str] | None:
    """``(style, number as written, rest)`` when ``line`` starts with a list number."""
    if not line or line[0] not in _FIRST:
        return None
    for style, pattern in _MARKERS:
        match = pattern.match(line)
        if match:
            return style, match.group(0).strip(), line[match.end():]
    return None


_INLINE = re.compile(r"(?<=[：:；;，,。])[（(]([一二三四五六七八九十]+)[）)]")


def inline_items(line: str) -> list[str]:
    """A paragraph that lists its items inline (…：（一）…；（二）…) cut into the lead-in and
    one piece per item; the line itself when it does not run （一）, （二）… after a colon."""
    cuts: list[int] = []
    for match in _INLINE.finditer(line):
        if chinese_to_int(match.group(1)) == len(cuts) + 1 and (cuts or line[match.start() - 1] in "：:"):
            cuts.append(match.start())
    if len(cuts) < 2:
        return [line]
    bounds = [0, *cuts, len(line)]
    return [line[a:b] for a, b in zip(bounds, bounds[1:]) if line[a:b]]


UNNUMBERED_MAX = 25  # characters of a line in a list written without numbers


def unnumbered_list(lines: list[str]) -> set[int]:
    """Indices of the lines that are items of a list written without numbers."""
    out: set[int] = set()
    for i, line in enumerate(lines[:-2]):
        if not line.rstrip().endswith(("：", ":")) or marker(line):
            continue  # a numbered 项 introducing a list: its lines stay as they are
        run = []
        for j in range(i + 1, len(lines)):
            text = lines[j].strip()
            if not text or len(text) > UNNUMBERED_MAX or marker(text) or text.endswith(("：", ":")):
                break
            run.append(j)
            if text.endswith("。"):
                break
            if not text.endswith(("，", "；", "、", ",", ";")):
                run = []
                break
        if len(run) >= 2 and lines[run[-1]].strip().endswith("。"):
            out.update(run)
    return out


def build_clauses(provision_id: str, paragraphs: tuple[str, ...] | list[str]) -> tuple[Clause, ...]:
    """The provision's clause tree, flattened in pre-order, with ids under ``provision_id``.

    Items listed inline in one line (…：（一）…；（二）…) count as if each had its own line.
    """
    paragraphs = [piece for line in paragraphs for piece in inline_items(line)]
    listed = unnumbered_list(paragraphs)
    out: list[Clause] = []
    paragraph_id: str | None = None
    paragraphs_seen = 0
    stack: list[tuple[str, str]] = []  # open list levels: (style, clause id)
    children: dict[str, int] = {}  # parent id -> number of children so far
    for n, line in enumerate(paragraphs):
        found = marker(line) or (("unnumbered", "", line) if n in listed else None)
        if found is None:
            paragraphs_seen += 1
            paragraph_id = f"{provision_id}/p{paragraphs_seen}"
            out.append(Clause(paragraph_id, "paragraph", "", line))
            stack = []
            continue
        style, number, rest = found
        if paragraph_id is None:  # a list before any paragraph: an empty lead-in paragraph
            paragraphs_seen = 1
            paragraph_id = f"{provision_id}/p1"
            out.append(Clause(paragraph_id, "paragraph", "", ""))
        while stack and _RANK.get(stack[-1][0], _UNNUMBERED_RANK) >= _RANK.get(style, _UNNUMBERED_RANK):
            stack.pop()
        parent = stack[-1][1] if stack else paragraph_id
        count = children.get(parent, 0) + 1
        children[parent] = count
        depth = len(stack) + 1
        clause_id = f"{parent}/{'i' if depth == 1 else 's'}{count}"
        out.append(Clause(clause_id, "item" if depth == 1 else "subitem", number, rest))
        stack.append((style, clause_id))
    return tuple(out)
