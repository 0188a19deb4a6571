"""The audit trail on SQLite files and PostgreSQL: a row per committed ORM change, in the
change's own transaction, JSON-safe, without the scheduler's noise; import summaries; the
database privileges that keep application roles from editing the trail."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from pmo_desktop.models import (
    AuditAction,
    AuditEntry,
    Dependency,
    Method,
    Portfolio,
    Project,
    Risk,
    RiskAction,
    Task,
)
from pmo_desktop.services import crud
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.services.scheduling import reschedule
from pmo_desktop.storage import audit


def _entries(database: Database, entity: str | None = None) -> list[AuditEntry]:
    statement = select(AuditEntry).order_by(AuditEntry.id)
    if entity is not None:
        statement = statement.where(AuditEntry.entity == entity)
    with database.session() as session:
        return list(session.scalars(statement))


def _project(database: Database) -> tuple[Portfolio, Project]:
    portfolio = crud.create(database, Portfolio, name="Group IT")
    project = crud.create(
        database,
        Project,
        portfolio_id=portfolio.id,
        code="CRM",
        name="CRM replacement",
        budget=Decimal("1234567.50"),
        start_date=date(2026, 3, 2),
        method=Method.AGILE,
    )
    return portfolio, project


def test_insert_update_delete_record_who_when_and_the_values(database: Database) -> None:
    database.user_name = "Chloé Durand"
    before = datetime.now(UTC)
    portfolio, project = _project(database)
    task = crud.create(database, Task, project_id=project.id, name="Design", duration_minutes=960)
    task = crud.update(
        database, Task, task.id, task.version, name="Design review", duration_minutes=1440
    )
    crud.delete(database, Task, task.id, task.version)

    entries = _entries(database, "tasks")
    assert [entry.action for entry in entries] == [
        AuditAction.INSERT,
        AuditAction.UPDATE,
        AuditAction.DELETE,
    ]
    created, changed, deleted = entries
    for entry in entries:
        assert entry.user_name == "Chloé Durand"
        assert entry.entity_id == task.id
        assert entry.entity_uuid == task.uuid
        assert before - timedelta(seconds=1) <= entry.at <= datetime.now(UTC)
        assert entry.at.tzinfo is not None
    assert created.before is None
    assert created.after is not None
    assert created.after["name"] == "Design"
    assert created.after["duration_minutes"] == 960
    assert created.after[audit.PROJECT_KEY] == project.id
    assert created.after[audit.PORTFOLIO_KEY] == portfolio.id
    # Only the changed fields, before and after (plus the context keys).
    assert changed.before == {"name": "Design", "duration_minutes": 960}
    assert changed.after == {
        "name": "Design review",
        "duration_minutes": 1440,
        audit.LABEL_KEY: "Design review",
        audit.PROJECT_KEY: project.id,
        audit.PORTFOLIO_KEY: portfolio.id,
    }
    assert deleted.after is None
    assert deleted.before is not None
    assert deleted.before["name"] == "Design review"
    assert deleted.before[audit.PROJECT_KEY] == project.id


def test_values_are_json_safe_and_noise_columns_left_out(database: Database) -> None:
    _portfolio, project = _project(database)
    (entry,) = _entries(database, "projects")
    assert entry.after is not None
    assert entry.after["budget"] == "1234567.50"  # Decimal as text, exact
    assert entry.after["start_date"] == "2026-03-02"  # dates ISO
    assert entry.after["method"] == "agile"  # enums by value
    assert entry.after[audit.LABEL_KEY] == "CRM — CRM replacement"
    for noise in ("id", "uuid", "version", "created_at", "updated_at"):
        assert noise not in entry.after
    assert entry.entity_uuid == project.uuid


def test_a_rolled_back_change_leaves_no_audit_row(database: Database) -> None:
    _portfolio, project = _project(database)
    count = len(_entries(database))
    with pytest.raises(RuntimeError), database.write_session() as session:
        session.add(Task(project_id=project.id, name="Never saved"))
        session.flush()  # the audit row is written here, in the same transaction...
        raise RuntimeError("the user's action failed")
    assert len(_entries(database)) == count  # ...and rolled back with the change
    with database.session() as session:
        assert session.scalar(select(sa.func.count()).select_from(Task)) == 0


def test_computed_schedule_columns_and_reschedules_do_not_flood_the_trail(
    database: Database,
) -> None:
    portfolio, project = _project(database)
    first = crud.create(database, Task, project_id=project.id, name="A", duration_minutes=480)
    second = crud.create(database, Task, project_id=project.id, name="B", duration_minutes=480)
    crud.create(database, Dependency, predecessor_id=first.id, successor_id=second.id)
    count = len(_entries(database))
    # The scheduler's own columns changed through the ORM: nothing to record.
    first = crud.update(
        database,
        Task,
        first.id,
        first.version,
        early_start=datetime(2026, 3, 2, 8),
        total_slack_minutes=0,
        critical=True,
    )
    reschedule(database, portfolio.id)
    assert len(_entries(database)) == count
    # A user's change among them is recorded without them.
    crud.update(database, Task, first.id, first.version + 1, name="A1", critical=False)
    last = _entries(database)[-1]
    assert last.before == {"name": "A"}
    assert set(last.after or {}) == {
        "name",
        audit.LABEL_KEY,
        audit.PROJECT_KEY,
        audit.PORTFOLIO_KEY,
    }


def test_children_find_their_project_through_their_parent(database: Database) -> None:
    portfolio, project = _project(database)
    risk = crud.create(
        database, Risk, portfolio_id=portfolio.id, project_id=project.id, code="R1", title="Risk"
    )
    action = crud.create(database, RiskAction, risk_id=risk.id, description="Call the supplier")
    (entry,) = _entries(database, "risk_actions")
    assert entry.entity_id == action.id
    assert entry.after is not None
    assert entry.after[audit.PROJECT_KEY] == project.id
    assert entry.after[audit.PORTFOLIO_KEY] == portfolio.id
    assert entry.after[audit.LABEL_KEY] == "Call the supplier"


def test_an_import_records_one_summary_row(database: Database) -> None:
    portfolio, project = _project(database)
    with database.write_session() as session:
        audit.record_import(
            session,
            "plan.xlsx",
            {"tasks": 50_000, "dependencies": 75_000},
            project_id=project.id,
            portfolio_id=portfolio.id,
        )
    (entry,) = _entries(database, audit.IMPORT_ENTITY)
    assert entry.action is AuditAction.INSERT
    assert entry.user_name == database.user_name
    assert entry.after == {
        "file": "plan.xlsx",
        "counts": {"tasks": 50_000, "dependencies": 75_000},
        audit.LABEL_KEY: "plan.xlsx",
        audit.PROJECT_KEY: project.id,
        audit.PORTFOLIO_KEY: portfolio.id,
    }


def test_core_rows_restored_by_undo_can_be_recorded_like_orm_rows(database: Database) -> None:
    portfolio, project = _project(database)
    task = crud.create(database, Task, project_id=project.id, name="Kept")
    values = crud.column_values(task)
    crud.delete(database, Task, task.id, task.version)
    with database.write_session() as session:
        session.execute(sa.insert(Task.__table__), [values])
        audit.record_rows(session, "tasks", [values])
    entry = _entries(database, "tasks")[-1]
    assert (entry.action, entry.entity_id, entry.entity_uuid) == (
        AuditAction.INSERT,
        task.id,
        task.uuid,
    )
    assert entry.before is None
    assert entry.after is not None
    assert entry.after["name"] == "Kept"
    assert "version" not in entry.after
    assert entry.after[audit.PORTFOLIO_KEY] == portfolio.id


def test_the_author_defaults_to_the_login_name(tmp_path: Path) -> None:
    database = open_database(tmp_path / "login.sqlite")
    try:
        assert database.user_name == audit.login_name() != ""
        crud.create(database, Portfolio, name="P")
        assert [entry.user_name for entry in _entries(database)] == [audit.login_name()]
    finally:
        database.close()


def test_json_safe_handles_every_column_type() -> None:
    assert audit.json_safe(Decimal("0.10")) == "0.10"
    assert audit.json_safe(datetime(2026, 3, 2, 8, 30)) == "2026-03-02T08:30:00"
    assert audit.json_safe(Method.HYBRID) == "hybrid"
    assert audit.json_safe(float("nan")) is None
    assert audit.json_safe({"a": (date(2026, 1, 1),)}) == {"a": ["2026-01-01"]}


def test_proposed_sqlite_triggers_refuse_edits_of_the_trail(tmp_path: Path) -> None:
    path = tmp_path / "protected.sqlite"
    database = open_database(path)
    crud.create(database, Portfolio, name="P")
    database.close()
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as connection:
            for statement in audit.SQLITE_PROTECTION:
                connection.exec_driver_sql(statement)
        for statement in ("UPDATE audit_entries SET user_name = 'x'", "DELETE FROM audit_entries"):
            with pytest.raises(DBAPIError, match="audit entries cannot be"), engine.begin() as c:
                c.exec_driver_sql(statement)
    finally:
        engine.dispose()
    database = open_database(path)
    try:
        crud.create(database, Portfolio, name="Q")  # adding rows still works
        assert len(_entries(database)) == 2
    finally:
        database.close()


@pytest.mark.postgres
def test_application_roles_can_add_and_read_audit_rows_but_never_change_them(
    postgres_url: str,
) -> None:
    database = open_database(postgres_url)
    role = f"pmo_audit_{uuid.uuid4().hex[:8]}"
    admin = create_engine(postgres_url)
    try:
        crud.create(database, Portfolio, name="P")
        with admin.begin() as connection:
            connection.exec_driver_sql(f'CREATE ROLE "{role}"')
            # What an editor role gets on the data (task K's init-server), then ours.
            connection.exec_driver_sql(
                f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}"'
            )
            connection.exec_driver_sql(f'GRANT USAGE ON SCHEMA public TO "{role}"')
            for statement in audit.audit_privileges(role):
                connection.exec_driver_sql(statement)
        with Session(admin) as session, session.begin():
            session.execute(text(f'SET LOCAL ROLE "{role}"'))
            audit.record_summary(session, "import", user_name="editor", after={"file": "x"})
            assert session.scalar(select(sa.func.count()).select_from(AuditEntry)) == 2
        for statement in (
            "UPDATE audit_entries SET user_name = 'forger'",
            "DELETE FROM audit_entries",
            "TRUNCATE audit_entries",
        ):
            with pytest.raises(DBAPIError, match="permission denied"), admin.begin() as c:
                c.exec_driver_sql(f'SET LOCAL ROLE "{role}"')
                c.exec_driver_sql(statement)
        with admin.connect() as connection:
            assert connection.scalar(text("SELECT count(*) FROM audit_entries")) == 2
    finally:
        database.close()
        with admin.begin() as connection:
            connection.exec_driver_sql(f'DROP OWNED BY "{role}"')
            connection.exec_driver_sql(f'DROP ROLE IF EXISTS "{role}"')
        admin.dispose()
