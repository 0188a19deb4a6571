"""A full CPM run (forward, backward, the ALAP round) and its conversion to TaskResults."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from itertools import compress, count, groupby
from operator import attrgetter, itemgetter, not_, sub
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
        self.backward(forward, backward, reversed(self.order), self.project_finish)
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
        self.free = self.free_slack(range(count), forward, self.project_finish)
        self.results: dict[int, TaskResult] = {}
        self.make_results(range(count), forward, backward, self.results)
        self.span_summaries(self.summary_order, self.results)
        return self.result()

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
        # A project's tasks mostly follow one another: one max() per run of them.
        for project, run in groupby(zip(projects, early_finish, strict=True), key=_FIRST):
            end = max(map(_SECOND, run))
            if end > ends.get(project, -FAR):
                ends[project] = end
        self.project_ends = ends
        return list(map(ends.__getitem__, projects))

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
        for node in self.summary_order:
            self.shown_late(node, forward, backward)

    def result(self) -> ScheduleResult:
        forward, _ = self.final()
        warnings = [forward.warning[node] for node in sorted(forward.warning)]
        early_finish, tasks = forward.early_finish, self.tasks
        for node in sorted(self.deadline_nodes):
            task = tasks[node]
            if early_finish[node] > self.offset(task.deadline):  # type: ignore[arg-type]
                warnings.append(f"'{task.name or task.id}' finishes after its deadline.")
        finish = max(self.stage1.early_finish, default=0)
        return ScheduleResult(dict(self.results), self.finish_moment(finish), warnings)

    def make_results(
        self,
        nodes: Iterable[int],
        forward: ForwardState,
        backward: BackwardState,
        results: dict[int, TaskResult],
    ) -> None:
        """The TaskResults of `nodes` (a range: every node), a field at a time: each column
        is one pass in C (`map`) over the state lists; then the few milestones, ALAP tasks,
        tasks off the project calendar and tasks with progress are set one by one."""
        order = nodes if isinstance(nodes, range) else list(nodes)
        whole = order == range(len(self.tasks))

        def column(values: list[Any]) -> list[Any]:
            return values if whole else list(map(values.__getitem__, order))

        early_start, early_finish = column(forward.early_start), column(forward.early_finish)
        late_start = column(backward.shown_start)
        late_finish = column(backward.shown_finish)
        ids = column(self.ids)
        totals = list(map(sub, late_finish, early_finish))
        # Milestones (not summaries): their dates are instants (see below).
        summary = column(self.is_summary)
        instants = [at for at in compress(count(), map(not_, column(self.duration)))
                    if not summary[at]]  # fmt: skip
        tasks, alap, calendared = self.tasks, self.alap_nodes, self.work_calendars
        progress, summary_order = self.progress_nodes, self.summary_order
        position: Mapping[int, int] = order if whole else {}  # type: ignore[assignment]
        if not whole and (alap or calendared or progress or summary_order):
            position = {node: index for index, node in enumerate(order)}
        for node in alap if whole else alap.intersection(order):
            totals[position[node]] = 0
        for node in calendared if whole else calendared.keys() & set(order):
            task = tasks[node]
            if node not in alap and not (task.actual_start or task.actual_finish):
                # Its resources' calendars may leave less room at its start than at its end.
                at = position[node]
                totals[at] = min(totals[at], late_start[at] - early_start[at])
        threshold = self.plan.critical_slack
        critical = [total <= threshold for total in totals]
        for node in progress if whole else progress.intersection(order):
            if tasks[node].actual_finish is not None:
                critical[position[node]] = False
        for node in summary_order if whole else filter(self.is_summary.__getitem__, order):
            if tasks[node].actual_finish is not None:
                critical[position[node]] = False
        free = [(slack if slack < total else total) if total >= 0 else 0
                for slack, total in zip(column(self.free), totals, strict=True)]  # fmt: skip
        ids_of = self.ids
        drivers = [None if source is None else ids_of[source] for source in column(forward.driver)]
        starts, finishes = self._starts, self._finishes
        try:
            # Each distinct offset is converted once (the caches convert on a miss).
            start = list(map(starts.__getitem__, early_start))
            end = list(map(finishes.__getitem__, early_finish))
            late = list(map(starts.__getitem__, late_start))
            late_end = list(map(finishes.__getitem__, late_finish))
        except ValueError:
            # A date the calendar cannot give: convert only what each task shows, in order,
            # so that the same error is raised (or none, when only a milestone's was).
            start, end, late, late_end = self._moments_one_by_one(order, forward, backward)
        else:
            at_finish = column(forward.at_finish)
            start_moment, finish_moment = self.start_moment, self.finish_moment
            for at in instants:
                # A milestone is one instant: after a finish or a positive lag, the end of
                # the previous working time, else the start of the next; its late dates
                # always at the end of the previous working time.
                to_start = finish_moment if at_finish[at] else start_moment
                start[at], end[at] = to_start(early_start[at]), to_start(early_finish[at])
                late[at] = finish_moment(late_start[at])
        made = map(TaskResult, ids, start, end, start, end, late, late_end, totals, free,
                   critical, drivers)  # fmt: skip
        results.update(zip(ids, made, strict=True))
        self._show_exact(nodes, forward, backward, results)
        at_finish, durations = forward.at_finish, self.duration
        start_moment, finish_moment = self.start_moment, self.finish_moment
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

    def _moments_one_by_one(
        self, order: Sequence[int], forward: ForwardState, backward: BackwardState
    ) -> tuple[list[datetime], list[datetime], list[datetime], list[datetime]]:
        """(start, finish, late start, late finish) of each node of `order`, converted one
        task after the other as each shows them (a milestone its instants)."""
        early_start, early_finish = forward.early_start, forward.early_finish
        late_start, late_finish = backward.shown_start, backward.shown_finish
        at_finish, summary, durations = forward.at_finish, self.is_summary, self.duration
        start_moment, finish_moment = self.start_moment, self.finish_moment
        columns: tuple[list[datetime], ...] = ([], [], [], [])
        for node in order:
            if durations[node] == 0 and not summary[node]:
                to_start = finish_moment if at_finish[node] else start_moment
                start = to_start(early_start[node])
                end = to_start(early_finish[node])
                late = finish_moment(late_start[node])
            else:
                start = start_moment(early_start[node])
                end = finish_moment(early_finish[node])
                late = start_moment(late_start[node])
            for values, moment in zip(
                columns, (start, end, late, finish_moment(late_finish[node])), strict=True
            ):
                values.append(moment)
        return columns  # type: ignore[return-value]

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
        ids, children, offset = self.ids, self.children, self.calendar.offset
        threshold, progress = self.plan.critical_slack, self.progress_nodes
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
                start_slack = offset(own.late_start) - offset(own.start)
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
        done, edges_out = self.done, self.edges_out
        for node in nodes:
            edges = edges_out[node]
            finish = early_finish[node]
            if not edges:
                slack[node] = project_finish[node] - finish
                continue
            start = early_start[node]
            best = FAR
            for edge in edges:
                target = edge.target
                if done[target]:
                    continue
                kind = edge.type
                if edge.elapsed:
                    # The successor's start as the forward pass bounds it (lag order).
                    gap = early_start[target] - self._forward_bound(edge, forward, target)
                elif kind == "FS":
                    gap = early_start[target] - finish - edge.lag
                elif kind == "SS":
                    gap = early_start[target] - start - edge.lag
                elif kind == "FF":
                    gap = early_finish[target] - finish - edge.lag
                else:
                    gap = early_finish[target] - start - edge.lag
                if gap < best:
                    best = gap
            if best == FAR:
                best = project_finish[node] - finish
            slack[node] = best
        return slack
