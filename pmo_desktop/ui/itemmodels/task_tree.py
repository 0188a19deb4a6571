"""The Gantt's row model: a project's WBS as a tree over frozen `GanttTask` snapshots.

The table (a QTreeView) shows it and the chart paints the same rows: `visible_rows` flattens
the tree through the expanded nodes, so row *i* of the table is row *i* of the chart. A filter
turns the tree into a flat list of the matching tasks in WBS order (Microsoft Project's
filters without "show related summary rows"); a highlight keeps every row and marks matches.
Reloading the same tasks (same ids, same order) only updates cells, so the view keeps its
selection, expanded nodes and scroll position.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from pmo_desktop.models import ConstraintType
from pmo_desktop.services.gantt import GanttData, GanttTask
from pmo_desktop.ui.formatting import format_date, format_percent

AnyIndex = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()
_CONTEXT = "TaskTreeModel"
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
HIGHLIGHT = QColor("#FFF3B0")
_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_FONT = Qt.ItemDataRole.FontRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_EDIT = Qt.ItemDataRole.EditRole
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_BASE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_LEAF = _BASE | Qt.ItemFlag.ItemNeverHasChildren
_EDITABLE = _BASE | Qt.ItemFlag.ItemIsEditable
_LEAF_EDITABLE = _LEAF | Qt.ItemFlag.ItemIsEditable


class Column(enum.IntEnum):
    ID = 0
    WBS = enum.auto()
    NAME = enum.auto()
    DURATION = enum.auto()
    START = enum.auto()
    FINISH = enum.auto()
    PERCENT = enum.auto()
    PREDECESSORS = enum.auto()
    RESOURCES = enum.auto()
    TOTAL_SLACK = enum.auto()
    FREE_SLACK = enum.auto()
    BASELINE_START = enum.auto()
    BASELINE_FINISH = enum.auto()
    VARIANCE = enum.auto()
    CONSTRAINT = enum.auto()
    DEADLINE = enum.auto()
    NOTES = enum.auto()


HEADERS = {
    Column.ID: QT_TRANSLATE_NOOP("TaskTreeModel", "ID"),
    Column.WBS: QT_TRANSLATE_NOOP("TaskTreeModel", "WBS"),
    Column.NAME: QT_TRANSLATE_NOOP("TaskTreeModel", "Task name"),
    Column.DURATION: QT_TRANSLATE_NOOP("TaskTreeModel", "Duration"),
    Column.START: QT_TRANSLATE_NOOP("TaskTreeModel", "Start"),
    Column.FINISH: QT_TRANSLATE_NOOP("TaskTreeModel", "Finish"),
    Column.PERCENT: QT_TRANSLATE_NOOP("TaskTreeModel", "% Complete"),
    Column.PREDECESSORS: QT_TRANSLATE_NOOP("TaskTreeModel", "Predecessors"),
    Column.RESOURCES: QT_TRANSLATE_NOOP("TaskTreeModel", "Resource names"),
    Column.TOTAL_SLACK: QT_TRANSLATE_NOOP("TaskTreeModel", "Total slack"),
    Column.FREE_SLACK: QT_TRANSLATE_NOOP("TaskTreeModel", "Free slack"),
    Column.BASELINE_START: QT_TRANSLATE_NOOP("TaskTreeModel", "Baseline start"),
    Column.BASELINE_FINISH: QT_TRANSLATE_NOOP("TaskTreeModel", "Baseline finish"),
    Column.VARIANCE: QT_TRANSLATE_NOOP("TaskTreeModel", "Finish variance"),
    Column.CONSTRAINT: QT_TRANSLATE_NOOP("TaskTreeModel", "Constraint"),
    Column.DEADLINE: QT_TRANSLATE_NOOP("TaskTreeModel", "Deadline"),
    Column.NOTES: QT_TRANSLATE_NOOP("TaskTreeModel", "Notes"),
}
#: Microsoft Project's Entry table: what a new Gantt shows before the user picks columns.
DEFAULT_COLUMNS = (
    Column.ID,
    Column.NAME,
    Column.DURATION,
    Column.START,
    Column.FINISH,
    Column.PERCENT,
    Column.PREDECESSORS,
    Column.RESOURCES,
)
#: Columns the user edits in place: the row field each one changes.
EDITABLE = {
    Column.NAME: "name",
    Column.DURATION: "duration",
    Column.PERCENT: "percent_complete",
    Column.PREDECESSORS: "predecessors",
}
_NUMERIC = {
    Column.ID, Column.DURATION, Column.PERCENT, Column.TOTAL_SLACK, Column.FREE_SLACK,
    Column.VARIANCE,
}  # fmt: skip
_COLUMNS = len(Column)
_ALIGNMENTS = [
    _CENTRE if column == Column.NOTES else _RIGHT if column in _NUMERIC else _LEFT
    for column in Column
]


def duration_text(minutes: int | None, minutes_per_day: int, *, signed: bool = False) -> str:
    """Working minutes as days, the unit planners read ("5 days", "0.5 days", "+2 days")."""
    if minutes is None:
        return ""
    days = minutes / minutes_per_day
    number = QLocale().toString(round(days, 2), "g", 6)
    if signed and days > 0:
        number = "+" + number
    if abs(days) == 1:
        return QCoreApplication.translate("TaskTreeModel", "{n} day").format(n=number)
    return QCoreApplication.translate("TaskTreeModel", "{n} days").format(n=number)


def date_text(value: datetime | None) -> str:
    return format_date(value.date()) if value is not None else ""


_SERVED = frozenset(
    {_DISPLAY, _ALIGNMENT, _FONT, _BACKGROUND, _FOREGROUND, _TOOLTIP, _EDIT}
    | {Qt.ItemDataRole.UserRole + offset for offset in (1, 2, 3)}
)


class TaskTreeModel(QAbstractItemModel):
    """Tasks by WBS (or flat when filtered); internal ids are positions in `GanttData.tasks`."""

    IdRole = Qt.ItemDataRole.UserRole + 1
    TaskRole = Qt.ItemDataRole.UserRole + 2
    HighlightRole = Qt.ItemDataRole.UserRole + 3

    #: A user edit of a cell: (task id, field, new value). Nothing is written yet.
    edit_requested = Signal(int, str, object)
    #: The visible rows changed shape (reset, filter): the chart re-reads `visible_rows`.
    rows_reshaped = Signal()
    #: A new snapshot arrived (dates and links may have changed, rows too).
    data_replaced = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data: GanttData | None = None
        self._tasks: tuple[GanttTask, ...] = ()
        self._parent: list[int] = []
        self._children: list[list[int]] = []
        self._roots: list[int] = []
        self._row: list[int] = []
        self._position: dict[int, int] = {}
        self._flat: list[int] | None = None
        self._flat_row: dict[int, int] = {}
        self._filter: Callable[[GanttTask], bool] | None = None
        self._highlight: set[int] = set()
        self._highlighter: Callable[[GanttTask], bool] | None = None
        self._minutes_per_day = 480
        #: Display texts made on first paint (formatting dates and numbers is the slow part).
        self._texts: dict[int, str] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._highlight_brush = QBrush(HIGHLIGHT)
        self._negative_brush = QBrush(QColor("#C62828"))
        self.editable = False

    # Loading and filtering.

    def set_data(self, data: GanttData | None) -> None:
        """Show `data`; the same tasks in the same order update in place."""
        tasks = data.tasks if data is not None else ()
        same = len(tasks) == len(self._tasks) and all(
            new.id == old.id and new.parent_id == old.parent_id
            for new, old in zip(tasks, self._tasks, strict=True)
        )
        self._texts = {}
        if same and tasks:
            self._data = data
            self._tasks = tasks
            self._minutes_per_day = data.minutes_per_day if data else 480
            self._apply_highlight()
            reshaped = self._flat is not None and self._filter is not None
            if reshaped:
                self.beginResetModel()
                self._flat = [p for p, task in enumerate(tasks) if self._filter(task)]
                self._flat_row = {p: row for row, p in enumerate(self._flat)}
                self.endResetModel()
                self.rows_reshaped.emit()
            else:
                self._emit_all_changed(NO_PARENT)
            self.data_replaced.emit()
            return
        self.beginResetModel()
        self._data = data
        self._tasks = tasks
        self._minutes_per_day = data.minutes_per_day if data else 480
        self._build_tree()
        self._flat = (
            [p for p, task in enumerate(tasks) if self._filter(task)] if self._filter else None
        )
        self._flat_row = {p: row for row, p in enumerate(self._flat or ())}
        self._apply_highlight()
        self.endResetModel()
        self.rows_reshaped.emit()
        self.data_replaced.emit()

    def set_filter(self, accepts: Callable[[GanttTask], bool] | None) -> None:
        """Show only the tasks `accepts` keeps, as a flat list (None: the whole WBS tree)."""
        self.beginResetModel()
        self._filter = accepts
        self._flat = [p for p, task in enumerate(self._tasks) if accepts(task)] if accepts else None
        self._flat_row = {p: row for row, p in enumerate(self._flat or ())}
        self.endResetModel()
        self.rows_reshaped.emit()

    def set_highlight(self, matches: Callable[[GanttTask], bool] | None) -> None:
        """Mark the tasks `matches` keeps (yellow rows), keeping every row shown."""
        self._highlighter = matches
        self._apply_highlight()
        if self._tasks:
            self._emit_all_changed(NO_PARENT)

    def is_filtered(self) -> bool:
        return self._flat is not None

    def _apply_highlight(self) -> None:
        matches = self._highlighter
        self._highlight = (
            {p for p, task in enumerate(self._tasks) if matches(task)} if matches else set()
        )

    def _build_tree(self) -> None:
        count = len(self._tasks)
        self._position = {task.id: p for p, task in enumerate(self._tasks)}
        self._parent = [-1] * count
        self._children = [[] for _ in range(count)]
        self._roots = []
        self._row = [0] * count
        for p, task in enumerate(self._tasks):
            parent = self._position.get(task.parent_id, -1) if task.parent_id else -1
            siblings = self._children[parent] if parent >= 0 else self._roots
            self._parent[p] = parent
            self._row[p] = len(siblings)
            siblings.append(p)

    def _emit_all_changed(self, parent: QModelIndex) -> None:
        # One signal for the whole range of each level: views repaint what they show.
        rows = self.rowCount(parent)
        if rows == 0:
            return
        last_column = len(Column) - 1
        self.dataChanged.emit(self.index(0, 0, parent), self.index(rows - 1, last_column, parent))
        if self._flat is None:
            stack = [p for p in self._roots if self._children[p]]
            while stack:
                p = stack.pop()
                children = self._children[p]
                node = self.createIndex(self._row[p], 0, p)
                self.dataChanged.emit(
                    self.index(0, 0, node), self.index(len(children) - 1, last_column, node)
                )
                stack.extend(c for c in children if self._children[c])

    # Lookups shared with the chart and the view.

    @property
    def gantt(self) -> GanttData | None:
        return self._data

    def tasks(self) -> tuple[GanttTask, ...]:
        return self._tasks

    def task_at(self, position: int) -> GanttTask:
        return self._tasks[position]

    def position_of(self, task_id: int) -> int | None:
        return self._position.get(task_id)

    def positions(self) -> dict[int, int]:
        """Task id → position in the snapshot (read only)."""
        return self._position

    def task(self, index: AnyIndex) -> GanttTask | None:
        return self._tasks[index.internalId()] if index.isValid() else None

    def index_of(self, task_id: int, column: int = 0) -> QModelIndex:
        """The index of a task, or an invalid one when the filter hides it."""
        p = self._position.get(task_id)
        if p is None:
            return QModelIndex()
        if self._flat is not None:
            row = self._flat_row.get(p)
            return QModelIndex() if row is None else self.createIndex(row, column, p)
        return self.createIndex(self._row[p], column, p)

    def is_highlighted(self, position: int) -> bool:
        return position in self._highlight

    def has_children(self, position: int) -> bool:
        return self._flat is None and bool(self._children[position])

    def visible_rows(self, collapsed: Collection[int]) -> list[int]:
        """Task positions top to bottom as the table shows them, `collapsed` holding the
        positions whose children are hidden: the one row order table and chart share."""
        if self._flat is not None:
            return list(self._flat)
        rows: list[int] = []
        stack = list(reversed(self._roots))
        children = self._children
        while stack:
            p = stack.pop()
            rows.append(p)
            if children[p] and p not in collapsed:
                stack.extend(reversed(children[p]))
        return rows

    def summary_positions(self) -> Sequence[int]:
        return [p for p in range(len(self._tasks)) if self._children[p]]

    # QAbstractItemModel.

    def index(self, row: int, column: int, parent: AnyIndex = NO_PARENT) -> QModelIndex:
        if not 0 <= column < _COLUMNS or row < 0:
            return QModelIndex()
        if self._flat is not None:
            if parent.isValid() or row >= len(self._flat):
                return QModelIndex()
            return self.createIndex(row, column, self._flat[row])
        siblings = self._children[parent.internalId()] if parent.isValid() else self._roots
        if row >= len(siblings):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: AnyIndex = NO_PARENT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or self._flat is not None:
            return QModelIndex()
        parent = self._parent[index.internalId()]
        if parent < 0:
            return QModelIndex()
        return self.createIndex(self._row[parent], 0, parent)

    def rowCount(self, parent: AnyIndex = NO_PARENT) -> int:
        if self._flat is not None:
            return 0 if parent.isValid() else len(self._flat)
        if not parent.isValid():
            return len(self._roots)
        if parent.column() != 0:
            return 0
        return len(self._children[parent.internalId()])

    def columnCount(self, parent: AnyIndex = NO_PARENT) -> int:
        return _COLUMNS

    def hasChildren(self, parent: AnyIndex = NO_PARENT) -> bool:
        return self.rowCount(parent) > 0

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(_CONTEXT, HEADERS[Column(section)])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section in _NUMERIC else _LEFT
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        # Asked for every cell on every paint: answer from constants.
        if not index.isValid():
            return _NO_FLAGS
        position = index.internalId()
        leaf = self._flat is not None or not self._children[position]
        column = index.column()
        if (
            self.editable
            and column in EDITABLE
            and (column == Column.NAME or not self._tasks[position].is_summary)
        ):
            return _LEAF_EDITABLE if leaf else _EDITABLE
        return _LEAF if leaf else _BASE

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _SERVED or not index.isValid():
            return None
        position = index.internalId()
        column = index.column()
        if role == _DISPLAY:
            key = position * _COLUMNS + column
            text = self._texts.get(key)
            if text is None:
                text = self._texts[key] = self._text(self._tasks[position], column)
            return text
        if role == _ALIGNMENT:
            return _ALIGNMENTS[column]
        task = self._tasks[position]
        if role == _FONT:
            return self._bold if task.is_summary else None
        if role == _BACKGROUND:
            return self._highlight_brush if position in self._highlight else None
        if role == _FOREGROUND:
            if column in (Column.TOTAL_SLACK, Column.VARIANCE):
                value = (
                    task.total_slack_minutes
                    if column == Column.TOTAL_SLACK
                    else -(task.finish_variance_minutes or 0)
                )
                if value is not None and value < 0:
                    return self._negative_brush
            return None
        if role == _TOOLTIP:
            if column == Column.NOTES and task.has_notes:
                return task.notes
            if column == Column.NAME:
                return f"{task.wbs}  {task.name}"
            return None
        if role == _EDIT:
            return self._edit_value(task, column)
        if role == self.IdRole:
            return task.id
        if role == self.TaskRole:
            return task
        if role == self.HighlightRole:
            return position in self._highlight
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        task = self._tasks[index.internalId()]
        if value == self._edit_value(task, index.column()):
            return False
        self.edit_requested.emit(task.id, EDITABLE[Column(index.column())], value)
        return True

    def _edit_value(self, task: GanttTask, column: int) -> Any:
        if column == Column.NAME:
            return task.name
        if column == Column.DURATION:
            return self._text(task, column)
        if column == Column.PERCENT:
            return round(task.percent_complete)
        if column == Column.PREDECESSORS:
            return task.predecessors
        return self._text(task, column)

    def _text(self, task: GanttTask, column: int) -> str:
        per_day = self._minutes_per_day
        match column:
            case Column.ID:
                return str(task.number)
            case Column.WBS:
                return task.wbs
            case Column.NAME:
                return task.name
            case Column.DURATION:
                return duration_text(task.duration_minutes, per_day)
            case Column.START:
                return date_text(task.start)
            case Column.FINISH:
                return date_text(task.finish)
            case Column.PERCENT:
                return format_percent(task.percent_complete)
            case Column.PREDECESSORS:
                return task.predecessors
            case Column.RESOURCES:
                return ", ".join(task.resources)
            case Column.TOTAL_SLACK:
                return duration_text(task.total_slack_minutes, per_day)
            case Column.FREE_SLACK:
                return duration_text(task.free_slack_minutes, per_day)
            case Column.BASELINE_START:
                return date_text(task.baseline_start)
            case Column.BASELINE_FINISH:
                return date_text(task.baseline_finish)
            case Column.VARIANCE:
                return duration_text(task.finish_variance_minutes, per_day, signed=True)
            case Column.CONSTRAINT:
                if task.constraint_type is ConstraintType.ASAP:
                    return QCoreApplication.translate("TaskTreeModel", "As soon as possible")
                text = task.constraint_type.value
                if task.constraint_date is not None:
                    text = f"{text} {date_text(task.constraint_date)}"
                return text
            case Column.DEADLINE:
                return date_text(task.deadline)
            case Column.NOTES:
                return "✎" if task.has_notes else ""
        return ""
