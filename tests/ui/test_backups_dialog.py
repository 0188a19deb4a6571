"""The Backups dialog on real files: list, back up now, restore (with confirmation), and
the daily backup started when a database opens."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot

from pmo_desktop.models import Portfolio
from pmo_desktop.services import crud
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.storage.backup_rotation import backup_folder, daily_backup, list_backups
from pmo_desktop.ui.backups import BackupsDialog, DailyBackup


def _names(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as connection:
        return [row[0] for row in connection.execute("SELECT name FROM portfolios ORDER BY id")]


@pytest.fixture
def opened(tmp_path: Path) -> Database:
    database = open_database(tmp_path / "team.sqlite")
    crud.create(database, Portfolio, name="Monday")
    daily_backup(database, today=date(2026, 11, 23))
    crud.create(database, Portfolio, name="Tuesday")
    daily_backup(database, today=date(2026, 11, 24))
    crud.create(database, Portfolio, name="Wednesday")
    return database


def _dialog(qtbot: QtBot, database: Database, dialogs: Any) -> BackupsDialog:
    dialog = BackupsDialog(database, dialogs)
    qtbot.addWidget(dialog)
    return dialog


def test_lists_the_backups_newest_first(qtbot: QtBot, opened: Database, dialogs: Any) -> None:
    dialog = _dialog(qtbot, opened, dialogs)
    QAbstractItemModelTester(dialog.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model = dialog.model
    assert model.rowCount() == 2
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Date"
    assert model.index(0, 0).data() == "Tue 24 Nov 2026"
    assert model.index(1, 0).data() == "Mon 23 Nov 2026"
    assert model.index(0, 3).data().endswith("KB")
    assert model.index(0, 2).data() == "team-2026-11-24.sqlite"
    assert "last 7 days" in dialog.intro.text()
    assert str(backup_folder(opened.target.path or Path())) in dialog.folder_label.text()
    assert dialog.restore_button.isEnabled() and dialog.backup_button.isEnabled()
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save("/tmp/L-backups-dialog.png")
    opened.close()


def test_empty_state(qtbot: QtBot, tmp_path: Path, dialogs: Any) -> None:
    database = open_database(tmp_path / "new.sqlite")
    dialog = _dialog(qtbot, database, dialogs)
    assert dialog.model.rowCount() == 0
    assert dialog.table.isHidden() and not dialog.empty_label.isHidden()
    assert "No backups yet" in dialog.empty_label.text()
    assert not dialog.restore_button.isEnabled()
    database.close()


def test_back_up_now(qtbot: QtBot, opened: Database, dialogs: Any) -> None:
    dialog = _dialog(qtbot, opened, dialogs)
    dialog.back_up_now()
    assert dialog.job is not None and not dialog.backup_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)

    today = list_backups(opened.target.path or Path())[0]
    assert today.day == date.today()
    assert _names(today.path) == ["Monday", "Tuesday", "Wednesday"]
    assert dialog.model.rowCount() == 3
    assert "Backed up to" in dialog.status.text()
    assert dialogs.messages == []
    opened.close()


def test_restore_after_confirmation_closes_and_signals(
    qtbot: QtBot, opened: Database, dialogs: Any
) -> None:
    path = opened.target.path
    assert path is not None
    dialog = _dialog(qtbot, opened, dialogs)
    dialog.table.setCurrentIndex(dialog.model.index(1, 0))  # Monday's

    with qtbot.waitSignal(dialog.restored, timeout=20_000) as signal:
        dialog.restore_selected()

    assert signal.args == [path]
    kinds = [kind for kind, _title, _text in dialogs.messages]
    assert kinds == ["question", "information"]
    assert "Replace team.sqlite with the backup of" in dialogs.messages[0][2]
    assert "team.before-restore-" in dialogs.messages[1][2]
    assert _names(path) == ["Monday"]
    kept = [name for name in path.parent.iterdir() if ".before-restore-" in name.name]
    assert len(kept) == 1 and _names(kept[0]) == ["Monday", "Tuesday", "Wednesday"]
    assert dialog.result() == BackupsDialog.DialogCode.Accepted
    reopened = open_database(path, create=False)  # what the window does on `restored`
    assert [p.name for p in crud.list_rows(reopened, Portfolio)] == ["Monday"]
    reopened.close()


def test_declined_restore_changes_nothing(qtbot: QtBot, opened: Database, dialogs: Any) -> None:
    dialogs.answer = False
    dialog = _dialog(qtbot, opened, dialogs)
    dialog.restore_selected()
    assert dialog.job is None
    assert _names(opened.target.path or Path()) == ["Monday", "Tuesday", "Wednesday"]
    assert crud.list_rows(opened, Portfolio)  # still open and usable
    opened.close()


def test_a_refused_restore_keeps_the_database_open(
    qtbot: QtBot, opened: Database, dialogs: Any
) -> None:
    newest = list_backups(opened.target.path or Path())[0]
    with closing(sqlite3.connect(newest.path)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    dialog = _dialog(qtbot, opened, dialogs)
    received: list[Path] = []
    dialog.restored.connect(received.append)
    dialog.restore_selected()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)

    assert dialogs.messages[-1][:2] == ("critical", "Restore failed")
    assert "newer version" in dialogs.messages[-1][2]
    assert received == []
    assert [p.name for p in crud.list_rows(opened, Portfolio)][-1] == "Wednesday"
    opened.close()


def test_a_server_database_explains_itself(qtbot: QtBot, postgres_url: str, dialogs: Any) -> None:
    database = open_database(postgres_url)
    dialog = _dialog(qtbot, database, dialogs)
    assert "database server" in dialog.intro.text()
    assert not dialog.backup_button.isEnabled() and not dialog.restore_button.isEnabled()
    assert DailyBackup().start(database) is None
    database.close()


def test_daily_backup_when_a_database_opens(qtbot: QtBot, tmp_path: Path) -> None:
    database = open_database(tmp_path / "opened.sqlite")
    daily = DailyBackup()
    with qtbot.waitSignal(daily.taken, timeout=20_000) as signal:
        daily.start(database)
    [taken] = signal.args
    assert taken == list_backups(tmp_path / "opened.sqlite")[0].path

    taken_again: list[Path] = []
    daily.taken.connect(taken_again.append)
    job = daily.start(database)  # the same day: nothing to do
    assert job is not None
    qtbot.waitUntil(lambda: not job.running, timeout=20_000)
    assert taken_again == []
    database.close()
