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
from pmo_desktop.scheduling.model import LinkSpec, ScheduleResult, TaskSpec
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
        imported, uids = _build_export(session, project)
        warnings = [str(entry) for entry in imported.report]
        result: ScheduleResult | None = None
        try:
            result = _engine_dates(session, project, uids)
            warnings += result.warnings
        except SchedulingError as exc:
            warnings.append(f"Not rescheduled; the stored dates were written: {exc}")
    write_mspdi(imported, result, path)
    counts = (len(imported.tasks) - 1, len(imported.links), len(imported.resources))  # no UID 0
    dates = "engine" if result is not None else "stored"
    return ExportSummary(*counts, len(imported.assignments), dates, warnings)


def _engine_dates(session: Session, project: Project, uids: dict[int, int]) -> ScheduleResult:
    """The portfolio scheduled now (cross-project links count), keyed by the file's UIDs."""
    result = schedule(load_plan(session, project.portfolio_id))
    tasks = {
        uids[task_id]: replace(outcome, id=uids[task_id])
        for task_id, outcome in result.tasks.items()
        if task_id in uids
    }
    finish = max((outcome.finish for outcome in tasks.values()), default=result.finish)
    warnings = [w for w in result.warnings if w.startswith(f"'{project.code} ")]
    return ScheduleResult(tasks=tasks, finish=finish, warnings=warnings)


def _outline_order(rows: Sequence[Any]) -> list[tuple[Any, int, str]]:
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


def _build_export(session: Session, project: Project) -> tuple[MspdiImport, dict[int, int]]:
    """The project as an `MspdiImport` (UIDs 1..n in outline order) and tasks.id → UID."""
    portfolio = session.get(Portfolio, project.portfolio_id)
    spec = load_calendar(session, project.calendar_id or (portfolio and portfolio.calendar_id))
    week, exceptions = dict(enumerate(spec.week)), dict(spec.exceptions)
    calendar = mspdi.MspdiCalendar(1, spec.name, None, True, week, exceptions, spec)
    rows = session.scalars(select(Task).where(Task.project_id == project.id)).all()
    # Subqueries rather than id lists: a large project would pass SQLite's parameter limit.
    task_ids = select(Task.id).where(Task.project_id == project.id)
    ordered = _outline_order(rows)
    uids = {row.id: uid for uid, (row, _, _) in enumerate(ordered, start=1)}
    parents = {row.parent_id for row in rows}
    summary = TaskSpec(id=0, name=project.name)
    tasks = [MspdiTask(summary, outline_level=0, outline_number="0", summary=True)]
    for row, level, number in ordered:
        spec_ = TaskSpec(
            id=uids[row.id],
            name=row.name,
            duration=row.duration_minutes,
            parent=uids.get(row.parent_id) if row.parent_id is not None else None,
            milestone=row.is_milestone,
            constraint=row.constraint_type.value,
            constraint_date=row.constraint_date,
            deadline=row.deadline,
            priority=row.priority,
            percent_complete=row.percent_complete,
            actual_start=row.actual_start,
            actual_finish=row.actual_finish,
            remaining=row.remaining_minutes,
        )
        saved = mspdi.SavedDates(*(getattr(row, name) for name in _SAVED))
        is_summary = row.is_summary or row.id in parents
        tasks.append(MspdiTask(spec_, level, number, row.wbs, is_summary, saved=saved))
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
        .where(Baseline.project_id == project.id)
        .order_by(Baseline.number)
    )
    for number, row in session.execute(statement).all():
        if row.task_id in uids:
            values = (row.start, row.finish, row.duration_minutes, row.work_minutes, row.cost)
            by_uid[uids[row.task_id]].baselines.append(mspdi.Baseline(number, *values))
    starts = [row.start for row in rows if row.start is not None]
    properties = mspdi.ProjectProperties(
        name=project.name,
        title=project.name,
        start=_midnight(project.start_date) or min(starts, default=None),
        finish=max((row.finish for row in rows if row.finish is not None), default=None),
        status_date=_midnight(project.status_date),
        minutes_per_day=spec.minutes_per_day,
        minutes_per_week=spec.minutes_per_week,
        days_per_month=spec.days_per_month,
        currency_code=project.currency,
        calendar_uid=1,
    )
    resource_list = list(resources.values())
    imported = MspdiImport(
        properties, {1: calendar}, tasks, links, resource_list, assignments, report
    )
    return imported, uids
