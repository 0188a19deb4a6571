"""The dashboard's charts: matplotlib draws them off the GUI thread, the GUI shows images.

Drawing a chart (layout, text metrics, Agg rasterising) takes a few hundred milliseconds,
too long for the GUI thread (DESIGN.md §7). `render_bubble` and `render_trend` are plain
functions that a worker runs: they draw on the Agg backend at the widget's pixel size and
return a `ChartImage` (RGBA pixels, plus the bubbles' pixel positions, so that the widget
names a bubble under the mouse and opens it on double-click without matplotlib). The
widgets re-render in the pool when resized, showing the scaled previous image meanwhile.
This module imports matplotlib only inside the render functions, so the GUI may import it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QLocale,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from pmo_desktop.models import Rag
from pmo_desktop.services.dashboard import DashboardRow
from pmo_desktop.services.kpis import TrendPoint, trend_months
from pmo_desktop.ui.formatting import format_money
from pmo_desktop.ui.rag import RAG_COLOURS
from pmo_desktop.ui.workers import Job, ProgressToken, WorkPool

translate = QCoreApplication.translate

#: Bubble areas (points²) of the smallest and largest budgets.
_MIN_AREA = 40.0
_MAX_AREA = 1400.0
#: Projects named on the bubble chart: the largest budgets.
_LABELLED = 12
#: Up to this many projects, bubbles take their full size.
_CROWD = 25
_FONT_SIZE = 8.0
_GRID = "#E3E7ED"
_SLIPPED = "#C62828"
_COMPLETED = "#5B8DB8"
_DPI = 100.0
#: How near (logical pixels) the mouse must be to a bubble's centre to name it.
_HIT_RADIUS = 12.0
#: A resize re-renders once it has settled this long (milliseconds).
_RERENDER_DELAY_MS = 120
MIN_SIZE = QSize(260, 200)
#: matplotlib's text and font caches are not thread-safe: one figure renders at a time.
_RENDER_LOCK = threading.Lock()


@dataclass(frozen=True)
class ChartStyle:
    """What a worker needs from the GUI thread: translated texts, colours and pixel size."""

    width: int
    height: int
    pixel_ratio: float
    background: str
    text_colour: str
    texts: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ChartImage:
    """A rendered chart: RGBA pixels and, for bubbles, (x, y, project id) in device pixels
    from the top-left corner."""

    width: int
    height: int
    pixel_ratio: float
    rgba: bytes
    points: tuple[tuple[float, float, int], ...] = ()


def bubble_texts() -> dict[str, str]:
    return {
        "title": translate("DashboardCharts", "Strategic value vs risk (bubble = budget)"),
        "x": translate("DashboardCharts", "Risk exposure (sum of open risk scores)"),
        "y": translate("DashboardCharts", "Strategic value (weighted score)"),
        "empty": translate("DashboardCharts", "No projects"),
    }


def trend_texts(as_of: date) -> dict[str, str]:
    """Titles and legends, and a label per month of the trend ending with `as_of`'s month
    (short month name; the year under the first month and under each January)."""
    locale = QLocale()
    texts = {
        "title": translate("DashboardCharts", "RAG and milestone trend, last 12 months"),
        "projects": translate("DashboardCharts", "Projects"),
        "milestones": translate("DashboardCharts", "Milestones"),
        "completed": translate("DashboardCharts", "Milestones completed"),
        "slipped": translate("DashboardCharts", "Milestones slipped"),
        Rag.GREEN.name: translate("DashboardCharts", "Green"),
        Rag.AMBER.name: translate("DashboardCharts", "Amber"),
        Rag.RED.name: translate("DashboardCharts", "Red"),
    }
    for index, month in enumerate(trend_months(as_of)):
        label = locale.toString(QDate(month.year, month.month, 1), "MMM")
        if index == 0 or month.month == 1:
            label += f"\n{month.year}"
        texts[month.isoformat()] = label
    return texts


def _figure(style: ChartStyle) -> Any:
    """A figure on the Agg canvas; matplotlib is imported here, in the worker (≈0.5 s)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    dpi = _DPI * style.pixel_ratio
    figure = Figure(
        figsize=(style.width * style.pixel_ratio / dpi, style.height * style.pixel_ratio / dpi),
        dpi=dpi,
        layout="constrained",
    )
    FigureCanvasAgg(figure)
    figure.set_facecolor(style.background)
    return figure


def _style_axes(axes: Any, style: ChartStyle) -> None:
    axes.set_facecolor(style.background)
    axes.tick_params(labelsize=_FONT_SIZE, colors=style.text_colour, length=3)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        axes.spines[side].set_color("#B8C0CC")
    axes.grid(True, color=_GRID, linewidth=0.8)
    axes.set_axisbelow(True)


def _image(
    figure: Any, style: ChartStyle, points: Sequence[tuple[float, float, int]] = ()
) -> ChartImage:
    canvas = figure.canvas
    width, height = canvas.get_width_height(physical=True)
    return ChartImage(width, height, style.pixel_ratio, bytes(canvas.buffer_rgba()), tuple(points))


def render_bubble(rows: Sequence[DashboardRow], style: ChartStyle) -> ChartImage:
    """Strategic value against risk exposure, one bubble per project sized by its budget
    and coloured by its overall RAG (any thread)."""
    with _RENDER_LOCK:
        figure = _figure(style)
        axes = figure.add_subplot()
        _style_axes(axes, style)
        axes.set_title(style.texts.get("title", ""), fontsize=_FONT_SIZE + 1.5,
                       color=style.text_colour, loc="left")  # fmt: skip
        axes.set_xlabel(style.texts.get("x", ""), fontsize=_FONT_SIZE)
        axes.set_ylabel(style.texts.get("y", ""), fontsize=_FONT_SIZE)
        order = sorted(rows, key=lambda row: -float(row.budget))
        if order:
            largest = max(float(row.budget) for row in order) or 1.0
            # Many projects: smaller bubbles, so that they stay apart.
            spread = (_MAX_AREA - _MIN_AREA) * min(1.0, (_CROWD / len(order)) ** 0.5)
            axes.scatter(
                [float(row.risk_exposure) for row in order],
                [row.strategic_value for row in order],
                s=[_MIN_AREA + spread * float(row.budget) / largest for row in order],
                c=[RAG_COLOURS[row.rag_overall] for row in order],
                alpha=0.55,
                edgecolors="#37474F",
                linewidths=0.6,
            )
            for row in order[:_LABELLED]:
                axes.annotate(row.code, (float(row.risk_exposure), row.strategic_value),
                              fontsize=_FONT_SIZE - 1, color=style.text_colour,
                              xytext=(0, 0), textcoords="offset points",
                              ha="center", va="center")  # fmt: skip
            axes.margins(0.12)
        else:
            axes.text(0.5, 0.5, style.texts.get("empty", ""), ha="center", va="center",
                      transform=axes.transAxes, color="#9E9E9E")  # fmt: skip
        figure.canvas.draw()
        height = figure.canvas.get_width_height(physical=True)[1]
        points = []
        if order:
            centres = axes.transData.transform(
                [(float(row.risk_exposure), row.strategic_value) for row in order]
            )
            points = [(float(x), height - float(y), row.id)
                      for (x, y), row in zip(centres, order, strict=True)]  # fmt: skip
        return _image(figure, style, points)


def render_trend(points: Sequence[TrendPoint], style: ChartStyle) -> ChartImage:
    """Per reporting month: projects by overall RAG (stacked), and milestones completed
    against milestones that slipped past their baseline date (any thread)."""
    texts = style.texts
    with _RENDER_LOCK:
        figure = _figure(style)
        ratings, milestones = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
        for axes in (ratings, milestones):
            _style_axes(axes, style)
        ratings.set_title(texts.get("title", ""), fontsize=_FONT_SIZE + 1.5,
                          color=style.text_colour, loc="left")  # fmt: skip
        labels = [texts.get(p.month.isoformat(), p.month.strftime("%b")) for p in points]
        positions = list(range(len(points)))
        bottom = [0] * len(points)
        for rag in (Rag.GREEN, Rag.AMBER, Rag.RED):
            values = [getattr(point, rag.name.lower()) for point in points]
            ratings.bar(positions, values, 0.7, bottom=bottom, color=RAG_COLOURS[rag],
                        label=texts.get(rag.name, rag.name))  # fmt: skip
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        ratings.set_ylabel(texts.get("projects", ""), fontsize=_FONT_SIZE)
        width = 0.38
        milestones.bar([p - width / 2 for p in positions],
                       [point.milestones_completed for point in points], width,
                       color=_COMPLETED, label=texts.get("completed", ""))  # fmt: skip
        milestones.bar([p + width / 2 for p in positions],
                       [point.milestones_slipped for point in points], width,
                       color=_SLIPPED, label=texts.get("slipped", ""))  # fmt: skip
        milestones.set_ylabel(texts.get("milestones", ""), fontsize=_FONT_SIZE)
        milestones.set_xticks(positions, labels, fontsize=_FONT_SIZE - 0.5, rotation=0)
        for axes in (ratings, milestones):
            axes.legend(fontsize=_FONT_SIZE - 1, frameon=False, loc="upper left",
                        bbox_to_anchor=(1.0, 1.0))  # fmt: skip
            axes.yaxis.get_major_locator().set_params(integer=True)
        figure.canvas.draw()
        return _image(figure, style)


def _render_job(
    _token: ProgressToken, render: Callable[[Any, ChartStyle], ChartImage], data: Any,
    style: ChartStyle,
) -> ChartImage:  # fmt: skip
    return render(data, style)


class _ChartView(QWidget):
    """Shows a rendered chart image; asks the pool for a new one when its size changes."""

    rendered = Signal()

    def __init__(
        self, pool: WorkPool, placeholder: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._pool = pool
        self.placeholder = placeholder
        self._data: Any = None
        self._texts: Mapping[str, str] = {}
        self._image: QImage | None = None
        self._chart: ChartImage | None = None
        self._job: Job | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(MIN_SIZE)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_RERENDER_DELAY_MS)
        self._timer.timeout.connect(self._render_in_pool)

    render: Callable[[Any, ChartStyle], ChartImage]

    def sizeHint(self) -> QSize:
        return QSize(480, 300)

    def style_for(self, texts: Mapping[str, str]) -> ChartStyle:
        """The style to render at this widget's current size (call on the GUI thread)."""
        size = self.size()
        if size.width() < MIN_SIZE.width() or size.height() < MIN_SIZE.height():
            size = self.sizeHint()  # not laid out yet
        palette = self.palette()
        return ChartStyle(
            max(size.width(), MIN_SIZE.width()),
            max(size.height(), MIN_SIZE.height()),
            self.devicePixelRatioF(),
            palette.color(QPalette.ColorRole.Base).name(),
            palette.color(QPalette.ColorRole.Text).name(),
            dict(texts),
        )

    def set_chart(self, data: Any, texts: Mapping[str, str], image: ChartImage | None) -> None:
        """Show `image` drawn from `data` (rendered in the pool now if None)."""
        self._data, self._texts = data, dict(texts)
        if self._job is not None:
            self._job.cancel()
            self._job = None
        if image is None:
            self._render_in_pool()
        else:
            self._set_image(image)

    def chart_image(self) -> ChartImage | None:
        return self._chart

    def _render_in_pool(self) -> None:
        if self._data is None:
            return
        if self._job is not None:
            self._job.cancel()
        style = self.style_for(self._texts)
        self._job = self._pool.submit(_render_job, type(self).render, self._data, style)
        self._job.succeeded.connect(self._on_rendered)

    @Slot(object)
    def _on_rendered(self, image: ChartImage) -> None:
        if self.sender() is self._job:
            self._job = None
            self._set_image(image)

    def _set_image(self, chart: ChartImage) -> None:
        image = QImage(chart.rgba, chart.width, chart.height, QImage.Format.Format_RGBA8888).copy()
        image.setDevicePixelRatio(chart.pixel_ratio)
        self._chart, self._image = chart, image
        self.update()
        if self.isVisible() and self._needs_render(chart):
            self._timer.start()  # resized while this image was being drawn
        self.rendered.emit()

    def _needs_render(self, chart: ChartImage) -> bool:
        """Whether the widget's size in device pixels differs from the image's (matplotlib
        may round a pixel off)."""
        ratio = self.devicePixelRatioF()
        width = max(self.width(), MIN_SIZE.width()) * ratio
        height = max(self.height(), MIN_SIZE.height()) * ratio
        return abs(width - chart.width) > 1.5 or abs(height - chart.height) > 1.5

    def _scale(self) -> tuple[float, float]:
        """Logical widget pixels per image device pixel, horizontally and vertically."""
        if self._chart is None or not self._chart.width or not self._chart.height:
            return 1.0, 1.0
        return self.width() / self._chart.width, self.height() / self._chart.height

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base))
        if self._image is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(QRectF(self.rect()), self._image)
        elif self.placeholder:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.placeholder)
        painter.end()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._chart is not None and self._data is not None and self._needs_render(self._chart):
            self._timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        chart = self._chart
        if chart is not None and self._data is not None and self._needs_render(chart):
            self._timer.start()


class BubbleChart(_ChartView):
    """Strategic value against risk exposure. Hover names a bubble; double-click opens it."""

    project_activated = Signal(int)
    render = staticmethod(render_bubble)

    def __init__(
        self, pool: WorkPool, placeholder: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(pool, placeholder, parent)
        self.setMouseTracking(True)
        self._rows: dict[int, DashboardRow] = {}

    def set_rows(
        self, rows: Sequence[DashboardRow], image: ChartImage | None = None,
        texts: Mapping[str, str] | None = None,
    ) -> None:  # fmt: skip
        self._rows = {row.id: row for row in rows}
        self.set_chart(tuple(rows), texts or bubble_texts(), image)

    def project_at(self, position: QPointF) -> DashboardRow | None:
        """The project whose bubble centre is nearest to `position`, within reach."""
        chart = self._chart
        if chart is None or not chart.points:
            return None
        scale_x, scale_y = self._scale()
        best, best_distance = None, _HIT_RADIUS**2
        for x, y, project_id in chart.points:
            distance = (x * scale_x - position.x()) ** 2 + (y * scale_y - position.y()) ** 2
            if distance < best_distance:
                best, best_distance = project_id, distance
        return None if best is None else self._rows.get(best)

    def bubble_position(self, project_id: int) -> QPointF | None:
        """Where the project's bubble is drawn, in widget coordinates (None if not drawn)."""
        chart = self._chart
        scale_x, scale_y = self._scale()
        for x, y, found in chart.points if chart is not None else ():
            if found == project_id:
                return QPointF(x * scale_x, y * scale_y)
        return None

    def tooltip_text(self, row: DashboardRow) -> str:
        text = translate(
            "DashboardCharts", "{code} — {name}\nBudget {budget} · risk {risk} · value {value}"
        )
        return text.format(
            code=row.code,
            name=row.name,
            budget=format_money(row.budget, row.currency),
            risk=row.risk_exposure,
            value=QLocale().toString(row.strategic_value, "f", 2),
        )

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        row = self.project_at(event.position())
        if row is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(event.globalPosition().toPoint(), self.tooltip_text(row), self)
        super().mouseMoveEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        row = self.project_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and row is not None:
            self.project_activated.emit(row.id)
            return
        super().mouseDoubleClickEvent(event)


class TrendChart(_ChartView):
    """Per reporting month: projects by overall RAG, milestones completed and slipped."""

    render = staticmethod(render_trend)

    def set_trend(
        self, points: Sequence[TrendPoint], image: ChartImage | None = None,
        texts: Mapping[str, str] | None = None,
    ) -> None:  # fmt: skip
        as_of = points[-1].month if points else date.today()
        self.set_chart(tuple(points), texts or trend_texts(as_of), image)
