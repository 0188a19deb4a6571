"""`pmo-desktop check`: schema version, integrity and row counts of a database."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from pmo_desktop.models import COUNTED_ENTITIES
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
    return CheckReport(
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
