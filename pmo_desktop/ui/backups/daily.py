"""The daily backup, taken in the work pool when the window opens a database file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from pmo_desktop.errors import PmoError
from pmo_desktop.storage.backup_rotation import daily_backup
from pmo_desktop.storage.database import Database
from pmo_desktop.ui.workers import Job, ProgressToken, WorkPool, default_pool


def _take(_token: ProgressToken, database: Database) -> Path | None:
    return daily_backup(database)


class DailyBackup(QObject):
    """Starts today's backup of each database shown (nothing if today's exists).

    `taken(path)` after a new backup, `failed(message)` when it could not be made (the
    older backups stay); both arrive on the GUI thread.
    """

    taken = Signal(Path)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, *, pool: WorkPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool
        self.job: Job | None = None

    def start(self, database: Database) -> Job | None:
        if not database.is_sqlite:
            return None
        self.job = (self._pool or default_pool()).submit(_take, database)
        self.job.succeeded.connect(self._on_succeeded)
        self.job.failed.connect(self._on_failed)
        return self.job

    @Slot(object)
    def _on_succeeded(self, path: object) -> None:
        if isinstance(path, Path):
            self.taken.emit(path)

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        message = str(error) if isinstance(error, PmoError) else repr(error)
        self.failed.emit(message)
