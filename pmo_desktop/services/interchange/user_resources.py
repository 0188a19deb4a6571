"""A user's own resource sheet into the portfolio's pool, through a column mapping
(`user_sheets`).

A row whose Name is already in the pool (case-insensitive) UPDATES that resource: only
its non-blank mapped cells are written, a blank cell keeps the stored value, and a value
equal to the stored one changes nothing. Any other row adds a resource (a person at 100 %
unless told, the pool's next code when Code is blank). Every row is checked first and
every problem kept with its sheet, row and column; a dry run, or any problem, writes
nothing (one transaction).

Type reads people / person / work → person, generic / role → generic role, equipment /
material → material (French too). Max units reads "100 %", "50%", 1.0 or 0.5; a bare
number above 10 is a percentage. Rates read "50", "€50/h", "400/d" or "2000/w" (a day and
a week of the portfolio calendar).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmo_desktop.errors import NotFoundError
from pmo_desktop.interop.xlsx import values
from pmo_desktop.models import Calendar, Portfolio, Resource
from pmo_desktop.models.enums import ResourceKind
from pmo_desktop.services.interchange.log_import import ImportReport, _pattern
from pmo_desktop.services.interchange.log_rows import RowError
from pmo_desktop.services.interchange.user_sheets import (
    RESOURCE_SHEET,
    MappedSheet,
    blank,
    map_sheet,
    share,
    short_text,
)
from pmo_desktop.storage.database import Database

_KINDS: dict[str, ResourceKind] = {
    word: kind
    for kind, words in (
        (ResourceKind.PERSON, ("people", "person", "work", "named", "human", "personne",
                               "personnes", "travail", "humain", "nominative")),
        (ResourceKind.ROLE, ("generic", "role", "rôle", "générique", "generique", "profil",
                             "profile")),
        (ResourceKind.MATERIAL, ("equipment", "material", "materials", "matériel",
                                 "materiel", "équipement", "equipement", "matériau",
                                 "consommable", "cost", "coût")),
    )
    for word in words
}  # fmt: skip
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_RATE = re.compile(r"^\s*([^/]*?)\s*(?:/\s*([a-zé]+)\.?)?\s*$")
#: An amount with an optional currency sign or code before or after it: "€ 1 200,50".
_AMOUNT = re.compile(
    r"^(?:[€$£¥]|[a-z]{3})?\s*(-?\d[\d\s\u00a0\u202f.,]*?)\s*(?:[€$£¥]|[a-z]{3})?$"
)
_PER = {"h": "h", "hr": "h", "hrs": "h", "hour": "h", "heure": "h", "d": "d", "day": "d",
        "j": "d", "jour": "d", "w": "w", "wk": "w", "week": "w", "sem": "w",
        "semaine": "w"}  # fmt: skip
#: Our column → (the Resource attribute, how the cell is read).
_ATTRS = {
    "Name": "name", "Type": "kind", "Role": "role", "Team": "department",
    "Max units": "max_units", "Standard rate": "cost_rate", "Overtime rate": "overtime_rate",
    "Cost per use": "cost_per_use", "Calendar": "calendar_id", "Email": "email", "Code": "code",
}  # fmt: skip


def import_user_resources(
    database: Database,
    path: str | os.PathLike[str],
    portfolio_id: int,
    *,
    mapping: Mapping[str, str],
    sheet: str | None = None,
    dry_run: bool = True,
) -> ImportReport:
    """Resources from a user's sheet into the pool: `mapping` says which of their headers
    holds each of our columns (`RESOURCE_SHEET.columns`; "Name" at least). A name already
    in the pool updates that resource; the others are added."""
    mapped = map_sheet(path, RESOURCE_SHEET, mapping, sheet)
    report = ImportReport(portfolio_id, dry_run)
    try:
        with database.write_session() as session:
            if session.get(Portfolio, portfolio_id) is None:
                raise NotFoundError(f"Portfolio {portfolio_id} does not exist.")
            _ResourceImport(session, mapped, portfolio_id, report).run()
            if report.errors or dry_run:
                raise _RollbackError
    except _RollbackError:
        pass
    report.errors.sort()
    return report


class _RollbackError(Exception):
    """Leaves the write transaction without committing (dry run or errors)."""


class _ResourceImport:
    def __init__(self, session: Session, mapped: MappedSheet, portfolio_id: int,
                 report: ImportReport) -> None:  # fmt: skip
        self.session, self.mapped, self.report = session, mapped, report
        self.portfolio = session.get(Portfolio, portfolio_id)
        assert self.portfolio is not None
        statement = select(Resource).where(Resource.portfolio_id == portfolio_id)
        self.pool = list(session.scalars(statement))
        calendar = (
            session.get(Calendar, self.portfolio.calendar_id)
            if self.portfolio.calendar_id is not None
            else None
        )
        self.hours_per_day = (calendar.minutes_per_day if calendar else 480) / 60
        self.hours_per_week = (calendar.minutes_per_week if calendar else 2400) / 60
        self.calendars = {
            name.casefold(): calendar_id
            for name, calendar_id in session.execute(select(Calendar.name, Calendar.id))
        }

    def error(self, number: int, ours: str, message: str) -> None:
        where = self.mapped.where(ours)
        self.report.errors.append(RowError(self.mapped.title, number, where, message))

    def run(self) -> None:
        by_name = {resource.name.casefold(): resource for resource in self.pool}
        by_code = {resource.code.casefold(): resource for resource in self.pool}
        seen_names: dict[str, int] = {}
        seen_codes: dict[str, int] = {}
        created: list[Resource] = []
        title = self.mapped.title
        for number, cells in self.mapped.rows.rows:
            found = self._row(number, cells)
            if found is None:
                continue
            key = found["name"].casefold()
            if key in seen_names:
                self.error(number, "Name", f"the same name as row {seen_names[key]}")
                continue
            seen_names[key] = number
            resource = by_name.get(key)
            code = found.get("code")
            if code:
                other = by_code.get(code.casefold())
                if other is not None and other is not resource:
                    self.error(number, "Code", f"{code!r} is already the code of {other.name}")
                    continue
                if code.casefold() in seen_codes:
                    self.error(number, "Code", f"{code!r} is already used in row "
                               f"{seen_codes[code.casefold()]}")  # fmt: skip
                    continue
                seen_codes[code.casefold()] = number
            if resource is None:
                resource = Resource(portfolio_id=self.portfolio.id, code=code or "",
                                    currency=self.portfolio.currency)  # fmt: skip
                for attr, value in found.items():
                    setattr(resource, attr, value)
                created.append(resource)
                self.report.created[title] += 1
            elif self._update(resource, found):
                self.report.updated[title] += 1
            else:
                self.report.unchanged[title] += 1
        if self.report.errors:
            return
        self._codes(created)
        self.session.add_all(created)
        self.session.flush()

    def _row(self, number: int, cells: list[Any]) -> dict[str, Any] | None:
        """The row's non-blank mapped cells by attribute; None when one is wrong."""
        found: dict[str, Any] = {}
        wrong = False
        for ours, attr in _ATTRS.items():
            raw = self.mapped.cell(cells, ours)
            if ours not in self.mapped.columns:
                continue
            if blank(raw):
                if ours == "Name":
                    self.error(number, ours, "a value is required here")
                    wrong = True
                continue
            try:
                found[attr] = self._cell(ours, raw)
            except ValueError as error:
                self.error(number, ours, str(error))
                wrong = True
        return None if wrong else found

    def _cell(self, ours: str, raw: Any) -> Any:
        if ours == "Type":
            key = values.text(raw).casefold()
            if key not in _KINDS:
                raise ValueError(f"{values.text(raw)[:40]!r} is not a resource type (people, "
                                 "generic or equipment)")  # fmt: skip
            return _KINDS[key]
        if ours == "Max units":
            units = share(raw, percent_above=10)
            assert units is not None
            return units
        if ours in ("Standard rate", "Overtime rate", "Cost per use"):
            return self._rate(raw, per_use=ours == "Cost per use")
        if ours == "Calendar":
            name = values.text(raw)
            found = self.calendars.get(name.casefold())
            if found is None:
                known = ", ".join(sorted(self.calendars)[:8]) or "none"
                raise ValueError(f"no calendar named {name[:40]!r} (known: {known})")
            return found
        length = {"Name": 200, "Role": 120, "Team": 120, "Email": 200, "Code": 40}[ours]
        found_text = short_text(raw, length)
        if ours == "Email" and not _EMAIL.fullmatch(found_text):
            raise ValueError(f"{found_text[:40]!r} is not an e-mail address")
        return found_text

    def _rate(self, raw: Any, *, per_use: bool) -> Decimal:
        """An amount per hour (or per use): "50", "€ 50/h", "400/d", "2000/w"."""
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            amount, per = float(raw), "h"
        else:
            found = values.text(raw)
            match = _RATE.match(found.casefold())
            per = _PER.get(match[2] or "h", "") if match else ""
            if match is None or not per or (per_use and match[2]):
                raise ValueError(f"{found[:40]!r} is not an amount" + ("" if per_use else
                                 " per hour (write 50, 50/h, 400/d or 2000/w)"))  # fmt: skip
            amount_match = _AMOUNT.match(match[1])
            if found.startswith("=") or amount_match is None:
                raise ValueError(f"{found[:40]!r} is not an amount")
            number = re.sub(r"[\s\u00a0\u202f]", "", amount_match[1])
            amount = values.number(_decimal_text(number)) or 0.0
        if amount < 0:
            raise ValueError(f"{values.text(raw)} is negative")
        hours = {"h": 1.0, "d": self.hours_per_day, "w": self.hours_per_week}[per]
        return Decimal(repr(round(amount / hours, 2))).quantize(Decimal("0.01"))

    def _update(self, resource: Resource, found: dict[str, Any]) -> bool:
        changed = False
        for attr, value in found.items():
            if attr == "name":  # the key: "ann lee" finds "Ann Lee" and leaves it so
                continue
            if getattr(resource, attr) != value:
                setattr(resource, attr, value)
                changed = True
        return changed

    def _codes(self, created: list[Resource]) -> None:
        """The pool's next codes for the added resources left without one."""
        taken = {resource.code.casefold() for resource in self.pool}
        taken |= {resource.code.casefold() for resource in created if resource.code}
        prefix, width, following = _pattern([resource.code for resource in self.pool], "RES-")
        for resource in created:
            if resource.code:
                continue
            while f"{prefix}{following:0{width}d}".casefold() in taken:
                following += 1
            resource.code = f"{prefix}{following:0{width}d}"
            taken.add(resource.code.casefold())


def _decimal_text(number: str) -> str:
    """ "1.234,50" or "1,234.50" → "1234.50"; "12,5" → "12.5"."""
    if "," in number and "." in number:
        thousands = "," if number.rfind(",") < number.rfind(".") else "."
        number = number.replace(thousands, "")
    return number.replace(",", ".")
