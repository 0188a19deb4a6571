"""The levelling search: the RCPSP genetic algorithm of `rcpsp.py`, generalised for real plans.

Real plans need more than PSPLIB's finish-to-start links: minimum time lags of any sign
(FS/SS/FF/SF with lags and leads become `start_j >= start_i + delta`), release dates (a task
is never moved before its CPM start), latest starts (levelling within slack, or a link into a
fixed task), fixed tasks that hold their capacity, and task priorities. A task that cannot
find room before its latest start is placed at its earliest start and the over-allocation is
kept, so a schedule is compared on (over-allocation, makespan, priority-weighted delay).
"""

from __future__ import annotations

import heapq
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pmo_desktop.scheduling.rcpsp import crossover_lists, mutate_list, sample_activity_list

__all__ = ["LevellingProblem", "LevellingSolution", "search"]

_INF = 1 << 60


@dataclass(frozen=True)
class LevellingProblem:
    """Activities on an integer timeline; `edges` are (i, j, delta): start_j >= start_i + delta.

    `demands[j]` lists (resource, units) pairs; `deadline[j]` is a latest start (None: none);
    a fixed activity starts at its release; `priorities` (0..1000) weigh delays.
    """

    durations: list[int]
    edges: list[tuple[int, int, int]]
    capacities: list[int]
    demands: list[list[tuple[int, int]]]
    release: list[int]
    deadline: list[int | None]
    fixed: list[bool]
    priorities: list[int]


@dataclass(frozen=True)
class LevellingSolution:
    starts: list[int]
    overload: int
    makespan: int
    weighted_delay: int
    schedules_evaluated: int
    seconds: float
    cancelled: bool


Fitness = tuple[int, int, int]


class _Engine:
    """Flat lists for the forward and backward schedule generation schemes."""

    def __init__(self, problem: LevellingProblem) -> None:
        n = self.n = len(problem.durations)
        self.dur = list(problem.durations)
        self.pred: list[list[tuple[int, int]]] = [[] for _ in range(n)]
        self.succ: list[list[tuple[int, int]]] = [[] for _ in range(n)]
        for i, j, delta in problem.edges:
            self.succ[i].append((j, delta))
            self.pred[j].append((i, delta))
        self.succ_set = [frozenset(j for j, _ in s) for s in self.succ]
        #: Every link at least finish-to-start: lists sorted by start or finish are feasible.
        self.finish_to_start = all(delta >= self.dur[i] for i, _, delta in problem.edges)
        self.pred_ids = [[i for i, _ in p] for p in self.pred]
        self.succ_ids = [[j for j, _ in s] for s in self.succ]
        self.topo = self._topological()
        self.rank = [0] * n
        for position, j in enumerate(self.topo):
            self.rank[j] = position
        self.caps = list(problem.capacities)
        self.req = [
            [(r, min(q, self.caps[r])) for r, q in row if q > 0 and self.caps[r] > 0]
            if self.dur[j] > 0
            else []
            for j, row in enumerate(problem.demands)
        ]
        self.fixed = list(problem.fixed)
        self.release = list(problem.release)
        self.deadline = self._deadlines(problem)
        self.weight = [1 + max(0, p) for p in problem.priorities]
        self.uniform_priority = len(set(problem.priorities)) <= 1
        # Profiles start as long as the unlevelled plan and grow when a schedule needs more.
        self.horizon = max((r + d for r, d in zip(self.release, self.dur, strict=True)), default=0)
        self.horizon += max(self.dur, default=0) + 1
        self.base = [[c] * self.horizon for c in self.caps]
        for j in range(n):
            if self.fixed[j]:
                self._reserve(self.base, j, self.release[j])
        self.fixed_start = [self.release[j] if self.fixed[j] else 0 for j in range(n)]
        self.rpred = [[(j, delta + self.dur[j] - self.dur[i]) for j, delta in self.succ[i]]
                      for i in range(n)]  # fmt: skip
        self._latest_finishes()
        self.schedules = 0

    def _topological(self) -> list[int]:
        indegree = [len(p) for p in self.pred]
        order = [j for j in range(self.n) if indegree[j] == 0]
        for j in order:
            for s, _ in self.succ[j]:
                indegree[s] -= 1
                if indegree[s] == 0:
                    order.append(s)
        if len(order) != self.n:
            raise ValueError("the links between the tasks to level form a loop")
        return order

    def _deadlines(self, problem: LevellingProblem) -> list[int]:
        """Latest starts: given ones, fixed starts, and what links into them imply."""
        latest = [_INF if d is None else d for d in problem.deadline]
        for j in range(self.n):
            if problem.fixed[j]:
                latest[j] = problem.release[j]
        for i in reversed(self.topo):
            for j, delta in self.succ[i]:
                if latest[j] - delta < latest[i]:
                    latest[i] = latest[j] - delta
            if latest[i] < self.release[i]:
                latest[i] = self.release[i]
        return latest

    def _latest_finishes(self) -> None:
        early = list(self.release)
        for i in self.topo:
            for j, delta in self.succ[i]:
                if not self.fixed[j] and early[i] + delta > early[j]:
                    early[j] = early[i] + delta
        self.early = early
        self.cp = max((e + d for e, d in zip(early, self.dur, strict=True)), default=0)
        late = [self.cp - d for d in self.dur]
        for i in reversed(self.topo):
            for j, delta in self.succ[i]:
                if late[j] - delta < late[i]:
                    late[i] = late[j] - delta
        self.lft = [s + d for s, d in zip(late, self.dur, strict=True)]

    def lower_bound(self) -> int:
        bound = self.cp
        for r, cap in enumerate(self.caps):
            users = [j for j in range(self.n) if any(x == r for x, _ in self.req[j])]
            if users and cap > 0:
                work = sum(self.dur[j] * q for j in users for x, q in self.req[j] if x == r)
                bound = max(bound, min(self.release[j] for j in users) + -(-work // cap))
        return bound

    def _reserve(self, avail: list[list[int]], j: int, t: int) -> int:
        """Take activity j's units from t on; returns the over-allocation this causes."""
        e = t + self.dur[j]
        excess = 0
        for r, q in self.req[j]:
            a = avail[r]
            if e > len(a):
                a.extend([self.caps[r]] * (e - len(a)))
            window = a[t:e]
            if min(window) < q:
                excess += sum(q - x if x > 0 else q for x in window if x < q)
            a[t:e] = [x - q for x in window]
        return excess

    def sgs(
        self,
        order: Sequence[int],
        pred: list[list[tuple[int, int]]],
        release: list[int],
        deadline: list[int],
        start: list[int],
        avail: list[list[int]],
    ) -> int:
        """Serial SGS into `start` (fixed entries preset); returns the over-allocation."""
        self.schedules += 1
        dur, req, fixed, caps = self.dur, self.req, self.fixed, self.caps
        overload = 0
        for j in order:
            if fixed[j]:
                continue
            t = release[j]
            for i, delta in pred[j]:
                v = start[i] + delta
                if v > t:
                    t = v
            rq = req[j]
            if rq:
                earliest = t
                latest = deadline[j]
                d = dur[j]
                while t <= latest:
                    e = t + d
                    for r, q in rq:
                        a = avail[r]
                        if e > len(a):
                            a.extend([caps[r]] * (e - len(a) + d))
                        if min(a[t:e]) < q:
                            p = e - 1
                            while a[p] >= q:
                                p -= 1
                            t = p + 1
                            break
                    else:
                        break
                if t > latest:
                    overload += self._reserve(avail, j, earliest)
                    t = earliest
                else:
                    e = t + d
                    for r, q in rq:
                        a = avail[r]
                        a[t:e] = [x - q for x in a[t:e]]
            start[j] = t
        return overload

    def forward(self, order: Sequence[int]) -> tuple[Fitness, list[int]]:
        start = list(self.fixed_start)
        avail = [row[:] for row in self.base]
        overload = self.sgs(order, self.pred, self.release, self.deadline, start, avail)
        return self.fitness(start, overload), start

    def fitness(self, start: list[int], overload: int) -> Fitness:
        makespan = max(map(int.__add__, start, self.dur), default=0)
        delay = sum(w * (s - r) for w, s, r in zip(self.weight, start, self.release, strict=True))
        return overload, makespan, delay

    def backward(self, starts: list[int], makespan: int) -> list[int]:
        """Right-justified schedule as reversed times (finish counted back from makespan)."""
        n, dur = self.n, self.dur
        rstart = [0] * n
        rrelease = [0] * n
        for j in range(n):
            if self.fixed[j]:
                rstart[j] = makespan - self.release[j] - dur[j]
            elif self.deadline[j] < _INF:
                rrelease[j] = max(0, makespan - self.deadline[j] - dur[j])
        avail = [[self.caps[r]] * self.horizon for r in range(len(self.caps))]
        for r, row in enumerate(self.base):
            span = row[:makespan] + [self.caps[r]] * (makespan - len(row))
            avail[r][: len(span)] = span[::-1]
        key = [(s + d) * n + k for s, d, k in zip(starts, dur, self.rank, strict=True)]
        order = self.repair(sorted(range(n), key=key.__getitem__, reverse=True), reverse=True)
        self.sgs(order, self.rpred, rrelease, [_INF] * n, rstart, avail)
        return rstart

    def evaluate(self, order: list[int], bound: int) -> tuple[Fitness, list[int]]:
        """Forward SGS, then forward-backward improvement while it helps."""
        best, starts = self.forward(order)
        n, dur, rank = self.n, self.dur, self.rank
        for _ in range(8):
            if best[1] <= bound and best[2] == 0:
                break
            back = self.backward(starts, best[1])
            key = [(s + d) * n - k for s, d, k in zip(back, dur, rank, strict=True)]
            fitness, fwd = self.forward(
                self.repair(sorted(range(n), key=key.__getitem__, reverse=True))
            )
            if fitness >= best:
                break
            best, starts = fitness, fwd
        return best, starts

    def repair(self, wanted: list[int], *, reverse: bool = False) -> list[int]:
        """The wanted order, changed only where a link requires it (SS/FF/SF, leads)."""
        if self.finish_to_start:
            return wanted
        position = [0] * self.n
        for k, j in enumerate(wanted):
            position[j] = k
        before, after = (
            (self.succ_ids, self.pred_ids) if reverse else (self.pred_ids, self.succ_ids)
        )
        indegree = [len(p) for p in before]
        heap = [(position[j], j) for j in range(self.n) if indegree[j] == 0]
        heapq.heapify(heap)
        out: list[int] = []
        while heap:
            _, j = heapq.heappop(heap)
            out.append(j)
            for s in after[j]:
                indegree[s] -= 1
                if indegree[s] == 0:
                    heapq.heappush(heap, (position[s], s))
        return out

    def order_by_start(self, starts: list[int]) -> list[int]:
        n = self.n
        key = [s * n + k for s, k in zip(starts, self.rank, strict=True)]
        return self.repair(sorted(range(n), key=key.__getitem__))

    def rule_list(self, key: list[tuple[int, ...]]) -> list[int]:
        return self.repair(sorted(range(self.n), key=key.__getitem__))

    def sample_list(self, rng: random.Random) -> list[int]:
        return sample_activity_list(self.pred_ids, self.succ_ids, self.lft, rng)

    def crossover(self, mother: list[int], father: list[int], rng: random.Random) -> list[int]:
        return crossover_lists(mother, father, rng)

    def mutate(self, child: list[int], rng: random.Random, rate: float) -> None:
        mutate_list(child, rng, rate, self.succ_set, self.pred_ids, self.succ_ids)


def search(
    problem: LevellingProblem,
    *,
    time_limit: float = 1.0,
    max_schedules: int | None = None,
    seed: int = 0,
    progress: Callable[[float, Fitness], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> LevellingSolution:
    """Best schedule found in the time and schedule budget; never worse than the rule lists.

    The first lists follow MS Project's order (priority, then latest finish) and the pure
    latest-finish rule; a genetic algorithm (Hartmann 1998) with forward-backward improvement
    (Valls et al. 2005) then searches. `progress(fraction of the budget used, best fitness)`.
    """
    t0 = time.perf_counter()
    deadline = t0 + time_limit
    eng = _Engine(problem)
    bound = eng.lower_bound()
    rng = random.Random(seed)
    budget = max_schedules if max_schedules is not None else 1 << 62
    prio = problem.priorities
    lists = [
        eng.rule_list([(eng.lft[j], -prio[j], eng.rank[j]) for j in range(eng.n)]),
        eng.rule_list([(-prio[j], eng.lft[j], eng.rank[j]) for j in range(eng.n)]),
    ]
    best: Fitness | None = None
    best_starts: list[int] = []
    population: list[tuple[Fitness, list[int]]] = []
    for order in lists if not eng.uniform_priority else lists[:1]:
        fitness, starts = eng.evaluate(order, bound)
        population.append((fitness, eng.order_by_start(starts)))
        if best is None or fitness < best:
            best, best_starts = fitness, starts
    assert best is not None
    was_cancelled = False

    def used() -> float:
        spent = (time.perf_counter() - t0) / time_limit if time_limit > 0 else 1.0
        return min(1.0, max(spent, eng.schedules / budget))

    def out_of_budget() -> bool:
        nonlocal was_cancelled
        if cancelled is not None and cancelled():
            was_cancelled = True
            return True
        assert best is not None
        done = best[0] == 0 and best[1] <= bound and (eng.uniform_priority or best[2] == 0)
        return done or eng.schedules >= budget or time.perf_counter() >= deadline or eng.n < 2

    if progress is not None:
        progress(used(), best)
    pop_size = max(20, min(60, 2 * eng.n // 3 + 10))
    seen = {tuple(ind[1]) for ind in population}
    stale = 0
    while not out_of_budget():
        if len(population) < pop_size:
            children = [eng.sample_list(rng)]
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
            fitness, starts = eng.evaluate(child, bound)
            if fitness < best:
                best, best_starts = fitness, starts
                improved = True
            norm = eng.order_by_start(starts)
            key = tuple(norm)
            if key not in seen:
                seen.add(key)
                population.append((fitness, norm))
        if len(population) > pop_size:
            population.sort(key=lambda ind: ind[0])
            del population[pop_size:]
            stale = 0 if improved else stale + 1
            if stale >= 25:
                stale = 0
                del population[max(2, pop_size // 5) :]
        if progress is not None:
            progress(used(), best)
        if len(seen) > 50_000:
            seen = {tuple(ind[1]) for ind in population}
    if progress is not None:
        progress(1.0, best)
    return LevellingSolution(
        starts=best_starts,
        overload=best[0],
        makespan=best[1],
        weighted_delay=best[2],
        schedules_evaluated=eng.schedules,
        seconds=time.perf_counter() - t0,
        cancelled=was_cancelled,
    )
