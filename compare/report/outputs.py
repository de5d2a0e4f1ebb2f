"""Every output of a comparison as bytes, by format: what ``compare`` writes and ``serve``
offers for download.

``render_output(fmt, comparison, lang, decisions, csv_formatting)``: ``html`` (the report),
``json``, ``docx`` (the Word 对照表), ``csv``, ``xlsx`` (the CSV's table as an Excel workbook),
``pdf`` (the report printed by Chromium) or ``redline`` (Word tracked changes: the first text
that is not the base; ``redline_outputs`` gives every such text's). Each format's modules
load only when it is asked for.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from ..model import Comparison

FORMATS = ("html", "json", "docx", "csv", "xlsx", "pdf", "redline")


def _call(module: str, name: str, *args: Any) -> Any:
    return getattr(import_module(module, __package__), name)(*args)


def render_output(fmt: str, comparison: Comparison, lang: str, decisions: dict[str, Any] | None = None,
                  csv_formatting: bool = False, docx_notes: bool = False) -> bytes:
    """The bytes of ``comparison`` in format ``fmt`` (one of ``FORMATS``) in ``lang``, with the
    review ``decisions`` recorded on it (``docx_notes``: the Word table's working copy)."""
    if fmt in ("html", "pdf"):
        html = _call(".", "render_html", comparison, lang, decisions)
        return html.encode("utf-8") if fmt == "html" else _call(".pdf", "pdf_bytes", html)
    if fmt == "json":
        return _call(".json_export", "json_bytes", comparison)
    if fmt == "docx":
        return _call(".docx_export", "docx_bytes", comparison, lang, decisions, docx_notes)
    if fmt == "csv":
        return _call(".csv_export", "csv_bytes", comparison, lang, decisions, csv_formatting)
    if fmt == "xlsx":
        return _call(".xlsx_export", "xlsx_bytes", comparison, lang, decisions, csv_formatting)
    if fmt == "redline":
        return _call(".redline", "redline_bytes", comparison, None, lang)
    raise ValueError(f"unknown output format {fmt!r}")


def redline_outputs(comparison: Comparison, lang: str) -> dict[str, bytes]:
    """The redline of every text that is not the base, by file name (``ID.redline.docx``)."""
    return _call(".redline", "redline_files", comparison, lang)
