"""The what-if's controls: budget cap, capacity cap (all roles or one), the fit rule and the
horizon of the demand hours."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from pmo_desktop.services.prioritisation import HORIZON_MONTHS
from pmo_desktop.services.prioritisation_whatif import Caps, FitRule
from pmo_desktop.ui.formatting import CURRENCY_SYMBOLS

MAX_MONEY = 1e13
MAX_HOURS = 1e9


class CapsBar(QWidget):
    """Spin boxes and choices of the what-if; `changed` on any edit, `horizon_changed` when
    the demand must be read again."""

    changed = Signal()
    horizon_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.budget_check = QCheckBox(self.tr("&Budget cap"))
        self.budget_check.setChecked(True)
        self.budget_spin = QDoubleSpinBox()
        self.budget_spin.setDecimals(0)
        self.budget_spin.setRange(0, MAX_MONEY)
        self.budget_spin.setSingleStep(100_000)
        self.budget_spin.setGroupSeparatorShown(True)
        self.budget_spin.setMinimumWidth(self.fontMetrics().horizontalAdvance("000,000,000 €") + 40)
        self.budget_spin.setToolTip(self.tr("Money available for the projects of the ranking"))
        self.hours_check = QCheckBox(self.tr("&Capacity cap"))
        self.hours_check.setChecked(True)
        self.hours_spin = QDoubleSpinBox()
        self.hours_spin.setDecimals(0)
        self.hours_spin.setRange(0, MAX_HOURS)
        self.hours_spin.setSingleStep(500)
        self.hours_spin.setGroupSeparatorShown(True)
        self.hours_spin.setSuffix(self.tr(" h"))
        self.hours_spin.setMinimumWidth(self.fontMetrics().horizontalAdvance("000,000 h") + 40)
        self.hours_spin.setToolTip(
            self.tr("Person-hours available over the horizon (by default what the people can give)")
        )
        self.role_combo = QComboBox()
        self.role_combo.setToolTip(self.tr("Cap the hours of every role, or of one role"))
        self.role_combo.addItem(self.tr("All roles"), None)
        self.rule_combo = QComboBox()
        self.rule_combo.addItem(self.tr("Skip what does not fit"), FitRule.GREEDY.value)
        self.rule_combo.addItem(
            self.tr("Stop at the first that does not fit"), FitRule.STRICT.value
        )
        self.rule_combo.setToolTip(
            self.tr(
                "Skip: a project that does not fit is passed over and smaller ones further down "
                "may still be funded.\nStop: nothing below the first project that does not fit "
                "is funded, so the ranking is followed to the letter."
            )
        )
        self.horizon_spin = QSpinBox()
        self.horizon_spin.setRange(1, 60)
        self.horizon_spin.setValue(HORIZON_MONTHS)
        self.horizon_spin.setSuffix(self.tr(" months"))
        self.horizon_spin.setToolTip(self.tr("Demand and capacity are counted over this horizon"))
        horizon_label = QLabel(self.tr("&Horizon"))
        horizon_label.setBuddy(self.horizon_spin)
        rule_label = QLabel(self.tr("&Rule"))
        rule_label.setBuddy(self.rule_combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.budget_check, self.budget_spin):
            layout.addWidget(widget)
        layout.addSpacing(14)
        for widget in (self.hours_check, self.hours_spin, self.role_combo):
            layout.addWidget(widget)
        layout.addSpacing(14)
        layout.addWidget(horizon_label)
        layout.addWidget(self.horizon_spin)
        layout.addSpacing(14)
        layout.addWidget(rule_label)
        layout.addWidget(self.rule_combo)
        layout.addStretch(1)
        for check in (self.budget_check, self.hours_check):
            check.toggled.connect(self._on_toggled)
        for spin in (self.budget_spin, self.hours_spin):
            spin.valueChanged.connect(self.changed)
        self.rule_combo.currentIndexChanged.connect(self.changed)
        self.role_combo.currentIndexChanged.connect(self.changed)
        self.horizon_spin.editingFinished.connect(self._on_horizon)
        self._horizon = HORIZON_MONTHS

    def set_currency(self, currency: str) -> None:
        self.budget_spin.setSuffix(" " + CURRENCY_SYMBOLS.get(currency.upper(), currency.upper()))

    def set_roles(self, roles: list[str]) -> None:
        """The role choices; the current role is kept when it still exists."""
        current = self.role_combo.currentData()
        self.role_combo.blockSignals(True)
        while self.role_combo.count() > 1:
            self.role_combo.removeItem(1)
        for role in roles:
            self.role_combo.addItem(role or self.tr("(no role)"), role)
        index = self.role_combo.findData(current) if current is not None else 0
        self.role_combo.setCurrentIndex(max(0, index))
        self.role_combo.blockSignals(False)

    def set_values(self, budget: float, hours: float) -> None:
        """Both caps at once, with one `changed`."""
        for spin, value in ((self.budget_spin, budget), (self.hours_spin, hours)):
            spin.blockSignals(True)
            spin.setValue(round(value))
            spin.blockSignals(False)
        self.changed.emit()

    def caps(self) -> Caps:
        return Caps(
            budget=self.budget_spin.value() if self.budget_check.isChecked() else None,
            hours=self.hours_spin.value() if self.hours_check.isChecked() else None,
            role=self.role_combo.currentData(),
        )

    def rule(self) -> FitRule:
        return FitRule(self.rule_combo.currentData())

    def set_rule(self, rule: FitRule) -> None:
        self.rule_combo.setCurrentIndex(max(0, self.rule_combo.findData(rule.value)))

    def horizon(self) -> int:
        return self.horizon_spin.value()

    def _on_toggled(self) -> None:
        self.budget_spin.setEnabled(self.budget_check.isChecked())
        self.hours_spin.setEnabled(self.hours_check.isChecked())
        self.role_combo.setEnabled(self.hours_check.isChecked())
        self.changed.emit()

    def _on_horizon(self) -> None:
        if self.horizon_spin.value() != self._horizon:
            self._horizon = self.horizon_spin.value()
            self.horizon_changed.emit(self._horizon)
