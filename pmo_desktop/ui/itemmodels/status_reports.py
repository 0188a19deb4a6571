"""The status reports of one project, latest period first: ratings per dimension at a glance."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt

from pmo_desktop.models import Rag
from pmo_desktop.services.projects import RAG_DIMENSIONS, StatusReportRow
from pmo_desktop.ui.formatting import (
    format_date,
    format_long_date,
    format_percent,
    rag_label,
    to_qdate,
)
from pmo_desktop.ui.itemmodels.rows import CENTRE, LEFT, RIGHT, RowTableModel
from pmo_desktop.ui.rag import RAG_SEVERITY

#: The period, one column per RAG dimension, then % complete and author.
PERIOD = 0
FIRST_RAG = 1
PERCENT = FIRST_RAG + len(RAG_DIMENSIONS)
AUTHOR = PERCENT + 1


def period_label(start: date, end: date, locale: QLocale | None = None) -> str:
    """ "March 2026" for a whole calendar month, else "01/03/2026 – 15/03/2026"."""
    locale = locale or QLocale()
    whole_month = (
        start.day == 1
        and (start.year, start.month) == (end.year, end.month)
        and (end + timedelta(days=1)).day == 1
    )
    if whole_month:
        return locale.toString(to_qdate(start), "MMMM yyyy")
    return f"{format_date(start, locale)} – {format_date(end, locale)}"


class StatusReportTableModel(RowTableModel[StatusReportRow]):
    """Read-only list of reports; the view's editor pane changes the selected one."""

    CONTEXT = "StatusReportTableModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("StatusReportTableModel", "Period"),
        QT_TRANSLATE_NOOP("StatusReportTableModel", "Overall"),
        QT_TRANSLATE_NOOP("StatusReportTableModel", "Schedule"),
        QT_TRANSLATE_NOOP("StatusReportTableModel", "Cost"),
        QT_TRANSLATE_NOOP("StatusReportTableModel", "Scope"),
        QT_TRANSLATE_NOOP("StatusReportTableModel", "Resources"),
        QT_TRANSLATE_NOOP("StatusReportTableModel", "Benefits"),
        QT_TRANSLATE_NOOP("StatusReportTableModel", "% complete"),
        QT_TRANSLATE_NOOP("StatusReportTableModel", "Author"),
    )

    def cell(self, row: StatusReportRow, column: int, role: int) -> Any:
        rag = self._rag(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            if rag is not None:
                return rag_label(rag)
            if column == PERIOD:
                return period_label(row.period_start, row.period_end, self._locale)
            if column == PERCENT:
                return format_percent(row.percent_complete, self._locale)
            if column == AUTHOR:
                return row.author
        if role == self.RagRole and rag is not None:
            return rag.value
        if role == self.SortRole:
            if rag is not None:
                return RAG_SEVERITY[rag]
            if column == PERIOD:
                return row.period_end.toordinal()
            if column == PERCENT:
                return row.percent_complete
            return row.author
        if role == Qt.ItemDataRole.ToolTipRole and column == PERIOD:
            start = format_long_date(row.period_start, self._locale)
            end = format_long_date(row.period_end, self._locale)
            return QCoreApplication.translate("StatusReportTableModel", "{start} to {end}").format(
                start=start, end=end
            )
        return None

    def alignment(self, column: int) -> int:
        if column == PERCENT:
            return RIGHT
        return CENTRE if FIRST_RAG <= column < PERCENT else LEFT

    @staticmethod
    def _rag(row: StatusReportRow, column: int) -> Rag | None:
        if FIRST_RAG <= column < PERCENT:
            return getattr(row, RAG_DIMENSIONS[column - FIRST_RAG])
        return None
