"""A resource's cost rates with effective dates, and the cost of its assignments.

An assignment costs its work spread evenly over its working time (on the resource's
calendar, else its project's, else the portfolio's: as resource loading spreads it) times
the standard rate in force on each day, plus the cost per use in force on its start day.
Every change of a rate re-costs the resource's assignments in the same undo step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import select

from pmo_desktop.errors import ConflictError, NotFoundError, ValidationError
from pmo_desktop.models import Assignment, Entity, Portfolio, Project, Resource, Task
from pmo_desktop.models import ResourceRate as ResourceRateModel
from pmo_desktop.scheduling.calendar import WorkingCalendar
from pmo_desktop.scheduling.model import CalendarSpec
from pmo_desktop.services import crud
from pmo_desktop.services.commands import (
    Command,
    CompositeCommand,
    CreateRow,
    DeleteRow,
    UpdateFields,
    own_version,
    record_version,
)
from pmo_desktop.services.resource_pool import (
    MONEY_FIELDS,
    PoolRow,
    RateRow,
    edit_resource,
    load_rates,
    money,
    rate_on,
)
from pmo_desktop.services.scheduling import load_calendar
from pmo_desktop.storage.database import Database

CENT = Decimal("0.01")
MINUTES_PER_HOUR = Decimal(60)


@dataclass(frozen=True, slots=True)
class Rates:
    """A resource's standard rates (what applies before its first rate row)."""

    cost_rate: Decimal
    overtime_rate: Decimal
    cost_per_use: Decimal


def assignment_cost(
    start: datetime | None,
    finish: datetime | None,
    work_minutes: int,
    calendar: WorkingCalendar,
    standard: Any,
    rates: Sequence[Any],
) -> Decimal:
    """Work × the rate in force on each day of the assignment, + the cost per use in force on
    its start day, rounded to the cent. Work without working time (or without dates) is
    costed at the rate of its start day (today's standard rate without a start)."""
    if start is None:
        total = Decimal(work_minutes) / MINUTES_PER_HOUR * standard.cost_rate
        return (total + standard.cost_per_use).quantize(CENT, ROUND_HALF_UP)
    per_use = rate_on(standard, rates, start.date())[2]
    end = finish if finish is not None and finish > start else start
    first, last = calendar.offset(start), calendar.offset(end)
    if last <= first:
        cost_rate = rate_on(standard, rates, start.date())[0]
        total = Decimal(work_minutes) / MINUTES_PER_HOUR * cost_rate
        return (total + per_use).quantize(CENT, ROUND_HALF_UP)
    cuts = sorted(
        {rate.effective_from for rate in rates if start.date() < rate.effective_from <= end.date()}
    )
    bounds = [first, *(calendar.offset(datetime.combine(day, time())) for day in cuts), last]
    days = [start.date(), *cuts]
    span = Decimal(last - first)
    total = Decimal(0)
    for index, day in enumerate(days):
        minutes = Decimal(bounds[index + 1] - bounds[index])
        if minutes:
            cost_rate = rate_on(standard, rates, day)[0]
            total += Decimal(work_minutes) * minutes / span / MINUTES_PER_HOUR * cost_rate
    return (total + per_use).quantize(CENT, ROUND_HALF_UP)


@dataclass
class SetAssignmentCosts:
    """New costs for some assignments, in one transaction; undo puts the old ones back."""

    #: (assignment id, version seen, cost before, cost after)
    changes: list[tuple[int, int, Decimal, Decimal]]
    text: str = ""
    _applied: bool = field(default=False, repr=False)

    def apply(self, database: Database) -> None:
        self._write(database, after=True)
        self._applied = True

    def revert(self, database: Database) -> None:
        self._write(database, after=False)

    def _write(self, database: Database, *, after: bool) -> None:
        """One UPDATE guarded by each row's version (hundreds of ORM updates would hold the
        GUI thread for a second): an executemany, set-based on a server (crud.write_rows)."""
        rows = []
        for assignment_id, version, before, new in self.changes:
            expected = version
            if self._applied:
                expected = own_version(database, Assignment, assignment_id, version)
            cost = new if after else before
            rows.append({"id": assignment_id, "version": expected, "cost": cost})
        with database.write_session() as session:
            if crud.write_rows(session, Assignment, rows) != len(rows):
                raise self._conflict(session, rows)
        for row in rows:
            record_version(database, Assignment, row["id"], row["version"] + 1)

    @staticmethod
    def _conflict(session: Any, rows: list[dict[str, Any]]) -> ConflictError:
        """The first assignment someone else changed or deleted meanwhile."""
        for row in rows:
            found = session.get(Assignment, row["id"])
            if found is None or found.version != row["version"] + 1:
                return ConflictError(
                    "Assignment", row["id"], mine={"cost": row["cost"]}, theirs=None,
                    expected_version=row["version"],
                    their_version=None if found is None else found.version,
                )  # fmt: skip
        return ConflictError(
            "Assignment", rows[0]["id"], mine={}, theirs=None, expected_version=0,
            their_version=None,
        )  # fmt: skip

    def merge(self, other: Command) -> bool:
        return False

    def touched(self) -> set[type[Entity]]:
        return {Assignment}


def recost(
    database: Database, resource_id: int, standard: Rates, rates: Sequence[Any]
) -> SetAssignmentCosts | None:
    """The command setting the cost of each of the resource's assignments under `standard`
    and `rates` (the rate table as it will be); None when no cost changes."""
    with database.session() as session:
        resource = session.get(Resource, resource_id)
        if resource is None:
            raise NotFoundError(f"Resource {resource_id} does not exist (any more).")
        portfolio_calendar = session.scalar(
            select(Portfolio.calendar_id).where(Portfolio.id == resource.portfolio_id)
        )
        records = session.execute(
            select(
                Assignment.id,
                Assignment.version,
                Assignment.start,
                Assignment.finish,
                Assignment.work_minutes,
                Assignment.cost,
                Project.calendar_id,
            )
            .join(Task, Task.id == Assignment.task_id)
            .join(Project, Project.id == Task.project_id)
            .where(Assignment.resource_id == resource_id)
        ).all()
        specs: dict[int | None, CalendarSpec] = {}

        def spec(calendar_id: int | None) -> CalendarSpec:
            if calendar_id not in specs:
                specs[calendar_id] = load_calendar(session, calendar_id)
            return specs[calendar_id]

        calendars: dict[int | None, WorkingCalendar] = {}
        changes = []
        for record in records:
            calendar_id = resource.calendar_id or record.calendar_id or portfolio_calendar
            if calendar_id not in calendars:
                origin = record.start.date() if record.start is not None else date.today()
                calendars[calendar_id] = WorkingCalendar(spec(calendar_id), origin)
            cost = assignment_cost(
                record.start, record.finish, record.work_minutes, calendars[calendar_id],
                standard, rates,
            )  # fmt: skip
            if cost != record.cost:
                changes.append((record.id, record.version, record.cost, cost))
    if not changes:
        return None
    return SetAssignmentCosts(changes, f"Re-cost assignments of {resource.code}")


def _standard(row: PoolRow) -> Rates:
    return Rates(row.cost_rate, row.overtime_rate, row.cost_per_use)


def _with_costs(
    database: Database, row: PoolRow, change: Command, standard: Rates, rates: Sequence[Any]
) -> Command:
    costs = recost(database, row.id, standard, rates)
    if costs is None:
        return change
    return CompositeCommand([change, costs], change.text)


def _rate_values(values: dict[str, Any]) -> dict[str, Any]:
    cleaned = {}
    for name in MONEY_FIELDS:
        if name in values:
            cleaned[name] = money(values[name], name.replace("_", " "))
    if "effective_from" in values:
        if not isinstance(values["effective_from"], date):
            raise ValidationError("A rate needs the date it takes effect.")
        cleaned["effective_from"] = values["effective_from"]
    return cleaned


def _check_unique(rates: Sequence[RateRow], day: date, rate_id: int | None = None) -> None:
    if any(rate.effective_from == day and rate.id != rate_id for rate in rates):
        raise ValidationError(f"The resource already has rates from {day.isoformat()}.")


def add_rate(
    database: Database, row: PoolRow, effective_from: date, text: str = "", **values: Any
) -> Command:
    """A new rate row from `effective_from` (rates not given: those in force that day),
    re-costing the resource's assignments."""
    rates = load_rates(database, row.id)
    cleaned = _rate_values({"effective_from": effective_from, **values})
    _check_unique(rates, effective_from)
    current = rate_on(row, rates, effective_from)
    for name, value in zip(MONEY_FIELDS, current, strict=True):
        cleaned.setdefault(name, value)
    cleaned["resource_id"] = row.id
    create = CreateRow(
        ResourceRateModel, cleaned, text or f"Add rate of {row.code} from {effective_from}"
    )
    new = RateRow(0, 0, row.id, effective_from, *(cleaned[name] for name in MONEY_FIELDS))
    return _with_costs(database, row, create, _standard(row), [*rates, new])


def edit_rate(
    database: Database, row: PoolRow, rate: RateRow, text: str = "", **changes: Any
) -> Command | None:
    """Change a rate row (its date or amounts), re-costing; None when nothing changes."""
    rates = load_rates(database, row.id)
    cleaned = _rate_values(changes)
    if "effective_from" in cleaned:
        _check_unique(rates, cleaned["effective_from"], rate.id)
    cleaned = {name: value for name, value in cleaned.items() if getattr(rate, name) != value}
    if not cleaned:
        return None
    before = {name: getattr(rate, name) for name in cleaned}
    update = UpdateFields(
        ResourceRateModel, rate.id, rate.version, before, cleaned,
        text or f"Edit rate of {row.code}",
    )  # fmt: skip
    edited = [replace(other, **cleaned) if other.id == rate.id else other for other in rates]
    return _with_costs(database, row, update, _standard(row), edited)


def remove_rate(database: Database, row: PoolRow, rate: RateRow, text: str = "") -> Command:
    """Delete a rate row, re-costing the assignments it applied to."""
    rates = [other for other in load_rates(database, row.id) if other.id != rate.id]
    delete = DeleteRow(
        ResourceRateModel, rate.id, rate.version,
        text or f"Remove rate of {row.code} from {rate.effective_from}",
    )  # fmt: skip
    return _with_costs(database, row, delete, _standard(row), rates)


def edit_resource_with_costs(
    database: Database, row: PoolRow, text: str = "", **changes: Any
) -> Command | None:
    """`resource_pool.edit_resource`, re-costing the assignments when the standard rates
    change; None when nothing changes."""
    update = edit_resource(database, row, text, **changes)
    if not update.after:
        return None
    if not set(update.after) & set(MONEY_FIELDS):
        return update
    standard = Rates(*(update.after.get(name, getattr(row, name)) for name in MONEY_FIELDS))
    return _with_costs(database, row, update, standard, load_rates(database, row.id))
