"""A PostgreSQL backend killed between or during transactions (pg_terminate_backend).

Between transactions the next operation reconnects by itself (pool_pre_ping); during a
write transaction that transaction fails with DatabaseUnreachableError, nothing of it is
stored, and doing it again works.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, select, text

from pmo_desktop.errors import DatabaseUnreachableError
from pmo_desktop.models import Portfolio
from pmo_desktop.services import crud
from pmo_desktop.services.database import Database, open_database

pytestmark = pytest.mark.postgres


@pytest.fixture
def server(postgres_url: str) -> Iterator[tuple[Database, Engine]]:
    """The application's database and an administrator's connection to kill its backends."""
    database = open_database(postgres_url)
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    yield database, admin
    admin.dispose()
    database.close()


def _kill(admin: Engine, pid: int) -> None:
    with admin.connect() as connection:
        assert connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()


def _backend_pid(database: Database) -> int:
    with database.session() as session:
        return int(session.execute(text("SELECT pg_backend_pid()")).scalar_one())


def _names(admin: Engine) -> list[str]:
    with admin.connect() as connection:
        rows = connection.execute(text("SELECT name FROM portfolios ORDER BY name"))
        return [row[0] for row in rows]


def test_backend_killed_between_transactions_reconnects(
    server: tuple[Database, Engine],
) -> None:
    database, admin = server
    crud.create(database, Portfolio, name="Before")
    for _ in range(3):  # repeated: every time a fresh backend takes over
        old_pid = _backend_pid(database)
        _kill(admin, old_pid)
        crud.create(database, Portfolio, name=f"After {old_pid}")
        assert _backend_pid(database) != old_pid
    assert len(_names(admin)) == 4
    assert crud.list_rows(database, Portfolio)[0].name == "Before"


def test_backend_killed_during_a_write_transaction_applies_nothing(
    server: tuple[Database, Engine],
) -> None:
    database, admin = server
    with pytest.raises(DatabaseUnreachableError) as caught, database.write_session() as session:
        session.add_all(Portfolio(name=f"Batch {number}") for number in range(5))
        session.flush()
        pid = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
        _kill(admin, pid)
        session.add(Portfolio(name="Batch 5"))
        session.flush()
    message = str(caught.value)
    assert database.display in message and "\n" not in message
    assert "was lost" in message and "terminat" in message  # what happened, in its words
    assert "nothing of it was saved" in message and message.endswith("Try again.")
    assert _names(admin) == []  # all or nothing: nothing
    with database.write_session() as session:  # the retry succeeds on a new connection
        session.add_all(Portfolio(name=f"Batch {number}") for number in range(6))
    assert _names(admin) == [f"Batch {number}" for number in range(6)]


def test_backend_killed_just_before_commit_applies_nothing(
    server: tuple[Database, Engine],
) -> None:
    database, admin = server
    crud.create(database, Portfolio, name="Kept")
    with pytest.raises(DatabaseUnreachableError), database.write_session() as session:
        session.add(Portfolio(name="Lost at commit"))
        session.flush()
        _kill(admin, session.execute(text("SELECT pg_backend_pid()")).scalar_one())
    assert _names(admin) == ["Kept"]
    portfolio = crud.list_rows(database, Portfolio)[0]
    crud.update(database, Portfolio, portfolio.id, portfolio.version, name="Kept and renamed")
    with database.session() as session:
        assert session.scalars(select(Portfolio.name)).all() == ["Kept and renamed"]
