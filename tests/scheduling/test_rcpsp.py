"""The RCPSP solver on small hand-made problems whose optimum is known."""

from __future__ import annotations

import itertools
import time

import pytest

from pmo_desktop.scheduling.rcpsp import (
    RcpspProblem,
    check_feasible,
    critical_path_bound,
    lower_bound,
    solve,
)


def _brute_force_optimum(problem: RcpspProblem) -> int:
    """Optimal makespan by serial SGS over every activity order (active schedules suffice)."""
    from pmo_desktop.scheduling.rcpsp import _Engine

    engine = _Engine(problem)
    best = None
    for order in itertools.permutations(range(len(problem.durations))):
        position = {j: i for i, j in enumerate(order)}
        if any(position[s] < position[j] for j in order for s in problem.successors[j]):
            continue
        makespan = engine.makespan(engine.sgs(list(order), engine.pred, engine.release))
        best = makespan if best is None else min(best, makespan)
    assert best is not None
    return best


def _problem(
    durations: list[int],
    successors: list[list[int]],
    capacities: list[int],
    demands: list[list[int]],
    **kwargs: list[int],
) -> RcpspProblem:
    return RcpspProblem(durations, successors, capacities, demands, **kwargs)


# A classic trap for greedy rules: the long job should wait for the two short ones.
TRAP = _problem(
    durations=[0, 3, 3, 6, 2, 2, 0],
    successors=[[1, 2, 3], [4], [5], [6], [6], [6], []],
    capacities=[2],
    demands=[[0], [1], [1], [1], [1], [1], [0]],
)

# Two resources, seven real jobs, a precedence chain across them.
MIXED = _problem(
    durations=[0, 4, 3, 2, 5, 2, 3, 4, 0],
    successors=[[1, 2, 3], [4, 5], [5, 6], [7], [8], [8], [8], [8], []],
    capacities=[4, 3],
    demands=[[0, 0], [2, 1], [3, 0], [1, 2], [2, 2], [2, 1], [1, 3], [3, 1], [0, 0]],
)

# Release dates: job 2 cannot start before period 5.
RELEASED = _problem(
    durations=[3, 2, 4, 3],
    successors=[[3], [3], [], []],
    capacities=[1],
    demands=[[1], [1], [1], [0]],
    release=[0, 0, 5, 0],
)


@pytest.mark.parametrize("problem", [TRAP, MIXED, RELEASED], ids=["trap", "mixed", "released"])
def test_finds_the_optimum_of_small_problems(problem: RcpspProblem) -> None:
    optimum = _brute_force_optimum(problem)
    solution = solve(problem, time_limit=5.0, max_schedules=3000, seed=1)
    assert check_feasible(problem, solution.starts) == []
    assert solution.makespan == optimum
    assert solution.makespan == max(
        s + d for s, d in zip(solution.starts, problem.durations, strict=True)
    )


def test_known_optimum_of_the_trap() -> None:
    solution = solve(TRAP, time_limit=5.0, max_schedules=2000)
    assert solution.makespan == 8
    assert critical_path_bound(TRAP) == 6
    assert lower_bound(TRAP) == 8


def test_unlimited_resources_give_the_critical_path() -> None:
    problem = _problem(
        durations=[2, 3, 4, 1],
        successors=[[1, 2], [3], [3], []],
        capacities=[10],
        demands=[[1], [1], [1], [1]],
    )
    solution = solve(problem)
    assert solution.makespan == critical_path_bound(problem) == 7
    assert solution.starts == [0, 2, 2, 6]


def test_empty_problem() -> None:
    solution = solve(RcpspProblem([], [], [3], []))
    assert solution.starts == [] and solution.makespan == 0


def test_demand_above_capacity_is_a_clear_error() -> None:
    problem = _problem(
        durations=[2, 3], successors=[[1], []], capacities=[4, 2], demands=[[1, 1], [1, 3]]
    )
    with pytest.raises(ValueError, match=r"activity 1 needs 3 units of resource 1 but only 2"):
        solve(problem)


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        (_problem([1, 1], [[1], [0]], [1], [[1], [1]]), "cycle"),
        (_problem([1, 1], [[5], []], [1], [[1], [1]]), "invalid successor"),
        (_problem([1, -1], [[], []], [1], [[1], [1]]), "negative duration"),
        (_problem([1, 1], [[], []], [1], [[1], [1, 0]]), "demands for 1 resources"),
        (_problem([1, 1], [[], []], [1], [[1], [1]], release=[0]), "release"),
    ],
)
def test_malformed_problems_are_rejected(problem: RcpspProblem, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        solve(problem)


def test_feasibility_checker_catches_violations() -> None:
    assert check_feasible(TRAP, [0, 0, 0, 3, 6, 6, 8]) != []
    good = solve(TRAP).starts
    assert check_feasible(TRAP, good) == []

    overlap = [0, 0, 0, 0, 3, 3, 6]
    errors = check_feasible(TRAP, overlap)
    assert any("resource 0 uses 3 > capacity 2" in e for e in errors)

    early = list(good)
    early[4] = 0
    assert any("before its predecessor 1" in e for e in check_feasible(TRAP, early))

    assert any("before its release 5" in e for e in check_feasible(RELEASED, [0, 3, 4, 8]))
    assert check_feasible(TRAP, [0, 1]) == ["2 start times for 7 activities"]


def _random_problem(seed: int, n: int = 40) -> RcpspProblem:
    import random

    rng = random.Random(seed)
    successors: list[list[int]] = [[] for _ in range(n)]
    for j in range(n - 1):
        for s in rng.sample(range(j + 1, n), k=min(2, n - j - 1)):
            successors[j].append(s)
    durations = [rng.randint(1, 9) for _ in range(n)]
    demands = [[rng.randint(0, 5) for _ in range(3)] for _ in range(n)]
    return RcpspProblem(durations, successors, [6, 7, 5], demands)


def test_deterministic_for_a_seed_and_schedule_budget() -> None:
    problem = _random_problem(7)
    runs = [solve(problem, time_limit=60.0, max_schedules=1500, seed=3) for _ in range(2)]
    assert runs[0].starts == runs[1].starts
    assert runs[0].schedules_evaluated == runs[1].schedules_evaluated
    assert runs[0].schedules_evaluated <= 1500 + 2


def test_cancellation_returns_a_feasible_best_so_far() -> None:
    problem = _random_problem(11)
    seen: list[tuple[int, int]] = []
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls > 20

    solution = solve(
        problem, time_limit=60.0, progress=lambda *a: seen.append(a), cancelled=cancelled
    )
    assert check_feasible(problem, solution.starts) == []
    assert solution.seconds < 5
    assert seen and seen[-1][0] == solution.makespan
    assert all(later[0] <= earlier[0] for earlier, later in itertools.pairwise(seen))


def test_never_worse_than_the_lft_rule_even_without_budget() -> None:
    problem = _random_problem(5)
    rule_only = solve(problem, time_limit=0.0)
    assert check_feasible(problem, rule_only.starts) == []
    assert solve(problem, time_limit=0.5).makespan <= rule_only.makespan


def test_time_limit_is_respected() -> None:
    problem = _random_problem(13, n=120)
    t0 = time.perf_counter()
    solution = solve(problem, time_limit=0.3)
    elapsed = time.perf_counter() - t0
    assert elapsed < 0.3 + 2.0  # the limit holds (a loaded machine adds its own delays)
    assert solution.seconds <= elapsed
    assert check_feasible(problem, solution.starts) == []


def test_priorities_break_ties_of_the_initial_rule() -> None:
    problem = _problem(
        durations=[2, 2],
        successors=[[], []],
        capacities=[1],
        demands=[[1], [1]],
        priorities=[0, 5],
    )
    solution = solve(problem, max_schedules=0)
    assert solution.starts == [2, 0]
