"""Domain exceptions: each carries a message a user can read (GUI dialog, CLI stderr)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any


class PmoError(Exception):
    """Base of every error the user should see as one clear sentence, never as a traceback."""


class DatabaseError(PmoError):
    """The database cannot be opened or used as asked."""


class UnsupportedDatabaseError(DatabaseError):
    """The URL names a database engine PMO Desktop does not support."""


class DatabaseLocationError(DatabaseError):
    """The file path cannot hold a database (missing folder, not writable, a directory)."""


class NotADatabaseError(DatabaseError):
    """The file exists but is not an SQLite database, or not a PMO Desktop one."""


class CorruptDatabaseError(DatabaseError):
    """The SQLite file is damaged; it is left untouched and nothing is written to it."""


class DatabaseUnreachableError(DatabaseError):
    """The database server cannot be reached or refuses the credentials."""


class DatabaseLockedError(DatabaseError):
    """Another user or process holds the write lock for longer than the busy timeout."""


class ReadOnlyDatabaseError(DatabaseError):
    """A write was attempted on a database opened read-only (newer schema, no write access)."""


class LeaseLostError(DatabaseError):
    """This program's editing lease of a shared file was taken over: its write is refused.

    Raised inside the write transaction (the fencing counter no longer matches), which is
    rolled back, so nothing this program tried to save overwrote the new holder's work.
    """


class JournalModeError(DatabaseError):
    """A shared file's journal mode cannot be made safe (WAL on a network drive in use)."""


class NotFoundError(PmoError):
    """The object asked for does not exist (any more)."""


class InteropError(PmoError):
    """A file cannot be imported or exported (malformed, hostile, too large, unwritable)."""


class ValidationError(PmoError):
    """Values that break a rule of the domain (a constraint, a range, a missing name)."""


class ConflictError(PmoError):
    """Someone else changed the object since it was read: both versions travel with the error.

    The caller shows the user `mine` (the values they tried to save) beside `theirs` (the
    values now stored, at `their_version`) and lets them choose; nothing was overwritten.
    """

    def __init__(
        self,
        entity: str,
        entity_id: int,
        *,
        mine: Mapping[str, Any],
        theirs: Mapping[str, Any] | None,
        expected_version: int,
        their_version: int | None,
        their_updated_at: datetime | None = None,
    ) -> None:
        self.entity = entity
        self.entity_id = entity_id
        self.mine = dict(mine)
        self.theirs = dict(theirs) if theirs is not None else None
        self.expected_version = expected_version
        self.their_version = their_version
        self.their_updated_at = their_updated_at
        if theirs is None:
            message = (
                f"{entity} {entity_id} was deleted by someone else; your change was not saved."
            )
        else:
            message = (
                f"{entity} {entity_id} was changed by someone else (version {their_version}, "
                f"you edited version {expected_version}); your change was not saved."
            )
        super().__init__(message)
