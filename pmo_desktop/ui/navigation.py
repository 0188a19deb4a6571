"""The navigation panel: portfolio → programme → project, with RAG dots, in the left dock.

Choosing the portfolio or a programme sets the scope the dashboard shows; choosing a project
makes it the current project (the project view and, later, the Gantt follow it). Enter or a
double-click on a project opens it.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QVBoxLayout, QWidget

from pmo_desktop.services.portfolio import PortfolioTree
from pmo_desktop.ui.itemmodels.portfolio_tree import NodeKind, PortfolioTreeModel


class _Tree(QTreeView):
    activated_by_key = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_by_key.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class NavigationPanel(QWidget):
    """The portfolio tree; says which scope or project the user picked."""

    #: The projects in scope (None: the whole portfolio) and the scope's display name.
    scope_changed = Signal(object, str)
    #: The user moved to a project (single click or keyboard).
    project_selected = Signal(int)
    #: The user asked to open a project (double-click or Enter).
    project_opened = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PortfolioTreeModel(self)
        self.tree = _Tree()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setMinimumWidth(200)
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self.tree.doubleClicked.connect(self._on_open)
        self.tree.activated_by_key.connect(self._on_open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)

    def set_tree(self, tree: PortfolioTree | None) -> None:
        """Show a new snapshot, keeping the selected node when it is still there."""
        kind, entity_id = self.current_node()
        self.tree.selectionModel().blockSignals(True)
        try:
            self.model.set_tree(tree)
            self.tree.expandAll()
        finally:
            self.tree.selectionModel().blockSignals(False)
        self._restore(kind, entity_id)

    def current_node(self) -> tuple[int | None, int | None]:
        current = self.tree.currentIndex()
        if not current.isValid():
            return None, None
        return current.data(PortfolioTreeModel.KindRole), current.data(PortfolioTreeModel.IdRole)

    def current_project_id(self) -> int | None:
        kind, entity_id = self.current_node()
        return entity_id if kind == NodeKind.PROJECT else None

    def select_project(self, project_id: int) -> bool:
        index = self.model.project_index(project_id)
        if not index.isValid():
            return False
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    def select_portfolio(self) -> None:
        index = self.model.portfolio_index()
        if index.isValid():
            self.tree.setCurrentIndex(index)

    def collapse_programmes(self) -> None:
        self.tree.collapseAll()
        self.tree.expand(self.model.portfolio_index())

    def _restore(self, kind: int | None, entity_id: int | None) -> None:
        model = self.model
        target = model.portfolio_index()
        if kind == NodeKind.PROJECT and entity_id is not None:
            target = model.project_index(entity_id)
        elif kind in (NodeKind.PROGRAMME, NodeKind.UNGROUPED):
            root = model.portfolio_index()
            for row in range(model.rowCount(root)):
                candidate = model.index(row, 0, root)
                if (
                    candidate.data(model.KindRole) == kind
                    and candidate.data(model.IdRole) == entity_id
                ):
                    target = candidate
        if not target.isValid():
            target = model.portfolio_index()
        if target.isValid():
            if target == self.tree.currentIndex():
                self._on_current(target, QModelIndex())
            else:
                self.tree.setCurrentIndex(target)
        else:
            self.scope_changed.emit(None, "")

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.scope_changed.emit(None, "")
            return
        kind = current.data(PortfolioTreeModel.KindRole)
        if kind == NodeKind.PORTFOLIO:
            self.scope_changed.emit(None, current.data(Qt.ItemDataRole.DisplayRole))
        elif kind == NodeKind.PROJECT:
            programme = current.parent()
            self.scope_changed.emit(
                programme.data(PortfolioTreeModel.ProjectIdsRole),
                programme.data(Qt.ItemDataRole.DisplayRole),
            )
            self.project_selected.emit(current.data(PortfolioTreeModel.IdRole))
        else:
            self.scope_changed.emit(
                current.data(PortfolioTreeModel.ProjectIdsRole),
                current.data(Qt.ItemDataRole.DisplayRole),
            )

    def _on_open(self, index: QModelIndex) -> None:
        if index.data(PortfolioTreeModel.KindRole) == NodeKind.PROJECT:
            self.project_opened.emit(index.data(PortfolioTreeModel.IdRole))
