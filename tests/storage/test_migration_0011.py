"""Migration 0011 (change notices) on an SQLite file and on PostgreSQL: existing data is
kept; on the server every application table gets its notice triggers (and a downgrade takes
them away again); SQLite is left as it was, its readers watching `PRAGMA data_version`."""

from __future__ import annotations

import time

import pytest
from alembic import command
from sqlalchemy import select, text

from pmo_desktop.models import Base, Project
from pmo_desktop.services import crud
from pmo_desktop.services.database import open_database
from pmo_desktop.storage import schema
from pmo_desktop.storage.change_feed import Changes
from pmo_desktop.storage.engine import make_engine
from pmo_desktop.storage.locations import resolve_target
from pmo_desktop.storage.migrations.change_notices import FUNCTION, NOT_NOTIFIED, TRIGGERS

_ROWS = (
    "INSERT INTO portfolios (uuid, version, name, description, organisation, currency, "
    "pmo_mode, created_at, updated_at) VALUES ('p-1', 1, 'Kept', '', '', 'EUR', "
    "'controlling', '2026-01-01', '2026-01-01')",
    "INSERT INTO projects (uuid, version, portfolio_id, code, name, description, sponsor, "
    "manager, method, phase, status, budget, currency, percent_complete, priority, "
    "created_at, updated_at) VALUES ('j-1', 1, 1, 'KEPT-1', 'Kept project', '', '', '', "
    "'waterfall', '', 'active', 0, 'EUR', 0, 500, '2026-01-01', '2026-01-01')",
)
_PG_TRIGGERS = (
    "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
    "WHERE NOT t.tgisinternal AND t.tgname LIKE 'pmo_changes_%'"
)


def _notified_tables() -> set[str]:
    return set(Base.metadata.tables) - set(NOT_NOTIFIED)


def _triggers(connection) -> set[tuple[str, str]]:
    return {(row[0], row[1]) for row in connection.execute(text(_PG_TRIGGERS))}


def _function_exists(connection) -> bool:
    query = text("SELECT count(*) FROM pg_proc WHERE proname = :name")
    return bool(connection.execute(query, {"name": FUNCTION}).scalar_one())


def test_upgrade_from_0010_adds_the_change_notices(db_location: str) -> None:
    engine = make_engine(resolve_target(db_location))
    schema.upgrade(engine, "0010")
    with engine.begin() as connection:
        for statement in _ROWS:
            connection.execute(text(statement))
        sqlite_triggers_before = (
            set(connection.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'")))
            if engine.dialect.name == "sqlite"
            else set()
        )
    engine.dispose()

    database = open_database(db_location)
    other = open_database(db_location)
    feed = database.change_feed()
    try:
        assert database.upgraded_from == "0010"
        assert database.revision == schema.head_revision() == schema.alembic_head()
        assert schema.schema_differences(database.engine) == []
        with database.session() as session:
            project = session.scalars(select(Project)).one()
        assert project.code == "KEPT-1"

        with database.engine.connect() as connection:
            if database.is_sqlite:
                triggers = connection.execute(
                    text("SELECT name FROM sqlite_master WHERE type='trigger'")
                )
                assert set(triggers) == sqlite_triggers_before  # the audit protection only
            else:
                expected = {(t, name) for t in _notified_tables() for name in TRIGGERS.values()}
                assert _triggers(connection) == expected
                assert _function_exists(connection)

        crud.update(other, Project, project.id, project.version, name="Renamed")
        expected_changes = (
            Changes(full=True) if database.is_sqlite else Changes({"projects": {project.id}})
        )
        changes = Changes()
        for _ in range(250):
            changes = feed.poll()
            if changes:
                break
            time.sleep(0.02)
        assert changes == expected_changes
    finally:
        feed.close()
        other.close()
        database.close()


@pytest.mark.postgres
def test_downgrade_to_0010_takes_the_triggers_away(postgres_url: str) -> None:
    database = open_database(postgres_url)
    database.close()
    engine = make_engine(resolve_target(postgres_url))
    try:
        with engine.begin() as connection:
            command.downgrade(schema.alembic_config(connection), "0010")
        with engine.connect() as connection:
            assert _triggers(connection) == set()
            assert not _function_exists(connection)
        schema.upgrade(engine)
        with engine.connect() as connection:
            assert len(_triggers(connection)) == 3 * len(_notified_tables())
    finally:
        engine.dispose()
