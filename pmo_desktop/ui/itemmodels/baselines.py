"""The baselines of one project (0–10): name, when taken, approval and task count.

The name is editable in place and "approved" is a check box; both only emit
`edit_requested` (the view runs the undoable command).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDateTime,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from pmo_desktop.services.projects import BaselineRow
from pmo_desktop.ui.formatting import format_integer
from pmo_desktop.ui.itemmodels.rows import CENTRE, LEFT, RIGHT, RowTableModel

NUMBER = 0
NAME = 1
TAKEN_AT = 2
TASKS = 3
APPROVED = 4


def baseline_title(number: int) -> str:
    """Microsoft Project's names: "Baseline", then "Baseline 1" … "Baseline 10"."""
    if number == 0:
        return QCoreApplication.translate("BaselineTableModel", "Baseline")
    return QCoreApplication.translate("BaselineTableModel", "Baseline {number}").format(
        number=number
    )


class BaselineTableModel(RowTableModel[BaselineRow]):
    CONTEXT = "BaselineTableModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("BaselineTableModel", "Baseline"),
        QT_TRANSLATE_NOOP("BaselineTableModel", "Name"),
        QT_TRANSLATE_NOOP("BaselineTableModel", "Taken"),
        QT_TRANSLATE_NOOP("BaselineTableModel", "Tasks"),
        QT_TRANSLATE_NOOP("BaselineTableModel", "Approved"),
    )

    def cell(self, row: BaselineRow, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == NUMBER:
                return baseline_title(row.number)
            if column == NAME:
                return row.name
            if column == TAKEN_AT:
                if row.taken_at is None:
                    return ""
                moment = QDateTime(row.taken_at)
                return self._locale.toString(
                    moment, self._locale.dateTimeFormat(self._locale.FormatType.ShortFormat)
                )
            if column == TASKS:
                return format_integer(row.task_count, self._locale)
        if role == Qt.ItemDataRole.CheckStateRole and column == APPROVED:
            return Qt.CheckState.Checked if row.approved else Qt.CheckState.Unchecked
        if role == self.SortRole:
            return (row.number, row.name, row.taken_at, row.task_count, row.approved)[column]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == APPROVED and self.editable:
            flags = (flags & ~Qt.ItemFlag.ItemIsEditable) | Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: Any,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if index.isValid() and index.column() == APPROVED:
            if role != Qt.ItemDataRole.CheckStateRole or not self.editable:
                return False
            row = self.row_at(index.row())
            approved = Qt.CheckState(value) == Qt.CheckState.Checked
            if approved == row.approved:
                return False
            self.edit_requested.emit(row.id, "approved", approved)
            return True
        if index.isValid() and index.column() == NAME and isinstance(value, str):
            value = value.strip()
            if not value:
                return False
        return super().setData(index, value, role)

    def alignment(self, column: int) -> int:
        if column == TASKS:
            return RIGHT
        return CENTRE if column == APPROVED else LEFT

    def editable_field(self, column: int) -> str | None:
        return {NAME: "name", APPROVED: "approved"}.get(column)
