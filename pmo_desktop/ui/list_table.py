"""The read-only list tables of the portfolio views (risk register, RAID logs, resource pool,
compliance): one row per item, sortable, one row selected at a time, movable columns."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def make_list_table(
    model: QAbstractItemModel,
    row_height: int,
    *,
    sort_column: int | None = 0,
    stretch_last: bool = False,
) -> QTableView:
    """A table view, not a tree view: a tree relays out row by row, asking Python whether
    each of thousands of rows has children. `sort_column` None leaves sorting off."""
    table = QTableView()
    table.setModel(model)
    table.setShowGrid(False)
    table.setCornerButtonEnabled(False)
    rows = table.verticalHeader()
    rows.setVisible(False)
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(row_height)
    if sort_column is not None:
        table.setSortingEnabled(True)
        table.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    header = table.horizontalHeader()
    header.setSectionsMovable(True)
    header.setHighlightSections(False)
    header.setStretchLastSection(stretch_last)
    return table
