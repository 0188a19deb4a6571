"""The audit trail in the GUI: the History panel (one object) and the change log (portfolio)."""

from __future__ import annotations

from pmo_desktop.ui.history.change_log import ChangeLogView
from pmo_desktop.ui.history.panel import HistoryPanel

__all__ = ["ChangeLogView", "HistoryPanel"]
