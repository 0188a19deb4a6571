"""Excel workbooks (.xlsx) out of and into the database: one project or a whole portfolio.

Export writes the stored plan (with its computed dates, for reading); import checks every
row of the workbook first and stores it in one transaction, then reschedules: a workbook
with any problem changes nothing.
"""

from __future__ import annotations

import os
from collections import defaultdict, namedtuple
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import starmap
from operator import attrgetter
from pathlib import Path
from typing import Any

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from pmo_desktop.errors import NotFoundError, ValidationError
from pmo_desktop.interop.xlsx import (
    ComputedDates,
    Predecessor,
    SheetAssignment,
    SheetCalendar,
    SheetProject,
    SheetResource,
    SheetTask,
    Workbook,
    read_workbook,
    write_workbook,
)
from pmo_desktop.interop.xlsx.fast import paused_gc
from pmo_desktop.models import (
    Assignment,
    CalendarException,
    CalendarExceptionInterval,
    Dependency,
    Portfolio,
    Project,
    Resource,
    Task,
)
from pmo_desktop.scheduling.model import Intervals
from pmo_desktop.services.interchange.excel_import import WorkbookImporter
from pmo_desktop.services.interchange.exporter import outline_order
from pmo_desktop.services.interchange.log_export import (
    LogExporter,
    loading_table,
    titles_for,
    week_start,
)
from pmo_desktop.services.interchange.log_sheets import SHEET_CHOICES
from pmo_desktop.services.interchange.task_update import (
    TaskUpdateSummary,
    stored_projects,
    update_tasks,
)
from pmo_desktop.services.resource_view import read_resource_loading
from pmo_desktop.services.scheduling import PlanError, load_calendar, reschedule
from pmo_desktop.storage import audit
from pmo_desktop.storage.database import Database


@dataclass(frozen=True)
class WorkbookExportSummary:
    """What one workbook export wrote; `warnings` names what it could not write."""

    projects: int
    tasks: int
    links: int
    resources: int
    assignments: int
    warnings: list[str] = field(default_factory=list)
    #: Rows written per sheet title (every sheet of the workbook).
    sheets: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class WorkbookImportSummary:
    """What one workbook import stored (project code → id), and what it did not import."""

    portfolio_id: int
    projects: dict[str, int]
    counts: dict[str, int]
    report: list[str]
    schedule_warnings: list[str] = field(default_factory=list)
    #: Set when the workbook updated stored projects (their UIDs) rather than adding them.
    update: TaskUpdateSummary | None = None


_TASK_COLUMNS = (
    "id", "project_id", "parent_id", "position", "wbs", "name", "duration_minutes",
    "percent_complete", "constraint_type", "priority", "is_milestone", "total_slack_minutes",
    "free_slack_minutes", "critical", "uuid",
)  # fmt: skip
_TASK_DATES = (
    "start", "finish", "constraint_date", "deadline", "actual_start", "actual_finish",
    "early_start", "early_finish", "late_start", "late_finish",
)  # fmt: skip
#: A task as the export reads it: a plain tuple (a Row's attributes are ten times slower).
_TaskRow = namedtuple("_TaskRow", _TASK_COLUMNS + _TASK_DATES)  # type: ignore[misc]


def _task_statement() -> Any:
    """The export's task columns, enums and dates as stored (read by `_task_rows`)."""
    c = Task.__table__.c
    plain = [type_coerce(c[name], String) if name == "constraint_type" else c[name]
             for name in _TASK_COLUMNS]  # fmt: skip
    return select(*plain, *(type_coerce(c[name], String).label(name) for name in _TASK_DATES))


class _Moments(dict[Any, Any]):
    """Stored dates by their value: SQLite gives ISO text (parsed once per distinct date,
    many times faster than SQLAlchemy's DateTime type), server drivers datetimes."""

    def __missing__(self, value: Any) -> Any:
        found = self[value] = datetime.fromisoformat(value) if isinstance(value, str) else value
        return found


def _task_rows(fetched: Sequence[Any]) -> list[Any]:
    """The fetched task rows as `_TaskRow`s, their dates parsed, a column at a time."""
    if not fetched:
        return []
    columns: list[Any] = list(zip(*fetched, strict=True))
    moments = _Moments()
    for index in range(len(_TASK_COLUMNS), len(columns)):
        columns[index] = map(moments.__getitem__, columns[index])
    return list(starmap(_TaskRow, zip(*columns, strict=True)))


# Hundreds of thousands of rows, values and cells, all kept until the file is written: the
# cyclic collector would go through them again and again for nothing (a third of the time).
@paused_gc()
def export_excel(
    database: Database,
    path: str | os.PathLike[str],
    *,
    project_id: int | None = None,
    portfolio_id: int | None = None,
    sheets: Sequence[str] = (),
    as_of: date | None = None,
) -> WorkbookExportSummary:
    """Write one project (`project_id`) or every project of a portfolio as a workbook.

    `sheets` picks among `SHEET_CHOICES` ("tasks", "risks", "resources", "loading", …;
    all when empty); the loading grid covers 26 weeks from `as_of` (today by default) and
    is written for a portfolio only.
    """
    if (project_id is None) == (portfolio_id is None):
        raise ValueError("export_excel takes a project_id or a portfolio_id")
    unknown = [name for name in sheets if name not in SHEET_CHOICES]
    if unknown:
        choices = ", ".join(SHEET_CHOICES)
        raise ValidationError(f"Unknown sheet {unknown[0]!r}: choose among {choices}.")
    titles = titles_for(sheets, SHEET_CHOICES)
    book: Workbook | None = None
    warnings: list[str] = []
    with database.session() as session:
        if project_id is not None:
            project = session.get(Project, project_id)
            if project is None:
                raise NotFoundError(f"Project {project_id} does not exist.")
            portfolio = session.get(Portfolio, project.portfolio_id)
            projects = [project]
        else:
            portfolio = session.get(Portfolio, portfolio_id)
            if portfolio is None:
                raise NotFoundError(f"Portfolio {portfolio_id} does not exist.")
            statement = select(Project).where(Project.portfolio_id == portfolio.id)
            projects = list(session.scalars(statement.order_by(Project.code)))
        assert portfolio is not None
        if "Tasks" in titles:
            book, warnings = _ExportBuilder(session, portfolio, projects).build(
                portfolio_id is not None
            )
        tables = LogExporter(session, portfolio.id, project_id).tables(titles)
    if "Loading" in titles and portfolio_id is not None:
        start = week_start(as_of or date.today())
        tables.append(loading_table(read_resource_loading(database, portfolio_id, start)))
    if book is None and not tables:
        raise ValidationError("Nothing to write: the Loading sheet is for a portfolio export.")
    write_workbook(book, path, tables)
    written = {table.title: len(table.rows) for table in tables}
    if book is None:
        resources = written.get("Resources", 0)
        return WorkbookExportSummary(0, 0, 0, resources, 0, warnings, written)
    written["Tasks"] = len(book.tasks)
    links = sum(len(task.predecessors) for task in book.tasks)
    resources = written.get("Resources", len(book.resources))
    counts = (len(book.projects), len(book.tasks), links, resources)
    return WorkbookExportSummary(*counts, len(book.assignments), warnings, written)


def _midnight(day: date | None) -> datetime | None:
    return datetime.combine(day, time()) if day is not None else None


class _ExportBuilder:
    """The stored projects as a `Workbook`: tasks numbered 1..n per project in outline order."""

    def __init__(self, session: Session, portfolio: Portfolio, projects: list[Project]) -> None:
        self.session, self.portfolio, self.projects = session, portfolio, projects
        self.warnings: list[str] = []
        self.task_keys: dict[int, tuple[str, int]] = {}  # tasks.id → (project code, ID)

    def build(self, whole_portfolio: bool) -> tuple[Workbook, list[str]]:
        calendars, sheet_projects = self._projects()
        project_ids = [project.id for project in self.projects]
        if whole_portfolio:
            in_scope = (
                select(Task.id).join(Project).where(Project.portfolio_id == self.portfolio.id)
            )
        else:
            in_scope = select(Task.id).where(Task.project_id.in_(project_ids))
        statement = _task_statement().where(Task.id.in_(in_scope))
        rows = _task_rows(self.session.execute(statement.order_by(Task.project_id, Task.id)).all())
        by_project: dict[int, list[Any]] = defaultdict(list)
        for row in rows:
            by_project[row.project_id].append(row)
        tasks: list[SheetTask] = []
        for project in self.projects:
            for number, (row, level, outline) in enumerate(
                outline_order(by_project[project.id]), start=1
            ):
                self.task_keys[row.id] = (project.code, number)
                tasks.append(_sheet_task(row, project.code, number, level, outline))
        by_key = {(task.project, task.id): task for task in tasks}
        self._links(in_scope, by_key)
        resources, assignments = self._assignments(in_scope, by_key, whole_portfolio)
        book = Workbook(sheet_projects, tasks, resources, assignments, calendars, whole_portfolio)
        return book, self.warnings

    def _projects(self) -> tuple[list[SheetCalendar], list[SheetProject]]:
        calendars: dict[int | None, SheetCalendar] = {}
        units: dict[int | None, tuple[int, int, int]] = {}
        sheet_projects = []
        for project in self.projects:
            calendar_id = project.calendar_id or self.portfolio.calendar_id
            if calendar_id not in calendars:
                spec = load_calendar(self.session, calendar_id)
                exceptions = self._exceptions(calendar_id)
                calendars[calendar_id] = SheetCalendar(spec.name, list(spec.week), exceptions)
                per_day, per_week = spec.minutes_per_day, spec.minutes_per_week
                units[calendar_id] = (per_day, per_week, spec.days_per_month)
            per_day, per_week, per_month = units[calendar_id]
            sheet_projects.append(
                SheetProject(
                    code=project.code,
                    name=project.name,
                    manager=project.manager,
                    sponsor=project.sponsor,
                    start=_midnight(project.start_date),
                    finish=_midnight(project.finish_date),
                    status_date=_midnight(project.status_date),
                    currency=project.currency,
                    calendar=calendars[calendar_id].name,
                    minutes_per_day=per_day,
                    minutes_per_week=per_week,
                    days_per_month=per_month,
                    uid=project.uuid,
                )
            )
        return list(calendars.values()), sheet_projects

    def _exceptions(self, calendar_id: int | None) -> list[tuple[date, date, Intervals, str]]:
        """A stored calendar's exceptions as they were entered: dates, hours and names."""
        if calendar_id is None:
            return []
        hours: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for row in self.session.execute(
            select(CalendarExceptionInterval.exception_id, CalendarExceptionInterval.start_minute,
                   CalendarExceptionInterval.end_minute)
            .join(CalendarException)
            .where(CalendarException.calendar_id == calendar_id)
            .order_by(CalendarExceptionInterval.start_minute)
        ):  # fmt: skip
            hours[row.exception_id].append((row.start_minute, row.end_minute))
        statement = (
            select(CalendarException)
            .where(CalendarException.calendar_id == calendar_id)
            .order_by(CalendarException.start_date, CalendarException.id)
        )
        return [
            (row.start_date, row.end_date, tuple(hours[row.id]) if row.working else (), row.name)
            for row in self.session.scalars(statement)
        ]

    def _links(self, in_scope: Any, by_key: dict[tuple[str, int], SheetTask]) -> None:
        # The link type and lag unit as stored: their enum values.
        statement = (
            select(Dependency.predecessor_id, Dependency.successor_id,
                   type_coerce(Dependency.type, String), Dependency.lag,
                   type_coerce(Dependency.lag_unit, String))
            .where(Dependency.successor_id.in_(in_scope))
            .order_by(Dependency.successor_id, Dependency.id)
        )  # fmt: skip
        task_keys = self.task_keys
        for predecessor_id, successor_id, kind, lag, unit in self.session.execute(statement):
            successor = task_keys[successor_id]
            predecessor = task_keys.get(predecessor_id)
            if predecessor is None:
                self.warnings.append(
                    f"Task {successor[1]} of {successor[0]}: its link from a task of another "
                    "project is not written (export the portfolio to keep it)"
                )
                continue
            project = predecessor[0] if predecessor[0] != successor[0] else ""
            entry = Predecessor(predecessor[1], kind, lag, unit, project)
            by_key[successor].predecessors.append(entry)
        for link in self.session.execute(
            select(Dependency.predecessor_id, Dependency.successor_id).where(
                Dependency.predecessor_id.in_(in_scope), Dependency.successor_id.not_in(in_scope)
            )
        ):
            code, number = self.task_keys[link.predecessor_id]
            self.warnings.append(
                f"Task {number} of {code}: its link to a task of another project is not written "
                "(export the portfolio to keep it)"
            )

    def _assignments(
        self, in_scope: Any, by_key: dict[tuple[str, int], SheetTask], whole_portfolio: bool
    ) -> tuple[list[SheetResource], list[SheetAssignment]]:
        statement = (
            select(Assignment.task_id, Assignment.resource_id, Assignment.units,
                   Assignment.work_minutes, Assignment.actual_work_minutes)
            .where(Assignment.task_id.in_(in_scope))
            .order_by(Assignment.task_id, Assignment.id)
        )  # fmt: skip
        rows = self.session.execute(statement).all()
        in_portfolio = Resource.portfolio_id == self.portfolio.id
        resources = {
            resource.id: resource
            for resource in self.session.scalars(select(Resource).where(in_portfolio))
        }
        used = {row[1] for row in rows}
        kept = [
            resource
            for resource in sorted(resources.values(), key=lambda resource: resource.code)
            if whole_portfolio or resource.id in used
        ]
        sheet_resources = [
            SheetResource(
                code=resource.code,
                name=resource.name,
                kind=resource.kind.value.capitalize(),
                role=resource.role,
                department=resource.department,
                max_units=resource.max_units,
                cost_rate=float(resource.cost_rate),
            )
            for resource in kept
        ]
        names = {key: resource.name for key, resource in resources.items()}
        task_keys = self.task_keys
        assignments = []
        for task_id, resource_id, units, work, actual_work in rows:
            key = task_keys[task_id]
            assignments.append(
                SheetAssignment(
                    key[0], key[1], names[resource_id], units, work, actual_work, by_key[key].name
                )
            )
        assignments.sort(key=attrgetter("project", "task_id"))
        return sheet_resources, assignments


def _sheet_task(row: Any, code: str, number: int, level: int, outline: str) -> SheetTask:
    return SheetTask(
        project=code,
        id=number,
        name=row.name,
        outline_level=level,
        wbs=row.wbs or outline,
        duration=row.duration_minutes,
        start=row.start,
        finish=row.finish,
        percent_complete=row.percent_complete,
        constraint=row.constraint_type,
        constraint_date=row.constraint_date,
        deadline=row.deadline,
        priority=row.priority,
        milestone=row.is_milestone,
        actual_start=row.actual_start,
        actual_finish=row.actual_finish,
        uid=row.uuid,
        computed=ComputedDates(
            row.early_start,
            row.early_finish,
            row.late_start,
            row.late_finish,
            row.total_slack_minutes,
            row.free_slack_minutes,
            row.critical,
        ),
    )


def import_excel(
    database: Database,
    path: str | os.PathLike[str],
    *,
    portfolio_name: str | None = None,
    as_new: bool = False,
) -> WorkbookImportSummary:
    """Store a workbook's project(s) in one transaction (nothing if any row is wrong), then
    reschedule them. A re-imported export of ours (its project or task UIDs are stored)
    updates those projects' tasks instead (`task_update`), unless `as_new` (a copy)."""
    source = Path(path)
    book = read_workbook(source)
    stored = None
    if not as_new:
        with database.session() as session:
            stored = stored_projects(session, book)
    if stored is not None:
        update = update_tasks(database, book, stored, source=source.name)
        report = [*book.report, *update.notes]
        return WorkbookImportSummary(
            update.portfolio_id, stored, update.counts(), report, update.schedule_warnings, update
        )
    title = book.projects[0].name if not book.portfolio else source.stem
    with database.write_session() as session:
        importer = WorkbookImporter(session, book)
        portfolio_id = importer.store(portfolio_name, title[:200] or "Imported portfolio")
        projects, counts = dict(importer.project_ids), dict(importer.counts)
        audit.record_import(session, source.name, counts, portfolio_id=portfolio_id)
    warnings = importer.schedule_warnings
    if not importer.scheduled:  # added to a portfolio holding other projects or resources
        try:
            warnings = reschedule(database, portfolio_id, list(projects.values())).warnings
        except PlanError as exc:
            warnings = [f"Not rescheduled: {exc}"]
    return WorkbookImportSummary(portfolio_id, projects, counts, list(book.report), warnings)
