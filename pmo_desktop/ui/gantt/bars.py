"""Task bars of one row each, batched: the shapes every Gantt chart draws for a `GanttTask`.

`task_geometry` says where a task's bar (or milestone diamond, or summary bar) sits in a row;
`TaskBars` collects the bars, progress, baselines, slack lines, deadlines, constraint flags and
labels of the rows in view and paints each kind in one call (pens and brushes set once).
The one-project chart and the portfolio chart both use them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPolygonF, QStaticText

from pmo_desktop.services.gantt import GanttTask
from pmo_desktop.ui.formatting import format_date
from pmo_desktop.ui.gantt import painting
from pmo_desktop.ui.gantt.painting import Pens
from pmo_desktop.ui.gantt.timeline import hline

XOf = Callable[[datetime | date], float]


class BarGeometry(NamedTuple):
    """Where a task is drawn, in viewport coordinates: `bar` is its bar (or the diamond's
    bounding box for a milestone), `row_top` the top of its row."""

    bar: QRectF
    row_top: float
    kind: str


def task_geometry(
    task: GanttTask,
    start: datetime | None,
    finish: datetime | None,
    top: float,
    height: int,
    x_of: XOf,
) -> BarGeometry | None:
    """The bar of `task` drawn from `start` to `finish` in the row whose top is `top`."""
    if start is None or finish is None:
        return None
    if task.is_milestone:
        half = height * 0.3
        x = x_of(finish)
        y = top + height * 0.45
        return BarGeometry(QRectF(x - half, y - half, 2 * half, 2 * half), top, "milestone")
    left = x_of(start)
    right = max(x_of(finish), left + 2)
    if task.is_summary:
        return BarGeometry(
            QRectF(left, top + height * 0.27, right - left, height * 0.42), top, "summary"
        )
    return BarGeometry(
        QRectF(left, top + round(height * 0.2), right - left, round(height * 0.46)), top, "task"
    )


class TaskBars:
    """The shapes of the task rows in view, painted kind by kind."""

    def __init__(self, height: int, x_of: XOf) -> None:
        self.height = height
        self.x_of = x_of
        self.tasks: list[QRectF] = []
        self.critical_tasks: list[QRectF] = []
        self.progress: list[QRectF] = []
        self.critical_progress: list[QRectF] = []
        self.baselines: list[QRectF] = []
        self.summaries: list[QPolygonF] = []
        self.critical_summaries: list[QPolygonF] = []
        self.milestones: list[QPolygonF] = []
        self.critical_milestones: list[QPolygonF] = []
        self.slack_lines: list[tuple[float, float, float]] = []
        self.deadlines: list[QPolygonF] = []
        self.missed: list[QPolygonF] = []
        self.flags: list[QPolygonF] = []
        self.labels: list[tuple[float, float, str]] = []

    def add(self, task: GanttTask, geometry: BarGeometry | None, top: float) -> None:
        """One task's row: its baseline, bar, progress, slack, deadline, constraint, label."""
        height, x_of = self.height, self.x_of
        if task.baseline_start is not None and task.baseline_finish is not None:
            left = x_of(task.baseline_start)
            right = max(x_of(task.baseline_finish), left + 2)
            self.baselines.append(QRectF(left, top + height * 0.72, right - left, 3))
        if geometry is None:
            return
        bar = geometry.bar
        if geometry.kind == "milestone":
            shape = painting.diamond(bar.center(), bar.width() / 2)
            (self.critical_milestones if task.critical else self.milestones).append(shape)
            self.labels.append((bar.right() + 4, top, _short_date(task.finish)))
        elif geometry.kind == "summary":
            shape = painting.summary_shape(bar.left(), bar.right(), bar.top(), bar.height())
            (self.critical_summaries if task.critical else self.summaries).append(shape)
        else:
            (self.critical_tasks if task.critical else self.tasks).append(bar)
            if task.percent_complete > 0:
                done = QRectF(bar)
                done.setWidth(bar.width() * task.percent_complete / 100)
                done.adjust(0, bar.height() * 0.3, 0, -bar.height() * 0.3)
                (self.critical_progress if task.critical else self.progress).append(done)
            if task.resources:
                self.labels.append((bar.right() + 5, top, ", ".join(task.resources)))
        if (
            task.late_finish is not None
            and task.finish is not None
            and (task.total_slack_minutes or 0) > 0
            and not task.is_summary
        ):
            y = round(top + height * 0.45) + 0.5
            self.slack_lines.append((bar.right(), x_of(task.late_finish), y))
        if task.deadline is not None:
            x = x_of(task.deadline)
            late = task.finish is not None and task.finish > task.deadline
            (self.missed if late else self.deadlines).append(painting.down_arrow(x, top + 1, 7))
        if task.constraint_date is not None and task.constraint_type.value not in (
            "ASAP", "ALAP"
        ):  # fmt: skip
            self.flags.append(painting.flag(x_of(task.constraint_date), top + 2, 7))

    def paint(self, painter: QPainter, pens: Pens, labels: Labels) -> None:
        painting.draw_rects(painter, self.baselines, pens.none, pens.baseline_brush)
        painter.setPen(pens.slack)
        painter.drawLines([hline(a, b, y) for a, b, y in self.slack_lines])
        painting.draw_rects(painter, self.tasks, pens.bar, pens.bar_brush)
        painting.draw_rects(painter, self.critical_tasks, pens.critical, pens.critical_brush)
        painting.draw_rects(painter, self.progress, pens.none, pens.progress_brush)
        painting.draw_rects(
            painter, self.critical_progress, pens.none, pens.critical_progress_brush
        )
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for shapes, brush in (
            (self.summaries, pens.summary_brush),
            (self.critical_summaries, pens.critical_summary_brush),
            (self.milestones, pens.summary_brush),
            (self.critical_milestones, pens.critical_summary_brush),
            (self.deadlines, pens.deadline_brush),
            (self.missed, pens.deadline_missed_brush),
            (self.flags, pens.constraint_brush),
        ):
            if shapes:
                painter.setPen(pens.none)
                painter.setBrush(brush)
                for shape in shapes:
                    painter.drawPolygon(shape)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        labels.draw(painter, pens, self.labels, self.height)


class Labels:
    """Texts beside the bars, laid out once (QStaticText) and drawn at each repaint."""

    _LIMIT = 4000

    def __init__(self, font: QFont) -> None:
        self.font = font
        self._texts: dict[str, QStaticText] = {}
        self._height = QFontMetricsF(font).height()

    def draw(
        self, painter: QPainter, pens: Pens, labels: list[tuple[float, float, str]], height: int
    ) -> None:
        """(x, row top, text) each, vertically centred in its row."""
        if not labels:
            return
        if len(self._texts) > self._LIMIT:
            self._texts.clear()
        painter.setFont(self.font)
        painter.setPen(pens.label)
        offset = (height - self._height) / 2
        texts = self._texts
        for x, top, text in labels:
            static = texts.get(text)
            if static is None:
                static = texts[text] = QStaticText(text)
                static.setTextFormat(Qt.TextFormat.PlainText)
                static.prepare(font=self.font)
            painter.drawStaticText(QPointF(x, top + offset), static)


def _short_date(value: datetime | None) -> str:
    return format_date(value.date(), compact=True) if value is not None else ""
