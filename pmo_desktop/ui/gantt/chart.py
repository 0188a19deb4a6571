"""The Gantt chart: one scroll area that paints only the visible rows and the visible dates.

There is no item per task: each paint walks the rows in view (the table's shared row layout,
scrolled by the table's vertical scroll bar) and draws their bars with QPainter, then the
links whose row span meets the view (links are bucketed by rows of 64). The horizontal
scroll bar moves along the dates; Ctrl+wheel zooms about the mouse.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from PySide6.QtCore import QEvent, QLineF, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QToolTip, QWidget

from pmo_desktop.services.gantt import GanttData, GanttLink, GanttTask
from pmo_desktop.ui.formatting import format_date
from pmo_desktop.ui.gantt import painting
from pmo_desktop.ui.gantt.painting import LINK_ENDS, Pens
from pmo_desktop.ui.gantt.table import TaskTable
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
from pmo_desktop.ui.gantt.tooltips import task_tooltip

_BUCKET = 64
_MARGIN_BEFORE = timedelta(days=14)
_MARGIN_AFTER = timedelta(days=42)


class BarGeometry(NamedTuple):
    """Where a task is drawn, in viewport coordinates: `bar` is its bar (or the diamond's
    bounding box for a milestone), `row_top` the top of its row."""

    bar: QRectF
    row_top: float
    kind: str


class TimescaleHeader(QWidget):
    """The two tiers of dates above the chart, as tall as the table's header."""

    def __init__(self, chart: GanttChart) -> None:
        super().__init__(chart)
        self.chart = chart

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self.chart.paint_header(painter, self.rect())
        finally:
            painter.end()


class GanttChart(QAbstractScrollArea):
    """Bars, milestones, summaries, baselines, slack, links and date lines of the table's rows."""

    #: The user clicked a row (task id; modifiers decide how the selection changes).
    row_clicked = Signal(int, object)
    #: Double-click on a bar: open the task.
    task_activated = Signal(int)
    zoom_changed = Signal()

    def __init__(self, table: TaskTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self.model = table.task_model
        self.pens = Pens()
        self.axis = DateAxis(datetime.combine(date.today(), time()), 6.0)
        self.today = date.today()
        self._end = self.axis.origin + timedelta(days=365)
        self._links: list[tuple[GanttLink, int, int]] = []
        self._buckets: dict[int, list[int]] = {}
        self._links_dirty = False
        #: Spans shown instead of the stored ones while a drag previews its outcome.
        self.preview: dict[int, tuple[datetime, datetime]] = {}
        #: Paints over the chart (a drag's rubber band), set by the drag controller.
        self.overlay: Callable[[QPainter], None] | None = None
        self._label_font = QFont(self.font())
        self._label_font.setPointSizeF(self.font().pointSizeF() * 0.9)
        self.header = TimescaleHeader(self)
        self.header_height = table.header().height()
        self.setViewportMargins(0, self.header_height, 0, 0)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.horizontalScrollBar().valueChanged.connect(self._on_scrolled)
        table.verticalScrollBar().valueChanged.connect(self.viewport().update)
        table.rows_changed.connect(self._on_rows_changed)
        self.model.data_replaced.connect(self._on_rows_changed)
        table.selectionModel().selectionChanged.connect(self.viewport().update)

    # Data and scale.

    def set_data(self, data: GanttData | None, *, keep_view: bool = False) -> None:
        """Fit the date range to the project; `keep_view` keeps zoom and scroll (a reload)."""
        start = data.start if data and data.start else datetime.combine(date.today(), time())
        finish = data.finish if data and data.finish else start + timedelta(days=90)
        origin = datetime.combine(start.date() - timedelta(days=start.weekday()), time())
        origin -= _MARGIN_BEFORE
        moment = self.axis.moment(self.horizontalScrollBar().value())
        self.axis = DateAxis(origin, self.axis.pixels_per_day)
        self._end = finish + _MARGIN_AFTER
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
        """The whole project in the visible width."""
        data = self.model.gantt
        if data is None or data.start is None or data.finish is None:
            return
        span = (data.finish - data.start).total_seconds() / 86400 + 2
        self.set_pixels_per_day((self.viewport().width() - 60) / max(span, 1.0))
        self.horizontalScrollBar().setValue(round(self.axis.x(data.start)) - 30)

    def scroll_to(self, moment: datetime) -> None:
        self.horizontalScrollBar().setValue(round(self.axis.x(moment)) - 30)

    def _update_range(self) -> None:
        width = round(self.axis.x(self._end))
        bar = self.horizontalScrollBar()
        bar.setRange(0, max(0, width - self.viewport().width()))
        bar.setPageStep(max(1, self.viewport().width()))
        bar.setSingleStep(max(1, round(self.axis.pixels_per_day * 7)))

    def _on_scrolled(self) -> None:
        self.viewport().update()
        self.header.update()

    def _on_rows_changed(self) -> None:
        """Rows or links changed: the link buckets are rebuilt at the next paint."""
        self._links_dirty = True
        self.viewport().update()

    def _bucket_links(self) -> None:
        """Index the drawable links by the 64-row blocks their row span covers."""
        self._links_dirty = False
        self._links = []
        self._buckets = {}
        data = self.model.gantt
        if data is None:
            return
        position = self.model.positions()
        row_of = self.table.row_map()
        links = self._links
        buckets = self._buckets
        for link in data.links:
            p = position.get(link.predecessor_id)
            s = position.get(link.successor_id)
            rp = row_of.get(p) if p is not None else None
            rs = row_of.get(s) if s is not None else None
            if rp is None or rs is None:
                continue
            number = len(links)
            links.append((link, p, s))
            low, high = (rp, rs) if rp <= rs else (rs, rp)
            for bucket in range(low // _BUCKET, high // _BUCKET + 1):
                if bucket in buckets:
                    buckets[bucket].append(number)
                else:
                    buckets[bucket] = [number]

    # Geometry and hit-testing.

    def x_of(self, moment: datetime | date) -> float:
        """Viewport x of a moment."""
        return self.axis.x(moment) - self.horizontalScrollBar().value()

    def row_top(self, row: int) -> float:
        return row * self.table.row_height - self.table.scroll_y()

    def geometry_of(self, position: int, row: int) -> BarGeometry | None:
        task = self.model.task_at(position)
        start, finish = self.preview.get(task.id) or (task.start, task.finish)
        if start is None or finish is None:
            return None
        height = self.table.row_height
        top = self.row_top(row)
        if task.is_milestone:
            half = height * 0.3
            x = self.x_of(finish)
            y = top + height * 0.45
            return BarGeometry(QRectF(x - half, y - half, 2 * half, 2 * half), top, "milestone")
        left = self.x_of(start)
        right = max(self.x_of(finish), left + 2)
        if task.is_summary:
            return BarGeometry(
                QRectF(left, top + height * 0.27, right - left, height * 0.42), top, "summary"
            )
        return BarGeometry(
            QRectF(left, top + round(height * 0.2), right - left, round(height * 0.46)), top, "task"
        )

    def bar_rect(self, task_id: int) -> QRectF | None:
        """Where a task's bar is drawn (viewport coordinates), None if it has no row or dates."""
        position = self.model.position_of(task_id)
        row = None if position is None else self.table.row_of(position)
        if position is None or row is None:
            return None
        geometry = self.geometry_of(position, row)
        return geometry.bar if geometry is not None else None

    def row_at(self, y: float) -> int | None:
        row = int((y + self.table.scroll_y()) // self.table.row_height)
        return row if 0 <= row < len(self.table.rows) else None

    def task_at(self, point: QPoint | QPointF) -> int | None:
        """The task whose bar (or diamond) is under `point`, within 3 pixels."""
        row = self.row_at(point.y())
        if row is None:
            return None
        position = self.table.rows[row]
        geometry = self.geometry_of(position, row)
        if geometry is None or not geometry.bar.adjusted(-3, -3, 3, 3).contains(QPointF(point)):
            return None
        return self.model.task_at(position).id

    # Painting.

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        try:
            self._paint(painter, event.rect())
        finally:
            painter.end()

    def _paint(self, painter: QPainter, clip: QRect) -> None:
        if self._links_dirty:
            self._bucket_links()
        pens = self.pens
        rows = self.table.rows
        height = self.table.row_height
        width = self.viewport().width()
        painter.fillRect(clip, painting.Palette.background)
        first = max(0, int((self.table.scroll_y() + clip.top()) // height))
        last = min(len(rows) - 1, int((self.table.scroll_y() + clip.bottom()) // height))
        self._paint_calendar(painter, clip)
        selected: list[QRectF] = []
        highlighted: list[QRectF] = []
        for row in range(first, last + 1):
            strip = QRectF(0, self.row_top(row), width, height)
            if self.table.is_row_selected(row):
                selected.append(strip)
            elif self.model.is_highlighted(rows[row]):
                highlighted.append(strip)
        painting.draw_rects(painter, highlighted, pens.none, pens.highlight_brush)
        painting.draw_rects(painter, selected, pens.none, pens.selection_brush)
        self._paint_date_lines(painter, clip)
        if first <= last:
            self._paint_links(painter, first, last)
            self._paint_rows(painter, first, last)
        if self.overlay is not None:
            self.overlay(painter)

    def _paint_calendar(self, painter: QPainter, clip: QRect) -> None:
        """Non-working days shaded (when a day is wide enough to see) and the grid lines."""
        data = self.model.gantt
        offset = self.horizontalScrollBar().value()
        first_day = self.axis.day(offset + clip.left())
        last_day = self.axis.day(offset + clip.right())
        top, bottom = clip.top(), clip.bottom() + 1
        if data is not None and self.axis.pixels_per_day >= 2.5:
            shaded: list[QRectF] = []
            day = first_day
            run_start: date | None = None
            while day <= last_day + timedelta(days=1):
                off = data.non_working(day) if day <= last_day else False
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
            level.bottom if self.axis.pixels_per_day * _unit_days(level.bottom) >= 14 else level.top
        )
        painter.setPen(self.pens.grid)
        xs = [round(self.x_of(start)) for start, _ in cells(first_day, last_day, unit)]
        painter.drawLines([_vline(x, top, bottom) for x in xs])

    def _paint_date_lines(self, painter: QPainter, clip: QRect) -> None:
        data = self.model.gantt
        lines = [(self.today, self.pens.today)]
        if data is not None and data.status_date is not None:
            lines.append((data.status_date, self.pens.status_date))
        for day, line_pen in lines:
            moment = (
                datetime.combine(day, time(17))
                if line_pen is self.pens.status_date
                else (datetime.combine(day, time(12)))
            )
            x = round(self.x_of(moment)) + 0.5
            if clip.left() - 2 <= x <= clip.right() + 2:
                painter.setPen(line_pen)
                painter.drawLine(QPointF(x, clip.top()), QPointF(x, clip.bottom() + 1))

    def _paint_rows(self, painter: QPainter, first: int, last: int) -> None:
        pens = self.pens
        rows = self.table.rows
        height = self.table.row_height
        tasks, critical_tasks, progress, critical_progress, baselines = [], [], [], [], []
        summaries, critical_summaries, milestones, critical_milestones = [], [], [], []
        slack_lines, deadlines, missed, flags = [], [], [], []
        labels: list[tuple[float, float, str]] = []
        for row in range(first, last + 1):
            position = rows[row]
            task = self.model.task_at(position)
            geometry = self.geometry_of(position, row)
            top = self.row_top(row)
            if task.baseline_start is not None and task.baseline_finish is not None:
                left = self.x_of(task.baseline_start)
                right = max(self.x_of(task.baseline_finish), left + 2)
                baselines.append(QRectF(left, top + height * 0.72, right - left, 3))
            if geometry is None:
                continue
            bar = geometry.bar
            if geometry.kind == "milestone":
                shape = painting.diamond(bar.center(), bar.width() / 2)
                (critical_milestones if task.critical else milestones).append(shape)
                labels.append((bar.right() + 4, top, _short_date(task.finish)))
            elif geometry.kind == "summary":
                shape = painting.summary_shape(bar.left(), bar.right(), bar.top(), bar.height())
                (critical_summaries if task.critical else summaries).append(shape)
            else:
                (critical_tasks if task.critical else tasks).append(bar)
                if task.percent_complete > 0:
                    done = QRectF(bar)
                    done.setWidth(bar.width() * task.percent_complete / 100)
                    done.adjust(0, bar.height() * 0.3, 0, -bar.height() * 0.3)
                    (critical_progress if task.critical else progress).append(done)
                if task.resources:
                    labels.append((bar.right() + 5, top, ", ".join(task.resources)))
            if (
                task.late_finish is not None
                and task.finish is not None
                and (task.total_slack_minutes or 0) > 0
                and not task.is_summary
            ):
                y = round(top + height * 0.45) + 0.5
                slack_lines.append((bar.right(), self.x_of(task.late_finish), y))
            if task.deadline is not None:
                x = self.x_of(task.deadline)
                late = task.finish is not None and task.finish > task.deadline
                (missed if late else deadlines).append(painting.down_arrow(x, top + 1, 7))
            if task.constraint_date is not None and task.constraint_type.value not in (
                "ASAP", "ALAP"
            ):  # fmt: skip
                flags.append(painting.flag(self.x_of(task.constraint_date), top + 2, 7))
        painting.draw_rects(painter, baselines, pens.none, pens.baseline_brush)
        painter.setPen(pens.slack)
        painter.drawLines([_hline(a, b, y) for a, b, y in slack_lines])
        painting.draw_rects(painter, tasks, pens.bar, pens.bar_brush)
        painting.draw_rects(painter, critical_tasks, pens.critical, pens.critical_brush)
        painting.draw_rects(painter, progress, pens.none, pens.progress_brush)
        painting.draw_rects(painter, critical_progress, pens.none, pens.critical_progress_brush)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for shapes, brush in (
            (summaries, pens.summary_brush),
            (critical_summaries, pens.critical_summary_brush),
            (milestones, pens.summary_brush),
            (critical_milestones, pens.critical_summary_brush),
            (deadlines, pens.deadline_brush),
            (missed, pens.deadline_missed_brush),
            (flags, pens.constraint_brush),
        ):
            if shapes:
                painter.setPen(pens.none)
                painter.setBrush(brush)
                for shape in shapes:
                    painter.drawPolygon(shape)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        if labels:
            painter.setFont(self._label_font)
            painter.setPen(pens.label)
            flags_ = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            for x, top, text in labels:
                painter.drawText(QRectF(x, top, 400, height), flags_, text)

    def _paint_links(self, painter: QPainter, first: int, last: int) -> None:
        routes = [route for _link, route in self.link_routes(first, last)]
        painting.draw_links(painter, routes, self.pens)

    def link_routes(
        self, first: int, last: int
    ) -> list[tuple[GanttLink, tuple[list[QPointF], bool, bool]]]:
        """The links meeting rows `first`..`last`, each with its drawn route."""
        if self._links_dirty:
            self._bucket_links()
        seen: set[int] = set()
        routes = []
        height = self.table.row_height
        row_of = self.table.row_of
        for bucket in range(first // _BUCKET, last // _BUCKET + 1):
            for number in self._buckets.get(bucket, ()):
                if number in seen:
                    continue
                seen.add(number)
                link, p, s = self._links[number]
                rp, rs = row_of(p), row_of(s)
                if rp is None or rs is None or max(rp, rs) < first or min(rp, rs) > last:
                    continue
                route = self._route(link, p, rp, s, rs, height)
                if route is not None:
                    routes.append((link, route))
        return routes

    def _route(
        self, link: GanttLink, p: int, rp: int, s: int, rs: int, height: int
    ) -> tuple[list[QPointF], bool, bool] | None:
        before = self.geometry_of(p, rp)
        after = self.geometry_of(s, rs)
        if before is None or after is None:
            return None
        from_finish, to_finish = LINK_ENDS[link.type]
        exit_x = before.bar.right() if from_finish else before.bar.left()
        entry_x = after.bar.right() if to_finish else after.bar.left()
        exit_y = before.bar.center().y()
        entry_y = after.bar.center().y()
        gap_y = before.row_top + (height if rs > rp else 0)
        points = painting.link_route(
            exit_x, exit_y, from_finish, entry_x, entry_y, not to_finish, gap_y
        )
        critical = self.model.task_at(p).critical and self.model.task_at(s).critical
        return points, not to_finish, critical

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
        lines = [_hline(0, rect.width(), half + 0.5), _hline(0, rect.width(), rect.height() - 0.5)]
        texts: list[tuple[QRectF, int, str]] = []
        left_flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        centre_flags = int(Qt.AlignmentFlag.AlignCenter)
        for unit, top, bottom, is_top in (
            (level.top, 0, half, True),
            (level.bottom, half, rect.height(), False),
        ):
            for start, end in cells(first_day, last_day, unit):
                left, right = self.x_of(start), self.x_of(end)
                lines.append(_vline(round(left), top, bottom))
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
        for box, flags, label in texts:
            painter.drawText(box, flags, label)

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
            bar = self.table.verticalScrollBar()
            bar.setValue(bar.value() - round(delta.y() / 120 * 3 * self.table.row_height))
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        row = self.row_at(event.position().y())
        if row is not None and event.button() == Qt.MouseButton.LeftButton:
            task = self.model.task_at(self.table.rows[row])
            self.row_clicked.emit(task.id, event.modifiers())
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        task_id = self.task_at(event.position())
        if task_id is not None:
            self.task_activated.emit(task_id)
            return
        super().mouseDoubleClickEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            task_id = self.task_at(event.pos())
            data = self.model.gantt
            if task_id is None or data is None:
                QToolTip.hideText()
                event.ignore()
                return True
            position = self.model.position_of(task_id)
            assert position is not None
            task: GanttTask = self.model.task_at(position)
            QToolTip.showText(event.globalPos(), task_tooltip(task, data), self.viewport())
            return True
        return super().viewportEvent(event)


_UNIT_DAYS = {
    Unit.DAY: 1.0,
    Unit.WEEK: 7.0,
    Unit.MONTH: 30.4,
    Unit.QUARTER: 91.3,
    Unit.YEAR: 365.25,
}


def _unit_days(unit: Unit) -> float:
    return _UNIT_DAYS[unit]


def _vline(x: float, top: float, bottom: float) -> QLineF:
    return QLineF(x + 0.5, top, x + 0.5, bottom)


def _hline(left: float, right: float, y: float) -> QLineF:
    return QLineF(left, y, right, y)


def _short_date(value: datetime | None) -> str:
    return format_date(value.date(), compact=True) if value is not None else ""
