"""RAG colours and the small painted dots that show a rating wherever a project appears."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPen, QPixmap

from pmo_desktop.models import Rag

#: Strong enough to read on white and on a selection highlight; grey means "no report".
RAG_COLOURS: dict[Rag | None, str] = {
    Rag.RED: "#C62828",
    Rag.AMBER: "#E69A00",
    Rag.GREEN: "#2E7D32",
    None: "#9E9E9E",
}

#: Higher is worse: sorting by it puts red projects together, then amber, then green.
RAG_SEVERITY: dict[Rag | None, int] = {None: 0, Rag.GREEN: 1, Rag.AMBER: 2, Rag.RED: 3}

DOT_SIZE = 12


def rag_colour(rag: Rag | None) -> QColor:
    return QColor(RAG_COLOURS[rag])


def rag_text_colour(rag: Rag | None) -> QColor:
    """Text drawn on a RAG fill: dark on amber (white would not read), white elsewhere."""
    return QColor("#1F1F1F") if rag is Rag.AMBER else QColor("#FFFFFF")


@cache
def rag_icon(rag: Rag | None, size: int = DOT_SIZE) -> QIcon:
    """A filled circle with a thin darker rim, sharp at the screen's pixel ratio."""
    screen = QGuiApplication.primaryScreen() if QGuiApplication.instance() else None
    ratio = screen.devicePixelRatio() if screen is not None else 1.0
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    colour = rag_colour(rag)
    painter = QPainter(pixmap)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(colour.darker(130), 1.0))
        painter.setBrush(colour)
        painter.drawEllipse(QRectF(1.5, 1.5, size - 3, size - 3))
    finally:
        painter.end()
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)  # keep the true colour on a selected row
    return icon
