"""The background-work funnel: results, progress, failure, cancel, delayed progress dialog."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from pmo_desktop.errors import ValidationError
from pmo_desktop.ui.workers import (
    ProgressToken,
    WorkCancelledError,
    WorkPool,
    default_pool,
    run_with_progress,
)


@pytest.fixture
def pool(qtbot):
    work_pool = WorkPool()
    yield work_pool
    assert work_pool.drain(10_000)


def _count(token: ProgressToken, steps: int) -> tuple[int, bool]:
    for step in range(1, steps + 1):
        token.progress(step, steps, f"step {step}")
    return steps, QThread.currentThread() is QApplication.instance().thread()


def test_a_function_runs_in_the_pool_and_reports(qtbot, pool) -> None:
    job = pool.submit(_count, 5)
    reports: list[tuple[int, int, str]] = []
    job.progressed.connect(lambda done, total, label: reports.append((done, total, label)))
    with qtbot.waitSignal(job.succeeded, timeout=10_000) as outcome:
        pass
    steps, on_gui_thread = outcome.args[0]
    assert steps == 5
    assert not on_gui_thread
    assert reports[-1] == (5, 5, "step 5")  # the last report always passes the throttle
    assert job.result == (5, False)
    assert not job.running


def test_slots_run_on_the_gui_thread(qtbot, pool) -> None:
    threads: list[bool] = []
    job = pool.submit(_count, 3)
    job.progressed.connect(
        lambda *_: threads.append(QThread.currentThread() is QApplication.instance().thread())
    )
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    assert threads and all(threads)


def test_a_failure_arrives_as_the_exception(qtbot, pool) -> None:
    def fail(token: ProgressToken) -> None:
        raise ValidationError("budget must not be negative")

    job = pool.submit(fail)
    with qtbot.waitSignal(job.failed, timeout=10_000) as outcome:
        pass
    assert isinstance(outcome.args[0], ValidationError)
    assert str(job.error) == "budget must not be negative"


def test_cancel_stops_the_function_at_its_next_report(qtbot, pool) -> None:
    reached_end = threading.Event()

    def wait_for_cancel(token: ProgressToken) -> None:
        token.progress(0, 10, "waiting")
        token.wait_cancelled(10)
        token.progress(1, 10, "after cancel")
        reached_end.set()

    job = pool.submit(wait_for_cancel)
    with qtbot.waitSignal(job.progressed, timeout=10_000):
        pass
    with qtbot.waitSignal(job.cancelled, timeout=10_000):
        job.cancel()
    assert not reached_end.is_set()
    assert pool.active_jobs == []


def test_token_is_a_progress_callback() -> None:
    reports: list[tuple[int, int, str]] = []
    token = ProgressToken(lambda *args: reports.append(args))
    token(1, 2, "half")
    token(2, 2, "done")
    assert reports[-1] == (2, 2, "done")
    token.cancel()
    with pytest.raises(WorkCancelledError):
        token(3, 3, "")


def test_progress_dialog_appears_only_when_work_lasts(qtbot, pool) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    quick = run_with_progress(parent, _count, 2, title="Quick", label="Counting", pool=pool)
    with qtbot.waitSignal(quick.finished, timeout=10_000):
        pass
    assert quick.progress_dialog is not None
    assert quick.progress_dialog.dialog is None

    def slow(token: ProgressToken) -> str:
        token.progress(1, 4, "working")
        token.wait_cancelled(30)
        token.raise_if_cancelled()
        return "done"

    job = run_with_progress(parent, slow, title="Slow", label="Working", pool=pool)
    controller = job.progress_dialog
    assert controller is not None
    qtbot.waitUntil(lambda: controller.dialog is not None, timeout=5_000)
    dialog = controller.dialog
    assert dialog.isVisible()
    assert dialog.windowTitle() == "Slow"
    qtbot.waitUntil(lambda: dialog.value() == 1 and dialog.maximum() == 4, timeout=5_000)
    with qtbot.waitSignal(job.cancelled, timeout=10_000):
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert controller.dialog is None


def test_drain_cancels_and_waits(qtbot) -> None:
    pool = WorkPool()
    started = threading.Event()

    def wait(token: ProgressToken) -> None:
        started.set()
        token.wait_cancelled(30)
        token.raise_if_cancelled()

    pool.submit(wait)
    assert started.wait(10)
    assert pool.drain(10_000)


def test_default_pool_belongs_to_the_application(qtbot) -> None:
    assert default_pool() is default_pool()
    assert default_pool().parent() is QApplication.instance()
