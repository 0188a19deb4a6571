"""The main window: menus, status bar, and the portfolio view of the open database.

The window owns the open `Database` (closing it when another replaces it) and reads
plain snapshots from `services.portfolio`; long work (the demo portfolio) goes through
`ui.workers`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStackedWidget, QWidget

from pmo_desktop import __version__
from pmo_desktop.errors import NotFoundError, PmoError
from pmo_desktop.services import portfolio as portfolio_service
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.services.portfolio import ProjectRow
from pmo_desktop.ui.demo_creation import DemoCreation, DemoFactory
from pmo_desktop.ui.dialogs import Dialogs
from pmo_desktop.ui.empty_state import EmptyState
from pmo_desktop.ui.i18n import LANGUAGE_KEY
from pmo_desktop.ui.integrity import IntegrityCheck
from pmo_desktop.ui.portfolio_view import PortfolioView
from pmo_desktop.ui.status_bar import DatabaseStatus
from pmo_desktop.ui.workers import Job, WorkPool

GEOMETRY_KEY = "mainwindow/geometry"
STATE_KEY = "mainwindow/state"
LAST_FOLDER_KEY = "files/lastFolder"
DEFAULT_SIZE = (1400, 900)


@dataclass(frozen=True)
class PortfolioChoice:
    """A portfolio the database holds, as the window lists it."""

    id: int
    name: str
    as_of: date | None


class MainWindow(QMainWindow):
    """PMO Desktop's main window on one open database."""

    def __init__(
        self,
        database: Database,
        *,
        dialogs: Dialogs | None = None,
        pool: WorkPool | None = None,
        demo_factory: DemoFactory | None = None,
        remember_layout: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self.dialogs = dialogs or Dialogs(self)
        self._remember_layout = remember_layout
        self._portfolios: list[PortfolioChoice] = []
        self._portfolio_id: int | None = None
        self._rows: list[ProjectRow] = []
        self.demo = DemoCreation(self, self.dialogs, pool=pool, factory=demo_factory)
        self.demo.finished.connect(self._on_demo_finished)
        self.integrity = IntegrityCheck(self, pool=pool)
        self.integrity.damaged.connect(self._on_damaged)

        self.portfolio_view = PortfolioView()
        self.empty_state = EmptyState()
        self.empty_state.demo_requested.connect(self.create_demo_portfolio)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.portfolio_view)
        self.pages.addWidget(self.empty_state)
        self.setCentralWidget(self.pages)

        self._create_actions()
        self._create_menus()
        self.status = DatabaseStatus(self.statusBar())
        self.resize(*DEFAULT_SIZE)
        if remember_layout:
            self._restore_layout()
        self.reload()
        self.integrity.start(database)

    @property
    def database(self) -> Database:
        return self._database

    @property
    def portfolio_id(self) -> int | None:
        return self._portfolio_id

    @property
    def demo_job(self) -> Job | None:
        """The demo portfolio's job while it runs."""
        return self.demo.job

    def _create_actions(self) -> None:
        self.new_action = QAction(self.tr("&New database…"), self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.setStatusTip(self.tr("Create a new, empty database file"))
        self.new_action.triggered.connect(self.new_database)
        self.open_action = QAction(self.tr("&Open database…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.setStatusTip(self.tr("Open another database file"))
        self.open_action.triggered.connect(self.open_database_file)
        self.reload_action = QAction(self.tr("&Reload"), self)
        self.reload_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.reload_action.setStatusTip(self.tr("Read the database again"))
        self.reload_action.triggered.connect(self._reload_or_report)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)

        self.filter_action = QAction(self.tr("&Filter projects"), self)
        self.filter_action.setShortcut(QKeySequence.StandardKey.Find)
        self.filter_action.triggered.connect(self._focus_filter)
        self.expand_action = QAction(self.tr("&Expand all"), self)
        self.expand_action.triggered.connect(self.portfolio_view.tree.expandAll)
        self.collapse_action = QAction(self.tr("&Collapse programmes"), self)
        self.collapse_action.triggered.connect(self._collapse_programmes)
        self.reset_columns_action = QAction(self.tr("&Reset column widths"), self)
        self.reset_columns_action.triggered.connect(self.portfolio_view.reset_column_widths)

        self.about_action = QAction(self.tr("&About PMO Desktop"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.file_menu.addAction(self.new_action)
        self.file_menu.addAction(self.open_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.reload_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.view_menu = bar.addMenu(self.tr("&View"))
        self.portfolio_menu = QMenu(self.tr("&Portfolio"), self)
        self.portfolio_group = QActionGroup(self)
        self.portfolio_group.setExclusive(True)
        self.portfolio_group.triggered.connect(self._on_portfolio_chosen)
        self.view_menu.addMenu(self.portfolio_menu)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.filter_action)
        self.view_menu.addAction(self.expand_action)
        self.view_menu.addAction(self.collapse_action)
        self.view_menu.addAction(self.reset_columns_action)
        self.view_menu.addSeparator()
        self.view_menu.addMenu(self._language_menu())

        self.help_menu = bar.addMenu(self.tr("&Help"))
        self.help_menu.addAction(self.about_action)

    def _language_menu(self) -> QMenu:
        menu = QMenu(self.tr("&Language"), self)
        group = QActionGroup(menu)
        saved = str(QSettings().value(LANGUAGE_KEY, "") or "")
        for code, name in (("", self.tr("System default")), ("en", "English"), ("fr", "Français")):
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == saved)
            action.setData(code)
            group.addAction(action)
        group.triggered.connect(self._choose_language)
        return menu

    def _update_title(self) -> None:
        portfolio = self._current_portfolio()
        name = self._database.target.path.name if self._database.target.path else "PostgreSQL"
        parts = [portfolio.name] if portfolio is not None else []
        parts += [name, "PMO Desktop"]
        self.setWindowTitle(" — ".join(parts))

    def _current_portfolio(self) -> PortfolioChoice | None:
        return next((p for p in self._portfolios if p.id == self._portfolio_id), None)

    def reload(self) -> None:
        """Read the portfolio list, tree and project rows again (F5)."""
        database = self._database
        self._portfolios = [
            PortfolioChoice(portfolio.id, portfolio.name, portfolio.as_of_date)
            for portfolio in portfolio_service.list_portfolios(database)
        ]
        ids = [portfolio.id for portfolio in self._portfolios]
        if self._portfolio_id not in ids:
            self._portfolio_id = ids[0] if ids else None
        if self._portfolio_id is None:
            self._rows = []
            self.portfolio_view.set_data(None, [])
            self.pages.setCurrentWidget(self.empty_state)
        else:
            tree = portfolio_service.portfolio_tree(database, self._portfolio_id)
            self._rows = portfolio_service.project_rows(database, self._portfolio_id)
            self.portfolio_view.set_data(tree, self._rows)
            self.pages.setCurrentWidget(self.portfolio_view)
        self._rebuild_portfolio_menu()
        self._update_demo_state()
        portfolio = self._current_portfolio()
        self.status.update(database, portfolio.as_of if portfolio is not None else None)
        self._update_title()

    def _reload_or_report(self) -> None:
        """Reload for a user action: a database error becomes a message, not a traceback."""
        try:
            self.reload()
        except PmoError as exc:
            self.dialogs.critical(self, self.tr("Cannot read the database"), str(exc))

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
        self._portfolio_id = int(action.data())
        self._reload_or_report()

    def show_portfolio(self, portfolio_id: int) -> None:
        if portfolio_id != self._portfolio_id:
            self._portfolio_id = portfolio_id
            self.reload()

    def _update_demo_state(self) -> None:
        if self._database.read_only:
            reason = self.tr("The database is read-only: {reason}.").format(
                reason=self._database.read_only_reason
            )
            self.empty_state.set_demo_available(False, reason)
        elif self.demo.running:
            self.empty_state.set_demo_available(False, self.tr("Creating the demo portfolio…"))
        else:
            self.empty_state.set_demo_available(True)

    def select_project(self, name: str) -> ProjectRow:
        """Select the project whose code or name is `name` (any portfolio of the database)."""
        wanted = name.strip().casefold()
        candidates = [(self._portfolio_id, self._rows)] + [
            (portfolio.id, None) for portfolio in self._portfolios
            if portfolio.id != self._portfolio_id
        ]  # fmt: skip
        for portfolio_id, known_rows in candidates:
            if portfolio_id is None:
                continue
            rows = known_rows
            if rows is None:
                rows = portfolio_service.project_rows(self._database, portfolio_id)
            match = next((row for row in rows if row.code.casefold() == wanted), None) or next(
                (row for row in rows if row.name.casefold() == wanted), None
            )
            if match is not None:
                self.show_portfolio(portfolio_id)
                self.portfolio_view.select_project(match.id)
                return match
        raise NotFoundError(
            f"No project with the code or name {name!r} in {self._database.display}."
        )

    def set_database(self, database: Database) -> None:
        """Show another database; the previous one is closed."""
        previous = self._database
        self._database = database
        self._portfolio_id = None
        try:
            self.reload()
        finally:
            if previous is not database:
                previous.close()
        self.integrity.start(database)

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

    def new_database(self) -> None:
        path = self.dialogs.new_database_file(self, self._last_folder())
        if path is None:
            return
        if not path.suffix:
            path = path.with_suffix(".sqlite")
        if path.exists():
            self.dialogs.critical(
                self,
                self.tr("New database"),
                self.tr("{path} already exists. Use Open database… to open it.").format(path=path),
            )
            return
        self._open(path, create=True)

    def open_database_file(self) -> None:
        path = self.dialogs.open_database_file(self, self._last_folder())
        if path is not None:
            self._open(path, create=False)

    def _open(self, path: Path, *, create: bool) -> None:
        if self._busy():
            return
        try:
            database = open_database(
                path, create=create, verify=False, confirm_upgrade=self._confirm_upgrade
            )
        except PmoError as exc:
            self.dialogs.critical(self, self.tr("Cannot open the database"), str(exc))
            return
        QSettings().setValue(LAST_FOLDER_KEY, str(path.parent))
        self.set_database(database)
        if database.backup_path is not None:
            self.statusBar().showMessage(
                self.tr("Database upgraded; the previous version is saved in {path}").format(
                    path=database.backup_path
                ),
                10_000,
            )

    def _confirm_upgrade(self, current: str | None, head: str) -> bool:
        return self.dialogs.question(
            self,
            self.tr("Upgrade the database?"),
            self.tr(
                "This database was made by an older version of PMO Desktop (schema {current}). "
                "Upgrade it to schema {head}? A backup copy is made first. "
                "If you do not upgrade, it opens read-only."
            ).format(current=current, head=head),
        )

    def _last_folder(self) -> Path:
        saved = str(QSettings().value(LAST_FOLDER_KEY, "") or "")
        if saved and Path(saved).is_dir():
            return Path(saved)
        if self._database.target.path is not None:
            return self._database.target.path.parent
        return Path.home()

    def _busy(self) -> bool:
        if not self.demo.running:
            return False
        self.dialogs.information(
            self,
            self.tr("Please wait"),
            self.tr("The demo portfolio is still being created."),
        )
        return True

    def create_demo_portfolio(self) -> Job | None:
        """Fill the (empty) database with the demo portfolio, in the background."""
        job = self.demo.start(self._database)
        if job is not None:
            self._set_file_actions_enabled(False)
            self._update_demo_state()
        return job

    def _on_demo_finished(self, created: bool) -> None:
        self._set_file_actions_enabled(True)
        self._reload_or_report()
        if created:
            self.statusBar().showMessage(self.tr("Demo portfolio created."), 8_000)

    def _set_file_actions_enabled(self, enabled: bool) -> None:
        for action in (self.new_action, self.open_action, self.reload_action):
            action.setEnabled(enabled)

    def _focus_filter(self) -> None:
        if self.pages.currentWidget() is self.portfolio_view:
            self.portfolio_view.focus_filter()

    def _collapse_programmes(self) -> None:
        tree = self.portfolio_view.tree
        tree.collapseAll()
        tree.expand(self.portfolio_view.tree_model.portfolio_index())

    def _choose_language(self, action: QAction) -> None:
        QSettings().setValue(LANGUAGE_KEY, action.data())
        self.dialogs.information(
            self,
            self.tr("Language"),
            self.tr("PMO Desktop will use this language the next time it starts."),
        )

    def show_about(self) -> None:
        text = self.tr(
            "<h3>PMO Desktop {version}</h3>"
            "<p>Portfolio, schedule, resource and risk management for a Project "
            "Management Office.</p><p>Database: {database}</p>"
        ).format(version=__version__, database=escape(self._database.display))
        self.dialogs.about(self, self.tr("About PMO Desktop"), text)

    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(QByteArray(geometry))
        state = settings.value(STATE_KEY)
        if isinstance(state, QByteArray | bytes):
            self.restoreState(QByteArray(state))
        self.portfolio_view.restore_state(settings)

    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(STATE_KEY, self.saveState())
        self.portfolio_view.save_state(settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._remember_layout:
            self.save_layout()
        self.demo.cancel()
        super().closeEvent(event)
