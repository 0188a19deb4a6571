"""The lease between real processes on a real file "on a network drive"
(PMO_ASSUME_NETWORK_FS=1): a reader sees the writer's commits, a frozen former holder is
fenced off, and a writer killed mid-transaction never leaves half a batch."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pmo_desktop.models import Portfolio
from pmo_desktop.services import crud
from pmo_desktop.services.database import open_database
from pmo_desktop.storage.lease import LeaseState, lock_path
from pmo_desktop.storage.netfs import ASSUME_NETWORK_ENV

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

CHILD = Path(__file__).with_name("shared_writer_child.py")
REPO = Path(__file__).resolve().parents[2]


class Child:
    """A PMO Desktop process on the shared file, driven line by line."""

    def __init__(self, db: Path, *args: str) -> None:
        env = {**os.environ, ASSUME_NETWORK_ENV: "1", "PYTHONPATH": str(REPO)}
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD), str(db), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.ready = self.read()

    @property
    def pid(self) -> int:
        return self.process.pid

    def read(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        assert line, f"child exited with {self.process.wait()}"
        return line

    def ask(self, command: str) -> str:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self.read()

    def finish(self) -> None:
        if self.process.poll() is None:
            self.ask("quit")
            self.process.wait(timeout=30)


@pytest.fixture
def shared_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(ASSUME_NETWORK_ENV, "1")
    path = tmp_path / "team.sqlite"
    open_database(path).close()
    yield path


def _batches(path: Path) -> tuple[dict[str, int], int]:
    """Rows per batch tag, and the ledger's count of committed batches."""
    with closing(sqlite3.connect(path)) as connection:
        counts = dict(
            connection.execute(
                "SELECT description, count(*) FROM portfolios "
                "WHERE description LIKE 'batch-%' GROUP BY description"
            ).fetchall()
        )
        ledger = connection.execute(
            "SELECT organisation FROM portfolios WHERE name = 'ledger'"
        ).fetchone()
    return counts, int(ledger[0]) if ledger else 0


def _integrity(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as connection:
        return [row[0] for row in connection.execute("PRAGMA integrity_check")]


def test_second_process_is_read_only_and_sees_the_writers_commits(shared_file: Path) -> None:
    writer = Child(shared_file)
    try:
        assert writer.ready.startswith("ready 2 False")  # the fixture held token 1
        reader = open_database(shared_file)
        feed = reader.change_feed()
        try:
            assert reader.read_only and reader.lease is None
            assert reader.read_only_reason.startswith("Being edited by ")
            assert reader.lease_holder is not None and reader.lease_holder.pid == writer.pid
            assert not feed.poll()
            assert writer.ask("write 7") == "ok 1"
            assert feed.poll()
            with reader.session() as session:
                assert session.scalar(select(func.count()).select_from(Portfolio)) == 8
            assert writer.ask("heartbeat") == "beat True"
            assert reader.heartbeat() is False  # a reader only refreshes its banner
            assert reader.lease_holder is not None
            writer.finish()
            assert reader.heartbeat() is False and reader.lease_holder is None
        finally:
            feed.close()
            reader.close()
    finally:
        writer.finish()
    assert not lock_path(shared_file).exists()


def test_frozen_former_holder_is_refused_by_the_fencing_counter(shared_file: Path) -> None:
    former = Child(shared_file, "--ttl", "1")
    try:
        assert former.ask("write 5") == "ok 1"
        os.kill(former.pid, signal.SIGSTOP)
        try:
            time.sleep(1.5)  # its heartbeat is now older than its TTL
            unconfirmed = open_database(shared_file)
            assert unconfirmed.read_only and "looks stale" in unconfirmed.read_only_reason
            assert unconfirmed.lease_holder is not None
            assert unconfirmed.lease_holder.state is LeaseState.STALE
            assert unconfirmed.lease_holder.pid == former.pid
            unconfirmed.close()
            successor = open_database(shared_file, take_over=True)
            assert successor.lease is not None and successor.lease.token == 3
            crud.create(successor, Portfolio, name="Successor's work")
        finally:
            os.kill(former.pid, signal.SIGCONT)
        answer = former.ask("write 5")
        assert answer.startswith("lost Your editing lease")
        assert "was taken over by" in answer and "not saved" in answer
        assert former.ask("heartbeat") == "beat False"
        crud.create(successor, Portfolio, name="More work")
        successor.close()
    finally:
        former.finish()
    counts, ledger = _batches(shared_file)
    assert list(counts.values()) == [5] and ledger == 1  # the refused batch left nothing
    with closing(sqlite3.connect(shared_file)) as connection:
        names = {row[0] for row in connection.execute("SELECT name FROM portfolios")}
    assert {"Successor's work", "More work"} <= names
    assert _integrity(shared_file) == ["ok"]


def test_writer_killed_mid_transaction_never_leaves_half_a_batch(shared_file: Path) -> None:
    rounds, rows = 6, 100
    randomiser = random.Random(8)
    killed_mid_batch = 0
    for _ in range(rounds):
        writer = Child(shared_file, "--loop", str(rows))
        assert writer.ready.split()[2] == "False"  # the dead writer's lease was reclaimed
        writer.read()  # at least one batch committed
        time.sleep(randomiser.uniform(0.05, 0.4))
        writer.process.send_signal(signal.SIGKILL)
        writer.process.wait()
        if Path(f"{shared_file}-journal").exists():
            killed_mid_batch += 1
        assert writer.process.stdout is not None
        writer.process.stdout.close()
        writer.process.stdin.close()  # type: ignore[union-attr]
        assert _integrity(shared_file) == ["ok"]
        counts, ledger = _batches(shared_file)
        assert set(counts.values()) == {rows}, "a batch was half applied"
        assert ledger == len(counts)
    assert killed_mid_batch >= 1, "no kill landed inside a transaction"
    assert _batches(shared_file)[1] >= rounds
    database = open_database(shared_file)
    try:
        assert database.lease is not None and database.lease.token == rounds + 2
    finally:
        database.close()


def test_check_command_prints_the_lease_holder_and_the_lock_file(shared_file: Path) -> None:
    writer = Child(shared_file)
    try:
        env = {**os.environ, ASSUME_NETWORK_ENV: "1", "PYTHONPATH": str(REPO)}
        result = subprocess.run(
            [sys.executable, "-m", "pmo_desktop", "check", "--db", str(shared_file)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        lines = {line.split(":")[0]: line for line in result.stdout.splitlines()}
        assert "journal mode delete" in lines["Database"]
        assert lines["Filesystem"].startswith("Filesystem: network")
        assert lines["Lease"].startswith("Lease:      held: Being edited by ")
        assert "(from the database, token 2)" in lines["Lease"]
        assert f"(process {writer.pid})" in lines["Lock file"] and "token 2" in lines["Lock file"]
        assert writer.ask("write 3") == "ok 1"  # check took nothing from the writer
    finally:
        writer.finish()
    result = subprocess.run(
        [sys.executable, "-m", "pmo_desktop", "check", "--db", str(shared_file)],
        capture_output=True,
        text=True,
        env={**os.environ, ASSUME_NETWORK_ENV: "1", "PYTHONPATH": str(REPO)},
        timeout=120,
    )
    assert "Lease:      free; single-writer lease required" in result.stdout
    assert "Lock file:  team.sqlite.pmo-lock: none" in result.stdout
