"""Governance ▸ RAG Rules and Risk Scoring… (PMO admin): the portfolio's RAG thresholds and
risk score rule, used alike by the dashboard, the board pack and the compliance checks."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from pmo_desktop.ui.workspace import Workspace


def edit_portfolio_rules(parent: QWidget | None, workspace: Workspace, portfolio_id: int) -> bool:
    """Open the dialog; True when new rules were saved (one step on the undo stack)."""
    from pmo_desktop.ui.governance_rules.dialog import PortfolioRulesDialog

    dialog = PortfolioRulesDialog(workspace, portfolio_id, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
