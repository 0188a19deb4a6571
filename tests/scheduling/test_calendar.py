"""WorkingCalendar: offsets on the working-minute timeline and Microsoft Project's
start/finish conventions, checked against hand-worked dates and a slow reference."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import holidays
import pytest

from pmo_desktop.scheduling.calendar import WorkingCalendar
from pmo_desktop.scheduling.model import STANDARD_WEEK, CalendarSpec, Intervals

ORIGIN = date(2026, 1, 5)
MINUTE = timedelta(minutes=1)
FRENCH_2026 = {day: () for day in holidays.France(years=2026)}
NO_WORK: tuple[Intervals, ...] = ((),) * 7


def at(day: int, hour: int, minute: int = 0, month: int = 1, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute)


@pytest.fixture(scope="module")
def standard() -> WorkingCalendar:
    return WorkingCalendar(CalendarSpec(), ORIGIN)


@pytest.fixture(scope="module")
def french() -> WorkingCalendar:
    return WorkingCalendar(CalendarSpec(exceptions=FRENCH_2026), ORIGIN)


def mixed_spec() -> CalendarSpec:
    """French holidays, a working Saturday and a Wednesday with other hours."""
    exceptions: dict[date, Intervals] = dict(FRENCH_2026)
    exceptions[date(2026, 1, 10)] = ((9 * 60, 12 * 60),)
    exceptions[date(2026, 1, 7)] = ((10 * 60, 15 * 60),)
    exceptions[date(2025, 12, 24)] = ((8 * 60, 12 * 60),)
    exceptions[date(2026, 3, 2)] = ((22 * 60, 24 * 60),)
    return CalendarSpec(exceptions=exceptions)


def reference_working_minutes(spec: CalendarSpec, start: datetime, end: datetime) -> int:
    """Counts working minutes one by one, straight from the spec."""
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    count = 0
    moment = start
    while moment < end:
        day = moment.date()
        intervals = spec.exceptions.get(day, spec.week[day.weekday()])
        minute = moment.hour * 60 + moment.minute
        if any(first <= minute < last for first, last in intervals):
            count += 1
        moment += MINUTE
    return sign * count


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(5, 0), 0),
        (at(5, 7, 59), 0),
        (at(5, 8), 0),
        (at(5, 8, 1), 1),
        (at(5, 10), 120),
        (at(5, 12), 240),
        (at(5, 12, 30), 240),
        (at(5, 13), 240),
        (at(5, 17), 480),
        (at(5, 21), 480),
        (at(6, 7), 480),
        (at(9, 17), 2400),
        (at(10, 11), 2400),
        (at(11, 23, 59), 2400),
        (at(12, 8), 2400),
        (at(12, 8, 30), 2430),
    ],
)
def test_offsets_around_lunch_evenings_and_weekends(
    standard: WorkingCalendar, moment: datetime, expected: int
) -> None:
    assert standard.offset(moment) == expected


@pytest.mark.parametrize(
    ("offset", "start", "finish"),
    [
        (0, at(5, 8), datetime(2026, 1, 2, 17)),
        (1, at(5, 8, 1), at(5, 8, 1)),
        (239, at(5, 11, 59), at(5, 11, 59)),
        (240, at(5, 13), at(5, 12)),
        (480, at(6, 8), at(5, 17)),
        (2400, at(12, 8), at(9, 17)),
        (-60, datetime(2026, 1, 2, 16), datetime(2026, 1, 2, 16)),
    ],
)
def test_start_and_finish_at_boundaries(
    standard: WorkingCalendar, offset: int, start: datetime, finish: datetime
) -> None:
    assert standard.start_at(offset) == start
    assert standard.finish_at(offset) == finish


def test_five_day_task_and_following_milestone(standard: WorkingCalendar) -> None:
    start = at(5, 8)
    finish = standard.add(start, 5 * 480, as_finish=True)
    assert finish == at(9, 17)
    assert standard.working_minutes(start, finish) == 2400
    assert standard.add(start, 5 * 480, as_finish=False) == at(12, 8)

    wednesday_task_end = standard.offset(at(7, 17))
    milestone = standard.finish_at(wednesday_task_end)
    assert milestone == at(7, 17)
    assert standard.start_at(standard.offset(milestone)) == at(8, 8)


def test_add_backwards(standard: WorkingCalendar) -> None:
    assert standard.add(at(12, 8), -480, as_finish=False) == at(9, 8)
    assert standard.add(at(12, 9), -60, as_finish=True) == at(9, 17)
    assert standard.add(at(12, 9), -60, as_finish=False) == at(12, 8)


def test_snapping_to_working_time(standard: WorkingCalendar) -> None:
    assert standard.next_start(at(5, 10)) == at(5, 10)
    assert standard.next_start(at(5, 12)) == at(5, 13)
    assert standard.next_start(at(5, 12, 30)) == at(5, 13)
    assert standard.next_start(at(9, 17)) == at(12, 8)
    assert standard.next_start(at(10, 14)) == at(12, 8)
    assert standard.next_start(at(5, 6)) == at(5, 8)
    assert standard.next_start(datetime(2026, 1, 5, 10, 0, 30)) == at(5, 10, 1)
    assert standard.previous_finish(at(5, 10)) == at(5, 10)
    assert standard.previous_finish(at(5, 12, 30)) == at(5, 12)
    assert standard.previous_finish(at(5, 13)) == at(5, 12)
    assert standard.previous_finish(at(11, 9)) == at(9, 17)
    assert standard.previous_finish(at(12, 8)) == at(9, 17)


def test_day_intervals_and_working_days(standard: WorkingCalendar) -> None:
    assert standard.day_intervals(date(2026, 1, 5)) == STANDARD_WEEK[0]
    assert standard.day_intervals(date(2026, 1, 10)) == ()
    assert standard.is_working_day(date(2026, 1, 9))
    assert not standard.is_working_day(date(2026, 1, 11))


def test_french_public_holidays(french: WorkingCalendar) -> None:
    assert not french.is_working_day(date(2026, 5, 14))
    assert french.day_intervals(date(2026, 5, 14)) == ()
    wednesday_before_ascension = datetime(2026, 5, 13, 8)
    assert french.add(wednesday_before_ascension, 480, as_finish=True) == datetime(2026, 5, 13, 17)
    assert french.add(wednesday_before_ascension, 480, as_finish=False) == datetime(2026, 5, 15, 8)
    assert french.add(wednesday_before_ascension, 960, as_finish=True) == datetime(2026, 5, 15, 17)
    afternoon = datetime(2026, 5, 13, 13)
    assert french.add(afternoon, 480, as_finish=True) == datetime(2026, 5, 15, 12)
    before_pentecost = datetime(2026, 5, 22, 13)
    assert french.add(before_pentecost, 480, as_finish=True) == datetime(2026, 5, 26, 12)
    assert french.next_start(datetime(2026, 5, 14, 10)) == datetime(2026, 5, 15, 8)
    assert french.working_minutes(datetime(2026, 5, 11), datetime(2026, 5, 18)) == 4 * 480
    assert french.working_minutes(datetime(2026, 5, 4), datetime(2026, 5, 11)) == 4 * 480
    assert french.working_minutes(at(1, 0), at(1, 0, year=2027)) == 252 * 480


def test_working_saturday_exception() -> None:
    spec = CalendarSpec(exceptions={date(2026, 1, 10): ((9 * 60, 12 * 60),)})
    calendar = WorkingCalendar(spec, ORIGIN)
    assert calendar.is_working_day(date(2026, 1, 10))
    assert calendar.offset(at(10, 10)) == 2400 + 60
    assert calendar.offset(at(10, 15)) == 2400 + 180
    assert calendar.start_at(2400) == at(10, 9)
    assert calendar.finish_at(2400) == at(9, 17)
    assert calendar.finish_at(2580) == at(10, 12)
    assert calendar.start_at(2580) == at(12, 8)
    assert calendar.add(at(9, 13), 480, as_finish=True) == at(12, 9)


def test_modified_hours_exception() -> None:
    wednesday = date(2026, 1, 7)
    calendar = WorkingCalendar(CalendarSpec(exceptions={wednesday: ((600, 900),)}), ORIGIN)
    assert calendar.day_intervals(wednesday) == ((600, 900),)
    assert calendar.offset(at(7, 9)) == 960
    assert calendar.offset(at(7, 12, 30)) == 960 + 150
    assert calendar.offset(at(7, 16)) == 960 + 300
    assert calendar.start_at(960) == at(7, 10)
    assert calendar.finish_at(960 + 300) == at(7, 15)
    assert calendar.add(at(6, 8), 960, as_finish=True) == at(8, 11)


def test_weekday_made_non_working_and_midnight_interval() -> None:
    spec = CalendarSpec(exceptions={date(2026, 1, 6): (), date(2026, 1, 7): ((22 * 60, 24 * 60),)})
    calendar = WorkingCalendar(spec, ORIGIN)
    assert calendar.start_at(480) == at(7, 22)
    assert calendar.finish_at(600) == at(8, 0)
    assert calendar.offset(at(8, 0)) == 600
    assert calendar.start_at(600) == at(8, 8)


def test_round_the_clock_calendar_counts_elapsed_minutes() -> None:
    calendar = WorkingCalendar(CalendarSpec(week=(((0, 1440),),) * 7), ORIGIN)
    assert calendar.offset(at(6, 0)) == 1440
    assert calendar.start_at(1440) == at(6, 0)
    assert calendar.finish_at(1440) == at(6, 0)
    assert calendar.offset(at(4, 23)) == -60


def test_negative_offsets_and_distant_years() -> None:
    calendar = WorkingCalendar(CalendarSpec(), ORIGIN)
    assert calendar.offset(datetime(2026, 1, 2, 16)) == -60
    assert calendar.offset(datetime(2025, 12, 29, 8)) == -2400
    weeks_back = (ORIGIN - date(1990, 1, 1)).days // 7
    assert calendar.start_at(-weeks_back * 2400) == datetime(1990, 1, 1, 8)
    assert calendar.offset(datetime(1990, 1, 1, 9)) == -weeks_back * 2400 + 60
    weeks_ahead = (date(2100, 1, 4) - ORIGIN).days // 7
    assert calendar.offset(datetime(2100, 1, 4, 13)) == weeks_ahead * 2400 + 240
    assert calendar.finish_at(weeks_ahead * 2400 + 240) == datetime(2100, 1, 4, 12)
    assert calendar.start_at(weeks_ahead * 2400 + 240) == datetime(2100, 1, 4, 13)


def test_far_dates_reached_through_offsets_first() -> None:
    calendar = WorkingCalendar(CalendarSpec(), ORIGIN)
    assert calendar.finish_at(-10_000_000).year < 1950
    assert calendar.start_at(10_000_000).year > 2100
    moment = datetime(1975, 6, 10, 9, 15)
    assert calendar.start_at(calendar.offset(moment)) == moment


def test_round_trips_and_monotonic_order_over_random_offsets() -> None:
    calendar = WorkingCalendar(mixed_spec(), ORIGIN)
    rng = random.Random(20260105)
    span = 6 * 260 * 480
    for offset in [rng.randrange(-span, span) for _ in range(3000)]:
        start, finish = calendar.start_at(offset), calendar.finish_at(offset)
        assert calendar.offset(start) == offset
        assert calendar.offset(finish) == offset
        assert finish <= start
        assert calendar.start_at(offset + 1) > start
        assert calendar.finish_at(offset + 1) == start + MINUTE
        assert calendar.offset(start + MINUTE) == offset + 1
        assert calendar.offset(finish - MINUTE) == offset - 1


def test_snapping_brackets_random_moments() -> None:
    calendar = WorkingCalendar(mixed_spec(), ORIGIN)
    rng = random.Random(7)
    first = datetime(2020, 1, 1)
    for _ in range(3000):
        moment = first + timedelta(minutes=rng.randrange(12 * 365 * 1440))
        offset = calendar.offset(moment)
        assert calendar.previous_finish(moment) <= moment <= calendar.next_start(moment)
        assert calendar.offset(calendar.previous_finish(moment)) == offset
        assert calendar.offset(calendar.next_start(moment)) == offset


def test_working_minutes_matches_minute_by_minute_reference() -> None:
    spec = mixed_spec()
    calendar = WorkingCalendar(spec, ORIGIN)
    rng = random.Random(42)
    first = datetime(2025, 12, 15)
    for _ in range(120):
        start = first + timedelta(minutes=rng.randrange(120 * 1440))
        end = start + timedelta(minutes=rng.randrange(-7 * 1440, 14 * 1440))
        expected = reference_working_minutes(spec, start, end)
        assert calendar.working_minutes(start, end) == expected, (start, end)


def test_calendar_without_working_time_raises() -> None:
    calendar = WorkingCalendar(CalendarSpec(name="Never", week=NO_WORK), ORIGIN)
    assert calendar.offset(at(7, 10)) == 0
    with pytest.raises(ValueError, match="'Never' has no working time within 10 years after"):
        calendar.start_at(0)
    with pytest.raises(ValueError, match="no working time within 10 years before"):
        calendar.finish_at(0)
    with pytest.raises(ValueError, match="no working time"):
        calendar.add(at(7, 10), 60, as_finish=True)


def test_working_time_only_from_exceptions() -> None:
    spec = CalendarSpec(week=NO_WORK, exceptions={date(2027, 3, 3): ((8 * 60, 9 * 60),)})
    calendar = WorkingCalendar(spec, ORIGIN)
    assert calendar.start_at(0) == datetime(2027, 3, 3, 8)
    assert calendar.finish_at(60) == datetime(2027, 3, 3, 9)
    with pytest.raises(ValueError, match="no working time within 10 years after 2027-03-03"):
        calendar.start_at(60)


@pytest.mark.parametrize(
    "spec",
    [
        CalendarSpec(week=STANDARD_WEEK[:6]),
        CalendarSpec(week=((0, 1440),) * 7),
        CalendarSpec(week=(((480, 720), (700, 1020)),) * 7),
        CalendarSpec(exceptions={date(2026, 1, 6): ((600, 500),)}),
        CalendarSpec(exceptions={date(2026, 1, 6): ((0, 1500),)}),
    ],
)
def test_malformed_calendar_is_rejected(spec: CalendarSpec) -> None:
    with pytest.raises(ValueError, match="Calendar 'Standard'"):
        WorkingCalendar(spec, ORIGIN)
