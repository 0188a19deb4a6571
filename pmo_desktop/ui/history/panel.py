"""The History panel: every recorded change of the object selected in the current view.

A dock's content. The main window connects each view's selection to `show_object(entity,
entity_id)` (the table name and id of the row). The history is read in a worker (newest
request wins) and read again after any change of the data.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.errors import PmoError
from pmo_desktop.models import Entity
from pmo_desktop.services.audit_log import AuditRecord, object_history
from pmo_desktop.ui.formatting import format_integer
from pmo_desktop.ui.history.model import NO_PARENT, AuditTreeModel, entity_label, object_label
from pmo_desktop.ui.workers import Job, ProgressToken
from pmo_desktop.ui.workspace import Workspace

log = logging.getLogger(__name__)

_SETTINGS = "history/"


def _load(token: ProgressToken, database: Any, entity: str, entity_id: int) -> list[AuditRecord]:
    token.raise_if_cancelled()
    return object_history(database, entity, entity_id)


class HistoryPanel(QWidget):
    """Who changed the selected object, when, and each field before → after."""

    loaded = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.entity: str | None = None
        self.entity_id: int | None = None
        self.error = ""
        self._loaded = False
        self._request = 0
        self._job: Job | None = None

        self.model = AuditTreeModel(self, compact=True)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._title = ""
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: palette(placeholder-text);")
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        width = self.fontMetrics().horizontalAdvance
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.resizeSection(0, width("Remaining duration") + 30)
        # A dock is narrow: the values share what is left.
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(self.tree, 1)
        workspace.data_changed.connect(self._on_data_changed)
        workspace.database_changed.connect(self.clear)
        self.clear()

    def set_title(self, title: str) -> None:
        """The heading, cut with "…" to the panel's width (whole in the tooltip)."""
        self._title = title
        self._elide_title()

    def _elide_title(self) -> None:
        width = max(40, self.title.width())
        metrics = self.title.fontMetrics()
        self.title.setText(metrics.elidedText(self._title, Qt.TextElideMode.ElideRight, width))
        self.title.setToolTip(self._title)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide_title()

    def title_text(self) -> str:
        return self._title

    # Contract.

    def is_loaded(self) -> bool:
        return self._loaded

    @Slot(str, int)
    def show_object(self, entity: str, entity_id: int) -> None:
        """Show the history of one object: its table name (`tasks`, `risks`…) and id."""
        if (entity, entity_id) != (self.entity, self.entity_id):
            self.model.set_records([])
            self.set_title(f"{entity_label(entity)} #{entity_id}")
        self.entity, self.entity_id = entity, entity_id
        self._start_loading()

    @Slot()
    def clear(self) -> None:
        """Nothing selected: say how to get a history."""
        self.cancel_loading()
        self.entity = self.entity_id = None
        self.model.set_records([])
        self.set_title(self.tr("History"))
        self.status.setText(self.tr("Select a task, risk or other item to see its changes."))
        self._loaded = True

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

    # Loading.

    def _start_loading(self) -> None:
        self.cancel_loading()
        self._loaded = False
        self.error = ""
        if self.entity is None or self.entity_id is None:
            return
        request = self._request
        job = self.workspace.pool.submit(
            _load, self.workspace.database, self.entity, self.entity_id
        )
        job.succeeded.connect(lambda records: self._on_loaded(request, records))
        job.failed.connect(lambda error: self._on_failed(request, error))
        self._job = job

    def _on_loaded(self, request: int, records: list[AuditRecord]) -> None:
        if request != self._request:
            return
        self._job = None
        self.model.set_records(records)
        if records:
            self.set_title(object_label(records[0]))
            self.status.setText(
                self.tr("1 recorded change")
                if len(records) == 1
                else self.tr("{count} recorded changes, newest first").format(
                    count=format_integer(len(records))
                )
            )
        else:
            self.status.setText(self.tr("No recorded changes."))
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, NO_PARENT, True)
        self.tree.expandAll()
        self._loaded = True
        self.loaded.emit()

    def _on_failed(self, request: int, error: object) -> None:
        if request != self._request:
            return
        self._job = None
        self.error = str(error) if isinstance(error, PmoError) else repr(error)
        log.warning("History not read: %s", self.error)
        self.status.setText(
            self.tr("The history could not be read: {error}").format(error=self.error)
        )
        self._loaded = True
        self.loaded.emit()

    def _on_data_changed(self, _models: set[type[Entity]] | None) -> None:
        if self.entity is not None:
            self._start_loading()
