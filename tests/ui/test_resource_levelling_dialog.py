"""Level Resources… from the loading view: preview in a worker, apply as one undo step,
undo and redo; the action is off on a read-only database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from view_teardown import close_view

from pmo_desktop.models import Assignment, Portfolio, Task
from pmo_desktop.services.database import Database
from pmo_desktop.ui.resources.view import ResourceLoadingView
from pmo_desktop.ui.workers import WorkPool
from pmo_desktop.ui.workspace import Workspace

Dates = dict[int, tuple[datetime | None, datetime | None]]


def _view(qtbot: Any, database: Database, dialogs: Any) -> tuple[ResourceLoadingView, WorkPool]:
    pool = WorkPool()
    widget = ResourceLoadingView(Workspace(database, dialogs=dialogs, pool=pool))
    widget.resize(1400, 900)
    widget.show()
    with database.session() as session:
        portfolio_id = session.scalars(select(Portfolio.id)).one()
    with qtbot.waitSignal(widget.loaded, timeout=20_000):
        widget.show_portfolio(portfolio_id)
    return widget, pool


@pytest.fixture
def view(qtbot: Any, demo: Database, dialogs: Any) -> Iterator[ResourceLoadingView]:
    widget, pool = _view(qtbot, demo, dialogs)
    yield widget
    close_view(widget, pool)


def _dates(database: Database, model: type[Task] | type[Assignment]) -> Dates:
    with database.session() as session:
        rows = session.execute(select(model.id, model.start, model.finish))
        return {row.id: (row.start, row.finish) for row in rows}


def test_preview_apply_undo_redo(qtbot: Any, view: ResourceLoadingView, demo: Database) -> None:
    action = view.level_action
    assert action in view.actions_for_menu()
    assert action.shortcut() == QKeySequence("Ctrl+Shift+L")
    assert action.isEnabled()
    tasks_before, assignments_before = _dates(demo, Task), _dates(demo, Assignment)

    dialog = view.open_levelling()
    assert dialog is not None and dialog.isVisible()
    assert not dialog.apply_button.isEnabled()
    fatal = QAbstractItemModelTester.FailureReportingMode.Fatal
    testers = [QAbstractItemModelTester(model, fatal)
               for model in (dialog.tasks_model, dialog.projects_model)]  # fmt: skip
    with qtbot.waitSignal(dialog.previewed, timeout=30_000):
        dialog.preview_button.click()
        assert dialog.busy.isVisible() and not dialog.preview_button.isEnabled()
    assert dialog.error == ""
    plan = dialog.plan
    assert plan is not None and plan.moves
    assert dialog.tasks_model.rowCount() == len(plan.moves)
    assert dialog.projects_model.rowCount() == len(plan.projects)
    assert "removed" in dialog.over_label.text()
    assert len(testers) == 2
    assert not dialog.busy.isVisible()
    dialog.grab().save("/tmp/C-levelling-dialog.png")
    assert dialog.apply_button.isEnabled()

    dialog.apply_button.click()
    QApplication.processEvents()
    stack = view.workspace.undo_stack
    assert stack.count() == 1
    levelled = _dates(demo, Task)
    for move in plan.moves:
        assert levelled[move.task_id] == (move.levelled_start, move.levelled_finish)
    stack.undo()
    assert _dates(demo, Task) == tasks_before
    assert _dates(demo, Assignment) == assignments_before
    stack.redo()
    assert _dates(demo, Task) == levelled


def test_programme_scope_preselected_and_cancel(
    qtbot: Any, view: ResourceLoadingView, demo: Database
) -> None:
    with demo.session() as session:
        from pmo_desktop.models import Programme

        programme_id = session.scalars(select(Programme.id).order_by(Programme.id)).first()
    assert programme_id is not None
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        view.show_portfolio(view.portfolio_id or 0, programme_id)
    dialog = view.open_levelling()
    assert dialog is not None
    options = dialog.options()
    assert (options.scope, options.scope_id) == ("programme", programme_id)
    dialog.within_slack.setChecked(True)
    assert dialog.options().within_slack
    dialog.reject()
    assert view.workspace.undo_stack.count() == 0


def test_action_off_on_a_read_only_database(qtbot: Any, demo: Database, dialogs: Any) -> None:
    demo.read_only = True
    demo.read_only_reason = "opened read-only for the test"
    widget, pool = _view(qtbot, demo, dialogs)
    try:
        assert not widget.level_action.isEnabled()
        assert widget.open_levelling() is None
    finally:
        close_view(widget, pool)
