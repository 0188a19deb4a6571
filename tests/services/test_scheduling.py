"""Rescheduling a stored portfolio: the plan read from the database, the dates written back."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from pmo_desktop.models import (
    Assignment,
    Calendar,
    CalendarException,
    CalendarWorkingTime,
    Dependency,
    LinkType,
    Portfolio,
    Project,
    Resource,
    Task,
)
from pmo_desktop.services import crud
from pmo_desktop.services.database import Database
from pmo_desktop.services.demo import create_demo
from pmo_desktop.services.scheduling import PlanError, load_plan, reschedule

AS_OF = date(2026, 10, 30)


@pytest.fixture
def small_plan(database: Database) -> dict[str, int]:
    calendar = crud.create(database, Calendar, name="France")
    for weekday in range(5):
        for start, end in ((480, 720), (780, 1020)):
            crud.create(
                database,
                CalendarWorkingTime,
                calendar_id=calendar.id,
                weekday=weekday,
                start_minute=start,
                end_minute=end,
            )
    crud.create(
        database,
        CalendarException,
        calendar_id=calendar.id,
        name="Ascension",
        start_date=date(2026, 5, 14),
        end_date=date(2026, 5, 14),
    )
    portfolio = crud.create(database, Portfolio, name="P", calendar_id=calendar.id)
    project = crud.create(
        database,
        Project,
        portfolio_id=portfolio.id,
        code="A",
        name="Alpha",
        start_date=date(2026, 5, 11),
    )
    design = crud.create(
        database, Task, project_id=project.id, name="Design", duration_minutes=1440
    )
    build = crud.create(database, Task, project_id=project.id, name="Build", duration_minutes=960)
    crud.create(database, Dependency, predecessor_id=design.id, successor_id=build.id)
    person = crud.create(database, Resource, portfolio_id=portfolio.id, code="AM", name="Ann")
    crud.create(database, Assignment, task_id=build.id, resource_id=person.id)
    return {"portfolio": portfolio.id, "design": design.id, "build": build.id}


def test_dates_are_stored_with_the_calendar_and_a_new_version(
    database: Database, small_plan: dict[str, int]
) -> None:
    before = crud.get(database, Task, small_plan["build"])

    summary = reschedule(database, small_plan["portfolio"])

    assert (summary.tasks, summary.stored) == (2, 2)
    design = crud.get(database, Task, small_plan["design"])
    build = crud.get(database, Task, small_plan["build"])
    # Mon 11 May + 3 days, Thursday 14 May (Ascension) off: Design ends Wed 13, Build
    # starts Fri 15 and ends Mon 18 May.
    assert (design.start, design.finish) == (datetime(2026, 5, 11, 8), datetime(2026, 5, 13, 17))
    assert (build.start, build.finish) == (datetime(2026, 5, 15, 8), datetime(2026, 5, 18, 17))
    assert build.critical and build.total_slack_minutes == 0
    assert build.version == before.version + 1
    assignment = crud.list_rows(database, Assignment)[0]
    assert (assignment.start, assignment.finish) == (build.start, build.finish)


def test_a_resource_on_a_calendar_of_its_own_places_its_task(
    database: Database, small_plan: dict[str, int]
) -> None:
    four_days = crud.create(database, Calendar, name="Four days")
    for weekday in range(4):
        for start, end in ((480, 720), (780, 1020)):
            crud.create(database, CalendarWorkingTime, calendar_id=four_days.id,
                        weekday=weekday, start_minute=start, end_minute=end)  # fmt: skip
    crud.create(database, CalendarException, calendar_id=four_days.id, name="Ascension",
                start_date=date(2026, 5, 14), end_date=date(2026, 5, 14))  # fmt: skip
    ann = crud.list_rows(database, Resource)[0]
    crud.update(database, Resource, ann.id, ann.version, calendar_id=four_days.id)
    with database.session() as session:
        plan = load_plan(session, small_plan["portfolio"])
    build = next(task for task in plan.tasks if task.id == small_plan["build"])
    assert [span.calendar for span in build.spans] == [f"calendar-{four_days.id}"]

    reschedule(database, small_plan["portfolio"])

    # Ann works Monday to Thursday: Thursday 14 (Ascension) and Friday 15 off, Build takes
    # Monday 18 and Tuesday 19 May.
    build_row = crud.get(database, Task, small_plan["build"])
    assert (build_row.start, build_row.finish) == (
        datetime(2026, 5, 18, 8),
        datetime(2026, 5, 19, 17),
    )


def test_a_loop_is_refused_and_nothing_is_stored(
    database: Database, small_plan: dict[str, int]
) -> None:
    crud.create(
        database,
        Dependency,
        predecessor_id=small_plan["build"],
        successor_id=small_plan["design"],
        type=LinkType.SS,
    )
    with pytest.raises(PlanError, match="loop"):
        reschedule(database, small_plan["portfolio"])
    assert crud.get(database, Task, small_plan["build"]).start is None


def test_the_demo_portfolio_reschedules_consistently(database: Database) -> None:
    create_demo(database.write_engine, as_of=AS_OF)
    with database.session() as session:
        plan = load_plan(session, 1)
    summary = reschedule(database, 1)
    assert summary.stored == len(plan.tasks) > 1000
    with database.session() as session:
        tasks = {task.id: task for task in session.scalars(select(Task))}
        links = list(session.scalars(select(Dependency)))
    for link in links:
        before, after = tasks[link.predecessor_id], tasks[link.successor_id]
        if link.type is LinkType.FS and link.lag >= 0 and not after.actual_start:
            assert after.start >= before.finish, (before.name, after.name)
    children: dict[int, list[Task]] = {}
    for task in tasks.values():
        if task.parent_id is not None:
            children.setdefault(task.parent_id, []).append(task)
    for parent_id, kids in children.items():
        parent = tasks[parent_id]
        assert parent.start == min(kid.start for kid in kids)
        assert parent.finish == max(kid.finish for kid in kids)
