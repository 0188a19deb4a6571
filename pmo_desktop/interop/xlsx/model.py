"""What a PMO Desktop workbook holds, as plain data, and the columns of its sheets.

One workbook holds one project (a `Project` sheet of key/value rows) or a portfolio (a
`Projects` sheet, and a `Project` column on the task and assignment sheets). Durations and
lags are minutes here; the sheets show days, hours and percentages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from pmo_desktop.errors import InteropError
from pmo_desktop.scheduling.model import Constraint, Intervals, LinkSpec

#: Workbooks larger than this are refused before they are opened.
MAX_FILE_BYTES = 50 * 1024 * 1024
#: Most bytes all the entries of the zip may expand to, and the largest ratio one may have.
MAX_UNCOMPRESSED_BYTES = 500 * 1024 * 1024
MAX_RATIO = 100

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CONSTRAINT_NAMES: dict[Constraint, str] = {
    "ASAP": "As Soon As Possible",
    "ALAP": "As Late As Possible",
    "SNET": "Start No Earlier Than",
    "SNLT": "Start No Later Than",
    "FNET": "Finish No Earlier Than",
    "FNLT": "Finish No Later Than",
    "MSO": "Must Start On",
    "MFO": "Must Finish On",
}
RESOURCE_KINDS = ("Person", "Role", "Material")

PROJECT_KEYS = (
    "Code", "Name", "Manager", "Sponsor", "Start", "Finish", "Status date", "Currency",
    "Calendar", "Hours per day", "Hours per week", "Days per month", "UID",
)  # fmt: skip
PROJECTS_COLUMNS = PROJECT_KEYS
TASK_COLUMNS = (
    "ID", "WBS", "Outline level", "Name", "Duration (days)", "Start", "Finish",
    "% complete", "Constraint type", "Constraint date", "Deadline", "Priority", "Milestone",
    "Predecessors", "Actual start", "Actual finish",
)  # fmt: skip
#: Written for reading; an import ignores them (the plan is rescheduled).
COMPUTED_COLUMNS = (
    "Early start", "Early finish", "Late start", "Late finish", "Total slack (days)",
    "Free slack (days)", "Critical",
)  # fmt: skip
#: The last column of the Tasks sheet (and the last property or column of the project):
#: the stored row's UUID. A re-import updates the rows it names; empty = a new task.
UID_COLUMN = "UID"
RESOURCE_COLUMNS = (
    "Code", "Name", "Kind", "Role", "Department", "Max units (%)", "Cost rate (per hour)",
)  # fmt: skip
#: The resource pool's further columns (services.interchange.log_sheets): not read here.
RESOURCE_POOL_COLUMNS = (
    "Overtime rate (per hour)", "Cost per use", "Currency", "Email", "Active", "ID",
)  # fmt: skip
ASSIGNMENT_COLUMNS = (
    "Task ID", "Task", "Resource", "Units (%)", "Work (hours)", "Actual work (hours)",
)  # fmt: skip
CALENDAR_COLUMNS = ("Calendar", "Day", "From", "To", "Working hours", "Name")
PROJECT_COLUMN = "Project"


class WorkbookError(InteropError):
    """A workbook that cannot be imported; `problems` lists each one (sheet!cell: what)."""

    def __init__(self, source: str, problems: list[str], limit: int = 20) -> None:
        self.problems = list(problems)
        shown = "; ".join(problems[:limit])
        more = f"; … and {len(problems) - limit} more" if len(problems) > limit else ""
        count = f"{len(problems)} problem" + ("s" if len(problems) > 1 else "")
        super().__init__(f"{source}: {count}, nothing imported: {shown}{more}.")


@dataclass
class SheetProject:
    """A project's properties; `finish` is computed (written, not read back)."""

    code: str
    name: str
    manager: str = ""
    sponsor: str = ""
    start: datetime | None = None
    finish: datetime | None = None
    status_date: datetime | None = None
    currency: str = ""
    calendar: str = ""
    minutes_per_day: int = 480
    minutes_per_week: int = 2400
    days_per_month: int = 20
    #: The stored project's UUID ("" for a project new to the database).
    uid: str = ""


@dataclass
class ComputedDates:
    """The engine's results, exported for reading (slack in working minutes)."""

    early_start: datetime | None = None
    early_finish: datetime | None = None
    late_start: datetime | None = None
    late_finish: datetime | None = None
    total_slack: int | None = None
    free_slack: int | None = None
    critical: bool | None = None


@dataclass(frozen=True)
class Predecessor:
    """One entry of a Predecessors cell: a task ID (of `project`, '' = the same one) and a link."""

    task_id: int
    type: str = "FS"
    lag: int = 0
    lag_unit: str = "working"
    project: str = ""


@dataclass
class SheetTask:
    """A row of the Tasks sheet; `parent` is the ID of its summary, from the outline levels."""

    project: str
    id: int
    name: str
    outline_level: int = 1
    wbs: str = ""
    duration: int = 0
    start: datetime | None = None
    finish: datetime | None = None
    percent_complete: float = 0.0
    constraint: Constraint = "ASAP"
    constraint_date: datetime | None = None
    deadline: datetime | None = None
    priority: int = 500
    milestone: bool = False
    predecessors: list[Predecessor] = field(default_factory=list)
    actual_start: datetime | None = None
    actual_finish: datetime | None = None
    parent: int | None = None
    computed: ComputedDates = field(default_factory=ComputedDates)
    #: The sheet row it was read from (0 when built in memory), for messages.
    row: int = 0
    #: The stored task's UUID ("" for a row to add).
    uid: str = ""


@dataclass
class SheetResource:
    code: str
    name: str
    kind: str = "Person"
    role: str = ""
    department: str = ""
    max_units: float = 1.0
    cost_rate: float = 0.0


@dataclass
class SheetAssignment:
    """A resource (by name) on a task (by project and ID); units 1.0 = 100 %, work in minutes."""

    project: str
    task_id: int
    resource: str
    units: float = 1.0
    work: int = 0
    actual_work: int = 0
    task_name: str = ""
    row: int = 0


@dataclass
class SheetCalendar:
    """A named calendar: working intervals per weekday (Monday first) and dated exceptions."""

    name: str
    week: list[Intervals] = field(default_factory=lambda: [()] * 7)
    exceptions: list[tuple[date, date, Intervals, str]] = field(default_factory=list)


@dataclass
class Workbook:
    """Everything a workbook holds. `portfolio` is True for a Projects-sheet workbook."""

    projects: list[SheetProject]
    tasks: list[SheetTask]
    resources: list[SheetResource] = field(default_factory=list)
    assignments: list[SheetAssignment] = field(default_factory=list)
    calendars: list[SheetCalendar] = field(default_factory=list)
    portfolio: bool = False
    #: What the workbook held that is not imported (extra columns, computed values).
    report: list[str] = field(default_factory=list)

    def links(self) -> list[tuple[str, SheetTask, Predecessor]]:
        """Every link as (successor's project, successor, predecessor entry)."""
        return [(task.project, task, pred) for task in self.tasks for pred in task.predecessors]


def link_of(predecessor: int, successor: int, entry: Predecessor) -> LinkSpec:
    """The engine's link for a Predecessors entry between two resolved task ids."""
    return LinkSpec(predecessor, successor, entry.type, entry.lag, entry.lag_unit)  # type: ignore[arg-type]
