"""Project ▸ Gate review…: the criteria checklist, evidence, decision and conditions of a
stage gate, checked live against the portfolio's PMO mode; OK records it as one undo step.

Tests fill the widgets and call `command()` without running the dialog.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.errors import PmoError
from pmo_desktop.models import GateDecision, PmoMode
from pmo_desktop.services.gates import (
    GateBlockedError,
    GateOutcome,
    GateReviewCommand,
    GateRow,
    ProjectGates,
    check_decision,
    project_gates,
    record_gate_review,
)
from pmo_desktop.ui.governance.lesson_capture import LessonCaptureDialog
from pmo_desktop.ui.governance.lessons_panel import LessonsPanel
from pmo_desktop.ui.workspace import Workspace

_RED, _AMBER, _GREEN = "#b00020", "#8a5a00", "#1b6e20"


def _table(model: QStandardItemModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setWordWrap(True)
    view.horizontalHeader().setStretchLastSection(False)
    return view


def _item(text: str, *, editable: bool = True) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(editable)
    return item


def _check(checked: bool, *, enabled: bool = True) -> QStandardItem:
    item = QStandardItem()
    item.setCheckable(True)
    item.setEditable(False)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    item.setEnabled(enabled)
    return item


def _checked(item: QStandardItem | None) -> bool:
    return item is not None and item.checkState() == Qt.CheckState.Checked


class GateReviewDialog(QDialog):
    """Review one gate of a project; `result_command` is the command pushed after OK."""

    def __init__(
        self,
        workspace: Workspace,
        project_id: int,
        parent: QWidget | None = None,
        *,
        decider_is_pmo_admin: bool = False,
        user_name: str = "",
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.decider_is_pmo_admin = decider_is_pmo_admin
        self.user_name = user_name
        self.project: ProjectGates = project_gates(workspace.database, project_id)
        self.result_command: GateReviewCommand | None = None
        self.setWindowTitle(self.tr("Gate Review — {project}").format(project=self.project.code))

        self.header = QLabel()
        self.header.setWordWrap(True)
        self.gate = QComboBox()
        for gate in self.project.gates:
            self.gate.addItem(self._gate_label(gate), gate.id)

        self.criteria = QStandardItemModel(0, 3, self)
        self.criteria.setHorizontalHeaderLabels(
            [self.tr("Met"), self.tr("Criterion"), self.tr("Required")]
        )
        self.criteria_view = _table(self.criteria)
        self.evidence = QStandardItemModel(0, 3, self)
        self.evidence.setHorizontalHeaderLabels(
            [self.tr("Document or evidence"), self.tr("Link"), self.tr("Required")]
        )
        self.evidence_view = _table(self.evidence)
        self.conditions = QStandardItemModel(0, 4, self)
        self.conditions.setHorizontalHeaderLabels(
            [self.tr("Condition"), self.tr("Owner"), self.tr("Due (YYYY-MM-DD)"), self.tr("Done")]
        )
        self.conditions_view = _table(self.conditions)
        for view, widths in (
            (self.criteria_view, (44, 0, 72)),
            (self.evidence_view, (0, 200, 72)),
            (self.conditions_view, (0, 130, 120, 52)),
        ):
            header = view.horizontalHeader()
            for column, width in enumerate(widths):
                if width:
                    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                    view.setColumnWidth(column, width)
                else:
                    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

        self.decision = QComboBox()
        for decision, label in self._decision_labels().items():
            self.decision.addItem(label, decision.value)
        self.review_date = QDateEdit(QDate.currentDate())
        self.review_date.setCalendarPopup(True)
        self.review_date.setDisplayFormat("yyyy-MM-dd")
        self.decided_by = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.lessons = LessonsPanel(workspace)

        add_criterion = QPushButton(self.tr("Add &criterion"))
        add_criterion.clicked.connect(lambda: self._add_criterion("", required=False))
        add_evidence = QPushButton(self.tr("Add &evidence"))
        add_evidence.clicked.connect(lambda: self._add_evidence({"title": "", "link": ""}))
        add_condition = QPushButton(self.tr("Add con&dition"))
        add_condition.clicked.connect(self._new_condition)
        remove_condition = QPushButton(self.tr("&Remove condition"))
        remove_condition.clicked.connect(self._remove_condition)

        checklist = QGroupBox(self.tr("Criteria checklist"))
        checklist_layout = QVBoxLayout(checklist)
        checklist_layout.addWidget(self.criteria_view)
        checklist_layout.addWidget(add_criterion, 0, Qt.AlignmentFlag.AlignLeft)
        evidence = QGroupBox(self.tr("Evidence"))
        evidence_layout = QVBoxLayout(evidence)
        evidence_layout.addWidget(self.evidence_view)
        evidence_layout.addWidget(add_evidence, 0, Qt.AlignmentFlag.AlignLeft)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(checklist, 3)
        left_layout.addWidget(evidence, 2)

        decision_box = QGroupBox(self.tr("Decision"))
        form = QFormLayout(decision_box)
        form.addRow(self.tr("&Decision:"), self.decision)
        form.addRow(self.tr("Review &date:"), self.review_date)
        form.addRow(self.tr("Decided &by:"), self.decided_by)
        conditions_box = QGroupBox(self.tr("Conditions"))
        conditions_layout = QVBoxLayout(conditions_box)
        conditions_layout.addWidget(self.conditions_view)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(add_condition)
        buttons_row.addWidget(remove_condition)
        buttons_row.addStretch(1)
        conditions_layout.addLayout(buttons_row)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(decision_box)
        right_layout.addWidget(conditions_box, 2)
        right_layout.addWidget(QLabel(self.tr("Notes:")))
        right_layout.addWidget(self.notes, 1)
        right_layout.addWidget(self.lessons, 2)
        self.record_lesson_button = QPushButton(self.tr("Record a &Lesson…"))
        self.record_lesson_button.setToolTip(
            self.tr("Capture a lesson learned at this gate, tagged with its phase and method")
        )
        self.record_lesson_button.clicked.connect(self.record_lesson)
        right_layout.addWidget(self.record_lesson_button, 0, Qt.AlignmentFlag.AlignLeft)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([560, 520])
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Record"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("&Gate:")))
        top.itemAt(0).widget().setBuddy(self.gate)  # type: ignore[attr-defined]
        top.addWidget(self.gate, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(1100, 720)

        for model in (self.criteria, self.evidence, self.conditions):
            model.dataChanged.connect(self._update_status)
            model.rowsInserted.connect(self._update_status)
            model.rowsRemoved.connect(self._update_status)
        self.decision.currentIndexChanged.connect(self._update_status)
        self.decided_by.textChanged.connect(self._update_status)
        self.gate.currentIndexChanged.connect(self._show_gate)
        current = self.project.current() or (self.project.gates[-1] if self.project.gates else None)
        if current is not None:
            self.gate.setCurrentIndex(self.gate.findData(current.id))
        self._show_header()
        self._show_gate()

    # Labels.

    def _decision_labels(self) -> dict[GateDecision, str]:
        return {
            GateDecision.PENDING: self.tr("Pending (record the checklist only)"),
            GateDecision.GO: self.tr("Go"),
            GateDecision.GO_WITH_CONDITIONS: self.tr("Go with conditions"),
            GateDecision.HOLD: self.tr("Hold"),
            GateDecision.STOP: self.tr("Stop"),
        }

    def _gate_label(self, gate: GateRow) -> str:
        planned = gate.planned_date.isoformat() if gate.planned_date else "—"
        decision = self._decision_labels()[gate.decision].split(" (")[0]
        return self.tr("{sequence}. {name} — planned {planned} — {decision}").format(
            sequence=gate.sequence, name=gate.name, planned=planned, decision=decision
        )

    def _mode_rule(self) -> str:
        return {
            PmoMode.SUPPORTIVE: self.tr(
                "Supportive PMO: a gate may pass with open required items (flagged)."
            ),
            PmoMode.CONTROLLING: self.tr(
                "Controlling PMO: with open required items, only 'Go with conditions' passes."
            ),
            PmoMode.DIRECTIVE: self.tr(
                "Directive PMO: every required item must be met, and a PMO administrator decides."
            ),
        }[self.project.pmo_mode]

    def _show_header(self) -> None:
        project = self.project
        self.header.setText(
            "<b>{code} — {name}</b><br>{phase}<br><i>{rule}</i>".format(
                code=html.escape(project.code),
                name=html.escape(project.name),
                phase=html.escape(
                    self.tr("Current phase: {phase}").format(phase=project.phase or "—")
                ),
                rule=html.escape(self._mode_rule()),
            )
        )

    # Gate content.

    def current_gate(self) -> GateRow | None:
        gate_id = self.gate.currentData()
        return None if gate_id is None else self.project.gate(int(gate_id))

    def _show_gate(self) -> None:
        gate = self.current_gate()
        for model in (self.criteria, self.evidence, self.conditions):
            model.removeRows(0, model.rowCount())
        if gate is None:
            self.status.setText(self.tr("This project has no stage gates."))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return
        for criterion in gate.criteria:
            self._add_criterion(
                str(criterion.get("text", "")),
                bool(criterion.get("required")),
                bool(criterion.get("met")),
            )
        for entry in gate.evidence:
            self._add_evidence(entry)
        for condition in gate.conditions:
            self._add_condition(condition)
        self.decision.setCurrentIndex(self.decision.findData(gate.decision.value))
        day = gate.review_date or date.today()
        self.review_date.setDate(QDate(day.year, day.month, day.day))
        self.decided_by.setText(gate.decided_by or self.user_name)
        self.notes.setPlainText(gate.notes)
        self._show_lessons()
        self._update_status()

    def _show_lessons(self) -> None:
        gate = self.current_gate()
        if gate is None:
            return
        words = [str(c.get("text", "")) for c in gate.criteria] + [gate.name]
        self.lessons.search(
            self.project.portfolio_id,
            method=self.project.method.value,
            phase=self.project.phase,
            words=words,
        )

    def _add_criterion(self, text: str, required: bool, met: bool = False) -> None:
        self.criteria.appendRow(
            [_check(met), _item(text, editable=not text), _check(required, enabled=not text)]
        )

    def _add_evidence(self, entry: dict[str, Any]) -> None:
        title = str(entry.get("title", ""))
        required = bool(entry.get("required"))
        self.evidence.appendRow(
            [
                _item(title, editable=not required),
                _item(str(entry.get("link", ""))),
                _check(required, enabled=False),
            ]
        )

    def _add_condition(self, condition: dict[str, Any]) -> None:
        self.conditions.appendRow(
            [
                _item(str(condition.get("text", ""))),
                _item(str(condition.get("owner", ""))),
                _item(str(condition.get("due", ""))),
                _check(bool(condition.get("done"))),
            ]
        )

    def _new_condition(self) -> None:
        self._add_condition({})
        row = self.conditions.rowCount() - 1
        self.conditions_view.setCurrentIndex(self.conditions.index(row, 0))
        self.conditions_view.edit(self.conditions.index(row, 0))

    def _remove_condition(self) -> None:
        row = self.conditions_view.currentIndex().row()
        if row >= 0:
            self.conditions.removeRow(row)

    # What the form says.

    def outcome(self) -> GateOutcome:
        criteria = []
        for row in range(self.criteria.rowCount()):
            text = self.criteria.item(row, 1).text().strip()
            if text:
                criteria.append(
                    {
                        "text": text,
                        "required": _checked(self.criteria.item(row, 2)),
                        "met": _checked(self.criteria.item(row, 0)),
                    }
                )
        evidence = []
        for row in range(self.evidence.rowCount()):
            title = self.evidence.item(row, 0).text().strip()
            link = self.evidence.item(row, 1).text().strip()
            if title or link:
                evidence.append(
                    {"title": title, "link": link, "required": _checked(self.evidence.item(row, 2))}
                )
        conditions = [
            {
                "text": self.conditions.item(row, 0).text(),
                "owner": self.conditions.item(row, 1).text(),
                "due": self.conditions.item(row, 2).text().strip(),
                "done": _checked(self.conditions.item(row, 3)),
            }
            for row in range(self.conditions.rowCount())
        ]
        day = self.review_date.date()
        return GateOutcome(
            decision=GateDecision(self.decision.currentData()),
            review_date=date(day.year(), day.month(), day.day()),
            decided_by=self.decided_by.text(),
            criteria=criteria,
            evidence=evidence,
            conditions=conditions,
            notes=self.notes.toPlainText(),
        )

    def _update_status(self) -> None:
        try:
            _conditions, warnings = check_decision(
                self.project.pmo_mode,
                self.outcome(),
                decider_is_pmo_admin=self.decider_is_pmo_admin,
            )
        except GateBlockedError as exc:
            self._set_status(_RED, self.tr("Blocked: {reason}").format(reason=exc))
        except PmoError as exc:
            self._set_status(_AMBER, str(exc))
        else:
            if warnings:
                self._set_status(_AMBER, self.tr("Warning: {reason}").format(reason=warnings[0]))
            else:
                self._set_status(_GREEN, self.tr("Ready to record."))

    def _set_status(self, colour: str, text: str) -> None:
        self.status.setStyleSheet(f"color: {colour}")
        self.status.setText(text)

    def command(self) -> GateReviewCommand:
        gate = self.current_gate()
        if gate is None:
            raise PmoError(self.tr("This project has no stage gates."))
        return record_gate_review(
            self.project, gate.id, self.outcome(), decider_is_pmo_admin=self.decider_is_pmo_admin
        )

    def cancel_loading(self) -> None:
        self.lessons.cancel()

    def lesson_dialog(self) -> LessonCaptureDialog | None:
        """The capture dialog for the gate shown (None without a gate); tests fill it."""
        gate = self.current_gate()
        if gate is None:
            return None
        return LessonCaptureDialog(
            self.workspace,
            self.project,
            gate,
            self.outcome().review_date,
            self,
            owner=self.decided_by.text() or self.user_name,
        )

    def record_lesson(self) -> None:
        """Record a lesson (its own undo step), then show it among the matching lessons."""
        dialog = self.lesson_dialog()
        if dialog is None:
            return
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self._show_lessons()
        finally:
            dialog.deleteLater()

    def accept(self) -> None:
        try:
            command = self.command()
        except PmoError as exc:
            self._set_status(_RED, str(exc))
            return
        if self.workspace.execute(command):
            self.result_command = command
            super().accept()
