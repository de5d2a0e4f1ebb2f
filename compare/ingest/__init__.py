"""Read legislation files: recognise the format, extract and decode the text, keep it as is.

Public API:

- ``read_source(path, *, traditional_to_simplified=False, docx_view="accepted") -> SourceText``:
  read one file (.txt, .md, .html/.htm, .docx, .doc and .wps through LibreOffice, .pdf with
  a text layer or scanned (OCR), OFD; the format is sniffed from the content, then the
  extension) into plain text with one paragraph per line, or raise ``InputError`` naming the
  file and the problem (missing, empty, binary, undecodable, too large, damaged...). With
  ``traditional_to_simplified`` the text is converted through OpenCC ``t2s``;
  ``docx_view`` ("accepted" or "original") is the view of a Word file's tracked changes.
- ``decode_bytes(data, name) -> (text, encoding)``: the decoding step alone (BOMs, UTF-8,
  UTF-16, GB18030/GBK, Big5, ...).
- ``comparison_form`` / ``normalise_char`` (from ``normalise``): the normalised form used
  for comparison only; display always keeps the original text.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from ..errors import InputError, os_error
from ..fileio import shown_path
from ..model import SourceText
from .base import Extracted
from .decode import decode_bytes
from .normalise import comparison_form, normalise_char
from .sniff import sniff_format

__all__ = ["read_source", "decode_bytes", "comparison_form", "normalise_char", "MAX_BYTES", "FORMATS"]

MAX_BYTES = 20 * 1024 * 1024  # the largest statute is well under 2 MB; beyond this is a mistake
FORMATS = ("txt", "md", "html", "docx", "doc", "pdf", "ofd")


def read_source(path: str | os.PathLike[str], *, traditional_to_simplified: bool = False,
                docx_view: str = "accepted") -> SourceText:
    """Read one legislation file into a ``SourceText`` or raise ``InputError``."""
    shown = shown_path(path)  # printable and storable, even for names that are not UTF-8
    data = _read_bytes(Path(path), shown)
    fmt = sniff_format(Path(path).suffix, data, shown)
    extracted = _reader(fmt, docx_view)(data, shown)
    text = extracted.text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(shown, "empty")
    if traditional_to_simplified:
        from .convert import to_simplified

        text = to_simplified(text)
    return SourceText(
        path=shown,
        name=shown_path(Path(path).name),
        text=text,
        encoding=extracted.encoding,
        format=fmt,
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=extracted.warnings,
    )


def _reader(fmt: str, docx_view: str = "accepted") -> Callable[[bytes, str], Extracted]:
    """The reader for ``fmt``; heavy libraries are imported only when a format needs them."""
    if fmt == "html":
        from .html import read_html

        return read_html
    if fmt == "docx":
        from .docx import read_docx

        return lambda data, shown: read_docx(data, shown, docx_view)
    if fmt == "doc":
        from .office import read_legacy_word

        return lambda data, shown: read_legacy_word(data, shown, docx_view)
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf
    if fmt == "ofd":
        from .ofd import read_ofd

        return read_ofd
    return _read_text


def _read_text(data: bytes, shown: str) -> Extracted:
    """Plain text and Markdown: decoded, otherwise unchanged (the parser understands Markdown)."""
    text, encoding = decode_bytes(data, shown)
    return Extracted(text, encoding)


def _read_bytes(path: Path, shown: str) -> bytes:
    """The file's bytes; the size is checked before reading, and again while reading."""
    if not path.exists():
        raise InputError(shown, "not_found")
    if not path.is_file():
        raise InputError(shown, "not_a_file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(shown, "too_large", size=round(size / 1048576, 1), limit=MAX_BYTES // 1048576)
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(shown, "unreadable", detail=os_error(exc)) from None
    if len(data) > MAX_BYTES:  # the file grew after stat()
        raise InputError(shown, "too_large", size=round(len(data) / 1048576, 1), limit=MAX_BYTES // 1048576)
    if not data.strip():
        raise InputError(shown, "empty")
    return data
