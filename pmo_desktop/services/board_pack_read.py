"""Bulk reads behind the board pack: every task, report and calendar of the selected
projects in a handful of queries (never one query per task), as plain frozen rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from pmo_desktop.errors import NotFoundError
from pmo_desktop.models import (
    Baseline,
    BaselineTask,
    CostLine,
    Dependency,
    Portfolio,
    Project,
    Rag,
    StatusReport,
    Task,
)
from pmo_desktop.reports.data import DIMENSIONS
from pmo_desktop.scheduling.model import CalendarSpec
from pmo_desktop.services.kpis import CHUNK_ROWS, CalendarSpecs, as_money, baseline_zero


@dataclass(frozen=True, slots=True)
class TaskRow:
    """A task with its baseline 0 dates and cost (None without a baseline row)."""

    id: int
    project_id: int
    parent_id: int | None
    position: int
    wbs: str
    level: int
    name: str
    is_summary: bool
    is_milestone: bool
    start: datetime | None
    finish: datetime | None
    critical: bool
    percent_complete: float
    actual_start: datetime | None
    actual_finish: datetime | None
    actual_cost: Decimal
    baseline_start: datetime | None
    baseline_finish: datetime | None
    baseline_cost: Decimal | None


@dataclass(frozen=True, slots=True)
class ReportRow:
    """A status report: its period, ratings keyed by DIMENSIONS, and its texts."""

    period_start: date
    period_end: date
    ratings: dict[str, Rag]
    commentary: str
    achievements: str
    concerns: str
    decisions_needed: str
    author: str


@dataclass(frozen=True)
class Selection:
    """The portfolio and the chosen projects (ids in code order), with their calendars."""

    portfolio_id: int
    name: str
    organisation: str
    currency: str
    project_ids: tuple[int, ...]
    sponsors: dict[int, str]
    default_calendar: CalendarSpec
    project_calendars: dict[int, CalendarSpec]

    def calendar(self, project_id: int) -> CalendarSpec:
        return self.project_calendars.get(project_id, self.default_calendar)

    def restrict(self, column: ColumnElement[int]) -> ColumnElement[bool]:
        """`column` (a project id) among the selected projects."""
        return column.in_(self.project_ids)


def select_projects(
    session: Session, portfolio_id: int, project_ids: Sequence[int] | None
) -> Selection:
    """The portfolio and the projects asked for (all of them for None); unknown ids refused."""
    portfolio = session.get(Portfolio, portfolio_id)
    if portfolio is None:
        raise NotFoundError(f"Portfolio {portfolio_id} does not exist.")
    rows = session.execute(
        select(Project.id, Project.sponsor, Project.calendar_id)
        .where(Project.portfolio_id == portfolio_id)
        .order_by(Project.code)
    ).all()
    if project_ids is not None:
        wanted = set(project_ids)
        unknown = wanted - {row.id for row in rows}
        if unknown:
            listed = ", ".join(str(number) for number in sorted(unknown))
            raise NotFoundError(f"Portfolio {portfolio.name!r} has no project with id {listed}.")
        rows = [row for row in rows if row.id in wanted]
    specs = CalendarSpecs(session)
    return Selection(
        portfolio_id=portfolio_id,
        name=portfolio.name,
        organisation=portfolio.organisation,
        currency=portfolio.currency,
        project_ids=tuple(row.id for row in rows),
        sponsors={row.id: row.sponsor for row in rows},
        default_calendar=specs.get(portfolio.calendar_id),
        project_calendars={
            row.id: specs.get(row.calendar_id) for row in rows if row.calendar_id is not None
        },
    )


def read_tasks(session: Session, selection: Selection) -> dict[int, list[TaskRow]]:
    """Every task of the selected projects, grouped by project (one streamed query)."""
    to_baseline, to_task = baseline_zero()
    found: dict[int, list[TaskRow]] = {project_id: [] for project_id in selection.project_ids}
    rows = session.connection().execute(
        select(
            Task.id, Task.project_id, Task.parent_id, Task.position, Task.wbs,
            Task.outline_level, Task.name, Task.is_summary, Task.is_milestone, Task.start,
            Task.finish, Task.critical, Task.percent_complete, Task.actual_start,
            Task.actual_finish, Task.actual_cost, BaselineTask.start, BaselineTask.finish,
            BaselineTask.cost,
        )
        .outerjoin(Baseline, to_baseline)
        .outerjoin(BaselineTask, to_task)
        .where(selection.restrict(Task.project_id))
        .execution_options(yield_per=CHUNK_ROWS)
    )  # fmt: skip
    for row in rows:
        found[row[1]].append(
            TaskRow(
                *row[:15],
                as_money(row[15]),
                row[16],
                row[17],
                None if row[18] is None else as_money(row[18]),
            )
        )
    return found


def read_links(session: Session, selection: Selection) -> list[tuple[int, int, str]]:
    """(predecessor, successor, type) of the links into the selected projects' tasks."""
    return [
        (row.predecessor_id, row.successor_id, str(row.type))
        for row in session.connection().execute(
            select(Dependency.predecessor_id, Dependency.successor_id, Dependency.type)
            .join(Task, Task.id == Dependency.successor_id)
            .where(selection.restrict(Task.project_id))
            .execution_options(yield_per=CHUNK_ROWS)
        )
    ]


def projects_with_baseline(session: Session, selection: Selection) -> set[int]:
    return set(
        session.scalars(
            select(Baseline.project_id).where(
                Baseline.number == 0, selection.restrict(Baseline.project_id)
            )
        )
    )


def projects_with_costs(session: Session, selection: Selection) -> set[int]:
    return set(
        session.scalars(
            select(CostLine.project_id)
            .where(selection.restrict(CostLine.project_id))
            .group_by(CostLine.project_id)
        )
    )


def read_reports(
    session: Session, selection: Selection, as_of: date
) -> tuple[dict[int, ReportRow], dict[int, ReportRow]]:
    """Each project's latest report up to `as_of` and the one before it."""
    rag_columns = [getattr(StatusReport, f"rag_{name}") for name in DIMENSIONS]
    ranked = (
        select(
            StatusReport.project_id, StatusReport.period_start, StatusReport.period_end,
            *rag_columns, StatusReport.commentary, StatusReport.achievements,
            StatusReport.concerns, StatusReport.decisions_needed, StatusReport.author,
            func.row_number()
            .over(partition_by=StatusReport.project_id, order_by=StatusReport.period_end.desc())
            .label("recency"),
        )
        .where(selection.restrict(StatusReport.project_id), StatusReport.period_end <= as_of)
        .subquery()
    )  # fmt: skip
    latest: dict[int, ReportRow] = {}
    previous: dict[int, ReportRow] = {}
    count = len(DIMENSIONS)
    for row in session.execute(select(ranked).where(ranked.c.recency <= 2)):
        values = tuple(row)
        report = ReportRow(
            values[1],
            values[2],
            dict(zip(DIMENSIONS, (Rag(rag) for rag in values[3 : 3 + count]), strict=True)),
            *(text or "" for text in values[3 + count : 8 + count]),
        )
        (latest if row.recency == 1 else previous)[values[0]] = report
    return latest, previous
