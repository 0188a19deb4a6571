"""Portfolio resource loading by role for the board pack: the selected projects' demand
against the capacity of every active person and generic role, month by month, in hours."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmo_desktop.models import Assignment, Resource, ResourceKind, Task
from pmo_desktop.reports.data import RoleLoad
from pmo_desktop.scheduling.loading import (
    AssignmentSpan,
    ResourceSpec,
    resource_loading,
    role_loading,
)
from pmo_desktop.services.board_pack_read import Selection
from pmo_desktop.services.board_pack_schedule import add_months, month_start
from pmo_desktop.services.kpis import CHUNK_ROWS, CalendarSpecs

_WORKERS = (ResourceKind.PERSON, ResourceKind.ROLE)
#: Loads are minutes; the pack prints hours to one decimal.
_MINUTES_PER_HOUR = 60.0


def board_months(as_of: date, count: int) -> tuple[date, ...]:
    """The first days of `count` months from the month of `as_of`."""
    first = month_start(as_of)
    return tuple(add_months(first, k) for k in range(max(0, count)))


def role_loads(
    session: Session, selection: Selection, months: tuple[date, ...]
) -> tuple[RoleLoad, ...]:
    """Demand (the selected projects' assignments) and capacity per role and month, roles in
    name order; a generic role resource without a role name counts under its own name."""
    if not months:
        return ()
    end = add_months(months[-1], 1)
    specs = CalendarSpecs(session)
    resources = [
        ResourceSpec(
            id=row.id,
            name=row.name,
            role=row.role or (row.name if row.kind is ResourceKind.ROLE else ""),
            max_units=row.max_units,
            calendar=(specs.get(row.calendar_id) if row.calendar_id is not None else None),
        )
        for row in session.execute(
            select(
                Resource.id,
                Resource.name,
                Resource.kind,
                Resource.role,
                Resource.max_units,
                Resource.calendar_id,
            ).where(
                Resource.portfolio_id == selection.portfolio_id,
                Resource.active.is_(True),
                Resource.kind.in_(_WORKERS),
            )
        )
    ]
    if not resources:
        return ()
    window_start = datetime.combine(months[0], time())
    window_end = datetime.combine(end, time())
    spans = [
        AssignmentSpan(*row)
        for row in session.connection().execute(
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
                selection.restrict(Task.project_id),
                Resource.active.is_(True),
                Resource.kind.in_(_WORKERS),
                Assignment.start.is_not(None),
                Assignment.finish.is_not(None),
                Assignment.start < window_end,
                Assignment.finish > window_start,
            )
            .execution_options(yield_per=CHUNK_ROWS)
        )
    ]
    grid = resource_loading(
        spans,
        resources,
        months[0],
        end,
        "month",
        project_calendars=selection.project_calendars,
        default_calendar=selection.default_calendar,
    )
    by_role = role_loading(grid, resources)
    count = len(months)
    return tuple(
        RoleLoad(
            role=role,
            demand=tuple(round(minutes / _MINUTES_PER_HOUR, 1) for minutes in load[:count]),
            capacity=tuple(
                round(minutes / _MINUTES_PER_HOUR, 1) for minutes in by_role.capacity[role][:count]
            ),
        )
        for role, load in sorted(by_role.load.items(), key=lambda item: item[0].casefold())
    )
