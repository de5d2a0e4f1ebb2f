"""The normalised form of Chinese legal text used for comparison (never for display).

Differences that only change this form's input, not its output, are formatting:
punctuation width (, → ，), full-width digits and letters (１２ → 12), quotation mark
style, 〇/零 in dates, zero-width characters, and whitespace or line breaks inside a
paragraph.
"""

from __future__ import annotations

import re
import unicodedata

# Half-width punctuation that Chinese legal text writes full-width.
_TO_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"})
_QUOTES = str.maketrans({"“": '"', "”": '"', "〝": '"', "〞": '"', "‘": "'", "’": "'", "「": '"', "」": '"'})
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_CJK = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])[ \t]+|[ \t]+(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t]+")
_NORMALISED: dict[str, str] = {}  # normalise_char of every character seen (a text uses a few thousand)
_MAX_CACHED = 200_000


def normalise_char(ch: str) -> str:
    """Normalised form of one character ("" for invisible ones, " " for any space)."""
    if ch.isspace():
        return " " if ch not in "\n" else "\n"
    ch = ch.translate(_INVISIBLE)
    if not ch:
        return ""
    if "\uff01" <= ch <= "\uff5e" and (ch.isalnum() or ch in "．－＋／％＝＜＞"):
        ch = unicodedata.normalize("NFKC", ch)
    return ch.translate(_TO_FULL).translate(_QUOTES).replace("〇", "零")


def comparison_form(text: str) -> str:
    """Normalise ``text`` for comparison: widths, quotes, invisible characters, spaces."""
    cache = _NORMALISED
    try:
        out = "".join([cache[ch] for ch in text])
    except KeyError:
        if len(cache) > _MAX_CACHED:  # hostile input with every code point: start afresh
            cache.clear()
        for ch in set(text).difference(cache):
            cache[ch] = normalise_char(ch)
        out = "".join([cache[ch] for ch in text])
    out = _SPACE_NEAR_CJK.sub("", out)
    return _SPACES.sub(" ", out).strip()
