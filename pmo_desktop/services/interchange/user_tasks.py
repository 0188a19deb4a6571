"""A user's own task sheet into a project, through a column mapping (`user_sheets`).

Every row is checked first and every problem kept with its sheet, row and column; the tasks
are then added after the project's own (their outline from Parent, else Outline level,
else WBS), with their links, their assignments and any resource not yet in the pool, and
the project is rescheduled, all in one transaction. A dry run, or any problem (a loop of
links included, found by scheduling), rolls all of it back.

Predecessors ("3FS+2d;5") and Parent name the sheet's own tasks: by the ID column when it
is mapped, else by their number in the sheet (1 for the first task; blank rows do not
count). A Start is kept as a "start no earlier than" constraint (an actual start when the
task has progress); a Finish sets the duration when Duration is blank, or alone is a
"finish no earlier than". A leaf without any of them lasts one day (MS Project's default).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pmo_desktop.errors import NotFoundError, ValidationError
from pmo_desktop.interop.xlsx import values
from pmo_desktop.models import (
    Assignment,
    Calendar,
    Dependency,
    Portfolio,
    Project,
    Resource,
    Task,
)
from pmo_desktop.models.enums import ConstraintType, ResourceKind
from pmo_desktop.scheduling.calendar import WorkingCalendar
from pmo_desktop.services.interchange.log_import import ImportReport, _pattern
from pmo_desktop.services.interchange.log_rows import RowError
from pmo_desktop.services.interchange.user_sheets import (
    TASK_SHEET,
    MappedSheet,
    blank,
    duration,
    map_sheet,
    short_text,
)
from pmo_desktop.services.interchange.user_task_rows import (
    Link,
    TaskRow,
    assigned,
    english,
    loop,
    percent,
    positive,
    related,
)
from pmo_desktop.services.predecessors import WorkingTime, parse_predecessors
from pmo_desktop.services.project_schedule import (
    load_project_plan,
    reschedule_in,
    schedule_project,
)
from pmo_desktop.services.scheduling import PlanError, load_calendar
from pmo_desktop.storage.database import Database

#: The units a bare number in the Duration column may be in.
DURATION_UNITS = ("d", "h", "w", "mo", "m")


def import_user_tasks(
    database: Database,
    path: str | os.PathLike[str],
    project_id: int,
    *,
    mapping: Mapping[str, str],
    sheet: str | None = None,
    dry_run: bool = True,
    duration_unit: str = "d",
) -> ImportReport:
    """Tasks from a user's sheet, added to the project and scheduled. `mapping` says which
    of their headers holds each of our columns (`TASK_SHEET.columns`; "Name" at least);
    `duration_unit` is the unit of a bare number in the Duration column."""
    if duration_unit not in DURATION_UNITS:
        raise ValidationError(f"{duration_unit!r} is not a duration unit "
                              f"({', '.join(DURATION_UNITS)}).")  # fmt: skip
    mapped = map_sheet(path, TASK_SHEET, mapping, sheet)
    with database.session() as session:
        project = session.get(Project, project_id)
        if project is None:
            raise NotFoundError(f"Project {project_id} does not exist.")
        portfolio_id = project.portfolio_id
    report = ImportReport(portfolio_id, dry_run)
    try:
        with database.write_session() as session:
            _TaskImport(session, database, mapped, project_id, report, duration_unit).run()
            if report.errors or dry_run:
                raise _RollbackError
    except _RollbackError:
        pass
    report.errors.sort()
    return report


class _RollbackError(Exception):
    """Leaves the write transaction without committing (dry run or errors)."""


class _TaskImport:
    def __init__(self, session: Session, database: Database, mapped: MappedSheet,
                 project_id: int, report: ImportReport, unit: str) -> None:  # fmt: skip
        self.session, self.database, self.mapped = session, database, mapped
        self.project_id, self.report, self.unit = project_id, report, unit
        project = session.get(Project, project_id)
        assert project is not None
        self.project = project
        calendar_id = project.calendar_id
        if calendar_id is None:
            portfolio = session.get(Portfolio, project.portfolio_id)
            calendar_id = portfolio.calendar_id if portfolio is not None else None
        stored = session.get(Calendar, calendar_id) if calendar_id is not None else None
        self.time = (
            WorkingTime(stored.minutes_per_day, stored.minutes_per_week, stored.days_per_month)
            if stored is not None
            else WorkingTime()
        )
        self.calendar_spec = load_calendar(session, calendar_id)
        self.calendar: WorkingCalendar | None = None
        self.title = mapped.title
        self.parsed: list[TaskRow] = []

    # ----------------------------------------------------------------- errors
    def error(self, number: int, ours: str, message: str) -> None:
        self.report.errors.append(RowError(self.title, number, self.mapped.where(ours), message))

    def _read(self, number: int, row: list[Any], ours: str, parse: Any) -> Any:
        try:
            return parse(self.mapped.cell(row, ours))
        except (ValueError, ValidationError) as error:
            self.error(number, ours, str(error))
            return None

    # ------------------------------------------------------------------- run
    def run(self) -> None:
        rows = self.parsed = self._rows()
        if not rows:
            self.report.notes.append(f"sheet {self.title!r} holds no task")
        by_key = {row.key: row for row in rows}
        self._outline(rows, by_key)
        links = self._links(rows, by_key)
        names = self._resources(rows)
        if self.report.errors:
            return
        self._store(rows, links, names)
        self._schedule()

    def _rows(self) -> list[TaskRow]:
        mapped = self.mapped
        has_id = "ID" in mapped.columns
        rows: list[TaskRow] = []
        seen: dict[int, int] = {}
        for sequence, (number, cells) in enumerate(mapped.rows.rows, start=1):
            key = sequence
            if has_id:
                key = self._read(number, cells, "ID", positive) or 0
                if key and key in seen:
                    self.error(number, "ID", f"the same ID as row {seen[key]}")
                seen.setdefault(key, number)
            row = TaskRow(number, key)
            raw_name = mapped.cell(cells, "Name")
            if blank(raw_name):
                self.error(number, "Name", "a value is required here")
            else:
                row.name = self._read(number, cells, "Name", lambda v: short_text(v, 300)) or ""
            row.level = self._read(number, cells, "Outline level", positive)
            row.wbs = self._read(number, cells, "WBS", lambda v: short_text(v, 60)) or ""
            row.parent_key = self._read(number, cells, "Parent", positive)
            row.minutes = self._read(
                number, cells, "Duration",
                lambda v: duration(v, self.unit, self.time.unit_minutes),
            )  # fmt: skip
            row.start = self._read(number, cells, "Start", values.moment)
            row.finish = self._read(number, cells, "Finish", values.moment)
            if row.start and row.finish and _day_end(row.finish) < row.start:
                self.error(number, "Finish", "the finish is before the start")
                row.finish = None
            row.percent = self._read(number, cells, "% complete", percent)
            row.predecessors = self._read(
                number, cells, "Predecessors",
                lambda v: parse_predecessors(english(values.text(v)), self.time),
            ) or []  # fmt: skip
            row.resources = self._read(number, cells, "Resources", assigned) or []
            row.notes = self._read(number, cells, "Notes", lambda v: short_text(v, 0, long=True))
            row.notes = row.notes or ""
            row.milestone = bool(self._read(number, cells, "Milestone", values.flag))
            rows.append(row)
        return rows

    def _outline(self, rows: list[TaskRow], by_key: dict[int, TaskRow]) -> None:
        """Each row's parent: from Parent, else Outline level, else WBS (else none)."""
        columns = self.mapped.columns
        if "Parent" in columns:
            place = {id(row): index for index, row in enumerate(rows)}
            for index, row in enumerate(rows):
                if row.parent_key is None:
                    continue
                parent = by_key.get(row.parent_key)
                if parent is None:
                    self.error(row.number, "Parent", f"no task {row.parent_key} in this sheet")
                elif parent is row:
                    self.error(row.number, "Parent", "a task cannot be its own parent")
                elif place[id(parent)] > index:
                    self.error(row.number, "Parent", f"task {row.parent_key} comes below this "
                               "row: a summary task comes above its subtasks")  # fmt: skip
                else:
                    row.parent = parent
        elif "Outline level" in columns:
            stack: list[TaskRow] = []
            for row in rows:
                level = row.level or 1
                if level > len(stack) + 1:
                    self.error(row.number, "Outline level", f"level {level} right after level "
                               f"{len(stack)}: a task is at most one level below the row "
                               "above it")  # fmt: skip
                    level = len(stack) + 1
                del stack[level - 1 :]
                row.parent = stack[-1] if stack else None
                stack.append(row)
        elif "WBS" in columns:
            by_wbs: dict[str, TaskRow] = {}
            for row in rows:
                code = row.wbs.strip().rstrip(".")
                if code and code in by_wbs:
                    self.error(row.number, "WBS", f"the same WBS as row {by_wbs[code].number}")
                    continue
                if "." in code:
                    above = code.rsplit(".", 1)[0]
                    row.parent = by_wbs.get(above)
                    if row.parent is None:
                        self.error(row.number, "WBS", f"no task with the WBS {above!r} above "
                                   "this row")  # fmt: skip
                if code:
                    by_wbs[code] = row
        for row in rows:
            if row.parent is not None:
                row.parent.children += 1

    def _links(self, rows: list[TaskRow], by_key: dict[int, TaskRow]) -> list[Link]:
        links = []
        for row in rows:
            for entry in row.predecessors:
                before = by_key.get(entry.row)
                if before is None:
                    self.error(row.number, "Predecessors", f"no task {entry.row} in this sheet")
                elif before is row:
                    self.error(row.number, "Predecessors", "a task cannot be its own predecessor")
                elif related(before, row):
                    self.error(row.number, "Predecessors", f"task {entry.row} is a summary task "
                               "of this one or one of its subtasks: they cannot be "
                               "linked")  # fmt: skip
                else:
                    links.append((before, row, entry))
        cycle = loop(links)
        if cycle:
            path = " → ".join(str(row.key) for row in cycle)
            self.error(cycle[0].number, "Predecessors", f"these links make a loop: {path}")
        return links

    def _resources(self, rows: list[TaskRow]) -> dict[str, int | None]:
        """Resource name (folded) → its id in the pool; None for a name to add."""
        statement = select(Resource.name, Resource.id).where(
            Resource.portfolio_id == self.project.portfolio_id
        )
        pool = {name.casefold(): resource_id for name, resource_id in self.session.execute(
            statement)}  # fmt: skip
        found: dict[str, int | None] = {}
        new: list[str] = []
        for row in rows:
            seen: set[str] = set()
            if row.resources and row.children:
                self.error(row.number, "Resources", "a summary task takes no resources: assign "
                           "them to its subtasks")  # fmt: skip
                continue
            for name, _ in row.resources:
                key = name.casefold()
                if key in seen:
                    self.error(row.number, "Resources", f"{name!r} is named twice")
                seen.add(key)
                if key not in found:
                    found[key] = pool.get(key)
                    if found[key] is None:
                        new.append(name)
        if new:
            listed = ", ".join(new[:20]) + (" …" if len(new) > 20 else "")
            self.report.notes.append(f"{len(new)} resource(s) added to the pool: {listed}")
        return found

    # ----------------------------------------------------------------- store
    def _store(self, rows: list[TaskRow], links: list[Link],
               names: dict[str, int | None]) -> None:  # fmt: skip
        session, project = self.session, self.project
        last = session.scalar(
            select(func.max(Task.position)).where(
                Task.project_id == project.id, Task.parent_id.is_(None)
            )
        )
        positions: dict[int | None, int] = {None: -1 if last is None else last}
        defaulted = 0
        depth: dict[int, int] = {}
        layers: list[list[TaskRow]] = []
        for row in rows:
            level = depth[id(row.parent)] + 1 if row.parent is not None else 1
            depth[id(row)] = level
            while len(layers) < level:
                layers.append([])
            layers[level - 1].append(row)
        for layer in layers:
            for row in layer:
                parent_key = id(row.parent) if row.parent is not None else None
                positions[parent_key] = positions.get(parent_key, -1) + 1
                defaulted += self._task(row, positions[parent_key], depth[id(row)])
            session.flush()
        self.report.created[self.title] += len(rows)
        if defaulted:
            self.report.notes.append(f"{defaulted} task(s) without a duration, start or "
                                     "finish last one day")  # fmt: skip
        for before, after, entry in links:
            assert before.task is not None and after.task is not None
            link = Dependency(predecessor_id=before.task.id, successor_id=after.task.id)
            link.type, link.lag, link.lag_unit = entry.type, entry.lag, entry.lag_unit
            session.add(link)
        if links:
            self.report.notes.append(f"{len(links)} link(s)")
        ids = self._new_resources(names)
        count = 0
        for row in rows:
            if row.task is None:
                continue
            work = 0
            for name, units in row.resources:
                minutes = round(row.task.duration_minutes * units)
                session.add(Assignment(task_id=row.task.id, resource_id=ids[name.casefold()],
                                       units=units, work_minutes=minutes))  # fmt: skip
                work += minutes
                count += 1
            row.task.work_minutes = work
        if count:
            self.report.notes.append(f"{count} assignment(s)")
        session.flush()

    def _task(self, row: TaskRow, position: int, level: int) -> int:
        """Add the row's task; 1 when its duration was left to the one-day default."""
        summary = row.children > 0
        minutes, defaulted = row.minutes, 0
        if minutes is None and row.start is not None and row.finish is not None:
            minutes = self._between(row.start, row.finish)
        if minutes is None:
            minutes = 0 if (row.milestone or summary) else self.time.minutes_per_day
            defaulted = 0 if (row.milestone or summary) else 1
        percent = row.percent or 0.0
        constraint, constraint_date = ConstraintType.ASAP, None
        actual_start = actual_finish = None
        if not summary and row.start is not None:
            if percent > 0:
                actual_start = row.start
            else:
                constraint, constraint_date = ConstraintType.SNET, row.start
        elif not summary and row.finish is not None and row.minutes is None:
            constraint, constraint_date = ConstraintType.FNET, self._finish(row.finish)
        if percent >= 100 and actual_start is not None and row.finish is not None:
            actual_finish = max(self._finish(row.finish), actual_start)
        task = Task(
            project_id=self.project.id,
            parent_id=row.parent.task.id if row.parent and row.parent.task else None,
            position=position,
            wbs=row.wbs,
            outline_level=level,
            name=row.name,
            notes=row.notes,
            is_summary=summary,
            is_milestone=row.milestone or (minutes == 0 and not summary),
            duration_minutes=minutes,
            constraint_type=constraint,
            constraint_date=constraint_date,
            percent_complete=percent,
            actual_start=actual_start,
            actual_finish=actual_finish,
        )
        self.session.add(task)
        row.task = task
        return defaulted

    def _new_resources(self, names: dict[str, int | None]) -> dict[str, int]:
        """Add the resources the pool lacks (people at 100 %, the pool's next codes)."""
        ids = {key: value for key, value in names.items() if value is not None}
        missing = [key for key, value in names.items() if value is None]
        if not missing:
            return ids
        portfolio_id = self.project.portfolio_id
        codes = list(self.session.scalars(
            select(Resource.code).where(Resource.portfolio_id == portfolio_id)))  # fmt: skip
        currency = self.session.scalar(select(Portfolio.currency).where(
            Portfolio.id == portfolio_id))  # fmt: skip
        spelled = {name.casefold(): name for row in self.parsed for name, _ in row.resources}
        prefix, width, following = _pattern(codes, "RES-")
        taken = {code.casefold() for code in codes}
        created = []
        for key in missing:
            while f"{prefix}{following:0{width}d}".casefold() in taken:
                following += 1
            code = f"{prefix}{following:0{width}d}"
            taken.add(code.casefold())
            resource = Resource(portfolio_id=portfolio_id, code=code, name=spelled[key][:200],
                                kind=ResourceKind.PERSON, currency=currency or "EUR")  # fmt: skip
            self.session.add(resource)
            created.append((key, resource))
        self.session.flush()
        ids.update((key, resource.id) for key, resource in created)
        self.report.created["Resources"] += len(created)
        return ids

    # ------------------------------------------------------------- schedule
    def _schedule(self) -> None:
        """Schedule the project with its new tasks: stored for an import, only checked for
        a dry run (a loop through summary tasks is found here)."""
        try:
            if self.report.dry_run:
                plan = load_project_plan(self.session, self.project_id)
                result = schedule_project(plan)
                names = tuple(f"'{spec.name}'" for spec in plan.plan.tasks if spec.id in
                              plan.stored)  # fmt: skip
                warnings = [w for w in result.warnings if w.startswith(names)]
            else:
                warnings = reschedule_in(self.session, self.database, self.project_id).warnings
        except PlanError as error:
            self.report.errors.append(RowError(self.title, 0, "-", f"the project cannot be "
                                               f"scheduled with these tasks: {error}"))  # fmt: skip
            return
        self.report.notes += [f"schedule: {warning}" for warning in warnings[:20]]

    def _working(self) -> WorkingCalendar:
        if self.calendar is None:
            origin = self.project.start_date or datetime.now().date()
            self.calendar = WorkingCalendar(self.calendar_spec, origin)
        return self.calendar

    def _between(self, start: datetime, finish: datetime) -> int:
        """Working minutes from `start` to `finish` (a date alone: the end of that day)."""
        return max(self._working().working_minutes(start, _day_end(finish)), 0)

    def _finish(self, finish: datetime) -> datetime:
        """A finish as a moment: a date alone is the end of that day's working time."""
        if finish.time() != time():
            return finish
        calendar = self._working()
        return calendar.finish_at(calendar.offset(_day_end(finish)))


def _day_end(moment: datetime) -> datetime:
    """A date without a time is the whole day: its end (next midnight)."""
    return moment + timedelta(days=1) if moment.time() == time() else moment


def project_choices(database: Database, portfolio_id: int) -> list[tuple[int, str]]:
    """The portfolio's projects a task sheet can go into: (id, "CODE — name"), by code."""
    with database.session() as session:
        rows = session.execute(
            select(Project.id, Project.code, Project.name)
            .where(Project.portfolio_id == portfolio_id)
            .order_by(Project.code)
        ).all()
    return [(row.id, f"{row.code} — {row.name}") for row in rows]
