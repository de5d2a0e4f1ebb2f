"""The amended provisions as text in the old file's own format.

``amended_text(amended, decision) -> str`` keeps the old file's header (title, notes, a
lawrefbook ``<!-- INFO END -->`` block) verbatim, except that a header listing the text's
history (dated lines: 1979年7月1日 …通过, …修正) gains the line of the decision applied, as a
republished text has it (2023年12月29日 …通过的《中华人民共和国刑法修正案（十二）》, or
…《关于修改…的决定》第三次修正) when the decision gives its title and adoption; then writes the headings and provisions the way
the old file did: Markdown heading marks per level, the separator after 第X条 (space,
ideographic space or none), blank lines between paragraphs or not. The headings
are those of ``Amended.outline`` (OLD's, as the decision renamed, added, deleted or moved
them; an added article under the headings of the article before it, one added 在第X条前
under those of 第X条). Annexes (附件 …) are copied from the old file unchanged.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field

from ..instrument.model import Decision
from ..model import Document, Provision
from .apply import Amended
from ..numerals import chinese_to_int, cn

_LEVELS = ("part", "subpart", "chapter", "section")


@dataclass
class Style:
    """How the old file writes its body."""

    body_start: int  # index of the first body line
    separator: str  # after 第X条
    blank: bool  # blank lines between paragraphs
    prefixes: dict[str, str]  # heading level → leading marks ("## ")
    articles: bool  # 第X条 (True) or 一、 items
    written: dict[str, str] = field(default_factory=dict)  # heading without whitespace → as the file has it
    marks: dict[str, str] = field(default_factory=dict)  # heading without whitespace → its own marks ("## ")


def _stripped(line: str) -> str:
    return line.strip().lstrip("#").strip()


def _bare(text: str) -> str:
    """A heading without its whitespace: the parser gives "第一章 总则" for "## 第一章  总则"."""
    return re.sub(r"\s+", "", text)


def detect_style(document: Document) -> Style:
    """The format of ``document``'s source text."""
    lines = document.source.text.split("\n")
    start = next((i + 1 for i, line in enumerate(lines) if "INFO END" in line), 0)
    first = document.provisions[0]
    heads = {_bare(h) for h in (first.part, first.subpart, first.chapter, first.section) if h}
    body = next((i for i in range(start, len(lines)) if _begins(lines[i], first, heads)), start)
    articles = any(p.kind == "article" for p in document.provisions)
    written = _written(lines, document)
    return Style(body, _separator(lines, document), _blank(lines, body), _prefixes(lines, document), articles,
                 {bare: text for bare, (_, text) in written.items()}, {bare: mark for bare, (mark, _) in written.items()})


def _begins(line: str, prov: Provision, heads: set[str]) -> bool:
    text = _stripped(line)
    if not text:
        return False
    if _bare(text) in heads:
        return True
    head = prov.paragraphs[0] if prov.paragraphs else ""
    if prov.kind == "preamble":
        return text == head.strip() or (bool(head) and text.endswith(head.strip()[:20]) and len(text) < len(head) + 5)
    return text.startswith(prov.number) and head[:10] in text


def _separator(lines: list[str], document: Document) -> str:
    prov = next((p for p in document.provisions if p.kind == "article"), None)
    if prov is None:
        return ""
    for line in lines:
        text = line.strip()
        if text.startswith(prov.number) and len(text) > len(prov.number):
            ch = text[len(prov.number)]
            return ch if ch in " \u3000" else ""
    return " "


def _blank(lines: list[str], body: int) -> bool:
    rest = lines[body:body + 40]
    return sum(1 for line in rest if not line.strip()) >= len(rest) // 3


def _prefixes(lines: list[str], document: Document) -> dict[str, str]:
    out: dict[str, str] = {}
    wanted = {_bare(getattr(p, level)): level for p in document.provisions for level in _LEVELS if getattr(p, level)}
    for line in lines:
        level = wanted.get(_bare(_stripped(line)))
        if level and level not in out:
            out[level] = line[:len(line) - len(line.lstrip())] + line.lstrip()[:len(line.lstrip()) - len(
                line.lstrip().lstrip("#"))] + (" " if line.lstrip().startswith("#") else "")
    return _levels_filled(out)


def _written(lines: list[str], document: Document) -> dict[str, tuple[str, str]]:
    """Each heading of the file as written there: its Markdown marks ("## ", or "" ) and its
    text ("第一章  总则"), by its text without whitespace (a heading without a number, such
    as 附则, may stand at another level's marks than the parser gives it)."""
    wanted = {_bare(getattr(p, level)) for p in document.provisions for level in _LEVELS if getattr(p, level)}
    out: dict[str, tuple[str, str]] = {}
    for line in lines:
        text = _stripped(line)
        if _bare(text) in wanted and _bare(text) not in out:
            out[_bare(text)] = (_marks(line), text)
    return out


def _marks(line: str) -> str:
    """The Markdown heading marks a line opens with, and a space ("## "); "" for none."""
    text = line.strip()
    marks = text[:len(text) - len(text.lstrip("#"))]
    return marks + " " if marks else ""


def _levels_filled(prefixes: dict[str, str]) -> dict[str, str]:
    """Marks for the levels the old file has no heading of (a decision may add them): one
    "#" more than the level above (or less than the level below) in a Markdown file."""
    out = dict(prefixes)
    for i, level in enumerate(_LEVELS):
        if level in out:
            continue
        above = next((out[x] for x in reversed(_LEVELS[:i]) if out.get(x, "").startswith("#")), None)
        below = next((prefixes[x] for x in _LEVELS[i + 1:] if prefixes.get(x, "").startswith("##")), None)
        if above:
            out[level] = "#" + above
        elif below:
            out[level] = below[1:]
    return out


_NESTED_TITLES = str.maketrans("《》〈〉", "〈〉《》")
_HISTORY = re.compile(r"^[（(]?[0-9]{4}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日")
_AMENDED_TIMES = re.compile(r"第([一二三四五六七八九十]+)次修正")


def history_line(decision: Decision, header: list[str]) -> str:
    """The header line recording ``decision`` in the way the header's last history line is
    written (…会议通过 / …通过的《…》 / …《…》第N次修正), "" when the decision does not give
    its title and adoption. Titles nested in the decision's own are marked 〈〉."""
    if not decision.name or not decision.adopted:
        return ""
    dated = [line.strip() for line in header if _HISTORY.match(line.strip())]
    last = dated[-1] if len(dated) > 1 else ""  # the first dated line is the adoption
    name = decision.name.translate(_NESTED_TITLES)  # 《A〈B〉》 inside 《》: 〈A《B》〉
    if "通过的《" in last or (not last and "修正案" in decision.name):
        return f"{decision.adopted}通过的《{name}》"
    if last.endswith("通过") and "《" not in last:
        return f"{decision.adopted}通过"
    explicit = [chinese_to_int(m.group(1)) or 0 for line in dated for m in _AMENDED_TIMES.finditer(line)]
    times = max(explicit, default=0) or sum("修正" in line for line in dated)
    return f"{decision.adopted}《{name}》第{cn(times + 1)}次修正"


def _with_history(header: list[str], decision: Decision | None) -> list[str]:
    """``header`` with the decision's line after its last dated history line (if it has one)."""
    dated = [i for i, line in enumerate(header) if _HISTORY.match(line.strip())]
    line = history_line(decision, header) if decision is not None and dated else ""
    if not line:
        return header
    at = dated[-1] + 1
    blank = at < len(header) and not header[at].strip() or dated[-1] > 0 and not header[dated[-1] - 1].strip()
    return header[:at] + (["", line] if blank else [line]) + header[at:]


def _retitled(header: list[str], amended: Amended) -> list[str]:
    """``header`` with its title line renamed (将名称修改为), its Markdown marks kept."""
    old = _bare(_stripped(amended.document.title))
    at = next((i for i, line in enumerate(header) if _bare(_stripped(line)) == old), None)
    if amended.title is None or at is None:
        return header
    return header[:at] + [_marks(header[at]) + amended.title] + header[at + 1:]


def amended_text(amended: Amended, decision: Decision | None = None) -> str:
    """The amended text, formatted like the old file (the header records ``decision``)."""
    document = amended.document
    style = detect_style(document)
    lines = _with_history(_retitled(document.source.text.split("\n")[:style.body_start], amended), decision)
    while lines and not lines[-1].strip():
        lines.pop()
    blocks: list[str] = ["\n".join(lines)] if lines else []
    for index, (number, paragraphs, prov) in enumerate(amended.provisions):
        if index < len(amended.outline):
            blocks.extend(style.marks.get(_bare(line.text), style.prefixes.get(line.level, ""))
                          + style.written.get(_bare(line.text), line.text) for line in amended.outline[index])
        if number is None:
            blocks.extend(paragraphs)
            continue
        sub = f"之{cn(amended.subs[index])}" if index in amended.subs else ""
        prefix = f"第{cn(number)}条{sub}{style.separator}" if style.articles else f"{cn(number)}{sub}、"
        blocks.append(prefix + (paragraphs[0] if paragraphs else ""))
        blocks.extend(paragraphs[1:])
    tail = _annexes(document)
    return ("\n\n" if style.blank else "\n").join(blocks) + "\n" + ("\n" + tail if tail else "")


def _annexes(document: Document) -> str:
    """The old file's annexes (附件 …, to the end), copied as they are: not amended."""
    first = next((p for p in document.provisions if p.kind == "annex"), None)
    if first is None:
        return ""
    lines = document.source.text.split("\n")
    head = (first.paragraphs[0] if first.paragraphs else "")[:10]
    for i, line in enumerate(lines):
        text = _stripped(line)
        if text.startswith(first.number) and (head in text or head in "".join(lines[i + 1:i + 3])):
            return "\n".join(lines[i:]).rstrip("\n") + "\n"
    return ""
