"""Cell painters for the project list: a RAG pill (with a trend arrow) and a % complete bar.

Both read plain roles of the model (`RagRole`, `PercentRole`) and fall back on the
default painting when the role is empty, so the model stays usable without them.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPalette, QPolygonF
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from pmo_desktop.models import Rag
from pmo_desktop.ui.rag import rag_colour, rag_text_colour

AnyIndex = QModelIndex | QPersistentModelIndex

#: Room around the label inside a pill, and between the pill and the cell's edges (pixels).
_PILL_PADDING = 18
_CELL_MARGIN = 8
#: Room kept right of a pill for the trend arrow (pixels), and the trends that show one.
_ARROW_ROOM = 14
_ARROWS = ("better", "worse")


class _CellDelegate(QStyledItemDelegate):
    def _paint_background(
        self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        """The cell's selection and hover background, without its text or icon (the view's
        option already has the state; asking the model for every role again costs time)."""
        background = QStyleOptionViewItem(option)
        background.text = ""
        background.icon = QIcon()
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, widget)


class RagDelegate(_CellDelegate):
    """A rounded pill in the RAG colour with the rating's name on it (an outline if none),
    and, given a trend role, an arrow on its right when the rating got better or worse."""

    def __init__(
        self, rag_role: int, parent: QWidget | None = None, trend_role: int | None = None
    ) -> None:
        super().__init__(parent)
        self._rag_role = rag_role
        self._trend_role = trend_role

    def _pill(self, option: QStyleOptionViewItem, index: AnyIndex) -> tuple[Rag | None, str, QFont]:
        value = index.data(self._rag_role)
        rag = Rag(value) if value else None
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "") if rag else "—"
        font = QFont(option.font)
        font.setBold(rag is not None)
        return rag, text, font

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        rag, text, font = self._pill(option, index)
        self._paint_background(painter, option, index)
        metrics = QFontMetrics(font)
        area = QRectF(option.rect)
        trend = index.data(self._trend_role) if self._trend_role is not None else None
        if self._trend_role is not None:
            area.adjust(0, 0, -_ARROW_ROOM, 0)
        height = min(area.height() - 6, metrics.height() + 4)
        width = min(area.width() - _CELL_MARGIN, metrics.horizontalAdvance(text) + _PILL_PADDING)
        pill = QRectF(
            area.center().x() - width / 2 + 0.5,
            area.center().y() - height / 2 + 0.5,
            width,
            height,
        )
        if trend in _ARROWS:
            self._paint_arrow(painter, pill, trend)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if rag is None:
            painter.setPen(rag_colour(None))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(pill, height / 2, height / 2)
            painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(rag_colour(rag))
            painter.drawRoundedRect(pill, height / 2, height / 2)
            painter.setPen(rag_text_colour(rag))
        painter.setFont(font)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    @staticmethod
    def _paint_arrow(painter: QPainter, pill: QRectF, trend: str) -> None:
        """A small triangle right of the pill: up and green if better, down and red if worse."""
        up = trend == "better"
        size = min(pill.height() * 0.55, 8.0)
        x = pill.right() + 4
        middle = pill.center().y()
        top, bottom = middle - size / 2, middle + size / 2
        points = (
            [QPointF(x, bottom), QPointF(x + size, bottom), QPointF(x + size / 2, top)]
            if up
            else [QPointF(x, top), QPointF(x + size, top), QPointF(x + size / 2, bottom)]
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(rag_colour(Rag.GREEN if up else Rag.RED))
        painter.drawPolygon(QPolygonF(points))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        """The pill's width (label plus its rounded ends) and the usual row height."""
        _rag, text, font = self._pill(option, index)
        width = QFontMetrics(font).horizontalAdvance(text) + _PILL_PADDING + _CELL_MARGIN
        if self._trend_role is not None:
            width += _ARROW_ROOM
        return QSize(width, super().sizeHint(option, index).height())


class PercentBarDelegate(_CellDelegate):
    """A data bar behind the right-aligned percentage: the cell's width is 100 %."""

    def __init__(self, percent_role: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._percent_role = percent_role

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        value = index.data(self._percent_role)
        if value is None:
            super().paint(painter, option, index)
            return
        self._paint_background(painter, option, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        bar = QRectF(option.rect.adjusted(3, 4, -3, -4))
        filled = QRectF(bar)
        filled.setWidth(bar.width() * max(0.0, min(float(value), 100.0)) / 100.0)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 50) if selected else QColor("#EDF1F6"))
        painter.drawRoundedRect(bar, 2, 2)
        if filled.width() > 0:
            painter.setBrush(QColor(255, 255, 255, 110) if selected else QColor("#BFD4EE"))
            painter.drawRoundedRect(filled, 2, 2)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(option.palette.color(role))
        painter.drawText(
            option.rect.adjusted(6, 0, -6, 0),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
        )
        painter.restore()
