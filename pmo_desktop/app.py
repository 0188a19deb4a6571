"""QApplication bootstrap: names for QSettings, style, translations, then the main window.

`run_gui` serves two callers: the desktop application (an event loop until the user
quits) and `--show VIEW --screenshot FILE.png` (render offscreen, save, return).
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QLocale, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from pmo_desktop import __version__
from pmo_desktop.errors import PmoError
from pmo_desktop.services import portfolio as portfolio_service
from pmo_desktop.services.database import open_database
from pmo_desktop.ui.crash import install_exception_hook
from pmo_desktop.ui.dialogs import Dialogs
from pmo_desktop.ui.i18n import (
    choose_language,
    install_translations,
    locale_for,
    remove_translations,
)
from pmo_desktop.ui.icons import app_icon
from pmo_desktop.ui.main_window import DEFAULT_SIZE, MainWindow
from pmo_desktop.ui.preferences import Preferences
from pmo_desktop.ui.sharing import open_shared
from pmo_desktop.ui.snapshot import prepare_screenshot, save_screenshot
from pmo_desktop.ui.view_commands import PORTFOLIO_WIDE_VIEWS
from pmo_desktop.ui.welcome import WelcomeAction
from pmo_desktop.ui.workers import default_pool

log = logging.getLogger(__name__)

APPLICATION_NAME = "PMO Desktop"
ORGANISATION_NAME = "PMO Desktop"
#: The id of the Linux desktop entry (installer/bundle_names.py APP_ID; a test checks it).
DESKTOP_FILE_NAME = "org.pmodesktop.PMODesktop"
VIEWS = (
    "portfolio", "project", "gantt", "portfolio-gantt", "resources", "risks", "raid", "pool",
    "prioritisation", "compliance", "changes",
)  # fmt: skip
#: Views this version builds; the others are part of the command-line contract already.
#: Longest wait for a view to finish loading before its screenshot (milliseconds).
LOAD_TIMEOUT_MS = 120_000


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
    if show in ("project", "gantt") and not project:
        raise PmoError("Name the project to show (its code or name).")
    app = _application(offscreen=screenshot is not None)
    language = choose_language(lang, QSettings())
    previous_locale = QLocale()
    QLocale.setDefault(locale_for(language))
    translators = install_translations(app, language)
    try:
        if screenshot is not None:
            return _screenshot(db, show or "portfolio", project, size or DEFAULT_SIZE, screenshot)
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
    # Matches the installed .desktop entry: Wayland and task bars show its name and icon.
    QApplication.setDesktopFileName(DESKTOP_FILE_NAME)
    QApplication.setStyle("Fusion")
    app.setWindowIcon(app_icon())
    # The GUI thread gets the interpreter back sooner from workers running Python, and the
    # objects made at start-up leave the collector's walks (each cost the GUI 75-270 ms).
    sys.setswitchinterval(0.001)
    gc.freeze()
    return app


def _screenshot(
    db: str | None, show: str, project: str | None, size: tuple[int, int], out: Path
) -> int:
    # A picture changes nothing: no new file, and an old schema opens read-only, not upgraded.
    database = open_database(
        db, create=False, verify=False, confirm_upgrade=lambda _current, _head: False
    )
    window: MainWindow | None = None
    try:
        window = MainWindow(
            database, remember_layout=False, watch_changes=False, daily_backup=False
        )
        views: list[QWidget] = [window.portfolio_view] if window.portfolio_id else []
        if project:
            project_id = window.select_project(project)
            if show == "project":
                window.open_project(project_id)
                views.append(window.project_view)
            elif show == "gantt":
                window.open_gantt(project_id)
                views.append(window.gantt_view)
        if show == "portfolio":
            window.show_dashboard()
        elif show in PORTFOLIO_WIDE_VIEWS:
            window.show_portfolio_wide(show)
            views.append(window.named_pages[show])
        prepare_screenshot(window, size)
        for view in views:
            _wait_until_loaded(view)
        save_screenshot(window, out, size)
    finally:
        if window is not None:
            window.close()
            _dispose(window)
        database.close()
    return 0


def _wait_until_loaded(view: QWidget) -> None:
    """Let the view's background reads finish (its `loaded` signal) before the picture."""
    if view.is_loaded():  # type: ignore[attr-defined]
        return
    loop = QEventLoop()
    view.loaded.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(LOAD_TIMEOUT_MS, loop.quit)
    if not view.is_loaded():  # type: ignore[attr-defined]
        loop.exec()
    if not view.is_loaded():  # type: ignore[attr-defined]
        raise PmoError(f"The view did not finish loading within {LOAD_TIMEOUT_MS // 1000} s.")


def _interactive(
    app: QApplication, db: str | None, project: str | None, size: tuple[int, int] | None
) -> int:
    dialogs = Dialogs()
    try:
        # The integrity check follows in the background (ui/integrity.py).
        database = open_shared(
            db,
            lambda title, text: dialogs.question(None, title, text),
            verify=False,
            confirm_upgrade=partial(_ask_upgrade, dialogs),
            sharing=Preferences.load(QSettings()).sharing,
        )
    except (PmoError, OSError) as exc:
        dialogs.critical(
            None, QCoreApplication.translate("Application", "Cannot open the database"), str(exc)
        )
        return 1
    window: MainWindow | None = None
    hook = install_exception_hook(parent_widget=lambda: window)
    try:
        window = MainWindow(database, dialogs=dialogs)
        if project:
            window.select_project(project)
    except PmoError as exc:
        dialogs.critical(None, QCoreApplication.translate("Application", "PMO Desktop"), str(exc))
        database.close()
        if window is not None:
            _dispose(window)
        hook.uninstall()
        return 1
    if size is not None:
        window.resize(*size)
    window.show()
    # No database named and the default one is empty: a first run, or a fresh start.
    if db is None and not database.read_only and not portfolio_service.list_portfolios(database):
        welcome(window)
    try:
        return _event_loop(app)
    finally:
        default_pool().drain()
        window.database.close()
        _dispose(window)
        hook.uninstall()


def welcome(window: MainWindow) -> WelcomeAction | None:
    """On first run, offer the demo portfolio, a new database or a server; do what was chosen."""
    choice = window.dialogs.welcome(window)
    if choice is None:
        return None
    if choice.action is WelcomeAction.DEMO:
        window.create_demo_portfolio()
    elif choice.action is WelcomeAction.NEW_DATABASE:
        window.new_database()
    elif choice.action is WelcomeAction.CONNECT:
        window.connect_to_server()
    elif choice.action is WelcomeAction.OPEN_FILE:
        window.open_database_file()
    elif choice.location:
        window.open_location(choice.location)
    return choice.action


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
