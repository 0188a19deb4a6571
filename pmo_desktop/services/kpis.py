"""The dashboard's heavier figures: earned value per project, resource over-allocation in
the next 90 days, and the 12-month trend of RAG ratings and milestones.

They read every task, baseline task and assignment of the portfolio, so the GUI computes
them in a worker after the first paint (`services.dashboard` has the fast part).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from pmo_desktop.errors import NotFoundError
from pmo_desktop.models import (
    Baseline,
    BaselineTask,
    Portfolio,
    Project,
    Rag,
    Resource,
    StatusReport,
    Task,
)
from pmo_desktop.scheduling.earned_value import EarnedValueTask, earned_value
from pmo_desktop.scheduling.loading import (
    AssignmentSpan,
    ResourceSpec,
    over_allocations,
    resource_loading,
)
from pmo_desktop.scheduling.model import CalendarSpec
from pmo_desktop.storage.database import Database

Progress = Callable[[int, int, str], None]
LOOKAHEAD_DAYS = 90
TREND_MONTHS = 12
ZERO = Decimal(0)
INDEX_QUANTUM = Decimal("0.0001")
_STEPS = 4
#: Rows fetched per driver call: one call over 50,000 rows would hold the interpreter lock
#: (and so the GUI thread) for a third of a second. The large reads go through the session's
#: connection (Core rows): the ORM's result machinery doubles their cost for plain columns.
CHUNK_ROWS = 1000


@dataclass(frozen=True)
class TrendPoint:
    """One reporting month (`month` is its first day): projects by their overall RAG in the
    month's reports, milestones completed in the month, and milestones due by baseline 0 in
    the month that finish (or are forecast to finish) later than that baseline."""

    month: date
    red: int
    amber: int
    green: int
    milestones_completed: int
    milestones_slipped: int


@dataclass(frozen=True)
class DashboardDetails:
    """SPI and CPI per project id (None where undefined), the same for the portfolio, the
    number of resources over-allocated in some week of the next 90 days, and the trend."""

    indices: Mapping[int, tuple[Decimal | None, Decimal | None]]
    portfolio_spi: Decimal | None
    portfolio_cpi: Decimal | None
    over_allocated_resources: int
    trend: tuple[TrendPoint, ...]


def as_money(value: object) -> Decimal:
    """A stored amount as a Decimal (0 for NULL; SQLite may hand back floats)."""
    if value is None:
        return ZERO
    return value if isinstance(value, Decimal) else Decimal(str(value))


def rounded_index(value: Decimal | None) -> Decimal | None:
    """An index to four decimals: more is noise on a dashboard."""
    return None if value is None else value.quantize(INDEX_QUANTUM)


def _load_calendar(session: Session, calendar_id: int | None) -> CalendarSpec:
    """`services.scheduling.load_calendar`, imported on first use: that module brings the
    MS Project interop and CPM (≈0.1 s), which the GUI's start-up does not need."""
    from pmo_desktop.services.scheduling import load_calendar

    return load_calendar(session, calendar_id)


def _report(progress: Progress | None, done: int, label: str) -> None:
    if progress is not None:
        progress(done, _STEPS, label)


class CalendarSpecs:
    """Stored calendars as CalendarSpecs, each read once."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._specs: dict[int | None, CalendarSpec] = {}

    def get(self, calendar_id: int | None) -> CalendarSpec:
        spec = self._specs.get(calendar_id)
        if spec is None:
            spec = self._specs[calendar_id] = _load_calendar(self._session, calendar_id)
        return spec


def dashboard_details(
    database: Database,
    portfolio_id: int,
    as_of: date,
    progress: Progress | None = None,
) -> DashboardDetails:
    """Earned value, over-allocation and trend at `as_of`; `progress(done, total, label)` is
    called between steps (a cancel token may raise there)."""
    with database.session() as session:
        portfolio = session.get(Portfolio, portfolio_id)
        if portfolio is None:
            raise NotFoundError(f"Portfolio {portfolio_id} does not exist.")
        specs = CalendarSpecs(session)
        default = specs.get(portfolio.calendar_id)
        project_calendars = {
            project_id: specs.get(calendar_id)
            for project_id, calendar_id in session.execute(
                select(Project.id, Project.calendar_id).where(
                    Project.portfolio_id == portfolio_id, Project.calendar_id.is_not(None)
                )
            )
        }
        _report(progress, 0, "Earned value")
        tasks = _earned_value_tasks(session, portfolio_id)
        _report(progress, 1, "Resource loading")
        spans, resources = _loading_input(session, portfolio_id, as_of, specs)
        _report(progress, 2, "Trend")
        trend = _trend(session, portfolio_id, as_of)
    report = earned_value(
        tasks, as_of, project_calendars=project_calendars, default_calendar=default
    )
    _report(progress, 3, "Over-allocation")
    over = 0
    if resources:
        grid = resource_loading(
            spans,
            resources,
            as_of,
            as_of + timedelta(days=LOOKAHEAD_DAYS),
            "week",
            project_calendars=project_calendars,
            default_calendar=default,
        )
        over = len({found.key for found in over_allocations(grid)})
    _report(progress, _STEPS, "")
    return DashboardDetails(
        indices={
            project: (rounded_index(value.spi), rounded_index(value.cpi))
            if value.bac
            else (None, None)
            for project, value in report.projects.items()
        },
        portfolio_spi=rounded_index(report.portfolio.spi),
        portfolio_cpi=rounded_index(report.portfolio.cpi),
        over_allocated_resources=over,
        trend=trend,
    )


def baseline_zero() -> tuple[object, object]:
    """Join conditions from a task to its baseline 0 row (if any)."""
    return (
        and_(Baseline.project_id == Task.project_id, Baseline.number == 0),
        and_(BaselineTask.baseline_id == Baseline.id, BaselineTask.task_id == Task.id),
    )


def _earned_value_tasks(session: Session, portfolio_id: int) -> list[EarnedValueTask]:
    """Work tasks and milestones: BAC and dates of baseline 0, % complete, actual cost."""
    to_baseline, to_task = baseline_zero()
    rows = session.connection().execute(
        select(
            Task.id,
            Task.project_id,
            Task.percent_complete,
            Task.actual_cost,
            BaselineTask.start,
            BaselineTask.finish,
            BaselineTask.cost,
        )
        .join(Project, Project.id == Task.project_id)
        .outerjoin(Baseline, to_baseline)
        .outerjoin(BaselineTask, to_task)
        .where(Project.portfolio_id == portfolio_id, Task.is_summary.is_(False))
        .execution_options(yield_per=CHUNK_ROWS)
    )
    return [
        EarnedValueTask(
            id=row.id,
            project=row.project_id,
            bac=as_money(row.cost),
            baseline_start=row.start,
            baseline_finish=row.finish,
            percent_complete=row.percent_complete,
            actual_cost=as_money(row.actual_cost),
        )
        for row in rows
    ]


def _loading_input(
    session: Session, portfolio_id: int, as_of: date, specs: CalendarSpecs
) -> tuple[list[AssignmentSpan], list[ResourceSpec]]:
    """Active people and roles, and their assignments overlapping the next 90 days."""
    from pmo_desktop.services.loading_input import assignment_spans, resource_specs, worker_rows

    window_start = datetime.combine(as_of, datetime.min.time())
    window_end = window_start + timedelta(days=LOOKAHEAD_DAYS)
    resources = resource_specs(worker_rows(session, portfolio_id), specs)
    spans = assignment_spans(
        session, window_start, window_end, Resource.portfolio_id == portfolio_id
    )
    return spans, resources


def _month_start(day: date) -> date:
    return day.replace(day=1)


def trend_months(as_of: date) -> list[date]:
    """The first days of the 12 reporting months ending with the month of `as_of`."""
    months = [_month_start(as_of)]
    while len(months) < TREND_MONTHS:
        first = months[-1]
        months.append((first - timedelta(days=1)).replace(day=1))
    return months[::-1]


def _trend(session: Session, portfolio_id: int, as_of: date) -> tuple[TrendPoint, ...]:
    months = trend_months(as_of)
    first = datetime.combine(months[0], datetime.min.time())
    end = datetime.combine(as_of + timedelta(days=1), datetime.min.time())
    latest: dict[tuple[int, date], tuple[date, Rag]] = {}
    for project_id, period_end, rag in session.connection().execute(
        select(StatusReport.project_id, StatusReport.period_end, StatusReport.rag_overall)
        .join(Project, Project.id == StatusReport.project_id)
        .where(
            Project.portfolio_id == portfolio_id,
            StatusReport.period_end >= months[0],
            StatusReport.period_end <= as_of,
        )
    ):
        key = (project_id, _month_start(period_end))
        if key not in latest or latest[key][0] < period_end:
            latest[key] = (period_end, rag)
    ratings: dict[date, dict[Rag, int]] = {month: dict.fromkeys(Rag, 0) for month in months}
    for (_, month), (_, rag) in latest.items():
        ratings[month][rag] += 1
    completed = dict.fromkeys(months, 0)
    slipped = dict.fromkeys(months, 0)
    to_baseline, to_task = baseline_zero()
    for actual_finish, finish, baseline_finish in session.connection().execute(
        select(Task.actual_finish, Task.finish, BaselineTask.finish)
        .join(Project, Project.id == Task.project_id)
        .outerjoin(Baseline, to_baseline)
        .outerjoin(BaselineTask, to_task)
        .where(
            Project.portfolio_id == portfolio_id,
            Task.is_milestone.is_(True),
            or_(
                and_(Task.actual_finish >= first, Task.actual_finish < end),
                and_(BaselineTask.finish >= first, BaselineTask.finish < end),
            ),
        )
    ):
        if actual_finish is not None and first <= actual_finish < end:
            completed[_month_start(actual_finish.date())] += 1
        if baseline_finish is not None and first <= baseline_finish < end:
            current = actual_finish or finish
            if current is not None and current > baseline_finish:
                slipped[_month_start(baseline_finish.date())] += 1
    return tuple(
        TrendPoint(
            month,
            ratings[month][Rag.RED],
            ratings[month][Rag.AMBER],
            ratings[month][Rag.GREEN],
            completed[month],
            slipped[month],
        )
        for month in months
    )
