"""File ▸ Check out project…, Check in… and Cancel check-out in the main window, on real
SQLite files (the shared database is a file too); the dialogs are the real ones, driven
through the prompts object the window's check-out commands use."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import Sample, ScriptedDialogs, build_sample
from PySide6.QtWidgets import QDialog, QWidget
from sqlalchemy import func, select

from pmo_desktop.models import Dependency, Task
from pmo_desktop.services import crud
from pmo_desktop.services.checkout import checked_out, checkout
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.ui.checkout.commands import CheckoutPrompts
from pmo_desktop.ui.checkout.dialogs import MINE, THEIRS, CheckinDialog, CheckoutDialog
from pmo_desktop.ui.itemmodels.project_table import Column
from pmo_desktop.ui.main_window import MainWindow
from pmo_desktop.ui.workers import WorkPool

#: Set PMO_TEST_SHOTS to a folder to keep renders of the dialogs and the banner.
SHOTS = os.environ.get("PMO_TEST_SHOTS", "")


def _shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / name))


class Prompts(CheckoutPrompts):
    """Runs each dialog through `answer(dialog) -> accepted` instead of exec()."""

    def __init__(self, answer: Callable[[QDialog], bool]) -> None:
        super().__init__()
        self.answer = answer
        self.shown: list[QDialog] = []

    def exec_dialog(self, dialog: QDialog) -> bool:
        self.shown.append(dialog)
        dialog.show()
        accepted = self.answer(dialog)
        dialog.hide()
        return accepted

    def choose_file(self, parent: QWidget, suggested: Path) -> Path | None:
        return None


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[tuple[Database, Sample, dict[str, str]]]:
    """The sample portfolio with a few tasks: DW-01 has A → B, and A → X of DW-02 (a
    cross-project link). Task uuids by name."""
    path = tmp_path / "shared.sqlite"
    database = open_database(path)
    sample = build_sample(database, path)
    own, other = sample.projects["DW-01"], sample.projects["DW-02"]
    tasks = {
        name: crud.create(database, Task, project_id=project, name=name)
        for name, project in (("A", own), ("B", own), ("X", other))
    }
    crud.create(database, Dependency, predecessor_id=tasks["A"].id, successor_id=tasks["B"].id)
    crud.create(database, Dependency, predecessor_id=tasks["A"].id, successor_id=tasks["X"].id)
    try:
        yield database, sample, {name: task.uuid for name, task in tasks.items()}
    finally:
        database.close()


def _window(qtbot: Any, database: Database, dialogs: ScriptedDialogs) -> MainWindow:
    window = MainWindow(
        database,
        dialogs=dialogs,
        pool=WorkPool(max_threads=2),
        remember_layout=False,
        watch_changes=False,
        daily_backup=False,
    )
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.portfolio_view.is_loaded, timeout=30_000)
    return window


def _wait(qtbot: Any, window: MainWindow) -> None:
    """Until the check-out commands have no job left (a preview chains to the check-in)."""
    qtbot.waitUntil(lambda: window.checkout.job is None, timeout=30_000)


def _rename(database: Database, uuid: str, name: str) -> None:
    with database.write_session() as session:
        session.scalars(select(Task).where(Task.uuid == uuid)).one().name = name


def _name(database: Database, uuid: str) -> str:
    with database.session() as session:
        return session.scalars(select(Task.name).where(Task.uuid == uuid)).one()


def _check_out_in_window(
    qtbot: Any, window: MainWindow, project_id: int, path: Path
) -> CheckoutDialog:
    seen: list[CheckoutDialog] = []

    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, CheckoutDialog)
        seen.append(dialog)
        assert dialog.project() is not None and dialog.project().id == project_id  # type: ignore[union-attr]
        dialog.set_path(path)
        assert dialog.checkout_button.isEnabled()
        _shot(dialog, "checkout-dialog.png")
        return True

    window.checkout.prompts = Prompts(answer)
    window.select_project("DW-01")
    assert window.check_out_action.isEnabled() and not window.check_in_action.isEnabled()
    window.check_out_action.trigger()
    _wait(qtbot, window)
    return seen[0]


def test_check_out_then_check_in_deciding_row_by_row(qtbot: Any, shared, tmp_path: Path) -> None:
    database, sample, uuids = shared
    project_id = sample.projects["DW-01"]
    copy_path = tmp_path / "laptop" / "dw01.sqlite"
    copy_path.parent.mkdir()
    dialogs = ScriptedDialogs(answer=False)  # do not open the copy in this window
    window = _window(qtbot, database, dialogs)
    _check_out_in_window(qtbot, window, project_id, copy_path)
    assert copy_path.is_file(), dialogs.messages
    info = checked_out(database, project_id)
    assert info is not None and info.local_file == str(copy_path.resolve())
    assert (
        dialogs.messages[-1][0] == "question" and "Open the offline copy" in dialogs.messages[-1][2]
    )
    # The shared side shows it: lock in the portfolio table, banner on the project's views.
    model = window.portfolio_view.table_model
    row = model.row_of_project(project_id)
    assert row is not None
    assert model.cell_data(row, Column.NAME, 1) is not None  # DecorationRole: the lock
    assert "Checked out by" in model.checked_out_note(project_id)
    window.show_dashboard()
    assert window.checkout_banner.text() == ""
    window.open_project(project_id)
    assert "is checked out" in window.checkout_banner.text()
    assert window.cancel_checkout_action.isEnabled()
    window.close()

    # Offline: A and B edited on the laptop; meanwhile both edited in the shared database.
    offline = open_database(copy_path, create=False)
    try:
        _rename(offline, uuids["A"], "A mine")
        _rename(offline, uuids["B"], "B mine")
        _rename(offline, uuids["X"], "X edited offline")  # another project's stub
        with offline.write_session() as session:
            session.add(Task(project_id=project_id, name="C written offline"))
        with offline.session() as session:
            assert session.scalar(select(func.count()).select_from(Dependency)) == 2
    finally:
        offline.close()
    _rename(database, uuids["A"], "A theirs")
    _rename(database, uuids["B"], "B theirs")

    copy = open_database(copy_path, create=False)
    laptop = _window(qtbot, copy, ScriptedDialogs())
    assert "Offline copy of" in laptop.checkout_banner.text()
    stub = sample.projects["DW-02"]  # reached by the cross-project link: read-only here
    assert "only its tasks linked to DW-01" in laptop.portfolio_view.table_model.checked_out_note(
        stub
    )
    assert laptop.check_in_action.isEnabled() and not laptop.check_out_action.isEnabled()

    def decide(dialog: QDialog) -> bool:
        assert isinstance(dialog, CheckinDialog)
        assert set(dialog.rows) == {("tasks", uuids["A"]), ("tasks", uuids["B"])}
        assert dialog.preview.ignored == {"tasks": 1}
        assert dialog.preview.inserted == {"tasks": 1}
        summary = dialog.summary
        assert summary.rowCount() == 1 and summary.item(0, 0).text() == "Task"
        assert summary.item(0, 1).text() == "1"
        assert not dialog.checkin_button.isEnabled()  # nothing chosen for the user
        dialog.choose(("tasks", uuids["A"]), MINE)
        assert not dialog.checkin_button.isEnabled()
        dialog.choose(("tasks", uuids["B"]), THEIRS)
        assert dialog.checkin_button.isEnabled()
        mine, theirs = dialog.radios[("tasks", uuids["A"])]
        assert "A mine" in mine.text() and "A theirs" in theirs.text()
        _shot(dialog, "checkin-dialog.png")
        return True

    laptop.checkout.prompts = Prompts(decide)
    laptop.check_in_action.trigger()
    _wait(qtbot, laptop)
    assert _name(database, uuids["A"]) == "A mine"
    assert _name(database, uuids["B"]) == "B theirs"
    assert _name(database, uuids["X"]) == "X"  # never written from the copy
    with database.session() as session:
        assert session.scalar(select(Task.project_id).where(Task.name == "C written offline")) == (
            project_id
        )
    assert checked_out(database, project_id) is None
    with database.session() as session:
        links = session.scalars(select(Dependency.uuid)).all()
    assert len(links) == 2 and len(set(links)) == 2
    assert "closed" in laptop.checkout_banner.text()
    assert not laptop.check_in_action.isEnabled()
    _shot(laptop, "checkout-copy-window.png")
    laptop.close()
    laptop.database.close()


def test_cancelled_check_in_writes_nothing(qtbot: Any, shared, tmp_path: Path) -> None:
    database, sample, uuids = shared
    project_id = sample.projects["DW-01"]
    copy_path = tmp_path / "copy.sqlite"
    checkout(database, "DW-01", copy_path)
    offline = open_database(copy_path, create=False)
    _rename(offline, uuids["A"], "A mine")
    offline.close()
    _rename(database, uuids["A"], "A theirs")
    laptop = _window(qtbot, open_database(copy_path, create=False), ScriptedDialogs())
    prompts = Prompts(lambda dialog: False)
    laptop.checkout.prompts = prompts
    laptop.check_in_action.trigger()
    _wait(qtbot, laptop)
    assert len(prompts.shown) == 1
    assert _name(database, uuids["A"]) == "A theirs"
    assert checked_out(database, project_id) is not None
    assert laptop.check_in_action.isEnabled()
    laptop.close()
    laptop.database.close()


def test_banner_names_another_users_checkout(qtbot: Any, shared, tmp_path: Path) -> None:
    database, sample, _uuids = shared
    project_id = sample.projects["DW-02"]
    other = open_database(database.target.path, create=False)
    other.user_name = "alice"
    try:
        checkout(other, "DW-02", tmp_path / "alice.sqlite")
    finally:
        other.close()
    window = _window(qtbot, database, ScriptedDialogs())
    window.open_project(project_id)
    text = window.checkout_banner.text()
    assert "DW-02 is checked out" in text and "by alice on" in text
    assert "a conflict for them to decide at check-in" in text
    qtbot.wait(500)  # the project view's read
    _shot(window, "checkout-banner.png")
    window.show_portfolio_wide("risks")
    assert window.checkout_banner.text() == ""
    window.open_gantt(project_id)
    assert "by alice" in window.checkout_banner.text()
    window.close()


def test_cancel_checkout_from_the_shared_database_and_from_the_copy(
    qtbot: Any, shared, tmp_path: Path
) -> None:
    database, sample, _uuids = shared
    first = tmp_path / "first.sqlite"
    checkout(database, "DW-01", first)
    dialogs = ScriptedDialogs(answer=True)
    window = _window(qtbot, database, dialogs)
    window.select_project("DW-01")
    window.cancel_checkout_action.trigger()
    _wait(qtbot, window)
    assert (
        dialogs.messages[-1][0] == "question"
        and "no longer be checked in" in dialogs.messages[-1][2]
    )
    assert checked_out(database, sample.projects["DW-01"]) is None
    assert not window.cancel_checkout_action.isEnabled()
    window.close()

    second = tmp_path / "second.sqlite"
    checkout(database, "DW-01", second)
    laptop = _window(qtbot, open_database(second, create=False), ScriptedDialogs(answer=True))
    laptop.cancel_checkout_action.trigger()
    _wait(qtbot, laptop)
    assert checked_out(database, sample.projects["DW-01"]) is None
    assert "closed" in laptop.checkout_banner.text()
    assert not laptop.check_in_action.isEnabled()
    laptop.close()
    laptop.database.close()
