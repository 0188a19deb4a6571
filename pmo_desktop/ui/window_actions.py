"""The main window's actions, menus and toolbars, built in one place.

Every command a user can give has one QAction (text, icon, shortcut, status tip); menus,
toolbars and the view sidebar share those actions, so a shortcut always does the same thing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from pmo_desktop.ui.icons import icon

translate = QCoreApplication.translate

if TYPE_CHECKING:
    from pmo_desktop.ui.main_window import MainWindow


def _action(
    window: MainWindow,
    text: str,
    *,
    icon_name: str | None = None,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    tip: str = "",
) -> QAction:
    action = QAction(text, window)
    if icon_name:
        action.setIcon(icon(icon_name))
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(f"{text.replace('&', '').rstrip('…')} — {tip}")
    return action


def create_actions(window: MainWindow) -> None:
    """Give `window` its actions as attributes (tests and menus use the same objects)."""
    window.new_action = _action(
        window,
        translate("MainWindow", "&New database…"),
        icon_name="new-database",
        shortcut=QKeySequence.StandardKey.New,
        tip=translate("MainWindow", "Create a new, empty database file"),
    )
    window.open_action = _action(
        window,
        translate("MainWindow", "&Open database…"),
        icon_name="open-database",
        shortcut=QKeySequence.StandardKey.Open,
        tip=translate("MainWindow", "Open another database file"),
    )
    window.connect_action = _action(
        window,
        translate("MainWindow", "&Connect to server…"),
        icon_name="connect-server",
        shortcut="Ctrl+Shift+O",
        tip=translate("MainWindow", "Open a shared PostgreSQL database"),
    )
    window.import_action = _action(
        window,
        translate("MainWindow", "&Import…"),
        icon_name="import",
        shortcut="Ctrl+I",
        tip=translate(
            "MainWindow",
            "Read a Microsoft Project XML file or an Excel workbook into the portfolio",
        ),
    )
    window.export_action = _action(
        window,
        translate("MainWindow", "&Export…"),
        icon_name="export",
        shortcut="Ctrl+E",
        tip=translate(
            "MainWindow",
            "Write the project or the portfolio as an Excel workbook or MS Project XML",
        ),
    )
    window.backups_action = _action(
        window,
        translate("MainWindow", "&Backups…"),
        icon_name="history",
        tip=translate(
            "MainWindow", "The daily backups of this database file: back up now, or restore one"
        ),
    )
    window.demo_action = _action(
        window,
        translate("MainWindow", "Create the &demo portfolio"),
        tip=translate("MainWindow", "Fill this empty database with a demo"),
    )
    window.reload_action = _action(
        window,
        translate("MainWindow", "&Reload"),
        icon_name="reload",
        shortcut=QKeySequence(Qt.Key.Key_F5),
        tip=translate("MainWindow", "Read the database again"),
    )
    window.quit_action = _action(
        window, translate("MainWindow", "&Quit"), icon_name="quit", shortcut="Ctrl+Q"
    )
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

    stack = window.workspace.undo_stack
    window.undo_action = stack.createUndoAction(window, translate("MainWindow", "&Undo"))
    window.undo_action.setIcon(icon("undo"))
    window.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
    window.redo_action = stack.createRedoAction(window, translate("MainWindow", "&Redo"))
    window.redo_action.setIcon(icon("redo"))
    window.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    window.preferences_action = _action(
        window,
        translate("MainWindow", "&Preferences…"),
        icon_name="settings",
        shortcut=QKeySequence.StandardKey.Preferences,
        tip=translate("MainWindow", "Language, paper size, RAG thresholds, as-of date, user name"),
    )
    if window.preferences_action.shortcut().isEmpty():
        window.preferences_action.setShortcut(QKeySequence("Ctrl+,"))
    window.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)

    window.filter_action = _action(
        window,
        translate("MainWindow", "&Filter projects"),
        icon_name="filter",
        shortcut=QKeySequence.StandardKey.Find,
    )
    window.expand_action = _action(
        window, translate("MainWindow", "&Expand all"), icon_name="expand"
    )
    window.collapse_action = _action(
        window, translate("MainWindow", "&Collapse programmes"), icon_name="collapse"
    )
    window.reset_columns_action = _action(window, translate("MainWindow", "&Reset column widths"))

    window.view_group = QActionGroup(window)
    window.view_group.setExclusive(True)
    window.dashboard_action = _action(
        window,
        translate("MainWindow", "Portfolio &dashboard"),
        icon_name="dashboard",
        shortcut="Ctrl+1",
        tip=translate("MainWindow", "KPIs, projects and charts of the portfolio"),
    )
    window.project_action = _action(
        window,
        translate("MainWindow", "&Project"),
        icon_name="project",
        shortcut="Ctrl+2",
        tip=translate(
            "MainWindow", "Properties, status reports, baselines and costs of the current project"
        ),
    )
    window.gantt_action = _action(
        window,
        translate("MainWindow", "&Gantt chart"),
        icon_name="gantt",
        shortcut="Ctrl+3",
        tip=translate("MainWindow", "Tasks, dates, links and critical path of the current project"),
    )
    window.resources_action = _action(
        window,
        translate("MainWindow", "Resource &loading"),
        icon_name="resources",
        shortcut="Ctrl+4",
        tip=translate(
            "MainWindow", "Who is booked where: utilisation per resource and period, all projects"
        ),
    )
    window.risks_action = _action(
        window,
        translate("MainWindow", "Ris&k register"),
        icon_name="risks",
        shortcut="Ctrl+5",
        tip=translate(
            "MainWindow", "Risks of every project: filters, heat maps, responses and actions"
        ),
    )
    window.raid_action = _action(
        window,
        translate("MainWindow", "RA&ID logs"),
        icon_name="raid",
        shortcut="Ctrl+6",
        tip=translate(
            "MainWindow",
            "Issues, assumptions, decisions, change requests, cross-project links and lessons",
        ),
    )
    window.pool_action = _action(
        window,
        translate("MainWindow", "Re&source pool"),
        icon_name="user",
        shortcut="Ctrl+7",
        tip=translate(
            "MainWindow", "People, roles and materials: rates, vacations, who is assigned where"
        ),
    )
    window.portfolio_gantt_action = _action(
        window,
        translate("MainWindow", "Portfolio G&antt"),
        icon_name="gantt",
        shortcut="Ctrl+8",
        tip=translate(
            "MainWindow", "Every project of the portfolio on one time line, with the links between"
        ),
    )
    window.prioritisation_action = _action(
        window,
        translate("MainWindow", "Priori&tisation"),
        icon_name="level",
        shortcut="Ctrl+9",
        tip=translate(
            "MainWindow",
            "Projects ranked against the strategy, with the budget and capacity cut-off",
        ),
    )
    window.compliance_action = _action(
        window,
        translate("MainWindow", "Co&mpliance"),
        icon_name="warning",
        shortcut="Ctrl+Shift+C",
        tip=translate(
            "MainWindow",
            "What each project lacks against the PMO's rules: baselines, reports, risks",
        ),
    )
    window.new_from_template_action = _action(
        window,
        translate("MainWindow", "New project from &template…"),
        icon_name="add",
        shortcut="Ctrl+Alt+N",
        tip=translate(
            "MainWindow", "A project with the WBS, gates, milestones and risks of a method"
        ),
    )
    window.gate_review_action = _action(
        window,
        translate("MainWindow", "&Gate review…"),
        icon_name="milestone",
        shortcut="Ctrl+Alt+G",
        tip=translate("MainWindow", "Record the current project's next stage gate decision"),
    )
    window.templates_action = _action(
        window,
        translate("MainWindow", "&Method templates…"),
        icon_name="edit",
        tip=translate("MainWindow", "Edit the portfolio's method templates (PMO admin)"),
    )
    window.changes_action = _action(
        window,
        translate("MainWindow", "C&hange log"),
        icon_name="history",
        tip=translate("MainWindow", "Who changed what and when, across the portfolio"),
    )
    window.rag_rules_action = _action(
        window,
        translate("MainWindow", "&RAG rules and risk scoring…"),
        icon_name="settings",
        tip=translate(
            "MainWindow", "The portfolio's RAG thresholds and risk score rule (PMO admin)"
        ),
    )
    window.pmo_mode_action = _action(
        window,
        translate("MainWindow", "&PMO operating mode…"),
        icon_name="settings",
        tip=translate(
            "MainWindow",
            "Supportive, controlling or directive: what a gate review requires (PMO admin)",
        ),
    )
    window.view_actions = {
        "portfolio": window.dashboard_action,
        "project": window.project_action,
        "gantt": window.gantt_action,
        "portfolio-gantt": window.portfolio_gantt_action,
        "resources": window.resources_action,
        "risks": window.risks_action,
        "raid": window.raid_action,
        "pool": window.pool_action,
        "prioritisation": window.prioritisation_action,
        "compliance": window.compliance_action,
        "changes": window.changes_action,
    }
    for action in window.view_actions.values():
        action.setCheckable(True)
        window.view_group.addAction(action)
    window.dashboard_action.setIconText(translate("MainWindow", "Dashboard"))
    window.project_action.setIconText(translate("MainWindow", "Project"))
    window.gantt_action.setIconText(translate("MainWindow", "Gantt"))
    window.resources_action.setIconText(translate("MainWindow", "Resources"))
    window.risks_action.setIconText(translate("MainWindow", "Risks"))
    window.raid_action.setIconText(translate("MainWindow", "RAID"))
    window.pool_action.setIconText(translate("MainWindow", "Pool"))
    window.portfolio_gantt_action.setIconText(translate("MainWindow", "Timeline"))
    window.prioritisation_action.setIconText(translate("MainWindow", "Priorities"))
    window.compliance_action.setIconText(translate("MainWindow", "Compliance"))
    window.changes_action.setIconText(translate("MainWindow", "Changes"))

    window.board_pack_action = _action(
        window,
        translate("MainWindow", "&Board pack…"),
        icon_name="reports",
        shortcut="Ctrl+Shift+P",
        tip=translate("MainWindow", "The steering committee's PDF pack of the portfolio"),
    )
    window.status_report_action = _action(
        window,
        translate("MainWindow", "Project &status report…"),
        icon_name="status-report",
        shortcut="Ctrl+Shift+T",
        tip=translate("MainWindow", "A one-page PDF status report of the current project"),
    )
    window.portfolio_table_action = _action(
        window,
        translate("MainWindow", "Export portfolio table to &Excel…"),
        icon_name="excel",
        shortcut="Ctrl+Shift+E",
        tip=translate("MainWindow", "Ratings and figures of the active projects in a workbook"),
    )

    window.about_action = _action(
        window, translate("MainWindow", "&About PMO Desktop"), icon_name="about"
    )
    window.about_action.setMenuRole(QAction.MenuRole.AboutRole)


def _view_menu(window: MainWindow, title: str, *views: str) -> QMenu:
    """A menu of the commands of `views` (one section each); only the shown view's section
    is visible, and the menu is enabled while one of them is shown."""
    menu = window.menuBar().addMenu(title)
    for view in views:
        section = list(window.named_pages[view].actions_for_menu())  # type: ignore[attr-defined]
        for action in section:
            menu.addAction(action)
        window.view_menus[view] = menu
        window.view_sections[view] = section
    menu.setEnabled(False)
    return menu


def create_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    window.view_menus = {}
    window.view_sections = {}
    window.file_menu = bar.addMenu(translate("MainWindow", "&File"))
    for action in (window.new_action, window.open_action, window.connect_action):
        window.file_menu.addAction(action)
    window.file_menu.addMenu(window.recent_menu)
    window.file_menu.addSeparator()
    window.file_menu.addAction(window.new_from_template_action)
    window.file_menu.addSeparator()
    window.file_menu.addAction(window.import_action)
    window.file_menu.addAction(window.export_action)
    window.file_menu.addAction(window.backups_action)
    window.file_menu.addSeparator()
    window.file_menu.addAction(window.demo_action)
    window.file_menu.addAction(window.reload_action)
    window.file_menu.addSeparator()
    window.file_menu.addAction(window.quit_action)

    window.edit_menu = bar.addMenu(translate("MainWindow", "&Edit"))
    window.edit_menu.addAction(window.undo_action)
    window.edit_menu.addAction(window.redo_action)
    window.edit_menu.addAction(window.history_dock.toggleViewAction())
    window.edit_menu.addAction(window.audit_history.action)
    window.edit_menu.addSeparator()
    window.edit_menu.addAction(window.preferences_action)

    window.view_menu = bar.addMenu(translate("MainWindow", "&View"))
    for action in window.view_actions.values():
        window.view_menu.addAction(action)
    window.view_menu.addSeparator()
    window.portfolio_menu = QMenu(translate("MainWindow", "P&ortfolio"), window)
    window.portfolio_group = QActionGroup(window)
    window.portfolio_group.setExclusive(True)
    window.view_menu.addMenu(window.portfolio_menu)
    window.view_menu.addSeparator()
    window.view_menu.addAction(window.navigation_dock.toggleViewAction())
    window.view_menu.addAction(window.filter_action)
    window.view_menu.addAction(window.expand_action)
    window.view_menu.addAction(window.collapse_action)
    window.view_menu.addAction(window.reset_columns_action)
    window.view_menu.addSeparator()
    window.view_menu.addAction(window.main_toolbar.toggleViewAction())

    # A menu per view holding that view's own commands, enabled while the view is shown.
    window.project_menu = _view_menu(window, translate("MainWindow", "&Project"), "project")
    window.gantt_menu = _view_menu(
        window, translate("MainWindow", "&Gantt"), "gantt", "portfolio-gantt"
    )
    window.resources_menu = _view_menu(
        window, translate("MainWindow", "Re&sources"), "resources", "pool"
    )
    window.risks_menu = _view_menu(window, translate("MainWindow", "R&isks"), "risks")
    window.raid_menu = _view_menu(window, translate("MainWindow", "RAI&D"), "raid")
    window.governance_menu = _view_menu(
        window, translate("MainWindow", "Gover&nance"), "prioritisation", "compliance", "changes"
    )
    # Governance commands of any view come first; the menu stays enabled for them.
    first = window.governance_menu.actions()[0] if window.governance_menu.actions() else None
    for action in (
        window.new_from_template_action,
        window.gate_review_action,
        window.templates_action,
        window.rag_rules_action,
        window.pmo_mode_action,
    ):
        window.governance_menu.insertAction(first, action)
    window.governance_menu.insertSeparator(first)
    window.permanent_menus = {window.governance_menu}

    window.reports_menu = bar.addMenu(translate("MainWindow", "&Reports"))
    window.reports_menu.addAction(window.board_pack_action)
    window.reports_menu.addAction(window.status_report_action)
    window.reports_menu.addSeparator()
    window.reports_menu.addAction(window.portfolio_table_action)

    window.help_menu = bar.addMenu(translate("MainWindow", "&Help"))
    window.help_menu.addAction(window.about_action)


def create_toolbars(window: MainWindow) -> None:
    window.views_toolbar = QToolBar(translate("MainWindow", "Views"), window)
    window.views_toolbar.setObjectName("viewsToolbar")
    window.views_toolbar.setMovable(False)
    window.views_toolbar.setIconSize(QSize(28, 28))
    window.views_toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
    for action in window.view_actions.values():
        window.views_toolbar.addAction(action)
    window.addToolBar(Qt.ToolBarArea.LeftToolBarArea, window.views_toolbar)

    window.main_toolbar = QToolBar(translate("MainWindow", "Main toolbar"), window)
    window.main_toolbar.setObjectName("mainToolbar")
    window.main_toolbar.setIconSize(QSize(20, 20))
    for action in (window.new_action, window.open_action, window.connect_action):
        window.main_toolbar.addAction(action)
    window.main_toolbar.addSeparator()
    window.main_toolbar.addAction(window.undo_action)
    window.main_toolbar.addAction(window.redo_action)
    window.main_toolbar.addSeparator()
    window.main_toolbar.addAction(window.reload_action)
    window.main_toolbar.addAction(window.filter_action)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, window.main_toolbar)
