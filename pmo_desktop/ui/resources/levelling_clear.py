"""Clear Levelling… (MS Project's "Clear Leveling"): take the levelling delays off every task
of the shown scope (a programme, else the whole portfolio) as one undoable command. The
command is prepared in a worker (the plan of a large portfolio takes seconds to read)."""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from pmo_desktop.errors import PmoError
from pmo_desktop.services.levelling import levelling_scopes
from pmo_desktop.services.levelling_commands import ApplyLevelling, clear_levelling
from pmo_desktop.storage.database import Database
from pmo_desktop.ui.workers import Job, ProgressToken
from pmo_desktop.ui.workspace import Workspace

log = logging.getLogger(__name__)


class ShownScope(Protocol):
    """A view showing a portfolio (None: none yet), or one programme of it (None: all)."""

    portfolio_id: int | None
    programme_id: int | None


def _command(
    token: ProgressToken, database: Database, portfolio_id: int, programme_id: int | None
) -> ApplyLevelling:
    if programme_id is None:
        return clear_levelling(database, portfolio_id)
    return clear_levelling(database, portfolio_id, "programme", programme_id)


class LevellingClearer(QObject):
    """Confirm, prepare the command in the background, then execute it (one undo step)."""

    #: Emitted when done: whether delays were cleared.
    finished = Signal(bool)

    def __init__(self, workspace: Workspace, parent: QWidget) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.widget = parent
        self._job: Job | None = None
        self._request = 0

    @property
    def busy(self) -> bool:
        return self._job is not None

    def clear(self, portfolio_id: int, programme_id: int | None = None) -> None:
        """Ask, then clear the delays of the programme's projects (None: the portfolio's)."""
        if self._job is not None or self.workspace.read_only:
            return
        scope = self._scope_name(portfolio_id, programme_id)
        title = self.tr("Clear Levelling")
        question = self.tr(
            "Remove the levelling delays of every task in {scope}?\n\nThe tasks go back to "
            "the dates their links and constraints give. You can undo this."
        ).format(scope=scope)
        if not self.workspace.dialogs.question(self.widget, title, question):
            self.finished.emit(False)
            return
        self._request += 1
        request = self._request
        job = self.workspace.pool.submit(
            _command, self.workspace.database, portfolio_id, programme_id
        )
        job.succeeded.connect(lambda command: self._on_ready(request, command, scope))
        job.failed.connect(lambda error: self._on_failed(request, error))
        job.cancelled.connect(lambda: self._on_failed(request, None))
        self._job = job

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self._request += 1

    def _scope_name(self, portfolio_id: int, programme_id: int | None) -> str:
        if programme_id is not None:
            try:
                programmes, _ = levelling_scopes(self.workspace.database, portfolio_id)
            except PmoError:
                programmes = []
            for found, name in programmes:
                if found == programme_id:
                    return self.tr("the programme {name}").format(name=name)
        return self.tr("the whole portfolio")

    def _on_ready(self, request: int, command: ApplyLevelling, scope: str) -> None:
        if request != self._request:
            return
        self._job = None
        if not command.steps:
            self.workspace.dialogs.information(
                self.widget,
                self.tr("Clear Levelling"),
                self.tr("No task in {scope} has a levelling delay.").format(scope=scope),
            )
            self.finished.emit(False)
            return
        command.text = self.tr("Clear levelling")
        self.finished.emit(self.workspace.execute(command))

    def _on_failed(self, request: int, error: object) -> None:
        if request != self._request:
            return
        self._job = None
        if error is not None:
            message = str(error) if isinstance(error, PmoError) else repr(error)
            log.warning("Clear levelling failed: %s", message)
            self.workspace.dialogs.critical(self.widget, self.tr("Levelling not cleared"), message)
        self.finished.emit(False)


class ClearLevellingAction(QAction):
    """A view's Clear Levelling… action (Ctrl+Shift+K), on the portfolio or programme the
    view shows."""

    def __init__(self, workspace: Workspace, view: QWidget) -> None:
        super().__init__(view)
        self.clearer = LevellingClearer(workspace, view)
        self.view = view
        self.setText(self.tr("C&lear Levelling…"))
        self.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.setStatusTip(
            self.tr("Remove the levelling delays of the shown tasks: they go back to their dates")
        )
        self.triggered.connect(self._on_triggered)
        view.addAction(self)

    def _on_triggered(self) -> None:
        shown: ShownScope = self.view  # type: ignore[assignment]
        if shown.portfolio_id is not None:
            self.clearer.clear(shown.portfolio_id, shown.programme_id)
