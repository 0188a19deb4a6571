"""File menu commands of the main window: new, open, open recent, connect to a server,
and offline check-out (check out, check in, cancel; the banner above the views).

A mixin of `MainWindow` (it uses the window's dialogs, `set_database` and status bar);
its strings are translated in the "MainWindow" context, where lupdate files the window's.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QVBoxLayout, QWidget

from pmo_desktop.errors import PmoError
from pmo_desktop.models import Checkout, CheckoutState
from pmo_desktop.services.database import Database
from pmo_desktop.ui.checkout.banner import CheckoutBanner, checked_out_note, stub_note
from pmo_desktop.ui.checkout.commands import CheckoutCommands
from pmo_desktop.ui.recent import RecentDatabases
from pmo_desktop.ui.sharing import lost_message, open_shared
from pmo_desktop.ui.workspace import touches

if TYPE_CHECKING:
    from pmo_desktop.ui.main_window import MainWindow

LAST_FOLDER_KEY = "files/lastFolder"
#: Set to 1 to turn the daily backup off for every user of a machine (and in test runs).
NO_DAILY_BACKUP_ENV = "PMO_NO_DAILY_BACKUP"


translate = QCoreApplication.translate


class DatabaseCommands:
    """New database, open a file, open a recent one, connect to a server."""

    def remember_recent(self: MainWindow, database: Database) -> None:
        """Put the database on File ▸ Open recent (its URL never carries a password)."""
        target = database.target
        location = str(target.path) if target.path is not None else target.display
        RecentDatabases().add(location)
        self.recent_menu.rebuild()

    def new_database(self: MainWindow) -> None:
        path = self.dialogs.new_database_file(self, self._last_folder())
        if path is None:
            return
        if not path.suffix:
            path = path.with_suffix(".sqlite")
        if path.exists():
            self.dialogs.critical(
                self,
                translate("MainWindow", "New database"),
                translate(
                    "MainWindow", "{path} already exists. Use Open database… to open it."
                ).format(path=path),
            )
            return
        self._open(str(path), create=True)

    def open_database_file(self: MainWindow) -> None:
        path = self.dialogs.open_database_file(self, self._last_folder())
        if path is not None:
            self._open(str(path), create=False)

    def open_location(self: MainWindow, location: str) -> None:
        """Open a database by path or URL (the recent-databases menu)."""
        self._open(location, create=False)

    def connect_to_server(self: MainWindow) -> None:
        connection = self.dialogs.connect_to_server(self)
        if connection is None or not self._open(connection.url_with_password(), create=True):
            return
        try:
            connection.remember_password()
        except PmoError as exc:
            self.dialogs.information(
                self, translate("MainWindow", "Password not remembered"), str(exc)
            )

    def _open(self: MainWindow, location: str, *, create: bool) -> bool:
        if self._busy():
            return False
        try:
            database = open_shared(
                location,
                lambda title, text: self.dialogs.question(self, title, text),
                create=create,
                verify=False,
                confirm_upgrade=self._confirm_upgrade,
                sharing=self.preferences.sharing,
            )
        except PmoError as exc:
            self.dialogs.critical(
                self, translate("MainWindow", "Cannot open the database"), str(exc)
            )
            return False
        if database.target.path is not None:
            QSettings().setValue(LAST_FOLDER_KEY, str(database.target.path.parent))
        self.set_database(database)
        if database.backup_path is not None:
            self.statusBar().showMessage(
                translate(
                    "MainWindow", "Database upgraded; the previous version is saved in {path}"
                ).format(path=database.backup_path),
                10_000,
            )
        return True

    def _confirm_upgrade(self: MainWindow, current: str | None, head: str) -> bool:
        return self.dialogs.question(
            self,
            translate("MainWindow", "Upgrade the database?"),
            translate(
                "MainWindow",
                "This database was made by an older version of PMO Desktop (schema {current}). "
                "Upgrade it to schema {head}? A backup copy is made first. "
                "If you do not upgrade, it opens read-only.",
            ).format(current=current, head=head),
        )

    def _last_folder(self: MainWindow) -> Path:
        saved = str(QSettings().value(LAST_FOLDER_KEY, "") or "")
        if saved and Path(saved).is_dir():
            return Path(saved)
        if self.database.target.path is not None:
            return self.database.target.path.parent
        return Path.home()

    # ------------------------------------------------------------ shared files
    def _on_lease_lost(self: MainWindow, reason: str) -> None:
        """Someone took over the file this window edited: it is read-only from now on."""
        title, text = lost_message(self, reason)
        self.dialogs.critical(self, title, text)
        self._update_actions()
        self._update_status()

    def _on_lease_freed(self: MainWindow) -> None:
        """The editor of the file this window reads has closed it: offer to edit it."""
        database = self.database
        question = translate(
            "MainWindow", "{file} is no longer being edited by anyone. Open it for editing now?"
        ).format(file=database.display)
        if self.dialogs.question(self, translate("MainWindow", "File available"), question):
            location = str(database.target.path) if database.target.path else database.display
            self._open(location, create=False)

    # ----------------------------------------------------------------- backups
    def show_backups(self: MainWindow) -> None:
        """File ▸ Backups…: the daily backups of the open file; back up now; restore."""
        from pmo_desktop.ui.backups import BackupsDialog

        for view in self.named_pages.values():
            view.cancel_loading()  # type: ignore[attr-defined] # the restore closes the file
        dialog = BackupsDialog(self.database, self.dialogs, self, pool=self.workspace.pool)
        dialog.restored.connect(lambda path: self._open(str(path), create=False))
        dialog.exec()
        dialog.deleteLater()

    def _name_the_user(self: MainWindow, database: Database) -> None:
        """The audit trail names the preferences' user on a file; on a server, the server's
        authenticated user (storage sets it)."""
        if database.is_sqlite:
            database.user_name = self.preferences.user_name or database.user_name

    # ------------------------------------------------------- checks and backups
    def _check_after_load(self: MainWindow, database: Database) -> None:
        """SQLite's integrity check, once the dashboard is painted: it must not compete with it."""
        view = self.portfolio_view
        if self._portfolio_id is None or view.is_loaded():
            self._start_checks(database)
            return

        def start() -> None:
            view.loaded.disconnect(start)
            if self.database is database:
                self._start_checks(database)

        view.loaded.connect(start)

    def _start_checks(self: MainWindow, database: Database) -> None:
        """The integrity check, then today's backup of a file (one after the other: they
        would compete for the disk)."""
        job = self.integrity.start(database)
        wanted = (
            self._daily_backup_allowed
            and self.preferences.daily_backup
            and os.environ.get(NO_DAILY_BACKUP_ENV, "") not in ("1", "true")
        )
        if not wanted or database.read_only or not database.is_sqlite:
            return
        if job is None:
            self.daily_backup.start(database)
            return

        def after_check() -> None:
            if self.database is database and not database.read_only:
                self.daily_backup.start(database)

        job.succeeded.connect(after_check)

    # ------------------------------------------------------- offline check-out
    def _install_checkouts(self: MainWindow) -> None:
        """File ▸ Check out project…, Check in…, Cancel check-out, and the banner above the
        views (who has the current project out, or that this file is an offline copy)."""
        self.checkout = CheckoutCommands(self, pool=self.workspace.pool)
        self.checkout.changed.connect(self._reload_or_report)
        self.checkout_banner = CheckoutBanner()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 0, 8, 0)
        layout.setSpacing(4)
        pages = self.takeCentralWidget()
        layout.addWidget(self.checkout_banner)
        layout.addWidget(pages, 1)
        self.setCentralWidget(central)
        self.check_out_action = QAction(translate("MainWindow", "Check &out project…"), self)
        self.check_out_action.setStatusTip(
            translate("MainWindow", "Copy a project into a local file to edit it offline")
        )
        self.check_out_action.triggered.connect(self.checkout.check_out)
        self.check_in_action = QAction(translate("MainWindow", "Check &in…"), self)
        self.check_in_action.setStatusTip(
            translate("MainWindow", "Apply this offline copy's changes to the shared database")
        )
        self.check_in_action.triggered.connect(self.checkout.check_in)
        self.cancel_checkout_action = QAction(translate("MainWindow", "Cancel check-out…"), self)
        self.cancel_checkout_action.setStatusTip(
            translate("MainWindow", "Release the project without checking anything in")
        )
        self.cancel_checkout_action.triggered.connect(self.checkout.cancel_checkout)
        before = self.demo_action
        self.file_menu.insertSeparator(before)
        for action in (self.check_out_action, self.check_in_action, self.cancel_checkout_action):
            self.file_menu.insertAction(before, action)
        self.file_menu.insertSeparator(before)
        self.view_changed.connect(self._update_checkout_banner)
        self.workspace.data_changed.connect(self._on_checkouts_changed)

    def _on_checkouts_changed(self: MainWindow, models: object) -> None:
        """Another user checked a project out or in (a server's change feed names it)."""
        if models is not None and touches(models, Checkout):  # type: ignore[arg-type]
            self._refresh_checkouts()
            self._update_checkout_actions()

    def _refresh_checkouts(self: MainWindow) -> None:
        """Read again which projects are checked out (or what this copy is)."""
        state = self.checkout.refresh()
        notes = {project_id: checked_out_note(info) for project_id, info in state.out.items()}
        if state.copy is not None:  # the other projects of a copy: stubs of linked tasks
            notes = {project_id: stub_note(state.copy) for project_id in state.copy.others}
        self.portfolio_view.table_model.set_checked_out(notes)

    def _update_checkout_actions(self: MainWindow) -> None:
        state = self.checkout.state
        copy = state.copy
        open_copy = copy is not None and copy.state is CheckoutState.OPEN
        busy = self.demo.running
        self.check_out_action.setEnabled(
            copy is None and not self.database.read_only and self._portfolio_id is not None
            and not busy
        )  # fmt: skip
        self.check_in_action.setEnabled(open_copy and not busy)
        self.cancel_checkout_action.setEnabled(
            not busy and (open_copy or (copy is None and self._project_id in state.out))
        )
        self._update_checkout_banner()

    def _update_checkout_banner(self: MainWindow, _view: str = "") -> None:
        """The copy's banner everywhere; another user's check-out on its project's views."""
        state = self.checkout.state
        if state.copy is not None:
            self.checkout_banner.show_copy(state.copy)
            return
        info = state.out.get(self._project_id) if self._project_id is not None else None
        if info is not None and self.current_view() in ("project", "gantt"):
            self.checkout_banner.show_checked_out(info)
        else:
            self.checkout_banner.clear()
