"""The HTML report printed to PDF by a real browser engine (Debian's headless Chromium).

Public API:

- ``pdf_bytes(html) -> bytes``: the report printed with its own print stylesheet (A4
  landscape, header row repeated, rows kept whole where they fit, no page header/footer).
- ``find_chromium() -> str | None``: the browser used (``LEGISCOMPARE_CHROMIUM``, else
  ``chromium`` / ``chromium-browser`` / ``google-chrome`` on PATH).

Why Chromium rather than WeasyPrint: it is the engine the browser tests already drive, so
the PDF is exactly what a reader's "print" gives, CSS (sticky headers, grid, print rules)
behaves the same, and it needs no Pango stack. It runs with no sandbox, no GPU, no network
services and a throw-away profile; the report itself fetches nothing (its CSP says so).

The PDF's creation and modification dates are replaced by a fixed date of the same length
(byte offsets unchanged), so the same report gives the same file, and its /Creator by
"legiscompare" (likewise), so the tool knows its own report among input files.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError
from ..i18n import L_

__all__ = ["pdf_bytes", "find_chromium"]

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
         "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw")
TIMEOUT_S = 300  # seconds for one print; a 300-article law takes a few
CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
_DATE = re.compile(rb"/(CreationDate|ModDate) ?\(D:[0-9+\-Z']+\)")
_CREATOR = re.compile(rb"/Creator ?\((?:\\.|[^\\)])*\)")
_NODE_ID = re.compile(rb"\(node(\d{8})\)")  # a tagged PDF's structure element ids, from DOM node ids


def find_chromium() -> str | None:
    """The path of the Chromium executable, or None."""
    given = os.environ.get("LEGISCOMPARE_CHROMIUM")
    if given:
        return given if os.access(given, os.X_OK) else None
    return next((path for name in CANDIDATES if (path := shutil.which(name))), None)


def pdf_bytes(html: str) -> bytes:
    """Print ``html`` to PDF with headless Chromium (InputError if it is missing or fails)."""
    browser = find_chromium()
    if browser is None:
        raise InputError(None, "pdf_engine_missing")
    with tempfile.TemporaryDirectory(prefix="legiscompare-pdf-") as tmp:
        page, out = Path(tmp) / "report.html", Path(tmp) / "report.pdf"
        page.write_text(html, encoding="utf-8")
        command = [browser, *FLAGS, f"--user-data-dir={tmp}/profile", f"--print-to-pdf={out}", page.as_uri()]
        try:
            subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise InputError(None, "pdf_failed", detail=L_("timed out after {seconds} s", seconds=TIMEOUT_S)) from None
        if not out.is_file() or out.stat().st_size == 0:
            raise InputError(None, "pdf_failed", detail=browser)
        return _stamped(_stable_node_ids(_fixed_dates(out.read_bytes())))


def _fixed_dates(data: bytes) -> bytes:
    """Creation and modification dates replaced by 2000-01-01 (same length, same offsets)."""
    def fixed(match: re.Match[bytes]) -> bytes:
        text = match.group(0)
        head = text[: text.index(b"(D:") + 3]
        digits = len(text) - len(head) - 1
        stamp = b"20000101000000+00'00'"[:digits].ljust(digits, b"0")
        return head + stamp + b")"

    return _DATE.sub(fixed, data)


def _stamped(data: bytes) -> bytes:
    """The browser's /Creator replaced by "legiscompare" padded to the same length (offsets kept), so
    a folder of inputs knows the report for what it is (``ingest.folder``)."""
    def stamp(match: re.Match[bytes]) -> bytes:
        head = match.group(0)[: match.group(0).index(b"(") + 1]
        room = len(match.group(0)) - len(head) - 1
        return head + b"legiscompare"[:room].ljust(room) + b")"

    return _CREATOR.sub(stamp, data)


def _stable_node_ids(data: bytes) -> bytes:
    """Structure element ids (``/ID (node00000018)``) renumbered in order of first use.

    Chromium names them after DOM node ids, which now and then shift by one between two
    prints of the same page; renumbering keeps the tags (table headers point at them) and
    makes the file reproducible. Same width, so every byte offset stays valid."""
    order: dict[bytes, int] = {}

    def renumber(match: re.Match[bytes]) -> bytes:
        return b"(node%08d)" % order.setdefault(match.group(1), len(order) + 1)

    return _NODE_ID.sub(renumber, data)
