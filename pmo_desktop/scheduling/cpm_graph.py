"""The CPM network: tasks as graph nodes, links expanded to edges (cpm_edges.py), topological
order.

Summary tasks are nodes of their own: they take the span of their children (child →
summary edges), and a link that reaches a summary applies to every task under it. The
passes (cpm_passes.py) run on an integer timeline: working minutes of the project
calendar counted from midnight of the project start day; this module converts dates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from pmo_desktop.scheduling.calendar import WorkingCalendar, common_working_time
from pmo_desktop.scheduling.cpm_edges import CycleError, Edges, SchedulingError
from pmo_desktop.scheduling.model import ScheduleInput, TaskSpec

__all__ = ["DATED", "FAR", "CycleError", "Graph", "SchedulingError"]

FAR = 1 << 60
#: (calendar, spans, constraint, deadline, actual start and finish, remaining work,
#: levelling delay) of a task on the project calendar with nothing else to derive.
_USUAL = (None, (), "ASAP", None, None, None, None, 0)


def positions(values: list[Any], value: object) -> list[int]:
    """The indexes where `value` is in `values` (found by list.index, in C: a loop over
    `range` would make an int for each item)."""
    found: list[int] = []
    at = -1
    try:
        while True:
            at = values.index(value, at + 1)
            found.append(at)
    except ValueError:
        return found


#: Constraints whose date a task can show as given, at 17:00 or 08:00 (see cpm_passes).
DATED = frozenset(("MSO", "SNET", "SNLT", "MFO", "FNET"))


class Moments(dict[int, datetime]):
    """Offsets as instants on the project calendar (`start_at` or `finish_at`), each
    distinct offset converted once, on its first look-up: many tasks share dates.

    Look one up through its bound `__getitem__` (Graph.start_moment): `moments[offset]`
    costs nearly twice as much, as CPython calls a dict subclass's [] through a
    Python-level look-up of `__getitem__` (dict's is a method, not a slot)."""

    __slots__ = ("_convert", "_offsets", "_origin")

    def __init__(
        self, convert: Callable[[int], datetime], origin: int, offsets: dict[datetime, int]
    ) -> None:
        super().__init__()
        self._convert, self._origin, self._offsets = convert, origin, offsets

    def __missing__(self, offset: int) -> datetime:
        moment = self[offset] = self._convert(offset + self._origin)
        # The way back (one offset per instant: the calendar's offset of it).
        self._offsets[moment] = offset
        return moment


class Graph(Edges):
    """Nodes, edges and order of a plan, plus the conversions between dates and offsets."""

    def __init__(self, plan: ScheduleInput) -> None:
        self.plan = plan
        self.tasks = plan.tasks
        #: Each node's task id, and each task id's node.
        self.ids = [task.id for task in self.tasks]
        # One int object per node and edge number, shared by every list that holds one
        # (made once: a loop over `range` makes a new int at each step).
        self.numbers = list(range(max(len(self.ids), len(plan.links))))
        self.index = dict(zip(self.ids, self.numbers, strict=False))
        if len(self.index) != len(self.tasks):
            raise SchedulingError("Two tasks share one id.")
        self.calendar = WorkingCalendar(plan.calendar, plan.start.date())
        self.task_calendars = {
            name: WorkingCalendar(spec, plan.start.date()) for name, spec in plan.calendars.items()
        }
        tasks, count = self.tasks, len(self.tasks)
        # Most tasks are on the project calendar with no constraint, deadline, progress or
        # levelling delay: one comparison of a tuple finds them (nothing to derive).
        usual = [
            (task.calendar, task.spans, task.constraint, task.deadline, task.actual_start,
             task.actual_finish, task.remaining, task.levelling_delay) == _USUAL
            for task in tasks
        ]  # fmt: skip
        unusual = [] if all(usual) else positions(usual, False)
        self.plain = [True] * count
        for node in unusual:
            task = tasks[node]
            self.plain[node] = task.calendar is None and not task.spans
        if unusual and not all(self.plain):
            for task in self.tasks:
                for name in (task.calendar, *[span.calendar for span in task.spans]):
                    if name is not None and name not in self.task_calendars:
                        raise SchedulingError(
                            f"Task {task.name or task.id} uses an unknown calendar {name!r}."
                        )
        self._combined: dict[tuple[str, str], WorkingCalendar] = {}
        #: Each project's finish offset, and its instant when a task off the project
        #: calendar ends it later than the project calendar's 17:00 (a night shift's 08:00).
        self.project_ends: dict[int, int] = {}
        self.project_end_moments: dict[int, datetime] = {}
        self.origin = self.calendar.offset(plan.start)
        # Many tasks share dates: convert each distinct offset once. `offsets`: the offset of
        # each instant converted, the way back without the calendar.
        self.offsets: dict[datetime, int] = {}
        self._starts = Moments(self.calendar.start_at, self.origin, self.offsets)
        self.start_moment = self._starts.__getitem__  # type: ignore[method-assign]
        self._landing = plan.start
        self._finishes = Moments(self.calendar.finish_at, self.origin, self.offsets)
        self.finish_moment = self._finishes.__getitem__  # type: ignore[method-assign]
        # Where each task starts without predecessors: its project's start (portfolios).
        project_floor = {
            project: self.offset(start) for project, start in plan.project_starts.items()
        }
        self.floor = (
            [project_floor.get(task.project, 0) for task in self.tasks]
            if project_floor
            else [0] * count
        )
        # A summary's children, in plan order; a leaf's: one shared empty tuple (the lists
        # would be 90 % of them, and are never added to after this).
        self.children: list[Sequence[int]] = [()] * count
        self.parent_of: list[int | None] = [None] * count
        children, parent_of, index = self.children, self.parent_of, self.index
        summaries: list[int] = []
        parents = zip(self.numbers, [task.parent for task in tasks], strict=False)
        for position, parent_id in parents:
            if parent_id is not None:
                parent = index.get(parent_id)
                if parent is None:
                    raise SchedulingError(
                        f"Task {self.ids[position]} has an unknown parent {parent_id}."
                    )
                kids = children[parent]
                if kids:
                    kids.append(position)  # type: ignore[attr-defined]
                else:
                    children[parent] = [position]
                    summaries.append(parent)
                parent_of[position] = parent
        #: The summaries in plan order, and whether each node is one.
        self.summaries = sorted(summaries)
        self.is_summary = [False] * count
        for node in summaries:
            self.is_summary[node] = True
        #: Tasks off the project calendar: the calendars they work on and for how long
        #: (None: the task's duration).
        self.work_calendars: dict[int, list[tuple[WorkingCalendar, int | None]]] = {}
        if not all(self.plain):
            for node, task in enumerate(self.tasks):
                if self.is_summary[node] and task.calendar is None:
                    self.plain[node] = True  # its resources do not place it: its tasks do
                elif not self.plain[node]:
                    self.work_calendars[node] = self._work_calendars(task)
        self.status = None if plan.status_date is None else self.offset(plan.status_date)
        self.duration = [
            0 if is_summary or task.milestone or task.duration < 0 else task.duration
            for is_summary, task in zip(self.is_summary, tasks, strict=True)
        ]
        self.remaining = self.duration[:]
        self.started = [False] * count
        self.done = [False] * count
        self.simple = [False] * count
        #: Leaves with actual dates, tasks with a deadline, ALAP leaves.
        self.progress_nodes: set[int] = set()
        self.deadline_nodes: set[int] = set()
        self.alap_nodes: set[int] = set()
        #: An ALAP task off the project calendar shows its late finish (the latest end of
        #: working time its resources share), not the end of its work from its late start.
        self.pinned_finish: dict[int, datetime] = {}
        #: Leaves whose constraint date can show as given (MSO, SNET, SNLT, MFO, FNET).
        self.dated_nodes: set[int] = set()
        #: Leaves with a levelling delay (see TaskSpec.levelling_delay).
        self.delayed_nodes: set[int] = set()
        if self.status is None:
            self.simple = usual
        for node in unusual:
            self._derive(node)
        forward = self._add_all_edges(plan.links)
        summaries = self.summaries
        self.quick = self._quick_flags(summaries)
        if forward and self._outline(summaries):
            # Each link runs forward in the plan and each summary lies above its tasks:
            # the tasks in plan order, then the summaries from the last one up, are a
            # topological order (what a walk of the network would give, at no cost).
            order: list[int] = []
            after = 0
            for node in summaries:
                order += self.numbers[after:node]
                after = node + 1
            order += self.numbers[after:count]
            self.summary_order = summaries[::-1]
            self.order = order + self.summary_order
        else:
            self.reorder()

    # -- nodes and edges -----------------------------------------------------------------

    def refresh_task(self, node: int) -> None:
        """Derive the node's duration, progress and fast-path flags from its TaskSpec."""
        self._derive(node)
        self.refresh_quick((node,))

    def _derive(self, node: int) -> None:
        task = self.tasks[node]
        leaf = not self.is_summary[node]
        duration = max(task.duration, 0) if leaf and not task.milestone else 0
        self.duration[node] = duration
        started = leaf and task.actual_start is not None
        done = leaf and task.actual_finish is not None
        self.started[node] = started
        self.done[node] = done
        if done:
            remaining = 0
        elif task.remaining is not None:
            remaining = max(task.remaining, 0)
        elif started:
            remaining = max(round(duration * (100.0 - task.percent_complete) / 100.0), 0)
        else:
            remaining = duration
        self.remaining[node] = remaining
        if started or done:
            self.progress_nodes.add(node)
        else:
            self.progress_nodes.discard(node)
        dated = task.constraint in DATED and task.constraint_date is not None
        for members, belongs in (
            (self.deadline_nodes, task.deadline is not None),
            (self.alap_nodes, leaf and task.constraint == "ALAP"),
            (self.dated_nodes, leaf and dated),
            (self.delayed_nodes, leaf and task.levelling_delay > 0),
        ):
            if belongs:
                members.add(node)
            else:
                members.discard(node)
        #: A task on the project calendar with no constraint, deadline or progress (and no
        #: status date to respect): the passes take a fast path for it.
        self.simple[node] = (
            self.plain[node]
            and task.constraint == "ASAP"
            and task.deadline is None
            and task.actual_start is None
            and task.actual_finish is None
            and self.status is None
            and not (leaf and task.levelling_delay > 0)
        )

    # -- time conversions --------------------------------------------------------------

    def offset(self, moment: datetime) -> int:
        return self.calendar.offset(moment) - self.origin

    def start_moment(self, offset: int) -> datetime:
        """The instant a task starting at `offset` starts (replaced in __init__ by the
        cache's own look-up, a call the less)."""
        return self._starts[offset]

    def finish_moment(self, offset: int) -> datetime:
        """The instant a task finishing at `offset` finishes (see start_moment)."""
        return self._finishes[offset]

    def _work_calendars(self, task: TaskSpec) -> list[tuple[WorkingCalendar, int | None]]:
        """Per resource (or for the task alone), the calendar it works on and how long."""
        own = None if task.calendar is None else self.task_calendars[task.calendar]
        if not task.spans:
            return [(own or self.calendar, None)]
        found: list[tuple[WorkingCalendar, int | None]] = []
        for span in task.spans:
            if span.calendar is None or span.calendar == task.calendar:
                calendar = own or self.calendar
            elif own is None or task.calendar is None or span.alone:
                calendar = self.task_calendars[span.calendar]
            else:
                key = (task.calendar, span.calendar)
                calendar = self._combined.get(key)  # type: ignore[assignment]
                if calendar is None:
                    spec = common_working_time(own.spec, self.task_calendars[span.calendar].spec)
                    if not any(spec.week):
                        raise SchedulingError(
                            f"Task {task.name or task.id}: its calendar {task.calendar!r} and "
                            f"its resource's {span.calendar!r} share no working time."
                        )
                    calendar = self._combined[key] = WorkingCalendar(spec, self.plan.start.date())
            found.append((calendar, span.minutes))
        return found

    def _share(self, node: int, minutes: int | None, duration: int) -> int:
        """A resource's part of `duration` (the whole task, or what remains of it)."""
        full = self.duration[node]
        if minutes is None or duration == full:
            return duration if minutes is None else max(minutes, 0)
        return round(max(minutes, 0) * duration / full) if full else max(minutes, 0)

    def work_dates(self, node: int, moment: datetime, duration: int) -> tuple[datetime, datetime]:
        """When a task off the project calendar that may start at `moment` starts (when
        its first resource can) and finishes (when its last one is done)."""
        calendars = self.work_calendars[node]
        begin = min([calendar.next_start(moment) for calendar, _ in calendars])
        end = max(
            [
                calendar.finish_at(calendar.offset(begin) + self._share(node, minutes, duration))
                for calendar, minutes in calendars
            ]
        )
        return begin, end

    def work_dates_back(
        self, node: int, moment: datetime, duration: int
    ) -> tuple[datetime, datetime]:
        """(start, finish) of a task off the project calendar that must finish by `moment`:
        it finishes at the latest end of working time its resources share with `moment`."""
        calendars = self.work_calendars[node]
        end = max([calendar.previous_finish(moment) for calendar, _ in calendars])
        begin = min(
            [
                calendar.start_at(calendar.offset(end) - self._share(node, minutes, duration))
                for calendar, minutes in calendars
            ]
        )
        return begin, end

    def finish_of(self, node: int, start: int, duration: int | None = None) -> int:
        """Finish of a task that starts at `start` and lasts `duration` (default: its own)."""
        if duration is None:
            duration = self.duration[node]
        if self.plain[node] or duration == 0:
            return start + duration
        return self.offset(self.work_dates(node, self.start_moment(start), duration)[1])

    def start_of(self, node: int, finish: int, duration: int | None = None) -> int:
        """Start of a task that must finish at `finish`, on its own or its resources' calendars."""
        if duration is None:
            duration = self.duration[node]
        if self.plain[node] or duration == 0:
            return finish - duration
        return self.offset(self.work_dates_back(node, self.finish_moment(finish), duration)[0])

    def shift(self, offset: int, lag: int, elapsed: bool, *, as_finish: bool) -> int:
        if not elapsed:
            return offset + lag
        moment = self.finish_moment(offset) if as_finish else self.start_moment(offset)
        self._landing = moment + timedelta(minutes=lag)
        return self.offset(self._landing)

    def is_instant(self, node: int) -> bool:
        """A milestone not started: its dates are one instant, at a start or at an end."""
        return not (
            self.duration[node] or self.is_summary[node] or self.started[node] or self.done[node]
        )
