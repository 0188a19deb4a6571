"""The incremental scheduler equals a full run with levelling delays present.

test_incremental.py's randomized edits (durations, constraints, deadlines, progress, links)
on plans that start with levelling delays, interleaved with edits of the delays themselves.
"""

from __future__ import annotations

import copy
import random

import pytest
from test_cpm_oracle import START, random_plan, working_day
from test_incremental import Changes, assert_same, build_plan, random_edit
from test_progress import with_progress

from pmo_desktop.scheduling.cpm import SchedulingError, schedule
from pmo_desktop.scheduling.incremental import IncrementalScheduler
from pmo_desktop.scheduling.model import ScheduleInput, TaskSpec

DAY = 480
DELAYS = (0, 0, 60, 240, DAY, 2 * DAY, 5 * DAY)


def with_delays(plan: ScheduleInput, seed: int) -> ScheduleInput:
    rng = random.Random(seed + 7)
    for task in plan.tasks:
        if rng.random() < 0.3:
            task.levelling_delay = rng.choice(DELAYS[2:])
    return plan


def delay_edit(rng: random.Random, engine: IncrementalScheduler) -> tuple[str, Changes]:
    summaries = {task.parent for task in engine.plan.tasks if task.parent is not None}
    task: TaskSpec = rng.choice([t for t in engine.plan.tasks if t.id not in summaries])
    minutes = rng.choice(DELAYS)
    return f"delay of {task.id} = {minutes}", engine.set_levelling_delay(task.id, minutes)


def check_edits(plan: ScheduleInput, seed: int, edits: int) -> None:
    rng = random.Random(seed)
    engine = IncrementalScheduler(plan)
    assert_same(engine.result, schedule(copy.deepcopy(plan)), ["initial"])
    history: list[str] = []
    for _ in range(edits):
        before = engine.result.tasks
        edit = delay_edit if rng.random() < 0.4 else random_edit
        said, reported = edit(rng, engine)
        history.append(said)
        full = schedule(copy.deepcopy(engine.plan))
        assert_same(engine.result, full, history)
        moved = {task_id for task_id, result in full.tasks.items() if before[task_id] != result}
        assert set(reported) == moved, history


@pytest.mark.parametrize("seed", range(30))
def test_random_edits_with_delays_match_a_full_schedule(seed: int) -> None:
    check_edits(with_delays(random_plan(seed), seed), seed, edits=25)


@pytest.mark.parametrize("seed", range(10))
def test_random_edits_with_delays_on_a_tracked_plan(seed: int) -> None:
    plan = with_delays(with_progress(random_plan(seed), seed), seed)
    plan.status_date = working_day(random.Random(seed), first=5, last=25).replace(hour=17)
    check_edits(plan, seed, edits=25)


@pytest.mark.parametrize("seed", range(5))
def test_random_edits_with_delays_on_resource_calendars(seed: int) -> None:
    check_edits(with_delays(random_plan(seed, resources=True), seed), seed, edits=25)


@pytest.mark.parametrize("seed", range(2))
def test_random_edits_with_delays_on_a_portfolio(seed: int) -> None:
    check_edits(with_delays(build_plan(1000, 1500, seed=seed), seed), seed, edits=40)


def test_a_negative_delay_is_refused() -> None:
    engine = IncrementalScheduler(random_plan(1))
    with pytest.raises(SchedulingError):
        engine.set_levelling_delay(engine.plan.tasks[-1].id, -1)
    assert engine.plan.start == START
