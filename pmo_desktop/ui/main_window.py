"""The main window: navigation dock, view sidebar, central views, menus, toolbars, status bar.

The window owns the `Workspace` (the open database, the undo stack and the refresh
signals the views follow). Opening another database replaces the workspace's database,
clears the undo history and closes the previous database. A change feed polled on a timer
tells when another user committed; the views then reload, keeping the user's selection.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QStackedWidget, QUndoView, QWidget

from pmo_desktop.errors import PmoError
from pmo_desktop.models import Portfolio, Programme, Project, StatusReport
from pmo_desktop.services import portfolio as portfolio_service
from pmo_desktop.services.database import Database
from pmo_desktop.storage.change_feed import ChangeFeed
from pmo_desktop.ui.backups import DailyBackup
from pmo_desktop.ui.compliance.view import ComplianceView
from pmo_desktop.ui.database_commands import DatabaseCommands
from pmo_desktop.ui.demo_creation import DemoCreation, DemoFactory
from pmo_desktop.ui.dialogs import Dialogs
from pmo_desktop.ui.empty_state import EmptyState
from pmo_desktop.ui.gantt.portfolio_view import PortfolioGanttView
from pmo_desktop.ui.gantt.view import GanttView
from pmo_desktop.ui.history import ChangeLogView
from pmo_desktop.ui.history_dock import HistoryDock
from pmo_desktop.ui.integrity import IntegrityCheck
from pmo_desktop.ui.interchange.commands import InterchangeCommands
from pmo_desktop.ui.navigation import NavigationPanel
from pmo_desktop.ui.pool import ResourcePoolView
from pmo_desktop.ui.portfolio_view import PortfolioView
from pmo_desktop.ui.preferences import Preferences
from pmo_desktop.ui.prioritisation import PrioritisationView
from pmo_desktop.ui.project_view import ProjectView
from pmo_desktop.ui.raid import RaidView
from pmo_desktop.ui.recent import RecentDatabasesMenu
from pmo_desktop.ui.reports.commands import ReportCommands
from pmo_desktop.ui.resources.view import ResourceLoadingView
from pmo_desktop.ui.risks import RiskRegisterView
from pmo_desktop.ui.sharing import LeaseMonitor
from pmo_desktop.ui.status_bar import DatabaseStatus
from pmo_desktop.ui.view_commands import PORTFOLIO_WIDE_VIEWS, ViewCommands
from pmo_desktop.ui.window_actions import create_actions, create_menus, create_toolbars
from pmo_desktop.ui.workers import Job, WorkPool
from pmo_desktop.ui.workspace import Workspace, touches

GEOMETRY_KEY = "mainwindow/geometry"
STATE_KEY = "mainwindow/state"
DEFAULT_SIZE = (1400, 900)
#: The navigation dock's width at first start (pixels); the user's width is remembered.
NAVIGATION_WIDTH = 300
#: How often the window asks whether another user committed (milliseconds).
CHANGE_POLL_MS = 2000


@dataclass(frozen=True)
class PortfolioChoice:
    """A portfolio the database holds, as the window lists it."""

    id: int
    name: str
    as_of: date | None


class MainWindow(DatabaseCommands, ViewCommands, QMainWindow):
    """PMO Desktop's main window on one open database."""

    #: The view shown in the centre changed ("portfolio", "project" or "empty").
    view_changed = Signal(str)

    def __init__(
        self,
        database: Database,
        *,
        dialogs: Dialogs | None = None,
        pool: WorkPool | None = None,
        demo_factory: DemoFactory | None = None,
        remember_layout: bool = True,
        watch_changes: bool = True,
        daily_backup: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.dialogs = dialogs or Dialogs(self)
        self.workspace = Workspace(database, dialogs=self.dialogs, pool=pool, parent_widget=self)
        self.workspace.data_changed.connect(self._on_data_changed)
        self._remember_layout = remember_layout
        self._portfolios: list[PortfolioChoice] = []
        self._portfolio_id: int | None = None
        self._project_id: int | None = None
        self.demo = DemoCreation(self, self.dialogs, pool=pool, factory=demo_factory)
        self.demo.finished.connect(self._on_demo_finished)
        self.integrity = IntegrityCheck(self, pool=pool)
        self.integrity.damaged.connect(self._on_damaged)
        self._daily_backup_allowed = daily_backup
        self.daily_backup = DailyBackup(self, pool=pool)
        self.daily_backup.failed.connect(lambda text: self.statusBar().showMessage(text, 15_000))

        self.portfolio_view = PortfolioView(self.workspace)
        self.portfolio_view.project_activated.connect(self.open_project)
        self.project_view = ProjectView(self.workspace)
        self.gantt_view = GanttView(self.workspace)
        self.gantt_view.task_activated.connect(self.edit_task)
        self.portfolio_gantt_view = PortfolioGanttView(self.workspace)
        self.portfolio_gantt_view.open_project_gantt.connect(self.open_gantt)
        self.portfolio_gantt_view.open_task.connect(self.open_task)
        self.resources_view = ResourceLoadingView(self.workspace)
        self.resources_view.task_activated.connect(self.open_task)
        self.risks_view = RiskRegisterView(self.workspace)
        self.risks_view.open_task.connect(self.open_task)
        self.raid_view = RaidView(self.workspace)
        self.raid_view.open_task.connect(self.open_task)
        self.pool_view = ResourcePoolView(self.workspace)
        self.pool_view.open_task.connect(self.open_task)
        self.prioritisation_view = PrioritisationView(self.workspace)
        self.compliance_view = ComplianceView(self.workspace)
        self.compliance_view.open_project.connect(self.open_project)
        self.changes_view = ChangeLogView(self.workspace)
        self.changes_view.open_object.connect(self.open_object)
        self.empty_state = EmptyState()
        self.empty_state.demo_requested.connect(self.create_demo_portfolio)
        #: The views by the name `current_view()` and `--show` use, in sidebar order.
        self.named_pages: dict[str, QWidget] = {
            "portfolio": self.portfolio_view,
            "project": self.project_view,
            "gantt": self.gantt_view,
            "portfolio-gantt": self.portfolio_gantt_view,
            "resources": self.resources_view,
            "risks": self.risks_view,
            "raid": self.raid_view,
            "pool": self.pool_view,
            "prioritisation": self.prioritisation_view,
            "compliance": self.compliance_view,
            "changes": self.changes_view,
        }
        self.pages = QStackedWidget()
        for page in (*self.named_pages.values(), self.empty_state):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)

        self.navigation = NavigationPanel()
        self.navigation.scope_changed.connect(self._on_scope_changed)
        self.navigation.project_selected.connect(self._on_project_selected)
        self.navigation.project_opened.connect(self.open_project)
        self.navigation_dock = self._dock("navigationDock", self.tr("Portfolio"), self.navigation)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.navigation_dock)
        self.history = QUndoView(self.workspace.undo_stack)
        self.history.setEmptyLabel(self.tr("<opened database>"))
        self.history_dock = self._dock("historyDock", self.tr("Undo history"), self.history)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.history_dock.hide()
        self.audit_history = HistoryDock(self)
        self.recent_menu = RecentDatabasesMenu(self)
        self.recent_menu.open_requested.connect(self.open_location)
        self.reports = ReportCommands(self, pool=self.workspace.pool)
        self.interchange = InterchangeCommands(self, pool=self.workspace.pool)
        self.interchange.imported.connect(self._reload_or_report)

        create_actions(self)
        create_toolbars(self)
        create_menus(self)
        self._connect_actions()
        self._install_checkouts()
        self.preferences = Preferences.load(QSettings())
        self.portfolio_view.set_thresholds(self.preferences.thresholds)
        self.project_view.set_thresholds(self.preferences.thresholds)
        self.compliance_view.set_thresholds(self.preferences.thresholds)
        self.status = DatabaseStatus(self.statusBar())
        self.status.set_user(self.preferences.user_name)
        self.risks_view.user_name = self.preferences.user_name
        self._name_the_user(database)
        self.resize(*DEFAULT_SIZE)
        self.resizeDocks([self.navigation_dock], [NAVIGATION_WIDTH], Qt.Orientation.Horizontal)
        if remember_layout:
            self._restore_layout()

        self.lease_monitor = LeaseMonitor(self)
        self.lease_monitor.lost.connect(self._on_lease_lost)
        self.lease_monitor.freed.connect(self._on_lease_freed)
        self.lease_monitor.watch(database)
        self._feed: ChangeFeed | None = None
        self._watch_timer = QTimer(self)
        self._watch_timer.setInterval(CHANGE_POLL_MS)
        self._watch_timer.timeout.connect(self.check_for_changes)
        self._watch_changes = watch_changes
        self._start_watching()
        self.reload()
        self._check_after_load(database)

    def _dock(self, name: str, title: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        return dock

    def _connect_actions(self) -> None:
        self.new_action.triggered.connect(self.new_database)
        self.open_action.triggered.connect(self.open_database_file)
        self.connect_action.triggered.connect(self.connect_to_server)
        self.demo_action.triggered.connect(self.create_demo_portfolio)
        self.reload_action.triggered.connect(self._reload_or_report)
        self.quit_action.triggered.connect(self.close)
        self.preferences_action.triggered.connect(self.show_preferences)
        self.filter_action.triggered.connect(self._focus_filter)
        self.expand_action.triggered.connect(self.navigation.tree.expandAll)
        self.collapse_action.triggered.connect(self.navigation.collapse_programmes)
        self.reset_columns_action.triggered.connect(self.portfolio_view.reset_column_widths)
        self.dashboard_action.triggered.connect(self.show_dashboard)
        self.project_action.triggered.connect(self._show_current_project)
        self.gantt_action.triggered.connect(self._show_current_gantt)
        self.resources_action.triggered.connect(self.show_resources)
        self.risks_action.triggered.connect(self.show_risks)
        self.raid_action.triggered.connect(lambda: self.show_portfolio_wide("raid"))
        self.pool_action.triggered.connect(lambda: self.show_portfolio_wide("pool"))
        self.portfolio_gantt_action.triggered.connect(
            lambda: self.show_portfolio_wide("portfolio-gantt")
        )
        self.prioritisation_action.triggered.connect(
            lambda: self.show_portfolio_wide("prioritisation")
        )
        self.compliance_action.triggered.connect(lambda: self.show_portfolio_wide("compliance"))
        self.changes_action.triggered.connect(lambda: self.show_portfolio_wide("changes"))
        self.new_from_template_action.triggered.connect(self.new_project_from_template)
        self.gate_review_action.triggered.connect(self.gate_review)
        self.templates_action.triggered.connect(self.edit_method_templates)
        self.rag_rules_action.triggered.connect(self.edit_rag_rules)
        self.pmo_mode_action.triggered.connect(self.edit_pmo_mode)
        self.portfolio_group.triggered.connect(self._on_portfolio_chosen)
        self.about_action.triggered.connect(self.show_about)
        self.board_pack_action.triggered.connect(self.show_board_pack)
        self.status_report_action.triggered.connect(self.write_status_report)
        self.portfolio_table_action.triggered.connect(self.export_portfolio_table)
        self.export_action.triggered.connect(self.export_file)
        self.import_action.triggered.connect(self.import_file)
        self.backups_action.triggered.connect(self.show_backups)

    # ----------------------------------------------------------------- state
    @property
    def database(self) -> Database:
        return self.workspace.database

    @property
    def portfolio_id(self) -> int | None:
        return self._portfolio_id

    @property
    def project_id(self) -> int | None:
        """The current project: the one the project view (and later the Gantt) shows."""
        return self._project_id

    @property
    def demo_job(self) -> Job | None:
        """The demo portfolio's job while it runs."""
        return self.demo.job

    def current_view(self) -> str:
        page = self.pages.currentWidget()
        return next((name for name, view in self.named_pages.items() if view is page), "empty")

    def _current_portfolio(self) -> PortfolioChoice | None:
        return next((p for p in self._portfolios if p.id == self._portfolio_id), None)

    # ---------------------------------------------------------------- reload
    def reload(self) -> None:
        """Read the portfolio list and tree again; the views follow `data_changed`."""
        database = self.database
        self._portfolios = [
            PortfolioChoice(portfolio.id, portfolio.name, portfolio.as_of_date)
            for portfolio in portfolio_service.list_portfolios(database)
        ]
        ids = [portfolio.id for portfolio in self._portfolios]
        if self._portfolio_id not in ids:
            self._portfolio_id = ids[0] if ids else None
            self._project_id = None
        self.workspace.set_as_of(self._as_of())
        if self._portfolio_id is None:
            self.navigation.set_tree(None)
            self._show_page(self.empty_state)
        else:
            self.navigation.set_tree(portfolio_service.portfolio_tree(database, self._portfolio_id))
            if self.portfolio_view.shown_portfolio_id() != self._portfolio_id:
                self.portfolio_view.show_portfolio(self._portfolio_id)
            if self.pages.currentWidget() is self.empty_state:
                self._show_page(self.portfolio_view)
            else:
                self._show_page(self.pages.currentWidget())  # the view actions follow
        self._rebuild_portfolio_menu()
        self._apply_portfolio_thresholds()
        self._refresh_checkouts()
        self._update_actions()
        self._update_status()
        self._update_title()

    def _update_status(self) -> None:
        self.status.update(
            self.database, self.workspace.as_of if self._portfolio_id is not None else None
        )

    def _reload_or_report(self) -> None:
        """Reload for a user action: a database error becomes a message, not a traceback."""
        try:
            self.reload()
            self.workspace.refresh()
        except PmoError as exc:
            self.dialogs.critical(self, self.tr("Cannot read the database"), str(exc))

    def _on_data_changed(self, models: object) -> None:
        if models is None:
            return  # a full reload: reload() already read the tree
        if self._feed is not None:
            self._feed.acknowledge()  # our own edit, undo or redo: not someone else's
        if self._portfolio_id is not None and touches(
            models,  # type: ignore[arg-type]
            Portfolio, Programme, Project, StatusReport,
        ):  # fmt: skip
            try:
                self.reload()
            except PmoError as exc:
                self.dialogs.critical(self, self.tr("Cannot read the database"), str(exc))

    @Slot()
    def check_for_changes(self) -> bool:
        """Reload if another user committed since the last look; True if so.

        On a server the feed names the tables changed: only the views showing one of them
        reload (`data_changed` with their classes). SQLite, or a reconnected feed, cannot
        say what changed: everything reloads.
        """
        if self._feed is None or self.demo.running:
            return False
        changes = self._feed.poll()
        if not changes:
            return False
        self.statusBar().showMessage(self.tr("Another user saved changes; views updated."), 5000)
        if changes.full:
            self._reload_or_report()
        else:
            self.workspace.refresh(changes.tables)
        return True

    def _start_watching(self) -> None:
        self._stop_watching()
        if not self._watch_changes:
            return
        try:
            self._feed = self.database.change_feed()
        except PmoError:
            self._feed = None  # views still reload on F5
            return
        self._watch_timer.start()

    def _stop_watching(self) -> None:
        self._watch_timer.stop()
        if self._feed is not None:
            self._feed.close()
            self._feed = None

    def select_project(self, name: str) -> int:
        """Make the project whose code or name is `name` current (any portfolio); its id."""
        project = portfolio_service.find_project(self.database, name)
        if project.portfolio_id != self._portfolio_id:
            self.show_portfolio(project.portfolio_id)
        self._project_id = project.id
        self.navigation.select_project(project.id)
        self.portfolio_view.select_project(project.id)
        self._update_actions()
        return project.id

    def show_portfolio(self, portfolio_id: int) -> None:
        if portfolio_id != self._portfolio_id:
            self._portfolio_id = portfolio_id
            self._project_id = None
            self.reload()

    def _rebuild_portfolio_menu(self) -> None:
        self.portfolio_menu.clear()  # deletes the actions, which leave the group
        for portfolio in self._portfolios:
            action = self.portfolio_menu.addAction(portfolio.name)
            action.setCheckable(True)
            action.setChecked(portfolio.id == self._portfolio_id)
            action.setData(portfolio.id)
            self.portfolio_group.addAction(action)
        self.portfolio_menu.setEnabled(len(self._portfolios) > 1)

    def _on_portfolio_chosen(self, action: QAction) -> None:
        try:
            self.show_portfolio(int(action.data()))
        except PmoError as exc:
            self.dialogs.critical(self, self.tr("Cannot read the database"), str(exc))

    def _update_actions(self) -> None:
        has_portfolio = self._portfolio_id is not None
        self.dashboard_action.setEnabled(has_portfolio)
        self.project_action.setEnabled(self._project_id is not None)
        self.gantt_action.setEnabled(self._project_id is not None)
        for name in PORTFOLIO_WIDE_VIEWS:
            self.view_actions[name].setEnabled(has_portfolio)
        self.filter_action.setEnabled(has_portfolio)
        self.board_pack_action.setEnabled(has_portfolio)
        self.portfolio_table_action.setEnabled(has_portfolio)
        self.export_action.setEnabled(has_portfolio)
        self.backups_action.setEnabled(self.database.is_sqlite and not self.demo.running)
        self.import_action.setEnabled(not self.database.read_only and not self.demo.running)
        self.status_report_action.setEnabled(self._project_id is not None)
        writable = not self.database.read_only
        self.new_from_template_action.setEnabled(has_portfolio and writable)
        self.gate_review_action.setEnabled(self._project_id is not None and writable)
        self.templates_action.setEnabled(has_portfolio and writable)
        self.rag_rules_action.setEnabled(has_portfolio and writable and self._is_pmo_admin())
        self.pmo_mode_action.setEnabled(has_portfolio)  # read-only, with the reason, if not
        busy = self.demo.running
        self.demo_action.setEnabled(writable and not has_portfolio and not busy)
        for action in (self.new_action, self.open_action, self.connect_action):
            action.setEnabled(not busy)
        self.reload_action.setEnabled(not busy)
        self._update_checkout_actions()
        if self.database.read_only:
            reason = self.tr("The database is read-only: {reason}.").format(
                reason=self.database.read_only_reason
            )
            self.empty_state.set_demo_available(False, reason)
        elif busy:
            self.empty_state.set_demo_available(False, self.tr("Creating the demo portfolio…"))
        else:
            self.empty_state.set_demo_available(True)

    def _update_title(self) -> None:
        portfolio = self._current_portfolio()
        target = self.database.target
        name = target.path.name if target.path else target.display
        parts = [portfolio.name] if portfolio is not None else []
        parts += [name, "PMO Desktop"]
        self.setWindowTitle(" — ".join(parts))

    def _focus_filter(self) -> None:
        if self.pages.currentWidget() is self.gantt_view:
            self.gantt_view.focus_find()
            return
        page = self.pages.currentWidget()
        if page is not self.portfolio_view and hasattr(page, "focus_filter"):
            page.focus_filter()
            return
        if page is not self.portfolio_view:
            self.show_dashboard()
        self.portfolio_view.focus_filter()

    # ------------------------------------------------------------- databases
    def set_database(self, database: Database) -> None:
        """Show another database; the previous one is closed and the undo history cleared."""
        previous = self.database
        self._stop_watching()
        self.reports.close_dialog()
        self.workspace.set_database(database)
        self._portfolio_id = None
        self._project_id = None
        try:
            self.reload()
        finally:
            if previous is not database:
                previous.close()
        self._name_the_user(database)
        self._start_watching()
        self.lease_monitor.watch(database)
        self._check_after_load(database)
        self.remember_recent(database)

    @Slot(str)
    def _on_damaged(self, message: str) -> None:
        self.dialogs.critical(
            self,
            self.tr("Damaged database"),
            self.tr("{message}\n\nIt stays open read-only: restore it from a backup.").format(
                message=message
            ),
        )
        self._reload_or_report()

    def _busy(self) -> bool:
        if not self.demo.running:
            return False
        self.dialogs.information(
            self, self.tr("Please wait"), self.tr("The demo portfolio is still being created.")
        )
        return True

    def create_demo_portfolio(self) -> Job | None:
        """Fill the (empty) database with the demo portfolio, in the background."""
        job = self.demo.start(self.database)
        self._update_actions()
        return job

    def _on_demo_finished(self, created: bool) -> None:
        if self._feed is not None:
            self._feed.acknowledge()
        self._update_actions()
        self._reload_or_report()
        if created:
            self.statusBar().showMessage(self.tr("Demo portfolio created."), 8_000)

    # ----------------------------------------------------------------- dialogs
    def show_preferences(self) -> None:
        preferences = self.dialogs.preferences(self)
        if preferences is None:
            return
        self.apply_preferences(preferences)

    def apply_preferences(self, preferences: Preferences) -> None:
        """Use new preferences now (the language applies at the next start)."""
        self.preferences = preferences
        self.portfolio_view.set_thresholds(preferences.thresholds)
        self._apply_portfolio_thresholds()
        self.compliance_view.set_thresholds(preferences.thresholds)
        self.status.set_user(preferences.user_name)
        self.risks_view.user_name = preferences.user_name
        self._name_the_user(self.database)
        self.workspace.set_as_of(self._as_of())
        self._update_status()

    def _as_of(self) -> date:
        """The user's as-of override, else the portfolio's as-of date, else today."""
        if self.preferences.as_of is not None:
            return self.preferences.as_of
        portfolio = self._current_portfolio()
        if portfolio is not None and portfolio.as_of is not None:
            return portfolio.as_of
        return date.today()

    def show_about(self) -> None:
        self.dialogs.about_application(self, self.database.display)

    # ------------------------------------------------------------------ layout
    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(QByteArray(geometry))
        state = settings.value(STATE_KEY)
        if isinstance(state, QByteArray | bytes):
            self.restoreState(QByteArray(state))
        for view in self.named_pages.values():
            view.restore_state(settings)  # type: ignore[attr-defined]

    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(STATE_KEY, self.saveState())
        for view in self.named_pages.values():
            view.save_state(settings)  # type: ignore[attr-defined]

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._remember_layout:
            self.save_layout()
        self.demo.cancel()
        self.reports.shutdown()
        self.interchange.shutdown()
        for view in self.named_pages.values():
            view.cancel_loading()  # type: ignore[attr-defined]
        self._stop_watching()
        self.lease_monitor.stop()
        self.audit_history.stop()
        super().closeEvent(event)
