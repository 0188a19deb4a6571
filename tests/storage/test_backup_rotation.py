"""Rotating daily backups: one a day into the user's own folder, verified, pruned, and
consistent while another process keeps writing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest

from pmo_desktop.models import Portfolio
from pmo_desktop.services import crud
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.storage import backup as backups
from pmo_desktop.storage import schema
from pmo_desktop.storage.backup import integrity_problems
from pmo_desktop.storage.backup_rotation import (
    BackupFailedError,
    backup_folder,
    backups_to_keep,
    daily_backup,
    format_size,
    list_backups,
)
from pmo_desktop.storage.netfs import ASSUME_NETWORK_ENV

CHILD = Path(__file__).with_name("shared_writer_child.py")
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "user-data"
    monkeypatch.setenv("PMO_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[Database]:
    (tmp_path / "shared").mkdir()
    database = open_database(tmp_path / "shared" / "team.sqlite")
    crud.create(database, Portfolio, name="Transformation")
    yield database
    database.close()


def _portfolios(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as connection:
        return [row[0] for row in connection.execute("SELECT name FROM portfolios ORDER BY id")]


def test_first_open_of_the_day_backs_up_into_the_users_folder(
    opened: Database, data_dir: Path
) -> None:
    taken = daily_backup(opened, today=date(2026, 11, 26))

    assert taken is not None
    assert taken.parent == backup_folder(opened.target.path or Path())
    assert taken.is_relative_to(data_dir / "backups")
    assert taken.name == "team-2026-11-26.sqlite"
    assert not list((opened.target.path or Path()).parent.glob("team-*"))  # not beside it
    assert integrity_problems(taken) == []
    assert _portfolios(taken) == ["Transformation"]
    copy = open_database(taken, create=False)
    assert copy.revision == schema.head_revision()
    copy.close()
    [info] = list_backups(opened.target.path or Path())
    assert (info.path, info.day, info.size) == (taken, date(2026, 11, 26), taken.stat().st_size)
    assert not [name for name in os.listdir(taken.parent) if name.startswith(".")]


def test_a_second_open_the_same_day_is_cheap_and_takes_nothing(
    opened: Database, data_dir: Path
) -> None:
    day = date(2026, 11, 26)
    first = daily_backup(opened, today=day)
    assert first is not None
    crud.create(opened, Portfolio, name="Later the same day")

    started = time.perf_counter()
    assert daily_backup(opened, today=day) is None
    assert time.perf_counter() - started < 0.05
    assert _portfolios(first) == ["Transformation"]

    redone = daily_backup(opened, today=day, force=True)  # "Back up now"
    assert redone == first
    assert _portfolios(first) == ["Transformation", "Later the same day"]


def test_rotation_keeps_seven_days_and_four_weeks(opened: Database, data_dir: Path) -> None:
    start = date(2026, 9, 1)  # a Tuesday
    for offset in range(60):
        daily_backup(opened, today=start + timedelta(days=offset))

    kept = [info.day for info in list_backups(opened.target.path or Path())]

    last = start + timedelta(days=59)  # Friday 30 October 2026
    daily = [last - timedelta(days=offset) for offset in range(7)]
    # The newest of each of the last 4 ISO weeks: weeks 44 (30 Oct) and 43 (Sunday 25 Oct)
    # are among the daily ones already; weeks 42 and 41 add their Sundays.
    weekly = [date(2026, 10, 18), date(2026, 10, 11)]
    assert kept == daily + weekly
    assert backups_to_keep(kept) == set(kept)


def test_rotation_policy_with_gaps() -> None:
    days = [date(2026, 1, 5), date(2026, 1, 6), date(2026, 2, 2), date(2026, 3, 2)]
    assert backups_to_keep(days, keep_daily=2, keep_weekly=3) == {
        date(2026, 3, 2),
        date(2026, 2, 2),
        date(2026, 1, 6),
    }
    assert backups_to_keep([]) == set()


def test_a_damaged_database_never_replaces_good_backups(
    hidden_damage_sqlite: Path, data_dir: Path
) -> None:
    database = open_database(hidden_damage_sqlite, create=False, verify=False, upgrade=False)
    try:
        for offset in range(8):
            folder = backup_folder(hidden_damage_sqlite)
            folder.mkdir(parents=True, exist_ok=True)
            good = folder / f"damaged-2026-11-{10 + offset:02d}.sqlite"
            good.write_bytes(b"SQLite format 3\x00")  # stands for an older good backup
        before = [*sorted(os.listdir(backup_folder(hidden_damage_sqlite))), "source.json"]

        with pytest.raises(BackupFailedError, match="integrity check"):
            daily_backup(database, today=date(2026, 11, 26))

        assert sorted(os.listdir(backup_folder(hidden_damage_sqlite))) == before
    finally:
        database.close()


def test_a_server_database_has_no_daily_file_backup(postgres_url: str, data_dir: Path) -> None:
    database = open_database(postgres_url)
    try:
        assert daily_backup(database) is None
        assert not (data_dir / "backups").exists()
    finally:
        database.close()


def test_size_texts() -> None:
    assert format_size(512) == "512 bytes"
    assert format_size(824_000) == "824 KB"
    assert format_size(12_400_000) == "12.4 MB"
    assert format_size(1_200_000_000) == "1.2 GB"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes")
@pytest.mark.parametrize("network", [False, True], ids=["local", "shared"])
def test_backup_while_another_process_writes(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, network: bool
) -> None:
    """A real second process commits batches (rows + ledger) in a loop during the backups;
    each backup opens, passes integrity_check and holds whole batches only."""
    path = tmp_path / "busy.sqlite"
    open_database(path).close()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if network:
        env[ASSUME_NETWORK_ENV] = "1"
    # Small steps: the writer commits between them, so the copy restarts and falls back.
    monkeypatch.setattr(backups, "STEP_PAGES", 4)
    with (tmp_path / "child.out").open("w") as out:
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(path), "--loop", "40"], stdout=out, env=env
        )
    try:
        _wait_for_batches(tmp_path / "child.out", 5)
        for day in range(1, 6):
            taken = daily_backup(_reader(path), today=date(2026, 11, day))
            assert taken is not None
            assert integrity_problems(taken) == []
            with closing(sqlite3.connect(taken)) as connection:
                ledger = connection.execute(
                    "SELECT organisation FROM portfolios WHERE name = 'ledger'"
                ).fetchone()
                rows = connection.execute(
                    "SELECT description, count(*) FROM portfolios "
                    "WHERE description LIKE 'batch-%' GROUP BY description"
                ).fetchall()
                lease = connection.execute("SELECT holder_pid FROM writer_lease").fetchall()
            assert ledger is not None and int(ledger[0]) == len(rows) > 0
            assert {count for _tag, count in rows} == {40}
            assert lease in ([], [(0,)])  # the copy carries nobody's editing lease
            copy = open_database(taken, create=False)
            assert copy.revision == schema.head_revision() and not copy.read_only
            copy.close()
        assert child.poll() is None, "the writer must still be running"
    finally:
        child.kill()
        child.wait(timeout=30)


def _reader(path: Path) -> Database:
    """What the GUI of a second user has open: here only its target matters."""
    database = open_database(path, create=False, acquire_lease=False)
    database.close()
    return database


def _wait_for_batches(output: Path, count: int, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if sum(line.startswith("ok ") for line in output.read_text().splitlines()) >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"the writer did not commit {count} batches: {output.read_text()!r}")
