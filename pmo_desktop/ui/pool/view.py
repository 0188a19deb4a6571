"""The resource pool: every person, generic role and material of the portfolio, filterable by
kind, role and department, with an editor for the selected one (rates with effective
dates, vacations, where it is assigned).

`show_portfolio` reads the pool in a worker (newest request wins); filters run in memory.
The selected resource's rate table, vacations and assignments are read by key when it is
selected. Every edit goes through `workspace.execute`, so Edit ▸ Undo reverts it.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.errors import PmoError
from pmo_desktop.models import (
    Assignment,
    Calendar,
    CalendarException,
    Entity,
    Resource,
    ResourceKind,
    ResourceRate,
)
from pmo_desktop.services.commands import Command
from pmo_desktop.services.resource_pool import (
    PoolRow,
    ResourcePool,
    delete_resource,
    load_pool,
    load_rates,
    new_resource,
    resource_assignments,
)
from pmo_desktop.services.resource_pool_calendar import (
    VacationRow,
    add_vacation,
    list_vacations,
    remove_vacation,
)
from pmo_desktop.services.resource_pool_rates import (
    add_rate,
    edit_rate,
    edit_resource_with_costs,
    remove_rate,
)
from pmo_desktop.ui.formatting import format_integer, format_long_date
from pmo_desktop.ui.list_table import make_list_table
from pmo_desktop.ui.pool.editor import ResourceEditor
from pmo_desktop.ui.pool.table import (
    Column,
    PoolFilter,
    PoolFilterProxy,
    PoolTableModel,
    kind_label,
)
from pmo_desktop.ui.workers import Job, ProgressToken
from pmo_desktop.ui.workspace import Workspace, touches

log = logging.getLogger(__name__)

_SETTINGS = "pool/"
_RELOAD_ON = (Resource, ResourceRate, Assignment, Calendar, CalendarException)


def _load(token: ProgressToken, database: Any, portfolio_id: int, as_of: date) -> ResourcePool:
    token.raise_if_cancelled()
    return load_pool(database, portfolio_id, as_of)


class ResourcePoolView(QWidget):
    """The resources of a portfolio and their editor."""

    loaded = Signal()
    #: Double-click on an assignment: (project id, task id).
    open_task = Signal(int, int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.pool: ResourcePool | None = None
        self.portfolio_id: int | None = None
        self.error = ""
        self._loaded = False
        self._request = 0
        self._job: Job | None = None
        self._select_after_load: int | None = None
        #: An edit of this view was saved: the editor shows the reloaded resource.
        self._refresh_editor = False

        self.model = PoolTableModel(self)
        self.proxy = PoolFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        for label in (self.title, self.subtitle):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label = QLabel()
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText(self.tr("Filter by code, name, role, e-mail, project…"))
        self.text_edit.setClearButtonEnabled(True)
        self.text_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 22)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("All kinds"), None)
        for kind in ResourceKind:
            self.kind_combo.addItem(kind_label(kind), kind)
        self.role_combo = QComboBox()
        self.department_combo = QComboBox()
        for combo in (self.role_combo, self.department_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.inactive_check = QCheckBox(self.tr("Show inactive"))
        self.text_edit.textChanged.connect(self.apply_filter)
        for combo in (self.kind_combo, self.role_combo, self.department_combo):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.inactive_check.toggled.connect(self.apply_filter)
        self.table = self._make_table()
        self.editor = ResourceEditor()
        self.editor.save_requested.connect(self.save_editor)
        self.editor.add_rate_requested.connect(self.add_rate)
        self.editor.remove_rate_requested.connect(self.remove_rate)
        self.editor.rate_edited.connect(self.edit_rate)
        self.editor.add_vacation_requested.connect(self.add_vacation)
        self.editor.remove_vacation_requested.connect(self.remove_vacation)
        self.editor.open_task.connect(self.open_task)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.editor)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([1000, 600])

        heading = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        heading.addLayout(titles, 1)
        heading.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        heading.addSpacing(12)
        heading.addWidget(self.text_edit, 0, Qt.AlignmentFlag.AlignBottom)
        filters = QHBoxLayout()
        for label, combo in (
            (self.tr("Kind"), self.kind_combo),
            (self.tr("Role"), self.role_combo),
            (self.tr("Department"), self.department_combo),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(combo)
            filters.addSpacing(8)
        filters.addWidget(self.inactive_check)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.setSpacing(6)
        layout.addLayout(heading)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        self._make_actions()
        self._fill_choices([])
        workspace.data_changed.connect(self._on_data_changed)
        workspace.database_changed.connect(self._on_database_changed)
        self._update_count()

    # Building.

    def _make_table(self) -> QTableView:
        table = make_list_table(
            self.proxy, self.fontMetrics().height() + 6, sort_column=Column.CODE
        )
        header = table.horizontalHeader()
        width = self.fontMetrics().horizontalAdvance
        widths = {
            Column.CODE: width("POOL-00") + 24, Column.NAME: width("Developer pool (Capgem") + 16,
            Column.KIND: width("Generic role") + 16, Column.ROLE: width("Business analyst") + 20,
            Column.DEPARTMENT: width("Prestataires") + 16,
            Column.MAX_UNITS: width("Max units") + 20,
            Column.RATE: width("Rate / h") + 30, Column.CALENDAR: width("Standard (France)") + 12,
            Column.PROJECTS: width("Projects") + 16, Column.ASSIGNMENTS: width("Assignments") + 16,
            Column.ACTIVE: width("Active") + 16,
        }  # fmt: skip
        for column, size in widths.items():
            header.resizeSection(column, size)
        table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        return table

    def _make_actions(self) -> None:
        self.new_action = QAction(self.tr("&New resource"), self)
        self.new_action.setShortcut(QKeySequence("Ctrl+Shift+N"))  # Ctrl+N: new database
        self.new_action.triggered.connect(self.new_resource)
        self.delete_action = QAction(self.tr("&Delete resource…"), self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.triggered.connect(self.delete_current)
        self.save_action = QAction(self.tr("&Save resource"), self)
        self.save_action.setShortcut(QKeySequence("Ctrl+Return"))
        self.save_action.triggered.connect(self.save_editor)
        self.filter_action = QAction(self.tr("&Filter resources"), self)
        self.filter_action.triggered.connect(self.focus_filter)
        for action in self.actions_for_menu():
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            if action is not self.save_action:  # the editor's own shortcut saves
                self.addAction(action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addActions([self.new_action, self.delete_action])
        # Del on the table only: in a text field it deletes text.
        self.removeAction(self.delete_action)
        self.table.addAction(self.delete_action)

    def actions_for_menu(self) -> list[QAction]:
        return [self.new_action, self.delete_action, self.save_action, self.filter_action]

    def focus_filter(self) -> None:
        self.text_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text_edit.selectAll()

    # The view contract.

    def is_loaded(self) -> bool:
        return self._loaded

    def show_portfolio(self, portfolio_id: int, programme_id: int | None = None) -> None:
        """Show the pool of the portfolio (a programme shares its portfolio's pool)."""
        if portfolio_id != self.portfolio_id:
            self.pool = None
            self.model.set_rows([])
            self.editor.set_row(None)
        self.portfolio_id = portfolio_id
        self._start_loading()

    def cancel_loading(self) -> None:
        if self._job is not None:
            self._job.cancel()
        self._job = None
        self._request += 1

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(_SETTINGS + "splitter", self.splitter.saveState())
        settings.setValue(_SETTINGS + "header", self.table.horizontalHeader().saveState())
        settings.setValue(_SETTINGS + "show_inactive", self.inactive_check.isChecked())

    def restore_state(self, settings: QSettings) -> None:
        for key, target in (("splitter", self.splitter), ("header", self.table.horizontalHeader())):
            value = settings.value(_SETTINGS + key)
            if isinstance(value, QByteArray):
                target.restoreState(value)
        shown = settings.value(_SETTINGS + "show_inactive", False)
        self.inactive_check.setChecked(shown in (True, "true"))

    # Loading.

    def _start_loading(self) -> None:
        self.cancel_loading()
        self._loaded = False
        self.error = ""
        if self.portfolio_id is None:
            return
        request = self._request
        workspace = self.workspace
        job = workspace.pool.submit(_load, workspace.database, self.portfolio_id, workspace.as_of)
        job.succeeded.connect(lambda result: self._on_loaded(request, result))
        job.failed.connect(lambda error: self._on_failed(request, error))
        self._job = job

    def _on_loaded(self, request: int, pool: ResourcePool) -> None:
        if request != self._request:
            return
        self._job = None
        selected = self.editor.row.id if self.editor.row is not None else None
        unsaved = self.editor.changes() if self.editor.row is not None else {}
        self.pool = pool
        self.title.setText(self.tr("Resource pool — {name}").format(name=pool.portfolio_name))
        active = sum(1 for row in pool.rows if row.active)
        self.subtitle.setText(
            self.tr("{active} active resources, {inactive} inactive · rates at {date}").format(
                active=format_integer(active),
                inactive=format_integer(len(pool.rows) - active),
                date=format_long_date(pool.as_of),
            )
        )
        self.editor.set_calendars(pool.calendars)
        self.editor.set_dates(pool.as_of)
        self._fill_choices(pool.rows)
        self.model.set_rows(pool.rows)
        self._resort()
        self.apply_filter()
        created, self._select_after_load = self._select_after_load, None
        if created is not None:
            if not self.select_resource(created):
                self.clear_filters()
                self.select_resource(created)
            self.editor.name_edit.setFocus()
            self.editor.name_edit.selectAll()
        elif (
            selected is not None
            and (self._refresh_editor or not unsaved)
            and not self.select_resource(selected)
        ):
            self.editor.set_row(None)
        self._refresh_editor = False
        self.editor.set_editable(not self.workspace.read_only)
        self.new_action.setEnabled(not self.workspace.read_only)
        self.delete_action.setEnabled(not self.workspace.read_only)
        self._loaded = True
        self.loaded.emit()

    def _on_failed(self, request: int, error: object) -> None:
        if request != self._request:
            return
        self._job = None
        self.error = str(error) if isinstance(error, PmoError) else repr(error)
        log.warning("Resource pool not loaded: %s", self.error)
        self.subtitle.setText(
            self.tr("The resources could not be read: {error}").format(error=self.error)
        )
        self._loaded = True
        self.loaded.emit()

    def _on_data_changed(self, models: set[type[Entity]] | None) -> None:
        if self.portfolio_id is not None and touches(models, *_RELOAD_ON):
            self._start_loading()

    def _on_database_changed(self) -> None:
        self.cancel_loading()
        self.portfolio_id = None
        self.pool = None
        self.model.set_rows([])
        self.editor.set_row(None)
        self._fill_choices([])
        self.title.setText("")
        self.subtitle.setText("")
        self._update_count()

    def _resort(self) -> None:
        header = self.table.horizontalHeader()
        self.proxy.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    # Filtering.

    def _fill_choices(self, rows: Any) -> None:
        for combo, values, everything in (
            (self.role_combo, {row.role for row in rows if row.role}, self.tr("All roles")),
            (self.department_combo, {row.department for row in rows if row.department},
             self.tr("All departments")),
        ):  # fmt: skip
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for value in sorted(values, key=str.casefold):
                combo.addItem(value, value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    def current_filter(self) -> PoolFilter:
        kind = self.kind_combo.currentData()
        return PoolFilter(
            text=self.text_edit.text(),
            kind=ResourceKind(kind) if kind else None,
            role=self.role_combo.currentData(),
            department=self.department_combo.currentData(),
            show_inactive=self.inactive_check.isChecked(),
        )

    def apply_filter(self) -> None:
        self.proxy.set_filter(self.current_filter())
        self._update_count()
        if not self.table.currentIndex().isValid() and self.editor.row is not None:
            self.editor.set_row(None)

    def clear_filters(self) -> None:
        for widget in (self.text_edit, self.kind_combo, self.role_combo, self.department_combo):
            widget.blockSignals(True)
        self.text_edit.clear()
        for combo in (self.kind_combo, self.role_combo, self.department_combo):
            combo.setCurrentIndex(0)
        for widget in (self.text_edit, self.kind_combo, self.role_combo, self.department_combo):
            widget.blockSignals(False)
        self.inactive_check.setChecked(True)
        self.apply_filter()

    def shown_rows(self) -> list[PoolRow]:
        """The resources the table shows, in its order."""
        return [
            self.model.row_at(self.proxy.mapToSource(self.proxy.index(row, 0)).row())
            for row in range(self.proxy.rowCount())
        ]

    def _update_count(self) -> None:
        self.count_label.setText(
            self.tr("{shown} of {total} resources").format(
                shown=format_integer(self.proxy.rowCount()),
                total=format_integer(self.model.rowCount()),
            )
        )

    # Selection.

    def select_resource(self, resource_id: int) -> bool:
        position = self.model.row_of_id(resource_id)
        if position is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(position, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        self._show_in_editor(self.model.row_at(position))
        return True

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.editor.set_row(None)
            return
        self._show_in_editor(self.model.row_at(self.proxy.mapToSource(current).row()))

    def _show_in_editor(self, row: PoolRow) -> None:
        database = self.workspace.database
        try:
            rates = load_rates(database, row.id)
            vacations = list_vacations(database, row.id)
            assigned = resource_assignments(database, row.id)
        except PmoError as exc:
            log.info("Resource %s not shown: %s", row.code, exc)
            self.editor.set_row(None)
            return
        self.editor.set_row(row, rates, vacations, assigned)
        self.editor.set_editable(not self.workspace.read_only)

    # Editing.

    def _run(self, build: Any, title: str) -> bool:
        """Build a command (a validation error is shown under `title`) and execute it."""
        try:
            command: Command | None = build()
        except PmoError as exc:
            self.workspace.dialogs.critical(self, title, str(exc))
            return False
        if command is None:
            return False
        self._refresh_editor = True
        return self.workspace.execute(command)

    def new_resource(self) -> bool:
        """Add a person to the pool and select it to edit."""
        if self.portfolio_id is None:
            return False
        portfolio_id = self.portfolio_id
        database = self.workspace.database
        holder: list[Any] = []

        def build() -> Command:
            command = new_resource(database, portfolio_id, name=self.tr("New resource"))
            holder.append(command)
            return command

        if not self._run(build, self.tr("Resource not added")):
            return False
        self._select_after_load = holder[0].entity_id
        return True

    def delete_current(self) -> bool:
        """Delete the selected resource after asking; one with assignments is refused."""
        row = self.editor.row
        if row is None:
            return False
        question = self.tr("Delete resource {code} “{name}” and its cost rates?").format(
            code=row.code, name=row.name
        )
        try:
            command = delete_resource(self.workspace.database, row)
        except PmoError as exc:
            self.workspace.dialogs.critical(self, self.tr("Resource not deleted"), str(exc))
            return False
        if not self.workspace.dialogs.question(self, self.tr("Delete resource"), question):
            return False
        self._refresh_editor = True
        return self.workspace.execute(command)

    def save_editor(self) -> bool:
        """Save what the editor changed as one undoable edit (costs follow the rates)."""
        row = self.editor.row
        changes = self.editor.changes()
        if row is None or not changes:
            return False
        database = self.workspace.database
        return self._run(
            lambda: edit_resource_with_costs(database, row, **changes), self.tr("Change not saved")
        )

    def add_rate(self, effective_from: date) -> bool:
        row = self.editor.row
        if row is None:
            return False
        database = self.workspace.database
        return self._run(lambda: add_rate(database, row, effective_from), self.tr("Rate not added"))

    def edit_rate(self, rate_id: int, field: str, value: Any) -> bool:
        row = self.editor.row
        rate = self.editor.rates_model.row_by_id(rate_id)
        if row is None or rate is None:
            return False
        if field == "effective_from" and not isinstance(value, date):
            value = date(value.year(), value.month(), value.day())
        database = self.workspace.database
        return self._run(
            lambda: edit_rate(database, row, rate, **{field: value}), self.tr("Rate not changed")
        )

    def remove_rate(self, rate: Any) -> bool:
        row = self.editor.row
        if row is None:
            return False
        database = self.workspace.database
        return self._run(lambda: remove_rate(database, row, rate), self.tr("Rate not removed"))

    def add_vacation(self, first: date, last: date, note: str) -> bool:
        row = self.editor.row
        if row is None:
            return False
        database = self.workspace.database
        name = note.strip() or self.tr("Vacation")
        return self._run(
            lambda: add_vacation(database, row.id, first, last, name),
            self.tr("Vacation not added"),
        )

    def remove_vacation(self, vacation: VacationRow) -> bool:
        return self._run(lambda: remove_vacation(vacation), self.tr("Vacation not removed"))
