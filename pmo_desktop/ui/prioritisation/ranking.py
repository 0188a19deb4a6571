"""The ranked portfolio: a table over the what-if's rows with score bars, budgets, demand
hours, running totals and the cut-off line drawn across the table above the first project
that does not fit."""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from pmo_desktop.services.prioritisation_whatif import Reason, WhatIf, WhatIfRow
from pmo_desktop.ui.formatting import format_integer, format_money, status_label

AnyIndex = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTRE = int(Qt.AlignmentFlag.AlignCenter)
BAR_COLOUR = QColor("#4C8BD6")
GAP_BAR_COLOUR = QColor("#A7C4E8")
CUT_OFF_COLOUR = QColor("#C5221F")
FUNDED_BACKGROUND = QColor("#EAF5EC")
UNFUNDED_TEXT = QColor("#80868B")
MOVED_UP = QColor("#188038")
MOVED_DOWN = QColor("#B3261E")
#: Role of the score (0–100) for the bar delegate.
SCORE_ROLE = Qt.ItemDataRole.UserRole + 1


class RankColumn(enum.IntEnum):
    RANK = 0
    MOVED = 1
    CODE = 2
    NAME = 3
    STATUS = 4
    SCORE = 5
    GAPS = 6
    BUDGET = 7
    HOURS = 8
    CUMULATIVE_BUDGET = 9
    CUMULATIVE_HOURS = 10
    FUNDED = 11


_HEADERS = {
    RankColumn.RANK: QT_TRANSLATE_NOOP("RankingModel", "#"),
    RankColumn.MOVED: QT_TRANSLATE_NOOP("RankingModel", "Moved"),
    RankColumn.CODE: QT_TRANSLATE_NOOP("RankingModel", "Code"),
    RankColumn.NAME: QT_TRANSLATE_NOOP("RankingModel", "Project"),
    RankColumn.STATUS: QT_TRANSLATE_NOOP("RankingModel", "Status"),
    RankColumn.SCORE: QT_TRANSLATE_NOOP("RankingModel", "Score"),
    RankColumn.GAPS: QT_TRANSLATE_NOOP("RankingModel", "Gaps"),
    RankColumn.BUDGET: QT_TRANSLATE_NOOP("RankingModel", "Budget"),
    RankColumn.HOURS: QT_TRANSLATE_NOOP("RankingModel", "Demand (h)"),
    RankColumn.CUMULATIVE_BUDGET: QT_TRANSLATE_NOOP("RankingModel", "Σ budget"),
    RankColumn.CUMULATIVE_HOURS: QT_TRANSLATE_NOOP("RankingModel", "Σ hours"),
    RankColumn.FUNDED: QT_TRANSLATE_NOOP("RankingModel", "Fits?"),
}
_TIPS = {
    RankColumn.MOVED: QT_TRANSLATE_NOOP(
        "RankingModel", "Places gained (▲) or lost (▼) by a manual move against the score order"
    ),
    RankColumn.SCORE: QT_TRANSLATE_NOOP(
        "RankingModel", "Weighted score out of 100 (a missing score counts as the worst)"
    ),
    RankColumn.GAPS: QT_TRANSLATE_NOOP("RankingModel", "Criteria this project has no score on"),
    RankColumn.HOURS: QT_TRANSLATE_NOOP(
        "RankingModel", "Remaining assigned work inside the horizon (of the capped role, if any)"
    ),
    RankColumn.CUMULATIVE_BUDGET: QT_TRANSLATE_NOOP(
        "RankingModel", "Budget of the funded projects down to this row"
    ),
    RankColumn.CUMULATIVE_HOURS: QT_TRANSLATE_NOOP(
        "RankingModel", "Demand hours of the funded projects down to this row"
    ),
}
_REASONS = {
    Reason.NONE: QT_TRANSLATE_NOOP("RankingModel", "Funded"),
    Reason.BUDGET: QT_TRANSLATE_NOOP("RankingModel", "Over budget"),
    Reason.CAPACITY: QT_TRANSLATE_NOOP("RankingModel", "Over capacity"),
    Reason.BOTH: QT_TRANSLATE_NOOP("RankingModel", "Over both caps"),
    Reason.STOPPED: QT_TRANSLATE_NOOP("RankingModel", "Below the cut-off"),
}


_REASON_TIPS = {
    Reason.NONE: QT_TRANSLATE_NOOP("RankingModel", "Fits within the caps with the projects above"),
    Reason.BUDGET: QT_TRANSLATE_NOOP(
        "RankingModel", "Its budget would take the funded total past the budget cap"
    ),
    Reason.CAPACITY: QT_TRANSLATE_NOOP(
        "RankingModel", "Its demand hours would take the funded total past the capacity cap"
    ),
    Reason.BOTH: QT_TRANSLATE_NOOP(
        "RankingModel", "It would take the funded totals past both the budget and capacity caps"
    ),
    Reason.STOPPED: QT_TRANSLATE_NOOP(
        "RankingModel",
        "The rule stops at the first project that does not fit: none below is funded",
    ),
}


def reason_label(reason: Reason) -> str:
    return QCoreApplication.translate("RankingModel", _REASONS[reason])


class RankingModel(QAbstractTableModel):
    """The what-if rows in their order (no sorting: the order is the ranking)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.what_if: WhatIf | None = None
        self.currency = "EUR"
        self.gap_names: dict[int, str] = {}

    @property
    def rows(self) -> list[WhatIfRow]:
        return self.what_if.rows if self.what_if is not None else []

    def set_what_if(self, what_if: WhatIf | None, currency: str, gap_names: dict[int, str]) -> None:
        self.beginResetModel()
        self.what_if = what_if
        self.currency = currency
        self.gap_names = gap_names
        self.endResetModel()

    def row_at(self, row: int) -> WhatIfRow:
        return self.rows[row]

    def position_of(self, project_id: int) -> int | None:
        return next((r.position for r in self.rows if r.project.id == project_id), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(RankColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or section not in range(len(RankColumn)):
            return None
        column = RankColumn(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("RankingModel", _HEADERS[column])
        if role == Qt.ItemDataRole.ToolTipRole and column in _TIPS:
            return QCoreApplication.translate("RankingModel", _TIPS[column])
        return None

    def _money(self, amount: float) -> str:
        return format_money(Decimal(round(amount)), self.currency)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = RankColumn(index.column())
        candidate = row.project.candidate
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SCORE_ROLE:
            return row.project.score
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (RankColumn.RANK, RankColumn.MOVED, RankColumn.GAPS):
                return CENTRE
            if column >= RankColumn.BUDGET and column != RankColumn.FUNDED:
                return RIGHT
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column is RankColumn.MOVED and row.moved:
                return QBrush(MOVED_UP if row.moved > 0 else MOVED_DOWN)
            if column is RankColumn.FUNDED and not row.fits:
                return QBrush(CUT_OFF_COLOUR)
            if not row.fits:
                return QBrush(UNFUNDED_TEXT)
            return None
        if role == Qt.ItemDataRole.BackgroundRole and row.fits:
            return QBrush(FUNDED_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole and column is RankColumn.FUNDED and row.fits:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is RankColumn.GAPS and row.project.gaps:
                return ", ".join(self.gap_names.get(g, "?") for g in row.project.gaps)
            if column is RankColumn.NAME:
                return candidate.name
            if column is RankColumn.FUNDED:
                return QCoreApplication.translate("RankingModel", _REASON_TIPS[row.reason])
        return None

    def _display(self, row: WhatIfRow, column: RankColumn) -> str | None:
        candidate = row.project.candidate
        if column is RankColumn.RANK:
            return str(row.position + 1)
        if column is RankColumn.MOVED:
            if row.moved > 0:
                return f"▲{row.moved}"
            return f"▼{-row.moved}" if row.moved < 0 else ""
        if column is RankColumn.CODE:
            return candidate.code
        if column is RankColumn.NAME:
            return candidate.name
        if column is RankColumn.STATUS:
            return status_label(candidate.status)
        if column is RankColumn.SCORE:
            return f"{row.project.score:.0f}"
        if column is RankColumn.GAPS:
            return str(len(row.project.gaps)) if row.project.gaps else ""
        if column is RankColumn.BUDGET:
            return self._money(candidate.budget)
        if column is RankColumn.HOURS:
            return format_integer(round(row.hours))
        if column is RankColumn.CUMULATIVE_BUDGET:
            return self._money(row.cumulative_budget) if row.fits else ""
        if column is RankColumn.CUMULATIVE_HOURS:
            return format_integer(round(row.cumulative_hours)) if row.fits else ""
        return reason_label(row.reason)


class ScoreBarDelegate(QStyledItemDelegate):
    """The score as a horizontal bar out of 100 with its figure; paler with gaps."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        score = index.data(SCORE_ROLE)
        if score is None:
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget is not None else None  # type: ignore[union-attr]
        view_option = QStyleOptionViewItem(option)
        self.initStyleOption(view_option, index)
        view_option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, view_option, painter)
        rect: QRect = option.rect.adjusted(4, 4, -4, -4)  # type: ignore[attr-defined]
        text_width = option.fontMetrics.horizontalAdvance("100") + 6  # type: ignore[attr-defined]
        bar = QRectF(rect.left(), rect.top(), max(0, rect.width() - text_width), rect.height())
        gaps = bool(index.siblingAtColumn(RankColumn.GAPS).data())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#E8EAED"))
        painter.drawRoundedRect(bar, 2, 2)
        filled = QRectF(bar.left(), bar.top(), bar.width() * max(0.0, min(1.0, score / 100)),
                        bar.height())  # fmt: skip
        painter.setBrush(GAP_BAR_COLOUR if gaps else BAR_COLOUR)
        painter.drawRoundedRect(filled, 2, 2)
        painter.setPen(option.palette.text().color())  # type: ignore[attr-defined]
        text_rect = QRect(rect.right() - text_width + 4, rect.top(), text_width - 4, rect.height())
        painter.drawText(text_rect, RIGHT, f"{score:.0f}")
        painter.restore()


class RankingTable(QTableView):
    """The ranking with the cut-off line across it."""

    def __init__(self, model: RankingModel) -> None:
        super().__init__()
        self.ranking = model
        self.setModel(model)
        self.setItemDelegateForColumn(RankColumn.SCORE, ScoreBarDelegate(self))
        self.setShowGrid(False)
        self.setCornerButtonEnabled(False)
        self.setWordWrap(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        width = self.fontMetrics().horizontalAdvance
        widths = {
            RankColumn.RANK: width("000") + 12, RankColumn.MOVED: width("cut-off") + 16,
            RankColumn.CODE: width("DIG-000") + 14, RankColumn.NAME: width("M") * 12,
            RankColumn.STATUS: width("Proposed") + 14, RankColumn.SCORE: 96,
            RankColumn.GAPS: width("Gaps") + 12, RankColumn.BUDGET: width("€00,000,000") + 14,
            RankColumn.HOURS: width("Demand (h)") + 12,
            RankColumn.CUMULATIVE_BUDGET: width("€000,000,000") + 14,
            RankColumn.CUMULATIVE_HOURS: width("000,000") + 16,
            RankColumn.FUNDED: width("Over capacity") + 14,
        }  # fmt: skip
        for column, size in widths.items():
            header.resizeSection(column, size)
        header.setSectionResizeMode(RankColumn.NAME, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(width("Moved") + 14)

    def cut_off_y(self) -> int | None:
        """The viewport y of the cut-off line, None when every project fits."""
        what_if = self.ranking.what_if
        if what_if is None or what_if.cut_off is None:
            return None
        return self.rowViewportPosition(what_if.cut_off)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        y = self.cut_off_y()
        if y is None or y < -2 or y > self.viewport().height() + 2:
            return
        painter = QPainter(self.viewport())
        painter.setPen(QPen(CUT_OFF_COLOUR, 2.5))
        width = self.viewport().width()
        painter.drawLine(0, y, width, y)
        label = QCoreApplication.translate("RankingTable", "cut-off")
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        font.setBold(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        # In the "Moved" column, which is empty unless the user moved projects.
        label_width = metrics.horizontalAdvance(label) + 10
        centre = (
            self.columnViewportPosition(RankColumn.MOVED) + self.columnWidth(RankColumn.MOVED) // 2
        )
        box = QRect(centre - label_width // 2, y - metrics.height() // 2 - 1, label_width,
                    metrics.height() + 2)  # fmt: skip
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(CUT_OFF_COLOUR)
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(QColor("white"))
        painter.drawText(box, CENTRE, label)
        painter.end()
