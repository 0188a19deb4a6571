"""Tearing a view down in a test without leaving work for the next test's event loop."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget

from pmo_desktop.ui.workers import WorkPool


def close_view(widget: QWidget, pool: WorkPool) -> None:
    """Cancel the view's reads, wait for the pool's threads, deliver what they sent, then
    delete the view at once, while its workspace and pool are still alive: a view left to
    a later deferred deletion crashed, now and then, inside the next test's event loop."""
    widget.cancel_loading()  # type: ignore[attr-defined]
    pool.drain()
    QApplication.processEvents()
    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
