"""Reading the audit trail on SQLite files and PostgreSQL: one object's history and the
portfolio's change log, with its filters and pages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import insert, select

from pmo_desktop.models import AuditAction, AuditEntry, Portfolio, Programme, Project, Risk, Task
from pmo_desktop.services import crud
from pmo_desktop.services.audit_log import (
    ChangeLogFilter,
    change_log,
    change_log_choices,
    object_history,
    summary_counts,
)
from pmo_desktop.services.database import Database
from pmo_desktop.storage import audit


@pytest.fixture
def edited(database: Database) -> dict[str, int]:
    """Two portfolios; edits by two people on tasks and risks of two projects."""
    database.user_name = "alice"
    portfolio = crud.create(database, Portfolio, name="Group IT")
    other = crud.create(database, Portfolio, name="Other")
    programme = crud.create(
        database, Programme, portfolio_id=portfolio.id, code="DW", name="Digital Workplace"
    )
    laptop = crud.create(
        database,
        Project,
        portfolio_id=portfolio.id,
        programme_id=programme.id,
        code="DW-01",
        name="Laptop refresh",
    )
    portal = crud.create(
        database, Project, portfolio_id=portfolio.id, code="CX-01", name="Customer portal"
    )
    foreign = crud.create(database, Project, portfolio_id=other.id, code="O-1", name="Elsewhere")
    task = crud.create(database, Task, project_id=laptop.id, name="Order laptops")
    database.user_name = "Bénédicte"
    task = crud.update(database, Task, task.id, task.version, name="Déployer les portables")
    risk = crud.create(
        database, Risk, portfolio_id=portfolio.id, project_id=portal.id, code="R1", title="Delay"
    )
    crud.update(database, Risk, risk.id, risk.version, probability=5)
    crud.create(database, Task, project_id=foreign.id, name="Not ours")
    return {
        "portfolio": portfolio.id,
        "other": other.id,
        "programme": programme.id,
        "laptop": laptop.id,
        "portal": portal.id,
        "task": task.id,
        "risk": risk.id,
    }


def test_an_objects_history_is_newest_first_with_its_field_changes(
    database: Database, edited: dict[str, int]
) -> None:
    history = object_history(database, "tasks", edited["task"])
    assert [record.action for record in history] == [AuditAction.UPDATE, AuditAction.INSERT]
    changed, created = history
    assert changed.user_name == "Bénédicte"
    assert [(c.name, c.before, c.after) for c in changed.changes] == [
        ("name", "Order laptops", "Déployer les portables")
    ]
    assert changed.label == "Déployer les portables"
    assert changed.project_id == edited["laptop"]
    assert changed.portfolio_id == edited["portfolio"]
    assert created.user_name == "alice"
    assert {c.name for c in created.changes} >= {"name", "project_id"}
    assert all(c.before is None for c in created.changes)
    assert all(not c.name.startswith("_") for c in created.changes)
    assert object_history(database, "tasks", 999_999) == []


def _entities(database: Database, log_filter: ChangeLogFilter) -> list[tuple[str, str]]:
    page = change_log(database, log_filter)
    assert page.total == len(page.records)
    return [(record.entity, record.action.value) for record in page.records]


def test_the_change_log_filters_by_portfolio_project_programme_who_kind_and_text(
    database: Database, edited: dict[str, int]
) -> None:
    portfolio = edited["portfolio"]
    everything = change_log(database, ChangeLogFilter())
    assert everything.total == 11
    at = [record.at for record in everything.records]
    assert at == sorted(at, reverse=True)  # newest first

    mine = _entities(database, ChangeLogFilter(portfolio_id=portfolio))
    assert ("portfolios", "insert") in mine  # the portfolio itself
    assert len(mine) == 8  # not the other portfolio, its project and task
    assert _entities(database, ChangeLogFilter(project_id=edited["portal"])) == [
        ("risks", "update"),
        ("risks", "insert"),
        ("projects", "insert"),
    ]
    programme = ChangeLogFilter(portfolio_id=portfolio, programme_id=edited["programme"])
    assert _entities(database, programme) == [
        ("tasks", "update"),
        ("tasks", "insert"),
        ("projects", "insert"),
        ("programmes", "insert"),
    ]
    who = ChangeLogFilter(portfolio_id=portfolio, user_name="Bénédicte")
    assert _entities(database, who) == [
        ("risks", "update"),
        ("risks", "insert"),
        ("tasks", "update"),
    ]
    kind = ChangeLogFilter(portfolio_id=portfolio, entity="risks")
    assert _entities(database, kind) == [("risks", "update"), ("risks", "insert")]
    # Text: in the values, case-insensitive, accents included, and in the author's name.
    for text in ("déployer", "DÉPLOYER", "portables"):
        found = _entities(database, ChangeLogFilter(portfolio_id=portfolio, text=text))
        assert found == [("tasks", "update")], text
    by_author = _entities(database, ChangeLogFilter(text="ALICE"))
    assert len(by_author) == 7
    assert _entities(database, ChangeLogFilter(text="100%_literal")) == []


def test_the_change_log_filters_by_date_range(database: Database, edited: dict[str, int]) -> None:
    today = date.today()
    with database.write_session() as session:
        # Audit entries cannot be back-dated (they are append-only): an older trail is made
        # of copies of the risk's rows written ten days earlier.
        rows = session.scalars(select(AuditEntry).where(AuditEntry.entity == "risks")).all()
        for row in rows:
            copy = {
                column.key: getattr(row, column.key)
                for column in AuditEntry.__table__.columns
                if column.key != "id"
            }
            session.execute(insert(AuditEntry).values(copy | {"at": row.at - timedelta(days=10)}))
    recent = ChangeLogFilter(since=today - timedelta(days=1))
    assert _entities(database, recent).count(("risks", "update")) == 1  # the copy is older
    older = ChangeLogFilter(until=today - timedelta(days=5))
    assert _entities(database, older) == [("risks", "update"), ("risks", "insert")]
    window = ChangeLogFilter(since=today - timedelta(days=20), until=today - timedelta(days=9))
    assert len(_entities(database, window)) == 2


def test_the_change_log_is_read_a_page_at_a_time(
    database: Database, edited: dict[str, int]
) -> None:
    log_filter = ChangeLogFilter()
    pages = []
    offset = 0
    while True:
        page = change_log(database, log_filter, offset=offset, page_size=5)
        pages.append(page)
        if not page.has_older:
            break
        offset += 5
    assert [len(page.records) for page in pages] == [5, 5, 1]
    assert not pages[0].has_newer and pages[1].has_newer
    ids = [record.id for page in pages for record in page.records]
    assert ids == [record.id for record in change_log(database, log_filter).records]


def test_choices_list_authors_kinds_and_the_portfolios_projects(
    database: Database, edited: dict[str, int]
) -> None:
    choices = change_log_choices(database, edited["portfolio"])
    assert choices.users == ("alice", "Bénédicte")
    assert set(choices.entities) == {"portfolios", "programmes", "projects", "tasks", "risks"}
    assert [code for _id, code, _name in choices.projects] == ["CX-01", "DW-01"]


def test_import_rows_read_back_with_their_counts(
    database: Database, edited: dict[str, int]
) -> None:
    with database.write_session() as session:
        audit.record_import(
            session,
            "plan.xml",
            {"tasks": 12},
            project_id=edited["laptop"],
            portfolio_id=edited["portfolio"],
        )
    page = change_log(database, ChangeLogFilter(project_id=edited["laptop"], entity="import"))
    (record,) = page.records
    assert record.is_import
    assert record.label == "plan.xml"
    assert summary_counts(record) == {"tasks": 12}
