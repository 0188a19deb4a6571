"""Portfolio structure: portfolios, programmes, projects and strategic objectives."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from pmo_desktop.models.base import CURRENCY_LENGTH, DEFAULT_CURRENCY, Entity, str_enum
from pmo_desktop.models.enums import CriterionKind, Method, PmoMode, ProjectStatus


class Portfolio(Entity):
    """The set of programmes and projects a PMO steers; owns its calendars and resources."""

    __tablename__ = "portfolios"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    currency: Mapped[str] = mapped_column(String(CURRENCY_LENGTH), default=DEFAULT_CURRENCY)
    pmo_mode: Mapped[PmoMode] = mapped_column(
        str_enum(PmoMode, "pmo_mode"), default=PmoMode.CONTROLLING
    )
    as_of_date: Mapped[date | None] = mapped_column(Date)
    calendar_id: Mapped[int | None] = mapped_column(ForeignKey("calendars.id", ondelete="SET NULL"))


class StrategicObjective(Entity):
    """A company objective that projects are scored against (weights are data)."""

    __tablename__ = "strategic_objectives"
    __table_args__ = (
        UniqueConstraint("portfolio_id", "code"),
        CheckConstraint("weight >= 0", name="weight_non_negative"),
    )

    portfolio_id: Mapped[int] = mapped_column(ForeignKey("portfolios.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    # Prioritisation criteria other than the strategy's (value, risk, cost, urgency) are rows
    # here too; for risk and cost a higher score counts against the project.
    kind: Mapped[CriterionKind] = mapped_column(
        str_enum(CriterionKind, "criterion_kind"), default=CriterionKind.OBJECTIVE
    )
    higher_is_better: Mapped[bool] = mapped_column(Boolean, default=True)


class Programme(Entity):
    """A group of related projects steered together towards shared benefits."""

    __tablename__ = "programmes"
    __table_args__ = (UniqueConstraint("portfolio_id", "code"),)

    portfolio_id: Mapped[int] = mapped_column(
        ForeignKey("portfolios.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    sponsor: Mapped[str] = mapped_column(String(200), default="")
    manager: Mapped[str] = mapped_column(String(200), default="")


class Project(Entity):
    """A project of the portfolio, inside a programme or standalone."""

    __tablename__ = "projects"
    __table_args__ = (
        UniqueConstraint("portfolio_id", "code"),
        CheckConstraint("budget >= 0", name="budget_non_negative"),
        CheckConstraint(
            "finish_date IS NULL OR start_date IS NULL OR finish_date >= start_date",
            name="dates_ordered",
        ),
        CheckConstraint("percent_complete BETWEEN 0 AND 100", name="percent_complete_range"),
        Index("ix_projects_portfolio_programme", "portfolio_id", "programme_id"),
    )

    portfolio_id: Mapped[int] = mapped_column(ForeignKey("portfolios.id", ondelete="CASCADE"))
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("programmes.id", ondelete="SET NULL")
    )
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    sponsor: Mapped[str] = mapped_column(String(200), default="")
    manager: Mapped[str] = mapped_column(String(200), default="")
    method: Mapped[Method] = mapped_column(str_enum(Method, "method"), default=Method.WATERFALL)
    phase: Mapped[str] = mapped_column(String(80), default="")
    status: Mapped[ProjectStatus] = mapped_column(
        str_enum(ProjectStatus, "project_status"), default=ProjectStatus.ACTIVE
    )
    start_date: Mapped[date | None] = mapped_column(Date)
    finish_date: Mapped[date | None] = mapped_column(Date)
    status_date: Mapped[date | None] = mapped_column(Date)
    calendar_id: Mapped[int | None] = mapped_column(ForeignKey("calendars.id", ondelete="SET NULL"))
    budget: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    currency: Mapped[str] = mapped_column(String(CURRENCY_LENGTH), default=DEFAULT_CURRENCY)
    percent_complete: Mapped[float] = mapped_column(Float, default=0.0)
    priority: Mapped[int] = mapped_column(default=500)


class ProjectObjectiveScore(Entity):
    """How strongly a project contributes to one strategic objective (0–5)."""

    __tablename__ = "project_objective_scores"
    __table_args__ = (
        UniqueConstraint("project_id", "objective_id"),
        CheckConstraint("score BETWEEN 0 AND 5", name="score_range"),
    )

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    objective_id: Mapped[int] = mapped_column(
        ForeignKey("strategic_objectives.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[int] = mapped_column(default=0)
