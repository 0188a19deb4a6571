"""The RAID and governance logs: a tab per log (issues, assumptions, decisions, change
requests, lessons) and the cross-project dependencies.

`show_portfolio` reads every log and the cross-project links in one worker job (newest
request wins); filters then run in memory in each tab. Edits go through `workspace.execute`
(undoable); any change to a log's table or to tasks and links reloads the view.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTabWidget, QVBoxLayout, QWidget

from pmo_desktop.errors import PmoError
from pmo_desktop.models import Dependency, Entity, Project, Task
from pmo_desktop.services.raid_links import CrossLinkRow, LinkState, load_cross_links
from pmo_desktop.services.raid_logs import LogData, LogKind, load_logs, log_models
from pmo_desktop.ui.formatting import format_integer, format_long_date
from pmo_desktop.ui.raid.log_tab import LogTab, make_table
from pmo_desktop.ui.raid.table import IdFilterProxy, LinkTableModel
from pmo_desktop.ui.workers import Job, ProgressToken
from pmo_desktop.ui.workspace import Workspace, touches

log = logging.getLogger(__name__)

_SETTINGS = "raid/"


@dataclass(frozen=True)
class RaidData:
    logs: dict[LogKind, LogData]
    links: tuple[CrossLinkRow, ...]


def _load(
    token: ProgressToken, database: Any, portfolio_id: int, as_of: date,
    programme_id: int | None, project_id: int | None,
) -> RaidData:  # fmt: skip
    token.raise_if_cancelled()
    logs = load_logs(
        database, portfolio_id, as_of, programme_id=programme_id, project_id=project_id
    )
    token.raise_if_cancelled()
    links = load_cross_links(
        database, portfolio_id, programme_id=programme_id, project_id=project_id
    )
    return RaidData(logs, links)


class DependencyTab(QWidget):
    """The links between projects (read-only); a double-click opens a task."""

    open_task = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = LinkTableModel(self)
        self.proxy = IdFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.text_edit = QLineEdit()
        self.text_edit.setClearButtonEnabled(True)
        self.text_edit.setPlaceholderText(self.tr("Filter by project or task"))
        self.count_label = QLabel()
        self.table = make_table(self.proxy, self.fontMetrics().height() + 6)
        width = self.fontMetrics().horizontalAdvance
        for column, size in enumerate(
            (width("Predecessor project") + 16, width("M") * 26, width("Successor project") + 16,
             width("M") * 26, width("Type") + 24, width("+10.5ed") + 24)
        ):  # fmt: skip
            self.table.horizontalHeader().resizeSection(column, size)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.text_edit.textChanged.connect(self.apply_filter)
        hint = QLabel(
            self.tr("Double-click a row to open the predecessor or successor task in its Gantt.")
        )
        hint.setStyleSheet("color: #616161")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(self.text_edit, 2)
        bar.addWidget(hint, 3)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.apply_filter()

    def set_rows(self, rows: tuple[CrossLinkRow, ...]) -> None:
        self.model.set_rows(rows)
        self.apply_filter()

    def apply_filter(self, *_args: object) -> None:
        words = self.text_edit.text().casefold().split()
        rows = [self.model.row_at(position) for position in range(self.model.rowCount())]
        kept = frozenset(
            row.id
            for row in rows
            if all(
                word
                in "\n".join(
                    (row.predecessor_project_code, row.predecessor_project_name,
                     row.predecessor_wbs, row.predecessor_name, row.successor_project_code,
                     row.successor_project_name, row.successor_wbs, row.successor_name)
                ).casefold()
                for word in words
            )
        )  # fmt: skip
        self.proxy.set_accepted(kept)
        self.count_label.setText(self.count_text())

    def counts(self) -> tuple[int, int]:
        return self.proxy.rowCount(), self.model.rowCount()

    def count_text(self) -> str:
        shown, total = self.counts()
        violated = sum(
            1
            for position in range(self.model.rowCount())
            if self.model.row_at(position).state is LinkState.VIOLATED
        )
        text = self.tr("{shown} of {total} cross-project links").format(
            shown=format_integer(shown), total=format_integer(total)
        )
        if violated:
            text += " · " + self.tr("{count} violated").format(count=format_integer(violated))
        return text

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        row = self.model.row_at(self.proxy.mapToSource(index).row())
        if index.column() <= 1:
            self.open_task.emit(row.predecessor_project_id, row.predecessor_task_id)
        else:
            self.open_task.emit(row.successor_project_id, row.successor_task_id)


class RaidView(QWidget):
    """The RAID and governance logs of a portfolio, programme or project."""

    loaded = Signal()
    #: A task to show in its project's Gantt: project id, task id.
    open_task = Signal(int, int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.portfolio_id: int | None = None
        self.programme_id: int | None = None
        self.project_id: int | None = None
        self.data: RaidData | None = None
        self.error = ""
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
        self.status_line = QLabel()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.log_tabs: dict[LogKind, LogTab] = {}
        names = {
            LogKind.ISSUES: self.tr("&Issues"),
            LogKind.ASSUMPTIONS: self.tr("&Assumptions"),
            LogKind.DECISIONS: self.tr("&Decisions"),
            LogKind.CHANGES: self.tr("&Change requests"),
        }
        for kind, name in names.items():
            self._add_log_tab(kind, name)
        self.dependencies = DependencyTab()
        self.dependencies.open_task.connect(self.open_task)
        self.tabs.addTab(self.dependencies, self.tr("De&pendencies"))
        self._add_log_tab(LogKind.LESSONS, self.tr("&Lessons learned"))
        self.tabs.currentChanged.connect(self._on_tab_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status_line)
        self._make_actions()
        workspace.data_changed.connect(self._on_data_changed)
        workspace.database_changed.connect(self._on_database_changed)
        self._on_tab_changed()

    def _add_log_tab(self, kind: LogKind, name: str) -> None:
        tab = LogTab(kind, self.workspace)
        tab.counts_changed.connect(self._update_status)
        self.log_tabs[kind] = tab
        self.tabs.addTab(tab, name)

    def _make_actions(self) -> None:
        self.new_action = QAction(self.tr("&New entry"), self)
        self.new_action.setShortcut(QKeySequence("Ctrl+Shift+N"))  # Ctrl+N: new database
        self.new_action.triggered.connect(self.new_entry)
        self.delete_action = QAction(self.tr("&Delete entry…"), self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.triggered.connect(self.delete_current)
        self.filter_action = QAction(self.tr("&Filter log"), self)
        self.filter_action.triggered.connect(self.focus_filter)
        self.clear_filters_action = QAction(self.tr("&Clear log filters"), self)
        self.clear_filters_action.triggered.connect(self.clear_filters)
        for action in self.actions_for_menu():
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        for tab in self.log_tabs.values():
            tab.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            tab.table.addActions([self.new_action, self.delete_action])

    def actions_for_menu(self) -> list[QAction]:
        return [self.new_action, self.delete_action, self.filter_action, self.clear_filters_action]

    def current_log_tab(self) -> LogTab | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, LogTab) else None

    def show_log(self, kind: LogKind | None) -> None:
        """Bring a log's tab forward (None: the dependencies)."""
        self.tabs.setCurrentWidget(self.dependencies if kind is None else self.log_tabs[kind])

    # The view contract.

    def is_loaded(self) -> bool:
        return self._loaded

    def show_portfolio(self, portfolio_id: int, programme_id: int | None = None) -> None:
        """Show the logs of the portfolio, or of one programme's projects."""
        self._show(portfolio_id, programme_id, None)

    def show_project(self, portfolio_id: int, project_id: int) -> None:
        """Show the logs of one project."""
        self._show(portfolio_id, None, project_id)

    def _show(self, portfolio_id: int, programme_id: int | None, project_id: int | None) -> None:
        scope = (portfolio_id, programme_id, project_id)
        if scope != (self.portfolio_id, self.programme_id, self.project_id):
            self._clear()
        self.portfolio_id, self.programme_id, self.project_id = scope
        for tab in self.log_tabs.values():
            tab.portfolio_id, tab.project_id = portfolio_id, project_id
        self._start_loading()

    def cancel_loading(self) -> None:
        if self._job is not None:
            self._job.cancel()
        self._job = None
        self._request += 1

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(_SETTINGS + "tab", self.tabs.currentIndex())
        for kind, tab in self.log_tabs.items():
            settings.setValue(f"{_SETTINGS}{kind.value}/splitter", tab.splitter.saveState())
            settings.setValue(
                f"{_SETTINGS}{kind.value}/header", tab.table.horizontalHeader().saveState()
            )
        settings.setValue(
            _SETTINGS + "links/header", self.dependencies.table.horizontalHeader().saveState()
        )

    def restore_state(self, settings: QSettings) -> None:
        index = settings.value(_SETTINGS + "tab")
        if index is not None:
            with contextlib.suppress(ValueError):
                self.tabs.setCurrentIndex(int(str(index)))
        targets: list[tuple[str, Any]] = [
            ("links/header", self.dependencies.table.horizontalHeader())
        ]
        for kind, tab in self.log_tabs.items():
            targets += [
                (f"{kind.value}/splitter", tab.splitter),
                (f"{kind.value}/header", tab.table.horizontalHeader()),
            ]
        for key, target in targets:
            value = settings.value(_SETTINGS + key)
            if isinstance(value, QByteArray):
                target.restoreState(value)

    # Loading.

    def _clear(self) -> None:
        self.data = None
        for tab in self.log_tabs.values():
            tab.set_data(None)
        self.dependencies.set_rows(())

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

    def _on_loaded(self, request: int, data: RaidData) -> None:
        if request != self._request:
            return
        self._job = None
        self.data = data
        first = next(iter(data.logs.values()))
        self.title.setText(self.tr("RAID logs — {name}").format(name=first.scope_name))
        self.subtitle.setText(
            self.tr("Dates before {date} are overdue").format(date=format_long_date(first.as_of))
        )
        for kind, tab in self.log_tabs.items():
            tab.set_data(data.logs[kind])
        self.dependencies.set_rows(data.links)
        self._update_status()
        self._loaded = True
        self.loaded.emit()

    def _on_failed(self, request: int, error: object) -> None:
        if request != self._request:
            return
        self._job = None
        self.error = str(error) if isinstance(error, PmoError) else repr(error)
        log.warning("RAID logs not loaded: %s", self.error)
        self.subtitle.setText(
            self.tr("The logs could not be read: {error}").format(error=self.error)
        )
        self._loaded = True
        self.loaded.emit()

    def _on_data_changed(self, models: set[type[Entity]] | None) -> None:
        if self.portfolio_id is not None and touches(
            models, *log_models(), Task, Dependency, Project
        ):
            self._start_loading()

    def _on_database_changed(self) -> None:
        self.cancel_loading()
        self.portfolio_id = self.programme_id = self.project_id = None
        self._clear()
        self.title.setText("")
        self.subtitle.setText("")
        self._update_status()

    # Status, filters and editing.

    def _on_tab_changed(self, *_args: object) -> None:
        is_log = self.current_log_tab() is not None
        self.new_action.setEnabled(is_log)
        self.delete_action.setEnabled(is_log)
        self._update_status()

    def _update_status(self) -> None:
        tab = self.current_log_tab()
        parts = [tab.count_text() if tab is not None else self.dependencies.count_text()]
        issues = self.log_tabs[LogKind.ISSUES]
        if issues.data is not None:
            escalated = sum(1 for row in issues.data.rows if row.escalated)
            overdue = sum(
                1 for tab in self.log_tabs.values() if tab.data for row in tab.data.rows
                if row.overdue
            )  # fmt: skip
            parts.append(
                self.tr("{escalated} escalated issues · {overdue} overdue entries").format(
                    escalated=format_integer(escalated), overdue=format_integer(overdue)
                )
            )
        self.status_line.setText(" · ".join(parts))

    def focus_filter(self) -> None:
        """Ctrl+F on the view: the current tab's search box."""
        tab = self.current_log_tab()
        edit = tab.text_edit if tab is not None else self.dependencies.text_edit
        edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        edit.selectAll()

    def clear_filters(self) -> None:
        tab = self.current_log_tab()
        if tab is not None:
            tab.clear_filters()
        else:
            self.dependencies.text_edit.clear()

    def new_entry(self) -> bool:
        tab = self.current_log_tab()
        return tab is not None and tab.new_entry()

    def delete_current(self) -> bool:
        tab = self.current_log_tab()
        return tab is not None and tab.delete_current()
