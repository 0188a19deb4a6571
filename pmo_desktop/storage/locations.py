"""Where a database lives: the default file, and turning `--db PATH|URL` into a target."""

from __future__ import annotations

import ipaddress
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
#: libpq `sslmode` values that start, or stay, without encryption.
INSECURE_SSLMODES = frozenset({"disable", "allow"})
#: The sslmode given to a remote server when the URL names none (libpq's own default,
#: "prefer", silently falls back to plain text).
REMOTE_DEFAULT_SSLMODE = "require"
#: Our URL option (stripped before the driver sees it) that accepts an unencrypted remote
#: connection: what the connection dialog's checkbox and `--force-insecure` add.
ALLOW_INSECURE_PARAM = "pmo_allow_insecure"
#: Environment variable with the same effect, for scripts (`1` to allow).
ALLOW_INSECURE_ENV = "PMO_ALLOW_INSECURE_SERVER"


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


def resolve_target(
    location: str | os.PathLike[str] | None, *, allow_insecure: bool = False
) -> DatabaseTarget:
    """Interpret a file path or an SQLAlchemy URL; None means the default database.

    A server URL must encrypt its connection unless the host is this computer: see
    `secure_server_url` (`allow_insecure` is the user's explicit, informed consent).
    """
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
        url = secure_server_url(url.set(drivername=_POSTGRES_DRIVER), allow_insecure)
        return DatabaseTarget(url=url, path=None)
    raise UnsupportedDatabaseError(
        f"Unsupported database {backend!r} in {url.render_as_string(hide_password=True)}: "
        "use a file path, sqlite:///path/file.sqlite or postgresql+psycopg://user@host/db."
    )


def is_loopback_host(host: str | None) -> bool:
    """Whether a libpq host stays on this computer: none, a Unix socket, localhost, 127/8, ::1.

    Names are not resolved (DNS could say anything): only `localhost` counts by name.
    """
    if not host or host.startswith("/") or host.startswith("@"):
        return True
    name = host.strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def server_hosts(url: URL) -> list[str | None]:
    """Every host the URL may connect to (libpq accepts `?host=a,b` and Unix socket paths)."""
    hosts: list[str | None] = [url.host] if url.host else []
    extra = url.query.get("host")
    for value in (extra,) if isinstance(extra, str) else tuple(extra or ()):
        hosts.extend(part.strip() or None for part in value.split(","))
    return hosts or [None]


def secure_server_url(url: URL, allow_insecure: bool = False) -> URL:
    """The server URL with a safe `sslmode`, or DatabaseLocationError for an unsafe one.

    To a remote host, `sslmode=disable` or `allow` (plain text first) is refused unless
    allowed by `allow_insecure`, the URL option `pmo_allow_insecure=1` or the environment
    variable PMO_ALLOW_INSECURE_SERVER=1; a URL without sslmode gets `require`. Loopback
    hosts and Unix sockets keep whatever they say (nothing crosses a network).
    """
    query = dict(url.query)
    flag = query.pop(ALLOW_INSECURE_PARAM, None)
    allowed = (
        allow_insecure
        or _truthy(flag if isinstance(flag, str) else (flag or ("",))[-1])
        or _truthy(os.environ.get(ALLOW_INSECURE_ENV, ""))
    )
    url = url.set(query=query)
    if all(is_loopback_host(host) for host in server_hosts(url)):
        return url
    mode = query.get("sslmode")
    sslmode = (mode if isinstance(mode, str) else (mode or ("",))[-1]).strip().lower()
    if not sslmode:
        return url.update_query_dict({"sslmode": REMOTE_DEFAULT_SSLMODE})
    if sslmode in INSECURE_SSLMODES and not allowed:
        raise DatabaseLocationError(
            f"Refusing an unencrypted connection (sslmode={sslmode}) to "
            f"{url.render_as_string(hide_password=True)}: passwords and data would cross the "
            "network in plain text. Use sslmode=require or verify-full, or confirm that this "
            'network is trusted (connection dialog: "Allow an unencrypted connection"; '
            "command line: --force-insecure)."
        )
    return url


def _truthy(text: str) -> bool:
    return text.strip().lower() in ("1", "true", "yes", "on")


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
