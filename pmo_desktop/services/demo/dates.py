"""Working-day arithmetic on the demo calendar (Monday to Friday, 08:00 to 17:00, French holidays).

A schedule is placed on integer *points*: point ``p`` is the boundary before working day
``p``, so a task of ``d`` days starting at point ``s`` starts at 08:00 of day ``s`` and
finishes at 17:00 of day ``s + d - 1`` (point ``s + d``), and a milestone at point ``p``
sits at 17:00 of day ``p - 1``, as Microsoft Project places it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

import holidays

WORK_START = time(8, 0)
WORK_END = time(17, 0)
MINUTES_PER_DAY = 480
#: Working intervals of a weekday in minutes from midnight: 08:00-12:00 and 13:00-17:00.
WORKING_INTERVALS = ((480, 720), (780, 1020))
WORKING_WEEKDAYS = (0, 1, 2, 3, 4)


def french_holidays(years: Iterable[int]) -> dict[date, str]:
    """French public holidays of the given years, named in French, in date order."""
    found = holidays.France(years=sorted(set(years)), language="fr")
    return dict(sorted(found.items()))


def month_start(day: date) -> date:
    """The first day of the month of ``day``."""
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(day: date) -> date:
    """The last day of the month of ``day``."""
    return add_months(day, 1) - timedelta(days=1)


def months_between(first: date, last: date) -> list[date]:
    """First days of every month from the month of ``first`` to that of ``last``, inclusive."""
    months: list[date] = []
    current = month_start(first)
    while current <= last:
        months.append(current)
        current = add_months(current, 1)
    return months


class WorkingDays:
    """The working days of a horizon, indexed so that scheduling is integer arithmetic."""

    def __init__(self, first_year: int, last_year: int) -> None:
        self.holidays = french_holidays(range(first_year, last_year + 1))
        day = date(first_year, 1, 1)
        end = date(last_year, 12, 31)
        self.days: list[date] = []
        while day <= end:
            if day.weekday() in WORKING_WEEKDAYS and day not in self.holidays:
                self.days.append(day)
            day += timedelta(days=1)
        self.starts = [datetime.combine(d, WORK_START) for d in self.days]
        self.ends = [datetime.combine(d, WORK_END) for d in self.days]

    def holidays_between(self, first: date, last: date) -> list[tuple[date, str]]:
        """Holidays of whole years from ``first`` to ``last`` (the calendar's exceptions)."""
        return [(d, n) for d, n in self.holidays.items() if first.year <= d.year <= last.year]

    def start_of(self, point: int) -> datetime:
        """08:00 of working day ``point``: where a task starting at that point begins."""
        return self.starts[point]

    def end_before(self, point: int) -> datetime:
        """17:00 of the working day before ``point``: a finish, or a milestone's date."""
        return self.ends[point - 1]

    def day(self, point: int) -> date:
        """The date of working day ``point``."""
        return self.days[point]

    def point_on_or_after(self, day: date) -> int:
        """The first working day on or after ``day``."""
        return bisect.bisect_left(self.days, day)

    def points_through(self, day: date) -> int:
        """How many working days fall on or before ``day`` (the point after ``day``)."""
        return bisect.bisect_right(self.days, day)

    def first_start_not_before(self, moment: datetime) -> int:
        """The first point whose 08:00 start is at or after ``moment``."""
        return bisect.bisect_left(self.starts, moment)

    def first_finish_not_before(self, moment: datetime) -> int:
        """The first point whose finish (17:00 of the day before) is at or after ``moment``."""
        return bisect.bisect_left(self.ends, moment) + 1

    def task_dates(self, start: int, days: int) -> tuple[datetime, datetime]:
        """Start and finish datetimes of a task of ``days`` working days (0: a milestone)."""
        if days == 0:
            moment = self.ends[start - 1]
            return moment, moment
        return self.starts[start], self.ends[start + days - 1]

    def elapsed_after(self, moment: datetime, minutes: int) -> datetime:
        """``moment`` moved by elapsed (calendar) minutes; negative means earlier."""
        return moment + timedelta(minutes=minutes)
