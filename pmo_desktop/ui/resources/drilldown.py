"""The assignments that make up one cell of the loading grid: project, task, resource, hours."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from pmo_desktop.services.resource_view import CellAssignment

_Index = QModelIndex | QPersistentModelIndex
PROJECT, TASK, RESOURCE, HOURS = range(4)


class CellAssignmentsModel(QAbstractTableModel):
    """One row per assignment; Qt.UserRole gives (project id, task id)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[CellAssignment] = []

    def set_rows(self, rows: list[CellAssignment]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("CellAssignmentsModel", "Project"),
            QCoreApplication.translate("CellAssignmentsModel", "Task"),
            QCoreApplication.translate("CellAssignmentsModel", "Resource"),
            QCoreApplication.translate("CellAssignmentsModel", "Hours"),
        )[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == PROJECT:
                return row.project_name
            if column == TASK:
                return row.task_name
            if column == RESOURCE:
                return row.resource_name
            return QLocale().toString(row.hours, "f", 1)
        if role == Qt.ItemDataRole.EditRole and column == HOURS:
            return row.hours
        if role == Qt.ItemDataRole.TextAlignmentRole and column == HOURS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == TASK:
            return QCoreApplication.translate(
                "CellAssignmentsModel", "Double-click to open the task in its Gantt chart"
            )
        if role == Qt.ItemDataRole.UserRole:
            return (row.project_id, row.task_id)
        return None

    def total_hours(self) -> float:
        return sum(row.hours for row in self.rows)
