"""The chart's date axis: datetime ↔ x, zoom levels and the two tiers of the time scale.

Zoom is a continuous scale (pixels per day); the tiers follow from it, as in Microsoft
Project: week/day, month/week, quarter/month, year/quarter.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

MIN_PIXELS_PER_DAY = 0.15
MAX_PIXELS_PER_DAY = 120.0


class Unit(enum.Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


@dataclass(frozen=True)
class ZoomLevel:
    """A named pair of tiers and the scale that shows them best."""

    name: str
    top: Unit
    bottom: Unit
    pixels_per_day: float


ZOOM_LEVELS = (
    ZoomLevel(QT_TRANSLATE_NOOP("Timescale", "Weeks and days"), Unit.WEEK, Unit.DAY, 26.0),
    ZoomLevel(QT_TRANSLATE_NOOP("Timescale", "Months and weeks"), Unit.MONTH, Unit.WEEK, 6.0),
    ZoomLevel(QT_TRANSLATE_NOOP("Timescale", "Quarters and months"), Unit.QUARTER, Unit.MONTH, 1.6),
    ZoomLevel(QT_TRANSLATE_NOOP("Timescale", "Years and quarters"), Unit.YEAR, Unit.QUARTER, 0.5),
)


def level_for(pixels_per_day: float) -> ZoomLevel:
    """The tiers for a scale: the most detailed level whose bottom cells stay readable."""
    for level in ZOOM_LEVELS:
        if pixels_per_day >= level.pixels_per_day * 0.75:
            return level
    return ZOOM_LEVELS[-1]


def unit_start(day: date, unit: Unit) -> date:
    if unit is Unit.DAY:
        return day
    if unit is Unit.WEEK:
        return day - timedelta(days=day.weekday())
    if unit is Unit.MONTH:
        return day.replace(day=1)
    if unit is Unit.QUARTER:
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return date(day.year, 1, 1)


def next_unit(day: date, unit: Unit) -> date:
    """The start of the unit after the one starting at `day`."""
    if unit is Unit.DAY:
        return day + timedelta(days=1)
    if unit is Unit.WEEK:
        return day + timedelta(days=7)
    if unit is Unit.YEAR:
        return date(day.year + 1, 1, 1)
    months = 1 if unit is Unit.MONTH else 3
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def cells(first: date, last: date, unit: Unit) -> Iterator[tuple[date, date]]:
    """(start, end) of each unit overlapping [first, last]."""
    start = unit_start(first, unit)
    while start <= last:
        end = next_unit(start, unit)
        yield start, end
        start = end


def cell_label(start: date, unit: Unit, width: float, top: bool, locale: QLocale) -> str:
    """The text of one time-scale cell, shorter when the cell is narrow."""
    if unit is Unit.YEAR:
        return str(start.year)
    if unit is Unit.QUARTER:
        quarter = (start.month - 1) // 3 + 1
        if top or width > 70:
            return QCoreApplication.translate("Timescale", "Q{quarter} {year}").format(
                quarter=quarter, year=start.year
            )
        return QCoreApplication.translate("Timescale", "Q{quarter}").format(quarter=quarter)
    if unit is Unit.MONTH:
        if width > 90:
            return f"{locale.monthName(start.month)} {start.year}"
        if width > 28:
            short = locale.monthName(start.month, QLocale.FormatType.ShortFormat)
            return f"{short} {start.year % 100:02d}" if top and width > 50 else short
        return locale.monthName(start.month, QLocale.FormatType.NarrowFormat)
    if unit is Unit.WEEK:
        if top and width > 120:
            return QCoreApplication.translate("Timescale", "Week of {date}").format(
                date=locale.toString(start, locale.dateFormat(QLocale.FormatType.ShortFormat))
            )
        return str(start.day) if width < 52 else locale.toString(start, "d MMM")
    name = locale.dayName(start.isoweekday(), QLocale.FormatType.NarrowFormat)
    return name if width < 30 else f"{name} {start.day}"


@dataclass
class DateAxis:
    """Maps moments to x (before scrolling): x = days since `origin` × pixels per day."""

    origin: datetime
    pixels_per_day: float

    def x(self, moment: datetime | date) -> float:
        if type(moment) is date:
            moment = datetime(moment.year, moment.month, moment.day)
        delta = moment - self.origin  # type: ignore[operator]
        return (delta.days + delta.seconds / 86400.0) * self.pixels_per_day

    def moment(self, x: float) -> datetime:
        return self.origin + timedelta(days=x / self.pixels_per_day)

    def day(self, x: float) -> date:
        return self.moment(x).date()
