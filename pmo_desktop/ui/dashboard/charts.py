"""The dashboard's charts, drawn by matplotlib on QtAgg canvases.

Importing matplotlib takes about half a second: the dashboard imports this module in its
background job (`preload`) so that the GUI thread only builds the canvases.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.backend_bases import MouseEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QCoreApplication, QDate, QLocale, QSize, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from pmo_desktop.models import Rag
from pmo_desktop.services.dashboard import DashboardRow
from pmo_desktop.services.kpis import TrendPoint
from pmo_desktop.ui.formatting import format_money
from pmo_desktop.ui.rag import RAG_COLOURS

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


class _Canvas(FigureCanvasQTAgg):
    """A canvas whose figure follows the widget's palette and has small, readable text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        figure = Figure(figsize=(5, 3.2), layout="constrained")
        super().__init__(figure)
        self.setParent(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(260, 200)
        background = self.palette().color(QPalette.ColorRole.Base).name()
        figure.set_facecolor(background)
        self.text_colour = self.palette().color(QPalette.ColorRole.Text).name()

    def sizeHint(self) -> QSize:
        return QSize(480, 300)

    def _style(self, axes: object) -> None:
        axes.set_facecolor(self.figure.get_facecolor())  # type: ignore[attr-defined]
        axes.tick_params(labelsize=_FONT_SIZE, colors=self.text_colour, length=3)  # type: ignore[attr-defined]
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)  # type: ignore[attr-defined]
        for side in ("left", "bottom"):
            axes.spines[side].set_color("#B8C0CC")  # type: ignore[attr-defined]
        axes.grid(True, color=_GRID, linewidth=0.8)  # type: ignore[attr-defined]
        axes.set_axisbelow(True)  # type: ignore[attr-defined]


class BubbleChart(_Canvas):
    """Strategic value against risk exposure, one bubble per project sized by its budget
    and coloured by its overall RAG. Hover names a bubble; double-click opens it."""

    project_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: list[tuple[float, float, DashboardRow]] = []
        self.mpl_connect("motion_notify_event", self._on_motion)
        self.mpl_connect("button_press_event", self._on_press)
        self.set_rows([])

    def set_rows(self, rows: Sequence[DashboardRow]) -> None:
        figure = self.figure
        figure.clear()
        axes = figure.add_subplot()
        self._style(axes)
        axes.set_title(
            QCoreApplication.translate(
                "DashboardCharts", "Strategic value vs risk (bubble = budget)"
            ),
            fontsize=_FONT_SIZE + 1.5,
            color=self.text_colour,
            loc="left",
        )
        axes.set_xlabel(
            QCoreApplication.translate(
                "DashboardCharts", "Risk exposure (sum of open risk scores)"
            ),
            fontsize=_FONT_SIZE,
        )
        axes.set_ylabel(
            QCoreApplication.translate("DashboardCharts", "Strategic value (weighted score)"),
            fontsize=_FONT_SIZE,
        )
        self._points = [(float(row.risk_exposure), row.strategic_value, row) for row in rows]
        if self._points:
            largest = max(float(row.budget) for row in rows) or 1.0
            order = sorted(self._points, key=lambda point: -float(point[2].budget))
            # Many projects: smaller bubbles, so that they stay apart.
            spread = (_MAX_AREA - _MIN_AREA) * min(1.0, (_CROWD / len(rows)) ** 0.5)
            axes.scatter(
                [x for x, _, _ in order],
                [y for _, y, _ in order],
                s=[_MIN_AREA + spread * float(r.budget) / largest for *_, r in order],
                c=[RAG_COLOURS[r.rag_overall] for *_, r in order],
                alpha=0.55,
                edgecolors="#37474F",
                linewidths=0.6,
            )
            for x, y, row in order[:_LABELLED]:
                axes.annotate(
                    row.code,
                    (x, y),
                    fontsize=_FONT_SIZE - 1,
                    color=self.text_colour,
                    xytext=(0, 0),
                    textcoords="offset points",
                    ha="center",
                    va="center",
                )
            axes.margins(0.12)
        else:
            axes.text(
                0.5,
                0.5,
                QCoreApplication.translate("DashboardCharts", "No projects"),
                ha="center",
                va="center",
                transform=axes.transAxes,
                color="#9E9E9E",
            )
        self._axes = axes
        self.draw_idle()

    def _nearest(self, event: MouseEvent) -> DashboardRow | None:
        if event.inaxes is not self._axes or not self._points:
            return None
        transform = self._axes.transData
        best, best_distance = None, 12.0**2
        for x, y, row in self._points:
            px, py = transform.transform((x, y))
            distance = (px - event.x) ** 2 + (py - event.y) ** 2
            if distance < best_distance:
                best, best_distance = row, distance
        return best

    def _on_motion(self, event: MouseEvent) -> None:
        row = self._nearest(event)
        if row is None:
            QToolTip.hideText()
            return
        text = QCoreApplication.translate(
            "DashboardCharts", "{code} — {name}\nBudget {budget} · risk {risk} · value {value}"
        ).format(
            code=row.code,
            name=row.name,
            budget=format_money(row.budget, row.currency),
            risk=row.risk_exposure,
            value=QLocale().toString(row.strategic_value, "f", 2),
        )
        QToolTip.showText(self.cursor().pos(), text, self)

    def _on_press(self, event: MouseEvent) -> None:
        if event.dblclick and (row := self._nearest(event)) is not None:
            self.project_activated.emit(row.id)


class TrendChart(_Canvas):
    """Per reporting month: projects by overall RAG (stacked), and milestones completed
    against milestones that slipped past their baseline date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_trend([])

    def set_trend(self, points: Sequence[TrendPoint]) -> None:
        figure = self.figure
        figure.clear()
        ratings, milestones = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
        for axes in (ratings, milestones):
            self._style(axes)
        ratings.set_title(
            QCoreApplication.translate(
                "DashboardCharts", "RAG and milestone trend, last 12 months"
            ),
            fontsize=_FONT_SIZE + 1.5,
            color=self.text_colour,
            loc="left",
        )
        locale = QLocale()
        # Short month names; the year only under the first month and under each January.
        labels = [
            locale.toString(QDate(p.month.year, p.month.month, 1), "MMM")
            + (f"\n{p.month.year}" if index == 0 or p.month.month == 1 else "")
            for index, p in enumerate(points)
        ]
        positions = list(range(len(points)))
        bottom = [0] * len(points)
        for rag, label in (
            (Rag.GREEN, QCoreApplication.translate("DashboardCharts", "Green")),
            (Rag.AMBER, QCoreApplication.translate("DashboardCharts", "Amber")),
            (Rag.RED, QCoreApplication.translate("DashboardCharts", "Red")),
        ):
            values = [getattr(point, rag.name.lower()) for point in points]
            ratings.bar(positions, values, 0.7, bottom=bottom, color=RAG_COLOURS[rag], label=label)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        ratings.set_ylabel(
            QCoreApplication.translate("DashboardCharts", "Projects"), fontsize=_FONT_SIZE
        )
        width = 0.38
        milestones.bar(
            [p - width / 2 for p in positions],
            [point.milestones_completed for point in points],
            width,
            color=_COMPLETED,
            label=QCoreApplication.translate("DashboardCharts", "Milestones completed"),
        )
        milestones.bar(
            [p + width / 2 for p in positions],
            [point.milestones_slipped for point in points],
            width,
            color=_SLIPPED,
            label=QCoreApplication.translate("DashboardCharts", "Milestones slipped"),
        )
        milestones.set_ylabel(
            QCoreApplication.translate("DashboardCharts", "Milestones"), fontsize=_FONT_SIZE
        )
        milestones.set_xticks(positions, labels, fontsize=_FONT_SIZE - 0.5, rotation=0)
        for axes in (ratings, milestones):
            axes.legend(
                fontsize=_FONT_SIZE - 1, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0)
            )
            axes.yaxis.get_major_locator().set_params(integer=True)
        self.draw_idle()
