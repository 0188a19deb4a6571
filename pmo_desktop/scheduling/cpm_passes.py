"""The forward and backward passes of the CPM, with Microsoft Project's conventions.

Each pass walks the nodes it is given (the whole topological order for a full schedule,
only the dirty ones for an incremental one) and reads and writes its state arrays, so
that both runs share one implementation. Progress follows MPXJ's MicrosoftScheduler
(actual dates are fixed; links into finished tasks no longer bind their predecessors),
plus the status date of DESIGN.md §4 (remaining work is not scheduled before it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pmo_desktop.scheduling.cpm_graph import FAR, Edge, Graph
from pmo_desktop.scheduling.model import TaskSpec


@dataclass(slots=True)
class ForwardState:
    """Early dates of every node, the predecessor that set them, and constraint warnings."""

    early_start: list[int]
    early_finish: list[int]
    driver: list[int | None]
    #: Whether a milestone sits at the end of the previous working time (else next start).
    at_finish: list[bool]
    warning: dict[int, str]

    @classmethod
    def empty(cls, count: int) -> ForwardState:
        return cls([0] * count, [0] * count, [None] * count, [False] * count, {})

    def copy(self) -> ForwardState:
        return ForwardState(self.early_start[:], self.early_finish[:], self.driver[:],
                            self.at_finish[:], dict(self.warning))  # fmt: skip


@dataclass(slots=True)
class BackwardState:
    """Late dates as the pass reads them, the bounds summaries pass down, and the shown
    late dates (a started task shows its actual start, a summary its children's span)."""

    late_start: list[int]
    late_finish: list[int]
    inherited: list[int]
    inherited_start: list[int]
    start_bound: list[int]
    shown_start: list[int]
    shown_finish: list[int]

    @classmethod
    def empty(cls, count: int) -> BackwardState:
        return cls([0] * count, [0] * count, [FAR] * count, [FAR] * count, [FAR] * count,
                   [0] * count, [0] * count)  # fmt: skip

    def copy(self) -> BackwardState:
        return BackwardState(self.late_start[:], self.late_finish[:], self.inherited[:],
                             self.inherited_start[:], self.start_bound[:],
                             self.shown_start[:], self.shown_finish[:])  # fmt: skip


class Passes(Graph):
    """Forward and backward passes over a Graph."""

    def forward(self, state: ForwardState, nodes: Iterable[int], pinned: dict[int, int]) -> None:
        early_start, early_finish = state.early_start, state.early_finish
        driver, at_finish = state.driver, state.at_finish
        summary, children, durations = self.is_summary, self.children, self.duration
        edges_in, plain, simple = self.edges_in, self.plain, self.simple
        floor = self.floor
        for node in nodes:
            if summary[node]:
                kids = children[node]
                early_start[node] = min([early_start[child] for child in kids])
                early_finish[node] = max([early_finish[child] for child in kids])
                continue
            duration = durations[node]
            start = floor[node]
            best: Edge | None = None
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
                    finish_style = self.lands_on_finish(edge)
                elif bound == start and finish_style:
                    # Equal offsets: the start of the next working time is the later instant.
                    finish_style = self.lands_on_finish(edge)
            driver[node] = best.source if best is not None else None
            at_finish[node] = best is not None and finish_style
            if simple[node] and node not in pinned:
                early_start[node] = start
                early_finish[node] = start + duration
                continue
            self._place(node, start, state, pinned)

    def _place(self, node: int, start: int, state: ForwardState, pinned: dict[int, int]) -> None:
        """Early dates of a task with constraints, progress, a status date or a calendar."""
        task = self.tasks[node]
        state.warning.pop(node, None)
        duration = self.duration[node]
        if self.started[node]:
            start = self.offset(task.actual_start)  # type: ignore[arg-type]
        else:
            if self.status is not None and start < self.status:
                # Work not started yet is not planned before the status date.
                start = self.status
                state.at_finish[node] = False
            start = self._apply_start_constraint(node, task, start, state)
            if node in pinned:
                start = pinned[node]
        state.early_start[node] = start
        if task.actual_finish is not None:
            finish = self.offset(task.actual_finish)
        else:
            finish = self.finish_of(node, start) if duration else start
            if self.started[node]:
                finish = self._started_finish(node, task, start, finish)
        state.early_finish[node] = finish

    def _started_finish(self, node: int, task: TaskSpec, start: int, finish: int) -> int:
        remaining = self.remaining[node]
        if self.status is not None and remaining:
            completed = self.finish_of(node, start, self.duration[node] - remaining)
            if completed < self.status:
                # The completed part ends before the status date: what remains starts there.
                finish = self.finish_of(node, self.status, remaining)
        if task.constraint == "FNET" and task.constraint_date is not None:
            finish = max(finish, self.offset(task.constraint_date))
        return finish

    def _forward_bound(
        self, edge: Edge, early_start: list[int], early_finish: list[int], node: int
    ) -> int:
        source = edge.source
        kind = edge.type
        if kind == "FS":
            return self.shift(early_finish[source], edge.lag, edge.elapsed, as_finish=True)
        if kind == "SS":
            return self.shift(early_start[source], edge.lag, edge.elapsed, as_finish=False)
        if kind == "FF":
            finish = self.shift(early_finish[source], edge.lag, edge.elapsed, as_finish=True)
            # FF never pulls a task before its project's start.
            return max(self.start_of(node, finish), self.floor[node])
        finish = self.shift(early_start[source], edge.lag, edge.elapsed, as_finish=False)
        return self.start_of(node, finish)

    def _apply_start_constraint(
        self, node: int, task: TaskSpec, start: int, state: ForwardState
    ) -> int:
        """Constraint dates win over links (the link is then reported as not met)."""
        kind = task.constraint
        if task.constraint_date is None or kind in ("ASAP", "ALAP"):
            return start
        date = self.offset(task.constraint_date)
        if kind in ("SNET", "FNET"):
            earliest = date if kind == "SNET" else self.start_of(node, date)
            if earliest > start:
                state.at_finish[node] = kind == "FNET"
                return earliest
            return start
        fixed = date if kind in ("MSO", "SNLT") else self.start_of(node, date)
        if start > fixed:
            state.warning[node] = (
                f"'{task.name or task.id}' keeps its {kind} constraint date; a link is not met."
            )
        elif kind in ("SNLT", "FNLT"):
            return start
        state.at_finish[node] = kind in ("MFO", "FNLT")
        return fixed

    def backward(
        self,
        forward: ForwardState,
        state: BackwardState,
        nodes: Iterable[int],
        project_finish: list[int],
    ) -> None:
        """Late dates of `nodes` (in reverse topological order); see roll_up for summaries."""
        early_start, early_finish = forward.early_start, forward.early_finish
        late_start, late_finish = state.late_start, state.late_finish
        inherited, inherited_start = state.inherited, state.inherited_start
        summary, children, durations = self.is_summary, self.children, self.duration
        edges_out, simple = self.edges_out, self.simple
        for node in nodes:
            bound = inherited[node]
            if project_finish[node] < bound:
                bound = project_finish[node]
            start_bound = inherited_start[node]
            own = early_finish[node] - early_start[node]
            for edge in edges_out[node]:
                kind = edge.type
                if edge.slow:
                    value = self._backward_bound(edge, node, forward, state, project_finish)
                    if value is None:
                        continue
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
                bound = self._apply_finish_constraint(node, self.tasks[node], bound, forward)
                first = early_start[node]
                state.start_bound[node] = start_bound
                for child in children[node]:
                    inherited[child] = bound
                    inherited_start[child] = start_bound if early_start[child] == first else FAR
                late_finish[node] = bound
                continue
            if start_bound < FAR and start_bound + own < bound:
                bound = start_bound + own
            if simple[node]:
                late_finish[node] = bound
                late_start[node] = bound - durations[node]
                continue
            self._late_dates(node, bound, forward, state)

    def _late_dates(
        self, node: int, bound: int, forward: ForwardState, state: BackwardState
    ) -> None:
        task = self.tasks[node]
        if self.done[node]:
            # Finished: its predecessors no longer answer to it (FAR is never binding).
            state.late_start[node] = state.late_finish[node] = FAR
            return
        if (
            self.started[node]
            and self.duration[node] == 0
            and any(not self.done[edge.target] for edge in self.edges_out[node])
        ):
            bound = self.offset(task.actual_start)  # type: ignore[arg-type]
        bound = self._apply_finish_constraint(node, task, bound, forward)
        state.late_finish[node] = bound
        # What predecessors read: the latest start of the work still to do.
        state.late_start[node] = self.start_of(node, bound, self.remaining[node])

    def _backward_bound(
        self,
        edge: Edge,
        node: int,
        forward: ForwardState,
        state: BackwardState,
        project_finish: list[int],
    ) -> int | None:
        """A slow edge's bound on `node`, as `backward` reads it; None: the edge binds not."""
        target = edge.target
        if self.done[target]:
            return None
        own = forward.early_finish[node] - forward.early_start[node]
        kind = edge.type
        lag = -edge.lag
        if kind == "FS":
            return self.shift(state.late_start[target], lag, edge.elapsed, as_finish=False)
        if kind == "FF":
            return self.shift(state.late_finish[target], lag, edge.elapsed, as_finish=True)
        if kind == "SS":
            if self.started[node]:
                return project_finish[node]
            if self.started[target]:
                if not self.edges_out[target]:
                    return project_finish[node]
                actual = self.duration[target] - self.remaining[target]
                target_start = self.offset(self.tasks[target].actual_start)  # type: ignore[arg-type]
                return self.finish_of(node, self.finish_of(target, target_start, actual))
            start = self.shift(state.late_start[target], lag, edge.elapsed, as_finish=False)
            return start + own
        start = self.shift(state.late_finish[target], lag, edge.elapsed, as_finish=True)
        return start + own

    def _apply_finish_constraint(
        self, node: int, task: TaskSpec, bound: int, forward: ForwardState
    ) -> int:
        if task.deadline is not None:
            bound = min(bound, self.offset(task.deadline))
        kind = task.constraint
        if task.constraint_date is None:
            return bound
        date = self.offset(task.constraint_date)
        if kind == "FNLT":
            return min(bound, date)
        if kind == "SNLT":
            return min(bound, self.finish_of(node, date))
        if kind in ("MSO", "MFO"):
            # A fixed date fixes the late dates too; only a deadline can pull them earlier.
            fixed = forward.early_finish[node]
            return min(fixed, self.offset(task.deadline)) if task.deadline is not None else fixed
        return bound

    def shown_late(self, node: int, forward: ForwardState, state: BackwardState) -> None:
        """The late dates a task shows: a finished one its own dates, a started one its
        actual start; a summary the span of its children (call children first)."""
        if self.is_summary[node]:
            kids = self.children[node]
            state.shown_start[node] = min([state.shown_start[child] for child in kids])
            state.shown_finish[node] = max([state.shown_finish[child] for child in kids])
        elif self.done[node]:
            state.shown_start[node] = forward.early_start[node]
            state.shown_finish[node] = forward.early_finish[node]
        else:
            started = self.started[node]
            state.shown_start[node] = (
                forward.early_start[node] if started else state.late_start[node]
            )
            state.shown_finish[node] = state.late_finish[node]
