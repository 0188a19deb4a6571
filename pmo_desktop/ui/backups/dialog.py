"""The Backups dialog: the open database's daily backups, "Back up now" and "Restore…".

Backing up and restoring run in the work pool. A restore closes the open database (its
editing lease is released) before the file is replaced; `restored(path)` then tells the
window to reopen the file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QLocale, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.errors import PmoError
from pmo_desktop.storage.backup_rotation import (
    KEEP_DAILY,
    KEEP_WEEKLY,
    BackupInfo,
    backup_folder,
    daily_backup,
    list_backups,
)
from pmo_desktop.storage.database import Database
from pmo_desktop.storage.restore import RestoreError, RestoreOutcome, restore
from pmo_desktop.ui.backups.model import DAY, FILE, SIZE, TAKEN, BackupListModel
from pmo_desktop.ui.dialogs import Dialogs
from pmo_desktop.ui.workers import Job, ProgressToken, WorkPool, run_with_progress


def _back_up_now(_token: ProgressToken, database: Database) -> Path | None:
    return daily_backup(database, force=True)


def _restore(_token: ProgressToken, backup: Path, database: Database) -> RestoreOutcome:
    return restore(backup, database.target, replace=True, release=database)


class BackupsDialog(QDialog):
    """Lists the backups of `database`; emits `restored(path)` once a restore closed it."""

    #: The open database was closed for a restore: reopen the file at this path (it holds
    #: the backup, or, if the swap failed — the user was told — the file as it was).
    restored = Signal(Path)

    def __init__(
        self,
        database: Database,
        dialogs: Dialogs,
        parent: QWidget | None = None,
        *,
        pool: WorkPool | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Backups"))
        self._database = database
        self._dialogs = dialogs
        self._pool = pool
        self.job: Job | None = None
        path = database.target.path
        self._folder = backup_folder(path) if path is not None else None

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextFormat(Qt.TextFormat.PlainText)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setStyleSheet("color: palette(placeholder-text);")
        self.model = BackupListModel(self)
        self.table = QTreeView()
        self.table.setModel(self.model)
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setStyleSheet("QTreeView::item { padding: 3px 12px 3px 0px; }")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(DAY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TAKEN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SIZE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FILE, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self.restore_selected)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: palette(placeholder-text); padding: 24px;")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.backup_button = QPushButton(self.tr("&Back up now"))
        self.backup_button.setToolTip(self.tr("Take today's backup now (it replaces today's)"))
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(self.tr("&Restore…"))
        self.restore_button.setToolTip(
            self.tr("Replace the database with the selected backup (the current file is kept)")
        )
        self.restore_button.clicked.connect(self.restore_selected)
        self.folder_button = QPushButton(self.tr("Open &folder"))
        self.folder_button.clicked.connect(self._open_folder)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.resize(640, 420)
        self._describe()
        self.refresh()

    def _describe(self) -> None:
        path = self._database.target.path
        if path is None:
            self.intro.setText(
                self.tr(
                    "{database} is a database server: its administrator backs it up with the "
                    "server's own tools. Daily backups are kept for database files only."
                ).format(database=self._database.display)
            )
            return
        self.intro.setText(
            self.tr(
                "PMO Desktop backs up {file} once a day when you open it, into your own data "
                "folder: the last {daily} days are kept, and one backup a week for {weekly} "
                "weeks."
            ).format(file=path.name, daily=KEEP_DAILY, weekly=KEEP_WEEKLY)
        )
        self.folder_label.setText(self.tr("Folder: {folder}").format(folder=self._folder))

    @Slot()
    def refresh(self) -> None:
        """Read the folder again (a dozen files: quick enough for the GUI thread)."""
        path = self._database.target.path
        backups = list_backups(path) if path is not None else []
        self.model.set_backups(backups)
        if backups:
            self.table.setCurrentIndex(self.model.index(0, DAY))
        has_rows = bool(backups)
        self.table.setVisible(has_rows)
        self.empty_label.setVisible(not has_rows)
        if path is not None and not has_rows:
            self.empty_label.setText(
                self.tr("No backups yet: the first one is taken when you open this database.")
            )
        self._update_buttons()

    def selected_backup(self) -> BackupInfo | None:
        return self.model.backup(self.table.currentIndex().row())

    @Slot()
    def _update_buttons(self) -> None:
        idle = self.job is None
        is_file = self._database.target.path is not None
        self.backup_button.setEnabled(idle and is_file)
        self.restore_button.setEnabled(idle and is_file and self.selected_backup() is not None)
        self.folder_button.setEnabled(
            is_file and self._folder is not None and self._folder.is_dir()
        )

    @Slot()
    def back_up_now(self) -> None:
        self.status.setText(self.tr("Backing up…"))
        self._start(
            run_with_progress(
                self,
                _back_up_now,
                self._database,
                title=self.tr("Backups"),
                label=self.tr("Backing up {file}…").format(file=self._database.display),
                pool=self._pool,
                cancellable=False,
            )
        )
        assert self.job is not None
        self.job.succeeded.connect(self._on_backed_up)
        self.job.failed.connect(self._on_backup_failed)

    @Slot()
    def restore_selected(self) -> None:
        info = self.selected_backup()
        path = self._database.target.path
        if info is None or path is None or self.job is not None:
            return
        question = self.tr(
            "Replace {file} with the backup of {day}, taken at {time}?\n\n"
            "Changes made since then will not be in the restored database. The current file "
            "is kept beside it as {kept}. The database is closed and reopened."
        ).format(
            file=path.name,
            day=QLocale().toString(QDate(info.day.year, info.day.month, info.day.day)),
            time=info.taken.strftime("%H:%M"),
            kept=f"{path.stem}.before-restore-….sqlite",
        )
        if not self._dialogs.question(self, self.tr("Restore backup"), question):
            return
        self.status.setText(self.tr("Restoring…"))
        self._start(
            run_with_progress(
                self,
                _restore,
                info.path,
                self._database,
                title=self.tr("Backups"),
                label=self.tr("Restoring {file}…").format(file=path.name),
                pool=self._pool,
                cancellable=False,
            )
        )
        assert self.job is not None
        self.job.succeeded.connect(self._on_restored)
        self.job.failed.connect(self._on_restore_failed)

    def _start(self, job: Job) -> None:
        self.job = job
        job.finished.connect(self._on_finished)
        self._update_buttons()

    @Slot()
    def _on_finished(self) -> None:
        self.job = None
        self._update_buttons()

    @Slot(object)
    def _on_backed_up(self, path: object) -> None:
        self.refresh()
        if isinstance(path, Path):
            self.status.setText(self.tr("Backed up to {path}.").format(path=path))

    @Slot(object)
    def _on_backup_failed(self, error: object) -> None:
        self.status.setText("")
        self._dialogs.critical(self, self.tr("Backup failed"), _message(error))
        self.refresh()

    @Slot(object)
    def _on_restored(self, outcome: object) -> None:
        assert isinstance(outcome, RestoreOutcome)
        lines = [
            self.tr("{file} was restored from {backup}.").format(
                file=outcome.target.name, backup=outcome.backup.name
            )
        ]
        if outcome.kept is not None:
            lines.append(self.tr("The replaced file was kept as {kept}.").format(kept=outcome.kept))
        self._dialogs.information(self, self.tr("Backup restored"), "\n\n".join(lines))
        self.restored.emit(outcome.target)
        self.accept()

    @Slot(object)
    def _on_restore_failed(self, error: object) -> None:
        self.status.setText("")
        self._dialogs.critical(self, self.tr("Restore failed"), _message(error))
        if isinstance(error, RestoreError) and error.database_closed:
            path = self._database.target.path
            assert path is not None
            self.restored.emit(path)
            self.accept()

    @Slot()
    def _open_folder(self) -> None:
        if self._folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._folder)))


def _message(error: object) -> str:
    if isinstance(error, PmoError):
        return str(error)
    return f"{type(error).__name__}: {error}"
