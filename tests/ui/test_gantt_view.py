"""The Gantt view on the real demo portfolio (rescheduled by the real engine): bars where their
dates and rows put them, the critical filter, table/chart alignment, reloads that keep the
user's place, zoom, export; and the row model under Qt's model tester."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QWheelEvent
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from pmo_desktop.models import Project, Task
from pmo_desktop.scheduling.cpm import schedule
from pmo_desktop.services.database import Database
from pmo_desktop.services.gantt import gantt_data
from pmo_desktop.services.scheduling import load_plan
from pmo_desktop.ui.gantt.filters import TaskFilter
from pmo_desktop.ui.gantt.painting import Palette
from pmo_desktop.ui.gantt.tooltips import task_tooltip
from pmo_desktop.ui.gantt.view import GanttView
from pmo_desktop.ui.itemmodels.task_tree import Column, TaskTreeModel

FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal


@pytest.fixture
def view(gantt_view: GanttView) -> GanttView:
    return gantt_view


def _largest_project(database: Database) -> int:
    with database.session() as session:
        rows = session.execute(
            Project.__table__.select().with_only_columns(Project.id).order_by(Project.id)
        ).all()
    return max((row.id for row in rows), key=lambda pid: len(gantt_data(database, pid).tasks))


def _open(qtbot, view: GanttView, project_id: int) -> None:
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show_project(project_id)
    QApplication.processEvents()


def _pixel(view: GanttView, point: QPointF) -> QColor:
    image = view.chart.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    return image.pixelColor(round(point.x() * ratio), round(point.y() * ratio))


def test_bars_sit_where_their_dates_and_rows_put_them(qtbot, view: GanttView, demo) -> None:
    project_id = _largest_project(demo)
    _open(qtbot, view, project_id)
    chart, table, model = view.chart, view.table, view.model
    assert view.is_loaded() and view.title.text().startswith(view.data.code)
    height = table.row_height
    # Bring the first unfinished work into view, as a planner scrolling to "now" would.
    start_row = next(
        row for row, p in enumerate(table.rows)
        if not model.task_at(p).is_summary and model.task_at(p).percent_complete < 100
    )  # fmt: skip
    table.verticalScrollBar().setValue((start_row - 1) * height)
    chart.scroll_to(model.task_at(table.rows[start_row]).start)
    QApplication.processEvents()
    first_row = chart.row_at(0)
    offset = chart.horizontalScrollBar().value()
    visible = chart.viewport().height() // height
    checked = {"task": 0, "milestone": 0, "summary": 0}
    for row in range(first_row, first_row + visible):
        task = model.task_at(table.rows[row])
        index = model.index_of(task.id)
        row_rect = table.visualRect(index)
        rect = chart.bar_rect(task.id)
        assert rect is not None
        # y: inside the row the table draws the task on; x: the task's dates on the axis.
        assert row_rect.top() <= rect.top() and rect.bottom() <= row_rect.bottom() + 1
        if task.is_milestone:
            assert rect.center().x() == pytest.approx(chart.axis.x(task.finish) - offset)
            kind = "milestone"
            colour = Palette.critical_border if task.critical else Palette.summary
        else:
            assert rect.left() == pytest.approx(chart.axis.x(task.start) - offset)
            assert rect.right() == pytest.approx(chart.axis.x(task.finish) - offset, abs=2)
            kind = "summary" if task.is_summary else "task"
            if task.is_summary:
                colour = Palette.critical_border if task.critical else Palette.summary
            else:
                colour = Palette.critical if task.critical else Palette.bar
        if not 0 < rect.center().x() < chart.viewport().width():
            continue
        # Hit-testing the widget finds the task under its bar's centre...
        assert chart.task_at(rect.center().toPoint()) == task.id
        # ...and that pixel has the bar's colour (above the progress fill of a task bar).
        probe = (
            QPointF(rect.right() - 1.5, rect.top() + 2.5)
            if kind == "task"
            else (QPointF(rect.center().x(), rect.top() + 2))
        )
        if task.is_summary:
            probe = QPointF(rect.center().x(), rect.top() + 1.5)
        if kind == "task" and (task.percent_complete >= 100 or rect.width() < 4):
            continue
        assert _pixel(view, probe) == colour, (task.name, kind)
        checked[kind] += 1
    assert checked["task"] >= 3 and checked["summary"] >= 1
    # A click on an empty stretch of a row selects that row's task in the table.
    y = round(chart.row_top(first_row + 3)) + 4
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(2, y))
    assert table.selected_task_ids() == [model.task_at(table.rows[first_row + 3]).id]


def test_critical_filter_shows_exactly_the_engines_critical_tasks(qtbot, view, demo) -> None:
    project_id = _largest_project(demo)
    _open(qtbot, view, project_id)
    with demo.session() as session:
        portfolio_id = session.get(Project, project_id).portfolio_id
        result = schedule(load_plan(session, portfolio_id))
    engine_critical = {task.id for task in view.data.tasks if result.tasks[task.id].critical}
    assert engine_critical, "the demo project should have a critical path"

    view.set_filter(TaskFilter.CRITICAL)
    model = view.model
    shown = [model.index(row, 0).data(model.IdRole) for row in range(model.rowCount())]
    assert set(shown) == engine_critical and len(shown) == len(engine_critical)
    assert [model.task_at(p).id for p in view.table.rows] == shown
    assert view.critical_action.isChecked()
    first = model.task_at(view.table.rows[0])
    if first.start is not None and not first.is_summary and not first.is_milestone:
        rect = view.chart.bar_rect(first.id)
        assert rect is not None and rect.top() < view.table.row_height

    view.set_filter(TaskFilter.MILESTONES)
    assert all(model.task_at(p).is_milestone for p in view.table.rows)
    view.set_filter(TaskFilter.CRITICAL, highlight=True)
    assert len(view.table.rows) == len(view.data.tasks)
    highlighted = {model.task_at(p).id for p in view.table.rows if model.is_highlighted(p)}
    assert highlighted == engine_critical
    view.set_filter(TaskFilter.ALL)
    view.search.setText(first.name)
    assert first.id in {model.task_at(p).id for p in view.table.rows}
    assert all(first.name.casefold() in model.task_at(p).name.casefold()
               or first.name.casefold() in " ".join(model.task_at(p).resources).casefold()
               for p in view.table.rows)  # fmt: skip


def _assert_aligned(view: GanttView) -> int:
    """Every row the table shows is the row the chart paints at the same height."""
    table, chart, model = view.table, view.chart, view.model
    checked = 0
    for y in range(0, table.viewport().height(), table.row_height // 2):
        index = table.indexAt(QPoint(5, y))
        if not index.isValid():
            continue
        row = chart.row_at(y)
        assert row is not None
        assert model.task_at(table.rows[row]).id == model.task(index).id
        assert table.visualRect(index).top() == chart.row_top(row)
        checked += 1
    return checked


def test_table_and_chart_stay_aligned_after_collapse_expand_and_scroll(qtbot, view, demo) -> None:
    _open(qtbot, view, _largest_project(demo))
    table, model = view.table, view.model
    assert table.header().height() == view.chart.header.height()
    assert table.viewport().mapTo(view, QPoint(0, 0)).y() == (
        view.chart.viewport().mapTo(view, QPoint(0, 0)).y()
    )
    assert _assert_aligned(view) > 10
    total = len(table.rows)
    first_summary = next(p for p in table.rows if model.has_children(p))
    table.set_row_expanded(model.task_at(first_summary).id, False)
    assert len(table.rows) < total
    assert _assert_aligned(view) > 10
    table.verticalScrollBar().setValue(table.row_height * 7 + 5)
    QApplication.processEvents()
    assert _assert_aligned(view) > 10
    table.collapse_to_level(1)
    assert all(model.task_at(p).parent_id is None for p in table.rows)
    assert _assert_aligned(view) > 0
    table.expand_all()
    assert len(table.rows) == total
    table.verticalScrollBar().setValue(table.verticalScrollBar().maximum())
    QApplication.processEvents()
    assert _assert_aligned(view) > 10
    # The mouse wheel over the chart scrolls the table.
    before = table.verticalScrollBar().value()
    wheel = QWheelEvent(QPointF(50, 50), QPointF(50, 50), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)  # fmt: skip
    QApplication.sendEvent(view.chart.viewport(), wheel)
    assert table.verticalScrollBar().value() < before
    assert _assert_aligned(view) > 10


def test_reload_keeps_selection_collapsed_rows_and_scroll(qtbot, view, demo) -> None:
    _open(qtbot, view, _largest_project(demo))
    table, model = view.table, view.model
    summary = next(p for p in table.rows if model.has_children(p) and table.rows.index(p) > 5)
    summary_id = model.task_at(summary).id
    table.set_row_expanded(summary_id, False)
    chosen = model.task_at(table.rows[12]).id
    table.select_task(chosen)
    table.verticalScrollBar().setValue(table.row_height * 4)
    scroll = table.verticalScrollBar().value()
    chart_scroll = view.chart.horizontalScrollBar().value()
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.workspace.refresh()
    assert table.selected_task_ids() == [chosen]
    assert summary_id in table.collapsed_ids()
    assert table.verticalScrollBar().value() == scroll
    assert view.chart.horizontalScrollBar().value() == chart_scroll


def test_zoom_by_ctrl_wheel_and_to_fit(qtbot, view, demo) -> None:
    _open(qtbot, view, _largest_project(demo))
    chart = view.chart
    before = chart.pixels_per_day
    anchor = QPointF(300, 40)
    moment = chart.axis.moment(chart.horizontalScrollBar().value() + anchor.x())
    ctrl = Qt.KeyboardModifier.ControlModifier
    wheel = QWheelEvent(anchor, anchor, QPoint(0, 0), QPoint(0, 240), Qt.MouseButton.NoButton,
                        ctrl, Qt.ScrollPhase.NoScrollPhase, False)  # fmt: skip
    QApplication.sendEvent(chart.viewport(), wheel)
    assert chart.pixels_per_day == pytest.approx(before * 1.44)
    # The date under the mouse stays under the mouse.
    assert chart.x_of(moment) == pytest.approx(anchor.x(), abs=1.5)
    levels = []
    for level in view.zoom_levels():
        chart.set_pixels_per_day(level.pixels_per_day)
        levels.append(chart.zoom_level)
        chart.viewport().repaint()
        chart.header.repaint()
    assert levels == list(view.zoom_levels())
    view.zoom_fit_action.trigger()
    data = view.data
    assert chart.x_of(data.start) >= 0 and chart.x_of(data.finish) <= chart.viewport().width()


def test_tooltip_and_png_export(qtbot, view, demo, tmp_path: Path) -> None:
    _open(qtbot, view, _largest_project(demo))
    task = next(t for t in view.data.tasks if t.total_slack_minutes and not t.is_summary)
    text = task_tooltip(task, view.data)
    assert task.name.replace("'", "&#x27;") in text or task.name in text
    assert "Total slack" in text and "Start" in text
    target = tmp_path / "gantt.png"
    view.export_png(target)
    image = QImage(str(target))
    assert not image.isNull()
    assert image.width() >= view.splitter.width() and image.height() >= view.splitter.height()


def test_missing_project_shows_a_message(qtbot, view) -> None:
    _open(qtbot, view, 987654)
    assert view.stack.currentIndex() == 0
    assert "no longer exists" in view.message.text()


def test_row_model_passes_the_model_tester(qtbot, demo) -> None:
    project_id = _largest_project(demo)
    data = gantt_data(demo, project_id)
    model = TaskTreeModel()
    tester = QAbstractItemModelTester(model, FATAL)
    model.set_data(data)
    model.set_data(data)  # the same rows: updated in place
    model.set_highlight(lambda task: task.critical)
    model.set_filter(lambda task: task.is_milestone)
    model.set_data(data)
    model.set_filter(None)
    model.set_data(None)
    model.set_data(data)
    assert tester is not None
    root_rows = model.rowCount()
    assert root_rows == sum(1 for task in data.tasks if task.parent_id is None)
    first = model.index(0, 0)
    assert model.rowCount(first) == sum(1 for t in data.tasks if t.parent_id == data.tasks[0].id)
    child = model.index(0, Column.START, first)
    assert child.parent() == first
    task = model.task(child)
    assert child.data() == task.start.strftime("%d/%m/%Y")
    assert model.index(0, Column.ID, first).data() == str(task.number)
    assert model.index(0, Column.NAME).data(Qt.ItemDataRole.FontRole).bold()
    assert model.visible_rows(set()) == list(range(len(data.tasks)))
    assert isinstance(task.start, datetime)


def test_table_edits_go_through_the_workspace_and_undo(qtbot, view, demo, dialogs) -> None:
    _open(qtbot, view, _largest_project(demo))
    model = view.model
    task = next(t for t in view.data.tasks if not t.is_summary and not t.is_milestone)
    index = model.index_of(task.id, Column.NAME)
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        assert model.setData(index, "Renamed in the Gantt")
    with demo.session() as session:
        assert session.get(Task, task.id).name == "Renamed in the Gantt"
    assert model.index_of(task.id, Column.NAME).data() == "Renamed in the Gantt"
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        assert model.setData(model.index_of(task.id, Column.DURATION), "3d")
    with demo.session() as session:
        assert session.get(Task, task.id).duration_minutes == 3 * view.data.minutes_per_day
    model.setData(model.index_of(task.id, Column.DURATION), "three")
    assert dialogs.messages[-1][:2] == ("critical", "Change not saved")
    assert "not a duration" in dialogs.messages[-1][2]
    for _ in range(2):
        with qtbot.waitSignal(view.loaded, timeout=10_000):
            view.workspace.undo_stack.undo()
    with demo.session() as session:
        restored = session.get(Task, task.id)
        assert (restored.name, restored.duration_minutes) == (task.name, task.duration_minutes)
