"""Unhandled exceptions: logged with their traceback, then told to the user in a dialog.

Without this, an exception in a slot prints to a console nobody sees (or, frozen, is lost).
`install_exception_hook` replaces `sys.excepthook` and `threading.excepthook`: the error goes
to the log file and a `CrashDialog` names that file. One dialog at a time: further errors
while it is open are logged and counted on it.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.logs import current_log_file, setup_logging

log = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def describe(exc_type: type[BaseException], exc: BaseException) -> str:
    """One line naming the error: `ValueError: bad value`."""
    text = " ".join(str(exc).split())
    return f"{exc_type.__name__}: {text}" if text else exc_type.__name__


class CrashDialog(QDialog):
    """ "Something went wrong": the error, the log file's path, and the traceback on demand."""

    def __init__(
        self, summary: str, details: str, log_path: Path | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("PMO Desktop — unexpected error"))
        self.setObjectName("crashDialog")
        self._log_path = log_path
        self._details = details
        self._summary = summary

        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        headline = QLabel(self.tr("Something went wrong"))
        font = headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        headline.setFont(font)
        intro = QLabel(
            self.tr("PMO Desktop met an unexpected error and could not finish what it was doing:")
        )
        intro.setWordWrap(True)
        self.message_label = QLabel(summary)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.message_label.font()
        font.setBold(True)
        self.message_label.setFont(font)
        if log_path is not None:
            where = self.tr("The details were written to this log file:")
        else:
            where = self.tr("No log file could be written; the details are below.")
        self.where_label = QLabel(where)
        self.log_path_edit = QLineEdit(str(log_path) if log_path is not None else "")
        self.log_path_edit.setReadOnly(True)
        self.log_path_edit.setVisible(log_path is not None)
        self.log_path_edit.setMinimumWidth(420)
        self.more_label = QLabel()
        self.more_label.setVisible(False)

        self.details_button = QToolButton()
        self.details_button.setText(self.tr("Show &details"))
        self.details_button.setCheckable(True)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setArrowType(Qt.ArrowType.RightArrow)
        self.details_button.setAutoRaise(True)
        self.details_button.toggled.connect(self.set_details_visible)
        self.details_edit = QPlainTextEdit(details)
        self.details_edit.setReadOnly(True)
        self.details_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details_edit.setMinimumHeight(180)
        self.details_edit.setVisible(False)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("&Copy details"))
        self.copy_button.clicked.connect(self.copy_details)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_folder_button = QPushButton(self.tr("Open log &folder"))
        self.open_folder_button.setEnabled(log_path is not None)
        self.open_folder_button.clicked.connect(self.open_log_folder)
        buttons.addButton(self.open_folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setDefault(True)
        buttons.rejected.connect(self.reject)

        text = QVBoxLayout()
        text.addWidget(headline)
        text.addWidget(intro)
        text.addWidget(self.message_label)
        text.addSpacing(6)
        text.addWidget(self.where_label)
        text.addWidget(self.log_path_edit)
        text.addWidget(self.more_label)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addSpacing(8)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.details_edit, 1)
        layout.addWidget(buttons)
        self.close_button.setFocus()

    @property
    def details_visible(self) -> bool:
        return not self.details_edit.isHidden()

    @Slot(bool)
    def set_details_visible(self, visible: bool) -> None:
        self.details_edit.setVisible(visible)
        self.details_button.setArrowType(
            Qt.ArrowType.DownArrow if visible else Qt.ArrowType.RightArrow
        )
        hide, show = self.tr("Hide &details"), self.tr("Show &details")
        self.details_button.setText(hide if visible else show)
        if self.details_button.isChecked() != visible:
            self.details_button.setChecked(visible)
        self.adjustSize()

    def note_more_errors(self, count: int) -> None:
        """Say that `count` further errors happened while this dialog was open."""
        self.more_label.setText(
            self.tr("%n more error(s) happened since; they are in the log file too.", "", count)
        )
        self.more_label.setVisible(True)

    def details_text(self) -> str:
        log_line = f"Log file: {self._log_path}\n" if self._log_path is not None else ""
        return f"{self._summary}\n{log_line}\n{self._details}"

    @Slot()
    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())

    @Slot()
    def open_log_folder(self) -> None:
        if self._log_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._log_path.parent)))


class ExceptionHook(QObject):
    """Logs unhandled exceptions and shows at most one `CrashDialog` at a time."""

    #: Emitted (summary) each time an unhandled exception has been logged.
    reported = Signal(str)
    _from_other_thread = Signal(str, str)

    def __init__(
        self,
        log_path: Path | None,
        *,
        parent_widget: Callable[[], QWidget | None] | None = None,
        show_dialog: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.log_path = log_path
        self.show_dialog = show_dialog
        self._parent_widget = parent_widget or QApplication.activeWindow
        self.dialog: CrashDialog | None = None
        self.suppressed = 0
        self._previous_excepthook: Callable[..., object] | None = None
        self._previous_threading_hook: Callable[..., object] | None = None
        self._from_other_thread.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        self._previous_excepthook = sys.excepthook
        self._previous_threading_hook = threading.excepthook
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        if sys.excepthook == self.handle and self._previous_excepthook is not None:
            sys.excepthook = self._previous_excepthook
        if threading.excepthook == self._handle_thread and self._previous_threading_hook:
            threading.excepthook = self._previous_threading_hook

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        """The `sys.excepthook`: log, then tell the user (never raises itself)."""
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        try:
            summary = describe(exc_type, exc)
            details = "".join(traceback.format_exception(exc_type, exc, tb))
            log.critical("Unhandled exception: %s", summary, exc_info=(exc_type, exc, tb))
            self.reported.emit(summary)
            if not self.show_dialog or QCoreApplication.instance() is None:
                return
            if QThread.currentThread() is QCoreApplication.instance().thread():
                self._show(summary, details)
            else:
                self._from_other_thread.emit(summary, details)
        except Exception:  # the hook of last resort must not fail silently nor recurse
            sys.__excepthook__(exc_type, exc, tb)

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    @Slot(str, str)
    def _show(self, summary: str, details: str) -> None:
        if self.dialog is not None:
            self.suppressed += 1
            self.dialog.note_more_errors(self.suppressed)
            return
        self.suppressed = 0
        dialog = CrashDialog(summary, details, self.log_path, self._parent_widget())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_closed)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def _on_closed(self) -> None:
        self.dialog = None
        self.suppressed = 0


def install_exception_hook(
    log_path: Path | None = None,
    *,
    parent_widget: Callable[[], QWidget | None] | None = None,
    show_dialog: bool = True,
) -> ExceptionHook:
    """Set up the log file (if not done yet) and route unhandled exceptions to it and a dialog.

    Keep the returned hook for the life of the application; `uninstall()` restores the
    previous hooks.
    """
    if log_path is None:
        log_path = current_log_file() or setup_logging()
    hook = ExceptionHook(
        log_path,
        parent_widget=parent_widget,
        show_dialog=show_dialog,
        parent=QCoreApplication.instance(),
    )
    hook.install()
    return hook
