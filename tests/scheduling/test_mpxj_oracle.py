"""The MPXJ oracle itself, on small cases computed by hand (DESIGN.md §4).

Standard calendar: Mon–Fri 08:00–12:00 / 13:00–17:00, a day = 480 minutes. March 2026
starts on a Sunday: Mon 2 … Fri 6, Mon 9 … Fri 13. These prove the translation of our
ScheduleInput into MPXJ and back; the second half pins Microsoft Project conventions
the engine must match (as MPXJ 16.10 reproduces them).
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from mpxj_oracle import Oracle

from pmo_desktop.scheduling.model import (
    STANDARD_DAY,
    CalendarSpec,
    LinkSpec,
    ScheduleInput,
    TaskSpec,
)

DAY = 480
MON = datetime(2026, 3, 2, 8, 0)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A time in March 2026."""
    return datetime(2026, 3, day, hour, minute)


def dates(result: dict[str, object]) -> tuple[object, object]:
    return result["start"], result["finish"]


def test_finish_start_chain(mpxj_oracle: Oracle) -> None:
    tasks = [TaskSpec(1, duration=5 * DAY), TaskSpec(2, duration=3 * DAY)]
    result = mpxj_oracle(ScheduleInput(MON, tasks, [LinkSpec(1, 2)]))

    assert dates(result[1]) == (at(2, 8), at(6, 17))
    assert result[2] == {
        "start": at(9, 8),
        "finish": at(11, 17),
        "early_start": at(9, 8),
        "early_finish": at(11, 17),
        "late_start": at(9, 8),
        "late_finish": at(11, 17),
        "total_slack": 0,
        "free_slack": 0,
        "critical": True,
    }
    assert result[1]["critical"] is True


def test_start_start_with_one_day_lag(mpxj_oracle: Oracle) -> None:
    tasks = [TaskSpec(1, duration=5 * DAY), TaskSpec(2, duration=3 * DAY)]
    result = mpxj_oracle(ScheduleInput(MON, tasks, [LinkSpec(1, 2, "SS", DAY)]))

    assert dates(result[2]) == (at(3, 8), at(5, 17))
    assert (result[2]["late_start"], result[2]["late_finish"]) == (at(4, 8), at(6, 17))
    assert result[2]["total_slack"] == DAY
    assert result[2]["free_slack"] == DAY
    assert result[2]["critical"] is False


def test_milestone_sits_at_the_end_of_its_predecessor(mpxj_oracle: Oracle) -> None:
    tasks = [
        TaskSpec(1, duration=3 * DAY),
        TaskSpec(2, duration=0, milestone=True),
        TaskSpec(3, duration=DAY),
    ]
    result = mpxj_oracle(ScheduleInput(MON, tasks, [LinkSpec(1, 2), LinkSpec(2, 3)]))

    assert dates(result[1]) == (at(2, 8), at(4, 17))
    assert dates(result[2]) == (at(4, 17), at(4, 17))  # Wed 17:00, not Thu 08:00
    assert dates(result[3]) == (at(5, 8), at(5, 17))


def test_a_holiday_pushes_the_finish(mpxj_oracle: Oracle) -> None:
    # Lundi de Pâques 2026 (Easter Monday, French public holiday): Mon 6 April.
    easter_monday = date(2026, 4, 6)
    calendar = CalendarSpec(name="France", exceptions={easter_monday: ()})
    start = datetime(2026, 4, 1, 8)  # a Wednesday
    plain = mpxj_oracle(ScheduleInput(start, [TaskSpec(1, duration=5 * DAY)], []))
    french = mpxj_oracle(
        ScheduleInput(start, [TaskSpec(1, duration=5 * DAY)], [], calendar=calendar)
    )

    assert plain[1]["finish"] == datetime(2026, 4, 7, 17)
    assert french[1]["finish"] == datetime(2026, 4, 8, 17)


def test_a_special_working_day_and_a_short_week(mpxj_oracle: Oracle) -> None:
    # Saturday 7 March works 09:00–13:00 (240 min): 6 days = Mon–Fri + 4 h Sat + 4 h Mon.
    calendar = CalendarSpec(exceptions={date(2026, 3, 7): ((9 * 60, 13 * 60),)})
    result = mpxj_oracle(ScheduleInput(MON, [TaskSpec(1, duration=6 * DAY)], [], calendar=calendar))
    assert dates(result[1]) == (at(2, 8), at(9, 12))


def test_must_start_on(mpxj_oracle: Oracle) -> None:
    tasks = [
        TaskSpec(1, duration=2 * DAY),
        TaskSpec(2, duration=2 * DAY, constraint="MSO", constraint_date=at(10, 8)),
    ]
    result = mpxj_oracle(ScheduleInput(MON, tasks, [LinkSpec(1, 2)]))

    assert dates(result[2]) == (at(10, 8), at(11, 17))
    assert (result[2]["late_start"], result[2]["total_slack"]) == (at(10, 8), 0)
    assert (result[1]["late_finish"], result[1]["total_slack"]) == (at(9, 17), 4 * DAY)


def test_must_start_on_beats_the_link(mpxj_oracle: Oracle) -> None:
    tasks = [
        TaskSpec(1, duration=5 * DAY),
        TaskSpec(2, duration=2 * DAY, constraint="MSO", constraint_date=at(4, 8)),
    ]
    result = mpxj_oracle(ScheduleInput(MON, tasks, [LinkSpec(1, 2)]))

    assert dates(result[2]) == (at(4, 8), at(5, 17))  # the FS link is violated
    assert result[1]["late_finish"] == at(3, 17)
    assert result[1]["total_slack"] == -3 * DAY
    assert result[1]["free_slack"] == 0  # never negative
    assert result[1]["critical"] is True


def test_slack_of_a_parallel_branch(mpxj_oracle: Oracle) -> None:
    tasks = [
        TaskSpec(1, duration=5 * DAY),
        TaskSpec(2, duration=2 * DAY),
        TaskSpec(3, duration=DAY),
    ]
    result = mpxj_oracle(ScheduleInput(MON, tasks, [LinkSpec(1, 3), LinkSpec(2, 3)]))

    assert dates(result[2]) == (at(2, 8), at(3, 17))
    assert (result[2]["late_start"], result[2]["late_finish"]) == (at(5, 8), at(6, 17))
    assert (result[2]["total_slack"], result[2]["free_slack"]) == (3 * DAY, 3 * DAY)
    assert result[2]["critical"] is False
    assert dates(result[3]) == (at(9, 8), at(9, 17))
    assert [result[i]["critical"] for i in (1, 3)] == [True, True]


def test_critical_slack_threshold(mpxj_oracle: Oracle) -> None:
    tasks = [
        TaskSpec(1, duration=5 * DAY),
        TaskSpec(2, duration=4 * DAY),
        TaskSpec(3, duration=3 * DAY),
    ]
    result = mpxj_oracle(ScheduleInput(MON, tasks, [], critical_slack=DAY))
    assert [result[i]["total_slack"] for i in (1, 2, 3)] == [0, DAY, 2 * DAY]
    assert [result[i]["critical"] for i in (1, 2, 3)] == [True, True, False]


# --- Microsoft Project conventions, as MPXJ reproduces them (DESIGN.md §4) -------------


@pytest.mark.parametrize(
    ("link", "start", "finish"),
    [
        (LinkSpec(1, 2, "SF"), datetime(2026, 2, 26, 8), datetime(2026, 2, 27, 17)),
        (LinkSpec(1, 2, "FS", -2 * DAY), datetime(2026, 2, 27, 8), at(2, 17)),
        (LinkSpec(1, 2, "SS", -DAY), datetime(2026, 2, 27, 8), datetime(2026, 3, 2, 17)),
        (LinkSpec(1, 2, "FF"), at(2, 8), at(3, 17)),  # FF: clamped to the project start
    ],
    ids=["SF", "FS-2d", "SS-1d", "FF"],
)
def test_links_may_start_before_the_project_start(
    mpxj_oracle: Oracle, link: LinkSpec, start: datetime, finish: datetime
) -> None:
    tasks = [TaskSpec(1, duration=DAY), TaskSpec(2, duration=2 * DAY)]
    result = mpxj_oracle(ScheduleInput(MON, tasks, [link]))
    assert dates(result[2]) == (start, finish)
    assert result[2]["early_start"] == start


def test_finish_no_later_than_wins_over_the_link(mpxj_oracle: Oracle) -> None:
    tasks = [
        TaskSpec(1, duration=5 * DAY),
        TaskSpec(2, duration=3 * DAY, constraint="FNLT", constraint_date=at(4, 17)),
    ]
    result = mpxj_oracle(ScheduleInput(MON, tasks, [LinkSpec(1, 2)]))
    assert dates(result[2]) == (at(2, 8), at(4, 17))
    assert result[1]["late_finish"] == datetime(2026, 2, 27, 17)
    assert result[1]["total_slack"] == -5 * DAY


def test_as_late_as_possible_and_its_successor(mpxj_oracle: Oracle) -> None:
    tasks = [
        TaskSpec(1, duration=5 * DAY),
        TaskSpec(2, duration=DAY, constraint="ALAP"),
        TaskSpec(3, duration=DAY),
    ]
    result = mpxj_oracle(ScheduleInput(MON, tasks, [LinkSpec(2, 3)]))
    # 2 sits on its late dates; 3 follows it to the project's end.
    assert dates(result[2]) == (at(5, 8), at(5, 17))
    assert (result[2]["early_start"], result[2]["total_slack"]) == (at(2, 8), 0)
    assert dates(result[3]) == (at(6, 8), at(6, 17))
    assert (result[3]["early_start"], result[3]["total_slack"]) == (at(6, 8), 0)
    assert result[3]["critical"] is True


def test_a_link_on_a_summary_applies_to_its_children(mpxj_oracle: Oracle) -> None:
    tasks = [
        TaskSpec(1, duration=2 * DAY),
        TaskSpec(10, name="Summary"),
        TaskSpec(11, duration=DAY, parent=10),
        TaskSpec(12, duration=3 * DAY, parent=10),
        TaskSpec(2, duration=DAY),
    ]
    result = mpxj_oracle(ScheduleInput(MON, tasks, [LinkSpec(1, 10), LinkSpec(10, 2)]))
    assert dates(result[11]) == (at(4, 8), at(4, 17))
    assert dates(result[12]) == (at(4, 8), at(6, 17))
    assert dates(result[10]) == (at(4, 8), at(6, 17))
    assert dates(result[2]) == (at(9, 8), at(9, 17))
    assert result[11]["total_slack"] == 2 * DAY


@pytest.mark.parametrize(
    ("lag", "unit", "start"),
    [
        (24 * 60, "elapsed", at(9, 8)),  # Fri 17:00 + 24 h = Sat 17:00 → Mon 08:00
        (50, "percent", at(11, 13)),  # 2.5 days after Fri 17:00: Wed 12:00 → 13:00
        (240, "working", at(9, 13)),  # 4 working hours: Mon 12:00 → after lunch
    ],
)
def test_lag_units(mpxj_oracle: Oracle, lag: int, unit: str, start: datetime) -> None:
    tasks = [TaskSpec(1, duration=5 * DAY), TaskSpec(2, duration=DAY)]
    result = mpxj_oracle(ScheduleInput(MON, tasks, [LinkSpec(1, 2, "FS", lag, unit)]))  # type: ignore[arg-type]
    assert result[2]["start"] == start


def test_task_calendar_and_round_the_clock_days(mpxj_oracle: Oracle) -> None:
    six_days = CalendarSpec(name="Six days", week=(STANDARD_DAY,) * 6 + ((),))
    nonstop = CalendarSpec(
        name="24/7", week=(((0, 24 * 60),),) * 7, minutes_per_day=1440, minutes_per_week=10080
    )
    tasks = [
        TaskSpec(1, duration=5 * DAY),
        TaskSpec(2, duration=2 * DAY, calendar="Six days"),
        TaskSpec(3, duration=24 * 60, calendar="24/7"),
    ]
    links = [LinkSpec(1, 2), LinkSpec(1, 3)]
    calendars = {"Six days": six_days, "24/7": nonstop}
    result = mpxj_oracle(ScheduleInput(MON, tasks, links, calendars=calendars))
    assert dates(result[2]) == (at(7, 8), at(9, 17))  # Saturday works
    assert dates(result[3]) == (at(6, 17), at(7, 17))  # right after Fri 17:00
