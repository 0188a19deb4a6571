"""The editor panel of the selected risk: every field, a live score, Save and Revert.

The panel never writes: `changes()` is what differs from the risk shown, and `save_requested`
asks the view to turn it into a command (`services.risk_register.edit_risk`).
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.models import ActionStatus, RiskLevel, RiskResponse, RiskStatus
from pmo_desktop.services.risk_register import IMPACT_FIELDS, SCALE, RiskRow
from pmo_desktop.services.risks import AssessmentRow, LinkedTask
from pmo_desktop.ui.formatting import format_date
from pmo_desktop.ui.risks.panels import HistoryTable, LinkedTasksPanel
from pmo_desktop.ui.risks.table import (
    OVERDUE_COLOUR,
    action_status_label,
    response_label,
    status_label,
    zone_fill,
)

#: A date editor at its minimum shows "—": no date.
_NO_DATE = QDate(1900, 1, 1)


def _date_edit() -> QDateEdit:
    editor = QDateEdit()
    editor.setCalendarPopup(True)
    editor.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))
    editor.setMinimumDate(_NO_DATE)
    editor.setSpecialValueText("—")
    editor.setDate(_NO_DATE)
    return editor


def _date_of(editor: QDateEdit) -> date | None:
    value = editor.date()
    return None if value == _NO_DATE else date(value.year(), value.month(), value.day())


def _set_date(editor: QDateEdit, value: date | None) -> None:
    editor.setDate(_NO_DATE if value is None else QDate(value.year, value.month, value.day))


def _rating(optional: bool = False) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0 if optional else 1, SCALE)
    if optional:
        spin.setSpecialValueText("—")
    return spin


def _text_box(lines: int = 2) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


class RiskEditor(QScrollArea):
    """The form of one risk; empty and disabled without a selection."""

    save_requested = Signal()
    #: Add an action: description, owner, due date (a `date` or None).
    add_action_requested = Signal(str, str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row: RiskRow | None = None
        #: The date an open action is late after (the view sets the workspace's as-of date).
        self.as_of = date.today()
        self._loading = False
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        self.heading = QLabel(self.tr("Select a risk to see and edit it."))
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.title_edit = QLineEdit()
        self.cause_edit = _text_box()
        self.effect_edit = _text_box()
        self.category_edit = QLineEdit()
        self.owner_edit = QLineEdit()
        self.probability_spin = _rating()
        self.impact_spins = {name: _rating() for name in IMPACT_FIELDS}
        self.score_label = QLabel()
        self.score_label.setMinimumWidth(40)
        self.score_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.response_combo = QComboBox()
        for response in RiskResponse:
            self.response_combo.addItem(response_label(response), response)
        self.plan_edit = _text_box()
        self.proximity_edit = _date_edit()
        self.residual_probability_spin = _rating(optional=True)
        self.residual_impact_spin = _rating(optional=True)
        self.residual_label = QLabel()
        self.residual_label.setMinimumWidth(40)
        self.residual_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status_combo = QComboBox()
        for status in RiskStatus:
            self.status_combo.addItem(status_label(status), status)
        self.review_edit = _date_edit()
        self.actions_label = QLabel()
        self.actions_label.setWordWrap(True)
        self.actions_label.setTextFormat(Qt.TextFormat.RichText)
        self.action_edit = QLineEdit()
        self.action_edit.setPlaceholderText(self.tr("New action"))
        self.action_owner_edit = QLineEdit()
        self.action_owner_edit.setPlaceholderText(self.tr("Owner"))
        self.action_due_edit = _date_edit()
        self.add_action_button = QPushButton(self.tr("&Add action"))
        self.add_action_button.clicked.connect(self._on_add_action)
        self.action_edit.returnPressed.connect(self._on_add_action)
        self.escalation_label = QLabel()
        self.escalation_label.setWordWrap(True)
        self.escalation_label.setTextFormat(Qt.TextFormat.PlainText)
        self.links_panel = LinkedTasksPanel()
        self.history_table = HistoryTable()
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setDefault(True)
        self.revert_button = QPushButton(self.tr("Re&vert"))
        self.save_button.clicked.connect(self.save_requested)
        self.revert_button.clicked.connect(lambda: self.set_row(self.row))

        impacts = QHBoxLayout()
        impact_labels = (
            self.tr("Schedule"), self.tr("Cost"), self.tr("Scope"), self.tr("Quality")
        )  # fmt: skip
        for label, name in zip(impact_labels, IMPACT_FIELDS, strict=True):
            impacts.addWidget(QLabel(label))
            impacts.addWidget(self.impact_spins[name])
        impacts.addStretch(1)
        rating = QHBoxLayout()
        rating.addWidget(self.probability_spin)
        rating.addWidget(QLabel(self.tr("Score")))
        rating.addWidget(self.score_label)
        rating.addStretch(1)
        residual = QHBoxLayout()
        residual.addWidget(QLabel(self.tr("Probability")))
        residual.addWidget(self.residual_probability_spin)
        residual.addWidget(QLabel(self.tr("Impact")))
        residual.addWidget(self.residual_impact_spin)
        residual.addWidget(QLabel(self.tr("Score")))
        residual.addWidget(self.residual_label)
        residual.addStretch(1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Cause"), self.cause_edit)
        form.addRow(self.tr("Effect"), self.effect_edit)
        form.addRow(self.tr("Category"), self.category_edit)
        form.addRow(self.tr("Owner"), self.owner_edit)
        form.addRow(self.tr("Probability"), rating)
        form.addRow(self.tr("Impact"), impacts)
        form.addRow(self.tr("Proximity"), self.proximity_edit)
        form.addRow(self.tr("Response"), self.response_combo)
        form.addRow(self.tr("Response plan"), self.plan_edit)
        form.addRow(self.tr("Residual"), residual)
        form.addRow(self.tr("Status"), self.status_combo)
        form.addRow(self.tr("Review date"), self.review_edit)
        new_action = QHBoxLayout()
        new_action.addWidget(self.action_edit, 3)
        new_action.addWidget(self.action_owner_edit, 2)
        new_action.addWidget(self.action_due_edit)
        new_action.addWidget(self.add_action_button)
        form.addRow(self.tr("Actions"), self.actions_label)
        form.addRow("", new_action)
        form.addRow(self.tr("Escalation"), self.escalation_label)
        form.addRow(self.tr("Linked tasks"), self.links_panel)
        form.addRow(self.tr("History"), self.history_table)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.revert_button)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addStretch(1)
        self.setWidget(body)
        self.form = body

        for line in (self.title_edit, self.category_edit, self.owner_edit):
            line.textChanged.connect(self._on_edited)
        for box in (self.cause_edit, self.effect_edit, self.plan_edit):
            box.textChanged.connect(self._on_edited)
        for spin in (
            self.probability_spin, *self.impact_spins.values(),
            self.residual_probability_spin, self.residual_impact_spin,
        ):  # fmt: skip
            spin.valueChanged.connect(self._on_edited)
        for combo in (self.response_combo, self.status_combo):
            combo.currentIndexChanged.connect(self._on_edited)
        for editor in (self.proximity_edit, self.review_edit):
            editor.dateChanged.connect(self._on_edited)
        self.set_row(None)

    def set_row(self, row: RiskRow | None) -> None:
        """Show `row` (None: nothing selected), dropping unsaved edits."""
        self.row = row
        self._loading = True
        try:
            if row is None:
                self.heading.setText(self.tr("Select a risk to see and edit it."))
            else:
                project = row.project_code or self.tr("portfolio level")
                self.heading.setText(f"{row.code} · {project}")
            self.title_edit.setText(row.title if row else "")
            self.cause_edit.setPlainText(row.cause if row else "")
            self.effect_edit.setPlainText(row.effect if row else "")
            self.category_edit.setText(row.category if row else "")
            self.owner_edit.setText(row.owner if row else "")
            self.probability_spin.setValue(row.probability if row else 1)
            for name, spin in self.impact_spins.items():
                spin.setValue(getattr(row, name) if row else 1)
            self.response_combo.setCurrentIndex(
                self.response_combo.findData(row.response if row else RiskResponse.REDUCE)
            )
            self.plan_edit.setPlainText(row.response_plan if row else "")
            _set_date(self.proximity_edit, row.proximity if row else None)
            self.residual_probability_spin.setValue((row.residual_probability or 0) if row else 0)
            self.residual_impact_spin.setValue((row.residual_impact or 0) if row else 0)
            self.status_combo.setCurrentIndex(
                self.status_combo.findData(row.status if row else RiskStatus.OPEN)
            )
            _set_date(self.review_edit, row.review_date if row else None)
            self.actions_label.setText(self._actions_text(row))
            self.escalation_label.setText(self._escalation_text(row))
            if row is None:
                self.set_details((), (), can_link=False)
        finally:
            self._loading = False
        for widget in self.form.findChildren(QWidget):
            if widget is not self.heading:
                widget.setEnabled(row is not None)
        self._on_edited()

    def set_details(
        self,
        history: tuple[AssessmentRow, ...] | list[AssessmentRow],
        links: tuple[LinkedTask, ...] | list[LinkedTask],
        *,
        can_link: bool = True,
        note: str = "",
    ) -> None:
        """The risk's score history (newest first), linked tasks and escalation note."""
        if note and self.row is not None and self.row.level is not RiskLevel.PROJECT:
            self.escalation_label.setText(f"{self._escalation_text(self.row)}: {note}")
        self.history_table.set_rows(history)
        self.links_panel.set_links(links, can_link=can_link)

    def _escalation_text(self, row: RiskRow | None) -> str:
        if row is None:
            return ""
        if row.level is RiskLevel.PROJECT:
            return self.tr("Managed by its project")
        if row.level is RiskLevel.PROGRAMME:
            text = self.tr("Escalated to its programme on {date}")
        else:
            text = self.tr("Escalated to the portfolio on {date}")
        return text.format(date=format_date(row.escalated_on))

    def _actions_text(self, row: RiskRow | None) -> str:
        """The risk's actions, one a line; an open action past its due date in red."""
        if row is None:
            return ""
        if not row.actions:
            return f"<i>{html.escape(self.tr('No action yet'))}</i>"
        lines = []
        for action in row.actions:
            due = action.due_date
            late = action.status is ActionStatus.OPEN and due is not None and due < self.as_of
            parts = (
                action.owner,
                format_date(due) if due else "",
                action_status_label(action.status),
            )
            details = ", ".join(part for part in parts if part)
            line = f"{html.escape(action.description)} <span style='color:#616161'>"
            line += f"({html.escape(details)})</span>"
            if action.status is not ActionStatus.OPEN:
                line = f"<s>{line}</s>"
            if late:
                line = f"<span style='color:{OVERDUE_COLOUR.name()}'>{line}</span>"
            lines.append(f"• {line}")
        return "<br>".join(lines)

    def clear_new_action(self) -> None:
        self.action_edit.clear()
        self.action_owner_edit.clear()
        _set_date(self.action_due_edit, None)

    def _on_add_action(self) -> None:
        if self.row is not None and self.action_edit.text().strip():
            self.add_action_requested.emit(
                self.action_edit.text(),
                self.action_owner_edit.text(),
                _date_of(self.action_due_edit),
            )

    def values(self) -> dict[str, Any]:
        """Every field as the form shows it (column name → value)."""
        residual_p = self.residual_probability_spin.value()
        residual_i = self.residual_impact_spin.value()
        return {
            "title": self.title_edit.text(),
            "cause": self.cause_edit.toPlainText(),
            "effect": self.effect_edit.toPlainText(),
            "category": self.category_edit.text(),
            "owner": self.owner_edit.text(),
            "probability": self.probability_spin.value(),
            **{name: spin.value() for name, spin in self.impact_spins.items()},
            "response": self.response_combo.currentData(),
            "response_plan": self.plan_edit.toPlainText(),
            "proximity": _date_of(self.proximity_edit),
            "residual_probability": residual_p or None,
            "residual_impact": residual_i or None,
            "status": self.status_combo.currentData(),
            "review_date": _date_of(self.review_edit),
        }

    def changes(self) -> dict[str, Any]:
        """The fields that differ from the risk shown (text compared without outer blanks)."""
        if self.row is None:
            return {}
        found: dict[str, Any] = {}
        for name, value in self.values().items():
            current = getattr(self.row, name)
            if isinstance(value, str) and value.strip() == (current or "").strip():
                continue
            if value != current:
                found[name] = value
        return found

    def set_field(self, name: str, value: Any) -> None:
        """Put `value` in the editor of column `name` (as the user would)."""
        widgets: dict[str, Any] = {
            "title": self.title_edit, "category": self.category_edit, "owner": self.owner_edit,
            "cause": self.cause_edit, "effect": self.effect_edit, "response_plan": self.plan_edit,
            "probability": self.probability_spin, **self.impact_spins,
            "residual_probability": self.residual_probability_spin,
            "residual_impact": self.residual_impact_spin,
            "response": self.response_combo, "status": self.status_combo,
            "proximity": self.proximity_edit, "review_date": self.review_edit,
        }  # fmt: skip
        widget = widgets[name]
        if isinstance(widget, QLineEdit):
            widget.setText(value)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        elif isinstance(widget, QSpinBox):
            widget.setValue(value or 0)
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(widget.findData(value))
        else:
            _set_date(widget, value)

    def _on_edited(self, *_args: object) -> None:
        if self._loading:
            return
        values = self.values()
        impact = max(values[name] for name in IMPACT_FIELDS)
        self._show_score(self.score_label, values["probability"], impact)
        if values["residual_probability"] and values["residual_impact"]:
            self._show_score(
                self.residual_label, values["residual_probability"], values["residual_impact"]
            )
        else:
            self.residual_label.setText("—")
            self.residual_label.setStyleSheet("")
        dirty = bool(self.changes())
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    @staticmethod
    def _show_score(label: QLabel, probability: int, impact: int) -> None:
        label.setText(str(probability * impact))
        fill = zone_fill(probability, impact, 0.6).name()
        label.setStyleSheet(
            f"background: {fill}; color: #1F1F1F; font-weight: bold; border-radius: 3px;"
            " padding: 1px 6px;"
        )
