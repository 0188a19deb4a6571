"""The risk register view: filters, sortable table, 5 × 5 heat maps and the risk editor."""

from __future__ import annotations

from pmo_desktop.ui.risks.view import RiskRegisterView

__all__ = ["RiskRegisterView"]
