"""Shared fixtures: databases on SQLite files and on the real PostgreSQL server.

PostgreSQL tests read PMO_TEST_POSTGRES_URL (a server URL with a database to connect to,
e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test) and get a fresh database each.
Without the variable they skip, unless PMO_REQUIRE_POSTGRES=1 (CI), where they fail.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from pmo_desktop.models import Portfolio
from pmo_desktop.services.database import Database, open_database

POSTGRES_ENV = "PMO_TEST_POSTGRES_URL"


def _required(name: str) -> bool:
    return os.environ.get(name, "") not in ("", "0")


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        reason = f"{POSTGRES_ENV} is not set: no PostgreSQL server to test against"
        if _required("PMO_REQUIRE_POSTGRES"):
            pytest.fail(reason + " (PMO_REQUIRE_POSTGRES=1)")
        pytest.skip(reason)
    return url


@pytest.fixture
def postgres_url(postgres_server_url: str) -> Iterator[str]:
    """A new, empty database on the server, dropped after the test."""
    server = make_url(postgres_server_url).set(drivername="postgresql+psycopg")
    name = f"pmo_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield server.set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where to put a new database: an SQLite file on disk, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "portfolio.sqlite")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def database(db_location: str) -> Iterator[Database]:
    """A new database at the current schema, on each backend."""
    opened = open_database(db_location)
    yield opened
    opened.close()


@pytest.fixture
def hidden_damage_sqlite(tmp_path: Path) -> Path:
    """A PMO Desktop file whose index pages are damaged but whose schema is intact:
    it opens, and only an integrity check (or a read of those pages) finds the damage."""
    path = tmp_path / "damaged.sqlite"
    database = open_database(path)
    with database.write_session() as session:
        session.add_all(
            Portfolio(name=f"P{number:04d}", description="z" * 400) for number in range(400)
        )
    database.close()
    # The pages of the portfolios' uuid index: nothing reads it when the file opens.
    with closing(sqlite3.connect(path)) as connection:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        pages = [
            number
            for (number,) in connection.execute(
                "SELECT pageno FROM dbstat WHERE name = (SELECT list.name "
                "FROM pragma_index_list('portfolios') AS list "
                "JOIN pragma_index_info(list.name) AS info WHERE info.name = 'uuid')"
            )
        ]
    assert len(pages) > 1
    data = bytearray(path.read_bytes())
    for number in pages:
        offset = (number - 1) * page_size
        data[offset + 100 : offset + 160] = bytes(range(60))
    path.write_bytes(bytes(data))
    return path


@pytest.fixture
def file_keyring(tmp_path: Path) -> Iterator[Any]:
    """keyrings.alt's real file keyring in tmp_path, never the user's keyring."""
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    previous = keyring.core._keyring_backend
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring" / "passwords.cfg")
    keyring.set_keyring(backend)
    yield backend
    keyring.core._keyring_backend = previous


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """A machine without any keyring (keyring's `fail` backend)."""
    import keyring
    from keyring.backends import fail

    previous = keyring.core._keyring_backend
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.core._keyring_backend = previous
