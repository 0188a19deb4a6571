"""The editor panel of one resource: its fields, its rate table, its vacations and where it
is assigned.

The panel never writes: `changes()` is what differs from the resource shown, and the view
turns each request (save, add or edit a rate, add a vacation…) into a domain command.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QLocale, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.models import ResourceKind
from pmo_desktop.services.resource_pool import AssignedRow, PoolRow, RateRow
from pmo_desktop.services.resource_pool_calendar import VacationRow
from pmo_desktop.ui.formatting import format_integer
from pmo_desktop.ui.pool.table import AssignedModel, RatesModel, VacationsModel, kind_label

MAX_RATE = 1_000_000.0


def _money_spin() -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(0, MAX_RATE)
    spin.setDecimals(2)
    spin.setGroupSeparatorShown(True)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    return spin


def _date_edit(value: date) -> QDateEdit:
    editor = QDateEdit(QDate(value.year, value.month, value.day))
    editor.setCalendarPopup(True)
    editor.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))
    return editor


def _date_of(editor: QDateEdit) -> date:
    value = editor.date()
    return date(value.year(), value.month(), value.day())


def _small_table(model: Any) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setHighlightSections(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class ResourceEditor(QWidget):
    """The form of one resource; empty and disabled without a selection."""

    save_requested = Signal()
    add_rate_requested = Signal(object)  # the date it takes effect
    remove_rate_requested = Signal(object)  # a RateRow
    #: A rate cell edited in place: (rate id, field, value).
    rate_edited = Signal(int, str, object)
    add_vacation_requested = Signal(object, object, str)  # first day, last day, note
    remove_vacation_requested = Signal(object)  # a VacationRow
    open_task = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row: PoolRow | None = None
        self.as_of = date.today()
        self.heading = QLabel(self.tr("Select a resource to see and edit it."))
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.code_edit = QLineEdit()
        self.code_edit.setMaxLength(40)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(200)
        self.kind_combo = QComboBox()
        for kind in ResourceKind:
            self.kind_combo.addItem(kind_label(kind), kind)
        self.role_edit = QLineEdit()
        self.department_edit = QLineEdit()
        self.email_edit = QLineEdit()
        self.units_spin = QDoubleSpinBox()
        self.units_spin.setRange(0, 10_000)
        self.units_spin.setDecimals(0)
        self.units_spin.setSuffix(" %")
        self.units_spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.rate_spin = _money_spin()
        self.overtime_spin = _money_spin()
        self.per_use_spin = _money_spin()
        self.currency_edit = QLineEdit()
        self.currency_edit.setMaxLength(3)
        self.currency_edit.setFixedWidth(self.fontMetrics().horizontalAdvance("WWWW") + 12)
        self.calendar_combo = QComboBox()
        self.active_check = QCheckBox(self.tr("Active (counts in loading and can be assigned)"))
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setToolTip(self.tr("Save the changes (Ctrl+Return)"))
        self.save_button.setDefault(True)
        self.revert_button = QPushButton(self.tr("Re&vert"))
        self.save_button.clicked.connect(self.save_requested)
        self.revert_button.clicked.connect(self._revert)
        self.save_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        self.save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_shortcut.activated.connect(self.save_requested)

        self.rates_model = RatesModel(self)
        self.rates_model.edit_requested.connect(self.rate_edited)
        self.rates_table = _small_table(self.rates_model)
        self.rates_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.rates_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.rate_date_edit = _date_edit(self.as_of)
        self.add_rate_button = QPushButton(self.tr("&Add rate from"))
        self.add_rate_button.clicked.connect(
            lambda: self.add_rate_requested.emit(_date_of(self.rate_date_edit))
        )
        self.remove_rate_button = QPushButton(self.tr("Remove rate"))
        self.remove_rate_button.clicked.connect(self._remove_rate)
        self.rates_hint = QLabel(
            self.tr(
                "The rate in force on a day is the row with the latest date on or before it; "
                "before the first row, the standard rates above apply. Double-click a cell to "
                "change it; assignment costs follow."
            )
        )
        self.rates_hint.setWordWrap(True)

        self.vacations_model = VacationsModel(self)
        self.vacations_table = _small_table(self.vacations_model)
        self.vacation_from = _date_edit(self.as_of)
        self.vacation_to = _date_edit(self.as_of)
        self.vacation_from.dateChanged.connect(self._keep_vacation_ordered)
        self.vacation_note = QLineEdit()
        self.vacation_note.setPlaceholderText(self.tr("Note (e.g. Summer leave)"))
        self.add_vacation_button = QPushButton(self.tr("Add &vacation"))
        self.add_vacation_button.clicked.connect(self._add_vacation)
        self.remove_vacation_button = QPushButton(self.tr("Remove vacation"))
        self.remove_vacation_button.clicked.connect(self._remove_vacation)
        self.vacations_hint = QLabel()
        self.vacations_hint.setWordWrap(True)

        self.assigned_model = AssignedModel(self)
        self.assigned_table = _small_table(self.assigned_model)
        self.assigned_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.assigned_table.doubleClicked.connect(self._open_assignment)
        assigned_header = self.assigned_table.horizontalHeader()
        assigned_header.setStretchLastSection(False)
        assigned_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.assigned_summary = QLabel()

        self._build_layout()
        self.set_row(None)

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        identity = QHBoxLayout()
        identity.addWidget(self.code_edit, 1)
        identity.addWidget(QLabel(self.tr("Kind")))
        identity.addWidget(self.kind_combo, 1)
        form.addRow(self.tr("Code"), identity)
        form.addRow(self.tr("Name"), self.name_edit)
        team = QHBoxLayout()
        team.addWidget(self.role_edit, 1)
        team.addWidget(QLabel(self.tr("Department")))
        team.addWidget(self.department_edit, 1)
        form.addRow(self.tr("Role"), team)
        form.addRow(self.tr("E-mail"), self.email_edit)
        capacity = QHBoxLayout()
        capacity.addWidget(self.units_spin)
        capacity.addWidget(QLabel(self.tr("Calendar")))
        capacity.addWidget(self.calendar_combo, 1)
        form.addRow(self.tr("Max units"), capacity)
        money = QHBoxLayout()
        money.addWidget(self.rate_spin)
        money.addWidget(QLabel(self.tr("Overtime")))
        money.addWidget(self.overtime_spin)
        money.addWidget(QLabel(self.tr("Per use")))
        money.addWidget(self.per_use_spin)
        money.addWidget(self.currency_edit)
        form.addRow(self.tr("Rate / h"), money)
        form.addRow("", self.active_check)

        rates = QWidget()
        rates_layout = QVBoxLayout(rates)
        rates_buttons = QHBoxLayout()
        rates_buttons.addWidget(self.add_rate_button)
        rates_buttons.addWidget(self.rate_date_edit)
        rates_buttons.addStretch(1)
        rates_buttons.addWidget(self.remove_rate_button)
        rates_layout.addWidget(self.rates_table, 1)
        rates_layout.addLayout(rates_buttons)
        rates_layout.addWidget(self.rates_hint)

        vacations = QWidget()
        vacations_layout = QVBoxLayout(vacations)
        new_vacation = QHBoxLayout()
        new_vacation.addWidget(QLabel(self.tr("From")))
        new_vacation.addWidget(self.vacation_from)
        new_vacation.addWidget(QLabel(self.tr("to")))
        new_vacation.addWidget(self.vacation_to)
        new_vacation.addWidget(self.vacation_note, 1)
        new_vacation.addWidget(self.add_vacation_button)
        vacations_layout.addWidget(self.vacations_table, 1)
        vacations_layout.addLayout(new_vacation)
        remove = QHBoxLayout()
        remove.addWidget(self.vacations_hint, 1)
        remove.addWidget(self.remove_vacation_button, 0, Qt.AlignmentFlag.AlignTop)
        vacations_layout.addLayout(remove)

        assigned = QWidget()
        assigned_layout = QVBoxLayout(assigned)
        assigned_layout.addWidget(self.assigned_summary)
        assigned_layout.addWidget(self.assigned_table, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(assigned, self.tr("Assigned to"))
        self.tabs.addTab(rates, self.tr("Cost rates"))
        self.tabs.addTab(vacations, self.tr("Vacations"))

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.revert_button)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(self.tabs, 1)

    # Showing.

    def set_calendars(self, calendars: tuple[tuple[int, str], ...]) -> None:
        current = self.calendar_combo.currentData()
        self.calendar_combo.blockSignals(True)
        self.calendar_combo.clear()
        self.calendar_combo.addItem(self.tr("Portfolio default"), None)
        for calendar_id, name in calendars:
            self.calendar_combo.addItem(name, calendar_id)
        self.calendar_combo.setCurrentIndex(max(0, self.calendar_combo.findData(current)))
        self.calendar_combo.blockSignals(False)

    def set_row(
        self,
        row: PoolRow | None,
        rates: list[RateRow] | None = None,
        vacations: list[VacationRow] | None = None,
        assigned: list[AssignedRow] | None = None,
    ) -> None:
        self.row = row
        enabled = row is not None
        for widget in self._fields():
            widget.setEnabled(enabled)
        self.tabs.setEnabled(enabled)
        self.rates_model.currency = self.assigned_model.currency = row.currency if row else "EUR"
        self.rates_model.set_rows(rates or [])
        self.vacations_model.set_rows(vacations or [])
        self.assigned_model.set_rows(assigned or [])
        if row is None:
            self.heading.setText(self.tr("Select a resource to see and edit it."))
            for line in (self.code_edit, self.name_edit, self.role_edit, self.department_edit,
                         self.email_edit, self.currency_edit):  # fmt: skip
                line.clear()
            self.assigned_summary.clear()
            self.vacations_hint.clear()
            return
        self.heading.setText(f"{row.code} — {row.name}")
        self.code_edit.setText(row.code)
        self.name_edit.setText(row.name)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(row.kind))
        self.role_edit.setText(row.role)
        self.department_edit.setText(row.department)
        self.email_edit.setText(row.email)
        self.units_spin.setValue(row.max_units * 100)
        self.rate_spin.setValue(float(row.cost_rate))
        self.overtime_spin.setValue(float(row.overtime_rate))
        self.per_use_spin.setValue(float(row.cost_per_use))
        self.currency_edit.setText(row.currency)
        self.calendar_combo.setCurrentIndex(max(0, self.calendar_combo.findData(row.calendar_id)))
        self.active_check.setChecked(row.active)
        projects = len({entry.project_id for entry in assigned or []})
        summary = self.tr(
            "{assignments} assignments on {projects} projects · double-click to open the task"
        ).format(assignments=format_integer(len(assigned or [])), projects=format_integer(projects))
        self.assigned_summary.setText(summary if assigned else self.tr("Not assigned to any task."))
        self.vacations_hint.setText(
            self.tr("Vacations are non-working days of {calendar}.").format(
                calendar=row.calendar_name or self.tr("the resource's own calendar")
            )
            if vacations
            else self.tr(
                "A first vacation gives the resource its own calendar, a copy of the one it uses."
            )
        )
        kind = row.kind
        is_material = kind is ResourceKind.MATERIAL
        for widget in (self.add_vacation_button, self.vacation_from, self.vacation_to):
            widget.setEnabled(not is_material)

    def _fields(self) -> list[QWidget]:
        return [
            self.code_edit, self.name_edit, self.kind_combo, self.role_edit,
            self.department_edit, self.email_edit, self.units_spin, self.rate_spin,
            self.overtime_spin, self.per_use_spin, self.currency_edit, self.calendar_combo,
            self.active_check, self.save_button, self.revert_button,
        ]  # fmt: skip

    def set_editable(self, editable: bool) -> None:
        """Read-only database: show, never edit."""
        for widget in self._fields():
            if widget is not self.revert_button:
                widget.setEnabled(editable and self.row is not None)
        for widget in (self.add_rate_button, self.remove_rate_button, self.add_vacation_button,
                       self.remove_vacation_button):  # fmt: skip
            widget.setEnabled(editable)
        self.rates_model.editable = editable

    def changes(self) -> dict[str, Any]:
        """The fields the user changed, by their service names."""
        row = self.row
        if row is None:
            return {}
        values: dict[str, Any] = {
            "code": self.code_edit.text().strip(),
            "name": self.name_edit.text().strip(),
            "kind": self.kind_combo.currentData(),
            "role": self.role_edit.text().strip(),
            "department": self.department_edit.text().strip(),
            "email": self.email_edit.text().strip(),
            "max_units": round(self.units_spin.value() / 100, 4),
            "cost_rate": Decimal(str(round(self.rate_spin.value(), 2))),
            "overtime_rate": Decimal(str(round(self.overtime_spin.value(), 2))),
            "cost_per_use": Decimal(str(round(self.per_use_spin.value(), 2))),
            "currency": self.currency_edit.text().strip().upper(),
            "calendar_id": self.calendar_combo.currentData(),
            "active": self.active_check.isChecked(),
        }
        changed = {}
        for name, value in values.items():
            old = getattr(row, name)
            if name == "max_units":
                if abs(value - old) > 1e-6:
                    changed[name] = value
            elif value != old:
                changed[name] = value
        return changed

    # Requests.

    def _revert(self) -> None:
        self.set_row(
            self.row, self.rates_model.rows(), self.vacations_model.rows(),
            self.assigned_model.rows(),
        )  # fmt: skip

    def _remove_rate(self) -> None:
        index = self.rates_table.currentIndex()
        if index.isValid():
            self.remove_rate_requested.emit(self.rates_model.row_at(index.row()))

    def _keep_vacation_ordered(self, value: QDate) -> None:
        if self.vacation_to.date() < value:
            self.vacation_to.setDate(value)

    def _add_vacation(self) -> None:
        self.add_vacation_requested.emit(
            _date_of(self.vacation_from), _date_of(self.vacation_to), self.vacation_note.text()
        )

    def set_new_vacation(self, first: date, last: date, note: str = "") -> None:
        self.vacation_from.setDate(QDate(first.year, first.month, first.day))
        self.vacation_to.setDate(QDate(last.year, last.month, last.day))
        self.vacation_note.setText(note)

    def set_dates(self, as_of: date) -> None:
        """Where the date pickers start: the as-of date (next Monday for a vacation)."""
        self.as_of = as_of
        self.rate_date_edit.setDate(QDate(as_of.year, as_of.month, as_of.day))
        monday = as_of + timedelta(days=7 - as_of.weekday())
        self.set_new_vacation(monday, monday + timedelta(days=4))

    def _remove_vacation(self) -> None:
        index = self.vacations_table.currentIndex()
        if index.isValid():
            self.remove_vacation_requested.emit(self.vacations_model.row_at(index.row()))

    def _open_assignment(self, index: QModelIndex) -> None:
        if index.isValid():
            row = self.assigned_model.row_at(index.row())
            self.open_task.emit(row.project_id, row.task_id)
