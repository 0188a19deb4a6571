"""run_gui: screenshots of the views, errors, language, and the first run's demo offer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from pmo_desktop import app as app_module
from pmo_desktop.app import run_gui
from pmo_desktop.errors import NotADatabaseError, NotFoundError, PmoError
from pmo_desktop.services.database import default_database_path, open_database
from pmo_desktop.services.portfolio import list_portfolios
from pmo_desktop.ui import demo_creation as demo_creation_module
from pmo_desktop.ui.dialogs import Dialogs
from pmo_desktop.ui.main_window import MainWindow
from pmo_desktop.ui.view_commands import PORTFOLIO_WIDE_VIEWS
from pmo_desktop.ui.welcome import WelcomeAction, WelcomeChoice


@pytest.fixture
def captured(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """What each screenshot showed: menu titles and the selected project."""
    shots: list[dict[str, object]] = []
    original = app_module.save_screenshot

    def spy(window: MainWindow, path: Path, size: tuple[int, int]) -> None:
        original(window, path, size)
        shots.append(
            {
                "menus": [action.text() for action in window.menuBar().actions()],
                "view": window.current_view(),
                "project": window.project_id,
                "shown_project": window.project_view.project_id,
                "selected_row": window.portfolio_view.selected_project_id(),
                "rows": window.portfolio_view.proxy.rowCount(),
                "header": window.portfolio_view.proxy.headerData(1, Qt.Orientation.Horizontal),
                "budget": window.portfolio_view.proxy.index(0, 9).data(),
            }
        )

    monkeypatch.setattr(app_module, "save_screenshot", spy)
    return shots


def test_portfolio_screenshot_has_the_requested_size(qapp, sample_path, tmp_path) -> None:
    png = tmp_path / "portfolio.png"
    assert run_gui(str(sample_path), show="portfolio", screenshot=png) == 0
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1400, 900)

    small = tmp_path / "small.png"
    assert run_gui(str(sample_path), show="portfolio", size=(900, 600), screenshot=small) == 0
    image = QImage(str(small))
    assert (image.width(), image.height()) == (900, 600)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def test_project_screenshot_selects_the_project(qapp, sample_path, tmp_path, captured) -> None:
    png = tmp_path / "project.png"
    assert run_gui(str(sample_path), show="project", project="DW-02", screenshot=png) == 0
    assert QImage(str(png)).width() == 1400
    database = open_database(sample_path)
    try:
        from pmo_desktop.services.portfolio import project_rows

        rows = project_rows(database, list_portfolios(database)[0].id)
    finally:
        database.close()
    expected = next(row.id for row in rows if row.code == "DW-02")
    shot = captured[-1]
    assert (shot["view"], shot["project"], shot["shown_project"]) == ("project", expected, expected)
    assert shot["selected_row"] == expected
    assert shot["rows"] == 3  # the Digital Workplace programme's projects


def test_gantt_screenshot_shows_the_project(qapp, sample_path, tmp_path, captured) -> None:
    png = tmp_path / "gantt.png"
    assert (
        run_gui(str(sample_path), show="gantt", project="CX-01", size=(1200, 800), screenshot=png)
        == 0
    )
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1200, 800)
    assert captured[-1]["view"] == "gantt"
    with pytest.raises(PmoError, match="Name the project"):
        run_gui(str(sample_path), show="gantt", screenshot=png)


def test_unknown_project_raises_not_found(qapp, sample_path, tmp_path) -> None:
    png = tmp_path / "missing.png"
    with pytest.raises(NotFoundError, match="No project with the code or name 'ZZ-99'"):
        run_gui(str(sample_path), show="project", project="ZZ-99", screenshot=png)
    assert not png.exists()


def test_database_errors_propagate_with_a_screenshot(qapp, tmp_path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_text("hello")
    with pytest.raises(NotADatabaseError):
        run_gui(str(bad), show="portfolio", screenshot=tmp_path / "x.png")
    with pytest.raises(PmoError, match="Unknown view"):
        run_gui(str(bad), show="timeline", screenshot=tmp_path / "x.png")


@pytest.mark.parametrize("view", PORTFOLIO_WIDE_VIEWS)
def test_portfolio_wide_view_screenshots(qapp, sample_path, tmp_path, captured, view) -> None:
    png = tmp_path / f"{view}.png"
    assert run_gui(str(sample_path), show=view, screenshot=png) == 0
    assert captured[-1]["view"] == view
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1400, 900)


def test_a_screenshot_creates_no_database(qapp, tmp_path) -> None:
    missing = tmp_path / "missing.sqlite"
    with pytest.raises(PmoError, match="There is no database"):
        run_gui(str(missing), screenshot=tmp_path / "x.png")
    assert not missing.exists()


def test_empty_database_screenshot_shows_the_demo_offer(qapp, tmp_path, captured) -> None:
    empty = tmp_path / "empty.sqlite"
    open_database(empty).close()
    assert run_gui(str(empty), screenshot=tmp_path / "empty.png") == 0
    assert captured[-1]["rows"] == 0
    assert QImage(str(tmp_path / "empty.png")).height() == 900


def test_unwritable_screenshot_is_a_clear_error(qapp, sample_path, tmp_path) -> None:
    with pytest.raises(PmoError, match="Cannot write the screenshot"):
        run_gui(str(sample_path), screenshot=tmp_path / "no-such-folder" / "x.png")


def test_french_interface(qapp, sample_path, tmp_path, captured) -> None:
    assert run_gui(str(sample_path), lang="fr", screenshot=tmp_path / "fr.png") == 0
    shot = captured[-1]
    assert shot["menus"] == [
        "&Fichier",
        "É&dition",
        "Affic&hage",
        "&Projet",
        "&Gantt",
        "Re&ssources",
        "R&isques",
        "&Journaux RAID",
        "Gouver&nance",
        "&Rapports",
        "&Aide",
    ]
    assert shot["header"] == "Projet"
    assert shot["budget"] == "2\u202f300\u202f000\xa0€"
    # Nothing leaks into the next window: translators removed, locale restored.
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    assert QLocale().name() == "en_GB"

    assert run_gui(str(sample_path), lang="en", screenshot=tmp_path / "en.png") == 0
    assert captured[-1]["menus"] == [
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


def test_language_comes_from_the_settings(qapp, sample_path, tmp_path, captured) -> None:
    QSettings().setValue("ui/language", "fr")
    assert run_gui(str(sample_path), screenshot=tmp_path / "fr.png") == 0
    assert captured[-1]["menus"][0] == "&Fichier"


def test_interactive_error_is_shown_and_returns_1(qapp, tmp_path, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(Dialogs, "critical", lambda self, parent, title, text: shown.append(text))
    bad = tmp_path / "bad.sqlite"
    bad.write_text("hello")
    assert run_gui(str(bad)) == 1
    assert "not a PMO Desktop database" in shown[0]


def _shown_window(application: QApplication) -> MainWindow:
    return next(
        widget
        for widget in application.topLevelWidgets()
        if isinstance(widget, MainWindow) and widget.isVisible()
    )


def test_first_run_creates_the_default_database_and_offers_the_demo(
    qapp, qtbot, monkeypatch, demo_factory
) -> None:
    offered: list[bool] = []

    def choose_demo(self, parent) -> WelcomeChoice:
        offered.append(True)
        return WelcomeChoice(WelcomeAction.DEMO)

    monkeypatch.setattr(Dialogs, "welcome", choose_demo)
    monkeypatch.setattr(demo_creation_module, "_load_demo_factory", lambda: demo_factory)
    seen: dict[str, object] = {}

    def event_loop(application: QApplication) -> int:
        window = _shown_window(application)
        assert window.demo_job is not None
        qtbot.waitUntil(lambda: window.demo_job is None, timeout=10_000)
        qtbot.waitUntil(window.portfolio_view.is_loaded, timeout=30_000)
        seen["page"] = window.pages.currentWidget() is window.portfolio_view
        seen["rows"] = window.portfolio_view.proxy.rowCount()
        window.close()
        return 0

    monkeypatch.setattr(app_module, "_event_loop", event_loop)
    assert not default_database_path().exists()
    assert run_gui(None) == 0
    assert offered == [True]
    assert seen == {"page": True, "rows": 3}
    database = open_database(default_database_path())
    try:
        assert [p.name for p in list_portfolios(database)] == ["Demo portfolio"]
    finally:
        database.close()


def test_first_run_skipped_shows_the_empty_state(qapp, monkeypatch) -> None:
    monkeypatch.setattr(Dialogs, "welcome", lambda self, parent: None)
    seen: dict[str, object] = {}

    def event_loop(application: QApplication) -> int:
        window = _shown_window(application)
        seen["empty"] = window.pages.currentWidget() is window.empty_state
        seen["button"] = window.empty_state.demo_button.isEnabled()
        window.close()
        return 0

    monkeypatch.setattr(app_module, "_event_loop", event_loop)
    assert run_gui(None) == 0
    assert seen == {"empty": True, "button": True}
    assert default_database_path().exists()


def test_welcome_can_create_a_new_database(qapp, monkeypatch, tmp_path) -> None:
    fresh = tmp_path / "chosen.sqlite"
    monkeypatch.setattr(
        Dialogs, "welcome", lambda self, parent: WelcomeChoice(WelcomeAction.NEW_DATABASE)
    )
    monkeypatch.setattr(Dialogs, "new_database_file", lambda self, parent, folder: fresh)
    seen: dict[str, object] = {}

    def event_loop(application: QApplication) -> int:
        window = _shown_window(application)
        seen["database"] = window.database.target.path
        window.close()
        return 0

    monkeypatch.setattr(app_module, "_event_loop", event_loop)
    assert run_gui(None) == 0
    assert seen == {"database": fresh}
    assert fresh.exists()
