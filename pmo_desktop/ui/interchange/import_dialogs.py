"""What an import would do, before it does it: the dry run's summary and every bad cell of
a workbook of ours (the column mapping of a user's own sheet: `mapping_dialog`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

translate = QCoreApplication.translate
ERROR_COLOUR = QColor("#B3261E")


def errors_table(errors: Sequence[Any]) -> QTableWidget:
    """A table of row errors (sheet, row, column, message)."""
    table = QTableWidget(len(errors), 4)
    table.setHorizontalHeaderLabels(
        [
            translate("ImportPreviewDialog", "Sheet"),
            translate("ImportPreviewDialog", "Row"),
            translate("ImportPreviewDialog", "Column"),
            translate("ImportPreviewDialog", "Problem"),
        ]
    )
    for row, error in enumerate(errors):
        values = (error.sheet, str(error.row), error.column, error.message)
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(row, column, item)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
    table.resizeColumnsToContents()
    return table


class ImportPreviewDialog(QDialog):
    """The dry run of a workbook: what it would create and update, or every bad cell.

    Import is offered only when the dry run found nothing wrong (nothing is half-imported).
    """

    def __init__(
        self,
        file_name: str,
        lines: Sequence[str],
        errors: Sequence[Any],
        problems: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import {name}").format(name=file_name))
        self.setMinimumSize(720, 360)
        ok = not errors and not problems
        headline = QLabel(
            self.tr("Nothing is imported yet. The file was checked:")
            if ok
            else self.tr("The file has problems. Nothing was imported: correct them and try again.")
        )
        headline.setWordWrap(True)
        if not ok:
            headline.setStyleSheet(f"color: {ERROR_COLOUR.name()}; font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addWidget(headline)
        summary = QLabel("\n".join(line.strip() for line in lines))
        summary.setWordWrap(True)
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        summary.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(summary)
        scroll.setMaximumHeight(160 if errors or problems else 400)
        layout.addWidget(scroll)
        self.errors_table: QTableWidget | None = None
        if errors:
            self.errors_table = errors_table(errors)
            layout.addWidget(self.errors_table, 1)
        if problems:
            listing = QLabel("\n".join(problems))
            listing.setWordWrap(True)
            layout.addWidget(listing, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
