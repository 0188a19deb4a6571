"""The Qt item models over real service data: Qt's model tester, roles, sorting, filtering."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from pmo_desktop.models import Method, ProjectStatus, Rag
from pmo_desktop.services.dashboard import DashboardRow, dashboard_overview
from pmo_desktop.services.portfolio import (
    PortfolioTree,
    ProgrammeNode,
    ProjectNode,
    portfolio_tree,
)
from pmo_desktop.ui.itemmodels.portfolio_tree import NodeKind, PortfolioTreeModel
from pmo_desktop.ui.itemmodels.project_table import Column, ProjectFilterProxy, ProjectTableModel

FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal


def _children(model: PortfolioTreeModel, parent: QModelIndex) -> list[str]:
    return [model.index(row, 0, parent).data() for row in range(model.rowCount(parent))]


def test_tree_model_passes_the_model_tester(qtbot, sample_db) -> None:
    database, sample = sample_db
    model = PortfolioTreeModel()
    tester = QAbstractItemModelTester(model, FATAL)
    model.set_tree(portfolio_tree(database, sample.portfolio_id))
    model.set_tree(None)
    model.set_tree(portfolio_tree(database, sample.portfolio_id))
    assert tester is not None

    root = model.index(0, 0)
    assert root.data() == "Group IT"
    assert root.data(model.KindRole) == NodeKind.PORTFOLIO
    assert root.data(model.ProjectIdsRole) == frozenset(sample.projects.values())
    assert _children(model, root) == ["Customer Experience", "Digital Workplace", "Other projects"]
    customer = model.index(0, 0, root)
    assert _children(model, customer) == ["CX-01  Customer portal", "CX-02  CRM replacement"]
    assert customer.data(model.IdRole) == sample.programmes["CX"]
    other = model.index(2, 0, root)
    assert other.data(model.KindRole) == NodeKind.UNGROUPED
    assert other.data(model.IdRole) is None
    assert other.data(model.ProjectIdsRole) == frozenset({sample.projects["OT-01"]})

    portal = model.project_index(sample.projects["CX-01"])
    assert portal.parent() == customer
    assert portal.data(model.RagRole) == "A"
    assert portal.data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.project_index(sample.projects["CX-02"]).data(model.RagRole) is None
    assert not model.project_index(10_000).isValid()
    assert model.parent() is None  # without an index: QObject's parent


def test_table_model_passes_the_model_tester(qtbot, sample_db) -> None:
    database, sample = sample_db
    model = ProjectTableModel()
    proxy = ProjectFilterProxy()
    proxy.setSourceModel(model)
    testers = [QAbstractItemModelTester(model, FATAL), QAbstractItemModelTester(proxy, FATAL)]
    rows = dashboard_overview(database, sample.portfolio_id, date(2026, 3, 31)).rows
    model.set_rows(rows)
    model.set_rows(rows)  # the same projects: updated in place
    proxy.sort(Column.START)
    proxy.set_filter_text("digital")
    proxy.set_scope(frozenset({sample.projects["DW-01"]}))
    proxy.set_scope(None)
    proxy.set_filter_text("")
    model.set_rows([])
    model.set_rows(rows)
    assert len(testers) == 2
    assert model.rowCount() == 6
    assert model.columnCount() == len(Column)


def _row(**changes: object) -> DashboardRow:
    values: dict[str, object] = {
        "id": 1,
        "version": 1,
        "code": "P-1",
        "name": "Alpha",
        "programme": "",
        "method": Method.AGILE,
        "status": ProjectStatus.ACTIVE,
        "phase": "",
        "manager": "",
        "start": None,
        "finish": None,
        "budget": Decimal("0"),
        "currency": "EUR",
        "percent_complete": 0.0,
        "rag_overall": None,
        "last_report": None,
        "open_risks": 0,
        "top_risk_score": None,
    }
    values.update(changes)
    return DashboardRow(**values)  # type: ignore[arg-type]


def test_table_cells_are_formatted_and_aligned(qtbot) -> None:
    model = ProjectTableModel()
    model.set_rows(
        [
            _row(
                budget=Decimal("1250000.00"),
                start=date(2026, 3, 2),
                percent_complete=42.4,
                rag_overall=Rag.RED,
                top_risk_score=20,
                open_risks=3,
            )
        ]
    )

    def cell(column: Column, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return model.index(0, column).data(role)

    assert cell(Column.BUDGET) == "€1,250,000"
    assert cell(Column.START) == "02/03/26"
    assert cell(Column.PERCENT_COMPLETE) == "42%"
    assert cell(Column.RAG) == "Red"
    assert cell(Column.RAG, model.RagRole) == "R"
    assert cell(Column.METHOD) == "Agile"
    assert cell(Column.TOP_RISK_SCORE) == "20"
    assert cell(Column.FINISH) == ""
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    assert cell(Column.BUDGET, Qt.ItemDataRole.TextAlignmentRole) == int(right)
    assert cell(Column.START, model.SortRole) == date(2026, 3, 2).toordinal()
    assert cell(Column.BUDGET, model.SortRole) == 1_250_000.0


def test_proxy_sorts_by_value_not_by_text(qtbot) -> None:
    model = ProjectTableModel()
    proxy = ProjectFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(
        [
            _row(id=1, code="A", start=date(2026, 1, 15), budget=Decimal("900")),
            _row(id=2, code="B", start=date(2025, 12, 31), budget=Decimal("10000")),
            _row(id=3, code="C", start=None, budget=Decimal("95")),
            _row(id=4, code="D", start=date(2026, 2, 1), budget=Decimal("1000")),
        ]
    )

    def codes() -> list[str]:
        return [proxy.index(row, Column.CODE).data() for row in range(proxy.rowCount())]

    proxy.sort(Column.START, Qt.SortOrder.AscendingOrder)
    assert codes() == ["C", "B", "A", "D"]  # text order would be 01/02, 15/01, 31/12
    proxy.sort(Column.BUDGET, Qt.SortOrder.DescendingOrder)
    assert codes() == ["B", "D", "A", "C"]


def test_tree_model_without_programmes(qtbot) -> None:
    model = PortfolioTreeModel()
    tester = QAbstractItemModelTester(model, FATAL)
    tree = PortfolioTree(
        1, "Solo", [ProgrammeNode(None, "", "", [ProjectNode(7, "S-1", "Only", Rag.GREEN)])]
    )
    model.set_tree(tree)
    assert tester is not None
    root = model.index(0, 0)
    assert _children(model, root) == ["Other projects"]
    assert model.project_index(7).data() == "S-1  Only"
