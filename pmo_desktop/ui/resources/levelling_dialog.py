"""Level resources…: choose the scope and options, preview the delays in a worker (current
plan and levelled plan side by side), then apply every new date as one undoable command."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.errors import PmoError
from pmo_desktop.services.levelling import (
    LevellingOptions,
    LevellingPlan,
    LevellingScope,
    levelling_scopes,
    plan_levelling,
)
from pmo_desktop.storage.database import Database
from pmo_desktop.ui.formatting import to_qdate
from pmo_desktop.ui.resources.levelling_models import ProjectSlipsModel, TaskMovesModel
from pmo_desktop.ui.workers import Job, ProgressToken
from pmo_desktop.ui.workspace import Workspace

log = logging.getLogger(__name__)
#: Seconds the engine searches for a better levelling.
TIME_LIMIT_S = 2.0


def _plan(
    token: ProgressToken, database: Database, portfolio_id: int, options: LevellingOptions
) -> LevellingPlan:
    return plan_levelling(
        database, portfolio_id, options, progress=token, cancel=lambda: token.cancelled
    )


def _table(model: object) -> QTreeView:
    view = QTreeView()
    view.setRootIsDecorated(False)
    view.setUniformRowHeights(True)
    view.setAlternatingRowColors(True)
    view.setSortingEnabled(False)
    view.setModel(model)  # type: ignore[arg-type]
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.header().setStretchLastSection(False)
    return view


class LevellingDialog(QDialog):
    """Scope and options, Preview (in the background), Apply (one undo step)."""

    #: The preview finished (shown, failed or cancelled).
    previewed = Signal()

    def __init__(
        self,
        workspace: Workspace,
        portfolio_id: int,
        *,
        programme_id: int | None = None,
        project_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Level Resources"))
        self.workspace = workspace
        self.portfolio_id = portfolio_id
        self.plan: LevellingPlan | None = None
        self.error = ""
        self._job: Job | None = None
        self._request = 0
        programmes, projects = levelling_scopes(workspace.database, portfolio_id)

        self.scope_box = QComboBox()
        self.scope_box.addItem(self.tr("Whole portfolio"), "portfolio")
        if programmes:
            self.scope_box.addItem(self.tr("A programme"), "programme")
        self.scope_box.addItem(self.tr("A project"), "project")
        self.programme_box = QComboBox()
        for key, name in programmes:
            self.programme_box.addItem(name, key)
        self.project_box = QComboBox()
        for key, name in projects:
            self.project_box.addItem(name, key)
        self.project_box.setMinimumContentsLength(28)
        self.programme_box.setMinimumContentsLength(28)
        self.scope_box.currentIndexChanged.connect(self._on_scope)
        self.order_label = QLabel(self.tr("Priority, then total slack"))
        self.within_slack = QCheckBox(self.tr("Level within slack only (no project finish moves)"))
        self.range_check = QCheckBox(self.tr("Only tasks starting from"))
        today = to_qdate(workspace.as_of)
        self.range_start = QDateEdit(today)
        self.range_finish = QDateEdit(today.addYears(1))
        for edit in (self.range_start, self.range_finish):
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
        self.range_check.toggled.connect(self.range_start.setEnabled)
        self.range_check.toggled.connect(self.range_finish.setEnabled)

        scope_row = QHBoxLayout()
        scope_row.addWidget(self.scope_box)
        scope_row.addWidget(self.programme_box)
        scope_row.addWidget(self.project_box)
        scope_row.addStretch(1)
        range_row = QHBoxLayout()
        range_row.addWidget(self.range_check)
        range_row.addWidget(self.range_start)
        range_row.addWidget(QLabel(self.tr("to")))
        range_row.addWidget(self.range_finish)
        range_row.addStretch(1)
        options = QGroupBox(self.tr("What to level"))
        form = QFormLayout(options)
        form.addRow(self.tr("Scope:"), scope_row)
        form.addRow(self.tr("Order:"), self.order_label)
        form.addRow("", self.within_slack)
        form.addRow(self.tr("Date range:"), range_row)

        self.preview_button = QPushButton(self.tr("&Preview"))
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.preview)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(200)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.status = QLabel(self.tr("Choose what to level, then preview the delays."))
        self.status.setWordWrap(True)
        preview_row = QHBoxLayout()
        preview_row.addWidget(self.preview_button)
        preview_row.addWidget(self.busy)
        preview_row.addWidget(self.status, 1)

        self.over_label = QLabel()
        self.over_label.setWordWrap(True)
        self.tasks_model = TaskMovesModel(self)
        self.projects_model = ProjectSlipsModel(self)
        self.tasks_table = _table(self.tasks_model)
        self.projects_table = _table(self.projects_model)
        self.messages = QPlainTextEdit()
        self.messages.setReadOnly(True)
        self.messages.setMaximumHeight(90)
        self.messages.setPlaceholderText(
            self.tr("What levelling could not resolve is listed here.")
        )
        tasks_box = QWidget()
        tasks_layout = QVBoxLayout(tasks_box)
        tasks_layout.setContentsMargins(0, 0, 0, 0)
        tasks_layout.addWidget(QLabel(self.tr("Tasks delayed: current plan and levelled plan")))
        tasks_layout.addWidget(self.tasks_table, 1)
        projects_box = QWidget()
        projects_layout = QVBoxLayout(projects_box)
        projects_layout.setContentsMargins(0, 0, 0, 0)
        projects_layout.addWidget(QLabel(self.tr("Project finish")))
        projects_layout.addWidget(self.projects_table, 1)
        self.results = QSplitter(Qt.Orientation.Horizontal)
        self.results.addWidget(tasks_box)
        self.results.addWidget(projects_box)
        self.results.setStretchFactor(0, 3)
        self.results.setStretchFactor(1, 2)
        self.results.setSizes([850, 450])

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.addButton(
            self.tr("&Apply"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(options)
        layout.addLayout(preview_row)
        layout.addWidget(self.over_label)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.messages)
        layout.addWidget(self.buttons)
        self.resize(1320, 720)

        if project_id is not None and self.project_box.findData(project_id) >= 0:
            self.set_scope("project", project_id)
        elif programme_id is not None and self.programme_box.findData(programme_id) >= 0:
            self.set_scope("programme", programme_id)
        else:
            self.set_scope("portfolio")

    def set_scope(self, scope: LevellingScope, scope_id: int | None = None) -> None:
        self.scope_box.setCurrentIndex(max(0, self.scope_box.findData(scope)))
        box = {"programme": self.programme_box, "project": self.project_box}.get(scope)
        if box is not None and scope_id is not None:
            box.setCurrentIndex(max(0, box.findData(scope_id)))
        self._on_scope()

    def set_range(self, start: date | None, finish: date | None) -> None:
        self.range_check.setChecked(start is not None or finish is not None)
        if start is not None:
            self.range_start.setDate(to_qdate(start))
        if finish is not None:
            self.range_finish.setDate(to_qdate(finish))

    def options(self) -> LevellingOptions:
        scope: LevellingScope = self.scope_box.currentData()
        scope_id = None
        if scope == "programme":
            scope_id = self.programme_box.currentData()
        elif scope == "project":
            scope_id = self.project_box.currentData()
        ranged = self.range_check.isChecked()
        return LevellingOptions(
            scope=scope,
            scope_id=scope_id,
            within_slack=self.within_slack.isChecked(),
            range_start=self.range_start.date().toPython() if ranged else None,  # type: ignore[arg-type]
            range_finish=self.range_finish.date().toPython() if ranged else None,  # type: ignore[arg-type]
            time_limit_s=TIME_LIMIT_S,
        )

    def _on_scope(self) -> None:
        scope = self.scope_box.currentData()
        self.programme_box.setVisible(scope == "programme")
        self.project_box.setVisible(scope == "project")

    # Preview in the background.

    def preview(self) -> None:
        self.cancel_preview()
        self._request += 1
        request = self._request
        self.plan = None
        self.error = ""
        self.apply_button.setEnabled(False)
        self.preview_button.setEnabled(False)
        self.busy.show()
        self.status.setText(self.tr("Levelling…"))
        job = self.workspace.pool.submit(
            _plan, self.workspace.database, self.portfolio_id, self.options()
        )
        job.succeeded.connect(lambda plan: self._on_planned(request, plan))
        job.failed.connect(lambda error: self._on_failed(request, error))
        job.cancelled.connect(lambda: self._on_failed(request, None))
        self._job = job

    def cancel_preview(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self._request += 1

    def _finish(self) -> None:
        self._job = None
        self.busy.hide()
        self.preview_button.setEnabled(True)
        self.previewed.emit()

    def _on_planned(self, request: int, plan: LevellingPlan) -> None:
        if request != self._request:
            return
        self.plan = plan
        self.tasks_model.set_rows(plan.moves)
        self.projects_model.set_rows(plan.projects)
        for table, widths in ((self.tasks_table, (160, 230, 80, 80, 100, 100, 85)),
                              (self.projects_table, (165, 80, 100, 80))):  # fmt: skip
            for column, widest in enumerate(widths):
                table.resizeColumnToContents(column)
                size = table.header().sectionSize(column)
                table.header().resizeSection(column, min(size, widest))
        slipped = sum(1 for slip in plan.projects if slip.slip_days > 0)
        self.status.setText(
            self.tr("{tasks} tasks delayed; {slipped} of {projects} projects finish later.").format(
                tasks=len(plan.moves), slipped=slipped, projects=len(plan.projects)
            )
            + (
                " " + self.tr("Stopped early: the best levelling found so far.")
                if plan.cancelled
                else ""
            )
        )
        before = plan.over_allocated_resources(after=False)
        after = plan.over_allocated_resources(after=True)
        self.over_label.setText(
            self.tr(
                "Over-allocations: {before} periods on {before_resources} resources now; "
                "{after} periods on {after_resources} resources after levelling "
                "({removed} removed, {remaining} remaining)."
            ).format(
                before=len(plan.over_before),
                before_resources=len(before),
                after=len(plan.over_after),
                after_resources=len(after),
                removed=plan.removed,
                remaining=len(plan.over_after),
            )
        )
        self.messages.setPlainText("\n".join(plan.messages))
        self.apply_button.setEnabled(bool(plan.moves) and not self.workspace.read_only)
        self._finish()

    def _on_failed(self, request: int, error: object) -> None:
        if request != self._request:
            return
        if error is None:
            self.status.setText(self.tr("Preview cancelled."))
        else:
            self.error = str(error) if isinstance(error, PmoError) else repr(error)
            log.warning("Levelling preview failed: %s", self.error)
            self.status.setText(self.tr("Levelling failed: {error}").format(error=self.error))
        self._finish()

    # Apply.

    def apply(self) -> bool:
        """Write the previewed dates as one undo step; close the dialog if it worked."""
        plan = self.plan
        if plan is None or not plan.moves:
            return False
        if not self.workspace.execute(plan.command(self.tr("Level resources"))):
            return False
        self.accept()
        return True

    def done(self, result: int) -> None:
        self.cancel_preview()
        super().done(result)


def open_levelling_dialog(
    workspace: Workspace, portfolio_id: int, programme_id: int | None, parent: QWidget
) -> LevellingDialog:
    """Open the dialog window-modal; it deletes itself when closed."""
    dialog = LevellingDialog(workspace, portfolio_id, programme_id=programme_id, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
