"""`reschedule(..., status_date=D)`: a stored portfolio scheduled at a status date, on
SQLite and PostgreSQL (MPXJ ignores status dates: the dates are hand-computed)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from pmo_desktop.models import Dependency, Portfolio, Project, Task
from pmo_desktop.services import crud
from pmo_desktop.services.database import Database
from pmo_desktop.services.scheduling import load_plan, reschedule, status_moment


@pytest.fixture
def tracked_plan(database: Database) -> dict[str, int]:
    """Mon 11 May 2026: Design (3 d, started on time, 50 % done) → Build (2 d), and Test
    (1 d, not started, no link)."""
    portfolio = crud.create(database, Portfolio, name="P")
    project = crud.create(database, Project, portfolio_id=portfolio.id, code="A", name="Alpha",
                          start_date=date(2026, 5, 11))  # fmt: skip
    design = crud.create(database, Task, project_id=project.id, name="Design",
                         duration_minutes=1440, percent_complete=50.0,
                         actual_start=datetime(2026, 5, 11, 8))  # fmt: skip
    build = crud.create(database, Task, project_id=project.id, name="Build", duration_minutes=960)
    check = crud.create(database, Task, project_id=project.id, name="Test", duration_minutes=480)
    crud.create(database, Dependency, predecessor_id=design.id, successor_id=build.id)
    return {"portfolio": portfolio.id, "design": design.id, "build": build.id, "test": check.id}


def _dates(database: Database, task_id: int) -> tuple[datetime | None, datetime | None]:
    row = crud.get(database, Task, task_id)
    return row.start, row.finish


def test_work_not_done_waits_for_the_status_date(
    database: Database, tracked_plan: dict[str, int]
) -> None:
    reschedule(database, tracked_plan["portfolio"])
    assert _dates(database, tracked_plan["test"]) == (
        datetime(2026, 5, 11, 8), datetime(2026, 5, 11, 17))  # fmt: skip

    summary = reschedule(database, tracked_plan["portfolio"], status_date=date(2026, 5, 20))

    assert summary.stored == 3
    # Nothing recorded after Design's first day and a half: its other half and every task
    # not started are planned from Thursday 21 May, the working day after the status date.
    assert _dates(database, tracked_plan["test"]) == (
        datetime(2026, 5, 21, 8), datetime(2026, 5, 21, 17))  # fmt: skip
    design_start, design_finish = _dates(database, tracked_plan["design"])
    assert design_start == datetime(2026, 5, 11, 8)  # the actual start stays
    assert design_finish is not None and design_finish > datetime(2026, 5, 21, 8)
    build_start, _ = _dates(database, tracked_plan["build"])
    assert build_start is not None and build_start >= design_finish


def test_stored_dates_at_the_status_date_hand_computed(
    database: Database, tracked_plan: dict[str, int]
) -> None:
    # MPXJ ignores the status date (see test_progress.py): hand-computed. Design's first
    # half (1.5 d) ran Mon 11 08:00 - Tue 12 12:00; its other half (720 min) runs from Thu
    # 21 08:00 to Fri 22 12:00; Build (2 d) follows to Tue 26 May 12:00.
    reschedule(database, tracked_plan["portfolio"], status_date=date(2026, 5, 20))
    with database.session() as session:
        plan = load_plan(session, tracked_plan["portfolio"])
    assert status_moment(plan.calendar, date(2026, 5, 20), plan.start.date()) == datetime(
        2026, 5, 20, 17)  # fmt: skip
    assert _dates(database, tracked_plan["design"]) == (
        datetime(2026, 5, 11, 8), datetime(2026, 5, 22, 12))  # fmt: skip
    assert _dates(database, tracked_plan["build"]) == (
        datetime(2026, 5, 22, 13), datetime(2026, 5, 26, 12))  # fmt: skip
    build = crud.get(database, Task, tracked_plan["build"])
    assert build.critical and build.total_slack_minutes == 0
    check = crud.get(database, Task, tracked_plan["test"])
    assert not check.critical and check.total_slack_minutes > 0
