"""`pmo-desktop checkout --cancel`, run as real processes: from the shared database (only
its holder or a PMO admin) and from the offline copy; SQLite file and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from pmo_desktop.models import Portfolio, Project, Task
from pmo_desktop.models.enums import RoleName
from pmo_desktop.services import crud
from pmo_desktop.services.checkout import checked_out
from pmo_desktop.services.checkout_copies import copy_info
from pmo_desktop.services.database import Database, open_database

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "storage"))
from server_team import Team, team_server


def run(*args: str, data: Path, user: str = "alice") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PMO_DATA_DIR": str(data)}
    env |= {"LOGNAME": user, "USER": user, "LNAME": user, "USERNAME": user}
    return subprocess.run(
        [sys.executable, "-m", "pmo_desktop", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )


def _project(database: Database) -> int:
    portfolio = crud.create(database, Portfolio, name="P")
    project = crud.create(database, Project, portfolio_id=portfolio.id, code="DIG", name="Dig")
    crud.create(database, Task, project_id=project.id, name="Design")
    return project.id


def _is_out(location: str, project_id: int) -> bool:
    database = open_database(location, create=False)
    try:
        return checked_out(database, project_id) is not None
    finally:
        database.close()


def test_cancel_from_the_shared_database_and_from_the_copy(
    database: Database, db_location: str, tmp_path: Path
) -> None:
    project_id = _project(database)
    data, local = tmp_path / "data", tmp_path / "laptop.sqlite"
    shared = ["--db", db_location]
    out = run("checkout", *shared, "--project", "DIG", "--out", str(local), data=data)
    assert out.returncode == 0, out.stderr

    cancelled = run("checkout", "--cancel", *shared, "--project", "DIG", data=data)
    assert cancelled.returncode == 0, cancelled.stderr
    holder = "alice" if database.is_sqlite else database.user_name  # a server: the login
    assert f"Cancelled {holder}'s check-out of DIG" in cancelled.stdout
    assert not _is_out(db_location, project_id)
    again = run("checkout", "--cancel", *shared, "--project", "DIG", data=data)
    assert again.returncode == 1 and "Traceback" not in again.stderr
    assert "DIG is not checked out of" in again.stderr
    # The copy of a cancelled check-out cannot be checked in.
    refused = run("checkin", str(local), data=data)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr

    # From the copy: released in the shared database and closed.
    second = tmp_path / "second.sqlite"
    out = run("checkout", *shared, "--project", "DIG", "--out", str(second), data=data)
    assert out.returncode == 0, out.stderr
    released = run("checkout", "--cancel", "--db", str(second), data=data)
    assert released.returncode == 0, released.stderr
    assert "Cancelled the check-out of DIG" in released.stdout
    assert not _is_out(db_location, project_id)
    copy = open_database(second, create=False)
    try:
        info = copy_info(copy)
        assert info is not None and info.state.value == "returned"
    finally:
        copy.close()
    closed = run("checkout", "--cancel", "--db", str(second), data=data)
    assert closed.returncode == 1 and "already checked in or cancelled" in closed.stderr


def test_bad_usage_and_a_database_that_is_no_copy(
    database: Database, db_location: str, tmp_path: Path
) -> None:
    _project(database)
    data = tmp_path / "data"
    usage = run("checkout", "--cancel", "--db", db_location, "--out", "x.sqlite", data=data)
    assert usage.returncode == 2 and "takes no --out" in usage.stderr
    missing = run("checkout", "--db", db_location, "--project", "DIG", data=data)
    assert missing.returncode == 2 and "needs --project and --out" in missing.stderr
    no_copy = run("checkout", "--cancel", "--db", db_location, data=data)
    assert no_copy.returncode == 1 and "is not an offline copy" in no_copy.stderr


@pytest.fixture
def team(postgres_url: str) -> Iterator[Team]:
    yield from team_server(postgres_url)


@pytest.mark.postgres
def test_only_the_holder_or_a_pmo_admin_cancels_on_a_server(team: Team, tmp_path: Path) -> None:
    owner = open_database(team.owner_url)
    try:
        project_id = _project(owner)
    finally:
        owner.close()
    data = tmp_path / "data"
    editor, admin = team.logins[RoleName.EDITOR], team.logins[RoleName.ADMIN]
    args = ("--project", "DIG")
    holder = make_url(team.owner_url).username
    out = run("checkout", "--db", team.owner_url, *args, "--out", str(tmp_path / "a.sqlite"),
              data=data)  # fmt: skip
    assert out.returncode == 0, out.stderr
    refused = run("checkout", "--cancel", "--db", editor, *args, data=data)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert f"Only {holder}, who checked DIG out, or a PMO admin" in refused.stderr
    assert _is_out(team.owner_url, project_id)
    by_admin = run("checkout", "--cancel", "--db", admin, *args, data=data)
    assert by_admin.returncode == 0, by_admin.stderr
    assert f"Cancelled {holder}'s check-out of DIG" in by_admin.stdout
    assert not _is_out(team.owner_url, project_id)
