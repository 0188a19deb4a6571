"""Offline check-out / check-in of a project: the shared database is an SQLite file or the
real PostgreSQL server, the copy a real SQLite file; edits are made through the ORM on
each side, as the application makes them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pmo_desktop.models import (
    AuditEntry,
    Checkout,
    CheckoutRole,
    CheckoutState,
    Dependency,
    Project,
    Risk,
    RiskTaskLink,
    Task,
)
from pmo_desktop.services.checkin import checkin
from pmo_desktop.services.checkout import (
    CheckoutError,
    Conflict,
    checked_out,
    checkout,
    checkouts,
)
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.services.demo import create_demo

AS_OF = date(2026, 10, 30)


@pytest.fixture
def shared(database: Database) -> Database:
    create_demo(database.write_engine, as_of=AS_OF)
    return database


@pytest.fixture
def project(shared: Database) -> Project:
    with shared.session() as session:
        return session.scalars(select(Project).order_by(Project.id).limit(1)).one()


@pytest.fixture
def local(shared: Database, project: Project, tmp_path: Path) -> Path:
    path = tmp_path / "laptop.sqlite"
    checkout(shared, project.code, path)
    return path


def _open(path: Path) -> Iterator[Database]:
    copy = open_database(path, create=False)
    try:
        yield copy
    finally:
        copy.close()


def _leaf(database: Database, project_id: int, offset: int = 0) -> Task:
    with database.session() as session:
        return session.scalars(
            select(Task)
            .where(Task.project_id == project_id, Task.is_summary.is_(False))
            .order_by(Task.id)
            .offset(offset)
            .limit(1)
        ).one()


def _rename_task(database: Database, uuid: str, name: str) -> None:
    with database.write_session() as session:
        session.scalars(select(Task).where(Task.uuid == uuid)).one().name = name


def _task(database: Database, uuid: str) -> Task | None:
    with database.session() as session:
        return session.scalars(select(Task).where(Task.uuid == uuid)).one_or_none()


def _risk(database: Database, project_id: int) -> Risk:
    with database.session() as session:
        return session.scalars(
            select(Risk).where(Risk.project_id == project_id).order_by(Risk.id).limit(1)
        ).one()


def test_round_trip_without_changes(shared: Database, project: Project, local: Path) -> None:
    info = checked_out(shared, project.id)
    assert info is not None and info.project_code == project.code
    assert info.local_file == str(local.resolve()) and info.state is CheckoutState.OPEN
    assert [c.project_code for c in checkouts(shared)] == [project.code]
    with shared.session() as session:
        before = session.execute(
            select(Task.uuid, Task.name, Task.version).where(Task.project_id == project.id)
        ).all()
    for copy in _open(local):
        with copy.session() as session:
            tasks = session.execute(
                select(Task.uuid, Task.name, Task.version).where(Task.project_id == project.id)
            ).all()
            assert sorted(tasks) == sorted(before)
            # The project, and the other projects its cross-project links reach (stubs).
            assert session.get(Project, project.id) is not None
            assert session.scalar(select(func.count()).select_from(Dependency)) > 0
            row = session.scalars(select(Checkout)).one()
            assert row.role is CheckoutRole.COPY and row.master_uuid == info.uuid
            assert row.source == str(shared.target.path.resolve()) if shared.is_sqlite else True

    result = checkin(local, shared)
    assert result.written and result.changes == 0 and result.conflicts == []
    assert checked_out(shared, project.id) is None
    assert checkouts(shared) == [] and len(checkouts(shared, include_returned=True)) == 1
    with shared.session() as session:
        after = session.execute(
            select(Task.uuid, Task.name, Task.version).where(Task.project_id == project.id)
        ).all()
    assert sorted(after) == sorted(before)
    with pytest.raises(CheckoutError, match="already checked in"):
        checkin(local, shared)


def test_offline_task_and_risk_edits_are_applied(
    shared: Database, project: Project, local: Path
) -> None:
    task = _leaf(shared, project.id)
    risk = _risk(shared, project.id)
    for copy in _open(local):
        _rename_task(copy, task.uuid, "Offline rename")
        with copy.write_session() as session:
            row = session.scalars(select(Risk).where(Risk.uuid == risk.uuid)).one()
            row.title = "Edited on the train"
            row.probability = 5 if risk.probability != 5 else 1

    dry = checkin(local, shared, dry_run=True)
    assert not dry.written and dry.updated == {"tasks": 1, "risks": 1}
    assert _task(shared, task.uuid).name == task.name  # type: ignore[union-attr]

    result = checkin(local, shared)
    assert result.written and result.updated == {"tasks": 1, "risks": 1}
    stored = _task(shared, task.uuid)
    assert stored is not None
    assert stored.name == "Offline rename" and stored.version == task.version + 1
    assert stored.project_id == project.id and stored.parent_id == task.parent_id
    with shared.session() as session:
        edited = session.scalars(select(Risk).where(Risk.uuid == risk.uuid)).one()
        assert edited.title == "Edited on the train" and edited.probability != risk.probability
        entities = session.scalars(select(AuditEntry.entity)).all()
        assert "checkin" in entities and "risks" in entities
    assert checked_out(shared, project.id) is None


def test_conflict_is_listed_and_nothing_is_written(
    shared: Database, project: Project, local: Path
) -> None:
    task = _leaf(shared, project.id)
    risk = _risk(shared, project.id)
    for copy in _open(local):
        _rename_task(copy, task.uuid, "Mine")
        with copy.write_session() as session:
            session.scalars(select(Risk).where(Risk.uuid == risk.uuid)).one().owner = "Zoe"
    _rename_task(shared, task.uuid, "Theirs")

    result = checkin(local, shared)
    assert not result.written
    assert result.conflicts == [Conflict("tasks", task.uuid, "name", "Mine", "Theirs")]
    assert _task(shared, task.uuid).name == "Theirs"  # type: ignore[union-attr]
    assert _risk(shared, project.id).owner == risk.owner
    assert checked_out(shared, project.id) is not None
    for copy in _open(local):
        with copy.session() as session:
            assert session.scalars(select(Checkout.state)).one() is CheckoutState.OPEN

    kept = checkin(local, shared, resolution="theirs")
    assert kept.written and kept.updated == {"risks": 1}
    assert _task(shared, task.uuid).name == "Theirs"  # type: ignore[union-attr]
    assert _risk(shared, project.id).owner == "Zoe"


def test_edits_of_different_fields_of_one_row_merge(
    shared: Database, project: Project, local: Path
) -> None:
    task = _leaf(shared, project.id)
    for copy in _open(local):
        _rename_task(copy, task.uuid, "Renamed offline")
    with shared.write_session() as session:
        session.scalars(select(Task).where(Task.uuid == task.uuid)).one().notes = "Server note"
    result = checkin(local, shared)
    assert result.written and result.conflicts == [] and result.updated == {"tasks": 1}
    stored = _task(shared, task.uuid)
    assert stored is not None
    assert (stored.name, stored.notes) == ("Renamed offline", "Server note")
    assert stored.version == task.version + 2


def test_mine_overwrites_the_shared_value(shared: Database, project: Project, local: Path) -> None:
    task = _leaf(shared, project.id)
    for copy in _open(local):
        _rename_task(copy, task.uuid, "Mine")
    _rename_task(shared, task.uuid, "Theirs")
    result = checkin(local, shared, resolution="mine")
    assert result.written and len(result.conflicts) == 1 and result.updated == {"tasks": 1}
    stored = _task(shared, task.uuid)
    assert stored is not None and stored.name == "Mine" and stored.version == task.version + 2


def test_new_and_deleted_rows(shared: Database, project: Project, local: Path) -> None:
    gone = _leaf(shared, project.id, offset=1)
    parent = _leaf(shared, project.id, offset=2)
    risk = _risk(shared, project.id)
    for copy in _open(local):
        with copy.write_session() as session:
            session.delete(session.scalars(select(Task).where(Task.uuid == gone.uuid)).one())
            above = session.scalars(select(Task).where(Task.uuid == parent.uuid)).one()
            above.is_summary = True
            child = Task(project_id=above.project_id, name="Written offline", parent_id=above.id)
            session.add(child)
            session.flush()
            grandchild = Task(project_id=above.project_id, name="Its child", parent_id=child.id)
            session.add(grandchild)
            local_risk = session.scalars(select(Risk).where(Risk.uuid == risk.uuid)).one()
            new_risk = Risk(
                portfolio_id=local_risk.portfolio_id,
                project_id=local_risk.project_id,
                code="R-OFFLINE",
                title="Found offline",
            )
            session.add(new_risk)
            session.flush()
            session.add(RiskTaskLink(risk_id=new_risk.id, task_id=child.id))
            new_uuid, grandchild_uuid = child.uuid, grandchild.uuid

    result = checkin(local, shared)
    assert result.written
    assert result.inserted["tasks"] == 2
    assert result.inserted["risks"] == 1 and result.inserted["risk_task_links"] == 1
    assert result.deleted["tasks"] == 1
    assert _task(shared, gone.uuid) is None
    added = _task(shared, new_uuid)
    below = _task(shared, grandchild_uuid)
    stored_parent = _task(shared, parent.uuid)
    assert added is not None and below is not None and stored_parent is not None
    assert added.parent_id == stored_parent.id and below.parent_id == added.id
    assert stored_parent.is_summary
    with shared.session() as session:
        link = session.scalars(
            select(RiskTaskLink).join(Risk).where(Risk.code == "R-OFFLINE")
        ).one()
        assert link.task_id == added.id


def test_deleted_offline_but_changed_on_the_server_is_a_conflict(
    shared: Database, project: Project, local: Path
) -> None:
    task = _leaf(shared, project.id)
    for copy in _open(local):
        with copy.write_session() as session:
            session.delete(session.scalars(select(Task).where(Task.uuid == task.uuid)).one())
    _rename_task(shared, task.uuid, "Still needed")
    result = checkin(local, shared)
    assert not result.written
    assert [(c.table, c.uuid, c.field) for c in result.conflicts] == [("tasks", task.uuid, "(row)")]
    assert _task(shared, task.uuid) is not None
    assert checkin(local, shared, resolution="mine").written
    assert _task(shared, task.uuid) is None


def test_failed_checkin_leaves_both_databases_as_they_were(
    shared: Database, project: Project, local: Path
) -> None:
    parent = _leaf(shared, project.id)
    edited = _leaf(shared, project.id, offset=3)
    for copy in _open(local):
        _rename_task(copy, edited.uuid, "Edited offline")
        with copy.write_session() as session:
            above = session.scalars(select(Task).where(Task.uuid == parent.uuid)).one()
            session.add(Task(project_id=above.project_id, name="Orphan", parent_id=above.id))
    with shared.write_session() as session:
        session.delete(session.scalars(select(Task).where(Task.uuid == parent.uuid)).one())
    with shared.session() as session:
        count = session.scalar(select(func.count()).select_from(Task))

    with pytest.raises(CheckoutError, match="deleted in the shared database"):
        checkin(local, shared)
    with shared.session() as session:
        assert session.scalar(select(func.count()).select_from(Task)) == count
    assert _task(shared, edited.uuid).name == edited.name  # type: ignore[union-attr]
    assert checked_out(shared, project.id) is not None
    for copy in _open(local):
        assert _task(copy, edited.uuid).name == "Edited offline"  # type: ignore[union-attr]
        with copy.session() as session:
            assert session.scalars(select(Checkout.state)).one() is CheckoutState.OPEN


def test_a_checked_out_project_is_reported_and_not_checked_out_twice(
    shared: Database, project: Project, local: Path, tmp_path: Path
) -> None:
    with pytest.raises(CheckoutError, match="already checked out by"):
        checkout(shared, project.code, tmp_path / "second.sqlite")
    assert not (tmp_path / "second.sqlite").exists()
    with pytest.raises(CheckoutError, match="already exists"):
        checkout(shared, project.code, local, force=True)
    with pytest.raises(CheckoutError, match="no project"):
        checkout(shared, "NOPE-99", tmp_path / "third.sqlite")
    checkout(shared, project.code, tmp_path / "second.sqlite", force=True)
    assert len(checkouts(shared)) == 2
    info = checked_out(shared, project.id)
    assert info is not None and info.local_file.endswith("second.sqlite")
