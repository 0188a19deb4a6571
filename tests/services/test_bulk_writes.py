"""Bulk writes are set-based on PostgreSQL: a few statements, each sending its ids in
change notices of 500 (migration 0011), not one statement and one notice per row; the row
version checks still refuse a stale row, on both backends, and the rows, versions and
audit entries written are those of the row-by-row path."""

from __future__ import annotations

import json
import math
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import psycopg
import pytest
from sqlalchemy import bindparam, func, insert, select
from sqlalchemy.engine import make_url

from pmo_desktop.errors import ConflictError
from pmo_desktop.models import (
    Assignment,
    AuditAction,
    AuditEntry,
    Calendar,
    Portfolio,
    Project,
    Resource,
    Task,
)
from pmo_desktop.services import crud
from pmo_desktop.services import scheduling as portfolio_scheduling
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.services.levelling_commands import relevel
from pmo_desktop.services.project_schedule import reschedule_project
from pmo_desktop.services.task_outline import indent
from pmo_desktop.storage.change_feed import CHANNEL

DAY = 480
ROWS = 1_234  # three notices of at most 500 ids per statement: 500 + 500 + 234
NOTICES = math.ceil(ROWS / 500)


# -- on the server: notices per statement, not per row ------------------------------------------


@pytest.fixture
def listener(postgres_url: str) -> Iterator[psycopg.Connection[Any]]:
    """A raw LISTEN connection: every notice the server sends, one by one."""
    connection = psycopg.connect(
        make_url(postgres_url).set(drivername="postgresql").render_as_string(False),
        autocommit=True,
    )
    connection.execute(f"LISTEN {CHANNEL}")
    yield connection
    connection.close()


def _notices(listener: psycopg.Connection[Any], database: Database) -> list[dict[str, Any]]:
    """The notices sent so far: read up to a marker committed now (the server delivers
    notices in commit order)."""
    marker = crud.create(database, Calendar, name=f"Marker {time.monotonic_ns()}").id
    found: list[dict[str, Any]] = []
    for notice in listener.notifies(timeout=60):
        payload = json.loads(notice.payload)
        if payload["table"] == "calendars" and marker in payload["ids"]:
            return found
        found.append(payload)
    raise AssertionError(f"the marker's notice never came ({len(found)} notices read)")


def _of(notices: list[dict[str, Any]], table: str, op: str) -> tuple[int, set[int]]:
    """How many notices a table's operation sent, and all the ids they named."""
    mine = [notice for notice in notices if (notice["table"], notice["op"]) == (table, op)]
    return len(mine), {task_id for notice in mine for task_id in notice["ids"]}


def _big_project(database: Database) -> tuple[int, int, list[int], list[int]]:
    """A project of ROWS one-day tasks, each with an assignment, inserted by Core
    executemany (as the imports and the demo do): portfolio, project, task and assignment
    ids."""
    portfolio = crud.create(database, Portfolio, name="Big")
    project = crud.create(database, Project, portfolio_id=portfolio.id, code="BIG", name="Big",
                          start_date=date(2026, 5, 11))  # fmt: skip
    resource = crud.create(database, Resource, portfolio_id=portfolio.id, code="R", name="Ana")
    with database.write_engine.begin() as connection:
        connection.execute(
            insert(Task),
            [{"project_id": project.id, "wbs": str(n), "name": f"T{n}", "position": n,
              "duration_minutes": DAY} for n in range(1, ROWS + 1)],
        )  # fmt: skip
        tasks = list(connection.execute(select(Task.id).order_by(Task.id)).scalars())
        connection.execute(
            insert(Assignment),
            [{"task_id": task_id, "resource_id": resource.id, "units": 0.01} for task_id in tasks],
        )
        assignments = list(connection.execute(select(Assignment.id)).scalars())
    return portfolio.id, project.id, tasks, assignments


@pytest.mark.postgres
def test_bulk_inserts_reschedules_and_outline_writes_send_a_notice_per_500_rows(
    postgres_url: str, listener: psycopg.Connection[Any]
) -> None:
    database, other = open_database(postgres_url), open_database(postgres_url)
    try:
        portfolio_id, project_id, tasks, assignments = _big_project(database)
        notices = _notices(listener, other)
        # Core executemany INSERT: multi-row statements of 500 rows (storage/engine.py).
        assert _of(notices, "tasks", "insert") == (NOTICES, set(tasks))
        assert _of(notices, "assignments", "insert") == (NOTICES, set(assignments))

        # The portfolio reschedule writes every task and assignment (services/scheduling.py).
        portfolio_scheduling.reschedule(database, portfolio_id)
        notices = _notices(listener, other)
        assert _of(notices, "tasks", "update") == (NOTICES, set(tasks))
        assert _of(notices, "assignments", "update") == (NOTICES, set(assignments))

        # A project reschedule writes the tasks that moved (services/project_schedule.py).
        project = crud.get(database, Project, project_id)
        crud.update(database, Project, project_id, project.version, start_date=date(2026, 6, 1))
        reschedule_project(database, project_id)
        notices = _notices(listener, other)
        assert _of(notices, "tasks", "update") == (NOTICES, set(tasks))
        assert _of(notices, "assignments", "update") == (NOTICES, set(assignments))
        with database.session() as session:
            starts = set(session.scalars(select(Task.start)))
            versions = set(session.scalars(select(Task.version)))
        assert starts == {datetime(2026, 6, 1, 8)} and versions == {3}

        # An outline write (every task but the first under the first), then its reschedule.
        indent(database, tasks[1:]).apply(database)
        notices = _notices(listener, other)
        count, ids = _of(notices, "tasks", "update")
        assert ids == set(tasks) and count <= 2 * NOTICES  # the outline, then the dates
        with database.session() as session:
            parents = set(session.scalars(select(Task.parent_id).where(Task.id != tasks[0])))
        assert parents == {tasks[0]}
    finally:
        other.close()
        database.close()


@pytest.mark.postgres
def test_a_levelling_apply_and_its_undo_send_a_notice_per_500_rows(
    postgres_url: str, listener: psycopg.Connection[Any]
) -> None:
    database, other = open_database(postgres_url), open_database(postgres_url)
    try:
        portfolio_id, _project_id, tasks, assignments = _big_project(database)
        portfolio_scheduling.reschedule(database, portfolio_id)
        _notices(listener, other)
        levelling = relevel(database, dict.fromkeys(tasks, DAY))
        mark = _last_audit_id(database)
        levelling.apply(database)
        notices = _notices(listener, other)
        assert _of(notices, "tasks", "update") == (NOTICES, set(tasks))
        assert _of(notices, "assignments", "update") == (NOTICES, set(assignments))
        with database.session() as session:
            stored = session.execute(select(Task.levelling_delay_minutes, Task.start)).all()
        assert set(stored) == {(DAY, datetime(2026, 5, 12, 8))}
        logged = [row for row in _audit(database, mark) if row[1] != "calendars"]  # not markers
        assert len(logged) == ROWS + ROWS  # one per row written, as the ORM path logs
        assert {(row[0], row[1]) for row in logged} == {
            (AuditAction.UPDATE, "tasks"),
            (AuditAction.UPDATE, "assignments"),
        }

        levelling.revert(database)
        notices = _notices(listener, other)
        assert _of(notices, "tasks", "update") == (NOTICES, set(tasks))
        assert _of(notices, "assignments", "update") == (NOTICES, set(assignments))
        with database.session() as session:
            stored = session.execute(select(Task.levelling_delay_minutes, Task.start)).all()
        assert set(stored) == {(0, datetime(2026, 5, 11, 8))}
    finally:
        other.close()
        database.close()


# -- both backends: the version check, the values written, the audit trail -----------------------


@pytest.fixture
def three_tasks(database: Database) -> list[Task]:
    portfolio = crud.create(database, Portfolio, name="P")
    project = crud.create(database, Project, portfolio_id=portfolio.id, code="A", name="Alpha",
                          start_date=date(2026, 5, 11))  # fmt: skip
    return [
        crud.create(database, Task, project_id=project.id, name=name, position=position,
                    duration_minutes=DAY)
        for position, name in enumerate(("Design", "Code", "Test"), start=1)
    ]  # fmt: skip


def _stored(database: Database) -> dict[int, tuple[Any, ...]]:
    with database.session() as session:
        rows = session.execute(
            select(Task.id, Task.version, Task.start, Task.critical, Task.total_slack_minutes,
                   Task.name, Task.updated_at)
        ).all()  # fmt: skip
    return {row[0]: tuple(row[1:]) for row in rows}


def test_update_rows_writes_each_row_at_its_version_and_moves_it_on(
    database: Database, three_tasks: list[Task]
) -> None:
    design, code, test = three_tasks
    before = _stored(database)
    stamp = datetime(2026, 5, 1, 12, 30, tzinfo=UTC)
    rows = [
        {"id": design.id, "version": 1, "start": datetime(2026, 5, 11, 8), "critical": True,
         "total_slack_minutes": None},
        {"id": code.id, "version": 1, "start": None, "critical": False,
         "total_slack_minutes": 960},
    ]  # fmt: skip
    with database.write_session() as session:
        assert crud.update_rows(session, Task, rows, also={"updated_at": stamp}) == 2
    after = _stored(database)
    assert after[design.id] == (2, datetime(2026, 5, 11, 8), True, None, "Design", stamp)
    assert after[code.id] == (2, None, False, 960, "Code", stamp)
    assert after[test.id] == before[test.id]  # not named: untouched
    # Without `also`, the column's own onupdate stamps the row (as the outline writes do).
    with database.write_session() as session:
        crud.update_rows(session, Task, [{"id": test.id, "version": 1, "critical": True}])
    version, start, critical, slack, name, updated_at = _stored(database)[test.id]
    assert (version, start, critical, slack, name) == (2, None, True, None, "Test")
    assert updated_at > before[test.id][5]


def test_update_rows_refuses_a_stale_row_and_writes_nothing(
    database: Database, three_tasks: list[Task]
) -> None:
    design, code, test = three_tasks
    other = open_database(database.target)
    try:
        crud.update(other, Task, code.id, code.version, name="Coding")  # version 2 now
    finally:
        other.close()
    before = _stored(database)
    rows = [{"id": task.id, "version": 1, "critical": True} for task in (design, code, test)]
    with pytest.raises(ConflictError) as caught, database.write_session() as session:
        crud.update_rows(session, Task, rows)
    error = caught.value
    assert (error.entity, error.entity_id) == ("Task", code.id)
    assert (error.expected_version, error.their_version) == (1, 2)
    assert error.theirs is not None and error.theirs["name"] == "Coding"
    assert _stored(database) == before  # the transaction rolled back: no row written
    # The unchecked write counts what it wrote (the caller decides: resource costs do).
    with database.write_session() as session:
        assert crud.write_rows(session, Task, rows) == 2


def test_bulk_rows_must_be_alike(database: Database, three_tasks: list[Task]) -> None:
    design, code, _test = three_tasks
    with database.write_session() as session:
        with pytest.raises(ValueError, match="twice"):
            crud.update_rows(session, Task, [{"id": design.id, "version": 1, "critical": True}] * 2)
        unlike = [{"id": design.id, "version": 1, "critical": True},
                  {"id": code.id, "version": 1, "name": "X"}]  # fmt: skip
        with pytest.raises(ValueError, match="same columns"):
            crud.update_rows(session, Task, unlike)
        with pytest.raises(ValueError, match="no column"):
            crud.update_rows(session, Task, [{"id": design.id, "version": 1, "colour": "red"}])


def _audit(database: Database, since: int) -> list[tuple[Any, ...]]:
    with database.session() as session:
        rows = session.execute(
            select(AuditEntry.action, AuditEntry.entity, AuditEntry.entity_id,
                   AuditEntry.entity_uuid, AuditEntry.before, AuditEntry.after,
                   AuditEntry.user_name)
            .where(AuditEntry.id > since)
            .order_by(AuditEntry.id)
        ).all()  # fmt: skip
    return [tuple(row) for row in rows]


def _last_audit_id(database: Database) -> int:
    with database.session() as session:
        return session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc())) or 0


def test_a_levelling_writes_what_the_row_by_row_path_wrote(
    database: Database, three_tasks: list[Task]
) -> None:
    """Same rows, versions and audit entries as each step's own ORM update."""
    design, code, test = three_tasks
    portfolio_id = crud.get(database, Project, design.project_id).portfolio_id
    resource = crud.create(database, Resource, portfolio_id=portfolio_id, code="R", name="Ana")
    assignment = crud.create(database, Assignment, task_id=code.id, resource_id=resource.id,
                             units=1.0)  # fmt: skip
    portfolio_scheduling.reschedule(database, portfolio_id)
    levelling = relevel(database, {code.id: DAY, test.id: 2 * DAY})
    assert [(step.model, step.entity_id) for step in levelling.steps] == [
        (Task, code.id), (Task, test.id), (Assignment, assignment.id)
    ]  # fmt: skip
    mark = _last_audit_id(database)
    levelling.apply(database)
    bulk = _audit(database, mark)
    bulk_rows = _stored(database)
    mark = _last_audit_id(database)
    levelling.revert(database)
    reverted = _audit(database, mark)
    # The same command again, one ORM update per step (TaskEdit's path).
    mark = _last_audit_id(database)
    with database.write_session() as session:
        for step in levelling.steps:
            step.apply(session, database)
    one_by_one = _audit(database, mark)
    assert bulk == one_by_one
    assert [row[0] for row in bulk] == [AuditAction.UPDATE] * 3
    assert bulk[0][5] == {"start": "2026-05-12T08:00:00", "finish": "2026-05-12T17:00:00",
                          "levelling_delay_minutes": DAY, "_label": "Code",
                          "_project": design.project_id, "_portfolio": portfolio_id}  # fmt: skip
    undone = {(row[1], row[2]): row[4] for row in reverted}  # undo is logged: after → before
    assert undone == {(row[1], row[2]): {key: value for key, value in row[5].items()
                                         if key[0] != "_"} for row in bulk}  # fmt: skip
    stored = _stored(database)
    for task_id, values in bulk_rows.items():
        assert stored[task_id][1:5] == values[1:5]  # the same values as the bulk apply
    # each write moved the rows one version on: apply, undo, apply again
    assert stored[code.id][0] == bulk_rows[code.id][0] + 2
    assert stored[design.id][0] == bulk_rows[design.id][0]  # not levelled: untouched


@pytest.mark.postgres
def test_an_insert_with_a_sql_expression_runs_as_before(postgres_url: str) -> None:
    """Only plain one-bind-per-column INSERTs go as arrays; the others run row by row."""
    database = open_database(postgres_url)
    try:
        with database.session() as session:
            first = (session.scalar(select(func.max(Calendar.id))) or 0) + 1
        with database.write_engine.begin() as connection:
            connection.execute(
                insert(Calendar).values(name=func.upper(bindparam("given"))),
                [{"given": "one"}, {"given": "two"}],
            )
            connection.execute(insert(Calendar), [{"name": "three"}])  # one row: execute()
            connection.execute(insert(Calendar), [{"name": "four"}, {"name": "five"}])
        with database.session() as session:
            rows = session.execute(
                select(Calendar.name, Calendar.uuid)
                .where(Calendar.id >= first)
                .order_by(Calendar.id)
            ).all()
        names, uuids = [row.name for row in rows], {row.uuid for row in rows}
        assert names == ["ONE", "TWO", "three", "four", "five"]
        assert len(uuids) == 5  # Python defaults filled row by row, as before
    finally:
        database.close()
