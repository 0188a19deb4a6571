"""The rows of a checked workbook into the database, inside the caller's transaction.

Bulk rows go through Core inserts (one executemany per table and tree depth), so a
portfolio of 50,000 tasks stores in seconds. Calendars, projects and resources are matched
with what the portfolio already holds where that is safe (same name and same content).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pmo_desktop.interop.xlsx import SheetCalendar, Workbook
from pmo_desktop.interop.xlsx.fast import paused_gc
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
from pmo_desktop.models.enums import ConstraintType, LagUnit, LinkType, ResourceKind
from pmo_desktop.scheduling.model import CalendarSpec
from pmo_desktop.services.interchange.bulk import bulk_insert, new_uuids
from pmo_desktop.services.interchange.excel_plan import PlanProject, schedule_rows
from pmo_desktop.services.interchange.importer import _code, _unique
from pmo_desktop.services.scheduling import PlanError, load_calendar


class WorkbookImporter:
    """One workbook stored: `project_ids` (workbook code → projects.id) and `counts` after."""

    def __init__(self, session: Session, book: Workbook) -> None:
        self.session = session
        self.book = book
        self.counts: dict[str, int] = defaultdict(int)
        self.project_ids: dict[str, int] = {}
        self.task_ids: dict[tuple[str, int], int] = {}  # (workbook code, ID) → tasks.id
        self.task_rows: dict[tuple[str, int], dict[str, Any]] = {}
        self.plan_projects: dict[int, PlanProject] = {}
        #: Whether the tasks were stored scheduled (a portfolio of their own: see excel_plan);
        #: otherwise the caller reschedules the portfolio from the database.
        self.scheduled = False
        self.schedule_warnings: list[str] = []
        self._links_found: list[tuple[tuple[str, int], tuple[str, int], dict[str, Any]]] | None
        self._links_found = None

    def store(self, portfolio_name: str | None, title: str) -> int:
        """Everything of the workbook, in dependency order; returns the portfolio's id."""
        connection = self.session.connection()
        if connection.dialect.name != "sqlite":
            return self._store(portfolio_name, title)
        # A bigger page cache for this connection while the rows go in: SQLite then keeps
        # the new tables' and indexes' pages in memory instead of spilling them to the file
        # mid-transaction (a fifth of the inserts' time). Durability is unchanged: the same
        # journal, the same synchronous commit; the connection gets its own size back.
        before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
        connection.exec_driver_sql(f"PRAGMA cache_size=-{_IMPORT_CACHE_KIB}")
        try:
            return self._store(portfolio_name, title)
        finally:
            connection.exec_driver_sql(
                f"PRAGMA cache_size={-2000 if before is None else int(before)}"
            )

    def _store(self, portfolio_name: str | None, title: str) -> int:
        with paused_gc():  # 225,000 rows built and kept: nothing for the collector to find
            return self._store_all(portfolio_name, title)

    def _store_all(self, portfolio_name: str | None, title: str) -> int:
        portfolio_id = self._portfolio(portfolio_name, title)
        alone = not any(
            self.session.scalar(select(model.id).where(model.portfolio_id == portfolio_id).limit(1))
            for model in (Project, Resource)
        )
        calendars = self._calendars()
        self._projects(portfolio_id, calendars)
        self._tasks(portfolio_id if alone else None)
        self._links()
        self._assignments(self._resources(portfolio_id))
        return portfolio_id

    def _insert(self, model: type[Any], rows: Sequence[dict[str, Any]]) -> list[int]:
        """Insert rows (given a fresh "uuid" where they have none); their new ids in the
        rows' order, found back by the rows' UUIDs.

        (RETURNING in parameter order makes SQLite insert row by row: 20 times slower.)
        """
        if not rows:
            return []
        table = model.__table__
        missing = [row for row in rows if not row.get("uuid")]
        for row, key in zip(missing, new_uuids(len(missing)), strict=True):
            row["uuid"] = key  # the rows are the importer's own: keyed in place
        connection = self.session.connection()
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            top = connection.execute(select(func.max(table.c.id))).scalar() or 0
        bulk_insert(connection, table, rows)
        self.counts[table.name] += len(rows)
        ids: dict[str, int] = {}
        uuids = [row["uuid"] for row in rows]
        if sqlite and top < _LARGEST_ROWID - len(rows):
            # SQLite gives each new row the largest rowid plus one (its "usual algorithm",
            # always used below the largest possible rowid), and this transaction holds the
            # write lock: the rows got consecutive ids in their order. Checked on the first
            # and the last row; anything else is looked up row by row below.
            ends = select(table.c.uuid, table.c.id).where(table.c.uuid.in_([uuids[0], uuids[-1]]))
            found = {row.uuid: row.id for row in connection.execute(ends)}
            first, last = found.get(uuids[0]), found.get(uuids[-1])
            if first is not None and last is not None and last - first == len(uuids) - 1:
                return list(range(first, last + 1))
        for first in range(0, len(uuids), 5000):  # under every database's parameter limit
            batch = uuids[first : first + 5000]
            statement = select(table.c.uuid, table.c.id).where(table.c.uuid.in_(batch))
            ids.update((row.uuid, row.id) for row in connection.execute(statement))
        return [ids[key] for key in uuids]

    def _insert_only(self, model: type[Any], rows: Sequence[dict[str, Any]]) -> None:
        """Insert rows whose ids nobody needs: one plain executemany."""
        if rows:
            bulk_insert(self.session.connection(), model.__table__, rows)
            self.counts[model.__table__.name] += len(rows)

    def _portfolio(self, name: str | None, title: str) -> int:
        """The named portfolio, else the only one, else a new one named after the workbook."""
        if name is None:
            ids = list(self.session.scalars(select(Portfolio.id).limit(2)))
            if len(ids) == 1:
                return ids[0]
            name = title
        found = self.session.scalar(select(Portfolio.id).where(Portfolio.name == name))
        return found if found is not None else self._insert(Portfolio, [{"name": name}])[0]

    def _units(self, name: str) -> dict[str, int]:
        for project in self.book.projects:
            if project.calendar == name:
                return {
                    "minutes_per_day": project.minutes_per_day,
                    "minutes_per_week": project.minutes_per_week,
                    "days_per_month": project.days_per_month,
                }
        return {"minutes_per_day": 480, "minutes_per_week": 2400, "days_per_month": 20}

    def _calendars(self) -> dict[str, int]:
        """Calendar name in the workbook → calendars.id: an identical stored one, or a new one."""
        existing = dict(self.session.execute(select(Calendar.name, Calendar.id)).all())
        taken = {name.casefold() for name in existing}
        found: dict[str, int] = {}
        for calendar in self.book.calendars:
            units = self._units(calendar.name)
            stored = existing.get(calendar.name)
            if stored is not None and _same(load_calendar(self.session, stored), calendar, units):
                found[calendar.name] = stored
                continue
            name = _unique(calendar.name[:190], taken, fold=True)
            calendar_id = self._insert(Calendar, [{"name": name} | units])[0]
            found[calendar.name] = calendar_id
            self._insert_only(
                CalendarWorkingTime,
                [
                    {
                        "calendar_id": calendar_id,
                        "weekday": day,
                        "start_minute": start,
                        "end_minute": end,
                    }
                    for day, hours in enumerate(calendar.week)
                    for start, end in hours
                ],
            )
            ids = self._insert(
                CalendarException,
                [
                    {
                        "calendar_id": calendar_id,
                        "name": label[:200],
                        "start_date": first,
                        "end_date": last,
                        "working": bool(hours),
                    }
                    for first, last, hours, label in calendar.exceptions
                ],
            )
            self._insert_only(
                CalendarExceptionInterval,
                [
                    {"exception_id": exception_id, "start_minute": start, "end_minute": end}
                    for exception_id, (*_, hours, _) in zip(ids, calendar.exceptions, strict=True)
                    for start, end in hours
                ],
            )
        return found

    def _projects(self, portfolio_id: int, calendars: dict[str, int]) -> None:
        in_portfolio = Project.portfolio_id == portfolio_id
        taken = set(self.session.scalars(select(Project.code).where(in_portfolio)))
        currency = self.session.scalar(
            select(Portfolio.currency).where(Portfolio.id == portfolio_id)
        )
        rows = []
        for project in self.book.projects:
            code = _unique(_code(project.code) if project.code else _code(project.name), taken)
            start = project.start.date() if project.start else None
            rows.append(
                {
                    "portfolio_id": portfolio_id,
                    "code": code,
                    "name": project.name,
                    "manager": project.manager,
                    "sponsor": project.sponsor,
                    "start_date": start,
                    "status_date": project.status_date.date() if project.status_date else None,
                    "calendar_id": calendars.get(project.calendar),
                    "currency": project.currency if len(project.currency) == 3 else currency,
                }
            )
        ids = self._insert(Project, rows)
        self.plan_projects = {
            project_id: PlanProject(row["code"], row["start_date"], row["calendar_id"])
            for project_id, row in zip(ids, rows, strict=True)
        }
        self.project_ids = {
            project.code: project_id
            for project, project_id in zip(self.book.projects, ids, strict=True)
        }

    def _tasks(self, schedule_in: int | None) -> None:
        """Tasks one tree depth at a time, so each row is inserted with its parent's id;
        scheduled first when `schedule_in` (the portfolio's id) holds nothing else."""
        has_children = {(task.project, task.parent) for task in self.book.tasks if task.parent}
        work: dict[tuple[str, int], int] = defaultdict(int)
        for item in self.book.assignments:
            work[item.project, item.task_id] += item.work
        positions: dict[tuple[str, int | None], int] = defaultdict(int)
        depths: dict[tuple[str, int], int] = {}
        layers: list[list[tuple[tuple[str, int], dict[str, Any]]]] = []
        for task in self.book.tasks:
            key, parent = (task.project, task.id), task.parent
            depth = depths[task.project, parent] + 1 if parent is not None else 0
            depths[key] = depth
            if depth == len(layers):
                layers.append([])
            ordered = task.start is None or task.finish is None or task.finish >= task.start
            row = {
                "project_id": self.project_ids[task.project],
                "parent_id": parent,
                "position": positions[task.project, parent],
                "wbs": task.wbs,
                "outline_level": task.outline_level,
                "name": task.name,
                "is_summary": key in has_children,
                "is_milestone": task.milestone,
                "duration_minutes": task.duration,
                "work_minutes": work[key],
                "start": task.start,
                "finish": task.finish if ordered else task.start,
                "constraint_type": _CONSTRAINTS[task.constraint],
                "constraint_date": task.constraint_date,
                "deadline": task.deadline,
                "priority": task.priority,
                "percent_complete": task.percent_complete,
                "actual_start": task.actual_start,
                "actual_finish": task.actual_finish,
            }
            layers[depth].append((key, row))
            self.task_rows[key] = row
            positions[task.project, parent] += 1
        if schedule_in is not None:
            self._schedule(schedule_in, layers)
        for layer in layers:
            for (code, _), row in layer:
                if row["parent_id"] is not None:
                    row["parent_id"] = self.task_ids[code, row["parent_id"]]
            ids = self._insert(Task, [row for _, row in layer])
            keys = [key for key, _ in layer]
            self.task_ids.update(zip(keys, ids, strict=True))

    def _schedule(
        self, portfolio_id: int, layers: list[list[tuple[tuple[str, int], dict[str, Any]]]]
    ) -> None:
        calendar = self.session.scalar(
            select(Portfolio.calendar_id).where(Portfolio.id == portfolio_id)
        )
        tasks = [
            (key, None if row["parent_id"] is None else (key[0], row["parent_id"]), row)
            for layer in layers
            for key, row in layer
        ]
        try:
            self.schedule_warnings = schedule_rows(
                self.session, calendar, self.plan_projects, tasks, self._link_rows()
            )
        except PlanError as exc:
            self.schedule_warnings = [f"Not rescheduled: {exc}"]
        self.scheduled = True

    def _link_rows(self) -> list[tuple[tuple[str, int], tuple[str, int], dict[str, Any]]]:
        """(predecessor key, successor key, row without the task ids) of every link."""
        if self._links_found is not None:
            return self._links_found
        by_code = {project.code.casefold(): project.code for project in self.book.projects}
        self._links_found = [
            (
                (by_code[entry.project.casefold()] if entry.project else code, entry.task_id),
                (code, task.id),
                {
                    "type": _LINK_TYPES[entry.type],
                    "lag": entry.lag,
                    "lag_unit": _LAG_UNITS[entry.lag_unit],
                },
            )
            for code, task, entry in self.book.links()
        ]
        return self._links_found

    def _links(self) -> None:
        rows = [
            {"predecessor_id": self.task_ids[first], "successor_id": self.task_ids[second]} | row
            for first, second, row in self._link_rows()
        ]
        self._insert_only(Dependency, rows)

    def _resources(self, portfolio_id: int) -> dict[str, int]:
        """Workbook resource name (folded) → resources.id: matched by name, or created."""
        in_portfolio = Resource.portfolio_id == portfolio_id
        existing = {
            name.casefold(): resource_id
            for name, resource_id in self.session.execute(
                select(Resource.name, Resource.id).where(in_portfolio)
            )
        }
        codes = set(self.session.scalars(select(Resource.code).where(in_portfolio)))
        found: dict[str, int] = {}
        rows, names = [], []
        for resource in self.book.resources:
            key = resource.name.casefold()
            if key in existing:
                found[key] = existing[key]
                self.counts["resources_matched"] += 1
                continue
            stem = _code(resource.code or resource.name)
            rows.append(
                {
                    "portfolio_id": portfolio_id,
                    "code": _unique(stem, codes),
                    "name": resource.name,
                    "kind": ResourceKind(resource.kind.casefold()),
                    "role": resource.role,
                    "department": resource.department,
                    "max_units": resource.max_units,
                    "cost_rate": Decimal(str(round(resource.cost_rate, 2))),
                }
            )
            names.append(key)
        found.update(zip(names, self._insert(Resource, rows), strict=True))
        return found

    def _assignments(self, resources: dict[str, int]) -> None:
        rows = []
        for item in self.book.assignments:
            task = self.task_rows[item.project, item.task_id]
            rows.append(
                {
                    "task_id": self.task_ids[item.project, item.task_id],
                    "resource_id": resources[item.resource.casefold()],
                    "units": item.units,
                    "work_minutes": item.work,
                    "actual_work_minutes": item.actual_work,
                    "start": task["start"],
                    "finish": task["finish"],
                }
            )
        self._insert_only(Assignment, rows)


_LARGEST_ROWID = 2**63 - 1
#: The page cache (KiB) of the connection during an import: 64 MiB (SQLite's default: 2 MiB).
_IMPORT_CACHE_KIB = 64 * 1024

# Enum members by value: a dict look-up instead of an Enum call per row.
_LINK_TYPES = {member.value: member for member in LinkType}
_LAG_UNITS = {member.value: member for member in LagUnit}
_CONSTRAINTS = {member.value: member for member in ConstraintType}


def _same(stored: CalendarSpec, calendar: SheetCalendar, units: dict[str, int]) -> bool:
    """Whether a stored calendar has the workbook calendar's week, exceptions and units."""
    exceptions = {}
    for first, last, hours, _ in calendar.exceptions:
        for offset in range((last - first).days + 1):
            exceptions[first + timedelta(days=offset)] = hours
    return (
        tuple(stored.week) == tuple(calendar.week)
        and dict(stored.exceptions) == exceptions
        and stored.minutes_per_day == units["minutes_per_day"]
        and stored.minutes_per_week == units["minutes_per_week"]
        and stored.days_per_month == units["days_per_month"]
    )
