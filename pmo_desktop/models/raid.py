"""RAID logs (risks, assumptions, issues, decisions), change requests and lessons learned.

Every log entry belongs to a portfolio and, optionally, to one project: portfolio- and
programme-level entries have no project.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from pmo_desktop.models.base import Entity, str_enum
from pmo_desktop.models.enums import (
    ActionStatus,
    AssumptionStatus,
    ChangeStatus,
    DecisionStatus,
    IssueStatus,
    Priority,
    RiskLevel,
    RiskResponse,
    RiskStatus,
)

_SCALE = "BETWEEN 1 AND 5"


class LogEntry(Entity):
    """Columns shared by every RAID-style log."""

    __abstract__ = True

    @declared_attr
    def portfolio_id(cls) -> Mapped[int]:  # noqa: N805 - SQLAlchemy API
        return mapped_column(ForeignKey("portfolios.id", ondelete="CASCADE"), sort_order=-5)

    @declared_attr
    def project_id(cls) -> Mapped[int | None]:  # noqa: N805 - SQLAlchemy API
        return mapped_column(
            ForeignKey("projects.id", ondelete="CASCADE"), index=True, sort_order=-5
        )

    code: Mapped[str] = mapped_column(String(40), sort_order=-4)
    title: Mapped[str] = mapped_column(String(300), sort_order=-4)
    description: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(String(200), default="")
    raised_on: Mapped[date | None] = mapped_column(Date)


class Risk(LogEntry):
    """A threat or opportunity, rated probability × impact on a 1–5 scale."""

    __tablename__ = "risks"
    __table_args__ = (
        UniqueConstraint("portfolio_id", "code"),
        CheckConstraint(f"probability {_SCALE}", name="probability_range"),
        CheckConstraint(f"impact_schedule {_SCALE}", name="impact_schedule_range"),
        CheckConstraint(f"impact_cost {_SCALE}", name="impact_cost_range"),
        CheckConstraint(f"impact_scope {_SCALE}", name="impact_scope_range"),
        CheckConstraint(f"impact_quality {_SCALE}", name="impact_quality_range"),
        CheckConstraint("score BETWEEN 1 AND 25", name="score_range"),
        CheckConstraint(
            "residual_probability IS NULL OR residual_probability BETWEEN 1 AND 5",
            name="residual_probability_range",
        ),
        CheckConstraint(
            "residual_impact IS NULL OR residual_impact BETWEEN 1 AND 5",
            name="residual_impact_range",
        ),
        CheckConstraint(
            "residual_score IS NULL OR residual_score BETWEEN 1 AND 25",
            name="residual_score_range",
        ),
        Index("ix_risks_portfolio_status_score", "portfolio_id", "status", "score"),
    )

    category: Mapped[str] = mapped_column(String(80), default="")
    cause: Mapped[str] = mapped_column(Text, default="")
    effect: Mapped[str] = mapped_column(Text, default="")
    opportunity: Mapped[bool] = mapped_column(Boolean, default=False)
    probability: Mapped[int] = mapped_column(Integer, default=3)
    impact_schedule: Mapped[int] = mapped_column(Integer, default=1)
    impact_cost: Mapped[int] = mapped_column(Integer, default=1)
    impact_scope: Mapped[int] = mapped_column(Integer, default=1)
    impact_quality: Mapped[int] = mapped_column(Integer, default=1)
    # probability × the worst impact; kept by services.risks.rate() and checked in the DB.
    score: Mapped[int] = mapped_column(Integer, default=3)
    proximity: Mapped[date | None] = mapped_column(Date)
    response: Mapped[RiskResponse] = mapped_column(
        str_enum(RiskResponse, "risk_response"), default=RiskResponse.REDUCE
    )
    response_plan: Mapped[str] = mapped_column(Text, default="")
    residual_probability: Mapped[int | None] = mapped_column(Integer)
    residual_impact: Mapped[int | None] = mapped_column(Integer)
    residual_score: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[RiskStatus] = mapped_column(
        str_enum(RiskStatus, "risk_status"), default=RiskStatus.OPEN
    )
    review_date: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    # Escalation: a project risk raised to its programme or to the portfolio keeps its
    # project (where it comes from); `level` says who owns it now.
    level: Mapped[RiskLevel] = mapped_column(
        str_enum(RiskLevel, "risk_level"), default=RiskLevel.PROJECT
    )
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("programmes.id", ondelete="SET NULL")
    )
    escalated_on: Mapped[date | None] = mapped_column(Date)
    escalation_note: Mapped[str] = mapped_column(Text, default="")

    @property
    def impact(self) -> int:
        """The worst of the four impact ratings."""
        return max(self.impact_schedule, self.impact_cost, self.impact_scope, self.impact_quality)


class RiskAction(Entity):
    """A mitigation action of a risk, with owner and due date."""

    __tablename__ = "risk_actions"

    risk_id: Mapped[int] = mapped_column(ForeignKey("risks.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200), default="")
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[ActionStatus] = mapped_column(
        str_enum(ActionStatus, "action_status"), default=ActionStatus.OPEN
    )


class RiskTaskLink(Entity):
    """A task a risk threatens (or would help, for an opportunity)."""

    __tablename__ = "risk_task_links"
    __table_args__ = (UniqueConstraint("risk_id", "task_id"),)

    risk_id: Mapped[int] = mapped_column(ForeignKey("risks.id", ondelete="CASCADE"))
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)


class RiskAssessment(Entity):
    """A risk's rating as it stood on a day: the history behind score trends.

    One row per risk and day (a later edit the same day replaces it).
    """

    __tablename__ = "risk_assessments"
    __table_args__ = (
        UniqueConstraint("risk_id", "assessed_on"),
        CheckConstraint(f"probability {_SCALE}", name="probability_range"),
        CheckConstraint(f"impact {_SCALE}", name="impact_range"),
        CheckConstraint("score BETWEEN 1 AND 25", name="score_range"),
    )

    risk_id: Mapped[int] = mapped_column(ForeignKey("risks.id", ondelete="CASCADE"))
    assessed_on: Mapped[date] = mapped_column(Date)
    probability: Mapped[int] = mapped_column(Integer)
    impact: Mapped[int] = mapped_column(Integer)
    score: Mapped[int] = mapped_column(Integer)
    residual_score: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[RiskStatus] = mapped_column(str_enum(RiskStatus, "risk_status"))
    assessed_by: Mapped[str] = mapped_column(String(200), default="")


class Issue(LogEntry):
    """Something that has happened and needs managing (the I of RAID)."""

    __tablename__ = "issues"
    __table_args__ = (UniqueConstraint("portfolio_id", "code"),)

    priority: Mapped[Priority] = mapped_column(
        str_enum(Priority, "priority"), default=Priority.MEDIUM
    )
    status: Mapped[IssueStatus] = mapped_column(
        str_enum(IssueStatus, "issue_status"), default=IssueStatus.OPEN
    )
    due_date: Mapped[date | None] = mapped_column(Date)
    escalated: Mapped[bool] = mapped_column(Boolean, default=False)
    resolution: Mapped[str] = mapped_column(Text, default="")
    resolved_on: Mapped[date | None] = mapped_column(Date)


class Assumption(LogEntry):
    """A planning assumption to validate before it turns into a risk or an issue."""

    __tablename__ = "assumptions"
    __table_args__ = (UniqueConstraint("portfolio_id", "code"),)

    status: Mapped[AssumptionStatus] = mapped_column(
        str_enum(AssumptionStatus, "assumption_status"), default=AssumptionStatus.OPEN
    )
    review_date: Mapped[date | None] = mapped_column(Date)


class Decision(LogEntry):
    """A decision taken, or needed from the steering committee."""

    __tablename__ = "decisions"
    __table_args__ = (UniqueConstraint("portfolio_id", "code"),)

    status: Mapped[DecisionStatus] = mapped_column(
        str_enum(DecisionStatus, "decision_status"), default=DecisionStatus.PENDING
    )
    needed_by: Mapped[date | None] = mapped_column(Date)
    decided_on: Mapped[date | None] = mapped_column(Date)
    decided_by: Mapped[str] = mapped_column(String(200), default="")
    options: Mapped[str] = mapped_column(Text, default="")
    rationale: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")


class ChangeRequest(LogEntry):
    """A request to change scope, schedule or budget, with its assessed impact."""

    __tablename__ = "change_requests"
    __table_args__ = (UniqueConstraint("portfolio_id", "code"),)

    status: Mapped[ChangeStatus] = mapped_column(
        str_enum(ChangeStatus, "change_status"), default=ChangeStatus.SUBMITTED
    )
    requested_by: Mapped[str] = mapped_column(String(200), default="")
    impact_schedule_days: Mapped[int] = mapped_column(Integer, default=0)
    impact_cost: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    impact_scope: Mapped[str] = mapped_column(Text, default="")
    decided_on: Mapped[date | None] = mapped_column(Date)
    decided_by: Mapped[str] = mapped_column(String(200), default="")


class Lesson(LogEntry):
    """A lesson learned, tagged so that later projects can find it."""

    __tablename__ = "lessons"
    __table_args__ = (UniqueConstraint("portfolio_id", "code"),)

    category: Mapped[str] = mapped_column(String(80), default="")
    phase: Mapped[str] = mapped_column(String(80), default="")
    method: Mapped[str] = mapped_column(String(20), default="")
    tags: Mapped[str] = mapped_column(String(300), default="")
    recommendation: Mapped[str] = mapped_column(Text, default="")
