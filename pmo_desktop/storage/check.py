"""`pmo-desktop check`: schema version, integrity and row counts of a database."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from pmo_desktop.models import COUNTED_ENTITIES
from pmo_desktop.storage import lease as leases
from pmo_desktop.storage import schema
from pmo_desktop.storage.database import Database


@dataclass
class CheckReport:
    """What `check` found; `ok` is False when the integrity check reports problems."""

    database: str
    backend: str
    revision: str | None
    head: str
    read_only: bool
    read_only_reason: str
    integrity: list[str]
    journal_mode: str | None
    counts: dict[str, int] = field(default_factory=dict)
    #: SQLite: the filesystem, the editing lease and the lock file, as `check` prints them.
    filesystem: str | None = None
    lease: str | None = None
    lock_file: str | None = None

    def sharing_lines(self) -> list[str]:
        """The lines `check` prints about sharing (none for a server)."""
        if self.filesystem is None:
            return []
        return [
            f"Filesystem: {self.filesystem}",
            f"Lease:      {self.lease}",
            f"Lock file:  {self.lock_file}",
        ]

    @property
    def ok(self) -> bool:
        return self.integrity == ["ok"]

    @property
    def schema_status(self) -> str:
        if self.revision is None:
            return "empty: no PMO Desktop schema yet"
        if self.revision == self.head:
            return "current"
        if self.revision is not None and self.revision not in schema.known_revisions():
            return "newer than this application"
        return "older: upgrade needed"


def check_database(database: Database) -> CheckReport:
    """Run the integrity check (SQLite) and count every entity's rows."""
    with database.session() as session:
        connection = session.connection()
        if database.is_sqlite:
            journal_mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
            try:
                integrity = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
            except DBAPIError as exc:
                # Damage bad enough to stop the check itself is its finding.
                integrity = [str(exc.orig)]
        else:
            # PostgreSQL guarantees page integrity itself; a catalogue query proves access.
            connection.exec_driver_sql("SELECT count(*) FROM pg_catalog.pg_class").scalar()
            integrity, journal_mode = ["ok"], None
        # Counting a damaged file would stop at the first bad page: report the damage only.
        counts = (
            {
                model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
                for model in COUNTED_ENTITIES
            }
            if integrity == ["ok"] and database.revision is not None
            else {}
        )
    report = CheckReport(
        database=database.display,
        backend=database.engine.dialect.name,
        revision=database.revision,
        head=schema.head_revision(),
        read_only=database.read_only,
        read_only_reason=database.read_only_reason,
        integrity=integrity,
        journal_mode=journal_mode,
        counts=counts,
    )
    path = database.target.path
    if path is not None:
        filesystem = database.filesystem
        report.filesystem = filesystem.description if filesystem is not None else "unknown"
        report.lease = _lease_text(database)
        report.lock_file = leases.read_lock_file(path).describe()
    return report


def _lease_text(database: Database) -> str:
    path = database.target.path
    assert path is not None
    if database.lease is not None:
        return f"held by this program (token {database.lease.token})"
    try:
        holder = leases.current_holder(database.engine, path)
    except DBAPIError as exc:
        return f"unknown ({exc.orig})"
    mode = "required" if database.lease_required else "not required (local file)"
    if holder is None:
        return f"free; single-writer lease {mode}"
    token = f", token {holder.token}" if holder.token is not None else ""
    return f"{holder.state.value}: {holder.reason} (from the {holder.source}{token})"
