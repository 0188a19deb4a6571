"""File ▸ New project from template…: pick a method template, name the project, see what it
will contain and the lessons of earlier projects, then create it as one undoable command.

Tests fill the widgets and call `command()` without running the dialog.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from pmo_desktop.errors import PmoError, ValidationError
from pmo_desktop.models import Programme, Project
from pmo_desktop.services.template_lessons import template_words
from pmo_desktop.services.template_projects import CreateProjectFromTemplate, NewProject
from pmo_desktop.services.template_schema import Definition
from pmo_desktop.services.templates import LANGUAGES, TemplateInfo, list_templates
from pmo_desktop.ui.governance.lessons_panel import LessonsPanel
from pmo_desktop.ui.workspace import Workspace


def ui_language() -> str:
    """The template language that matches the user's locale (English otherwise)."""
    name = QLocale().name()[:2]
    return name if name in LANGUAGES else "en"


class NewProjectDialog(QDialog):
    """Create a project from a template; `created_project_id` holds the new id after OK."""

    def __init__(
        self,
        workspace: Workspace,
        portfolio_id: int,
        parent: QWidget | None = None,
        *,
        manager: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New Project from Template"))
        self.workspace = workspace
        self.portfolio_id = portfolio_id
        self.created_project_id: int | None = None
        self._templates: list[TemplateInfo] = []

        self.language = QComboBox()
        self.language.addItem(self.tr("English"), "en")
        self.language.addItem(self.tr("French"), "fr")
        self.language.setCurrentIndex(max(0, self.language.findData(ui_language())))
        self.template = QComboBox()
        self.code = QLineEdit()
        self.code.setMaxLength(40)
        self.code.setPlaceholderText(self.tr("e.g. CRM-2027"))
        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.programme = QComboBox()
        self.manager = QLineEdit(manager)
        self.start = QDateEdit(QDate.currentDate())
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()

        form = QFormLayout()
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow(self.tr("&Template:"), self.template)
        form.addRow(self.tr("&Code:"), self.code)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Programme:"), self.programme)
        form.addRow(self.tr("&Manager:"), self.manager)
        form.addRow(self.tr("&Start date:"), self.start)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(form)
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        left_layout.addWidget(self.preview, 1)
        self.lessons = LessonsPanel(workspace)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.lessons)
        splitter.setSizes([460, 480])

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("C&reate"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.resize(980, 620)

        self._load_programmes()
        self.language.currentIndexChanged.connect(self._load_templates)
        self.template.currentIndexChanged.connect(self._template_changed)
        self._load_templates()

    def _load_programmes(self) -> None:
        with self.workspace.database.session() as session:
            rows = session.execute(
                select(Programme.id, Programme.code, Programme.name)
                .where(Programme.portfolio_id == self.portfolio_id)
                .order_by(Programme.code)
            ).all()
        self.programme.addItem(self.tr("(none: standalone project)"), None)
        for programme_id, code, name in rows:
            self.programme.addItem(f"{code} — {name}", programme_id)

    def _load_templates(self) -> None:
        language = str(self.language.currentData())
        self._templates = list_templates(self.workspace.database, self.portfolio_id, language)
        self.template.blockSignals(True)
        self.template.clear()
        for info in self._templates:
            self.template.addItem(info.name, info.code)
        self.template.blockSignals(False)
        self._template_changed()

    def selected_template(self) -> TemplateInfo | None:
        index = self.template.currentIndex()
        return self._templates[index] if 0 <= index < len(self._templates) else None

    def _template_changed(self) -> None:
        info = self.selected_template()
        if info is None:
            self.preview.setHtml(self.tr("<p>No template in this language.</p>"))
            return
        try:
            definition = info.parsed()
        except PmoError as exc:
            self.preview.setHtml(f"<p style='color:#b00020'>{html.escape(str(exc))}</p>")
            return
        self.preview.setHtml(self._describe(info, definition))
        words = template_words(definition)
        self.lessons.search(self.portfolio_id, method=info.method.value, words=words)

    def _describe(self, info: TemplateInfo, definition: Definition) -> str:
        tasks = sum(1 for item in definition.tasks() if not item.children)
        parts = [
            f"<p>{html.escape(info.description)}</p>",
            "<p><b>" + html.escape(self.tr("Stages and gates")) + "</b></p><ol>",
        ]
        for stage in definition.stages:
            gate = ""
            if stage.gate is not None:
                required = sum(1 for criterion in stage.gate.criteria if criterion.required)
                gate = f" → <i>{html.escape(stage.gate.name)}</i> " + html.escape(
                    self.tr("({count} required criteria)").format(count=required)
                )
            parts.append(f"<li>{html.escape(stage.name)}{gate}</li>")
        parts.append("</ol>")
        counts = self.tr(
            "{tasks} tasks, {milestones} milestones, {risks} standard risks, {raci} RACI rows"
        ).format(
            tasks=tasks,
            milestones=len(definition.milestones),
            risks=len(definition.risks),
            raci=len(definition.raci),
        )
        parts.append(f"<p>{html.escape(counts)}</p>")
        if definition.iterations is not None:
            cadence = self.tr("{count} iterations of {days} working days, {ceremonies} ceremonies")
            parts.append(
                "<p>"
                + html.escape(
                    cadence.format(
                        count=definition.iterations.count,
                        days=f"{definition.iterations.length_days:g}",
                        ceremonies=len(definition.ceremonies),
                    )
                )
                + "</p>"
            )
        if definition.raci:
            head = [self.tr("Activity"), "R", "A", "C", "I"]
            parts.append(
                "<p><b>" + html.escape(self.tr("RACI")) + "</b></p>"
                "<table border='1' cellspacing='0' cellpadding='3' style='border-color:#bbb'><tr>"
                + "".join(f"<th align='left'>{html.escape(cell)}</th>" for cell in head)
                + "</tr>"
            )
            for row in definition.raci:
                cells = [
                    row.activity,
                    row.responsible,
                    row.accountable,
                    ", ".join(row.consulted),
                    ", ".join(row.informed),
                ]
                parts.append(
                    "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>"
                )
            parts.append("</table>")
        return "".join(parts)

    def request(self) -> NewProject:
        day = self.start.date()
        return NewProject(
            code=self.code.text().strip(),
            name=self.name.text().strip(),
            start_date=date(day.year(), day.month(), day.day()),
            programme_id=self.programme.currentData(),
            manager=self.manager.text().strip(),
        )

    def command(self) -> CreateProjectFromTemplate:
        """The command for what the form says; ValidationError names what is missing."""
        info = self.selected_template()
        if info is None:
            raise ValidationError(self.tr("Choose a template."))
        request = self.request()
        if not request.code or not request.name:
            raise ValidationError(self.tr("Give the project a code and a name."))
        with self.workspace.database.session() as session:
            taken = session.scalar(
                select(Project.id).where(
                    Project.portfolio_id == self.portfolio_id, Project.code == request.code
                )
            )
        if taken is not None:
            raise ValidationError(
                self.tr("The code {code} is already used by another project.").format(
                    code=request.code
                )
            )
        text = self.tr("New project {code} from template").format(code=request.code)
        return CreateProjectFromTemplate(self.portfolio_id, info, request, text)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def cancel_loading(self) -> None:
        self.lessons.cancel()

    def accept(self) -> None:
        try:
            command = self.command()
        except PmoError as exc:
            self.show_error(str(exc))
            return
        if self.workspace.execute(command):
            self.created_project_id = command.project_id
            super().accept()
