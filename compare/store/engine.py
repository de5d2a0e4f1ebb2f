"""Database URLs and engines, and turning driver failures into one-line ``InputError``s.

SQLite connections get WAL journaling, a busy timeout (``BUSY_TIMEOUT_MS``) and foreign-key
enforcement. Transactions opened through ``writer(engine)`` start with ``BEGIN IMMEDIATE``,
so concurrent writers queue on the busy timeout instead of failing when a read
transaction tries to become a write transaction. PostgreSQL needs none of this.
"""

from __future__ import annotations

import functools
import os
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from ..errors import InputError
from ..i18n import L_, N_

DEFAULT_URL = "sqlite:///legiscompare.db"
ENV_VAR = "LEGISCOMPARE_DB"
BUSY_TIMEOUT_MS = 30_000  # how long a SQLite writer waits for another one to finish
_WRITE = "legiscompare_write"  # execution option marking write transactions


def database_url(given: str | None = None) -> str:
    """The URL to use: ``given``, else $LEGISCOMPARE_DB, else ``DEFAULT_URL``.

    A bare file path becomes ``sqlite:///path``; ``postgresql://`` and ``postgres://``
    select the psycopg 3 driver.

    >>> database_url("out/review.db")
    'sqlite:///out/review.db'
    >>> database_url("postgresql://u@localhost/db")
    'postgresql+psycopg://u@localhost/db'
    """
    url = given or os.environ.get(ENV_VAR) or DEFAULT_URL
    if "://" not in url:
        return f"sqlite:///{url}"
    scheme, rest = url.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    return url


def database_exists(url: str) -> bool:
    """False only for a SQLite file that is not there yet (other databases are assumed to exist)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return True
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return True
    return Path(parsed.database).expanduser().exists()


def require_database(url: str) -> str:
    """``url`` if its database exists, else ``InputError`` naming the file as typed: commands
    that only read never create an empty SQLite file."""
    if not database_exists(url):
        raise InputError(make_url(url).database, "no_database")
    return url


def shown_url(url: str) -> str:
    """The URL with any password masked, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


# Driver messages (English, whatever the user's language) recognised anywhere in the driver's
# text, each with an explanation that leads the line; the driver's own first line follows it.
KNOWN_DATABASE_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"could not translate host name|failed to resolve host|name or service not known|"
                r"nodename nor servname|temporary failure in name resolution", re.IGNORECASE),
     N_("cannot connect to the database (the host name cannot be resolved)")),
    (re.compile(r"connection refused", re.IGNORECASE),
     N_("cannot connect to the database (connection refused: is the server running on that host and port?)")),
    (re.compile(r"authentication failed|no password supplied", re.IGNORECASE),
     N_("cannot connect to the database (authentication failed: check the user name and password)")),
    (re.compile(r'database "[^"]*" does not exist', re.IGNORECASE),
     N_("the database does not exist on the server (create it first, e.g. with createdb)")),
    (re.compile(r"file is not a database", re.IGNORECASE), N_("the file is not a SQLite database")),
)


def database_error(url: str, exc: BaseException) -> InputError:
    """``InputError(None, "database")`` with a one-line reason for ``exc``: an explanation in
    the user's language first when the driver's message is a known one, then the driver's line."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    reason = lines[0] if lines else type(orig).__name__
    for pattern, explanation in KNOWN_DATABASE_ERRORS:
        if pattern.search(text):
            return InputError(None, "database", detail=L_("{explanation}. Details: {url}: {reason}",
                                                          explanation=L_(explanation), url=shown_url(url),
                                                          reason=reason))
    return InputError(None, "database", detail=f"{shown_url(url)}: {reason}")


@contextmanager
def translated(url: str) -> Iterator[None]:
    """Re-raise SQLAlchemy and OS errors inside the block as ``InputError``."""
    try:
        yield
    except (SQLAlchemyError, OSError) as exc:
        raise database_error(url, exc) from exc


def make_engine(url: str) -> Engine:
    """An engine for ``url``, with the SQLite settings above; errors become ``InputError``."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise InputError(None, "database", detail=L_("{url}: not a database URL", url=url)) from exc
    kwargs: dict[str, object] = {}
    sqlite = parsed.get_backend_name() == "sqlite"
    if sqlite:
        if parsed.database in (None, "", ":memory:"):
            kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
        else:
            parent = Path(parsed.database).expanduser().resolve().parent
            if not parent.is_dir():
                raise InputError(None, "database", detail=L_("{url}: directory {parent} does not exist",
                                                                           url=shown_url(url), parent=parent))
    try:
        engine = create_engine(url, **kwargs)
    except (NoSuchModuleError, ImportError) as exc:
        if parsed.get_backend_name() == "postgresql":
            key = "no_postgres_driver" if parsed.get_driver_name() == "psycopg" else "no_postgres_driver_url"
            raise InputError(None, key, url=shown_url(url)) from exc
        raise InputError(None, "database",
                         detail=L_("{url}: no driver for {driver} ({error}); install it (for PostgreSQL: pip install "
                                    "'legiscompare[postgres]')", url=shown_url(url), driver=parsed.drivername,
                                    error=str(exc))) from exc
    except ArgumentError as exc:
        raise database_error(url, exc) from exc
    if sqlite:
        event.listen(engine, "connect", functools.partial(_sqlite_connect, url=url))
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def writer(engine: Engine) -> Engine:
    """``engine`` marked so its transactions take the write lock at once (SQLite)."""
    return engine.execution_options(**{_WRITE: True})


def _sqlite_connect(dbapi_connection, _record, url: str = "") -> None:  # type: ignore[no-untyped-def]
    dbapi_connection.isolation_level = None  # the driver must not BEGIN on its own: _sqlite_begin does
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        _refuse_foreign(cursor, url)  # before WAL: a refused file is left exactly as it was
        if cursor.execute("PRAGMA journal_mode").fetchone()[0] not in ("wal", "memory"):
            _switch_to_wal(cursor)
    finally:
        cursor.close()


def _refuse_foreign(cursor: sqlite3.Cursor, url: str) -> None:
    """Raise ``InputError`` for a SQLite file holding tables but no legiscompare schema."""
    tables = {row[0] for row in cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if tables and "alembic_version" not in tables:
        raise InputError(None, "database", detail=L_("{url}: not a legiscompare database (it holds other tables: {tables})",
                                                          url=shown_url(url), tables=", ".join(sorted(tables)[:5])))


def _switch_to_wal(cursor: sqlite3.Cursor) -> None:
    """Set WAL mode (it persists in the file). The switch needs an exclusive lock, and SQLite
    may report "locked" at once instead of waiting: retry within the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _sqlite_begin(connection) -> None:  # type: ignore[no-untyped-def]
    immediate = connection.get_execution_options().get(_WRITE)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
