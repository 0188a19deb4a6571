"""The what-if walk against a brute force over every subset of small random portfolios, the
moves and priorities, and the 200 projects × 10 criteria time budget (pure, no database)."""

from __future__ import annotations

import itertools
import random
import statistics
import time

import pytest

from pmo_desktop.models import CriterionKind, ProjectStatus
from pmo_desktop.services.prioritisation import (
    Candidate,
    Criterion,
    ScoreCell,
    rank,
    weighted_score,
)
from pmo_desktop.services.prioritisation_whatif import (
    Caps,
    FitRule,
    compare,
    move,
    ordered,
    priorities,
    walk,
)


def _criteria(rng: random.Random, count: int) -> list[Criterion]:
    kinds = list(CriterionKind)
    return [
        Criterion(
            id=number, version=1, code=f"C{number:02d}", name=f"Criterion {number}",
            description="", weight=rng.choice((0.0, 0.5, 1.0, 2.0, 3.0)),
            kind=kinds[number % len(kinds)], higher_is_better=rng.random() < 0.7,
        )
        for number in range(1, count + 1)
    ]  # fmt: skip


def _candidates(rng: random.Random, count: int, criteria: list[Criterion]) -> list[Candidate]:
    result = []
    for number in range(1, count + 1):
        scores = {
            c.id: ScoreCell(number * 100 + c.id, 1, rng.randint(0, 5))
            for c in criteria
            if rng.random() < 0.9
        }
        demand = {role: float(rng.randint(0, 400)) for role in ("Dev", "Ops") if rng.random() < 0.8}
        result.append(
            Candidate(
                id=number, version=1, code=f"P{number:03d}", name=f"Project {number}",
                status=ProjectStatus.PROPOSED, programme_id=None,
                budget=float(rng.randint(0, 20) * 50_000), priority=rng.randint(0, 1000),
                scores=scores, demand_by_role=demand,
            )
        )  # fmt: skip
    return result


def _fits(subset: tuple[Candidate, ...], caps: Caps) -> bool:
    budget = sum(c.budget for c in subset)
    hours = sum(c.demand(caps.role) for c in subset)
    return (caps.budget is None or budget <= caps.budget + 1e-6) and (
        caps.hours is None or hours <= caps.hours + 1e-6
    )


@pytest.mark.parametrize("seed", range(40))
def test_the_walk_equals_a_brute_force_over_every_subset(seed: int) -> None:
    rng = random.Random(seed)
    criteria = _criteria(rng, rng.randint(1, 5))
    candidates = _candidates(rng, rng.randint(1, 8), criteria)
    ranked = rank(criteria, candidates)
    order = [p.candidate for p in ranked]
    caps = Caps(
        budget=rng.choice((None, float(rng.randint(0, 30) * 50_000))),
        hours=rng.choice((None, float(rng.randint(0, 1200)))),
        role=rng.choice((None, "Dev", "Ops")),
    )
    feasible = [
        subset
        for size in range(len(order) + 1)
        for subset in itertools.combinations(order, size)
        if _fits(subset, caps)
    ]
    # Greedy by rank = the feasible set that is best in rank order: it holds the highest
    # ranked project possible, then the next highest possible alongside it, and so on.
    best = max(feasible, key=lambda subset: tuple(c in subset for c in order))
    greedy = walk(ranked, caps, FitRule.GREEDY)
    assert greedy.funded == {c.id for c in best}
    # Strict = the longest feasible head of the ranking.
    head = max((n for n in range(len(order) + 1) if _fits(tuple(order[:n]), caps)), default=0)
    strict = walk(ranked, caps, FitRule.STRICT)
    assert strict.funded == {c.id for c in order[:head]}
    assert strict.cut_off == (head if head < len(order) else None)
    assert greedy.cut_off == strict.cut_off
    assert greedy.budget_used == pytest.approx(sum(c.budget for c in best))
    assert greedy.rows[-1].cumulative_budget == pytest.approx(greedy.budget_used)


def test_the_score_is_the_weighted_mean_of_points_out_of_100() -> None:
    rng = random.Random(3)
    criteria = _criteria(rng, 4)
    total = sum(c.weight for c in criteria)
    scores = {c.id: rng.randint(0, 5) for c in criteria}
    points = sum(c.weight * (s if c.higher_is_better else 5 - s)
                 for c, s in zip(criteria, scores.values(), strict=True))  # fmt: skip
    assert weighted_score(criteria, scores) == pytest.approx(100 * points / (5 * total))
    assert weighted_score(criteria, {}) == 0
    assert weighted_score([], scores) == 0


def test_moves_orders_and_priorities() -> None:
    assert move([1, 2, 3, 4], 3, -1) == [1, 3, 2, 4]
    assert move([1, 2, 3, 4], 1, -1) == [1, 2, 3, 4]
    assert move([1, 2, 3, 4], 2, +10) == [1, 3, 4, 2]
    assert move([1, 2, 3], 9, 1) == [1, 2, 3]
    rng = random.Random(5)
    criteria = _criteria(rng, 3)
    ranked = rank(criteria, _candidates(rng, 5, criteria))
    ids = [p.id for p in ranked]
    # An order naming a project no longer ranked, and missing some: kept sensible.
    assert [p.id for p in ordered(ranked, [ids[3], 999, ids[0]])] == [
        ids[3], ids[0], ids[1], ids[2], ids[4],
    ]  # fmt: skip
    assert priorities([7, 8, 9]) == {7: 1000, 8: 667, 9: 334}
    many = priorities(list(range(1500)))
    assert many[0] == 1000 and min(many.values()) == 0
    same = walk(ranked, Caps(budget=300_000))
    assert compare(same, walk(ranked, Caps(budget=300_000), order=ids)).is_empty


def test_ranking_and_what_if_of_200_projects_and_10_criteria_within_100_ms() -> None:
    rng = random.Random(11)
    criteria = _criteria(rng, 10)
    candidates = _candidates(rng, 200, criteria)
    caps = Caps(budget=20_000_000.0, hours=15_000.0)
    timings = []
    for _ in range(7):
        started = time.perf_counter()
        ranked = rank(criteria, candidates)
        base = walk(ranked, caps, FitRule.GREEDY)
        order = move(base.order, base.order[150], -140)
        moved = walk(ranked, caps, FitRule.GREEDY, order)
        compare(base, moved)
        walk(ranked, caps, FitRule.STRICT, order)
        timings.append(time.perf_counter() - started)
    median = statistics.median(timings)
    print(f"ranking + what-if, 200 projects x 10 criteria: {median * 1000:.2f} ms")
    assert median < 0.1
