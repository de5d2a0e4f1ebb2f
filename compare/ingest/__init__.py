"""Read legislation files: decode bytes, recognise the format, keep the original text.

Public API:

- ``read_source(path) -> SourceText``: read and decode one file, or raise ``InputError``
  naming the file and the problem (missing, empty, binary, undecodable, too large).
- ``decode_bytes(data, name) -> (text, encoding)``: the decoding step alone.
- ``comparison_form`` / ``normalise_char`` (from ``normalise``): the normalised form used
  for comparison only; display always keeps the original text.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..errors import InputError
from ..model import SourceText
from .decode import decode_bytes
from .normalise import comparison_form, normalise_char

__all__ = ["read_source", "decode_bytes", "comparison_form", "normalise_char", "MAX_BYTES"]

MAX_BYTES = 20 * 1024 * 1024  # the largest statute is well under 2 MB; beyond this is a mistake
TEXT_FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", "": "txt"}


def read_source(path: str | os.PathLike[str]) -> SourceText:
    """Read one legislation file into a ``SourceText`` or raise ``InputError``."""
    shown = str(path)
    data = _read_bytes(Path(path), shown)
    fmt = _sniff_format(Path(path), data, shown)
    text, encoding = decode_bytes(data, shown)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(shown, "empty")
    return SourceText(
        path=shown,
        name=Path(path).name,
        text=text,
        encoding=encoding,
        format=fmt,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _read_bytes(path: Path, shown: str) -> bytes:
    if not path.exists():
        raise InputError(shown, "not_found")
    if not path.is_file():
        raise InputError(shown, "not_a_file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(shown, "too_large", size=round(size / 1048576, 1), limit=MAX_BYTES // 1048576)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(shown, "unreadable", detail=exc.strerror or str(exc)) from None
    if not data.strip():
        raise InputError(shown, "empty")
    return data


def _sniff_format(path: Path, data: bytes, shown: str) -> str:
    """Choose the format from the content first, then from the extension."""
    head = data[:8]
    if head.startswith(b"%PDF") or head.startswith(b"PK\x03\x04"):
        raise InputError(shown, "unsupported_format", detail="PDF/Word")
    suffix = path.suffix.lower()
    if suffix in TEXT_FORMATS:
        return TEXT_FORMATS[suffix]
    raise InputError(shown, "unsupported_format", detail=suffix)
