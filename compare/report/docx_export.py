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

import copy
import io
import os
import zipfile
from collections.abc import Mapping
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any

from docx import Document
from lxml import etree
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_COLOR_INDEX, WD_UNDERLINE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.simpletypes import ST_HpsMeasure
from docx.shared import Mm, Pt, RGBColor

from ..classify import CLASS_CATEGORY
from ..model import CATEGORIES, STATUSES, AlignmentRow, Comparison, Span
from . import common_title
from ..fileio import replace_file
from .cells import absent_note, merged_note, part_starts
from .comparative import content_documents, unmatched_rows
from .navigation import row_labels
from .csv_export import decision_fields, decisions_of
from .json_export import summary
from .labels import LABELS, NAMES
from ..structure.describe import describe_warnings

__all__ = ["render_docx", "build_document", "docx_bytes", "apply_page_setup", "reproducible_zip", "set_fonts"]

FONT_BODY = "仿宋"  # FangSong; GB2312 charset declared in the font table, so 宋体 is the fallback
FONT_FALLBACK = "宋体"
FONT_HEADING = "黑体"  # SimHei
FONT_LATIN = "Times New Roman"
FIXED_TIME = datetime(2000, 1, 1, tzinfo=timezone.utc)  # when no document has a date
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
MARGINS_MM = {"left_margin": 28, "right_margin": 26, "top_margin": 25, "bottom_margin": 25}
LABEL_MM, STATUS_MM, REMARKS_MM = 16, 18, 34  # provision, status, remarks columns; documents share the rest
TITLE_PT, HEADING_PT, BODY_PT = 22, 16, 12  # 二号, 三号, 小四
TEXT_PT, NOTE_PT = 10.5, 9  # 五号 provision text, 小五 difference notes

DEL = RGBColor(0xB3, 0x26, 0x1E)  # same colours as the HTML report
INS = RGBColor(0x1A, 0x56, 0xB0)
MOVED = RGBColor(0x1B, 0x7F, 0x3B)
GREY = RGBColor(0x88, 0x88, 0x88)
INSTITUTION_FILL = "F0E1FF"
HEADER_FILL = "EDEDED"

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
    title = f"{t['report_title']}：{common_title(comparison)}"
    doc = Document()
    _setup(doc, title, lang, comparison)
    _summary_page(doc, comparison, t, names, title, lang)
    comparative = bool(content_documents(comparison))
    if comparative:
        from . import docx_comparative  # it builds on this module's primitives

        docx_comparative.coverage_table(doc, comparison, _labels(comparison), t)
    heading = _heading(doc, t["comparison_table"], 2)
    heading.paragraph_format.page_break_before = True
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


def apply_page_setup(doc: Any, title: str, lang: str, date: str | None, landscape: bool) -> None:
    """A4 page and margins, 仿宋/黑体 fonts, footer with page numbers, core properties
    (``title``; created and modified on ``date``, "YYYY-MM-DD", or a fixed date)."""
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
    _run(footer, f"{title}　", size=NOTE_PT)
    _page_field(footer)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, "legiscompare", "legiscompare"
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

def _run(paragraph: Any, text: str, *, bold: bool = False, italic: bool = False, size: float | None = None,
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


def _fill_cell(cell: Any, fill: str) -> None:
    _shade(cell._tc.get_or_add_tcPr(), fill, ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText",
                                              "w:vAlign", "w:hideMark", "w:headers", "w:cellIns",
                                              "w:cellDel", "w:cellMerge", "w:tcPrChange"))


def _heading(doc: Any, text: str, level: int) -> Any:
    paragraph = doc.add_heading("", level)
    _run(paragraph, text, heading=True)
    return paragraph


def _table(doc: Any, header: list[str], rows: list[list[str]]) -> Any:
    """A simple grid table with a shaded header row, kept on one page (each row's
    paragraphs keep with the next, so the header never stands alone at a page's foot)."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, header):
        _run(cell.paragraphs[0], text, bold=True, heading=True)
        _fill_cell(cell, HEADER_FILL)
    for values in rows:
        for cell, text in zip(table.add_row().cells, values):
            _run(cell.paragraphs[0], text)
    for row in table.rows[:-1]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
    return table


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
    _heading(doc, title, 1)

    _heading(doc, t["documents"], 2)
    _table(doc, [t["doc_id"], t["jurisdiction"], t["adopted"], t["version"], t["file"], t["title"]], [
        [d.id + (f"（{t['base']}）" if d.id == comparison.base else ""),
         d.jurisdiction.name if d.jurisdiction else "", d.adopted or "", d.version_date or "", d.source.name,
         d.title + (f"\n{t['warnings']}{t['colon']}" + t["semicolon"].join(describe_warnings(d.warnings, lang))
                    if d.warnings else "")]
        for d in comparison.documents])

    _heading(doc, t["summary"], 2)
    count = doc.add_paragraph()
    count.paragraph_format.keep_with_next = True  # with the table it introduces
    _run(count, f"{t['rows']}：{stats['rows']}")
    shown = [s for s in STATUSES if stats["statuses"][s] or s == "identical"]
    _table(doc, [t["status"]] + [names[s] for s in shown], [[t["rows"]] + [str(stats["statuses"][s]) for s in shown]])

    per_doc = stats["differences"]
    _heading(doc, t["category_by_document"], 2)
    rows = [[names[cat]] + [str(per_doc.get(d.id, {}).get("categories", {}).get(cat, 0)) for d in others]
            for cat in CATEGORIES]
    rows.append([t["total"]] + [str(sum(per_doc.get(d.id, {}).get("categories", {}).values())) for d in others])
    _table(doc, [t["category"]] + [_column_name(d) for d in others], rows)

    present = {x.cls for r in comparison.rows for x in r.differences}
    _heading(doc, t["category_total"], 2)
    _table(doc, [t["class"]] + [_column_name(d) for d in others], [
        [f"{names[cat]}：{names[cls]}"] + [str(per_doc.get(d.id, {}).get("classes", {}).get(cls, 0)) for d in others]
        for cls, cat in CLASS_CATEGORY.items() if cls in present])

    _heading(doc, t["legend"], 2)
    legend = doc.add_paragraph()
    _run(legend, t["deleted"], color=DEL, strike=True)
    _run(legend, "　")
    _run(legend, t["inserted"], color=INS, underline=True)
    _run(legend, "　")
    _run(legend, t["jurisdiction_word"], highlight=True, underline=WD_UNDERLINE.DOTTED)
    _run(legend, "　")
    _run(legend, t["equivalent"].split("（")[0].split(" (")[0], italic=True)
    _run(legend, "　")
    _run(legend, t["moved"], bold=True, color=MOVED)


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
        _keep_together(added)
        cells = added.cells
        _run(cells[0].paragraphs[0], row_label[row.id][0], bold=True, size=TEXT_PT)
        by_diff = decisions_of(row, decisions, comparison)
        for cell, d in zip(cells[1:], docs):
            if d.id in by_content and row.cells.get(comparison.base) is not None:
                from .docx_comparative import counterpart_cell

                counterpart_cell(cell, row, d.id, labels[d.id], t, names)
            else:
                _text_cell(cell, row, d.id, t, names, by_diff, (comparison.base, base_name))
        structural = dict.fromkeys(d.cls for d in row.differences if d.category == "structural" and d.cls != row.status)
        _run(cells[-2].paragraphs[0], "、".join([names[row.status], *(names[c] for c in structural)]), size=NOTE_PT,
             bold=row.status not in ("identical", "formatting"))
        _remarks(cells[-1], row, by_diff, names)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
            _tight(cell)


def _tight(cell: Any) -> None:
    """Single line spacing inside the table (rows kept whole waste less of each page)."""
    for paragraph in cell.paragraphs:
        paragraph.paragraph_format.line_spacing = 1.0
        paragraph.paragraph_format.space_after = Pt(1)


def _header_row(header: Any, comparison: Comparison, t: Mapping[str, str]) -> None:
    """Provision, each document (jurisdiction, version date), status, remarks; repeated on
    every page and never split."""
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    _keep_together(header)
    docs = comparison.documents
    texts = [t["provision"]] + [_doc_name(d) + (f"（{t['base']}）" if d.id == comparison.base else "")
                                for d in docs] + [t["status"], t["remarks"]]
    for i, (cell, text) in enumerate(zip(header.cells, texts)):
        _run(cell.paragraphs[0], text, bold=True, size=TEXT_PT, heading=True)
        if 0 < i <= len(docs) and (docs[i - 1].version_date or docs[i - 1].adopted):
            _run(cell.add_paragraph(), docs[i - 1].version_date or docs[i - 1].adopted or "", size=NOTE_PT)
        _fill_cell(cell, HEADER_FILL)


def _keep_together(row: Any) -> None:
    """A table row that Word and LibreOffice do not split across pages."""
    trpr = row._tr.get_or_add_trPr()
    trpr.insert(0, OxmlElement("w:cantSplit"))


def _remarks(cell: Any, row: AlignmentRow, decided: list[Any | None], names: Mapping[str, str]) -> None:
    """The recorded decisions and notes of a row's differences (empty for the reviewer)."""
    seen: list[str] = []
    for decision in decided:
        status, note = decision_fields(decision, names)
        text = "：".join(x for x in (status, note) if x)
        if text and text not in seen:
            seen.append(text)
    if seen:
        _run(cell.paragraphs[0], "；".join(seen), size=NOTE_PT)


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
        _run(paragraph, absent_note(row, doc_id) or t["absent"], italic=True, color=GREY, size=TEXT_PT)
    else:
        note = merged_note(row, doc_id, *base, t)
        if note:
            _run(paragraph, note, bold=True, color=MOVED, size=NOTE_PT)
            paragraph = cell.add_paragraph()
        _provision_text(cell, paragraph, row, doc_id, t,
                        part_starts(row, doc_id, *base, t))
    for diff, decision in zip(row.differences, decided):
        if diff.document == doc_id and diff.category != "formatting":
            _note(cell.add_paragraph(), diff, decision, t, names)


def _provision_text(cell: Any, paragraph: Any, row: AlignmentRow, doc_id: str, t: Mapping[str, str],
                    starts: dict[int, str]) -> None:
    """The marked text of a present cell, its number and a moved mark first, each part of a
    split or merged cell headed where it begins (``starts``: paragraph index → heading)."""
    own = row.cells[doc_id]
    assert own is not None
    if own.number != row.label:
        _run(paragraph, own.number + " ", bold=True, size=TEXT_PT)
    if own.moved:
        _run(paragraph, f"（{t['moved']}）", bold=True, color=MOVED, size=TEXT_PT)
    spans = row.spans.get(doc_id) or (Span("equal", own.text, own.text),)
    shown = 0  # paragraphs of the displayed (new) text started so far
    if 0 in starts:
        _run(paragraph, starts[0] + " ", bold=True, color=MOVED, size=NOTE_PT)
    for span in spans:
        text, fmt = _span_format(span)
        for i, part in enumerate(text.split("\n")):
            if i:
                paragraph = cell.add_paragraph()
                shown += span.op != "delete"
                if span.op != "delete" and shown in starts:
                    _run(paragraph, starts[shown] + " ", bold=True, color=MOVED, size=NOTE_PT)
            if part:
                _run(paragraph, part, size=TEXT_PT, **fmt)


def _note(note: Any, diff: Any, decision: Any | None, t: Mapping[str, str], names: Mapping[str, str]) -> None:
    """One difference under a text: class, old → new (a structural one: its rule), decision."""
    _run(note, f"［{names[diff.cls]}］", size=NOTE_PT, bold=True)
    if diff.category == "structural":
        _run(note, diff.rule or "", size=NOTE_PT)
    else:
        if diff.old:
            _run(note, diff.old, size=NOTE_PT, color=DEL, strike=True)
        if diff.old and diff.new:
            _run(note, " → ", size=NOTE_PT)
        if diff.new:
            _run(note, diff.new, size=NOTE_PT, color=INS, underline=True)
        if diff.rule:
            _run(note, f"　{diff.rule}", size=NOTE_PT, color=GREY)
    status, text = decision_fields(decision, names)
    if status or text:
        _run(note, f"　{t['decision']}：{'；'.join(x for x in (status, text) if x)}", size=NOTE_PT, bold=True)
