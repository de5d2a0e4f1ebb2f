"""Extract the text of a text-based PDF with pdfplumber.

Each page's lines are read with their positions. Page numbers and headers or footers
repeated on most pages are dropped. Layout line breaks are then rejoined into paragraphs:
a line ends its paragraph when it stops short of the right margin, or the next line is
indented or starts a provision (第X条, 第X章, 一、, （一）), or, in documents that do not
indent their paragraphs, when it ends with 。：！？.

A scan (no text layer) is read by OCR (``compare.ingest.ocr``), with a warning. Refused with
a clear error: a truncated or damaged file, a password-protected one, and fonts without a Unicode mapping (pdfminer gives ``(cid:123)``
for their characters). A few unmapped characters are replaced with U+FFFD and reported
as warning ``pdf_unmapped_glyphs:N``.
"""

from __future__ import annotations

import io
import logging
import re

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfplumber.utils.exceptions import PdfminerException

from ..errors import InputError
from .base import Extracted
from .lines import Line, drop_furniture, join_lines, placed_lines
from .pdf_limits import check_content

# pdfminer logs harmless complaints (missing CropBox...) that must not reach the terminal
# through logging's last-resort handler; an application's own handlers still get them.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())

MAX_CID_SHARE = 0.05  # above this share of unmapped characters the text is useless
_CID = re.compile(r"\(cid:\d+\)")
def read_pdf(data: bytes, shown: str) -> Extracted:
    """Read a text PDF into paragraphs, one per line, or raise ``InputError``."""
    if b"%%EOF" not in data[-4096:]:
        raise InputError(shown, "corrupt", kind="PDF")
    pages: list[list[Line]] = []
    visible = unmapped = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            encrypted = getattr(pdf.doc, "encryption", None) is not None
            check_content((page.page_obj for page in pdf.pages), shown)  # bounded before any layout
            for page in pdf.pages:
                texts = [c["text"] for c in page.chars if not c["text"].isspace()]
                visible += len(texts)
                unmapped += sum(1 for t in texts if t.startswith("(cid:"))
                pages.append(_page_lines(page))
                page.close()
    except InputError:
        raise
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else None
        if isinstance(cause, PDFEncryptionError):
            raise InputError(shown, "encrypted", kind="PDF") from None
        raise InputError(shown, "corrupt", kind="PDF") from None
    except MemoryError:
        raise
    except Exception:  # pdfminer raises many types for damaged files
        raise InputError(shown, "corrupt", kind="PDF") from None
    if visible == 0:  # a scan: no text layer
        return _recognised(data, shown)
    if unmapped > MAX_CID_SHARE * visible:  # encrypted with an owner password only: strings unreadable
        raise InputError(shown, "pdf_encrypted_text" if encrypted else "pdf_no_unicode")
    text = "\n".join(join_lines(drop_furniture(pages)))
    warnings: tuple[str, ...] = ()
    if unmapped:
        text = _CID.sub("\ufffd", text)
        warnings = (f"pdf_unmapped_glyphs:{unmapped}",)
    return Extracted(text, "unicode", warnings)


def _page_lines(page: pdfplumber.page.Page) -> list[Line]:
    """The page's text lines, with margins measured on the page itself."""
    raw = [r for r in page.extract_text_lines(strip=True, return_chars=False) if r["text"].strip()]
    # a line's height is about one character's width in CJK text
    return placed_lines([(r["x0"], r["x1"], max(r["bottom"] - r["top"], 1.0), r["text"].strip()) for r in raw])


def _recognised(data: bytes, shown: str) -> Extracted:
    """The text of a scanned PDF by OCR (``compare.ingest.ocr``), with the warning ``ocr:PAGES``."""
    from .ocr import recognised_text, render_pdf_pages

    return recognised_text(render_pdf_pages(data, shown), shown)
