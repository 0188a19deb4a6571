"""RAID logs and the resource pool from a workbook into an existing portfolio.

A row whose ID (the stable UUID an export writes) matches a row of the portfolio updates
it, only where a value differs; a row without ID is created, with the next free code when
its Code is blank. Everything happens in one transaction: a dry run, or any row error,
rolls all of it back, and the report lists every error with sheet, row and column.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from pmo_desktop.errors import NotFoundError
from pmo_desktop.models import Portfolio, Project, Resource, ResourceRate, Risk
from pmo_desktop.models.raid import RiskAction
from pmo_desktop.services.interchange.log_rows import ParsedRow, RowError, SheetReader
from pmo_desktop.services.interchange.log_sheets import (
    ID,
    PROJECT,
    RESOURCE,
    RISK,
    LogSheet,
)
from pmo_desktop.services.risks import rate
from pmo_desktop.storage.database import Database


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do) per sheet, and every row error."""

    portfolio_id: int
    dry_run: bool
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        """True when the changes were committed."""
        return self.ok and not self.dry_run

    def summary(self) -> str:
        sheets = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        parts = [
            f"{title}: {self.created[title]} new, {self.updated[title]} updated, "
            f"{self.unchanged[title]} unchanged"
            for title in sheets
        ]
        return "; ".join(parts) or "no rows"


class _RollbackError(Exception):
    """Leaves the write transaction without committing (dry run or errors)."""


def import_sheets(
    database: Database,
    portfolio_id: int,
    readers: list[SheetReader],
    *,
    dry_run: bool,
    report: ImportReport | None = None,
) -> ImportReport:
    """Apply the checked rows of `readers` (in `LOG_SHEETS` order) in one transaction."""
    report = report or ImportReport(portfolio_id, dry_run)
    parsed = [(reader.sheet, reader.rows.title, reader.parse()) for reader in readers]
    try:
        with database.write_session() as session:
            if session.get(Portfolio, portfolio_id) is None:
                raise NotFoundError(f"Portfolio {portfolio_id} does not exist.")
            applier = _Applier(session, portfolio_id, report)
            for sheet, title, rows in parsed:
                applier.apply(sheet, title, rows)
            if report.errors or dry_run:
                raise _RollbackError
    except _RollbackError:
        pass
    report.errors.sort()
    return report


class _Applier:
    def __init__(self, session: Session, portfolio_id: int, report: ImportReport) -> None:
        self.session, self.portfolio_id, self.report = session, portfolio_id, report
        statement = select(Project.id, Project.code).where(Project.portfolio_id == portfolio_id)
        self.projects = {row.code.casefold(): row.id for row in session.execute(statement)}
        #: Parents by code (case-folded) for the child sheets: risks, resources.
        self.parents: dict[type[Any], dict[str, Any]] = {}

    def error(self, title: str, row: int, column: str, message: str) -> None:
        self.report.errors.append(RowError(title, row, column, message))

    def apply(self, sheet: LogSheet, title: str, rows: list[ParsedRow]) -> None:
        with self.session.no_autoflush:
            self._apply(sheet, title, rows)
        self._flush(title)
        if hasattr(sheet.model, "code"):
            self.parents[sheet.model] = {
                entity.code.casefold(): entity for entity in self._existing(sheet.model)
            }

    def _apply(self, sheet: LogSheet, title: str, rows: list[ParsedRow]) -> None:
        model = sheet.model
        existing = self._existing(model)
        by_uuid = {entity.uuid: entity for entity in existing}
        codes = {entity.code.casefold(): entity for entity in existing if hasattr(entity, "code")}
        seen_ids: dict[str, int] = {}
        seen_codes: dict[str, int] = {}
        pending: list[tuple[ParsedRow, Any]] = []
        for row in rows:
            values = dict(row.values)
            key = values.pop(ID, None)
            if key is not None:
                if key in seen_ids:
                    self.error(title, row.number, "ID", f"the same ID as row {seen_ids[key]}")
                    continue
                seen_ids[key] = row.number
            entity = by_uuid.get(key) if key else None
            if key and entity is None and self._taken(model, key):
                self.error(title, row.number, "ID", "this ID belongs to a row of another "
                           "portfolio; clear the cell to add the row as new")  # fmt: skip
                continue
            if not self._references(sheet, title, row, values):
                continue
            code = values.get("code")
            if code:
                other = codes.get(code.casefold())
                if other is not None and other is not entity:
                    self.error(title, row.number, "Code", f"{code!r} is already the code of "
                               "another row; leave it blank to get a new one")  # fmt: skip
                    continue
                if code.casefold() in seen_codes:
                    self.error(
                        title,
                        row.number,
                        "Code",
                        f"{code!r} is already used in row {seen_codes[code.casefold()]}",
                    )
                    continue
                seen_codes[code.casefold()] = row.number
            if entity is None:
                entity = self._create(model, key, values)
                pending.append((row, entity))
                self.report.created[title] += 1
            elif self._update(entity, values):
                self.report.updated[title] += 1
            else:
                self.report.unchanged[title] += 1
        self._codes(sheet, [entity for _, entity in pending], codes)

    def _existing(self, model: type[Any]) -> list[Any]:
        portfolio_id = self.portfolio_id
        if model is RiskAction:
            statement = select(RiskAction).join(Risk, Risk.id == RiskAction.risk_id)
            statement = statement.where(Risk.portfolio_id == portfolio_id)
        elif model is ResourceRate:
            statement = select(ResourceRate).join(Resource, Resource.id == ResourceRate.resource_id)
            statement = statement.where(Resource.portfolio_id == portfolio_id)
        else:
            statement = select(model).where(model.portfolio_id == portfolio_id)
        return list(self.session.scalars(statement))

    def _taken(self, model: type[Any], key: str) -> bool:
        return self.session.scalar(select(model.id).where(model.uuid == key)) is not None

    def _references(self, sheet: LogSheet, title: str, row: ParsedRow,
                    values: dict[str, Any]) -> bool:  # fmt: skip
        """Replace project, risk and resource codes by ids; False (and an error) if unknown."""
        for attr, column, target, parents in (
            (PROJECT, "project_id", "Project", None),
            (RISK, "risk_id", "Risk", Risk),
            (RESOURCE, "resource_id", "Resource", Resource),
        ):
            if attr not in values:
                continue
            code = values.pop(attr)
            if attr == PROJECT:
                found = self.projects.get(code.casefold()) if code else None
                if code and found is None:
                    self.error(
                        title,
                        row.number,
                        target,
                        f"no project with the code {code!r} in this portfolio",
                    )
                    return False
                values[column] = found
                continue
            parent = self.parents.get(parents, {}).get(code.casefold()) if parents else None
            if parent is None and parents is not None:
                parent = self.session.scalar(
                    select(parents).where(parents.portfolio_id == self.portfolio_id,
                                          parents.code == code)
                )  # fmt: skip
            if parent is None:
                self.error(title, row.number, target, f"no {target.lower()} {code!r} here")
                return False
            values[column] = parent.id
        return True

    def _create(self, model: type[Any], key: str | None, values: dict[str, Any]) -> Any:
        entity = model(**values)
        if key:
            entity.uuid = key
        if hasattr(model, "portfolio_id"):
            entity.portfolio_id = self.portfolio_id
        if isinstance(entity, Risk):
            for attr in ("probability", "impact_schedule", "impact_cost", "impact_scope",
                         "impact_quality"):  # fmt: skip
                if getattr(entity, attr) is None:
                    setattr(entity, attr, 3 if attr == "probability" else 1)
            rate(entity)
        self.session.add(entity)
        return entity

    def _update(self, entity: Any, values: dict[str, Any]) -> bool:
        changed = False
        for attr, value in values.items():
            if attr == "code" and not value:
                continue
            if getattr(entity, attr) != value:
                setattr(entity, attr, value)
                changed = True
        if changed and isinstance(entity, Risk):
            rate(entity)
        return changed

    def _codes(self, sheet: LogSheet, created: list[Any], codes: dict[str, Any]) -> None:
        """Give each new row left without a code the next free one of the usual prefix."""
        blank = [entity for entity in created if hasattr(entity, "code") and not entity.code]
        if not blank:
            return
        taken = set(codes) | {entity.code.casefold() for entity in created if entity.code}
        original = [entity.code for entity in codes.values()]
        prefix, width, following = _pattern(original, sheet.prefix)
        for entity in blank:
            while f"{prefix}{following:0{width}d}".casefold() in taken:
                following += 1
            entity.code = f"{prefix}{following:0{width}d}"
            taken.add(entity.code.casefold())

    def _flush(self, title: str) -> None:
        try:
            with self.session.begin_nested():
                self.session.flush()
        except IntegrityError as error:
            message = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
            self.error(title, 0, "-", f"the database refused these rows: {message}")
        except StaleDataError:
            self.error(title, 0, "-", "someone changed these rows meanwhile: export again")


def _pattern(codes: list[str], default: str) -> tuple[str, int, int]:
    """The most used "PREFIX-NNN" pattern of `codes`: (prefix, width, next number)."""
    numbered: dict[str, list[str]] = {}
    for code in codes:
        match = re.fullmatch(r"(.*?)(\d+)", code)
        if match:
            numbered.setdefault(match.group(1), []).append(match.group(2))
    if not numbered:
        return default.upper(), 3, 1
    prefix = max(numbered, key=lambda key: len(numbered[key]))
    numbers = numbered[prefix]
    return prefix, max(len(number) for number in numbers), max(int(n) for n in numbers) + 1
