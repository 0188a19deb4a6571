"""Task edits on a stored 5,000-task project: drag preview, committed move, undo.

    python bench/bench_task_edits.py [--db PATH|URL] [--tasks N] [--drags D] [--commits C]

Writes one project of N tasks (bench_scheduling's shape: 50 work streams of summaries and
tasks, 1.5 links per task, all link types and lags, French holidays) into a fresh SQLite
file (or the PostgreSQL database given), then times:
- `PreviewSession.move`, one call per mouse move of a bar drag (budget 50 ms, DESIGN.md §7),
  over D drags of 10 moves each on random tasks, and on a critical task (its successors and
  the project finish move);
- the committed edit, `move_task(...).apply` (update + project reschedule + store of the rows
  that changed, one transaction), and its undo;
- `reschedule_project` with nothing to change (load + CPM + compare).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from bench_scheduling import one_project
from sqlalchemy import insert

from pmo_desktop.models import Dependency, Portfolio, Project, Task
from pmo_desktop.scheduling.model import ScheduleInput
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.services.project_schedule import PreviewSession, reschedule_project
from pmo_desktop.services.task_edits import move_task


def store_project(database: Database, plan: ScheduleInput) -> int:
    """The plan as one project of a new portfolio (Core inserts, ids kept)."""
    with database.write_engine.begin() as connection:
        portfolio_id = connection.execute(
            insert(Portfolio.__table__).values(name="Bench")
        ).inserted_primary_key[0]  # type: ignore[index]
        project_id = connection.execute(
            insert(Project.__table__).values(portfolio_id=portfolio_id, code="BIG",
                                             name="Big project", start_date=date(2026, 1, 5))
        ).inserted_primary_key[0]  # type: ignore[index]  # fmt: skip
        parents = {task.parent for task in plan.tasks if task.parent is not None}
        positions: dict[int | None, int] = {}
        rows = []
        for task in plan.tasks:
            position = positions[task.parent] = positions.get(task.parent, 0) + 1
            rows.append({"id": task.id, "project_id": project_id, "parent_id": task.parent,
                         "position": position, "name": task.name, "is_summary": task.id in parents,
                         "is_milestone": task.milestone, "duration_minutes": task.duration,
                         "outline_level": 1 if task.parent is None else 2})  # fmt: skip
        connection.execute(insert(Task.__table__), rows)
        connection.execute(
            insert(Dependency.__table__),
            [{"predecessor_id": link.predecessor, "successor_id": link.successor,
              "type": link.type, "lag": link.lag} for link in plan.links],
        )  # fmt: skip
    return int(project_id)


#: CPU seconds of each `timed` call, by label (see `timed`).
CPU: dict[str, list[float]] = {}


def timed(function: Callable[[], object], label: str = "") -> tuple[float, object]:
    """Wall seconds of one call and its value; its CPU time goes to CPU[label] (on a
    shared, loaded machine the CPU time is the steadier figure)."""
    cpu, started = time.process_time(), time.perf_counter()
    value = function()
    elapsed = time.perf_counter() - started
    CPU.setdefault(label, []).append(time.process_time() - cpu)
    return elapsed, value


def summary(label: str, samples: list[float], note: str = "", cpu: str = "") -> None:
    samples = sorted(samples)
    print(f"{label}: median {statistics.median(samples) * 1e3:.1f} ms, 90th percentile "
          f"{samples[len(samples) * 9 // 10] * 1e3:.1f} ms, max {samples[-1] * 1e3:.1f} ms "
          f"over {len(samples)}{note}")  # fmt: skip
    if cpu:
        times = sorted(CPU[cpu])
        tenth = times[len(times) * 9 // 10]
        print(f"  CPU time: median {statistics.median(times) * 1e3:.1f} ms, 90th percentile "
              f"{tenth * 1e3:.1f} ms, max {times[-1] * 1e3:.1f} ms")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a database URL or file (default: a temporary SQLite file)")
    parser.add_argument("--tasks", type=int, default=5_000)
    parser.add_argument("--drags", type=int, default=20)
    parser.add_argument("--commits", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(args.db or Path(folder) / "bench.sqlite")
        plan = one_project(args.tasks, args.tasks * 3 // 2)
        project_id = store_project(database, plan)
        elapsed, _ = timed(lambda: reschedule_project(database, project_id))
        print(f"{database.display}: {len(plan.tasks):,} tasks, {len(plan.links):,} links; "
              f"first reschedule (every row stored) {elapsed * 1e3:.0f} ms")  # fmt: skip
        idle = [timed(lambda: reschedule_project(database, project_id))[0] for _ in range(5)]
        summary("reschedule_project, nothing changed", idle, " runs")
        opened, preview = timed(lambda: PreviewSession(database, project_id), "open")
        assert isinstance(preview, PreviewSession)
        print(f"PreviewSession opened in {opened * 1e3:.0f} ms (once per drag, at mouse press)")
        rng = random.Random(3)
        leaves = [task.id for task in plan.tasks if task.parent is not None and task.duration]
        moves, sizes = [], []
        for _ in range(args.drags):
            task_id = rng.choice(leaves)
            start = preview.original(task_id)[0]
            for step in range(1, 11):
                elapsed, spans = timed(
                    lambda: preview.move(task_id, start + timedelta(days=step)),  # noqa: B023
                    "random",
                )
                moves.append(elapsed)
                sizes.append(len(spans))  # type: ignore[arg-type]
            preview.move(task_id, start)
        note = f" mouse moves (median {statistics.median(sizes):.0f} tasks moved; budget 50 ms)"
        summary("preview move, random task", moves, note, "random")
        results = preview.scheduler.result.tasks
        critical = next(task_id for task_id in leaves if results[task_id].critical
                        and results[task_id].start < datetime(2026, 3, 1))  # fmt: skip
        start = preview.original(critical)[0]
        worst, sizes = [], []
        for step in range(1, 21):
            elapsed, spans = timed(
                lambda: preview.move(critical, start + timedelta(days=step)),  # noqa: B023
                "critical",
            )
            worst.append(elapsed)
            sizes.append(len(spans))  # type: ignore[arg-type]
        summary("preview move, early critical task", worst,
                f" mouse moves (up to {max(sizes):,} tasks moved; budget 50 ms)",
                "critical")  # fmt: skip
        elapsed, _ = timed(lambda: preview.scheduler.result, "settle")
        print(f"  then every result of the preview built (late dates, slack): {elapsed * 1e3:.0f} "
              f"ms, CPU {CPU['settle'][0] * 1e3:.0f} ms (a preview never needs it)")  # fmt: skip
        applied, undone, moved = [], [], []
        for number in range(args.commits):
            task_id = critical if number % 2 else rng.choice(leaves)
            target = preview.original(task_id)[0] + timedelta(days=7)
            command = move_task(database, task_id, target)
            applied.append(timed(lambda: command.apply(database))[0])  # noqa: B023
            moved.append(len(command.moved))
            undone.append(timed(lambda: command.revert(database))[0])  # noqa: B023
        note = f" edits (median {statistics.median(moved):.0f} tasks moved, max {max(moved):,})"
        summary("committed move (update + reschedule + store)", applied, note)
        summary("undo of the committed move", undone, " edits")
        database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
