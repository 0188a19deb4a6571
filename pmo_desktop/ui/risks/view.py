"""The risk register: filter bar, sortable table, inherent and residual heat maps, editor.

`show_portfolio` reads the scope's risks in a worker (newest request wins); every filter
change then runs in memory: the service's `RiskFilter` picks the risk ids the table keeps
and the heat maps count the same rows, so a cell's count is the number of rows a click on it
leaves in the table. Saving the editor goes through `workspace.execute` (undoable).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.errors import PmoError
from pmo_desktop.models import Entity, Risk, RiskAction, RiskAssessment, RiskTaskLink
from pmo_desktop.services.risk_register import (
    RiskFilter,
    RiskRegister,
    RiskRow,
    add_action,
    delete_risk,
    edit_risk,
    heat_counts,
    load_register,
    new_risk,
    with_texts,
)
from pmo_desktop.services.risks import assessed
from pmo_desktop.ui.formatting import format_integer, format_long_date
from pmo_desktop.ui.list_table import make_list_table
from pmo_desktop.ui.risks.editor import RiskEditor
from pmo_desktop.ui.risks.filters import RiskFilterBar
from pmo_desktop.ui.risks.heatmap import HeatMap
from pmo_desktop.ui.risks.risk_edits import RiskEditsMixin
from pmo_desktop.ui.risks.table import Column, RiskFilterProxy, RiskTableModel
from pmo_desktop.ui.status_bar import current_user
from pmo_desktop.ui.workers import Job, ProgressToken
from pmo_desktop.ui.workspace import Workspace, touches

log = logging.getLogger(__name__)

_SETTINGS = "risks/"


def _load(
    token: ProgressToken, database: Any, portfolio_id: int, as_of: date,
    programme_id: int | None, project_id: int | None,
) -> RiskRegister:  # fmt: skip
    token.raise_if_cancelled()
    return load_register(
        database, portfolio_id, as_of, programme_id=programme_id, project_id=project_id
    )


def _listed(row: RiskRow) -> RiskRow:
    """`row` as the register lists it, without what `with_texts` adds."""
    return replace(row, cause="", effect="", response_plan="", actions=(), texts_loaded=False)


class RiskRegisterView(QWidget, RiskEditsMixin):
    """The risks of a portfolio, programme or project."""

    loaded = Signal()
    #: Open a task in its project's Gantt: project id, task id (a linked task double-clicked).
    open_task = Signal(int, int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.register: RiskRegister | None = None
        self.portfolio_id: int | None = None
        self.programme_id: int | None = None
        self.project_id: int | None = None
        self.error = ""
        self._loaded = False
        self._request = 0
        self._job: Job | None = None
        self._cell: tuple[bool, int, int] | None = None
        #: A risk just created: selected (filters cleared if they hide it) once read.
        self._select_after_load: int | None = None

        self.model = RiskTableModel(self)
        self.proxy = RiskFilterProxy(self)
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
        self.filters = RiskFilterBar()
        self.filters.changed.connect(self.apply_filter)
        self.table = self._make_table()
        self.inherent_map = HeatMap(self.tr("Inherent"))
        self.residual_map = HeatMap(self.tr("Residual"))
        self.inherent_map.cell_clicked.connect(lambda p, i: self.toggle_cell(False, p, i))
        self.residual_map.cell_clicked.connect(lambda p, i: self.toggle_cell(True, p, i))
        self.editor = RiskEditor()
        self.editor.save_requested.connect(self.save_editor)
        self.editor.add_action_requested.connect(self.add_action)
        self.editor.links_panel.add_requested.connect(self.link_task)
        self.editor.links_panel.remove_requested.connect(self.unlink_task)
        self.editor.links_panel.open_requested.connect(self.open_task)
        #: Who assessments are recorded by (the main window may set the preferences' name).
        self.user_name = current_user()

        maps = QWidget()
        maps_layout = QHBoxLayout(maps)
        maps_layout.setContentsMargins(0, 0, 0, 0)
        maps_layout.addWidget(self.inherent_map)
        maps_layout.addWidget(self.residual_map)
        self.side = QSplitter(Qt.Orientation.Vertical)
        self.side.addWidget(maps)
        self.side.addWidget(self.editor)
        self.side.setChildrenCollapsible(False)
        self.side.setStretchFactor(0, 2)
        self.side.setStretchFactor(1, 3)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.side)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([960, 640])
        self.side.setSizes([300, 600])

        heading = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        heading.addLayout(titles, 1)
        heading.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        heading.addSpacing(12)
        heading.addWidget(self.filters.text_edit, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.setSpacing(6)
        layout.addLayout(heading)
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter, 1)
        self._make_actions()
        self._add_context_menu()
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
            Column.CODE: width("R-PRJ-000-00") + 16, Column.TITLE: width("M") * 18,
            Column.PROJECT: width("PRJ-000") + 24, Column.CATEGORY: width("Commercial") + 16,
            Column.OWNER: width("Chloé Durand") + 16, Column.LEVEL: width("Programme") + 16,
            Column.TREND: width("Trend") + 18, Column.PROBABILITY: width("P") + 24,
            Column.IMPACT: width("I") + 24, Column.SCORE: width("Score") + 22,
            Column.RESIDUAL: width("Residual") + 20, Column.RESPONSE: width("Transfer") + 16,
            Column.PROXIMITY: width("30/12/2026") + 16, Column.REVIEW: width("30/12/2026") + 16,
            Column.STATUS: width("Occurred") + 16,
        }  # fmt: skip
        for column, size in widths.items():
            header.resizeSection(column, size)
        table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        return table

    def _make_actions(self) -> None:
        self.filter_action = QAction(self.tr("&Filter risks"), self)
        # Ctrl+F is the window's: it reaches this filter when the register is shown.
        self.filter_action.triggered.connect(self._focus_filter)
        self.clear_filters_action = QAction(self.tr("&Clear risk filters"), self)
        self.clear_filters_action.triggered.connect(self.clear_filters)
        self.new_action = QAction(self.tr("&New risk"), self)
        self.new_action.setShortcut(QKeySequence("Ctrl+Shift+N"))  # Ctrl+N: new database
        self.new_action.triggered.connect(self.new_risk)
        self.delete_action = QAction(self.tr("&Delete risk…"), self)
        self.delete_action.triggered.connect(self.delete_current)
        self.escalate_action = QAction(self.tr("&Escalate risk…"), self)
        self.escalate_action.setShortcut(QKeySequence("Ctrl+Shift+Up"))  # raise it
        self.escalate_action.triggered.connect(lambda: self.escalate_current())
        self.de_escalate_action = QAction(self.tr("De-escalate to its &project"), self)
        self.de_escalate_action.triggered.connect(lambda: self.de_escalate_current())
        self._update_escalation_actions()
        for action in self.actions_for_menu():
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

    def _add_context_menu(self) -> None:
        """New, delete and escalation on the table's right-click menu, as in the Risks menu."""
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addActions(
            [self.new_action, self.delete_action, self.escalate_action, self.de_escalate_action]
        )

    def focus_filter(self) -> None:
        """Ctrl+F on the register: the filter bar's text box."""
        self.filter_action.trigger()

    def actions_for_menu(self) -> list[QAction]:
        return [
            self.new_action, self.delete_action, self.escalate_action, self.de_escalate_action,
            self.filter_action, self.clear_filters_action,
        ]  # fmt: skip

    # The view contract.

    def is_loaded(self) -> bool:
        return self._loaded

    def show_portfolio(self, portfolio_id: int, programme_id: int | None = None) -> None:
        """Show the risks of the portfolio, or of one programme's projects."""
        self._show(portfolio_id, programme_id, None)

    def show_project(self, portfolio_id: int, project_id: int) -> None:
        """Show the risks of one project."""
        self._show(portfolio_id, None, project_id)

    def _show(self, portfolio_id: int, programme_id: int | None, project_id: int | None) -> None:
        scope = (portfolio_id, programme_id, project_id)
        if scope != (self.portfolio_id, self.programme_id, self.project_id):
            self.register = None
            self._cell = None
            self.model.set_rows([])
            self.editor.set_row(None)
        self.portfolio_id, self.programme_id, self.project_id = scope
        self.new_action.setEnabled(programme_id is None)
        self._start_loading()

    def cancel_loading(self) -> None:
        if self._job is not None:
            self._job.cancel()
        self._job = None
        self._request += 1

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(_SETTINGS + "splitter", self.splitter.saveState())
        settings.setValue(_SETTINGS + "side", self.side.saveState())
        settings.setValue(_SETTINGS + "header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        header = self.table.horizontalHeader()
        for key, target in (("splitter", self.splitter), ("side", self.side), ("header", header)):
            value = settings.value(_SETTINGS + key)
            if isinstance(value, QByteArray):
                target.restoreState(value)

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
            _load, workspace.database, self.portfolio_id, workspace.as_of,
            self.programme_id, self.project_id,
        )  # fmt: skip
        job.succeeded.connect(lambda result: self._on_loaded(request, result))
        job.failed.connect(lambda error: self._on_failed(request, error))
        self._job = job

    def _on_loaded(self, request: int, register: RiskRegister) -> None:
        if request != self._request:
            return
        self._job = None
        selected = self.current_risk_id()
        self.register = register
        self.title.setText(self.tr("Risk register — {name}").format(name=register.scope_name))
        self.subtitle.setText(
            self.tr("{count} risks · reviews due before {date} are overdue").format(
                count=format_integer(len(register.rows)), date=format_long_date(register.as_of)
            )
        )
        self.filters.fill_choices(register.rows)
        self._apply_filter(new_rows=True)
        created, self._select_after_load = self._select_after_load, None
        if created is not None:
            if not self.select_risk(created):
                self.clear_filters()
                self.select_risk(created)
            self.editor.title_edit.setFocus()
            self.editor.title_edit.selectAll()
        elif selected is not None and not self.select_risk(selected, refresh=True):
            self.editor.set_row(None)
        self._loaded = True
        self.loaded.emit()

    def _on_failed(self, request: int, error: object) -> None:
        if request != self._request:
            return
        self._job = None
        self.error = str(error) if isinstance(error, PmoError) else repr(error)
        log.warning("Risk register not loaded: %s", self.error)
        self.subtitle.setText(
            self.tr("The risks could not be read: {error}").format(error=self.error)
        )
        self._loaded = True
        self.loaded.emit()

    def _on_data_changed(self, models: set[type[Entity]] | None) -> None:
        if self.portfolio_id is not None and touches(
            models, Risk, RiskAction, RiskAssessment, RiskTaskLink
        ):
            self._start_loading()

    def _on_database_changed(self) -> None:
        self.cancel_loading()
        self.portfolio_id = self.programme_id = self.project_id = None
        self.register = None
        self._cell = None
        self.model.set_rows([])
        self.editor.set_row(None)
        self.filters.fill_choices([])
        self.title.setText("")
        self.subtitle.setText("")
        self.apply_filter()

    # Filtering.

    def current_filter(self) -> RiskFilter:
        """The filter bar's choices, with the picked heat-map cell."""
        return self.filters.risk_filter(self.workspace.as_of, self._cell)

    def apply_filter(self) -> None:
        """Narrow the table and recount both heat maps (all in memory)."""
        self._apply_filter()

    def _apply_filter(self, *, new_rows: bool = False) -> None:
        """`new_rows`: the register was (re)read; the table takes its rows and the filter
        in one reset (a reset, then a filter change, would filter 5,000 rows twice)."""
        risk_filter = self.current_filter()
        rows = self.register.rows if self.register is not None else ()
        base = risk_filter.without_cell()
        kept = [row for row in rows if base.matches(row)]
        self.inherent_map.set_counts(heat_counts(kept))
        self.residual_map.set_counts(heat_counts(kept, residual=True))
        if risk_filter.cell is not None:
            kept = [row for row in kept if risk_filter.matches(row)]
        accepted = frozenset(row.id for row in kept)
        if new_rows:
            self.proxy.set_accepted(accepted, reset=False)
            self.model.set_rows(rows)
        else:
            self.proxy.set_accepted(accepted)
        cell = self._cell
        self.inherent_map.set_selected(cell[1:] if cell and not cell[0] else None)
        self.residual_map.set_selected(cell[1:] if cell and cell[0] else None)
        self.filters.show_cell(cell)
        self._update_count()
        current = self.table.currentIndex()
        if not current.isValid() and self.editor.row is not None:
            self.editor.set_row(None)

    def toggle_cell(self, residual: bool, probability: int, impact: int) -> None:
        """Keep only the risks of this heat-map cell; the same cell again clears it."""
        cell = (residual, probability, impact)
        self._cell = None if self._cell == cell else cell
        self.apply_filter()

    def clear_filters(self) -> None:
        self._cell = None
        self.filters.clear()

    def shown_rows(self) -> list[RiskRow]:
        """The risks the table shows, in its order."""
        return [
            self.model.row_at(self.proxy.mapToSource(self.proxy.index(row, 0)).row())
            for row in range(self.proxy.rowCount())
        ]

    def _update_count(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        self.count_label.setText(
            self.tr("{shown} of {total} risks").format(
                shown=format_integer(shown), total=format_integer(total)
            )
        )

    def _focus_filter(self) -> None:
        self.filters.text_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.text_edit.selectAll()

    # Selection and editing.

    def current_risk_id(self) -> int | None:
        row = self.editor.row
        return None if row is None else row.id

    def select_risk(self, risk_id: int, *, refresh: bool = False) -> bool:
        """Make `risk_id` the current row if the filter shows it; `refresh` reads its texts
        and actions again (after a reload) unless the user is editing it."""
        position = self.model.position_of(risk_id)
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
        self._show_in_editor(self.model.row_at(position), refresh=refresh)
        return True

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.editor.set_row(None)
            self._update_escalation_actions()
            return
        self._show_in_editor(self.model.row_at(self.proxy.mapToSource(current).row()))

    def _show_in_editor(self, row: RiskRow, *, refresh: bool = False) -> None:
        shown = self.editor.row
        same = shown is not None and _listed(shown) == row
        if same and (not refresh or self.editor.changes()):
            return
        self.editor.as_of = self.workspace.as_of
        database = self.workspace.database
        try:
            self.editor.set_row(with_texts(database, row))
            self.show_details(row)
        except PmoError as exc:
            log.info("Risk %s not shown: %s", row.code, exc)
            self.editor.set_row(None)
        self._update_escalation_actions()

    def new_risk(self) -> bool:
        """Add an open risk to the portfolio (or the project shown) and select it to edit.

        A programme's register lists its projects' risks only: a new risk there would be a
        portfolio-level risk the register does not show, so the action is off."""
        if self.portfolio_id is None or self.programme_id is not None:
            return False
        try:
            command = new_risk(
                self.workspace.database, self.portfolio_id, self.tr("New risk"),
                project_id=self.project_id, raised_on=self.workspace.as_of,
            )  # fmt: skip
        except PmoError as exc:
            self.workspace.dialogs.critical(self, self.tr("Risk not added"), str(exc))
            return False
        if not self.workspace.execute(assessed(command, self.workspace.as_of, self.user_name)):
            return False
        self._select_after_load = command.entity_id
        return True

    def delete_current(self) -> bool:
        """Delete the selected risk and its actions after asking (undoable)."""
        row = self.editor.row
        if row is None:
            return False
        question = self.tr("Delete risk {code} “{title}” and its actions?").format(
            code=row.code, title=row.title
        )
        if not self.workspace.dialogs.question(self, self.tr("Delete risk"), question):
            return False
        return self.workspace.execute(delete_risk(row))

    def add_action(self, description: str, owner: str, due_date: date | None) -> bool:
        """Add a mitigation action to the risk the editor shows (undoable)."""
        row = self.editor.row
        if row is None:
            return False
        try:
            command = add_action(row, description, owner, due_date)
        except PmoError as exc:
            self.workspace.dialogs.critical(self, self.tr("Action not added"), str(exc))
            return False
        if not self.workspace.execute(command):
            return False
        self.editor.clear_new_action()
        return True

    def save_editor(self) -> bool:
        """Save what the editor changed as one undoable edit; False if nothing was saved."""
        row = self.editor.row
        changes = self.editor.changes()
        if row is None or not changes:
            return False
        try:
            command = edit_risk(row, today=self.workspace.as_of, **changes)
        except PmoError as exc:
            self.workspace.dialogs.critical(self, self.tr("Change not saved"), str(exc))
            return False
        if not command.after:
            return False
        return self.workspace.execute(assessed(command, self.workspace.as_of, self.user_name))
