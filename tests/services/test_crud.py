"""CRUD services: constraints, optimistic locking, derived values, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from pmo_desktop.errors import ConflictError, NotFoundError, ValidationError
from pmo_desktop.models import (
    Assignment,
    Baseline,
    Dependency,
    LinkType,
    Portfolio,
    Programme,
    Project,
    Resource,
    Risk,
    StatusReport,
    Task,
)
from pmo_desktop.services import crud
from pmo_desktop.services.database import Database


@pytest.fixture
def project(database: Database) -> Project:
    portfolio = crud.create(database, Portfolio, name="Portfolio")
    programme = crud.create(
        database, Programme, portfolio_id=portfolio.id, code="DIG", name="Digital"
    )
    return crud.create(
        database,
        Project,
        portfolio_id=portfolio.id,
        programme_id=programme.id,
        code="CRM",
        name="CRM roll-out",
    )


def test_create_fills_identity_and_stamps(database: Database, project: Project) -> None:
    assert project.id > 0
    assert len(project.uuid) == 36
    assert project.version == 1
    assert project.created_at is not None and project.updated_at is not None
    assert project.currency == "EUR"
    stored = crud.get(database, Project, project.id)
    assert stored.name == "CRM roll-out"
    # Moments come back timezone-aware UTC on both databases.
    assert stored.created_at.utcoffset() == timedelta(0)
    assert abs(stored.created_at - datetime.now(UTC)) < timedelta(minutes=5)


def test_update_bumps_version(database: Database, project: Project) -> None:
    updated = crud.update(database, Project, project.id, project.version, name="CRM roll-out v2")
    assert updated.version == project.version + 1
    assert crud.get(database, Project, project.id).name == "CRM roll-out v2"


def test_stale_update_raises_conflict_with_both_versions(
    database: Database, project: Project
) -> None:
    theirs = crud.update(database, Project, project.id, project.version, manager="Claire Martin")

    with pytest.raises(ConflictError) as caught:
        crud.update(database, Project, project.id, project.version, manager="Paul Durand")

    conflict = caught.value
    assert conflict.mine == {"manager": "Paul Durand"}
    assert conflict.theirs is not None and conflict.theirs["manager"] == "Claire Martin"
    assert conflict.expected_version == project.version
    assert conflict.their_version == theirs.version
    assert crud.get(database, Project, project.id).manager == "Claire Martin"  # not overwritten


def test_stale_delete_is_refused(database: Database, project: Project) -> None:
    crud.update(database, Project, project.id, project.version, phase="Build")
    with pytest.raises(ConflictError):
        crud.delete(database, Project, project.id, project.version)
    assert crud.get(database, Project, project.id).phase == "Build"


def test_update_of_deleted_row_is_a_conflict(database: Database, project: Project) -> None:
    crud.delete(database, Project, project.id, project.version)
    with pytest.raises(ConflictError, match="deleted") as caught:
        crud.update(database, Project, project.id, project.version, name="Ghost")
    assert caught.value.theirs is None
    with pytest.raises(NotFoundError):
        crud.get(database, Project, project.id)


def test_unique_code_per_portfolio(database: Database, project: Project) -> None:
    with pytest.raises(ValidationError, match="Project not saved"):
        crud.create(database, Project, portfolio_id=project.portfolio_id, code="CRM", name="Dup")


def test_unknown_and_protected_fields(database: Database, project: Project) -> None:
    with pytest.raises(ValidationError, match="no field colour"):
        crud.update(database, Project, project.id, project.version, colour="blue")
    with pytest.raises(ValidationError, match="version"):
        crud.update(database, Project, project.id, project.version, version=99)


@pytest.mark.parametrize(
    ("model", "values"),
    [
        (Risk, {"code": "R1", "title": "t", "probability": 6}),
        (Risk, {"code": "R1", "title": "t", "impact_cost": 0}),
        (StatusReport, {"period_start": date(2026, 2, 1), "period_end": date(2026, 1, 1)}),
        (Baseline, {"number": 11}),
        (Task, {"name": "t", "duration_minutes": -480}),
        (Task, {"name": "t", "percent_complete": 120.0}),
    ],
)
def test_check_constraints(
    database: Database, project: Project, model: type, values: dict[str, object]
) -> None:
    owner = {"portfolio_id": project.portfolio_id} if model is Risk else {}
    with pytest.raises(ValidationError):
        crud.create(database, model, project_id=project.id, **owner, **values)


def test_foreign_keys_are_enforced(database: Database, project: Project) -> None:
    with pytest.raises(ValidationError):
        crud.create(database, Task, project_id=project.id + 1000, name="Orphan")


def test_links_refuse_self_links_and_duplicates(database: Database, project: Project) -> None:
    first = crud.create(database, Task, project_id=project.id, name="Design", duration_minutes=2400)
    second = crud.create(database, Task, project_id=project.id, name="Build", duration_minutes=4800)
    link = crud.create(
        database,
        Dependency,
        predecessor_id=first.id,
        successor_id=second.id,
        type=LinkType.SS,
        lag=-480,
    )
    assert (link.type, link.lag) == (LinkType.SS, -480)
    with pytest.raises(ValidationError):
        crud.create(database, Dependency, predecessor_id=first.id, successor_id=second.id)
    with pytest.raises(ValidationError):
        crud.create(database, Dependency, predecessor_id=first.id, successor_id=first.id)


def test_deleting_a_project_cascades(database: Database, project: Project) -> None:
    task = crud.create(database, Task, project_id=project.id, name="Task")
    resource = crud.create(
        database, Resource, portfolio_id=project.portfolio_id, code="AB", name="Ann"
    )
    crud.create(database, Assignment, task_id=task.id, resource_id=resource.id, units=0.5)
    crud.delete(database, Project, project.id, project.version)
    assert crud.list_rows(database, Task) == []
    assert crud.list_rows(database, Assignment) == []
    assert [r.name for r in crud.list_rows(database, Resource)] == ["Ann"]


def test_risk_score_is_kept_right(database: Database, project: Project) -> None:
    risk = crud.create(
        database,
        Risk,
        portfolio_id=project.portfolio_id,
        project_id=project.id,
        code="R-7",
        title="Key supplier insolvency",
        probability=3,
        impact_schedule=4,
        residual_probability=2,
        residual_impact=2,
    )
    assert (risk.score, risk.impact, risk.residual_score) == (12, 4, 4)
    risk = crud.update(database, Risk, risk.id, risk.version, impact_cost=5)
    assert risk.score == 15
    assert crud.get(database, Risk, risk.id).score == 15


def test_money_and_dates_round_trip(database: Database, project: Project) -> None:
    moment = datetime(2026, 3, 2, 8, 0)
    task = crud.create(
        database,
        Task,
        project_id=project.id,
        name="Kick-off",
        start=moment,
        finish=datetime(2026, 3, 2, 17, 0),
        fixed_cost=Decimal("1234.56"),
    )
    stored = crud.get(database, Task, task.id)
    assert stored.start == moment
    assert stored.fixed_cost == Decimal("1234.56")


def test_list_rows_filters_and_orders(database: Database, project: Project) -> None:
    for position, name in enumerate(["C", "A", "B"]):
        crud.create(database, Task, project_id=project.id, name=name, position=position)
    names = [
        t.name for t in crud.list_rows(database, Task, project_id=project.id, order_by=("name",))
    ]
    assert names == ["A", "B", "C"]
    assert crud.list_rows(database, Task, project_id=project.id + 99) == []
