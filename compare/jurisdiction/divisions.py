"""China's administrative divisions: the packaged table, plus additions from TOML files.

Public API:

- ``Division``: one division (code, full name, short name, abbreviation, level, parent, kind),
  with ``self_words`` (how its own texts call it: 本市, 本省 …) and ``organ_prefix`` (市 as in
  市人民政府).
- ``DivisionTable``: ``get(code)``, ``find(name)``, ``province_of``, ``children``, ``names()``,
  ``groups``, iteration and ``len``.
- ``load_divisions(extra=None)``: the packaged ``data/divisions.tsv`` (built by
  ``tools/build_divisions.py`` from the Ministry of Civil Affairs list, see ``data/README.md``),
  then the packaged ``data/extra.toml`` (雄安新区, 北三县), then the user file ``extra``.
  Cached per path: a changed file is not re-read in the same process.

The TOML files have three kinds of entries, applied in this order within a file::

    [[division]]                 # add a division, or replace the one with the same code
    name = "雄安新区"              # required
    short = "雄安"                # default: the name without its kind suffix
    level = "prefecture"          # required: province | prefecture | county
    parent = "河北省"              # a name or code of an existing division (not for a province)
    kind = "新区"                 # default: the suffix of the name (市, 县, 区 …)
    code = "雄安新区"              # optional, any unique string; default: the name
    abbr = "雄"                   # optional
    self_words = ["本新区"]        # optional; default from the kind (本市, 本县 …)
    organ_prefix = "新区"          # optional; default from the kind

    [[override]]                 # change an existing division, chosen by code or name
    name = "贵州省"                # or code = "520000"
    abbr = "黔"                   # any of: short, abbr, self_words, organ_prefix

    [[group]]                    # a named set of divisions: DivisionTable.groups
    name = "北三县"
    members = ["三河市", "大厂回族自治县", "香河县"]

A name used as a reference (parent, override, member) must match one division exactly, by full
name or by short name; otherwise give the code. Bad TOML, an unknown key or an unknown or
ambiguous reference raises ``InputError(path, "unreadable", detail=...)``.

>>> table = load_divisions()
>>> [d.name for d in table.find("北京")]
['北京市']
>>> table.get("110000").self_words, table.get("110000").organ_prefix
(('本市',), '市')
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ..configfile import parse_toml, read_toml
from ..errors import InputError
from ..i18n import L_

LEVELS = ("province", "prefecture", "county")
COLUMNS = ("code", "name", "short", "abbr", "level", "parent_code", "kind")

_SELF_WORDS: dict[str, tuple[str, ...]] = {
    "自治州": ("本州", "本自治州"),
    "自治县": ("本县", "本自治县"),
    "自治旗": ("本旗", "本自治旗"),
}
_ORGAN_PREFIX: dict[str, str] = {"自治州": "州", "自治县": "县", "自治旗": "旗"}
# Suffixes that give a user division its default kind, longest first.
_KINDS = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区", "新区",
          "省", "市", "区", "县", "旗", "盟")


@dataclass(frozen=True)
class Division:
    """One administrative division. ``code`` is the six-digit GB/T 2260 code ("110000");
    user-added divisions may use any unique string. ``abbr`` is the one-character provincial
    abbreviation (京), None below provincial level. ``parent`` is the parent's code."""

    code: str
    name: str
    short: str
    abbr: str | None
    level: str
    parent: str | None
    kind: str
    custom_self_words: tuple[str, ...] = field(default=(), repr=False, compare=False)
    custom_organ_prefix: str | None = field(default=None, repr=False, compare=False)

    @property
    def self_words(self) -> tuple[str, ...]:
        """How a text by this division calls it: ("本市",), ("本州", "本自治州") …"""
        if self.custom_self_words:
            return self.custom_self_words
        return _SELF_WORDS.get(self.kind, ("本" + self.kind,))

    @property
    def organ_prefix(self) -> str:
        """Prefix of its own organs written without the name: 市 (市人民政府), 州, 县 …"""
        if self.custom_organ_prefix is not None:
            return self.custom_organ_prefix
        return _ORGAN_PREFIX.get(self.kind, self.kind)


def level_rank(division: Division) -> int:
    """0 for a province, 1 for a prefecture, 2 for a county: higher levels first."""
    return LEVELS.index(division.level) if division.level in LEVELS else len(LEVELS)


def _order(division: Division) -> tuple[int, str]:
    return (level_rank(division), division.code)


class DivisionTable:
    """An immutable table of divisions with lookups by code and name, and named groups."""

    def __init__(self, divisions: Iterable[Division],
                 groups: Mapping[str, tuple[Division, ...]] | None = None) -> None:
        self._by_code: dict[str, Division] = {d.code: d for d in sorted(divisions, key=lambda d: d.code)}
        self.groups: dict[str, tuple[Division, ...]] = dict(groups or {})
        by_name: dict[str, list[Division]] = {}
        kids: dict[str, list[Division]] = {}
        for d in self._by_code.values():
            keys = {d.name, d.short} if len(d.short) >= 2 else {d.name}
            for key in keys:
                by_name.setdefault(key, []).append(d)
            if d.parent is not None:
                kids.setdefault(d.parent, []).append(d)
        self._by_name = {k: tuple(sorted(v, key=_order)) for k, v in by_name.items()}
        self._children = {k: tuple(v) for k, v in kids.items()}
        self._names = tuple(sorted(self._by_name, key=lambda n: (-len(n), n)))

    def get(self, code: str) -> Division | None:
        """The division with this code, or None."""
        return self._by_code.get(code)

    def find(self, name: str) -> list[Division]:
        """Divisions whose full name, or short name of two or more characters, is ``name``;
        provincial level first, then prefecture, then county, each by code."""
        return list(self._by_name.get(name, ()))

    def lineage(self, division: Division) -> list[Division]:
        """The division followed by its ancestors, nearest first."""
        chain = [division]
        seen = {division.code}
        while chain[-1].parent and (parent := self._by_code.get(chain[-1].parent)) is not None:
            if parent.code in seen:
                break
            seen.add(parent.code)
            chain.append(parent)
        return chain

    def province_of(self, division: Division) -> Division:
        """The provincial-level division that contains ``division`` (itself for a province)."""
        current, seen = division, set()
        while current.level != "province":
            seen.add(current.code)
            parent = self._by_code.get(current.parent or "")
            if parent is None or parent.code in seen:
                raise ValueError(f"{division.name} ({division.code}) has no province in the table")
            current = parent
        return current

    def children(self, division: Division) -> list[Division]:
        """The divisions directly under ``division``, by code."""
        return list(self._children.get(division.code, ()))

    def names(self) -> list[str]:
        """Every full name and every short name of two or more characters, longest first."""
        return list(self._names)

    def __iter__(self) -> Iterator[Division]:
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def __repr__(self) -> str:
        return f"<DivisionTable {len(self)} divisions, {len(self.groups)} groups>"


def load_divisions(extra: str | os.PathLike[str] | None = None) -> DivisionTable:
    """The packaged divisions and default extras, plus the TOML file ``extra`` if given."""
    absolute = os.path.abspath(os.fspath(extra)) if extra is not None else None
    try:
        return _load(absolute)  # cached by the file's absolute path
    except InputError as exc:
        if extra is None or exc.file != absolute:
            raise
        raise InputError(os.fspath(extra), exc.key, **exc.params) from None  # named as the user typed it


@lru_cache(maxsize=16)
def _load(extra: str | None) -> DivisionTable:
    data = resources.files("compare.jurisdiction") / "data"
    builder = _Builder(_parse_tsv((data / "divisions.tsv").read_text(encoding="utf-8")))
    default = data / "extra.toml"
    builder.apply(parse_toml(default.read_bytes(), str(default)), str(default))
    if extra is not None:
        builder.apply(read_toml(extra), extra)
    return builder.table()


def _parse_tsv(text: str) -> list[Division]:
    """Divisions from the packaged TSV (``#`` comment lines, a header line, then rows)."""
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    if not lines or tuple(lines[0].split("\t")) != COLUMNS:
        raise ValueError("divisions.tsv: unexpected header")
    out = []
    for line in lines[1:]:
        code, name, short, abbr, level, parent, kind = line.split("\t")
        out.append(Division(code, name, short, abbr or None, level, parent or None, kind))
    return out


class _Builder:
    """Applies TOML entries, in file order, to a mutable copy of the table."""

    _DIVISION_KEYS = {"name", "short", "level", "parent", "kind", "code", "abbr", "self_words",
                      "organ_prefix"}
    _OVERRIDE_KEYS = {"name", "code", "short", "abbr", "self_words", "organ_prefix"}

    def __init__(self, divisions: list[Division]) -> None:
        self.by_code = {d.code: d for d in divisions}
        self.groups: dict[str, tuple[Division, ...]] = {}
        self.path = ""
        self._names: tuple[dict[str, list[Division]], dict[str, list[Division]]] | None = None

    def table(self) -> DivisionTable:
        # Group members may have been overridden after the group was defined: re-read them.
        groups = {n: tuple(self.by_code[d.code] for d in ms) for n, ms in self.groups.items()}
        return DivisionTable(self.by_code.values(), groups)

    def fail(self, detail: str) -> InputError:
        return InputError(self.path, "unreadable", detail=detail)

    def apply(self, doc: dict[str, Any], path: str) -> None:
        self.path = path
        unknown = set(doc) - {"division", "override", "group"}
        if unknown:
            raise self.fail(L_("unknown table(s): {tables}", tables=", ".join(sorted(unknown))))
        for entry in self._entries(doc, "division", self._DIVISION_KEYS):
            self._add(entry)
        for entry in self._entries(doc, "override", self._OVERRIDE_KEYS):
            self._override(entry)
        for entry in self._entries(doc, "group", {"name", "members"}):
            self._group(entry)

    def _entries(self, doc: dict[str, Any], table: str, keys: set[str]) -> list[dict[str, Any]]:
        entries = doc.get(table, [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise self.fail(L_("'{table}' must be an array of tables ([[{table}]])", table=table))
        for entry in entries:
            extra = set(entry) - keys
            if extra:
                keys_text = ", ".join(sorted(extra))
                raise self.fail(L_("[[{table}]] {name}: unknown key(s) {keys}", table=table, name=entry.get("name", ""),
                                   keys=keys_text))
        return entries

    def _text(self, entry: dict[str, Any], key: str, required: bool = False) -> str | None:
        value = entry.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(L_("'{key}' must be a non-empty string in {entry}", key=key, entry=entry))
        return value.strip()

    def _words(self, entry: dict[str, Any]) -> tuple[str, ...]:
        words = entry.get("self_words", [])
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise self.fail(L_("'self_words' must be a list of strings in {entry}", entry=entry))
        return tuple(words)

    def resolve(self, ref: str) -> Division:
        """The one division with this code, full name or (two-character or longer) short name."""
        if ref in self.by_code:
            return self.by_code[ref]
        by_name, by_short = self._index()
        found = by_name.get(ref) or by_short.get(ref, [])
        if not found:
            raise self.fail(L_("unknown division: {ref}", ref=ref))
        if len(found) > 1:
            codes = ", ".join(d.code for d in sorted(found, key=_order))
            raise self.fail(L_("ambiguous division name {ref} ({codes}): give the code", ref=ref, codes=codes))
        return found[0]

    def _index(self) -> tuple[dict[str, list[Division]], dict[str, list[Division]]]:
        """Divisions by full name and by short name (two characters or more), kept up to date by ``_put``."""
        if self._names is None:
            self._names = ({}, {})
            for d in self.by_code.values():
                self._enter(d)
        return self._names

    def _enter(self, d: Division) -> None:
        by_name, by_short = self._index()
        by_name.setdefault(d.name, []).append(d)
        if len(d.short) >= 2:
            by_short.setdefault(d.short, []).append(d)

    def _put(self, d: Division) -> None:
        """Store ``d`` under its code (replacing what was there) and in the name indexes."""
        old = self.by_code.get(d.code)
        by_name, by_short = self._index()
        if old is not None:
            by_name[old.name].remove(old)
            if len(old.short) >= 2:
                by_short[old.short].remove(old)
        self.by_code[d.code] = d
        self._enter(d)

    def _add(self, entry: dict[str, Any]) -> None:
        name = self._text(entry, "name", required=True)
        level = self._text(entry, "level", required=True)
        if level not in LEVELS:
            raise self.fail(L_("{name}: level must be one of {levels}", name=name, levels=", ".join(LEVELS)))
        parent_ref = self._text(entry, "parent")
        parent = self.resolve(parent_ref) if parent_ref else None
        if (parent is None) != (level == "province"):
            if parent is None:
                raise self.fail(L_("{name}: a {level}-level division needs a parent", name=name, level=level))
            raise self.fail(L_("{name}: a {level}-level division takes no parent", name=name, level=level))
        if parent is not None and LEVELS.index(parent.level) >= LEVELS.index(level):
            raise self.fail(L_("{name}: parent {parent} is not above level {level}", name=name, parent=parent.name,
                               level=level))
        kind = self._text(entry, "kind") or next((k for k in _KINDS if name.endswith(k) and name != k), None)
        if kind is None:
            raise self.fail(L_("{name}: no 'kind' given and none in the name", name=name))
        stripped = name[: -len(kind)] if name.endswith(kind) and name != kind else name
        short = self._text(entry, "short") or stripped
        code = self._text(entry, "code") or name
        self._put(Division(code, name, short, self._text(entry, "abbr"), level, parent.code if parent else None,
                           kind, self._words(entry), self._text(entry, "organ_prefix")))

    def _override(self, entry: dict[str, Any]) -> None:
        ref = self._text(entry, "code") or self._text(entry, "name")
        if ref is None:
            raise self.fail(L_("[[override]] needs 'code' or 'name': {entry}", entry=entry))
        target = self.resolve(ref)
        changes: dict[str, Any] = {k: self._text(entry, k) for k in ("short", "abbr") if k in entry}
        if "self_words" in entry:
            changes["custom_self_words"] = self._words(entry)
        if "organ_prefix" in entry:
            changes["custom_organ_prefix"] = self._text(entry, "organ_prefix")
        self._put(dataclasses.replace(target, **changes))

    def _group(self, entry: dict[str, Any]) -> None:
        name = self._text(entry, "name", required=True)
        members = entry.get("members")
        if not isinstance(members, list) or not members or not all(isinstance(m, str) for m in members):
            raise self.fail(L_("group {name}: 'members' must be a non-empty list of names or codes", name=name))
        self.groups[name] = tuple(self.resolve(m) for m in members)
