"""Item models of the RAID view: one log's entries (columns per log), the cross-project
links, and a proxy that keeps the ids a `LogFilter` accepted and sorts on a sort role."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
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

from pmo_desktop.models import Rag
from pmo_desktop.services.raid_links import CrossLinkRow, LinkState
from pmo_desktop.services.raid_logs import LogKind, LogRow
from pmo_desktop.ui.formatting import format_date
from pmo_desktop.ui.rag import RAG_COLOURS

AnyIndex = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
ID_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_COLOUR = QColor(RAG_COLOURS[Rag.RED])
ESCALATED_FILL = QColor("#FDE2E1")
OVERDUE_FILL = QColor("#FFF4E5")
CONTEXT = "RaidTableModel"

#: Labels of every column and field name (context "RaidTableModel").
LABELS = {
    "code": QT_TRANSLATE_NOOP("RaidTableModel", "Code"),
    "title": QT_TRANSLATE_NOOP("RaidTableModel", "Title"),
    "project_id": QT_TRANSLATE_NOOP("RaidTableModel", "Project"),
    "owner": QT_TRANSLATE_NOOP("RaidTableModel", "Owner"),
    "raised_on": QT_TRANSLATE_NOOP("RaidTableModel", "Raised"),
    "priority": QT_TRANSLATE_NOOP("RaidTableModel", "Priority"),
    "status": QT_TRANSLATE_NOOP("RaidTableModel", "Status"),
    "due_date": QT_TRANSLATE_NOOP("RaidTableModel", "Due"),
    "escalated": QT_TRANSLATE_NOOP("RaidTableModel", "Escalated"),
    "description": QT_TRANSLATE_NOOP("RaidTableModel", "Description"),
    "resolution": QT_TRANSLATE_NOOP("RaidTableModel", "Resolution"),
    "resolved_on": QT_TRANSLATE_NOOP("RaidTableModel", "Resolved on"),
    "review_date": QT_TRANSLATE_NOOP("RaidTableModel", "Review"),
    "needed_by": QT_TRANSLATE_NOOP("RaidTableModel", "Needed by"),
    "decided_on": QT_TRANSLATE_NOOP("RaidTableModel", "Decided on"),
    "decided_by": QT_TRANSLATE_NOOP("RaidTableModel", "Decided by"),
    "options": QT_TRANSLATE_NOOP("RaidTableModel", "Options"),
    "rationale": QT_TRANSLATE_NOOP("RaidTableModel", "Rationale"),
    "outcome": QT_TRANSLATE_NOOP("RaidTableModel", "Outcome"),
    "requested_by": QT_TRANSLATE_NOOP("RaidTableModel", "Requested by"),
    "impact_schedule_days": QT_TRANSLATE_NOOP("RaidTableModel", "Schedule (days)"),
    "impact_cost": QT_TRANSLATE_NOOP("RaidTableModel", "Cost impact"),
    "impact_scope": QT_TRANSLATE_NOOP("RaidTableModel", "Scope impact"),
    "category": QT_TRANSLATE_NOOP("RaidTableModel", "Category"),
    "phase": QT_TRANSLATE_NOOP("RaidTableModel", "Phase"),
    "method": QT_TRANSLATE_NOOP("RaidTableModel", "Method"),
    "tags": QT_TRANSLATE_NOOP("RaidTableModel", "Tags"),
    "recommendation": QT_TRANSLATE_NOOP("RaidTableModel", "Recommendation"),
}
#: Labels of enumeration values (statuses and priorities).
VALUES = {
    "open": QT_TRANSLATE_NOOP("RaidTableModel", "Open"),
    "in_progress": QT_TRANSLATE_NOOP("RaidTableModel", "In progress"),
    "resolved": QT_TRANSLATE_NOOP("RaidTableModel", "Resolved"),
    "closed": QT_TRANSLATE_NOOP("RaidTableModel", "Closed"),
    "validated": QT_TRANSLATE_NOOP("RaidTableModel", "Validated"),
    "invalid": QT_TRANSLATE_NOOP("RaidTableModel", "Invalid"),
    "pending": QT_TRANSLATE_NOOP("RaidTableModel", "Pending"),
    "approved": QT_TRANSLATE_NOOP("RaidTableModel", "Approved"),
    "rejected": QT_TRANSLATE_NOOP("RaidTableModel", "Rejected"),
    "deferred": QT_TRANSLATE_NOOP("RaidTableModel", "Deferred"),
    "submitted": QT_TRANSLATE_NOOP("RaidTableModel", "Submitted"),
    "assessed": QT_TRANSLATE_NOOP("RaidTableModel", "Assessed"),
    "implemented": QT_TRANSLATE_NOOP("RaidTableModel", "Implemented"),
    "low": QT_TRANSLATE_NOOP("RaidTableModel", "Low"),
    "medium": QT_TRANSLATE_NOOP("RaidTableModel", "Medium"),
    "high": QT_TRANSLATE_NOOP("RaidTableModel", "High"),
    "critical": QT_TRANSLATE_NOOP("RaidTableModel", "Critical"),
}
#: The table columns of each log.
COLUMNS: dict[LogKind, tuple[str, ...]] = {
    LogKind.ISSUES: (
        "code", "title", "project_id", "owner", "priority", "status", "due_date", "escalated",
        "raised_on",
    ),
    LogKind.ASSUMPTIONS: ("code", "title", "project_id", "owner", "status", "review_date",
                          "raised_on"),
    LogKind.DECISIONS: (
        "code", "title", "project_id", "owner", "status", "needed_by", "decided_on", "decided_by",
    ),
    LogKind.CHANGES: (
        "code", "title", "project_id", "requested_by", "status", "impact_schedule_days",
        "impact_cost", "decided_on",
    ),
    LogKind.LESSONS: (
        "code", "title", "project_id", "category", "phase", "tags", "owner", "recommendation",
    ),
}  # fmt: skip
_PRIORITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3}
_RIGHT = {"impact_schedule_days", "impact_cost"}


def label(name: str) -> str:
    return QCoreApplication.translate(CONTEXT, LABELS.get(name, name))


def value_label(value: object) -> str:
    text = str(value)
    return QCoreApplication.translate(CONTEXT, VALUES[text]) if text in VALUES else text


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return QCoreApplication.translate(CONTEXT, "Yes") if value else ""
    if isinstance(value, date):
        return format_date(value, compact=True)
    if isinstance(value, Decimal):
        return f"{value:,.0f}".replace(",", "\u202f")
    if isinstance(value, int):
        return str(value)
    return value_label(value)


class _SelfSorting(QAbstractTableModel):
    """A table model that sorts its own row list with a key (a proxy's `lessThan` would call
    Python n·log n times); persistent indexes follow their rows."""

    _rows: list[Any]

    def sort_key(self, column: int) -> Any:
        raise NotImplementedError

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column < 0 or column >= self.columnCount():
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        old = {id(row): position for position, row in enumerate(self._rows)}
        key = self.sort_key(column)
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        new = {id(row): position for position, row in enumerate(self._rows)}
        moved = {old[ident]: new[ident] for ident in old}
        self.changePersistentIndexList(
            persistent, [self.index(moved[index.row()], index.column()) for index in persistent]
        )
        self.layoutChanged.emit()

    def id_at(self, position: int) -> int:
        return int(self._rows[position].id)


class LogTableModel(_SelfSorting):
    """The entries of one log; overdue dates in red, escalated issues on a red tint."""

    def __init__(self, kind: LogKind, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.columns = COLUMNS[kind]
        self._rows: list[LogRow] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: Sequence[LogRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[LogRow]:
        return list(self._rows)

    def row_at(self, position: int) -> LogRow:
        return self._rows[position]

    def position_of(self, entry_id: int) -> int | None:
        for position, row in enumerate(self._rows):
            if row.id == entry_id:
                return position
        return None

    def rowCount(self, parent: AnyIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return label(self.columns[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        name = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if name == "project_id":
                return row.project_code or QCoreApplication.translate(CONTEXT, "Portfolio")
            if name == "escalated":
                return "⚑ " + label("escalated") if row.escalated else ""
            return _display(row.value(name))
        if role == SORT_ROLE:
            return self._sort_value(row, name)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and name in _RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if (row.overdue and name == _due_column(row)) or (
                name == "escalated" and row.escalated
            ):
                return OVERDUE_COLOUR
            return None
        if role == Qt.ItemDataRole.FontRole:
            if (row.overdue and name == _due_column(row)) or (
                name == "escalated" and row.escalated
            ):
                return self._bold
            if name == "priority" and str(row.value(name)) == "critical":
                return self._bold
            return None
        if role == Qt.ItemDataRole.BackgroundRole and name == "code":
            if row.escalated:
                return ESCALATED_FILL
            if row.overdue:
                return OVERDUE_FILL
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, name)
        return None

    def sort_key(self, column: int) -> Any:
        name = self.columns[column]
        return lambda row: (self._sort_value(row, name), row.code.casefold())

    @staticmethod
    def _sort_value(row: LogRow, name: str) -> Any:
        if name == "project_id":
            return row.project_code.casefold()
        value = row.value(name)
        if name == "priority":
            return _PRIORITY_RANK.get(str(value), 9)
        if isinstance(value, date):
            return value.toordinal()
        if value is None:
            return date.max.toordinal() if name.endswith(("_on", "_date", "_by")) else ""
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int | Decimal):
            return float(value)
        return str(value).casefold()

    @staticmethod
    def _tooltip(row: LogRow, name: str) -> str | None:
        if name == "project_id" and row.project_name:
            return f"{row.project_code} — {row.project_name}"
        if name == "title":
            return row.title
        if row.overdue and name == _due_column(row):
            return QCoreApplication.translate(CONTEXT, "Overdue")
        if name == "code" and row.escalated:
            return QCoreApplication.translate(CONTEXT, "Escalated")
        return None


def _due_column(row: LogRow) -> str:
    return {
        LogKind.ISSUES: "due_date",
        LogKind.ASSUMPTIONS: "review_date",
        LogKind.DECISIONS: "needed_by",
    }.get(row.kind, "")


LINK_COLUMNS = (
    QT_TRANSLATE_NOOP("RaidTableModel", "Predecessor project"),
    QT_TRANSLATE_NOOP("RaidTableModel", "Predecessor task"),
    QT_TRANSLATE_NOOP("RaidTableModel", "Successor project"),
    QT_TRANSLATE_NOOP("RaidTableModel", "Successor task"),
    QT_TRANSLATE_NOOP("RaidTableModel", "Type"),
    QT_TRANSLATE_NOOP("RaidTableModel", "Lag"),
    QT_TRANSLATE_NOOP("RaidTableModel", "State"),
)
_STATES = {
    LinkState.DRIVING: QT_TRANSLATE_NOOP("RaidTableModel", "Driving"),
    LinkState.SLACK: QT_TRANSLATE_NOOP("RaidTableModel", "Slack"),
    LinkState.VIOLATED: QT_TRANSLATE_NOOP("RaidTableModel", "Violated"),
    LinkState.UNKNOWN: QT_TRANSLATE_NOOP("RaidTableModel", "Not scheduled"),
}


def lag_text(row: CrossLinkRow) -> str:
    if row.lag_unit == "percent":
        return f"{row.lag}%"
    if row.lag == 0:
        return "0"
    days = row.lag / 480 if row.lag_unit == "working" else row.lag / 1440
    suffix = "d" if row.lag_unit == "working" else "ed"
    return f"{days:+g}{suffix}"


def _link_texts(row: CrossLinkRow) -> tuple[str, ...]:
    return (
        row.predecessor_project_code,
        f"{row.predecessor_wbs} {row.predecessor_name}".strip(),
        row.successor_project_code,
        f"{row.successor_wbs} {row.successor_name}".strip(),
        str(row.type),
        lag_text(row),
        QCoreApplication.translate(CONTEXT, _STATES[row.state]),
    )


class LinkTableModel(_SelfSorting):
    """The cross-project links (read-only)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CrossLinkRow] = []

    def set_rows(self, rows: Sequence[CrossLinkRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, position: int) -> CrossLinkRow:
        return self._rows[position]

    def sort_key(self, column: int) -> Any:
        return lambda row: _link_texts(row)[column].casefold()

    def rowCount(self, parent: AnyIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(LINK_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(CONTEXT, LINK_COLUMNS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        texts = _link_texts(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return texts[column]
        if role == SORT_ROLE:
            return texts[column].casefold()
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                return row.predecessor_project_name
            if column == 2:
                return row.successor_project_name
            if column in (1, 3):
                return texts[column]
            return None
        if column == 6 and row.state in (LinkState.VIOLATED, LinkState.DRIVING):
            if role == Qt.ItemDataRole.ForegroundRole:
                return OVERDUE_COLOUR if row.state is LinkState.VIOLATED else QColor("#9A5B00")
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        return None


class IdFilterProxy(QSortFilterProxyModel):
    """Keeps the rows whose id is in the accepted set (None keeps every row); sorting is
    handed to the source model."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._accepted: frozenset[int] | None = None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if isinstance(model, _SelfSorting):
            model.sort(column, order)

    def set_accepted(self, ids: frozenset[int] | None) -> None:
        self.beginResetModel()
        self._accepted = ids
        self.endResetModel()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if self._accepted is None:
            return True
        model = self.sourceModel()
        assert isinstance(model, _SelfSorting)
        return model.id_at(source_row) in self._accepted
