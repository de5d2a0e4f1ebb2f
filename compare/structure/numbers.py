"""Numbers and dates as Chinese legislation writes them (第十二条, 二〇二三年十一月二十四日)."""

from __future__ import annotations

import datetime
import re
import unicodedata
from functools import lru_cache

import cn2an

_DATE = re.compile(r"([0-9０-９]{4}|[〇零一二三四五六七八九]{4})\s*年\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*月"
                   r"\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*日")
_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


@lru_cache(maxsize=8192)  # the same few hundred numbers recur in every text; cn2an is slow
def chinese_to_int(text: str) -> int | None:
    """Value of a number written in Chinese or Arabic numerals ("二十" → 20), else None."""
    text = unicodedata.normalize("NFKC", text.strip())
    if text.isdigit():
        return int(text)
    try:
        return int(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as YYYY-MM-DD ("2023年11月24日" or "二〇二三年…"), else None."""
    match = _DATE.search(text)
    if not match:
        return None
    year_text = unicodedata.normalize("NFKC", match.group(1)).translate(_DIGITS)
    month, day = chinese_to_int(match.group(2)), chinese_to_int(match.group(3))
    if not year_text.isdigit() or not month or not day:
        return None
    try:
        return datetime.date(int(year_text), month, day).isoformat()  # rejects 2024-02-30
    except ValueError:
        return None
