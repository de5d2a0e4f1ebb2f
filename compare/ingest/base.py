"""What every format reader returns, and the errors they raise.

A reader is ``read(data: bytes, shown: str) -> Extracted``: it gets the raw bytes and
the path as the user gave it (for messages), and returns plain text with one paragraph
per line, or raises ``InputError``.

Problems (a damaged file, a scanned PDF) are ``InputError`` with their own message keys
in ``compare.errors.MESSAGES``.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from ..errors import InputError
from ..limits import limit


@dataclass(frozen=True)
class Extracted:
    """The result of one format reader."""

    text: str  # plain text, one paragraph per line, "\n" line ends
    encoding: str  # the text encoding, or the container's ("utf-8" for docx, "pdf")
    warnings: tuple[str, ...] = ()  # machine-readable codes, e.g. "auto_numbering:12"



def check_package_size(infos: list[zipfile.ZipInfo], shown: str) -> None:
    """Refuse a ZIP package (.docx, OFD) with too many members or too large once unpacked, from
    its directory alone (zipfile never inflates a member past its ``file_size``)."""
    members = limit("LEGISCOMPARE_MAX_DOCX_MEMBERS")
    if len(infos) > members:
        raise InputError(shown, "docx_too_many_members", count=len(infos), limit=members)
    unpacked = sum(info.file_size for info in infos)
    max_unpacked = limit("LEGISCOMPARE_MAX_DOCX_MB") * 1024 * 1024
    if unpacked > max_unpacked:
        raise InputError(shown, "too_large_unpacked", size=round(unpacked / 1048576, 1),
                         limit=max_unpacked // 1048576)
