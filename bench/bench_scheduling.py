"""CPM speed on the reference portfolio's shape: 50,000 tasks and 75,000 links.

    python bench/bench_scheduling.py [--tasks N] [--links M] [--repeat R] [--edits E]

Builds a seeded portfolio plan in memory (200 projects of WBS trees with summaries,
milestones, all link types, lags, some cross-project links, a calendar with French public
holidays) and times `scheduling.cpm.schedule` on it: the budget is 0.5 s (DESIGN.md §7).
Then times `IncrementalScheduler` on one project of 5,000 tasks (50 work streams of the
same shape): random single edits (a duration one day longer, then back), and the worst
case, an edit on the critical path that moves the project's finish (budget 50 ms), both
as a drag preview reads it (`Changes.spans`) and with every changed TaskResult built.
Wall and CPU times are printed: on a shared machine the CPU time is the steadier.

    python bench/bench_scheduling.py --against REV [--rounds N]

compares the full CPM of the scheduling package at git revision REV (read with `git
show`, imported from a temporary copy) with the working tree's: A and B alternate on the
same plan in one process, N rounds each, CPU time (`time.process_time`), after checking
that both give equal results. On a loaded machine only such interleaved figures compare.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from pathlib import Path
from types import ModuleType

import holidays

from pmo_desktop.scheduling.cpm import schedule
from pmo_desktop.scheduling.incremental import IncrementalScheduler
from pmo_desktop.scheduling.model import (
    CalendarSpec,
    LinkSpec,
    ScheduleInput,
    TaskResult,
    TaskSpec,
)

PROJECTS = 200


def build_plan(
    task_count: int, link_count: int, seed: int = 1, projects: int = PROJECTS
) -> ScheduleInput:
    """A portfolio plan: per project, summaries of ~10 tasks, links forward in WBS order."""
    rng = random.Random(seed)
    french = holidays.France(years=range(2025, 2031))
    calendar = CalendarSpec(name="France", exceptions={day: () for day in sorted(french)})
    tasks: list[TaskSpec] = []
    leaves_by_project: list[list[int]] = []
    per_project = task_count // projects
    next_id = 1
    for project in range(projects):
        leaves: list[int] = []
        made = 0
        while made < per_project:
            summary = next_id
            tasks.append(TaskSpec(id=summary, name=f"P{project} phase {summary}", project=project))
            next_id += 1
            made += 1
            for _ in range(min(9, per_project - made)):
                milestone = rng.random() < 0.08
                tasks.append(
                    TaskSpec(
                        id=next_id,
                        name=f"P{project} task {next_id}",
                        duration=0 if milestone else rng.randint(1, 15) * 480,
                        milestone=milestone,
                        parent=summary,
                        project=project,
                    )
                )
                leaves.append(next_id)
                next_id += 1
                made += 1
        leaves_by_project.append(leaves)
    links: set[tuple[int, int]] = set()
    link_specs: list[LinkSpec] = []
    kinds = ("FS",) * 7 + ("SS", "FF", "SF")
    while len(link_specs) < link_count:
        project = rng.randrange(projects)
        leaves = leaves_by_project[project]
        if rng.random() < 0.01 and project + 1 < projects:
            pair = (rng.choice(leaves), rng.choice(leaves_by_project[project + 1]))
        else:
            first = rng.randrange(len(leaves) - 1)
            second = min(len(leaves) - 1, first + rng.randint(1, 6))
            pair = (leaves[first], leaves[second])
        if pair in links:
            continue
        links.add(pair)
        lag = rng.choice((0, 0, 0, 480, -240))
        link_specs.append(LinkSpec(pair[0], pair[1], rng.choice(kinds), lag))
    return ScheduleInput(
        start=datetime(2026, 1, 5, 8, 0), tasks=tasks, links=link_specs, calendar=calendar
    )


def one_project(task_count: int, link_count: int, streams: int = 50) -> ScheduleInput:
    """One project of `streams` parallel work streams (the portfolio shape, one start)."""
    plan = build_plan(task_count, link_count, seed=2, projects=streams)
    for task in plan.tasks:
        task.project = 0
    return plan


def _timed(call: Callable[[], object]) -> tuple[float, float, object]:
    """Wall and CPU seconds of one call (on a shared machine, CPU time is the steadier)."""
    wall, cpu = time.perf_counter(), time.process_time()
    value = call()
    return time.perf_counter() - wall, time.process_time() - cpu, value


def _figures(samples: list[float]) -> str:
    samples = sorted(samples)
    tenth = samples[len(samples) * 9 // 10]
    return (f"median {statistics.median(samples) * 1e3:.2f} ms, 90th percentile "
            f"{tenth * 1e3:.2f} ms, max {samples[-1] * 1e3:.1f} ms")  # fmt: skip


def time_edits(plan: ScheduleInput, edits: int) -> None:
    """Median, 90th percentile and worst of single edits, and the finish-moving case: as a
    drag preview reads them (the spans that moved) and with every changed TaskResult built."""
    rng = random.Random(7)
    engine = IncrementalScheduler(plan)
    leaves = [task for task in plan.tasks if task.parent is not None and task.duration]
    walls, cpus, moved = [], [], []
    for _ in range(edits):
        task = rng.choice(leaves)
        for minutes in (task.duration + 480, task.duration):
            wall, cpu, changes = _timed(partial(_built, engine, task.id, minutes))
            walls.append(wall)
            cpus.append(cpu)
            moved.append(len(changes))  # type: ignore[arg-type]
    print(f"incremental, one edit in {len(plan.tasks):,} tasks, results built: "
          f"{_figures(walls)} (CPU {_figures(cpus)}) over {len(walls)} edits "
          f"(median {statistics.median(moved):.0f} results changed; budget 50 ms)")  # fmt: skip
    results = engine.result.tasks
    critical = next(task for task in leaves if results[task.id].critical)
    for label, build in (("spans only (a drag preview)", False), ("results built", True)):
        walls, cpus, sizes = [], [], []
        for minutes in (critical.duration + 480, critical.duration) * 10:
            call = partial(_built, engine) if build else engine.set_duration
            wall, cpu, changes = _timed(partial(call, critical.id, minutes))
            walls.append(wall)
            cpus.append(cpu)
            sizes.append(len(changes if build else changes.spans))  # type: ignore[arg-type,attr-defined]
        what = "results" if build else "spans"
        print(f"incremental, edit moving the project finish, {label}: {_figures(walls)} "
              f"(CPU {_figures(cpus)}) over {len(walls)} edits ({max(sizes):,} {what} "
              "changed)")  # fmt: skip
        engine.result  # noqa: B018 (builds the results of the spans-only edits)


def _built(engine: IncrementalScheduler, task_id: int, minutes: int) -> dict[int, TaskResult]:
    """An edit whose changed TaskResults are built (all of them, as a dict)."""
    return dict(engine.set_duration(task_id, minutes))


#: The modules of a full CPM run, imported from the other revision's copy (those it has:
#: older revisions have fewer).
CPM_MODULES = (
    "calendar", "cpm_edges", "cpm_graph", "cpm_state", "cpm_rules", "cpm_passes",
    "cpm_results", "cpm",
)  # fmt: skip


def _revision_cpm(revision: str, folder: Path) -> ModuleType:
    """`scheduling.cpm` as of git `revision`, as package `bench_ab_old` in `folder` (its
    model classes are the working tree's, so that results compare)."""
    root = Path(__file__).resolve().parent.parent
    package = folder / "bench_ab_old"
    package.mkdir()
    (package / "__init__.py").write_text("")
    listed = subprocess.run(
        ["git", "ls-tree", "--name-only", f"{revision}:pmo_desktop/scheduling"],
        cwd=root, check=True, capture_output=True, text=True,
    ).stdout.split()  # fmt: skip
    names = [name for name in CPM_MODULES if f"{name}.py" in listed]
    pattern = re.compile(r"pmo_desktop\.scheduling\.(" + "|".join(names) + r")\b")
    for name in names:
        source = subprocess.run(
            ["git", "show", f"{revision}:pmo_desktop/scheduling/{name}.py"],
            cwd=root, check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        (package / f"{name}.py").write_text(pattern.sub(r"bench_ab_old.\1", source))
    sys.path.insert(0, str(folder))
    return importlib.import_module("bench_ab_old.cpm")


def compare(revision: str, plan: ScheduleInput, rounds: int) -> None:
    """Interleaved A/B of the full CPM: `revision`'s against the working tree's."""
    with tempfile.TemporaryDirectory() as folder:
        old = _revision_cpm(revision, Path(folder))
        if old.schedule(plan) != schedule(plan):
            raise SystemExit(f"The results of {revision} and of the working tree differ.")
        cpu: dict[str, list[float]] = {"A": [], "B": []}
        wall: dict[str, list[float]] = {"A": [], "B": []}
        for index in range(rounds):
            sides = (("A", old.schedule), ("B", schedule))
            for side, run in sides if index % 2 == 0 else sides[::-1]:
                gc.collect()
                seconds, cpu_seconds, result = _timed(partial(run, plan))
                del result
                cpu[side].append(cpu_seconds)
                wall[side].append(seconds)
    for side, label in (("A", revision), ("B", "working tree")):
        print(f"full CPM, {label}: CPU median {statistics.median(cpu[side]):.3f} s, "
              f"min {min(cpu[side]):.3f} s; wall median {statistics.median(wall[side]):.3f} s "
              f"over {rounds} interleaved rounds")  # fmt: skip
    change = statistics.median(cpu["B"]) / statistics.median(cpu["A"]) - 1
    print(f"CPU median change: {change:+.1%}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=50_000)
    parser.add_argument("--links", type=int, default=75_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--edits", type=int, default=200, help="0: skip the incremental part")
    parser.add_argument("--against", metavar="REV", help="A/B against this git revision")
    parser.add_argument("--rounds", type=int, default=15, help="A/B rounds of each side")
    args = parser.parse_args()
    started = time.perf_counter()
    plan = build_plan(args.tasks, args.links)
    print(f"plan built in {time.perf_counter() - started:.2f} s: "
          f"{len(plan.tasks):,} tasks, {len(plan.links):,} links")  # fmt: skip
    if args.against:
        compare(args.against, plan, args.rounds)
        return 0
    samples = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        result = schedule(plan)
        samples.append(time.perf_counter() - started)
    critical = sum(1 for task in result.tasks.values() if task.critical)
    print(f"finish {result.finish:%Y-%m-%d %H:%M}, {critical:,} critical tasks")
    print(f"full CPM: median {statistics.median(samples):.3f} s, min {min(samples):.3f} s "
          f"(budget 0.5 s) over {args.repeat} runs; started {date.today()}")  # fmt: skip
    if args.edits:
        project = one_project(5_000, 7_500)
        full = []
        for _ in range(args.repeat):
            started = time.process_time()
            schedule(project)
            full.append(time.process_time() - started)
        print(
            f"full CPM of one 5,000-task project: CPU median "
            f"{statistics.median(full) * 1e3:.1f} ms (the yardstick on a loaded machine)"
        )
        time_edits(project, args.edits)
    return 0


if __name__ == "__main__":
    sys.exit(main())
