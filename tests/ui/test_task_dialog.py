"""The task dialog: shows a task, and turns every change into one undoable command."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime
from pytestqt.qtbot import QtBot

from pmo_desktop.models import (
    Assignment,
    Calendar,
    ConstraintType,
    Dependency,
    Portfolio,
    Project,
    Resource,
    Task,
)
from pmo_desktop.services import crud
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.services.project_schedule import reschedule_project
from pmo_desktop.services.task_edits import predecessors_text
from pmo_desktop.ui.task_dialog import TaskDialog

DAY = 480


@pytest.fixture
def database(tmp_path: Path) -> Database:
    opened = open_database(tmp_path / "tasks.sqlite")
    portfolio = crud.create(opened, Portfolio, name="P")
    project = crud.create(opened, Project, portfolio_id=portfolio.id, code="A", name="Alpha",
                          start_date=date(2026, 5, 11))  # fmt: skip
    for position, (name, days) in enumerate((("Design", 2), ("Code", 3), ("Test", 1)), start=1):
        crud.create(opened, Task, project_id=project.id, name=name, position=position,
                    duration_minutes=days * DAY)  # fmt: skip
    crud.create(opened, Dependency, predecessor_id=1, successor_id=2)
    crud.create(opened, Resource, portfolio_id=portfolio.id, code="ANA", name="Ana")
    crud.create(opened, Resource, portfolio_id=portfolio.id, code="BOB", name="Bob")
    crud.create(opened, Calendar, name="Night shift")
    crud.create(opened, Assignment, task_id=2, resource_id=1, units=1.0)
    reschedule_project(opened, project.id)
    return opened


def test_the_dialog_shows_the_task(qtbot: QtBot, database: Database) -> None:
    dialog = TaskDialog(database, 2)
    qtbot.addWidget(dialog)
    assert [dialog.tabs.tabText(index) for index in range(4)] == [
        "General", "Predecessors", "Resources", "Advanced"]  # fmt: skip
    assert (dialog.name.text(), dialog.duration.text(), dialog.percent.value()) == ("Code", "3d", 0)
    assert "13/05/2026" in dialog.start.text() and "15/05/2026" in dialog.finish.text()
    model = dialog.predecessor_model
    assert [model.item(0, column).text() for column in range(4)] == ["1", "Design", "FS", ""]
    assert dialog.assigned() == {1: "100"}
    assert dialog.constraint.currentText() == "ASAP"
    assert not dialog.constraint_date.isEnabled()
    assert dialog.command() is None


def test_every_tab_makes_one_command(qtbot: QtBot, database: Database) -> None:
    dialog = TaskDialog(database, 3)
    qtbot.addWidget(dialog)
    dialog.name.setText("Acceptance")
    dialog.duration.setText("2d")
    dialog.add_predecessor(2, "SS", "1d")
    dialog.resource_choice.setCurrentIndex(dialog.resource_choice.findText("Bob"))
    dialog.add_assignment(dialog.resource_choice.currentData(), 0.5)
    dialog.constraint.setCurrentIndex(dialog.constraint.findText("SNET"))
    assert dialog.constraint_date.isEnabled()
    dialog.constraint_date.setDateTime(QDateTime(2026, 5, 18, 8, 0, 0))
    dialog.has_deadline.setChecked(True)
    dialog.deadline.setDateTime(QDateTime(2026, 5, 29, 17, 0, 0))
    dialog.calendar.setCurrentIndex(dialog.calendar.findText("Night shift"))
    dialog.priority.setValue(800)
    dialog.notes.setPlainText("Customer witnesses the tests.")
    assert dialog.predecessors_text() == "2SS+1d"
    command = dialog.command()
    assert command is not None
    command.apply(database)
    task = crud.get(database, Task, 3)
    assert (task.name, task.duration_minutes, task.priority, task.notes) == (
        "Acceptance", 2 * DAY, 800, "Customer witnesses the tests.")  # fmt: skip
    assert task.constraint_type == ConstraintType.SNET
    assert task.constraint_date == datetime(2026, 5, 18, 8)
    assert task.deadline == datetime(2026, 5, 29, 17)
    assert task.start == datetime(2026, 5, 18, 8)
    assert predecessors_text(database, 3) == "2SS+1d"
    assignment = crud.list_rows(database, Assignment, task_id=3)[0]
    assert (assignment.resource_id, assignment.units) == (2, 0.5)
    command.revert(database)
    task = crud.get(database, Task, 3)
    assert (task.name, task.constraint_type, task.start) == (
        "Test", ConstraintType.ASAP, datetime(2026, 5, 11, 8))  # fmt: skip
    assert crud.list_rows(database, Assignment, task_id=3) == []


def test_removing_rows_and_bad_input(qtbot: QtBot, database: Database) -> None:
    dialog = TaskDialog(database, 2)
    qtbot.addWidget(dialog)
    dialog.predecessor_view.selectRow(0)
    dialog.predecessor_view.model().removeRow(0)
    dialog.assignment_model.removeRow(0)
    command = dialog.command()
    assert command is not None
    command.apply(database)
    assert predecessors_text(database, 2) == ""
    assert crud.list_rows(database, Assignment) == []
    assert crud.get(database, Task, 2).start == datetime(2026, 5, 11, 8)

    dialog = TaskDialog(database, 2)
    qtbot.addWidget(dialog)
    dialog.add_predecessor(9, "FS", "")
    assert dialog.predecessor_model.item(0, 1).text() == "(no such task)"
    dialog.predecessor_model.item(0, 0).setText("3")
    assert dialog.predecessor_model.item(0, 1).text() == "Test"
    dialog.predecessor_model.item(0, 0).setText("9")
    dialog.accept()
    assert dialog.error.isVisibleTo(dialog) and "no task with ID 9" in dialog.error.text()
    assert dialog.result_command is None
    dialog.predecessor_model.removeRow(0)
    dialog.duration.setText("three days")
    dialog.accept()
    assert "'three days' is not a duration" in dialog.error.text()
    dialog.duration.setText("4d")
    dialog.accept()
    assert dialog.result() == TaskDialog.DialogCode.Accepted
    assert dialog.result_command is not None
