"""The project-scoped reschedule and the drag preview, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from pmo_desktop.errors import NotFoundError, ValidationError
from pmo_desktop.models import Dependency, Portfolio, Project, Task
from pmo_desktop.services import crud
from pmo_desktop.services.database import Database
from pmo_desktop.services.demo import create_demo
from pmo_desktop.services.project_schedule import PreviewSession, reschedule_project
from pmo_desktop.services.scheduling import PlanError, reschedule
from pmo_desktop.services.task_edits import move_task

AS_OF = date(2026, 10, 30)
COLUMNS = ("start", "finish", "early_start", "early_finish", "late_start", "late_finish",
           "total_slack_minutes", "free_slack_minutes", "critical", "version")  # fmt: skip


def stored(database: Database, project_id: int | None = None) -> dict[int, tuple[object, ...]]:
    statement = select(Task.id, *(getattr(Task, name) for name in COLUMNS))
    if project_id is not None:
        statement = statement.where(Task.project_id == project_id)
    with database.session() as session:
        return {row[0]: tuple(row[1:]) for row in session.execute(statement)}


def cross_project_pair(database: Database) -> tuple[int, int]:
    """A (predecessor project, successor project) pair joined by a link."""
    before, after = aliased(Task), aliased(Task)
    with database.session() as session:
        row = session.execute(
            select(before.project_id, after.project_id)
            .select_from(Dependency)
            .join(before, before.id == Dependency.predecessor_id)
            .join(after, after.id == Dependency.successor_id)
            .where(before.project_id != after.project_id)
            .order_by(after.project_id)
            .limit(1)
        ).one()
    return row[0], row[1]


@pytest.fixture
def demo(database: Database) -> Database:
    create_demo(database.write_engine, as_of=AS_OF)
    with database.session() as session:
        portfolio_id = session.scalar(select(Portfolio.id))
    assert portfolio_id is not None
    reschedule(database, portfolio_id)
    return database


def test_it_agrees_with_the_portfolio_reschedule(demo: Database) -> None:
    everything = stored(demo)
    with demo.session() as session:
        projects = list(session.scalars(select(Project.id)))
    for project_id in projects:
        outcome = reschedule_project(demo, project_id)
        assert outcome.moved == {}
    # Not a single row was rewritten: the versions did not move.
    assert stored(demo) == everything


def test_after_an_edit_it_stores_what_the_portfolio_reschedule_would(demo: Database) -> None:
    upstream, project_id = cross_project_pair(demo)
    with demo.session() as session:
        task = session.scalar(
            select(Task).where(Task.project_id == project_id, Task.is_summary.is_(False),
                               Task.duration_minutes > 0, Task.percent_complete == 0)
            .order_by(Task.start)
        )  # fmt: skip
        portfolio_id = session.scalar(select(Portfolio.id))
    assert task is not None and portfolio_id is not None
    crud.update(demo, Task, task.id, task.version, duration_minutes=task.duration_minutes * 3)
    others = {key: value for key, value in stored(demo).items()
              if key not in stored(demo, project_id)}  # fmt: skip
    outcome = reschedule_project(demo, project_id)
    assert task.id in outcome.moved and len(outcome.moved) > 1
    mine = stored(demo, project_id)
    assert {key: value for key, value in stored(demo).items() if key not in mine} == others
    reschedule(demo, portfolio_id, [project_id])
    full = stored(demo, project_id)
    strip = lambda rows: {key: value[:-1] for key, value in rows.items()}  # noqa: E731
    assert strip(mine) == strip(full)
    assert upstream != project_id


def test_linked_tasks_of_other_projects_hold_their_successors(database: Database) -> None:
    portfolio = crud.create(database, Portfolio, name="P")
    alpha, beta = (
        crud.create(database, Project, portfolio_id=portfolio.id, code=code, name=code,
                    start_date=date(2026, 5, 11))
        for code in ("A", "B")
    )  # fmt: skip
    supplier = crud.create(
        database, Task, project_id=alpha.id, name="Supply", duration_minutes=2400
    )
    user = crud.create(database, Task, project_id=beta.id, name="Use", duration_minutes=480)
    crud.create(database, Dependency, predecessor_id=supplier.id, successor_id=user.id)
    reschedule(database, portfolio.id)
    assert crud.get(database, Task, user.id).start == datetime(2026, 5, 18, 8)
    later = crud.get(database, Task, supplier.id)
    crud.update(database, Task, supplier.id, later.version, duration_minutes=4800)
    outcome = reschedule_project(database, beta.id)
    # Supply stays where it is stored (its start), with its new duration; it is not written.
    assert outcome.moved == {user.id: (datetime(2026, 5, 25, 8), datetime(2026, 5, 25, 17))}
    assert crud.get(database, Task, supplier.id).finish == datetime(2026, 5, 15, 17)
    assert reschedule_project(database, alpha.id).moved == {
        supplier.id: (datetime(2026, 5, 11, 8), datetime(2026, 5, 22, 17))
    }
    assert reschedule_project(database, beta.id).moved == {}


def test_a_loop_is_a_plan_error_and_nothing_is_stored(database: Database) -> None:
    portfolio = crud.create(database, Portfolio, name="P")
    project = crud.create(database, Project, portfolio_id=portfolio.id, code="A", name="A")
    first = crud.create(database, Task, project_id=project.id, name="First", duration_minutes=480)
    second = crud.create(database, Task, project_id=project.id, name="Second", duration_minutes=480)
    crud.create(database, Dependency, predecessor_id=first.id, successor_id=second.id)
    crud.create(database, Dependency, predecessor_id=second.id, successor_id=first.id)
    with pytest.raises(PlanError, match=r"loop: (First → Second → First|Second → First → Second)"):
        reschedule_project(database, project.id)
    assert crud.get(database, Task, first.id).start is None
    with pytest.raises(NotFoundError):
        reschedule_project(database, 9999)


def test_the_preview_matches_the_committed_move(demo: Database) -> None:
    with demo.session() as session:
        project_id = session.scalar(select(Project.id).order_by(Project.id))
        task = session.scalar(
            select(Task).where(Task.project_id == project_id, Task.is_summary.is_(False),
                               Task.percent_complete == 0, Task.duration_minutes > 0)
            .order_by(Task.start)
        )  # fmt: skip
        summary = session.scalar(select(Task.id).where(Task.project_id == project_id,
                                                       Task.is_summary.is_(True)))  # fmt: skip
    assert task is not None and task.start is not None and summary is not None
    preview = PreviewSession(demo, project_id)
    assert preview.original(task.id) == (task.start, task.finish)
    target = datetime.combine(task.start.date() + timedelta(days=28), datetime.min.time()).replace(
        hour=8
    )
    while target.weekday() >= 5:
        target += timedelta(days=1)
    spans = {}
    for step in (7, 14, 28):
        moment = task.start + timedelta(days=step)
        spans = preview.move(task.id, moment)
    spans = preview.move(task.id, target)
    assert spans[task.id][0] == target
    assert preview.move(task.id, task.start) == {}
    spans = preview.move(task.id, target)
    with demo.session() as session:
        count = session.scalar(select(func.count()).select_from(Task)
                               .where(Task.project_id == project_id))  # fmt: skip
    assert 1 < len(spans) < (count or 0)
    command = move_task(demo, task.id, target)
    command.apply(demo)
    assert command.moved == spans
    with pytest.raises(ValidationError, match="summary"):
        preview.move(summary, target)
    with pytest.raises(NotFoundError):
        preview.move(999_999, target)
    resized = preview.set_duration(task.id, task.duration_minutes + 480)
    assert resized[task.id][1] > spans[task.id][1]
