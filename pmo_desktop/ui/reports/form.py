"""The board pack's options as a form: sections, date, language, paper, cover and branding.

`OptionsForm.options()` gives a `PackOptions`; `set_options` shows one (a template's or the
remembered one). The as-of date is not an option of the pack: it is asked for every build.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.reports.data import Branding, PackOptions, Section
from pmo_desktop.ui.formatting import to_qdate
from pmo_desktop.ui.reports.branding import ColourButton, LogoPicker
from pmo_desktop.ui.reports.prompts import ReportPrompts

SECTION_LABELS = {
    Section.COVER: QT_TRANSLATE_NOOP("OptionsForm", "Cover"),
    Section.CONTENTS: QT_TRANSLATE_NOOP("OptionsForm", "Contents"),
    Section.SUMMARY: QT_TRANSLATE_NOOP("OptionsForm", "Executive summary"),
    Section.PORTFOLIO_TABLE: QT_TRANSLATE_NOOP("OptionsForm", "Portfolio table"),
    Section.PROJECTS: QT_TRANSLATE_NOOP("OptionsForm", "Project pages"),
    Section.RESOURCES: QT_TRANSLATE_NOOP("OptionsForm", "Resource loading"),
    Section.RISKS: QT_TRANSLATE_NOOP("OptionsForm", "Portfolio risks"),
    Section.DECISIONS: QT_TRANSLATE_NOOP("OptionsForm", "Decisions required"),
    Section.COMPLIANCE: QT_TRANSLATE_NOOP("OptionsForm", "Compliance checks"),
    Section.APPENDIX: QT_TRANSLATE_NOOP("OptionsForm", "Appendix: RAG rules, glossary"),
}
#: Each language in its own name, as language choosers show them.
LANGUAGE_NAMES = (("en", "English"), ("fr", "Français"))
MAX_TITLE = 120
MAX_CLASSIFICATION = 60


class OptionsForm(QWidget):
    """Sections, page and language, cover texts and the organisation's colours and logo."""

    #: Anything the user can change changed.
    changed = Signal()
    as_of_changed = Signal()
    #: A chosen logo was refused: the reason.
    error = Signal(str)

    def __init__(self, prompts: ReportPrompts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section_boxes: dict[Section, QCheckBox] = {}
        sections = QGridLayout()
        sections.setHorizontalSpacing(18)
        sections.setVerticalSpacing(4)
        for index, section in enumerate(Section):
            box = QCheckBox(QCoreApplication.translate("OptionsForm", SECTION_LABELS[section]))
            box.toggled.connect(self.changed)
            self.section_boxes[section] = box
            sections.addWidget(box, index % 5, index // 5)
        sections_box = QGroupBox(self.tr("Sections"))
        sections_box.setLayout(sections)

        self.as_of_edit = QDateEdit()
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("yyyy-MM-dd")
        self.as_of_edit.dateChanged.connect(self.as_of_changed)
        self.language_combo = QComboBox()
        for code, name in LANGUAGE_NAMES:
            self.language_combo.addItem(name, code)
        self.paper_combo = QComboBox()
        for code, name in (("a4", "A4"), ("a3", "A3"), ("letter", self.tr("Letter"))):
            self.paper_combo.addItem(name, code)
        self.orientation_combo = QComboBox()
        for code, name in (("landscape", self.tr("Landscape")), ("portrait", self.tr("Portrait"))):
            self.orientation_combo.addItem(name, code)
        for combo in (self.language_combo, self.paper_combo, self.orientation_combo):
            combo.currentIndexChanged.connect(self.changed)
        page = QFormLayout()
        self._labels = [
            _row(page, self.tr("As-of &date:"), self.as_of_edit),
            _row(page, self.tr("Lan&guage:"), self.language_combo),
            _row(page, self.tr("&Paper:"), self.paper_combo),
            _row(page, self.tr("O&rientation:"), self.orientation_combo),
        ]
        page_box = QGroupBox(self.tr("Page and language"))
        page_box.setLayout(page)

        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(MAX_TITLE)
        self.title_edit.setPlaceholderText(self.tr("Standard title"))
        self.classification_edit = QLineEdit()
        self.classification_edit.setMaxLength(MAX_CLASSIFICATION)
        self.classification_edit.setPlaceholderText(self.tr("e.g. Internal, Confidential"))
        for edit in (self.title_edit, self.classification_edit):
            edit.textChanged.connect(self.changed)
        defaults = Branding()
        self.primary_button = ColourButton(
            self.tr("Primary colour"), defaults.primary_colour, prompts
        )
        self.accent_button = ColourButton(self.tr("Accent colour"), defaults.accent_colour, prompts)
        self.reset_colours_button = QPushButton(self.tr("Reset colo&urs"))
        self.reset_colours_button.clicked.connect(self.reset_colours)
        for button in (self.primary_button, self.accent_button):
            button.colour_changed.connect(self.changed)
        colours = QHBoxLayout()
        colours.addWidget(self.primary_button)
        colours.addWidget(self.accent_button)
        colours.addWidget(self.reset_colours_button)
        colours.addStretch(1)
        self.logo_picker = LogoPicker(prompts)
        self.logo_picker.logo_changed.connect(self.changed)
        self.logo_picker.error.connect(self.error)
        cover = QFormLayout()
        self._labels += [
            _row(cover, self.tr("T&itle:"), self.title_edit),
            _row(cover, self.tr("&Classification:"), self.classification_edit),
            _row(cover, self.tr("Colours:"), colours, buddy=self.primary_button),
            _row(cover, self.tr("Logo:"), self.logo_picker, buddy=self.logo_picker.choose_button),
        ]
        cover_box = QGroupBox(self.tr("Cover and branding"))
        cover_box.setLayout(cover)
        self.label_width = max(label.sizeHint().width() for label in self._labels)
        for label in self._labels:
            label.setMinimumWidth(self.label_width)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(sections_box)
        layout.addWidget(page_box)
        layout.addWidget(cover_box)

    # ------------------------------------------------------------------ values
    def as_of(self) -> date:
        return self.as_of_edit.date().toPython()  # type: ignore[no-any-return]

    def set_as_of(self, as_of: date) -> None:
        self.as_of_edit.setDate(to_qdate(as_of))

    def sections(self) -> frozenset[Section]:
        return frozenset(section for section, box in self.section_boxes.items() if box.isChecked())

    def options(self) -> PackOptions:
        return PackOptions(
            language=str(self.language_combo.currentData()),
            paper=str(self.paper_combo.currentData()),
            orientation=str(self.orientation_combo.currentData()),
            sections=self.sections(),
            classification=self.classification_edit.text().strip(),
            title=self.title_edit.text().strip(),
            branding=Branding(
                primary_colour=self.primary_button.colour(),
                accent_colour=self.accent_button.colour(),
                logo=self.logo_picker.logo(),
            ),
        )

    def set_options(self, options: PackOptions) -> None:
        for section, box in self.section_boxes.items():
            box.setChecked(section in options.sections)
        _choose(self.language_combo, options.language)
        _choose(self.paper_combo, options.paper)
        _choose(self.orientation_combo, options.orientation)
        self.title_edit.setText(options.title)
        self.classification_edit.setText(options.classification)
        self.primary_button.set_colour(options.branding.primary_colour)
        self.accent_button.set_colour(options.branding.accent_colour)
        self.logo_picker.set_logo(options.branding.logo)

    def reset_colours(self) -> None:
        defaults = Branding()
        self.primary_button.set_colour(defaults.primary_colour)
        self.accent_button.set_colour(defaults.accent_colour)


def _row(
    form: QFormLayout, text: str, field: QWidget | QLayout, *, buddy: QWidget | None = None
) -> QLabel:
    label = QLabel(text)
    target = buddy or (field if isinstance(field, QWidget) else None)
    if target is not None:
        label.setBuddy(target)
    form.addRow(label, field)
    return label


def _choose(combo: QComboBox, code: str) -> None:
    index = combo.findData(code)
    if index >= 0:
        combo.setCurrentIndex(index)
