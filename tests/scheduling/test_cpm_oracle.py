"""Our CPM against Microsoft Project's scheduling (MPXJ's MicrosoftScheduler), task by task.

Seeded random projects cover every link type, working and elapsed lags and leads,
constraints, deadlines, summaries with links, milestones and French holidays. Every date,
late date, total slack and critical flag of a work task must match; summaries are compared
on their dates (MPXJ's summary slack is not Microsoft Project's: see mpxj_oracle.py).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import holidays
import pytest

from pmo_desktop.scheduling.cpm import schedule
from pmo_desktop.scheduling.model import CalendarSpec, LinkSpec, ScheduleInput, TaskSpec

START = datetime(2026, 3, 2, 8, 0)
DAY = 480
FRANCE = CalendarSpec(
    name="France", exceptions={day: () for day in holidays.France(years=(2026, 2027))}
)
#: Known differences, each still to be understood (see the issue note): an elapsed lag in
#: the backward pass (59), late dates next to a summary's start-to-start link (0, 56),
#: summaries holding a milestone placed by several links (11, 37, 43).
KNOWN_DIFFERENCES = {0, 11, 37, 43, 56, 59}
SEEDS = [
    pytest.param(
        seed,
        marks=pytest.mark.xfail(strict=True, reason="known difference from MS Project"),
    )
    if seed in KNOWN_DIFFERENCES
    else seed
    for seed in range(60)
]


def working_day(rng: random.Random, *, first: int = 0, last: int = 60) -> datetime:
    """A working day of the first months of the plan, as a midnight datetime."""
    while True:
        day = (START + timedelta(days=rng.randint(first, last))).replace(hour=0)
        if day.weekday() < 5 and day.date() not in FRANCE.exceptions:
            return day


def random_plan(seed: int) -> ScheduleInput:
    rng = random.Random(seed)
    tasks: list[TaskSpec] = []
    leaves: list[int] = []
    next_id = 1
    for _ in range(rng.randint(2, 4)):
        summary = next_id
        tasks.append(TaskSpec(id=summary, name=f"Phase {summary}"))
        next_id += 1
        for _ in range(rng.randint(2, 6)):
            milestone = rng.random() < 0.12
            task = TaskSpec(
                id=next_id,
                name=f"Task {next_id}",
                duration=0
                if milestone
                else rng.choice((1, 2, 3, 5, 8)) * DAY + rng.choice((0, 0, 240)),
                milestone=milestone,
                parent=summary,
            )
            constrain(rng, task)
            tasks.append(task)
            leaves.append(next_id)
            next_id += 1
    links: list[LinkSpec] = []
    seen: set[tuple[int, int]] = set()
    for _ in range(rng.randint(len(leaves), len(leaves) * 2)):
        first, second = sorted(rng.sample(range(len(leaves)), 2))
        pair = (leaves[first], leaves[second])
        if pair in seen:
            continue
        seen.add(pair)
        links.append(random_link(rng, *pair))
    summaries = [task.id for task in tasks if task.parent is None]
    if len(summaries) > 1 and rng.random() < 0.6:
        links.append(LinkSpec(summaries[0], summaries[-1], rng.choice(("FS", "FS", "SS", "FF"))))
    return ScheduleInput(start=START, tasks=tasks, links=links, calendar=FRANCE)


def constrain(rng: random.Random, task: TaskSpec) -> None:
    draw = rng.random()
    if draw < 0.06:
        task.constraint = "SNET"
        task.constraint_date = working_day(rng).replace(hour=8)
    elif draw < 0.10:
        task.constraint = "MSO"
        task.constraint_date = working_day(rng).replace(hour=8)
    elif draw < 0.14:
        task.constraint = "FNLT"
        task.constraint_date = working_day(rng, first=10).replace(hour=17)
    elif draw < 0.17:
        task.constraint = "FNET"
        task.constraint_date = working_day(rng).replace(hour=17)
    elif draw < 0.20:
        task.constraint = "ALAP"
    if rng.random() < 0.06:
        task.deadline = working_day(rng, first=10).replace(hour=17)


def random_link(rng: random.Random, predecessor: int, successor: int) -> LinkSpec:
    kind = rng.choice(("FS", "FS", "FS", "SS", "FF", "SF"))
    draw = rng.random()
    if draw < 0.55:
        return LinkSpec(predecessor, successor, kind)
    if draw < 0.85:
        return LinkSpec(predecessor, successor, kind, rng.choice((-2, -1, 1, 2, 3)) * DAY)
    if draw < 0.93:
        return LinkSpec(predecessor, successor, kind, rng.choice((-4, 2, 4)) * 60)
    return LinkSpec(predecessor, successor, kind, rng.choice((24, 48, 72)) * 60, "elapsed")


def differences(plan: ScheduleInput, expected: dict[int, dict[str, object]]) -> list[str]:
    ours = schedule(plan).tasks
    summaries = {task.parent for task in plan.tasks if task.parent is not None}
    found = []
    for task in plan.tasks:
        mine, theirs = ours[task.id], expected[task.id]
        fields = ["start", "finish"]
        if task.id not in summaries:
            fields += ["late_start", "late_finish", "total_slack", "critical"]
        for field in fields:
            if getattr(mine, field) != theirs[field]:
                found.append(
                    f"task {task.id} ({task.constraint}, d={task.duration}) {field}: "
                    f"ours {getattr(mine, field)} vs MS Project {theirs[field]}"
                )
    return found


@pytest.mark.parametrize("seed", SEEDS)
def test_random_project_matches_microsoft_project(seed: int, mpxj_oracle) -> None:
    plan = random_plan(seed)
    assert differences(plan, mpxj_oracle(plan)) == []
