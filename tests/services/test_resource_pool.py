"""The resource pool service on SQLite files and PostgreSQL: rows, edits, rates, vacations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from pmo_desktop.errors import ConflictError, ValidationError
from pmo_desktop.models import (
    Assignment,
    Calendar,
    CalendarException,
    CalendarWorkingTime,
    Portfolio,
    Project,
    Resource,
    ResourceKind,
    ResourceRate,
    Task,
)
from pmo_desktop.services import crud
from pmo_desktop.services.database import Database
from pmo_desktop.services.resource_pool import (
    PoolRow,
    delete_resource,
    edit_resource,
    load_pool,
    load_rates,
    new_resource,
    rate_on,
    resource_assignments,
    set_active,
)
from pmo_desktop.services.resource_pool_calendar import (
    add_vacation,
    list_vacations,
    remove_vacation,
)
from pmo_desktop.services.resource_pool_rates import (
    add_rate,
    edit_rate,
    edit_resource_with_costs,
    remove_rate,
)
from pmo_desktop.services.resource_view import read_resource_loading

AS_OF = date(2026, 3, 2)  # a Monday
HOLIDAY = date(2026, 3, 20)


@dataclass
class Pool:
    portfolio_id: int
    calendar_id: int
    anna: int
    bob: int
    tester: int
    assignment: int


def _build(database: Database) -> Pool:
    calendar = crud.create(database, Calendar, name="Standard")
    for weekday in range(5):
        for start, end in ((480, 720), (780, 1020)):
            crud.create(
                database, CalendarWorkingTime, calendar_id=calendar.id, weekday=weekday,
                start_minute=start, end_minute=end,
            )  # fmt: skip
    crud.create(
        database, CalendarException, calendar_id=calendar.id, name="Holiday",
        start_date=HOLIDAY, end_date=HOLIDAY, working=False,
    )  # fmt: skip
    portfolio = crud.create(
        database, Portfolio, name="Pool", currency="EUR", calendar_id=calendar.id, as_of_date=AS_OF
    )
    alpha = crud.create(database, Project, portfolio_id=portfolio.id, code="ALP", name="Alpha")
    beta = crud.create(database, Project, portfolio_id=portfolio.id, code="BET", name="Beta")
    people = {}
    for code, name, role, rate in (
        ("R-001", "Anna Weber", "Analyst", "50"),
        ("R-002", "Bob Stone", "Developer", "60"),
        ("R-003", "Tester pool", "Tester", "40"),
    ):
        people[code] = crud.create(
            database, Resource, portfolio_id=portfolio.id, code=code, name=name, role=role,
            department="IT", cost_rate=Decimal(rate), calendar_id=calendar.id,
            kind=ResourceKind.ROLE if code == "R-003" else ResourceKind.PERSON,
        ).id  # fmt: skip
    first = crud.create(database, Task, project_id=alpha.id, name="Analyse")
    second = crud.create(database, Task, project_id=beta.id, name="Specify")
    # Anna: Mon 2 to Fri 6 March, 40 h; Mon 9 to Fri 13 March, 20 h (half time).
    assignment = crud.create(
        database, Assignment, task_id=first.id, resource_id=people["R-001"], units=1.0,
        work_minutes=2400, start=datetime(2026, 3, 2, 8), finish=datetime(2026, 3, 6, 17),
        cost=Decimal("2000"),
    )  # fmt: skip
    crud.create(
        database, Assignment, task_id=second.id, resource_id=people["R-001"], units=0.5,
        work_minutes=1200, start=datetime(2026, 3, 9, 8), finish=datetime(2026, 3, 13, 17),
        cost=Decimal("1000"),
    )  # fmt: skip
    return Pool(
        portfolio.id, calendar.id, people["R-001"], people["R-002"], people["R-003"], assignment.id
    )


def _row(database: Database, pool: Pool, resource_id: int, as_of: date = AS_OF) -> PoolRow:
    return next(
        row for row in load_pool(database, pool.portfolio_id, as_of).rows if row.id == resource_id
    )


def _cost(database: Database, assignment_id: int) -> Decimal:
    return crud.get(database, Assignment, assignment_id).cost


def test_the_pool_lists_every_resource_with_who_works_where(database: Database) -> None:
    pool = _build(database)
    listed = load_pool(database, pool.portfolio_id, AS_OF)
    assert [row.code for row in listed.rows] == ["R-001", "R-002", "R-003"]
    anna = listed.rows[0]
    assert (anna.name, anna.role, anna.department, anna.calendar_name) == (
        "Anna Weber", "Analyst", "IT", "Standard",
    )  # fmt: skip
    assert (anna.assignment_count, anna.project_count, anna.projects) == (2, 2, ("ALP", "BET"))
    assert listed.rows[1].assignment_count == 0 and listed.rows[1].projects == ()
    assert anna.current_rate == Decimal("50")
    assert (pool.calendar_id, "Standard") in listed.calendars
    where = resource_assignments(database, pool.anna)
    assert [(row.project_code, row.task_name, row.units, row.work_minutes) for row in where] == [
        ("ALP", "Analyse", 1.0, 2400),
        ("BET", "Specify", 0.5, 1200),
    ]


def test_create_edit_and_validation(database: Database) -> None:
    pool = _build(database)
    create = new_resource(database, pool.portfolio_id, name=" Carla Diaz ", role="PMO")
    create.apply(database)
    carla = _row(database, pool, create.entity_id or 0)
    assert (carla.code, carla.name, carla.kind, carla.currency, carla.active) == (
        "R-004", "Carla Diaz", ResourceKind.PERSON, "EUR", True,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="already used by Anna Weber"):
        new_resource(database, pool.portfolio_id, code="r-001", name="Copy")
    with pytest.raises(ValidationError, match="already used by Bob Stone"):
        edit_resource(database, carla, code="R-002")
    with pytest.raises(ValidationError, match="maximum units cannot be negative"):
        edit_resource(database, carla, max_units=-0.5)
    with pytest.raises(ValidationError, match="cost rate cannot be negative"):
        edit_resource(database, carla, cost_rate="-1")
    with pytest.raises(ValidationError, match="not an e-mail address"):
        edit_resource(database, carla, email="carla at example")
    with pytest.raises(ValidationError, match="needs a name"):
        edit_resource(database, carla, name="  ")
    edit = edit_resource(database, carla, max_units=0.8, department="PMO office", email="c@x.org")
    edit.apply(database)
    assert crud.get(database, Resource, carla.id).max_units == 0.8
    edit.revert(database)
    assert crud.get(database, Resource, carla.id).department == ""
    create.revert(database)
    assert [row.code for row in load_pool(database, pool.portfolio_id, AS_OF).rows][-1] == "R-003"


def test_a_resource_with_assignments_is_deactivated_not_deleted(database: Database) -> None:
    pool = _build(database)
    anna = _row(database, pool, pool.anna)
    with pytest.raises(ValidationError, match=r"has 2 assignments .* deactivate the resource"):
        delete_resource(database, anna)
    deactivate = set_active(anna, False)
    deactivate.apply(database)
    assert not _row(database, pool, pool.anna).active
    deactivate.revert(database)
    assert _row(database, pool, pool.anna).active
    bob = _row(database, pool, pool.bob)
    add_rate(database, bob, date(2026, 6, 1), cost_rate="70").apply(database)
    delete = delete_resource(database, _row(database, pool, pool.bob))
    delete.apply(database)
    assert pool.bob not in {row.id for row in load_pool(database, pool.portfolio_id, AS_OF).rows}
    delete.revert(database)
    assert [rate.cost_rate for rate in load_rates(database, pool.bob)] == [Decimal("70.00")]


def test_rate_on_takes_the_latest_row_on_or_before_the_day() -> None:
    resource = Resource(cost_rate=Decimal(50), overtime_rate=Decimal(0), cost_per_use=Decimal(5))
    rates = [
        ResourceRate(effective_from=date(2026, 7, 1), cost_rate=Decimal(70),
                     overtime_rate=Decimal(0), cost_per_use=Decimal(0)),
        ResourceRate(effective_from=date(2026, 4, 1), cost_rate=Decimal(60),
                     overtime_rate=Decimal(0), cost_per_use=Decimal(1)),
    ]  # fmt: skip
    assert rate_on(resource, rates, date(2026, 3, 31)) == (Decimal(50), Decimal(0), Decimal(5))
    assert rate_on(resource, rates, date(2026, 4, 1))[0] == Decimal(60)
    assert rate_on(resource, rates, date(2026, 6, 30))[0] == Decimal(60)
    assert rate_on(resource, rates, date(2027, 1, 1))[0] == Decimal(70)


def test_a_rate_change_re_costs_the_assignments_like_a_hand_computation(
    database: Database,
) -> None:
    pool = _build(database)
    anna = _row(database, pool, pool.anna)
    # 80 €/h from Wednesday 4 March: Mon–Tue 16 h at 50 + Wed–Fri 24 h at 80 = 2,720;
    # the half-time week of 9 March: 20 h at 80 = 1,600.
    change = add_rate(database, anna, date(2026, 3, 4), cost_rate="80")
    change.apply(database)
    assert _cost(database, pool.assignment) == Decimal("2720.00")
    assignments = resource_assignments(database, pool.anna)
    assert [row.cost for row in assignments] == [Decimal("2720.00"), Decimal("1600.00")]
    assert _row(database, pool, pool.anna, date(2026, 3, 4)).current_rate == Decimal("80.00")
    # A cost per use of 25 from the standard rates (in force on 2 March, the start day).
    standard = edit_resource_with_costs(database, _row(database, pool, pool.anna), cost_per_use=25)
    assert standard is not None
    standard.apply(database)
    assert _cost(database, pool.assignment) == Decimal("2745.00")
    rate = load_rates(database, pool.anna)[0]
    moved = edit_rate(
        database, _row(database, pool, pool.anna), rate, effective_from=date(2026, 3, 6)
    )
    assert moved is not None
    moved.apply(database)  # Mon–Thu 32 h at 50 + Fri 8 h at 80 + 25 = 2,265
    assert _cost(database, pool.assignment) == Decimal("2265.00")
    with pytest.raises(ValidationError, match="already has rates from 2026-03-06"):
        add_rate(database, _row(database, pool, pool.anna), date(2026, 3, 6), cost_rate="1")
    with pytest.raises(ValidationError, match="cannot be negative"):
        add_rate(database, _row(database, pool, pool.anna), date(2026, 5, 1), cost_rate="-3")
    removed = remove_rate(
        database, _row(database, pool, pool.anna), load_rates(database, pool.anna)[0]
    )
    removed.apply(database)
    assert _cost(database, pool.assignment) == Decimal("2025.00")
    for command in (removed, moved, standard, change):
        command.revert(database)
    assert _cost(database, pool.assignment) == Decimal("2000")
    assert load_rates(database, pool.anna) == []


def _capacity(database: Database, pool: Pool, resource_id: int) -> tuple[float, ...]:
    loading = read_resource_loading(database, pool.portfolio_id, AS_OF, "week", 4)
    return next(row.capacity for row in loading.rows if row.key == resource_id)


def test_a_vacation_gives_its_own_calendar_and_removes_capacity(database: Database) -> None:
    pool = _build(database)
    # Weeks of 2, 9, 16 (Friday 20 is a holiday) and 23 March.
    assert _capacity(database, pool, pool.anna) == (40.0, 40.0, 32.0, 40.0)
    vacation = add_vacation(database, pool.anna, date(2026, 3, 10), date(2026, 3, 12), "Ski")
    vacation.apply(database)
    assert _capacity(database, pool, pool.anna) == (40.0, 16.0, 32.0, 40.0)
    assert _capacity(database, pool, pool.bob) == (40.0, 40.0, 32.0, 40.0)
    with database.session() as session:
        own = session.get(Calendar, session.get(Resource, pool.anna).calendar_id)
        assert own is not None and own.id != pool.calendar_id
        assert (own.name, own.base_calendar_id) == ("R-001 Anna Weber", pool.calendar_id)
        holidays = session.scalars(
            select(CalendarException.start_date).where(CalendarException.calendar_id == own.id)
        ).all()
    assert sorted(holidays) == [date(2026, 3, 10), HOLIDAY]
    listed = list_vacations(database, pool.anna)
    assert [(row.name, row.start_date, row.days) for row in listed] == [
        ("Ski", date(2026, 3, 10), 3)
    ]
    with pytest.raises(ValidationError, match="overlaps the vacation from 2026-03-10"):
        add_vacation(database, pool.anna, date(2026, 3, 12), date(2026, 3, 13))
    with pytest.raises(ValidationError, match="cannot end before"):
        add_vacation(database, pool.anna, date(2026, 3, 12), date(2026, 3, 11))
    second = add_vacation(database, pool.anna, date(2026, 3, 23), date(2026, 3, 23))
    second.apply(database)  # the own calendar takes it: no second copy
    assert _capacity(database, pool, pool.anna) == (40.0, 16.0, 32.0, 32.0)
    with database.session() as session:
        assert (
            session.scalar(select(Resource.calendar_id).where(Resource.id == pool.anna)) == own.id
        )
    second.revert(database)
    vacation.revert(database)
    assert _capacity(database, pool, pool.anna) == (40.0, 40.0, 32.0, 40.0)
    assert crud.get(database, Resource, pool.anna).calendar_id == pool.calendar_id
    assert list_vacations(database, pool.anna) == []
    vacation.apply(database)  # redo: the same calendar and exception come back
    assert crud.get(database, Resource, pool.anna).calendar_id == own.id
    assert [row.id for row in list_vacations(database, pool.anna)] == [listed[0].id]
    remove = remove_vacation(list_vacations(database, pool.anna)[0])
    remove.apply(database)
    assert _capacity(database, pool, pool.anna) == (40.0, 40.0, 32.0, 40.0)
    remove.revert(database)
    assert _capacity(database, pool, pool.anna)[1] == 16.0


def test_costing_spreads_work_on_the_resource_calendar(database: Database) -> None:
    """Costing spreads work on the resource's calendar: with a rate change mid-week, a
    vacation on the cheap days moves the whole work onto the expensive ones."""
    pool = _build(database)
    add_vacation(database, pool.anna, date(2026, 3, 2), date(2026, 3, 3)).apply(database)
    add_rate(database, _row(database, pool, pool.anna), date(2026, 3, 4), cost_rate="80").apply(
        database
    )
    assert _cost(database, pool.assignment) == Decimal("3200.00")  # 40 h at 80


def test_materials_have_no_vacations(database: Database) -> None:
    pool = _build(database)
    edit_resource(database, _row(database, pool, pool.bob), kind="material").apply(database)
    with pytest.raises(ValidationError, match="material"):
        add_vacation(database, pool.bob, date(2026, 3, 2), date(2026, 3, 3))


def test_re_costing_refuses_assignments_changed_by_someone_else(database: Database) -> None:
    pool = _build(database)
    change = add_rate(database, _row(database, pool, pool.anna), date(2026, 3, 4), cost_rate="80")
    other = crud.get(database, Assignment, pool.assignment)
    crud.update(database, Assignment, other.id, other.version, units=0.9)  # another user
    with pytest.raises(ConflictError):
        change.apply(database)
    assert _cost(database, pool.assignment) == Decimal("2000")
    assert load_rates(database, pool.anna) == []
