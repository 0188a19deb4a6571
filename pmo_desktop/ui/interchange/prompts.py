"""The file choosers of import and export, behind one object that tests replace."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from pmo_desktop.ui.reports.prompts import ReportPrompts


class InterchangePrompts(ReportPrompts):
    """Qt's standard choosers, plus the file to import."""

    def open_file(
        self, parent: QWidget | None, title: str, directory: Path, filters: str
    ) -> Path | None:
        path, _filter = QFileDialog.getOpenFileName(parent, title, str(directory), filters)
        return Path(path) if path else None
