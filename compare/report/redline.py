"""Redline .docx files: each text compared with the base, its changes as Word tracked changes,
so a drafter can accept or reject each one in Word or LibreOffice.

Public API:

- ``redline_files(comparison, lang="zh") -> {file name: bytes}``: one file per text that is
  not the base, named ``redline_name(doc_id)`` (``ID.redline.docx``).
- ``redline_name(doc_id) -> str``: the file name of a text's redline.
- ``redline_bytes(comparison, doc_id=None, lang="zh") -> bytes``: the .docx of ``doc_id``
  (default: the first document that is not the base) against the base.
- ``build_redline(comparison, doc_id=None, lang="zh")``: the python-docx ``Document``.

The file holds the text as printed (``report.printed``): the title, the header notes (the
adoption line ``（…通过）`` and revision notes, as written), the headings (编 / 章 / 节…)
and each provision, its number as written (``一、``, ``第一条　``) before its text, one
paragraph per paragraph of the source. What the base has and the version lacks is a
deletion (``w:del`` with ``w:delText``), what the version adds an insertion (``w:ins``),
each with ``w:author`` (the version's column name) and ``w:date`` (its version date);
paragraph marks that only one side has are tracked on the paragraph (``w:pPr/w:rPr``).
Hence accepting every change gives exactly the version's text and rejecting every change
the base text (a table of contents and title repeats left out, as the comparison leaves
them out).

Provisions paired in a row are diffed word by word (the row's spans); rows that keep both
texts' order are kept in place, and every other provision (added, deleted, moved out of
order) is deleted where the base has it and inserted where the version has it.
Deterministic (fixed core properties and zip times), like the other outputs.
"""

from __future__ import annotations

import difflib
import io
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import zip_longest
from typing import Any, NamedTuple

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ..model import AlignmentRow, Comparison, Provision
from ..model import Document as Text
from ..visible import visible
from .labels import LABELS
from .navigation import document_labels
from .printed import Printed, printed
from .word import BODY_PT, HEADING_PT, apply_page_setup, reproducible_zip, set_fonts

__all__ = ["redline_files", "redline_name", "redline_bytes", "build_redline"]

PLAIN, INS, DEL = "plain", "ins", "del"
TITLE, NOTE, HEADING, BODY = "title", "note", "heading", "body"  # paragraph styles
FINE_RATIO = 0.5  # below this similarity two lines are replaced whole, not character by character
MIN_KEPT = 2  # characters: a shorter agreement between two changes is part of one change ("北京市" → "河北省")


class Piece(NamedTuple):
    """A run of text: plain, inserted or deleted; each "\\n" ends a paragraph of ``style``."""

    kind: str
    text: str
    style: str = BODY


def redline_name(doc_id: str) -> str:
    """``ID.redline.docx``: a text's redline is named after its id (its file name's stem)."""
    return f"{doc_id}.redline.docx"


def redline_files(comparison: Comparison, lang: str = "zh") -> dict[str, bytes]:
    """The redline of every text that is not the base, by file name, in document order."""
    return {redline_name(d.id): redline_bytes(comparison, d.id, lang)
            for d in comparison.documents if d.id != comparison.base}


def redline_bytes(comparison: Comparison, doc_id: str | None = None, lang: str = "zh") -> bytes:
    """The redline .docx as bytes (reproducible zip)."""
    buffer = io.BytesIO()
    build_redline(comparison, doc_id, lang).save(buffer)
    return reproducible_zip(buffer.getvalue())


def build_redline(comparison: Comparison, doc_id: str | None = None, lang: str = "zh") -> Any:
    """The python-docx Document of ``doc_id``'s text tracked against the base."""
    others = [d for d in comparison.documents if d.id != comparison.base]
    version = others[0] if doc_id is None else next(d for d in others if d.id == doc_id)
    base = next(d for d in comparison.documents if d.id == comparison.base)
    doc = Document()
    title = f"{LABELS[lang]['redline_title']}{LABELS[lang]['colon']}{visible(version.title)}"
    apply_page_setup(doc, title, lang, version.version_date, landscape=False)
    date = f"{version.version_date or version.adopted or '2000-01-01'}T00:00:00Z"
    writer = _Writer(doc.element.body, document_labels(comparison)[version.id], date)
    writer.write(unmerged(text_pieces(comparison.rows, base, version)))
    return doc


def text_pieces(rows: Sequence[AlignmentRow], base: Text, version: Text) -> list[Piece]:
    """The whole redline of ``version`` against ``base`` as pieces (see the module docstring)."""
    old, new = printed(base), printed(version)
    pieces = _lines([visible(old.title)], [visible(new.title)], TITLE)
    pieces += _lines([visible(n) for n in old.notes], [visible(n) for n in new.notes], NOTE)
    sides = _Side(base, old), _Side(version, new)
    for unit in _units(rows, *sides):
        if isinstance(unit, AlignmentRow):
            pieces += _paired(unit, *sides)
        else:
            kind, prov = unit
            side = sides[kind == INS]
            pieces += _whole(kind, side.lead(prov) + [side.printed.prefix(prov) + prov.text])
    return pieces


class _Side:
    """One text of the redline: its provisions by id and where each stands."""

    def __init__(self, doc: Text, shown: Printed) -> None:
        self.doc, self.printed = doc, shown
        self.index = {p.id: i for i, p in enumerate(doc.provisions)}

    def span(self, row: AlignmentRow) -> tuple[int, int] | None:
        """(first, last) index of the row's provisions of this text when they follow each other."""
        cell = row.cells.get(self.doc.id)
        if cell is None or not cell.provisions or any(p.id not in self.index for p in cell.provisions):
            return None
        found = [self.index[p.id] for p in cell.provisions]
        return (found[0], found[-1]) if found == list(range(found[0], found[-1] + 1)) else None

    def lead(self, prov: Provision) -> list[str]:
        return [visible(line) for line in self.printed.lead(prov)]


def _units(rows: Sequence[AlignmentRow], base: _Side, version: _Side) -> Iterable[Any]:
    """Rows kept in place (paired), and ``(DEL, provision)`` / ``(INS, provision)`` for every
    other provision, each text's provisions in its own order."""
    used: dict[tuple[str, str], int] = {}  # how many rows hold each provision
    place: dict[tuple[str, str], int] = {}  # the first row that holds it
    for r, row in enumerate(rows):
        for side in (base, version):
            cell = row.cells.get(side.doc.id)
            for p in cell.provisions if cell is not None else ():
                used[(side.doc.id, p.id)] = used.get((side.doc.id, p.id), 0) + 1
                place.setdefault((side.doc.id, p.id), r)
    candidates = []
    for r, row in enumerate(rows):
        old, new = base.span(row), version.span(row)
        if old and new and all(used[(s.doc.id, p.id)] == 1 for s in (base, version)
                               for p in row.cells[s.doc.id].provisions):
            candidates.append((old, new, r))
    kept = _increasing(candidates)
    b_next = v_next = 0
    for old, new, r in kept + [((len(base.doc.provisions),) * 2, (len(version.doc.provisions),) * 2, len(rows))]:
        gone = [(place.get((base.doc.id, p.id), r), DEL, p) for p in base.doc.provisions[b_next:old[0]]]
        added = [(place.get((version.doc.id, p.id), r), INS, p) for p in version.doc.provisions[v_next:new[0]]]
        yield from ((kind, p) for _, kind, p in _merge(gone, added))
        if r < len(rows):
            yield rows[r]
        b_next, v_next = old[1] + 1, new[1] + 1


def _increasing(candidates: list[tuple[tuple[int, int], tuple[int, int], int]]) -> list[Any]:
    """The longest chain of rows whose provisions come in order in both texts."""
    candidates.sort(key=lambda c: c[0][0])
    tails: list[int] = []  # version start of the chain of each length's smallest ending
    ends: list[int] = []  # candidate index of those ends
    before: list[int] = []
    for i, (_, new, _r) in enumerate(candidates):
        at = bisect_left(tails, new[0])
        if at == len(tails):
            tails.append(new[0])
            ends.append(i)
        else:
            tails[at], ends[at] = new[0], i
        before.append(ends[at - 1] if at else -1)
    chain, i = [], ends[-1] if ends else -1
    while i >= 0:
        chain.append(candidates[i])
        i = before[i]
    return chain[::-1]


def _merge(gone: list[Any], added: list[Any]) -> list[Any]:
    """Deleted and inserted provisions interleaved by their rows, each side in its own order."""
    out, i, j = [], 0, 0
    while i < len(gone) or j < len(added):
        if j == len(added) or (i < len(gone) and gone[i][0] <= added[j][0]):
            out.append(gone[i])
            i += 1
        else:
            out.append(added[j])
            j += 1
    return out


def _whole(kind: str, lines: list[str]) -> list[Piece]:
    """Lines (headings, then a provision) wholly deleted or inserted; the last is the text."""
    return [Piece(kind, line + "\n", HEADING if i < len(lines) - 1 else BODY) for i, line in enumerate(lines)]


def _paired(row: AlignmentRow, base: _Side, version: _Side) -> list[Piece]:
    """A row kept in place: each side's headings and number, then the text diffed word by word;
    where a further provision of a split or merged cell begins, its headings and number."""
    olds, news = row.cells[base.doc.id].provisions, row.cells[version.doc.id].provisions  # type: ignore[union-attr]
    old_starts, new_starts = _starts(olds), _starts(news)
    pieces = _leads(base, olds[0], version, news[0])
    counts = [0, 0]  # paragraphs started on each side
    for kind, text in _span_pieces(row, base.doc.id, version.doc.id):
        for i, part in enumerate(text.split("\n")):
            if i:
                pieces.append(Piece(kind, "\n"))
                old = new = None
                if kind != INS:
                    counts[0] += 1
                    old = old_starts.get(counts[0])
                if kind != DEL:
                    counts[1] += 1
                    new = new_starts.get(counts[1])
                pieces += _leads(base, old, version, new)
            if part:
                pieces.append(Piece(kind, part))
    return pieces + [Piece(PLAIN, "\n")]


def _starts(provisions: tuple[Provision, ...]) -> dict[int, Provision]:
    """Paragraph index (in the cell) → the provision beginning there, after the first."""
    out, index = {}, 0
    for prov in provisions:
        if index:
            out[index] = prov
        index += max(len(prov.paragraphs), 1)
    return out


def _leads(base: _Side, old: Provision | None, version: _Side, new: Provision | None) -> list[Piece]:
    """Heading lines and number of the provisions beginning here on either side."""
    pieces = _lines(base.lead(old) if old else [], version.lead(new) if new else [], HEADING)
    return pieces + [Piece(k, t) for k, t in _fine(base.printed.prefix(old) if old else "",
                                                   version.printed.prefix(new) if new else "")]


def _lines(old: list[str], new: list[str], style: str) -> list[Piece]:
    """Whole lines paired in order, each pair diffed by character; a line one side lacks tracked."""
    pieces = []
    for a, b in zip_longest(old, new):
        if a is None or b is None:
            kind, line = (INS, b) if a is None else (DEL, a)
            pieces += [Piece(kind, line, style), Piece(kind, "\n", style)]
        else:
            pieces += [Piece(k, t, style) for k, t in _fine(a, b)] + [Piece(PLAIN, "\n", style)]
    return pieces


def _fine(old: str, new: str) -> list[tuple[str, str]]:
    """``old`` changed into ``new`` character by character (whole when they hardly agree)."""
    if old == new:
        return [(PLAIN, new)] if new else []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    if matcher.ratio() < FINE_RATIO:
        return [p for p in ((DEL, old), (INS, new)) if p[1]]
    blocks: list[list[Any]] = []  # [equal?, i1, i2, j1, j2], a lone character between changes joining them
    codes = matcher.get_opcodes()
    for k, (op, i1, i2, j1, j2) in enumerate(codes):
        equal = op == "equal" and not (i2 - i1 < MIN_KEPT and 0 < k < len(codes) - 1)
        if blocks and not equal and not blocks[-1][0]:
            blocks[-1][2], blocks[-1][4] = i2, j2
        else:
            blocks.append([equal, i1, i2, j1, j2])
    out = []
    for equal, i1, i2, j1, j2 in blocks:
        if equal:
            out.append((PLAIN, old[i1:i2]))
            continue
        if i2 > i1:
            out.append((DEL, old[i1:i2]))
        if j2 > j1:
            out.append((INS, new[j1:j2]))
    return out


def _span_pieces(row: AlignmentRow, base_id: str, doc_id: str) -> list[tuple[str, str]]:
    """The row's text diff as (kind, text); the two texts replaced whole when the spans do not
    spell them exactly (a comparison read back without spans)."""
    old, new = row.cells[base_id], row.cells[doc_id]
    assert old is not None and new is not None
    spans = row.spans.get(doc_id) or ()
    if ("".join(s.old for s in spans if s.op != "insert") != old.text
            or "".join(s.new for s in spans if s.op != "delete") != new.text):
        return _fine(old.text, new.text) if len(old.text) + len(new.text) < 2000 else [
            p for p in ((DEL, old.text), (INS, new.text)) if p[1]]
    out: list[tuple[str, str]] = []
    for span in spans:
        if span.op == "delete":
            out.append((DEL, span.old))
        elif span.op == "insert":
            out.append((INS, span.new))
        elif span.old == span.new:
            out.append((PLAIN, span.new))
        else:
            out += [p for p in ((DEL, span.old), (INS, span.new)) if p[1]]
    return out


def unmerged(pieces: Iterable[Piece]) -> list[Piece]:
    """``pieces`` cut into runs and paragraph marks, a plain mark between two insertions
    written as an inserted mark and a deleted one after the insertion that follows.

    LibreOffice joins two insertions that meet across a plain paragraph mark into one and
    rejecting it then drops the mark too (Word keeps them apart). The two forms spell the
    same texts: accepting keeps the inserted mark where the plain one stood, rejecting the
    deleted one where no text of the base lies between them.
    """
    atoms = [Piece(kind, part, style) for kind, text, style in pieces for part in _cut(text) if part]
    out: list[Piece] = []
    owed: list[Piece] = []  # deleted marks to write once the insertion ends
    for i, atom in enumerate(atoms):
        if owed and atom.kind != INS:
            out += owed
            owed = []
        if (atom == Piece(PLAIN, "\n", atom.style) and 0 < i < len(atoms) - 1
                and atoms[i - 1].kind == INS and atoms[i + 1].kind == INS):
            out.append(Piece(INS, "\n", atom.style))
            owed.append(Piece(DEL, "\n", atom.style))
        else:
            out.append(atom)
    return out + owed


def _cut(text: str) -> list[str]:
    """``text`` as its runs and "\\n" marks, in order."""
    parts = text.split("\n")
    return [x for k, part in enumerate(parts) for x in ((["\n"] if k else []) + [part])]


class _Writer:
    """Appends paragraphs of tracked runs to a document body."""

    def __init__(self, body: Any, author: str, date: str) -> None:
        self.body, self.author, self.date = body, author, date
        self.sect = body.find(qn("w:sectPr"))
        self.next_id = 1
        self.current: Any = None
        self.style = BODY

    def write(self, pieces: Iterable[Piece]) -> None:
        """Write ``pieces``; each "\\n" closes a paragraph with a mark of that piece's kind."""
        for kind, text, style in pieces:
            for i, part in enumerate(text.split("\n")):
                if i:
                    self._close(kind, style)
                if part:
                    self._run(kind, part, style)
        if self.current is not None:
            self._close(PLAIN, BODY)

    def _open(self, style: str) -> Any:
        if self.current is None:
            self.current = OxmlElement("w:p")
            ppr = OxmlElement("w:pPr")
            if style == BODY:
                ind = OxmlElement("w:ind")
                ind.set(qn("w:firstLine"), str(2 * BODY_PT * 20))  # two characters, in twips
                ind.set(qn("w:firstLineChars"), "200")
                ppr.append(ind)
            else:
                jc = OxmlElement("w:jc")
                jc.set(qn("w:val"), "center")
                ppr.append(jc)
            self.current.append(ppr)
            self.style = style
        return self.current

    def _close(self, kind: str, style: str) -> None:
        paragraph = self._open(style)
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

    def _run(self, kind: str, text: str, style: str) -> None:
        paragraph = self._open(style)
        run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        run.append(rpr)
        set_fonts(rpr, heading=self.style in (TITLE, HEADING))
        if self.style in (TITLE, HEADING):
            rpr.append(OxmlElement("w:b"))
        if self.style == TITLE:
            size = OxmlElement("w:sz")
            size.set(qn("w:val"), str(HEADING_PT * 2))
            rpr.append(size)
        t = OxmlElement("w:delText" if kind == DEL else "w:t")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = text
        run.append(t)
        if kind == PLAIN:
            paragraph.append(run)
        else:
            wrapper = self._mark(kind)
            wrapper.append(run)
            paragraph.append(wrapper)
