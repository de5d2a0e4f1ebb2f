"""Alembic environment of the store, driven by ``compare.store.migrate`` (no alembic.ini).

``migrate`` passes an open connection in ``config.attributes["connection"]``; without one
(``alembic`` run by hand with ``sqlalchemy.url`` set) an engine is made from that URL.
The whole upgrade runs in one transaction: SQLite DDL is transactional once the driver's
own transaction handling is off (see ``compare.store.engine``), and PostgreSQL serialises
concurrent upgrades on an advisory lock.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, text

from compare.store.schema import Base

ADVISORY_LOCK = 0x1E615C0  # PostgreSQL advisory lock key held while migrating

config = context.config
target_metadata = Base.metadata


def _configure(**kwargs: object) -> None:
    context.configure(target_metadata=target_metadata, render_as_batch=True, compare_type=True,
                      transactional_ddl=True, **kwargs)


def run_offline() -> None:
    """Write the SQL to stdout instead of running it (``alembic upgrade --sql``)."""
    _configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def _run(connection: Connection) -> None:
    _configure(connection=connection)
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK})
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from compare.store.engine import database_url, make_engine, writer

    engine = make_engine(database_url(config.get_main_option("sqlalchemy.url")))
    try:
        with writer(engine).connect() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
