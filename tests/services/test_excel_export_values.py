"""An exported portfolio's Tasks and Assignments sheets hold the stored values, on SQLite
files (dates stored as text) and PostgreSQL (dates as timestamps): every date, constraint,
link type and lag, slack and flag, as the database has them."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import select

from pmo_desktop.interop.xlsx import read_workbook
from pmo_desktop.interop.xlsx.model import CONSTRAINT_NAMES
from pmo_desktop.models import Assignment, Dependency, Project, Resource, Task
from pmo_desktop.services.database import Database
from pmo_desktop.services.demo import create_demo
from pmo_desktop.services.interchange import export_excel

AS_OF = date(2026, 10, 30)
DATES = ("start", "finish", "constraint_date", "deadline", "actual_start", "actual_finish",
         "early_start", "early_finish", "late_start", "late_finish")  # fmt: skip
HEADERS = ("Start", "Finish", "Constraint date", "Deadline", "Actual start", "Actual finish",
           "Early start", "Early finish", "Late start", "Late finish")  # fmt: skip


def _sheet(path: Path, title: str) -> list[dict[str, Any]]:
    rows = load_workbook(path, read_only=True)[title].iter_rows(values_only=True)
    header = next(rows)
    return [dict(zip(header, row, strict=True)) for row in rows]


def _minute(value: datetime | None) -> datetime | None:
    """A date read back from its serial number (exact to well under a second)."""
    return None if value is None else value.replace(second=0, microsecond=0)


def test_the_sheets_hold_the_stored_values(database: Database, tmp_path: Path) -> None:
    portfolio = create_demo(database.engine, as_of=AS_OF).portfolio_id
    path = tmp_path / "portfolio.xlsx"
    summary = export_excel(database, path, portfolio_id=portfolio, as_of=AS_OF)
    with database.session() as session:
        codes = dict(session.execute(select(Project.id, Project.code)).all())
        tasks = list(session.scalars(select(Task).where(Task.project_id.in_(codes))))
        links = list(session.scalars(select(Dependency)))
        assignments = list(session.scalars(select(Assignment)))
        names = dict(session.execute(select(Resource.id, Resource.name)).all())
    by_uid = {row["UID"]: row for row in _sheet(path, "Tasks")}
    assert summary.tasks == len(tasks) == len(by_uid)
    for task in tasks:
        row = by_uid[task.uuid]
        assert row["Project"] == codes[task.project_id] and row["Name"] == task.name
        stored = [getattr(task, name) for name in DATES]
        assert [_minute(row[header]) for header in HEADERS] == stored, task.name
        assert row["Constraint type"] == CONSTRAINT_NAMES[task.constraint_type.value]
        assert row["Priority"] == task.priority
        assert row["Milestone"] == ("Yes" if task.is_milestone else "No")
        assert row["Critical"] == {None: None, True: "Yes", False: "No"}[task.critical]
        slack = task.total_slack_minutes
        assert row["Total slack (days)"] == (None if slack is None else slack / 480)
    # Links: read back (IDs, types, lags and units) as they are stored.
    book = read_workbook(path)
    number = {(task.project, task.id): task.uid for task in book.tasks}
    uuids = {task.id: task.uuid for task in tasks}
    read = sorted(
        (task.uid, number[(entry.project or task.project, entry.task_id)], entry.type,
         entry.lag, entry.lag_unit)
        for task in book.tasks for entry in task.predecessors
    )  # fmt: skip
    stored_links = sorted(
        (uuids[link.successor_id], uuids[link.predecessor_id], link.type.value, link.lag,
         link.lag_unit.value)
        for link in links
    )  # fmt: skip
    assert read == stored_links and summary.links == len(links)
    assert any(kind != "FS" for *_, kind, _, _ in read) and any(lag for *_, lag, _ in read)
    sheet = sorted(
        (row["Project"], row["Task ID"], row["Resource"], row["Units (%)"], row["Work (hours)"])
        for row in _sheet(path, "Assignments")
    )
    keys = {task.uid: (task.project, task.id) for task in book.tasks}
    stored_work = sorted(
        (*keys[uuids[item.task_id]], names[item.resource_id], round(item.units * 100, 2),
         item.work_minutes / 60)
        for item in assignments
    )  # fmt: skip
    assert sheet == stored_work and summary.assignments == len(assignments)
