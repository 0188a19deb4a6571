"""`pmo-desktop checkout`, `checkin` and `checkouts`, run as real processes; the shared
database is an SQLite file or the real PostgreSQL server."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import select

from pmo_desktop.models import Project, Task
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.services.demo import create_demo


def run(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pmo_desktop", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PMO_DATA_DIR": str(data)},
    )


def _rename(location: str | Path, uuid: str, name: str) -> None:
    database = open_database(location, create=False)
    try:
        with database.write_session() as session:
            session.scalars(select(Task).where(Task.uuid == uuid)).one().name = name
    finally:
        database.close()


def _name(database: Database, uuid: str) -> str:
    with database.session() as session:
        return session.scalars(select(Task.name).where(Task.uuid == uuid)).one()


def test_checkout_conflict_and_checkin(
    database: Database, db_location: str, tmp_path: Path
) -> None:
    create_demo(database.write_engine, as_of=date(2026, 10, 30))
    with database.session() as session:
        code = session.scalars(select(Project.code).order_by(Project.id).limit(1)).one()
        first, second = session.scalars(
            select(Task.uuid).join(Project).where(Project.code == code).order_by(Task.id).limit(2)
        ).all()
    data = tmp_path / "data"
    local = tmp_path / "laptop.sqlite"

    out = run("checkout", "--db", db_location, "--project", code, "--out", str(local), data=data)
    assert out.returncode == 0, out.stderr
    assert f"Checked out {code} into {local}" in out.stdout and local.is_file()

    listing = run("checkouts", "--db", db_location, data=data)
    assert listing.returncode == 0, listing.stderr
    assert code in listing.stdout and "open" in listing.stdout and str(local) in listing.stdout

    again = run(
        "checkout",
        "--db",
        db_location,
        "--project",
        code,
        "--out",
        str(tmp_path / "b.sqlite"),
        data=data,
    )
    assert again.returncode == 1 and "Traceback" not in again.stderr
    assert "already checked out by" in again.stderr
    assert not (tmp_path / "b.sqlite").exists()

    _rename(local, first, "Mine")
    _rename(local, second, "Only mine")
    _rename(db_location, first, "Theirs")

    dry = run("checkin", str(local), "--dry-run", data=data)
    assert dry.returncode == 0, dry.stderr
    assert "1 conflict(s)" in dry.stdout and "'Mine'" in dry.stdout and "'Theirs'" in dry.stdout
    assert "nothing was written" in dry.stdout

    refused = run("checkin", str(local), "--db", db_location, data=data)
    assert refused.returncode == 3, refused.stderr
    assert "Traceback" not in refused.stderr and "nothing was checked in" in refused.stderr
    assert f"tasks  {first}  name" in refused.stdout
    assert _name(database, first) == "Theirs" and _name(database, second) != "Only mine"

    done = run("checkin", str(local), "--mine", data=data)
    assert done.returncode == 0, done.stderr
    assert "Checked in 2 change(s)" in done.stdout
    assert _name(database, first) == "Mine" and _name(database, second) == "Only mine"

    listing = run("checkouts", "--db", db_location, data=data)
    assert listing.returncode == 0 and "No project is checked out" in listing.stdout
    history = run("checkouts", "--db", db_location, "--all", data=data)
    assert "returned" in history.stdout

    twice = run("checkin", str(local), data=data)
    assert twice.returncode == 1 and "already checked in" in twice.stderr
