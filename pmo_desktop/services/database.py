"""Opening and closing databases for the GUI and the CLI (storage stays behind this door)."""

from __future__ import annotations

from pmo_desktop.storage import credentials
from pmo_desktop.storage.backup import backup_database
from pmo_desktop.storage.check import CheckReport, check_database
from pmo_desktop.storage.database import Database, open_database, verify_integrity
from pmo_desktop.storage.lease import LeaseHolder, LeaseState
from pmo_desktop.storage.locations import DatabaseTarget, default_database_path, resolve_target
from pmo_desktop.storage.netfs import ASSUME_NETWORK_ENV, FileSystemInfo
from pmo_desktop.storage.shared_file import SHARING_CHOICES, Sharing

__all__ = [
    "ASSUME_NETWORK_ENV",
    "SHARING_CHOICES",
    "CheckReport",
    "Database",
    "DatabaseTarget",
    "FileSystemInfo",
    "LeaseHolder",
    "LeaseState",
    "Sharing",
    "backup_database",
    "check_database",
    "credentials",
    "default_database_path",
    "open_database",
    "resolve_target",
    "verify_integrity",
]
