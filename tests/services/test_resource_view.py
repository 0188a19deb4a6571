"""The loading grid against hours counted independently from the assignments: a hand-built
portfolio on SQLite and PostgreSQL, and the demo portfolio's totals read with plain SQL."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import text

from pmo_desktop.errors import NotFoundError, ValidationError
from pmo_desktop.models import (
    Assignment,
    Portfolio,
    Programme,
    Project,
    Resource,
    ResourceKind,
    Task,
)
from pmo_desktop.services.database import Database
from pmo_desktop.services.demo import create_demo
from pmo_desktop.services.resource_view import (
    LoadingRow,
    ResourceLoading,
    cell_assignments,
    read_resource_loading,
)

AS_OF = date(2026, 3, 4)  # a Wednesday: the grid starts on Monday 2 March
WEEKS = 6
#: The standard calendar (no calendar stored): Monday to Friday, 8-12 and 13-17.
DAY_INTERVALS = ((time(8), time(12)), (time(13), time(17)))


def at(day: date, hour: int = 8) -> datetime:
    return datetime.combine(day, time(hour))


#: (resource, project, task, start, finish, hours)
ASSIGNMENTS = [
    ("Alice", "A", "A1", at(date(2026, 3, 2)), at(date(2026, 3, 13), 17), 60),
    ("Alice", "B", "B1", at(date(2026, 3, 9)), at(date(2026, 3, 13), 17), 20),
    ("Alice", "A", "A5", at(date(2026, 3, 30), 13), at(date(2026, 3, 30), 17), 4),
    ("Alice", "A", "A4", at(date(2026, 4, 20)), at(date(2026, 4, 24), 17), 40),
    ("Bob", "A", "A2", at(date(2026, 3, 11)), at(date(2026, 3, 17), 17), 30),
    ("Carol", "B", "B2", at(date(2026, 2, 23)), at(date(2026, 3, 6), 17), 40),
    ("Testers", "A", "A3", at(date(2026, 3, 16)), at(date(2026, 3, 27), 17), 100),
    ("Eve", "B", "B3", at(date(2026, 3, 18), 10), at(date(2026, 3, 18), 10), 3),
    ("Crane", "A", "A1", at(date(2026, 3, 2)), at(date(2026, 3, 6), 17), 40),
    ("Dan", "A", "A2", at(date(2026, 3, 2)), at(date(2026, 3, 6), 17), 40),
]
#: Departments (Eve has none).
DEPARTMENTS = {"Alice": "Build", "Bob": "Run", "Carol": "Build", "Testers": "Run", "Dan": "Build"}
#: name: (kind, role, max units, active)
RESOURCES = {
    "Alice": (ResourceKind.PERSON, "Developer", 1.0, True),
    "Bob": (ResourceKind.PERSON, "Developer", 0.5, True),
    "Carol": (ResourceKind.PERSON, "Analyst", 1.0, True),
    "Testers": (ResourceKind.ROLE, "", 2.0, True),
    "Eve": (ResourceKind.PERSON, "", 1.0, True),
    "Crane": (ResourceKind.MATERIAL, "Developer", 1.0, True),
    "Dan": (ResourceKind.PERSON, "Developer", 1.0, False),
}


def _build(database: Database) -> dict[str, int]:
    ids: dict[str, int] = {}
    with database.write_session() as session:
        portfolio = Portfolio(name="Loading", as_of_date=AS_OF)
        session.add(portfolio)
        session.flush()
        ids["portfolio"] = portfolio.id
        programme = Programme(portfolio_id=portfolio.id, code="P1", name="Programme one")
        session.add(programme)
        session.flush()
        ids["P1"] = programme.id
        for code, programme_id in (("A", programme.id), ("B", None)):
            project = Project(portfolio_id=portfolio.id, programme_id=programme_id, code=code,
                              name=f"Project {code}")  # fmt: skip
            session.add(project)
            session.flush()
            ids[code] = project.id
        for name, (kind, role, units, active) in RESOURCES.items():
            resource = Resource(portfolio_id=portfolio.id, code=name[:3].upper(), name=name,
                                kind=kind, role=role, max_units=units, active=active,
                department=DEPARTMENTS.get(name, ""))  # fmt: skip
            session.add(resource)
            session.flush()
            ids[name] = resource.id
        for _, project, task, *_ in ASSIGNMENTS:
            if task not in ids:
                row = Task(project_id=ids[project], name=f"Task {task}", wbs=task)
                session.add(row)
                session.flush()
                ids[task] = row.id
        for resource, _, task, start, finish, hours in ASSIGNMENTS:
            session.add(Assignment(task_id=ids[task], resource_id=ids[resource], start=start,
                                   finish=finish, work_minutes=hours * 60))  # fmt: skip
    return ids


def _working_hours(day: date, low: datetime, high: datetime) -> float:
    """Hours of the standard day `day` inside [low, high]."""
    if day.weekday() >= 5:
        return 0.0
    total = 0.0
    for begin, end in DAY_INTERVALS:
        start = max(low, datetime.combine(day, begin))
        finish = min(high, datetime.combine(day, end))
        total += max(0.0, (finish - start).total_seconds() / 3600)
    return total


def _expected(week_starts: list[date], wanted: set[str] | None = None) -> dict[str, list[float]]:
    """Hours per resource and week: each assignment's work shared over its working hours,
    day by day (work without working time falls on its start day)."""
    load: dict[str, list[float]] = defaultdict(lambda: [0.0] * WEEKS)
    for resource, project, _, start, finish, hours in ASSIGNMENTS:
        kind, _, _, active = RESOURCES[resource]
        if kind is ResourceKind.MATERIAL or not active or (wanted and project not in wanted):
            continue
        days = [start.date() + timedelta(days=n) for n in range((finish - start).days + 1)]
        shares = {day: _working_hours(day, start, finish) for day in days}
        total = sum(shares.values())
        if total == 0:
            shares, total = {start.date(): 1.0}, 1.0
        for day, share in shares.items():
            week = (day - week_starts[0]).days // 7
            if 0 <= week < WEEKS:
                load[resource][week] += hours * share / total
    return load


@pytest.fixture
def hand(database: Database) -> tuple[Database, dict[str, int]]:
    return database, _build(database)


def _row(loading: ResourceLoading, name: str, *, role: bool = False) -> LoadingRow:
    return next(row for row in loading.rows if row.is_role == role and row.name == name)


def test_grid_equals_hours_counted_by_hand(hand: tuple[Database, dict[str, int]]) -> None:
    database, ids = hand
    loading = read_resource_loading(database, ids["portfolio"], AS_OF, "week", WEEKS)
    monday = date(2026, 3, 2)
    assert loading.boundaries == tuple(monday + timedelta(weeks=k) for k in range(WEEKS + 1))
    expected = _expected(list(loading.boundaries[:-1]))
    shown = {row.name for row in loading.rows if not row.is_role}
    assert shown == {"Alice", "Bob", "Carol", "Testers", "Eve"}
    for name in shown:
        row = _row(loading, name)
        assert row.load == pytest.approx(expected[name], abs=1e-6), name
        units = RESOURCES[name][2]
        assert row.capacity == pytest.approx([40 * units] * WEEKS), name
    # Roles in name order ("no role" last), each followed by its people in name order.
    order = [(row.is_role, row.name) for row in loading.rows]
    assert order == [
        (True, "Analyst"), (False, "Carol"),
        (True, "Developer"), (False, "Alice"), (False, "Bob"),
        (True, "Testers"), (False, "Testers"),
        (True, ""), (False, "Eve"),
    ]  # fmt: skip
    developer = _row(loading, "Developer", role=True)
    assert developer.load == pytest.approx(
        [a + b for a, b in zip(expected["Alice"], expected["Bob"], strict=True)]
    )
    assert developer.capacity == pytest.approx([60.0] * WEEKS)
    alice = _row(loading, "Alice")
    assert [alice.is_over(k) for k in range(WEEKS)] == [False, True, False, False, False, False]
    assert alice.utilisation(1) == pytest.approx(50 / 40)


def test_programme_scope_counts_its_projects_demand_only(
    hand: tuple[Database, dict[str, int]],
) -> None:
    database, ids = hand
    loading = read_resource_loading(
        database, ids["portfolio"], AS_OF, "week", WEEKS, programme_id=ids["P1"]
    )
    expected = _expected(list(loading.boundaries[:-1]), {"A"})
    for row in loading.rows:
        if not row.is_role:
            assert row.load == pytest.approx(expected.get(row.name, [0.0] * WEEKS), abs=1e-6)
            assert row.capacity == pytest.approx([40 * RESOURCES[row.name][2]] * WEEKS)
    assert set(loading.projects) == {ids["A"]}


def test_split_by_project_and_drill_down_add_up(hand: tuple[Database, dict[str, int]]) -> None:
    database, ids = hand
    loading = read_resource_loading(database, ids["portfolio"], AS_OF, "week", WEEKS)
    alice = _row(loading, "Alice")
    split = loading.demand_by_project(alice)
    assert set(split) == {ids["A"], ids["B"]}
    assert split[ids["B"]] == pytest.approx([0, 20, 0, 0, 0, 0], abs=1e-6)
    assert split[ids["A"]] == pytest.approx([30, 30, 0, 0, 4, 0], abs=1e-6)
    cell = cell_assignments(database, loading, alice, 1)
    assert [(item.task_name, item.project_name) for item in cell] == [
        ("Task A1", "Project A"),
        ("Task B1", "Project B"),
    ]
    assert [item.hours for item in cell] == pytest.approx([30, 20])
    assert sum(item.hours for item in cell) == pytest.approx(alice.load[1])
    developer = _row(loading, "Developer", role=True)
    for period in range(WEEKS):
        rows = cell_assignments(database, loading, developer, period)
        assert sum(item.hours for item in rows) == pytest.approx(developer.load[period])
        assert {item.resource_name for item in rows} <= {"Alice", "Bob"}
    eve = cell_assignments(database, loading, _row(loading, "Eve"), 2)
    assert [(item.task_id, item.hours) for item in eve] == [(ids["B3"], pytest.approx(3.0))]
    with pytest.raises(ValidationError):
        cell_assignments(database, loading, alice, WEEKS)


def test_months_and_refusals(hand: tuple[Database, dict[str, int]]) -> None:
    database, ids = hand
    loading = read_resource_loading(database, ids["portfolio"], AS_OF, "month", 2)
    assert loading.boundaries == (date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1))
    carol = _row(loading, "Carol")
    # Carol's 40 h are spread over 10 working days, 5 of them (2-6 March) in the window.
    assert carol.load[0] == pytest.approx(40 / 10 * 5)
    for k in range(2):
        first, following = loading.boundaries[k], loading.boundaries[k + 1]
        days = [first + timedelta(days=n) for n in range((following - first).days)]
        assert carol.capacity[k] == pytest.approx(8 * sum(day.weekday() < 5 for day in days))
    with pytest.raises(NotFoundError):
        read_resource_loading(database, ids["portfolio"] + 99, AS_OF)
    with pytest.raises(NotFoundError):
        read_resource_loading(database, ids["portfolio"], AS_OF, programme_id=ids["P1"] + 99)
    with pytest.raises(ValidationError):
        read_resource_loading(database, ids["portfolio"], AS_OF, "week", 0)
    with pytest.raises(ValidationError):
        read_resource_loading(database, ids["portfolio"], AS_OF, "day", 3)  # type: ignore[arg-type]


def test_demo_totals_equal_the_assignments(database: Database) -> None:
    """Over a window holding every assignment, each resource's load is all its work."""
    summary = create_demo(database.engine, as_of=date(2026, 3, 31))
    with database.engine.connect() as connection:
        first, last = connection.execute(
            text("SELECT MIN(start), MAX(finish) FROM assignments")
        ).one()
        rows = connection.execute(
            text(
                """SELECT a.resource_id, t.project_id, SUM(a.work_minutes)
                   FROM assignments a JOIN resources r ON r.id = a.resource_id
                   JOIN tasks t ON t.id = a.task_id
                   WHERE r.active AND r.kind IN ('PERSON', 'ROLE', 'person', 'role')
                     AND a.start IS NOT NULL AND a.finish IS NOT NULL
                   GROUP BY a.resource_id, t.project_id"""
            )
        ).all()
    first = first if isinstance(first, datetime) else datetime.fromisoformat(str(first))
    last = last if isinstance(last, datetime) else datetime.fromisoformat(str(last))
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    loading = read_resource_loading(database, summary.portfolio_id, first.date(), "month", months)
    expected: dict[int, float] = defaultdict(float)
    by_project: dict[tuple[int, int], float] = defaultdict(float)
    for resource_id, project_id, minutes in rows:
        expected[resource_id] += minutes / 60
        by_project[resource_id, project_id] += minutes / 60
    people = [row for row in loading.rows if not row.is_role]
    assert people and expected
    assert {row.key: sum(row.load) for row in people} == pytest.approx(
        {row.key: expected.get(int(row.key), 0.0) for row in people}
    )
    busiest = max(people, key=lambda row: sum(row.load))
    split = loading.demand_by_project(busiest)
    assert {project: sum(hours) for project, hours in split.items()} == pytest.approx(
        {project: hours for (resource, project), hours in by_project.items()
         if resource == busiest.key}
    )  # fmt: skip
    for role in (row for row in loading.rows if row.is_role):
        members = [row for row in people if row.role == role.key]
        for k in range(loading.period_count):
            assert role.load[k] == pytest.approx(sum(row.load[k] for row in members))
            assert role.capacity[k] == pytest.approx(sum(row.capacity[k] for row in members))
    period = max(range(loading.period_count), key=lambda k: busiest.load[k])
    cell = cell_assignments(database, loading, busiest, period)
    assert cell and sum(item.hours for item in cell) == pytest.approx(busiest.load[period])


def test_grouping_by_department(hand: tuple[Database, dict[str, int]]) -> None:
    database, ids = hand
    loading = read_resource_loading(
        database, ids["portfolio"], AS_OF, "week", WEEKS, group_by="department"
    )
    assert loading.group_by == "department"
    expected = _expected(list(loading.boundaries[:-1]))
    order = [(row.is_role, row.name) for row in loading.rows]
    assert order == [
        (True, "Build"), (False, "Alice"), (False, "Carol"),
        (True, "Run"), (False, "Bob"), (False, "Testers"),
        (True, ""), (False, "Eve"),
    ]  # fmt: skip
    run = _row(loading, "Run", role=True)
    assert run.load == pytest.approx(
        [a + b for a, b in zip(expected["Bob"], expected["Testers"], strict=True)], abs=1e-6
    )
    assert run.capacity == pytest.approx([40 * (0.5 + 2.0)] * WEEKS)
    cell = cell_assignments(database, loading, run, 2)
    assert {item.resource_name for item in cell} == {"Bob", "Testers"}
    assert sum(item.hours for item in cell) == pytest.approx(run.load[2])
    with pytest.raises(ValidationError):
        read_resource_loading(database, ids["portfolio"], AS_OF, group_by="team")  # type: ignore[arg-type]
