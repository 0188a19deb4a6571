"""The Gantt view: a project's task table and chart side by side, sharing rows and scrolling.

`show_project` returns at once: `gantt_data` runs in the workspace's worker pool (a newer
request supersedes an older one) and the table and chart show it when it arrives, then
`loaded` is emitted. Reloads after an edit keep the selection, the collapsed rows, the zoom
and both scroll positions.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.errors import NotFoundError, PmoError
from pmo_desktop.models import (
    Assignment,
    Baseline,
    BaselineTask,
    Calendar,
    CalendarException,
    Dependency,
    Project,
    Resource,
    Task,
)
from pmo_desktop.services.gantt import GanttData, gantt_data
from pmo_desktop.storage.database import Database
from pmo_desktop.ui.gantt.chart import GanttChart
from pmo_desktop.ui.gantt.drag import DragController
from pmo_desktop.ui.gantt.edits import table_edit
from pmo_desktop.ui.gantt.filters import TaskFilter, predicate, resource_names
from pmo_desktop.ui.gantt.link_dialog import LinkDialog
from pmo_desktop.ui.gantt.outline_actions import OutlineActions
from pmo_desktop.ui.gantt.output_actions import (
    export_pdf_chosen,
    export_png,
    export_png_chosen,
    print_chosen,
    set_baseline_chosen,
)
from pmo_desktop.ui.gantt.table import TaskTable
from pmo_desktop.ui.gantt.timescale import ZOOM_LEVELS
from pmo_desktop.ui.icons import icon
from pmo_desktop.ui.itemmodels.task_tree import TaskTreeModel
from pmo_desktop.ui.workers import ProgressToken
from pmo_desktop.ui.workspace import Workspace, touches

_SHOWN = (
    Project, Task, Dependency, Assignment, Resource, Baseline, BaselineTask, Calendar,
    CalendarException,
)  # fmt: skip
_SETTINGS = "ganttView/"


def load_gantt(
    token: ProgressToken, database: Database, project_id: int, baseline: int, as_of: date
) -> GanttData:
    """Worker side of `show_project`: one short read session."""
    token.raise_if_cancelled()
    return gantt_data(database, project_id, baseline, as_of)


class GanttView(QWidget):
    """Task table (left) and Gantt chart (right) of one project."""

    loaded = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._project_id: int | None = None
        self._loaded = False
        self._serial = 0
        self._job: Any = None
        self._baseline = 0

        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.filter_box = QComboBox()
        for kind in TaskFilter:
            self.filter_box.addItem(kind.label(), kind)
        self.resource_box = QComboBox()
        self.resource_box.setMinimumContentsLength(16)
        self.resource_box.setVisible(False)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search tasks (name, WBS, ID, resource)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.baseline_box = QComboBox()
        self.baseline_box.setToolTip(self.tr("The baseline drawn beneath the bars"))
        self.highlight_box = QCheckBox(self.tr("Highlight only"))
        self.highlight_box.setToolTip(
            self.tr("Keep every task shown and highlight the ones the filter selects")
        )

        fm = self.fontMetrics()
        self.model = TaskTreeModel(self)
        self.table = TaskTable(self.model, header_height=2 * fm.height() + 12)
        self.chart = GanttChart(self.table)
        self.drag = DragController(self.chart, workspace)
        self.link_dialog: LinkDialog | None = None
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.chart)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([470, 930])
        self.splitter.setChildrenCollapsible(False)

        self._make_actions()
        self.outline = OutlineActions(self)
        heading = QHBoxLayout()
        heading.setContentsMargins(10, 6, 10, 0)
        heading.addWidget(self.title, 1)
        bar = QHBoxLayout()
        bar.setContentsMargins(10, 4, 10, 6)
        bar.addWidget(QLabel(self.tr("Filter:")))
        bar.addWidget(self.filter_box)
        bar.addWidget(self.resource_box)
        bar.addWidget(self.search)
        bar.addWidget(self.highlight_box)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("Baseline:")))
        bar.addWidget(self.baseline_box)
        for action in (self.zoom_in_action, self.zoom_out_action, self.zoom_fit_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            bar.addWidget(button)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.setSpacing(0)
        content_layout.addLayout(heading)
        content_layout.addLayout(bar)
        content_layout.addWidget(self.splitter, 1)
        self.message = QLabel(self.tr("Choose a project in the navigation tree."))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.filter_box.currentIndexChanged.connect(self._apply_filter)
        self.resource_box.currentIndexChanged.connect(self._apply_filter)
        self.search.textChanged.connect(self._apply_filter)
        self.highlight_box.toggled.connect(self._apply_filter)
        self.baseline_box.activated.connect(
            lambda: self.show_baseline(self.baseline_box.currentData() or 0)
        )
        self.chart.row_clicked.connect(self._on_chart_click)
        self.chart.task_activated.connect(self.task_activated)
        self.drag.link_activated.connect(self.edit_link)
        self.model.edit_requested.connect(self._on_cell_edited)
        workspace.data_changed.connect(self._on_data_changed)
        workspace.database_changed.connect(self._on_database_changed)

    #: Double-click on a bar or a row: the task dialog opens (the editing services wire it).
    task_activated = Signal(int)

    # The view contract.

    def is_loaded(self) -> bool:
        return self._loaded

    @property
    def project_id(self) -> int | None:
        return self._project_id

    @property
    def data(self) -> GanttData | None:
        return self.model.gantt

    def show_project(self, project_id: int) -> None:
        """Show the project; its data arrives from the worker pool, then `loaded`."""
        self._project_id = project_id
        self._reload()

    def show_baseline(self, number: int) -> None:
        """Draw baseline `number` (0–10) beneath the bars."""
        self._baseline = number
        self._reload()

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(_SETTINGS + "splitter", self.splitter.saveState())
        settings.setValue(_SETTINGS + "header", self.table.header().saveState())
        settings.setValue(_SETTINGS + "pixelsPerDay", self.chart.pixels_per_day)
        settings.setValue(_SETTINGS + "dragChangesLag", self.drag_lag_action.isChecked())

    def restore_state(self, settings: QSettings) -> None:
        splitter = settings.value(_SETTINGS + "splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        header = settings.value(_SETTINGS + "header")
        if isinstance(header, QByteArray):
            self.table.header().restoreState(header)
        pixels = settings.value(_SETTINGS + "pixelsPerDay")
        if pixels is not None:
            self.chart.set_pixels_per_day(float(pixels))
        lag = settings.value(_SETTINGS + "dragChangesLag")
        self.drag_lag_action.setChecked(str(lag).lower() == "true")

    def actions_for_menu(self) -> list[QAction]:
        return [
            self.zoom_in_action,
            self.zoom_out_action,
            self.zoom_fit_action,
            self.scroll_to_task_action,
            self.expand_all_action,
            self.collapse_all_action,
            self.critical_action,
            self.find_action,
            self.export_png_action,
            self.export_pdf_action,
            self.print_action,
            self.set_baseline_action,
            self.drag_lag_action,
            *self.outline.actions,
        ]

    def focus_find(self) -> None:
        """The window's Find (Ctrl+F) while the Gantt is shown."""
        self._focus_search()

    def cancel_loading(self) -> None:
        """Stop background reads; late results are ignored (the window may be closing)."""
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self._serial += 1

    # Loading.

    def _reload(self) -> None:
        if self._project_id is None:
            return
        self._serial += 1
        serial = self._serial
        self._loaded = False
        if self._job is not None:
            self._job.cancel()
        job = self.workspace.pool.submit(
            load_gantt, self.workspace.database, self._project_id, self._baseline,
            self.workspace.as_of,
        )  # fmt: skip
        job.succeeded.connect(lambda data, s=serial: self._on_loaded(s, data))
        job.failed.connect(lambda error, s=serial: self._on_failed(s, error))
        self._job = job

    def _on_loaded(self, serial: int, data: GanttData) -> None:
        if serial != self._serial:
            return
        self._job = None
        previous = self.model.gantt
        same_project = previous is not None and previous.project_id == data.project_id
        selected = self.table.selected_task_ids() if same_project else []
        current = self.model.task(self.table.currentIndex()) if same_project else None
        scroll = self.table.verticalScrollBar().value() if same_project else 0
        if not same_project:
            self.table.forget_collapsed()
        self.model.editable = not self.workspace.read_only and self._edits_available()
        self.model.set_data(data)
        self.chart.today = self.workspace.as_of if data.as_of else date.today()
        self.chart.set_data(data, keep_view=same_project)
        self.title.setText(f"{data.code}  {data.name}")
        self._fill_resources(data)
        self._fill_baselines(data)
        if same_project:
            self._reselect(selected, current.id if current else None)
            self.table.verticalScrollBar().setValue(scroll)
        self.stack.setCurrentIndex(1)
        self._loaded = True
        self.loaded.emit()

    def _on_failed(self, serial: int, error: object) -> None:
        if serial != self._serial:
            return
        self._job = None
        if isinstance(error, NotFoundError):
            text = self.tr("This project no longer exists: someone may have deleted it.")
        else:
            text = self.tr("The project could not be read: {error}").format(error=error)
        self.model.set_data(None)
        self.message.setText(text)
        self.stack.setCurrentIndex(0)
        self._loaded = True
        self.loaded.emit()

    def _reselect(self, task_ids: list[int], current: int | None) -> None:
        selection = self.table.selectionModel()
        if current is not None:
            index = self.model.index_of(current)
            if index.isValid():
                self.table.setCurrentIndex(index)
        for task_id in task_ids:
            index = self.model.index_of(task_id)
            if index.isValid():
                selection.select(
                    index,
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )

    def _fill_resources(self, data: GanttData) -> None:
        chosen = self.resource_box.currentText()
        self.resource_box.blockSignals(True)
        self.resource_box.clear()
        self.resource_box.addItems(resource_names(data))
        if chosen:
            self.resource_box.setCurrentText(chosen)
        self.resource_box.blockSignals(False)

    def _fill_baselines(self, data: GanttData) -> None:
        """The baselines the project holds (0–10), the shown one chosen."""
        box = self.baseline_box
        box.blockSignals(True)
        box.clear()
        for number in sorted(set(data.baselines) | {data.baseline_number}):
            box.addItem(self.tr("Baseline {number}").format(number=number), number)
        box.setCurrentIndex(box.findData(data.baseline_number))
        box.setEnabled(bool(data.baselines))
        box.blockSignals(False)

    def _on_data_changed(self, models: set[type] | None) -> None:
        if self._project_id is not None and touches(models, *_SHOWN):
            self._reload()

    def _on_database_changed(self) -> None:
        self.cancel_loading()
        self._project_id = None
        self._loaded = False
        self.model.set_data(None)
        self.message.setText(self.tr("Choose a project in the navigation tree."))
        self.stack.setCurrentIndex(0)

    @staticmethod
    def _edits_available() -> bool:
        return True

    def _on_cell_edited(self, task_id: int, field: str, value: object) -> None:
        data = self.model.gantt
        if data is None:
            return
        try:
            command = table_edit(
                self.workspace.database, task_id, field, value, data.minutes_per_day
            )
        except PmoError as exc:
            self.workspace.dialogs.critical(self, self.tr("Change not saved"), str(exc))
            return
        self.workspace.execute(command)

    def edit_link(self, link_id: int) -> None:
        """Open the link dialog (type, lag, delete); its choice becomes one command."""
        data = self.model.gantt
        link = next((link for link in data.links if link.id == link_id), None) if data else None
        if data is None or link is None or not self.model.editable:
            return
        names = tuple(
            self.model.task_at(p).name if (p := self.model.position_of(task_id)) is not None
            else "" for task_id in (link.predecessor_id, link.successor_id)
        )  # fmt: skip
        dialog = LinkDialog(link, (names[0], names[1]), data.minutes_per_day, self)
        dialog.accepted.connect(lambda: self._link_chosen(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.link_dialog = dialog
        dialog.open()

    def _link_chosen(self, dialog: LinkDialog) -> None:
        try:
            command = dialog.command(self.workspace.database)
        except PmoError as exc:
            self.workspace.dialogs.critical(self, self.tr("Change not saved"), str(exc))
            return
        if command is not None:
            self.workspace.execute(command)

    # Filters.

    def set_filter(self, kind: TaskFilter, *, resource: str = "", highlight: bool = False) -> None:
        """Choose a filter as the user would in the tool bar."""
        self.highlight_box.setChecked(highlight)
        if resource:
            self.resource_box.setCurrentText(resource)
        self.filter_box.setCurrentIndex(self.filter_box.findData(kind))
        self._apply_filter()

    def _apply_filter(self) -> None:
        kind: TaskFilter = self.filter_box.currentData()
        self.resource_box.setVisible(kind is TaskFilter.RESOURCE)
        accepts = predicate(
            kind,
            self.model.gantt,
            resource=self.resource_box.currentText(),
            text=self.search.text(),
        )
        if self.highlight_box.isChecked():
            if self.model.is_filtered():
                self.model.set_filter(None)
            self.model.set_highlight(accepts)
        else:
            self.model.set_highlight(None)
            self.model.set_filter(accepts)
        self.critical_action.blockSignals(True)
        self.critical_action.setChecked(kind is TaskFilter.CRITICAL)
        self.critical_action.blockSignals(False)
        self.chart.viewport().update()

    # Chart interaction.

    def _on_chart_click(self, task_id: int, modifiers: Qt.KeyboardModifier) -> None:
        index = self.model.index_of(task_id)
        if not index.isValid():
            return
        selection = self.table.selectionModel()
        flags = selection.SelectionFlag.Rows
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            flags |= selection.SelectionFlag.Toggle
        else:
            flags |= selection.SelectionFlag.ClearAndSelect
        selection.setCurrentIndex(index, flags)

    def scroll_to_selected_task(self) -> None:
        """Bring the current task's bar into view (Microsoft Project's "Scroll to task")."""
        task = self.model.task(self.table.currentIndex())
        if task is not None and task.start is not None:
            self.table.scrollTo(self.table.currentIndex())
            self.chart.scroll_to(task.start)

    # Export.

    def export_png(
        self, path: Path, first: date | None = None, last: date | None = None
    ) -> tuple[date, date]:
        """The table and chart, the chart showing `first`..`last` (default: as shown);
        returns the dates the picture shows."""
        return export_png(self, path, first, last)

    def _export_png_chosen(self) -> None:
        export_png_chosen(self)

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
            self.tr("Zoom to fit the project"), self.chart.zoom_to_fit, "Ctrl+0"
        )
        self.scroll_to_task_action = action(
            self.tr("Scroll to task"), self.scroll_to_selected_task, "Ctrl+Shift+F5"
        )
        self.expand_all_action = action(
            self.tr("Expand all tasks"), self.table.expand_all, "Ctrl+Shift+*", "expand"
        )
        self.collapse_all_action = action(
            self.tr("Show top-level tasks only"),
            lambda: self.table.collapse_to_level(1),
            "",
            "collapse",
        )
        self.critical_action = action(
            self.tr("Critical tasks only"), lambda: None, "", "critical-path"
        )
        self.critical_action.setCheckable(True)
        self.critical_action.toggled.connect(
            lambda on: self.set_filter(TaskFilter.CRITICAL if on else TaskFilter.ALL)
        )
        # Ctrl+F is the window's Find, which comes here when the Gantt is shown.
        self.find_action = action(self.tr("Find task"), self._focus_search, "", "find")
        self.export_png_action = action(
            self.tr("Export Gantt as picture…"), self._export_png_chosen, "", "export"
        )
        self.export_pdf_action = action(
            self.tr("Export Gantt as PDF…"), lambda: export_pdf_chosen(self), "", "export"
        )
        self.print_action = action(self.tr("Print Gantt…"), lambda: print_chosen(self))
        self.set_baseline_action = action(
            self.tr("Set baseline…"), lambda: set_baseline_chosen(self), "", "baseline"
        )
        self.drag_lag_action = action(self.tr("Bar drag changes the link lag"), lambda: None)
        self.drag_lag_action.setCheckable(True)
        self.drag_lag_action.setToolTip(
            self.tr(
                "Dragging a bar changes the lag of its driving predecessor link instead of "
                "setting a Start No Earlier Than constraint (Alt+drag does the other one)"
            )
        )
        self.drag_lag_action.toggled.connect(lambda on: setattr(self.drag, "lag_mode", on))

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    @staticmethod
    def zoom_levels() -> tuple[Any, ...]:
        return ZOOM_LEVELS
