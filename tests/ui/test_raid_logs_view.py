"""The RAID logs view on the demo portfolio: tab counts, filters, undoable edits, the
cross-project links and their double-click."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QAbstractItemModelTester, QTest
from sqlalchemy import select, text
from view_teardown import close_view

from pmo_desktop.models import Portfolio
from pmo_desktop.services.database import Database
from pmo_desktop.services.raid_logs import LogKind
from pmo_desktop.ui.raid import RaidView
from pmo_desktop.ui.workers import WorkPool
from pmo_desktop.ui.workspace import Workspace

TABLES = {
    LogKind.ISSUES: "issues", LogKind.ASSUMPTIONS: "assumptions",
    LogKind.DECISIONS: "decisions", LogKind.CHANGES: "change_requests",
    LogKind.LESSONS: "lessons",
}  # fmt: skip


def _sql(database: Database, query: str, **params: object) -> list[tuple]:
    with database.session() as session:
        return [tuple(row) for row in session.execute(text(query), params)]


@pytest.fixture
def view(qtbot: Any, demo: Database, dialogs: Any) -> Iterator[RaidView]:
    with demo.session() as session:
        portfolio_id, as_of = session.execute(select(Portfolio.id, Portfolio.as_of_date)).one()
    pool = WorkPool()
    workspace = Workspace(demo, dialogs=dialogs, pool=pool)
    workspace.set_as_of(as_of)
    widget = RaidView(workspace)
    widget.resize(1600, 1000)
    widget.show()
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.show_portfolio(portfolio_id)
    yield widget
    close_view(widget, pool)


def test_tabs_show_every_entry_and_the_right_counts(view: RaidView) -> None:
    database = view.workspace.database
    assert view.is_loaded()
    for kind, table in TABLES.items():
        tab = view.log_tabs[kind]
        tab.clear_filters()
        if tab.status_combo.count():
            tab.status_combo.setCurrentIndex(tab.status_combo.findData(None))
        total = _sql(database, f"SELECT COUNT(*) FROM {table}")[0][0]
        assert tab.counts() == (total, total) and total > 0
        assert f"{total} of {total}" in tab.count_label.text()
    issues = view.log_tabs[LogKind.ISSUES]
    issues.clear_filters()  # "Still open" again
    open_count = _sql(
        database, "SELECT COUNT(*) FROM issues WHERE status IN ('open', 'in_progress')"
    )[0][0]
    assert issues.counts()[0] == open_count
    view.show_log(LogKind.ISSUES)
    assert issues.count_text() in view.status_line.text()
    escalated = _sql(database, "SELECT COUNT(*) FROM issues WHERE escalated")[0][0]
    assert f"{escalated} escalated issues" in view.status_line.text()


def test_filters_narrow_and_lessons_search_spans_projects(view: RaidView) -> None:
    issues = view.log_tabs[LogKind.ISSUES]
    shown = issues.counts()[0]
    issues.overdue_check.setChecked(True)
    overdue = issues.shown_rows()
    assert 0 < len(overdue) < shown and all(row.overdue for row in overdue)
    owner = overdue[0].owner
    issues.owner_combo.setCurrentIndex(issues.owner_combo.findData(owner))
    assert all(row.owner == owner for row in issues.shown_rows())
    issues.clear_filters()
    assert issues.counts()[0] == shown
    lessons = view.log_tabs[LogKind.LESSONS]
    word = next(row for row in lessons.shown_rows() if row.values["tags"]).values["tags"]
    word = word.split(";")[0]
    lessons.text_edit.setText(word)
    found = lessons.shown_rows()
    assert found and all(word in row.haystack for row in found)
    assert len({row.project_id for row in found}) > 1
    assert lessons.counts()[0] < lessons.counts()[1]


def test_edit_save_persists_and_undo_reverts(qtbot: Any, view: RaidView) -> None:
    database = view.workspace.database
    view.show_log(LogKind.DECISIONS)
    tab = view.log_tabs[LogKind.DECISIONS]
    tab.status_combo.setCurrentIndex(tab.status_combo.findData(None))
    row = tab.shown_rows()[0]
    assert tab.select_entry(row.id)
    tab.editor.set_field("rationale", "Lower running cost over five years")
    tab.editor.set_field("title", "Choose the hosting provider")
    assert tab.editor.save_button.isEnabled()
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        QTest.mouseClick(tab.editor.save_button, Qt.MouseButton.LeftButton)
    query = "SELECT title, rationale FROM decisions WHERE id = :i"
    assert _sql(database, query, i=row.id) == [
        ("Choose the hosting provider", "Lower running cost over five years")
    ]
    assert tab.editor.row is not None and tab.editor.row.title == "Choose the hosting provider"
    assert not tab.editor.save_button.isEnabled()
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.workspace.undo_stack.undo()
    assert _sql(database, query, i=row.id) == [(row.title, row.values["rationale"])]
    assert tab.editor.row is not None and tab.editor.row.title == row.title


def test_new_and_delete_entries_are_undoable(qtbot: Any, view: RaidView, dialogs: Any) -> None:
    database = view.workspace.database
    view.show_log(LogKind.ISSUES)
    tab = view.log_tabs[LogKind.ISSUES]
    before = _sql(database, "SELECT COUNT(*) FROM issues")[0][0]
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.new_action.trigger()
    assert _sql(database, "SELECT COUNT(*) FROM issues")[0][0] == before + 1
    created = tab.editor.row
    assert created is not None and created.title == "New issue"
    assert created.code.startswith("HEL-I-")
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        assert view.delete_current()
    assert [m for m in dialogs.messages if m[0] == "question"], "deleting asks first"
    assert _sql(database, "SELECT COUNT(*) FROM issues")[0][0] == before
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.workspace.undo_stack.undo()
    assert _sql(database, "SELECT code FROM issues WHERE id = :i", i=created.id) == [
        (created.code,)
    ]


def test_dependencies_list_and_double_click_opens_the_task(qtbot: Any, view: RaidView) -> None:
    database = view.workspace.database
    expected = _sql(
        database,
        "SELECT COUNT(*) FROM dependencies d JOIN tasks p ON p.id = d.predecessor_id "
        "JOIN tasks s ON s.id = d.successor_id WHERE p.project_id <> s.project_id",
    )[0][0]
    view.show_log(None)
    links = view.dependencies
    assert links.counts() == (expected, expected) and expected > 0
    table = links.table
    index = links.proxy.index(0, 3)
    row = links.model.row_at(links.proxy.mapToSource(index).row())
    with qtbot.waitSignal(view.open_task, timeout=2_000) as blocker:
        _double_click(table, index)
    assert blocker.args == [row.successor_project_id, row.successor_task_id]
    with qtbot.waitSignal(view.open_task, timeout=2_000) as blocker:
        _double_click(table, links.proxy.index(0, 0))
    assert blocker.args == [row.predecessor_project_id, row.predecessor_task_id]


def _double_click(table: Any, index: Any) -> None:
    """Press, release, then double-click, as a mouse does (Qt wants the first click)."""
    point = table.visualRect(index).center()
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=point)
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_state_round_trips(view: RaidView, tmp_path: Any) -> None:
    settings = QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat)
    view.show_log(LogKind.LESSONS)
    view.save_state(settings)
    view.show_log(LogKind.ISSUES)
    view.restore_state(settings)
    assert view.current_log_tab() is view.log_tabs[LogKind.LESSONS]
    assert view.actions_for_menu()[0].shortcut().toString() == "Ctrl+Shift+N"


def test_item_models_pass_the_model_tester(view: RaidView) -> None:
    fatal = QAbstractItemModelTester.FailureReportingMode.Fatal
    for tab in view.log_tabs.values():
        QAbstractItemModelTester(tab.model, fatal)
        QAbstractItemModelTester(tab.proxy, fatal)
        tab.text_edit.setText("e")
        tab.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    QAbstractItemModelTester(view.dependencies.model, fatal)
    QAbstractItemModelTester(view.dependencies.proxy, fatal)
    view.dependencies.text_edit.setText("0")
