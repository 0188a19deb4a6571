"""Capacity planning and the proposed-projects what-if in the loading view, on the demo."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from view_teardown import close_view

from pmo_desktop.models import Portfolio, Programme
from pmo_desktop.services.capacity import capacity_plan
from pmo_desktop.services.database import Database
from pmo_desktop.services.resource_view import read_resource_loading
from pmo_desktop.ui.resources.capacity_panel import DEMAND, GAP
from pmo_desktop.ui.resources.view import PERIODS, ResourceLoadingView
from pmo_desktop.ui.workers import WorkPool
from pmo_desktop.ui.workspace import Workspace


@pytest.fixture
def view(qtbot: Any, demo: Database, dialogs: Any) -> Iterator[ResourceLoadingView]:
    pool = WorkPool()
    widget = ResourceLoadingView(Workspace(demo, dialogs=dialogs, pool=pool))
    widget.resize(1500, 1000)
    widget.show()
    with demo.session() as session:
        portfolio_id = session.scalars(select(Portfolio.id)).one()
    with qtbot.waitSignal(widget.loaded, timeout=20_000):
        widget.show_portfolio(portfolio_id)
    yield widget
    close_view(widget, pool)


def _total(loading: Any) -> float:
    return sum(sum(row.load) for row in loading.rows if not row.is_role)


def test_capacity_panel_shows_the_service_figures(
    qtbot: Any, view: ResourceLoadingView, demo: Database
) -> None:
    fatal = QAbstractItemModelTester.FailureReportingMode.Fatal
    tester = QAbstractItemModelTester(view.capacity.model, fatal)
    with qtbot.waitSignal(view.capacity.loaded, timeout=20_000):
        view.show_capacity()
    panel = view.capacity
    assert tester is not None
    assert panel.error == ""
    assert panel.plan is not None
    expected = capacity_plan(demo, view.portfolio_id or 0, view.workspace.as_of)
    assert panel.plan == expected
    assert panel.model.rowCount() == 3 * len(expected.roles)
    assert panel.model.columnCount() == 2 + 12
    for index, role in enumerate(expected.roles):
        assert panel.model.value(3 * index + DEMAND, 0) == role.demand[0]
        assert panel.model.value(3 * index + GAP, 5) == role.gap(5)
    QApplication.processEvents()
    assert panel.chart.height() >= panel.chart.heightForWidth(panel.chart.width()) - 1
    view.grab().save("/tmp/C-capacity-view.png")
    panel.grab().save("/tmp/C-capacity-panel.png")


def test_proposed_projects_what_if_and_programme_scope(
    qtbot: Any, view: ResourceLoadingView, demo: Database
) -> None:
    portfolio_id = view.portfolio_id or 0
    assert not view.proposed_box.isChecked()
    as_of = view.workspace.as_of
    base = read_resource_loading(demo, portfolio_id, as_of, "week", PERIODS["week"],
                                 include_proposed=False)  # fmt: skip
    assert view.loading is not None
    assert _total(view.loading) == pytest.approx(_total(base))
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        view.proposed_box.setChecked(True)
    assert view.include_proposed
    full = read_resource_loading(demo, portfolio_id, as_of, "week", PERIODS["week"])
    assert _total(view.loading) == pytest.approx(_total(full))
    assert _total(full) > _total(base), "the demo's proposed projects have demand"
    with qtbot.waitSignal(view.capacity.loaded, timeout=20_000):
        view.show_capacity()
    assert view.capacity.plan is not None and view.capacity.plan.include_proposed

    with demo.session() as session:
        programme_id = session.scalars(select(Programme.id).order_by(Programme.id)).first()
    with demo.session() as session:
        programmes = len(session.scalars(select(Programme.id)).all())
    assert view.scope_box.count() == 1 + programmes
    index = view.scope_box.findData(programme_id)
    with qtbot.waitSignals([view.loaded, view.capacity.loaded], timeout=20_000):
        view.scope_box.setCurrentIndex(index)
        view.scope_box.activated.emit(index)
    assert view.loading is not None and view.loading.programme_id == programme_id
    assert view.capacity.plan is not None and view.capacity.plan.programme_id == programme_id

    settings = QSettings()
    view.save_state(settings)
    assert settings.value("resourceLoading/includeProposed") in (True, "true")
