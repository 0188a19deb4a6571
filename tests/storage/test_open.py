"""Opening databases: creation, schema upgrades and refusals, on SQLite files and PostgreSQL."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from pmo_desktop.errors import (
    CorruptDatabaseError,
    DatabaseLocationError,
    DatabaseLockedError,
    DatabaseUnreachableError,
    NotADatabaseError,
    ReadOnlyDatabaseError,
    UnsupportedDatabaseError,
)
from pmo_desktop.models import Portfolio, Role
from pmo_desktop.services import crud
from pmo_desktop.services.database import Database, open_database, verify_integrity
from pmo_desktop.storage import schema
from pmo_desktop.storage.engine import make_engine
from pmo_desktop.storage.locations import default_database_path, resolve_target


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_has_current_schema_and_reference_roles(database: Database) -> None:
    assert database.revision == schema.head_revision()
    assert not database.read_only
    with database.session() as session:
        roles = sorted(role.name.value for role in session.scalars(select(Role)))
    assert roles == ["admin", "editor", "viewer"]


def test_models_and_migrations_agree(database: Database) -> None:
    """Autogenerate finds nothing to change: the migrations build exactly the models."""
    assert schema.schema_differences(database.engine) == []


def test_older_schema_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    engine = make_engine(resolve_target(path))
    schema.upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO portfolios (uuid, version, name, description, organisation, "
                "currency, pmo_mode, created_at, updated_at) VALUES ('u-1', 1, 'Kept', '', '', "
                "'EUR', 'controlling', '2026-01-01', '2026-01-01')"
            )
        )
    engine.dispose()

    database = open_database(path)

    assert database.upgraded_from == "0001"
    assert database.revision == schema.head_revision()
    assert database.backup_path is not None and database.backup_path.exists()
    # The backup is the database as it was before the upgrade.
    backup = create_engine(f"sqlite:///{database.backup_path}")
    with backup.connect() as connection:
        assert schema.current_revision(connection) == "0001"
        assert connection.execute(text("SELECT name FROM portfolios")).scalars().all() == ["Kept"]
        assert connection.execute(text("SELECT count(*) FROM roles")).scalar() == 0
    backup.dispose()
    assert [p.name for p in crud.list_rows(database, Portfolio)] == ["Kept"]
    database.close()


def test_declined_upgrade_opens_read_only(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    engine = make_engine(resolve_target(path))
    schema.upgrade(engine, "0001")
    engine.dispose()
    asked: list[tuple[str | None, str]] = []

    database = open_database(
        path, confirm_upgrade=lambda old, new: asked.append((old, new)) or False
    )

    assert asked == [("0001", schema.head_revision())]
    assert database.read_only and database.revision == "0001"
    with pytest.raises(ReadOnlyDatabaseError):
        crud.create(database, Portfolio, name="Refused")
    database.close()


def stamp_future_revision(location: str) -> None:
    database = open_database(location)
    crud.create(database, Portfolio, name="From the future")
    with database.write_session() as session:
        session.execute(text("UPDATE alembic_version SET version_num = 'ffff9999'"))
    database.close()


def test_newer_schema_opens_read_only_and_refuses_writes(db_location: str) -> None:
    stamp_future_revision(db_location)

    database = open_database(db_location)

    assert database.read_only
    assert "newer" in database.read_only_reason
    assert [p.name for p in crud.list_rows(database, Portfolio)] == ["From the future"]
    with pytest.raises(ReadOnlyDatabaseError, match="read-only"):
        crud.create(database, Portfolio, name="Refused")
    database.close()


def test_newer_sqlite_schema_is_read_only_at_the_driver_too(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    stamp_future_revision(str(path))
    before = digest(path)
    database = open_database(path)
    # Even a hand-written statement cannot write: the file is opened with mode=ro.
    with database.engine.connect() as connection, pytest.raises(Exception, match="readonly"):
        connection.execute(text("DELETE FROM portfolios"))
    database.close()
    assert digest(path) == before


def test_sqlite_pragmas(tmp_path: Path) -> None:
    database = open_database(tmp_path / "p.sqlite")
    with database.session() as session:
        connection = session.connection()
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    database.close()


def test_write_session_takes_the_write_lock_up_front(tmp_path: Path) -> None:
    """BEGIN IMMEDIATE: a second writer waits, then gets a clear 'locked' error."""
    path = tmp_path / "lock.sqlite"
    first = open_database(path)
    second = open_database(path, busy_timeout_ms=200)
    holding = threading.Event()
    release = threading.Event()

    def hold_lock() -> None:
        with first.write_session():
            holding.set()
            release.wait(10)

    holder = threading.Thread(target=hold_lock)
    holder.start()
    try:
        assert holding.wait(10)
        with pytest.raises(DatabaseLockedError, match="locked"):
            crud.create(second, Portfolio, name="Blocked")
        # Readers are not blocked by a writer that has not committed yet.
        assert crud.list_rows(second, Portfolio) == []
    finally:
        release.set()
        holder.join()
    crud.create(second, Portfolio, name="After")
    assert [p.name for p in crud.list_rows(first, Portfolio)] == ["After"]
    first.close()
    second.close()


def test_not_an_sqlite_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("Minutes of the steering committee\n" * 100)
    before = digest(path)
    with pytest.raises(NotADatabaseError, match="not an SQLite file"):
        open_database(path)
    assert digest(path) == before


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    before = digest(path)
    with pytest.raises(NotADatabaseError, match="not a PMO Desktop database"):
        open_database(path)
    assert digest(path) == before


def make_corrupt_copy(tmp_path: Path) -> Path:
    """A real database with rows, whose middle pages are overwritten with garbage."""
    path = tmp_path / "corrupt.sqlite"
    database = open_database(path)
    for number in range(300):
        crud.create(database, Portfolio, name=f"Portfolio {number}", description="x" * 500)
    database.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(4 * page, len(data) - page, 3 * page):
        data[offset : offset + 64] = b"\xde\xad\xbe\xef" * 16
    path.write_bytes(bytes(data))
    return path


def test_corrupt_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = make_corrupt_copy(tmp_path)
    before = digest(path)
    with pytest.raises(CorruptDatabaseError, match="damaged"):
        open_database(path)
    assert digest(path) == before
    assert not list(tmp_path.glob("*.before-upgrade-*"))


def test_truncated_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "truncated.sqlite"
    database = open_database(path)
    for number in range(300):
        crud.create(database, Portfolio, name=f"Portfolio {number}", description="y" * 500)
    database.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    before = digest(path)
    with pytest.raises(CorruptDatabaseError):
        open_database(path)
    assert digest(path) == before


def test_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseLocationError, match="does not exist"):
        open_database(tmp_path / "no" / "such" / "folder" / "p.sqlite")
    assert not (tmp_path / "no").exists()


def test_unwritable_location_is_refused(tmp_path: Path) -> None:
    # /proc refuses new files even to root, unlike a chmod-ed folder.
    with pytest.raises(DatabaseLocationError):
        open_database("/proc/pmo-desktop-test.sqlite")


def test_folder_instead_of_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseLocationError, match="folder"):
        open_database(tmp_path)


def test_missing_file_without_create(tmp_path: Path) -> None:
    with pytest.raises(DatabaseLocationError, match="no database"):
        open_database(tmp_path / "absent.sqlite", create=False)
    assert not (tmp_path / "absent.sqlite").exists()


@pytest.mark.parametrize(
    "url",
    ["mysql://user@localhost/pmo", "oracle://scott@db/pmo", "mssql+pyodbc://x@y/z"],
)
def test_unsupported_dialect(url: str) -> None:
    with pytest.raises(UnsupportedDatabaseError, match="Unsupported database"):
        open_database(url)


def test_unreachable_server() -> None:
    with pytest.raises(DatabaseUnreachableError, match="Cannot connect"):
        open_database("postgresql://postgres@127.0.0.1:1/pmo")


@pytest.mark.postgres
def test_unknown_role_is_refused(postgres_server_url: str) -> None:
    url = resolve_target(postgres_server_url).url.set(username="no_such_pmo_user")
    with pytest.raises(DatabaseUnreachableError, match="no_such_pmo_user"):
        open_database(url.render_as_string(hide_password=False))


def test_password_is_never_displayed() -> None:
    target = resolve_target("postgresql://alice:s3cret@db.example.org/pmo")
    assert "s3cret" not in target.display
    assert target.url.drivername == "postgresql+psycopg"


def test_default_database_lives_in_the_user_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMO_DATA_DIR", str(tmp_path / "data"))
    assert default_database_path() == tmp_path / "data" / "portfolio.sqlite"
    monkeypatch.delenv("PMO_DATA_DIR")
    assert default_database_path().parts[-2:] == ("pmo-desktop", "portfolio.sqlite")


def test_head_constant_matches_the_migration_scripts() -> None:
    assert schema.head_revision() == schema.alembic_head()
    assert schema.head_revision() in schema.known_revisions()


def test_unverified_damaged_file_refuses_the_first_write(hidden_damage_sqlite: Path) -> None:
    """The GUI opens without the up-front check; the first write runs it and refuses."""
    path = hidden_damage_sqlite
    before = digest(path)
    database = open_database(path, verify=False)
    assert not database.verified
    with pytest.raises(CorruptDatabaseError, match="damaged"):
        crud.create(database, Portfolio, name="Never written")
    assert database.read_only and "damaged" in database.read_only_reason
    database.close()
    assert digest(path) == before


def test_background_verification_of_a_sound_file(tmp_path: Path) -> None:
    path = tmp_path / "sound.sqlite"
    open_database(path).close()
    database = open_database(path, verify=False)
    verify_integrity(database)
    assert database.verified and not database.read_only
    crud.create(database, Portfolio, name="Written")
    database.close()
