"""Equivalent names of government bodies (经济和信息化 / 工业和信息化), from a TOML table.

The packaged table ``data/institutions.toml`` can be extended by a user file of the same
form: ``[[group]] names = ["canonical", "alias", ...]``.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from typing import Any

from ..configfile import parse_toml, read_toml
from ..errors import InputError
from ..i18n import L_


class InstitutionTable:
    """Maps each known body name to the canonical name of its group."""

    def __init__(self, groups: list[list[str]]) -> None:
        self._canonical: dict[str, str] = {}
        for names in groups:
            for name in names:
                self._canonical.setdefault(name, names[0])

    def canonical(self, name: str) -> str:
        """The group's canonical name for ``name`` (``name`` itself when unknown)."""
        return self._canonical.get(name, name)

    def names(self) -> list[str]:
        """All known names, longest first, for building a recognition pattern."""
        return sorted(self._canonical, key=lambda n: (-len(n), n))


@lru_cache(maxsize=8)
def load_institutions(extra: str | os.PathLike[str] | None = None) -> InstitutionTable:
    """The packaged equivalence table, extended by the user's TOML file if given."""
    packaged = resources.files("compare.jurisdiction") / "data" / "institutions.toml"
    groups = _groups(parse_toml(packaged.read_bytes(), "institutions.toml"), "institutions.toml")
    if extra is not None:
        groups = _groups(read_toml(extra, str(extra)), str(extra)) + groups
    return InstitutionTable(groups)


def _groups(data: dict[str, Any], shown: str) -> list[list[str]]:
    unknown = sorted(set(data) - {"group"}) + sorted({k for g in data.get("group", []) if isinstance(g, dict)
                                                      for k in g} - {"names"})
    if unknown:
        raise InputError(shown, "unreadable", detail=L_("unknown key(s): {keys}", keys=", ".join(unknown)))
    groups = data.get("group", [])
    if not isinstance(groups, list) or not all(isinstance(g, dict) and isinstance(g.get("names"), list)
                                               for g in groups):
        raise InputError(shown, "unreadable", detail=L_("each [[group]] needs names = [...]"))
    return [[str(n) for n in g["names"] if str(n).strip()] for g in groups if g["names"]]
