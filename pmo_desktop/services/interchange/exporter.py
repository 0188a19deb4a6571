"""One stored project back out as Microsoft Project XML (MSPDI), written atomically."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmo_desktop.errors import NotFoundError
from pmo_desktop.interop import mspdi
from pmo_desktop.interop.mspdi import MspdiImport, MspdiTask, write_mspdi
from pmo_desktop.models import (
    Assignment,
    Baseline,
    BaselineTask,
    Dependency,
    Portfolio,
    Project,
    Resource,
    Task,
)
from pmo_desktop.models.enums import ResourceKind
from pmo_desktop.scheduling.cpm import SchedulingError, schedule
from pmo_desktop.scheduling.model import LinkSpec, ScheduleResult, TaskResult, TaskSpec
from pmo_desktop.services.scheduling import load_calendar, load_plan
from pmo_desktop.storage.database import Database


@dataclass(frozen=True)
class ExportSummary:
    """What one export wrote; `dates` says whether the engine or the stored dates were used."""

    tasks: int
    links: int
    resources: int
    assignments: int
    dates: str
    warnings: list[str] = field(default_factory=list)


#: Task columns in the order of `SavedDates`' fields.
_SAVED = (
    "start", "finish", "early_start", "early_finish", "late_start", "late_finish",
    "total_slack_minutes", "free_slack_minutes", "critical",
)  # fmt: skip


def export_mspdi(
    database: Database, project_id: int, path: str | os.PathLike[str]
) -> ExportSummary:
    """Write one stored project as MSPDI, with the engine's dates (the stored ones if it fails)."""
    with database.session() as session:
        project = session.get(Project, project_id)
        if project is None:
            raise NotFoundError(f"Project {project_id} does not exist.")
        return _export(session, project.portfolio_id, [project], None, path)


def export_mspdi_portfolio(
    database: Database, portfolio_id: int, path: str | os.PathLike[str]
) -> ExportSummary:
    """Write every project of a portfolio into one master MSPDI file.

    An MSPDI file holds one project, so each project becomes a top-level summary task of
    the master project, and links between projects are written as ordinary links.
    """
    with database.session() as session:
        portfolio = session.get(Portfolio, portfolio_id)
        if portfolio is None:
            raise NotFoundError(f"Portfolio {portfolio_id} does not exist.")
        statement = select(Project).where(Project.portfolio_id == portfolio_id)
        projects = list(session.scalars(statement.order_by(Project.code)))
        return _export(session, portfolio_id, projects, portfolio, path)


def _export(
    session: Session,
    portfolio_id: int,
    projects: list[Project],
    master: Portfolio | None,
    path: str | os.PathLike[str],
) -> ExportSummary:
    imported, uids = _build_export(session, projects, master)
    warnings = [str(entry) for entry in imported.report]
    result: ScheduleResult | None = None
    try:
        codes = tuple(f"'{project.code} " for project in projects)
        result = _engine_dates(session, portfolio_id, codes, uids)
        _summary_spans(imported, result)
        warnings += result.warnings
    except SchedulingError as exc:
        warnings.append(f"Not rescheduled; the stored dates were written: {exc}")
    write_mspdi(imported, result, path)
    # Not counted: the file's project summary (UID 0) and, in a master file, project summaries.
    tasks = len(imported.tasks) - 1 - (len(projects) if master is not None else 0)
    counts = (tasks, len(imported.links), len(imported.resources))
    dates = "engine" if result is not None else "stored"
    return ExportSummary(*counts, len(imported.assignments), dates, warnings)


def _engine_dates(
    session: Session, portfolio_id: int, codes: tuple[str, ...], uids: dict[int, int]
) -> ScheduleResult:
    """The portfolio scheduled now (cross-project links count), keyed by the file's UIDs."""
    result = schedule(load_plan(session, portfolio_id))
    tasks = {
        uids[task_id]: replace(outcome, id=uids[task_id])
        for task_id, outcome in result.tasks.items()
        if task_id in uids
    }
    finish = max((outcome.finish for outcome in tasks.values()), default=result.finish)
    warnings = [w for w in result.warnings if w.startswith(codes)]
    return ScheduleResult(tasks=tasks, finish=finish, warnings=warnings)


def _summary_spans(imported: MspdiImport, result: ScheduleResult) -> None:
    """Dates for the summary tasks the engine does not know (a master file's projects)."""
    children: dict[int, list[int]] = defaultdict(list)
    for task in imported.tasks:
        if task.spec.parent is not None:
            children[task.spec.parent].append(task.uid)
    for task in imported.tasks:
        if task.outline_level == 0 or task.uid in result.tasks:
            continue
        found = [result.tasks[uid] for uid in children.get(task.uid, []) if uid in result.tasks]
        if not found:
            continue
        start, finish = min(t.start for t in found), max(t.finish for t in found)
        slack = min(t.total_slack for t in found)
        result.tasks[task.uid] = TaskResult(
            task.uid, start, finish, min(t.early_start for t in found),
            max(t.early_finish for t in found), min(t.late_start for t in found),
            max(t.late_finish for t in found), slack, min(t.free_slack for t in found),
            any(t.critical for t in found),
        )  # fmt: skip


def outline_order(rows: Sequence[Any]) -> list[tuple[Any, int, str]]:
    """Rows depth-first in (position, id) order, each with its outline level and number."""
    children: dict[int | None, list[Any]] = defaultdict(list)
    ids = {row.id for row in rows}
    for row in sorted(rows, key=lambda row: (row.position, row.id)):
        children[row.parent_id if row.parent_id in ids else None].append(row)
    ordered: list[tuple[Any, int, str]] = []
    stack = [(row, 1, str(n)) for n, row in reversed(list(enumerate(children[None], 1)))]
    while stack:
        row, level, number = stack.pop()
        ordered.append((row, level, number))
        kids = list(enumerate(children.get(row.id, []), 1))
        stack.extend((kid, level + 1, f"{number}.{n}") for n, kid in reversed(kids))
    return ordered


def _midnight(day: date | None) -> datetime | None:
    return datetime.combine(day, time()) if day is not None else None


def _build_export(
    session: Session, projects: list[Project], master: Portfolio | None
) -> tuple[MspdiImport, dict[int, int]]:
    """The projects as an `MspdiImport` and tasks.id → UID (UIDs 1..n in outline order).

    With `master`, each project is a summary task at outline level 1 holding its tasks.
    """
    portfolio = session.get(Portfolio, projects[0].portfolio_id) if projects else master
    default = portfolio.calendar_id if portfolio is not None else None
    calendar_ids = list(dict.fromkeys((p.calendar_id or default) for p in projects)) or [default]
    calendars: dict[int, mspdi.MspdiCalendar] = {}
    calendar_uids: dict[int | None, int] = {}
    for uid, calendar_id in enumerate(calendar_ids, start=1):
        spec = load_calendar(session, calendar_id)
        week, exceptions = dict(enumerate(spec.week)), dict(spec.exceptions)
        calendars[uid] = mspdi.MspdiCalendar(uid, spec.name, None, True, week, exceptions, spec)
        calendar_uids[calendar_id] = uid
    spec = calendars[1].spec
    project_ids = [project.id for project in projects]
    rows = session.scalars(select(Task).where(Task.project_id.in_(project_ids))).all()
    # Subqueries rather than id lists: a large project would pass SQLite's parameter limit.
    task_ids = select(Task.id).where(Task.project_id.in_(project_ids))
    by_project: dict[int, list[Task]] = defaultdict(list)
    for row in rows:
        by_project[row.project_id].append(row)
    parents = {row.parent_id for row in rows}
    name = master.name if master is not None else projects[0].name
    tasks = [
        MspdiTask(TaskSpec(id=0, name=name), outline_level=0, outline_number="0", summary=True)
    ]
    uids: dict[int, int] = {}
    for position, project in enumerate(projects, start=1):
        calendar_uid = calendar_uids[project.calendar_id or default]
        task_calendar = None if calendar_uid == 1 else calendar_uid
        top: int | None = None
        shift, prefix = 0, ""
        if master is not None:
            top, shift, prefix = len(tasks), 1, f"{position}."
            summary_spec = TaskSpec(id=top, name=project.name)
            tasks.append(MspdiTask(summary_spec, 1, str(position), project.code, summary=True))
        for row, level, number in outline_order(by_project[project.id]):
            uids[row.id] = uid = len(tasks)
            spec_ = TaskSpec(
                id=uid,
                name=row.name,
                duration=row.duration_minutes,
                parent=uids.get(row.parent_id, top),
                milestone=row.is_milestone,
                constraint=row.constraint_type.value,
                constraint_date=row.constraint_date,
                deadline=row.deadline,
                priority=row.priority,
                percent_complete=row.percent_complete,
                actual_start=row.actual_start,
                actual_finish=row.actual_finish,
                remaining=row.remaining_minutes,
                levelling_delay=row.levelling_delay_minutes,
            )
            saved = mspdi.SavedDates(*(getattr(row, name) for name in _SAVED))
            is_summary = row.is_summary or row.id in parents
            task = MspdiTask(
                spec_, level + shift, prefix + number, row.wbs, is_summary, saved=saved
            )
            task.calendar_uid = task_calendar
            tasks.append(task)
    by_uid = {task.uid: task for task in tasks}
    report: list[mspdi.ReportEntry] = []
    links: list[mspdi.MspdiLink] = []
    touching = Dependency.successor_id.in_(task_ids) | Dependency.predecessor_id.in_(task_ids)
    for dep in session.scalars(select(Dependency).where(touching).order_by(Dependency.id)):
        pred, succ = uids.get(dep.predecessor_id), uids.get(dep.successor_id)
        if pred is None or succ is None:
            message = "link to or from another project not written"
            report.append(mspdi.ReportEntry("PredecessorLink", succ, message))
            continue
        link = LinkSpec(pred, succ, dep.type.value, dep.lag, dep.lag_unit.value)
        links.append(mspdi.MspdiLink(link))
    resources: dict[int, mspdi.MspdiResource] = {}
    assignments: list[mspdi.MspdiAssignment] = []
    statement = (
        select(Assignment, Resource)
        .join(Resource, Resource.id == Assignment.resource_id)
        .where(Assignment.task_id.in_(task_ids))
        .order_by(Assignment.id)
    )
    for assignment, resource in session.execute(statement).all():
        if resource.id not in resources:
            kind = 0 if resource.kind == ResourceKind.MATERIAL else 1  # material, else work
            values = (resource.name, kind, resource.max_units, resource.cost_rate)
            resources[resource.id] = mspdi.MspdiResource(len(resources) + 1, *values)
        task_uid, resource_uid = uids[assignment.task_id], resources[resource.id].uid
        units, work, actual = (
            assignment.units,
            assignment.work_minutes,
            assignment.actual_work_minutes,
        )
        assignments.append(
            mspdi.MspdiAssignment(len(assignments) + 1, task_uid, resource_uid, units, work, actual)
        )
    statement = (
        select(Baseline.number, BaselineTask)
        .join(Baseline, Baseline.id == BaselineTask.baseline_id)
        .where(Baseline.project_id.in_(project_ids))
        .order_by(Baseline.number)
    )
    for number, row in session.execute(statement).all():
        if row.task_id in uids:
            values = (row.start, row.finish, row.duration_minutes, row.work_minutes, row.cost)
            by_uid[uids[row.task_id]].baselines.append(mspdi.Baseline(number, *values))
    first = projects[0] if projects else None
    starts = [row.start for row in rows if row.start is not None]
    starts += [_midnight(p.start_date) for p in projects if p.start_date is not None]
    status = max((p.status_date for p in projects if p.status_date is not None), default=None)
    currency = master.currency if master is not None else first.currency if first else ""
    properties = mspdi.ProjectProperties(
        name=name,
        title=name,
        start=_midnight(first.start_date) if master is None and first else None,
        finish=max((row.finish for row in rows if row.finish is not None), default=None),
        status_date=_midnight(status),
        minutes_per_day=spec.minutes_per_day,
        minutes_per_week=spec.minutes_per_week,
        days_per_month=spec.days_per_month,
        currency_code=currency,
        calendar_uid=1,
    )
    if properties.start is None and starts:
        properties.start = min(start for start in starts if start is not None)
    resource_list = list(resources.values())
    imported = MspdiImport(properties, calendars, tasks, links, resource_list, assignments, report)
    return imported, uids
