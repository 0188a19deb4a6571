"""Risks, decisions and issues of the board pack, read in one query each.

Threats only: an open opportunity is neither a "top risk" nor counted in a heat map.
Portfolio-level entries (no project) belong to the portfolio's sections, not to a page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from pmo_desktop.models import (
    AuditAction,
    AuditEntry,
    Decision,
    DecisionStatus,
    Issue,
    IssueStatus,
    Priority,
    Project,
    Risk,
    RiskStatus,
)
from pmo_desktop.reports.data import DecisionLine, HeatCounts, IssueLine, RiskLine, Trend
from pmo_desktop.services.board_pack_read import Selection
from pmo_desktop.services.risks import previous_scores, trend_of

_OPEN_ISSUES = (IssueStatus.OPEN, IssueStatus.IN_PROGRESS)
_URGENT = (Priority.HIGH, Priority.CRITICAL)
_PRIORITY_RANK = {Priority.CRITICAL: 0, Priority.HIGH: 1, Priority.MEDIUM: 2, Priority.LOW: 3}


@dataclass(frozen=True)
class RaidData:
    """Open threats, pending decisions and open issues, each with its project id (None for
    portfolio-level entries), in print order."""

    risks: tuple[tuple[int | None, RiskLine], ...]
    decisions: tuple[tuple[int | None, DecisionLine], ...]
    issues: tuple[tuple[int | None, IssueLine], ...]


def _of_selection(column: object, selection: Selection) -> object:
    return or_(selection.restrict(column), column.is_(None))  # type: ignore[attr-defined]


def risk_order(line: RiskLine) -> tuple[object, ...]:
    """Score descending, then the nearest proximity (none last), then code."""
    return (-line.score, line.proximity is None, line.proximity or date.max, line.code)


def read_raid(session: Session, selection: Selection, period_start: date) -> RaidData:
    """The RAID entries of the selected projects and of the portfolio itself."""
    names = {
        row.id: (row.code, row.name)
        for row in session.execute(
            select(Project.id, Project.code, Project.name).where(selection.restrict(Project.id))
        )
    }
    blank = ("", "")
    found: list[tuple[int, int | None, RiskLine]] = []
    for risk in session.scalars(
        select(Risk).where(
            Risk.portfolio_id == selection.portfolio_id,
            Risk.status == RiskStatus.OPEN,
            Risk.opportunity.is_(False),
            _of_selection(Risk.project_id, selection),
        )
    ):
        code, name = names.get(risk.project_id, blank) if risk.project_id else blank
        found.append(
            (
                risk.id,
                risk.project_id,
                RiskLine(
                    code=risk.code,
                    title=risk.title,
                    project_code=code,
                    project_name=name,
                    owner=risk.owner,
                    category=risk.category,
                    probability=risk.probability,
                    impact=risk.impact,
                    score=risk.score,
                    residual_probability=risk.residual_probability,
                    residual_impact=risk.residual_impact,
                    residual_score=risk.residual_score,
                    response=str(risk.response),
                    response_plan=risk.response_plan,
                    proximity=risk.proximity,
                    trend=Trend.NEW,
                ),
            )
        )
    trends = risk_trends(session, {risk_id: line.score for risk_id, _, line in found}, period_start)
    risks = [
        (project_id, replace(line, trend=trends[risk_id]) if risk_id in trends else line)
        for risk_id, project_id, line in found
    ]
    risks.sort(key=lambda item: risk_order(item[1]))
    decisions = [
        (
            row.project_id,
            DecisionLine(
                code=row.code,
                title=row.title,
                project_code=names.get(row.project_id, blank)[0],
                project_name=names.get(row.project_id, blank)[1],
                owner=row.owner,
                needed_by=row.needed_by,
                status=str(row.status),
                description=row.description,
            ),
        )
        for row in session.scalars(
            select(Decision).where(
                Decision.portfolio_id == selection.portfolio_id,
                Decision.status == DecisionStatus.PENDING,
                _of_selection(Decision.project_id, selection),
            )
        )
    ]
    decisions.sort(
        key=lambda item: (item[1].needed_by is None, item[1].needed_by or date.max, item[1].code)
    )
    issues = [
        (
            row.project_id,
            IssueLine(
                code=row.code,
                title=row.title,
                project_code=names.get(row.project_id, blank)[0],
                project_name=names.get(row.project_id, blank)[1],
                owner=row.owner,
                priority=str(row.priority),
                status=str(row.status),
                due=row.due_date,
                escalated=row.escalated,
            ),
        )
        for row in session.scalars(
            select(Issue).where(
                Issue.portfolio_id == selection.portfolio_id,
                Issue.status.in_(_OPEN_ISSUES),
                or_(Issue.escalated.is_(True), Issue.priority.in_(_URGENT)),
                _of_selection(Issue.project_id, selection),
            )
        )
    ]
    issues.sort(key=lambda item: issue_order(item[1]))
    return RaidData(tuple(risks), tuple(decisions), tuple(issues))


def issue_order(line: IssueLine) -> tuple[object, ...]:
    """Escalated first, then by priority, the nearest due date (none last), code."""
    return (
        not line.escalated,
        _PRIORITY_RANK.get(Priority(line.priority), 9),
        line.due is None,
        line.due or date.max,
        line.code,
    )


def risk_trends(session: Session, scores: dict[int, int], period_start: date) -> dict[int, Trend]:
    """Each risk's score against its score when the previous status period closed: the
    register's rule (`services.risks.previous_scores`: the latest assessment before the
    period starts), else the audit trail; risks without either (or raised since) stay new."""
    if not scores:
        return {}
    previous = previous_scores(session, period_start, scores)
    trends = {risk_id: trend_of(scores[risk_id], score) for risk_id, score in previous.items()}
    rest = {risk_id: score for risk_id, score in scores.items() if risk_id not in previous}
    return trends | _audit_trends(session, rest, period_start) if rest else trends


def _audit_trends(session: Session, scores: dict[int, int], period_start: date) -> dict[int, Trend]:
    """Trends from the audit trail, for risks without assessment history."""
    moment = datetime.combine(period_start, time(), tzinfo=UTC)
    history: dict[int, list[AuditEntry]] = {}
    for entry in session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity == Risk.__tablename__)
        .order_by(AuditEntry.entity_id, AuditEntry.at, AuditEntry.id)
    ):
        if entry.entity_id in scores:
            history.setdefault(entry.entity_id, []).append(entry)
    trends: dict[int, Trend] = {}
    for risk_id, entries in history.items():
        previous = _score_at(entries, moment)
        current = scores[risk_id]
        if previous is None:
            continue
        trends[risk_id] = (
            Trend.SAME
            if current == previous
            else Trend.WORSE
            if current > previous
            else Trend.BETTER
        )
    return trends


def _score_at(entries: Sequence[AuditEntry], moment: datetime) -> int | None:
    """The score at `moment`: the last one recorded before it, else the one the first later
    change started from (None if the risk did not exist then, or no entry says)."""
    for entry in reversed([entry for entry in entries if entry.at < moment]):
        if entry.action is AuditAction.DELETE:
            return None
        score = (entry.after or {}).get("score")
        if isinstance(score, int):
            return score
    for entry in entries:
        if entry.at < moment:
            continue
        if entry.action is AuditAction.INSERT:
            return None
        score = (entry.before or {}).get("score")
        if isinstance(score, int):
            return score
    return None


def heat_counts(cells: Iterable[tuple[int | None, int | None]]) -> HeatCounts:
    """5 × 5 counts, `[probability - 1][impact - 1]`, of the (probability, impact) pairs."""
    grid = [[0] * 5 for _ in range(5)]
    for probability, impact in cells:
        if probability is not None and impact is not None:
            grid[probability - 1][impact - 1] += 1
    return tuple(tuple(row) for row in grid)


def inherent_cells(lines: Iterable[RiskLine]) -> list[tuple[int | None, int | None]]:
    return [(line.probability, line.impact) for line in lines]


def residual_cells(lines: Iterable[RiskLine]) -> list[tuple[int | None, int | None]]:
    """Residual rating where rated; an unrated risk stays where its inherent rating puts it."""
    return [
        (line.residual_probability, line.residual_impact)
        if line.residual_probability is not None and line.residual_impact is not None
        else (line.probability, line.impact)
        for line in lines
    ]
