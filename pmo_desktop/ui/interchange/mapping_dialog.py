"""The column mapping of a user's own sheet: tasks into a project, resources into the pool,
or risks into the register.

The dialog guesses what the sheet holds and which of its columns holds each of our fields
(`services.interchange.user_sheets`); the user picks the sheet, the kind, the project (for
tasks) and each column, then checks. Import is enabled only after a clean dry run of exactly
what is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.services.interchange.user_sheets import SHEET_KINDS, SheetKind, guess_kind
from pmo_desktop.services.interchange.user_tasks import DURATION_UNITS
from pmo_desktop.ui.interchange.import_dialogs import ERROR_COLOUR, errors_table

translate = QCoreApplication.translate
_CONTEXT = "ColumnMappingDialog"
#: Our task and resource columns, for the translators (looked up by `translate`).
_LABELS = (
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "ID"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Name"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Outline level"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "WBS"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Parent"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Duration"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Start"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Finish"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "% complete"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Predecessors"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Resources"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Notes"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Milestone"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Type"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Role"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Team"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Max units"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Standard rate"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Overtime rate"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Cost per use"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Calendar"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Email"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Code"),
)
_KIND_ORDER = ("tasks", "resources", "risks")
_SAMPLE_WIDTH = 220


class ColumnMappingDialog(QDialog):
    """Which column of the user's sheet holds each of our fields, for the chosen kind.

    `check_requested(sheet, mapping)` asks the owner to run the dry run of `kind()` (with
    `project_id()` and `duration_unit()` for tasks); `show_result` shows its errors, and
    Import is enabled only after a clean check of these exact choices.
    """

    check_requested = Signal(str, object)
    sheet_changed = Signal(str)

    def __init__(
        self,
        file_name: str,
        sheet_names: Sequence[str],
        *,
        projects: Sequence[tuple[int, str]] = (),
        project_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._file_name = file_name
        self.setMinimumSize(920, 600)
        self._header: list[str] = []
        self._checked: tuple[Any, ...] | None = None

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.sheet_combo = QComboBox()
        self.sheet_combo.addItems(list(sheet_names))
        self.sheet_combo.currentTextChanged.connect(self.sheet_changed)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("Tasks, into a project"), "tasks")
        self.kind_combo.addItem(self.tr("Resources, into the resource pool"), "resources")
        self.kind_combo.addItem(self.tr("Risks, into the risk register"), "risks")
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.project_combo = QComboBox()
        for key, label in projects:
            self.project_combo.addItem(label, key)
        if project_id is not None and self.project_combo.findData(project_id) >= 0:
            self.project_combo.setCurrentIndex(self.project_combo.findData(project_id))
        self.project_combo.currentIndexChanged.connect(self._on_mapping_changed)
        self.unit_combo = QComboBox()
        for unit, label in zip(DURATION_UNITS, (self.tr("days"), self.tr("hours"),
                               self.tr("weeks"), self.tr("months"), self.tr("minutes")),
                               strict=True):  # fmt: skip
            self.unit_combo.addItem(label, unit)
        self.unit_combo.currentIndexChanged.connect(self._on_mapping_changed)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for combo in (self.sheet_combo, self.kind_combo, self.project_combo, self.unit_combo):
            combo.setMinimumWidth(360)
        form.addRow(self.tr("&Sheet:"), self.sheet_combo)
        form.addRow(self.tr("Import &as:"), self.kind_combo)
        self.project_label = QLabel(self.tr("&Project:"))
        self.project_label.setBuddy(self.project_combo)
        form.addRow(self.project_label, self.project_combo)
        self.unit_label = QLabel(self.tr("Plain &numbers in Duration are:"))
        self.unit_label.setBuddy(self.unit_combo)
        form.addRow(self.unit_label, self.unit_combo)

        self.combos: dict[str, QComboBox] = {}
        fields = QWidget()
        self.grid = QFormLayout(fields)
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
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Our field ← your column:")))
        left.addWidget(scroll, 1)
        columns.addLayout(left, 2)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("First rows of the sheet:")))
        right.addWidget(self.sample, 1)
        right.addWidget(self.result)
        right.addLayout(self.errors_host, 2)
        columns.addLayout(right, 3)
        bottom = QHBoxLayout()
        bottom.addWidget(self.check_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)
        self._build_fields()

    # ---------------------------------------------------------------- choices
    def kind(self) -> SheetKind:
        return SHEET_KINDS[str(self.kind_combo.currentData())]

    def set_kind(self, key: str) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(key))

    def project_id(self) -> int | None:
        data = self.project_combo.currentData()
        return int(data) if data is not None else None

    def duration_unit(self) -> str:
        return str(self.unit_combo.currentData())

    def sheet(self) -> str:
        return self.sheet_combo.currentText()

    def mapping(self) -> dict[str, str]:
        """Our column → their header, for the columns the user mapped."""
        return {
            name: str(combo.currentData())
            for name, combo in self.combos.items()
            if combo.currentData()
        }

    # ---------------------------------------------------------------- content
    def set_sheet(self, header: Sequence[Any], rows: Sequence[Sequence[Any]]) -> None:
        """Show a sheet: guess its kind and the obvious columns, and show its first rows."""
        self._header = [str(value or "") for value in header]
        guessed = guess_kind(self._header).key
        if guessed != self.kind_combo.currentData():
            self.set_kind(guessed)  # rebuilds the fields with the new header
        else:
            self._fill_fields()
        self.sample.clear()
        self.sample.setColumnCount(len(header))
        self.sample.setHorizontalHeaderLabels(self._header)
        self.sample.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.sample.setItem(row, column, QTableWidgetItem(_shown(value)))
        self.sample.resizeColumnsToContents()
        for column in range(self.sample.columnCount()):
            if self.sample.columnWidth(column) > _SAMPLE_WIDTH:
                self.sample.setColumnWidth(column, _SAMPLE_WIDTH)
        self._on_mapping_changed()

    def _on_kind_changed(self, *_args: object) -> None:
        self._build_fields()
        self._fill_fields()
        self._clear_result()
        self._on_mapping_changed()

    def _build_fields(self) -> None:
        kind = self.kind()
        while self.grid.rowCount():
            self.grid.removeRow(0)
        self.combos = {}
        for name in kind.columns:
            combo = QComboBox()
            combo.currentIndexChanged.connect(self._on_mapping_changed)
            self.combos[name] = combo
            label = translate(_CONTEXT, name)
            if name in kind.required:
                label = self.tr("{field} (required)").format(field=label)
            self.grid.addRow(self.tr("{field}:").format(field=label), combo)
        tasks = kind.key == "tasks"
        for widget in (self.project_label, self.project_combo, self.unit_label, self.unit_combo):
            widget.setVisible(tasks)
        self.setWindowTitle(
            {
                "tasks": self.tr("Import tasks from {name}"),
                "resources": self.tr("Import resources from {name}"),
                "risks": self.tr("Import risks from {name}"),
            }[kind.key].format(name=self._file_name)
        )
        self.intro.setText(
            {
                "tasks": self.tr(
                    "This workbook is not one of ours. Say which of its columns holds each "
                    "field of a task (Name at least), check, then import: the tasks are added "
                    "at the end of the project and scheduled. Predecessors (3FS+2d;5) and "
                    "Parent name the sheet's ID column, else the task's number in the sheet."
                ),
                "resources": self.tr(
                    "This workbook is not one of ours. Say which of its columns holds each "
                    "field of a resource (Name at least), check, then import. A name already "
                    "in the pool updates that resource (blank cells keep its values); the "
                    "others are added."
                ),
                "risks": self.tr(
                    "This workbook is not one of ours. Say which of its columns holds each "
                    "field of a risk (Title at least), check, then import. Rows with an ID of "
                    "ours update that risk; the others are added."
                ),
            }[kind.key]
        )

    def _fill_fields(self) -> None:
        """The sheet's headers in every combo, the obvious ones chosen."""
        choices = [value for value in self._header if value.strip()]
        guessed = self.kind().guess(self._header)
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(not imported)"), "")
            for choice in choices:
                combo.addItem(choice, choice)
            match = guessed.get(name)
            combo.setCurrentIndex(combo.findData(match) if match else 0)
            combo.blockSignals(False)

    def _key(self) -> tuple[Any, ...]:
        tasks = self.kind().key == "tasks"
        return (
            self.kind().key,
            self.sheet(),
            tuple(sorted(self.mapping().items())),
            self.project_id() if tasks else None,
            self.duration_unit() if tasks else None,
        )

    def _ready(self) -> bool:
        kind = self.kind()
        if kind.key == "tasks" and self.project_id() is None:
            return False
        return set(kind.required) <= set(self.mapping())

    def _on_mapping_changed(self, *_args: object) -> None:
        self.import_button.setEnabled(self._checked == self._key())
        self.check_button.setEnabled(self._ready())

    def _request_check(self) -> None:
        self._pending = self._key()
        self.check_requested.emit(self.sheet(), self.mapping())

    def _clear_result(self) -> None:
        while self.errors_host.count():
            item = self.errors_host.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.result.clear()
        self._checked = None

    def show_result(self, summary: str, errors: Sequence[Any], checked: dict[str, str]) -> None:
        """The dry run of `checked` (the mapping it ran with): clean enables Import."""
        self._clear_result()
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
            self.errors_host.addWidget(errors_table(errors))
        pending = getattr(self, "_pending", None)
        ran = tuple(sorted(checked.items()))
        if clean and pending is not None and pending[2] == ran:
            self._checked = pending
        self._on_mapping_changed()


def _shown(value: Any) -> str:
    """A sample cell as the user typed it: a date without its midnight, no useless ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime) and value.time() == time():
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
