"""Rescheduling after one edit, recomputing only what the edit can move (DESIGN.md §7).

`IncrementalScheduler` keeps the network and every stage of the last full schedule. An
edit (a task's duration, constraint, deadline, levelling delay or progress; a link added,
removed or given a new lag) changes the plan in place, then the forward pass runs again
from the edited task through the successors and summaries its early dates reach, the
backward pass from there through the predecessors its late dates reach (the whole project
when its finish moves), and only the TaskResults those touch are rebuilt. The result
equals a full `schedule()` of the edited plan.

The late dates and the TaskResults are brought up to date when first asked for (the
edit's `Changes` as a mapping, or `result`), not by the edit: a drag preview needs only
the bars that moved (`Changes.spans`), and when the project's finish moves every task's
late dates and slack change: a backward pass over the whole project and thousands of
results that no mouse move would look at. The backward pass then runs once, from the
seeds of every edit since it last ran (ALAP tasks sit on their late dates: with one in
the plan it runs at each edit). Then only the late side of results whose early dates held
is rebuilt.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import datetime
from heapq import heapify, heappop, heappush
from weakref import ref

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

__all__ = ["Changes", "CycleError", "IncrementalScheduler", "SchedulingError", "Span"]

#: A task's (start, finish) as its TaskResult shows them.
Span = tuple[datetime, datetime]


class Changes(Mapping[int, TaskResult]):
    """What one edit changed. `spans`: task id → the new (start, finish) of each task whose
    span changed (at once). As a mapping: task id → each TaskResult that changed, built on
    first use; use it before the next edit (it raises SchedulingError after one). When
    earlier edits' results were never built, it holds their changes too."""

    def __init__(self, owner: IncrementalScheduler, serial: int, spans: dict[int, Span]) -> None:
        self.spans = spans
        self._owner, self._serial = owner, serial
        self._results: dict[int, TaskResult] | None = None

    def _built(self) -> dict[int, TaskResult]:
        if self._results is None:
            if self._owner._serial != self._serial:
                raise SchedulingError("These changes are out of date: a later edit was made.")
            self._owner._materialize()
        assert self._results is not None
        return self._results

    def __getitem__(self, task_id: int) -> TaskResult:
        return self._built()[task_id]

    def __iter__(self) -> Iterator[int]:
        return iter(self._built())

    def __len__(self) -> int:
        return len(self._built())

    def __repr__(self) -> str:
        return f"Changes({self._built()!r})"


class IncrementalScheduler:
    """A plan's schedule kept up to date edit by edit. Each edit returns its Changes (the
    spans and TaskResults that changed); `result` is the whole current schedule. The plan
    is edited in place."""

    def __init__(self, plan: ScheduleInput) -> None:
        self.engine = Scheduler(plan)
        self.engine.run()
        self._index_positions()
        self._project_nodes: dict[int, list[int]] = {}
        for node, task in enumerate(plan.tasks):
            self._project_nodes.setdefault(task.project, []).append(node)
        results = self.engine.results
        self._spans: list[Span] = [
            (results[task.id].start, results[task.id].finish) for task in plan.tasks
        ]
        # Since the results were last built (see _materialize): the nodes whose TaskResult
        # is out of date; those of them whose early dates (their result's early side) may
        # have moved; the nodes whose free slack is out of date.
        self._stale: set[int] = set()
        self._stale_early: set[int] = set()
        self._stale_free: set[int] = set()
        # The seeds of the first stage's backward pass, and the tasks whose shown late
        # dates may follow, since it last ran (see _flush_backward).
        self._back_seeds: set[int] = set()
        self._back_shown: set[int] = set()
        self._serial = 0
        # The latest edit's Changes, weakly (it refers to this scheduler).
        self._latest: ref[Changes] | None = None

    @property
    def plan(self) -> ScheduleInput:
        return self.engine.plan

    @property
    def result(self) -> ScheduleResult:
        self._materialize()
        return self.engine.result()

    # -- edits -------------------------------------------------------------------------

    def set_duration(self, task_id: int, minutes: int) -> Changes:
        """A task's duration (working minutes); percent lags from it follow."""
        engine = self.engine
        node = self._node(task_id)
        engine.tasks[node].duration = minutes
        engine.refresh_task(node)
        seeds = {node}
        links, lags = engine.edge_link, engine.edge_lag
        for edge in engine.edges_out[node]:
            if links[edge].lag_unit == "percent":
                lags[edge] = engine.link_lag(links[edge], node)
                seeds.add(engine.edge_target[edge])
        # Across an elapsed lag, or into a started task, a predecessor's bounds read this
        # duration itself (not only the dates it gives).
        around = seeds | engine.predecessors(node, slow_only=True)
        return self._update(seeds, around)

    def set_constraint(
        self, task_id: int, constraint: Constraint, date: datetime | None = None
    ) -> Changes:
        node = self._node(task_id)
        task = self.engine.tasks[node]
        task.constraint, task.constraint_date = constraint, date
        return self._task_changed(node)

    def set_levelling_delay(self, task_id: int, minutes: int) -> Changes:
        """A task's levelling delay (working minutes, 0: none)."""
        if minutes < 0:
            raise SchedulingError("A levelling delay cannot be negative.")
        node = self._node(task_id)
        self.engine.tasks[node].levelling_delay = minutes
        return self._task_changed(node)

    def set_deadline(self, task_id: int, deadline: datetime | None) -> Changes:
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
    ) -> Changes:
        """A task's progress, all four fields at once (None: not recorded)."""
        node = self._node(task_id)
        task = self.engine.tasks[node]
        task.percent_complete, task.remaining = percent_complete, remaining
        task.actual_start, task.actual_finish = actual_start, actual_finish
        return self._task_changed(node)

    def add_link(self, link: LinkSpec) -> Changes:
        """Add a link; a loop raises CycleError and leaves plan and schedule unchanged."""
        engine = self.engine
        edges = engine.add_edges(link)
        engine.plan.links.append(link)
        position = self._position
        if any(position[engine.edge_source[e]] >= position[engine.edge_target[e]] for e in edges):
            try:
                engine.reorder()
            except CycleError:
                engine.remove_edges(link)
                engine.plan.links.pop()
                raise
            self._index_positions()
        return self._link_changed(link)

    def remove_link(self, link: LinkSpec) -> Changes:
        """Remove the first link equal to `link`."""
        engine = self.engine
        if link not in engine.plan.links:
            raise SchedulingError(f"There is no link {link.predecessor} → {link.successor}.")
        engine.plan.links.remove(link)
        engine.remove_edges(link)
        return self._link_changed(link)

    def set_link_lag(self, link: LinkSpec, lag: int) -> Changes:
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
        links = engine.edge_link
        stored = next((links[e] for e in engine.edges_out[source] if links[e] == link), None)
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

    def _task_changed(self, node: int) -> Changes:
        engine = self.engine
        engine.refresh_task(node)
        engine.mark_slow(node)
        for state in (engine.stage1, engine.stage2):
            if state is not None:
                state.warning.pop(node, None)
        around = {node} | engine.predecessors(node)
        # Successors read which instant its dates are, which its constraint says.
        return self._update({node} | engine.successors(node), around)

    def _link_changed(self, link: LinkSpec) -> Changes:
        engine = self.engine
        source = engine.index[link.predecessor]
        targets = set(engine.leaves(engine.index[link.successor]))
        # An SS link into a started task binds by whether that task has successors.
        started = engine.predecessors(source, slow_only=True)
        return self._update(targets, targets | {source} | started)

    def _update(self, forward_seeds: set[int], around: set[int]) -> Changes:
        """Bring every stage up to date after an edit of the nodes in `around`."""
        engine = self.engine
        stage1, back1 = engine.stage1, engine.back1
        old_final = engine.stage2 is not None
        changed1, visited1 = self._forward(stage1, forward_seeds | around, {})
        moved = self._update_project_finishes(changed1)
        # The late dates (the backward pass) wait until the results are asked for: no early
        # date depends on them, unless an ALAP task sits on its late start.
        self._back_seeds |= changed1 | around | moved
        self._back_shown |= changed1 | around
        if not engine.alap_nodes:
            engine.stage2 = engine.back2 = None
            engine.pinned_finish = {}
            forward, backward = stage1, back1
            changed, visited, back_visited = changed1, visited1, set()
        else:
            self._flush_backward()
            old_finish = engine.pinned_finish
            pins = engine.alap_pins(back1)
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
            # The final stage changed (ALAP tasks appeared or went): every result may move.
            everything = set(range(len(engine.tasks)))
            return self._changes(everything, everything, everything)
        sources, edges_in = engine.edge_source, engine.edges_in
        predecessors = {sources[edge] for node in changed for edge in edges_in[node]}
        # A project's finish bounds the free slack of its tasks without live successors.
        edges_out, done, targets = engine.edges_out, engine.done, engine.edge_target
        if engine.progress_nodes:
            ends = {node for node in moved
                    if all(done[targets[edge]] for edge in edges_out[node])}  # fmt: skip
        else:
            ends = {node for node in moved if not edges_out[node]}
        free_nodes = changed | predecessors | around | ends
        dirty = visited | back_visited | free_nodes | changed1 | moved
        # Outside these, a task's early dates (and what its result shows of them) held.
        early = visited | visited1 | around
        return self._changes(dirty, early, free_nodes)

    def _flush_backward(self) -> None:
        """The first stage's late dates after the edits since they were last brought up to
        date (one walk from all their seeds is one from each in turn); the tasks whose
        late dates it reached get their results rebuilt."""
        if not self._back_seeds:
            return
        engine = self.engine
        stage1, back1 = engine.stage1, engine.back1
        visited = self._backward(stage1, back1, self._back_seeds)
        self._shown(stage1, back1, visited | self._back_shown)
        self._back_seeds, self._back_shown = set(), set()
        if engine.stage2 is None:
            self._stale |= visited

    def _changes(self, dirty: set[int], early: set[int], free: set[int]) -> Changes:
        """The edit's Changes: its spans now, its results (those of `dirty` nodes, the free
        slack of `free` ones) when first asked for."""
        self._stale |= dirty
        self._stale_early |= early
        self._stale_free |= free
        self._serial += 1
        changes = Changes(self, self._serial, self._update_spans(early))
        self._latest = ref(changes)
        return changes

    def _materialize(self) -> None:
        """Bring the TaskResults up to date with the passes (see Changes); the latest
        edit's Changes, if not built yet, gets what changed."""
        engine = self.engine
        self._flush_backward()
        if self._stale or self._stale_free:
            forward, backward = engine.final()
            if self._stale_free:
                engine.free_slack(self._stale_free, forward, engine.project_finish)
            changed = self._rebuild(self._stale, forward, backward, self._stale_early)
            self._stale, self._stale_early, self._stale_free = set(), set(), set()
        else:
            changed = {}
        latest = self._latest() if self._latest is not None else None
        if latest is not None and latest._results is None:
            latest._results = changed

    def _update_spans(self, early: set[int]) -> dict[int, Span]:
        """Bring the spans of the `early` nodes and their summaries up to date; those that
        changed, by task id."""
        engine = self.engine
        forward, _ = engine.final()
        spans, tasks, summary = self._spans, engine.tasks, engine.is_summary
        moved: dict[int, Span] = {}
        leaves = [node for node in early if not summary[node]]
        shifted = []
        for node, span in zip(leaves, engine.spans(leaves, forward), strict=True):
            if span != spans[node]:
                spans[node] = moved[tasks[node].id] = span
                shifted.append(node)
        if not shifted:
            return moved
        children = engine.children
        summaries = self._ancestors(shifted)
        for node in engine.summary_order:
            if node in summaries:
                kids = [spans[child] for child in children[node]]
                span = (min([kid[0] for kid in kids]), max([kid[1] for kid in kids]))
                if span != spans[node]:
                    spans[node] = moved[tasks[node].id] = span
        return moved

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
        edges_out, parent_of, order = engine.edges_out, engine.parent_of, engine.order
        targets = engine.edge_target
        early_start, early_finish = state.early_start, state.early_finish
        # Where a milestone sits (end or start of working time) moves links from it.
        at_finish, start_at_finish = state.at_finish, state.start_at_finish
        queued = set(seeds)
        # Positions in the order (plain ints: the cheapest heap entries).
        heap = [position[node] for node in queued]
        heapify(heap)
        while heap:
            node = order[heappop(heap)]
            start, finish = early_start[node], early_finish[node]
            instant, start_instant = at_finish[node], start_at_finish[node]
            yield node
            visited.add(node)
            if (
                start == early_start[node]
                and finish == early_finish[node]
                and instant == at_finish[node]
                and start_instant == start_at_finish[node]
            ):
                continue
            changed.add(node)
            for edge in edges_out[node]:
                successor = targets[edge]
                if successor not in queued:
                    queued.add(successor)
                    heappush(heap, position[successor])
            parent = parent_of[node]
            if parent is not None and parent not in queued:
                queued.add(parent)
                heappush(heap, position[parent])

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
        children, summary, edges_in = engine.children, engine.is_summary, engine.edges_in
        late_start, late_finish = state.late_start, state.late_finish
        inherited, inherited_start = state.inherited, state.inherited_start
        order = engine.order
        queued = set(seeds)
        heap = [-position[node] for node in queued]
        heapify(heap)
        while heap:
            node = order[-heappop(heap)]
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
                after = () if unchanged else map(engine.edge_source.__getitem__, edges_in[node])
            visited.add(node)
            for other in after:
                if other not in queued:
                    queued.add(other)
                    heappush(heap, -position[other])

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
        self, dirty: set[int], forward: ForwardState, backward: BackwardState, early: set[int]
    ) -> dict[int, TaskResult]:
        """The results of `dirty` nodes (and their summaries) again; those that changed.
        `early`: the nodes whose early dates may have moved (the others kept them)."""
        engine = self.engine
        tasks, results = engine.tasks, engine.results
        simple, durations, summary = engine.simple, engine.duration, engine.is_summary
        # A plain task (no constraint, calendar or progress) whose early dates held: only
        # its late dates and slack can move, as when the project's finish moved (then that
        # is most of the project). Its other fields are kept from its current result.
        late_only = [node for node in dirty
                     if simple[node] and durations[node] and not summary[node]
                     and node not in early]  # fmt: skip
        changed = self._late_results(late_only, forward, backward)
        others = dirty.difference(late_only) if late_only else dirty
        summaries = self._ancestors(dirty)
        nodes = others | summaries
        before = {tasks[node].id: results[tasks[node].id] for node in nodes}
        engine.make_results(nodes, forward, backward, results)
        spanned = engine.summary_order
        if len(summaries) < len(spanned):
            spanned = [node for node in spanned if node in summaries]
        engine.span_summaries(spanned, results)
        for task_id, old in before.items():
            if results[task_id] != old:
                changed[task_id] = results[task_id]
        return changed

    def _late_results(
        self, nodes: list[int], forward: ForwardState, backward: BackwardState
    ) -> dict[int, TaskResult]:
        """New results for plain tasks whose early dates held (see `_rebuild`): their late
        dates, total and free slack, criticality as `Scheduler.make_results` gives them."""
        engine = self.engine
        tasks, results = engine.tasks, engine.results
        threshold = engine.plan.critical_slack
        early_finish, free = forward.early_finish, engine.free
        late_start, late_finish = backward.shown_start, backward.shown_finish
        starts, finishes = engine._starts, engine._finishes
        start_moment, finish_moment = engine.start_moment, engine.finish_moment
        changed: dict[int, TaskResult] = {}
        for node in nodes:
            task_id = tasks[node].id
            old = results[task_id]
            offset = late_start[node]
            late = starts.get(offset) or start_moment(offset)
            offset = late_finish[node]
            late_end = finishes.get(offset) or finish_moment(offset)
            total = offset - early_finish[node]
            slack = free[node]
            if total < 0:
                slack = 0
            elif total < slack:
                slack = total
            if (
                total == old.total_slack
                and slack == old.free_slack
                and late == old.late_start
                and late_end == old.late_finish
            ):
                continue
            results[task_id] = changed[task_id] = TaskResult(
                task_id,
                old.start,
                old.finish,
                old.early_start,
                old.early_finish,
                late,
                late_end,
                total,
                slack,
                total <= threshold,
                old.driving_predecessor,
                old.levelling_delay,
            )
        return changed
