"""Named pack templates in the dialog: a combo with Load, Save as… and Delete.

Templates live in the database (services.reporting); saving and deleting run in the work
pool, so a slow server never freezes the dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.errors import PmoError
from pmo_desktop.services.database import Database
from pmo_desktop.services.reporting import (
    PackRequest,
    PackTemplate,
    delete_template,
    list_templates,
    save_template,
)
from pmo_desktop.ui.reports.prompts import ReportPrompts
from pmo_desktop.ui.workers import Job, ProgressToken, WorkPool


def _save(
    token: ProgressToken, database: Database, name: str, request: PackRequest, portfolio: str
) -> tuple[PackTemplate, list[PackTemplate]]:
    saved = save_template(database, name, request)
    return saved, list_templates(database, portfolio)


def _delete(
    token: ProgressToken, database: Database, name: str, portfolio: str
) -> list[PackTemplate]:
    delete_template(database, name, portfolio)
    return list_templates(database, portfolio)


class TemplateBar(QGroupBox):
    """The portfolio's pack templates; `loaded` hands the chosen one's request over."""

    #: The user loaded a template: its `PackRequest`.
    loaded = Signal(object)
    #: The list changed (saved or deleted): a sentence saying what happened.
    changed = Signal(str)
    error = Signal(str)

    def __init__(
        self,
        database: Database,
        portfolio: str,
        pool: WorkPool,
        prompts: ReportPrompts,
        current_request: Callable[[], PackRequest],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Pack template"))
        self._database = database
        self._portfolio = portfolio
        self._pool = pool
        self._prompts = prompts
        self._current_request = current_request
        self._templates: list[PackTemplate] = []
        self._unavailable = ""
        self._busy = False
        self.job: Job | None = None

        self.combo = QComboBox()
        self.combo.setPlaceholderText(self.tr("No template saved yet"))
        self.combo.currentIndexChanged.connect(self._update_state)
        self.label = QLabel(self.tr("Te&mplate:"))
        self.label.setBuddy(self.combo)
        self.load_button = QPushButton(self.tr("&Load"))
        self.load_button.clicked.connect(self.load_selected)
        self.save_button = QPushButton(self.tr("Sa&ve as…"))
        self.save_button.clicked.connect(self.save_as)
        self.delete_button = QPushButton(self.tr("Dele&te"))
        self.delete_button.clicked.connect(self.delete_selected)
        for button in (self.load_button, self.save_button, self.delete_button):
            button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(self.label)
        row.addWidget(self.combo, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(buttons)
        self._update_state()

    def names(self) -> list[str]:
        return [template.name for template in self._templates]

    def current_name(self) -> str:
        template = self.selected()
        return template.name if template is not None else ""

    def selected(self) -> PackTemplate | None:
        index = self.combo.currentIndex()
        return self._templates[index] if 0 <= index < len(self._templates) else None

    def set_templates(
        self, templates: list[PackTemplate], current: str = "", *, unavailable: str = ""
    ) -> None:
        """List `templates`, `current` chosen; `unavailable` says why there can be none."""
        self._unavailable = unavailable
        self._templates = sorted(templates, key=lambda template: template.name.casefold())
        self.combo.blockSignals(True)
        try:
            self.combo.clear()
            self.combo.addItems(self.names())
            index = self.combo.findText(current)
            self.combo.setCurrentIndex(max(index, 0) if self._templates else -1)
        finally:
            self.combo.blockSignals(False)
        self._update_state()

    def set_busy(self, busy: bool) -> None:
        """While the pack builds, templates are not changed."""
        self._busy = busy
        self._update_state()

    def load_selected(self) -> bool:
        template = self.selected()
        if template is None:
            return False
        self.loaded.emit(template.request)
        return True

    def save_as(self) -> Job | None:
        """Ask for a name, then save the current choices under it in the background."""
        name = self._prompts.text(
            self, self.tr("Save pack template"), self.tr("Template name:"), self.current_name()
        )
        if name is None:
            return None
        name = " ".join(name.split())
        if name.casefold() in {known.casefold() for known in self.names()} and not (
            self._prompts.question(
                self,
                self.tr("Save pack template"),
                self.tr("Replace the template “{name}”?").format(name=name),
            )
        ):
            return None
        job = self._pool.submit(
            _save, self._database, name, self._current_request(), self._portfolio
        )
        job.succeeded.connect(self._on_saved)
        self._watch(job)
        return job

    def delete_selected(self) -> Job | None:
        template = self.selected()
        if template is None or not self._prompts.question(
            self,
            self.tr("Delete pack template"),
            self.tr("Delete the template “{name}”?").format(name=template.name),
        ):
            return None
        job = self._pool.submit(_delete, self._database, template.name, self._portfolio)
        job.succeeded.connect(lambda templates: self._on_deleted(template.name, templates))
        self._watch(job)
        return job

    def _watch(self, job: Job) -> None:
        job.failed.connect(self._on_failed)
        job.finished.connect(self._on_finished)
        self.job = job
        self._update_state()

    def _on_saved(self, outcome: object) -> None:
        saved, templates = outcome  # type: ignore[misc]
        self.set_templates(templates, saved.name)
        self.changed.emit(self.tr("Template “{name}” saved.").format(name=saved.name))

    def _on_deleted(self, name: str, templates: object) -> None:
        self.set_templates(list(templates))  # type: ignore[call-overload]
        self.changed.emit(self.tr("Template “{name}” deleted.").format(name=name))

    def _on_failed(self, error: object) -> None:
        reason = str(error) if isinstance(error, PmoError) else repr(error)
        self.error.emit(self.tr("The template was not changed. {reason}").format(reason=reason))

    def _on_finished(self) -> None:
        self.job = None
        self._update_state()

    def _update_state(self) -> None:
        idle = not self._busy and self.job is None
        writable = not self._database.read_only and not self._unavailable
        chosen = self.selected() is not None
        self.load_button.setEnabled(chosen and idle)
        self.save_button.setEnabled(writable and idle)
        self.delete_button.setEnabled(writable and chosen and idle)
        reason = ""
        if self._database.read_only:
            reason = self.tr("The database is read-only.")
        elif self._unavailable:
            reason = self._unavailable
        self.save_button.setToolTip(reason)
