"""`pmo-desktop restore` and `pmo-desktop backups`: restoring a file, listing daily backups."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

_RESTORE_HELP = (
    "Replace a database file with a backup. The backup is checked first (a PMO Desktop "
    "file that passes SQLite's integrity check, with a schema this version knows). The file "
    "it replaces is kept beside it as NAME.before-restore-TIME.sqlite. A file someone is "
    "editing (editing lease) or that a program has open is never replaced. Restoring into a "
    "PostgreSQL server is not supported: use the server's own backups."
)
_BACKUPS_HELP = (
    "List the automatic daily backups of a database file (PMO Desktop takes one a day when "
    "it opens the file, into your own data folder): the last 7 days and one a week for 4 "
    "weeks. --now takes today's backup now (replacing today's if there is one)."
)


def register(commands: Any) -> None:
    """Add the `restore` and `backups` commands to the CLI's subparsers."""
    from pmo_desktop import cli

    restore = commands.add_parser(
        "restore", help="replace a database file with a backup", description=_RESTORE_HELP
    )
    restore.add_argument("backup", type=Path, metavar="BACKUP", help="the backup file to restore")
    cli._add_db(restore, "database file to replace (or create)", required=True)
    restore.add_argument(
        "--force",
        action="store_true",
        help="replace an existing database (kept as NAME.before-restore-TIME.sqlite), even "
        "one whose editing lease looks stale",
    )
    restore.set_defaults(handler=_restore)

    backups = commands.add_parser(
        "backups", help="list the daily backups of a database file", description=_BACKUPS_HELP
    )
    cli._add_db(backups, "database file (default: your own portfolio database)")
    backups.add_argument("--now", action="store_true", help="take today's backup now")
    backups.set_defaults(handler=_backups)


def _restore(args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    from pmo_desktop.storage.restore import restore

    outcome = restore(args.backup, args.db, replace=args.force, take_over_stale=args.force)
    print(f"Restored {outcome.target} from {outcome.backup} (schema {outcome.revision}).")
    if outcome.kept is not None:
        print(f"The replaced file was kept as {outcome.kept}.")
    return 0


def _backups(args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    from pmo_desktop.errors import ValidationError
    from pmo_desktop.storage.backup_rotation import backup_file_today, backup_folder, list_backups
    from pmo_desktop.storage.locations import resolve_target

    target = resolve_target(args.db)
    if target.path is None:
        raise ValidationError(
            "Daily backups are kept for database files only; a PostgreSQL server is backed "
            "up by its administrator (pg_dump)."
        )
    path = target.path
    if args.now:
        if not path.is_file():
            raise ValidationError(f"There is no database at {path}.")
        taken = backup_file_today(path, force=True)
        print(f"Backed up {path} to {taken}.")
    found = list_backups(path)
    folder = backup_folder(path)
    if not found:
        print(f"No daily backups of {path} yet (they go to {folder}).")
        return 0
    print(f"Daily backups of {path} in {folder}:")
    for info in found:
        print(
            f"  {info.day.isoformat()}  {info.day.strftime('%a')}  {info.size_text:>9}  "
            f"taken {info.taken.strftime('%Y-%m-%d %H:%M')}  {info.path.name}"
        )
    count = len(found)
    print(
        f"{count} backup{'s' * (count != 1)}. "
        f"Restore one with: pmo-desktop restore FILE --db {path} --force"
    )
    return 0
