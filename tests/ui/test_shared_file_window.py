"""A database file on a (simulated) network drive in the main window: read-only with the
editor's name while someone else edits, the offer to edit once they leave, a stale lease
taken over only on confirmation, and the former editor told that it lost the file."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmo_desktop.models import Portfolio
from pmo_desktop.services import crud
from pmo_desktop.services.database import ASSUME_NETWORK_ENV, Database, open_database
from pmo_desktop.ui.main_window import MainWindow
from pmo_desktop.ui.preferences import Preferences
from pmo_desktop.ui.sharing import open_shared
from pmo_desktop.ui.workers import WorkPool


@pytest.fixture
def shared_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database file that PMO Desktop takes for one on a network drive."""
    monkeypatch.setenv(ASSUME_NETWORK_ENV, "1")
    path = tmp_path / "share" / "portfolio.sqlite"
    path.parent.mkdir()
    database = open_database(path)
    crud.create(database, Portfolio, name="Shared portfolio")
    database.close()
    return path


@pytest.fixture
def pool() -> Iterator[WorkPool]:
    work = WorkPool()
    yield work
    work.drain()


def _window(qtbot, database: Database, dialogs, pool: WorkPool) -> MainWindow:
    window = MainWindow(
        database, dialogs=dialogs, pool=pool, remember_layout=False, watch_changes=False
    )
    qtbot.addWidget(window)
    return window


def test_a_reader_sees_who_edits_and_may_edit_once_they_leave(
    qtbot, shared_file: Path, dialogs, pool: WorkPool
) -> None:
    editor = open_database(shared_file)
    assert editor.lease is not None and not editor.read_only
    reader = open_shared(str(shared_file), lambda _title, _text: True)
    assert reader.read_only and reader.lease is None
    window = _window(qtbot, reader, dialogs, pool)
    try:
        label = window.status.read_only_label
        assert label.isVisibleTo(window)
        assert "Being edited by" in label.text()
        assert not window.import_action.isEnabled()
        assert window.lease_monitor.timer.isActive()

        window.lease_monitor.beat()  # the editor is still there: nothing to offer
        assert not any(kind == "question" for kind, *_ in dialogs.messages)

        editor.close()  # the editor leaves: the next beat offers the file
        dialogs.answer = True
        window.lease_monitor.beat()
        assert window.database is not reader
        assert window.database.lease is not None
        assert not window.database.read_only
        assert not window.status.read_only_label.isVisibleTo(window)
        assert window.import_action.isEnabled()
    finally:
        window.close()
        window.database.close()


def test_a_stale_lease_is_taken_over_only_when_the_user_confirms(
    qtbot, shared_file: Path, dialogs, pool: WorkPool
) -> None:
    editor = open_database(shared_file, lease_ttl_s=1)
    window = _window(qtbot, editor, dialogs, pool)
    try:
        assert window.lease_monitor.timer.isActive()
        time.sleep(1.5)  # the editor's heartbeat is older than its time limit: stale

        asked: list[str] = []

        def refuse(title: str, text: str) -> bool:
            asked.append(text)
            return False

        declined = open_shared(str(shared_file), refuse)
        assert declined.read_only and declined.lease is None
        assert len(asked) == 1 and "may have stopped" in asked[0]
        declined.close()

        newcomer = open_shared(str(shared_file), lambda _title, _text: True)
        try:
            assert newcomer.took_over and not newcomer.read_only
            # The former editor's window learns it at its next heartbeat.
            window.lease_monitor.beat()
            assert window.database.read_only
            kind, title, text = dialogs.messages[-1]
            assert (kind, title) == ("critical", "Editing taken over")
            assert "read-only" in text
            assert window.status.read_only_label.isVisibleTo(window)
        finally:
            newcomer.close()
    finally:
        window.close()
        editor.close()


def test_single_writer_preference_leases_a_local_file(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs, pool: WorkPool
) -> None:
    monkeypatch.setenv(ASSUME_NETWORK_ENV, "0")
    path = tmp_path / "local.sqlite"
    first = open_shared(str(path), lambda _t, _x: True, sharing=Preferences().sharing)
    second = open_shared(str(path), lambda _t, _x: True, sharing="auto")
    try:
        assert first.lease is None and not second.read_only  # several writers by default
    finally:
        second.close()
        first.close()
    first = open_shared(str(path), lambda _t, _x: True, sharing="single-writer")
    second = open_shared(str(path), lambda _t, _x: True, sharing="single-writer")
    try:
        assert first.lease is not None
        assert second.read_only and "Being edited by" in second.read_only_reason
    finally:
        second.close()
        first.close()
