"""A project's Gantt extract for the board pack: a vector flowable drawn on the PDF canvas.

It speaks the app's Gantt language (ui/gantt/painting.py: blue bars, red critical path, grey
baseline under the bar, black diamonds and summary brackets) adapted to paper: thin crisp
lines, text of at least 7 pt, and the critical path hatched so that it survives greyscale.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta

from babel.dates import format_date
from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from pmo_desktop.reports.data import GanttBar, GanttExtract, trim_extract
from pmo_desktop.reports.i18n import ReportText
from pmo_desktop.reports.style import PackStyle


class Palette:
    """The app's Gantt colours (ui/gantt/painting.py), so that paper and screen agree."""

    bar = colors.HexColor("#5B9BD5")
    bar_border = colors.HexColor("#2E6DA4")
    progress = colors.HexColor("#1F4E79")
    critical = colors.HexColor("#E57373")
    critical_border = colors.HexColor("#B71C1C")
    critical_progress = colors.HexColor("#8E1B1B")
    summary = colors.HexColor("#2B2B2B")
    baseline = colors.HexColor("#A0A4A8")
    link = colors.HexColor("#55657A")
    critical_link = colors.HexColor("#C62828")
    label = colors.HexColor("#3C4043")
    status_date = colors.HexColor("#1565C0")
    header = colors.HexColor("#F4F5F7")
    header_text = colors.HexColor("#202124")
    header_line = colors.HexColor("#C9CDD2")
    grid = colors.HexColor("#E3E6EA")
    zebra = colors.HexColor("#F7F8FA")


#: Which end of the predecessor a link leaves (True = finish) and of the successor it enters.
LINK_ENDS = {"FS": (True, False), "SS": (False, False), "FF": (True, True), "SF": (False, True)}
_ELLIPSIS = "…"
_STUB = 4.0
_HATCH = 2.4
_LINE = 0.4
_SAMPLE = 16.0


def _clean(value: str) -> str:
    """User text on one line: control characters and runs of spaces become one space."""
    return " ".join("".join(c if c.isprintable() else " " for c in value).split())


def fit_text(value: str, font: str, size: float, width: float) -> str:
    """`value` cut with an ellipsis to fit `width` points ("" when not even "…" fits)."""
    if stringWidth(value, font, size) <= width:
        return value
    if stringWidth(_ELLIPSIS, font, size) > width:
        return ""
    low, high = 0, len(value)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(value[:middle] + _ELLIPSIS, font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return value[:low].rstrip() + _ELLIPSIS


def hatch_segments(
    left: float, bottom: float, right: float, top: float, spacing: float
) -> list[tuple[float, float, float, float]]:
    """45° hatch lines exactly inside a rectangle (no clip path, so nothing strays out)."""
    segments = []
    offset = left - top + spacing / 2
    while offset < right - bottom:
        x0, x1 = max(left, bottom + offset), min(right, top + offset)
        if x1 - x0 > 0.2:
            segments.append((x0, x0 - offset, x1, x1 - offset))
        offset += spacing
    return segments


def _unit_start(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return date(day.year, 1, 1)


def _next_unit(day: date, unit: str) -> date:
    if unit == "week":
        return day + timedelta(days=7)
    if unit == "year":
        return date(day.year + 1, 1, 1)
    month = day.month - 1 + (1 if unit == "month" else 3)
    return date(day.year + month // 12, month % 12 + 1, 1)


def _cells(first: date, end: date, unit: str) -> Iterator[tuple[date, date]]:
    """(start, next start) of each unit overlapping [first, end)."""
    start = _unit_start(first, unit)
    while start < end:
        following = _next_unit(start, unit)
        yield start, following
        start = following


def link_route(
    exit_x: float, exit_y: float, exit_right: bool, entry_x: float, entry_y: float,
    entry_from_left: bool, gap_y: float,
) -> list[tuple[float, float]]:  # fmt: skip
    """The elbow polyline of a link, kept off the bars (ui/gantt/painting.link_route): when
    the entry is behind the exit, the horizontal run follows the row boundary `gap_y`."""
    out_x = exit_x + (_STUB if exit_right else -_STUB)
    in_x = entry_x - _STUB if entry_from_left else entry_x + _STUB
    if out_x <= entry_x - 2 if entry_from_left else out_x >= entry_x + 2:
        return [(exit_x, exit_y), (out_x, exit_y), (out_x, entry_y), (entry_x, entry_y)]
    return [(exit_x, exit_y), (out_x, exit_y), (out_x, gap_y), (in_x, gap_y), (in_x, entry_y),
            (entry_x, entry_y)]  # fmt: skip


class GanttExtractFlowable(Flowable):
    """The drawn extract: time scale, task column, bars, links, as-of line and legend."""

    def __init__(
        self, extract: GanttExtract, text: ReportText, style: PackStyle, width: float,
        max_height: float,
    ) -> None:  # fmt: skip
        super().__init__()
        self.extract, self.text, self.style, self.width = extract, text, style, width
        self.font, self.bold = style.font, style.bold_font
        self.size = max(7.0, style.small_size)
        self.row_height = round(self.size * 1.85, 2)
        self.tier_height = round(self.size + 5.5, 2)
        self.header_height = 2 * self.tier_height
        self.legend_line = round(self.size + 6.0, 2)
        self.origin = datetime.combine(extract.window_start, datetime.min.time())
        self.end = datetime.combine(extract.window_end + timedelta(days=1), datetime.min.time())
        wbs = [stringWidth(_clean(bar.wbs), self.font, self.size) for bar in extract.bars]
        heading = stringWidth(text("WBS"), self.bold, self.size)
        self.wbs_width = min(max([*wbs, heading]) + 7.0, 48.0) if wbs else 0.0
        self.name_width = min(max(width * 0.3, 140.0), 240.0, width * 0.45)
        self.chart_left = self.wbs_width + self.name_width
        days = max((self.end - self.origin).total_seconds() / 86400.0, 1.0)
        self.points_per_day = max(width - self.chart_left, 1.0) / days
        self.tiers = self._choose_tiers()
        self.cut = 0
        room = self._rows_room(max_height)
        if room < len(extract.bars):
            self.cut = len(extract.bars) - room
            room = self._rows_room(max_height)  # the legend now carries the omitted note
            # The assembler's rule, again: milestones and the critical path come first.
            trimmed = trim_extract(extract, room)
            self.extract, self.cut = trimmed, 0
        self.rows = self.extract.bars
        self.legend_lines = self._legend_lines()
        self.rows_height = max(len(self.rows), 1) * self.row_height
        self.height = self.header_height + self.rows_height + self._legend_height()

    # Layout.

    def _choose_tiers(self) -> tuple[str, str]:
        """The most detailed tiers whose bottom labels stay readable (cf. ui/gantt/timescale)."""
        if self.points_per_day * 7 >= stringWidth("28", self.font, self.size) + 5:
            return ("month", "week")
        if self.points_per_day * 30 >= stringWidth("Mmm.", self.font, self.size) + 4:
            return ("year", "month")
        return ("year", "quarter")

    def _legend_height(self) -> float:
        return len(self._legend_lines()) * self.legend_line + 2.0

    def _rows_room(self, max_height: float) -> int:
        """How many rows fit under the header and above the legend."""
        fixed = self.header_height + self._legend_height()
        return max(int((max_height - fixed) // self.row_height), 0)

    @property
    def omitted(self) -> int:
        """Tasks of the window not drawn: left out by the assembler or cut here."""
        return self.extract.omitted + self.cut

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def x_of(self, moment: datetime | date) -> float:
        """x of a moment inside the flowable (not clamped)."""
        if type(moment) is date:
            moment = datetime(moment.year, moment.month, moment.day)
        delta = moment - self.origin  # type: ignore[operator]
        return self.chart_left + delta.total_seconds() / 86400.0 * self.points_per_day

    def _clamp(self, x: float) -> float:
        return min(max(x, self.chart_left), self.width)

    def row_top(self, row: int) -> float:
        """y of the top edge of a row (reportlab's y grows upwards)."""
        return self.height - self.header_height - row * self.row_height

    # Drawing primitives.

    def _fill(self, colour: Color, left: float, bottom: float, right: float, top: float) -> None:
        self.canv.setFillColor(colour)
        self.canv.rect(left, bottom, right - left, top - bottom, stroke=0, fill=1)

    def _write(
        self, x: float, y: float, value: str, colour: Color, font: str | None = None,
        align: str = "left",
    ) -> None:  # fmt: skip
        self.canv.setFont(font or self.font, self.size)
        self.canv.setFillColor(colour)
        draw = {"left": self.canv.drawString, "right": self.canv.drawRightString}
        draw.get(align, self.canv.drawCentredString)(x, y, value)

    def _polygon(
        self, points: Sequence[tuple[float, float]], colour: Color, stroke: bool = False
    ) -> None:
        self.canv.setFillColor(colour)
        path = self.canv.beginPath()
        path.moveTo(*points[0])
        for point in points[1:]:
            path.lineTo(*point)
        path.close()
        self.canv.drawPath(path, stroke=1 if stroke else 0, fill=1)

    def _diamond(
        self, x: float, y: float, half: float, colour: Color, stroke: bool = False
    ) -> None:
        points = [(x, y + half), (x + half, y), (x, y - half), (x - half, y)]
        self._polygon(points, colour, stroke)

    def _task_box(
        self, box: tuple[float, float, float, float], critical: bool, done_right: float | None
    ) -> None:
        """A task bar: filled, hatched if critical, its progress band, then its border."""
        left, bottom, right, top = box
        canvas = self.canv
        self._fill(Palette.critical if critical else Palette.bar, *box)
        if critical:
            canvas.setStrokeColor(Palette.critical_border)
            canvas.setLineWidth(0.35)
            canvas.lines(hatch_segments(*box, _HATCH))
        if done_right is not None and done_right - left > 0.3:
            band = (top - bottom) * 0.3
            colour = Palette.critical_progress if critical else Palette.progress
            self._fill(colour, left, bottom + band, done_right, top - band)
        canvas.setStrokeColor(Palette.critical_border if critical else Palette.bar_border)
        canvas.setLineWidth(0.8 if critical else 0.5)
        canvas.rect(left, bottom, right - left, top - bottom, stroke=1, fill=0)

    def _summary_shape(
        self, box: tuple[float, float, float, float], colour: Color, caps: tuple[bool, bool]
    ) -> None:
        """Microsoft Project's summary bracket: a bar with a pointed cap hanging at each end
        that is inside the window (`caps`: left, right)."""
        left, bottom, right, top = box
        cap = min(top - bottom, max(1.5, (right - left) / 2))
        middle = (top + bottom) / 2
        points = [(left, top), (right, top)]
        points += [(right, bottom), (right - cap, middle)] if caps[1] else [(right, middle)]
        points += [(left + cap, middle), (left, bottom)] if caps[0] else [(left, middle)]
        self._polygon(points, colour)

    def _as_of_line(self, x: float, bottom: float, top: float) -> None:
        self.canv.setStrokeColor(Palette.status_date)
        self.canv.setLineWidth(0.9)
        self.canv.setDash(2.5, 1.3)
        self.canv.line(x, bottom, x, top)
        self.canv.setDash()

    # Drawing.

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setLineCap(0)
        canvas.setLineJoin(0)
        for row in range(1, len(self.rows), 2):
            top = self.row_top(row)
            self._fill(Palette.zebra, 0, top - self.row_height, self.width, top)
        self._draw_header()
        if self.rows:
            self._draw_grid()
            self._draw_names()
            for row, bar in enumerate(self.rows):
                self._draw_baseline(bar, row)
            for row, bar in enumerate(self.rows):
                if bar.is_milestone and not bar.is_summary:
                    self._draw_milestone(bar, row)
                else:
                    self._draw_bar(bar, row)
            self._draw_links()
            x = self.x_of(self.extract.as_of)
            top = self.height - self.header_height
            if self.chart_left < x < self.width:
                self._as_of_line(x, top - self.rows_height, top)
        else:
            message = self.text("No scheduled tasks in this period.")
            message = fit_text(message, self.style.italic_font, self.size, self.width - 8)
            y = self.row_top(0) - self.row_height / 2 - self.size * 0.35
            self._write(self.width / 2, y, message, self.style.muted, self.style.italic_font, "c")
        canvas.setStrokeColor(Palette.header_line)
        canvas.setLineWidth(_LINE)
        bottom = self.height - self.header_height - self.rows_height
        canvas.rect(0, bottom, self.width, self.height - bottom, stroke=1, fill=0)
        self._draw_legend()
        canvas.restoreState()

    def _draw_header(self) -> None:
        canvas, size = self.canv, self.size
        bottom = self.height - self.header_height
        self._fill(Palette.header, 0, bottom, self.width, self.height)
        y = bottom + (self.header_height - size) / 2 + 1.2
        if self.wbs_width:
            wbs = fit_text(self.text("WBS"), self.bold, size, self.wbs_width - 4)
            self._write(3, y, wbs, Palette.header_text, self.bold)
        task = fit_text(self.text("Task"), self.bold, size, self.name_width - 6)
        self._write(self.wbs_width + 3, y, task, Palette.header_text, self.bold)
        middle = bottom + self.tier_height
        canvas.setStrokeColor(Palette.header_line)
        canvas.setLineWidth(_LINE)
        canvas.line(self.chart_left, middle, self.width, middle)
        for unit, tier_bottom, top_tier in ((self.tiers[0], middle, True),
                                            (self.tiers[1], bottom, False)):  # fmt: skip
            y = tier_bottom + (self.tier_height - size) / 2 + 1.0
            for start, end in _cells(self.extract.window_start, self.end.date(), unit):
                left, right = self._clamp(self.x_of(start)), self._clamp(self.x_of(end))
                if right - left < 1:
                    continue
                if right < self.width - 0.1:
                    canvas.line(right, tier_bottom, right, tier_bottom + self.tier_height)
                if not top_tier and start < self.extract.window_start:
                    continue  # a cut first cell would carry a date outside the window
                label = self._cell_label(start, unit, right - left - 4, top_tier)
                if label and top_tier:
                    self._write(left + 2.5, y, label, Palette.header_text, self.bold)
                elif label:
                    self._write((left + right) / 2, y, label, Palette.header_text, align="c")

    def _cell_label(self, start: date, unit: str, room: float, top_tier: bool) -> str:
        """The longest label of a time-scale cell that fits `room` points."""
        language, text = self.text.language, self.text
        if unit == "week":
            candidates = [str(start.day)]
        elif unit == "month":
            candidates = [text.month(start), format_date(start, "LLL", locale=language),
                          format_date(start, "LLLLL", locale=language)]  # fmt: skip
        elif unit == "quarter":
            quarter = (start.month - 1) // 3 + 1
            candidates = [text("Q{quarter}", quarter=quarter)]
            if top_tier:
                candidates.insert(0, text("Q{quarter} {year}", quarter=quarter, year=start.year))
        else:
            candidates = [str(start.year)]
        font = self.bold if top_tier else self.font
        return next((c for c in candidates if stringWidth(c, font, self.size) <= room), "")

    def _draw_grid(self) -> None:
        canvas = self.canv
        top = self.height - self.header_height
        bottom = top - self.rows_height
        canvas.setLineWidth(0.3)
        for unit, colour in ((self.tiers[1], Palette.grid), (self.tiers[0], Palette.header_line)):
            canvas.setStrokeColor(colour)
            for _start, end in _cells(self.extract.window_start, self.end.date(), unit):
                x = self.x_of(end)
                if self.chart_left < x < self.width - 0.1:
                    canvas.line(x, bottom, x, top)
        canvas.setStrokeColor(Palette.header_line)
        canvas.setLineWidth(_LINE)
        canvas.line(0, top, self.width, top)
        canvas.line(self.chart_left, bottom, self.chart_left, self.height)

    def _draw_names(self) -> None:
        for row, bar in enumerate(self.rows):
            y = self.row_top(row) - self.row_height / 2 - self.size * 0.35
            if self.wbs_width:
                wbs = fit_text(_clean(bar.wbs), self.font, self.size, self.wbs_width - 5)
                self._write(3, y, wbs, self.style.muted)
            indent = min(max(bar.level - 1, 0), 6) * self.size * 0.9
            font = self.bold if bar.is_summary else self.font
            name = fit_text(_clean(bar.name), font, self.size, self.name_width - indent - 6)
            colour = Palette.critical_border if bar.critical else self.style.text_colour
            self._write(self.wbs_width + 3 + indent, y, name, colour, font)

    def _draw_baseline(self, bar: GanttBar, row: int) -> None:
        if bar.baseline_start is None or bar.baseline_finish is None:
            return
        height = max(1.6, self.row_height * 0.13)
        y = self.row_top(row) - self.row_height * 0.74 - height
        if bar.is_milestone and not bar.is_summary:
            x = self.x_of(bar.baseline_finish)
            if self.chart_left + 2 <= x <= self.width - 2:
                self._diamond(x, y + height / 2, 2.2, Palette.baseline)
            return
        left = self._clamp(self.x_of(bar.baseline_start))
        right = self._clamp(max(self.x_of(bar.baseline_finish), self.x_of(bar.baseline_start) + 1))
        if right - left >= 0.5:
            self._fill(Palette.baseline, left, y, right, y + height)

    def _draw_bar(self, bar: GanttBar, row: int) -> None:
        """A task bar or a summary bracket, clamped to the window."""
        if bar.start is None or bar.finish is None:
            return
        start, finish = self.x_of(bar.start), self.x_of(bar.finish)
        if finish < self.chart_left or start > self.width:
            return
        top = self.row_top(row)
        upper, lower = (0.27, 0.69) if bar.is_summary else (0.2, 0.66)
        box = (self._clamp(start), top - self.row_height * lower,
               self._clamp(max(finish, start + 1.0)), top - self.row_height * upper)  # fmt: skip
        if bar.is_summary:
            colour = Palette.critical_border if bar.critical else Palette.summary
            self._summary_shape(box, colour, (start >= self.chart_left, finish <= self.width))
            if bar.critical:  # white hatching on its bar: critical must survive greyscale
                self.canv.setStrokeColor(colors.white)
                self.canv.setLineWidth(0.4)
                band = (box[0], (box[1] + box[3]) / 2 + 0.4, box[2], box[3] - 0.4)
                self.canv.lines(hatch_segments(*band, _HATCH))
            return
        percent = min(max(bar.percent_complete, 0.0), 100.0)
        done = min(self._clamp(start + (finish - start) * percent / 100), box[2])
        self._task_box(box, bar.critical, done if percent > 0 else None)

    def _draw_milestone(self, bar: GanttBar, row: int) -> None:
        if bar.finish is None:
            return
        if not self.extract.window_start <= bar.finish.date() <= self.extract.window_end:
            return
        half = self.row_height * 0.3
        x = min(max(self.x_of(bar.finish), self.chart_left + half), self.width - half)
        y = self.row_top(row) - self.row_height * 0.45
        if bar.critical:  # a ring as well as the colour: it must survive greyscale
            self.canv.setStrokeColor(Palette.critical_border)
            self.canv.setLineWidth(0.7)
            self._diamond(x, y, half + 1.6, colors.white, stroke=True)
        self._diamond(x, y, half, Palette.critical_border if bar.critical else Palette.summary)
        label = self.text.date(bar.finish)
        width = stringWidth(label, self.font, self.size)
        text_y = y - self.size * 0.35
        if width <= self.width - (x + half + 3):
            self._write(x + half + 3, text_y, label, Palette.label)
        elif width <= (x - half - 3) - self.chart_left:
            self._write(x - half - 3, text_y, label, Palette.label, align="right")

    def _anchor(self, bar: GanttBar, row: int, at_finish: bool) -> tuple[float, float] | None:
        """Where a link meets a bar: its left or right end, at mid-height; None if off-chart."""
        moment = bar.finish if at_finish or bar.is_milestone else bar.start
        if moment is None or bar.start is None or bar.finish is None:
            return None
        x = self.x_of(moment)
        if bar.is_milestone and not bar.is_summary:
            x += self.row_height * 0.3 * (1 if at_finish else -1)
            y = self.row_top(row) - self.row_height * 0.45
        else:
            y = self.row_top(row) - self.row_height * (0.48 if bar.is_summary else 0.43)
        if not self.chart_left + _STUB + 3 <= x <= self.width - _STUB - 3:
            return None
        return x, y

    def _draw_links(self) -> None:
        rows = {bar.id: (row, bar) for row, bar in enumerate(self.rows)}
        routes: list[tuple[list[tuple[float, float]], bool, bool]] = []
        for link in self.extract.links:
            if link.predecessor not in rows or link.successor not in rows:
                continue
            from_finish, to_finish = LINK_ENDS.get(link.kind.upper(), (True, False))
            (row_p, before), (row_s, after) = rows[link.predecessor], rows[link.successor]
            exit_point = self._anchor(before, row_p, from_finish)
            entry_point = self._anchor(after, row_s, to_finish)
            if exit_point is None or entry_point is None:
                continue
            gap_y = self.row_top(row_p) - (self.row_height if row_s > row_p else 0)
            points = link_route(*exit_point, from_finish, *entry_point, not to_finish, gap_y)
            routes.append((points, not to_finish, before.critical and after.critical))
        canvas = self.canv
        for points, from_left, critical in sorted(routes, key=lambda route: route[2]):
            colour = Palette.critical_link if critical else Palette.link
            canvas.setStrokeColor(colour)
            canvas.setLineWidth(0.6 if critical else 0.45)
            canvas.lines([(*points[i], *points[i + 1]) for i in range(len(points) - 1)])
            (tip_x, tip_y), back = points[-1], -2.6 if from_left else 2.6
            self._polygon([(tip_x, tip_y), (tip_x + back, tip_y + 1.6),
                           (tip_x + back, tip_y - 1.6)], colour)  # fmt: skip

    # Legend.

    def _legend_lines(self) -> list[list[tuple[str, str, float]]]:
        """Legend items in lines that fit the width; the omitted count comes last."""
        text = self.text
        items = [
            ("task", text("Task")),
            ("progress", text("Progress")),
            ("critical", text("Critical path")),
            ("baseline", text("Baseline")),
            ("milestone", text("Milestone")),
            ("summary", text("Summary")),
            ("as_of", text("As of {date}", date=text.date(self.extract.as_of))),
        ]
        if self.omitted:
            items.append(("note", text("{count} more tasks in this period not shown",
                                       count=self.omitted)))  # fmt: skip
        lines: list[list[tuple[str, str, float]]] = [[]]
        used = 0.0
        for kind, label in items:
            label = fit_text(label, self.font, self.size, self.width - _SAMPLE - 8)
            width = (0 if kind == "note" else _SAMPLE + 3) + stringWidth(
                label, self.font, self.size
            )
            if lines[-1] and used + width > self.width:
                lines.append([])
                used = 0.0
            lines[-1].append((kind, label, width))
            used += width + 12
        return lines

    def _draw_legend(self) -> None:
        top = self.height - self.header_height - self.rows_height - 2
        for index, line in enumerate(self.legend_lines):
            middle = top - (index + 0.5) * self.legend_line
            x = 0.0
            for kind, label, width in line:
                if kind == "note":
                    self._write(x, middle - self.size * 0.35, label, self.style.muted,
                                self.style.italic_font)  # fmt: skip
                else:
                    self._legend_sample(kind, x, middle)
                    self._write(x + _SAMPLE + 3, middle - self.size * 0.35, label,
                                self.style.text_colour)  # fmt: skip
                x += width + 12

    def _legend_sample(self, kind: str, x: float, middle: float) -> None:
        """The kind's mark, drawn by the same code as the chart's."""
        half = self.row_height * 0.23
        box = (x, middle - half, x + _SAMPLE, middle + half)
        if kind in ("task", "progress", "critical"):
            self._task_box(box, kind == "critical", x + 10 if kind == "progress" else None)
        elif kind == "baseline":
            height = max(1.6, self.row_height * 0.13)
            self._fill(Palette.baseline, x, middle - height / 2, x + _SAMPLE, middle + height / 2)
        elif kind == "milestone":
            self._diamond(x + _SAMPLE / 2, middle, self.row_height * 0.3, Palette.summary)
        elif kind == "summary":
            self._summary_shape(box, Palette.summary, (True, True))
        else:
            x += _SAMPLE / 2
            self._as_of_line(x, middle - self.size * 0.6, middle + self.size * 0.6)


def gantt_extract(
    extract: GanttExtract, text: ReportText, style: PackStyle, width: float, max_height: float
) -> Flowable:
    """The extract as a vector flowable `width` points wide and at most `max_height` high.

    Rows that do not fit are cut (the assembler normally limits them already) and the
    number of tasks left out is printed with the legend, never silently dropped.
    """
    return GanttExtractFlowable(extract, text, style, width, max_height)
