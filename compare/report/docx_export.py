"""A Word 对照表 (comparison table) of a ``Comparison``, written with python-docx: a table
that can go out as it is.

Public API:

- ``render_docx(comparison, path, lang="zh", decisions=None, notes=False)``: writes the file.
- ``docx_bytes(comparison, lang="zh", decisions=None, notes=False)``: its bytes.
- ``build_document(comparison, lang="zh", decisions=None, notes=False)``: the python-docx
  ``Document``.
- ``version_pair(comparison)``: (earlier, later) when the comparison is two versions of one
  law with the earlier as base, the texts the 修改前 / 修改后 table is made for.

Layout: A4 landscape. Page 1: a one-line title, one line per text (jurisdiction or 修改前 /
修改后, title, version date, file), a one-line legend of the marks the table uses, then the
table, its header row repeated on every page (``w:tblHeader``) and no row split across
pages (``w:cantSplit``; in the working copy, a row longer than ``word.KEPT_LINES`` lines may
be: kept whole, it would leave the page before it mostly blank).

- Several texts: provision label, one column per text (base first, the order of
  ``comparison.documents``; headed by jurisdiction and version date), 修改说明/备注. Each
  text is marked against the base (``docx_cells.text_cell``).
- Two versions of one law (``version_pair``): 修改前 | 修改后 | 说明, each provision's
  number as printed before its text, what the later version deletes struck in 修改前, what
  it inserts underlined in 修改后 (``docx_cells.side_cell``), the headings (章 / 节…) at
  the top of the cell of the provision they stand before.

Cells carry the texts and marks only. The 说明/备注 column holds the row's status, the
structural changes in words (新增此条, 编号调整…) and recorded review decisions (difference
fingerprint → object with ``.status`` and ``.note``). ``notes=True`` makes the working
copy: under each text its differences with their rule and decision, the similarity and
shared terms of provisions matched by content, and after the table the statistics and the
coverage matrix (``docx_summary``, ``docx_comparative``). Every run names an East Asian font
(仿宋, 黑体 for headings). Deterministic: core properties and zip entry times are fixed,
so the same comparison gives a byte-identical file.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_UNDERLINE
from docx.shared import Mm

from ..fileio import replace_file
from ..model import AlignmentRow, Comparison
from ..structure.describe import describe_warning
from ..visible import visible
from ..vocabulary import NAMES
from . import common_title, docx_comparative
from .comparative import content_documents, unmatched_rows
from .csv_export import decision_fields, decisions_of
from .docx_cells import marks, pair_marks, side_cell, text_cell
from .docx_summary import summary_section
from .labels import LABELS
from .navigation import chosen_reasons, document_labels, row_labels
from .printed import printed
from .word import (DEL, GREY, HEADER_FILL, HEADING_PT, INS, MOVED, NOTE_PT, TEXT_PT, apply_page_setup,
                   fill_cell, keep_together, keep_together_if_short, repeat_header, reproducible_zip, run,
                   set_widths, tight, usable_mm)

__all__ = ["render_docx", "build_document", "docx_bytes", "version_pair"]

LABEL_MM, REMARKS_MM, PAIR_REMARKS_MM = 16, 36, 48  # provision and remarks columns; the texts share the rest


def render_docx(comparison: Comparison, path: str | os.PathLike[str], lang: str = "zh",
                decisions: Mapping[str, Any] | None = None, notes: bool = False) -> None:
    """Write the Word comparison table to ``path`` (through a temporary file)."""
    replace_file(path, docx_bytes(comparison, lang, decisions, notes))


def docx_bytes(comparison: Comparison, lang: str = "zh", decisions: Mapping[str, Any] | None = None,
               notes: bool = False) -> bytes:
    """The Word comparison table as the bytes of a .docx file (reproducible zip)."""
    buffer = io.BytesIO()
    build_document(comparison, lang, decisions, notes).save(buffer)
    return reproducible_zip(buffer.getvalue())


def build_document(comparison: Comparison, lang: str = "zh", decisions: Mapping[str, Any] | None = None,
                   notes: bool = False) -> Any:
    """The comparison as a python-docx ``Document`` (title, texts, legend, table; see the module)."""
    t, names = LABELS[lang], NAMES[lang]
    pair = version_pair(comparison)
    if pair:
        title = t["pair_title"].format(title=visible(pair[1].title))
    else:
        title = f"{t['report_title']}{t['colon']}{visible(common_title(comparison))}"
    doc = Document()
    dates = sorted(d.version_date or d.adopted or "" for d in comparison.documents)
    apply_page_setup(doc, title, lang, dates[-1] or None, landscape=True)
    _title(doc, title)
    _texts(doc, comparison, t, pair is not None, lang)
    _legend(doc, comparison, t, notes)
    if pair:
        _pair_table(doc, comparison, t, names, decisions, notes)
    else:
        _table(doc, comparison, t, names, decisions, notes)
    labels = document_labels(comparison)
    if content_documents(comparison):
        docx_comparative.unmatched_section(doc, comparison, labels, t, notes)
    if content_documents(comparison):  # who regulates what: part of the 对照表 that circulates
        docx_comparative.coverage_table(doc, comparison, labels, t)
    if notes:
        summary_section(doc, comparison, t, names, lang)
    return doc


def version_pair(comparison: Comparison) -> tuple[Any, Any] | None:
    """(earlier, later) for two versions of one law (same jurisdiction and title, dated)
    compared in order, the earlier as base; else None."""
    docs = comparison.documents
    if len(docs) != 2 or content_documents(comparison):
        return None
    old = next(d for d in docs if d.id == comparison.base)
    new = next(d for d in docs if d.id != comparison.base)
    place = [d.jurisdiction.name if d.jurisdiction else None for d in (old, new)]
    same = place[0] == place[1] and "".join(old.title.split()) == "".join(new.title.split())
    dated = bool(old.version_date and new.version_date and old.version_date < new.version_date)
    return (old, new) if same and dated else None


# --- page 1: title, texts, legend ------------------------------------------------------

def _title(doc: Any, title: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = True
    run(paragraph, title, bold=True, size=HEADING_PT, heading=True)


def _texts(doc: Any, comparison: Comparison, t: Mapping[str, str], pair: bool, lang: str) -> None:
    """One line per text: its column name (or 修改前 / 修改后), title, version date, file."""
    labels = document_labels(comparison)
    reasons = chosen_reasons(comparison)
    for doc_ in comparison.documents:
        base = doc_.id == comparison.base
        if pair:
            name = t["before"] if base else t["after"]
        else:
            name = labels[doc_.id] + (f"{t['open']}{t['base']}{t['close']}" if base else "")
        paragraph = doc.add_paragraph()
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.space_after = 0
        run(paragraph, name + t["colon"], bold=True, size=NOTE_PT)
        date = doc_.version_date or doc_.adopted
        run(paragraph, visible(doc_.title) + (f"{t['open']}{date}{t['close']}" if date else ""), size=NOTE_PT)
        run(paragraph, "\u3000" + visible(doc_.source.name), size=NOTE_PT, color=GREY)
        chosen = reasons.get(doc_.source.path)
        if chosen:  # why --similar-in chose it
            run(paragraph, f"\u3000{t['chosen']}{t['colon']}{chosen}", size=NOTE_PT, color=GREY)
        recognised = [w for w in doc_.source.warnings if w.startswith("ocr:")]
        if recognised:  # a scan's text is never exact: said where the text is named, in the file that circulates
            run(paragraph, "\u3000" + describe_warning(recognised[0], lang), size=NOTE_PT, color=DEL)


LEGEND = ("deleted", "inserted", "jurisdiction_word", "equivalent", "moved")


def _legend(doc: Any, comparison: Comparison, t: Mapping[str, str], notes: bool) -> None:
    """One line naming the marks the table uses, each written as it is marked."""
    by_content = set(content_documents(comparison))
    pair = version_pair(comparison)
    if pair:
        used = pair_marks(comparison.rows, (pair[0].id, pair[1].id))
    else:
        used = marks(s for row in comparison.rows for d, spans in row.spans.items() if d not in by_content
                     for s in spans)
    if notes and not pair and any(c is not None and c.moved for row in comparison.rows for c in row.cells.values()):
        used.add("moved")  # the working copy of several texts marks a moved provision in its cell
    formats: dict[str, dict[str, Any]] = {
        "deleted": {"color": DEL, "strike": True}, "inserted": {"color": INS, "underline": True},
        "jurisdiction_word": {"highlight": True, "underline": WD_UNDERLINE.DOTTED}, "equivalent": {"italic": True},
        "moved": {"bold": True, "color": MOVED}}
    shown = [key for key in LEGEND if key in used]
    if not shown:
        return
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.keep_with_next = True
    run(paragraph, t["legend"] + t["colon"], bold=True, size=NOTE_PT)
    for i, key in enumerate(shown):
        text = t[key].split("（")[0].split(" (")[0] if key == "equivalent" else t[key]
        if i:
            run(paragraph, "\u3000", size=NOTE_PT)
        run(paragraph, text, size=NOTE_PT, **formats[key])


# --- the tables ------------------------------------------------------------------------

def _new_table(doc: Any, widths: list[float]) -> Any:
    table = doc.add_table(rows=1, cols=len(widths))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = Mm(width)
    return table


def _finish(table: Any, widths: list[float]) -> None:
    set_widths(table, widths)
    for row in table.rows:
        for cell in row.cells:
            tight(cell)


def _header(row: Any, texts: list[tuple[str, str]]) -> None:
    """The header row: (heading, date) per column; repeated on every page, never split."""
    repeat_header(row)
    keep_together(row)
    for cell, (text, date) in zip(row.cells, texts):
        run(cell.paragraphs[0], text, bold=True, size=TEXT_PT, heading=True)
        if date:
            run(cell.add_paragraph(), date, size=NOTE_PT)
        fill_cell(cell, HEADER_FILL)


def _table(doc: Any, comparison: Comparison, t: Mapping[str, str], names: Mapping[str, str],
           decisions: Mapping[str, Any] | None, notes: bool) -> None:
    """The table of several texts: provision, one column per text, 修改说明/备注."""
    docs = comparison.documents
    text_mm = (usable_mm() - LABEL_MM - REMARKS_MM) / len(docs)
    widths = [LABEL_MM] + [text_mm] * len(docs) + [REMARKS_MM]
    table = _new_table(doc, widths)
    _header(table.rows[0], [(t["provision"], "")] + [
        (_doc_name(d) + (f"{t['open']}{t['base']}{t['close']}" if d.id == comparison.base else ""),
         d.version_date or d.adopted or "") for d in docs] + [(t["remarks"], "")])
    base_name = _doc_name(next(d for d in docs if d.id == comparison.base))
    hidden = unmatched_rows(comparison)
    by_content = set(content_documents(comparison))
    labels = document_labels(comparison)
    row_label = row_labels(comparison, labels)
    for row in comparison.rows:
        if row.id in hidden:
            continue
        added = table.add_row()
        cells = added.cells
        run(cells[0].paragraphs[0], row_label[row.id][0], bold=True, size=TEXT_PT)
        decided = decisions_of(row, decisions, comparison)
        for cell, d in zip(cells[1:], docs):
            if d.id in by_content and row.cells.get(comparison.base) is not None:
                docx_comparative.counterpart_cell(cell, row, d.id, labels, t, names, notes)
            else:
                text_cell(cell, row, d.id, t, names, (comparison.base, base_name), notes, decided)
        _remarks(cells[-1], row, decided, t, names, labels if len(docs) > 2 else None, always=True)
        _keep(added, widths, notes)
    _finish(table, widths)


def _pair_table(doc: Any, comparison: Comparison, t: Mapping[str, str], names: Mapping[str, str],
                decisions: Mapping[str, Any] | None, notes: bool) -> None:
    """修改前 | 修改后 | 说明, the headings (章 / 节…) at the top of the cell they stand before."""
    old, new = version_pair(comparison) or (None, None)
    assert old is not None and new is not None
    text_mm = (usable_mm() - PAIR_REMARKS_MM) / 2
    widths = [text_mm, text_mm, PAIR_REMARKS_MM]
    table = _new_table(doc, widths)
    _header(table.rows[0], [(t["before"], old.version_date or ""), (t["after"], new.version_date or ""),
                            (t["explanation"], "")])
    shown = {old.id: printed(old), new.id: printed(new)}
    for row in comparison.rows:
        added = table.add_row()
        cells = added.cells
        for cell, d in zip(cells, (old, new)):
            _headings(cell, _lead(row, d.id, shown[d.id]))
        side_cell(cells[0], row, (old.id, new.id), shown[old.id], "old")
        side_cell(cells[1], row, (old.id, new.id), shown[new.id], "new")
        decided = decisions_of(row, decisions, comparison)
        if notes:
            for diff, decision in zip(row.differences, decided):
                if diff.category != "formatting":
                    docx_comparative.difference_note(cells[1].add_paragraph(), diff, decision_fields(decision, names),
                                                     t, names)
        _remarks(cells[2], row, decided, t, names, None, always=False)
        _keep(added, widths, notes)
    _finish(table, widths)


def _keep(row: Any, widths: list[float], notes: bool) -> None:
    """Rows of the table that circulates are never split across pages; in the working copy
    (``notes``), whose notes make rows long, a long row runs over the page break instead of
    leaving the page before it blank."""
    if notes:
        keep_together_if_short(row, widths)
    else:
        keep_together(row)


def _lead(row: AlignmentRow, doc_id: str, shown: Any) -> list[str]:
    cell = row.cells.get(doc_id)
    return [visible(line) for line in shown.lead(cell.provisions[0])] if cell is not None else []


def _headings(cell: Any, lines: list[str]) -> None:
    """The headings (章 / 节…) printed before a cell's provision, centred at its top."""
    for i, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if not i else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run(paragraph, line, bold=True, size=TEXT_PT, heading=True)


def _doc_name(doc: Any) -> str:
    return doc.jurisdiction.name if doc.jurisdiction else doc.id


def _remarks(cell: Any, row: AlignmentRow, decided: list[Any | None], t: Mapping[str, str],
             names: Mapping[str, str], labels: Mapping[str, str] | None, always: bool) -> None:
    """The row's status (``always``, else only when the row changed), its structural changes
    in words (each named after its text when ``labels`` is given), and the recorded
    decisions and notes of its differences."""
    lines: list[tuple[str, bool]] = []
    if always or row.status != "identical":
        structural = dict.fromkeys(d.cls for d in row.differences
                                   if d.category == "structural" and d.cls != row.status)
        lines.append(("、".join([names[row.status], *(names[c] for c in structural)]), True))
    for diff in row.differences:
        if diff.category == "structural" and diff.rule:
            named = not labels or (diff.cls == "unmatched" and row.cells.get(diff.document) is None)  # 北京市无对应条款
            said = diff.rule if named else f"{labels[diff.document]}{t['colon']}{diff.rule}"
            lines.append((said, False))
    for decision in decided:
        status, note = decision_fields(decision, names)
        text = t["colon"].join(x for x in (status, note) if x)
        if text:
            lines.append((text, False))
    paragraph = cell.paragraphs[0]
    for i, (text, bold) in enumerate(dict.fromkeys(lines)):
        if i:
            paragraph = cell.add_paragraph()
        run(paragraph, text, size=NOTE_PT, bold=bold and row.status not in ("identical", "formatting"))
