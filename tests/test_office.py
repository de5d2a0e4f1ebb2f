"""Word outputs checked by LibreOffice headless, and the print/PDF page count.

- The redline .docx: LibreOffice reads it back with its tracked changes (accepting and
  rejecting them, exactly: ``tests/test_redline.py``).
- LibreOffice converts the 对照表 and the redline to PDF; the report's own PDF (headless
  Chromium, print stylesheet) takes no more pages than the Word 对照表's working copy
  (``--docx-notes``, which carries the notes the report carries).
- The 对照表's typography and table properties (w:cantSplit, w:tblHeader, 仿宋/黑体, dates).

LibreOffice tests skip without ``soffice`` unless LEGISCOMPARE_REQUIRE_OFFICE=1 (``make test``).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from compare.pipeline import Options, compare_files
from compare.report import render_html
from compare.report.docx_export import docx_bytes
from compare.report.pdf import find_chromium, pdf_bytes
from compare.report.redline import redline_bytes
from support import JJJ_FILES, source_lines, xml_texts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SOFFICE = shutil.which("soffice")
NEEDS_OFFICE = pytest.mark.skipif(SOFFICE is None and os.environ.get("LEGISCOMPARE_REQUIRE_OFFICE") != "1",
                                  reason="LibreOffice (soffice) not installed")


@pytest.fixture(scope="module")
def demo():
    return compare_files(JJJ_FILES, Options())


@pytest.fixture(scope="module")
def review_law(lawrefbook):
    files = sorted(str(p) for p in lawrefbook.rglob("行政复议法(20*.md")
                   if p.name in ("行政复议法(2017-09-01).md", "行政复议法(2023-09-01).md"))
    if len(files) != 2:
        pytest.skip("行政复议法 pair not in the corpus")
    return compare_files(files, Options())


def _document_xml(docx: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return etree.fromstring(z.read("word/document.xml"))


def _soffice(tmp_path: Path, files: list[Path], target: str) -> Path:
    out = tmp_path / "out"
    if SOFFICE is None:
        pytest.fail("LEGISCOMPARE_REQUIRE_OFFICE=1 but soffice is missing (apt-get install libreoffice-writer-nogui)")
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                    "--convert-to", target, "--outdir", str(out), *map(str, files)],
                   check=True, capture_output=True, timeout=300)
    return out


def _pages(pdf: Path) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


@NEEDS_OFFICE
def test_libreoffice_reads_the_tracked_changes(demo, tmp_path) -> None:
    source = tmp_path / "redline.docx"
    source.write_bytes(redline_bytes(demo))
    out = _soffice(tmp_path, [source], "docx:MS Word 2007 XML")
    accepted, rejected = xml_texts((out / "redline.docx").read_bytes())
    assert accepted == source_lines(demo.documents[1].source.path)
    assert rejected == source_lines(demo.documents[0].source.path)


def _office_and_print(comparison, tmp_path: Path, name: str) -> tuple[int, int, int]:
    table, redline = tmp_path / f"{name}.docx", tmp_path / f"{name}-redline.docx"
    table.write_bytes(docx_bytes(comparison, notes=True))  # the working copy: notes, as the report has
    redline.write_bytes(redline_bytes(comparison))
    out = _soffice(tmp_path, [table, redline], "pdf")
    printed = tmp_path / f"{name}-print.pdf"
    printed.write_bytes(pdf_bytes(render_html(comparison)))
    return _pages(out / f"{name}.pdf"), _pages(out / f"{name}-redline.pdf"), _pages(printed)


@NEEDS_OFFICE
@pytest.mark.skipif(find_chromium() is None and os.environ.get("LEGISCOMPARE_REQUIRE_BROWSER") != "1",
                    reason="chromium not installed")
def test_demo_word_files_convert_and_print_fits(demo, tmp_path) -> None:
    word, redline, printed = _office_and_print(demo, tmp_path, "demo")
    assert word >= 2 and redline >= 1
    assert 1 <= printed <= word


@pytest.mark.corpus
@NEEDS_OFFICE
@pytest.mark.skipif(find_chromium() is None and os.environ.get("LEGISCOMPARE_REQUIRE_BROWSER") != "1",
                    reason="chromium not installed")
def test_real_revision_prints_in_no_more_pages_than_word(review_law, tmp_path) -> None:
    word, redline, printed = _office_and_print(review_law, tmp_path, "xzfy")
    assert redline >= 5
    assert printed <= word, f"print {printed} pages, Word {word}"
    shots = Path(__file__).resolve().parents[1] / "reports" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    (shots / "xzfy-print.pdf").write_bytes(pdf_bytes(render_html(review_law)))


def test_word_table_typography_and_properties(demo) -> None:
    data = docx_bytes(demo)
    root = _document_xml(data)
    rows = root.findall(f".//{W}tbl")[-1].findall(f"{W}tr")
    assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    header = "".join(t.text for t in rows[0].iter(f"{W}t"))
    assert "2023-11-29" in header and "修改说明/备注" in header
    fonts = {f.get(f"{W}eastAsia") for f in root.iter(f"{W}rFonts")}
    assert {"仿宋", "黑体"} <= fonts and "SimSun" not in fonts
    assert root.find(f".//{W}pgSz").get(f"{W}orient") == "landscape"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        core = z.read("docProps/core.xml").decode()
        table = z.read("word/fontTable.xml").decode()
    assert "2023-11-30T00:00:00Z" in core and "法规文本对照报告" in core
    assert 'w:name="仿宋"' in table and 'w:val="宋体"' in table
    assert docx_bytes(demo) == data


def _cli(capsys, *args: str) -> tuple[int, str, str]:
    from compare.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out = capsys.readouterr()
    return exit_info.value.code, out.out, out.err


@pytest.mark.parametrize("option, name, lang, expected", [
    ("-o", "report.pdf", "zh", "-o/--output 的输出文件应以 .html / .htm 结尾"),
    ("--pdf", "report.html", "en", "the output file of --pdf must end in .pdf"),
    ("--redline-docx", "r.csv", "en", "the output file of --redline-docx must end in .docx"),
    ("--json", "r.txt", "zh", "--json 的输出文件应以 .json 结尾"),
])
def test_an_output_named_for_another_kind_is_refused(capsys, tmp_path, monkeypatch, option, name, lang,
                                                     expected) -> None:
    monkeypatch.setenv("LEGISCOMPARE_LANG", lang)  # restored afterwards (--lang sets it for the process)
    code, _, err = _cli(capsys, "--lang", lang, "compare", *JJJ_FILES, "--no-db", option, str(tmp_path / name))
    assert code == 2 and expected in err and err.count("\n") == 1
    assert not (tmp_path / name).exists()


@pytest.mark.skipif(find_chromium() is None and os.environ.get("LEGISCOMPARE_REQUIRE_BROWSER") != "1",
                    reason="chromium not installed")
def test_cli_writes_pdf_and_redline(capsys, tmp_path) -> None:
    pdf, red = tmp_path / "r.pdf", tmp_path / "red" / "hebei-constructed.redline.docx"
    code, out, _ = _cli(capsys, "compare", *JJJ_FILES, "--no-db", "--pdf", str(pdf), "--redline-docx",
                        str(tmp_path / "red"))
    assert code == 0 and pdf.read_bytes().startswith(b"%PDF") and zipfile.is_zipfile(red)
    first = pdf.read_bytes()
    pdf.unlink()
    _cli(capsys, "compare", *JJJ_FILES, "--no-db", "--pdf", str(pdf), "--redline-docx", str(tmp_path / "red2"))
    assert pdf.read_bytes() == first  # reproducible
    assert (tmp_path / "red2" / red.name).read_bytes() == red.read_bytes()


def test_missing_chromium_is_one_line(capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LEGISCOMPARE_CHROMIUM", str(tmp_path / "no-such-browser"))
    code, _, err = _cli(capsys, "compare", *JJJ_FILES, "--no-db", "--pdf", str(tmp_path / "r.pdf"))
    assert code == 2 and "Chromium" in err and err.count("\n") == 1
    assert not (tmp_path / "r.pdf").exists()


def test_pdf_structure_ids_are_renumbered_in_order_of_use() -> None:
    """Chromium's tag ids shift with DOM node ids between prints: renumbered, two prints agree."""
    from compare.report.pdf import _stable_node_ids

    first = b"/S /TH /ID (node00000018)>> /Headers [(node00000018) (node00000020)] /ID (node00000020)"
    second = b"/S /TH /ID (node00000019)>> /Headers [(node00000019) (node00000021)] /ID (node00000021)"
    assert _stable_node_ids(first) == _stable_node_ids(second)
    assert _stable_node_ids(first) == b"/S /TH /ID (node00000001)>> /Headers [(node00000001) (node00000002)] /ID (node00000002)"
    assert len(_stable_node_ids(first)) == len(first)
