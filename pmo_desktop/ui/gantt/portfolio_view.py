"""The portfolio Gantt: every project of a portfolio or programme as one read-only summary
row under its programme, expandable into its tasks, with the links between projects.

`show_portfolio` returns at once: the summary rows are read in the workspace's worker pool
(a newer request supersedes an older one), then `loaded` is emitted. Expanding a project
reads its tasks in the background too. A double-click on a project asks for its Gantt
(`open_project_gantt`), on a task for that task (`open_task`); the main window wires both.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QToolButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.errors import NotFoundError, PmoError
from pmo_desktop.models import (
    Baseline,
    BaselineTask,
    Dependency,
    Programme,
    Project,
    StatusReport,
    Task,
)
from pmo_desktop.services.gantt import GanttData, gantt_data
from pmo_desktop.services.portfolio_gantt import PortfolioGanttData, portfolio_gantt_data
from pmo_desktop.storage.database import Database
from pmo_desktop.ui.formatting import format_integer
from pmo_desktop.ui.gantt.export import GanttPrintOptions
from pmo_desktop.ui.gantt.picture import save_png
from pmo_desktop.ui.gantt.portfolio_chart import PortfolioChart
from pmo_desktop.ui.gantt.portfolio_export import portfolio_span, write_portfolio_gantt_pdf
from pmo_desktop.ui.gantt.portfolio_tree import PortfolioRow, PortfolioTree, RowKind
from pmo_desktop.ui.gantt.range_dialog import ExportRangeDialog
from pmo_desktop.ui.icons import icon
from pmo_desktop.ui.preferences import Preferences
from pmo_desktop.ui.workers import Job, ProgressToken
from pmo_desktop.ui.workspace import Workspace, touches

log = logging.getLogger(__name__)

_SETTINGS = "portfolioGantt/"
_SHOWN = (Project, Programme, Task, Dependency, StatusReport, Baseline, BaselineTask)


def load_portfolio_gantt(
    token: ProgressToken, database: Database, portfolio_id: int, programme_id: int | None
) -> PortfolioGanttData:
    token.raise_if_cancelled()
    return portfolio_gantt_data(database, portfolio_id, programme_id)


def load_project_tasks(token: ProgressToken, database: Database, project_id: int) -> GanttData:
    token.raise_if_cancelled()
    return gantt_data(database, project_id)


class PortfolioGanttView(QWidget):
    """Programmes and projects (left) and their bars (right), read only."""

    loaded = Signal()
    #: Double-click on a project's row or bar.
    open_project_gantt = Signal(int)
    #: Double-click on a task's row or bar: (project id, task id).
    open_task = Signal(int, int)
    #: The tasks of an expanded project arrived (project id).
    project_loaded = Signal(int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.portfolio_id: int | None = None
        self.programme_id: int | None = None
        self.data: PortfolioGanttData | None = None
        self.error = ""
        self._loaded = False
        self._request = 0
        self._job: Job | None = None
        self._project_jobs: dict[int, tuple[int, Job]] = {}

        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle = QLabel()
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        fm = self.fontMetrics()
        self.tree = PortfolioTree(header_height=2 * fm.height() + 12)
        self.chart = PortfolioChart(self.tree)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.chart)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([560, 1040])
        self.splitter.setChildrenCollapsible(False)
        self._make_actions()

        heading = QHBoxLayout()
        heading.setContentsMargins(10, 6, 10, 4)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        heading.addLayout(titles, 1)
        for action in (
            self.today_action, self.zoom_in_action, self.zoom_out_action, self.zoom_fit_action,
        ):  # fmt: skip
            button = QToolButton()
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            heading.addWidget(button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(heading)
        layout.addWidget(self.splitter, 1)

        self.tree.project_needed.connect(self._load_project)
        self.tree.itemDoubleClicked.connect(self._on_item_double_clicked)
        self.chart.row_activated.connect(self._activate)
        workspace.data_changed.connect(self._on_data_changed)
        workspace.database_changed.connect(self._on_database_changed)

    # The view contract.

    def is_loaded(self) -> bool:
        return self._loaded

    def show_portfolio(self, portfolio_id: int, programme_id: int | None = None) -> None:
        """Show the projects of the portfolio, or of one programme."""
        scope = (portfolio_id, programme_id)
        if scope != (self.portfolio_id, self.programme_id):
            self.data = None
            self.tree.clear_rows()
        self.portfolio_id, self.programme_id = scope
        self._start_loading()

    def cancel_loading(self) -> None:
        if self._job is not None:
            self._job.cancel()
        self._job = None
        for _serial, job in self._project_jobs.values():
            job.cancel()
        self._project_jobs = {}
        self._request += 1

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(_SETTINGS + "splitter", self.splitter.saveState())
        settings.setValue(_SETTINGS + "header", self.tree.header().saveState())
        settings.setValue(_SETTINGS + "pixelsPerDay", self.chart.pixels_per_day)

    def restore_state(self, settings: QSettings) -> None:
        for key, target in (("splitter", self.splitter), ("header", self.tree.header())):
            value = settings.value(_SETTINGS + key)
            if isinstance(value, QByteArray):
                target.restoreState(value)
        pixels = settings.value(_SETTINGS + "pixelsPerDay")
        if pixels is not None:
            self.chart.set_pixels_per_day(float(pixels))  # type: ignore[arg-type]

    def actions_for_menu(self) -> list[QAction]:
        return [
            self.zoom_in_action,
            self.zoom_out_action,
            self.zoom_fit_action,
            self.today_action,
            self.collapse_action,
            self.open_action,
            self.export_png_action,
            self.export_pdf_action,
        ]

    # Loading.

    def _start_loading(self) -> None:
        self.cancel_loading()
        self._loaded = False
        self.error = ""
        if self.portfolio_id is None:
            return
        request = self._request
        workspace = self.workspace
        job = workspace.pool.submit(
            load_portfolio_gantt, workspace.database, self.portfolio_id, self.programme_id
        )
        job.succeeded.connect(lambda result: self._on_loaded(request, result))
        job.failed.connect(lambda error: self._on_failed(request, error))
        self._job = job

    def _on_loaded(self, request: int, data: PortfolioGanttData) -> None:
        if request != self._request:
            return
        self._job = None
        same = self.data is not None and self.data.portfolio_id == data.portfolio_id
        scroll = self.tree.verticalScrollBar().value() if same else 0
        self.data = data
        self.chart.today = self.workspace.as_of
        self.chart.set_data(data, keep_view=same)
        self.tree.set_data(data)
        if same:
            self.tree.verticalScrollBar().setValue(scroll)
        else:
            self.chart.zoom_to_fit()
        projects = data.projects
        self.title.setText(self.tr("Portfolio Gantt — {name}").format(name=data.scope_name))
        self.subtitle.setText(
            self.tr("{projects} projects · {links} links between projects").format(
                projects=format_integer(len(projects)), links=format_integer(len(data.links))
            )
        )
        self._loaded = True
        self.loaded.emit()

    def _on_failed(self, request: int, error: object) -> None:
        if request != self._request:
            return
        self._job = None
        self.error = str(error) if isinstance(error, PmoError) else repr(error)
        log.warning("Portfolio Gantt not loaded: %s", self.error)
        self.subtitle.setText(
            self.tr("The portfolio could not be read: {error}").format(error=self.error)
        )
        self._loaded = True
        self.loaded.emit()

    def _load_project(self, project_id: int) -> None:
        """An expanded project's tasks, read in the background."""
        previous = self._project_jobs.pop(project_id, None)
        if previous is not None:
            previous[1].cancel()
        request = self._request
        job = self.workspace.pool.submit(load_project_tasks, self.workspace.database, project_id)
        job.succeeded.connect(lambda result: self._on_project_loaded(request, project_id, result))
        job.failed.connect(lambda error: self._on_project_failed(request, project_id, error))
        self._project_jobs[project_id] = (request, job)

    def _on_project_loaded(self, request: int, project_id: int, data: GanttData) -> None:
        if request != self._request:
            return
        self._project_jobs.pop(project_id, None)
        self.chart.set_project(data)
        self.tree.set_project_tasks(data)
        self.project_loaded.emit(project_id)

    def _on_project_failed(self, request: int, project_id: int, error: object) -> None:
        if request != self._request:
            return
        self._project_jobs.pop(project_id, None)
        if isinstance(error, NotFoundError):
            text = self.tr("This project no longer exists.")
        else:
            text = self.tr("The tasks could not be read: {error}").format(error=error)
        self.tree.project_failed(project_id, text)

    def expand_project(self, project_id: int) -> None:
        """Show a project's tasks (read in the background; `project_loaded` follows)."""
        self.tree.set_project_expanded(project_id, True)

    def _on_data_changed(self, models: set[type] | None) -> None:
        if self.portfolio_id is not None and touches(models, *_SHOWN):
            self._start_loading()

    def _on_database_changed(self) -> None:
        self.cancel_loading()
        self.portfolio_id = self.programme_id = None
        self.data = None
        self.chart.set_data(None)
        self.tree.clear_rows()
        self.title.setText("")
        self.subtitle.setText("")

    # Opening.

    def _on_item_double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        row = self.tree.item_row(item)
        if row is not None:
            self._activate(row)

    def _activate(self, row: PortfolioRow) -> None:
        if row.kind is RowKind.PROJECT and row.project_id is not None:
            self.open_project_gantt.emit(row.project_id)
        elif row.kind is RowKind.TASK and row.project_id is not None and row.task is not None:
            self.open_task.emit(row.project_id, row.task.id)

    def open_current(self) -> None:
        row = self.tree.current_row()
        if row is not None:
            self._activate(row)

    def collapse_projects(self) -> None:
        for project_id in self.tree.expanded_projects():
            self.tree.set_project_expanded(project_id, False)

    def scroll_to_today(self) -> None:
        self.chart.scroll_to(datetime.combine(self.workspace.as_of, time()))

    # Export.

    def export_png(self, path: Path) -> None:
        """The rows and bars as shown, written whole or not at all."""
        save_png(self.splitter.grab(), path)

    def _export_png_chosen(self) -> None:
        if self.data is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the portfolio Gantt"), "Portfolio Gantt.png",
            self.tr("PNG pictures (*.png)"),
        )  # fmt: skip
        if not name:
            return
        try:
            self.export_png(Path(name))
        except PmoError as exc:
            self.workspace.dialogs.critical(self, self.tr("Export failed"), str(exc))

    def export_pdf(self, path: Path, first: date, last: date) -> int:
        """The rows as shown (expanded projects with their tasks) over `first`..`last`, on
        the preferred paper, written whole or not at all; returns the page count."""
        if self.data is None:
            return 0
        options = GanttPrintOptions(
            paper=Preferences.load(QSettings()).paper, first=first, last=last
        )
        rows = [row for row in self.tree.rows if row.kind is not RowKind.LOADING]
        projects = {
            project_id: gantt
            for project_id, gantt in self.chart.projects.items()
            if self.tree.project_row(project_id) is not None
        }
        return write_portfolio_gantt_pdf(self.data, path, options, rows, projects)

    def _export_pdf_chosen(self) -> None:
        if self.data is None:
            return
        title = self.tr("Export the portfolio Gantt as PDF")
        dialog = ExportRangeDialog(
            portfolio_span(self.data), self.chart.visible_dates(), self.workspace.as_of,
            title, self,
        )  # fmt: skip
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            first, last = dialog.chosen_range()
        finally:
            dialog.deleteLater()
        name, _ = QFileDialog.getSaveFileName(
            self, title, "Portfolio Gantt.pdf", self.tr("PDF documents (*.pdf)")
        )
        if not name:
            return
        try:
            self.export_pdf(Path(name), first, last)
        except PmoError as exc:
            self.workspace.dialogs.critical(self, self.tr("Export failed"), str(exc))

    # Actions.

    def _make_actions(self) -> None:
        def action(
            text: str, slot: Callable[[], Any], shortcut: str = "", icon_name: str = ""
        ) -> QAction:
            made = QAction(text, self)
            made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            if shortcut:
                made.setShortcut(QKeySequence(shortcut))
            if icon_name:
                made.setIcon(icon(icon_name))
            made.triggered.connect(slot)
            self.addAction(made)
            return made

        self.zoom_in_action = action(
            self.tr("Zoom in"), lambda: self.chart.zoom(1.6), "Ctrl+=", "zoom-in"
        )
        self.zoom_out_action = action(
            self.tr("Zoom out"), lambda: self.chart.zoom(1 / 1.6), "Ctrl+-", "zoom-out"
        )
        self.zoom_fit_action = action(
            self.tr("Zoom to fit the portfolio"), self.chart.zoom_to_fit, "Ctrl+0"
        )
        self.today_action = action(self.tr("Go to today"), self.scroll_to_today, "Ctrl+T")
        self.collapse_action = action(
            self.tr("Collapse all projects"), self.collapse_projects, "", "collapse"
        )
        self.open_action = action(self.tr("Open the project's Gantt"), self.open_current, "Return")
        self.export_png_action = action(
            self.tr("Export portfolio Gantt as picture…"), self._export_png_chosen, "", "export"
        )
        self.export_pdf_action = action(
            self.tr("Export portfolio Gantt as PDF…"), self._export_pdf_chosen, "", "export"
        )
