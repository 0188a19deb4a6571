"""The import's bulk rows: UUIDs drawn in one go have the form `new_uuid` gives, values are
stored as SQLAlchemy Core stores them, and the import leaves the connection's page cache as
it found it. SQLite files and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import delete, insert, select

from pmo_desktop.interop.xlsx import Workbook
from pmo_desktop.models import ConstraintType, Portfolio, Project, Task
from pmo_desktop.services.database import Database
from pmo_desktop.services.interchange.bulk import bulk_insert, new_uuids
from pmo_desktop.services.interchange.excel_import import WorkbookImporter


def test_new_uuids_are_canonical_random_version_4() -> None:
    found = new_uuids(2000)
    assert len(set(found)) == 2000
    for text in found:
        parsed = uuid.UUID(text)
        assert str(parsed) == text  # lower case, canonical dashes
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122
    assert new_uuids(0) == []


def test_bulk_rows_are_stored_as_core_stores_them(database: Database) -> None:
    with database.write_session() as session:
        portfolio = Portfolio(name="Bulk")
        session.add(portfolio)
        session.flush()
        project = Project(portfolio_id=portfolio.id, code="P", name="P")
        session.add(project)
        session.flush()
        moments = [datetime(2026, 3, 2, 8), None, datetime(2026, 3, 2, 8), datetime(2026, 3, 3)]
        rows = [
            {
                "project_id": project.id,
                "name": f"T{index}",
                "position": index,
                "start": moment,
                "is_milestone": index % 2 == 0,
                "constraint_type": ConstraintType.SNET if moment else ConstraintType.ASAP,
                "percent_complete": 12.5 * index,
                "fixed_cost": Decimal("10.25"),
            }
            for index, moment in enumerate(moments)
        ]
        connection = session.connection()
        bulk_insert(connection, Task.__table__, [row | {"wbs": "bulk"} for row in rows])
        connection.execute(insert(Task.__table__), [row | {"wbs": "core"} for row in rows])
    columns = (
        Task.name, Task.position, Task.start, Task.is_milestone, Task.constraint_type,
        Task.percent_complete, Task.fixed_cost, Task.version, Task.duration_minutes,
        Task.priority, Task.notes, Task.critical,
    )  # fmt: skip
    with database.session() as session:
        stored = {
            wbs: session.execute(select(*columns).where(Task.wbs == wbs).order_by(Task.id)).all()
            for wbs in ("bulk", "core")
        }
        keys = session.scalars(select(Task.uuid)).all()
    assert stored["bulk"] == stored["core"] and len(stored["bulk"]) == 4
    assert len(set(keys)) == 8 and all(uuid.UUID(key).version == 4 for key in keys)


def test_an_import_gives_the_connection_its_page_cache_back(database: Database) -> None:
    with database.write_session() as session:
        connection = session.connection()
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.exec_driver_sql("PRAGMA cache_size=-3000")
        book = Workbook([], [], [], [], [], True)
        WorkbookImporter(session, book).store("Empty", "Empty")
        if sqlite:
            assert connection.exec_driver_sql("PRAGMA cache_size").scalar() == -3000
    with database.session() as session:
        assert session.scalar(select(Portfolio.name).where(Portfolio.name == "Empty"))


def test_inserted_rows_ids_come_back_in_their_order(database: Database) -> None:
    names = [f"Portfolio {index}" for index in range(7)]
    with database.write_session() as session:
        importer = WorkbookImporter(session, Workbook([], [], [], [], [], True))
        first = importer._insert(Portfolio, [{"name": name} for name in names[:4]])
        # the largest id gone: SQLite may give it again, the ids must still be right
        session.execute(delete(Portfolio).where(Portfolio.id == max(first)))
        second = importer._insert(Portfolio, [{"name": name} for name in names[4:]])
        single = importer._insert(Portfolio, [{"name": "Alone"}])
    with database.session() as session:
        stored = dict(session.execute(select(Portfolio.id, Portfolio.name)).all())
    assert [stored[key] for key in first[:3] + second + single] == [*names[:3], *names[4:], "Alone"]
    assert len(stored) == 7 and names[3] not in stored.values()
