"""The portfolio Gantt's chart: programme spans, one summary bar per project, the tasks of the
expanded projects, and the links between projects.

It shares the date side with the one-project chart (`TimelineArea`: time scale, zoom, grid,
today and status lines) and paints task rows with the same `TaskBars`. Only the rows in view
are painted. A project bar is filled in its RAG colour, darker for the work done, with its
baseline 0 beneath and its slip beside it. A cross-project link is drawn between its two
tasks when both are shown; while a task is hidden (its project or summary collapsed) the
arrow starts or ends on the row that hides it, at the task's own date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import NamedTuple

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPolygonF,
)
from PySide6.QtWidgets import QToolTip, QWidget

from pmo_desktop.models import LinkType, Rag
from pmo_desktop.services.gantt import GanttData
from pmo_desktop.services.portfolio_gantt import PortfolioGanttData, PortfolioGanttProject
from pmo_desktop.ui.formatting import format_percent
from pmo_desktop.ui.gantt import painting
from pmo_desktop.ui.gantt.bars import Labels, TaskBars, task_geometry
from pmo_desktop.ui.gantt.painting import LINK_ENDS, Pens
from pmo_desktop.ui.gantt.portfolio_tips import project_tooltip, slip_text
from pmo_desktop.ui.gantt.portfolio_tree import PortfolioRow, PortfolioTree, RowKind
from pmo_desktop.ui.gantt.timeline import TimelineArea
from pmo_desktop.ui.gantt.tooltips import task_tooltip
from pmo_desktop.ui.rag import rag_colour

#: A drawn link: its polyline, whether it enters from the left, whether it is critical.
Route = tuple[list[QPointF], bool, bool]
#: Pixels kept free at the right of the fitted span: "CYB-01 · 67% · 41 d late".
_LABEL_ROOM = 170


class PortfolioChart(TimelineArea):
    """Bars of the tree's shown rows, scrolled by the tree's vertical scroll bar."""

    #: Double-click on a row's bar: (kind, project id, task id or 0).
    row_activated = Signal(object)

    def __init__(self, tree: PortfolioTree, parent: QWidget | None = None) -> None:
        super().__init__(tree.verticalScrollBar(), tree.header().height(), parent)
        self.tree = tree
        self.data: PortfolioGanttData | None = None
        #: The tasks of each expanded project, as read.
        self.projects: dict[int, GanttData] = {}
        self._task_project: dict[int, int] = {}
        self._task_parent: dict[int, int | None] = {}
        label_font = QFont(self.font())
        label_font.setPointSizeF(self.font().pointSizeF() * 0.9)
        self._labels = Labels(label_font)
        self._rag_styles = {rag: _RagStyle(rag) for rag in (*Rag, None)}
        #: The links with the rows that stand for their ends, rebuilt when the rows change.
        self._anchored: list[_Anchored] | None = None
        #: The drawn links (summary rows, own rows) and the layout and zoom they are for.
        self._shapes: tuple[painting.LinkShapes, painting.LinkShapes] | None = None
        self._shapes_key: tuple[datetime, float, int] | None = None
        self._layout = 0
        self._rebuild = QTimer(self)
        self._rebuild.setSingleShot(True)
        self._rebuild.setInterval(150)
        self._rebuild.timeout.connect(self._build_shapes)
        self._project_labels: dict[int, str] = {}
        self._bands = QBrush(QColor("#F5F6F8"))
        tree.rows_changed.connect(self._on_rows_changed)
        tree.currentItemChanged.connect(lambda *_: self.viewport().update())

    def set_data(self, data: PortfolioGanttData | None, *, keep_view: bool = False) -> None:
        self.data = data
        self.projects = {}
        self._task_project = {}
        self._task_parent = {}
        self._anchored = None
        self._layout += 1
        self._project_labels = {}
        self.set_span(data.start if data else None, data.finish if data else None,
                      keep_view=keep_view)  # fmt: skip

    def set_project(self, data: GanttData) -> None:
        self.projects[data.project_id] = data
        for task in data.tasks:
            self._task_project[task.id] = data.project_id
            self._task_parent[task.id] = task.parent_id
        self._on_rows_changed()

    def _on_rows_changed(self) -> None:
        self._anchored = None
        self._layout += 1
        self.viewport().update()

    # TimelineArea hooks.

    def row_height(self) -> int:
        return self.tree.row_height

    def non_working(self, day: date) -> bool:
        return self.data.non_working(day) if self.data is not None else day.weekday() >= 5

    def status_date(self) -> date | None:
        return self.data.status_date if self.data is not None else None

    def span(self) -> tuple[datetime, datetime] | None:
        data = self.data
        if data is None or data.start is None or data.finish is None:
            return None
        return data.start, data.finish

    def zoom_to_fit(self) -> None:
        """The whole portfolio in view, with room on the right for the labels of the bars."""
        span = self.span()
        if span is None:
            return
        days = (span[1] - span[0]).total_seconds() / 86400 + 2
        self.set_pixels_per_day((self.viewport().width() - 60 - _LABEL_ROOM) / max(days, 1.0))
        self.scroll_to(span[0])

    # Geometry.

    def bar_of(self, number: int) -> QRectF | None:
        """The bar of shown row `number` (viewport coordinates), None without dates."""
        rows = self.tree.rows
        if not 0 <= number < len(rows):
            return None
        return self._bar(rows[number], self.row_top(number))

    def _bar(self, row: PortfolioRow, top: float) -> QRectF | None:
        height = self.tree.row_height
        if row.kind is RowKind.TASK and row.task is not None:
            geometry = task_geometry(
                row.task, row.task.start, row.task.finish, top, height, self.x_of
            )
            return geometry.bar if geometry is not None else None
        if row.kind is RowKind.PROJECT and row.project is not None:
            start, finish = row.project.start, row.project.finish
            if start is None or finish is None:
                return None
            left = self.x_of(start)
            right = max(self.x_of(finish), left + 3)
            return QRectF(left, top + round(height * 0.18), right - left, round(height * 0.5))
        if row.kind is RowKind.PROGRAMME and row.programme is not None:
            start, finish = row.programme.start, row.programme.finish
            if start is None or finish is None:
                return None
            left = self.x_of(start)
            right = max(self.x_of(finish), left + 3)
            return QRectF(left, top + height * 0.27, right - left, height * 0.42)
        return None

    def project_bar(self, project_id: int) -> QRectF | None:
        number = self.tree.project_row(project_id)
        return None if number is None else self.bar_of(number)

    def task_bar(self, task_id: int) -> QRectF | None:
        number = self.tree.task_row(task_id)
        return None if number is None else self.bar_of(number)

    def row_at(self, y: float) -> int | None:
        number = int((y + self.scroll_y()) // self.tree.row_height)
        return number if 0 <= number < len(self.tree.rows) else None

    def hit(self, point: QPoint | QPointF) -> PortfolioRow | None:
        """The row whose bar is under `point` (within 3 pixels)."""
        number = self.row_at(point.y())
        if number is None:
            return None
        bar = self.bar_of(number)
        if bar is None or not bar.adjusted(-3, -3, 3, 3).contains(QPointF(point)):
            return None
        return self.tree.rows[number]

    # Painting.

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        try:
            self._paint(painter, event.rect())
        finally:
            painter.end()

    def _paint(self, painter: QPainter, clip: QRect) -> None:
        pens = self.pens
        rows = self.tree.rows
        height = self.tree.row_height
        painter.fillRect(clip, painting.Palette.background)
        first, last = self.visible_row_range(clip, len(rows))
        self.paint_calendar(painter, clip)
        current = self.tree.current_row()
        bands: list[QRectF] = []
        selected: list[QRectF] = []
        width = self.viewport().width()
        for number in range(first, last + 1):
            row = rows[number]
            strip = QRectF(0, self.row_top(number), width, height)
            if current is not None and row == current:
                selected.append(strip)
            elif row.kind is RowKind.PROGRAMME:
                bands.append(strip)
        painting.draw_rects(painter, bands, pens.none, self._bands)
        painting.draw_rects(painter, selected, pens.none, pens.selection_brush)
        self.paint_date_lines(painter, clip)
        if first > last:
            return
        self._paint_links(painter, first, last)
        tasks = TaskBars(height, self.x_of)
        programmes: list[QPolygonF] = []
        labels: list[tuple[float, float, str]] = []
        projects = _ProjectBars(height, self.x_of)
        for number in range(first, last + 1):
            row = rows[number]
            top = self.row_top(number)
            if row.kind is RowKind.TASK and row.task is not None:
                task = row.task
                geometry = task_geometry(task, task.start, task.finish, top, height, self.x_of)
                tasks.add(task, geometry, top)
                continue
            bar = self._bar(row, top)
            if bar is None:
                continue
            if row.kind is RowKind.PROGRAMME:
                programmes.append(
                    painting.summary_shape(bar.left(), bar.right(), bar.top(), bar.height())
                )
            elif row.kind is RowKind.PROJECT and row.project is not None:
                projects.add(row.project, bar, top)
                label = self._project_labels.get(row.project.id)
                if label is None:
                    label = self._project_labels[row.project.id] = project_label(row.project)
                labels.append((bar.right() + 5, top, label))
        projects.paint(painter, pens, self._rag_styles)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(pens.none)
        painter.setBrush(pens.summary_brush)
        for shape in programmes:
            painter.drawPolygon(shape)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        tasks.paint(painter, pens, self._labels)
        self._labels.draw(painter, pens, labels, height)

    # Links.

    def link_routes(self, first: int, last: int) -> tuple[list[Route], list[Route]]:
        """The cross-project links, and the links of the expanded projects, meeting rows
        `first`..`last` (both ends on the same row are left out), in viewport coordinates:
        those between two shown tasks, and those with an end on a summary row (a collapsed
        project or summary)."""
        if self._anchored is None:
            self._anchored = self._anchor_links()
        shown: list[Route] = []
        hidden: list[Route] = []
        for link in self._anchored:
            if link.high < first or link.low > last:
                continue
            route = self._route(link)
            if route is not None:
                (shown if link.own_rows else hidden).append(route)
        return shown, hidden

    def _paint_links(self, painter: QPainter, first: int, last: int) -> None:
        """All the links, built once per layout and zoom in unscrolled coordinates (scrolling
        only translates them); right after a zoom or a layout change, the links in view only,
        until the full set is rebuilt once the user pauses."""
        pens = self.pens
        if self._shapes is not None and self._shapes_key == self._key():
            painter.save()
            painter.translate(-self._offset_x, -self._offset_y)
            self._shapes[0].draw(painter, pens, light=True)
            self._shapes[1].draw(painter, pens)
            painter.restore()
            return
        shown, hidden = self.link_routes(first, last)
        painting.draw_links(painter, hidden, pens, light=True)
        painting.draw_links(painter, shown, pens)
        self._rebuild.start()

    def _key(self) -> tuple[datetime, float, int]:
        return self.axis.origin, self.axis.pixels_per_day, self._layout

    def _build_shapes(self) -> None:
        if self._anchored is None:
            self._anchored = self._anchor_links()
        offsets = self._offset_x, self._offset_y
        self._offset_x = self._offset_y = 0
        try:
            routes = [(link.own_rows, self._route(link)) for link in self._anchored]
        finally:
            self._offset_x, self._offset_y = offsets
        self._shapes = (
            painting.LinkShapes(r for own, r in routes if r is not None and not own),
            painting.LinkShapes(r for own, r in routes if r is not None and own),
        )
        self._shapes_key = self._key()
        self.viewport().update()

    def _anchor_links(self) -> list[_Anchored]:
        """Every drawable link with the rows of its two ends (see `_anchor`)."""
        anchored: list[_Anchored] = []
        data = self.data
        if data is None:
            return anchored
        ends: list[tuple[LinkType, _End, _End, bool]] = []
        for link in data.links:
            before = (link.predecessor_id, link.predecessor_project_id,
                      link.predecessor_start, link.predecessor_finish)  # fmt: skip
            after = (link.successor_id, link.successor_project_id,
                     link.successor_start, link.successor_finish)  # fmt: skip
            ends.append((link.type, before, after, link.critical))
        row_of = self.tree.task_row
        for project in self.projects.values():
            by_id = {task.id: task for task in project.tasks}
            for own in project.links:
                if row_of(own.predecessor_id) is None or row_of(own.successor_id) is None:
                    continue
                before, after = by_id.get(own.predecessor_id), by_id.get(own.successor_id)
                if before is None or after is None:
                    continue
                ends.append((
                    own.type,
                    (before.id, project.project_id, before.start, before.finish),
                    (after.id, project.project_id, after.start, after.finish),
                    before.critical and after.critical,
                ))  # fmt: skip
        for kind, before, after, critical in ends:
            pa = self._anchor(before[0], before[1])
            sa = self._anchor(after[0], after[1])
            if pa is None or sa is None or pa[0] == sa[0]:
                continue
            anchored.append(_Anchored(kind, before, after, critical, pa[0], sa[0], pa[1], sa[1]))
        return anchored

    def _anchor(self, task_id: int, project_id: int) -> tuple[int, bool] | None:
        """The shown row that stands for a task: its own, a collapsed summary above it, its
        project's, or its programme's (True when it is the task's own row)."""
        number = self.tree.task_row(task_id)
        if number is not None:
            return number, True
        parent = self._task_parent.get(task_id)
        while parent is not None:
            number = self.tree.task_row(parent)
            if number is not None:
                return number, False
            parent = self._task_parent.get(parent)
        number = self.tree.project_row(project_id)
        if number is not None:
            return number, False
        data = self.data
        if data is None:
            return None
        for programme in data.programmes:
            if any(project.id == project_id for project in programme.projects):
                number = self.tree.programme_row(programme.id)
                return (number, False) if number is not None else None
        return None

    def _route(self, link: _Anchored) -> Route | None:
        rp, rs = link.predecessor_row, link.successor_row
        from_finish, to_finish = LINK_ENDS[link.kind]
        exit_x = self._end_x(rp, link.predecessor_own, link.before[2], link.before[3], from_finish)
        entry_x = self._end_x(rs, link.successor_own, link.after[2], link.after[3], to_finish)
        if exit_x is None or entry_x is None:
            return None
        height = self.tree.row_height
        exit_y = self.row_top(rp) + height * 0.45
        entry_y = self.row_top(rs) + height * 0.45
        gap_y = self.row_top(rp) + (height if rs > rp else 0)
        points = painting.link_route(
            exit_x, exit_y, from_finish, entry_x, entry_y, not to_finish, gap_y
        )
        return points, not to_finish, link.critical

    def _end_x(
        self,
        number: int,
        own_row: bool,
        start: datetime | None,
        finish: datetime | None,
        at_finish: bool,
    ) -> float | None:
        """x of a link's end: the bar's edge on the task's own row, else the task's date."""
        if own_row:
            bar = self.bar_of(number)
            if bar is not None:
                return bar.right() if at_finish else bar.left()
        moment = finish if at_finish else start
        return self.x_of(moment) if moment is not None else None

    # Events.

    def mousePressEvent(self, event: QMouseEvent) -> None:
        number = self.row_at(event.position().y())
        if number is not None and event.button() == Qt.MouseButton.LeftButton:
            self.tree.select_row(number)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        row = self.hit(event.position())
        if row is not None:
            self.row_activated.emit(row)
            return
        super().mouseDoubleClickEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            row = self.hit(event.pos())
            text = ""
            if row is not None and row.kind is RowKind.PROJECT and row.project is not None:
                text = project_tooltip(row.project)
            elif row is not None and row.task is not None and row.project_id in self.projects:
                text = task_tooltip(row.task, self.projects[row.project_id])
            if not text:
                QToolTip.hideText()
                event.ignore()
                return True
            QToolTip.showText(event.globalPos(), text, self.viewport())
            return True
        return super().viewportEvent(event)


def project_label(project: PortfolioGanttProject) -> str:
    """Beside a project's bar: its code, % complete and slip against baseline 0."""
    parts = [project.code, format_percent(project.percent_complete)]
    slip = slip_text(project)
    if slip:
        parts.append(slip)
    return "  ·  ".join(parts)


def _pale(colour: QColor) -> QColor:
    """The RAG colour at 35 % on white, opaque: the links beneath stay hidden."""
    return QColor(
        round(255 - 0.35 * (255 - colour.red())),
        round(255 - 0.35 * (255 - colour.green())),
        round(255 - 0.35 * (255 - colour.blue())),
    )


#: A link's end: task id, project id, start, finish.
_End = tuple[int, int, datetime | None, datetime | None]


class _Anchored(NamedTuple):
    """A link and the shown rows standing for its ends (own: the task's own row)."""

    kind: LinkType
    before: _End
    after: _End
    critical: bool
    predecessor_row: int
    successor_row: int
    predecessor_own: bool
    successor_own: bool

    @property
    def low(self) -> int:
        return min(self.predecessor_row, self.successor_row)

    @property
    def high(self) -> int:
        return max(self.predecessor_row, self.successor_row)

    @property
    def own_rows(self) -> bool:
        return self.predecessor_own and self.successor_own


class _RagStyle:
    """Pen and brushes of the project bars of one rating, made once."""

    def __init__(self, rag: Rag | None) -> None:
        colour = rag_colour(rag)
        self.pen = painting.pen(colour.darker(115), 1.0)
        self.pale = QBrush(_pale(colour))
        self.full = QBrush(colour)


class _ProjectBars:
    """Project bars of the rows in view, by rating: baseline, pale bar, work done."""

    def __init__(self, height: int, x_of: Callable[[datetime], float]) -> None:
        self.height = height
        self.x_of = x_of
        self.baselines: list[QRectF] = []
        self.bars: dict[Rag | None, list[QRectF]] = {}
        self.done: dict[Rag | None, list[QRectF]] = {}

    def add(self, project: PortfolioGanttProject, bar: QRectF, top: float) -> None:
        if project.baseline_start is not None and project.baseline_finish is not None:
            left = self.x_of(project.baseline_start)
            right = max(self.x_of(project.baseline_finish), left + 2)
            self.baselines.append(QRectF(left, top + self.height * 0.74, right - left, 3))
        self.bars.setdefault(project.rag, []).append(bar)
        if project.percent_complete > 0:
            done = QRectF(bar)
            done.setWidth(bar.width() * min(100.0, project.percent_complete) / 100)
            done.adjust(0.5, bar.height() * 0.25, 0, -bar.height() * 0.25)
            self.done.setdefault(project.rag, []).append(done)

    def paint(self, painter: QPainter, pens: Pens, styles: dict[Rag | None, _RagStyle]) -> None:
        painting.draw_rects(painter, self.baselines, pens.none, pens.baseline_brush)
        for rag, rects in self.bars.items():
            painting.draw_rects(painter, rects, styles[rag].pen, styles[rag].pale)
        for rag, rects in self.done.items():
            painting.draw_rects(painter, rects, pens.none, styles[rag].full)
