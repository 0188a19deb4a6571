"""Rescheduling after one edit, recomputing only what the edit can move (DESIGN.md §7).

`IncrementalScheduler` keeps the network and every stage of the last full schedule. An
edit (a task's duration, constraint, deadline, levelling delay or progress; a link added,
removed or given a new lag) changes the plan in place, then the forward pass runs again
from the edited task through the successors and summaries its early dates reach, the
backward pass from there through the predecessors its late dates reach (the whole project
when its finish moves), and only the TaskResults those touch are rebuilt. The result
equals a full `schedule()` of the edited plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from heapq import heapify, heappop, heappush

from pmo_desktop.scheduling.cpm_graph import CycleError, SchedulingError
from pmo_desktop.scheduling.cpm_passes import BackwardState, ForwardState
from pmo_desktop.scheduling.cpm_results import Scheduler
from pmo_desktop.scheduling.model import (
    Constraint,
    LinkSpec,
    ScheduleInput,
    ScheduleResult,
    TaskResult,
)

__all__ = ["CycleError", "IncrementalScheduler", "SchedulingError"]


class IncrementalScheduler:
    """A plan's schedule kept up to date edit by edit. Each edit returns the TaskResults
    that changed; `result` is the whole current schedule. The plan is edited in place."""

    def __init__(self, plan: ScheduleInput) -> None:
        self.engine = Scheduler(plan)
        self.engine.run()
        self._index_positions()
        self._project_nodes: dict[int, list[int]] = {}
        for node, task in enumerate(plan.tasks):
            self._project_nodes.setdefault(task.project, []).append(node)

    @property
    def plan(self) -> ScheduleInput:
        return self.engine.plan

    @property
    def result(self) -> ScheduleResult:
        return self.engine.result()

    # -- edits -------------------------------------------------------------------------

    def set_duration(self, task_id: int, minutes: int) -> dict[int, TaskResult]:
        """A task's duration (working minutes); percent lags from it follow."""
        engine = self.engine
        node = self._node(task_id)
        engine.tasks[node].duration = minutes
        engine.refresh_task(node)
        seeds = {node}
        for edge in engine.edges_out[node]:
            if edge.link.lag_unit == "percent":
                edge.lag = engine.link_lag(edge.link, node)
                seeds.add(edge.target)
        # Across an elapsed lag, or into a started task, a predecessor's bounds read this
        # duration itself (not only the dates it gives).
        around = seeds | {edge.source for edge in engine.edges_in[node] if edge.slow}
        return self._update(seeds, around)

    def set_constraint(
        self, task_id: int, constraint: Constraint, date: datetime | None = None
    ) -> dict[int, TaskResult]:
        node = self._node(task_id)
        task = self.engine.tasks[node]
        task.constraint, task.constraint_date = constraint, date
        return self._task_changed(node)

    def set_levelling_delay(self, task_id: int, minutes: int) -> dict[int, TaskResult]:
        """A task's levelling delay (working minutes, 0: none)."""
        if minutes < 0:
            raise SchedulingError("A levelling delay cannot be negative.")
        node = self._node(task_id)
        self.engine.tasks[node].levelling_delay = minutes
        return self._task_changed(node)

    def set_deadline(self, task_id: int, deadline: datetime | None) -> dict[int, TaskResult]:
        node = self._node(task_id)
        self.engine.tasks[node].deadline = deadline
        return self._task_changed(node)

    def set_progress(
        self,
        task_id: int,
        percent_complete: float = 0.0,
        actual_start: datetime | None = None,
        actual_finish: datetime | None = None,
        remaining: int | None = None,
    ) -> dict[int, TaskResult]:
        """A task's progress, all four fields at once (None: not recorded)."""
        node = self._node(task_id)
        task = self.engine.tasks[node]
        task.percent_complete, task.remaining = percent_complete, remaining
        task.actual_start, task.actual_finish = actual_start, actual_finish
        return self._task_changed(node)

    def add_link(self, link: LinkSpec) -> dict[int, TaskResult]:
        """Add a link; a loop raises CycleError and leaves plan and schedule unchanged."""
        engine = self.engine
        edges = engine.add_edges(link)
        engine.plan.links.append(link)
        position = self._position
        if any(position[edge.source] >= position[edge.target] for edge in edges):
            try:
                engine.reorder()
            except CycleError:
                engine.remove_edges(link)
                engine.plan.links.pop()
                raise
            self._index_positions()
        return self._link_changed(link)

    def remove_link(self, link: LinkSpec) -> dict[int, TaskResult]:
        """Remove the first link equal to `link`."""
        engine = self.engine
        if link not in engine.plan.links:
            raise SchedulingError(f"There is no link {link.predecessor} → {link.successor}.")
        engine.plan.links.remove(link)
        engine.remove_edges(link)
        return self._link_changed(link)

    def set_link_lag(self, link: LinkSpec, lag: int) -> dict[int, TaskResult]:
        """Give the first link equal to `link` a lag of `lag` working minutes.

        The plan then holds `replace(link, lag=lag, lag_unit="working")` last, as removing
        the link and adding that one leaves it (the same order of links breaks ties between
        driving predecessors the same way), and so does the schedule; at half the cost, as
        the link's network is the same: one update runs instead of two.
        """
        engine = self.engine
        source = self._node(link.predecessor)
        # The stored link by its edges, then its place by identity, from the end where the
        # last move of a drag put it: comparing dataclasses down a 7,500-link list costs
        # as much as the update. (Among equal links, which one goes makes no difference.)
        stored = next((edge.link for edge in engine.edges_out[source] if edge.link == link), None)
        links = engine.plan.links
        position = next(
            (index for index in range(len(links) - 1, -1, -1) if links[index] is stored), None
        )
        if stored is None or position is None:
            raise SchedulingError(f"There is no link {link.predecessor} → {link.successor}.")
        new = replace(link, lag=lag, lag_unit="working")
        del links[position]
        engine.remove_edges(stored)
        engine.add_edges(new)
        engine.plan.links.append(new)
        return self._link_changed(new)

    # -- machinery ---------------------------------------------------------------------

    def _node(self, task_id: int) -> int:
        node = self.engine.index.get(task_id)
        if node is None:
            raise SchedulingError(f"There is no task {task_id}.")
        return node

    def _index_positions(self) -> None:
        self._position = [0] * len(self.engine.tasks)
        for position, node in enumerate(self.engine.order):
            self._position[node] = position

    def _task_changed(self, node: int) -> dict[int, TaskResult]:
        engine = self.engine
        engine.refresh_task(node)
        engine.mark_slow(node)
        for state in (engine.stage1, engine.stage2):
            if state is not None:
                state.warning.pop(node, None)
        around = {node} | {edge.source for edge in engine.edges_in[node]}
        # Successors read which instant its dates are, which its constraint says.
        successors = {edge.target for edge in engine.edges_out[node]}
        return self._update({node} | successors, around)

    def _link_changed(self, link: LinkSpec) -> dict[int, TaskResult]:
        engine = self.engine
        source = engine.index[link.predecessor]
        targets = set(engine.leaves(engine.index[link.successor]))
        # An SS link into a started task binds by whether that task has successors.
        started = {edge.source for edge in engine.edges_in[source] if edge.slow}
        return self._update(targets, targets | {source} | started)

    def _update(self, forward_seeds: set[int], around: set[int]) -> dict[int, TaskResult]:
        """Bring every stage up to date after an edit of the nodes in `around`."""
        engine = self.engine
        stage1, back1 = engine.stage1, engine.back1
        old_final = engine.stage2 is not None
        changed1, visited1 = self._forward(stage1, forward_seeds | around, {})
        moved = self._update_project_finishes(changed1)
        back_visited1 = self._backward(stage1, back1, changed1 | around | moved)
        self._shown(stage1, back1, back_visited1 | changed1 | around)
        old_finish = engine.pinned_finish
        pins = engine.alap_pins(back1)
        if not pins:
            engine.stage2 = engine.back2 = None
            forward, backward = stage1, back1
            changed, visited, back_visited = changed1, visited1, back_visited1
        else:
            if engine.stage2 is None or engine.back2 is None:
                engine.stage2, engine.back2, engine.pinned = stage1.copy(), back1.copy(), {}
            old_pins = engine.pinned
            new_finish = engine.pinned_finish
            repinned = {node for node in pins.keys() | old_pins.keys()
                        if pins.get(node) != old_pins.get(node)
                        or new_finish.get(node) != old_finish.get(node)}  # fmt: skip
            engine.pinned = pins
            forward, backward = engine.stage2, engine.back2
            # A summary's first-pass start says which task starts it in this round.
            parent_of = engine.parent_of
            leads = {parent for node in changed1 if (parent := parent_of[node]) is not None}
            changed, visited = self._forward(
                forward, forward_seeds | around | repinned | leads, pins
            )
            # A summary's first-pass start says which task its SS/SF links bind.
            back_visited = self._backward(forward, backward, changed | around | moved | changed1)
            self._shown(forward, backward, back_visited | changed | around)
        if old_final != (engine.stage2 is not None):
            return self._rebuild_all(free=True)
        predecessors = {edge.source for node in changed for edge in engine.edges_in[node]}
        # A project's finish bounds the free slack of its tasks without live successors.
        edges_out, done = engine.edges_out, engine.done
        ends = {node for node in moved
                if all(done[edge.target] for edge in edges_out[node])}  # fmt: skip
        free_nodes = changed | predecessors | around | ends
        engine.free_slack(free_nodes, forward, engine.project_finish)
        dirty = visited | back_visited | free_nodes | changed1 | moved
        return self._rebuild(dirty, forward, backward)

    def _update_project_finishes(self, changed: set[int]) -> set[int]:
        """Recompute the finish of each project with a changed task; the tasks of every
        project whose finish moved are returned (their late dates and slack follow it)."""
        engine = self.engine
        early_finish, tasks = engine.stage1.early_finish, engine.tasks
        moved: set[int] = set()
        for project in {tasks[node].project for node in changed}:
            nodes = self._project_nodes[project]
            end = max([early_finish[node] for node in nodes])
            if end != engine.project_ends[project]:
                engine.project_ends[project] = end
                for node in nodes:
                    engine.project_finish[node] = end
                moved.update(nodes)
        if engine.work_calendars:
            # The instants projects end at (few tasks are off the project calendar).
            old = engine.project_end_moments
            engine.project_end_moments = engine.exact_project_ends(
                engine.stage1, engine.work_calendars.keys()
            )
            for project in old.keys() | engine.project_end_moments.keys():
                if old.get(project) != engine.project_end_moments.get(project):
                    moved.update(self._project_nodes[project])
        return moved

    def _forward(
        self, state: ForwardState, seeds: Iterable[int], pinned: dict[int, int]
    ) -> tuple[set[int], set[int]]:
        changed: set[int] = set()
        visited: set[int] = set()
        self.engine.forward(state, self._forward_walk(state, seeds, changed, visited), pinned)
        return changed, visited

    def _forward_walk(
        self, state: ForwardState, seeds: Iterable[int], changed: set[int], visited: set[int]
    ) -> Iterator[int]:
        """Dirty nodes in topological order; a node whose early dates moved adds its
        successors and its summary (the pass runs between `yield` and the check)."""
        position, engine = self._position, self.engine
        edges_out, parent_of = engine.edges_out, engine.parent_of
        early_start, early_finish = state.early_start, state.early_finish
        # Where a milestone sits (end or start of working time) moves links from it.
        at_finish, start_at_finish = state.at_finish, state.start_at_finish
        queued = set(seeds)
        heap = [(position[node], node) for node in queued]
        heapify(heap)
        while heap:
            node = heappop(heap)[1]
            before = (early_start[node], early_finish[node], at_finish[node], start_at_finish[node])
            yield node
            visited.add(node)
            now = (early_start[node], early_finish[node], at_finish[node], start_at_finish[node])
            if now == before:
                continue
            changed.add(node)
            after = [edge.target for edge in edges_out[node]]
            if parent_of[node] is not None:
                after.append(parent_of[node])  # type: ignore[arg-type]
            for successor in after:
                if successor not in queued:
                    queued.add(successor)
                    heappush(heap, (position[successor], successor))

    def _backward(self, forward: ForwardState, state: BackwardState, seeds: set[int]) -> set[int]:
        engine = self.engine
        parent_of = engine.parent_of
        # A summary reads which of its children starts first.
        parents = {parent_of[node] for node in seeds} - {None}
        count = len(engine.tasks)
        if len(seeds) * 4 > count:
            # Most of the plan is dirty (its finish moved): a plain pass is cheaper.
            engine.backward(forward, state, reversed(engine.order), engine.project_finish)
            return set(range(count))
        visited: set[int] = set()
        walk = self._backward_walk(state, seeds | parents, visited)  # type: ignore[operator]
        engine.backward(forward, state, walk, engine.project_finish)
        return visited

    def _backward_walk(
        self, state: BackwardState, seeds: set[int], visited: set[int]
    ) -> Iterator[int]:
        """Dirty nodes in reverse topological order; a task whose late dates moved adds its
        predecessors, a summary the children whose inherited bounds moved."""
        position, engine = self._position, self.engine
        edges_in, children, summary = engine.edges_in, engine.children, engine.is_summary
        late_start, late_finish = state.late_start, state.late_finish
        inherited, inherited_start = state.inherited, state.inherited_start
        queued = set(seeds)
        heap = [(-position[node], node) for node in queued]
        heapify(heap)
        while heap:
            node = heappop(heap)[1]
            if summary[node]:
                kids = children[node]
                before = [(inherited[kid], inherited_start[kid]) for kid in kids]
                yield node
                after = [kid for kid, old in zip(kids, before, strict=True)
                         if (inherited[kid], inherited_start[kid]) != old]  # fmt: skip
            else:
                old = (late_start[node], late_finish[node])
                yield node
                unchanged = (late_start[node], late_finish[node]) == old
                after = [] if unchanged else [edge.source for edge in edges_in[node]]
            visited.add(node)
            for other in after:
                if other not in queued:
                    queued.add(other)
                    heappush(heap, (-position[other], other))

    def _shown(self, forward: ForwardState, state: BackwardState, leaves: set[int]) -> None:
        engine = self.engine
        if len(leaves) == len(engine.tasks):
            engine.roll_up_all(forward, state)
            return
        summaries = self._ancestors(leaves)
        for node in leaves:
            if not engine.is_summary[node]:
                engine.shown_late(node, forward, state)
        for node in engine.summary_order:
            if node in summaries:
                engine.shown_late(node, forward, state)

    def _ancestors(self, nodes: Iterable[int]) -> set[int]:
        parent_of, is_summary = self.engine.parent_of, self.engine.is_summary
        found = {node for node in nodes if is_summary[node]}
        for node in nodes:
            parent = parent_of[node]
            while parent is not None and parent not in found:
                found.add(parent)
                parent = parent_of[parent]
        return found

    def _rebuild(
        self, dirty: set[int], forward: ForwardState, backward: BackwardState
    ) -> dict[int, TaskResult]:
        engine = self.engine
        tasks, results = engine.tasks, engine.results
        if len(dirty) == len(tasks):
            return self._rebuild_all()
        summaries = self._ancestors(dirty)
        nodes = dirty | summaries
        before = {tasks[node].id: results[tasks[node].id] for node in nodes}
        engine.make_results(nodes, forward, backward, results)
        engine.span_summaries([n for n in engine.summary_order if n in summaries], results)
        return {task_id: results[task_id] for task_id, old in before.items()
                if results[task_id] != old}  # fmt: skip

    def _rebuild_all(self, *, free: bool = False) -> dict[int, TaskResult]:
        """The final stage changed (ALAP tasks appeared or went): every result may move."""
        engine = self.engine
        before = dict(engine.results)
        forward, backward = engine.final()
        count = len(engine.tasks)
        if free:
            engine.free_slack(range(count), forward, engine.project_finish)
        engine.make_results(range(count), forward, backward, engine.results)
        engine.span_summaries(engine.summary_order, engine.results)
        return {task_id: result for task_id, result in engine.results.items()
                if before[task_id] != result}  # fmt: skip
