"""Capacity planning on a hand-made portfolio: every figure counted by hand (weekdays × 8 h
× max units; assignment hours split by working days), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from pmo_desktop.errors import NotFoundError, ValidationError
from pmo_desktop.models import (
    Assignment,
    Portfolio,
    Programme,
    Project,
    ProjectStatus,
    Resource,
    ResourceKind,
    Task,
)
from pmo_desktop.services.capacity import capacity_plan
from pmo_desktop.services.database import Database

AS_OF = date(2026, 3, 4)

#: name: (kind, role, max units)
RESOURCES = {
    "Alice": (ResourceKind.PERSON, "Developer", 1.0),
    "Bob": (ResourceKind.PERSON, "Developer", 0.5),
    "Carol": (ResourceKind.PERSON, "Analyst", 1.0),
    "Testers": (ResourceKind.ROLE, "", 2.0),
    "Crane": (ResourceKind.MATERIAL, "Developer", 1.0),
}
#: (resource, project, start, finish, hours); project P is proposed.
ASSIGNMENTS = [
    ("Alice", "A", datetime(2026, 3, 2, 8), datetime(2026, 3, 13, 17), 60),
    ("Bob", "A", datetime(2026, 3, 30, 8), datetime(2026, 4, 3, 17), 40),
    ("Testers", "B", datetime(2026, 4, 6, 8), datetime(2026, 4, 17, 17), 100),
    ("Carol", "P", datetime(2026, 5, 4, 8), datetime(2026, 5, 8, 17), 40),
    ("Crane", "A", datetime(2026, 3, 2, 8), datetime(2026, 3, 6, 17), 40),
]


def _weekdays(first: date, following: date) -> int:
    days = (following - first).days
    return sum(1 for k in range(days) if (first + timedelta(days=k)).weekday() < 5)


def _month_starts(count: int) -> list[date]:
    starts = [date(2026, 3, 1)]
    while len(starts) <= count:
        last = starts[-1]
        starts.append(date(last.year + last.month // 12, last.month % 12 + 1, 1))
    return starts


def _build(database: Database) -> dict[str, int]:
    ids: dict[str, int] = {}
    with database.write_session() as session:
        portfolio = Portfolio(name="Capacity", as_of_date=AS_OF)
        session.add(portfolio)
        session.flush()
        ids["portfolio"] = portfolio.id
        programme = Programme(portfolio_id=portfolio.id, code="P1", name="Programme one")
        session.add(programme)
        session.flush()
        ids["programme"] = programme.id
        for code, programme_id, status in (
            ("A", programme.id, ProjectStatus.ACTIVE),
            ("B", None, ProjectStatus.ACTIVE),
            ("P", programme.id, ProjectStatus.PROPOSED),
        ):
            project = Project(portfolio_id=portfolio.id, programme_id=programme_id, code=code,
                              name=f"Project {code}", status=status)  # fmt: skip
            session.add(project)
            session.flush()
            ids[code] = project.id
        for name, (kind, role, units) in RESOURCES.items():
            resource = Resource(portfolio_id=portfolio.id, code=name[:3].upper(), name=name,
                                kind=kind, role=role, max_units=units)  # fmt: skip
            session.add(resource)
            session.flush()
            ids[name] = resource.id
        for number, (resource, project, start, finish, hours) in enumerate(ASSIGNMENTS):
            task = Task(project_id=ids[project], name=f"Task {number}", start=start, finish=finish)
            session.add(task)
            session.flush()
            session.add(Assignment(task_id=task.id, resource_id=ids[resource], start=start,
                                   finish=finish, work_minutes=hours * 60))  # fmt: skip
    return ids


def test_capacity_and_demand_equal_a_count_by_hand(database: Database) -> None:
    ids = _build(database)
    plan = capacity_plan(database, ids["portfolio"], AS_OF)
    starts = _month_starts(12)
    assert plan.months == tuple(starts)
    hours = [8.0 * _weekdays(starts[k], starts[k + 1]) for k in range(12)]
    by_role = {role.role: role for role in plan.roles}
    assert list(by_role) == ["Analyst", "Developer", "Testers"]  # materials never count
    developer, analyst, testers = by_role["Developer"], by_role["Analyst"], by_role["Testers"]
    assert (developer.people, developer.generic, testers.people, testers.generic) == (2, 0, 0, 1)
    for k in range(12):
        assert developer.capacity[k] == pytest.approx(1.5 * hours[k])
        assert analyst.capacity[k] == pytest.approx(hours[k])
        assert testers.capacity[k] == 0  # a generic role has no people behind it
    # Alice 60 h in March; Bob 40 h over 5 working days, 2 of them in March.
    assert developer.demand[:3] == pytest.approx((60 + 16, 24, 0))
    assert testers.demand[:2] == pytest.approx((0, 100))
    assert analyst.demand[2] == 0  # Carol works on a proposed project only
    assert sum(developer.demand) + sum(testers.demand) == pytest.approx(200)
    assert ("Testers", 1, pytest.approx(100)) in plan.shortfalls()
    assert not developer.is_short(0)

    what_if = capacity_plan(database, ids["portfolio"], AS_OF, include_proposed=True)
    assert {role.role: role for role in what_if.roles}["Analyst"].demand[2] == pytest.approx(40)

    programme = capacity_plan(database, ids["portfolio"], AS_OF, 3, programme_id=ids["programme"])
    by_role = {role.role: role for role in programme.roles}
    assert programme.month_count == 3
    assert by_role["Testers"].demand == (0, 0, 0)  # project B is outside the programme
    assert by_role["Developer"].demand == pytest.approx((76, 24, 0))


def test_capacity_plan_refusals(database: Database) -> None:
    with pytest.raises(NotFoundError):
        capacity_plan(database, 42, AS_OF)
    ids = _build(database)
    with pytest.raises(ValidationError):
        capacity_plan(database, ids["portfolio"], AS_OF, 0)
    with pytest.raises(NotFoundError):
        capacity_plan(database, ids["portfolio"], AS_OF, programme_id=999)
