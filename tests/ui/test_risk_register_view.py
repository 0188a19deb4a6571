"""The risk register view on the demo portfolio: filters, heat maps, sorting, undoable edits."""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from sqlalchemy import select, text
from view_teardown import close_view

from pmo_desktop.models import Portfolio, Risk
from pmo_desktop.services.database import Database
from pmo_desktop.services.risk_register import RiskRow
from pmo_desktop.ui.risks import RiskRegisterView
from pmo_desktop.ui.risks.table import Column
from pmo_desktop.ui.workers import WorkPool
from pmo_desktop.ui.workspace import Workspace

ACTIVE = "status IN ('open', 'occurred')"
WORST = "MAX(impact_schedule, impact_cost, impact_scope, impact_quality)"


def _sql(database: Database, query: str, **params: object) -> list[tuple]:
    with database.session() as session:
        return [tuple(row) for row in session.execute(text(query), params)]


def _codes(database: Database, where: str, **params: object) -> set[str]:
    return {code for (code,) in _sql(database, f"SELECT code FROM risks WHERE {where}", **params)}


@pytest.fixture
def view(qtbot: Any, demo: Database, dialogs: Any) -> Iterator[RiskRegisterView]:
    """The register of the demo portfolio, loaded, at the portfolio's as-of date."""
    with demo.session() as session:
        portfolio_id, as_of = session.execute(select(Portfolio.id, Portfolio.as_of_date)).one()
    pool = WorkPool()
    workspace = Workspace(demo, dialogs=dialogs, pool=pool)
    workspace.set_as_of(as_of)
    widget = RiskRegisterView(workspace)
    widget.resize(1500, 900)
    widget.show()
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.show_portfolio(portfolio_id)
    yield widget
    close_view(widget, pool)


def _listed(row: RiskRow) -> RiskRow:
    """The row as the table lists it (without the texts the editor reads)."""
    return replace(row, cause="", effect="", response_plan="", actions=(), texts_loaded=False)


def _shown_codes(view: RiskRegisterView) -> set[str]:
    return {row.code for row in view.shown_rows()}


def test_the_table_and_heat_maps_show_what_the_database_holds(view: RiskRegisterView) -> None:
    database = view.workspace.database
    assert view.model.rowCount() == _sql(database, "SELECT COUNT(*) FROM risks")[0][0]
    assert _shown_codes(view) == _codes(database, ACTIVE)
    inherent = {
        (p, i): n
        for p, i, n in _sql(
            database,
            f"SELECT probability, {WORST} AS i, COUNT(*) FROM risks WHERE {ACTIVE} "
            "GROUP BY probability, i",
        )
    }
    painted = {
        (p, i): view.inherent_map.count(p, i)
        for p in range(1, 6)
        for i in range(1, 6)
        if view.inherent_map.count(p, i)
    }
    assert painted == inherent
    residual_total = sum(map(sum, view.residual_map.counts))
    assert residual_total == view.proxy.rowCount() == sum(inherent.values())
    assert "of" in view.count_label.text() and str(view.proxy.rowCount()) in view.count_label.text()


def test_clicking_a_cell_filters_the_table_and_clicking_again_clears(
    qtbot: Any, view: RiskRegisterView
) -> None:
    everything = _shown_codes(view)
    heat = view.inherent_map
    probability, impact = max(
        ((p, i) for p in range(1, 6) for i in range(1, 6)), key=lambda cell: heat.count(*cell)
    )
    count = heat.count(probability, impact)
    assert count > 1
    residual_before = view.residual_map.counts
    centre = heat.cell_rect(probability, impact).center().toPoint()
    qtbot.mouseClick(heat, Qt.MouseButton.LeftButton, pos=centre)
    shown = view.shown_rows()
    assert len(shown) == count
    assert all(row.probability == probability and row.impact == impact for row in shown)
    assert heat.selected == (probability, impact)
    assert view.residual_map.counts == residual_before
    assert view.filters.cell_label.text()

    qtbot.mouseClick(heat, Qt.MouseButton.LeftButton, pos=centre)
    assert _shown_codes(view) == everything
    assert heat.selected is None and not view.filters.cell_label.text()

    residual = view.residual_map
    cell = next((p, i) for p in range(5, 0, -1) for i in range(5, 0, -1) if residual.count(p, i))
    qtbot.mouseClick(
        residual, Qt.MouseButton.LeftButton, pos=residual.cell_rect(*cell).center().toPoint()
    )
    assert len(view.shown_rows()) == residual.count(*cell)
    assert all(row.cell(residual=True) == cell for row in view.shown_rows())
    assert heat.selected is None and residual.selected == cell


def test_the_filter_bar_keeps_what_sql_selects(view: RiskRegisterView) -> None:
    database = view.workspace.database
    owner = _sql(
        database,
        f"SELECT owner FROM risks WHERE {ACTIVE} AND owner <> '' GROUP BY owner "
        "ORDER BY COUNT(*) DESC, owner",
    )[0][0]
    view.filters.owner_combo.setCurrentIndex(view.filters.owner_combo.findData(owner))
    assert _shown_codes(view) == _codes(database, f"{ACTIVE} AND owner = :o", o=owner)
    view.filters.owner_combo.setCurrentIndex(0)

    view.filters.min_score_spin.setValue(12)
    assert _shown_codes(view) == _codes(database, f"{ACTIVE} AND score >= 12")
    assert sum(map(sum, view.inherent_map.counts)) == view.proxy.rowCount()

    category = view.filters.category_combo.itemData(1)
    view.filters.category_combo.setCurrentIndex(1)
    assert _shown_codes(view) == _codes(
        database, f"{ACTIVE} AND score >= 12 AND category = :c", c=category
    )
    view.clear_filters()

    view.filters.proximity_combo.setCurrentIndex(view.filters.proximity_combo.findData(90))
    horizon = view.workspace.as_of + timedelta(days=90)
    soon = _codes(database, f"{ACTIVE} AND proximity <= :d", d=horizon)
    assert soon and _shown_codes(view) == soon
    view.clear_filters()
    assert view.proxy.rowCount() == len(_codes(database, ACTIVE))

    view.filters.status_combo.setCurrentIndex(view.filters.status_combo.findData("closed"))
    assert _shown_codes(view) == _codes(database, "status = 'closed'")
    view.filters.status_combo.setCurrentIndex(view.filters.status_combo.findData("all"))
    view.filters.overdue_check.setChecked(True)
    overdue = _codes(database, f"{ACTIVE} AND review_date < :d", d=view.workspace.as_of)
    assert overdue and _shown_codes(view) == overdue
    view.filters.overdue_check.setChecked(False)

    code = view.model.row_at(0).code
    view.filters.text_edit.setText(code.lower())
    assert _shown_codes(view) == {code}
    view.filters.text_edit.setText("no risk is called this")
    assert view.proxy.rowCount() == 0 and sum(map(sum, view.inherent_map.counts)) == 0


def test_sorting_by_score_and_keeping_the_selection(view: RiskRegisterView) -> None:
    view.table.sortByColumn(Column.SCORE, Qt.SortOrder.DescendingOrder)
    scores = [row.score for row in view.shown_rows()]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[-1]
    middle = view.shown_rows()[len(scores) // 2]
    assert view.select_risk(middle.id)
    view.table.sortByColumn(Column.CODE, Qt.SortOrder.AscendingOrder)
    codes = [row.code.casefold() for row in view.shown_rows()]
    assert codes == sorted(codes)
    current = view.table.currentIndex()
    assert view.model.row_at(view.proxy.mapToSource(current).row()).id == middle.id
    shown = view.editor.row
    assert shown is not None and shown.texts_loaded
    assert _listed(shown) == middle
    ((cause,),) = _sql(
        view.workspace.database, "SELECT cause FROM risks WHERE id = :i", i=middle.id
    )
    assert view.editor.cause_edit.toPlainText() == cause


def _score(database: Database, risk_id: int) -> tuple[int, int, int | None, str]:
    with database.session() as session:
        risk = session.get(Risk, risk_id)
        assert risk is not None
        return risk.probability, risk.score, risk.residual_score, risk.title


def test_an_edit_is_saved_reloaded_and_undone(qtbot: Any, view: RiskRegisterView) -> None:
    database = view.workspace.database
    row = next(row for row in view.shown_rows() if row.probability < 5 and row.impact < 5)
    assert view.select_risk(row.id)
    assert not view.editor.save_button.isEnabled()
    view.editor.set_field("probability", row.probability + 1)
    view.editor.set_field("impact_quality", 5)
    view.editor.set_field("residual_probability", 1)
    view.editor.set_field("residual_impact", 2)
    view.editor.set_field("title", "Supplier insolvency during the build")
    view.editor.set_field("cause", "Main supplier in receivership")
    ((cause_before,),) = _sql(database, "SELECT cause FROM risks WHERE id = :i", i=row.id)
    assert view.editor.score_label.text() == str((row.probability + 1) * 5)
    assert view.editor.save_button.isEnabled()
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        qtbot.mouseClick(view.editor.save_button, Qt.MouseButton.LeftButton)
    saved = (row.probability + 1, (row.probability + 1) * 5, 2)
    assert _score(database, row.id) == (*saved, "Supplier insolvency during the build")
    assert view.editor.row is not None and view.editor.row.id == row.id
    assert view.editor.row.score == saved[1] and not view.editor.save_button.isEnabled()
    assert view.workspace.undo_stack.count() == 1
    assert _sql(database, "SELECT cause FROM risks WHERE id = :i", i=row.id) == [
        ("Main supplier in receivership",)
    ]
    assert view.editor.cause_edit.toPlainText() == "Main supplier in receivership"

    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.workspace.undo_stack.undo()
    assert _score(database, row.id) == (row.probability, row.score, row.residual_score, row.title)
    shown = view.editor.row
    assert shown is not None and _listed(shown) == replace(row, version=shown.version)
    assert _sql(database, "SELECT cause FROM risks WHERE id = :i", i=row.id) == [(cause_before,)]
    assert view.editor.cause_edit.toPlainText() == cause_before


def test_a_bad_edit_is_refused_and_nothing_is_written(view: RiskRegisterView, dialogs: Any) -> None:
    row = view.shown_rows()[0]
    assert view.select_risk(row.id)
    view.editor.set_field("title", "   ")
    view.editor.set_field("residual_impact", 0)
    assert view.save_editor() is False
    assert dialogs.messages and dialogs.messages[-1][0] == "critical"
    assert _score(view.workspace.database, row.id)[3] == row.title
    assert view.workspace.undo_stack.count() == 0


def test_state_survives_and_a_new_database_clears_the_view(
    qtbot: Any, view: RiskRegisterView
) -> None:
    settings = QSettings()
    view.table.horizontalHeader().moveSection(Column.OWNER, 0)
    view.save_state(settings)
    other = RiskRegisterView(view.workspace)
    qtbot.addWidget(other)
    other.restore_state(settings)
    assert other.table.horizontalHeader().visualIndex(Column.OWNER) == 0
    assert [action.text() for action in view.actions_for_menu()]

    view.workspace.set_database(view.workspace.database)
    assert view.model.rowCount() == 0 and view.editor.row is None
    assert sum(map(sum, view.inherent_map.counts)) == 0
    assert view.portfolio_id is None


def test_an_action_is_added_shown_and_undone(qtbot: Any, view: RiskRegisterView) -> None:
    database = view.workspace.database
    row = view.shown_rows()[3]
    assert view.select_risk(row.id)
    shown = view.editor.row
    assert shown is not None
    actions = _sql(database, "SELECT description FROM risk_actions WHERE risk_id = :i", i=row.id)
    assert len(shown.actions) == len(actions)
    for (description,) in actions:
        assert html.escape(description) in view.editor.actions_label.text()

    view.editor.action_edit.setText("Second-source the <critical> component")
    view.editor.action_owner_edit.setText("Priya Shah")
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        qtbot.mouseClick(view.editor.add_action_button, Qt.MouseButton.LeftButton)
    query = "SELECT owner, status FROM risk_actions WHERE risk_id = :i AND description = :d"
    added = _sql(database, query, i=row.id, d="Second-source the <critical> component")
    assert added == [("Priya Shah", "open")]
    assert "Second-source the &lt;critical&gt; component" in view.editor.actions_label.text()
    assert view.editor.action_edit.text() == ""

    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.workspace.undo_stack.undo()
    assert _sql(database, query, i=row.id, d="Second-source the <critical> component") == []
    assert "Second-source" not in view.editor.actions_label.text()


def test_a_new_risk_is_selected_then_deleted_and_undone(
    qtbot: Any, view: RiskRegisterView, dialogs: Any
) -> None:
    database = view.workspace.database
    view.filters.min_score_spin.setValue(20)  # a new risk scores 3: the filter must give way
    before = _sql(database, "SELECT COUNT(*) FROM risks")[0][0]
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        assert view.new_risk()
    ((risk_id, code, status, score),) = _sql(
        database, "SELECT id, code, status, score FROM risks WHERE title = 'New risk'"
    )
    assert (status, score) == ("open", 3) and before + 1 == view.model.rowCount()
    assert view.editor.row is not None and view.editor.row.id == risk_id
    assert view.filters.min_score_spin.value() == 0
    assert view.editor.title_edit.text() == "New risk"

    other = view.shown_rows()[0]
    assert view.select_risk(other.id)
    actions = _sql(database, "SELECT COUNT(*) FROM risk_actions WHERE risk_id = :i", i=other.id)
    dialogs.answer = False
    assert view.delete_current() is False
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        dialogs.answer = True
        assert view.delete_current()
    assert _sql(database, "SELECT COUNT(*) FROM risks WHERE id = :i", i=other.id) == [(0,)]
    assert other.id not in {row.id for row in view.model.rows()}
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.workspace.undo_stack.undo()
    assert _sql(database, "SELECT COUNT(*) FROM risk_actions WHERE risk_id = :i", i=other.id) == (
        actions
    )
    assert other.id in {row.id for row in view.model.rows()}
    assert code in {row.code for row in view.model.rows()}


def test_a_programme_or_a_project_narrows_the_register(qtbot: Any, view: RiskRegisterView) -> None:
    database = view.workspace.database
    assert view.portfolio_id is not None
    ((programme_id, name),) = _sql(
        database, "SELECT id, name FROM programmes ORDER BY code LIMIT 1"
    )
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show_portfolio(view.portfolio_id, programme_id)
    in_programme = _codes(
        database, "project_id IN (SELECT id FROM projects WHERE programme_id = :g)", g=programme_id
    )
    assert {row.code for row in view.model.rows()} == in_programme
    assert name in view.title.text() and not view.new_action.isEnabled()
    assert view.new_risk() is False

    ((project_id, code),) = _sql(database, "SELECT id, code FROM projects ORDER BY code LIMIT 1")
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show_project(view.portfolio_id, project_id)
    assert {row.code for row in view.model.rows()} == _codes(
        database, "project_id = :p", p=project_id
    )
    assert code in view.title.text() and view.new_action.isEnabled()
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        assert view.new_risk()
    assert view.editor.row is not None and view.editor.row.project_id == project_id
