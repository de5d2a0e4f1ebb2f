"""Bounds on the work a PDF can cause, checked before pdfplumber lays out any page.

``check_content(doc, pages, shown)`` walks the content streams of every page (pdfminer
objects, not yet interpreted) and decodes them within a budget: FlateDecode streams are
inflated incrementally, never past ``LEGISCOMPARE_MAX_PDF_CONTENT_MB`` in total, so a
1 GiB stream of spaces compressed into 1 MB is refused after 64 MB, not unpacked. The
text-showing operators (``Tj``, ``TJ``) are counted in the same pass against
``LEGISCOMPARE_MAX_PDF_TEXT_OPS``. Either limit exceeded is an ``InputError`` naming the
file. Other filters are decoded by pdfminer and counted the same way afterwards.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from typing import Any

from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1

from ..errors import InputError
from ..limits import limit

_TEXT_OP = re.compile(rb"T[jJ](?![A-Za-z])")
_CHUNK = 1 << 20


def check_content(pages: Iterable[Any], shown: str) -> None:
    """Raise ``InputError`` when the pages' content streams exceed the size or operator limits."""
    budget = limit("LEGISCOMPARE_MAX_PDF_CONTENT_MB") * 1024 * 1024
    max_ops = limit("LEGISCOMPARE_MAX_PDF_TEXT_OPS")
    used = ops = 0
    for page in pages:
        for stream in _streams(getattr(page, "contents", None)):
            size, count = _measure(stream, budget - used)
            used, ops = used + size, ops + count
            if used > budget:
                raise InputError(shown, "pdf_content_too_large", limit=budget // 1048576)
            if ops > max_ops:
                raise InputError(shown, "pdf_too_many_operators", limit=max_ops)


def _streams(contents: Any) -> list[PDFStream]:
    items = resolve1(contents)
    if items is None:
        return []
    if not isinstance(items, list):
        items = [items]
    return [s for s in (resolve1(i) for i in items) if isinstance(s, PDFStream)]


def _measure(stream: PDFStream, room: int) -> tuple[int, int]:
    """(decoded size, text operators) of one stream; stops counting once past ``room`` bytes."""
    filters = [f for f, _ in stream.get_filters()]
    if filters and all(f in LITERALS_FLATE_DECODE for f in filters) and len(filters) == 1 and stream.rawdata:
        raw = stream.rawdata
        if stream.decipher:
            raw = stream.decipher(stream.objid, stream.genno, raw, stream.attrs)
        return _inflate(raw, room)
    data = stream.get_data() or b""
    return len(data), len(_TEXT_OP.findall(data))


def _inflate(raw: bytes, room: int) -> tuple[int, int]:
    """Inflate ``raw`` a chunk at a time, counting operators, until done or past ``room``."""
    inflater = zlib.decompressobj()
    size = ops = 0
    tail = b""
    pending = raw
    try:
        while pending or not inflater.eof:
            chunk = inflater.decompress(pending, _CHUNK)
            pending = inflater.unconsumed_tail
            if not chunk:
                break
            size += len(chunk)
            window = tail + chunk
            ops += len(_TEXT_OP.findall(window)) - len(_TEXT_OP.findall(tail))
            tail = window[-2:]
            if size > room:
                break
    except zlib.error:  # damaged: pdfminer decides what to make of it
        pass
    return size, ops
