"""`pmo-desktop restore` and `pmo-desktop backups`, run as real processes on real files."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from pmo_desktop.models import Portfolio
from pmo_desktop.services import crud
from pmo_desktop.services.database import open_database


def run(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pmo_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PMO_DATA_DIR": str(data)},
    )


def assert_user_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("pmo-desktop: error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def _names(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as connection:
        return [row[0] for row in connection.execute("SELECT name FROM portfolios ORDER BY id")]


@pytest.fixture
def team(tmp_path: Path) -> Path:
    path = tmp_path / "team.sqlite"
    database = open_database(path)
    crud.create(database, Portfolio, name="First")
    database.close()
    return path


def test_backups_now_lists_and_restore_brings_it_back(team: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    empty = run("backups", "--db", str(team), data=data)
    assert empty.returncode == 0, empty.stderr
    assert "No daily backups" in empty.stdout

    taken = run("backups", "--db", str(team), "--now", data=data)
    assert taken.returncode == 0, taken.stderr
    assert "Backed up" in taken.stdout and "1 backup." in taken.stdout
    [backup] = sorted((data / "backups").glob("team-*/team-*.sqlite"))
    assert backup.name in taken.stdout

    database = open_database(team, create=False)
    crud.create(database, Portfolio, name="Second")
    database.close()

    refused = run("restore", str(backup), "--db", str(team), data=data)
    assert_user_error(refused, "already exists", "--force")
    assert _names(team) == ["First", "Second"]

    restored = run("restore", str(backup), "--db", str(team), "--force", data=data)
    assert restored.returncode == 0, restored.stderr
    assert f"Restored {team}" in restored.stdout
    [kept] = team.parent.glob("team.before-restore-*.sqlite")
    assert f"kept as {kept}" in restored.stdout
    assert _names(team) == ["First"] and _names(kept) == ["First", "Second"]

    check = run("check", "--db", str(team), data=data)
    assert check.returncode == 0, check.stderr
    assert "Integrity:  ok" in check.stdout


def test_restore_into_a_new_file_needs_no_force(team: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run("backups", "--db", str(team), "--now", data=data).returncode == 0
    [backup] = sorted((data / "backups").glob("team-*/team-*.sqlite"))
    copy = tmp_path / "copy.sqlite"
    result = run("restore", str(backup), "--db", str(copy), data=data)
    assert result.returncode == 0, result.stderr
    assert "kept as" not in result.stdout
    assert _names(copy) == ["First"]


def test_user_errors(team: Path, tmp_path: Path, postgres_url: str) -> None:
    data = tmp_path / "data"
    not_ours = tmp_path / "notes.txt"
    not_ours.write_text("hello")
    assert_user_error(
        run("restore", str(not_ours), "--db", str(team), "--force", data=data),
        "not a PMO Desktop backup",
    )
    assert_user_error(
        run("restore", str(tmp_path / "none.sqlite"), "--db", str(team), data=data),
        "no backup file",
    )
    assert_user_error(
        run("restore", str(team), "--db", postgres_url, data=data),
        "PostgreSQL server is not supported",
        "pg_restore",
    )
    assert_user_error(
        run("backups", "--db", postgres_url, data=data), "database files only", "pg_dump"
    )
    assert_user_error(
        run("backups", "--db", str(tmp_path / "none.sqlite"), "--now", data=data),
        "There is no database",
    )
    usage = run("restore", str(team), data=data)
    assert usage.returncode == 2 and "--db" in usage.stderr
    assert _names(team) == ["First"]
