"""The row-by-row conflict dialog and the workspace's branch for multi-row commands (issue 8 §2).

Alice applies a ranking as project priorities (one command, three rows) after bruno changed
two of the projects. The workspace shows the "Others changed 2 rows" dialog; the choice
(Beta: mine, Gamma: theirs) is saved as one undo step on top of bruno's versions; Cancel
writes nothing and the views reload. Real SQLite files, the real dialog driven with clicks.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from pmo_desktop.errors import ConflictError
from pmo_desktop.models import Portfolio, Project
from pmo_desktop.services import crud
from pmo_desktop.services.commands import CompositeCommand, UpdateFields
from pmo_desktop.services.conflicts import MINE, THEIRS
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.services.row_conflicts import row_conflicts
from pmo_desktop.ui.conflict_rows import (
    FIELD_COLUMN,
    KEEP_COLUMN,
    MINE_COLUMN,
    ROW_COLUMN,
    THEIRS_COLUMN,
    WHO_COLUMN,
)
from pmo_desktop.ui.dialogs import Dialogs
from pmo_desktop.ui.row_conflict_dialog import RowConflictDialog
from pmo_desktop.ui.workers import WorkPool
from pmo_desktop.ui.workspace import Workspace


@pytest.fixture
def database(tmp_path: Any) -> Iterator[Database]:
    opened = open_database(tmp_path / "portfolio.sqlite")
    opened.user_name = "alice"
    yield opened
    opened.close()


@pytest.fixture
def projects(database: Database) -> list[int]:
    portfolio = crud.create(database, Portfolio, name="Group IT")
    return [
        crud.create(database, Project, portfolio_id=portfolio.id, code=code, name=name,
                    priority=500).id
        for code, name in (("A", "Alpha"), ("B", "Beta"), ("C", "Gamma"))
    ]  # fmt: skip


def _ranking(database: Database, ids: list[int]) -> CompositeCommand:
    commands: list[Any] = []
    for project_id, value in zip(ids, (1000, 900, 800), strict=True):
        project = crud.get(database, Project, project_id)
        commands.append(
            UpdateFields(
                Project,
                project_id,
                project.version,
                {"priority": project.priority},
                {"priority": value},
            )
        )
    return CompositeCommand(commands, "Apply ranking as priorities")


def _bruno(other: Database, ids: list[int]) -> None:
    theirs = {ids[1]: {"priority": 100}, ids[2]: {"name": "Gamma (renamed)", "priority": 200}}
    for project_id, changes in theirs.items():
        project = crud.get(other, Project, project_id)
        crud.update(other, Project, project_id, project.version, **changes)


def _state(database: Database, ids: list[int]) -> list[tuple[str, int]]:
    return [(p.name, p.priority) for p in (crud.get(database, Project, i) for i in ids)]


THEIR_STATE = [("Alpha", 500), ("Beta", 100), ("Gamma (renamed)", 200)]
CHOSEN_STATE = [("Alpha", 1000), ("Beta", 900), ("Gamma (renamed)", 200)]


def _drive(choose: dict[str, str] | None) -> None:
    """Click in the modal dialog when it opens: per row choices then Save, or Cancel."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RowConflictDialog)
        if choose is None:
            dialog.cancel_button.click()
            return
        table = dialog.choices
        for row in table.rows:
            mine, theirs = table.radios[row.key]
            side = choose[row.title]
            (mine if side == MINE else theirs).click()
        dialog.save_button.click()

    QTimer.singleShot(0, act)


@pytest.fixture
def workspace(qtbot: Any, database: Database) -> Iterator[Workspace]:
    pool = WorkPool()
    yield Workspace(database, dialogs=Dialogs(), pool=pool)
    pool.drain()


def test_choosing_row_by_row_saves_one_undo_step(
    workspace: Workspace, database: Database, other: Database, projects: list[int]
) -> None:
    command = _ranking(database, projects)
    _bruno(other, projects)
    _drive({"Project · B — Beta": MINE, "Project · C — Gamma (renamed)": THEIRS})
    assert workspace.execute(command)
    assert _state(database, projects) == CHOSEN_STATE
    assert workspace.undo_stack.count() == 1
    assert workspace.undo_stack.undoText() == "Apply ranking as priorities"
    workspace.undo_stack.undo()
    assert _state(database, projects) == THEIR_STATE
    workspace.undo_stack.redo()
    assert _state(database, projects) == CHOSEN_STATE


def test_cancel_writes_nothing_and_reloads_the_views(
    workspace: Workspace, database: Database, other: Database, projects: list[int]
) -> None:
    command = _ranking(database, projects)
    _bruno(other, projects)
    reloads: list[Any] = []
    workspace.data_changed.connect(reloads.append)
    _drive(None)
    assert not workspace.execute(command)
    assert _state(database, projects) == THEIR_STATE
    assert workspace.undo_stack.count() == 0
    assert reloads == [None]


def test_the_dialog_lists_each_row_with_who_and_the_fields(
    qtbot: Any, database: Database, other: Database, projects: list[int]
) -> None:
    command = _ranking(database, projects)
    _bruno(other, projects)
    with pytest.raises(ConflictError):
        command.apply(database)
    found = row_conflicts(database, command)
    dialog = RowConflictDialog(found, command.text)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Others changed 2 rows you were saving"
    table = dialog.choices.table
    assert table.rowCount() == 2

    def text(line: int, column: int) -> str:
        item = table.item(line, column)
        return item.text() if item is not None else ""

    assert [text(0, column) for column in (ROW_COLUMN, FIELD_COLUMN, MINE_COLUMN,
                                           THEIRS_COLUMN)] == [
        "Project · B — Beta", "Priority", "900", "100"]  # fmt: skip
    assert text(1, ROW_COLUMN) == "Project · C — Gamma (renamed)"
    assert text(0, WHO_COLUMN).startswith("bruno\n")
    assert table.cellWidget(0, KEEP_COLUMN) is not None
    assert dialog.choices.choices() == {row.key: MINE for row in found}
    dialog.choices.all_theirs_button.click()
    assert dialog.choices.choices() == {row.key: THEIRS for row in found}
    dialog.choices.choose(found[0].key, MINE)
    dialog.show()
    dialog.grab().save("/tmp/D-row-conflict-dialog.png")
    dialog.save_button.click()
    assert dialog.picked == {found[0].key: MINE, found[1].key: THEIRS}


def test_a_deleted_row_can_only_stay_deleted(
    qtbot: Any, database: Database, other: Database, projects: list[int]
) -> None:
    command = _ranking(database, projects)
    crud.update(other, Project, projects[1], crud.get(other, Project, projects[1]).version,
                priority=100)  # fmt: skip
    crud.delete(other, Project, projects[2], crud.get(other, Project, projects[2]).version)
    with pytest.raises(ConflictError):
        command.apply(database)
    found = row_conflicts(database, command)
    dialog = RowConflictDialog(found, command.text)
    qtbot.addWidget(dialog)
    table = dialog.choices.table
    mine, theirs = dialog.choices.radios[found[-1].key]
    assert not mine.isEnabled() and theirs.isChecked()
    deleted_line = table.rowCount() - 1
    assert table.item(deleted_line, FIELD_COLUMN).text() == "Deleted by bruno: it stays deleted"
    dialog.choices.all_mine_button.click()
    assert dialog.choices.choice(found[-1].key) == THEIRS
    dialog.show()
    dialog.grab().save("/tmp/D-row-conflict-deleted.png")
