"""The portfolio at a glance: navigation tree on the left, the project list on the right.

Selecting the portfolio shows every project; a programme (or "Other projects") narrows
the list to its projects; a project narrows it to its programme and selects its row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from html import escape

from PySide6.QtCore import (
    QByteArray,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.models import Rag
from pmo_desktop.services.portfolio import PortfolioTree, ProjectRow
from pmo_desktop.ui.delegates import PercentBarDelegate, RagDelegate
from pmo_desktop.ui.formatting import format_money, rag_label
from pmo_desktop.ui.itemmodels.portfolio_tree import NodeKind, PortfolioTreeModel
from pmo_desktop.ui.itemmodels.project_table import (
    Column,
    ProjectFilterProxy,
    ProjectTableModel,
)
from pmo_desktop.ui.rag import RAG_COLOURS

#: Widest a column grows when fitted to its contents, in average characters.
_MAX_CHARS = {
    Column.NAME: 26,
    Column.PROGRAMME: 17,
    Column.PHASE: 14,
    Column.MANAGER: 16,
}
_DEFAULT_MAX_CHARS = 14
#: The tree's share of the window's width at first start, within limits (pixels).
_TREE_SHARE = 0.16
_FIT_SAMPLE_ROWS = 60
_TREE_MIN_WIDTH = 220
_TREE_MAX_WIDTH = 360
#: Pixels beyond a cell's own size hint, and around a header title.
_CELL_SLACK = 2
_HEADER_MARGIN = 10
#: The % complete data bar needs some room to show differences.
_PERCENT_MIN_CHARS = 9

SPLITTER_KEY = "portfolio/splitter"
HEADER_KEY = "portfolio/projectHeader"


class PortfolioView(QWidget):
    """Tree and list of one portfolio, kept in step; knows nothing of the database."""

    project_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree_model = PortfolioTreeModel(self)
        self.table_model = ProjectTableModel(self)
        self.proxy = ProjectFilterProxy(self)
        self.proxy.setSourceModel(self.table_model)
        self._syncing = False
        self._widths_fitted = False
        self._fit_pending = False
        self._splitter_restored = False
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_if_pending)

        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setMinimumWidth(200)
        self.tree.selectionModel().currentChanged.connect(self._on_tree_current)

        self.title = QLabel()
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.scope_label = QLabel()
        scope_font = self.scope_label.font()
        scope_font.setBold(True)
        self.scope_label.setFont(scope_font)
        self.count_label = QLabel()
        self.budget_label = QLabel()
        self.rag_summary = QLabel()
        self.rag_summary.setTextFormat(Qt.TextFormat.RichText)
        self.filter_edit = QLineEdit()
        shortcut = QKeySequence(QKeySequence.StandardKey.Find).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        self.filter_edit.setPlaceholderText(
            self.tr("Filter projects ({shortcut})").format(shortcut=shortcut)
        )
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(260)
        self.filter_edit.textChanged.connect(self._on_filter_text)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.CODE, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.verticalHeader().hide()
        row_height = self.fontMetrics().height() + 12
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Fitting columns measures a sample of rows, not all of a 200-project portfolio.
        self.table.verticalHeader().setResizeContentsPrecision(_FIT_SAMPLE_ROWS)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._rag_delegate = RagDelegate(ProjectTableModel.RagRole, self.table)
        self._percent_delegate = PercentBarDelegate(ProjectTableModel.PercentRole, self.table)
        self.table.setItemDelegateForColumn(Column.RAG, self._rag_delegate)
        self.table.setItemDelegateForColumn(Column.PERCENT_COMPLETE, self._percent_delegate)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current)

        heading = QHBoxLayout()
        heading.setContentsMargins(0, 0, 0, 0)
        heading.addWidget(self.title, 1)
        heading.addWidget(self.filter_edit)
        summary = QHBoxLayout()
        summary.setContentsMargins(0, 0, 0, 0)
        summary.setSpacing(24)
        for label in (self.scope_label, self.count_label, self.budget_label, self.rag_summary):
            summary.addWidget(label)
        summary.addStretch(1)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 6, 0, 0)
        right_layout.setSpacing(8)
        right_layout.addLayout(heading)
        right_layout.addLayout(summary)
        right_layout.addWidget(self.table, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.splitter)
        self.tree.setFrameShape(QFrame.Shape.StyledPanel)
        self._update_labels()

    def set_data(self, tree: PortfolioTree | None, rows: Sequence[ProjectRow]) -> None:
        """Show a new snapshot, keeping the selected tree node and project when still there."""
        kind, entity_id = self._selected_node()
        selected_project = self.selected_project_id()
        self.tree_model.set_tree(tree)
        self.table_model.set_rows(rows)
        self.title.setText(tree.name if tree is not None else "")
        self.tree.expandAll()
        self._restore_node(kind, entity_id)
        if not self._widths_fitted and rows:
            self._fit_pending = True
            if self.isVisible():
                self._fit_timer.start()
        if selected_project is not None:
            self._select_row(selected_project)
        self._update_labels()

    def _selected_node(self) -> tuple[int | None, int | None]:
        current = self.tree.currentIndex()
        if not current.isValid():
            return None, None
        return (
            current.data(PortfolioTreeModel.KindRole),
            current.data(PortfolioTreeModel.IdRole),
        )

    def _restore_node(self, kind: int | None, entity_id: int | None) -> None:
        model = self.tree_model
        target = model.portfolio_index()
        if kind == NodeKind.PROJECT and entity_id is not None:
            target = model.project_index(entity_id)
        elif kind in (NodeKind.PROGRAMME, NodeKind.UNGROUPED):
            root = model.portfolio_index()
            for row in range(model.rowCount(root)):
                candidate = model.index(row, 0, root)
                if (
                    candidate.data(model.KindRole) == kind
                    and candidate.data(model.IdRole) == entity_id
                ):
                    target = candidate
        if not target.isValid():
            target = model.portfolio_index()
        if target.isValid():
            self.tree.setCurrentIndex(target)
        else:
            self.proxy.set_scope(None)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._splitter_restored:
            self._splitter_restored = True
            width = self.splitter.width()
            tree = max(_TREE_MIN_WIDTH, min(_TREE_MAX_WIDTH, round(width * _TREE_SHARE)))
            self.splitter.setSizes([tree, width - tree])
        if self._fit_pending:
            self._fit_timer.start()

    def _fit_if_pending(self) -> None:
        """Column widths wait for the first rows and the list's real width."""
        if self._fit_pending and not self._widths_fitted:
            self.reset_column_widths()

    def select_project(self, project_id: int) -> bool:
        """Select the project in the tree and in the list; False if it is not shown."""
        index = self.tree_model.project_index(project_id)
        if not index.isValid():
            return False
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    def selected_project_id(self) -> int | None:
        current = self.table.currentIndex()
        if not current.isValid() or not self.table.selectionModel().isRowSelected(
            current.row(), QModelIndex()
        ):
            return None
        return current.data(ProjectTableModel.ProjectIdRole)

    def visible_project_ids(self) -> list[int]:
        """The projects of the list as shown: filtered and in the sort order."""
        return [
            self.proxy.index(row, 0).data(ProjectTableModel.ProjectIdRole)
            for row in range(self.proxy.rowCount())
        ]

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _on_filter_text(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        self._update_labels()

    def _on_tree_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.proxy.set_scope(None)
            self._update_labels()
            return
        kind = current.data(PortfolioTreeModel.KindRole)
        if kind == NodeKind.PORTFOLIO:
            self.proxy.set_scope(None)
        elif kind == NodeKind.PROJECT:
            programme = current.parent()
            self.proxy.set_scope(programme.data(PortfolioTreeModel.ProjectIdsRole))
            self._select_row(current.data(PortfolioTreeModel.IdRole))
        else:
            self.proxy.set_scope(current.data(PortfolioTreeModel.ProjectIdsRole))
        self._update_labels()

    def _select_row(self, project_id: int) -> None:
        source_row = self.table_model.row_of_project(project_id)
        if source_row is None:
            return
        index = self.proxy.mapFromSource(self.table_model.index(source_row, 0))
        if not index.isValid():
            return
        self._syncing = True
        try:
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            self.table.selectionModel().setCurrentIndex(index, flags)
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._syncing = False

    def _on_table_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._syncing:
            self.project_selected.emit(current.data(ProjectTableModel.ProjectIdRole))

    def _update_labels(self) -> None:
        current = self.tree.currentIndex()
        kind = current.data(PortfolioTreeModel.KindRole) if current.isValid() else None
        if kind in (NodeKind.PROGRAMME, NodeKind.UNGROUPED):
            scope = current.data(Qt.ItemDataRole.DisplayRole)
        elif kind == NodeKind.PROJECT:
            scope = current.parent().data(Qt.ItemDataRole.DisplayRole)
        else:
            scope = self.tr("All projects")
        self.scope_label.setText(scope)
        rows = self.shown_rows()
        shown, total = len(rows), self.table_model.rowCount()
        if shown == total:
            self.count_label.setText(self.tr("Projects: {total}").format(total=total))
        else:
            self.count_label.setText(
                self.tr("Projects: {shown} of {total}").format(shown=shown, total=total)
            )
        self.budget_label.setText(self._budget_text(rows))
        self.rag_summary.setText(self._rag_text(rows))

    def shown_rows(self) -> list[ProjectRow]:
        """The rows the list shows now (filter and scope applied), in the list's order."""
        model, proxy = self.table_model, self.proxy
        return [
            model.row_at(proxy.mapToSource(proxy.index(row, 0)).row())
            for row in range(proxy.rowCount())
        ]

    def _budget_text(self, rows: Sequence[ProjectRow]) -> str:
        currencies = {row.currency for row in rows}
        if len(currencies) != 1:
            return ""
        total = sum((row.budget for row in rows), Decimal(0))
        return self.tr("Budget: {amount}").format(amount=format_money(total, currencies.pop()))

    def _rag_text(self, rows: Sequence[ProjectRow]) -> str:
        """Coloured dots with the number of projects at each rating, worst first."""
        counts = Counter(row.rag_overall for row in rows)
        parts = []
        for rag in (Rag.RED, Rag.AMBER, Rag.GREEN, None):
            if counts[rag]:
                dot = f'<span style="color:{RAG_COLOURS[rag]}">&#9679;</span>'
                parts.append(f"{dot}&nbsp;{counts[rag]}&nbsp;{escape(rag_label(rag))}")
        return "&nbsp;&nbsp;&nbsp;".join(parts)

    def reset_column_widths(self) -> None:
        """Fit the columns to sampled rows and the titles, capped, then share out the room left.

        Room left in the list goes first to the columns the caps cut short, then to Project.
        """
        header = self.table.horizontalHeader()
        char_width = self.fontMetrics().averageCharWidth()
        header_metrics = header.fontMetrics()
        with self.proxy.showing_all():
            content = {
                column: self.table.sizeHintForColumn(column) + _CELL_SLACK for column in Column
            }
        wanted: dict[Column, int] = {}
        widths: dict[Column, int] = {}
        for column in Column:
            title = str(self.proxy.headerData(column, Qt.Orientation.Horizontal) or "")
            title_width = max(header_metrics.horizontalAdvance(line) for line in title.split("\n"))
            wanted[column] = max(content[column], title_width + _HEADER_MARGIN)
            if column is Column.PERCENT_COMPLETE:
                wanted[column] = max(wanted[column], _PERCENT_MIN_CHARS * char_width)
            limit = _MAX_CHARS.get(column, _DEFAULT_MAX_CHARS) * char_width
            widths[column] = min(wanted[column], limit)
        room = self.table.viewport().width() - sum(widths.values())
        short = {column: wanted[column] - widths[column] for column in Column}
        missing = sum(short.values())
        if room > 0 and missing > 0:
            for column, lacking in short.items():
                widths[column] += min(lacking, room * lacking // missing)
        room = self.table.viewport().width() - sum(widths.values())
        if room > 0:
            widths[Column.NAME] += room
        for column, width in widths.items():
            header.resizeSection(column, width)
        self._widths_fitted = True
        self._fit_pending = False

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(SPLITTER_KEY, self.splitter.saveState())
        settings.setValue(HEADER_KEY, self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        splitter = settings.value(SPLITTER_KEY)
        if isinstance(splitter, QByteArray | bytes):
            self._splitter_restored = self.splitter.restoreState(QByteArray(splitter))
        header = settings.value(HEADER_KEY)
        if isinstance(header, QByteArray | bytes):
            self._widths_fitted = self.table.horizontalHeader().restoreState(QByteArray(header))
