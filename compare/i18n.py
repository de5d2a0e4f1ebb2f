"""User-facing text through one gettext message catalogue (domain ``legiscompare``).

Messages are written in English in the code (the msgids) and translated to Simplified Chinese
by ``compare/locale/zh_CN/LC_MESSAGES/legiscompare.po`` (compiled to ``.mo``; only the standard
library's ``gettext`` reads it at run time). The same catalogue carries Chinese for click's own
strings (usage errors, "Show this message and exit.", …), which click looks up with the global
``gettext.gettext``: ``activate()`` points that global API at this catalogue.

- ``language()``: "zh" (default) or "en", from LEGISCOMPARE_LANG (``--lang`` sets it).
- ``_(message, lang=None)``: ``message`` in ``lang`` (default: the user's language).
- ``ngettext(singular, plural, n, lang=None)``: the same for a count.
- ``N_(message)``: marks a message for the catalogue without translating it (tables of
  messages translated where they are shown).
- ``P_(context, message)``: the same with a context, for a word translated two ways.
- ``L_(message, **params)``: a message translated when shown (error details).
- ``translate(value, lang=None)``: ``_`` applied to a message, a ``P_`` pair or each of a list.
- ``by_language(table)``: ``{"zh": view, "en": view}`` of a table of messages, each view a
  read-only mapping translating on access (what templates and renderers index by language).
- ``activate(lang=None)``: serve click's strings in ``lang`` too.
- ``local_time(value, precise=False)``: a stored (UTC) time in the reader's time zone
  (``LEGISCOMPARE_TZ``, an IANA name; Asia/Shanghai by default), for every listing and export.

Placeholders are named (``{name}``) so that a translation may order them freely:

>>> _("file not found", "en"), _("file not found", "zh")
('file not found', '文件不存在')
>>> _("cannot read: {detail}", "zh").format(detail="x")
'无法读取：x'

``tools/messages.py`` (``make messages``) extracts the msgids, updates the catalogue and
compiles it; ``tests/test_i18n.py`` fails when it is incomplete or stale.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta, timezone, tzinfo
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

DOMAIN = "legiscompare"
LOCALE_DIR = Path(__file__).parent / "locale"
LOCALES = {"zh": "zh_CN", "en": "en"}  # our language codes -> gettext locale names (en needs no catalogue)
ZONE_VARIABLE = "LEGISCOMPARE_TZ"  # the reader's time zone (an IANA name)
DEFAULT_ZONE = "Asia/Shanghai"


def language() -> str:
    """The user-facing language: "zh" (default) or "en", from LEGISCOMPARE_LANG."""
    lang = os.environ.get("LEGISCOMPARE_LANG", "zh").lower()
    return "en" if lang.startswith("en") else "zh"


@cache
def translation(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``lang`` ("zh" or "en"; English is the msgids themselves)."""
    if lang != "zh":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[LOCALES["zh"]])


def _(message: str, lang: str | None = None) -> str:
    """``message`` (an English msgid) in ``lang``, by default the user's language."""
    return translation(lang or language()).gettext(message)


def ngettext(singular: str, plural: str, n: int, lang: str | None = None) -> str:
    """The singular or plural message for ``n``, in ``lang``."""
    return translation(lang or language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction into the catalogue; translate it later with ``_``."""
    return message


def P_(context: str, message: str) -> tuple[str, str]:
    """Mark ``message`` with a context (``msgctxt``) for a table: the same English word may need
    different translations (a column heading, a filter label); ``translate`` resolves it."""
    return (context, message)


def translate(value: Any, lang: str | None = None) -> Any:
    """``_`` of a message, of a ``P_`` (context, message) pair, or of each item of a list."""
    if isinstance(value, list):
        return [translate(v, lang) for v in value]
    if isinstance(value, tuple):
        return translation(lang or language()).pgettext(*value)
    return _(value, lang)


class Translated(Mapping[str, Any]):
    """A read-only view of a table of msgids (or lists of msgids) in one language."""

    def __init__(self, table: Mapping[str, Any], lang: str) -> None:
        self._table, self._lang = table, lang

    def __getitem__(self, key: str) -> Any:
        return translate(self._table[key], self._lang)

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)


def by_language(table: Mapping[str, Any]) -> dict[str, Translated]:
    """The table of English messages ``table`` as ``{"zh": …, "en": …}`` translated views."""
    return {lang: Translated(table, lang) for lang in LOCALES}


class Lazy:
    """A message translated when it is shown (an error detail raised before the reader's
    language is known, or shown in both): the msgid and its parameters, which may be
    ``Lazy`` too. ``str()`` renders it in the user's language."""

    def __init__(self, message: str, **params: Any) -> None:
        self.message, self.params = message, params

    def render(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: the user's language)."""
        values = {k: v.render(lang) if isinstance(v, Lazy) else v for k, v in self.params.items()}
        return _(self.message, lang).format(**values)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"L_({self.message!r}, **{self.params!r})"


def L_(message: str, **params: Any) -> Lazy:
    """``message`` with ``params``, translated when shown (see ``Lazy``)."""
    return Lazy(message, **params)


def activate(lang: str | None = None) -> None:
    """Make the global ``gettext`` API (which click uses for its own strings) serve ``lang``.

    The domain becomes ``legiscompare`` bound to our locale folder, and LANGUAGE (the variable
    GNU gettext gives priority to) names the language, so that ``gettext.gettext`` finds the
    same catalogue as ``_``.
    """
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = LOCALES[lang or language()]


@lru_cache(maxsize=8)
def _zone(name: str) -> tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # the time zone database is read only when a time is shown

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return timezone(timedelta(hours=8), "CST")  # no time zone database (or an unknown name): China Standard Time


def local_time(value: object, precise: bool = False) -> str:
    """A stored (UTC) time as the reader reads it, in the zone ``LEGISCOMPARE_TZ`` names
    (Asia/Shanghai by default): ``2026-12-07 13:22``, or with ``precise`` (exports) seconds and
    the offset, ``2026-12-07 13:22:05+08:00`` (ISO 8601); "" for anything but a datetime.

    >>> local_time(datetime(2026, 12, 7, 5, 22, 5, tzinfo=timezone.utc), precise=True)
    '2026-12-07 13:22:05+08:00'
    """
    if not isinstance(value, datetime):
        return ""
    moment = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    local = moment.astimezone(_zone(os.environ.get(ZONE_VARIABLE) or DEFAULT_ZONE))
    return local.isoformat(sep=" ", timespec="seconds") if precise else local.strftime("%Y-%m-%d %H:%M")
