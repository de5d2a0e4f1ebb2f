"""Extract the text of a text-based PDF with pdfplumber.

Each page's lines are read with their positions. Page numbers and headers or footers
repeated on most pages are dropped. Layout line breaks are then rejoined into paragraphs:
a line ends its paragraph when it stops short of the right margin, or the next line is
indented or starts a provision (第X条, 第X章, 一、, （一）), or, in documents that do not
indent their paragraphs, when it ends with 。：！？.

Refused with a clear error: a truncated or damaged file, a password-protected one, a scan
with no text layer, and fonts without a Unicode mapping (pdfminer gives ``(cid:123)``
for their characters). A few unmapped characters are replaced with U+FFFD and reported
as warning ``pdf_unmapped_glyphs:N``.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from itertools import pairwise

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfplumber.utils.exceptions import PdfminerException

from ..errors import InputError
from .base import Extracted
from .pdf_limits import check_content

# pdfminer logs harmless complaints (missing CropBox...) that must not reach the terminal
# through logging's last-resort handler; an application's own handlers still get them.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())

MAX_CID_SHARE = 0.05  # above this share of unmapped characters the text is useless
_CID = re.compile(r"\(cid:\d+\)")
_NUM = "零〇一二三四五六七八九十百千两0-9０-９"
# A provision or heading start; "第五条" must be followed by a space, so that a wrapped
# cross-reference ("…依照\n第五条规定…") does not break the paragraph.
PROVISION = re.compile(
    rf"^(第\s*[{_NUM}]+\s*[条章节编](?:之[{_NUM}]+)?(?:[\s:：]|$)|[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十]+[）)])"
)
PARAGRAPH_END = ("。", "：", "！", "？", ":")
PAGE_NUMBER = re.compile(r"^[-—–－\s]*(\d+|第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)[-—–－\s]*$")


@dataclass
class _Line:
    text: str
    short: bool  # ends well before the right margin: the last line of a paragraph
    indented: bool  # starts well after the left margin: the first line of a paragraph


def read_pdf(data: bytes, shown: str) -> Extracted:
    """Read a text PDF into paragraphs, one per line, or raise ``InputError``."""
    if b"%%EOF" not in data[-4096:]:
        raise InputError(shown, "corrupt", kind="PDF")
    pages: list[list[_Line]] = []
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
    if visible == 0:
        raise InputError(shown, "pdf_scanned")
    if unmapped > MAX_CID_SHARE * visible:  # encrypted with an owner password only: strings unreadable
        raise InputError(shown, "pdf_encrypted_text" if encrypted else "pdf_no_unicode")
    text = "\n".join(join_lines(_drop_furniture(pages)))
    warnings: tuple[str, ...] = ()
    if unmapped:
        text = _CID.sub("\ufffd", text)
        warnings = (f"pdf_unmapped_glyphs:{unmapped}",)
    return Extracted(text, "unicode", warnings)


def _page_lines(page: pdfplumber.page.Page) -> list[_Line]:
    """The page's text lines, with margins measured on the page itself."""
    raw = [r for r in page.extract_text_lines(strip=True, return_chars=False) if r["text"].strip()]
    if not raw:
        return []
    left = min(r["x0"] for r in raw)
    right = max(r["x1"] for r in raw)
    lines = []
    for r in raw:
        size = max(r["bottom"] - r["top"], 1.0)  # about one character's width in CJK text
        lines.append(_Line(r["text"].strip(), r["x1"] < right - 1.5 * size, r["x0"] > left + 1.2 * size))
    return lines


def _drop_furniture(pages: list[list[_Line]]) -> list[_Line]:
    """All lines in order, without page numbers and running headers or footers."""
    edges: dict[str, int] = {}
    for lines in pages:
        for text in {lines[0].text, lines[-1].text} if lines else set():
            edges[text] = edges.get(text, 0) + 1
    repeated = {t for t, n in edges.items() if len(pages) >= 3 and n >= max(3, len(pages) // 2)}
    out: list[_Line] = []
    for lines in pages:
        for i, line in enumerate(lines):
            at_edge = i in (0, len(lines) - 1)
            if at_edge and (PAGE_NUMBER.match(line.text) or line.text in repeated):
                continue
            out.append(line)
    return out


def join_lines(lines: list[_Line]) -> list[str]:
    """Rejoin layout line breaks into paragraphs (see the module docstring for the rules).

    When the document indents its paragraphs, a full-width line ending with 。 or ： is a
    sentence that happens to end at the margin, not a paragraph end: the indentation of the
    next line decides.
    """
    after_short = [b.indented for a, b in pairwise(lines) if a.short and not PROVISION.match(b.text)]
    indented_layout = len(after_short) >= 3 and sum(after_short) >= 0.6 * len(after_short)
    paragraphs: list[str] = []
    current: str | None = None
    previous: _Line | None = None
    for line in lines:
        if current is None or previous is None:
            current = line.text
        elif (previous.short or line.indented or PROVISION.match(line.text)
              or (previous.text.endswith(PARAGRAPH_END) and not indented_layout)):
            paragraphs.append(current)
            current = line.text
        else:
            glue = " " if current[-1:].isascii() and current[-1:].isalnum() and line.text[:1].isascii() else ""
            current += glue + line.text
        previous = line
    if current is not None:
        paragraphs.append(current)
    return paragraphs
