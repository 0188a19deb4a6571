"""Schema versions: the Alembic scripts shipped in the package, applied on a live connection.

Alembic is imported only when a migration runs: opening a database at the current schema
(every start of the application) reads the stamped revision with one query.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

SCRIPT_LOCATION = "pmo_desktop.storage:migrations"
VERSION_TABLE = "alembic_version"
#: The newest revision in migrations/versions; a test checks it against Alembic's head.
HEAD_REVISION = "0011"


def alembic_config(connection: Connection | None = None) -> Config:
    """An in-memory Alembic configuration (no alembic.ini needed at run time)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest schema revision this version of the application knows."""
    return HEAD_REVISION


def alembic_head() -> str | None:
    """The head according to the migration scripts themselves."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    """Every revision shipped with this version of the application."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    return {script.revision for script in scripts.walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    """The revision stamped in the database, or None for an unversioned database."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    stamps = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    return stamps[0] if len(stamps) == 1 else None


def user_tables(connection: Connection) -> list[str]:
    """Tables in the database other than SQLite's own."""
    return [
        name for name in inspect(connection).get_table_names() if not name.startswith("sqlite_")
    ]


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the migrations up to `revision` in one transaction."""
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def schema_differences(engine: Engine) -> list[Any]:
    """What autogenerate would change to make the database match the models (empty = agree)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from pmo_desktop.models import Base

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)


def make_revision(message: str, revision_id: str) -> None:
    """Developers: write a new migration from the difference between models and schema.

    Runs against a scratch SQLite database upgraded to the current head, so the new script
    holds exactly what the models changed.
    """
    import tempfile

    from alembic import command
    from sqlalchemy import create_engine

    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{folder}/scratch.sqlite")
        upgrade(engine)
        with engine.begin() as connection:
            command.revision(
                alembic_config(connection), message=message, autogenerate=True, rev_id=revision_id
            )
        engine.dispose()
