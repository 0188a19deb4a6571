"""writer lease and fencing counter for shared SQLite files

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 23:05:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    lease = op.create_table(
        "writer_lease",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("holder_user", sa.String(length=120), nullable=False),
        sa.Column("holder_host", sa.String(length=255), nullable=False),
        sa.Column("holder_pid", sa.Integer(), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("heartbeat", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ttl_seconds", sa.Integer(), nullable=False),
        sa.Column("fencing_token", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_writer_lease")),
    )
    # The single row exists from the start: acquiring the lease is always an UPDATE.
    op.bulk_insert(
        lease,
        [
            {
                "id": 1,
                "holder_user": "",
                "holder_host": "",
                "holder_pid": 0,
                "ttl_seconds": 120,
                "fencing_token": 0,
            }
        ],
    )


def downgrade() -> None:
    op.drop_table("writer_lease")
