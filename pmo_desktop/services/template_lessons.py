"""Lessons learned that matter to a project being set up or passing a gate (issue 9 §6).

A lesson matches on the method (same method as the template or the project), on the phase
(the gate's stage), and on words shared with its category or tags (the template's risk
categories and stage names, say). Higher scores first, then the most recent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from pmo_desktop.models import Lesson, Project
from pmo_desktop.services.template_schema import Definition
from pmo_desktop.storage.database import Database

METHOD_WEIGHT, PHASE_WEIGHT, WORD_WEIGHT = 3, 2, 1


@dataclass(frozen=True)
class LessonMatch:
    id: int
    code: str
    title: str
    category: str
    phase: str
    method: str
    tags: str
    recommendation: str
    project: str
    raised_on: date | None
    score: int


def _words(text: str) -> set[str]:
    return {word for word in re.split(r"[\W_]+", text.casefold()) if len(word) > 2}


def matching_lessons(
    database: Database,
    portfolio_id: int,
    *,
    method: str = "",
    phase: str = "",
    words: Iterable[str] = (),
    limit: int = 20,
) -> list[LessonMatch]:
    """The portfolio's lessons that share the method, the phase or some words, best first."""
    wanted = set().union(*(_words(word) for word in words)) if words else set()
    with database.session() as session:
        rows = session.execute(
            select(Lesson.id, Lesson.code, Lesson.title, Lesson.category, Lesson.phase,
                   Lesson.method, Lesson.tags, Lesson.recommendation, Project.name,
                   Lesson.raised_on)
            .outerjoin(Project, Project.id == Lesson.project_id)
            .where(Lesson.portfolio_id == portfolio_id)
        ).all()  # fmt: skip
    found = []
    for row in rows:
        score = 0
        if method and row.method.casefold() == method.casefold():
            score += METHOD_WEIGHT
        if phase and row.phase.casefold() == phase.casefold():
            score += PHASE_WEIGHT
        score += WORD_WEIGHT * len(wanted & (_words(row.category) | _words(row.tags)))
        if score:
            found.append(LessonMatch(
                row.id, row.code, row.title, row.category, row.phase, row.method, row.tags,
                row.recommendation, row.name or "", row.raised_on, score,
            ))  # fmt: skip
    found.sort(key=lambda match: (-match.score, -(match.raised_on or date.min).toordinal(),
                                  match.code))  # fmt: skip
    return found[:limit]


def template_words(definition: Definition) -> list[str]:
    """What a template's lessons match on besides its method: risk categories, stage names."""
    return [risk.category for risk in definition.risks] + [s.name for s in definition.stages]


@dataclass(frozen=True)
class LessonGroup:
    """One lesson as the user reads it: the same title and recommendation recorded by several
    projects show once, with the projects it comes from ("" : a portfolio-level lesson)."""

    title: str
    recommendation: str
    projects: tuple[str, ...]
    category: str
    phase: str
    matches: tuple[LessonMatch, ...]


def group_lessons(matches: Iterable[LessonMatch]) -> list[LessonGroup]:
    """The matches grouped by title and recommendation, in the order of their best match."""
    grouped: dict[tuple[str, str], list[LessonMatch]] = {}
    for match in matches:
        grouped.setdefault((match.title, match.recommendation), []).append(match)
    return [
        LessonGroup(title, recommendation, tuple(sorted({m.project for m in found})),
                    found[0].category, found[0].phase, tuple(found))
        for (title, recommendation), found in grouped.items()
    ]  # fmt: skip
