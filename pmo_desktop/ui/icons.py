"""The application's icon set: SVG package data turned into cached, palette-aware QIcons.

The SVG sources live in `resources/icons/` and are copied into the package by
`installer/build.py icons`; their outlines use `currentColor`, which becomes the palette's
text colour here, so the same drawing reads on light and dark themes (docs/icons.md).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from PySide6.QtCore import QByteArray, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QImage,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer

#: Every icon the application may ask for; each has `pmo_desktop/resources/icons/<name>.svg`.
ICON_NAMES: tuple[str, ...] = (
    "about", "add", "app", "baseline", "calendar", "collapse", "connect-server", "copy",
    "cost", "critical-path", "cut", "dashboard", "delete", "edit", "error", "excel", "expand",
    "export", "filter", "find", "gantt", "history", "import", "info", "level", "link", "lock",
    "milestone", "new-database", "open-database", "paste", "pdf", "project", "quit", "raid",
    "read-only", "redo", "reload", "reports", "resources", "risks", "save", "schedule",
    "settings", "status-report", "undo", "unlock", "user", "warning", "zoom-in", "zoom-out",
)  # fmt: skip

#: The sizes a QIcon reports as available; any other size is drawn on request just as sharp.
ICON_SIZES = (16, 20, 24, 32, 40, 48, 64)

#: How much of a disabled icon shows through (the rest is the background).
DISABLED_OPACITY = 0.4

_PACKAGE = "pmo_desktop.resources"
_FOREGROUND_PLACEHOLDER = b"currentColor"


def svg_data(name: str, foreground: QColor | None = None) -> bytes:
    """The SVG text of icon `name`, its `currentColor` replaced by `foreground` if given."""
    if name not in ICON_NAMES:
        raise ValueError(f"Unknown icon {name!r}; known icons: {', '.join(ICON_NAMES)}.")
    data = (resources.files(_PACKAGE) / "icons" / f"{name}.svg").read_bytes()
    if foreground is not None:
        data = data.replace(_FOREGROUND_PLACEHOLDER, foreground.name().encode("ascii"))
    return data


def render(name: str, size: int, foreground: QColor | None = None) -> QImage:
    """Icon `name` drawn on a transparent square image of `size` pixels."""
    renderer = QSvgRenderer(QByteArray(svg_data(name, foreground)))
    if not renderer.isValid():
        raise ValueError(f"Icon {name!r} is not a valid SVG drawing.")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def icon(name: str) -> QIcon:
    """The QIcon for `name` in the current palette's text colour (cached per colour)."""
    foreground = QGuiApplication.palette().color(QPalette.ColorRole.WindowText)
    return _cached_icon(name, foreground.name(QColor.NameFormat.HexArgb))


def app_icon() -> QIcon:
    """The application's own mark (window icon, taskbar, about box)."""
    return icon("app")


@cache
def _cached_icon(name: str, foreground: str) -> QIcon:
    return QIcon(SvgIconEngine(svg_data(name, QColor(foreground))))


class SvgIconEngine(QIconEngine):
    """Draws one SVG at exactly the size asked for (sharp at any size and pixel ratio).

    Pixmaps are rendered on first request and kept: an icon is drawn once per size and mode,
    so building a menu costs a parse, not a render of every size.
    """

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self._data = data
        self._renderer = QSvgRenderer(QByteArray(data))
        self._pixmaps: dict[tuple[int, int, QIcon.Mode], QPixmap] = {}

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        if mode == QIcon.Mode.Disabled:
            ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
            painter.drawPixmap(rect, self.pixmap(rect.size() * ratio, mode, state))
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._renderer.render(painter, QRectF(rect))
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        key = (size.width(), size.height(), mode)
        if key not in self._pixmaps:
            pixmap = QPixmap(size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            if mode == QIcon.Mode.Disabled:
                painter.setOpacity(DISABLED_OPACITY)
                painter.drawPixmap(0, 0, self.pixmap(size, QIcon.Mode.Normal, state))
            else:
                self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
            painter.end()
            self._pixmaps[key] = pixmap
        return self._pixmaps[key]

    def availableSizes(self, mode: QIcon.Mode, state: QIcon.State) -> list[QSize]:
        return [QSize(size, size) for size in ICON_SIZES]

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self._data)
