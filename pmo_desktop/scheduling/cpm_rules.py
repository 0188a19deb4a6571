"""The rules of the CPM passes for one task at a time, with Microsoft Project's conventions:
constraints, calendars of its own, progress, which instant a milestone sits at, what a
summary passes down (the passes themselves, and their fast paths, are in cpm_passes.py).

Progress follows MPXJ's MicrosoftScheduler (actual dates are fixed; links into finished
tasks no longer bind their predecessors), plus the status date of DESIGN.md §4 (remaining
work is not scheduled before it).
"""

from __future__ import annotations

from datetime import datetime

from pmo_desktop.scheduling.cpm_graph import FAR, Graph
from pmo_desktop.scheduling.cpm_state import BackwardState, ForwardState
from pmo_desktop.scheduling.model import TaskSpec

__all__ = ["START_DATED", "TaskRules"]


#: Constraints whose date can place a task's start as given (else its finish).
START_DATED = frozenset(("MSO", "SNET", "SNLT"))


class TaskRules(Graph):
    """What the forward and backward passes do for a task off their fast paths."""

    #: Early starts of the first forward pass: they say which task an SS or SF link from
    #: a summary binds, in the ALAP round too (see `earliest_child`).
    lead_start: list[int]
    #: Whether the link that places the task being placed starts it at a finish instant.
    _after_finish = False

    def _place(self, node: int, start: int, state: ForwardState, pinned: dict[int, int]) -> None:
        """Early dates of a task with constraints, progress, a status date or a calendar."""
        task = self.tasks[node]
        state.warning.pop(node, None)
        state.exact.pop(node, None)
        duration = self.duration[node]
        link_start = start
        if self.started[node]:
            start = self.offset(task.actual_start)  # type: ignore[arg-type]
        else:
            if self.status is not None and start < self.status:
                # Work not started yet is not planned before the status date.
                start = self.status
                state.at_finish[node] = False
            unconstrained = start
            start = self._apply_start_constraint(node, task, start, state)
            if node in pinned:
                start = pinned[node]
                # An ALAP milestone sits on its late date, at the end of working time.
                state.at_finish[node] = not self.duration[node]
        delay = self._levelling_delay(node, task)
        if duration and not self.plain[node] and not self.started[node] and not self.done[node]:
            # Off the project calendar: it starts when its first resource (or its own
            # calendar) can work, and finishes when the last one is done.
            moment = self.start_moment(start)
            if self._after_finish and start == link_start:
                moment = self.finish_moment(start)
            if delay:
                # The delay is working time of the task's own calendar.
                own = self.task_calendars[task.calendar] if task.calendar else self.calendar
                moment = own.start_at(own.offset(moment) + delay)
            dated = None
            if not delay and node not in pinned and task.constraint in START_DATED:
                dated = self._dated_start(node, task, unconstrained, link_start)
            if dated is not None:
                # Its start date placed it: the task shows that date even when its
                # resources are off then (they work from their next working time, which
                # sets the finish).
                begin, end = self.work_dates(node, dated, duration)
                begin = dated
            else:
                begin, end = self.work_dates(node, moment, duration)
                if task.constraint in START_DATED:
                    # Its resources' working time placed it, not its date: no 17:00 start.
                    state.at_finish[node] = False
            if node in pinned and not delay and node in self.pinned_finish:
                end = self.pinned_finish[node]
            if (
                task.constraint in ("FNET", "MFO")
                and task.constraint_date is not None
                and not delay
                and end < task.constraint_date
                and (task.constraint == "MFO" or not self.edges_in[node])
                and self.status is None
                and start == self.start_of(node, self.offset(task.constraint_date))
            ):
                # Placed by its finish date (an FNET one with no link): it shows that date
                # as its finish (its resources' work, on their calendars, ends earlier).
                end = task.constraint_date
            state.exact[node] = (begin, end)
            state.early_start[node] = self.offset(begin)
            state.early_finish[node] = self.offset(end)
            return
        if delay:
            start += delay
            # Working time added: a milestone lands at the end of a working period, a task
            # starts at the start of the next one (no longer on its constraint date).
            state.at_finish[node] = not duration
        state.early_start[node] = start
        if task.actual_finish is not None:
            finish = self.offset(task.actual_finish)
        else:
            finish = self.finish_of(node, start) if duration else start
            if self.started[node]:
                finish = self._started_finish(node, task, start, finish)
        state.early_finish[node] = finish

    def _dated_start(
        self, node: int, task: TaskSpec, unconstrained: int, link_start: int
    ) -> datetime | None:
        """The start date of a task off the project calendar when its constraint date
        places its start (else None), as Microsoft Project (MPXJ's MicrosoftScheduler)
        does: its links' date moves to its resources' next working time first, then the
        constraint applies, and the date it sets is not moved. So an MSO task starts on its
        date; an SNET task with a predecessor does when its resources could start earlier
        (without one, its date is moved to their working time); an SNLT task does when
        they could start only later. The date may be a day its resources are off."""
        date = task.constraint_date
        if date is None:
            return None
        kind = task.constraint
        if kind == "MSO":
            return date
        if kind == "SNET" and not self.edges_in[node]:
            return None
        moment = self.start_moment(unconstrained)
        if self._after_finish and unconstrained == link_start:
            moment = self.finish_moment(unconstrained)
        first = min([calendar.next_start(moment) for calendar, _ in self.work_calendars[node]])
        if kind == "SNET":
            return date if first < date else None
        return date if first > date else None

    def _levelling_delay(self, node: int, task: TaskSpec) -> int:
        """The working minutes levelling adds to the task's start: none once it has
        started, nor on a fixed date (MSO, MFO), which wins as it does over links."""
        if node not in self.delayed_nodes or self.started[node] or self.done[node]:
            return 0
        if task.constraint in ("MSO", "MFO") and task.constraint_date is not None:
            return 0
        return task.levelling_delay

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

    def instants(self, node: int, state: ForwardState) -> tuple[bool, bool]:
        """Whether the node's early start and early finish are at the end of working time
        (a task starts at a period's start and finishes at one's end; a milestone is one
        instant, either; a summary as its earliest task starts and its latest finishes)."""
        if self.is_summary[node]:
            return state.start_at_finish[node], state.at_finish[node]
        if self.is_instant(node):
            return state.at_finish[node], state.at_finish[node]
        exact = state.exact.get(node)
        if exact is not None:
            # A resource's evening (19:00) is no end of project working time.
            return False, exact[1] == self.finish_moment(state.early_finish[node])
        if state.at_finish[node] and self.duration[node]:
            on_start = self.tasks[node].constraint in START_DATED
            return on_start, on_start
        return False, True

    def _summary_instants(self, node: int, state: ForwardState) -> None:
        end, early_finish = state.early_finish[node], state.early_finish
        # Of equal offsets the start of the next working time is the later instant.
        state.at_finish[node] = all(
            self.instants(child, state)[1]
            for child in self.children[node]
            if early_finish[child] == end
        )
        earliest = self.earliest_child(node, self.lead_start)
        state.start_at_finish[node] = self.instants(earliest, state)[0]

    def lands_on_finish(self, edge: int, state: ForwardState, bound: int, node: int) -> bool:
        """Whether a link puts a milestone at the end of a working period (else at a start).

        Adding working time lands at the end of a period, subtracting at the start of one;
        an elapsed lag lands on its exact instant (at a period's end, or the next start);
        with no lag the predecessor's date decides (see `instants`); an FF link clamped to
        the project start lands on that start. Call right after the edge's bound.
        """
        kind = self.edge_type[edge]
        if kind == "FF" and bound <= self.floor[node]:
            return False
        if self.edge_elapsed[edge]:
            landing = self._landing
            return self.calendar.finish_at(self.calendar.offset(landing)) == landing
        lag = self.edge_lag[edge]
        if lag:
            return lag > 0
        source = self.edge_source[edge]
        if self.quick[source] and self.duration[source]:
            # A task of the fast path starts at a start and finishes at an end (`instants`).
            return kind in ("FS", "FF")
        return self.instants(source, state)[kind in ("FS", "FF")]

    def _forward_bound(self, edge: int, state: ForwardState, node: int) -> int:
        source = self.edge_source[edge]
        kind = self.edge_type[edge]
        lag, elapsed = self.edge_lag[edge], self.edge_elapsed[edge]
        early_start, early_finish = state.early_start, state.early_finish
        # An elapsed lag counts from the instant the date shows.
        start_is_finish, finish_is_finish = self.instants(source, state)
        if kind == "FS":
            return self.shift(early_finish[source], lag, elapsed, as_finish=finish_is_finish)
        if kind == "SS":
            return self.shift(early_start[source], lag, elapsed, as_finish=start_is_finish)
        # FF and SF: Microsoft Project takes the duration off first, then adds the lag
        # (an elapsed lag lands elsewhere the other way round).
        own = self.duration[node]
        if kind == "FF":
            start = self.start_of(node, early_finish[source])
            start = self.shift(start, lag, elapsed, as_finish=not own and finish_is_finish)
            # FF never pulls a task before its project's start.
            return max(start, self.floor[node])
        start = self.start_of(node, early_start[source])
        return self.shift(start, lag, elapsed, as_finish=not own and start_is_finish)

    def _apply_start_constraint(
        self, node: int, task: TaskSpec, start: int, state: ForwardState
    ) -> int:
        """Constraint dates win over links (the link is then reported as not met)."""
        kind = task.constraint
        if task.constraint_date is None or kind in ("ASAP", "ALAP"):
            return start
        date = self.offset(task.constraint_date)
        # A task placed by its constraint date starts at the date's own instant: at 17:00
        # that is the end of the previous working time (at one offset, the start of the
        # next working time is the later instant). A duration taken off a finish date
        # lands at a start, but a milestone sits on the date itself.
        at_end = self.finish_moment(date) == task.constraint_date
        instant = not self.duration[node]
        if kind in ("SNET", "FNET"):
            earliest = date if kind == "SNET" else self.start_of(node, date)
            # With no predecessor the date itself places the task, even before the start
            # (not before a status date: work not started waits for it).
            linked = bool(self.edges_in[node]) or self.status is not None
            if earliest > start or not linked:
                if instant:
                    state.at_finish[node] = at_end
                elif kind == "SNET":
                    state.at_finish[node] = at_end and linked and earliest > start
                else:
                    on_start = self.start_moment(date) == task.constraint_date
                    state.at_finish[node] = on_start and not linked
                return earliest
            if earliest == start and not at_end:
                state.at_finish[node] = False
            return start
        fixed = date if kind in ("MSO", "SNLT") else self.start_of(node, date)
        if start > fixed:
            state.warning[node] = (
                f"'{task.name or task.id}' keeps its {kind} constraint date; a link is not met."
            )
        elif kind in ("SNLT", "FNLT"):
            if start == fixed and at_end and (instant or kind == "SNLT"):
                state.at_finish[node] = True
            return start
        if instant or kind != "MFO":
            state.at_finish[node] = at_end and (instant or kind in START_DATED)
        else:
            state.at_finish[node] = self.start_moment(date) == task.constraint_date
        return fixed

    def earliest_child(self, node: int, early_start: list[int]) -> int:
        """The child an SS or SF link from a summary binds: Microsoft Project takes one
        task, the first of the earliest (direct tasks before those of sub-summaries), as
        the first forward pass placed them; the ALAP round keeps that task."""
        first = early_start[node]
        kids, summary = self.children[node], self.is_summary
        found = None
        for child in kids:
            if early_start[child] == first:
                if not summary[child]:
                    return child
                if found is None:
                    found = child
        return kids[0] if found is None else found

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
            and not all(
                map(self.done.__getitem__, map(self.edge_target.__getitem__, self.edges_out[node]))
            )
        ):
            bound = self.offset(task.actual_start)  # type: ignore[arg-type]
        bound = self._apply_finish_constraint(node, task, bound, forward)
        state.exact.pop(node, None)
        remaining = self.remaining[node]
        if remaining and not self.plain[node]:
            # It finishes at the latest end of working time its calendars share with the
            # bound (a resource off on Friday finishes on Thursday evening).
            moment = self.finish_moment(bound)
            if self._before_start(node, bound, state):
                # Before a successor's start: a resource may work that evening.
                moment = self.start_moment(bound)
            elif bound == self.project_ends.get(task.project):
                moment = self.project_end_moments.get(task.project, moment)
            begin, end = self.work_dates_back(node, moment, remaining)
            state.exact[node] = (begin, end)
            state.late_finish[node] = self.offset(end)
            state.late_start[node] = self.offset(begin)
            return
        state.late_finish[node] = bound
        # What predecessors read: the latest start of the work still to do.
        state.late_start[node] = self.start_of(node, bound, remaining)

    def _before_start(self, node: int, bound: int, state: BackwardState) -> bool:
        """Whether an FS link (no lead) to a successor's late start sets the late finish."""
        types, lags, elapsed = self.edge_type, self.edge_lag, self.edge_elapsed
        return any(
            types[edge] == "FS"
            and lags[edge] >= 0
            and not elapsed[edge]
            and state.late_start[self.edge_target[edge]] - lags[edge] == bound
            for edge in self.edges_out[node]
        )

    def _backward_bound(
        self,
        edge: int,
        node: int,
        forward: ForwardState,
        state: BackwardState,
        project_finish: list[int],
    ) -> int | None:
        """A slow edge's bound on `node`, as `backward` reads it; None: the edge binds not."""
        target = self.edge_target[edge]
        if self.done[target]:
            return None
        own = forward.early_finish[node] - forward.early_start[node]
        kind = self.edge_type[edge]
        lag, elapsed = -self.edge_lag[edge], self.edge_elapsed[edge]
        if kind == "FS":
            # A milestone's late start is its late finish, at the end of working time.
            instant = self.is_instant(target)
            return self.shift(state.late_start[target], lag, elapsed, as_finish=instant)
        if kind == "FF":
            return self.shift(state.late_finish[target], lag, elapsed, as_finish=True)
        if kind == "SS":
            if self.started[node]:
                return project_finish[node]
            if self.started[target]:
                if not self.edges_out[target]:
                    return project_finish[node]
                actual = self.duration[target] - self.remaining[target]
                target_start = self.offset(self.tasks[target].actual_start)  # type: ignore[arg-type]
                return self.finish_of(node, self.finish_of(target, target_start, actual))
            start = self.shift(state.late_start[target], lag, elapsed, as_finish=False)
            return start + own
        # SF: the predecessor's duration is added first, then the lag taken off.
        return self.shift(state.late_finish[target] + own, lag, elapsed, as_finish=True)

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
            shown_start, shown_finish = state.shown_start, state.shown_finish
            kids = self.children[node]
            start, finish = shown_start[kids[0]], shown_finish[kids[0]]
            for child in kids:
                value = shown_start[child]
                if value < start:
                    start = value
                value = shown_finish[child]
                if value > finish:
                    finish = value
            shown_start[node], shown_finish[node] = start, finish
        elif self.done[node]:
            state.shown_start[node] = forward.early_start[node]
            state.shown_finish[node] = forward.early_finish[node]
        else:
            started = self.started[node]
            state.shown_start[node] = (
                forward.early_start[node] if started else state.late_start[node]
            )
            state.shown_finish[node] = state.late_finish[node]
