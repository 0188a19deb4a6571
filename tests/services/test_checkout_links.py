"""Offline check-out, part two: cross-project links (the other end comes as a read-only
stub, the link merges by uuid), conflicts decided row by row, cancelling a check-out, and
a cancelled copy. Small hand-built portfolios; the shared database is an SQLite file or the
real PostgreSQL server, the copy a real SQLite file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pmo_desktop.models import (
    AuditEntry,
    Checkout,
    CheckoutState,
    ConstraintType,
    Dependency,
    Portfolio,
    Project,
    Task,
)
from pmo_desktop.services import crud
from pmo_desktop.services.checkin import checkin
from pmo_desktop.services.checkout import CheckoutError, checked_out, checkout
from pmo_desktop.services.checkout_copies import (
    cancel_checkout,
    copy_info,
    open_source,
    release_copy,
)
from pmo_desktop.services.database import Database, open_database


@dataclass
class Plan:
    own: int
    other: int
    #: Task uuids by name: A, B in the checked-out project, X and Y in the other.
    tasks: dict[str, str]
    #: The cross-project link A → X.
    link: str


@pytest.fixture
def plan(database: Database) -> Plan:
    portfolio = crud.create(database, Portfolio, name="Group IT", currency="EUR")
    own = crud.create(database, Project, portfolio_id=portfolio.id, code="P1", name="Own")
    other = crud.create(database, Project, portfolio_id=portfolio.id, code="P2", name="Other")
    summary = crud.create(database, Task, project_id=other.id, name="Other phase", is_summary=True)
    tasks = {
        "A": crud.create(database, Task, project_id=own.id, name="A"),
        "B": crud.create(database, Task, project_id=own.id, name="B"),
        "X": crud.create(
            database,
            Task,
            project_id=other.id,
            name="X",
            parent_id=summary.id,
            start=datetime(2026, 5, 4, 8),
            finish=datetime(2026, 5, 8, 17),
        ),
        "Y": crud.create(database, Task, project_id=other.id, name="Y"),
    }
    crud.create(database, Dependency, predecessor_id=tasks["A"].id, successor_id=tasks["B"].id)
    link = crud.create(
        database, Dependency, predecessor_id=tasks["A"].id, successor_id=tasks["X"].id
    )
    crud.create(database, Dependency, predecessor_id=tasks["X"].id, successor_id=tasks["Y"].id)
    return Plan(own.id, other.id, {name: task.uuid for name, task in tasks.items()}, link.uuid)


def _task(database: Database, uuid: str) -> Task:
    with database.session() as session:
        return session.scalars(select(Task).where(Task.uuid == uuid)).one()


def _rename(database: Database, uuid: str, name: str) -> None:
    with database.write_session() as session:
        session.scalars(select(Task).where(Task.uuid == uuid)).one().name = name


def _links(database: Database) -> list[tuple[str, str, str, int]]:
    pred, succ = Task.__table__.alias("p"), Task.__table__.alias("s")
    with database.session() as session:
        return sorted(
            session.execute(
                select(Dependency.uuid, pred.c.name, succ.c.name, Dependency.lag)
                .join(pred, pred.c.id == Dependency.predecessor_id)
                .join(succ, succ.c.id == Dependency.successor_id)
            ).all()
        )


class StoppedError(Exception):
    """The user cancelled."""


def _opened(path: Path) -> Database:
    return open_database(path, create=False)


def test_cross_project_link_comes_with_a_read_only_stub(
    database: Database, plan: Plan, tmp_path: Path
) -> None:
    path = tmp_path / "p1.sqlite"
    checkout(database, "P1", path)
    copy = _opened(path)
    try:
        stub = _task(copy, plan.tasks["X"])
        assert stub.project_id == plan.other and stub.parent_id is None
        assert stub.constraint_type is ConstraintType.MSO
        assert stub.constraint_date == datetime(2026, 5, 4, 8)
        with copy.session() as session:
            names = set(session.scalars(select(Task.name)))
        assert names == {"A", "B", "X"}  # not Y, not X's summary task
        assert [(n1, n2) for _uuid, n1, n2, _lag in _links(copy)] in (
            [("A", "B"), ("A", "X")],
            [("A", "X"), ("A", "B")],
        )
        info = copy_info(copy)
        assert info is not None and info.others == frozenset({plan.other})
        # Offline: the stub renamed (ignored), the cross-project link's lag changed, a new
        # link from B to the stub.
        _rename(copy, plan.tasks["X"], "X renamed offline")
        with copy.write_session() as session:
            session.scalars(select(Dependency).where(Dependency.uuid == plan.link)).one().lag = 480
            ids = dict(session.execute(select(Task.uuid, Task.id)).all())
            added = Dependency(
                predecessor_id=ids[plan.tasks["B"]], successor_id=ids[plan.tasks["X"]]
            )
            session.add(added)
            session.flush()
            added_uuid = added.uuid
    finally:
        copy.close()

    result = checkin(path, database)
    assert result.written, result.conflicts
    assert result.ignored == {"tasks": 1}
    assert result.updated == {"dependencies": 1} and result.inserted == {"dependencies": 1}
    x = _task(database, plan.tasks["X"])
    assert x.name == "X" and x.parent_id is not None  # the other project is untouched
    assert x.constraint_type is ConstraintType.ASAP
    links = _links(database)
    assert len(links) == 4 and len({uuid for uuid, *_ in links}) == 4
    assert (plan.link, "A", "X", 480) in links and (added_uuid, "B", "X", 0) in links


def test_conflicts_decided_row_by_row(database: Database, plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "p1.sqlite"
    checkout(database, "P1", path)
    copy = _opened(path)
    try:
        _rename(copy, plan.tasks["A"], "A mine")
        _rename(copy, plan.tasks["B"], "B mine")
    finally:
        copy.close()
    database.user_name = "carol"
    _rename(database, plan.tasks["A"], "A theirs")
    _rename(database, plan.tasks["B"], "B theirs")
    a, b = ("tasks", plan.tasks["A"]), ("tasks", plan.tasks["B"])

    preview = checkin(path, database, dry_run=True)
    assert preview.conflicting_rows == [a, b]
    first = preview.conflicts[0]
    assert (first.label, first.mine, first.theirs) == ("A mine", "A mine", "A theirs")
    assert first.changed_by == "carol" and first.changed_at is not None

    half = checkin(path, database, decisions={a: "mine"})  # B undecided: nothing written
    assert not half.written
    assert _task(database, plan.tasks["A"]).name == "A theirs"
    assert checked_out(database, plan.own) is not None

    done = checkin(path, database, decisions={a: "mine", b: "theirs"})
    assert done.written and done.updated == {"tasks": 1}
    assert _task(database, plan.tasks["A"]).name == "A mine"
    assert _task(database, plan.tasks["B"]).name == "B theirs"
    assert checked_out(database, plan.own) is None
    with database.session() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "checkin")).one()
        assert entry.after is not None and entry.after["resolution"] == "mine/theirs"


def test_cancel_a_checkout_from_the_shared_database(
    database: Database, plan: Plan, tmp_path: Path
) -> None:
    path = tmp_path / "p1.sqlite"
    checkout(database, "P1", path)
    info = cancel_checkout(database, plan.own)
    assert info.project_code == "P1"
    assert checked_out(database, plan.own) is None
    with pytest.raises(CheckoutError, match="not checked out"):
        cancel_checkout(database, plan.own)
    with pytest.raises(CheckoutError, match="already checked in"):
        checkin(path, database)
    with database.session() as session:
        assert (
            session.scalar(
                select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "checkout")
            )
            == 1
        )


def test_cancel_from_the_copy_releases_both_sides(
    database: Database, plan: Plan, tmp_path: Path
) -> None:
    path = tmp_path / "p1.sqlite"
    checkout(database, "P1", path)
    copy = _opened(path)
    try:
        _rename(copy, plan.tasks["A"], "Abandoned")
        info = copy_info(copy)
        assert info is not None and info.state is CheckoutState.OPEN
        shared = open_source(info.source) if database.is_sqlite else database
        try:
            release_copy(copy, shared)
        finally:
            if shared is not database:
                shared.close()
        closed = copy_info(copy)
        assert closed is not None and closed.state is CheckoutState.RETURNED
        with pytest.raises(CheckoutError, match="already checked in or cancelled"):
            release_copy(copy, database)
    finally:
        copy.close()
    assert checked_out(database, plan.own) is None
    assert _task(database, plan.tasks["A"]).name == "A"
    with pytest.raises(CheckoutError, match="already checked in"):
        checkin(path, database)


def test_a_checkout_stopped_midway_leaves_nothing(
    database: Database, plan: Plan, tmp_path: Path
) -> None:
    path = tmp_path / "p1.sqlite"
    seen: list[str] = []

    def stop(done: int, total: int, table: str) -> None:
        seen.append(table)
        if done == 2:
            raise StoppedError  # what a cancelled worker's token does

    with pytest.raises(StoppedError):
        checkout(database, "P1", path, progress=stop)
    assert len(seen) == 3 and not path.exists()
    assert checked_out(database, plan.own) is None
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Checkout)) == 0
