"""Notice other users' commits, so that open views can reload (DESIGN.md §6, live refresh).

SQLite: `PRAGMA data_version` on a dedicated read connection changes whenever another
connection commits to the file — another process, or this process's own writer, which the
caller `acknowledge()`s after its own edits. PostgreSQL: every write transaction sends
`NOTIFY pmo_desktop_changes, '<client id>'` (delivered at commit, dropped on rollback) and the
feed LISTENs, ignoring its own client's notices; after a lost connection it reconnects and
reports a change, because what happened meanwhile is unknown.
`poll()` never blocks: it is meant for a GUI timer.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, event

if TYPE_CHECKING:
    import psycopg

from pmo_desktop.errors import DatabaseUnreachableError
from pmo_desktop.storage.engine import WRITE_OPTION
from pmo_desktop.storage.locations import DatabaseTarget

log = logging.getLogger(__name__)

CHANNEL = "pmo_desktop_changes"


def new_client_id() -> str:
    return uuid.uuid4().hex


def announce_commits(engine: Engine, client_id: str) -> None:
    """Make every write transaction on a PostgreSQL engine notify the other clients."""

    @event.listens_for(engine, "commit")
    def _on_commit(connection: Any) -> None:
        if connection.get_execution_options().get(WRITE_OPTION):
            connection.exec_driver_sql(f"NOTIFY {CHANNEL}, '{client_id}'")


class ChangeFeed:
    """Says whether someone else committed since the last `poll()`."""

    def __init__(self, target: DatabaseTarget, client_id: str) -> None:
        self._target = target
        self._client_id = client_id
        self._sqlite: sqlite3.Connection | None = None
        self._server: psycopg.Connection[Any] | None = None
        self._version: int | None = None
        #: What a lost connection raises (psycopg is imported for servers only: it is slow).
        self._errors: tuple[type[Exception], ...] = (sqlite3.Error,)
        if not target.is_sqlite:
            import psycopg

            self._errors = (sqlite3.Error, psycopg.Error)
        try:
            self._connect()
        except self._errors as exc:
            raise DatabaseUnreachableError(
                f"Cannot watch {target.display} for other users' changes: {exc}"
            ) from None

    def _connect(self) -> None:
        if self._target.is_sqlite:
            assert self._target.path is not None
            uri = f"file:{self._target.path.as_posix()}?mode=ro"
            self._sqlite = sqlite3.connect(uri, uri=True, timeout=0.2, check_same_thread=False)
            self._version = self._data_version()
        else:
            import psycopg

            url = self._target.url.set(drivername="postgresql")
            self._server = psycopg.connect(
                url.render_as_string(hide_password=False), autocommit=True, connect_timeout=5
            )
            self._server.execute(f"LISTEN {CHANNEL}")

    def _data_version(self) -> int:
        assert self._sqlite is not None
        row = self._sqlite.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    def poll(self) -> bool:
        """True if another client committed since the last poll (or the feed had to reconnect)."""
        try:
            if self._sqlite is not None:
                version = self._data_version()
                changed = version != self._version
                self._version = version
                return changed
            if self._server is None:
                self._connect()
                return True
            notices = list(self._server.notifies(timeout=0))
            return any(notice.payload != self._client_id for notice in notices)
        except self._errors as exc:
            log.info("Change feed lost its connection (%s); will retry", exc)
            self._drop_server()
            return False

    def acknowledge(self) -> None:
        """Our own commit just happened: do not report it as someone else's."""
        if self._sqlite is not None:
            with contextlib.suppress(sqlite3.Error):
                self._version = self._data_version()

    def _drop_server(self) -> None:
        if self._server is not None:
            with contextlib.suppress(*self._errors):
                self._server.close()
            self._server = None

    def close(self) -> None:
        if self._sqlite is not None:
            self._sqlite.close()
            self._sqlite = None
        self._drop_server()
