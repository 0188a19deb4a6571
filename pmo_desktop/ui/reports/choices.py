"""What the board pack dialog remembers between runs (QSettings), and default file names.

The selection is kept as a pack request keeps it: project and programme codes, both empty
meaning "every active or on-hold project", so next month's new projects are included.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QLocale, QSettings, QStandardPaths

from pmo_desktop.reports.data import (
    LANGUAGES,
    ORIENTATIONS,
    PAPERS,
    Branding,
    PackOptions,
    Section,
)
from pmo_desktop.services.reporting import MAX_LOGO_BYTES

_PREFIX = "reports/board_pack/"
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
#: Characters Windows, macOS or Linux refuse in a file name.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
_SECTION_VALUES = frozenset(section.value for section in Section)


@dataclass(frozen=True)
class Selection:
    """Project and programme codes; both empty means every active or on-hold project."""

    projects: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()

    @property
    def is_default(self) -> bool:
        return not self.projects and not self.programmes


@dataclass(frozen=True)
class PackChoices:
    """The dialog's last choices: selection (for `portfolio`), options, folder, template."""

    portfolio: str = ""
    selection: Selection = field(default_factory=Selection)
    options: PackOptions = field(default_factory=PackOptions)
    folder: str = ""
    template: str = ""


def ui_language() -> str:
    """The interface's language ("fr" or "en"): the application sets the default locale."""
    return "fr" if QLocale().language() == QLocale.Language.French else "en"


def default_folder() -> Path:
    """The user's documents folder, else the home folder."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def safe_file_name(text: str) -> str:
    """`text` without the characters file systems refuse (never empty)."""
    cleaned = " ".join(_UNSAFE.sub(" ", text).split()).strip(". ")
    return cleaned or "report"


def is_colour(text: str) -> bool:
    return bool(_COLOUR.match(text))


def is_image(data: bytes) -> bool:
    """Whether `data` starts like a PNG or a JPEG file (the formats the pack embeds) and is
    no larger than a pack accepts."""
    return len(data) <= MAX_LOGO_BYTES and (
        data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")
    )


def pack_file_name(portfolio: str, as_of: date) -> str:
    """The default name of a pack's file: "<portfolio> board pack <as-of>.pdf"."""
    text = QCoreApplication.translate("BoardPackDialog", "{portfolio} board pack {as_of}")
    return safe_file_name(text.format(portfolio=portfolio, as_of=as_of.isoformat())) + ".pdf"


def _text(settings: QSettings, key: str, default: str = "") -> str:
    value = settings.value(_PREFIX + key, default)
    return value if isinstance(value, str) else default


def _codes(settings: QSettings, key: str) -> tuple[str, ...]:
    try:
        values = json.loads(_text(settings, key, "[]"))
    except ValueError:
        return ()
    if not isinstance(values, list):
        return ()
    return tuple(value for value in values if isinstance(value, str) and value)


def load_choices(settings: QSettings, *, language: str, paper: str) -> PackChoices:
    """The remembered choices; `language` and `paper` are the defaults of a first run."""
    defaults = PackOptions()
    chosen_language = _text(settings, "language", language)
    chosen_paper = _text(settings, "paper", paper)
    orientation = _text(settings, "orientation", defaults.orientation)
    sections = frozenset(
        Section(value) for value in _codes(settings, "sections") if value in _SECTION_VALUES
    )
    if settings.value(_PREFIX + "sections") is None:
        sections = defaults.sections
    branding = defaults.branding
    primary = _text(settings, "primary_colour", branding.primary_colour)
    accent = _text(settings, "accent_colour", branding.accent_colour)
    logo = settings.value(_PREFIX + "logo")
    logo_bytes = bytes(logo.data()) if isinstance(logo, QByteArray) else None
    if isinstance(logo, bytes):
        logo_bytes = logo
    options = PackOptions(
        language=chosen_language if chosen_language in LANGUAGES else language,
        paper=chosen_paper if chosen_paper in PAPERS else paper,
        orientation=orientation if orientation in ORIENTATIONS else defaults.orientation,
        sections=sections,
        classification=_text(settings, "classification", defaults.classification),
        title=_text(settings, "title", defaults.title),
        branding=Branding(
            primary_colour=primary if is_colour(primary) else branding.primary_colour,
            accent_colour=accent if is_colour(accent) else branding.accent_colour,
            logo=logo_bytes if logo_bytes and is_image(logo_bytes) else None,
        ),
    )
    return PackChoices(
        portfolio=_text(settings, "portfolio"),
        selection=Selection(_codes(settings, "projects"), _codes(settings, "programmes")),
        options=options,
        folder=_text(settings, "folder"),
        template=_text(settings, "template"),
    )


def save_choices(settings: QSettings, choices: PackChoices) -> None:
    options = choices.options
    values: dict[str, object] = {
        "portfolio": choices.portfolio,
        "projects": json.dumps(list(choices.selection.projects)),
        "programmes": json.dumps(list(choices.selection.programmes)),
        "language": options.language,
        "paper": options.paper,
        "orientation": options.orientation,
        "sections": json.dumps(sorted(section.value for section in options.sections)),
        "classification": options.classification,
        "title": options.title,
        "primary_colour": options.branding.primary_colour,
        "accent_colour": options.branding.accent_colour,
        "folder": choices.folder,
        "template": choices.template,
    }
    for key, value in values.items():
        settings.setValue(_PREFIX + key, value)
    if options.branding.logo:
        settings.setValue(_PREFIX + "logo", QByteArray(options.branding.logo))
    else:
        settings.remove(_PREFIX + "logo")
    settings.sync()
