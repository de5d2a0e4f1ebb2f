"""Laid-out lines (a PDF's, a scan's, an OFD's) back into paragraphs.

Page numbers and headers or footers repeated on most pages are dropped. Layout line breaks
are rejoined into paragraphs: a line ends its paragraph when it stops short of the right
margin, or the next line is indented or starts a provision (第X条, 第X章, 一、, （一）), or, in
documents that do not indent their paragraphs, when it ends with 。：！？.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

_NUM = "零〇一二三四五六七八九十百千两0-9０-９"
# A provision or heading start; "第五条" must be followed by a space, so that a wrapped
# cross-reference ("…依照\n第五条规定…") does not break the paragraph.
PROVISION = re.compile(
    rf"^(第\s*[{_NUM}]+\s*[条章节编](?:之[{_NUM}]+)?(?:[\s:：]|$)|[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十]+[）)])"
)
PARAGRAPH_END = ("。", "：", "！", "？", ":")
PAGE_NUMBER = re.compile(r"^[-—–－\s]*(\d+|第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)[-—–－\s]*$")


@dataclass
class Line:
    """One line of a laid-out page, with what its margins say."""

    text: str
    short: bool  # ends well before the right margin: the last line of a paragraph
    indented: bool  # starts well after the left margin: the first line of a paragraph


def placed_lines(spans: list[tuple[float, float, float, str]]) -> list[Line]:
    """Lines from each laid-out line's (left, right, character size, text): short when it stops 1.5
    characters before the right margin full lines reach (the 90th percentile of line ends, since
    punctuation may hang past it), indented when it starts 1.2 characters after the left one."""
    if not spans:
        return []
    left = min(span[0] for span in spans)
    ends = sorted(span[1] for span in spans)
    right = ends[int(0.9 * (len(ends) - 1))]
    return [Line(text, x1 < right - 1.5 * size, x0 > left + 1.2 * size) for x0, x1, size, text in spans]


def drop_furniture(pages: list[list[Line]]) -> list[Line]:
    """All lines in order, without page numbers and running headers or footers."""
    edges: dict[str, int] = {}
    for lines in pages:
        for text in {lines[0].text, lines[-1].text} if lines else set():
            edges[text] = edges.get(text, 0) + 1
    repeated = {t for t, n in edges.items() if len(pages) >= 3 and n >= max(3, len(pages) // 2)}
    out: list[Line] = []
    for lines in pages:
        for i, line in enumerate(lines):
            at_edge = i in (0, len(lines) - 1)
            if at_edge and (PAGE_NUMBER.match(line.text) or line.text in repeated):
                continue
            out.append(line)
    return out


def join_lines(lines: list[Line]) -> list[str]:
    """Rejoin layout line breaks into paragraphs (see the module docstring for the rules).

    When the document indents its paragraphs, a full-width line ending with 。 or ： is a
    sentence that happens to end at the margin, not a paragraph end: the indentation of the
    next line decides.
    """
    after_short = [b.indented for a, b in pairwise(lines) if a.short and not PROVISION.match(b.text)]
    indented_layout = len(after_short) >= 3 and sum(after_short) >= 0.6 * len(after_short)
    paragraphs: list[str] = []
    current: str | None = None
    previous: Line | None = None
    for line in lines:
        if current is None or previous is None:
            current = line.text
        elif (previous.short or line.indented or PROVISION.match(line.text)
              or (previous.text.endswith(PARAGRAPH_END) and not indented_layout)):
            paragraphs.append(current)
            current = line.text
        else:
            glue = " " if current[-1:].isascii() and current[-1:].isalnum() and line.text[:1].isascii() else ""
            current += glue + line.text
        previous = line
    if current is not None:
        paragraphs.append(current)
    return paragraphs
