"""The main window's Reports menu: board pack dialog, project status report, Excel table.

The window hands over what it knows (`ReportContext`); files are written in the work pool
with a progress dialog if they take a while, and failures are told in a message box. The
dialog, the renderers and pdfium are imported on first use: the application starts lighter.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal
from PySide6.QtWidgets import QMainWindow, QWidget

from pmo_desktop.errors import PmoError
from pmo_desktop.models import Project
from pmo_desktop.reports.data import PackOptions
from pmo_desktop.services import crud
from pmo_desktop.services.dashboard import RagThresholds
from pmo_desktop.services.database import Database
from pmo_desktop.ui.reports.prompts import ReportPrompts
from pmo_desktop.ui.workers import Job, WorkPool, run_with_progress

if TYPE_CHECKING:
    from pmo_desktop.ui.reports.dialog import BoardPackDialog

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

#: How long the status bar says where a report was written (milliseconds).
MESSAGE_MS = 10_000


@dataclass(frozen=True)
class ReportContext:
    """What the window shows: the database, portfolio, as-of date, current project."""

    database: Database
    portfolio_id: int | None
    portfolio: str | None
    as_of: date
    project_id: int | None = None
    paper: str = "a4"
    thresholds: RagThresholds | None = None


class ReportCommands(QObject):
    """Runs the Reports menu's commands for a window; one board pack dialog per window."""

    #: A status report or portfolio table was written: its `PackResult`.
    written = Signal(object)

    def __init__(
        self, window: QWidget, *, pool: WorkPool, prompts: ReportPrompts | None = None
    ) -> None:
        super().__init__(window)
        self._window = window
        self._pool = pool
        self.prompts = prompts or ReportPrompts(self)
        self.dialog: BoardPackDialog | None = None
        self.job: Job | None = None

    # -------------------------------------------------------------- board pack
    def show_board_pack(self, context: ReportContext) -> BoardPackDialog | None:
        """The board pack dialog of the context's portfolio (the open one, brought forward)."""
        if context.portfolio_id is None or context.portfolio is None:
            self._no_portfolio()
            return None
        dialog = self.dialog
        if dialog is not None and (
            dialog.database is not context.database or dialog.portfolio_id != context.portfolio_id
        ):
            self.close_dialog()
            dialog = None
        if dialog is None:
            from pmo_desktop.ui.reports.dialog import BoardPackDialog

            dialog = BoardPackDialog(
                context.database,
                context.portfolio_id,
                context.portfolio,
                context.as_of,
                pool=self._pool,
                prompts=self.prompts,
                thresholds=context.thresholds,
                paper=context.paper,
                parent=self._window,
            )
            self.dialog = dialog
        elif not dialog.isVisible() and not dialog.is_building:
            dialog.set_as_of(context.as_of)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def close_dialog(self) -> None:
        """Close the dialog for good (another database or portfolio, or the window closes)."""
        if self.dialog is not None:
            self.dialog.shutdown()
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    # ------------------------------------------------------------ other files
    def write_status_report(self, context: ReportContext) -> Job | None:
        """The current project's one-page status report, to a PDF the user names."""
        title = translate("ReportCommands", "Project status report")
        if context.project_id is None:
            self.prompts.information(
                self._window,
                translate("ReportCommands", "No project chosen"),
                translate(
                    "ReportCommands",
                    "Choose a project in the portfolio tree or the project list first.",
                ),
            )
            return None
        if self.job is not None:
            return self.job
        from pmo_desktop.ui.reports.choices import safe_file_name
        from pmo_desktop.ui.reports.jobs import write_status_report

        try:
            code = crud.get(context.database, Project, context.project_id).code
        except PmoError as exc:
            self.prompts.critical(self._window, title, str(exc))
            return None
        name = translate("ReportCommands", "{project} status report {as_of}").format(
            project=code, as_of=context.as_of.isoformat()
        )
        out = self._ask_path(
            title,
            safe_file_name(name) + ".pdf",
            translate("ReportCommands", "PDF documents (*.pdf)"),
        )
        if out is None:
            return None
        options = replace(self._remembered_options(context), title="")
        return self._start(
            title,
            translate("ReportCommands", "Writing the status report of {project}…").format(
                project=code
            ),
            write_status_report,
            context.database,
            code,
            out,
            context.portfolio,
            context.as_of,
            options,
        )

    def export_portfolio_table(self, context: ReportContext) -> Job | None:
        """The portfolio table (every active or on-hold project) to an Excel workbook."""
        if context.portfolio_id is None or context.portfolio is None:
            self._no_portfolio()
            return None
        if self.job is not None:
            return self.job
        from pmo_desktop.services.reporting import PackRequest
        from pmo_desktop.ui.reports.choices import safe_file_name
        from pmo_desktop.ui.reports.jobs import write_table

        title = translate("ReportCommands", "Portfolio table")
        name = translate("ReportCommands", "{portfolio} portfolio table {as_of}").format(
            portfolio=context.portfolio, as_of=context.as_of.isoformat()
        )
        out = self._ask_path(
            translate("ReportCommands", "Export the portfolio table to Excel"),
            safe_file_name(name) + ".xlsx",
            translate("ReportCommands", "Excel workbooks (*.xlsx)"),
            suffix=".xlsx",
        )
        if out is None:
            return None
        request = PackRequest(
            portfolio=context.portfolio,
            as_of=context.as_of,
            options=self._remembered_options(context),
            thresholds=context.thresholds,
        )
        return self._start(
            title,
            translate("ReportCommands", "Writing the portfolio table…"),
            write_table,
            context.database,
            request,
            out,
        )

    def shutdown(self) -> None:
        """Cancel what runs and close the dialog (the window is closing)."""
        if self.job is not None:
            self.job.cancel()
        self.close_dialog()

    # ----------------------------------------------------------------- helpers
    def _remembered_options(self, context: ReportContext) -> PackOptions:
        from pmo_desktop.ui.reports.choices import load_choices, ui_language

        return load_choices(QSettings(), language=ui_language(), paper=context.paper).options

    def _ask_path(
        self, title: str, name: str, filters: str, *, suffix: str = ".pdf"
    ) -> Path | None:
        from pmo_desktop.ui.reports.choices import default_folder, load_choices

        folder = Path(
            load_choices(QSettings(), language="en", paper="a4").folder or default_folder()
        )
        if not folder.is_dir():
            folder = default_folder()
        path = self.prompts.save_file(self._window, title, folder / name, filters)
        if path is None:
            return None
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def _start(self, title: str, label: str, function: object, *args: object) -> Job:
        job = run_with_progress(
            self._window,
            function,  # type: ignore[arg-type]
            *args,
            title=title,
            label=label,
            pool=self._pool,
            cancellable=False,
        )
        job.succeeded.connect(self._on_written)
        job.failed.connect(lambda error: self._on_failed(title, error))
        job.finished.connect(self._on_finished)
        self.job = job
        return job

    def _on_written(self, result: object) -> None:
        from pmo_desktop.services.reporting import PackResult

        if not isinstance(result, PackResult):
            return
        if isinstance(self._window, QMainWindow):
            self._window.statusBar().showMessage(
                translate("ReportCommands", "Wrote {path}").format(path=result.path), MESSAGE_MS
            )
        self.written.emit(result)

    def _on_failed(self, title: str, error: object) -> None:
        if not isinstance(error, PmoError | OSError):
            log.error("%s failed: %r", title, error)
        reason = str(error) if isinstance(error, PmoError) else f"{error}"
        self.prompts.critical(
            self._window,
            title,
            translate("ReportCommands", "The file was not written. {reason}").format(reason=reason),
        )

    def _on_finished(self) -> None:
        self.job = None

    def _no_portfolio(self) -> None:
        self.prompts.information(
            self._window,
            translate("ReportCommands", "No portfolio"),
            translate("ReportCommands", "This database holds no portfolio to report on yet."),
        )
