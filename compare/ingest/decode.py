"""Decode raw bytes of a legislation text into ``str``.

Order of trust: a byte-order mark, then strict UTF-8, then charset-normalizer's best guess.
Any GBK-family guess is decoded as GB18030 (its superset), because GBK and GB2312 decoders
reject characters that real Chinese government pages use.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ..errors import InputError

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "hz"}
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32))


def decode_bytes(data: bytes, shown: str) -> tuple[str, str]:
    """Decode ``data`` and return (text, encoding name) or raise ``InputError``."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, shown), encoding.replace("-sig", "")
    if _looks_binary(data):
        raise InputError(shown, "binary")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    guess = from_bytes(data).best()
    if guess is None or guess.encoding is None:
        raise InputError(shown, "undecodable")
    encoding = guess.encoding.lower().replace("_", "")
    if encoding in GB_FAMILY:
        encoding = "gb18030"
    return _strict(data, encoding, shown), encoding


def _strict(data: bytes, encoding: str, shown: str) -> str:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(shown, "undecodable") from None


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes mean this is not text in an 8-bit or UTF-8 encoding."""
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls > max(8, len(sample) // 100)
