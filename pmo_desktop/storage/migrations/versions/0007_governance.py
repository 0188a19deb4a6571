"""governance: method templates, stage gate reviews, compliance settings, prioritisation criteria

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 23:19:31.217850
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "compliance_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("portfolio_id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=60), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=True),
        sa.Column("parameters", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["portfolio_id"],
            ["portfolios.id"],
            name=op.f("fk_compliance_settings_portfolio_id_portfolios"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_compliance_settings")),
        sa.UniqueConstraint(
            "portfolio_id", "rule", name=op.f("uq_compliance_settings_portfolio_id_rule")
        ),
        sa.UniqueConstraint("uuid", name=op.f("uq_compliance_settings_uuid")),
    )
    op.create_table(
        "method_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("portfolio_id", sa.Integer(), nullable=True),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "method",
            sa.Enum(
                "waterfall",
                "agile",
                "hybrid",
                name="method",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["portfolio_id"],
            ["portfolios.id"],
            name=op.f("fk_method_templates_portfolio_id_portfolios"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_method_templates")),
        sa.UniqueConstraint(
            "portfolio_id",
            "code",
            "language",
            name=op.f("uq_method_templates_portfolio_id_code_language"),
        ),
        sa.UniqueConstraint("uuid", name=op.f("uq_method_templates_uuid")),
    )
    with op.batch_alter_table("method_templates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_method_templates_portfolio_id"), ["portfolio_id"], unique=False
        )

    op.create_table(
        "gate_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("next_phase", sa.String(length=80), nullable=False),
        sa.Column("planned_date", sa.Date(), nullable=True),
        sa.Column("review_date", sa.Date(), nullable=True),
        sa.Column(
            "decision",
            sa.Enum(
                "pending",
                "go",
                "go_with_conditions",
                "hold",
                "stop",
                name="gate_decision",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("decided_by", sa.String(length=200), nullable=False),
        sa.Column("criteria", sa.JSON(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("conditions", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_gate_reviews_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gate_reviews")),
        sa.UniqueConstraint(
            "project_id", "sequence", name=op.f("uq_gate_reviews_project_id_sequence")
        ),
        sa.UniqueConstraint("uuid", name=op.f("uq_gate_reviews_uuid")),
    )
    with op.batch_alter_table("gate_reviews", schema=None) as batch_op:
        batch_op.create_index(
            "ix_gate_reviews_project_decision", ["project_id", "decision"], unique=False
        )

    with op.batch_alter_table("strategic_objectives", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "kind",
                sa.Enum(
                    "objective",
                    "value",
                    "risk",
                    "cost",
                    "urgency",
                    name="criterion_kind",
                    native_enum=False,
                    create_constraint=True,
                ),
                nullable=False,
                server_default="objective",
            )
        )
        batch_op.add_column(
            sa.Column("higher_is_better", sa.Boolean(), nullable=False, server_default=sa.true())
        )


def downgrade() -> None:
    with op.batch_alter_table("strategic_objectives", schema=None) as batch_op:
        batch_op.drop_column("higher_is_better")
        batch_op.drop_column("kind")

    with op.batch_alter_table("gate_reviews", schema=None) as batch_op:
        batch_op.drop_index("ix_gate_reviews_project_decision")

    op.drop_table("gate_reviews")
    with op.batch_alter_table("method_templates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_method_templates_portfolio_id"))

    op.drop_table("method_templates")
    op.drop_table("compliance_settings")
