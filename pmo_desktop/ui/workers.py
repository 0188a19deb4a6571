"""The one funnel for background work: plain functions run in a thread pool.

A function receives a `ProgressToken` first: it reports `progress(done, total, label)` and
stops when the user cancels (the token raises `WorkCancelledError` at its next report). A `Job`
lives in the GUI thread and re-emits what the worker reports, so every slot connected to a
job runs on the GUI thread. A progress dialog appears only when a job lasts longer than
`SHOW_PROGRESS_AFTER_MS` (Anki's rule: quick work should not flash a dialog). The pool is
drained (jobs cancelled, then awaited) when the application quits.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

SHOW_PROGRESS_AFTER_MS = 600
#: Progress reports closer together than this are dropped (the last one always passes).
_REPORT_INTERVAL_S = 0.05


class WorkCancelledError(Exception):
    """Raised inside a background function when the user cancelled it."""


class ProgressToken:
    """What a background function gets: a progress callback and a cancel flag (thread-safe).

    The token is itself callable as `progress(done, total, label)`, the signature services
    take, so it can be handed straight to them.
    """

    def __init__(self, report: Callable[[int, int, str], None] | None = None) -> None:
        self._report = report
        self._cancel = threading.Event()
        self._last_report = 0.0

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def raise_if_cancelled(self) -> None:
        if self._cancel.is_set():
            raise WorkCancelledError

    def wait_cancelled(self, timeout: float | None = None) -> bool:
        """Block until cancelled (or `timeout` seconds): for work that waits on something."""
        return self._cancel.wait(timeout)

    def progress(self, done: int, total: int, label: str = "") -> None:
        self.raise_if_cancelled()
        now = time.monotonic()
        if self._report is not None and (
            done >= total or now - self._last_report >= _REPORT_INTERVAL_S
        ):
            self._last_report = now
            self._report(done, total, label)

    __call__ = progress


class Job(QObject):
    """One background call, seen from the GUI thread: progress, then exactly one outcome.

    After `succeeded(result)`, `failed(exception)` or `cancelled()`, `finished()` follows.
    """

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    _progress_from_worker = Signal(int, int, str)
    _outcome_from_worker = Signal(str, object)

    def __init__(self, label: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.token = ProgressToken(self._progress_from_worker.emit)
        self.running = True
        self.result: Any = None
        self.error: BaseException | None = None
        self.progress_dialog: ProgressDialogController | None = None
        queued = Qt.ConnectionType.QueuedConnection
        self._progress_from_worker.connect(self._on_progress, queued)
        self._outcome_from_worker.connect(self._on_outcome, queued)

    def cancel(self) -> None:
        self.token.cancel()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, label: str) -> None:
        if self.running:
            self.progressed.emit(done, total, label)

    @Slot(str, object)
    def _on_outcome(self, outcome: str, value: object) -> None:
        self.running = False
        if outcome == "succeeded":
            self.result = value
            self.succeeded.emit(value)
        elif outcome == "cancelled":
            self.cancelled.emit()
        else:
            self.error = value if isinstance(value, BaseException) else None
            self.failed.emit(value)
        self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, job: Job, call: Callable[[ProgressToken], object]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the job keeps it alive: PySide must not free it under us
        self._job = job
        self._call = call

    def run(self) -> None:
        job = self._job
        try:
            result = self._call(job.token)
        except WorkCancelledError:
            job._outcome_from_worker.emit("cancelled", None)
        except BaseException as exc:
            if job.token.cancelled:
                job._outcome_from_worker.emit("cancelled", None)
            else:
                log.debug("Background job %r failed", job.label, exc_info=True)
                job._outcome_from_worker.emit("failed", exc)
        else:
            job._outcome_from_worker.emit("succeeded", result)


class WorkPool(QObject):
    """A thread pool that remembers its jobs, so that it can cancel and await them."""

    def __init__(self, parent: QObject | None = None, *, max_threads: int | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        if max_threads is not None:
            self._pool.setMaxThreadCount(max_threads)
        self._jobs: dict[Job, _Runnable] = {}

    def submit(
        self,
        function: Callable[Concatenate[ProgressToken, P], R],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> Job:
        """Run `function(token, *args, **kwargs)` in the pool; connect to the job's signals."""
        job = Job(getattr(function, "__name__", ""), self)
        runnable = _Runnable(job, lambda token: function(token, *args, **kwargs))
        self._jobs[job] = runnable
        job.finished.connect(self._on_job_finished)
        self._pool.start(runnable)
        return job

    @Slot()
    def _on_job_finished(self) -> None:
        job = self.sender()
        if isinstance(job, Job):
            self._jobs.pop(job, None)
            job.deleteLater()

    @property
    def active_jobs(self) -> list[Job]:
        return list(self._jobs)

    def drain(self, timeout_ms: int = 30_000) -> bool:
        """Cancel every job and wait for the threads; False if some did not stop in time."""
        for job in self._jobs:
            job.cancel()
        return self._pool.waitForDone(timeout_ms)


_default_pool: WorkPool | None = None


def default_pool() -> WorkPool:
    """The application's pool, drained when the application is about to quit."""
    global _default_pool
    app = QCoreApplication.instance()
    if _default_pool is None or _default_pool.parent() is not app:
        _default_pool = WorkPool(app)
        if app is not None:
            app.aboutToQuit.connect(_default_pool.drain)
    return _default_pool


class ProgressDialogController(QObject):
    """Shows a job's progress in a window-modal dialog once it has run for a while."""

    def __init__(
        self,
        job: Job,
        parent: QWidget | None,
        title: str,
        label: str,
        *,
        cancellable: bool = True,
        delay_ms: int = SHOW_PROGRESS_AFTER_MS,
    ) -> None:
        super().__init__(job)
        self._job = job
        self._parent = parent
        self._title = title
        self._label = label
        self._cancellable = cancellable
        self._last: tuple[int, int, str] = (0, 0, label)
        self.dialog: QProgressDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show)
        job.progressed.connect(self._on_progress)
        job.finished.connect(self._close)
        self._timer.start(delay_ms)

    def _show(self) -> None:
        if not self._job.running:
            return
        dialog = QProgressDialog(self._parent)
        dialog.setWindowTitle(self._title)
        dialog.setLabelText(self._label)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(420)
        if self._cancellable:
            dialog.canceled.connect(self._on_cancel)
        else:
            dialog.setCancelButton(None)
        self.dialog = dialog
        self._apply(*self._last)
        dialog.show()

    def _on_progress(self, done: int, total: int, label: str) -> None:
        self._last = (done, total, label or self._label)
        if self.dialog is not None:
            self._apply(*self._last)

    def _apply(self, done: int, total: int, label: str) -> None:
        assert self.dialog is not None
        if total > 0:
            self.dialog.setRange(0, total)
            self.dialog.setValue(min(done, total))
        else:
            self.dialog.setRange(0, 0)
        self.dialog.setLabelText(label)

    def _on_cancel(self) -> None:
        self._job.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(self.tr("Cancelling…"))

    def _close(self) -> None:
        self._timer.stop()
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None


def run_with_progress(
    parent: QWidget | None,
    function: Callable[..., object],
    *args: Any,
    title: str,
    label: str,
    pool: WorkPool | None = None,
    cancellable: bool = True,
) -> Job:
    """Submit `function(token, *args)` and show its progress if it lasts; returns the job."""
    job = (pool or default_pool()).submit(function, *args)
    job.progress_dialog = ProgressDialogController(
        job, parent, title, label, cancellable=cancellable
    )
    return job
