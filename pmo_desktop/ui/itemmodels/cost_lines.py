"""A project's cost lines, one per month and category: budget, actual, forecast, variance.

Budget, actual and forecast are editable (EditRole gives a float for the spin box editor);
an edit only emits `edit_requested` with a Decimal rounded to cents.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor

from pmo_desktop.models import CostCategory
from pmo_desktop.services.projects import CostLineRow
from pmo_desktop.ui.formatting import format_money, to_qdate
from pmo_desktop.ui.itemmodels.rows import LEFT, RIGHT, AnyIndex, RowTableModel

PERIOD = 0
CATEGORY = 1
BUDGET = 2
ACTUAL = 3
FORECAST = 4
VARIANCE = 5

AMOUNT_COLUMNS = {BUDGET: "budget", ACTUAL: "actual", FORECAST: "forecast"}

_CATEGORY_LABELS = {
    CostCategory.LABOUR: QT_TRANSLATE_NOOP("Labels", "Labour"),
    CostCategory.CAPEX: QT_TRANSLATE_NOOP("Labels", "Capital expenditure"),
    CostCategory.OPEX: QT_TRANSLATE_NOOP("Labels", "Operating expenditure"),
    CostCategory.CONTINGENCY: QT_TRANSLATE_NOOP("Labels", "Contingency"),
}

#: Over budget: the forecast exceeds the budget (a red that reads on white).
OVERRUN_COLOUR = "#B71C1C"


def category_label(category: CostCategory) -> str:
    return QCoreApplication.translate("Labels", _CATEGORY_LABELS[category])


class CostLineTableModel(RowTableModel[CostLineRow]):
    CONTEXT = "CostLineTableModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("CostLineTableModel", "Month"),
        QT_TRANSLATE_NOOP("CostLineTableModel", "Category"),
        QT_TRANSLATE_NOOP("CostLineTableModel", "Budget"),
        QT_TRANSLATE_NOOP("CostLineTableModel", "Actual"),
        QT_TRANSLATE_NOOP("CostLineTableModel", "Forecast"),
        QT_TRANSLATE_NOOP("CostLineTableModel", "Variance"),
    )

    def cell(self, row: CostLineRow, column: int, role: int) -> Any:
        variance = row.budget - row.forecast
        if role == Qt.ItemDataRole.DisplayRole:
            if column == PERIOD:
                return self._locale.toString(to_qdate(row.period), "MMM yyyy")
            if column == CATEGORY:
                return category_label(row.category)
            amount = self._amount(row, column, variance)
            return format_money(amount, row.currency, self._locale)
        if role == Qt.ItemDataRole.EditRole and column in AMOUNT_COLUMNS:
            return float(getattr(row, AMOUNT_COLUMNS[column]))
        if role == Qt.ItemDataRole.ForegroundRole and column == VARIANCE and variance < 0:
            return QColor(OVERRUN_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and column == VARIANCE:
            return QCoreApplication.translate(
                "CostLineTableModel", "Budget minus forecast: negative means an overrun"
            )
        if role == self.SortRole:
            if column == PERIOD:
                return row.period.toordinal()
            if column == CATEGORY:
                return row.category.value
            return float(self._amount(row, column, variance))
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if isinstance(value, float | int | str):
            try:
                value = round(float(value), 2)
            except ValueError:
                return False
        return super().setData(index, value, role)

    def alignment(self, column: int) -> int:
        return LEFT if column in (PERIOD, CATEGORY) else RIGHT

    def editable_field(self, column: int) -> str | None:
        return AMOUNT_COLUMNS.get(column)

    def totals(self) -> tuple[Decimal, Decimal, Decimal]:
        """Budget, actual and forecast summed over every line."""
        rows = self.rows()
        return (
            sum((row.budget for row in rows), Decimal(0)),
            sum((row.actual for row in rows), Decimal(0)),
            sum((row.forecast for row in rows), Decimal(0)),
        )

    @staticmethod
    def _amount(row: CostLineRow, column: int, variance: Decimal) -> Decimal:
        if column in AMOUNT_COLUMNS:
            return getattr(row, AMOUNT_COLUMNS[column])
        return variance
