"""Every entity of the domain goes through create, get, update and delete on both databases."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest

from pmo_desktop.models import (
    Assignment,
    Assumption,
    Baseline,
    BaselineTask,
    Calendar,
    CalendarException,
    CalendarExceptionInterval,
    CalendarWorkingTime,
    ChangeRequest,
    CostLine,
    Decision,
    Dependency,
    Entity,
    Issue,
    Lesson,
    Portfolio,
    Programme,
    Project,
    ProjectObjectiveScore,
    Resource,
    Risk,
    RiskAction,
    StatusReport,
    StrategicObjective,
    Task,
    User,
)
from pmo_desktop.services import crud
from pmo_desktop.services.database import Database


def build_graph(database: Database) -> dict[type[Entity], Entity]:
    """One row of every entity, each linked to the ones it needs."""
    made: dict[type[Entity], Entity] = {}

    def make(model: type[Entity], **values: Any) -> Any:
        made[model] = crud.create(database, model, **values)
        return made[model]

    calendar = make(Calendar, name="Standard (France)", country="FR")
    make(CalendarWorkingTime, calendar_id=calendar.id, weekday=0, start_minute=480, end_minute=720)
    exception = make(
        CalendarException,
        calendar_id=calendar.id,
        name="Saturday release",
        start_date=date(2026, 6, 6),
        end_date=date(2026, 6, 6),
        working=True,
    )
    make(CalendarExceptionInterval, exception_id=exception.id, start_minute=540, end_minute=780)
    portfolio = make(Portfolio, name="Groupe Hélios", calendar_id=calendar.id)
    objective = make(StrategicObjective, portfolio_id=portfolio.id, code="SO1", name="Grow")
    programme = make(Programme, portfolio_id=portfolio.id, code="ERP", name="Finance")
    project = make(
        Project, portfolio_id=portfolio.id, programme_id=programme.id, code="ERP-1", name="S/4"
    )
    make(ProjectObjectiveScore, project_id=project.id, objective_id=objective.id, score=4)
    first = make(Task, project_id=project.id, name="Design", duration_minutes=4800)
    second = crud.create(database, Task, project_id=project.id, name="Build", position=1)
    make(Dependency, predecessor_id=first.id, successor_id=second.id, lag=480)
    baseline = make(Baseline, project_id=project.id, number=0, name="Baseline")
    make(BaselineTask, baseline_id=baseline.id, task_id=first.id, duration_minutes=4800)
    resource = make(Resource, portfolio_id=portfolio.id, code="CM", name="Claire Martin")
    make(Assignment, task_id=first.id, resource_id=resource.id, units=0.5, work_minutes=2400)
    make(
        StatusReport,
        project_id=project.id,
        period_start=date(2026, 10, 1),
        period_end=date(2026, 10, 31),
    )
    make(CostLine, project_id=project.id, period=date(2026, 10, 1), budget=Decimal("1000.00"))
    owner = {"portfolio_id": portfolio.id, "project_id": project.id}
    risk = make(Risk, **owner, code="R1", title="Supplier late", probability=2, impact_cost=3)
    make(RiskAction, risk_id=risk.id, description="Weekly supplier call", owner="CM")
    make(Issue, **owner, code="I1", title="Test environment down")
    make(Assumption, **owner, code="A1", title="Key users available")
    make(Decision, **owner, code="D1", title="Go-live date", needed_by=date(2026, 12, 1))
    make(ChangeRequest, **owner, code="C1", title="Add e-invoicing", impact_cost=Decimal("5"))
    make(Lesson, portfolio_id=portfolio.id, code="L1", title="Freeze scope before build")
    make(User, username="cmartin", display_name="Claire Martin")
    return made


#: A column of each entity that an update may change, and a valid new value.
EDITABLE: dict[type[Entity], tuple[str, Any]] = {
    Calendar: ("name", "Standard (Belgique)"),
    CalendarWorkingTime: ("end_minute", 690),
    CalendarException: ("name", "Go-live weekend"),
    CalendarExceptionInterval: ("end_minute", 840),
    Portfolio: ("description", "Transformation"),
    StrategicObjective: ("name", "Grow abroad"),
    Programme: ("sponsor", "CFO"),
    Project: ("manager", "Sophie Martin"),
    ProjectObjectiveScore: ("score", 5),
    Task: ("notes", "See the design authority minutes"),
    Dependency: ("lag", -960),
    Baseline: ("name", "Re-plan after CR-1"),
    BaselineTask: ("duration_minutes", 9600),
    Resource: ("role", "Architect"),
    Assignment: ("work_minutes", 3600),
    StatusReport: ("commentary", "On track « sauf » data migration"),
    CostLine: ("forecast", Decimal("1250.75")),
    Risk: ("response_plan", "Second supplier"),
    RiskAction: ("owner", "Paul Durand"),
    Issue: ("resolution", "Environment rebuilt"),
    Assumption: ("owner", "PMO"),
    Decision: ("outcome", "Approved"),
    ChangeRequest: ("requested_by", "CFO"),
    Lesson: ("recommendation", "Freeze scope at gate 3"),
    User: ("email", "claire.martin@example.org"),
}


def test_every_entity_round_trips(database: Database) -> None:
    made = build_graph(database)
    assert set(made) == set(EDITABLE)
    for model, entity in made.items():
        field, value = EDITABLE[model]
        updated = crud.update(database, model, entity.id, entity.version, **{field: value})
        stored = crud.get(database, model, entity.id)
        assert getattr(stored, field) == value, model.__name__
        assert stored.version == updated.version == entity.version + 1
        assert stored.uuid == entity.uuid
        assert stored.updated_at >= stored.created_at


def test_every_entity_can_be_deleted(database: Database) -> None:
    made = build_graph(database)
    # Children before parents, so that no cascade removes a row before its turn.
    for model, entity in reversed(list(made.items())):
        current = crud.get(database, model, entity.id)
        crud.delete(database, model, entity.id, current.version)
        with pytest.raises(Exception, match="does not exist"):
            crud.get(database, model, entity.id)


def test_deadline_and_constraint_dates_round_trip(database: Database) -> None:
    made = build_graph(database)
    task = made[Task]
    moment = datetime(2026, 12, 18, 17, 0)
    crud.update(database, Task, task.id, task.version, deadline=moment, constraint_date=moment)
    stored = crud.get(database, Task, task.id)
    assert (stored.deadline, stored.constraint_date) == (moment, moment)
