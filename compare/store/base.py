"""The declarative base every table of the store shares, and the column types they reuse.

``Base.metadata`` names its constraints (``NAMING``) so Alembic's batch mode (SQLite table
rebuilds) finds them again. The tables themselves are in ``models``, ``corpus_models``,
``draft_models`` and ``team_models``; ``schema`` imports all four.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import MetaData, String
from sqlalchemy.orm import DeclarativeBase

# Named constraints, so Alembic batch mode (SQLite table rebuilds) can find them again.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

HASH = String(64)  # sha256 hex
KEY = String(255)  # short identifiers: document ids, provision ids, row ids


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
