"""Quotations in amending instructions, as the readers of decisions and 修正案 walk them.

- ``quote_depths(text)``: how deep in quotation marks each character stands. “ opens, ”
  closes; a “ that opens a further line of a quoted text (right after a newline, already
  inside a quote) opens nothing new, as quoted texts of several 款 are written.
- ``open_quote(text)``: whether a quotation is still open at the end of ``text``.
- ``short(text)``: an instruction's first line, cut to 60 characters, for a one-line message.
"""

from __future__ import annotations

SHORT = 60  # characters of an instruction shown in a message


def quote_depths(text: str) -> list[int]:
    """The quotation depth after each character of ``text``."""
    out, depth = [], 0
    for i, ch in enumerate(text):
        if ch == "“" and not (depth and i and text[i - 1] == "\n"):
            depth += 1
        elif ch == "”":
            depth = max(depth - 1, 0)
        out.append(depth)
    return out


def open_quote(text: str) -> bool:
    """Whether a quotation is still open at the end of ``text``."""
    depths = quote_depths(text)
    return bool(depths) and depths[-1] > 0


def short(text: str) -> str:
    """The first line of ``text``, cut to ``SHORT`` characters."""
    first = text.split("\n", 1)[0]
    return first if len(first) <= SHORT else first[:SHORT] + "…"
