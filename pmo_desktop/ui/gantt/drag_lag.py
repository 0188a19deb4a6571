"""A bar drag that changes the lag of the task's driving link instead of setting SNET, and
committing a drag's edit in the worker pool.

The driving link is the one of the task's links from a task of the same project that
gives the latest start with its current lag (what holds the task where it is, constraints
aside). The new lag is the dropped start minus the start that link alone gives (lag 0),
in working time of the project calendar. The preview edits the `PreviewSession`'s
schedule in place: the link is replaced, and an SNET constraint and levelling delay of
the task are cleared, as the committed `task_edits.set_link_lag` does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication

from pmo_desktop.errors import PmoError
from pmo_desktop.models import ConstraintType, LinkType
from pmo_desktop.scheduling.calendar import WorkingCalendar
from pmo_desktop.scheduling.cpm_graph import SchedulingError
from pmo_desktop.scheduling.model import LinkSpec
from pmo_desktop.services.commands import Command
from pmo_desktop.services.database import Database
from pmo_desktop.services.gantt import GanttData, GanttLink, GanttTask
from pmo_desktop.services.project_schedule import PreviewSession, Span
from pmo_desktop.ui.workers import ProgressToken
from pmo_desktop.ui.workspace import UndoAdapter, Workspace


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

    def _absorb(self, changed: dict[int, object]) -> None:
        stored = self.session.project_plan.stored
        for task_id, outcome in changed.items():
            if task_id not in stored:
                continue
            span = (outcome.start, outcome.finish)  # type: ignore[attr-defined]
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
                self._absorb(dict(scheduler.set_constraint(task_id, "ASAP", None)))
            self._absorb(dict(scheduler.set_levelling_delay(task_id, 0)))
        link = self._link()
        engine = scheduler.engine
        edges = [edge for edge in engine.edges_out[engine.index[link.predecessor]]
                 if edge.link is link]  # fmt: skip
        if edges and all(edge.lag != lag or edge.elapsed for edge in edges):
            # The lag in place and one incremental update (what set_duration does for a
            # percent lag): half the cost of removing and adding the link. The session is
            # dropped after the drag, so its plan's LinkSpec keeps the old lag.
            for edge in edges:
                edge.lag, edge.elapsed = lag, False
            self._absorb(dict(scheduler._link_changed(link)))
        elif not edges:
            new = replace(link, lag=lag, lag_unit="working")
            self._absorb(dict(scheduler.remove_link(link)))
            self._absorb(dict(scheduler.add_link(new)))
            self._current = new
        return dict(self._changed)


# Committing off the GUI thread.


def apply_command(token: ProgressToken, database: Database, command: Command) -> Command:
    """Worker side: write the command and reschedule the project (one transaction)."""
    token.raise_if_cancelled()
    command.apply(database)
    return command


def execute_in_background(
    workspace: Workspace, command: Command, done: Callable[[bool], None]
) -> None:
    """`Workspace.execute` with the write in the worker pool: on completion the command goes
    on the undo stack and the views reload; a refused edit is reported. `done(ok)` follows."""

    def succeeded(_result: object) -> None:
        workspace.undo_stack.push(UndoAdapter(workspace, command))
        workspace.data_changed.emit(command.touched())
        done(True)

    def failed(error: object) -> None:
        if isinstance(error, PmoError):
            workspace.dialogs.critical(
                workspace.parent_widget,
                QCoreApplication.translate("DragController", "Change not saved"),
                str(error),
            )
        workspace.data_changed.emit(None)
        done(False)

    job = workspace.pool.submit(apply_command, workspace.database, command)
    job.succeeded.connect(succeeded)
    job.failed.connect(failed)
