"""The register's table: a model over `RiskRow`s that sorts itself, and a proxy that keeps the
risks a `RiskFilter` accepted.

Sorting 5,000 rows through a proxy's `lessThan` would call Python 100,000 times; the model
sorts its own list with a key instead (a few milliseconds) and the proxy keeps that order.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from pmo_desktop.models import ActionStatus, Rag, RiskLevel, RiskResponse, RiskStatus
from pmo_desktop.services.risk_register import RiskRow, zone
from pmo_desktop.services.risks import TREND_ARROWS, Trend
from pmo_desktop.ui.formatting import format_date
from pmo_desktop.ui.rag import RAG_COLOURS

AnyIndex = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
CENTRE = int(Qt.AlignmentFlag.AlignCenter)
ZONE_RAG = {"red": Rag.RED, "amber": Rag.AMBER, "green": Rag.GREEN}
OVERDUE_COLOUR = QColor(RAG_COLOURS[Rag.RED])


def zone_fill(probability: int, impact: int, strength: float = 0.35) -> QColor:
    """The RAG colour of a score zone mixed with white (`strength` 1 = the colour itself)."""
    colour = QColor(RAG_COLOURS[ZONE_RAG[zone(probability, impact)]])
    return QColor(
        round(255 - (255 - colour.red()) * strength),
        round(255 - (255 - colour.green()) * strength),
        round(255 - (255 - colour.blue()) * strength),
    )


_RESPONSES = {
    RiskResponse.AVOID: QT_TRANSLATE_NOOP("RiskTableModel", "Avoid"),
    RiskResponse.REDUCE: QT_TRANSLATE_NOOP("RiskTableModel", "Reduce"),
    RiskResponse.TRANSFER: QT_TRANSLATE_NOOP("RiskTableModel", "Transfer"),
    RiskResponse.ACCEPT: QT_TRANSLATE_NOOP("RiskTableModel", "Accept"),
    RiskResponse.SHARE: QT_TRANSLATE_NOOP("RiskTableModel", "Share"),
    RiskResponse.EXPLOIT: QT_TRANSLATE_NOOP("RiskTableModel", "Exploit"),
    RiskResponse.ENHANCE: QT_TRANSLATE_NOOP("RiskTableModel", "Enhance"),
    RiskResponse.FALLBACK: QT_TRANSLATE_NOOP("RiskTableModel", "Fallback"),
}
_STATUSES = {
    RiskStatus.OPEN: QT_TRANSLATE_NOOP("RiskTableModel", "Open"),
    RiskStatus.OCCURRED: QT_TRANSLATE_NOOP("RiskTableModel", "Occurred"),
    RiskStatus.CLOSED: QT_TRANSLATE_NOOP("RiskTableModel", "Closed"),
}
_ACTION_STATUSES = {
    ActionStatus.OPEN: QT_TRANSLATE_NOOP("RiskTableModel", "Open"),
    ActionStatus.DONE: QT_TRANSLATE_NOOP("RiskTableModel", "Done"),
    ActionStatus.CANCELLED: QT_TRANSLATE_NOOP("RiskTableModel", "Cancelled"),
}


def response_label(value: RiskResponse) -> str:
    return QCoreApplication.translate("RiskTableModel", _RESPONSES[RiskResponse(value)])


def status_label(value: RiskStatus) -> str:
    return QCoreApplication.translate("RiskTableModel", _STATUSES[RiskStatus(value)])


def action_status_label(value: ActionStatus) -> str:
    return QCoreApplication.translate("RiskTableModel", _ACTION_STATUSES[ActionStatus(value)])


class Column(enum.IntEnum):
    CODE = 0
    TITLE = 1
    PROJECT = 2
    LEVEL = 3
    CATEGORY = 4
    OWNER = 5
    PROBABILITY = 6
    IMPACT = 7
    SCORE = 8
    TREND = 9
    RESIDUAL = 10
    RESPONSE = 11
    PROXIMITY = 12
    REVIEW = 13
    STATUS = 14


_HEADERS = {
    Column.CODE: QT_TRANSLATE_NOOP("RiskTableModel", "Code"),
    Column.TITLE: QT_TRANSLATE_NOOP("RiskTableModel", "Title"),
    Column.PROJECT: QT_TRANSLATE_NOOP("RiskTableModel", "Project"),
    Column.LEVEL: QT_TRANSLATE_NOOP("RiskTableModel", "Level"),
    Column.CATEGORY: QT_TRANSLATE_NOOP("RiskTableModel", "Category"),
    Column.OWNER: QT_TRANSLATE_NOOP("RiskTableModel", "Owner"),
    Column.PROBABILITY: QT_TRANSLATE_NOOP("RiskTableModel", "P"),
    Column.IMPACT: QT_TRANSLATE_NOOP("RiskTableModel", "I"),
    Column.SCORE: QT_TRANSLATE_NOOP("RiskTableModel", "Score"),
    Column.TREND: QT_TRANSLATE_NOOP("RiskTableModel", "Trend"),
    Column.RESIDUAL: QT_TRANSLATE_NOOP("RiskTableModel", "Residual"),
    Column.RESPONSE: QT_TRANSLATE_NOOP("RiskTableModel", "Response"),
    Column.PROXIMITY: QT_TRANSLATE_NOOP("RiskTableModel", "Proximity"),
    Column.REVIEW: QT_TRANSLATE_NOOP("RiskTableModel", "Review"),
    Column.STATUS: QT_TRANSLATE_NOOP("RiskTableModel", "Status"),
}
_HEADER_TIPS = {
    Column.PROBABILITY: QT_TRANSLATE_NOOP("RiskTableModel", "Probability (1–5)"),
    Column.IMPACT: QT_TRANSLATE_NOOP(
        "RiskTableModel", "Impact: the worst of schedule, cost, scope and quality (1–5)"
    ),
    Column.SCORE: QT_TRANSLATE_NOOP("RiskTableModel", "Probability × impact (1–25)"),
    Column.TREND: QT_TRANSLATE_NOOP(
        "RiskTableModel",
        "Score against the end of the previous status period: ▲ worse, ▼ better, ► same",
    ),
    Column.LEVEL: QT_TRANSLATE_NOOP(
        "RiskTableModel", "Who owns the risk: its project, its programme or the portfolio"
    ),
    Column.RESIDUAL: QT_TRANSLATE_NOOP(
        "RiskTableModel", "Residual score after the response (1–25)"
    ),
    Column.PROXIMITY: QT_TRANSLATE_NOOP("RiskTableModel", "When the risk could occur"),
    Column.REVIEW: QT_TRANSLATE_NOOP("RiskTableModel", "Next review date (red when overdue)"),
}
_LEVELS = {
    RiskLevel.PROJECT: QT_TRANSLATE_NOOP("RiskTableModel", "Project"),
    RiskLevel.PROGRAMME: QT_TRANSLATE_NOOP("RiskTableModel", "Programme"),
    RiskLevel.PORTFOLIO: QT_TRANSLATE_NOOP("RiskTableModel", "Portfolio"),
}
_TREND_RANK = {Trend.NEW: 0, Trend.BETTER: 1, Trend.SAME: 2, Trend.WORSE: 3}
TREND_COLOURS = {
    Trend.WORSE: QColor(RAG_COLOURS[Rag.RED]),
    Trend.BETTER: QColor(RAG_COLOURS[Rag.GREEN]),
    Trend.SAME: QColor("#616161"),
}
_NO_DATE = date.max.toordinal()
_COLUMN_AT = tuple(Column)


def level_label(value: RiskLevel) -> str:
    return QCoreApplication.translate("RiskTableModel", _LEVELS[RiskLevel(value)])


def trend_tooltip(row: RiskRow) -> str:
    """What the trend arrow compares, in words."""
    if row.previous_score is None:
        return QCoreApplication.translate(
            "RiskTableModel", "New this period: no rating at the end of the previous period"
        )
    return QCoreApplication.translate(
        "RiskTableModel", "Score {now}, was {before} at the end of the previous period"
    ).format(now=row.score, before=row.previous_score)


_COLUMN_COUNT = len(Column)


_LEVEL_RANK = {RiskLevel.PROJECT: 0, RiskLevel.PROGRAMME: 1, RiskLevel.PORTFOLIO: 2}


def _sort_key(column: Column) -> Callable[[RiskRow], Any]:
    keys: dict[Column, Callable[[RiskRow], Any]] = {
        Column.CODE: lambda row: row.code.casefold(),
        Column.TITLE: lambda row: row.title.casefold(),
        Column.PROJECT: lambda row: row.project_code.casefold(),
        Column.LEVEL: lambda row: _LEVEL_RANK[row.level],
        Column.TREND: lambda row: (_TREND_RANK[row.trend], row.score - (row.previous_score or 0)),
        Column.CATEGORY: lambda row: row.category.casefold(),
        Column.OWNER: lambda row: row.owner.casefold(),
        Column.PROBABILITY: lambda row: row.probability,
        Column.IMPACT: lambda row: row.impact,
        Column.SCORE: lambda row: row.score,
        Column.RESIDUAL: lambda row: -1 if row.residual_score is None else row.residual_score,
        Column.RESPONSE: lambda row: str(row.response),
        Column.PROXIMITY: lambda row: row.proximity.toordinal() if row.proximity else _NO_DATE,
        Column.REVIEW: lambda row: row.review_date.toordinal() if row.review_date else _NO_DATE,
        Column.STATUS: lambda row: str(row.status),
    }
    return keys[column]


_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole + 1,
    }
)  # fmt: skip


class RiskTableModel(QAbstractTableModel):
    """The risks of the register, in the order the user sorted them."""

    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RiskRow] = []
        self._sort: tuple[Column, Qt.SortOrder] = (Column.CODE, Qt.SortOrder.AscendingOrder)
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: Sequence[RiskRow]) -> None:
        self.beginResetModel()
        self._rows = self._sorted(rows)
        self.endResetModel()

    def rows(self) -> list[RiskRow]:
        return list(self._rows)

    def row_at(self, position: int) -> RiskRow:
        return self._rows[position]

    def position_of(self, risk_id: int) -> int | None:
        for position, row in enumerate(self._rows):
            if row.id == risk_id:
                return position
        return None

    def _sorted(self, rows: Sequence[RiskRow]) -> list[RiskRow]:
        column, order = self._sort
        descending = order == Qt.SortOrder.DescendingOrder
        by_code = _sort_key(Column.CODE)
        if column == Column.CODE:  # the usual order: one sort, not the same one twice
            return sorted(rows, key=by_code, reverse=descending)
        return sorted(sorted(rows, key=by_code), key=_sort_key(column), reverse=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column < 0:
            return
        self._sort = (Column(column), order)
        self.layoutAboutToBeChanged.emit()
        old = {row.id: position for position, row in enumerate(self._rows)}
        persistent = self.persistentIndexList()
        self._rows = self._sorted(self._rows)
        new = {row.id: position for position, row in enumerate(self._rows)}
        by_old = {position: new[risk_id] for risk_id, position in old.items()}
        self.changePersistentIndexList(
            persistent,
            [self.index(by_old[index.row()], index.column()) for index in persistent],
        )
        self.layoutChanged.emit()

    def rowCount(self, parent: AnyIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else _COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("RiskTableModel", _HEADERS[column])
        if role == Qt.ItemDataRole.ToolTipRole and column in _HEADER_TIPS:
            return QCoreApplication.translate("RiskTableModel", _HEADER_TIPS[column])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return CENTRE if column in _CENTRED else LEFT
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks ~11 roles per visible cell on every paint: leave the others at once.
        if role not in _ROLES or not index.isValid():
            return None
        row = self._rows[index.row()]
        column = _COLUMN_AT[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == self.IdRole:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return CENTRE if column in _CENTRED else LEFT
        if role == Qt.ItemDataRole.BackgroundRole:
            if column == Column.SCORE:
                return zone_fill(row.probability, row.impact)
            if column == Column.RESIDUAL and row.residual_score is not None:
                return zone_fill(*row.cell(residual=True))
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == Column.SCORE or (column == Column.RESIDUAL and row.residual_score):
                return QColor("#1F1F1F")
            if column == Column.REVIEW and row.overdue_review:
                return OVERDUE_COLOUR
            if column == Column.TREND:
                return TREND_COLOURS.get(row.trend)
            return None
        if role == Qt.ItemDataRole.FontRole:
            if column in (Column.SCORE, Column.TREND) or (
                column == Column.REVIEW and row.overdue_review
            ):
                return self._bold
            if column == Column.LEVEL and row.level is not RiskLevel.PROJECT:
                return self._bold
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    @staticmethod
    def _text(row: RiskRow, column: Column) -> str:
        match column:
            case Column.CODE:
                return row.code
            case Column.TITLE:
                return row.title
            case Column.PROJECT:
                return row.project_code or QCoreApplication.translate("RiskTableModel", "Portfolio")
            case Column.CATEGORY:
                return row.category
            case Column.OWNER:
                return row.owner
            case Column.PROBABILITY:
                return str(row.probability)
            case Column.IMPACT:
                return str(row.impact)
            case Column.SCORE:
                return str(row.score)
            case Column.TREND:
                return TREND_ARROWS[row.trend]
            case Column.LEVEL:
                return level_label(row.level)
            case Column.RESIDUAL:
                return "" if row.residual_score is None else str(row.residual_score)
            case Column.RESPONSE:
                return response_label(row.response)
            case Column.PROXIMITY:
                return format_date(row.proximity, compact=True)
            case Column.REVIEW:
                return format_date(row.review_date, compact=True)
            case Column.STATUS:
                return status_label(row.status)
        return ""

    @staticmethod
    def _tooltip(row: RiskRow, column: Column) -> str | None:
        if column == Column.PROJECT and row.project_name:
            return f"{row.project_code} — {row.project_name}"
        if column == Column.TITLE:
            return row.title
        if column == Column.IMPACT:
            return QCoreApplication.translate(
                "RiskTableModel", "Schedule {s}, cost {c}, scope {sc}, quality {q}"
            ).format(
                s=row.impact_schedule, c=row.impact_cost, sc=row.impact_scope, q=row.impact_quality
            )
        if column == Column.REVIEW and row.overdue_review:
            return QCoreApplication.translate("RiskTableModel", "The review is overdue")
        if column == Column.TREND:
            return trend_tooltip(row)
        if column == Column.LEVEL and row.escalated_on is not None:
            return QCoreApplication.translate("RiskTableModel", "Escalated on {date}").format(
                date=format_date(row.escalated_on)
            )
        return None


_CENTRED = frozenset(
    {Column.PROBABILITY, Column.IMPACT, Column.SCORE, Column.TREND, Column.RESIDUAL}
)  # fmt: skip


class RiskFilterProxy(QSortFilterProxyModel):
    """Keeps the rows whose risk id is in the accepted set (None keeps every row); sorting is
    handed to the source model."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._accepted: frozenset[int] | None = None

    def set_accepted(self, risk_ids: frozenset[int] | None, *, reset: bool = True) -> None:
        """Keep these risks. A reset, not a filter change: removing thousands of rows one
        range at a time costs the view a relayout per range; a reset relays out once.
        `reset=False`: the source model is about to reset, which filters anyway."""
        if not reset:
            self._accepted = risk_ids
            return
        self.beginResetModel()
        self._accepted = risk_ids
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if isinstance(model, RiskTableModel):
            model.sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if self._accepted is None:
            return True
        model = self.sourceModel()
        assert isinstance(model, RiskTableModel)
        return model.row_at(source_row).id in self._accepted
