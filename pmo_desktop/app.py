"""QApplication bootstrap: names for QSettings, style, translations, then the main window.

`run_gui` serves two callers: the desktop application (an event loop until the user
quits) and `--show VIEW --screenshot FILE.png` (render offscreen, save, return).
"""

from __future__ import annotations

import logging
import os
import sys
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QSettings
from PySide6.QtWidgets import QApplication

from pmo_desktop import __version__
from pmo_desktop.errors import PmoError
from pmo_desktop.services import portfolio as portfolio_service
from pmo_desktop.services.database import default_database_path, open_database
from pmo_desktop.ui.dialogs import Dialogs
from pmo_desktop.ui.i18n import (
    choose_language,
    install_translations,
    locale_for,
    remove_translations,
)
from pmo_desktop.ui.main_window import DEFAULT_SIZE, MainWindow
from pmo_desktop.ui.snapshot import save_screenshot
from pmo_desktop.ui.workers import default_pool

log = logging.getLogger(__name__)

APPLICATION_NAME = "PMO Desktop"
ORGANISATION_NAME = "PMO Desktop"
VIEWS = ("portfolio", "project")


def run_gui(
    db: str | None,
    *,
    lang: str | None = None,
    show: str | None = None,
    project: str | None = None,
    size: tuple[int, int] | None = None,
    screenshot: Path | None = None,
) -> int:
    """Open the database `db` (None: the default one) in the main window.

    With `screenshot`, render `show` at `size` offscreen, save it as PNG and return 0; domain
    errors then propagate. Interactively, they are shown in a dialog and the result is 1.
    """
    if show is not None and show not in VIEWS:
        raise PmoError(f"Unknown view {show!r}: choose one of {', '.join(VIEWS)}.")
    if show == "project" and not project:
        raise PmoError("Name the project to show (its code or name).")
    app = _application(offscreen=screenshot is not None)
    language = choose_language(lang, QSettings())
    previous_locale = QLocale()
    QLocale.setDefault(locale_for(language))
    translators = install_translations(app, language)
    try:
        if screenshot is not None:
            return _screenshot(db, project, size or DEFAULT_SIZE, screenshot)
        return _interactive(app, db, project, size)
    finally:
        remove_translations(app, translators)
        QLocale.setDefault(previous_locale)


def _application(*, offscreen: bool) -> QApplication:
    """The running QApplication, or a new one named so that QSettings finds our settings."""
    app = QApplication.instance()
    if app is None:
        if offscreen:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    QCoreApplication.setOrganizationName(ORGANISATION_NAME)
    QCoreApplication.setApplicationName(APPLICATION_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QApplication.setStyle("Fusion")
    return app


def _screenshot(db: str | None, project: str | None, size: tuple[int, int], out: Path) -> int:
    # A picture changes nothing: no new file, and an old schema opens read-only, not upgraded.
    database = open_database(
        db, create=False, verify=False, confirm_upgrade=lambda _current, _head: False
    )
    window: MainWindow | None = None
    try:
        window = MainWindow(database, remember_layout=False)
        if project:
            window.select_project(project)
        save_screenshot(window, out, size)
    finally:
        if window is not None:
            window.close()
            _dispose(window)
        database.close()
    return 0


def _interactive(
    app: QApplication, db: str | None, project: str | None, size: tuple[int, int] | None
) -> int:
    dialogs = Dialogs()
    first_run = db is None and not default_database_path().exists()
    try:
        # The integrity check follows in the background (ui/integrity.py).
        database = open_database(db, verify=False, confirm_upgrade=partial(_ask_upgrade, dialogs))
    except (PmoError, OSError) as exc:
        dialogs.critical(
            None, QCoreApplication.translate("Application", "Cannot open the database"), str(exc)
        )
        return 1
    window: MainWindow | None = None
    try:
        window = MainWindow(database, dialogs=dialogs)
        if project:
            window.select_project(project)
    except PmoError as exc:
        dialogs.critical(None, QCoreApplication.translate("Application", "PMO Desktop"), str(exc))
        database.close()
        if window is not None:
            _dispose(window)
        return 1
    if size is not None:
        window.resize(*size)
    window.show()
    if first_run and not portfolio_service.list_portfolios(database) and not database.read_only:
        offer_demo(window)
    try:
        return _event_loop(app)
    finally:
        default_pool().drain()
        window.database.close()
        _dispose(window)


def offer_demo(window: MainWindow) -> bool:
    """Ask, on first run, whether to create the demo portfolio; start it on yes."""
    if window.dialogs.question(
        window,
        QCoreApplication.translate("Application", "Welcome to PMO Desktop"),
        QCoreApplication.translate(
            "Application", "Create the demo portfolio to explore PMO Desktop?"
        ),
    ):
        return window.create_demo_portfolio() is not None
    return False


def _ask_upgrade(dialogs: Dialogs, current: str | None, head: str) -> bool:
    return dialogs.question(
        None,
        QCoreApplication.translate("Application", "Upgrade the database?"),
        QCoreApplication.translate(
            "Application",
            "This database was made by an older version of PMO Desktop (schema {current}). "
            "Upgrade it to schema {head}? A backup copy is made first. "
            "If you do not upgrade, it opens read-only.",
        ).format(current=current, head=head),
    )


def _dispose(window: MainWindow) -> None:
    """Delete the window now: run_gui may be called again in the same process (tests)."""
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _event_loop(app: QApplication) -> int:
    return app.exec()
