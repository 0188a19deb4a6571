"""Microsoft Project XML (MSPDI) into the database: one file, one new project, one transaction.

Then the portfolio is rescheduled. Bulk rows go through Core inserts so that a plan of
thousands of tasks imports in seconds.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from pmo_desktop.errors import InteropError
from pmo_desktop.interop import mspdi
from pmo_desktop.interop.mspdi import (
    MspdiImport,
    MspdiTask,
    not_stored_in_database,
    read_mspdi,
)
from pmo_desktop.models import (
    MAX_BASELINES,
    Assignment,
    Baseline,
    BaselineTask,
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
from pmo_desktop.scheduling.model import CalendarSpec, Intervals
from pmo_desktop.services.scheduling import PlanError, reschedule
from pmo_desktop.storage import audit
from pmo_desktop.storage.database import Database

#: Room left in a 40-character code for a "-N" suffix.
_CODE_STEM = 34
_KIND_FROM_TYPE = {0: ResourceKind.MATERIAL, 1: ResourceKind.PERSON, 2: ResourceKind.MATERIAL}


@dataclass(frozen=True)
class ImportSummary:
    """What one import stored, and what the file held that could not be mapped."""

    portfolio_id: int
    project_id: int
    project_code: str
    counts: dict[str, int]
    report: list[str]
    schedule_warnings: list[str] = field(default_factory=list)


def import_mspdi(
    database: Database, path: str | os.PathLike[str], *, portfolio_name: str | None = None
) -> ImportSummary:
    """Store an MSPDI file as a new project (one transaction), then reschedule it."""
    source = Path(path)
    try:
        imported = read_mspdi(source)
    except InteropError as exc:
        raise InteropError(f"{source}: {exc}") from None
    report = [str(entry) for entry in [*imported.report, *not_stored_in_database(imported)]]
    title = _project_title(imported.properties, source)
    with database.write_session() as session:
        writer = _ImportWriter(session, imported, report)
        portfolio_id = writer.portfolio(portfolio_name, title)
        calendar_id = writer.calendars(title)
        project_id, code = writer.project(portfolio_id, title, source.stem, calendar_id)
        writer.tasks(project_id)
        writer.links()
        writer.assignments(writer.resources(portfolio_id))
        writer.baselines(project_id)
        counts = dict(writer.counts)
        audit.record_import(
            session, source.name, counts, project_id=project_id, portfolio_id=portfolio_id
        )
    warnings: list[str] = []
    try:
        warnings = reschedule(database, portfolio_id, [project_id]).warnings
    except PlanError as exc:
        # The import is committed; the dates saved in the file stay until the plan is fixed.
        warnings = [f"Not rescheduled: {exc}"]
    return ImportSummary(portfolio_id, project_id, code, counts, report, warnings)


def _project_title(props: mspdi.ProjectProperties, source: Path) -> str:
    for text in (props.title, props.name):
        text = text.strip()
        if text.lower().endswith((".xml", ".mpp")):
            text = text[:-4]
        if text:
            return text[:200]
    return source.stem[:200] or "Imported project"


def _code(text: str) -> str:
    """An upper-case code made of the text's letters and digits (dashes between words)."""
    code = re.sub(r"[^0-9A-Za-z]+", "-", text).strip("-").upper()[:_CODE_STEM].rstrip("-")
    return code or "P"


def _unique(stem: str, taken: set[str], *, fold: bool = False) -> str:
    """`stem`, or `stem-2`, `stem-3`… : the first one not in `taken`."""
    key = (lambda value: value.casefold()) if fold else (lambda value: value)
    candidate, number = stem, 1
    while key(candidate) in taken:
        number += 1
        candidate = f"{stem}-{number}"
    taken.add(key(candidate))
    return candidate


def _runs(exceptions: dict[date, Intervals]) -> list[tuple[date, date, Intervals]]:
    """Consecutive exception days with the same hours, as (first, last, intervals)."""
    runs: list[tuple[date, date, Intervals]] = []
    for day in sorted(exceptions):
        hours = exceptions[day]
        if runs and runs[-1][1] + timedelta(days=1) == day and runs[-1][2] == hours:
            runs[-1] = (runs[-1][0], day, hours)
        else:
            runs.append((day, day, hours))
    return runs


class _ImportWriter:
    """The steps of one import, sharing the session, the id maps and the row counts."""

    def __init__(self, session: Session, imported: MspdiImport, report: list[str]) -> None:
        self.session = session
        self.imported = imported
        self.report = report
        self.counts: dict[str, int] = defaultdict(int)  # rows inserted, by table
        self.task_ids: dict[int, int] = {}  # file UID → tasks.id
        self.calendar_ids: dict[int, int] = {}  # file UID → calendars.id
        code = imported.properties.currency_code.upper()
        self.currency = {"currency": code} if len(code) == 3 else {}

    def _insert(self, model: type[Any], rows: Sequence[dict[str, Any]]) -> list[int]:
        """Insert rows in one executemany; their new ids, in the rows' order."""
        if not rows:
            return []
        table = model.__table__
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        ids = list(self.session.connection().execute(statement, list(rows)).scalars())
        self.counts[table.name] += len(ids)
        return ids

    def _calendar(self, uid: int | None) -> int | None:
        return self.calendar_ids.get(uid) if uid is not None else None

    def _taken(self, column: Any, *where: Any) -> set[str]:
        return set(self.session.scalars(select(column).where(*where)))

    def portfolio(self, name: str | None, title: str) -> int:
        """The named portfolio, else the only one, else one named after the project."""
        if name is None:
            ids = list(self.session.scalars(select(Portfolio.id).limit(2)))
            if len(ids) == 1:
                return ids[0]
            name = title
        found = self.session.scalar(select(Portfolio.id).where(Portfolio.name == name))
        row = {"name": name} | self.currency
        return found if found is not None else self._insert(Portfolio, [row])[0]

    def calendars(self, title: str) -> int:
        """Every calendar of the file (resolved over its base chain), under unique names.

        Returns the project calendar's id (a standard calendar when the file names none).
        """
        props = self.imported.properties
        sources = list(self.imported.calendars.values())
        specs = [calendar.spec for calendar in sources]
        if props.calendar_uid not in self.imported.calendars:
            specs.append(CalendarSpec())
        taken = {name.casefold() for name in self.session.scalars(select(Calendar.name))}
        units = {"minutes_per_day": props.minutes_per_day, "days_per_month": props.days_per_month}
        units["minutes_per_week"] = props.minutes_per_week
        names = [_unique(f"{title[:150]} – {spec.name[:40]}", taken, fold=True) for spec in specs]
        ids = self._insert(Calendar, [{"name": name} | units for name in names])
        self.calendar_ids = {c.uid: cid for c, cid in zip(sources, ids, strict=False)}
        bases = [
            {"row_id": self.calendar_ids[c.uid], "v_base": self.calendar_ids[c.base_uid]}
            for c in sources
            if c.base_uid is not None and c.base_uid in self.calendar_ids
        ]
        if bases:
            table = Calendar.__table__
            statement = update(table).where(table.c.id == bindparam("row_id"))
            self.session.connection().execute(
                statement.values(base_calendar_id=bindparam("v_base")), bases
            )
        self._insert(
            CalendarWorkingTime,
            [
                {"calendar_id": cid, "weekday": day, "start_minute": start, "end_minute": end}
                for spec, cid in zip(specs, ids, strict=True)
                for day, hours in enumerate(spec.week)
                for start, end in hours
            ],
        )
        runs = [
            (cid, *run)
            for spec, cid in zip(specs, ids, strict=True)
            for run in _runs(dict(spec.exceptions))
        ]
        exception_ids = self._insert(
            CalendarException,
            [
                {
                    "calendar_id": cid,
                    "name": "Working time" if hours else "Non-working",
                    "start_date": first,
                    "end_date": last,
                    "working": bool(hours),
                }
                for cid, first, last, hours in runs
            ],
        )
        self._insert(
            CalendarExceptionInterval,
            [
                {"exception_id": exception_id, "start_minute": start, "end_minute": end}
                for exception_id, (*_, hours) in zip(exception_ids, runs, strict=True)
                for start, end in hours
            ],
        )
        uid = props.calendar_uid
        return self.calendar_ids[uid] if uid in self.calendar_ids else ids[-1]

    def project(
        self, portfolio_id: int, title: str, stem: str, calendar_id: int
    ) -> tuple[int, str]:
        props = self.imported.properties
        taken = self._taken(Project.code, Project.portfolio_id == portfolio_id)
        code = _unique(_code(props.title.strip() or stem), taken)
        saved = (task.saved.start for task in self.imported.tasks if task.saved.start is not None)
        start = props.start or min(saved, default=None)
        finish = props.finish.date() if props.finish is not None else None
        if start is not None and finish is not None and finish < start.date():
            finish = None
        row = {
            "portfolio_id": portfolio_id,
            "code": code,
            "name": title,
            "start_date": start.date() if start is not None else None,
            "finish_date": finish,
            "status_date": props.status_date.date() if props.status_date is not None else None,
            "calendar_id": calendar_id,
        } | self.currency
        return self._insert(Project, [row])[0], code

    def tasks(self, project_id: int) -> None:
        """Tasks one tree depth at a time, so each row is inserted with its parent's id."""
        tasks = [task for task in self.imported.tasks if task.outline_level > 0]
        kept = {task.uid for task in tasks}
        has_children = {task.spec.parent for task in tasks}
        work: dict[int, int] = defaultdict(int)
        for assignment in self.imported.assignments:
            work[assignment.task_uid] += assignment.work
        positions: dict[int | None, int] = defaultdict(int)
        depths: dict[int, int] = {}
        layers: list[list[tuple[MspdiTask, dict[str, Any]]]] = []
        delays = mspdi.levelling_delays(self.imported)  # working minutes, by task id
        for task in tasks:
            spec, saved = task.spec, task.saved
            parent = spec.parent if spec.parent in kept else None
            depths[spec.id] = depth = depths[parent] + 1 if parent is not None else 0
            if depth == len(layers):  # a parent always comes before its children
                layers.append([])
            ordered = saved.start is None or saved.finish is None or saved.finish >= saved.start
            row = {
                "project_id": project_id,
                "parent_id": parent,
                "position": positions[parent],
                "wbs": (task.wbs or task.outline_number)[:60],
                "outline_level": task.outline_level,
                "name": (spec.name or f"Task {spec.id}")[:300],
                "is_summary": task.summary or spec.id in has_children,
                "is_milestone": spec.milestone,
                "duration_minutes": max(spec.duration, 0),
                "work_minutes": max(work[spec.id], 0),
                "start": saved.start,
                "finish": saved.finish if ordered else saved.start,
                "constraint_type": ConstraintType(spec.constraint),
                "constraint_date": spec.constraint_date,
                "deadline": spec.deadline,
                "priority": min(max(spec.priority, 0), 1000),
                "percent_complete": min(max(spec.percent_complete, 0.0), 100.0),
                "actual_start": spec.actual_start,
                "actual_finish": spec.actual_finish,
                "remaining_minutes": spec.remaining,
                "levelling_delay_minutes": max(delays.get(spec.id, 0), 0),
                "calendar_id": self._calendar(task.calendar_uid),
            }
            layers[depth].append((task, row))
            positions[parent] += 1
        for layer in layers:
            for _, row in layer:
                if row["parent_id"] is not None:
                    row["parent_id"] = self.task_ids[row["parent_id"]]
            ids = self._insert(Task, [row for _, row in layer])
            self.task_ids.update((t.uid, tid) for (t, _), tid in zip(layer, ids, strict=True))

    def links(self) -> None:
        rows: dict[tuple[int, int], dict[str, Any]] = {}
        for spec in (link.spec for link in self.imported.links):
            where = f"PredecessorLink UID {spec.successor}: link {spec.predecessor} → "
            pair = (spec.predecessor, spec.successor)
            if spec.predecessor not in self.task_ids or spec.successor not in self.task_ids:
                self.report.append(f"{where}{spec.successor} touches the project summary; ignored")
            elif pair in rows:
                self.report.append(f"{where}{spec.successor} given twice; the first one kept")
            else:
                rows[pair] = {
                    "predecessor_id": self.task_ids[spec.predecessor],
                    "successor_id": self.task_ids[spec.successor],
                    "type": LinkType(spec.type),
                    "lag": spec.lag,
                    "lag_unit": LagUnit(spec.lag_unit),
                }
        self._insert(Dependency, list(rows.values()))

    def resources(self, portfolio_id: int) -> dict[int, int]:
        """Resources matched by name in the portfolio, or created: file UID → resources.id."""
        in_portfolio = Resource.portfolio_id == portfolio_id
        existing = dict(
            self.session.execute(select(Resource.name, Resource.id).where(in_portfolio)).all()
        )
        codes = self._taken(Resource.code, in_portfolio)
        used = {assignment.resource_uid for assignment in self.imported.assignments}
        resource_ids: dict[int, int] = {}
        pending: dict[str, list[int]] = {}  # a new name → the file UIDs that carry it
        rows: list[dict[str, Any]] = []
        for resource in self.imported.resources:
            if not resource.name.strip() and resource.uid not in used:
                continue  # Microsoft Project's blank placeholder (UID 0)
            name = (resource.name.strip() or f"Resource {resource.uid}")[:200]
            if name in existing:
                resource_ids[resource.uid] = existing[name]
                self.counts["resources_matched"] += 1
                continue
            if name in pending:  # the same name twice in the file: one resource
                pending[name].append(resource.uid)
                continue
            if resource.type == 2:
                self.report.append(
                    f"Resource UID {resource.uid}: cost resource {name!r} imported as a material"
                )
            pending[name] = [resource.uid]
            rows.append(
                {
                    "portfolio_id": portfolio_id,
                    "code": _unique(_code(name), codes),
                    "name": name,
                    "kind": _KIND_FROM_TYPE.get(resource.type, ResourceKind.PERSON),
                    "max_units": max(resource.max_units, 0.0),
                    "cost_rate": max(resource.standard_rate, Decimal(0)),
                    "calendar_id": self._calendar(resource.calendar_uid),
                }
            )
        for uids, resource_id in zip(pending.values(), self._insert(Resource, rows), strict=True):
            resource_ids.update(dict.fromkeys(uids, resource_id))
        return resource_ids

    def assignments(self, resource_ids: dict[int, int]) -> None:
        saved = {task.uid: task.saved for task in self.imported.tasks}
        rows: dict[tuple[int, int], dict[str, Any]] = {}
        for assignment in self.imported.assignments:
            task_id = self.task_ids.get(assignment.task_uid)
            resource_id = resource_ids.get(assignment.resource_uid)
            where = f"Assignment UID {assignment.uid}"
            if resource_id is None or task_id is None:
                self.report.append(f"{where}: no resource, or on the project summary; ignored")
            elif (task_id, resource_id) in rows:
                self.report.append(f"{where}: the same resource twice on a task; ignored")
            else:
                rows[task_id, resource_id] = {
                    "task_id": task_id,
                    "resource_id": resource_id,
                    "units": max(assignment.units, 0.0),
                    "work_minutes": max(assignment.work, 0),
                    "actual_work_minutes": max(assignment.actual_work, 0),
                    "start": saved[assignment.task_uid].start,
                    "finish": saved[assignment.task_uid].finish,
                }
        self._insert(Assignment, list(rows.values()))

    def baselines(self, project_id: int) -> None:
        tasks = [task for task in self.imported.tasks if task.uid in self.task_ids]
        numbers = sorted({baseline.number for task in tasks for baseline in task.baselines})
        for number in numbers:
            if not 0 <= number < MAX_BASELINES:
                self.report.append(f"Baseline {number}: outside 0..10; not imported")
        numbers = [number for number in numbers if 0 <= number < MAX_BASELINES]
        names = ["Baseline" if n == 0 else f"Baseline {n}" for n in numbers]
        baseline_rows = [
            {"project_id": project_id, "number": n, "name": name}
            for n, name in zip(numbers, names, strict=True)
        ]
        ids = dict(zip(numbers, self._insert(Baseline, baseline_rows), strict=True))
        rows: dict[tuple[int, int], dict[str, Any]] = {}
        for task in tasks:
            for baseline in (b for b in task.baselines if b.number in ids):
                start, finish = baseline.start, baseline.finish
                rows.setdefault(
                    (ids[baseline.number], self.task_ids[task.uid]),
                    {
                        "baseline_id": ids[baseline.number],
                        "task_id": self.task_ids[task.uid],
                        "start": start,
                        "finish": start if start and finish and finish < start else finish,
                        "duration_minutes": max(baseline.duration or 0, 0),
                        "work_minutes": max(baseline.work or 0, 0),
                        "cost": baseline.cost if baseline.cost is not None else Decimal(0),
                    },
                )
        self._insert(BaselineTask, list(rows.values()))
