"""The text cells of the Word 对照表: each document's provision, marked.

Public API (called by ``docx_export``):

- ``text_cell(cell, row, doc_id, t, names, base, notes, decided)``: one document's text in
  the table of several texts, marked against the base (deleted struck, inserted
  underlined, jurisdiction wording highlighted, equivalent readings in italics); its own
  number first where it differs from the row's, and the number of each further provision
  of a split or merged cell where it begins. With ``notes``: the moved mark, where each
  part came from, and the differences with their rules under the text.
- ``side_cell(cell, row, pair, shown, side)``: one side of a 修改前 / 修改后 table: the base
  text with what the later version deletes or changes struck (``side="old"``), or the later
  text with what it inserts or changes underlined (``side="new"``; a provision only one side
  has, wholly so; punctuation and wording the comparison counts as equivalent are changes
  of the text here too), each provision's number as printed (``shown``:
  ``report.printed.Printed``) in bold, after what the cell holds already (its headings).
- ``pair_marks(rows, pair)``: the marks such a table uses, for its legend.
- ``span_format(span)``: the text a span shows in its document and how it is marked.
- ``marks(spans)``: which marks a set of spans uses (for a legend of those only).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from docx.enum.text import WD_UNDERLINE

from ..model import AlignmentRow, Provision, Span
from .cells import absent_note, merged_note, part_starts
from .csv_export import decision_fields
from .docx_comparative import difference_note
from .printed import Printed
from .word import DEL, GREY, INS, INSTITUTION_FILL, MOVED, NOTE_PT, TEXT_PT, run

__all__ = ["text_cell", "side_cell", "span_format", "marks", "pair_marks"]


def span_format(span: Span) -> tuple[str, dict[str, Any]]:
    """The text a span shows in its document, and how it is marked."""
    if span.op == "delete":
        return span.old, {"color": DEL, "strike": True}
    if span.op == "insert":
        return span.new, {"color": INS, "underline": True}
    fmt: dict[str, Any] = {}
    if span.cls:
        fmt["italic"] = True
        if span.cls == "institution_name":
            fmt["fill"] = INSTITUTION_FILL
    if span.mark == "jurisdiction":
        fmt["highlight"] = True
        fmt["underline"] = WD_UNDERLINE.DOTTED  # visible in black and white too
    return span.new, fmt


def pair_marks(rows: Iterable[AlignmentRow], pair: tuple[str, str]) -> set[str]:
    """The marks a 修改前 / 修改后 table uses: "deleted" and "inserted" (see ``side_cell``)."""
    found = set()
    for row in rows:
        old, new = (row.cells.get(d) is not None for d in pair)
        if old and not new:
            found.add("deleted")
        if new and not old:
            found.add("inserted")
        for span in row.spans.get(pair[1]) or ():
            if span.old != span.new and span.old:
                found.add("deleted")
            if span.old != span.new and span.new:
                found.add("inserted")
    return found


def marks(spans: Iterable[Span]) -> set[str]:
    """The marks ``spans`` show: "deleted", "inserted", "jurisdiction_word", "equivalent"."""
    found = set()
    for span in spans:
        if span.op == "delete":
            found.add("deleted")
        elif span.op == "insert":
            found.add("inserted")
        else:
            if span.cls:
                found.add("equivalent")
            if span.mark == "jurisdiction":
                found.add("jurisdiction_word")
    return found


def text_cell(cell: Any, row: AlignmentRow, doc_id: str, t: Mapping[str, str], names: Mapping[str, str],
              base: tuple[str, str], notes: bool, decided: list[Any | None]) -> None:
    """One document's provision text, marked (see the module docstring; ``base``: the base
    document's id and column name, for the headings of split and merged parts)."""
    own = row.cells.get(doc_id)
    paragraph = cell.paragraphs[0]
    if own is None:
        absent = (absent_note(row, doc_id) if notes else None) or t["absent"]
        run(paragraph, absent, italic=True, color=GREY, size=TEXT_PT)
    else:
        note = merged_note(row, doc_id, *base, t) if notes else None
        if note:
            run(paragraph, note, bold=True, color=MOVED, size=NOTE_PT)
            paragraph = cell.add_paragraph()
        number = own.number if notes else own.provisions[0].number
        if number != row.label:
            run(paragraph, number + " ", bold=True, size=TEXT_PT)
        if own.moved and notes:
            run(paragraph, f"（{t['moved']}）", bold=True, color=MOVED, size=TEXT_PT)
        if notes:
            starts = {k: (v + " ", {"color": MOVED, "size": NOTE_PT})
                      for k, v in part_starts(row, doc_id, *base, t).items()}
        else:
            starts = {k: (p.number + " ", {"size": TEXT_PT}) for k, p in _starts(own.provisions).items()}
        spans = row.spans.get(doc_id) or (Span("equal", own.text, own.text),)
        _marked(cell, paragraph, [(span.op != "delete", *span_format(span)) for span in spans], starts)
    if notes:
        for diff, decision in zip(row.differences, decided):
            if diff.document == doc_id and diff.category != "formatting":
                difference_note(cell.add_paragraph(), diff, decision_fields(decision, names), t, names)


def side_cell(cell: Any, row: AlignmentRow, pair: tuple[str, str], shown: Printed, side: str) -> None:
    """One side of a 修改前 / 修改后 table (``pair``: the base's and the later version's ids;
    see the module docstring); empty where the document has no provision in the row."""
    base_id, other_id = pair
    doc_id = base_id if side == "old" else other_id
    own = row.cells.get(doc_id)
    if own is None:
        return
    whole = row.cells.get(other_id if side == "old" else base_id) is None  # deleted or added whole
    mark: dict[str, Any] = {"color": DEL, "strike": True} if side == "old" else {"color": INS, "underline": True}
    starts = {k: (shown.prefix(p), {"size": TEXT_PT, **(mark if whole else {})})
              for k, p in _starts(own.provisions, first=True).items()}
    spans = row.spans.get(other_id) or ()
    if side == "old":
        pieces = [(True, s.old, mark if s.old != s.new else {}) for s in spans if s.op != "insert"]
    else:
        pieces = [(True, s.new, mark if s.old != s.new else {}) for s in spans if s.op != "delete"]
    if whole:
        pieces = [(True, own.text, mark)]
    elif "".join(p[1] for p in pieces) != own.text:  # no spans (a text read back), or they do not spell it
        pieces = [(True, own.text, {})]
    last = cell.paragraphs[-1]
    _marked(cell, last if not last.runs else cell.add_paragraph(), pieces, starts)


def _starts(provisions: tuple[Provision, ...], first: bool = False) -> dict[int, Provision]:
    """Paragraph index in the cell → the provision beginning there (the first only if ``first``)."""
    out, index = {}, 0
    for k, prov in enumerate(provisions):
        if k or first:
            out[index] = prov
        index += max(len(prov.paragraphs), 1)
    return out


def _marked(cell: Any, paragraph: Any, pieces: list[tuple[bool, str, dict[str, Any]]],
            starts: Mapping[int, tuple[str, dict[str, Any]]]) -> None:
    """Write ``pieces`` (counts as a paragraph of the cell's text, text, format) from
    ``paragraph`` on, a new paragraph at each "\\n", and at the start of paragraph k the bold
    number ``starts[k]`` (a number that ends in "\\n" stands on a line of its own)."""
    shown = 0  # paragraphs of the cell's text started so far

    def number(paragraph: Any) -> Any:
        if shown not in starts:
            return paragraph
        text, fmt = starts[shown]
        for i, part in enumerate(text.split("\n")):
            if i:
                paragraph = cell.add_paragraph()
            if part:
                run(paragraph, part, bold=True, **fmt)
        return paragraph

    paragraph = number(paragraph)
    for counts, text, fmt in pieces:
        for i, part in enumerate(text.split("\n")):
            if i:
                paragraph = cell.add_paragraph()
                if counts:
                    shown += 1
                    paragraph = number(paragraph)
            if part:
                run(paragraph, part, size=TEXT_PT, **fmt)
