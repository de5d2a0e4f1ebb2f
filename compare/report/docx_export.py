"""A Word 对照表 (comparison table) of a ``Comparison``, written with python-docx.

Public API:

- ``render_docx(comparison, path, lang="zh", decisions=None)``: writes the .docx file.
- ``build_document(comparison, lang="zh", decisions=None)``: the python-docx ``Document``.

Layout: A4 landscape. Page 1 is the summary: title, the documents (jurisdiction, adoption
date, file), rows by status, differences by category and by class per document, a legend.
Then the table, its header row repeated on every page (``w:tblHeader``): provision label,
one column per document (base first, the order of ``comparison.documents``), status.
Text is marked from ``row.spans``: deleted red and struck through, inserted blue and
underlined, jurisdiction wording highlighted yellow, equivalent readings in italics
(institution names also shaded lilac). Every run names an East Asian font (``SimSun``)
so Word shows Chinese with a Chinese font; each "\\n" of a provision starts a paragraph.
Under each text, its non-formatting differences are listed with their rule and, when
``decisions`` (difference fingerprint → object with ``.status`` and ``.note``) has one,
the review decision.

Deterministic: core properties and zip entry times are fixed, so the same comparison
gives a byte-identical file.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from typing import Any

from docx import Document
from docx.enum.text import WD_UNDERLINE
from docx.oxml import OxmlElement
from docx.shared import Mm

from ..vocabulary import CLASS_CATEGORY, NAMES
from ..model import CATEGORIES, STATUSES, AlignmentRow, Comparison, Span
from . import common_title
from ..fileio import replace_file
from .cells import absent_note, merged_note, part_starts
from .comparative import content_documents, unmatched_rows
from .navigation import row_labels
from .csv_export import decision_fields, decisions_of
from .json_export import summary
from .labels import LABELS
from ..structure.describe import describe_warnings
from ..visible import visible
from . import docx_comparative
from .docx_comparative import difference_note
from .word import (DEL, GREY, HEADER_FILL, INS, INSTITUTION_FILL, MARGINS_MM, MOVED, NOTE_PT, TEXT_PT,
                   apply_page_setup, fill_cell, heading, keep_together, reproducible_zip, run, table, tight)

__all__ = ["render_docx", "build_document", "docx_bytes"]

def render_docx(comparison: Comparison, path: str | os.PathLike[str], lang: str = "zh",
                decisions: Mapping[str, Any] | None = None) -> None:
    """Write the Word comparison table to ``path`` (through a temporary file)."""
    replace_file(path, docx_bytes(comparison, lang, decisions))


def docx_bytes(comparison: Comparison, lang: str = "zh", decisions: Mapping[str, Any] | None = None) -> bytes:
    """The Word comparison table as the bytes of a .docx file (reproducible zip)."""
    buffer = io.BytesIO()
    build_document(comparison, lang, decisions).save(buffer)
    return reproducible_zip(buffer.getvalue())


def build_document(comparison: Comparison, lang: str = "zh",
                   decisions: Mapping[str, Any] | None = None) -> Any:
    """The comparison as a python-docx ``Document`` (summary page, then the table)."""
    t, names = LABELS[lang], NAMES[lang]
    title = f"{t['report_title']}：{visible(common_title(comparison))}"
    doc = Document()
    _setup(doc, title, lang, comparison)
    _summary_page(doc, comparison, t, names, title, lang)
    comparative = bool(content_documents(comparison))
    if comparative:
        docx_comparative.coverage_table(doc, comparison, _labels(comparison), t)
    head = heading(doc, t["comparison_table"], 2)
    head.paragraph_format.page_break_before = True
    _comparison_table(doc, comparison, t, names, decisions)
    if comparative:
        docx_comparative.unmatched_section(doc, comparison, _labels(comparison), t)
    return doc


def _labels(comparison: Comparison) -> dict[str, str]:
    """Document id → its jurisdiction (with the version where two share one)."""
    from . import document_labels

    return document_labels(comparison)


# --- document set-up -------------------------------------------------------------------

def _setup(doc: Any, title: str, lang: str, comparison: Comparison) -> None:
    """Page, fonts, spacing, footer and core properties dated by the comparison."""
    dates = sorted(d.version_date or d.adopted or "" for d in comparison.documents)
    apply_page_setup(doc, title, lang, dates[-1] or None, landscape=True)


LABEL_MM, STATUS_MM, REMARKS_MM = 16, 18, 34  # provision, status, remarks columns; documents share the rest


def _doc_name(doc: Any) -> str:
    return doc.jurisdiction.name if doc.jurisdiction else doc.id


def _column_name(doc: Any) -> str:
    """Jurisdiction and version date: "中华人民共和国（2023-09-01）"."""
    date = doc.version_date or doc.adopted
    return f"{_doc_name(doc)}（{date}）" if date else _doc_name(doc)


# --- summary page ----------------------------------------------------------------------

def _summary_page(doc: Any, comparison: Comparison, t: Mapping[str, str], names: Mapping[str, str],
                  title: str, lang: str) -> None:
    stats = summary(comparison)
    others = [d for d in comparison.documents if d.id != comparison.base]
    heading(doc, title, 1)

    heading(doc, t["documents"], 2)
    table(doc, [t["doc_id"], t["jurisdiction"], t["adopted"], t["version"], t["file"], t["title"]], [
        [d.id + (f"（{t['base']}）" if d.id == comparison.base else ""),
         d.jurisdiction.name if d.jurisdiction else "", d.adopted or "", d.version_date or "", visible(d.source.name),
         visible(d.title) + (f"\n{t['warnings']}{t['colon']}" + t["semicolon"].join(describe_warnings(d.warnings, lang))
                    if d.warnings else "")]
        for d in comparison.documents])

    heading(doc, t["summary"], 2)
    count = doc.add_paragraph()
    count.paragraph_format.keep_with_next = True  # with the table it introduces
    run(count, f"{t['rows']}：{stats['rows']}")
    shown = [s for s in STATUSES if stats["statuses"][s] or s == "identical"]
    table(doc, [t["status"]] + [names[s] for s in shown], [[t["rows"]] + [str(stats["statuses"][s]) for s in shown]])

    per_doc = stats["differences"]
    heading(doc, t["category_by_document"], 2)
    rows = [[names[cat]] + [str(per_doc.get(d.id, {}).get("categories", {}).get(cat, 0)) for d in others]
            for cat in CATEGORIES]
    rows.append([t["total"]] + [str(sum(per_doc.get(d.id, {}).get("categories", {}).values())) for d in others])
    table(doc, [t["category"]] + [_column_name(d) for d in others], rows)

    present = {x.cls for r in comparison.rows for x in r.differences}
    heading(doc, t["category_total"], 2)
    table(doc, [t["class"]] + [_column_name(d) for d in others], [
        [f"{names[cat]}：{names[cls]}"] + [str(per_doc.get(d.id, {}).get("classes", {}).get(cls, 0)) for d in others]
        for cls, cat in CLASS_CATEGORY.items() if cls in present])

    heading(doc, t["legend"], 2)
    legend = doc.add_paragraph()
    run(legend, t["deleted"], color=DEL, strike=True)
    run(legend, "　")
    run(legend, t["inserted"], color=INS, underline=True)
    run(legend, "　")
    run(legend, t["jurisdiction_word"], highlight=True, underline=WD_UNDERLINE.DOTTED)
    run(legend, "　")
    run(legend, t["equivalent"].split("（")[0].split(" (")[0], italic=True)
    run(legend, "　")
    run(legend, t["moved"], bold=True, color=MOVED)


# --- comparison table ------------------------------------------------------------------

def _comparison_table(doc: Any, comparison: Comparison, t: Mapping[str, str], names: Mapping[str, str],
                      decisions: Mapping[str, Any] | None) -> None:
    docs = comparison.documents
    table = doc.add_table(rows=1, cols=len(docs) + 3)
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    usable = 297 - MARGINS_MM["left_margin"] - MARGINS_MM["right_margin"]
    text_mm = (usable - LABEL_MM - STATUS_MM - REMARKS_MM) / len(docs)
    widths = [Mm(LABEL_MM)] + [Mm(text_mm)] * len(docs) + [Mm(STATUS_MM), Mm(REMARKS_MM)]
    for column, width in zip(table.columns, widths):
        column.width = width
    _header_row(table.rows[0], comparison, t)
    base_name = _doc_name(next(d for d in docs if d.id == comparison.base))
    hidden = unmatched_rows(comparison)
    by_content = set(content_documents(comparison))
    labels = _labels(comparison)
    row_label = row_labels(comparison, labels)
    for row in comparison.rows:
        if row.id in hidden:
            continue
        added = table.add_row()
        keep_together(added)
        cells = added.cells
        run(cells[0].paragraphs[0], row_label[row.id][0], bold=True, size=TEXT_PT)
        by_diff = decisions_of(row, decisions, comparison)
        for cell, d in zip(cells[1:], docs):
            if d.id in by_content and row.cells.get(comparison.base) is not None:
                docx_comparative.counterpart_cell(cell, row, d.id, labels[d.id], t, names)
            else:
                _text_cell(cell, row, d.id, t, names, by_diff, (comparison.base, base_name))
        structural = dict.fromkeys(d.cls for d in row.differences if d.category == "structural" and d.cls != row.status)
        run(cells[-2].paragraphs[0], "、".join([names[row.status], *(names[c] for c in structural)]), size=NOTE_PT,
             bold=row.status not in ("identical", "formatting"))
        _remarks(cells[-1], row, by_diff, names)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
            tight(cell)


def _header_row(header: Any, comparison: Comparison, t: Mapping[str, str]) -> None:
    """Provision, each document (jurisdiction, version date), status, remarks; repeated on
    every page and never split."""
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    keep_together(header)
    docs = comparison.documents
    texts = [t["provision"]] + [_doc_name(d) + (f"（{t['base']}）" if d.id == comparison.base else "")
                                for d in docs] + [t["status"], t["remarks"]]
    for i, (cell, text) in enumerate(zip(header.cells, texts)):
        run(cell.paragraphs[0], text, bold=True, size=TEXT_PT, heading=True)
        if 0 < i <= len(docs) and (docs[i - 1].version_date or docs[i - 1].adopted):
            run(cell.add_paragraph(), docs[i - 1].version_date or docs[i - 1].adopted or "", size=NOTE_PT)
        fill_cell(cell, HEADER_FILL)


def _remarks(cell: Any, row: AlignmentRow, decided: list[Any | None], names: Mapping[str, str]) -> None:
    """The recorded decisions and notes of a row's differences (empty for the reviewer)."""
    seen: list[str] = []
    for decision in decided:
        status, note = decision_fields(decision, names)
        text = "：".join(x for x in (status, note) if x)
        if text and text not in seen:
            seen.append(text)
    if seen:
        run(cell.paragraphs[0], "；".join(seen), size=NOTE_PT)


def _span_format(span: Span) -> tuple[str, dict[str, Any]]:
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


def _text_cell(cell: Any, row: AlignmentRow, doc_id: str, t: Mapping[str, str], names: Mapping[str, str],
               decided: list[Any | None], base: tuple[str, str]) -> None:
    """One document's provision text, marked, then its notable differences (``base``: the
    base document's id and column name, for the headings of split and merged parts)."""
    own = row.cells.get(doc_id)
    paragraph = cell.paragraphs[0]
    if own is None:
        run(paragraph, absent_note(row, doc_id) or t["absent"], italic=True, color=GREY, size=TEXT_PT)
    else:
        note = merged_note(row, doc_id, *base, t)
        if note:
            run(paragraph, note, bold=True, color=MOVED, size=NOTE_PT)
            paragraph = cell.add_paragraph()
        _provision_text(cell, paragraph, row, doc_id, t,
                        part_starts(row, doc_id, *base, t))
    for diff, decision in zip(row.differences, decided):
        if diff.document == doc_id and diff.category != "formatting":
            difference_note(cell.add_paragraph(), diff, decision_fields(decision, names), t, names)


def _provision_text(cell: Any, paragraph: Any, row: AlignmentRow, doc_id: str, t: Mapping[str, str],
                    starts: dict[int, str]) -> None:
    """The marked text of a present cell, its number and a moved mark first, each part of a
    split or merged cell headed where it begins (``starts``: paragraph index → heading)."""
    own = row.cells[doc_id]
    assert own is not None
    if own.number != row.label:
        run(paragraph, own.number + " ", bold=True, size=TEXT_PT)
    if own.moved:
        run(paragraph, f"（{t['moved']}）", bold=True, color=MOVED, size=TEXT_PT)
    spans = row.spans.get(doc_id) or (Span("equal", own.text, own.text),)
    shown = 0  # paragraphs of the displayed (new) text started so far
    if 0 in starts:
        run(paragraph, starts[0] + " ", bold=True, color=MOVED, size=NOTE_PT)
    for span in spans:
        text, fmt = _span_format(span)
        for i, part in enumerate(text.split("\n")):
            if i:
                paragraph = cell.add_paragraph()
                shown += span.op != "delete"
                if span.op != "delete" and shown in starts:
                    run(paragraph, starts[shown] + " ", bold=True, color=MOVED, size=NOTE_PT)
            if part:
                run(paragraph, part, size=TEXT_PT, **fmt)


