"""The pack's charts (EVM S-curve, resource loading by role): matplotlib rasters, vector labels.

matplotlib (Agg, a bare `Figure`, never pyplot) paints the plot — grid, bars, curves, legend
samples — into a raster at PRINT_DPI and placed at exactly the size asked. The
texts (ticks, titles, legend, notes) are laid out here in points and drawn by reportlab on top
in DejaVu Sans, the pack's font: they stay sharp and searchable, and a chart takes tens of
milliseconds instead of the ~2.5 ms per text that matplotlib's Agg text rendering costs.
"""

from __future__ import annotations

import functools
import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from babel.dates import format_date
from PIL import Image as PilImage
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from pmo_desktop.models.enums import Rag
from pmo_desktop.reports.data import CurvePoint, EvmFigures, RoleLoad
from pmo_desktop.reports.gantt_extract import fit_text, hatch_segments
from pmo_desktop.reports.i18n import ReportText
from pmo_desktop.reports.style import PackStyle

#: Resolution of the embedded PNGs: sharp on an office printer at reading distance.
PRINT_DPI = 200
_GRID = HexColor("#E3E6EA")
_AXIS = HexColor("#B8BEC6")
_LABEL = HexColor("#3C4043")
_CAPACITY = HexColor("#2B2B2B")
_WHITE = HexColor("#FFFFFF")
#: A square marker's outline, centred on its point (the circle is matplotlib's unit circle).
_SQUARE_CORNERS = ((-0.9, -0.9), (-0.9, 0.9), (0.9, 0.9), (0.9, -0.9), (-0.9, -0.9))
#: matplotlib's artists are not thread-safe: one chart at a time per process.
_LOCK = threading.Lock()
#: Anchor codes: horizontal (l, c, r) then vertical (b = baseline, m, t, d = descender),
#: the vertical one as the baseline's offset in ems (DejaVu Sans metrics).
_ALIGN = {"l": "left", "c": "centre", "r": "right"}
_BASELINE = {"b": 0.0, "m": -0.36, "t": -0.76, "d": 0.24}
Segment = tuple[tuple[float, float], tuple[float, float]]
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Label:
    """A text drawn over the chart, in points from the chart's lower-left corner."""

    x: float
    y: float
    text: str
    font: str
    size: float
    colour: Color
    align: str = "left"
    angle: float = 0.0


class ChartImage(Flowable):
    """The matplotlib raster (a Pillow image, handed to reportlab without re-encoding) at
    exactly the asked size, with its labels drawn on top as vector text."""

    def __init__(
        self, picture: PilImage.Image, width: float, height: float, labels: Sequence[Label]
    ) -> None:
        super().__init__()
        #: The RGB raster, as embedded.
        self.picture = picture
        self.drawWidth, self.drawHeight = width, height
        self.chart_size = (width, height)
        self.labels = tuple(labels)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.drawWidth, self.drawHeight

    def draw(self) -> None:
        canvas = self.canv
        canvas.drawImage(ImageReader(self.picture), 0, 0, self.drawWidth, self.drawHeight)
        canvas.saveState()
        canvas.scale(self.drawWidth / self.chart_size[0], self.drawHeight / self.chart_size[1])
        for label in self.labels:
            canvas.saveState()
            canvas.setFont(label.font, label.size)
            canvas.setFillColor(label.colour)
            canvas.translate(label.x, label.y)
            canvas.rotate(label.angle)
            if label.align == "right":
                canvas.drawRightString(0, 0, label.text)
            elif label.align == "centre":
                canvas.drawCentredString(0, 0, label.text)
            else:
                canvas.drawString(0, 0, label.text)
            canvas.restoreState()
        canvas.restoreState()


def rgb_picture(rgba: Any) -> PilImage.Image:
    """The RGB Pillow image of matplotlib's RGBA buffer (the page is white: no alpha)."""
    height, width = rgba.shape[:2]
    return PilImage.frombuffer("RGBA", (width, height), bytes(rgba), "raw", "RGBA", 0, 1).convert(
        "RGB"
    )


def _rgb(colour: Color) -> tuple[float, float, float]:
    return (float(colour.red), float(colour.green), float(colour.blue))


class _Canvas:
    """Matplotlib's Agg renderer on a canvas measured in points (origin lower left), plus
    vector labels.

    Lines and boxes are queued by look and painted as one path each, straight through the
    renderer: no Figure, Axes or artists (their cost is per object, and importing them costs
    more than the whole pack's charts).
    """

    def __init__(self, width: float, height: float, style: PackStyle) -> None:
        from matplotlib.backends.backend_agg import RendererAgg
        from matplotlib.transforms import Affine2D

        self.width, self.height, self.style = width, height, style
        self.size = max(7.0, style.small_size)
        scale = PRINT_DPI / 72.0
        self.renderer = RendererAgg(round(width * scale), round(height * scale), PRINT_DPI)
        self.transform = Affine2D().scale(scale)
        self.labels: list[Label] = []
        self._batches: dict[tuple[Any, ...], list[Any]] = {}
        self._curves: list[tuple[list[float], list[float], Any, float, Any, str | None]] = []

    def width_of(self, value: str, font: str | None = None) -> float:
        return stringWidth(value, font or self.style.font, self.size)

    def text(
        self, x: float, y: float, value: str, colour: Color = _LABEL, anchor: str = "lb",
        font: str | None = None, angle: float = 0.0,
    ) -> float:  # fmt: skip
        """Queue a label anchored at (x, y) (e.g. "rm": right, vertical middle); returns its
        width in points."""
        font = font or self.style.font
        shift = _BASELINE[anchor[1]] * self.size
        radians = math.radians(angle)
        x, y = x - shift * math.sin(radians), y + shift * math.cos(radians)
        self.labels.append(Label(x, y, value, font, self.size, colour, _ALIGN[anchor[0]], angle))
        return self.width_of(value, font)

    def segments(
        self, segments: Sequence[Segment], colour: Color, width: float,
        dash: tuple[float, ...] | None = None, zorder: float = 2.0,
    ) -> None:  # fmt: skip
        self._batches.setdefault(("lines", _rgb(colour), width, dash, zorder), []).extend(segments)

    def boxes(
        self, boxes: Sequence[Box], colour: Color, *, hatched: bool = False,
        edge: Color | None = None, zorder: float = 1.0,
    ) -> None:  # fmt: skip
        """Filled (left, bottom, right, top) boxes; hatched ones get white 45° lines (plain
        lines: Agg's own hatching costs a tenth of a second per chart)."""
        kept = [box for box in boxes if box[2] - box[0] > 0.05 and box[3] - box[1] > 0.05]
        key = ("boxes", _rgb(colour), _rgb(edge) if edge else None, zorder)
        self._batches.setdefault(key, []).extend(
            [(x0, y0), (x0, y1), (x1, y1), (x1, y0)] for x0, y0, x1, y1 in kept
        )
        if hatched:
            lines = [((a, b), (c, d)) for box in kept for a, b, c, d in hatch_segments(*box, 2.6)]
            self.segments(lines, _WHITE, 0.6, zorder=zorder + 0.1)

    def curve(
        self, xs: Sequence[float], ys: Sequence[float], colour: Color, width: float,
        dash: tuple[float, ...] | None = None, marker: str | None = None,
    ) -> None:  # fmt: skip
        self._curves.append((list(xs), list(ys), _rgb(colour), width, dash, marker))

    def _gc(self, colour: Any, width: float, dash: tuple[float, ...] | None = None) -> Any:
        gc = self.renderer.new_gc()
        gc.set_foreground(colour)
        gc.set_linewidth(width)
        gc.set_capstyle("butt")
        gc.set_antialiased(True)
        if dash:
            gc.set_dashes(0, list(dash))
        return gc

    def image(self) -> ChartImage:
        """Paint, then wrap: the finished chart (white ground, then by z-order)."""
        import numpy
        from matplotlib.path import Path
        from matplotlib.transforms import Affine2D

        renderer, transform = self.renderer, self.transform
        paint: list[tuple[float, int, Callable[[], None]]] = []
        for key, items in self._batches.items():
            if not items:
                continue
            if key[0] == "lines":
                _, colour, width, dash, zorder = key
                path = Path(
                    [point for segment in items for point in segment],
                    [Path.MOVETO, Path.LINETO] * len(items),
                )
                gc = self._gc(colour, width, dash)
                draw = functools.partial(renderer.draw_path, gc, path, transform)
            else:
                _, colour, edge, zorder = key
                box = [Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY]
                path = Path(
                    [point for corners in items for point in (*corners, corners[0])],
                    box * len(items),
                )
                gc = self._gc(edge or colour, 0.5 if edge else 0.0)
                draw = functools.partial(renderer.draw_path, gc, path, transform, colour)
            paint.append((zorder, len(paint), draw))
        for xs, ys, colour, width, dash, marker in self._curves:
            points = Path(list(zip(xs, ys, strict=True)))
            if len(xs) > 1:
                gc = self._gc(colour, width, dash)
                paint.append((2.0, len(paint), functools.partial(
                    renderer.draw_path, gc, points, transform)))  # fmt: skip
            if marker:
                shape = Path.unit_circle() if marker == "o" else Path(_SQUARE_CORNERS, closed=True)
                scale = 1.4 * PRINT_DPI / 72.0
                paint.append((2.0, len(paint), functools.partial(
                    renderer.draw_markers, self._gc(colour, 0.0), shape,
                    Affine2D().scale(scale), points, transform, colour)))  # fmt: skip
        renderer.clear()
        ground = Path(
            [(0, 0), (0, self.height), (self.width, self.height), (self.width, 0), (0, 0)]
        )
        renderer.draw_path(self._gc(_rgb(_WHITE), 0.0), ground, transform, _rgb(_WHITE))
        for _zorder, _order, draw in sorted(paint, key=lambda item: item[:2]):
            draw()
        rgba = numpy.asarray(renderer.buffer_rgba())
        return ChartImage(rgb_picture(rgba), self.width, self.height, self.labels)

    def message(self, value: str) -> ChartImage:
        """The chart replaced by an explanation, centred and wrapped to the width."""
        font, lines, line = self.style.italic_font, [], ""
        for word in value.split():
            candidate = f"{line} {word}".strip()
            if line and self.width_of(candidate, font) > self.width - 8:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
        top = self.height / 2 + (len(lines) - 1) * self.size * 0.65
        for index, text in enumerate(lines):
            text = fit_text(text, font, self.size, self.width - 4)
            self.text(self.width / 2, top - index * self.size * 1.3, text, self.style.muted,
                      "cm", font)  # fmt: skip
        return self.image()

    def value_axis(
        self, left: float, bottom: float, right: float, top: float, ticks: Sequence[float],
        scale: float, label: Callable[[float], str],
    ) -> None:  # fmt: skip
        """Grid lines and labels at the value ticks, and the left and bottom axis lines."""
        grid = [((left, bottom + v * scale), (right, bottom + v * scale)) for v in ticks if v > 0]
        self.segments(grid, _GRID, 0.5, zorder=0.5)
        self.segments(
            [((left, bottom), (right, bottom)), ((left, bottom), (left, top))], _AXIS, 0.6
        )
        for value in ticks:
            self.text(left - 3.5, bottom + value * scale, label(value), _LABEL, "rm")

    def month_axis(
        self, xs: Sequence[float], days: Sequence[date], bottom: float, language: str
    ) -> None:
        """Month names under the ticks, the year under the first and under each January."""
        room = (xs[-1] - xs[0]) / max(len(xs) - 1, 1) if len(xs) > 1 else self.width
        for index, month, year in month_ticks(days, language, room):
            x = xs[index]
            self.segments([((x, bottom), (x, bottom - 2.5))], _AXIS, 0.6)
            self.text(x, bottom - 4, month, _LABEL, "ct")
            if year:
                self.text(x, bottom - 4 - self.size * 1.15, year, _LABEL, "ct")


def month_ticks(days: Sequence[date], language: str, room: float) -> list[tuple[int, str, str]]:
    """(index, month, year or "") of the labelled months: one every 1, 2, 3, 6 or 12 months
    so that labels keep about 26 points each; the year under the first and under January."""
    step = next((n for n in (1, 2, 3, 6, 12) if room * n >= 26), 12)
    ticks: list[tuple[int, str, str]] = []
    for index, day in enumerate(days):
        if index % step == 0:
            year = str(day.year) if not ticks or day.month <= step else ""
            ticks.append((index, format_date(day, "LLL", locale=language), year))
    return ticks


def _value_ticks(top: float, count: int) -> list[float]:
    from matplotlib.ticker import MaxNLocator

    if top <= 0:
        return [0.0]
    values = MaxNLocator(nbins=count, min_n_ticks=2).tick_values(0, top)
    return [float(v) for v in values if -1e-9 <= v <= top * 1.0001]


# S-curve.


@dataclass(frozen=True)
class _Curve:
    """One series of the S-curve: its names, look and cumulative values (NaN = unknown)."""

    name: str
    short: str
    colour: Color
    dash: tuple[float, ...] | None
    marker: str | None
    values: list[float]


def _float(value: Decimal | None) -> float:
    return math.nan if value is None else float(value)


def s_curve_chart(
    points: Sequence[CurvePoint],
    evm: EvmFigures | None,
    currency: str,
    as_of: date,
    text: ReportText,
    style: PackStyle,
    width: float,
    height: float,
) -> Flowable:
    """Cumulative planned value, earned value and actual cost by month, with the as-of date,
    the budget at completion and SPI/CPI; a message instead when there is nothing to plot."""
    with _LOCK:
        canvas = _Canvas(width, height, style)
        if not points:
            return canvas.message(text("No cost baseline or actual costs to chart."))
        _s_curve(canvas, sorted(points, key=lambda p: p.day), evm, currency, as_of, text)
        return canvas.image()


def _s_curve(
    canvas: _Canvas, points: Sequence[CurvePoint], evm: EvmFigures | None, currency: str,
    as_of: date, text: ReportText,
) -> None:  # fmt: skip
    style, size = canvas.style, canvas.size
    curves = [
        _Curve(text("Planned value (PV)"), text("PV"), style.primary, None, None,
               [float(p.pv) for p in points]),
        _Curve(text("Earned value (EV)"), text("EV"), style.rag_colour(Rag.GREEN), (4.0, 1.8),
               "o", [_float(p.ev) for p in points]),
        _Curve(text("Actual cost (AC)"), text("AC"), style.rag_colour(Rag.RED),
               (5.0, 1.5, 1.2, 1.5), "s", [_float(p.ac) for p in points]),
    ]  # fmt: skip
    curves = [c for c in curves if any(not math.isnan(v) for v in c.values)]
    bac = evm.bac if evm is not None and evm.bac else None
    highest = max([v for c in curves for v in c.values if not math.isnan(v)] + [float(bac or 0)])
    ticks = _value_ticks(highest * 1.16, 5)
    top_value = max(highest * 1.16, ticks[-1]) if highest > 0 else 1.0
    money = [text.money(v, currency, compact=True) for v in ticks]
    left = size * 1.9 + max(canvas.width_of(label) for label in money) + 5
    right, bottom = canvas.width - 10, size * 2.6 + 5
    names, rows = _legend_layout(canvas, curves, right - left)
    legend_left = left
    if names != [c.name for c in curves]:  # the full names may fit from the chart's edge
        full, full_rows = _legend_layout(canvas, curves, canvas.width - 4)
        if full == [c.name for c in curves] and full_rows == 1:
            names, rows, legend_left = full, 1, 2.0
    top = canvas.height - rows * size * 1.5 - size * 0.9
    scale = (top - bottom) / top_value
    days = [p.day for p in points]
    first, last = min(*days, as_of), max(*days, as_of)
    start = first - timedelta(days=max((last - first).days * 0.03, 12))
    span = ((last - first) + 2 * (first - start)).days

    def x_of(day: date) -> float:
        return left + (day - start).days / span * (right - left)

    canvas.value_axis(left, bottom, right, top, ticks, scale, lambda v: money[ticks.index(v)])
    label = fit_text(text("Cumulative cost"), style.font, size, top - bottom)
    canvas.text(size * 0.2, (bottom + top) / 2, label, _LABEL, "ct", angle=90)
    xs = [x_of(day) for day in days]
    canvas.month_axis(xs, days, bottom, text.language)
    if bac is not None:
        y = bottom + float(bac) * scale
        canvas.segments([((left, y), (right, y))], style.muted, 0.7, (4.0, 2.0))
        amount = text.money(bac, currency, compact=True)
        canvas.text(left + 3, y + 2, text("BAC {amount}", amount=amount), style.muted)
    for curve in curves:
        ys = [bottom + max(v, 0.0) * scale for v in curve.values]
        marker = curve.marker or ("o" if len(days) == 1 else None)
        canvas.curve(xs, ys, curve.colour, 1.4, curve.dash, marker)
    x = x_of(as_of)
    canvas.segments([((x, bottom), (x, top))], style.accent, 0.9, (2.0, 1.5))
    label = text("As of {date}", date=text.date(as_of))
    if x + 3 + canvas.width_of(label) <= right:
        canvas.text(x + 3, top - 1, label, style.accent, "lt")
    elif x - 3 - canvas.width_of(label) >= left:
        canvas.text(x - 3, top - 1, label, style.accent, "rt")
    if evm is not None and (evm.spi is not None or evm.cpi is not None):
        label = f"SPI {text.number(evm.spi, 2)}   CPI {text.number(evm.cpi, 2)}"
        box = (right - canvas.width_of(label) - 10, bottom + 4, right - 2, bottom + 4 + size * 1.9)
        canvas.boxes([box], _WHITE, edge=_AXIS, zorder=3.0)
        canvas.text(box[0] + 4, (box[1] + box[3]) / 2, label, style.text_colour, "lm")
    _legend(canvas, curves, names, legend_left, rows)


def _legend_layout(canvas: _Canvas, curves: Sequence[_Curve], room: float) -> tuple[list, int]:
    """The legend's names (full if they fit one line, else the acronyms) and its rows."""
    names = [c.name for c in curves]
    if sum(canvas.width_of(n) + 34 for n in names) > room:
        names = [c.short for c in curves]
    return names, 1 if sum(canvas.width_of(n) + 34 for n in names) <= room else 2


def _legend(canvas: _Canvas, curves: Sequence[_Curve], names: list, left: float, rows: int) -> None:
    per_row = len(curves) if rows == 1 else 2
    x = y = 0.0
    for index, (curve, name) in enumerate(zip(curves, names, strict=True)):
        if index % per_row == 0:
            x, y = left, canvas.height - canvas.size * (0.9 + 1.5 * (index // per_row))
        canvas.curve([x, x + 18], [y, y], curve.colour, 1.4, curve.dash)
        if curve.marker:
            canvas.curve([x + 9], [y], curve.colour, 1.4, None, curve.marker)
        x += 22 + canvas.text(x + 22, y, name, canvas.style.text_colour, "lm") + 12


# Resource loading.

#: Smallest readable panel of the loading chart, in points.
_PANEL_WIDTH = 165.0
_PANEL_HEIGHT = 80.0


def _series(values: Sequence[float], count: int) -> list[float]:
    """`count` monthly values, missing months as 0 and negatives as 0."""
    return [max(float(values[i]), 0.0) if i < len(values) else 0.0 for i in range(count)]


def peak_utilisation(demand: Sequence[float], capacity: Sequence[float]) -> float | None:
    """The highest monthly demand / capacity in percent; None when some demand meets no
    capacity at all, or when there is no capacity."""
    if any(d > 0 and c <= 0 for d, c in zip(demand, capacity, strict=False)):
        return None
    ratios = [d / c * 100 for d, c in zip(demand, capacity, strict=False) if c > 0]
    return max(ratios) if ratios else None


def _overload(load: RoleLoad, count: int) -> float:
    """How pressing a role is: its peak utilisation (demand without capacity first)."""
    demand = _series(load.demand, count)
    peak = peak_utilisation(demand, _series(load.capacity, count))
    if peak is None:
        return math.inf if any(d > 0 for d in demand) else -1.0
    return peak


def grid_shape(count: int, width: float, height: float) -> tuple[int, int, int]:
    """(columns, rows, panels shown) of the small multiples: the fewest columns that keep
    every panel readable; when even the most columns cannot, as many panels as fit."""
    most_columns = max(1, int(width // _PANEL_WIDTH))
    most_rows = max(1, int(height // _PANEL_HEIGHT))
    for columns in range(1, most_columns + 1):
        rows = math.ceil(count / columns)
        if rows <= most_rows and (columns == most_columns or rows * _PANEL_HEIGHT * 1.6 <= height):
            return columns, rows, count
    return most_columns, most_rows, min(count, most_columns * most_rows)


def role_loading_chart(
    months: Sequence[date],
    loads: Sequence[RoleLoad],
    text: ReportText,
    style: PackStyle,
    width: float,
    height: float,
) -> Flowable:
    """Small multiples, one panel per role: monthly demand bars (the part above capacity red
    and hatched) against the capacity line, the role's peak utilisation in its title.

    When the roles outnumber the readable panels, the most loaded are drawn (in their given
    order) and the number left out is printed, never dropped silently.
    """
    with _LOCK:
        canvas = _Canvas(width, height, style)
        if not months or not loads:
            return canvas.message(text("No resource demand or capacity in this period."))
        _loading(canvas, months, loads, text)
        return canvas.image()


def _loading(
    canvas: _Canvas, months: Sequence[date], loads: Sequence[RoleLoad], text: ReportText
) -> None:
    size, count = canvas.size, len(months)
    legend_y = canvas.height - size * 1.1
    plot_top, left, bottom_band = canvas.height - size * 2.4, size * 1.9, size * 2.6 + 5
    columns, rows, shown = grid_shape(len(loads), canvas.width - left, plot_top - bottom_band)
    chosen = list(loads)
    if shown < len(loads):
        ranked = sorted(range(len(loads)), key=lambda i: -_overload(loads[i], count))
        chosen = [loads[i] for i in sorted(ranked[:shown])]
    series = [(_series(one.demand, count), _series(one.capacity, count)) for one in chosen]
    ticks = [_value_ticks(max([*d, *c, 0.0]) * 1.15, 3) for d, c in series]
    tick_width = max(canvas.width_of(text.number(v)) for values in ticks for v in values)
    gap_x, gap_y = 10.0, size * 1.4
    cell_width = (canvas.width - left - (columns - 1) * gap_x) / columns
    cell_height = (plot_top - bottom_band - (rows - 1) * gap_y) / rows
    for index, (load, (demand, capacity)) in enumerate(zip(chosen, series, strict=True)):
        row, column = divmod(index, columns)
        cell_left = left + column * (cell_width + gap_x)
        cell_top = plot_top - row * (cell_height + gap_y)
        box = (cell_left + tick_width + 5, cell_top - cell_height, cell_left + cell_width,
               cell_top - size * 1.7)  # fmt: skip
        with_months = index + columns >= len(chosen)
        _panel(canvas, load.role, demand, capacity, ticks[index], box, months, with_months, text)
    label = fit_text(text("Hours per month"), canvas.style.font, size, plot_top - bottom_band)
    canvas.text(0, (bottom_band + plot_top) / 2, label, _LABEL, "ct", angle=90)
    _loading_legend(canvas, left, legend_y, text)
    if shown < len(loads):
        note = text("{count} more roles not shown (least loaded)", count=len(loads) - shown)
        canvas.text(canvas.width - 2, legend_y, note, canvas.style.muted, "rm",
                    canvas.style.italic_font)  # fmt: skip


def _panel(
    canvas: _Canvas, role: str, demand: Sequence[float], capacity: Sequence[float],
    ticks: Sequence[float], box: Box, months: Sequence[date], with_months: bool,
    text: ReportText,
) -> None:  # fmt: skip
    """One role: bars within and over capacity, capacity steps, axes and title."""
    style, size = canvas.style, canvas.size
    left, bottom, right, top = box
    scale = (top - bottom) / max(max([*demand, *capacity]) * 1.15, ticks[-1], 1e-9)
    step = (right - left) / len(demand)
    canvas.value_axis(left, bottom, right, top, ticks, scale, text.number)
    centres = [left + (i + 0.5) * step for i in range(len(demand))]
    half = step * 0.36
    within = [min(d, c) for d, c in zip(demand, capacity, strict=True)]
    canvas.boxes([(x - half, bottom, x + half, bottom + w * scale)
                  for x, w in zip(centres, within, strict=True)], style.accent)  # fmt: skip
    canvas.boxes([(x - half, bottom + w * scale, x + half, bottom + d * scale)
                  for x, w, d in zip(centres, within, demand, strict=True) if d > w],
                 style.alert, hatched=True)  # fmt: skip
    levels = [bottom + value * scale for value in capacity]
    steps = [((left + i * step, y), (left + (i + 1) * step, y)) for i, y in enumerate(levels)]
    steps += [((left + i * step, levels[i - 1]), (left + i * step, levels[i]))
              for i in range(1, len(levels)) if levels[i] != levels[i - 1]]  # fmt: skip
    canvas.segments(steps, _CAPACITY, 1.1, zorder=2.5)
    if with_months:
        canvas.month_axis(centres, months, bottom, text.language)
    peak = peak_utilisation(demand, capacity)
    if peak is None:
        alert = any(d > 0 for d in demand)
        status = text("no capacity") if alert else text("no demand or capacity")
    else:
        status, alert = text("peak {percent}", percent=text.percent(peak)), peak > 100
    status_width = canvas.text(right, top + 3, status, style.alert if alert else style.muted, "rb")
    name = fit_text(" ".join(role.split()) or "—", style.bold_font, size,
                    right - left - status_width - size)  # fmt: skip
    canvas.text(left, top + 3, name, style.text_colour, "lb", style.bold_font)


def _loading_legend(canvas: _Canvas, x: float, middle: float, text: ReportText) -> None:
    style, half = canvas.style, canvas.size * 0.45
    for kind, label in (
        ("within", text("Demand within capacity")),
        ("over", text("Demand over capacity")),
        ("capacity", text("Capacity")),
    ):
        if kind == "capacity":
            canvas.segments([((x, middle), (x + 16, middle))], _CAPACITY, 1.1)
        else:
            colour = style.accent if kind == "within" else style.alert
            canvas.boxes([(x, middle - half, x + 16, middle + half)], colour,
                         hatched=kind == "over")  # fmt: skip
        x += 20 + canvas.text(x + 20, middle, label, style.text_colour, "lm") + 14
