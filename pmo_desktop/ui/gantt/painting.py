"""Colours, pens and the small drawing helpers of the Gantt chart (bars, diamonds, arrows).

Pens and brushes are made once: the chart repaints on every scroll step and must stay well
under a frame (16 ms) with a thousand items on screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF

from pmo_desktop.models import LinkType


class Palette:
    """The chart's colours (Microsoft Project's conventions: blue bars, red critical path)."""

    background = QColor("#FFFFFF")
    non_working = QColor("#EEF0F3")
    grid = QColor("#E3E6EA")
    selection = QColor("#D6E6F8")
    highlight = QColor("#FFF3B0")
    bar = QColor("#5B9BD5")
    bar_border = QColor("#2E6DA4")
    progress = QColor("#1F4E79")
    critical = QColor("#E57373")
    critical_border = QColor("#B71C1C")
    critical_progress = QColor("#8E1B1B")
    summary = QColor("#2B2B2B")
    milestone = QColor("#2B2B2B")
    baseline = QColor("#A0A4A8")
    slack = QColor("#26A69A")
    deadline = QColor("#2E7D32")
    deadline_missed = QColor("#C62828")
    constraint = QColor("#6A1B9A")
    link = QColor("#55657A")
    #: Links drawn between summary rows (their tasks are hidden): secondary.
    summary_link = QColor("#A3ADBA")
    summary_critical_link = QColor("#E9A3A3")
    critical_link = QColor("#C62828")
    label = QColor("#3C4043")
    today = QColor("#F57C00")
    status_date = QColor("#1565C0")
    header = QColor("#F4F5F7")
    header_text = QColor("#202124")
    header_line = QColor("#C9CDD2")


def pen(colour: QColor, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    made = QPen(colour, width, style)
    made.setCosmetic(True)
    return made


class Pens:
    """Pens and brushes built once per chart (QPen needs a GUI application)."""

    def __init__(self) -> None:
        p = Palette
        self.none = QPen(Qt.PenStyle.NoPen)
        self.grid = pen(p.grid)
        self.bar = pen(p.bar_border)
        self.critical = pen(p.critical_border)
        self.summary = pen(p.summary)
        self.link = pen(p.link, 1.0)
        self.critical_link = pen(p.critical_link, 1.0)
        self.summary_link = pen(p.summary_link, 1.0)
        self.summary_critical_link = pen(p.summary_critical_link, 1.0)
        self.slack = pen(p.slack, 1.5)
        self.label = pen(p.label)
        self.today = pen(p.today, 1.5, Qt.PenStyle.DashLine)
        self.status_date = pen(p.status_date, 1.5, Qt.PenStyle.DashDotLine)
        self.header_line = pen(p.header_line)
        self.header_text = pen(p.header_text)
        self.bar_brush = QBrush(p.bar)
        self.critical_brush = QBrush(p.critical)
        self.progress_brush = QBrush(p.progress)
        self.critical_progress_brush = QBrush(p.critical_progress)
        self.summary_brush = QBrush(p.summary)
        self.critical_summary_brush = QBrush(p.critical_border)
        self.baseline_brush = QBrush(p.baseline)
        self.non_working_brush = QBrush(p.non_working)
        self.selection_brush = QBrush(p.selection)
        self.highlight_brush = QBrush(p.highlight)
        self.deadline_brush = QBrush(p.deadline)
        self.deadline_missed_brush = QBrush(p.deadline_missed)
        self.constraint_brush = QBrush(p.constraint)
        self.link_brush = QBrush(p.link)
        self.summary_link_brush = QBrush(p.summary_link)
        self.summary_critical_link_brush = QBrush(p.summary_critical_link)
        self.critical_link_brush = QBrush(p.critical_link)
        self.header_brush = QBrush(p.header)


def draw_rects(painter: QPainter, rects: Sequence[QRectF], pen: QPen, brush: QBrush) -> None:
    if rects:
        painter.setPen(pen)
        painter.setBrush(brush)
        painter.drawRects(rects)


def diamond(centre: QPointF, half: float) -> QPolygonF:
    x, y = centre.x(), centre.y()
    return QPolygonF(
        [QPointF(x, y - half), QPointF(x + half, y), QPointF(x, y + half), QPointF(x - half, y)]
    )


def summary_shape(left: float, right: float, top: float, height: float) -> QPolygonF:
    """Microsoft Project's summary bar: a thin bar with a pointed cap hanging at each end."""
    cap = min(height, max(2.0, (right - left) / 2))
    bottom = top + height * 0.5
    tip = top + height
    return QPolygonF(
        [
            QPointF(left, top),
            QPointF(right, top),
            QPointF(right, tip),
            QPointF(right - cap, bottom),
            QPointF(left + cap, bottom),
            QPointF(left, tip),
        ]
    )


def down_arrow(x: float, top: float, size: float) -> QPolygonF:
    return QPolygonF(
        [QPointF(x - size / 2, top), QPointF(x + size / 2, top), QPointF(x, top + size)]
    )


def flag(x: float, top: float, size: float) -> QPolygonF:
    """A small pennant: the mark of a date constraint."""
    return QPolygonF([QPointF(x, top), QPointF(x + size, top + size / 3), QPointF(x, top + size)])


#: For each link type: which end of the predecessor it leaves (True = finish) and which end of
#: the successor it enters.
LINK_ENDS = {
    LinkType.FS: (True, False),
    LinkType.SS: (False, False),
    LinkType.FF: (True, True),
    LinkType.SF: (False, True),
}
_STUB = 7.0


def link_route(
    exit_x: float,
    exit_y: float,
    exit_right: bool,
    entry_x: float,
    entry_y: float,
    entry_from_left: bool,
    gap_y: float,
) -> list[QPointF]:
    """The polyline of a dependency arrow, with right angles, kept off the bars.

    It leaves the predecessor sideways, turns, and enters the successor from its side. When
    the successor's entry side is behind the exit (a successor starting before its
    predecessor's finish), the horizontal run follows `gap_y` (the boundary between the
    predecessor's row and the next one) so that it never crosses a bar.
    """
    out_x = exit_x + (_STUB if exit_right else -_STUB)
    in_x = entry_x - _STUB if entry_from_left else entry_x + _STUB
    direct = out_x <= entry_x - 3 if entry_from_left else out_x >= entry_x + 3
    start = QPointF(exit_x, exit_y)
    end = QPointF(entry_x, entry_y)
    if direct:
        return [start, QPointF(out_x, exit_y), QPointF(out_x, entry_y), end]
    return [
        start,
        QPointF(out_x, exit_y),
        QPointF(out_x, gap_y),
        QPointF(in_x, gap_y),
        QPointF(in_x, entry_y),
        end,
    ]


def arrow_head(tip: QPointF, from_left: bool, size: float = 5.0) -> QPolygonF:
    back = -size if from_left else size
    return QPolygonF(
        [
            tip,
            QPointF(tip.x() + back, tip.y() - size * 0.6),
            QPointF(tip.x() + back, tip.y() + size * 0.6),
        ]
    )


class LinkShapes:
    """The lines and arrow heads of a set of link routes, built once, drawn in four calls."""

    def __init__(self, routes: Iterable[tuple[list[QPointF], bool, bool]]) -> None:
        self.lines: dict[bool, list[QLineF]] = {False: [], True: []}
        self.heads: dict[bool, QPainterPath] = {False: QPainterPath(), True: QPainterPath()}
        for points, from_left, is_critical in routes:
            self.lines[is_critical].extend(
                QLineF(points[i], points[i + 1]) for i in range(len(points) - 1)
            )
            self.heads[is_critical].addPolygon(arrow_head(points[-1], from_left))

    def draw(self, painter: QPainter, pens: Pens, *, light: bool = False) -> None:
        """The ordinary links, then the critical ones (on top); `light` draws them in the
        secondary colours of links between summary rows."""
        if light:
            plain = (pens.summary_link, pens.summary_link_brush)
            red = (pens.summary_critical_link, pens.summary_critical_link_brush)
        else:
            plain = (pens.link, pens.link_brush)
            red = (pens.critical_link, pens.critical_link_brush)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for critical, (line_pen, brush) in ((False, plain), (True, red)):
            lines = self.lines[critical]
            if not lines:
                continue
            painter.setPen(line_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawLines(lines)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(pens.none)
            painter.setBrush(brush)
            painter.drawPath(self.heads[critical])
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)


def draw_links(
    painter: QPainter,
    routes: Iterable[tuple[list[QPointF], bool, bool]],
    pens: Pens,
    *,
    light: bool = False,
) -> None:
    """Polylines and arrow heads, the critical ones last (on top); `light` draws the
    ordinary ones in the secondary colour of links between summary rows."""
    LinkShapes(routes).draw(painter, pens, light=light)
