"""The Word toolkit every .docx output builds on (对照表, redline, 修改决定): page set-up in
the GB/T 9704 manner, fonts, runs, headings, tables, reproducible files.

Public API: ``apply_page_setup``, ``set_fonts``, ``reproducible_zip``, ``run`` (a formatted
run with explicit fonts), ``heading``, ``table`` (a grid kept on one page), ``fill_cell``,
``keep_together`` (a row never split across pages), ``tight`` (single spacing in a cell),
and the sizes, colours and fonts as constants (``TEXT_PT``, ``NOTE_PT``, ``DEL``, ``INS``…).
"""

from __future__ import annotations

import copy
import io
import math
import zipfile
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_COLOR_INDEX, WD_UNDERLINE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.simpletypes import ST_HpsMeasure
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from ..visible import visible

FONT_BODY = "仿宋"  # FangSong; GB2312 charset declared in the font table, so 宋体 is the fallback
FONT_FALLBACK = "宋体"
FONT_HEADING = "黑体"  # SimHei
FONT_LATIN = "Times New Roman"
FIXED_TIME = datetime(2000, 1, 1, tzinfo=timezone.utc)  # when no document has a date
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
MARGINS_MM = {"left_margin": 28, "right_margin": 26, "top_margin": 25, "bottom_margin": 25}
TITLE_PT, HEADING_PT, BODY_PT = 22, 16, 12  # 二号, 三号, 小四
TEXT_PT, NOTE_PT = 10.5, 9  # 五号 provision text, 小五 difference notes

DEL = RGBColor(0xB3, 0x26, 0x1E)  # same colours as the HTML report
INS = RGBColor(0x1A, 0x56, 0xB0)
MOVED = RGBColor(0x1B, 0x7F, 0x3B)
GREY = RGBColor(0x88, 0x88, 0x88)
INSTITUTION_FILL = "F0E1FF"
HEADER_FILL = "EDEDED"


def apply_page_setup(doc: Any, title: str, lang: str, date: str | None, landscape: bool) -> None:
    """A4 page and margins, 仿宋/黑体 fonts, footer with page numbers, core properties
    (``title``; created and modified on ``date``, "YYYY-MM-DD", or a fixed date)."""
    title = visible(title)
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    for side, mm in MARGINS_MM.items():
        setattr(section, side, Mm(mm))
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(defaults)
    defaults.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(2)
    normal.paragraph_format.line_spacing = 1.15
    _heading_styles(doc)
    _font_table(doc)
    footer = section.footer.paragraphs[0]
    run(footer, f"{title}　", size=NOTE_PT)
    _page_field(footer)
    props = doc.core_properties
    props.title = title[:255]  # the most the property holds
    props.author, props.last_modified_by = "legiscompare", "legiscompare"
    props.comments, props.language, props.revision = "legiscompare", "zh-CN" if lang == "zh" else "en", 1
    when = datetime.fromisoformat(date).replace(tzinfo=timezone.utc) if date else FIXED_TIME
    props.created = props.modified = when


def _heading_styles(doc: Any) -> None:
    """Title and headings in 黑体, black, at 二号 / 三号 / 四号."""
    for name, size in (("Title", TITLE_PT), ("Heading 1", TITLE_PT), ("Heading 2", HEADING_PT),
                       ("Heading 3", 14)):
        style = doc.styles[name]
        style.font.size, style.font.color.rgb = Pt(size), RGBColor(0, 0, 0)
        set_fonts(style.element.get_or_add_rPr(), heading=True)


def _font_table(doc: Any) -> None:
    """Declare 仿宋 and 黑体 as GB2312 fonts (charset 86) with 宋体 as their alternative, so a
    reader without them gets 宋体 or the installed Chinese font, never a Latin one."""
    part = next((rel.target_part for rel in doc.part.rels.values() if rel.reltype.endswith("/fontTable")), None)
    if part is None:
        return
    root = etree.fromstring(part.blob)
    for name, alt in ((FONT_BODY, FONT_FALLBACK), (FONT_HEADING, FONT_FALLBACK), (FONT_FALLBACK, "SimSun")):
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag, value in (("w:altName", alt), ("w:charset", "86"), ("w:family", "modern"), ("w:pitch", "fixed")):
            etree.SubElement(font, qn(tag)).set(qn("w:val"), value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_fonts(rpr: Any, heading: bool = False) -> None:
    """Name the Latin and East Asian fonts explicitly (theme fonts would override them)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0 if rpr.find(qn("w:rStyle")) is None else 1, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme") or attr.endswith("theme"):
            del fonts.attrib[attr]
    east = FONT_HEADING if heading else FONT_BODY
    for attr, font in (("ascii", FONT_LATIN), ("hAnsi", FONT_LATIN), ("cs", FONT_LATIN), ("eastAsia", east)):
        fonts.set(qn(f"w:{attr}"), font)


def _page_field(paragraph: Any) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    paragraph._p.append(field)


def reproducible_zip(data: bytes) -> bytes:
    """The same package with every entry dated ``ZIP_TIME`` (python-docx stamps the clock)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            zout.writestr(entry, zin.read(info.filename))
    return out.getvalue()


# --- building blocks -------------------------------------------------------------------

def run(paragraph: Any, text: str, *, bold: bool = False, italic: bool = False, size: float | None = None,
         color: RGBColor | None = None, strike: bool = False, underline: Any = False,
         highlight: bool = False, fill: str | None = None, heading: bool = False) -> Any:
    """Append a run with explicit fonts and the given formatting (``underline``: True or a
    WD_UNDERLINE value; ``heading``: 黑体 instead of 仿宋).

    The run properties are appended in schema order to a fresh ``w:rPr``: the same XML as
    python-docx's ``Font`` setters give, without their search for each element's place
    (a third of the time of a Word table; ``tests/test_startup.py`` compares the two). Text
    without tabs or line breaks is one ``w:t``, added directly rather than character by
    character as ``Run.text`` does."""
    run = paragraph.add_run()
    r = run._r
    if text:
        if "\t" in text or "\r" in text or "\n" in text:
            run.text = text
        else:
            r.add_t(text)
    rpr = _new("w:rPr")
    r.insert(0, rpr)  # where get_or_add_rPr puts it: before the text
    rpr.append(copy.copy(_fonts(heading)))
    for wanted, tag in ((bold, "w:b"), (italic, "w:i"), (strike, "w:strike")):
        if wanted:
            rpr.append(_new(tag))
    if color is not None:
        rpr.append(_new("w:color", str(color)))
    if size:
        rpr.append(_new("w:sz", ST_HpsMeasure.convert_to_xml(Pt(size))))
    if highlight:
        rpr.append(_new("w:highlight", WD_COLOR_INDEX.to_xml(WD_COLOR_INDEX.YELLOW)))
    if underline:
        rpr.append(_new("w:u", WD_UNDERLINE.to_xml(WD_UNDERLINE.SINGLE if underline is True else underline)))
    if fill:
        _shade(rpr, fill, ("w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
                           "w:eastAsianLayout", "w:specVanish", "w:oMath"))
    return run


@lru_cache(maxsize=256)
def _template(tag: str, value: str | None) -> Any:
    element = OxmlElement(tag)
    if value is not None:
        element.set(qn("w:val"), value)
    return element


def _new(tag: str, value: str | None = None) -> Any:
    """A fresh ``tag`` element (with ``w:val`` = ``value``): a copy of a cached one, since
    building each with ``OxmlElement`` was most of the time of a Word table."""
    return copy.copy(_template(tag, value))


@lru_cache(maxsize=2)
def _fonts(heading: bool) -> Any:
    """The ``w:rFonts`` that ``set_fonts`` writes into an empty ``w:rPr``."""
    rpr = OxmlElement("w:rPr")
    set_fonts(rpr, heading=heading)
    return rpr[0]


def _shade(parent: Any, fill: str, successors: tuple[str, ...]) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    parent.insert_element_before(shd, *successors)


def fill_cell(cell: Any, fill: str) -> None:
    _shade(cell._tc.get_or_add_tcPr(), fill, ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText",
                                              "w:vAlign", "w:hideMark", "w:headers", "w:cellIns",
                                              "w:cellDel", "w:cellMerge", "w:tcPrChange"))


def heading(doc: Any, text: str, level: int) -> Any:
    paragraph = doc.add_heading("", level)
    run(paragraph, text, heading=True)
    return paragraph


def table(doc: Any, header: list[str], rows: list[list[str]]) -> Any:
    """A simple grid table with a shaded header row, repeated on every page a long table
    runs over, and kept on one page where it fits (each row's paragraphs keep with the
    next, so the header never stands alone at a page's foot)."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles["Table Grid"]
    repeat_header(table.rows[0])
    for cell, text in zip(table.rows[0].cells, header):
        run(cell.paragraphs[0], text, bold=True, heading=True)
        fill_cell(cell, HEADER_FILL)
    for values in rows:
        for cell, text in zip(table.add_row().cells, values):
            run(cell.paragraphs[0], text)
    for row in table.rows[:-1]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
    return table


def usable_mm() -> float:
    """The width between the margins of an A4 landscape page, in millimetres."""
    return 297 - MARGINS_MM["left_margin"] - MARGINS_MM["right_margin"]


def set_widths(table: Any, widths: list[float]) -> None:
    """Fixed column widths (mm) for ``table``; a merged cell keeps the width of its span."""
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = Mm(width)
    for row in table.rows:
        if len({id(c._tc) for c in row.cells}) == len(widths):
            for cell, width in zip(row.cells, widths):
                cell.width = Mm(width)


def repeat_header(row: Any) -> None:
    """Mark ``row`` as its table's header, repeated at the top of each page."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def keep_together(row: Any) -> None:
    """A table row that Word and LibreOffice do not split across pages."""
    trpr = row._tr.get_or_add_trPr()
    trpr.insert(0, OxmlElement("w:cantSplit"))


KEPT_LINES = 15  # a row estimated taller may run over a page break: kept whole, it would leave a page mostly blank
PT_MM = 0.3528


def keep_together_if_short(row: Any, widths_mm: list[float]) -> None:
    """``keep_together`` for a row of at most ``KEPT_LINES`` lines, as estimated from the
    characters of each cell's paragraphs at ``TEXT_PT`` in the cell's width (``widths_mm``)."""
    def lines(cell: Any, width: float) -> int:
        per_line = max(1, int((width - 2) / (TEXT_PT * PT_MM)))
        return sum(max(1, math.ceil(len(p.text) / per_line)) for p in cell.paragraphs)

    if max((lines(c, w) for c, w in zip(row.cells, widths_mm)), default=0) <= KEPT_LINES:
        keep_together(row)



def tight(cell: Any) -> None:
    """Single line spacing inside the table (rows kept whole waste less of each page)."""
    for paragraph in cell.paragraphs:
        paragraph.paragraph_format.line_spacing = 1.0
        paragraph.paragraph_format.space_after = Pt(1)


