"""Restoring a database file from a backup, without ever losing the file it replaces.

The backup is checked first (a PMO Desktop file, integrity_check passes, a schema this
version knows); the target must not be edited by anyone (editing lease, open by a program);
the replaced file is kept beside it as `<name>.before-restore-<timestamp>.sqlite`, and the
restored copy, verified, replaces the target in one rename. Restoring into a PostgreSQL
server is out of scope: its administrator restores it with the server's own tools.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import stat
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pmo_desktop.errors import DatabaseError
from pmo_desktop.storage import lease as leases
from pmo_desktop.storage import schema
from pmo_desktop.storage.backup import copy_sqlite_pages, integrity_problems
from pmo_desktop.storage.backup_open_files import processes_using
from pmo_desktop.storage.database import Database
from pmo_desktop.storage.locations import SQLITE_HEADER, DatabaseTarget, resolve_target

SIDE_FILES = ("-journal", "-wal", "-shm")
SERVER_OUT_OF_SCOPE = (
    "Restoring into a PostgreSQL server is not supported: the server's administrator restores "
    "it with the server's own backups (pg_dump/pg_restore). A backup file opens as it is: "
    "pmo-desktop --db BACKUP.sqlite, or restore it into a database file with --db FILE.sqlite."
)


class RestoreError(DatabaseError):
    """The restore was refused or failed; the target database was left as it was.

    `database_closed` tells that the caller's open Database (`release`) was already closed:
    the caller reopens the (unchanged) file.
    """

    def __init__(self, message: str, *, database_closed: bool = False) -> None:
        super().__init__(message)
        self.database_closed = database_closed


@dataclass(frozen=True)
class BackupFacts:
    """What a backup file holds, as the restore checked it."""

    path: Path
    revision: str
    size: int


@dataclass(frozen=True)
class RestoreOutcome:
    """A finished restore: the target now holds the backup; `kept` is the replaced file."""

    target: Path
    backup: Path
    revision: str
    kept: Path | None
    seconds: float


def inspect_backup(backup: Path) -> BackupFacts:
    """Check that a file can be restored: ours, sound, with a schema this version knows."""
    backup = backup.expanduser().absolute()
    if not backup.is_file():
        raise RestoreError(f"There is no backup file at {backup}.")
    with backup.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise RestoreError(f"{backup} is not a PMO Desktop backup (not an SQLite file).")
    problems = integrity_problems(backup)
    if problems:
        raise RestoreError(
            f"{backup} is damaged ({'; '.join(problems[:3])}); choose another backup."
        )
    revision, tables = _stamp(backup)
    if revision is None or "portfolios" not in tables:
        raise RestoreError(f"{backup} is not a PMO Desktop backup (no PMO Desktop schema).")
    if revision not in schema.known_revisions():
        raise RestoreError(
            f"{backup} was written by a newer version of PMO Desktop (schema {revision}); "
            "restore it with that version."
        )
    return BackupFacts(backup, revision, backup.stat().st_size)


def restore(
    backup: Path,
    location: str | os.PathLike[str] | DatabaseTarget,
    *,
    replace: bool = False,
    take_over_stale: bool = False,
    release: Database | None = None,
) -> RestoreOutcome:
    """Replace the database file at `location` with the backup (see the module's rules).

    `replace` allows replacing an existing database (the CLI's --force, the GUI's
    confirmation); `take_over_stale` also allows it under an editing lease that looks
    stale. `release` is this program's own open Database on the target: it is closed just
    before the swap (the caller reopens the file afterwards).
    """
    started = time.perf_counter()
    target = location if isinstance(location, DatabaseTarget) else resolve_target(location)
    if target.path is None:
        raise RestoreError(SERVER_OUT_OF_SCOPE)
    path = target.path
    facts = inspect_backup(backup)
    if facts.path.resolve() == path.resolve():
        raise RestoreError("A backup cannot be restored onto itself.")
    folder = path.parent
    if not folder.is_dir():
        raise RestoreError(f"Cannot restore into {path}: the folder {folder} does not exist.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise RestoreError(f"Cannot restore into {path}: the folder {folder} is not writable.")
    exists = path.exists()
    if exists:
        _check_replaceable(path, replace, take_over_stale, release)
    if release is not None and release.target.path != path:
        raise RestoreError(f"{release.display} is not the database being restored.")
    stale_lock = exists and _has_lock_file(path)
    pending = _prepare_copy(facts.path, path)
    closed = False
    try:
        if release is not None:
            release.close()
            closed = True
            _wait_closed_here(path)
        kept = _keep_replaced(path) if exists else None
        os.chmod(pending, _mode_for(path))
        os.replace(pending, path)
        _sync_folder(folder)
    except OSError as exc:
        with contextlib.suppress(OSError):
            pending.unlink()
        raise RestoreError(
            f"Cannot replace {path} ({exc.strerror or exc}); it was left as it was.",
            database_closed=closed,
        ) from None
    except RestoreError as exc:
        with contextlib.suppress(OSError):
            pending.unlink()
        raise RestoreError(str(exc), database_closed=closed) from None
    except BaseException:
        with contextlib.suppress(OSError):
            pending.unlink()
        raise
    if stale_lock:
        # The holder was judged stale or gone: its lock file must not block the new file.
        with contextlib.suppress(OSError):
            leases.lock_path(path).unlink()
    return RestoreOutcome(path, facts.path, facts.revision, kept, time.perf_counter() - started)


def _check_replaceable(
    path: Path, replace: bool, take_over_stale: bool, release: Database | None
) -> None:
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header and header != SQLITE_HEADER:
        raise RestoreError(f"{path} is not a database file; it was left untouched.")
    if not replace:
        raise RestoreError(
            f"{path} already exists. Restoring replaces it (it is kept as "
            f"{path.stem}.before-restore-<time>.sqlite): confirm with --force."
        )
    ours = release.lease if release is not None else None
    holder = _lease_holder(path)
    if holder is not None and not (ours is not None and holder.token == ours.token):
        if holder.state is leases.LeaseState.HELD:
            raise RestoreError(
                f"{path} is being edited by {holder.describe()}: it cannot be restored "
                "until they close it."
            )
        if holder.state is leases.LeaseState.STALE and not take_over_stale:
            raise RestoreError(
                f"{holder.reason}. To restore it anyway: pmo-desktop restore BACKUP "
                "--db FILE --force."
            )
    users = processes_using(path)
    mine = os.getpid() in users
    others = sorted(users - {os.getpid()})
    if others:
        listed = ", ".join(str(pid) for pid in others[:5])
        raise RestoreError(
            f"{path} is open in another program (process {listed}); close it there first."
        )
    if mine and release is None:
        raise RestoreError(f"{path} is open in PMO Desktop; close it before restoring it.")


def _lease_holder(path: Path) -> leases.LeaseHolder | None:
    """Who holds the target's editing lease (row and lock file; a damaged file: lock only)."""
    row = None
    try:
        connection = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
        try:
            connection.row_factory = sqlite3.Row
            found = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'writer_lease'"
            ).fetchone()
            if found:
                record = connection.execute("SELECT * FROM writer_lease WHERE id = 1").fetchone()
                row = _lease_row(dict(record)) if record is not None else None
        finally:
            connection.close()
    except sqlite3.Error:
        row = None
    now = datetime.now(UTC)
    return leases.assess(row, leases.read_lock_file(path), now, leases.this_program())


def _lease_row(record: dict[str, object]) -> dict[str, object]:
    """The raw row with its times parsed as the ORM would."""
    for name in ("since", "heartbeat"):
        value = record.get(name)
        if isinstance(value, str):
            moment = datetime.fromisoformat(value)
            record[name] = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return record


def _has_lock_file(path: Path) -> bool:
    return leases.lock_path(path).exists()


def _stamp(backup: Path) -> tuple[str | None, set[str]]:
    connection = sqlite3.connect(f"file:{backup.as_posix()}?mode=ro", uri=True)
    try:
        tables = {
            str(row[0])
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if schema.VERSION_TABLE not in tables:
            return None, tables
        stamps = [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
        return (str(stamps[0]) if len(stamps) == 1 else None), tables
    except sqlite3.Error as exc:
        raise RestoreError(f"{backup} cannot be read ({exc}).") from None
    finally:
        connection.close()


def _prepare_copy(backup: Path, target: Path) -> Path:
    """The backup copied (backup API) and verified in the target's folder, ready to rename."""
    handle, name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".restoring", dir=target.parent
    )
    os.close(handle)
    pending = Path(name)
    try:
        copy_sqlite_pages(backup, pending)
        problems = integrity_problems(pending)
        if problems:
            raise RestoreError(
                f"The restored copy did not pass the integrity check ({problems[0]}); "
                f"{target} was left as it was."
            )
        with pending.open("rb+") as written:
            os.fsync(written.fileno())
    except sqlite3.Error as exc:
        with contextlib.suppress(OSError):
            pending.unlink()
        raise RestoreError(f"Cannot copy {backup} ({exc}); {target} was left as it was.") from None
    except BaseException:
        with contextlib.suppress(OSError):
            pending.unlink()
        raise
    return pending


def _keep_replaced(path: Path) -> Path:
    """Keep the file about to be replaced, with its journal files, under a dated name."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.stem}.before-restore-{stamp}.sqlite")
    number = 1
    while kept.exists():
        number += 1
        kept = path.with_name(f"{path.stem}.before-restore-{stamp}-{number}.sqlite")
    _settle(path)
    try:
        copy_sqlite_pages(path, kept)
    except sqlite3.Error:
        # Too damaged for SQLite to read: nobody can use it, keep its bytes as they are.
        with contextlib.suppress(OSError):
            kept.unlink()
        shutil.copy2(path, kept)
    # Journal files left by a crash belong to the old file: they go with it, never beside
    # the restored file, which SQLite would otherwise "recover" with them.
    for suffix in SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, kept.with_name(kept.name + suffix))
    return kept


def _settle(path: Path) -> None:
    """Let SQLite recover the old file (hot journal, WAL) before it is copied."""
    with contextlib.suppress(sqlite3.Error):
        connection = sqlite3.connect(path)
        try:
            connection.execute("PRAGMA schema_version").fetchone()
            if not any(path.with_name(path.name + suffix).exists() for suffix in SIDE_FILES):
                return
            connection.execute("PRAGMA journal_mode=DELETE").fetchone()
        finally:
            connection.close()


def _wait_closed_here(path: Path, timeout_s: float = 5.0) -> None:
    """After closing our own Database, its pooled connections must be gone before the swap."""
    deadline = time.monotonic() + timeout_s
    while os.getpid() in processes_using(path):
        if time.monotonic() > deadline:
            raise RestoreError(
                f"{path} is still in use by PMO Desktop (a background task?); try again."
            )
        time.sleep(0.05)


def _mode_for(path: Path) -> int:
    """The replaced file's permissions (a shared file stays shared), else 0666 less umask."""
    with contextlib.suppress(OSError):
        return stat.S_IMODE(path.stat().st_mode)
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
