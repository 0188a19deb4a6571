"""Undoable edits of the project view: properties, objective scores, status reports, cost lines.

Each function checks the user's values (ValidationError with a readable sentence, nothing
written) and returns a domain command from `services.commands`. Edits of existing rows name
the version the user saw (from the `services.projects` snapshot), so a change made by someone
else in the meantime is a ConflictError, never a silent overwrite.
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from pmo_desktop.errors import ValidationError
from pmo_desktop.models import (
    CostCategory,
    CostLine,
    Method,
    Project,
    ProjectObjectiveScore,
    ProjectStatus,
    Rag,
    StatusReport,
)
from pmo_desktop.services.commands import Command, CreateRow, DeleteRow, UpdateFields
from pmo_desktop.services.projects import (
    PROPERTY_FIELDS,
    RAG_DIMENSIONS,
    REPORT_TEXT_FIELDS,
    CostLineRow,
    ObjectiveScore,
    ProjectProperties,
    StatusReportRow,
)
from pmo_desktop.storage.database import Database

MAX_SCORE = 5
COST_FIELDS = ("budget", "actual", "forecast")
#: Money columns hold 18 digits with 2 decimals.
MAX_AMOUNT = Decimal("9999999999999999.99")


def edit_project(properties: ProjectProperties, text: str = "", **changes: Any) -> UpdateFields:
    """Change some properties of the project the user sees (at `properties.version`)."""
    unknown = sorted(set(changes) - set(PROPERTY_FIELDS))
    if unknown:
        raise ValidationError(f"A project has no editable property {', '.join(unknown)}.")
    cleaned = dict(changes)
    for name in ("code", "name", "sponsor", "manager", "phase"):
        if name in cleaned:
            cleaned[name] = str(cleaned[name]).strip()
    if "code" in cleaned and not cleaned["code"]:
        raise ValidationError("A project needs a code.")
    if "name" in cleaned and not cleaned["name"]:
        raise ValidationError("A project needs a name.")
    if "method" in cleaned:
        cleaned["method"] = Method(cleaned["method"])
    if "status" in cleaned:
        cleaned["status"] = ProjectStatus(cleaned["status"])
    if "budget" in cleaned:
        cleaned["budget"] = _amount(cleaned["budget"], "The budget")
    start = cleaned.get("start_date", properties.start_date)
    finish = cleaned.get("finish_date", properties.finish_date)
    if start is not None and finish is not None and finish < start:
        raise ValidationError("The finish date cannot be before the start date.")
    before = {name: getattr(properties, name) for name in cleaned}
    return UpdateFields(
        Project, properties.id, properties.version, before, cleaned, text or "Edit project"
    )


def set_objective_score(
    project_id: int, objective: ObjectiveScore, score: int, text: str = ""
) -> Command:
    """Score the project against one strategic objective (0–5)."""
    if not 0 <= int(score) <= MAX_SCORE:
        raise ValidationError(f"A strategic score goes from 0 to {MAX_SCORE}.")
    label = text or f"Score against {objective.code}"
    if objective.score_id is None or objective.score_version is None:
        values = {"project_id": project_id, "objective_id": objective.objective_id}
        return CreateRow(ProjectObjectiveScore, values | {"score": int(score)}, label)
    return UpdateFields(
        ProjectObjectiveScore,
        objective.score_id,
        objective.score_version,
        {"score": objective.score},
        {"score": int(score)},
        label,
    )


def month_bounds(day: date) -> tuple[date, date]:
    """The first and last day of the month `day` falls in."""
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)


def next_report_period(
    reports: tuple[StatusReportRow, ...] | list[StatusReportRow], today: date
) -> tuple[date, date]:
    """The month after the latest report's period, or the month of `today` without reports."""
    if not reports:
        return month_bounds(today)
    latest = max(report.period_end for report in reports)
    following = date(latest.year + latest.month // 12, latest.month % 12 + 1, 1)
    return month_bounds(following)


def new_status_report(
    database: Database,
    project_id: int,
    period_start: date,
    period_end: date,
    author: str = "",
    text: str = "",
) -> CreateRow:
    """A new report for the period, carrying over the ratings of the latest earlier report."""
    if period_end < period_start:
        raise ValidationError("A reporting period cannot end before it starts.")
    with database.session() as session:
        if session.scalar(
            select(StatusReport.id).where(
                StatusReport.project_id == project_id, StatusReport.period_end == period_end
            )
        ):
            raise ValidationError(
                f"The project already has a status report for the period ending {period_end}."
            )
        previous = session.scalars(
            select(StatusReport)
            .where(StatusReport.project_id == project_id, StatusReport.period_end < period_end)
            .order_by(StatusReport.period_end.desc())
            .limit(1)
        ).first()
        percent = session.scalar(select(Project.percent_complete).where(Project.id == project_id))
    values: dict[str, Any] = {
        "project_id": project_id,
        "period_start": period_start,
        "period_end": period_end,
        "author": author,
        "percent_complete": percent or 0.0,
    }
    if previous is not None:
        values |= {name: getattr(previous, name) for name in RAG_DIMENSIONS}
    return CreateRow(StatusReport, values, text or "New status report")


def edit_status_report(report: StatusReportRow, text: str = "", **changes: Any) -> UpdateFields:
    """Change ratings, % complete or commentary of the report the user sees."""
    allowed = set(RAG_DIMENSIONS) | set(REPORT_TEXT_FIELDS) | {"percent_complete", "author"}
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise ValidationError(f"A status report has no editable field {', '.join(unknown)}.")
    cleaned = dict(changes)
    for name in RAG_DIMENSIONS:
        if name in cleaned:
            cleaned[name] = Rag(cleaned[name])
    if "percent_complete" in cleaned:
        percent = float(cleaned["percent_complete"])
        if not 0 <= percent <= 100:
            raise ValidationError("% complete goes from 0 to 100.")
        cleaned["percent_complete"] = percent
    before = {name: getattr(report, name) for name in cleaned}
    return UpdateFields(
        StatusReport, report.id, report.version, before, cleaned, text or "Edit status report"
    )


def delete_status_report(report: StatusReportRow, text: str = "") -> DeleteRow:
    return DeleteRow(StatusReport, report.id, report.version, text or "Delete status report")


def edit_cost_line(line: CostLineRow, text: str = "", **changes: Any) -> UpdateFields:
    """Change the budget, actual or forecast amount of a cost line."""
    unknown = sorted(set(changes) - set(COST_FIELDS))
    if unknown:
        raise ValidationError(f"A cost line has no editable amount {', '.join(unknown)}.")
    cleaned = {name: _amount(value, f"The {name}") for name, value in changes.items()}
    before = {name: getattr(line, name) for name in cleaned}
    return UpdateFields(CostLine, line.id, line.version, before, cleaned, text or "Edit cost line")


def add_cost_line(
    database: Database,
    project_id: int,
    period: date,
    category: CostCategory,
    text: str = "",
) -> CreateRow:
    """A new, empty cost line for the month of `period`, in the project's currency."""
    month = period.replace(day=1)
    category = CostCategory(category)
    with database.session() as session:
        currency = session.scalar(select(Project.currency).where(Project.id == project_id))
        if currency is None:
            raise ValidationError(f"Project {project_id} does not exist (any more).")
        if session.scalar(
            select(CostLine.id).where(
                CostLine.project_id == project_id,
                CostLine.period == month,
                CostLine.category == category,
            )
        ):
            raise ValidationError(
                f"The project already has a {category.value} cost line for {month:%B %Y}."
            )
    values = {"project_id": project_id, "period": month, "category": category}
    return CreateRow(CostLine, values | {"currency": currency}, text or "Add cost line")


def delete_cost_line(line: CostLineRow, text: str = "") -> DeleteRow:
    return DeleteRow(CostLine, line.id, line.version, text or "Delete cost line")


def _amount(value: Any, label: str) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except ArithmeticError:
        raise ValidationError(f"{label} must be an amount of money, not {value!r}.") from None
    if amount < 0:
        raise ValidationError(f"{label} cannot be negative.")
    if amount > MAX_AMOUNT:
        raise ValidationError(f"{label} is too large.")
    return amount
