"""The board pack dialog: choose projects and options, build in the background, preview.

The projects and templates are read, and the pack is built and its pages drawn, in the work
pool; the GUI thread only shows progress and pictures. A failed build says why in the
dialog and keeps every choice; a cancelled one leaves no file. The last choices are
remembered (QSettings) and can be saved as a named template in the database.
"""

from __future__ import annotations

import logging
import os
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QProcess,
    QSettings,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.errors import PmoError
from pmo_desktop.services.dashboard import RagThresholds
from pmo_desktop.services.database import Database
from pmo_desktop.services.reporting import PackRequest
from pmo_desktop.ui.reports.choices import (
    PackChoices,
    Selection,
    default_folder,
    load_choices,
    pack_file_name,
    save_choices,
    ui_language,
)
from pmo_desktop.ui.reports.form import OptionsForm
from pmo_desktop.ui.reports.jobs import (
    PROGRESS_SCALE,
    BuiltPack,
    DialogData,
    build_board_pack,
    load_dialog_data,
)
from pmo_desktop.ui.reports.preview import PreviewPane
from pmo_desktop.ui.reports.prompts import ReportPrompts
from pmo_desktop.ui.reports.selection import ProjectSelectionModel
from pmo_desktop.ui.reports.templates import TemplateBar
from pmo_desktop.ui.workers import Job, WorkPool

log = logging.getLogger(__name__)
#: The progress steps `services.reporting` and `services.board_pack` report, in English.
SERVICE_STEPS = (
    QT_TRANSLATE_NOOP("BoardPackDialog", "Assembling the data"),
    QT_TRANSLATE_NOOP("BoardPackDialog", "Portfolio overview"),
    QT_TRANSLATE_NOOP("BoardPackDialog", "Schedules and status reports"),
    QT_TRANSLATE_NOOP("BoardPackDialog", "Risks, decisions and issues"),
    QT_TRANSLATE_NOOP("BoardPackDialog", "Resource loading"),
    QT_TRANSLATE_NOOP("BoardPackDialog", "Done"),
)

#: Widths of the projects and options columns (pixels); the preview takes the rest.
PROJECTS_WIDTH = 340
OPTIONS_WIDTH = 420
DEFAULT_SIZE = (1500, 900)
_ERROR_STYLE = "color: #B71C1C;"
_NOTE_STYLE = "color: #7A5200;"


class BoardPackDialog(QDialog):
    """Options, build, progress and previews of one portfolio's board pack."""

    loaded = Signal()
    #: The pack was written: the `BuiltPack`.
    build_finished = Signal(object)
    #: The build failed: the message shown.
    build_failed = Signal(str)
    build_cancelled = Signal()

    def __init__(
        self,
        database: Database,
        portfolio_id: int,
        portfolio: str,
        as_of: date,
        *,
        pool: WorkPool,
        prompts: ReportPrompts | None = None,
        thresholds: RagThresholds | None = None,
        paper: str = "a4",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("boardPackDialog")
        self.setWindowTitle(self.tr("Board pack — {portfolio}").format(portfolio=portfolio))
        self.database = database
        self.portfolio_id = portfolio_id
        self.portfolio = portfolio
        self.thresholds = thresholds
        self.prompts = prompts or ReportPrompts(self)
        self._pool = pool
        self._load_job: Job | None = None
        self._build_job: Job | None = None
        self._custom_name = False
        self._confirmed_path: Path | None = None
        self.built: BuiltPack | None = None
        self._choices = load_choices(QSettings(), language=ui_language(), paper=paper)

        self.selection_model = ProjectSelectionModel(self)
        self.selection_model.selection_changed.connect(self._update_state)
        self.tree = QTreeView()
        self.tree.setModel(self.selection_model)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.select_all_button = QPushButton(self.tr("Select &all"))
        self.select_all_button.clicked.connect(lambda: self._select_all(True))
        self.select_none_button = QPushButton(self.tr("Select &none"))
        self.select_none_button.clicked.connect(lambda: self._select_all(False))
        self.count_label = QLabel()
        selection_buttons = QHBoxLayout()
        selection_buttons.addWidget(self.select_all_button)
        selection_buttons.addWidget(self.select_none_button)
        selection_buttons.addStretch(1)
        selection_buttons.addWidget(self.count_label)
        projects_layout = QVBoxLayout()
        projects_layout.addWidget(self.tree, 1)
        projects_layout.addLayout(selection_buttons)
        projects_box = QGroupBox(self.tr("Projects"))
        projects_box.setLayout(projects_layout)
        projects_box.setFixedWidth(PROJECTS_WIDTH)

        self.templates = TemplateBar(database, portfolio, pool, self.prompts, self.request)
        self.templates.loaded.connect(self._on_template_loaded)
        self.templates.changed.connect(self._on_templates_changed)
        self.templates.error.connect(self.show_error)

        self.form = OptionsForm(self.prompts)
        self.form.changed.connect(self._update_state)
        self.form.as_of_changed.connect(self._on_as_of_changed)
        self.form.error.connect(self.show_error)

        self.output_edit = QLineEdit()
        self.output_edit.textEdited.connect(self._on_output_edited)
        self.output_edit.textChanged.connect(self._update_state)
        self.output_edit.textChanged.connect(self.output_edit.setToolTip)
        output_label = QLabel(self.tr("&Save to:"))
        output_label.setBuddy(self.output_edit)
        self.browse_button = QPushButton(self.tr("Bro&wse…"))
        self.browse_button.clicked.connect(self.choose_output)
        output = QHBoxLayout()
        output.addWidget(output_label)
        output.addWidget(self.output_edit, 1)
        output.addWidget(self.browse_button)
        output_box = QGroupBox(self.tr("Output"))
        output_box.setLayout(output)

        for label in (self.templates.label, output_label):
            label.setMinimumWidth(self.form.label_width)
        options_column = QVBoxLayout()
        options_column.addWidget(self.templates)
        options_column.addWidget(self.form)
        options_column.addWidget(output_box)
        options_column.addStretch(1)
        options_widget = QWidget()
        options_widget.setLayout(options_column)
        options_widget.setFixedWidth(OPTIONS_WIDTH)

        self.preview = PreviewPane(pool)
        preview_layout = QVBoxLayout()
        preview_layout.addWidget(self.preview)
        preview_box = QGroupBox(self.tr("Preview"))
        preview_box.setLayout(preview_layout)

        columns = QHBoxLayout()
        columns.addWidget(projects_box)
        columns.addWidget(options_widget)
        columns.addWidget(preview_box, 1)

        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, PROGRESS_SCALE)
        self.progress.setTextVisible(False)
        self.progress.setFixedWidth(260)
        self.status_label = QLabel()
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.build_button = QPushButton(self.tr("&Build"))
        self.build_button.setDefault(True)
        self.build_button.clicked.connect(self.build)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel_build)
        self.open_button = QPushButton(self.tr("&Open"))
        self.open_button.clicked.connect(self.open_pack)
        self.folder_button = QPushButton(self.tr("Show in &folder"))
        self.folder_button.clicked.connect(self.show_in_folder)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)
        for button in (self.cancel_button, self.open_button, self.folder_button):
            button.setAutoDefault(False)
        actions = QHBoxLayout()
        actions.addWidget(self.progress)
        actions.addWidget(self.status_label, 1)
        for button in (
            self.build_button,
            self.cancel_button,
            self.open_button,
            self.folder_button,
            self.close_button,
        ):
            actions.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.message_label)
        layout.addLayout(actions)
        self._initial_size()

        self.form.set_options(self._choices.options)
        self.set_as_of(as_of)
        self._update_state()
        self.load()

    def _initial_size(self) -> None:
        """The default size, within the screen's free area."""
        width, height = DEFAULT_SIZE
        screen = self.screen() if self.parentWidget() is None else self.parentWidget().screen()
        if screen is not None:
            area = screen.availableGeometry()
            width = min(width, area.width() - 40)
            height = min(height, area.height() - 60)
        self.resize(max(width, 1100), max(height, 700))

    # ------------------------------------------------------------------ loading
    @property
    def is_loading(self) -> bool:
        return self._load_job is not None

    @property
    def is_building(self) -> bool:
        return self._build_job is not None

    def load(self) -> Job:
        """Read the portfolio's projects and pack templates in the background."""
        if self._load_job is not None:
            self._load_job.cancel()
        self.status_label.setText(self.tr("Reading the projects…"))
        job = self._pool.submit(load_dialog_data, self.database, self.portfolio_id, self.portfolio)
        job.succeeded.connect(lambda data, job=job: self._on_loaded(job, data))
        job.failed.connect(lambda error, job=job: self._on_load_failed(job, error))
        self._load_job = job
        self._update_state()
        return job

    def _on_loaded(self, job: Job, data: object) -> None:
        if job is not self._load_job or not isinstance(data, DialogData):
            return
        self._load_job = None
        self.selection_model.set_projects(data.tree, data.info)
        self.tree.expandAll()
        choices = self._choices
        if choices.portfolio == self.portfolio and not choices.selection.is_default:
            self.selection_model.apply(choices.selection)
        self.templates.set_templates(
            list(data.templates), choices.template, unavailable=data.templates_error
        )
        self.status_label.clear()
        if data.templates_error:
            self.show_note(
                self.tr("Pack templates are not available: {error}").format(
                    error=data.templates_error
                )
            )
        self._update_state()
        self.loaded.emit()

    def _on_load_failed(self, job: Job, error: object) -> None:
        if job is not self._load_job:
            return
        self._load_job = None
        self.status_label.clear()
        self.show_error(self.tr("Cannot read the portfolio: {error}").format(error=_message(error)))
        self._update_state()

    # ---------------------------------------------------------------- choices
    def set_as_of(self, as_of: date) -> None:
        self.form.set_as_of(as_of)
        self._on_as_of_changed()

    def _on_as_of_changed(self) -> None:
        if not self._custom_name:
            folder = Path(self._choices.folder) if self._choices.folder else default_folder()
            if not folder.is_dir():
                folder = default_folder()
            current = self.output_edit.text().strip()
            if current:
                folder = Path(current).parent
            path = folder / pack_file_name(self.portfolio, self.form.as_of())
            self.output_edit.setText(str(path))

    def _on_output_edited(self, _text: str) -> None:
        self._custom_name = True

    def output_path(self) -> Path | None:
        text = self.output_edit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        if path.suffix.lower() == ".pdf" or path.is_dir():
            return path
        return path.with_name(path.name + ".pdf")

    def choose_output(self) -> None:
        current = self.output_path() or default_folder() / pack_file_name(
            self.portfolio, self.form.as_of()
        )
        path = self.prompts.save_file(
            self,
            self.tr("Save the board pack as"),
            current,
            self.tr("PDF documents (*.pdf)"),
        )
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self._custom_name = True
        self._confirmed_path = path
        self.output_edit.setText(str(path))

    def request(self) -> PackRequest:
        """The pack the dialog describes."""
        selection = self.selection_model.selection()
        return PackRequest(
            portfolio=self.portfolio,
            projects=selection.projects,
            programmes=selection.programmes,
            as_of=self.form.as_of(),
            options=self.form.options(),
            thresholds=self.thresholds,
        )

    def apply_request(self, request: PackRequest) -> None:
        """Show a template's choices; projects it names that are gone are reported."""
        self.form.set_options(request.options)
        unknown = self.selection_model.apply(Selection(request.projects, request.programmes))
        self._update_state()
        if unknown:
            self.show_note(
                self.tr("Not in the portfolio any more, left out: {codes}").format(
                    codes=", ".join(unknown)
                )
            )

    def _select_all(self, checked: bool) -> None:
        self.selection_model.set_all(checked)
        self._update_state()

    def remember(self) -> None:
        """Keep the choices for the next time (QSettings); the as-of date is never kept."""
        if self.is_loading or not self.selection_model.project_codes():
            return  # the selection is not known yet: keep the remembered one
        out = self.output_path()
        self._choices = PackChoices(
            portfolio=self.portfolio,
            selection=self.selection_model.selection(),
            options=self.form.options(),
            folder=str(out.parent) if out is not None else self._choices.folder,
            template=self.templates.current_name(),
        )
        save_choices(QSettings(), self._choices)

    def _on_template_loaded(self, request: object) -> None:
        if not isinstance(request, PackRequest):
            return
        self.clear_message()
        self.apply_request(request)
        self.status_label.setText(
            self.tr("Template “{name}” loaded.").format(name=self.templates.current_name())
        )

    def _on_templates_changed(self, what: str) -> None:
        self.clear_message()
        self.status_label.setText(what)

    # ------------------------------------------------------------------ build
    def build(self) -> Job | None:
        """Check the choices, then write the pack and draw its previews in the background."""
        if self.is_building or self.is_loading:
            return None
        self.clear_message()
        out = self.output_path()
        problem = self._problem(out)
        if problem:
            self.show_error(problem)
            return None
        assert out is not None
        if (
            out.exists()
            and out != self._confirmed_path
            and not self.prompts.question(
                self,
                self.tr("Board pack"),
                self.tr("{name} already exists. Replace it?").format(name=out.name),
            )
        ):
            return None
        self.output_edit.setText(str(out))
        request = self.request()
        self.remember()
        self.built = None
        self.preview.clear(self.tr("Building the pack…"))
        self.progress.setValue(0)
        self.status_label.setText(self.tr("Starting…"))
        job = self._pool.submit(build_board_pack, self.database, request, out)
        job.progressed.connect(self._on_progress)
        job.succeeded.connect(lambda built, job=job: self._on_built(job, built))
        job.failed.connect(lambda error, job=job: self._on_build_failed(job, error))
        job.cancelled.connect(lambda job=job: self._on_build_cancelled(job))
        self._build_job = job
        self._update_state()
        return job

    def _problem(self, out: Path | None) -> str:
        if not self.selection_model.checked_codes():
            return self.tr("Choose at least one project.")
        if not self.form.sections():
            return self.tr("Choose at least one section.")
        if out is None:
            return self.tr("Choose where to save the pack.")
        if out.is_dir():
            return self.tr("{path} is a folder: add a file name.").format(path=out)
        return ""

    def cancel_build(self) -> None:
        if self._build_job is not None:
            self._build_job.cancel()
            self.cancel_button.setEnabled(False)
            self.status_label.setText(self.tr("Cancelling…"))

    def _on_progress(self, done: int, total: int, label: str) -> None:
        if total > 0:
            self.progress.setValue(round(PROGRESS_SCALE * min(done, total) / total))
        if label:
            # The services' steps are English (see SERVICE_STEPS); project codes and the
            # renderer's page counts pass through unchanged.
            self.status_label.setText(QCoreApplication.translate("BoardPackDialog", label))

    def _on_built(self, job: Job, built: object) -> None:
        if job is not self._build_job or not isinstance(built, BuiltPack):
            return
        self._build_job = None
        self.built = built
        result = built.result
        self._confirmed_path = result.path
        self.progress.setValue(PROGRESS_SCALE)
        self.status_label.setText(
            self.tr("{pages} pages for {projects} projects in {seconds} s: {name}").format(
                pages=result.pages,
                projects=result.projects,
                seconds=f"{result.seconds:.1f}",
                name=result.path.name,
            )
        )
        self.status_label.setToolTip(str(result.path))
        self.preview.set_pages(result.path, built.thumbnails, result.pages)
        self._update_state()
        self.build_finished.emit(built)

    def _on_build_failed(self, job: Job, error: object) -> None:
        if job is not self._build_job:
            return
        self._build_job = None
        if not isinstance(error, PmoError | OSError):
            log.error("Building the board pack failed: %r", error, exc_info=error)  # type: ignore[arg-type]
        message = self.tr("The board pack was not written. {reason}").format(reason=_message(error))
        self.progress.setValue(0)
        self.status_label.clear()
        self.preview.clear(self.tr("No pack: see the message below."))
        self.show_error(message)
        self._update_state()
        self.build_failed.emit(message)

    def _on_build_cancelled(self, job: Job) -> None:
        if job is not self._build_job:
            return
        self._build_job = None
        self.progress.setValue(0)
        self.status_label.setText(self.tr("Cancelled: no file was written."))
        self.preview.clear(self.tr("Build the pack to see its pages here."))
        self._update_state()
        self.build_cancelled.emit()

    # ----------------------------------------------------------------- result
    def open_pack(self) -> bool:
        if self.built is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.built.result.path)))

    def show_in_folder(self) -> bool:
        """The pack's folder in the file manager, the file selected where the system can."""
        if self.built is None:
            return False
        path = self.built.result.path
        if sys.platform == "win32":
            return QProcess.startDetached("explorer", [f"/select,{os.path.normpath(path)}"])[0]
        if sys.platform == "darwin":
            return QProcess.startDetached("open", ["-R", str(path)])[0]
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    # --------------------------------------------------------------- messages
    def show_error(self, message: str) -> None:
        self.message_label.setStyleSheet(_ERROR_STYLE)
        self.message_label.setText(message)
        self.message_label.setVisible(True)

    def show_note(self, message: str) -> None:
        self.message_label.setStyleSheet(_NOTE_STYLE)
        self.message_label.setText(message)
        self.message_label.setVisible(True)

    def clear_message(self) -> None:
        self.message_label.clear()
        self.message_label.setVisible(False)

    @property
    def message(self) -> str:
        return self.message_label.text() if self.message_label.isVisibleTo(self) else ""

    # ------------------------------------------------------------------ state
    def _update_state(self) -> None:
        building = self.is_building
        loading = self.is_loading
        checked = len(self.selection_model.checked_codes())
        total = len(self.selection_model.project_codes())
        self.count_label.setText(
            self.tr("{checked} of {total} selected").format(checked=checked, total=total)
        )
        self.templates.set_busy(building or loading)
        self.build_button.setEnabled(not building and not loading)
        self.cancel_button.setEnabled(building)
        self.open_button.setEnabled(self.built is not None and not building)
        self.folder_button.setEnabled(self.built is not None and not building)
        self.progress.setVisible(building or self.built is not None)

    def shutdown(self) -> None:
        """Stop every background job of the dialog (closing, or the database goes away)."""
        for job in (self._load_job, self._build_job, self.templates.job):
            if job is not None:
                job.cancel()
        self.preview.cancel()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.cancel_build()
        self.remember()
        super().closeEvent(event)

    def reject(self) -> None:
        self.cancel_build()
        self.remember()
        super().reject()


def _message(error: object) -> str:
    """A user-readable reason: domain errors say it; file errors name the file."""
    if isinstance(error, PmoError):
        return str(error)
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return f"{where}{error.strerror or error}"
    return str(error) or type(error).__name__
