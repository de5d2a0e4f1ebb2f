"""Rows keep the counterparts content matching found (``AlignmentRow.counterparts``, texts
drafted independently): a nullable JSON column ``alignment_rows.counterparts``. Rows stored
before read as having none (they were aligned by order).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("alignment_rows") as batch:
        batch.add_column(sa.Column("counterparts", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("alignment_rows") as batch:
        batch.drop_column("counterparts")
