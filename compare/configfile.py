"""Reading the user's TOML configuration files (``--divisions``, ``--institutions``) within bounds.

``tomllib`` is recursive in nesting and quadratic in memory on a deeply dotted key
(``a.a.a… = 1``: 50 KB took 2.5 GB), so a file is checked before it is parsed: its size
(``LEGISCOMPARE_MAX_CONFIG_KB``, default 256 KB, two hundred times the packaged files) and,
with strings and comments set aside, its nesting of ``[``/``{`` and its longest dotted name
(at most ``MAX_DEPTH`` levels each; real files use two or three). Every failure is an
``InputError`` naming the file: one line, exit status 2.
"""

from __future__ import annotations

import os
import re
import tomllib
from typing import Any

from .errors import InputError
from .fileio import read_capped
from .i18n import L_, Lazy
from .limits import limit

MAX_DEPTH = 32  # levels of [ / { nesting, or parts of one dotted name

# TOML strings (multi-line first) and comments, which may hold any bracket, dot or quote.
_STRINGS_AND_COMMENTS = re.compile(r'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*',
                                   re.S)
_PART = r'(?:[A-Za-z0-9_-]+|")'  # a bare name part, or a quoted one (its text already set aside)
_DOTTED = re.compile(rf"(?<![A-Za-z0-9_-]){_PART}(?:[ \t]*\.[ \t]*{_PART}){{{MAX_DEPTH},}}")


def read_toml(path: str | os.PathLike[str], shown: str | None = None) -> dict[str, Any]:
    """The TOML document in the file ``path``, checked for size and depth before it is parsed."""
    name = shown or os.fspath(path)
    cap = limit("LEGISCOMPARE_MAX_CONFIG_KB") * 1024
    raw = read_capped(path, cap, name)
    if len(raw) > cap:
        raise InputError(name, "config_too_large", limit=cap // 1024)
    return parse_toml(raw, name)


def parse_toml(raw: bytes, name: str) -> dict[str, Any]:
    """``raw`` parsed as TOML, refused in one line if it is not UTF-8, too deep or invalid."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(name, "unreadable", detail=toml_error(exc)) from None
    if toml_depth(text) > MAX_DEPTH:
        raise InputError(name, "too_deep", limit=MAX_DEPTH)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(name, "unreadable", detail=toml_error(exc)) from None
    except (RecursionError, MemoryError):  # not reached past toml_depth; kept as the last guard
        raise InputError(name, "too_deep", limit=MAX_DEPTH) from None


def toml_depth(text: str) -> int:
    """The deepest nesting of brackets or dotted names in ``text``, strings and comments aside.

    A dotted name of more than ``MAX_DEPTH`` parts counts as ``MAX_DEPTH + 1`` (the scan
    stops there), so the result is only exact up to the limit.
    """
    bare = _STRINGS_AND_COMMENTS.sub(lambda m: "" if m[0].startswith("#") else '"', text)
    if _DOTTED.search(bare):
        return MAX_DEPTH + 1
    deepest = level = 0
    for char in bare:
        if char in "[{":
            level += 1
            deepest = max(deepest, level)
        elif char in "]}":
            level = max(level - 1, 0)
    return deepest


def toml_error(exc: Exception) -> Lazy:
    """A TOML file that cannot be read as a translatable detail: a byte that is not UTF-8, or a
    syntax error with where it is (line and column, or the end of the file) and, in English,
    tomllib's reason; any other tomllib message is shown as it is."""
    if isinstance(exc, UnicodeDecodeError):
        byte = f"0x{exc.object[exc.start]:02x}"
        return L_("not UTF-8 text: byte {byte} at offset {offset} cannot be decoded", byte=byte, offset=exc.start)
    message = str(exc)
    line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)  # Python 3.14 carries them
    where = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if where is not None:
        line, column, message = where[1], where[2], message[:where.start()]
    if line is not None and column is not None:
        return L_("invalid TOML at line {line}, column {column}: {error}", line=line, column=column,
                  error=getattr(exc, "msg", message).strip())
    end = re.search(r"\(at end of document\)", message)
    if end is not None:
        return L_("invalid TOML at the end of the file: {error}", error=message[:end.start()].strip())
    return L_("invalid TOML: {error}", error=message)
