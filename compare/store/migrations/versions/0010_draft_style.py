"""Drafts keep their style (``Decision.style``: decision or amendment, a 修正案) and an
amendment's number (``Decision.ordinal``): nullable columns ``drafts.style`` and
``drafts.ordinal``. Existing drafts read as decisions, as they were drafted.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("drafts") as batch:
        batch.add_column(sa.Column("style", sa.String(16), nullable=True))
        batch.add_column(sa.Column("ordinal", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("drafts") as batch:
        batch.drop_column("ordinal")
        batch.drop_column("style")
