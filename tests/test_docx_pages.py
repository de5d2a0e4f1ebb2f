"""The Word 对照表 as LibreOffice lays it out (docx → PDF → text and PNG per page): the table
starts on page 1 under the title, the texts and the legend; a row that fits on a page is
never split (the demo's 五 was); two versions of one law get 修改前 / 修改后 on page 1.

LibreOffice tests skip without ``soffice`` (and ``pdftotext``/``pdftoppm``) unless
LEGISCOMPARE_REQUIRE_OFFICE=1 (``make test``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from compare.model import Span
from compare.pipeline import Options, compare_files
from compare.report.docx_cells import span_format
from compare.report.docx_export import docx_bytes
from compare.report.labels import LABELS
from support import JJJ_FILES, corpus_file, two_versions

SHOTS = Path(__file__).resolve().parents[1] / "reports" / "screenshots"

TOOLS = ("soffice", "pdftotext", "pdftoppm")
pytestmark = pytest.mark.skipif(any(shutil.which(t) is None for t in TOOLS)
                                and os.environ.get("LEGISCOMPARE_REQUIRE_OFFICE") != "1",
                                reason="LibreOffice or poppler-utils not installed")


def _pages(tmp_path: Path, data: bytes, name: str) -> list[str]:
    """The text of each page of the .docx as LibreOffice prints it, whitespace removed."""
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        pytest.fail(f"LEGISCOMPARE_REQUIRE_OFFICE=1 but {', '.join(missing)} missing "
                    "(apt-get install libreoffice-writer-nogui poppler-utils)")
    source = tmp_path / f"{name}.docx"
    source.write_bytes(data)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=300)
    text = subprocess.run(["pdftotext", str(tmp_path / f"{name}.pdf"), "-"], check=True, capture_output=True,
                          text=True).stdout
    return [re.sub(r"\s+", "", page) for page in text.split("\f")[:-1]]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _shown(row, doc_id: str) -> str:
    """What a document's cell shows: its spans as marked (struck deletions included)."""
    cell = row.cells[doc_id]
    return _flat("".join(span_format(s)[0] for s in row.spans.get(doc_id) or (Span("equal", cell.text, cell.text),)))


def _table_lines_low_on_page_one(tmp_path: Path, name: str) -> int:
    """Vertical lines down the lower half of page 1 (50–75 % of its height) as LibreOffice
    draws it: the table's column borders where the table runs down the page, none where
    the page ends early."""
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", "-singlefile", str(tmp_path / f"{name}.pdf"),
                    str(tmp_path / name)], check=True, capture_output=True)
    image = Image.open(tmp_path / f"{name}.png").convert("L")
    SHOTS.mkdir(parents=True, exist_ok=True)  # kept for a reader to look at: the first page as it circulates
    shutil.copy(tmp_path / f"{name}.png", SHOTS / f"docx-{name}-page1.png")
    width, height = image.size
    pixels = image.load()
    band = range(height // 2, height * 3 // 4)
    dark = [sum(pixels[x, y] < 160 for y in band) > len(band) * 0.9 for x in range(width)]
    return sum(1 for x in range(width) if dark[x] and (x == 0 or not dark[x - 1]))


@pytest.fixture(scope="module")
def demo():
    return compare_files(JJJ_FILES, Options())


def test_the_table_starts_on_page_one_and_row_five_stays_whole(demo, tmp_path) -> None:
    t = LABELS["zh"]
    pages = _pages(tmp_path, docx_bytes(demo), "demo")
    first = demo.rows[0]
    assert _flat(t["remarks"]) in pages[0] and _flat(t["provision"]) in pages[0]
    assert _flat(first.cells["beijing"].text) in pages[0]  # the first row, whole, on page 1
    assert _table_lines_low_on_page_one(tmp_path, "demo") == 1 + 3 + 2  # the table runs down the page
    five = next(r for r in demo.rows if r.label == "五")
    shown = [_flat(five.cells["beijing"].text)] + [_shown(five, d)
                                                   for d in ("tianjin-constructed", "hebei-constructed")]
    holding = [n for n, page in enumerate(pages) if all(text in page for text in shown)]
    assert len(holding) == 1, "row 五 is split across pages"
    assert len(pages) <= 8


def test_two_versions_start_with_before_and_after_on_page_one(tmp_path) -> None:
    t = LABELS["zh"]
    versions = compare_files(two_versions(tmp_path), Options())
    pages = _pages(tmp_path, docx_bytes(versions), "versions")
    assert all(_flat(t[k]) in pages[0] for k in ("before", "after", "explanation"))
    assert _flat(t["pair_title"].format(title=versions.documents[1].title)) in pages[0]
    item = next(r for r in versions.rows if r.label == "一")
    assert "一、" + _flat(item.cells[versions.base].text) in pages[0]


@pytest.mark.corpus
def test_a_real_revision_starts_with_its_first_article_on_page_one(tmp_path) -> None:
    t = LABELS["zh"]
    law = compare_files([corpus_file("行政复议法(2017-09-01).md"), corpus_file("行政复议法(2023-09-01).md")], Options())
    pages = _pages(tmp_path, docx_bytes(law), "xzfy")
    assert _flat(t["before"]) in pages[0] and _flat(t["after"]) in pages[0]
    assert "第一章总则" in pages[0] and "第一条为了防止和纠正违法的或者不当的具体行政行为" in pages[0]
    assert _table_lines_low_on_page_one(tmp_path, "xzfy") == 4


def test_the_working_copy_lets_a_long_row_run_over_a_page_break(demo) -> None:
    """Kept whole, a row taller than what is left of a page leaves that page blank (page 1 of
    six 优化营商环境条例 with notes was the title alone): in the working copy only short
    rows are kept whole; in the table that circulates, every row is."""
    import io

    import docx
    from docx.oxml.ns import qn

    from compare.report.word import KEPT_LINES, keep_together_if_short

    def kept(data: bytes) -> list[bool]:
        rows = docx.Document(io.BytesIO(data)).tables[0].rows[1:]
        return [r._tr.trPr is not None and r._tr.trPr.find(qn("w:cantSplit")) is not None for r in rows]

    assert all(kept(docx_bytes(demo)))
    with_notes = kept(docx_bytes(demo, notes=True))
    assert any(with_notes) and not all(with_notes)
    table = docx.Document().add_table(rows=2, cols=1)
    table.rows[0].cells[0].text = "短"
    table.rows[1].cells[0].text = "长" * 20 * (KEPT_LINES + 1)
    for row in table.rows:
        keep_together_if_short(row, [60.0])
    assert [r._tr.trPr is not None and r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows] == [True, False]
