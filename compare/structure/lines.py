"""Line-level reading: clean the text into lines and recognise what each line starts.

A legislation text is read one line at a time. This module only looks at single lines
(and, for the table of contents, at a run of them); ``tree`` decides what the lines mean
together. All patterns are anchored at the start of a cleaned line, so a reference such as
"依照本法第十条规定" inside a sentence never starts anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..numerals import HEADING, NUMERAL, chinese_to_int

INFO_END = "<!-- INFO END -->"  # lawrefbook: end of the title and adoption notes

# Characters that display as nothing; removed from every line (they break number patterns).
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_HAS_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")  # translate() only when needed

NUM = NUMERAL
ARTICLE_NUM = r"[零〇一二三四五六七八九十百千万两\d０-９][零〇一二三四五六七八九十百千万两\d０-９－]*"
CN_NUM = r"[零〇一二三四五六七八九十百千万两]+"
# 第十二条 / 第12条 / 第十条之一, then a separator (space, colon), the end, or a 【title】;
# or, with the separator slipped before 条 ("第一百二十八 条侦查…"), the text at once.
ARTICLE = re.compile(rf"^第\s*({ARTICLE_NUM})(?:\s*条(?:\s*之\s*({NUM}))?(?:[\s:：]+|$|(?=【))|\s+条(?=\S))")
# 第X条 run straight into its text, as OCR and careless typing give it ("第一条为了…"): an article
# unless the text goes on like a reference ("第五条规定的…", "第五条第二款…", "第五条修改为…").
ARTICLE_UNSPACED = re.compile(rf"^第\s*({ARTICLE_NUM})\s*条(?:\s*之\s*({NUM}))?(?=[^\s:：【])")
CONTINUES_REFERENCE = re.compile(r"^(?:的|规定|所|中|至|和|与|及|或|以|之|第|、|，|,|；|;|。|修改|删去|删除|增加|改为|作为"
                                 r"|列为|后|前|废止|施行|条文|款|项|目|\(|（|“|\")")
# A damaged numeral: "第三十－条" (a dash typed for 一).
DAMAGED_ONE = str.maketrans({"－": "一", "—": "一", "-": "一"})
# 一、 decision items (Chinese numerals only: "1." is a 目 / sub-item, never an item here).
CN_ITEM = re.compile(rf"^({CN_NUM})\s*[、．]\s*")
# （一） items: top-level provisions only in a text numbered with nothing else.
PAREN_ITEM = re.compile(rf"^[（(]\s*({CN_NUM})\s*[）)]\s*")
# 1. / 1、 / 1．, but not 1.1 (a decimal section number) and not 1990年.
AR_ITEM = re.compile(r"^([0-9０-９]{1,3})\s*(?:[、．]|\.(?![0-9０-９]))\s*")
# 第一编 / 第一分编 / 第一章 / 第一节 headings. Without a space after the number, a line
# that goes on with a reference word is a sentence, not a heading ("第二章规定的…",
# "第三章至第五章…"); with a space, or marked by #, it is a heading.
DIVISION = HEADING  # 第X编 / 分编 / 章 / 节 (``compare.numerals.HEADING``)
REFERENCE_WORD = re.compile(r"^(?:的|规定|所|中|至|和|与|及|或|以|之|第|、|，|,|；|;|。)")
DIVISION_LEVEL = {"编": "part", "分编": "subpart", "章": "chapter", "节": "section"}
# 附件 / 附件一 / 附件1： / 附表二 / 附录: a number, then a colon, a space or the end;
# or a bare 附： (never 附则).
ANNEX = re.compile(r"^(附\s*[件表录])\s*([0-9０-９一二三四五六七八九十]{0,3})\s*(?:[:：]\s*|\s+|$)(.*)$")
ANNEX_BARE = re.compile(r"^(附)\s*()[:：]\s*(.*)$")
TOC = re.compile(r"^目\s*录$")
UNNUMBERED_CHAPTER = re.compile(r"^(附\s*则|总\s*则|分\s*则)$")
PREAMBLE_HEADING = re.compile(r"^序\s*言$")
MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s*")
COMMENT = re.compile(r"<!--.*?-->", re.S)
SPACES = re.compile(r"[^\S\n]+")  # any whitespace but a line break (U+3000, U+2002…)
SENTENCE_END = re.compile(r"[。；;，,：:！？]")
TOC_PAGE = re.compile(r"[\s.…·．\-—_]*[0-9０-９]*$")
MAX_HEADING = 40  # characters: a longer line is a sentence, not a heading (unless marked #)


@dataclass(frozen=True, slots=True)
class Line:
    """A non-empty cleaned line: display text plus its markdown heading level (0 if none)."""

    text: str
    md: int = 0


@dataclass(frozen=True, slots=True)
class Start:
    """What a line starts: its kind, the number as written, values, and the rest of the line.

    ``kind`` is "article", "item" (一、), "arabic" (1.), "paren" (（一）), "division", "chapter_word"
    (an unnumbered 附则 / 总则 heading), "annex", "preamble_heading" or "heading"
    (any other markdown heading).
    """

    kind: str
    number: str
    ordinal: int | None
    rest: str
    sub: int | None = None  # 之一 of an inserted article
    level: str | None = None  # division level: "part", "subpart", "chapter", "section"


def clean_lines(text: str) -> tuple[list[Line], list[Line] | None]:
    """Cleaned non-empty lines of ``text``, split at the lawrefbook ``<!-- INFO END -->``.

    Returns ``(head, body)`` when the marker is present, else ``(lines, None)``. HTML
    comments, a YAML front-matter block, markdown heading marks and invisible characters
    are removed; display text is otherwise unchanged (inner spaces are kept).
    """
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            text = text[end + 5:]
    head_text, marker, body_text = text.partition(INFO_END)
    head = _lines(head_text)
    return (head, _lines(body_text)) if marker else (head, None)


def _lines(text: str) -> list[Line]:
    out = []
    text = COMMENT.sub("", text)
    if _HAS_INVISIBLE.search(text):
        text = text.translate(INVISIBLE)
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        md = 0
        if line[0] == "#":
            mark = MARKDOWN_HEADING.match(line)
            assert mark is not None
            md = len(mark.group(1))
            line = line[mark.end():].strip()
            if not line:
                continue
        out.append(Line(line, md))
    return out


def compact(text: str) -> str:
    """``text`` without any spaces: "第一章　总　　则" → "第一章总则"."""
    return SPACES.sub("", text)


def heading_text(number: str, title: str) -> str:
    """A heading for display: the number, one space, the title with letter-spacing removed.

    "第一章", "总　　则" → "第一章 总则"; a title of several words keeps one space between
    them ("第三章 监督 检查").
    """
    title = title.strip()
    parts = SPACES.split(title) if title else []
    if parts and all(len(p) == 1 for p in parts):
        title = "".join(parts)
    else:
        title = " ".join(parts)
    separator = "" if number.endswith(("、", "．", ".")) else " "
    return f"{compact(number)}{separator}{title}".strip()


def recognise(line: Line) -> Start | None:
    """The structural start of ``line``, or None for a plain text line."""
    text = line.text
    if text[0] == "笫":  # 笫 typed (or recognised) for 第: "笫五十四条 清算组成员…"
        start = _article("第" + text[1:])
        if start:
            return start
    if text[0] == "第":
        start = _article(text)
        if start:
            return start
        division = DIVISION.match(text)
        if division is None and len(text) <= MAX_HEADING + 10:
            division = DIVISION.match(compact(text))  # 第 十 二 章
        if division and _is_division(division, line.md):
            level = DIVISION_LEVEL[division.group(2)]
            number = f"第{division.group(1)}{division.group(2)}"
            return Start("division", number, chinese_to_int(division.group(1)), division.group(4), level=level)
    if text[0] == "附":
        start = annex_start(line)
        if start:
            return start
    if len(text) <= 12:
        short = compact(text)
        if UNNUMBERED_CHAPTER.match(short):
            return Start("chapter_word", short, None, "", level="chapter")
        if PREAMBLE_HEADING.match(short):
            return Start("preamble_heading", short, None, "")
    item = CN_ITEM.match(text)
    if item:
        return Start("item", item.group(1), chinese_to_int(item.group(1)), text[item.end():])
    arabic = AR_ITEM.match(text)
    if arabic:
        return Start("arabic", arabic.group(1), chinese_to_int(arabic.group(1)), text[arabic.end():])
    if text[0] in "(（":
        paren = PAREN_ITEM.match(text)
        if paren:
            return Start("paren", paren.group(1), chinese_to_int(paren.group(1)), text[paren.end():])
    if line.md:
        return Start("heading", "", None, text)
    return None


def _article(text: str) -> Start | None:
    match = ARTICLE.match(text)
    if not match:
        match = ARTICLE_UNSPACED.match(text)
        if not match or CONTINUES_REFERENCE.match(text[match.end():]):
            return None
    number = compact(match.group(0)).rstrip(":：")
    sub = chinese_to_int(match.group(2)) if match.group(2) else None
    value = chinese_to_int(match.group(1).translate(DAMAGED_ONE))
    return Start("article", number, value, text[match.end():].strip(), sub=sub)


def annex_start(line: Line) -> Start | None:
    """An annex heading (附件一：… / 附表 / 附录), not a sentence that mentions an annex."""
    match = ANNEX.match(line.text) or ANNEX_BARE.match(line.text)
    if not match:
        return None
    rest = match.group(3).strip()
    if not line.md and (rest.endswith("。") or len(compact(match.group(0))) > 120):
        return None
    number = compact(match.group(1) + match.group(2))
    ordinal = chinese_to_int(match.group(2)) if match.group(2) else None
    return Start("annex", number, ordinal, rest)


def _is_division(match: re.Match[str], md: int) -> bool:
    """Whether a 第X章 match is a heading: marked by #, or a short title, not a sentence."""
    if md:
        return True
    title = match.group(4)
    if not match.group(3) and REFERENCE_WORD.match(title):
        return False
    return _heading_title(title)


def _heading_title(title: str) -> bool:
    """Whether the words after 第X章 read as a heading title rather than a sentence."""
    title = title.strip()
    return len(title) <= MAX_HEADING and not SENTENCE_END.search(title)


def is_heading_like(line: Line) -> bool:
    """Whether a line could be a table-of-contents entry (a heading, maybe with a page number)."""
    text = TOC_PAGE.sub("", line.text) or line.text
    start = recognise(Line(text, line.md))
    if start is None:
        return False
    if start.kind in ("division", "chapter_word", "preamble_heading", "annex"):
        return True
    return start.kind == "item" and _heading_title(start.rest) and len(text) <= 30


def toc_key(line: Line) -> str:
    """A TOC entry or heading reduced for matching: its number (第一章), else its words."""
    text = compact(TOC_PAGE.sub("", line.text) or line.text)
    division = DIVISION.match(text)
    return f"{division.group(1)}{division.group(2)}" if division else text


def skip_toc(body: list[Line]) -> tuple[list[Line], list[Line]]:
    """Split a leading table of contents off ``body``: ``(body_without_toc, toc_lines)``.

    A TOC is a 目录 / 目 录 line followed by heading-like lines; or, without the word, a
    run of headings near the start (after at most two other lines) with two of one level
    in a row, one of whose numbers comes back later as a real heading; or one heading
    line that lists several ("第一章 总则 第二章 任免范围 …"). A run ends where its first entry's number
    (第一章) comes back or a non-heading line starts.
    """
    word = next((i for i, ln in enumerate(body[:8]) if TOC.match(compact(ln.text))), None)
    first = word + 1 if word is not None else next(
        (i for i, ln in enumerate(body[:3]) if is_heading_like(ln)), None)
    if first is None:
        return body, []
    end = _toc_end(body, first)
    if word is not None:
        return body[:word] + body[end:], body[word:end]
    if end - first == 1 and _lists_headings(body[first]):
        return body[:first] + body[end:], body[first:end]
    run = body[first:end]
    if len(run) >= 2 and end < len(body) and _has_empty_division(run):
        keys = {toc_key(ln) for ln in run}
        if any(toc_key(ln) in keys for ln in body[end:] if is_heading_like(ln)):
            return body[:first] + body[end:], run
    return body, []


def _has_empty_division(run: list[Line]) -> bool:
    """Two headings of one level in a row (an empty chapter): a listing, not the body.

    "第一编 总则" then "第一章 …" is how a body starts; "第一章", "第二章" in a row is not.
    """
    levels = [start.level for ln in run if (start := recognise(Line(TOC_PAGE.sub("", ln.text) or ln.text, ln.md)))]
    return any(a is not None and a == b for a, b in zip(levels, levels[1:]))


def _toc_end(body: list[Line], first: int) -> int:
    end = first
    while end < len(body) and is_heading_like(body[end]):
        if end > first and toc_key(body[end]) == toc_key(body[first]):
            break
        end += 1
    return end


def _lists_headings(line: Line) -> bool:
    """A heading line that goes on to name further divisions: a one-line TOC."""
    start = recognise(line)
    return (start is not None and start.kind == "division"
            and re.search(rf"第\s*{NUM}\s*(?:分编|编|章|节)", start.rest) is not None)


def skip_title_repeat(body: list[Line], title: str) -> list[Line]:
    """``body`` without leading lines that only repeat the title (often split over lines)."""
    wanted = compact(title)
    if not wanted:
        return body
    text = ""
    for count, line in enumerate(body[:3], 1):
        if recognise(line) is not None and not line.md:
            break
        text += compact(line.text)
        if text == wanted:
            return body[count:]
        if not wanted.startswith(text):
            break
    return body
