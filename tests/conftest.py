"""Shared fixtures: databases on SQLite files and on the real PostgreSQL server.

PostgreSQL tests read PMO_TEST_POSTGRES_URL (a server URL with a database to connect to,
e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test) and get a fresh database each.
Without the variable they skip, unless PMO_REQUIRE_POSTGRES=1 (CI), where they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

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
