"""Plain data the scheduling engine reads and writes (no ORM, no Qt: DESIGN.md §2).

Times are naive datetimes in the project's local time; durations, work and lags are
integer minutes (working minutes unless said otherwise), as in Microsoft Project.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

#: Working intervals of one day: (start, end) in minutes from midnight, sorted, disjoint.
Intervals = tuple[tuple[int, int], ...]

LinkType = Literal["FS", "SS", "FF", "SF"]
LagUnit = Literal["working", "elapsed", "percent"]
Constraint = Literal["ASAP", "ALAP", "SNET", "SNLT", "FNET", "FNLT", "MSO", "MFO"]

STANDARD_DAY: Intervals = ((8 * 60, 12 * 60), (13 * 60, 17 * 60))
STANDARD_WEEK: tuple[Intervals, ...] = (STANDARD_DAY,) * 5 + ((), ())


@dataclass(frozen=True)
class CalendarSpec:
    """A working calendar: intervals per weekday (Monday first) and dated exceptions.

    An exception maps a date to that day's intervals; an empty tuple is a holiday.
    `minutes_per_day` etc. say how long a "day", "week" and "month" of duration are.
    """

    name: str = "Standard"
    week: tuple[Intervals, ...] = STANDARD_WEEK
    exceptions: Mapping[date, Intervals] = field(default_factory=dict)
    minutes_per_day: int = 480
    minutes_per_week: int = 2400
    days_per_month: int = 20


@dataclass(frozen=True)
class WorkSpan:
    """One work resource's share of a task, as Microsoft Project schedules a task with
    resources: `minutes` of working time (the assignment's work divided by its units;
    None: the task's duration) on `calendar`, the resource's calendar (a name in
    ScheduleInput.calendars; None: the task's own). With a task calendar too, the
    resource works when both calendars do, unless `alone` (the task's calendar is only
    its project's, as a database plan names it)."""

    calendar: str | None = None
    minutes: int | None = None
    alone: bool = False


@dataclass
class TaskSpec:
    """One task to schedule. A task with children (`parent` pointing at it) is a summary."""

    id: int
    name: str = ""
    duration: int = 0
    parent: int | None = None
    milestone: bool = False
    constraint: Constraint = "ASAP"
    constraint_date: datetime | None = None
    deadline: datetime | None = None
    calendar: str | None = None
    priority: int = 500
    percent_complete: float = 0.0
    actual_start: datetime | None = None
    actual_finish: datetime | None = None
    remaining: int | None = None
    project: int = 0
    #: Its work resources (a task that is not fixed-duration): it starts when the first of
    #: them can and finishes when the last is done; `duration` then scales partial work.
    spans: tuple[WorkSpan, ...] = ()
    #: Levelling delay (MS Project's Leveling Delay): working minutes on the task's calendar
    #: added to its start after its links, constraint and status date have placed it. Its
    #: successors follow; its late dates do not, so its total slack shrinks by as much.
    #: Ignored once the task has started, and on an MSO/MFO task (the fixed date wins).
    levelling_delay: int = 0


@dataclass(frozen=True)
class LinkSpec:
    """predecessor → successor; `lag` in minutes, or in % of the predecessor's duration."""

    predecessor: int
    successor: int
    type: LinkType = "FS"
    lag: int = 0
    lag_unit: LagUnit = "working"


def percent_lag(duration: int, percent: int) -> int:
    """A percent lag in working minutes: `percent` of the predecessor's `duration`, to the
    nearest minute, halves rounded up (later), in exact integer arithmetic. MPXJ keeps the
    seconds (10 % of 25 min = 2 min 30 s); rounding its instant to the minute gives the
    same start. Python's round() would round halves to even (2.5 → 2, 3.5 → 4)."""
    return (duration * percent + 50) // 100


@dataclass(frozen=True)
class AssignmentSpec:
    """`units` of `resource` on `task` while the task runs (1.0 = full time), for levelling."""

    task: int
    resource: int
    units: float = 1.0


@dataclass
class ScheduleInput:
    """A project (or a portfolio of them, tasks tagged by `project`) to schedule."""

    start: datetime
    tasks: list[TaskSpec]
    links: list[LinkSpec]
    calendar: CalendarSpec = field(default_factory=CalendarSpec)
    calendars: Mapping[str, CalendarSpec] = field(default_factory=dict)
    status_date: datetime | None = None
    #: Start of each project of a portfolio plan (by TaskSpec.project); others use `start`.
    project_starts: Mapping[int, datetime] = field(default_factory=dict)
    #: Tasks whose total slack is at most this many minutes are critical.
    critical_slack: int = 0


@dataclass(slots=True)
class TaskResult:
    """Where the engine put a task, and how much it can move."""

    id: int
    start: datetime
    finish: datetime
    early_start: datetime
    early_finish: datetime
    late_start: datetime
    late_finish: datetime
    total_slack: int
    free_slack: int
    critical: bool
    #: The predecessor whose link sets this task's early start, if any ("why is it here?").
    driving_predecessor: int | None = None
    #: Working minutes levelling delays the task beyond what its links and constraints ask.
    levelling_delay: int = 0


@dataclass
class ScheduleResult:
    tasks: dict[int, TaskResult]
    finish: datetime
    #: Links or constraints the schedule could not honour, said in plain words.
    warnings: list[str] = field(default_factory=list)
