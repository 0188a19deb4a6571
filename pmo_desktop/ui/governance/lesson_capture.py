"""Gate review ▸ Record a Lesson…: a lesson learned captured at a stage gate, tagged with the
stage it closes and the project's method so later projects of that method find it.
Saved as one undo step (a new entry of the lessons log)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.errors import PmoError
from pmo_desktop.services.commands import CreateRow
from pmo_desktop.services.gates import GateRow, ProjectGates
from pmo_desktop.services.raid_logs import LogKind, new_entry
from pmo_desktop.ui.workspace import Workspace


class LessonCaptureDialog(QDialog):
    """Capture one lesson at a gate; `result_command` is the command pushed after OK."""

    def __init__(
        self,
        workspace: Workspace,
        project: ProjectGates,
        gate: GateRow,
        raised_on: date,
        parent: QWidget | None = None,
        *,
        owner: str = "",
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.project = project
        self.gate = gate
        self.raised_on = raised_on
        self.result_command: CreateRow | None = None
        self.setWindowTitle(self.tr("Record a Lesson — {gate}").format(gate=gate.name))

        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("What the next project should know, in a line"))
        self.phase = QLineEdit(project.phase or gate.name)
        self.category = QLineEdit()
        self.category.setPlaceholderText(self.tr("e.g. Planning, Suppliers, Stakeholders"))
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("Words to find it by, separated by commas"))
        self.owner = QLineEdit(owner)
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.recommendation = QPlainTextEdit()
        self.recommendation.setTabChangesFocus(True)
        method = QLabel(project.method.value.capitalize())

        form = QFormLayout()
        form.addRow(self.tr("&Lesson:"), self.title)
        form.addRow(self.tr("&Phase:"), self.phase)
        form.addRow(self.tr("Method:"), method)
        form.addRow(self.tr("&Category:"), self.category)
        form.addRow(self.tr("&Tags:"), self.tags)
        form.addRow(self.tr("&Owner:"), self.owner)
        form.addRow(self.tr("&What happened:"), self.description)
        form.addRow(self.tr("&Recommendation:"), self.recommendation)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Record"))
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.title.textChanged.connect(
            lambda text: self.ok_button.setEnabled(bool(text.strip()) and not workspace.read_only)
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(560, 480)

    def command(self) -> CreateRow:
        """The new lesson, tagged with the phase and the project's method (undoable)."""
        return new_entry(
            self.workspace.database,
            LogKind.LESSONS,
            self.project.portfolio_id,
            self.title.text(),
            project_id=self.project.project_id,
            owner=self.owner.text(),
            raised_on=self.raised_on,
            text=self.tr("Record a lesson at {gate}").format(gate=self.gate.name),
            phase=self.phase.text().strip(),
            method=self.project.method.value,
            category=self.category.text().strip(),
            tags=self.tags.text().strip(),
            description=self.description.toPlainText().strip(),
            recommendation=self.recommendation.toPlainText().strip(),
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
