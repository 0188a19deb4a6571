"""The main window on real databases: tree and list in step, filter, sort, menus, states."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from pmo_desktop.errors import NotFoundError
from pmo_desktop.services.database import open_database
from pmo_desktop.services.portfolio import list_portfolios
from pmo_desktop.ui.itemmodels.portfolio_tree import PortfolioTreeModel
from pmo_desktop.ui.itemmodels.project_table import Column
from pmo_desktop.ui.main_window import MainWindow
from pmo_desktop.ui.workers import WorkPool


@pytest.fixture
def window(qtbot, sample_db, dialogs):
    database, _sample = sample_db
    main = MainWindow(database, dialogs=dialogs, remember_layout=False)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def _codes(window: MainWindow) -> list[str]:
    proxy = window.portfolio_view.proxy
    return [proxy.index(row, Column.CODE).data() for row in range(proxy.rowCount())]


def _tree_labels(window: MainWindow) -> list[str]:
    model = window.portfolio_view.tree_model
    labels = []
    root = model.index(0, 0)
    labels.append(root.data())
    for row in range(model.rowCount(root)):
        programme = model.index(row, 0, root)
        labels.append(programme.data())
        labels += [model.index(r, 0, programme).data() for r in range(model.rowCount(programme))]
    return labels


def test_tree_and_list_show_the_portfolio(window, sample_db) -> None:
    assert _tree_labels(window) == [
        "Group IT",
        "Customer Experience",
        "CX-01  Customer portal",
        "CX-02  CRM replacement",
        "Digital Workplace",
        "DW-01  Laptop refresh",
        "DW-02  Intranet redesign",
        "DW-03  Unified communications",
        "Other projects",
        "OT-01  Data centre exit",
    ]
    assert _codes(window) == ["CX-01", "CX-02", "DW-01", "DW-02", "DW-03", "OT-01"]
    assert window.pages.currentWidget() is window.portfolio_view
    assert window.portfolio_view.count_label.text() == "Projects: 6"
    assert "Group IT" in window.windowTitle()
    assert window.portfolio_view.tree.isExpanded(window.portfolio_view.tree_model.index(0, 0))


def test_filter_and_sort(window, qtbot) -> None:
    view = window.portfolio_view
    qtbot.keyClicks(view.filter_edit, "workplace")
    assert _codes(window) == ["DW-01", "DW-02", "DW-03"]
    assert view.count_label.text() == "Projects: 3 of 6"
    view.filter_edit.setText("alice refresh")
    assert _codes(window) == ["DW-01"]
    view.filter_edit.clear()
    assert len(_codes(window)) == 6

    view.table.sortByColumn(Column.START, Qt.SortOrder.AscendingOrder)
    assert _codes(window) == ["OT-01", "DW-03", "CX-01", "DW-01", "DW-02", "CX-02"]
    view.table.sortByColumn(Column.FINISH, Qt.SortOrder.DescendingOrder)
    assert _codes(window) == ["CX-02", "CX-01", "DW-02", "DW-01", "DW-03", "OT-01"]
    view.table.sortByColumn(Column.BUDGET, Qt.SortOrder.DescendingOrder)
    assert _codes(window)[:2] == ["CX-02", "CX-01"]
    view.table.sortByColumn(Column.RAG, Qt.SortOrder.DescendingOrder)
    assert _codes(window)[0] == "DW-03"  # the only red project first
    assert _codes(window)[-1] == "CX-02"  # no report last


def test_ctrl_f_focuses_the_filter(window, qtbot) -> None:
    assert window.filter_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    window.portfolio_view.table.setFocus()
    window.filter_action.trigger()
    qtbot.waitUntil(lambda: window.portfolio_view.filter_edit.hasFocus(), timeout=2000)


def test_selecting_a_programme_filters_the_list(window, sample_db) -> None:
    _database, sample = sample_db
    view = window.portfolio_view
    model = view.tree_model
    root = model.portfolio_index()
    view.tree.setCurrentIndex(model.index(1, 0, root))  # Digital Workplace
    assert _codes(window) == ["DW-01", "DW-02", "DW-03"]
    assert view.scope_label.text() == "Digital Workplace"
    view.tree.setCurrentIndex(model.index(2, 0, root))  # Other projects
    assert _codes(window) == ["OT-01"]
    view.tree.setCurrentIndex(root)
    assert len(_codes(window)) == 6
    assert view.scope_label.text() == "All projects"

    view.tree.setCurrentIndex(model.project_index(sample.projects["CX-02"]))
    assert _codes(window) == ["CX-01", "CX-02"]
    assert view.selected_project_id() == sample.projects["CX-02"]


def test_select_project_by_code_or_name(window, sample_db) -> None:
    _database, sample = sample_db
    view = window.portfolio_view
    assert window.select_project("dw-02").id == sample.projects["DW-02"]
    assert view.selected_project_id() == sample.projects["DW-02"]
    current = view.tree.currentIndex()
    assert current.data(PortfolioTreeModel.IdRole) == sample.projects["DW-02"]
    assert window.select_project("Data centre exit").code == "OT-01"
    assert view.selected_project_id() == sample.projects["OT-01"]
    with pytest.raises(NotFoundError, match="No project"):
        window.select_project("nothing like this")


def test_table_selection_reports_the_project(window, sample_db, qtbot) -> None:
    _database, sample = sample_db
    view = window.portfolio_view
    with qtbot.waitSignal(view.project_selected) as signal:
        view.table.selectionModel().setCurrentIndex(
            view.proxy.index(2, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
    assert signal.args == [sample.projects["DW-01"]]


def test_reload_keeps_the_selection(window, sample_db) -> None:
    _database, sample = sample_db
    window.select_project("CX-01")
    window.reload_action.trigger()
    assert window.portfolio_view.selected_project_id() == sample.projects["CX-01"]
    assert _codes(window) == ["CX-01", "CX-02"]


def test_menus_and_shortcuts(window) -> None:
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&File", "&View", "&Help"]
    assert window.new_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert window.open_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert window.reload_action.shortcut() == QKeySequence("F5")
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")


def test_status_bar(window, sample_db) -> None:
    database, _sample = sample_db
    assert database.display in window.status.database_label.text()
    assert window.status.as_of_label.text() == "As of: 31/03/2026"
    assert window.status.user_label.text().startswith("User: ")
    assert window.status.read_only_label.isHidden()


def test_about_names_version_and_database(window, dialogs, sample_db) -> None:
    from pmo_desktop import __version__

    window.about_action.trigger()
    kind, title, text = dialogs.messages[-1]
    assert (kind, title) == ("about", "About PMO Desktop")
    assert __version__ in text
    assert str(sample_db[1].path) in text


def test_read_only_database_is_shown(window, sample_db) -> None:
    database, _sample = sample_db
    database.read_only = True
    database.read_only_reason = "its schema 0099 is newer than this version knows"
    window.reload()
    assert window.status.read_only_label.text() == (
        "read-only: its schema 0099 is newer than this version knows"
    )
    assert not window.status.read_only_label.isHidden()


def test_open_and_new_database_replace_the_current_one(window, dialogs, tmp_path) -> None:
    old = window.database
    dialogs.path = tmp_path / "fresh"
    window.new_action.trigger()
    assert window.database is not old
    assert window.database.target.path == tmp_path / "fresh.sqlite"
    assert window.pages.currentWidget() is window.empty_state
    assert window.empty_state.demo_button.isEnabled()

    dialogs.path = tmp_path / "fresh.sqlite"
    window.new_action.trigger()  # exists: refused
    assert dialogs.messages[-1][0] == "critical"

    dialogs.path = old.target.path
    window.open_action.trigger()
    assert window.database.target.path == old.target.path
    assert _codes(window)[0] == "CX-01"
    window.database.close()


def test_opening_a_bad_file_keeps_the_current_database(window, dialogs, tmp_path) -> None:
    current = window.database
    bad = tmp_path / "notes.sqlite"
    bad.write_text("not a database")
    dialogs.path = bad
    window.open_action.trigger()
    assert window.database is current
    kind, _title, text = dialogs.messages[-1]
    assert kind == "critical" and "not a PMO Desktop database" in text


def test_layout_is_saved_and_restored(qtbot, sample_db, dialogs) -> None:
    database, _sample = sample_db
    first = MainWindow(database, dialogs=dialogs)
    qtbot.addWidget(first)
    first.portfolio_view.table.horizontalHeader().resizeSection(Column.NAME, 333)
    first.resize(700, 500)
    first.close()
    assert QSettings().value("portfolio/projectHeader") is not None
    second = MainWindow(database, dialogs=dialogs)
    qtbot.addWidget(second)
    assert second.portfolio_view.table.horizontalHeader().sectionSize(Column.NAME) == 333
    assert second.size().width() == 700


def test_empty_database_offers_the_demo(qtbot, tmp_path, dialogs, demo_factory) -> None:
    database = open_database(tmp_path / "empty.sqlite")
    pool = WorkPool()
    main = MainWindow(
        database, dialogs=dialogs, pool=pool, demo_factory=demo_factory, remember_layout=False
    )
    qtbot.addWidget(main)
    main.show()
    assert main.pages.currentWidget() is main.empty_state
    button = main.empty_state.demo_button
    assert button.isVisible() and button.isEnabled()
    assert button.text() == "Create demo portfolio"

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    job = main.demo_job
    assert job is not None
    assert not main.open_action.isEnabled()
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    assert main.demo_job is None
    assert main.pages.currentWidget() is main.portfolio_view
    assert [p.name for p in list_portfolios(database)] == ["Demo portfolio"]
    assert _codes(main) == ["D-1", "D-2", "D-3"]
    assert main.open_action.isEnabled()
    main.close()
    pool.drain()
    database.close()


def test_demo_failure_is_reported(qtbot, tmp_path, dialogs) -> None:
    def broken(engine, **_options):
        raise RuntimeError("disk full")

    database = open_database(tmp_path / "empty.sqlite")
    main = MainWindow(database, dialogs=dialogs, demo_factory=broken, remember_layout=False)
    qtbot.addWidget(main)
    job = main.create_demo_portfolio()
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    kind, _title, text = dialogs.messages[-1]
    assert kind == "critical" and "disk full" in text
    assert main.pages.currentWidget() is main.empty_state
    database.close()


def test_portfolio_menu_switches_portfolios(window, sample_db, sample_builder) -> None:
    from pmo_desktop.models import Portfolio
    from pmo_desktop.services import crud

    database, _sample = sample_db
    other = crud.create(database, Portfolio, name="Zeta", as_of_date=date(2026, 1, 31))
    window.reload()
    actions = window.portfolio_menu.actions()
    assert [action.text() for action in actions] == ["Group IT", "Zeta"]
    assert window.portfolio_menu.isEnabled()
    actions[1].trigger()
    assert window.portfolio_id == other.id
    assert _codes(window) == []
    assert window.status.as_of_label.text() == "As of: 31/01/2026"


def test_window_closes_cleanly(window) -> None:
    window.quit_action.trigger()
    QApplication.processEvents()
    assert not window.isVisible()


def test_new_database_dialog_cancelled(window, dialogs) -> None:
    current = window.database
    dialogs.path = None
    window.new_action.trigger()
    window.open_action.trigger()
    assert window.database is current
    assert isinstance(Path(current.display), Path)


def test_damaged_file_is_found_in_the_background_and_turns_read_only(
    qtbot, hidden_damage_sqlite, dialogs
) -> None:
    path = hidden_damage_sqlite
    before = path.read_bytes()

    damaged = open_database(path, verify=False)
    pool = WorkPool()
    main = MainWindow(damaged, dialogs=dialogs, pool=pool, remember_layout=False)
    qtbot.addWidget(main)
    assert main.integrity.job is not None
    with qtbot.waitSignal(main.integrity.damaged, timeout=10_000):
        pass

    assert damaged.read_only and "damaged" in damaged.read_only_reason
    assert [kind for kind, _title, _text in dialogs.messages] == ["critical"]
    assert "damaged" in dialogs.messages[0][2]
    pool.drain()
    main.close()
    damaged.close()
    assert path.read_bytes() == before


def test_sound_file_passes_the_background_check(qtbot, sample_db, dialogs) -> None:
    database, _sample = sample_db
    reopened = open_database(database.target.path, verify=False)
    pool = WorkPool()
    main = MainWindow(reopened, dialogs=dialogs, pool=pool, remember_layout=False)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.integrity.job.finished, timeout=10_000):
        pass
    assert reopened.verified and not reopened.read_only
    assert dialogs.messages == []
    main.close()
    reopened.close()
