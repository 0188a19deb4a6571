"""Resource levelling use cases: level an MS Project XML file, or propose delays for a
stored portfolio (the GUI previews them and applies them as one undoable action).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from pmo_desktop.errors import InteropError, ValidationError
from pmo_desktop.interop.mspdi import MspdiImport, read_mspdi, to_schedule_input, write_mspdi
from pmo_desktop.models import Assignment, Resource
from pmo_desktop.models.enums import ResourceKind
from pmo_desktop.scheduling.cpm import SchedulingError, schedule
from pmo_desktop.scheduling.levelling import (
    LevellingError,
    LevellingResult,
    level,
    levelled_schedule,
)
from pmo_desktop.scheduling.loading import ResourceSpec
from pmo_desktop.scheduling.model import AssignmentSpec, ScheduleInput, ScheduleResult
from pmo_desktop.services.scheduling import PlanError, load_plan
from pmo_desktop.storage.database import Database

Progress = Callable[[int, int, str], None]

#: MSPDI resource types levelled: work resources only (material and cost have no max units).
_WORK_RESOURCE = 1


@dataclass(frozen=True)
class FileLevellingSummary:
    tasks: int
    delayed: int
    finish_before: datetime | None
    finish: datetime | None
    critical: int
    warnings: list[str]
    over_allocations: list[str]
    not_imported: list[str]


@dataclass(frozen=True)
class LevellingProposal:
    """Delays proposed for a portfolio: task id → working minutes, with the levelled dates."""

    delays: dict[int, int]
    starts: dict[int, datetime]
    finishes: dict[int, datetime]
    finish_before: datetime | None
    finish_after: datetime | None
    over_allocations: list[str]
    cancelled: bool


def _level(
    plan: ScheduleInput,
    resources: list[ResourceSpec],
    assignments: list[AssignmentSpec],
    *,
    within_slack: bool,
    time_limit_s: float,
    progress: Progress | None,
    cancel: Callable[[], bool] | threading.Event | None = None,
) -> tuple[ScheduleResult, LevellingResult]:
    try:
        scheduled = schedule(plan)
        levelling = level(
            plan,
            resources,
            assignments,
            within_slack=within_slack,
            time_limit_s=time_limit_s,
            progress=progress,
            cancel=cancel,
            scheduled=scheduled,
        )
        return scheduled, levelling
    except (SchedulingError, LevellingError) as exc:
        raise PlanError(str(exc)) from None


def _file_resources(
    imported: MspdiImport, plan: ScheduleInput
) -> tuple[list[ResourceSpec], list[AssignmentSpec]]:
    resources = [
        ResourceSpec(id=resource.uid, name=resource.name, max_units=resource.max_units)
        for resource in imported.resources
        if resource.type == _WORK_RESOURCE
    ]
    known = {resource.id for resource in resources}
    tasks = {task.id for task in plan.tasks}
    assignments = [
        AssignmentSpec(item.task_uid, item.resource_uid, item.units)
        for item in imported.assignments
        if item.resource_uid in known and item.task_uid in tasks
    ]
    return resources, assignments


def level_file(
    source: Path,
    destination: Path,
    *,
    within_slack: bool = False,
    time_limit_s: float = 1.0,
    progress: Progress | None = None,
) -> FileLevellingSummary:
    """MS Project XML in; levelled XML out: levelled start/finish and `<LevelingDelay>`."""
    try:
        imported = read_mspdi(source)
    except InteropError as exc:
        raise InteropError(f"{source}: {exc}") from None
    plan = to_schedule_input(imported)
    resources, assignments = _file_resources(imported, plan)
    scheduled, levelling = _level(
        plan,
        resources,
        assignments,
        within_slack=within_slack,
        time_limit_s=time_limit_s,
        progress=progress,
    )
    result = levelled_schedule(plan, scheduled, levelling)
    write_mspdi(imported, result, destination)
    return FileLevellingSummary(
        tasks=len(plan.tasks),
        delayed=len(levelling.delays),
        finish_before=scheduled.finish if plan.tasks else None,
        finish=result.finish if plan.tasks else None,
        critical=sum(1 for task in result.tasks.values() if task.critical),
        warnings=result.warnings,
        over_allocations=levelling.over_allocations,
        not_imported=[str(entry) for entry in imported.report],
    )


def propose_levelling(
    database: Database,
    portfolio_id: int,
    *,
    within_slack: bool = False,
    time_limit_s: float = 1.0,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | threading.Event | None = None,
) -> LevellingProposal:
    """Levelling delays for every task of a portfolio; nothing is stored."""
    if time_limit_s <= 0:
        raise ValidationError("The levelling time limit must be positive.")
    with database.session() as session:
        plan = load_plan(session, portfolio_id)
        resources = [
            ResourceSpec(id=row.id, name=row.name, role=row.role, max_units=row.max_units)
            for row in session.scalars(
                select(Resource).where(
                    Resource.portfolio_id == portfolio_id, Resource.kind != ResourceKind.MATERIAL
                )
            )
        ]
        known = {resource.id for resource in resources}
        tasks = {task.id for task in plan.tasks}
        assignments = [
            AssignmentSpec(row.task_id, row.resource_id, row.units)
            for row in session.execute(
                select(Assignment.task_id, Assignment.resource_id, Assignment.units)
            )
            if row.task_id in tasks and row.resource_id in known
        ]
    scheduled, levelling = _level(
        plan,
        resources,
        assignments,
        within_slack=within_slack,
        time_limit_s=time_limit_s,
        progress=progress,
        cancel=cancel,
    )
    return LevellingProposal(
        delays=levelling.delays,
        starts={task.id: task.start for task in levelling.tasks.values() if task.shift},
        finishes={task.id: task.finish for task in levelling.tasks.values() if task.shift},
        finish_before=scheduled.finish if plan.tasks else None,
        finish_after=levelling.finish,
        over_allocations=levelling.over_allocations,
        cancelled=levelling.cancelled,
    )
