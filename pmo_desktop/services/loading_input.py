"""What resource loading reads, in one place for the dashboard, the board pack and the
loading view: the active people and generic roles of a portfolio, and their assignments
overlapping a window (materials and inactive resources never count)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Row, select
from sqlalchemy.orm import Session

from pmo_desktop.models import Assignment, Resource, ResourceKind, Task
from pmo_desktop.scheduling.loading import AssignmentSpan, ResourceSpec

if TYPE_CHECKING:
    from pmo_desktop.services.kpis import CalendarSpecs

#: The resources whose time is planned: people and generic roles.
WORKERS = (ResourceKind.PERSON, ResourceKind.ROLE)
#: Rows fetched per driver call (see services.kpis.CHUNK_ROWS).
CHUNK_ROWS = 1000


def worker_rows(session: Session, portfolio_id: int) -> Sequence[Row[Any]]:
    """The portfolio's active people and generic roles: id, name, kind, role, department,
    max units and calendar."""
    return session.execute(
        select(
            Resource.id,
            Resource.name,
            Resource.kind,
            Resource.role,
            Resource.department,
            Resource.max_units,
            Resource.calendar_id,
        ).where(
            Resource.portfolio_id == portfolio_id,
            Resource.active.is_(True),
            Resource.kind.in_(WORKERS),
        )
    ).all()


def role_of(row: Row[Any]) -> str:
    """A resource's role; a generic role resource without a role name is its own role."""
    return row.role or (row.name if row.kind is ResourceKind.ROLE else "")


def resource_specs(
    rows: Sequence[Row[Any]],
    specs: CalendarSpecs,
    group: Callable[[Row[Any]], str] = role_of,
) -> list[ResourceSpec]:
    """The engine's resources, `role` set to `group(row)` (the role by default)."""
    return [
        ResourceSpec(
            id=row.id,
            name=row.name,
            role=group(row),
            max_units=row.max_units,
            calendar=specs.get(row.calendar_id) if row.calendar_id is not None else None,
        )
        for row in rows
    ]


def assignment_spans(
    session: Session,
    start: datetime,
    end: datetime,
    *where: ColumnElement[bool],
    touching: bool = False,
) -> list[AssignmentSpan]:
    """The workers' assignments overlapping [start, end) and matching `where` (e.g. a
    portfolio or a set of projects); `touching` also keeps those ending exactly at `start`
    (a cell's drill-down lists them)."""
    ends_after = Assignment.finish >= start if touching else Assignment.finish > start
    query = (
        select(
            Assignment.resource_id,
            Assignment.task_id,
            Task.project_id,
            Assignment.start,
            Assignment.finish,
            Assignment.work_minutes,
        )
        .join(Task, Task.id == Assignment.task_id)
        .join(Resource, Resource.id == Assignment.resource_id)
        .where(
            Resource.active.is_(True),
            Resource.kind.in_(WORKERS),
            Assignment.start.is_not(None),
            Assignment.finish.is_not(None),
            Assignment.start < end,
            ends_after,
            *where,
        )
        .execution_options(yield_per=CHUNK_ROWS)
    )
    return [AssignmentSpan(*row) for row in session.connection().execute(query)]
