"""The Gantt's task table: a QTreeView over `TaskTreeModel` that owns the shared row layout.

The chart paints the rows in the order `visible_rows` gives and at the heights `row_height`
says, scrolled by this view's vertical scroll bar: KDGantt's row controller, done by the tree
itself. Rows have one fixed height so that row *i* sits at y = i × height in both widgets.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from pmo_desktop.ui.itemmodels.task_tree import DEFAULT_COLUMNS, Column, TaskTreeModel

_WIDTHS = {
    Column.ID: 48,
    Column.WBS: 70,
    Column.NAME: 260,
    Column.DURATION: 74,
    Column.START: 84,
    Column.FINISH: 84,
    Column.PERCENT: 84,
    Column.PREDECESSORS: 100,
    Column.RESOURCES: 150,
}


class RowDelegate(QStyledItemDelegate):
    """Every row exactly `height` pixels high: the chart relies on it."""

    def __init__(self, height: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.height = height

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # type: ignore[override]
        size = super().sizeHint(option, index)
        return QSize(size.width(), self.height)


class TaskTable(QTreeView):
    """The WBS tree with user-chosen columns; emits `rows_changed` when the row order changes."""

    #: The visible rows changed (expand, collapse, reload, filter): the chart repaints.
    rows_changed = Signal()

    def __init__(self, model: TaskTreeModel, header_height: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.task_model = model
        self.row_height = max(22, self.fontMetrics().height() + 8)
        self._rows: list[int] = []
        self._row_of: dict[int, int] = {}
        self._collapsed_ids: set[int] = set()
        self.setItemDelegate(RowDelegate(self.row_height, self))
        self.setModel(model)
        self.setUniformRowHeights(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAllColumnsShowFocus(True)
        self.setExpandsOnDoubleClick(False)
        self.setAnimated(False)
        self.setIndentation(14)
        self.setTreePosition(Column.NAME)
        header = self.header()
        header.setFixedHeight(header_height)
        header.setStretchLastSection(False)
        header.setSectionsMovable(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignVCenter)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        for column in Column:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(column, _WIDTHS.get(column, 96))
            self.setColumnHidden(column, column not in DEFAULT_COLUMNS)
        self.expanded.connect(lambda index: self._set_collapsed(index, False))
        self.collapsed.connect(lambda index: self._set_collapsed(index, True))
        model.modelReset.connect(self._after_reset)

    # The shared row layout.

    @property
    def rows(self) -> list[int]:
        """Task positions (in the model's snapshot) top to bottom, as shown."""
        return self._rows

    def row_of(self, position: int) -> int | None:
        return self._row_of.get(position)

    def row_map(self) -> dict[int, int]:
        """Task position → visible row (read only)."""
        return self._row_of

    def forget_collapsed(self) -> None:
        """Another project: its outline opens fully expanded."""
        self._collapsed_ids.clear()

    def scroll_y(self) -> int:
        return self.verticalScrollBar().value()

    def collapsed_ids(self) -> set[int]:
        return set(self._collapsed_ids)

    def _relayout(self) -> None:
        model = self.task_model
        positions = (model.position_of(task_id) for task_id in self._collapsed_ids)
        collapsed = {p for p in positions if p is not None}
        self._rows = model.visible_rows(collapsed)
        self._row_of = {p: row for row, p in enumerate(self._rows)}
        self.rows_changed.emit()

    def _set_collapsed(self, index: QModelIndex, collapsed: bool) -> None:
        task = self.task_model.task(index)
        if task is None or self.task_model.is_filtered():
            return
        if collapsed:
            self._collapsed_ids.add(task.id)
        else:
            self._collapsed_ids.discard(task.id)
        self._relayout()

    def _after_reset(self) -> None:
        """A new tree: expand everything but what the user had collapsed."""
        model = self.task_model
        self.blockSignals(True)
        try:
            self.expandAll()
            for task_id in list(self._collapsed_ids):
                index = model.index_of(task_id)
                if index.isValid():
                    self.collapse(index)
                else:
                    self._collapsed_ids.discard(task_id)
        finally:
            self.blockSignals(False)
        self._relayout()

    def expand_all(self) -> None:
        self._collapsed_ids.clear()
        self.blockSignals(True)
        self.expandAll()
        self.blockSignals(False)
        self._relayout()

    def collapse_to_level(self, level: int) -> None:
        """Show the outline down to `level` (1 = top-level tasks only)."""
        model = self.task_model
        self._collapsed_ids = {
            model.task_at(p).id
            for p in model.summary_positions()
            if model.task_at(p).outline_level >= level
        }
        self._after_reset()

    def set_row_expanded(self, task_id: int, expanded: bool) -> None:
        index = self.task_model.index_of(task_id)
        if index.isValid():
            self.setExpanded(index, expanded)

    def index_for_row(self, row: int) -> QModelIndex:
        if not 0 <= row < len(self._rows):
            return QModelIndex()
        return self.task_model.index_of(self.task_model.task_at(self._rows[row]).id)

    def select_task(self, task_id: int) -> None:
        index = self.task_model.index_of(task_id)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def selected_task_ids(self) -> list[int]:
        model = self.task_model
        return [
            task.id
            for index in self.selectionModel().selectedRows()
            if (task := model.task(index)) is not None
        ]

    def is_row_selected(self, row: int) -> bool:
        index = self.index_for_row(row)
        return index.isValid() and self.selectionModel().isSelected(index)

    # Columns.

    def _column_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for action in self.column_actions(menu):
            menu.addAction(action)
        menu.exec(self.header().mapToGlobal(pos))

    def column_actions(self, parent: QWidget) -> list[QAction]:
        """One checkable action per column: the user's choice of columns."""
        model = self.task_model
        actions = []
        for column in Column:
            action = QAction(
                model.headerData(column, Qt.Orientation.Horizontal), parent, checkable=True
            )
            action.setChecked(not self.isColumnHidden(column))
            action.setEnabled(column != Column.NAME)
            action.toggled.connect(lambda shown, c=column: self.setColumnHidden(c, not shown))
            actions.append(action)
        return actions
