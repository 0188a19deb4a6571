"""The GUI side of a shared database file: open it (offering to take over a stale editing
lease), keep this program's lease alive, and notice when the file changes hands.

The rules live in storage (storage/lease.py): one editor at a time on a network drive (or
everywhere with the "single writer" preference), the others read-only with a banner saying
who edits; a takeover is refused to a former holder by the fencing counter.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from pmo_desktop.errors import PmoError
from pmo_desktop.services.database import Database, LeaseState, open_database

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


def open_shared(
    location: str | None,
    ask: Callable[[str, str], bool],
    **options: Any,
) -> Database:
    """`open_database(location, **options)`; when the file's editing lease looks stale,
    `ask(title, text)` whether to take it over, and reopen with the lease if so."""
    database = open_database(location, **options)
    holder = database.lease_holder
    if not (database.read_only and holder is not None and holder.state is LeaseState.STALE):
        return database
    title = translate("Sharing", "Take over editing?")
    text = translate(
        "Sharing",
        "{file} is marked as being edited by {holder}, but that program has not been heard "
        "from for a while: it may have stopped.\n\nTake over editing? Do it only if you are "
        "sure it no longer runs; it will not be able to save its last changes.\n\n"
        "If you do not take over, the file opens read-only.",
    ).format(file=database.display, holder=holder.describe())
    if not ask(title, text):
        return database
    database.close()
    return open_database(location, **{**options, "take_over": True})


class LeaseMonitor(QObject):
    """Calls the database's heartbeat on a timer while a leased file is open."""

    #: This program was the editor and someone took the file over: the reason to show.
    lost = Signal(str)
    #: This program reads a file whose editor has closed it: it may be edited now.
    freed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._database: Database | None = None
        self._told_free = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.beat)

    def watch(self, database: Database) -> None:
        """Follow `database` (the previous one is forgotten)."""
        self.timer.stop()
        self._database = database
        self._told_free = False
        interval = database.heartbeat_interval_s
        if interval > 0:
            self.timer.start(interval * 1000)

    def stop(self) -> None:
        self.timer.stop()
        self._database = None

    def beat(self) -> None:
        database = self._database
        if database is None:
            return
        was_editor = database.lease is not None
        try:
            alive = database.heartbeat()
        except PmoError as exc:  # the drive vanished: say nothing, try again next time
            log.warning("Lease heartbeat failed: %s", exc)
            return
        if was_editor and not alive:
            self.lost.emit(database.read_only_reason)
        elif not was_editor and database.lease_holder is None and not self._told_free:
            self._told_free = True
            self.freed.emit()


def lost_message(parent: QWidget, reason: str) -> tuple[str, str]:
    """Title and text telling the editor that the file was taken over."""
    del parent
    return (
        translate("Sharing", "Editing taken over"),
        translate(
            "Sharing",
            "Another user took over editing this file ({reason}). It is now read-only here; "
            "changes you had not saved yet could not be written.",
        ).format(reason=reason),
    )
