"""The forward and backward passes of the CPM, with Microsoft Project's conventions.

Each pass walks the nodes it is given (the whole topological order for a full schedule,
only the dirty ones for an incremental one) and reads and writes its state arrays, so
that both runs share one implementation. The usual task (on the project calendar, no
constraint, progress or elapsed lag: Graph.quick) takes a fast path of integer arithmetic
over the edge columns; the others follow the rules of cpm_rules.py.
"""

from __future__ import annotations

from collections.abc import Iterable

from pmo_desktop.scheduling.cpm_graph import FAR
from pmo_desktop.scheduling.cpm_rules import START_DATED, TaskRules
from pmo_desktop.scheduling.cpm_state import BackwardState, ForwardState

__all__ = ["START_DATED", "BackwardState", "ForwardState", "Passes"]


class Passes(TaskRules):
    """Forward and backward passes over a Graph: a fast path in integers for the usual
    task, the rules of cpm_rules.py for the others."""

    def forward(self, state: ForwardState, nodes: Iterable[int], pinned: dict[int, int]) -> None:
        early_start, early_finish = state.early_start, state.early_finish
        driver, at_finish = state.driver, state.at_finish
        summary, children, durations = self.is_summary, self.children, self.duration
        edges_in, quick, simple = self.edges_in, self.quick, self.simple
        floor, edges_out, parent_of = self.floor, self.edges_out, self.parent_of
        sources, types, lags = self.edge_source, self.edge_type, self.edge_lag
        low = -FAR
        for node in nodes:
            if quick[node]:
                duration = durations[node]
                if not duration:
                    # A milestone: which instant its links put it at (see below).
                    self._forward_task(node, state, pinned, True)
                    continue
                # A task on the project calendar with a duration, no constraint or
                # progress, no elapsed lag in: its start is the latest of its links'
                # bounds (the first of equal ones drives it), in integers.
                edges = edges_in[node]
                if not edges:
                    driver[node] = None
                    start = floor[node]
                else:
                    start = low
                    for edge in edges:
                        kind = types[edge]
                        if kind == "FS":
                            bound = early_finish[sources[edge]] + lags[edge]
                        elif kind == "SS":
                            bound = early_start[sources[edge]] + lags[edge]
                        elif kind == "FF":
                            bound = early_finish[sources[edge]] + lags[edge] - duration
                            if bound < floor[node]:
                                # FF never pulls a task before the project start.
                                bound = floor[node]
                        else:
                            bound = early_start[sources[edge]] + lags[edge] - duration
                        if bound > start:
                            start, best = bound, edge
                    driver[node] = sources[best]
                at_finish[node] = False
                early_start[node] = start
                early_finish[node] = start + duration
                continue
            if summary[node]:
                # Its children's span (min() and max() cost more than the loop, of their
                # slice too).
                kids = children[node]
                start, finish = early_start[kids[0]], early_finish[kids[0]]
                for child in kids:
                    value = early_start[child]
                    if value < start:
                        start = value
                    value = early_finish[child]
                    if value > finish:
                        finish = value
                if pinned:
                    # The ALAP round: a summary starts as the task it started with before.
                    start = early_start[self.earliest_child(node, self.lead_start)]
                early_start[node], early_finish[node] = start, finish
                if edges_out[node] or parent_of[node] is not None:
                    self._summary_instants(node, state)
                continue
            self._forward_task(node, state, pinned, simple[node] and node not in pinned)

    def _forward_task(
        self, node: int, state: ForwardState, pinned: dict[int, int], is_simple: bool
    ) -> None:
        """The forward pass of a task off its fast path: a milestone (which instant its
        links put it at), a task with an elapsed lag in, a constraint, progress or
        calendars of its own (see `_place`)."""
        early_start, early_finish = state.early_start, state.early_finish
        sources, types, lags, elapsed = (
            self.edge_source, self.edge_type, self.edge_lag, self.edge_elapsed
        )  # fmt: skip
        duration = self.duration[node]
        start = floor = self.floor[node]
        best: int | None = None
        finish_style = False
        general = not self.plain[node]
        for edge in self.edges_in[node]:
            if general or elapsed[edge]:
                bound = self._forward_bound(edge, state, node)
            else:
                kind = types[edge]
                if kind == "FS":
                    bound = early_finish[sources[edge]] + lags[edge]
                elif kind == "SS":
                    bound = early_start[sources[edge]] + lags[edge]
                elif kind == "FF":
                    bound = early_finish[sources[edge]] + lags[edge] - duration
                    if bound < floor:
                        # FF never pulls a task before the project start.
                        bound = floor
                else:
                    bound = early_start[sources[edge]] + lags[edge] - duration
            if best is None or bound > start:
                start, best = bound, edge
                if not duration:
                    finish_style = self.lands_on_finish(edge, state, bound, node)
            elif bound == start and finish_style:
                # Equal offsets: the start of the next working time is the later instant.
                finish_style = self.lands_on_finish(edge, state, bound, node)
        state.driver[node] = None if best is None else sources[best]
        state.at_finish[node] = best is not None and finish_style
        if is_simple:
            early_start[node] = start
            early_finish[node] = start + duration
            return
        # Off the project calendar, a task after a finish may start in the evening.
        self._after_finish = (
            best is not None and types[best] == "FS" and lags[best] >= 0 and not elapsed[best]
        )
        self._place(node, start, state, pinned)

    def backward(
        self,
        forward: ForwardState,
        state: BackwardState,
        nodes: Iterable[int],
        project_finish: list[int],
        free: list[int] | None = None,
    ) -> list[int]:
        """Late dates of `nodes` (in reverse topological order); see roll_up for summaries.

        With `free` (when `forward` is final: a full run without ALAP tasks), the walk
        of each fast-path task's links also gives its free slack (as `free_slack` does);
        the nodes it was not given for are returned."""
        early_start, early_finish = forward.early_start, forward.early_finish
        late_start, late_finish = state.late_start, state.late_finish
        inherited, inherited_start = state.inherited, state.inherited_start
        durations, edges_out, quick = self.duration, self.edges_out, self.quick
        targets, types, lags = self.edge_target, self.edge_type, self.edge_lag
        others: list[int] = []
        for node in nodes:
            if not quick[node]:
                self._backward_node(node, forward, state, project_finish)
                others.append(node)
                continue
            # A task on the project calendar, no constraint, progress or slow link out:
            # its links' bounds in integers (an SS or SF link bounds its start).
            bound = inherited[node]
            if project_finish[node] < bound:
                bound = project_finish[node]
            start_bound = inherited_start[node]
            if free is None:
                for edge in edges_out[node]:
                    kind = types[edge]
                    if kind == "FS":
                        value = late_start[targets[edge]] - lags[edge]
                        if value < bound:
                            bound = value
                    elif kind == "FF":
                        value = late_finish[targets[edge]] - lags[edge]
                        if value < bound:
                            bound = value
                    elif kind == "SS":
                        value = late_start[targets[edge]] - lags[edge]
                        if value < start_bound:
                            start_bound = value
                    elif kind == "SF":
                        value = late_finish[targets[edge]] - lags[edge]
                        if value < start_bound:
                            start_bound = value
                    else:  # no link type: its bound is on the finish (the span's)
                        value = late_finish[targets[edge]] - lags[edge]
                        value += early_finish[node] - early_start[node]
                        if value < bound:
                            bound = value
            else:
                # The same, and the gap each link leaves to its successor's early dates.
                start, finish = early_start[node], early_finish[node]
                slack = FAR
                for edge in edges_out[node]:
                    target, kind, lag = targets[edge], types[edge], lags[edge]
                    if kind == "FS":
                        value = late_start[target] - lag
                        if value < bound:
                            bound = value
                        gap = early_start[target] - finish - lag
                    elif kind == "FF":
                        value = late_finish[target] - lag
                        if value < bound:
                            bound = value
                        gap = early_finish[target] - finish - lag
                    elif kind == "SS":
                        value = late_start[target] - lag
                        if value < start_bound:
                            start_bound = value
                        gap = early_start[target] - start - lag
                    else:
                        value = late_finish[target] - lag
                        if kind == "SF":
                            if value < start_bound:
                                start_bound = value
                        else:  # no link type
                            value += finish - start
                            if value < bound:
                                bound = value
                        gap = early_finish[target] - start - lag
                    if gap < slack:
                        slack = gap
                free[node] = project_finish[node] - finish if slack is FAR else slack
            if start_bound is not FAR:  # (FAR itself: no bound; `is` spares a long compare)
                value = start_bound + early_finish[node] - early_start[node]
                if value < bound:
                    bound = value
            late_finish[node] = bound
            late_start[node] = bound - durations[node]
        return others

    def _backward_node(
        self, node: int, forward: ForwardState, state: BackwardState, project_finish: list[int]
    ) -> None:
        """`backward` for a summary, or a task off its fast path."""
        early_start, early_finish = forward.early_start, forward.early_finish
        late_start, late_finish = state.late_start, state.late_finish
        targets, types, lags, slow = (
            self.edge_target, self.edge_type, self.edge_lag, self.edge_slow
        )  # fmt: skip
        summary = self.is_summary[node]
        bound = state.inherited[node]
        if project_finish[node] < bound:
            bound = project_finish[node]
        start_bound = state.inherited_start[node]
        is_simple = self.simple[node]
        # Off the project calendar, an SS or SF link bounds the finish of the task's
        # work from the successor's date, as MPXJ does (not start + the early span).
        work = not (is_simple or self.plain[node] or self.started[node] or summary)
        for edge in self.edges_out[node]:
            kind = types[edge]
            target = targets[edge]
            if slow[edge]:
                if work and kind == "SF" and not self.done[target]:
                    finish = self.finish_of(node, late_finish[target])
                    value = self.shift(finish, -lags[edge], self.edge_elapsed[edge], as_finish=True)
                    if value < bound:
                        bound = value
                    continue
                found = self._backward_bound(edge, node, forward, state, project_finish)
                if found is None:
                    continue
                if kind in ("SS", "SF"):
                    # The bound on the finish, less the early span: on the start.
                    found -= early_finish[node] - early_start[node]
                    if found < start_bound:
                        start_bound = found
                elif found < bound:
                    bound = found
            elif kind == "FS":
                value = late_start[target] - lags[edge]
                if value < bound:
                    bound = value
            elif kind == "FF":
                value = late_finish[target] - lags[edge]
                if value < bound:
                    bound = value
            elif work:
                if kind == "SS":
                    value = self.finish_of(node, late_start[target] - lags[edge])
                else:  # SF: the work from the successor's late finish, less the lag
                    value = self.finish_of(node, late_finish[target]) - lags[edge]
                if value < bound:
                    bound = value
            # SS and SF links bound the start (the finish follows, below).
            elif kind == "SS":
                value = late_start[target] - lags[edge]
                if value < start_bound:
                    start_bound = value
            elif kind == "SF":
                value = late_finish[target] - lags[edge]
                if value < start_bound:
                    start_bound = value
            else:  # no link type: its bound is on the finish (the span's)
                own = early_finish[node] - early_start[node]
                value = late_finish[target] - lags[edge] + own
                if value < bound:
                    bound = value
        if summary:
            task = self.tasks[node]
            if task.deadline is not None or task.constraint_date is not None:
                bound = self._apply_finish_constraint(node, task, bound, forward)
            state.start_bound[node] = start_bound
            inherited, inherited_start = state.inherited, state.inherited_start
            for child in self.children[node]:
                inherited[child] = bound
                inherited_start[child] = FAR
            if start_bound < FAR:
                inherited_start[self.earliest_child(node, self.lead_start)] = start_bound
            late_finish[node] = bound
            return
        if start_bound < FAR:
            # An SS or SF link across elapsed time or into a started task: the same.
            if work:
                by_start = self.finish_of(node, start_bound)
            else:
                by_start = start_bound + early_finish[node] - early_start[node]
            if by_start < bound:
                bound = by_start
        if is_simple:
            late_finish[node] = bound
            late_start[node] = bound - self.duration[node]
            return
        self._late_dates(node, bound, forward, state)
