"""Risk rules: the score follows the portfolio's score rule (probability × worst impact by
default, services/portfolio_rules.py), kept right on every save; every
change of a rating is recorded in the risk's history (one assessment per day), which gives
the score trend against the previous status period; escalation and links to tasks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, object_session

from pmo_desktop.errors import NotFoundError, ValidationError
from pmo_desktop.models import (
    Entity,
    Project,
    Risk,
    RiskAssessment,
    RiskLevel,
    RiskStatus,
    RiskTaskLink,
    Task,
)
from pmo_desktop.reports.data import Trend
from pmo_desktop.services.commands import (
    Command,
    CompositeCommand,
    CreateRow,
    DeleteRow,
    UpdateFields,
)
from pmo_desktop.services.crud import register_normaliser
from pmo_desktop.services.portfolio_rules import RiskScoreRule, impacts_of, score_rule_of
from pmo_desktop.storage.database import Database

#: What a risk's history records; a change of any of these records today's assessment.
ASSESSED_FIELDS = frozenset(
    {
        "probability", "impact_schedule", "impact_cost", "impact_scope", "impact_quality",
        "residual_probability", "residual_impact", "status",
    }
)  # fmt: skip
TREND_ARROWS = {Trend.WORSE: "▲", Trend.BETTER: "▼", Trend.SAME: "►", Trend.NEW: ""}


def rate(risk: Risk) -> None:
    """Derive the score (by the portfolio's score rule) and the residual score from their
    ratings. The rule is read once per session; a risk not yet in a session is rated by
    the default rule here and again by its portfolio's as it is inserted."""
    session = object_session(risk)
    if session is not None and risk.portfolio_id is not None:
        rule = score_rule_of(session, risk.portfolio_id)
    else:
        rule = RiskScoreRule()
    risk.score = rule.score(risk.probability, impacts_of(risk))
    if risk.residual_probability is not None and risk.residual_impact is not None:
        risk.residual_score = risk.residual_probability * risk.residual_impact
    else:
        risk.residual_score = None


register_normaliser(Risk, rate)


@event.listens_for(Risk, "before_insert")
def _rate_on_insert(_mapper: object, _connection: object, risk: Risk) -> None:
    """A new risk rated by the default rule (crud.create rates it before it has a session)
    takes its portfolio's rule; a score a caller set otherwise is left as given."""
    impacts = impacts_of(risk)
    if risk.probability is None or None in impacts or risk.portfolio_id is None:
        return
    session = object_session(risk)
    if session is not None and risk.score == RiskScoreRule().score(risk.probability, impacts):
        risk.score = score_rule_of(session, risk.portfolio_id).score(risk.probability, impacts)


# History and trends.


def period_start(as_of: date) -> date:
    """The first day of the reporting period of `as_of`: its calendar month, as the board
    pack's (status reports are monthly)."""
    return as_of.replace(day=1)


def trend_of(current: int, previous: int | None) -> Trend:
    """A score against the one the previous period closed with (None: no history then)."""
    if previous is None:
        return Trend.NEW
    if current == previous:
        return Trend.SAME
    return Trend.WORSE if current > previous else Trend.BETTER


def previous_scores(
    session: Session, as_of: date, risk_ids: Iterable[int] | None = None, *, portfolio_id: int = 0
) -> dict[int, int]:
    """Each risk's score at the end of the previous status period: its latest assessment
    dated before the current period starts (risks without one are left out).

    Pass the risk ids, or `portfolio_id` for every risk of a portfolio (one query)."""
    start = period_start(as_of)
    latest = select(
        RiskAssessment.risk_id, func.max(RiskAssessment.assessed_on).label("day")
    ).where(RiskAssessment.assessed_on < start)
    if risk_ids is not None:
        wanted = list(risk_ids)
        if not wanted:
            return {}
        if len(wanted) <= 900:
            latest = latest.where(RiskAssessment.risk_id.in_(wanted))
    else:
        latest = latest.join(Risk, Risk.id == RiskAssessment.risk_id).where(
            Risk.portfolio_id == portfolio_id
        )
    ranked = latest.group_by(RiskAssessment.risk_id).subquery()
    query = select(RiskAssessment.risk_id, RiskAssessment.score).join(
        ranked,
        (ranked.c.risk_id == RiskAssessment.risk_id) & (ranked.c.day == RiskAssessment.assessed_on),
    )
    found = {risk_id: score for risk_id, score in session.execute(query)}
    if risk_ids is not None:
        keep = set(wanted)
        found = {key: value for key, value in found.items() if key in keep}
    return found


@dataclass(frozen=True, slots=True)
class AssessmentRow:
    """One day of a risk's history."""

    assessed_on: date
    probability: int
    impact: int
    score: int
    residual_score: int | None
    status: RiskStatus
    assessed_by: str


def history(database: Database, risk_id: int) -> tuple[AssessmentRow, ...]:
    """The risk's assessments, newest first."""
    with database.session() as session:
        rows = session.execute(
            select(
                RiskAssessment.assessed_on, RiskAssessment.probability, RiskAssessment.impact,
                RiskAssessment.score, RiskAssessment.residual_score, RiskAssessment.status,
                RiskAssessment.assessed_by,
            )
            .where(RiskAssessment.risk_id == risk_id)
            .order_by(RiskAssessment.assessed_on.desc())
        ).all()  # fmt: skip
    return tuple(AssessmentRow(*row) for row in rows)


_KEPT = ("probability", "impact", "score", "residual_score", "status", "assessed_by")


@dataclass
class RecordAssessment:
    """Record (or replace) the risk's assessment of `assessed_on` from its current rating;
    undo deletes it, or puts back the one of the same day it replaced.

    `source`: the command creating the risk, when the id is known only once it ran."""

    risk_id: int | None
    assessed_on: date
    assessed_by: str = ""
    source: CreateRow | None = None
    text: str = ""
    _replaced: dict[str, Any] | None = field(default=None, repr=False)

    def _risk(self) -> int:
        if self.risk_id is None and self.source is not None:
            self.risk_id = self.source.entity_id
        if self.risk_id is None:
            raise ValidationError("The risk to assess does not exist yet.")
        return self.risk_id

    def apply(self, database: Database) -> None:
        risk_id = self._risk()
        with database.write_session() as session:
            risk = session.get(Risk, risk_id)
            if risk is None:
                raise NotFoundError(f"Risk {risk_id} does not exist (any more).")
            values = {
                "probability": risk.probability, "impact": risk.impact, "score": risk.score,
                "residual_score": risk.residual_score, "status": risk.status,
                "assessed_by": self.assessed_by,
            }  # fmt: skip
            found = session.scalars(
                select(RiskAssessment).where(
                    RiskAssessment.risk_id == risk_id,
                    RiskAssessment.assessed_on == self.assessed_on,
                )
            ).first()
            if found is None:
                self._replaced = None
                session.add(RiskAssessment(risk_id=risk_id, assessed_on=self.assessed_on, **values))
            else:
                self._replaced = {name: getattr(found, name) for name in _KEPT}
                for name, value in values.items():
                    setattr(found, name, value)

    def revert(self, database: Database) -> None:
        risk_id = self._risk()
        with database.write_session() as session:
            found = session.scalars(
                select(RiskAssessment).where(
                    RiskAssessment.risk_id == risk_id,
                    RiskAssessment.assessed_on == self.assessed_on,
                )
            ).first()
            if found is None:
                return
            if self._replaced is None:
                session.delete(found)
            else:
                for name, value in self._replaced.items():
                    setattr(found, name, value)

    def merge(self, other: Command) -> bool:
        return False

    def touched(self) -> set[type[Entity]]:
        return {RiskAssessment}


def assessed(command: Any, as_of: date, by: str = "") -> Command:
    """`command` (a risk's creation or an edit of it) with today's assessment, as one undo
    step; an edit that changes no rating stays as it is."""
    if isinstance(command, CreateRow) and command.model is Risk:
        record = RecordAssessment(None, as_of, by, source=command)
    elif getattr(command, "model", None) is Risk and ASSESSED_FIELDS & set(command.after):
        record = RecordAssessment(command.entity_id, as_of, by)
    else:
        return command  # type: ignore[no-any-return]
    return CompositeCommand([command, record], command.text)


# Escalation.


def escalate(
    database: Database,
    risk_id: int,
    level: RiskLevel | str,
    note: str,
    on: date,
    *,
    text: str = "",
) -> Command:
    """Raise a project risk to its programme or to the portfolio, with a note (undoable)."""
    level = RiskLevel(level)
    if level is RiskLevel.PROJECT:
        raise ValidationError("Escalate a risk to its programme or to the portfolio.")
    note = note.strip()
    if not note:
        raise ValidationError("Say why the risk is escalated (a note for the new owner).")
    with database.session() as session:
        risk = session.get(Risk, risk_id)
        if risk is None:
            raise NotFoundError(f"Risk {risk_id} does not exist (any more).")
        programme_id = None
        if risk.project_id is not None:
            programme_id = session.scalar(
                select(Project.programme_id).where(Project.id == risk.project_id)
            )
        if level is RiskLevel.PROGRAMME and programme_id is None:
            raise ValidationError(f"Risk {risk.code} has no programme to escalate to.")
        changes = {
            "level": level, "programme_id": programme_id, "escalated_on": on,
            "escalation_note": note,
        }  # fmt: skip
        return _update(risk, changes, text or f"Escalate risk {risk.code}")


def de_escalate(database: Database, risk_id: int, *, text: str = "") -> Command:
    """Hand an escalated risk back to its project (undoable); the note stays as history."""
    with database.session() as session:
        risk = session.get(Risk, risk_id)
        if risk is None:
            raise NotFoundError(f"Risk {risk_id} does not exist (any more).")
        if risk.level is RiskLevel.PROJECT:
            raise ValidationError(f"Risk {risk.code} is not escalated.")
        if risk.project_id is None:
            raise ValidationError(f"Risk {risk.code} has no project to hand it back to.")
        changes = {"level": RiskLevel.PROJECT, "programme_id": None, "escalated_on": None}
        return _update(risk, changes, text or f"De-escalate risk {risk.code}")


def _update(risk: Risk, changes: dict[str, Any], text: str) -> Command:
    before = {name: getattr(risk, name) for name in changes}
    return UpdateFields(Risk, risk.id, risk.version, before, changes, text)


# Links to tasks.


@dataclass(frozen=True, slots=True)
class LinkedTask:
    """A task a risk is linked to."""

    link_id: int
    link_version: int
    task_id: int
    project_id: int
    wbs: str
    name: str


def linked_tasks(database: Database, risk_id: int) -> tuple[LinkedTask, ...]:
    """The tasks the risk is linked to, in WBS order."""
    with database.session() as session:
        rows = session.execute(
            select(
                RiskTaskLink.id, RiskTaskLink.version, Task.id, Task.project_id, Task.wbs,
                Task.name,
            )
            .join(Task, Task.id == RiskTaskLink.task_id)
            .where(RiskTaskLink.risk_id == risk_id)
            .order_by(Task.wbs, Task.id)
        ).all()  # fmt: skip
    return tuple(LinkedTask(*row) for row in rows)


def project_tasks(database: Database, project_id: int) -> list[tuple[int, str, str]]:
    """(id, WBS code, name) of the project's tasks, in outline order (the picker's list)."""
    with database.session() as session:
        rows = session.execute(
            select(Task.id, Task.wbs, Task.name)
            .where(Task.project_id == project_id)
            .order_by(Task.wbs, Task.id)
        ).all()
    return [(task_id, wbs or "", name) for task_id, wbs, name in rows]


def link_task(database: Database, risk_id: int, task_id: int, *, text: str = "") -> CreateRow:
    """Link the risk to a task of its own project (undoable)."""
    with database.session() as session:
        risk = session.get(Risk, risk_id)
        task = session.get(Task, task_id)
        if risk is None or task is None:
            raise NotFoundError("The risk or the task does not exist (any more).")
        if risk.project_id != task.project_id:
            raise ValidationError("A risk can only be linked to tasks of its own project.")
        taken = session.scalar(
            select(RiskTaskLink.id).where(
                RiskTaskLink.risk_id == risk_id, RiskTaskLink.task_id == task_id
            )
        )
        if taken is not None:
            raise ValidationError(f"Risk {risk.code} is already linked to “{task.name}”.")
        values = {"risk_id": risk_id, "task_id": task_id}
        return CreateRow(RiskTaskLink, values, text or f"Link {risk.code} to {task.name}")


def unlink_task(link: LinkedTask, *, text: str = "") -> DeleteRow:
    """Remove a link between a risk and a task (undoable)."""
    return DeleteRow(RiskTaskLink, link.link_id, link.link_version, text or f"Unlink {link.name}")


def escalation_note(database: Database, risk_id: int) -> str:
    """Why the risk was escalated (kept after it is handed back)."""
    with database.session() as session:
        return session.scalar(select(Risk.escalation_note).where(Risk.id == risk_id)) or ""
