"""A ``Decision`` as text: the 修改决定 in Chinese drafting language (or English).

``instruction_text(ins, lang)`` is one instruction without its number;
``decision_text(decision, lang)`` the whole instrument: 关于修改《…》的决定, the numbered
instructions 一、二、…, and the closing 本决定自…起施行。《…》根据本决定作相应修改并对条文顺序作
相应调整，重新公布。 A quoted text of several 款 opens each 款 with “ and closes only the last
(the Chinese convention), each 款 on its own line. In English the instruction kinds are
rendered in English and the quoted Chinese text is kept.
"""

from __future__ import annotations

import re

from .headings import LEVELS, WORDS, en_address, heading_parts, name_word
from .model import Decision, Instruction, Target, nest_quotes, split_out, with_quotes
from ..numerals import cn
from .numbering import address, short_addresses


def quote(text: str) -> str:
    """“款一\\n“款二”: several paragraphs quoted the Chinese way."""
    return "\n".join("“" + line for line in text.split("\n")) + "”"


def _addresses(targets: tuple[Target, ...], unit: str) -> str:
    return short_addresses(targets, unit)


def target_en(t: Target) -> str:
    """``address`` in English: Article 5-1, paragraph 2; the preamble; the title."""
    if t.article == 0:
        return f"paragraph {t.paragraph} of the preamble" if t.paragraph else "the preamble"
    if t.article < 0:
        return "the title"
    text = f"Article {t.article}" + (f"-{t.sub}" if t.sub else "")
    if t.paragraph is not None:
        text += f", paragraph {t.paragraph}"
    if t.item is not None:
        text += f", item {t.item}"
    return text


def _next(ins: Instruction) -> bool:
    """Whether a span 第X条至第Y条 is two consecutive articles (then 第X条、第Y条)."""
    return ins.targets[-1].article == ins.targets[0].article + 1


def _span_numbers(ins: Instruction, new: bool) -> tuple[int, int]:
    """First and last article of a renumber instruction, old or (``new``) as it states them."""
    first, last = ins.targets[0].article, ins.targets[-1].article
    return (ins.position or first, (ins.position or first) + last - first) if new else (first, last)


def renumber_span(ins: Instruction, unit: str = "条", new: bool = False) -> str:
    """第A条[至第B条] of a renumber instruction (``new``: the numbers it states, 第C条[至第D条])."""
    if len(ins.targets) == 1:  # 第十条之一相应改为第二十条
        return address(Target(ins.position or 0, sub=ins.sub) if new else ins.targets[0], unit)
    first, last = _span_numbers(ins, new)
    joint = "、" if last == first + 1 else "至"  # 第五条、第六条; 第五条至第七条
    return f"第{cn(first)}{unit}" + (f"{joint}第{cn(last)}{unit}" if last != first else "")


def en_span(ins: Instruction, new: bool = False) -> str:
    """``renumber_span`` in English: Articles 123 to 138."""
    first, last = _span_numbers(ins, new)
    return f"Articles {first} to {last}" if last != first else f"Article {first}"


def _zh(ins: Instruction, unit: str) -> str:
    at = _addresses(ins.targets, unit)
    forms = {
        "replace": lambda: f"将{at}修改为：{quote(ins.new)}",
        "substitute": lambda: f"将{at}中的“{ins.old}”修改为“{ins.new}”",
        "delete_text": lambda: f"删去{at}中的“{ins.old}”",
        "insert_text": lambda: f"在{at}中的“{ins.old}”后增加“{ins.new}”",
        "add_paragraph": lambda: (f"在{at}中增加一个自然段，作为第{cn(ins.position or 1)}自然段：{quote(ins.new)}"
                                  if ins.targets and ins.targets[0].article == 0 else
                                  f"在{at}中增加一款，作为第{cn(ins.position or 1)}款：{quote(ins.new)}"),
        "add_item": lambda: f"在{at}中增加一项，作为第{cn(ins.position or 1)}项：{quote(ins.new)}",
        "delete_paragraph": lambda: f"删去{at}",
        "renumber": lambda: f"{renumber_span(ins, unit)}相应改为{renumber_span(ins, unit, True)}",
        "add_article": lambda: (f"将{at}单列一{unit}，作为第{cn(ins.position or 1)}{unit}"
                                + (f"，修改为：{quote(ins.new)}" if ins.new else "")) if split_out(ins) else (
                               (f"在{at}{'前' if ins.before else '后'}" if at else "") + f"增加一{unit}，"
                                f"作为第{cn(ins.position or 1)}{unit}{f'之{cn(ins.sub)}' if ins.sub else ''}：{quote(ins.new)}"),
        "delete": lambda: f"删去{ins.heading or at}",
        "merge": lambda: f"将{at}合并，作为第{cn(ins.position or 1)}{unit}"
                         + (f"，修改为：{quote(ins.new)}" if ins.new else ""),
        "rename_heading": lambda: f"将{ins.heading}的{name_word(ins.heading)}修改为“{ins.new}”",
        "add_heading": lambda: (f"将{address(ins.targets[0], unit)}{'、' if _next(ins) else '至'}"
                                f"{address(ins.targets[-1], unit)}" if len(ins.targets) > 1 else f"将{at}")
                               + f"作为{ins.heading}，{name_word(ins.heading)}为“{ins.new}”",
        "delete_heading": lambda: f"删去{ins.heading}的{name_word(ins.heading)}",
        "move_heading": lambda: f"将{ins.heading}的{name_word(ins.heading)}移至{at}前",
    }
    text = forms[ins.kind]()
    closed = ("substitute", "insert_text", "delete_text", "rename_heading", "add_heading")
    return text if text.endswith("”") and ins.kind not in closed else text + "。"


def _en(ins: Instruction) -> str:
    at = " and ".join(target_en(t) for t in ins.targets)
    forms = {
        "replace": lambda: f"{at} is amended to read: {quote(ins.new)}",
        "substitute": lambda: f"In {at}, “{ins.old}” is replaced by “{ins.new}”",
        "delete_text": lambda: f"In {at}, “{ins.old}” is deleted",
        "insert_text": lambda: f"In {at}, “{ins.new}” is inserted after “{ins.old}”",
        "add_paragraph": lambda: f"A paragraph is added to {at} as paragraph {ins.position}: {quote(ins.new)}",
        "add_item": lambda: f"An item is added to {at} as item {ins.position}: {quote(ins.new)}",
        "delete_paragraph": lambda: f"{at} {'are' if len(ins.targets) > 1 else 'is'} deleted",
        "renumber": lambda: f"{en_span(ins)} accordingly become{'s' if len(ins.targets) == 1 else ''} {en_span(ins, True)}",
        "add_article": lambda: (f"{at} becomes a separate article, Article {ins.position}"
                                + (f", reading: {quote(ins.new)}" if ins.new else "")) if split_out(ins) else (
                               f"An article is added {f'before {at} ' if ins.before else f'after {at} ' if at else ''}"
                                f"as Article {ins.position}{f'-{ins.sub}' if ins.sub else ''}: {quote(ins.new)}"),
        "delete": lambda: (f"{en_address(ins.heading)} is deleted" if ins.heading else
                           f"{at} {'is' if len(ins.targets) == 1 else 'are'} deleted"),
        "merge": lambda: f"{at} are merged as Article {ins.position}"
                         + (f", reading: {quote(ins.new)}" if ins.new else ""),
        "rename_heading": lambda: f"The title of {en_address(ins.heading)} is amended to read: “{ins.new}”",
        "add_heading": lambda: (f"Articles {ins.targets[0].article} {'and' if _next(ins) else 'to'} "
                                f"{ins.targets[-1].article} become" if len(ins.targets) > 1 else f"{at} becomes")
                               + f" {en_address(ins.heading)}, titled “{ins.new}”",
        "delete_heading": lambda: (f"The heading of {en_address(ins.heading)} is deleted (its articles join the "
                                   f"preceding one)"),
        "move_heading": lambda: f"The heading of {en_address(ins.heading)} is moved to stand before {at}",
    }
    return forms[ins.kind]() + "."


def instruction_text(ins: Instruction, lang: str = "zh", unit: str = "条") -> str:
    """One instruction in drafting language, without its number (quotation marks inside
    its quoted texts nested: ‘…’)."""
    ins = with_quotes(ins, nest_quotes)
    if lang == "en":
        text = _en(ins)
        return text[:1].upper() + text[1:]  # the preamble is deleted → The preamble …
    return _zh(ins, unit)


def _date(effective: str | None, lang: str) -> str:
    if not effective or not effective[:4].isdigit():
        return "the date of promulgation" if lang == "en" else "公布之日"
    y, m, d = (int(x) for x in effective.split("-"))
    return effective if lang == "en" else f"{y}年{m}月{d}日"


def cited(title: str) -> str:
    """A title cited in a decision: 《北京市实施〈中华人民共和国水法〉办法》 (a title inside it in 〈〉)."""
    return "《" + title.replace("《", "〈").replace("》", "〉") + "》"


def title_text(decision: Decision, lang: str = "zh") -> str:
    if decision.style == "amendment":
        ordinal = f"（{cn(decision.ordinal)}）" if decision.ordinal > 1 else ""
        return f"Amendment to {cited(decision.title)}" if lang == "en" else f"{decision.title}修正案{ordinal}"
    if lang == "en":
        return f"Decision on Amending {cited(decision.title)}"
    return f"关于修改{cited(decision.title)}的决定"


def closing_text(decision: Decision, lang: str = "zh") -> list[str]:
    """The commencement and republication sentences (a 修正案: its commencement only)."""
    if decision.style == "amendment":
        return [f"This Amendment takes effect on {_date(decision.effective, lang)}." if lang == "en" else
                f"本修正案自{_date(decision.effective, lang)}起施行。"]
    if lang == "en":
        return [f"This Decision takes effect on {_date(decision.effective, lang)}.",
                f"{cited(decision.title)} is amended accordingly, its articles renumbered, and republished."]
    return [f"本决定自{_date(decision.effective, lang)}起施行。",
            f"{cited(decision.title)}根据本决定作相应修改并对条文顺序作相应调整，重新公布。"]


def _count(n: int) -> str:
    return "两" if n == 2 else cn(n)


def articles_text(run: list[Instruction], lang: str = "zh", unit: str = "条") -> str:
    """Several articles added after one anchor as one instruction: 在第四条后增加三条，作为第五条
    至第七条：“第五条　…” (two: 作为第五条、第六条; each article's text opens with its number)."""
    first = run[0]
    positions = [ins.position or 0 for ins in run]
    lines = [line for ins in run for line in (*ins.headings, f"第{cn(ins.position or 0)}{unit}　{ins.new}")]
    body = nest_quotes("\n".join(lines))
    two = len(run) == 2  # 作为第八条、第九条; three or more: 作为第五条至第七条
    if first.headings:
        return _heading_run(run, body, lang)
    if lang == "en":
        span = f"{positions[0]} {'and' if two else 'to'} {positions[-1]}"
        return (f"{len(run)} articles are added {'before' if first.before else 'after'} "
                f"{target_en(first.targets[0])} as Articles {span}: {quote(body)}")
    at = address(first.targets[0], unit)
    return (f"在{at}{'前' if first.before else '后'}增加{_count(len(run))}{unit}，作为第{cn(positions[0])}{unit}"
            f"{'、' if two else '至'}第{cn(positions[-1])}{unit}：{quote(body)}")


def _heading_run(run: list[Instruction], body: str, lang: str) -> str:
    """Added articles opening with a heading: 在第X条后增加一章，作为第Y章：“第Y章　…“第N条　…”
    (增加两章，作为第九章、第十章 when the run opens two of that level; 三章 …至…)."""
    first = run[0]
    top = _word(first.headings[0])
    opened = [ins for ins in run if ins.headings and _word(ins.headings[0]) == top]
    names = [ins.heading or _named(ins.headings[0]) for ins in opened]
    span = names[0] if len(names) == 1 else names[0] + ("、" if len(names) == 2 else "至") + _named(
        opened[-1].headings[0])
    side = "前" if first.before else "后"
    if lang == "en":
        where = f" {'before' if first.before else 'after'} {target_en(first.targets[0])}" if first.targets else ""
        shown = " and ".join(en_address(n) for n in (names if len(names) <= 2 else [names[0], names[-1]]))
        return f"{shown} {'is' if len(names) == 1 else 'are'} added{where}: {quote(body)}"
    where = f"在{address(first.targets[0])}{side}" if first.targets else ""
    return f"{where}增加{_count(len(names))}{top}，作为{span}：{quote(body)}"


def _named(head: str) -> str:
    """第九章 of the heading line "第九章　法律责任"."""
    parts = heading_parts(head)
    return parts[0] if parts else head


def _word(head: str) -> str:
    """章 of "第九章　…", 分编 of "第一分编　…"."""
    parts = heading_parts(head)
    return WORDS[parts[1]] if parts else head[-1:]


def instruction_runs(instructions: list[Instruction]) -> list[list[Instruction]]:
    """Consecutive additions after the same anchor, numbered consecutively, form one run."""
    runs: list[list[Instruction]] = []
    for ins in instructions:
        last = runs[-1][-1] if runs else None
        if (last is not None and ins.kind == last.kind == "add_article" and ins.targets and
                ins.targets == last.targets and ins.before == last.before and
                ins.position == (last.position or 0) + 1 and _continues(runs[-1], ins)):
            runs[-1].append(ins)
        else:
            runs.append([ins])
    return runs


def _continues(run: list[Instruction], ins: Instruction) -> bool:
    """An added article opening a heading joins a run only if the run opens with a heading
    at least as high (增加两章: the second 章 goes on the same instruction; a 章 after plain
    articles starts a new one)."""
    if not ins.headings:
        return True
    if not run[0].headings:
        return False
    return _rank(ins.headings[0]) >= _rank(run[0].headings[0])


def _rank(head: str) -> int:
    """0 for a 编 heading line, … 3 for a 节 (a line of no level: below all)."""
    parts = heading_parts(head)
    return LEVELS.index(parts[1]) if parts else len(LEVELS)


def run_text(run: list[Instruction], lang: str = "zh", unit: str = "条") -> str:
    """One numbered item's wording without its number: several added articles (or one
    opening a heading) as one instruction, else the instruction itself."""
    return articles_text(run, lang, unit) if len(run) > 1 or run[0].headings else instruction_text(run[0], lang, unit)


def numbered_items(decision: Decision, lang: str = "zh") -> list[str]:
    """The numbered instructions (一、…) as written: additions in a run are one item."""
    items = []
    for i, run in enumerate(instruction_runs(decision.instructions), 1):
        number = f"{i}. " if lang == "en" else f"{cn(i)}、"
        text = run_text(run, lang, decision.unit)
        if decision.style == "amendment" and lang == "zh":  # 将刑法第X条…: the law named in each item
            text = re.sub(r"^(将|在|删去|)(?=第|序言)", lambda m: m.group(1) + short_name(decision.title), text, count=1)
        items.append(number + text)
    return items


def short_name(title: str) -> str:
    """How a 修正案 names its law: 中华人民共和国刑法 → 刑法."""
    return title.removeprefix("中华人民共和国") or title


def decision_text(decision: Decision, lang: str = "zh") -> str:
    """The whole decision as plain text, paragraphs separated by blank lines."""
    parts = [title_text(decision, lang), *numbered_items(decision, lang), *closing_text(decision, lang)]
    return "\n\n".join(parts) + "\n"
