"""The resource loading view: the portfolio's heat grid, the selected row's histogram and the
assignments behind a cell.

`show_portfolio` returns at once: `read_resource_loading` runs in the workspace's pool (the
newest request wins) and the grid shows it when it arrives, then `loaded` is emitted.
Reloads after a change keep the selected row, the period and the folded roles.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.errors import PmoError
from pmo_desktop.models import (
    Assignment,
    Calendar,
    CalendarException,
    Portfolio,
    Programme,
    Project,
    Resource,
    Task,
)
from pmo_desktop.services.levelling import levelling_scopes
from pmo_desktop.services.resource_view import (
    CellAssignment,
    GroupBy,
    ResourceLoading,
    ViewUnit,
    cell_assignments,
    read_resource_loading,
)
from pmo_desktop.storage.database import Database
from pmo_desktop.ui.formatting import format_date
from pmo_desktop.ui.resources.capacity_panel import CapacityPanel
from pmo_desktop.ui.resources.drilldown import CellAssignmentsModel
from pmo_desktop.ui.resources.heatmap import HeatGrid
from pmo_desktop.ui.resources.histogram import LoadHistogram
from pmo_desktop.ui.resources.legend import ScaleLegend
from pmo_desktop.ui.resources.levelling_clear import ClearLevellingAction
from pmo_desktop.ui.resources.levelling_dialog import LevellingDialog, open_levelling_dialog
from pmo_desktop.ui.workers import Job, ProgressToken
from pmo_desktop.ui.workspace import Workspace, touches

log = logging.getLogger(__name__)

#: Periods shown per unit: two years of weeks, or two years of months.
PERIODS: dict[str, int] = {"week": 104, "month": 24}
GROUPINGS = ("role", "department")
_SETTINGS = "resourceLoading/"
_SHOWN = (Assignment, Resource, Task, Project, Calendar, CalendarException, Portfolio, Programme)


def _load(
    token: ProgressToken,
    database: Database,
    portfolio_id: int,
    as_of: date,
    unit: ViewUnit,
    programme_id: int | None,
    group_by: GroupBy,
    include_proposed: bool,
) -> ResourceLoading:
    return read_resource_loading(
        database, portfolio_id, as_of, unit, PERIODS[unit], programme_id=programme_id,
        group_by=group_by, include_proposed=include_proposed, progress=token,
    )  # fmt: skip


def _drill(
    token: ProgressToken, database: Database, loading: ResourceLoading, row: object, period: int
) -> list[CellAssignment]:
    token.raise_if_cancelled()
    return cell_assignments(database, loading, row, period)  # type: ignore[arg-type]


class ResourceLoadingView(QWidget):
    """Loading of every resource of the portfolio (or one programme's projects) by period."""

    loaded = Signal()
    #: Double-click on an assignment of the drill-down: (project id, task id).
    task_activated = Signal(int, int)
    #: The drill-down list was filled (or its read failed).
    drilled = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.portfolio_id: int | None = None
        self.programme_id: int | None = None
        self.unit: ViewUnit = "week"
        self.group_by: GroupBy = "role"
        #: What-if: the demand of proposed (pipeline) projects counts too.
        self.include_proposed = False
        self.loading: ResourceLoading | None = None
        self.error = ""
        self._loaded = False
        self._request = 0
        self._drill_request = 0
        self._jobs: list[Job] = []
        self._drilled: tuple[tuple[str, int | str], int] | None = None

        self.title = QLabel()
        self.title.setObjectName("resourceLoadingTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.unit_box = QComboBox()
        self.unit_box.addItem(self.tr("Weeks"), "week")
        self.unit_box.addItem(self.tr("Months"), "month")
        self.unit_box.currentIndexChanged.connect(self._on_unit_box)
        self.group_box = QComboBox()
        self.group_box.addItem(self.tr("Role"), "role")
        self.group_box.addItem(self.tr("Department"), "department")
        self.group_box.currentIndexChanged.connect(self._on_group_box)
        self.scope_box = QComboBox()
        self.scope_box.setToolTip(self.tr("Whose demand the grid shows"))
        self.scope_box.setMinimumContentsLength(12)
        self.scope_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.scope_box.activated.connect(self._on_scope_box)
        self.proposed_box = QCheckBox(self.tr("Include proposed projects"))
        self.proposed_box.setToolTip(
            self.tr("What-if: add the demand of proposed (pipeline) projects")
        )
        self.proposed_box.toggled.connect(self.set_include_proposed)
        self.legend = ScaleLegend()
        self.legend.setMinimumSize(330, 34)

        self.grid = HeatGrid()
        self.grid.current_changed.connect(self._on_current_changed)
        self.grid.cell_activated.connect(self.drill_down)
        self.histogram = LoadHistogram()
        self.drill_title = QLabel(self.tr("Double-click a cell to list its assignments."))
        self.drill_title.setWordWrap(True)
        self.drill_model = CellAssignmentsModel(self)
        self.drill_table = QTreeView()
        self.drill_table.setRootIsDecorated(False)
        self.drill_table.setUniformRowHeights(True)
        self.drill_table.setAlternatingRowColors(True)
        self.drill_table.setModel(self.drill_model)
        self.drill_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.drill_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.drill_table.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.drill_table.header().setStretchLastSection(False)
        self.drill_table.activated.connect(self._on_drill_activated)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(self.summary, 1)
        top.addWidget(self.legend)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Demand of:")))
        controls.addWidget(self.scope_box)
        controls.addSpacing(8)
        controls.addWidget(self.proposed_box)
        controls.addStretch(1)
        controls.addWidget(QLabel(self.tr("Group by:")))
        controls.addWidget(self.group_box)
        controls.addSpacing(8)
        controls.addWidget(QLabel(self.tr("Periods:")))
        controls.addWidget(self.unit_box)
        drill = QWidget()
        drill_layout = QVBoxLayout(drill)
        drill_layout.setContentsMargins(0, 0, 0, 0)
        drill_layout.addWidget(self.drill_title)
        drill_layout.addWidget(self.drill_table, 1)
        self.capacity = CapacityPanel(workspace)
        self.charts = QTabWidget()
        self.charts.setDocumentMode(True)
        self.charts.addTab(self.histogram, self.tr("Selected row"))
        self.charts.addTab(self.capacity, self.tr("Capacity by role, 12 months"))
        self.charts.currentChanged.connect(self._on_chart_tab)
        self._capacity_stale = True
        self.bottom = QSplitter(Qt.Orientation.Horizontal)
        self.bottom.addWidget(self.charts)
        self.bottom.addWidget(drill)
        self.bottom.setStretchFactor(0, 3)
        self.bottom.setStretchFactor(1, 2)
        self.bottom.setSizes([600, 400])
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.grid)
        self.splitter.addWidget(self.bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(controls)
        layout.addWidget(self.splitter, 1)

        self.week_action = QAction(self.tr("Loading by &Week"), self)
        self.month_action = QAction(self.tr("Loading by &Month"), self)
        group = QActionGroup(self)
        for action, unit in ((self.week_action, "week"), (self.month_action, "month")):
            action.setCheckable(True)
            action.setData(unit)
            group.addAction(action)
            action.triggered.connect(lambda _=False, chosen=unit: self.set_unit(chosen))
        self.week_action.setChecked(True)
        self.role_action = QAction(self.tr("Group by &Role"), self)
        self.department_action = QAction(self.tr("Group by &Department"), self)
        grouping = QActionGroup(self)
        groups = ((self.role_action, "role"), (self.department_action, "department"))
        for action, group_by in groups:
            action.setCheckable(True)
            grouping.addAction(action)
            action.triggered.connect(lambda _=False, chosen=group_by: self.set_group_by(chosen))
        self.role_action.setChecked(True)
        self.level_action = QAction(self.tr("&Level Resources…"), self)
        self.level_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.level_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.level_action.setStatusTip(
            self.tr("Delay tasks so that no resource is over-allocated, with a preview")
        )
        self.level_action.triggered.connect(self.open_levelling)
        self.addAction(self.level_action)
        self.clear_level_action = ClearLevellingAction(workspace, self)
        self._update_level_action()

        workspace.data_changed.connect(self._on_data_changed)
        workspace.database_changed.connect(self._on_database_changed)

    # The view contract.

    def is_loaded(self) -> bool:
        return self._loaded

    def actions_for_menu(self) -> list[QAction]:
        return [self.level_action, self.clear_level_action, self.week_action,
                self.month_action, self.role_action, self.department_action]  # fmt: skip

    def open_levelling(self) -> LevellingDialog | None:
        """Open Level Resources… on the shown portfolio (the shown programme preselected)."""
        if self.portfolio_id is None or self.workspace.read_only:
            return None
        return open_levelling_dialog(self.workspace, self.portfolio_id, self.programme_id, self)

    def _update_level_action(self) -> None:
        enabled = self.portfolio_id is not None and not self.workspace.read_only
        self.level_action.setEnabled(enabled)
        self.clear_level_action.setEnabled(enabled)

    def show_portfolio(self, portfolio_id: int, programme_id: int | None = None) -> None:
        """Show the loading of `portfolio_id` (demand of one programme's projects if given)."""
        if (portfolio_id, programme_id) != (self.portfolio_id, self.programme_id):
            self.loading = None
            self.grid.set_loading(None)
            self._clear_details()
        if portfolio_id != self.portfolio_id or self.scope_box.count() == 0:
            self._fill_scope_box(portfolio_id)
        self.portfolio_id, self.programme_id = portfolio_id, programme_id
        self.scope_box.setCurrentIndex(max(0, self.scope_box.findData(programme_id or 0)))
        self._update_level_action()
        self._start_loading()

    def set_unit(self, unit: ViewUnit) -> None:
        """Weeks (104 from the as-of week) or months (24 from the as-of month)."""
        if unit not in PERIODS or unit == self.unit:
            return
        self.unit = unit
        self.unit_box.blockSignals(True)
        self.unit_box.setCurrentIndex(self.unit_box.findData(unit))
        self.unit_box.blockSignals(False)
        (self.week_action if unit == "week" else self.month_action).setChecked(True)
        self._clear_details()
        self._start_loading()

    def set_group_by(self, group_by: GroupBy) -> None:
        """Group the resources by role or by department."""
        if group_by not in GROUPINGS or group_by == self.group_by:
            return
        self.group_by = group_by
        self.group_box.blockSignals(True)
        self.group_box.setCurrentIndex(self.group_box.findData(group_by))
        self.group_box.blockSignals(False)
        (self.role_action if group_by == "role" else self.department_action).setChecked(True)
        self._clear_details()
        self._start_loading()

    def cancel_loading(self) -> None:
        """Stop background reads; late results are ignored."""
        for job in self._jobs:
            job.cancel()
        self._jobs = []
        self._request += 1
        self._drill_request += 1
        self.capacity.cancel()
        self.clear_level_action.clearer.cancel()
        self._capacity_stale = True

    def set_include_proposed(self, include: bool) -> None:
        """What-if: count the demand of proposed projects in the grid and capacity plan."""
        if include == self.include_proposed:
            return
        self.include_proposed = include
        self.proposed_box.blockSignals(True)
        self.proposed_box.setChecked(include)
        self.proposed_box.blockSignals(False)
        self._start_loading()

    def show_capacity(self) -> None:
        """Switch the bottom-left panel to capacity planning (read if needed)."""
        self.charts.setCurrentWidget(self.capacity)

    def _fill_scope_box(self, portfolio_id: int) -> None:
        self.scope_box.clear()
        self.scope_box.addItem(self.tr("Whole portfolio"), 0)
        try:
            programmes, _ = levelling_scopes(self.workspace.database, portfolio_id)
        except PmoError as exc:
            log.warning("Programmes not read: %s", exc)
            programmes = []
        for programme_id, name in programmes:
            self.scope_box.addItem(name, programme_id)

    def _on_scope_box(self, index: int) -> None:
        if self.portfolio_id is not None:
            self.show_portfolio(self.portfolio_id, self.scope_box.itemData(index) or None)

    def _on_chart_tab(self, _index: int) -> None:
        self._refresh_capacity()

    def _refresh_capacity(self) -> None:
        if (self._capacity_stale and self.portfolio_id is not None
                and self.charts.currentWidget() is self.capacity):  # fmt: skip
            self._capacity_stale = False
            self.capacity.load(self.portfolio_id, self.programme_id, self.include_proposed)

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(_SETTINGS + "splitter", self.splitter.saveState())
        settings.setValue(_SETTINGS + "bottom", self.bottom.saveState())
        settings.setValue(_SETTINGS + "drillHeader", self.drill_table.header().saveState())
        settings.setValue(_SETTINGS + "unit", self.unit)
        settings.setValue(_SETTINGS + "groupBy", self.group_by)
        settings.setValue(_SETTINGS + "chartTab", self.charts.currentIndex())
        settings.setValue(_SETTINGS + "includeProposed", self.include_proposed)

    def restore_state(self, settings: QSettings) -> None:
        for key, target in (("splitter", self.splitter), ("bottom", self.bottom)):
            state = settings.value(_SETTINGS + key)
            if isinstance(state, QByteArray):
                target.restoreState(state)
        header = settings.value(_SETTINGS + "drillHeader")
        if isinstance(header, QByteArray):
            self.drill_table.header().restoreState(header)
        unit = settings.value(_SETTINGS + "unit")
        if unit in PERIODS:
            self.set_unit(unit)  # type: ignore[arg-type]
        group_by = settings.value(_SETTINGS + "groupBy")
        if group_by in GROUPINGS:
            self.set_group_by(group_by)  # type: ignore[arg-type]
        tab = settings.value(_SETTINGS + "chartTab")
        if tab is not None and str(tab).isdigit():
            self.charts.setCurrentIndex(int(str(tab)))
        self.set_include_proposed(str(settings.value(_SETTINGS + "includeProposed")) == "true")

    # Loading.

    def _start_loading(self) -> None:
        for job in self._jobs:
            job.cancel()
        self._jobs = []
        self._request += 1
        self._loaded = False
        self.error = ""
        if self.portfolio_id is None:
            return
        self._capacity_stale = True
        self._refresh_capacity()
        request = self._request
        workspace = self.workspace
        job = workspace.pool.submit(
            _load, workspace.database, self.portfolio_id, workspace.as_of, self.unit,
            self.programme_id, self.group_by, self.include_proposed,
        )  # fmt: skip
        job.succeeded.connect(lambda result: self._on_loaded(request, result))
        job.failed.connect(lambda error: self._on_failed(request, error))
        self._jobs.append(job)
        if self.loading is None:
            self.summary.setText(self.tr("Reading the assignments…"))

    def _on_loaded(self, request: int, loading: ResourceLoading) -> None:
        if request != self._request:
            return
        self._jobs = []
        self.loading = loading
        self.grid.set_loading(loading)
        if self.grid.current_row < 0:
            self._select_first_over_allocation()
        self._show_summary(loading)
        if self._drilled is not None:
            key, period = self._drilled
            row = self.grid.row_of(key)
            if row is not None and period < loading.period_count:
                self.drill_down(row, period)
            else:
                self._clear_drill()
        self._loaded = True
        self.loaded.emit()

    def _on_failed(self, request: int, error: object) -> None:
        if request != self._request:
            return
        self._jobs = []
        self.error = str(error) if isinstance(error, PmoError) else repr(error)
        log.warning("Resource loading not read: %s", self.error)
        self.summary.setText(self.tr("The loading could not be read: {error}").format(
            error=self.error))  # fmt: skip
        self._loaded = True
        self.loaded.emit()

    def _select_first_over_allocation(self) -> None:
        """Start on the earliest over-allocation (else the first row), so that the
        histogram shows something worth a look."""
        rows = self.grid.visible_rows
        if not rows or self.loading is None:
            return
        periods = range(self.loading.period_count)
        earliest: list[tuple[int, int]] = []
        for index, row in enumerate(rows):
            over = next((k for k in periods if row.is_over(k)), None) if not row.is_role else None
            if over is not None:
                earliest.append((over, index))
        period, index = min(earliest, default=(0, 0))
        self.grid.select(index, period)

    def _show_summary(self, loading: ResourceLoading) -> None:
        people = [row for row in loading.rows if not row.is_role]
        over = sum(1 for row in people if any(row.is_over(k) for k in range(loading.period_count)))
        first, _ = loading.period(0)
        _, last = loading.period(loading.period_count - 1)
        self.title.setText(self.tr("Resource loading"))
        self.summary.setText(
            self.tr("{first} – {last}: {count} resources, {over} over-allocated").format(
                first=format_date(first), last=format_date(last), count=len(people), over=over
            )
        )

    def _on_data_changed(self, models: object) -> None:
        if self.portfolio_id is not None and touches(models, *_SHOWN):  # type: ignore[arg-type]
            self._start_loading()

    def _on_database_changed(self) -> None:
        self.cancel_loading()
        self.portfolio_id = None
        self.programme_id = None
        self._update_level_action()
        self.loading = None
        self._loaded = False
        self.grid.set_loading(None)
        self._clear_details()
        self.capacity.clear()
        self.scope_box.clear()
        self.title.setText("")
        self.summary.setText("")

    def _on_group_box(self, index: int) -> None:
        group_by = self.group_box.itemData(index)
        if group_by in GROUPINGS:
            self.set_group_by(group_by)

    def _on_unit_box(self, index: int) -> None:
        unit = self.unit_box.itemData(index)
        if unit in PERIODS:
            self.set_unit(unit)

    # Histogram and drill-down.

    def _clear_details(self) -> None:
        self.histogram.clear()
        self._clear_drill()

    def _clear_drill(self) -> None:
        self._drill_request += 1
        self._drilled = None
        self.drill_model.set_rows([])
        self.drill_title.setText(self.tr("Double-click a cell to list its assignments."))

    def _on_current_changed(self, row: int, period: int) -> None:
        line = self.grid.current()
        loading = self.loading
        if line is None or loading is None:
            self.histogram.clear()
            return
        names = loading.projects
        demand = {
            names.get(project, str(project)): hours
            for project, hours in loading.demand_by_project(line).items()
        }
        locale = self.locale()
        if loading.unit == "week":
            labels = [locale.toString(day, "d MMM") for day in loading.boundaries[:-1]]
        else:
            labels = [locale.toString(day, "MMM yyyy") for day in loading.boundaries[:-1]]
        name = self.grid.display_name(line)
        if not line.is_role:
            title = self.tr("{name}: demand by project and capacity, hours").format(name=name)
        elif loading.group_by == "department":
            title = self.tr("{name} (department): demand by project and capacity, hours").format(
                name=name
            )
        else:
            title = self.tr("{name} (role): demand by project and capacity, hours").format(
                name=name
            )
        self.histogram.set_data(
            title, labels, line.capacity, demand, self.tr("{count} other projects")
        )
        self.histogram.set_highlight(period)

    def drill_down(self, row: int, period: int) -> None:
        """List, in a worker, the assignments that make up cell (visible row, period)."""
        loading = self.loading
        if loading is None or not 0 <= row < len(self.grid.visible_rows):
            return
        line = self.grid.visible_rows[row]
        self._drill_request += 1
        request = self._drill_request
        self._drilled = (("role" if line.is_role else "resource", line.key), period)
        first, last = loading.period(period)
        self.drill_title.setText(
            self.tr("{name}, {first} – {last}: reading…").format(
                name=self.grid.display_name(line),
                first=format_date(first),
                last=format_date(last),
            )
        )
        job = self.workspace.pool.submit(_drill, self.workspace.database, loading, line, period)
        job.succeeded.connect(
            lambda result: self._on_drilled(
                request, self.grid.display_name(line), first, last, result
            )
        )
        job.failed.connect(lambda error: self._on_drill_failed(request, error))
        self._jobs.append(job)

    def _on_drilled(
        self, request: int, name: str, first: date, last: date, rows: list[CellAssignment]
    ) -> None:
        if request != self._drill_request:
            return
        self.drill_model.set_rows(rows)
        header = self.drill_table.header()
        # One person's cell names that person on every line: the column only says it again.
        self.drill_table.setColumnHidden(2, len({row.resource_id for row in rows}) <= 1)
        for column, widest in enumerate((190, 230, 160, 80)):
            self.drill_table.resizeColumnToContents(column)
            header.resizeSection(column, min(header.sectionSize(column), widest))
        total = self.drill_model.total_hours()
        self.drill_title.setText(
            self.tr("{name}, {first} – {last}: {count} assignments, {hours} h").format(
                name=name,
                first=format_date(first),
                last=format_date(last),
                count=len(rows),
                hours=self.locale().toString(total, "f", 1),
            )
        )
        self.drilled.emit()

    def _on_drill_failed(self, request: int, error: object) -> None:
        if request != self._drill_request:
            return
        message = str(error) if isinstance(error, PmoError) else repr(error)
        self.drill_title.setText(self.tr("The assignments could not be read: {error}").format(
            error=message))  # fmt: skip
        self.drilled.emit()

    def _on_drill_activated(self, index: QModelIndex) -> None:
        found = index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole)
        if found:
            project_id, task_id = found
            self.task_activated.emit(project_id, task_id)
