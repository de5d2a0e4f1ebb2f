"""Run the store's Alembic migrations programmatically (no alembic.ini needed).

- ``upgrade(url, revision="head") -> str | None``: bring the database at ``url`` to
  ``revision`` in one transaction, keeping every row; returns the revision reached.
  ``legiscompare db upgrade [--db URL]`` calls this.
- ``current_revision(url) -> str | None``: the database's revision (None when empty).
- ``head_revision() -> str``: the newest revision this version of legiscompare knows.

For developers, ``python -m compare.store.migrate revision -m "add x" [--autogenerate] [URL]``
writes a new revision under ``compare/store/migrations/versions`` (autogenerate compares the
models with a database already at head).

On SQLite, foreign keys are switched off while migrating: batch mode rebuilds a table by
copying it and dropping the original, and with foreign keys on that drop would fail or
cascade to the rows referring to it.
"""

from __future__ import annotations

import sys
import threading
from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine

from ..errors import InputError
from ..i18n import L_
from .engine import make_engine, shown_url, translated, writer

# Alembic's ``context`` and ``op`` are process-wide proxies: one migration at a time per
# process. Other processes are kept out by the database (BEGIN IMMEDIATE / advisory lock).
_ALEMBIC_LOCK = threading.Lock()


def script_location() -> str:
    """The migrations directory inside the installed package."""
    return str(resources.files("compare.store").joinpath("migrations"))


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic ``Config`` for the packaged migrations, bound to ``connection`` if given."""
    config = Config()
    config.set_main_option("script_location", script_location())
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision of the packaged migrations."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(url: str) -> str | None:
    """The revision the database at ``url`` is at (None for an empty database)."""
    engine = make_engine(url)
    try:
        return engine_revision(engine, url)
    finally:
        engine.dispose()


def upgrade(url: str, revision: str = "head") -> str | None:
    """Upgrade the database at ``url`` to ``revision``, atomically; the revision reached."""
    engine = make_engine(url)
    try:
        return upgrade_engine(engine, url, revision)
    finally:
        engine.dispose()


def engine_revision(engine: Engine, url: str) -> str | None:
    """``current_revision`` on an existing engine."""
    with translated(url), engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade_engine(engine: Engine, url: str, revision: str = "head") -> str | None:
    """``upgrade`` on an existing engine; ``url`` is only used in messages."""
    current = engine_revision(engine, url)
    known = {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if current is not None and current not in known:
        raise InputError(None, "database", detail=L_(
            "{url}: schema revision {revision} is unknown to this version of legiscompare (made by a newer "
            "version?)", url=shown_url(url), revision=current))
    with _ALEMBIC_LOCK, translated(url), writer(engine).connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            conn.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
        try:
            command.upgrade(alembic_config(conn), revision)
        except CommandError as exc:
            raise InputError(None, "database", detail=f"{shown_url(url)}: {exc}") from exc
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys = ON")  # type: ignore[union-attr]
    return engine_revision(engine, url)


def _main(argv: list[str]) -> int:
    """Developer entry point: ``upgrade [URL]``, ``current [URL]``, ``revision -m MSG [--autogenerate] [URL]``."""
    from .engine import database_url

    if not argv or argv[0] not in ("upgrade", "current", "revision"):
        print(_main.__doc__, file=sys.stderr)
        return 2
    cmd, rest = argv[0], argv[1:]
    message = rest[rest.index("-m") + 1] if "-m" in rest else None
    autogenerate = "--autogenerate" in rest
    positional = [a for i, a in enumerate(rest) if not a.startswith("-") and (i == 0 or rest[i - 1] != "-m")]
    url = database_url(positional[0] if positional else None)
    if cmd == "upgrade":
        print(upgrade(url))
    elif cmd == "current":
        print(current_revision(url))
    else:
        engine = make_engine(url)
        with _ALEMBIC_LOCK, engine.connect() as conn:
            command.revision(alembic_config(conn), message=message, autogenerate=autogenerate)
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
