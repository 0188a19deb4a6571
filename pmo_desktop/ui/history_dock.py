"""The History dock of the main window: the audit trail of what the current view has
selected — the task in the Gantt chart, the risk in the register, else the current project.

It looks at the selection only while the dock is visible (a light timer rather than one
signal per view, so that views stay unaware of it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget

from pmo_desktop.ui.history import HistoryPanel

if TYPE_CHECKING:
    from pmo_desktop.ui.main_window import MainWindow

#: How often the dock looks at the current selection while it is shown (milliseconds).
FOLLOW_MS = 400


class HistoryDock(QObject):
    """Owns the History panel's dock and keeps it on the selected object."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.panel = HistoryPanel(window.workspace)
        self.dock = QDockWidget(QCoreApplication.translate("MainWindow", "History"), window)
        self.dock.setObjectName("auditHistoryDock")
        self.dock.setWidget(self.panel)
        self.dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.action = self.dock.toggleViewAction()
        self.action.setShortcut("Ctrl+Shift+H")
        self._shown: tuple[str, int] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(FOLLOW_MS)
        self._timer.timeout.connect(self.follow)
        self.dock.visibilityChanged.connect(self._on_visibility)

    def _on_visibility(self, visible: bool) -> None:
        if visible:
            self.follow()
            self._timer.start()
        else:
            self._timer.stop()

    def selected(self) -> tuple[str, int] | None:
        """(table, id) of what the current view has selected."""
        window = self._window
        view = window.current_view()
        if view == "gantt":
            tasks = window.gantt_view.table.selected_task_ids()
            if tasks:
                return "tasks", tasks[0]
        elif view == "risks":
            risk = window.risks_view.current_risk_id()
            if risk is not None:
                return "risks", risk
        if window.project_id is not None:
            return "projects", window.project_id
        return None

    def follow(self) -> None:
        chosen = self.selected()
        if chosen == self._shown:
            return
        self._shown = chosen
        if chosen is None:
            self.panel.clear()
        else:
            self.panel.show_object(*chosen)

    def show_object(self, entity: str, entity_id: int) -> None:
        """Show one object's history (from the change log), and the dock."""
        self.dock.show()
        self._shown = (entity, entity_id)
        self.panel.show_object(entity, entity_id)

    def stop(self) -> None:
        self._timer.stop()
        self.panel.cancel_loading()
