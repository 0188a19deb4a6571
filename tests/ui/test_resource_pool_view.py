"""The resource pool view on the demo portfolio: filters, undoable edits, rates, vacations."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QAbstractItemModelTester
from sqlalchemy import select, text
from view_teardown import close_view

from pmo_desktop.models import Assignment, Portfolio, Resource, ResourceKind
from pmo_desktop.services import crud
from pmo_desktop.services.database import Database
from pmo_desktop.services.resource_pool_calendar import list_vacations
from pmo_desktop.ui.pool import ResourcePoolView
from pmo_desktop.ui.pool.table import Column
from pmo_desktop.ui.workers import WorkPool
from pmo_desktop.ui.workspace import Workspace


def _sql(database: Database, query: str) -> list[tuple]:
    with database.session() as session:
        return [tuple(row) for row in session.execute(text(query))]


@pytest.fixture
def view(qtbot: Any, demo: Database, dialogs: Any) -> Iterator[ResourcePoolView]:
    with demo.session() as session:
        portfolio_id, as_of = session.execute(select(Portfolio.id, Portfolio.as_of_date)).one()
    pool = WorkPool()
    workspace = Workspace(demo, dialogs=dialogs, pool=pool)
    workspace.set_as_of(as_of)
    widget = ResourcePoolView(workspace)
    widget.resize(1600, 1000)
    widget.show()
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.show_portfolio(portfolio_id)
    yield widget
    close_view(widget, pool)


def _reload(qtbot: Any, view: ResourcePoolView, action: Any) -> Any:
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        result = action()
    return result


def _select(view: ResourcePoolView, code: str) -> None:
    row = next(row for row in view.model.rows() if row.code == code)
    assert view.select_resource(row.id)


def test_the_table_lists_the_pool_and_filters_it(view: ResourcePoolView) -> None:
    fatal = QAbstractItemModelTester.FailureReportingMode.Fatal
    testers = [QAbstractItemModelTester(model, fatal) for model in (view.model, view.proxy)]
    assert testers
    database = view.workspace.database
    total = _sql(database, "SELECT COUNT(*) FROM resources")[0][0]
    assert view.model.rowCount() == total
    counts = dict(_sql(database, "SELECT resource_id, COUNT(*) FROM assignments GROUP BY 1"))
    assert {row.id: row.assignment_count for row in view.model.rows() if row.assignment_count} == (
        counts
    )
    view.kind_combo.setCurrentIndex(view.kind_combo.findData(ResourceKind.ROLE))
    roles = {row.code for row in view.shown_rows()}
    assert roles == {
        code for (code,) in _sql(database, "SELECT code FROM resources WHERE kind = 'role'")
    }
    view.kind_combo.setCurrentIndex(0)
    view.role_combo.setCurrentIndex(view.role_combo.findData("Developer"))
    assert {row.role for row in view.shown_rows()} == {"Developer"}
    view.role_combo.setCurrentIndex(0)
    view.text_edit.setText("sophie")
    assert [row.name for row in view.shown_rows()] == ["Sophie Martin"]
    view.text_edit.clear()
    view.table.sortByColumn(Column.RATE, Qt.SortOrder.DescendingOrder)
    rates = [row.current_rate for row in view.shown_rows()]
    assert rates == sorted(rates, reverse=True)
    assert view.count_label.text() == f"{total} of {total} resources"


def test_new_edit_deactivate_and_undo(qtbot: Any, view: ResourcePoolView) -> None:
    database = view.workspace.database
    assert view.new_action.shortcut().toString() == "Ctrl+Shift+N"
    _reload(qtbot, view, view.new_action.trigger)
    row = view.editor.row
    assert row is not None and row.name == "New resource"
    view.editor.name_edit.setText("Zoé Martin")
    view.editor.role_edit.setText("Architect")
    view.editor.units_spin.setValue(80)
    _reload(qtbot, view, view.editor.save_shortcut.activated.emit)
    saved = crud.get(database, Resource, row.id)
    assert (saved.name, saved.role, saved.max_units) == ("Zoé Martin", "Architect", 0.8)
    assert view.editor.row is not None and view.editor.row.name == "Zoé Martin"
    view.editor.active_check.setChecked(False)
    _reload(qtbot, view, view.save_editor)
    assert not crud.get(database, Resource, row.id).active
    assert row.id not in {shown.id for shown in view.shown_rows()}
    view.inactive_check.setChecked(True)
    assert row.id in {shown.id for shown in view.shown_rows()}
    _reload(qtbot, view, view.workspace.undo_stack.undo)
    assert crud.get(database, Resource, row.id).active
    _reload(qtbot, view, view.workspace.undo_stack.undo)
    assert crud.get(database, Resource, row.id).name == "New resource"


def test_validation_and_deletion_rules_are_explained(
    qtbot: Any, view: ResourcePoolView, dialogs: Any
) -> None:
    _select(view, "R002")
    view.editor.code_edit.setText("R001")
    assert not view.save_editor()
    assert dialogs.messages[-1][1:] == (
        "Change not saved", "The code R001 is already used by Sophie Martin.",
    )  # fmt: skip
    assert not view.delete_current()
    assert dialogs.messages[-1][1] == "Resource not deleted"
    assert "deactivate the resource instead" in dialogs.messages[-1][2]
    _reload(qtbot, view, view.new_resource)
    created = view.editor.row
    assert created is not None
    _reload(qtbot, view, view.delete_current)
    assert dialogs.messages[-1][0] == "question"
    assert created.id not in {row.id for row in view.model.rows()}
    _reload(qtbot, view, view.workspace.undo_stack.undo)
    assert created.id in {row.id for row in view.model.rows()}


def test_a_rate_row_re_costs_the_assignments_and_undo_restores_them(
    qtbot: Any, view: ResourcePoolView
) -> None:
    database = view.workspace.database
    _select(view, "R014")
    row = view.editor.row
    assert row is not None
    with database.session() as session:
        before = dict(
            session.execute(
                select(Assignment.id, Assignment.cost).where(Assignment.resource_id == row.id)
            ).all()
        )
    view.editor.rate_date_edit.setDate(date(2000, 1, 1))
    view.editor.tabs.setCurrentIndex(1)
    _reload(qtbot, view, view.editor.add_rate_button.click)
    assert view.editor.rates_model.rowCount() == 1
    # Double the rate from 1 January 2000 (before every assignment): costs double.
    rate = view.editor.rates_model.row_at(0)
    doubled = float(rate.cost_rate * 2)
    _reload(qtbot, view, lambda: view.editor.rates_model.setData(
        view.editor.rates_model.index(0, 1), doubled
    ))  # fmt: skip
    with database.session() as session:
        after = dict(
            session.execute(
                select(Assignment.id, Assignment.cost).where(Assignment.resource_id == row.id)
            ).all()
        )
    assert after.keys() == before.keys()
    for assignment_id, cost in after.items():
        work = crud.get(database, Assignment, assignment_id).work_minutes
        assert cost == (Decimal(work) / 60 * Decimal(str(doubled))).quantize(Decimal("0.01"))
    view.editor.tabs.setCurrentIndex(0)
    assert view.editor.assigned_model.rowCount() == len(before)
    _reload(qtbot, view, view.workspace.undo_stack.undo)
    _reload(qtbot, view, view.workspace.undo_stack.undo)
    with database.session() as session:
        restored = dict(
            session.execute(
                select(Assignment.id, Assignment.cost).where(Assignment.resource_id == row.id)
            ).all()
        )
    assert restored == before
    assert view.editor.rates_model.rowCount() == 0


def test_vacations_and_the_assigned_list(qtbot: Any, view: ResourcePoolView) -> None:
    database = view.workspace.database
    _select(view, "R011")
    row = view.editor.row
    assert row is not None
    view.editor.set_new_vacation(date(2026, 11, 9), date(2026, 11, 13), "Autumn break")
    _reload(qtbot, view, view.editor.add_vacation_button.click)
    assert [(v.name, v.days) for v in list_vacations(database, row.id)] == [("Autumn break", 5)]
    assert view.editor.vacations_model.rowCount() == 1
    shown = view.editor.row
    assert shown is not None and shown.calendar_name == "R011 Antoine Girard"
    view.editor.vacations_table.selectRow(0)
    _reload(qtbot, view, view.editor.remove_vacation_button.click)
    assert list_vacations(database, row.id) == []
    assigned = view.editor.assigned_model.row_at(0)
    with qtbot.waitSignal(view.open_task) as blocker:
        view.editor.assigned_table.doubleClicked.emit(view.editor.assigned_model.index(0, 1))
    assert blocker.args == [assigned.project_id, assigned.task_id]


def test_read_only_database_disables_editing(qtbot: Any, view: ResourcePoolView) -> None:
    view.workspace.database.read_only = True
    _reload(qtbot, view, view.workspace.refresh)
    _select(view, "R001")
    assert not view.editor.name_edit.isEnabled()
    assert not view.editor.add_vacation_button.isEnabled()
    assert not view.new_action.isEnabled()
    assert not view.editor.rates_model.editable


def test_state_is_saved_and_restored(view: ResourcePoolView) -> None:
    settings = QSettings()
    view.inactive_check.setChecked(True)
    view.save_state(settings)
    view.inactive_check.setChecked(False)
    view.restore_state(settings)
    assert view.inactive_check.isChecked()


def test_render(view: ResourcePoolView, tmp_path: Any) -> None:
    _select(view, "R005")
    assert view.grab().save(str(tmp_path / "pool.png"))
