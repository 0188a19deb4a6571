"""Levelling delays stored with the tasks: applied levelling survives later reschedules,
undo restores the previous delays, and "Clear levelling" takes them off again. Real demo
portfolios on SQLite and PostgreSQL; dates read back with plain SQL."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select, text

from pmo_desktop.models import Project, Task
from pmo_desktop.scheduling.cpm import schedule
from pmo_desktop.services.database import Database
from pmo_desktop.services.demo import create_demo
from pmo_desktop.services.levelling import LevellingOptions, plan_levelling
from pmo_desktop.services.levelling_commands import clear_levelling, with_delays
from pmo_desktop.services.scheduling import load_plan, reschedule
from pmo_desktop.services.task_edits import set_duration

AS_OF = date(2026, 10, 30)


def _moment(value: datetime | str) -> datetime:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _tasks(database: Database) -> dict[int, tuple[datetime, datetime, int]]:
    """id → (start, finish, levelling delay) as stored."""
    with database.session() as session:
        rows = session.execute(text("SELECT id, start, finish, levelling_delay_minutes FROM tasks"))
        return {row[0]: (_moment(row[1]), _moment(row[2]), row[3]) for row in rows if row[1]}


def _levelled(database: Database) -> tuple[dict[int, tuple[datetime, datetime, int]], int]:
    create_demo(database.write_engine, as_of=AS_OF)
    reschedule(database, 1)
    plan = plan_levelling(database, 1, LevellingOptions(time_limit_s=1.0))
    assert plan.moves
    command = plan.command()
    command.apply(database)
    return _tasks(database), command.delayed_tasks


def _unrelated_task(database: Database, levelled: int) -> int:
    """A task not started of the levelled task's project whose longer duration would not
    move it."""
    with database.session() as session:
        project = session.get(Task, levelled).project_id  # type: ignore[union-attr]
        candidates = list(session.scalars(
            select(Task.id).where(Task.project_id == project, Task.id != levelled)
            .order_by(Task.id)
        ))  # fmt: skip
        plan = load_plan(session, 1)
    base = schedule(plan).tasks[levelled].start
    summaries = {task.parent for task in plan.tasks}
    for candidate in candidates:
        if candidate in summaries:
            continue
        spec = next(task for task in plan.tasks if task.id == candidate)
        if spec.actual_start or spec.actual_finish or not spec.duration:
            continue
        spec.duration += 480
        moved = schedule(plan).tasks[levelled].start != base
        spec.duration -= 480
        if not moved:
            return candidate
    raise AssertionError("no unrelated task")


def test_levelling_survives_an_edit_and_a_reschedule_and_undo_restores(
    database: Database,
) -> None:
    stored, delayed = _levelled(database)
    assert delayed > 0
    delays = {task_id: row[2] for task_id, row in stored.items() if row[2]}
    assert len(delays) == delayed
    levelled = min(delays)
    with database.session() as session:
        plan = load_plan(session, 1)
    # Without its delay the task would go back to an earlier start.
    early = schedule(with_delays(plan, {levelled: 0})).tasks[levelled].start
    assert early < stored[levelled][0]

    other = _unrelated_task(database, levelled)
    with database.session() as session:
        duration = session.get(Task, other).duration_minutes  # type: ignore[union-attr]
    edit = set_duration(database, other, duration + 480)
    edit.apply(database)  # reschedules the project
    after_edit = _tasks(database)
    assert after_edit[levelled] == stored[levelled]
    assert after_edit[other][1] > stored[other][1]
    assert {k: v[2] for k, v in after_edit.items() if v[2]} == delays
    edit.revert(database)
    assert _tasks(database)[levelled] == stored[levelled]

    reschedule(database, 1)  # the whole portfolio
    after_full = _tasks(database)
    for task_id in delays:
        assert after_full[task_id] == stored[task_id], task_id


def test_undo_of_levelling_restores_the_previous_delays(database: Database) -> None:
    create_demo(database.write_engine, as_of=AS_OF)
    reschedule(database, 1)
    original = _tasks(database)
    command = plan_levelling(database, 1, LevellingOptions(time_limit_s=1.0)).command()
    command.apply(database)
    assert any(row[2] for row in _tasks(database).values())
    command.revert(database)
    assert _tasks(database) == original
    command.apply(database)  # redo
    assert any(row[2] for row in _tasks(database).values())


def test_clear_levelling_of_a_project_then_undo(database: Database) -> None:
    stored, _ = _levelled(database)
    with database.session() as session:
        projects = {
            task_id: project
            for task_id, project in session.execute(select(Task.id, Task.project_id))
        }
        names = dict(session.execute(select(Project.id, Project.name)).all())
    delayed_projects = sorted({projects[t] for t, row in stored.items() if row[2]})
    target = delayed_projects[0]
    command = clear_levelling(database, 1, "project", target)
    assert command.text == "Clear levelling" and command.delayed_tasks > 0
    command.apply(database)
    cleared = _tasks(database)
    assert not any(row[2] for t, row in cleared.items() if projects[t] == target), names[target]
    # Other projects keep theirs (their tasks linked to this project may move).
    assert all(cleared[t][2] == row[2] for t, row in stored.items() if projects[t] != target)
    command.revert(database)
    assert _tasks(database) == stored
    command.apply(database)  # redo
    assert _tasks(database) == cleared
    # The dates are the plan's without those delays: a reschedule changes none of them.
    reschedule(database, 1)
    assert _tasks(database) == cleared
    # Nothing left to clear in a project without delays.
    undelayed = next(p for p in names if p not in delayed_projects)
    assert clear_levelling(database, 1, "project", undelayed).steps == []
