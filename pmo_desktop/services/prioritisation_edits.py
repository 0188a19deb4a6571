"""Undoable edits of the scoring model and of the projects' scores and priorities
(`services.commands`: each knows its inverse; the GUI puts them on the undo stack)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select

from pmo_desktop.errors import ValidationError
from pmo_desktop.models import CriterionKind, Project, ProjectObjectiveScore, StrategicObjective
from pmo_desktop.services.commands import (
    Command,
    CompositeCommand,
    CreateRow,
    DeleteRow,
    UpdateFields,
)
from pmo_desktop.services.prioritisation import (
    LOWER_IS_BETTER_KINDS,
    MAX_SCORE,
    Candidate,
    Criterion,
)
from pmo_desktop.services.prioritisation_whatif import priorities
from pmo_desktop.storage.database import Database

_EDITABLE = ("code", "name", "description", "weight", "kind", "higher_is_better")
MAX_PRIORITY = 1000


def _weight(value: Any) -> float:
    try:
        weight = float(value)
    except (TypeError, ValueError):
        raise ValidationError("A weight is a number.") from None
    if not math.isfinite(weight) or weight < 0:
        raise ValidationError("A weight cannot be negative.")
    return weight


def _code(value: Any) -> str:
    code = str(value).strip()
    if not code:
        raise ValidationError("A criterion needs a code.")
    if len(code) > 40:
        raise ValidationError("A criterion code has at most 40 characters.")
    return code


def _check_unique_code(
    database: Database, portfolio_id: int, code: str, criterion_id: int | None
) -> None:
    with database.session() as session:
        query = select(func.count()).where(
            StrategicObjective.portfolio_id == portfolio_id,
            func.lower(StrategicObjective.code) == code.lower(),
        )
        if criterion_id is not None:
            query = query.where(StrategicObjective.id != criterion_id)
        if session.scalar(query):
            raise ValidationError(f"Another criterion already has the code {code}.")


def next_code(database: Database, portfolio_id: int, prefix: str = "C") -> str:
    """A free criterion code: C-1, C-2, …"""
    with database.session() as session:
        taken = {
            code.lower()
            for code in session.scalars(
                select(StrategicObjective.code).where(
                    StrategicObjective.portfolio_id == portfolio_id
                )
            )
        }
    number = 1
    while f"{prefix}-{number}".lower() in taken:
        number += 1
    return f"{prefix}-{number}"


def add_criterion(
    database: Database,
    portfolio_id: int,
    code: str,
    name: str,
    *,
    kind: CriterionKind = CriterionKind.OBJECTIVE,
    weight: float = 1.0,
    higher_is_better: bool | None = None,
    description: str = "",
    text: str = "",
) -> CreateRow:
    """A new criterion; risk and cost count lower scores as better unless told otherwise."""
    code = _code(code)
    name = name.strip()
    if not name:
        raise ValidationError("A criterion needs a name.")
    _check_unique_code(database, portfolio_id, code, None)
    kind = CriterionKind(kind)
    if higher_is_better is None:
        higher_is_better = kind not in LOWER_IS_BETTER_KINDS
    values = {
        "portfolio_id": portfolio_id,
        "code": code,
        "name": name,
        "description": description,
        "weight": _weight(weight),
        "kind": kind,
        "higher_is_better": bool(higher_is_better),
    }
    return CreateRow(StrategicObjective, values, text or f"Add criterion {code}")


def edit_criterion(
    database: Database,
    portfolio_id: int,
    criterion: Criterion,
    changes: Mapping[str, Any],
    *,
    text: str = "",
    merge_key: str = "",
) -> UpdateFields:
    """Change a criterion's code, name, description, weight, kind or direction."""
    unknown = set(changes) - set(_EDITABLE)
    if unknown:
        raise ValidationError(f"A criterion has no field {', '.join(sorted(unknown))}.")
    cleaned: dict[str, Any] = {}
    for name, value in changes.items():
        if name == "code":
            value = _code(value)
            if value != criterion.code:
                _check_unique_code(database, portfolio_id, value, criterion.id)
        elif name == "name":
            value = str(value).strip()
            if not value:
                raise ValidationError("A criterion needs a name.")
        elif name == "weight":
            value = _weight(value)
        elif name == "kind":
            value = CriterionKind(value)
        elif name == "higher_is_better":
            value = bool(value)
        if getattr(criterion, name) != value:
            cleaned[name] = value
    before = {name: getattr(criterion, name) for name in cleaned}
    return UpdateFields(
        StrategicObjective,
        criterion.id,
        criterion.version,
        before,
        cleaned,
        text or f"Edit criterion {criterion.code}",
        merge_key,
    )


def remove_criterion(criterion: Criterion, text: str = "") -> DeleteRow:
    """Delete a criterion and every project's score on it (undo brings them all back)."""
    return DeleteRow(
        StrategicObjective,
        criterion.id,
        criterion.version,
        text or f"Remove criterion {criterion.code}",
        children=((ProjectObjectiveScore, "objective_id"),),
    )


def set_score(
    candidate: Candidate, criterion: Criterion, score: int | None, text: str = ""
) -> Command | None:
    """Score a project on a criterion (0–5), or clear the score (None: a gap again);
    None when nothing changes."""
    if score is not None and not 0 <= int(score) <= MAX_SCORE:
        raise ValidationError(f"A score goes from 0 to {MAX_SCORE}.")
    cell = candidate.scores.get(criterion.id)
    label = text or f"Score {candidate.code} on {criterion.code}"
    if cell is None:
        if score is None:
            return None
        values = {"project_id": candidate.id, "objective_id": criterion.id, "score": int(score)}
        return CreateRow(ProjectObjectiveScore, values, label)
    if score is None:
        return DeleteRow(ProjectObjectiveScore, cell.id, cell.version, label)
    if cell.score == int(score):
        return None
    return UpdateFields(
        ProjectObjectiveScore,
        cell.id,
        cell.version,
        {"score": cell.score},
        {"score": int(score)},
        label,
    )


def set_scores(
    candidate: Candidate,
    scores: Mapping[int, int | None],
    criteria: list[Criterion],
    text: str = "",
) -> Command | None:
    """Several scores of one project as one undo step; None when nothing changes."""
    by_id = {criterion.id: criterion for criterion in criteria}
    commands = [
        command
        for criterion_id, score in scores.items()
        if criterion_id in by_id
        and (command := set_score(candidate, by_id[criterion_id], score)) is not None
    ]
    if not commands:
        return None
    if len(commands) == 1 and not text:
        return commands[0]
    return CompositeCommand(commands, text or f"Score {candidate.code}")


def apply_priorities(
    candidates: list[Candidate], order: list[int], text: str = ""
) -> CompositeCommand | None:
    """Write the order as project priorities (1000 for the first, lower after), one undo
    step; only projects whose priority changes are written. None when none changes."""
    by_id = {candidate.id: candidate for candidate in candidates}
    commands: list[Command] = []
    for project_id, priority in priorities(order).items():
        candidate = by_id.get(project_id)
        if candidate is None or candidate.priority == priority:
            continue
        commands.append(
            UpdateFields(
                Project,
                candidate.id,
                candidate.version,
                {"priority": candidate.priority},
                {"priority": min(MAX_PRIORITY, priority)},
                f"Priority of {candidate.code}",
            )
        )
    if not commands:
        return None
    return CompositeCommand(commands, text or "Apply ranking as priorities")
