"""reference data: the viewer, editor and admin roles

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 15:00:00
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLES = (
    ("viewer", "Reads every project; changes nothing."),
    ("editor", "Edits projects, schedules, resources and logs."),
    ("admin", "PMO administrator: methods, rules, users and everything an editor does."),
)

roles = sa.table(
    "roles",
    sa.column("uuid", sa.String),
    sa.column("version", sa.Integer),
    sa.column("name", sa.String),
    sa.column("description", sa.String),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("updated_at", sa.DateTime(timezone=True)),
)


def upgrade() -> None:
    now = datetime.now(UTC)
    op.bulk_insert(
        roles,
        [
            {
                "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"pmo-desktop:role:{name}")),
                "version": 1,
                "name": name,
                "description": description,
                "created_at": now,
                "updated_at": now,
            }
            for name, description in ROLES
        ],
    )


def downgrade() -> None:
    op.execute(roles.delete().where(roles.c.name.in_([name for name, _ in ROLES])))
