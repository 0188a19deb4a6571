"""Variances of the current schedule against one of a project's baselines (numbers 0..10).

Date and duration variances are working minutes on the project's calendar, positive when
the current schedule is later or longer, as Microsoft Project reports them; cost variance is
current minus baseline. Tasks added since the baseline have no variances and are listed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from pmo_desktop.scheduling.calendar import WorkingCalendar
from pmo_desktop.scheduling.model import CalendarSpec

#: Baselines a project keeps, numbered 0 ("Baseline") to 10 ("Baseline 10").
BASELINE_NUMBERS = range(11)
ZERO = Decimal(0)


@dataclass(frozen=True)
class TaskSnapshot:
    """A task's dates, cost and work, now or as saved in a baseline; `duration` (working
    minutes) defaults to the working time between start and finish."""

    id: int
    start: datetime
    finish: datetime
    project: int = 0
    cost: Decimal = ZERO
    work: int = 0
    duration: int | None = None


@dataclass(frozen=True)
class TaskVariance:
    """Current minus baseline; all None when the task is not in the baseline."""

    id: int
    project: int
    in_baseline: bool
    start_variance: int | None = None
    finish_variance: int | None = None
    duration_variance: int | None = None
    cost_variance: Decimal | None = None
    work_variance: int | None = None


@dataclass(frozen=True)
class ProjectVariance:
    """A project's span and cost now and in the baseline (None when nothing is baselined)."""

    project: int
    start: datetime | None
    finish: datetime | None
    baseline_start: datetime | None
    baseline_finish: datetime | None
    start_variance: int | None
    finish_variance: int | None
    duration_variance: int | None
    cost: Decimal
    baseline_cost: Decimal
    cost_variance: Decimal
    #: Current tasks the baseline does not have (added since), by id.
    not_in_baseline: list[int] = field(default_factory=list)
    #: Baseline tasks the current schedule no longer has (deleted since), by id.
    not_in_schedule: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class BaselineComparison:
    number: int
    tasks: dict[int, TaskVariance]
    projects: dict[int, ProjectVariance]


def _duration(task: TaskSnapshot, calendar: WorkingCalendar) -> int:
    if task.duration is not None:
        return task.duration
    return calendar.working_minutes(task.start, task.finish)


def _span(tasks: list[TaskSnapshot]) -> tuple[datetime | None, datetime | None]:
    if not tasks:
        return None, None
    return min(task.start for task in tasks), max(task.finish for task in tasks)


def compare_to_baseline(
    current: Iterable[TaskSnapshot],
    baseline: Iterable[TaskSnapshot],
    *,
    number: int = 0,
    project_calendars: Mapping[int, CalendarSpec] | None = None,
    default_calendar: CalendarSpec | None = None,
) -> BaselineComparison:
    """Per-task and per-project variances of `current` against `baseline` (matched by id)."""
    current = list(current)
    saved = {task.id: task for task in baseline}
    starts = [task.start for task in current] + [task.start for task in saved.values()]
    default = default_calendar or CalendarSpec()
    project_calendars = project_calendars or {}
    built: dict[int, WorkingCalendar] = {}
    origin = min(starts).date() if starts else datetime.now().date()

    def calendar_of(project: int) -> WorkingCalendar:
        spec = project_calendars.get(project, default)
        calendar = built.get(id(spec))
        if calendar is None:
            calendar = built[id(spec)] = WorkingCalendar(spec, origin)
        return calendar

    tasks: dict[int, TaskVariance] = {}
    now_by_project: dict[int, list[TaskSnapshot]] = {}
    for task in current:
        now_by_project.setdefault(task.project, []).append(task)
        old = saved.get(task.id)
        if old is None:
            tasks[task.id] = TaskVariance(task.id, task.project, in_baseline=False)
            continue
        calendar = calendar_of(task.project)
        tasks[task.id] = TaskVariance(
            task.id,
            task.project,
            in_baseline=True,
            start_variance=calendar.working_minutes(old.start, task.start),
            finish_variance=calendar.working_minutes(old.finish, task.finish),
            duration_variance=_duration(task, calendar) - _duration(old, calendar),
            cost_variance=task.cost - old.cost,
            work_variance=task.work - old.work,
        )
    then_by_project: dict[int, list[TaskSnapshot]] = {}
    for task in saved.values():
        then_by_project.setdefault(task.project, []).append(task)
    projects: dict[int, ProjectVariance] = {}
    for project in sorted(now_by_project.keys() | then_by_project.keys()):
        now = now_by_project.get(project, [])
        then = then_by_project.get(project, [])
        start, finish = _span(now)
        baseline_start, baseline_finish = _span(then)
        calendar = calendar_of(project)
        start_variance = finish_variance = duration_variance = None
        if start and finish and baseline_start and baseline_finish:
            start_variance = calendar.working_minutes(baseline_start, start)
            finish_variance = calendar.working_minutes(baseline_finish, finish)
            duration_variance = calendar.working_minutes(start, finish) - calendar.working_minutes(
                baseline_start, baseline_finish
            )
        cost = sum((task.cost for task in now), ZERO)
        baseline_cost = sum((task.cost for task in then), ZERO)
        current_ids = {task.id for task in now}
        projects[project] = ProjectVariance(
            project,
            start,
            finish,
            baseline_start,
            baseline_finish,
            start_variance,
            finish_variance,
            duration_variance,
            cost,
            baseline_cost,
            cost - baseline_cost,
            not_in_baseline=[task.id for task in now if task.id not in saved],
            not_in_schedule=[task.id for task in then if task.id not in current_ids],
        )
    return BaselineComparison(number, tasks, projects)


def compare_to_saved_baseline(
    current: Iterable[TaskSnapshot],
    baselines: Mapping[int, Iterable[TaskSnapshot]],
    number: int,
    *,
    project_calendars: Mapping[int, CalendarSpec] | None = None,
    default_calendar: CalendarSpec | None = None,
) -> BaselineComparison:
    """`compare_to_baseline` against baseline `number` (0..10) of those saved."""
    if number not in BASELINE_NUMBERS:
        raise ValueError(f"Baseline {number} does not exist: baselines are numbered 0 to 10")
    if number not in baselines:
        raise ValueError(f"Baseline {number} has not been saved")
    return compare_to_baseline(
        current,
        baselines[number],
        number=number,
        project_calendars=project_calendars,
        default_calendar=default_calendar,
    )
