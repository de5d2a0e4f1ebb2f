"""Headings of 编 / 分编 / 章 / 节 in amending instructions: addresses, renames, whole deletions.

A heading is identified by its level and its *path*, the heading strings of its own and
every enclosing level (``key``), since one title ("第一节 一般规定") may occur in several
chapters. Instructions address it as written in the old text, with as few enclosing
levels as keep the address unique (a 节 always with its 章, a 分编 with its 编, whose
numbering they restart): 第二章, 第二章第一节, 第二编第一章.

- ``old_headings(document)``: the headings in order, each with its address.
- ``articles_under`` / ``whole_headings``: the articles under a heading, and the headings
  a set of deleted articles covers whole (删去第X章).
- ``heading_renames(document, instructions)``: what ``apply`` does with them: old heading
  key → new heading string (``InputError`` naming the instruction if none matches).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import InputError
from ..model import Document, Provision
from .model import ArticleKey, Instruction
from ..numerals import HEADING, chinese_to_int, cn
from .numbering import NUM, provision_key

LEVELS = ("part", "subpart", "chapter", "section")
WORDS = {"part": "编", "subpart": "分编", "chapter": "章", "section": "节"}
LEVEL_OF = {w: level for level, w in WORDS.items()}
EN_WORDS = {"part": "Part", "subpart": "Sub-part", "chapter": "Chapter", "section": "Section"}
ADDRESS = rf"(?:第{NUM}(?:分编|编|章|节))+"
_PART = re.compile(rf"第({NUM})(分编|编|章|节)")

Key = tuple[str, tuple[str | None, ...]]  # (level, heading strings of the levels up to it)


@dataclass(frozen=True)
class Heading:
    """One heading of the old text: its key, its number path and its first article."""

    key: Key
    text: str  # as the parser gives it: "第二章 行政复议范围"
    numbers: tuple[tuple[str, int], ...]  # (level, number) of itself and its enclosing headings
    first: ArticleKey  # the first provision under it (``provision_key``)
    address: str = ""  # 第二章第一节, unique in the text

    @property
    def level(self) -> str:
        return self.key[0]


def split_heading(text: str) -> tuple[int | None, str, str]:
    """"第二章 管理" → (2, "第二章 ", "管理"): the number, the prefix kept on a rename, the title."""
    m = HEADING.match(text.strip())
    if not m:
        return None, "", text.strip()
    return chinese_to_int(m.group(1)), m.string[:m.end(2)] + (m.group(3) or " "), m.group(4).strip()


_PART_TITLE = re.compile(r"^([一二三四五六七八九十百]+)、\s*(\S.*)$")


def split_any_heading(text: str) -> tuple[int | None, str, str]:
    """``split_heading``, and "一、买卖合同的成立" → (1, "一、", "买卖合同的成立"): the parts of a
    司法解释 headed 一、二、… (第一部分), which instructions address by number or by their text."""
    found = split_heading(text)
    m = _PART_TITLE.match(text.strip()) if found[0] is None else None
    return (chinese_to_int(m.group(1)), m.group(1) + "、", m.group(2).strip()) if m else found


def heading_parts(text: str) -> tuple[str, str, str] | None:
    """"第二章　管理" → ("第二章", "chapter", "　"): the heading's numbered name, its level and
    what separates it from the title (a space when nothing does); None for no numbered heading."""
    m = HEADING.match(text.strip())
    if not m:
        return None
    return m.string[:m.end(2)], LEVEL_OF[m.group(2)], m.group(3) or " "


def heading_key(prov: Provision, level: str) -> Key | None:
    """The key of ``prov``'s heading at ``level``, None if it has none there."""
    if not getattr(prov, level):
        return None
    upto = LEVELS[:LEVELS.index(level) + 1]
    return level, tuple(getattr(prov, x) for x in upto)


def old_headings(document: Document) -> list[Heading]:
    """The numbered headings of ``document`` in order, each with its unique address."""
    found: dict[Key, Heading] = {}
    for prov in document.provisions:
        if prov.kind not in ("article", "item", "preamble"):
            continue
        for level in LEVELS:
            key = heading_key(prov, level)
            if key is None or key in found:
                continue
            numbers = []
            for upper in LEVELS[:LEVELS.index(level) + 1]:
                value = getattr(prov, upper)
                n = split_any_heading(value)[0] if value else None
                if value and n is not None:
                    numbers.append((upper, n))
            if numbers and numbers[-1][0] == level:
                found[key] = Heading(key, getattr(prov, level), tuple(numbers), provision_key(prov))
    heads = list(found.values())
    return [_addressed(h, heads) for h in heads]


def _written(numbers: tuple[tuple[str, int], ...]) -> str:
    return "".join(f"第{cn(n)}{WORDS[level]}" for level, n in numbers)


def _addressed(head: Heading, heads: list[Heading]) -> Heading:
    """``head`` with the shortest address (its number, then enclosing ones) unique among ``heads``."""
    same_level = [h for h in heads if h.level == head.level]
    least = 2 if head.level in ("section", "subpart") and len(head.numbers) > 1 else 1  # 节 restart per 章
    for k in range(least, len(head.numbers) + 1):
        suffix = head.numbers[-k:]
        if sum(1 for h in same_level if h.numbers[-k:] == suffix) == 1:
            return Heading(head.key, head.text, head.numbers, head.first, _written(suffix))
    return Heading(head.key, head.text, head.numbers, head.first, _written(head.numbers))


def address_numbers(address: str) -> tuple[tuple[str, int], ...]:
    """第二章第一节 → (("chapter", 2), ("section", 1))."""
    return tuple((LEVEL_OF[w], chinese_to_int(n) or 0) for n, w in _PART.findall(address))


def name_word(address: str) -> str:
    """The name of the addressed heading: 章名 for 第二章, 节名 for 第二章第一节."""
    numbers = address_numbers(address)
    return WORDS[numbers[-1][0]] + "名" if numbers else "章名"


def en_address(address: str) -> str:
    """第二章第一节 → "Chapter 2, Section 1"."""
    return ", ".join(f"{EN_WORDS[level]} {n}" for level, n in address_numbers(address))


def resolve(address: str, heads: list[Heading]) -> Heading | None:
    """The one heading ``address`` names (its numbers a suffix of the heading's path), else None."""
    wanted = address_numbers(address)
    if not wanted:
        return None
    found = [h for h in heads if h.level == wanted[-1][0] and h.numbers[-len(wanted):] == wanted]
    return found[0] if len(found) == 1 else None


def heading_renames(document: Document, instructions: list[Instruction],
                    shown: Callable[[Instruction], str]) -> dict[Key, str]:
    """Old heading key → the heading as renamed; ``shown(ins)`` words an error."""
    heads = old_headings(document)
    out: dict[Key, str] = {}
    for ins in instructions:
        if ins.kind != "rename_heading":
            continue
        head = resolve(ins.heading, heads)
        if head is None:
            raise InputError(None, "amend_no_heading", instruction=shown(ins), unit=ins.heading)
        if head.key in out:
            raise InputError(None, "amend_conflict", instruction=shown(ins))
        out[head.key] = split_heading(head.text)[1] + ins.new
    return out


def articles_under(document: Document, head: Heading) -> list[ArticleKey]:
    """The keys of the articles (or items) under ``head``."""
    return [provision_key(p) for p in document.provisions
            if p.kind in ("article", "item") and p.ordinal is not None and heading_key(p, head.level) == head.key]


def whole_headings(document: Document, articles: set[ArticleKey]) -> list[Heading]:
    """The headings all of whose articles are in ``articles``, outermost first (a 节 not
    when its 章 is one of them)."""
    out: list[Heading] = []
    for head in sorted(old_headings(document), key=lambda h: (h.first, LEVELS.index(h.level))):
        under = set(articles_under(document, head))
        if under and under <= articles and not any(set(articles_under(document, h)) >= under for h in out):
            out.append(head)
    return out
