"""`Workspace.execute_in_background`, the Gantt's drag save: the write runs in the worker
pool with `execute`'s read-only refusal and conflict handling, and undo/redo stay disabled
until it ends. On an SQLite file and on the real PostgreSQL server."""

from __future__ import annotations

from typing import Any

import pytest

from pmo_desktop.models import Portfolio, Project
from pmo_desktop.services import crud
from pmo_desktop.services.commands import update_fields
from pmo_desktop.services.conflicts import THEIRS, choices_for, conflict_fields
from pmo_desktop.services.database import Database
from pmo_desktop.ui.workspace import Workspace


@pytest.fixture
def project(database: Database) -> Project:
    portfolio = crud.create(database, Portfolio, name="P")
    return crud.create(database, Project, portfolio_id=portfolio.id, code="A", name="Alpha")


@pytest.fixture
def workspace(qtbot, database: Database, dialogs) -> Workspace:
    return Workspace(database, dialogs=dialogs)


def _run(qtbot, workspace: Workspace, command: Any) -> list[bool]:
    outcomes: list[bool] = []
    assert workspace.execute_in_background(command, outcomes.append)
    qtbot.waitUntil(lambda: bool(outcomes), timeout=10_000)
    return outcomes


def test_the_save_goes_on_the_undo_stack_and_undo_waits_for_it(
    qtbot, workspace, database, project
) -> None:
    assert workspace.execute(update_fields(database, Project, project.id, "Code", code="B"))
    undo_action = workspace.undo_stack.createUndoAction(workspace)
    redo_action = workspace.undo_stack.createRedoAction(workspace)
    assert undo_action.isEnabled()
    outcomes: list[bool] = []
    command = update_fields(database, Project, project.id, "Rename", name="Beta")
    with qtbot.waitSignal(workspace.data_changed, timeout=10_000) as changed:
        assert workspace.execute_in_background(command, outcomes.append)
        # Back on the event loop at once; until the save ends nothing can be undone.
        assert not workspace.undo_stack.canUndo()
        assert not undo_action.isEnabled() and not redo_action.isEnabled()
        workspace.undo_stack.undo()  # a shortcut or the history view: no effect
        assert outcomes == []
    assert changed.args == [{Project}]
    assert outcomes == [True]
    assert crud.get(database, Project, project.id).name == "Beta"
    assert undo_action.isEnabled()
    assert workspace.undo_stack.count() == 2
    assert workspace.undo_stack.undoText() == "Rename"
    workspace.undo_stack.undo()
    assert crud.get(database, Project, project.id).name == "Alpha"
    assert crud.get(database, Project, project.id).code == "B"
    workspace.undo_stack.redo()
    assert crud.get(database, Project, project.id).name == "Beta"


def test_a_read_only_database_is_refused_at_once(qtbot, workspace, database, project, dialogs):
    database.read_only, database.read_only_reason = True, "opened for inspection"
    outcomes: list[bool] = []
    command = update_fields(database, Project, project.id, "Rename", name="Beta")
    assert not workspace.execute_in_background(command, outcomes.append)
    assert dialogs.messages == [
        ("critical", "Read-only database", "The database is read-only: opened for inspection.")
    ]
    qtbot.wait(50)
    assert outcomes == []
    assert workspace.undo_stack.count() == 0
    database.read_only = False
    assert crud.get(database, Project, project.id).name == "Alpha"


def test_a_conflict_goes_to_the_conflict_dialog(qtbot, workspace, database, project, dialogs):
    mine = update_fields(database, Project, project.id, "Rename", name="Mine", code="M")
    theirs = crud.get(database, Project, project.id)
    crud.update(database, Project, project.id, theirs.version, name="Theirs")
    dialogs.conflict_answer = lambda error, who, base: choices_for(
        conflict_fields(error, base), {"name": THEIRS}
    )
    assert _run(qtbot, workspace, mine) == [True]
    assert len(dialogs.conflicts) == 1
    assert dialogs.messages == []
    stored = crud.get(database, Project, project.id)
    assert (stored.name, stored.code) == ("Theirs", "M")
    assert workspace.undo_stack.count() == 1  # the resolution, one step
    assert workspace.undo_stack.canUndo()
    workspace.undo_stack.undo()
    assert crud.get(database, Project, project.id).code == "A"


def test_a_refused_save_leaves_no_step_and_says_why(qtbot, workspace, database, project, dialogs):
    assert workspace.execute(update_fields(database, Project, project.id, "Code", code="B"))
    stale = update_fields(database, Project, project.id, "Rename", name="X")
    stale.version += 3  # as if the user edited an old screen
    assert _run(qtbot, workspace, stale) == [False]
    assert dialogs.messages[-1][1] == "Change not saved"
    assert workspace.undo_stack.count() == 1
    assert workspace.undo_stack.undoText() == "Code"
    assert workspace.undo_stack.canUndo()
    workspace.undo_stack.undo()
    assert crud.get(database, Project, project.id).code == "A"


def test_two_saves_at_once_make_one_step_each_run_of_the_pool(
    qtbot, workspace, database, project
) -> None:
    other = crud.create(database, Project, portfolio_id=project.portfolio_id, code="Z", name="Z")
    outcomes: list[bool] = []
    first = update_fields(database, Project, project.id, "Rename A", name="A2")
    second = update_fields(database, Project, other.id, "Rename Z", name="Z2")
    assert workspace.execute_in_background(first, outcomes.append)
    assert workspace.execute_in_background(second, outcomes.append)
    assert not workspace.undo_stack.canUndo()
    qtbot.waitUntil(lambda: len(outcomes) == 2, timeout=10_000)
    assert outcomes == [True, True]
    assert workspace.undo_stack.count() == 1  # both saves ran while undo was held
    workspace.undo_stack.undo()
    assert crud.get(database, Project, project.id).name == "Alpha"
    assert crud.get(database, Project, other.id).name == "Z"
