"""Working-time calendars: weekly working intervals plus dated exceptions."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from pmo_desktop.models.base import Entity

MINUTES_PER_DAY = 24 * 60


class Calendar(Entity):
    """A named calendar; resource and task calendars may derive from a base calendar."""

    __tablename__ = "calendars"
    __table_args__ = (
        CheckConstraint("minutes_per_day > 0", name="minutes_per_day_positive"),
        CheckConstraint("minutes_per_week > 0", name="minutes_per_week_positive"),
        CheckConstraint("days_per_month > 0", name="days_per_month_positive"),
    )

    name: Mapped[str] = mapped_column(String(200), unique=True)
    base_calendar_id: Mapped[int | None] = mapped_column(
        ForeignKey("calendars.id", ondelete="SET NULL")
    )
    # How long a "day", a "week" and a "month" of duration are (Microsoft Project options).
    minutes_per_day: Mapped[int] = mapped_column(Integer, default=480)
    minutes_per_week: Mapped[int] = mapped_column(Integer, default=2400)
    days_per_month: Mapped[int] = mapped_column(Integer, default=20)
    country: Mapped[str] = mapped_column(String(2), default="")


class CalendarWorkingTime(Entity):
    """One working interval of a weekday (0 = Monday), in minutes from midnight."""

    __tablename__ = "calendar_working_times"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        CheckConstraint(
            f"start_minute >= 0 AND end_minute <= {MINUTES_PER_DAY} AND start_minute < end_minute",
            name="interval_valid",
        ),
        Index("ix_calendar_working_times_calendar_weekday", "calendar_id", "weekday"),
    )

    calendar_id: Mapped[int] = mapped_column(ForeignKey("calendars.id", ondelete="CASCADE"))
    weekday: Mapped[int] = mapped_column(Integer)
    start_minute: Mapped[int] = mapped_column(Integer)
    end_minute: Mapped[int] = mapped_column(Integer)


class CalendarException(Entity):
    """A dated exception: a holiday (non-working) or a day range with special hours."""

    __tablename__ = "calendar_exceptions"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="dates_ordered"),
        Index("ix_calendar_exceptions_calendar_start", "calendar_id", "start_date"),
    )

    calendar_id: Mapped[int] = mapped_column(ForeignKey("calendars.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200), default="")
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    working: Mapped[bool] = mapped_column(Boolean, default=False)


class CalendarExceptionInterval(Entity):
    """A working interval of a working exception, in minutes from midnight."""

    __tablename__ = "calendar_exception_intervals"
    __table_args__ = (
        CheckConstraint(
            f"start_minute >= 0 AND end_minute <= {MINUTES_PER_DAY} AND start_minute < end_minute",
            name="interval_valid",
        ),
    )

    exception_id: Mapped[int] = mapped_column(
        ForeignKey("calendar_exceptions.id", ondelete="CASCADE"), index=True
    )
    start_minute: Mapped[int] = mapped_column(Integer)
    end_minute: Mapped[int] = mapped_column(Integer)
