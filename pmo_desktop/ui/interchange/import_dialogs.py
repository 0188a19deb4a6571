"""What an import would do, before it does it: the dry run's summary and every bad cell of
a workbook of ours, and the column mapping of a user's own risk sheet."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

translate = QCoreApplication.translate
ERROR_COLOUR = QColor("#B3261E")
#: Our risk columns a user's header may be named differently (lower case; first wins).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "Title": ("title", "risk", "risk title", "name", "titre", "risque"),
    "Owner": ("owner", "risk owner", "responsable", "propriétaire"),
    "Probability": ("probability", "likelihood", "probabilité", "p"),
    "Impact schedule": ("impact schedule", "schedule impact", "impact délai", "impact"),
    "Impact cost": ("impact cost", "cost impact", "impact coût"),
    "Category": ("category", "type", "catégorie"),
    "Status": ("status", "state", "statut"),
    "Response": ("response", "strategy", "response strategy", "réponse"),
    "Response plan": ("response plan", "mitigation", "actions", "plan de réponse"),
    "Review date": ("review date", "next review", "date de revue"),
    "Proximity": ("proximity", "due", "proximité"),
}


def _errors_table(errors: Sequence[Any]) -> QTableWidget:
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
            self.errors_table = _errors_table(errors)
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


class ColumnMappingDialog(QDialog):
    """Which column of the user's sheet holds each of our risk columns.

    `check_requested(sheet, mapping)` asks the owner to run the dry run; `show_result`
    shows its errors, and Import is enabled only after a clean check of this mapping.
    """

    check_requested = Signal(str, object)
    sheet_changed = Signal(str)

    def __init__(
        self,
        file_name: str,
        our_columns: Sequence[str],
        sheet_names: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import risks from {name}").format(name=file_name))
        self.setMinimumSize(860, 560)
        self._ours = list(our_columns)
        self._checked: tuple[str, tuple[tuple[str, str], ...]] | None = None

        intro = QLabel(
            self.tr(
                "This workbook is not one of ours. Say which of its columns holds each "
                "field of a risk (Title at least), check, then import. Rows with an ID of "
                "ours update that risk; the others are added."
            )
        )
        intro.setWordWrap(True)
        self.sheet_combo = QComboBox()
        self.sheet_combo.addItems(list(sheet_names))
        self.sheet_combo.currentTextChanged.connect(self.sheet_changed)

        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        form.addRow(self.tr("&Sheet:"), self.sheet_combo)
        fields = QWidget()
        grid = QFormLayout(fields)
        for name in self._ours:
            combo = QComboBox()
            combo.currentIndexChanged.connect(self._on_mapping_changed)
            self.combos[name] = combo
            grid.addRow(name + ":", combo)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(fields)

        self.sample = QTableWidget(0, 0)
        self.sample.verticalHeader().hide()
        self.sample.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.errors_host = QVBoxLayout()

        self.check_button = QPushButton(self.tr("&Check"))
        self.check_button.clicked.connect(self._request_check)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        columns = QHBoxLayout()
        columns.addWidget(scroll, 2)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("First rows of the sheet:")))
        right.addWidget(self.sample, 1)
        right.addWidget(self.result)
        right.addLayout(self.errors_host, 1)
        columns.addLayout(right, 3)
        bottom = QHBoxLayout()
        bottom.addWidget(self.check_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)

    # ---------------------------------------------------------------- content
    def set_sheet(self, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Show a sheet's header in the combos (guessing the obvious ones) and its rows."""
        choices = [str(value) for value in header if str(value or "").strip()]
        folded = {choice.strip().casefold(): choice for choice in choices}
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(not imported)"), "")
            for choice in choices:
                combo.addItem(choice, choice)
            guesses = (name.casefold(), *SYNONYMS.get(name, ()))
            match = next((folded[g] for g in guesses if g in folded), None)
            combo.setCurrentIndex(combo.findData(match) if match else 0)
            combo.blockSignals(False)
        self.sample.setColumnCount(len(header))
        self.sample.setHorizontalHeaderLabels([str(value or "") for value in header])
        self.sample.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                text = "" if value is None else str(value)
                self.sample.setItem(row, column, QTableWidgetItem(text))
        self.sample.resizeColumnsToContents()
        self._on_mapping_changed()

    def mapping(self) -> dict[str, str]:
        """Our column → their header, for the columns the user mapped."""
        return {
            name: str(combo.currentData())
            for name, combo in self.combos.items()
            if combo.currentData()
        }

    def sheet(self) -> str:
        return self.sheet_combo.currentText()

    def _key(self) -> tuple[str, tuple[tuple[str, str], ...]]:
        return self.sheet(), tuple(sorted(self.mapping().items()))

    def _on_mapping_changed(self, *_args: object) -> None:
        self.import_button.setEnabled(self._checked == self._key())
        self.check_button.setEnabled("Title" in self.mapping())

    def _request_check(self) -> None:
        self.check_requested.emit(self.sheet(), self.mapping())

    def show_result(self, summary: str, errors: Sequence[Any], checked: dict[str, str]) -> None:
        """The dry run of `checked` (the mapping it ran with): clean enables Import."""
        while self.errors_host.count():
            item = self.errors_host.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        clean = not errors
        self.result.setText(
            self.tr("Checked: {summary}. Nothing is imported yet.").format(summary=summary)
            if clean
            else self.tr("Problems found: {count}. Nothing can be imported yet.").format(
                count=len(errors)
            )
        )
        self.result.setStyleSheet("" if clean else f"color: {ERROR_COLOUR.name()};")
        if errors:
            self.errors_host.addWidget(_errors_table(errors))
        self._checked = (self.sheet(), tuple(sorted(checked.items()))) if clean else None
        self._on_mapping_changed()
