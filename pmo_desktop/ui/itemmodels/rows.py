"""A flat table over frozen row snapshots that carry `id` and `version`: the base of the
project view's tables.

Reloading with the same rows (same ids, same order) updates cells in place, so the view keeps
its selection, current cell and scroll position; other reloads reset the model. Editable
cells never write anything: `setData` checks the value and emits `edit_requested(row id,
field, value)`; the view turns it into a domain command and the reload shows the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

AnyIndex = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
CENTRE = int(Qt.AlignmentFlag.AlignCenter)

R = TypeVar("R")


class RowTableModel(QAbstractTableModel, Generic[R]):
    """Rows of one frozen dataclass; subclasses say what each column shows."""

    IdRole = Qt.ItemDataRole.UserRole + 1
    RagRole = Qt.ItemDataRole.UserRole + 2
    SortRole = Qt.ItemDataRole.UserRole + 3

    #: A user edit of a cell: (row id, field name, new value). Nothing is written yet.
    edit_requested = Signal(int, str, object)

    _served_roles = frozenset(
        {
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.TextAlignmentRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.CheckStateRole,
            IdRole,
            RagRole,
            SortRole,
        }
    )

    #: Translation context and untranslated headers, one per column.
    CONTEXT = "RowTableModel"
    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []
        self._row_of: dict[int, int] = {}
        self._locale = QLocale()
        self.editable = True

    def set_rows(self, rows: Sequence[R]) -> None:
        rows = list(rows)
        self._locale = QLocale()
        same_ids = [self._id(row) for row in rows] == [self._id(row) for row in self._rows]
        if same_ids and rows:
            self._rows = rows
            last = self.index(len(rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._rows = rows
        self._row_of = {self._id(row): position for position, row in enumerate(rows)}
        self.endResetModel()

    def update_row(self, row: R) -> None:
        """Replace one row by a newer snapshot of it (same id), e.g. after the user's edit."""
        position = self._row_of.get(self._id(row))
        if position is None:
            return
        self._rows[position] = row
        self.dataChanged.emit(self.index(position, 0), self.index(position, self.columnCount() - 1))

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_at(self, position: int) -> R:
        return self._rows[position]

    def row_of_id(self, row_id: int) -> int | None:
        return self._row_of.get(row_id)

    def row_by_id(self, row_id: int) -> R | None:
        position = self._row_of.get(row_id)
        return None if position is None else self._rows[position]

    def rowCount(self, parent: AnyIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(self.CONTEXT, self.HEADERS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(section)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if self.editable and self.editable_field(index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Views ask for a dozen roles per cell on every paint: answer the unused ones at once.
        if role not in self._served_roles or not index.isValid():
            return None
        if not (0 <= index.row() < len(self._rows) and 0 <= index.column() < len(self.HEADERS)):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == self.IdRole:
            return self._id(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(column)
        return self.cell(row, column, role)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        name = self.editable_field(index.column())
        if name is None or role != Qt.ItemDataRole.EditRole:
            return False
        row = self._rows[index.row()]
        if value == self.cell(row, index.column(), Qt.ItemDataRole.EditRole):
            return False
        self.edit_requested.emit(self._id(row), name, value)
        return True

    # What subclasses provide.

    def cell(self, row: R, column: int, role: int) -> Any:
        return None

    def alignment(self, column: int) -> int:
        return LEFT

    def editable_field(self, column: int) -> str | None:
        """The row field an editable column changes, or None for a read-only column."""
        return None

    @staticmethod
    def _id(row: Any) -> int:
        return int(row.id)
