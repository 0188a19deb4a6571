"""The portfolio Gantt's left side: programmes, their projects and, once a project is expanded,
its tasks, in a tree whose shown rows the chart paints at the same heights.

A project arrives with no children and a child indicator; expanding it asks the view to read
its tasks (in the background) and shows a "Loading…" row meanwhile. Summary tasks below
outline level 1 arrive collapsed, to keep the portfolio readable.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from pmo_desktop.services.gantt import GanttData, GanttTask
from pmo_desktop.services.portfolio_gantt import (
    PortfolioGanttData,
    PortfolioGanttProgramme,
    PortfolioGanttProject,
)
from pmo_desktop.ui.formatting import format_date, format_percent
from pmo_desktop.ui.gantt.table import RowDelegate
from pmo_desktop.ui.rag import rag_icon

#: Summary tasks at this outline level and deeper arrive collapsed.
COLLAPSE_FROM_LEVEL = 2


class RowKind(enum.Enum):
    PROGRAMME = "programme"
    PROJECT = "project"
    TASK = "task"
    LOADING = "loading"


@dataclass(frozen=True, slots=True)
class PortfolioRow:
    """What one shown row is: a programme, a project's summary, a task, or a row waiting."""

    kind: RowKind
    project_id: int | None = None
    programme: PortfolioGanttProgramme | None = None
    project: PortfolioGanttProject | None = None
    task: GanttTask | None = None


class _Item(QTreeWidgetItem):
    def __init__(self, row: PortfolioRow, texts: list[str]) -> None:
        super().__init__(texts)
        self.row = row


def _translate(text: str) -> str:
    return QCoreApplication.translate("PortfolioGanttTree", text)


class PortfolioTree(QTreeWidget):
    """The rows of the portfolio Gantt; `rows` is the layout the chart paints."""

    #: The shown rows changed (expand, collapse, reload): the chart repaints.
    rows_changed = Signal()
    #: A project was expanded whose tasks are not read yet.
    project_needed = Signal(int)

    def __init__(self, header_height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row_height = max(22, self.fontMetrics().height() + 8)
        self._rows: list[PortfolioRow] = []
        self._project_items: dict[int, _Item] = {}
        self._task_items: dict[int, _Item] = {}
        self._task_row: dict[int, int] = {}
        self._project_row: dict[int, int] = {}
        self._programme_row: dict[int | None, int] = {}
        self._loaded_projects: set[int] = set()
        self.setItemDelegate(RowDelegate(self.row_height, self))
        self.setColumnCount(4)
        self.setHeaderLabels(
            [_translate("Programme / project"), _translate("Start"), _translate("Finish"),
             _translate("% complete")]
        )  # fmt: skip
        self.setUniformRowHeights(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAllColumnsShowFocus(True)
        self.setExpandsOnDoubleClick(False)
        self.setAnimated(False)
        self.setIndentation(14)
        header = self.header()
        header.setFixedHeight(header_height)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignVCenter)
        for column, width in enumerate((300, 84, 84, 84)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(column, width)
        self._bold = QFont(self.font())
        self._bold.setBold(True)
        self.itemExpanded.connect(self._on_expanded)
        self.itemCollapsed.connect(lambda _item: self.relayout())

    # The shared row layout.

    @property
    def rows(self) -> list[PortfolioRow]:
        return self._rows

    def scroll_y(self) -> int:
        return self.verticalScrollBar().value()

    def task_row(self, task_id: int) -> int | None:
        return self._task_row.get(task_id)

    def project_row(self, project_id: int) -> int | None:
        return self._project_row.get(project_id)

    def programme_row(self, programme_id: int | None) -> int | None:
        return self._programme_row.get(programme_id)

    def is_project_loaded(self, project_id: int) -> bool:
        return project_id in self._loaded_projects

    def expanded_projects(self) -> list[int]:
        return [pid for pid, item in self._project_items.items() if item.isExpanded()]

    def relayout(self) -> None:
        """Walk the expanded items top to bottom: the rows as the tree shows them."""
        rows: list[PortfolioRow] = []
        stack = [self.topLevelItem(i) for i in reversed(range(self.topLevelItemCount()))]
        while stack:
            item = stack.pop()
            rows.append(item.row)  # type: ignore[attr-defined]
            if item.isExpanded():
                stack.extend(item.child(i) for i in reversed(range(item.childCount())))
        self._rows = rows
        self._task_row = {}
        self._project_row = {}
        self._programme_row = {}
        for number, row in enumerate(rows):
            if row.kind is RowKind.TASK:
                assert row.task is not None
                self._task_row[row.task.id] = number
            elif row.kind is RowKind.PROJECT:
                assert row.project_id is not None
                self._project_row[row.project_id] = number
            elif row.kind is RowKind.PROGRAMME:
                assert row.programme is not None
                self._programme_row[row.programme.id] = number
        self.rows_changed.emit()

    # Filling.

    def clear_rows(self) -> None:
        """No rows (another scope or database)."""
        self.clear()
        self._project_items = {}
        self._task_items = {}
        self._loaded_projects = set()
        self.relayout()

    def set_data(self, data: PortfolioGanttData) -> None:
        """Programmes expanded, projects collapsed (those expanded before stay so, and are
        asked for again)."""
        expanded = set(self.expanded_projects())
        self.blockSignals(True)
        try:
            self.clear()
            self._project_items = {}
            self._task_items = {}
            self._loaded_projects = set()
            for programme in data.programmes:
                name = (
                    f"{programme.code}  {programme.name}"
                    if programme.id is not None
                    else _translate("Projects outside a programme")
                )
                item = _Item(
                    PortfolioRow(RowKind.PROGRAMME, programme=programme),
                    [name, _date(programme.start), _date(programme.finish), ""],
                )
                item.setFont(0, self._bold)
                _align(item)
                self.addTopLevelItem(item)
                for project in programme.projects:
                    child = _Item(
                        PortfolioRow(RowKind.PROJECT, project.id, programme, project),
                        [
                            f"{project.code}  {project.name}",
                            _date(project.start),
                            _date(project.finish),
                            format_percent(project.percent_complete),
                        ],
                    )
                    child.setIcon(0, rag_icon(project.rag))
                    child.setToolTip(0, f"{project.code}  {project.name}")
                    _align(child)
                    child.setChildIndicatorPolicy(
                        QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator
                    )
                    item.addChild(child)
                    self._project_items[project.id] = child
                item.setExpanded(True)
        finally:
            self.blockSignals(False)
        self.relayout()
        for project_id in expanded:
            self.set_project_expanded(project_id, True)

    def set_project_expanded(self, project_id: int, expanded: bool) -> None:
        item = self._project_items.get(project_id)
        if item is not None:
            item.setExpanded(expanded)

    def _on_expanded(self, item: QTreeWidgetItem) -> None:
        row: PortfolioRow = item.row  # type: ignore[attr-defined]
        if (
            row.kind is RowKind.PROJECT
            and row.project_id is not None
            and row.project_id not in self._loaded_projects
            and item.childCount() == 0
        ):
            waiting = _Item(
                PortfolioRow(RowKind.LOADING, row.project_id), [_translate("Loading…"), "", "", ""]
            )
            waiting.setForeground(0, self.palette().placeholderText())
            item.addChild(waiting)
            self.project_needed.emit(row.project_id)
        self.relayout()

    def set_project_tasks(self, data: GanttData) -> None:
        """The tasks of an expanded project, in WBS order, summaries below level 1 collapsed."""
        item = self._project_items.get(data.project_id)
        if item is None:
            return
        self.blockSignals(True)
        try:
            item.takeChildren()
            parents: dict[int, _Item] = {}
            for task in data.tasks:
                child = _Item(
                    PortfolioRow(RowKind.TASK, data.project_id, task=task),
                    [
                        task.name,
                        _date(task.start),
                        _date(task.finish),
                        format_percent(task.percent_complete),
                    ],
                )
                _align(child)
                if task.is_summary:
                    child.setFont(0, self._bold)
                parent = parents.get(task.parent_id) if task.parent_id is not None else None
                (parent or item).addChild(child)
                parents[task.id] = child
                self._task_items[task.id] = child
            for task in data.tasks:
                if task.is_summary:
                    parents[task.id].setExpanded(task.outline_level < COLLAPSE_FROM_LEVEL)
            item.setChildIndicatorPolicy(
                QTreeWidgetItem.ChildIndicatorPolicy.DontShowIndicatorWhenChildless
            )
            self._loaded_projects.add(data.project_id)
        finally:
            self.blockSignals(False)
        self.relayout()

    def project_failed(self, project_id: int, message: str) -> None:
        item = self._project_items.get(project_id)
        if item is None:
            return
        self.blockSignals(True)
        item.takeChildren()
        item.addChild(_Item(PortfolioRow(RowKind.LOADING, project_id), [message, "", "", ""]))
        self.blockSignals(False)
        self.relayout()

    # Selection.

    def current_row(self) -> PortfolioRow | None:
        item = self.currentItem()
        return item.row if isinstance(item, _Item) else None

    def select_row(self, number: int) -> None:
        row = self._rows[number] if 0 <= number < len(self._rows) else None
        item = self._item_of(row) if row is not None else None
        if item is not None:
            self.setCurrentItem(item)

    def _item_of(self, row: PortfolioRow) -> _Item | None:
        if row.kind is RowKind.TASK and row.task is not None:
            return self._task_items.get(row.task.id)
        if row.kind is RowKind.PROJECT and row.project_id is not None:
            return self._project_items.get(row.project_id)
        for index in range(self.topLevelItemCount()):
            item = self.topLevelItem(index)
            if isinstance(item, _Item) and item.row == row:
                return item
        return None

    def item_row(self, item: QTreeWidgetItem) -> PortfolioRow | None:
        return item.row if isinstance(item, _Item) else None


def _date(value: object) -> str:
    return format_date(value.date()) if value is not None else ""  # type: ignore[attr-defined]


def _align(item: QTreeWidgetItem) -> None:
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    for column in (1, 2, 3):
        item.setTextAlignment(column, right)
