"""Two editors change the same risk or task: the second gets a conflict, never an overwrite.

Each editor has its own Database (its own engine and connections), as two users' programs
do; on SQLite the file is shared, on PostgreSQL the server (READ COMMITTED + versions).
"""

from __future__ import annotations

import pytest

from pmo_desktop.errors import ConflictError
from pmo_desktop.models import Portfolio, Project, Risk, Task
from pmo_desktop.services import crud
from pmo_desktop.services.database import Database, open_database


@pytest.fixture
def editors(db_location: str) -> tuple[Database, Database]:
    first = open_database(db_location)
    second = open_database(db_location)
    yield first, second
    second.close()
    first.close()


def test_second_editor_of_a_risk_gets_a_conflict(editors: tuple[Database, Database]) -> None:
    alice, bob = editors
    portfolio = crud.create(alice, Portfolio, name="Shared")
    risk = crud.create(alice, Risk, portfolio_id=portfolio.id, code="R1", title="Supplier late")
    alice_copy = crud.get(alice, Risk, risk.id)
    bob_copy = crud.get(bob, Risk, risk.id)  # both read version 1

    crud.update(alice, Risk, risk.id, alice_copy.version, title="Supplier 3 weeks late")
    with pytest.raises(ConflictError) as caught:
        crud.update(bob, Risk, risk.id, bob_copy.version, title="Supplier on time")
    conflict = caught.value
    assert conflict.mine == {"title": "Supplier on time"}
    assert conflict.theirs is not None and conflict.theirs["title"] == "Supplier 3 weeks late"
    assert (conflict.expected_version, conflict.their_version) == (1, 2)

    stored = crud.get(bob, Risk, risk.id)
    assert (stored.title, stored.version) == ("Supplier 3 weeks late", 2)  # not overwritten
    # Bob re-reads, decides, and saves on top of Alice's version: accepted.
    crud.update(bob, Risk, risk.id, stored.version, title="Supplier on time")
    assert crud.get(alice, Risk, risk.id).version == 3


def test_second_editor_of_a_task_gets_a_conflict_even_on_another_field(
    editors: tuple[Database, Database],
) -> None:
    alice, bob = editors
    portfolio = crud.create(alice, Portfolio, name="Shared")
    project = crud.create(alice, Project, portfolio_id=portfolio.id, code="P", name="Plan")
    task = crud.create(alice, Task, project_id=project.id, name="Build", duration_minutes=480)

    crud.update(alice, Task, task.id, task.version, percent_complete=50.0)
    with pytest.raises(ConflictError):
        crud.update(bob, Task, task.id, task.version, duration_minutes=960)
    stored = crud.get(bob, Task, task.id)
    assert (stored.percent_complete, stored.duration_minutes, stored.version) == (50.0, 480, 2)


def test_delete_of_a_row_someone_changed_is_a_conflict(editors: tuple[Database, Database]) -> None:
    alice, bob = editors
    portfolio = crud.create(alice, Portfolio, name="Shared")
    risk = crud.create(alice, Risk, portfolio_id=portfolio.id, code="R1", title="Strike")
    crud.update(alice, Risk, risk.id, risk.version, probability=5)
    with pytest.raises(ConflictError):
        crud.delete(bob, Risk, risk.id, risk.version)
    assert crud.get(alice, Risk, risk.id).probability == 5
