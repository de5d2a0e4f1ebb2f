"""Draft the heading instructions that give the amended text NEW's outline.

``draft_outline(old, new, instructions, lexer) -> (heading instructions, instructions)``.
The article instructions are applied first, without heading instructions: that puts
OLD's heading lines over the amended provisions (``outline.layout``), the provisions
being NEW's in NEW's order. Then, level by level (编, 分编, 章, 节), OLD's numbered heading
lines are matched with NEW's:

1. a line of each standing before the same provision is the same heading: renamed
   (将第X章的章名修改为“…”) if its title changed;
2. of the rest, lines with the same title (whitespace aside), in order, are one heading
   moved: 将第X章的章名移至第N条前 (第N条 kept; a heading so placed stands before the
   articles added 在第N条前 too);
3. OLD's lines left are deleted (删去第X章的章名), NEW's left are added: over kept articles
   将第N条至第M条作为第Y章，章名为“…” (M the last old article under it), before an added
   one inside its quoted text (``Instruction.headings``).

Headings without a number (a bare 附则) are left as they are; the renumbering of headings
is implied (作相应调整), never an instruction.
"""

from __future__ import annotations

from dataclasses import replace

from ..jurisdiction import JurisdictionLexer
from ..model import Document, Provision
from .apply import Amended, apply_decision
from ..instrument.headings import LEVELS, WORDS, Heading, Key, old_headings, resolve, split_heading
from .lines import normalise
from ..instrument.numbering import provision_key
from ..instrument.model import HEADING_KINDS, PREAMBLE, ArticleKey, Decision, Instruction, target_at
from ..numerals import cn
from .outline import Line, written_heading, outline_of

Placed = list[tuple[int, Line]]  # (index in the amended provisions, heading line)


def draft_outline(old: Document, new: Document, instructions: list[Instruction],
                  lexer: JurisdictionLexer) -> tuple[list[Instruction], list[Instruction]]:
    """The heading instructions, and ``instructions`` with the headings of added articles set."""
    plain = [ins for ins in instructions if ins.kind not in HEADING_KINDS]
    amended = apply_decision(old, Decision("", plain), lexer)
    wanted, provisions = new_outline(new, amended)
    addresses = {head.key: head.address for head in old_headings(old)}
    headings: list[Instruction] = []
    opened: dict[ArticleKey, list[tuple[str, str]]] = {}  # added article → (heading line, its address)
    for level in LEVELS:
        have = [(i, line) for i, lines in enumerate(amended.outline) for line in lines
                if line.level == level and _numbered(line)]
        want = [(i, line) for i, lines in enumerate(wanted) for line in lines
                if line.level == level and _numbered(line)]
        _match(have, want, amended, addresses, provisions, wanted, headings, opened)
    out = [_opening(ins, opened[ins.place]) if ins.kind == "add_article" and ins.place in opened
           else ins for ins in plain]
    return headings, out


def new_outline(new: Document, amended: Amended) -> tuple[list[tuple[Line, ...]], dict[int, Provision]]:
    """NEW's heading lines, each before the amended provision that is NEW's provision there,
    and NEW's provision at each index."""
    index = {PREAMBLE if number is None else number: i for i, number in enumerate(amended.numbers())}
    out: list[tuple[Line, ...]] = [() for _ in amended.provisions]
    provisions: dict[int, Provision] = {}
    for prov, lines in zip(new.provisions, outline_of(new)):
        n = provision_key(prov)
        if prov.kind in ("article", "item", "preamble") and n in index:
            out[index[n]] += lines
            provisions[index[n]] = prov
    return out, provisions


def _numbered(line: Line) -> bool:
    return split_heading(line.text)[0] is not None


def _title(line: Line) -> str:
    return normalise(split_heading(line.text)[2]).replace(" ", "")


def _match(have: Placed, want: Placed, amended: Amended, addresses: dict[Key, str],
           provisions: dict[int, Provision], wanted: list[tuple[Line, ...]], headings: list[Instruction],
           opened: dict[ArticleKey, list[tuple[str, str]]]) -> None:
    """Instructions turning the ``have`` lines of one level into the ``want`` lines."""
    at = {i: line for i, line in have}
    left_have = [(i, line) for i, line in have if i not in {j for j, _ in want}]
    left_want: Placed = []
    for i, line in want:
        mine = at.get(i)
        if mine is None:
            left_want.append((i, line))
        elif _title(mine) != _title(line) and _title(line):
            headings.append(Instruction("rename_heading", (), new=split_heading(line.text)[2],
                                        heading=addresses[mine.key]))
    lead_at = {j: n for n, j in amended.leads.items()}
    numbers = amended.numbers()
    for i, line in left_want:
        same = next((k for k, (_, mine) in enumerate(left_have) if _title(mine) == _title(line)), None)
        origin = lead_at.get(i)  # a heading placed before 第N条 stands before the articles added 在第N条前
        if same is not None and origin is not None:
            _, mine = left_have.pop(same)
            headings.append(Instruction("move_heading", (target_at(origin),), heading=addresses[mine.key]))
        elif origin is not None and amended.origins[i] not in (None, PREAMBLE):  # over kept articles (one
            last = _last_under(i, line.level, wanted, amended.origins)  # opening at an added one: in its text)
            span = (target_at(origin),) if last == origin else (target_at(origin), target_at(last))
            headings.append(Instruction("add_heading", span, new=split_heading(line.text)[2],
                                        heading=_new_address(line, provisions[i])))
        elif amended.origins[i] is None:
            number, _, title = split_heading(line.text)
            text = written_heading(line.level, number or 0, title, "\u3000")  # spaced as 第N条　in the quote
            opened.setdefault(numbers[i] or PREAMBLE, []).append((text, _new_address(line, provisions[i])))
    headings.extend(Instruction("delete_heading", (), heading=addresses[mine.key]) for _, mine in left_have)


def _last_under(index: int, level: str, outline: list[tuple[Line, ...]],
                origins: list[ArticleKey | None]) -> ArticleKey:
    """The last old article under a heading of ``level`` standing before provision ``index``."""
    rank = LEVELS.index(level)
    end = next((k for k in range(index + 1, len(outline)) if any(LEVELS.index(x.level) <= rank for x in outline[k])),
               len(outline))
    return max(o for o in origins[index:end] if o not in (None, PREAMBLE))


def _opening(ins: Instruction, lines: list[tuple[str, str]]) -> Instruction:
    """An added article with the heading lines opening before it; ``heading`` is the
    address of the outermost one (作为第二章第三节)."""
    return replace(ins, headings=tuple(text for text, _ in lines), heading=lines[0][1])


def _new_address(line: Line, prov: Provision) -> str:
    """作为第二章第三节: the heading with the levels above it as NEW numbers them (a 节 with its
    章, a 章 with its 编 in a text of 编, whose 章 may be numbered afresh in each)."""
    own = f"第{cn(split_heading(line.text)[0] or 0)}{WORDS[line.level]}"
    above = []
    for upper in LEVELS[:LEVELS.index(line.level)]:
        number = split_heading(getattr(prov, upper) or "")[0]
        if number is not None and (upper == "part" or LEVELS.index(upper) == LEVELS.index(line.level) - 1):
            above.append(f"第{cn(number)}{WORDS[upper]}")
    return "".join(above) + own


def heading_place(ins: Instruction, heads: list[Heading]) -> ArticleKey:
    """The old article before whose instructions a heading instruction goes: the one an
    added heading stands before, else the first under the old heading."""
    if ins.kind == "add_heading":
        return ins.targets[0].key
    head = resolve(ins.heading, heads)
    return head.first if head else PREAMBLE
