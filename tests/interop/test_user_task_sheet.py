"""A user's own task sheet, mapped column by column into a project and scheduled (the GUI's
mapping dialog calls these services): real .xlsx files, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from pmo_desktop.errors import ValidationError
from pmo_desktop.models import (
    Assignment,
    Dependency,
    Portfolio,
    Project,
    Resource,
    Task,
)
from pmo_desktop.models.enums import ConstraintType, LagUnit, LinkType
from pmo_desktop.services.database import Database
from pmo_desktop.services.interchange.user_sheets import (
    TASK_SHEET,
    duration,
    guess_kind,
    share,
)
from pmo_desktop.services.interchange.user_tasks import import_user_tasks

MONDAY = date(2027, 3, 1)


def _seed(database: Database) -> int:
    """A portfolio with one resource (Ann) and a project holding one task already."""
    with database.write_session() as session:
        portfolio = Portfolio(name="Mine")
        session.add(portfolio)
        session.flush()
        project = Project(portfolio_id=portfolio.id, code="ERP", name="ERP", start_date=MONDAY)
        session.add(project)
        session.add(Resource(portfolio_id=portfolio.id, code="RES-007", name="Ann Lee"))
        session.flush()
        session.add(Task(project_id=project.id, name="Kick-off", duration_minutes=480))
        return project.id


def _book(path: Path, header: list[str], rows: list[list[Any]], title: str = "Plan") -> None:
    book = openpyxl.Workbook()
    book.active.title = "Read me"
    sheet = book.create_sheet(title)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)


def _count(database: Database, model: type[Any]) -> int:
    with database.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _tasks(database: Database, project_id: int) -> dict[str, Task]:
    with database.session() as session:
        rows = session.scalars(select(Task).where(Task.project_id == project_id))
        return {task.name: task for task in rows}


def test_cells_guess_and_kind() -> None:
    per = {"m": 1, "h": 60, "d": 480, "w": 2400, "mo": 9600}.__getitem__
    assert duration("5d", "d", per) == 2400 and duration("3 days", "h", per) == 1440
    assert duration("2w", "d", per) == 4800 and duration("1,5 j", "d", per) == 720
    assert duration(4, "h", per) == 240 and duration("2 sem.", "d", per) == 4800
    assert duration(None, "d", per) is None
    for bad in ("five days", "3 fortnights", "-2d", "=A1*2"):
        with pytest.raises(ValueError):
            duration(bad, "d", per)
    assert share("50 %", percent_above=10) == 0.5 and share(1.0, percent_above=10) == 1.0
    assert share(150, percent_above=10) == 1.5 and share(0.25, percent_above=1) == 0.25
    header = ["N°", "Nom de la tâche", "Durée", "Début", "Fin", "Prédécesseurs", "Ressources"]
    assert TASK_SHEET.guess(header) == {
        "ID": "N°", "Name": "Nom de la tâche", "Duration": "Durée", "Start": "Début",
        "Finish": "Fin", "Predecessors": "Prédécesseurs", "Resources": "Ressources",
    }  # fmt: skip
    assert guess_kind(header).key == "tasks"
    assert guess_kind(["Nom", "Type", "Taux standard", "Capacité max."]).key == "resources"
    assert guess_kind(["Risk", "Likelihood", "Owner"]).key == "risks"


def test_import_tasks_french_headers_odd_order(database: Database, tmp_path: Path) -> None:
    project_id = _seed(database)
    path = tmp_path / "plan.xlsx"
    _book(
        path,
        ["Ressources", "Nom", "Prédécesseurs", "Durée", "N°", "Niveau", "Début", "% achevé"],
        [
            [None, "Build", None, None, 10, 1, None, None],
            ["Ann Lee", "Design", None, "3 jours", 11, 2, MONDAY, None],
            [None, None, None, None, None, None, None, None],  # a blank row
            ["Zoé Martin[50%]; ann lee", "Code", "11FS+1d", 2, 12, 2, None, "50%"],
            [None, "Go-live", "12", "0", 13, 1, None, None],
        ],
    )
    mapping = TASK_SHEET.guess(
        ["Ressources", "Nom", "Prédécesseurs", "Durée", "N°", "Niveau", "Début", "% achevé"]
    )
    assert mapping["Outline level"] == "Niveau" and mapping["% complete"] == "% achevé"
    dry = import_user_tasks(database, path, project_id, mapping=mapping, sheet="Plan")
    assert dry.ok and dry.created["Plan"] == 4 and not dry.written
    assert any("1 resource(s) added to the pool: Zoé Martin" in note for note in dry.notes)
    assert _count(database, Task) == 1 and _count(database, Resource) == 1  # nothing written

    done = import_user_tasks(
        database, path, project_id, mapping=mapping, sheet="Plan", dry_run=False
    )
    assert done.written, done.errors
    tasks = _tasks(database, project_id)
    build, design, code, live = (tasks[name] for name in ("Build", "Design", "Code", "Go-live"))
    assert build.is_summary and build.parent_id is None and build.position == 1
    assert design.parent_id == build.id == code.parent_id and code.position == 1
    assert design.duration_minutes == 3 * 480 and code.duration_minutes == 2 * 480
    assert design.constraint_type == ConstraintType.SNET and live.is_milestone
    assert code.percent_complete == 50
    # Scheduled, links honoured: Design from Monday for 3 days, Code a day after it ends.
    assert design.start == datetime(2027, 3, 1, 8) and design.finish == datetime(2027, 3, 3, 17)
    assert code.start == datetime(2027, 3, 5, 8) and live.start >= code.finish
    assert build.start == design.start and build.finish == code.finish
    with database.session() as session:
        link = session.scalars(select(Dependency).where(Dependency.successor_id == code.id)).one()
        assert (link.predecessor_id, link.type, link.lag) == (design.id, LinkType.FS, 480)
        assert link.lag_unit == LagUnit.WORKING
        units = dict(
            session.execute(
                select(Resource.name, Assignment.units)
                .join(Assignment, Assignment.resource_id == Resource.id)
                .where(Assignment.task_id == code.id)
            ).all()
        )
        assert units == {"Zoé Martin": 0.5, "Ann Lee": 1.0}
        zoe = session.scalars(select(Resource).where(Resource.name == "Zoé Martin")).one()
        assert zoe.code == "RES-008"
        spans = session.execute(
            select(Assignment.start, Assignment.work_minutes).where(Assignment.task_id == code.id)
        ).all()
        assert {span.start for span in spans} == {code.start}
        assert sorted(span.work_minutes for span in spans) == [480, 960]


def test_bad_rows_are_all_listed_and_nothing_is_written(database: Database, tmp_path: Path) -> None:
    project_id = _seed(database)
    path = tmp_path / "plan.xlsx"
    header = ["Task", "Duration", "Start", "Finish", "Predecessors", "WBS", "Notes"]
    _book(
        path,
        header,
        [
            ["Plan", "2d", "2027-03-01", None, None, "1", ""],
            ["Bad duration", "three days", None, None, None, "1.1", ""],
            ["Bad date", "1d", "next monday", "2027-02-01", None, "1.2", ""],
            ["Unknown predecessor", "1d", None, None, "2;19", "1.3", ""],
            [None, "1d", None, None, None, "1.4", "no name"],
            ["Orphan", "1d", None, None, None, "4.1", "bell _x0007_ here"],
            ["Loop A", "1d", None, None, "8", "2", ""],
            ["Loop B", "1d", None, None, "7", "3", ""],
            ["Summary link", "1d", None, None, "1", "1.5", "=SUM(A1:A2)"],
        ],
    )
    mapping = TASK_SHEET.guess(header)
    assert mapping == {name: name for name in header[1:]} | {"Name": "Task"}
    report = import_user_tasks(database, path, project_id, mapping=mapping, sheet="Plan")
    assert not report.ok
    errors = {(error.row, error.column): error.message for error in report.errors}
    assert "'three days' is not a duration" in errors[(3, "B (Duration)")]
    assert "not a date" in errors[(4, "C (Start)")]
    assert "no task 19 in this sheet" in errors[(5, "E (Predecessors)")]
    assert "a value is required" in errors[(6, "A (Name)")]
    assert "no task with the WBS '4'" in errors[(7, "F (WBS)")]
    assert "U+0007" in errors[(7, "G (Notes)")]
    assert "loop: 7 → 8 → 7" in errors[(8, "E (Predecessors)")]
    assert "summary task" in errors[(10, "E (Predecessors)")]
    assert len(report.errors) == 8  # a formula in Notes stays text: no error
    assert str(report.errors[0]).startswith("Plan!B (Duration) row 3:")
    assert _count(database, Task) == 1 and _count(database, Dependency) == 0


def test_parent_column_bare_numbers_in_hours_and_mapping_checks(
    database: Database, tmp_path: Path
) -> None:
    project_id = _seed(database)
    path = tmp_path / "plan.xlsx"
    _book(
        path,
        ["Ref", "What", "Hours", "Up", "After", "Due", "Done"],
        [
            [5, "Phase", None, None, None, None, None],
            [7, "Survey", 12, 5, None, None, "yes"],
            [9, "Report", None, 5, "7SS+50%", date(2027, 3, 12), None],
        ],
    )
    mapping = {"ID": "Ref", "Name": "What", "Duration": "Hours", "Parent": "Up",
               "Predecessors": "After", "Finish": "Due", "Milestone": "Done"}  # fmt: skip
    report = import_user_tasks(
        database, path, project_id, mapping=mapping, sheet="Plan", dry_run=False,
        duration_unit="h",
    )  # fmt: skip
    assert report.written, report.errors
    tasks = _tasks(database, project_id)
    assert tasks["Survey"].duration_minutes == 720 and tasks["Survey"].is_milestone
    assert tasks["Report"].constraint_type == ConstraintType.FNET
    assert tasks["Report"].duration_minutes == 480  # the one-day default
    assert tasks["Report"].parent_id == tasks["Phase"].id
    with pytest.raises(ValidationError, match="task's Name"):
        import_user_tasks(database, path, project_id, mapping={"Duration": "Hours"})
    with pytest.raises(ValidationError, match="not a task column"):
        import_user_tasks(database, path, project_id, mapping={"Name": "What", "Cost": "x"})
    with pytest.raises(ValidationError, match="has no column 'Nope'"):
        import_user_tasks(database, path, project_id, mapping={"Name": "Nope"}, sheet="Plan")
    with pytest.raises(ValidationError, match="not a duration unit"):
        import_user_tasks(database, path, project_id, mapping={"Name": "What"}, duration_unit="y")
