"""The loading heat grid: roles and their resources down, weeks or months across.

Like the Gantt chart it has no item per cell: each paint walks only the rows and periods in
view and fills their cells from colour and text tables built once per data set, so a
repaint stays well under a frame (16 ms) with 500 resources × 104 weeks loaded. The period
header and the row labels are painted by the same widget's scroll values, so they move in
step with the cells.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QLine, QLocale, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QStaticText,
)
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QToolTip, QWidget

from pmo_desktop.models import Rag
from pmo_desktop.services.resource_view import LoadingRow, ResourceLoading
from pmo_desktop.ui.formatting import format_date, format_percent
from pmo_desktop.ui.rag import RAG_COLOURS

ROW_HEIGHT = 22
LABEL_WIDTH = 240
HEADER_HEIGHT = 40
COLUMN_WIDTH = {"week": 46, "month": 72}

#: Cell colour buckets: 0 no capacity and no load; 1-21 utilisation 0 %, 5 % … 100 %;
#: 22 over-allocated up to 150 %; 23 beyond.
EMPTY, OVER, FAR_OVER = 0, 22, 23
_LOW = QColor("#F3F8F3")
_FULL = QColor("#5FAE63")
OVER_COLOUR = QColor(RAG_COLOURS[Rag.RED])
FAR_OVER_COLOUR = QColor("#8E1B1B")
_BACKGROUND = QColor("#FFFFFF")
_EMPTY_COLOUR = QColor("#FAFAFB")
_GRID = QColor("#E3E6EA")
_HEADER = QColor("#F4F5F7")
_HEADER_LINE = QColor("#C9CDD2")
_ROLE_BACKGROUND = QColor("#ECEFF3")
_SELECTION = QColor("#1565C0")
_SELECTED_ROW = QColor("#D6E6F8")
_TEXT = QColor("#202124")
_LIGHT_TEXT = QColor("#FFFFFF")


def _mix(low: QColor, high: QColor, share: float) -> QColor:
    return QColor(
        round(low.red() + (high.red() - low.red()) * share),
        round(low.green() + (high.green() - low.green()) * share),
        round(low.blue() + (high.blue() - low.blue()) * share),
    )


BUCKET_COLOURS: list[QColor] = [
    _EMPTY_COLOUR,
    *(_mix(_LOW, _FULL, step / 20) for step in range(21)),
    OVER_COLOUR,
    FAR_OVER_COLOUR,
]


def bucket(row: LoadingRow, period: int) -> int:
    """The colour bucket of one cell: over-allocation is red whatever the rounding."""
    if row.is_over(period):
        ratio = row.utilisation(period)
        return FAR_OVER if ratio is None or ratio > 1.5 else OVER
    ratio = row.utilisation(period)
    if ratio is None:
        return EMPTY
    return 1 + min(20, int(ratio * 20 + 1e-9))


def cell_colour(row: LoadingRow, period: int) -> QColor:
    return BUCKET_COLOURS[bucket(row, period)]


class _Margin(QWidget):
    """The period header or the row labels: painted by the grid from its scroll values."""

    def __init__(self, grid: HeatGrid, which: str) -> None:
        super().__init__(grid)
        self.grid = grid
        self.which = which
        self.setMouseTracking(False)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            if self.which == "header":
                self.grid.paint_header(painter, event.rect())
            else:
                self.grid.paint_labels(painter, event.rect())
        finally:
            painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.which == "labels":
            row = self.grid.row_at(event.position().y())
            if row is not None:
                self.grid.select(row, self.grid.current_period)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.which == "labels":
            row = self.grid.row_at(event.position().y())
            if row is not None and self.grid.visible_rows[row].is_role:
                self.grid.toggle_role(self.grid.visible_rows[row].role)


class HeatGrid(QAbstractScrollArea):
    """Utilisation per row and period as coloured cells; roles fold on a double-click."""

    #: The current cell changed: (visible row, period); period -1 when none is chosen.
    current_changed = Signal(int, int)
    #: Double-click or Enter on a cell: (visible row, period).
    cell_activated = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loading: ResourceLoading | None = None
        self.visible_rows: list[LoadingRow] = []
        self.collapsed: set[str] = set()
        self.current_row = -1
        self.current_period = -1
        self.column_width = COLUMN_WIDTH["week"]
        #: Per visible row, built on its first paint: colour buckets and % texts per period.
        self._cells: dict[int, tuple[bytes, list[QStaticText | None]]] = {}
        self._percent_cache: dict[int, QStaticText] = {}
        self._bold = QFont(self.font())
        self._bold.setBold(True)
        self._small = QFont(self.font())
        self._small.setPointSizeF(self.font().pointSizeF() * 0.85)
        self.header = _Margin(self, "header")
        self.labels = _Margin(self, "labels")
        self.setViewportMargins(LABEL_WIDTH, HEADER_HEIGHT, 0, 0)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.horizontalScrollBar().valueChanged.connect(self.header.update)
        self.verticalScrollBar().valueChanged.connect(self.labels.update)
        self.horizontalScrollBar().setSingleStep(self.column_width)
        self.verticalScrollBar().setSingleStep(ROW_HEIGHT)

    # Data.

    def set_loading(self, loading: ResourceLoading | None) -> None:
        """Show `loading`, keeping the current row (by key) and period where they still are."""
        key = self.current_key()
        if loading is None or self.loading is None or loading.group_by != self.loading.group_by:
            self.collapsed.clear()
        self.loading = loading
        self.column_width = COLUMN_WIDTH[loading.unit] if loading else COLUMN_WIDTH["week"]
        self.horizontalScrollBar().setSingleStep(self.column_width)
        self._rebuild()
        row = self.row_of(key) if key is not None else None
        period = self.current_period
        if loading is None or period >= loading.period_count:
            period = -1
        self.current_row, self.current_period = (row if row is not None else -1), period
        self._refresh()
        self.current_changed.emit(self.current_row, self.current_period)

    def _rebuild(self) -> None:
        rows = self.loading.rows if self.loading else []
        self.visible_rows = [row for row in rows if row.is_role or row.role not in self.collapsed]
        self._cells = {}

    def _row_cells(self, index: int) -> tuple[bytes, list[QStaticText | None]]:
        found = self._cells.get(index)
        if found is None:
            row = self.visible_rows[index]
            periods = range(len(row.load))
            found = self._cells[index] = (
                bytes(bucket(row, period) for period in periods),
                [self._percent(row, period) for period in periods],
            )
        return found

    def _percent(self, row: LoadingRow, period: int) -> QStaticText | None:
        ratio = row.utilisation(period)
        if ratio is None or ratio == 0:
            return None
        value = 999 if ratio == float("inf") else min(999, round(ratio * 100))
        text = self._percent_cache.get(value)
        if text is None:
            shown = "∞" if ratio == float("inf") else str(value)
            text = self._percent_cache[value] = QStaticText(shown)
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.prepare(font=self._small)
        return text

    def _refresh(self) -> None:
        self._update_ranges()
        self.viewport().update()
        self.header.update()
        self.labels.update()

    def toggle_role(self, role: str) -> None:
        """Fold or unfold a role's resources."""
        key = self.current_key()
        if role in self.collapsed:
            self.collapsed.discard(role)
        else:
            self.collapsed.add(role)
        self._rebuild()
        row = self.row_of(key) if key is not None else None
        if row is None:
            row = self.row_of(("role", role))
        self.current_row = row if row is not None else -1
        self._refresh()
        self.current_changed.emit(self.current_row, self.current_period)

    def display_name(self, row: LoadingRow) -> str:
        """A row's name; the group of resources without a role or department says so."""
        if row.name:
            return row.name
        if self.loading is not None and self.loading.group_by == "department":
            return self.tr("No department")
        return self.tr("No role")

    def current_key(self) -> tuple[str, int | str] | None:
        if 0 <= self.current_row < len(self.visible_rows):
            row = self.visible_rows[self.current_row]
            return ("role" if row.is_role else "resource", row.key)
        return None

    def row_of(self, key: tuple[str, int | str]) -> int | None:
        kind, value = key
        for index, row in enumerate(self.visible_rows):
            if row.is_role == (kind == "role") and row.key == value:
                return index
        return None

    def current(self) -> LoadingRow | None:
        if 0 <= self.current_row < len(self.visible_rows):
            return self.visible_rows[self.current_row]
        return None

    # Geometry.

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        viewport = self.viewport().geometry()
        self.header.setGeometry(QRect(viewport.left(), 0, viewport.width(), HEADER_HEIGHT))
        self.labels.setGeometry(QRect(0, viewport.top(), LABEL_WIDTH, viewport.height()))
        self._update_ranges()

    def sizeHint(self) -> QSize:
        return QSize(900, 400)

    def _update_ranges(self) -> None:
        count = self.loading.period_count if self.loading else 0
        viewport = self.viewport().size()
        horizontal = self.horizontalScrollBar()
        horizontal.setRange(0, max(0, count * self.column_width - viewport.width()))
        horizontal.setPageStep(viewport.width())
        vertical = self.verticalScrollBar()
        vertical.setRange(0, max(0, len(self.visible_rows) * ROW_HEIGHT - viewport.height()))
        vertical.setPageStep(viewport.height())

    def row_at(self, y: float) -> int | None:
        row = int((y + self.verticalScrollBar().value()) // ROW_HEIGHT)
        return row if 0 <= row < len(self.visible_rows) else None

    def period_at(self, x: float) -> int | None:
        count = self.loading.period_count if self.loading else 0
        period = int((x + self.horizontalScrollBar().value()) // self.column_width)
        return period if 0 <= period < count else None

    def cell_rect(self, row: int, period: int) -> QRect:
        """A cell in viewport coordinates."""
        return QRect(
            period * self.column_width - self.horizontalScrollBar().value(),
            row * ROW_HEIGHT - self.verticalScrollBar().value(),
            self.column_width,
            ROW_HEIGHT,
        )

    def scroll_to(self, row: int, period: int) -> None:
        """Scroll the least needed to show a cell whole."""
        rect = self.cell_rect(row, max(period, 0))
        viewport = self.viewport().rect()
        vertical, horizontal = self.verticalScrollBar(), self.horizontalScrollBar()
        if rect.top() < 0:
            vertical.setValue(vertical.value() + rect.top())
        elif rect.bottom() > viewport.bottom():
            vertical.setValue(vertical.value() + rect.bottom() - viewport.bottom())
        if period >= 0:
            if rect.left() < 0:
                horizontal.setValue(horizontal.value() + rect.left())
            elif rect.right() > viewport.right():
                horizontal.setValue(horizontal.value() + rect.right() - viewport.right())

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    # Painting.

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        try:
            self.paint_cells(painter, event.rect())
        finally:
            painter.end()

    def paint_cells(self, painter: QPainter, clip: QRect) -> None:
        """Fill the cells that meet `clip` (viewport coordinates) and write their %."""
        painter.fillRect(clip, _BACKGROUND)
        if not self.visible_rows or self.loading is None:
            return
        width, scroll_x = self.column_width, self.horizontalScrollBar().value()
        scroll_y = self.verticalScrollBar().value()
        count = self.loading.period_count
        first_row = max(0, (scroll_y + clip.top()) // ROW_HEIGHT)
        last_row = min(len(self.visible_rows) - 1, (scroll_y + clip.bottom()) // ROW_HEIGHT)
        first = max(0, (scroll_x + clip.left()) // width)
        last = min(count - 1, (scroll_x + clip.right()) // width)
        if last_row < first_row or last < first:
            return
        colours = BUCKET_COLOURS
        painter.setFont(self._small)
        dark, light = QPen(_TEXT), QPen(_LIGHT_TEXT)
        text_height = painter.fontMetrics().height()
        show_text = width >= 30
        # Runs of cells of one shade are filled at once, then the 1 px gaps between cells are
        # drawn back in the background colour: a few calls per row instead of one per cell.
        for row in range(first_row, last_row + 1):
            top = row * ROW_HEIGHT - scroll_y
            buckets, _ = self._row_cells(row)
            period = first
            while period <= last:
                shade = buckets[period]
                end = period + 1
                while end <= last and buckets[end] == shade:
                    end += 1
                left = period * width - scroll_x
                painter.fillRect(left, top, (end - period) * width - 1, ROW_HEIGHT - 1,
                                 colours[shade])  # fmt: skip
                period = end
        top = first_row * ROW_HEIGHT - scroll_y
        bottom = (last_row + 1) * ROW_HEIGHT - scroll_y
        painter.setPen(QPen(_BACKGROUND))
        painter.drawLines(
            [QLine(period * width - scroll_x + width - 1, top,
                   period * width - scroll_x + width - 1, bottom)
             for period in range(first, last + 1)]
        )  # fmt: skip
        for row in range(first_row, last_row + 1):
            top = row * ROW_HEIGHT - scroll_y
            buckets, texts = self._row_cells(row)
            for period in range(first, last + 1):
                left = period * width - scroll_x
                text = texts[period]
                if show_text and text is not None:
                    painter.setPen(light if buckets[period] >= 16 else dark)
                    size = text.size()
                    painter.drawStaticText(
                        round(left + (width - 1 - size.width()) / 2),
                        round(top + (ROW_HEIGHT - 1 - text_height) / 2),
                        text,
                    )
        grid = QPen(_GRID)
        painter.setPen(grid)
        for row in range(first_row, last_row + 1):
            if self.visible_rows[row].is_role:
                top = row * ROW_HEIGHT - scroll_y
                painter.drawLine(clip.left(), top, clip.right(), top)
        if 0 <= self.current_row < len(self.visible_rows):
            selection = QPen(_SELECTION, 2)
            painter.setPen(selection)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            if self.current_period >= 0:
                painter.drawRect(
                    self.cell_rect(self.current_row, self.current_period).adjusted(1, 1, -2, -2)
                )
            else:
                top = self.current_row * ROW_HEIGHT - scroll_y
                painter.drawRect(QRect(1 - scroll_x, top + 1, count * width - 3, ROW_HEIGHT - 3))

    def paint_header(self, painter: QPainter, clip: QRect) -> None:
        """Two tiers: months (weeks shown) or years (months shown) above the periods."""
        painter.fillRect(clip, _HEADER)
        painter.setPen(QPen(_HEADER_LINE))
        painter.drawLine(clip.left(), HEADER_HEIGHT - 1, clip.right(), HEADER_HEIGHT - 1)
        painter.drawLine(clip.left(), HEADER_HEIGHT // 2, clip.right(), HEADER_HEIGHT // 2)
        if self.loading is None:
            return
        width, scroll_x = self.column_width, self.horizontalScrollBar().value()
        count = self.loading.period_count
        first = max(0, (scroll_x + clip.left()) // width)
        last = min(count - 1, (scroll_x + clip.right()) // width)
        locale = self.locale()
        half = HEADER_HEIGHT // 2
        painter.setFont(self._small)
        weekly = self.loading.unit == "week"
        # Top tier: group consecutive periods that share a month (weeks) or a year (months).
        period = first
        while period <= last:
            start = self.loading.boundaries[period]
            group_end = period
            while group_end + 1 < count and self._top_key(
                self.loading.boundaries[group_end + 1]
            ) == self._top_key(start):
                group_end += 1
            left = period * width - scroll_x
            right = (group_end + 1) * width - scroll_x
            if weekly:
                label = (
                    f"{locale.monthName(start.month, QLocale.FormatType.ShortFormat)} {start.year}"
                )
            else:
                label = str(start.year)
            painter.setPen(QPen(_HEADER_LINE))
            painter.drawLine(right - 1, 0, right - 1, half)
            painter.setPen(QPen(_TEXT))
            shown = QRect(max(left, 0) + 4, 0, right - max(left, 0) - 6, half)
            painter.drawText(
                shown, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label
            )
            period = group_end + 1
        for period in range(first, last + 1):
            start = self.loading.boundaries[period]
            left = period * width - scroll_x
            if weekly:
                label = locale.toString(start, "d MMM")
            else:
                label = locale.monthName(start.month, QLocale.FormatType.ShortFormat)
            painter.setPen(QPen(_HEADER_LINE))
            painter.drawLine(left + width - 1, half, left + width - 1, HEADER_HEIGHT)
            painter.setPen(QPen(_TEXT))
            painter.drawText(
                QRect(left, half, width - 1, half), Qt.AlignmentFlag.AlignCenter, label
            )

    def _top_key(self, day: date) -> tuple[int, int]:
        if self.loading is not None and self.loading.unit == "week":
            return (day.year, day.month)
        return (day.year, 0)

    def paint_labels(self, painter: QPainter, clip: QRect) -> None:
        """Role headers (bold, with a fold marker) and their resources, indented."""
        painter.fillRect(clip, _BACKGROUND)
        painter.setPen(QPen(_HEADER_LINE))
        painter.drawLine(LABEL_WIDTH - 1, clip.top(), LABEL_WIDTH - 1, clip.bottom())
        if not self.visible_rows:
            return
        scroll_y = self.verticalScrollBar().value()
        first_row = max(0, (scroll_y + clip.top()) // ROW_HEIGHT)
        last_row = min(len(self.visible_rows) - 1, (scroll_y + clip.bottom()) // ROW_HEIGHT)
        for index in range(first_row, last_row + 1):
            row = self.visible_rows[index]
            top = index * ROW_HEIGHT - scroll_y
            band = QRect(0, top, LABEL_WIDTH - 1, ROW_HEIGHT)
            if index == self.current_row:
                painter.fillRect(band, _SELECTED_ROW)
            elif row.is_role:
                painter.fillRect(band, _ROLE_BACKGROUND)
            painter.setPen(QPen(_TEXT))
            if row.is_role:
                painter.setFont(self._bold)
                marker = "▸" if row.role in self.collapsed else "▾"
                text = f"{marker} {self.display_name(row)}"
                rect = band.adjusted(6, 0, -6, 0)
            else:
                painter.setFont(self.font())
                text = row.name
                rect = band.adjusted(24, 0, -6, 0)
            elided = painter.fontMetrics().elidedText(
                text, Qt.TextElideMode.ElideRight, rect.width()
            )
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, elided
            )
            if row.is_role:
                painter.setPen(QPen(_GRID))
                painter.drawLine(0, top, LABEL_WIDTH - 1, top)

    # Interaction.

    def select(self, row: int, period: int) -> None:
        if (row, period) == (self.current_row, self.current_period):
            return
        self.current_row, self.current_period = row, period
        self.scroll_to(row, period)
        self.viewport().update()
        self.labels.update()
        self.current_changed.emit(row, period)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        position = event.position()
        row, period = self.row_at(position.y()), self.period_at(position.x())
        if row is not None and period is not None:
            self.select(row, period)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        position = event.position()
        row, period = self.row_at(position.y()), self.period_at(position.x())
        if row is not None and period is not None:
            self.select(row, period)
            self.cell_activated.emit(row, period)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.visible_rows or self.loading is None:
            super().keyPressEvent(event)
            return
        row, period = max(self.current_row, 0), max(self.current_period, 0)
        key = event.key()
        if key == Qt.Key.Key_Up:
            row = max(0, row - 1)
        elif key == Qt.Key.Key_Down:
            row = min(len(self.visible_rows) - 1, row + 1)
        elif key == Qt.Key.Key_Left:
            period = max(0, period - 1)
        elif key == Qt.Key.Key_Right:
            period = min(self.loading.period_count - 1, period + 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current_period >= 0:
            self.cell_activated.emit(self.current_row, self.current_period)
            return
        else:
            super().keyPressEvent(event)
            return
        self.select(row, period)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.cell_tooltip(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def cell_tooltip(self, position: QPoint) -> str:
        row, period = self.row_at(position.y()), self.period_at(position.x())
        if row is None or period is None or self.loading is None:
            return ""
        line = self.visible_rows[row]
        first, last = self.loading.period(period)
        locale = self.locale()
        ratio = line.utilisation(period)
        share = "" if ratio is None or ratio == float("inf") else format_percent(ratio * 100)
        text = self.tr(
            "{name}\n{first} – {last}\n{load} h of {capacity} h available {share}"
        ).format(
            name=self.display_name(line),
            first=format_date(first),
            last=format_date(last),
            load=locale.toString(line.load[period], "f", 1),
            capacity=locale.toString(line.capacity[period], "f", 1),
            share=f"({share})" if share else "",
        )
        if line.is_over(period):
            text += "\n" + self.tr("Over-allocated by {hours} h").format(
                hours=locale.toString(line.load[period] - line.capacity[period], "f", 1)
            )
        return text.strip()
