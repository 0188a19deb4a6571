"""Strategic prioritisation: the scoring model (criteria with weights and direction), each
project's weighted score, and the ranked portfolio the what-if walks.

A criterion is a `StrategicObjective` row: a strategic objective, or value, risk, cost or
urgency. A project scores 0–5 on each; where lower is better (risk, cost) a score s counts
as 5 − s. The weighted score is Σ weight × counted score / (5 × Σ weight) × 100, so 100 is
the best possible project. A missing score is a gap: it is shown and counts as nothing (the
worst score), so an unscored project never outranks a scored one by accident.
Reading runs in a worker; the ranking and the what-if (`prioritisation_whatif`) are pure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmo_desktop.errors import NotFoundError
from pmo_desktop.models import (
    Assignment,
    CriterionKind,
    Portfolio,
    Programme,
    Project,
    ProjectObjectiveScore,
    ProjectStatus,
    Resource,
    StrategicObjective,
    Task,
)
from pmo_desktop.services.board_pack_schedule import add_months
from pmo_desktop.services.loading_input import WORKERS, role_of
from pmo_desktop.storage.database import Database

Progress = Callable[[int, int, str], None]
MAX_SCORE = 5
#: Months of resource demand the capacity cap is compared with, by default.
HORIZON_MONTHS = 12
#: The projects a PMO still chooses between: not closed, not cancelled.
RANKED_STATUSES = (ProjectStatus.PROPOSED, ProjectStatus.ACTIVE, ProjectStatus.ON_HOLD)
#: Lower is better by default for these kinds.
LOWER_IS_BETTER_KINDS = (CriterionKind.RISK, CriterionKind.COST)


@dataclass(frozen=True, slots=True)
class Criterion:
    """One column of the scoring model."""

    id: int
    version: int
    code: str
    name: str
    description: str
    weight: float
    kind: CriterionKind
    higher_is_better: bool


@dataclass(frozen=True, slots=True)
class ScoreCell:
    """A project's stored score on one criterion (the row, to update or clear it)."""

    id: int
    version: int
    score: int


@dataclass(frozen=True, slots=True)
class Candidate:
    """A project the ranking considers: its budget, current priority, scores and the
    resource demand (hours) its assignments place inside the horizon, by role."""

    id: int
    version: int
    code: str
    name: str
    status: ProjectStatus
    programme_id: int | None
    budget: float
    priority: int
    scores: dict[int, ScoreCell] = field(default_factory=dict)
    demand_by_role: dict[str, float] = field(default_factory=dict)

    @property
    def demand_hours(self) -> float:
        return sum(self.demand_by_role.values())

    def demand(self, role: str | None) -> float:
        """Hours of demand of one role, or of all roles (None)."""
        return self.demand_hours if role is None else self.demand_by_role.get(role, 0.0)


@dataclass(frozen=True, slots=True)
class ScoredProject:
    """A candidate with its weighted score (0–100) and the criteria it has no score on."""

    candidate: Candidate
    score: float
    gaps: tuple[int, ...]

    @property
    def id(self) -> int:
        return self.candidate.id


@dataclass(frozen=True)
class PrioritisationData:
    """What the prioritisation view shows: the scoring model and the candidate projects."""

    portfolio_id: int
    programme_id: int | None
    scope_name: str
    currency: str
    as_of: date
    horizon: tuple[date, date]
    criteria: list[Criterion]
    candidates: list[Candidate]
    #: Capacity of the active people over the horizon, hours, by role ("" for none).
    capacity_by_role: dict[str, float]

    @property
    def roles(self) -> list[str]:
        """Every role with demand or capacity, sorted (the empty role last)."""
        names = set(self.capacity_by_role)
        for candidate in self.candidates:
            names.update(candidate.demand_by_role)
        return sorted(names, key=lambda name: (name == "", name.casefold()))

    def candidate(self, project_id: int) -> Candidate | None:
        return next((c for c in self.candidates if c.id == project_id), None)


def counted(criterion: Criterion, score: int) -> int:
    """The points a score earns: the score, or 5 − score where lower is better."""
    return score if criterion.higher_is_better else MAX_SCORE - score


def weighted_score(criteria: Sequence[Criterion], scores: dict[int, int]) -> float:
    """Σ weight × counted score, normalised to 0–100; a missing score earns nothing."""
    total_weight = sum(criterion.weight for criterion in criteria)
    if total_weight <= 0:
        return 0.0
    earned = sum(
        criterion.weight * counted(criterion, scores[criterion.id])
        for criterion in criteria
        if criterion.id in scores
    )
    return 100.0 * earned / (MAX_SCORE * total_weight)


def score_projects(
    criteria: Sequence[Criterion], candidates: Sequence[Candidate]
) -> list[ScoredProject]:
    """Every candidate's weighted score and gaps (in the candidates' order)."""
    scored: list[ScoredProject] = []
    for candidate in candidates:
        scores = {key: cell.score for key, cell in candidate.scores.items()}
        gaps = tuple(c.id for c in criteria if c.id not in scores)
        scored.append(ScoredProject(candidate, weighted_score(criteria, scores), gaps))
    return scored


def rank(criteria: Sequence[Criterion], candidates: Sequence[Candidate]) -> list[ScoredProject]:
    """Best first: by weighted score, then current priority, then code (a stable order)."""
    scored = score_projects(criteria, candidates)
    scored.sort(key=lambda p: (-round(p.score, 9), -p.candidate.priority, p.candidate.code))
    return scored


def load_prioritisation(
    database: Database,
    portfolio_id: int,
    as_of: date,
    *,
    programme_id: int | None = None,
    months: int = HORIZON_MONTHS,
    progress: Progress | None = None,
    statuses: Sequence[ProjectStatus] = RANKED_STATUSES,
) -> PrioritisationData:
    """The scoring model, the projects still to choose between (of one programme if given;
    `statuses`: only those, e.g. without the proposed ones) with their scores and their
    demand over `months` months from the as-of month."""
    first = as_of.replace(day=1)
    horizon = (first, add_months(first, max(1, months)))
    with database.session() as session:
        portfolio = session.get(Portfolio, portfolio_id)
        if portfolio is None:
            raise NotFoundError(f"Portfolio {portfolio_id} does not exist.")
        scope_name = portfolio.name
        if programme_id is not None:
            programme = session.get(Programme, programme_id)
            if programme is None or programme.portfolio_id != portfolio_id:
                raise NotFoundError(f"Programme {programme_id} is not in this portfolio.")
            scope_name = programme.name
        if progress is not None:
            progress(0, 3, "Projects")
        criteria = _criteria(session, portfolio_id)
        query = select(
            Project.id,
            Project.version,
            Project.code,
            Project.name,
            Project.status,
            Project.programme_id,
            Project.budget,
            Project.priority,
        ).where(Project.portfolio_id == portfolio_id, Project.status.in_(list(statuses)))
        if programme_id is not None:
            query = query.where(Project.programme_id == programme_id)
        projects = session.execute(query.order_by(Project.code)).all()
        ids = {row.id for row in projects}
        scores: dict[int, dict[int, ScoreCell]] = defaultdict(dict)
        criterion_ids = {criterion.id for criterion in criteria}
        for row in session.execute(
            select(
                ProjectObjectiveScore.id,
                ProjectObjectiveScore.version,
                ProjectObjectiveScore.project_id,
                ProjectObjectiveScore.objective_id,
                ProjectObjectiveScore.score,
            )
            .join(Project, Project.id == ProjectObjectiveScore.project_id)
            .where(Project.portfolio_id == portfolio_id)
        ):
            if row.project_id in ids and row.objective_id in criterion_ids:
                scores[row.project_id][row.objective_id] = ScoreCell(row.id, row.version, row.score)
        if progress is not None:
            progress(1, 3, "Assignments")
        demand = _demand(session, portfolio_id, ids, *horizon)
        if progress is not None:
            progress(2, 3, "Capacity")
        currency = portfolio.currency
    capacity = _capacity(database, portfolio_id, as_of, max(1, months))
    candidates = [
        Candidate(
            row.id,
            row.version,
            row.code,
            row.name,
            row.status,
            row.programme_id,
            float(row.budget or Decimal(0)),
            row.priority,
            scores.get(row.id, {}),
            dict(demand.get(row.id, {})),
        )
        for row in projects
    ]
    if progress is not None:
        progress(3, 3, "")
    return PrioritisationData(
        portfolio_id,
        programme_id,
        scope_name,
        currency,
        as_of,
        horizon,
        criteria,
        candidates,
        capacity,
    )


def load_criteria(database: Database, portfolio_id: int) -> list[Criterion]:
    """The portfolio's scoring model, in the view's order (by kind, then code)."""
    with database.session() as session:
        if session.get(Portfolio, portfolio_id) is None:
            raise NotFoundError(f"Portfolio {portfolio_id} does not exist.")
        return _criteria(session, portfolio_id)


def _criteria(session: Session, portfolio_id: int) -> list[Criterion]:
    rows = session.execute(
        select(StrategicObjective)
        .where(StrategicObjective.portfolio_id == portfolio_id)
        .order_by(StrategicObjective.code, StrategicObjective.id)
    ).scalars()
    criteria = [
        Criterion(
            row.id, row.version, row.code, row.name, row.description, row.weight, row.kind,
            row.higher_is_better,
        )
        for row in rows
    ]  # fmt: skip
    kinds = list(CriterionKind)
    criteria.sort(key=lambda criterion: (kinds.index(criterion.kind), criterion.code))
    return criteria


def _demand(
    session: Session, portfolio_id: int, project_ids: set[int], first: date, following: date
) -> dict[int, dict[str, float]]:
    """Remaining work (hours) of each project's people and roles inside [first, following),
    pro rata of each assignment's elapsed time that falls in the window."""
    start = datetime.combine(first, time())
    end = datetime.combine(following, time())
    query = (
        select(
            Task.project_id,
            Resource.role,
            Resource.name,
            Resource.kind,
            Assignment.start,
            Assignment.finish,
            Assignment.work_minutes,
            Assignment.actual_work_minutes,
        )
        .join(Task, Task.id == Assignment.task_id)
        .join(Resource, Resource.id == Assignment.resource_id)
        .join(Project, Project.id == Task.project_id)
        .where(
            Project.portfolio_id == portfolio_id,
            Resource.active.is_(True),
            Resource.kind.in_(WORKERS),
            Assignment.start.is_not(None),
            Assignment.finish.is_not(None),
            Assignment.start < end,
            Assignment.finish > start,
        )
    )
    demand: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for row in session.execute(query):
        if row.project_id not in project_ids:
            continue
        remaining = max(0, (row.work_minutes or 0) - (row.actual_work_minutes or 0))
        if remaining == 0:
            continue
        span = (row.finish - row.start).total_seconds()
        inside = (min(row.finish, end) - max(row.start, start)).total_seconds()
        share = 1.0 if span <= 0 else max(0.0, min(1.0, inside / span))
        demand[row.project_id][role_of(row)] += remaining * share / 60.0
    return {key: dict(value) for key, value in demand.items()}


def _capacity(database: Database, portfolio_id: int, as_of: date, months: int) -> dict[str, float]:
    """Hours the active people can give over the horizon, by role (the capacity plan's)."""
    from pmo_desktop.services.capacity import capacity_plan

    plan = capacity_plan(database, portfolio_id, as_of, months)
    return {role.role: sum(role.capacity) for role in plan.roles}
