"""The report commands' file, colour and name choosers, behind one object that tests replace.

Modal choosers block a test run: the dialog and the window's report commands take a
`ReportPrompts`, and tests pass a scripted one (as `ui.dialogs.Dialogs` does for the shell).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QFileDialog, QInputDialog, QLineEdit, QWidget

from pmo_desktop.ui.dialogs import Dialogs


class ReportPrompts(Dialogs):
    """Qt's standard choosers for report files, logos, colours and template names."""

    def save_file(
        self, parent: QWidget | None, title: str, default: Path, filters: str
    ) -> Path | None:
        """A path to write; the file chooser asks before replacing an existing file."""
        path, _filter = QFileDialog.getSaveFileName(parent, title, str(default), filters)
        return Path(path) if path else None

    def open_image(self, parent: QWidget | None, directory: Path) -> Path | None:
        path, _filter = QFileDialog.getOpenFileName(
            parent,
            self.tr("Choose the organisation's logo"),
            str(directory),
            self.tr("Images (*.png *.jpg *.jpeg)"),
        )
        return Path(path) if path else None

    def colour(self, parent: QWidget | None, title: str, initial: str) -> str | None:
        """A colour as '#RRGGBB', or None if cancelled."""
        chosen = QColorDialog.getColor(QColor(initial), parent, title)
        return chosen.name().upper() if chosen.isValid() else None

    def text(self, parent: QWidget | None, title: str, label: str, default: str) -> str | None:
        value, accepted = QInputDialog.getText(
            parent, title, label, QLineEdit.EchoMode.Normal, default
        )
        return value if accepted else None
