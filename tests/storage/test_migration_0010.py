"""Migration 0010 (offline check-outs) on an SQLite file and on PostgreSQL: existing
projects are kept, no project is checked out, and the new tables enforce their rules."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from pmo_desktop.models import Checkout, CheckoutRole, CheckoutRow, CheckoutState, Project
from pmo_desktop.services.checkout import checked_out, checkouts
from pmo_desktop.services.database import open_database
from pmo_desktop.storage import schema
from pmo_desktop.storage.engine import make_engine
from pmo_desktop.storage.locations import resolve_target

_ROWS = (
    "INSERT INTO portfolios (uuid, version, name, description, organisation, currency, "
    "pmo_mode, created_at, updated_at) VALUES ('p-1', 1, 'Kept', '', '', 'EUR', "
    "'controlling', '2026-01-01', '2026-01-01')",
    "INSERT INTO projects (uuid, version, portfolio_id, code, name, description, sponsor, "
    "manager, method, phase, status, budget, currency, percent_complete, priority, "
    "created_at, updated_at) VALUES ('j-1', 1, 1, 'KEPT-1', 'Kept project', '', '', '', "
    "'waterfall', '', 'active', 0, 'EUR', 0, 500, '2026-01-01', '2026-01-01')",
)


def test_upgrade_from_0009_adds_the_checkout_tables(db_location: str) -> None:
    engine = make_engine(resolve_target(db_location))
    schema.upgrade(engine, "0009")
    with engine.begin() as connection:
        for statement in _ROWS:
            connection.execute(text(statement))
    engine.dispose()

    database = open_database(db_location)
    try:
        assert database.upgraded_from == "0009"
        assert database.revision == schema.head_revision() == schema.alembic_head()
        assert schema.schema_differences(database.engine) == []
        tables = inspect(database.engine).get_table_names()
        assert {"checkouts", "checkout_rows"} <= set(tables)
        with database.session() as session:
            project = session.scalars(select(Project)).one()
        assert project.code == "KEPT-1"
        assert checked_out(database, project.id) is None and checkouts(database) == []

        now = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
        with database.write_session() as session:
            row = Checkout(
                project_id=project.id,
                checked_out_by="ann",
                host="laptop-7",
                checked_out_at=now,
                local_file="/home/ann/KEPT-1.sqlite",
            )
            session.add(row)
            session.flush()
            session.add(
                CheckoutRow(checkout_id=row.id, table_name="projects", row_uuid="j-1", version=1)
            )
        info = checked_out(database, project.id)
        assert info is not None and info.checked_out_by == "ann" and info.host == "laptop-7"
        assert info.checked_out_at == now and info.state is CheckoutState.OPEN
        with database.session() as session:
            stored = session.scalars(select(Checkout)).one()
            assert stored.role is CheckoutRole.MASTER and stored.returned_at is None
        with pytest.raises(IntegrityError), database.write_session() as session:
            session.execute(text("UPDATE checkouts SET state = 'lost'"))
        with pytest.raises(IntegrityError), database.write_session() as session:
            session.execute(text("UPDATE checkouts SET role = 'thief'"))
        with database.write_session() as session:
            session.execute(text("DELETE FROM projects"))
        with database.session() as session:
            assert session.scalars(select(Checkout)).all() == []
            assert session.scalars(select(CheckoutRow)).all() == []
    finally:
        database.close()
