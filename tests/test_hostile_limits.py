"""Issue 14: hostile inputs end in one line, quickly: zip bombs, PDF content bombs, deep HTML."""

from __future__ import annotations

import time
import zipfile
import zlib

import pytest

from compare.errors import InputError
from compare.ingest import read_source
from support import JJJ, assemble_pdf


def flate_pdf(content: bytes) -> bytes:
    """A one-page PDF whose content stream is ``content``, FlateDecode-compressed."""
    packed = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>"
        b" /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return assemble_pdf(objects)


def refused_quickly(path, key: str, seconds: float = 10) -> InputError:  # type: ignore[no-untyped-def]
    started = time.process_time()
    with pytest.raises(InputError) as info:
        read_source(path)
    assert info.value.key == key, info.value.message("en")
    assert time.process_time() - started < seconds
    assert str(path) in info.value.message() and "\n" not in info.value.message()
    return info.value


def test_a_pdf_stream_bomb_of_spaces_is_refused_unpacked_only_to_the_limit(tmp_path) -> None:
    path = tmp_path / "spaces.pdf"
    inflater = zlib.compressobj(9)
    packed = b"".join(inflater.compress(b" " * (1 << 24)) for _ in range(16)) + inflater.flush()  # 256 MiB, 4× the limit
    path.write_bytes(_with_stream(packed))
    refused_quickly(path, "pdf_content_too_large")


def _with_stream(packed: bytes) -> bytes:
    """``flate_pdf`` with an already compressed stream (to build a 1 GiB bomb cheaply)."""
    marker = b"@@STREAM@@"
    template = flate_pdf(b"")
    empty = zlib.compress(b"", 9)
    head, tail = template.split(b"stream\n" + empty, 1)
    head = head.replace(b"/Length %d " % len(empty), b"/Length %d " % len(packed))
    body = head + b"stream\n" + marker + tail
    out = body.replace(marker, packed)
    # rewrite the xref offsets: objects after the stream moved
    start = out.rindex(b"xref\n")
    offsets = [out.index(b"%d 0 obj\n" % n) for n in range(1, 6)]
    xref = b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out[:start] + xref + b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % start


def test_a_pdf_with_millions_of_text_operators_is_refused(tmp_path) -> None:
    path = tmp_path / "ops.pdf"
    path.write_bytes(flate_pdf(b"BT /F1 1 Tf 10 10 Td " + b"(a) Tj " * 2_000_000 + b"ET"))
    assert path.stat().st_size < 300_000
    refused_quickly(path, "pdf_too_many_operators")


def test_pdf_limits_are_configurable(tmp_path, monkeypatch) -> None:
    path = tmp_path / "ops.pdf"
    path.write_bytes(flate_pdf(b"BT /F1 12 Tf 10 800 Td " + b"(a) Tj " * 2000 + b"ET"))
    monkeypatch.setenv("LEGISCOMPARE_MAX_PDF_TEXT_OPS", "1000")
    error = refused_quickly(path, "pdf_too_many_operators")
    assert "1000" in error.message("en") and "LEGISCOMPARE_MAX_PDF_TEXT_OPS" in error.message("en")


def _docx_bomb(path, document_xml_size: int, members: int = 0) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b" " * (1 << 20)
            for _ in range(document_xml_size >> 20):
                member.write(chunk)
        for i in range(members):
            archive.writestr(f"word/media/x{i}.bin", b"")


def test_a_docx_zip_bomb_is_refused_before_anything_is_unpacked(tmp_path) -> None:
    path = tmp_path / "bomb.docx"
    _docx_bomb(path, 200 << 20)
    assert path.stat().st_size < 1 << 20
    refused_quickly(path, "too_large_unpacked", seconds=2)


def test_a_docx_with_too_many_members_is_refused(tmp_path) -> None:
    path = tmp_path / "many.docx"
    _docx_bomb(path, 0, members=2100)
    refused_quickly(path, "docx_too_many_members", seconds=2)


@pytest.mark.parametrize("depth", [255, 300, 2000])
def test_deeply_nested_html_around_a_real_law_parses(tmp_path, depth: int) -> None:
    law = (JJJ / "beijing.txt").read_text(encoding="utf-8")
    body = "".join(f"<p>{line}</p>" for line in law.splitlines())
    path = tmp_path / "deep.html"
    path.write_text(f"<html><body>{'<div>' * depth}{body}{'</div>' * depth}</body></html>", encoding="utf-8")
    text = read_source(path).text
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines == [line.strip() for line in law.splitlines() if line.strip()]  # every line, in order


def test_html_nested_beyond_the_parser_limit_says_so(tmp_path) -> None:
    path = tmp_path / "deeper.html"
    path.write_text("<html><body>" + "<div>" * 5000 + "<p>一、文字</p>" + "</div>" * 5000 + "</body></html>",
                    encoding="utf-8")
    refused_quickly(path, "too_deep")


def test_owner_password_pdf_gets_the_encryption_message_or_opens(tmp_path) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    from test_ingest_pdf import PDF_PAGES, make_pdf

    path = tmp_path / "owner.pdf"
    make_pdf(path, PDF_PAGES, encrypt=StandardEncryption("", ownerPassword="owner", strength=128))
    try:
        text = read_source(path).text
    except InputError as exc:
        assert exc.key == "pdf_encrypted_text", exc.message("en")
    else:
        assert "第一条" in text


def test_a_docx_nested_too_deeply_says_so(tmp_path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("第一条 甲。")
    plain = tmp_path / "plain.docx"
    document.save(plain)
    deep = tmp_path / "deep.docx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(deep, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                xml = data.decode("utf-8")
                start, end = xml.index("<w:body>") + len("<w:body>"), xml.index("</w:body>")
                data = (xml[:start] + "<w:customXml>" * 300 + xml[start:end] + "</w:customXml>" * 300
                        + xml[end:]).encode("utf-8")
            target.writestr(info, data)
    refused_quickly(deep, "too_deep")
