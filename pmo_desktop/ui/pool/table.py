"""The pool's item models: the resource table with its filter proxy, and the editor's small
tables (rate rows, vacations, assignments)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from pmo_desktop.models import ResourceKind
from pmo_desktop.services.resource_pool import AssignedRow, PoolRow, RateRow
from pmo_desktop.services.resource_pool_calendar import VacationRow
from pmo_desktop.ui.formatting import format_date, format_integer, format_money, format_percent
from pmo_desktop.ui.itemmodels.rows import LEFT, RIGHT, RowTableModel

AnyIndex = QModelIndex | QPersistentModelIndex
_INACTIVE = QColor("#8a8f98")


def kind_label(kind: ResourceKind) -> str:
    labels = {
        ResourceKind.PERSON: QCoreApplication.translate("PoolTableModel", "Person"),
        ResourceKind.ROLE: QCoreApplication.translate("PoolTableModel", "Generic role"),
        ResourceKind.MATERIAL: QCoreApplication.translate("PoolTableModel", "Material"),
    }
    return labels[kind]


def hours(minutes: int) -> str:
    return QCoreApplication.translate("PoolTableModel", "{hours} h").format(
        hours=format_integer(round(minutes / 60))
    )


class Column(enum.IntEnum):
    CODE = 0
    NAME = 1
    KIND = 2
    ROLE = 3
    DEPARTMENT = 4
    MAX_UNITS = 5
    RATE = 6
    CALENDAR = 7
    PROJECTS = 8
    ASSIGNMENTS = 9
    ACTIVE = 10


class PoolTableModel(RowTableModel[PoolRow]):
    """One line per resource; inactive ones greyed."""

    CONTEXT = "PoolTableModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("PoolTableModel", "Code"),
        QT_TRANSLATE_NOOP("PoolTableModel", "Name"),
        QT_TRANSLATE_NOOP("PoolTableModel", "Kind"),
        QT_TRANSLATE_NOOP("PoolTableModel", "Role"),
        QT_TRANSLATE_NOOP("PoolTableModel", "Department"),
        QT_TRANSLATE_NOOP("PoolTableModel", "Max units"),
        QT_TRANSLATE_NOOP("PoolTableModel", "Rate / h"),
        QT_TRANSLATE_NOOP("PoolTableModel", "Calendar"),
        QT_TRANSLATE_NOOP("PoolTableModel", "Projects"),
        QT_TRANSLATE_NOOP("PoolTableModel", "Assignments"),
        QT_TRANSLATE_NOOP("PoolTableModel", "Active"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editable = False

    def alignment(self, column: int) -> int:
        numeric = (Column.MAX_UNITS, Column.RATE, Column.PROJECTS, Column.ASSIGNMENTS)
        return RIGHT if column in numeric else LEFT

    def cell(self, row: PoolRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            return None if row.active else QBrush(_INACTIVE)
        if role == self.SortRole:
            return self._sort_value(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.PROJECTS and row.projects:
                return ", ".join(row.projects)
            if column == Column.NAME and row.email:
                return row.email
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._text(row, column)

    def _text(self, row: PoolRow, column: int) -> str:
        values: dict[int, Any] = {
            Column.CODE: row.code,
            Column.NAME: row.name,
            Column.KIND: kind_label(row.kind),
            Column.ROLE: row.role,
            Column.DEPARTMENT: row.department,
            Column.MAX_UNITS: format_percent(row.max_units * 100),
            Column.RATE: format_money(row.current_rate, row.currency, decimals=2),
            Column.CALENDAR: row.calendar_name,
            Column.PROJECTS: format_integer(row.project_count) if row.project_count else "",
            Column.ASSIGNMENTS: format_integer(row.assignment_count)
            if row.assignment_count
            else "",
            Column.ACTIVE: QCoreApplication.translate("PoolTableModel", "Yes")
            if row.active
            else QCoreApplication.translate("PoolTableModel", "No"),
        }
        return str(values[column])

    @staticmethod
    def _sort_value(row: PoolRow, column: int) -> Any:
        values: dict[int, Any] = {
            Column.CODE: row.code.casefold(),
            Column.NAME: row.name.casefold(),
            Column.KIND: row.kind.value,
            Column.ROLE: row.role.casefold(),
            Column.DEPARTMENT: row.department.casefold(),
            Column.MAX_UNITS: row.max_units,
            Column.RATE: float(row.current_rate),
            Column.CALENDAR: row.calendar_name.casefold(),
            Column.PROJECTS: row.project_count,
            Column.ASSIGNMENTS: row.assignment_count,
            Column.ACTIVE: int(row.active),
        }
        return values[column]


@dataclass(frozen=True, slots=True)
class PoolFilter:
    """What the filter bar keeps; empty fields keep everything."""

    text: str = ""
    kind: ResourceKind | None = None
    role: str | None = None
    department: str | None = None
    show_inactive: bool = False

    def matches(self, row: PoolRow) -> bool:
        if not self.show_inactive and not row.active:
            return False
        if self.kind is not None and row.kind != self.kind:
            return False
        if self.role is not None and row.role != self.role:
            return False
        if self.department is not None and row.department != self.department:
            return False
        needle = self.text.strip().casefold()
        if needle:
            haystack = f"{row.code}\n{row.name}\n{row.role}\n{row.department}\n{row.email}"
            if needle not in f"{haystack}\n{' '.join(row.projects)}".casefold():
                return False
        return True


class PoolFilterProxy(QSortFilterProxyModel):
    """Sorts by `SortRole` (typed values) and keeps the rows `PoolFilter` matches."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool_filter = PoolFilter()
        self.setSortRole(PoolTableModel.SortRole)
        self.setDynamicSortFilter(False)

    def set_filter(self, pool_filter: PoolFilter) -> None:
        self.beginFilterChange()
        self.pool_filter = pool_filter
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, PoolTableModel)
        return self.pool_filter.matches(model.row_at(source_row))


class RatesModel(RowTableModel[RateRow]):
    """The rate table of the resource shown; every cell edits in place."""

    CONTEXT = "RatesModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("RatesModel", "From"),
        QT_TRANSLATE_NOOP("RatesModel", "Rate / h"),
        QT_TRANSLATE_NOOP("RatesModel", "Overtime / h"),
        QT_TRANSLATE_NOOP("RatesModel", "Per use"),
    )
    FIELDS = ("effective_from", "cost_rate", "overtime_rate", "cost_per_use")
    currency = "EUR"

    def alignment(self, column: int) -> int:
        return LEFT if column == 0 else RIGHT

    def editable_field(self, column: int) -> str | None:
        return self.FIELDS[column]

    def cell(self, row: RateRow, column: int, role: int) -> Any:
        value = getattr(row, self.FIELDS[column])
        if role == Qt.ItemDataRole.EditRole:
            return value if isinstance(value, date) else float(value)
        if role == self.SortRole:
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            if isinstance(value, date):
                return format_date(value)
            assert isinstance(value, Decimal)
            return format_money(value, self.currency, decimals=2)
        return None


class VacationsModel(RowTableModel[VacationRow]):
    CONTEXT = "VacationsModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("VacationsModel", "From"),
        QT_TRANSLATE_NOOP("VacationsModel", "To"),
        QT_TRANSLATE_NOOP("VacationsModel", "Days"),
        QT_TRANSLATE_NOOP("VacationsModel", "Note"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editable = False

    def alignment(self, column: int) -> int:
        return RIGHT if column == 2 else LEFT

    def cell(self, row: VacationRow, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        values = (format_date(row.start_date), format_date(row.end_date), str(row.days), row.name)
        return values[column]


class AssignedModel(RowTableModel[AssignedRow]):
    """Where the resource works: project, task, units, work and dates."""

    CONTEXT = "AssignedModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("AssignedModel", "Project"),
        QT_TRANSLATE_NOOP("AssignedModel", "Task"),
        QT_TRANSLATE_NOOP("AssignedModel", "Units"),
        QT_TRANSLATE_NOOP("AssignedModel", "Work"),
        QT_TRANSLATE_NOOP("AssignedModel", "Start"),
        QT_TRANSLATE_NOOP("AssignedModel", "Finish"),
        QT_TRANSLATE_NOOP("AssignedModel", "Cost"),
    )
    currency = "EUR"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editable = False

    def alignment(self, column: int) -> int:
        return RIGHT if column in (2, 3, 6) else LEFT

    def cell(self, row: AssignedRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column in (0, 1):
            return f"{row.project_code} {row.project_name} — {row.task_name}"
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        values = (
            row.project_code,
            row.task_name,
            format_percent(row.units * 100),
            hours(row.work_minutes),
            format_date(row.start.date()) if row.start else "",
            format_date(row.finish.date()) if row.finish else "",
            format_money(row.cost, self.currency),
        )
        return values[column]

    @staticmethod
    def _id(row: Any) -> int:
        return int(row.assignment_id)
