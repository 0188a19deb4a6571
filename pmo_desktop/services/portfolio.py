"""Portfolio read models: the navigation tree and the project list with status columns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import Subquery, func, select

from pmo_desktop.errors import NotFoundError
from pmo_desktop.models import (
    Method,
    Portfolio,
    Programme,
    Project,
    ProjectStatus,
    Rag,
    Risk,
    RiskStatus,
    StatusReport,
)
from pmo_desktop.storage.database import Database


@dataclass(frozen=True)
class ProjectNode:
    id: int
    code: str
    name: str
    rag: Rag | None


@dataclass(frozen=True)
class ProgrammeNode:
    """A programme and its projects; `id` is None for the projects outside any programme."""

    id: int | None
    code: str
    name: str
    projects: list[ProjectNode] = field(default_factory=list)


@dataclass(frozen=True)
class PortfolioTree:
    id: int
    name: str
    programmes: list[ProgrammeNode]


@dataclass(frozen=True)
class ProjectRow:
    """One line of the project list: identity, plan and the latest status."""

    id: int
    version: int
    code: str
    name: str
    programme: str
    method: Method
    status: ProjectStatus
    phase: str
    manager: str
    start: date | None
    finish: date | None
    budget: Decimal
    currency: str
    percent_complete: float
    rag_overall: Rag | None
    last_report: date | None
    open_risks: int
    top_risk_score: int | None


def find_project(database: Database, name: str) -> Project:
    """The project whose code or name is `name` (codes first, case-insensitive)."""
    wanted = name.strip().casefold()
    with database.session() as session:
        projects = list(session.scalars(select(Project).order_by(Project.id)))
    for attribute in ("code", "name"):
        for project in projects:
            if getattr(project, attribute).casefold() == wanted:
                return project
    raise NotFoundError(f"No project with the code or name {name!r} in {database.display}.")


def list_portfolios(database: Database) -> list[Portfolio]:
    with database.session() as session:
        return list(session.scalars(select(Portfolio).order_by(Portfolio.name)))


def _latest_reports(portfolio_id: int) -> Subquery:
    """Each project's most recent status report (its period end and overall RAG)."""
    latest = (
        select(StatusReport.project_id, func.max(StatusReport.period_end).label("period_end"))
        .join(Project, Project.id == StatusReport.project_id)
        .where(Project.portfolio_id == portfolio_id)
        .group_by(StatusReport.project_id)
        .subquery()
    )
    return (
        select(StatusReport.project_id, StatusReport.period_end, StatusReport.rag_overall)
        .join(
            latest,
            (latest.c.project_id == StatusReport.project_id)
            & (latest.c.period_end == StatusReport.period_end),
        )
        .subquery()
    )


def portfolio_tree(database: Database, portfolio_id: int) -> PortfolioTree:
    """Portfolio → programme → project, with each project's latest overall RAG."""
    with database.session() as session:
        portfolio = session.get(Portfolio, portfolio_id)
        if portfolio is None:
            raise NotFoundError(f"Portfolio {portfolio_id} does not exist.")
        programmes = session.execute(
            select(Programme.id, Programme.code, Programme.name)
            .where(Programme.portfolio_id == portfolio_id)
            .order_by(Programme.code)
        ).all()
        reports = _latest_reports(portfolio_id)
        projects = session.execute(
            select(
                Project.id, Project.programme_id, Project.code, Project.name, reports.c.rag_overall
            )
            .outerjoin(reports, reports.c.project_id == Project.id)
            .where(Project.portfolio_id == portfolio_id)
            .order_by(Project.code)
        ).all()
    nodes = {row.id: ProgrammeNode(row.id, row.code, row.name) for row in programmes}
    standalone = ProgrammeNode(None, "", "")
    for row in projects:
        node = nodes.get(row.programme_id, standalone) if row.programme_id else standalone
        node.projects.append(ProjectNode(row.id, row.code, row.name, row.rag_overall))
    children = list(nodes.values())
    if standalone.projects:
        children.append(standalone)
    return PortfolioTree(portfolio.id, portfolio.name, children)


def project_rows(database: Database, portfolio_id: int) -> list[ProjectRow]:
    """Every project of the portfolio with its latest RAG and its open-risk figures."""
    with database.session() as session:
        reports = _latest_reports(portfolio_id)
        risks = (
            select(
                Risk.project_id,
                func.count().label("open_risks"),
                func.max(Risk.score).label("top_score"),
            )
            .where(Risk.portfolio_id == portfolio_id, Risk.status == RiskStatus.OPEN)
            .group_by(Risk.project_id)
            .subquery()
        )
        rows = session.execute(
            select(
                Project,
                Programme.name.label("programme"),
                reports.c.rag_overall,
                reports.c.period_end,
                risks.c.open_risks,
                risks.c.top_score,
            )
            .outerjoin(Programme, Programme.id == Project.programme_id)
            .outerjoin(reports, reports.c.project_id == Project.id)
            .outerjoin(risks, risks.c.project_id == Project.id)
            .where(Project.portfolio_id == portfolio_id)
            .order_by(Project.code)
        ).all()
    return [
        ProjectRow(
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
            budget=project.budget,
            currency=project.currency,
            percent_complete=project.percent_complete,
            rag_overall=rag,
            last_report=period_end,
            open_risks=open_risks or 0,
            top_risk_score=top_score,
        )
        for project, programme, rag, period_end, open_risks, top_score in rows
    ]
