"""The portfolio dashboard's figures: KPI tiles, one row per project, RAG thresholds.

Two steps, so that the window paints fast: `dashboard_overview` reads what the tiles and the
project table need with a few aggregate queries (whatever the portfolio's size), and
`services.kpis.dashboard_details` computes the heavier figures (earned value, resource
over-allocation, the 12-month trend). `portfolio_dashboard` does both and merges them.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from pmo_desktop.errors import NotFoundError, ValidationError
from pmo_desktop.models import (
    Baseline,
    BaselineTask,
    CostLine,
    CriterionKind,
    Portfolio,
    PortfolioRules,
    Programme,
    Project,
    ProjectObjectiveScore,
    Rag,
    Risk,
    RiskStatus,
    StatusReport,
    StrategicObjective,
    Task,
)
from pmo_desktop.reports.data import Trend
from pmo_desktop.scheduling.calendar import WorkingCalendar
from pmo_desktop.scheduling.model import CalendarSpec
from pmo_desktop.services.kpis import (
    CHUNK_ROWS,
    DashboardDetails,
    TrendPoint,
    dashboard_details,
)
from pmo_desktop.services.portfolio import ProjectRow
from pmo_desktop.storage.database import Database

ZERO = Decimal(0)
#: How far ahead the milestone and over-allocation tiles look (days after the as-of date).
LOOKAHEAD_DAYS = 90
_SEVERITY = {Rag.GREEN: 1, Rag.AMBER: 2, Rag.RED: 3}


class Dimension(enum.StrEnum):
    """The rated dimensions of a status report (overall first)."""

    OVERALL = "overall"
    SCHEDULE = "schedule"
    COST = "cost"
    SCOPE = "scope"
    RESOURCES = "resources"
    BENEFITS = "benefits"


@dataclass(frozen=True)
class RagThresholds:
    """When a computed figure turns amber or red (data, not code: the portfolio's rules,
    services/portfolio_rules.py, edited by a PMO admin).

    SPI/CPI below `*_amber` is amber, below `*_red` red; a forecast over budget by more than
    `budget_*_percent` %, a milestone late by more than `slip_*_days` working days likewise.
    An open risk scoring `high_risk_score` or more is "high".
    """

    spi_amber: float = 0.95
    spi_red: float = 0.85
    cpi_amber: float = 0.95
    cpi_red: float = 0.85
    budget_amber_percent: float = 5.0
    budget_red_percent: float = 10.0
    slip_amber_days: float = 5.0
    slip_red_days: float = 15.0
    high_risk_score: int = 15

    def validate(self) -> None:
        """Raise ValidationError unless red is stricter than amber everywhere."""
        pairs = (
            ("SPI", self.spi_red, self.spi_amber, "below"),
            ("CPI", self.cpi_red, self.cpi_amber, "below"),
            ("budget overrun", self.budget_amber_percent, self.budget_red_percent, "above"),
            ("milestone slip", self.slip_amber_days, self.slip_red_days, "above"),
        )
        for name, lower, upper, side in pairs:
            if lower < 0 or upper < 0:
                raise ValidationError(f"RAG thresholds: the {name} limits cannot be negative.")
            if lower >= upper:
                raise ValidationError(
                    f"RAG thresholds: the {name} limits are inverted: "
                    f"red must start strictly {side} amber."
                )
        if not 1 <= self.high_risk_score <= 25:
            raise ValidationError("RAG thresholds: the high-risk score must be between 1 and 25.")

    @staticmethod
    def _below(value: Decimal | float | None, amber: float, red: float) -> Rag | None:
        if value is None:
            return None
        number = float(value)
        return Rag.RED if number < red else Rag.AMBER if number < amber else Rag.GREEN

    def spi_rag(self, spi: Decimal | float | None) -> Rag | None:
        return self._below(spi, self.spi_amber, self.spi_red)

    def cpi_rag(self, cpi: Decimal | float | None) -> Rag | None:
        return self._below(cpi, self.cpi_amber, self.cpi_red)

    def overrun_rag(self, budget: Decimal, forecast: Decimal) -> Rag | None:
        """The forecast at completion against the budget (None without a budget)."""
        if budget <= 0:
            return None
        overrun = float((forecast - budget) * 100 / budget)
        if overrun > self.budget_red_percent:
            return Rag.RED
        return Rag.AMBER if overrun > self.budget_amber_percent else Rag.GREEN

    def slip_rag(self, slip_days: float | None) -> Rag | None:
        if slip_days is None:
            return None
        if slip_days > self.slip_red_days:
            return Rag.RED
        return Rag.AMBER if slip_days > self.slip_amber_days else Rag.GREEN


def portfolio_thresholds(
    session: Session, portfolio_id: int, fallback: RagThresholds | None = None
) -> RagThresholds:
    """The thresholds in force for a portfolio: its rules if a PMO admin set them (one
    indexed query), else `fallback` (a user's preference), else the defaults."""
    stored = session.scalar(
        select(PortfolioRules.thresholds).where(PortfolioRules.portfolio_id == portfolio_id)
    )
    if stored is None:
        return fallback or RagThresholds()
    known = {name: stored[name] for name in RagThresholds.__dataclass_fields__ if name in stored}
    thresholds = RagThresholds(**known)
    return replace(thresholds, high_risk_score=int(thresholds.high_risk_score))


@dataclass(frozen=True)
class DashboardRow(ProjectRow):
    """A project line of the dashboard: the list's columns plus status, money and KPIs.

    `spi`/`cpi` stay None with `evm_loaded` False until the details arrive.
    """

    ratings: Mapping[Dimension, Rag] = field(default_factory=dict)
    trends: Mapping[Dimension, Trend] = field(default_factory=dict)
    actual: Decimal = ZERO
    forecast: Decimal = ZERO
    next_milestone: str = ""
    next_milestone_date: date | None = None
    milestone_slip_days: float | None = None
    strategic_value: float = 0.0
    risk_exposure: int = 0
    objective: str = ""
    spi: Decimal | None = None
    cpi: Decimal | None = None
    evm_loaded: bool = False


@dataclass(frozen=True)
class DashboardTiles:
    """The KPI tiles. Money sums the projects in the portfolio's currency only
    (`other_currency_projects` counts the others); `over_allocated_resources` is None until
    the details arrive."""

    rag_counts: Mapping[Rag | None, int]
    currency: str
    budget: Decimal
    actual: Decimal
    forecast: Decimal
    other_currency_projects: int
    milestones_due: int
    milestones_slipped: int
    high_risks: int
    over_allocated_resources: int | None = None
    spi: Decimal | None = None
    cpi: Decimal | None = None


@dataclass(frozen=True)
class DashboardOverview:
    """What the first paint shows: tiles and rows, without the heavy figures."""

    portfolio_id: int
    name: str
    as_of: date
    thresholds: RagThresholds
    tiles: DashboardTiles
    rows: tuple[DashboardRow, ...]


@dataclass(frozen=True)
class PortfolioDashboard(DashboardOverview):
    """Every figure of the dashboard, the trend series included."""

    trend: tuple[TrendPoint, ...] = ()


def merge_details(overview: DashboardOverview, details: DashboardDetails) -> PortfolioDashboard:
    """The overview completed with earned value, over-allocation and the trend."""
    rows = tuple(
        replace(row, spi=found[0], cpi=found[1], evm_loaded=True)
        if (found := details.indices.get(row.id)) is not None
        else replace(row, evm_loaded=True)
        for row in overview.rows
    )
    tiles = replace(
        overview.tiles,
        over_allocated_resources=details.over_allocated_resources,
        spi=details.portfolio_spi,
        cpi=details.portfolio_cpi,
    )
    return PortfolioDashboard(
        overview.portfolio_id,
        overview.name,
        overview.as_of,
        overview.thresholds,
        tiles,
        rows,
        details.trend,
    )


def portfolio_dashboard(
    database: Database,
    portfolio_id: int,
    as_of: date,
    thresholds: RagThresholds | None = None,
) -> PortfolioDashboard:
    """Tiles, project rows and trend of the portfolio at `as_of` (end of that day)."""
    overview = dashboard_overview(database, portfolio_id, as_of, thresholds)
    return merge_details(overview, dashboard_details(database, portfolio_id, as_of))


def _money(value: object) -> Decimal:
    if value is None:
        return ZERO
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _trend(latest: Rag, previous: Rag | None) -> Trend:
    if previous is None:
        return Trend.NEW
    change = _SEVERITY[latest] - _SEVERITY[previous]
    return Trend.SAME if change == 0 else Trend.WORSE if change > 0 else Trend.BETTER


def _ratings(
    session: Session, portfolio_id: int, as_of: date
) -> dict[int, tuple[date, dict[Dimension, Rag], dict[Dimension, Trend]]]:
    """Each project's latest report up to `as_of`: its date, ratings and trends (only the
    two latest reports of each project are read)."""
    names = [f"rag_{dimension.value}" for dimension in Dimension]
    ranked = (
        select(
            StatusReport.project_id,
            StatusReport.period_end,
            *(getattr(StatusReport, name) for name in names),
            func.row_number()
            .over(partition_by=StatusReport.project_id, order_by=StatusReport.period_end.desc())
            .label("recency"),
        )
        .join(Project, Project.id == StatusReport.project_id)
        .where(Project.portfolio_id == portfolio_id, StatusReport.period_end <= as_of)
        .subquery()
    )
    rows = session.execute(
        select(ranked.c.project_id, ranked.c.period_end, *(ranked.c[name] for name in names))
        .where(ranked.c.recency <= 2)
        .order_by(ranked.c.project_id, ranked.c.period_end.desc())
    ).all()
    found: dict[int, tuple[date, dict[Dimension, Rag], dict[Dimension, Trend]]] = {}
    previous_seen: set[int] = set()
    for row in rows:
        project_id, period_end, *rags = row
        ratings = dict(zip(Dimension, rags, strict=True))
        if project_id not in found:
            trends = {dimension: Trend.NEW for dimension in Dimension}
            found[project_id] = (period_end, ratings, trends)
        elif project_id not in previous_seen:
            previous_seen.add(project_id)
            _, latest, trends = found[project_id]
            for dimension in Dimension:
                trends[dimension] = _trend(latest[dimension], ratings[dimension])
    return found


class _SlipCalendars:
    """Working calendars of the projects, to measure milestone slip in working days."""

    def __init__(self, session: Session, portfolio_calendar: int | None, origin: date) -> None:
        self._session = session
        self._default = portfolio_calendar
        self._origin = origin
        self._built: dict[int | None, tuple[WorkingCalendar, int]] = {}

    def slip_days(self, calendar_id: int | None, baseline: datetime, current: datetime) -> float:
        key = calendar_id if calendar_id is not None else self._default
        found = self._built.get(key)
        if found is None:
            # Imported here: that module brings MS Project interop and CPM (≈0.1 s), which
            # the GUI's start-up does not need.
            from pmo_desktop.services.scheduling import load_calendar

            spec: CalendarSpec = load_calendar(self._session, key)
            found = self._built[key] = (WorkingCalendar(spec, self._origin), spec.minutes_per_day)
        calendar, minutes_per_day = found
        return round(calendar.working_minutes(baseline, current) / minutes_per_day, 1)


def dashboard_overview(
    database: Database,
    portfolio_id: int,
    as_of: date,
    thresholds: RagThresholds | None = None,
) -> DashboardOverview:
    """Tiles and project rows at `as_of`, from a handful of aggregate queries."""
    window_end = as_of + timedelta(days=LOOKAHEAD_DAYS)
    with database.session() as session:
        thresholds = portfolio_thresholds(session, portfolio_id, thresholds)
        portfolio = session.get(Portfolio, portfolio_id)
        if portfolio is None:
            raise NotFoundError(f"Portfolio {portfolio_id} does not exist.")
        projects = session.execute(
            select(Project, Programme.name)
            .outerjoin(Programme, Programme.id == Project.programme_id)
            .where(Project.portfolio_id == portfolio_id)
            .order_by(Project.code)
        ).all()
        ratings = _ratings(session, portfolio_id, as_of)
        costs = {
            row.project_id: (_money(row.actual), _money(row.later))
            for row in session.execute(
                select(
                    CostLine.project_id,
                    func.sum(case((CostLine.period <= as_of, CostLine.actual), else_=0)).label(
                        "actual"
                    ),
                    func.sum(case((CostLine.period > as_of, CostLine.forecast), else_=0)).label(
                        "later"
                    ),
                )
                .join(Project, Project.id == CostLine.project_id)
                .where(Project.portfolio_id == portfolio_id)
                .group_by(CostLine.project_id)
            )
        }
        open_risks = (Risk.portfolio_id == portfolio_id) & (Risk.status == RiskStatus.OPEN)
        risks = {
            row.project_id: (row.count, row.top, row.exposure)
            for row in session.execute(
                select(
                    Risk.project_id,
                    func.count().label("count"),
                    func.max(Risk.score).label("top"),
                    func.sum(Risk.score).label("exposure"),
                )
                .where(open_risks)
                .group_by(Risk.project_id)
            )
        }
        high_risks = session.scalar(
            select(func.count())
            .select_from(Risk)
            .where(open_risks, Risk.score >= thresholds.high_risk_score)
        )
        value: dict[int, float] = {}
        objective: dict[int, tuple[float, str, str]] = {}
        for row in session.execute(
            select(
                ProjectObjectiveScore.project_id,
                ProjectObjectiveScore.score,
                StrategicObjective.weight,
                StrategicObjective.code,
                StrategicObjective.name,
            )
            .join(StrategicObjective, StrategicObjective.id == ProjectObjectiveScore.objective_id)
            .where(
                StrategicObjective.portfolio_id == portfolio_id,
                # Strategic value: the strategy's objectives, not value/risk/cost criteria.
                StrategicObjective.kind == CriterionKind.OBJECTIVE,
            )
        ):
            weighted = row.score * row.weight
            value[row.project_id] = value.get(row.project_id, 0.0) + weighted
            best = objective.get(row.project_id)
            if weighted > 0 and (best is None or (weighted, best[1]) > (best[0], row.code)):
                objective[row.project_id] = (weighted, row.code, row.name)
        milestones = session.execute(
            select(
                Task.project_id,
                Task.name,
                Task.finish,
                BaselineTask.finish.label("baseline_finish"),
                Project.calendar_id,
            )
            .join(Project, Project.id == Task.project_id)
            .outerjoin(Baseline, and_(Baseline.project_id == Task.project_id, Baseline.number == 0))
            .outerjoin(
                BaselineTask,
                and_(BaselineTask.baseline_id == Baseline.id, BaselineTask.task_id == Task.id),
            )
            .where(
                Project.portfolio_id == portfolio_id,
                Task.is_milestone.is_(True),
                Task.percent_complete < 100,
                Task.finish.is_not(None),
            )
            .order_by(Task.project_id, Task.finish, Task.id)
            .execution_options(yield_per=CHUNK_ROWS)
        )
        calendars = _SlipCalendars(session, portfolio.calendar_id, as_of)
        next_milestone: dict[int, tuple[str, datetime, float | None]] = {}
        due = slipped = 0
        for row in milestones:
            slip = (
                calendars.slip_days(row.calendar_id, row.baseline_finish, row.finish)
                if row.baseline_finish is not None
                else None
            )
            if row.project_id not in next_milestone:
                next_milestone[row.project_id] = (row.name, row.finish, slip)
            if as_of <= row.finish.date() <= window_end:
                due += 1
                slipped += slip is not None and slip > 0
        name, currency = portfolio.name, portfolio.currency
    rows: list[DashboardRow] = []
    for project, programme in projects:
        period_end, project_ratings, trends = ratings.get(project.id, (None, {}, {}))
        actual, later = costs.get(project.id, (ZERO, ZERO))
        count, top, exposure = risks.get(project.id, (0, None, 0))
        milestone = next_milestone.get(project.id)
        rows.append(
            DashboardRow(
                id=project.id,
                version=project.version,
                code=project.code,
                name=project.name,
                programme=programme or "",
                method=project.method,
                status=project.status,
                phase=project.phase,
                manager=project.manager,
                start=project.start_date,
                finish=project.finish_date,
                budget=_money(project.budget),
                currency=project.currency,
                percent_complete=project.percent_complete,
                rag_overall=project_ratings.get(Dimension.OVERALL),
                last_report=period_end,
                open_risks=count,
                top_risk_score=top,
                ratings=project_ratings,
                trends=trends,
                actual=actual,
                forecast=actual + later,
                next_milestone=milestone[0] if milestone else "",
                next_milestone_date=milestone[1].date() if milestone else None,
                milestone_slip_days=milestone[2] if milestone else None,
                strategic_value=round(value.get(project.id, 0.0), 4),
                risk_exposure=int(exposure or 0),
                objective=objective[project.id][2] if project.id in objective else "",
            )
        )
    return DashboardOverview(
        portfolio_id,
        name,
        as_of,
        thresholds,
        _tiles(rows, currency, due, slipped, high_risks or 0),
        tuple(rows),
    )


def _tiles(
    rows: list[DashboardRow], currency: str, due: int, slipped: int, high_risks: int
) -> DashboardTiles:
    counts: dict[Rag | None, int] = {Rag.RED: 0, Rag.AMBER: 0, Rag.GREEN: 0, None: 0}
    budget = actual = forecast = ZERO
    others = 0
    for row in rows:
        counts[row.rag_overall] += 1
        if row.currency != currency:
            others += 1
            continue
        budget += row.budget
        actual += row.actual
        forecast += row.forecast
    return DashboardTiles(
        rag_counts=counts,
        currency=currency,
        budget=budget,
        actual=actual,
        forecast=forecast,
        other_currency_projects=others,
        milestones_due=due,
        milestones_slipped=slipped,
        high_risks=high_risks,
    )
