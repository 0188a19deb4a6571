"""Preferences: defaults, QSettings round trip, validation, and the dialog's plain-value API."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog

from pmo_desktop.errors import ValidationError
from pmo_desktop.services.dashboard import RagThresholds
from pmo_desktop.ui.i18n import LANGUAGE_KEY, choose_language
from pmo_desktop.ui.preferences import Preferences, PreferencesDialog
from pmo_desktop.ui.status_bar import current_user


def test_defaults() -> None:
    preferences = Preferences.load(QSettings())
    assert preferences == Preferences()
    assert preferences.language == ""
    assert preferences.paper == "a4"
    assert preferences.as_of is None
    assert preferences.effective_as_of(date(2026, 3, 31)) == date(2026, 3, 31)
    assert preferences.user_name == current_user()
    assert preferences.thresholds == RagThresholds(
        spi_amber=0.95, spi_red=0.85, cpi_amber=0.95, cpi_red=0.85,
        budget_amber_percent=5.0, budget_red_percent=10.0, slip_amber_days=5, slip_red_days=15,
    )  # fmt: skip


def test_round_trip_through_the_settings_file() -> None:
    chosen = Preferences(
        language="fr",
        paper="letter",
        thresholds=RagThresholds(spi_amber=0.9, spi_red=0.8, slip_amber_days=3, slip_red_days=10),
        as_of=date(2026, 3, 31),
        user_name="Claire Dubois",
        sharing="single-writer",
    )
    chosen.save(QSettings())
    assert Path(QSettings().fileName()).is_file()
    assert Preferences.load(QSettings()) == chosen
    # The language is the one app.py reads at start-up.
    assert QSettings().value(LANGUAGE_KEY) == "fr"
    assert choose_language(None, QSettings()) == "fr"
    Preferences(language="").save(QSettings())
    assert not QSettings().contains(LANGUAGE_KEY)
    assert Preferences.load(QSettings()).as_of is None


@pytest.mark.parametrize(
    "thresholds",
    [
        RagThresholds(spi_amber=0.85, spi_red=0.9),
        RagThresholds(cpi_amber=0.9, cpi_red=0.9),
        RagThresholds(budget_amber_percent=12, budget_red_percent=10),
        RagThresholds(slip_amber_days=15, slip_red_days=15),
    ],
)
def test_red_must_be_stricter_than_amber(thresholds: RagThresholds) -> None:
    with pytest.raises(ValidationError, match="RAG thresholds"):
        thresholds.validate()
    settings = QSettings()
    with pytest.raises(ValidationError):
        Preferences(thresholds=thresholds).save(settings)
    assert not settings.allKeys()  # nothing half-written


def test_bad_values_in_the_settings_fall_back_to_defaults() -> None:
    settings = QSettings()
    settings.setValue("preferences/paper", "tabloid")
    settings.setValue("preferences/rag/spi_red", "0.99")  # would be above amber
    settings.setValue("preferences/rag/slip_red_days", "lots")
    settings.setValue("preferences/as_of", "31/03/2026")
    settings.setValue(LANGUAGE_KEY, "de")
    settings.setValue("preferences/sharing", "everyone-at-once")
    assert Preferences.load(settings) == Preferences()


def test_other_checks() -> None:
    with pytest.raises(ValidationError, match="user name"):
        Preferences(user_name="  ").validate()
    with pytest.raises(ValidationError, match="paper"):
        Preferences(paper="b5").validate()
    with pytest.raises(ValidationError, match="sharing"):
        Preferences(sharing="several").validate()


def test_the_dialog_shows_and_returns_plain_values(qtbot) -> None:
    start = Preferences(language="en", paper="a3", as_of=date(2026, 1, 15), user_name="Ana")
    dialog = PreferencesDialog(start)
    qtbot.addWidget(dialog)
    assert dialog.values() == start
    assert dialog.fixed_radio.isChecked() and dialog.as_of_edit.isEnabled()
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("fr"))
    assert not dialog.language_note.isHidden()
    dialog.paper_combo.setCurrentIndex(dialog.paper_combo.findData("letter"))
    dialog.today_radio.setChecked(True)
    assert not dialog.as_of_edit.isEnabled()
    dialog.budget_red.setValue(20)
    dialog.user_edit.setText("Ana Lopes ")
    dialog.sharing_combo.setCurrentIndex(dialog.sharing_combo.findData("single-writer"))
    with qtbot.waitSignal(dialog.changed) as changed:
        dialog.accept()
    expected = Preferences(
        language="fr",
        paper="letter",
        thresholds=RagThresholds(budget_red_percent=20.0),
        as_of=None,
        user_name="Ana Lopes",
        sharing="single-writer",
    )
    assert changed.args == [expected]
    assert dialog.preferences == expected
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_an_invalid_dialog_stays_open_and_says_why(qtbot) -> None:
    dialog = PreferencesDialog(Preferences())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.spi_red.setValue(0.97)
    with qtbot.assertNotEmitted(dialog.changed):
        dialog.accept()
    assert dialog.isVisible()
    assert "the SPI limits are inverted" in dialog.error_text
    assert dialog.preferences == Preferences()
    dialog.restore_defaults()
    assert dialog.values().thresholds == RagThresholds()
    dialog.accept()
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_unchanged_ok_emits_nothing_and_escape_cancels(qtbot) -> None:
    dialog = PreferencesDialog(Preferences())
    qtbot.addWidget(dialog)
    with qtbot.assertNotEmitted(dialog.changed):
        dialog.accept()
    dialog = PreferencesDialog(Preferences())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.paper_combo.setCurrentIndex(2)
    with qtbot.assertNotEmitted(dialog.changed):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.preferences == Preferences()
