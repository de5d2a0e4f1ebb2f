"""A 修正案 numbered by its own articles, as the 宪法修正案 are, read into instructions.

The 宪法修正案 number their changes as articles running on from one 修正案 to the next
(第三十二条 宪法序言第七自然段中…, 第五十二条 宪法第三章…) and word them their own way:

- ``宪法第三条第三款“A”修改为：“B”`` (also ``宪法第七条：“A”修改为：“B”``): the words A of that
  unit become B; several quoted 款 (``“A”“A2”修改为：“B”“B2”“B3”``) replace the unit whole;
- ``在“E”前增写“F”``, ``“E”后增加“F”``, ``“E”后增写一句，内容为：“F”``, ``末尾增加：“F”``;
- ``这一自然段相应修改为：“…”`` (also 这一款 / 这一条): the unit's whole new text. The edits
  before it then only say what changed: each old phrase must stand in the unit and each new
  one in the whole text, or the 修正案 is refused as inconsistent;
- ``第六十二条“…下列职权”中增加一项，作为第七项“（七）…”，第七项至第十五项相应改为第八项至第十六项``,
  ``第六十七条“…”中第六项“（六）A”修改为“（六）B”``, ``增加一款，作为第三款：“…”``,
  ``增加规定：“…”`` (a 款 at the end);
- ``第四章章名“A”修改为“B”``;
- ``第三章“国家机构”中增加一节，作为第七节“监察委员会”；增加五条，分别作为第一百二十三条至第一百二十七条。内容如下：``
  followed by the section's heading and articles, unquoted, and ``第七节相应改为第八节，…相应改为…``.

The tails ``…相应改为…`` say what renumbering the addition implies; each must agree with it
(the same shift), else the 修正案 is refused. ``article_style(lines)`` tells whether a text is
written this way; ``article_instructions(lines)`` gives its instructions and the lines outside
them (title, adoption), or ``InputError`` naming the sentence not read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..errors import InputError
from ..instrument.model import WHOLE_UNIT, Instruction, Target, unnest_quotes, with_quotes
from ..instrument.numbering import NUM
from ..numerals import chinese_to_int
from .quoting import open_quote, quote_depths, short

_LAW = r"[\u4e00-\u9fff]{0,16}?法"
_UNIT_START = rf"(?=序言|第{NUM}(?:条|章))"
_OPENING = re.compile(rf"^第{NUM}条[\s\u3000]+({_LAW}){_UNIT_START}")
_FURTHER = re.compile(rf"^({_LAW}){_UNIT_START}")
_TAIL = re.compile(r"相应(?:地)?改为")
_UNIT = re.compile(rf"^(?:序言(?:第({NUM})自然段)?|第({NUM})条(?:第({NUM})款)?|第({NUM})章)")
# what may stand between a unit and what is done to it: a quoted locator (“…下列职权”中), the
# words naming a list (全国人民代表大会常务委员会职权), a sentence (第二句, 后两句), a colon
_LOCATOR = re.compile(rf"^(?:“[^“”]*”中|[^“”：:，。；第]{{2,24}}(?=第{NUM}项)|第[一二三四五六七八九十]+句|后[两二三]句|中)?[：:]?")
_Q = r"“([^“”]*)”"
_QM = r"“((?:[^“”]|\n“)*)”"  # a quoted text over several lines, each further line opening “
_PREDICATES = [
    ("item_substitute", re.compile(rf"^第({NUM})项{_Q}(?:修改|改)为[：:]?{_Q}$")),
    ("substitute", re.compile(r"^((?:“[^“”]*”)+)(?:修改|改)为[：:]?((?:“[^“”]*”)+)$")),
    ("insert_before", re.compile(rf"^在{_Q}前增写{_Q}$")),
    ("insert_text", re.compile(rf"^{_Q}(?:之)?后(?:增加|增写一句[，,]内容为[：:]?)[：:]?{_Q}$")),
    ("append", re.compile(rf"^末尾增加[：:]?{_Q}$")),
    ("add_paragraph", re.compile(rf"^增加一款[，,]作为第({NUM})款(?:[，,]规定)?[：:]?{_QM}$")),
    ("add_last_paragraph", re.compile(rf"^增加规定[：:]?{_QM}$")),
    ("add_item", re.compile(rf"^增加一项[，,]作为第({NUM})项[：:]?{_Q}$")),
    ("whole", re.compile(rf"^这一(?:自然段|款|条)相应(?:地)?修改为[：:]?{_Q}$")),
    ("rename_heading", re.compile(rf"^章名{_Q}(?:修改|改)为{_Q}$")),
    ("renumbered", re.compile(rf"^第({NUM})(款|项|节)(?:[至、]第({NUM})\2)?相应(?:地)?改为第({NUM})\2(?:[至、]第({NUM})\2)?$")),
]
_SECTION = re.compile(rf"^增加一节[，,]作为第({NUM})节{_Q}$")
_ARTICLES = re.compile(rf"^增加({NUM})条[，,](?:分别)?作为第({NUM})条(?:至第({NUM})条)?$")
_SHIFT = re.compile(rf"第({NUM})(节|条)(?:至第({NUM})\2)?相应(?:地)?改为第({NUM})\2(?:至第({NUM})\2)?")


@dataclass
class _Item:
    """One article of the 修正案 (or one further instruction inside it): its words after
    the law's name, and the unquoted content that follows ``内容如下：``."""

    body: str
    content: list[str] = field(default_factory=list)
    tail: str = ""


def article_style(lines: list[str]) -> bool:
    """Whether a text is a 修正案 numbered by articles that each name the law amended."""
    return any(_OPENING.match(line.strip()) for line in lines)


def article_instructions(lines: list[str], read_block: Callable[[str], list[Instruction]]
                         ) -> tuple[list[Instruction], list[str]]:
    """The instructions of a 修正案 numbered by articles, and the lines outside them;
    ``read_block`` reads an instruction in the decision forms (``parse.parse_instruction``),
    which an added section is rewritten into."""
    items, other = _items([line.strip() for line in lines if line.strip()])
    out: list[Instruction] = []
    for item in items:
        found = read_block(_section(item)) if item.content else _unit_instructions(item.body)
        out.extend(with_quotes(ins, unnest_quotes) for ins in found)
    return out, other


def _items(lines: list[str]) -> tuple[list[_Item], list[str]]:
    items: list[_Item] = []
    other: list[str] = []
    content = False
    for line in lines:
        if content:
            if _TAIL.search(line) and not re.match(rf"^第{NUM}条[\s\u3000]", line):
                items[-1].tail, content = line, False
            else:
                items[-1].content.append(line)
            continue
        if items and open_quote(items[-1].body):  # a quoted text goes on, whatever its lines start with
            items[-1].body += "\n" + line
            continue
        opening = _OPENING.match(line) or (_FURTHER.match(line) if items else None)
        if opening:
            items.append(_Item(line[opening.end(1):].strip()))
            content = items[-1].body.rstrip().endswith(("内容如下：", "内容如下:"))
        else:
            other.append(line)
    if content:
        raise InputError(None, "amend_bad_instruction", instruction=short(items[-1].body))
    return items, other


def _sentences(body: str) -> list[str]:
    """``body`` cut at 。 and ； outside quotes, and at ， before a renumbering tail or
    between two edits (“A”修改为“B”，“C”修改为“D”)."""
    body = re.sub(rf"”(?=第{NUM}(?:款|项)[^“”。；]*相应)", "”；", body)  # “…”第三款相应地改为第四款
    out, start = [], 0
    for i, (ch, depth) in enumerate(zip(body, quote_depths(body))):
        if depth:
            continue
        rest = body[i + 1:]
        if ch in "。；;" or (ch in "，," and _TAIL.search(rest.split("，")[0]) and re.match(rf"第{NUM}(?:款|项|节|条)", rest)) \
                or (ch in "，," and i and body[i - 1] == "”" and rest.startswith(("“", "在“"))):
            out.append(body[start:i])
            start = i + 1
    out.append(body[start:])
    return [s.strip() for s in out if s.strip()]


def _unit_instructions(body: str) -> list[Instruction]:
    """The instructions of one item: each sentence names its unit or keeps the one before."""
    steps: list[tuple[str, Target, re.Match[str], str, str]] = []
    unit: Target | None = None
    heading = locator = ""
    for sentence in _sentences(_law_dropped(body)):
        found = _UNIT.match(sentence)
        if found:
            unit, heading = _target(found), (f"第{found.group(4)}章" if found.group(4) else "")
            sentence = sentence[found.end():]
        located = _LOCATOR.match(sentence)
        quoted = re.match(r"^“([^“”]*)”中", located.group(0)) if located else None
        locator = quoted.group(1) if quoted else locator if not found else ""
        sentence = sentence[located.end():] if located else sentence
        kind, m = _predicate(sentence, body)
        if unit is None:
            raise InputError(None, "amend_bad_instruction", instruction=short(body))
        steps.append((kind, unit, m, heading, locator))
    return _resolved(steps, body)


def _law_dropped(body: str) -> str:
    """Further sentences naming the law again (。宪法第一百三十六条…) read as the first; the
    quoted texts are left as they are."""
    def drop(m: re.Match[str]) -> str:
        before = body[:m.start()]
        return m.group(0) if before.count("“") > before.count("”") else ""

    return re.sub(rf"(?<=[。；;])\s*{_LAW}{_UNIT_START}", drop, body)


def _target(found: re.Match[str]) -> Target:
    paragraph, article, clause, chapter = found.groups()
    if chapter:
        return Target(-2)  # a chapter: only its heading is addressed (章名)
    if article:
        return Target(chinese_to_int(article) or -3, chinese_to_int(clause) if clause else None)  # 第零条: no article
    return Target(0, chinese_to_int(paragraph) if paragraph else None)


def _predicate(sentence: str, body: str) -> tuple[str, re.Match[str]]:
    for kind, pattern in _PREDICATES:
        m = pattern.match(sentence.strip())
        if m:
            return kind, m
    raise InputError(None, "amend_bad_instruction", instruction=short(sentence or body))


def _resolved(steps: list[tuple[str, Target, re.Match[str], str, str]], body: str) -> list[Instruction]:
    """Instructions from the parsed sentences; a unit given whole (这一…相应修改为) takes the
    place of the edits on it, which it must agree with."""
    source = short(body)
    if any(kind == "whole" and unit.article < 0 for kind, unit, *_ in steps):
        raise InputError(None, "amend_bad_instruction", instruction=source)  # 第N章…这一条相应修改为
    wholes = {unit: m.group(1) for kind, unit, m, *_ in steps if kind == "whole"}
    out: list[Instruction] = []
    checks: dict[Target, list[str]] = {}
    for kind, unit, m, heading, locator in steps:
        if kind == "whole":
            continue
        if unit in wholes and kind in ("substitute", "insert_before", "insert_text", "append"):
            checks.setdefault(unit, []).extend(_agreed(kind, m, wholes[unit], source))
            continue
        if kind == "renumbered":
            out[-1:] = [_check_shift(m, out, source)]
            continue
        out.extend(_paragraphs_apart(_instruction(kind, unit, m, heading, locator, source)))
    for unit, text in wholes.items():
        out.append(Instruction("replace", (unit,), old="\n".join(checks.get(unit, [])), new=text, source=source))
    return out


def _agreed(kind: str, m: re.Match[str], whole: str, source: str) -> list[str]:
    """The old phrases of an edit the whole new text stands for, once its new phrase is
    found in that text (else the 修正案 contradicts itself)."""
    if kind == "substitute":
        olds, news = _quoted(m.group(1)), _quoted(m.group(2))
    elif kind == "append":
        olds, news = [], [m.group(1)]
    else:
        olds, news = [m.group(1)], [m.group(2)]
    if not all(unnest_quotes(n) in unnest_quotes(whole) for n in news):
        raise InputError(None, "amend_bad_instruction", instruction=source)
    return olds


def _quoted(text: str) -> list[str]:
    return re.findall(_Q, text)


def _instruction(kind: str, unit: Target, m: re.Match[str], heading: str, locator: str, source: str) -> Instruction:
    if kind == "rename_heading":
        if not heading:
            raise InputError(None, "amend_bad_instruction", instruction=source)
        return Instruction("rename_heading", (), old=m.group(1), new=m.group(2), heading=heading, source=source)
    if unit.article < 0:
        raise InputError(None, "amend_bad_instruction", instruction=source)
    if kind == "item_substitute":
        target = Target(unit.article, unit.paragraph, chinese_to_int(m.group(1)))
        return Instruction("substitute", (target,), old=m.group(2), new=m.group(3), source=source)
    if kind == "substitute":
        olds, news = _quoted(m.group(1)), _quoted(m.group(2))
        if len(olds) == len(news) == 1:
            return Instruction("substitute", (unit,), old=olds[0], new=news[0], source=source)
        # “A”“B”修改为：“C”“D”“E”: the 款 quoted are the unit's, all of them (checked when applied)
        return Instruction("replace", (unit,), old="\n".join(olds), new="\n".join(news), heading=WHOLE_UNIT,
                           source=source)
    if kind == "insert_before":
        return Instruction("substitute", (unit,), old=m.group(1), new=m.group(2) + m.group(1), source=source)
    if kind == "insert_text":
        return Instruction("insert_text", (unit,), old=m.group(1), new=m.group(2), source=source)
    if kind == "append":
        return Instruction("insert_text", (unit,), new=m.group(1), source=source)
    if kind == "add_item":  # “…下列职权”中增加一项: the 款 holding those words (checked when applied)
        return Instruction("add_item", (unit,), old=locator, new=m.group(2), position=chinese_to_int(m.group(1)),
                           source=source)
    position = chinese_to_int(m.group(1)) if kind == "add_paragraph" else None
    return Instruction("add_paragraph", (Target(unit.article, sub=unit.sub),), new=m.group(m.lastindex or 1),
                       position=position, source=source)


def _paragraphs_apart(ins: Instruction) -> list[Instruction]:
    """An added 款 quoted over several lines (增加规定：“甲。\n“乙。”) is as many 款, in order."""
    lines = [line.strip().removeprefix("“") for line in ins.new.split("\n") if line.strip()]
    if ins.kind != "add_paragraph" or len(lines) < 2:
        return [ins]
    start = ins.position
    return [replace(ins, new=line, position=None if start is None else start + k) for k, line in enumerate(lines)]


def _check_shift(m: re.Match[str], done: list[Instruction], source: str) -> Instruction:
    """第七项至第十五项相应改为第八项至第十六项: the 款 or 项 after the one just added move
    one on, which ``apply`` does anyway; refused unless that is what it says. The added
    one comes back with the last old number the tail names (``Instruction.last``), which
    ``apply`` checks is the last there is."""
    first, _, last, new_first, new_last = m.groups()
    added = done[-1] if done and done[-1].kind in ("add_item", "add_paragraph") else None
    numbers = [chinese_to_int(x) if x else None for x in (first, last, new_first, new_last)]
    ok = added is not None and numbers[0] == added.position and numbers[2] == (numbers[0] or 0) + 1 and \
        (numbers[1] is None) == (numbers[3] is None) and (numbers[1] is None or numbers[3] == numbers[1] + 1)
    if not ok or added is None:
        raise InputError(None, "amend_bad_instruction", instruction=source)
    return replace(added, last=numbers[1] or numbers[0])


def _section(item: _Item) -> str:
    """增加一节，作为第七节“…”；增加五条，分别作为第A条至第B条。内容如下：<the section> and its
    renumbering tail, written as the decision form of an added section (增加一节，作为第三章第七节：
    “第七节 …“第一百二十三条 …”) once the counts, numbers and shifts agree."""
    source = short(item.body)
    sentences = _sentences(_law_dropped(item.body).removesuffix("内容如下：").removesuffix("内容如下:"))
    unit = _UNIT.match(sentences[0]) if sentences else None
    section = _SECTION.match(_LOCATOR.sub("", sentences[0][unit.end():], count=1)) if unit and unit.group(4) else None
    articles = _ARTICLES.match(sentences[1]) if len(sentences) == 2 else None
    if not (section and articles):
        raise InputError(None, "amend_bad_instruction", instruction=source)
    number, name = section.groups()
    count = chinese_to_int(articles.group(1)) or 0
    first = chinese_to_int(articles.group(2)) or 0
    last = chinese_to_int(articles.group(3)) if articles.group(3) else first
    heads = [line for line in item.content if re.match(rf"^第{NUM}节", line)]
    numbers = [chinese_to_int(m.group(1)) for line in item.content for m in [re.match(rf"^第({NUM})条[\s\u3000]", line)] if m]
    if heads != [f"第{number}节 {name}"] and heads != [f"第{number}节\u3000{name}"] or \
            numbers != list(range(first, first + count)) or last != first + count - 1:
        raise InputError(None, "amend_bad_instruction", instruction=source)
    _check_section_tail(item.tail, chinese_to_int(number) or 0, count, first, source)
    quoted = "“" + "\n“".join(item.content) + "”"
    return f"增加一节，作为第{unit.group(4)}章第{number}节：{quoted}"


def _check_section_tail(tail: str, number: int, count: int, first: int, source: str) -> None:
    """第七节相应改为第八节，第A条至第B条相应改为第C条至第D条: the later section one on, the
    later articles ``count`` on, from the first added number."""
    shifts = _SHIFT.findall(tail)
    ok = bool(shifts)
    for a, unit, b, c, d in shifts:
        step = 1 if unit == "节" else count
        start = number if unit == "节" else first
        values = [chinese_to_int(x) if x else None for x in (a, b, c, d)]
        ok &= values[0] == start and values[2] == start + step and \
            (values[1] is None or values[3] == values[1] + step)
    if not ok or _SHIFT.sub("", tail).strip("，,。 "):
        raise InputError(None, "amend_bad_instruction", instruction=source)
