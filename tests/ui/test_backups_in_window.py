"""The main window takes today's backup of a database file after its integrity check, once;
File ▸ Backups… is there for files and not for servers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from pmo_desktop.services.database import open_database
from pmo_desktop.ui.main_window import MainWindow
from pmo_desktop.ui.preferences import Preferences
from pmo_desktop.ui.workers import WorkPool

JOB_TIMEOUT_MS = 60_000


def _backups(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "data" / "backups"
    return sorted(folder.rglob("*.sqlite")) if folder.exists() else []


@pytest.mark.parametrize("wanted", [True, False])
def test_opening_a_file_takes_todays_backup_once(
    qtbot, demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs, wanted: bool
) -> None:
    monkeypatch.delenv("PMO_NO_DAILY_BACKUP")
    Preferences(daily_backup=wanted).save(QSettings())
    path = tmp_path / "team.sqlite"
    shutil.copy(demo_file, path)
    database = open_database(path, verify=False)
    pool = WorkPool()
    window = MainWindow(database, dialogs=dialogs, pool=pool, remember_layout=False)
    qtbot.addWidget(window)
    try:
        assert window.backups_action.isEnabled()
        qtbot.waitUntil(window.portfolio_view.is_loaded, timeout=JOB_TIMEOUT_MS)
        if wanted:
            with qtbot.waitSignal(window.daily_backup.taken, timeout=JOB_TIMEOUT_MS) as taken:
                pass
            backup = Path(str(taken.args[0]))
            assert _backups(tmp_path) == [backup]
            check = open_database(backup, create=False, verify=True)
            try:
                assert check.revision == database.revision
            finally:
                check.close()
        else:
            pool.drain()
            assert _backups(tmp_path) == []
    finally:
        window.close()
        pool.drain()
        database.close()
