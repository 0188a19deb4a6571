"""Live refresh on PostgreSQL: another user's commit reloads only the views that show the
tables it changed (the change feed names them; migration 0011's triggers send them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_sample

from pmo_desktop.models import Project, Risk
from pmo_desktop.services import crud
from pmo_desktop.services.database import open_database
from pmo_desktop.ui.main_window import MainWindow

_WATCHED = ("portfolio", "resources", "pool", "risks")


@pytest.fixture
def server_window(qtbot, dialogs, postgres_url: str):
    database = open_database(postgres_url)
    sample = build_sample(database, Path("server"))
    window = MainWindow(database, dialogs=dialogs, remember_layout=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window, sample
    window.close()
    window.database.close()


@pytest.mark.postgres
def test_another_users_risk_edit_reloads_only_the_views_showing_risks(
    qtbot, server_window, postgres_url: str
) -> None:
    window, sample = server_window
    views = {name: window.named_pages[name] for name in _WATCHED}
    loads = dict.fromkeys(_WATCHED, 0)
    for name, view in views.items():
        view.loaded.connect(lambda name=name: loads.__setitem__(name, loads[name] + 1))
    for name in ("resources", "pool", "risks"):
        window.show_portfolio_wide(name)
    for view in views.values():
        qtbot.waitUntil(view.is_loaded, timeout=30_000)
    before = dict(loads)

    def reloading(name: str) -> bool:
        return not views[name].is_loaded() or loads[name] > before[name]

    other = open_database(postgres_url)
    try:
        risk = crud.list_rows(other, Risk)[0]
        crud.update(other, Risk, risk.id, risk.version, title="Supplier insolvency")
        # The window's timer may see the notice first: either way the register reloads.
        qtbot.waitUntil(lambda: window.check_for_changes() or reloading("risks"), timeout=10_000)
        # The views reload as the signal is delivered: the others have not started.
        assert reloading("portfolio")  # the dashboard shows the open risks
        assert not reloading("resources") and not reloading("pool")
        register = views["risks"]
        qtbot.waitUntil(
            lambda: any(row.title == "Supplier insolvency" for row in register.model.rows()),
            timeout=30_000,
        )
        assert not reloading("resources") and not reloading("pool")

        # A project renamed elsewhere: the navigation tree follows (not a full reload).
        project = crud.get(other, Project, sample.projects["OT-01"])
        crud.update(other, Project, project.id, project.version, name="Cloud migration")
        tree = window.navigation.model
        qtbot.waitUntil(
            lambda: window.check_for_changes() or "Cloud migration" in _labels(tree),
            timeout=10_000,
        )
        qtbot.waitUntil(lambda: "OT-01  Cloud migration" in _labels(tree), timeout=10_000)
    finally:
        other.close()


def _labels(model) -> list[str]:
    root = model.index(0, 0)
    labels = []
    for row in range(model.rowCount(root)):
        child = model.index(row, 0, root)
        labels.append(child.data())
        labels += [model.index(r, 0, child).data() for r in range(model.rowCount(child))]
    return labels
