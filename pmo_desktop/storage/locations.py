"""Where a database lives: the default file, and turning `--db PATH|URL` into a target."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from pmo_desktop.errors import DatabaseLocationError, NotADatabaseError, UnsupportedDatabaseError

APP_NAME = "pmo-desktop"
DEFAULT_FILE_NAME = "portfolio.sqlite"
SQLITE_HEADER = b"SQLite format 3\x00"
_POSTGRES_DRIVER = "postgresql+psycopg"


def user_data_dir() -> Path:
    """The per-user folder for the default database and backups (PMO_DATA_DIR overrides)."""
    override = os.environ.get("PMO_DATA_DIR")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def default_database_path() -> Path:
    """The embedded default database: `<user data dir>/pmo-desktop/portfolio.sqlite`."""
    return user_data_dir() / DEFAULT_FILE_NAME


@dataclass(frozen=True)
class DatabaseTarget:
    """A resolved database location: its SQLAlchemy URL and, for SQLite, its file."""

    url: URL
    path: Path | None

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    @property
    def display(self) -> str:
        """What to show the user: the file path, or the URL without its password."""
        if self.path is not None:
            return str(self.path)
        return self.url.render_as_string(hide_password=True)


def resolve_target(location: str | os.PathLike[str] | None) -> DatabaseTarget:
    """Interpret a file path or an SQLAlchemy URL; None means the default database."""
    if location is None:
        return _sqlite_target(default_database_path())
    text = os.fspath(location)
    if "://" not in text:
        return _sqlite_target(Path(text))
    try:
        url = make_url(text)
    except ArgumentError as exc:
        raise UnsupportedDatabaseError(f"Not a valid database URL: {text!r} ({exc}).") from None
    backend = url.get_backend_name()
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            raise DatabaseLocationError("An SQLite URL must name a file: sqlite:///path/to/file.")
        return _sqlite_target(Path(url.database))
    if backend == "postgresql":
        # One driver for PostgreSQL everywhere: psycopg 3.
        return DatabaseTarget(url=url.set(drivername=_POSTGRES_DRIVER), path=None)
    raise UnsupportedDatabaseError(
        f"Unsupported database {backend!r} in {url.render_as_string(hide_password=True)}: "
        "use a file path, sqlite:///path/file.sqlite or postgresql+psycopg://user@host/db."
    )


def _sqlite_target(path: Path) -> DatabaseTarget:
    path = path.expanduser().absolute()
    return DatabaseTarget(url=URL.create("sqlite", database=str(path)), path=path)


def check_sqlite_location(path: Path, *, create: bool) -> bool:
    """Refuse paths that cannot hold a database; return whether the file already exists."""
    if path.is_dir():
        raise DatabaseLocationError(f"{path} is a folder, not a database file.")
    if path.exists():
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        if header and header != SQLITE_HEADER:
            raise NotADatabaseError(
                f"{path} is not a PMO Desktop database (not an SQLite file); it was left untouched."
            )
        return path.stat().st_size > 0
    if not create:
        raise DatabaseLocationError(f"There is no database at {path}.")
    folder = path.parent
    if not folder.is_dir():
        raise DatabaseLocationError(f"Cannot create {path}: the folder {folder} does not exist.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DatabaseLocationError(f"Cannot create {path}: the folder {folder} is not writable.")
    return False
