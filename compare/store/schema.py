"""The whole schema of the store: every table module imported, ``metadata`` complete.

What the Alembic environment compares the migrations with, and what tests check the
migrated database against; code that uses a table imports its own module.
"""

from __future__ import annotations

from . import corpus_models, draft_models, models, team_models  # noqa: F401  (each registers its tables on Base)
from .base import Base

metadata = Base.metadata

__all__ = ["Base", "metadata"]
