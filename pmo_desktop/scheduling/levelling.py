"""Resource levelling of real plans (DESIGN.md §4): delays that keep every resource within
its max units, by priority then slack, optionally within slack only.

The CPM plan is turned into a resource-constrained problem on the project calendar's
working-time timeline (in steps of the largest common divisor of durations, lags and dates),
solved by `levelling_search`, and turned back into dates. Levelling only delays: no task
starts before its CPM start. Tasks with a fixed date (MSO, MFO, SNLT, FNLT), tasks in progress
or complete and tasks of priority 1000 never move; tasks without resources move only when a
link pushes them. Summary tasks carry no resources; links on them apply to their leaves.
Approximations: resource calendars are not read (capacity = max units in every working
period of the project calendar) and a task on its own calendar keeps its CPM span.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from itertools import pairwise
from math import gcd

from pmo_desktop.scheduling.calendar import WorkingCalendar
from pmo_desktop.scheduling.cpm import schedule
from pmo_desktop.scheduling.levelling_search import LevellingProblem, search
from pmo_desktop.scheduling.loading import ResourceSpec
from pmo_desktop.scheduling.model import (
    AssignmentSpec,
    ScheduleInput,
    ScheduleResult,
    TaskResult,
    TaskSpec,
    percent_lag,
)

__all__ = [
    "LevelledTask",
    "LevellingError",
    "LevellingResult",
    "check_levelled",
    "level",
    "levelled_schedule",
]

#: MS Project's "do not level" priority.
DO_NOT_LEVEL = 1000

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool] | threading.Event


class LevellingError(ValueError):
    """The resources or assignments given cannot be levelled as they are (say which)."""


@dataclass(frozen=True, slots=True)
class LevelledTask:
    """Where levelling puts a leaf task; `delay` is its own levelling delay (working minutes
    beyond what links from the levelled predecessors ask), `shift` how far it moved in all."""

    id: int
    start: datetime
    finish: datetime
    delay: int
    shift: int


@dataclass
class LevellingResult:
    """Levelled dates per leaf task, and the over-allocations levelling could not remove."""

    tasks: dict[int, LevelledTask]
    finish: datetime | None
    over_allocations: list[str] = field(default_factory=list)
    schedules_evaluated: int = 0
    seconds: float = 0.0
    cancelled: bool = False

    @property
    def delays(self) -> dict[int, int]:
        """Task id → levelling delay in working minutes, for the tasks that get one."""
        return {task.id: task.delay for task in self.tasks.values() if task.delay}


def _fixed_reason(task: TaskSpec) -> str | None:
    if task.actual_start is not None or task.actual_finish is not None:
        return "it has started"
    if task.percent_complete > 0:
        return "it is in progress"
    if task.constraint in ("MSO", "MFO", "SNLT", "FNLT") and task.constraint_date is not None:
        return f"it has a {task.constraint} constraint"
    if task.priority >= DO_NOT_LEVEL:
        return f"its priority is {DO_NOT_LEVEL} (do not level)"
    return None


class _Conversion:
    """The plan as a LevellingProblem on the project calendar's timeline, and back."""

    def __init__(
        self,
        plan: ScheduleInput,
        cpm: ScheduleResult,
        resources: Sequence[ResourceSpec],
        assignments: Iterable[AssignmentSpec],
        within_slack: bool,
    ) -> None:
        self.plan = plan
        self.cpm = cpm
        self.calendar = WorkingCalendar(plan.calendar, plan.start.date())
        self.origin = self.calendar.offset(plan.start)
        by_id = {task.id: task for task in plan.tasks}
        children: dict[int, list[int]] = {}
        for task in plan.tasks:
            if task.parent is not None:
                children.setdefault(task.parent, []).append(task.id)
        self.children = children
        self.leaves = [task for task in plan.tasks if task.id not in children]
        self.index = {task.id: k for k, task in enumerate(self.leaves)}
        self.resources = list(resources)
        resource_index = {resource.id: k for k, resource in enumerate(self.resources)}
        if len(resource_index) != len(self.resources):
            raise LevellingError("Two resources share one id.")
        for resource in self.resources:
            if not resource.max_units >= 0:
                raise LevellingError(
                    f"Resource '{resource.name or resource.id}' has max units "
                    f"{resource.max_units}; it must be 0 or more."
                )
        self.capacities = [round(resource.max_units * 100) for resource in self.resources]
        self.starts = [self._offset(cpm.tasks[task.id].start) for task in self.leaves]
        finishes = [self._offset(cpm.tasks[task.id].finish) for task in self.leaves]
        self.spans = [max(0, f - s) for s, f in zip(self.starts, finishes, strict=True)]
        demand: list[dict[int, int]] = [{} for _ in self.leaves]
        self.ignored: list[str] = []
        for assignment in assignments:
            task = by_id.get(assignment.task)
            if task is None:
                raise LevellingError(
                    f"An assignment names task {assignment.task}, not in the plan."
                )
            r = resource_index.get(assignment.resource)
            if r is None:
                raise LevellingError(
                    f"Task '{task.name or task.id}' is assigned resource {assignment.resource}, "
                    "which is not among the resources given."
                )
            if not assignment.units >= 0:
                raise LevellingError(
                    f"Task '{task.name or task.id}' has {assignment.units} units of a resource; "
                    "units must be 0 or more."
                )
            if task.id in children:
                self.ignored.append(
                    f"'{task.name or task.id}' is a summary task: its assignment of "
                    f"'{self.resources[r].name or self.resources[r].id}' is not levelled."
                )
                continue
            row = demand[self.index[task.id]]
            row[r] = row.get(r, 0) + round(assignment.units * 100)
        self.demand = [sorted(row.items()) for row in demand]
        self.fixed = [_fixed_reason(task) for task in self.leaves]
        self.edges = self._edges(plan, by_id, finishes)
        self.late_starts = [self._offset(cpm.tasks[task.id].late_start) for task in self.leaves]
        self.within_slack = within_slack
        values = [*self.spans, *(delta for _, _, delta in self.edges)]
        base = min(self.starts, default=0)
        values += [s - base for s in self.starts]
        if within_slack:
            values += [max(0, late - base) for late in self.late_starts]
        step = 0
        for value in values:
            step = gcd(step, value)
        self.step = step or 1
        self.base = base

    def _offset(self, moment: datetime) -> int:
        return self.calendar.offset(moment) - self.origin

    def _leaves_under(self, task_id: int) -> list[int]:
        stack, found = [task_id], []
        while stack:
            current = stack.pop()
            if current in self.children:
                stack.extend(self.children[current])
            else:
                found.append(current)
        return found

    def _edges(
        self, plan: ScheduleInput, by_id: dict[int, TaskSpec], finishes: list[int]
    ) -> list[tuple[int, int, int]]:
        """Links as start-to-start minimum lags between leaves, in working minutes."""
        edges: dict[tuple[int, int], int] = {}
        for link in plan.links:
            sources = self._leaves_under(link.predecessor)
            if len(sources) > 1 and link.type in ("SS", "SF"):
                first = min(self.starts[self.index[s]] for s in sources)
                sources = [s for s in sources if self.starts[self.index[s]] == first]
            for source in sources:
                i = self.index[source]
                lag = link.lag
                if link.lag_unit == "percent":
                    lag = percent_lag(by_id[link.predecessor].duration, lag)
                elif link.lag_unit == "elapsed":
                    anchor = self.starts[i] if link.type in ("SS", "SF") else finishes[i]
                    moment = (
                        self.calendar.finish_at(anchor + self.origin)
                        if link.type in ("FS", "FF")
                        else self.calendar.start_at(anchor + self.origin)
                    )
                    lag = self._offset(moment + timedelta(minutes=lag)) - anchor
                for target in self._leaves_under(link.successor):
                    j = self.index[target]
                    delta = {
                        "FS": self.spans[i] + lag,
                        "SS": lag,
                        "FF": self.spans[i] + lag - self.spans[j],
                        "SF": lag - self.spans[j],
                    }[link.type]
                    if i != j and delta > edges.get((i, j), -(1 << 60)):
                        edges[i, j] = delta
        return [(i, j, delta) for (i, j), delta in edges.items()]

    def problem(self) -> LevellingProblem:
        step, base = self.step, self.base
        release = [(s - base) // step for s in self.starts]
        deadline: list[int | None] = [None] * len(self.leaves)
        if self.within_slack:
            # Negative slack (a constraint conflict): such a task is not delayed at all.
            deadline = [
                (max(late, start) - base) // step
                for late, start in zip(self.late_starts, self.starts, strict=True)
            ]
        return LevellingProblem(
            durations=[span // step for span in self.spans],
            edges=[(i, j, delta // step) for i, j, delta in self.edges],
            capacities=list(self.capacities),
            demands=self.demand,
            release=release,
            deadline=deadline,
            fixed=[reason is not None for reason in self.fixed],
            priorities=[task.priority for task in self.leaves],
        )

    def moment(self, offset: int, *, as_finish: bool) -> datetime:
        absolute = offset + self.origin
        return self.calendar.finish_at(absolute) if as_finish else self.calendar.start_at(absolute)

    def result(self, starts: list[int]) -> dict[int, LevelledTask]:
        """Levelled dates and own delays (beyond links from levelled predecessors)."""
        minutes = [self.base + s * self.step for s in starts]
        link_floor: list[int | None] = [None] * len(self.leaves)
        cpm_floor: list[int | None] = [None] * len(self.leaves)
        for i, j, delta in self.edges:
            for floors, value in ((link_floor, minutes[i] + delta),
                                  (cpm_floor, self.starts[i] + delta)):  # fmt: skip
                current = floors[j]
                if current is None or value > current:
                    floors[j] = value
        out: dict[int, LevelledTask] = {}
        for k, task in enumerate(self.leaves):
            shift = minutes[k] - self.starts[k]
            found = self.cpm.tasks[task.id]
            if shift == 0:
                start, finish = found.start, found.finish
            elif self.spans[k] == 0:
                start = finish = self.moment(minutes[k], as_finish=True)
            else:
                start = self.moment(minutes[k], as_finish=False)
                finish = self.moment(minutes[k] + self.spans[k], as_finish=True)
            floor = link_floor[k]
            pinned = cpm_floor[k] is None or self.starts[k] > cpm_floor[k]
            if pinned:
                floor = self.starts[k] if floor is None else max(floor, self.starts[k])
            delay = max(0, minutes[k] - floor) if floor is not None else shift
            out[task.id] = LevelledTask(task.id, start, finish, delay, shift)
        return out

    def explain(self, starts: list[int]) -> list[str]:
        """Over-allocations left in the levelled schedule, in plain words."""
        messages = list(self.ignored)
        for r, resource in enumerate(self.resources):
            cap = self.capacities[r]
            events: dict[int, list[tuple[int, int]]] = {}
            for k, row in enumerate(self.demand):
                for x, q in row:
                    if x == r and q and self.spans[k]:
                        begin = self.base + starts[k] * self.step
                        events.setdefault(begin, []).append((k, q))
                        events.setdefault(begin + self.spans[k], []).append((k, -q))
            running: dict[int, int] = {}
            run: tuple[int, set[int], int] | None = None
            for moment in sorted(events):
                for k, q in events[moment]:
                    running[k] = running.get(k, 0) + q
                    if running[k] == 0:
                        del running[k]
                used = sum(running.values())
                if used > cap and run is None:
                    run = (moment, set(running), used)
                elif used > cap and run is not None:
                    run = (run[0], run[1] | set(running), max(run[2], used))
                elif run is not None:
                    messages.append(self._message(resource, cap, run, moment))
                    run = None
        return messages

    def _message(
        self, resource: ResourceSpec, cap: int, run: tuple[int, set[int], int], end: int
    ) -> str:
        begin, involved, peak = run
        names = [self.leaves[k].name or str(self.leaves[k].id) for k in sorted(involved)]
        why: list[str] = []
        for k in sorted(involved):
            name = self.leaves[k].name or str(self.leaves[k].id)
            alone = dict(self.demand[k]).get(self.resources.index(resource), 0)
            if alone > cap:
                why.append(f"'{name}' alone needs {alone} % of it")
            elif self.fixed[k] is not None:
                why.append(f"'{name}' cannot move because {self.fixed[k]}")
        if not why and self.within_slack:
            why.append("levelling within slack may not delay these tasks any further")
        if not why:
            why.append("a fixed date or a link holds these tasks where they are")
        first = self.moment(begin, as_finish=False)
        last = self.moment(end, as_finish=True)
        return (
            f"'{resource.name or resource.id}' stays over-allocated from {first:%Y-%m-%d %H:%M} "
            f"to {last:%Y-%m-%d %H:%M} ({peak} % of {cap} %) by "
            + ", ".join(f"'{name}'" for name in names)
            + ": "
            + "; ".join(why)
            + "."
        )


def level(
    plan: ScheduleInput,
    resources: Iterable[ResourceSpec],
    assignments: Iterable[AssignmentSpec],
    *,
    within_slack: bool = False,
    time_limit_s: float = 1.0,
    max_schedules: int | None = None,
    seed: int = 0,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    scheduled: ScheduleResult | None = None,
) -> LevellingResult:
    """Propose levelling delays for `plan` (scheduled first unless `scheduled` is given).

    Levelling starts from the plan's dates: a task's `levelling_delay` already in the plan
    is part of them, and a delay proposed here comes on top of it. To level afresh (MS
    Project's "clear levelling values before levelling"), give tasks no delay first.

    `progress(done, total, label)` reports the share of the time budget used; `cancel` (a
    callable or threading.Event) stops the search with the best schedule found so far.
    """
    cpm = scheduled if scheduled is not None else schedule(plan)
    conversion = _Conversion(plan, cpm, list(resources), assignments, within_slack)
    problem = conversion.problem()
    cancelled: Callable[[], bool] | None
    cancelled = cancel.is_set if isinstance(cancel, threading.Event) else cancel

    def report(fraction: float, best: tuple[int, int, int]) -> None:
        if progress is not None:
            finish = conversion.moment(conversion.base + best[1] * conversion.step, as_finish=True)
            progress(round(fraction * 1000), 1000, f"Levelling: finish {finish:%Y-%m-%d %H:%M}")

    try:
        solution = search(
            problem,
            time_limit=time_limit_s,
            max_schedules=max_schedules,
            seed=seed,
            progress=report if progress is not None else None,
            cancelled=cancelled,
        )
    except ValueError as exc:
        raise LevellingError(str(exc)) from None
    tasks = conversion.result(solution.starts)
    return LevellingResult(
        tasks=tasks,
        finish=max((task.finish for task in tasks.values()), default=None),
        over_allocations=conversion.explain(solution.starts),
        schedules_evaluated=solution.schedules_evaluated,
        seconds=solution.seconds,
        cancelled=solution.cancelled,
    )


def levelled_schedule(
    plan: ScheduleInput, scheduled: ScheduleResult, levelling: LevellingResult
) -> ScheduleResult:
    """The CPM result with the levelled start/finish and delays (summaries span their tasks)."""
    tasks: dict[int, TaskResult] = {}
    for task_id, found in scheduled.tasks.items():
        moved = levelling.tasks.get(task_id)
        tasks[task_id] = (
            replace(found, start=moved.start, finish=moved.finish, levelling_delay=moved.delay)
            if moved is not None
            else replace(found)
        )
    parents = {task.id: task.parent for task in plan.tasks}
    depth = {}
    for task in plan.tasks:
        level_of, current = 0, task.parent
        while current is not None:
            level_of, current = level_of + 1, parents.get(current)
        depth[task.id] = level_of
    spans: dict[int, list[TaskResult]] = {}
    for task in sorted(plan.tasks, key=lambda t: -depth[t.id]):
        if task.id in spans:
            kids = spans[task.id]
            own = tasks[task.id]
            own.start = min(kid.start for kid in kids)
            own.finish = max(kid.finish for kid in kids)
        if task.parent is not None:
            spans.setdefault(task.parent, []).append(tasks[task.id])
    finish = max((item.finish for item in tasks.values()), default=scheduled.finish)
    return ScheduleResult(tasks, finish, list(scheduled.warnings))


def check_levelled(
    plan: ScheduleInput,
    resources: Iterable[ResourceSpec],
    assignments: Iterable[AssignmentSpec],
    levelling: LevellingResult,
    scheduled: ScheduleResult | None = None,
    *,
    within_slack: bool = False,
) -> list[str]:
    """Violations of links, max units, fixed dates and slack in a levelling; [] if none.

    Works on the levelled dates: every link (type and lag) between leaves, no task before
    its CPM start, fixed tasks unmoved, each resource within max units in every working
    period (unless a fixed task or a demand above max units is involved, or the result
    reports that resource as left over-allocated), and with `within_slack` no task
    finishing after its late finish.
    """
    cpm = scheduled if scheduled is not None else schedule(plan)
    conversion = _Conversion(plan, cpm, list(resources), assignments, within_slack)
    errors: list[str] = []
    leaves = conversion.leaves
    starts = [conversion._offset(levelling.tasks[task.id].start) for task in leaves]
    for k, task in enumerate(leaves):
        name = task.name or task.id
        found = levelling.tasks[task.id]
        span = conversion._offset(found.finish) - starts[k]
        if conversion.spans[k] and span != conversion.spans[k]:
            errors.append(f"'{name}' lasts {span} working minutes, not {conversion.spans[k]}")
        if starts[k] < conversion.starts[k]:
            errors.append(f"'{name}' starts before its CPM start")
        if conversion.fixed[k] is not None and starts[k] != conversion.starts[k]:
            errors.append(f"'{name}' moved although {conversion.fixed[k]}")
        late = cpm.tasks[task.id].late_finish
        if within_slack and found.finish > late and starts[k] > conversion.starts[k]:
            errors.append(f"'{name}' finishes after its late finish")
    before = conversion.starts
    for i, j, delta in conversion.edges:
        # A link the CPM already breaks (a fixed date wins over it) is not levelling's doing.
        if starts[j] < starts[i] + delta and before[j] >= before[i] + delta:
            errors.append(
                f"link '{leaves[i].name or leaves[i].id}' → '{leaves[j].name or leaves[j].id}' "
                f"is not met ({starts[j] - starts[i] - delta} working minutes)"
            )
    points = sorted(set(starts) | {s + d for s, d in zip(starts, conversion.spans, strict=True)})
    for r, resource in enumerate(conversion.resources):
        cap = conversion.capacities[r]
        for begin, end in pairwise(points):
            used = sum(
                q
                for k, row in enumerate(conversion.demand)
                for x, q in row
                if x == r and starts[k] <= begin and end <= starts[k] + conversion.spans[k]
            )
            fixed = any(
                conversion.fixed[k] is not None or dict(row).get(r, 0) > cap
                for k, row in enumerate(conversion.demand)
                if starts[k] <= begin < starts[k] + conversion.spans[k] and dict(row).get(r)
            )
            label = f"'{resource.name or resource.id}'"
            reported = any(message.startswith(label) for message in levelling.over_allocations)
            if used > cap and not fixed and not reported:
                errors.append(
                    f"'{resource.name or resource.id}' uses {used} % > {cap} % "
                    f"from working minute {begin} to {end}"
                )
    return errors
