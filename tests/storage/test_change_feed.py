"""The change feed sees other clients' commits, not our own acknowledged ones."""

from __future__ import annotations

import time

import pytest

from pmo_desktop.errors import DatabaseUnreachableError
from pmo_desktop.models import Portfolio
from pmo_desktop.services import crud
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.storage.change_feed import ChangeFeed
from pmo_desktop.storage.locations import resolve_target


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
