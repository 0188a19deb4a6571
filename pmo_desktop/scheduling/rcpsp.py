"""Resource-constrained project scheduling (RCPSP) on integer periods: the levelling core.

`solve` runs an activity-list genetic algorithm (Hartmann 1998) whose schedules come from the
serial schedule generation scheme, each improved by forward-backward justification (Valls,
Ballestín and Quintanilla 2005). It is time-boxed, seeded and deterministic for a given seed
and schedule budget. Pure standard library; judged on PSPLIB (bench/bench_levelling.py).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = [
    "RcpspProblem",
    "RcpspSolution",
    "check_feasible",
    "critical_path_bound",
    "lower_bound",
    "solve",
]


@dataclass(frozen=True)
class RcpspProblem:
    """Activities with durations, finish-to-start successors and constant resource demands."""

    durations: list[int]
    successors: list[list[int]]
    capacities: list[int]
    demands: list[list[int]]
    release: list[int] | None = None
    priorities: list[int] | None = None


@dataclass(frozen=True)
class RcpspSolution:
    """Start period per activity, the resulting makespan and what finding it cost."""

    starts: list[int]
    makespan: int
    schedules_evaluated: int
    seconds: float


def _topological_order(problem: RcpspProblem) -> list[int]:
    """Validate the problem and return its activities in a precedence-feasible order."""
    n = len(problem.durations)
    caps = problem.capacities
    if len(problem.successors) != n or len(problem.demands) != n:
        raise ValueError("durations, successors and demands must have one entry per activity")
    for name, extra in (("release", problem.release), ("priorities", problem.priorities)):
        if extra is not None and len(extra) != n:
            raise ValueError(f"{name} must have one entry per activity")
    for r, c in enumerate(caps):
        if c < 0:
            raise ValueError(f"resource {r} has a negative capacity ({c})")
    indegree = [0] * n
    for j in range(n):
        if problem.durations[j] < 0:
            raise ValueError(f"activity {j} has a negative duration ({problem.durations[j]})")
        if problem.release is not None and problem.release[j] < 0:
            raise ValueError(f"activity {j} has a negative release ({problem.release[j]})")
        row = problem.demands[j]
        if len(row) != len(caps):
            raise ValueError(f"activity {j} has {len(row)} demands for {len(caps)} resources")
        for r, q in enumerate(row):
            if q < 0:
                raise ValueError(f"activity {j} has a negative demand ({q}) for resource {r}")
            if q > caps[r]:
                raise ValueError(
                    f"activity {j} needs {q} units of resource {r} but only {caps[r]} exist: "
                    "it can never be scheduled"
                )
        for s in problem.successors[j]:
            if not 0 <= s < n or s == j:
                raise ValueError(f"activity {j} has an invalid successor {s}")
            indegree[s] += 1
    order = [j for j in range(n) if indegree[j] == 0]
    for j in order:
        for s in problem.successors[j]:
            indegree[s] -= 1
            if indegree[s] == 0:
                order.append(s)
    if len(order) != n:
        cyclic = sorted(j for j in range(n) if indegree[j] > 0)
        raise ValueError(f"precedence cycle among activities {cyclic[:10]}")
    return order


def _earliest_finishes(problem: RcpspProblem, order: list[int]) -> list[int]:
    release = problem.release or [0] * len(order)
    start = list(release)
    finish = [0] * len(order)
    for j in order:
        finish[j] = f = start[j] + problem.durations[j]
        for s in problem.successors[j]:
            if f > start[s]:
                start[s] = f
    return finish


def critical_path_bound(problem: RcpspProblem) -> int:
    """Makespan without resource limits (release dates and precedence only)."""
    return max(_earliest_finishes(problem, _topological_order(problem)), default=0)


def lower_bound(problem: RcpspProblem) -> int:
    """Best of the critical-path bound and the per-resource work bound (ceil(work/capacity))."""
    bound = critical_path_bound(problem)
    for r, c in enumerate(problem.capacities):
        work = sum(d * row[r] for d, row in zip(problem.durations, problem.demands, strict=True))
        if c > 0:
            bound = max(bound, -(-work // c))
    return bound


def check_feasible(problem: RcpspProblem, starts: Sequence[int]) -> list[str]:
    """Human-readable violations of release, precedence and per-period capacity; [] if none."""
    n = len(problem.durations)
    if len(starts) != n:
        return [f"{len(starts)} start times for {n} activities"]
    errors: list[str] = []
    release = problem.release or [0] * n
    for j in range(n):
        if starts[j] < release[j]:
            errors.append(f"activity {j} starts at {starts[j]} before its release {release[j]}")
        finish = starts[j] + problem.durations[j]
        for s in problem.successors[j]:
            if starts[s] < finish:
                errors.append(
                    f"activity {s} starts at {starts[s]} before its predecessor {j} "
                    f"finishes at {finish}"
                )
    for r, cap in enumerate(problem.capacities):
        events: dict[int, list[int]] = {}
        for j in range(n):
            if problem.durations[j] > 0 and problem.demands[j][r] > 0:
                for t in range(starts[j], starts[j] + problem.durations[j]):
                    events.setdefault(t, []).append(j)
        for t in sorted(events):
            used = sum(problem.demands[j][r] for j in events[t])
            if used > cap:
                errors.append(
                    f"period {t}: resource {r} uses {used} > capacity {cap} "
                    f"(activities {', '.join(map(str, events[t]))})"
                )
    return errors


class _Engine:
    """Problem data precomputed as flat int lists for the schedule generation schemes."""

    def __init__(self, problem: RcpspProblem) -> None:
        order = _topological_order(problem)
        n = self.n = len(problem.durations)
        self.dur = list(problem.durations)
        self.succ = [list(s) for s in problem.successors]
        self.pred: list[list[int]] = [[] for _ in range(n)]
        for j, ss in enumerate(self.succ):
            for s in ss:
                self.pred[s].append(j)
        self.succ_set = [frozenset(s) for s in self.succ]
        self.caps = list(problem.capacities)
        self.req = [
            [(r, q) for r, q in enumerate(row) if q > 0] if self.dur[j] > 0 else []
            for j, row in enumerate(problem.demands)
        ]
        self.release = list(problem.release or [0] * n)
        self.no_release = [0] * n
        self.horizon = sum(self.dur) + max(self.release, default=0) + 1
        self.rank = [0] * n
        for i, j in enumerate(order):
            self.rank[j] = i
        self.topo = order
        ef = _earliest_finishes(problem, order)
        cp = max(ef, default=0)
        self.lft = [cp] * n
        for j in reversed(order):
            for s in self.succ[j]:
                self.lft[j] = min(self.lft[j], self.lft[s] - self.dur[s])
        prio = problem.priorities or [0] * n
        self.rule_key = [(self.lft[j], -prio[j], self.rank[j]) for j in range(n)]
        self.schedules = 0

    def sgs(self, order: list[int], preds: list[list[int]], release: list[int]) -> list[int]:
        """Serial SGS: each activity, in list order, at its earliest feasible start."""
        self.schedules += 1
        dur = self.dur
        req = self.req
        horizon = self.horizon
        avail = [[c] * horizon for c in self.caps]
        finish = [0] * self.n
        start = [0] * self.n
        for j in order:
            t = release[j]
            for p in preds[j]:
                f = finish[p]
                if f > t:
                    t = f
            d = dur[j]
            rq = req[j]
            if rq:
                while True:
                    e = t + d
                    for r, q in rq:
                        a = avail[r]
                        if min(a[t:e]) < q:
                            p = e - 1
                            while a[p] >= q:
                                p -= 1
                            t = p + 1
                            break
                    else:
                        break
                e = t + d
                for r, q in rq:
                    a = avail[r]
                    a[t:e] = [x - q for x in a[t:e]]
            start[j] = t
            finish[j] = t + d
        return start

    def makespan(self, starts: list[int]) -> int:
        return max(map(int.__add__, starts, self.dur), default=0)

    def order_by_start(self, starts: list[int]) -> list[int]:
        n = self.n
        key = [s * n + k for s, k in zip(starts, self.rank, strict=True)]
        return sorted(range(n), key=key.__getitem__)

    def evaluate(self, order: list[int], bound: int) -> tuple[int, list[int]]:
        """Forward SGS then double justification while it helps; (makespan, starts)."""
        n = self.n
        dur = self.dur
        rank = self.rank
        starts = self.sgs(order, self.pred, self.release)
        best = self.makespan(starts)
        while best > bound:
            key = [(s + d) * n + k for s, d, k in zip(starts, dur, rank, strict=True)]
            back = self.sgs(
                sorted(range(n), key=key.__getitem__, reverse=True), self.succ, self.no_release
            )
            key = [(s + d) * n - k for s, d, k in zip(back, dur, rank, strict=True)]
            fwd = self.sgs(
                sorted(range(n), key=key.__getitem__, reverse=True), self.pred, self.release
            )
            ms = self.makespan(fwd)
            if ms >= best:
                break
            best, starts = ms, fwd
        return best, starts

    def rule_list(self) -> list[int]:
        """Precedence-feasible list picking the eligible activity with the smallest key."""
        indeg = [len(p) for p in self.pred]
        eligible = [j for j in range(self.n) if indeg[j] == 0]
        key = self.rule_key
        out: list[int] = []
        while eligible:
            j = min(eligible, key=key.__getitem__)
            eligible.remove(j)
            out.append(j)
            for s in self.succ[j]:
                indeg[s] -= 1
                if indeg[s] == 0:
                    eligible.append(s)
        return out

    def sample_list(self, rng: random.Random) -> list[int]:
        return sample_activity_list(self.pred, self.succ, self.lft, rng)

    def crossover(self, mother: list[int], father: list[int], rng: random.Random) -> list[int]:
        return crossover_lists(mother, father, rng)

    def mutate(self, child: list[int], rng: random.Random, rate: float) -> None:
        mutate_list(child, rng, rate, self.succ_set, self.pred, self.succ)


def sample_activity_list(
    pred: Sequence[Sequence[int]],
    succ: Sequence[Sequence[int]],
    lft: Sequence[int],
    rng: random.Random,
) -> list[int]:
    """Regret-based biased random sampling on latest finish times (a precedence-feasible list)."""
    indeg = [len(p) for p in pred]
    eligible = [j for j in range(len(pred)) if indeg[j] == 0]
    out: list[int] = []
    while eligible:
        worst = max(lft[j] for j in eligible)
        weights = [worst - lft[j] + 1 for j in eligible]
        x = rng.random() * sum(weights)
        i = 0
        while i < len(weights) - 1 and x >= weights[i]:
            x -= weights[i]
            i += 1
        j = eligible.pop(i)
        out.append(j)
        for s in succ[j]:
            indeg[s] -= 1
            if indeg[s] == 0:
                eligible.append(s)
    return out


def crossover_lists(mother: list[int], father: list[int], rng: random.Random) -> list[int]:
    """Two-point crossover of activity lists; keeps precedence feasibility."""
    n = len(mother)
    q1 = rng.randrange(n + 1)
    q2 = rng.randrange(q1, n + 1)
    child = mother[:q1]
    taken = bytearray(n)
    for j in child:
        taken[j] = 1
    for j in father:
        if len(child) >= q2:
            break
        if not taken[j]:
            taken[j] = 1
            child.append(j)
    child.extend(j for j in mother if not taken[j])
    return child


def mutate_list(
    child: list[int],
    rng: random.Random,
    rate: float,
    succ_set: Sequence[frozenset[int] | set[int]],
    pred: Sequence[Sequence[int]],
    succ: Sequence[Sequence[int]],
) -> None:
    """Swap neighbours that are not linked, then maybe shift one activity within its links."""
    n = len(child)
    rnd = rng.random
    for i in range(n - 1):
        if rnd() < rate and child[i + 1] not in succ_set[child[i]]:
            child[i], child[i + 1] = child[i + 1], child[i]
    if n and rnd() < 0.3:
        i = rng.randrange(n)
        j = child.pop(i)
        pos = {a: k for k, a in enumerate(child)}
        lo = max((pos[p] + 1 for p in pred[j]), default=0)
        hi = min((pos[s] for s in succ[j]), default=len(child))
        child.insert(rng.randint(lo, max(lo, hi)), j)


def solve(
    problem: RcpspProblem,
    *,
    time_limit: float = 1.0,
    max_schedules: int | None = None,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> RcpspSolution:
    """Best schedule found within the time and schedule budget (one SGS pass = one schedule).

    The first schedule is serial SGS with the latest-finish-time rule, so the result is never
    worse than that; the search stops early when it reaches the lower bound.
    """
    t0 = time.perf_counter()
    deadline = t0 + time_limit
    eng = _Engine(problem)
    bound = lower_bound(problem)
    rng = random.Random(seed)
    budget = max_schedules if max_schedules is not None else 1 << 62

    first = eng.rule_list()
    best_ms, best_starts = eng.evaluate(first, bound)
    if progress is not None:
        progress(best_ms, eng.schedules)

    def out_of_budget() -> bool:
        return (
            best_ms <= bound
            or eng.schedules >= budget
            or time.perf_counter() >= deadline
            or (cancelled is not None and cancelled())
        )

    pop_size = max(20, min(60, 2 * eng.n // 3 + 10))
    population: list[tuple[int, list[int]]] = [(best_ms, eng.order_by_start(best_starts))]
    seen = {tuple(population[0][1])}
    stale = 0
    while not out_of_budget():
        if len(population) < pop_size:
            order = eng.sample_list(rng)
            children = [order]
        else:
            children = []
            for _ in range(pop_size // 2):
                mother = min(rng.sample(population, 2))[1]
                father = min(rng.sample(population, 2))[1]
                for a, b in ((mother, father), (father, mother)):
                    child = eng.crossover(a, b, rng)
                    eng.mutate(child, rng, 0.05)
                    children.append(child)
        improved = False
        for child in children:
            if out_of_budget():
                break
            ms, starts = eng.evaluate(child, bound)
            norm = eng.order_by_start(starts)
            if ms < best_ms:
                best_ms, best_starts = ms, starts
                improved = True
                if progress is not None:
                    progress(best_ms, eng.schedules)
            key = tuple(norm)
            if key not in seen:
                seen.add(key)
                population.append((ms, norm))
        if len(population) > pop_size:
            population.sort(key=lambda ind: ind[0])
            del population[pop_size:]
            stale = 0 if improved else stale + 1
            if stale >= 25:
                stale = 0
                del population[max(2, pop_size // 5) :]
            if progress is not None:
                progress(best_ms, eng.schedules)
        if len(seen) > 50_000:
            seen = {tuple(ind[1]) for ind in population}
    return RcpspSolution(
        starts=best_starts,
        makespan=best_ms,
        schedules_evaluated=eng.schedules,
        seconds=time.perf_counter() - t0,
    )
