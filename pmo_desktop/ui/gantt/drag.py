"""Editing on the Gantt chart with the mouse, as in Microsoft Project.

Drag a bar to move it (an SNET constraint; with Alt held, or the "link lag" setting, the
lag of its driving predecessor link instead, see drag_lag.py), its right end to change the
duration, the end of its progress fill to change % complete, and from one bar to another
(Shift held, or from the small handle past the bar's end) to link them. While moving, the
chart previews the task and its successors from a `PreviewSession` opened in the worker
pool when the bar is pressed; on release one command is written in the worker pool (the
preview stays until the view reloads) and put on the undo stack. Esc cancels a drag."""

from __future__ import annotations

import enum
import gc
import itertools
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QEvent, QLineF, QObject, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QKeyEvent, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QToolTip

from pmo_desktop.errors import PmoError
from pmo_desktop.scheduling.cpm_graph import SchedulingError
from pmo_desktop.services import task_edits
from pmo_desktop.services.commands import Command
from pmo_desktop.services.database import Database
from pmo_desktop.services.gantt import GanttData, GanttLink
from pmo_desktop.services.project_schedule import PreviewSession
from pmo_desktop.ui.formatting import format_date
from pmo_desktop.ui.gantt.chart import GanttChart
from pmo_desktop.ui.gantt.drag_lag import LagPlan, LagPreview, lag_plan
from pmo_desktop.ui.workers import ProgressToken
from pmo_desktop.ui.workspace import Workspace

_START_DISTANCE = 3
_HANDLE = 9
_END = 4


class Zone(enum.Enum):
    """What a press on a bar drags."""

    MOVE = "move"
    FINISH = "finish"
    PROGRESS = "progress"
    LINK = "link"


_CURSORS = {
    Zone.MOVE: Qt.CursorShape.SizeAllCursor,
    Zone.FINISH: Qt.CursorShape.SizeHorCursor,
    Zone.PROGRESS: Qt.CursorShape.SplitHCursor,
    Zone.LINK: Qt.CursorShape.CrossCursor,
}


@dataclass
class Hit:
    task_id: int
    zone: Zone
    bar: QRectF


@dataclass
class _Drag:
    hit: Hit
    origin: QPointF
    start: datetime
    finish: datetime
    started: bool = False
    point: QPointF | None = None
    #: The value the release commits: a start, a duration in minutes, a percentage.
    value: Any = None
    #: A move that changes the lag of this link instead of setting SNET.
    lag: LagPlan | None = None
    lag_value: int = 0


def open_preview(token: ProgressToken, database: Database, project_id: int) -> PreviewSession:
    """Worker side: the project's schedule in memory, ready for per-move previews."""
    token.raise_if_cancelled()
    return PreviewSession(database, project_id)


def hit_zone(chart: GanttChart, point: QPointF, shift: bool = False) -> Hit | None:
    """The task under `point` and what dragging from there would change."""
    row = chart.row_at(point.y())
    if row is None:
        return None
    position = chart.table.rows[row]
    geometry = chart.geometry_of(position, row)
    if geometry is None:
        return None
    bar = geometry.bar
    task = chart.model.task_at(position)
    if not bar.adjusted(-3, -3, _HANDLE + 2, 3).contains(point):
        return None
    x = point.x()
    if shift or x > bar.right() + 2:
        return Hit(task.id, Zone.LINK, bar)
    if geometry.kind == "summary":
        return None
    if geometry.kind == "milestone":
        return Hit(task.id, Zone.MOVE, bar)
    if x >= bar.right() - _END:
        return Hit(task.id, Zone.FINISH, bar)
    progress_x = bar.left() + bar.width() * task.percent_complete / 100
    if abs(x - progress_x) <= 3 and bar.width() > 4 * _END:
        return Hit(task.id, Zone.PROGRESS, bar)
    return Hit(task.id, Zone.MOVE, bar)


def link_at(chart: GanttChart, point: QPointF) -> GanttLink | None:
    """The dependency line passing within 3 pixels of `point`."""
    row = chart.row_at(point.y())
    if row is None:
        return None
    for link, (points, _into_start, _critical) in chart.link_routes(row, row):
        for a, b in itertools.pairwise(points):
            if _distance(point, a, b) <= 3:
                return link
    return None


def _distance(point: QPointF, a: QPointF, b: QPointF) -> float:
    segment = QLineF(a, b)
    length = segment.length()
    if length == 0:
        return QLineF(point, a).length()
    along = ((point.x() - a.x()) * (b.x() - a.x()) + (point.y() - a.y()) * (b.y() - a.y())) / (
        length * length
    )
    along = min(1.0, max(0.0, along))
    return QLineF(point, segment.pointAt(along)).length()


def working_days(data: GanttData, first: date, last: date) -> int:
    """Working days of the project calendar from `first` to `last`, both included."""
    count = 0
    day = first
    while day <= last:
        count += not data.non_working(day)
        day += timedelta(days=1)
    return count


class DragController(QObject):
    """Turns mouse gestures on the chart's viewport into previews and editing commands."""

    #: The preview session for the pressed task is open (moves now preview successors).
    preview_ready = Signal()
    #: Double-click on a link line.
    link_activated = Signal(int)
    #: A drag's edit was written (True) or refused (False), after the release.
    committed = Signal(bool)

    def __init__(self, chart: GanttChart, workspace: Workspace) -> None:
        super().__init__(chart)
        self.chart = chart
        self.workspace = workspace
        self._drag: _Drag | None = None
        self._session: PreviewSession | None = None
        self._job: Any = None
        self._serial = 0
        #: A bar drag changes the driving link's lag (Alt inverts it for one drag).
        self.lag_mode = False
        self._lag_preview: LagPreview | None = None
        #: A released drag's edit is being written in the worker pool.
        self.committing = False
        #: What the drag's tooltip says (kept for the status bar and tests).
        self.tooltip_text = ""
        #: The cyclic garbage collector is paused from press to release: a full collection
        #: of the preview session's objects would stall one mouse move by 100-300 ms.
        self.paused_gc = False
        chart.overlay = self._paint_overlay
        self._viewport = chart.viewport()
        chart.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        chart.viewport().setMouseTracking(True)
        chart.viewport().installEventFilter(self)
        chart.installEventFilter(self)
        chart.model.data_replaced.connect(self._on_data_replaced)

    @property
    def dragging(self) -> bool:
        return self._drag is not None and self._drag.started

    @property
    def preview_open(self) -> bool:
        return self._session is not None

    # Events.

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Escape and self._drag is not None:
                self.cancel()
                return True
            return False
        if not isinstance(event, QMouseEvent) or watched is not self._viewport:
            return False
        point = event.position()
        if kind == QEvent.Type.MouseButtonPress:
            self._press(event)
        elif kind == QEvent.Type.MouseMove:
            return self._move(point)
        elif kind == QEvent.Type.MouseButtonRelease:
            return self._release(point)
        elif (
            kind == QEvent.Type.MouseButtonDblClick
            and self.chart.task_at(point) is None
            and (link := link_at(self.chart, point))
        ):
            self.link_activated.emit(link.id)
            return True
        return False

    def _editable(self) -> bool:
        return self.chart.model.editable and not self.workspace.read_only and not self.committing

    def _on_data_replaced(self) -> None:
        self._forget_session()
        if self._drag is None and self.chart.preview:
            # The committed edit's dates are in: the preview has done its job.
            self.chart.preview = {}
            self.chart.viewport().update()

    def _press(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self._editable():
            return
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        hit = hit_zone(self.chart, event.position(), shift)
        if hit is None:
            return
        position = self.chart.model.position_of(hit.task_id)
        assert position is not None
        task = self.chart.model.task_at(position)
        assert task.start is not None and task.finish is not None
        self._drag = _Drag(hit, event.position(), task.start, task.finish)
        if gc.isenabled():
            gc.disable()
            self.paused_gc = True
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        data = self.chart.model.gantt
        if hit.zone is Zone.MOVE and self.lag_mode != alt and data is not None:
            self._drag.lag = lag_plan(data, task)
        self.chart.setFocus(Qt.FocusReason.MouseFocusReason)
        if hit.zone in (Zone.MOVE, Zone.FINISH):
            self._open_session()

    def _move(self, point: QPointF) -> bool:
        drag = self._drag
        if drag is None:
            self._set_cursor(point)
            return False
        if not drag.started:
            if (point - drag.origin).manhattanLength() < _START_DISTANCE:
                return True
            drag.started = True
        drag.point = point
        self._update(drag)
        self.chart.viewport().update()
        if self.tooltip_text:
            QToolTip.showText(self.chart.viewport().mapToGlobal(point.toPoint()), self.tooltip_text)
        return True

    def _release(self, point: QPointF) -> bool:
        drag = self._drag
        if drag is None:
            return False
        started = drag.started
        if started:
            drag.point = point
            self._update(drag)
        self._finish(keep_preview=started)
        if started and not self._commit(drag):
            self.chart.preview = {}
            self.chart.viewport().update()
        return started

    def cancel(self) -> None:
        """Esc: the drag ends and nothing is written."""
        self._finish()

    def _finish(self, keep_preview: bool = False) -> None:
        self._drag = None
        if self.paused_gc:
            self.paused_gc = False
            gc.enable()
        self.tooltip_text = ""
        QToolTip.hideText()
        if self.chart.preview or self._lag_preview is not None:
            # A session that previewed a drag holds its outcome: the next press opens a new one.
            self._forget_session()
        if not keep_preview:
            self.chart.preview = {}
        self.chart.viewport().update()

    def _set_cursor(self, point: QPointF) -> None:
        hit = hit_zone(self.chart, point) if self._editable() else None
        shape = _CURSORS[hit.zone] if hit is not None else Qt.CursorShape.ArrowCursor
        viewport = self.chart.viewport()
        if viewport.cursor().shape() != shape:
            viewport.setCursor(QCursor(shape))

    # The preview session.

    def _open_session(self) -> None:
        data = self.chart.model.gantt
        if self._session is not None or self._job is not None or data is None:
            return
        self._serial += 1
        serial = self._serial
        job = self.workspace.pool.submit(open_preview, self.workspace.database, data.project_id)
        job.succeeded.connect(lambda session, s=serial: self._on_session(s, session))
        job.failed.connect(lambda _error, s=serial: self._on_session(s, None))
        self._job = job

    def _on_session(self, serial: int, session: PreviewSession | None) -> None:
        if serial != self._serial:
            return
        self._job = None
        self._session = session
        if session is not None:
            self.preview_ready.emit()

    def _forget_session(self) -> None:
        self._serial += 1
        if self._job is not None:
            self._job.cancel()
        self._job = None
        self._session = None
        self._lag_preview = None

    # Gesture outcomes.

    def _moment(self, x: float) -> datetime:
        return self.chart.axis.moment(x + self.chart.horizontalScrollBar().value())

    def _update(self, drag: _Drag) -> None:
        assert drag.point is not None
        zone, task_id = drag.hit.zone, drag.hit.task_id
        if zone is Zone.MOVE and drag.lag is not None:
            days = round((drag.point.x() - drag.origin.x()) / self.chart.pixels_per_day)
            start = drag.start + timedelta(days=days)
            drag.value = start
            plan = drag.lag
            drag.lag_value = lag = plan.lag_for(start)
            self.chart.preview = self._preview(
                lambda session: self._lag_session(session, plan).set_lag(lag),
                {task_id: (start, drag.finish + (start - drag.start))},
            )
            self.tooltip_text = self.tr("Lag of link from '{name}' {lag}").format(
                name=plan.predecessor_name, lag=plan.lag_text(lag)
            )
        elif zone is Zone.MOVE:
            days = round((drag.point.x() - drag.origin.x()) / self.chart.pixels_per_day)
            start = drag.start + timedelta(days=days)
            drag.value = start
            shift = start - drag.start
            self.chart.preview = self._preview(
                lambda session: session.move(task_id, start),
                {task_id: (start, drag.finish + shift)},
            )
            self.tooltip_text = self.tr("Start no earlier than {date} (SNET constraint)").format(
                date=format_date(start.date())
            )
        elif zone is Zone.FINISH:
            data = self.chart.model.gantt
            assert data is not None
            last = (self._moment(drag.point.x()) - timedelta(hours=5)).date()
            days = max(1, working_days(data, drag.start.date(), last))
            minutes = days * data.minutes_per_day
            drag.value = minutes
            finish = datetime.combine(max(last, drag.start.date()), time(17))
            self.chart.preview = self._preview(
                lambda session: session.set_duration(task_id, minutes),
                {task_id: (drag.start, finish)},
            )
            self.tooltip_text = self.tr("Duration: {days} days").format(days=days)
        elif zone is Zone.PROGRESS:
            bar = drag.hit.bar
            percent = round((drag.point.x() - bar.left()) / max(bar.width(), 1) * 100)
            drag.value = min(100, max(0, percent))
            self.tooltip_text = self.tr("Complete: {percent} %").format(percent=drag.value)
        else:
            target = self.chart.task_at(drag.point)
            drag.value = target if target != task_id else None
            self.tooltip_text = (
                self.tr("Link: finish-to-start") if drag.value is not None else self.tr("Link to…")
            )

    def _lag_session(self, session: PreviewSession, plan: LagPlan) -> LagPreview:
        if self._lag_preview is None or self._lag_preview.session is not session:
            self._lag_preview = LagPreview(session, plan)
        return self._lag_preview

    def _preview(
        self, call: Any, fallback: dict[int, tuple[datetime, datetime]]
    ) -> dict[int, tuple[datetime, datetime]]:
        if self._session is None:
            return fallback
        try:
            spans = call(self._session)
        except (PmoError, SchedulingError):
            return fallback
        return {task_id: span for task_id, span in spans.items() if span[0] and span[1]}

    def _commit(self, drag: _Drag) -> bool:
        """Start writing the drag's edit; False when there is nothing to write."""
        if drag.value is None:
            return False
        database = self.workspace.database
        task_id = drag.hit.task_id
        try:
            command: Command
            if drag.hit.zone is Zone.MOVE:
                if drag.value == drag.start:
                    return False
                if drag.lag is not None:
                    command = task_edits.set_link_lag(database, drag.lag.link.id, drag.lag_value)
                else:
                    command = task_edits.move_task(database, task_id, drag.value)
            elif drag.hit.zone is Zone.FINISH:
                command = task_edits.set_duration(database, task_id, drag.value)
            elif drag.hit.zone is Zone.PROGRESS:
                command = task_edits.set_progress(database, task_id, drag.value)
            else:
                command = task_edits.create_link(database, task_id, drag.value)
        except PmoError as exc:
            self.workspace.dialogs.critical(self.chart, self.tr("Change not saved"), str(exc))
            return False
        self.committing = True
        if not self.workspace.execute_in_background(command, self._on_committed):
            self.committing = False  # read-only: the workspace said why nothing is written
            return False
        return True

    def _on_committed(self, ok: bool) -> None:
        self.committing = False
        if not ok:
            self.chart.preview = {}
            self.chart.viewport().update()
        self.committed.emit(ok)

    # Overlay.

    def _paint_overlay(self, painter: QPainter) -> None:
        drag = self._drag
        if drag is None or not drag.started or drag.point is None:
            return
        bar = drag.hit.bar
        if drag.hit.zone is Zone.PROGRESS and drag.value is not None:
            done = QRectF(bar.left(), bar.top(), bar.width() * drag.value / 100, bar.height())
            painter.fillRect(done.adjusted(0, bar.height() * 0.3, 0, -bar.height() * 0.3),
                             QColor(30, 30, 30, 170))  # fmt: skip
        elif drag.hit.zone is Zone.LINK:
            pen = QPen(QColor(30, 30, 30), 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.drawLine(QPointF(bar.right(), bar.center().y()), drag.point)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)


def press_point(rect: QRectF, zone: Zone) -> QPoint:
    """Where a gesture on a bar starts (tests and scripted demos use it)."""
    y = round(rect.center().y())
    if zone is Zone.FINISH:
        return QPoint(round(rect.right() - 1), y)
    if zone is Zone.LINK:
        return QPoint(round(rect.right() + _HANDLE - 2), y)
    return QPoint(round(rect.left() + rect.width() * 0.5), y)
