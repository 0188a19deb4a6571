"""Dependencies between projects: the links whose predecessor and successor tasks belong to
different projects of a portfolio, with whether each currently drives or is violated.

The state is judged on the tasks' scheduled dates with the standard working week (Mon–Fri
08:00–12:00, 13:00–17:00, no holidays): cheap, and right except around project holidays.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import aliased

from pmo_desktop.models import Dependency, LagUnit, LinkType, Project, Task
from pmo_desktop.scheduling.calendar import WorkingCalendar
from pmo_desktop.scheduling.model import CalendarSpec
from pmo_desktop.storage.database import Database


class LinkState(enum.StrEnum):
    DRIVING = "driving"
    SLACK = "slack"
    VIOLATED = "violated"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class CrossLinkRow:
    """One cross-project link."""

    id: int
    predecessor_project_id: int
    predecessor_project_code: str
    predecessor_project_name: str
    predecessor_task_id: int
    predecessor_wbs: str
    predecessor_name: str
    successor_project_id: int
    successor_project_code: str
    successor_project_name: str
    successor_task_id: int
    successor_wbs: str
    successor_name: str
    type: LinkType
    lag: int
    lag_unit: LagUnit
    #: Working minutes between the successor's date and the earliest the link allows
    #: (0: the link drives it; negative: violated); None when a date is missing.
    gap_minutes: int | None
    state: LinkState


def load_cross_links(
    database: Database,
    portfolio_id: int,
    *,
    programme_id: int | None = None,
    project_id: int | None = None,
) -> tuple[CrossLinkRow, ...]:
    """The links between two projects of the portfolio; with a programme or a project, the
    links with at least one end in it. Ordered by predecessor then successor project code."""
    predecessor, successor = aliased(Task), aliased(Task)
    pred_project, succ_project = aliased(Project), aliased(Project)
    query = (
        select(
            Dependency.id, pred_project.id, pred_project.code, pred_project.name, predecessor.id,
            predecessor.wbs, predecessor.name, succ_project.id, succ_project.code,
            succ_project.name, successor.id, successor.wbs, successor.name, Dependency.type,
            Dependency.lag, Dependency.lag_unit, predecessor.start, predecessor.finish,
            predecessor.duration_minutes, successor.start, successor.finish,
        )
        .join(predecessor, predecessor.id == Dependency.predecessor_id)
        .join(successor, successor.id == Dependency.successor_id)
        .join(pred_project, pred_project.id == predecessor.project_id)
        .join(succ_project, succ_project.id == successor.project_id)
        .where(
            predecessor.project_id != successor.project_id,
            pred_project.portfolio_id == portfolio_id,
            succ_project.portfolio_id == portfolio_id,
        )
        .order_by(pred_project.code, succ_project.code, predecessor.wbs, successor.wbs)
    )  # fmt: skip
    if programme_id is not None:
        query = query.where(
            or_(
                pred_project.programme_id == programme_id, succ_project.programme_id == programme_id
            )
        )
    if project_id is not None:
        query = query.where(or_(pred_project.id == project_id, succ_project.id == project_id))
    with database.session() as session:
        records = session.execute(query).all()
    calendar = WorkingCalendar(CalendarSpec(), date(2000, 1, 3))
    rows = []
    for record in records:
        link_type, lag, lag_unit = record[13], record[14], record[15]
        gap = _gap(calendar, link_type, lag, lag_unit, *record[16:21])
        rows.append(CrossLinkRow(*record[:16], gap, _state(gap)))
    return tuple(rows)


def _gap(
    calendar: WorkingCalendar, link_type: LinkType, lag: int, lag_unit: LagUnit,
    pred_start: datetime | None, pred_finish: datetime | None, pred_minutes: int,
    succ_start: datetime | None, succ_finish: datetime | None,
) -> int | None:  # fmt: skip
    """Working minutes the successor's constrained date lies after the link's earliest one."""
    anchor = pred_start if link_type in (LinkType.SS, LinkType.SF) else pred_finish
    target = succ_start if link_type in (LinkType.FS, LinkType.SS) else succ_finish
    if anchor is None or target is None:
        return None
    if lag_unit is LagUnit.ELAPSED:
        anchor += timedelta(minutes=lag)
        working_lag = 0
    elif lag_unit is LagUnit.PERCENT:
        working_lag = round(pred_minutes * lag / 100)
    else:
        working_lag = lag
    return calendar.working_minutes(anchor, target) - working_lag


def _state(gap: int | None) -> LinkState:
    if gap is None:
        return LinkState.UNKNOWN
    if gap < 0:
        return LinkState.VIOLATED
    return LinkState.DRIVING if gap == 0 else LinkState.SLACK
