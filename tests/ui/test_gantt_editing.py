"""Editing on the Gantt: mouse gestures on the chart (move, duration, progress, link, link
dialog, Esc), the outline actions of the table and the baseline chooser, on the real demo
database rescheduled by the real engine; every edit is checked in the database and undone."""

from __future__ import annotations

import gc
from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from pmo_desktop.models import Dependency, LinkType, Project, Task
from pmo_desktop.services import task_edits, task_outline
from pmo_desktop.services.baselines import set_baseline
from pmo_desktop.services.database import Database
from pmo_desktop.services.gantt import GanttTask, gantt_data
from pmo_desktop.ui.gantt.drag import Zone, hit_zone, press_point
from pmo_desktop.ui.gantt.view import GanttView

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def view(gantt_view: GanttView) -> GanttView:
    return gantt_view


def _open(qtbot, view: GanttView, database: Database) -> None:
    with database.session() as session:
        ids = [row[0] for row in session.query(Project.id).order_by(Project.id)]
    project_id = max(ids, key=lambda pid: len(gantt_data(database, pid).tasks))
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show_project(project_id)
    view.chart.set_pixels_per_day(26.0)
    QApplication.processEvents()


def _task(view: GanttView, task_id: int) -> GanttTask:
    position = view.model.position_of(task_id)
    assert position is not None
    return view.model.task_at(position)


def _dates(database: Database, *task_ids: int) -> dict[int, tuple]:
    with database.session() as session:
        return {i: (session.get(Task, i).start, session.get(Task, i).finish) for i in task_ids}


def _chain(view: GanttView) -> tuple[GanttTask, GanttTask]:
    """A plain unstarted task and its FS successor, both plain tasks."""
    data = view.data
    assert data is not None
    plain = {
        t.id: t
        for t in data.tasks
        if not t.is_summary and not t.is_milestone and t.percent_complete == 0 and t.start
    }
    for link in data.links:
        if (
            link.type == LinkType.FS
            and link.lag == 0
            and link.predecessor_id in plain
            and link.successor_id in plain
            and sum(other.successor_id == link.successor_id for other in data.links) == 1
        ):
            return plain[link.predecessor_id], plain[link.successor_id]
    raise AssertionError("the demo has no FS chain")


def _show(view: GanttView, task: GanttTask) -> None:
    """Scroll the task's bar into view, well inside the chart."""
    view.table.select_task(task.id)
    view.chart.scroll_to(task.start - timedelta(days=5))
    QApplication.processEvents()


def _drag(qtbot, view: GanttView, start: QPoint, end: QPoint, *, release: bool = True) -> None:
    viewport = view.chart.viewport()
    qtbot.mousePress(viewport, LEFT, pos=start)
    drag = view.drag._drag
    if (
        drag is not None
        and drag.hit.zone in (Zone.MOVE, Zone.FINISH)
        and not view.drag.preview_open
    ):
        with qtbot.waitSignal(view.drag.preview_ready, timeout=10_000):
            pass
    middle = QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2)
    for point in (start + QPoint(4, 0), middle, end):
        qtbot.mouseMove(viewport, point)
    if release:
        with qtbot.waitSignal(view.loaded, timeout=10_000):
            qtbot.mouseRelease(viewport, LEFT, pos=end)


def test_dragging_a_bar_moves_it_and_its_successor_and_undo_restores(qtbot, view, demo) -> None:
    _open(qtbot, view, demo)
    first, second = _chain(view)
    _show(view, first)
    chart = view.chart
    before = _dates(demo, first.id, second.id)
    rect = chart.bar_rect(first.id)
    assert rect is not None
    start = press_point(rect, Zone.MOVE)
    assert hit_zone(chart, start.toPointF()).zone is Zone.MOVE
    days = 7
    end = start + QPoint(round(days * chart.pixels_per_day), 0)
    _drag(qtbot, view, start, end, release=False)
    # The live preview moves the successor on screen before anything is written; no full
    # garbage collection may stall a mouse move meanwhile.
    assert view.drag.dragging and not gc.isenabled()
    assert view.drag.tooltip_text.startswith("Start no earlier than")
    assert "(SNET constraint)" in view.drag.tooltip_text
    assert second.id in chart.preview
    assert chart.preview[second.id][0] > second.start
    assert _dates(demo, first.id, second.id) == before
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        qtbot.mouseRelease(chart.viewport(), LEFT, pos=end)
    assert not chart.preview and gc.isenabled()
    after = _dates(demo, first.id, second.id)
    with demo.session() as session:
        moved = session.get(Task, first.id)
        assert moved.constraint_type.value == "SNET"
        assert moved.constraint_date == first.start + timedelta(days=days)
    assert after[first.id][0] >= first.start + timedelta(days=days)
    assert after[second.id][0] > before[second.id][0]
    assert view.workspace.undo_stack.count() == 1
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.workspace.undo_stack.undo()
    assert _dates(demo, first.id, second.id) == before


def test_escape_cancels_a_drag_and_writes_nothing(qtbot, view, demo) -> None:
    _open(qtbot, view, demo)
    first, second = _chain(view)
    _show(view, first)
    chart = view.chart
    before = _dates(demo, first.id, second.id)
    start = press_point(chart.bar_rect(first.id), Zone.MOVE)
    end = start + QPoint(round(10 * chart.pixels_per_day), 0)
    _drag(qtbot, view, start, end, release=False)
    assert chart.preview
    assert not gc.isenabled()
    qtbot.keyClick(chart, Qt.Key.Key_Escape)
    assert not view.drag.dragging and not chart.preview and gc.isenabled()
    qtbot.mouseRelease(chart.viewport(), LEFT, pos=end)
    QApplication.processEvents()
    assert _dates(demo, first.id, second.id) == before
    assert view.workspace.undo_stack.count() == 0


def test_dragging_the_end_changes_the_duration(qtbot, view, demo) -> None:
    _open(qtbot, view, demo)
    first, _second = _chain(view)
    _show(view, first)
    chart = view.chart
    rect = chart.bar_rect(first.id)
    start = press_point(rect, Zone.FINISH)
    assert hit_zone(chart, start.toPointF()).zone is Zone.FINISH
    end = QPoint(round(chart.x_of(first.finish + timedelta(days=7))), start.y())
    _drag(qtbot, view, start, end)
    with demo.session() as session:
        minutes = session.get(Task, first.id).duration_minutes
    # A week later on the calendar is five more working days (whole days are snapped).
    assert minutes == first.duration_minutes + 5 * view.data.minutes_per_day
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.workspace.undo_stack.undo()
    with demo.session() as session:
        assert session.get(Task, first.id).duration_minutes == first.duration_minutes


def test_dragging_the_progress_end_sets_percent_complete(qtbot, view, demo) -> None:
    _open(qtbot, view, demo)
    first, _second = _chain(view)
    _show(view, first)
    chart = view.chart
    rect = chart.bar_rect(first.id)
    start = QPoint(round(rect.left()) + 1, round(rect.center().y()))
    assert hit_zone(chart, start.toPointF()).zone is Zone.PROGRESS
    end = QPoint(round(rect.left() + rect.width() / 2), start.y())
    _drag(qtbot, view, start, end)
    with demo.session() as session:
        assert session.get(Task, first.id).percent_complete == pytest.approx(50, abs=3)
    assert _task(view, first.id).percent_complete == pytest.approx(50, abs=3)


def test_dragging_from_one_bar_to_another_links_them(qtbot, view, demo) -> None:
    _open(qtbot, view, demo)
    data = view.data
    first, _second = _chain(view)
    # A new, unlinked task beside `first`, starting when `first` starts.
    workspace = view.workspace
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        workspace.execute(task_outline.insert_task(demo, data.project_id, first.id, "Review"))
    target_id = next(t.id for t in view.data.tasks if t.name == "Review")
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        workspace.execute(task_edits.move_task(demo, target_id, first.start))
    target = _task(view, target_id)
    assert target.start < first.finish
    _show(view, first)
    chart = view.chart
    rect, target_rect = chart.bar_rect(first.id), chart.bar_rect(target.id)
    start = press_point(rect, Zone.LINK)
    assert hit_zone(chart, start.toPointF()).zone is Zone.LINK
    end = target_rect.center().toPoint()
    _drag(qtbot, view, start, end)
    with demo.session() as session:
        link = (
            session.query(Dependency)
            .filter_by(predecessor_id=first.id, successor_id=target.id)
            .one()
        )
        assert link.type == LinkType.FS
        moved = session.get(Task, target.id)
        # The successor now starts after its new predecessor finishes.
        assert moved.start >= session.get(Task, first.id).finish
        assert moved.start > target.start
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.workspace.undo_stack.undo()
    with demo.session() as session:
        assert session.get(Task, target.id).start == target.start


def test_shift_drag_on_a_bar_links_too_and_a_refused_link_says_why(qtbot, view, demo, dialogs):
    _open(qtbot, view, demo)
    first, second = _chain(view)
    _show(view, first)
    chart = view.chart
    start = press_point(chart.bar_rect(first.id), Zone.MOVE)
    assert hit_zone(chart, start.toPointF(), shift=True).zone is Zone.LINK
    end = chart.bar_rect(second.id).center().toPoint()
    viewport = chart.viewport()
    qtbot.mousePress(viewport, LEFT, Qt.KeyboardModifier.ShiftModifier, start)
    for point in (start + QPoint(5, 5), end):
        qtbot.mouseMove(viewport, point)
    qtbot.mouseRelease(viewport, LEFT, Qt.KeyboardModifier.ShiftModifier, end)
    # The two are already linked: nothing written, the user told.
    assert dialogs.messages[-1][0] == "critical" and "already follows" in dialogs.messages[-1][2]
    assert view.workspace.undo_stack.count() == 0


def test_cursor_shape_follows_the_zone(qtbot, view, demo) -> None:
    _open(qtbot, view, demo)
    first, _second = _chain(view)
    _show(view, first)
    chart = view.chart
    rect = chart.bar_rect(first.id)
    viewport = chart.viewport()
    for zone, shape in (
        (Zone.MOVE, Qt.CursorShape.SizeAllCursor),
        (Zone.FINISH, Qt.CursorShape.SizeHorCursor),
        (Zone.LINK, Qt.CursorShape.CrossCursor),
    ):
        qtbot.mouseMove(viewport, press_point(rect, zone))
        assert viewport.cursor().shape() == shape


def test_double_click_on_a_link_edits_or_deletes_it(qtbot, view, demo) -> None:
    _open(qtbot, view, demo)
    first, second = _chain(view)
    _show(view, first)
    chart = view.chart
    link = next(
        link
        for link in view.data.links
        if (link.predecessor_id, link.successor_id) == (first.id, second.id)
    )
    row = chart.row_at(chart.bar_rect(first.id).center().y())
    routes = dict((found.id, route) for found, route in chart.link_routes(row, row))
    points = routes[link.id][0]
    # The first leg leaves the predecessor's finish: click in its middle.
    a, b = points[0], points[1]
    spot = QPoint(round((a.x() + b.x()) / 2), round((a.y() + b.y()) / 2))
    qtbot.mouseDClick(chart.viewport(), LEFT, pos=spot)
    dialog = view.link_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.type_box.setCurrentIndex(dialog.type_box.findData(LinkType.SS))
    dialog.lag_box.setValue(2)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        dialog.ok_button.click()
    with demo.session() as session:
        stored = session.get(Dependency, link.id)
        assert (stored.type, stored.lag) == (LinkType.SS, 2 * view.data.minutes_per_day)
    view.edit_link(link.id)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.link_dialog.delete_button.click()
    with demo.session() as session:
        assert session.get(Dependency, link.id) is None
    for _ in range(2):
        with qtbot.waitSignal(view.loaded, timeout=10_000):
            view.workspace.undo_stack.undo()
    with demo.session() as session:
        stored = session.get(Dependency, link.id)
        assert (stored.type, stored.lag) == (LinkType.FS, 0)


# Outline actions.


def _names(view: GanttView) -> list[tuple[int, str, int]]:
    """(id, name, outline level) in row (WBS) order, as last read from the database."""
    return [(task.id, task.name, task.outline_level) for task in view.data.tasks]


def _index(rows: list[tuple[int, str, int]], task_id: int) -> int:
    return [row[0] for row in rows].index(task_id)


def _select(qtbot, view: GanttView, *task_ids: int) -> None:
    view.table.clearSelection()
    view.table.select_task(task_ids[0])
    selection = view.table.selectionModel()
    for task_id in task_ids:
        selection.select(
            view.model.index_of(task_id),
            selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
        )


def _trigger_and_undo(qtbot, view: GanttView, demo: Database, action, check) -> None:
    """Trigger `action`, run `check()` on the result, and undo it in one step."""
    before = _names(view)
    steps = view.workspace.undo_stack.index()
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        action.trigger()
    after = _names(view)
    check(before, after)
    assert view.workspace.undo_stack.index() == steps + 1
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.workspace.undo_stack.undo()
    assert _names(view) == before


def _leaf_pair(view: GanttView) -> tuple[GanttTask, GanttTask]:
    """Two plain sibling tasks, one right below the other, the first not the first child."""
    tasks = view.data.tasks
    for above, task, below in zip(tasks, tasks[1:], tasks[2:], strict=False):
        if above.parent_id == task.parent_id == below.parent_id and not (
            above.is_summary or task.is_summary or below.is_summary
        ):
            return task, below
    raise AssertionError("no sibling tasks")


def test_outline_actions_have_their_shortcuts_and_are_in_the_menu(qtbot, view, demo) -> None:
    _open(qtbot, view, demo)
    outline = view.outline
    shortcuts = {
        outline.insert_action: "Ins",
        outline.delete_action: "Del",
        outline.indent_action: "Alt+Shift+Right",
        outline.outdent_action: "Alt+Shift+Left",
        outline.copy_action: "Ctrl+C",
        outline.paste_action: "Ctrl+V",
    }
    for action, keys in shortcuts.items():
        assert action.shortcut().toString() == keys
        assert action in view.actions_for_menu()
    assert outline.copy_action in view.table.actions()


def test_insert_task(qtbot, view, demo) -> None:
    _open(qtbot, view, demo)
    task, _below = _leaf_pair(view)
    _select(qtbot, view, task.id)

    def check(before, after) -> None:
        index = _index(before, task.id)
        assert after[index + 1][1:] == ("New task", before[index][2])
        assert len(after) == len(before) + 1

    _trigger_and_undo(qtbot, view, demo, view.outline.insert_action, check)


def test_delete_tasks_asks_first(qtbot, view, demo, dialogs) -> None:
    _open(qtbot, view, demo)
    task, below = _leaf_pair(view)
    _select(qtbot, view, task.id, below.id)
    dialogs.answer = False
    view.outline.delete_action.trigger()
    assert dialogs.messages[-1][0] == "question"
    assert view.workspace.undo_stack.count() == 0
    dialogs.answer = True

    def check(before, after) -> None:
        assert len(after) == len(before) - 2
        with demo.session() as session:
            assert session.get(Task, task.id) is None and session.get(Task, below.id) is None

    _trigger_and_undo(qtbot, view, demo, view.outline.delete_action, check)


def test_indent_and_outdent(qtbot, view, demo) -> None:
    _open(qtbot, view, demo)
    task, _below = _leaf_pair(view)
    # Linked siblings cannot nest: indent a new, unlinked task under `task`.
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.workspace.execute(task_outline.insert_task(demo, view.project_id, task.id, "Spike"))
    below = next(t for t in view.data.tasks if t.name == "Spike")
    _select(qtbot, view, below.id)

    def indented(before, after) -> None:
        index = _index(before, below.id)
        assert after[index][2] == before[index][2] + 1
        with demo.session() as session:
            assert session.get(Task, below.id).parent_id == task.id

    _trigger_and_undo(qtbot, view, demo, view.outline.indent_action, indented)
    _select(qtbot, view, below.id)

    def outdented(before, after) -> None:
        index = _index(before, below.id)
        assert after[index][2] == before[index][2] - 1

    _trigger_and_undo(qtbot, view, demo, view.outline.outdent_action, outdented)


def test_move_up_and_down(qtbot, view, demo) -> None:
    _open(qtbot, view, demo)
    task, below = _leaf_pair(view)
    _select(qtbot, view, below.id)

    def swapped(before, after) -> None:
        index = _index(before, task.id)
        assert [row[0] for row in after][index : index + 2] == [below.id, task.id]

    _trigger_and_undo(qtbot, view, demo, view.outline.move_up_action, swapped)
    _select(qtbot, view, task.id)
    _trigger_and_undo(qtbot, view, demo, view.outline.move_down_action, swapped)


def test_copy_and_paste_rows_with_the_keyboard(qtbot, view, demo) -> None:
    _open(qtbot, view, demo)
    task, below = _leaf_pair(view)
    _select(qtbot, view, task.id, below.id)
    view.activateWindow()
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    qtbot.keyClick(view.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert view.outline.copied == [task.id, below.id]
    _select(qtbot, view, below.id)

    def pasted(before, after) -> None:
        index = _index(before, below.id)
        assert [row[1] for row in after][index + 1 : index + 3] == [task.name, below.name]
        assert len(after) == len(before) + 2

    _trigger_and_undo(qtbot, view, demo, view.outline.paste_action, pasted)


def test_baseline_chooser_lists_the_project_baselines_and_shows_the_chosen_one(
    qtbot, view, demo
) -> None:
    _open(qtbot, view, demo)
    first, _second = _chain(view)
    # Baseline 2 taken after a move: its dates differ from baseline 0's for `first`.
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.workspace.execute(task_edits.move_task(demo, first.id, first.start + timedelta(7)))
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.workspace.execute(set_baseline(demo, view.project_id, 2))
    box = view.baseline_box
    numbers = [box.itemData(index) for index in range(box.count())]
    assert numbers == sorted(view.data.baselines) and 2 in numbers
    assert box.currentData() == view.data.baseline_number
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        box.setCurrentIndex(box.findData(2))
        box.activated.emit(box.currentIndex())
    assert view.data.baseline_number == 2 and box.currentData() == 2
    shown = _task(view, first.id)
    assert shown.baseline_start == shown.start


def test_set_baseline_for_the_selected_tasks_is_one_undo_step(qtbot, view, demo, dialogs) -> None:
    from sqlalchemy import select

    from pmo_desktop.models import Baseline, BaselineTask

    with demo.session() as session:
        project_id = session.scalars(select(Project.id).order_by(Project.id)).first()
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show_project(project_id)
    assert view.set_baseline_action in view.actions_for_menu()
    first_row = view.table.model().index(1, 0)
    view.table.setCurrentIndex(first_row)
    chosen = view.table.selected_task_ids()
    assert chosen
    dialogs.baseline_choice = (5, True)
    view.set_baseline_action.trigger()
    assert dialogs.messages[-1] == ("question", "Set baseline", "True")
    with demo.session() as session:
        baseline = session.scalars(
            select(Baseline).where(Baseline.project_id == project_id, Baseline.number == 5)
        ).one()
        rows = session.scalars(
            select(BaselineTask.task_id).where(BaselineTask.baseline_id == baseline.id)
        ).all()
    assert sorted(rows) == sorted(chosen)
    view.workspace.undo_stack.undo()
    with demo.session() as session:
        assert session.scalars(select(Baseline).where(Baseline.number == 5)).all() == []
