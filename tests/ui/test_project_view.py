"""The project view on real databases: edits through the real widgets write the database, and
undo restores it; conflicts with another session are shown and reloaded; the item models pass
Qt's model tester."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from pmo_desktop.models import (
    Baseline,
    BaselineTask,
    CostLine,
    Method,
    Project,
    ProjectObjectiveScore,
    Rag,
    StatusReport,
    StrategicObjective,
    Task,
)
from pmo_desktop.services import crud
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.services.projects import project_detail
from pmo_desktop.ui.itemmodels.baselines import APPROVED, NAME, BaselineTableModel
from pmo_desktop.ui.itemmodels.cost_lines import ACTUAL, CostLineTableModel
from pmo_desktop.ui.itemmodels.status_reports import StatusReportTableModel
from pmo_desktop.ui.project_view import ProjectView
from pmo_desktop.ui.workers import WorkPool
from pmo_desktop.ui.workspace import Workspace

FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal


@pytest.fixture
def database(db_location: str, tmp_path: Path, sample_builder) -> Iterator[Database]:
    """The sample portfolio plus tasks, a baseline, costs and objectives, on each backend."""
    opened = open_database(db_location)
    sample = sample_builder(opened, tmp_path / "unused")
    project_id = sample.projects["DW-01"]
    for number in range(3):
        crud.create(
            opened,
            Task,
            project_id=project_id,
            name=f"Task {number}",
            start=datetime(2026, 1, 5 + number, 8),
            finish=datetime(2026, 1, 6 + number, 17),
            duration_minutes=960,
            cost=Decimal(100 * number),
        )
    for month in (1, 2):
        crud.create(
            opened,
            CostLine,
            project_id=project_id,
            period=date(2026, month, 1),
            budget=Decimal("1000"),
            actual=Decimal("900"),
        )
    for code in ("S1", "S2"):
        crud.create(
            opened,
            StrategicObjective,
            portfolio_id=sample.portfolio_id,
            code=code,
            name=f"Objective {code}",
        )
    yield opened
    opened.close()


@pytest.fixture
def project_id(database: Database) -> int:
    return next(p.id for p in crud.list_rows(database, Project) if p.code == "DW-01")


@pytest.fixture
def view(qtbot, database: Database, project_id: int, dialogs) -> Iterator[ProjectView]:
    pool = WorkPool(max_threads=1)
    workspace = Workspace(database, dialogs=dialogs, pool=pool)
    workspace.set_as_of(date(2026, 3, 31))
    widget = ProjectView(workspace)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.show_project(project_id)
    yield widget
    pool.drain()


def _reloaded(qtbot, view: ProjectView, action) -> None:
    """Run `action` (an edit, undo or redo) and wait until the view shows the result."""
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        action()


def _project(database: Database, project_id: int) -> Project:
    return crud.get(database, Project, project_id)


def test_loads_and_shows_every_page(view: ProjectView, project_id: int) -> None:
    assert view.is_loaded()
    assert view.title.text() == "DW-01  Laptop refresh"
    assert "Digital Workplace" in view.subtitle.text()
    assert [view.tabs.tabText(i) for i in range(view.tabs.count())] == [
        "Properties",
        "Status reports",
        "Baselines",
        "Costs",
    ]
    assert view.properties_page.name.text() == "Laptop refresh"
    assert view.status_page.model.rowCount() == 1
    assert view.costs_page.model.rowCount() == 2
    assert "SPI ≥ 0.95" in view.status_page.rule_labels["rag_schedule"].text()
    assert view.actions_for_menu()[0].text() == "New status report"


def test_property_edit_through_the_widgets_and_undo(
    qtbot, view: ProjectView, database: Database, project_id: int
) -> None:
    name = view.properties_page.name
    name.setFocus()
    name.selectAll()
    _reloaded(
        qtbot,
        view,
        lambda: (qtbot.keyClicks(name, "Laptops 2026"), qtbot.keyClick(name, Qt.Key.Key_Return)),
    )
    assert _project(database, project_id).name == "Laptops 2026"
    assert view.title.text() == "DW-01  Laptops 2026"

    _reloaded(qtbot, view, lambda: view.properties_page.method.choose(Method.AGILE))
    assert _project(database, project_id).method is Method.AGILE

    budget = view.properties_page.budget
    budget.setFocus()
    budget.selectAll()
    _reloaded(
        qtbot,
        view,
        lambda: (qtbot.keyClicks(budget, "900000"), qtbot.keyClick(budget, Qt.Key.Key_Return)),
    )
    assert _project(database, project_id).budget == Decimal("900000")

    _reloaded(qtbot, view, lambda: view.properties_page.finish_date.set_value(None))
    assert _project(database, project_id).finish_date is None

    stack = view.workspace.undo_stack
    assert stack.count() == 4
    for _ in range(4):
        _reloaded(qtbot, view, stack.undo)
    stored = _project(database, project_id)
    assert (stored.name, stored.method, stored.budget, stored.finish_date) == (
        "Laptop refresh",
        Method.WATERFALL,
        Decimal("850000"),
        date(2026, 6, 30),
    )
    assert view.properties_page.name.text() == "Laptop refresh"
    assert view.properties_page.finish_date.value() == date(2026, 6, 30)
    _reloaded(qtbot, view, stack.redo)
    assert _project(database, project_id).name == "Laptops 2026"


def test_refused_value_is_reported_and_the_field_restored(
    qtbot, view: ProjectView, database: Database, project_id: int
) -> None:
    name = view.properties_page.name
    name.setFocus()
    name.selectAll()
    qtbot.keyClick(name, Qt.Key.Key_Delete)
    qtbot.keyClick(name, Qt.Key.Key_Return)
    dialogs = view.workspace.dialogs
    assert dialogs.messages[-1][2] == "A project needs a name."
    assert name.text() == "Laptop refresh"
    assert _project(database, project_id).name == "Laptop refresh"
    assert view.workspace.undo_stack.count() == 0


def test_objective_score(qtbot, view: ProjectView, database: Database, project_id: int) -> None:
    objective = view.detail.objectives[0]
    box = view.properties_page.score_box(objective.objective_id)
    _reloaded(qtbot, view, lambda: box.setValue(4))
    scores = crud.list_rows(database, ProjectObjectiveScore, project_id=project_id)
    assert [(s.objective_id, s.score) for s in scores] == [(objective.objective_id, 4)]
    _reloaded(
        qtbot, view, lambda: view.properties_page.score_box(objective.objective_id).setValue(2)
    )
    assert crud.list_rows(database, ProjectObjectiveScore, project_id=project_id)[0].score == 2
    _reloaded(qtbot, view, view.workspace.undo_stack.undo)
    _reloaded(qtbot, view, view.workspace.undo_stack.undo)
    assert crud.list_rows(database, ProjectObjectiveScore, project_id=project_id) == []


def test_status_report_fields_new_and_delete(
    qtbot, view: ProjectView, database: Database, project_id: int
) -> None:
    page = view.status_page
    view.tabs.setCurrentWidget(page)
    report_id = page.selected_id()
    assert report_id is not None
    _reloaded(qtbot, view, lambda: page.rag_boxes["rag_schedule"].choose(Rag.RED))
    assert crud.get(database, StatusReport, report_id).rag_schedule is Rag.RED

    concerns = page.texts["concerns"]
    concerns.setFocus()
    qtbot.keyClicks(concerns, "Supplier late")
    _reloaded(qtbot, view, lambda: page.author.setFocus())
    assert crud.get(database, StatusReport, report_id).concerns == "Supplier late"
    _reloaded(qtbot, view, view.workspace.undo_stack.undo)
    _reloaded(qtbot, view, view.workspace.undo_stack.undo)
    stored = crud.get(database, StatusReport, report_id)
    assert (stored.rag_schedule, stored.concerns) == (Rag.GREEN, "")
    assert page.texts["concerns"].toPlainText() == ""

    _reloaded(qtbot, view, view.new_report_action.trigger)
    reports = project_detail(database, project_id).status_reports
    assert reports[0].period_end == date(2026, 4, 30)
    assert page.selected_id() == reports[0].id
    _reloaded(qtbot, view, page.delete_button.click)
    assert len(project_detail(database, project_id).status_reports) == 1
    _reloaded(qtbot, view, view.workspace.undo_stack.undo)
    assert len(project_detail(database, project_id).status_reports) == 2


def test_set_and_clear_a_baseline(
    qtbot, view: ProjectView, database: Database, project_id: int
) -> None:
    page = view.baselines_page
    view.tabs.setCurrentWidget(page)
    page.choose_number(2)
    page.name.setText("Gate 2")
    _reloaded(qtbot, view, page.set_button.click)
    baselines = crud.list_rows(database, Baseline, project_id=project_id)
    assert [(b.number, b.name) for b in baselines] == [(2, "Gate 2")]
    assert len(crud.list_rows(database, BaselineTask, baseline_id=baselines[0].id)) == 3
    assert page.model.rowCount() == 1

    # Rename in place, then clear after the confirmation.
    _reloaded(qtbot, view, lambda: page.model.setData(page.model.index(0, NAME), "Gate 2 (ok)"))
    assert crud.get(database, Baseline, baselines[0].id).name == "Gate 2 (ok)"
    page.select(baselines[0].id)
    _reloaded(qtbot, view, page.clear_button.click)
    assert crud.list_rows(database, Baseline, project_id=project_id) == []
    assert crud.list_rows(database, BaselineTask) == []
    assert view.workspace.dialogs.messages[-1][0] == "question"

    stack = view.workspace.undo_stack
    _reloaded(qtbot, view, stack.undo)
    assert len(crud.list_rows(database, BaselineTask, baseline_id=baselines[0].id)) == 3
    _reloaded(qtbot, view, stack.undo)
    _reloaded(qtbot, view, stack.undo)
    assert crud.list_rows(database, Baseline, project_id=project_id) == []
    assert page.model.rowCount() == 0


def test_cost_line_edit_in_the_table(
    qtbot, view: ProjectView, database: Database, project_id: int
) -> None:
    page = view.costs_page
    view.tabs.setCurrentWidget(page)
    line = page.model.row_at(0)
    index = page.model.index(0, ACTUAL)
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    editor = QApplication.focusWidget()
    assert editor is not None
    qtbot.keyClicks(editor, "1250.5")
    _reloaded(qtbot, view, lambda: qtbot.keyClick(editor, Qt.Key.Key_Return))
    assert crud.get(database, CostLine, line.id).actual == Decimal("1250.50")
    assert page.table.currentIndex().row() == 0  # the current cell survives the reload
    _reloaded(qtbot, view, view.workspace.undo_stack.undo)
    assert crud.get(database, CostLine, line.id).actual == Decimal("900")

    page.month.setDate(page.month.date().addMonths(1))
    _reloaded(qtbot, view, page.add_button.click)
    assert len(crud.list_rows(database, CostLine, project_id=project_id)) == 3
    assert page.selected_id() is not None
    _reloaded(qtbot, view, page.delete_button.click)
    assert len(crud.list_rows(database, CostLine, project_id=project_id)) == 2


def test_conflict_with_another_session_is_shown_and_reloaded(
    qtbot, view: ProjectView, database: Database, project_id: int
) -> None:
    other = open_database(database.target)
    try:
        seen = crud.get(other, Project, project_id)
        crud.update(other, Project, project_id, seen.version, sponsor="Their sponsor")
    finally:
        other.close()
    sponsor = view.properties_page.sponsor
    sponsor.setFocus()
    sponsor.selectAll()
    qtbot.keyClicks(sponsor, "My sponsor")
    _reloaded(qtbot, view, lambda: qtbot.keyClick(sponsor, Qt.Key.Key_Return))
    dialogs = view.workspace.dialogs
    kind, title, text = dialogs.messages[-1]
    assert (kind, title) == ("critical", "Change not saved")
    assert "changed by someone else" in text
    assert _project(database, project_id).sponsor == "Their sponsor"
    assert sponsor.text() == "Their sponsor"
    assert view.workspace.undo_stack.count() == 0
    # The reloaded snapshot has the new version: the next edit goes through.
    sponsor.setFocus()
    sponsor.selectAll()
    qtbot.keyClicks(sponsor, "My sponsor")
    _reloaded(qtbot, view, lambda: qtbot.keyClick(sponsor, Qt.Key.Key_Return))
    assert _project(database, project_id).sponsor == "My sponsor"


def test_switching_projects_supersedes_and_keeps_state(
    qtbot, view: ProjectView, database: Database, project_id: int
) -> None:
    others = [p.id for p in crud.list_rows(database, Project) if p.id != project_id]
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        for other in others:
            view.show_project(other)
    assert view.detail is not None and view.detail.properties.id == others[-1]
    settings = QSettings()
    view.tabs.setCurrentIndex(2)
    view.save_state(settings)
    view.tabs.setCurrentIndex(0)
    view.restore_state(settings)
    assert view.tabs.currentIndex() == 2
    view.workspace.set_database(view.workspace.database)
    assert not view.is_loaded() and view.stack.currentIndex() == 0


def test_item_models_pass_the_model_tester(qtbot, database: Database, project_id: int) -> None:
    from pmo_desktop.services.baselines import set_baseline

    set_baseline(database, project_id, 0, "Baseline").apply(database)
    detail = project_detail(database, project_id)
    for model, rows in (
        (StatusReportTableModel(), detail.status_reports),
        (BaselineTableModel(), detail.baselines),
        (CostLineTableModel(), detail.cost_lines),
    ):
        tester = QAbstractItemModelTester(model, FATAL)
        model.set_rows(rows)
        model.set_rows(rows)  # same ids: updated in place
        model.set_rows(())
        model.set_rows(rows)
        assert tester is not None
        assert model.rowCount() == len(rows) > 0
        assert model.rowCount(model.index(0, 0)) == 0
        for column in range(model.columnCount()):
            assert model.headerData(column, Qt.Orientation.Horizontal)
            index = model.index(0, column)
            shown = index.data(), index.data(Qt.ItemDataRole.CheckStateRole)
            assert shown != (None, None)
        assert model.index(0, 0).data(model.IdRole) == rows[0].id
        assert model.data(QModelIndex()) is None

    costs = CostLineTableModel()
    costs.set_rows(detail.cost_lines)
    requested: list[tuple[int, str, object]] = []
    costs.edit_requested.connect(lambda *args: requested.append(args))
    assert costs.setData(costs.index(0, ACTUAL), 950.0)
    assert not costs.setData(costs.index(0, ACTUAL), 900.0)  # unchanged
    assert not costs.setData(costs.index(0, 0), "x")  # read-only column
    assert requested == [(detail.cost_lines[0].id, "actual", 950.0)]

    baselines = BaselineTableModel()
    baselines.set_rows(detail.baselines)
    assert baselines.index(0, APPROVED).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Unchecked
    )
    flags = baselines.flags(baselines.index(0, APPROVED))
    assert flags & Qt.ItemFlag.ItemIsUserCheckable


def test_rules_follow_the_thresholds_in_force(view: ProjectView) -> None:
    from pmo_desktop.ui.preferences import RagThresholds as PreferenceThresholds

    view.set_thresholds(PreferenceThresholds(spi_amber=0.9, spi_red=0.8, budget_red_percent=1.0))
    rules = view.status_page.rule_labels
    assert "SPI ≥ 0.90" in rules["rag_schedule"].text()
    assert "SPI ≥ 0.80" in rules["rag_schedule"].text()
    assert "overrun ≤ 1%" in rules["rag_cost"].text()
