"""A bar drag that changes the lag of the task's driving link instead of setting SNET.

A drag's edit is saved in the worker pool by `Workspace.execute_in_background`.

The driving link is the one of the task's links from a task of the same project that
gives the latest start with its current lag (what holds the task where it is, constraints
aside). The new lag is the dropped start minus the start that link alone gives (lag 0),
in working time of the project calendar. The preview edits the `PreviewSession`'s
schedule in place: the link is replaced, and an SNET constraint and levelling delay of
the task are cleared, as the committed `task_edits.set_link_lag` does.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from pmo_desktop.models import ConstraintType, LinkType
from pmo_desktop.scheduling.calendar import WorkingCalendar
from pmo_desktop.scheduling.cpm_graph import SchedulingError
from pmo_desktop.scheduling.incremental import Changes
from pmo_desktop.scheduling.model import LinkSpec
from pmo_desktop.services.gantt import GanttData, GanttLink, GanttTask
from pmo_desktop.services.project_schedule import PreviewSession, Span


@dataclass(frozen=True)
class LagPlan:
    """The link a lag drag of `task_id` changes, and the start that link gives at lag 0."""

    task_id: int
    link: GanttLink
    predecessor_name: str
    #: Working-minute offset (in `calendar`) of the start the link gives without lag.
    base: int
    calendar: WorkingCalendar
    minutes_per_day: int

    def lag_for(self, start: datetime) -> int:
        """The lag (working minutes) that starts the task at `start`."""
        return self.calendar.offset(start) - self.base

    def lag_text(self, lag: int) -> str:
        """`+2d`, `-1.5d`, `+0d`: the lag in working days of the project calendar."""
        days = lag / self.minutes_per_day
        text = f"{days:+.1f}".rstrip("0").rstrip(".")
        return f"{'+' if days == 0 else ''}{text}d"


def _calendar(data: GanttData) -> WorkingCalendar:
    first = data.start or datetime(2000, 1, 3)
    return WorkingCalendar(data.calendar, first.date())


def lag_plan(
    data: GanttData, task: GanttTask, calendar: WorkingCalendar | None = None
) -> LagPlan | None:
    """The driving link of `task` within its project (None: no such predecessor, use SNET)."""
    calendar = calendar or _calendar(data)
    tasks = {item.id: item for item in data.tasks}
    best: tuple[int, int, int, GanttLink, GanttTask] | None = None
    for link in data.links:
        predecessor = tasks.get(link.predecessor_id)
        if link.successor_id != task.id or predecessor is None:
            continue
        if predecessor.start is None or predecessor.finish is None:
            continue
        kind = LinkType(link.type)
        moment = predecessor.start if kind in (LinkType.SS, LinkType.SF) else predecessor.finish
        base = calendar.offset(moment)
        if kind in (LinkType.FF, LinkType.SF):
            base -= task.duration_minutes
        lag = link.lag
        if link.lag_unit == "percent":
            lag = round(predecessor.duration_minutes * link.lag / 100)
        elif link.lag_unit == "elapsed":
            lag = calendar.offset(moment + timedelta(minutes=link.lag)) - calendar.offset(moment)
        candidate = (base + lag, -link.id, base, link, predecessor)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    if best is None:
        return None
    _, _, base, link, predecessor = best
    return LagPlan(task.id, link, predecessor.name, base, calendar, data.minutes_per_day)


class LagPreview:
    """Per mouse move: the session's plan with the link at the new lag; spans that differ
    from the ones the session began with (the drag so far)."""

    def __init__(self, session: PreviewSession, plan: LagPlan) -> None:
        self.session = session
        self.plan = plan
        self._current: LinkSpec | None = None
        self._changed: dict[int, Span] = {}
        self._prepared = False

    def _link(self) -> LinkSpec:
        if self._current is None:
            link = self.plan.link
            for spec in self.session.project_plan.plan.links:
                if spec.predecessor == link.predecessor_id and spec.successor == link.successor_id:
                    self._current = spec
                    break
            else:
                raise SchedulingError("The link is no longer in the plan.")
        return self._current

    def _absorb(self, changed: Changes) -> None:
        stored = self.session.project_plan.stored
        for task_id, span in changed.spans.items():
            if task_id not in stored:
                continue
            if span == self.session.original(task_id):
                self._changed.pop(task_id, None)
            else:
                self._changed[task_id] = span

    def set_lag(self, lag: int) -> dict[int, Span]:
        scheduler = self.session.scheduler
        task_id = self.plan.task_id
        if not self._prepared:
            self._prepared = True
            node = scheduler.engine.index[task_id]
            if scheduler.engine.tasks[node].constraint == ConstraintType.SNET.value:
                self._absorb(scheduler.set_constraint(task_id, "ASAP", None))
            self._absorb(scheduler.set_levelling_delay(task_id, 0))
        link = self._link()
        if link.lag != lag or link.lag_unit != "working":
            self._absorb(scheduler.set_link_lag(link, lag))
            self._current = replace(link, lag=lag, lag_unit="working")
        return dict(self._changed)
