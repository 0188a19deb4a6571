"""Recent databases, kept in QSettings: at most ten, most recent first, never a password.

A location is an SQLite file's absolute path or a server URL without its password. A file
that has vanished stays in the list, shown disabled, until the user clears it or
`prune_missing()` runs; server entries are always shown (reachability is checked on open).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget
from sqlalchemy.engine import URL

from pmo_desktop.errors import PmoError
from pmo_desktop.services.database import resolve_target

SETTINGS_KEY = "recent/databases"
MAX_ENTRIES = 10


def normalise_location(location: str | os.PathLike[str]) -> str:
    """The form kept in the list: an absolute path, or the URL with its password removed."""
    target = resolve_target(location)
    if target.path is not None:
        return str(target.path)
    url = target.url
    bare = URL.create(
        url.drivername,
        username=url.username,
        host=url.host,
        port=url.port,
        database=url.database,
        query=url.query,
    )
    return bare.render_as_string(hide_password=False)


def safe_display(location: str | None) -> str | None:
    """`location` fit to show: a server URL loses its password (unparsable ones are masked)."""
    if location is None or "://" not in location:
        return location
    try:
        return normalise_location(location)
    except PmoError:
        return location.split("://", 1)[0] + "://…"


@dataclass(frozen=True)
class RecentEntry:
    """One remembered database."""

    location: str
    #: A name given by the caller (e.g. the portfolio's); empty: derived from the location.
    label: str = ""

    @property
    def name(self) -> str:
        return self.label or default_name(self.location)

    @property
    def is_file(self) -> bool:
        return "://" not in self.location

    @property
    def available(self) -> bool:
        """False for a file that is no longer there (a server is assumed reachable)."""
        return not self.is_file or Path(self.location).is_file()

    @property
    def detail(self) -> str:
        """The second line of a list entry: the folder of a file, or the server URL."""
        return str(Path(self.location).parent) if self.is_file else self.location


def default_name(location: str) -> str:
    """A short display name: the file name, or `database on host:port`."""
    if "://" not in location:
        return Path(location).name
    try:
        url = resolve_target(location).url
    except PmoError:
        return location
    host = url.host or "localhost"
    server = f"{host}:{url.port}" if url.port else host
    return QCoreApplication.translate("RecentDatabases", "{database} on {server}").format(
        database=url.database or "", server=server
    )


class RecentDatabases:
    """The list in QSettings; every method reads the settings afresh (several windows)."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings

    @property
    def settings(self) -> QSettings:
        return self._settings if self._settings is not None else QSettings()

    def entries(self) -> list[RecentEntry]:
        settings = self.settings
        count = settings.beginReadArray(SETTINGS_KEY)
        entries: list[RecentEntry] = []
        for index in range(count):
            settings.setArrayIndex(index)
            location = str(settings.value("location", "") or "")
            name = str(settings.value("name", "") or "")
            if location and all(entry.location != location for entry in entries):
                entries.append(RecentEntry(location, name))
        settings.endArray()
        return entries[:MAX_ENTRIES]

    def add(self, location: str | os.PathLike[str], name: str | None = None) -> RecentEntry:
        """Put `location` first (moving it up if listed); the eleventh entry drops off."""
        normalised = normalise_location(location)
        entry = RecentEntry(normalised, name or "")
        others = [item for item in self.entries() if item.location != normalised]
        self._write([entry, *others][:MAX_ENTRIES])
        return entry

    def remove(self, location: str) -> bool:
        try:
            normalised = normalise_location(location)
        except PmoError:
            normalised = location
        entries = self.entries()
        kept = [item for item in entries if item.location not in (normalised, location)]
        self._write(kept)
        return len(kept) != len(entries)

    def prune_missing(self) -> list[RecentEntry]:
        """Drop files that no longer exist; returns what was dropped."""
        entries = self.entries()
        self._write([entry for entry in entries if entry.available])
        return [entry for entry in entries if not entry.available]

    def clear(self) -> None:
        self._write([])

    def _write(self, entries: list[RecentEntry]) -> None:
        settings = self.settings
        settings.remove(SETTINGS_KEY)
        settings.beginWriteArray(SETTINGS_KEY, len(entries))
        for index, entry in enumerate(entries):
            settings.setArrayIndex(index)
            settings.setValue("location", entry.location)
            settings.setValue("name", entry.label)
        settings.endArray()
        settings.sync()


class RecentDatabasesMenu(QMenu):
    """ "Open Recent": numbered entries (Alt+1…), missing files disabled, and "Clear list"."""

    open_requested = Signal(str)

    def __init__(
        self, parent: QWidget | None = None, *, recent: RecentDatabases | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Open &Recent"))
        self.recent = recent or RecentDatabases()
        self.setToolTipsVisible(True)
        self.aboutToShow.connect(self.rebuild)
        self.rebuild()

    @Slot()
    def rebuild(self) -> None:
        self.clear()
        entries = self.recent.entries()
        for number, entry in enumerate(entries, start=1):
            text = entry.name.replace("&", "&&")
            if number < 10:
                text = f"&{number} {text}"
            if not entry.available:
                text = self.tr("{entry} (missing)").format(entry=text)
            action = QAction(text, self)
            action.setToolTip(entry.location)
            action.setStatusTip(entry.location)
            action.setData(entry.location)
            action.setEnabled(entry.available)
            action.triggered.connect(
                lambda _checked=False, location=entry.location: self.open_requested.emit(location)
            )
            self.addAction(action)
        if not entries:
            empty = self.addAction(self.tr("No recent databases"))
            empty.setEnabled(False)
        self.addSeparator()
        if any(not entry.available for entry in entries):
            self.addAction(self.tr("Remove &missing files"), self._prune)
        clear = self.addAction(self.tr("&Clear list"), self._clear)
        clear.setEnabled(bool(entries))

    def entry_actions(self) -> list[QAction]:
        """The actions that open a database, in menu order."""
        return [action for action in self.actions() if action.data()]

    @Slot()
    def _prune(self) -> None:
        self.recent.prune_missing()
        self.rebuild()

    @Slot()
    def _clear(self) -> None:
        self.recent.clear()
        self.rebuild()
