"""A bar drag that changes the driving link's lag (Alt+drag, or the Gantt menu setting),
and a drag's edit written in the worker pool; through the widget with simulated mouse
events, checked in the demo database, undone in one step."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QApplication

from pmo_desktop.models import ConstraintType, Dependency, LinkType, Project, Task
from pmo_desktop.scheduling.calendar import WorkingCalendar
from pmo_desktop.services import task_edits
from pmo_desktop.services.database import Database
from pmo_desktop.services.gantt import GanttLink, GanttTask, gantt_data
from pmo_desktop.ui.gantt.drag import Zone, press_point
from pmo_desktop.ui.gantt.view import GanttView

LEFT = Qt.MouseButton.LeftButton
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def view(qtbot, gantt_view: GanttView, demo: Database) -> GanttView:
    with demo.session() as session:
        ids = [row[0] for row in session.query(Project.id).order_by(Project.id)]
    project_id = max(ids, key=lambda pid: len(gantt_data(demo, pid).tasks))
    with qtbot.waitSignal(gantt_view.loaded, timeout=10_000):
        gantt_view.show_project(project_id)
    gantt_view.chart.set_pixels_per_day(26.0)
    QApplication.processEvents()
    return gantt_view


def _plain(view: GanttView) -> dict[int, GanttTask]:
    assert view.data is not None
    return {
        t.id: t
        for t in view.data.tasks
        if not t.is_summary and not t.is_milestone and t.percent_complete == 0 and t.start
    }


def _driven(view: GanttView) -> tuple[GanttTask, GanttTask, GanttLink]:
    """A plain unstarted task, its only predecessor (FS, no lag), and the link."""
    data = view.data
    assert data is not None
    plain = _plain(view)
    for link in data.links:
        if (
            link.type == LinkType.FS
            and link.lag == 0
            and link.predecessor_id in plain
            and link.successor_id in plain
            and plain[link.successor_id].constraint_type == ConstraintType.ASAP
            and sum(other.successor_id == link.successor_id for other in data.links) == 1
        ):
            return plain[link.predecessor_id], plain[link.successor_id], link
    raise AssertionError("the demo has no FS chain")


def _show(view: GanttView, task: GanttTask) -> QPoint:
    view.table.select_task(task.id)
    assert task.start is not None
    view.chart.scroll_to(task.start - timedelta(days=12))
    QApplication.processEvents()
    rect = view.chart.bar_rect(task.id)
    assert rect is not None
    return press_point(rect, Zone.MOVE)


def _press_and_move(qtbot, view: GanttView, start: QPoint, end: QPoint, modifier=NONE) -> None:
    viewport = view.chart.viewport()
    qtbot.mousePress(viewport, LEFT, modifier, pos=start)
    if not view.drag.preview_open:
        with qtbot.waitSignal(view.drag.preview_ready, timeout=10_000):
            pass
    for point in (start + QPoint(4, 0), (start + end) / 2, end):
        qtbot.mouseMove(viewport, point)


def _release(qtbot, view: GanttView, end: QPoint, modifier=NONE) -> None:
    with qtbot.waitSignal(view.loaded, timeout=15_000):
        qtbot.mouseRelease(view.chart.viewport(), LEFT, modifier, pos=end)


def _row(database: Database, model: type, row_id: int) -> dict:
    with database.session() as session:
        row = session.get(model, row_id)
        assert row is not None
        columns = [column.name for column in model.__table__.columns if column.name != "updated_at"]
        return {name: getattr(row, name) for name in columns if name != "version"}


def _working_days(view: GanttView, first, last) -> int:
    assert view.data is not None
    calendar = WorkingCalendar(view.data.calendar, first.date())
    return calendar.working_minutes(first, last) // view.data.minutes_per_day


def test_alt_drag_changes_the_driving_link_lag_and_undo_restores(qtbot, view, demo) -> None:
    before_name, task, link = _driven(view)
    start = _show(view, task)
    end = start + QPoint(round(7 * view.chart.pixels_per_day), 0)
    link_before, task_before = _row(demo, Dependency, link.id), _row(demo, Task, task.id)
    steps = view.workspace.undo_stack.count()

    _press_and_move(qtbot, view, start, end, ALT)
    assert view.drag.dragging
    dropped = task.start + timedelta(days=7)
    days = _working_days(view, task.start, dropped)
    assert days > 0
    assert view.drag.tooltip_text == f"Lag of link from '{before_name.name}' +{days}d"
    # The preview moves the task before anything is written.
    assert view.chart.preview[task.id][0] == dropped
    assert _row(demo, Dependency, link.id) == link_before

    _release(qtbot, view, end, ALT)
    assert not view.chart.preview
    after = _row(demo, Dependency, link.id)
    assert after["lag"] == days * view.data.minutes_per_day
    assert after["lag_unit"] == "working"
    moved = _row(demo, Task, task.id)
    assert moved["start"] == dropped
    assert moved["constraint_type"] == ConstraintType.ASAP  # not SNET
    assert view.workspace.undo_stack.count() == steps + 1
    assert view.workspace.undo_stack.undoText() == "Change link lag"

    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.workspace.undo_stack.undo()
    assert _row(demo, Dependency, link.id) == link_before
    assert _row(demo, Task, task.id) == task_before


def test_the_menu_setting_makes_a_plain_drag_change_the_lag_even_earlier(
    qtbot, view, demo, tmp_path
) -> None:
    predecessor, task, link = _driven(view)
    assert view.drag_lag_action in view.actions_for_menu()
    view.drag_lag_action.setChecked(True)
    start = _show(view, task)
    # Three days earlier than the link allows: only a negative lag gets there.
    end = start - QPoint(round(3 * view.chart.pixels_per_day), 0)
    _press_and_move(qtbot, view, start, end)
    dropped = task.start - timedelta(days=3)
    days = _working_days(view, dropped, task.start)
    assert view.drag.tooltip_text == f"Lag of link from '{predecessor.name}' -{days}d"
    _release(qtbot, view, end)
    assert _row(demo, Dependency, link.id)["lag"] == -days * view.data.minutes_per_day
    assert _row(demo, Task, task.id)["start"] < task.start

    # The setting is saved with the view; Alt then does the other one (SNET).
    settings = QSettings(str(tmp_path / "gantt.ini"), QSettings.Format.IniFormat)
    view.save_state(settings)
    view.drag_lag_action.setChecked(False)
    view.restore_state(settings)
    assert view.drag_lag_action.isChecked()
    position = view.model.position_of(task.id)
    assert position is not None
    start = _show(view, view.model.task_at(position))
    end = start + QPoint(round(2 * view.chart.pixels_per_day), 0)
    _press_and_move(qtbot, view, start, end, ALT)
    assert view.drag.tooltip_text.startswith("Start no earlier than")
    qtbot.keyClick(view.chart, Qt.Key.Key_Escape)
    assert not view.drag.dragging


def test_a_task_without_predecessor_falls_back_to_snet(qtbot, view, demo) -> None:
    _predecessor, task, link = _driven(view)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        assert view.workspace.execute(task_edits.delete_link(demo, link.id))
    position = view.model.position_of(task.id)
    assert position is not None
    task = view.model.task_at(position)
    view.drag_lag_action.setChecked(True)
    start = _show(view, task)
    end = start + QPoint(round(5 * view.chart.pixels_per_day), 0)
    _press_and_move(qtbot, view, start, end)
    assert "(SNET constraint)" in view.drag.tooltip_text
    _release(qtbot, view, end)
    moved = _row(demo, Task, task.id)
    assert moved["constraint_type"] == ConstraintType.SNET
    assert moved["constraint_date"] == task.start + timedelta(days=5)


def test_the_release_writes_in_the_background_and_blocks_a_second_drag(qtbot, view, demo):
    _predecessor, task, _link = _driven(view)
    start = _show(view, task)
    end = start + QPoint(round(4 * view.chart.pixels_per_day), 0)
    _press_and_move(qtbot, view, start, end)
    with qtbot.waitSignal(view.drag.committed, timeout=10_000) as blocker:
        qtbot.mouseRelease(view.chart.viewport(), LEFT, pos=end)
        # Back on the event loop at once: the write runs in the pool, the preview stays.
        assert view.drag.committing
        assert task.id in view.chart.preview
        qtbot.mousePress(view.chart.viewport(), LEFT, pos=end)
        assert view.drag._drag is None
        qtbot.mouseRelease(view.chart.viewport(), LEFT, pos=end)
    assert blocker.args == [True]
    assert not view.drag.committing
    qtbot.waitUntil(lambda: not view.chart.preview, timeout=10_000)
    assert _row(demo, Task, task.id)["constraint_date"] == task.start + timedelta(days=4)
