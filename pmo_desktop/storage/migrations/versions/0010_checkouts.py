"""offline check-out: who has which project out, and the local copy's snapshot

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27 00:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True)


def upgrade() -> None:
    op.create_table(
        "checkouts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("role", _enum("checkout_role", "master", "copy"), nullable=False),
        sa.Column("state", _enum("checkout_state", "open", "returned"), nullable=False),
        sa.Column("checked_out_by", sa.String(length=200), nullable=False),
        sa.Column("host", sa.String(length=200), nullable=False),
        sa.Column("checked_out_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("local_file", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("master_uuid", sa.String(length=36), nullable=False),
        sa.Column("returned_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("returned_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_checkouts_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkouts")),
        sa.UniqueConstraint("uuid", name=op.f("uq_checkouts_uuid")),
    )
    op.create_index(op.f("ix_checkouts_project_id"), "checkouts", ["project_id"])
    op.create_table(
        "checkout_rows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("checkout_id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=60), nullable=False),
        sa.Column("row_uuid", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("base_values", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["checkout_id"],
            ["checkouts.id"],
            name=op.f("fk_checkout_rows_checkout_id_checkouts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkout_rows")),
    )
    op.create_index(op.f("ix_checkout_rows_checkout_id"), "checkout_rows", ["checkout_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_checkout_rows_checkout_id"), table_name="checkout_rows")
    op.drop_table("checkout_rows")
    op.drop_index(op.f("ix_checkouts_project_id"), table_name="checkouts")
    op.drop_table("checkouts")
