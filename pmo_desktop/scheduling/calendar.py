"""Working-time arithmetic on an integer timeline of working minutes (DESIGN.md §4).

The CPM engine schedules in working minutes counted from midnight at the start of an
origin date; `WorkingCalendar` converts between those offsets and datetimes in O(1) or
O(log days), keeping Microsoft Project's conventions: a task starts at the start of
working time and finishes at its end.
"""

from __future__ import annotations

import operator
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from itertools import accumulate

from pmo_desktop.scheduling.model import CalendarSpec, Intervals

MINUTES_PER_DAY = 24 * 60
#: How long the calendar searches for working time before deciding there is none.
MAX_GAP_DAYS = 3653
_MIN_GROWTH_DAYS = 366
_FIRST_ORDINAL = date.min.toordinal() + 1
_LAST_ORDINAL = date.max.toordinal() - 1


@dataclass(frozen=True, slots=True)
class _DayPattern:
    """Lookup tables for one day's intervals, shared by every day with the same hours."""

    minutes: int
    #: worked_before[m]: working minutes in [00:00, m) for m in 0..1440.
    worked_before: list[int]
    #: start_delta[r]: time from midnight to the start of the day's r-th working minute.
    start_delta: list[timedelta]
    #: finish_delta[r]: time from midnight to the end of the r-th (1-based) working minute.
    finish_delta: list[timedelta]


def _midnights(first_ordinal: int, count: int) -> list[datetime]:
    midnight = datetime.combine(date.fromordinal(first_ordinal), time())
    one_day = timedelta(days=1)
    midnights = []
    for _ in range(count):
        midnights.append(midnight)
        midnight += one_day
    return midnights


def _validate(name: str, intervals: Intervals, where: str) -> None:
    previous_end = 0
    for interval in intervals:
        try:
            start, end = interval
        except (TypeError, ValueError):
            raise ValueError(
                f"Calendar {name!r}, {where}: {interval!r} is not a (start, end) pair"
            ) from None
        if not (previous_end <= start < end <= MINUTES_PER_DAY):
            raise ValueError(
                f"Calendar {name!r}, {where}: intervals {intervals!r} must be sorted, disjoint "
                f"and within 0..{MINUTES_PER_DAY} minutes"
            )
        previous_end = end


def _build_pattern(intervals: Intervals) -> _DayPattern:
    working = bytearray(MINUTES_PER_DAY)
    for start, end in intervals:
        working[start:end] = b"\x01" * (end - start)
    worked_before = [0] * (MINUTES_PER_DAY + 1)
    start_delta: list[timedelta] = []
    finish_delta = [timedelta(0)]
    total = 0
    for minute in range(MINUTES_PER_DAY):
        if working[minute]:
            total += 1
            start_delta.append(timedelta(minutes=minute))
            finish_delta.append(timedelta(minutes=minute + 1))
        worked_before[minute + 1] = total
    return _DayPattern(total, worked_before, start_delta, finish_delta)


@lru_cache(maxsize=256)
def _shared_pattern(intervals: Intervals) -> _DayPattern:
    """The tables of a day's hours, built once per process: every schedule makes its
    calendars anew, and their tables are only read."""
    return _build_pattern(intervals)


class WorkingCalendar:
    """Converts datetimes to working-minute offsets from `origin` midnight, and back.

    Days are added lazily in both directions and cached (per-day tables plus a cumulative
    sum searched with `bisect`). Sub-minute parts of moments are ignored. Not thread-safe,
    since any call may grow the caches: give each worker thread its own instance.
    """

    def __init__(self, spec: CalendarSpec, origin: date) -> None:
        if len(spec.week) != 7:
            raise ValueError(f"Calendar {spec.name!r}: the week needs 7 days, not {len(spec.week)}")
        for weekday, intervals in enumerate(spec.week):
            _validate(spec.name, intervals, f"weekday {weekday}")
        for day, intervals in spec.exceptions.items():
            _validate(spec.name, intervals, f"exception on {day.isoformat()}")
        self.spec = spec
        self.origin = (
            origin if type(origin) is date else date(origin.year, origin.month, origin.day)
        )
        self._patterns: dict[Intervals, _DayPattern] = {}
        self._week = [self._pattern(tuple(intervals)) for intervals in spec.week]
        self._exceptions = {
            day.toordinal(): self._pattern(tuple(intervals))
            for day, intervals in spec.exceptions.items()
        }
        origin_ordinal = self.origin.toordinal()
        self._first_ordinal = origin_ordinal
        self._size = 0
        #: _cum[k]: offset at midnight starting day k of the window (k = 0..size).
        self._cum = [0]
        self._worked: list[list[int]] = []
        self._start: list[list[timedelta]] = []
        self._finish: list[list[timedelta]] = []
        self._midnight: list[datetime] = []
        self._first_work = origin_ordinal
        self._last_work = origin_ordinal
        self._extend_to(origin_ordinal - 7, origin_ordinal + _MIN_GROWTH_DAYS)

    def offset(self, moment: datetime) -> int:
        """Working minutes from origin midnight to `moment`; non-working time counts as the
        end of the working time before it (12:30 at lunch = 12:00, Saturday = Friday 17:00)."""
        index = moment.toordinal() - self._first_ordinal
        if not 0 <= index < self._size:
            self._cover_ordinal(moment.toordinal())
            index = moment.toordinal() - self._first_ordinal
        return self._cum[index] + self._worked[index][moment.hour * 60 + moment.minute]

    def start_at(self, offset: int) -> datetime:
        """When a task starting at `offset` starts: at an interval boundary, the start of the
        next working interval (Friday 17:00 → Monday 08:00)."""
        cum = self._cum
        if not cum[0] <= offset < cum[-1]:
            self._cover_offset(offset, offset + 1)
            cum = self._cum
        index = bisect_right(cum, offset) - 1
        return self._midnight[index] + self._start[index][offset - cum[index]]

    def finish_at(self, offset: int) -> datetime:
        """When a task finishing at `offset` finishes: at an interval boundary, the end of the
        previous working interval (Monday 08:00 → Friday 17:00)."""
        cum = self._cum
        if not cum[0] < offset <= cum[-1]:
            self._cover_offset(offset - 1, offset)
            cum = self._cum
        index = bisect_left(cum, offset) - 1
        return self._midnight[index] + self._finish[index][offset - cum[index]]

    def add(self, moment: datetime, minutes: int, *, as_finish: bool) -> datetime:
        """`moment` moved by `minutes` of working time (negative = earlier), read as a finish
        (end of working time) or as a start (start of working time)."""
        target = self.offset(moment) + minutes
        return self.finish_at(target) if as_finish else self.start_at(target)

    def working_minutes(self, start: datetime, end: datetime) -> int:
        """Working minutes between two moments; negative when `end` is before `start`."""
        return self.offset(end) - self.offset(start)

    def is_working_day(self, day: date) -> bool:
        """True when `day` has any working time, exceptions included."""
        return bool(self.day_intervals(day))

    def next_start(self, moment: datetime) -> datetime:
        """`moment` if a task can start there, else the start of the next working time."""
        if moment.second or moment.microsecond:
            moment = moment.replace(second=0, microsecond=0) + timedelta(minutes=1)
        return self.start_at(self.offset(moment))

    def previous_finish(self, moment: datetime) -> datetime:
        """`moment` if a task can finish there, else the end of the previous working time
        (a moment at the start of an interval goes back to the end of the one before)."""
        return self.finish_at(self.offset(moment))

    def day_intervals(self, day: date) -> Intervals:
        """The working intervals of `day`: its exception if it has one, else its weekday's."""
        if type(day) is not date:
            day = date(day.year, day.month, day.day)
        intervals = self.spec.exceptions.get(day)
        return tuple(self.spec.week[day.weekday()] if intervals is None else intervals)

    def _pattern(self, intervals: Intervals) -> _DayPattern:
        pattern = self._patterns.get(intervals)
        if pattern is None:
            pattern = self._patterns[intervals] = _shared_pattern(intervals)
        return pattern

    def _day_patterns(self, first_ordinal: int, end_ordinal: int) -> list[_DayPattern]:
        week, exceptions = self._week, self._exceptions
        patterns = [week[(ordinal + 6) % 7] for ordinal in range(first_ordinal, end_ordinal)]
        for ordinal, pattern in exceptions.items():
            if first_ordinal <= ordinal < end_ordinal:
                patterns[ordinal - first_ordinal] = pattern
        return patterns

    def _extend_to(self, first_ordinal: int, end_ordinal: int) -> None:
        """Grow the cached window to cover days [first_ordinal, end_ordinal)."""
        first_ordinal = max(first_ordinal, _FIRST_ORDINAL)
        end_ordinal = min(end_ordinal, _LAST_ORDINAL)
        window_end = self._first_ordinal + self._size
        if end_ordinal > window_end:
            patterns = self._day_patterns(window_end, end_ordinal)
            minutes = [pattern.minutes for pattern in patterns]
            self._cum.extend(accumulate(minutes, initial=self._cum[-1]))
            del self._cum[-len(minutes) - 1]
            self._worked.extend([pattern.worked_before for pattern in patterns])
            self._start.extend([pattern.start_delta for pattern in patterns])
            self._finish.extend([pattern.finish_delta for pattern in patterns])
            self._midnight.extend(_midnights(window_end, len(patterns)))
            self._size += len(patterns)
            worked_days = [index for index, count in enumerate(minutes) if count]
            if worked_days:
                self._last_work = window_end + worked_days[-1]
        if first_ordinal < self._first_ordinal:
            patterns = self._day_patterns(first_ordinal, self._first_ordinal)
            minutes = [pattern.minutes for pattern in patterns]
            before = list(accumulate(reversed(minutes), operator.sub, initial=self._cum[0]))
            self._cum = before[:0:-1] + self._cum
            self._worked = [pattern.worked_before for pattern in patterns] + self._worked
            self._start = [pattern.start_delta for pattern in patterns] + self._start
            self._finish = [pattern.finish_delta for pattern in patterns] + self._finish
            self._midnight = _midnights(first_ordinal, len(patterns)) + self._midnight
            self._first_ordinal = first_ordinal
            self._size += len(patterns)
            worked_days = [index for index, count in enumerate(minutes) if count]
            if worked_days:
                self._first_work = first_ordinal + worked_days[0]

    def _growth(self) -> int:
        return max(_MIN_GROWTH_DAYS, self._size // 2)

    def _cover_ordinal(self, ordinal: int) -> None:
        if not _FIRST_ORDINAL <= ordinal < _LAST_ORDINAL:
            raise ValueError(f"Calendar {self.spec.name!r}: day {ordinal} is outside years 1-9999")
        growth = self._growth()
        self._extend_to(
            min(ordinal, self._first_ordinal - growth),
            max(ordinal + 1, self._first_ordinal + self._size + growth),
        )

    def _cover_offset(self, low: int, high: int) -> None:
        """Grow the window until cum[0] <= low and high <= cum[-1], or fail when there is no
        working time within MAX_GAP_DAYS or the offset lies beyond the year 9999."""
        while high > self._cum[-1]:
            window_end = self._first_ordinal + self._size
            if window_end - self._last_work > MAX_GAP_DAYS:
                raise ValueError(self._no_work_message("after", self._last_work))
            if window_end >= _LAST_ORDINAL:
                raise ValueError(self._out_of_range_message(high))
            self._extend_to(self._first_ordinal, window_end + self._growth())
        while low < self._cum[0]:
            if self._first_work - self._first_ordinal > MAX_GAP_DAYS:
                raise ValueError(self._no_work_message("before", self._first_work))
            if self._first_ordinal <= _FIRST_ORDINAL:
                raise ValueError(self._out_of_range_message(low))
            self._extend_to(self._first_ordinal - self._growth(), self._first_ordinal)

    def _no_work_message(self, direction: str, ordinal: int) -> str:
        return (
            f"Calendar {self.spec.name!r} has no working time within {MAX_GAP_DAYS // 365} "
            f"years {direction} {date.fromordinal(ordinal).isoformat()}"
        )

    def _out_of_range_message(self, offset: int) -> str:
        return (
            f"Calendar {self.spec.name!r}: working-minute offset {offset} from "
            f"{self.origin.isoformat()} falls outside the years 1 to 9999"
        )


def _common_intervals(first: Intervals, second: Intervals) -> Intervals:
    common = []
    for start, end in first:
        for other_start, other_end in second:
            low, high = max(start, other_start), min(end, other_end)
            if low < high:
                common.append((low, high))
    return tuple(sorted(common))


def common_working_time(first: CalendarSpec, second: CalendarSpec) -> CalendarSpec:
    """The working time two calendars share (a task's calendar and its resource's: Microsoft
    Project schedules the assignment when both work); units of duration are `first`'s."""
    week = tuple(
        _common_intervals(mine, theirs)
        for mine, theirs in zip(first.week, second.week, strict=True)
    )
    exceptions = {}
    for day in first.exceptions.keys() | second.exceptions.keys():
        weekday = day.weekday()
        mine = first.exceptions.get(day, first.week[weekday])
        theirs = second.exceptions.get(day, second.week[weekday])
        exceptions[day] = _common_intervals(tuple(mine), tuple(theirs))
    return CalendarSpec(
        name=f"{first.name} & {second.name}",
        week=week,
        exceptions=exceptions,
        minutes_per_day=first.minutes_per_day,
        minutes_per_week=first.minutes_per_week,
        days_per_month=first.days_per_month,
    )
