"""Rotating daily backups of SQLite files, each user's own, in their data folder.

At most one backup a day per database, taken when the application opens it: a copy with
SQLite's backup API into `<user data dir>/backups/<name>-<hash>/<name>-<YYYY-MM-DD>.sqlite`
(never beside a shared file: every user keeps their own). A new copy must pass SQLite's
integrity_check before older ones are pruned; the rotation keeps the last `keep_daily` days
and, for the last `keep_weekly` ISO weeks that have backups, the newest of each week.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from pmo_desktop.errors import DatabaseError
from pmo_desktop.storage.backup import backup_sqlite_file, integrity_problems
from pmo_desktop.storage.database import Database
from pmo_desktop.storage.locations import user_data_dir

KEEP_DAILY = 7
KEEP_WEEKLY = 4
BACKUPS_FOLDER = "backups"
SOURCE_FILE = "source.json"
_DATED = re.compile(r"^(?P<stem>.+)-(?P<day>\d{4}-\d{2}-\d{2})\.sqlite$")


class BackupFailedError(DatabaseError):
    """A backup could not be written or did not pass the integrity check; older ones stay."""


@dataclass(frozen=True)
class BackupInfo:
    """One rotating backup file."""

    path: Path
    day: date
    size: int
    taken: datetime

    @property
    def size_text(self) -> str:
        return format_size(self.size)


def format_size(size: int) -> str:
    """'824 KB', '12.4 MB', '1.2 GB' (decimal units, as file managers show them)."""
    if size < 1_000_000:
        return f"{max(size, 1) / 1000:.0f} KB" if size >= 1000 else f"{size} bytes"
    if size < 1_000_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{size / 1_000_000_000:.1f} GB"


def backups_root() -> Path:
    """Where every database's folder of rotating backups lives (PMO_DATA_DIR moves it)."""
    return user_data_dir() / BACKUPS_FOLDER


def backup_folder(database_path: Path, root: Path | None = None) -> Path:
    """The folder of one database's backups: its file name plus a hash of its full path, so
    two `portfolio.sqlite` files in different folders never share a rotation."""
    resolved = str(database_path.expanduser().resolve())
    digest = hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:10]
    stem = re.sub(r"[^\w.-]+", "_", database_path.stem)[:40] or "database"
    return (root or backups_root()) / f"{stem}-{digest}"


def backup_name(database_path: Path, day: date) -> str:
    return f"{database_path.stem}-{day.isoformat()}.sqlite"


def list_backups(database_path: Path, root: Path | None = None) -> list[BackupInfo]:
    """The rotating backups of a database file, newest first (an empty list if none)."""
    folder = backup_folder(database_path, root)
    found: list[BackupInfo] = []
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return []
    for entry in entries:
        match = _DATED.match(entry.name)
        if match is None or not entry.is_file():
            continue
        try:
            day = date.fromisoformat(match["day"])
            status = entry.stat()
        except (ValueError, OSError):
            continue
        taken = datetime.fromtimestamp(status.st_mtime).astimezone()
        found.append(BackupInfo(Path(entry.path), day, status.st_size, taken))
    found.sort(key=lambda info: (info.day, info.taken), reverse=True)
    return found


def backups_to_keep(
    days: list[date], keep_daily: int = KEEP_DAILY, keep_weekly: int = KEEP_WEEKLY
) -> set[date]:
    """The days whose backups the rotation keeps: the newest `keep_daily` days, and the
    newest day of each of the newest `keep_weekly` ISO weeks (as restic's keep-daily and
    keep-weekly: a backup kept by either rule stays)."""
    newest_first = sorted(set(days), reverse=True)
    keep = set(newest_first[:keep_daily])
    weeks: set[tuple[int, int]] = set()
    for day in newest_first:
        week = day.isocalendar()[:2]
        if week in weeks:
            continue
        if len(weeks) >= keep_weekly:
            break
        weeks.add(week)
        keep.add(day)
    return keep


def daily_backup(
    database: Database,
    *,
    today: date | None = None,
    force: bool = False,
    root: Path | None = None,
    keep_daily: int = KEEP_DAILY,
    keep_weekly: int = KEEP_WEEKLY,
) -> Path | None:
    """Today's backup of an SQLite database, unless it exists already (`force` redoes it).

    Returns the new backup's path, or None when nothing was needed (a server database, or
    today's backup exists: one stat). Slow for a large file: run it in a worker. Raises
    BackupFailedError when the copy cannot be written or fails its integrity check; the
    older backups are then left as they were.
    """
    source = database.target.path
    if source is None:
        return None
    return backup_file_today(
        source,
        today=today,
        force=force,
        root=root,
        keep_daily=keep_daily,
        keep_weekly=keep_weekly,
    )


def backup_file_today(
    source: Path,
    *,
    today: date | None = None,
    force: bool = False,
    root: Path | None = None,
    keep_daily: int = KEEP_DAILY,
    keep_weekly: int = KEEP_WEEKLY,
) -> Path | None:
    """`daily_backup` for a file path (the CLI backs up without opening the database)."""
    day = today or date.today()
    folder = backup_folder(source, root)
    final = folder / backup_name(source, day)
    if final.exists() and not force:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _describe_source(folder, source)
    except OSError as exc:
        raise BackupFailedError(f"Cannot create the backup folder {folder}: {exc}.") from None
    pending = folder / f".{final.name}.verifying"
    try:
        backup_sqlite_file(source, pending)
    except (OSError, DatabaseError) as exc:
        raise BackupFailedError(f"The backup of {source} failed: {exc}") from None
    except Exception as exc:  # sqlite3.Error: the source cannot be read
        raise BackupFailedError(f"The backup of {source} failed: {exc}.") from None
    problems = integrity_problems(pending)
    if problems:
        with contextlib.suppress(OSError):
            pending.unlink()
        raise BackupFailedError(
            f"The backup of {source} did not pass the integrity check "
            f"({'; '.join(problems[:3])}); the older backups were kept. Check the database "
            "(pmo-desktop check) and restore it from an older backup if it is damaged."
        )
    try:
        os.replace(pending, final)
    except OSError as exc:
        with contextlib.suppress(OSError):
            pending.unlink()
        raise BackupFailedError(f"Cannot write the backup {final}: {exc.strerror}.") from None
    prune(source, root=root, keep_daily=keep_daily, keep_weekly=keep_weekly)
    return final


def prune(
    source: Path,
    *,
    root: Path | None = None,
    keep_daily: int = KEEP_DAILY,
    keep_weekly: int = KEEP_WEEKLY,
) -> list[Path]:
    """Delete the backups the rotation no longer keeps; returns what was deleted."""
    backups = list_backups(source, root)
    keep = backups_to_keep([info.day for info in backups], keep_daily, keep_weekly)
    deleted = []
    for info in backups:
        if info.day not in keep:
            with contextlib.suppress(OSError):
                info.path.unlink()
                deleted.append(info.path)
    return deleted


def _describe_source(folder: Path, source: Path) -> None:
    """A note naming the database, for whoever opens the folder (and for listings)."""
    note = folder / SOURCE_FILE
    if not note.exists():
        note.write_text(
            json.dumps({"database": str(source.expanduser().resolve())}, indent=1),
            encoding="utf-8",
        )
