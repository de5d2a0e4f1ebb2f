"""Parse a decoded legislation text into a ``Document`` of provisions.

Public API:

- ``parse(source, doc_id) -> Document``: title, adoption note and date, enacting body,
  session, revision history, effective date, and the alignable provisions: the preamble,
  then articles ``第X条`` (or decision items ``一、``), then annexes (附件 / 附表 / 附录).
  Each provision carries its paragraphs (款, as displayed, number prefix removed), its
  ``part`` / ``subpart`` / ``chapter`` / ``section`` headings (编 / 分编 / 章 / 节), its
  clause tree (款 / 项 ``（一）`` / 目 ``1.``) and a stable id from its place in the tree
  (``ch2/art10``, ``art10-1`` for 第十条之一, ``annex1``). Raises ``InputError``
  ("no_structure") when the text has no recognisable provision.
- ``corpus_stats`` / ``format_stats`` (``compare.structure.corpus``): parse a whole
  directory and summarise what was found.

Reading: the text is cut into cleaned lines (``lines``): Markdown heading marks, HTML
comments, YAML front matter and zero-width characters go; a lawrefbook header ends at
``<!-- INFO END -->``, an official one after the title and its bracketed notes
(``metadata``). Lines that repeat the title and a leading table of contents (目录) are
skipped. Each body line is then a heading, a provision start, or a paragraph of the
provision before it (``tree``).

The *body* is every line after the header, the repeated title and the table of contents.
Every body line is either a heading (编 / 分编 / 章 / 节, an unnumbered 附则, a Markdown
``#`` line, or the short second line of a heading broken in two) or provision text:
joined in order, the provisions' paragraphs are exactly the body's text lines, with each
provision's number prefix (``第十条``, ``一、``, ``附件一：``) removed from its first
line. Nothing else is dropped or rewritten (a lost line break before an article is
restored, and reported).

Annexes (附件 / 附件一： / 附表 / 附录 / 附： after the body) become provisions of kind
"annex" (ids ``annex1``…) holding every following line; ``第X条`` lines of an annexed
regulation stay paragraphs of its annex (they number another text, and would otherwise
restart this one's numbering). Text under a heading before its first provision becomes a
provision of kind "text".

Anomalies are reported in ``Document.warnings`` as ``"kind:detail"`` strings, never
silently fixed: see ``compare.structure.anomalies`` for the kinds.
"""

from __future__ import annotations

import dataclasses
import re

from ..errors import InputError
from ..model import Clause, Document, Provision, SourceText
from .lines import Line, clean_lines, recognise, skip_title_repeat, skip_toc
from .metadata import Header, enacting_body, effective, split_lawrefbook, split_plain, unfinished
from ..numerals import parse_date
from .anomalies import warning_kind
from .tree import build_tree, choose_scheme

__all__ = ["PARSER_VERSION", "parse", "parse_paragraphs", "read_header"]

# Bump when ``parse`` reads the same text into different provisions (2: headings that lost
# their 第X章 / 第X节 are headings; 3: 自…施行 without 起, and a regulation that never says when it
# takes effect is flagged): a stored corpus index then re-reads every file.
PARSER_VERSION = 3


def parse(source: SourceText, doc_id: str) -> Document:
    """Parse ``source`` into a ``Document`` or raise ``InputError`` if it has no provisions."""
    header, body = read_header(source.text)
    body, _toc = skip_toc(skip_title_repeat(body, header.title))
    starts = [recognise(line) for line in body]
    scheme = choose_scheme(body, starts)
    if scheme is None:
        raise InputError(source.path, "no_structure")
    tree = build_tree(body, starts, scheme)
    provisions, notes = without_footnotes(list(tree.provisions))
    body_name, session = enacting_body(header)
    takes_effect = effective(tree.provisions, header)
    return _document(source, doc_id, header, provisions,
                     tuple(source.warnings) + tuple(expected_numbering(tree.warnings, header)) + tuple(notes)
                     + tuple(unfinished(header.title, provisions, takes_effect)),
                     enacting_body=body_name, session=session, effective=takes_effect)


def _document(source: SourceText, doc_id: str, header: Header, provisions: list[Provision] | tuple[Provision, ...],
              warnings: tuple[str, ...], **more: str | None) -> Document:
    """The ``Document`` of ``source``: its header's title, adoption and history, its provisions."""
    note = header.adoption_note
    return Document(id=doc_id, source=source, title=header.title, adoption_note=note,
                    adopted=parse_date(note) if note else None, provisions=tuple(provisions), warnings=warnings,
                    revisions=header.revisions, version_date=_version_date(note, header.revisions), **more)


def parse_paragraphs(source: SourceText, doc_id: str) -> Document:
    """A text without articles or items (a 批复: addressee, 你院…收悉, the answer, 此复) as one
    body of paragraphs (a provision of kind "preamble"), for instructions that address its
    段 (将第二段修改为, 将正文第一段修改为); ``InputError`` if it has no text at all."""
    header, body = read_header(source.text)
    lines = tuple(line.text.strip() for line in skip_title_repeat(body, header.title) if line.text.strip())
    if not lines:
        raise InputError(source.path, "no_structure")
    provision = Provision("preamble", "preamble", "序言", None, lines,
                          clauses=tuple(Clause(f"preamble/p{i}", "paragraph", "", line) for i, line in enumerate(lines, 1)))
    return _document(source, doc_id, header, (provision,), tuple(source.warnings))


_FOOTNOTE = re.compile(r"^[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳][\s\u3000]")


def without_footnotes(provisions: list[Provision]) -> tuple[list[Provision], list[str]]:
    """The provisions without an editor's footnote printed under the last one (① 刑法、历次刑法
    修正案…的施行日期…确定: a collection's note, not the law), and a warning for each; a
    circled number that numbers the article's own items is left alone."""
    last = max((i for i, p in enumerate(provisions) if p.kind in ("article", "item")), default=None)
    if last is None:
        return provisions, []
    prov = provisions[last]
    lines = list(prov.paragraphs)
    notes: list[str] = []
    while len(lines) > 1 and _FOOTNOTE.match(lines[-1]) and not any(_FOOTNOTE.match(x[:1] + " ") for x in lines[:-1]):
        notes.append(f"footnote:{prov.number}")
        lines.pop()
    if not notes:
        return provisions, []
    clauses = prov.clauses[:len(lines)] if len(prov.clauses) == len(prov.paragraphs) else prov.clauses
    out = list(provisions)
    out[last] = dataclasses.replace(prov, paragraphs=tuple(lines), clauses=clauses)
    return out, notes


_AMENDMENT_TITLE = re.compile(r"修正案|关于修改.*的决定")
_PART_TITLE = re.compile(r"(编|附则|总则)$")
_NUMBERING = ("skipped_number", "repeated_number", "out_of_order")


def expected_numbering(warnings: list[str], header: Header) -> list[str]:
    """``warnings`` without those a well-formed text of this kind always has.

    An amendment instrument (宪法修正案, 关于修改…的决定) numbers its articles on from the
    instruments before it and quotes the amended articles and headings, so its numbering is
    not checked; a text published as one part of a code (民法典 物权编) starts where the part
    starts, so only where its articles start is not checked.
    """
    if _AMENDMENT_TITLE.search(header.title):
        return [w for w in warnings if warning_kind(w) not in _NUMBERING]
    if any(_PART_TITLE.search(sub) for sub in header.subtitles):
        return [w for w in warnings if not (w.startswith("skipped_number:第") and "条 (first)" in w)]
    return list(warnings)


def _version_date(note: str | None, revisions: tuple[str, ...]) -> str | None:
    """The latest date among the adoption note and the revision notes."""
    dates = [d for d in (parse_date(text) for text in (note or "", *revisions)) if d]
    return max(dates) if dates else None


def read_header(text: str) -> tuple[Header, list[Line]]:
    """The header (title, notes) of ``text`` and its body lines, before any TOC is skipped."""
    head, body = clean_lines(text)
    if body is None:
        return split_plain(head)
    return split_lawrefbook(head), body
