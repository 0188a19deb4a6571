"""Render a window at an exact size and save it as a PNG, never leaving a half-written file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QIODevice, QSaveFile, Qt
from PySide6.QtWidgets import QWidget

from pmo_desktop.errors import PmoError

#: Event-loop passes before grabbing: layouts, the models' first fill, deferred repaints.
_SETTLE_PASSES = 5


def prepare_screenshot(widget: QWidget, size: tuple[int, int]) -> None:
    """Show `widget` off screen at `size` (pixels), so that it lays out and loads its data."""
    width, height = size
    if width <= 0 or height <= 0:
        raise PmoError(f"Invalid screenshot size {width}x{height}.")
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    widget.setFixedSize(width, height)
    widget.show()


def save_screenshot(widget: QWidget, path: Path, size: tuple[int, int]) -> None:
    """Show `widget` off screen at `size` (pixels), grab it and write `path` as PNG."""
    width, height = size
    prepare_screenshot(widget, size)
    for _ in range(_SETTLE_PASSES):
        QCoreApplication.processEvents()
    pixmap = widget.grab()
    if pixmap.width() != width or pixmap.height() != height:  # a high-DPI screen
        pixmap = pixmap.scaled(
            width,
            height,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        pixmap.setDevicePixelRatio(1.0)
    target = QSaveFile(str(path))
    if not target.open(QIODevice.OpenModeFlag.WriteOnly):
        raise PmoError(f"Cannot write the screenshot {path}: {target.errorString()}.")
    if not pixmap.save(target, "PNG") or not target.commit():
        target.cancelWriting()
        raise PmoError(f"Cannot write the screenshot {path}: {target.errorString()}.")
