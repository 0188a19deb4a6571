"""The date side shared by every Gantt chart: axis, zoom, horizontal scroll and the time scale.

`TimelineArea` is a scroll area whose horizontal scroll bar moves along the dates and whose
rows scroll with a vertical scroll bar it does not own (the table's on its left). It paints
the two tiers of the time scale in its header, the calendar grid and non-working days, the
today and status-date lines, and zooms with Ctrl+wheel about the mouse. The one-project chart
(`chart.GanttChart`) and the portfolio chart (`portfolio_chart.PortfolioChart`) add their rows.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QLineF, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QStaticText, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QScrollBar, QWidget

from pmo_desktop.ui.gantt import painting
from pmo_desktop.ui.gantt.painting import Pens
from pmo_desktop.ui.gantt.timescale import (
    MAX_PIXELS_PER_DAY,
    MIN_PIXELS_PER_DAY,
    DateAxis,
    Unit,
    ZoomLevel,
    cell_label,
    cells,
    level_for,
)

MARGIN_BEFORE = timedelta(days=14)
MARGIN_AFTER = timedelta(days=42)


class TimescaleHeader(QWidget):
    """The two tiers of dates above the chart, as tall as the table's header."""

    def __init__(self, chart: TimelineArea) -> None:
        super().__init__(chart)
        self.chart = chart

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self.chart.paint_header(painter, self.rect())
        finally:
            painter.end()


class TimelineArea(QAbstractScrollArea):
    """Dates across, rows down (scrolled by `rows_bar`), painted by subclasses."""

    zoom_changed = Signal()

    def __init__(
        self, rows_bar: QScrollBar, header_height: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.rows_bar = rows_bar
        self.pens = Pens()
        self.axis = DateAxis(datetime.combine(date.today(), time()), 6.0)
        self.today = date.today()
        self._end = self.axis.origin + timedelta(days=365)
        self.header = TimescaleHeader(self)
        self._header_texts: dict[str, QStaticText] = {}
        self.header_height = header_height
        self.setViewportMargins(0, header_height, 0, 0)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        #: The scroll bars' values, kept here: x_of and row_top run thousands of times a paint.
        self._offset_x = 0
        self._offset_y = rows_bar.value()
        self.horizontalScrollBar().valueChanged.connect(self._on_scrolled)
        rows_bar.valueChanged.connect(self._on_rows_scrolled)

    # Hooks for the subclasses.

    def row_height(self) -> int:
        raise NotImplementedError

    def non_working(self, day: date) -> bool:
        """Whether `day` is shaded as non-working time (default: weekends)."""
        return day.weekday() >= 5

    def status_date(self) -> date | None:
        return None

    def span(self) -> tuple[datetime, datetime] | None:
        """The dates that `zoom_to_fit` shows."""
        return None

    # The date range and the scale.

    def set_span(
        self, start: datetime | None, finish: datetime | None, *, keep_view: bool = False
    ) -> None:
        """Scroll range from a week before `start` to six weeks after `finish`; `keep_view`
        keeps the date at the left edge (a reload), else `start` comes into view."""
        start = start or datetime.combine(date.today(), time())
        finish = finish or start + timedelta(days=90)
        origin = datetime.combine(start.date() - timedelta(days=start.weekday()), time())
        origin -= MARGIN_BEFORE
        moment = self.axis.moment(self.horizontalScrollBar().value())
        self.axis = DateAxis(origin, self.axis.pixels_per_day)
        self._end = finish + MARGIN_AFTER
        self._update_range()
        self.horizontalScrollBar().setValue(
            round(self.axis.x(moment)) if keep_view else round(self.axis.x(start)) - 30
        )
        self.viewport().update()
        self.header.update()

    @property
    def pixels_per_day(self) -> float:
        return self.axis.pixels_per_day

    @property
    def zoom_level(self) -> ZoomLevel:
        return level_for(self.axis.pixels_per_day)

    def set_pixels_per_day(self, pixels: float, anchor_x: float | None = None) -> None:
        """Zoom, keeping the date under `anchor_x` (viewport x; default its middle) in place."""
        pixels = min(MAX_PIXELS_PER_DAY, max(MIN_PIXELS_PER_DAY, pixels))
        if anchor_x is None:
            anchor_x = self.viewport().width() / 2
        moment = self.axis.moment(self.horizontalScrollBar().value() + anchor_x)
        self.axis = DateAxis(self.axis.origin, pixels)
        self._update_range()
        self.horizontalScrollBar().setValue(round(self.axis.x(moment) - anchor_x))
        self.viewport().update()
        self.header.update()
        self.zoom_changed.emit()

    def zoom(self, factor: float, anchor_x: float | None = None) -> None:
        self.set_pixels_per_day(self.axis.pixels_per_day * factor, anchor_x)

    def zoom_to_fit(self) -> None:
        """The whole span in the visible width."""
        span = self.span()
        if span is not None:
            self.show_dates(span[0], span[1])

    def show_dates(self, first: datetime | date, last: datetime | date) -> None:
        """Zoom and scroll so that `first`..`last` fill the visible width."""
        if type(first) is date:
            first = datetime.combine(first, time())
        if type(last) is date:
            last = datetime.combine(last, time(23, 59))
        days = (last - first).total_seconds() / 86400 + 2  # type: ignore[operator]
        self.set_pixels_per_day((self.viewport().width() - 60) / max(days, 1.0))
        self.scroll_to(first)  # type: ignore[arg-type]

    def visible_dates(self) -> tuple[date, date]:
        """The first and last day in view."""
        offset = self.horizontalScrollBar().value()
        return self.axis.day(offset), self.axis.day(offset + self.viewport().width())

    def scroll_to(self, moment: datetime) -> None:
        self.horizontalScrollBar().setValue(round(self.axis.x(moment)) - 30)

    def _update_range(self) -> None:
        width = round(self.axis.x(self._end))
        bar = self.horizontalScrollBar()
        bar.setRange(0, max(0, width - self.viewport().width()))
        bar.setPageStep(max(1, self.viewport().width()))
        bar.setSingleStep(max(1, round(self.axis.pixels_per_day * 7)))

    def _on_scrolled(self, value: int) -> None:
        self._offset_x = value
        self.viewport().update()
        self.header.update()

    def _on_rows_scrolled(self, value: int) -> None:
        self._offset_y = value
        self.viewport().update()

    # Geometry.

    def x_of(self, moment: datetime | date) -> float:
        """Viewport x of a moment."""
        return self.axis.x(moment) - self._offset_x

    def scroll_y(self) -> int:
        return self._offset_y

    def row_top(self, row: int) -> float:
        return row * self.row_height() - self.scroll_y()

    def visible_row_range(self, clip: QRect, count: int) -> tuple[int, int]:
        """First and last row meeting `clip` (last < first when none)."""
        height = self.row_height()
        first = max(0, int((self.scroll_y() + clip.top()) // height))
        last = min(count - 1, int((self.scroll_y() + clip.bottom()) // height))
        return first, last

    # Painting.

    def paint_calendar(self, painter: QPainter, clip: QRect) -> None:
        """Non-working days shaded (when a day is wide enough to see) and the grid lines."""
        offset = self.horizontalScrollBar().value()
        first_day = self.axis.day(offset + clip.left())
        last_day = self.axis.day(offset + clip.right())
        top, bottom = clip.top(), clip.bottom() + 1
        if self.axis.pixels_per_day >= 2.5:
            shaded: list[QRectF] = []
            day = first_day
            run_start: date | None = None
            while day <= last_day + timedelta(days=1):
                off = self.non_working(day) if day <= last_day else False
                if off and run_start is None:
                    run_start = day
                elif not off and run_start is not None:
                    left = self.x_of(run_start)
                    shaded.append(QRectF(left, top, self.x_of(day) - left, bottom - top))
                    run_start = None
                day += timedelta(days=1)
            painting.draw_rects(painter, shaded, self.pens.none, self.pens.non_working_brush)
        level = self.zoom_level
        unit = (
            level.bottom if self.axis.pixels_per_day * _UNIT_DAYS[level.bottom] >= 14 else level.top
        )
        painter.setPen(self.pens.grid)
        xs = [round(self.x_of(start)) for start, _ in cells(first_day, last_day, unit)]
        painter.drawLines([vline(x, top, bottom) for x in xs])

    def paint_date_lines(self, painter: QPainter, clip: QRect) -> None:
        """Today (midday, dashed orange) and the status date (end of day, blue)."""
        lines = [(datetime.combine(self.today, time(12)), self.pens.today)]
        status = self.status_date()
        if status is not None:
            lines.append((datetime.combine(status, time(17)), self.pens.status_date))
        for moment, line_pen in lines:
            x = round(self.x_of(moment)) + 0.5
            if clip.left() - 2 <= x <= clip.right() + 2:
                painter.setPen(line_pen)
                painter.drawLine(QPointF(x, clip.top()), QPointF(x, clip.bottom() + 1))

    def paint_header(self, painter: QPainter, rect: QRect) -> None:
        """The two tiers: the top unit's labels left-aligned and kept in view, the bottom's
        centred in their cells."""
        pens = self.pens
        painter.fillRect(rect, pens.header_brush)
        level = self.zoom_level
        offset = self.horizontalScrollBar().value()
        first_day = self.axis.day(offset)
        last_day = self.axis.day(offset + rect.width())
        half = rect.height() // 2
        locale = self.locale()
        painter.setFont(self.font())
        lines = [hline(0, rect.width(), half + 0.5), hline(0, rect.width(), rect.height() - 0.5)]
        texts: list[tuple[QRectF, int, str]] = []
        left_flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        centre_flags = int(Qt.AlignmentFlag.AlignCenter)
        for unit, top, bottom, is_top in (
            (level.top, 0, half, True),
            (level.bottom, half, rect.height(), False),
        ):
            for start, end in cells(first_day, last_day, unit):
                left, right = self.x_of(start), self.x_of(end)
                lines.append(vline(round(left), top, bottom))
                cell_width = right - left
                if is_top:
                    shown = min(right, rect.width()) - max(left, 0)
                    label = cell_label(start, unit, shown, True, locale)
                    box = QRectF(max(left, 0) + 5, top, shown - 5, half)
                    texts.append((box, left_flags, label))
                    continue
                label = cell_label(start, unit, cell_width, False, locale)
                if cell_width >= 10:
                    texts.append((QRectF(left, top, cell_width, bottom - top), centre_flags, label))
        painter.setPen(pens.header_line)
        painter.drawLines(lines)
        painter.setPen(pens.header_text)
        statics = self._header_texts
        if len(statics) > 2000:
            statics.clear()
        for box, flags, label in texts:
            if flags != centre_flags:
                painter.drawText(box, flags, label)
                continue
            # The many centred labels of the bottom tier: laid out once, drawn at each paint.
            static = statics.get(label)
            if static is None:
                static = statics[label] = QStaticText(label)
                static.setTextFormat(Qt.TextFormat.PlainText)
                static.prepare(font=self.font())
            size = static.size()
            if size.width() > box.width():
                painter.drawText(box, flags, label)
                continue
            painter.drawStaticText(
                QPointF(
                    box.left() + (box.width() - size.width()) / 2,
                    box.top() + (box.height() - size.height()) / 2,
                ),
                static,
            )

    # Events.

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        viewport = self.viewport().geometry()
        self.header.setGeometry(QRect(viewport.left(), 0, viewport.width(), self.header_height))
        self._update_range()

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if delta.y():
                self.zoom(1.2 ** (delta.y() / 120), event.position().x())
            event.accept()
            return
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier or delta.x():
            step = delta.x() or delta.y()
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - round(step / 120 * bar.singleStep()))
        else:
            bar = self.rows_bar
            bar.setValue(bar.value() - round(delta.y() / 120 * 3 * self.row_height()))
        event.accept()


_UNIT_DAYS = {
    Unit.DAY: 1.0,
    Unit.WEEK: 7.0,
    Unit.MONTH: 30.4,
    Unit.QUARTER: 91.3,
    Unit.YEAR: 365.25,
}


def vline(x: float, top: float, bottom: float) -> QLineF:
    return QLineF(x + 0.5, top, x + 0.5, bottom)


def hline(left: float, right: float, y: float) -> QLineF:
    return QLineF(left, y, right, y)
