"""The main window's Reports menu on the real scheduled demo portfolio: its actions and
shortcuts, the board pack dialog they open, the one-page project status report (read back
with pypdf) and the portfolio table in Excel (read back with openpyxl)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from sqlalchemy import select

from pmo_desktop.models import Project, ProjectStatus
from pmo_desktop.services.database import Database
from pmo_desktop.ui.main_window import MainWindow
from pmo_desktop.ui.reports.dialog import BoardPackDialog
from pmo_desktop.ui.reports.prompts import ReportPrompts
from pmo_desktop.ui.workers import WorkPool

WRITE_TIMEOUT_MS = 120_000


class FilePrompts(ReportPrompts):
    """Answers the file chooser with `save_path`; records messages instead of showing them."""

    def __init__(self) -> None:
        super().__init__()
        self.save_path: Path | None = None
        self.messages: list[tuple[str, str, str]] = []

    def save_file(self, parent: Any, title: str, default: Path, filters: str) -> Path | None:
        self.messages.append(("save", title, default.name))
        return self.save_path

    def critical(self, parent: Any, title: str, text: str) -> None:
        self.messages.append(("critical", title, text))

    def information(self, parent: Any, title: str, text: str) -> None:
        self.messages.append(("information", title, text))


@pytest.fixture
def window(qtbot, demo: Database, dialogs) -> Iterator[MainWindow]:
    pool = WorkPool()
    main = MainWindow(demo, dialogs=dialogs, pool=pool, remember_layout=False, watch_changes=False)
    main.reports.prompts = FilePrompts()
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    qtbot.waitUntil(main.portfolio_view.is_loaded, timeout=30_000)
    yield main
    main.close()
    pool.drain()


def _words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_reports_menu_actions_and_their_free_shortcuts(window) -> None:
    menu = window.reports_menu
    assert menu.title() == "&Reports"
    assert [a for a in menu.actions() if not a.isSeparator()] == [
        window.board_pack_action,
        window.status_report_action,
        window.portfolio_table_action,
    ]
    expected = {
        window.board_pack_action: "Ctrl+Shift+P",
        window.status_report_action: "Ctrl+Shift+T",
        window.portfolio_table_action: "Ctrl+Shift+E",
    }
    for action, shortcut in expected.items():
        assert action.shortcut() == QKeySequence(shortcut)
        assert not action.icon().isNull()
    others = [
        sequence
        for action in window.findChildren(QAction)
        if action not in expected
        for sequence in action.shortcuts()
    ]
    assert not {QKeySequence(shortcut) for shortcut in expected.values()} & set(others)
    assert window.board_pack_action.isEnabled() and window.portfolio_table_action.isEnabled()
    assert not window.status_report_action.isEnabled()  # no current project yet
    window.select_project("DIG-01")
    assert window.status_report_action.isEnabled()


def test_shortcut_opens_the_board_pack_dialog_once(qtbot, window) -> None:
    window.activateWindow()
    qtbot.keyClick(
        window,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.reports.dialog
    assert isinstance(dialog, BoardPackDialog) and dialog.isVisible()
    assert dialog.portfolio_id == window.portfolio_id
    assert dialog.form.as_of() == window.workspace.as_of
    qtbot.waitUntil(lambda: not dialog.is_loading, timeout=30_000)
    assert dialog.selection_model.project_codes()
    dialog.close()
    window.board_pack_action.trigger()
    assert window.reports.dialog is dialog and dialog.isVisible()


def test_project_status_report_writes_one_page(qtbot, window, demo, tmp_path) -> None:
    window.select_project("ERP-01")
    with demo.session() as session:
        name = session.scalars(select(Project.name).where(Project.code == "ERP-01")).one()
    prompts = window.reports.prompts
    prompts.save_path = tmp_path / "status"
    with qtbot.waitSignal(window.reports.written, timeout=WRITE_TIMEOUT_MS) as written:
        window.status_report_action.trigger()
    out = tmp_path / "status.pdf"
    assert written.args[0].path == out
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    assert _words(name) in _words(reader.pages[0].extract_text())
    as_of = window.workspace.as_of.isoformat()
    assert prompts.messages[0] == (
        "save", "Project status report", f"ERP-01 status report {as_of}.pdf"
    )  # fmt: skip
    assert not [m for m in prompts.messages if m[0] == "critical"]
    assert str(out) in window.statusBar().currentMessage()


def test_portfolio_table_to_excel(qtbot, window, demo, tmp_path) -> None:
    with demo.session() as session:
        reported = dict(
            session.execute(
                select(Project.code, Project.name).where(
                    Project.status.in_([ProjectStatus.ACTIVE, ProjectStatus.ON_HOLD])
                )
            ).all()
        )
    prompts = window.reports.prompts
    prompts.save_path = tmp_path / "table.xlsx"
    with qtbot.waitSignal(window.reports.written, timeout=WRITE_TIMEOUT_MS):
        window.portfolio_table_action.trigger()
    workbook = load_workbook(tmp_path / "table.xlsx", read_only=True)
    cells = {
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    }
    workbook.close()
    assert set(reported) <= cells and set(reported.values()) <= cells
    with demo.session() as session:
        closed = session.scalars(
            select(Project.code).where(Project.status == ProjectStatus.CLOSED)
        ).all()
    assert closed and not set(closed) & cells


def test_status_report_failure_is_told(qtbot, window, tmp_path) -> None:
    window.select_project("DIG-01")
    prompts = window.reports.prompts
    prompts.save_path = tmp_path / "missing" / "status.pdf"
    window.status_report_action.trigger()
    job = window.reports.job
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=WRITE_TIMEOUT_MS):
        pass
    title, text = next((t, x) for kind, t, x in prompts.messages if kind == "critical")
    assert title == "Project status report"
    assert text.startswith("The file was not written.") and "does not exist" in text
    assert not (tmp_path / "missing").exists()
