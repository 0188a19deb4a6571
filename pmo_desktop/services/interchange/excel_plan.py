"""Schedule a workbook's plan from its rows, before they are stored.

A workbook imported into a portfolio of its own (no other project or resource there) is the
whole plan `services.scheduling.load_plan` would read back once stored: the same tasks,
in the same order (by project, then by the order the rows are inserted in), the same links
and calendars. Scheduling it here and inserting the tasks with their dates spares reading
50,000 tasks back and updating every task and assignment row afterwards.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy.orm import Session

from pmo_desktop.models.enums import ConstraintType, LagUnit, LinkType
from pmo_desktop.scheduling.cpm import SchedulingError, schedule
from pmo_desktop.scheduling.model import CalendarSpec, LinkSpec, ScheduleInput, TaskSpec
from pmo_desktop.services.scheduling import PlanError, load_calendar


@dataclass(frozen=True)
class PlanProject:
    code: str
    start_date: date | None
    calendar_id: int | None


def schedule_rows(
    session: Session,
    portfolio_calendar: int | None,
    projects: dict[int, PlanProject],
    tasks: Sequence[tuple[Hashable, Hashable | None, dict[str, Any]]],
    links: Sequence[tuple[Hashable, Hashable, dict[str, Any]]],
) -> list[str]:
    """Schedule task rows (key, parent key, row of the tasks table) in insertion order and
    write their dates into the rows; the warnings about these tasks. PlanError if the plan
    cannot be scheduled (nothing is written then)."""
    number = {key: index for index, (key, _, _) in enumerate(tasks)}
    ordered = sorted(enumerate(tasks), key=lambda item: (item[1][2]["project_id"], item[0]))
    own: dict[int, int | None] = {}
    for index, (_, _, row) in ordered:
        own[index] = projects[row["project_id"]].calendar_id or portfolio_calendar
    calendars: dict[str, CalendarSpec] = {
        _name(calendar_id): load_calendar(session, calendar_id)
        for calendar_id in set(own.values())
        if calendar_id is not None and calendar_id != portfolio_calendar
    }
    specs = [
        TaskSpec(
            id=index,
            name=f"{projects[row['project_id']].code} {row['name']}",
            duration=row["duration_minutes"],
            parent=None if parent is None else number[parent],
            milestone=row["is_milestone"],
            constraint=_VALUES[row["constraint_type"]],
            constraint_date=row["constraint_date"],
            deadline=row["deadline"],
            calendar=None if own[index] in (None, portfolio_calendar) else _name(own[index]),
            priority=row["priority"],
            percent_complete=row["percent_complete"],
            actual_start=row["actual_start"],
            actual_finish=row["actual_finish"],
            project=row["project_id"],
        )
        for index, (_, parent, row) in ordered
    ]
    earliest: dict[int, datetime] = {}
    for _, (_, _, row) in ordered:
        if row["start"] is not None:
            earliest.setdefault(row["project_id"], row["start"])
    starts = {
        project_id: _project_start(project.start_date, earliest.get(project_id))
        for project_id, project in projects.items()
    }
    plan = ScheduleInput(
        start=min(starts.values(), default=datetime.combine(date.today(), time())),
        tasks=specs,
        links=[
            LinkSpec(
                number[first],
                number[second],
                _VALUES[row["type"]],
                row["lag"],
                _VALUES[row["lag_unit"]],
            )
            for first, second, row in links
        ],
        calendar=load_calendar(session, portfolio_calendar),
        calendars=calendars,
        project_starts=starts,
    )
    try:
        result = schedule(plan)
    except SchedulingError as exc:
        raise PlanError(str(exc)) from None
    for spec in specs:
        outcome = result.tasks[spec.id]
        tasks[spec.id][2].update(
            start=outcome.start,
            finish=outcome.finish,
            early_start=outcome.early_start,
            early_finish=outcome.early_finish,
            late_start=outcome.late_start,
            late_finish=outcome.late_finish,
            total_slack_minutes=outcome.total_slack,
            free_slack_minutes=outcome.free_slack,
            critical=outcome.critical,
        )
    names = tuple(f"'{spec.name}'" for spec in specs)
    return [warning for warning in result.warnings if warning.startswith(names)]


#: Each enum member's value: a dict look-up instead of the `value` property per row.
_VALUES: dict[Any, str] = {
    member: member.value for kind in (ConstraintType, LinkType, LagUnit) for member in kind
}


def _name(calendar_id: int) -> str:
    return f"calendar-{calendar_id}"


def _project_start(start_date: date | None, first_task: datetime | None) -> datetime:
    """As services.scheduling's: the project's start, else its first task's day, else today."""
    if start_date is not None:
        return datetime.combine(start_date, time())
    if first_task is not None:
        return datetime.combine(first_task.date(), time())
    return datetime.combine(date.today(), time())
