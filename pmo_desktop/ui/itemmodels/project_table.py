"""The project list: one row per `ProjectRow`, and the proxy that sorts and filters it.

Display text is formatted for the current locale; `SortRole` gives typed values (dates as
ordinals, money as numbers, RAG as severity) so that sorting follows values, not text.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from pmo_desktop.models import ProjectStatus
from pmo_desktop.services.portfolio import ProjectRow
from pmo_desktop.ui.formatting import (
    format_date,
    format_integer,
    format_long_date,
    format_money,
    format_percent,
    method_label,
    rag_label,
    status_label,
)
from pmo_desktop.ui.rag import RAG_SEVERITY, rag_icon

AnyIndex = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()

_CONTEXT = "ProjectTableModel"


class Column(enum.IntEnum):
    CODE = 0
    NAME = 1
    PROGRAMME = 2
    METHOD = 3
    STATUS = 4
    PHASE = 5
    MANAGER = 6
    START = 7
    FINISH = 8
    BUDGET = 9
    PERCENT_COMPLETE = 10
    RAG = 11
    LAST_REPORT = 12
    OPEN_RISKS = 13
    TOP_RISK_SCORE = 14


HEADERS = {
    Column.CODE: QT_TRANSLATE_NOOP("ProjectTableModel", "Code"),
    Column.NAME: QT_TRANSLATE_NOOP("ProjectTableModel", "Project"),
    Column.PROGRAMME: QT_TRANSLATE_NOOP("ProjectTableModel", "Programme"),
    Column.METHOD: QT_TRANSLATE_NOOP("ProjectTableModel", "Method"),
    Column.STATUS: QT_TRANSLATE_NOOP("ProjectTableModel", "Status"),
    Column.PHASE: QT_TRANSLATE_NOOP("ProjectTableModel", "Phase"),
    Column.MANAGER: QT_TRANSLATE_NOOP("ProjectTableModel", "Manager"),
    Column.START: QT_TRANSLATE_NOOP("ProjectTableModel", "Start"),
    Column.FINISH: QT_TRANSLATE_NOOP("ProjectTableModel", "Finish"),
    Column.BUDGET: QT_TRANSLATE_NOOP("ProjectTableModel", "Budget"),
    Column.PERCENT_COMPLETE: QT_TRANSLATE_NOOP("ProjectTableModel", "%\ncomplete"),
    Column.RAG: QT_TRANSLATE_NOOP("ProjectTableModel", "RAG"),
    Column.LAST_REPORT: QT_TRANSLATE_NOOP("ProjectTableModel", "Last\nreport"),
    Column.OPEN_RISKS: QT_TRANSLATE_NOOP("ProjectTableModel", "Open\nrisks"),
    Column.TOP_RISK_SCORE: QT_TRANSLATE_NOOP("ProjectTableModel", "Top risk\nscore"),
}

HEADER_TIPS = {
    Column.PERCENT_COMPLETE: QT_TRANSLATE_NOOP(
        "ProjectTableModel", "Physical % complete of the project's schedule"
    ),
    Column.RAG: QT_TRANSLATE_NOOP(
        "ProjectTableModel", "Overall red / amber / green rating of the latest status report"
    ),
    Column.LAST_REPORT: QT_TRANSLATE_NOOP(
        "ProjectTableModel", "End of the period of the latest status report"
    ),
    Column.OPEN_RISKS: QT_TRANSLATE_NOOP("ProjectTableModel", "Number of open risks"),
    Column.TOP_RISK_SCORE: QT_TRANSLATE_NOOP(
        "ProjectTableModel", "Highest score (probability × impact, 1–25) among the open risks"
    ),
}

NUMERIC_COLUMNS = frozenset(
    {Column.BUDGET, Column.PERCENT_COMPLETE, Column.OPEN_RISKS, Column.TOP_RISK_SCORE}
)
_STATUS_ORDER = {status: position for position, status in enumerate(ProjectStatus)}
_MISSING = -1


class ProjectTableModel(QAbstractTableModel):
    """Read-only table of project rows; holds plain snapshots, never ORM objects."""

    SortRole = Qt.ItemDataRole.UserRole + 1
    ProjectIdRole = Qt.ItemDataRole.UserRole + 2
    RagRole = Qt.ItemDataRole.UserRole + 3
    PercentRole = Qt.ItemDataRole.UserRole + 4

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ProjectRow] = []
        self._row_of: dict[int, int] = {}
        self._search_text: list[str] = []
        self._locale = QLocale()

    def set_rows(self, rows: Sequence[ProjectRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._row_of = {row.id: position for position, row in enumerate(self._rows)}
        self._locale = QLocale()
        self._search_text = [self._searchable(row) for row in self._rows]
        self.endResetModel()

    def row_at(self, position: int) -> ProjectRow:
        return self._rows[position]

    def search_text(self, position: int) -> str:
        """The row's words that the filter box matches against, case-folded."""
        return self._search_text[position]

    def row_of_project(self, project_id: int) -> int | None:
        return self._row_of.get(project_id)

    def rowCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(_CONTEXT, HEADERS[column])
        if role == Qt.ItemDataRole.ToolTipRole and column in HEADER_TIPS:
            return QCoreApplication.translate(_CONTEXT, HEADER_TIPS[column])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(column)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        if not (0 <= index.row() < len(self._rows) and 0 <= index.column() < len(Column)):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == self.SortRole:
            return self._sort_key(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(column)
        if role == Qt.ItemDataRole.DecorationRole and column is Column.RAG:
            return rag_icon(row.rag_overall)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == self.ProjectIdRole:
            return row.id
        if role == self.RagRole:
            return row.rag_overall.value if row.rag_overall else None
        if role == self.PercentRole:
            return row.percent_complete
        return None

    def _display(self, row: ProjectRow, column: Column) -> str:
        locale = self._locale
        match column:
            case Column.CODE:
                return row.code
            case Column.NAME:
                return row.name
            case Column.PROGRAMME:
                return row.programme
            case Column.METHOD:
                return method_label(row.method)
            case Column.STATUS:
                return status_label(row.status)
            case Column.PHASE:
                return row.phase
            case Column.MANAGER:
                return row.manager
            case Column.START:
                return format_date(row.start, locale, compact=True)
            case Column.FINISH:
                return format_date(row.finish, locale, compact=True)
            case Column.BUDGET:
                return format_money(row.budget, row.currency, locale)
            case Column.PERCENT_COMPLETE:
                return format_percent(row.percent_complete, locale)
            case Column.RAG:
                return rag_label(row.rag_overall)
            case Column.LAST_REPORT:
                return format_date(row.last_report, locale, compact=True)
            case Column.OPEN_RISKS:
                return format_integer(row.open_risks, locale)
            case Column.TOP_RISK_SCORE:
                return "" if row.top_risk_score is None else format_integer(row.top_risk_score)

    def _sort_key(self, row: ProjectRow, column: Column) -> Any:
        match column:
            case Column.START:
                return row.start.toordinal() if row.start else _MISSING
            case Column.FINISH:
                return row.finish.toordinal() if row.finish else _MISSING
            case Column.LAST_REPORT:
                return row.last_report.toordinal() if row.last_report else _MISSING
            case Column.BUDGET:
                return float(row.budget)
            case Column.PERCENT_COMPLETE:
                return float(row.percent_complete)
            case Column.RAG:
                return RAG_SEVERITY[row.rag_overall]
            case Column.STATUS:
                return _STATUS_ORDER[row.status]
            case Column.OPEN_RISKS:
                return row.open_risks
            case Column.TOP_RISK_SCORE:
                return _MISSING if row.top_risk_score is None else row.top_risk_score
            case _:
                return self._display(row, column)

    @staticmethod
    def _alignment(column: Column) -> int:
        if column in NUMERIC_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if column is Column.RAG:
            return int(Qt.AlignmentFlag.AlignCenter)
        return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def _tooltip(self, row: ProjectRow, column: Column) -> str | None:
        if column is Column.NAME:
            return f"{row.code} — {row.name}"
        if column is Column.BUDGET:
            return format_money(row.budget, row.currency, self._locale, decimals=2)
        if column in (Column.START, Column.FINISH, Column.LAST_REPORT):
            value = {Column.START: row.start, Column.FINISH: row.finish}.get(
                column, row.last_report
            )
            return format_long_date(value, self._locale) or None
        if column is Column.RAG and row.last_report is None:
            return QCoreApplication.translate("ProjectTableModel", "No status report yet")
        return None

    def _searchable(self, row: ProjectRow) -> str:
        words = (
            row.code,
            row.name,
            row.programme,
            row.phase,
            row.manager,
            method_label(row.method),
            status_label(row.status),
            rag_label(row.rag_overall),
        )
        return " ".join(words).casefold()


class ProjectFilterProxy(QSortFilterProxyModel):
    """Sorts by `SortRole` and keeps the rows matching the filter words and the scope."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._terms: list[str] = []
        self._scope: frozenset[int] | None = None
        self.setSortRole(ProjectTableModel.SortRole)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortLocaleAware(True)

    def set_filter_text(self, text: str) -> None:
        """Keep rows containing every word of `text` (code, name, programme, manager…)."""
        terms = text.casefold().split()
        if terms != self._terms:
            self._change_filter(lambda: setattr(self, "_terms", terms))

    def set_scope(self, project_ids: frozenset[int] | None) -> None:
        """Keep only these projects (a programme's); None keeps every project."""
        if project_ids != self._scope:
            self._change_filter(lambda: setattr(self, "_scope", project_ids))

    @contextmanager
    def showing_all(self) -> Iterator[None]:
        """Every row for the duration of the block (to measure them), then the filter again."""
        terms, scope = self._terms, self._scope
        self.set_filter_text("")
        self.set_scope(None)
        try:
            yield
        finally:
            self.set_scope(scope)
            self.set_filter_text(" ".join(terms))

    def _change_filter(self, apply: Any) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9
            self.beginFilterChange()
            apply()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            apply()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, ProjectTableModel):
            return True
        if self._scope is not None and model.row_at(source_row).id not in self._scope:
            return False
        text = model.search_text(source_row)
        return all(term in text for term in self._terms)
