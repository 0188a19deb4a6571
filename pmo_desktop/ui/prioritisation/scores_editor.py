"""The selected project's scores: one 0–5 spin box per criterion ("—" is a gap), saved as
one undoable edit."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.services.prioritisation import MAX_SCORE, Candidate, Criterion, ScoredProject
from pmo_desktop.ui.formatting import format_money

#: The spin box value that stands for "no score".
GAP = -1


class ScoresEditor(QWidget):
    """Scores of one project on every criterion."""

    #: The project and {criterion id: score or None} of what changed.
    save_requested = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project: ScoredProject | None = None
        self.criteria: list[Criterion] = []
        self.currency = "EUR"
        self.spins: dict[int, QSpinBox] = {}
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.group = QGroupBox(self.tr("Scores (0–5)"))
        self.form = QFormLayout(self.group)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.hint = QLabel(
            self.tr("“—” means not scored yet: a gap counts as the worst score. "
                    "For criteria where lower is better, 0 is best.")
        )  # fmt: skip
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #5F6368;")
        self.save_button = QPushButton(self.tr("&Save scores"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Re&vert"))
        self.revert_button.clicked.connect(self._fill)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.details)
        layout.addWidget(self.group)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addStretch(1)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)
        self.set_project(None, [])

    def set_project(
        self, project: ScoredProject | None, criteria: list[Criterion], currency: str = "EUR"
    ) -> None:
        """Show `project` (None: nothing selected) against `criteria`."""
        self.project = project
        self.currency = currency
        if [c.id for c in criteria] != [c.id for c in self.criteria]:
            self._rebuild(criteria)
        self.criteria = list(criteria)
        self._fill()

    def _rebuild(self, criteria: list[Criterion]) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.spins = {}
        for criterion in criteria:
            spin = QSpinBox()
            spin.setRange(GAP, MAX_SCORE)
            spin.setSpecialValueText("—")
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            spin.setMinimumWidth(self.fontMetrics().horizontalAdvance("00") + 48)
            spin.valueChanged.connect(self._update_buttons)
            direction = "▲" if criterion.higher_is_better else "▼"
            label = QLabel(f"{criterion.code} · {criterion.name} {direction}".replace("&", "&&"))
            label.setToolTip(criterion.description or criterion.name)
            label.setBuddy(spin)
            self.form.addRow(label, spin)
            self.spins[criterion.id] = spin

    def _fill(self) -> None:
        project = self.project
        enabled = project is not None
        for criterion_id, spin in self.spins.items():
            spin.blockSignals(True)
            cell = project.candidate.scores.get(criterion_id) if project is not None else None
            spin.setValue(GAP if cell is None else cell.score)
            spin.setEnabled(enabled)
            spin.blockSignals(False)
        if project is None:
            self.title.setText(self.tr("No project selected"))
            self.details.setText(self.tr("Select a project in the ranking to score it."))
        else:
            candidate: Candidate = project.candidate
            self.title.setText(f"{candidate.code} — {candidate.name}")
            self.details.setText(
                self.tr("Score {score} / 100 · budget {budget} · {gaps} gaps").format(
                    score=f"{project.score:.0f}",
                    budget=format_money(Decimal(round(candidate.budget)), self.currency),
                    gaps=len(project.gaps),
                )
            )
        self._update_buttons()

    def changes(self) -> dict[int, int | None]:
        """What the spin boxes changed against the stored scores."""
        if self.project is None:
            return {}
        stored = self.project.candidate.scores
        result: dict[int, int | None] = {}
        for criterion_id, spin in self.spins.items():
            value = None if spin.value() == GAP else spin.value()
            cell = stored.get(criterion_id)
            if value != (None if cell is None else cell.score):
                result[criterion_id] = value
        return result

    def _update_buttons(self) -> None:
        changed = bool(self.changes())
        self.save_button.setEnabled(changed)
        self.revert_button.setEnabled(changed)

    def save(self) -> None:
        changes = self.changes()
        if self.project is not None and changes:
            self.save_requested.emit(self.project, changes)
