"""Documents record which version they are: the date of their latest adoption or revision.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("version_date", sa.String(10), nullable=True))
    # Older rows: the adoption date is the best date known (the next import refreshes it).
    op.execute("UPDATE documents SET version_date = adopted WHERE version_date IS NULL")


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("version_date")
