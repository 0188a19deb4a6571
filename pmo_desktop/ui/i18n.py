"""Interface language: choosing it, and installing our translations and Qt's own.

Sources are English; `pmo_desktop_<lang>.qm` ships in the package data
(`pmo_desktop/resources/translations`, built by `installer/build.py translations`).
"""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from pmo_desktop.errors import PmoError

log = logging.getLogger(__name__)

LANGUAGES = ("en", "fr")
SOURCE_LANGUAGE = "en"
LANGUAGE_KEY = "ui/language"
_RESOURCE_PACKAGE = "pmo_desktop.resources"

#: The locale for numbers and dates when the system's does not speak the chosen language.
_FALLBACK_LOCALES = {"en": "en_GB", "fr": "fr_FR"}


def choose_language(explicit: str | None, settings: QSettings) -> str:
    """The language asked for, else the one saved in the settings, else the system's."""
    if explicit:
        language = explicit.lower()
        if language not in LANGUAGES:
            raise PmoError(
                f"Unsupported language {explicit!r}: choose one of {', '.join(LANGUAGES)}."
            )
        return language
    saved = str(settings.value(LANGUAGE_KEY, "") or "")
    if saved in LANGUAGES:
        return saved
    return "fr" if QLocale.system().name().lower().startswith("fr") else "en"


def locale_for(language: str) -> QLocale:
    """The system locale if it speaks `language` (keeps fr_CA, en_US…), else a standard one."""
    system = QLocale.system()
    if system.name().lower().startswith(language):
        return system
    return QLocale(_FALLBACK_LOCALES.get(language, language))


def install_translations(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install Qt's and our translators for `language`; returns them for `remove_translations`."""
    if language == SOURCE_LANGUAGE:
        return []
    installed: list[QTranslator] = []
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator(app)
    if qt_translator.load(f"qtbase_{language}", qt_folder):
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    else:
        log.info("No Qt translations for %s in %s", language, qt_folder)
    ours = resources.files(_RESOURCE_PACKAGE) / "translations" / f"pmo_desktop_{language}.qm"
    translator = QTranslator(app)
    with resources.as_file(ours) as path:
        if path.is_file() and translator.load(str(path)):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("Missing translation file %s", path)
    return installed


def remove_translations(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
        translator.deleteLater()
