"""Database ids typed by users (CLI options, URLs, form fields): ASCII digits within range.

``int()`` accepts ``١`` (Arabic-Indic one) and raises on ``²``; SQLite overflows above
2^63-1 and PostgreSQL ``integer`` columns (every id column here) above 2^31-1. So an id
given by a user is read with ``parse_id``: ASCII digits only, at most ``MAX_ID``.
"""

from __future__ import annotations

import re

MAX_ID = 2**31 - 1  # the id columns are ``Integer``: PostgreSQL int4
_DIGITS = re.compile(r"[0-9]{1,10}")


def parse_id(text: str) -> int | None:
    """The id written in ``text``, or None when it is not one the database could hold.

    >>> parse_id("12"), parse_id("١"), parse_id("²"), parse_id("99999999999999999999"), parse_id("0")
    (12, None, None, None, None)
    """
    if not _DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None
