"""A workbook imported into a portfolio of its own is scheduled from its rows before they are
stored (services/interchange/excel_plan.py), and its rows go in through one driver-level
executemany per table (bulk.py): the dates, rows and defaults must be those the database
path (store, then `reschedule` reading the plan back) gives. SQLite files and PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from pmo_desktop.interop.xlsx import read_workbook
from pmo_desktop.models import Assignment, Dependency, Portfolio, Project, Resource, Task
from pmo_desktop.models.enums import ResourceKind
from pmo_desktop.services.database import Database
from pmo_desktop.services.demo import create_demo
from pmo_desktop.services.interchange import export_excel
from pmo_desktop.services.interchange.bulk import bulk_insert
from pmo_desktop.services.interchange.excel_import import WorkbookImporter
from pmo_desktop.services.scheduling import reschedule

AS_OF = date(2026, 10, 30)
DATES = (
    "start", "finish", "early_start", "early_finish", "late_start", "late_finish",
    "total_slack_minutes", "free_slack_minutes", "critical",
)  # fmt: skip


def _tasks(database: Database, portfolio_id: int) -> dict[tuple[str, str], tuple[Any, ...]]:
    columns = [getattr(Task, name) for name in DATES]
    with database.session() as session:
        rows = session.execute(
            select(Project.code, Task.wbs, Task.name, *columns)
            .join(Project, Project.id == Task.project_id)
            .where(Project.portfolio_id == portfolio_id)
        ).all()
    return {(row[0], f"{row[1]} {row[2]}"): tuple(row[3:]) for row in rows}


def _assignment_dates(database: Database, portfolio_id: int) -> list[tuple[Any, ...]]:
    with database.session() as session:
        return sorted(
            session.execute(
                select(Task.uuid, Assignment.start, Assignment.finish)
                .join(Task, Task.id == Assignment.task_id)
                .join(Project, Project.id == Task.project_id)
                .where(Project.portfolio_id == portfolio_id)
            ).all()
        )


def _store(database: Database, book_path: Path, name: str) -> WorkbookImporter:
    book = read_workbook(book_path)
    with database.write_session() as session:
        importer = WorkbookImporter(session, book)
        importer.store(name, name)
    return importer


def test_a_portfolio_of_its_own_is_stored_scheduled(database: Database, tmp_path: Path) -> None:
    demo = create_demo(database.engine, as_of=AS_OF).portfolio_id
    path = tmp_path / "portfolio.xlsx"
    export_excel(database, path, portfolio_id=demo)
    importer = _store(database, path, "Copy")
    assert importer.scheduled
    with database.session() as session:
        copy = session.scalar(select(Portfolio.id).where(Portfolio.name == "Copy"))
    assert copy is not None
    stored = _tasks(database, copy)
    assignments = _assignment_dates(database, copy)
    assert len(stored) == len(_tasks(database, demo)) > 100
    assert all(row[0] is not None and row[2] is not None for row in stored.values())
    # What the database path computes from the stored rows is what was stored.
    summary = reschedule(database, copy)
    assert _tasks(database, copy) == stored
    assert _assignment_dates(database, copy) == assignments
    assert sorted(summary.warnings) == sorted(importer.schedule_warnings)
    with database.session() as session:
        links = session.scalar(
            select(Dependency.id)
            .join(Task, Task.id == Dependency.successor_id)
            .join(Project, Project.id == Task.project_id)
            .where(Project.portfolio_id == copy)
            .limit(1)
        )
    assert links is not None


def test_a_portfolio_holding_projects_is_left_to_the_database_path(
    database: Database, tmp_path: Path
) -> None:
    demo = create_demo(database.engine, as_of=AS_OF).portfolio_id
    path = tmp_path / "portfolio.xlsx"
    export_excel(database, path, portfolio_id=demo)
    with database.session() as session:
        name = session.scalar(select(Portfolio.name).where(Portfolio.id == demo))
    assert name is not None
    importer = _store(database, path, name)  # into the demo portfolio itself
    assert not importer.scheduled and importer.schedule_warnings == []


def test_bulk_insert_fills_defaults_like_core(database: Database) -> None:
    with database.write_session() as session:
        connection = session.connection()
        portfolio = Portfolio(name="Bulk")
        session.add(portfolio)
        session.flush()
        rows = [
            {"portfolio_id": portfolio.id, "code": f"R{index}", "name": f"Person {index}"}
            for index in range(3)
        ]
        bulk_insert(connection, Resource.__table__, rows)
        bulk_insert(connection, Resource.__table__, [])
    with database.session() as session:
        stored = list(
            session.scalars(
                select(Resource).where(Resource.portfolio_id == portfolio.id).order_by(Resource.id)
            )
        )
        assert [resource.code for resource in stored] == ["R0", "R1", "R2"]
        assert len({resource.uuid for resource in stored}) == 3  # one UUID per row
        assert all(resource.version == 1 for resource in stored)
        assert all(resource.created_at is not None for resource in stored)
        assert all(resource.created_at.tzinfo is not None for resource in stored)
        assert all(resource.max_units == 1.0 for resource in stored)  # the column's default
        assert all(resource.kind == ResourceKind.PERSON for resource in stored)
