"""Incremental edits read as a drag preview reads them, and edits that move the finish.

Property tests (hypothesis draws the plan, its options and the edits):
- a preview reads only `Changes.spans` and never builds a TaskResult: the spans it has
  gathered equal a full `schedule()`'s (start, finish) of every task after each edit, and
  the results built at the end equal the full schedule;
- results built after some edits and not others report what changed since they were last
  built;
- edits that move the project's finish (the critical path lengthened or shortened by a
  duration, a start constraint, a link lag), where every task's late dates and slack
  change: the incremental result equals a full CPM after each one.
"""

from __future__ import annotations

import copy
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

import hypothesis
import pytest
from hypothesis import strategies
from test_cpm_oracle import random_plan, working_day
from test_incremental import assert_same, random_edit
from test_progress import with_progress

from pmo_desktop.scheduling.cpm import schedule
from pmo_desktop.scheduling.incremental import Changes, IncrementalScheduler, SchedulingError
from pmo_desktop.scheduling.model import ScheduleInput, ScheduleResult, TaskResult, TaskSpec

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from bench_scheduling import one_project

DAY = 480
Span = tuple[datetime, datetime]

SETTINGS = hypothesis.settings(
    max_examples=25, deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow]
)


def make_plan(seed: int, shape: str) -> ScheduleInput:
    """A plan of the oracle's generator (plain, wide constraints and hours, resources on
    their own calendars, tracked with a status date) or one benchmark-shaped project."""
    if shape == "project":
        return one_project(300, 450, streams=6)
    if shape == "tracked":
        plan = with_progress(random_plan(seed), seed)
        plan.status_date = working_day(random.Random(seed), first=5, last=25).replace(hour=17)
        return plan
    return random_plan(seed, wide=shape == "wide", resources=shape == "resources")


SHAPES = strategies.sampled_from(("plain", "wide", "resources", "tracked", "project"))


def spans_of(result: ScheduleResult) -> dict[int, Span]:
    return {task_id: (task.start, task.finish) for task_id, task in result.tasks.items()}


def leaves(plan: ScheduleInput) -> list[TaskSpec]:
    summaries = {task.parent for task in plan.tasks if task.parent is not None}
    return [task for task in plan.tasks if task.id not in summaries]


def finish_moving_edit(
    rng: random.Random, engine: IncrementalScheduler, results: dict[int, TaskResult]
) -> tuple[str, Changes]:
    """An edit on a task critical in `results` (the current schedule): longer or shorter,
    started later, or its driving link's lag changed; most of them move the project's
    finish. (It does not ask the engine for its results.)"""
    critical = [task for task in leaves(engine.plan)
                if results[task.id].critical and task.actual_start is None]  # fmt: skip
    task = rng.choice(critical or leaves(engine.plan))
    kind = rng.choice(("longer", "shorter", "later", "lag"))
    if kind == "longer":
        return f"{task.id} longer", engine.set_duration(task.id, task.duration + 3 * DAY)
    if kind == "shorter":
        return f"{task.id} shorter", engine.set_duration(task.id, max(task.duration - DAY, 0))
    driver = results[task.id].driving_predecessor
    links = [link for link in engine.plan.links
             if link.successor == task.id and link.predecessor == driver]  # fmt: skip
    if kind == "lag" and links:
        lag = rng.choice((-DAY, 0, 2 * DAY, 5 * DAY))
        return f"lag into {task.id} = {lag}", engine.set_link_lag(links[0], lag)
    start = results[task.id].start.replace(hour=8) + timedelta(days=rng.choice((1, 3, 7, 15)))
    return f"{task.id} SNET {start}", engine.set_constraint(task.id, "SNET", start)


@SETTINGS
@hypothesis.given(
    seed=strategies.integers(0, 10_000), shape=SHAPES, edits=strategies.integers(1, 12)
)
def test_a_preview_reading_spans_only_matches_a_full_schedule(
    seed: int, shape: str, edits: int
) -> None:
    rng = random.Random(seed)
    engine = IncrementalScheduler(make_plan(seed, shape))
    full = engine.result
    shown = spans_of(full)
    history: list[str] = []
    for _ in range(edits):
        if rng.random() < 0.5:
            said, changes = finish_moving_edit(rng, engine, full.tasks)
        else:
            said, changes = random_edit(rng, engine)  # progress edits read the results
        history.append(said)
        if isinstance(changes, Changes):
            shown.update(changes.spans)
        # What the preview shows is what a full schedule of the edited plan says.
        full = schedule(copy.deepcopy(engine.plan))
        assert shown == spans_of(full), history
    assert_same(engine.result, schedule(copy.deepcopy(engine.plan)), history)


@SETTINGS
@hypothesis.given(
    seed=strategies.integers(0, 10_000),
    shape=SHAPES,
    built=strategies.lists(strategies.booleans(), min_size=1, max_size=12),
)
def test_results_built_now_and_then_report_what_changed_since(
    seed: int, shape: str, built: list[bool]
) -> None:
    rng = random.Random(seed)
    engine = IncrementalScheduler(make_plan(seed, shape))
    last = current = engine.result.tasks
    history: list[str] = []
    for build in built:
        if rng.random() < 0.5:
            said, changes = finish_moving_edit(rng, engine, current)
        else:
            task = rng.choice(leaves(engine.plan))
            minutes = rng.choice((0, DAY, 4 * DAY))
            said, changes = f"{task.id} lasts {minutes}", engine.set_duration(task.id, minutes)
        history.append(said)
        full = schedule(copy.deepcopy(engine.plan))
        current = full.tasks
        if not build:
            continue
        moved = {task_id for task_id, result in full.tasks.items() if last[task_id] != result}
        assert set(changes) == moved, history
        assert all(changes[task_id] == full.tasks[task_id] for task_id in moved), history
        assert_same(engine.result, full, history)
        last = full.tasks


@SETTINGS
@hypothesis.given(
    seed=strategies.integers(0, 10_000), shape=SHAPES, edits=strategies.integers(1, 10)
)
def test_edits_moving_the_finish_match_a_full_schedule(seed: int, shape: str, edits: int) -> None:
    rng = random.Random(seed)
    engine = IncrementalScheduler(make_plan(seed, shape))
    history: list[str] = []
    for _ in range(edits):
        before = engine.result
        said, changes = finish_moving_edit(rng, engine, before.tasks)
        full = schedule(copy.deepcopy(engine.plan))
        history.append(f"{said} (finish {before.finish} → {full.finish})")
        moved = {task_id for task_id, result in full.tasks.items()
                 if before.tasks[task_id] != result}  # fmt: skip
        assert set(changes) == moved, history
        assert_same(engine.result, full, history)


def test_a_finish_moving_edit_changes_every_late_date_of_the_project() -> None:
    engine = IncrementalScheduler(one_project(300, 450, streams=6))
    before = engine.result
    critical = next(task for task in leaves(engine.plan) if before.tasks[task.id].critical)
    changes = engine.set_duration(critical.id, critical.duration + 5 * DAY)
    after = engine.result
    assert after.finish > before.finish
    # Every task's late dates follow the finish; few tasks' own dates move.
    assert len(changes) > len(changes.spans) * 3
    assert set(changes.spans) <= set(changes)
    assert_same(after, schedule(copy.deepcopy(engine.plan)), ["critical task 5 days longer"])


def test_changes_read_after_a_later_edit_are_refused() -> None:
    engine = IncrementalScheduler(random_plan(3))
    task = next(task for task in leaves(engine.plan) if task.duration and not task.milestone)
    first = engine.set_duration(task.id, task.duration + DAY)
    second = engine.set_duration(task.id, task.duration + 2 * DAY)
    assert task.id in first.spans
    with pytest.raises(SchedulingError, match="out of date"):
        len(first)
    # The later one holds both edits' changes (the first ones were never built).
    assert task.id in second
    assert second[task.id] == engine.result.tasks[task.id]


def test_results_asked_for_first_fill_the_latest_changes() -> None:
    engine = IncrementalScheduler(random_plan(4))
    task = next(task for task in leaves(engine.plan) if task.duration and not task.milestone)
    before = engine.result.tasks[task.id]
    changes = engine.set_duration(task.id, task.duration + DAY)
    assert engine.result.tasks[task.id] != before
    assert changes[task.id] == engine.result.tasks[task.id]
