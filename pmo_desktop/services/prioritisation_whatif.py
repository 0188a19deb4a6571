"""The what-if of the ranked portfolio: which projects a budget and a capacity cap fund.

The walk goes down the ranking (the score order, or the user's manual order) adding each
project's budget and demand hours. Two rules, because PMOs use both:
- greedy: a project that does not fit is skipped and the walk goes on, so smaller projects
  further down may still fit in what is left (funds the most within the caps);
- strict: the walk stops at the first project that does not fit; nothing below it is funded
  (respects the ranking to the letter: no lower project jumps ahead of a higher one).
The cut-off line sits above the first project that does not fit, under both rules. Pure.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from pmo_desktop.services.prioritisation import ScoredProject

#: Priorities written by "Apply ranking": the top project gets this, the others less.
TOP_PRIORITY = 1000
#: Tolerance on sums of money and hours (floating point), in units.
_EPSILON = 1e-6


class FitRule(enum.StrEnum):
    """How the walk treats a project that does not fit."""

    GREEDY = "greedy"
    STRICT = "strict"


@dataclass(frozen=True, slots=True)
class Caps:
    """The budget cap (money) and capacity cap (hours over the horizon, of one role or of
    all roles when `role` is None); None means no cap."""

    budget: float | None = None
    hours: float | None = None
    role: str | None = None


class Reason(enum.StrEnum):
    """Why a project is not funded."""

    NONE = ""
    BUDGET = "budget"
    CAPACITY = "capacity"
    BOTH = "both"
    STOPPED = "stopped"  # strict rule: below the cut-off


@dataclass(frozen=True, slots=True)
class WhatIfRow:
    """One project in the what-if order."""

    project: ScoredProject
    position: int
    #: Its place in the pure score ranking (0 = best): differs from `position` when moved.
    score_position: int
    hours: float
    fits: bool
    reason: Reason
    #: Budget and hours of the funded projects down to this row included.
    cumulative_budget: float
    cumulative_hours: float

    @property
    def moved(self) -> int:
        """Places gained (> 0) or lost (< 0) against the score ranking."""
        return self.score_position - self.position


@dataclass(frozen=True)
class WhatIf:
    rows: list[WhatIfRow]
    caps: Caps
    rule: FitRule
    #: Index of the first row that does not fit (the line is drawn above it); None if all fit.
    cut_off: int | None
    budget_used: float
    hours_used: float

    @property
    def funded(self) -> frozenset[int]:
        return frozenset(row.project.id for row in self.rows if row.fits)

    @property
    def order(self) -> list[int]:
        return [row.project.id for row in self.rows]


@dataclass(frozen=True)
class WhatIfChange:
    """What a manual order changes against the score ranking under the same caps."""

    entering: list[ScoredProject]
    leaving: list[ScoredProject]
    budget_delta: float
    hours_delta: float

    @property
    def is_empty(self) -> bool:
        return not self.entering and not self.leaving


def ordered(ranked: Sequence[ScoredProject], order: Sequence[int] | None) -> list[ScoredProject]:
    """The ranking in the manual `order` (project ids); projects it omits follow in their
    score order, ids of projects no longer ranked are ignored."""
    if not order:
        return list(ranked)
    by_id = {project.id: project for project in ranked}
    result = [by_id[project_id] for project_id in dict.fromkeys(order) if project_id in by_id]
    placed = {project.id for project in result}
    result += [project for project in ranked if project.id not in placed]
    return result


def walk(
    ranked: Sequence[ScoredProject],
    caps: Caps,
    rule: FitRule = FitRule.GREEDY,
    order: Sequence[int] | None = None,
) -> WhatIf:
    """Fund projects down the order (`ranked` is the score ranking) within the caps."""
    score_position = {project.id: index for index, project in enumerate(ranked)}
    budget_used = 0.0
    hours_used = 0.0
    cut_off: int | None = None
    rows: list[WhatIfRow] = []
    for position, project in enumerate(ordered(ranked, order)):
        budget = project.candidate.budget
        hours = project.candidate.demand(caps.role)
        over_budget = caps.budget is not None and budget_used + budget > caps.budget + _EPSILON
        over_hours = caps.hours is not None and hours_used + hours > caps.hours + _EPSILON
        if cut_off is not None and rule is FitRule.STRICT:
            reason = Reason.STOPPED
        elif over_budget and over_hours:
            reason = Reason.BOTH
        elif over_budget:
            reason = Reason.BUDGET
        elif over_hours:
            reason = Reason.CAPACITY
        else:
            reason = Reason.NONE
        fits = reason is Reason.NONE
        if fits:
            budget_used += budget
            hours_used += hours
        elif cut_off is None:
            cut_off = position
        rows.append(
            WhatIfRow(
                project,
                position,
                score_position[project.id],
                hours,
                fits,
                reason,
                budget_used,
                hours_used,
            )
        )
    return WhatIf(rows, caps, rule, cut_off, budget_used, hours_used)


def compare(before: WhatIf, after: WhatIf) -> WhatIfChange:
    """Projects entering and leaving the funded set, and the change in budget and hours."""
    entering = [
        row.project for row in after.rows if row.fits and row.project.id not in before.funded
    ]
    leaving = [
        row.project for row in before.rows if row.fits and row.project.id not in after.funded
    ]
    return WhatIfChange(
        entering,
        leaving,
        after.budget_used - before.budget_used,
        after.hours_used - before.hours_used,
    )


def move(order: Sequence[int], project_id: int, offset: int) -> list[int]:
    """`order` with `project_id` moved `offset` places (negative: up), kept in range."""
    result = list(order)
    if project_id not in result:
        return result
    index = result.index(project_id)
    target = max(0, min(len(result) - 1, index + offset))
    result.insert(target, result.pop(index))
    return result


def priorities(order: Sequence[int]) -> dict[int, int]:
    """Project priorities (0–1000) that keep `order`: 1000 for the first, evenly lower
    after it; never below 0 and strictly decreasing while the range allows."""
    count = len(order)
    if count == 0:
        return {}
    step = max(1, TOP_PRIORITY // count)
    return {
        project_id: max(0, TOP_PRIORITY - index * step) for index, project_id in enumerate(order)
    }
