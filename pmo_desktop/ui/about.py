"""The About dialog: what is running (versions), where its data and log are, and licences.

"Copy details" puts the same facts on the clipboard as plain text, for a support request.
"""

from __future__ import annotations

import platform
import sys
from pathlib import Path

import PySide6
import sqlalchemy
from PySide6.QtCore import Qt, Slot, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop import __version__
from pmo_desktop.ui.recent import safe_display


def runtime_versions() -> dict[str, str]:
    """Versions of what runs the application, in display order."""
    return {
        "PMO Desktop": __version__,
        "Python": platform.python_version(),
        "Qt": qVersion(),
        "PySide6": PySide6.__version__,
        "SQLAlchemy": sqlalchemy.__version__,
        "System": f"{platform.system()} {platform.release()} ({platform.machine()})",
    }


class AboutDialog(QDialog):
    """Version, runtime, database and log locations, licences, and a "Copy details" button."""

    def __init__(
        self,
        *,
        database_location: str | None = None,
        log_file: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About PMO Desktop"))
        self.versions = runtime_versions()
        self.database_location = safe_display(database_location) or self.tr("(no database open)")
        self.log_file = str(log_file) if log_file is not None else self.tr("(not written)")

        title = QLabel(self.tr("PMO Desktop {version}").format(version=__version__))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        tagline = QLabel(self.tr("Portfolio, schedule, resource and risk management for a PMO."))
        tagline.setWordWrap(True)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.value_labels: dict[str, QLabel] = {}
        rows = [
            (self.tr("Python:"), self.versions["Python"]),
            (self.tr("Qt:"), self.tr("{qt} (PySide6 {pyside})").format(
                qt=self.versions["Qt"], pyside=self.versions["PySide6"])),
            (self.tr("SQLAlchemy:"), self.versions["SQLAlchemy"]),
            (self.tr("System:"), self.versions["System"]),
            (self.tr("Database:"), self.database_location),
            (self.tr("Log file:"), self.log_file),
        ]  # fmt: skip
        for caption, value in rows:
            label = QLabel(value)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            label.setMinimumWidth(360)
            form.addRow(caption, label)
            self.value_labels[caption.rstrip(":")] = label

        licences = QLabel(
            self.tr(
                "© PMO Desktop team. Built with Qt and PySide6 (LGPL v3), SQLAlchemy and "
                "Alembic (MIT), psycopg (LGPL v3), matplotlib (PSF-based licence), keyring "
                "(MIT) and platformdirs (MIT)."
            )
        )
        licences.setWordWrap(True)
        licences.setStyleSheet("color: palette(placeholder-text);")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("&Copy details"))
        self.copy_button.clicked.connect(self.copy_details)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setDefault(True)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(tagline)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(licences)
        layout.addWidget(buttons)
        self.close_button.setFocus()

    def details_text(self) -> str:
        """Plain-text facts for a support request (English labels, any UI language)."""
        lines = [f"{name}: {value}" for name, value in self.versions.items()]
        lines.append(f"Python executable: {sys.executable}")
        lines.append(f"Database: {self.database_location}")
        lines.append(f"Log file: {self.log_file}")
        return "\n".join(lines)

    @Slot()
    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())
