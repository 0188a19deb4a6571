"""portfolio rules: RAG thresholds and the risk score rule as portfolio data

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27 00:05:00

A portfolio without a row keeps today's behaviour: the default thresholds and
probability × worst impact, so existing risks keep their scores.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "portfolio_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("portfolio_id", sa.Integer(), nullable=False),
        sa.Column("thresholds", sa.JSON(), nullable=False),
        sa.Column(
            "risk_score_rule",
            sa.Enum(
                "max",
                "mean",
                "weighted",
                name="risk_score_rule",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("score_weights", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["portfolio_id"],
            ["portfolios.id"],
            name=op.f("fk_portfolio_rules_portfolio_id_portfolios"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_portfolio_rules")),
        sa.UniqueConstraint("portfolio_id", name=op.f("uq_portfolio_rules_portfolio_id")),
        sa.UniqueConstraint("uuid", name=op.f("uq_portfolio_rules_uuid")),
    )


def downgrade() -> None:
    op.drop_table("portfolio_rules")
