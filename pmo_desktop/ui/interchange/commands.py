"""File ▸ Export… and File ▸ Import… of the main window, run in the work pool.

The window hands over what it shows (`InterchangeContext`); the dialogs ask what to do, the
files are written or read in the background with a progress dialog, and the outcome is told
in the status bar or, for a failure, in a message box. Nothing is half-written: exports go
through `storage.atomic`, imports are one transaction after a dry run.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QStandardPaths, Signal
from PySide6.QtWidgets import QDialog, QMainWindow, QWidget

from pmo_desktop.errors import PmoError
from pmo_desktop.services.database import Database
from pmo_desktop.ui.interchange.export_dialog import EXCEL, ExportChoice, ExportDialog
from pmo_desktop.ui.interchange.prompts import InterchangePrompts
from pmo_desktop.ui.workers import Job, ProgressToken, WorkPool, run_with_progress

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

FOLDER_KEY = "interchange/folder"
#: How long the status bar tells what was written or imported (milliseconds).
MESSAGE_MS = 10_000


@dataclass(frozen=True)
class InterchangeContext:
    """What the window shows: the database, the portfolio, the current project."""

    database: Database
    portfolio_id: int | None
    portfolio: str | None
    as_of: date
    project: tuple[int, str] | None = None


@dataclass(frozen=True)
class Outcome:
    """What a background import or export did, as a sentence for the status bar."""

    message: str
    path: Path
    details: tuple[str, ...] = ()


def remembered_folder() -> Path:
    value = QSettings().value(FOLDER_KEY)
    folder = Path(str(value)) if value else None
    if folder is not None and folder.is_dir():
        return folder
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def remember_folder(path: Path) -> None:
    QSettings().setValue(FOLDER_KEY, str(path.parent))


def run_export(
    _token: ProgressToken, database: Database, choice: ExportChoice, portfolio_id: int, as_of: date
) -> Outcome:
    """The export itself (in a worker thread)."""
    from pmo_desktop.services.interchange import (
        export_excel,
        export_mspdi,
        export_mspdi_portfolio,
    )

    if choice.format == EXCEL:
        summary = export_excel(
            database,
            choice.path,
            project_id=choice.project_id,
            portfolio_id=None if choice.project_id is not None else portfolio_id,
            sheets=choice.sheets,
            as_of=as_of,
        )
        rows = sum(summary.sheets.values())
        message = translate(
            "InterchangeCommands", "Exported {sheets} sheets ({rows} rows) to {path}"
        ).format(sheets=len(summary.sheets), rows=rows, path=choice.path)
        return Outcome(message, choice.path, tuple(summary.warnings))
    if choice.project_id is not None:
        written = export_mspdi(database, choice.project_id, choice.path)
    else:
        written = export_mspdi_portfolio(database, portfolio_id, choice.path)
    message = translate(
        "InterchangeCommands", "Exported {tasks} tasks and {links} links to {path}"
    ).format(tasks=written.tasks, links=written.links, path=choice.path)
    return Outcome(message, choice.path, tuple(written.warnings))


def run_mspdi_import(
    _token: ProgressToken, database: Database, path: Path, portfolio: str | None
) -> Outcome:
    """Store an MS Project XML file as a new project of the portfolio (in a worker thread)."""
    from pmo_desktop.services.interchange import import_mspdi

    summary = import_mspdi(database, path, portfolio_name=portfolio)
    message = translate(
        "InterchangeCommands", "Imported project {code}: {tasks} tasks, {links} links"
    ).format(
        code=summary.project_code,
        tasks=summary.counts.get("tasks", 0),
        links=summary.counts.get("dependencies", 0),
    )
    return Outcome(message, path, tuple(summary.report) + tuple(summary.schedule_warnings))


def run_workbook_import(
    _token: ProgressToken, database: Database, path: Path, portfolio: str | None
) -> Outcome:
    """Store a workbook of ours as new project(s) of the portfolio (in a worker thread)."""
    from pmo_desktop.services.interchange import import_excel

    summary = import_excel(database, path, portfolio_name=portfolio)
    message = translate(
        "InterchangeCommands", "Imported {projects} projects: {tasks} tasks, {links} links"
    ).format(
        projects=len(summary.projects),
        tasks=summary.counts.get("tasks", 0),
        links=summary.counts.get("dependencies", 0),
    )
    return Outcome(message, path, tuple(summary.report) + tuple(summary.schedule_warnings))


class InterchangeCommands(QObject):
    """Runs File ▸ Export… and File ▸ Import… for a window."""

    #: An export or import finished: its `Outcome`.
    done = Signal(object)
    #: An import stored rows: the views must reload.
    imported = Signal()

    def __init__(
        self,
        window: QWidget,
        *,
        pool: WorkPool,
        prompts: InterchangePrompts | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._pool = pool
        self.prompts = prompts or InterchangePrompts(self)
        self.job: Job | None = None

    # ------------------------------------------------------------------ export
    def export_dialog(self, context: InterchangeContext) -> ExportDialog | None:
        """The dialog File ▸ Export… shows (None, with a message, without a portfolio)."""
        if context.portfolio_id is None or context.portfolio is None:
            self._no_portfolio()
            return None
        return ExportDialog(
            portfolio=context.portfolio,
            project=context.project,
            folder=remembered_folder(),
            prompts=self.prompts,
            parent=self._window,
        )

    def export(self, context: InterchangeContext) -> Job | None:
        """Ask what to export, then write it in the background."""
        if self.job is not None:
            return self.job
        dialog = self.export_dialog(context)
        if dialog is None or dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.start_export(context, dialog.choice())

    def start_export(self, context: InterchangeContext, choice: ExportChoice) -> Job | None:
        if context.portfolio_id is None:
            self._no_portfolio()
            return None
        remember_folder(choice.path)
        title = translate("InterchangeCommands", "Export")
        return self._start(
            title,
            translate("InterchangeCommands", "Writing {name}…").format(name=choice.path.name),
            run_export,
            context.database,
            choice,
            context.portfolio_id,
            context.as_of,
        )

    # ------------------------------------------------------------------ import
    def import_file(self, context: InterchangeContext) -> Job | None:
        """Ask for a file, check it, show what it would change, then store it."""
        if self.job is not None:
            return self.job
        title = translate("InterchangeCommands", "Import")
        if context.database.read_only:
            self.prompts.information(
                self._window,
                title,
                translate(
                    "InterchangeCommands", "The database is read-only: nothing can be imported."
                ),
            )
            return None
        path = self.prompts.open_file(
            self._window,
            translate("InterchangeCommands", "Import a file"),
            remembered_folder(),
            translate(
                "InterchangeCommands",
                "Project files (*.xml *.xlsx);;Microsoft Project XML (*.xml);;"
                "Excel workbooks (*.xlsx)",
            ),
        )
        if path is None:
            return None
        return self.start_import(context, path)

    def start_import(self, context: InterchangeContext, path: Path) -> Job | None:
        remember_folder(path)
        title = translate("InterchangeCommands", "Import")
        label = translate("InterchangeCommands", "Reading {name}…").format(name=path.name)
        suffix = path.suffix.lower()
        if suffix == ".xml":
            job = self._start(
                title, label, run_mspdi_import, context.database, path, context.portfolio
            )
            job.succeeded.connect(lambda _outcome: self.imported.emit())
            return job
        if suffix == ".xlsx":
            return self._check_workbook(context, path)
        self.prompts.critical(
            self._window,
            title,
            translate(
                "InterchangeCommands",
                "{name} is neither a Microsoft Project XML file (.xml) nor an Excel workbook "
                "(.xlsx).",
            ).format(name=path.name),
        )
        return None

    def _check_workbook(self, context: InterchangeContext, path: Path) -> Job:
        title = translate("InterchangeCommands", "Import")
        label = translate("InterchangeCommands", "Reading {name}…").format(name=path.name)
        job = self._start(
            title, label, run_workbook_import, context.database, path, context.portfolio
        )
        job.succeeded.connect(lambda _outcome: self.imported.emit())
        return job

    # ----------------------------------------------------------------- helpers
    def _no_portfolio(self) -> None:
        self.prompts.information(
            self._window,
            translate("InterchangeCommands", "No portfolio"),
            translate("InterchangeCommands", "Open or create a portfolio first."),
        )

    def _start(self, title: str, label: str, function: Any, *args: object) -> Job:
        job = run_with_progress(
            self._window,
            function,
            *args,
            title=title,
            label=label,
            pool=self._pool,
            cancellable=False,
        )
        job.succeeded.connect(self._on_done)
        job.failed.connect(lambda error: self._on_failed(title, error))
        job.finished.connect(self._on_finished)
        self.job = job
        return job

    def _on_done(self, outcome: object) -> None:
        if not isinstance(outcome, Outcome):
            return
        if isinstance(self._window, QMainWindow):
            self._window.statusBar().showMessage(outcome.message, MESSAGE_MS)
        self.done.emit(outcome)

    def _on_failed(self, title: str, error: object) -> None:
        if not isinstance(error, PmoError | OSError):
            log.error("%s failed: %r", title, error)
        self.prompts.critical(
            self._window,
            title,
            translate("InterchangeCommands", "Nothing was written. {reason}").format(
                reason=str(error)
            ),
        )

    def _on_finished(self) -> None:
        self.job = None

    def shutdown(self) -> None:
        if self.job is not None:
            self.job.cancel()
