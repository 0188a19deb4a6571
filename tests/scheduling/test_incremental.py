"""Incremental rescheduling equals a full schedule of the edited plan, edit after edit.

Seeded random plans (the oracle's generator, with and without progress and a status date,
and the benchmark's portfolio shape) get random edits: durations, constraints, deadlines,
progress, links added (loops refused) and removed. After each edit, the incremental
result must equal `schedule()` of the edited plan exactly, and the edit must report every
TaskResult that changed.
"""

from __future__ import annotations

import copy
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from test_cpm_oracle import START, random_link, random_plan, working_day
from test_progress import with_progress

from pmo_desktop.scheduling.cpm import CycleError, schedule
from pmo_desktop.scheduling.incremental import IncrementalScheduler
from pmo_desktop.scheduling.model import (
    LinkSpec,
    ScheduleInput,
    ScheduleResult,
    TaskResult,
    TaskSpec,
)

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from bench_scheduling import build_plan

DAY = 480
Changes = dict[int, TaskResult]


def random_edit(rng: random.Random, engine: IncrementalScheduler) -> tuple[str, Changes]:
    """Apply one random edit; say what it was (for the failure message) and what it moved."""
    plan = engine.plan
    summaries = {task.parent for task in plan.tasks if task.parent is not None}
    leaves = [task for task in plan.tasks if task.id not in summaries]
    task = rng.choice(leaves)
    kind = rng.choice(("duration", "duration", "constraint", "deadline", "progress",
                       "add", "add", "remove"))  # fmt: skip
    if kind == "duration":
        minutes = rng.choice((0, 240, DAY, 2 * DAY, 5 * DAY, 12 * DAY))
        return f"duration of {task.id} = {minutes}", engine.set_duration(task.id, minutes)
    if kind == "constraint":
        constraint = rng.choice(("ASAP", "ASAP", "ALAP", "SNET", "MSO", "FNLT", "FNET", "MFO",
                                 "SNLT"))  # fmt: skip
        date = None
        if constraint not in ("ASAP", "ALAP"):
            hour = 17 if constraint in ("FNLT", "FNET", "MFO") else 8
            date = working_day(rng).replace(hour=hour)
        changes = engine.set_constraint(task.id, constraint, date)  # type: ignore[arg-type]
        return f"constraint of {task.id} = {constraint} {date}", changes
    if kind == "deadline":
        deadline = rng.choice((None, working_day(rng, first=10).replace(hour=17)))
        return f"deadline of {task.id} = {deadline}", engine.set_deadline(task.id, deadline)
    if kind == "progress":
        return progress_edit(rng, engine, task)
    if kind == "add":
        first, second = rng.sample([task.id for task in plan.tasks], 2)
        link = random_link(rng, first, second)
        try:
            return f"added {link}", engine.add_link(link)
        except CycleError:
            return f"refused {link}", {}
    if not plan.links:
        return "nothing to remove", {}
    link = rng.choice(plan.links)
    return f"removed {link}", engine.remove_link(link)


def progress_edit(
    rng: random.Random, engine: IncrementalScheduler, task: TaskSpec
) -> tuple[str, Changes]:
    start = engine.result.tasks[task.id].start
    draw = rng.random()
    if draw < 0.3:
        return f"progress of {task.id} cleared", engine.set_progress(task.id)
    actual_start = start.replace(hour=8) if start.hour >= 8 else start
    if draw < 0.65 or task.duration == 0:
        finish = actual_start + timedelta(days=rng.randint(0, 6))
        finish = finish.replace(hour=17) if finish.weekday() < 5 else finish
        changes = engine.set_progress(task.id, 100.0, actual_start, finish)
        return f"{task.id} done {actual_start} – {finish}", changes
    percent = rng.choice((10.0, 50.0, 90.0))
    remaining = rng.choice((None, round(task.duration * (100 - percent) / 100)))
    changes = engine.set_progress(task.id, percent, actual_start, None, remaining)
    return f"{task.id} started {actual_start}, {percent} %", changes


def assert_same(incremental: ScheduleResult, full: ScheduleResult, history: list[str]) -> None:
    wrong = [task_id for task_id in full.tasks if incremental.tasks[task_id] != full.tasks[task_id]]
    assert not wrong, (
        f"after {history}: task {wrong[0]}: incremental {incremental.tasks[wrong[0]]} "
        f"vs full {full.tasks[wrong[0]]}"
    )
    assert incremental.finish == full.finish, history
    assert incremental.warnings == full.warnings, history


def check_edits(plan: ScheduleInput, seed: int, edits: int) -> None:
    rng = random.Random(seed)
    engine = IncrementalScheduler(plan)
    history: list[str] = []
    for _ in range(edits):
        before = engine.result.tasks
        said, reported = random_edit(rng, engine)
        history.append(said)
        full = schedule(copy.deepcopy(engine.plan))
        assert_same(engine.result, full, history)
        moved = {task_id for task_id, result in full.tasks.items() if before[task_id] != result}
        assert set(reported) == moved, history


@pytest.mark.parametrize("seed", range(40))
def test_random_edits_match_a_full_schedule(seed: int) -> None:
    check_edits(random_plan(seed), seed, edits=25)


@pytest.mark.parametrize("seed", range(20))
def test_random_edits_on_a_tracked_plan_with_a_status_date(seed: int) -> None:
    plan = with_progress(random_plan(seed), seed)
    plan.status_date = working_day(random.Random(seed), first=5, last=25).replace(hour=17)
    check_edits(plan, seed, edits=25)


@pytest.mark.parametrize("seed", range(3))
def test_random_edits_on_a_portfolio(seed: int) -> None:
    check_edits(build_plan(1000, 1500, seed=seed), seed, edits=40)


def test_each_edit_reports_the_results_it_changed() -> None:
    rng = random.Random(5)
    engine = IncrementalScheduler(random_plan(5))
    for _ in range(60):
        before = dict(engine.result.tasks)
        reported: dict[int, object] = {}
        task = rng.choice(engine.plan.tasks)
        reported = engine.set_duration(task.id, rng.choice((0, DAY, 3 * DAY)))
        after = engine.result.tasks
        moved = {task_id for task_id in after if after[task_id] != before[task_id]}
        assert set(reported) == moved
        assert all(reported[task_id] == after[task_id] for task_id in moved)


def test_a_longer_task_moves_its_successors_only() -> None:
    tasks = [TaskSpec(1, "A", 2 * DAY), TaskSpec(2, "B", DAY), TaskSpec(3, "C", 3 * DAY)]
    engine = IncrementalScheduler(ScheduleInput(START, tasks, [LinkSpec(1, 2)]))
    changed = engine.set_duration(1, 3 * DAY)
    assert engine.result.tasks[2].start == datetime(2026, 3, 5, 8)
    assert set(changed) == {1, 2, 3}  # C loses one day of slack as the project ends later
    assert changed[3].total_slack == DAY


def test_a_loop_is_refused_and_nothing_changes() -> None:
    tasks = [TaskSpec(1, "A", DAY), TaskSpec(2, "B", DAY)]
    engine = IncrementalScheduler(ScheduleInput(START, tasks, [LinkSpec(1, 2)]))
    before = engine.result
    with pytest.raises(CycleError):
        engine.add_link(LinkSpec(2, 1))
    assert engine.plan.links == [LinkSpec(1, 2)]
    assert engine.result.tasks == before.tasks
    engine.set_duration(1, 2 * DAY)
    assert engine.result.tasks == schedule(engine.plan).tasks
