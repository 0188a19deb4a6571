"""Shared fixtures: databases on SQLite files and on the real PostgreSQL server.

PostgreSQL tests read PMO_TEST_POSTGRES_URL (a server URL with a database to connect to,
e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test) and get a fresh database each.
Without the variable they skip, unless PMO_REQUIRE_POSTGRES=1 (CI), where they fail.
"""

from __future__ import annotations

import os
import queue
import shutil
import sqlite3
import sys
import tempfile
import threading
import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from pmo_desktop.models import Portfolio
from pmo_desktop.services.database import Database, open_database

POSTGRES_ENV = "PMO_TEST_POSTGRES_URL"
#: Where the tests' temporary files go: a folder named here is kept after the run.
TMP_ENV = "PMO_TEST_TMP"
#: Free memory the RAM disk must have left for the suite's files (the large demo included).
_RAM_DISK_MIN_FREE = 4 << 30
_RAM_FOLDER = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    """Put the tests' databases on a RAM disk (/dev/shm) when there is one: every SQLite
    commit waits for an fsync, which on a virtual machine's disk took 100 times longer than
    the commit itself. The files are real files either way; the folder is removed after the
    run unless PMO_TEST_TMP names one."""
    if config.option.basetemp is not None or hasattr(config, "workerinput"):
        return  # chosen by the user, or a pytest-xdist worker (the controller chose)
    chosen = os.environ.get(TMP_ENV)
    if chosen:
        Path(chosen).mkdir(parents=True, exist_ok=True)
        config.option.basetemp = str(Path(chosen) / "pytest")
        return
    ram = Path("/dev/shm")
    try:
        usable = ram.is_dir() and os.access(ram, os.W_OK)
        usable = usable and shutil.disk_usage(ram).free > _RAM_DISK_MIN_FREE
    except OSError:
        usable = False
    if usable:
        folder = tempfile.mkdtemp(prefix="pmo-tests-", dir=ram)
        config.stash[_RAM_FOLDER] = folder
        config.option.basetemp = str(Path(folder) / "pytest")


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(_RAM_FOLDER, None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def _required(name: str) -> bool:
    return os.environ.get(name, "") not in ("", "0")


def create_test_database(connection: Any, name: str, template: str | None = None) -> None:
    """CREATE DATABASE for a test, with commits not waiting for the WAL flush: a test's
    database outlives no server crash, and the fsync of every commit dominated the suite's
    time. Nothing else differs from a production database."""
    source = f' TEMPLATE "{template}"' if template else ""
    connection.execute(text(f'CREATE DATABASE "{name}"{source}'))
    connection.execute(text(f'ALTER DATABASE "{name}" SET synchronous_commit TO off'))


class _Dropper:
    """Drops the tests' databases in a background thread: DROP DATABASE waits for a
    checkpoint (0.5-1.5 s here), which the next test need not wait for."""

    def __init__(self, server: URL) -> None:
        self._engine = create_engine(server, isolation_level="AUTOCOMMIT")
        self._names: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="drop-test-databases")
        self._thread.start()

    def drop(self, name: str) -> None:
        self._names.put(name)

    def close(self) -> None:
        self._names.put(None)
        self._thread.join()
        self._engine.dispose()

    def _run(self) -> None:
        while (name := self._names.get()) is not None:
            try:
                with self._engine.connect() as connection:
                    connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            except Exception as error:  # a leftover must not fail the suite
                print(f"could not drop test database {name}: {error}", file=sys.stderr)


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        reason = f"{POSTGRES_ENV} is not set: no PostgreSQL server to test against"
        if _required("PMO_REQUIRE_POSTGRES"):
            pytest.fail(reason + " (PMO_REQUIRE_POSTGRES=1)")
        pytest.skip(reason)
    return url


@pytest.fixture(scope="session")
def _postgres_admin(postgres_server_url: str) -> Iterator[tuple[URL, Any, _Dropper]]:
    """The server's URL, an AUTOCOMMIT engine to create databases, and the dropper."""
    server = make_url(postgres_server_url).set(drivername="postgresql+psycopg")
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    dropper = _Dropper(server)
    try:
        yield server, admin, dropper
    finally:
        dropper.close()
        admin.dispose()


def _new_postgres_database(
    admin: tuple[URL, Any, _Dropper], template: str | None = None
) -> Iterator[str]:
    server, engine, dropper = admin
    name = f"pmo_test_{uuid.uuid4().hex[:12]}"
    with engine.connect() as connection:
        create_test_database(connection, name, template)
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        dropper.drop(name)


@pytest.fixture
def postgres_url(_postgres_admin: tuple[URL, Any, _Dropper]) -> Iterator[str]:
    """A new, empty database on the server, dropped after the test."""
    yield from _new_postgres_database(_postgres_admin)


@pytest.fixture(scope="session")
def postgres_schema(_postgres_admin: tuple[URL, Any, _Dropper]) -> Iterator[str]:
    """A PostgreSQL database migrated to the current schema once per test process, used as
    the TEMPLATE of the new database of each test that asks for `database`."""
    for url in _new_postgres_database(_postgres_admin):
        open_database(url).close()
        yield str(make_url(url).database)


@pytest.fixture(scope="session")
def sqlite_schema(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file migrated to the current schema once per test process: the new
    database of each test that asks for `database` is a copy of it."""
    path = tmp_path_factory.mktemp("schema") / "schema.sqlite"
    open_database(path).close()
    leftovers = [p.name for p in path.parent.iterdir() if p != path]
    assert leftovers == [], f"the closed template left {leftovers} beside it"
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where to put a new database: an SQLite file on disk, or a fresh PostgreSQL database.
    For a test that also uses `database`, it already holds the current schema (a copy of a
    template migrated once: the migrations themselves are tested in tests/storage)."""
    migrated = "database" in request.fixturenames
    if request.param == "sqlite":
        path = tmp_path / "portfolio.sqlite"
        if migrated:
            shutil.copyfile(request.getfixturevalue("sqlite_schema"), path)
        yield str(path)
        return
    template = request.getfixturevalue("postgres_schema") if migrated else None
    yield from _new_postgres_database(request.getfixturevalue("_postgres_admin"), template)


@pytest.fixture
def database(db_location: str) -> Iterator[Database]:
    """A new database at the current schema, on each backend."""
    opened = open_database(db_location)
    yield opened
    opened.close()


@pytest.fixture
def other(database: Database) -> Iterator[Database]:
    """A second program on the same database, as user "bruno" (the first one is "alice"):
    two users editing together, for the conflict tests."""
    database.user_name = "alice"
    opened = open_database(database.target)
    opened.user_name = "bruno"
    yield opened
    opened.close()


@pytest.fixture
def server_db(postgres_url: str) -> Iterator[str]:
    """A fresh server database whose roles (every role starting with its name: `admin
    init-server` and `add-user` make them) are dropped afterwards: roles outlive databases."""
    yield postgres_url
    name = make_url(postgres_url).database or ""
    engine = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        roles = connection.execute(
            text("SELECT rolname FROM pg_roles WHERE starts_with(rolname, :name)"),
            {"name": name},
        ).scalars()
        for role in list(roles):
            connection.exec_driver_sql(f'DROP OWNED BY "{role}"')
            connection.exec_driver_sql(f'DROP ROLE "{role}"')
    engine.dispose()


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
