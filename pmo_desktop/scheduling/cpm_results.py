"""A full CPM run (forward, backward, the ALAP round) and its conversion to TaskResults."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from itertools import groupby, repeat
from operator import attrgetter, itemgetter
from typing import Any

from pmo_desktop.scheduling.cpm_graph import FAR
from pmo_desktop.scheduling.cpm_passes import START_DATED, BackwardState, ForwardState, Passes
from pmo_desktop.scheduling.model import ScheduleResult, TaskResult

_FIRST, _SECOND = itemgetter(0), itemgetter(1)
_START, _FINISH = attrgetter("start"), attrgetter("finish")
_LATE_START, _LATE_FINISH = attrgetter("late_start"), attrgetter("late_finish")


class Scheduler(Passes):
    """Schedules a plan; keeps every stage so that IncrementalScheduler can update them."""

    def run(self) -> ScheduleResult:
        count = len(self.tasks)
        forward = self.stage1 = ForwardState.empty(count)
        self.lead_start = forward.early_start
        self.forward(forward, self.order, {})
        self.project_finish = self.project_finishes(forward.early_finish)
        self.project_end_moments = self.exact_project_ends(forward, self.work_calendars.keys())
        backward = self.back1 = BackwardState.empty(count)
        # Without ALAP tasks the first forward pass is final: the backward pass gives the
        # free slack of the tasks on its fast path as it walks their links.
        free = None if self.alap_nodes else [0] * count
        others = self.backward(forward, backward, reversed(self.order), self.project_finish, free)
        self.roll_up_all(forward, backward)
        self.stage2: ForwardState | None = None
        self.back2: BackwardState | None = None
        self.pinned = self.alap_pins(backward)
        if self.pinned:
            forward = self.stage2 = forward.copy()
            self.forward(forward, self.order, self.pinned)
            backward = self.back2 = BackwardState.empty(count)
            self.backward(forward, backward, reversed(self.order), self.project_finish)
            self.roll_up_all(forward, backward)
        if free is None:
            self.free = self.free_slack(range(count), forward, self.project_finish)
        else:
            self.free = free
            self.free_slack(others, forward, self.project_finish)
        self.results: dict[int, TaskResult] = {}
        self.make_results(range(count), forward, backward, self.results)
        self.span_summaries(self.summary_order, self.results)
        # The one run of a full schedule hands its results over (`result` copies them).
        return self.result(self.results)

    def final(self) -> tuple[ForwardState, BackwardState]:
        if self.stage2 is not None and self.back2 is not None:
            return self.stage2, self.back2
        return self.stage1, self.back1

    def alap_pins(self, backward: BackwardState) -> dict[int, int]:
        """ALAP tasks sit on their late start (one more forward pass places successors)."""
        late_start, exact = backward.late_start, backward.exact
        self.pinned_finish = {node: exact[node][1] for node in self.alap_nodes if node in exact}
        return {node: late_start[node] for node in sorted(self.alap_nodes)}

    def project_finishes(self, early_finish: list[int]) -> list[int]:
        """Per node, its project's finish: a task without successors may slip to it."""
        projects = [task.project for task in self.tasks]
        ends: dict[int, int] = {}
        runs: list[tuple[int, int]] = []
        position = 0
        # A project's tasks mostly follow one another: one max() per run of them.
        for project, run in groupby(projects):
            size = len(list(run))
            end = max(early_finish[position : position + size])
            if end > ends.get(project, -FAR):
                ends[project] = end
            runs.append((project, size))
            position += size
        self.project_ends = ends
        finish: list[int] = []
        for project, size in runs:
            finish += repeat(ends[project], size)
        return finish

    def exact_project_ends(
        self, forward: ForwardState, nodes: Iterable[int]
    ) -> dict[int, datetime]:
        """Per project, the instant its last task off the project calendar ends, when that
        task ends the project (see Graph.project_end_moments)."""
        ends, tasks, early_finish = self.project_ends, self.tasks, forward.early_finish
        moments: dict[int, datetime] = {}
        for node in nodes:
            exact = forward.exact.get(node)
            project = tasks[node].project
            if (
                exact is not None
                and early_finish[node] == ends[project]
                and (project not in moments or exact[1] > moments[project])
            ):
                moments[project] = exact[1]
        return moments

    def roll_up_all(self, forward: ForwardState, backward: BackwardState) -> None:
        backward.shown_start = backward.late_start[:]
        backward.shown_finish = backward.late_finish[:]
        for node in self.progress_nodes:
            self.shown_late(node, forward, backward)
        shown_start, shown_finish = backward.shown_start, backward.shown_finish
        children = self.children
        for node in self.summary_order:
            # Its children's span (as shown_late takes it, without a call a summary).
            kids = children[node]
            start, finish = shown_start[kids[0]], shown_finish[kids[0]]
            for child in kids:
                value = shown_start[child]
                if value < start:
                    start = value
                value = shown_finish[child]
                if value > finish:
                    finish = value
            shown_start[node], shown_finish[node] = start, finish

    def result(self, results: dict[int, TaskResult] | None = None) -> ScheduleResult:
        """The schedule, with `results` or (the default) a copy of the current ones."""
        forward, _ = self.final()
        warnings = [forward.warning[node] for node in sorted(forward.warning)]
        early_finish, tasks = forward.early_finish, self.tasks
        for node in sorted(self.deadline_nodes):
            task = tasks[node]
            if early_finish[node] > self.offset(task.deadline):  # type: ignore[arg-type]
                warnings.append(f"'{task.name or task.id}' finishes after its deadline.")
        finish = max(self.stage1.early_finish, default=0)
        results = dict(self.results) if results is None else results
        return ScheduleResult(results, self.finish_moment(finish), warnings)

    def make_results(
        self,
        nodes: Iterable[int],
        forward: ForwardState,
        backward: BackwardState,
        results: dict[int, TaskResult],
    ) -> None:
        """The TaskResults of `nodes` (a range: every node), in one loop over the state
        lists: each made without its __init__ call (a fifth of the cost) and filled slot
        by slot, each offset converted through the caches (many tasks share dates); then
        the few ALAP tasks, tasks off the project calendar, tasks dated by their
        constraint and tasks with progress are adjusted one by one."""
        order = nodes if isinstance(nodes, range) else list(nodes)
        whole = order == range(len(self.tasks))

        def column(values: list[Any]) -> Iterable[Any]:
            return values if whole else map(values.__getitem__, order)

        # Each task's dates are converted in turn, as it shows them (should the calendar be
        # unable to give one, the first that cannot be shown raises).
        start_moment, finish_moment = self.start_moment, self.finish_moment
        summary, at_finish, ids = self.is_summary, forward.at_finish, self.ids
        threshold, new = self.plan.critical_slack, object.__new__
        rows = zip(
            order,
            column(ids),
            column(forward.early_start),
            column(forward.early_finish),
            column(backward.shown_start),
            column(backward.shown_finish),
            column(self.free),
            column(forward.driver),
            column(self.duration),
            strict=True,
        )
        for node, task_id, start, finish, late_start, late_finish, free, source, duration in rows:
            result = new(TaskResult)
            result.id = task_id
            if duration or summary[node]:
                result.start = result.early_start = start_moment(start)
                result.finish = result.early_finish = finish_moment(finish)
                result.late_start = start_moment(late_start)
            else:
                # A milestone is one instant: after a finish or a positive lag, the end of
                # the previous working time, else the start of the next; its late dates
                # always at the end of the previous working time.
                moment = finish_moment if at_finish[node] else start_moment
                result.start = result.early_start = moment(start)
                result.finish = result.early_finish = moment(finish)
                result.late_start = finish_moment(late_start)
            result.late_finish = finish_moment(late_finish)
            total = late_finish - finish
            result.total_slack = total
            result.free_slack = (free if free < total else total) if total >= 0 else 0
            result.critical = total <= threshold
            result.driving_predecessor = None if source is None else ids[source]
            result.levelling_delay = 0
            results[task_id] = result
        self._special_slack(order, whole, forward, backward, results)
        self._show_exact(nodes, forward, backward, results)
        tasks, durations = self.tasks, self.duration
        early_start, early_finish = forward.early_start, forward.early_finish
        dated = self.dated_nodes
        for node in dated if isinstance(nodes, range) else dated.intersection(nodes):
            if at_finish[node] and durations[node]:
                # Its constraint date placed it and shows as given (17:00 start, 08:00 end).
                result = results[tasks[node].id]
                if tasks[node].constraint in START_DATED:
                    result.start = result.early_start = finish_moment(early_start[node])
                else:
                    result.finish = result.early_finish = start_moment(early_finish[node])
        delayed = self.delayed_nodes
        for node in delayed if isinstance(nodes, range) else delayed.intersection(nodes):
            results[tasks[node].id].levelling_delay = self._levelling_delay(node, tasks[node])
        progress = self.progress_nodes
        for node in progress if isinstance(nodes, range) else progress.intersection(nodes):
            # Actual dates are shown as they were recorded.
            task, result = tasks[node], results[tasks[node].id]
            if task.actual_start is not None:
                result.start = result.early_start = result.late_start = task.actual_start
            if task.actual_finish is not None:
                result.finish = result.early_finish = result.late_finish = task.actual_finish

    def _special_slack(
        self,
        order: Sequence[int],
        whole: bool,
        forward: ForwardState,
        backward: BackwardState,
        results: dict[int, TaskResult],
    ) -> None:
        """Total and free slack and criticality of the tasks whose dates do not say them
        alone: an ALAP task has no slack (it sits on its late dates), a task off the
        project calendar may have less room at its start than at its end, a finished
        task or summary is not critical."""
        tasks, alap, calendared = self.tasks, self.alap_nodes, self.work_calendars
        summaries = self.summary_order if whole else filter(self.is_summary.__getitem__, order)
        special = alap.union(calendared, self.progress_nodes)
        special.update(node for node in summaries if tasks[node].actual_finish is not None)
        if not whole:
            special.intersection_update(order)
        early_start, early_finish = forward.early_start, forward.early_finish
        late_start, late_finish = backward.shown_start, backward.shown_finish
        threshold = self.plan.critical_slack
        for node in special:
            task = tasks[node]
            total = late_finish[node] - early_finish[node]
            if node in alap:
                total = 0
            elif node in calendared and not (task.actual_start or task.actual_finish):
                # Its resources' calendars may leave less room at its start than at its end.
                total = min(total, late_start[node] - early_start[node])
            free = self.free[node]
            result = results[task.id]
            result.total_slack = total
            result.free_slack = (free if free < total else total) if total >= 0 else 0
            result.critical = total <= threshold and task.actual_finish is None

    def spans(self, nodes: Iterable[int], forward: ForwardState) -> list[tuple[datetime, datetime]]:
        """(start, finish) of each task (not summary) as `make_results` shows them, without
        building its TaskResult: what a drag preview draws."""
        early_start, early_finish, at_finish = (
            forward.early_start,
            forward.early_finish,
            forward.at_finish,
        )
        durations, starts, finishes = self.duration, self._starts, self._finishes
        start_moment, finish_moment = self.start_moment, self.finish_moment
        special = self.progress_nodes | self.dated_nodes
        if self.work_calendars:
            special = special | self.work_calendars.keys()
        spans = []
        for node in nodes:
            if durations[node]:
                offset = early_start[node]
                start = starts.get(offset) or start_moment(offset)
                offset = early_finish[node]
                end = finishes.get(offset) or finish_moment(offset)
            else:
                to_start = finish_moment if at_finish[node] else start_moment
                start, end = to_start(early_start[node]), to_start(early_finish[node])
            if node in special:
                start, end = self._special_span(node, forward, start, end)
            spans.append((start, end))
        return spans

    def _special_span(
        self, node: int, forward: ForwardState, start: datetime, end: datetime
    ) -> tuple[datetime, datetime]:
        """`spans` for a task off the project calendar, dated by its constraint, or with
        progress: in the order `make_results` applies them."""
        early_start, early_finish = forward.early_start[node], forward.early_finish[node]
        task = self.tasks[node]
        exact = forward.exact.get(node) if node in self.work_calendars else None
        if exact is not None and (self.offset(exact[0]), self.offset(exact[1])) == (
            early_start,
            early_finish,
        ):
            start, end = exact
        if node in self.dated_nodes and forward.at_finish[node] and self.duration[node]:
            if task.constraint in START_DATED:
                start = self.finish_moment(early_start)
            else:
                end = self.start_moment(early_finish)
        if node in self.progress_nodes:
            if task.actual_start is not None:
                start = task.actual_start
            if task.actual_finish is not None:
                end = task.actual_finish
        return start, end

    def _show_exact(
        self,
        nodes: Iterable[int],
        forward: ForwardState,
        backward: BackwardState,
        results: dict[int, TaskResult],
    ) -> None:
        """Tasks off the project calendar show the instants their calendars gave (a night
        shift's 23:00 start is the project calendar's 17:00 offset)."""
        offset, tasks = self.offset, self.tasks
        calendared = self.work_calendars.keys()
        early_start, early_finish = forward.early_start, forward.early_finish
        late_start, late_finish = backward.shown_start, backward.shown_finish
        for node in calendared if isinstance(nodes, range) else calendared & set(nodes):
            result = results[tasks[node].id]
            early = forward.exact.get(node)
            if early is not None:
                begin, end = early
                if (offset(begin), offset(end)) == (early_start[node], early_finish[node]):
                    result.start = result.early_start = begin
                    result.finish = result.early_finish = end
            late = backward.exact.get(node)
            if late is not None:
                begin, end = late
                if (offset(begin), offset(end)) == (late_start[node], late_finish[node]):
                    result.late_start, result.late_finish = begin, end
        if not self.project_end_moments:
            return
        # A milestone on its project's finish sits on that instant, late dates too.
        summary, durations, ends = self.is_summary, self.duration, self.project_ends
        for node in nodes:
            project = tasks[node].project
            moment = self.project_end_moments.get(project)
            if (
                moment is not None
                and not durations[node]
                and not summary[node]
                and late_start[node] == late_finish[node] == ends[project]
            ):
                result = results[tasks[node].id]
                result.late_start = result.late_finish = moment

    def span_summaries(self, summaries: Iterable[int], results: dict[int, TaskResult]) -> None:
        """A summary spans the instants its children show (a milestone's may be 08:00, its
        late dates 17:00). Its total slack is the lesser of its start and finish slack over
        that span, and says whether it is critical (as Microsoft Project and MPXJ do)."""
        ids, children, offset = self.ids, self.children, self.offset
        threshold, progress, offset_of = self.plan.critical_slack, self.progress_nodes, self.offsets
        # Tasks off the project calendar may end at instants of their own (see _show_exact).
        exact = bool(self.work_calendars)
        for node in summaries:
            # The children's span, in one loop (min() and max() cost more).
            kids = children[node]
            first = results[ids[kids[0]]]
            start, finish, late_start = first.start, first.finish, first.late_start
            late_finish = first.late_finish
            for child in kids:
                span = results[ids[child]]
                if span.start < start:
                    start = span.start
                if span.finish > finish:
                    finish = span.finish
                if span.late_start < late_start:
                    late_start = span.late_start
                if exact and span.late_finish > late_finish:
                    late_finish = span.late_finish
            own = results[ids[node]]
            own.start = own.early_start = start
            own.finish = own.early_finish = finish
            own.late_start = late_start
            if exact:
                own.late_finish = late_finish
            if not (progress and self.under_way(node)):
                # Started, it has only its finish slack left.
                late, early = offset_of.get(own.late_start), offset_of.get(own.start)
                if late is None or early is None:  # an actual or exact instant
                    late, early = offset(own.late_start), offset(own.start)
                start_slack = late - early
                if start_slack < own.total_slack:
                    own.total_slack = start_slack
                    if start_slack < 0:
                        own.free_slack = 0
                    elif start_slack < own.free_slack:
                        own.free_slack = start_slack
            own.critical = own.total_slack <= threshold and not (progress and self.finished(node))

    def finished(self, node: int) -> bool:
        """Whether every task under a summary (or the task itself) has an actual finish."""
        if not self.is_summary[node]:
            return self.done[node]
        return all(self.finished(child) for child in self.children[node])

    def under_way(self, node: int) -> bool:
        """Whether a task under a summary (or the task itself) has an actual start."""
        if not self.is_summary[node]:
            return self.started[node] or self.done[node]
        return any(self.under_way(child) for child in self.children[node])

    def free_slack(
        self, nodes: Iterable[int], forward: ForwardState, project_finish: list[int]
    ) -> list[int]:
        """How far each task can slip without moving any successor's early dates."""
        early_start, early_finish = forward.early_start, forward.early_finish
        slack = getattr(self, "free", None) or [0] * len(self.tasks)
        done, edges_out, elapsed = self.done, self.edges_out, self.edge_elapsed
        targets, types, lags = self.edge_target, self.edge_type, self.edge_lag
        # Without progress or elapsed lags (the usual plan) each gap is integers only.
        general = bool(self.progress_nodes) or any(elapsed)
        for node in nodes:
            edges = edges_out[node]
            finish = early_finish[node]
            if not edges:
                slack[node] = project_finish[node] - finish
                continue
            start = early_start[node]
            best = FAR
            for edge in edges:
                target = targets[edge]
                kind = types[edge]
                if general and (done[target] or elapsed[edge]):
                    if done[target]:
                        continue
                    # The successor's start as the forward pass bounds it (lag order).
                    gap = early_start[target] - self._forward_bound(edge, forward, target)
                elif kind == "FS":
                    gap = early_start[target] - finish - lags[edge]
                elif kind == "SS":
                    gap = early_start[target] - start - lags[edge]
                elif kind == "FF":
                    gap = early_finish[target] - finish - lags[edge]
                else:
                    gap = early_finish[target] - start - lags[edge]
                if gap < best:
                    best = gap
            if best == FAR:
                best = project_finish[node] - finish
            slack[node] = best
        return slack
