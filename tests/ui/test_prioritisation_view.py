"""The prioritisation view on the demo portfolio: the ranking and the cut-off equal the
service's, the caps and moves change the funded set, and every edit (weights, scores, new and
removed criteria, priorities) is undoable."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QAbstractItemModelTester, QTest
from sqlalchemy import select
from view_teardown import close_view

from pmo_desktop.models import Portfolio, Project, ProjectObjectiveScore, StrategicObjective
from pmo_desktop.services.database import Database
from pmo_desktop.services.prioritisation import load_prioritisation, rank
from pmo_desktop.services.prioritisation_whatif import Caps, FitRule, walk
from pmo_desktop.ui.prioritisation import PrioritisationView
from pmo_desktop.ui.prioritisation.criteria import CriteriaColumn
from pmo_desktop.ui.prioritisation.ranking import RankColumn
from pmo_desktop.ui.prioritisation.scores_editor import GAP
from pmo_desktop.ui.workers import WorkPool
from pmo_desktop.ui.workspace import Workspace


@pytest.fixture
def view(qtbot: Any, demo: Database, dialogs: Any) -> Iterator[PrioritisationView]:
    with demo.session() as session:
        portfolio_id, as_of = session.execute(select(Portfolio.id, Portfolio.as_of_date)).one()
    pool = WorkPool()
    workspace = Workspace(demo, dialogs=dialogs, pool=pool)
    workspace.set_as_of(as_of)
    widget = PrioritisationView(workspace)
    widget.resize(1800, 900)
    widget.show()
    with qtbot.waitSignal(widget.loaded, timeout=20_000):
        widget.show_portfolio(portfolio_id)
    yield widget
    close_view(widget, pool)


def _reload(qtbot: Any, view: PrioritisationView, action: Any) -> Any:
    """Run `action` (which changes data) and wait for the view's reload."""
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        result = action()
    return result


def _shown_codes(view: PrioritisationView) -> list[str]:
    return [row.project.candidate.code for row in view.ranking_model.rows]


def test_the_ranking_and_cut_off_equal_the_service(view: PrioritisationView) -> None:
    QAbstractItemModelTester(
        view.ranking_model, QAbstractItemModelTester.FailureReportingMode.Fatal
    )
    QAbstractItemModelTester(
        view.criteria_model, QAbstractItemModelTester.FailureReportingMode.Fatal
    )
    database = view.workspace.database
    assert view.portfolio_id is not None
    data = load_prioritisation(database, view.portfolio_id, view.workspace.as_of)
    ranked = rank(data.criteria, data.candidates)
    assert _shown_codes(view) == [p.candidate.code for p in ranked]
    assert view.criteria_model.rowCount() == len(data.criteria) > 0
    # Default caps: the budget of the active projects, the people's capacity.
    active = sum(c.budget for c in data.candidates if c.status.value == "active")
    assert view.caps_bar.budget_spin.value() == pytest.approx(round(active))
    # A tighter budget: the table's funded set and cut-off are the walk's.
    cap = round(active * 0.6)
    view.caps_bar.budget_spin.setValue(cap)
    expected = walk(ranked, Caps(budget=cap, hours=view.caps_bar.hours_spin.value()))
    assert view.what_if is not None
    assert view.what_if.funded == expected.funded
    assert view.what_if.cut_off == expected.cut_off is not None
    assert view.ranking_table.cut_off_y() == view.ranking_table.rowViewportPosition(
        expected.cut_off
    )
    funded_text = view.ranking_model.index(0, RankColumn.FUNDED).data()
    assert funded_text == "Funded"
    # The strict rule funds the head of the ranking only.
    view.caps_bar.set_rule(FitRule.STRICT)
    assert view.what_if.funded == {p.id for p in ranked[: expected.cut_off]}
    assert "projects fit" in view.summary.text()
    assert not view.grab().isNull()


def test_moving_a_project_shows_what_enters_and_leaves(
    qtbot: Any, view: PrioritisationView
) -> None:
    budgets = [row.project.candidate.budget for row in view.ranking_model.rows]
    # Room for the first two only: moving the third to the top changes the funded set.
    view.caps_bar.hours_check.setChecked(False)
    view.caps_bar.budget_spin.setValue(budgets[0] + budgets[1])
    before = _shown_codes(view)
    view.ranking_table.selectRow(2)
    view.ranking_table.setFocus()
    QTest.keyClick(view.ranking_table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(view.ranking_table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    after = _shown_codes(view)
    assert after[0] == before[2] and after[1:3] == before[:2]
    assert view.ranking_model.index(0, RankColumn.MOVED).data() == "▲2"
    assert view.change is not None and before[2] in [p.candidate.code for p in view.change.entering]
    assert "Manual order" in view.summary.text()
    assert view.reset_order_action.isEnabled()
    view.reset_order_action.trigger()
    assert _shown_codes(view) == before
    assert "Manual order" not in view.summary.text()


def test_weights_edit_in_place_and_undo(qtbot: Any, view: PrioritisationView) -> None:
    database = view.workspace.database
    criterion = view.criteria_model.criterion_at(0)
    index = view.criteria_model.index(0, CriteriaColumn.WEIGHT)
    _reload(qtbot, view, lambda: view.criteria_model.setData(index, 3.5))
    with database.session() as session:
        assert session.get(StrategicObjective, criterion.id).weight == 3.5  # type: ignore[union-attr]
    assert view.criteria_model.criterion_at(0).weight == 3.5
    _reload(qtbot, view, view.workspace.undo_stack.undo)
    assert view.criteria_model.criterion_at(0).weight == criterion.weight
    # A negative weight is refused with a message, nothing written.
    assert not view.edit_criterion(criterion, {"weight": -2})
    assert view.workspace.dialogs.messages[-1][1] == "Criterion not changed"


def test_scores_are_saved_and_undone(qtbot: Any, view: PrioritisationView) -> None:
    database = view.workspace.database
    view.ranking_table.selectRow(0)
    project = view.editor.project
    assert project is not None
    criterion = view.editor.criteria[0]
    old = project.candidate.scores[criterion.id].score
    new = 0 if old else 5
    view.editor.spins[criterion.id].setValue(new)
    view.editor.spins[view.editor.criteria[1].id].setValue(GAP)
    assert view.editor.save_button.isEnabled()
    _reload(qtbot, view, view.editor.save)

    def stored() -> dict[int, int]:
        with database.session() as session:
            rows = session.execute(
                select(ProjectObjectiveScore.objective_id, ProjectObjectiveScore.score).where(
                    ProjectObjectiveScore.project_id == project.id
                )
            )
            return {objective: score for objective, score in rows}

    scores = stored()
    assert scores[criterion.id] == new and view.editor.criteria[1].id not in scores
    assert view.workspace.undo_stack.undoText() == f"Score {project.candidate.code}"
    _reload(qtbot, view, view.workspace.undo_stack.undo)
    assert stored()[criterion.id] == old
    assert view.editor.criteria[1].id in stored()


def test_criteria_are_added_and_removed_undoably(qtbot: Any, view: PrioritisationView) -> None:
    count = view.criteria_model.rowCount()
    # The demo leaves its proposed projects unscored on risk and cost: gaps before we start.
    gaps_before = {row.project.id: row.project.gaps for row in view.ranking_model.rows}
    _reload(qtbot, view, lambda: view.add_criterion(view.criteria_model.criterion_at(0).kind))
    assert view.criteria_model.rowCount() == count + 1
    # A new criterion is a gap for every project.
    assert all(row.project.gaps for row in view.ranking_model.rows)
    view.criteria_table.selectRow(0)
    _reload(qtbot, view, view.remove_current_criterion)
    assert view.criteria_model.rowCount() == count
    _reload(qtbot, view, view.workspace.undo_stack.undo)
    _reload(qtbot, view, view.workspace.undo_stack.undo)
    assert view.criteria_model.rowCount() == count
    assert {row.project.id: row.project.gaps for row in view.ranking_model.rows} == gaps_before


def test_applying_the_ranking_sets_priorities(qtbot: Any, view: PrioritisationView) -> None:
    database = view.workspace.database

    def priorities() -> dict[str, int]:
        with database.session() as session:
            rows = session.execute(select(Project.code, Project.priority))
            return {code: priority for code, priority in rows}

    before = priorities()
    view.ranking_table.selectRow(3)
    view.move_current(-3)
    order = _shown_codes(view)
    _reload(qtbot, view, view.apply_button.click)
    after = priorities()
    ranked = [after[code] for code in order]
    assert ranked == sorted(ranked, reverse=True) and ranked[0] == 1000
    assert len(set(ranked)) == len(ranked)
    _reload(qtbot, view, view.workspace.undo_stack.undo)
    assert priorities() == before


def test_state_is_saved_and_restored(view: PrioritisationView) -> None:
    view.caps_bar.set_rule(FitRule.STRICT)
    settings = QSettings()
    view.save_state(settings)
    view.caps_bar.set_rule(FitRule.GREEDY)
    view.restore_state(settings)
    assert view.caps_bar.rule() is FitRule.STRICT
    assert len(view.actions_for_menu()) == 6
