"""Recognise the text of scanned pages (a PDF without a text layer, an OFD of page images).

Pages are rendered at 300 dpi by pypdfium2 (pdfplumber's own renderer, already installed)
and read by Tesseract with its Simplified Chinese model (Debian: ``tesseract-ocr`` and
``tesseract-ocr-chi-sim``) through pytesseract. pytesseract is chosen over OCRmyPDF because
only the text is wanted, not a new PDF: OCRmyPDF would add Ghostscript, unpaper and a PDF
rewrite to reach the same Tesseract call.

Tesseract's own page layout analysis garbles whole lines of a legal text (two wrapped lines
set close together read as one; measured 88–96 % of characters right on rendered corpus
pages), so the page is cut into lines here, by the rows that hold ink (a line taller than
1.6 lines is cut at its thinnest row), and each line is read alone (``--psm 7``), all lines of
a page in one Tesseract run (a multi-page TIFF): 99.6 % (``python -m benchmarks.ocr``). The
lines' margins then rejoin layout line breaks into paragraphs by the rules of a text PDF
(``lines.join_lines``). Tesseract's ASCII punctuation inside Chinese text becomes full width,
and 《 misread for （ before an item number (《三) → （三）) is corrected.

Recognised text is never exact: every text read here carries the warning ``ocr:N`` (N
pages), which the reports show, so that a reader checks it against the original.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
import re
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..limits import limit
from .base import Extracted
from .lines import Line, drop_furniture, join_lines

DPI = 300
MAX_PIXELS = 40_000_000  # an A4 page at 300 dpi is 8.7 million; larger pages are rendered smaller
LANGUAGE = "chi_sim"
MIN_CONFIDENCE = 50  # Tesseract's 0–100 per word: a line with no word this sure is a stain or a picture
PAGE_SECONDS = 120  # one page takes about 3 s; a page that takes this long is refused


def ocr_available() -> str | None:
    """None when Tesseract and its Chinese model are installed, else what is missing."""
    try:
        import pytesseract
    except ImportError:
        return "pytesseract"
    try:
        languages = pytesseract.get_languages(config="")
    except (OSError, RuntimeError, pytesseract.TesseractNotFoundError):
        return "tesseract-ocr"
    return None if LANGUAGE in languages else "tesseract-ocr-chi-sim"


def recognise_images(images: Iterable[Any], shown: str) -> list[list[Line]]:
    """The text lines of each page image (PIL images), pages in parallel."""
    missing = ocr_available()
    if missing is not None:
        raise InputError(shown, "ocr_missing", package=missing)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one thread per Tesseract: pages run side by side instead
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return list(pool.map(lambda image: _page(image, shown), images))


def recognised_text(images: list[Any], shown: str) -> Extracted:
    """The text of scanned pages, paragraphs rejoined, with the warning ``ocr:PAGES``; a scan with
    no text recognised on any page is refused (``pdf_scanned``)."""
    pages = recognise_images(images, shown)
    text = "\n".join(join_lines(drop_furniture(pages)))
    if not text.strip():
        raise InputError(shown, "pdf_scanned")
    return Extracted(text, "ocr", (f"ocr:{len(pages)}",))


def render_pdf_pages(data: bytes, shown: str) -> list[Any]:
    """Every page of the PDF ``data`` as a grey-scale image at ``DPI`` (bounded in pixels and pages)."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        if len(pdf) > limit("LEGISCOMPARE_MAX_OCR_PAGES"):
            raise InputError(shown, "ocr_too_many_pages", count=len(pdf), limit=limit("LEGISCOMPARE_MAX_OCR_PAGES"))
        images = []
        for page in pdf:
            width, height = page.get_size()
            scale = min(DPI / 72, (MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
            images.append(page.render(scale=scale, grayscale=True).to_pil())
            page.close()
        return images
    finally:
        pdf.close()


def _page(image: Any, shown: str) -> list[Line]:
    """One page's lines: cut by ink rows, each line into pieces at its wide gaps (a full-width
    space), each piece read by Tesseract alone and the pieces joined by that space."""
    import numpy as np

    gray = np.asarray(image.convert("L"))
    ink = gray < _threshold(gray)
    lines = []
    for top, bottom in _line_spans(ink.sum(axis=1)):
        pieces = _pieces(ink[top:bottom].any(axis=0), bottom - top)
        if pieces:
            lines.append(([(x0, x1, top, bottom) for x0, x1 in pieces]))
    texts = iter(_read_lines(image, [box for pieces in lines for box in pieces], shown))
    found = []
    for pieces in lines:
        read = [next(texts) for _ in pieces]
        text = _joined([t for t, _ in read]) if max(c for _, c in read) >= MIN_CONFIDENCE else ""
        if text:
            found.append(((pieces[0][0], pieces[-1][1], pieces[0][2], pieces[0][3]), text))
    if not found:
        return []
    left, right = min(b[0] for b, _ in found), max(b[1] for b, _ in found)
    return [Line(text, x1 < right - 1.5 * (bottom - top), x0 > left + 1.2 * (bottom - top))
            for (x0, x1, top, bottom), text in found]


def _pieces(ink_per_column: Any, height: int) -> list[tuple[int, int]]:
    """(left, right) of the parts of a line separated by blank runs at least as wide as the line is
    high (a full-width space; the blank a 、 or ， leaves in its cell is narrower)."""
    import numpy as np

    columns = np.flatnonzero(ink_per_column)
    if columns.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(columns) > height)
    starts = [int(columns[0])] + [int(columns[b + 1]) for b in breaks]
    ends = [int(columns[b]) + 1 for b in breaks] + [int(columns[-1]) + 1]
    return list(zip(starts, ends))


def _joined(texts: list[str]) -> str:
    """The pieces of a line: a full-width space between Chinese pieces, a space between Latin ones."""
    out = ""
    for text in (t for t in texts if t):
        if out and out[-1] not in _CLOSING and text[0] not in _OPENING:  # a comma's glyph leaves its cell half blank
            out += " " if out[-1].isascii() and text[0].isascii() else "\u3000"
        out += text
    return out


def _threshold(gray: Any) -> float:
    """Ink is darker than halfway between the page's dark and light (5th and 95th percentiles)."""
    import numpy as np

    dark, light = np.percentile(gray, (5, 95))
    return float(dark + light) / 2 if light - dark > 40 else float(light) - 20


def _line_spans(ink_per_row: Any) -> list[tuple[int, int]]:
    """(top, bottom) of each text line: runs of rows with ink; a run taller than 1.6 lines is cut at
    its thinnest row (wrapped lines set close together touch)."""
    import numpy as np

    rows = np.concatenate(([0], (ink_per_row > 0).astype(np.int8), [0]))
    edges = np.flatnonzero(np.diff(rows))
    runs = [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2]) if b - a >= 6]
    if not runs:
        return []
    height = sorted(b - a for a, b in runs)[len(runs) // 2]
    spans = []
    for top, bottom in runs:
        while bottom - top > 1.6 * height:
            low, high = top + int(0.6 * height), min(top + int(1.4 * height), bottom - 1)
            cut = low + int(np.argmin(ink_per_row[low:high]))
            spans.append((top, cut))
            top = cut
        spans.append((top, bottom))
    return spans


def _read_lines(image: Any, boxes: list[tuple[int, int, int, int]], shown: str) -> list[tuple[str, float]]:
    """The text of each box and Tesseract's best word confidence in it, read in one run over a
    multi-page TIFF of the boxes."""
    import pytesseract

    if not boxes:
        return []
    from PIL import Image

    crops = []
    for x0, x1, top, bottom in boxes:  # each line alone on white: a neighbour's strokes make Tesseract give up
        pad = max(8, (bottom - top) // 3)
        line = Image.new("L", (x1 - x0 + 2 * pad, bottom - top + 2 * pad), 255)
        line.paste(image.crop((x0, top, x1, bottom)), (pad, pad))
        crops.append(line)
    with tempfile.TemporaryDirectory(prefix="legiscompare-ocr-") as folder:
        tiff = Path(folder, "lines.tif")
        crops[0].save(tiff, save_all=True, append_images=crops[1:], compression="tiff_deflate")
        try:
            data = pytesseract.image_to_data(str(tiff), lang=LANGUAGE, config="--psm 7", timeout=PAGE_SECONDS,
                                             output_type=pytesseract.Output.DICT)
        except RuntimeError:  # pytesseract's timeout
            raise InputError(shown, "ocr_failed", detail=f"> {PAGE_SECONDS} s") from None
        except pytesseract.TesseractError as exc:
            raise InputError(shown, "ocr_failed", detail=str(exc.message).strip()[:200]) from None
    words: list[list[tuple[str, float]]] = [[] for _ in boxes]  # by TIFF page: one page per box
    for page, word, confidence in zip(data["page_num"], data["text"], data["conf"]):
        if word.strip() and 1 <= page <= len(boxes):
            words[page - 1].append((word.strip(), float(confidence)))
    return [(tidy(" ".join(w for w, _ in piece)), max((c for _, c in piece), default=-1.0)) for piece in words]


_CLOSING = set("，、。；：？！）》」』”’】")
_OPENING = set("（《「『“‘【")
_FULL_WIDTH = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"})
_ITEM_MISREAD = re.compile(r"《([一二三四五六七八九十]+)[)）]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def tidy(text: str) -> str:
    """One recognised line: spaces between Chinese characters dropped, ASCII punctuation in Chinese
    text made full width, 《 misread for （ before an item number corrected.

    >>> tidy("《三) 申请 行政许可, 行政机关 拒绝;")
    '（三）申请行政许可，行政机关拒绝；'
    """
    text = re.sub(r"[ \t]+", " ", text).strip()
    text = re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", text)
    if _CJK.search(text):
        text = text.translate(_FULL_WIDTH)
    return _ITEM_MISREAD.sub(r"（\1）", text)
