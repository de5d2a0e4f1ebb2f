"""The schema revision check of every run, without Alembic (which costs 0.2 s to import).

- ``packaged_head() -> str``: the newest revision under ``migrations/versions``, read from the
  files' ``revision`` / ``down_revision`` lines (the same answer as Alembic's
  ``ScriptDirectory.get_current_head()``; a test compares them).
- ``stored_revision(engine) -> str | None``: what ``alembic_version`` holds (None when the
  table is missing or empty), as ``MigrationContext.get_current_revision`` reads it.

``open_store`` imports ``migrate`` (and Alembic) only when the two differ.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from sqlalchemy import Engine, inspect, text

_LINE = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(?:['\"]([^'\"]+)['\"]|None)", re.M)


@lru_cache(maxsize=1)
def packaged_head() -> str:
    """The head revision of the packaged migrations (the one no other revision follows)."""
    revisions, parents = set(), set()
    folder = resources.files("compare.store").joinpath("migrations", "versions")
    for entry in folder.iterdir():
        if not entry.name.endswith(".py") or entry.name.startswith("__"):
            continue
        found = dict((m.group(1), m.group(2)) for m in _LINE.finditer(entry.read_text(encoding="utf-8")))
        if found.get("revision"):
            revisions.add(found["revision"])
            if found.get("down_revision"):
                parents.add(found["down_revision"])
    heads = sorted(revisions - parents)
    if len(heads) != 1:
        raise RuntimeError(f"migrations have {len(heads)} heads: {heads}")
    return heads[0]


def stored_revision(engine: Engine) -> str | None:
    """The revision recorded in the database (None for an empty database)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(rows) > 1:
        raise RuntimeError("the database records several schema heads")
    return rows[0] if rows else None
