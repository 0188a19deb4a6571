"""Domain commands: apply, revert, redo, merge and conflicts, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from pmo_desktop.errors import ConflictError
from pmo_desktop.models import Baseline, BaselineTask, Portfolio, Project, StatusReport, Task
from pmo_desktop.services import crud
from pmo_desktop.services.commands import (
    CompositeCommand,
    CreateRow,
    DeleteRow,
    update_fields,
)
from pmo_desktop.services.database import Database


@pytest.fixture
def project(database: Database) -> Project:
    portfolio = crud.create(database, Portfolio, name="Portfolio")
    return crud.create(
        database, Project, portfolio_id=portfolio.id, code="CRM", name="CRM roll-out"
    )


def test_update_applies_reverts_and_redoes(database: Database, project: Project) -> None:
    command = update_fields(
        database, Project, project.id, "Rename", name="CRM", budget=Decimal("1000")
    )
    command.apply(database)
    stored = crud.get(database, Project, project.id)
    assert (stored.name, stored.budget) == ("CRM", Decimal("1000"))
    command.revert(database)
    stored = crud.get(database, Project, project.id)
    assert (stored.name, stored.budget) == ("CRM roll-out", Decimal("0"))
    command.apply(database)
    assert crud.get(database, Project, project.id).name == "CRM"


def test_undo_after_someone_else_changed_the_row_is_a_conflict(
    database: Database, project: Project
) -> None:
    command = update_fields(database, Project, project.id, "Rename", name="CRM")
    command.apply(database)
    theirs = crud.get(database, Project, project.id)
    crud.update(database, Project, project.id, theirs.version, name="Their name")
    with pytest.raises(ConflictError) as caught:
        command.revert(database)
    assert caught.value.theirs is not None and caught.value.theirs["name"] == "Their name"
    assert crud.get(database, Project, project.id).name == "Their name"


def test_updates_with_the_same_key_merge(database: Database, project: Project) -> None:
    first = update_fields(database, Project, project.id, "Drag", "drag", percent_complete=10.0)
    first.apply(database)
    second = update_fields(database, Project, project.id, "Drag", "drag", percent_complete=20.0)
    second.apply(database)
    assert first.merge(second)
    first.revert(database)
    assert crud.get(database, Project, project.id).percent_complete == 0.0
    other = update_fields(database, Project, project.id, "Other", name="X")
    assert not first.merge(other)


def test_create_undo_redo_keeps_identity(database: Database, project: Project) -> None:
    command = CreateRow(
        StatusReport,
        {
            "project_id": project.id,
            "period_start": datetime(2026, 10, 1).date(),
            "period_end": datetime(2026, 10, 31).date(),
            "commentary": "On track",
        },
    )
    command.apply(database)
    created = crud.get(database, StatusReport, command.entity_id or 0)
    command.revert(database)
    assert crud.list_rows(database, StatusReport, project_id=project.id) == []
    command.apply(database)
    again = crud.get(database, StatusReport, command.entity_id or 0)
    assert (again.id, again.uuid, again.commentary) == (created.id, created.uuid, "On track")


def test_delete_restores_cascaded_children(database: Database, project: Project) -> None:
    task = crud.create(database, Task, project_id=project.id, name="Design", duration_minutes=480)
    baseline = crud.create(database, Baseline, project_id=project.id, number=0, name="Approved")
    crud.create(
        database,
        BaselineTask,
        baseline_id=baseline.id,
        task_id=task.id,
        start=datetime(2026, 1, 5, 8),
        finish=datetime(2026, 1, 5, 17),
        duration_minutes=480,
    )
    command = DeleteRow(
        Baseline, baseline.id, baseline.version, children=[(BaselineTask, "baseline_id")]
    )
    command.apply(database)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(BaselineTask)) == 0
    command.revert(database)
    restored = crud.list_rows(database, BaselineTask, baseline_id=baseline.id)
    assert [(row.task_id, row.duration_minutes) for row in restored] == [(task.id, 480)]
    assert crud.get(database, Baseline, baseline.id).name == "Approved"
    command.apply(database)  # redo
    assert crud.list_rows(database, Baseline, project_id=project.id) == []


def test_composite_rolls_back_what_it_did_when_a_step_fails(
    database: Database, project: Project
) -> None:
    rename = update_fields(database, Project, project.id, "Rename", name="CRM")
    stale = update_fields(database, Project, project.id, "Phase", phase="Build")
    stale.version += 5  # as if edited from an old screen
    command = CompositeCommand([rename, stale], "Both")
    with pytest.raises(ConflictError):
        command.apply(database)
    stored = crud.get(database, Project, project.id)
    assert (stored.name, stored.phase) == ("CRM roll-out", "")
    assert command.touched() == {Project}
