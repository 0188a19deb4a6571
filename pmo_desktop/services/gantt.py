"""The Gantt view's read model: one project's tasks in WBS order with everything the chart draws.

`gantt_data` reads a project in one short session with a handful of indexed queries (tasks,
links, assignments, one baseline, the calendar) and returns frozen plain snapshots: the view
never holds ORM objects. Dates, slack and the critical flag are the ones the scheduling
engine stored at the last reschedule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmo_desktop.errors import NotFoundError
from pmo_desktop.models import (
    Assignment,
    Baseline,
    BaselineTask,
    ConstraintType,
    Dependency,
    LagUnit,
    LinkType,
    Portfolio,
    Project,
    Resource,
    Task,
)
from pmo_desktop.scheduling.calendar import WorkingCalendar
from pmo_desktop.scheduling.model import CalendarSpec, Intervals
from pmo_desktop.services.scheduling import load_calendar
from pmo_desktop.storage.database import Database


@dataclass(frozen=True, slots=True)
class GanttTask:
    """One task row: `number` is its ID (1-based position in WBS order, as Microsoft Project).

    The stored fields come first, in the order `_TASK_COLUMNS` reads them.
    """

    id: int
    version: int
    parent_id: int | None
    wbs: str
    outline_level: int
    name: str
    notes: str
    is_summary: bool
    is_milestone: bool
    duration_minutes: int
    start: datetime | None
    finish: datetime | None
    early_start: datetime | None
    early_finish: datetime | None
    late_start: datetime | None
    late_finish: datetime | None
    total_slack_minutes: int | None
    free_slack_minutes: int | None
    critical: bool
    constraint_type: ConstraintType
    constraint_date: datetime | None
    deadline: datetime | None
    percent_complete: float
    number: int
    has_notes: bool
    baseline_start: datetime | None
    baseline_finish: datetime | None
    #: Finish minus baseline finish, in working minutes (None without a baseline).
    finish_variance_minutes: int | None
    predecessors: str
    resources: tuple[str, ...]


_TASK_COLUMNS = (
    Task.id, Task.version, Task.parent_id, Task.wbs, Task.outline_level, Task.name, Task.notes,
    Task.is_summary, Task.is_milestone, Task.duration_minutes, Task.start, Task.finish,
    Task.early_start, Task.early_finish, Task.late_start, Task.late_finish,
    Task.total_slack_minutes, Task.free_slack_minutes, Task.critical, Task.constraint_type,
    Task.constraint_date, Task.deadline, Task.percent_complete,
)  # fmt: skip


@dataclass(frozen=True)
class GanttLink:
    id: int
    predecessor_id: int
    successor_id: int
    type: LinkType
    lag: int
    lag_unit: LagUnit


@dataclass(frozen=True)
class GanttData:
    """Everything the Gantt view shows of one project."""

    project_id: int
    code: str
    name: str
    tasks: tuple[GanttTask, ...]
    links: tuple[GanttLink, ...]
    calendar: CalendarSpec
    #: Progress is recorded up to this day (the project's status date, else the as-of date).
    status_date: date | None
    as_of: date | None
    #: The baseline shown beside the plan, and the numbers that hold one.
    baseline_number: int
    baselines: tuple[int, ...]
    start: datetime | None
    finish: datetime | None

    @property
    def minutes_per_day(self) -> int:
        return self.calendar.minutes_per_day

    def non_working(self, day: date) -> bool:
        """Whether `day` has no working time in the project calendar."""
        intervals: Intervals | None = self.calendar.exceptions.get(day)
        if intervals is None:
            intervals = self.calendar.week[day.weekday()]
        return not intervals


_PARENT, _NOTES, _START, _FINISH = 2, 6, 10, 11


def gantt_data(
    database: Database, project_id: int, baseline_number: int = 0, as_of: date | None = None
) -> GanttData:
    """Read one project for the Gantt view (see the module docstring)."""
    with database.session() as session:
        project = session.get(Project, project_id)
        if project is None:
            raise NotFoundError(f"Project {project_id} does not exist.")
        portfolio = session.get(Portfolio, project.portfolio_id)
        calendar_id = project.calendar_id
        if calendar_id is None and portfolio is not None:
            calendar_id = portfolio.calendar_id
        calendar = load_calendar(session, calendar_id)
        connection = session.connection()
        rows = [
            tuple(row)
            for row in connection.execute(
                select(*_TASK_COLUMNS, Task.position).where(Task.project_id == project_id)
            )
        ]
        links = [
            GanttLink(*row)
            for row in connection.execute(
                select(Dependency.id, Dependency.predecessor_id, Dependency.successor_id,
                       Dependency.type, Dependency.lag, Dependency.lag_unit)
                .join(Task, Task.id == Dependency.successor_id)
                .where(Task.project_id == project_id)
                .order_by(Dependency.id)
            )
        ]  # fmt: skip
        resources: dict[int, list[str]] = {}
        for task_id, name in connection.execute(
            select(Assignment.task_id, Resource.name)
            .join(Resource, Resource.id == Assignment.resource_id)
            .join(Task, Task.id == Assignment.task_id)
            .where(Task.project_id == project_id)
            .order_by(Assignment.task_id, Resource.name)
        ):
            resources.setdefault(task_id, []).append(name)
        baselines = tuple(
            session.scalars(
                select(Baseline.number)
                .where(Baseline.project_id == project_id)
                .order_by(Baseline.number)
            )
        )
        baseline_dates = _baseline_dates(session, project_id, baseline_number)
        status_date = project.status_date or (portfolio.as_of_date if portfolio else None)
        code, name = project.code, project.name

    ordered = _wbs_order(rows)
    numbers = {row[0]: position + 1 for position, row in enumerate(ordered)}
    predecessors = _predecessor_texts(links, numbers, calendar.minutes_per_day)
    starts = [row[_START] for row in ordered if row[_START] is not None]
    finishes = [row[_FINISH] for row in ordered if row[_FINISH] is not None]
    first = min(starts, default=None)
    offset = WorkingCalendar(calendar, (first or datetime.now()).date()).offset
    tasks = []
    no_baseline = (None, None)
    for number, row in enumerate(ordered, 1):
        task_id = row[0]
        finish = row[_FINISH]
        baseline_start, baseline_finish = baseline_dates.get(task_id, no_baseline)
        variance = (
            offset(finish) - offset(baseline_finish)
            if finish is not None and baseline_finish is not None
            else None
        )
        tasks.append(
            GanttTask(
                *row[:-1],
                number,
                bool(row[_NOTES].strip()),
                baseline_start,
                baseline_finish,
                variance,
                predecessors.get(task_id, ""),
                tuple(resources.get(task_id, ())),
            )
        )
    return GanttData(
        project_id=project_id,
        code=code,
        name=name,
        tasks=tuple(tasks),
        links=tuple(link for link in links if link.predecessor_id in numbers),
        calendar=calendar,
        status_date=status_date,
        as_of=as_of,
        baseline_number=baseline_number,
        baselines=baselines,
        start=first,
        finish=max(finishes, default=None),
    )


def _baseline_dates(
    session: Session, project_id: int, number: int
) -> dict[int, tuple[datetime | None, datetime | None]]:
    return {
        row.task_id: (row.start, row.finish)
        for row in session.connection().execute(
            select(BaselineTask.task_id, BaselineTask.start, BaselineTask.finish)
            .join(Baseline, Baseline.id == BaselineTask.baseline_id)
            .where(Baseline.project_id == project_id, Baseline.number == number)
        )
    }


def _wbs_order(rows: list[tuple]) -> list[tuple]:
    """Depth-first by (position, id) under each parent; orphans (parent outside) go at the top."""
    ids = {row[0] for row in rows}
    children: dict[int | None, list[tuple]] = {}
    for row in rows:
        parent = row[_PARENT] if row[_PARENT] in ids else None
        children.setdefault(parent, []).append(row)
    for siblings in children.values():
        siblings.sort(key=lambda row: (row[-1], row[0]))
    ordered: list[tuple] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        row = stack.pop()
        ordered.append(row)
        stack.extend(reversed(children.get(row[0], ())))
    return ordered


def _predecessor_texts(
    links: list[GanttLink], numbers: Mapping[int, int], minutes_per_day: int
) -> dict[int, str]:
    """Microsoft Project's predecessor notation per successor: `3;5SS+2d;7FF-1ed;9FS+50%`."""
    texts: dict[int, list[tuple[int, str]]] = {}
    for link in links:
        number = numbers.get(link.predecessor_id)
        if number is None:
            continue
        texts.setdefault(link.successor_id, []).append(
            (number, f"{number}{link_suffix(link.type, link.lag, link.lag_unit, minutes_per_day)}")
        )
    return {task: ";".join(text for _, text in sorted(parts)) for task, parts in texts.items()}


def link_suffix(kind: LinkType, lag: int, unit: LagUnit, minutes_per_day: int) -> str:
    """The type and lag after a predecessor's ID: "" for a plain FS, "SS+2d", "FS-1ed", "FF+50%"."""
    if lag == 0:
        return "" if kind is LinkType.FS else kind.value
    if unit is LagUnit.PERCENT:
        amount = f"{lag}%"
    else:
        days = lag / (minutes_per_day if unit is LagUnit.WORKING else 24 * 60)
        amount = f"{days:g}{'d' if unit is LagUnit.WORKING else 'ed'}"
    return f"{kind.value}{'+' if lag > 0 else ''}{amount}"
