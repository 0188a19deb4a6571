"""`PreviewSession.set_link_lag` (a lag drag's preview) on the demo portfolio: the spans it
returns are those of removing the link and adding it at the new lag, and of a full schedule
of the edited plan; the committed `task_edits.set_link_lag` stores the same dates."""

from __future__ import annotations

import copy
from dataclasses import replace

import pytest
from sqlalchemy import select

from pmo_desktop.errors import NotFoundError
from pmo_desktop.models import ConstraintType, Dependency, LinkType, Project, Task
from pmo_desktop.scheduling.cpm import schedule
from pmo_desktop.services import task_edits
from pmo_desktop.services.database import Database
from pmo_desktop.services.project_schedule import PreviewSession

DAY = 480


def _chain(database: Database) -> tuple[int, Dependency]:
    """The project with most links, and one of its FS links into a plain ASAP task."""
    with database.session() as session:
        links = session.scalars(select(Dependency).order_by(Dependency.id)).all()
        tasks = {task.id: task for task in session.scalars(select(Task))}
        projects = [row[0] for row in session.execute(select(Project.id))]
    for link in links:
        successor = tasks[link.successor_id]
        predecessor = tasks[link.predecessor_id]
        if (
            link.type == LinkType.FS
            and predecessor.project_id == successor.project_id
            and successor.constraint_type == ConstraintType.ASAP
            and not successor.levelling_delay_minutes
            and successor.percent_complete == 0
            and successor.project_id in projects
            and not any(child.parent_id == successor.id for child in tasks.values())
        ):
            return successor.project_id, link
    raise AssertionError("the demo has no FS link")


def test_a_previewed_lag_equals_removing_and_re_adding_the_link(demo: Database) -> None:
    project_id, link = _chain(demo)
    preview = PreviewSession(demo, project_id)
    other = PreviewSession(demo, project_id)
    spec = next(
        spec
        for spec in other.project_plan.plan.links
        if (spec.predecessor, spec.successor) == (link.predecessor_id, link.successor_id)
    )
    for lag in (3 * DAY, -DAY, 0, 5 * DAY):
        spans = preview.set_link_lag(link.predecessor_id, link.successor_id, lag)
        other.scheduler.remove_link(spec)
        spec = replace(spec, lag=lag, lag_unit="working")
        other.scheduler.add_link(spec)
        assert preview.scheduler.result.tasks == other.scheduler.result.tasks
        full = schedule(copy.deepcopy(preview.scheduler.plan)).tasks
        for task_id in preview.project_plan.stored:
            span = (full[task_id].start, full[task_id].finish)
            expected = None if span == preview.original(task_id) else span
            assert spans.get(task_id) == expected
    assert link.successor_id in spans  # five days later than without lag

    task_edits.set_link_lag(demo, link.id, 5 * DAY).apply(demo)
    with demo.session() as session:
        stored = {
            row.id: (row.start, row.finish)
            for row in session.execute(
                select(Task.id, Task.start, Task.finish).where(Task.project_id == project_id)
            )
        }
    for task_id, span in spans.items():
        assert stored[task_id] == span


def test_an_unknown_link_is_refused(demo: Database) -> None:
    project_id, link = _chain(demo)
    preview = PreviewSession(demo, project_id)
    with pytest.raises(NotFoundError):
        preview.set_link_lag(link.successor_id, link.predecessor_id, DAY)
