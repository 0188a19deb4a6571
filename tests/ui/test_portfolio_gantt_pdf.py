"""The portfolio Gantt exported as a multi-page PDF, read back with pypdf: the page count
the page plan gives, every project code on the pages of its rows (the programme and project
names repeated at the left of each page across the dates), an expanded project's tasks, and
the menu's "Export portfolio Gantt as PDF…" through the range dialog and file chooser."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from view_teardown import close_view

from pmo_desktop.models import Portfolio
from pmo_desktop.services.database import Database
from pmo_desktop.ui.gantt import portfolio_view as portfolio_view_module
from pmo_desktop.ui.gantt.export import GanttPrintOptions
from pmo_desktop.ui.gantt.portfolio_export import PortfolioGanttPages
from pmo_desktop.ui.gantt.portfolio_tree import RowKind
from pmo_desktop.ui.gantt.portfolio_view import PortfolioGanttView
from pmo_desktop.ui.gantt.range_dialog import ExportRangeDialog
from pmo_desktop.ui.workers import WorkPool
from pmo_desktop.ui.workspace import Workspace


@pytest.fixture
def view(qtbot, demo: Database, dialogs) -> Iterator[PortfolioGanttView]:
    pool = WorkPool()
    workspace = Workspace(demo, dialogs=dialogs, pool=pool)
    widget = PortfolioGanttView(workspace)
    widget.resize(1400, 900)
    widget.show()
    with demo.session() as session:
        portfolio_id = session.scalars(select(Portfolio.id)).one()
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.show_portfolio(portfolio_id)
    QApplication.processEvents()
    yield widget
    close_view(widget, pool)


def _texts(path: Path) -> list[str]:
    """Each page's text, words separated by single spaces (pypdf gives tabs between them)."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(str(path)).pages]


def _span(view: PortfolioGanttView) -> tuple[date, date]:
    data = view.data
    assert data is not None and data.start and data.finish
    return data.start.date(), data.finish.date()


def test_every_page_repeats_the_project_rows_across_the_dates(view, tmp_path: Path) -> None:
    data = view.data
    assert data is not None
    first, last = _span(view)
    last = max(last, first + timedelta(days=3 * 365))  # several pages across the dates
    path = tmp_path / "portfolio.pdf"
    pages = view.export_pdf(path, first, last)
    plan = PortfolioGanttPages(
        data, GanttPrintOptions(first=first, last=last), view.tree.rows, view.chart.projects
    )
    assert plan.slices >= 2
    assert pages == plan.page_count == len(PdfReader(str(path)).pages)
    texts = _texts(path)
    codes = [project.code for project in data.projects]
    assert codes
    for page, text in enumerate(texts):
        assert "Portfolio Gantt" in text and data.scope_name in text
        assert f"Page {page + 1} of {pages}" in text
        assert "Programme / project" in text
        shown = {row.name.split("  ")[0] for row in plan.page_rows(page)}
        for code in codes:
            assert (code in text) == (code in shown), (page, code)
    # Every project is on some page, on every page across the dates of its row block.
    for code in codes:
        on = [page for page, text in enumerate(texts) if code in text]
        assert len(on) == plan.slices, code
    for programme in data.programmes:
        if programme.id is not None:
            assert any(programme.code in text for text in texts)


def test_an_expanded_project_prints_its_tasks(qtbot, view, tmp_path: Path) -> None:
    data = view.data
    assert data is not None
    project = max(data.projects, key=lambda item: item.task_count)
    with qtbot.waitSignal(view.project_loaded, timeout=10_000):
        view.expand_project(project.id)
    QApplication.processEvents()
    tasks = [row.task for row in view.tree.rows if row.kind is RowKind.TASK and row.task]
    assert tasks
    path = tmp_path / "expanded.pdf"
    first, last = _span(view)
    view.export_pdf(path, first, last)
    whole = "\n".join(_texts(path))
    assert project.code in whole
    assert " ".join(tasks[0].name.split()) in whole


def test_the_menu_action_asks_the_dates_and_the_file(
    qtbot, view, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "chosen.pdf"
    monkeypatch.setattr(
        portfolio_view_module.QFileDialog,
        "getSaveFileName",
        lambda *args, **kwargs: (str(target), ""),
    )
    assert view.export_pdf_action in view.actions_for_menu()
    assert view.export_pdf_action.text() == "Export portfolio Gantt as PDF…"
    first, _last = _span(view)
    chosen = (first, first + timedelta(days=60))

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportRangeDialog)
        dialog.set_range(*chosen)
        dialog.accept()

    QTimer.singleShot(0, choose)
    view.export_pdf_action.trigger()
    assert target.exists()
    text = "\n".join(_texts(target))
    assert view.data is not None
    assert view.data.projects[0].code in text
