"""File ▸ Check out project…, Check in…, Cancel check-out: the GUI of offline check-out.

The copy is written, and the check-in previewed and applied, in the work pool with a
progress dialog when it lasts. The check-in is a dry run first: the dialog shows what would
be applied and the true conflicts, the user picks a side per conflicting row, and only then
is everything written in one transaction. Cancelling writes nothing. If the shared
database changed in between and a new conflict appears, the dialog comes back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QStandardPaths, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from pmo_desktop.errors import PmoError
from pmo_desktop.models import CheckoutState, Project
from pmo_desktop.services.checkin import Decisions, checkin
from pmo_desktop.services.checkout import CheckinResult, CheckoutInfo, checkout, checkouts
from pmo_desktop.services.checkout_copies import (
    CopyInfo,
    cancel_checkout,
    copy_info,
    open_source,
    release_copy,
)
from pmo_desktop.services.database import Database
from pmo_desktop.ui.checkout.dialogs import CheckinDialog, CheckoutDialog, ProjectChoice
from pmo_desktop.ui.workers import Job, ProgressToken, WorkPool, run_with_progress

if TYPE_CHECKING:
    from pmo_desktop.ui.main_window import MainWindow

translate = QCoreApplication.translate
FOLDER_KEY = "checkout/folder"
MESSAGE_MS = 10_000


class CheckoutPrompts(QObject):
    """The modal parts, behind one object tests replace: run a dialog, choose a file."""

    def exec_dialog(self, dialog: QDialog) -> bool:
        """Show `dialog` modally; True if accepted."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def choose_file(self, parent: QWidget, suggested: Path) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(
            parent,
            translate("CheckoutCommands", "Offline copy"),
            str(suggested),
            translate("CheckoutCommands", "PMO Desktop databases (*.sqlite)"),
        )
        return Path(path) if path else None


@dataclass(frozen=True)
class WindowCheckouts:
    """What the window shows about check-outs: this file's copy record, the open ones."""

    copy: CopyInfo | None
    out: dict[int, CheckoutInfo]


def read_state(database: Database) -> WindowCheckouts:
    """The copy record of an offline copy, or the open check-outs of a shared database."""
    try:
        copy = copy_info(database)
        out = {} if copy is not None else {i.project_id: i for i in checkouts(database)}
    except (PmoError, SQLAlchemyError):  # e.g. a read-only file of an older schema
        return WindowCheckouts(None, {})
    return WindowCheckouts(copy, out)


def run_checkout(
    token: ProgressToken, shared: Database, project_id: int, path: Path, force: bool
) -> CheckoutInfo:
    """Write the offline copy (in a worker thread)."""

    def progress(done: int, total: int, table: str) -> None:
        from pmo_desktop.ui.history.model import entity_label

        token.progress(
            done,
            total,
            translate("CheckoutCommands", "Copying {kind}…").format(kind=entity_label(table)),
        )

    return checkout(shared, project_id, path, force=force, progress=progress)


def run_checkin(
    _token: ProgressToken, path: Path, source: str, decisions: Decisions | None, dry_run: bool
) -> CheckinResult:
    """Preview (dry run) or apply the check-in of the copy at `path` (in a worker thread)."""
    shared = open_source(source)
    try:
        return checkin(path, shared, decisions=decisions, dry_run=dry_run)
    finally:
        shared.close()


def run_release(_token: ProgressToken, local: Database, source: str) -> None:
    """Cancel the check-out of the open copy `local` (in a worker thread)."""
    shared = open_source(source)
    try:
        release_copy(local, shared)
    finally:
        shared.close()


class CheckoutCommands(QObject):
    """Runs the check-out commands for a main window."""

    #: A check-out, check-in or cancellation changed what the window must show.
    changed = Signal()

    def __init__(self, window: MainWindow, *, pool: WorkPool) -> None:
        super().__init__(window)
        self.window = window
        self.pool = pool
        self.prompts = CheckoutPrompts(self)
        self.job: Job | None = None
        self.state = WindowCheckouts(None, {})
        #: The last check-in dialog shown (tests look at it).
        self.dialog: CheckinDialog | None = None

    def refresh(self) -> WindowCheckouts:
        self.state = read_state(self.window.database)
        return self.state

    # ---------------------------------------------------------------- check out
    def check_out(self) -> Job | None:
        """Ask which project and which file, then write the copy in the background."""
        window = self.window
        title = translate("CheckoutCommands", "Check out project")
        if self.job is not None:
            return self.job
        database = window.database
        if self.state.copy is not None:
            self._say(title, translate("CheckoutCommands", "This file is already an offline copy."))
            return None
        if database.read_only:
            self._say(
                title,
                translate(
                    "CheckoutCommands", "The database is read-only: nothing can be checked out."
                ),
            )
            return None
        projects = self._projects()
        if not projects:
            self._say(title, translate("CheckoutCommands", "There is no project to check out."))
            return None
        dialog = CheckoutDialog(
            projects, window.project_id, _folder(), self.prompts.choose_file, window
        )
        try:
            if not self.prompts.exec_dialog(dialog):
                return None
            project_id, path, force = dialog.choice()
        finally:
            dialog.deleteLater()
        QSettings().setValue(FOLDER_KEY, str(path.parent))
        job = self._start(
            title,
            translate("CheckoutCommands", "Writing {name}…").format(name=path.name),
            run_checkout,
            database,
            project_id,
            path,
            force,
            cancellable=True,
        )
        job.succeeded.connect(lambda info: self._checked_out(info, path))
        return job

    def _projects(self) -> list[ProjectChoice]:
        window = self.window
        query = select(Project.id, Project.code, Project.name).order_by(Project.code)
        if window.portfolio_id is not None:
            query = query.where(Project.portfolio_id == window.portfolio_id)
        with window.database.session() as session:
            rows = session.execute(query).all()
        out = self.state.out
        return [ProjectChoice(row.id, row.code, row.name, out.get(row.id)) for row in rows]

    def _checked_out(self, info: object, path: Path) -> None:
        assert isinstance(info, CheckoutInfo)
        self.changed.emit()
        question = translate(
            "CheckoutCommands",
            "{code} is checked out into {path}. Others now see it as checked out by you.\n\n"
            "Open the offline copy now?",
        ).format(code=info.project_code, path=path)
        if self.window.dialogs.question(
            self.window, translate("CheckoutCommands", "Checked out"), question
        ):
            self.window.open_location(str(path))

    # ----------------------------------------------------------------- check in
    def check_in(self) -> Job | None:
        """Dry-run the check-in of this copy, then show the dialog (see `_on_preview`)."""
        copy = self.state.copy
        title = translate("CheckoutCommands", "Check in")
        if self.job is not None:
            return self.job
        path = self.window.database.target.path
        if copy is None or path is None or copy.state is not CheckoutState.OPEN:
            self._say(
                title,
                translate(
                    "CheckoutCommands", "This database is not an open offline copy of a project."
                ),
            )
            return None
        return self._preview(copy, path)

    def _preview(self, copy: CopyInfo, path: Path) -> Job:
        title = translate("CheckoutCommands", "Check in")
        job = self._start(
            title,
            translate("CheckoutCommands", "Comparing with {source}…").format(source=copy.source),
            run_checkin,
            path,
            copy.source,
            None,
            True,
        )
        job.succeeded.connect(lambda preview: self._on_preview(copy, path, preview))
        return job

    def _on_preview(self, copy: CopyInfo, path: Path, preview: Any) -> None:
        assert isinstance(preview, CheckinResult)
        dialog = CheckinDialog(preview, copy, self.window)
        self.dialog = dialog
        try:
            if not self.prompts.exec_dialog(dialog):
                self.window.statusBar().showMessage(
                    translate("CheckoutCommands", "Check-in cancelled: nothing was written."),
                    MESSAGE_MS,
                )
                return
            decisions = dialog.decisions()
        finally:
            dialog.deleteLater()
        title = translate("CheckoutCommands", "Check in")
        job = self._start(
            title,
            translate("CheckoutCommands", "Checking in to {source}…").format(source=copy.source),
            run_checkin,
            path,
            copy.source,
            decisions,
            False,
        )
        job.succeeded.connect(lambda result: self._checked_in(copy, path, result))

    def _checked_in(self, copy: CopyInfo, path: Path, result: Any) -> None:
        assert isinstance(result, CheckinResult)
        if not result.written:  # the shared database changed meanwhile: decide again
            self._say(
                translate("CheckoutCommands", "Check in"),
                translate(
                    "CheckoutCommands",
                    "The shared database changed since the preview: there are new conflicts. "
                    "Nothing was written; please decide again.",
                ),
            )
            self._preview(copy, path)
            return
        self.changed.emit()
        self.window.statusBar().showMessage(
            translate(
                "CheckoutCommands", "Checked in {count} change(s) to {source}; check-out closed."
            ).format(count=result.changes, source=copy.source),
            MESSAGE_MS,
        )

    # ------------------------------------------------------------------- cancel
    def cancel_checkout(self) -> Job | None:
        """Release the check-out: from the copy (its edits abandoned), or in the shared
        database for the current project (by its holder, or a PMO admin)."""
        if self.job is not None:
            return self.job
        title = translate("CheckoutCommands", "Cancel check-out")
        copy = self.state.copy
        window = self.window
        if copy is not None:
            if copy.state is not CheckoutState.OPEN:
                self._say(title, translate("CheckoutCommands", "This copy is already closed."))
                return None
            question = translate(
                "CheckoutCommands",
                "Cancel the check-out of {code}?\n\nThe project is released in {source} and "
                "the changes made in this offline copy will NOT be checked in (this file keeps "
                "them, but can no longer be checked in).",
            ).format(code=copy.project_code, source=copy.source)
            if not window.dialogs.question(window, title, question):
                return None
            job = self._start(
                title,
                translate("CheckoutCommands", "Releasing {code}…").format(code=copy.project_code),
                run_release,
                window.database,
                copy.source,
            )
            job.succeeded.connect(lambda _none: self._released(copy.project_code))
            return job
        info = self.state.out.get(window.project_id) if window.project_id is not None else None
        if info is None:
            self._say(
                title, translate("CheckoutCommands", "The current project is not checked out.")
            )
            return None
        mine = info.checked_out_by == window.database.user_name
        if not (mine or window._is_pmo_admin()):
            self._say(
                title,
                translate(
                    "CheckoutCommands",
                    "Only {user}, who checked {code} out, or a PMO admin can cancel the check-out.",
                ).format(user=info.checked_out_by, code=info.project_code),
            )
            return None
        question = translate(
            "CheckoutCommands",
            "Cancel {user}'s check-out of {code} (on {host})?\n\nThe changes made in that "
            "offline copy ({file}) can then no longer be checked in.",
        ).format(
            user=info.checked_out_by,
            code=info.project_code,
            host=info.host,
            file=info.local_file,
        )
        if not window.dialogs.question(window, title, question):
            return None
        job = self._start(
            title,
            translate("CheckoutCommands", "Releasing {code}…").format(code=info.project_code),
            lambda _token: cancel_checkout(window.database, info.project_id, master_uuid=info.uuid),
        )
        job.succeeded.connect(lambda _info: self._released(info.project_code))
        return job

    def _released(self, code: str) -> None:
        self.changed.emit()
        self.window.statusBar().showMessage(
            translate("CheckoutCommands", "The check-out of {code} is cancelled.").format(
                code=code
            ),
            MESSAGE_MS,
        )

    # ------------------------------------------------------------------ helpers
    def _say(self, title: str, text: str) -> None:
        self.window.dialogs.information(self.window, title, text)

    def _start(
        self, title: str, label: str, function: Any, *args: object, cancellable: bool = False
    ) -> Job:
        job = run_with_progress(
            self.window,
            function,
            *args,
            title=title,
            label=label,
            pool=self.pool,
            cancellable=cancellable,
        )
        job.failed.connect(
            lambda error: self.window.dialogs.critical(self.window, title, str(error))
        )
        job.finished.connect(lambda: self._finished(job))
        self.job = job
        return job

    def _finished(self, job: Job) -> None:
        if self.job is job:
            self.job = None


def _folder() -> Path:
    saved = str(QSettings().value(FOLDER_KEY, "") or "")
    if saved and Path(saved).is_dir():
        return Path(saved)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()
