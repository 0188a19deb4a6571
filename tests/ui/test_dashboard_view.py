"""The portfolio dashboard through the real view: figures, sorting, filtering, grouping,
activation, reloads, and Qt's model tester on every model."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtTest import QAbstractItemModelTester, QTest

from pmo_desktop.services.dashboard import portfolio_dashboard
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.services.demo import create_demo
from pmo_desktop.ui.dashboard.grouping import GroupBy, group_key
from pmo_desktop.ui.itemmodels.project_table import PENDING, Column, ProjectTableModel
from pmo_desktop.ui.portfolio_view import PortfolioView
from pmo_desktop.ui.workers import WorkPool
from pmo_desktop.ui.workspace import Workspace

AS_OF = date(2026, 3, 31)
FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal


@pytest.fixture
def demo_database(tmp_path: Path) -> Iterator[tuple[Database, int]]:
    database = open_database(tmp_path / "demo.sqlite")
    summary = create_demo(database.engine, as_of=AS_OF)
    try:
        yield database, summary.portfolio_id
    finally:
        database.close()


@pytest.fixture
def view(qtbot, demo_database, dialogs) -> Iterator[PortfolioView]:
    database, portfolio_id = demo_database
    pool = WorkPool(max_threads=2)
    workspace = Workspace(database, dialogs=dialogs, pool=pool)
    workspace.set_as_of(AS_OF)
    widget = PortfolioView(workspace)
    qtbot.addWidget(widget)
    widget.testers = [  # type: ignore[attr-defined]
        QAbstractItemModelTester(model, FATAL)
        for model in (widget.table_model, widget.proxy, widget.grouped)
    ]
    widget.resize(1400, 900)
    widget.show()
    with qtbot.waitSignal(widget.loaded, timeout=30_000):
        widget.show_portfolio(portfolio_id)
    yield widget
    pool.drain()


def _column(view: PortfolioView, column: Column) -> list[str]:
    model = view.grouped
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_figures_match_the_service(view: PortfolioView, demo_database) -> None:
    database, portfolio_id = demo_database
    expected = portfolio_dashboard(database, portfolio_id, AS_OF)
    assert view.is_loaded() and not view.error
    assert view.title.text() == expected.name
    tiles = expected.tiles
    assert view.tiles.milestones.value_text() == str(tiles.milestones_due)
    assert view.tiles.risks.value_text() == str(tiles.high_risks)
    assert view.tiles.resources.value_text() == str(tiles.over_allocated_resources)
    assert view.tiles.money.value_text() == f"€{int(tiles.budget):,}"
    from pmo_desktop.models import Rag

    counts = [str(tiles.rag_counts[rag]) for rag in (Rag.RED, Rag.AMBER, Rag.GREEN)]
    assert view.tiles.rag.value_text().split() == counts
    assert view.table_model.rowCount() == len(expected.rows) == 12
    assert PENDING not in _column(view, Column.SPI)
    by_code = {row.code: row for row in expected.rows}
    for code, cpi in zip(_column(view, Column.CODE), _column(view, Column.CPI), strict=True):
        value = by_code[code].cpi
        assert cpi == ("" if value is None else f"{float(value):.2f}")
    assert view.bubble_chart is not None and view.trend_chart is not None


def test_sorting_through_the_header(view: PortfolioView, qtbot) -> None:
    budgets = {row.id: row.budget for row in view.table_model.rows()}
    header = view.table.header()
    x = header.sectionViewportPosition(Column.BUDGET) + header.sectionSize(Column.BUDGET) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    first = [budgets[project] for project in view.visible_project_ids()]
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    second = [budgets[project] for project in view.visible_project_ids()]
    assert {tuple(first), tuple(second)} == {
        tuple(sorted(budgets.values())),
        tuple(sorted(budgets.values(), reverse=True)),
    }


def test_filtering_keeps_matching_rows(view: PortfolioView, qtbot) -> None:
    rows = view.table_model.rows()
    term = rows[0].code.split("-")[0]
    view.focus_filter()
    qtbot.keyClicks(view.filter_edit, term.lower())
    shown = view.visible_project_ids()

    def matches(row: object) -> bool:
        words = (row.code, row.name, row.programme, row.manager, row.objective, row.next_milestone)  # type: ignore[attr-defined]
        return term.casefold() in " ".join(words).casefold()

    assert shown and set(shown) == {row.id for row in rows if matches(row)}
    assert len(shown) < len(rows)
    assert view.count_label.text() == f"Projects: {len(shown)} of {len(rows)}"
    view.filter_edit.clear()
    assert len(view.visible_project_ids()) == len(rows)


@pytest.mark.parametrize("group_by", [g for g in GroupBy if g is not GroupBy.NONE])
def test_grouping(view: PortfolioView, group_by: GroupBy) -> None:
    rows = view.table_model.rows()
    selected = rows[3].id
    assert view.select_project(selected)
    view.set_group_by(group_by)
    model = view.grouped
    groups = sorted({group_key(row, group_by) for row in rows})
    assert model.rowCount() == len(groups)
    labels = [model.index(number, 0).data(model.GroupRole) for number in range(len(groups))]
    assert labels == [label for _, label in sorted(groups, key=lambda k: (k[0], k[1].casefold()))]
    members = {
        model.index(number, 0).data(model.GroupRole): {
            model.index(child, 0, model.index(number, 0)).data(ProjectTableModel.ProjectIdRole)
            for child in range(model.rowCount(model.index(number, 0)))
        }
        for number in range(model.rowCount())
    }
    for row in rows:
        assert row.id in members[group_key(row, group_by)[1]]
    assert view.selected_project_id() == selected
    view.set_group_by(GroupBy.NONE)
    assert model.rowCount() == len(rows)
    assert view.selected_project_id() == selected


def test_double_click_and_enter_open_the_project(view: PortfolioView, qtbot) -> None:
    target = view.table_model.rows()[2].id
    index = view.grouped.project_index(target, Column.NAME)
    rect = view.table.visualRect(index)
    viewport = view.table.viewport()
    with qtbot.waitSignal(view.project_activated) as blocker:
        # A real double-click: a press (the view remembers the pressed row) then the double.
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
        QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [target]
    view.select_project(target)
    view.table.setFocus()
    with qtbot.waitSignal(view.project_activated) as blocker:
        QTest.keyClick(view.table, Qt.Key.Key_Return)
    assert blocker.args == [target]


def test_reload_keeps_selection_and_scroll(view: PortfolioView, qtbot) -> None:
    target = view.table_model.rows()[7].id
    view.set_group_by(GroupBy.METHOD)
    assert view.select_project(target)
    with qtbot.waitSignal(view.loaded, timeout=30_000):
        view.workspace.data_changed.emit(None)
    assert view.selected_project_id() == target
    assert view.table.currentIndex().data(ProjectTableModel.ProjectIdRole) == target


def test_newer_request_wins(view: PortfolioView, qtbot, demo_database) -> None:
    _database, portfolio_id = demo_database
    with qtbot.waitSignal(view.loaded, timeout=30_000):
        view.show_portfolio(portfolio_id)
        view.show_portfolio(portfolio_id)
    qtbot.wait(50)
    assert view.is_loaded()
    assert view.table_model.rowCount() == 12


def test_unknown_portfolio_shows_the_error(view: PortfolioView, qtbot) -> None:
    with qtbot.waitSignal(view.loaded, timeout=30_000):
        view.show_portfolio(999)
    assert "999" in view.error
    assert view.table_model.rowCount() == 0
    assert view.grouped.rowCount(QModelIndex()) == 0


def test_scope_from_the_navigation(view: PortfolioView) -> None:
    rows = view.table_model.rows()
    programme = rows[0].programme
    ids = frozenset(row.id for row in rows if row.programme == programme)
    view.set_scope(ids, programme)
    assert set(view.visible_project_ids()) == ids
    assert view.count_label.text() == f"{programme}: {len(ids)} of {len(rows)} projects"
    view.set_scope(None, "")
    assert len(view.visible_project_ids()) == len(rows)
    assert view.shown_portfolio_id() == view.portfolio_id
