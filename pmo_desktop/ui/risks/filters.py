"""The register's filter bar: status, owner, category, minimum score, proximity, overdue
review and free text, read as one `RiskFilter`."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from pmo_desktop.models import RiskLevel, RiskStatus
from pmo_desktop.services.risk_register import ACTIVE_STATUSES, RiskFilter, categories, owners

_ACTIVE = "active"
_ALL = "all"
_ESCALATED = "escalated"
_LEVEL_CHOICES = {
    _ALL: frozenset(),
    _ESCALATED: frozenset({RiskLevel.PROGRAMME, RiskLevel.PORTFOLIO}),
    **{level.value: frozenset({level}) for level in RiskLevel},
}


class RiskFilterBar(QWidget):
    """The choices above the table; `changed` whenever the user changes one."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quiet = False
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("Open and occurred"), _ACTIVE)
        self.status_combo.addItem(self.tr("Open"), RiskStatus.OPEN.value)
        self.status_combo.addItem(self.tr("Occurred"), RiskStatus.OCCURRED.value)
        self.status_combo.addItem(self.tr("Closed"), RiskStatus.CLOSED.value)
        self.status_combo.addItem(self.tr("All statuses"), _ALL)
        self.level_combo = QComboBox()
        self.level_combo.addItem(self.tr("All levels"), _ALL)
        self.level_combo.addItem(self.tr("Project level"), RiskLevel.PROJECT.value)
        self.level_combo.addItem(self.tr("Escalated"), _ESCALATED)
        self.level_combo.addItem(self.tr("Programme level"), RiskLevel.PROGRAMME.value)
        self.level_combo.addItem(self.tr("Portfolio level"), RiskLevel.PORTFOLIO.value)
        self.level_combo.setToolTip(
            self.tr(
                "Who owns the risk: its project, or once escalated, its programme or the portfolio"
            )
        )
        self.owner_combo = QComboBox()
        self.category_combo = QComboBox()
        for combo, length in ((self.owner_combo, 10), (self.category_combo, 9)):
            combo.setMinimumContentsLength(length)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        self.min_score_spin = QSpinBox()
        self.min_score_spin.setRange(0, 25)
        self.min_score_spin.setSpecialValueText(self.tr("any"))
        self.proximity_combo = QComboBox()
        self.proximity_combo.addItem(self.tr("any time"), None)
        for days, label in (
            (30, self.tr("within 30 days")),
            (90, self.tr("within 90 days")),
            (180, self.tr("within 6 months")),
        ):
            self.proximity_combo.addItem(label, days)
        self.overdue_check = QCheckBox(self.tr("Review overdue"))
        #: The free-text filter; the view places it (in its heading).
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText(self.tr("Filter risks"))
        self.text_edit.setClearButtonEnabled(True)
        self.text_edit.setMinimumWidth(220)
        self.cell_label = QLabel()
        self.fill_choices([])

        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(6)
        # The owner and category choices say what they are ("All owners"): no label.
        for label, widget in (
            (self.tr("Status:"), self.status_combo),
            ("", self.level_combo),
            ("", self.owner_combo),
            ("", self.category_combo),
            (self.tr("Min score:"), self.min_score_spin),
            (self.tr("Could occur:"), self.proximity_combo),
        ):
            if label:
                bar.addWidget(QLabel(label))
            bar.addWidget(widget)
            bar.addSpacing(4)
        bar.addWidget(self.overdue_check)
        bar.addWidget(self.cell_label)
        bar.addStretch(1)
        for combo in (
            self.status_combo, self.level_combo, self.owner_combo, self.category_combo,
            self.proximity_combo,
        ):  # fmt: skip
            combo.currentIndexChanged.connect(self._on_changed)
        self.min_score_spin.valueChanged.connect(self._on_changed)
        self.overdue_check.toggled.connect(self._on_changed)
        self.text_edit.textChanged.connect(self._on_changed)

    def _on_changed(self, *_args: object) -> None:
        if not self._quiet:
            self.changed.emit()

    def fill_choices(self, rows: Any) -> None:
        """Owners and categories of the register, keeping the user's choice if still there
        (no `changed`: the caller filters anyway)."""
        self._quiet = True
        try:
            for combo, values, everyone in (
                (self.owner_combo, owners(rows), self.tr("All owners")),
                (self.category_combo, categories(rows), self.tr("All categories")),
            ):
                chosen = combo.currentData()
                combo.clear()
                combo.addItem(everyone, None)
                for value in values:
                    combo.addItem(value, value)
                combo.setCurrentIndex(max(combo.findData(chosen), 0))
        finally:
            self._quiet = False

    def risk_filter(self, as_of: date, cell: tuple[bool, int, int] | None = None) -> RiskFilter:
        """The choices as a filter; proximity counts from `as_of`."""
        choice = self.status_combo.currentData()
        if choice == _ACTIVE:
            statuses = ACTIVE_STATUSES
        elif choice == _ALL:
            statuses = frozenset()
        else:
            statuses = frozenset({RiskStatus(choice)})
        days = self.proximity_combo.currentData()
        return RiskFilter(
            statuses=statuses,
            owner=self.owner_combo.currentData(),
            category=self.category_combo.currentData(),
            min_score=self.min_score_spin.value(),
            proximity_before=None if days is None else as_of + timedelta(days=days),
            overdue_only=self.overdue_check.isChecked(),
            text=self.text_edit.text(),
            cell=cell,
            levels=_LEVEL_CHOICES[self.level_combo.currentData()],
        )

    def show_cell(self, cell: tuple[bool, int, int] | None) -> None:
        """Say which heat-map cell narrows the table."""
        if cell is None:
            self.cell_label.setText("")
            return
        kind = self.tr("Residual") if cell[0] else self.tr("Inherent")
        self.cell_label.setText(
            self.tr("{kind} P{p} × I{i} (click again to clear)").format(
                kind=kind, p=cell[1], i=cell[2]
            )
        )

    def set_level(self, choice: str) -> None:
        """Pick a level choice: "all", "escalated" or a `RiskLevel` value."""
        self.level_combo.setCurrentIndex(max(self.level_combo.findData(choice), 0))

    def clear(self) -> None:
        """Every choice back to "all" (one `changed`)."""
        self._quiet = True
        try:
            self.status_combo.setCurrentIndex(0)
            self.level_combo.setCurrentIndex(0)
            self.owner_combo.setCurrentIndex(0)
            self.category_combo.setCurrentIndex(0)
            self.min_score_spin.setValue(0)
            self.proximity_combo.setCurrentIndex(0)
            self.overdue_check.setChecked(False)
            self.text_edit.clear()
        finally:
            self._quiet = False
        self.changed.emit()
