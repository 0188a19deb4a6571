"""Excel workbooks into and out of the database (and the master MSPDI of a portfolio),
on SQLite files and PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from pmo_desktop.errors import InteropError
from pmo_desktop.interop.mspdi import read_mspdi
from pmo_desktop.models import (
    Assignment,
    Base,
    Calendar,
    Dependency,
    Portfolio,
    Project,
    Resource,
    Task,
)
from pmo_desktop.services.database import Database
from pmo_desktop.services.demo import create_demo
from pmo_desktop.services.interchange import (
    export_excel,
    export_mspdi_portfolio,
    import_excel,
)

AS_OF = date(2026, 10, 30)


def row_counts(database: Database) -> dict[str, int]:
    with database.session() as session:
        return {
            name: session.scalar(select(func.count()).select_from(table)) or 0
            for name, table in Base.metadata.tables.items()
        }


def plan_of(database: Database, portfolio_id: int) -> dict[str, object]:
    """What a round trip must keep: names, durations, links with lags, assignments."""
    with database.session() as session:
        projects = dict(
            session.execute(
                select(Project.id, Project.code).where(Project.portfolio_id == portfolio_id)
            ).all()
        )
        tasks = {
            row.id: (projects[row.project_id], row.wbs, row.name)
            for row in session.execute(
                select(Task.id, Task.project_id, Task.wbs, Task.name).where(
                    Task.project_id.in_(projects)
                )
            )
        }
        task_rows = sorted(
            (tasks[row.id], row.duration_minutes, row.is_milestone, row.constraint_type.value,
             row.priority, row.percent_complete, row.is_summary)
            for row in session.scalars(select(Task).where(Task.project_id.in_(projects)))
        )  # fmt: skip
        links = sorted(
            (tasks[row.predecessor_id], tasks[row.successor_id], row.type.value, row.lag,
             row.lag_unit.value)
            for row in session.scalars(select(Dependency).where(Dependency.successor_id.in_(tasks)))
        )  # fmt: skip
        names = dict(session.execute(select(Resource.id, Resource.name)).all())
        assignments = sorted(
            (tasks[row.task_id], names[row.resource_id], row.units, row.work_minutes)
            for row in session.scalars(select(Assignment).where(Assignment.task_id.in_(tasks)))
        )
        portfolio_resources = sorted(
            (row.name, row.kind.value, row.max_units, row.cost_rate)
            for row in session.scalars(
                select(Resource).where(Resource.portfolio_id == portfolio_id)
            )
        )
    return {
        "projects": sorted(projects.values()),
        "tasks": task_rows,
        "links": links,
        "assignments": assignments,
        "resources": portfolio_resources,
    }


@pytest.fixture
def demo(database: Database) -> int:
    return create_demo(database.engine, as_of=AS_OF).portfolio_id


def test_demo_portfolio_round_trip(database: Database, demo: int, tmp_path: Path) -> None:
    path = tmp_path / "portfolio.xlsx"
    exported = export_excel(database, path, portfolio_id=demo)
    before = plan_of(database, demo)
    assert exported.projects == 12 and exported.tasks == len(before["tasks"])
    assert exported.links == len(before["links"]) and exported.warnings == []
    calendars = row_counts(database)["calendars"]
    imported = import_excel(database, path, portfolio_name="Copy", as_new=True)
    assert imported.report == []
    assert sorted(imported.projects) == before["projects"]
    after = plan_of(database, imported.portfolio_id)
    assert after == before
    assert any(lag != 0 for *_, lag, _ in before["links"])  # lags travel too
    assert row_counts(database)["calendars"] == calendars  # the same calendar is reused
    with database.session() as session:
        unscheduled = session.scalar(
            select(func.count())
            .select_from(Task)
            .join(Project)
            .where(Project.portfolio_id == imported.portfolio_id, Task.early_start.is_(None))
        )
    assert unscheduled == 0  # rescheduled after the import


def test_one_project_round_trip(database: Database, demo: int, tmp_path: Path) -> None:
    with database.session() as session:
        project = session.scalars(select(Project).where(Project.code == "DIG-01")).one()
        own = select(Task.id).where(Task.project_id == project.id)
        touching = Dependency.successor_id.in_(own) | Dependency.predecessor_id.in_(own)
        links = session.scalar(select(func.count()).select_from(Dependency).where(touching))
    path = tmp_path / "dig.xlsx"
    summary = export_excel(database, path, project_id=project.id)
    assert summary.projects == 1 and summary.links < links  # links with other projects dropped
    assert summary.warnings and "export the portfolio" in summary.warnings[0]
    sheets = load_workbook(path, read_only=True).sheetnames
    assert sheets == ["Project", "Tasks", "Resources", "Assignments", "Calendar",
                      "Resource rates", "Risks", "Risk actions", "Issues", "Assumptions",
                      "Decisions", "Change requests", "Lessons"]  # fmt: skip
    # the only portfolio: the project is added to it (as a copy: its UIDs are stored)
    imported = import_excel(database, path, as_new=True)
    assert imported.portfolio_id == demo
    assert list(imported.projects) == ["DIG-01"]
    with database.session() as session:
        codes = set(session.scalars(select(Project.code).where(Project.portfolio_id == demo)))
        matched = imported.counts.get("resources_matched", 0)
    assert "DIG-01-2" in codes  # the code is taken: a new one
    assert matched == summary.resources and imported.counts.get("resources", 0) == 0


def test_a_malformed_workbook_changes_nothing(
    database: Database, demo: int, tmp_path: Path
) -> None:
    path = tmp_path / "portfolio.xlsx"
    export_excel(database, path, portfolio_id=demo)
    book = load_workbook(path)
    tasks = book["Tasks"]
    header = [cell.value for cell in tasks[1]]
    column = {name: header.index(name) + 1 for name in header}
    tasks.cell(5, column["Start"]).value = "someday"
    tasks.cell(6, column["Predecessors"]).value = "9999"
    tasks.cell(7, column["Predecessors"]).value = f"{tasks.cell(8, column['ID']).value}"
    tasks.cell(8, column["Predecessors"]).value = f"{tasks.cell(7, column['ID']).value}"
    tasks.cell(9, column["Outline level"]).value = 7
    book.save(path)
    before = row_counts(database)
    with pytest.raises(InteropError) as raised:
        import_excel(database, path, portfolio_name="Broken")
    message = str(raised.value)
    assert "Tasks!G5 (Start): 'someday' is not a date" in message
    assert "Tasks row 6 (Predecessors): the predecessor 9999 is not a task ID" in message
    assert "the links form a loop" in message
    assert "Tasks row 9: outline level 7" in message
    assert row_counts(database) == before


def test_portfolio_as_a_master_ms_project_file(
    database: Database, demo: int, tmp_path: Path
) -> None:
    path = tmp_path / "portfolio.xml"
    summary = export_mspdi_portfolio(database, demo, path)
    imported = read_mspdi(path)
    with database.session() as session:
        name = session.get(Portfolio, demo).name  # type: ignore[union-attr]
        codes = list(
            session.scalars(select(Project.code).where(Project.portfolio_id == demo).order_by(
                Project.code))
        )  # fmt: skip
        links = session.scalar(select(func.count()).select_from(Dependency))
        tasks = session.scalar(select(func.count()).select_from(Task))
    assert imported.properties.name == name
    tops = [task for task in imported.tasks if task.outline_level == 1]
    assert [task.wbs for task in tops] == codes and all(task.summary for task in tops)
    assert summary.tasks == tasks and summary.links == links  # cross-project links included
    assert len(imported.links) == links
    assert all(task.saved.start is not None for task in tops)  # project spans are written
    assert Calendar.__tablename__  # (the project calendar travels as the file's calendar)
    assert imported.properties.calendar_uid in imported.calendars
