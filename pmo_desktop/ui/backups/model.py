"""The list of one database's backups, newest first (plain file facts, no database rows)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from pmo_desktop.storage.backup_rotation import BackupInfo

DAY, TAKEN, FILE, SIZE = range(4)
Index = QModelIndex | QPersistentModelIndex


def _header(column: int) -> str:
    names = {
        DAY: QCoreApplication.translate("BackupListModel", "Date"),
        TAKEN: QCoreApplication.translate("BackupListModel", "Taken at"),
        FILE: QCoreApplication.translate("BackupListModel", "File"),
        SIZE: QCoreApplication.translate("BackupListModel", "Size"),
    }
    return names[column]


class BackupListModel(QAbstractTableModel):
    """One row per backup file: its day, when it was taken, its size and its name."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[BackupInfo] = []

    def set_backups(self, backups: list[BackupInfo]) -> None:
        self.beginResetModel()
        self._rows = list(backups)
        self.endResetModel()

    def backup(self, row: int) -> BackupInfo | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < 4:
            if role == Qt.ItemDataRole.DisplayRole:
                return _header(section)
            if role == Qt.ItemDataRole.TextAlignmentRole and section == SIZE:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        info = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            locale = QLocale()
            if column == DAY:
                day = QDate(info.day.year, info.day.month, info.day.day)
                return locale.toString(day, "ddd d MMM yyyy")
            if column == TAKEN:
                taken = info.taken
                if taken.date() == info.day:
                    return taken.strftime("%H:%M")
                moment = QDate(taken.year, taken.month, taken.day)
                return f"{locale.toString(moment, 'd MMM')} {taken.strftime('%H:%M')}"
            if column == SIZE:
                return info.size_text
            return info.path.name
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(info.path)
        return None
