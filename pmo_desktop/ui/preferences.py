"""User preferences: language, paper size, RAG thresholds, as-of date, user name.

`Preferences` is a typed value stored in QSettings (`load`/`save`); `PreferencesDialog`
edits a copy and hands back a validated one (red must be stricter than amber).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QSettings, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.errors import ValidationError
from pmo_desktop.services.dashboard import RagThresholds
from pmo_desktop.ui.i18n import LANGUAGE_KEY, LANGUAGES
from pmo_desktop.ui.status_bar import current_user

PAPER_SIZES = ("a4", "a3", "letter")
#: How a local SQLite file is shared (network files always have one editor at a time).
SHARING_CHOICES = ("auto", "single-writer")
_PREFIX = "preferences/"
_MAX_NAME = 100


@dataclass(frozen=True)
class Preferences:
    """What the user chose; empty `language` follows the system, `as_of` None means today."""

    language: str = ""
    paper: str = "a4"
    thresholds: RagThresholds = field(default_factory=RagThresholds)
    as_of: date | None = None
    user_name: str = field(default_factory=current_user)
    sharing: str = "auto"
    daily_backup: bool = True

    def effective_as_of(self, today: date | None = None) -> date:
        return self.as_of or today or date.today()

    def validate(self) -> None:
        if self.language and self.language not in LANGUAGES:
            raise ValidationError(f"Unknown language {self.language!r}.")
        if self.paper not in PAPER_SIZES:
            raise ValidationError(f"Unknown paper size {self.paper!r}.")
        if self.sharing not in SHARING_CHOICES:
            raise ValidationError(f"Unknown sharing mode {self.sharing!r}.")
        name = self.user_name.strip()
        if not name or len(name) > _MAX_NAME:
            raise ValidationError(f"The user name must have 1 to {_MAX_NAME} characters.")
        self.thresholds.validate()

    @classmethod
    def load(cls, settings: QSettings) -> Preferences:
        """Read the settings; missing or unreadable values fall back to the defaults."""
        defaults = cls()
        language = str(settings.value(LANGUAGE_KEY, "") or "")
        paper = str(settings.value(_PREFIX + "paper", defaults.paper) or "").lower()
        threshold_values = {}
        for item in fields(RagThresholds):
            default = getattr(defaults.thresholds, item.name)
            raw = settings.value(f"{_PREFIX}rag/{item.name}", default)
            try:
                threshold_values[item.name] = type(default)(float(raw))
            except (TypeError, ValueError):
                threshold_values[item.name] = default
        thresholds = RagThresholds(**threshold_values)
        try:
            thresholds.validate()
        except ValidationError:
            thresholds = defaults.thresholds
        as_of_text = str(settings.value(_PREFIX + "as_of", "") or "")
        try:
            as_of = date.fromisoformat(as_of_text) if as_of_text else None
        except ValueError:
            as_of = None
        user_name = str(settings.value(_PREFIX + "user_name", "") or "").strip()
        sharing = str(settings.value(_PREFIX + "sharing", defaults.sharing) or "")
        daily = str(settings.value(_PREFIX + "daily_backup", "true")).lower() not in ("false", "0")
        return cls(
            language=language if language in LANGUAGES else "",
            paper=paper if paper in PAPER_SIZES else defaults.paper,
            thresholds=thresholds,
            as_of=as_of,
            user_name=user_name[:_MAX_NAME] or defaults.user_name,
            sharing=sharing if sharing in SHARING_CHOICES else defaults.sharing,
            daily_backup=daily,
        )

    def save(self, settings: QSettings) -> None:
        """Validate, then write every value (the language under i18n's LANGUAGE_KEY)."""
        self.validate()
        if self.language:
            settings.setValue(LANGUAGE_KEY, self.language)
        else:
            settings.remove(LANGUAGE_KEY)
        settings.setValue(_PREFIX + "paper", self.paper)
        for item in fields(RagThresholds):
            settings.setValue(f"{_PREFIX}rag/{item.name}", getattr(self.thresholds, item.name))
        settings.setValue(_PREFIX + "as_of", self.as_of.isoformat() if self.as_of else "")
        settings.setValue(_PREFIX + "user_name", self.user_name.strip())
        settings.setValue(_PREFIX + "sharing", self.sharing)
        settings.setValue(_PREFIX + "daily_backup", "true" if self.daily_backup else "false")
        settings.sync()


class PreferencesDialog(QDialog):
    """Edits a `Preferences`; on a valid OK, `preferences` holds the result and `changed`
    carries it if anything differs. An invalid OK shows why and keeps the dialog open."""

    changed = Signal(object)

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.original = preferences
        self.preferences = preferences

        self.language_combo = QComboBox()
        for label, code in (
            (self.tr("System language"), ""),
            ("English", "en"),
            ("Français", "fr"),
        ):
            self.language_combo.addItem(label, code)
        self.language_note = QLabel(self.tr("The new language applies after a restart."))
        self.language_note.setStyleSheet("color: palette(placeholder-text);")
        self.paper_combo = QComboBox()
        for label, code in (("A4", "a4"), ("A3", "a3"), (self.tr("Letter"), "letter")):
            self.paper_combo.addItem(label, code)
        self.user_edit = QLineEdit()
        self.user_edit.setMaxLength(_MAX_NAME)
        self.sharing_combo = QComboBox()
        self.sharing_combo.addItem(
            self.tr("Several writers (one editor at a time on network drives)"), "auto"
        )
        self.sharing_combo.addItem(self.tr("One editor at a time, everywhere"), "single-writer")
        self.sharing_combo.setToolTip(
            self.tr(
                "A file on a network drive always has one editor at a time, the others read "
                "it. Applies to the databases you open from now on."
            )
        )
        self.today_radio = QRadioButton(self.tr("&Today"))
        self.fixed_radio = QRadioButton(self.tr("&Fixed date:"))
        self.as_of_group = QButtonGroup(self)
        self.as_of_group.addButton(self.today_radio)
        self.as_of_group.addButton(self.fixed_radio)
        self.as_of_edit = QDateEdit()
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("yyyy-MM-dd")
        self.fixed_radio.toggled.connect(self.as_of_edit.setEnabled)

        general = QFormLayout()
        general.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        general.addRow(self.tr("&Language:"), self.language_combo)
        general.addRow("", self.language_note)
        general.addRow(self.tr("&Paper size:"), self.paper_combo)
        general.addRow(self.tr("&User name shown to others:"), self.user_edit)
        general.addRow(self.tr("Sha&ring of local files:"), self.sharing_combo)
        self.backup_check = QCheckBox(
            self.tr("&Keep a daily backup of database files (last 7 days and 4 weeks)")
        )
        general.addRow("", self.backup_check)
        as_of_row = QHBoxLayout()
        as_of_row.addWidget(self.today_radio)
        as_of_row.addSpacing(12)
        as_of_row.addWidget(self.fixed_radio)
        as_of_row.addWidget(self.as_of_edit)
        as_of_row.addStretch(1)
        general.addRow(self.tr("As-of date:"), as_of_row)

        self.spi_amber = _ratio_spin()
        self.spi_red = _ratio_spin()
        self.cpi_amber = _ratio_spin()
        self.cpi_red = _ratio_spin()
        self.budget_amber = _percent_spin()
        self.budget_red = _percent_spin()
        self.slip_amber = _days_spin()
        self.slip_red = _days_spin()
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("<b>Amber</b>")), 0, 1)
        grid.addWidget(QLabel(self.tr("<b>Red</b>")), 0, 2)
        rows = (
            (self.tr("&SPI below:"), self.spi_amber, self.spi_red),
            (self.tr("&CPI below:"), self.cpi_amber, self.cpi_red),
            (self.tr("&Budget overrun above:"), self.budget_amber, self.budget_red),
            (self.tr("Sc&hedule slip above:"), self.slip_amber, self.slip_red),
        )
        for row, (caption, amber, red) in enumerate(rows, start=1):
            label = QLabel(caption)
            label.setBuddy(amber)
            grid.addWidget(label, row, 0)
            grid.addWidget(amber, row, 1)
            grid.addWidget(red, row, 2)
        self.high_risk = QSpinBox()
        self.high_risk.setRange(1, 25)
        self.high_risk.setToolTip(self.tr("Probability × impact, 1 to 25"))
        high_risk_label = QLabel(self.tr("Open risk is &high from score:"))
        high_risk_label.setBuddy(self.high_risk)
        grid.addWidget(high_risk_label, len(rows) + 1, 0)
        grid.addWidget(self.high_risk, len(rows) + 1, 2)
        grid.setColumnStretch(3, 1)
        rag_box = QGroupBox(self.tr("RAG thresholds (for portfolios without their own rules)"))
        rag_box.setLayout(grid)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #B71C1C;")
        self.error_label.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            self.restore_defaults
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)

        layout = QVBoxLayout(self)
        layout.addLayout(general)
        layout.addWidget(rag_box)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.set_values(preferences)
        self.language_combo.currentIndexChanged.connect(self._update_language_note)
        self._update_language_note()
        self.language_combo.setFocus()

    def _update_language_note(self) -> None:
        changed = (self.language_combo.currentData() or "") != self.original.language
        self.language_note.setVisible(changed)

    def set_values(self, preferences: Preferences) -> None:
        """Show `preferences` in the fields."""
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(
            preferences.language)))  # fmt: skip
        self.paper_combo.setCurrentIndex(max(0, self.paper_combo.findData(preferences.paper)))
        self.user_edit.setText(preferences.user_name)
        self.sharing_combo.setCurrentIndex(max(0, self.sharing_combo.findData(preferences.sharing)))
        self.backup_check.setChecked(preferences.daily_backup)
        as_of = preferences.as_of
        self.fixed_radio.setChecked(as_of is not None)
        self.today_radio.setChecked(as_of is None)
        self.as_of_edit.setEnabled(as_of is not None)
        self.as_of_edit.setDate(QDate(as_of) if as_of else QDate.currentDate())
        thresholds = preferences.thresholds
        self.spi_amber.setValue(thresholds.spi_amber)
        self.spi_red.setValue(thresholds.spi_red)
        self.cpi_amber.setValue(thresholds.cpi_amber)
        self.cpi_red.setValue(thresholds.cpi_red)
        self.budget_amber.setValue(thresholds.budget_amber_percent)
        self.budget_red.setValue(thresholds.budget_red_percent)
        self.slip_amber.setValue(int(thresholds.slip_amber_days))
        self.slip_red.setValue(int(thresholds.slip_red_days))
        self.high_risk.setValue(thresholds.high_risk_score)

    def values(self) -> Preferences:
        """The fields as a `Preferences` (not validated)."""
        return Preferences(
            language=str(self.language_combo.currentData() or ""),
            paper=str(self.paper_combo.currentData()),
            thresholds=RagThresholds(
                spi_amber=round(self.spi_amber.value(), 2),
                spi_red=round(self.spi_red.value(), 2),
                cpi_amber=round(self.cpi_amber.value(), 2),
                cpi_red=round(self.cpi_red.value(), 2),
                budget_amber_percent=round(self.budget_amber.value(), 1),
                budget_red_percent=round(self.budget_red.value(), 1),
                slip_amber_days=self.slip_amber.value(),
                slip_red_days=self.slip_red.value(),
                high_risk_score=self.high_risk.value(),
            ),
            as_of=self.as_of_edit.date().toPython() if self.fixed_radio.isChecked() else None,
            user_name=self.user_edit.text().strip(),
            sharing=str(self.sharing_combo.currentData()),
            daily_backup=self.backup_check.isChecked(),
        )

    def restore_defaults(self) -> None:
        """Back to the defaults, keeping the language and the user name."""
        current = self.values()
        self.set_values(replace(Preferences(), language=current.language,
                                user_name=current.user_name or current_user(),
                                sharing=current.sharing,
                                daily_backup=current.daily_backup))  # fmt: skip

    @property
    def error_text(self) -> str:
        return self.error_label.text() if self.error_label.isVisibleTo(self) else ""

    def accept(self) -> None:
        chosen = self.values()
        try:
            chosen.validate()
        except ValidationError as exc:
            self.error_label.setText(str(exc))
            self.error_label.setVisible(True)
            return
        self.error_label.setVisible(False)
        self.preferences = chosen
        super().accept()
        if chosen != self.original:
            self.changed.emit(chosen)


def edit_preferences(parent: QWidget | None, settings: QSettings) -> Preferences | None:
    """Show the dialog modally; save and return the new preferences, None if unchanged."""
    dialog = PreferencesDialog(Preferences.load(settings), parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.preferences == dialog.original:
            return None
        dialog.preferences.save(settings)
        return dialog.preferences
    finally:
        dialog.deleteLater()


def _ratio_spin() -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(0.01, 2.0)
    spin.setDecimals(2)
    spin.setSingleStep(0.01)
    return spin


def _percent_spin() -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(0.0, 1000.0)
    spin.setDecimals(1)
    spin.setSingleStep(1.0)
    spin.setSuffix(" %")
    return spin


def _days_spin() -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, 3650)
    spin.setSuffix(QCoreApplication.translate("PreferencesDialog", " days"))
    return spin
