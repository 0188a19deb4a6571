"""The RAID logs' rows, filters, codes and undoable edits, and the cross-project links,
checked against SQL of their own on SQLite files and on PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select, text

from pmo_desktop.errors import ValidationError
from pmo_desktop.models import Portfolio, Programme, Task
from pmo_desktop.services.database import Database
from pmo_desktop.services.demo import create_demo
from pmo_desktop.services.raid_links import LinkState, load_cross_links
from pmo_desktop.services.raid_logs import (
    PORTFOLIO_LEVEL,
    SPECS,
    LogFilter,
    LogKind,
    delete_entry,
    edit_entry,
    filter_rows,
    load_log,
    load_logs,
    new_entry,
    next_code,
)

AS_OF = date(2026, 3, 31)
TABLES = {kind: SPECS[kind].model.__tablename__ for kind in LogKind}  # type: ignore[attr-defined]


def _demo(database: Database) -> int:
    create_demo(database.write_engine, as_of=AS_OF)
    with database.session() as session:
        return session.scalars(select(Portfolio.id)).one()


def _sql(database: Database, query: str, **params: object) -> list[tuple]:
    with database.session() as session:
        return [tuple(row) for row in session.execute(text(query), params)]


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def test_rows_of_every_log_match_the_database(database: Database) -> None:
    portfolio_id = _demo(database)
    logs = load_logs(database, portfolio_id, AS_OF)
    for kind, table in TABLES.items():
        expected = _sql(
            database,
            f"SELECT e.code, e.title, COALESCE(p.code, ''), e.owner FROM {table} e "
            "LEFT JOIN projects p ON p.id = e.project_id ORDER BY e.code",
        )
        rows = logs[kind].rows
        assert len(rows) == len(expected) > 0, kind
        assert [(r.code, r.title, r.project_code, r.owner) for r in rows] == expected
    overdue_issues = {
        code
        for code, status, due in _sql(database, "SELECT code, status, due_date FROM issues")
        if status in ("open", "in_progress") and due is not None and _as_date(due) < AS_OF
    }
    assert overdue_issues
    assert {r.code for r in logs[LogKind.ISSUES].rows if r.overdue} == overdue_issues
    escalated = {code for (code,) in _sql(database, "SELECT code FROM issues WHERE escalated")}
    assert {r.code for r in logs[LogKind.ISSUES].rows if r.escalated} == escalated


def test_scopes_programme_and_project(database: Database) -> None:
    portfolio_id = _demo(database)
    with database.session() as session:
        programme_id = session.scalars(select(Programme.id).order_by(Programme.id)).first()
    by_programme = load_log(
        database, LogKind.DECISIONS, portfolio_id, AS_OF, programme_id=programme_id
    )
    expected = _sql(
        database,
        "SELECT d.code FROM decisions d JOIN projects p ON p.id = d.project_id "
        "WHERE p.programme_id = :programme ORDER BY d.code",
        programme=programme_id,
    )
    assert [row.code for row in by_programme.rows] == [code for (code,) in expected]
    project_id = by_programme.rows[0].project_id
    assert project_id is not None
    by_project = load_log(database, LogKind.DECISIONS, portfolio_id, AS_OF, project_id=project_id)
    assert by_project.rows and {row.project_id for row in by_project.rows} == {project_id}


def test_filters_status_owner_project_overdue(database: Database) -> None:
    portfolio_id = _demo(database)
    rows = load_log(database, LogKind.ISSUES, portfolio_id, AS_OF).rows
    open_rows = filter_rows(rows, LogFilter(statuses=frozenset({"open"})))
    assert {r.code for r in open_rows} == {
        code for (code,) in _sql(database, "SELECT code FROM issues WHERE status = 'open'")
    }
    owner = rows[0].owner
    assert all(r.owner == owner for r in filter_rows(rows, LogFilter(owner=owner)))
    assert len(filter_rows(rows, LogFilter(owner=owner))) == sum(r.owner == owner for r in rows)
    project_id = rows[0].project_id
    kept = filter_rows(rows, LogFilter(project_id=project_id))
    assert kept and all(r.project_id == project_id for r in kept)
    portfolio_level = filter_rows(rows, LogFilter(project_id=PORTFOLIO_LEVEL))
    assert {r.code for r in portfolio_level} == {
        code for (code,) in _sql(database, "SELECT code FROM issues WHERE project_id IS NULL")
    }
    overdue = filter_rows(rows, LogFilter(overdue_only=True))
    assert overdue and all(r.overdue for r in overdue)


def test_lessons_are_searchable_across_projects(database: Database) -> None:
    portfolio_id = _demo(database)
    lessons = load_log(database, LogKind.LESSONS, portfolio_id, AS_OF).rows
    tagged = [row for row in lessons if row.values["tags"]]
    word = tagged[0].values["tags"].split(";")[0]
    found = filter_rows(lessons, LogFilter(text=word.upper()))
    expected = {
        code
        for code, title, description, tags, recommendation in _sql(
            database,
            "SELECT code, title, description, tags, recommendation FROM lessons",
        )
        if word.casefold() in f"{code}\n{title}\n{description}\n{tags}\n{recommendation}".casefold()
    }
    assert {row.code for row in found} >= expected
    assert len({row.project_id for row in found}) > 1, "the search spans projects"
    words = tagged[0].values["recommendation"].split()[:2]
    assert tagged[0] in filter_rows(lessons, LogFilter(text=" ".join(words)))
    assert filter_rows(lessons, LogFilter(text="no-such-word-anywhere")) == []


def test_code_generation_per_log(database: Database) -> None:
    portfolio_id = _demo(database)
    assert next_code(database, LogKind.ISSUES, portfolio_id).startswith("HEL-I-")
    with database.write_session() as session:
        session.execute(text("DELETE FROM change_requests"))
    assert next_code(database, LogKind.CHANGES, portfolio_id) == "CR-001"
    command = new_entry(database, LogKind.CHANGES, portfolio_id, "Add a data-export screen")
    command.apply(database)
    assert command.values["code"] == "CR-001"
    assert next_code(database, LogKind.CHANGES, portfolio_id) == "CR-002"
    with pytest.raises(ValidationError, match="already used"):
        new_entry(database, LogKind.CHANGES, portfolio_id, "Again", code="CR-001")
    prefixes = {kind: SPECS[kind].prefix for kind in LogKind}
    assert prefixes == {
        LogKind.ISSUES: "ISS", LogKind.ASSUMPTIONS: "ASM", LogKind.DECISIONS: "DEC",
        LogKind.CHANGES: "CR", LogKind.LESSONS: "LES",
    }  # fmt: skip


def _row(database: Database, kind: LogKind, portfolio_id: int, code: str):  # type: ignore[no-untyped-def]
    rows = load_log(database, kind, portfolio_id, AS_OF).rows
    return next(row for row in rows if row.code == code)


def test_create_update_delete_and_undo_redo(database: Database) -> None:
    portfolio_id = _demo(database)
    before = _sql(database, "SELECT * FROM decisions ORDER BY id")
    create = new_entry(
        database, LogKind.DECISIONS, portfolio_id, "  Choose the hosting  ",
        owner="Anne Lefort", needed_by=AS_OF + timedelta(days=10), options="A or B",
    )  # fmt: skip
    create.apply(database)
    code = create.values["code"]
    row = _row(database, LogKind.DECISIONS, portfolio_id, code)
    assert (row.title, row.values["options"], row.status) == (
        "Choose the hosting",
        "A or B",
        "pending",
    )
    edit = edit_entry(
        database, row, today=AS_OF, status="approved", rationale="Cheaper", decided_by="Board"
    )
    edit.apply(database)
    edited = _row(database, LogKind.DECISIONS, portfolio_id, code)
    assert edited.status == "approved" and edited.values["decided_on"] == AS_OF
    assert edited.values["rationale"] == "Cheaper"
    edit.revert(database)
    reverted = _row(database, LogKind.DECISIONS, portfolio_id, code)
    assert reverted.status == "pending" and reverted.values["decided_on"] is None
    edit.apply(database)
    delete = delete_entry(_row(database, LogKind.DECISIONS, portfolio_id, code))
    delete.apply(database)
    assert not _sql(database, "SELECT id FROM decisions WHERE code = :c", c=code)
    delete.revert(database)
    assert _row(database, LogKind.DECISIONS, portfolio_id, code).status == "approved"
    edit.revert(database)
    create.revert(database)
    assert _sql(database, "SELECT * FROM decisions ORDER BY id") == before
    create.apply(database)  # redo puts it back with the same id
    assert _sql(database, "SELECT id FROM decisions WHERE code = :c", c=code) == [
        (create.entity_id,)
    ]


def test_edit_checks_values(database: Database) -> None:
    portfolio_id = _demo(database)
    change = load_log(database, LogKind.CHANGES, portfolio_id, AS_OF).rows[0]
    command = edit_entry(database, change, impact_cost="1250.5", impact_schedule_days="7")
    assert command.after == {"impact_cost": Decimal("1250.50"), "impact_schedule_days": 7}
    with pytest.raises(ValidationError):
        edit_entry(database, change, status="maybe")
    with pytest.raises(ValidationError):
        edit_entry(database, change, title="   ")
    with pytest.raises(ValidationError):
        edit_entry(database, change, priority="high")  # issues only
    other = load_log(database, LogKind.CHANGES, portfolio_id, AS_OF).rows[1]
    with pytest.raises(ValidationError, match="already used"):
        edit_entry(database, change, code=other.code)
    blank = edit_entry(database, change, code="")
    assert blank.after["code"] == next_code(database, LogKind.CHANGES, portfolio_id)


def test_cross_project_links_equal_an_independent_query(database: Database) -> None:
    portfolio_id = _demo(database)
    links = load_cross_links(database, portfolio_id)
    expected = _sql(
        database,
        "SELECT d.id, pt.project_id, pt.id, st.project_id, st.id, d.type, d.lag "
        "FROM dependencies d JOIN tasks pt ON pt.id = d.predecessor_id "
        "JOIN tasks st ON st.id = d.successor_id WHERE pt.project_id <> st.project_id",
    )
    assert expected
    assert sorted(
        (r.id, r.predecessor_project_id, r.predecessor_task_id, r.successor_project_id,
         r.successor_task_id, str(r.type), r.lag)
        for r in links
    ) == sorted(expected)  # fmt: skip
    assert all(r.state is not LinkState.UNKNOWN for r in links)
    one = links[0]
    mine = load_cross_links(database, portfolio_id, project_id=one.successor_project_id)
    assert one in mine
    assert all(
        one.successor_project_id in (r.predecessor_project_id, r.successor_project_id) for r in mine
    )


def test_link_state_follows_the_dates(database: Database) -> None:
    portfolio_id = _demo(database)
    link = load_cross_links(database, portfolio_id)[0]
    with database.write_session() as session:
        finish = session.get(Task, link.predecessor_task_id).finish  # type: ignore[union-attr]
        assert finish is not None
        session.execute(
            text("UPDATE dependencies SET type = 'FS', lag = 0, lag_unit = 'working' "
                 "WHERE id = :d"), {"d": link.id},
        )  # fmt: skip
        successor = session.get(Task, link.successor_task_id)
        assert successor is not None
        successor.start = finish - timedelta(days=2)
    violated = next(r for r in load_cross_links(database, portfolio_id) if r.id == link.id)
    assert violated.state is LinkState.VIOLATED and violated.gap_minutes is not None
    assert violated.gap_minutes < 0
