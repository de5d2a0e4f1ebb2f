"""The heading lines (编 / 分编 / 章 / 节) of an amended text, and what changes them.

A text's outline is its heading lines in reading order, each standing before the
provision it opens. ``apply`` first writes OLD's headings over the amended provisions
(each provision under the headings of the old provision it continues: ``layout``), then
``reshape`` carries out the heading instructions on that outline:

- ``rename_heading``: the line keeps its place, its title changes;
- ``delete_heading``: the line goes; its provisions fall under the heading before it;
- ``move_heading``: the line goes to stand before 第N条 (an old article kept);
- ``add_heading``: a new line before 第N条; a heading opening at an added article is
  given with that article (``Instruction.headings``).

A heading left with no provision under it (all its articles deleted) is dropped. When the
shape changed (a heading added, deleted, moved or dropped), the numbered headings are
numbered afresh (作相应调整): each level counts on, restarting under a new heading of the
level above where the old text restarted (节 always restart in each 章).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..errors import InputError
from ..model import Document, Provision
from ..instrument.headings import (
    LEVELS,
    WORDS,
    Heading,
    Key,
    address_numbers,
    heading_key,
    heading_parts,
    old_headings,
    resolve,
    split_any_heading,
    split_heading,
)
from ..instrument.model import ArticleKey, Instruction, target_at
from ..instrument.numbering import address
from ..numerals import cn


@dataclass(frozen=True)
class Line:
    """One heading line: its level, its text ("第二章 行政复议申请") and, for a heading of
    the old text, its key."""

    level: str
    text: str
    key: Key | None = None


Outline = list[tuple[Line, ...]]  # per provision: the heading lines standing before it


def layout(unders: list[Provision | None]) -> Outline:
    """The heading lines before each provision written under the headings of ``unders``
    (a heading line wherever the heading path changes)."""
    out: Outline = []
    current: dict[str, str | None] = {level: None for level in LEVELS}
    for prov in unders:
        lines: list[Line] = []
        changed = False
        for level in LEVELS:
            value = getattr(prov, level) if prov is not None else current[level]
            if value != current[level] or (changed and value):
                changed = True
                current[level] = value
                if value and prov is not None:
                    lines.append(Line(level, value, heading_key(prov, level)))
        out.append(tuple(lines))
    return out


def outline_of(document: Document) -> Outline:
    """The outline of a parsed text, one entry per provision."""
    return layout(list(document.provisions))


def _rank(level: str) -> int:
    return LEVELS.index(level)


def _insert(lines: tuple[Line, ...], line: Line) -> tuple[Line, ...]:
    """``lines`` with ``line`` among them in level order (after lines of its own level)."""
    at = next((i for i, x in enumerate(lines) if _rank(x.level) > _rank(line.level)), len(lines))
    return lines[:at] + (line,) + lines[at:]


def _separator(document: Document) -> str:
    """What the old text writes between a heading's number and its title."""
    return next((parts[2] for head in old_headings(document) if (parts := heading_parts(head.text))), " ")


def written_heading(level: str, number: int, title: str, separator: str = " ") -> str:
    """A heading as a decision writes it: 第三章 + separator + title (``structure.lines.heading_text``
    is the other way: a parsed heading normalised for display)."""
    return f"第{cn(number)}{WORDS[level]}{separator}{title}"


@dataclass
class Anchors:
    """Where the amended provisions came from: old article key → index in the outline."""

    of_old: dict[ArticleKey, int]
    lead: dict[ArticleKey, int] = field(default_factory=dict)  # old article → first of the articles added 在其前


def reshape(document: Document, outline: Outline, anchors: Anchors, instructions: list[Instruction],
            opened: dict[int, tuple[str, ...]], shown: Callable[[Instruction], str]) -> Outline:
    """``outline`` (OLD's headings over the amended provisions) with the heading instructions
    and the headings ``opened`` by added provisions (index → heading texts) carried out:
    renames first, then every heading deleted or moved is taken out, then the moved and
    added ones are put in, so the order of the instructions does not matter."""
    heads = old_headings(document)
    out = [list(lines) for lines in outline]
    where = {line.key: i for i, lines in enumerate(out) for line in lines if line.key}
    renamed = _rename(out, where, heads, instructions, shown)
    moving = _take_out(out, where, heads, instructions, renamed, shown)
    separator = _separator(document)
    for ins, line in moving:
        _put(out, _anchor(ins, anchors, shown), line, ins, shown)
    for ins in (x for x in instructions if x.kind == "add_heading"):
        level = _added_level(ins)
        _put(out, _anchor(ins, anchors, shown), Line(level, written_heading(level, 1, ins.new, separator)), ins, shown)
    for i, texts in opened.items():
        for text in texts:
            parts, (number, _, title) = heading_parts(text), split_heading(text)
            level = parts[1] if parts else None
            if level is not None:  # spaced as the old text spaces its headings
                _put(out, i, Line(level, written_heading(level, number or 0, title, separator)), None, shown)
    _check_spans(out, anchors, instructions, shown)
    done = [tuple(lines) for lines in out]
    kept = _without_empty(done)
    vanished = {h.key for h in heads} - set(where)  # all their articles deleted
    reshaped = any(x.kind in ("delete_heading", "move_heading", "add_heading") for x in instructions)
    if reshaped or opened or vanished or kept != done:
        return _renumbered(kept, _restarts(outline_of(document)))
    return kept


def _rename(out: list[list[Line]], where: dict[Key, int], heads: list[Heading], instructions: list[Instruction],
            shown: Callable[[Instruction], str]) -> set[Key]:
    """将第X章的章名修改为: each renamed line keeps its place; the keys renamed."""
    renamed: set[Key] = set()
    for ins in (x for x in instructions if x.kind == "rename_heading"):
        key = _present(ins, heads, where, shown).key
        current = next(x for x in out[where[key]] if x.key == key)
        if ins.old and split_any_heading(current.text)[2] != ins.old:  # 章名“A”修改为“B”: A must be its name
            raise InputError(None, "amend_text_missing", instruction=shown(ins), unit=ins.heading, text=ins.old)
        out[where[key]] = [replace(x, text=split_any_heading(x.text)[1] + ins.new) if x.key == key else x
                           for x in out[where[key]]]
        renamed.add(key)
    return renamed


def _take_out(out: list[list[Line]], where: dict[Key, int], heads: list[Heading], instructions: list[Instruction],
              renamed: set[Key], shown: Callable[[Instruction], str]) -> list[tuple[Instruction, Line]]:
    """The lines deleted or moved taken out of ``out``; the moved ones with their instruction.
    A heading deleted or moved twice, or renamed and deleted, is ambiguous: refused."""
    moving: list[tuple[Instruction, Line]] = []
    taken: set[Key] = set()
    for ins in (x for x in instructions if x.kind in ("delete_heading", "move_heading")):
        key = _present(ins, heads, where, shown).key
        if key in taken or (ins.kind == "delete_heading" and key in renamed):
            raise InputError(None, "amend_heading_conflict", instruction=shown(ins))
        taken.add(key)
        line = next(x for x in out[where[key]] if x.key == key)
        out[where[key]].remove(line)
        if ins.kind == "move_heading":
            moving.append((ins, line))
    return moving


def _check_spans(out: list[list[Line]], anchors: Anchors, instructions: list[Instruction],
                 shown: Callable[[Instruction], str]) -> None:
    """将第X条至第Y条作为第Z章: the new heading must end at 第Y条 (the last old article under it)."""
    origin_at = {i: n for n, i in anchors.of_old.items()}
    for ins in (x for x in instructions if x.kind == "add_heading" and len(x.targets) > 1):
        start, rank = _anchor(ins, anchors, shown), _rank(_added_level(ins))
        end = next((k for k in range(start + 1, len(out)) if any(_rank(x.level) <= rank for x in out[k])), len(out))
        last = max(origin_at[k] for k in range(start, end) if k in origin_at)
        if last != ins.targets[-1].key:
            raise InputError(None, "amend_heading_span", instruction=shown(ins), unit=address(target_at(last)))


def _present(ins: Instruction, heads: list[Heading], where: dict[Key, int],
             shown: Callable[[Instruction], str]) -> Heading:
    """The old heading ``ins`` names, standing somewhere in the amended text."""
    head = _resolved(ins, heads, shown)
    if head.key not in where:
        raise InputError(None, "amend_heading_empty", instruction=shown(ins), unit=ins.heading)
    return head


def _put(out: list[list[Line]], index: int, line: Line, ins: Instruction | None,
         shown: Callable[[Instruction], str]) -> None:
    """``line`` before provision ``index``, in level order; refused where a heading of the
    same level already stands there (one of the two would be left empty)."""
    if any(x.level == line.level for x in out[index]):
        raise InputError(None, "amend_heading_conflict", instruction=shown(ins) if ins else line.text)
    out[index] = list(_insert(tuple(out[index]), line))


def _resolved(ins: Instruction, heads: list[Heading], shown: Callable[[Instruction], str]) -> Heading:
    head = resolve(ins.heading, heads)
    if head is None:
        raise InputError(None, "amend_no_heading", instruction=shown(ins), unit=ins.heading)
    return head


def _anchor(ins: Instruction, anchors: Anchors, shown: Callable[[Instruction], str]) -> int:
    """The outline index of the old article a heading is placed before (kept by the decision)."""
    article = ins.targets[0].key if ins.targets else None
    if article is None or article not in anchors.of_old:
        raise InputError(None, "amend_heading_anchor", instruction=shown(ins))
    return anchors.lead.get(article, anchors.of_old[article])


def _added_level(ins: Instruction) -> str:
    numbers = address_numbers(ins.heading)
    return numbers[-1][0] if numbers else "chapter"


def _without_empty(outline: Outline) -> Outline:
    """Heading lines with no provision under them (before the next line of their level or
    above) removed."""
    flat: list[tuple[int, Line | None]] = []
    for i, lines in enumerate(outline):
        flat.extend((i, line) for line in lines)
        flat.append((i, None))
    empty: set[int] = set()
    for k, (_, line) in enumerate(flat):
        if line is None:
            continue
        for _, later in flat[k + 1:]:
            if later is None:
                break
            if _rank(later.level) <= _rank(line.level):
                empty.add(id(line))
                break
        else:
            empty.add(id(line))
    return [tuple(x for x in lines if id(x) not in empty) for lines in outline]


def _restarts(outline: Outline) -> dict[str, bool]:
    """For each level: whether the old text numbers it afresh under each heading above it."""
    out = {level: level in ("subpart", "section") for level in LEVELS}
    seen: dict[str, int] = {}
    for lines in outline:
        for line in lines:
            rank = _rank(line.level)
            for upper in LEVELS[:rank]:
                if seen.get(upper, 0) > 1 and line.level not in ("subpart", "section"):
                    number = split_heading(line.text)[0]
                    if number == 1:
                        out[line.level] = True
            seen[line.level] = seen.get(line.level, 0) + 1
    return out


def _renumbered(outline: Outline, restarts: dict[str, bool]) -> Outline:
    """The numbered heading lines numbered 1, 2, … per level (作相应调整)."""
    counts = {level: 0 for level in LEVELS}
    out: Outline = []
    for lines in outline:
        new_lines = []
        for line in lines:
            rank = _rank(line.level)
            for lower in LEVELS[rank + 1:]:
                if restarts[lower]:
                    counts[lower] = 0
            parts, (_, _, title) = heading_parts(line.text), split_heading(line.text)
            if parts is None:
                new_lines.append(line)
                continue
            counts[line.level] += 1
            new_lines.append(replace(line, text=written_heading(line.level, counts[line.level], title, parts[2])))
        out.append(tuple(new_lines))
    return out
