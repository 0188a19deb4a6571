"""The conflict dialog and the workspace's conflict branch (issue 8 §2).

Two sessions edit the same risk; the second save gets the "Someone else changed this risk"
dialog with one row per differing field. "Use my choices" stores the chosen mix at the other
user's version as one undo step; "Keep theirs" changes nothing; undo brings their values
back. On an SQLite file and on the real PostgreSQL server.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from pmo_desktop.errors import ConflictError
from pmo_desktop.models import Portfolio, Risk
from pmo_desktop.services import crud
from pmo_desktop.services.commands import CompositeCommand, UpdateFields
from pmo_desktop.services.conflicts import (
    MINE,
    THEIRS,
    LastChange,
    choices_for,
    conflict_fields,
)
from pmo_desktop.services.database import Database
from pmo_desktop.services.risk_register import edit_risk, load_register
from pmo_desktop.ui.conflicts import MINE_COLUMN, THEIRS_COLUMN, ConflictDialog
from pmo_desktop.ui.dialogs import Dialogs
from pmo_desktop.ui.workers import WorkPool
from pmo_desktop.ui.workspace import Workspace

AS_OF = date(2026, 10, 30)


@pytest.fixture
def risk_id(database: Database) -> int:
    portfolio = crud.create(database, Portfolio, name="Group IT", as_of_date=AS_OF)
    return crud.create(
        database,
        Risk,
        portfolio_id=portfolio.id,
        code="R-001",
        title="Supplier failure",
        owner="",
        probability=2,
        impact_cost=3,
        review_date=date(2026, 11, 15),
    ).id


@pytest.fixture
def workspace(qtbot: Any, database: Database, dialogs: Any) -> Iterator[Workspace]:
    pool = WorkPool()
    yield Workspace(database, dialogs=dialogs, pool=pool)
    pool.drain()


def _row(database: Database, risk_id: int) -> Any:
    register = load_register(database, crud.get(database, Risk, risk_id).portfolio_id, AS_OF)
    return next(row for row in register.rows if row.id == risk_id)


def _their_edit(other: Database, risk_id: int, **changes: Any) -> None:
    edit_risk(_row(other, risk_id), **changes).apply(other)


def _stored(database: Database, risk_id: int) -> tuple[Any, ...]:
    risk = crud.get(database, Risk, risk_id)
    return risk.title, risk.owner, risk.category, risk.review_date


def _conflict(database: Database, other: Database, risk_id: int) -> tuple[ConflictError, Any]:
    mine = edit_risk(_row(database, risk_id), title="My title", owner="Alice")
    _their_edit(other, risk_id, title="Their title", review_date=date(2026, 12, 1))
    with pytest.raises(ConflictError) as caught:
        mine.apply(database)
    return caught.value, mine.before


def test_use_my_choices_saves_the_mix_as_one_undo_step(
    workspace: Workspace, database: Database, other: Database, risk_id: int, dialogs: Any
) -> None:
    mine = edit_risk(_row(database, risk_id), title="My title", owner="Alice")
    _their_edit(other, risk_id, title="Their title", category="Supply chain")
    dialogs.conflict_answer = lambda error, who, base: choices_for(
        conflict_fields(error, base), {"title": THEIRS}
    )
    assert workspace.execute(mine)
    (error, who, base), = dialogs.conflicts  # fmt: skip
    assert [item.name for item in conflict_fields(error, base)] == ["title", "owner"]
    assert who.user_name == "bruno"
    assert dialogs.messages == []
    assert _stored(database, risk_id)[:3] == ("Their title", "Alice", "Supply chain")
    assert workspace.undo_stack.count() == 1
    assert workspace.undo_stack.undoText() == mine.text

    workspace.undo_stack.undo()  # their values come back, their category stays
    assert _stored(database, risk_id)[:3] == ("Their title", "", "Supply chain")
    workspace.undo_stack.redo()
    assert _stored(database, risk_id)[:3] == ("Their title", "Alice", "Supply chain")
    assert dialogs.messages == []


def test_keep_theirs_changes_nothing(
    workspace: Workspace, database: Database, other: Database, risk_id: int, dialogs: Any
) -> None:
    mine = edit_risk(_row(database, risk_id), title="My title")
    _their_edit(other, risk_id, title="Their title")
    before = crud.get(database, Risk, risk_id).version
    dialogs.conflict_answer = lambda error, who, base: None
    with workspace_changed(workspace) as changes:
        assert not workspace.execute(mine)
    assert changes == [None]  # the views reload their version
    assert len(dialogs.conflicts) == 1 and dialogs.messages == []
    assert crud.get(database, Risk, risk_id).version == before
    assert _stored(database, risk_id)[0] == "Their title"
    assert workspace.undo_stack.count() == 0


def test_the_dialog_comes_back_once_then_a_plain_message(
    workspace: Workspace, database: Database, other: Database, risk_id: int, dialogs: Any
) -> None:
    mine = edit_risk(_row(database, risk_id), title="My title")
    _their_edit(other, risk_id, title="Their title 1")
    rounds = iter(range(2, 10))

    def answer(error: ConflictError, who: Any, base: Any) -> dict[str, Any]:
        # Each time the user decides, the other user saves again first.
        _their_edit(other, risk_id, title=f"Their title {next(rounds)}")
        return choices_for(conflict_fields(error, base), {})

    dialogs.conflict_answer = answer
    assert not workspace.execute(mine)
    assert len(dialogs.conflicts) == 2
    assert dialogs.conflicts[1][0].theirs["title"] == "Their title 2"
    kind, title, text = dialogs.messages[-1]
    assert (kind, title) == ("critical", "Change not saved")
    assert "changed by someone else" in text
    assert _stored(database, risk_id)[0] == "Their title 3"
    assert workspace.undo_stack.count() == 0

    # The second round succeeds when nobody saves in between.
    mine = edit_risk(_row(database, risk_id), title="Mine at last")
    _their_edit(other, risk_id, title="Their title 4")
    calls: list[int] = []

    def answer_once(error: ConflictError, who: Any, base: Any) -> dict[str, Any]:
        calls.append(1)
        if len(calls) == 1:
            _their_edit(other, risk_id, owner="Bruno")
        return choices_for(conflict_fields(error, base), {})

    dialogs.conflict_answer = answer_once
    assert workspace.execute(mine)
    assert _stored(database, risk_id)[:2] == ("Mine at last", "Bruno")
    assert workspace.undo_stack.count() == 1


def test_a_deleted_row_and_other_commands_get_the_plain_message(
    workspace: Workspace, database: Database, other: Database, risk_id: int, dialogs: Any
) -> None:
    dialogs.conflict_answer = lambda error, who, base: pytest.fail("no dialog expected")
    composite = CompositeCommand(
        [edit_risk(_row(database, risk_id), title="My title")], "Edit risks"
    )
    _their_edit(other, risk_id, title="Their title")
    # Several rows in one command: the row-by-row dialog (tests/ui/test_row_conflict_dialog.py),
    # here cancelled.
    assert not workspace.execute(composite)
    (rows, text), = dialogs.row_conflicts  # fmt: skip
    assert [row.key for row in rows] == [("Risk", risk_id)] and text == "Edit risks"
    assert crud.get(database, Risk, risk_id).title == "Their title"

    mine = edit_risk(_row(database, risk_id), title="My title")
    crud.delete(other, Risk, risk_id, crud.get(other, Risk, risk_id).version)
    assert not workspace.execute(mine)
    kind, title, text = dialogs.messages[-1]
    assert (kind, title) == ("critical", "Change not saved")
    assert text == "bruno deleted this risk; your change was not saved."
    assert dialogs.conflicts == []


def test_the_dialog_shows_who_and_each_field(
    qtbot: Any, database: Database, other: Database, risk_id: int
) -> None:
    error, base = _conflict(database, other, risk_id)
    who = LastChange("bruno", datetime(2026, 10, 29, 14, 5, tzinfo=UTC))
    dialog = ConflictDialog(error, who, base)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Someone else changed this risk"
    assert dialog.who_label.text().startswith("bruno saved a change on 29/10/2026")
    fields = [dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())]
    assert fields == ["Title", "Owner"]  # the review date only they changed: kept, no row
    texts = [
        (dialog.table.cellWidget(0, MINE_COLUMN).text(),
         dialog.table.cellWidget(0, THEIRS_COLUMN).text()),
        (dialog.table.cellWidget(1, MINE_COLUMN).text(),
         dialog.table.cellWidget(1, THEIRS_COLUMN).text()),
    ]  # fmt: skip
    assert texts == [("My title", "Their title"), ("Alice", "(empty)")]
    assert dialog.choice("title") == MINE and dialog.choice("owner") == MINE
    dialog.choose("title", THEIRS)
    dialog.show()
    dialog.grab().save("/tmp/U-conflict-dialog.png")
    assert dialog.use_mine_button is not None
    dialog.use_mine_button.click()
    assert dialog.values == {"title": "Their title", "owner": "Alice"}


def test_keep_theirs_and_cancel_return_nothing(
    qtbot: Any, database: Database, other: Database, risk_id: int
) -> None:
    error, base = _conflict(database, other, risk_id)
    for pick in ("keep", "cancel"):
        dialog = ConflictDialog(error, None, base)
        qtbot.addWidget(dialog)
        assert "Another user saved a change on" in dialog.who_label.text()
        if pick == "keep":
            dialog.keep_theirs_button.click()
        else:
            dialog.reject()
        assert dialog.values is None


def test_a_deleted_row_says_so(
    qtbot: Any, database: Database, other: Database, risk_id: int
) -> None:
    mine = edit_risk(_row(database, risk_id), title="My title")
    crud.delete(other, Risk, risk_id, crud.get(other, Risk, risk_id).version)
    with pytest.raises(ConflictError) as caught:
        mine.apply(database)
    dialog = ConflictDialog(caught.value, LastChange("bruno", None, deleted=True), mine.before)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Someone else deleted this risk"
    assert dialog.who_label.text() == "bruno deleted it."
    assert dialog.use_mine_button is None and dialog.table.isHidden()
    assert dialog.keep_theirs_button.text() == "Keep it deleted"
    dialog.show()
    dialog.grab().save("/tmp/U-conflict-deleted.png")


def test_the_real_dialogs_object_runs_the_dialog(
    qtbot: Any, database: Database, other: Database, risk_id: int
) -> None:
    error, base = _conflict(database, other, risk_id)

    def press_use_mine() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ConflictDialog)
        assert dialog.use_mine_button is not None
        dialog.use_mine_button.click()

    QTimer.singleShot(0, press_use_mine)
    values = Dialogs().resolve_conflict(None, error, None, base)
    assert values == {"title": "My title", "owner": "Alice"}


class workspace_changed:  # noqa: N801 - reads as a context manager
    """Collects what `data_changed` says while the block runs."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.payloads: list[Any] = []

    def __enter__(self) -> list[Any]:
        self.workspace.data_changed.connect(self.payloads.append)
        return self.payloads

    def __exit__(self, *exc: object) -> None:
        self.workspace.data_changed.disconnect(self.payloads.append)


def test_update_fields_of_another_row_is_not_resolved_here(
    workspace: Workspace, database: Database, risk_id: int, dialogs: Any
) -> None:
    risk = crud.get(database, Risk, risk_id)
    command = UpdateFields(Risk, risk_id, risk.version + 5, {"title": risk.title}, {"title": "X"})
    dialogs.conflict_answer = lambda error, who, base: None
    assert not workspace.execute(command)
    assert len(dialogs.conflicts) == 1  # same row, stale version: the dialog is offered
