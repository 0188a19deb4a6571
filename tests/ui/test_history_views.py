"""The History panel and the change log on the sample portfolio, after real edits."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from conftest import Sample
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtTest import QAbstractItemModelTester
from sqlalchemy import select
from view_teardown import close_view

from pmo_desktop.models import AuditEntry, Risk, Task
from pmo_desktop.services import crud
from pmo_desktop.services.audit_log import object_history
from pmo_desktop.services.commands import UpdateFields
from pmo_desktop.services.database import Database
from pmo_desktop.storage import audit
from pmo_desktop.ui.history import ChangeLogView, HistoryPanel
from pmo_desktop.ui.history.model import NO_PARENT, AuditTreeModel
from pmo_desktop.ui.workers import WorkPool
from pmo_desktop.ui.workspace import Workspace


@pytest.fixture
def workspace(sample_db: tuple[Database, Sample], dialogs: Any) -> Iterator[Workspace]:
    database, sample = sample_db
    database.user_name = "Chloé Durand"
    pool = WorkPool()
    workspace = Workspace(database, dialogs=dialogs, pool=pool)
    task = crud.create(
        database, Task, project_id=sample.projects["DW-01"], name="Order", duration_minutes=960
    )
    workspace.execute(
        UpdateFields(
            Task,
            task.id,
            task.version,
            {"name": "Order", "duration_minutes": 960, "percent_complete": 0.0},
            {"name": "Order laptops", "duration_minutes": 1440, "percent_complete": 40.0},
            text="Edit task",
        )
    )
    yield workspace
    pool.drain()


def _task_id(workspace: Workspace) -> int:
    with workspace.database.session() as session:
        return session.scalars(select(Task.id).where(Task.name == "Order laptops")).one()


@pytest.fixture
def panel(qtbot: Any, workspace: Workspace) -> Iterator[HistoryPanel]:
    widget = HistoryPanel(workspace)
    widget.resize(480, 400)
    widget.show()
    yield widget
    close_view(widget, workspace.pool)


@pytest.fixture
def change_log(qtbot: Any, workspace: Workspace, sample_db: tuple[Database, Sample]) -> Any:
    widget = ChangeLogView(workspace)
    widget.resize(1400, 700)
    widget.show()
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.show_portfolio(sample_db[1].portfolio_id)
    yield widget
    close_view(widget, workspace.pool)


def _texts(model: AuditTreeModel, parent: QModelIndex = NO_PARENT) -> list[list[str]]:
    return [
        [
            str(model.index(row, column, parent).data() or "")
            for column in range(model.columnCount())
        ]
        for row in range(model.rowCount(parent))
    ]


def test_the_panel_shows_the_selected_objects_changes_before_and_after(
    qtbot: Any, panel: HistoryPanel, workspace: Workspace
) -> None:
    QAbstractItemModelTester(panel.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert panel.title_text() == "History"
    task_id = _task_id(workspace)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.show_object("tasks", task_id)
    assert panel.title_text() == "Task · Order laptops"
    assert panel.model.rowCount() == 2  # changed, created
    heading = panel.model.index(0, 0).data()
    assert "Chloé Durand" in heading and "Changed" in heading
    assert _texts(panel.model, panel.model.index(0, 0)) == [
        ["Name", "Order", "Order laptops"],
        ["Duration", "16 h", "24 h"],
        ["% complete", "0%", "40%"],
    ]
    assert panel.tree.isFirstColumnSpanned(0, QModelIndex())

    # Undo is a change too: the panel reads the history again.
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        workspace.undo_stack.undo()
    assert panel.model.rowCount() == 3
    assert _texts(panel.model, panel.model.index(0, 0))[0] == ["Name", "Order laptops", "Order"]


def test_the_panel_says_when_nothing_is_recorded(qtbot: Any, panel: HistoryPanel) -> None:
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.show_object("risks", 999_999)
    assert panel.model.rowCount() == 0
    assert panel.status.text() == "No recorded changes."
    panel.clear()
    assert panel.entity is None and panel.is_loaded()


def test_the_change_log_lists_the_portfolios_changes_newest_first(
    change_log: ChangeLogView, workspace: Workspace
) -> None:
    QAbstractItemModelTester(change_log.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    with workspace.database.session() as session:
        total = len(session.scalars(select(AuditEntry.id)).all())
    assert change_log.page is not None and change_log.page.total == total
    first = _texts(change_log.model)[0]
    assert first[AuditTreeModel.WHO] == "Chloé Durand"
    assert first[AuditTreeModel.ACTION] == "Changed"
    assert first[AuditTreeModel.OBJECT] == "Task · Order laptops"
    assert first[AuditTreeModel.FIELD] == "3 fields"
    fields = _texts(change_log.model, change_log.model.index(0, 0))
    assert [row[AuditTreeModel.FIELD] for row in fields] == ["Name", "Duration", "% complete"]
    assert change_log.subtitle.text() == f"{total} changes recorded, newest first"
    assert change_log.page_label.text() == f"1–{total} of {total}"


def test_filters_narrow_the_change_log(
    qtbot: Any, change_log: ChangeLogView, sample_db: tuple[Database, Sample]
) -> None:
    filters = change_log.filters
    combo = filters.user_combo
    authors = sorted(["Chloé Durand", audit.login_name()], key=str.casefold)
    assert [combo.itemText(i) for i in range(combo.count())] == ["Anyone", *authors]
    entity = filters.entity_combo
    with qtbot.waitSignal(change_log.loaded, timeout=10_000):
        entity.setCurrentIndex(entity.findData("risks"))
    records = change_log.model.records
    assert records and {record.entity for record in records} == {"risks"}
    with qtbot.waitSignal(change_log.loaded, timeout=10_000):
        filters.clear()
    project = filters.project_combo
    with qtbot.waitSignal(change_log.loaded, timeout=10_000):
        project.setCurrentIndex(project.findData(sample_db[1].projects["DW-01"]))
    assert {record.project_id for record in change_log.model.records} == {
        sample_db[1].projects["DW-01"]
    }
    with qtbot.waitSignal(change_log.loaded, timeout=10_000):
        filters.text_edit.setText("laptops")
    assert [record.entity for record in change_log.model.records] == ["tasks"]
    assert change_log.subtitle.text() == "1 change matches these filters"
    with qtbot.waitSignal(change_log.loaded, timeout=10_000):
        filters.text_edit.setText("no such words anywhere")
    assert change_log.model.rowCount() == 0
    assert change_log.subtitle.text() == "No change matches these filters."


def test_pages_go_older_and_newer(qtbot: Any, change_log: ChangeLogView) -> None:
    assert change_log.page is not None
    total = change_log.page.total
    change_log.page_size = 4
    with qtbot.waitSignal(change_log.loaded, timeout=10_000):
        change_log.show_portfolio(change_log.portfolio_id or 0)
    assert change_log.model.rowCount() == 4
    assert not change_log.newer_action.isEnabled() and change_log.older_action.isEnabled()
    first_page = [record.id for record in change_log.model.records]
    with qtbot.waitSignal(change_log.loaded, timeout=10_000):
        change_log.older_button.click()
    assert change_log.page_label.text() == f"5–8 of {total}"
    assert change_log.newer_action.isEnabled()
    assert not set(first_page) & {record.id for record in change_log.model.records}
    with qtbot.waitSignal(change_log.loaded, timeout=10_000):
        change_log.newer_action.trigger()
    assert [record.id for record in change_log.model.records] == first_page


def test_double_click_opens_the_changed_object(
    qtbot: Any, change_log: ChangeLogView, workspace: Workspace
) -> None:
    index = change_log.model.index(0, AuditTreeModel.OBJECT)
    with qtbot.waitSignal(change_log.open_object, timeout=2_000) as opened:
        change_log.tree.doubleClicked.emit(index)
    assert opened.args == ["tasks", _task_id(workspace)]
    child = change_log.model.index(1, AuditTreeModel.FIELD, change_log.model.index(0, 0))
    change_log.tree.setCurrentIndex(child)
    with qtbot.waitSignal(change_log.open_object, timeout=2_000) as opened:
        change_log.open_action.trigger()
    assert opened.args == ["tasks", _task_id(workspace)]


def test_an_edit_elsewhere_reloads_the_change_log(
    qtbot: Any, change_log: ChangeLogView, workspace: Workspace
) -> None:
    database = workspace.database
    with database.session() as session:
        risk = session.scalars(select(Risk).order_by(Risk.id)).first()
    assert risk is not None
    with qtbot.waitSignal(change_log.loaded, timeout=10_000):
        workspace.execute(
            UpdateFields(Risk, risk.id, risk.version, {"owner": risk.owner}, {"owner": "Marc"})
        )
    first = _texts(change_log.model)[0]
    assert first[AuditTreeModel.OBJECT].startswith("Risk · ")
    assert (first[AuditTreeModel.FIELD], first[AuditTreeModel.AFTER]) == ("Owner", "Marc")
    assert object_history(database, "risks", risk.id)[0].changes[0].after == "Marc"


def test_state_is_saved_and_restored(qtbot: Any, change_log: ChangeLogView) -> None:
    header = change_log.tree.header()
    header.resizeSection(AuditTreeModel.OBJECT, 333)
    settings = QSettings()
    change_log.save_state(settings)
    header.resizeSection(AuditTreeModel.OBJECT, 100)
    change_log.restore_state(settings)
    assert header.sectionSize(AuditTreeModel.OBJECT) == 333
    assert [action.text() for action in change_log.actions_for_menu()] == [
        "&Open changed item",
        "&Newer changes",
        "&Older changes",
        "&Filter changes",
        "&Clear change-log filters",
    ]
    assert change_log.older_action.shortcut().toString() == "Alt+PgDown"
    assert change_log.tree.model() is change_log.model
    assert change_log.model.flags(change_log.model.index(0, 0)) & Qt.ItemFlag.ItemIsSelectable
