"""The Gantt chart: one scroll area that paints only the visible rows and the visible dates.

There is no item per task: each paint walks the rows in view (the table's shared row layout,
scrolled by the table's vertical scroll bar) and draws their bars with QPainter, then the
links whose row span meets the view (links are bucketed by rows of 64). The horizontal
scroll bar moves along the dates; Ctrl+wheel zooms about the mouse.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QHelpEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QToolTip, QWidget

from pmo_desktop.services.gantt import GanttData, GanttLink, GanttTask
from pmo_desktop.ui.gantt import painting
from pmo_desktop.ui.gantt.bars import BarGeometry, Labels, TaskBars, task_geometry
from pmo_desktop.ui.gantt.painting import LINK_ENDS
from pmo_desktop.ui.gantt.table import TaskTable
from pmo_desktop.ui.gantt.timeline import TimelineArea
from pmo_desktop.ui.gantt.tooltips import task_tooltip

_BUCKET = 64


class GanttChart(TimelineArea):
    """Bars, milestones, summaries, baselines, slack, links and date lines of the table's rows."""

    #: The user clicked a row (task id; modifiers decide how the selection changes).
    row_clicked = Signal(int, object)
    #: Double-click on a bar: open the task.
    task_activated = Signal(int)

    def __init__(self, table: TaskTable, parent: QWidget | None = None) -> None:
        super().__init__(table.verticalScrollBar(), table.header().height(), parent)
        self.table = table
        self.model = table.task_model
        self._links: list[tuple[GanttLink, int, int]] = []
        self._buckets: dict[int, list[int]] = {}
        self._links_dirty = False
        #: Spans shown instead of the stored ones while a drag previews its outcome.
        self.preview: dict[int, tuple[datetime, datetime]] = {}
        #: Paints over the chart (a drag's rubber band), set by the drag controller.
        self.overlay: Callable[[QPainter], None] | None = None
        label_font = QFont(self.font())
        label_font.setPointSizeF(self.font().pointSizeF() * 0.9)
        self._labels = Labels(label_font)
        table.rows_changed.connect(self._on_rows_changed)
        self.model.data_replaced.connect(self._on_rows_changed)
        table.selectionModel().selectionChanged.connect(self.viewport().update)

    # Data and scale.

    def set_data(self, data: GanttData | None, *, keep_view: bool = False) -> None:
        """Fit the date range to the project; `keep_view` keeps zoom and scroll (a reload)."""
        self.set_span(data.start if data else None, data.finish if data else None,
                      keep_view=keep_view)  # fmt: skip

    # TimelineArea hooks.

    def row_height(self) -> int:
        return self.table.row_height

    def non_working(self, day: date) -> bool:
        data = self.model.gantt
        return data.non_working(day) if data is not None else False

    def status_date(self) -> date | None:
        data = self.model.gantt
        return data.status_date if data is not None else None

    def span(self) -> tuple[datetime, datetime] | None:
        data = self.model.gantt
        if data is None or data.start is None or data.finish is None:
            return None
        return data.start, data.finish

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

    def geometry_of(self, position: int, row: int) -> BarGeometry | None:
        task = self.model.task_at(position)
        start, finish = self.preview.get(task.id) or (task.start, task.finish)
        return task_geometry(
            task, start, finish, self.row_top(row), self.table.row_height, self.x_of
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
        row = int((y + self.scroll_y()) // self.table.row_height)
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
        self.paint_calendar(painter, clip)
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
        self.paint_date_lines(painter, clip)
        if first <= last:
            self._paint_links(painter, first, last)
            self._paint_rows(painter, first, last)
        if self.overlay is not None:
            self.overlay(painter)

    def _paint_rows(self, painter: QPainter, first: int, last: int) -> None:
        rows = self.table.rows
        bars = TaskBars(self.table.row_height, self.x_of)
        for row in range(first, last + 1):
            position = rows[row]
            bars.add(
                self.model.task_at(position), self.geometry_of(position, row), self.row_top(row)
            )
        bars.paint(painter, self.pens, self._labels)

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

    # Events.

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
