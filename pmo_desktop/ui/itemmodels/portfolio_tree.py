"""The navigation tree: portfolio → programme → project, with each project's RAG dot.

Built from the plain `PortfolioTree` snapshot of `services.portfolio`; every node is kept
in a flat list and an index's internal id is the node's position in it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from pmo_desktop.models import Rag
from pmo_desktop.services.portfolio import PortfolioTree
from pmo_desktop.ui.formatting import rag_label
from pmo_desktop.ui.rag import rag_icon

AnyIndex = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()


class NodeKind(enum.IntEnum):
    PORTFOLIO = 1
    PROGRAMME = 2
    UNGROUPED = 3
    PROJECT = 4


@dataclass
class _Node:
    kind: NodeKind
    entity_id: int | None
    code: str
    name: str
    parent: int
    row: int
    rag: Rag | None = None
    children: list[int] = field(default_factory=list)
    project_ids: frozenset[int] = frozenset()


_ROOT = -1


class PortfolioTreeModel(QAbstractItemModel):
    """Read-only tree of one portfolio; roles give each node's kind, id and project ids."""

    KindRole = Qt.ItemDataRole.UserRole + 1
    IdRole = Qt.ItemDataRole.UserRole + 2
    ProjectIdsRole = Qt.ItemDataRole.UserRole + 3
    RagRole = Qt.ItemDataRole.UserRole + 4

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._nodes: list[_Node] = []
        self._top: list[int] = []
        self._project_nodes: dict[int, int] = {}

    def set_tree(self, tree: PortfolioTree | None) -> None:
        """Replace the whole tree (None: no portfolio to show)."""
        self.beginResetModel()
        self._nodes = []
        self._top = []
        self._project_nodes = {}
        if tree is not None:
            self._build(tree)
        self.endResetModel()

    def _add(self, node: _Node) -> int:
        self._nodes.append(node)
        key = len(self._nodes) - 1
        if node.parent == _ROOT:
            self._top.append(key)
        else:
            self._nodes[node.parent].children.append(key)
        return key

    def _build(self, tree: PortfolioTree) -> None:
        root = self._add(_Node(NodeKind.PORTFOLIO, tree.id, "", tree.name, _ROOT, 0))
        all_ids: set[int] = set()
        for position, programme in enumerate(tree.programmes):
            kind = NodeKind.PROGRAMME if programme.id is not None else NodeKind.UNGROUPED
            ids = frozenset(project.id for project in programme.projects)
            all_ids |= ids
            group = self._add(
                _Node(kind, programme.id, programme.code, programme.name, root, position)
            )
            self._nodes[group].project_ids = ids
            for row, project in enumerate(programme.projects):
                key = self._add(
                    _Node(
                        NodeKind.PROJECT, project.id, project.code, project.name, group, row,
                        project.rag, project_ids=frozenset({project.id}),
                    )
                )  # fmt: skip
                self._project_nodes[project.id] = key
        self._nodes[root].project_ids = frozenset(all_ids)

    def _node(self, index: AnyIndex) -> _Node:
        return self._nodes[index.internalId()]

    def _children(self, parent: AnyIndex) -> list[int]:
        if not parent.isValid():
            return self._top
        return self._node(parent).children

    def index(self, row: int, column: int, parent: AnyIndex = _NO_PARENT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._children(parent)[row])

    def parent(self, child: AnyIndex | None = None) -> Any:  # type: ignore[override]
        """The parent index of `child`; without an argument, QObject's parent."""
        if child is None:
            return super().parent()
        if not child.isValid():
            return QModelIndex()
        parent_key = self._node(child).parent
        if parent_key == _ROOT:
            return QModelIndex()
        return self.createIndex(self._nodes[parent_key].row, 0, parent_key)

    def rowCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return 1

    def hasChildren(self, parent: AnyIndex = _NO_PARENT) -> bool:
        return self.rowCount(parent) > 0

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self._node(index).children:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._node(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._label(node)
        if role == Qt.ItemDataRole.DecorationRole:
            return rag_icon(node.rag) if node.kind is NodeKind.PROJECT else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node)
        if role == Qt.ItemDataRole.FontRole and node.kind is not NodeKind.PROJECT:
            font = QFont()
            font.setBold(True)
            return font
        if role == self.KindRole:
            return int(node.kind)
        if role == self.IdRole:
            return node.entity_id
        if role == self.ProjectIdsRole:
            return node.project_ids
        if role == self.RagRole:
            return node.rag.value if node.rag else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("PortfolioTreeModel", "Portfolio")
        return None

    def _label(self, node: _Node) -> str:
        if node.kind is NodeKind.UNGROUPED:
            return QCoreApplication.translate("PortfolioTreeModel", "Other projects")
        if node.kind is NodeKind.PROJECT:
            return f"{node.code}  {node.name}"
        return node.name

    def _tooltip(self, node: _Node) -> str:
        if node.kind is NodeKind.PROJECT:
            return QCoreApplication.translate(
                "PortfolioTreeModel", "{code} — {name}\nRAG: {rag}"
            ).format(code=node.code, name=node.name, rag=rag_label(node.rag))
        count = len(node.project_ids)
        return QCoreApplication.translate("PortfolioTreeModel", "{name}\nProjects: {count}").format(
            name=self._label(node), count=count
        )

    def project_index(self, project_id: int) -> QModelIndex:
        """The index of a project's node, invalid if the project is not in the tree."""
        key = self._project_nodes.get(project_id)
        if key is None:
            return QModelIndex()
        return self.createIndex(self._nodes[key].row, 0, key)

    def portfolio_index(self) -> QModelIndex:
        return self.index(0, 0) if self._top else QModelIndex()
