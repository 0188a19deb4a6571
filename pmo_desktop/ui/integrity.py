"""SQLite's integrity check, run off the GUI thread after a database opens.

Opening shows the portfolio at once; the check follows in the worker pool. A damaged file
turns read-only (storage refuses every write until the check has passed) and the user is
told to restore a backup.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from pmo_desktop.errors import PmoError
from pmo_desktop.services.database import Database, verify_integrity
from pmo_desktop.ui.workers import Job, ProgressToken, WorkPool, default_pool


def _verify(_token: ProgressToken, database: Database) -> None:
    verify_integrity(database)


class IntegrityCheck(QObject):
    """Starts the check for each database shown; `damaged` carries the user's message."""

    damaged = Signal(str)

    def __init__(self, parent: QObject, *, pool: WorkPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool
        self.job: Job | None = None

    def start(self, database: Database) -> Job | None:
        if database.verified:
            return None
        self.job = (self._pool or default_pool()).submit(_verify, database)
        self.job.failed.connect(self._on_failed)
        return self.job

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        if isinstance(error, PmoError):
            self.damaged.emit(str(error))
