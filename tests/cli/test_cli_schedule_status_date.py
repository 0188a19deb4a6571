"""`pmo-desktop schedule --db DB --status-date D` as a user runs it: a real process on a
real SQLite file, the stored dates read back."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

from pmo_desktop.models import Dependency, Portfolio, Project, Task
from pmo_desktop.services import crud
from pmo_desktop.services.database import open_database


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pmo_desktop", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def _plan(path: Path) -> dict[str, int]:
    """Two projects from Mon 11 May 2026: A's Design (started, 50 %) → Build; B's Audit."""
    database = open_database(str(path), create=True)
    try:
        portfolio = crud.create(database, Portfolio, name="P")
        ids: dict[str, int] = {}
        for code in ("A", "B"):
            project = crud.create(database, Project, portfolio_id=portfolio.id, code=code,
                                  name=f"Project {code}", start_date=date(2026, 5, 11))  # fmt: skip
            ids[code] = project.id
        design = crud.create(database, Task, project_id=ids["A"], name="Design",
                             duration_minutes=1440, percent_complete=50.0,
                             actual_start=datetime(2026, 5, 11, 8))  # fmt: skip
        build = crud.create(database, Task, project_id=ids["A"], name="Build",
                            duration_minutes=960)  # fmt: skip
        audit = crud.create(database, Task, project_id=ids["B"], name="Audit",
                            duration_minutes=480)  # fmt: skip
        crud.create(database, Dependency, predecessor_id=design.id, successor_id=build.id)
        return {"design": design.id, "build": build.id, "audit": audit.id}
    finally:
        database.close()


def _stored(path: Path) -> dict[int, tuple[datetime | None, datetime | None]]:
    database = open_database(str(path), create=False)
    try:
        return {row.id: (row.start, row.finish) for row in crud.list_rows(database, Task)}
    finally:
        database.close()


def test_schedule_a_database_at_a_status_date(tmp_path: Path) -> None:
    path = tmp_path / "tracked.sqlite"
    ids = _plan(path)
    plain = run("schedule", "--db", str(path))
    assert plain.returncode == 0, plain.stderr
    assert _stored(path)[ids["audit"]] == (datetime(2026, 5, 11, 8), datetime(2026, 5, 11, 17))

    tracked = run("schedule", "--db", str(path), "--status-date", "2026-05-20")

    assert tracked.returncode == 0, tracked.stderr
    assert "Stored the dates of 3 tasks" in tracked.stdout
    stored = _stored(path)
    # Work not done is planned from the working day after the status date.
    assert stored[ids["audit"]] == (datetime(2026, 5, 21, 8), datetime(2026, 5, 21, 17))
    assert stored[ids["design"]][0] == datetime(2026, 5, 11, 8)  # its actual start
    design_finish = stored[ids["design"]][1]
    assert design_finish is not None and design_finish > datetime(2026, 5, 21, 8)
    build_start = stored[ids["build"]][0]
    assert build_start is not None and build_start >= design_finish


def test_only_one_project_is_stored_at_the_status_date(tmp_path: Path) -> None:
    path = tmp_path / "one.sqlite"
    ids = _plan(path)
    assert run("schedule", "--db", str(path)).returncode == 0
    result = run("schedule", "--db", str(path), "--project", "B", "--status-date", "2026-05-20")
    assert result.returncode == 0, result.stderr
    assert "Stored the dates of 1 tasks" in result.stdout
    stored = _stored(path)
    assert stored[ids["audit"]] == (datetime(2026, 5, 21, 8), datetime(2026, 5, 21, 17))
    assert stored[ids["build"]][0] == datetime(2026, 5, 14, 8)  # project A not rewritten


def test_a_malformed_status_date_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.sqlite"
    _plan(path)
    result = run("schedule", "--db", str(path), "--status-date", "20/05/2026")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
