"""The Compliance view: counts per severity, projects with their trend, findings, rules.

`show_portfolio` runs the checks in a worker at the as-of date and at the previous status
period end (the trend compares the two; see services.compliance); the newest request wins.
Filters run in memory. Rule settings are edited on the Rules tab through
`workspace.execute` (undoable), which reloads the findings.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QLocale,
    QModelIndex,
    QSettings,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from pmo_desktop.errors import PmoError
from pmo_desktop.models import (
    Assignment,
    Baseline,
    BaselineTask,
    ChangeRequest,
    ComplianceSetting,
    CostLine,
    Entity,
    GateReview,
    PmoMode,
    Portfolio,
    Project,
    Resource,
    Risk,
    RiskAction,
    StatusReport,
    Task,
)
from pmo_desktop.services.board_pack_compliance import compliance_pair
from pmo_desktop.services.compliance import (
    SEVERITIES,
    ComplianceReport,
    RuleSettings,
    project_trend,
    weighted,
)
from pmo_desktop.services.dashboard import RagThresholds
from pmo_desktop.ui.compliance.models import (
    SEVERITY_COLOURS,
    FindingColumn,
    FindingsFilter,
    FindingsModel,
    ProjectCounts,
    ProjectCountsModel,
    RulesModel,
    severity_label,
)
from pmo_desktop.ui.compliance.rule_editor import RuleEditor
from pmo_desktop.ui.compliance.rules_tab import RulesTabMixin
from pmo_desktop.ui.formatting import format_integer, format_long_date
from pmo_desktop.ui.list_table import make_list_table
from pmo_desktop.ui.workers import Job, ProgressToken
from pmo_desktop.ui.workspace import Workspace, touches

log = logging.getLogger(__name__)
_SETTINGS = "compliance/"
#: What the rules read: a change to any of these may change the findings.
WATCHED: tuple[type[Entity], ...] = (
    ComplianceSetting,
    Risk,
    RiskAction,
    Baseline,
    BaselineTask,
    StatusReport,
    Task,
    CostLine,
    GateReview,
    ChangeRequest,
    Assignment,
    Resource,
    Project,
    Portfolio,
)
#: The reports now and at the previous period end, and the portfolio's PMO mode (header).
Loaded = tuple[ComplianceReport, ComplianceReport, PmoMode]


def _load(
    token: ProgressToken,
    database: Any,
    portfolio_id: int,
    programme_id: int | None,
    as_of: date,
    thresholds: RagThresholds,
) -> Loaded:
    token.raise_if_cancelled()
    project_ids = None
    with database.session() as session:
        mode = session.scalar(select(Portfolio.pmo_mode).where(Portfolio.id == portfolio_id))
        if programme_id is not None:
            project_ids = list(
                session.scalars(select(Project.id).where(Project.programme_id == programme_id))
            )
    current, previous = compliance_pair(
        database, portfolio_id, as_of, project_ids=project_ids, thresholds=thresholds
    )
    return current, previous, mode or PmoMode.CONTROLLING


def interface_language() -> str:
    """The catalogue's language for the interface's locale (French or English)."""
    return "fr" if QLocale().name().lower().startswith("fr") else "en"


class ComplianceView(QWidget, RulesTabMixin):
    """The PMO's compliance checks over a portfolio or a programme."""

    loaded = Signal()
    #: Open a project (a finding double-clicked): its id.
    open_project = Signal(int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.thresholds = RagThresholds()
        self.portfolio_id: int | None = None
        self.programme_id: int | None = None
        self.current: ComplianceReport | None = None
        self.previous: ComplianceReport | None = None
        #: The portfolio's PMO mode, shown in the header (Governance ▸ PMO operating mode…).
        self.pmo_mode = PmoMode.CONTROLLING
        self.error = ""
        self.language = interface_language()
        self._loaded = False
        self._request = 0
        self._job: Job | None = None

        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        for label in (self.title, self.subtitle):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.severity_chips = {severity: QLabel() for severity in SEVERITIES}
        for severity, chip in self.severity_chips.items():
            fill, ink = SEVERITY_COLOURS[severity]
            chip.setTextFormat(Qt.TextFormat.PlainText)
            chip.setStyleSheet(
                f"QLabel {{ background: {fill}; color: {ink}; border-radius: 4px;"
                " padding: 4px 10px; font-weight: bold; }"
            )
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText(self.tr("Filter findings"))
        self.text_edit.setClearButtonEnabled(True)
        self.text_edit.setMinimumWidth(220)
        self.text_edit.textChanged.connect(self.apply_filter)

        self.findings_model = FindingsModel(self)
        self.findings_proxy = FindingsFilter(self)
        self.findings_proxy.setSourceModel(self.findings_model)
        self.projects_model = ProjectCountsModel(self)
        self.projects_proxy = QSortFilterProxyModel(self)
        self.projects_proxy.setSourceModel(self.projects_model)
        self.projects_proxy.setSortRole(Qt.ItemDataRole.UserRole + 1)
        self.rules_model = RulesModel(self)
        self.rules_model.toggle_requested.connect(self.set_rule_enabled)

        self.severity_combo = QComboBox()
        self.rule_combo = QComboBox()
        for combo in (self.severity_combo, self.rule_combo):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.count_label = QLabel()
        self.projects_table = self._table(self.projects_proxy)
        self.projects_table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.projects_table.selectionModel().selectionChanged.connect(self.apply_filter)
        self.findings_table = self._table(self.findings_proxy)
        self.findings_table.sortByColumn(FindingColumn.SEVERITY, Qt.SortOrder.DescendingOrder)
        self.findings_table.doubleClicked.connect(self._on_double_clicked)
        self.rules_table = self._table(self.rules_model, sorting=False)
        self.rules_table.selectionModel().currentRowChanged.connect(self._on_rule_changed)
        self.editor = RuleEditor()
        self.editor.apply_requested.connect(self.save_rule)
        self.editor.reset_requested.connect(self.reset_rule)
        self._fill_severity_choices()

        self.tabs = QTabWidget()
        self.tabs.addTab(self._findings_page(), self.tr("&Findings"))
        self.tabs.addTab(self._rules_page(), self.tr("&Rules"))
        heading = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        heading.addLayout(titles, 1)
        for chip in self.severity_chips.values():
            heading.addWidget(chip, 0, Qt.AlignmentFlag.AlignBottom)
        heading.addSpacing(12)
        heading.addWidget(self.text_edit, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.setSpacing(6)
        layout.addLayout(heading)
        layout.addWidget(self.tabs, 1)
        self._make_actions()
        workspace.data_changed.connect(self._on_data_changed)
        workspace.database_changed.connect(self._on_database_changed)
        self._show_counts()

    # Building.

    def _table(self, model: Any, *, sorting: bool = True) -> QTableView:
        table = make_list_table(
            model, self.fontMetrics().height() + 8, sort_column=None, stretch_last=True
        )
        table.setSortingEnabled(sorting)  # in the model's order (worst first) until clicked
        table.horizontalHeader().setSectionsMovable(False)
        return table

    def _findings_page(self) -> QWidget:
        width = self.fontMetrics().horizontalAdvance
        header = self.projects_table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.resizeSection(column, width("Warnings") + 12)
        findings = self.findings_table.horizontalHeader()
        sizes = {
            FindingColumn.SEVERITY: width("Warning") + 28,
            FindingColumn.PROJECT: width("PRJ-000") + 28,
            FindingColumn.RULE: width("M") * 16,
            FindingColumn.OBJECT: width("M") * 14,
        }
        for column, size in sizes.items():
            findings.resizeSection(column, size)
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for text, combo in (
            (self.tr("Se&verity:"), self.severity_combo),
            (self.tr("R&ule:"), self.rule_combo),
        ):
            label = QLabel(text)
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo)
        self.rule_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(filters)
        right_layout.addWidget(self.findings_table, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(self.tr("Projects — select one to see its findings"))
        left_layout.addWidget(caption)
        left_layout.addWidget(self.projects_table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([540, 1000])
        return self.splitter

    def _make_actions(self) -> None:
        self.filter_action = QAction(self.tr("&Filter findings"), self)
        self.filter_action.triggered.connect(self.focus_filter)
        self.clear_filters_action = QAction(self.tr("&Clear compliance filters"), self)
        self.clear_filters_action.triggered.connect(self.clear_filters)
        self.open_action = QAction(self.tr("&Open the finding's project"), self)
        self.open_action.setShortcut(QKeySequence("Ctrl+Return"))
        self.open_action.triggered.connect(self.open_current)
        for action in self.actions_for_menu():
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

    def actions_for_menu(self) -> list[QAction]:
        return [self.open_action, self.filter_action, self.clear_filters_action]

    def focus_filter(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.text_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text_edit.selectAll()

    def set_thresholds(self, thresholds: RagThresholds | Any) -> None:
        """The preferences' RAG thresholds (rules whose parameter is empty use them)."""
        values = {name: getattr(thresholds, name) for name in RagThresholds.__dataclass_fields__}
        self.thresholds = RagThresholds(**values)
        if self.portfolio_id is not None:
            self._start_loading()

    # The view contract.

    def is_loaded(self) -> bool:
        return self._loaded

    def show_portfolio(self, portfolio_id: int, programme_id: int | None = None) -> None:
        """Check the portfolio's projects, or one programme's."""
        if (portfolio_id, programme_id) != (self.portfolio_id, self.programme_id):
            self._clear()
        self.portfolio_id, self.programme_id = portfolio_id, programme_id
        self._start_loading()

    def cancel_loading(self) -> None:
        if self._job is not None:
            self._job.cancel()
        self._job = None
        self._request += 1

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(_SETTINGS + "splitter", self.splitter.saveState())
        settings.setValue(_SETTINGS + "rules_splitter", self.rules_splitter.saveState())
        settings.setValue(
            _SETTINGS + "findings", self.findings_table.horizontalHeader().saveState()
        )
        settings.setValue(_SETTINGS + "tab", self.tabs.currentIndex())

    def restore_state(self, settings: QSettings) -> None:
        targets = {
            "splitter": self.splitter,
            "rules_splitter": self.rules_splitter,
            "findings": self.findings_table.horizontalHeader(),
        }
        for key, target in targets.items():
            value = settings.value(_SETTINGS + key)
            if isinstance(value, QByteArray):
                target.restoreState(value)
        tab = settings.value(_SETTINGS + "tab")
        if tab is not None and str(tab).isdigit():
            self.tabs.setCurrentIndex(int(str(tab)))

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
            _load,
            workspace.database,
            self.portfolio_id,
            self.programme_id,
            workspace.as_of,
            self.thresholds,
        )
        job.succeeded.connect(lambda result: self._on_loaded(request, result))
        job.failed.connect(lambda error: self._on_failed(request, error))
        self._job = job

    def _on_loaded(self, request: int, loaded: Loaded) -> None:
        if request != self._request:
            return
        self._job = None
        self.current, self.previous, self.pmo_mode = loaded
        self._fill()
        self._loaded = True
        self.loaded.emit()

    def _on_failed(self, request: int, error: object) -> None:
        if request != self._request:
            return
        self._job = None
        self.error = str(error) if isinstance(error, PmoError) else repr(error)
        log.warning("Compliance not checked: %s", self.error)
        self.subtitle.setText(
            self.tr("The compliance checks could not run: {error}").format(error=self.error)
        )
        self._loaded = True
        self.loaded.emit()

    def _on_data_changed(self, models: set[type[Entity]] | None) -> None:
        if self.portfolio_id is not None and touches(models, *WATCHED):
            self._start_loading()

    def _on_database_changed(self) -> None:
        self.cancel_loading()
        self.portfolio_id = self.programme_id = None
        self._clear()

    def _clear(self) -> None:
        self.current = self.previous = None
        self.findings_model.set_rows([], {}, self.language)
        self.projects_model.set_rows([])
        self.rules_model.set_rules([], {}, {}, self.language)
        self.editor.set_rule(None)
        self.title.setText("")
        self.subtitle.setText("")
        self._show_counts()

    def _fill(self) -> None:
        current, previous = self.current, self.previous
        assert current is not None and previous is not None
        language = self.language
        self.title.setText(self.tr("Compliance — {name}").format(name=current.portfolio_name))
        self.subtitle.setText(
            self.tr("{projects} projects checked on {date} · trend against {previous}").format(
                projects=format_integer(len(current.projects)),
                date=format_long_date(current.as_of),
                previous=format_long_date(previous.as_of),
            )
            + " · "
            + {
                PmoMode.SUPPORTIVE: self.tr("Supportive PMO"),
                PmoMode.CONTROLLING: self.tr("Controlling PMO"),
                PmoMode.DIRECTIVE: self.tr("Directive PMO"),
            }[self.pmo_mode]
        )
        titles = {rule.code: rule.definition.title_in(language) for rule in current.rules}
        selected_project = self._selected_project()
        self.findings_model.set_rows(current.findings, titles, language)
        self.projects_model.set_rows(self._project_lines(current, previous))
        selected_rule = self._current_rule_code()
        self.rules_model.set_rules(current.rules, current.by_rule(), previous.by_rule(), language)
        self._fill_rule_choices(current.rules, current.by_rule())
        if selected_project is not None:
            self.select_project(selected_project)
        row = self.rules_model.row_of(selected_rule) if selected_rule else None
        if row is not None:
            self.rules_table.selectRow(row)
        else:
            self.editor.set_rule(None)
        self.apply_filter()

    @staticmethod
    def _project_lines(
        current: ComplianceReport, previous: ComplianceReport
    ) -> list[ProjectCounts]:
        now, before = current.by_project(), previous.by_project()
        names = {project.id: (project.code, project.name) for project in current.projects}
        lines = []
        for project_id, counts in now.items():
            if project_id is None and not sum(counts.values()):
                continue
            earlier = before.get(project_id)
            previous_score = weighted(earlier) if earlier is not None else None
            code, name = names.get(project_id, ("", "")) if project_id is not None else ("", "")
            lines.append(
                ProjectCounts(
                    project_id,
                    code,
                    name,
                    counts,
                    previous_score,
                    project_trend(weighted(counts), previous_score),
                )
            )
        return lines

    def _fill_severity_choices(self) -> None:
        self.severity_combo.blockSignals(True)
        self.severity_combo.clear()
        self.severity_combo.addItem(self.tr("All severities"), None)
        for severity in SEVERITIES:
            self.severity_combo.addItem(severity_label(severity), severity)
        self.severity_combo.blockSignals(False)

    def _fill_rule_choices(self, rules: Sequence[RuleSettings], counts: dict[str, int]) -> None:
        chosen = self.rule_combo.currentData()
        self.rule_combo.blockSignals(True)
        self.rule_combo.clear()
        self.rule_combo.addItem(self.tr("All rules"), None)
        for rule in rules:
            if rule.enabled:
                title = rule.definition.title_in(self.language)
                self.rule_combo.addItem(f"{title} ({counts.get(rule.code, 0)})", rule.code)
        index = self.rule_combo.findData(chosen)
        self.rule_combo.setCurrentIndex(max(index, 0))
        self.rule_combo.blockSignals(False)

    # Filtering.

    def _selected_project(self) -> tuple[int | None] | None:
        """(project id or None for the portfolio level) of the selected row, else None."""
        rows = self.projects_table.selectionModel().selectedRows()
        if not rows:
            return None
        line = self.projects_model.line(self.projects_proxy.mapToSource(rows[0]).row())
        return (line.project_id,)

    def select_project(self, project: tuple[int | None]) -> bool:
        for row in range(self.projects_model.rowCount()):
            if self.projects_model.line(row).project_id == project[0]:
                index = self.projects_proxy.mapFromSource(self.projects_model.index(row, 0))
                self.projects_table.selectRow(index.row())
                return True
        return False

    def apply_filter(self) -> None:
        selected = self._selected_project()
        self.findings_proxy.set_filter(
            severity=self.severity_combo.currentData(),
            rule=self.rule_combo.currentData(),
            project=selected[0] if selected is not None else None,
            portfolio_level=selected is not None and selected[0] is None,
            text=self.text_edit.text(),
        )
        self._show_counts()

    def clear_filters(self) -> None:
        for combo in (self.severity_combo, self.rule_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.projects_table.clearSelection()
        self.text_edit.clear()
        self.apply_filter()

    def _show_counts(self) -> None:
        now = self.current.by_severity() if self.current else dict.fromkeys(SEVERITIES, 0)
        before = self.previous.by_severity() if self.previous else None
        words = {
            "error": self.tr("{count} errors"),
            "warning": self.tr("{count} warnings"),
            "info": self.tr("{count} infos"),
        }
        for severity, chip in self.severity_chips.items():
            chip.setText(words[severity].format(count=format_integer(now[severity])))
            chip.setToolTip(
                self.tr("{before} at the previous period end").format(
                    before=format_integer(before[severity])
                )
                if before is not None
                else ""
            )
        self.count_label.setText(
            self.tr("{shown} of {total} findings").format(
                shown=format_integer(self.findings_proxy.rowCount()),
                total=format_integer(self.findings_model.rowCount()),
            )
        )

    def shown_findings(self) -> list[Any]:
        """The findings the table shows, in its order."""
        return [
            self.findings_model.finding(
                self.findings_proxy.mapToSource(self.findings_proxy.index(row, 0)).row()
            )
            for row in range(self.findings_proxy.rowCount())
        ]

    # Opening a project.

    def _on_double_clicked(self, index: QModelIndex) -> None:
        self._open(index)

    def open_current(self) -> None:
        self._open(self.findings_table.currentIndex())

    def _open(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        finding = self.findings_model.finding(self.findings_proxy.mapToSource(index).row())
        project_id = finding.project_id
        if project_id is None and finding.related_projects:
            project_id = finding.related_projects[0]
        if project_id is not None:
            self.open_project.emit(project_id)
