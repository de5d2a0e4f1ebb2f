"""What every format reader returns, and the errors they raise.

A reader is ``read(data: bytes, shown: str) -> Extracted``: it gets the raw bytes and
the path as the user gave it (for messages), and returns plain text with one paragraph
per line, or raises ``InputError``.

Some problems (a damaged file, a scanned PDF) deserve their own message keys. ``problem``
uses such a key when ``compare.errors.MESSAGES`` has it and otherwise falls back to an
existing key with a detail in the user's language, so the readers need no change when the
keys are added.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import MESSAGES, InputError, language


@dataclass(frozen=True)
class Extracted:
    """The result of one format reader."""

    text: str  # plain text, one paragraph per line, "\n" line ends
    encoding: str  # the text encoding, or the container's ("utf-8" for docx, "pdf")
    warnings: tuple[str, ...] = ()  # machine-readable codes, e.g. "auto_numbering:12"


# Proposed key → (zh template, en template, fallback key). Params: see each template.
PROPOSED: dict[str, tuple[str, str, str]] = {
    "corrupt": ("文件已损坏或不完整（{kind}）", "file is damaged or truncated ({kind})", "unreadable"),
    "encrypted": ("文件受密码保护（{kind}）", "file is password-protected ({kind})", "unreadable"),
    "pdf_scanned": (
        "PDF 没有文字层（可能是扫描件），请先进行文字识别（OCR）",
        "PDF has no text layer (probably a scan); run OCR on it first",
        "unreadable",
    ),
    "pdf_no_unicode": (
        "PDF 字体缺少 Unicode 映射（ToUnicode），无法提取文字",
        "PDF fonts lack a Unicode mapping (ToUnicode); the text cannot be extracted",
        "unreadable",
    ),
    "too_large_unpacked": (
        "解压后内容过大（{size} MB，上限 {limit} MB）",
        "content too large once unpacked ({size} MB, limit {limit} MB)",
        "unreadable",
    ),
}


def problem(shown: str, key: str, **params: object) -> InputError:
    """An ``InputError`` for ``key``, or for its fallback key while ``key`` is not yet defined."""
    if key in MESSAGES or key not in PROPOSED:
        return InputError(shown, key, **params)
    zh, en, fallback = PROPOSED[key]
    detail = (en if language() == "en" else zh).format(**params)
    return InputError(shown, fallback, detail=detail)
