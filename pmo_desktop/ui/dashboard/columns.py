"""Column widths of the dashboard's project table, fitted to a sample of rows.

Qt's own fitting (`resizeColumnToContents`) measures every row through the model, one
Python call per cell and role; a sample of rows, read straight from the table model, gives
the same widths in a fraction of the time (the widths are capped anyway).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QStyleOptionViewItem, QTreeView

from pmo_desktop.ui.itemmodels.project_table import RAG_COLUMNS, Column, ProjectTableModel

#: Widest a column grows when fitted to its contents, in average characters.
_MAX_CHARS = {Column.NAME: 30, Column.NEXT_MILESTONE: 24, Column.PROGRAMME: 20,
              Column.OBJECTIVE: 20, Column.MANAGER: 16}  # fmt: skip
_DEFAULT_MAX_CHARS = 14
_FIT_SAMPLE_ROWS = 24
_CELL_SLACK = 12
_HEADER_MARGIN = 12
#: Indentation of a grouped table's rows (pixels).
GROUP_INDENT = 18
#: Columns whose width is set by a sample of their widest text (figures that arrive late).
_SAMPLE_TEXT = {Column.SPI: "0.00", Column.CPI: "0.00", Column.SLIP: "000"}
_ICON_ROOM = 22
_FLAGGED = (Column.SPI, Column.CPI, Column.FORECAST, Column.SLIP)


def fit_columns(table: QTreeView, model: ProjectTableModel, grouped: bool) -> None:
    """Fit the shown columns to sampled rows and their titles (capped), hidden ones to their
    titles; Project takes the room left. The user may then resize any column."""
    header = table.header()
    char_width = table.fontMetrics().averageCharWidth()
    metrics = header.fontMetrics()
    widths: dict[Column, int] = {}
    for column in Column:
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        title_width = max(metrics.horizontalAdvance(line) for line in title.split("\n"))
        limit = _MAX_CHARS.get(column, _DEFAULT_MAX_CHARS) * char_width
        hidden = header.isSectionHidden(column)
        content = 0 if hidden else min(_content_width(table, model, column), limit)
        if column in _SAMPLE_TEXT:
            sample = table.fontMetrics().horizontalAdvance(_SAMPLE_TEXT[column])
            content = max(content, sample + _ICON_ROOM + _HEADER_MARGIN)
        widths[column] = max(content, title_width + _HEADER_MARGIN)
    if grouped:
        widths[Column.CODE] += 2 * GROUP_INDENT  # the branch, then the child's indent
    shown = [column for column in Column if not header.isSectionHidden(column)]
    room = table.viewport().width() - sum(widths[column] for column in shown)
    if room > 0:
        widths[Column.NAME] += room
    for column, width in widths.items():
        header.resizeSection(column, width)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)


def _content_width(table: QTreeView, model: ProjectTableModel, column: Column) -> int:
    """The widest cell of a sample of rows."""
    count = model.rowCount()
    sample = range(0, count, max(1, count // _FIT_SAMPLE_ROWS))
    if column in RAG_COLUMNS or column is Column.PERCENT_COMPLETE:
        option = QStyleOptionViewItem()
        option.initFrom(table)
        delegate = table.itemDelegateForColumn(column)
        widths = (delegate.sizeHint(option, model.index(row, column)).width() for row in sample)
    else:
        metrics = table.fontMetrics()
        display = Qt.ItemDataRole.DisplayRole
        widths = (
            metrics.horizontalAdvance(str(model.cell_data(row, column, display) or ""))
            for row in sample
        )
    return max(widths, default=0) + _CELL_SLACK + (_ICON_ROOM if column in _FLAGGED else 0)
