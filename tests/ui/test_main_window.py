"""The main window on real databases: navigation, views, undo, live refresh, menus, states."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from pmo_desktop.errors import NotFoundError
from pmo_desktop.models import Project
from pmo_desktop.services import crud
from pmo_desktop.services.database import open_database
from pmo_desktop.services.portfolio import list_portfolios
from pmo_desktop.ui.connect_dialog import ServerConnection
from pmo_desktop.ui.itemmodels.portfolio_tree import PortfolioTreeModel
from pmo_desktop.ui.itemmodels.project_table import Column
from pmo_desktop.ui.main_window import MainWindow
from pmo_desktop.ui.preferences import Preferences
from pmo_desktop.ui.recent import RecentDatabases
from pmo_desktop.ui.workers import WorkPool


def _loaded(qtbot, view) -> None:
    qtbot.waitUntil(view.is_loaded, timeout=30_000)


@pytest.fixture
def window(qtbot, sample_db, dialogs):
    database, _sample = sample_db
    main = MainWindow(database, dialogs=dialogs, remember_layout=False)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    _loaded(qtbot, main.portfolio_view)
    yield main
    main.close()


def _codes(window: MainWindow) -> list[str]:
    proxy = window.portfolio_view.proxy
    return [proxy.index(row, Column.CODE).data() for row in range(proxy.rowCount())]


def _tree_labels(window: MainWindow) -> list[str]:
    model = window.navigation.model
    root = model.index(0, 0)
    labels = [root.data()]
    for row in range(model.rowCount(root)):
        programme = model.index(row, 0, root)
        labels.append(programme.data())
        labels += [model.index(r, 0, programme).data() for r in range(model.rowCount(programme))]
    return labels


def test_navigation_and_dashboard_show_the_portfolio(window) -> None:
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
    assert sorted(_codes(window)) == ["CX-01", "CX-02", "DW-01", "DW-02", "DW-03", "OT-01"]
    assert window.current_view() == "portfolio"
    assert window.dashboard_action.isChecked()
    assert "Group IT" in window.windowTitle()
    assert window.navigation.tree.isExpanded(window.navigation.model.index(0, 0))
    assert not window.project_action.isEnabled()  # no project chosen yet


def test_choosing_a_programme_scopes_the_project_list(window, sample_db) -> None:
    _database, sample = sample_db
    tree, model = window.navigation.tree, window.navigation.model
    root = model.portfolio_index()
    tree.setCurrentIndex(model.index(1, 0, root))  # Digital Workplace
    assert sorted(_codes(window)) == ["DW-01", "DW-02", "DW-03"]
    tree.setCurrentIndex(model.index(2, 0, root))  # Other projects
    assert _codes(window) == ["OT-01"]
    tree.setCurrentIndex(root)
    assert len(_codes(window)) == 6

    tree.setCurrentIndex(model.project_index(sample.projects["CX-02"]))
    assert sorted(_codes(window)) == ["CX-01", "CX-02"]
    assert window.project_id == sample.projects["CX-02"]
    assert window.portfolio_view.selected_project_id() == sample.projects["CX-02"]
    assert window.project_action.isEnabled()


def test_select_project_by_code_or_name(window, sample_db) -> None:
    _database, sample = sample_db
    assert window.select_project("dw-02") == sample.projects["DW-02"]
    assert window.portfolio_view.selected_project_id() == sample.projects["DW-02"]
    current = window.navigation.tree.currentIndex()
    assert current.data(PortfolioTreeModel.IdRole) == sample.projects["DW-02"]
    assert window.select_project("Data centre exit") == sample.projects["OT-01"]
    with pytest.raises(NotFoundError, match="No project"):
        window.select_project("nothing like this")


def test_enter_in_the_tree_and_double_click_in_the_list_open_the_project(
    qtbot, window, sample_db
) -> None:
    _database, sample = sample_db
    tree, model = window.navigation.tree, window.navigation.model
    tree.setFocus()
    tree.setCurrentIndex(model.project_index(sample.projects["DW-01"]))
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert window.current_view() == "project"
    _loaded(qtbot, window.project_view)
    assert window.project_view.title.text() == "DW-01  Laptop refresh"
    assert window.project_menu.isEnabled()

    window.dashboard_action.trigger()
    assert window.current_view() == "portfolio"
    view = window.portfolio_view
    # The list is scoped to DW-01's programme now; open a sibling from it.
    index = view.grouped.project_index(sample.projects["DW-03"])
    view.table.doubleClicked.emit(index)
    assert window.current_view() == "project"
    qtbot.waitUntil(lambda: window.project_view.title.text() == "DW-03  Unified communications")


def test_view_shortcuts_switch_between_dashboard_and_project(qtbot, window, sample_db) -> None:
    assert window.dashboard_action.shortcut() == QKeySequence("Ctrl+1")
    assert window.project_action.shortcut() == QKeySequence("Ctrl+2")
    window.select_project("CX-01")
    window.project_action.trigger()
    assert window.current_view() == "project"
    assert window.project_action.isChecked() and not window.dashboard_action.isChecked()
    window.dashboard_action.trigger()
    assert window.current_view() == "portfolio"


def test_edit_in_the_project_view_and_undo_from_the_edit_menu(qtbot, window, sample_db) -> None:
    database, sample = sample_db
    project_id = sample.projects["DW-02"]
    window.open_project(project_id)
    view = window.project_view
    _loaded(qtbot, view)
    name = view.properties_page.name
    name.setFocus()
    name.selectAll()
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        qtbot.keyClicks(name, "Intranet 2027")
        qtbot.keyClick(name, Qt.Key.Key_Return)
    assert crud.get(database, Project, project_id).name == "Intranet 2027"
    assert window.undo_action.isEnabled()
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert window.history.model().rowCount() == 2  # "<opened database>" and the edit
    # The dashboard and navigation follow the edit.
    qtbot.waitUntil(lambda: "DW-02  Intranet 2027" in _tree_labels(window), timeout=10_000)

    with qtbot.waitSignal(view.loaded, timeout=10_000):
        window.undo_action.trigger()
    assert crud.get(database, Project, project_id).name == "Intranet redesign"
    assert name.text() == "Intranet redesign"
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        window.redo_action.trigger()
    assert crud.get(database, Project, project_id).name == "Intranet 2027"


def test_undo_history_stops_at_opening_a_database(qtbot, window, dialogs, tmp_path) -> None:
    window.workspace.execute(
        _rename(window, "DW-01", "Laptops")  # one edit on the sample database
    )
    assert window.workspace.undo_stack.count() == 1
    dialogs.path = tmp_path / "other.sqlite"
    window.new_action.trigger()
    assert window.workspace.undo_stack.count() == 0
    assert not window.undo_action.isEnabled()


def _rename(window: MainWindow, code: str, name: str):
    from pmo_desktop.services.commands import update_fields

    project_id = window.select_project(code)
    return update_fields(window.database, Project, project_id, "Rename", name=name)


def test_another_users_commit_refreshes_the_views(qtbot, window, sample_db) -> None:
    database, sample = sample_db
    window.select_project("CX-01")
    other = open_database(database.target.path)
    try:
        project = crud.get(other, Project, sample.projects["OT-01"])
        crud.update(other, Project, project.id, project.version, name="Cloud migration")
    finally:
        other.close()
    assert window.check_for_changes()
    assert "OT-01  Cloud migration" in _tree_labels(window)
    model = window.portfolio_view.table_model  # the list is scoped to CX: read them all
    qtbot.waitUntil(
        lambda: any(
            model.index(row, Column.NAME).data() == "Cloud migration"
            for row in range(model.rowCount())
        ),
        timeout=10_000,
    )
    assert window.project_id == sample.projects["CX-01"]  # the selection survives
    assert window.portfolio_view.selected_project_id() == sample.projects["CX-01"]
    assert not window.check_for_changes()  # nothing new since


def test_own_edits_are_not_mistaken_for_another_users(window) -> None:
    window.workspace.execute(_rename(window, "DW-03", "UC"))
    assert not window.check_for_changes()


def test_menus_and_shortcuts(window) -> None:
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == [
        "&File",
        "&Edit",
        "&View",
        "&Project",
        "&Gantt",
        "Re&sources",
        "R&isks",
        "RAI&D",
        "Gover&nance",
        "&Reports",
        "&Help",
    ]
    assert window.raid_action.shortcut() == QKeySequence("Ctrl+6")
    assert window.pool_action.shortcut() == QKeySequence("Ctrl+7")
    assert window.portfolio_gantt_action.shortcut() == QKeySequence("Ctrl+8")
    assert window.prioritisation_action.shortcut() == QKeySequence("Ctrl+9")
    assert window.compliance_action.shortcut() == QKeySequence("Ctrl+Shift+C")
    assert window.import_action.shortcut() == QKeySequence("Ctrl+I")
    assert window.export_action.shortcut() == QKeySequence("Ctrl+E")
    assert window.new_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert window.open_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert window.reload_action.shortcut() == QKeySequence("F5")
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    assert QKeySequence("Ctrl+Shift+Z") in window.redo_action.shortcuts()
    assert window.filter_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    for action in (window.new_action, window.open_action, window.undo_action):
        assert not action.icon().isNull()
    assert window.main_toolbar.actions()[0] is window.new_action
    assert window.dashboard_action in window.views_toolbar.actions()


def _live(action: QAction) -> bool:
    """Whether the action's shortcut can fire: it is added to a widget (menus count)."""
    return any(isinstance(owner, QWidget) for owner in action.associatedObjects())


def test_no_shortcut_is_ambiguous(window) -> None:
    """A window-wide shortcut used again by a view would fire neither (Qt's ambiguous
    overload): every view's own shortcuts stay clear of the window's and of each other's."""
    window_wide: dict[str, str] = {}
    for action in window.findChildren(QAction):
        if action.shortcutContext() != Qt.ShortcutContext.WindowShortcut or not _live(action):
            continue
        for key in action.shortcuts():
            text = key.toString()
            assert window_wide.setdefault(text, action.text()) == action.text(), text
    for name, view in window.named_pages.items():
        own: dict[str, str] = {}
        for action in view.findChildren(QAction):
            if action.shortcutContext() == Qt.ShortcutContext.WindowShortcut or not _live(action):
                continue
            for key in action.shortcuts():
                text = key.toString()
                assert text not in window_wide, (name, action.text(), window_wide.get(text))
                assert own.setdefault(text, action.text()) == action.text(), (name, text)


def test_ctrl_f_focuses_the_filter(window, qtbot) -> None:
    window.navigation.tree.setFocus()
    window.filter_action.trigger()
    qtbot.waitUntil(lambda: window.portfolio_view.filter_edit.hasFocus(), timeout=2000)
    # The real key, from inside the dashboard's table: one action answers it.
    window.activateWindow()
    window.portfolio_view.table.setFocus()
    qtbot.keyClick(window.portfolio_view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.portfolio_view.filter_edit.hasFocus(), timeout=2000)


def test_status_bar(window, sample_db) -> None:
    database, _sample = sample_db
    assert database.display in window.status.database_label.text()
    assert window.status.as_of_label.text() == "As of: 31/03/2026"
    assert window.status.user_label.text().startswith("User: ")
    assert window.status.read_only_label.isHidden()


def test_preferences_change_the_as_of_date_and_user(window, dialogs) -> None:
    dialogs.new_preferences = replace(
        Preferences(), as_of=date(2026, 2, 28), user_name="Claire (PMO)"
    )
    window.preferences_action.trigger()
    assert window.workspace.as_of == date(2026, 2, 28)
    assert window.status.as_of_label.text() == "As of: 28/02/2026"
    assert window.status.user_label.text() == "User: Claire (PMO)"


def test_about_names_the_database(window, dialogs, sample_db) -> None:
    window.about_action.trigger()
    kind, title, text = dialogs.messages[-1]
    assert (kind, title) == ("about", "About PMO Desktop")
    assert str(sample_db[1].path) in text


def test_read_only_database_is_shown(window, sample_db, dialogs) -> None:
    database, sample = sample_db
    database.read_only = True
    database.read_only_reason = "its schema 0099 is newer than this version knows"
    window.reload()
    assert window.status.read_only_label.text() == (
        "read-only: its schema 0099 is newer than this version knows"
    )
    assert not window.status.read_only_label.isHidden()
    assert not window.workspace.execute(_rename(window, "DW-01", "Nope"))
    assert dialogs.messages[-1][1] == "Read-only database"
    assert crud.get(database, Project, sample.projects["DW-01"]).name == "Laptop refresh"


def test_open_and_new_database_replace_the_current_one(qtbot, window, dialogs, tmp_path) -> None:
    old = window.database
    dialogs.path = tmp_path / "fresh"
    window.new_action.trigger()
    assert window.database is not old
    assert window.database.target.path == tmp_path / "fresh.sqlite"
    assert window.current_view() == "empty"
    assert window.empty_state.demo_button.isEnabled()
    assert window.demo_action.isEnabled()

    dialogs.path = tmp_path / "fresh.sqlite"
    window.new_action.trigger()  # exists: refused
    assert dialogs.messages[-1][0] == "critical"

    dialogs.path = old.target.path
    window.open_action.trigger()
    assert window.database.target.path == old.target.path
    _loaded(qtbot, window.portfolio_view)
    assert len(_codes(window)) == 6
    locations = [entry.location for entry in RecentDatabases().entries()]
    assert locations[:2] == [str(old.target.path), str(tmp_path / "fresh.sqlite")]
    assert window.recent_menu.entry_actions()[0].text().endswith("sample.sqlite")


def test_opening_a_bad_file_keeps_the_current_database(window, dialogs, tmp_path) -> None:
    current = window.database
    bad = tmp_path / "notes.sqlite"
    bad.write_text("not a database")
    dialogs.path = bad
    window.open_action.trigger()
    assert window.database is current
    kind, _title, text = dialogs.messages[-1]
    assert kind == "critical" and "not a PMO Desktop database" in text


@pytest.mark.postgres
def test_connect_to_a_server(qtbot, window, dialogs, postgres_url) -> None:
    from sqlalchemy.engine import make_url

    url = make_url(postgres_url)
    dialogs.connection = ServerConnection(
        url.set(password=None).render_as_string(hide_password=False), "", remember=False
    )
    window.connect_action.trigger()
    assert not window.database.is_sqlite
    assert window.current_view() == "empty"  # a new server database holds no portfolio yet
    assert "postgresql" in window.status.database_label.text()


def test_layout_is_saved_and_restored(qtbot, sample_db, dialogs) -> None:
    database, _sample = sample_db
    first = MainWindow(database, dialogs=dialogs, watch_changes=False)
    qtbot.addWidget(first)
    _loaded(qtbot, first.portfolio_view)
    first.portfolio_view.table.header().resizeSection(Column.NAME, 333)
    first.resize(700, 500)  # the offscreen screen is 800×600
    first.close()
    assert QSettings().value("mainwindow/state") is not None
    second = MainWindow(database, dialogs=dialogs, watch_changes=False)
    qtbot.addWidget(second)
    assert second.portfolio_view.table.header().sectionSize(Column.NAME) == 333
    assert second.size().width() == 700
    second.close()


def test_empty_database_offers_the_demo(qtbot, tmp_path, dialogs, demo_factory) -> None:
    database = open_database(tmp_path / "empty.sqlite")
    pool = WorkPool()
    main = MainWindow(
        database, dialogs=dialogs, pool=pool, demo_factory=demo_factory, remember_layout=False
    )
    qtbot.addWidget(main)
    main.show()
    assert main.current_view() == "empty"
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
    assert main.current_view() == "portfolio"
    _loaded(qtbot, main.portfolio_view)
    assert [p.name for p in list_portfolios(database)] == ["Demo portfolio"]
    assert sorted(_codes(main)) == ["D-1", "D-2", "D-3"]
    assert main.open_action.isEnabled()
    assert not main.demo_action.isEnabled()
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
    assert main.current_view() == "empty"
    main.close()
    database.close()


def test_portfolio_menu_switches_portfolios(qtbot, window, sample_db) -> None:
    from pmo_desktop.models import Portfolio

    database, _sample = sample_db
    other = crud.create(database, Portfolio, name="Zeta", as_of_date=date(2026, 1, 31))
    window.reload()
    actions = window.portfolio_menu.actions()
    assert [action.text() for action in actions] == ["Group IT", "Zeta"]
    assert window.portfolio_menu.isEnabled()
    actions[1].trigger()
    assert window.portfolio_id == other.id
    _loaded(qtbot, window.portfolio_view)
    assert _codes(window) == []
    assert window.status.as_of_label.text() == "As of: 31/01/2026"
    assert _tree_labels(window) == ["Zeta"]


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
    # The check starts once the dashboard has loaded (it must not slow the first paint).
    with qtbot.waitSignal(main.integrity.damaged, timeout=30_000):
        pass

    assert damaged.read_only and "damaged" in damaged.read_only_reason
    critical = [text for kind, _title, text in dialogs.messages if kind == "critical"]
    assert critical and "damaged" in critical[0]
    main.close()
    pool.drain()
    damaged.close()
    assert path.read_bytes() == before


def test_sound_file_passes_the_background_check(qtbot, sample_db, dialogs) -> None:
    database, _sample = sample_db
    reopened = open_database(database.target.path, verify=False)
    pool = WorkPool()
    main = MainWindow(reopened, dialogs=dialogs, pool=pool, remember_layout=False)
    qtbot.addWidget(main)
    assert not reopened.verified
    # The check starts once the dashboard has loaded, then marks the database verified.
    qtbot.waitUntil(lambda: reopened.verified, timeout=30_000)
    assert not reopened.read_only
    assert dialogs.messages == []
    main.close()
    pool.drain()
    reopened.close()


def test_budget_edit_from_another_window_reaches_the_dashboard(qtbot, window, sample_db) -> None:
    database, sample = sample_db
    project = crud.get(database, Project, sample.projects["CX-02"])
    crud.update(database, Project, project.id, project.version, budget=Decimal("3500000"))
    window.reload_action.trigger()
    qtbot.waitUntil(
        lambda: any(
            window.portfolio_view.proxy.index(row, Column.BUDGET).data() == "€3,500,000"
            for row in range(window.portfolio_view.proxy.rowCount())
        ),
        timeout=10_000,
    )


def test_gantt_view_follows_the_current_project(qtbot, window, sample_db) -> None:
    _database, sample = sample_db
    assert window.gantt_action.shortcut() == QKeySequence("Ctrl+3")
    assert not window.gantt_action.isEnabled()  # no project chosen yet
    window.select_project("DW-02")
    window.gantt_action.trigger()
    assert window.current_view() == "gantt"
    assert window.gantt_menu.isEnabled() and not window.project_menu.isEnabled()
    _loaded(qtbot, window.gantt_view)
    assert window.gantt_view.title.text().startswith("DW-02")
    # Choosing another project in the tree moves the Gantt with it.
    tree, model = window.navigation.tree, window.navigation.model
    tree.setCurrentIndex(model.project_index(sample.projects["DW-01"]))
    qtbot.waitUntil(lambda: window.gantt_view.title.text().startswith("DW-01"), timeout=10_000)
    assert window.current_view() == "gantt"


def test_double_click_on_a_bar_edits_the_task_as_one_undo_step(
    qtbot, window, sample_db, dialogs
) -> None:
    from pmo_desktop.models import Task
    from pmo_desktop.services.task_edits import edit_task

    database, sample = sample_db
    project_id = sample.projects["CX-01"]
    task = crud.create(database, Task, project_id=project_id, name="Design", duration_minutes=480)
    window.open_gantt(project_id)
    _loaded(qtbot, window.gantt_view)
    dialogs.task_edit = lambda db, task_id: edit_task(
        db, task_id, fields={"name": "Detailed design"}
    )
    window.gantt_view.task_activated.emit(task.id)
    assert crud.get(database, Task, task.id).name == "Detailed design"
    window.undo_action.trigger()
    assert crud.get(database, Task, task.id).name == "Design"


def test_the_demo_portfolio_opens_with_every_project(qtbot, database, dialogs) -> None:
    from sqlalchemy import select

    from pmo_desktop.services.demo import create_demo

    create_demo(database.write_engine, as_of=date(2026, 10, 30))
    main = MainWindow(database, dialogs=dialogs, remember_layout=False, watch_changes=False)
    qtbot.addWidget(main)
    main.show()
    _loaded(qtbot, main.portfolio_view)
    with database.session() as session:
        expected = sorted(
            f"{code}  {name}" for code, name in session.execute(select(Project.code, Project.name))
        )
    shown = [label for label in _tree_labels(main) if "  " in label]
    assert sorted(shown) == expected
    assert sorted(_codes(main)) == sorted(label.split("  ")[0] for label in expected)
    assert main.status.as_of_label.text() == "As of: 30/10/2026"
    main.close()
