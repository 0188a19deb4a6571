"""Groups the sorted, filtered project rows under headings (programme, method, objective,
PMO status), or shows them flat.

A tree model over the project proxy: group rows at the top, the proxy's rows under them in
the proxy's order. Every change of the proxy (sort, filter, new data) re-lays the tree out
with `layoutChanged`, carrying persistent indexes over by project id and group key, so the
user's selection, current row and expanded groups survive a refresh.
"""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from pmo_desktop.models import Rag
from pmo_desktop.services.dashboard import DashboardRow
from pmo_desktop.ui.formatting import method_label, rag_label, status_label
from pmo_desktop.ui.itemmodels.project_table import CELL_ROLES, ProjectTableModel

AnyIndex = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()
_CONTEXT = "ProjectGroups"
#: Internal id of a top-level item (group heading, or a project row when flat).
_TOP = 0xFFFFFFFF


class GroupBy(enum.Enum):
    NONE = QT_TRANSLATE_NOOP("ProjectGroups", "No grouping")
    PROGRAMME = QT_TRANSLATE_NOOP("ProjectGroups", "Programme")
    METHOD = QT_TRANSLATE_NOOP("ProjectGroups", "Method")
    OBJECTIVE = QT_TRANSLATE_NOOP("ProjectGroups", "Strategic objective")
    STATUS = QT_TRANSLATE_NOOP("ProjectGroups", "PMO status")

    def label(self) -> str:
        return QCoreApplication.translate(_CONTEXT, self.value)


_EMPTY_GROUP = {
    GroupBy.PROGRAMME: QT_TRANSLATE_NOOP("ProjectGroups", "No programme"),
    GroupBy.OBJECTIVE: QT_TRANSLATE_NOOP("ProjectGroups", "No objective scored"),
}


def group_key(row: DashboardRow, group_by: GroupBy) -> tuple[int, str]:
    """(order, label) of the row's group: empty groups sort last, statuses in pipeline order."""
    match group_by:
        case GroupBy.PROGRAMME:
            text = row.programme
        case GroupBy.METHOD:
            return (0, method_label(row.method))
        case GroupBy.STATUS:
            return (list(type(row.status)).index(row.status), status_label(row.status))
        case GroupBy.OBJECTIVE:
            text = row.objective
        case _:
            return (0, "")
    if not text:
        return (1, QCoreApplication.translate(_CONTEXT, _EMPTY_GROUP[group_by]))
    return (0, text)


@dataclass
class _Group:
    key: tuple[int, str]
    rows: list[int] = field(default_factory=list)  # proxy rows
    rags: Counter[Rag | None] = field(default_factory=Counter)


class GroupedProjectModel(QAbstractItemModel):
    """Project rows of `proxy`, flat or under group headings; read-only."""

    GroupRole = Qt.ItemDataRole.UserRole + 40

    def __init__(self, proxy: QSortFilterProxyModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._proxy = proxy
        self._group_by = GroupBy.NONE
        self._groups: list[_Group] = []
        self._flat: list[int] = []
        self._group_of_key: dict[tuple[int, str], int] = {}
        self._place_of_project: dict[int, tuple[int | None, int]] = {}
        self._source_rows: dict[int, int] = {}
        self._build()
        proxy.modelReset.connect(self._relayout)
        proxy.layoutChanged.connect(self._relayout)
        proxy.rowsInserted.connect(self._relayout)
        proxy.rowsRemoved.connect(self._relayout)
        proxy.dataChanged.connect(self._on_data_changed)

    @property
    def group_by(self) -> GroupBy:
        return self._group_by

    def set_group_by(self, group_by: GroupBy) -> None:
        if group_by is not self._group_by:
            self._relayout(group_by)

    def _source(self) -> ProjectTableModel:
        model = self._proxy.sourceModel()
        assert isinstance(model, ProjectTableModel)
        return model

    def _row(self, proxy_row: int) -> DashboardRow:
        source = self._proxy.mapToSource(self._proxy.index(proxy_row, 0))
        return self._source().row_at(source.row())

    def _structure(self) -> tuple[list[_Group], list[int]]:
        count = self._proxy.rowCount()
        if self._group_by is GroupBy.NONE:
            return [], list(range(count))
        groups: dict[tuple[int, str], _Group] = {}
        for proxy_row in range(count):
            row = self._row(proxy_row)
            key = group_key(row, self._group_by)
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Group(key)
            group.rows.append(proxy_row)
            group.rags[row.rag_overall] += 1
        ordered = sorted(groups.values(), key=lambda group: (group.key[0], group.key[1].casefold()))
        return ordered, []

    def _build(self) -> None:
        self._source_rows = {}
        self._groups, self._flat = self._structure()
        self._group_of_key = {group.key: number for number, group in enumerate(self._groups)}
        places: dict[int, tuple[int | None, int]] = {}
        if self._group_by is GroupBy.NONE:
            for position, proxy_row in enumerate(self._flat):
                places[self._row(proxy_row).id] = (None, position)
        else:
            for number, group in enumerate(self._groups):
                for position, proxy_row in enumerate(group.rows):
                    places[self._row(proxy_row).id] = (number, position)
        self._place_of_project = places

    def _key_of(self, index: QModelIndex) -> tuple[str, object, int]:
        if index.internalId() == _TOP and self._group_by is not GroupBy.NONE:
            return ("group", self._groups[index.row()].key, index.column())
        return ("project", index.data(ProjectTableModel.ProjectIdRole), index.column())

    def _index_of_key(self, key: tuple[str, object, int]) -> QModelIndex:
        kind, value, column = key
        if kind == "group":
            number = self._group_of_key.get(value)  # type: ignore[arg-type]
            return _NO_PARENT if number is None else self.index(number, column)
        place = self._place_of_project.get(value)  # type: ignore[arg-type]
        if place is None:
            return _NO_PARENT
        group, position = place
        parent = _NO_PARENT if group is None else self.index(group, 0)
        return self.index(position, column, parent)

    def _relayout(self, group_by: GroupBy | None = None) -> None:
        """Rebuild, moving persistent indexes (selection, current, expanded) by identity."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        keys = [self._key_of(index) for index in old]
        if isinstance(group_by, GroupBy):
            self._group_by = group_by
        self._build()
        self.changePersistentIndexList(old, [self._index_of_key(key) for key in keys])
        self.layoutChanged.emit()

    def _on_data_changed(self, *_args: object) -> None:
        groups, flat = self._structure()
        same = flat == self._flat and [(g.key, g.rows) for g in groups] == [
            (g.key, g.rows) for g in self._groups
        ]
        if not same:
            self._relayout()
            return
        self._groups = groups
        last = self.columnCount() - 1
        if self._group_by is GroupBy.NONE:
            if self._flat:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._flat) - 1, last))
            return
        for number, group in enumerate(self._groups):
            parent = self.index(number, 0)
            self.dataChanged.emit(self.index(number, 0), self.index(number, last))
            self.dataChanged.emit(
                self.index(0, 0, parent), self.index(len(group.rows) - 1, last, parent)
            )

    def project_index(self, project_id: int, column: int = 0) -> QModelIndex:
        return self._index_of_key(("project", project_id, column))

    def group_count(self) -> int:
        return len(self._groups)

    def group_index(self, number: int) -> QModelIndex:
        return self.index(number, 0) if self._group_by is not GroupBy.NONE else _NO_PARENT

    def project_ids(self) -> list[int]:
        """The projects shown, in display order (group by group)."""
        order = self._flat if self._group_by is GroupBy.NONE else [
            proxy_row for group in self._groups for proxy_row in group.rows
        ]  # fmt: skip
        return [self._row(proxy_row).id for proxy_row in order]

    # Qt's item model interface.

    def index(self, row: int, column: int, parent: AnyIndex = _NO_PARENT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP)
        return self.createIndex(row, column, parent.row())

    def parent(self, index: AnyIndex = _NO_PARENT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        group = index.internalId()
        if group == _TOP:
            return QModelIndex()
        return self.createIndex(group, 0, _TOP)

    def rowCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        if not parent.isValid():
            return len(self._flat) if self._group_by is GroupBy.NONE else len(self._groups)
        if parent.column() != 0 or parent.internalId() != _TOP:
            return 0
        if self._group_by is GroupBy.NONE or parent.row() >= len(self._groups):
            return 0
        return len(self._groups[parent.row()].rows)

    def columnCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return self._proxy.columnCount()

    def hasChildren(self, parent: AnyIndex = _NO_PARENT) -> bool:
        return self.rowCount(parent) > 0

    def _source_row(self, index: AnyIndex) -> int:
        """The source model's row of a project item (cached per layout)."""
        if index.internalId() == _TOP:
            proxy_row = self._flat[index.row()]
        else:
            proxy_row = self._groups[index.internalId()].rows[index.row()]
        source_row = self._source_rows.get(proxy_row)
        if source_row is None:
            source_row = self._source_rows[proxy_row] = self._proxy.mapToSource(
                self._proxy.index(proxy_row, 0)
            ).row()
        return source_row

    def _proxy_index(self, index: AnyIndex) -> QModelIndex:
        if index.internalId() == _TOP:
            if self._group_by is not GroupBy.NONE:
                return QModelIndex()
            return self._proxy.index(self._flat[index.row()], index.column())
        group = self._groups[index.internalId()]
        return self._proxy.index(group.rows[index.row()], index.column())

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.internalId() != _TOP or self._group_by is GroupBy.NONE:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _TOP and self._group_by is not GroupBy.NONE:
            return self._group_data(self._groups[index.row()], role)
        if role not in CELL_ROLES:
            return None  # most of the roles a paint asks for: answer before any lookup
        return self._source().cell_data(self._source_row(index), index.column(), role)

    def _group_data(self, group: _Group, role: int) -> Any:
        if role == self.GroupRole:
            return group.key[1]
        if role == Qt.ItemDataRole.DisplayRole:
            count = len(group.rows)
            parts = [
                QCoreApplication.translate("ProjectGroups", "1 project")
                if count == 1
                else QCoreApplication.translate("ProjectGroups", "{count} projects").format(
                    count=count
                )
            ]
            for rag in (Rag.RED, Rag.AMBER, Rag.GREEN, None):
                if group.rags[rag]:
                    parts.append(f"{group.rags[rag]} {rag_label(rag).lower()}")
            return f"{group.key[1]}   ({' · '.join(parts)})"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return self._proxy.headerData(section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._proxy.sort(column, order)
