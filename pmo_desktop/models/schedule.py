"""The schedule of a project: WBS tasks, dependencies and baselines."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from pmo_desktop.models.base import Entity, str_enum
from pmo_desktop.models.enums import ConstraintType, LagUnit, LinkType

MAX_BASELINES = 11  # Baseline and Baseline1..10, as in Microsoft Project


class Task(Entity):
    """A WBS element: summary task, work task or milestone. Durations are working minutes."""

    __tablename__ = "tasks"
    __table_args__ = (
        CheckConstraint("duration_minutes >= 0", name="duration_non_negative"),
        CheckConstraint("work_minutes >= 0", name="work_non_negative"),
        CheckConstraint("percent_complete BETWEEN 0 AND 100", name="percent_complete_range"),
        CheckConstraint("priority BETWEEN 0 AND 1000", name="priority_range"),
        CheckConstraint("levelling_delay_minutes >= 0", name="levelling_delay_non_negative"),
        CheckConstraint("finish IS NULL OR start IS NULL OR finish >= start", name="dates_ordered"),
        CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),
        # The Gantt and the task tree read a project's tasks in WBS order.
        Index("ix_tasks_project_parent_position", "project_id", "parent_id", "position"),
        Index("ix_tasks_project_start", "project_id", "start"),
        # Deleting a task finds its children (ON DELETE CASCADE) through this index.
        Index("ix_tasks_parent_id", "parent_id"),
    )

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    wbs: Mapped[str] = mapped_column(String(60), default="")
    outline_level: Mapped[int] = mapped_column(Integer, default=1)
    name: Mapped[str] = mapped_column(String(300))
    notes: Mapped[str] = mapped_column(Text, default="")
    is_summary: Mapped[bool] = mapped_column(Boolean, default=False)
    is_milestone: Mapped[bool] = mapped_column(Boolean, default=False)
    duration_minutes: Mapped[int] = mapped_column(Integer, default=0)
    work_minutes: Mapped[int] = mapped_column(Integer, default=0)
    start: Mapped[datetime | None] = mapped_column(DateTime)
    finish: Mapped[datetime | None] = mapped_column(DateTime)
    early_start: Mapped[datetime | None] = mapped_column(DateTime)
    early_finish: Mapped[datetime | None] = mapped_column(DateTime)
    late_start: Mapped[datetime | None] = mapped_column(DateTime)
    late_finish: Mapped[datetime | None] = mapped_column(DateTime)
    total_slack_minutes: Mapped[int | None] = mapped_column(Integer)
    free_slack_minutes: Mapped[int | None] = mapped_column(Integer)
    critical: Mapped[bool] = mapped_column(Boolean, default=False)
    constraint_type: Mapped[ConstraintType] = mapped_column(
        str_enum(ConstraintType, "constraint_type"), default=ConstraintType.ASAP
    )
    constraint_date: Mapped[datetime | None] = mapped_column(DateTime)
    deadline: Mapped[datetime | None] = mapped_column(DateTime)
    priority: Mapped[int] = mapped_column(Integer, default=500)
    percent_complete: Mapped[float] = mapped_column(Float, default=0.0)
    actual_start: Mapped[datetime | None] = mapped_column(DateTime)
    actual_finish: Mapped[datetime | None] = mapped_column(DateTime)
    remaining_minutes: Mapped[int | None] = mapped_column(Integer)
    # Working minutes resource levelling delays the task beyond its links and constraints
    # (Microsoft Project's Leveling Delay); the scheduler keeps it until levelling is cleared.
    levelling_delay_minutes: Mapped[int] = mapped_column(Integer, default=0)
    calendar_id: Mapped[int | None] = mapped_column(ForeignKey("calendars.id", ondelete="SET NULL"))
    fixed_cost: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    cost: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    actual_cost: Mapped[Decimal] = mapped_column(default=Decimal("0"))


class Dependency(Entity):
    """A link between two tasks, possibly in different projects of the portfolio."""

    __tablename__ = "dependencies"
    __table_args__ = (
        UniqueConstraint("predecessor_id", "successor_id"),
        CheckConstraint("predecessor_id <> successor_id", name="not_self_link"),
    )

    predecessor_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    successor_id: Mapped[int] = mapped_column(
        ForeignKey("tasks.id", ondelete="CASCADE"), index=True
    )
    type: Mapped[LinkType] = mapped_column(str_enum(LinkType, "link_type"), default=LinkType.FS)
    # Minutes for working/elapsed lags, a percentage of the predecessor's duration for PERCENT;
    # negative means lead.
    lag: Mapped[int] = mapped_column(Integer, default=0)
    lag_unit: Mapped[LagUnit] = mapped_column(
        str_enum(LagUnit, "lag_unit"), default=LagUnit.WORKING
    )


class Baseline(Entity):
    """A named snapshot of a project's plan (numbers 0..10, as Microsoft Project's)."""

    __tablename__ = "baselines"
    __table_args__ = (
        UniqueConstraint("project_id", "number"),
        CheckConstraint(f"number BETWEEN 0 AND {MAX_BASELINES - 1}", name="number_range"),
    )

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200), default="")
    taken_at: Mapped[datetime | None] = mapped_column(DateTime)
    approved: Mapped[bool] = mapped_column(Boolean, default=False)


class BaselineTask(Entity):
    """One task's dates, duration, work and cost in a baseline."""

    __tablename__ = "baseline_tasks"
    __table_args__ = (
        UniqueConstraint("baseline_id", "task_id"),
        CheckConstraint("duration_minutes >= 0", name="duration_non_negative"),
    )

    baseline_id: Mapped[int] = mapped_column(ForeignKey("baselines.id", ondelete="CASCADE"))
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    start: Mapped[datetime | None] = mapped_column(DateTime)
    finish: Mapped[datetime | None] = mapped_column(DateTime)
    duration_minutes: Mapped[int] = mapped_column(Integer, default=0)
    work_minutes: Mapped[int] = mapped_column(Integer, default=0)
    cost: Mapped[Decimal] = mapped_column(default=Decimal("0"))
