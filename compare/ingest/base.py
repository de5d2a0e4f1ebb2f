"""What every format reader returns, and the errors they raise.

A reader is ``read(data: bytes, shown: str) -> Extracted``: it gets the raw bytes and
the path as the user gave it (for messages), and returns plain text with one paragraph
per line, or raises ``InputError``.

Problems (a damaged file, a scanned PDF) are ``InputError`` with their own message keys
in ``compare.errors.MESSAGES``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Extracted:
    """The result of one format reader."""

    text: str  # plain text, one paragraph per line, "\n" line ends
    encoding: str  # the text encoding, or the container's ("utf-8" for docx, "pdf")
    warnings: tuple[str, ...] = ()  # machine-readable codes, e.g. "auto_numbering:12"

