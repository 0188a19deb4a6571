"""The portfolio dashboard: KPI tiles, the project table and two charts.

`show_portfolio` asks a worker for the overview (tiles and table, a few aggregate queries)
and paints it; a second job, started once that paint is done, computes earned value,
over-allocation and the trend and renders both charts into images (matplotlib never runs on
the GUI thread), after which `loaded` is emitted. A newer request supersedes an older one
still running. Reloads after `data_changed` update the rows in place, so the selection,
expanded groups and scroll position stay.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.errors import PmoError
from pmo_desktop.services.dashboard import (
    DashboardOverview,
    RagThresholds,
    dashboard_overview,
    merge_details,
)
from pmo_desktop.services.kpis import DashboardDetails, dashboard_details
from pmo_desktop.ui.dashboard.charts import (
    BubbleChart,
    ChartImage,
    ChartStyle,
    TrendChart,
    bubble_texts,
    render_bubble,
    render_trend,
    trend_texts,
)
from pmo_desktop.ui.dashboard.columns import GROUP_INDENT, fit_columns
from pmo_desktop.ui.dashboard.grouping import GroupBy, GroupedProjectModel
from pmo_desktop.ui.dashboard.tiles import KpiTiles
from pmo_desktop.ui.delegates import PercentBarDelegate, RagDelegate
from pmo_desktop.ui.formatting import format_long_date
from pmo_desktop.ui.itemmodels.project_table import (
    RAG_COLUMNS,
    Column,
    ProjectFilterProxy,
    ProjectTableModel,
)
from pmo_desktop.ui.workers import Job, ProgressToken
from pmo_desktop.ui.workspace import Workspace

log = logging.getLogger(__name__)

#: Screen order of the columns, and those hidden until the user shows them.
DEFAULT_ORDER = (
    Column.CODE, Column.NAME, Column.RAG, Column.RAG_SCHEDULE, Column.RAG_COST,
    Column.RAG_SCOPE, Column.RAG_RESOURCES, Column.RAG_BENEFITS, Column.PERCENT_COMPLETE,
    Column.SPI, Column.CPI, Column.BUDGET, Column.ACTUAL, Column.FORECAST,
    Column.NEXT_MILESTONE, Column.MILESTONE_DATE, Column.SLIP, Column.TOP_RISK_SCORE,
    Column.PROGRAMME, Column.METHOD, Column.STATUS, Column.OBJECTIVE, Column.MANAGER,
    Column.PHASE, Column.START, Column.FINISH, Column.LAST_REPORT, Column.OPEN_RISKS,
)  # fmt: skip
HIDDEN_BY_DEFAULT = frozenset(
    {Column.PHASE, Column.MANAGER, Column.START, Column.FINISH, Column.OPEN_RISKS}
)
#: The heavy job starts this long after the overview arrived: Qt paints it, then relays out
#: the table (queued calls, delayed layout timers) and paints again, and a worker running
#: Python would slow every Python call of those paints (models, delegates): they wait for
#: the interpreter lock.
_SETTLE_MS = 100

SPLITTER_KEY = "portfolio/dashboardSplitter"
CHARTS_SPLITTER_KEY = "portfolio/chartsSplitter"
HEADER_KEY = "portfolio/dashboardHeader"
GROUP_KEY = "portfolio/groupBy"


def _load_overview(
    token: ProgressToken, workspace_database: Any, portfolio_id: int, as_of: date,
    thresholds: RagThresholds,
) -> DashboardOverview:  # fmt: skip
    token.raise_if_cancelled()
    return dashboard_overview(workspace_database, portfolio_id, as_of, thresholds)


def _load_details(
    token: ProgressToken, database: Any, portfolio_id: int, as_of: date,
    rows: tuple[Any, ...], bubble_style: ChartStyle, trend_style: ChartStyle,
) -> tuple[DashboardDetails, ChartImage, ChartImage]:  # fmt: skip
    """The heavy figures, and both charts rendered (matplotlib stays off the GUI thread)."""
    details = dashboard_details(database, portfolio_id, as_of, token)
    token.raise_if_cancelled()
    bubble = render_bubble(rows, bubble_style)
    token.raise_if_cancelled()
    return details, bubble, render_trend(details.trend, trend_style)


class PortfolioView(QWidget):
    """The dashboard of one portfolio (the main window's navigation chooses which)."""

    loaded = Signal()
    project_activated = Signal(int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pending_selection: int | None = None
        self.workspace = workspace
        self.thresholds = RagThresholds()
        self.portfolio_id: int | None = None
        self.dashboard: DashboardOverview | None = None
        self._loaded = False
        self._request = 0
        self._jobs: list[Job] = []
        self._widths_fitted = False
        self._pending_details: tuple[int, DashboardOverview] | None = None
        self._details_timer = QTimer(self)
        self._details_timer.setSingleShot(True)
        self._details_timer.setInterval(_SETTLE_MS)
        self._details_timer.timeout.connect(self._start_details)
        self.error: str = ""
        self.scope_label = ""

        self.table_model = ProjectTableModel(self)
        self.proxy = ProjectFilterProxy(self)
        self.proxy.setSourceModel(self.table_model)
        self.proxy.setDynamicSortFilter(True)
        self.grouped = GroupedProjectModel(self.proxy, self)

        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        self.count_label = QLabel()
        self.group_combo = QComboBox()
        for group_by in GroupBy:
            self.group_combo.addItem(group_by.label(), group_by)
        self.group_combo.currentIndexChanged.connect(self._on_group_changed)
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
        self.tiles = KpiTiles()
        self.table = self._make_table()
        self.bubble_chart = BubbleChart(workspace.pool, self.tr("Loading the portfolio chart…"))
        self.bubble_chart.project_activated.connect(self.project_activated)
        self.trend_chart = TrendChart(workspace.pool, self.tr("Loading the trend…"))
        self.charts = QSplitter(Qt.Orientation.Horizontal)
        self.charts.setChildrenCollapsible(False)
        self.charts.addWidget(self.bubble_chart)
        self.charts.addWidget(self.trend_chart)

        heading = QHBoxLayout()
        heading.setContentsMargins(0, 0, 0, 0)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        heading.addLayout(titles, 1)
        heading.addWidget(self.count_label)
        heading.addSpacing(16)
        heading.addWidget(QLabel(self.tr("Group by:")))
        heading.addWidget(self.group_combo)
        heading.addWidget(self.filter_edit)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.charts)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.setSpacing(8)
        layout.addLayout(heading)
        layout.addWidget(self.tiles)
        layout.addWidget(self.splitter, 1)
        self._make_actions()
        for signal in (self.grouped.layoutChanged, self.grouped.modelReset):
            signal.connect(self._after_layout)
        workspace.data_changed.connect(self._on_data_changed)
        workspace.database_changed.connect(self._on_database_changed)
        self._update_count()

    # Building.

    def _make_table(self) -> QTreeView:
        table = QTreeView()
        table.setModel(self.grouped)
        table.setRootIsDecorated(False)
        table.setIndentation(0)
        table.setUniformRowHeights(True)
        table.setSortingEnabled(True)
        table.sortByColumn(Column.CODE, Qt.SortOrder.AscendingOrder)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.setAllColumnsShowFocus(True)
        table.doubleClicked.connect(self._on_double_click)
        table.installEventFilter(self)
        header = table.header()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        header.setMinimumHeight(self.fontMetrics().height() * 2 + 10)
        for visual, column in enumerate(DEFAULT_ORDER):
            header.moveSection(header.visualIndex(column), visual)
        for column in HIDDEN_BY_DEFAULT:
            header.setSectionHidden(column, True)
        role = ProjectTableModel.RagRole
        trend = ProjectTableModel.TrendRole
        self._rag_delegate = RagDelegate(role, table, trend)
        self._percent_delegate = PercentBarDelegate(ProjectTableModel.PercentRole, table)
        for column in RAG_COLUMNS:
            table.setItemDelegateForColumn(column, self._rag_delegate)
        table.setItemDelegateForColumn(Column.PERCENT_COMPLETE, self._percent_delegate)
        return table

    def _make_actions(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        # No shortcut of its own: the window's Find (Ctrl+F) lands here, and a second Ctrl+F
        # would make Qt drop both as ambiguous.
        self.filter_action = QAction(self.tr("&Filter projects"), self)
        self.filter_action.triggered.connect(self.focus_filter)
        self.open_action = QAction(self.tr("&Open project"), self)
        self.open_action.triggered.connect(self._activate_current)
        self.reset_columns_action = QAction(self.tr("&Reset column widths"), self)
        self.reset_columns_action.triggered.connect(self.reset_column_widths)
        self.expand_action = QAction(self.tr("&Expand all groups"), self)
        self.expand_action.triggered.connect(self.table.expandAll)
        self.collapse_action = QAction(self.tr("&Collapse all groups"), self)
        self.collapse_action.triggered.connect(self.table.collapseAll)
        for action in self.actions_for_menu():
            action.setShortcutContext(context)
            self.addAction(action)

    def actions_for_menu(self) -> list[QAction]:
        return [
            self.filter_action,
            self.open_action,
            self.reset_columns_action,
            self.expand_action,
            self.collapse_action,
        ]

    # The view contract.

    def is_loaded(self) -> bool:
        return self._loaded

    def show_portfolio(self, portfolio_id: int) -> None:
        """Show `portfolio_id`; the figures arrive from workers, newest request wins."""
        if portfolio_id != self.portfolio_id:
            self.dashboard = None
            self.table_model.set_rows([])
            self.tiles.clear()
            self._widths_fitted = False
        self.portfolio_id = portfolio_id
        self._start_loading()

    def cancel_loading(self) -> None:
        """Stop background reads; late results are ignored (the window may be closing)."""
        for job in self._jobs:
            job.cancel()
        self._jobs = []
        self._request += 1

    def shown_portfolio_id(self) -> int | None:
        return self.portfolio_id

    def set_scope(self, project_ids: frozenset[int] | None, label: str = "") -> None:
        """Narrow the table to these projects (a programme chosen in the navigation); None
        shows them all. The tiles and charts stay on the whole portfolio."""
        self.proxy.set_scope(project_ids)
        self.scope_label = label if project_ids is not None else ""
        self._update_count()

    def set_thresholds(self, thresholds: RagThresholds) -> None:
        self.thresholds = thresholds
        if self.portfolio_id is not None:
            self._start_loading()

    def _start_loading(self) -> None:
        for job in self._jobs:
            job.cancel()
        self._jobs = []
        self._request += 1
        self._loaded = False
        self.error = ""
        if self.portfolio_id is None:
            return
        request = self._request
        workspace = self.workspace
        job = workspace.pool.submit(
            _load_overview, workspace.database, self.portfolio_id, workspace.as_of,
            self.thresholds,
        )  # fmt: skip
        job.succeeded.connect(lambda result: self._on_overview(request, result))
        job.failed.connect(lambda error: self._on_failed(request, error))
        self._jobs.append(job)

    def _on_overview(self, request: int, overview: DashboardOverview) -> None:
        if request != self._request:
            return
        self.dashboard = overview
        fit = not self._widths_fitted and bool(overview.rows) and self.isVisible()
        if fit:
            # Two short slices rather than one long: rows now, column widths next, and one
            # paint of the table after both.
            self.table.setUpdatesEnabled(False)
            QTimer.singleShot(0, self, self._fit_then_paint)
        self._show(overview, fit=False)
        if not fit:
            self._settle_layout()
        self._pending_details = (request, overview)
        self._details_timer.start()

    def _fit_then_paint(self) -> None:
        if not self._widths_fitted and self.table_model.rowCount():
            self.reset_column_widths()
        self._settle_layout()
        # The tree view repaints resized columns from a 0 ms timer: let it fire first (a
        # timer, not a posted call, comes after it), so that the table paints only once.
        QTimer.singleShot(1, self, lambda: self.table.setUpdatesEnabled(True))

    @staticmethod
    def _settle_layout() -> None:
        """Apply the pending layouts now (tiles grew, scroll bars appeared): otherwise each
        level of widgets relays out in a later pass and the window repaints after each."""
        for _ in range(6):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def _start_details(self) -> None:
        if self._pending_details is None:
            return
        (request, overview), self._pending_details = self._pending_details, None
        if request != self._request:
            return
        workspace = self.workspace
        job = workspace.pool.submit(
            _load_details, workspace.database, overview.portfolio_id, overview.as_of,
            overview.rows, self.bubble_chart.style_for(bubble_texts()),
            self.trend_chart.style_for(trend_texts(overview.as_of)),
        )  # fmt: skip
        job.succeeded.connect(lambda result: self._on_details(request, overview, *result))
        job.failed.connect(lambda error: self._on_failed(request, error))
        self._jobs.append(job)

    def _on_details(
        self, request: int, overview: DashboardOverview, details: DashboardDetails,
        bubble: ChartImage, trend: ChartImage,
    ) -> None:  # fmt: skip
        if request != self._request:
            return
        dashboard = merge_details(overview, details)
        self.dashboard = dashboard
        self._show(dashboard)
        self._settle_layout()
        self.bubble_chart.set_rows(dashboard.rows, bubble, bubble_texts())
        self.trend_chart.set_trend(dashboard.trend, trend, trend_texts(dashboard.as_of))
        self._jobs = []
        self._loaded = True
        self.loaded.emit()

    def _on_failed(self, request: int, error: object) -> None:
        if request != self._request:
            return
        self._jobs = []
        self.error = str(error) if isinstance(error, PmoError) else repr(error)
        log.warning("Dashboard not loaded: %s", self.error)
        self.subtitle.setText(self.tr("The figures could not be read: {error}").format(
            error=self.error))  # fmt: skip
        self._loaded = True
        self.loaded.emit()

    def _show(self, overview: DashboardOverview, *, fit: bool = True) -> None:
        self.title.setText(overview.name)
        self.subtitle.setText(
            self.tr("Figures as of {date}").format(date=format_long_date(overview.as_of))
        )
        self.table_model.set_rows(overview.rows, overview.thresholds)
        if self._pending_selection is not None:
            self.select_project(self._pending_selection)
        self.tiles.show_tiles(overview.tiles, overview.thresholds)
        self._update_count()
        if fit and not self._widths_fitted and overview.rows and self.isVisible():
            self.reset_column_widths()

    def _on_data_changed(self, _models: object) -> None:
        if self.portfolio_id is not None:
            self._start_loading()

    def _on_database_changed(self) -> None:
        self.portfolio_id = None
        self.dashboard = None
        self._start_loading()
        self.table_model.set_rows([])
        self.tiles.clear()
        self.title.setText("")
        self.subtitle.setText("")
        self._update_count()

    # Table behaviour.

    def _after_layout(self) -> None:
        grouped = self.grouped.group_by is not GroupBy.NONE
        for number in range(self.grouped.group_count()):
            self.table.setFirstColumnSpanned(number, QModelIndex(), grouped)
        self._update_count()

    def _on_group_changed(self, _index: int) -> None:
        group_by = self.group_combo.currentData()
        grouped = group_by is not GroupBy.NONE
        was_grouped = self.grouped.group_by is not GroupBy.NONE
        self.table.setRootIsDecorated(grouped)
        self.table.setIndentation(GROUP_INDENT if grouped else 0)
        if grouped != was_grouped:
            header = self.table.header()
            change = 2 * GROUP_INDENT if grouped else -2 * GROUP_INDENT
            header.resizeSection(Column.CODE, header.sectionSize(Column.CODE) + change)
        self.grouped.set_group_by(group_by)
        self.table.expandAll()

    def set_group_by(self, group_by: GroupBy) -> None:
        self.group_combo.setCurrentIndex(self.group_combo.findData(group_by))

    def _on_filter_text(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        if self.grouped.group_by is not GroupBy.NONE:
            self.table.expandAll()

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.table_model.rowCount()
        if self.scope_label:
            self.count_label.setText(
                self.tr("{scope}: {shown} of {total} projects").format(
                    scope=self.scope_label, shown=shown, total=total
                )
            )
        elif shown == total:
            self.count_label.setText(self.tr("Projects: {total}").format(total=total))
        else:
            self.count_label.setText(
                self.tr("Projects: {shown} of {total}").format(shown=shown, total=total)
            )

    def visible_project_ids(self) -> list[int]:
        """The projects of the table as shown: filtered, grouped and sorted."""
        return self.grouped.project_ids()

    def selected_project_id(self) -> int | None:
        current = self.table.currentIndex()
        if not current.isValid() or not self.table.selectionModel().isSelected(current):
            return None
        return current.data(ProjectTableModel.ProjectIdRole)

    def select_project(self, project_id: int) -> bool:
        """Make the project the current, selected row; False if it is not shown (yet).

        A project asked for before the rows arrive is selected when they do.
        """
        index = self.grouped.project_index(project_id)
        if not index.isValid():
            self._pending_selection = project_id
            return False
        self._pending_selection = None
        if index.parent().isValid():
            self.table.expand(index.parent())
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def _on_double_click(self, index: QModelIndex) -> None:
        project_id = index.data(ProjectTableModel.ProjectIdRole)
        if project_id is not None:
            self.project_activated.emit(project_id)

    def _activate_current(self) -> None:
        project_id = self.table.currentIndex().data(ProjectTableModel.ProjectIdRole)
        if project_id is not None:
            self.project_activated.emit(project_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is getattr(self, "table", None)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.table.currentIndex().data(ProjectTableModel.ProjectIdRole) is not None
        ):
            self._activate_current()
            return True
        return super().eventFilter(watched, event)

    def _header_menu(self, position: Any) -> None:
        header = self.table.header()
        menu = QMenu(self)
        for visual in range(header.count()):
            column = header.logicalIndex(visual)
            title = str(self.grouped.headerData(column, Qt.Orientation.Horizontal) or "")
            action = menu.addAction(title.replace("\n", " "))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(column not in (Column.CODE, Column.NAME))
            action.toggled.connect(
                lambda shown, column=column: header.setSectionHidden(column, not shown)
            )
        menu.exec(header.mapToGlobal(position))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._widths_fitted and self.table_model.rowCount():
            QTimer.singleShot(0, self.reset_column_widths)

    def reset_column_widths(self) -> None:
        """Fit the columns to sampled rows and their titles (capped); Project takes the rest."""
        fit_columns(self.table, self.table_model, self.grouped.group_by is not GroupBy.NONE)
        self._widths_fitted = True

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(SPLITTER_KEY, self.splitter.saveState())
        settings.setValue(CHARTS_SPLITTER_KEY, self.charts.saveState())
        settings.setValue(HEADER_KEY, self.table.header().saveState())
        settings.setValue(GROUP_KEY, self.grouped.group_by.name)

    def restore_state(self, settings: QSettings) -> None:
        for key, splitter in ((SPLITTER_KEY, self.splitter), (CHARTS_SPLITTER_KEY, self.charts)):
            state = settings.value(key)
            if isinstance(state, QByteArray | bytes):
                splitter.restoreState(QByteArray(state))
        header = settings.value(HEADER_KEY)
        if isinstance(header, QByteArray | bytes):
            self._widths_fitted = self.table.header().restoreState(QByteArray(header))
        group = settings.value(GROUP_KEY)
        if isinstance(group, str) and group in GroupBy.__members__:
            self.set_group_by(GroupBy[group])
