"""State shared by the generator's steps: the rows being built and each project's plan."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from pmo_desktop.services.demo.dates import WorkingDays
from pmo_desktop.services.demo.texts import ProjectSpec
from pmo_desktop.services.demo.wbs import ProjectPlan


def money(cents: int) -> Decimal:
    """An amount in euros from integer cents (exact, two decimals)."""
    return Decimal(cents).scaleb(-2)


@dataclass
class Context:
    """Everything the steps share: the seeded RNG, the calendar and the rows by table."""

    rng: random.Random
    scale: str
    as_of: date
    days: WorkingDays
    tables: dict[str, list[dict[str, object]]] = field(default_factory=dict)

    @property
    def cutoff(self) -> int:
        """The status point: work on days up to and including ``as_of`` is done."""
        return self.days.points_through(self.as_of)

    @property
    def large(self) -> bool:
        """Whether this is the large reference portfolio (exact counts, generated names)."""
        return self.scale == "large"

    def rows(self, table: str) -> list[dict[str, object]]:
        """The rows of ``table`` built so far (created on first use, in insertion order)."""
        return self.tables.setdefault(table, [])

    def next_id(self, table: str) -> int:
        """The id the next row of ``table`` gets (ids are 1..n in insertion order)."""
        return len(self.rows(table)) + 1


@dataclass
class Assigned:
    """A resource (index in the resource list) on a task (local index) at some units."""

    task: int
    resource: int
    units: float


@dataclass
class ProjectRun:
    """A project while it is generated: spec, WBS, baseline and current schedules."""

    id: int
    spec: ProjectSpec
    plan: ProjectPlan
    programme_id: int | None
    first_task_id: int = 0
    base_days: list[int] = field(default_factory=list)
    base_start: list[int] = field(default_factory=list)
    base_finish: list[int] = field(default_factory=list)
    days: list[int] = field(default_factory=list)
    start: list[int] = field(default_factory=list)
    finish: list[int] = field(default_factory=list)
    percent: list[float] = field(default_factory=list)
    work: list[int] = field(default_factory=list)
    cost_cents: list[int] = field(default_factory=list)
    base_work: list[int] = field(default_factory=list)
    base_cost_cents: list[int] = field(default_factory=list)
    team: list[str] = field(default_factory=list)
    assigned: list[Assigned] = field(default_factory=list)
    replan: tuple[str, date] | None = None
    risk_log: list[tuple[date, date | None, int, str]] = field(default_factory=list)
    pending_decisions: list[str] = field(default_factory=list)

    @property
    def started(self) -> bool:
        """Whether the project has begun (proposed ones only have a plan)."""
        return self.spec.status != "proposed"

    def task_id(self, local: int) -> int:
        """The database id of the plan's task ``local``."""
        return self.first_task_id + local

    def project_start(self) -> int:
        """The point the project's current schedule starts at."""
        return min(self.start[i] for i in self.leaf_range())

    def project_finish(self) -> int:
        """The point the project's current schedule finishes at."""
        return max(self.finish[i] for i in self.leaf_range())

    def base_finish_point(self) -> int:
        """The point the project's baseline (original plan) finishes at."""
        return max(self.base_finish[i] for i in self.leaf_range())

    def leaf_range(self) -> list[int]:
        """Local indices of the tasks that are not summaries."""
        return [i for i, task in enumerate(self.plan.tasks) if not task.summary]

    def work_leaves(self) -> list[int]:
        """Local indices of the tasks that carry work (neither summaries nor milestones)."""
        return [i for i, t in enumerate(self.plan.tasks) if not t.summary and not t.milestone]

    def moments(
        self, days: WorkingDays, local: int, baseline: bool = False
    ) -> tuple[datetime, datetime]:
        """Start and finish datetimes of a task in the current or baseline schedule."""
        start, finish = (
            (self.base_start, self.base_finish) if baseline else (self.start, self.finish)
        )
        if self.plan.tasks[local].milestone:
            moment = days.ends[start[local] - 1]
            return moment, moment
        return days.starts[start[local]], days.ends[finish[local] - 1]
