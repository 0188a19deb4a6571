"""Schema versions: the Alembic scripts shipped in the package, applied on a live connection."""

from __future__ import annotations

from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from pmo_desktop.models import Base

SCRIPT_LOCATION = "pmo_desktop.storage:migrations"
VERSION_TABLE = "alembic_version"


def alembic_config(connection: Connection | None = None) -> Config:
    """An in-memory Alembic configuration (no alembic.ini needed at run time)."""
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest schema revision this version of the application knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    """Every revision shipped with this version of the application."""
    scripts = ScriptDirectory.from_config(alembic_config())
    return {script.revision for script in scripts.walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    """The revision stamped in the database, or None for an unversioned database."""
    return MigrationContext.configure(connection).get_current_revision()


def user_tables(connection: Connection) -> list[str]:
    """Tables in the database other than SQLite's own."""
    return [
        name for name in inspect(connection).get_table_names() if not name.startswith("sqlite_")
    ]


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the migrations up to `revision` in one transaction."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def schema_differences(engine: Engine) -> list[Any]:
    """What autogenerate would change to make the database match the models (empty = agree)."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)


def make_revision(message: str, revision_id: str) -> None:
    """Developers: write a new migration from the difference between models and schema.

    Runs against a scratch SQLite database upgraded to the current head, so the new script
    holds exactly what the models changed.
    """
    import tempfile

    from sqlalchemy import create_engine

    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{folder}/scratch.sqlite")
        upgrade(engine)
        with engine.begin() as connection:
            command.revision(
                alembic_config(connection), message=message, autogenerate=True, rev_id=revision_id
            )
        engine.dispose()
