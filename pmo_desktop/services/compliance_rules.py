"""The compliance rules' checks: one query (or two) per rule for the whole portfolio.

Each check takes the portfolio's context and the rule's effective settings and returns its
findings; `run_rules` runs the enabled ones. Only projects whose status the catalogue lists
(active, on hold) are checked; portfolio-level risks and shared resources are checked when
the whole portfolio is (not for a selection of projects, unless a resource's over-allocation
involves a selected project).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from pmo_desktop.models import (
    Baseline,
    BaselineTask,
    ChangeRequest,
    ChangeStatus,
    CostLine,
    GateDecision,
    GateReview,
    Portfolio,
    Project,
    Resource,
    Risk,
    RiskAction,
    RiskStatus,
    StatusReport,
    Task,
)
from pmo_desktop.models.enums import ActionStatus
from pmo_desktop.scheduling.loading import over_allocations, resource_loading
from pmo_desktop.scheduling.model import CalendarSpec
from pmo_desktop.services.board_pack_schedule import SlipMeter, WorkingCalendars
from pmo_desktop.services.compliance import Finding, Money, ProjectRef, RuleSettings
from pmo_desktop.services.kpis import CalendarSpecs
from pmo_desktop.services.loading_input import assignment_spans, resource_specs, worker_rows
from pmo_desktop.storage.database import Database

Progress = Callable[[int, int, str], None]
#: Project codes named in a resource's over-allocation message before "…".
MAX_NAMED_PROJECTS = 3


@dataclass
class _Context:
    session: Session
    portfolio_id: int
    as_of: date
    currency: str
    #: The checked projects (status listed in the catalogue, and in the selection).
    projects: dict[int, ProjectRef]
    whole_portfolio: bool
    calendars: CalendarSpecs
    default_calendar: CalendarSpec
    project_calendars: dict[int, CalendarSpec] = field(default_factory=dict)
    budgets: dict[int, tuple[Decimal, str]] = field(default_factory=dict)
    starts: dict[int, date | None] = field(default_factory=dict)

    def finding(
        self,
        settings: RuleSettings,
        project_id: int | None,
        kind: str,
        object_id: int | None,
        name: str,
        related: tuple[int, ...] = (),
        **values: object,
    ) -> Finding:
        project = self.projects.get(project_id) if project_id is not None else None
        return Finding(
            rule=settings.code,
            severity=settings.severity,
            project_id=project_id,
            project_code=project.code if project else "",
            project_name=project.name if project else "",
            object_kind=kind,
            object_id=object_id,
            object_name=name,
            values=values,
            related_projects=related,
        )

    def risk_scope(self) -> object:
        """Open risks of the checked projects, and portfolio-level ones for the portfolio."""
        in_projects = Risk.project_id.in_(list(self.projects))
        scope = in_projects | Risk.project_id.is_(None) if self.whole_portfolio else in_projects
        return and_(Risk.portfolio_id == self.portfolio_id, Risk.status == RiskStatus.OPEN, scope)


def _risk_name(code: str, title: str) -> str:
    return f"{code} “{title}”"


def baseline_missing(context: _Context, settings: RuleSettings) -> list[Finding]:
    approved = set(
        context.session.scalars(
            select(Baseline.project_id)
            .where(Baseline.project_id.in_(list(context.projects)), Baseline.approved.is_(True))
            .distinct()
        )
    )
    return [
        context.finding(settings, project.id, "project", project.id, project.name)
        for project in context.projects.values()
        if project.id not in approved
    ]


def last_period_end(day: date) -> date:
    """The last month end on or before `day`."""
    return (day + timedelta(days=1)).replace(day=1) - timedelta(days=1)


def status_report_overdue(context: _Context, settings: RuleSettings) -> list[Finding]:
    due = last_period_end(context.as_of - timedelta(days=int(settings.parameter("grace_days"))))
    latest = dict(
        context.session.execute(
            select(StatusReport.project_id, func.max(StatusReport.period_end))
            .where(
                StatusReport.project_id.in_(list(context.projects)),
                StatusReport.period_end <= context.as_of,
            )
            .group_by(StatusReport.project_id)
        ).all()
    )
    findings = []
    for project in context.projects.values():
        start = context.starts.get(project.id)
        if start is not None and start > due:
            continue  # not started when that period ended
        last = latest.get(project.id)
        if last is None or last < due:
            findings.append(
                context.finding(
                    settings,
                    project.id,
                    "project",
                    project.id,
                    project.name,
                    due=due,
                    latest=last,
                )
            )
    return findings


def risk_without_owner(context: _Context, settings: RuleSettings) -> list[Finding]:
    rows = context.session.execute(
        select(Risk.id, Risk.project_id, Risk.code, Risk.title).where(
            context.risk_scope(), func.trim(Risk.owner) == ""
        )
    )
    return [
        context.finding(settings, row.project_id, "risk", row.id, _risk_name(row.code, row.title))
        for row in rows
    ]


def risk_review_overdue(context: _Context, settings: RuleSettings) -> list[Finding]:
    limit = context.as_of - timedelta(days=int(settings.parameter("grace_days")))
    rows = context.session.execute(
        select(Risk.id, Risk.project_id, Risk.code, Risk.title, Risk.review_date).where(
            context.risk_scope(), Risk.review_date.is_not(None), Risk.review_date < limit
        )
    )
    return [
        context.finding(
            settings,
            row.project_id,
            "risk",
            row.id,
            _risk_name(row.code, row.title),
            due=row.review_date,
            days=(context.as_of - row.review_date).days,
        )
        for row in rows
    ]


def high_risk_without_response(context: _Context, settings: RuleSettings) -> list[Finding]:
    actions = (
        select(RiskAction.risk_id, func.count().label("count"))
        .where(RiskAction.status != ActionStatus.CANCELLED)
        .group_by(RiskAction.risk_id)
        .subquery()
    )
    rows = context.session.execute(
        select(Risk.id, Risk.project_id, Risk.code, Risk.title, Risk.score)
        .outerjoin(actions, actions.c.risk_id == Risk.id)
        .where(
            context.risk_scope(),
            Risk.opportunity.is_(False),
            Risk.score >= int(settings.parameter("min_score")),
            func.trim(Risk.response_plan) == "",
            func.coalesce(actions.c.count, 0) == 0,
        )
    )
    return [
        context.finding(
            settings,
            row.project_id,
            "risk",
            row.id,
            _risk_name(row.code, row.title),
            score=row.score,
        )
        for row in rows
    ]


def milestone_slip_unapproved(context: _Context, settings: RuleSettings) -> list[Finding]:
    """Slip of baseline 0's finish, in working days of the project's calendar, beyond the
    tolerance plus the schedule impact (days) of the project's approved change requests."""
    tolerance = float(settings.parameter("max_slip_days"))
    include_completed = bool(settings.parameter("include_completed"))
    per_project = int(settings.parameter("max_per_project"))
    project_ids = list(context.projects)
    approved = {
        project_id: int(days or 0)
        for project_id, days in context.session.execute(
            select(ChangeRequest.project_id, func.sum(ChangeRequest.impact_schedule_days))
            .where(
                ChangeRequest.project_id.in_(project_ids),
                ChangeRequest.status.in_((ChangeStatus.APPROVED, ChangeStatus.IMPLEMENTED)),
                (ChangeRequest.decided_on.is_(None)) | (ChangeRequest.decided_on <= context.as_of),
            )
            .group_by(ChangeRequest.project_id)
        )
    }
    query = (
        select(
            Task.id,
            Task.project_id,
            Task.name,
            Task.finish,
            Task.actual_finish,
            Task.percent_complete,
            BaselineTask.finish.label("baseline_finish"),
        )
        .join(Baseline, and_(Baseline.project_id == Task.project_id, Baseline.number == 0))
        .join(
            BaselineTask,
            and_(BaselineTask.baseline_id == Baseline.id, BaselineTask.task_id == Task.id),
        )
        .where(
            Task.project_id.in_(project_ids),
            Task.is_milestone.is_(True),
            Task.is_summary.is_(False),
            BaselineTask.finish.is_not(None),
        )
    )
    if not include_completed:
        query = query.where(Task.percent_complete < 100)
    working = WorkingCalendars(context.as_of)
    slipped: dict[int, list[tuple[datetime, Finding]]] = defaultdict(list)
    for row in context.session.execute(query):
        done = row.percent_complete >= 100
        forecast: datetime | None = row.actual_finish if done and row.actual_finish else row.finish
        if forecast is None or forecast <= row.baseline_finish:
            continue
        spec = context.project_calendars.get(row.project_id, context.default_calendar)
        slip = SlipMeter(working.get(spec), spec.minutes_per_day).days(
            row.baseline_finish, forecast
        )
        covered = approved.get(row.project_id, 0)
        if slip > tolerance + covered:
            slipped[row.project_id].append(
                (
                    forecast,
                    context.finding(
                        settings,
                        row.project_id,
                        "milestone",
                        row.id,
                        row.name,
                        slip=slip,
                        baseline=row.baseline_finish.date(),
                        forecast=forecast.date(),
                        approved=covered,
                    ),
                )
            )
    return [
        finding
        for found in slipped.values()
        for _, finding in sorted(found, key=lambda pair: (pair[0], pair[1].object_id or 0))[
            :per_project
        ]
    ]


def budget_over_tolerance(context: _Context, settings: RuleSettings) -> list[Finding]:
    """Forecast at completion (actuals to the as-of date plus later forecasts, the
    dashboard's figure) against the project's budget."""
    tolerance = float(settings.parameter("tolerance_percent"))
    rows = context.session.execute(
        select(
            CostLine.project_id,
            func.sum(case((CostLine.period <= context.as_of, CostLine.actual), else_=0)),
            func.sum(case((CostLine.period > context.as_of, CostLine.forecast), else_=0)),
        )
        .where(CostLine.project_id.in_(list(context.projects)))
        .group_by(CostLine.project_id)
    )
    findings = []
    for project_id, actual, later in rows:
        budget, currency = context.budgets.get(project_id, (Decimal(0), context.currency))
        if budget <= 0:
            continue
        forecast = Decimal(actual or 0) + Decimal(later or 0)
        overrun = float((forecast - budget) * 100 / budget)
        if overrun > tolerance:
            project = context.projects[project_id]
            findings.append(
                context.finding(
                    settings,
                    project_id,
                    "project",
                    project_id,
                    project.name,
                    forecast=Money(forecast, currency),
                    budget=Money(budget, currency),
                    overrun=round(overrun, 1),
                    tolerance=tolerance,
                )
            )
    return findings


def resource_over_allocated(context: _Context, settings: RuleSettings) -> list[Finding]:
    """Runs of consecutive over-allocated weeks (the loading view's grid) longer than the
    tolerance, over the weeks ahead of the as-of date."""
    tolerated = int(settings.parameter("max_weeks"))
    weeks_ahead = max(1, int(settings.parameter("lookahead_weeks")))
    start = context.as_of
    end = start + timedelta(weeks=weeks_ahead)
    session = context.session
    rows = worker_rows(session, context.portfolio_id)
    if not rows:
        return []
    resources = resource_specs(rows, context.calendars)
    names = {row.id: row.name for row in rows}
    spans = assignment_spans(
        session,
        datetime.combine(start, clock.min),
        datetime.combine(end, clock.min),
        Resource.portfolio_id == context.portfolio_id,
    )
    grid = resource_loading(
        spans,
        resources,
        start,
        end,
        "week",
        project_calendars=context.project_calendars,
        default_calendar=context.default_calendar,
    )
    periods = grid.periods
    by_resource: dict[int, list[tuple[datetime, datetime, int]]] = defaultdict(list)
    for span in spans:
        by_resource[span.resource].append((span.start, span.finish, span.project))
    codes = {
        project_id: code
        for project_id, code in session.execute(
            select(Project.id, Project.code).where(Project.portfolio_id == context.portfolio_id)
        )
    }
    findings = []
    for run in over_allocations(grid):
        weeks = sum(1 for first, last in periods if first >= run.first_day and last <= run.last_day)
        if weeks <= tolerated:
            continue
        resource_id = int(str(run.key))
        run_start = datetime.combine(run.first_day, clock.min)
        run_end = datetime.combine(run.last_day + timedelta(days=1), clock.min)
        involved = sorted(
            {
                project
                for begin, finish, project in by_resource[resource_id]
                if begin < run_end and finish > run_start
            },
            key=lambda project: codes.get(project, ""),
        )
        if not context.whole_portfolio and not set(involved) & set(context.projects):
            continue
        named = [codes.get(project, "?") for project in involved[:MAX_NAMED_PROJECTS]]
        more = "…" if len(involved) > MAX_NAMED_PROJECTS else ""
        peak = round(run.peak_ratio * 100) if run.peak_ratio is not None else None
        findings.append(
            context.finding(
                settings,
                None,
                "resource",
                resource_id,
                names.get(resource_id, "?"),
                related=tuple(involved),
                weeks=weeks,
                first=run.first_day,
                peak=peak,
                projects=", ".join(named) + more,
            )
        )
    return findings


def gate_overdue(context: _Context, settings: RuleSettings) -> list[Finding]:
    limit = context.as_of - timedelta(days=int(settings.parameter("grace_days")))
    rows = context.session.execute(
        select(GateReview.id, GateReview.project_id, GateReview.name, GateReview.planned_date)
        .where(
            GateReview.project_id.in_(list(context.projects)),
            GateReview.decision == GateDecision.PENDING,
            GateReview.planned_date.is_not(None),
            GateReview.planned_date < limit,
        )
        .order_by(GateReview.project_id, GateReview.sequence)
    )
    return [
        context.finding(settings, row.project_id, "gate", row.id, row.name, due=row.planned_date)
        for row in rows
    ]


CHECKS: dict[str, Callable[[_Context, RuleSettings], list[Finding]]] = {
    "baseline_missing": baseline_missing,
    "status_report_overdue": status_report_overdue,
    "risk_without_owner": risk_without_owner,
    "risk_review_overdue": risk_review_overdue,
    "high_risk_without_response": high_risk_without_response,
    "milestone_slip_unapproved": milestone_slip_unapproved,
    "budget_over_tolerance": budget_over_tolerance,
    "resource_over_allocated": resource_over_allocated,
    "gate_overdue": gate_overdue,
}


def run_rules(
    database: Database,
    portfolio_id: int,
    as_of: date,
    rules: Sequence[RuleSettings],
    checked_statuses: Sequence[str],
    project_ids: Sequence[int] | None,
    progress: Progress | None = None,
) -> tuple[list[ProjectRef], list[Finding], float]:
    """The checked projects (code order), the findings of the enabled rules, seconds."""
    started = time.perf_counter()
    enabled = [rule for rule in rules if rule.enabled and rule.code in CHECKS]
    findings: list[Finding] = []
    with database.session() as session:
        portfolio = session.get(Portfolio, portfolio_id)
        assert portfolio is not None
        query = (
            select(
                Project.id,
                Project.code,
                Project.name,
                Project.budget,
                Project.currency,
                Project.start_date,
                Project.calendar_id,
            )
            .where(Project.portfolio_id == portfolio_id, Project.status.in_(checked_statuses))
            .order_by(Project.code)
        )
        if project_ids is not None:
            query = query.where(Project.id.in_(list(project_ids)))
        rows = session.execute(query).all()
        specs = CalendarSpecs(session)
        context = _Context(
            session=session,
            portfolio_id=portfolio_id,
            as_of=as_of,
            currency=portfolio.currency,
            projects={row.id: ProjectRef(row.id, row.code, row.name) for row in rows},
            whole_portfolio=project_ids is None,
            calendars=specs,
            default_calendar=specs.get(portfolio.calendar_id),
            project_calendars={
                row.id: specs.get(row.calendar_id) for row in rows if row.calendar_id is not None
            },
            budgets={row.id: (Decimal(row.budget or 0), row.currency) for row in rows},
            starts={row.id: row.start_date for row in rows},
        )
        for index, settings in enumerate(enabled):
            if progress is not None:
                progress(index, len(enabled), settings.definition.title_in("en"))
            findings += CHECKS[settings.code](context, settings)
    if progress is not None:
        progress(len(enabled), len(enabled), "")
    return list(context.projects.values()), findings, time.perf_counter() - started
