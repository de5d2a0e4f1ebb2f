"""``compare --xlsx``: the CSV's table as an Excel workbook, read back with openpyxl and LibreOffice Calc."""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest

from compare.model import AlignmentRow, Comparison, Difference
from compare.pipeline import Options, compare_files
from compare.report.csv_export import HEADER_KEYS, to_csv
from compare.report.outputs import render_output
from compare.report.xlsx_export import MAX_CELL, xlsx_bytes
from compare.store.records import difference_fingerprints
from support import JJJ_FILES, run_cli

SOFFICE = shutil.which("soffice")
HAS_CALC = SOFFICE is not None and (Path(os.path.realpath(SOFFICE)).parent / "libsclo.so").exists()
NEEDS_CALC = pytest.mark.skipif(not HAS_CALC and os.environ.get("LEGISCOMPARE_REQUIRE_OFFICE") != "1",
                                reason="LibreOffice Calc (libreoffice-calc-nogui) not installed")


@pytest.fixture(scope="module")
def demo() -> Comparison:
    return compare_files(JJJ_FILES, Options())


def _sheet(data: bytes):  # type: ignore[no-untyped-def]
    return openpyxl.load_workbook(io.BytesIO(data)).active


def _values(sheet) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[cell.value or "" for cell in row] for row in sheet.iter_rows()]


def _unquoted(csv_text: str) -> list[list[str]]:
    """The CSV's cells as a spreadsheet shows them: the apostrophe before a formula lead dropped."""
    return [[c[1:] if c[:2] in ("'=", "'+", "'-", "'@", "'\t", "'\r") else c for c in row]
            for row in csv.reader(io.StringIO(csv_text))]


def _tricky() -> Comparison:
    row = AlignmentRow("item1", "一", {}, "substantive", [
        Difference("b", "a", "substantive", "normative", "应当", "=1+2"),
        Difference("b", "a", "substantive", "wording", "-3", "@SUM(A1)"),
        Difference("b", "a", "substantive", "wording", "+4", "#N/A"),
        Difference("b", "a", "substantive", "wording", "甲\x01乙", "第一款\n第二款"),
        Difference("b", "a", "substantive", "wording", "", "长" * (MAX_CELL + 10)),
    ])
    return Comparison((), "a", [row])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_workbook_holds_the_csv_table_with_a_frozen_filtered_header(demo, lang) -> None:
    sheet = _sheet(xlsx_bytes(demo, lang))
    expected = _unquoted(to_csv(demo, lang))
    assert _values(sheet) == expected and len(expected) > 20
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:Q{len(expected)}" and len(HEADER_KEYS) == 17
    assert all(cell.font.b for cell in sheet[1])
    widths = {key: sheet.column_dimensions[chr(ord("A") + i)].width for i, key in enumerate(HEADER_KEYS)}
    assert all(6 <= w <= 50 for w in widths.values()) and widths["old"] > widths["row_id"]
    assert sheet.print_title_rows == "$1:$1" and sheet.page_setup.orientation == "landscape"


def test_every_difference_is_a_row_with_its_fingerprint_and_decision(demo) -> None:
    fingerprints = [fp for row in difference_fingerprints(demo) for fp in row]
    decided = SimpleNamespace(status="needs_harmonisation", note="=见说明", reviewer="张三")
    sheet = _sheet(xlsx_bytes(demo, "zh", {fingerprints[0]: decided}, formatting=True))
    rows = _values(sheet)
    assert [r[13] for r in rows[1:]] == fingerprints  # --csv-formatting: every difference has its line
    first = next(r for r in rows if r[13] == fingerprints[0])
    assert first[14:] == ["需协调", "=见说明", "张三"]
    note = sheet.cell(row=rows.index(first) + 1, column=16)
    assert note.data_type == "s" and note.quotePrefix


def test_formula_leads_stay_text_and_cells_hold_what_xml_and_excel_can(tmp_path) -> None:
    sheet = _sheet(xlsx_bytes(_tricky(), "en"))
    new = [sheet.cell(row=r, column=11) for r in range(2, 7)]
    old = [sheet.cell(row=r, column=10) for r in range(2, 7)]
    assert [c.value for c in new[:3]] == ["=1+2", "@SUM(A1)", "#N/A"]
    assert all(c.data_type == "s" for c in new + old[:4])  # never a formula or an error value
    assert old[4].value is None  # an empty cell is no cell
    assert new[0].quotePrefix and new[1].quotePrefix and old[1].quotePrefix and old[2].quotePrefix
    assert not new[2].quotePrefix and not old[0].quotePrefix
    assert old[3].value == "甲<U+0001>乙" and new[3].value == "第一款¶第二款"
    assert len(new[4].value) == MAX_CELL and new[4].value.endswith("…")


def test_identical_input_gives_identical_bytes_dated_by_the_comparison(demo) -> None:
    first, second = xlsx_bytes(demo), render_output("xlsx", demo, "zh")
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {i.date_time for i in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()
    latest = max(d.version_date or d.adopted or "" for d in demo.documents)
    assert core.count(f'xsi:type="dcterms:W3CDTF">{latest}T00:00:00Z</dcterms:') == 2  # created, modified
    assert ">legiscompare</dc:creator>" in core


def test_compare_writes_the_workbook_and_refuses_a_wrong_extension(tmp_path) -> None:
    target = tmp_path / "differences.xlsx"
    done = run_cli("compare", *JJJ_FILES, "--no-db", "--xlsx", str(target), "--csv", str(tmp_path / "d.csv"))
    assert done.returncode == 0, done.stderr
    assert _values(_sheet(target.read_bytes())) == _unquoted((tmp_path / "d.csv").read_text(encoding="utf-8-sig"))
    wrong = run_cli("compare", *JJJ_FILES, "--no-db", "--xlsx", str(tmp_path / "d.csv2"))
    assert wrong.returncode == 2 and "--xlsx" in wrong.stderr and ".xlsx" in wrong.stderr
    assert not (tmp_path / "d.csv2").exists()


@NEEDS_CALC
def test_libreoffice_calc_reads_the_same_table(demo, tmp_path) -> None:
    source = tmp_path / "d.xlsx"
    source.write_bytes(render_output("xlsx", _with_tricky(demo), "zh"))
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path / "out"), str(source)],
                   check=True, capture_output=True, timeout=300)
    read = (tmp_path / "out" / "d.csv").read_text(encoding="utf-8")
    assert list(csv.reader(io.StringIO(read))) == _unquoted(to_csv(_with_tricky(demo), "zh"))
    assert "=1+2" in read and ",3," not in read  # the formula-like text was never evaluated


def _with_tricky(demo: Comparison) -> Comparison:
    """The demo with the tricky row's formula leads and error value added (between its own texts)."""
    other = demo.documents[1].id
    row = AlignmentRow("item99", "九十九", {}, "substantive", [
        dataclasses.replace(d, document=other, against=demo.base) for d in _tricky().rows[0].differences[:3]])
    return dataclasses.replace(demo, rows=[*demo.rows, row])
