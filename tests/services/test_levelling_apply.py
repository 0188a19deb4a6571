"""Levelling a stored portfolio as the GUI does it: plan, apply as one command, undo, redo.
Over-allocations are re-counted from the stored assignments with plain SQL, not with the
service's own sweep."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

import pytest
from sqlalchemy import text

from pmo_desktop.errors import NotFoundError, ValidationError
from pmo_desktop.models import Assignment, Portfolio, Project, Resource, Task
from pmo_desktop.services.database import Database
from pmo_desktop.services.demo import create_demo
from pmo_desktop.services.levelling import LevellingOptions, plan_levelling
from pmo_desktop.services.scheduling import reschedule

AS_OF = date(2026, 10, 30)
Dates = dict[int, tuple[datetime, datetime]]


def _demo(database: Database) -> Database:
    create_demo(database.write_engine, as_of=AS_OF)
    reschedule(database, 1)
    return database


def _moment(value: datetime | str) -> datetime:
    """Raw SQL on SQLite returns text."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _dates(database: Database, table: str) -> Dates:
    with database.session() as session:
        rows = session.execute(text(f"SELECT id, start, finish FROM {table}"))
        return {row[0]: (_moment(row[1]), _moment(row[2])) for row in rows if row[1]}


def _over_allocated(database: Database) -> set[tuple[int, datetime]]:
    """(resource, moment) where the units of the assignments running then exceed the
    resource's max units, checked at every assignment start."""
    with database.session() as session:
        rows = session.execute(
            text(
                "SELECT a.resource_id, a.start, a.finish, a.units, r.max_units "
                "FROM assignments a JOIN resources r ON r.id = a.resource_id "
                "WHERE r.kind <> 'material' AND a.units > 0 AND a.finish > a.start"
            )
        ).all()
    by_resource: dict[int, list[tuple[datetime, datetime, float, float]]] = defaultdict(list)
    for resource, start, finish, units, max_units in rows:
        by_resource[resource].append((_moment(start), _moment(finish), units, max_units))
    found: set[tuple[int, datetime]] = set()
    for resource, spans in by_resource.items():
        for moment, _, _, max_units in spans:
            running = sum(units for start, finish, units, _ in spans if start <= moment < finish)
            if running > max_units + 1e-6:
                found.add((resource, moment))
    return found


def _project_finishes(database: Database) -> dict[int, datetime]:
    with database.session() as session:
        rows = session.execute(
            text("SELECT project_id, MAX(finish) FROM tasks GROUP BY project_id")
        )
        return {row[0]: _moment(row[1]) for row in rows}


def test_apply_removes_what_it_claims_and_undo_restores_exactly(database: Database) -> None:
    _demo(database)
    tasks_before, assignments_before = _dates(database, "tasks"), _dates(database, "assignments")
    over_before = _over_allocated(database)
    plan = plan_levelling(database, 1, LevellingOptions(time_limit_s=1.0))
    assert plan.moves and not plan.cancelled
    assert {resource for resource, _ in over_before} == plan.over_allocated_resources(after=False)
    assert len(plan.over_after) < len(plan.over_before)
    for move in plan.moves:
        assert move.levelled_start > move.start and move.delay_days > 0

    command = plan.command()
    command.apply(database)
    over_after = _over_allocated(database)
    claimed_after = plan.over_allocated_resources(after=True)
    # Every resource the plan says is levelled is free now; the rest are the ones it named.
    assert {resource for resource, _ in over_after} == claimed_after
    for item in plan.over_after:
        assert any(r == item.resource_id and item.start <= m < item.finish for r, m in over_after)
    stored = _dates(database, "tasks")
    for move in plan.moves:
        assert stored[move.task_id] == (move.levelled_start, move.levelled_finish)

    command.revert(database)
    assert _dates(database, "tasks") == tasks_before
    assert _dates(database, "assignments") == assignments_before
    assert _over_allocated(database) == over_before

    command.apply(database)  # redo
    assert _dates(database, "tasks") == stored
    assert {resource for resource, _ in _over_allocated(database)} == claimed_after


def test_within_slack_never_moves_a_project_finish(database: Database) -> None:
    _demo(database)
    finishes = _project_finishes(database)
    plan = plan_levelling(database, 1, LevellingOptions(within_slack=True, time_limit_s=0.5))
    assert all(slip.slip_days == 0 for slip in plan.projects)
    plan.command().apply(database)
    assert _project_finishes(database) == finishes


def _small_plan(database: Database) -> int:
    """One project: A1 (5 days) and A3 (2 days) both need R full time; A2 (10 days) has no
    resource and sets the finish, so A1 and A3 have slack."""
    with database.write_session() as session:
        portfolio = Portfolio(name="Slack", as_of_date=date(2026, 3, 2))
        session.add(portfolio)
        session.flush()
        project = Project(portfolio_id=portfolio.id, code="S", name="Slack",
                          start_date=date(2026, 3, 2))  # fmt: skip
        resource = Resource(portfolio_id=portfolio.id, code="R", name="R", max_units=1.0)
        session.add_all([project, resource])
        session.flush()
        for name, days, assigned in (("A1", 5, True), ("A2", 10, False), ("A3", 2, True)):
            task = Task(project_id=project.id, name=name, duration_minutes=days * 480)
            session.add(task)
            session.flush()
            if assigned:
                session.add(Assignment(task_id=task.id, resource_id=resource.id, units=1.0,
                                       work_minutes=days * 480))  # fmt: skip
        portfolio_id = portfolio.id
    reschedule(database, portfolio_id)
    return portfolio_id


def test_within_slack_delays_inside_the_slack_only(database: Database) -> None:
    portfolio_id = _small_plan(database)
    finishes = _project_finishes(database)
    assert _over_allocated(database)
    plan = plan_levelling(database, portfolio_id, LevellingOptions(within_slack=True))
    assert len(plan.moves) == 1 and plan.moves[0].delay_days in (2, 5)
    assert plan.over_before and not plan.over_after
    plan.command().apply(database)
    assert _project_finishes(database) == finishes
    assert not _over_allocated(database)


def test_scope_and_date_range_limit_what_moves(database: Database) -> None:
    _demo(database)
    with database.session() as session:
        programme = session.execute(text("SELECT MIN(programme_id) FROM projects")).scalar_one()
        members = set(
            session.scalars(
                text("SELECT id FROM projects WHERE programme_id = :p"), {"p": programme}
            )
        )
    plan = plan_levelling(
        database, 1, LevellingOptions(scope="programme", scope_id=programme, time_limit_s=0.5)
    )
    assert {move.project_id for move in plan.moves} <= members
    assert {slip.project_id for slip in plan.projects} == members
    whole = plan_levelling(database, 1, LevellingOptions(time_limit_s=0.5))
    first = min(move.start for move in whole.moves).date()
    ranged = plan_levelling(
        database, 1, LevellingOptions(range_start=first, range_finish=first, time_limit_s=0.5)
    )
    assert all(move.start.date() == first for move in ranged.moves)


def test_bad_levelling_options(database: Database) -> None:
    with pytest.raises(NotFoundError):
        plan_levelling(database, 99)
    _demo(database)
    with pytest.raises(ValidationError):
        plan_levelling(database, 1, LevellingOptions(time_limit_s=0))
    with pytest.raises(ValidationError):
        plan_levelling(
            database,
            1,
            LevellingOptions(range_start=date(2027, 1, 2), range_finish=date(2027, 1, 1)),
        )
    with pytest.raises(NotFoundError):
        plan_levelling(database, 1, LevellingOptions(scope="project", scope_id=9999))
