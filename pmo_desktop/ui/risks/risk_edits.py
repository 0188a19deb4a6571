"""The register's escalation and task-link actions, and the editor's details (history,
links, escalation note); mixed into `RiskRegisterView` (strings in its context)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from pmo_desktop.errors import PmoError
from pmo_desktop.models import RiskLevel
from pmo_desktop.services.risk_register import RiskRow
from pmo_desktop.services.risks import (
    LinkedTask,
    de_escalate,
    escalate,
    escalation_note,
    history,
    link_task,
    linked_tasks,
    project_tasks,
    unlink_task,
)
from pmo_desktop.ui.risks.panels import EscalateDialog, TaskPickerDialog

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from pmo_desktop.ui.risks.editor import RiskEditor
    from pmo_desktop.ui.workspace import Workspace


def _tr(text: str) -> str:
    return QCoreApplication.translate("RiskRegisterView", text)


class RiskEditsMixin:
    """Escalate, de-escalate, link and unlink the risk the editor shows (all undoable)."""

    if TYPE_CHECKING:
        workspace: Workspace
        editor: RiskEditor
        escalate_action: QAction
        de_escalate_action: QAction

    def show_details(self, row: RiskRow) -> None:
        """Read the risk's history, linked tasks and escalation note into the editor."""
        database = self.workspace.database
        note = escalation_note(database, row.id) if row.level is not RiskLevel.PROJECT else ""
        self.editor.set_details(
            history(database, row.id), linked_tasks(database, row.id),
            can_link=row.project_id is not None, note=note,
        )  # fmt: skip

    def _update_escalation_actions(self) -> None:
        row = self.editor.row
        project_risk = row is not None and row.project_id is not None
        escalated = row is not None and row.level is not RiskLevel.PROJECT
        self.escalate_action.setEnabled(project_risk and not escalated)
        self.de_escalate_action.setEnabled(project_risk and escalated)

    def escalate_current(self, level: RiskLevel | None = None, note: str | None = None) -> bool:
        """Escalate the selected project risk (asking level and note unless given)."""
        row = self.editor.row
        if row is None or row.project_id is None or row.level is not RiskLevel.PROJECT:
            return False
        if level is None or note is None:
            dialog = EscalateDialog(row.code, row.programme_id is not None, self._widget())
            if dialog.exec() != EscalateDialog.DialogCode.Accepted:
                return False
            level, note = dialog.level(), dialog.note()
        try:
            command = escalate(self.workspace.database, row.id, level, note, self.workspace.as_of)
        except PmoError as exc:
            self.workspace.dialogs.critical(self._widget(), _tr("Risk not escalated"), str(exc))
            return False
        return self.workspace.execute(command)

    def de_escalate_current(self) -> bool:
        """Hand the selected escalated risk back to its project (undoable)."""
        row = self.editor.row
        if row is None or row.level is RiskLevel.PROJECT:
            return False
        try:
            command = de_escalate(self.workspace.database, row.id)
        except PmoError as exc:
            self.workspace.dialogs.critical(self._widget(), _tr("Risk not de-escalated"), str(exc))
            return False
        return self.workspace.execute(command)

    def link_task(self, task_id: int | None = None) -> bool:
        """Link the risk to a task of its project, picked in a searchable list unless given."""
        row = self.editor.row
        if row is None or row.project_id is None:
            return False
        database = self.workspace.database
        if task_id is None:
            linked = {link.task_id for link in self.editor.links_panel.links}
            tasks = [
                task for task in project_tasks(database, row.project_id) if task[0] not in linked
            ]
            picker = TaskPickerDialog(tasks, self._widget())
            if picker.exec() != TaskPickerDialog.DialogCode.Accepted:
                return False
            task_id = picker.chosen_task()
            if task_id is None:
                return False
        try:
            command = link_task(database, row.id, task_id)
        except PmoError as exc:
            self.workspace.dialogs.critical(self._widget(), _tr("Task not linked"), str(exc))
            return False
        return self.workspace.execute(command)

    def unlink_task(self, link: LinkedTask) -> bool:
        """Remove a link of the risk shown (undoable)."""
        return self.workspace.execute(unlink_task(link))

    def _widget(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self
