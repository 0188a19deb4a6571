"""Clear Levelling… in the loading view: asks first, prepares the command in a worker,
clears the delays of the shown scope as one undo step; says so when there is none."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu
from sqlalchemy import select
from view_teardown import close_view

from pmo_desktop.models import Portfolio, Task
from pmo_desktop.services.database import Database
from pmo_desktop.services.levelling import LevellingOptions, plan_levelling
from pmo_desktop.ui.resources.view import ResourceLoadingView
from pmo_desktop.ui.workers import WorkPool
from pmo_desktop.ui.workspace import Workspace


@pytest.fixture
def view(qtbot: Any, demo: Database, dialogs: Any) -> Iterator[ResourceLoadingView]:
    pool = WorkPool()
    widget = ResourceLoadingView(Workspace(demo, dialogs=dialogs, pool=pool))
    widget.resize(1200, 800)
    widget.show()
    with demo.session() as session:
        portfolio_id = session.scalars(select(Portfolio.id)).one()
    with qtbot.waitSignal(widget.loaded, timeout=20_000):
        widget.show_portfolio(portfolio_id)
    yield widget
    close_view(widget, pool)


def _delays(database: Database) -> dict[int, int]:
    with database.session() as session:
        rows = session.execute(select(Task.id, Task.levelling_delay_minutes))
        return {row.id: row.levelling_delay_minutes for row in rows if row.levelling_delay_minutes}


def _clear(qtbot: Any, view: ResourceLoadingView) -> bool:
    clearer = view.clear_level_action.clearer
    with qtbot.waitSignal(clearer.finished, timeout=30_000) as blocker:
        view.clear_level_action.trigger()
    return bool(blocker.args[0])


def test_clear_levelling_asks_clears_and_undoes(
    qtbot: Any, view: ResourceLoadingView, demo: Database, dialogs: Any
) -> None:
    action = view.clear_level_action
    assert action in view.actions_for_menu() and action.isEnabled()
    assert action.shortcut() == QKeySequence("Ctrl+Shift+K")
    menu = QMenu()
    menu.addActions(view.actions_for_menu())
    menu.grab().save("/tmp/I-clear-levelling-menu.png")

    assert not _clear(qtbot, view)  # nothing to clear yet
    assert dialogs.messages[-1][0] == "information"
    assert "No task in the whole portfolio has a levelling delay" in dialogs.messages[-1][2]

    assert view.portfolio_id is not None
    levelled = plan_levelling(demo, view.portfolio_id, LevellingOptions(time_limit_s=1.0))
    assert view.workspace.execute(levelled.command())
    delays = _delays(demo)
    assert delays

    dialogs.answer = False
    assert not _clear(qtbot, view)
    assert dialogs.messages[-1][0] == "question" and _delays(demo) == delays

    dialogs.answer = True
    assert _clear(qtbot, view)
    assert "Remove the levelling delays" in dialogs.messages[-1][2]
    assert _delays(demo) == {}
    stack = view.workspace.undo_stack
    assert stack.undoText() == "Clear levelling"
    stack.undo()
    assert _delays(demo) == delays
    stack.redo()
    assert _delays(demo) == {}


def test_clear_levelling_is_off_without_a_portfolio(qtbot: Any, demo: Database) -> None:
    pool = WorkPool()
    widget = ResourceLoadingView(Workspace(demo, pool=pool))
    assert not widget.clear_level_action.isEnabled()
    close_view(widget, pool)
