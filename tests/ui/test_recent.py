"""Recent databases in QSettings: order, limit, no password, missing files, the menu."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from pmo_desktop.ui.recent import (
    MAX_ENTRIES,
    RecentDatabases,
    RecentDatabasesMenu,
    normalise_location,
    safe_display,
)


def _file(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(b"")
    return path


def test_most_recent_first_without_duplicates(tmp_path: Path) -> None:
    recent = RecentDatabases()
    first, second = _file(tmp_path, "a.sqlite"), _file(tmp_path, "b.sqlite")
    recent.add(first)
    recent.add(second)
    assert [entry.location for entry in recent.entries()] == [str(second), str(first)]
    recent.add(str(first))
    assert [entry.location for entry in recent.entries()] == [str(first), str(second)]
    # A fresh reader sees the same list: it lives in the settings file on disk.
    assert [entry.location for entry in RecentDatabases(QSettings()).entries()] == [
        str(first),
        str(second),
    ]
    assert Path(QSettings().fileName()).is_file()


def test_at_most_ten(tmp_path: Path) -> None:
    recent = RecentDatabases()
    paths = [_file(tmp_path, f"p{number:02d}.sqlite") for number in range(13)]
    for path in paths:
        recent.add(path)
    locations = [entry.location for entry in recent.entries()]
    assert len(locations) == MAX_ENTRIES == 10
    assert locations == [str(path) for path in reversed(paths[3:])]


def test_relative_paths_become_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _file(tmp_path, "here.sqlite")
    entry = RecentDatabases().add("here.sqlite")
    assert entry.location == str(tmp_path / "here.sqlite")
    assert entry.name == "here.sqlite"
    assert entry.detail == str(tmp_path)


def test_server_urls_are_kept_without_password() -> None:
    recent = RecentDatabases()
    entry = recent.add("postgresql://alice:s3cret@db.example.org:6543/pmo")
    assert entry.location == "postgresql+psycopg://alice@db.example.org:6543/pmo?sslmode=require"
    assert entry.name == "pmo on db.example.org:6543"
    assert entry.available
    settings_file = Path(QSettings().fileName())
    assert b"s3cret" not in settings_file.read_bytes()
    assert safe_display("postgresql+psycopg://alice:s3cret@h/db") == (
        "postgresql+psycopg://alice@h/db?sslmode=require"
    )
    # The same server database typed with a password is the same entry.
    recent.add("postgresql+psycopg://alice:other@db.example.org:6543/pmo", name="Finance")
    assert [(entry.location, entry.name) for entry in recent.entries()] == [
        ("postgresql+psycopg://alice@db.example.org:6543/pmo?sslmode=require", "Finance")
    ]


def test_missing_files_are_flagged_then_pruned(tmp_path: Path) -> None:
    recent = RecentDatabases()
    kept, gone = _file(tmp_path, "kept.sqlite"), _file(tmp_path, "gone.sqlite")
    recent.add(kept)
    recent.add(gone)
    recent.add("postgresql+psycopg://bob@server/pmo")
    gone.unlink()
    availability = {entry.location: entry.available for entry in recent.entries()}
    assert availability[str(gone)] is False
    assert availability[str(kept)] is True
    dropped = recent.prune_missing()
    assert [entry.location for entry in dropped] == [str(gone)]
    assert [entry.location for entry in recent.entries()] == [
        "postgresql+psycopg://bob@server/pmo?sslmode=require",
        str(kept),
    ]
    assert normalise_location("postgresql://bob:pw@server/pmo") == (
        "postgresql+psycopg://bob@server/pmo?sslmode=require"
    )


def test_remove_and_clear(tmp_path: Path) -> None:
    recent = RecentDatabases()
    first, second = _file(tmp_path, "a.sqlite"), _file(tmp_path, "b.sqlite")
    recent.add(first)
    recent.add(second)
    assert recent.remove(str(first))
    assert not recent.remove(str(first))
    assert [entry.location for entry in recent.entries()] == [str(second)]
    recent.clear()
    assert recent.entries() == []


def test_the_menu_lists_entries_and_emits_open_requested(qtbot, tmp_path: Path) -> None:
    recent = RecentDatabases()
    gone = _file(tmp_path, "gone.sqlite")
    recent.add(gone)
    gone.unlink()
    here = _file(tmp_path, "R&D.sqlite")
    recent.add(here)
    menu = RecentDatabasesMenu(recent=recent)
    qtbot.addWidget(menu)
    actions = menu.entry_actions()
    assert [action.text() for action in actions] == ["&1 R&&D.sqlite", "&2 gone.sqlite (missing)"]
    assert [action.isEnabled() for action in actions] == [True, False]
    assert actions[0].toolTip() == str(here)
    with qtbot.waitSignal(menu.open_requested) as request:
        actions[0].trigger()
    assert request.args == [str(here)]

    texts = [action.text() for action in menu.actions()]
    assert "Remove &missing files" in texts
    next(action for action in menu.actions() if action.text() == "Remove &missing files").trigger()
    assert [action.text() for action in menu.entry_actions()] == ["&1 R&&D.sqlite"]
    next(action for action in menu.actions() if action.text() == "&Clear list").trigger()
    assert menu.entry_actions() == []
    assert [action.text() for action in menu.actions() if action.text()] == [
        "No recent databases",
        "&Clear list",
    ]
    assert recent.entries() == []


def test_the_menu_refreshes_when_shown(qtbot, tmp_path: Path) -> None:
    recent = RecentDatabases()
    menu = RecentDatabasesMenu(recent=recent)
    qtbot.addWidget(menu)
    assert menu.entry_actions() == []
    recent.add(_file(tmp_path, "late.sqlite"))
    menu.aboutToShow.emit()
    assert [action.data() for action in menu.entry_actions()] == [
        os.fspath(tmp_path / "late.sqlite")
    ]
