"""The "Properties" page: the project's identity, people, plan, budget and strategic scores.

Every editor commits on its own when the user has finished with it; the page turns the new
value into a change request (`property_edited(changes, label)`, `score_edited(objective id,
score)`) and the view runs the undoable command.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.models import Method, ProjectStatus
from pmo_desktop.services.projects import ObjectiveScore, ProjectDetail
from pmo_desktop.ui.formatting import (
    format_date,
    format_percent,
    method_label,
    status_label,
)
from pmo_desktop.ui.project_view.editors import (
    ChoiceBox,
    LineEdit,
    MoneySpinBox,
    OptionalDateEdit,
)

_MAX_SCORE = 5


class ScoreBox(QSpinBox):
    """A 0–5 score that commits when the user has finished editing it."""

    committed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, _MAX_SCORE)
        self.setKeyboardTracking(False)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._shown = 0
        # Without keyboard tracking, valueChanged comes when typing is done or on a step.
        self.valueChanged.connect(self._on_finished)

    def show_value(self, score: int) -> None:
        self._shown = score
        self.blockSignals(True)
        self.setValue(score)
        self.blockSignals(False)

    def is_dirty(self) -> bool:
        return self.value() != self._shown

    def _on_finished(self, _value: int | None = None) -> None:
        if self.is_dirty() and not self.isReadOnly():
            self._shown = self.value()
            self.committed.emit(self._shown)


class PropertiesPage(QScrollArea):
    """The property form of one project."""

    #: (column → new value, undo label)
    property_edited = Signal(dict, str)
    #: (objective id, new score)
    score_edited = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._detail: ProjectDetail | None = None
        self._scores: dict[int, ScoreBox] = {}
        self._score_labels: dict[int, QLabel] = {}
        self._weight_labels: dict[int, QLabel] = {}

        self.code = LineEdit()
        self.code.setMaxLength(40)
        self.name = LineEdit()
        self.name.setMaxLength(200)
        self.programme = ChoiceBox()
        self.status = ChoiceBox()
        for status in ProjectStatus:
            self.status.addItem(status_label(status), status)
        self.method = ChoiceBox()
        for method in Method:
            self.method.addItem(method_label(method), method)
        self.phase = LineEdit()
        self.phase.setMaxLength(80)
        self.sponsor = LineEdit()
        self.sponsor.setMaxLength(200)
        self.manager = LineEdit()
        self.manager.setMaxLength(200)
        none_text = self.tr("None")
        clear_tip = self.tr("Clear the date")
        self.start_date = OptionalDateEdit(none_text, clear_tip)
        self.finish_date = OptionalDateEdit(none_text, clear_tip)
        self.budget = MoneySpinBox()
        self.percent_label = QLabel()
        self.status_date_label = QLabel()
        self.task_count_label = QLabel()

        self._editors = {
            "code": (self.code, self.tr("Edit project code")),
            "name": (self.name, self.tr("Rename project")),
            "programme_id": (self.programme, self.tr("Change programme")),
            "status": (self.status, self.tr("Change project status")),
            "method": (self.method, self.tr("Change method")),
            "phase": (self.phase, self.tr("Change phase")),
            "sponsor": (self.sponsor, self.tr("Change sponsor")),
            "manager": (self.manager, self.tr("Change project manager")),
            "start_date": (self.start_date, self.tr("Change start date")),
            "finish_date": (self.finish_date, self.tr("Change finish date")),
            "budget": (self.budget, self.tr("Change budget")),
        }
        for field_name, (editor, label) in self._editors.items():
            editor.committed.connect(
                lambda value, name=field_name, text=label: self.property_edited.emit(
                    {name: value}, text
                )
            )

        identity = self._group(
            self.tr("Identity"),
            (
                (self.tr("Code"), self.code),
                (self.tr("Name"), self.name),
                (self.tr("Programme"), self.programme),
                (self.tr("Status"), self.status),
                (self.tr("Method"), self.method),
                (self.tr("Phase"), self.phase),
                (self.tr("Sponsor"), self.sponsor),
                (self.tr("Project manager"), self.manager),
            ),
        )
        plan = self._group(
            self.tr("Plan and budget"),
            (
                (self.tr("Start"), self.start_date),
                (self.tr("Finish"), self.finish_date),
                (self.tr("Budget"), self.budget),
                (self.tr("% complete"), self.percent_label),
                (self.tr("Status date"), self.status_date_label),
                (self.tr("Tasks"), self.task_count_label),
            ),
        )
        self.objectives_box = QGroupBox(self.tr("Strategic alignment"))
        self.objectives_grid = QGridLayout(self.objectives_box)
        self.objectives_grid.setHorizontalSpacing(16)
        self.objectives_grid.setColumnStretch(1, 1)
        self.strategic_total = QLabel()
        self.strategic_hint = QLabel(
            self.tr(
                "Score how strongly the project serves each objective: 0 not at all, "
                "5 decisively. The weighted score uses the objectives' weights."
            )
        )
        self.strategic_hint.setWordWrap(True)
        self.strategic_hint.setEnabled(False)

        left = QVBoxLayout()
        left.addWidget(identity)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(plan)
        right.addWidget(self.objectives_box)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        content = QWidget()
        outer = QVBoxLayout(content)
        outer.setContentsMargins(12, 12, 12, 12)
        outer.addLayout(columns)
        outer.addStretch(1)
        self.setWidget(content)

    def _group(self, title: str, rows: tuple[tuple[str, QWidget], ...]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        for label, editor in rows:
            form.addRow(label, editor)
        return box

    def set_read_only(self, read_only: bool) -> None:
        for name in ("code", "name", "phase", "sponsor", "manager"):
            getattr(self, name).setReadOnly(read_only)
        for box in (self.programme, self.status, self.method):
            box.setEnabled(not read_only)
        self.start_date.set_read_only(read_only)
        self.finish_date.set_read_only(read_only)
        self.budget.setReadOnly(read_only)
        for score in self._scores.values():
            score.setReadOnly(read_only)

    def set_detail(self, detail: ProjectDetail) -> None:
        """Show a snapshot; a field the user is typing in keeps what they typed."""
        self._detail = detail
        properties = detail.properties
        self.programme.blockSignals(True)
        self.programme.clear()
        self.programme.addItem(self.tr("(no programme)"), None)
        for choice in detail.programmes:
            self.programme.addItem(f"{choice.code} — {choice.name}", choice.id)
        self.programme.blockSignals(False)
        self.budget.set_currency(properties.currency)
        for field_name, (editor, _label) in self._editors.items():
            if editor.hasFocus() and editor.is_dirty():
                continue
            editor.show_value(getattr(properties, field_name))
        self.percent_label.setText(format_percent(properties.percent_complete))
        self.status_date_label.setText(format_date(properties.status_date) or "—")
        self.task_count_label.setText(self.locale().toString(detail.task_count))
        self._set_objectives(detail.objectives)

    def _set_objectives(self, objectives: tuple[ObjectiveScore, ...]) -> None:
        wanted = [objective.objective_id for objective in objectives]
        if wanted != list(self._scores):
            while self.objectives_grid.count():
                item = self.objectives_grid.takeAt(0)
                if item.widget() is not None:
                    item.widget().deleteLater()
            self._scores.clear()
            self._score_labels.clear()
            self._weight_labels.clear()
            self.objectives_grid.addWidget(self.strategic_hint, 0, 0, 1, 3)
            for row, objective in enumerate(objectives, start=1):
                label = QLabel()
                label.setWordWrap(True)
                weight = QLabel()
                weight.setEnabled(False)
                score = ScoreBox()
                score.setAccessibleName(objective.name)
                score.committed.connect(
                    lambda value, objective_id=objective.objective_id: self.score_edited.emit(
                        objective_id, value
                    )
                )
                self.objectives_grid.addWidget(label, row, 0, 1, 2)
                self.objectives_grid.addWidget(weight, row, 2)
                self.objectives_grid.addWidget(score, row, 3)
                self._scores[objective.objective_id] = score
                self._score_labels[objective.objective_id] = label
                self._weight_labels[objective.objective_id] = weight
            total_row = len(objectives) + 1
            self.objectives_grid.addWidget(self.strategic_total, total_row, 0, 1, 4)
            if not objectives:
                self.strategic_hint.setText(
                    self.tr("The portfolio has no strategic objectives yet.")
                )
        for objective in objectives:
            label = self._score_labels[objective.objective_id]
            label.setText(f"<b>{objective.code}</b> {objective.name}")
            self._weight_labels[objective.objective_id].setText(
                self.tr("weight {weight}").format(weight=self.locale().toString(objective.weight))
            )
            score = self._scores[objective.objective_id]
            if not (score.hasFocus() and score.is_dirty()):
                score.show_value(objective.score)
        detail = self._detail
        value = detail.strategic_score if detail is not None else None
        self.strategic_total.setText(
            self.tr("Weighted strategic score: <b>{score}</b> / 5").format(
                score=self.locale().toString(value, "f", 1)
            )
            if value is not None
            else ""
        )

    def score_box(self, objective_id: int) -> ScoreBox:
        return self._scores[objective_id]
