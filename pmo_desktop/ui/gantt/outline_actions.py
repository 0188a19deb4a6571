"""The Gantt's outline actions: insert, delete, indent, outdent, move up/down, copy, paste.

Each builds one `task_outline` command for the selected tasks and hands it to
`Workspace.execute` (one undoable step). The same actions fill the view's menu and the
context menu of the table and the chart; copy/paste are bound to the table (Ctrl+C/Ctrl+V).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from pmo_desktop.errors import PmoError
from pmo_desktop.services import task_outline
from pmo_desktop.services.commands import Command

if TYPE_CHECKING:
    from pmo_desktop.ui.gantt.view import GanttView


class OutlineActions(QObject):
    """The outline editing actions of one Gantt view."""

    def __init__(self, view: GanttView) -> None:
        super().__init__(view)
        self.view = view
        #: Task ids copied by Ctrl+C, pasted by Ctrl+V (below the current task).
        self.copied: list[int] = []

        def action(text: str, slot: Callable[[], Any], shortcut: str, widget: QWidget) -> QAction:
            made = QAction(text, widget)
            made.setShortcut(QKeySequence(shortcut))
            made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            made.triggered.connect(slot)
            widget.addAction(made)
            return made

        table = view.table
        self.insert_action = action(self.tr("Insert task"), self.insert, "Ins", view)
        self.delete_action = action(self.tr("Delete tasks…"), self.delete, "Del", view)
        self.indent_action = action(self.tr("Indent"), self.indent, "Alt+Shift+Right", view)
        self.outdent_action = action(self.tr("Outdent"), self.outdent, "Alt+Shift+Left", view)
        self.move_up_action = action(self.tr("Move up"), lambda: self.move(-1), "", view)
        self.move_down_action = action(self.tr("Move down"), lambda: self.move(1), "", view)
        self.copy_action = action(self.tr("Copy tasks"), self.copy, "Ctrl+C", table)
        self.paste_action = action(self.tr("Paste tasks"), self.paste, "Ctrl+V", table)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(
            lambda pos: self._menu(table.viewport().mapToGlobal(pos))
        )
        chart = view.chart.viewport()
        chart.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        chart.customContextMenuRequested.connect(lambda pos: self._menu(chart.mapToGlobal(pos)))

    @property
    def actions(self) -> list[QAction]:
        return [
            self.insert_action, self.delete_action, self.indent_action, self.outdent_action,
            self.move_up_action, self.move_down_action, self.copy_action, self.paste_action,
        ]  # fmt: skip

    def _menu(self, where: QPoint) -> None:
        menu = QMenu(self.view)
        menu.addActions(self.actions)
        menu.exec(where)

    # The selection.

    def _selected(self) -> list[int]:
        ids = self.view.table.selected_task_ids()
        current = self.view.model.task(self.view.table.currentIndex())
        if not ids and current is not None:
            ids = [current.id]
        return ids

    def _current(self) -> int | None:
        current = self.view.model.task(self.view.table.currentIndex())
        if current is not None:
            return current.id
        ids = self.view.table.selected_task_ids()
        return ids[-1] if ids else None

    def _run(self, build: Callable[[], Command]) -> None:
        if not self.view.model.editable:
            return
        try:
            command = build()
        except PmoError as exc:
            self.view.workspace.dialogs.critical(self.view, self.tr("Change not saved"), str(exc))
            return
        self.view.workspace.execute(command)

    # The actions.

    def insert(self) -> None:
        """A new one-day task below the current one (the first row if none)."""
        project_id = self.view.project_id
        if project_id is None:
            return
        database = self.view.workspace.database
        after = self._current()
        name = self.tr("New task")
        self._run(lambda: task_outline.insert_task(database, project_id, after, name))

    def delete(self) -> None:
        ids = self._selected()
        if not ids or not self.view.model.editable:
            return
        if not self.view.workspace.dialogs.question(
            self.view,
            self.tr("Delete tasks"),
            self.tr("Delete {count} task(s) with their subtasks, links and assignments?").format(
                count=len(ids)
            ),
        ):
            return
        self._run(lambda: task_outline.delete_tasks(self.view.workspace.database, ids))

    def indent(self) -> None:
        ids = self._selected()
        if ids:
            self._run(lambda: task_outline.indent(self.view.workspace.database, ids))

    def outdent(self) -> None:
        ids = self._selected()
        if ids:
            self._run(lambda: task_outline.outdent(self.view.workspace.database, ids))

    def move(self, step: int) -> None:
        """Swap the selected tasks with the sibling above (-1) or below (+1)."""
        data = self.view.data
        ids = self._selected()
        if data is None or not ids:
            return
        by_id = {task.id: task for task in data.tasks}
        first = by_id[ids[0]]
        siblings = [task.id for task in data.tasks if task.parent_id == first.parent_id]
        chosen = [task_id for task_id in siblings if task_id in set(ids)]
        if not chosen:
            return
        database = self.view.workspace.database
        if step < 0:
            index = siblings.index(chosen[0])
            if index == 0:
                return
            above = siblings[index - 1]
            self._run(lambda: task_outline.move_rows(database, [above], chosen[-1]))
        else:
            index = siblings.index(chosen[-1])
            if index + 1 >= len(siblings):
                return
            below = siblings[index + 1]
            self._run(lambda: task_outline.move_rows(database, chosen, below))

    def copy(self) -> None:
        self.copied = self._selected()

    def paste(self) -> None:
        """Copies of the copied tasks below the current one (with the links among them)."""
        if not self.copied or self.view.project_id is None:
            return
        copied, after, project_id = list(self.copied), self._current(), self.view.project_id
        database = self.view.workspace.database
        self._run(lambda: task_outline.paste_tasks(database, copied, after, project_id))
