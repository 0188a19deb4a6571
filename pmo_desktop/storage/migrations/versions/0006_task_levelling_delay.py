"""task levelling delay: what resource levelling added to a task's start, kept across reschedules

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 23:13:56.827076
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("levelling_delay_minutes", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.create_check_constraint(
            op.f("ck_tasks_levelling_delay_non_negative"), "levelling_delay_minutes >= 0"
        )


def downgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_tasks_levelling_delay_non_negative"), type_="check")
        batch_op.drop_column("levelling_delay_minutes")
