"""A generated project of about 10,000 tasks for the Gantt benchmark (budget: open < 1 s).

20 phases × 10 work packages × 49 tasks (48 work tasks and a milestone), chains of FS links
inside each package plus SS/FF links and cross-package links, a baseline 0, then a real
reschedule so that dates, slack and the critical path are the engine's.
"""

from __future__ import annotations

import itertools
import random
from datetime import date, datetime

from sqlalchemy import insert

from pmo_desktop.models import (
    Baseline,
    BaselineTask,
    Dependency,
    LinkType,
    Portfolio,
    Project,
    Task,
)
from pmo_desktop.services.database import Database
from pmo_desktop.services.scheduling import reschedule

PHASES, PACKAGES, TASKS_PER_PACKAGE = 20, 10, 49


def build_large_project(database: Database, *, seed: int = 11) -> int:
    """Create the portfolio and its one big project; returns the project id."""
    rng = random.Random(seed)
    with database.write_session() as session:
        portfolio = Portfolio(name="Gantt benchmark", as_of_date=date(2026, 6, 30))
        session.add(portfolio)
        session.flush()
        project = Project(
            portfolio_id=portfolio.id,
            code="BIG",
            name="Ten thousand tasks",
            start_date=date(2026, 1, 5),
            status_date=date(2026, 6, 30),
        )
        session.add(project)
        session.flush()
        project_id = project.id
        tasks: list[Task] = []
        phases = [
            Task(project_id=project_id, position=p, wbs=f"{p + 1}", outline_level=1,
                 name=f"Phase {p + 1}", is_summary=True)
            for p in range(PHASES)
        ]  # fmt: skip
        session.add_all(phases)
        session.flush()
        packages = [
            Task(project_id=project_id, parent_id=phase.id, position=k, wbs=f"{p + 1}.{k + 1}",
                 outline_level=2, name=f"Work package {p + 1}.{k + 1}", is_summary=True)
            for p, phase in enumerate(phases)
            for k in range(PACKAGES)
        ]  # fmt: skip
        session.add_all(packages)
        session.flush()
        for package in packages:
            for position in range(TASKS_PER_PACKAGE):
                milestone = position == TASKS_PER_PACKAGE - 1
                tasks.append(
                    Task(
                        project_id=project_id,
                        parent_id=package.id,
                        position=position,
                        wbs=f"{package.wbs}.{position + 1}",
                        outline_level=3,
                        name=(f"{package.name} complete" if milestone
                              else f"Task {package.wbs}.{position + 1}"),
                        is_milestone=milestone,
                        duration_minutes=0 if milestone else 480 * rng.randint(1, 10),
                        percent_complete=float(rng.choice((0, 0, 0, 25, 50, 100))),
                        notes="Check with the supplier." if rng.random() < 0.05 else "",
                    )
                )  # fmt: skip
        session.add_all(tasks)
        session.flush()
        links = []
        previous_milestone: Task | None = None
        for index in range(0, len(tasks), TASKS_PER_PACKAGE):
            chunk = tasks[index : index + TASKS_PER_PACKAGE]
            for lane in range(4):
                lane_tasks = chunk[lane : TASKS_PER_PACKAGE - 1 : 4]
                for before, after in itertools.pairwise(lane_tasks):
                    kind = rng.choice((LinkType.FS,) * 8 + (LinkType.SS, LinkType.FF))
                    links.append((before.id, after.id, kind))
                links.append((lane_tasks[-1].id, chunk[-1].id, LinkType.FS))
                if previous_milestone is not None:
                    links.append((previous_milestone.id, lane_tasks[0].id, LinkType.FS))
            previous_milestone = chunk[-1] if rng.random() < 0.5 else previous_milestone
        session.execute(
            insert(Dependency),
            [
                {"predecessor_id": a, "successor_id": b, "type": kind, "lag": 0}
                for a, b, kind in links
            ],
        )
    reschedule(database, portfolio.id)
    with database.write_session() as session:
        baseline = Baseline(project_id=project_id, number=0, name="Approved plan",
                            taken_at=datetime(2026, 1, 2))  # fmt: skip
        session.add(baseline)
        session.flush()
        rows = session.query(Task.id, Task.start, Task.finish, Task.duration_minutes).filter(
            Task.project_id == project_id
        )
        session.execute(
            insert(BaselineTask),
            [
                {"baseline_id": baseline.id, "task_id": row.id, "start": row.start,
                 "finish": row.finish, "duration_minutes": row.duration_minutes}
                for row in rows
            ],
        )  # fmt: skip
    return project_id
