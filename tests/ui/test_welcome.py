"""The first-run welcome: its buttons and recent list emit what the main window acts on."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from pmo_desktop.ui.recent import RecentDatabases
from pmo_desktop.ui.welcome import WelcomeAction, WelcomeChoice, WelcomeDialog, WelcomePage


@pytest.fixture
def recent(tmp_path: Path) -> RecentDatabases:
    recent = RecentDatabases()
    gone = tmp_path / "gone.sqlite"
    gone.write_bytes(b"")
    recent.add(gone)
    gone.unlink()
    here = tmp_path / "finance.sqlite"
    here.write_bytes(b"")
    recent.add(here)
    recent.add("postgresql+psycopg://alice:pw@db.example.org/pmo")
    return recent


@pytest.mark.parametrize(
    ("button", "signal"),
    [
        ("demo_button", "demo_requested"),
        ("new_button", "new_database_requested"),
        ("connect_button", "connect_requested"),
        ("open_file_button", "open_file_requested"),
    ],
)
def test_each_button_emits_its_signal(qtbot, button: str, signal: str) -> None:
    page = WelcomePage()
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(getattr(page, signal), timeout=2000):
        qtbot.mouseClick(getattr(page, button), Qt.MouseButton.LeftButton)


def test_the_big_buttons_say_what_they_do(qtbot) -> None:
    page = WelcomePage()
    qtbot.addWidget(page)
    assert page.demo_button.accessibleName() == "Open the demo portfolio"
    assert page.new_button.accessibleName() == "Create a new database…"
    assert page.connect_button.accessibleName() == "Connect to a server…"
    assert page.demo_button.shortcut().toString() == "Alt+D"
    assert page.connect_button.shortcut().toString() == "Alt+C"


def test_the_recent_list(qtbot, recent: RecentDatabases, tmp_path: Path) -> None:
    page = WelcomePage(recent=recent)
    qtbot.addWidget(page)
    assert page.recent_locations() == [
        "postgresql+psycopg://alice@db.example.org/pmo?sslmode=require",
        str(tmp_path / "finance.sqlite"),
        str(tmp_path / "gone.sqlite"),
    ]
    items = [page.recent_list.topLevelItem(row) for row in range(3)]
    assert [item.text(0) for item in items] == [
        "pmo on db.example.org",
        "finance.sqlite",
        "gone.sqlite (missing)",
    ]
    assert not items[2].flags() & Qt.ItemFlag.ItemIsEnabled
    with qtbot.waitSignal(page.open_requested) as request:
        page.activate_recent(1)
    assert request.args == [str(tmp_path / "finance.sqlite")]
    with qtbot.assertNotEmitted(page.open_requested):
        page.activate_recent(2)
    assert page.empty_label.isHidden()


def test_enter_on_a_recent_entry_opens_it(qtbot, recent: RecentDatabases) -> None:
    page = WelcomePage(recent=recent)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.recent_list.setFocus()
    page.recent_list.setCurrentItem(page.recent_list.topLevelItem(0))
    with qtbot.waitSignal(page.open_requested) as request:
        qtbot.keyClick(page.recent_list, Qt.Key.Key_Return)
    assert request.args == ["postgresql+psycopg://alice@db.example.org/pmo?sslmode=require"]


def test_no_recent_database_shows_a_short_note(qtbot) -> None:
    page = WelcomePage()
    qtbot.addWidget(page)
    assert page.recent_locations() == []
    assert page.recent_list.isHidden()
    assert not page.empty_label.isHidden()


def test_the_dialog_records_the_choice(qtbot, recent: RecentDatabases, tmp_path: Path) -> None:
    dialog = WelcomeDialog(recent=recent)
    qtbot.addWidget(dialog)
    dialog.page.connect_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.choice == WelcomeChoice(WelcomeAction.CONNECT)

    dialog = WelcomeDialog(recent=recent)
    qtbot.addWidget(dialog)
    dialog.page.activate_recent(1)
    assert dialog.choice == WelcomeChoice(
        WelcomeAction.OPEN_RECENT, str(tmp_path / "finance.sqlite")
    )


def test_escape_skips(qtbot) -> None:
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.choice is None
