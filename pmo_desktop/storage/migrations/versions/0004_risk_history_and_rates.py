"""risk escalation, task links and history; decision options; resource rates

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 22:43:31.090512
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "resource_rates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("resource_id", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("cost_rate", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("overtime_rate", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("cost_per_use", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "cost_per_use >= 0", name=op.f("ck_resource_rates_cost_per_use_non_negative")
        ),
        sa.CheckConstraint("cost_rate >= 0", name=op.f("ck_resource_rates_cost_rate_non_negative")),
        sa.CheckConstraint(
            "overtime_rate >= 0", name=op.f("ck_resource_rates_overtime_rate_non_negative")
        ),
        sa.ForeignKeyConstraint(
            ["resource_id"],
            ["resources.id"],
            name=op.f("fk_resource_rates_resource_id_resources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resource_rates")),
        sa.UniqueConstraint(
            "resource_id",
            "effective_from",
            name=op.f("uq_resource_rates_resource_id_effective_from"),
        ),
        sa.UniqueConstraint("uuid", name=op.f("uq_resource_rates_uuid")),
    )
    op.create_table(
        "risk_assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("risk_id", sa.Integer(), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("probability", sa.Integer(), nullable=False),
        sa.Column("impact", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("residual_score", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "occurred",
                "closed",
                name="risk_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("assessed_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("impact BETWEEN 1 AND 5", name=op.f("ck_risk_assessments_impact_range")),
        sa.CheckConstraint(
            "probability BETWEEN 1 AND 5", name=op.f("ck_risk_assessments_probability_range")
        ),
        sa.CheckConstraint("score BETWEEN 1 AND 25", name=op.f("ck_risk_assessments_score_range")),
        sa.ForeignKeyConstraint(
            ["risk_id"],
            ["risks.id"],
            name=op.f("fk_risk_assessments_risk_id_risks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_assessments")),
        sa.UniqueConstraint(
            "risk_id", "assessed_on", name=op.f("uq_risk_assessments_risk_id_assessed_on")
        ),
        sa.UniqueConstraint("uuid", name=op.f("uq_risk_assessments_uuid")),
    )
    op.create_table(
        "risk_task_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("risk_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["risk_id"],
            ["risks.id"],
            name=op.f("fk_risk_task_links_risk_id_risks"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["tasks.id"],
            name=op.f("fk_risk_task_links_task_id_tasks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_task_links")),
        sa.UniqueConstraint("risk_id", "task_id", name=op.f("uq_risk_task_links_risk_id_task_id")),
        sa.UniqueConstraint("uuid", name=op.f("uq_risk_task_links_uuid")),
    )
    with op.batch_alter_table("risk_task_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_risk_task_links_task_id"), ["task_id"], unique=False)

    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("options", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("rationale", sa.Text(), nullable=False, server_default=""))

    with op.batch_alter_table("risks", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "level",
                sa.Enum(
                    "project",
                    "programme",
                    "portfolio",
                    name="risk_level",
                    native_enum=False,
                    create_constraint=True,
                ),
                nullable=False,
                server_default="project",
            )
        )
        batch_op.add_column(sa.Column("programme_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("escalated_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("escalation_note", sa.Text(), nullable=False, server_default="")
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_risks_programme_id_programmes"),
            "programmes",
            ["programme_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("risks", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_risks_programme_id_programmes"), type_="foreignkey")
        batch_op.drop_column("escalation_note")
        batch_op.drop_column("escalated_on")
        batch_op.drop_column("programme_id")
        batch_op.drop_column("level")

    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.drop_column("rationale")
        batch_op.drop_column("options")

    with op.batch_alter_table("risk_task_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_risk_task_links_task_id"))

    op.drop_table("risk_task_links")
    op.drop_table("risk_assessments")
    op.drop_table("resource_rates")
