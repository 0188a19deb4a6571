"""Resource loading across the portfolio for the loading view: hours of demand and capacity
per resource (grouped by role) and per week or month from the as-of date, with the demand of
a row split by project and the assignments that make up one cell.

The grid is `scheduling.loading.resource_loading`; the split and the drill-down spread the
same assignments with the same calendars, so their figures add up to the grid's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmo_desktop.errors import NotFoundError, ValidationError
from pmo_desktop.models import (
    Portfolio,
    Programme,
    Project,
    ProjectStatus,
    Resource,
    Task,
)
from pmo_desktop.scheduling.loading import (
    AssignmentSpan,
    ResourceSpec,
    period_boundaries,
    resource_loading,
    role_loading,
)
from pmo_desktop.scheduling.model import CalendarSpec
from pmo_desktop.services.board_pack_schedule import add_months
from pmo_desktop.services.kpis import CalendarSpecs
from pmo_desktop.services.loading_input import (
    assignment_spans,
    resource_specs,
    role_of,
    worker_rows,
)
from pmo_desktop.storage.database import Database

ViewUnit = Literal["week", "month"]
GroupBy = Literal["role", "department"]
Progress = Callable[[int, int, str], None]
MINUTES_PER_HOUR = 60.0
#: Load above capacity by less than this (hours) is rounding, not over-allocation.
OVER_TOLERANCE = 1e-6
#: Task ids per IN (...) list when reading the names of a drill-down.
_ID_CHUNK = 500


@dataclass(frozen=True, slots=True)
class LoadingRow:
    """One line of the grid: a group (`is_role`, key = the role or department name, "" for
    none) or one of its resources (key = resource id, `role` = its group); hours per period."""

    key: int | str
    name: str
    role: str
    is_role: bool
    load: tuple[float, ...]
    capacity: tuple[float, ...]

    def utilisation(self, period: int) -> float | None:
        """Load / capacity in period `period` (1.0 = fully loaded); None when both are 0,
        infinity for load without capacity."""
        load, capacity = self.load[period], self.capacity[period]
        if capacity > 0:
            return load / capacity
        return float("inf") if load > OVER_TOLERANCE else None

    def is_over(self, period: int) -> bool:
        return self.load[period] > self.capacity[period] + OVER_TOLERANCE


@dataclass(frozen=True, slots=True)
class CellAssignment:
    """One assignment's share of a cell: `hours` of `resource_name` on a task in the period."""

    project_id: int
    project_name: str
    task_id: int
    task_name: str
    resource_id: int
    resource_name: str
    hours: float


@dataclass
class ResourceLoading:
    """The loading grid of a portfolio (or one programme's projects) from `as_of`.

    Period k covers the days [boundaries[k], boundaries[k + 1]). Rows: each group (role or
    department) in name order, then its resources in name order. Demand counts the scope's
    projects only; capacity is every active person and generic role of the portfolio.
    """

    portfolio_id: int
    programme_id: int | None
    as_of: date
    unit: ViewUnit
    group_by: GroupBy
    boundaries: tuple[date, ...]
    rows: list[LoadingRow]
    projects: dict[int, str]
    _resources: dict[int, ResourceSpec] = field(repr=False)
    _spans: dict[int, list[AssignmentSpan]] = field(repr=False)
    _project_calendars: dict[int, CalendarSpec] = field(repr=False)
    _default_calendar: CalendarSpec = field(repr=False)

    @property
    def period_count(self) -> int:
        return len(self.boundaries) - 1

    def period(self, index: int) -> tuple[date, date]:
        """First and last day of period `index`."""
        return self.boundaries[index], self.boundaries[index + 1] - timedelta(days=1)

    def resources_of(self, row: LoadingRow) -> list[int]:
        """The resource ids a row stands for (its own, or every resource of its role)."""
        if not row.is_role:
            return [int(row.key)]
        return [resource.id for resource in self._resources.values() if resource.role == row.key]

    def _spread(self, keyed: Iterable[tuple[int, AssignmentSpan]]) -> dict[int, list[float]]:
        """Minutes per period of each key's spans, each spread on its resource's calendar
        (else its project's), exactly as the grid spreads it."""
        specs: dict[int, ResourceSpec] = {}
        spans: list[AssignmentSpan] = []
        for key, span in keyed:
            if key not in specs:
                owner = self._resources[span.resource]
                specs[key] = ResourceSpec(id=key, calendar=owner.calendar)
            spans.append(
                AssignmentSpan(key, span.task, span.project, span.start, span.finish, span.work)
            )
        if not specs:
            return {}
        grid = resource_loading(
            spans,
            specs.values(),
            self.boundaries[0],
            self.boundaries[-1],
            self.unit,
            project_calendars=self._project_calendars,
            default_calendar=self._default_calendar,
        )
        return grid.load

    def demand_by_project(self, row: LoadingRow) -> dict[int, tuple[float, ...]]:
        """Hours per period of each project in a row's demand (projects with none left out);
        the projects' hours add up to the row's load."""
        pairs: dict[tuple[int, int], int] = {}
        keyed: list[tuple[int, AssignmentSpan]] = []
        for resource_id in self.resources_of(row):
            for span in self._spans.get(resource_id, ()):
                key = pairs.setdefault((resource_id, span.project), len(pairs))
                keyed.append((key, span))
        spread = self._spread(keyed)
        by_project: dict[int, list[float]] = {}
        for (_, project), key in pairs.items():
            minutes = spread[key]
            total = by_project.setdefault(project, [0.0] * self.period_count)
            for k, value in enumerate(minutes):
                total[k] += value / MINUTES_PER_HOUR
        return {
            project: tuple(hours)
            for project, hours in sorted(by_project.items())
            if any(value > OVER_TOLERANCE for value in hours)
        }

    def cell_spans(self, row: LoadingRow, period: int) -> list[tuple[AssignmentSpan, float]]:
        """The assignments with work in one cell and their hours there, largest first."""
        first, following = self.boundaries[period], self.boundaries[period + 1]
        low = datetime.combine(first, time())
        high = datetime.combine(following, time())
        candidates = [
            span
            for resource_id in self.resources_of(row)
            for span in self._spans.get(resource_id, ())
            if span.start < high and (span.finish > low or span.start >= low)
        ]
        spread = self._spread(enumerate(candidates))
        found = [
            (span, spread[index][period] / MINUTES_PER_HOUR)
            for index, span in enumerate(candidates)
        ]
        found = [(span, hours) for span, hours in found if hours > OVER_TOLERANCE]
        found.sort(key=lambda item: (-item[1], item[0].project, item[0].task))
        return found


def _window_end(as_of: date, unit: ViewUnit, periods: int) -> date:
    if unit == "week":
        return as_of - timedelta(days=as_of.weekday()) + timedelta(weeks=periods)
    if unit == "month":
        return add_months(as_of.replace(day=1), periods)
    raise ValidationError(f"Unknown period unit {unit!r}: use 'week' or 'month'.")


def _report(progress: Progress | None, done: int, label: str) -> None:
    if progress is not None:
        progress(done, 3, label)


_TO_HOURS = (1 / MINUTES_PER_HOUR).__mul__


def _hours(minutes: list[float]) -> tuple[float, ...]:
    return tuple(map(_TO_HOURS, minutes))


def read_resource_loading(
    database: Database,
    portfolio_id: int,
    as_of: date,
    unit: ViewUnit = "week",
    periods: int = 26,
    *,
    programme_id: int | None = None,
    group_by: GroupBy = "role",
    include_proposed: bool = True,
    progress: Progress | None = None,
) -> ResourceLoading:
    """Demand and capacity per resource and group (role or department) over `periods` weeks
    or months from the period of `as_of`; `progress(done, total, label)` between steps (a
    cancel may raise). Without `include_proposed`, proposed projects add no demand."""
    if periods < 1:
        raise ValidationError("The loading grid needs at least one period.")
    if group_by not in ("role", "department"):
        raise ValidationError(f"Unknown grouping {group_by!r}: use 'role' or 'department'.")
    end = _window_end(as_of, unit, periods)
    boundaries = period_boundaries(as_of, end, unit)
    with database.session() as session:
        portfolio = session.get(Portfolio, portfolio_id)
        if portfolio is None:
            raise NotFoundError(f"Portfolio {portfolio_id} does not exist.")
        if programme_id is not None:
            programme = session.get(Programme, programme_id)
            if programme is None or programme.portfolio_id != portfolio_id:
                raise NotFoundError(f"Programme {programme_id} is not in this portfolio.")
        _report(progress, 0, "Resources")
        specs = CalendarSpecs(session)
        default = specs.get(portfolio.calendar_id)
        projects, project_calendars = scope_projects(
            session, portfolio_id, programme_id, specs, include_proposed
        )
        resources = _resources(session, portfolio_id, specs, group_by)
        _report(progress, 1, "Assignments")
        spans = scope_spans(
            session, portfolio_id, programme_id, boundaries[0], boundaries[-1], include_proposed
        )
    _report(progress, 2, "Loading")
    grid = resource_loading(
        spans,
        resources,
        boundaries[0],
        boundaries[-1],
        unit,
        project_calendars=project_calendars,
        default_calendar=default,
    )
    by_role = role_loading(grid, resources)
    members: dict[str, list[ResourceSpec]] = defaultdict(list)
    for resource in resources:
        members[resource.role].append(resource)
    rows: list[LoadingRow] = []
    for role in sorted(members, key=lambda name: (name == "", name.casefold())):
        rows.append(
            LoadingRow(
                role, role, role, True, _hours(by_role.load[role]), _hours(by_role.capacity[role])
            )
        )
        for resource in sorted(members[role], key=lambda spec: spec.name.casefold()):
            rows.append(
                LoadingRow(
                    resource.id,
                    resource.name,
                    role,
                    False,
                    _hours(grid.load[resource.id]),
                    _hours(grid.capacity[resource.id]),
                )
            )
    by_resource: dict[int, list[AssignmentSpan]] = defaultdict(list)
    for span in spans:
        by_resource[span.resource].append(span)
    _report(progress, 3, "")
    return ResourceLoading(
        portfolio_id=portfolio_id,
        programme_id=programme_id,
        as_of=as_of,
        unit=unit,
        group_by=group_by,
        boundaries=tuple(boundaries),
        rows=rows,
        projects=projects,
        _resources={resource.id: resource for resource in resources},
        _spans=dict(by_resource),
        _project_calendars=project_calendars,
        _default_calendar=default,
    )


def scope_projects(
    session: Session,
    portfolio_id: int,
    programme_id: int | None,
    specs: CalendarSpecs,
    include_proposed: bool,
) -> tuple[dict[int, str], dict[int, CalendarSpec]]:
    """Names and calendars of the projects whose demand counts (a programme's, if given;
    proposed projects only with `include_proposed`)."""
    query = select(Project.id, Project.name, Project.calendar_id).where(
        Project.portfolio_id == portfolio_id
    )
    if programme_id is not None:
        query = query.where(Project.programme_id == programme_id)
    if not include_proposed:
        query = query.where(Project.status != ProjectStatus.PROPOSED)
    names: dict[int, str] = {}
    calendars: dict[int, CalendarSpec] = {}
    for row in session.execute(query):
        names[row.id] = row.name
        if row.calendar_id is not None:
            calendars[row.id] = specs.get(row.calendar_id)
    return names, calendars


def _resources(
    session: Session, portfolio_id: int, specs: CalendarSpecs, group_by: GroupBy
) -> list[ResourceSpec]:
    """Active people and generic roles, `role` set to their group: the role or the
    department."""
    group = (lambda row: row.department) if group_by == "department" else role_of
    return resource_specs(worker_rows(session, portfolio_id), specs, group)


def scope_spans(
    session: Session,
    portfolio_id: int,
    programme_id: int | None,
    first: date,
    following: date,
    include_proposed: bool = True,
) -> list[AssignmentSpan]:
    """The workers' assignments of the projects `scope_projects` names, in the window."""
    scope = [Resource.portfolio_id == portfolio_id]
    if programme_id is not None:
        programme = select(Project.id).where(Project.programme_id == programme_id)
        scope.append(Task.project_id.in_(programme))
    if not include_proposed:
        proposed = select(Project.id).where(Project.status == ProjectStatus.PROPOSED)
        scope.append(Task.project_id.not_in(proposed))
    return assignment_spans(
        session,
        datetime.combine(first, time()),
        datetime.combine(following, time()),
        *scope,
        touching=True,
    )


def cell_assignments(
    database: Database, loading: ResourceLoading, row: LoadingRow, period: int
) -> list[CellAssignment]:
    """The assignments that make up one cell, largest share first; their hours add up to
    the cell's load."""
    if not 0 <= period < loading.period_count:
        raise ValidationError(f"Period {period} is outside the loading grid.")
    found = loading.cell_spans(row, period)
    task_ids = sorted({span.task for span, _ in found})
    task_names: dict[int, str] = {}
    with database.session() as session:
        for start in range(0, len(task_ids), _ID_CHUNK):
            chunk = task_ids[start : start + _ID_CHUNK]
            rows = session.execute(select(Task.id, Task.name).where(Task.id.in_(chunk)))
            task_names.update((task_id, name) for task_id, name in rows)
    names = {other.key: other.name for other in loading.rows if not other.is_role}
    return [
        CellAssignment(
            project_id=span.project,
            project_name=loading.projects.get(span.project, ""),
            task_id=span.task,
            task_name=task_names.get(span.task, ""),
            resource_id=span.resource,
            resource_name=names.get(span.resource, ""),
            hours=hours,
        )
        for span, hours in found
    ]
