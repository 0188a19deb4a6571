"""Resource loading: hand-computed cases on the standard calendar, and conservation of work."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest

from pmo_desktop.scheduling.calendar import WorkingCalendar
from pmo_desktop.scheduling.loading import (
    AssignmentSpan,
    OverAllocation,
    ResourceSpec,
    over_allocations,
    period_boundaries,
    resource_loading,
    role_loading,
    total_load,
)
from pmo_desktop.scheduling.model import CalendarSpec

MONDAY = date(2026, 3, 2)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


def span(resource: int, first: date, last: date, work: int, task: int = 1) -> AssignmentSpan:
    """An assignment from `first` 08:00 to `last` 17:00."""
    return AssignmentSpan(resource, task, 0, at(first, 8), at(last, 17), work)


def day(offset: int) -> date:
    return MONDAY + timedelta(days=offset)


def test_one_five_day_full_time_assignment_loads_480_minutes_a_working_day() -> None:
    grid = resource_loading(
        [span(1, day(0), day(4), 2400)], [ResourceSpec(1)], day(0), day(7), "day"
    )
    assert grid.load[1] == [480.0] * 5 + [0.0, 0.0]
    assert grid.capacity[1] == [480.0] * 5 + [0.0, 0.0]
    assert over_allocations(grid) == []
    assert grid.periods[0] == (day(0), day(0))


def test_two_overlapping_full_time_assignments_are_over_allocated_on_the_overlap_only() -> None:
    assignments = [span(1, day(0), day(4), 2400, 1), span(1, day(2), day(8), 2400, 2)]
    grid = resource_loading(assignments, [ResourceSpec(1)], day(0), day(14), "day")
    assert grid.load[1][:10] == [480, 480, 960, 960, 960, 0, 0, 480, 480, 0]
    assert over_allocations(grid) == [OverAllocation(1, day(2), day(4), 2880.0, 1440.0, 2.0)]


def test_half_time_resource_has_half_the_capacity() -> None:
    resource = ResourceSpec(1, "Ana", "Analyst", max_units=0.5)
    half = resource_loading([span(1, day(0), day(4), 1200)], [resource], day(0), day(7), "day")
    assert half.capacity[1] == [240.0] * 5 + [0.0, 0.0]
    assert half.load[1] == half.capacity[1]
    assert over_allocations(half) == []
    full = resource_loading([span(1, day(0), day(4), 2400)], [resource], day(0), day(7), "day")
    assert over_allocations(full) == [OverAllocation(1, day(0), day(4), 2400.0, 1200.0, 2.0)]


def test_holiday_on_the_resource_calendar_moves_work_to_the_other_days() -> None:
    calendar = CalendarSpec(name="Ana", exceptions={day(2): ()})
    resource = ResourceSpec(1, calendar=calendar)
    grid = resource_loading([span(1, day(0), day(4), 1920)], [resource], day(0), day(7), "day")
    assert grid.load[1] == [480.0, 480.0, 0.0, 480.0, 480.0, 0.0, 0.0]
    assert grid.capacity[1] == [480.0, 480.0, 0.0, 480.0, 480.0, 0.0, 0.0]


def test_work_is_spread_on_the_project_calendar_when_the_resource_has_none() -> None:
    holiday = CalendarSpec(name="Project", exceptions={day(2): ()})
    assignment = AssignmentSpan(1, 1, 7, at(day(0), 8), at(day(4), 17), 1920)
    grid = resource_loading(
        [assignment], [ResourceSpec(1)], day(0), day(7), "day", project_calendars={7: holiday}
    )
    assert grid.load[1] == [480.0, 480.0, 0.0, 480.0, 480.0, 0.0, 0.0]
    assert grid.capacity[1] == [480.0] * 5 + [0.0, 0.0]


def test_partial_days_and_window_clipping() -> None:
    assignment = AssignmentSpan(1, 1, 0, at(day(0), 13), at(day(2), 10), 480)
    grid = resource_loading([assignment], [ResourceSpec(1)], day(1), day(2), "day")
    assert grid.boundaries == [day(1), day(2)]
    assert grid.load[1] == [480 * 480 / 840]


def test_weekly_and_monthly_sums_equal_the_daily_ones() -> None:
    rng = random.Random(7)
    calendar = WorkingCalendar(CalendarSpec(), MONDAY)
    assignments = []
    for task in range(200):
        first = rng.randrange(120 * 480)
        length = rng.randrange(1, 40 * 480)
        assignments.append(
            AssignmentSpan(rng.randint(1, 5), task, 0, calendar.start_at(first),
                           calendar.finish_at(first + length), rng.randint(0, 2 * length))
        )  # fmt: skip
    resources = [ResourceSpec(resource) for resource in range(1, 6)]
    start, end = date(2026, 3, 1), date(2026, 11, 1)
    daily = resource_loading(
        assignments, resources, start - timedelta(days=6), end + timedelta(days=7), "day"
    )
    for unit in ("week", "month"):
        grid = resource_loading(assignments, resources, start, end, unit)
        for resource in range(1, 6):
            for k, (first, last) in enumerate(grid.periods):
                days = range(
                    (first - daily.boundaries[0]).days, (last - daily.boundaries[0]).days + 1
                )
                assert grid.load[resource][k] == pytest.approx(
                    sum(daily.load[resource][d] for d in days), abs=1e-6
                )
                assert grid.capacity[resource][k] == sum(daily.capacity[resource][d] for d in days)


def test_week_periods_are_iso_weeks_and_months_wrap_the_year() -> None:
    assert period_boundaries(date(2026, 3, 4), date(2026, 3, 10), "week") == [
        date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16)
    ]  # fmt: skip
    assert period_boundaries(date(2026, 11, 15), date(2027, 1, 2), "month") == [
        date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1), date(2027, 2, 1)
    ]  # fmt: skip
    with pytest.raises(ValueError):
        period_boundaries(date(2026, 3, 4), date(2026, 3, 4), "week")
    with pytest.raises(ValueError):
        period_boundaries(date(2026, 3, 4), date(2026, 3, 5), "year")  # type: ignore[arg-type]


def test_role_loading_sums_resources_of_a_role() -> None:
    resources = [
        ResourceSpec(1, "Ana", "Analyst"),
        ResourceSpec(2, "Bob", "Analyst", max_units=0.5),
        ResourceSpec(3, "Cy", "Developer"),
    ]
    assignments = [
        span(1, day(0), day(4), 2400),
        span(2, day(0), day(1), 960),
        span(3, day(3), day(4), 480),
    ]
    grid = resource_loading(assignments, resources, day(0), day(7), "week")
    roles = role_loading(grid, resources)
    assert roles.load == {"Analyst": [3360.0], "Developer": [480.0]}
    assert roles.capacity == {"Analyst": [3600.0], "Developer": [2400.0]}
    assert over_allocations(roles) == []
    assert grid.load[2] == [960.0]
    assert grid.capacity[2] == [1200.0]
    assert over_allocations(grid) == []


def test_zero_length_assignment_keeps_its_work_on_its_start_day() -> None:
    milestone = AssignmentSpan(1, 1, 0, at(day(5), 10), at(day(5), 10), 60)
    grid = resource_loading([milestone], [ResourceSpec(1)], day(0), day(7), "day")
    assert grid.load[1] == [0.0] * 5 + [60.0, 0.0]
    assert over_allocations(grid) == [OverAllocation(1, day(5), day(5), 60.0, 0.0, None)]


def test_bad_input_is_refused_with_a_message() -> None:
    with pytest.raises(ValueError, match="resource 9"):
        resource_loading([span(9, day(0), day(1), 60)], [ResourceSpec(1)], day(0), day(7))
    backwards = AssignmentSpan(1, 1, 0, at(day(2), 8), at(day(1), 8), 60)
    with pytest.raises(ValueError, match="before it starts"):
        resource_loading([backwards], [ResourceSpec(1)], day(0), day(7))


def test_total_loaded_work_equals_total_assignment_work() -> None:
    rng = random.Random(2026)
    holidays = {date(2026, 5, 1): (), date(2026, 7, 14): (), date(2026, 12, 25): ()}
    project_calendars = {
        0: CalendarSpec(),
        1: CalendarSpec(name="Holidays", exceptions=holidays),
        2: CalendarSpec(name="Six days", week=(((8 * 60, 16 * 60),),) * 6 + ((),)),
    }
    resources = [
        ResourceSpec(
            resource,
            role=f"Role {resource % 3}",
            max_units=rng.choice((0.5, 1.0)),
            calendar=CalendarSpec(exceptions={date(2026, 6, d): () for d in range(1, 15)})
            if resource % 4 == 0
            else None,
        )
        for resource in range(1, 21)
    ]
    assignments = []
    for task in range(3000):
        project = rng.randrange(3)
        first = datetime(2026, 1, 1) + timedelta(minutes=rng.randrange(300 * 1440))
        finish = first + timedelta(minutes=rng.choice((0, rng.randrange(1, 60 * 1440))))
        assignments.append(
            AssignmentSpan(rng.randint(1, 20), task, project, first, finish, rng.randrange(10_000))
        )
    expected = sum(assignment.work for assignment in assignments)
    for unit in ("day", "week", "month"):
        grid = resource_loading(
            assignments, resources, date(2025, 12, 1), date(2027, 1, 1), unit,
            project_calendars=project_calendars,
        )  # fmt: skip
        assert total_load(grid) == pytest.approx(expected, rel=1e-9)
        assert total_load(role_loading(grid, resources)) == pytest.approx(expected, rel=1e-9)
