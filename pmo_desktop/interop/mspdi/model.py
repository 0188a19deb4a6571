"""What an MSPDI (Microsoft Project XML) file holds, as plain data, and its code tables.

Scheduling inputs reuse `pmo_desktop.scheduling.model` (TaskSpec, LinkSpec, CalendarSpec);
the rest (outline numbers, saved dates, formats, resources, baselines) is kept beside them
so a file can be written back without losing what was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from pmo_desktop.scheduling.model import (
    CalendarSpec,
    Constraint,
    Intervals,
    LagUnit,
    LinkSpec,
    LinkType,
    TaskSpec,
)

NAMESPACE = "http://schemas.microsoft.com/project"

#: Files larger than this are refused before parsing (a plan of 50,000 tasks is ~150 MB).
MAX_FILE_BYTES = 200 * 1024 * 1024


#: PredecessorLink/Type codes.
LINK_TYPES: dict[int, LinkType] = {0: "FF", 1: "FS", 2: "SF", 3: "SS"}
LINK_CODES: dict[LinkType, int] = {name: code for code, name in LINK_TYPES.items()}

#: Task ConstraintType codes.
CONSTRAINTS: dict[int, Constraint] = {
    0: "ASAP",
    1: "ALAP",
    2: "MSO",
    3: "MFO",
    4: "SNET",
    5: "SNLT",
    6: "FNET",
    7: "FNLT",
}
CONSTRAINT_CODES: dict[Constraint, int] = {name: code for code, name in CONSTRAINTS.items()}

#: Task Type codes.
TASK_TYPES: dict[int, str] = {0: "fixed units", 1: "fixed duration", 2: "fixed work"}
FIXED_DURATION = 1

#: DurationFormat/LagFormat codes: 3..12 = m, em, h, eh, d, ed, w, ew, mo, emo; 19 = %,
#: 20 = e%; +32 (35..44, 51, 52) = the same units shown as estimated ("2d?"); 21/53: none.
WORKING_FORMATS = frozenset({3, 5, 7, 9, 11, 35, 37, 39, 41, 43})
ELAPSED_FORMATS = frozenset({4, 6, 8, 10, 12, 36, 38, 40, 42, 44})
PERCENT_FORMATS = frozenset({19, 51})
ELAPSED_PERCENT_FORMATS = frozenset({20, 52})
NULL_FORMATS = frozenset({21, 53})
KNOWN_FORMATS = (
    WORKING_FORMATS | ELAPSED_FORMATS | PERCENT_FORMATS | ELAPSED_PERCENT_FORMATS | NULL_FORMATS
)
#: The LagFormat written for a lag unit when the file did not give one (days, edays, %).
DEFAULT_LAG_FORMAT: dict[LagUnit, int] = {"working": 7, "elapsed": 8, "percent": 19}


@dataclass(frozen=True)
class ReportEntry:
    """Something read from the file that PMO Desktop could not map (or mapped approximately)."""

    element: str
    uid: int | None
    message: str

    def __str__(self) -> str:
        where = self.element if self.uid is None else f"{self.element} UID {self.uid}"
        return f"{where}: {self.message}"


@dataclass
class ProjectProperties:
    """The project header: name, dates, units of duration and currency."""

    name: str = ""
    title: str = ""
    start: datetime | None = None
    finish: datetime | None = None
    status_date: datetime | None = None
    minutes_per_day: int = 480
    minutes_per_week: int = 2400
    days_per_month: int = 20
    currency_code: str = ""
    currency_symbol: str = ""
    calendar_uid: int | None = None
    schedule_from_start: bool = True


@dataclass
class MspdiCalendar:
    """A calendar as the file defines it, plus the same resolved against its base.

    `week` holds only the weekdays this calendar sets itself (Monday = 0): a derived
    (resource) calendar inherits the others from `base_uid`. `spec` is the resolved one.
    """

    uid: int
    name: str
    base_uid: int | None = None
    is_base: bool = True
    week: dict[int, Intervals] = field(default_factory=dict)
    exceptions: dict[date, Intervals] = field(default_factory=dict)
    spec: CalendarSpec = field(default_factory=CalendarSpec)


@dataclass
class SavedDates:
    """A task's dates and slack as Microsoft Project saved them (slack in minutes)."""

    start: datetime | None = None
    finish: datetime | None = None
    early_start: datetime | None = None
    early_finish: datetime | None = None
    late_start: datetime | None = None
    late_finish: datetime | None = None
    total_slack: int | None = None
    free_slack: int | None = None
    critical: bool | None = None


@dataclass
class Baseline:
    """One saved baseline of a task (Number 0 is "Baseline", 1..10 "Baseline1".."10")."""

    number: int
    start: datetime | None = None
    finish: datetime | None = None
    duration: int | None = None
    work: int | None = None
    cost: Decimal | None = None


@dataclass
class MspdiTask:
    """A task: the scheduling input (`spec`, id = UID) and what surrounds it in the file."""

    spec: TaskSpec
    outline_level: int = 1
    outline_number: str = ""
    wbs: str = ""
    summary: bool = False
    manual: bool = False
    duration_format: int | None = None
    calendar_uid: int | None = None
    saved: SavedDates = field(default_factory=SavedDates)
    baselines: list[Baseline] = field(default_factory=list)
    #: A LevelingDelay given in elapsed time (minutes): `to_schedule_input` converts it to
    #: the working minutes of `spec.levelling_delay` at the task's start.
    elapsed_levelling_delay: int | None = None
    #: Task Type as the file gives it (TASK_TYPES), written back as read. A fixed-duration
    #: task is scheduled on its own calendar, not its resources' (as MPXJ's scheduler
    #: does); fixed units and fixed work schedule alike (no effort-driven recalculation).
    task_type: int | None = None
    #: IgnoreResourceCalendar as the file gives it: with a task calendar, the task is
    #: scheduled on that calendar alone (Microsoft Project's "Scheduling ignores resource
    #: calendars"); without one it has no effect, as in Microsoft Project.
    ignore_resource_calendar: bool | None = None

    @property
    def uid(self) -> int:
        return self.spec.id


@dataclass
class MspdiLink:
    """A link and the unit Microsoft Project displays its lag in (LagFormat)."""

    spec: LinkSpec
    lag_format: int | None = None


@dataclass
class MspdiResource:
    """A resource: Type 0 material, 1 work, 2 cost; rate per hour in the file's currency."""

    uid: int
    name: str = ""
    type: int = 1
    max_units: float = 1.0
    standard_rate: Decimal = Decimal(0)
    calendar_uid: int | None = None


@dataclass
class MspdiAssignment:
    """A resource on a task: units (1.0 = 100 %), work and actual work in minutes."""

    uid: int
    task_uid: int
    resource_uid: int
    units: float = 1.0
    work: int = 0
    actual_work: int = 0


@dataclass
class MspdiImport:
    """Everything read from one MSPDI file; `report` lists what could not be mapped."""

    properties: ProjectProperties
    calendars: dict[int, MspdiCalendar]
    tasks: list[MspdiTask]
    links: list[MspdiLink]
    resources: list[MspdiResource]
    assignments: list[MspdiAssignment]
    report: list[ReportEntry] = field(default_factory=list)

    def task(self, uid: int) -> MspdiTask:
        """The task with this UID (KeyError if none)."""
        for task in self.tasks:
            if task.uid == uid:
                return task
        raise KeyError(uid)
