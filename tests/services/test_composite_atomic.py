"""A grouped command (`CompositeCommand`) is ONE transaction (issue 8: nothing half-written).

A conflict on a later sub-command, an error, or a program killed halfway leaves the
database exactly as before, audit trail included; undo and redo of a group still work and
log each row once. SQLite file and PostgreSQL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from pmo_desktop.errors import ConflictError
from pmo_desktop.models import AuditEntry, Portfolio, Project, Risk, StatusReport
from pmo_desktop.services import crud
from pmo_desktop.services.commands import (
    CompositeCommand,
    CreateRow,
    DeleteRow,
    UpdateFields,
    update_fields,
)
from pmo_desktop.services.database import Database, open_database

CHILD = Path(__file__).with_name("composite_child.py")
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def projects(database: Database) -> list[int]:
    portfolio = crud.create(database, Portfolio, name="Group IT")
    return [
        crud.create(database, Project, portfolio_id=portfolio.id, code=code, name=name).id
        for code, name in (("A", "Alpha"), ("B", "Beta"))
    ]


def _everything(database: Database) -> dict[str, Any]:
    """Every row of the tables a group may write, and the audit trail, as plain values."""
    found: dict[str, Any] = {}
    with database.session() as session:
        for model in (Project, Risk, StatusReport):
            rows = session.scalars(select(model).order_by(model.id))
            found[model.__tablename__] = [crud.column_values(row) for row in rows]
        trail = session.execute(
            select(AuditEntry.action, AuditEntry.entity, AuditEntry.entity_id).order_by(
                AuditEntry.id
            )
        )
        found["audit"] = [tuple(row) for row in trail]
    return found


def _group(database: Database, projects: list[int]) -> CompositeCommand:
    alpha, beta = projects
    portfolio = crud.get(database, Project, alpha).portfolio_id
    risk = crud.create(
        database, Risk, portfolio_id=portfolio, project_id=alpha, code="R-1", title="Vendor late"
    )
    return CompositeCommand(
        [
            update_fields(database, Project, alpha, "Rename", name="Alpha II"),
            CreateRow(
                Risk,
                {
                    "portfolio_id": portfolio,
                    "project_id": alpha,
                    "code": "R-2",
                    "title": "Key user leaves",
                },
            ),
            DeleteRow(Risk, risk.id, risk.version, "Remove risk"),
            update_fields(database, Project, beta, "Phase", phase="Build"),
        ],
        "Group",
    )


def test_a_conflict_on_the_last_step_leaves_rows_and_audit_as_before(
    database: Database, projects: list[int]
) -> None:
    command = _group(database, projects)
    last = command.commands[-1]
    assert isinstance(last, UpdateFields)
    other = open_database(database.target)
    try:
        crud.update(other, Project, projects[1], last.version, description="theirs")
    finally:
        other.close()
    before = _everything(database)
    with pytest.raises(ConflictError) as raised:
        command.apply(database)
    assert (raised.value.entity, raised.value.entity_id) == ("Project", projects[1])
    assert _everything(database) == before
    # The sub-commands' state was put back: once the conflict is settled the same group
    # applies exactly once (one new risk, not two) and undoes and redoes.
    last.version = crud.get(database, Project, projects[1]).version
    command.apply(database)
    after = _everything(database)
    assert [risk["code"] for risk in after["risks"]] == ["R-2"]
    assert [p["name"] for p in after["projects"]] == ["Alpha II", "Beta"]
    assert after["projects"][1]["phase"] == "Build"
    logged = after["audit"][len(before["audit"]) :]
    assert sorted(action.value for action, _entity, _id in logged) == [
        "delete", "insert", "update", "update",
    ]  # fmt: skip
    command.revert(database)
    undone = _everything(database)
    fields = ("name", "phase", "description")
    assert [[row[name] for name in fields] for row in undone["projects"]] == [
        [row[name] for name in fields] for row in before["projects"]
    ]
    assert [risk["code"] for risk in undone["risks"]] == ["R-1"]
    assert undone["risks"][0]["uuid"] == before["risks"][0]["uuid"]
    command.apply(database)
    assert [risk["code"] for risk in _everything(database)["risks"]] == ["R-2"]


def test_an_undo_meeting_a_conflict_undoes_nothing(database: Database, projects: list[int]) -> None:
    command = _group(database, projects)
    command.apply(database)
    other = open_database(database.target)
    try:
        alpha = crud.get(other, Project, projects[0])
        crud.update(other, Project, projects[0], alpha.version, description="theirs")
    finally:
        other.close()
    before = _everything(database)
    with pytest.raises(ConflictError):
        command.revert(database)  # reverse order: beta, the risks, then alpha conflicts
    assert _everything(database) == before


def test_an_error_inside_a_nested_group_rolls_back_the_whole_group(
    database: Database, projects: list[int]
) -> None:
    alpha, beta = projects
    inner = CompositeCommand(
        [
            update_fields(database, Project, beta, "Phase", phase="Build"),
            CreateRow(Risk, {"portfolio_id": 999_999, "code": "R-9", "title": "No portfolio"}),
        ]
    )
    command = CompositeCommand(
        [update_fields(database, Project, alpha, "Rename", name="Alpha II"), inner]
    )
    before = _everything(database)
    with pytest.raises(Exception):  # noqa: B017 - the backend's foreign key error
        command.apply(database)
    assert _everything(database) == before
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Risk)) == 0


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_program_killed_halfway_through_a_group_leaves_nothing(
    database: Database, projects: list[int]
) -> None:
    before = _everything(database)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    location = database.target.url.render_as_string(hide_password=False)
    child = subprocess.Popen(
        [sys.executable, str(CHILD), location, *(str(project) for project in projects)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline().strip()
        # The group's own reads see its first writes (one transaction)...
        assert line == "halfway Renamed by the group", f"child said {line!r}"
        # ...which nobody else sees until it commits.
        assert _everything(database) == before
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert _everything(database) == before
    # The database stays writable: the killed writer's lock is gone.
    crud.update(database, Project, projects[0], 1, name="Alpha after the crash")
    assert crud.get(database, Project, projects[0]).name == "Alpha after the crash"
