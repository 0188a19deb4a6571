"""The portfolio Gantt on the real (rescheduled) demo portfolio: project bars where their dates
and rows put them, expanding a project into its tasks, the links between projects, the
signals of a double-click, zoom, the programme scope, reloads, state and picture export."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QColor, QImage, QWheelEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from view_teardown import close_view

from pmo_desktop.models import Portfolio, Project
from pmo_desktop.services.database import Database
from pmo_desktop.services.gantt import gantt_data
from pmo_desktop.ui.gantt.painting import Palette
from pmo_desktop.ui.gantt.portfolio_tree import RowKind
from pmo_desktop.ui.gantt.portfolio_view import PortfolioGanttView
from pmo_desktop.ui.workers import WorkPool
from pmo_desktop.ui.workspace import Workspace

AS_OF = date(2026, 10, 30)


@pytest.fixture
def view(qtbot, demo: Database, dialogs) -> Iterator[PortfolioGanttView]:
    pool = WorkPool()
    workspace = Workspace(demo, dialogs=dialogs, pool=pool)
    widget = PortfolioGanttView(workspace)
    widget.resize(1600, 1000)
    widget.show()
    yield widget
    close_view(widget, pool)


def _portfolio(database: Database) -> int:
    with database.session() as session:
        return session.scalars(select(Portfolio.id)).one()


def _open(qtbot, view: PortfolioGanttView, programme_id: int | None = None) -> None:
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show_portfolio(_portfolio(view.workspace.database), programme_id)
    QApplication.processEvents()


def _expand(qtbot, view: PortfolioGanttView, project_id: int) -> None:
    with qtbot.waitSignal(view.project_loaded, timeout=10_000):
        view.expand_project(project_id)
    QApplication.processEvents()


def _pixel(view: PortfolioGanttView, point: QPointF) -> QColor:
    image = view.chart.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    return image.pixelColor(round(point.x() * ratio), round(point.y() * ratio))


def test_project_bars_sit_where_their_dates_and_rows_put_them(qtbot, view, demo) -> None:
    _open(qtbot, view)
    chart, tree, data = view.chart, view.tree, view.data
    assert data is not None and view.is_loaded() and not view.error
    with demo.session() as session:
        count = len(session.scalars(select(Project.id)).all())
    assert len(data.projects) == count
    kinds = [row.kind for row in tree.rows]
    assert kinds.count(RowKind.PROJECT) == count
    assert kinds.count(RowKind.PROGRAMME) == len(data.programmes)
    height = tree.row_height
    checked = 0
    for project in data.projects:
        number = tree.project_row(project.id)
        assert number is not None
        bar = chart.project_bar(project.id)
        assert bar is not None and project.start is not None and project.finish is not None
        assert bar.left() == pytest.approx(chart.x_of(project.start), abs=0.01)
        assert bar.right() == pytest.approx(chart.x_of(project.finish), abs=0.01)
        top = number * height - tree.verticalScrollBar().value()
        assert top < bar.top() and bar.bottom() < top + height
        # The tree's row is the chart's row.
        item_rect = tree.visualItemRect(tree._project_items[project.id])
        assert item_rect.top() == top
        if 0 <= bar.center().y() < chart.viewport().height() and bar.center().x() > 0:
            centre = QPointF(min(bar.center().x(), chart.viewport().width() - 5), bar.center().y())
            hit = chart.hit(centre)
            assert hit is not None and hit.project_id == project.id
            assert _pixel(view, centre) != Palette.background
            checked += 1
    assert checked >= 10
    # Off the bars and off the rows: nothing.
    assert chart.hit(QPoint(2, chart.viewport().height() - 3)) is None


def test_expanding_a_project_shows_its_tasks_down_to_level_two(qtbot, view, demo) -> None:
    _open(qtbot, view)
    project = max(view.data.projects, key=lambda p: p.task_count)
    _expand(qtbot, view, project.id)
    tree, chart = view.tree, view.chart
    start = tree.project_row(project.id)
    assert start is not None
    expected = [t for t in gantt_data(demo, project.id).tasks if t.outline_level <= 2]
    assert any(t.is_summary and t.outline_level == 2 for t in expected)
    shown = tree.rows[start + 1 : start + 1 + len(expected)]
    assert [row.task.id for row in shown if row.task] == [t.id for t in expected]
    assert all(row.kind is RowKind.TASK and row.project_id == project.id for row in shown)
    after = (
        tree.rows[start + 1 + len(expected)] if start + 1 + len(expected) < len(tree.rows) else None
    )
    assert after is None or after.kind is not RowKind.TASK
    # Task bars at their dates, hit-tested.
    for task in expected[:8]:
        bar = chart.task_bar(task.id)
        assert bar is not None and task.start is not None
        if task.is_milestone:
            assert bar.center().x() == pytest.approx(chart.x_of(task.finish), abs=0.01)
        else:
            assert bar.left() == pytest.approx(chart.x_of(task.start), abs=0.01)
    # Collapsing hides them again.
    tree.set_project_expanded(project.id, False)
    assert tree.rows[start + 1].kind is not RowKind.TASK


def test_links_between_projects_are_drawn(qtbot, view) -> None:
    _open(qtbot, view)
    data = view.data
    assert data is not None and data.links
    chart = view.chart
    rows = len(view.tree.rows)
    shown, hidden = chart.link_routes(0, rows - 1)
    assert not shown and len(hidden) >= len(data.links) - 1  # anchored on the project rows
    link = data.links[0]
    first_route = hidden[0][0]
    before = view.tree.project_row(link.predecessor_project_id)
    after = view.tree.project_row(link.successor_project_id)
    height = view.tree.row_height
    assert first_route[0].y() == pytest.approx(chart.row_top(before) + height * 0.45)
    assert first_route[-1].y() == pytest.approx(chart.row_top(after) + height * 0.45)
    assert first_route[0].x() == pytest.approx(chart.x_of(link.predecessor_finish))
    assert first_route[-1].x() == pytest.approx(chart.x_of(link.successor_start))
    # Both projects expanded: the arrow joins the two tasks' bars.
    _expand(qtbot, view, link.predecessor_project_id)
    _expand(qtbot, view, link.successor_project_id)
    for task_id in (link.predecessor_id, link.successor_id):
        # Deep tasks sit under collapsed summaries: open them to show the task's own row.
        parent = chart._task_parent.get(task_id)
        while parent is not None:
            view.tree._task_items[parent].setExpanded(True)
            parent = chart._task_parent.get(parent)
    QApplication.processEvents()
    shown, _hidden = chart.link_routes(0, len(view.tree.rows) - 1)
    pred_bar = chart.task_bar(link.predecessor_id)
    succ_bar = chart.task_bar(link.successor_id)
    assert pred_bar is not None and succ_bar is not None
    ends = {(round(r[0][0].x(), 2), round(r[0][-1].x(), 2)) for r in shown}
    assert (round(pred_bar.right(), 2), round(succ_bar.left(), 2)) in ends


def test_double_click_opens_the_project_or_the_task(qtbot, view) -> None:
    _open(qtbot, view)
    chart = view.chart
    project = next(
        p for p in view.data.projects
        if (bar := chart.project_bar(p.id)) is not None and 0 < bar.center().x() < 1000
    )  # fmt: skip
    bar = chart.project_bar(project.id)
    with qtbot.waitSignal(view.open_project_gantt, timeout=2000) as blocker:
        qtbot.mouseDClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=bar.center().toPoint())
    assert blocker.args == [project.id]
    _expand(qtbot, view, project.id)
    number = view.tree.project_row(project.id) + 1
    row = view.tree.rows[number]
    assert row.kind is RowKind.TASK
    chart.scroll_to(row.task.start)
    QApplication.processEvents()
    bar = chart.bar_of(number)
    with qtbot.waitSignal(view.open_task, timeout=2000) as blocker:
        qtbot.mouseDClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=bar.center().toPoint())
    assert blocker.args == [project.id, row.task.id]
    # On the tree too.
    item = view.tree._project_items[project.id]
    with qtbot.waitSignal(view.open_project_gantt, timeout=2000) as blocker:
        view.tree.itemDoubleClicked.emit(item, 0)
    assert blocker.args == [project.id]


def test_zoom_wheel_fit_and_today(qtbot, view) -> None:
    _open(qtbot, view)
    chart = view.chart
    data = view.data
    width = chart.viewport().width()
    assert chart.x_of(data.start) >= 0 and chart.x_of(data.finish) <= width
    before = chart.pixels_per_day
    wheel = QWheelEvent(
        QPointF(300, 100), chart.viewport().mapToGlobal(QPointF(300, 100)), QPoint(0, 0),
        QPoint(0, 120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(chart.viewport(), wheel)
    assert chart.pixels_per_day == pytest.approx(before * 1.2)
    view.zoom_in_action.trigger()
    view.today_action.trigger()
    x = chart.x_of(datetime.combine(view.workspace.as_of, datetime.min.time()))
    assert 0 <= x <= width
    view.zoom_fit_action.trigger()
    assert chart.pixels_per_day == pytest.approx(before)


def test_one_programme_only(qtbot, view) -> None:
    _open(qtbot, view)
    programme = view.data.programmes[0]
    assert programme.id is not None
    _open(qtbot, view, programme.id)
    assert [p.id for p in view.data.programmes] == [programme.id]
    ids = {row.project_id for row in view.tree.rows if row.kind is RowKind.PROJECT}
    assert ids == {p.id for p in programme.projects}
    assert programme.name in view.title.text()


def test_reload_on_change_keeps_expanded_projects(qtbot, view) -> None:
    _open(qtbot, view)
    project = view.data.projects[0]
    _expand(qtbot, view, project.id)
    with (
        qtbot.waitSignal(view.project_loaded, timeout=10_000),
        qtbot.waitSignal(view.loaded, timeout=10_000),
    ):
        view.workspace.data_changed.emit({Project})
    QApplication.processEvents()
    start = view.tree.project_row(project.id)
    assert view.tree.rows[start + 1].kind is RowKind.TASK


def test_state_and_picture(qtbot, view, tmp_path: Path) -> None:
    _open(qtbot, view)
    view.chart.set_pixels_per_day(3.0)
    settings = QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat)
    view.save_state(settings)
    view.chart.set_pixels_per_day(1.0)
    view.restore_state(settings)
    assert view.chart.pixels_per_day == pytest.approx(3.0)
    path = tmp_path / "portfolio.png"
    view.export_png(path)
    image = QImage(str(path))
    assert not image.isNull() and image.width() >= 1000
    assert all(
        isinstance(action.text(), str) and action.text() for action in view.actions_for_menu()
    )
