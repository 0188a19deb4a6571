"""Backups: SQLite's online backup API for files, a table-by-table copy for servers.

A backup is written to a temporary file beside its destination and renamed into place, so
a failed or interrupted backup never leaves a truncated file under the final name.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, insert, select

from pmo_desktop.errors import DatabaseLocationError
from pmo_desktop.models import Base
from pmo_desktop.storage import schema
from pmo_desktop.storage.engine import make_engine, writer
from pmo_desktop.storage.locations import DatabaseTarget, resolve_target

BATCH_ROWS = 5_000
#: Pages copied per step of SQLite's backup (others may commit between steps).
STEP_PAGES = 4096
MAX_RESTARTS = 3
ProgressCallback = Callable[[int, int, str], None]


def backup_before_upgrade(target: DatabaseTarget, revision: str, folder: Path | None) -> Path:
    """Copy an SQLite file before its schema is upgraded; returns the backup's path."""
    assert target.path is not None
    folder = folder or target.path.parent
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    destination = folder / f"{target.path.stem}.before-upgrade-{revision}-{stamp}.sqlite"
    backup_sqlite_file(target.path, destination)
    return destination


def backup_sqlite_file(source: Path, destination: Path) -> None:
    """Consistent copy of a live SQLite file with the backup API (never a raw file copy)."""
    with _atomic_destination(destination) as temporary:
        copy_sqlite_pages(source, Path(temporary))


def copy_sqlite_pages(source: Path, destination: Path) -> None:
    """Copy `source` into the new file `destination` with the backup API, lease cleared.

    The copy goes in steps so that other programs can commit meanwhile; each of their
    commits restarts the copy, so after `MAX_RESTARTS` the copy is redone in one step (it
    then delays their next commit by the time of the copy, within their busy timeout).
    """
    # Read through a read-only URI: a backup never writes to the source.
    source_connection = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True)
    try:
        target_connection = sqlite3.connect(destination)
        try:
            try:
                source_connection.backup(
                    target_connection, pages=STEP_PAGES, progress=_RestartGuard()
                )
            except _TooManyRestartsError:
                source_connection.backup(target_connection, pages=-1)
            _clear_lease(target_connection)
            # A copy is a plain file of its own: never tied to a -wal file it does not have.
            target_connection.execute("PRAGMA journal_mode=DELETE").fetchone()
        finally:
            target_connection.close()
    finally:
        source_connection.close()


def integrity_problems(path: Path) -> list[str]:
    """SQLite's full integrity_check of a file, read-only: [] when it is sound."""
    try:
        connection = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        found = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
    except sqlite3.Error as exc:
        return [str(exc)]
    finally:
        connection.close()
    return [] if found == ["ok"] else found


class _TooManyRestartsError(Exception):
    """Other programs committed so often that a stepwise copy kept starting over."""


class _RestartGuard:
    """The backup's progress callback: counts restarts (remaining pages growing again)."""

    def __init__(self) -> None:
        self.remaining: int | None = None
        self.restarts = 0

    def __call__(self, _status: int, remaining: int, _total: int) -> None:
        if self.remaining is not None and remaining > self.remaining:
            self.restarts += 1
            if self.restarts > MAX_RESTARTS:
                raise _TooManyRestartsError
        self.remaining = remaining


def _clear_lease(copy: sqlite3.Connection) -> None:
    """A copy is nobody's to edit yet: it must not claim the original's editing lease."""
    found = copy.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'writer_lease'"
    ).fetchone()
    if found:
        with copy:
            copy.execute(
                "UPDATE writer_lease SET holder_user = '', holder_host = '', holder_pid = 0, "
                "since = NULL, heartbeat = NULL"
            )


def backup_database(
    engine: Engine,
    source: DatabaseTarget,
    destination: Path,
    progress: ProgressCallback | None = None,
) -> None:
    """Back a database up into a new SQLite file (for a server: a copy to take offline)."""
    if source.path is not None:
        if source.path.resolve() == destination.resolve():
            raise DatabaseLocationError("The backup must not overwrite the database itself.")
        backup_sqlite_file(source.path, destination)
        return
    with _atomic_destination(destination) as temporary:
        copy = make_engine(resolve_target(temporary))
        try:
            schema.upgrade(writer(copy))
            _copy_tables(engine, copy, progress)
        finally:
            copy.dispose()


def _copy_tables(source: Engine, destination: Engine, progress: ProgressCallback | None) -> None:
    tables = Base.metadata.sorted_tables
    with source.connect() as reader, writer(destination).begin() as target:
        # The copy's reference rows (roles) come from the source, not from the migration.
        for table in reversed(tables):
            target.execute(table.delete())
        for done, table in enumerate(tables):
            if progress is not None:
                progress(done, len(tables), table.name)
            result = reader.execution_options(yield_per=BATCH_ROWS).execute(
                select(table).order_by(*table.primary_key.columns)
            )
            for rows in result.mappings().partitions():
                target.execute(insert(table), [dict(row) for row in rows])
    if progress is not None:
        progress(len(tables), len(tables), "")


@contextlib.contextmanager
def _atomic_destination(destination: Path) -> Iterator[str]:
    """A temporary path in the destination folder, renamed onto `destination` on success."""
    folder = destination.parent
    if not folder.is_dir():
        raise DatabaseLocationError(
            f"Cannot write {destination}: the folder {folder} does not exist."
        )
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{destination.name}.", suffix=".part", dir=folder
        )
    except OSError as exc:
        raise DatabaseLocationError(f"Cannot write {destination}: {exc.strerror}.") from None
    os.close(handle)
    try:
        yield temporary
        with open(temporary, "rb+") as written:
            os.fsync(written.fileno())
        os.replace(temporary, destination)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
