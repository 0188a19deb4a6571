"""Our CPM against Microsoft Project's scheduling (MPXJ's MicrosoftScheduler), task by task.

Seeded random projects cover every link type, working and elapsed lags and leads,
constraints, deadlines, summaries with links, milestones and French holidays. Every date,
late date, total slack and critical flag of every task must match, summaries included (a
summary's slack is the lesser of its start and finish slack; it is critical by that slack,
not because one of its tasks is). The rules these cases taught are in
test_cpm_ms_project_rules.py.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import holidays
import pytest

from pmo_desktop.scheduling.cpm import schedule
from pmo_desktop.scheduling.model import CalendarSpec, LinkSpec, ScheduleInput, TaskSpec, WorkSpan

START = datetime(2026, 3, 2, 8, 0)
STANDARD_DAY = ((480, 720), (780, 1020))
DAY = 480
FRANCE = CalendarSpec(
    name="France", exceptions={day: () for day in holidays.France(years=(2026, 2027))}
)
#: Resources' calendars: four days a week, mornings only, a fortnight off (all within the
#: project's working time: see docs/ARCHITECTURE.md for resources working outside it).
RESOURCE_CALENDARS = {
    calendar.name: calendar
    for calendar in (
        CalendarSpec("Four days", week=(STANDARD_DAY,) * 4 + ((),) * 3,
                     exceptions=FRANCE.exceptions),
        CalendarSpec("Mornings", week=(((480, 720),),) * 5 + ((), ()),
                     exceptions=FRANCE.exceptions),
        CalendarSpec("Holiday", exceptions={**FRANCE.exceptions, **{
            (START + timedelta(days=offset)).date(): () for offset in range(16, 30)}}),
    )
}  # fmt: skip
#: Seeds known to differ, as strict xfails (none left: see test_cpm_ms_project_rules.py).
KNOWN_DIFFERENCES: set[int] = set()
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


def random_plan(seed: int, *, wide: bool = False, resources: bool = False) -> ScheduleInput:
    """A plan of 2-4 phases; `wide`: all eight constraints, their dates at any boundary
    hour (08:00, 12:00, 13:00, 17:00), durations of odd hours, hour lags around the lunch
    break, percent lags and elapsed leads too; `resources`: some tasks worked by one or
    two resources on their own calendars (RESOURCE_CALENDARS)."""
    rng = random.Random(seed)
    extra_minutes = (0, 0, 240, 60, 300, 420) if wide else (0, 0, 240)
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
                else rng.choice((1, 2, 3, 5, 8)) * DAY + rng.choice(extra_minutes),
                milestone=milestone,
                parent=summary,
            )
            (constrain_widely if wide else constrain)(rng, task)
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
        links.append((random_wide_link if wide else random_link)(rng, *pair))
    summaries = [task.id for task in tasks if task.parent is None]
    if len(summaries) > 1 and rng.random() < 0.6:
        links.append(LinkSpec(summaries[0], summaries[-1], rng.choice(("FS", "FS", "SS", "FF"))))
    plan = ScheduleInput(start=START, tasks=tasks, links=links, calendar=FRANCE)
    if resources:
        assign_resources(random.Random(seed + 1_000_000), plan)
    return plan


def assign_resources(rng: random.Random, plan: ScheduleInput) -> None:
    """Work spans on some tasks: each resource's calendar, and its work over its units."""
    plan.calendars = RESOURCE_CALENDARS
    names = [*RESOURCE_CALENDARS, None]
    for task in plan.tasks:
        if task.parent is None or not task.duration or rng.random() > 0.4:
            continue
        task.spans = tuple(
            WorkSpan(rng.choice(names), rng.choice((None, task.duration // 2, task.duration * 2)))
            for _ in range(rng.choice((1, 1, 2)))
        )


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


def constrain_widely(rng: random.Random, task: TaskSpec) -> None:
    draw = rng.random()
    if draw < 0.3:
        task.constraint = rng.choice(("SNET", "MSO", "FNLT", "FNET", "SNLT", "MFO"))
        day = working_day(rng, first=rng.choice((0, 10)))
        task.constraint_date = day.replace(hour=rng.choice((8, 12, 13, 17)))
    elif draw < 0.36:
        task.constraint = "ALAP"
    if rng.random() < 0.06:
        task.deadline = working_day(rng, first=10).replace(hour=rng.choice((12, 17)))


def random_wide_link(rng: random.Random, predecessor: int, successor: int) -> LinkSpec:
    """Also hour lags and leads that land on 12:00 or 13:00, and elapsed ones that land in
    the lunch break or at night."""
    kind = rng.choice(("FS", "FS", "FS", "SS", "FF", "SF"))
    draw = rng.random()
    if draw < 0.45:
        return LinkSpec(predecessor, successor, kind)
    if draw < 0.65:
        return LinkSpec(predecessor, successor, kind, rng.choice((-2, -1, 1, 2, 3)) * DAY)
    if draw < 0.80:
        return LinkSpec(predecessor, successor, kind, rng.choice((-5, -4, -1, 1, 2, 4, 5)) * 60)
    if draw < 0.92:
        lag = rng.choice((-24, -5, -4, -1, 1, 4, 5, 24, 48, 72)) * 60
        return LinkSpec(predecessor, successor, kind, lag, "elapsed")
    # Durations are whole hours: these percentages give whole minutes.
    return LinkSpec(predecessor, successor, kind, rng.choice((25, 50, 100, -50)), "percent")


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
    found = []
    for task in plan.tasks:
        mine, theirs = ours[task.id], expected[task.id]
        for field in ("start", "finish", "late_start", "late_finish", "total_slack", "critical"):
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


@pytest.mark.parametrize("seed", range(60))
def test_constraint_dates_at_any_hour_match_microsoft_project(seed: int, mpxj_oracle) -> None:
    plan = random_plan(1000 + seed, wide=True)
    assert differences(plan, mpxj_oracle(plan)) == []


#: Seeds whose resource calendars still place a task elsewhere than MPXJ: strict xfails,
#: so that a fix shows. Fixed: a start date on a resource's day off that places the task
#: (MSO; SNET with a predecessor, when its resources could start earlier; SNLT, when they
#: could only start later: the task shows its date, seeds 2080 and 2168), SS/SF links
#: bounding the work of a task on its resources' calendars (its work from the successor's
#: date, as MPXJ does), an ALAP task's shown finish (its late finish), an MFO task, or an
#: FNET one placed by its date alone (it shows that date as its finish).
RESOURCE_DIFFERENCES: set[int] = set()


@pytest.mark.parametrize(
    "seed",
    [
        pytest.param(seed, marks=pytest.mark.xfail(strict=True, reason="resource calendars"))
        if seed in RESOURCE_DIFFERENCES
        else seed
        for seed in range(2000, 2200)
    ],
)
def test_tasks_on_resource_calendars_match_microsoft_project(seed: int, mpxj_oracle) -> None:
    plan = random_plan(seed, resources=True)
    assert differences(plan, mpxj_oracle(plan)) == []
