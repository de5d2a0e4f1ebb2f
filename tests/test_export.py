"""Word 对照表 and CSV exports on the 京津冀 texts: shape, marks, encoding, determinism; the
修改前 / 修改后 table of two versions of one text."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from types import SimpleNamespace

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import RGBColor

from compare.pipeline import Options, compare_files
from compare.report.csv_export import HEADER_KEYS, to_csv, write_csv
from compare.report.docx_export import build_document, render_docx, version_pair
from compare.report.labels import LABELS
from compare.store.records import difference_fingerprints
from support import JJJ_FILES, two_versions

RED, BLUE = RGBColor(0xB3, 0x26, 0x1E), RGBColor(0x1A, 0x56, 0xB0)


@pytest.fixture(scope="module")
def comparison():
    return compare_files(JJJ_FILES, Options())


@pytest.fixture(scope="module")
def word(comparison, tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "jjj.docx"
    render_docx(comparison, path)
    return path, docx.Document(str(path))


def _table(document):
    return document.tables[0]  # the working copy's statistics come after it


def _cell(comparison, document, row_id, doc_id):
    row_index = 1 + [r.id for r in comparison.rows].index(row_id)
    col_index = 1 + [d.id for d in comparison.documents].index(doc_id)
    return _table(document).rows[row_index].cells[col_index]


def _runs(cell):
    return [run for p in cell.paragraphs for run in p.runs]


def test_docx_table_shape_and_repeated_header(comparison, word) -> None:
    _, document = word
    table = _table(document)
    assert len(comparison.rows) == 21
    assert len(table.rows) == 1 + 21 and len(table.columns) == 1 + 3 + 1  # provision, texts, 修改说明/备注
    header = table.rows[0]
    assert header._tr.trPr is not None and header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr is None or r._tr.trPr.find(qn("w:tblHeader")) is None for r in table.rows[1:])
    texts = [c.text for c in header.cells]
    assert texts[1].startswith("北京市（基准文本）") and texts[2].startswith("天津市") and texts[3].startswith("河北省")
    assert [table.rows[i + 1].cells[0].text for i in range(3)] == ["序言", "一", "二"]
    assert table.rows[1 + [r.id for r in comparison.rows].index("item15")].cells[-1].text == "实质性"
    assert texts[-1] == "修改说明/备注" and "2023-11-29" in texts[2]  # version date, not adoption


def test_docx_summary_tables_keep_together(comparison) -> None:
    """No summary table of the working copy (``notes``) is left alone at the foot of a page:
    every row but the last keeps with the next, and the line introducing the status table
    keeps with it."""
    document = build_document(comparison, notes=True)
    assert len(document.tables) == 5  # the table, then texts, statuses, categories, classes
    for table in document.tables[1:]:
        rows = table.rows
        assert all(p.paragraph_format.keep_with_next for r in rows[:-1] for c in r.cells for p in c.paragraphs)
    count = next(p for p in document.paragraphs if p.text.startswith("对照行数"))
    assert count.paragraph_format.keep_with_next


def test_docx_marks_deletions_and_insertions(comparison, word) -> None:
    _, document = word
    runs = _runs(_cell(comparison, document, "item15", "hebei-constructed"))
    struck = [r.text for r in runs if r.font.strike and r.font.color.rgb == RED]
    underlined = [r.text for r in runs if r.font.underline and r.font.color.rgb == BLUE]
    assert "鼓励" in struck and "支持" in underlined
    highlighted = [r.text for r in runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert "本省与北京市、天津市" in highlighted
    assert any(r.font.italic for r in runs)  # equivalent readings (punctuation width, partner list)


def test_docx_text_is_complete_and_cjk_font_set(comparison, word) -> None:
    """Unstruck text is each provision exactly (deleted paragraphs and the ［class］ notes left out)."""
    _, document = word
    for row in comparison.rows:
        for doc in comparison.documents:
            cell = _cell(comparison, document, row.id, doc.id)
            paragraphs = [p for p in cell.paragraphs if not p.text.startswith("［")
                          and not (p.runs and all(r.font.strike for r in p.runs))]
            text = "\n".join("".join(r.text for r in p.runs if not r.font.strike) for p in paragraphs)
            assert text == row.cells[doc.id].text, (row.id, doc.id)
    run = _runs(_cell(comparison, document, "item1", "beijing"))[0]
    assert run._r.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"


def test_docx_title_texts_and_legend_then_the_table(word) -> None:
    """Above the table: a title line, one line per text, a one-line legend; no page break."""
    _, document = word
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    body = document.element.body
    assert body.index(_table(document)._tbl) == 5  # title, three texts, legend
    paragraphs = [p.text for p in document.paragraphs[:5]]
    assert paragraphs[0] == "法规文本对照报告：关于推进京津冀协同创新共同体建设的决定"
    assert paragraphs[1] == ("北京市（基准文本）：北京市人民代表大会常务委员会关于推进京津冀协同创新共同体建设的决定"
                             "（2023-11-24）\u3000beijing.txt")
    assert paragraphs[3].startswith("河北省：") and paragraphs[3].endswith("（2023-11-30）\u3000hebei-constructed.txt")
    assert paragraphs[4].startswith("图例：删除的文字\u3000增加的文字\u3000行政区表述")
    assert not any(p.paragraph_format.page_break_before for p in document.paragraphs)
    assert "对照行数：21" not in [p.text for p in document.paragraphs]  # statistics: the working copy only


def test_docx_cells_carry_the_texts_and_marks_only(comparison, word) -> None:
    """No annotation lists in the cells (staff circulated the table after deleting them by
    hand); the working copy (``notes``) keeps them under each text and adds the statistics."""
    _, document = word
    texts = [c.text for row in _table(document).rows[1:] for c in row.cells[1:-1]]
    assert not any("［" in text or "→" in text or "同一组行政区" in text for text in texts)
    working = build_document(comparison, notes=True)
    noted = "\n".join(c.text for row in working.tables[0].rows[1:] for c in row.cells[1:-1])
    assert "［自称］" in noted and "→" in noted
    assert "对照行数：21" in [p.text for p in working.paragraphs]


def test_docx_is_deterministic(comparison, word, tmp_path) -> None:
    first, _ = word
    second = tmp_path / "again.docx"
    render_docx(comparison, second)
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert a.namelist() == b.namelist()
        assert all(a.read(n) == b.read(n) for n in a.namelist())
        assert b"2023-11-30T00:00:00Z" in b.read("docProps/core.xml")  # the latest version date
    assert first.read_bytes() == second.read_bytes()


def test_decisions_shown_in_docx_and_csv(comparison, tmp_path) -> None:
    row = next(r for r in comparison.rows if r.id == "item15")
    index = next(i for i, d in enumerate(row.differences) if d.new == "支持")
    fingerprint = difference_fingerprints(comparison)[comparison.rows.index(row)][index]
    decisions = {fingerprint: SimpleNamespace(status="needs_harmonisation", note="统一为“支持”", reviewer="李四")}
    render_docx(comparison, tmp_path / "d.docx", decisions=decisions)
    cell = _cell(comparison, docx.Document(str(tmp_path / "d.docx")), "item15", "hebei-constructed")
    assert "审查结论" not in cell.text
    table = _table(docx.Document(str(tmp_path / "d.docx")))
    remarks = table.rows[1 + [r.id for r in comparison.rows].index("item15")].cells[-1].text
    assert remarks == "实质性\n需协调：统一为“支持”"
    working = build_document(comparison, decisions=decisions, notes=True)
    assert "审查结论：需协调；统一为“支持”" in _cell(comparison, working, "item15", "hebei-constructed").text
    lines = list(csv.reader(io.StringIO(to_csv(comparison, "zh", decisions))))
    decided = [line for line in lines[1:] if line[-1]]
    assert len(decided) == 1
    assert decided[0][:11] == ["item15", "十五", "hebei-constructed", "item15", "beijing", "item15", "河北省", "实质性",
                               "规范性用语", "鼓励", "支持"]
    assert decided[0][12:] == ["鼓励 → 支持（强度相当）", fingerprint, "需协调", "统一为“支持”", "李四"]
    assert "［鼓励→支持］" in decided[0][11]
    assert to_csv(comparison, "zh", {}) == to_csv(comparison, "zh", None)


def test_csv_one_line_per_difference_with_formatting_summarised(comparison, tmp_path) -> None:
    path = tmp_path / "jjj.csv"
    write_csv(comparison, path, "zh")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\r\r\n" not in raw
    lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert lines[0] == [LABELS["zh"][k] for k in HEADER_KEYS]
    assert all(len(line) == len(HEADER_KEYS) for line in lines[1:])
    listed = [d for r in comparison.rows for d in r.differences if d.category != "formatting"]
    fingerprinted = [line for line in lines[1:] if line[13]]
    assert len(fingerprinted) == len(listed)
    summaries = [line for line in lines[1:] if not line[13]]
    formatting = sum(d.category == "formatting" for r in comparison.rows for d in r.differences)
    assert formatting > 150 and 0 < len(summaries) < formatting / 3  # the ,→， noise is summarised
    assert sum(int(n) for line in summaries for n in re.findall(r"\d+", line[12])) == formatting
    every = list(csv.reader(io.StringIO(to_csv(comparison, "zh", formatting=True))))
    assert len(every) - 1 == sum(len(r.differences) for r in comparison.rows)
    order = [line[0] for line in fingerprinted]
    assert order == [r.id for r in comparison.rows for d in r.differences if d.category != "formatting"]


def test_csv_fingerprints_are_the_stored_ones(comparison) -> None:
    lines = list(csv.reader(io.StringIO(to_csv(comparison, "en"))))[1:]
    stored = {fp for row in difference_fingerprints(comparison) for fp in row}
    assert {line[13] for line in lines if line[13]} <= stored


def test_csv_english_header_and_determinism(comparison) -> None:
    text = to_csv(comparison, "en")
    assert text.startswith("Row ID,Provision,Document,Provision IDs,Compared with,Compared provision IDs,"
                           "Enacting jurisdiction,Category,Class,Old,New,Context,Rule,Fingerprint,")
    assert ",substantive,normative,鼓励,支持," in text
    assert text == to_csv(compare_files(list(reversed(JJJ_FILES)), Options()), "en")


def test_csv_quotes_line_breaks_and_commas() -> None:
    from compare.model import AlignmentRow, Comparison, Difference

    row = AlignmentRow("item1", "一", {}, "substantive",
                       [Difference("b", "a", "substantive", "wording", "甲,乙", "\n甲\n乙\"丙")])
    text = to_csv(Comparison((), "a", [row]), "en")
    assert list(csv.reader(io.StringIO(text)))[1][9:11] == ["甲,乙", "¶甲¶乙\"丙"]  # no cell starts with a line break


@pytest.mark.parametrize("lead", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_cannot_run_as_formulas(lead: str) -> None:
    from compare.model import AlignmentRow, Comparison, Difference

    evil = f"{lead}HYPERLINK(\"http://x\")"
    row = AlignmentRow("item1", "一", {}, "substantive",
                       [Difference("b", "a", "substantive", "wording", evil, "甲", rule=evil)])
    cells = list(csv.reader(io.StringIO(to_csv(Comparison((), "a", [row]), "en"))))[1]
    assert cells[9] == "'" + evil and cells[12] == "'" + evil
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)


# --- two versions of one text: 修改前 / 修改后 / 说明 -------------------------------------------

@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    return compare_files(two_versions(tmp_path_factory.mktemp("versions")), Options())


def test_two_versions_get_before_after_and_explanation(versions) -> None:
    t = LABELS["zh"]
    old, new = version_pair(versions)
    assert (old.version_date, new.version_date) == ("2023-11-24", "2024-05-30")
    document = build_document(versions)
    assert document.paragraphs[0].text == t["pair_title"].format(title=new.title)
    assert document.paragraphs[1].text.startswith(t["before"] + "：") and document.paragraphs[2].text.startswith(
        t["after"] + "：")
    table = document.tables[0]
    assert len(table.columns) == 3
    assert [c.paragraphs[0].text for c in table.rows[0].cells] == [t["before"], t["after"], t["explanation"]]
    assert [c.paragraphs[-1].text for c in table.rows[0].cells[:2]] == ["2023-11-24", "2024-05-30"]
    rows = {r.cells[0].text[:3] or r.cells[1].text[:3]: r for r in table.rows[1:]}
    changed = rows["三、推"]
    before, after, said = changed.cells
    assert before.text.startswith("三、推进京津冀") and after.text.startswith("三、推进京津冀")
    assert [r.text for r in _runs(before) if r.font.strike] == []  # nothing deleted
    assert [r.text for r in _runs(after) if r.font.underline and r.font.color.rgb == BLUE] == ["全面"]
    assert _runs(after)[0].text == "三、" and _runs(after)[0].bold  # the number as printed, in bold
    assert said.text == "实质性"
    added = next(r for r in table.rows[1:] if "评估机制" in r.cells[1].text)
    assert added.cells[0].text == "" and all(r.font.underline for r in _runs(added.cells[1]))
    assert "新增" in added.cells[2].text
    assert rows["一、推"].cells[2].text == ""  # an unchanged provision needs no explanation
    assert [r.text for r in _runs(rows["二、推"].cells[0]) if r.font.strike and r.font.color.rgb == RED] == ["、合作共赢"]
    assert document.paragraphs[3].text == "图例：" + "\u3000".join((t["deleted"], t["inserted"]))
    cells = [c for r in table.rows[1:] for c in r.cells]
    assert not any(r.font.highlight_color or r.font.italic for c in cells for r in _runs(c))  # one place, one law


def test_versions_in_the_other_order_or_of_two_places_get_the_usual_table(versions, comparison) -> None:
    paths = [d.source.path for d in versions.documents]
    later_first = compare_files(paths, Options(base=paths[1]))
    assert version_pair(later_first) is None and len(build_document(later_first).tables[0].columns) == 1 + 2 + 1
    assert version_pair(comparison) is None
