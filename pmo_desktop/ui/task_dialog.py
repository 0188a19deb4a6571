"""The task dialog (double-click on a bar or a row): general, predecessors, resources, advanced.

The dialog edits a snapshot (`services.task_edits.task_details`) and, on OK, builds one
command for everything changed (`command()`): the caller pushes it on the undo stack, which
applies it with the project's reschedule. Bad input is shown in the dialog, which stays
open. Tests fill the widgets and call `command()` without running the dialog.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.errors import PmoError
from pmo_desktop.models import ConstraintType, LinkType
from pmo_desktop.services.database import Database
from pmo_desktop.services.predecessors import format_duration, format_lag, parse_duration
from pmo_desktop.services.task_commands import TaskEdit
from pmo_desktop.services.task_edits import TaskDetails, edit_task, task_details

DATED = {"SNET", "SNLT", "FNET", "FNLT", "MSO", "MFO"}
ID_COLUMN, NAME_COLUMN, TYPE_COLUMN, LAG_COLUMN = range(4)


def _to_qdatetime(value: datetime | None) -> QDateTime:
    if value is None:
        return QDateTime.currentDateTime()
    return QDateTime(value.year, value.month, value.day, value.hour, value.minute, 0)


def _from_qdatetime(value: QDateTime) -> datetime:
    day, moment = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), moment.hour(), moment.minute())


class TaskDialog(QDialog):
    """Edit one task; `result_command` holds the command after OK (None if nothing changed)."""

    def __init__(self, database: Database, task_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.details: TaskDetails = task_details(database, task_id)
        self.result_command: TaskEdit | None = None
        self._names = {row.row: row.name for row in self.details.rows}
        self.setWindowTitle(self.tr("Task information"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._general_tab(), self.tr("General"))
        self.tabs.addTab(self._predecessors_tab(), self.tr("Predecessors"))
        self.tabs.addTab(self._resources_tab(), self.tr("Resources"))
        self.tabs.addTab(self._advanced_tab(), self.tr("Advanced"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    # -- tabs -------------------------------------------------------------------------------

    def _general_tab(self) -> QWidget:
        fields, time = self.details.fields, self.details.time
        self.name = QLineEdit(fields["name"])
        self.duration = QLineEdit(format_duration(fields["duration_minutes"], time))
        self.duration.setEnabled(not self.details.is_summary)
        self.percent = QSpinBox()
        self.percent.setRange(0, 100)
        self.percent.setSuffix(" %")
        self.percent.setValue(round(fields["percent_complete"]))
        locale = QLocale()
        self.start = QLabel(self._moment(self.details.start, locale))
        self.finish = QLabel(self._moment(self.details.finish, locale))
        self.milestone = QCheckBox(self.tr("Mark as milestone"))
        self.milestone.setChecked(bool(fields["is_milestone"]))
        page = QWidget()
        form = QFormLayout(page)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Duration"), self.duration)
        form.addRow(self.tr("% complete"), self.percent)
        form.addRow(self.tr("Start"), self.start)
        form.addRow(self.tr("Finish"), self.finish)
        form.addRow("", self.milestone)
        return page

    def _moment(self, value: datetime | None, locale: QLocale) -> str:
        if value is None:
            return self.tr("not scheduled")
        return locale.toString(_to_qdatetime(value), QLocale.FormatType.ShortFormat)

    def _predecessors_tab(self) -> QWidget:
        self.predecessor_model = QStandardItemModel(0, 4, self)
        self.predecessor_model.setHorizontalHeaderLabels(
            [self.tr("ID"), self.tr("Task name"), self.tr("Type"), self.tr("Lag")]
        )
        for entry in self.details.predecessors:
            lag = format_lag(entry.lag, entry.lag_unit, self.details.time)
            self.add_predecessor(entry.row, entry.type.value, lag)
        self.predecessor_model.itemChanged.connect(self._predecessor_changed)
        self.predecessor_view = QTableView()
        self.predecessor_view.setModel(self.predecessor_model)
        self.predecessor_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.predecessor_view.horizontalHeader().setStretchLastSection(True)
        add = QPushButton(self.tr("Add"))
        add.clicked.connect(lambda: self.add_predecessor(None, LinkType.FS.value, ""))
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._remove_predecessors)
        hint = QLabel(self.tr("Type: FS, SS, FF or SF. Lag: e.g. +2d, -1w, +3h, +2ed, +50%."))
        hint.setWordWrap(True)
        return self._table_page(self.predecessor_view, [add, remove], hint)

    def _table_page(
        self, view: QTableView, buttons: list[QWidget], above: QWidget | None = None
    ) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        if above is not None:
            layout.addWidget(above)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch()
        layout.addLayout(row)
        layout.addWidget(view)
        return page

    def add_predecessor(self, row: int | None, kind: str, lag: str) -> None:
        """A row of the predecessor table (the task name follows the ID)."""
        number = QStandardItem("" if row is None else str(row))
        name = QStandardItem(self._task_name(None if row is None else str(row)))
        name.setEditable(False)
        self.predecessor_model.appendRow([number, name, QStandardItem(kind), QStandardItem(lag)])

    def _predecessor_changed(self, item: QStandardItem) -> None:
        if item.column() != ID_COLUMN:
            return
        self.predecessor_model.item(item.row(), NAME_COLUMN).setText(self._task_name(item.text()))

    def _task_name(self, number: str | None) -> str:
        number = (number or "").strip()
        if not number:
            return ""
        if not number.isdigit():
            return self.tr("(not an ID)")
        return self._names.get(int(number), self.tr("(no such task)"))

    def _remove_predecessors(self) -> None:
        rows = sorted({index.row() for index in self.predecessor_view.selectedIndexes()})
        for row in reversed(rows):
            self.predecessor_model.removeRow(row)

    def _resources_tab(self) -> QWidget:
        self.resource_choice = QComboBox()
        for resource_id, name in self.details.resources.items():
            self.resource_choice.addItem(name, resource_id)
        self.assignment_model = QStandardItemModel(0, 2, self)
        self.assignment_model.setHorizontalHeaderLabels([self.tr("Resource"), self.tr("Units %")])
        for resource_id, units in self.details.assignments.items():
            self.add_assignment(resource_id, units)
        self.assignment_view = QTableView()
        self.assignment_view.setModel(self.assignment_model)
        self.assignment_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.assignment_view.horizontalHeader().setStretchLastSection(True)
        add = QPushButton(self.tr("Assign"))
        add.clicked.connect(lambda: self.add_assignment(self.resource_choice.currentData(), 1.0))
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._remove_assignments)
        return self._table_page(self.assignment_view, [self.resource_choice, add, remove])

    def add_assignment(self, resource_id: int | None, units: float) -> None:
        """A resource on the task at `units` (1.0 = 100 %); once per resource."""
        if resource_id is None or resource_id in self.assigned():
            return
        name = QStandardItem(self.details.resources.get(resource_id, str(resource_id)))
        name.setData(resource_id, Qt.ItemDataRole.UserRole)
        name.setEditable(False)
        self.assignment_model.appendRow([name, QStandardItem(f"{units * 100:g}")])

    def assigned(self) -> dict[int, str]:
        """Resource id → units text, as the table shows them."""
        model = self.assignment_model
        return {
            model.item(row, 0).data(Qt.ItemDataRole.UserRole): model.item(row, 1).text()
            for row in range(model.rowCount())
        }

    def _remove_assignments(self) -> None:
        rows = sorted({index.row() for index in self.assignment_view.selectedIndexes()})
        for row in reversed(rows):
            self.assignment_model.removeRow(row)

    def _advanced_tab(self) -> QWidget:
        fields = self.details.fields
        self.constraint = QComboBox()
        for kind in ConstraintType:
            self.constraint.addItem(kind.value, kind.value)
        self.constraint.setCurrentIndex(self.constraint.findData(fields["constraint_type"].value))
        self.constraint_date = QDateTimeEdit(_to_qdatetime(fields["constraint_date"]))
        self.constraint_date.setCalendarPopup(True)
        self.constraint.currentIndexChanged.connect(self._constraint_changed)
        self._constraint_changed()
        self.has_deadline = QCheckBox(self.tr("Deadline"))
        self.has_deadline.setChecked(fields["deadline"] is not None)
        self.deadline = QDateTimeEdit(_to_qdatetime(fields["deadline"]))
        self.deadline.setCalendarPopup(True)
        self.deadline.setEnabled(self.has_deadline.isChecked())
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        self.calendar = QComboBox()
        self.calendar.addItem(self.tr("Project calendar"), None)
        for calendar_id, name in self.details.calendars.items():
            self.calendar.addItem(name, calendar_id)
        self.calendar.setCurrentIndex(max(self.calendar.findData(fields["calendar_id"]), 0))
        self.priority = QSpinBox()
        self.priority.setRange(0, 1000)
        self.priority.setValue(fields["priority"])
        self.notes = QPlainTextEdit(fields["notes"])
        page = QWidget()
        form = QFormLayout(page)
        form.addRow(self.tr("Constraint type"), self.constraint)
        form.addRow(self.tr("Constraint date"), self.constraint_date)
        form.addRow(self.has_deadline, self.deadline)
        form.addRow(self.tr("Calendar"), self.calendar)
        form.addRow(self.tr("Priority"), self.priority)
        form.addRow(self.tr("Notes"), self.notes)
        return page

    def _constraint_changed(self) -> None:
        self.constraint_date.setEnabled(self.constraint.currentData() in DATED)

    # -- the command --------------------------------------------------------------------

    def predecessors_text(self) -> str:
        """The predecessor table in MS Project's notation (`3FS+2d;5SS`)."""
        model = self.predecessor_model
        parts = []
        for row in range(model.rowCount()):
            number = model.item(row, ID_COLUMN).text().strip()
            if not number:
                continue
            kind = model.item(row, TYPE_COLUMN).text().strip() or "FS"
            lag = model.item(row, LAG_COLUMN).text().strip().replace(" ", "")
            if lag and lag[0] not in "+-":
                lag = "+" + lag
            parts.append(f"{number}{kind}{lag}")
        return ";".join(parts)

    def changed_fields(self) -> dict[str, object]:
        """The fields whose widgets differ from the task; ValidationError for bad input."""
        fields, time = self.details.fields, self.details.time
        values: dict[str, object] = {
            "name": self.name.text().strip(),
            "percent_complete": float(self.percent.value()),
            "is_milestone": self.milestone.isChecked(),
            "constraint_type": ConstraintType(self.constraint.currentData()),
            "constraint_date": (
                _from_qdatetime(self.constraint_date.dateTime())
                if self.constraint.currentData() in DATED
                else None
            ),
            "deadline": (
                _from_qdatetime(self.deadline.dateTime()) if self.has_deadline.isChecked() else None
            ),
            "calendar_id": self.calendar.currentData(),
            "priority": self.priority.value(),
            "notes": self.notes.toPlainText(),
        }
        if not self.details.is_summary:
            values["duration_minutes"] = parse_duration(self.duration.text(), time)
        return {name: value for name, value in values.items() if value != fields[name]}

    def assignment_units(self) -> dict[int, float]:
        units: dict[int, float] = {}
        for resource_id, text in self.assigned().items():
            try:
                units[resource_id] = float(text.replace("%", "").strip()) / 100
            except ValueError:
                name = self.details.resources.get(resource_id, str(resource_id))
                raise PmoError(
                    self.tr("'{0}' is not a number of units for {1}.").format(text, name)
                ) from None
        return units

    def command(self) -> TaskEdit | None:
        """One command for every change made in the dialog; None when nothing changed."""
        details = self.details
        fields = self.changed_fields()
        predecessors = self.predecessors_text()
        current = ";".join(
            f"{entry.row}{entry.type.value}{format_lag(entry.lag, entry.lag_unit, details.time)}"
            for entry in details.predecessors
        )
        units = self.assignment_units()
        edit = edit_task(
            self.database,
            details.task_id,
            fields=fields,
            predecessors=predecessors if predecessors != current else None,
            assignments=units if units != details.assignments else None,
        )
        return edit if edit.steps else None

    def accept(self) -> None:
        try:
            self.result_command = self.command()
        except PmoError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()
