"""The Gantt on paper: a multi-page vector PDF (QPdfWriter) and printing (QPrinter).

One page renderer serves both. The rows are split into blocks that fit a page's height and
the date range into slices that fit its width at a readable scale; every page repeats the
ID and name columns at its left, a header (project, dates shown, page n of m) and the two
tiers of the time scale. Bars are drawn with the chart's painting helpers, never grabbed as
pixels, so text stays text and lines stay sharp at any zoom.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QIODevice,
    QLineF,
    QLocale,
    QMarginsF,
    QRectF,
    QSaveFile,
    QSizeF,
    Qt,
)
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from pmo_desktop.errors import PmoError, ValidationError
from pmo_desktop.services.gantt import GanttData, GanttTask
from pmo_desktop.ui.formatting import format_date
from pmo_desktop.ui.gantt import painting
from pmo_desktop.ui.gantt.painting import LINK_ENDS, Pens
from pmo_desktop.ui.gantt.timescale import (
    DateAxis,
    cell_label,
    cells,
    level_for,
    next_unit,
    unit_start,
)

if TYPE_CHECKING:
    pass

PAGE_SIZES = {
    "a4": QPageSize.PageSizeId.A4,
    "a3": QPageSize.PageSizeId.A3,
    "letter": QPageSize.PageSizeId.Letter,
}
#: Below this scale (points per day) the time scale is unreadable: the dates go to more pages.
MIN_POINTS_PER_DAY = 1.2
#: Above it a short project would be stretched across the page for nothing.
MAX_POINTS_PER_DAY = 24.0

_MARGIN = 28.0
_HEADER = 34.0
_SCALE = 26.0
_ROW = 14.0
_ID_WIDTH = 30.0
_NAME_WIDTH = 190.0
_FOOTER = 14.0
_TEXT_PT = 7.5
#: Screen pixels per printed point for choosing the time-scale tiers: the chart's tiers are
#: tuned for a 9 pt screen font (12 px); printed text is 7.5 pt.
_TIER_FACTOR = 1.6
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)


translate = QCoreApplication.translate


@dataclass(frozen=True)
class GanttPrintOptions:
    """What to print: paper (a4, a3, letter; always landscape), the dates (default: the
    project's span) and an optional fixed scale in points per day (default: fit the width,
    but never below `MIN_POINTS_PER_DAY`)."""

    paper: str = "a4"
    first: date | None = None
    last: date | None = None
    points_per_day: float | None = None

    def validate(self) -> None:
        if self.paper not in PAGE_SIZES:
            raise ValidationError(
                translate("GanttExport", "Unknown paper size {paper}.").format(
                    paper=repr(self.paper)
                )
            )
        if self.first is not None and self.last is not None and self.last < self.first:
            raise ValidationError(
                translate("GanttExport", "The last date of the range is before the first.")
            )
        if self.points_per_day is not None and self.points_per_day <= 0:
            raise ValidationError(translate("GanttExport", "The scale must be positive."))


def page_layout(paper: str) -> QPageLayout:
    """Landscape, no printer margins: the renderer keeps its own."""
    return QPageLayout(
        QPageSize(PAGE_SIZES[paper]),
        QPageLayout.Orientation.Landscape,
        QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Point,
    )


class GanttPages:
    """The page plan of one Gantt on one paper size, and the painter of each page.

    Pages run across the dates first, then down the rows: page 1 holds the first rows and the
    first dates, page 2 the same rows and the next dates, and so on. All coordinates are in
    points (1/72 inch); `paint_page` scales the painter to the device.
    """

    def __init__(
        self,
        data: GanttData,
        options: GanttPrintOptions,
        rows: Sequence[GanttTask] | None = None,
    ) -> None:
        options.validate()
        self.data = data
        self.options = options
        self.rows: tuple[GanttTask, ...] = tuple(data.tasks if rows is None else rows)
        size: QSizeF = page_layout(options.paper).fullRectPoints().size()
        self.page_width, self.page_height = size.width(), size.height()
        self.first, self.last = self._date_range()
        self.chart_left = _MARGIN + _ID_WIDTH + _NAME_WIDTH
        self.chart_width = self.page_width - _MARGIN - self.chart_left
        self.body_top = _MARGIN + _HEADER + _SCALE
        body_height = self.page_height - _MARGIN - _FOOTER - self.body_top
        self.rows_per_page = max(1, int(body_height // _ROW))
        days = (self.last - self.first).days + 1
        if options.points_per_day is not None:
            self.points_per_day = options.points_per_day
        else:
            fitted = self.chart_width / days
            self.points_per_day = min(MAX_POINTS_PER_DAY, max(MIN_POINTS_PER_DAY, fitted))
        if options.points_per_day is not None:
            self.days_per_slice = max(1, int(self.chart_width // self.points_per_day))
            self.slices = math.ceil(days / self.days_per_slice)
        else:
            # Slices of equal length that fill the width, rather than a nearly empty last one.
            self.slices = max(1, math.ceil(days * self.points_per_day / self.chart_width))
            self.days_per_slice = math.ceil(days / self.slices)
            if self.slices > 1:
                self.points_per_day = self.chart_width / self.days_per_slice
        self.row_blocks = max(1, math.ceil(len(self.rows) / self.rows_per_page))
        self._row_of = {task.id: row for row, task in enumerate(self.rows)}
        self.pens = _paper_pens()

    @property
    def page_count(self) -> int:
        return self.slices * self.row_blocks

    def page_rows(self, page: int) -> tuple[GanttTask, ...]:
        """The tasks printed on page `page` (0-based)."""
        block = page // self.slices
        return self.rows[block * self.rows_per_page : (block + 1) * self.rows_per_page]

    def page_dates(self, page: int) -> tuple[date, date]:
        """The first and last day printed on page `page` (0-based)."""
        start = self.first + timedelta(days=(page % self.slices) * self.days_per_slice)
        end = min(self.last, start + timedelta(days=self.days_per_slice - 1))
        return start, end

    def _date_range(self) -> tuple[date, date]:
        data, options = self.data, self.options
        start = data.start.date() if data.start else date.today()
        finish = data.finish.date() if data.finish else start + timedelta(days=90)
        first = options.first or start - timedelta(days=start.weekday())
        last = options.last or finish + timedelta(days=7)
        return first, max(first, last)

    # Painting.

    def paint_page(self, painter: QPainter, page: int) -> None:
        """Draw page `page` (0-based) on a device whose full page is the paper."""
        device = painter.device()
        scale = device.width() / self.page_width
        painter.save()
        painter.scale(scale, scale)
        fonts = _Fonts(device.logicalDpiY())
        block = page // self.slices
        first_row = block * self.rows_per_page
        tasks = self.page_rows(page)
        start, end = self.page_dates(page)
        axis = DateAxis(datetime.combine(start, time()), self.points_per_day)
        self._paint_header(painter, fonts, page, start, end)
        self._paint_scale(painter, fonts, axis, start, end)
        self._paint_table(painter, fonts, tasks)
        chart = QRectF(self.chart_left, self.body_top, self.chart_width, len(tasks) * _ROW)
        painter.save()
        painter.setClipRect(chart)
        self._paint_calendar(painter, axis, chart, start, end)
        self._paint_links(painter, axis, first_row, first_row + len(tasks) - 1)
        self._paint_bars(painter, fonts, axis, tasks)
        painter.restore()
        self._paint_frame(painter, len(tasks))
        painter.restore()

    def name_heading(self) -> str:
        return translate("GanttExport", "Task name")

    def _x(self, axis: DateAxis, moment: datetime | date) -> float:
        return self.chart_left + axis.x(moment)

    def _row_top(self, row: int, first_row: int) -> float:
        return self.body_top + (row - first_row) * _ROW

    def _paint_header(
        self, painter: QPainter, fonts: _Fonts, page: int, start: date, end: date
    ) -> None:
        data = self.data
        width = self.page_width - 2 * _MARGIN
        line = QRectF(_MARGIN, _MARGIN, width, 16)
        painter.setPen(painting.Palette.header_text)
        painter.setFont(fonts.title)
        painter.drawText(line, _LEFT, f"{data.code}  {data.name}")
        painter.setFont(fonts.text)
        pages = translate("GanttExport", "Page {page} of {pages}").format(
            page=page + 1, pages=self.page_count
        )
        painter.drawText(line, _RIGHT, pages)
        block = page // self.slices
        first_row = block * self.rows_per_page + 1
        last_row = first_row + len(self.page_rows(page)) - 1
        detail_text = translate(
            "GanttExport", "Dates {first} – {last} · rows {low}–{high} of {rows}"
        )
        detail = detail_text.format(
            first=format_date(start), last=format_date(end), low=first_row, high=last_row,
            rows=len(self.rows),
        )  # fmt: skip
        whole = translate("GanttExport", "Range {first} – {last}").format(
            first=format_date(self.first), last=format_date(self.last)
        )
        second = QRectF(_MARGIN, _MARGIN + 16, width, 12)
        painter.drawText(second, _LEFT, detail)
        painter.drawText(second, _RIGHT, whole)
        footer = QRectF(_MARGIN, self.page_height - _MARGIN - 10, width, 10)
        painter.setFont(fonts.small)
        printed = translate("GanttExport", "Printed {date} · status date {status}").format(
            date=format_date(date.today()), status=format_date(data.status_date) or "—"
        )
        painter.drawText(footer, _LEFT, printed)

    def _paint_scale(
        self, painter: QPainter, fonts: _Fonts, axis: DateAxis, start: date, end: date
    ) -> None:
        pens = self.pens
        top = _MARGIN + _HEADER
        half = _SCALE / 2
        right_edge = self.chart_left + self.chart_width
        painter.fillRect(QRectF(_MARGIN, top, right_edge - _MARGIN, _SCALE), pens.header_brush)
        painter.setFont(fonts.bold)
        painter.setPen(painting.Palette.header_text)
        painter.drawText(
            QRectF(_MARGIN, top, _ID_WIDTH - 3, _SCALE), _RIGHT, translate("GanttExport", "ID")
        )
        name_box = QRectF(_MARGIN + _ID_WIDTH + 4, top, _NAME_WIDTH - 4, _SCALE)
        painter.drawText(name_box, _LEFT, self.name_heading())
        level = level_for(self.points_per_day * _TIER_FACTOR)
        locale = QLocale()
        painter.save()
        painter.setClipRect(QRectF(self.chart_left, top, self.chart_width, _SCALE))
        painter.setFont(fonts.text)
        lines = [QLineF(self.chart_left, top + half, right_edge, top + half)]
        for unit, y, is_top in ((level.top, top, True), (level.bottom, top + half, False)):
            for cell_start, cell_end in cells(start, end, unit):
                left = self._x(axis, cell_start)
                right = self._x(axis, cell_end)
                lines.append(QLineF(left, y, left, y + half))
                shown_left = max(left, self.chart_left)
                shown = min(right, self.chart_left + self.chart_width) - shown_left
                if shown < 8 or (not is_top and shown < min(right - left, 18)):
                    continue
                label = cell_label(cell_start, unit, shown * _TIER_FACTOR, is_top, locale)
                inset = 3 if is_top else 0
                box = QRectF(shown_left + inset, y, shown - inset, half)
                painter.setPen(painting.Palette.header_text)
                painter.drawText(box, _LEFT if is_top else _CENTRE, label)
        painter.setPen(pens.header_line)
        painter.drawLines(lines)
        painter.restore()

    def _paint_table(self, painter: QPainter, fonts: _Fonts, tasks: Sequence[GanttTask]) -> None:
        painter.setPen(painting.Palette.label)
        name_left = _MARGIN + _ID_WIDTH + 4
        for index, task in enumerate(tasks):
            top = self.body_top + index * _ROW
            painter.setFont(fonts.text)
            painter.drawText(QRectF(_MARGIN, top, _ID_WIDTH - 3, _ROW), _RIGHT, str(task.number))
            indent = 7.0 * max(0, task.outline_level - 1)
            font = fonts.bold if task.is_summary else fonts.text
            painter.setFont(font)
            width = _NAME_WIDTH - 8 - indent
            text = QFontMetricsF(font, painter.device()).elidedText(
                task.name, Qt.TextElideMode.ElideRight, width
            )
            painter.drawText(QRectF(name_left + indent, top, width, _ROW), _LEFT, text)

    def _paint_calendar(
        self, painter: QPainter, axis: DateAxis, chart: QRectF, start: date, end: date
    ) -> None:
        pens = self.pens
        if self.points_per_day >= 2.5:
            shaded = []
            day = start
            while day <= end:
                if self.data.non_working(day):
                    shaded.append(
                        QRectF(self._x(axis, day), chart.top(), self.points_per_day, chart.height())
                    )
                day += timedelta(days=1)
            painting.draw_rects(painter, shaded, pens.none, pens.non_working_brush)
        level = level_for(self.points_per_day * _TIER_FACTOR)
        bottom_days = (next_unit(start, level.bottom) - unit_start(start, level.bottom)).days
        unit = level.bottom if self.points_per_day * bottom_days >= 10 else level.top
        lines = [
            QLineF(
                self._x(axis, cell_start), chart.top(), self._x(axis, cell_start), chart.bottom()
            )
            for cell_start, _ in cells(start, end, unit)
        ]
        lines += [
            QLineF(chart.left(), chart.top() + row * _ROW, chart.right(), chart.top() + row * _ROW)
            for row in range(1, int(chart.height() // _ROW))
        ]
        painter.setPen(pens.grid)
        painter.drawLines(lines)
        status = self.data.status_date
        if status is not None and start <= status <= end:
            x = self._x(axis, datetime.combine(status, time(17)))
            painter.setPen(pens.status_date)
            painter.drawLine(QLineF(x, chart.top(), x, chart.bottom()))

    def _geometry(self, axis: DateAxis, task: GanttTask, top: float) -> tuple[QRectF, str] | None:
        if task.start is None or task.finish is None:
            return None
        if task.is_milestone:
            half = _ROW * 0.3
            x = self._x(axis, task.finish)
            y = top + _ROW * 0.45
            return QRectF(x - half, y - half, 2 * half, 2 * half), "milestone"
        left = self._x(axis, task.start)
        right = max(self._x(axis, task.finish), left + 1)
        if task.is_summary:
            return QRectF(left, top + _ROW * 0.27, right - left, _ROW * 0.42), "summary"
        return QRectF(left, top + _ROW * 0.2, right - left, _ROW * 0.5), "task"

    def _paint_bars(
        self, painter: QPainter, fonts: _Fonts, axis: DateAxis, tasks: Sequence[GanttTask]
    ) -> None:
        pens = self.pens
        bars: list[QRectF] = []
        critical_bars: list[QRectF] = []
        progress: list[QRectF] = []
        baselines: list[QRectF] = []
        shapes: list[tuple[object, object]] = []
        labels: list[tuple[float, float, str]] = []
        for index, task in enumerate(tasks):
            top = self.body_top + index * _ROW
            if task.baseline_start is not None and task.baseline_finish is not None:
                left = self._x(axis, task.baseline_start)
                right = max(self._x(axis, task.baseline_finish), left + 1)
                baselines.append(QRectF(left, top + _ROW * 0.74, right - left, 2))
            geometry = self._geometry(axis, task, top)
            if geometry is None:
                continue
            bar, kind = geometry
            brush = pens.critical_summary_brush if task.critical else pens.summary_brush
            if kind == "milestone":
                shapes.append((painting.diamond(bar.center(), bar.width() / 2), brush))
                labels.append((bar.right() + 3, top, format_date(task.finish.date(), compact=True)))
            elif kind == "summary":
                shapes.append(
                    (
                        painting.summary_shape(bar.left(), bar.right(), bar.top(), bar.height()),
                        brush,
                    )
                )
            else:
                (critical_bars if task.critical else bars).append(bar)
                if task.percent_complete > 0:
                    done = QRectF(bar)
                    done.setWidth(bar.width() * task.percent_complete / 100)
                    done.adjust(0, bar.height() * 0.3, 0, -bar.height() * 0.3)
                    progress.append(done)
                if task.resources:
                    labels.append((bar.right() + 3, top, ", ".join(task.resources)))
        painting.draw_rects(painter, baselines, pens.none, pens.baseline_brush)
        painting.draw_rects(painter, bars, pens.bar, pens.bar_brush)
        painting.draw_rects(painter, critical_bars, pens.critical, pens.critical_brush)
        painting.draw_rects(painter, progress, pens.none, pens.progress_brush)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(pens.none)
        for shape, brush in shapes:
            painter.setBrush(brush)  # type: ignore[arg-type]
            painter.drawPolygon(shape)  # type: ignore[arg-type]
        painter.setFont(fonts.small)
        painter.setPen(painting.Palette.label)
        for x, top, text in labels:
            painter.drawText(QRectF(x, top, 300, _ROW), _LEFT, text)

    def _paint_links(self, painter: QPainter, axis: DateAxis, first: int, last: int) -> None:
        """Links with an end on this page; the part beyond the page is clipped away."""
        routes = []
        for link in self.data.links:
            rp = self._row_of.get(link.predecessor_id)
            rs = self._row_of.get(link.successor_id)
            if rp is None or rs is None or max(rp, rs) < first or min(rp, rs) > last:
                continue
            before = self._geometry(axis, self.rows[rp], self._row_top(rp, first))
            after = self._geometry(axis, self.rows[rs], self._row_top(rs, first))
            if before is None or after is None:
                continue
            from_finish, to_finish = LINK_ENDS[link.type]
            exit_x = before[0].right() if from_finish else before[0].left()
            entry_x = after[0].right() if to_finish else after[0].left()
            gap_y = self._row_top(rp, first) + (_ROW if rs > rp else 0)
            points = painting.link_route(
                exit_x, before[0].center().y(), from_finish,
                entry_x, after[0].center().y(), not to_finish, gap_y,
            )  # fmt: skip
            critical = self.rows[rp].critical and self.rows[rs].critical
            routes.append((points, not to_finish, critical))
        painting.draw_links(painter, routes, self.pens)

    def _paint_frame(self, painter: QPainter, row_count: int) -> None:
        top = _MARGIN + _HEADER
        bottom = self.body_top + row_count * _ROW
        right = self.chart_left + self.chart_width
        painter.setPen(self.pens.header_line)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(_MARGIN, top, right - _MARGIN, bottom - top))
        painter.drawLines(
            [
                QLineF(_MARGIN + _ID_WIDTH, top, _MARGIN + _ID_WIDTH, bottom),
                QLineF(self.chart_left, top, self.chart_left, bottom),
                QLineF(_MARGIN, self.body_top, right, self.body_top),
            ]
        )

    def render(self, device: QPagedPaintDevice) -> None:
        """Every page on `device` (a QPdfWriter or a QPrinter set up with `page_layout`)."""
        painter = QPainter()
        if not painter.begin(device):
            raise PmoError(translate("GanttExport", "The document could not be started."))
        try:
            for page in range(self.page_count):
                if page:
                    device.newPage()
                self.paint_page(painter, page)
        finally:
            painter.end()


class _Fonts:
    """Fonts sized in points on a painter scaled to points (Qt sizes fonts by device dpi)."""

    def __init__(self, dpi: int) -> None:
        factor = 72.0 / max(1, dpi)
        self.text = QFont()
        self.text.setPointSizeF(_TEXT_PT * factor)
        # Without ligatures "fi" stays two letters: the PDF's text is searchable as typed.
        self.text.setFeature(QFont.Tag("liga"), 0)
        self.bold = QFont(self.text)
        self.bold.setBold(True)
        self.small = QFont(self.text)
        self.small.setPointSizeF(6.5 * factor)
        self.title = QFont(self.text)
        self.title.setPointSizeF(12 * factor)
        self.title.setBold(True)


def _paper_pens() -> Pens:
    """The chart's pens with widths in points: cosmetic pens are one device dot on paper."""
    pens = Pens()
    for name, value in vars(pens).items():
        if isinstance(value, QPen) and value.style() != Qt.PenStyle.NoPen:
            made = QPen(value)
            made.setCosmetic(False)
            made.setWidthF(max(0.4, value.widthF() * 0.6))
            setattr(pens, name, made)
    return pens


def write_gantt_pdf(
    data: GanttData,
    path: Path,
    options: GanttPrintOptions | None = None,
    rows: Sequence[GanttTask] | None = None,
) -> int:
    """Write the Gantt to `path` as a PDF, whole or not at all; returns the page count."""
    return write_pages_pdf(
        GanttPages(data, options or GanttPrintOptions(), rows), path, f"{data.code} {data.name}"
    )


def write_pages_pdf(pages: GanttPages, path: Path, title: str) -> int:
    """Write the pages to `path` as a PDF, whole or not at all; returns the page count."""
    target = QSaveFile(str(path))
    if not target.open(QIODevice.OpenModeFlag.WriteOnly):
        raise PmoError(
            translate("GanttExport", "Cannot write {path}: {error}").format(
                path=path, error=target.errorString()
            )
        )
    try:
        writer = QPdfWriter(target)
        writer.setPageLayout(page_layout(pages.options.paper))
        writer.setTitle(title)
        writer.setCreator("PMO Desktop")
        pages.render(writer)
        del writer
    except BaseException:
        target.cancelWriting()
        raise
    if not target.commit():
        raise PmoError(
            translate("GanttExport", "Cannot write {path}: {error}").format(
                path=path, error=target.errorString()
            )
        )
    return pages.page_count


def print_gantt(
    printer: QPrinter,
    data: GanttData,
    options: GanttPrintOptions | None = None,
    rows: Sequence[GanttTask] | None = None,
) -> int:
    """Print on a printer already chosen; returns the page count."""
    pages = GanttPages(data, options or GanttPrintOptions(), rows)
    printer.setFullPage(True)
    printer.setPageLayout(page_layout(pages.options.paper))
    pages.render(printer)
    return pages.page_count


def print_gantt_with_dialog(
    parent: QWidget | None,
    data: GanttData,
    options: GanttPrintOptions | None = None,
    rows: Sequence[GanttTask] | None = None,
) -> bool:
    """The system print dialog, then the pages; False when the user cancels."""
    options = options or GanttPrintOptions()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(options.paper))
    printer.setDocName(f"{data.code} {data.name}")
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(translate("GanttExport", "Print the Gantt chart"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    print_gantt(printer, data, options, rows)
    return True
