"""The About dialog, the log file, and the dialog shown for an unhandled exception."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import PySide6
import pytest
import sqlalchemy
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from pmo_desktop import __version__
from pmo_desktop.logs import LOG_FILE_NAME, current_log_file, log_directory, setup_logging
from pmo_desktop.ui.about import AboutDialog
from pmo_desktop.ui.crash import CrashDialog, ExceptionHook, install_exception_hook


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = setup_logging(tmp_path / "logs")
    assert path is not None
    yield path
    logger = logging.getLogger("pmo_desktop")
    for handler in list(logger.handlers):
        if getattr(handler, "_pmo_log_file", False):
            logger.removeHandler(handler)
            handler.close()


@pytest.fixture
def hook(qtbot, log_file: Path) -> Iterator[ExceptionHook]:
    installed = install_exception_hook(log_file)
    yield installed
    installed.uninstall()
    if installed.dialog is not None:
        installed.dialog.close()
    installed.deleteLater()


def test_about_names_versions_and_locations(qtbot, tmp_path: Path) -> None:
    dialog = AboutDialog(
        database_location="postgresql+psycopg://alice:secret@db/pmo",
        log_file=tmp_path / "pmo-desktop.log",
    )
    qtbot.addWidget(dialog)
    texts = {name: label.text() for name, label in dialog.value_labels.items()}
    assert texts["Qt"] == f"{PySide6.QtCore.qVersion()} (PySide6 {PySide6.__version__})"
    assert texts["SQLAlchemy"] == sqlalchemy.__version__
    assert texts["Log file"] == str(tmp_path / "pmo-desktop.log")
    # Never a password; a remote server is reached encrypted (sslmode=require by default).
    assert texts["Database"] == "postgresql+psycopg://alice@db/pmo?sslmode=require"
    dialog.copy_details()
    copied = QGuiApplication.clipboard().text()
    assert f"PMO Desktop: {__version__}" in copied
    assert f"SQLAlchemy: {sqlalchemy.__version__}" in copied
    assert "Database: postgresql+psycopg://alice@db/pmo?sslmode=require" in copied
    assert "secret" not in copied
    assert dialog.close_button.isDefault()


def test_about_without_database(qtbot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert dialog.value_labels["Database"].text() == "(no database open)"


def test_the_log_goes_to_a_rotating_file(log_file: Path, tmp_path: Path, monkeypatch) -> None:
    assert log_file == tmp_path / "logs" / LOG_FILE_NAME
    assert current_log_file() == log_file
    logging.getLogger("pmo_desktop.test").warning("written to the file")
    for handler in logging.getLogger("pmo_desktop").handlers:
        handler.flush()
    assert "written to the file" in log_file.read_text()
    # Set up twice: still one file handler.
    setup_logging(tmp_path / "logs")
    handlers = [h for h in logging.getLogger("pmo_desktop").handlers if hasattr(h, "baseFilename")]
    assert len(handlers) == 1
    monkeypatch.setenv("PMO_LOG_DIR", str(tmp_path / "elsewhere"))
    assert log_directory() == tmp_path / "elsewhere"


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_and_shown(qtbot, hook, log_file: Path) -> None:
    button = QPushButton()
    qtbot.addWidget(button)

    def broken() -> None:
        raise ZeroDivisionError("the budget has no denominator")

    button.clicked.connect(broken)
    with qtbot.waitSignal(hook.reported) as report:
        button.click()
    assert report.args == ["ZeroDivisionError: the budget has no denominator"]
    dialog = hook.dialog
    assert isinstance(dialog, CrashDialog)
    assert dialog.isVisible()
    assert dialog.log_path_edit.text() == str(log_file)
    assert dialog.log_path_edit.isReadOnly()
    assert dialog.message_label.text() == "ZeroDivisionError: the budget has no denominator"
    logged = log_file.read_text()
    assert "Unhandled exception: ZeroDivisionError" in logged
    assert "Traceback (most recent call last)" in logged
    assert "in broken" in logged

    assert not dialog.details_visible
    dialog.details_button.click()
    assert dialog.details_visible
    assert "in broken" in dialog.details_edit.toPlainText()
    dialog.copy_details()
    assert str(log_file) in QGuiApplication.clipboard().text()


@pytest.mark.qt_no_exception_capture
def test_one_dialog_at_a_time(qtbot, hook, log_file: Path) -> None:
    def broken() -> None:
        raise ValueError("again")

    for _ in range(3):
        with qtbot.waitSignal(hook.reported):
            QTimer.singleShot(0, broken)
    first = hook.dialog
    assert first is not None
    assert hook.suppressed == 2
    assert "2 more error(s)" in first.more_label.text()
    visible = [w for w in QCoreApplication.instance().topLevelWidgets()
               if isinstance(w, CrashDialog) and w.isVisible()]  # fmt: skip
    assert visible == [first]
    assert log_file.read_text().count("Unhandled exception: ValueError: again") == 3
    first.reject()
    assert hook.dialog is None
    with qtbot.waitSignal(hook.reported):
        QTimer.singleShot(0, broken)
    assert hook.dialog is not None and hook.dialog is not first


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_thread_reaches_the_gui(qtbot, hook, log_file: Path) -> None:
    def broken() -> None:
        raise RuntimeError("worker thread failed")

    thread = threading.Thread(target=broken)
    with qtbot.waitSignal(hook.reported):
        thread.start()
        thread.join()
    qtbot.waitUntil(lambda: hook.dialog is not None)
    assert hook.dialog.message_label.text() == "RuntimeError: worker thread failed"
    assert "worker thread failed" in log_file.read_text()


def test_uninstall_restores_the_previous_hooks(qtbot, log_file: Path) -> None:
    import sys

    before_sys, before_threading = sys.excepthook, threading.excepthook
    installed = install_exception_hook(log_file, show_dialog=False)
    assert sys.excepthook == installed.handle
    installed.uninstall()
    assert sys.excepthook is before_sys
    assert threading.excepthook is before_threading
    installed.deleteLater()


def test_without_a_log_file_the_dialog_still_helps(qtbot) -> None:
    dialog = CrashDialog("KeyError: 'x'", "Traceback …", None)
    qtbot.addWidget(dialog)
    assert dialog.log_path_edit.isHidden()
    assert "No log file" in dialog.where_label.text()
    assert not dialog.open_folder_button.isEnabled()
