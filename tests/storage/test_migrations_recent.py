"""Migrations 0004 (risk escalation, task links and history; decision options; resource rates),
0006 (task levelling delay), 0007 (governance) and 0008 (indexes, audit protection) on an
SQLite file and on PostgreSQL: existing rows keep their data and take the defaults."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from pmo_desktop.models import (
    ComplianceSetting,
    CriterionKind,
    Decision,
    GateDecision,
    GateReview,
    MethodTemplate,
    Resource,
    ResourceRate,
    Risk,
    RiskAssessment,
    RiskLevel,
    RiskStatus,
    RiskTaskLink,
    StrategicObjective,
    Task,
)
from pmo_desktop.services.database import open_database
from pmo_desktop.storage import schema
from pmo_desktop.storage.engine import make_engine
from pmo_desktop.storage.locations import resolve_target

_ROWS = (
    "INSERT INTO portfolios (uuid, version, name, description, organisation, currency, "
    "pmo_mode, created_at, updated_at) VALUES ('p-1', 1, 'Kept', '', '', 'EUR', "
    "'controlling', '2026-01-01', '2026-01-01')",
    "INSERT INTO projects (uuid, version, portfolio_id, code, name, description, sponsor, "
    "manager, method, phase, status, budget, currency, percent_complete, priority, "
    "created_at, updated_at) VALUES ('j-1', 1, 1, 'K-1', 'Kept project', '', '', '', "
    "'waterfall', '', 'active', 0, 'EUR', 0, 500, '2026-01-01', '2026-01-01')",
    "INSERT INTO risks (uuid, version, portfolio_id, project_id, code, title, description, "
    "owner, category, cause, effect, opportunity, probability, impact_schedule, "
    "impact_cost, impact_scope, impact_quality, score, response, response_plan, status, "
    "created_at, updated_at) VALUES ('r-1', 1, 1, 1, 'R-1', 'Supplier late', '', 'Ann', "
    "'Supply', '', '', false, 4, 3, 2, 1, 1, 12, 'reduce', '', 'open', '2026-01-01', "
    "'2026-01-01')",
    "INSERT INTO decisions (uuid, version, portfolio_id, project_id, code, title, "
    "description, owner, status, decided_by, outcome, created_at, updated_at) VALUES "
    "('d-1', 1, 1, 1, 'D-1', 'Go live', '', '', 'pending', '', '', '2026-01-01', "
    "'2026-01-01')",
)


def test_upgrade_from_0003_keeps_rows_and_adds_the_new_columns_and_tables(
    db_location: str,
) -> None:
    engine = make_engine(resolve_target(db_location))
    schema.upgrade(engine, "0003")
    with engine.begin() as connection:
        for statement in _ROWS:
            connection.execute(text(statement))
    engine.dispose()

    database = open_database(db_location)
    try:
        assert database.upgraded_from == "0003"
        assert database.revision == schema.head_revision() == schema.alembic_head()
        assert schema.schema_differences(database.engine) == []
        with database.write_session() as session:
            risk = session.scalars(select(Risk)).one()
            assert (risk.title, risk.score, risk.level) == ("Supplier late", 12, RiskLevel.PROJECT)
            assert (risk.escalation_note, risk.escalated_on, risk.programme_id) == ("", None, None)
            decision = session.scalars(select(Decision)).one()
            assert (decision.title, decision.options, decision.rationale) == ("Go live", "", "")
            task = Task(project_id=risk.project_id, wbs="1", name="Deliver", outline_level=1)
            session.add(task)
            session.flush()
            session.add(RiskTaskLink(risk_id=risk.id, task_id=task.id))
            session.add(
                RiskAssessment(
                    risk_id=risk.id,
                    assessed_on=date(2026, 10, 1),
                    probability=4,
                    impact=3,
                    score=12,
                    status=RiskStatus.OPEN,
                )
            )
            resource = Resource(portfolio_id=risk.portfolio_id, code="R1", name="Ann")
            session.add(resource)
            session.flush()
            session.add(
                ResourceRate(
                    resource_id=resource.id,
                    effective_from=date(2027, 1, 1),
                    cost_rate=Decimal("95.50"),
                )
            )
        # One assessment per risk and day, one rate per resource and date.
        with pytest.raises(IntegrityError), database.write_session() as session:
            session.add(
                RiskAssessment(
                    risk_id=risk.id,
                    assessed_on=date(2026, 10, 1),
                    probability=1,
                    impact=1,
                    score=1,
                    status=RiskStatus.OPEN,
                )
            )
        with pytest.raises(IntegrityError), database.write_session() as session:
            session.execute(text("UPDATE risks SET level = 'nowhere' WHERE code = 'R-1'"))
        with database.write_session() as session:
            assert session.scalars(select(ResourceRate.cost_rate)).one() == Decimal("95.50")
            session.execute(text("DELETE FROM risks"))
            # Links and history go with their risk.
            assert session.scalars(select(RiskTaskLink)).all() == []
            assert session.scalars(select(RiskAssessment)).all() == []
    finally:
        database.close()


def test_upgrade_from_0005_gives_every_task_no_levelling_delay(db_location: str) -> None:
    """0006: the levelling delay column, 0 for existing tasks, never negative."""
    engine = make_engine(resolve_target(db_location))
    schema.upgrade(engine, "0005")
    with engine.begin() as connection:
        for statement in _ROWS[:2]:
            connection.execute(text(statement))
        connection.execute(
            text(
                "INSERT INTO tasks (uuid, version, project_id, position, wbs, outline_level, "
                "name, notes, is_summary, is_milestone, duration_minutes, work_minutes, "
                "critical, constraint_type, priority, percent_complete, fixed_cost, cost, "
                "actual_cost, created_at, updated_at) VALUES ('t-1', 1, 1, 0, '1', 1, 'Build', "
                "'', false, false, 480, 0, false, 'ASAP', 500, 0, 0, 0, 0, '2026-01-01', "
                "'2026-01-01')"
            )
        )
    engine.dispose()
    database = open_database(db_location)
    try:
        assert database.upgraded_from == "0005"
        assert schema.schema_differences(database.engine) == []
        with database.write_session() as session:
            task = session.scalars(select(Task)).one()
            assert (task.name, task.levelling_delay_minutes) == ("Build", 0)
        with pytest.raises(IntegrityError), database.write_session() as session:
            session.execute(text("UPDATE tasks SET levelling_delay_minutes = -1"))
    finally:
        database.close()


def test_upgrade_from_0006_adds_governance_and_keeps_objectives(db_location: str) -> None:
    """0007: templates, gate reviews, compliance settings; objectives become criteria."""
    engine = make_engine(resolve_target(db_location))
    schema.upgrade(engine, "0006")
    with engine.begin() as connection:
        for statement in _ROWS[:2]:
            connection.execute(text(statement))
        connection.execute(
            text(
                "INSERT INTO strategic_objectives (uuid, version, portfolio_id, code, name, "
                "description, weight, created_at, updated_at) VALUES ('o-1', 1, 1, 'GROW', "
                "'Grow', '', 2.0, '2026-01-01', '2026-01-01')"
            )
        )
    engine.dispose()
    database = open_database(db_location)
    try:
        assert database.upgraded_from == "0006"
        assert schema.schema_differences(database.engine) == []
        with database.write_session() as session:
            objective = session.scalars(select(StrategicObjective)).one()
            assert (objective.kind, objective.higher_is_better) == (CriterionKind.OBJECTIVE, True)
            project_id = session.scalars(select(Decision.project_id)).first() or 1
            session.add(MethodTemplate(code="PRINCE2", name="PRINCE2", definition={"stages": []}))
            session.add(
                GateReview(
                    project_id=project_id,
                    sequence=1,
                    name="Gate 1",
                    criteria=[{"text": "Business case approved", "met": True}],
                )
            )
            session.add(ComplianceSetting(portfolio_id=1, rule="risk-owner", enabled=False))
        with database.session() as session:
            gate = session.scalars(select(GateReview)).one()
            assert gate.decision == GateDecision.PENDING
            assert gate.criteria == [{"text": "Business case approved", "met": True}]
        with pytest.raises(IntegrityError), database.write_session() as session:
            session.add(GateReview(project_id=project_id, sequence=1, name="Twice"))
    finally:
        database.close()


def test_upgrade_from_0007_indexes_task_parents_and_protects_the_audit_trail(
    db_location: str,
) -> None:
    """0008: tasks.parent_id indexed; on SQLite, audit entries cannot be changed or deleted
    (PostgreSQL relies on GRANTs and row-level security: storage/server_roles.py)."""
    engine = make_engine(resolve_target(db_location))
    schema.upgrade(engine, "0007")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO audit_entries (at, user_name, action, entity, entity_id, "
                "entity_uuid) VALUES ('2026-01-01', 'ann', 'insert', 'risks', 1, 'r-1')"
            )
        )
    engine.dispose()
    database = open_database(db_location)
    try:
        assert database.upgraded_from == "0007"
        assert schema.schema_differences(database.engine) == []
        with database.session() as session:
            indexes = {
                index["name"] for index in inspect(session.connection()).get_indexes("tasks")
            }
        assert "ix_tasks_parent_id" in indexes
        if database.is_sqlite:
            for statement in (
                "UPDATE audit_entries SET user_name = 'x'",
                "DELETE FROM audit_entries",
            ):
                refused = pytest.raises(IntegrityError, match="audit entries cannot be")
                with refused, database.write_session() as session:
                    session.execute(text(statement))
        with database.session() as session:
            assert session.execute(text("SELECT user_name FROM audit_entries")).scalars().all() == [
                "ann"
            ]
    finally:
        database.close()
