"""A constraint date that places a task whose resources are off that day (resource calendars).

Microsoft Project (MPXJ's MicrosoftScheduler) first moves the date its links give a task to
its resources' next working time, then applies the constraint; a date the constraint sets
is not moved. So the task shows its date as its start although its resources only begin
later (their work sets its finish): an MSO task always, an SNET task with a predecessor
when its resources could have started earlier, an SNLT task when they could start only
later. An SNET task without a predecessor starts when its resources can. An MFO task shows
its date as its finish. These plans were shrunk from oracle seeds 2080 and 2168
(test_cpm_oracle.py); the expected dates are MPXJ's. Standard calendar; Monday 2 March 2026
is the start.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from test_cpm_oracle import random_plan
from test_incremental import check_edits

from pmo_desktop.scheduling.cpm import schedule
from pmo_desktop.scheduling.model import CalendarSpec, LinkSpec, ScheduleInput, TaskSpec, WorkSpan

DAY = 480
START = datetime(2026, 3, 2, 8, 0)
DAY_HOURS = ((480, 720), (780, 1020))
CALENDARS = {
    calendar.name: calendar
    for calendar in (
        CalendarSpec("Four days", week=(DAY_HOURS,) * 4 + ((),) * 3),
        CalendarSpec("Off", exceptions={date(2026, 3, day): () for day in range(18, 32)}),
    )
}


def at(day: int, hour: int, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, 0)


def task(id: int, days: float, **options: object) -> TaskSpec:
    return TaskSpec(id=id, name=f"T{id}", duration=round(days * DAY), **options)  # type: ignore[arg-type]


def on(calendar: str) -> tuple[WorkSpan, ...]:
    return (WorkSpan(calendar),)


#: Friday 20 March: the Monday-Thursday resource is off.
FRIDAY = at(20, 8)
PLANS: dict[str, tuple[list[TaskSpec], list[LinkSpec]]] = {
    "SNET after a link, resource off": (
        [
            task(1, 1),
            task(2, 2, constraint="SNET", constraint_date=FRIDAY, spans=on("Four days")),
            task(3, 1),
            task(4, 1),
        ],
        [LinkSpec(1, 2), LinkSpec(2, 3, "SS"), LinkSpec(2, 4)],
    ),
    "SNET without a link, resource off": (
        [task(2, 2, constraint="SNET", constraint_date=FRIDAY, spans=on("Four days"))],
        [],
    ),
    "SNET after a link that lands on the resource's days off": (
        [task(1, 13), task(2, 2, constraint="SNET", constraint_date=at(23, 8), spans=on("Off"))],
        [LinkSpec(1, 2)],
    ),
    "SNLT before its link, resource off": (
        [task(1, 14), task(2, 2, constraint="SNLT", constraint_date=at(23, 8), spans=on("Off"))],
        [LinkSpec(1, 2)],
    ),
    "MFO after a link, resource off": (
        [task(1, 1), task(2, 2, constraint="MFO", constraint_date=at(23, 17), spans=on("Off"))],
        [LinkSpec(1, 2)],
    ),
}


def plan(name: str) -> ScheduleInput:
    tasks, links = PLANS[name]
    return ScheduleInput(START, tasks, links, calendars=CALENDARS)


def test_an_snet_task_after_a_link_shows_its_date_on_its_resource_day_off() -> None:
    result = schedule(plan("SNET after a link, resource off")).tasks
    # Its resource works 2 days from Monday 23; the task shows Friday 20, its date.
    assert (result[2].start, result[2].finish) == (FRIDAY, at(24, 17))
    assert (result[2].late_start, result[2].late_finish) == (at(23, 8), at(24, 17))
    # Its SS successor starts with it, on Friday; its FS one after its resource's work.
    assert (result[3].start, result[3].finish, result[3].total_slack) == (FRIDAY, at(20, 17), 1440)
    assert (result[4].start, result[4].critical) == (at(25, 8), True)


def test_an_snet_task_without_a_link_starts_when_its_resource_can() -> None:
    result = schedule(plan("SNET without a link, resource off")).tasks
    assert (result[2].start, result[2].finish) == (at(23, 8), at(24, 17))


def test_a_link_on_the_resource_days_off_moves_past_the_snet_date() -> None:
    # The link gives Thursday 19, when the resource is off until 1 April: later than the
    # date (Monday 23), so the task starts on 1 April.
    result = schedule(plan("SNET after a link that lands on the resource's days off")).tasks
    assert (result[2].start, result[2].finish) == (at(1, 8, 4), at(2, 17, 4))


def test_an_snlt_date_before_the_link_shows_on_the_resource_day_off() -> None:
    result = schedule(plan("SNLT before its link, resource off")).tasks
    assert (result[2].start, result[2].finish) == (at(23, 8), at(2, 17, 4))


def test_an_mfo_task_after_a_link_shows_its_date_as_its_finish() -> None:
    result = schedule(plan("MFO after a link, resource off")).tasks
    # Its resource works Monday 16 and Tuesday 17, and is off on Monday 23, its date.
    assert (result[2].start, result[2].finish) == (at(16, 8), at(23, 17))
    assert (result[2].late_finish, result[2].total_slack) == (at(17, 17), -1920)


@pytest.mark.parametrize("name", sorted(PLANS))
def test_each_plan_matches_microsoft_project(name: str, mpxj_oracle) -> None:
    schedule_input = plan(name)
    ours, theirs = schedule(schedule_input).tasks, mpxj_oracle(schedule_input)
    for spec in schedule_input.tasks:
        for field in ("start", "finish", "late_start", "late_finish", "total_slack", "critical"):
            assert getattr(ours[spec.id], field) == theirs[spec.id][field], (spec.id, field)


@pytest.mark.parametrize("seed", (2080, 2168, 2336))
def test_incremental_edits_keep_the_dates_constraints_set(seed: int) -> None:
    """The seeds that showed the rule: edits still equal full runs."""
    check_edits(random_plan(seed, resources=True), seed, edits=25)
