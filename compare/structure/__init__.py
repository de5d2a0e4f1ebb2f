"""Parse a decoded legislation text into a ``Document`` of provisions.

Public API:

- ``parse(source, doc_id) -> Document``: title, adoption note and date, preamble, and the
  alignable provisions (articles ``第X条`` inside chapters ``第X章``, or decision items
  ``一、``), each with its paragraphs (款) and a stable id from its place in the tree.
  Raises ``InputError`` when the text has no recognisable provision.

The parser reads line by line; a line is a heading, a provision start, or a paragraph of
the provision before it. Markdown markup (``#`` headings, HTML comments, the lawrefbook
``<!-- INFO END -->`` marker) is understood, not required.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import InputError
from ..ingest import comparison_form
from ..model import Document, Provision, SourceText
from .numbers import chinese_to_int, parse_date

_NUM = r"[零〇一二三四五六七八九十百千两\d０-９]+"
ARTICLE = re.compile(rf"^第\s*({_NUM})\s*条(?:\s*之\s*({_NUM}))?(?:[\s　:：]+|$)")
ITEM = re.compile(rf"^({_NUM})\s*[、．.]\s*")
DIVISION = re.compile(rf"^第\s*({_NUM})\s*([编章节])(?!的|规定|所)[^。，；,;]{{0,30}}$")
ADOPTION = re.compile(r"(通过|批准|修正|修订|公布|施行|发布)")
COMMENT = re.compile(r"<!--.*?-->")
SPACED = re.compile(r"(?<=\S)[ 　\u3000]+(?=\S)")


@dataclass
class _Builder:
    """Mutable state while reading lines; produces the immutable ``Provision`` list."""

    style: str  # "article" or "item"
    chapter: str | None = None
    chapter_no: int | None = None
    provisions: list[Provision] = field(default_factory=list)
    current: dict | None = None
    seen_ids: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)

    def start(self, kind: str, number: str, ordinal: int | None, sub: int | None, first: str) -> None:
        self.flush()
        base = "art" if kind == "article" else "item"
        pid = f"{base}{ordinal}" + (f"-{sub}" if sub else "")
        if self.chapter_no is not None and kind == "article":
            pid = f"ch{self.chapter_no}/{pid}"
        if pid in self.seen_ids:
            self.warnings.append(f"repeated_number:{number}")
            n = 2
            while f"{pid}~{n}" in self.seen_ids:
                n += 1
            pid = f"{pid}~{n}"
        self.seen_ids.add(pid)
        self.current = {"id": pid, "kind": kind, "number": number, "ordinal": ordinal,
                        "paragraphs": [first] if first else [], "chapter": self.chapter}

    def add(self, line: str) -> None:
        assert self.current is not None
        self.current["paragraphs"].append(line)

    def flush(self) -> None:
        if self.current is not None:
            cur = self.current
            self.provisions.append(Provision(cur["id"], cur["kind"], cur["number"], cur["ordinal"],
                                             tuple(cur["paragraphs"]), cur["chapter"]))
            self.current = None


def parse(source: SourceText, doc_id: str) -> Document:
    """Parse ``source`` into a ``Document`` or raise ``InputError`` if it has no provisions."""
    lines = _clean_lines(source.text)
    style = _provision_style(lines)
    if style is None:
        raise InputError(source.path, "no_structure")
    title, header, body = _split_header(lines, style)
    builder = _Builder(style)
    preamble: list[str] = []
    for line in body:
        _read_line(builder, line, preamble)
    builder.flush()
    provisions = builder.provisions
    if preamble:
        provisions.insert(0, Provision("preamble", "preamble", "序言", None, tuple(preamble)))
    note = next((h for h in header if ADOPTION.search(h)), None)
    builder.warnings.extend(_numbering_warnings(provisions))
    return Document(
        id=doc_id,
        source=source,
        title=title,
        adoption_note=note,
        adopted=parse_date(note) if note else None,
        provisions=tuple(provisions),
        warnings=tuple(builder.warnings),
    )


def _read_line(builder: _Builder, line: str, preamble: list[str]) -> None:
    compact = SPACED.sub("", line) if len(line) < 40 else line
    division = DIVISION.match(compact)
    if division and builder.style == "article" and not ARTICLE.match(compact):
        builder.flush()
        if division.group(2) == "章":
            builder.chapter = SPACED.sub(" ", line)
            builder.chapter_no = chinese_to_int(division.group(1))
        return
    start = ARTICLE.match(line) if builder.style == "article" else ITEM.match(line)
    if start:
        number = start.group(0).strip().rstrip("、．.:：").strip() if builder.style == "article" else start.group(1)
        ordinal = chinese_to_int(start.group(1))
        sub = chinese_to_int(start.group(2)) if builder.style == "article" and start.group(2) else None
        builder.start(builder.style, number, ordinal, sub, line[start.end():].strip())
    elif builder.current is not None:
        builder.add(line)
    elif builder.chapter is None:
        preamble.append(line)


def _clean_lines(text: str) -> list[str]:
    """Non-empty lines with markdown comments and heading marks removed."""
    text = COMMENT.sub("", text.replace("<!-- INFO END -->", "\n\x00INFO_END\n"))
    out = []
    for raw in text.split("\n"):
        line = raw.strip().strip("\u200b\ufeff").strip()
        line = re.sub(r"^#+\s*", "", line)
        if line:
            out.append(line)
    return out


def _provision_style(lines: list[str]) -> str | None:
    """ "article" when the text has 第X条 lines, "item" for 一、 lists, else None."""
    articles = sum(1 for line in lines if ARTICLE.match(line))
    if articles >= 1:
        return "article"
    items = [chinese_to_int(m.group(1)) for line in lines if (m := ITEM.match(line))]
    return "item" if 1 in items else None


def _split_header(lines: list[str], style: str) -> tuple[str, list[str], list[str]]:
    """Split off the title and header notes (adoption, revisions) before the body."""
    if "\x00INFO_END" in lines:
        end = lines.index("\x00INFO_END")
        head, body = lines[:end], lines[end + 1:]
        return (head[0] if head else ""), head[1:], [ln for ln in body if ln != "\x00INFO_END"]
    title, rest = lines[0], lines[1:]
    header: list[str] = []
    while rest and _is_header_note(rest[0], style):
        header.append(rest.pop(0).strip("()（）"))
    return title, header, rest


def _is_header_note(line: str, style: str) -> bool:
    if ARTICLE.match(line) or (style == "item" and ITEM.match(line)) or DIVISION.match(SPACED.sub("", line)):
        return False
    bracketed = line[:1] in "(（" and line[-1:] in ")）"
    return bracketed or (len(line) < 200 and bool(ADOPTION.search(line)) and "年" in line
                         and not comparison_form(line).endswith("："))


def _numbering_warnings(provisions: list[Provision]) -> list[str]:
    """Report skipped or out-of-order numbers instead of silently accepting them."""
    warnings: list[str] = []
    last = 0
    for prov in provisions:
        if prov.ordinal is None or "-" in prov.id.rsplit("/", 1)[-1]:
            continue
        if prov.ordinal > last + 1:
            warnings.append(f"skipped_number:{prov.number}")
        elif prov.ordinal <= last and "~" not in prov.id:
            warnings.append(f"out_of_order:{prov.number}")
        last = max(last, prov.ordinal)
    return warnings
