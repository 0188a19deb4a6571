"""The project view's read model: one project's properties, scores, reports, baselines and costs.

`project_detail` reads everything the project view shows in one short session, with a few
indexed queries whatever the size of the portfolio, and returns frozen plain snapshots
(ids and versions included, so edits can name the version the user saw).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select

from pmo_desktop.errors import NotFoundError
from pmo_desktop.models import (
    Baseline,
    BaselineTask,
    CostCategory,
    CostLine,
    CriterionKind,
    Method,
    Portfolio,
    Programme,
    Project,
    ProjectObjectiveScore,
    ProjectStatus,
    Rag,
    StatusReport,
    StrategicObjective,
    Task,
)
from pmo_desktop.storage.database import Database

#: The RAG dimensions of a status report, in the order they are shown (column names).
RAG_DIMENSIONS = (
    "rag_overall",
    "rag_schedule",
    "rag_cost",
    "rag_scope",
    "rag_resources",
    "rag_benefits",
)

#: The free-text fields of a status report, in the order they are shown.
REPORT_TEXT_FIELDS = ("commentary", "achievements", "concerns", "decisions_needed")

#: The project columns the properties form edits.
PROPERTY_FIELDS = (
    "code",
    "name",
    "programme_id",
    "sponsor",
    "manager",
    "method",
    "phase",
    "status",
    "start_date",
    "finish_date",
    "budget",
)


@dataclass(frozen=True)
class ProjectProperties:
    """The project row as the properties form shows it."""

    id: int
    version: int
    portfolio_id: int
    code: str
    name: str
    description: str
    programme_id: int | None
    sponsor: str
    manager: str
    method: Method
    phase: str
    status: ProjectStatus
    start_date: date | None
    finish_date: date | None
    status_date: date | None
    budget: Decimal
    currency: str
    percent_complete: float


@dataclass(frozen=True)
class ProgrammeChoice:
    """A programme the project may belong to (the form's programme picker)."""

    id: int
    code: str
    name: str


@dataclass(frozen=True)
class ObjectiveScore:
    """A strategic objective of the portfolio and the project's score against it (0–5).

    `score_id` is None when the project has never been scored on it (the score shows 0).
    """

    objective_id: int
    code: str
    name: str
    weight: float
    score_id: int | None
    score_version: int | None
    score: int


@dataclass(frozen=True)
class StatusReportRow:
    id: int
    version: int
    period_start: date
    period_end: date
    rag_overall: Rag
    rag_schedule: Rag
    rag_cost: Rag
    rag_scope: Rag
    rag_resources: Rag
    rag_benefits: Rag
    percent_complete: float
    commentary: str
    achievements: str
    concerns: str
    decisions_needed: str
    author: str


@dataclass(frozen=True)
class BaselineRow:
    id: int
    version: int
    number: int
    name: str
    taken_at: datetime | None
    approved: bool
    task_count: int


@dataclass(frozen=True)
class CostLineRow:
    id: int
    version: int
    period: date
    category: CostCategory
    budget: Decimal
    actual: Decimal
    forecast: Decimal
    currency: str


@dataclass(frozen=True)
class ProjectDetail:
    """Everything the project view shows about one project, read at one moment."""

    properties: ProjectProperties
    portfolio_name: str
    programmes: tuple[ProgrammeChoice, ...]
    objectives: tuple[ObjectiveScore, ...]
    status_reports: tuple[StatusReportRow, ...]
    baselines: tuple[BaselineRow, ...]
    cost_lines: tuple[CostLineRow, ...]
    task_count: int

    @property
    def programme(self) -> ProgrammeChoice | None:
        wanted = self.properties.programme_id
        return next((choice for choice in self.programmes if choice.id == wanted), None)

    @property
    def strategic_score(self) -> float | None:
        """The weighted mean score (0–5) over the portfolio's objectives, None without any."""
        total_weight = sum(objective.weight for objective in self.objectives)
        if total_weight <= 0:
            return None
        weighted = sum(objective.weight * objective.score for objective in self.objectives)
        return weighted / total_weight


def project_detail(database: Database, project_id: int) -> ProjectDetail:
    """Read one project's detail snapshot; NotFoundError if it no longer exists."""
    with database.session() as session:
        project = session.get(Project, project_id)
        if project is None:
            raise NotFoundError(f"Project {project_id} does not exist (any more).")
        properties = ProjectProperties(
            id=project.id,
            version=project.version,
            portfolio_id=project.portfolio_id,
            code=project.code,
            name=project.name,
            description=project.description,
            programme_id=project.programme_id,
            sponsor=project.sponsor,
            manager=project.manager,
            method=project.method,
            phase=project.phase,
            status=project.status,
            start_date=project.start_date,
            finish_date=project.finish_date,
            status_date=project.status_date,
            budget=project.budget,
            currency=project.currency,
            percent_complete=project.percent_complete,
        )
        portfolio_name = session.scalar(
            select(Portfolio.name).where(Portfolio.id == project.portfolio_id)
        )
        programmes = tuple(
            ProgrammeChoice(row.id, row.code, row.name)
            for row in session.execute(
                select(Programme.id, Programme.code, Programme.name)
                .where(Programme.portfolio_id == project.portfolio_id)
                .order_by(Programme.name)
            )
        )
        scores = {
            row.objective_id: row
            for row in session.execute(
                select(
                    ProjectObjectiveScore.id,
                    ProjectObjectiveScore.version,
                    ProjectObjectiveScore.objective_id,
                    ProjectObjectiveScore.score,
                ).where(ProjectObjectiveScore.project_id == project_id)
            )
        }
        objectives = []
        for row in session.execute(
            select(
                StrategicObjective.id,
                StrategicObjective.code,
                StrategicObjective.name,
                StrategicObjective.weight,
            )
            .where(
                StrategicObjective.portfolio_id == project.portfolio_id,
                # The strategy's objectives; the other prioritisation criteria are scored in
                # the prioritisation view.
                StrategicObjective.kind == CriterionKind.OBJECTIVE,
            )
            .order_by(StrategicObjective.code)
        ):
            score = scores.get(row.id)
            objectives.append(
                ObjectiveScore(
                    objective_id=row.id,
                    code=row.code,
                    name=row.name,
                    weight=row.weight,
                    score_id=score.id if score is not None else None,
                    score_version=score.version if score is not None else None,
                    score=score.score if score is not None else 0,
                )
            )
        reports = tuple(
            StatusReportRow(
                id=report.id,
                version=report.version,
                period_start=report.period_start,
                period_end=report.period_end,
                rag_overall=report.rag_overall,
                rag_schedule=report.rag_schedule,
                rag_cost=report.rag_cost,
                rag_scope=report.rag_scope,
                rag_resources=report.rag_resources,
                rag_benefits=report.rag_benefits,
                percent_complete=report.percent_complete,
                commentary=report.commentary,
                achievements=report.achievements,
                concerns=report.concerns,
                decisions_needed=report.decisions_needed,
                author=report.author,
            )
            for report in session.scalars(
                select(StatusReport)
                .where(StatusReport.project_id == project_id)
                .order_by(StatusReport.period_end.desc())
            )
        )
        baseline_rows = list(
            session.scalars(
                select(Baseline).where(Baseline.project_id == project_id).order_by(Baseline.number)
            )
        )
        counts: dict[int, int] = {}
        if baseline_rows:
            counted = session.execute(
                select(BaselineTask.baseline_id, func.count())
                .where(BaselineTask.baseline_id.in_([row.id for row in baseline_rows]))
                .group_by(BaselineTask.baseline_id)
            )
            counts = {baseline_id: count for baseline_id, count in counted}
        baselines = tuple(
            BaselineRow(
                id=row.id,
                version=row.version,
                number=row.number,
                name=row.name,
                taken_at=row.taken_at,
                approved=row.approved,
                task_count=counts.get(row.id, 0),
            )
            for row in baseline_rows
        )
        cost_lines = tuple(
            CostLineRow(
                id=row.id,
                version=row.version,
                period=row.period,
                category=row.category,
                budget=row.budget,
                actual=row.actual,
                forecast=row.forecast,
                currency=row.currency,
            )
            for row in session.scalars(
                select(CostLine)
                .where(CostLine.project_id == project_id)
                .order_by(CostLine.period, CostLine.category)
            )
        )
        task_count = session.scalar(
            select(func.count()).select_from(Task).where(Task.project_id == project_id)
        )
    return ProjectDetail(
        properties=properties,
        portfolio_name=portfolio_name or "",
        programmes=programmes,
        objectives=tuple(objectives),
        status_reports=reports,
        baselines=baselines,
        cost_lines=cost_lines,
        task_count=task_count or 0,
    )
