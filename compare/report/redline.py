"""A redline .docx: one version's text with its changes against the base as Word tracked
changes, so a drafter can accept or reject each one in Word or LibreOffice.

Public API:

- ``redline_bytes(comparison, doc_id=None, lang="zh") -> bytes``: the .docx of ``doc_id``
  (default: the first document that is not the base) against the base.
- ``build_redline(comparison, doc_id=None, lang="zh")``: the python-docx ``Document``.

Each aligned row becomes one paragraph "number　text" (a new paragraph for each "\\n" of the
provision). What the base has and the version lacks is a deletion (``w:del`` with
``w:delText``), what the version adds an insertion (``w:ins``), each with ``w:author`` (the
version's column name) and ``w:date`` (its version date). An equivalent reading (a
punctuation or wording the classifier accepts) is still a change of text, so it is tracked
too. Paragraph marks that only one side has are tracked on the paragraph (``w:pPr/w:rPr``),
and chapter headings change where either side's chapter does. Hence: accepting every
change gives the version's text, rejecting every change gives the base text (rows in the
base's order: a provision the version moved stands where the base has it).

Deterministic (fixed core properties and zip times), like the other outputs.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ..model import AlignmentRow, Comparison
from ..visible import visible
from .word import apply_page_setup, reproducible_zip, set_fonts
from .labels import LABELS
from .navigation import document_labels

__all__ = ["redline_bytes", "build_redline", "pieces_of_row", "chapter_pieces"]

PLAIN, INS, DEL = "plain", "ins", "del"
SEPARATOR = "\u3000"  # between a provision's number and its text, as laws are printed


def redline_bytes(comparison: Comparison, doc_id: str | None = None, lang: str = "zh") -> bytes:
    """The redline .docx as bytes (reproducible zip)."""
    buffer = io.BytesIO()
    build_redline(comparison, doc_id, lang).save(buffer)
    return reproducible_zip(buffer.getvalue())


def build_redline(comparison: Comparison, doc_id: str | None = None, lang: str = "zh") -> Any:
    """The python-docx Document of ``doc_id``'s text tracked against the base."""

    version = _version(comparison, doc_id)
    base = next(d for d in comparison.documents if d.id == comparison.base)
    author = document_labels(comparison)[version.id]
    date = f"{version.version_date or version.adopted or '2000-01-01'}T00:00:00Z"
    doc = Document()
    title = f"{LABELS[lang]['redline_title']}{LABELS[lang]['colon']}{visible(version.title)}"
    apply_page_setup(doc, title, lang, version.version_date, landscape=False)
    writer = _Writer(doc.element.body, author, date)
    writer.paragraph(_changed(visible(base.title), visible(version.title)) + [(PLAIN, "\n")], heading=True)
    chapters: tuple[str | None, str | None] = (None, None)
    for row in comparison.rows:
        heading, chapters = chapter_pieces(chapters, row, comparison.base, version.id)
        if heading:
            writer.paragraph(heading, heading=True)
        writer.paragraph(list(pieces_of_row(row, comparison.base, version.id)))
    writer.finish()
    return doc


def _version(comparison: Comparison, doc_id: str | None) -> Any:
    others = [d for d in comparison.documents if d.id != comparison.base]
    if doc_id is None:
        return others[0]
    return next(d for d in others if d.id == doc_id)


def _changed(old: str, new: str) -> list[tuple[str, str]]:
    """``old`` replaced by ``new`` (plain when they are equal)."""
    if old == new:
        return [(PLAIN, new)] if new else []
    return [p for p in ((DEL, old), (INS, new)) if p[1]]


def _chapter(row: AlignmentRow, doc_id: str) -> str | None:
    cell = row.cells.get(doc_id)
    return cell.provisions[0].chapter if cell is not None else None


def pieces_of_row(row: AlignmentRow, base_id: str, doc_id: str) -> Iterator[tuple[str, str]]:
    """(kind, text) pieces of one row; "\\n" ends a paragraph, its kind is the mark's."""
    old, new = row.cells.get(base_id), row.cells.get(doc_id)
    if old is None and new is None:
        return
    if new is None:
        yield from ((DEL, old.number + SEPARATOR + old.text), (DEL, "\n"))
        return
    if old is None:
        yield from ((INS, new.number + SEPARATOR + new.text), (INS, "\n"))
        return
    yield from _changed(old.number, new.number)
    yield PLAIN, SEPARATOR
    spans = row.spans.get(doc_id)
    if not spans:
        yield from _changed(old.text, new.text)
    for span in spans or ():
        if span.op == "delete":
            yield DEL, span.old
        elif span.op == "insert":
            yield INS, span.new
        else:
            yield from _changed(span.old, span.new)
    yield PLAIN, "\n"


def chapter_pieces(previous: tuple[str | None, str | None], row: AlignmentRow, base_id: str,
                   doc_id: str) -> tuple[list[tuple[str, str]], tuple[str | None, str | None]]:
    """A heading paragraph where the base's or the version's chapter changes at ``row``."""
    old = _chapter(row, base_id) if row.cells.get(base_id) is not None else previous[0]
    new = _chapter(row, doc_id) if row.cells.get(doc_id) is not None else previous[1]
    old_changed, new_changed = old != previous[0] and old, new != previous[1] and new
    if not old_changed and not new_changed:
        return [], (old, new)
    if old_changed and new_changed:
        return _changed(old, new) + [(PLAIN, "\n")], (old, new)
    if old_changed:
        return [(DEL, old), (DEL, "\n")], (old, new)
    return [(INS, new), (INS, "\n")], (old, new)


class _Writer:
    """Appends paragraphs of tracked runs to a document body."""

    def __init__(self, body: Any, author: str, date: str) -> None:
        self.body, self.author, self.date = body, author, date
        self.sect = body.find(qn("w:sectPr"))
        self.next_id = 1
        self.current: Any = None
        self.heading = False

    def paragraph(self, pieces: list[tuple[str, str]], heading: bool = False) -> None:
        """Write ``pieces``; each "\\n" closes a paragraph with a mark of that piece's kind."""
        self.heading = heading
        for kind, text in pieces:
            for i, part in enumerate(text.split("\n")):
                if i:
                    self._close(kind)
                if part:
                    self._run(kind, part)

    def finish(self) -> None:
        if self.current is not None:
            self._close(PLAIN)

    def _open(self) -> Any:
        if self.current is None:
            self.current = OxmlElement("w:p")
            ppr = OxmlElement("w:pPr")
            if self.heading:
                jc = OxmlElement("w:jc")
                jc.set(qn("w:val"), "center")
                ppr.append(jc)
            self.current.append(ppr)
        return self.current

    def _close(self, kind: str) -> None:
        paragraph = self._open()
        if kind != PLAIN:
            rpr = OxmlElement("w:rPr")
            rpr.append(self._mark(kind))
            paragraph.find(qn("w:pPr")).append(rpr)
        if self.sect is not None:
            self.sect.addprevious(paragraph)
        else:
            self.body.append(paragraph)
        self.current = None

    def _mark(self, kind: str) -> Any:
        mark = OxmlElement(f"w:{kind}")
        mark.set(qn("w:id"), str(self.next_id))
        mark.set(qn("w:author"), self.author)
        mark.set(qn("w:date"), self.date)
        self.next_id += 1
        return mark

    def _run(self, kind: str, text: str) -> None:
        run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        run.append(rpr)
        set_fonts(rpr, heading=self.heading)
        if self.heading:
            rpr.append(OxmlElement("w:b"))
        t = OxmlElement("w:delText" if kind == DEL else "w:t")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = text
        run.append(t)
        if kind == PLAIN:
            self._open().append(run)
        else:
            wrapper = self._mark(kind)
            wrapper.append(run)
            self._open().append(wrapper)
