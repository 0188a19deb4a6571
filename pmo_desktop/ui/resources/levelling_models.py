"""The levelling preview's tables: the tasks levelling delays and the projects' finishes,
current plan and levelled plan side by side."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from pmo_desktop.services.levelling import ProjectSlip, TaskMove
from pmo_desktop.ui.formatting import format_date

_Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
#: The levelled columns' background: the proposal, set apart from the current plan.
LEVELLED_BACKGROUND = QColor("#EEF3FB")
SLIP_COLOUR = QColor("#B3261E")


def _date(moment: datetime | None) -> str:
    return format_date(moment.date() if moment is not None else None)


def _days(value: float) -> str:
    return QLocale().toString(value, "f", 0 if value == int(value) else 1)


class TaskMovesModel(QAbstractTableModel):
    """One row per delayed task; Qt.UserRole gives (project id, task id)."""

    COLUMNS = 7
    LEVELLED = (4, 5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[TaskMove] = []

    def set_rows(self, rows: list[TaskMove]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("TaskMovesModel", "Project"),
            QCoreApplication.translate("TaskMovesModel", "Task"),
            QCoreApplication.translate("TaskMovesModel", "Start"),
            QCoreApplication.translate("TaskMovesModel", "Finish"),
            QCoreApplication.translate("TaskMovesModel", "Levelled start"),
            QCoreApplication.translate("TaskMovesModel", "Levelled finish"),
            QCoreApplication.translate("TaskMovesModel", "Delay (days)"),
        )[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                row.project_name,
                row.task_name,
                _date(row.start),
                _date(row.finish),
                _date(row.levelled_start),
                _date(row.levelled_finish),
                _days(row.delay_days),
            )
            return values[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 6:
            return _RIGHT
        if role == Qt.ItemDataRole.BackgroundRole and column in self.LEVELLED:
            return QBrush(LEVELLED_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return row.task_name
        if role == Qt.ItemDataRole.UserRole:
            return (row.project_id, row.task_id)
        return None


class ProjectSlipsModel(QAbstractTableModel):
    """One row per project of the scope: current finish, levelled finish, slip."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[ProjectSlip] = []

    def set_rows(self, rows: list[ProjectSlip]) -> None:
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
            QCoreApplication.translate("ProjectSlipsModel", "Project"),
            QCoreApplication.translate("ProjectSlipsModel", "Finish"),
            QCoreApplication.translate("ProjectSlipsModel", "Levelled finish"),
            QCoreApplication.translate("ProjectSlipsModel", "Slip (days)"),
        )[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                row.name,
                _date(row.finish),
                _date(row.levelled_finish),
                _days(row.slip_days) if row.slip_days else "–",
            )
            return values[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return _RIGHT
        if role == Qt.ItemDataRole.BackgroundRole and column == 2:
            return QBrush(LEVELLED_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and row.slip_days > 0:
            return QBrush(SLIP_COLOUR)
        if role == Qt.ItemDataRole.UserRole:
            return row.project_id
        return None
