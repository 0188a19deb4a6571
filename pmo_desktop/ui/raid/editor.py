"""The editor panel of one log entry, built from the log's field list (`LogSpec.fields`).

The panel never writes: `changes()` is what differs from the entry shown, and
`save_requested` asks the view to turn it into a command (`services.raid_logs.edit_entry`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.services.raid_logs import PORTFOLIO_LEVEL, SPECS, FieldKind, LogKind, LogRow
from pmo_desktop.ui.raid.table import label, value_label

_NO_DATE = QDate(1900, 1, 1)


def _date_edit() -> QDateEdit:
    editor = QDateEdit()
    editor.setCalendarPopup(True)
    editor.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))
    editor.setMinimumDate(_NO_DATE)
    editor.setSpecialValueText("—")
    editor.setDate(_NO_DATE)
    return editor


def _text_box(lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


class LogEditor(QScrollArea):
    """The form of one entry of a log; disabled without a selection."""

    save_requested = Signal()

    def __init__(self, kind: LogKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.row: LogRow | None = None
        self._loading = False
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(self.tr("next free code"))
        self.code_edit.setMaxLength(40)
        self.title_edit = QLineEdit()
        self.project_combo = QComboBox()
        self.owner_edit = QLineEdit()
        self.raised_edit = _date_edit()
        self.widgets: dict[str, QWidget] = {
            "code": self.code_edit, "title": self.title_edit,
            "project_id": self.project_combo, "owner": self.owner_edit,
            "raised_on": self.raised_edit,
        }  # fmt: skip
        self.kinds: dict[str, FieldKind] = {
            "code": FieldKind.LINE, "title": FieldKind.LINE, "project_id": FieldKind.CHOICE,
            "owner": FieldKind.LINE, "raised_on": FieldKind.DATE,
        }  # fmt: skip
        for spec in SPECS[kind].fields:
            self.kinds[spec.name] = spec.kind
            self.widgets[spec.name] = self._make(spec.kind, spec.choices)
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setDefault(True)
        self.revert_button = QPushButton(self.tr("Re&vert"))
        self.save_button.clicked.connect(self.save_requested)
        self.revert_button.clicked.connect(lambda: self.set_row(self.row))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, widget in self.widgets.items():
            if isinstance(widget, QCheckBox):
                form.addRow("", widget)
            else:
                form.addRow(label(name), widget)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.revert_button)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addStretch(1)
        self.setWidget(body)
        self.form = body
        for widget in self.widgets.values():
            self._watch(widget)
        self.set_projects([])
        self.set_row(None)

    def _make(self, kind: FieldKind, choices: Any) -> QWidget:
        match kind:
            case FieldKind.TEXT:
                return _text_box()
            case FieldKind.DATE:
                return _date_edit()
            case FieldKind.CHOICE:
                combo = QComboBox()
                for member in choices:
                    combo.addItem(value_label(member), member)
                return combo
            case FieldKind.FLAG:
                return QCheckBox(self.tr("Escalated to the programme or portfolio board"))
            case FieldKind.INTEGER:
                spin = QSpinBox()
                spin.setRange(-9999, 9999)
                spin.setSuffix(self.tr(" days"))
                return spin
            case FieldKind.MONEY:
                money = QDoubleSpinBox()
                money.setRange(-1e12, 1e12)
                money.setDecimals(2)
                money.setGroupSeparatorShown(True)
                return money
        return QLineEdit()

    def _watch(self, widget: QWidget) -> None:
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            widget.textChanged.connect(self._on_edited)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self._on_edited)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(self._on_edited)
        elif isinstance(widget, QSpinBox | QDoubleSpinBox):
            widget.valueChanged.connect(self._on_edited)
        elif isinstance(widget, QDateEdit):
            widget.dateChanged.connect(self._on_edited)

    def set_projects(self, projects: list[tuple[int, str, str]]) -> None:
        """The projects an entry can belong to: (id, code, name)."""
        combo = self.project_combo
        chosen = combo.currentData()
        self._loading = True
        try:
            combo.clear()
            combo.addItem(self.tr("Portfolio level"), PORTFOLIO_LEVEL)
            for project_id, code, name in projects:
                combo.addItem(f"{code} — {name}", project_id)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
        finally:
            self._loading = False

    def set_row(self, row: LogRow | None) -> None:
        """Show `row` (None: nothing selected), dropping unsaved edits."""
        self.row = row
        self._loading = True
        try:
            if row is None:
                self.heading.setText(self.tr("Select an entry to see and edit it."))
            else:
                where = row.project_code or self.tr("portfolio level")
                self.heading.setText(f"{row.code} · {where}")
            for name in self.widgets:
                value = None if row is None else row.value(name)
                if name == "project_id":
                    value = PORTFOLIO_LEVEL if value is None else value
                self.set_field(name, value)
        finally:
            self._loading = False
        for widget in self.form.findChildren(QWidget):
            if widget is not self.heading:
                widget.setEnabled(row is not None)
        self._on_edited()

    def set_field(self, name: str, value: Any) -> None:
        """Put `value` in the editor of field `name` (as the user would)."""
        widget = self.widgets[name]
        if isinstance(widget, QLineEdit):
            widget.setText(value or "")
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value or "")
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(widget.findData(value), 0))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QSpinBox):
            widget.setValue(int(value or 0))
        elif isinstance(widget, QDoubleSpinBox):
            widget.setValue(float(value or 0))
        elif isinstance(widget, QDateEdit):
            widget.setDate(_NO_DATE if value is None else QDate(value.year, value.month, value.day))

    def values(self) -> dict[str, Any]:
        """Every field as the form shows it (column name → value)."""
        found: dict[str, Any] = {}
        for name, widget in self.widgets.items():
            if isinstance(widget, QLineEdit):
                found[name] = widget.text()
            elif isinstance(widget, QPlainTextEdit):
                found[name] = widget.toPlainText()
            elif isinstance(widget, QComboBox):
                found[name] = widget.currentData()
            elif isinstance(widget, QCheckBox):
                found[name] = widget.isChecked()
            elif isinstance(widget, QSpinBox):
                found[name] = widget.value()
            elif isinstance(widget, QDoubleSpinBox):
                found[name] = Decimal(f"{widget.value():.2f}")
            elif isinstance(widget, QDateEdit):
                value = widget.date()
                found[name] = (
                    None if value == _NO_DATE else date(value.year(), value.month(), value.day())
                )
        if found.get("project_id") == PORTFOLIO_LEVEL:
            found["project_id"] = None
        return found

    def changes(self) -> dict[str, Any]:
        """The fields that differ from the entry shown (text compared without outer blanks)."""
        if self.row is None:
            return {}
        found: dict[str, Any] = {}
        for name, value in self.values().items():
            current = self.row.value(name)
            if isinstance(value, str) and value.strip() == (current or "").strip():
                continue
            if value != current:
                found[name] = value
        return found

    def _on_edited(self, *_args: object) -> None:
        if self._loading:
            return
        dirty = bool(self.changes())
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
