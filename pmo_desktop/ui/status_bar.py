"""The status bar's standing facts: which database, whether read-only, who, and as of when."""

from __future__ import annotations

import getpass
from datetime import date

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QStatusBar

from pmo_desktop.services.database import Database
from pmo_desktop.ui.formatting import format_date

READ_ONLY_STYLE = "color: #B71C1C; font-weight: bold;"


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in this environment (some services, containers)
        return "?"


class DatabaseStatus(QObject):
    """Labels placed on a status bar, refreshed whenever the database or portfolio changes."""

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.database_label = QLabel()
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.read_only_label = QLabel()
        self.read_only_label.setStyleSheet(READ_ONLY_STYLE)
        self.user_label = QLabel(self.tr("User: {name}").format(name=current_user()))
        self.as_of_label = QLabel()
        for label in (self.database_label, self.read_only_label, self.user_label, self.as_of_label):
            label.setContentsMargins(6, 0, 6, 0)
        bar.addWidget(self.database_label, 1)
        bar.addPermanentWidget(self.read_only_label)
        bar.addPermanentWidget(self.user_label)
        bar.addPermanentWidget(self.as_of_label)

    def set_user(self, name: str) -> None:
        """The name other users see (Preferences); the login name by default."""
        self.user_label.setText(self.tr("User: {name}").format(name=name or current_user()))

    def update(self, database: Database, as_of: date | None) -> None:
        """Show `database` (path, or URL without password) and the portfolio's as-of date."""
        name = database.display
        if database.server_role:  # the rights the server grants this user
            name = self.tr("{name} (role: {role})").format(name=name, role=database.server_role)
        self.database_label.setText(self.tr("Database: {name}").format(name=name))
        self.database_label.setToolTip(database.display)
        if database.read_only:
            self.read_only_label.setText(
                self.tr("read-only: {reason}").format(reason=database.read_only_reason)
            )
        else:
            self.read_only_label.clear()
        self.read_only_label.setVisible(database.read_only)
        self.as_of_label.setText(
            self.tr("As of: {date}").format(date=format_date(as_of)) if as_of else ""
        )
        self.as_of_label.setVisible(as_of is not None)
