"""Ingest: plain text and Markdown, encodings, format sniffing, bad input, options.

Format readers (HTML, .docx, PDF) are tested in test_ingest_formats.py.
"""

from __future__ import annotations

import codecs
import hashlib
import zipfile

import pytest

from compare.errors import InputError
from compare.ingest import MAX_BYTES, comparison_form, decode_bytes, read_source
from compare.ingest.sniff import sniff_format

LAW = (
    "北京市促进科技成果转化条例\n"
    "（2019年11月27日北京市第十五届人民代表大会常务委员会第十六次会议通过）\n"
    "第一章　总　　则\n"
    "第一条　为了促进科技成果转化，根据《中华人民共和国促进科技成果转化法》，结合本市实际，制定本条例。\n"
    "第二条　本条例适用于本市行政区域内的科技成果转化活动。\n"
)
TRADITIONAL = "第一條　為了規範地方性法規的制定，根據憲法和立法法，結合本省實際，制定本條例。\n第二條　本條例適用於本省。\n"
SIMPLIFIED = "第一条　为了规范地方性法规的制定，根据宪法和立法法，结合本省实际，制定本条例。\n第二条　本条例适用于本省。\n"


def write(tmp_path, name: str, data: bytes | str):
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def expect_error(path, *keys: str) -> InputError:
    """read_source fails with one of ``keys``, in one line in both languages."""
    with pytest.raises(InputError) as info:
        read_source(path)
    err = info.value
    assert err.key in keys, err.message("en")
    for lang in ("zh", "en"):
        line = err.message(lang)
        assert line.startswith(f"{path}: ") and "\n" not in line and "Traceback" not in line
    return err


# --- plain text and Markdown -------------------------------------------------------------

def test_txt_keeps_text_and_metadata(tmp_path):
    path = write(tmp_path, "law.txt", LAW.replace("\n", "\r\n"))
    src = read_source(path)
    assert src.text == LAW  # CRLF → LF, nothing else changed
    assert (src.format, src.encoding, src.name, src.path) == ("txt", "utf-8", "law.txt", str(path))
    assert src.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert src.warnings == ()


def test_markdown_lawrefbook_style_kept_for_the_parser(tmp_path):
    md = "# 北京市促进科技成果转化条例\n\n2019年11月27日通过\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 为了促进。\n"
    src = read_source(write(tmp_path, "law.md", md))
    assert (src.format, src.text) == ("md", md)


@pytest.mark.parametrize("suffix, fmt", [(".markdown", "md"), (".text", "txt"), ("", "txt"), (".law", "txt")])
def test_text_extensions(tmp_path, suffix, fmt):
    assert read_source(write(tmp_path, "law" + suffix, LAW)).format == fmt


# --- encodings ----------------------------------------------------------------------------

@pytest.mark.parametrize("prefix, codec, expected", [
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
    (b"", "utf-16-le", "utf-16-le"),
    (b"", "utf-16-be", "utf-16-be"),
])
def test_unicode_with_and_without_bom(tmp_path, prefix, codec, expected):
    src = read_source(write(tmp_path, "law.txt", prefix + LAW.encode(codec)))
    assert src.text == LAW and src.encoding == expected
    assert not src.text.startswith("\ufeff")


def test_gb18030_outside_gb2312(tmp_path):
    # 镕 and 䶮 are not in GB2312, 𠀀 (U+20000) is only in GB18030's four-byte range.
    text = "第一条　朱镕基、王䶮与𠀀字的规范。\n" + LAW
    src = read_source(write(tmp_path, "law.txt", text.encode("gb18030")))
    assert src.text == text and src.encoding == "gb18030"


def test_gbk_decoded_as_gb18030(tmp_path):
    src = read_source(write(tmp_path, "law.txt", LAW.encode("gbk")))
    assert src.text == LAW and src.encoding == "gb18030"


def test_big5_traditional(tmp_path):
    src = read_source(write(tmp_path, "law.txt", TRADITIONAL.encode("big5")))
    assert src.text == TRADITIONAL and src.encoding.startswith(("big5", "cp950"))


def test_declared_encoding_used_before_guessing():
    data = "第一条".encode("gb18030")
    assert decode_bytes(data, "x", declared="gb2312") == ("第一条", "gb18030")
    assert decode_bytes("第一條".encode("big5"), "x", declared="big5") == ("第一條", "big5")


def test_utf8_wins_over_a_wrong_declaration():
    assert decode_bytes(LAW.encode("utf-8"), "x", declared="gbk") == (LAW, "utf-8")


def test_undecodable_bytes(tmp_path):
    # Valid UTF-8 except for bytes that no text encoding explains.
    data = LAW.encode("utf-8")[:60] + b"\xff\xfe\xfd" + LAW.encode("utf-8")[60:]
    expect_error(write(tmp_path, "bad.txt", bytes(range(0x80, 0x100)) * 8), "undecodable")
    with pytest.raises(InputError) as info:
        decode_bytes(data, "x")
    assert info.value.key == "undecodable"


# --- traditional → simplified ---------------------------------------------------------------

def test_traditional_to_simplified_option(tmp_path):
    path = write(tmp_path, "tw.txt", TRADITIONAL.encode("big5"))
    assert read_source(path).text == TRADITIONAL
    converted = read_source(path, traditional_to_simplified=True)
    assert converted.text == SIMPLIFIED
    assert converted.sha256 == read_source(path).sha256  # the hash still names the raw input


def test_traditional_to_simplified_keeps_simplified_text(tmp_path):
    path = write(tmp_path, "law.txt", LAW)
    assert read_source(path, traditional_to_simplified=True).text == LAW


# --- normalisation is for comparison only ---------------------------------------------------

def test_display_text_keeps_surface_forms(tmp_path):
    raw = "第一条\u3000依照本条例第１２条(一)项,于二〇二三年\u200b施行 。\n"
    src = read_source(write(tmp_path, "law.txt", raw))
    assert src.text == raw  # full-width digits, half-width punctuation, 〇 and U+200B kept
    assert comparison_form(src.text) == "第一条依照本条例第12条（一）项，于二零二三年施行。"


def test_comparison_form_equates_width_variants():
    assert comparison_form("第１２条，(一)") == comparison_form("第12条,（一）")
    assert comparison_form("二〇二三年") == comparison_form("二零二三年")
    assert comparison_form("本条例  自\t公布 之日") == comparison_form("本条例自公布之日")


# --- sniffing by content --------------------------------------------------------------------

def test_html_content_with_txt_extension(tmp_path):
    page = "<!DOCTYPE html><html><body><p>第一条　为了规范。</p><p>第二条　施行。</p></body></html>"
    src = read_source(write(tmp_path, "page.txt", page))
    assert src.format == "html" and src.text == "第一条　为了规范。\n第二条　施行。"


def test_html_sniffed_in_utf16(tmp_path):
    page = "<html><body><p>第一条　为了规范。</p></body></html>"
    src = read_source(write(tmp_path, "page.txt", codecs.BOM_UTF16_LE + page.encode("utf-16-le")))
    assert src.format == "html" and src.text == "第一条　为了规范。"


def test_markdown_mentioning_html_later_stays_markdown(tmp_path):
    md = "# 条例\n\n" + "第一条　正文。\n\n" * 200 + "<html> 在后面\n"
    assert read_source(write(tmp_path, "law.md", md)).format == "md"


def test_pdf_and_docx_sniffed_whatever_the_name():
    assert sniff_format(".txt", b"%PDF-1.4\n...", "x") == "pdf"
    assert sniff_format(".pdf", "第一条".encode(), "x") == "txt"  # text under a .pdf name
    assert sniff_format(".pdf", b"<!DOCTYPE html><html>", "x") == "html"


def test_docx_sniffed_from_zip_content(tmp_path):
    path = tmp_path / "law.bin"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert sniff_format(".bin", path.read_bytes(), "x") == "docx"


@pytest.mark.parametrize("member, detail", [("xl/workbook.xml", "Excel"), ("notes.txt", "ZIP")])
def test_other_zip_files_refused(tmp_path, member, detail):
    path = tmp_path / "law.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(member, "x")
    err = expect_error(path, "unsupported_format")
    assert detail in err.message("en")


@pytest.mark.parametrize("data, detail", [
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"),
    (b"{\\rtf1\\ansi \\'b5\\'da}", "RTF"),
])
def test_known_binary_formats_named(tmp_path, data, detail):
    err = expect_error(write(tmp_path, "law.doc", data), "unsupported_format")
    assert detail in err.message("en")


# --- bad input ------------------------------------------------------------------------------

def test_missing_and_directory(tmp_path):
    expect_error(tmp_path / "nope.txt", "not_found")
    expect_error(tmp_path, "not_a_file")


@pytest.mark.parametrize("data", [b"", b" \n\r\n\t", codecs.BOM_UTF8, codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")])
def test_empty(tmp_path, data):
    expect_error(write(tmp_path, "empty.txt", data), "empty")


def test_unknown_binary(tmp_path):
    expect_error(write(tmp_path, "blob.txt", bytes(range(256)) * 40), "binary")


def test_fifty_megabytes_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: no disk used
    monkeypatch.setattr("pathlib.Path.read_bytes", lambda self: pytest.fail("read whole"))
    opened = []
    real_open = type(path).open
    monkeypatch.setattr(type(path), "open", lambda self, *a, **k: opened.append(self) or real_open(self, *a, **k))
    err = expect_error(path, "too_large")
    assert not opened
    assert "50.0" in err.message("en") and str(MAX_BYTES // 1048576) in err.message("en")
