"""The RAID logs, the resource pool and the loading grid of a portfolio (or of one project)
as formatted tables for a workbook (see `log_sheets` for the columns)."""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmo_desktop.interop.xlsx.tables import HEAT_LOAD, Table, TableColumn
from pmo_desktop.models import Assignment, Project, Resource, ResourceRate, Risk, Task
from pmo_desktop.models.raid import RiskAction, RiskTaskLink
from pmo_desktop.services.interchange.log_sheets import (
    CHOICE,
    FLAG,
    ID,
    LINKED_TASKS,
    LOG_SHEETS,
    MONEY,
    PERCENT,
    PROJECT,
    RESOURCE,
    RISK,
    LogSheet,
    label,
)
from pmo_desktop.services.resource_view import ResourceLoading

#: Rows per IN (...) list.
_CHUNK = 500
#: A sheet whose rows another sheet refers to (by code).
_NEEDED_BY = {"Risks": "Risk actions", "Resources": "Resource rates"}


class LogExporter:
    """Tables of one portfolio's logs; `project_id` narrows them to that project's rows."""

    def __init__(self, session: Session, portfolio_id: int, project_id: int | None) -> None:
        self.session, self.portfolio_id, self.project_id = session, portfolio_id, project_id
        statement = select(Project.id, Project.code).where(Project.portfolio_id == portfolio_id)
        self.projects: dict[int, str] = {row.id: row.code for row in session.execute(statement)}
        self.resource_codes: dict[int, str] = {}
        self.risk_codes: dict[int, str] = {}

    def tables(self, titles: set[str]) -> list[Table]:
        """The log sheets whose titles are in `titles`, in `LOG_SHEETS` order."""
        found = []
        for sheet in LOG_SHEETS:
            needed = _NEEDED_BY.get(sheet.title)
            if sheet.title in titles or (needed is not None and needed in titles):
                rows = self._rows(sheet)
                if sheet.title in titles:
                    found.append(self._table(sheet, rows))
        return found

    def _table(self, sheet: LogSheet, entities: Sequence[Any]) -> Table:
        links = self._linked_tasks(entities) if sheet.key == "risks" else {}
        rows = [
            [self._value(entity, field, links) for field in sheet.fields] for entity in entities
        ]
        columns = [field.column() for field in sheet.fields]
        return Table(sheet.title, columns, rows, sheet.frozen_columns)

    def _rows(self, sheet: LogSheet) -> list[Any]:
        model = sheet.model
        if model is Resource:
            statement = select(Resource).where(Resource.portfolio_id == self.portfolio_id)
            if self.project_id is not None:
                used = (
                    select(Assignment.resource_id)
                    .join(Task, Task.id == Assignment.task_id)
                    .where(Task.project_id == self.project_id)
                )
                statement = statement.where(Resource.id.in_(used))
            rows = list(self.session.scalars(statement.order_by(Resource.code, Resource.id)))
            self.resource_codes = {row.id: row.code for row in rows}
            return rows
        if model is ResourceRate:
            return self._children(ResourceRate, ResourceRate.resource_id, self.resource_codes,
                                  ResourceRate.effective_from)  # fmt: skip
        if model is RiskAction:
            return self._children(RiskAction, RiskAction.risk_id, self.risk_codes, RiskAction.id)
        statement = select(model).where(model.portfolio_id == self.portfolio_id)
        if self.project_id is not None:
            statement = statement.where(model.project_id == self.project_id)
        rows = list(self.session.scalars(statement.order_by(model.code, model.id)))
        if model is Risk:
            self.risk_codes = {row.id: row.code for row in rows}
        return rows

    def _children(self, model: Any, parent: Any, parents: dict[int, str], order: Any) -> list[Any]:
        keys = list(parents)
        rows: list[Any] = []
        for first in range(0, len(keys), _CHUNK):
            statement = select(model).where(parent.in_(keys[first : first + _CHUNK]))
            rows.extend(self.session.scalars(statement.order_by(parent, order)))
        rows.sort(key=lambda row: (parents[getattr(row, parent.key)], getattr(row, order.key)))
        return rows

    def _linked_tasks(self, risks: Sequence[Any]) -> dict[int, str]:
        keys = [risk.id for risk in risks]
        found: dict[int, list[str]] = defaultdict(list)
        for first in range(0, len(keys), _CHUNK):
            statement = (
                select(RiskTaskLink.risk_id, Task.project_id, Task.wbs, Task.name)
                .join(Task, Task.id == RiskTaskLink.task_id)
                .where(RiskTaskLink.risk_id.in_(keys[first : first + _CHUNK]))
                .order_by(RiskTaskLink.risk_id, Task.project_id, Task.position, Task.id)
            )
            for row in self.session.execute(statement):
                code = self.projects.get(row.project_id, "")
                found[row.risk_id].append(f"{code} {row.wbs or row.name}".strip())
        return {key: "; ".join(texts) for key, texts in found.items()}

    def _value(self, entity: Any, field: Any, links: dict[int, str]) -> Any:
        attr = field.attr
        if attr == ID:
            return entity.uuid
        if attr == PROJECT:
            return self.projects.get(entity.project_id, "") if entity.project_id else ""
        if attr == RISK:
            return self.risk_codes.get(entity.risk_id, "")
        if attr == RESOURCE:
            return self.resource_codes.get(entity.resource_id, "")
        if attr == LINKED_TASKS:
            return links.get(entity.id, "")
        return cell_value(field.kind, getattr(entity, attr))


def cell_value(kind: str, value: Any) -> Any:
    """A stored value as its cell shows it (labels, Yes/No, percent, float money)."""
    if value is None:
        return None
    if kind == CHOICE and isinstance(value, enum.Enum):
        return label(value)
    if kind == FLAG:
        return "Yes" if value else "No"
    if kind == MONEY and isinstance(value, Decimal):
        return float(value)
    if kind == PERCENT:
        return round(float(value) * 100, 4)
    return value


def loading_table(loading: ResourceLoading) -> Table:
    """The loading grid as utilisation % per resource (and role) and week; red above 100 %."""
    periods = [loading.period(index)[0] for index in range(loading.period_count)]
    columns = [TableColumn("Role", "text", 22), TableColumn("Resource", "text", 26)]
    columns += [TableColumn(f"{first:%Y-%m-%d}", "plain", 11, heat=HEAT_LOAD) for first in periods]
    rows: list[Sequence[Any]] = []
    for row in loading.rows:
        cells: list[Any] = [row.role or "(no role)", "All" if row.is_role else row.name]
        cells += [_percent(row.utilisation(index)) for index in range(loading.period_count)]
        rows.append(cells)
    return Table("Loading", columns, rows, 3)


def _percent(ratio: float | None) -> float | str | None:
    if ratio is None:
        return None
    if ratio == float("inf"):
        return "no capacity"
    return round(ratio * 100, 1)


def week_start(day: date) -> date:
    return date.fromordinal(day.toordinal() - day.weekday())


def titles_for(names: Iterable[str], choices: dict[str, tuple[str, ...]]) -> set[str]:
    """The sheet titles for `--sheets` names (every sheet when `names` is empty)."""
    wanted = list(names) or list(choices)
    return {title for name in wanted for title in choices[name]}
