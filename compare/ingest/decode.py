"""Decode raw bytes of a legislation text into ``str``.

Order of trust: a byte-order mark; UTF-16 without a mark when its NUL bytes make it
unmistakable; strict UTF-8; an encoding the file declares (HTML ``<meta charset>``);
then charset-normalizer's best guess. Any GBK-family name is decoded as GB18030 (its
superset), because GBK and GB2312 decoders reject characters that real Chinese government
pages use; Big5 falls back to its CP950 and HKSCS supersets.
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "hz", "xgbk", "euccn"}
BIG5_FAMILY = {"big5", "cp950", "big5hkscs", "xxbig5"}
# Declarations not believed for non-ASCII bytes: sites send Chinese pages under these.
WESTERN = {"iso88591", "latin1", "l1", "windows1252", "cp1252", "ascii", "usascii"}
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32))
_CONTROL_BYTES = bytes(sorted(_CONTROL))
# Characters a Chinese legal text is made of: used to tell UTF-16 LE from BE without a BOM.
_PLAUSIBLE = re.compile(
    "[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f]"
)


def decode_bytes(data: bytes, shown: str, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and return (text, encoding name) or raise ``InputError``.

    ``declared`` is an encoding the file names for itself (HTML ``<meta charset>``); it
    is trusted after a BOM and valid UTF-8, and before guessing.

    >>> decode_bytes("第一条".encode("gb18030"), "x.txt", declared="gb2312")
    ('第一条', 'gb18030')
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, shown), encoding.replace("-sig", "")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if _looks_binary(data):
        raise InputError(shown, "binary")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared and _key(declared) not in WESTERN:
        for encoding in _candidates(declared):
            try:
                return data.decode(encoding), encoding
            except (UnicodeDecodeError, LookupError):
                continue
    from charset_normalizer import from_bytes  # 30 ms to import; only needed for unusual encodings

    guess = from_bytes(data).best()
    if guess is None or guess.encoding is None:
        raise InputError(shown, "undecodable")
    for encoding in _candidates(guess.encoding):
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError(shown, "undecodable")


def _key(name: str) -> str:
    return name.lower().replace("_", "").replace("-", "")


def _candidates(name: str) -> list[str]:
    """Codec names to try, in order, for an encoding name found in a file or guessed."""
    if _key(name) in GB_FAMILY:
        return ["gb18030"]
    if _key(name) in BIG5_FAMILY:
        return ["big5", "cp950", "big5hkscs"]  # narrowest first; the others extend Big5
    return [name.lower()]


def _strict(data: bytes, encoding: str, shown: str) -> str:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(shown, "undecodable") from None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a BOM: NUL bytes, an even length, and only plausible characters.

    ASCII characters (line breaks, digits) put a NUL in every other byte; decoding with the
    wrong byte order gives characters from unrelated scripts, so the order whose result is
    almost all CJK, punctuation and ASCII wins. Binary data fails both checks.
    """
    sample = data[:8192]
    if len(data) % 2 or len(sample) < 4 or b"\x00" not in sample:
        return None
    best: tuple[float, str] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            try:  # the sample may cut a surrogate pair
                text = sample[:-2].decode(encoding)
            except UnicodeDecodeError:
                continue
        if not text:
            continue
        score = len(_PLAUSIBLE.findall(text)) / len(text)
        if best is None or score > best[0]:
            best = (score, encoding)
    if best is None or best[0] < 0.97:
        return None
    try:
        text = data.decode(best[1])
    except UnicodeDecodeError:
        return None
    return text, best[1]


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes mean this is not text in an 8-bit or UTF-8 encoding."""
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # in C: a byte loop cost seconds per corpus
    return controls > max(8, len(sample) // 100)
