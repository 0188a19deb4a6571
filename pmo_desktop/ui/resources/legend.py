"""The colour scale of the loading grid, shown above it."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from pmo_desktop.ui.formatting import format_percent
from pmo_desktop.ui.resources.heatmap import BUCKET_COLOURS, FAR_OVER, OVER


class ScaleLegend(QWidget):
    """The colour scale of the grid: under-used to fully used, then over-allocated."""

    def sizeHint(self) -> QSize:
        return QSize(330, 20)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            metrics = painter.fontMetrics()
            x = 8
            labels = [(1, format_percent(0)), (11, format_percent(50)), (21, format_percent(100))]
            painter.setPen(QPen(QColor("#3C4043")))
            for shade in range(1, 22):
                painter.fillRect(QRect(x + (shade - 1) * 6, 4, 6, 12), BUCKET_COLOURS[shade])
            for shade, text in labels:
                painter.drawText(x + (shade - 1) * 6 - 4, 30, text)
            x += 21 * 6 + 10
            over = ((OVER, f"> {format_percent(100)}"), (FAR_OVER, f"> {format_percent(150)}"))
            for shade, text in over:
                painter.fillRect(QRect(x, 4, 14, 12), BUCKET_COLOURS[shade])
                painter.drawText(x + 18, 15, text)
                x += 18 + metrics.horizontalAdvance(text) + 10
        finally:
            painter.end()
