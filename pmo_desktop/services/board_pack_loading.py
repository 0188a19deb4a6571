"""Portfolio resource loading by role for the board pack: the selected projects' demand
against the capacity of every active person and generic role, month by month, in hours."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy.orm import Session

from pmo_desktop.models import Task
from pmo_desktop.reports.data import RoleLoad
from pmo_desktop.scheduling.loading import resource_loading, role_loading
from pmo_desktop.services.board_pack_read import Selection
from pmo_desktop.services.board_pack_schedule import add_months, month_start
from pmo_desktop.services.kpis import CalendarSpecs
from pmo_desktop.services.loading_input import assignment_spans, resource_specs, worker_rows

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
    resources = resource_specs(worker_rows(session, selection.portfolio_id), CalendarSpecs(session))
    if not resources:
        return ()
    window_start = datetime.combine(months[0], time())
    window_end = datetime.combine(end, time())
    spans = assignment_spans(session, window_start, window_end, selection.restrict(Task.project_id))
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
