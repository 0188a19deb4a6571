"""The "Costs" page: budget, actual and forecast per month and category, with totals.

Amounts are edited in place (double-click or start typing); a line is added for a month
and a category, or deleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.models import CostCategory
from pmo_desktop.services.projects import CostLineRow
from pmo_desktop.ui.formatting import format_money
from pmo_desktop.ui.itemmodels.cost_lines import (
    OVERRUN_COLOUR,
    CostLineTableModel,
    category_label,
)
from pmo_desktop.ui.project_view.editors import MoneyDelegate, from_qdate


class CostsPage(QWidget):
    """The cost lines table, its totals and the add/delete controls."""

    #: (cost line id, field, value)
    line_edited = Signal(int, str, object)
    add_requested = Signal(object, object)
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CostLineTableModel(self)
        self.model.edit_requested.connect(self.line_edited)
        self._currency = "EUR"

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._delegate = MoneyDelegate(self._currency_of, self.table)
        for column in (2, 3, 4):
            self.table.setItemDelegateForColumn(column, self._delegate)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())

        self.totals = QLabel()
        self.totals.setTextFormat(Qt.TextFormat.RichText)
        self.month = QDateEdit()
        self.month.setDisplayFormat("MMMM yyyy")
        self.month.setCalendarPopup(True)
        self.category = QComboBox()
        for category in CostCategory:
            self.category.addItem(category_label(category), category)
        self.add_button = QPushButton(self.tr("Add line"))
        self.add_button.clicked.connect(self._request_add)
        self.delete_button = QPushButton(self.tr("Delete line"))
        self.delete_button.clicked.connect(self._request_delete)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Month")))
        controls.addWidget(self.month)
        controls.addWidget(QLabel(self.tr("Category")))
        controls.addWidget(self.category)
        controls.addWidget(self.add_button)
        controls.addStretch(1)
        controls.addWidget(self.delete_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.totals)
        layout.addWidget(self.table, 1)
        layout.addLayout(controls)
        self._update_buttons()

    def set_lines(self, lines: Sequence[CostLineRow], currency: str, today: date) -> None:
        """Show the lines, keeping the current cell and scroll position."""
        current = self.table.currentIndex()
        selected = current.data(CostLineTableModel.IdRole) if current.isValid() else None
        column = current.column() if current.isValid() else 0
        scroll = self.table.verticalScrollBar().value()
        first_load = self.model.rowCount() == 0
        self._currency = currency
        self.model.set_rows(lines)
        if selected is not None:
            self.select(selected, column)
        self.table.verticalScrollBar().setValue(scroll)
        if first_load and lines:
            # Start at the current month, where the PMO usually edits.
            month = today.replace(day=1)
            position = next(
                (i for i, line in enumerate(lines) if line.period >= month), len(lines) - 1
            )
            self.table.scrollTo(self.model.index(position, 0))
        self.month.setDate(QDate(today.year, today.month, 1))
        self._update_totals()
        self._update_buttons()

    def set_read_only(self, read_only: bool) -> None:
        self.model.editable = not read_only
        self.add_button.setEnabled(not read_only)
        self._update_buttons()

    def select(self, line_id: int, column: int = 0) -> None:
        position = self.model.row_of_id(line_id)
        if position is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(position, column),
                QItemSelectionModel.SelectionFlag.ClearAndSelect,
            )

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(CostLineTableModel.IdRole) if index.isValid() else None

    def _currency_of(self, _index: object) -> str:
        return self._currency

    def _update_totals(self) -> None:
        budget, actual, forecast = self.model.totals()
        variance = budget - forecast
        colour = f' style="color:{OVERRUN_COLOUR}"' if variance < 0 else ""
        self.totals.setText(
            self.tr(
                "Total budget <b>{budget}</b> · actual <b>{actual}</b> · "
                "forecast <b>{forecast}</b> · variance <b{colour}>{variance}</b>"
            ).format(
                budget=format_money(budget, self._currency),
                actual=format_money(actual, self._currency),
                forecast=format_money(forecast, self._currency),
                variance=format_money(variance, self._currency),
                colour=colour,
            )
        )

    def _request_add(self) -> None:
        self.add_requested.emit(from_qdate(self.month.date()), self.category.currentData())

    def _request_delete(self) -> None:
        selected = self.selected_id()
        if selected is not None:
            self.delete_requested.emit(selected)

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(self.model.editable and self.selected_id() is not None)
