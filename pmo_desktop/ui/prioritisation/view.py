"""Strategic prioritisation: the scoring model on the left, the ranked portfolio with the
what-if's cut-off line in the centre, the selected project's scores on the right.

`show_portfolio` reads the criteria, projects, scores and demand in a worker (newest request
wins); the ranking and the what-if then run in memory on every change of a cap, the rule or
the manual order (a few milliseconds for 200 projects). Moving a project only changes the
what-if; "Apply ranking as priorities" writes the order as project priorities (undoable),
as does every edit of the scoring model or of the scores (through `workspace.execute`).
"""

from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.errors import PmoError
from pmo_desktop.models import (
    Assignment,
    CriterionKind,
    Entity,
    Project,
    ProjectObjectiveScore,
    ProjectStatus,
    StrategicObjective,
)
from pmo_desktop.services.prioritisation import (
    PrioritisationData,
    ScoredProject,
    load_prioritisation,
    rank,
)
from pmo_desktop.services.prioritisation_whatif import (
    FitRule,
    WhatIf,
    WhatIfChange,
    compare,
    move,
    walk,
)
from pmo_desktop.ui.formatting import format_integer, format_money
from pmo_desktop.ui.prioritisation.caps import CapsBar
from pmo_desktop.ui.prioritisation.criteria import CriteriaColumn, CriteriaModel, kind_label
from pmo_desktop.ui.prioritisation.edits import PrioritisationEditsMixin
from pmo_desktop.ui.prioritisation.ranking import RankingModel, RankingTable
from pmo_desktop.ui.prioritisation.scores_editor import ScoresEditor
from pmo_desktop.ui.workers import Job, ProgressToken
from pmo_desktop.ui.workspace import Workspace, touches

log = logging.getLogger(__name__)
_SETTINGS = "prioritisation/"


def _load(
    token: ProgressToken, database: Any, portfolio_id: int, as_of: date,
    programme_id: int | None, months: int,
) -> PrioritisationData:  # fmt: skip
    token.raise_if_cancelled()
    return load_prioritisation(
        database, portfolio_id, as_of, programme_id=programme_id, months=months, progress=token
    )


class PrioritisationView(QWidget, PrioritisationEditsMixin):
    """Rank the portfolio's projects against the strategy and see what the caps fund."""

    loaded = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.data: PrioritisationData | None = None
        self.ranked: list[ScoredProject] = []
        self.what_if: WhatIf | None = None
        self.change: WhatIfChange | None = None
        #: The manual order of the what-if (project ids); empty: the score order.
        self.order: list[int] = []
        self.portfolio_id: int | None = None
        self.programme_id: int | None = None
        self.error = ""
        self._loaded = False
        self._request = 0
        self._job: Job | None = None
        self._caps_scope: tuple[int, int | None] | None = None

        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        for label in (self.title, self.subtitle):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.caps_bar = CapsBar()
        self.caps_bar.changed.connect(self.recompute)
        self.caps_bar.horizon_changed.connect(lambda _months: self._start_loading())

        self.criteria_model = CriteriaModel(self)
        self.criteria_model.edit_requested.connect(self.edit_criterion)
        self.criteria_table = self._make_criteria_table()
        self.ranking_model = RankingModel(self)
        self.ranking_table = RankingTable(self.ranking_model)
        self.ranking_table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.editor = ScoresEditor()
        self.editor.save_requested.connect(self.save_scores)

        self._make_actions()
        self.apply_button = QPushButton(self.tr("Apply ranking as priorities"))
        self.apply_button.clicked.connect(self.apply_action.trigger)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self._heading(self.tr("Scoring model")))
        left_layout.addWidget(self.criteria_table, 1)
        criteria_buttons = QHBoxLayout()
        add_button = QToolButton()
        add_button.setDefaultAction(self.add_criterion_action)
        add_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        add_button.setMenu(self.add_menu)
        remove_button = QToolButton()
        remove_button.setDefaultAction(self.remove_criterion_action)
        criteria_buttons.addWidget(add_button)
        criteria_buttons.addWidget(remove_button)
        criteria_buttons.addStretch(1)
        left_layout.addLayout(criteria_buttons)

        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        order_buttons = QHBoxLayout()
        order_buttons.addWidget(self._heading(self.tr("Ranked portfolio")))
        order_buttons.addStretch(1)
        for action in (self.move_up_action, self.move_down_action, self.reset_order_action):
            button = QToolButton()
            button.setDefaultAction(action)
            order_buttons.addWidget(button)
        order_buttons.addWidget(self.apply_button)
        centre_layout.addLayout(order_buttons)
        centre_layout.addWidget(self.ranking_table, 1)
        centre_layout.addWidget(self.summary)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.editor)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([470, 1060, 300])

        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.setSpacing(6)
        layout.addLayout(titles)
        layout.addWidget(self.caps_bar)
        layout.addWidget(self.splitter, 1)
        workspace.data_changed.connect(self._on_data_changed)
        workspace.database_changed.connect(self._on_database_changed)
        self._update_actions()

    # Building.

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def _make_criteria_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.criteria_model)
        table.setShowGrid(False)
        table.setCornerButtonEnabled(False)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(CriteriaColumn.NAME, QHeaderView.ResizeMode.Stretch)
        width = self.fontMetrics().horizontalAdvance
        for column, text in (
            (CriteriaColumn.CODE, "OBJ-00"), (CriteriaColumn.KIND, "Objective"),
            (CriteriaColumn.WEIGHT, "Weight"), (CriteriaColumn.SHARE, "100 %"),
            (CriteriaColumn.DIRECTION, "Higher"),
        ):  # fmt: skip
            header.resizeSection(column, width(text) + (36 if column == 5 else 16))
        table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        return table

    def _make_actions(self) -> None:
        self.move_up_action = QAction(self.tr("Move &up"), self)
        self.move_up_action.setShortcut(QKeySequence("Alt+Up"))
        self.move_up_action.setToolTip(self.tr("Move the project up in the what-if (Alt+Up)"))
        self.move_up_action.triggered.connect(lambda: self.move_current(-1))
        self.move_down_action = QAction(self.tr("Move &down"), self)
        self.move_down_action.setShortcut(QKeySequence("Alt+Down"))
        self.move_down_action.setToolTip(self.tr("Move the project down in the what-if (Alt+Down)"))
        self.move_down_action.triggered.connect(lambda: self.move_current(+1))
        self.reset_order_action = QAction(self.tr("&Reset to score order"), self)
        self.reset_order_action.triggered.connect(self.reset_order)
        self.apply_action = QAction(self.tr("&Apply ranking as priorities…"), self)
        self.apply_action.triggered.connect(self.apply_ranking)
        self.add_criterion_action = QAction(self.tr("Add &criterion"), self)
        self.add_criterion_action.triggered.connect(lambda: self.add_criterion())
        self.add_menu = QMenu(self)
        for kind in CriterionKind:
            action = self.add_menu.addAction(kind_label(kind))
            action.triggered.connect(lambda _=False, kind=kind: self.add_criterion(kind))
        self.remove_criterion_action = QAction(self.tr("&Remove criterion…"), self)
        self.remove_criterion_action.triggered.connect(self.remove_current_criterion)
        for action in self.actions_for_menu():
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

    def actions_for_menu(self) -> list[QAction]:
        return [
            self.move_up_action, self.move_down_action, self.reset_order_action,
            self.apply_action, self.add_criterion_action, self.remove_criterion_action,
        ]  # fmt: skip

    # The view contract.

    def is_loaded(self) -> bool:
        return self._loaded

    def show_portfolio(self, portfolio_id: int, programme_id: int | None = None) -> None:
        """Rank the projects of the portfolio, or of one programme."""
        if (portfolio_id, programme_id) != (self.portfolio_id, self.programme_id):
            self.data = None
            self.order = []
            self._set_data_views()
        self.portfolio_id, self.programme_id = portfolio_id, programme_id
        self._start_loading()

    def cancel_loading(self) -> None:
        if self._job is not None:
            self._job.cancel()
        self._job = None
        self._request += 1

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(_SETTINGS + "splitter", self.splitter.saveState())
        settings.setValue(_SETTINGS + "rule", self.caps_bar.rule().value)
        settings.setValue(_SETTINGS + "horizon", self.caps_bar.horizon())

    def restore_state(self, settings: QSettings) -> None:
        value = settings.value(_SETTINGS + "splitter")
        if isinstance(value, QByteArray):
            self.splitter.restoreState(value)
        rule = settings.value(_SETTINGS + "rule")
        if rule in ("greedy", "strict"):
            self.caps_bar.set_rule(FitRule(str(rule)))
        horizon = settings.value(_SETTINGS + "horizon")
        if horizon is not None:
            self.caps_bar.horizon_spin.setValue(int(horizon))
            self.caps_bar._horizon = int(horizon)

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
            _load, workspace.database, self.portfolio_id, workspace.as_of, self.programme_id,
            self.caps_bar.horizon(),
        )  # fmt: skip
        job.succeeded.connect(lambda result: self._on_loaded(request, result))
        job.failed.connect(lambda error: self._on_failed(request, error))
        self._job = job

    def _on_loaded(self, request: int, data: PrioritisationData) -> None:
        if request != self._request:
            return
        self._job = None
        self.data = data
        self.title.setText(
            self.tr("Strategic prioritisation — {name}").format(name=data.scope_name)
        )
        first, following = data.horizon
        self.subtitle.setText(
            self.tr(
                "{count} projects to choose between (proposed, active, on hold) · "
                "{criteria} criteria · demand from {first} to {last}"
            ).format(
                count=format_integer(len(data.candidates)), criteria=len(data.criteria),
                first=first.strftime("%m/%Y"), last=date.fromordinal(following.toordinal() - 1)
                .strftime("%m/%Y"),
            )
        )  # fmt: skip
        self.caps_bar.set_currency(data.currency)
        self.caps_bar.set_roles(data.roles)
        scope = (data.portfolio_id, data.programme_id)
        if self._caps_scope != scope:
            self._caps_scope = scope
            committed = sum(c.budget for c in data.candidates if c.status is ProjectStatus.ACTIVE)
            self.caps_bar.set_values(committed, sum(data.capacity_by_role.values()))
        self._set_data_views()
        self._loaded = True
        self.loaded.emit()

    def _on_failed(self, request: int, error: object) -> None:
        if request != self._request:
            return
        self._job = None
        self.error = str(error) if isinstance(error, PmoError) else repr(error)
        log.warning("Prioritisation not loaded: %s", self.error)
        self.subtitle.setText(
            self.tr("The projects could not be read: {error}").format(error=self.error)
        )
        self._loaded = True
        self.loaded.emit()

    def _on_data_changed(self, models: set[type[Entity]] | None) -> None:
        if self.portfolio_id is not None and touches(
            models, StrategicObjective, ProjectObjectiveScore, Project, Assignment
        ):
            self._start_loading()

    def _on_database_changed(self) -> None:
        self.cancel_loading()
        self.portfolio_id = self.programme_id = None
        self.data = None
        self.order = []
        self._caps_scope = None
        self.title.setText("")
        self.subtitle.setText("")
        self._set_data_views()

    def _set_data_views(self) -> None:
        criteria = self.data.criteria if self.data is not None else []
        self.criteria_model.editable = not self.workspace.read_only
        self.criteria_model.set_criteria(criteria)
        self.recompute()

    # The what-if.

    def recompute(self) -> None:
        """Rank, walk the caps in the score order and in the manual order, show both."""
        selected = self.current_project_id()
        data = self.data
        if data is None:
            self.ranked, self.what_if, self.change = [], None, None
            self.ranking_model.set_what_if(None, "EUR", {})
            self.editor.set_project(None, [])
            self._show_summary()
            self._update_actions()
            return
        caps, rule = self.caps_bar.caps(), self.caps_bar.rule()
        self.ranked = rank(data.criteria, data.candidates)
        base = walk(self.ranked, caps, rule)
        self.what_if = walk(self.ranked, caps, rule, self.order) if self.order else base
        self.change = compare(base, self.what_if)
        names = {c.id: f"{c.code} · {c.name}" for c in data.criteria}
        self.ranking_model.set_what_if(self.what_if, data.currency, names)
        if selected is None or not self.select_project(selected):
            self.editor.set_project(None, data.criteria, data.currency)
        self._show_summary()
        self._update_actions()

    def _money(self, amount: float) -> str:
        currency = self.data.currency if self.data is not None else "EUR"
        return format_money(Decimal(round(amount)), currency)

    def _show_summary(self) -> None:
        what_if = self.what_if
        if what_if is None:
            self.summary.setText("")
            return
        caps = what_if.caps
        parts = [
            self.tr("<b>{funded} of {total} projects fit</b>").format(
                funded=len(what_if.funded), total=len(what_if.rows)
            ),
            self.tr("budget {used} of {cap}").format(
                used=self._money(what_if.budget_used),
                cap=self._money(caps.budget) if caps.budget is not None else self.tr("no cap"),
            ),
            self.tr("capacity {used} h of {cap}").format(
                used=format_integer(round(what_if.hours_used)),
                cap=self.tr("{hours} h").format(hours=format_integer(round(caps.hours)))
                if caps.hours is not None
                else self.tr("no cap"),
            ),
        ]
        if what_if.cut_off is not None:
            parts.append(
                self.tr("cut-off above #{rank} ({code})").format(
                    rank=what_if.cut_off + 1,
                    code=what_if.rows[what_if.cut_off].project.candidate.code,
                )
            )
        text = " · ".join(parts)
        change = self.change
        if self.order and change is not None:
            moved = sum(1 for row in what_if.rows if row.moved)
            if change.is_empty:
                detail = self.tr("the funded set is the same")
            else:
                entering = ", ".join(p.candidate.code for p in change.entering) or "—"
                leaving = ", ".join(p.candidate.code for p in change.leaving) or "—"
                detail = self.tr(
                    "entering: {entering} · leaving: {leaving} · budget {budget} · "
                    "capacity {hours} h"
                ).format(
                    entering=entering, leaving=leaving,
                    budget=("+" if change.budget_delta >= 0 else "−")
                    + self._money(abs(change.budget_delta)),
                    hours=("+" if change.hours_delta >= 0 else "−")
                    + format_integer(round(abs(change.hours_delta))),
                )  # fmt: skip
            text += "<br>" + self.tr(
                "<b>Manual order</b> ({moved} projects moved) against the score order: {detail}"
            ).format(moved=moved, detail=detail)
        self.summary.setText(text)

    def current_project_id(self) -> int | None:
        index = self.ranking_table.currentIndex()
        if not index.isValid() or index.row() >= self.ranking_model.rowCount():
            return None
        return self.ranking_model.row_at(index.row()).project.id

    def select_project(self, project_id: int) -> bool:
        position = self.ranking_model.position_of(project_id)
        if position is None:
            return False
        index = self.ranking_model.index(position, 0)
        self.ranking_table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.ranking_table.scrollTo(index)
        self._show_in_editor(position)
        return True

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_in_editor(current.row() if current.isValid() else None)
        self._update_actions()

    def _show_in_editor(self, row: int | None) -> None:
        data = self.data
        if data is None or row is None or row >= self.ranking_model.rowCount():
            self.editor.set_project(None, data.criteria if data else [])
            return
        self.editor.set_project(
            self.ranking_model.row_at(row).project, data.criteria, data.currency
        )

    def move_current(self, offset: int) -> bool:
        """Move the selected project up (< 0) or down in the what-if only."""
        project_id = self.current_project_id()
        if project_id is None or self.what_if is None:
            return False
        order = move(self.what_if.order, project_id, offset)
        if order == self.what_if.order:
            return False
        self.order = [] if order == [p.id for p in self.ranked] else order
        self.recompute()
        self.select_project(project_id)
        return True

    def reset_order(self) -> None:
        self.order = []
        self.recompute()

    def _update_actions(self) -> None:
        writable = not self.workspace.read_only and self.data is not None
        position = self.ranking_table.currentIndex().row()
        count = self.ranking_model.rowCount()
        self.move_up_action.setEnabled(position > 0)
        self.move_down_action.setEnabled(0 <= position < count - 1)
        self.reset_order_action.setEnabled(bool(self.order))
        self.apply_action.setEnabled(writable and count > 0)
        self.apply_button.setEnabled(writable and count > 0)
        self.add_criterion_action.setEnabled(writable)
        self.add_menu.setEnabled(writable)
        self.remove_criterion_action.setEnabled(
            writable and self.criteria_table.currentIndex().isValid()
        )
