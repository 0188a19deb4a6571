"""The change feed sees other clients' commits, not our own; on PostgreSQL it names the
tables and ids changed (migration 0011's triggers), and a lost listener means a full refresh."""

from __future__ import annotations

import json
import time

import psycopg
import pytest
from sqlalchemy import insert, text
from sqlalchemy.engine import make_url

from pmo_desktop.errors import DatabaseUnreachableError
from pmo_desktop.models import Calendar, Portfolio, Project, Risk, Task
from pmo_desktop.services import crud
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.storage.change_feed import CHANNEL, ChangeFeed, Changes, collect
from pmo_desktop.storage.locations import resolve_target
from pmo_desktop.storage.migrations import change_notices


def _wait_for_change(feed, attempts: int = 50) -> bool:
    """PostgreSQL notices travel through the server: poll a few times before deciding."""
    for _ in range(attempts):
        if feed.poll():
            return True
        time.sleep(0.02)
    return False


def test_other_clients_commit_is_seen(database: Database, db_location: str) -> None:
    feed = database.change_feed()
    try:
        assert not feed.poll()
        other = open_database(db_location)
        try:
            crud.create(other, Portfolio, name="Theirs")
        finally:
            other.close()
        assert _wait_for_change(feed)
        assert not feed.poll()  # reported once
    finally:
        feed.close()


def test_own_acknowledged_commit_is_not_reported(database: Database) -> None:
    feed = database.change_feed()
    try:
        crud.create(database, Portfolio, name="Mine")
        feed.acknowledge()
        assert not _wait_for_change(feed, attempts=10)
    finally:
        feed.close()


def test_rolled_back_write_is_not_reported(database: Database, db_location: str) -> None:
    feed = database.change_feed()
    other = open_database(db_location)
    try:
        with pytest.raises(RuntimeError), other.write_session() as session:
            session.add(Portfolio(name="Never"))
            session.flush()
            raise RuntimeError("user cancelled")
        assert not _wait_for_change(feed, attempts=10)
    finally:
        other.close()
        feed.close()


def test_vanished_file_is_a_clear_error(tmp_path) -> None:
    target = resolve_target(str(tmp_path / "gone" / "portfolio.sqlite"))
    with pytest.raises(DatabaseUnreachableError, match="Cannot watch"):
        ChangeFeed(target, "me")


# PostgreSQL: the triggers of migration 0011 name the tables and ids -----------------------


def _gather(feed: ChangeFeed, done, attempts: int = 250) -> Changes:
    """Poll until `done(changes so far)`; the notices of later commits arrive later."""
    tables: dict[str, set[int]] = {}
    full = False
    for _ in range(attempts):
        changes = feed.poll()
        full = full or changes.full
        for table, ids in changes.tables.items():
            tables.setdefault(table, set()).update(ids)
        gathered = Changes({name: frozenset(ids) for name, ids in tables.items()}, full)
        if done(gathered):
            return gathered
        time.sleep(0.02)
    raise AssertionError(f"the expected notices never came: {gathered}")


def _marker(database: Database) -> int:
    """Someone else commits a new calendar: once its notice is in, every earlier one is too
    (PostgreSQL delivers notices in commit order)."""
    return crud.create(database, Calendar, name=f"Marker {time.monotonic_ns()}").id


def _up_to(marker: int):
    return lambda changes: marker in changes.tables.get("calendars", ())


@pytest.fixture
def server(postgres_url: str):
    """This client (with its feed) and another client, on a new server database."""
    mine = open_database(postgres_url)
    theirs = open_database(postgres_url)
    feed = mine.change_feed()
    yield mine, theirs, feed
    feed.close()
    theirs.close()
    mine.close()


@pytest.mark.postgres
def test_inserts_updates_and_deletes_name_their_tables_and_ids(server) -> None:
    _mine, theirs, feed = server
    portfolio = crud.create(theirs, Portfolio, name="Theirs")
    project = crud.create(theirs, Project, portfolio_id=portfolio.id, code="P-1", name="One")
    risks = [
        crud.create(theirs, Risk, portfolio_id=portfolio.id, code=f"R-{n}", title=f"Risk {n}")
        for n in range(3)
    ]
    changes = _gather(feed, lambda c: len(c.tables.get("risks", ())) == 3)
    assert not changes.full
    assert changes.tables["portfolios"] == {portfolio.id}
    assert changes.tables["projects"] == {project.id}
    assert changes.tables["risks"] == {risk.id for risk in risks}

    crud.update(theirs, Risk, risks[1].id, risks[1].version, title="Changed")
    crud.delete(theirs, Risk, risks[2].id, risks[2].version)
    crud.update(theirs, Project, project.id, project.version, name="Renamed")
    marker = _marker(theirs)
    changes = _gather(feed, _up_to(marker))
    assert changes.tables.pop("calendars") == {marker}
    assert changes == Changes({"risks": frozenset({risks[1].id, risks[2].id}),
                               "projects": frozenset({project.id})})  # fmt: skip
    assert not feed.poll()  # each notice is reported once


@pytest.mark.postgres
def test_a_bulk_update_sends_every_id_in_notices_under_the_size_limit(
    server, postgres_url: str
) -> None:
    _mine, theirs, feed = server
    portfolio = crud.create(theirs, Portfolio, name="Big")
    project = crud.create(theirs, Project, portfolio_id=portfolio.id, code="BULK", name="Bulk")
    first = 2_147_000_000  # ten-digit ids: the longest payloads
    rows = 1_234
    with theirs.write_engine.begin() as connection:
        connection.execute(
            insert(Task),
            [
                {"id": first + n, "project_id": project.id, "wbs": str(n), "name": f"T{n}"}
                for n in range(rows)
            ],
        )  # fmt: skip
    _gather(feed, lambda c: len(c.tables.get("tasks", ())) == rows)

    listener = psycopg.connect(
        make_url(postgres_url).set(drivername="postgresql").render_as_string(False),
        autocommit=True,
    )
    try:
        listener.execute(f"LISTEN {CHANNEL}")
        with theirs.write_session() as session:
            session.execute(text("UPDATE tasks SET notes = 'bulk' WHERE id >= :first"),
                            {"first": first})  # fmt: skip
        changes = _gather(feed, lambda c: len(c.tables.get("tasks", ())) == rows)
        assert changes.tables["tasks"] == set(range(first, first + rows))
        payloads = [notice.payload for notice in listener.notifies(timeout=2, stop_after=3)]
    finally:
        listener.close()
    notices = [json.loads(payload) for payload in payloads]
    assert [(n["table"], n["op"], n["client"]) for n in notices] == [
        ("tasks", "update", theirs.client_id)
    ] * 3  # 1,234 ids: 500 + 500 + 234
    assert sorted(len(n["ids"]) for n in notices) == [234, 500, 500]
    assert max(len(payload.encode()) for payload in payloads) < 8000


@pytest.mark.postgres
def test_rolled_back_changes_and_own_commits_reach_nobody_else(server) -> None:
    mine, theirs, feed = server
    portfolio = crud.create(theirs, Portfolio, name="Kept")
    _gather(feed, lambda c: "portfolios" in c.tables)
    with pytest.raises(RuntimeError), theirs.write_session() as session:
        session.add(Portfolio(name="Never"))
        session.execute(text("UPDATE portfolios SET description = 'never'"))
        session.execute(text("DELETE FROM portfolios WHERE id = :id"), {"id": portfolio.id})
        raise RuntimeError("user cancelled")
    # This client's own commits: the feed knows its client id from the notices.
    own = crud.create(mine, Portfolio, name="Mine")
    with mine.write_session() as session:
        session.execute(text("UPDATE portfolios SET description = 'mine'"))
    crud.delete(mine, Portfolio, own.id, own.version)
    marker = _marker(theirs)
    assert _gather(feed, _up_to(marker)) == Changes({"calendars": frozenset({marker})})


@pytest.mark.postgres
def test_a_killed_listener_reconnects_and_asks_for_a_full_refresh(server) -> None:
    _mine, theirs, feed = server
    pid = feed.backend_pid()
    assert pid is not None
    with theirs.engine.connect() as connection:
        assert connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()
    crud.create(theirs, Portfolio, name="While nobody listened")
    assert _gather(feed, lambda changes: changes.full).full
    assert feed.backend_pid() not in (None, pid)
    marker = _marker(theirs)  # listening again
    assert _gather(feed, _up_to(marker)) == Changes({"calendars": frozenset({marker})})


def test_the_channel_is_the_one_the_triggers_use() -> None:
    assert CHANNEL == change_notices.CHANNEL


def test_payloads_that_are_not_ours_ask_for_a_full_refresh() -> None:
    mine = json.dumps({"client": "me", "table": "risks", "op": "update", "ids": [1]})
    theirs = json.dumps({"client": "you", "table": "risks", "op": "update", "ids": [2, 3]})
    untagged = json.dumps({"client": "", "table": "tasks", "op": "delete", "ids": [4]})
    assert collect([mine, theirs, untagged], "me") == Changes(
        {"risks": frozenset({2, 3}), "tasks": frozenset({4})}
    )
    assert collect(["me"], "me") == Changes()  # an older version's bare client id: ours
    assert collect(["you"], "me").full
    assert collect(['{"table": "risks"}'], "me").full
