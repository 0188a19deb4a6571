"""The CPM network: tasks as graph nodes, links expanded to edges, topological order.

Summary tasks are nodes of their own: they take the span of their children (child →
summary edges), and a link that reaches a summary applies to every task under it. The
passes (cpm_passes.py) run on an integer timeline: working minutes of the project
calendar counted from midnight of the project start day; this module converts dates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import compress, repeat
from operator import add, and_, not_

from pmo_desktop.scheduling.calendar import WorkingCalendar, common_working_time
from pmo_desktop.scheduling.model import LinkSpec, ScheduleInput, TaskSpec, percent_lag

FAR = 1 << 60
#: Constraints whose date a task can show as given, at 17:00 or 08:00 (see cpm_passes).
DATED = frozenset(("MSO", "SNET", "SNLT", "MFO", "FNET"))


class SchedulingError(ValueError):
    """The plan cannot be scheduled as given (a loop of links, an unknown task)."""


class CycleError(SchedulingError):
    """Links form a loop; `tasks` names the tasks in it, in order."""

    def __init__(self, tasks: Sequence[TaskSpec]) -> None:
        self.task_ids = [task.id for task in tasks]
        names = " → ".join(f"{task.name or task.id}" for task in [*tasks, tasks[0]])
        super().__init__(f"These tasks are linked in a loop: {names}.")


@dataclass(slots=True)
class Edge:
    """A link between graph nodes (already expanded from summary successors to leaves).

    `slow` sends the backward pass through its general path: an elapsed lag, or progress
    on either end (Microsoft Project treats links to started or finished tasks apart).
    """

    source: int
    target: int
    type: str
    lag: int
    elapsed: bool
    link: LinkSpec
    slow: bool = False


class Moments(dict[int, datetime]):
    """Offsets as instants on the project calendar (`start_at` or `finish_at`), each
    distinct offset converted once, on its first look-up: many tasks share dates."""

    __slots__ = ("_convert", "_origin")

    def __init__(self, convert: Callable[[int], datetime], origin: int) -> None:
        super().__init__()
        self._convert, self._origin = convert, origin

    def __missing__(self, offset: int) -> datetime:
        moment = self[offset] = self._convert(offset + self._origin)
        return moment


class Graph:
    """Nodes, edges and order of a plan, plus the conversions between dates and offsets."""

    def __init__(self, plan: ScheduleInput) -> None:
        self.plan = plan
        self.tasks = plan.tasks
        #: Each node's task id, and each task id's node.
        self.ids = [task.id for task in self.tasks]
        self.index = dict(zip(self.ids, range(len(self.ids)), strict=True))
        if len(self.index) != len(self.tasks):
            raise SchedulingError("Two tasks share one id.")
        self.calendar = WorkingCalendar(plan.calendar, plan.start.date())
        self.task_calendars = {
            name: WorkingCalendar(spec, plan.start.date()) for name, spec in plan.calendars.items()
        }
        self.plain = [task.calendar is None and not task.spans for task in self.tasks]
        if not all(self.plain):
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
        # Many tasks share dates: convert each distinct offset once.
        self._starts = Moments(self.calendar.start_at, self.origin)
        self._landing = plan.start
        self._finishes = Moments(self.calendar.finish_at, self.origin)
        # Where each task starts without predecessors: its project's start (portfolios).
        project_floor = {
            project: self.offset(start) for project, start in plan.project_starts.items()
        }
        count = len(self.tasks)
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
        for position, parent_id in enumerate([task.parent for task in self.tasks]):
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
                parent_of[position] = parent
        self.is_summary = list(map(bool, children))
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
        summary, tasks = self.is_summary, self.tasks
        self.duration = [
            0 if is_summary or task.milestone or task.duration < 0 else task.duration
            for is_summary, task in zip(summary, tasks, strict=True)
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
        # Most tasks: nothing to derive beyond duration and the fast-path flag.
        ordinary = [
            task.constraint == "ASAP"
            and task.deadline is None
            and task.actual_start is None
            and task.actual_finish is None
            and task.remaining is None
            and not task.levelling_delay
            for task in tasks
        ]
        if self.status is None:
            self.simple = list(map(and_, ordinary, self.plain))
        if not all(ordinary):
            for node in compress(range(count), map(not_, ordinary)):
                self.refresh_task(node)
        # One new empty list per node (`map` makes them a little faster than a loop).
        self.edges_in: list[list[Edge]] = list(map(list, repeat((), count)))
        self.edges_out: list[list[Edge]] = list(map(list, repeat((), count)))
        self._add_all_edges(plan.links)
        self.order = self.topological_order()
        self.summary_order = [node for node in self.order if self.is_summary[node]]

    def reorder(self) -> None:
        """Recompute the topological order after a link was added against it."""
        self.order = self.topological_order()
        self.summary_order = [node for node in self.order if self.is_summary[node]]

    # -- nodes and edges -----------------------------------------------------------------

    def refresh_task(self, node: int) -> None:
        """Derive the node's duration, progress and fast-path flag from its TaskSpec."""
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

    def mark_slow(self, node: int) -> None:
        """Recompute the `slow` flag of every edge touching `node`."""
        for edge in self.edges_in[node]:
            edge.slow = self._is_slow(edge)
        for edge in self.edges_out[node]:
            edge.slow = self._is_slow(edge)

    def _is_slow(self, edge: Edge) -> bool:
        started, done = self.started, self.done
        return (
            edge.elapsed
            or started[edge.source]
            or started[edge.target]
            or done[edge.source]
            or done[edge.target]
        )

    def leaves(self, node: int) -> list[int]:
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

    def link_lag(self, link: LinkSpec, source: int) -> int:
        if link.lag_unit == "percent":
            return percent_lag(self.tasks[source].duration, link.lag)
        return link.lag

    def _add_all_edges(self, links: Sequence[LinkSpec]) -> None:
        """`add_edges` for every link, inlined: a portfolio has 75,000 of them."""
        index, summary, tasks = self.index, self.is_summary, self.tasks
        edges_in, edges_out = self.edges_in, self.edges_out
        try:
            sources = list(map(index.__getitem__, [link.predecessor for link in links]))
            targets = list(map(index.__getitem__, [link.successor for link in links]))
        except KeyError:
            for link in links:
                if link.predecessor not in index or link.successor not in index:
                    raise SchedulingError(
                        f"The link {link.predecessor} → {link.successor} names an unknown task."
                    ) from None
            raise
        new = object.__new__
        # Links into started or finished tasks take the backward pass's general path.
        tracked = None
        if self.progress_nodes:
            tracked = [
                started or done for started, done in zip(self.started, self.done, strict=True)
            ]
        for link, source, target in zip(links, sources, targets, strict=True):
            unit = link.lag_unit
            if unit == "working":
                lag, elapsed = link.lag, False
            else:
                lag = (
                    percent_lag(tasks[source].duration, link.lag) if unit == "percent" else link.lag
                )
                elapsed = unit == "elapsed"
            if summary[target]:
                outgoing = edges_out[source]
                slow = elapsed if tracked is None else elapsed or tracked[source]
                for leaf in self.leaves(target):
                    edge = Edge(source, leaf, link.type, lag, elapsed, link,
                                slow if tracked is None else slow or tracked[leaf])  # fmt: skip
                    outgoing.append(edge)
                    edges_in[leaf].append(edge)
            else:
                # Edge(...) without its __init__ call: a third of the cost.
                edge = new(Edge)
                edge.source, edge.target, edge.type, edge.lag = source, target, link.type, lag
                edge.elapsed, edge.link, edge.slow = elapsed, link, elapsed
                if tracked is not None:
                    edge.slow = elapsed or tracked[source] or tracked[target]
                edges_out[source].append(edge)
                edges_in[target].append(edge)

    def add_edges(self, link: LinkSpec) -> list[Edge]:
        """Expand one link to edges (to every task under a summary successor)."""
        source = self.index.get(link.predecessor)
        target = self.index.get(link.successor)
        if source is None or target is None:
            raise SchedulingError(
                f"The link {link.predecessor} → {link.successor} names an unknown task."
            )
        lag = self.link_lag(link, source)
        elapsed = link.lag_unit == "elapsed"
        outgoing, edges_in = self.edges_out[source], self.edges_in
        made = []
        for leaf in self.leaves(target) if self.is_summary[target] else (target,):
            edge = Edge(source, leaf, link.type, lag, elapsed, link)
            edge.slow = self._is_slow(edge)
            outgoing.append(edge)
            edges_in[leaf].append(edge)
            made.append(edge)
        return made

    def remove_edges(self, link: LinkSpec) -> list[Edge]:
        """Take out the edges of the first stored link equal to `link`; they are returned."""
        source = self.index.get(link.predecessor)
        if source is None:
            return []
        found = None
        for edge in self.edges_out[source]:
            if edge.link == link:
                found = edge.link
                break
        if found is None:
            return []
        removed = [edge for edge in self.edges_out[source] if edge.link is found]
        self.edges_out[source] = [e for e in self.edges_out[source] if e.link is not found]
        for edge in removed:
            self.edges_in[edge.target] = [e for e in self.edges_in[edge.target] if e is not edge]
        return removed

    def topological_order(self) -> list[int]:
        count = len(self.tasks)
        parent_of, edges_out = self.parent_of, self.edges_out
        indegree = list(map(add, map(len, self.edges_in), map(len, self.children)))
        # Breadth first: the list grows while it is read, as a queue would.
        order = [node for node, degree in enumerate(indegree) if not degree]
        append = order.append
        for node in order:
            for edge in edges_out[node]:
                target = edge.target
                degree = indegree[target] - 1
                indegree[target] = degree
                if not degree:
                    append(target)
            parent = parent_of[node]
            if parent is not None:
                degree = indegree[parent] - 1
                indegree[parent] = degree
                if not degree:
                    append(parent)
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

    def offset(self, moment: datetime) -> int:
        return self.calendar.offset(moment) - self.origin

    def start_moment(self, offset: int) -> datetime:
        return self._starts[offset]

    def finish_moment(self, offset: int) -> datetime:
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
