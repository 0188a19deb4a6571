"""Reschedule a portfolio: load its plan, run the CPM engine, store the dates.

The whole portfolio is scheduled in one pass (cross-project links need it, and 50,000
tasks take half a second); `project_ids` limits which projects' tasks are written back.
Everything is written in one transaction: either every date is stored or none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmo_desktop.errors import InteropError, NotFoundError, PmoError
from pmo_desktop.interop.mspdi import read_mspdi, to_schedule_input, write_mspdi
from pmo_desktop.models import (
    Assignment,
    Calendar,
    CalendarException,
    CalendarExceptionInterval,
    CalendarWorkingTime,
    Dependency,
    Portfolio,
    Project,
    Resource,
    Task,
)
from pmo_desktop.models.enums import ResourceKind
from pmo_desktop.scheduling.calendar import WorkingCalendar
from pmo_desktop.scheduling.cpm import SchedulingError, schedule
from pmo_desktop.scheduling.model import (
    STANDARD_WEEK,
    CalendarSpec,
    Intervals,
    LinkSpec,
    ScheduleInput,
    ScheduleResult,
    TaskSpec,
    WorkSpan,
)
from pmo_desktop.services import crud
from pmo_desktop.services.summary_durations import summary_durations
from pmo_desktop.storage.database import Database


class PlanError(PmoError):
    """The plan cannot be scheduled (a loop of links, say); nothing was stored."""


@dataclass(frozen=True)
class RescheduleSummary:
    tasks: int
    stored: int
    finish: datetime | None
    critical: int
    warnings: list[str]


def load_calendar(session: Session, calendar_id: int | None) -> CalendarSpec:
    """A stored calendar as the engine's CalendarSpec (the standard week when none)."""
    if calendar_id is None:
        return CalendarSpec()
    calendar = session.get(Calendar, calendar_id)
    if calendar is None:
        raise NotFoundError(f"Calendar {calendar_id} does not exist.")
    week: list[list[tuple[int, int]]] = [[] for _ in range(7)]
    for row in session.scalars(
        select(CalendarWorkingTime)
        .where(CalendarWorkingTime.calendar_id == calendar_id)
        .order_by(CalendarWorkingTime.weekday, CalendarWorkingTime.start_minute)
    ):
        week[row.weekday].append((row.start_minute, row.end_minute))
    exceptions: dict[date, Intervals] = {}
    intervals: dict[int, list[tuple[int, int]]] = {}
    for row in session.execute(
        select(CalendarExceptionInterval.exception_id, CalendarExceptionInterval.start_minute,
               CalendarExceptionInterval.end_minute)
        .join(CalendarException)
        .where(CalendarException.calendar_id == calendar_id)
        .order_by(CalendarExceptionInterval.start_minute)
    ):  # fmt: skip
        intervals.setdefault(row.exception_id, []).append((row.start_minute, row.end_minute))
    for exception in session.scalars(
        select(CalendarException).where(CalendarException.calendar_id == calendar_id)
    ):
        hours = tuple(intervals.get(exception.id, ())) if exception.working else ()
        day = exception.start_date
        while day <= exception.end_date:
            exceptions[day] = hours
            day = date.fromordinal(day.toordinal() + 1)
    has_week = any(week)
    return CalendarSpec(
        name=calendar.name,
        week=tuple(tuple(day) for day in week) if has_week else STANDARD_WEEK,
        exceptions=exceptions,
        minutes_per_day=calendar.minutes_per_day,
        minutes_per_week=calendar.minutes_per_week,
        days_per_month=calendar.days_per_month,
    )


def load_plan(session: Session, portfolio_id: int) -> ScheduleInput:
    """Every task and link of a portfolio, with each project's start and the calendars of
    its projects, tasks and work resources."""
    portfolio = session.get(Portfolio, portfolio_id)
    if portfolio is None:
        raise NotFoundError(f"Portfolio {portfolio_id} does not exist.")
    projects = list(session.scalars(select(Project).where(Project.portfolio_id == portfolio_id)))
    codes = {project.id: project.code for project in projects}
    calendar = load_calendar(session, portfolio.calendar_id)
    project_calendars = {project.id: project.calendar_id for project in projects}
    rows = session.execute(
        select(Task.id, Task.project_id, Task.parent_id, Task.name, Task.duration_minutes,
               Task.is_milestone, Task.constraint_type, Task.constraint_date, Task.deadline,
               Task.priority, Task.percent_complete, Task.actual_start, Task.actual_finish,
               Task.remaining_minutes, Task.start, Task.calendar_id, Task.levelling_delay_minutes)
        .join(Project, Project.id == Task.project_id)
        .where(Project.portfolio_id == portfolio_id)
        .order_by(Task.project_id, Task.id)
    ).all()  # fmt: skip
    # A task works on its own calendar, else its project's, else the portfolio's.
    own_calendar = {
        row.id: row.calendar_id or project_calendars.get(row.project_id) or portfolio.calendar_id
        for row in rows
    }
    spans = _work_spans(session, portfolio_id, own_calendar)
    used = {*own_calendar.values(), *[span.calendar for found in spans.values() for span in found]}
    calendars = {
        _calendar_name(calendar_id): load_calendar(session, calendar_id)
        for calendar_id in used
        if calendar_id is not None and calendar_id != portfolio.calendar_id
    }
    if portfolio.calendar_id is not None and portfolio.calendar_id in {
        span.calendar for found in spans.values() for span in found
    }:
        calendars[_calendar_name(portfolio.calendar_id)] = calendar
    tasks = [
        TaskSpec(
            id=row.id,
            # The engine's messages name tasks: say which project each belongs to.
            name=f"{codes[row.project_id]} {row.name}",
            duration=row.duration_minutes,
            parent=row.parent_id,
            milestone=row.is_milestone,
            constraint=row.constraint_type.value,
            constraint_date=row.constraint_date,
            deadline=row.deadline,
            calendar=None
            if own_calendar[row.id] in (None, portfolio.calendar_id)
            else _calendar_name(own_calendar[row.id]),
            priority=row.priority,
            percent_complete=row.percent_complete,
            actual_start=row.actual_start,
            actual_finish=row.actual_finish,
            remaining=row.remaining_minutes,
            project=row.project_id,
            levelling_delay=row.levelling_delay_minutes,
            # Only a calendar set on the task itself narrows its resources' time.
            spans=tuple(
                WorkSpan(
                    None if span.calendar is None else _calendar_name(span.calendar),
                    alone=row.calendar_id is None,
                )
                for span in spans.get(row.id, ())
            ),
        )
        for row in rows
    ]
    task_ids = {task.id for task in tasks}
    links = [
        LinkSpec(row.predecessor_id, row.successor_id, row.type.value, row.lag, row.lag_unit.value)
        for row in session.execute(
            select(
                Dependency.predecessor_id,
                Dependency.successor_id,
                Dependency.type,
                Dependency.lag,
                Dependency.lag_unit,
            )
            .join(Task, Task.id == Dependency.successor_id)
            .join(Project, Project.id == Task.project_id)
            .where(Project.portfolio_id == portfolio_id)
        )
        if row.predecessor_id in task_ids and row.successor_id in task_ids
    ]
    earliest = {row.project_id: row.start for row in reversed(rows) if row.start is not None}
    starts = {
        project.id: _project_start(project.start_date, earliest.get(project.id))
        for project in projects
    }
    start = min(starts.values(), default=datetime.combine(date.today(), time()))
    return ScheduleInput(
        start=start,
        tasks=tasks,
        links=links,
        calendar=calendar,
        calendars=calendars,
        project_starts=starts,
    )


def _calendar_name(calendar_id: int) -> str:
    return f"calendar-{calendar_id}"


@dataclass(frozen=True)
class _StoredSpan:
    calendar: int | None


def _work_spans(
    session: Session, portfolio_id: int, own_calendar: dict[int, int | None]
) -> dict[int, list[_StoredSpan]]:
    """Per task whose people or roles work on calendars of their own, one span each (the
    task's duration is the stored authority: each resource works it on its calendar)."""
    rows = session.execute(
        select(Assignment.task_id, Resource.calendar_id)
        .join(Resource, Resource.id == Assignment.resource_id)
        .join(Task, Task.id == Assignment.task_id)
        .join(Project, Project.id == Task.project_id)
        .where(
            Project.portfolio_id == portfolio_id,
            Resource.kind != ResourceKind.MATERIAL,
            Assignment.units > 0,
        )
        .order_by(Assignment.task_id, Assignment.id)
    ).all()
    found: dict[int, list[_StoredSpan]] = {}
    for row in rows:
        found.setdefault(row.task_id, []).append(_StoredSpan(row.calendar_id))
    return {
        task_id: [
            _StoredSpan(None if span.calendar in (None, own_calendar[task_id]) else span.calendar)
            for span in found_spans
        ]
        for task_id, found_spans in found.items()
        if any(span.calendar not in (None, own_calendar[task_id]) for span in found_spans)
    }


def _project_start(start_date: date | None, first_task: datetime | None) -> datetime:
    if start_date is not None:
        return datetime.combine(start_date, time())
    if first_task is not None:
        return datetime.combine(first_task.date(), time())
    return datetime.combine(date.today(), time())


def reschedule(
    database: Database,
    portfolio_id: int,
    project_ids: Iterable[int] | None = None,
    status_date: date | None = None,
) -> RescheduleSummary:
    """Schedule the portfolio and store the dates of the chosen projects (default: all).

    `status_date`: progress is recorded up to the end of that day; work not done is not
    planned before it (as `schedule_file`'s)."""
    chosen = set(project_ids) if project_ids is not None else None
    with database.write_session() as session:
        plan, result, stored = reschedule_in(session, portfolio_id, chosen, status_date)
    kept = [spec for spec in plan.tasks if chosen is None or spec.project in chosen]
    names = tuple(f"'{spec.name}'" for spec in kept)
    return RescheduleSummary(
        tasks=len(plan.tasks),
        stored=stored,
        finish=max((result.tasks[spec.id].finish for spec in kept), default=None),
        critical=sum(1 for spec in kept if result.tasks[spec.id].critical),
        warnings=[warning for warning in result.warnings if warning.startswith(names)],
    )


def reschedule_in(
    session: Session,
    portfolio_id: int,
    chosen: set[int] | None = None,
    status_date: date | None = None,
) -> tuple[ScheduleInput, ScheduleResult, int]:
    """Schedule the portfolio inside the caller's transaction and store the chosen
    projects' dates (None: all); returns the plan, the result and the rows stored."""
    # The versions before the plan is read: the dates are stored only on rows still at
    # them, so another user's commit meanwhile (a server database) is a conflict.
    versions = _row_versions(session, portfolio_id, chosen)
    plan = load_plan(session, portfolio_id)
    if status_date is not None:
        plan.status_date = status_moment(plan.calendar, status_date, plan.start.date())
    try:
        result = schedule(plan)
    except SchedulingError as exc:
        raise PlanError(str(exc)) from None
    return plan, result, _store(session, plan, result, chosen, versions)


_RowVersions = tuple[dict[int, int], list[tuple[int, int, int]]]


def _row_versions(session: Session, portfolio_id: int, chosen: set[int] | None) -> _RowVersions:
    """Task id → version, and (assignment id, task id, version), of the chosen projects."""
    projects = select(Project.id).where(Project.portfolio_id == portfolio_id)
    if chosen is not None:
        projects = projects.where(Project.id.in_(chosen))
    tasks = dict(
        session.execute(select(Task.id, Task.version).where(Task.project_id.in_(projects))).all()
    )
    assignments = session.execute(
        select(Assignment.id, Assignment.task_id, Assignment.version)
        .join(Task, Task.id == Assignment.task_id)
        .where(Task.project_id.in_(projects))
    ).all()
    return tasks, [(row[0], row[1], row[2]) for row in assignments]


@dataclass(frozen=True)
class FileScheduleSummary:
    tasks: int
    finish: datetime | None
    critical: int
    warnings: list[str]
    not_imported: list[str]


def status_moment(calendar: CalendarSpec, day: date, origin: date) -> datetime:
    """A status date given as a day means "progress recorded up to the end of that day":
    the end of its working time (of the working day before, if it has none)."""
    working = WorkingCalendar(calendar, origin)
    return working.finish_at(working.offset(datetime.combine(day + timedelta(days=1), time())))


def schedule_file(
    source: Path, destination: Path, status_date: date | None = None
) -> FileScheduleSummary:
    """MS Project XML in, scheduled MS Project XML out (dates, slack, critical filled in).

    `status_date` replaces the file's own StatusDate (work not done is not planned before it).
    """
    try:
        imported = read_mspdi(source)
    except InteropError as exc:
        raise InteropError(f"{source}: {exc}") from None
    plan = to_schedule_input(imported)
    if status_date is not None:
        plan.status_date = status_moment(plan.calendar, status_date, plan.start.date())
        imported.properties.status_date = plan.status_date
    try:
        result = schedule(plan)
    except SchedulingError as exc:
        raise PlanError(str(exc)) from None
    write_mspdi(imported, result, destination)
    return FileScheduleSummary(
        tasks=len(plan.tasks),
        finish=result.finish if plan.tasks else None,
        critical=sum(1 for task in result.tasks.values() if task.critical),
        warnings=result.warnings,
        not_imported=[
            f"{entry.element} {entry.uid}: {entry.message}"
            if entry.uid is not None
            else f"{entry.element}: {entry.message}"
            for entry in imported.report
        ],
    )


def _store(
    session: Session,
    plan: ScheduleInput,
    result: ScheduleResult,
    chosen: set[int] | None,
    versions: _RowVersions,
) -> int:
    task_versions, assignment_versions = versions
    rows = [
        {
            "id": spec.id,
            "version": task_versions[spec.id],
            "start": outcome.start,
            "finish": outcome.finish,
            "early_start": outcome.early_start,
            "early_finish": outcome.early_finish,
            "late_start": outcome.late_start,
            "late_finish": outcome.late_finish,
            "total_slack_minutes": outcome.total_slack,
            "free_slack_minutes": outcome.free_slack,
            "critical": outcome.critical,
        }
        for spec in plan.tasks
        if (chosen is None or spec.project in chosen) and spec.id in task_versions
        for outcome in (result.tasks[spec.id],)
    ]
    if not rows:
        return 0
    now = datetime.now().astimezone()
    # A summary's duration follows its dates (working time from start to finish).
    durations = summary_durations(plan, result, {row["id"] for row in rows})
    summary_rows = [row | {"duration_minutes": durations[row["id"]]}
                    for row in rows if row["id"] in durations]  # fmt: skip
    # Every changed row gets a new version: an editor holding the old one sees a conflict.
    # Each row is written only at the version read before the plan (issue 8 §2), with
    # set-based statements on a server (one change notice per 500 rows, not per row).
    crud.update_rows(session, Task, [row for row in rows if row["id"] not in durations],
                     also={"updated_at": now})  # fmt: skip
    crud.update_rows(session, Task, summary_rows, also={"updated_at": now})
    spans = {row["id"]: (row["start"], row["finish"]) for row in rows}
    assignment_rows = [
        {"id": assignment_id, "version": version,
         "start": spans[task_id][0], "finish": spans[task_id][1]}
        for assignment_id, task_id, version in assignment_versions if task_id in spans
    ]  # fmt: skip
    crud.update_rows(session, Assignment, assignment_rows, also={"updated_at": now})
    return len(rows)
