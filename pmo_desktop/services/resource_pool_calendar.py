"""Vacations: non-working periods of one resource.

A vacation is a non-working exception of the resource's own calendar. A resource that
shares a calendar (the portfolio's, a team's) first gets its own: a copy of the calendar
it uses (else the portfolio's) with its working week and exceptions, based on it. Resource
loading and costing read the resource's calendar, so the vacation removes capacity there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from pmo_desktop.errors import NotFoundError, ValidationError
from pmo_desktop.models import (
    Calendar,
    CalendarException,
    CalendarExceptionInterval,
    CalendarWorkingTime,
    Entity,
    Portfolio,
    Project,
    Resource,
    ResourceKind,
    Task,
)
from pmo_desktop.scheduling.model import STANDARD_WEEK
from pmo_desktop.services import crud
from pmo_desktop.services.commands import Command, DeleteRow, record_version
from pmo_desktop.storage.database import Database

#: Tables of a calendar, parents first (the order to put them back in).
_CALENDAR_TABLES: tuple[type[Entity], ...] = (
    Calendar, CalendarWorkingTime, CalendarException, CalendarExceptionInterval,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class VacationRow:
    """One non-working period of a resource (both days included)."""

    id: int
    version: int
    name: str
    start_date: date
    end_date: date

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1


def _own_calendar(session: Session, resource: Resource) -> int | None:
    """The resource's calendar if nothing else uses it (no other resource, project,
    portfolio, task, nor a calendar based on it), else None."""
    calendar_id = resource.calendar_id
    if calendar_id is None:
        return None
    uses = (
        select(func.count()).select_from(Resource)
        .where(Resource.calendar_id == calendar_id, Resource.id != resource.id),
        select(func.count()).select_from(Project).where(Project.calendar_id == calendar_id),
        select(func.count()).select_from(Portfolio).where(Portfolio.calendar_id == calendar_id),
        select(func.count()).select_from(Task).where(Task.calendar_id == calendar_id),
        select(func.count()).select_from(Calendar)
        .where(Calendar.base_calendar_id == calendar_id),
    )  # fmt: skip
    if any(session.scalar(query) for query in uses):
        return None
    return calendar_id


def list_vacations(database: Database, resource_id: int) -> list[VacationRow]:
    """The resource's vacations: the non-working exceptions of its own calendar that its
    base calendar does not have (public holidays are not vacations)."""
    with database.session() as session:
        resource = session.get(Resource, resource_id)
        if resource is None:
            raise NotFoundError(f"Resource {resource_id} does not exist (any more).")
        calendar_id = _own_calendar(session, resource)
        if calendar_id is None:
            return []
        base_id = session.scalar(
            select(Calendar.base_calendar_id).where(Calendar.id == calendar_id)
        )
        inherited = set()
        if base_id is not None:
            inherited = {
                (row.start_date, row.end_date)
                for row in session.execute(
                    select(CalendarException.start_date, CalendarException.end_date).where(
                        CalendarException.calendar_id == base_id,
                        CalendarException.working.is_(False),
                    )
                )
            }
        rows = session.scalars(
            select(CalendarException)
            .where(
                CalendarException.calendar_id == calendar_id,
                CalendarException.working.is_(False),
            )
            .order_by(CalendarException.start_date)
        )
        return [
            VacationRow(row.id, row.version, row.name, row.start_date, row.end_date)
            for row in rows
            if base_id is None or (row.start_date, row.end_date) not in inherited
        ]


def _calendar_name(session: Session, resource: Resource) -> str:
    stem = f"{resource.code} {resource.name}"[:190]
    taken = set(session.scalars(select(Calendar.name).where(Calendar.name.startswith(stem))))
    name, number = stem, 2
    while name in taken:
        name, number = f"{stem} ({number})", number + 1
    return name


def _copy_calendar(session: Session, resource: Resource, source_id: int | None) -> Calendar:
    """A new calendar for the resource: `source_id`'s week and exceptions, based on it (the
    standard week when there is no source)."""
    source = session.get(Calendar, source_id) if source_id is not None else None
    calendar = Calendar(
        name=_calendar_name(session, resource),
        base_calendar_id=source_id,
        minutes_per_day=source.minutes_per_day if source else 480,
        minutes_per_week=source.minutes_per_week if source else 2400,
        days_per_month=source.days_per_month if source else 20,
        country=source.country if source else "",
    )
    session.add(calendar)
    session.flush()
    week = []
    if source_id is not None:
        week = session.execute(
            select(
                CalendarWorkingTime.weekday,
                CalendarWorkingTime.start_minute,
                CalendarWorkingTime.end_minute,
            ).where(CalendarWorkingTime.calendar_id == source_id)
        ).all()
    if not week:
        week = [
            (weekday, start, end)
            for weekday, intervals in enumerate(STANDARD_WEEK)
            for start, end in intervals
        ]
    session.add_all(
        CalendarWorkingTime(calendar_id=calendar.id, weekday=day, start_minute=low, end_minute=high)
        for day, low, high in week
    )
    if source_id is not None:
        for exception in session.scalars(
            select(CalendarException).where(CalendarException.calendar_id == source_id)
        ).all():
            copy = CalendarException(
                calendar_id=calendar.id, name=exception.name, start_date=exception.start_date,
                end_date=exception.end_date, working=exception.working,
            )  # fmt: skip
            session.add(copy)
            if not exception.working:
                continue
            session.flush()
            session.add_all(
                CalendarExceptionInterval(
                    exception_id=copy.id, start_minute=row.start_minute, end_minute=row.end_minute
                )
                for row in session.scalars(
                    select(CalendarExceptionInterval).where(
                        CalendarExceptionInterval.exception_id == exception.id
                    )
                )
            )
    session.flush()
    return calendar


@dataclass
class AddVacation:
    """Add a vacation to a resource, first giving it its own calendar if it shares one; undo
    removes both, redo puts the same rows (same ids) back."""

    resource_id: int
    start_date: date
    end_date: date
    name: str
    text: str = ""
    exception_id: int | None = None
    created_calendar_id: int | None = None
    previous_calendar_id: int | None = None
    _snapshots: list[tuple[type[Entity], list[dict[str, Any]]]] = field(
        default_factory=list, repr=False
    )

    def apply(self, database: Database) -> None:
        with database.write_session() as session:
            resource = session.get(Resource, self.resource_id)
            if resource is None:
                raise NotFoundError(f"Resource {self.resource_id} does not exist (any more).")
            if self._snapshots:
                for model, values in self._snapshots:
                    if values:
                        session.execute(insert(model.__table__), values)
                if self.created_calendar_id is not None:
                    resource.calendar_id = self.created_calendar_id
            else:
                calendar_id = _own_calendar(session, resource)
                if calendar_id is None:
                    self.previous_calendar_id = resource.calendar_id
                    source = resource.calendar_id or session.scalar(
                        select(Portfolio.calendar_id).where(Portfolio.id == resource.portfolio_id)
                    )
                    calendar_id = _copy_calendar(session, resource, source).id
                    self.created_calendar_id = calendar_id
                    resource.calendar_id = calendar_id
                exception = CalendarException(
                    calendar_id=calendar_id, name=self.name, start_date=self.start_date,
                    end_date=self.end_date, working=False,
                )  # fmt: skip
                session.add(exception)
                session.flush()
                self.exception_id = exception.id
            session.flush()
            version = resource.version
        record_version(database, Resource, self.resource_id, version)

    def revert(self, database: Database) -> None:
        with database.write_session() as session:
            snapshots: list[tuple[type[Entity], list[dict[str, Any]]]] = []
            if self.created_calendar_id is not None:
                for model in _CALENDAR_TABLES:
                    snapshots.append((model, self._rows(session, model)))
                resource = session.get(Resource, self.resource_id)
                if resource is not None and resource.calendar_id == self.created_calendar_id:
                    resource.calendar_id = self.previous_calendar_id
                calendar = session.get(Calendar, self.created_calendar_id)
                if calendar is not None:
                    session.delete(calendar)
            else:
                exception = session.get(CalendarException, self.exception_id)
                if exception is not None:
                    snapshots.append((CalendarException, [crud.column_values(exception)]))
                    session.delete(exception)
            session.flush()
            resource = session.get(Resource, self.resource_id)
            version = resource.version if resource is not None else None
        self._snapshots = snapshots
        if version is not None:
            record_version(database, Resource, self.resource_id, version)

    def _rows(self, session: Session, model: type[Entity]) -> list[dict[str, Any]]:
        """The rows of the created calendar in `model`'s table."""
        calendar_id = self.created_calendar_id
        if model is Calendar:
            query = select(Calendar).where(Calendar.id == calendar_id)
        elif model is CalendarExceptionInterval:
            query = (
                select(CalendarExceptionInterval)
                .join(CalendarException)
                .where(CalendarException.calendar_id == calendar_id)
            )
        else:
            query = select(model).where(model.calendar_id == calendar_id)  # type: ignore[attr-defined]
        return [crud.column_values(row) for row in session.scalars(query.order_by(model.id))]

    def merge(self, other: Command) -> bool:
        return False

    def touched(self) -> set[type[Entity]]:
        return {Resource, Calendar, CalendarException, CalendarWorkingTime}


def add_vacation(
    database: Database,
    resource_id: int,
    start_date: date,
    end_date: date,
    name: str = "Vacation",
    text: str = "",
) -> AddVacation:
    """The undoable addition of a non-working period (both days included) to a person or a
    generic role; refused when it overlaps one of the resource's vacations."""
    if end_date < start_date:
        raise ValidationError("A vacation cannot end before it starts.")
    if (end_date - start_date).days > 366:
        raise ValidationError("A vacation lasts at most a year; deactivate the resource instead.")
    with database.session() as session:
        resource = session.get(Resource, resource_id)
        if resource is None:
            raise NotFoundError(f"Resource {resource_id} does not exist (any more).")
        code, kind = resource.code, resource.kind
    if kind is ResourceKind.MATERIAL:
        raise ValidationError("A material has no working time, hence no vacations.")
    for other in list_vacations(database, resource_id):
        if other.start_date <= end_date and start_date <= other.end_date:
            raise ValidationError(
                f"The period overlaps the vacation from {other.start_date.isoformat()} to "
                f"{other.end_date.isoformat()}."
            )
    label = name.strip() or "Vacation"
    return AddVacation(
        resource_id, start_date, end_date, label[:200],
        text or f"Add vacation of {code} ({start_date.isoformat()} – {end_date.isoformat()})",
    )  # fmt: skip


def remove_vacation(vacation: VacationRow, text: str = "") -> DeleteRow:
    """Remove a vacation; the resource keeps its own calendar."""
    return DeleteRow(
        CalendarException, vacation.id, vacation.version,
        text or f"Remove vacation {vacation.start_date.isoformat()}",
        children=((CalendarExceptionInterval, "exception_id"),),
    )  # fmt: skip
