"""Reschedule one project after an edit, and preview a drag before it is committed.

The portfolio reschedule (`services.scheduling`) loads every project: too slow for one edit
on the 50,000-task portfolio. Here only the edited project's tasks and links are loaded;
tasks of other projects linked to it enter the plan pinned (Must Start On) on their
stored start (a successor on its stored late start) with their current duration, so a
cross-project predecessor still holds its successor back and a cross-project successor
still bounds the late dates; those other projects are not rescheduled or written. Only
the rows whose dates changed are written, each with a new version.
"""

from __future__ import annotations

import gc
from collections import namedtuple
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Row, String, or_, select, type_coerce
from sqlalchemy.orm import Session

from pmo_desktop.errors import NotFoundError, ValidationError
from pmo_desktop.models import Assignment, Dependency, Portfolio, Project, Task
from pmo_desktop.scheduling.cpm import SchedulingError, schedule
from pmo_desktop.scheduling.incremental import Changes, IncrementalScheduler
from pmo_desktop.scheduling.model import (
    CalendarSpec,
    LinkSpec,
    ScheduleInput,
    ScheduleResult,
    TaskSpec,
)
from pmo_desktop.services import crud
from pmo_desktop.services.commands import record_version
from pmo_desktop.services.scheduling import PlanError, load_calendar
from pmo_desktop.services.summary_durations import summary_durations
from pmo_desktop.storage.database import Database

#: The schedule columns of a task, in TaskResult's names where they differ.
SCHEDULE_COLUMNS = {
    "start": "start",
    "finish": "finish",
    "early_start": "early_start",
    "early_finish": "early_finish",
    "late_start": "late_start",
    "late_finish": "late_finish",
    "total_slack_minutes": "total_slack",
    "free_slack_minutes": "free_slack",
    "critical": "critical",
}

Span = tuple[datetime, datetime]
DATE_COLUMNS = (
    "start", "finish", "early_start", "early_finish", "late_start", "late_finish",
    "constraint_date", "deadline", "actual_start", "actual_finish",
)  # fmt: skip


_TASK_COLUMNS = (
    "id", "parent_id", "name", "duration_minutes", "is_milestone", "constraint_type",
    "priority", "percent_complete", "remaining_minutes", "calendar_id", "version",
    "total_slack_minutes", "free_slack_minutes", "critical", "levelling_delay_minutes",
    *DATE_COLUMNS,
)  # fmt: skip
_TaskRow = namedtuple("_TaskRow", _TASK_COLUMNS)  # type: ignore[misc]


def _moment(value: str | datetime | None) -> datetime | None:
    """SQLite hands dates back as ISO text: `fromisoformat` reads them many times faster
    than SQLAlchemy's DateTime type; server drivers give datetimes already."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


def _task_rows(fetched: list[Row[Any]]) -> list[Any]:
    """The rows with their dates parsed, column by column."""
    if not fetched:
        return []
    columns = [list(column) for column in zip(*fetched, strict=True)]
    for index in range(len(_TASK_COLUMNS) - len(DATE_COLUMNS), len(_TASK_COLUMNS)):
        columns[index] = [_moment(value) for value in columns[index]]
    return [_TaskRow(*values) for values in zip(*columns, strict=True)]


@dataclass
class ProjectPlan:
    """One project's plan ready for the engine, with what is stored now."""

    project_id: int
    plan: ScheduleInput
    #: Stored schedule values and version of each of the project's own tasks.
    stored: dict[int, dict[str, object]]
    calendar: CalendarSpec
    external: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class ProjectReschedule:
    """What a project reschedule did: tasks scheduled, and the new span of those that moved."""

    tasks: int
    moved: dict[int, Span]
    finish: datetime | None
    warnings: list[str]


def load_project_plan(session: Session, project_id: int) -> ProjectPlan:
    """The project's tasks and links, plus linked tasks of other projects pinned in place."""
    # Thousands of small acyclic records: the cyclic collector would only rescan them.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_project_plan(session, project_id)
    finally:
        if collecting:
            gc.enable()


def _load_project_plan(session: Session, project_id: int) -> ProjectPlan:
    project = session.get(Project, project_id)
    if project is None:
        raise NotFoundError(f"Project {project_id} does not exist.")
    portfolio = session.get(Portfolio, project.portfolio_id)
    calendar_id = project.calendar_id
    if calendar_id is None and portfolio is not None:
        calendar_id = portfolio.calendar_id
    calendar = load_calendar(session, calendar_id)
    # Core rows, the enum as its plain string: the ORM's row and enum handling would double
    # the time of a 5,000-task load.
    table = Task.__table__
    c = table.c
    raw = [type_coerce(c[name], String).label(name) for name in DATE_COLUMNS]
    names = _TASK_COLUMNS[: -len(DATE_COLUMNS)]
    plain = [type_coerce(c[name], String) if name == "constraint_type" else c[name]
             for name in names]  # fmt: skip
    fetched = (
        session.connection()
        .execute(select(*plain, *raw).where(c.project_id == project_id).order_by(c.id))
        .all()
    )
    rows = _task_rows(list(fetched))
    calendars = {
        f"calendar-{task_calendar}": load_calendar(session, task_calendar)
        for task_calendar in {row.calendar_id for row in rows}
        if task_calendar is not None and task_calendar != calendar_id
    }
    tasks = [
        TaskSpec(
            id=row.id,
            name=row.name,
            duration=row.duration_minutes,
            parent=row.parent_id,
            milestone=row.is_milestone,
            constraint=row.constraint_type,
            constraint_date=row.constraint_date,
            deadline=row.deadline,
            calendar=(
                f"calendar-{row.calendar_id}"
                if row.calendar_id is not None and row.calendar_id != calendar_id
                else None
            ),
            priority=row.priority,
            percent_complete=row.percent_complete,
            actual_start=row.actual_start,
            actual_finish=row.actual_finish,
            remaining=row.remaining_minutes,
            project=project_id,
            levelling_delay=row.levelling_delay_minutes,
        )
        for row in rows
    ]
    stored = {
        row.id: {name: getattr(row, name) for name in SCHEDULE_COLUMNS}
        | {"version": row.version, "duration_minutes": row.duration_minutes}
        for row in rows
    }
    own = set(stored)
    own_ids = select(Task.id).where(Task.project_id == project_id).scalar_subquery()
    d = Dependency.__table__.c
    link_rows = session.connection().execute(
        select(d.predecessor_id, d.successor_id, type_coerce(d.type, String), d.lag,
               type_coerce(d.lag_unit, String))
        .where(or_(d.successor_id.in_(own_ids), d.predecessor_id.in_(own_ids)))
    ).all()  # fmt: skip
    links = [LinkSpec(*row) for row in link_rows]
    outside_predecessors = {link.predecessor for link in links if link.predecessor not in own}
    outside = outside_predecessors | {link.successor for link in links if link.successor not in own}
    starts = {
        project_id: _project_start(project.start_date, min(
            (row.start for row in rows if row.start is not None), default=None))
    }  # fmt: skip
    if outside:
        tasks += _pinned_tasks(session, outside, outside_predecessors)
        for task in tasks[len(rows) :]:
            day = datetime.combine(task.constraint_date.date(), time())  # type: ignore[union-attr]
            starts[task.project] = min(starts.get(task.project, day), day)
        pinned = {task.id for task in tasks[len(rows) :]}
        links = [link for link in links if link.predecessor in own | pinned
                 and link.successor in own | pinned]  # fmt: skip
    plan = ScheduleInput(
        start=min(starts.values()),
        tasks=tasks,
        links=links,
        calendar=calendar,
        calendars=calendars,
        project_starts=starts,
    )
    return ProjectPlan(project_id, plan, stored, calendar, outside)


def _pinned_tasks(session: Session, ids: set[int], predecessors: set[int]) -> list[TaskSpec]:
    """Tasks of other projects, fixed where they are stored (late dates for successors)."""
    found = []
    for row in session.execute(
        select(Task.id, Task.project_id, Task.name, Task.duration_minutes, Task.is_milestone,
               Task.start, Task.late_start)
        .where(Task.id.in_(ids))
        .order_by(Task.id)
    ):  # fmt: skip
        moment = row.start if row.id in predecessors else (row.late_start or row.start)
        if moment is None:
            continue
        found.append(
            TaskSpec(
                id=row.id,
                name=row.name,
                duration=row.duration_minutes,
                milestone=row.is_milestone,
                constraint="MSO",
                constraint_date=moment,
                project=-row.project_id,
            )
        )
    return found


def _project_start(start_date: date | None, first_task: datetime | None) -> datetime:
    if start_date is not None:
        return datetime.combine(start_date, time())
    if first_task is not None:
        return datetime.combine(first_task.date(), time())
    return datetime.combine(date.today(), time())


def schedule_project(project_plan: ProjectPlan) -> ScheduleResult:
    """The engine's schedule of the plan; a loop or a bad plan is a PlanError."""
    try:
        return schedule(project_plan.plan)
    except SchedulingError as exc:
        raise PlanError(str(exc)) from None


def store_changes(
    session: Session, database: Database, project_plan: ProjectPlan, result: ScheduleResult
) -> dict[int, Span]:
    """Write the dates of the project's tasks that changed; returns their new spans."""
    rows, summary_rows = [], []
    moved: dict[int, Span] = {}
    durations = summary_durations(project_plan.plan, result, project_plan.stored)
    for task_id, stored in project_plan.stored.items():
        outcome = result.tasks[task_id]
        values = {column: getattr(outcome, attribute)
                  for column, attribute in SCHEDULE_COLUMNS.items()}  # fmt: skip
        if task_id in durations:
            values["duration_minutes"] = durations[task_id]
        if all(stored[column] == value for column, value in values.items()):
            continue
        (summary_rows if task_id in durations else rows).append(
            {"id": task_id, "version": stored["version"]} | values
        )
        if (stored["start"], stored["finish"]) != (outcome.start, outcome.finish):
            moved[task_id] = (outcome.start, outcome.finish)
        record_version(database, Task, task_id, int(stored["version"]) + 1)  # type: ignore[call-overload]
    if not rows and not summary_rows:
        return moved
    now = datetime.now().astimezone()
    # Each row only at the version the plan was read at: a row another user committed
    # meanwhile (a server database) is a conflict, not an overwrite (issue 8 §2).
    crud.update_rows(session, Task, rows, also={"updated_at": now})
    crud.update_rows(session, Task, summary_rows, also={"updated_at": now})
    if moved:
        assignments = Assignment.__table__
        found = session.execute(
            select(assignments.c.id, assignments.c.version, assignments.c.task_id).where(
                assignments.c.task_id.in_(list(moved))
            )
        ).all()
        spans = [{"id": assignment_id, "version": version,
                  "start": moved[task_id][0], "finish": moved[task_id][1]}
                 for assignment_id, version, task_id in found]  # fmt: skip
        crud.update_rows(session, Assignment, spans, also={"updated_at": now})
        for assignment_id, version, _task_id in found:
            record_version(database, Assignment, assignment_id, version + 1)
    return moved


def reschedule_in(session: Session, database: Database, project_id: int) -> ProjectReschedule:
    """Reschedule the project inside the caller's write transaction."""
    project_plan = load_project_plan(session, project_id)
    result = schedule_project(project_plan)
    moved = store_changes(session, database, project_plan, result)
    own = project_plan.stored
    names = tuple(f"'{spec.name}'" for spec in project_plan.plan.tasks if spec.id in own)
    return ProjectReschedule(
        tasks=len(own),
        moved=moved,
        finish=max((result.tasks[task_id].finish for task_id in own), default=None),
        warnings=[warning for warning in result.warnings if warning.startswith(names)],
    )


def reschedule_project(database: Database, project_id: int) -> ProjectReschedule:
    """Schedule one project and store the dates that changed, in one transaction."""
    with database.write_session() as session:
        return reschedule_in(session, database, project_id)


class PreviewSession:
    """A drag in progress: the project's schedule kept in memory, updated per mouse move.

    Nothing is written; the caller commits the final position with a `task_edits` command.
    Each call returns every task of the project whose span differs from the one it had
    when the preview began (the drag so far, not only the last mouse move).
    """

    def __init__(self, database: Database, project_id: int) -> None:
        with database.session() as session:
            self.project_plan = load_project_plan(session, project_id)
        try:
            self.scheduler = IncrementalScheduler(self.project_plan.plan)
        except SchedulingError as exc:
            raise PlanError(str(exc)) from None
        results = self.scheduler.result.tasks
        self._original: dict[int, Span] = {
            task_id: (results[task_id].start, results[task_id].finish)
            for task_id in self.project_plan.stored
        }
        self._changed: dict[int, Span] = {}

    def original(self, task_id: int) -> Span:
        """The task's span when the preview began."""
        return self._original[task_id]

    def move(self, task_id: int, start: datetime) -> dict[int, Span]:
        """Start the task no earlier than `start` (SNET, as a bar drag does)."""
        self._check(task_id)
        return self._absorb(self.scheduler.set_constraint(task_id, "SNET", start))

    def set_duration(self, task_id: int, minutes: int) -> dict[int, Span]:
        """Give the task a new duration (working minutes), as an end drag does."""
        self._check(task_id)
        if minutes < 0:
            raise ValidationError("A duration cannot be negative.")
        return self._absorb(self.scheduler.set_duration(task_id, minutes))

    def set_link_lag(self, predecessor_id: int, successor_id: int, lag: int) -> dict[int, Span]:
        """Give the link predecessor → successor a lag of `lag` working minutes, as a lag
        drag does (the same schedule as removing the link and adding it at that lag)."""
        self._check(successor_id)
        for link in self.project_plan.plan.links:
            if link.predecessor == predecessor_id and link.successor == successor_id:
                break
        else:
            raise NotFoundError(f"There is no link from task {predecessor_id} to {successor_id}.")
        try:
            return self._absorb(self.scheduler.set_link_lag(link, lag))
        except SchedulingError as exc:
            raise PlanError(str(exc)) from None

    def _check(self, task_id: int) -> None:
        if task_id not in self._original:
            raise NotFoundError(f"Task {task_id} is not in this project.")
        node = self.scheduler.engine.index[task_id]
        if self.scheduler.engine.is_summary[node]:
            raise ValidationError("A summary task follows its subtasks: move those instead.")

    def _absorb(self, changed: Changes) -> dict[int, Span]:
        # Only the spans: the results (late dates, slack) are built when someone asks.
        original, spans = self._original, self._changed
        for task_id, span in changed.spans.items():
            if task_id not in original:
                continue
            if span == original[task_id]:
                spans.pop(task_id, None)
            else:
                spans[task_id] = span
        return dict(spans)
