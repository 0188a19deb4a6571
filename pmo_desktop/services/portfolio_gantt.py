"""The portfolio Gantt's read model: every project of a portfolio (or of one programme) as one
summary row, grouped under its programme, with the links that join tasks of different projects.

`portfolio_gantt_data` reads it with a fixed handful of queries whatever the number of
projects (portfolio, programmes, projects with their latest report, one aggregate over the
tasks, one over baseline 0, the cross-project links, the calendar) and returns frozen plain
snapshots. A project's own tasks are read when the user expands it, with
`services.gantt.gantt_data`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import aliased

from pmo_desktop.errors import NotFoundError
from pmo_desktop.models import (
    Baseline,
    BaselineTask,
    Dependency,
    LinkType,
    Portfolio,
    Programme,
    Project,
    Rag,
    StatusReport,
    Task,
)
from pmo_desktop.scheduling.model import CalendarSpec, Intervals
from pmo_desktop.services.scheduling import load_calendar
from pmo_desktop.storage.database import Database


@dataclass(frozen=True, slots=True)
class PortfolioGanttProject:
    """One project's summary row: its span from its tasks (else its planned dates)."""

    id: int
    programme_id: int | None
    code: str
    name: str
    manager: str
    start: datetime | None
    finish: datetime | None
    #: Work-weighted % complete of its leaf tasks (duration × % complete).
    percent_complete: float
    baseline_start: datetime | None
    baseline_finish: datetime | None
    rag: Rag | None
    task_count: int
    critical_count: int

    @property
    def slipped(self) -> bool:
        """Finishes after its baseline finish."""
        return (
            self.finish is not None
            and self.baseline_finish is not None
            and self.finish.date() > self.baseline_finish.date()
        )


@dataclass(frozen=True, slots=True)
class PortfolioGanttProgramme:
    id: int | None
    code: str
    name: str
    projects: tuple[PortfolioGanttProject, ...]

    @property
    def start(self) -> datetime | None:
        return min((p.start for p in self.projects if p.start), default=None)

    @property
    def finish(self) -> datetime | None:
        return max((p.finish for p in self.projects if p.finish), default=None)


@dataclass(frozen=True, slots=True)
class CrossLink:
    """A link between tasks of two projects, with both ends' dates (drawn between the project
    rows while the projects are collapsed)."""

    id: int
    type: LinkType
    lag: int
    predecessor_id: int
    predecessor_project_id: int
    predecessor_name: str
    predecessor_start: datetime | None
    predecessor_finish: datetime | None
    predecessor_critical: bool
    successor_id: int
    successor_project_id: int
    successor_name: str
    successor_start: datetime | None
    successor_finish: datetime | None
    successor_critical: bool

    @property
    def critical(self) -> bool:
        return self.predecessor_critical and self.successor_critical


@dataclass(frozen=True)
class PortfolioGanttData:
    portfolio_id: int
    programme_id: int | None
    #: The portfolio's name, or the programme's when one programme is shown.
    scope_name: str
    programmes: tuple[PortfolioGanttProgramme, ...]
    links: tuple[CrossLink, ...]
    calendar: CalendarSpec
    status_date: date | None
    start: datetime | None
    finish: datetime | None

    @property
    def projects(self) -> tuple[PortfolioGanttProject, ...]:
        return tuple(project for programme in self.programmes for project in programme.projects)

    def non_working(self, day: date) -> bool:
        intervals: Intervals | None = self.calendar.exceptions.get(day)
        if intervals is None:
            intervals = self.calendar.week[day.weekday()]
        return not intervals


def portfolio_gantt_data(
    database: Database, portfolio_id: int, programme_id: int | None = None
) -> PortfolioGanttData:
    """Read the summary rows and cross-project links (see the module docstring)."""
    with database.session() as session:
        portfolio = session.get(Portfolio, portfolio_id)
        if portfolio is None:
            raise NotFoundError(f"Portfolio {portfolio_id} does not exist.")
        scope_name = portfolio.name
        if programme_id is not None:
            programme = session.get(Programme, programme_id)
            if programme is None or programme.portfolio_id != portfolio_id:
                raise NotFoundError(f"Programme {programme_id} does not exist.")
            scope_name = programme.name
        calendar = load_calendar(session, portfolio.calendar_id)
        status_date = portfolio.as_of_date
        connection = session.connection()
        in_scope = (
            Project.portfolio_id == portfolio_id
            if programme_id is None
            else Project.programme_id == programme_id
        )
        scope_ids = select(Project.id).where(in_scope).scalar_subquery()
        programmes = {
            row.id: (row.code, row.name)
            for row in connection.execute(
                select(Programme.id, Programme.code, Programme.name)
                .where(Programme.portfolio_id == portfolio_id)
                .order_by(Programme.code)
            )
        }
        latest = (
            select(StatusReport.project_id, func.max(StatusReport.period_end).label("period_end"))
            .join(Project, Project.id == StatusReport.project_id)
            .where(in_scope)
            .group_by(StatusReport.project_id)
            .subquery()
        )
        rags = dict(
            connection.execute(
                select(StatusReport.project_id, StatusReport.rag_overall).join(
                    latest,
                    (latest.c.project_id == StatusReport.project_id)
                    & (latest.c.period_end == StatusReport.period_end),
                )
            ).all()
        )
        projects = connection.execute(
            select(
                Project.id, Project.programme_id, Project.code, Project.name, Project.manager,
                Project.start_date, Project.finish_date, Project.percent_complete,
            ).where(in_scope).order_by(Project.code)
        ).all()  # fmt: skip
        leaf_minutes = case((Task.is_summary, 0), else_=Task.duration_minutes)
        spans = {
            row.project_id: row
            for row in connection.execute(
                select(
                    Task.project_id,
                    func.min(Task.start).label("start"),
                    func.max(Task.finish).label("finish"),
                    func.sum(leaf_minutes * Task.percent_complete).label("done"),
                    func.sum(leaf_minutes).label("minutes"),
                    func.count().label("tasks"),
                    func.sum(case((Task.critical & ~Task.is_summary, 1), else_=0)).label("crit"),
                )
                .where(Task.project_id.in_(scope_ids))
                .group_by(Task.project_id)
            )
        }
        baselines = {
            row.project_id: (row.start, row.finish)
            for row in connection.execute(
                select(
                    Baseline.project_id,
                    func.min(BaselineTask.start).label("start"),
                    func.max(BaselineTask.finish).label("finish"),
                )
                .join(BaselineTask, BaselineTask.baseline_id == Baseline.id)
                .where(Baseline.project_id.in_(scope_ids), Baseline.number == 0)
                .group_by(Baseline.project_id)
            )
        }
        links = _cross_links(connection)
    rows: dict[int | None, list[PortfolioGanttProject]] = {}
    for row in projects:
        span = spans.get(row.id)
        start = span.start if span is not None and span.start is not None else _at(row.start_date)
        finish = (
            span.finish if span is not None and span.finish is not None else _at(row.finish_date)
        )
        if span is not None and span.minutes:
            percent = float(span.done or 0) / float(span.minutes)
        else:
            percent = float(row.percent_complete or 0.0)
        baseline_start, baseline_finish = baselines.get(row.id, (None, None))
        group = row.programme_id if row.programme_id in programmes else None
        rows.setdefault(group, []).append(
            PortfolioGanttProject(
                id=row.id, programme_id=group, code=row.code, name=row.name,
                manager=row.manager or "", start=start, finish=finish,
                percent_complete=round(percent, 1), baseline_start=baseline_start,
                baseline_finish=baseline_finish, rag=rags.get(row.id),
                task_count=span.tasks if span is not None else 0,
                critical_count=int(span.crit or 0) if span is not None else 0,
            )
        )  # fmt: skip
    groups = [
        PortfolioGanttProgramme(pid, code, name, tuple(rows[pid]))
        for pid, (code, name) in programmes.items()
        if pid in rows
    ]
    if None in rows:
        groups.append(PortfolioGanttProgramme(None, "", "", tuple(rows[None])))
    shown = {project.id for group in groups for project in group.projects}
    starts = [group.start for group in groups if group.start is not None]
    finishes = [group.finish for group in groups if group.finish is not None]
    return PortfolioGanttData(
        portfolio_id=portfolio_id,
        programme_id=programme_id,
        scope_name=scope_name,
        programmes=tuple(groups),
        links=tuple(
            link
            for link in links
            if link.predecessor_project_id in shown and link.successor_project_id in shown
        ),
        calendar=calendar,
        status_date=status_date,
        start=min(starts, default=None),
        finish=max(finishes, default=None),
    )


def _cross_links(connection: object) -> list[CrossLink]:
    """Links whose two tasks belong to different projects (the caller keeps those of its
    scope: one pass over the links' covering index beats a join through the projects)."""
    before = aliased(Task)
    after = aliased(Task)
    query = (
        select(
            Dependency.id, Dependency.type, Dependency.lag,
            before.id, before.project_id, before.name, before.start, before.finish,
            before.critical,
            after.id, after.project_id, after.name, after.start, after.finish, after.critical,
        )
        .join(before, before.id == Dependency.predecessor_id)
        .join(after, after.id == Dependency.successor_id)
        .where(before.project_id != after.project_id)
        .order_by(Dependency.id)
    )  # fmt: skip
    return [CrossLink(*row) for row in connection.execute(query)]  # type: ignore[attr-defined]


def _at(day: date | None) -> datetime | None:
    return datetime(day.year, day.month, day.day, 8) if day is not None else None
