"""The levelling delay a task keeps (TaskSpec.levelling_delay, MS Project's Leveling Delay).

Rule (docs/ARCHITECTURE.md, scheduling): after links, the constraint and the status date
have placed a task, its delay (working minutes on its calendar) is added to its start; its
successors follow; its late dates are not delayed, so its total slack shrinks by the
delay. A started task and a task with a fixed date (MSO, MFO) ignore it. MPXJ's
MicrosoftScheduler honours LevelingDelay on tasks without predecessors: the oracle test
checks those (dates, late dates, slack and their successors) against it.
"""

from __future__ import annotations

import random
from datetime import datetime

import pytest
from test_cpm_oracle import FRANCE, START, differences, random_plan

from pmo_desktop.scheduling.cpm import schedule
from pmo_desktop.scheduling.model import (
    CalendarSpec,
    LinkSpec,
    ScheduleInput,
    TaskSpec,
)

DAY = 480


def _plan(tasks: list[TaskSpec], links: list[LinkSpec]) -> ScheduleInput:
    return ScheduleInput(start=START, tasks=tasks, links=links, calendar=FRANCE)


def _chain(delay: int, **extra: object) -> ScheduleInput:
    """A (2 d) and B (5 d) both before C (1 d); A may be delayed."""
    return _plan(
        [
            TaskSpec(1, "A", 2 * DAY, levelling_delay=delay, **extra),  # type: ignore[arg-type]
            TaskSpec(2, "B", 5 * DAY),
            TaskSpec(3, "C", DAY),
        ],
        [LinkSpec(1, 3), LinkSpec(2, 3)],
    )


def test_a_delay_pushes_the_start_and_shrinks_the_slack_not_the_late_dates() -> None:
    plain, delayed = schedule(_chain(0)).tasks, schedule(_chain(DAY)).tasks
    a, before = delayed[1], plain[1]
    assert (a.start, a.finish) == (datetime(2026, 3, 3, 8), datetime(2026, 3, 4, 17))
    assert (a.late_start, a.late_finish) == (before.late_start, before.late_finish)
    assert a.total_slack == before.total_slack - DAY == 2 * DAY
    assert a.levelling_delay == DAY and before.levelling_delay == 0
    assert delayed[3].start == plain[3].start  # B still drives C


def test_successors_follow_the_delayed_task() -> None:
    plan = _plan(
        [TaskSpec(1, "A", DAY, levelling_delay=3 * DAY), TaskSpec(2, "B", DAY)],
        [LinkSpec(1, 2)],
    )
    found = schedule(plan).tasks
    # Mon 2 March + 3 working days: Thursday; B on Friday.
    assert found[1].start == datetime(2026, 3, 5, 8)
    assert found[2].start == datetime(2026, 3, 6, 8)
    assert found[1].total_slack == 0 and found[1].critical


def test_a_delay_counts_after_the_links_and_the_constraint() -> None:
    plan = _plan(
        [
            TaskSpec(1, "A", 2 * DAY),
            TaskSpec(2, "B", DAY, constraint="SNET", constraint_date=datetime(2026, 3, 9, 8),
                     levelling_delay=DAY),
            TaskSpec(3, "C", DAY, levelling_delay=DAY // 2),
        ],
        [LinkSpec(1, 2), LinkSpec(1, 3)],
    )  # fmt: skip
    found = schedule(plan).tasks
    assert found[2].start == datetime(2026, 3, 10, 8)  # SNET Monday 9 + 1 day
    assert found[3].start == datetime(2026, 3, 4, 13)  # after A (Tue 17:00) + half a day
    assert found[3].driving_predecessor == 1


def test_a_delayed_milestone_sits_at_the_end_of_the_delay() -> None:
    plan = _plan(
        [TaskSpec(1, "A", DAY), TaskSpec(2, "M", 0, milestone=True, levelling_delay=DAY),
         TaskSpec(3, "B", DAY)],
        [LinkSpec(1, 2), LinkSpec(2, 3)],
    )  # fmt: skip
    found = schedule(plan).tasks
    assert found[2].start == found[2].finish == datetime(2026, 3, 3, 17)
    assert found[3].start == datetime(2026, 3, 4, 8)


@pytest.mark.parametrize(
    "extra",
    [
        {"constraint": "MSO", "constraint_date": datetime(2026, 3, 4, 8)},
        {"actual_start": datetime(2026, 3, 2, 8), "percent_complete": 50.0},
    ],
)
def test_a_fixed_date_or_a_started_task_ignores_its_delay(extra: dict[str, object]) -> None:
    found = schedule(_chain(2 * DAY, **extra)).tasks
    plain = schedule(_chain(0, **extra)).tasks
    assert (found[1].start, found[1].finish) == (plain[1].start, plain[1].finish)
    assert found[1].levelling_delay == 0


def test_a_delay_on_the_tasks_own_calendar() -> None:
    mornings = CalendarSpec("Mornings", week=(((480, 720),),) * 5 + ((), ()),
                            exceptions=FRANCE.exceptions)  # fmt: skip
    plan = _plan([TaskSpec(1, "A", 240, calendar="Mornings", levelling_delay=480)], [])
    plan.calendars = {"Mornings": mornings}
    found = schedule(plan).tasks[1]
    # 480 minutes of mornings: Monday and Tuesday mornings; the task works Wednesday's.
    assert (found.start, found.finish) == (datetime(2026, 3, 4, 8), datetime(2026, 3, 4, 12))


def test_an_alap_task_counts_its_delay_from_its_late_start() -> None:
    # As levelling measured it: from the CPM start, the late start for an ALAP task.
    plan = _chain(DAY // 2, constraint="ALAP")
    found = schedule(plan).tasks
    plain = schedule(_chain(0, constraint="ALAP")).tasks
    assert plain[1].start == datetime(2026, 3, 5, 8)
    assert found[1].start == datetime(2026, 3, 5, 13)
    assert found[3].start == datetime(2026, 3, 9, 13)  # its successor follows


def _delay_unlinked(plan: ScheduleInput, rng: random.Random) -> int:
    """Delays on ASAP tasks without predecessors (the ones MPXJ delays); how many."""
    summaries = {task.parent for task in plan.tasks if task.parent is not None}
    targets = {link.successor for link in plan.links}
    for link in plan.links:
        if link.successor in summaries:
            targets |= {task.id for task in plan.tasks if task.parent == link.successor}
    count = 0
    for task in plan.tasks:
        if task.id in summaries or task.id in targets or task.constraint != "ASAP":
            continue
        if rng.random() < 0.7:
            task.levelling_delay = rng.choice((240, DAY, 2 * DAY, 5 * DAY, 9 * DAY, 13 * DAY))
            count += 1
    return count


@pytest.mark.parametrize("seed", range(30))
def test_delays_match_microsoft_project(seed: int, mpxj_oracle) -> None:
    plan = random_plan(seed)
    rng = random.Random(seed)
    if not _delay_unlinked(plan, rng):
        pytest.skip("no task without predecessors in this plan")
    assert differences(plan, mpxj_oracle(plan)) == []
