"""Choose a file's format from its content first, then from its extension.

Rules, in order: ``%PDF`` → "pdf"; a ZIP holding ``word/document.xml`` → "docx", one holding
``OFD.xml`` → "ofd" (any other ZIP, and other known binary formats, are refused by name); an
OLE compound file (Word 97-2003 .doc, WPS .wps) → "doc"; ``<html`` or
``<!doctype html`` in the first KB of the decoded text → "html", whatever the extension;
then the extension; anything else is read as plain text ("txt"), which refuses binary data.
"""

from __future__ import annotations

import codecs
import io
import zipfile

from ..errors import InputError
from ..i18n import L_

EXTENSIONS = {
    ".txt": "txt", ".text": "txt", "": "txt",
    ".md": "md", ".markdown": "md",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".docx": "docx", ".pdf": "pdf", ".ofd": "ofd",
}
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: Word 97-2003 .doc, WPS .wps (also .xls, .ppt)
# Binary formats users are likely to try, refused with a name rather than "binary data".
MAGIC = (
    (b"{\\rtf", "RTF (save it as .docx or .txt)"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
)


def sniff_format(suffix: str, data: bytes, shown: str) -> str:
    """The format of ``data`` ("txt", "md", "html", "docx", "doc", "pdf" or "ofd") or ``InputError``."""
    suffix = suffix.lower()
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(suffix, data, shown)
    if data.startswith(OLE):
        return "doc"
    for magic, name in MAGIC:
        if data.startswith(magic):
            raise InputError(shown, "unsupported_format", detail=name)
    head = data[:1024].lower()
    if head.startswith(b"mime-version:") or (b"mime-version:" in head and b"multipart/related" in head):
        raise InputError(shown, "unsupported_format", detail=L_("MHTML web archive (save the page as .html)"))
    if _looks_like_html(data):
        return "html"
    fmt = EXTENSIONS.get(suffix, "txt")
    # A .pdf or .docx without its signature is text under the wrong name (often an HTML
    # error page saved by a failed download) or binary data, which the text reader refuses.
    return "txt" if fmt in ("pdf", "docx", "ofd") else fmt


def _zip_format(suffix: str, data: bytes, shown: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        # A truncated .docx loses its central directory; the docx reader says so.
        if suffix == ".docx" or b"word/" in data[:65536]:
            return "docx"
        if suffix == ".ofd" or b"OFD.xml" in data[:65536]:
            return "ofd"
        raise InputError(shown, "unsupported_format", detail=L_("ZIP archive")) from None
    if "word/document.xml" in names:
        return "docx"
    if "OFD.xml" in names:
        return "ofd"
    if "xl/workbook.xml" in names:
        detail = "Excel .xlsx"
    elif "ppt/presentation.xml" in names:
        detail = "PowerPoint .pptx"
    elif "content.xml" in names:
        detail = L_("OpenDocument (save it as .docx)")
    else:
        detail = L_("ZIP archive")
    raise InputError(shown, "unsupported_format", detail=detail)


def _looks_like_html(data: bytes) -> bool:
    """``<html`` or ``<!doctype html`` near the start, in UTF-16 or any ASCII-compatible text."""
    head = data[:2048]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head.decode("utf-16", errors="ignore")[:1024]
    elif b"\x00" in head[:64] and len(head) > 1:
        # UTF-16 without a BOM: ASCII markup shows up with NULs between the letters.
        text = head.replace(b"\x00", b"").decode("latin-1")[:1024]
    else:
        # GBK, GB18030, Big5 and UTF-8 never use '<' inside a multibyte character, so
        # "<html" found byte-wise is real markup.
        text = head.decode("latin-1")[:1024]
    text = text.lower()
    return "<html" in text or "<!doctype html" in text
