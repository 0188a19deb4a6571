"""The scoring model's table: one row per criterion, weight and direction editable in place.

The model never writes: an edit emits `edit_requested(criterion, changes)` and the view turns
it into an undoable command; the row shows the stored value again after the reload.
"""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from pmo_desktop.models import CriterionKind
from pmo_desktop.services.prioritisation import Criterion

AnyIndex = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

_KINDS = {
    CriterionKind.OBJECTIVE: QT_TRANSLATE_NOOP("CriteriaModel", "Objective"),
    CriterionKind.VALUE: QT_TRANSLATE_NOOP("CriteriaModel", "Value"),
    CriterionKind.RISK: QT_TRANSLATE_NOOP("CriteriaModel", "Risk"),
    CriterionKind.COST: QT_TRANSLATE_NOOP("CriteriaModel", "Cost"),
    CriterionKind.URGENCY: QT_TRANSLATE_NOOP("CriteriaModel", "Urgency"),
}


def kind_label(kind: CriterionKind) -> str:
    return QCoreApplication.translate("CriteriaModel", _KINDS[CriterionKind(kind)])


class CriteriaColumn(enum.IntEnum):
    CODE = 0
    NAME = 1
    KIND = 2
    WEIGHT = 3
    SHARE = 4
    DIRECTION = 5


_HEADERS = {
    CriteriaColumn.CODE: QT_TRANSLATE_NOOP("CriteriaModel", "Code"),
    CriteriaColumn.NAME: QT_TRANSLATE_NOOP("CriteriaModel", "Criterion"),
    CriteriaColumn.KIND: QT_TRANSLATE_NOOP("CriteriaModel", "Kind"),
    CriteriaColumn.WEIGHT: QT_TRANSLATE_NOOP("CriteriaModel", "Weight"),
    CriteriaColumn.SHARE: QT_TRANSLATE_NOOP("CriteriaModel", "Share"),
    CriteriaColumn.DIRECTION: QT_TRANSLATE_NOOP("CriteriaModel", "Better"),
}
_TIPS = {
    CriteriaColumn.WEIGHT: QT_TRANSLATE_NOOP(
        "CriteriaModel", "Relative weight of the criterion (double-click to edit)"
    ),
    CriteriaColumn.SHARE: QT_TRANSLATE_NOOP("CriteriaModel", "Share of the total weight"),
    CriteriaColumn.DIRECTION: QT_TRANSLATE_NOOP(
        "CriteriaModel",
        "Whether a high score (5) or a low score (0) is good; tick for higher is better",
    ),
}
_EDITABLE = (CriteriaColumn.CODE, CriteriaColumn.NAME, CriteriaColumn.WEIGHT)


class CriteriaModel(QAbstractTableModel):
    """The criteria of the scoring model."""

    #: A criterion and the fields the user changed ({"weight": 2.0}, {"higher_is_better": …}).
    edit_requested = Signal(object, object)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.criteria: list[Criterion] = []
        self.editable = True

    def set_criteria(self, criteria: list[Criterion]) -> None:
        self.beginResetModel()
        self.criteria = list(criteria)
        self.endResetModel()

    def criterion_at(self, row: int) -> Criterion:
        return self.criteria[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.criteria)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(CriteriaColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or section not in range(len(CriteriaColumn)):
            return None
        column = CriteriaColumn(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("CriteriaModel", _HEADERS[column])
        if role == Qt.ItemDataRole.ToolTipRole and column in _TIPS:
            return QCoreApplication.translate("CriteriaModel", _TIPS[column])
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not index.isValid() or not self.editable:
            return flags
        if index.column() in _EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        if index.column() == CriteriaColumn.DIRECTION:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.criteria):
            return None
        criterion = self.criteria[index.row()]
        column = CriteriaColumn(index.column())
        total = sum(c.weight for c in self.criteria)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column is CriteriaColumn.CODE:
                return criterion.code
            if column is CriteriaColumn.NAME:
                return criterion.name
            if column is CriteriaColumn.KIND:
                return kind_label(criterion.kind)
            if column is CriteriaColumn.WEIGHT:
                if role == Qt.ItemDataRole.EditRole:
                    return criterion.weight
                return f"{criterion.weight:g}"
            if column is CriteriaColumn.SHARE:
                return f"{100 * criterion.weight / total:.0f} %" if total > 0 else "–"
            if column is CriteriaColumn.DIRECTION:
                return (
                    QCoreApplication.translate("CriteriaModel", "Higher")
                    if criterion.higher_is_better
                    else QCoreApplication.translate("CriteriaModel", "Lower")
                )
        if role == Qt.ItemDataRole.CheckStateRole and column is CriteriaColumn.DIRECTION:
            return Qt.CheckState.Checked if criterion.higher_is_better else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            CriteriaColumn.WEIGHT,
            CriteriaColumn.SHARE,
        ):
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            return criterion.description or criterion.name
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not self.editable:
            return False
        criterion = self.criteria[index.row()]
        column = CriteriaColumn(index.column())
        changes: dict[str, Any] = {}
        if role == Qt.ItemDataRole.CheckStateRole and column is CriteriaColumn.DIRECTION:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            changes["higher_is_better"] = checked
        elif role == Qt.ItemDataRole.EditRole and column is CriteriaColumn.WEIGHT:
            changes["weight"] = value
        elif role == Qt.ItemDataRole.EditRole and column is CriteriaColumn.CODE:
            changes["code"] = value
        elif role == Qt.ItemDataRole.EditRole and column is CriteriaColumn.NAME:
            changes["name"] = value
        if not changes:
            return False
        self.edit_requested.emit(criterion, changes)
        return True
