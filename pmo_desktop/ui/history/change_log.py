"""The portfolio's change log: every recorded change, newest first, filtered and paged.

A portfolio view (the contract of `ui/risks/view.py`): `show_portfolio` reads one page and
the filter choices in a worker (newest request wins); a filter change or another page reads
again; any change of the data reads the current page again. Each change shows its fields
before → after; a double-click (or Enter) emits `open_object(entity, entity_id)`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.errors import PmoError
from pmo_desktop.models import Entity
from pmo_desktop.services.audit_log import (
    PAGE_SIZE,
    ChangeLogChoices,
    ChangeLogFilter,
    ChangeLogPage,
    change_log,
    change_log_choices,
)
from pmo_desktop.ui.formatting import format_integer
from pmo_desktop.ui.history.filters import ChangeLogFilterBar
from pmo_desktop.ui.history.model import AuditTreeModel
from pmo_desktop.ui.workers import Job, ProgressToken
from pmo_desktop.ui.workspace import Workspace

log = logging.getLogger(__name__)

_SETTINGS = "change_log/"


@dataclass(frozen=True)
class _Loaded:
    page: ChangeLogPage
    choices: ChangeLogChoices


def _load(
    token: ProgressToken, database: Any, log_filter: ChangeLogFilter, offset: int, page_size: int
) -> _Loaded:
    token.raise_if_cancelled()
    choices = change_log_choices(database, log_filter.portfolio_id)
    token.raise_if_cancelled()
    return _Loaded(change_log(database, log_filter, offset=offset, page_size=page_size), choices)


class ChangeLogView(QWidget):
    """Who changed what in the portfolio, when, with the values before and after."""

    loaded = Signal()
    #: Show an object where it lives: its table name (`tasks`, `risks`…) and id.
    open_object = Signal(str, int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.portfolio_id: int | None = None
        self.programme_id: int | None = None
        self.page: ChangeLogPage | None = None
        self.page_size = PAGE_SIZE
        self.offset = 0
        self.error = ""
        self._loaded = False
        self._request = 0
        self._job: Job | None = None

        self.model = AuditTreeModel(self)
        self.title = QLabel(self.tr("Change log"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.filters = ChangeLogFilterBar()
        self.filters.changed.connect(self._on_filter_changed)
        self.tree = self._make_tree()
        self.page_label = QLabel()
        self.newer_button = QPushButton(self.tr("‹ Newer"))
        self.older_button = QPushButton(self.tr("Older ›"))

        heading = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        heading.addLayout(titles, 1)
        heading.addWidget(self.filters.text_edit, 0, Qt.AlignmentFlag.AlignBottom)
        paging = QHBoxLayout()
        paging.addStretch(1)
        paging.addWidget(self.page_label)
        paging.addWidget(self.newer_button)
        paging.addWidget(self.older_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.setSpacing(6)
        layout.addLayout(heading)
        layout.addWidget(self.filters)
        layout.addWidget(self.tree, 1)
        layout.addLayout(paging)
        self._make_actions()
        self.newer_button.clicked.connect(self.newer_action.trigger)
        self.older_button.clicked.connect(self.older_action.trigger)
        workspace.data_changed.connect(self._on_data_changed)
        workspace.database_changed.connect(self._on_database_changed)
        self._update_paging()

    def _make_tree(self) -> QTreeView:
        tree = QTreeView()
        tree.setModel(self.model)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setExpandsOnDoubleClick(False)
        tree.doubleClicked.connect(self._open_index)
        width = self.fontMetrics().horizontalAdvance
        header = tree.header()
        header.setStretchLastSection(True)
        for column, size in (
            (AuditTreeModel.WHEN, width("30/12/2026 23:59") + 36),
            (AuditTreeModel.WHO, width("M") * 10),
            (AuditTreeModel.ACTION, width("Imported") + 18),
            (AuditTreeModel.OBJECT, width("M") * 20),
            (AuditTreeModel.FIELD, width("M") * 10),
            (AuditTreeModel.BEFORE, width("M") * 16),
        ):
            header.resizeSection(column, size)
        return tree

    def _make_actions(self) -> None:
        self.filter_action = QAction(self.tr("&Filter changes"), self)
        self.filter_action.triggered.connect(self.filters.focus_text)
        self.clear_filters_action = QAction(self.tr("&Clear change-log filters"), self)
        self.clear_filters_action.triggered.connect(self.filters.clear)
        self.newer_action = QAction(self.tr("&Newer changes"), self)
        self.newer_action.setShortcut(QKeySequence("Alt+PgUp"))
        self.newer_action.triggered.connect(self.show_newer)
        self.older_action = QAction(self.tr("&Older changes"), self)
        self.older_action.setShortcut(QKeySequence("Alt+PgDown"))
        self.older_action.triggered.connect(self.show_older)
        self.open_action = QAction(self.tr("&Open changed item"), self)
        self.open_action.setShortcut(QKeySequence(Qt.Key.Key_Return))
        self.open_action.triggered.connect(lambda: self._open_index(self.tree.currentIndex()))
        for action in self.actions_for_menu():
            if action is not self.open_action:
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.addAction(action)
        # Enter opens the current change only in the list (the search box keeps its Enter).
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.tree.addAction(self.open_action)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.tree.addAction(self.clear_filters_action)

    def actions_for_menu(self) -> list[QAction]:
        return [
            self.open_action, self.newer_action, self.older_action,
            self.filter_action, self.clear_filters_action,
        ]  # fmt: skip

    def focus_filter(self) -> None:
        """Ctrl+F on the change log: the search box."""
        self.filter_action.trigger()

    # The view contract.

    def is_loaded(self) -> bool:
        return self._loaded

    def show_portfolio(self, portfolio_id: int, programme_id: int | None = None) -> None:
        """Show the changes of the portfolio, or of one programme and its projects."""
        if (portfolio_id, programme_id) != (self.portfolio_id, self.programme_id):
            self.offset = 0
            self.page = None
            self.model.set_records([])
        self.portfolio_id, self.programme_id = portfolio_id, programme_id
        self._start_loading()

    def cancel_loading(self) -> None:
        if self._job is not None:
            self._job.cancel()
        self._job = None
        self._request += 1

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(_SETTINGS + "header", self.tree.header().saveState())

    def restore_state(self, settings: QSettings) -> None:
        value = settings.value(_SETTINGS + "header")
        if isinstance(value, QByteArray):
            self.tree.header().restoreState(value)

    def current_filter(self) -> ChangeLogFilter:
        return self.filters.log_filter(self.portfolio_id, self.programme_id)

    # Paging.

    def show_newer(self) -> None:
        if self.offset > 0:
            self.offset = max(0, self.offset - self.page_size)
            self._start_loading()

    def show_older(self) -> None:
        if self.page is not None and self.page.has_older:
            self.offset += self.page_size
            self._start_loading()

    # Loading.

    def _start_loading(self) -> None:
        self.cancel_loading()
        self._loaded = False
        self.error = ""
        if self.portfolio_id is None:
            return
        request = self._request
        job = self.workspace.pool.submit(
            _load, self.workspace.database, self.current_filter(), self.offset, self.page_size
        )
        job.succeeded.connect(lambda result: self._on_loaded(request, result))
        job.failed.connect(lambda error: self._on_failed(request, error))
        self._job = job

    def _on_loaded(self, request: int, result: _Loaded) -> None:
        if request != self._request:
            return
        self._job = None
        page = result.page
        if not page.records and page.offset > 0 and page.total > 0:
            # The page emptied (a narrower filter, rows gone): show the last one instead.
            self.offset = max(0, (page.total - 1) // self.page_size * self.page_size)
            self._start_loading()
            return
        self.page = page
        self.filters.fill_choices(result.choices)
        self.model.set_records(page.records)
        self.tree.expandAll()
        self._update_paging()
        self._loaded = True
        self.loaded.emit()

    def _on_failed(self, request: int, error: object) -> None:
        if request != self._request:
            return
        self._job = None
        self.error = str(error) if isinstance(error, PmoError) else repr(error)
        log.warning("Change log not read: %s", self.error)
        self.subtitle.setText(
            self.tr("The change log could not be read: {error}").format(error=self.error)
        )
        self._loaded = True
        self.loaded.emit()

    def _on_filter_changed(self) -> None:
        self.offset = 0
        self._start_loading()

    def _on_data_changed(self, _models: set[type[Entity]] | None) -> None:
        if self.portfolio_id is not None:
            self._start_loading()

    def _on_database_changed(self) -> None:
        self.cancel_loading()
        self.portfolio_id = self.programme_id = None
        self.page = None
        self.offset = 0
        self.model.set_records([])
        self.filters.fill_choices(ChangeLogChoices((), (), ()))
        self._update_paging()

    def _update_paging(self) -> None:
        page = self.page
        total = page.total if page is not None else 0
        shown = len(page.records) if page is not None else 0
        if page is None:
            self.subtitle.setText("")
        elif total == 0:
            self.subtitle.setText(
                self.tr("No change matches these filters.")
                if self.filters.is_filtering()
                else self.tr("No change recorded yet.")
            )
        else:
            self.subtitle.setText(self._count_text(total))
        first = page.offset + 1 if shown and page is not None else 0
        self.page_label.setText(
            self.tr("{first}–{last} of {total}").format(
                first=format_integer(first),
                last=format_integer(first + shown - 1 if shown else 0),
                total=format_integer(total),
            )
        )
        has_newer = page is not None and page.has_newer
        has_older = page is not None and page.has_older
        self.newer_action.setEnabled(has_newer)
        self.older_action.setEnabled(has_older)
        self.newer_button.setEnabled(has_newer)
        self.older_button.setEnabled(has_older)

    def _count_text(self, total: int) -> str:
        count = format_integer(total)
        if self.filters.is_filtering():
            if total == 1:
                return self.tr("1 change matches these filters")
            return self.tr("{count} changes match these filters").format(count=count)
        if total == 1:
            return self.tr("1 change recorded")
        return self.tr("{count} changes recorded, newest first").format(count=count)

    # Opening.

    def _open_index(self, index: QModelIndex) -> None:
        record = self.model.record_at(index)
        if record is None or record.is_import:
            if record is not None and record.project_id is not None:
                self.open_object.emit("projects", record.project_id)
            return
        self.open_object.emit(record.entity, record.entity_id)
