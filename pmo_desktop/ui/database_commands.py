"""File menu commands of the main window: new, open, open recent, connect to a server.

A mixin of `MainWindow` (it uses the window's dialogs, `set_database` and status bar);
its strings are translated in the "MainWindow" context, where lupdate files the window's.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings

from pmo_desktop.errors import PmoError
from pmo_desktop.services.database import Database
from pmo_desktop.ui.recent import RecentDatabases
from pmo_desktop.ui.sharing import lost_message, open_shared

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
