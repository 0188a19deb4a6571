"""Opening a database: checks, schema upgrade with backup, read-only fallback, sessions.

The rules (DESIGN.md §6): a new file gets the current schema; an older schema is upgraded
after an automatic backup; a schema newer than this application opens read-only; a file
that is not ours, or is damaged, is refused and left exactly as it was.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from pmo_desktop.errors import (
    CorruptDatabaseError,
    DatabaseError,
    DatabaseLocationError,
    DatabaseLockedError,
    DatabaseUnreachableError,
    LeaseLostError,
    NotADatabaseError,
    PmoError,
    ReadOnlyDatabaseError,
)
from pmo_desktop.storage import audit, schema, server_roles
from pmo_desktop.storage import lease as leases
from pmo_desktop.storage.backup import backup_before_upgrade
from pmo_desktop.storage.change_feed import ChangeFeed, new_client_id, tag_write_transactions
from pmo_desktop.storage.engine import BUSY_TIMEOUT_MS, make_engine, writer
from pmo_desktop.storage.locations import (
    DatabaseTarget,
    check_sqlite_location,
    default_database_path,
    resolve_target,
)
from pmo_desktop.storage.netfs import FileSystemInfo, detect_filesystem
from pmo_desktop.storage.shared_file import Sharing, enforce_delete_journal, needs_lease

log = logging.getLogger(__name__)


@dataclass
class Database:
    """An open database: the engine, what it is, and whether it may be written."""

    target: DatabaseTarget
    engine: Engine
    revision: str | None
    read_only: bool = False
    read_only_reason: str = ""
    upgraded_from: str | None = None
    backup_path: Path | None = None
    #: Whether SQLite's quick_check has passed since opening (servers need none).
    verified: bool = True
    #: Tells this client's own commits from others' in the change feed.
    client_id: str = field(default_factory=new_client_id)
    _writer: Engine | None = field(default=None, repr=False)
    #: SQLite: the filesystem holding the file (network drives get the lease, never WAL).
    filesystem: FileSystemInfo | None = None
    #: Whether this file is edited under the single-writer lease.
    lease_required: bool = False
    #: The lease this program holds (None: not the writer, or no lease needed).
    lease: leases.Lease | None = None
    #: Someone else's lease that made this database read-only (for the banner); or, after a
    #: takeover, the holder we took it from (see `took_over`).
    lease_holder: leases.LeaseHolder | None = None
    took_over: bool = False
    #: PostgreSQL: the connected user's role as the server enforces it (viewer, editor, admin).
    server_role: str = ""
    #: Who the audit trail names for this program's changes (the GUI sets the preferences'
    #: name; the login name otherwise).
    user_name: str = field(default_factory=audit.login_name)
    #: The transaction of a grouped command (`one_transaction`), per thread.
    _joined: dict[int, Session] = field(default_factory=dict, repr=False)

    @property
    def display(self) -> str:
        return self.target.display

    @property
    def is_sqlite(self) -> bool:
        return self.target.is_sqlite

    @property
    def write_engine(self) -> Engine:
        """The engine for bulk writers (Core inserts): its transactions take the write lock."""
        verify_integrity(self)
        if self.read_only:
            raise ReadOnlyDatabaseError(
                f"{self.display} is open read-only ({self.read_only_reason}); nothing was changed."
            )
        if self._writer is None:
            self._writer = writer(self.engine)
        return self._writer

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A short read session (one user action); rolled back at the end. Inside
        `one_transaction` (same thread) it is that transaction: reads see its writes."""
        joined = self._joined.get(threading.get_ident())
        if joined is not None:
            with translate_errors(self):
                yield joined
            return
        with Session(self.engine, expire_on_commit=False) as session, translate_errors(self):
            yield session

    @contextmanager
    def one_transaction(self) -> Iterator[Session]:
        """ONE write transaction for a grouped command: every `session()` and
        `write_session()` this thread opens inside the block joins it (a write block as a
        savepoint), so the whole group commits at the end or nothing of it does, even if
        the program dies or the connection is lost halfway."""
        thread = threading.get_ident()
        joined = self._joined.get(thread)
        if joined is not None:
            with translate_errors(self), joined.begin_nested():
                yield joined
            return
        with self.write_session() as session:
            self._joined[thread] = session
            try:
                yield session
            finally:
                del self._joined[thread]

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """A short write transaction: committed when the block ends, rolled back on error.
        Inside `one_transaction` (same thread) it is a savepoint of that transaction."""
        joined = self._joined.get(threading.get_ident())
        if joined is not None:
            with translate_errors(self), joined.begin_nested():
                yield joined
            return
        with (
            translate_errors(self),
            Session(self.write_engine, expire_on_commit=False) as session,
            session.begin(),
        ):
            session.connection()  # BEGIN IMMEDIATE now: the lock is ours before any read
            audit.track(session, self.user_name)
            yield session

    def change_feed(self) -> ChangeFeed:
        """A feed that tells when other users commit (the caller closes it)."""
        return ChangeFeed(self.target, self.client_id)

    @property
    def heartbeat_interval_s(self) -> int:
        """How often the GUI should call `heartbeat()` (0: no lease, no need)."""
        return leases.HEARTBEAT_INTERVAL_S if self.lease_required else 0

    def heartbeat(self) -> bool:
        """The lease holder's sign of life (a GUI timer calls it every `heartbeat_interval_s`).

        Returns False when this program does not hold the lease (any more): a lease taken
        over meanwhile turns the database read-only with the new holder as `lease_holder`.
        For a reader it refreshes `lease_holder` (the banner), nothing else.
        """
        if not self.lease_required or self.target.path is None:
            return False
        if self.lease is None:
            with translate_errors(self):
                self.lease_holder = leases.current_holder(self.engine, self.target.path)
            return False
        with translate_errors(self):
            alive = leases.heartbeat(self.engine, self.lease, self.display)
            if not alive:
                self.lease = None
                holder = leases.current_holder(self.engine, self.target.path)
                self.lease_holder = holder
                reason = holder.reason if holder is not None else "the editing lease was lost"
                _open_read_only(self, reason)
        return alive

    def lease_status(self) -> leases.LeaseHolder | None:
        """Who holds the editing lease now (None: free, or this file needs no lease)."""
        if not self.lease_required or self.target.path is None:
            return None
        with translate_errors(self):
            return leases.current_holder(self.engine, self.target.path)

    def close(self) -> None:
        if self.lease is not None:
            lease, self.lease = self.lease, None
            try:
                with translate_errors(self):
                    leases.release(self.engine, lease)
            except (PmoError, OSError) as exc:
                log.warning("Could not release the editing lease of %s: %s", self.display, exc)
        self.engine.dispose()


def open_database(
    location: str | os.PathLike[str] | DatabaseTarget | None = None,
    *,
    create: bool = True,
    upgrade: bool = True,
    verify: bool = True,
    backup_dir: Path | None = None,
    confirm_upgrade: Callable[[str | None, str], bool] | None = None,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    sharing: Sharing = "auto",
    take_over: bool = False,
    acquire_lease: bool = True,
    lease_ttl_s: int = leases.DEFAULT_TTL_S,
) -> Database:
    """Open (creating or upgrading if needed) the database at a path or URL.

    `confirm_upgrade(current, head)` lets the GUI ask before an upgrade; declining opens
    the database read-only. `verify` runs SQLite's quick_check before anything is written.
    An SQLite file on a network drive (or any file with `sharing="single-writer"`) is
    edited under a lease: if someone else holds it, the database opens read-only with
    `lease_holder` set; a stale lease is taken over only with `take_over=True` (the user's
    confirmation). `acquire_lease=False` inspects such a file read-only (`check`).
    """
    target = location if isinstance(location, DatabaseTarget) else resolve_target(location)
    if create and target.path is not None and target.path == default_database_path():
        # The default database's folder is ours to make, however the location was given.
        target.path.parent.mkdir(parents=True, exist_ok=True)
    if target.is_sqlite:
        database = _open_sqlite(
            target,
            create,
            upgrade,
            verify,
            backup_dir,
            confirm_upgrade,
            busy_timeout_ms,
            sharing,
            take_over,
        )
        if database.lease_required:
            try:
                _take_lease(database, acquire_lease, take_over, lease_ttl_s)
            except BaseException:
                database.close()
                raise
        return database
    return _open_server(target, create, upgrade, confirm_upgrade)


def _open_sqlite(
    target: DatabaseTarget,
    create: bool,
    upgrade: bool,
    verify: bool,
    backup_dir: Path | None,
    confirm_upgrade: Callable[[str | None, str], bool] | None,
    busy_timeout_ms: int,
    sharing: Sharing = "auto",
    take_over: bool = False,
) -> Database:
    assert target.path is not None
    file_was_there = target.path.exists()
    exists = check_sqlite_location(target.path, create=create)
    writable = not exists or os.access(target.path, os.W_OK)
    filesystem = detect_filesystem(target.path)
    lease_required = needs_lease(sharing, filesystem)
    engine = make_engine(target, read_only=not writable, busy_timeout_ms=busy_timeout_ms)
    try:
        if filesystem.network:
            with translate_errors_for(target):
                enforce_delete_journal(engine, target, writable=writable)
        with translate_errors_for(target), engine.connect() as connection:
            if exists and verify:
                _quick_check(connection, target)
            revision = _classify(connection, target)
            has_lease = lease_required and leases.has_lease_table(connection)
            row = leases.read_row(connection) if has_lease else None
        database = Database(target, engine, revision, verified=verify or not exists)
        database.filesystem = filesystem
        database.lease_required = lease_required
        if lease_required:
            # Someone else edits: do not upgrade the schema under them, open read-only.
            now = datetime.now(UTC)
            lock = leases.read_lock_file(target.path)
            holder = leases.assess(row, lock, now, leases.this_program())
            blocked = (leases.LeaseState.HELD,) if take_over else _NOT_FREE
            if holder is not None and holder.state in blocked:
                database.lease_holder = holder
                _open_read_only(database, holder.reason)
                return database
        if not writable:
            database.read_only = True
            database.read_only_reason = "the file is not writable"
            return database
        return _bring_to_head(database, upgrade, backup_dir, confirm_upgrade)
    except BaseException:
        engine.dispose()
        if not file_was_there and target.path.exists() and target.path.stat().st_size == 0:
            target.path.unlink()  # never leave an empty file behind a failed creation
        raise


_NOT_FREE = (leases.LeaseState.HELD, leases.LeaseState.STALE)


def _take_lease(database: Database, acquire: bool, take_over: bool, ttl_s: int) -> None:
    """Become the single writer, or turn read-only naming who is."""
    path = database.target.path
    assert path is not None
    if database.read_only:
        if database.lease_holder is None:
            database.lease_holder = leases.current_holder(database.engine, path)
        return
    if not acquire:
        database.lease_holder = leases.current_holder(database.engine, path)
        _open_read_only(database, "opened for inspection, without the editing lease")
        return
    with translate_errors(database):
        lease, holder = leases.acquire(
            database.engine, path, ttl_seconds=ttl_s, take_over=take_over
        )
    database.lease_holder = holder
    if lease is None:
        assert holder is not None
        _open_read_only(database, holder.reason)
        return
    database.lease = lease
    database.took_over = holder is not None and holder.state is leases.LeaseState.STALE
    _install_fence(database)


def _install_fence(database: Database) -> None:
    """Every write transaction of the holder checks the fencing token under the write lock."""

    @event.listens_for(database.engine, "begin")
    def _on_begin(connection: Connection) -> None:
        lease = database.lease
        if lease is None or not leases.is_fenced_write(connection):
            return
        try:
            leases.check_fence(connection, lease, database.display)
        except LeaseLostError as exc:
            # Nothing more is written through this database; the banner says why.
            database.lease = None
            database.read_only = True
            database.read_only_reason = str(exc)
            raise


def _open_server(
    target: DatabaseTarget,
    create: bool,
    upgrade: bool,
    confirm_upgrade: Callable[[str | None, str], bool] | None,
) -> Database:
    engine = make_engine(target)
    client_id = new_client_id()
    tag_write_transactions(engine, client_id)
    try:
        with translate_errors_for(target), engine.connect() as connection:
            access = server_roles.check_access(connection, target.display)
            revision = _classify(connection, target)
        if revision is None and not create:
            raise NotADatabaseError(f"{target.display} holds no PMO Desktop data yet.")
        database = Database(target, engine, revision, client_id=client_id)
        # Roles are the server's (storage/server_roles.py): a viewer opens read-only.
        database.server_role = access.label
        # The audit trail names the server's authenticated user, not a typed-in name.
        database.user_name = target.url.username or database.user_name
        reason = server_roles.read_only_reason(access, revision)
        if reason:
            _open_read_only(database, reason)
            return database
        return _bring_to_head(database, upgrade, None, confirm_upgrade)
    except BaseException:
        engine.dispose()
        raise


def verify_integrity(database: Database) -> None:
    """Run SQLite's quick_check if it has not passed yet (the GUI does it off its thread).

    A damaged file turns the database read-only and raises CorruptDatabaseError.
    """
    if database.verified:
        return
    try:
        with translate_errors(database), database.engine.connect() as connection:
            _quick_check(connection, database.target)
    except CorruptDatabaseError:
        database.read_only = True
        database.read_only_reason = "the file is damaged"
        raise
    database.verified = True


def _quick_check(connection: Connection, target: DatabaseTarget) -> None:
    problems = [row[0] for row in connection.exec_driver_sql("PRAGMA quick_check").fetchall()]
    if problems != ["ok"]:
        raise CorruptDatabaseError(
            f"{target.display} is damaged ({'; '.join(problems[:3])}). It was left untouched "
            "and nothing was written; restore it from a backup."
        )


def _classify(connection: Connection, target: DatabaseTarget) -> str | None:
    """The stamped revision; refuses a database with tables that are not ours."""
    revision = schema.current_revision(connection)
    if revision is None and schema.user_tables(connection):
        raise NotADatabaseError(
            f"{target.display} is not a PMO Desktop database (it has other tables); "
            "it was left untouched."
        )
    return revision


def _bring_to_head(
    database: Database,
    upgrade: bool,
    backup_dir: Path | None,
    confirm_upgrade: Callable[[str | None, str], bool] | None,
) -> Database:
    head = schema.head_revision()
    current = database.revision
    if current == head:
        return database
    if current is not None and current not in schema.known_revisions():
        _open_read_only(database, f"its schema {current} is newer than this version knows")
        return database
    if not upgrade or (
        current is not None and confirm_upgrade is not None and not confirm_upgrade(current, head)
    ):
        reason = f"its schema {current} needs an upgrade to {head}" if current else "it is empty"
        _open_read_only(database, reason)
        return database
    if current is not None and database.target.is_sqlite:
        verify_integrity(database)  # never upgrade, nor back up as good, a damaged file
        database.backup_path = backup_before_upgrade(database.target, current, backup_dir)
    with translate_errors(database):
        schema.upgrade(writer(database.engine))
    database.upgraded_from = current
    database.revision = head
    log.info("Upgraded %s from %s to %s", database.display, current, head)
    return database


def _open_read_only(database: Database, reason: str) -> None:
    database.read_only = True
    database.read_only_reason = reason
    database.engine.dispose()
    database.engine = make_engine(database.target, read_only=True)


@contextmanager
def translate_errors(database: Database) -> Iterator[None]:
    """Turn driver errors of a session into domain errors with a readable message."""
    with translate_errors_for(database.target):
        yield


@contextmanager
def translate_errors_for(target: DatabaseTarget) -> Iterator[None]:
    try:
        yield
    except PmoError:
        raise
    except OperationalError as exc:
        raise _operational_error(target, exc) from exc
    except SADatabaseError as exc:
        refused = server_roles.privilege_error(target.display, exc)
        if refused is not None:
            raise refused from exc
        message = str(exc.orig) if isinstance(exc, DBAPIError) else str(exc)
        if target.is_sqlite and ("file is not a database" in message or "malformed" in message):
            raise CorruptDatabaseError(
                f"{target.display} is damaged or not an SQLite database ({message}); "
                "it was left untouched."
            ) from exc
        raise


def _operational_error(target: DatabaseTarget, exc: OperationalError) -> DatabaseError:
    message = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
    if target.is_sqlite:
        if "locked" in message or "busy" in message:
            return DatabaseLockedError(
                f"{target.display} is locked by another user or program; try again in a moment."
            )
        if "unable to open" in message or "readonly" in message:
            return DatabaseLocationError(f"Cannot open {target.display}: {message}.")
        if "file is not a database" in message or "malformed" in message:
            return CorruptDatabaseError(
                f"{target.display} is damaged or not an SQLite database ({message}); "
                "it was left untouched."
            )
        if "disk I/O" in message:
            return DatabaseUnreachableError(
                f"Cannot read or write {target.display} ({message}); "
                "check the drive or network share."
            )
        return DatabaseError(f"{target.display}: {message}.")
    if exc.connection_invalidated and "connection failed" not in message:
        # A server connection lost mid-action (restart, network, pg_terminate_backend).
        return DatabaseUnreachableError(
            f"The connection to {target.display} was lost ({message.rstrip('.')}); the last "
            "action was not completed and nothing of it was saved. Try again."
        )
    return DatabaseUnreachableError(f"Cannot connect to {target.display}: {message}.")
