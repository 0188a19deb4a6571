"""The PMO admin's dialog for a portfolio's RAG thresholds and risk score rule.

Checked as you type (red must be stricter than amber); a preview, computed in the
background, says how many risks the score rule would change. Save is one undo step that
also rescores every risk of the portfolio. Tests fill the widgets and call `command()`.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.errors import PmoError
from pmo_desktop.models import ScoreRule
from pmo_desktop.services.dashboard import RagThresholds
from pmo_desktop.services.portfolio_rules import (
    DIMENSIONS,
    PortfolioRuleSet,
    RiskScoreRule,
    RuleValues,
    SaveRules,
    ScorePreview,
    load_rules,
    preview_scores,
    save_rules,
)
from pmo_desktop.ui.workers import ProgressToken
from pmo_desktop.ui.workspace import Workspace

_RED = "#b00020"


def _preview(
    _token: ProgressToken, workspace: Workspace, portfolio_id: int, values: RuleValues
) -> ScorePreview:
    return preview_scores(workspace.database, portfolio_id, values)


def _ratio(maximum: float = 2.0) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0.0, maximum)
    box.setDecimals(2)
    box.setSingleStep(0.01)
    return box


def _percent() -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0.0, 1000.0)
    box.setDecimals(1)
    box.setSingleStep(1.0)
    box.setSuffix(" %")
    return box


def _days() -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, 999)
    return box


class PortfolioRulesDialog(QDialog):
    """Edit one portfolio's rules; OK pushes a `SaveRules` on the workspace's undo stack."""

    def __init__(
        self, workspace: Workspace, portfolio_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.portfolio_id = portfolio_id
        self.current: PortfolioRuleSet = load_rules(workspace.database, portfolio_id)
        self.result_command: SaveRules | None = None
        self.preview: ScorePreview | None = None
        self._serial = 0
        self._pending = False
        self.setWindowTitle(self.tr("RAG Rules and Risk Scoring"))

        intro = QLabel(
            self.tr(
                "These rules apply to the whole portfolio: the dashboard, the board pack "
                "(printed in its appendix) and the compliance checks all rate with them."
            )
        )
        intro.setWordWrap(True)
        self.origin = QLabel()
        self.origin.setStyleSheet("font-style: italic")

        self.spi_amber, self.spi_red = _ratio(), _ratio()
        self.cpi_amber, self.cpi_red = _ratio(), _ratio()
        self.budget_amber, self.budget_red = _percent(), _percent()
        self.slip_amber, self.slip_red = _days(), _days()
        self.high_risk = QSpinBox()
        self.high_risk.setRange(1, 25)

        thresholds = QGroupBox(self.tr("RAG thresholds"))
        grid = QGridLayout(thresholds)
        grid.setColumnStretch(0, 1)
        for column, title in enumerate((self.tr("Measure"), self.tr("Amber"), self.tr("Red"))):
            heading = QLabel(f"<b>{title}</b>")
            grid.addWidget(heading, 0, column)
        rows = (
            (self.tr("&SPI below"), self.spi_amber, self.spi_red),
            (self.tr("&CPI below"), self.cpi_amber, self.cpi_red),
            (self.tr("Forecast over &budget by more than"), self.budget_amber, self.budget_red),
            (self.tr("&Milestone slip, working days, more than"), self.slip_amber, self.slip_red),
        )
        for row, (label_text, amber, red) in enumerate(rows, start=1):
            label = QLabel(label_text)
            label.setBuddy(amber)
            grid.addWidget(label, row, 0)
            grid.addWidget(amber, row, 1)
            grid.addWidget(red, row, 2)
        high_label = QLabel(self.tr("&High risk: open risk scoring at least"))
        high_label.setBuddy(self.high_risk)
        grid.addWidget(high_label, len(rows) + 1, 0)
        grid.addWidget(self.high_risk, len(rows) + 1, 2)

        self.rule = QComboBox()
        for kind, label in self._rule_labels().items():
            self.rule.addItem(label, kind.value)
        self.weights: dict[str, QDoubleSpinBox] = {}
        weights_row = QHBoxLayout()
        self.weight_labels: list[QLabel] = []
        for name, label in self._dimension_labels().items():
            box = QDoubleSpinBox()
            box.setRange(0.0, 10.0)
            box.setDecimals(1)
            box.setSingleStep(0.5)
            self.weights[name] = box
            caption = QLabel(label)
            caption.setBuddy(box)
            self.weight_labels.append(caption)
            weights_row.addWidget(caption)
            weights_row.addWidget(box)
        weights_row.addStretch(1)
        scoring = QGroupBox(self.tr("Risk scoring"))
        form = QFormLayout(scoring)
        form.addRow(self.tr("Score &rule:"), self.rule)
        self.weights_label = QLabel(self.tr("Weights:"))
        form.addRow(self.weights_label, weights_row)
        self.preview_label = QLabel()
        self.preview_label.setWordWrap(True)
        form.addRow(self.preview_label)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet(f"color: {_RED}")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Save"))
        self.defaults_button = QPushButton(self.tr("Reset to &Defaults"))
        self.buttons.addButton(self.defaults_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.defaults_button.clicked.connect(lambda: self.set_values(RuleValues()))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.origin)
        layout.addWidget(thresholds)
        layout.addWidget(scoring)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(660, 480)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._start_preview)
        self.set_values(self.current.values)
        for box in (
            self.spi_amber, self.spi_red, self.cpi_amber, self.cpi_red, self.budget_amber,
            self.budget_red, *self.weights.values(),
        ):  # fmt: skip
            box.valueChanged.connect(self._changed)
        for spin in (self.slip_amber, self.slip_red, self.high_risk):
            spin.valueChanged.connect(self._changed)
        self.rule.currentIndexChanged.connect(self._changed)
        if self.current.stored:
            self.origin.setText(self.tr("The portfolio's own rules."))
        else:
            self.origin.setText(self.tr("No rules set yet: the defaults apply."))
        if workspace.read_only:
            self.ok_button.setEnabled(False)
            self.status.setText(self.tr("The database is read-only: the rules cannot be saved."))
        self._start_preview()

    # Labels.

    def _rule_labels(self) -> dict[ScoreRule, str]:
        return {
            ScoreRule.MAX: self.tr("Probability × worst impact"),
            ScoreRule.MEAN: self.tr("Probability × mean of the four impacts"),
            ScoreRule.WEIGHTED: self.tr("Probability × weighted mean of the impacts"),
        }

    def _dimension_labels(self) -> dict[str, str]:
        return {
            "schedule": self.tr("Schedule"),
            "cost": self.tr("Cost"),
            "scope": self.tr("Scope"),
            "quality": self.tr("Quality"),
        }

    # Values.

    def set_values(self, values: RuleValues) -> None:
        """Show `values` in the widgets (the stored rules, or the defaults)."""
        t = values.thresholds
        self.spi_amber.setValue(t.spi_amber)
        self.spi_red.setValue(t.spi_red)
        self.cpi_amber.setValue(t.cpi_amber)
        self.cpi_red.setValue(t.cpi_red)
        self.budget_amber.setValue(t.budget_amber_percent)
        self.budget_red.setValue(t.budget_red_percent)
        self.slip_amber.setValue(round(t.slip_amber_days))
        self.slip_red.setValue(round(t.slip_red_days))
        self.high_risk.setValue(int(t.high_risk_score))
        self.rule.setCurrentIndex(self.rule.findData(values.score_rule.kind.value))
        for name, box in self.weights.items():
            box.setValue(float(values.score_rule.weights.get(name, 1.0)))
        self._changed()

    def values(self) -> RuleValues:
        """The rules as typed (not validated)."""
        thresholds = RagThresholds(
            spi_amber=self.spi_amber.value(),
            spi_red=self.spi_red.value(),
            cpi_amber=self.cpi_amber.value(),
            cpi_red=self.cpi_red.value(),
            budget_amber_percent=self.budget_amber.value(),
            budget_red_percent=self.budget_red.value(),
            slip_amber_days=float(self.slip_amber.value()),
            slip_red_days=float(self.slip_red.value()),
            high_risk_score=self.high_risk.value(),
        )
        kind = ScoreRule(self.rule.currentData())
        weights = {name: self.weights[name].value() for name in DIMENSIONS}
        return RuleValues(thresholds, RiskScoreRule(kind, weights))

    def error(self) -> str:
        """Why the rules cannot be saved as typed ("" if they can)."""
        try:
            self.values().validate()
        except PmoError as exc:
            return str(exc)
        return ""

    def _changed(self) -> None:
        weighted = ScoreRule(self.rule.currentData()) is ScoreRule.WEIGHTED
        for label in (self.weights_label, *self.weight_labels):
            label.setEnabled(weighted)
        for box in self.weights.values():
            box.setEnabled(weighted)
        error = self.error()
        if not self.workspace.read_only:
            self.status.setText(error)
            self.ok_button.setEnabled(not error)
        self._timer.start()

    # Preview.

    @property
    def loading(self) -> bool:
        return self._pending or self._timer.isActive()

    def _start_preview(self) -> None:
        self._timer.stop()
        if self.error():
            self._serial += 1
            self._pending = False
            self.preview_label.setText("")
            return
        self._serial += 1
        serial = self._serial
        self._pending = True
        self.preview_label.setText(self.tr("Counting the risks whose score would change…"))
        job = self.workspace.pool.submit(_preview, self.workspace, self.portfolio_id, self.values())
        job.succeeded.connect(lambda found: self._show_preview(serial, found))
        job.failed.connect(lambda error: self._show_preview(serial, error))

    def _show_preview(self, serial: int, found: object) -> None:
        if serial != self._serial:
            return
        self._pending = False
        if not isinstance(found, ScorePreview):
            self.preview = None
            self.preview_label.setText(self.tr("The preview could not be computed."))
            return
        self.preview = found
        if found.changed == 0:
            text = self.tr("No risk changes score ({total} risks).").format(total=found.total)
        else:
            text = self.tr(
                "{changed} of {total} risks change score: {raised} higher, {lowered} lower."
            ).format(
                changed=found.changed, total=found.total, raised=found.raised,
                lowered=found.lowered,
            )  # fmt: skip
        crossings = self.tr("{up} become high risks, {down} are no longer high.").format(
            up=found.newly_high, down=found.no_longer_high
        )
        self.preview_label.setText(f"{text} {crossings}")

    # Result.

    def command(self) -> SaveRules:
        """The undoable save of the rules as typed (raises ValidationError if invalid)."""
        return save_rules(
            self.workspace.database,
            self.portfolio_id,
            self.values(),
            text=self.tr("Change the RAG rules and risk scoring"),
        )

    def accept(self) -> None:
        try:
            command = self.command()
        except PmoError as exc:
            self.status.setText(str(exc))
            return
        if self.workspace.execute(command):
            self.result_command = command
            super().accept()

    def done(self, result: int) -> None:
        self._serial += 1  # a late preview is dropped
        self._timer.stop()
        super().done(result)
