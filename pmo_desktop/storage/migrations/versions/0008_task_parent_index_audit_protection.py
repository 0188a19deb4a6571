"""task parent index; audit entries append-only on SQLite

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 23:47:00

Deleting a task (or a whole project) makes the database find the children of every task
deleted (ON DELETE CASCADE on tasks.parent_id): without an index each lookup scans every
task of the file (seconds on the 50,000-task reference portfolio). On SQLite two triggers
refuse to change or delete audit entries (PostgreSQL does it with GRANTs and row-level
security, see storage/server_roles.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

#: As storage/audit.py SQLITE_PROTECTION on the day of this migration (migrations are frozen).
SQLITE_PROTECTION = (
    "CREATE TRIGGER IF NOT EXISTS audit_entries_no_update BEFORE UPDATE ON audit_entries "
    "BEGIN SELECT RAISE(ABORT, 'audit entries cannot be changed'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_entries_no_delete BEFORE DELETE ON audit_entries "
    "BEGIN SELECT RAISE(ABORT, 'audit entries cannot be deleted'); END",
)

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.create_index("ix_tasks_parent_id", ["parent_id"], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_PROTECTION:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_delete")
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index("ix_tasks_parent_id")
