"""Undoable edits of a project's tasks and links; each one reschedules the project.

Every function checks the user's input (ValidationError naming what is wrong, nothing
written) and returns a `TaskEdit`; calling its `apply(database)` writes the change and the
project's new dates in one transaction, `revert` undoes both, `moved` lists the tasks whose
dates changed. Commands built with the same `merge_key` merge into one undo step (a drag).
Task IDs in the predecessor notation are row numbers in the project, as Microsoft Project's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmo_desktop.errors import NotFoundError, ValidationError
from pmo_desktop.models import (
    Assignment,
    Calendar,
    ConstraintType,
    Dependency,
    LagUnit,
    LinkType,
    Portfolio,
    Project,
    Resource,
    Task,
)
from pmo_desktop.services.predecessors import (
    PredecessorEntry,
    WorkingTime,
    format_predecessors,
    parse_predecessors,
)
from pmo_desktop.services.task_commands import (
    RowInsert,
    RowUpdate,
    Step,
    TaskEdit,
    current_outline,
    load_task,
    rows_delete,
)
from pmo_desktop.services.task_outline import (
    delete_tasks,
    indent,
    insert_task,
    move_rows,
    outdent,
    paste_tasks,
)
from pmo_desktop.storage.database import Database

__all__ = [
    "TASK_FIELDS",
    "TaskDetails",
    "TaskEdit",
    "create_link",
    "delete_link",
    "delete_tasks",
    "edit_link",
    "edit_task",
    "indent",
    "insert_task",
    "move_rows",
    "move_task",
    "outdent",
    "paste_tasks",
    "predecessors_text",
    "project_rows",
    "set_duration",
    "set_link_lag",
    "set_predecessors_text",
    "set_progress",
    "set_task_fields",
    "task_details",
    "working_time",
]

#: The task fields `set_task_fields` edits.
TASK_FIELDS = (
    "name", "notes", "is_milestone", "constraint_type", "constraint_date", "deadline",
    "calendar_id", "priority",
)  # fmt: skip
DATED_CONSTRAINTS = {ConstraintType.SNET, ConstraintType.SNLT, ConstraintType.FNET,
                     ConstraintType.FNLT, ConstraintType.MSO, ConstraintType.MFO}  # fmt: skip
MAX_NAME = 300


@dataclass(frozen=True)
class ProjectRow:
    """A row of the task sheet: its ID (row number), task id, outline level and name."""

    row: int
    task_id: int
    level: int
    name: str


def _rows(session: Session, project_id: int) -> list[ProjectRow]:
    outline = current_outline(session, project_id)
    names = dict(
        session.execute(select(Task.id, Task.name).where(Task.project_id == project_id)).all()
    )
    return [ProjectRow(number, task_id, level, names[task_id])
            for number, (task_id, level) in enumerate(outline, start=1)]  # fmt: skip


def project_rows(database: Database, project_id: int) -> list[ProjectRow]:
    """The project's tasks in row order with their IDs, as the task sheet shows them."""
    with database.session() as session:
        return _rows(session, project_id)


def _working_time(session: Session, project_id: int) -> WorkingTime:
    project = session.get(Project, project_id)
    if project is None:
        raise NotFoundError(f"Project {project_id} does not exist.")
    calendar_id = project.calendar_id
    if calendar_id is None:
        portfolio = session.get(Portfolio, project.portfolio_id)
        calendar_id = portfolio.calendar_id if portfolio is not None else None
    calendar = session.get(Calendar, calendar_id) if calendar_id is not None else None
    if calendar is None:
        return WorkingTime()
    return WorkingTime(calendar.minutes_per_day, calendar.minutes_per_week, calendar.days_per_month)


def _has_children(session: Session, task_id: int) -> bool:
    return session.scalar(select(Task.id).where(Task.parent_id == task_id).limit(1)) is not None


def working_time(database: Database, project_id: int) -> WorkingTime:
    """The length of a day, week and month of work in the project's calendar."""
    with database.session() as session:
        return _working_time(session, project_id)


# -- one task's fields ----------------------------------------------------------------------


def _field_step(session: Session, task: Task, changes: Mapping[str, Any]) -> RowUpdate | None:
    """A validated update of some task columns; None when nothing changes."""
    cleaned = dict(changes)
    if "name" in cleaned:
        cleaned["name"] = str(cleaned["name"]).strip()
        if not cleaned["name"]:
            raise ValidationError("A task needs a name.")
        if len(cleaned["name"]) > MAX_NAME:
            raise ValidationError(f"A task name has at most {MAX_NAME} characters.")
    if "duration_minutes" in cleaned:
        if cleaned["duration_minutes"] < 0:
            raise ValidationError("A duration cannot be negative.")
        if _has_children(session, task.id):
            raise ValidationError(
                f"'{task.name}' is a summary task: its duration is its subtasks'."
            )
    if "percent_complete" in cleaned and not 0 <= cleaned["percent_complete"] <= 100:
        raise ValidationError("% complete must be between 0 and 100.")
    if "priority" in cleaned and not 0 <= int(cleaned["priority"]) <= 1000:
        raise ValidationError("A priority is between 0 and 1000.")
    if "constraint_type" in cleaned:
        kind = ConstraintType(cleaned["constraint_type"])
        cleaned["constraint_type"] = kind
        when = cleaned.get("constraint_date", task.constraint_date)
        if kind in DATED_CONSTRAINTS and when is None:
            raise ValidationError(f"The constraint {kind.value} needs a date.")
        if kind not in DATED_CONSTRAINTS:
            cleaned["constraint_date"] = None
    if (
        cleaned.get("calendar_id") is not None
        and session.get(Calendar, cleaned["calendar_id"]) is None
    ):
        raise ValidationError(f"Calendar {cleaned['calendar_id']} does not exist.")
    before = {name: getattr(task, name) for name in cleaned}
    if before == cleaned:
        return None
    return RowUpdate(Task, task.id, task.version, before, cleaned)


def _single(
    database: Database, task_id: int, text: str, merge_key: str, **changes: Any
) -> TaskEdit:
    with database.session() as session:
        task = load_task(session, task_id)
        step = _field_step(session, task, changes)
        return TaskEdit(task.project_id, [step] if step else [], text, merge_key)


def set_task_fields(database: Database, task_id: int, **changes: Any) -> TaskEdit:
    """Name, notes, milestone, constraint type/date, deadline, calendar, priority."""
    unknown = sorted(set(changes) - set(TASK_FIELDS))
    if unknown:
        raise ValidationError(f"A task has no editable field {', '.join(unknown)}.")
    return _single(database, task_id, "Edit task", "", **changes)


def move_task(database: Database, task_id: int, start: datetime, merge_key: str = "") -> TaskEdit:
    """Start the task no earlier than `start` (an SNET constraint, as a bar drag in MS Project);
    a levelling delay is cleared, so the bar lands where it was dropped."""
    with database.session() as session:
        if _has_children(session, load_task(session, task_id).id):
            raise ValidationError("A summary task follows its subtasks: move those instead.")
    return _single(database, task_id, "Move task", merge_key,
                   constraint_type=ConstraintType.SNET, constraint_date=start,
                   levelling_delay_minutes=0)  # fmt: skip


def set_duration(database: Database, task_id: int, minutes: int, merge_key: str = "") -> TaskEdit:
    """A new duration in working minutes; 0 makes a milestone, more unmakes one."""
    return _single(database, task_id, "Change duration", merge_key,
                   duration_minutes=int(minutes), is_milestone=minutes == 0)  # fmt: skip


def set_progress(database: Database, task_id: int, percent: float, merge_key: str = "") -> TaskEdit:
    """% complete; like MS Project, progress sets the actual start (and finish at 100 %)."""
    with database.session() as session:
        task = load_task(session, task_id)
        changes: dict[str, Any] = {"percent_complete": float(percent)}
        changes["actual_start"] = (task.actual_start or task.start) if percent > 0 else None
        changes["actual_finish"] = (task.actual_finish or task.finish) if percent >= 100 else None
        step = _field_step(session, task, changes)
        return TaskEdit(task.project_id, [step] if step else [], "Change progress", merge_key)


# -- links ------------------------------------------------------------------------------------


def _ancestors(session: Session, task: Task) -> set[int]:
    found: set[int] = set()
    parent = task.parent_id
    while parent is not None and parent not in found:
        found.add(parent)
        parent = session.scalar(select(Task.parent_id).where(Task.id == parent))
    return found


def _check_link(session: Session, predecessor: Task, successor: Task) -> None:
    if predecessor.id == successor.id:
        raise ValidationError(f"'{predecessor.name}' cannot be linked to itself.")
    if predecessor.id in _ancestors(session, successor) or successor.id in _ancestors(
        session, predecessor
    ):
        raise ValidationError(
            f"'{predecessor.name}' and '{successor.name}' are a summary task and one of its "
            "subtasks: they cannot be linked."
        )


def _link_values(kind: str | LinkType, lag: int, lag_unit: str | LagUnit) -> dict[str, Any]:
    try:
        return {"type": LinkType(kind), "lag": int(lag), "lag_unit": LagUnit(lag_unit)}
    except ValueError as exc:
        raise ValidationError(f"Not a link: {exc}.") from None


def create_link(
    database: Database,
    predecessor_id: int,
    successor_id: int,
    kind: str | LinkType = LinkType.FS,
    lag: int = 0,
    lag_unit: str | LagUnit = LagUnit.WORKING,
) -> TaskEdit:
    """Link two tasks; the successor's project is rescheduled (a loop is refused on apply)."""
    with database.session() as session:
        predecessor, successor = (
            load_task(session, predecessor_id),
            load_task(session, successor_id),
        )
        _check_link(session, predecessor, successor)
        existing = session.scalar(
            select(Dependency.id).where(
                Dependency.predecessor_id == predecessor_id,
                Dependency.successor_id == successor_id,
            )
        )
        if existing is not None:
            raise ValidationError(f"'{successor.name}' already follows '{predecessor.name}'.")
        values = {"predecessor_id": predecessor_id, "successor_id": successor_id}
        values |= _link_values(kind, lag, lag_unit)
        return TaskEdit(successor.project_id, [RowInsert(Dependency, values)], "Link tasks")


def _link(session: Session, link_id: int) -> tuple[Dependency, Task]:
    link = session.get(Dependency, link_id)
    if link is None:
        raise NotFoundError(f"Link {link_id} does not exist.")
    return link, load_task(session, link.successor_id)


def edit_link(
    database: Database,
    link_id: int,
    kind: str | LinkType | None = None,
    lag: int | None = None,
    lag_unit: str | LagUnit | None = None,
    merge_key: str = "",
) -> TaskEdit:
    """Change a link's type or lag (a lag drag merges by `merge_key`)."""
    with database.session() as session:
        link, successor = _link(session, link_id)
        after = _link_values(kind or link.type, link.lag if lag is None else lag,
                             lag_unit or link.lag_unit)  # fmt: skip
        before = {name: getattr(link, name) for name in after}
        steps: list[Step] = []
        if before != after:
            steps.append(RowUpdate(Dependency, link.id, link.version, before, after))
        return TaskEdit(successor.project_id, steps, "Edit link", merge_key)


def set_link_lag(database: Database, link_id: int, lag: int, merge_key: str = "") -> TaskEdit:
    """Move the link's successor by changing the link's lag (`lag` in working minutes), as a
    bar drag in "link lag" mode does. A start-no-earlier-than constraint and a levelling delay
    of the successor are cleared in the same step, so that the bar lands where it was dropped."""
    with database.session() as session:
        link, successor = _link(session, link_id)
        if _has_children(session, successor.id):
            raise ValidationError("A summary task follows its subtasks: move those instead.")
        after = _link_values(link.type, lag, LagUnit.WORKING)
        before = {name: getattr(link, name) for name in after}
        steps: list[Step] = []
        if before != after:
            steps.append(RowUpdate(Dependency, link.id, link.version, before, after))
        changes: dict[str, Any] = {"levelling_delay_minutes": 0}
        if successor.constraint_type == ConstraintType.SNET:
            changes |= {"constraint_type": ConstraintType.ASAP, "constraint_date": None}
        step = _field_step(session, successor, changes)
        if step is not None:
            steps.append(step)
        return TaskEdit(successor.project_id, steps, "Change link lag", merge_key)


def delete_link(database: Database, link_id: int) -> TaskEdit:
    with database.session() as session:
        link, successor = _link(session, link_id)
        return TaskEdit(
            successor.project_id, [rows_delete(session, Dependency, [link])], "Delete link"
        )


def predecessors_text(database: Database, task_id: int) -> str:
    """The task's predecessors in the project, in MS Project's notation (`3FS+2d;5SS`)."""
    with database.session() as session:
        task = load_task(session, task_id)
        rows = {row.task_id: row.row for row in _rows(session, task.project_id)}
        links = session.scalars(select(Dependency).where(Dependency.successor_id == task_id))
        entries = sorted(
            (PredecessorEntry(rows[link.predecessor_id], link.type, link.lag, link.lag_unit)
             for link in links if link.predecessor_id in rows),
            key=lambda entry: entry.row,
        )  # fmt: skip
        return format_predecessors(entries, _working_time(session, task.project_id))


def _predecessor_steps(session: Session, task: Task, text: str) -> list[Step]:
    time = _working_time(session, task.project_id)
    entries = parse_predecessors(text, time)
    rows = {row.row: row.task_id for row in _rows(session, task.project_id)}
    wanted: dict[int, PredecessorEntry] = {}
    for entry in entries:
        predecessor_id = rows.get(entry.row)
        if predecessor_id is None:
            raise ValidationError(f"There is no task with ID {entry.row} in this project.")
        _check_link(session, load_task(session, predecessor_id), task)
        wanted[predecessor_id] = entry
    existing = {
        link.predecessor_id: link
        for link in session.scalars(select(Dependency).where(Dependency.successor_id == task.id))
        if link.predecessor_id in rows.values()
    }
    steps: list[Step] = []
    for predecessor_id, link in existing.items():
        if predecessor_id not in wanted:
            steps.append(rows_delete(session, Dependency, [link]))
    for predecessor_id, entry in wanted.items():
        values = _link_values(entry.type, entry.lag, entry.lag_unit)
        link = existing.get(predecessor_id)
        if link is None:
            values |= {"predecessor_id": predecessor_id, "successor_id": task.id}
            steps.append(RowInsert(Dependency, values))
            continue
        before = {name: getattr(link, name) for name in values}
        if before != values:
            steps.append(RowUpdate(Dependency, link.id, link.version, before, values))
    return steps


def set_predecessors_text(database: Database, task_id: int, text: str) -> TaskEdit:
    """Replace the task's predecessors in the project by those `text` names."""
    with database.session() as session:
        task = load_task(session, task_id)
        steps = _predecessor_steps(session, task, text)
        return TaskEdit(task.project_id, steps, "Edit predecessors")


# -- the task dialog's edit ------------------------------------------------------------------


def _assignment_steps(session: Session, task: Task, units: Mapping[int, float]) -> list[Step]:
    existing = {row.resource_id: row for row in session.scalars(
        select(Assignment).where(Assignment.task_id == task.id))}  # fmt: skip
    steps: list[Step] = []
    for resource_id, assignment in existing.items():
        if resource_id not in units:
            steps.append(rows_delete(session, Assignment, [assignment]))
    for resource_id, value in units.items():
        if value < 0:
            raise ValidationError("Assignment units cannot be negative.")
        assignment = existing.get(resource_id)
        if assignment is None:
            if session.get(Resource, resource_id) is None:
                raise ValidationError(f"Resource {resource_id} does not exist.")
            values = {"task_id": task.id, "resource_id": resource_id, "units": float(value),
                      "work_minutes": round(task.duration_minutes * value),
                      "start": task.start, "finish": task.finish}  # fmt: skip
            steps.append(RowInsert(Assignment, values))
        elif assignment.units != value:
            before, after = {"units": assignment.units}, {"units": float(value)}
            steps.append(RowUpdate(Assignment, assignment.id, assignment.version, before, after))
    return steps


def edit_task(
    database: Database,
    task_id: int,
    fields: Mapping[str, Any] | None = None,
    predecessors: str | None = None,
    assignments: Mapping[int, float] | None = None,
) -> TaskEdit:
    """Everything the task dialog changes, as one command: fields (TASK_FIELDS plus
    duration_minutes and percent_complete), predecessors as text, resource → units."""
    fields = dict(fields or {})
    unknown = sorted(set(fields) - {*TASK_FIELDS, "duration_minutes", "percent_complete"})
    if unknown:
        raise ValidationError(f"A task has no editable field {', '.join(unknown)}.")
    with database.session() as session:
        task = load_task(session, task_id)
        if "percent_complete" in fields:
            percent = fields["percent_complete"]
            fields["actual_start"] = (task.actual_start or task.start) if percent > 0 else None
            fields["actual_finish"] = (
                (task.actual_finish or task.finish) if percent >= 100 else None
            )
        steps: list[Step] = []
        step = _field_step(session, task, fields)
        if step is not None:
            steps.append(step)
        if predecessors is not None:
            steps += _predecessor_steps(session, task, predecessors)
        if assignments is not None:
            steps += _assignment_steps(session, task, assignments)
        return TaskEdit(task.project_id, steps, "Edit task")


@dataclass(frozen=True)
class TaskDetails:
    """What the task dialog shows: the task's fields, its predecessors and assignments, and
    the choices (project rows, portfolio resources, calendars)."""

    task_id: int
    project_id: int
    fields: dict[str, Any]
    start: datetime | None
    finish: datetime | None
    is_summary: bool
    predecessors: list[PredecessorEntry]
    assignments: dict[int, float]
    rows: list[ProjectRow]
    resources: dict[int, str]
    calendars: dict[int, str]
    time: WorkingTime


def task_details(database: Database, task_id: int) -> TaskDetails:
    """A snapshot of one task for the task dialog."""
    with database.session() as session:
        task = load_task(session, task_id)
        rows = _rows(session, task.project_id)
        numbers = {row.task_id: row.row for row in rows}
        links = session.scalars(select(Dependency).where(Dependency.successor_id == task_id))
        predecessors = sorted(
            (PredecessorEntry(numbers[link.predecessor_id], link.type, link.lag, link.lag_unit)
             for link in links if link.predecessor_id in numbers),
            key=lambda entry: entry.row,
        )  # fmt: skip
        assignments = {row.resource_id: row.units for row in session.scalars(
            select(Assignment).where(Assignment.task_id == task_id))}  # fmt: skip
        project = session.get(Project, task.project_id)
        assert project is not None
        resources = dict(session.execute(
            select(Resource.id, Resource.name)
            .where(Resource.portfolio_id == project.portfolio_id)
            .order_by(Resource.name)).all())  # fmt: skip
        calendars = dict(
            session.execute(select(Calendar.id, Calendar.name).order_by(Calendar.name)).all()
        )
        fields = {name: getattr(task, name) for name in (*TASK_FIELDS, "duration_minutes",
                                                          "percent_complete")}  # fmt: skip
        return TaskDetails(
            task_id, task.project_id, fields, task.start, task.finish,
            _has_children(session, task_id), predecessors, assignments, rows, resources,
            calendars, _working_time(session, task.project_id),
        )  # fmt: skip
