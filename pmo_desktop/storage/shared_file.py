"""SQLite files that several people open: which ones need the lease, and a safe journal mode.

On a network filesystem the journal mode must be DELETE: WAL needs shared memory that a
share cannot provide, and the mode sticks to the file, so a WAL file is switched back (which
needs exclusive access) and SQLite's answer is checked. A local file keeps today's
behaviour unless the user chose "single writer".
"""

from __future__ import annotations

import sqlite3
from typing import Literal, get_args

from sqlalchemy import Engine

from pmo_desktop.errors import JournalModeError
from pmo_desktop.storage.locations import DatabaseTarget
from pmo_desktop.storage.netfs import FileSystemInfo

Sharing = Literal["auto", "single-writer", "several-writers"]
SHARING_CHOICES: tuple[str, ...] = get_args(Sharing)


def needs_lease(sharing: str, filesystem: FileSystemInfo) -> bool:
    """A network file always has one writer; a local one when the user asked for it."""
    if sharing not in SHARING_CHOICES:
        raise ValueError(f"sharing must be one of {', '.join(SHARING_CHOICES)}, not {sharing!r}")
    return filesystem.network or sharing == "single-writer"


def enforce_delete_journal(engine: Engine, target: DatabaseTarget, *, writable: bool) -> str:
    """Make the file's journal mode DELETE (never WAL on a share); returns the mode."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        try:
            mode = str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower()
            if mode == "delete":
                return mode
            if not writable:
                raise JournalModeError(
                    f"{target.display} is in {mode.upper()} journal mode, which is unsafe on a "
                    "network drive, and this computer may not change it: ask someone who can "
                    "write to the file to open it with PMO Desktop first."
                )
            new_mode = str(cursor.execute("PRAGMA journal_mode=DELETE").fetchone()[0]).lower()
        finally:
            cursor.close()
    except sqlite3.OperationalError as exc:
        raise JournalModeError(
            f"{target.display} is in WAL journal mode, which is unsafe on a network drive, and "
            f"it cannot be switched while another program has it open ({exc}). Close PMO "
            "Desktop and any other program using the file on every computer, then open it again."
        ) from None
    finally:
        raw.close()
    if new_mode != "delete":
        raise JournalModeError(
            f"{target.display} stays in {new_mode.upper()} journal mode (asked for DELETE), "
            "which is unsafe on a network drive; it was not opened for editing."
        )
    return new_mode
