"""The audit document in Word (``audit_docx``), on the project's Word toolkit (``word``):
A4 portrait, 仿宋 text and 黑体 headings, the same parts in the same order as the HTML page
(``audit_document``), each findings table's header repeated on every page. Reproducible:
the file is dated by the texts' latest version and its zip entries by a fixed time."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from ..visible import visible
from .audit_document import AUDIT_LABELS, AuditDocument, AuditSection, basis_lines, group_heading, heading_of, verdict_line
from .word import (DEL, GREY, HEADER_FILL, MARGINS_MM, MOVED, NOTE_PT, TEXT_PT, TITLE_PT, apply_page_setup,
                   fill_cell, heading, keep_together, repeat_header, reproducible_zip, run, tight)

__all__ = ["audit_docx"]

USABLE_MM = 210 - MARGINS_MM["left_margin"] - MARGINS_MM["right_margin"]
CHECK_MM, RESULT_MM, TOTAL_MM = 36, 14, 11  # summary columns before the per-text ones (10, 3, 3 characters)
WHERE_MM, ROW_MM = 38, 32  # findings columns around the description
MM_PER_PT = 25.4 / 72  # a Chinese character is one em wide


def audit_docx(document: AuditDocument, lang: str = "zh") -> bytes:
    """The audit document as the bytes of a .docx file."""
    t = AUDIT_LABELS[lang]
    title = f"{t['title']}{t['colon']}{visible(document.subject)}"
    doc = Document()
    apply_page_setup(doc, title, lang, document.date, landscape=False)
    _title(doc, title)
    verdict = doc.add_paragraph()
    run(verdict, verdict_line(document, lang), bold=True, heading=True, color=MOVED if document.passed else DEL)
    for line in basis_lines(document, lang):
        run(doc.add_paragraph(), line, size=TEXT_PT)
    heading(doc, t["texts"], 2)
    _grid(doc, [t["document"], t["doc_title"], t["version"], t["file"]],
          [[x.label + (f"{t['open']}{t['base']}{t['close']}" if x.base else ""), x.title, x.version, x.file]
           for x in document.texts], [34, 46, 26, USABLE_MM - 106])
    heading(doc, t["summary"], 2)
    _note(doc, t["summary_hint"])
    _summary(doc, document, lang)
    for section in document.sections:
        if not section.passed:
            _section(doc, section, lang)
    buffer = io.BytesIO()
    doc.save(buffer)
    return reproducible_zip(buffer.getvalue())


def _title(doc: Any, title: str) -> None:
    """The title on one line: 二号 黑体, smaller (down to 四号) when it is too long for 二号."""
    fits = int(USABLE_MM / (len(title) * MM_PER_PT))  # the size at which the title's characters fill the line
    run(doc.add_heading("", 1), title, heading=True, size=max(min(TITLE_PT, fits), 14))


def _summary(doc: Any, document: AuditDocument, lang: str) -> None:
    """Each check: result, findings in all, then per text (blank where none)."""
    t = AUDIT_LABELS[lang]
    columns = [c or t["whole_set"] for c in document.columns]
    rest = (USABLE_MM - CHECK_MM - RESULT_MM - TOTAL_MM) / max(len(columns), 1)
    rows = [[s.name, t["pass" if s.passed else "fail"], str(s.count), *(str(n) if n else "–" for n in s.counts)]
            for s in document.sections]
    table = _grid(doc, [t["check"], t["result"], t["findings"], *columns], rows,
                  [CHECK_MM, RESULT_MM, TOTAL_MM, *[rest] * len(columns)], size=NOTE_PT)
    for row, section in zip(table.rows[1:], document.sections):
        result = row.cells[1].paragraphs[0].runs[0]
        result.font.bold, result.font.color.rgb = not section.passed, MOVED if section.passed else DEL
        for cell in row.cells[2:]:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _section(doc: Any, section: AuditSection, lang: str) -> None:
    """A failing check: its heading, what it checks, then a table of findings per text."""
    t = AUDIT_LABELS[lang]
    heading(doc, heading_of(section, lang), 2)
    _note(doc, section.description)
    for group in section.groups:
        heading(doc, visible(group_heading(group, lang)), 3)
        _grid(doc, [t["provision"], t["finding"], t["row"]],
              [[item.where, item.detail, t["unmatched"] if item.unmatched else item.row] for item in group.items],
              [WHERE_MM, USABLE_MM - WHERE_MM - ROW_MM, ROW_MM], size=TEXT_PT)


def _note(doc: Any, text: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.keep_with_next = True
    run(paragraph, text, size=NOTE_PT, color=GREY)


def _grid(doc: Any, header: list[str], rows: list[list[str]], widths_mm: list[float],
          size: float = NOTE_PT) -> Any:
    """A table of fixed column widths, its shaded header row repeated on each page, rows kept
    whole, the header kept with the first row."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, header):
        run(cell.paragraphs[0], text, bold=True, heading=True, size=size)
        fill_cell(cell, HEADER_FILL)
    repeat_header(table.rows[0])
    for values in rows:
        row = table.add_row()
        keep_together(row)
        for cell, text in zip(row.cells, values):
            run(cell.paragraphs[0], visible(text), size=size)
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)
        for cell in column.cells:  # Word reads the grid, LibreOffice each cell's width
            cell.width = Mm(width)
    for row in table.rows:
        for cell in row.cells:
            tight(cell)
    for cell in table.rows[0].cells:
        cell.paragraphs[0].paragraph_format.keep_with_next = True
    return table

