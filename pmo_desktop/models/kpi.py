"""KPI definitions and RAG rules as portfolio data: the thresholds every view, the board
pack and the compliance checks rate against, and the rule that turns a risk's ratings
into its score. One row per portfolio; a portfolio without one uses the defaults.
"""

from __future__ import annotations

import enum
from typing import Any

from sqlalchemy import JSON, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from pmo_desktop.models.base import Entity, str_enum


class ScoreRule(enum.StrEnum):
    """How a risk's four impact ratings make its score with the probability."""

    #: probability × the worst impact (the default).
    MAX = "max"
    #: probability × the rounded mean of the four impacts.
    MEAN = "mean"
    #: probability × the rounded weighted mean of the four impacts.
    WEIGHTED = "weighted"


class PortfolioRules(Entity):
    """A portfolio's RAG thresholds and risk score rule, edited by a PMO admin."""

    __tablename__ = "portfolio_rules"

    portfolio_id: Mapped[int] = mapped_column(
        ForeignKey("portfolios.id", ondelete="CASCADE"), unique=True
    )
    #: {"spi_amber": 0.95, ...}: the fields of services.dashboard.RagThresholds.
    thresholds: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    risk_score_rule: Mapped[ScoreRule] = mapped_column(
        str_enum(ScoreRule, "risk_score_rule"), default=ScoreRule.MAX
    )
    #: {"schedule": 1, "cost": 1, "scope": 1, "quality": 1} for the weighted rule.
    score_weights: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
