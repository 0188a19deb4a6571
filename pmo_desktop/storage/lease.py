"""The editing lease of a shared SQLite file: lease row, lock file, fencing (DESIGN.md §6).

One program at a time edits a file on a network drive. It holds the lease: the row
`writer_lease` (who, where, since, heartbeat, TTL, fencing token) and, beside the file,
`<file>.pmo-lock`, a JSON file naming the same holder that its heartbeat rewrites. Others
open read-only and show who edits. A lease whose last heartbeat is older than its TTL looks
stale; it is taken over only on the user's confirmation, which increments the fencing token,
and every write transaction of a holder first checks, under the write lock, that the row
still carries its token: a frozen-then-resumed ex-holder's commit is refused.
A lock file that is garbled or dated in the future counts as held (until the file itself is
older than the TTL), and one from another computer is never judged by its process id.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import logging
import os
import socket
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, inspect, select, update

from pmo_desktop.errors import LeaseLostError
from pmo_desktop.models.admin import WriterLease
from pmo_desktop.storage.engine import WRITE_OPTION, writer

log = logging.getLogger(__name__)

LOCK_SUFFIX = ".pmo-lock"
#: A holder silent for longer than this (seconds) looks stale.
DEFAULT_TTL_S = 120
#: How often the holder should call `Database.heartbeat()` (seconds).
HEARTBEAT_INTERVAL_S = 30
#: Clock differences tolerated before a heartbeat counts as "from the future" (seconds).
FUTURE_TOLERANCE_S = 60
#: Execution option of the lease's own transactions, which the fencing check lets through.
LEASE_ADMIN_OPTION = "pmo_lease_admin"
_TABLE = cast(Table, WriterLease.__table__)
_ROW_ID = 1


class LeaseState(StrEnum):
    HELD = "held"  # someone is editing (or we cannot tell that they stopped)
    STALE = "stale"  # silent for longer than the TTL: take over only on confirmation
    ORPHANED = "orphaned"  # its process on this computer no longer runs


@dataclass(frozen=True)
class Identity:
    user: str
    host: str
    pid: int


def this_program() -> Identity:
    try:
        user = getpass.getuser()
    except (OSError, KeyError, ImportError):
        user = os.environ.get("USERNAME") or os.environ.get("USER") or "unknown user"
    return Identity(user=user, host=socket.gethostname() or "unknown computer", pid=os.getpid())


@dataclass(frozen=True)
class LeaseHolder:
    """Who holds (or last held) the editing lease, for the read-only banner and `check`."""

    user: str
    host: str
    pid: int
    since: datetime | None
    heartbeat: datetime | None
    ttl_seconds: int
    token: int | None
    state: LeaseState
    #: Where we learnt it: "database" or "lock file".
    source: str
    #: Why a lock file counts as held although it proves nothing ("garbled", "future").
    note: str = ""

    def describe(self) -> str:
        """'Ann on PC-12 since 2026-11-26 09:14' (local time)."""
        if self.note == "garbled":
            return "another program (its lock file cannot be read)"
        since = f" since {_local(self.since)}" if self.since is not None else ""
        return f"{self.user or 'someone'} on {self.host or 'another computer'}{since}"

    @property
    def reason(self) -> str:
        """The read-only banner text."""
        if self.state is LeaseState.HELD:
            future = "; its lock file is dated in the future" if self.note == "future" else ""
            return f"Being edited by {self.describe()}{future}"
        last = f"; no sign of life since {_local(self.heartbeat)}" if self.heartbeat else ""
        return (
            f"Was being edited by {self.describe()}{last}. The editing lease looks stale: "
            "take it over only if that program is no longer running"
        )


@dataclass(frozen=True)
class LockFile:
    """What `<file>.pmo-lock` holds: missing, garbled, or a holder's JSON."""

    path: Path
    status: str  # "missing", "garbled" or "valid"
    data: dict[str, Any]
    modified: datetime | None

    @property
    def token(self) -> int | None:
        value = self.data.get("token")
        return value if isinstance(value, int) else None

    def describe(self) -> str:
        if self.status == "missing":
            return f"{self.path.name}: none"
        if self.status == "garbled":
            return (
                f"{self.path.name}: unreadable (counts as held), modified {_local(self.modified)}"
            )
        data = self.data
        return (
            f"{self.path.name}: {data.get('user')} on {data.get('host')} (process "
            f"{data.get('pid')}), since {_local(_parse_time(data.get('since')))}, heartbeat "
            f"{_local(_parse_time(data.get('heartbeat')))}, token {data.get('token')}"
        )


@dataclass
class Lease:
    """The lease this program holds."""

    database_path: Path
    identity: Identity
    token: int
    since: datetime
    ttl_seconds: int

    @property
    def lock_path(self) -> Path:
        return lock_path(self.database_path)


def lock_path(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + LOCK_SUFFIX)


def _local(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment is not None else "unknown"


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def read_lock_file(database_path: Path) -> LockFile:
    path = lock_path(database_path)
    try:
        raw = path.read_bytes()
        modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except FileNotFoundError:
        return LockFile(path, "missing", {}, None)
    except OSError:
        return LockFile(path, "garbled", {}, None)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return LockFile(path, "garbled", {}, modified)
    valid = (
        isinstance(data, dict)
        and isinstance(data.get("host"), str)
        and isinstance(data.get("pid"), int)
        and _parse_time(data.get("heartbeat")) is not None
    )
    return LockFile(path, "valid" if valid else "garbled", data if valid else {}, modified)


def write_lock_file(lease: Lease, heartbeat: datetime) -> None:
    """Replace the lock file in one rename (readers never see half a file)."""
    data = {
        "user": lease.identity.user,
        "host": lease.identity.host,
        "pid": lease.identity.pid,
        "since": lease.since.isoformat(),
        "heartbeat": heartbeat.isoformat(),
        "ttl_seconds": lease.ttl_seconds,
        "token": lease.token,
        "program": "PMO Desktop",
    }
    target = lease.lock_path
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - no cheap check; assume it runs
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


def _judge(
    host: str,
    pid: int,
    heartbeat: datetime | None,
    ttl: int,
    now: datetime,
    me: Identity,
    file_modified: datetime | None,
) -> tuple[LeaseState, str]:
    """The state of one claim (lease row or lock file) and a note."""
    ttl_delta = timedelta(seconds=max(ttl, 1))
    if heartbeat is not None and heartbeat > now + timedelta(seconds=FUTURE_TOLERANCE_S):
        if file_modified is not None and now - file_modified > ttl_delta:
            return LeaseState.STALE, "future"
        return LeaseState.HELD, "future"
    if host == me.host and pid != me.pid and not _process_alive(pid):
        return LeaseState.ORPHANED, ""
    if heartbeat is None or now - heartbeat > ttl_delta:
        return LeaseState.STALE, ""
    return LeaseState.HELD, ""


def assess(
    row: dict[str, Any] | None, lock: LockFile, now: datetime, me: Identity
) -> LeaseHolder | None:
    """Who holds the lease, judging the row and the lock file together; None when free."""
    claims: list[LeaseHolder] = []
    row_token = None
    if row is not None and (row["holder_host"] or row["holder_pid"]):
        row_token = row["fencing_token"]
        heartbeat = row["heartbeat"]
        modified = None
        if lock.status == "valid" and lock.token == row_token:
            lock_beat = _parse_time(lock.data.get("heartbeat"))
            if lock_beat is not None and (heartbeat is None or lock_beat > heartbeat):
                heartbeat = lock_beat
            modified = lock.modified
        ttl = row["ttl_seconds"]
        state, note = _judge(
            row["holder_host"], row["holder_pid"], heartbeat, ttl, now, me, modified
        )
        claims.append(
            LeaseHolder(
                user=row["holder_user"],
                host=row["holder_host"],
                pid=row["holder_pid"],
                since=row["since"],
                heartbeat=heartbeat,
                ttl_seconds=ttl,
                token=row_token,
                state=state,
                source="database",
                note=note,
            )
        )
    if lock.status == "garbled":
        ttl = row["ttl_seconds"] if row is not None else DEFAULT_TTL_S
        old = lock.modified is not None and now - lock.modified > timedelta(seconds=ttl)
        state = LeaseState.STALE if old else LeaseState.HELD
        claims.append(
            LeaseHolder("", "", 0, None, lock.modified, ttl, None, state, "lock file", "garbled")
        )
    elif lock.status == "valid" and (row_token is None or lock.token != row_token):
        data = lock.data
        ttl = data.get("ttl_seconds") if isinstance(data.get("ttl_seconds"), int) else None
        ttl = ttl or DEFAULT_TTL_S
        heartbeat = _parse_time(data.get("heartbeat"))
        state, note = _judge(data["host"], data["pid"], heartbeat, ttl, now, me, lock.modified)
        if data["host"] == me.host and data["pid"] == me.pid and row_token is None:
            state = LeaseState.ORPHANED  # our own leftover: this program released the row
        claims.append(
            LeaseHolder(
                user=str(data.get("user", "")),
                host=data["host"],
                pid=data["pid"],
                since=_parse_time(data.get("since")),
                heartbeat=heartbeat,
                ttl_seconds=ttl,
                token=lock.token,
                state=state,
                source="lock file",
                note=note,
            )
        )
    if not claims:
        return None
    strength = {LeaseState.HELD: 2, LeaseState.STALE: 1, LeaseState.ORPHANED: 0}
    return max(claims, key=lambda claim: strength[claim.state])


def has_lease_table(connection: Connection) -> bool:
    return inspect(connection).has_table(WriterLease.__tablename__)


def read_row(connection: Connection) -> dict[str, Any] | None:
    row = connection.execute(select(_TABLE).where(_TABLE.c.id == _ROW_ID)).mappings().first()
    return dict(row) if row is not None else None


def current_holder(engine: Engine, database_path: Path) -> LeaseHolder | None:
    """Who holds the lease now (a short read; None when free or the schema has no lease)."""
    with engine.connect() as connection:
        row = read_row(connection) if has_lease_table(connection) else None
    return assess(row, read_lock_file(database_path), datetime.now(UTC), this_program())


def acquire(
    engine: Engine, database_path: Path, *, ttl_seconds: int, take_over: bool
) -> tuple[Lease | None, LeaseHolder | None]:
    """Take the lease if it is free, orphaned, or stale and `take_over` is confirmed.

    Returns (our lease, the previous holder) or (None, the holder who keeps it). The row is
    updated under SQLite's write lock (BEGIN IMMEDIATE), so two openers cannot both win.
    """
    me = this_program()
    admin = writer(engine).execution_options(**{LEASE_ADMIN_OPTION: True})
    with admin.begin() as connection:
        row = read_row(connection)
        now = datetime.now(UTC)
        holder = assess(row, read_lock_file(database_path), now, me)
        allowed = holder is None or holder.state is LeaseState.ORPHANED
        if holder is not None and holder.state is LeaseState.STALE and take_over:
            allowed = True
        if not allowed:
            return None, holder
        token = (row["fencing_token"] if row is not None else 0) + 1
        values = {
            "holder_user": me.user,
            "holder_host": me.host,
            "holder_pid": me.pid,
            "since": now,
            "heartbeat": now,
            "ttl_seconds": ttl_seconds,
            "fencing_token": token,
        }
        if row is None:
            connection.execute(_TABLE.insert().values(id=_ROW_ID, **values))
        else:
            connection.execute(update(_TABLE).where(_TABLE.c.id == _ROW_ID).values(**values))
    lease = Lease(database_path, me, token, now, ttl_seconds)
    try:
        write_lock_file(lease, now)
    except OSError as exc:  # the row alone still holds the lease
        log.warning("Cannot write the lock file %s: %s", lease.lock_path, exc)
    if holder is not None:
        log.info("Took over the editing lease of %s from %s", database_path, holder.describe())
    return lease, holder


def check_fence(connection: Connection, lease: Lease, display: str) -> None:
    """Inside a write transaction: refuse it unless the row still carries our token.

    The check refreshes the row's heartbeat in the same statement, so the transaction's own
    commit is this holder's sign of life.
    """
    result = connection.execute(
        update(_TABLE)
        .where(_TABLE.c.id == _ROW_ID, _TABLE.c.fencing_token == lease.token)
        .values(heartbeat=datetime.now(UTC))
    )
    if result.rowcount == 1:
        return
    row = read_row(connection)
    connection.exec_driver_sql("ROLLBACK")
    raise LeaseLostError(lost_message(row, display))


def lost_message(row: dict[str, Any] | None, display: str) -> str:
    if row is not None and (row["holder_host"] or row["holder_pid"]):
        who = f"{row['holder_user']} on {row['holder_host']} at {_local(row['since'])}"
        cause = f"was taken over by {who}"
    else:
        cause = "was released"
    return (
        f"Your editing lease of {display} {cause}; your change was not saved and the "
        "database was left as the new holder wrote it. Reopen the database to see their work."
    )


def heartbeat(engine: Engine, lease: Lease, display: str) -> bool:
    """Refresh the holder's sign of life; False when the lease was taken over meanwhile."""
    with engine.connect() as connection:
        row = read_row(connection)
    if row is None or row["fencing_token"] != lease.token:
        return False
    now = datetime.now(UTC)
    try:
        write_lock_file(lease, now)
    except OSError as exc:
        log.warning("Cannot refresh the lock file %s (%s); using the lease row", lease, exc)
        fenced = writer(engine).execution_options(**{LEASE_ADMIN_OPTION: True})
        with fenced.begin() as connection:
            result = connection.execute(
                update(_TABLE)
                .where(_TABLE.c.id == _ROW_ID, _TABLE.c.fencing_token == lease.token)
                .values(heartbeat=now)
            )
            return result.rowcount == 1
    return True


def release(engine: Engine, lease: Lease) -> None:
    """Give the lease back (on close): clear the row if it is still ours, remove the lock."""
    admin = writer(engine).execution_options(**{LEASE_ADMIN_OPTION: True})
    with admin.begin() as connection:
        connection.execute(
            update(_TABLE)
            .where(_TABLE.c.id == _ROW_ID, _TABLE.c.fencing_token == lease.token)
            .values(holder_user="", holder_host="", holder_pid=0, since=None, heartbeat=None)
        )
    lock = read_lock_file(lease.database_path)
    if (
        lock.status == "valid"
        and lock.token == lease.token
        and lock.data["pid"] == lease.identity.pid
    ):
        with contextlib.suppress(OSError):
            lock.path.unlink()


def is_fenced_write(connection: Connection) -> bool:
    """Whether a transaction that just began is an application write to fence."""
    options = connection.get_execution_options()
    return bool(options.get(WRITE_OPTION)) and not options.get(LEASE_ADMIN_OPTION)
