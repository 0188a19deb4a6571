"""The resource loading view on the scheduled demo: heat colours read back from the painted
grid, the header moving with the cells, the histogram's figures and the drill-down."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select
from view_teardown import close_view

from pmo_desktop.models import Assignment, Portfolio, Resource, ResourceKind, Task
from pmo_desktop.services.database import Database
from pmo_desktop.services.resource_view import LoadingRow
from pmo_desktop.ui.resources.heatmap import HEADER_HEIGHT, ROW_HEIGHT
from pmo_desktop.ui.resources.view import ResourceLoadingView
from pmo_desktop.ui.workers import WorkPool
from pmo_desktop.ui.workspace import Workspace


@pytest.fixture
def portfolio_id(demo: Database) -> int:
    with demo.session() as session:
        return session.scalars(select(Portfolio.id)).one()


@pytest.fixture
def view(qtbot, demo: Database, dialogs: Any, portfolio_id: int) -> Iterator[ResourceLoadingView]:
    pool = WorkPool()
    workspace = Workspace(demo, dialogs=dialogs, pool=pool)
    widget = ResourceLoadingView(workspace)
    widget.resize(1400, 900)
    widget.show()
    with qtbot.waitSignal(widget.loaded, timeout=20_000):
        widget.show_portfolio(portfolio_id)
    QApplication.processEvents()
    yield widget
    close_view(widget, pool)


def _image(widget: QWidget) -> QImage:
    return widget.grab().toImage()


def _pixel(image: QImage, point: QPoint) -> QColor:
    ratio = image.devicePixelRatio()
    return image.pixelColor(round(point.x() * ratio), round(point.y() * ratio))


def _find(view: ResourceLoadingView, wanted: Any) -> tuple[int, int]:
    """The first (visible row, period) of a resource whose cell satisfies `wanted`."""
    assert view.loading is not None
    for index, row in enumerate(view.grid.visible_rows):
        if row.is_role:
            continue
        for period in range(view.loading.period_count):
            if wanted(row, period):
                return index, period
    raise AssertionError("no such cell in the demo")


def _is_red(colour: QColor) -> bool:
    return colour.red() > 110 and colour.green() < 70 and colour.blue() < 70


def test_over_allocated_cells_are_painted_red(view: ResourceLoadingView) -> None:
    over = _find(view, lambda row, k: row.load[k] > row.capacity[k] * 1.05 and row.capacity[k])
    under = _find(view, lambda row, k: 0 < row.load[k] < row.capacity[k] * 0.95)
    for (row, period), red in ((over, True), (under, False)):
        view.grid.select(row, period)
        QApplication.processEvents()
        rect = view.grid.cell_rect(row, period)
        image = _image(view.grid.viewport())
        # A corner of the cell: the percentage is written in its middle.
        colour = _pixel(image, rect.topLeft() + QPoint(4, 4))
        assert _is_red(colour) is red, (row, period, colour.name())
        if not red:
            assert colour.green() > colour.red()


def test_header_and_labels_scroll_with_the_cells(view: ResourceLoadingView) -> None:
    grid = view.grid
    width = grid.column_width
    half = HEADER_HEIGHT // 2
    before = _image(grid.header)
    labels_before = _image(grid.labels)
    grid.horizontalScrollBar().setValue(5 * width)
    grid.verticalScrollBar().setValue(3 * ROW_HEIGHT)
    QApplication.processEvents()
    after = _image(grid.header)
    labels_after = _image(grid.labels)
    assert grid.period_at(1) == 5
    assert grid.row_at(1) == 3
    ratio = before.devicePixelRatio()

    def region(image: QImage, x: int, y: int, w: int, h: int) -> QImage:
        return image.copy(round(x * ratio), round(y * ratio), round(w * ratio), round(h * ratio))

    # Period 5's label moved from x = 5 columns to the left edge, row 3's label to the top.
    assert region(before, 5 * width, half, width, half) == region(after, 0, half, width, half)
    assert region(before, 0, half, width, half) != region(after, 0, half, width, half)
    assert region(labels_before, 0, 3 * ROW_HEIGHT, 200, ROW_HEIGHT) == region(
        labels_after, 0, 0, 200, ROW_HEIGHT
    )


def test_histogram_stacks_the_rows_demand_against_its_capacity(
    view: ResourceLoadingView,
) -> None:
    row, period = _find(view, lambda line, k: line.load[k] > line.capacity[k] * 1.2)
    view.grid.select(row, period)
    line: LoadingRow = view.grid.visible_rows[row]
    histogram = view.histogram
    assert histogram.totals() == pytest.approx(list(line.load))
    assert histogram.capacity == line.capacity
    assert len(histogram.labels) == view.loading.period_count  # type: ignore[union-attr]
    assert line.name in histogram.title
    # The part of the bar above capacity is highlighted in red.
    plot = histogram.plot_rect()
    top_value = max([*histogram.totals(), *line.capacity, 1.0]) * 1.08
    scale = plot.height() / top_value
    slot = plot.width() / len(histogram.labels)
    x = plot.left() + (period + 0.5) * slot
    middle = (line.load[period] + line.capacity[period]) / 2
    colour = _pixel(_image(histogram), QPointF(x, plot.bottom() - middle * scale).toPoint())
    assert colour.red() > colour.green() + 40 and colour.red() > colour.blue() + 40
    # A role row sums its people.
    role_index = next(i for i, entry in enumerate(view.grid.visible_rows) if entry.is_role)
    view.grid.select(role_index, -1)
    role = view.grid.visible_rows[role_index]
    assert histogram.totals() == pytest.approx(list(role.load))


def test_drill_down_lists_the_cell_and_opens_a_task(
    qtbot, view: ResourceLoadingView, demo: Database
) -> None:
    row, period = _find(view, lambda line, k: line.load[k] > 0)
    grid = view.grid
    grid.select(row, period)
    QApplication.processEvents()
    centre = grid.cell_rect(row, period).center()
    with qtbot.waitSignal(view.drilled, timeout=10_000):
        qtbot.mouseDClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    line = grid.visible_rows[row]
    model = view.drill_model
    assert model.rowCount() > 0
    assert model.total_hours() == pytest.approx(line.load[period])
    shown = [
        float(model.index(r, 3).data(Qt.ItemDataRole.EditRole)) for r in range(model.rowCount())
    ]
    assert sum(shown) == pytest.approx(line.load[period])
    with demo.session() as session:
        rows = session.execute(
            select(Task.project_id, Task.id)
            .join(Assignment, Assignment.task_id == Task.id)
            .where(Assignment.resource_id == line.key)
        )
        tasks = {(project_id, task_id) for project_id, task_id in rows}
    listed = {model.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(model.rowCount())}
    assert listed <= tasks
    index = model.index(0, 1)
    view.drill_table.scrollTo(index)
    position = view.drill_table.visualRect(index).center()
    viewport = view.drill_table.viewport()
    with qtbot.waitSignal(view.task_activated, timeout=2_000) as signal:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=position)
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=position)
    assert tuple(signal.args) == model.index(0, 0).data(Qt.ItemDataRole.UserRole)


def test_months_reload_and_state(qtbot, view: ResourceLoadingView) -> None:
    row, period = _find(view, lambda line, k: line.load[k] > 0)
    view.grid.select(row, period)
    key = view.grid.current_key()
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        view.set_unit("month")
    loading = view.loading
    assert loading is not None and loading.unit == "month" and loading.period_count == 24
    assert all(day.day == 1 for day in loading.boundaries)
    assert view.month_action.isChecked() and view.unit_box.currentData() == "month"
    assert view.grid.current_key() == key
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        view.workspace.data_changed.emit({Assignment})
    assert view.grid.current_key() == key
    settings = QSettings()
    view.save_state(settings)
    view.set_unit("week")
    view.restore_state(settings)
    assert view.unit == "month"
    view.workspace.database_changed.emit()
    assert view.loading is None and view.grid.visible_rows == []
    assert not view.is_loaded()


def test_a_role_folds_away_its_people(view: ResourceLoadingView) -> None:
    grid = view.grid
    role = next(row for row in grid.visible_rows if row.is_role)
    members = sum(1 for row in grid.visible_rows if not row.is_role and row.role == role.role)
    count = len(grid.visible_rows)
    # A member is current: folding its role makes the role current.
    grid.select(grid.visible_rows.index(role) + 1, 0)
    grid.toggle_role(role.role)
    assert len(grid.visible_rows) == count - members
    assert grid.current() == role
    grid.toggle_role(role.role)
    assert len(grid.visible_rows) == count


def test_grouping_by_department(qtbot, view: ResourceLoadingView, demo: Database) -> None:
    with demo.session() as session:
        departments = set(
            session.scalars(
                select(Resource.department).where(
                    Resource.active.is_(True),
                    Resource.kind.in_((ResourceKind.PERSON, ResourceKind.ROLE)),
                )
            )
        )
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        view.department_action.trigger()
    assert view.group_box.currentData() == "department"
    groups = [row for row in view.grid.visible_rows if row.is_role]
    assert {row.name for row in groups} == departments
    first = groups[0]
    members = [row for row in view.grid.visible_rows if not row.is_role and row.role == first.key]
    assert members
    for k in range(view.loading.period_count):  # type: ignore[union-attr]
        assert first.capacity[k] == pytest.approx(sum(row.capacity[k] for row in members))
    view.grid.select(0, -1)
    assert "(department)" in view.histogram.title


def test_the_view_opens_on_the_earliest_over_allocation(view: ResourceLoadingView) -> None:
    loading = view.loading
    assert loading is not None
    rows = view.grid.visible_rows
    firsts = [
        (next(k for k in range(loading.period_count) if row.is_over(k)), index)
        for index, row in enumerate(rows)
        if not row.is_role and any(row.is_over(k) for k in range(loading.period_count))
    ]
    assert firsts, "the demo has over-allocated people"
    period, index = min(firsts)
    assert (view.grid.current_row, view.grid.current_period) == (index, period)
