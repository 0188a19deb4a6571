"""Levelling delays kept in the database: apply a levelling, or clear it (MS Project's
"Clear Leveling"), each as one transaction and one undo step.

A task's levelling delay (`Task.levelling_delay_minutes`, working minutes) is an input of
every reschedule (services.scheduling, services.project_schedule): the scheduler adds it
to the task's start after its links and constraint. Both commands write the delays with
the dates the scheduler gives the plan with those delays (start and finish of the tasks
and their assignments), so that a later reschedule keeps them; undo restores the rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from pmo_desktop.errors import ConflictError, NotFoundError, ValidationError
from pmo_desktop.models import Assignment, Entity, Project, Task
from pmo_desktop.scheduling.cpm import SchedulingError, schedule
from pmo_desktop.scheduling.model import ScheduleInput, ScheduleResult
from pmo_desktop.services.commands import Command
from pmo_desktop.services.scheduling import PlanError, load_plan
from pmo_desktop.services.task_commands import RowUpdate, write_row_updates
from pmo_desktop.storage.database import Database

_ID_CHUNK = 500


class TaskRow(NamedTuple):
    """What is stored of a task: its row version, dates, levelling delay and name."""

    version: int
    start: datetime | None
    finish: datetime | None
    delay: int
    name: str


class AssignmentRow(NamedTuple):
    id: int
    task_id: int
    version: int
    start: datetime | None
    finish: datetime | None
    resource_id: int
    units: float


def stored_tasks(session: Session, portfolio_id: int) -> dict[int, TaskRow]:
    """The stored task rows of a portfolio."""
    return {
        row.id: TaskRow(row.version, row.start, row.finish, row.levelling_delay_minutes, row.name)
        for row in session.execute(
            select(Task.id, Task.version, Task.start, Task.finish, Task.levelling_delay_minutes,
                   Task.name)
            .join(Project, Project.id == Task.project_id)
            .where(Project.portfolio_id == portfolio_id)
        )
    }  # fmt: skip


def stored_assignments(session: Session, tasks: Iterable[int]) -> list[AssignmentRow]:
    """The stored assignments of `tasks`."""
    wanted = set(tasks)
    rows = session.execute(
        select(Assignment.id, Assignment.task_id, Assignment.version, Assignment.start,
               Assignment.finish, Assignment.resource_id, Assignment.units)
    )  # fmt: skip
    return [AssignmentRow(*row) for row in rows if row.task_id in wanted]


def with_delays(plan: ScheduleInput, delays: Mapping[int, int]) -> ScheduleInput:
    """The plan with some tasks' levelling delays replaced."""
    tasks = [
        replace(task, levelling_delay=delays[task.id]) if task.id in delays else task
        for task in plan.tasks
    ]
    return replace(plan, tasks=tasks)


def schedule_or_fail(plan: ScheduleInput) -> ScheduleResult:
    try:
        return schedule(plan)
    except SchedulingError as exc:
        raise PlanError(str(exc)) from None


def changed_dates(
    result: ScheduleResult, task_rows: Mapping[int, TaskRow], delays: Mapping[int, int]
) -> dict[int, tuple[datetime, datetime]]:
    """Tasks whose scheduled span differs from the stored one, or whose delay changes."""
    found: dict[int, tuple[datetime, datetime]] = {}
    for task_id, row in task_rows.items():
        outcome = result.tasks.get(task_id)
        if outcome is None:
            continue
        span = (outcome.start, outcome.finish)
        if span != (row.start, row.finish) or delays.get(task_id, row.delay) != row.delay:
            found[task_id] = span
    return found


def date_steps(
    new_dates: Mapping[int, tuple[datetime, datetime]],
    delays: Mapping[int, int],
    task_rows: Mapping[int, TaskRow],
    assignment_rows: Iterable[AssignmentRow],
) -> list[RowUpdate]:
    """Row updates writing the new spans and delays of tasks, and their assignments' spans,
    checked against the row versions read."""
    steps: list[RowUpdate] = []
    for task_id in sorted(new_dates.keys() | delays.keys()):
        row = task_rows[task_id]
        start, finish = new_dates.get(task_id, (row.start, row.finish))
        delay = delays.get(task_id, row.delay)
        before = {"start": row.start, "finish": row.finish, "levelling_delay_minutes": row.delay}
        after = {"start": start, "finish": finish, "levelling_delay_minutes": delay}
        if before != after:
            steps.append(RowUpdate(Task, task_id, row.version, before, after))
    for item in assignment_rows:
        new = new_dates.get(item.task_id)
        if new is None or (item.start, item.finish) == new:
            continue
        steps.append(
            RowUpdate(Assignment, item.id, item.version,
                      {"start": item.start, "finish": item.finish},
                      {"start": new[0], "finish": new[1]})
        )  # fmt: skip
    return steps


@dataclass
class ApplyLevelling:
    """Levelling delays and the dates they give, as one transaction and one undo step.

    The dates written are the scheduler's for the plan with these delays: a reschedule
    afterwards keeps them (slack and late dates follow at that reschedule)."""

    steps: list[RowUpdate]
    text: str = "Level resources"

    def apply(self, database: Database) -> None:
        self._run(database, self.steps, forward=True)

    def revert(self, database: Database) -> None:
        self._run(database, list(reversed(self.steps)), forward=False)

    def _run(self, database: Database, steps: list[RowUpdate], *, forward: bool) -> None:
        registry: dict[Any, int] = vars(database).setdefault("_own_row_versions", {})
        saved_registry = dict(registry)
        saved_steps = [dict(vars(step)) for step in steps]
        try:
            with database.write_session() as session:
                # One set-based UPDATE per table on a server: a change notice per 500 rows.
                write_row_updates(session, database, steps, forward=forward)
        except BaseException as exc:
            registry.clear()
            registry.update(saved_registry)
            for step, state in zip(steps, saved_steps, strict=True):
                vars(step).update(state)
            if isinstance(exc, StaleDataError):
                raise ConflictError("Task", 0, mine={}, theirs={}, expected_version=0,
                                    their_version=None) from None  # fmt: skip
            raise

    def merge(self, other: Command) -> bool:
        return False

    def touched(self) -> set[type[Entity]]:
        return {Task, Assignment}

    @property
    def delayed_tasks(self) -> int:
        """How many tasks this command gives a levelling delay to (or takes it from)."""
        return sum(
            1
            for step in self.steps
            if step.model is Task
            and step.before.get("levelling_delay_minutes")
            != step.after.get("levelling_delay_minutes")
        )


def scope_projects(
    session: Session, portfolio_id: int, scope: str, scope_id: int | None
) -> set[int]:
    """The ids of the projects of a levelling scope: a project, a programme, a portfolio."""
    query = select(Project.id).where(Project.portfolio_id == portfolio_id)
    if scope == "project":
        query = query.where(Project.id == scope_id)
    elif scope == "programme":
        query = query.where(Project.programme_id == scope_id)
    elif scope != "portfolio":
        raise ValidationError(f"Unknown levelling scope {scope!r}.")
    found = set(session.scalars(query))
    if scope != "portfolio" and not found:
        raise NotFoundError(f"No project to level in this {scope}.")
    return found


def clear_levelling(
    database: Database, portfolio_id: int, scope: str = "portfolio", scope_id: int | None = None
) -> ApplyLevelling:
    """The command setting every levelling delay of the scope back to 0, with the dates the
    plan then has (MS Project's Clear Leveling); no steps when there is none to clear."""
    with database.session() as session:
        plan = load_plan(session, portfolio_id)
        chosen = scope_projects(session, portfolio_id, scope, scope_id)
        delays = {
            task.id: 0 for task in plan.tasks if task.project in chosen and task.levelling_delay
        }
        if not delays:
            return ApplyLevelling([], "Clear levelling")
        task_rows = stored_tasks(session, portfolio_id)
        result = schedule_or_fail(with_delays(plan, delays))
        new_dates = changed_dates(result, task_rows, delays)
        assignment_rows = stored_assignments(session, new_dates)
    return ApplyLevelling(
        date_steps(new_dates, delays, task_rows, assignment_rows), "Clear levelling"
    )


def relevel(
    database: Database, delays: Mapping[int, int], text: str = "Level resources"
) -> ApplyLevelling:
    """The command giving tasks these levelling delays, with the dates the plan then has,
    scheduled from what is stored now (a levelling rebuilt after a conflict, issue 8 §2)."""
    if not delays:
        return ApplyLevelling([], text)
    with database.session() as session:
        portfolio_id = session.scalar(
            select(Project.portfolio_id)
            .join(Task, Task.project_id == Project.id)
            .where(Task.id.in_(list(delays)[:_ID_CHUNK]))
            .limit(1)
        )
        if portfolio_id is None:
            return ApplyLevelling([], text)
        plan = load_plan(session, portfolio_id)
        task_rows = stored_tasks(session, portfolio_id)
        kept = {task_id: delay for task_id, delay in delays.items() if task_id in task_rows}
        result = schedule_or_fail(with_delays(plan, kept))
        new_dates = changed_dates(result, task_rows, kept)
        assignment_rows = stored_assignments(session, new_dates)
    return ApplyLevelling(date_steps(new_dates, kept, task_rows, assignment_rows), text)
