"""Numbers and dates as Chinese legislation writes them (第十二条, 二〇二三年十一月二十四日).

The one numeral module: ``chinese_to_int`` reads a number (standard forms and 两 here,
anything else through cn2an, imported only then), ``cn`` writes one the way article numbers
are written, ``parse_date`` reads a date.

>>> chinese_to_int("一百零一"), chinese_to_int("两百"), cn(110), parse_date("二〇二三年十一月二十四日")
(101, 200, '一百一十', '2023-11-24')
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from functools import lru_cache

NUMERAL = r"[零〇一二三四五六七八九十百千万两\d０-９]+"  # a number as legislation writes it (二十, 20, ２０)
# The one heading grammar of 编 / 分编 / 章 / 节: groups number, level word, separator, title
# ("第二章　管理" → "二", "章", "　", "管理"); the parser reads headings with it, the amendment
# engine addresses and writes them with it.
HEADING = re.compile(rf"^第\s*({NUMERAL})\s*(分编|编|章|节)([\s:：]*)(.*)$")

_DATE = re.compile(r"([0-9０-９]{4}|[〇零一二三四五六七八九]{4})\s*年\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*月"
                   r"\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*日")
_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


_DIGIT_VALUES = {c: i for i, c in enumerate("零一二三四五六七八九")}
_UNITS = {"十": 10, "百": 100, "千": 1000}


MAX_NUMERAL = 16  # characters: 一千二百三十四万五千六百七十八 and 2023 fit; 5,000 九 are not a number


@lru_cache(maxsize=8192)  # the same few hundred numbers recur in every text
def chinese_to_int(text: str) -> int | None:
    """Value of a number written in Chinese or Arabic numerals ("二十" → 20), else None.

    Numbers in their standard form (十二, 一百零一, 三万零五) are read here; anything else
    (两百, 二〇二三, 1万, 三点五…) by cn2an, which costs 0.1 s to import and is slow."""
    text = unicodedata.normalize("NFKC", text.strip())
    if len(text) > MAX_NUMERAL:
        return None  # longer than any number a text numbers its provisions or dates with
    if text.isdigit():
        return int(text)
    value = _standard_value(text)
    if value is None and "两" in text:  # 两 is 二 as a digit (两百, 两千两百), as cn2an reads it
        value = _standard_value(text.replace("两", "二"))
    if value is not None:
        return value
    import cn2an

    try:
        return int(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def cn(n: int) -> str:
    """An integer in the Chinese numerals of article numbers (10 → 十, 110 → 一百一十), as
    cn2an.an2cn writes it (cn2an itself only beyond 10**8)."""
    written = standard_numeral(n)
    if written is not None:
        return written
    import cn2an

    return str(cn2an.an2cn(n))


def _standard_value(text: str) -> int | None:
    """The value of ``text`` when it is a number below 10**8 in its standard form, else None."""
    total = section = digit = 0
    for char in text:
        if char in _DIGIT_VALUES:
            digit = _DIGIT_VALUES[char]
        elif char in _UNITS:
            section += (digit or 1) * _UNITS[char]
            digit = 0
        elif char == "万":
            total, section, digit = (section + digit) * 10000, 0, 0
        else:
            return None
    value = total + section + digit
    return value if text and standard_numeral(value) == text else None


def standard_numeral(n: int) -> str | None:
    """``n`` (0 ≤ n < 10**8) as cn2an.an2cn writes it: 10 → 十, 101 → 一百零一, 100010 → 十万零一十."""
    if not 0 <= n < 10**8:
        return None
    if n == 0:
        return "零"
    high, low = divmod(n, 10000)
    if not high:
        return _below_10000(low, leading=True)
    out = _below_10000(high, leading=True) + "万"
    if low:
        out += ("零" if low < 1000 else "") + _below_10000(low, leading=False)
    return out


def _below_10000(n: int, leading: bool) -> str:
    out, zero, started = [], False, False
    for place, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // place % 10
        if d == 0:
            zero = zero or started
            continue
        if zero:
            out.append("零")
            zero = False
        out.append("零一二三四五六七八九"[d] + unit)
        started = True
    text = "".join(out)
    return text[1:] if leading and text.startswith("一十") else text


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
