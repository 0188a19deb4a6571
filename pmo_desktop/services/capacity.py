"""Capacity planning: demand against capacity per role, month by month, from the as-of month.

Capacity of a role = the hours its people can work: max units × the working hours of each
month on each person's calendar (else the portfolio's). Demand = the hours of every
assignment of the role's people and of its generic-role resources, spread on the same
calendars as the loading grid. Plain data, for the loading view's panel and reports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from pmo_desktop.errors import NotFoundError, ValidationError
from pmo_desktop.models import Portfolio, Programme, ResourceKind
from pmo_desktop.scheduling.loading import period_boundaries, resource_loading
from pmo_desktop.services.board_pack_schedule import add_months
from pmo_desktop.services.kpis import CalendarSpecs
from pmo_desktop.services.loading_input import resource_specs, role_of, worker_rows
from pmo_desktop.services.resource_view import MINUTES_PER_HOUR, scope_projects, scope_spans
from pmo_desktop.storage.database import Database

Progress = Callable[[int, int, str], None]
#: Months a capacity plan looks ahead by default.
MONTHS = 12


@dataclass(frozen=True, slots=True)
class RoleCapacity:
    """One role's hours per month: what its people can give, what the plans ask."""

    role: str
    people: int
    generic: int
    capacity: tuple[float, ...]
    demand: tuple[float, ...]

    def gap(self, month: int) -> float:
        """Demand beyond capacity in hours (negative: spare capacity)."""
        return self.demand[month] - self.capacity[month]

    def is_short(self, month: int) -> bool:
        return self.gap(month) > 1e-6


@dataclass(frozen=True)
class CapacityPlan:
    """Demand against capacity per role over `len(months) - 1` months; month k covers the
    days [months[k], months[k + 1])."""

    portfolio_id: int
    programme_id: int | None
    include_proposed: bool
    months: tuple[date, ...]
    roles: list[RoleCapacity]

    @property
    def month_count(self) -> int:
        return len(self.months) - 1

    def shortfalls(self) -> list[tuple[str, int, float]]:
        """(role, month index, hours short) wherever demand exceeds capacity."""
        return [
            (role.role, k, role.gap(k))
            for role in self.roles
            for k in range(self.month_count)
            if role.is_short(k)
        ]


def capacity_plan(
    database: Database,
    portfolio_id: int,
    as_of: date,
    months: int = MONTHS,
    *,
    programme_id: int | None = None,
    include_proposed: bool = False,
    progress: Progress | None = None,
) -> CapacityPlan:
    """Demand and capacity per role for `months` months from the month of `as_of`; demand of
    one programme's projects if given, of proposed projects only with `include_proposed`."""
    if months < 1:
        raise ValidationError("Capacity planning needs at least one month.")
    first = as_of.replace(day=1)
    boundaries = period_boundaries(first, add_months(first, months), "month")
    with database.session() as session:
        portfolio = session.get(Portfolio, portfolio_id)
        if portfolio is None:
            raise NotFoundError(f"Portfolio {portfolio_id} does not exist.")
        if programme_id is not None:
            programme = session.get(Programme, programme_id)
            if programme is None or programme.portfolio_id != portfolio_id:
                raise NotFoundError(f"Programme {programme_id} is not in this portfolio.")
        if progress is not None:
            progress(0, 2, "Resources")
        specs = CalendarSpecs(session)
        default = specs.get(portfolio.calendar_id)
        rows = worker_rows(session, portfolio_id)
        resources = resource_specs(rows, specs, role_of)
        _, project_calendars = scope_projects(
            session, portfolio_id, programme_id, specs, include_proposed
        )
        if progress is not None:
            progress(1, 2, "Assignments")
        spans = scope_spans(
            session, portfolio_id, programme_id, boundaries[0], boundaries[-1], include_proposed
        )
    grid = resource_loading(
        spans,
        resources,
        boundaries[0],
        boundaries[-1],
        "month",
        project_calendars=project_calendars,
        default_calendar=default,
    )
    count = len(boundaries) - 1
    kinds = {row.id: row.kind for row in rows}
    capacity: dict[str, list[float]] = {}
    demand: dict[str, list[float]] = {}
    people: dict[str, int] = {}
    generic: dict[str, int] = {}
    for resource in resources:
        role = resource.role
        role_capacity = capacity.setdefault(role, [0.0] * count)
        role_demand = demand.setdefault(role, [0.0] * count)
        is_person = kinds[resource.id] is ResourceKind.PERSON
        people[role] = people.get(role, 0) + is_person
        generic[role] = generic.get(role, 0) + (not is_person)
        for k in range(count):
            role_demand[k] += grid.load[resource.id][k] / MINUTES_PER_HOUR
            if is_person:
                role_capacity[k] += grid.capacity[resource.id][k] / MINUTES_PER_HOUR
    if progress is not None:
        progress(2, 2, "")
    roles = [
        RoleCapacity(role, people[role], generic[role], tuple(capacity[role]), tuple(demand[role]))
        for role in sorted(capacity, key=lambda name: (name == "", name.casefold()))
    ]
    return CapacityPlan(portfolio_id, programme_id, include_proposed, tuple(boundaries), roles)
