"""`IncrementalScheduler.set_link_lag` equals removing the link and adding it at the new lag.

Random plans (with working, percent and elapsed lags, summaries, progress and a status date)
get random lag changes; after each one the schedule must equal both a second scheduler that
removed and re-added the link and a full `schedule()` of the edited plan, and the edit must
report every TaskResult that changed.
"""

from __future__ import annotations

import copy
import random
from dataclasses import replace

import pytest
from test_cpm_oracle import random_plan, working_day
from test_incremental import assert_same
from test_progress import with_progress

from pmo_desktop.scheduling.cpm import schedule
from pmo_desktop.scheduling.incremental import IncrementalScheduler, SchedulingError
from pmo_desktop.scheduling.model import LinkSpec, ScheduleInput, TaskSpec

DAY = 480


def check_lag_edits(plan: ScheduleInput, seed: int, edits: int) -> None:
    rng = random.Random(seed)
    engine = IncrementalScheduler(copy.deepcopy(plan))
    other = IncrementalScheduler(copy.deepcopy(plan))
    history: list[str] = []
    for _ in range(edits):
        if not engine.plan.links:
            return
        link = rng.choice(engine.plan.links)
        lag = rng.choice((-3 * DAY, -DAY, -120, 0, 240, DAY, 4 * DAY))
        history.append(f"lag of {link} = {lag}")
        before = engine.result.tasks
        reported = engine.set_link_lag(link, lag)
        other.remove_link(link)
        other.add_link(replace(link, lag=lag, lag_unit="working"))
        assert replace(link, lag=lag, lag_unit="working") in engine.plan.links
        assert link not in engine.plan.links or (link.lag == lag and link.lag_unit == "working")
        assert_same(engine.result, other.result, history)
        full = schedule(copy.deepcopy(engine.plan))
        assert_same(engine.result, full, history)
        moved = {task_id for task_id, result in full.tasks.items() if before[task_id] != result}
        assert moved <= set(reported), history


@pytest.mark.parametrize("seed", range(25))
def test_a_new_lag_equals_removing_and_re_adding_the_link(seed: int) -> None:
    check_lag_edits(random_plan(seed), seed, edits=20)


@pytest.mark.parametrize("seed", range(10))
def test_a_new_lag_on_a_tracked_plan_with_a_status_date(seed: int) -> None:
    plan = with_progress(random_plan(seed), seed)
    plan.status_date = working_day(random.Random(seed), first=5, last=25).replace(hour=17)
    check_lag_edits(plan, seed, edits=20)


def test_a_lag_moves_the_successor_by_working_days() -> None:
    start = working_day(random.Random(1), first=0, last=0).replace(hour=8)
    tasks = [TaskSpec(1, "A", 2 * DAY), TaskSpec(2, "B", DAY), TaskSpec(3, "C", DAY)]
    link = LinkSpec(1, 2, "FS", 24 * 60, "elapsed")
    engine = IncrementalScheduler(ScheduleInput(start, tasks, [link, LinkSpec(2, 3)]))
    was = engine.result.tasks[1].finish
    changed = engine.set_link_lag(link, 2 * DAY)
    assert engine.plan.links == [LinkSpec(2, 3), LinkSpec(1, 2, "FS", 2 * DAY, "working")]
    assert {2, 3} <= set(changed)
    full = schedule(copy.deepcopy(engine.plan))
    assert engine.result.tasks == full.tasks
    assert engine.result.tasks[2].start > was
    with pytest.raises(SchedulingError):
        engine.set_link_lag(LinkSpec(3, 1), DAY)
