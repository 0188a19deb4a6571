"""Every modal question and message of the shell, behind one object that tests replace.

Modal dialogs block a test run; windows take a `Dialogs` and tests pass a scripted one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


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
