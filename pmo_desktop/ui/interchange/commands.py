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

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import QDialog, QMainWindow, QWidget

from pmo_desktop.errors import PmoError, ValidationError
from pmo_desktop.services.database import Database
from pmo_desktop.ui.interchange.export_dialog import EXCEL, ExportChoice, ExportDialog
from pmo_desktop.ui.interchange.import_dialogs import ImportPreviewDialog
from pmo_desktop.ui.interchange.mapping_dialog import ColumnMappingDialog
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


@dataclass(frozen=True)
class WorkbookCheck:
    """A workbook looked at before anything is written: ours (with its dry run) or a user's
    own sheet (its first rows, for the column mapping)."""

    path: Path
    ours: bool
    outcome: Any = None
    user_sheet: Any = None
    #: The portfolio's projects a user's task sheet can go into: (id, label).
    projects: tuple[tuple[int, str], ...] = ()


def check_workbook(
    _token: ProgressToken,
    database: Database,
    path: Path,
    portfolio: str | None,
    portfolio_id: int | None = None,
) -> WorkbookCheck:
    """Dry-run a workbook of ours; for any other workbook, read its first sheet's head
    (and list the portfolio's projects, for a task sheet)."""
    from pmo_desktop.interop.xlsx.tables import read_sheets
    from pmo_desktop.services.interchange.log_workbook import (
        import_workbook,
        is_log_workbook,
        read_user_sheet,
    )
    from pmo_desktop.services.interchange.user_tasks import project_choices

    names, _ = read_sheets(path, [])
    folded = {name.strip().casefold() for name in names}
    if is_log_workbook(names) or "tasks" in folded:
        outcome = import_workbook(database, path, portfolio_name=portfolio, dry_run=True)
        return WorkbookCheck(path, True, outcome=outcome)
    projects = tuple(project_choices(database, portfolio_id)) if portfolio_id is not None else ()
    return WorkbookCheck(path, False, user_sheet=read_user_sheet(path), projects=projects)


def run_workbook_import(
    _token: ProgressToken, database: Database, path: Path, portfolio: str | None
) -> Outcome:
    """Import a workbook of ours for real (in a worker thread): one transaction."""
    from pmo_desktop.services.interchange.log_workbook import import_workbook

    outcome = import_workbook(database, path, portfolio_name=portfolio)
    if not outcome.ok:  # changed since the dry run: nothing was written
        raise ValidationError("\n".join(outcome.errors[:20]))
    return Outcome(outcome.lines[0], path, tuple(line.strip() for line in outcome.lines[1:]))


@dataclass(frozen=True)
class SheetTarget:
    """Where a user's sheet goes: its kind ("tasks", "resources", "risks"), the portfolio,
    and for tasks the project and the unit of a bare number in Duration."""

    kind: str
    portfolio_id: int
    project_id: int | None = None
    duration_unit: str = "d"


def run_user_sheet(
    _token: ProgressToken,
    database: Database,
    path: Path,
    target: SheetTarget,
    sheet: str,
    mapping: dict[str, str],
    dry_run: bool,
) -> Any:
    """Dry-run (or import) a user's task, resource or risk sheet with a column mapping (in
    a worker thread)."""
    from pmo_desktop.services.interchange.log_workbook import import_risks
    from pmo_desktop.services.interchange.user_resources import import_user_resources
    from pmo_desktop.services.interchange.user_tasks import import_user_tasks

    if target.kind == "tasks":
        if target.project_id is None:
            raise ValidationError("Choose the project the tasks go into.")
        report = import_user_tasks(database, path, target.project_id, mapping=mapping,
                                   sheet=sheet, dry_run=dry_run,
                                   duration_unit=target.duration_unit)  # fmt: skip
        done = translate("InterchangeCommands", "Imported tasks from {name}: {summary}")
    elif target.kind == "resources":
        report = import_user_resources(database, path, target.portfolio_id, mapping=mapping,
                                       sheet=sheet, dry_run=dry_run)  # fmt: skip
        done = translate("InterchangeCommands", "Imported resources from {name}: {summary}")
    else:
        report = import_risks(database, path, target.portfolio_id, mapping=mapping,
                              sheet=sheet, dry_run=dry_run)  # fmt: skip
        done = translate("InterchangeCommands", "Imported risks from {name}: {summary}")
    if dry_run or not report.ok:
        return report
    message = done.format(name=path.name, summary=report.summary())
    return Outcome(message, path, tuple(report.notes))


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
        self.preview: ImportPreviewDialog | None = None
        self.mapping: ColumnMappingDialog | None = None

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
        """Dry-run the workbook, then show what it would do (ours) or ask for the column
        mapping (a user's sheet)."""
        title = translate("InterchangeCommands", "Import")
        label = translate("InterchangeCommands", "Checking {name}…").format(name=path.name)
        job = self._start(
            title,
            label,
            check_workbook,
            context.database,
            path,
            context.portfolio,
            context.portfolio_id,
        )
        job.succeeded.connect(lambda check: self._on_checked(context, check))
        return job

    def _on_checked(self, context: InterchangeContext, check: object) -> None:
        if not isinstance(check, WorkbookCheck):
            return
        if check.ours:
            self.preview = self.preview_dialog(check)
            self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.preview.accepted.connect(lambda: self._import_workbook(context, check.path))
            self.preview.open()  # modal to the window, without blocking the event loop
            return
        if context.portfolio_id is None:
            self._no_portfolio()
            return
        self.mapping = self.mapping_dialog(context, check)
        self.mapping.open()

    def preview_dialog(self, check: WorkbookCheck) -> ImportPreviewDialog:
        outcome = check.outcome
        report = outcome.report
        errors = list(report.errors) if report is not None else []
        problems = [] if errors or outcome.ok else list(outcome.errors)
        return ImportPreviewDialog(
            check.path.name, outcome.lines, errors, problems, parent=self._window
        )

    def _import_workbook(self, context: InterchangeContext, path: Path) -> Job:
        title = translate("InterchangeCommands", "Import")
        label = translate("InterchangeCommands", "Importing {name}…").format(name=path.name)
        job = self._start(
            title, label, run_workbook_import, context.database, path, context.portfolio
        )
        job.succeeded.connect(lambda _outcome: self.imported.emit())
        return job

    def mapping_dialog(
        self, context: InterchangeContext, check: WorkbookCheck
    ) -> ColumnMappingDialog:
        from pmo_desktop.services.interchange.log_workbook import read_user_sheet

        user = check.user_sheet
        dialog = ColumnMappingDialog(
            check.path.name,
            user.sheet_names,
            projects=check.projects,
            project_id=context.project[0] if context.project is not None else None,
            parent=self._window,
        )
        dialog.set_sheet(user.header, user.rows)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def sheet_changed(name: str) -> None:
            try:
                chosen = read_user_sheet(check.path, name)
            except PmoError as exc:
                self.prompts.critical(dialog, dialog.windowTitle(), str(exc))
                return
            dialog.set_sheet(chosen.header, chosen.rows)

        def run(sheet: str, mapping: object, dry_run: bool) -> Job | None:
            if self.job is not None or context.portfolio_id is None:
                return None
            target = SheetTarget(
                dialog.kind().key,
                context.portfolio_id,
                dialog.project_id(),
                dialog.duration_unit(),
            )
            label = (
                translate("InterchangeCommands", "Checking {name}…")
                if dry_run
                else translate("InterchangeCommands", "Importing {name}…")
            )
            job = self._start(
                dialog.windowTitle(),
                label.format(name=check.path.name),
                run_user_sheet,
                context.database,
                check.path,
                target,
                sheet,
                dict(mapping),  # type: ignore[call-overload]
                dry_run,
            )
            if dry_run:
                job.succeeded.connect(
                    lambda report: dialog.show_result(
                        "; ".join([report.summary(), *report.notes]),
                        report.errors,
                        dict(mapping),  # type: ignore[call-overload]
                    )
                )
            else:
                job.succeeded.connect(lambda _outcome: self.imported.emit())
            return job

        dialog.sheet_changed.connect(sheet_changed)
        dialog.check_requested.connect(lambda sheet, mapping: run(sheet, mapping, True))
        dialog.accepted.connect(lambda: run(dialog.sheet(), dialog.mapping(), False))
        return dialog

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
        job.finished.connect(lambda: self._on_finished(job))
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

    def _on_finished(self, job: Job) -> None:
        if self.job is job:
            self.job = None

    def shutdown(self) -> None:
        if self.job is not None:
            self.job.cancel()
