"""Deletions and re-costings meeting other users' changes, row by row (issue 8 §2).

Alice deletes a summary task (its subtasks, links and assignments go with it); Bruno
changes one of those rows, or adds one, before her delete is saved: nothing is deleted,
the rows are listed, and she keeps her delete ("mine") or their row ("theirs", which keeps
the task that would take it along). Re-costing a resource's assignments after a rate change
is resolved per assignment. SQLite file and PostgreSQL.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from pmo_desktop.errors import ConflictError
from pmo_desktop.models import (
    Assignment,
    AuditEntry,
    Dependency,
    Portfolio,
    Project,
    Resource,
    Task,
)
from pmo_desktop.services import crud
from pmo_desktop.services.conflicts import MINE, THEIRS
from pmo_desktop.services.database import Database
from pmo_desktop.services.project_schedule import reschedule_project
from pmo_desktop.services.resource_pool import load_pool
from pmo_desktop.services.resource_pool_rates import edit_resource_with_costs
from pmo_desktop.services.row_conflicts import resolve_rows, row_conflicts
from pmo_desktop.services.task_edits import delete_link, delete_tasks

DAY = 480


@pytest.fixture
def plan(database: Database) -> dict[str, int]:
    """Build (summary: Design, Code) and Test; Design → Code → Test; Ana on Code."""
    portfolio = crud.create(database, Portfolio, name="P")
    project = crud.create(database, Project, portfolio_id=portfolio.id, code="A", name="Alpha",
                          start_date=date(2026, 5, 11))  # fmt: skip
    ids = {"project": project.id, "portfolio": portfolio.id}
    ids["Build"] = crud.create(database, Task, project_id=project.id, name="Build", position=1,
                               wbs="1", is_summary=True).id  # fmt: skip
    for position, name in enumerate(("Design", "Code"), start=1):
        ids[name] = crud.create(database, Task, project_id=project.id, name=name,
                                parent_id=ids["Build"], position=position, outline_level=2,
                                wbs=f"1.{position}", duration_minutes=2 * DAY).id  # fmt: skip
    ids["Test"] = crud.create(database, Task, project_id=project.id, name="Test", position=2,
                              wbs="2", duration_minutes=DAY).id  # fmt: skip
    for predecessor, successor in (("Design", "Code"), ("Code", "Test")):
        ids[f"{predecessor}>{successor}"] = crud.create(
            database, Dependency, predecessor_id=ids[predecessor], successor_id=ids[successor]
        ).id
    ids["Ana"] = crud.create(database, Resource, portfolio_id=portfolio.id, code="R1",
                             name="Ana").id  # fmt: skip
    ids["assignment"] = crud.create(database, Assignment, task_id=ids["Code"],
                                    resource_id=ids["Ana"], units=1.0).id  # fmt: skip
    reschedule_project(database, project.id)
    return ids


def _their_edit(other: Database, model: Any, entity_id: int, **changes: Any) -> None:
    crud.update(other, model, entity_id, crud.get(other, model, entity_id).version, **changes)


def _names(database: Database, project_id: int) -> list[tuple[str, str]]:
    with database.session() as session:
        tasks = session.scalars(select(Task).where(Task.project_id == project_id)
                                .order_by(Task.wbs))  # fmt: skip
        return [(task.wbs, task.name) for task in tasks]


def _count(database: Database, model: Any) -> int:
    with database.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_subtask_changed_meanwhile_stops_the_delete_then_mine_deletes_it(
    database: Database, other: Database, plan: dict[str, int]
) -> None:
    mine = delete_tasks(database, [plan["Build"]])
    _their_edit(other, Task, plan["Code"], name="Coding", notes="Ask Ana")
    audit = _count(database, AuditEntry)
    with pytest.raises(ConflictError):
        mine.apply(database)
    assert _count(database, AuditEntry) == audit  # nothing written, nothing logged
    assert [name for _wbs, name in _names(database, plan["project"])] == [
        "Build", "Design", "Coding", "Test",
    ]  # fmt: skip
    (row,) = row_conflicts(database, mine)
    assert (row.entity, row.entity_id, row.title, row.deleting) == (
        "Task", plan["Code"], "Coding", True,
    )  # fmt: skip
    assert row.needs_choice and row.who is not None and row.who.user_name == "bruno"
    assert [(item.name, item.mine, item.theirs) for item in row.fields] == [
        ("name", "Code", "Coding"), ("notes", "", "Ask Ana"),
    ]  # fmt: skip
    resolved = resolve_rows(database, mine, [row], {row.key: MINE})
    resolved.apply(database)
    assert _names(database, plan["project"]) == [("1", "Test")]
    assert (_count(database, Dependency), _count(database, Assignment)) == (0, 0)
    resolved.revert(database)  # undo brings back Bruno's version of the subtask
    assert _names(database, plan["project"]) == [
        ("1", "Build"), ("1.1", "Design"), ("1.2", "Coding"), ("2", "Test"),
    ]  # fmt: skip
    assert (_count(database, Dependency), _count(database, Assignment)) == (2, 1)
    resolved.apply(database)  # redo
    assert _names(database, plan["project"]) == [("1", "Test")]


def test_keeping_their_subtask_keeps_the_task_that_would_take_it_along(
    database: Database, other: Database, plan: dict[str, int]
) -> None:
    mine = delete_tasks(database, [plan["Build"], plan["Test"]])
    _their_edit(other, Assignment, plan["assignment"], units=0.5)
    with pytest.raises(ConflictError):
        mine.apply(database)
    (row,) = row_conflicts(database, mine)
    assert (row.entity, row.title, row.deleting) == ("Assignment", "Ana — Code", True)
    assert [(item.name, item.mine, item.theirs) for item in row.fields] == [("units", 1.0, 0.5)]
    resolved = resolve_rows(database, mine, [row], {row.key: THEIRS})
    resolved.apply(database)  # Build stays (with Ana's assignment); Test goes
    assert _names(database, plan["project"]) == [("1", "Build"), ("1.1", "Design"),
                                                 ("1.2", "Code")]  # fmt: skip
    assert crud.get(database, Assignment, plan["assignment"]).units == 0.5
    assert _count(database, Dependency) == 1
    resolved.revert(database)
    assert [name for _wbs, name in _names(database, plan["project"])] == [
        "Build", "Design", "Code", "Test",
    ]  # fmt: skip


def test_a_row_added_meanwhile_is_never_deleted_unseen(
    database: Database, other: Database, plan: dict[str, int]
) -> None:
    mine = delete_tasks(database, [plan["Build"]])
    bob = crud.create(other, Resource, portfolio_id=plan["portfolio"], code="R2", name="Bob")
    added = crud.create(other, Assignment, task_id=plan["Design"], resource_id=bob.id, units=1.0)
    with pytest.raises(ConflictError):
        mine.apply(database)
    (row,) = row_conflicts(database, mine)
    assert (row.key, row.added, row.title) == (("Assignment", added.id), True, "Bob — Design")
    assert row.needs_choice and row.who is not None and row.who.user_name == "bruno"
    assert resolve_rows(database, mine, [row], {row.key: THEIRS}) is None  # nothing to delete
    resolve_rows(database, mine, [row], {row.key: MINE}).apply(database)
    assert _names(database, plan["project"]) == [("1", "Test")]
    assert _count(database, Assignment) == 0


def test_rows_they_deleted_or_only_rescheduled_go_without_a_question(
    database: Database, other: Database, plan: dict[str, int]
) -> None:
    mine = delete_tasks(database, [plan["Build"]])
    link = crud.get(other, Dependency, plan["Design>Code"])
    crud.delete(other, Dependency, link.id, link.version)
    _their_edit(other, Task, plan["Design"], start=None)  # a derived column only
    with pytest.raises(ConflictError):
        mine.apply(database)
    found = row_conflicts(database, mine)
    assert [(row.key, row.deleted) for row in found] == [
        (("Task", plan["Design"]), False),
        (("Dependency", plan["Design>Code"]), True),
    ]
    assert not any(row.needs_choice for row in found)
    resolve_rows(database, mine, found, {}).apply(database)
    assert _names(database, plan["project"]) == [("1", "Test")]


def test_deleting_a_link_changed_meanwhile_asks_first(
    database: Database, other: Database, plan: dict[str, int]
) -> None:
    mine = delete_link(database, plan["Code>Test"])
    _their_edit(other, Dependency, plan["Code>Test"], lag=DAY)
    with pytest.raises(ConflictError):
        mine.apply(database)
    (row,) = row_conflicts(database, mine)
    assert (row.title, [item.name for item in row.fields]) == ("Code → Test", ["lag"])
    assert resolve_rows(database, mine, [row], {row.key: THEIRS}) is None
    resolve_rows(database, mine, [row], {row.key: MINE}).apply(database)
    assert _count(database, Dependency) == 1


def test_redo_of_a_delete_checks_the_rows_it_brought_back(
    database: Database, other: Database, plan: dict[str, int]
) -> None:
    mine = delete_tasks(database, [plan["Build"]])
    mine.apply(database)
    mine.revert(database)
    _their_edit(other, Task, plan["Design"], notes="Keep this")
    with pytest.raises(ConflictError):
        mine.apply(database)  # redo
    assert crud.get(database, Task, plan["Design"]).notes == "Keep this"
    assert [name for _wbs, name in _names(database, plan["project"])] == [
        "Build", "Design", "Code", "Test",
    ]  # fmt: skip


# -- re-costing ----------------------------------------------------------------------------


def _costs(database: Database, ids: list[int]) -> list[Decimal]:
    return [crud.get(database, Assignment, item).cost for item in ids]


def test_a_re_costing_resolves_per_assignment(
    database: Database, other: Database, plan: dict[str, int]
) -> None:
    second = crud.create(database, Assignment, task_id=plan["Design"], resource_id=plan["Ana"],
                         units=1.0, work_minutes=600, cost=Decimal("0")).id  # fmt: skip
    first = plan["assignment"]
    _their_edit(database, Assignment, first, work_minutes=1200, cost=Decimal("0"))
    pool = load_pool(database, plan["portfolio"], date(2026, 5, 11))
    ana = next(row for row in pool.rows if row.id == plan["Ana"])
    mine = edit_resource_with_costs(database, ana, cost_rate="60")
    assert mine is not None
    _their_edit(other, Assignment, first, cost=Decimal("999"))
    _their_edit(other, Assignment, second, units=0.5)
    with pytest.raises(ConflictError):
        mine.apply(database)
    assert _costs(database, [first, second]) == [Decimal("999"), Decimal("0")]
    found = row_conflicts(database, mine)
    by_key = {row.key: row for row in found}
    cost_row = by_key[("Assignment", first)]
    assert [(item.name, item.mine, item.theirs) for item in cost_row.fields] == [
        ("cost", Decimal("1200.00"), Decimal("999"))
    ]
    assert cost_row.needs_choice  # both changed the cost
    assert not by_key[("Assignment", second)].needs_choice  # they changed something else
    resolved = resolve_rows(database, mine, found, {cost_row.key: THEIRS})
    resolved.apply(database)
    assert _costs(database, [first, second]) == [Decimal("999"), Decimal("600.00")]
    assert crud.get(database, Resource, plan["Ana"]).cost_rate == Decimal("60")
    resolved.revert(database)
    assert _costs(database, [first, second]) == [Decimal("999"), Decimal("0")]


def test_a_re_costing_follows_its_rate_change_when_theirs_is_kept(
    database: Database, other: Database, plan: dict[str, int]
) -> None:
    first = plan["assignment"]
    _their_edit(database, Assignment, first, work_minutes=1200, cost=Decimal("0"))
    pool = load_pool(database, plan["portfolio"], date(2026, 5, 11))
    ana = next(row for row in pool.rows if row.id == plan["Ana"])
    mine = edit_resource_with_costs(database, ana, cost_rate="70")
    assert mine is not None
    _their_edit(other, Resource, plan["Ana"], cost_rate=Decimal("65"))
    with pytest.raises(ConflictError):
        mine.apply(database)
    (row,) = row_conflicts(database, mine)
    assert row.key == ("Resource", plan["Ana"])
    # Their rate kept: the costs computed at mine are not written either.
    assert resolve_rows(database, mine, [row], {row.key: THEIRS}) is None
    resolve_rows(database, mine, [row], {row.key: MINE}).apply(database)
    assert crud.get(database, Resource, plan["Ana"]).cost_rate == Decimal("70")
    assert _costs(database, [first]) == [Decimal("1400.00")]
