"""The demand histogram of one resource or role: hours per period stacked by project, the
capacity as a stepped line, and the part of each bar above it hatched in red."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from pmo_desktop.models import Rag
from pmo_desktop.ui.rag import RAG_COLOURS

#: Projects drawn in their own colour; the rest are stacked as one "other projects" band.
MAX_PROJECTS = 8
PROJECT_COLOURS = [
    QColor(code)
    for code in (
        "#5B9BD5", "#ED7D31", "#A5A5A5", "#4472C4", "#70AD47", "#9E480E", "#7E57C2", "#26A69A",
    )
]  # fmt: skip
OTHER_COLOUR = QColor("#CFD4DA")
CAPACITY_COLOUR = QColor("#202124")
OVER_COLOUR = QColor(RAG_COLOURS[Rag.RED])
_AXIS = QColor("#9AA0A6")
_GRID = QColor("#ECEEF1")
_TEXT = QColor("#3C4043")
_LEFT, _RIGHT, _TOP, _BOTTOM = 52, 12, 28, 34


def nice_step(top: float) -> float:
    """A round tick step giving about five ticks up to `top`."""
    raw = max(top, 1e-9) / 5
    magnitude = 10 ** int(f"{raw:e}".split("e")[1])
    for factor in (1, 2, 2.5, 5, 10):
        if factor * magnitude >= raw:
            return factor * magnitude
    return 10 * magnitude


class LoadHistogram(QWidget):
    """Demand by project against capacity for the periods of the grid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.labels: list[str] = []
        self.capacity: tuple[float, ...] = ()
        self.series: list[tuple[str, QColor, tuple[float, ...]]] = []
        self.highlight = -1
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(160)

    def sizeHint(self) -> QSize:
        return QSize(700, 240)

    def set_data(
        self,
        title: str,
        labels: list[str],
        capacity: tuple[float, ...],
        demand: dict[str, tuple[float, ...]],
        other_label: str,
    ) -> None:
        """`demand` hours per period by project name, largest total first is drawn lowest;
        projects past `MAX_PROJECTS` are summed as `other_label`."""
        ranked = sorted(demand.items(), key=lambda item: -sum(item[1]))
        series = [
            (name, PROJECT_COLOURS[index % len(PROJECT_COLOURS)], values)
            for index, (name, values) in enumerate(ranked[:MAX_PROJECTS])
        ]
        rest = ranked[MAX_PROJECTS:]
        if rest:
            summed = tuple(sum(values[k] for _, values in rest) for k in range(len(labels)))
            series.append((other_label.format(count=len(rest)), OTHER_COLOUR, summed))
        self.title, self.labels, self.capacity, self.series = title, labels, capacity, series
        self.update()

    def clear(self) -> None:
        self.set_data("", [], (), {}, "")

    def set_highlight(self, period: int) -> None:
        self.highlight = period
        self.update()

    def totals(self) -> list[float]:
        return [sum(values[k] for _, _, values in self.series) for k in range(len(self.labels))]

    def plot_rect(self) -> QRectF:
        return QRectF(
            _LEFT, _TOP, max(1, self.width() - _LEFT - _RIGHT),
            max(1, self.height() - _TOP - _BOTTOM),
        )  # fmt: skip

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        painter.fillRect(self.rect(), QColor("#FFFFFF"))
        painter.setPen(QPen(_TEXT))
        bold = painter.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(
            QRectF(8, 4, self.width() - 16, 20), Qt.AlignmentFlag.AlignLeft, self.title
        )
        normal = self.font()
        small = self.font()
        small.setPointSizeF(normal.pointSizeF() * 0.85)
        painter.setFont(small)
        count = len(self.labels)
        if not count:
            return
        totals = self.totals()
        top_value = max([*totals, *self.capacity, 1.0]) * 1.08
        step = nice_step(top_value)
        plot = self.plot_rect()
        scale = plot.height() / top_value
        metrics = painter.fontMetrics()
        value = 0.0
        while value <= top_value:
            y = plot.bottom() - value * scale
            painter.setPen(QPen(_GRID))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QPen(_TEXT))
            painter.drawText(
                QRectF(0, y - 8, _LEFT - 6, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                self.locale().toString(value, "f", 0 if step >= 1 else 1),
            )
            value += step
        slot = plot.width() / count
        bar = max(1.0, slot * 0.78)
        if 0 <= self.highlight < count:
            painter.fillRect(
                QRectF(plot.left() + self.highlight * slot, plot.top(), slot, plot.height()),
                QColor("#E3EEFB"),
            )
        painter.setPen(Qt.PenStyle.NoPen)
        for k in range(count):
            left = plot.left() + k * slot + (slot - bar) / 2
            base = 0.0
            for _, colour, values in self.series:
                hours = values[k]
                if hours <= 0:
                    continue
                rect = QRectF(left, plot.bottom() - (base + hours) * scale, bar, hours * scale)
                painter.fillRect(rect, colour)
                base += hours
            capacity = self.capacity[k] if k < len(self.capacity) else 0.0
            if totals[k] > capacity + 1e-6:
                over = QRectF(
                    left, plot.bottom() - totals[k] * scale, bar, (totals[k] - capacity) * scale
                )
                painter.fillRect(over, QBrush(QColor(198, 40, 40, 110)))
                painter.fillRect(over, QBrush(OVER_COLOUR, Qt.BrushStyle.BDiagPattern))
                painter.setPen(QPen(OVER_COLOUR, 1.5))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(over)
                painter.setPen(Qt.PenStyle.NoPen)
        line = QPolygonF()
        for k in range(count):
            capacity = self.capacity[k] if k < len(self.capacity) else 0.0
            y = plot.bottom() - capacity * scale
            line.append(QPointF(plot.left() + k * slot, y))
            line.append(QPointF(plot.left() + (k + 1) * slot, y))
        capacity_pen = QPen(CAPACITY_COLOUR, 2)
        capacity_pen.setCosmetic(True)
        painter.setPen(capacity_pen)
        painter.drawPolyline(line)
        painter.setPen(QPen(_AXIS))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.setPen(QPen(_TEXT))
        every = max(1, int((metrics.horizontalAdvance("00 MMM") + 8) // max(slot, 1)) + 1)
        for k in range(0, count, every):
            painter.drawText(
                QRectF(plot.left() + k * slot - 20, plot.bottom() + 2, 40 + slot, 16),
                Qt.AlignmentFlag.AlignLeft,
                self.labels[k],
            )
        self._paint_legend(painter, plot)

    def _paint_legend(self, painter: QPainter, plot: QRectF) -> None:
        entries = [(self.tr("Capacity"), CAPACITY_COLOUR), (self.tr("Over-allocated"), OVER_COLOUR)]
        entries += [(name, colour) for name, colour, _ in self.series]
        metrics = painter.fontMetrics()
        x = plot.left()
        y = self.height() - 14
        for name, colour in entries:
            text = metrics.elidedText(name, Qt.TextElideMode.ElideRight, 140)
            needed = 16 + metrics.horizontalAdvance(text) + 12
            if x + needed > self.width() - _RIGHT:
                break
            painter.fillRect(QRectF(x, y - 4, 10, 10), colour)
            painter.setPen(QPen(_TEXT))
            painter.drawText(QPointF(x + 14, y + 5), text)
            x += needed
