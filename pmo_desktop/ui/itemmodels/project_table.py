"""The dashboard's project table: one row per `DashboardRow`, and the proxy that sorts and
filters it.

Display text is formatted for the current locale; `SortRole` gives typed values (dates as
ordinals, money as numbers, RAG as severity) so that sorting follows values, not text.
Figures still being computed (SPI, CPI) show "…" until the rows are updated.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
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

from pmo_desktop.models import ProjectStatus, Rag
from pmo_desktop.services.dashboard import DashboardRow, Dimension, RagThresholds
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
from pmo_desktop.ui.icons import icon
from pmo_desktop.ui.rag import RAG_SEVERITY, rag_icon

AnyIndex = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()

_CONTEXT = "ProjectTableModel"
PENDING = "…"


class Column(enum.IntEnum):
    """Logical columns; the view orders them on screen (`DEFAULT_ORDER`)."""

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
    RAG_SCHEDULE = 15
    RAG_COST = 16
    RAG_SCOPE = 17
    RAG_RESOURCES = 18
    RAG_BENEFITS = 19
    SPI = 20
    CPI = 21
    ACTUAL = 22
    FORECAST = 23
    NEXT_MILESTONE = 24
    MILESTONE_DATE = 25
    SLIP = 26
    OBJECTIVE = 27


RAG_COLUMNS = {
    Column.RAG: Dimension.OVERALL,
    Column.RAG_SCHEDULE: Dimension.SCHEDULE,
    Column.RAG_COST: Dimension.COST,
    Column.RAG_SCOPE: Dimension.SCOPE,
    Column.RAG_RESOURCES: Dimension.RESOURCES,
    Column.RAG_BENEFITS: Dimension.BENEFITS,
}

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
    Column.RAG_SCHEDULE: QT_TRANSLATE_NOOP("ProjectTableModel", "Sched."),
    Column.RAG_COST: QT_TRANSLATE_NOOP("ProjectTableModel", "Cost"),
    Column.RAG_SCOPE: QT_TRANSLATE_NOOP("ProjectTableModel", "Scope"),
    Column.RAG_RESOURCES: QT_TRANSLATE_NOOP("ProjectTableModel", "Res."),
    Column.RAG_BENEFITS: QT_TRANSLATE_NOOP("ProjectTableModel", "Benef."),
    Column.SPI: QT_TRANSLATE_NOOP("ProjectTableModel", "SPI"),
    Column.CPI: QT_TRANSLATE_NOOP("ProjectTableModel", "CPI"),
    Column.ACTUAL: QT_TRANSLATE_NOOP("ProjectTableModel", "Actual\nto date"),
    Column.FORECAST: QT_TRANSLATE_NOOP("ProjectTableModel", "Forecast\nat completion"),
    Column.NEXT_MILESTONE: QT_TRANSLATE_NOOP("ProjectTableModel", "Next milestone"),
    Column.MILESTONE_DATE: QT_TRANSLATE_NOOP("ProjectTableModel", "Milestone\ndate"),
    Column.SLIP: QT_TRANSLATE_NOOP("ProjectTableModel", "Slip\n(days)"),
    Column.OBJECTIVE: QT_TRANSLATE_NOOP("ProjectTableModel", "Main objective"),
}

HEADER_TIPS = {
    Column.PERCENT_COMPLETE: QT_TRANSLATE_NOOP(
        "ProjectTableModel", "Physical % complete of the project's schedule"
    ),
    Column.RAG: QT_TRANSLATE_NOOP(
        "ProjectTableModel", "Overall red / amber / green rating of the latest status report"
    ),
    Column.RAG_SCHEDULE: QT_TRANSLATE_NOOP("ProjectTableModel", "Schedule rating"),
    Column.RAG_COST: QT_TRANSLATE_NOOP("ProjectTableModel", "Cost rating"),
    Column.RAG_SCOPE: QT_TRANSLATE_NOOP("ProjectTableModel", "Scope rating"),
    Column.RAG_RESOURCES: QT_TRANSLATE_NOOP("ProjectTableModel", "Resources rating"),
    Column.RAG_BENEFITS: QT_TRANSLATE_NOOP("ProjectTableModel", "Benefits rating"),
    Column.LAST_REPORT: QT_TRANSLATE_NOOP(
        "ProjectTableModel", "End of the period of the latest status report"
    ),
    Column.OPEN_RISKS: QT_TRANSLATE_NOOP("ProjectTableModel", "Number of open risks"),
    Column.TOP_RISK_SCORE: QT_TRANSLATE_NOOP(
        "ProjectTableModel", "Highest score (probability × impact, 1–25) among the open risks"
    ),
    Column.SPI: QT_TRANSLATE_NOOP(
        "ProjectTableModel", "Schedule performance index (earned value / planned value, baseline 0)"
    ),
    Column.CPI: QT_TRANSLATE_NOOP(
        "ProjectTableModel", "Cost performance index (earned value / actual cost)"
    ),
    Column.ACTUAL: QT_TRANSLATE_NOOP(
        "ProjectTableModel", "Actual cost of the cost lines up to the as-of date"
    ),
    Column.FORECAST: QT_TRANSLATE_NOOP(
        "ProjectTableModel", "Actual to date plus the forecast of the later periods"
    ),
    Column.SLIP: QT_TRANSLATE_NOOP(
        "ProjectTableModel", "Slip of the next milestone against baseline 0, in working days"
    ),
}

NUMERIC_COLUMNS = frozenset(
    {
        Column.BUDGET,
        Column.PERCENT_COMPLETE,
        Column.OPEN_RISKS,
        Column.TOP_RISK_SCORE,
        Column.SPI,
        Column.CPI,
        Column.ACTUAL,
        Column.FORECAST,
        Column.SLIP,
    }
)
_STATUS_ORDER = {status: position for position, status in enumerate(ProjectStatus)}
#: Sort keys of missing values, typed like the column's values (Qt compares by type).
_MISSING = -1
_MISSING_NUMBER = -1.0e18


class ProjectTableModel(QAbstractTableModel):
    """Read-only table of dashboard rows; holds plain snapshots, never ORM objects."""

    SortRole = Qt.ItemDataRole.UserRole + 1
    ProjectIdRole = Qt.ItemDataRole.UserRole + 2
    RagRole = Qt.ItemDataRole.UserRole + 3
    PercentRole = Qt.ItemDataRole.UserRole + 4
    #: "better", "same", "worse" or "new" against the previous report (RAG columns).
    TrendRole = Qt.ItemDataRole.UserRole + 5
    #: The threshold rating of a computed figure (SPI, CPI, forecast, slip): "R", "A", "G".
    FlagRole = Qt.ItemDataRole.UserRole + 6

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DashboardRow] = []
        self._row_of: dict[int, int] = {}
        self._search_text: list[str] = []
        self._locale = QLocale()
        self._thresholds = RagThresholds()
        #: Projects checked out to be edited offline: the sentence their name cell tells.
        self._checked_out: dict[int, str] = {}

    def set_checked_out(self, notes: Mapping[int, str]) -> None:
        """Mark the projects checked out (lock before the name, `notes[id]` as its tooltip)."""
        if dict(notes) == self._checked_out:
            return
        self._checked_out = dict(notes)
        if self._rows:
            name = _COLUMNS.index(Column.NAME)
            self.dataChanged.emit(self.index(0, name), self.index(len(self._rows) - 1, name))

    def checked_out_note(self, project_id: int) -> str:
        """Why a project is marked checked out ("" when it is not)."""
        return self._checked_out.get(project_id, "")

    def set_rows(
        self, rows: Sequence[DashboardRow], thresholds: RagThresholds | None = None
    ) -> None:
        """Show `rows`; the same projects in the same order update in place (selections
        and persistent indexes stay), anything else resets the model."""
        rows = list(rows)
        if thresholds is not None:
            self._thresholds = thresholds
        self._locale = QLocale()
        if self._rows and [row.id for row in rows] == [row.id for row in self._rows]:
            self._rows = rows
            self._search_text = [self._searchable(row) for row in rows]
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(Column) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self._row_of = {row.id: position for position, row in enumerate(rows)}
        self._search_text = [self._searchable(row) for row in rows]
        self.endResetModel()

    @property
    def thresholds(self) -> RagThresholds:
        return self._thresholds

    def rows(self) -> list[DashboardRow]:
        return list(self._rows)

    def row_at(self, position: int) -> DashboardRow:
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
        if role not in _ROLES or not index.isValid() or index.parent().isValid():
            return None
        return self.cell_data(index.row(), index.column(), role)

    def cell_data(self, position: int, column_number: int, role: int) -> Any:
        """`data()` by row position and column number: the grouping model calls it directly
        (each layer of model indexes costs a round trip through Qt while painting)."""
        if role not in _ROLES or not (
            0 <= position < len(self._rows) and 0 <= column_number < len(Column)
        ):
            return None
        row = self._rows[position]
        column = _COLUMNS[column_number]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == self.SortRole:
            return self._sort_key(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(column)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._decoration(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == self.ProjectIdRole:
            return row.id
        if role == self.RagRole and column in RAG_COLUMNS:
            rag = row.rag_overall if column is Column.RAG else row.ratings.get(RAG_COLUMNS[column])
            return rag.value if rag else None
        if role == self.TrendRole and column in RAG_COLUMNS:
            trend = row.trends.get(RAG_COLUMNS[column])
            return trend.value if trend else None
        if role == self.FlagRole:
            flag = self._flag(row, column)
            return flag.value if flag else None
        if role == self.PercentRole and column is Column.PERCENT_COMPLETE:
            return row.percent_complete
        return None

    def _flag(self, row: DashboardRow, column: Column) -> Rag | None:
        thresholds = self._thresholds
        match column:
            case Column.SPI:
                return thresholds.spi_rag(row.spi)
            case Column.CPI:
                return thresholds.cpi_rag(row.cpi)
            case Column.FORECAST:
                return thresholds.overrun_rag(row.budget, row.forecast)
            case Column.SLIP:
                return thresholds.slip_rag(row.milestone_slip_days)
        return None

    def _decoration(self, row: DashboardRow, column: Column) -> Any:
        if column is Column.NAME and row.id in self._checked_out:
            return icon("lock")
        if column is Column.RAG:
            return rag_icon(row.rag_overall)
        flag = self._flag(row, column)
        if flag in (Rag.RED, Rag.AMBER):
            return rag_icon(flag, 10)
        return None

    def _index_text(self, row: DashboardRow, value: Decimal | None) -> str:
        if not row.evm_loaded:
            return PENDING
        return "" if value is None else self._locale.toString(float(value), "f", 2)

    def _display(self, row: DashboardRow, column: Column) -> str:
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
            case Column.ACTUAL:
                return format_money(row.actual, row.currency, locale)
            case Column.FORECAST:
                return format_money(row.forecast, row.currency, locale)
            case Column.PERCENT_COMPLETE:
                return format_percent(row.percent_complete, locale)
            case Column.LAST_REPORT:
                return format_date(row.last_report, locale, compact=True)
            case Column.OPEN_RISKS:
                return format_integer(row.open_risks, locale)
            case Column.TOP_RISK_SCORE:
                return "" if row.top_risk_score is None else format_integer(row.top_risk_score)
            case Column.SPI:
                return self._index_text(row, row.spi)
            case Column.CPI:
                return self._index_text(row, row.cpi)
            case Column.NEXT_MILESTONE:
                return row.next_milestone
            case Column.MILESTONE_DATE:
                return format_date(row.next_milestone_date, locale, compact=True)
            case Column.SLIP:
                slip = row.milestone_slip_days
                return "" if slip is None else locale.toString(round(slip))
            case Column.OBJECTIVE:
                return row.objective
        if column is Column.RAG:
            return rag_label(row.rag_overall)
        rag = row.ratings.get(RAG_COLUMNS[column])
        return rag_label(rag)[:1] if rag else ""

    def _sort_key(self, row: DashboardRow, column: Column) -> Any:
        match column:
            case Column.START:
                return row.start.toordinal() if row.start else _MISSING
            case Column.FINISH:
                return row.finish.toordinal() if row.finish else _MISSING
            case Column.LAST_REPORT:
                return row.last_report.toordinal() if row.last_report else _MISSING
            case Column.MILESTONE_DATE:
                day = row.next_milestone_date
                return day.toordinal() if day else _MISSING
            case Column.BUDGET:
                return float(row.budget)
            case Column.ACTUAL:
                return float(row.actual)
            case Column.FORECAST:
                return float(row.forecast)
            case Column.PERCENT_COMPLETE:
                return float(row.percent_complete)
            case Column.SPI:
                return _MISSING_NUMBER if row.spi is None else float(row.spi)
            case Column.CPI:
                return _MISSING_NUMBER if row.cpi is None else float(row.cpi)
            case Column.SLIP:
                slip = row.milestone_slip_days
                return _MISSING_NUMBER if slip is None else float(slip)
            case Column.STATUS:
                return _STATUS_ORDER[row.status]
            case Column.OPEN_RISKS:
                return row.open_risks
            case Column.TOP_RISK_SCORE:
                return _MISSING if row.top_risk_score is None else row.top_risk_score
        if column is Column.RAG:
            return RAG_SEVERITY[row.rag_overall]
        if column in RAG_COLUMNS:
            return RAG_SEVERITY[row.ratings.get(RAG_COLUMNS[column])]
        return self._display(row, column)

    @staticmethod
    def _alignment(column: Column) -> int:
        if column in NUMERIC_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if column in RAG_COLUMNS:
            return int(Qt.AlignmentFlag.AlignCenter)
        return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def _tooltip(self, row: DashboardRow, column: Column) -> str | None:
        translate = QCoreApplication.translate
        if column in (Column.NAME, Column.CODE):
            note = self._checked_out.get(row.id)
            return f"{row.code} — {row.name}" + (f"\n{note}" if note else "")
        if column in (Column.BUDGET, Column.ACTUAL, Column.FORECAST):
            amount = {Column.BUDGET: row.budget, Column.ACTUAL: row.actual}.get(
                column, row.forecast
            )
            return format_money(amount, row.currency, self._locale, decimals=2)
        if column in (Column.START, Column.FINISH, Column.LAST_REPORT, Column.MILESTONE_DATE):
            value = {
                Column.START: row.start,
                Column.FINISH: row.finish,
                Column.MILESTONE_DATE: row.next_milestone_date,
            }.get(column, row.last_report)
            return format_long_date(value, self._locale) or None
        if column in RAG_COLUMNS:
            if row.last_report is None:
                return translate("ProjectTableModel", "No status report yet")
            trend = row.trends.get(RAG_COLUMNS[column])
            text = {
                "better": translate("ProjectTableModel", "Better than the previous report"),
                "worse": translate("ProjectTableModel", "Worse than the previous report"),
                "same": translate("ProjectTableModel", "Same as the previous report"),
                "new": translate("ProjectTableModel", "First report"),
            }
            return text.get(trend.value) if trend else None
        if column in (Column.SPI, Column.CPI) and row.evm_loaded:
            value = row.spi if column is Column.SPI else row.cpi
            if value is None:
                return translate("ProjectTableModel", "No baseline 0 cost to measure against")
        if column is Column.NEXT_MILESTONE and row.next_milestone:
            return row.next_milestone
        return None

    def _searchable(self, row: DashboardRow) -> str:
        words = (
            row.code,
            row.name,
            row.programme,
            row.phase,
            row.manager,
            row.objective,
            row.next_milestone,
            method_label(row.method),
            status_label(row.status),
            rag_label(row.rag_overall),
        )
        return " ".join(words).casefold()


_COLUMNS = list(Column)
#: The roles a project cell answers; views ask for more (font, colours, check state) per cell.
CELL_ROLES = _ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ToolTipRole,
        *(int(Qt.ItemDataRole.UserRole) + number for number in range(1, 7)),
    }
)


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
