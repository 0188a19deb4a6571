"""Resource levelling use cases: level an MS Project XML file, or propose delays for a
stored portfolio (the GUI previews them and applies them as one undoable action).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from pmo_desktop.errors import ConflictError, InteropError, NotFoundError, ValidationError
from pmo_desktop.interop.mspdi import MspdiImport, read_mspdi, to_schedule_input, write_mspdi
from pmo_desktop.models import Assignment, Entity, Programme, Project, Resource, Task
from pmo_desktop.models.enums import ResourceKind
from pmo_desktop.scheduling.calendar import WorkingCalendar
from pmo_desktop.scheduling.cpm import SchedulingError, schedule
from pmo_desktop.scheduling.levelling import (
    DO_NOT_LEVEL,
    LevellingError,
    LevellingResult,
    level,
    levelled_schedule,
)
from pmo_desktop.scheduling.loading import ResourceSpec
from pmo_desktop.scheduling.model import AssignmentSpec, ScheduleInput, ScheduleResult, TaskSpec
from pmo_desktop.services.commands import Command
from pmo_desktop.services.scheduling import PlanError, load_plan
from pmo_desktop.services.task_commands import RowUpdate
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


# Levelling a stored portfolio from the GUI: a plan to preview, then one undoable command.

LevellingScope = Literal["project", "programme", "portfolio"]
#: Units above max units by less than this are rounding, not over-allocation.
_UNITS_TOLERANCE = 1e-6


@dataclass(frozen=True)
class LevellingOptions:
    """What to level: the scope (a project, a programme or the whole portfolio; `scope_id`
    names the project or programme), within slack only, and the range of start dates of the
    tasks that may move (MS Project's "level from / to")."""

    scope: LevellingScope = "portfolio"
    scope_id: int | None = None
    within_slack: bool = False
    range_start: date | None = None
    range_finish: date | None = None
    time_limit_s: float = 2.0


@dataclass(frozen=True)
class TaskMove:
    """One task levelling delays: its current and levelled dates, delay in working days."""

    task_id: int
    project_id: int
    project_name: str
    task_name: str
    start: datetime
    finish: datetime
    levelled_start: datetime
    levelled_finish: datetime
    delay_days: float


@dataclass(frozen=True)
class ProjectSlip:
    """A project's finish before and after levelling; slip in working days."""

    project_id: int
    name: str
    finish: datetime | None
    levelled_finish: datetime | None
    slip_days: float


@dataclass(frozen=True)
class OverAllocation:
    """A stretch of time where a resource's assignments ask more units than it has."""

    resource_id: int
    resource_name: str
    start: datetime
    finish: datetime
    peak_units: float
    max_units: float


@dataclass
class LevellingPlan:
    """A levelling to preview and apply: moved tasks, project slips, over-allocations
    before and after (swept from the assignments' dates and units), engine messages."""

    portfolio_id: int
    options: LevellingOptions
    moves: list[TaskMove]
    projects: list[ProjectSlip]
    over_before: list[OverAllocation]
    over_after: list[OverAllocation]
    messages: list[str]
    cancelled: bool
    _task_rows: dict[int, tuple[int, datetime | None, datetime | None]] = field(repr=False)
    _assignment_rows: list[tuple[int, int, int, datetime | None, datetime | None]] = field(
        repr=False
    )
    _new_dates: dict[int, tuple[datetime, datetime]] = field(repr=False)

    @property
    def removed(self) -> int:
        """Over-allocation stretches levelling removes (before minus after, never negative)."""
        return max(0, len(self.over_before) - len(self.over_after))

    def over_allocated_resources(self, *, after: bool) -> set[int]:
        return {item.resource_id for item in (self.over_after if after else self.over_before)}

    def command(self, text: str = "Level resources") -> ApplyLevelling:
        """The undoable command writing every new date (tasks, their summaries and their
        assignments) with the row versions read for this plan."""
        steps: list[RowUpdate] = []
        for task_id, (start, finish) in sorted(self._new_dates.items()):
            version, old_start, old_finish = self._task_rows[task_id]
            steps.append(
                RowUpdate(Task, task_id, version,
                          {"start": old_start, "finish": old_finish},
                          {"start": start, "finish": finish})
            )  # fmt: skip
        for row_id, task_id, version, old_start, old_finish in self._assignment_rows:
            new = self._new_dates.get(task_id)
            if new is None or (old_start, old_finish) == new:
                continue
            steps.append(
                RowUpdate(Assignment, row_id, version,
                          {"start": old_start, "finish": old_finish},
                          {"start": new[0], "finish": new[1]})
            )  # fmt: skip
        return ApplyLevelling(steps, text)


@dataclass
class ApplyLevelling:
    """The levelled dates as one transaction and one undo step (no reschedule: it would put
    the CPM dates back)."""

    steps: list[RowUpdate]
    text: str = "Level resources"

    def apply(self, database: Database) -> None:
        self._run(database, self.steps, forward=True)

    def revert(self, database: Database) -> None:
        self._run(database, list(reversed(self.steps)), forward=False)

    def _run(self, database: Database, steps: list[RowUpdate], *, forward: bool) -> None:
        registry: dict[Any, int] = vars(database).setdefault("_own_row_versions", {})
        saved_registry = dict(registry)
        saved_steps = [dict(vars(step)) for step in steps]
        try:
            with database.write_session() as session:
                for model in (Task, Assignment):
                    ids = [step.entity_id for step in steps if step.model is model]
                    for first in range(0, len(ids), _ID_CHUNK):
                        chunk = ids[first : first + _ID_CHUNK]
                        list(session.scalars(select(model).where(model.id.in_(chunk))))
                for step in steps:
                    (step.apply if forward else step.revert)(session, database)
                session.flush()
        except BaseException as exc:
            registry.clear()
            registry.update(saved_registry)
            for step, state in zip(steps, saved_steps, strict=True):
                vars(step).update(state)
            if isinstance(exc, StaleDataError):
                raise ConflictError("Task", 0, mine={}, theirs={}, expected_version=0,
                                    their_version=None) from None  # fmt: skip
            raise

    def merge(self, other: Command) -> bool:
        return False

    def touched(self) -> set[type[Entity]]:
        return {Task, Assignment}


_ID_CHUNK = 500


def _in_scope(session: Session, portfolio_id: int, options: LevellingOptions) -> set[int]:
    """The ids of the projects whose tasks may move."""
    query = select(Project.id).where(Project.portfolio_id == portfolio_id)
    if options.scope == "project":
        query = query.where(Project.id == options.scope_id)
    elif options.scope == "programme":
        query = query.where(Project.programme_id == options.scope_id)
    elif options.scope != "portfolio":
        raise ValidationError(f"Unknown levelling scope {options.scope!r}.")
    found = set(session.scalars(query))
    if options.scope != "portfolio" and not found:
        raise NotFoundError(f"No project to level in this {options.scope}.")
    return found


def _movable(task: TaskSpec, start: datetime, chosen: set[int], options: LevellingOptions) -> bool:
    if task.project not in chosen:
        return False
    if options.range_start is not None and start.date() < options.range_start:
        return False
    return options.range_finish is None or start.date() <= options.range_finish


def over_allocations(
    assignments: Iterable[tuple[int, datetime | None, datetime | None, float]],
    resources: dict[int, tuple[str, float]],
) -> list[OverAllocation]:
    """Stretches where the units of a resource's overlapping assignments exceed its max
    units: assignments are (resource id, start, finish, units); resources id → (name, max)."""
    events: dict[int, list[tuple[datetime, float]]] = {}
    for resource_id, start, finish, units in assignments:
        if resource_id in resources and start and finish and finish > start and units > 0:
            events.setdefault(resource_id, []).extend(((start, units), (finish, -units)))
    found: list[OverAllocation] = []
    for resource_id, changes in events.items():
        name, capacity = resources[resource_id]
        changes.sort(key=lambda item: (item[0], item[1]))
        level_now, opened, peak = 0.0, None, 0.0
        for moment, change in changes:
            level_now += change
            over = level_now > capacity + _UNITS_TOLERANCE
            if over and opened is None:
                opened, peak = moment, level_now
            elif over:
                peak = max(peak, level_now)
            elif opened is not None:
                if moment > opened:
                    found.append(OverAllocation(resource_id, name, opened, moment, peak, capacity))
                opened = None
    found.sort(key=lambda item: (item.resource_name.casefold(), item.start))
    return found


def plan_levelling(
    database: Database,
    portfolio_id: int,
    options: LevellingOptions | None = None,
    *,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | threading.Event | None = None,
) -> LevellingPlan:
    """Level the scope against the fixed load of everything else; nothing is stored."""
    options = options or LevellingOptions()
    if options.time_limit_s <= 0:
        raise ValidationError("The levelling time limit must be positive.")
    if (options.range_start and options.range_finish
            and options.range_start > options.range_finish):  # fmt: skip
        raise ValidationError("The levelling range ends before it starts.")
    with database.session() as session:
        plan = load_plan(session, portfolio_id)
        chosen = _in_scope(session, portfolio_id, options)
        names: dict[int, str] = dict(session.execute(
            select(Project.id, Project.name).where(Project.portfolio_id == portfolio_id)
        ).all())  # fmt: skip
        rows = session.execute(
            select(Resource.id, Resource.name, Resource.role, Resource.max_units).where(
                Resource.portfolio_id == portfolio_id, Resource.kind != ResourceKind.MATERIAL
            )
        ).all()
        tasks = {task.id: task for task in plan.tasks}
        task_rows = {
            row.id: (row.version, row.start, row.finish, row.name)
            for row in session.execute(
                select(Task.id, Task.version, Task.start, Task.finish, Task.name)
                .join(Project, Project.id == Task.project_id)
                .where(Project.portfolio_id == portfolio_id)
            )
        }
        assignment_rows = [
            row
            for row in session.execute(
                select(
                    Assignment.id,
                    Assignment.task_id,
                    Assignment.version,
                    Assignment.start,
                    Assignment.finish,
                    Assignment.resource_id,
                    Assignment.units,
                )
            )
            if row.task_id in tasks
        ]
    resources = [ResourceSpec(id=r.id, name=r.name, role=r.role, max_units=r.max_units)
                 for r in rows]  # fmt: skip
    known = {resource.id: (resource.name, resource.max_units) for resource in resources}
    specs = [AssignmentSpec(row.task_id, row.resource_id, row.units)
             for row in assignment_rows if row.resource_id in known]  # fmt: skip
    try:
        scheduled = schedule(plan)
    except SchedulingError as exc:
        raise PlanError(str(exc)) from None
    fixed = [
        task if _movable(task, scheduled.tasks[task.id].start, chosen, options)
        else replace(task, priority=DO_NOT_LEVEL)
        for task in plan.tasks
    ]  # fmt: skip
    scheduled_plan, levelling = _level(
        replace(plan, tasks=fixed), resources, specs, within_slack=options.within_slack,
        time_limit_s=options.time_limit_s, progress=progress, cancel=cancel,
    )  # fmt: skip
    levelled = levelled_schedule(plan, scheduled_plan, levelling)
    per_day = plan.calendar.minutes_per_day or 480
    moved = {task.id for task in levelling.tasks.values() if task.shift}
    new_dates: dict[int, tuple[datetime, datetime]] = {}
    moves: list[TaskMove] = []
    for task_id in sorted(moved):
        spec, outcome, stored = tasks[task_id], levelling.tasks[task_id], task_rows[task_id]
        new_dates[task_id] = (outcome.start, outcome.finish)
        assert spec.project is not None
        moves.append(TaskMove(
            task_id, spec.project, names.get(spec.project, ""), stored[3],
            stored[1] or outcome.start, stored[2] or outcome.finish,
            outcome.start, outcome.finish, outcome.shift / per_day,
        ))  # fmt: skip
        parent = spec.parent
        while parent is not None and parent not in new_dates:
            summary = levelled.tasks[parent]
            if (summary.start, summary.finish) != task_rows[parent][1:3]:
                new_dates[parent] = (summary.start, summary.finish)
            parent = tasks[parent].parent
    moves.sort(key=lambda move: (move.project_name.casefold(), move.levelled_start, move.task_id))
    before = [(row.resource_id, row.start, row.finish, row.units) for row in assignment_rows]
    after = [
        (resource_id, *new_dates.get(task_id, (start, finish)), units)
        for _, task_id, _, start, finish, resource_id, units in assignment_rows
    ]
    return LevellingPlan(
        portfolio_id=portfolio_id,
        options=options,
        moves=moves,
        projects=_slips(plan, task_rows, new_dates, chosen, names, per_day),
        over_before=over_allocations(before, known),
        over_after=over_allocations(after, known),
        messages=levelling.over_allocations,
        cancelled=levelling.cancelled,
        _task_rows={key: value[:3] for key, value in task_rows.items()},
        _assignment_rows=[tuple(row[:5]) for row in assignment_rows],
        _new_dates=new_dates,
    )


def _slips(
    plan: ScheduleInput,
    task_rows: dict[int, tuple[int, datetime | None, datetime | None, str]],
    new_dates: dict[int, tuple[datetime, datetime]],
    chosen: set[int],
    names: dict[int, str],
    per_day: int,
) -> list[ProjectSlip]:
    """Each project of the scope: its finish (latest task finish) before and after."""
    calendar = WorkingCalendar(plan.calendar, plan.start.date())
    finish: dict[int, datetime] = {}
    levelled: dict[int, datetime] = {}
    for task in plan.tasks:
        if task.project is None or task.project not in chosen:
            continue
        old = task_rows[task.id][2]
        new = new_dates.get(task.id, (None, old))[1]
        if old is not None:
            finish[task.project] = max(old, finish.get(task.project, old))
        if new is not None:
            levelled[task.project] = max(new, levelled.get(task.project, new))
    slips = []
    for project in sorted(chosen, key=lambda key: names.get(key, "").casefold()):
        before, after = finish.get(project), levelled.get(project)
        slip = 0.0
        if before is not None and after is not None and after > before:
            slip = (calendar.offset(after) - calendar.offset(before)) / per_day
        slips.append(ProjectSlip(project, names.get(project, ""), before, after, slip))
    return slips


def levelling_scopes(
    database: Database, portfolio_id: int
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The programmes and the projects of a portfolio, (id, name) in name order."""
    with database.session() as session:
        found = []
        for model in (Programme, Project):
            rows = session.execute(
                select(model.id, model.name).where(model.portfolio_id == portfolio_id)
            ).all()
            found.append(
                sorted(((row.id, row.name) for row in rows), key=lambda r: r[1].casefold())
            )
    return found[0], found[1]
