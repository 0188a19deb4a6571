"""Microsoft Project's scheduling rules, each on the smallest plan that shows it.

Every plan here was shrunk from a random project on which our engine and MPXJ's
MicrosoftScheduler disagreed (test_cpm_oracle.py); the expected dates are the oracle's.
Standard calendar (Mon–Fri 08:00–12:00, 13:00–17:00); Monday 2 March 2026 is the start.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from test_cpm_oracle import random_plan
from test_incremental import check_edits

from pmo_desktop.scheduling.cpm import schedule
from pmo_desktop.scheduling.model import (
    CalendarSpec,
    LinkSpec,
    ScheduleInput,
    TaskResult,
    TaskSpec,
    WorkSpan,
)

DAY = 480
START = datetime(2026, 3, 2, 8, 0)


def at(day: int, hour: int, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, 0)


def task(id: int, days: float = 0, **options: object) -> TaskSpec:
    return TaskSpec(id=id, name=f"T{id}", duration=round(days * DAY), **options)  # type: ignore[arg-type]


def milestone(id: int, **options: object) -> TaskSpec:
    return TaskSpec(id=id, name=f"M{id}", milestone=True, **options)  # type: ignore[arg-type]


def dates(result: TaskResult) -> tuple[datetime, datetime, datetime, datetime]:
    return result.start, result.finish, result.late_start, result.late_finish


#: The minimal plans, by the rule they show (also checked against the oracle below).
PLANS: dict[str, tuple[list[TaskSpec], list[LinkSpec]]] = {
    "elapsed SF lag, backward": (
        [task(1, 1), task(2, 3, constraint="MSO", constraint_date=at(11, 8))],
        [LinkSpec(1, 2, "SF", 48 * 60, "elapsed")],
    ),
    "elapsed lag from a milestone at a start": (
        [milestone(1), task(2, 1)],
        [LinkSpec(1, 2, "FS", 24 * 60, "elapsed")],
    ),
    "elapsed FF lag, forward": (
        [task(1, 5), task(2, 1)],
        [LinkSpec(1, 2, "FF", 24 * 60, "elapsed")],
    ),
    "SS from a summary binds one task": (
        [task(1), task(2, 1, parent=1), task(3, 1, parent=1), task(4), task(5, 8, parent=4)],
        [LinkSpec(1, 4, "SS")],
    ),
    "milestone after a milestone at a start": ([milestone(1), milestone(2)], [LinkSpec(1, 2)]),
    "milestone after a summary of milestones": (
        [task(1), milestone(2, parent=1), task(3), milestone(4, parent=3)],
        [LinkSpec(1, 3)],
    ),
    "FNET without predecessor": ([task(1, 8, constraint="FNET", constraint_date=at(3, 17))], []),
    "ALAP milestone": ([task(1, 1), milestone(2, constraint="ALAP")], []),
    "ALAP round keeps a summary's first task": (
        [
            task(1),
            milestone(2, parent=1, constraint="ALAP"),
            task(3, 5, parent=1),
            task(4),
            task(5, 1, parent=4),
        ],
        [LinkSpec(1, 4, "SS")],
    ),
    "SNET milestone in the morning": (
        [task(1, 1), milestone(2, constraint="SNET", constraint_date=at(3, 8))],
        [LinkSpec(1, 2)],
    ),
    "constraint dates at period ends": (
        [
            task(1, 1),
            task(2, 2, constraint="MSO", constraint_date=at(4, 17)),
            task(3, 2, constraint="MFO", constraint_date=at(10, 8)),
        ],
        [LinkSpec(1, 2), LinkSpec(2, 3)],
    ),
    "summary critical by its start slack": (
        [task(1), task(2, 1, parent=1), task(3, 2, parent=1), task(4, 5)],
        [LinkSpec(2, 4)],
    ),
    "milestones at the lunch break": (
        [
            task(1, 0.5),
            *map(milestone, (2, 3, 4)),
            task(5, 1),
            *map(milestone, range(6, 11)),
            task(11, 1),
        ],
        [
            LinkSpec(1, 2),
            LinkSpec(2, 3, "FF"),
            LinkSpec(1, 4, "SF", 240),
            LinkSpec(2, 5),
            LinkSpec(5, 6, "SS"),
            LinkSpec(5, 7, "FF", -DAY),
            LinkSpec(5, 8, "FS", -240),
            LinkSpec(6, 9, "FF"),
            LinkSpec(1, 10, "SS", 240),
            LinkSpec(10, 11, "SF", 240),
            LinkSpec(2, 11, "FF", 240),
        ],
    ),
    "FF clamped to the project start": (
        [milestone(1), task(2, 1), milestone(3)],
        [LinkSpec(1, 2, "SF"), LinkSpec(2, 3, "FF")],
    ),
}


def run(name: str) -> dict[int, TaskResult]:
    tasks, links = PLANS[name]
    return schedule(ScheduleInput(START, tasks, links)).tasks


def test_elapsed_sf_lag_adds_the_duration_before_taking_the_lag_off() -> None:
    # Late finish of 1: 13 Mar 17:00 (2's late finish) + 1 day = 16 Mar 17:00, less 48
    # hours = Sat 14 Mar 17:00, i.e. Fri 13 Mar 17:00 (the other order gives 12 Mar).
    result = run("elapsed SF lag, backward")
    assert dates(result[1]) == (at(2, 8), at(2, 17), at(13, 8), at(13, 17))
    assert result[1].total_slack == 9 * DAY


def test_elapsed_lag_counts_from_the_instant_a_milestone_shows() -> None:
    result = run("elapsed lag from a milestone at a start")
    assert result[1].start == at(2, 8)  # Monday 08:00, not Friday 17:00
    assert dates(result[2]) == (at(3, 8), at(3, 17), at(3, 8), at(3, 17))


def test_elapsed_ff_lag_takes_the_duration_off_before_adding_the_lag() -> None:
    # 1 finishes Fri 17:00: 2 would start Fri 08:00, + 24 hours = Sat 08:00, so Monday
    # (Fri 17:00 + 24 hours = Sat 17:00 first would finish 2 on Friday).
    result = run("elapsed FF lag, forward")
    assert dates(result[2]) == (at(9, 8), at(9, 17), at(9, 8), at(9, 17))


def test_start_to_start_from_a_summary_binds_its_first_earliest_task_only() -> None:
    result = run("SS from a summary binds one task")
    assert dates(result[2]) == (at(2, 8), at(2, 17), at(2, 8), at(2, 17))
    assert result[2].critical
    assert dates(result[3]) == (at(2, 8), at(2, 17), at(11, 8), at(11, 17))
    assert (result[3].total_slack, result[3].critical) == (7 * DAY, False)


def test_a_milestone_right_after_a_milestone_at_a_start_sits_at_that_start() -> None:
    result = run("milestone after a milestone at a start")
    assert (result[2].start, result[2].finish) == (at(2, 8), at(2, 8))
    assert (result[2].late_start, result[2].late_finish) == (at(27, 17, 2), at(27, 17, 2))


def test_a_link_from_a_summary_reads_the_instants_of_its_tasks() -> None:
    result = run("milestone after a summary of milestones")
    assert (result[4].start, result[4].finish) == (at(2, 8), at(2, 8))
    # A summary of milestones spans their instants, late dates included.
    assert dates(result[3]) == (at(2, 8), at(2, 8), at(27, 17, 2), at(27, 17, 2))


def test_fnet_without_predecessor_places_the_task_even_before_the_project_start() -> None:
    result = run("FNET without predecessor")
    assert dates(result[1]) == (at(20, 8, 2), at(3, 17), at(20, 8, 2), at(3, 17))


def test_an_alap_milestone_sits_at_the_end_of_working_time() -> None:
    result = run("ALAP milestone")
    assert dates(result[2]) == (at(2, 17), at(2, 17), at(2, 17), at(2, 17))


def test_the_alap_round_keeps_the_task_a_summary_started_with() -> None:
    # 2 started summary 1 in the first pass: the SS link binds it, on its late date.
    result = run("ALAP round keeps a summary's first task")
    assert dates(result[2]) == (at(5, 17), at(5, 17), at(5, 17), at(5, 17))
    assert dates(result[5]) == (at(6, 8), at(6, 17), at(6, 8), at(6, 17))
    assert result[5].critical


def test_an_snet_milestone_in_the_morning_waits_for_the_morning() -> None:
    result = run("SNET milestone in the morning")
    assert (result[2].start, result[2].finish) == (at(3, 8), at(3, 8))


def test_constraint_dates_at_period_ends_show_as_given() -> None:
    result = run("constraint dates at period ends")
    assert dates(result[2]) == (at(4, 17), at(6, 17), at(5, 8), at(6, 17))
    assert dates(result[3]) == (at(6, 8), at(10, 8), at(6, 8), at(9, 17))
    assert result[2].total_slack == result[3].total_slack == 0


def test_an_ff_link_clamped_to_the_project_start_lands_on_that_start() -> None:
    result = run("FF clamped to the project start")
    assert dates(result[2]) == (at(27, 8, 2), at(27, 17, 2), at(27, 8, 2), at(27, 17, 2))
    assert (result[3].start, result[3].finish) == (at(2, 8), at(2, 8))


def test_a_summary_is_critical_by_the_lesser_of_its_start_and_finish_slack() -> None:
    # Its finish (3, Tue 17:00) could slip 4 days, but its start (2, critical) cannot: the
    # summary's total slack is 0 and it is critical (its own finish slack alone says no).
    result = run("summary critical by its start slack")
    assert dates(result[1]) == (at(2, 8), at(3, 17), at(2, 8), at(9, 17))
    assert (result[1].total_slack, result[1].critical) == (0, True)
    assert (result[3].total_slack, result[3].critical) == (4 * DAY, False)


def test_milestones_at_the_lunch_break_sit_where_their_link_lands() -> None:
    # 12:00 and 13:00 are one offset: a finish, or a lag added, lands at 12:00; a start,
    # or a lead taken off, at 13:00; with no lag a milestone takes its predecessor's instant.
    result = run("milestones at the lunch break")
    noon, one = at(2, 12), at(2, 13)
    for id, instant in ((2, noon), (3, noon), (4, noon), (6, one), (7, one), (9, one), (10, noon)):
        assert (result[id].start, result[id].finish) == (instant, instant), id
    assert (result[5].start, result[5].finish) == (one, at(3, 12))
    assert (result[8].start, result[3].late_finish) == (at(3, 8), at(3, 12))


def test_percent_lags_are_rounded_to_the_minute() -> None:
    # Our timeline counts whole minutes; MPXJ keeps the seconds (10 % of 1 h 7 min = 6.7
    # minutes: 08:06:42 there, 08:07 here). Microsoft Project shows whole minutes too.
    tasks = [TaskSpec(1, "A", 67), TaskSpec(2, "B", DAY)]
    result = schedule(ScheduleInput(START, tasks, [LinkSpec(1, 2, "SS", 10, "percent")]))
    assert result.tasks[2].start == datetime(2026, 3, 2, 8, 7)


@pytest.mark.parametrize("name", sorted(PLANS))
def test_each_plan_matches_microsoft_project(name: str, mpxj_oracle) -> None:
    tasks, links = PLANS[name]
    plan = ScheduleInput(START, tasks, links)
    ours, theirs = schedule(plan).tasks, mpxj_oracle(plan)
    for spec in tasks:
        for field in ("start", "finish", "late_start", "late_finish", "total_slack", "critical"):
            assert getattr(ours[spec.id], field) == theirs[spec.id][field], (spec.id, field)


@pytest.mark.parametrize("seed", range(20))
def test_incremental_edits_keep_these_rules(seed: int) -> None:
    """Constraint dates at any hour, percent lags: edits still equal full runs."""
    check_edits(random_plan(1000 + seed, wide=True), seed, edits=25)


def resource_plan() -> ScheduleInput:
    """A works 2 days with a Monday-Thursday resource and 12 hours of a mornings-only one;
    B's resource is off Wednesday to Friday; D's works Monday to Thursday."""
    day = ((480, 720), (780, 1020))
    calendars = [
        CalendarSpec("Four days", week=(day,) * 4 + ((),) * 3),
        CalendarSpec("Mornings", week=(((480, 720),),) * 5 + ((), ())),
        CalendarSpec("Off", exceptions={date(2026, 3, day): () for day in (4, 5, 6)}),
    ]
    tasks = [
        task(1, 2, spans=(WorkSpan("Four days"), WorkSpan("Mornings", 720))),
        task(2, 1, spans=(WorkSpan("Off"),)),
        task(3, 1),
        task(4, 5, spans=(WorkSpan("Four days"),)),
    ]
    links = [LinkSpec(1, 2), LinkSpec(2, 3), LinkSpec(1, 4)]
    return ScheduleInput(START, tasks, links, calendars={c.name: c for c in calendars})


def test_a_task_with_resources_works_on_their_calendars() -> None:
    result = schedule(resource_plan()).tasks
    # The mornings-only resource finishes A on Wednesday noon (its 12 hours: 3 mornings).
    assert dates(result[1]) == (at(2, 8), at(4, 12), at(2, 8), at(4, 12))
    # B's resource is off until Monday 9; C (project calendar) follows it.
    assert dates(result[2]) == (at(9, 8), at(9, 17), at(10, 13), at(11, 12))
    assert (result[3].start, result[3].total_slack) == (at(10, 8), 720)
    # D: 5 days of a Monday-Thursday resource from Wednesday 13:00 (A's finish).
    assert dates(result[4]) == (at(4, 13), at(12, 12), at(4, 13), at(12, 12))
    assert result[4].critical and result[1].critical


def test_resource_calendars_match_microsoft_project(mpxj_oracle) -> None:
    plan = resource_plan()
    ours, theirs = schedule(plan).tasks, mpxj_oracle(plan)
    for spec in plan.tasks:
        for field in ("start", "finish", "late_start", "late_finish", "total_slack", "critical"):
            assert getattr(ours[spec.id], field) == theirs[spec.id][field], (spec.id, field)


@pytest.mark.parametrize("seed", range(10))
def test_incremental_edits_keep_resource_calendars(seed: int) -> None:
    check_edits(random_plan(2000 + seed, resources=True), seed, edits=25)
