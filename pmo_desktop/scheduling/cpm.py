"""Critical path method with Microsoft Project's conventions (DESIGN.md §4).

The passes run on an integer timeline: working minutes of the project calendar counted
from midnight of the project start day. Dates become datetimes only at the end, so a
portfolio of 50,000 tasks schedules in a fraction of a second.

Summary tasks are nodes of their own: they take the span of their children (child →
summary edges), and a link that reaches a summary applies to every task under it.
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from pmo_desktop.scheduling.calendar import WorkingCalendar
from pmo_desktop.scheduling.model import (
    LinkSpec,
    ScheduleInput,
    ScheduleResult,
    TaskResult,
    TaskSpec,
)

_FAR = 1 << 60


class SchedulingError(ValueError):
    """The plan cannot be scheduled as given (a loop of links, an unknown task)."""


class CycleError(SchedulingError):
    """Links form a loop; `tasks` names the tasks in it, in order."""

    def __init__(self, tasks: Sequence[TaskSpec]) -> None:
        self.task_ids = [task.id for task in tasks]
        names = " → ".join(f"{task.name or task.id}" for task in [*tasks, tasks[0]])
        super().__init__(f"These tasks are linked in a loop: {names}.")


@dataclass(slots=True)
class _Edge:
    """A link between graph nodes (already expanded from summary successors to leaves)."""

    source: int
    target: int
    type: str
    lag: int
    elapsed: bool


def schedule(plan: ScheduleInput) -> ScheduleResult:
    """Forward and backward passes: early/late dates, slack, critical flags, drivers."""
    # Hundreds of thousands of small lists and records, none of them cyclic: the cyclic
    # garbage collector would only rescan them again and again while they are built.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _Scheduler(plan).run()
    finally:
        if collecting:
            gc.enable()


class _Scheduler:
    def __init__(self, plan: ScheduleInput) -> None:
        self.plan = plan
        self.tasks = plan.tasks
        self.index = {task.id: position for position, task in enumerate(self.tasks)}
        if len(self.index) != len(self.tasks):
            raise SchedulingError("Two tasks share one id.")
        self.calendar = WorkingCalendar(plan.calendar, plan.start.date())
        self.task_calendars = {
            name: WorkingCalendar(spec, plan.start.date()) for name, spec in plan.calendars.items()
        }
        self.origin = self.calendar.offset(plan.start)
        # Where each task starts without predecessors: its project's start (portfolios).
        project_floor = {
            project: self._offset(start) for project, start in plan.project_starts.items()
        }
        self.floor = [project_floor.get(task.project, 0) for task in self.tasks]
        self.warnings: list[str] = []
        count = len(self.tasks)
        self.at_finish = [False] * count
        self.children: list[list[int]] = [[] for _ in range(count)]
        for position, task in enumerate(self.tasks):
            if task.parent is not None:
                parent = self.index.get(task.parent)
                if parent is None:
                    raise SchedulingError(f"Task {task.id} has an unknown parent {task.parent}.")
                self.children[parent].append(position)
        self.is_summary = [bool(children) for children in self.children]
        self.duration = [
            0 if self.is_summary[i] or task.milestone else max(task.duration, 0)
            for i, task in enumerate(self.tasks)
        ]
        #: Tasks on the project calendar, and those with no constraint or actual dates either:
        #: the passes take a fast path for them.
        self.plain = [task.calendar is None for task in self.tasks]
        self.simple = [
            plain
            and task.constraint == "ASAP"
            and task.actual_start is None
            and task.actual_finish is None
            and task.deadline is None
            for plain, task in zip(self.plain, self.tasks, strict=True)
        ]
        self.edges_in: list[list[_Edge]] = [[] for _ in range(count)]
        self.edges_out: list[list[_Edge]] = [[] for _ in range(count)]
        self._add_links(plan.links)
        self.order = self._topological_order()
        # Many tasks share dates: convert each distinct offset once.
        self._starts: dict[int, datetime] = {}
        self._landing = plan.start
        self._finishes: dict[int, datetime] = {}

    # -- graph ---------------------------------------------------------------------------

    def _leaves(self, node: int) -> list[int]:
        if not self.is_summary[node]:
            return [node]
        leaves: list[int] = []
        stack = [node]
        while stack:
            current = stack.pop()
            if self.is_summary[current]:
                stack.extend(self.children[current])
            else:
                leaves.append(current)
        return leaves

    def _add_links(self, links: Sequence[LinkSpec]) -> None:
        index, summary, tasks = self.index, self.is_summary, self.tasks
        edges_in, edges_out = self.edges_in, self.edges_out
        for link in links:
            source = index.get(link.predecessor)
            target = index.get(link.successor)
            if source is None or target is None:
                raise SchedulingError(
                    f"The link {link.predecessor} → {link.successor} names an unknown task."
                )
            unit = link.lag_unit
            lag = link.lag
            if unit == "percent":
                lag = round(tasks[source].duration * lag / 100)
            elapsed = unit == "elapsed"
            outgoing = edges_out[source]
            for leaf in self._leaves(target) if summary[target] else (target,):
                edge = _Edge(source, leaf, link.type, lag, elapsed)
                outgoing.append(edge)
                edges_in[leaf].append(edge)

    def _topological_order(self) -> list[int]:
        count = len(self.tasks)
        indegree = [len(self.edges_in[i]) + len(self.children[i]) for i in range(count)]
        parent_of = [self.index.get(task.parent) if task.parent is not None else None
                     for task in self.tasks]  # fmt: skip
        self.parent_of = parent_of
        ready = deque(i for i in range(count) if indegree[i] == 0)
        order: list[int] = []
        while ready:
            node = ready.popleft()
            order.append(node)
            for edge in self.edges_out[node]:
                indegree[edge.target] -= 1
                if indegree[edge.target] == 0:
                    ready.append(edge.target)
            parent = parent_of[node]
            if parent is not None:
                indegree[parent] -= 1
                if indegree[parent] == 0:
                    ready.append(parent)
        if len(order) != count:
            raise CycleError([self.tasks[i] for i in self._find_cycle(indegree)])
        return order

    def _find_cycle(self, indegree: list[int]) -> list[int]:
        """Walk back along unresolved edges until a node repeats: that is the loop."""
        remaining = {i for i, degree in enumerate(indegree) if degree > 0}
        node = min(remaining)
        seen: dict[int, int] = {}
        path: list[int] = []
        while node not in seen:
            seen[node] = len(path)
            path.append(node)
            sources = [edge.source for edge in self.edges_in[node] if edge.source in remaining]
            sources += [child for child in self.children[node] if child in remaining]
            node = min(sources)
        return list(reversed(path[seen[node] :]))

    # -- time conversions --------------------------------------------------------------

    def _offset(self, moment: datetime) -> int:
        return self.calendar.offset(moment) - self.origin

    def _start_moment(self, offset: int) -> datetime:
        moment = self._starts.get(offset)
        if moment is None:
            moment = self._starts[offset] = self.calendar.start_at(offset + self.origin)
        return moment

    def _finish_moment(self, offset: int) -> datetime:
        moment = self._finishes.get(offset)
        if moment is None:
            moment = self._finishes[offset] = self.calendar.finish_at(offset + self.origin)
        return moment

    def _finish_of(self, node: int, start: int) -> int:
        """Early finish of a task that starts at `start`, on its own calendar."""
        task = self.tasks[node]
        duration = self.duration[node]
        if task.calendar is None or duration == 0:
            return start + duration
        calendar = self.task_calendars[task.calendar]
        begin = calendar.next_start(self._start_moment(start))
        end = calendar.finish_at(calendar.offset(begin) + duration)
        return self._offset(end)

    def _start_of(self, node: int, finish: int) -> int:
        """Start of a task that must finish at `finish`, on its own calendar."""
        task = self.tasks[node]
        duration = self.duration[node]
        if task.calendar is None or duration == 0:
            return finish - duration
        calendar = self.task_calendars[task.calendar]
        end = calendar.previous_finish(self._finish_moment(finish))
        return self._offset(calendar.start_at(calendar.offset(end) - duration))

    def _shift(self, offset: int, lag: int, elapsed: bool, *, as_finish: bool) -> int:
        if not elapsed:
            return offset + lag
        moment = self._finish_moment(offset) if as_finish else self._start_moment(offset)
        self._landing = moment + timedelta(minutes=lag)
        return self._offset(self._landing)

    def _lands_on_finish(self, edge: _Edge) -> bool:
        """Whether a link puts a milestone at the end of a working period (else at a start).

        Adding working time lands at the end of a period, subtracting at the start of one;
        an elapsed lag lands on its exact instant (at a period's end, or the next start);
        with no lag the predecessor's end decides. Call right after the edge's bound.
        """
        if edge.elapsed:
            return self.calendar.finish_at(self.calendar.offset(self._landing)) == self._landing
        return edge.lag > 0 or (edge.lag == 0 and edge.type in ("FS", "FF"))

    # -- passes ------------------------------------------------------------------------

    def run(self) -> ScheduleResult:
        count = len(self.tasks)
        early_start = [0] * count
        early_finish = [0] * count
        driver: list[int | None] = [None] * count
        pinned_start: dict[int, int] = {}
        self._forward(early_start, early_finish, driver, pinned_start)
        finish = max((early_finish[i] for i in range(count)), default=0)
        # A task without successors may slip to the finish of its own project.
        ends: dict[int, int] = {}
        for node, task in enumerate(self.tasks):
            if early_finish[node] > ends.get(task.project, -_FAR):
                ends[task.project] = early_finish[node]
        project_finish = [ends[task.project] for task in self.tasks]
        late_start, late_finish = self._backward(early_start, early_finish, project_finish)
        alap = [i for i in range(count) if self.tasks[i].constraint == "ALAP" and not
                self.is_summary[i]]  # fmt: skip
        if alap:
            for node in alap:
                pinned_start[node] = late_start[node]
            self._forward(early_start, early_finish, driver, pinned_start)
            late_start, late_finish = self._backward(early_start, early_finish, project_finish)
        self.project_finish = project_finish
        return self._results(early_start, early_finish, late_start, late_finish, driver, finish)

    def _forward(
        self,
        early_start: list[int],
        early_finish: list[int],
        driver: list[int | None],
        pinned_start: dict[int, int],
    ) -> None:
        self.warnings.clear()
        summary, children, durations = self.is_summary, self.children, self.duration
        edges_in, plain, simple = self.edges_in, self.plain, self.simple
        at_finish, floor = self.at_finish, self.floor
        for node in self.order:
            if summary[node]:
                kids = children[node]
                early_start[node] = min([early_start[child] for child in kids])
                early_finish[node] = max([early_finish[child] for child in kids])
                continue
            duration = durations[node]
            start = floor[node]
            best: _Edge | None = None
            finish_style = False
            for edge in edges_in[node]:
                if edge.elapsed or not plain[node]:
                    bound = self._forward_bound(edge, early_start, early_finish, node)
                else:
                    kind = edge.type
                    if kind == "FS":
                        bound = early_finish[edge.source] + edge.lag
                    elif kind == "SS":
                        bound = early_start[edge.source] + edge.lag
                    elif kind == "FF":
                        # FF never pulls a task before the project start.
                        bound = max(early_finish[edge.source] + edge.lag - duration, floor[node])
                    else:
                        bound = early_start[edge.source] + edge.lag - duration
                if best is None or bound > start:
                    start, best = bound, edge
                    finish_style = self._lands_on_finish(edge)
                elif bound == start and finish_style:
                    # Equal offsets: the start of the next working time is the later instant.
                    finish_style = self._lands_on_finish(edge)
            driver[node] = best.source if best is not None else None
            at_finish[node] = best is not None and finish_style
            if simple[node] and node not in pinned_start:
                early_start[node] = start
                early_finish[node] = start + duration
                continue
            task = self.tasks[node]
            start = self._apply_start_constraint(node, task, start)
            if node in pinned_start:
                start = pinned_start[node]
            if task.actual_start is not None:
                start = self._offset(task.actual_start)
            early_start[node] = start
            if task.actual_finish is not None:
                early_finish[node] = self._offset(task.actual_finish)
            else:
                early_finish[node] = self._finish_of(node, start) if duration else start

    def _forward_bound(
        self, edge: _Edge, early_start: list[int], early_finish: list[int], node: int
    ) -> int:
        source = edge.source
        kind = edge.type
        if kind == "FS":
            return self._shift(early_finish[source], edge.lag, edge.elapsed, as_finish=True)
        if kind == "SS":
            return self._shift(early_start[source], edge.lag, edge.elapsed, as_finish=False)
        if kind == "FF":
            finish = self._shift(early_finish[source], edge.lag, edge.elapsed, as_finish=True)
            # FF never pulls a task before its project's start.
            return max(self._start_of(node, finish), self.floor[node])
        finish = self._shift(early_start[source], edge.lag, edge.elapsed, as_finish=False)
        return self._start_of(node, finish)

    def _apply_start_constraint(self, node: int, task: TaskSpec, start: int) -> int:
        """Constraint dates win over links (the link is then reported as not met)."""
        kind = task.constraint
        if task.constraint_date is None or kind in ("ASAP", "ALAP"):
            return start
        date = self._offset(task.constraint_date)
        if kind in ("SNET", "FNET"):
            earliest = date if kind == "SNET" else self._start_of(node, date)
            if earliest > start:
                self.at_finish[node] = kind == "FNET"
                return earliest
            return start
        fixed = date if kind in ("MSO", "SNLT") else self._start_of(node, date)
        if start > fixed:
            self.warnings.append(
                f"'{task.name or task.id}' keeps its {kind} constraint date; a link is not met."
            )
        elif kind in ("SNLT", "FNLT"):
            return start
        self.at_finish[node] = kind in ("MFO", "FNLT")
        return fixed

    def _backward(
        self, early_start: list[int], early_finish: list[int], project_finish: list[int]
    ) -> tuple[list[int], list[int]]:
        count = len(self.tasks)
        late_start = [0] * count
        late_finish = [0] * count
        # Bounds a summary's links put on the tasks under it: on their finishes (FS, FF: all
        # of them) and on their start (SS, SF: only the earliest-starting ones).
        inherited = [_FAR] * count
        inherited_start = [_FAR] * count
        summary, children, durations = self.is_summary, self.children, self.duration
        edges_out, plain, simple = self.edges_out, self.plain, self.simple
        for node in reversed(self.order):
            bound = inherited[node]
            if project_finish[node] < bound:
                bound = project_finish[node]
            start_bound = inherited_start[node]
            own = early_finish[node] - early_start[node]
            for edge in edges_out[node]:
                kind = edge.type
                if edge.elapsed:
                    value = self._backward_bound(edge, node, late_start, late_finish,
                                                 early_start, early_finish)  # fmt: skip
                elif kind == "FS":
                    value = late_start[edge.target] - edge.lag
                elif kind == "FF":
                    value = late_finish[edge.target] - edge.lag
                elif kind == "SS":
                    value = late_start[edge.target] - edge.lag + own
                else:
                    value = late_finish[edge.target] - edge.lag + own
                if kind in ("SS", "SF"):
                    if value - own < start_bound:
                        start_bound = value - own
                elif value < bound:
                    bound = value
            if summary[node]:
                bound = self._apply_finish_constraint(
                    node, self.tasks[node], bound, early_start, early_finish
                )
                first = early_start[node]
                for child in children[node]:
                    if bound < inherited[child]:
                        inherited[child] = bound
                    if early_start[child] == first and start_bound < inherited_start[child]:
                        inherited_start[child] = start_bound
                late_finish[node] = bound
                continue
            if start_bound < _FAR and start_bound + own < bound:
                bound = start_bound + own
            if simple[node]:
                late_finish[node] = bound
                late_start[node] = bound - durations[node]
                continue
            task = self.tasks[node]
            bound = self._apply_finish_constraint(node, task, bound, early_start, early_finish)
            if task.actual_finish is not None:
                bound = early_finish[node]
            late_finish[node] = bound
            late_start[node] = (
                early_start[node]
                if task.actual_start is not None
                else (bound - durations[node] if plain[node] else self._start_of(node, bound))
            )
        for node in self.order:
            if self.is_summary[node]:
                children = self.children[node]
                late_start[node] = min(late_start[child] for child in children)
                late_finish[node] = max(late_finish[child] for child in children)
        return late_start, late_finish

    def _backward_bound(
        self,
        edge: _Edge,
        node: int,
        late_start: list[int],
        late_finish: list[int],
        early_start: list[int],
        early_finish: list[int],
    ) -> int:
        target = edge.target
        own = early_finish[node] - early_start[node]
        kind = edge.type
        if kind == "FS":
            return self._shift(late_start[target], -edge.lag, edge.elapsed, as_finish=False)
        if kind == "FF":
            return self._shift(late_finish[target], -edge.lag, edge.elapsed, as_finish=True)
        if kind == "SS":
            start = self._shift(late_start[target], -edge.lag, edge.elapsed, as_finish=False)
            return start + own
        start = self._shift(late_finish[target], -edge.lag, edge.elapsed, as_finish=True)
        return start + own

    def _apply_finish_constraint(
        self,
        node: int,
        task: TaskSpec,
        bound: int,
        early_start: list[int],
        early_finish: list[int],
    ) -> int:
        if task.deadline is not None:
            bound = min(bound, self._offset(task.deadline))
        kind = task.constraint
        if task.constraint_date is None:
            return bound
        date = self._offset(task.constraint_date)
        if kind == "FNLT":
            return min(bound, date)
        if kind == "SNLT":
            return min(bound, self._finish_of(node, date))
        if kind in ("MSO", "MFO"):
            # A fixed date fixes the late dates too; only a deadline can pull them earlier.
            fixed = early_finish[node]
            return min(fixed, self._offset(task.deadline)) if task.deadline is not None else fixed
        return bound

    # -- results -----------------------------------------------------------------------

    def _results(
        self,
        early_start: list[int],
        early_finish: list[int],
        late_start: list[int],
        late_finish: list[int],
        driver: list[int | None],
        finish: int,
    ) -> ScheduleResult:
        threshold = self.plan.critical_slack
        results: dict[int, TaskResult] = {}
        free = self._free_slack(early_start, early_finish)
        summary, durations, at_finish, tasks = (
            self.is_summary,
            self.duration,
            self.at_finish,
            self.tasks,
        )
        start_moment, finish_moment = self._start_moment, self._finish_moment
        for node, task in enumerate(tasks):
            total = late_finish[node] - early_finish[node]
            if task.constraint == "ALAP" and not summary[node]:
                total = 0
            if durations[node] == 0 and not summary[node]:
                # A milestone is one instant: after a finish or a positive lag, the end of
                # the previous working time, else the start of the next; its late dates
                # always at the end of the previous working time.
                to_start = finish_moment if at_finish[node] else start_moment
                to_finish, late_start_at, late_finish_at = to_start, finish_moment, finish_moment
            else:
                to_start, to_finish = start_moment, finish_moment
                late_start_at, late_finish_at = start_moment, finish_moment
            start = to_start(early_start[node])
            end = to_finish(early_finish[node])
            driving = driver[node]
            results[task.id] = TaskResult(
                task.id,
                start,
                end,
                start,
                end,
                late_start_at(late_start[node]),
                late_finish_at(late_finish[node]),
                total,
                min(free[node], total) if total >= 0 else 0,
                total <= threshold and task.actual_finish is None,
                tasks[driving].id if driving is not None else None,
            )
            if task.deadline is not None and early_finish[node] > self._offset(task.deadline):
                self.warnings.append(f"'{task.name or task.id}' finishes after its deadline.")
        # A summary spans the instants its children show (a milestone's may be 08:00).
        for node in self.order:
            if summary[node]:
                spans = [results[tasks[child].id] for child in self.children[node]]
                own = results[tasks[node].id]
                own.start = own.early_start = min(child.start for child in spans)
                own.finish = own.early_finish = max(child.finish for child in spans)
        return ScheduleResult(results, self._finish_moment(finish), self.warnings)

    def _free_slack(self, early_start: list[int], early_finish: list[int]) -> list[int]:
        """How far each task can slip without moving any successor's early dates."""
        slack = [end - early for end, early in zip(self.project_finish, early_finish, strict=True)]
        for node in range(len(self.tasks)):
            edges = self.edges_out[node]
            if not edges:
                continue
            best = _FAR
            for edge in edges:
                target = edge.target
                if edge.type == "FS":
                    gap = early_start[target] - self._shift(
                        early_finish[node], edge.lag, edge.elapsed, as_finish=True
                    )
                elif edge.type == "SS":
                    gap = early_start[target] - self._shift(
                        early_start[node], edge.lag, edge.elapsed, as_finish=False
                    )
                elif edge.type == "FF":
                    gap = early_finish[target] - self._shift(
                        early_finish[node], edge.lag, edge.elapsed, as_finish=True
                    )
                else:
                    gap = early_finish[target] - self._shift(
                        early_start[node], edge.lag, edge.elapsed, as_finish=False
                    )
                best = min(best, gap)  # fmt: skip
            slack[node] = best
        return slack
