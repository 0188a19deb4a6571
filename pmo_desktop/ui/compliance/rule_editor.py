"""The editor of one compliance rule's settings: on/off, severity, parameters."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.services.compliance import SEVERITIES, RuleSettings
from pmo_desktop.ui.compliance.models import severity_label

#: The spin boxes' value meaning "empty: take the RAG threshold".
FROM_THRESHOLD = -1.0
MAX_PARAMETER = 10_000.0


class RuleEditor(QWidget):
    """Shows a rule's effective settings; Apply asks to store them, Reset to drop them."""

    #: code, enabled, severity, parameters
    apply_requested = Signal(str, bool, str, dict)
    reset_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rule: RuleSettings | None = None
        self.language = "en"
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setStyleSheet("color: palette(mid);")
        self.enabled_box = QCheckBox(self.tr("&Check this rule"))
        self.severity_combo = QComboBox()
        for severity in SEVERITIES:
            self.severity_combo.addItem(severity_label(severity), severity)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.addRow(self.enabled_box)
        self.form.addRow(self.tr("&Severity:"), self.severity_combo)
        self.parameter_widgets: dict[str, QDoubleSpinBox | QCheckBox] = {}
        self.apply_button = QPushButton(self.tr("&Apply"))
        self.apply_button.setDefault(True)
        self.apply_button.clicked.connect(self._apply)
        self.reset_button = QPushButton(self.tr("&Reset to default"))
        self.reset_button.clicked.connect(self._reset)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.set_rule(None)

    def set_rule(self, rule: RuleSettings | None, language: str = "en") -> None:
        self.rule = rule
        self.language = language
        while self.form.rowCount() > 2:
            self.form.removeRow(2)
        self.parameter_widgets.clear()
        for widget in (self.enabled_box, self.severity_combo, self.apply_button):
            widget.setEnabled(rule is not None)
        self.reset_button.setEnabled(rule is not None and rule.customised)
        if rule is None:
            self.title.setText(self.tr("Choose a rule to change its settings."))
            self.hint.setText("")
            return
        definition = rule.definition
        self.title.setText(definition.title_in(language))
        self.hint.setText(
            self.tr("Default: {severity}. Changes apply to this portfolio only.").format(
                severity=severity_label(definition.severity)
            )
        )
        self.enabled_box.setChecked(rule.enabled)
        self.severity_combo.setCurrentIndex(SEVERITIES.index(rule.severity))
        for name, default in definition.parameters.items():
            value = rule.parameters[name]
            label = definition.parameter_label(name, language)
            widget: QDoubleSpinBox | QCheckBox
            if isinstance(default, bool):
                widget = QCheckBox(label)
                widget.setChecked(bool(value))
                self.form.addRow(widget)
            else:
                widget = QDoubleSpinBox()
                widget.setDecimals(0 if isinstance(default, int) else 1)
                widget.setRange(0.0, MAX_PARAMETER)
                if default is None:
                    widget.setRange(FROM_THRESHOLD, MAX_PARAMETER)
                    widget.setSpecialValueText(
                        self.tr("RAG threshold ({value})").format(value=_number(value))
                    )
                    value = FROM_THRESHOLD if name not in rule.overrides else value
                widget.setValue(float(value))
                self.form.addRow(label + ":", widget)
            self.parameter_widgets[name] = widget

    def parameters(self) -> dict[str, Any]:
        """The parameters as edited (None: the RAG threshold; ints stay ints)."""
        assert self.rule is not None
        values: dict[str, Any] = {}
        for name, widget in self.parameter_widgets.items():
            default = self.rule.definition.parameters[name]
            if isinstance(widget, QCheckBox):
                values[name] = widget.isChecked()
            elif default is None and widget.value() == FROM_THRESHOLD:
                values[name] = None
            elif isinstance(default, int):
                values[name] = round(widget.value())
            else:
                values[name] = float(widget.value())
        return values

    def _apply(self) -> None:
        if self.rule is None:
            return
        self.apply_requested.emit(
            self.rule.code,
            self.enabled_box.isChecked(),
            str(self.severity_combo.currentData()),
            self.parameters(),
        )

    def _reset(self) -> None:
        if self.rule is not None:
            self.reset_requested.emit(self.rule.code)


def _number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
