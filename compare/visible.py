r"""Characters that hide or reorder text, made visible where names and notes are shown.

A file name, a title, a note or a reviewer's name may hold characters a reader cannot
see: controls (Unicode category Cc: C0, DEL, C1), format characters (Cf: the direction
marks, embeddings, overrides and isolates U+200E/U+200F, U+202A–U+202E, U+2066–U+2069,
U+061C, the zero-width U+200B–U+200D, U+2060, U+FEFF, the soft hyphen, tags), the line
and paragraph separators U+2028/U+2029 (Zl, Zp) and lone surrogates (Cs). A right-to-left
override makes ``report\u202egpj.txt`` read "report" + "txt.jpg". Where such text is shown,
each of them is written as its code point in angle brackets, ``<U+202E>`` (at least four
upper-case hex digits); nothing else changes, so the result is idempotent. The legal text
of the provisions compared is never passed through here: its diffs stay exact.

- ``visible(text, lines=False)``: ``text`` with each such character escaped; ``lines``
  keeps line breaks and tabs (a note of several lines).
- ``hidden_char(text, lines=False)``: the code point (``"U+202E"``) of the first character
  ``visible`` would escape, else None; ``has_controls`` says whether there is one.

>>> visible("report\u202egpj.txt"), visible("a\x00b"), visible("一\n二", lines=True)
('report<U+202E>gpj.txt', 'a<U+0000>b', '一\n二')
>>> hidden_char("张三"), hidden_char("张\u200b三"), has_controls("a\tb", lines=True)
(None, 'U+200B', False)
"""

from __future__ import annotations

import unicodedata

__all__ = ["HIDDEN_CATEGORIES", "has_controls", "hidden_char", "visible"]

HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
LINES = "\n\t"  # what a note of several lines keeps


def _hidden(char: str, lines: bool) -> bool:
    """Whether ``char`` is one ``visible`` escapes."""
    return unicodedata.category(char) in HIDDEN_CATEGORIES and not (lines and char in LINES)


def visible(text: str, lines: bool = False) -> str:
    """``text`` with every control, format or separator character written ``<U+XXXX>``."""
    if text.isprintable():  # the common case, in C (no character of those categories is printable)
        return text
    return "".join(f"<U+{ord(c):04X}>" if _hidden(c, lines) else c for c in text)


def hidden_char(text: str, lines: bool = False) -> str | None:
    """The code point ("U+202E") of the first character ``visible`` would escape, or None."""
    if text.isprintable():
        return None
    return next((f"U+{ord(c):04X}" for c in text if _hidden(c, lines)), None)


def has_controls(text: str, lines: bool = False) -> bool:
    """Whether ``text`` holds a character ``visible`` would escape (names and notes refuse them)."""
    return hidden_char(text, lines) is not None
