"""Ingest: text PDFs (pdfplumber), including truncated, scanned, locked and unmapped ones.

All fixtures are built here. reportlab writes the PDFs with its built-in Adobe CID font
STSong-Light: it is not embedded, so no font package is needed, and pdfminer maps it to
Unicode with its own CMaps. ``raw_pdf`` writes PDFs by hand for what reportlab cannot
make (a font without a Unicode mapping).
"""

from __future__ import annotations

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from compare.ingest import read_source
from support import assemble_pdf
from test_ingest import expect_error, write
from test_ingest_formats import CORPUS, corpus_lines


def make_pdf(path, pages: list[list[tuple[float, str]]], **canvas_options) -> None:
    """A text PDF: each page a list of (x, text) lines, 12 pt STSong-Light, 20 pt apart."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path), **canvas_options)
    for number, lines in enumerate(pages, 1):
        pdf.setFont("STSong-Light", 12)
        for i, (x, text) in enumerate(lines):
            pdf.drawString(x, 800 - 20 * i, text)
        pdf.drawString(290, 40, f"- {number} -")
        pdf.showPage()
    pdf.save()


def wrap(paragraph: str, indent: bool = True) -> list[tuple[float, str]]:
    """Lay a paragraph out as a justified body 288 pt (24 full-width characters) wide from
    x=60 at 12 pt, the first line indented by two characters."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    lines: list[tuple[float, str]] = []
    x, line = (84.0 if indent else 60.0), ""
    for char in paragraph:
        if x + pdfmetrics.stringWidth(line + char, "STSong-Light", 12) > 348.01:
            lines.append((x, line))
            x, line = 60.0, ""
        line += char
    return lines + [(x, line)]


PDF_ART1 = "第一条　为了规范地方性法规的制定，根据宪法和立法法，结合本市实际，制定本条例。"
# The third line of article 2 starts with a cross-reference ("第五条规定"), on the next page.
PDF_ART2 = ("第二条　本条例所称立法活动，是指地方性法规的立项、起草、审议、表决、公布和解释等活动以及依照"
            "第五条规定开展的立法调研、评估论证以及备案审查等相关工作，适用本条例：")
PDF_ITEMS = ["（一）市人民代表大会及其常务委员会的立法活动；", "（二）其他活动。"]
PDF_HEAD = [(150, "北京市促进科技条例"), (80, "（2023年11月24日通过）"), (150, "第一章　总　　则")]
PDF_PAGES = [
    PDF_HEAD + wrap(PDF_ART1) + wrap(PDF_ART2)[:2],
    wrap(PDF_ART2)[2:] + wrap(PDF_ITEMS[0]) + wrap(PDF_ITEMS[1]),
]
PDF_TEXT = "\n".join(["北京市促进科技条例", "（2023年11月24日通过）", "第一章 总 则",  # U+3000 → " "
                      PDF_ART1.replace("　", " "), PDF_ART2.replace("　", " "), *PDF_ITEMS])


def test_pdf_text_rejoined_into_paragraphs(tmp_path):
    path = tmp_path / "law.pdf"
    make_pdf(path, PDF_PAGES)
    src = read_source(path)
    assert (src.format, src.warnings) == ("pdf", ())
    assert src.text == PDF_TEXT  # page numbers dropped, a paragraph continues across pages


@pytest.mark.skipif(not CORPUS.exists(), reason="corpus text not present")
def test_round_trip_of_a_real_text_through_pdf(tmp_path):
    lines = corpus_lines()
    laid_out = [placed for line in lines for placed in wrap(line)]
    pages = [laid_out[i:i + 36] for i in range(0, len(laid_out), 36)]
    make_pdf(tmp_path / "law.pdf", pages)
    assert len(pages) > 3
    assert read_source(tmp_path / "law.pdf").text.split("\n") == [line.replace("\u3000", " ") for line in lines]


def test_pdf_sentence_ending_at_the_margin(tmp_path):
    # The first sentence ends exactly at the end of the second line, a full one.
    first = "第三条　本市应当加强立法工作的组织协调，健全立法起草、论证、协调审议机制，完善立法工作机制。" + "提高立法质量。"
    assert wrap(first)[1][1].endswith("机制。")
    second = "第四条　立法应当遵循宪法的基本原则，符合宪法的规定。"
    preface = [placed for n in "一二三四" for placed in wrap(f"本段是第{n}段说明。")]
    indented = preface + wrap(first) + wrap(second) + wrap("（一）其他事项。")
    block = [(60.0, "本市应当加强立法工作的组织协调，完善立法工作机制。"), (60.0, "其他段落。")]
    make_pdf(tmp_path / "indented.pdf", [indented])
    make_pdf(tmp_path / "block.pdf", [block + [(60.0, "又一段。")]])
    assert first.replace("　", " ") in read_source(tmp_path / "indented.pdf").text.split("\n")
    assert read_source(tmp_path / "block.pdf").text.split("\n") == [t for _, t in block] + ["又一段。"]


def test_pdf_with_wrong_extension_sniffed(tmp_path):
    path = tmp_path / "law.txt"
    make_pdf(path, PDF_PAGES)
    assert read_source(path).format == "pdf"


def test_pdf_truncated(tmp_path):
    path = tmp_path / "law.pdf"
    make_pdf(path, PDF_PAGES)
    data = path.read_bytes()
    for cut in (len(data) // 2, len(data) - 10, 20):
        expect_error(write(tmp_path, "cut.pdf", data[:cut]), "corrupt")


def test_pdf_garbage_after_header(tmp_path):
    expect_error(write(tmp_path, "bad.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 4 + b"\n%%EOF\n"), "corrupt")


def test_pdf_scanned_image_only(tmp_path):
    from PIL import Image

    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.drawInlineImage(Image.new("L", (40, 40), 128), 50, 600, 200, 200)
    pdf.showPage()
    pdf.save()
    err = expect_error(path, "pdf_scanned")  # recognised by OCR, and nothing found in a grey square
    assert "no text was recognised" in err.message("en")


def test_pdf_without_any_content(tmp_path):
    path = tmp_path / "blank.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.showPage()
    pdf.save()
    expect_error(path, "pdf_scanned")


def test_pdf_password_protected(tmp_path):
    path = tmp_path / "locked.pdf"
    make_pdf(path, PDF_PAGES, encrypt="secret")
    expect_error(path, "encrypted")


def raw_pdf(content: bytes, fonts: list[bytes]) -> bytes:
    """A one-page PDF written by hand; ``fonts`` are the dictionaries of /F1, /F2...
    (``DESC`` in one stands for a CID font without a Unicode mapping)."""
    first_font, descendant = 5, 5 + len(fonts)
    names = b" ".join(b"/F%d %d 0 R" % (i + 1, first_font + i) for i in range(len(fonts)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << "
        + names + b" >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        *(font.replace(b"DESC", b"%d 0 R" % descendant) for font in fonts),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
    ]
    return assemble_pdf(objects)


IDENTITY_FONT = b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [DESC] >>"
HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def test_pdf_font_without_tounicode(tmp_path):
    glyphs = b"<" + b"".join(b"%04X" % (100 + i) for i in range(20)) + b">"
    content = b"BT /F1 12 Tf 50 800 Td " + glyphs + b" Tj ET"
    err = expect_error(write(tmp_path, "cid.pdf", raw_pdf(content, [IDENTITY_FONT])), "pdf_no_unicode")
    assert "ToUnicode" in err.message("en")


def test_pdf_few_unmapped_glyphs_replaced_and_warned(tmp_path):
    body = b"Article 1. These regulations apply to the whole city and its districts."
    content = b"BT /F1 12 Tf 50 800 Td (" + body + b") Tj ET BT /F2 12 Tf 50 780 Td <0064> Tj ET"
    src = read_source(write(tmp_path, "mixed.pdf", raw_pdf(content, [HELVETICA, IDENTITY_FONT])))
    assert src.warnings == ("pdf_unmapped_glyphs:1",)
    assert src.text.startswith("Article 1. These") and "(cid:" not in src.text and "\ufffd" in src.text


def test_pdf_reader_is_quiet(tmp_path, capfd):
    # pdfminer logs about the hand-written fonts; none of it may reach the terminal.
    content = b"BT /F1 12 Tf 50 800 Td <00640065> Tj ET"
    expect_error(write(tmp_path, "cid.pdf", raw_pdf(content, [IDENTITY_FONT])), "pdf_no_unicode")
    assert capfd.readouterr().err == ""
