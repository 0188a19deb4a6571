"""File ▸ Backups…: the rotating daily backups of the open database, back up now, restore."""

from __future__ import annotations

from pmo_desktop.ui.backups.daily import DailyBackup
from pmo_desktop.ui.backups.dialog import BackupsDialog

__all__ = ["BackupsDialog", "DailyBackup"]
