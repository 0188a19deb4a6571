"""Conflicts of commands that write several rows, resolved row by row (issue 8 §2).

Two Database objects on the same database ("alice" and "bruno"). A multi-row command of
alice's meets bruno's commits on some of its rows: nothing is written; `row_conflicts`
lists those rows (fields that differ, who); `resolve_rows` rebuilds ONE command on top of
bruno's versions (a row kept "mine" writes alice's values, a row kept "theirs" keeps
bruno's, the other rows apply as intended, dates are rescheduled); undo restores. The bulk
UPDATEs of a reschedule and of an outline change check versions too. SQLite file and
PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from pmo_desktop.errors import ConflictError, ValidationError
from pmo_desktop.models import Assignment, Dependency, Portfolio, Project, Resource, Task
from pmo_desktop.services import crud, project_schedule
from pmo_desktop.services import scheduling as portfolio_scheduling
from pmo_desktop.services.commands import CompositeCommand, UpdateFields
from pmo_desktop.services.conflicts import MINE, THEIRS
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.services.levelling_commands import relevel
from pmo_desktop.services.project_schedule import reschedule_project
from pmo_desktop.services.row_conflicts import (
    RowConflict,
    read_values,
    resolve_rows,
    row_conflicts,
)
from pmo_desktop.services.task_edits import edit_task, indent, move_task, set_task_fields

DAY = 480


@pytest.fixture
def projects(database: Database) -> list[int]:
    portfolio = crud.create(database, Portfolio, name="Group IT")
    return [
        crud.create(database, Project, portfolio_id=portfolio.id, code=code, name=name,
                    priority=500).id
        for code, name in (("A", "Alpha"), ("B", "Beta"), ("C", "Gamma"))
    ]  # fmt: skip


def _priorities(database: Database, ids: list[int], values: list[int]) -> CompositeCommand:
    """Alice's "apply ranking as priorities": one UpdateFields per project, one undo step."""
    commands: list[Any] = []
    for project_id, value in zip(ids, values, strict=True):
        project = crud.get(database, Project, project_id)
        commands.append(
            UpdateFields(
                Project,
                project_id,
                project.version,
                {"priority": project.priority},
                {"priority": value},
            )
        )
    return CompositeCommand(commands, "Apply ranking as priorities")


def _state(database: Database, ids: list[int]) -> list[tuple[str, int]]:
    return [
        (project.name, project.priority)
        for project in (crud.get(database, Project, project_id) for project_id in ids)
    ]


def _their_edit(other: Database, model: Any, entity_id: int, **changes: Any) -> None:
    crud.update(other, model, entity_id, crud.get(other, model, entity_id).version, **changes)


def _conflicting(database: Database, command: Any) -> list[RowConflict]:
    with pytest.raises(ConflictError):
        command.apply(database)
    return row_conflicts(database, command)


def test_a_ranking_meeting_two_changed_projects_resolves_row_by_row(
    database: Database, other: Database, projects: list[int]
) -> None:
    _alpha, beta, gamma = projects
    mine = _priorities(database, projects, [1000, 900, 800])
    _their_edit(other, Project, beta, priority=100)
    _their_edit(other, Project, gamma, name="Gamma (renamed)", priority=200)
    found = _conflicting(database, mine)
    # Nothing of alice's was written (the first project's write was taken back).
    assert _state(database, projects) == [("Alpha", 500), ("Beta", 100), ("Gamma (renamed)", 200)]
    assert [(row.entity, row.entity_id, row.title) for row in found] == [
        ("Project", beta, "B — Beta"), ("Project", gamma, "C — Gamma (renamed)"),
    ]  # fmt: skip
    for row in found:
        assert row.needs_choice and row.who is not None and row.who.user_name == "bruno"
        assert [(item.name, item.changed_by_me, item.changed_by_them) for item in row.fields] == [
            ("priority", True, True)
        ]
    assert (found[0].fields[0].mine, found[0].fields[0].theirs) == (900, 100)

    resolved = resolve_rows(database, mine, found, {("Project", beta): MINE,
                                                    ("Project", gamma): THEIRS})  # fmt: skip
    resolved.apply(database)
    final = [("Alpha", 1000), ("Beta", 900), ("Gamma (renamed)", 200)]
    assert _state(database, projects) == final
    assert _state(other, projects) == final
    resolved.revert(database)
    assert _state(database, projects) == [("Alpha", 500), ("Beta", 100), ("Gamma (renamed)", 200)]
    resolved.apply(database)  # redo
    assert _state(database, projects) == final


def test_all_theirs_keeps_their_rows_and_applies_the_others(
    database: Database, other: Database, projects: list[int]
) -> None:
    beta = projects[1]
    mine = _priorities(database, projects, [1000, 900, 800])
    _their_edit(other, Project, beta, priority=100)
    found = _conflicting(database, mine)
    resolved = resolve_rows(database, mine, found, {row.key: THEIRS for row in found})
    resolved.apply(database)
    assert _state(database, projects) == [("Alpha", 1000), ("Beta", 100), ("Gamma", 800)]
    # Every row kept theirs and nothing else to write: no command at all.
    only = _priorities(database, [beta], [700])
    _their_edit(other, Project, beta, priority=300)
    rows = _conflicting(database, only)
    assert resolve_rows(database, only, rows, {rows[0].key: THEIRS}) is None


def test_changes_to_other_fields_merge_without_a_choice(
    database: Database, other: Database, projects: list[int]
) -> None:
    mine = _priorities(database, projects, [1000, 900, 800])
    _their_edit(other, Project, projects[1], name="Beta 2")
    (row,) = _conflicting(database, mine)
    assert not row.needs_choice  # bruno renamed it; alice ranks it: both kept
    resolve_rows(database, mine, [row], {}).apply(database)
    assert _state(database, projects) == [("Alpha", 1000), ("Beta 2", 900), ("Gamma", 800)]


def test_a_deleted_row_stays_deleted(
    database: Database, other: Database, projects: list[int]
) -> None:
    mine = _priorities(database, projects, [1000, 900, 800])
    crud.delete(other, Project, projects[2], crud.get(other, Project, projects[2]).version)
    (row,) = _conflicting(database, mine)
    assert row.deleted and row.needs_choice and row.title == "C — Gamma"
    assert row.who is not None and row.who.deleted and row.who.user_name == "bruno"
    resolve_rows(database, mine, [row], {row.key: MINE}).apply(database)
    assert _state(database, projects[:2]) == [("Alpha", 1000), ("Beta", 900)]
    with database.session() as session:
        assert session.get(Project, projects[2]) is None


# -- a Gantt edit of a task and its assignment -------------------------------------------------


@pytest.fixture
def plan(database: Database) -> dict[str, int]:
    """Design 2d → Code 3d (Ana on Code at 100 %)."""
    portfolio = crud.create(database, Portfolio, name="P")
    project = crud.create(database, Project, portfolio_id=portfolio.id, code="A", name="Alpha",
                          start_date=date(2026, 5, 11))  # fmt: skip
    ids = {"project": project.id, "portfolio": portfolio.id}
    for position, (name, days) in enumerate((("Design", 2), ("Code", 3), ("Test", 1)), start=1):
        ids[name] = crud.create(database, Task, project_id=project.id, name=name,
                                position=position, duration_minutes=days * DAY).id  # fmt: skip
    for predecessor, successor in (("Design", "Code"), ("Code", "Test")):
        crud.create(database, Dependency, predecessor_id=ids[predecessor],
                    successor_id=ids[successor])  # fmt: skip
    resource = crud.create(database, Resource, portfolio_id=portfolio.id, code="R1", name="Ana")
    ids["assignment"] = crud.create(database, Assignment, task_id=ids["Code"],
                                    resource_id=resource.id, units=1.0).id  # fmt: skip
    ids["resource"] = resource.id
    reschedule_project(database, project.id)
    return ids


def _task(database: Database, task_id: int) -> Task:
    return crud.get(database, Task, task_id)


def test_a_task_edit_keeps_my_task_and_their_assignment(
    database: Database, other: Database, plan: dict[str, int]
) -> None:
    code, test = plan["Code"], plan["Test"]
    mine = edit_task(database, code, fields={"name": "Build", "duration_minutes": 5 * DAY},
                     assignments={plan["resource"]: 0.5})  # fmt: skip
    _their_edit(other, Task, code, name="Coding", notes="Ask Ana")
    _their_edit(other, Assignment, plan["assignment"], units=0.75)
    found = _conflicting(database, mine)
    assert _task(database, code).name == "Coding"
    assert _task(database, code).duration_minutes == 3 * DAY
    fields = [
        (row.entity, [(item.name, item.changed_by_them) for item in row.fields]) for row in found
    ]
    assert fields == [
        ("Task", [("name", True), ("duration_minutes", False)]),  # only alice set the duration
        ("Assignment", [("units", True)]),
    ]
    task_row, assignment_row = found
    assert (task_row.fields[0].mine, task_row.fields[0].theirs) == ("Build", "Coding")
    resolved = resolve_rows(database, mine, found, {task_row.key: MINE,
                                                    assignment_row.key: THEIRS})  # fmt: skip
    resolved.apply(database)
    stored = _task(database, code)
    assert (stored.name, stored.notes, stored.duration_minutes) == ("Build", "Ask Ana", 5 * DAY)
    assert crud.get(database, Assignment, plan["assignment"]).units == 0.75
    # Derived dates were computed again: Code takes 5 days from Wed 13 May, Test follows.
    assert (stored.start, stored.finish) == (datetime(2026, 5, 13, 8), datetime(2026, 5, 19, 17))
    assert _task(database, test).start == datetime(2026, 5, 20, 8)
    resolved.revert(database)
    stored = _task(database, code)
    assert (stored.name, stored.notes, stored.duration_minutes) == ("Coding", "Ask Ana", 3 * DAY)
    assert _task(database, test).start == datetime(2026, 5, 18, 8)


def test_the_next_round_keeps_what_the_user_had_read(
    database: Database, other: Database, plan: dict[str, int]
) -> None:
    code = plan["Code"]
    mine = set_task_fields(database, code, name="Build", priority=900)
    _their_edit(other, Task, code, name="Coding")
    found = _conflicting(database, mine)
    resolved = resolve_rows(database, mine, found, {found[0].key: MINE})
    _their_edit(other, Task, code, priority=100)  # yet another change meanwhile
    with pytest.raises(ConflictError):
        resolved.apply(database)
    (row,) = row_conflicts(database, resolved, read_values(mine))
    fields = {item.name: (item.changed_by_me, item.changed_by_them) for item in row.fields}
    # Against what alice had read, not the rebased command's "before": both are still hers.
    assert fields == {"name": (True, True), "priority": (True, True)}
    resolve_rows(database, resolved, [row], {row.key: MINE}).apply(database)
    stored = _task(database, code)
    assert (stored.name, stored.priority) == ("Build", 900)


# -- bulk statements check versions ----------------------------------------------------------


def _commit_in_between(
    monkeypatch: pytest.MonkeyPatch, module: Any, name: str, write: Callable[[], None]
) -> None:
    """Another user's commit while the plan is being scheduled (after it was read)."""
    original = getattr(module, name)

    def scheduled(*args: Any) -> Any:
        write()
        return original(*args)

    monkeypatch.setattr(module, name, scheduled)


@pytest.mark.postgres
def test_a_reschedule_does_not_overwrite_a_row_committed_meanwhile(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a server lets another writer in during the transaction (SQLite locks the file)."""
    database, other = open_database(postgres_url), open_database(postgres_url)
    try:
        ids = _small_plan(database)
        mine = move_task(database, ids["Design"], datetime(2026, 5, 13, 8))
        _commit_in_between(
            monkeypatch,
            project_schedule,
            "schedule_project",
            lambda: _their_edit(other, Task, ids["Code"], name="Coding"),
        )
        with pytest.raises(ConflictError) as caught:
            mine.apply(database)
        assert (caught.value.entity, caught.value.entity_id) == ("Task", ids["Code"])
        monkeypatch.undo()
        assert _task(database, ids["Design"]).start == datetime(2026, 5, 11, 8)  # not written
        assert row_conflicts(database, mine) == []  # no row of alice's: only dates to redo
        resolve_rows(database, mine, [], {}).apply(database)
        code = _task(database, ids["Code"])
        assert (code.name, code.start) == ("Coding", datetime(2026, 5, 15, 8))

        _commit_in_between(
            monkeypatch,
            portfolio_scheduling,
            "schedule",
            lambda: _their_edit(other, Task, ids["Code"], notes="Late"),
        )
        with pytest.raises(ConflictError) as caught:
            portfolio_scheduling.reschedule(database, ids["portfolio"])
        assert (caught.value.entity, caught.value.entity_id) == ("Task", ids["Code"])
    finally:
        database.close()
        other.close()


def _small_plan(database: Database) -> dict[str, int]:
    portfolio = crud.create(database, Portfolio, name="P")
    project = crud.create(database, Project, portfolio_id=portfolio.id, code="A", name="Alpha",
                          start_date=date(2026, 5, 11))  # fmt: skip
    ids = {"project": project.id, "portfolio": portfolio.id}
    for position, name in enumerate(("Design", "Code"), start=1):
        ids[name] = crud.create(database, Task, project_id=project.id, name=name,
                                position=position, duration_minutes=2 * DAY).id  # fmt: skip
    crud.create(database, Dependency, predecessor_id=ids["Design"], successor_id=ids["Code"])
    reschedule_project(database, project.id)
    return ids


def test_an_outline_change_does_not_undo_another_users_indent(
    database: Database, other: Database, plan: dict[str, int]
) -> None:
    project = crud.create(database, Project, portfolio_id=plan["portfolio"], code="B",
                          name="Beta", start_date=date(2026, 5, 11))  # fmt: skip
    one, two, three = (
        crud.create(database, Task, project_id=project.id, name=name, position=position,
                    duration_minutes=DAY).id
        for position, name in enumerate(("One", "Two", "Three"), start=1)
    )  # fmt: skip
    mine = indent(database, [three])  # alice read three tasks on level 1
    indent(other, [two]).apply(other)  # bruno: Two under One
    with pytest.raises(ValidationError, match="changed by someone else"):
        mine.apply(database)
    assert _task(database, two).parent_id == one  # bruno's indent is not undone
    assert _task(database, three).parent_id is None


def test_a_levelling_meeting_only_new_dates_is_scheduled_again(
    database: Database, other: Database, plan: dict[str, int]
) -> None:
    """Derived dates are no choice: the chosen delays are applied to the plan as it is now."""
    levelling = relevel(database, {plan["Test"]: 2 * DAY})
    assert _task(database, plan["Test"]).start == datetime(2026, 5, 18, 8)
    set_task_fields(other, plan["Design"], name="Design v2").apply(other)  # no move
    move_task(other, plan["Code"], datetime(2026, 5, 14, 8)).apply(other)  # Code, Test move
    found = _conflicting(database, levelling)
    assert [row.entity_id for row in found] == [plan["Test"]] and not found[0].needs_choice
    resolved = resolve_rows(database, levelling, found, {})
    resolved.apply(database)
    test = _task(database, plan["Test"])
    # Code now ends Tue 19 May; Test's two days of delay put it on Thu 21 May.
    assert (test.levelling_delay_minutes, test.start) == (2 * DAY, datetime(2026, 5, 21, 8))
    resolved.revert(database)
    assert _task(database, plan["Test"]).levelling_delay_minutes == 0
    with database.session() as session:
        assert session.scalar(select(Task.start).where(Task.id == plan["Test"])) == datetime(
            2026, 5, 19, 8
        )
