"""The project view: one project's properties, status reports, baselines and cost lines.

`show_project` returns at once: the project's detail is read in the workspace's worker pool
and shown when it arrives (a newer request supersedes an older one still running), then
`loaded` is emitted. Every edit becomes a domain command run by `Workspace.execute`, so it
lands on the undo stack; the command names the row versions the user saw, so another user's
change in between shows the conflict and reloads instead of overwriting it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal
from html import escape
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from pmo_desktop.errors import NotFoundError, PmoError
from pmo_desktop.models import (
    Baseline,
    BaselineTask,
    CostLine,
    Portfolio,
    Programme,
    Project,
    ProjectObjectiveScore,
    StatusReport,
    StrategicObjective,
    Task,
)
from pmo_desktop.services import baselines as baseline_commands
from pmo_desktop.services import project_edits
from pmo_desktop.services.commands import Command, CreateRow, UpdateFields
from pmo_desktop.services.dashboard import RagThresholds
from pmo_desktop.services.projects import ProjectDetail, project_detail
from pmo_desktop.storage.database import Database
from pmo_desktop.ui.formatting import (
    format_date,
    format_money,
    method_label,
    rag_label,
    status_label,
)
from pmo_desktop.ui.itemmodels.baselines import baseline_title
from pmo_desktop.ui.itemmodels.status_reports import period_label
from pmo_desktop.ui.project_view.baselines_page import BaselinesPage
from pmo_desktop.ui.project_view.costs_page import CostsPage
from pmo_desktop.ui.project_view.properties import PropertiesPage
from pmo_desktop.ui.project_view.status_page import StatusReportsPage
from pmo_desktop.ui.rag import RAG_COLOURS
from pmo_desktop.ui.workers import ProgressToken
from pmo_desktop.ui.workspace import Workspace, touches

#: What the view shows: a change to any of these reloads it.
_SHOWN = (
    Project,
    Programme,
    Portfolio,
    StrategicObjective,
    ProjectObjectiveScore,
    StatusReport,
    Baseline,
    BaselineTask,
    CostLine,
    Task,
)
_SETTINGS = "projectView/"


def load_detail(token: ProgressToken, database: Database, project_id: int) -> ProjectDetail:
    """Worker side of `show_project`: one short read session."""
    token.raise_if_cancelled()
    return project_detail(database, project_id)


class ProjectView(QWidget):
    """Tabs "Properties", "Status reports", "Baselines" and "Costs" of one project."""

    loaded = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._project_id: int | None = None
        self._detail: ProjectDetail | None = None
        self._loaded = False
        self._serial = 0
        self._job: Any = None
        self._select_after_load: tuple[str, int] | None = None

        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel()
        self.subtitle.setTextFormat(Qt.TextFormat.RichText)
        self.subtitle.setWordWrap(True)

        self.properties_page = PropertiesPage()
        self.status_page = StatusReportsPage()
        self.baselines_page = BaselinesPage()
        self.costs_page = CostsPage()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.properties_page, self.tr("Properties"))
        self.tabs.addTab(self.status_page, self.tr("Status reports"))
        self.tabs.addTab(self.baselines_page, self.tr("Baselines"))
        self.tabs.addTab(self.costs_page, self.tr("Costs"))

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(10, 8, 10, 0)
        content_layout.setSpacing(4)
        content_layout.addWidget(self.title)
        content_layout.addWidget(self.subtitle)
        content_layout.addSpacing(6)
        content_layout.addWidget(self.tabs, 1)
        self.message = QLabel(self.tr("Choose a project in the navigation tree."))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.properties_page.property_edited.connect(self._edit_properties)
        self.properties_page.score_edited.connect(self._edit_score)
        self.status_page.report_edited.connect(self._edit_report)
        self.status_page.new_requested.connect(self.new_status_report)
        self.status_page.delete_requested.connect(self._delete_report)
        self.baselines_page.set_requested.connect(self._set_baseline)
        self.baselines_page.clear_requested.connect(self._clear_baseline)
        self.baselines_page.model.edit_requested.connect(self._edit_baseline)
        self.costs_page.line_edited.connect(self._edit_cost_line)
        self.costs_page.add_requested.connect(self._add_cost_line)
        self.costs_page.delete_requested.connect(self._delete_cost_line)
        workspace.data_changed.connect(self._on_data_changed)
        workspace.database_changed.connect(self._on_database_changed)
        self._make_actions()

    # The view contract.

    def is_loaded(self) -> bool:
        return self._loaded

    @property
    def project_id(self) -> int | None:
        return self._project_id

    @property
    def detail(self) -> ProjectDetail | None:
        return self._detail

    def show_project(self, project_id: int) -> None:
        """Show the project; its data arrives from the worker pool, then `loaded`."""
        if project_id != self._project_id:
            self.status_page.commit_pending()
            self._project_id = project_id
        self._reload()

    def set_thresholds(self, thresholds: RagThresholds | Any) -> None:
        """The RAG thresholds in force (Preferences), written beside the RAG pickers.

        Any object with the fields of `services.dashboard.RagThresholds` will do.
        """
        self.status_page.set_thresholds(thresholds)

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(_SETTINGS + "tab", self.tabs.currentIndex())
        settings.setValue(_SETTINGS + "statusSplitter", self.status_page.splitter.saveState())
        settings.setValue(
            _SETTINGS + "statusHeader", self.status_page.table.horizontalHeader().saveState()
        )

    def restore_state(self, settings: QSettings) -> None:
        tab = settings.value(_SETTINGS + "tab")
        if tab is not None:
            self.tabs.setCurrentIndex(int(tab))
        splitter = settings.value(_SETTINGS + "statusSplitter")
        if isinstance(splitter, QByteArray):
            self.status_page.restore_splitter(splitter)
        header = settings.value(_SETTINGS + "statusHeader")
        if isinstance(header, QByteArray):
            self.status_page.table.horizontalHeader().restoreState(header)

    def actions_for_menu(self) -> list[QAction]:
        return [
            self.new_report_action,
            self.delete_report_action,
            self.set_baseline_action,
            self.add_cost_line_action,
        ]

    # Loading.

    def _reload(self) -> None:
        if self._project_id is None:
            return
        self._serial += 1
        serial = self._serial
        self._loaded = False
        if self._job is not None:
            self._job.cancel()
        job = self.workspace.pool.submit(load_detail, self.workspace.database, self._project_id)
        job.succeeded.connect(lambda detail, s=serial: self._on_loaded(s, detail))
        job.failed.connect(lambda error, s=serial: self._on_failed(s, error))
        self._job = job

    def _on_loaded(self, serial: int, detail: ProjectDetail) -> None:
        if serial != self._serial:
            return
        self._job = None
        self._detail = detail
        self._show_detail()
        self._loaded = True
        self.loaded.emit()

    def _on_failed(self, serial: int, error: object) -> None:
        if serial != self._serial:
            return
        self._job = None
        self._detail = None
        if isinstance(error, NotFoundError):
            text = self.tr("This project no longer exists: someone may have deleted it.")
        else:
            text = self.tr("The project could not be read: {error}").format(error=error)
        self.message.setText(text)
        self.stack.setCurrentIndex(0)
        self._loaded = True
        self.loaded.emit()

    def _show_detail(self) -> None:
        detail = self._detail
        assert detail is not None
        properties = detail.properties
        read_only = self.workspace.read_only
        self.title.setText(f"{properties.code}  {properties.name}")
        self.subtitle.setText(self._subtitle(detail))
        self.properties_page.set_detail(detail)
        self.properties_page.set_read_only(read_only)
        budget = sum((line.budget for line in detail.cost_lines), Decimal(0))
        forecast = sum((line.forecast for line in detail.cost_lines), Decimal(0))
        self.status_page.set_reports(detail.status_reports, budget, forecast)
        self.status_page.set_read_only(read_only)
        self.baselines_page.set_baselines(detail.baselines, detail.task_count)
        self.baselines_page.set_read_only(read_only)
        self.costs_page.set_lines(detail.cost_lines, properties.currency, self.workspace.as_of)
        self.costs_page.set_read_only(read_only)
        for action in (
            self.new_report_action,
            self.delete_report_action,
            self.set_baseline_action,
            self.add_cost_line_action,
        ):
            action.setEnabled(not read_only)
        if self._select_after_load is not None:
            kind, row_id = self._select_after_load
            self._select_after_load = None
            if kind == "report":
                self.status_page.select(row_id)
            elif kind == "cost":
                self.costs_page.select(row_id)
            elif kind == "baseline":
                self.baselines_page.select(row_id)
        self.stack.setCurrentIndex(1)

    def _subtitle(self, detail: ProjectDetail) -> str:
        properties = detail.properties
        parts = [escape(detail.programme.name if detail.programme else detail.portfolio_name)]
        parts.append(escape(status_label(properties.status)))
        parts.append(escape(method_label(properties.method)))
        if properties.manager:
            parts.append(escape(self.tr("Manager: {name}").format(name=properties.manager)))
        if properties.start_date or properties.finish_date:
            parts.append(
                escape(
                    f"{format_date(properties.start_date) or '…'} – "
                    f"{format_date(properties.finish_date) or '…'}"
                )
            )
        parts.append(escape(format_money(properties.budget, properties.currency)))
        if detail.status_reports:
            latest = detail.status_reports[0]
            colour = RAG_COLOURS[latest.rag_overall]
            parts.append(
                self.tr("Latest report {period}: {rag}").format(
                    period=escape(period_label(latest.period_start, latest.period_end)),
                    rag=f'<span style="color:{colour}">●</span> '
                    f"<b>{escape(rag_label(latest.rag_overall))}</b>",
                )
            )
        return " · ".join(parts)

    def _on_data_changed(self, models: set[type] | None) -> None:
        if self._project_id is not None and touches(models, *_SHOWN):
            self._reload()

    def cancel_loading(self) -> None:
        """Stop background reads; late results are ignored (the window may be closing)."""
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self._serial += 1

    def _on_database_changed(self) -> None:
        self.cancel_loading()
        self._project_id = None
        self._detail = None
        self._loaded = False
        self.message.setText(self.tr("Choose a project in the navigation tree."))
        self.stack.setCurrentIndex(0)

    # Edits: each one command through the workspace.

    def _execute(self, build: Callable[[], Command]) -> Command | None:
        """Build the command (a refused value is reported) and run it; None if not done."""
        if self._detail is None:
            return None
        try:
            command = build()
        except PmoError as exc:
            self.workspace.dialogs.critical(self, self.tr("Change not saved"), str(exc))
            self._show_detail()
            return None
        if not self.workspace.execute(command):
            if self._detail is not None:
                self._show_detail()
            return None
        return command

    def _patched(self, **changes: Any) -> None:
        """Keep the shown snapshot in step with the user's own write until the reload lands."""
        assert self._detail is not None
        self._detail = dataclasses.replace(self._detail, **changes)

    def _edit_properties(self, changes: dict[str, Any], label: str) -> None:
        assert self._detail is not None
        properties = self._detail.properties
        command = self._execute(lambda: project_edits.edit_project(properties, label, **changes))
        if isinstance(command, UpdateFields) and self._detail is not None:
            self._patched(
                properties=dataclasses.replace(
                    self._detail.properties, version=command.version, **command.after
                )
            )

    def _edit_score(self, objective_id: int, score: int) -> None:
        assert self._detail is not None
        detail = self._detail
        objective = next(o for o in detail.objectives if o.objective_id == objective_id)
        command = self._execute(
            lambda: project_edits.set_objective_score(
                detail.properties.id,
                objective,
                score,
                self.tr("Score against {objective}").format(objective=objective.code),
            )
        )
        if command is None or self._detail is None:
            return
        if isinstance(command, UpdateFields):
            updated = dataclasses.replace(objective, score=score, score_version=command.version)
        else:
            assert isinstance(command, CreateRow)
            updated = dataclasses.replace(
                objective, score=score, score_id=command.entity_id, score_version=1
            )
        self._patched(
            objectives=tuple(
                updated if o.objective_id == objective_id else o for o in self._detail.objectives
            )
        )

    def new_status_report(self) -> None:
        if self._detail is None:
            return
        detail = self._detail
        start, end = project_edits.next_report_period(detail.status_reports, self.workspace.as_of)
        command = self._execute(
            lambda: project_edits.new_status_report(
                self.workspace.database,
                detail.properties.id,
                start,
                end,
                text=self.tr("New status report"),
            )
        )
        if isinstance(command, CreateRow) and command.entity_id is not None:
            self._select_after_load = ("report", command.entity_id)
            self.tabs.setCurrentWidget(self.status_page)

    def _edit_report(self, report_id: int, changes: dict[str, Any], label: str) -> None:
        report = self.status_page.model.row_by_id(report_id)
        if report is None:
            return
        command = self._execute(lambda: project_edits.edit_status_report(report, label, **changes))
        if isinstance(command, UpdateFields):
            self.status_page.model.update_row(
                dataclasses.replace(report, version=command.version, **command.after)
            )

    def _delete_report(self, report_id: int) -> None:
        report = self.status_page.model.row_by_id(report_id)
        if report is None:
            return
        period = period_label(report.period_start, report.period_end)
        if not self.workspace.dialogs.question(
            self,
            self.tr("Delete status report"),
            self.tr("Delete the status report for {period}? You can undo it.").format(
                period=period
            ),
        ):
            return
        self._execute(
            lambda: project_edits.delete_status_report(
                report, self.tr("Delete status report {period}").format(period=period)
            )
        )

    def _set_baseline(self, number: int, name: str) -> None:
        if self._detail is None:
            return
        existing = self.baselines_page.baseline_by_number(number)
        title = baseline_title(number)
        if existing is not None and not self.workspace.dialogs.question(
            self,
            self.tr("Replace baseline"),
            self.tr(
                "{baseline} (“{name}”) already holds a snapshot of the plan. Replace it with "
                "the current plan? You can undo it."
            ).format(baseline=title, name=existing.name),
        ):
            return
        project_id = self._detail.properties.id
        command = self._execute(
            lambda: baseline_commands.set_baseline(
                self.workspace.database,
                project_id,
                number,
                name or (existing.name if existing is not None else title),
                self.tr("Set {baseline}").format(baseline=title),
            )
        )
        if isinstance(command, baseline_commands.SetBaseline) and command.baseline_id:
            self._select_after_load = ("baseline", command.baseline_id)

    def _clear_baseline(self, baseline_id: int) -> None:
        baseline = self.baselines_page.model.row_by_id(baseline_id)
        if baseline is None:
            return
        title = baseline_title(baseline.number)
        if not self.workspace.dialogs.question(
            self,
            self.tr("Clear baseline"),
            self.tr("Clear {baseline} (“{name}”)? You can undo it.").format(
                baseline=title, name=baseline.name
            ),
        ):
            return
        self._execute(
            lambda: baseline_commands.clear_baseline(
                baseline, self.tr("Clear {baseline}").format(baseline=title)
            )
        )

    def _edit_baseline(self, baseline_id: int, name: str, value: Any) -> None:
        baseline = self.baselines_page.model.row_by_id(baseline_id)
        if baseline is None:
            return
        if name == "approved":
            command = self._execute(lambda: baseline_commands.approve_baseline(baseline, value))
        else:
            command = self._execute(
                lambda: baseline_commands.rename_baseline(
                    baseline, str(value), self.tr("Rename baseline")
                )
            )
        if isinstance(command, UpdateFields):
            self.baselines_page.model.update_row(
                dataclasses.replace(baseline, version=command.version, **command.after)
            )

    def _edit_cost_line(self, line_id: int, name: str, value: Any) -> None:
        line = self.costs_page.model.row_by_id(line_id)
        if line is None:
            return
        command = self._execute(
            lambda: project_edits.edit_cost_line(line, self.tr("Edit cost line"), **{name: value})
        )
        if isinstance(command, UpdateFields):
            self.costs_page.model.update_row(
                dataclasses.replace(line, version=command.version, **command.after)
            )

    def _add_cost_line(self, period: Any, category: Any) -> None:
        if self._detail is None:
            return
        project_id = self._detail.properties.id
        command = self._execute(
            lambda: project_edits.add_cost_line(
                self.workspace.database, project_id, period, category, self.tr("Add cost line")
            )
        )
        if isinstance(command, CreateRow) and command.entity_id is not None:
            self._select_after_load = ("cost", command.entity_id)

    def _delete_cost_line(self, line_id: int) -> None:
        line = self.costs_page.model.row_by_id(line_id)
        if line is not None:
            self._execute(lambda: project_edits.delete_cost_line(line, self.tr("Delete cost line")))

    # Actions.

    def _make_actions(self) -> None:
        def action(text: str, slot: Callable[[], None], shortcut: str = "") -> QAction:
            made = QAction(text, self)
            made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            if shortcut:
                made.setShortcut(QKeySequence(shortcut))
            made.triggered.connect(slot)
            self.addAction(made)
            return made

        self.new_report_action = action(
            self.tr("New status report"), self.new_status_report, "Ctrl+Shift+R"
        )
        self.delete_report_action = action(
            self.tr("Delete status report…"),
            lambda: (
                self.status_page.selected_id() is not None
                and self._delete_report(self.status_page.selected_id() or 0)
            ),
        )
        self.set_baseline_action = action(
            self.tr("Set baseline…"), self._focus_baselines, "Ctrl+Shift+B"
        )
        self.add_cost_line_action = action(self.tr("Add cost line"), self._focus_costs)

    def _focus_baselines(self) -> None:
        self.tabs.setCurrentWidget(self.baselines_page)
        self.baselines_page.number.setFocus()

    def _focus_costs(self) -> None:
        self.tabs.setCurrentWidget(self.costs_page)
        self.costs_page.month.setFocus()
