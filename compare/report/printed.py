"""A text as it is printed: what the parser set aside around the provisions, read back from
the source so that a redline or a 修改前/修改后 cell shows each text exactly.

Public API:

- ``printed(document) -> Printed``: the title line and the header notes as written (the
  adoption line ``（2023年11月29日…通过）`` with its brackets, revision notes), and for each
  provision the heading lines printed just before it (编 / 章 / 节 / 附则…) and its number
  prefix as written (``一、``, ``第一条　``, ``第一条 ``, ``附件一：``).

The source's lines are cleaned as the parser cleans them (``structure.lines.clean_lines``:
Markdown marks, comments and invisible characters go) and walked in step with the
provisions: a provision's first paragraph ends the line its number starts, the lines
between two provisions are headings. A table of contents and title repeats are left out,
as the parser leaves them out. Where the source and the provisions do not meet (a line
break the parser restored, a text read back without its source), the provision gets the
usual prefix (``第一条　``, ``一、``) and no heading lines: never an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Document, Provision
from ..structure.lines import clean_lines, compact, skip_title_repeat, skip_toc
from ..structure.metadata import split_lawrefbook, split_plain

__all__ = ["Printed", "printed", "default_prefix"]

WINDOW = 12  # body lines searched ahead for a provision's first line (headings between two provisions)
MAX_PREFIX = 8  # characters a prefix may add to the number ("第一条　", "（一）", "附件一：")


@dataclass(frozen=True)
class Printed:
    """The title, header notes and, per provision id, its heading lines and number prefix."""

    title: str
    notes: tuple[str, ...]
    headings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    prefixes: dict[str, str] = field(default_factory=dict)

    def prefix(self, provision: Provision) -> str:
        """The provision's number as printed before its text (with the separator)."""
        return self.prefixes.get(provision.id, default_prefix(provision))

    def lead(self, provision: Provision) -> tuple[str, ...]:
        """The heading lines printed just before the provision."""
        return self.headings.get(provision.id, ())


def default_prefix(provision: Provision) -> str:
    """How a provision's number is usually printed: ``第一条　``, ``一、``, none for a preamble."""
    if provision.kind in ("preamble", "text") or not provision.number:
        return ""
    if provision.kind == "item":
        return provision.number + "、"
    return provision.number + "\u3000"


def printed(document: Document) -> Printed:
    """The printed form of ``document`` read from its source (see the module docstring)."""
    head, body = clean_lines(document.source.text)
    if body is None:
        header, body = split_plain(head)
        notes = head[1:len(head) - len(body)] if header.title else []
    else:
        header, notes = split_lawrefbook(head), head[1:]
    if not head or compact(header.title) != compact(document.title):
        return Printed(document.title, ())
    body, _toc = skip_toc(skip_title_repeat(body, header.title))
    lines = [line.text for line in body]
    headings: dict[str, tuple[str, ...]] = {}
    prefixes: dict[str, str] = {}
    used: set[int] = set()  # lines that are a provision's number or paragraphs
    unsaid = search = 0  # the first line not yet said, and where the next provision is looked for
    for prov in document.provisions:
        found = _first_line(lines, search, prov)
        if found is None:
            continue
        at, prefix = found
        headings[prov.id] = tuple(lines[k] for k in range(unsaid, at) if k not in used)
        prefixes[prov.id] = prefix
        unsaid = search = at + 1 + prefix.count("\n")
        used.update(range(at, unsaid))
        for paragraph in prov.paragraphs[1:]:  # a heading the parser read past stays with the next provision
            k = next((k for k in range(search, min(search + WINDOW, len(lines))) if lines[k] == paragraph), None)
            if k is not None:
                used.add(k)
                search = k + 1
    return Printed(header.title, tuple(line.text for line in notes), headings, prefixes)


def _first_line(lines: list[str], start: int, prov: Provision) -> tuple[int, str] | None:
    """(index, prefix) of the line that starts ``prov`` at or after ``start``, else None; a
    number on a line of its own (``附件：`` above the annex's title) is a prefix ending in "\\n"."""
    first = prov.paragraphs[0] if prov.paragraphs else ""
    number = compact(prov.number)

    def numbering(prefix: str) -> bool:
        return bool(number) and number in compact(prefix) and len(prefix) <= len(prov.number) + MAX_PREFIX

    for at in range(start, min(start + WINDOW, len(lines))):
        line = lines[at]
        if not line.endswith(first):
            continue
        prefix = line[:len(line) - len(first)]
        if prov.kind in ("preamble", "text"):
            if not prefix:
                return at, ""
        elif numbering(prefix):
            return at, prefix
        elif not prefix and at > start and numbering(lines[at - 1]):
            return at - 1, lines[at - 1] + "\n"
    return None
