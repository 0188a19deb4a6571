"""The resource pool of a portfolio: plain rows for the pool editor, who works where, and the
undoable create / edit / deactivate / delete of a resource.

Rates with effective dates and their cost recalculation live in `resource_pool_rates`;
vacations (a resource's own calendar) in `resource_pool_calendar`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func, select

from pmo_desktop.errors import NotFoundError, ValidationError
from pmo_desktop.models import (
    Assignment,
    Calendar,
    Portfolio,
    Project,
    Resource,
    ResourceKind,
    ResourceRate,
    Task,
)
from pmo_desktop.services.commands import CreateRow, DeleteRow, UpdateFields
from pmo_desktop.storage.database import Database

#: What the editor may change.
EDITABLE_FIELDS = (
    "code", "name", "kind", "role", "department", "email", "max_units", "cost_rate",
    "overtime_rate", "cost_per_use", "currency", "calendar_id", "active",
)  # fmt: skip
MONEY_FIELDS = ("cost_rate", "overtime_rate", "cost_per_use")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_CODE_LENGTH = 40


@dataclass(frozen=True, slots=True)
class RateRow:
    """One row of a resource's cost rate table: rates in force from `effective_from`."""

    id: int
    version: int
    resource_id: int
    effective_from: date
    cost_rate: Decimal
    overtime_rate: Decimal
    cost_per_use: Decimal


@dataclass(frozen=True, slots=True)
class PoolRow:
    """One resource as the pool lists and edits it (with the version the user saw)."""

    id: int
    version: int
    code: str
    name: str
    kind: ResourceKind
    role: str
    department: str
    email: str
    max_units: float
    cost_rate: Decimal
    overtime_rate: Decimal
    cost_per_use: Decimal
    currency: str
    calendar_id: int | None
    calendar_name: str
    active: bool
    #: The standard rate in force at the pool's as-of date (the rate table, else cost_rate).
    current_rate: Decimal
    project_count: int
    assignment_count: int
    #: Codes of the projects it works on, sorted.
    projects: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ResourcePool:
    """Every resource of a portfolio (active or not), read at `as_of`."""

    portfolio_id: int
    portfolio_name: str
    currency: str
    as_of: date
    rows: tuple[PoolRow, ...]
    #: Calendars a resource may use: (id, name), by name.
    calendars: tuple[tuple[int, str], ...]


@dataclass(frozen=True, slots=True)
class AssignedRow:
    """One assignment of a resource: where it works, how much, and when."""

    assignment_id: int
    project_id: int
    project_code: str
    project_name: str
    task_id: int
    task_name: str
    units: float
    work_minutes: int
    start: datetime | None
    finish: datetime | None
    cost: Decimal


def rate_on(resource: Any, rates: Any, day: date) -> tuple[Decimal, Decimal, Decimal]:
    """(cost rate, overtime rate, cost per use) in force on `day`: the rate row with the latest
    `effective_from` on or before it, else the resource's own rates."""
    found = None
    for rate in rates:
        if rate.effective_from <= day and (
            found is None or rate.effective_from > found.effective_from
        ):
            found = rate
    source = found if found is not None else resource
    return source.cost_rate, source.overtime_rate, source.cost_per_use


def load_pool(database: Database, portfolio_id: int, as_of: date) -> ResourcePool:
    """Every resource of the portfolio with its current rate, calendar and assignment
    counts: four queries, whatever the size of the pool."""
    with database.session() as session:
        portfolio = session.get(Portfolio, portfolio_id)
        if portfolio is None:
            raise NotFoundError(f"Portfolio {portfolio_id} does not exist (any more).")
        resources = session.execute(
            select(Resource, Calendar.name)
            .outerjoin(Calendar, Calendar.id == Resource.calendar_id)
            .where(Resource.portfolio_id == portfolio_id)
            .order_by(Resource.code)
        ).all()
        rates: dict[int, list[ResourceRate]] = defaultdict(list)
        for rate in session.scalars(
            select(ResourceRate)
            .join(Resource, Resource.id == ResourceRate.resource_id)
            .where(Resource.portfolio_id == portfolio_id)
        ):
            rates[rate.resource_id].append(rate)
        # One pass over the assignments (faster than a GROUP BY, which sorts them all).
        query = select(Assignment.resource_id, Task.project_id).join(
            Task, Task.id == Assignment.task_id
        )
        pairs = Counter((resource, project) for resource, project in session.execute(query))
        counts: dict[int, int] = defaultdict(int)
        worked_on: dict[int, list[int]] = defaultdict(list)
        for (resource_id, project_id), count in pairs.items():
            counts[resource_id] += count
            worked_on[resource_id].append(project_id)
        codes = dict(
            session.execute(
                select(Project.id, Project.code).where(Project.portfolio_id == portfolio_id)
            ).all()
        )
        projects = {
            resource_id: [codes[project] for project in ids if project in codes]
            for resource_id, ids in worked_on.items()
        }
        calendars = tuple(
            (row.id, row.name)
            for row in session.execute(select(Calendar.id, Calendar.name).order_by(Calendar.name))
        )
        rows = tuple(
            PoolRow(
                id=resource.id,
                version=resource.version,
                code=resource.code,
                name=resource.name,
                kind=resource.kind,
                role=resource.role,
                department=resource.department,
                email=resource.email,
                max_units=resource.max_units,
                cost_rate=resource.cost_rate,
                overtime_rate=resource.overtime_rate,
                cost_per_use=resource.cost_per_use,
                currency=resource.currency,
                calendar_id=resource.calendar_id,
                calendar_name=calendar_name or "",
                active=resource.active,
                current_rate=rate_on(resource, rates.get(resource.id, ()), as_of)[0],
                project_count=len(projects.get(resource.id, ())),
                assignment_count=counts.get(resource.id, 0),
                projects=tuple(sorted(projects.get(resource.id, ()))),
            )
            for resource, calendar_name in resources
        )
        return ResourcePool(
            portfolio_id, portfolio.name, portfolio.currency, as_of, rows, calendars
        )


def load_rates(database: Database, resource_id: int) -> list[RateRow]:
    """The resource's rate table, oldest first."""
    with database.session() as session:
        return [
            RateRow(
                rate.id,
                rate.version,
                rate.resource_id,
                rate.effective_from,
                rate.cost_rate,
                rate.overtime_rate,
                rate.cost_per_use,
            )
            for rate in session.scalars(
                select(ResourceRate)
                .where(ResourceRate.resource_id == resource_id)
                .order_by(ResourceRate.effective_from)
            )
        ]


def resource_assignments(database: Database, resource_id: int) -> list[AssignedRow]:
    """Where the resource works: its assignments by project code, then start."""
    with database.session() as session:
        records = session.execute(
            select(
                Assignment.id,
                Project.id,
                Project.code,
                Project.name,
                Task.id,
                Task.name,
                Assignment.units,
                Assignment.work_minutes,
                Assignment.start,
                Assignment.finish,
                Assignment.cost,
            )
            .join(Task, Task.id == Assignment.task_id)
            .join(Project, Project.id == Task.project_id)
            .where(Assignment.resource_id == resource_id)
            .order_by(Project.code, Assignment.start, Task.id)
        ).all()
    return [AssignedRow(*record) for record in records]


def _text(value: Any, label: str, length: int, *, required: bool = False) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ValidationError(f"A resource needs a {label}.")
    if len(text) > length:
        raise ValidationError(f"The {label} is at most {length} characters long.")
    return text


def money(value: Any, label: str) -> Decimal:
    """A rate as a non-negative Decimal with cents, or a ValidationError naming it."""
    try:
        amount = Decimal(str(value).strip().replace(",", ".")) if value != "" else Decimal(0)
    except InvalidOperation:
        raise ValidationError(f"The {label} must be an amount, not {value!r}.") from None
    if not amount.is_finite() or amount < 0:
        raise ValidationError(f"The {label} cannot be negative.")
    return amount.quantize(Decimal("0.01"))


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(values) - set(EDITABLE_FIELDS))
    if unknown:
        raise ValidationError(f"A resource has no editable field {', '.join(unknown)}.")
    cleaned = dict(values)
    if "code" in cleaned:
        cleaned["code"] = _text(cleaned["code"], "code", _CODE_LENGTH, required=True)
    if "name" in cleaned:
        cleaned["name"] = _text(cleaned["name"], "name", 200, required=True)
    for name in ("role", "department"):
        if name in cleaned:
            cleaned[name] = _text(cleaned[name], name, 120)
    if "email" in cleaned:
        cleaned["email"] = _text(cleaned["email"], "e-mail address", 200)
        if cleaned["email"] and not _EMAIL.fullmatch(cleaned["email"]):
            raise ValidationError(f"“{cleaned['email']}” is not an e-mail address.")
    if "kind" in cleaned:
        try:
            cleaned["kind"] = ResourceKind(cleaned["kind"])
        except ValueError:
            raise ValidationError(f"{cleaned['kind']!r} is not a resource kind.") from None
    if "max_units" in cleaned:
        try:
            units = float(cleaned["max_units"])
        except (TypeError, ValueError):
            raise ValidationError("The maximum units must be a number.") from None
        if not units >= 0 or units == float("inf"):
            raise ValidationError("The maximum units cannot be negative.")
        cleaned["max_units"] = units
    for name in MONEY_FIELDS:
        if name in cleaned:
            cleaned[name] = money(cleaned[name], name.replace("_", " "))
    if "currency" in cleaned:
        currency = str(cleaned["currency"] or "").strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", currency):
            raise ValidationError("The currency is a three-letter code such as EUR.")
        cleaned["currency"] = currency
    if "active" in cleaned:
        cleaned["active"] = bool(cleaned["active"])
    return cleaned


def _check_code(
    database: Database, portfolio_id: int, code: str, resource_id: int | None = None
) -> None:
    with database.session() as session:
        other = session.scalar(
            select(Resource.name).where(
                Resource.portfolio_id == portfolio_id,
                func.lower(Resource.code) == code.lower(),
                Resource.id != (resource_id or -1),
            )
        )
    if other is not None:
        raise ValidationError(f"The code {code} is already used by {other}.")


def next_code(database: Database, portfolio_id: int) -> str:
    """A free code for a new resource: the pool's usual prefix and the next number."""
    with database.session() as session:
        codes = session.scalars(
            select(Resource.code).where(Resource.portfolio_id == portfolio_id)
        ).all()
    numbered: dict[str, list[str]] = defaultdict(list)
    for code in codes:
        match = re.fullmatch(r"(.*?)(\d+)", code)
        if match:
            numbered[match.group(1)].append(match.group(2))
    if not numbered:
        return "RES-001"
    prefix = max(numbered, key=lambda key: len(numbered[key]))
    width = max(len(number) for number in numbered[prefix])
    following = max(int(number) for number in numbered[prefix]) + 1
    taken = {code.lower() for code in codes}
    while f"{prefix}{following:0{width}d}".lower() in taken:
        following += 1
    return f"{prefix}{following:0{width}d}"


def new_resource(database: Database, portfolio_id: int, text: str = "", **values: Any) -> CreateRow:
    """A new active resource (a person at 100 % unless told otherwise) with a free code."""
    with database.session() as session:
        portfolio = session.get(Portfolio, portfolio_id)
        if portfolio is None:
            raise NotFoundError(f"Portfolio {portfolio_id} does not exist (any more).")
        currency = portfolio.currency
    values.setdefault("code", next_code(database, portfolio_id))
    values.setdefault("name", "New resource")
    values.setdefault("currency", currency)
    cleaned = _clean(values)
    _check_code(database, portfolio_id, cleaned["code"])
    cleaned["portfolio_id"] = portfolio_id
    return CreateRow(Resource, cleaned, text or f"New resource {cleaned['code']}")


def edit_resource(database: Database, row: PoolRow, text: str = "", **changes: Any) -> UpdateFields:
    """The undoable change of some fields of the resource the user sees (at `row.version`).

    A change of the standard rates does not re-cost assignments by itself: use
    `resource_pool_rates.edit_resource_with_costs`, which adds that step."""
    cleaned = _clean(changes)
    if "code" in cleaned and cleaned["code"] != row.code:
        with database.session() as session:
            portfolio_id = session.scalar(
                select(Resource.portfolio_id).where(Resource.id == row.id)
            )
        if portfolio_id is None:
            raise NotFoundError(f"Resource {row.code} does not exist (any more).")
        _check_code(database, portfolio_id, cleaned["code"], row.id)
    cleaned = {name: value for name, value in cleaned.items() if getattr(row, name) != value}
    before = {name: getattr(row, name) for name in cleaned}
    return UpdateFields(
        Resource, row.id, row.version, before, cleaned, text or f"Edit resource {row.code}"
    )


def set_active(row: PoolRow, active: bool, text: str = "") -> UpdateFields:
    """Deactivate a resource (it leaves loading and the pickers, keeps its history) or
    reactivate it."""
    label = text or (f"Reactivate {row.code}" if active else f"Deactivate {row.code}")
    return UpdateFields(
        Resource, row.id, row.version, {"active": row.active}, {"active": active}, label
    )


def delete_resource(database: Database, row: PoolRow, text: str = "") -> DeleteRow:
    """Delete a resource that works nowhere (its rate table goes with it; undo restores
    both); one with assignments is refused: deactivate it instead."""
    with database.session() as session:
        count = session.scalar(
            select(func.count()).select_from(Assignment).where(Assignment.resource_id == row.id)
        )
    if count:
        raise ValidationError(
            f"{row.name} ({row.code}) has {count} assignment{'s' if count != 1 else ''} and "
            "cannot be deleted; deactivate the resource instead."
        )
    return DeleteRow(
        Resource, row.id, row.version, text or f"Delete resource {row.code}",
        children=((ResourceRate, "resource_id"),),
    )  # fmt: skip
