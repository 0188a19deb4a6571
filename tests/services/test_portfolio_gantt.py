"""The portfolio Gantt's read model on the demo portfolio, on SQLite and PostgreSQL, against
figures recomputed here with plain SQL: spans, baselines, RAG, cross-project links, the
programme scope, and a fixed number of queries whatever the number of projects."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import event, text

from pmo_desktop.errors import NotFoundError
from pmo_desktop.services.database import Database
from pmo_desktop.services.demo import create_demo
from pmo_desktop.services.portfolio_gantt import portfolio_gantt_data

AS_OF = date(2026, 10, 30)


@pytest.fixture
def demo(database: Database) -> tuple[Database, int]:
    summary = create_demo(database.engine, as_of=AS_OF)
    return database, summary.portfolio_id


def _rows(database: Database, sql: str, **params: object) -> list[tuple]:
    with database.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql), params)]


def _moment(value: object) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def test_every_project_once_under_its_programme_with_its_span(demo) -> None:
    database, portfolio_id = demo
    data = portfolio_gantt_data(database, portfolio_id)
    expected = _rows(
        database,
        "SELECT p.id, p.programme_id, min(t.start), max(t.finish), count(t.id) FROM projects p "
        "LEFT JOIN tasks t ON t.project_id = p.id WHERE p.portfolio_id = :pid GROUP BY p.id, "
        "p.programme_id",
        pid=portfolio_id,
    )
    projects = {project.id: project for project in data.projects}
    assert sorted(projects) == sorted(row[0] for row in expected)
    for project_id, programme_id, start, finish, count in expected:
        project = projects[project_id]
        assert project.programme_id == programme_id
        assert project.start == _moment(start) and project.finish == _moment(finish)
        assert project.task_count == count
        assert 0.0 <= project.percent_complete <= 100.0
    for programme in data.programmes:
        assert all(project.programme_id == programme.id for project in programme.projects)
        assert programme.start == min(p.start for p in programme.projects if p.start)
    assert data.start == min(p.start for p in data.projects if p.start)
    assert data.finish == max(p.finish for p in data.projects if p.finish)
    assert data.status_date == AS_OF


def test_baseline_and_rag_are_the_stored_ones(demo) -> None:
    database, portfolio_id = demo
    data = portfolio_gantt_data(database, portfolio_id)
    baselines = {
        row[0]: (_moment(row[1]), _moment(row[2]))
        for row in _rows(
            database,
            "SELECT b.project_id, min(bt.start), max(bt.finish) FROM baselines b "
            "JOIN baseline_tasks bt ON bt.baseline_id = b.id WHERE b.number = 0 "
            "GROUP BY b.project_id",
        )
    }
    latest = {
        row[0]: row[1]
        for row in _rows(
            database,
            "SELECT s.project_id, s.rag_overall FROM status_reports s WHERE s.period_end = "
            "(SELECT max(period_end) FROM status_reports x WHERE x.project_id = s.project_id)",
        )
    }
    assert baselines and latest
    for project in data.projects:
        assert (project.baseline_start, project.baseline_finish) == baselines.get(
            project.id, (None, None)
        )
        rag = latest.get(project.id)
        assert (project.rag.value if project.rag else None) == rag
        if project.baseline_finish and project.finish:
            assert project.slipped == (project.finish.date() > project.baseline_finish.date())


def test_cross_project_links_join_tasks_of_two_projects(demo) -> None:
    database, portfolio_id = demo
    data = portfolio_gantt_data(database, portfolio_id)
    expected = _rows(
        database,
        "SELECT d.id, a.project_id, b.project_id FROM dependencies d "
        "JOIN tasks a ON a.id = d.predecessor_id JOIN tasks b ON b.id = d.successor_id "
        "WHERE a.project_id <> b.project_id ORDER BY d.id",
    )
    assert len(expected) >= 4
    assert [(link.id, link.predecessor_project_id, link.successor_project_id)
            for link in data.links] == expected  # fmt: skip
    for link in data.links:
        assert link.predecessor_finish is not None and link.successor_start is not None
        assert link.predecessor_name and link.successor_name


def test_one_programme_shows_its_projects_and_the_links_between_them(demo) -> None:
    database, portfolio_id = demo
    whole = portfolio_gantt_data(database, portfolio_id)
    linked = whole.links[0]
    programme_id = next(
        p.programme_id for p in whole.projects if p.id == linked.successor_project_id
    )
    assert programme_id is not None
    data = portfolio_gantt_data(database, portfolio_id, programme_id)
    assert [programme.id for programme in data.programmes] == [programme_id]
    ids = {project.id for project in data.projects}
    assert ids == {p.id for p in whole.projects if p.programme_id == programme_id}
    assert data.scope_name == data.programmes[0].name
    assert linked.id in {link.id for link in data.links}
    assert all(
        link.predecessor_project_id in ids and link.successor_project_id in ids
        for link in data.links
    )
    with pytest.raises(NotFoundError):
        portfolio_gantt_data(database, portfolio_id, 999_999)
    with pytest.raises(NotFoundError):
        portfolio_gantt_data(database, 999_999)


def test_a_handful_of_queries_whatever_the_number_of_projects(demo) -> None:
    database, portfolio_id = demo
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    engines = {database.engine}
    for engine in engines:
        event.listen(engine, "before_cursor_execute", count)
    try:
        data = portfolio_gantt_data(database, portfolio_id)
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", count)
    assert len(data.projects) >= 10
    assert len(statements) <= 14, statements
