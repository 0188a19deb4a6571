"""Every modal question and message of the shell, behind one object that tests replace.

Modal dialogs block a test run; windows take a `Dialogs` and tests pass a scripted one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from pmo_desktop.errors import ConflictError
    from pmo_desktop.services.commands import Command
    from pmo_desktop.services.conflicts import LastChange
    from pmo_desktop.services.database import Database
    from pmo_desktop.services.row_conflicts import RowConflict, RowKey
    from pmo_desktop.ui.connect_dialog import ServerConnection
    from pmo_desktop.ui.preferences import Preferences
    from pmo_desktop.ui.welcome import WelcomeChoice


class Dialogs(QObject):
    """Standard Qt dialogs: questions, messages and database file choosers."""

    def critical(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.critical(parent, title, text)

    def information(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def question(self, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    def about(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.about(parent, title, text)

    def about_application(self, parent: QWidget | None, database_location: str) -> None:
        """The About dialog: versions, database and log file locations."""
        from pmo_desktop.logs import current_log_file
        from pmo_desktop.ui.about import AboutDialog

        dialog = AboutDialog(
            database_location=database_location, log_file=current_log_file(), parent=parent
        )
        dialog.exec()
        dialog.deleteLater()

    def connect_to_server(self, parent: QWidget | None) -> ServerConnection | None:
        """Ask where the PostgreSQL server is and who connects; None if cancelled."""
        from pmo_desktop.ui.connect_dialog import ConnectDialog

        dialog = ConnectDialog(parent)
        try:
            dialog.exec()
            return dialog.connection
        finally:
            dialog.deleteLater()

    def welcome(self, parent: QWidget | None) -> WelcomeChoice | None:
        """The first-run welcome: demo, new database, server, or a recent one; None if skipped."""
        from pmo_desktop.ui.welcome import WelcomeDialog

        dialog = WelcomeDialog(parent)
        try:
            dialog.exec()
            return dialog.choice
        finally:
            dialog.deleteLater()

    def edit_task(self, parent: QWidget | None, database: Database, task_id: int) -> Command | None:
        """The task dialog; the command for the user's changes, None if cancelled or unchanged."""
        from pmo_desktop.ui.task_dialog import TaskDialog

        dialog = TaskDialog(database, task_id, parent)
        try:
            if dialog.exec() != TaskDialog.DialogCode.Accepted:
                return None
            return dialog.result_command
        finally:
            dialog.deleteLater()

    def resolve_conflict(
        self,
        parent: QWidget | None,
        error: ConflictError,
        who: LastChange | None,
        base: Mapping[str, Any] | None = None,
    ) -> dict[str, Any] | None:
        """Someone else saved the row: the values to save at their version; None keeps theirs."""
        from pmo_desktop.ui.conflicts import ConflictDialog

        dialog = ConflictDialog(error, who, base, parent)
        try:
            dialog.exec()
            return dialog.values
        finally:
            dialog.deleteLater()

    def resolve_row_conflicts(
        self, parent: QWidget | None, rows: Sequence[RowConflict], text: str = ""
    ) -> dict[RowKey, str] | None:
        """Others saved rows of a multi-row change: MINE or THEIRS per row; None: cancel."""
        from pmo_desktop.ui.row_conflict_dialog import RowConflictDialog

        dialog = RowConflictDialog(rows, text, parent)
        try:
            dialog.exec()
            return dialog.picked
        finally:
            dialog.deleteLater()

    def choose_baseline(
        self, parent: QWidget | None, has_selection: bool
    ) -> tuple[int, bool] | None:
        """Which baseline (0–10) to set, and whether for the selected tasks only; None: cancel."""
        from pmo_desktop.ui.gantt.baseline_dialog import BaselineDialog

        dialog = BaselineDialog(has_selection, parent)
        try:
            if dialog.exec() != BaselineDialog.DialogCode.Accepted:
                return None
            return dialog.choice()
        finally:
            dialog.deleteLater()

    def preferences(self, parent: QWidget | None) -> Preferences | None:
        """Edit the preferences; the saved new values, or None if nothing changed."""
        from pmo_desktop.ui.preferences import edit_preferences

        return edit_preferences(parent, QSettings())

    def open_database_file(self, parent: QWidget | None, directory: Path) -> Path | None:
        path, _filter = QFileDialog.getOpenFileName(
            parent, self.tr("Open database"), str(directory), self._filters()
        )
        return Path(path) if path else None

    def new_database_file(self, parent: QWidget | None, directory: Path) -> Path | None:
        """A path for a new database file; the caller refuses one that already exists."""
        path, _filter = QFileDialog.getSaveFileName(
            parent,
            self.tr("New database"),
            str(directory / "portfolio.sqlite"),
            self._filters(),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        return Path(path) if path else None

    def _filters(self) -> str:
        return ";;".join(
            (
                self.tr("PMO Desktop databases (*.sqlite *.db)"),
                self.tr("All files (*)"),
            )
        )
