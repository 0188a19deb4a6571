"""A 5 × 5 probability × impact heat map painted with QPainter; a click picks a cell.

Probability goes up (5 at the top), impact across, as in the board pack. Cells are tinted by
score zone; a non-empty cell prints its count, the picked cell gets a dark frame.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from pmo_desktop.services.risk_register import SCALE, HeatCounts
from pmo_desktop.ui.risks.table import zone_fill

_EMPTY: HeatCounts = tuple(tuple(0 for _ in range(SCALE)) for _ in range(SCALE))
_TEXT = QColor("#1F1F1F")
_GRID = QColor("#FFFFFF")
_FRAME = QColor("#1F1F1F")


class HeatMap(QWidget):
    """One heat map (inherent or residual) of the register's filtered risks."""

    #: The user clicked the cell of (probability, impact).
    cell_clicked = Signal(int, int)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.counts: HeatCounts = _EMPTY
        self.selected: tuple[int, int] | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(200, 200)

    def sizeHint(self) -> QSize:
        return QSize(260, 260)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def set_counts(self, counts: HeatCounts) -> None:
        self.counts = counts
        self.update()

    def set_selected(self, cell: tuple[int, int] | None) -> None:
        self.selected = cell
        self.update()

    def count(self, probability: int, impact: int) -> int:
        return self.counts[probability - 1][impact - 1]

    # Geometry.

    def _bands(self) -> tuple[float, float, float]:
        metrics = self.fontMetrics()
        return metrics.height() * 1.6, metrics.height() * 2.6, metrics.height() * 2.4

    def grid_rect(self) -> QRectF:
        """The square of the 25 cells, below the title, right of the probability labels."""
        top, left, bottom = self._bands()
        side = max(min(self.width() - left - 6, self.height() - top - bottom), 50.0)
        x = left + (self.width() - left - 6 - side) / 2
        return QRectF(x, top, side, side)

    def cell_rect(self, probability: int, impact: int) -> QRectF:
        grid = self.grid_rect()
        cell = grid.width() / SCALE
        return QRectF(
            grid.left() + (impact - 1) * cell, grid.top() + (SCALE - probability) * cell, cell, cell
        )

    def cell_at(self, point: QPointF) -> tuple[int, int] | None:
        grid = self.grid_rect()
        if not grid.contains(point):
            return None
        cell = grid.width() / SCALE
        impact = min(int((point.x() - grid.left()) // cell) + 1, SCALE)
        probability = SCALE - min(int((point.y() - grid.top()) // cell), SCALE - 1)
        return probability, impact

    # Painting and mouse.

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        palette_text = self.palette().windowText().color()
        top = self._bands()[0]
        grid = self.grid_rect()
        title_font = QFont(self.font())
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(palette_text)
        painter.drawText(
            QRectF(grid.left(), 0, grid.width(), top), Qt.AlignmentFlag.AlignCenter, self.title
        )
        count_font = QFont(self.font())
        count_font.setBold(True)
        count_font.setPointSizeF(self.font().pointSizeF() * 1.15)
        for probability in range(1, SCALE + 1):
            for impact in range(1, SCALE + 1):
                rect = self.cell_rect(probability, impact)
                count = self.count(probability, impact)
                painter.setPen(QPen(_GRID, 2))
                painter.setBrush(zone_fill(probability, impact, 0.75 if count else 0.25))
                painter.drawRect(rect)
                if count:
                    painter.setFont(count_font)
                    painter.setPen(_TEXT)
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(count))
        if self.selected is not None:
            painter.setPen(QPen(_FRAME, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.cell_rect(*self.selected).adjusted(1.5, 1.5, -1.5, -1.5))
        painter.setFont(self.font())
        painter.setPen(palette_text)
        cell = grid.width() / SCALE
        line = self.fontMetrics().height()
        for number in range(1, SCALE + 1):
            row = self.cell_rect(number, 1)
            painter.drawText(
                QRectF(grid.left() - line * 1.2, row.top(), line, cell),
                Qt.AlignmentFlag.AlignCenter,
                str(number),
            )
            column = self.cell_rect(1, number)
            painter.drawText(
                QRectF(column.left(), grid.bottom() + 2, cell, line),
                Qt.AlignmentFlag.AlignCenter,
                str(number),
            )
        painter.drawText(
            QRectF(grid.left(), grid.bottom() + line + 2, grid.width(), line),
            Qt.AlignmentFlag.AlignCenter,
            self.tr("Impact →"),
        )
        painter.save()
        painter.translate(line * 0.2, grid.center().y())
        painter.rotate(-90)
        painter.drawText(
            QRectF(-grid.height() / 2, 0, grid.height(), line),
            Qt.AlignmentFlag.AlignCenter,
            self.tr("Probability →"),
        )
        painter.restore()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            cell = self.cell_at(event.position())
            if cell is not None:
                self.cell_clicked.emit(*cell)
                event.accept()
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position())
        if cell is None:
            self.unsetCursor()
            QToolTip.hideText()
        else:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            probability, impact = cell
            QToolTip.showText(
                event.globalPosition().toPoint(),
                self.tr("Probability {p} × impact {i} = {score}: {count} risk(s)").format(
                    p=probability,
                    i=impact,
                    score=probability * impact,
                    count=self.count(probability, impact),
                ),
                self,
            )
        super().mouseMoveEvent(event)
