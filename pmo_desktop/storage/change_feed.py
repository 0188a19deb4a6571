"""Notice other users' commits, so that open views can reload (DESIGN.md §6, live refresh).

SQLite: `PRAGMA data_version` on a dedicated read connection changes whenever another
connection commits to the file — another process, or this process's own writer, which the
caller `acknowledge()`s after its own edits. It cannot say what changed: a full refresh.

PostgreSQL: triggers on every application table (migration 0011,
migrations/change_notices.py) send `NOTIFY pmo_desktop_changes` with a JSON payload naming
the writer's client id, the table, the operation and the ids of the rows; the server
delivers them at commit and drops them on rollback. Each write transaction of this program
names its client id first (`tag_write_transactions`), so the feed ignores its own notices.
After a lost listening connection the feed reconnects and asks for a full refresh, because
what happened meanwhile is unknown.

`poll()` never blocks on a live connection: it is meant for a GUI timer.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, event

if TYPE_CHECKING:
    import psycopg

from pmo_desktop.errors import DatabaseUnreachableError
from pmo_desktop.storage.engine import WRITE_OPTION
from pmo_desktop.storage.locations import DatabaseTarget

log = logging.getLogger(__name__)

CHANNEL = "pmo_desktop_changes"
#: The setting the triggers read the writer's client id from (transaction-local).
CLIENT_SETTING = "pmo.client_id"
#: After a failed reconnection, wait this long before the next attempt (a dead server must
#: not make every poll of the GUI timer wait for a connection timeout).
RECONNECT_INTERVAL_S = 10.0


def new_client_id() -> str:
    return uuid.uuid4().hex


def tag_write_transactions(engine: Engine, client_id: str) -> None:
    """Make every write transaction on a PostgreSQL engine name this client to the triggers.

    `set_config(…, true)` is `SET LOCAL`: it ends with the transaction, so a pooled
    connection (or a transaction-pooling proxy) never carries it into someone else's.
    """

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(WRITE_OPTION):
            connection.exec_driver_sql(
                "SELECT set_config(%(name)s, %(value)s, true)",
                {"name": CLIENT_SETTING, "value": client_id},
            )


@dataclass(frozen=True)
class Changes:
    """What other clients changed since the last poll.

    `tables` maps a table name to the ids of its rows that were inserted, updated or
    deleted; `full` means "anything may have changed" (SQLite, or a reconnection): reload
    everything. False when nothing happened.
    """

    tables: Mapping[str, frozenset[int]] = field(default_factory=dict)
    full: bool = False

    def __bool__(self) -> bool:
        return self.full or bool(self.tables)

    @classmethod
    def everything(cls) -> Changes:
        return cls(full=True)


NOTHING = Changes()


def collect(payloads: Iterable[str], own_client_id: str) -> Changes:
    """The changes announced by the notices' payloads, leaving out this client's own.

    A payload that is not one of ours (an older version's bare client id, a hand-written
    NOTIFY) from someone else asks for a full refresh rather than being ignored.
    """
    tables: dict[str, set[int]] = {}
    full = False
    for payload in payloads:
        try:
            notice = json.loads(payload)
            client = str(notice.get("client") or "")
            table = str(notice["table"])
            ids = [int(number) for number in notice["ids"]]
        except (ValueError, TypeError, KeyError, AttributeError):
            full = full or payload != own_client_id
            continue
        if client and client == own_client_id:
            continue
        tables.setdefault(table, set()).update(ids)
    return Changes({name: frozenset(ids) for name, ids in tables.items()}, full)


class ChangeFeed:
    """Says what someone else committed since the last `poll()`."""

    def __init__(self, target: DatabaseTarget, client_id: str) -> None:
        self._target = target
        self._client_id = client_id
        self._sqlite: sqlite3.Connection | None = None
        self._server: psycopg.Connection[Any] | None = None
        self._version: int | None = None
        #: When the last reconnection failed (monotonic seconds; None: not failing).
        self._failed_at: float | None = None
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

    @property
    def client_id(self) -> str:
        return self._client_id

    @property
    def connected(self) -> bool:
        """Whether the feed is listening now (servers; SQLite always is)."""
        return self._sqlite is not None or self._server is not None

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
                url.render_as_string(hide_password=False),
                autocommit=True,
                connect_timeout=5,
                application_name="pmo-desktop-changes",
            )
            self._server.execute(f"LISTEN {CHANNEL}")

    def _data_version(self) -> int:
        assert self._sqlite is not None
        row = self._sqlite.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    def backend_pid(self) -> int | None:
        """The server process that listens (None: SQLite, or not connected)."""
        return self._server.info.backend_pid if self._server is not None else None

    def poll(self) -> Changes:
        """What other clients committed since the last poll (falsy: nothing).

        A lost server connection is re-established at once, and then says `full`: the
        notices sent while nobody listened are gone. If the server cannot be reached, the
        feed says nothing and tries again after `RECONNECT_INTERVAL_S`.
        """
        if self._sqlite is not None:
            try:
                version = self._data_version()
            except sqlite3.Error as exc:
                log.info("Change feed cannot read %s (%s)", self._target.display, exc)
                return NOTHING
            changed = version != self._version
            self._version = version
            return Changes.everything() if changed else NOTHING
        if self._server is not None:
            try:
                payloads = [notice.payload for notice in self._server.notifies(timeout=0)]
            except self._errors as exc:
                log.info("Change feed lost its connection (%s); reconnecting", exc)
                self._drop_server()
            else:
                return collect(payloads, self._client_id)
        return self._reconnect()

    def _reconnect(self) -> Changes:
        now = time.monotonic()
        if self._failed_at is not None and now - self._failed_at < RECONNECT_INTERVAL_S:
            return NOTHING
        try:
            self._connect()
        except self._errors as exc:
            log.info("Change feed cannot reconnect (%s); will retry", exc)
            self._drop_server()
            self._failed_at = now
            return NOTHING
        self._failed_at = None
        return Changes.everything()

    def acknowledge(self) -> None:
        """Our own commit just happened: do not report it as someone else's.

        Only SQLite needs it; a server's notices carry the writer's client id.
        """
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
