"""The single-writer lease in one process: lock files, stale leases, takeover, fencing, WAL."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from pmo_desktop.errors import JournalModeError, LeaseLostError, ReadOnlyDatabaseError
from pmo_desktop.models import Portfolio
from pmo_desktop.models.admin import WriterLease
from pmo_desktop.services import crud
from pmo_desktop.services.database import backup_database, check_database, open_database
from pmo_desktop.storage.lease import LeaseState, lock_path, this_program
from pmo_desktop.storage.netfs import ASSUME_NETWORK_ENV


@pytest.fixture
def shared_file(tmp_path: Path) -> Path:
    """A database at the current schema, closed, with one portfolio."""
    path = tmp_path / "shared.sqlite"
    database = open_database(path)
    crud.create(database, Portfolio, name="Existing")
    database.close()
    return path


@pytest.fixture
def network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ASSUME_NETWORK_ENV, "1")


def _write_lock(path: Path, **fields: object) -> Path:
    now = datetime.now(UTC)
    data: dict[str, object] = {
        "user": "bob",
        "host": "pc-bob",
        "pid": 4242,
        "since": (now - timedelta(hours=1)).isoformat(),
        "heartbeat": now.isoformat(),
        "ttl_seconds": 120,
        "token": 99,
    }
    data.update(fields)
    lock = lock_path(path)
    lock.write_text(json.dumps(data), encoding="utf-8")
    return lock


def _age(path: Path, seconds: float) -> None:
    moment = time.time() - seconds
    os.utime(path, (moment, moment))


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_local_files_keep_todays_behaviour(shared_file: Path, monkeypatch) -> None:
    monkeypatch.delenv(ASSUME_NETWORK_ENV, raising=False)
    first, second = open_database(shared_file), open_database(shared_file)
    try:
        assert not first.lease_required and first.lease is None
        assert not second.read_only
        assert not lock_path(shared_file).exists()
        assert first.heartbeat_interval_s == 0 and not first.heartbeat()
    finally:
        first.close()
        second.close()


def test_second_opener_is_read_only_and_names_the_holder(shared_file: Path) -> None:
    writer = open_database(shared_file, sharing="single-writer")
    reader = open_database(shared_file, sharing="single-writer")
    try:
        me = this_program()
        assert writer.lease is not None and not writer.read_only
        lock = json.loads(lock_path(shared_file).read_text())
        assert (lock["user"], lock["host"], lock["pid"]) == (me.user, me.host, me.pid)
        assert lock["token"] == writer.lease.token
        assert reader.read_only
        assert reader.read_only_reason.startswith(f"Being edited by {me.user} on {me.host} since ")
        holder = reader.lease_holder
        assert holder is not None and holder.state is LeaseState.HELD
        assert (holder.user, holder.host, holder.pid) == (me.user, me.host, me.pid)
        with pytest.raises(ReadOnlyDatabaseError, match="Being edited by"):
            crud.create(reader, Portfolio, name="Refused")
        crud.create(writer, Portfolio, name="Written")
        assert {p.name for p in crud.list_rows(reader, Portfolio)} >= {"Existing", "Written"}
    finally:
        writer.close()
    # Released: the row is free, the lock file gone, the reader's banner can clear.
    assert not lock_path(shared_file).exists()
    assert reader.heartbeat() is False and reader.lease_holder is None
    reader.close()
    again = open_database(shared_file, sharing="single-writer")
    assert again.lease is not None and again.lease.token == 2
    again.close()


def test_heartbeat_refreshes_the_lock_file(shared_file: Path) -> None:
    database = open_database(shared_file, sharing="single-writer")
    try:
        before = json.loads(lock_path(shared_file).read_text())["heartbeat"]
        time.sleep(0.01)
        assert database.heartbeat() is True
        assert database.heartbeat_interval_s > 0
        assert json.loads(lock_path(shared_file).read_text())["heartbeat"] > before
    finally:
        database.close()


def test_garbled_lock_file_counts_as_held_until_it_is_old(shared_file: Path) -> None:
    lock = lock_path(shared_file)
    lock.write_bytes(b"\x00\xff{not json")
    database = open_database(shared_file, sharing="single-writer", take_over=True)
    assert database.read_only
    assert "its lock file cannot be read" in database.read_only_reason
    database.close()
    assert lock.read_bytes() == b"\x00\xff{not json"
    _age(lock, 600)
    stale = open_database(shared_file, sharing="single-writer")
    assert stale.read_only and "looks stale" in stale.read_only_reason
    stale.close()
    taken = open_database(shared_file, sharing="single-writer", take_over=True)
    assert taken.lease is not None and taken.took_over
    taken.close()


def test_lock_file_from_the_future_counts_as_held(shared_file: Path) -> None:
    future = datetime.now(UTC) + timedelta(days=1)
    _write_lock(shared_file, host=this_program().host, pid=1, heartbeat=future.isoformat())
    database = open_database(shared_file, sharing="single-writer", take_over=True)
    assert database.read_only
    assert "dated in the future" in database.read_only_reason
    database.close()


def test_lock_file_from_another_host_counts_as_held(shared_file: Path) -> None:
    _write_lock(shared_file, pid=os.getpid() + 100_000)  # no such process here: not asked
    database = open_database(shared_file, sharing="single-writer", take_over=True)
    assert database.read_only
    assert database.read_only_reason.startswith("Being edited by bob on pc-bob since ")
    database.close()


def test_stale_lease_is_taken_over_only_with_confirmation(shared_file: Path) -> None:
    old = datetime.now(UTC) - timedelta(minutes=10)
    _write_lock(shared_file, heartbeat=old.isoformat())
    refused = open_database(shared_file, sharing="single-writer")
    assert refused.read_only
    assert refused.lease_holder is not None and refused.lease_holder.state is LeaseState.STALE
    assert "Was being edited by bob on pc-bob" in refused.read_only_reason
    assert "looks stale" in refused.read_only_reason
    refused.close()
    taken = open_database(shared_file, sharing="single-writer", take_over=True)
    try:
        assert taken.lease is not None and taken.took_over
        assert taken.lease_holder is not None and taken.lease_holder.user == "bob"
        assert json.loads(lock_path(shared_file).read_text())["pid"] == os.getpid()
        crud.create(taken, Portfolio, name="After takeover")
    finally:
        taken.close()


def test_lease_of_a_dead_process_on_this_computer_is_reclaimed(shared_file: Path) -> None:
    pid = _dead_pid()
    _write_lock(shared_file, host=this_program().host, pid=pid)
    database = open_database(shared_file, sharing="single-writer")
    try:
        assert database.lease is not None and not database.read_only
        assert database.lease_holder is not None
        assert database.lease_holder.state is LeaseState.ORPHANED
    finally:
        database.close()


def test_fencing_refuses_a_former_holder(shared_file: Path) -> None:
    former = open_database(shared_file, sharing="single-writer", lease_ttl_s=1)
    crud.create(former, Portfolio, name="Before")
    time.sleep(1.3)  # no heartbeat: the lease turns stale
    successor = open_database(shared_file, sharing="single-writer", take_over=True)
    try:
        assert successor.lease is not None and former.lease is not None
        assert successor.lease.token == former.lease.token + 1
        crud.create(successor, Portfolio, name="Successor")
        with pytest.raises(LeaseLostError, match="was taken over by"):
            crud.create(former, Portfolio, name="Lost")
        assert former.read_only and "not saved" in former.read_only_reason
        with pytest.raises(ReadOnlyDatabaseError):
            crud.create(former, Portfolio, name="Lost again")
        assert former.heartbeat() is False
        crud.create(successor, Portfolio, name="Still writing")
        with successor.session() as session:
            names = set(session.scalars(select(Portfolio.name)))
            row = session.get(WriterLease, 1)
        assert {"Before", "Successor", "Still writing"} <= names and "Lost" not in names
        assert row is not None and row.fencing_token == successor.lease.token
    finally:
        former.close()  # must not release the successor's lease
        assert lock_path(shared_file).exists()
        successor.close()


def test_heartbeat_of_a_former_holder_turns_it_read_only(shared_file: Path) -> None:
    former = open_database(shared_file, sharing="single-writer", lease_ttl_s=1)
    time.sleep(1.3)
    successor = open_database(shared_file, sharing="single-writer", take_over=True)
    try:
        assert former.heartbeat() is False
        assert former.read_only and former.read_only_reason.startswith("Being edited by")
    finally:
        former.close()
        successor.close()


def test_network_file_in_wal_mode_is_switched_to_delete(shared_file: Path, network: None) -> None:
    with closing(sqlite3.connect(shared_file)) as connection:
        assert connection.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
    database = open_database(shared_file)
    try:
        assert database.filesystem is not None and database.filesystem.network
        assert database.lease is not None
        with database.session() as session:
            mode = session.connection().exec_driver_sql("PRAGMA journal_mode").scalar()
        assert mode == "delete"
    finally:
        database.close()
    assert not Path(f"{shared_file}-wal").exists()
    with closing(sqlite3.connect(shared_file)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_network_file_in_wal_mode_in_use_is_refused(shared_file: Path, network: None) -> None:
    with closing(sqlite3.connect(shared_file, isolation_level=None)) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("BEGIN")
        connection.execute("SELECT count(*) FROM portfolios").fetchone()  # a reader's snapshot
        with pytest.raises(JournalModeError, match="WAL journal mode"):
            open_database(shared_file, busy_timeout_ms=200)
        connection.execute("COMMIT")
    assert not lock_path(shared_file).exists()


def test_check_reports_the_lease_and_the_lock_file(shared_file: Path, network: None) -> None:
    holder = open_database(shared_file)
    inspector = open_database(shared_file, acquire_lease=False)
    try:
        report = check_database(inspector)
        assert report.ok and report.read_only
        assert report.filesystem is not None and report.filesystem.startswith("network")
        assert report.lease is not None and report.lease.startswith("held: Being edited by")
        assert report.lock_file is not None and f"(process {os.getpid()})" in report.lock_file
        lines = report.sharing_lines()
        assert [line.split(":")[0] for line in lines] == ["Filesystem", "Lease", "Lock file"]
    finally:
        inspector.close()
        holder.close()
    free = open_database(shared_file, acquire_lease=False)
    report = check_database(free)
    free.close()
    assert report.lease == "free; single-writer lease required"
    assert report.lock_file == "shared.sqlite.pmo-lock: none"


def test_a_backup_of_a_held_file_claims_no_lease(shared_file: Path, tmp_path: Path) -> None:
    holder = open_database(shared_file, sharing="single-writer")
    copy_path = tmp_path / "copy.sqlite"
    try:
        backup_database(holder.engine, holder.target, copy_path)
    finally:
        holder.close()
    copy = open_database(copy_path, sharing="single-writer")
    try:
        assert copy.lease is not None and copy.lease_holder is None
        assert copy.lease.token == 2  # the counter travels, only the holder is cleared
    finally:
        copy.close()
