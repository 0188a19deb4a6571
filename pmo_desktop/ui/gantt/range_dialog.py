"""The date range of a Gantt export: from/to dates, with presets ("whole project", "visible
range", "next 3 months"), chosen before the file."""

from __future__ import annotations

import enum
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.ui.formatting import to_qdate


class RangePreset(enum.Enum):
    WHOLE = "whole"
    VISIBLE = "visible"
    NEXT_3_MONTHS = "next3"
    CUSTOM = "custom"

    def label(self) -> str:
        return {
            RangePreset.WHOLE: QCoreApplication.translate("ExportRangeDialog", "Whole project"),
            RangePreset.VISIBLE: QCoreApplication.translate("ExportRangeDialog", "Visible range"),
            RangePreset.NEXT_3_MONTHS: QCoreApplication.translate(
                "ExportRangeDialog", "Next 3 months"
            ),
            RangePreset.CUSTOM: QCoreApplication.translate("ExportRangeDialog", "Custom dates"),
        }[self]


def add_months(day: date, months: int) -> date:
    """The same day `months` later, on the month's last day when it has fewer days."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def preset_range(
    preset: RangePreset,
    whole: tuple[date, date],
    visible: tuple[date, date],
    today: date,
) -> tuple[date, date]:
    """The dates of a preset; CUSTOM gives the whole project (the dialog's starting point)."""
    if preset is RangePreset.VISIBLE:
        return visible
    if preset is RangePreset.NEXT_3_MONTHS:
        return today, add_months(today, 3) - timedelta(days=1)
    return whole


class ExportRangeDialog(QDialog):
    """From and To, with presets; picking a date by hand makes the choice "Custom dates"."""

    def __init__(
        self,
        whole: tuple[date, date],
        visible: tuple[date, date],
        today: date,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._whole, self._visible, self._today = whole, visible, today
        self.preset_box = QComboBox()
        for preset in RangePreset:
            self.preset_box.addItem(preset.label(), preset)
        self.first_edit = QDateEdit()
        self.last_edit = QDateEdit()
        for edit in (self.first_edit, self.last_edit):
            edit.setCalendarPopup(True)
            edit.dateChanged.connect(self._on_date_edited)
        self.warning = QLabel()
        self.warning.setStyleSheet("color: #B71C1C")
        form = QFormLayout()
        form.addRow(self.tr("&Dates:"), self.preset_box)
        form.addRow(self.tr("&From:"), self.first_edit)
        form.addRow(self.tr("&To:"), self.last_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.buttons)
        self._setting = False
        self.preset_box.currentIndexChanged.connect(self._on_preset)
        self.set_preset(RangePreset.WHOLE)

    def set_preset(self, preset: RangePreset) -> None:
        self.preset_box.setCurrentIndex(self.preset_box.findData(preset))
        self._on_preset()

    def preset(self) -> RangePreset:
        return self.preset_box.currentData()  # type: ignore[no-any-return]

    def set_range(self, first: date, last: date) -> None:
        """Dates typed by the user (the preset becomes "Custom dates")."""
        self.first_edit.setDate(to_qdate(first))
        self.last_edit.setDate(to_qdate(last))

    def chosen_range(self) -> tuple[date, date]:
        return _day(self.first_edit.date()), _day(self.last_edit.date())

    def _on_preset(self) -> None:
        preset = self.preset()
        if preset is RangePreset.CUSTOM:
            return
        first, last = preset_range(preset, self._whole, self._visible, self._today)
        self._setting = True
        try:
            self.first_edit.setDate(to_qdate(first))
            self.last_edit.setDate(to_qdate(last))
        finally:
            self._setting = False
        self._check()

    def _on_date_edited(self) -> None:
        if not self._setting:
            self.preset_box.blockSignals(True)
            self.preset_box.setCurrentIndex(self.preset_box.findData(RangePreset.CUSTOM))
            self.preset_box.blockSignals(False)
        self._check()

    def _check(self) -> None:
        first, last = self.chosen_range()
        wrong = last < first
        self.warning.setText(self.tr("The last date is before the first.") if wrong else "")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not wrong)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
