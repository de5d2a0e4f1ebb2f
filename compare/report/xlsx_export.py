"""The differences as an Excel workbook (``compare --xlsx``): the CSV's table in a spreadsheet.

Public API:

- ``xlsx_bytes(comparison, lang="zh", decisions=None, formatting=False) -> bytes``: one sheet
  holding exactly the columns and values of ``compare.report.csv_export`` (``table_rows``, so
  the two never drift apart), with the header row frozen and bold, an auto-filter over the
  table, column widths fitted to the text (long texts wrapped), A4 landscape printing with the
  header repeated on every page.

Spreadsheet safety: every cell is a text cell (never a formula, a number or an error value);
a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is also marked
"quote prefix", Excel's own flag for text typed after an apostrophe, so editing it never turns
it into a formula (where the CSV can only write the apostrophe itself). Characters XML cannot
hold (C0 controls) are written ``<U+XXXX>``, and a cell is cut at Excel's 32,767 characters.

Reproducible: the package is dated by the comparison (its latest version or adoption date,
else 2000-01-01), zip entries carry a fixed time, so identical input gives identical bytes.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Mapping
from copy import copy
from datetime import datetime
from itertools import product
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from ..model import Comparison
from .csv_export import FORMULA_LEADS, HEADER_KEYS, table_rows
from .labels import LABELS
from .word import reproducible_zip

__all__ = ["xlsx_bytes"]

FIXED_DATE = "2000-01-01"  # the date of a comparison none of whose texts is dated
MAX_CELL = 32767  # characters Excel keeps in a cell
WRAPPED = {"old": 50, "new": 50, "context": 50, "rule": 40, "decision_note": 40}  # column → widest, text wrapped
NARROW = {"fingerprint": 18}  # 64 hex digits: the first ones show, the cell holds them all
WIDEST, NARROWEST = 30, 6
LINE_PT, MAX_ROW_PT = 15, 409  # a line of text; the tallest row a spreadsheet allows
HEADER_FILL = "EDEDED"  # as the Word tables' header
WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                  "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")  # East Asian wide


def xlsx_bytes(comparison: Comparison, lang: str = "zh", decisions: Mapping[str, Any] | None = None,
               formatting: bool = False) -> bytes:
    """The workbook of ``comparison``'s differences, as ``csv_export.to_csv`` lists them."""
    rows = table_rows(comparison, lang, decisions, formatting)
    book = Workbook()
    sheet = book.active
    sheet.title = LABELS[lang]["differences"][:31]
    styles = _styles(sheet)
    for r, values in enumerate(rows, 1):
        for c, (key, value) in enumerate(zip(HEADER_KEYS, values), 1):
            if not value:
                continue  # an empty cell is no cell
            cell = sheet.cell(row=r, column=c, value=_text(value))
            cell.data_type = "s"  # a string, whatever it looks like (openpyxl makes "=…" a formula)
            cell._style = copy(styles[r == 1, key in WRAPPED, value.startswith(FORMULA_LEADS)])
    columns = [[_display_width(v) for v in row] for row in rows]
    widths = [_width(key, [row[c] for row in columns]) for c, key in enumerate(HEADER_KEYS)]
    for c, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    for r, shown in enumerate(columns[1:], 2):  # spreadsheets do not all fit a row to its wrapped text
        lines = max(math.ceil(n / (w - 2)) for k, n, w in zip(HEADER_KEYS, shown, widths) if k in WRAPPED)
        if lines > 1:
            sheet.row_dimensions[r].height = min(LINE_PT * lines, MAX_ROW_PT)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(HEADER_KEYS))}{len(rows)}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # every column on the page's width, rows run on
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    _properties(book, comparison, lang)
    return _package(book)


def _text(value: str) -> str:
    """A cell's text as a workbook can hold it: C0 controls written ``<U+XXXX>``, cut at ``MAX_CELL``."""
    value = ILLEGAL_CHARACTERS_RE.sub(lambda m: f"<U+{ord(m.group()):04X}>", value)
    return value if len(value) <= MAX_CELL else value[:MAX_CELL - 1] + "…"


def _display_width(text: str) -> int:
    """Columns ``text`` takes on screen: wide (Chinese) characters count two."""
    return len(text) + len(WIDE.findall(text))


def _width(key: str, column: list[int]) -> float:
    """A column's width: its widest cell (header included) within the bounds of its kind."""
    if key in NARROW:
        return NARROW[key]
    widest = max(column, default=0) + 2
    return max(NARROWEST + 4 if key in WRAPPED else NARROWEST, min(widest, WRAPPED.get(key, WIDEST)))


def _styles(sheet: Any) -> dict[tuple[bool, bool, bool], StyleArray]:
    """The style of a cell by (header, wrapped, quoted), made once: setting a style on each cell
    looks it up in the workbook's tables every time (slow for 100,000 cells)."""
    scratch = sheet.cell(row=1, column=1)
    out = {}
    for header, wrapped, quoted in product((False, True), repeat=3):
        scratch.alignment = Alignment(wrap_text=wrapped, vertical="top")
        scratch.quotePrefix = quoted
        scratch.font = Font(bold=header)
        scratch.fill = PatternFill("solid", fgColor=HEADER_FILL) if header else PatternFill()
        out[header, wrapped, quoted] = copy(scratch._style)
    scratch._style = StyleArray()
    return out


def _properties(book: Workbook, comparison: Comparison, lang: str) -> None:
    """Title, author and dates of the package: the comparison's, never the clock's."""
    dates = sorted(d.version_date or d.adopted or "" for d in comparison.documents)
    try:
        when = datetime.fromisoformat(dates[-1] if dates and dates[-1] else FIXED_DATE)
    except ValueError:
        when = datetime.fromisoformat(FIXED_DATE)
    props = book.properties
    props.creator = props.lastModifiedBy = "legiscompare"
    props.title = LABELS[lang]["report_title"]
    props.created = props.modified = when


def _package(book: Workbook) -> bytes:
    """The workbook's bytes with every zip entry dated ``word.ZIP_TIME`` (openpyxl stamps the clock)."""
    raw = io.BytesIO()
    ExcelWriter(book, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()  # save_workbook would date it now
    return reproducible_zip(raw.getvalue())
