"""Governance dialogs: new project from a method template, stage gate reviews, the
template editor, the PMO operating mode. The main window calls these entry points from its
menus."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from pmo_desktop.ui.workspace import Workspace


def new_project_from_template(
    parent: QWidget | None, workspace: Workspace, portfolio_id: int, *, manager: str = ""
) -> int | None:
    """File ▸ New Project from Template…: the new project's id, or None if cancelled."""
    from pmo_desktop.ui.governance.new_project_dialog import NewProjectDialog

    dialog = NewProjectDialog(workspace, portfolio_id, parent, manager=manager)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.created_project_id
    finally:
        dialog.deleteLater()


def gate_review(
    parent: QWidget | None,
    workspace: Workspace,
    project_id: int,
    *,
    decider_is_pmo_admin: bool = False,
    user_name: str = "",
) -> bool:
    """Project ▸ Gate Review…: True when a review was recorded (and pushed on the undo stack)."""
    from pmo_desktop.ui.governance.gate_dialog import GateReviewDialog

    dialog = GateReviewDialog(
        workspace,
        project_id,
        parent,
        decider_is_pmo_admin=decider_is_pmo_admin,
        user_name=user_name,
    )
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def edit_method_templates(parent: QWidget | None, workspace: Workspace, portfolio_id: int) -> None:
    """Tools ▸ Method Templates… (PMO admin): edit, reset and copy the portfolio's templates."""
    from pmo_desktop.ui.governance.template_editor import TemplateEditorDialog

    dialog = TemplateEditorDialog(workspace, portfolio_id, parent)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()


def edit_pmo_mode(parent: QWidget | None, workspace: Workspace, portfolio_id: int) -> bool:
    """Governance ▸ PMO Operating Mode…: True when the mode was changed (one undo step);
    read-only, with the reason, for anyone but a PMO admin on a writable database."""
    from pmo_desktop.ui.governance.pmo_mode_dialog import PmoModeDialog

    dialog = PmoModeDialog(workspace, portfolio_id, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
