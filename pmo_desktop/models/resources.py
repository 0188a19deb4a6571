"""Resources (people, roles, materials) and their assignments to tasks."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from pmo_desktop.models.base import CURRENCY_LENGTH, DEFAULT_CURRENCY, Entity, str_enum
from pmo_desktop.models.enums import ResourceKind


class Resource(Entity):
    """A person, a generic role or a material, shared by every project of the portfolio."""

    __tablename__ = "resources"
    __table_args__ = (
        UniqueConstraint("portfolio_id", "code"),
        CheckConstraint("max_units >= 0", name="max_units_non_negative"),
        CheckConstraint("cost_rate >= 0", name="cost_rate_non_negative"),
        Index("ix_resources_portfolio_role", "portfolio_id", "role"),
    )

    portfolio_id: Mapped[int] = mapped_column(ForeignKey("portfolios.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[ResourceKind] = mapped_column(
        str_enum(ResourceKind, "resource_kind"), default=ResourceKind.PERSON
    )
    role: Mapped[str] = mapped_column(String(120), default="")
    department: Mapped[str] = mapped_column(String(120), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    # 1.0 = one full-time equivalent (Microsoft Project's 100 %).
    max_units: Mapped[float] = mapped_column(Float, default=1.0)
    # Cost per working hour, and a fixed cost per use.
    cost_rate: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    overtime_rate: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    cost_per_use: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    currency: Mapped[str] = mapped_column(String(CURRENCY_LENGTH), default=DEFAULT_CURRENCY)
    calendar_id: Mapped[int | None] = mapped_column(ForeignKey("calendars.id", ondelete="SET NULL"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ResourceRate(Entity):
    """A resource's cost rates from a date on (Microsoft Project's cost rate table A).

    The rate in force on a day is the row with the latest `effective_from` on or before it;
    before the first row, the resource's own rates apply.
    """

    __tablename__ = "resource_rates"
    __table_args__ = (
        UniqueConstraint("resource_id", "effective_from"),
        CheckConstraint("cost_rate >= 0", name="cost_rate_non_negative"),
        CheckConstraint("overtime_rate >= 0", name="overtime_rate_non_negative"),
        CheckConstraint("cost_per_use >= 0", name="cost_per_use_non_negative"),
    )

    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"))
    effective_from: Mapped[date] = mapped_column(Date)
    cost_rate: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    overtime_rate: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    cost_per_use: Mapped[Decimal] = mapped_column(default=Decimal("0"))


class Assignment(Entity):
    """A resource working on a task at some units; start/finish are kept for loading queries."""

    __tablename__ = "assignments"
    __table_args__ = (
        UniqueConstraint("task_id", "resource_id"),
        CheckConstraint("units >= 0", name="units_non_negative"),
        CheckConstraint("work_minutes >= 0", name="work_non_negative"),
        CheckConstraint("actual_work_minutes >= 0", name="actual_work_non_negative"),
        # Resource loading: a resource's assignments that overlap a date window.
        Index("ix_assignments_resource_start_finish", "resource_id", "start", "finish"),
    )

    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"))
    units: Mapped[float] = mapped_column(Float, default=1.0)
    work_minutes: Mapped[int] = mapped_column(Integer, default=0)
    actual_work_minutes: Mapped[int] = mapped_column(Integer, default=0)
    start: Mapped[datetime | None] = mapped_column(DateTime)
    finish: Mapped[datetime | None] = mapped_column(DateTime)
    cost: Mapped[Decimal] = mapped_column(default=Decimal("0"))
