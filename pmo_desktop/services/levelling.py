"""Resource levelling use cases: level an MS Project XML file, or propose delays for a
stored portfolio (the GUI previews them and applies them as one undoable action).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from sqlalchemy import select

from pmo_desktop.errors import InteropError, ValidationError
from pmo_desktop.interop.mspdi import MspdiImport, read_mspdi, to_schedule_input, write_mspdi
from pmo_desktop.models import Assignment, Programme, Project, Resource
from pmo_desktop.models.enums import ResourceKind
from pmo_desktop.scheduling.calendar import WorkingCalendar
from pmo_desktop.scheduling.cpm import SchedulingError, schedule
from pmo_desktop.scheduling.levelling import (
    DO_NOT_LEVEL,
    LevellingError,
    LevellingResult,
    level,
)
from pmo_desktop.scheduling.loading import ResourceSpec
from pmo_desktop.scheduling.model import AssignmentSpec, ScheduleInput, ScheduleResult, TaskSpec
from pmo_desktop.services.levelling_commands import (
    ApplyLevelling,
    AssignmentRow,
    TaskRow,
    changed_dates,
    date_steps,
    schedule_or_fail,
    scope_projects,
    stored_assignments,
    stored_tasks,
    with_delays,
)
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
    # Levelling starts from no delay (MS Project's "clear levelling values before levelling").
    plan = to_schedule_input(imported)
    plan = with_delays(plan, {task.id: 0 for task in plan.tasks if task.levelling_delay})
    resources, assignments = _file_resources(imported, plan)
    scheduled, levelling = _level(
        plan,
        resources,
        assignments,
        within_slack=within_slack,
        time_limit_s=time_limit_s,
        progress=progress,
    )
    # The file gets the delays and the dates (late dates and slack too) they give.
    result = schedule_or_fail(with_delays(plan, levelling.delays))
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
        plan = with_delays(plan, {task.id: 0 for task in plan.tasks if task.levelling_delay})
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
    _task_rows: dict[int, TaskRow] = field(repr=False)
    _assignment_rows: list[AssignmentRow] = field(repr=False)
    _new_dates: dict[int, tuple[datetime, datetime]] = field(repr=False)
    #: The levelling delay of every task of the scope that may move (0: none).
    _delays: dict[int, int] = field(default_factory=dict, repr=False)

    @property
    def removed(self) -> int:
        """Over-allocation stretches levelling removes (before minus after, never negative)."""
        return max(0, len(self.over_before) - len(self.over_after))

    def over_allocated_resources(self, *, after: bool) -> set[int]:
        return {item.resource_id for item in (self.over_after if after else self.over_before)}

    def command(self, text: str = "Level resources") -> ApplyLevelling:
        """The undoable command writing the levelling delays of the scope and every new
        date (tasks, their summaries and their assignments) with the row versions read."""
        steps = date_steps(self._new_dates, self._delays, self._task_rows, self._assignment_rows)
        return ApplyLevelling(steps, text)


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
        chosen = scope_projects(session, portfolio_id, options.scope, options.scope_id)
        names: dict[int, str] = dict(session.execute(
            select(Project.id, Project.name).where(Project.portfolio_id == portfolio_id)
        ).all())  # fmt: skip
        rows = session.execute(
            select(Resource.id, Resource.name, Resource.role, Resource.max_units).where(
                Resource.portfolio_id == portfolio_id, Resource.kind != ResourceKind.MATERIAL
            )
        ).all()
        tasks = {task.id: task for task in plan.tasks}
        task_rows = stored_tasks(session, portfolio_id)
        assignment_rows = stored_assignments(session, tasks)
    resources = [ResourceSpec(id=r.id, name=r.name, role=r.role, max_units=r.max_units)
                 for r in rows]  # fmt: skip
    known = {resource.id: (resource.name, resource.max_units) for resource in resources}
    specs = [AssignmentSpec(row.task_id, row.resource_id, row.units)
             for row in assignment_rows if row.resource_id in known]  # fmt: skip
    scheduled = schedule_or_fail(plan)
    movable = {task.id for task in plan.tasks
               if _movable(task, scheduled.tasks[task.id].start, chosen, options)}  # fmt: skip
    # As MS Project's "clear levelling values before levelling": the tasks that may move
    # lose their delays; the others keep theirs and do not move.
    cleared = [
        replace(task, levelling_delay=0) if task.id in movable
        else replace(task, priority=DO_NOT_LEVEL)
        for task in plan.tasks
    ]  # fmt: skip
    _, levelling = _level(
        replace(plan, tasks=cleared), resources, specs, within_slack=options.within_slack,
        time_limit_s=options.time_limit_s, progress=progress, cancel=cancel,
    )  # fmt: skip
    delays = {task_id: levelling.tasks[task_id].delay if task_id in levelling.tasks else 0
              for task_id in movable}  # fmt: skip
    # The dates a reschedule gives the plan with the new delays: they are what is written.
    levelled = schedule_or_fail(with_delays(plan, delays))
    new_dates = changed_dates(levelled, task_rows, delays)
    per_day = plan.calendar.minutes_per_day or 480
    calendar = WorkingCalendar(plan.calendar, plan.start.date())
    moves: list[TaskMove] = []
    summaries = {task.parent for task in plan.tasks if task.parent is not None}
    for task_id in sorted(new_dates.keys() - summaries):
        spec, stored = tasks[task_id], task_rows[task_id]
        start, finish = new_dates[task_id]
        before = stored.start or start
        if (before, stored.finish or finish) == (start, finish):
            continue  # only its delay changes
        shift = calendar.offset(start) - calendar.offset(before)
        moves.append(TaskMove(
            task_id, spec.project, names.get(spec.project, ""), stored.name,
            before, stored.finish or finish, start, finish, shift / per_day,
        ))  # fmt: skip
    moves.sort(key=lambda move: (move.project_name.casefold(), move.levelled_start, move.task_id))
    before = [(row.resource_id, row.start, row.finish, row.units) for row in assignment_rows]
    after = [
        (row.resource_id, *new_dates.get(row.task_id, (row.start, row.finish)), row.units)
        for row in assignment_rows
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
        _task_rows=task_rows,
        _assignment_rows=assignment_rows,
        _new_dates=new_dates,
        _delays=delays,
    )


def _slips(
    plan: ScheduleInput,
    task_rows: dict[int, TaskRow],
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
        old = task_rows[task.id].finish
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
