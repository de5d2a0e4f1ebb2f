"""Read a 修改决定 written in the conventional forms back into a ``Decision``.

``parse_decision(text) -> Decision``. Accepts this package's own output and decisions
as published: numbered instructions 一、二、… (or unnumbered lines starting 将 / 删去 /
在), “…” or "…" quotes (straight quotes alternate open/close within a line), full-width
or ASCII colons and commas, 修改为 or 改为, quoted texts of several 款 each opening with
a quote. An instruction in no known form raises ``InputError`` naming it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import InputError
from ..numerals import chinese_to_int, cn, parse_date
from ..instrument import messages as _messages  # noqa: F401  (registers the error messages)
from ..instrument.headings import ADDRESS as _HEAD, name_word
from ..instrument.model import Decision, Instruction, Target, target_at, unnest_quotes, with_quotes
from ..instrument.numbering import NUM, parse_address, parse_addresses
from .articles import article_instructions, article_style
from .continued import instruction_parts
from .quoting import open_quote, short
from .sections import same_title, section_text

_NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十百零〇]+、|[（(][一二三四五六七八九十]+[）)])")
_TOP = re.compile(r"^\s*([一二三四五六七八九十百零〇]+)、")
# Items numbered 1. 2. … (the Supreme People's Court's decisions), read when no item is numbered 一、
_ARABIC = re.compile(r"^\s*([0-9０-９]{1,4})[.．](?![0-9０-９])")
# Published wordings read as this module's own: 删除 for 删去, 引言 / 前言 for 序言
_SYNONYMS = [(re.compile(r"^(\s*)删除"), r"\1删去"), (re.compile(r"^(\s*将)(?:引言|前言)"), r"\1序言"),
             # 修正案: 在刑法第X条中增加一款作为第Y款，将该条修改为：“…” replaces the article whole
             (re.compile(rf"^\s*在[\u4e00-\u9fff]{{0,16}}?(第{NUM}条)中增加[一两二三四五六七八九十]+款作为第{NUM}款[，,]\s*将该条"),
              r"将\1")]
_COMMENCEMENT = re.compile(r"本(?:决定|修正案)自(.+?)起施行")  # match(): a line that is it; search(): its date
_ITEM_OPENING = re.compile(rf"\s*(?:将|删去|删除|在|增加|第{NUM}(?:条|章|节|编)|本(?:决定|修正案)|(?:条文|条款)?顺序)")
_RENUMBER_ALL = re.compile(r"^\s*(?:条文|条款)?(?:顺序|序号)作相应调整[。；;]?\s*$")  # what apply does anyway
_TITLE = re.compile(r"修改《((?:[^《》]|《[^《》]*》)+)》")  # 修改《北京市实施《水法》办法》: one title nested
_SEVERAL = re.compile(r"等[一二三四五六七八九十百零〇两0-9０-９]+(?:件|部)")
_FURTHER = re.compile(rf"^\s*(?:将|删去|在)?第{NUM}(?:条|章|节|编)")  # an unnumbered line naming a unit first
_START = re.compile(rf"^\s*(将|删去|在|增加一|第{NUM}条(?:第{NUM}款)?(?:增加|中的))")
_ADDR = rf"(?:第{NUM}条(?:之{NUM})?(?:第{NUM}款)?(?:第{NUM}项)?|序言(?:第{NUM}自然段)?|名称)"
_ADDRS = rf"{_ADDR}(?:(?:、|和|及)(?:{_ADDR}|第{NUM}款(?:第{NUM}项)?|第{NUM}项|第{NUM}自然段))*"  # 第三十五条第二款、第三款
_C, _K = "[：:]", "[，,]?"
_FORMS = [
    ("add_article", re.compile(rf"^在({_ADDR})(后|前)增加一条{_K}作为第({NUM})条(?:之({NUM}))?{_C}\s*“(.*)”$",
                                re.DOTALL)),
    ("add_paragraph", re.compile(rf"^在?({_ADDR})中?增加一(?:款|个自然段){_K}作为第({NUM})(?:款|自然段){_C}\s*“(.*)”$",
                                  re.DOTALL)),
    ("add_item", re.compile(rf"^在?({_ADDR})中?增加一项{_K}作为第({NUM})项{_C}\s*“(.*)”$", re.DOTALL)),
    ("split_out", re.compile(rf"^将({_ADDR})单列(?:为)?一条{_K}作为第({NUM})条(?:{_K}(?:并)?修改为{_C}\s*“(.*)”)?$",
                             re.DOTALL)),
    ("merge", re.compile(rf"^将({_ADDRS})合并{_K}作为第({NUM})条(?:{_K}(?:并)?修改为{_C}\s*“(.*)”)?$", re.DOTALL)),
    ("replace", re.compile(rf"^将({_ADDR})(?:修改|改)为{_C}?\s*“(.*)”$", re.DOTALL)),
    ("substitute", re.compile(rf"^将({_ADDRS})中的“(.*?)”(?:修改|改)为“(.*)”$", re.DOTALL)),
    ("insert_text", re.compile(rf"^在({_ADDRS})中的“(.*?)”后增加“(.*)”$", re.DOTALL)),
    ("delete_text", re.compile(rf"^删去({_ADDRS})中的“(.*)”$", re.DOTALL)),
    ("delete", re.compile(rf"^删去({_ADDRS})$", re.DOTALL)),
    ("rename_heading", re.compile(rf"^将({_HEAD})的?((?:分编|编|章|节)名|标题)(?:修改|改)为{_C}?\s*“(.*)”$", re.DOTALL)),
    ("add_heading", re.compile(rf"^在({_ADDR})前增加一(?:分编|编|章|节){_K}作为({_HEAD}){_K}((?:分编|编|章|节)名)为"
                               rf"{_C}?\s*“(.*)”$", re.DOTALL)),
    ("span_heading", re.compile(rf"^将({_ADDR})(?:(?:、|至)({_ADDR}))?作为({_HEAD}){_K}((?:分编|编|章|节)名)为{_C}?"
                                rf"\s*“(.*)”$", re.DOTALL)),
    # a 批复 without articles: its 段, counted after the addressee (or its 正文, after 答复如下：)
    ("replace_paragraph", re.compile(rf"^将(正文)?第({NUM})段(?:修改|改)为{_C}?\s*“(.*)”$", re.DOTALL)),
    # 司法解释 in parts headed 一、二、…: 将第一部分标题修改为“一、…”, 将“一、A”修改为“一、B”
    ("rename_part", re.compile(rf"^将第({NUM})部分的?标题(?:修改|改)为{_C}?\s*“(?:({NUM})、)?([^“”]+)”$")),
    ("rename_titled", re.compile(rf"^将“({NUM})、([^“”]{{1,40}})”(?:修改|改)为{_C}?\s*“({NUM})、([^“”]{{1,40}})”$")),
    ("delete_whole", re.compile(rf"^删去({_HEAD})$")),
    ("delete_heading", re.compile(rf"^删去({_HEAD})的((?:分编|编|章|节)名|标题)$")),
    ("move_heading", re.compile(rf"^将({_HEAD})的((?:分编|编|章|节)名|标题)移至({_ADDR})(?:之)?前$")),
]
_HEADING_RUN = re.compile(rf"^(?:在({_ADDR})(后|前))?增加[一两二三四五六七八九十]+(?:分编|编|章|节){_K}作为({_HEAD})"
                          rf"(?:[、至和]{_HEAD})*{_C}\s*“(.*)”$", re.DOTALL)
_HEADING_LINE = re.compile(rf"^第{NUM}(?:分编|编|章|节)(?:[\s\u3000]+\S.*)?$")


def _curly(line: str) -> str:
    """Straight double quotes in one line → alternately “ and ”."""
    out, opening = [], True
    for ch in line:
        if ch in '"＂':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


def _unquote(text: str) -> str:
    """The quoted paragraphs: continuation lines lose their opening quote."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return "\n".join(line[1:] if n and line.startswith("“") else line for n, line in enumerate(lines))


def _blocks(text: str) -> tuple[list[str], list[str]]:
    """The instruction blocks, and the lines outside them (title, closing)."""
    lines = [_curly(line.strip()) for line in text.replace("\r", "").split("\n")]
    top_form = _TOP if any(_TOP.match(line) for line in lines) or not any(_ARABIC.match(line) for line in lines) \
        else _ARABIC
    numbered = any(_NUMBERED.match(line) or top_form.match(line) for line in lines)
    blocks: list[str] = []
    other: list[str] = []
    top = 0  # the last top-level number 一、二、… (or 1. 2. …) seen: the next one always starts a block
    for line in lines:
        if not line:
            continue
        number = top_form.match(line)
        follows = bool(number) and chinese_to_int(number.group(1)) == top + 1
        quoting = blocks and (open_quote(blocks[-1]) or (blocks[-1].endswith(("：", ":")) and line.startswith("“")))
        if quoting and (not follows or not _ITEM_OPENING.match(line[number.end():])):
            blocks[-1] += "\n" + line  # a quoted text goes on, whatever its lines start with (its own 1. 2. too)
            continue
        top += follows
        starts = (_NUMBERED.match(line) or (follows and number)) if numbered else _START.match(line)
        if starts and (_COMMENCEMENT.match(line[starts.end():].strip()) or _RENUMBER_ALL.match(line[starts.end():])):
            other.append(line[starts.end():].strip())  # the commencement (九、本修正案自…起施行), or 条文顺序作相应调整
            continue
        if starts:
            blocks.append(_published(line[starts.end():].strip() if numbered else line))
        elif numbered and blocks and _FURTHER.match(line):
            blocks.append(line)  # a further instruction of the same numbered item (二、将…。第八条增加一款…)
        else:
            other.append(line)
    return blocks, other


def _published(block: str) -> str:
    """``block`` with published wordings this module writes otherwise (删除 → 删去, 将引言 → 将序言)."""
    for pattern, replacement in _SYNONYMS:
        block = pattern.sub(replacement, block, count=1)
    return block


_RENUMBERED = re.compile(rf"^将({_ADDR})改为(?:修改后)?第{NUM}条(?:之{NUM})?(?:{_K}(.*))?$", re.DOTALL)
_MOVED_ONLY = re.compile(rf"^将?(?:第{NUM}条(?:之{NUM})?)(?:修改为|改为|作为)(?:修改后)?第{NUM}条(?:之{NUM})?$")
_NEW_NUMBER = re.compile(rf"^将({_ADDR})(?:修改|改)为(?:修改后)?第{NUM}条(?:之{NUM})?{_K}(?=[：:])")
_SPLIT = re.compile(rf"^(?:将({_ADDR})改为|在({_ADDR})(后|前)增加|增加)[两一二三四五六七八九十百零]+条{_K}作为((?:第{NUM}条[、至]?)+)"
                    rf"(?:{_K}修改为)?{_C}\s*“(.*)”$", re.DOTALL)
_ITEMS = re.compile(rf"^将({_ADDR})((?:、第{NUM}项)+)(?:修改|改)为{_C}?\s*“(.*)”$", re.DOTALL)
_UNANCHORED = re.compile(rf"^增加一条{_K}作为第({NUM})条{_C}\s*“(.*)”$", re.DOTALL)
_ARTICLE_LINE = re.compile(rf"^第({NUM})条[\s\u3000]+")


_LAW_NAME = re.compile(r"^(将|删去|在)[\u4e00-\u9fff]{1,40}?(?:法|法典|条例|规定|办法)(?=第|序言)")


def _plain_head(body: str) -> str:
    """将《解释》原第六条… → 将第六条…, 在刑法第二百二十四条后… → 在第二百二十四条后…: the words
    before the first quote lose the cited title, the law's name (修正案 style) and 原
    ("former"); quoted texts are left as they are."""
    cut = body.find("“")
    head, rest = (body, "") if cut < 0 else (body[:cut], body[cut:])
    head = re.sub(r"《[^》]{1,40}》(?:原)?(?=第)|(?:^|(?<=[将去在、]))原(?=第)", "", head)
    return _LAW_NAME.sub(r"\1", head) + rest


_STATED = re.compile(rf"^将?(第{NUM}条(?:之{NUM})?)(?:修改为|改为|作为)(?:修改后)?(第{NUM}条(?:之{NUM})?)(?![款项])")


def stated_numbers(body: str) -> list[Instruction]:
    """The new numbers an instruction states for whole articles (将第四条改为第五条[，修改为…],
    将第四条修改为第五条：…), as ``renumber`` instructions ``apply`` checks."""
    m = _MOVED_ONLY.match(body) or _NEW_NUMBER.match(body) or _RENUMBERED.match(body)
    numbers = _STATED.match(body) if m else None
    if numbers is None:
        return []
    old, new = parse_address(numbers.group(1)), parse_address(numbers.group(2))
    if old is None or new is None:
        return []
    return [Instruction("renumber", (old,), position=new.article, sub=new.sub)]  # 第十条之一 → 第二十条: sub 0


def _renumbering_prefix(body: str) -> str | None:
    """将第四条改为第五条，修改为：… → 将第四条修改为：… (the new number is checked apart,
    ``stated_numbers``); None if the instruction only renumbers."""
    if _MOVED_ONLY.match(body):
        return None
    body = _NEW_NUMBER.sub(r"将\1修改为", body)
    m = _RENUMBERED.match(body)
    if not m:
        return body
    at, rest = m.group(1), (m.group(2) or "").strip()
    if "款" in at or "项" in at:  # 将第十三条第二款改为第十六条: the 款 taken out as an article
        number = re.search(rf"改为(?:修改后)?(第{NUM}条)", body)
        return f"将{at}单列一条，作为{number.group(1)}" + (f"，{rest}" if rest else "") if number else body
    if not rest:
        return None
    if rest.startswith("修改为") or rest.startswith("改为"):
        return f"将{at}{rest}"
    if rest.startswith("增加一款"):
        return f"在{at}中{rest}"
    if rest.startswith("删去"):
        return f"删去{at}{rest[2:]}"
    return f"将{at}{rest}"


def _split_articles(text: str) -> list[str]:
    """“第三条 …\n“第四条 …” quoted as one text → one text per article, numbers removed."""
    out: list[str] = []
    for line in _unquote(text).split("\n"):
        m = _ARTICLE_LINE.match(line)
        if m or not out:
            out.append(line[m.end():] if m else line)
        else:
            out[-1] += "\n" + line
    return out


def _positions(text: str) -> list[int]:
    """第三条、第四条 or 第五条至第七条 → [3, 4] / [5, 6, 7]."""
    out: list[int] = []
    for part in text.split("、"):
        ends = [chinese_to_int(n) or 0 for n in re.findall(NUM, part)]
        out.extend(range(ends[0], ends[-1] + 1) if len(ends) == 2 else ends)
    return out


def _several(m: re.Match[str], block: str) -> list[Instruction]:
    """改为两条 / 增加两条: the first replaces (or follows the anchor), the others follow it."""
    replaced, anchor, side, positions, text = m.groups()
    numbers = _positions(positions)
    texts = _split_articles(text)
    source = short(block)
    out: list[Instruction] = []
    if replaced:
        out.append(Instruction("replace", (parse_address(replaced),), new=texts[0], source=source))
        anchor, side, texts, numbers = replaced, "后", texts[1:], numbers[1:]
    for n, part in zip(numbers, texts):
        targets = (parse_address(anchor),) if anchor else ()
        out.append(Instruction("add_article", targets, new=part, position=n, before=side == "前", source=source))
    return out


def _heading_run(m: re.Match[str], block: str) -> list[Instruction]:
    """增加一章，作为第Y章：“第Y章　…“第N条　…”: added articles, the heading lines before each
    kept with it."""
    anchor, side, named, text = m.groups()
    targets = (parse_address(anchor),) if anchor else ()
    out: list[Instruction] = []
    heads: list[str] = []
    for line in _unquote(text).split("\n"):
        article = _ARTICLE_LINE.match(line)
        if article:
            out.append(Instruction("add_article", targets, new=line[article.end():], before=side == "前",
                                   position=chinese_to_int(article.group(1)), source=short(block),
                                   headings=tuple(heads), heading=named if heads and not out else ""))
            heads = []
        elif _HEADING_LINE.match(line) and len(line) <= 40:
            heads.append(line)
        elif out and not heads:
            out[-1] = replace(out[-1], new=out[-1].new + "\n" + line)
        else:
            raise InputError(None, "amend_bad_instruction", instruction=short(block))
    if heads or not out:
        raise InputError(None, "amend_bad_instruction", instruction=short(block))
    return out


def parse_instruction(block: str) -> list[Instruction]:
    """The instructions of one block (without its number), or ``InputError``.

    A block is usually one instruction; 改为两条 gives two, and a bare renumbering
    (将第四条改为第五条) none, since 作相应调整 renumbers anyway. Quotation marks nested
    in a quoted text (‘双城记’) are read as the text's own (“双城记”).
    """
    out = [with_quotes(ins, unnest_quotes) for ins in _instructions(block)]
    if any(t is None for ins in out for t in ins.targets):  # an address that did not read as a number
        raise InputError(None, "amend_bad_instruction", instruction=short(block))
    return out


def _instructions(block: str) -> list[Instruction]:
    plain = _plain_head(block.strip().rstrip("。；;").strip())
    spans = _renumber_spans(plain, block)
    if spans is not None:
        return spans
    stated = [replace(ins, source=short(block)) for ins in stated_numbers(plain)]
    body = _renumbering_prefix(plain)
    if body is None or re.search(r"作(?:如下|以下)修改[：:]?$", body):
        return stated  # a bare renumbering, or the heading of sub-items （一）（二）
    return stated + _forms(body, block)


_SPAN = rf"第({NUM})条(?:([至、])第({NUM})条)?"
_RENUMBER_SPAN = re.compile(rf"^(?:[\u4e00-\u9fff]{{1,40}}?(?:法|法典|条例|规定|办法))?{_SPAN}相应(?:地)?改为{_SPAN}$")


def _renumber_spans(body: str, block: str) -> list[Instruction] | None:
    """第A条至第B条相应改为第C条至第D条[，第E条相应改为第F条] (第A条、第B条…: two articles):
    as many ``renumber`` instructions, or None when the block is not such a statement."""
    out = []
    for part in re.split(r"[，；,;]", body):
        m = _RENUMBER_SPAN.match(part.strip())
        if not m:
            return None
        a, joint, b, c, joint_new, d = (chinese_to_int(x) if x and x not in "至、" else x for x in m.groups())
        if not a or not c or joint != joint_new or b is not None and (b <= a or joint == "至" and b - a != d - c):
            raise InputError(None, "amend_bad_instruction", instruction=short(block))
        pairs = [(a, b, c)] if joint != "、" else [(a, a, c), (b, b, d)]
        out.extend(Instruction("renumber", (target_at((x, 0)),) + ((target_at((y, 0)),) if y and y != x else ()),
                               position=z, source=short(block)) for x, y, z in pairs)
    return out


def _forms(body: str, block: str) -> list[Instruction]:
    m = _SPLIT.match(body)
    if m:
        return _several(m, block)
    m = _HEADING_RUN.match(body)
    if m:
        return _heading_run(m, block)
    m = _UNANCHORED.match(body)
    if m:
        return [Instruction("add_article", (), new=_unquote(m.group(2)), position=chinese_to_int(m.group(1)),
                            source=short(block))]
    m = _ITEMS.match(body)
    if m:
        return _several_items(m, block)
    for kind, pattern in _FORMS:
        m = pattern.match(body)
        if m:
            return _by_level(_build(kind, m, block))
    raise InputError(None, "amend_bad_instruction", instruction=short(block))


def _by_level(ins: Instruction) -> list[Instruction]:
    """删去第一条、第三条第二款: the articles deleted, and the 款 (or 项) deleted, each at its
    own level (one instruction would delete 第三条 whole)."""
    if ins.kind != "delete":
        return [ins]
    parts = tuple(t for t in ins.targets if t is not None and (t.paragraph is not None or t.item is not None))
    if not parts:
        return [ins]
    wholes = tuple(t for t in ins.targets if t not in parts)
    return [replace(ins, targets=wholes), replace(ins, kind="delete_paragraph", targets=parts)]


def _build(kind: str, m: re.Match[str], block: str) -> Instruction:
    source = short(block)
    g = m.groups()
    if kind == "add_article":
        return Instruction(kind, (parse_address(g[0]),), new=_unquote(g[4]), position=chinese_to_int(g[2]),
                           before=g[1] == "前", source=source, sub=(chinese_to_int(g[3]) or 0) if g[3] else 0)
    if kind == "add_item":
        return Instruction(kind, (parse_address(g[0]),), new=_unquote(g[2]), position=chinese_to_int(g[1]),
                           source=source)
    if kind == "add_paragraph":
        return Instruction(kind, (parse_address(g[0]),), new=_unquote(g[2]), position=chinese_to_int(g[1]),
                           source=source)
    if kind == "merge":
        return Instruction(kind, parse_addresses(g[0]), new=_unquote(g[2] or ""), position=chinese_to_int(g[1]),
                           source=source)
    if kind == "replace":
        return Instruction(kind, (parse_address(g[0]),), new=_unquote(g[1]), source=source)
    if kind == "split_out":  # 将第八条第三款单列一条，作为第四十九条[，修改为：“…”]
        return _split_out(g, source)
    if kind == "span_heading":  # 将第六条至第八条作为第二章第一节，节名为“…”
        if g[3] != name_word(g[2]):
            raise InputError(None, "amend_bad_instruction", instruction=source)
        span = (parse_address(g[0]),) + ((parse_address(g[1]),) if g[1] else ())
        return Instruction("add_heading", span, new=g[4].strip(), heading=g[2], source=source)
    if kind == "replace_paragraph":
        return Instruction("replace", (Target(0, chinese_to_int(g[1])),), new=_unquote(g[2]),
                           heading="正文" if g[0] else "段", source=source)
    if kind in ("rename_part", "rename_titled"):
        return _part_rename(kind, g, source)
    if kind == "delete_whole":
        return Instruction("delete", (), heading=g[0], source=source)
    if kind in ("rename_heading", "delete_heading", "move_heading", "add_heading"):
        return _heading_instruction(kind, g, source)
    targets = parse_addresses(g[0]) or ()
    if not targets:  # an address that is no number (第九…九条, longer than any article number)
        raise InputError(None, "amend_bad_instruction", instruction=source)
    if kind in ("substitute", "insert_text"):
        return Instruction(kind, targets, old=g[1], new=g[2], source=source)
    if kind == "delete_text":
        return Instruction(kind, targets, old=g[1], source=source)
    if all(t.paragraph is not None or t.item is not None for t in targets):  # 删去第二条第一项 (one 款): the 项
        return Instruction("delete_paragraph", targets, source=source)
    return Instruction("delete", targets, source=source)


def _part_rename(kind: str, g: tuple[str, ...], source: str) -> Instruction:
    """The heading of a part 一、二、… renamed, addressed as the chapter of that number (the
    old title given is checked when applied); its number may not change."""
    number, old, new_number, title = (g[0], "", g[1], g[2]) if kind == "rename_part" else g
    n = chinese_to_int(number)
    if n is None or (new_number and chinese_to_int(new_number) != n):
        raise InputError(None, "amend_bad_instruction", instruction=source)
    return Instruction("rename_heading", (), old=old.strip(), new=title.strip(), heading=f"第{cn(n)}章", source=source)


def _several_items(m: re.Match[str], block: str) -> list[Instruction]:
    """将第二条第八项、第九项修改为：“（八）…“（九）…”: one replacement per 项, the quoted lines
    in order (refused unless there is one line per 项)."""
    first = parse_address(m.group(1))
    numbers = [chinese_to_int(n) or 0 for n in re.findall(rf"、第({NUM})项", m.group(2))]
    lines = _unquote(m.group(3)).split("\n")
    if first is None or first.item is None or len(lines) != 1 + len(numbers):
        raise InputError(None, "amend_bad_instruction", instruction=short(block))
    targets = [first] + [replace(first, item=n) for n in numbers]
    return [Instruction("replace", (t,), new=line, source=short(block)) for t, line in zip(targets, lines)]


def _split_out(g: tuple[str, ...], source: str) -> Instruction:
    """The 款 leaves its article and becomes the article 作为第Z条 (its own words, or the
    text given): an added article whose target is that 款."""
    target = parse_address(g[0])
    if target.paragraph is None:
        raise InputError(None, "amend_bad_instruction", instruction=source)
    return Instruction("add_article", (target,), new=_unquote(g[2] or ""), position=chinese_to_int(g[1]),
                       source=source)


def _heading_instruction(kind: str, g: tuple[str, ...], source: str) -> Instruction:
    address = g[1] if kind == "add_heading" else g[0]
    named = g[2] if kind == "add_heading" else g[1]
    if named != "标题" and named != name_word(address):  # 将第二章第一节的章名…: which one is meant?
        raise InputError(None, "amend_bad_instruction", instruction=source)
    if kind == "rename_heading":
        return Instruction(kind, (), new=g[2].strip(), heading=address, source=source)
    if kind == "delete_heading":
        return Instruction(kind, (), heading=address, source=source)
    if kind == "move_heading":
        return Instruction(kind, (parse_address(g[2]),), heading=address, source=source)
    return Instruction(kind, (parse_address(g[0]),), new=g[3].strip(), heading=address, source=source)


# Lines outside the instructions a decision may hold: its title, adoption and commencement
# notes, the sentence introducing the instructions, the closing sentences, document numbers.
_BOILERPLATE = re.compile(
    r"^(?:#|<!--)|关于修改|修正案|作如下(?:补充)?修改|决定[对：:]|通过[）)]?$|施行[。）)]?$|起施行|重新公布|作相应修改|作相应调整"
    r"|^[（(]?[0-9０-９〇零一二三四五六七八九]{4}\s*年|^[（(].*[）)]$"
    r"|^[^，,。；]{0,40}(?:主席令|公告|第\s*[0-9０-９]+\s*号|〔[0-9０-９]{4}〕[0-9０-９]+\s*号)[^，,。；]{0,20}$")


def unread_lines(other: list[str]) -> list[str]:
    """Lines of a decision outside its instructions that are not known boilerplate: an
    instruction in a form not read (``原第二款作为第三款``) or stray text, which must not be
    dropped silently. What follows the commencement sentence (本决定自…起施行) is the
    decision's own closing provisions (在本决定施行前已经取得的许可，继续有效), not instructions."""
    out = []
    for line in other:
        if _COMMENCEMENT.match(line):
            break
        if not _BOILERPLATE.search(line):
            out.append(line)
    return out


def parse_decision(text: str, only: str | None = None, title: str | None = None) -> Decision:
    """The decision written in ``text``; ``InputError`` naming the first line that is neither
    an instruction, its quoted text nor boilerplate (nothing is left unapplied silently).
    A decision amending several texts is read for the one ``only`` names, or else the one
    titled ``title`` (``compare.amend.sections``)."""
    text, part = section_text(text, only, title)
    if article_style(text.split("\n")):
        return _article_decision(text)
    blocks, other = _blocks(text)
    if not blocks and not any("修改《" in line for line in other):
        raise InputError(None, "amend_no_instructions")
    several = next((m.group(0) for line in other[:3] if "修改《" in line for m in [_SEVERAL.search(line)] if m), None)
    if several and part is None:
        raise InputError(None, "amend_several_texts", count=several)
    if only and part is None and not any(same_title(m.group(1), only.strip("《》")) for line in other[:3]
                                         for m in [_TITLE.search(line)] if m):
        raise InputError(None, "amend_no_part", title=only.strip("《》"), count=1,
                         parts="；".join(re.findall(r"修改(《.+?》)", " ".join(other[:3]))[:1]))
    stray = unread_lines(other)
    if stray:
        raise InputError(None, "amend_unread_line", line=short(stray[0]))
    instructions = [ins for b in blocks for part in instruction_parts(b) for ins in parse_instruction(part)]
    title = part or next((m.group(1) for line in other for m in [_TITLE.search(line)] if m), "")
    effective = None
    for line in other:
        m = _COMMENCEMENT.search(line)
        if m:
            effective = parse_date(m.group(1)) or m.group(1)
    name, adopted = _instrument(other)
    return Decision(title=title, instructions=instructions, effective=effective, name=name, adopted=adopted)


def _article_decision(text: str) -> Decision:
    """A 修正案 numbered by its own articles (``compare.amend.articles``): the law it amends
    is the one its title names (中华人民共和国宪法修正案 → 中华人民共和国宪法)."""
    instructions, other = article_instructions([_curly(line) for line in text.replace("\r", "").split("\n")],
                                               parse_instruction)
    if not instructions:
        raise InputError(None, "amend_no_instructions")
    stray = unread_lines(other)
    if stray:
        raise InputError(None, "amend_unread_line", line=short(stray[0]))
    name, adopted = _instrument(other)
    effective = next((parse_date(m.group(1)) or m.group(1) for line in other for m in [_COMMENCEMENT.search(line)] if m),
                     None)
    return Decision(title=re.sub(r"修正案$", "", name), instructions=instructions, effective=effective, name=name,
                    adopted=adopted, style="amendment")


_ADOPTED = re.compile(r"^[（(]?\s*([0-9]{4}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日\s*\S.*?会议)\s*通过\s*[）)]?$")


def _instrument(other: list[str]) -> tuple[str, str]:
    """The instrument's own title (its first line naming a 修正案 or 决定) and its adoption
    (2023年12月29日 第十四届…第七次会议), each "" when the text does not give it."""
    head = [re.sub(r"修正案（[0-9]{4}年）$", "修正案", line.lstrip("#").strip()) for line in other[:6]]
    name = next((line for line in head if re.search(r"(?:修正案|决定)(?:（[一二三四五六七八九十]+）)?$", line)
                 and len(line) <= 120), "")
    adopted = next((re.sub(r"\s+", " ", m.group(1)) for line in head for m in [_ADOPTED.match(line)] if m), "")
    return name, adopted
