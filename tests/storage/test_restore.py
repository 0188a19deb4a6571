"""Restoring a database file from a backup: checks on the backup, on who uses the target,
the replaced file kept, the swap atomic; a server is out of scope."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from pmo_desktop.models import Portfolio
from pmo_desktop.services import crud
from pmo_desktop.services.database import open_database
from pmo_desktop.storage import schema
from pmo_desktop.storage.backup import backup_sqlite_file, integrity_problems
from pmo_desktop.storage.backup_open_files import processes_using
from pmo_desktop.storage.lease import lock_path
from pmo_desktop.storage.netfs import ASSUME_NETWORK_ENV
from pmo_desktop.storage.restore import RestoreError, inspect_backup, restore

REPO = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("shared_writer_child.py")


def _names(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as connection:
        return [row[0] for row in connection.execute("SELECT name FROM portfolios ORDER BY id")]


@pytest.fixture
def saved(tmp_path: Path) -> tuple[Path, Path]:
    """A database whose backup holds 'Before'; the database then gained 'After'."""
    path = tmp_path / "portfolio.sqlite"
    database = open_database(path)
    crud.create(database, Portfolio, name="Before")
    backup = tmp_path / "backups" / "portfolio-2026-11-25.sqlite"
    backup.parent.mkdir()
    backup_sqlite_file(path, backup)
    crud.create(database, Portfolio, name="After")
    database.close()
    return path, backup


def test_restore_replaces_the_file_and_keeps_the_replaced_one(saved: tuple[Path, Path]) -> None:
    path, backup = saved
    path.chmod(0o664)  # a team's file stays writable by the team

    outcome = restore(backup, path, replace=True)

    assert _names(path) == ["Before"]
    assert outcome.kept is not None and outcome.kept.parent == path.parent
    assert outcome.kept.name.startswith("portfolio.before-restore-")
    assert _names(outcome.kept) == ["Before", "After"]
    assert integrity_problems(path) == [] and integrity_problems(outcome.kept) == []
    assert outcome.revision == schema.head_revision()
    assert stat.S_IMODE(path.stat().st_mode) == 0o664
    assert not [name for name in os.listdir(path.parent) if name.startswith(".")]
    reopened = open_database(path, create=False)
    assert [p.name for p in crud.list_rows(reopened, Portfolio)] == ["Before"]
    reopened.close()


def test_restore_into_a_new_file(saved: tuple[Path, Path], tmp_path: Path) -> None:
    _path, backup = saved
    outcome = restore(backup, tmp_path / "copy.sqlite")
    assert outcome.kept is None
    assert _names(tmp_path / "copy.sqlite") == ["Before"]


def test_an_existing_file_needs_confirmation(saved: tuple[Path, Path]) -> None:
    path, backup = saved
    before = path.read_bytes()
    with pytest.raises(RestoreError, match=r"already exists.*--force"):
        restore(backup, path)
    assert path.read_bytes() == before
    assert sorted(os.listdir(path.parent)) == ["backups", "portfolio.sqlite"]


def test_bad_backups_are_refused(saved: tuple[Path, Path], tmp_path: Path) -> None:
    path, backup = saved
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database")
    with pytest.raises(RestoreError, match="not an SQLite file"):
        restore(text, path, replace=True)
    foreign = tmp_path / "foreign.sqlite"
    with closing(sqlite3.connect(foreign)) as connection:
        connection.execute("CREATE TABLE things (id INTEGER)")
    with pytest.raises(RestoreError, match="not a PMO Desktop backup"):
        restore(foreign, path, replace=True)
    with pytest.raises(RestoreError, match="no backup file"):
        restore(tmp_path / "missing.sqlite", path, replace=True)
    with pytest.raises(RestoreError, match="onto itself"):
        restore(backup, backup, replace=True)
    assert _names(path) == ["Before", "After"]


def test_a_backup_from_a_newer_version_is_refused(saved: tuple[Path, Path]) -> None:
    path, backup = saved
    with closing(sqlite3.connect(backup)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(RestoreError, match="newer version of PMO Desktop"):
        restore(backup, path, replace=True)
    assert _names(path) == ["Before", "After"]


def test_a_damaged_backup_is_refused(hidden_damage_sqlite: Path, tmp_path: Path) -> None:
    target = tmp_path / "target.sqlite"
    open_database(target).close()
    with pytest.raises(RestoreError, match="damaged"):
        restore(hidden_damage_sqlite, target, replace=True)
    assert _names(target) == []


def test_a_damaged_database_is_replaced_and_kept_as_it_was(
    saved: tuple[Path, Path], hidden_damage_sqlite: Path
) -> None:
    _path, backup = saved
    damaged_bytes = hidden_damage_sqlite.read_bytes()
    outcome = restore(backup, hidden_damage_sqlite, replace=True)
    assert _names(hidden_damage_sqlite) == ["Before"]
    assert outcome.kept is not None
    assert integrity_problems(outcome.kept) != []  # the damage is kept, for the record
    assert len(outcome.kept.read_bytes()) == len(damaged_bytes)


def test_an_older_schema_backup_is_restored_and_upgraded_on_open(
    saved: tuple[Path, Path], tmp_path: Path
) -> None:
    path, _backup = saved
    old = tmp_path / "old.sqlite"
    engine_database = open_database(old, create=True, upgrade=False)
    engine_database.close()
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{old}")
    schema.upgrade(engine, "0004")
    engine.dispose()
    assert inspect_backup(old).revision == "0004"
    restore(old, path, replace=True)
    reopened = open_database(path, create=False, backup_dir=tmp_path)
    assert reopened.upgraded_from == "0004" and reopened.revision == schema.head_revision()
    reopened.close()


def test_a_file_open_in_this_program_is_refused_unless_released(
    saved: tuple[Path, Path],
) -> None:
    path, backup = saved
    database = open_database(path, create=False)
    crud.list_rows(database, Portfolio)  # a pooled connection holds the file open
    assert os.getpid() in processes_using(path)
    with pytest.raises(RestoreError, match="open in PMO Desktop"):
        restore(backup, path, replace=True)
    assert _names(path) == ["Before", "After"]

    outcome = restore(backup, path, replace=True, release=database)

    assert outcome.kept is not None
    assert os.getpid() not in processes_using(path)
    assert _names(path) == ["Before"]


@pytest.mark.skipif(sys.platform != "linux", reason="/proc")
def test_a_file_open_in_another_program_is_refused(saved: tuple[Path, Path]) -> None:
    path, backup = saved
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "c.execute('SELECT 1 FROM portfolios').fetchall(); print('ready', flush=True); "
            "sys.stdin.read()",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(RestoreError, match=f"open in another program \\(process {holder.pid}"):
            restore(backup, path, replace=True)
        assert _names(path) == ["Before", "After"]
    finally:
        holder.communicate("")
    restore(backup, path, replace=True)
    assert _names(path) == ["Before"]


def test_a_shared_file_under_someone_elses_lease_is_refused(
    saved: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, backup = saved
    monkeypatch.setenv(ASSUME_NETWORK_ENV, "1")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    editor = subprocess.Popen(
        [sys.executable, str(CHILD), str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert editor.stdout is not None
        assert editor.stdout.readline().startswith("ready 1 False")
        assert editor.stdin is not None
        editor.stdin.write("write 3\n")
        editor.stdin.flush()
        assert editor.stdout.readline().startswith("ok")
        with pytest.raises(RestoreError, match="being edited by"):
            restore(backup, path, replace=True, take_over_stale=True)
        assert lock_path(path).exists()
        assert "Before" in _names(path) and "After" in _names(path)
    finally:
        editor.communicate("quit\n", timeout=30)
    outcome = restore(backup, path, replace=True)
    assert _names(path) == ["Before"] and outcome.kept is not None


def test_a_shared_file_this_program_edits_is_restored_when_released(
    saved: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, backup = saved
    monkeypatch.setenv(ASSUME_NETWORK_ENV, "1")
    database = open_database(path, create=False)
    assert database.lease is not None and lock_path(path).exists()

    restore(backup, path, replace=True, release=database)

    assert not lock_path(path).exists()
    assert _names(path) == ["Before"]
    reopened = open_database(path, create=False)
    assert reopened.lease is not None and not reopened.read_only
    reopened.close()


_KILLED_WRITER = """
import os, sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("PRAGMA cache_size=5")
c.execute("BEGIN IMMEDIATE")
c.execute("UPDATE portfolios SET name = 'Half' WHERE name = 'After'")
c.execute("CREATE TABLE filler (x TEXT)")
c.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,) for _ in range(3000)])
os._exit(9)
"""


def test_leftover_journal_files_go_with_the_replaced_file(saved: tuple[Path, Path]) -> None:
    path, backup = saved
    # A writer killed mid-transaction leaves a hot journal beside the file.
    killed = subprocess.run([sys.executable, "-c", _KILLED_WRITER, str(path)], check=False)
    assert killed.returncode == 9
    journal = path.with_name(path.name + "-journal")
    assert journal.exists()

    outcome = restore(backup, path, replace=True)

    assert not journal.exists()
    assert _names(path) == ["Before"]
    # The killed writer's half transaction was rolled back in the kept file.
    assert outcome.kept is not None and _names(outcome.kept) == ["Before", "After"]
    assert integrity_problems(outcome.kept) == []


def test_a_server_is_out_of_scope(saved: tuple[Path, Path], postgres_url: str) -> None:
    _path, backup = saved
    with pytest.raises(RestoreError, match="PostgreSQL server is not supported"):
        restore(backup, postgres_url, replace=True)
