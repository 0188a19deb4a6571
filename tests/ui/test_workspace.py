"""The workspace: commands on the undo stack, merged drags, conflicts, read-only refusal."""

from __future__ import annotations

import pytest

from pmo_desktop.models import Portfolio, Project
from pmo_desktop.services import crud
from pmo_desktop.services.commands import update_fields
from pmo_desktop.services.database import Database
from pmo_desktop.ui.workspace import Workspace, touches


@pytest.fixture
def project(database: Database) -> Project:
    portfolio = crud.create(database, Portfolio, name="P")
    return crud.create(database, Project, portfolio_id=portfolio.id, code="A", name="Alpha")


@pytest.fixture
def workspace(qtbot, database: Database, dialogs) -> Workspace:
    return Workspace(database, dialogs=dialogs)


def test_execute_undo_redo(qtbot, workspace, database, project) -> None:
    with qtbot.waitSignal(workspace.data_changed) as changed:
        assert workspace.execute(update_fields(database, Project, project.id, "Rename", name="B"))
    assert changed.args == [{Project}]
    assert workspace.undo_stack.undoText() == "Rename"
    workspace.undo_stack.undo()
    assert crud.get(database, Project, project.id).name == "Alpha"
    workspace.undo_stack.redo()
    assert crud.get(database, Project, project.id).name == "B"


def test_drags_merge_into_one_undo_step(workspace, database, project) -> None:
    for percent in (10.0, 20.0, 30.0):
        command = update_fields(
            database, Project, project.id, "Progress", "drag", percent_complete=percent
        )
        assert workspace.execute(command)
    assert workspace.undo_stack.count() == 1
    workspace.undo_stack.undo()
    assert crud.get(database, Project, project.id).percent_complete == 0.0


def test_undo_after_another_users_change_is_refused_and_dropped(
    workspace, database, project, dialogs
) -> None:
    workspace.execute(update_fields(database, Project, project.id, "Rename", name="Mine"))
    theirs = crud.get(database, Project, project.id)
    crud.update(database, Project, project.id, theirs.version, name="Theirs")
    workspace.undo_stack.undo()
    kind, title, text = dialogs.messages[-1]
    assert (kind, title) == ("critical", "Cannot undo")
    assert "changed by someone else" in text
    assert crud.get(database, Project, project.id).name == "Theirs"
    assert workspace.undo_stack.count() == 0  # the step left the history


def test_a_failed_edit_is_not_put_on_the_stack(workspace, database, project, dialogs) -> None:
    command = update_fields(database, Project, project.id, "Rename", name="X")
    command.version += 3  # as if the user edited an old screen
    assert not workspace.execute(command)
    assert workspace.undo_stack.count() == 0
    assert dialogs.messages[-1][1] == "Change not saved"


def test_touches() -> None:
    assert touches(None, Project)
    assert touches({Project}, Portfolio, Project)
    assert not touches({Portfolio}, Project)
