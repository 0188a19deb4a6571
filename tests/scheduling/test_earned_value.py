"""Earned value: the textbook example, calendars in the planned value, roll-ups, S-curves."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

from pmo_desktop.scheduling.earned_value import (
    EarnedValue,
    EarnedValueTask,
    earned_value,
    s_curve,
)
from pmo_desktop.scheduling.model import CalendarSpec

D = Decimal
MONDAY = date(2026, 3, 2)


def at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour)


def day(offset: int) -> date:
    return MONDAY + timedelta(days=offset)


def two_week_task(**fields: object) -> EarnedValueTask:
    """BAC 100,000 over Mon 2 March 08:00 – Fri 13 March 17:00 (10 working days)."""
    values: dict[object, object] = {
        "id": 1,
        "bac": D(100_000),
        "baseline_start": at(day(0), 8),
        "baseline_finish": at(day(11), 17),
    }
    values.update(fields)
    return EarnedValueTask(**values)  # type: ignore[arg-type]


def test_textbook_example() -> None:
    task = two_week_task(percent_complete=40, actual_cost=D(45_000))
    value = earned_value([task], day(4)).tasks[1]
    assert (value.bac, value.pv, value.ev, value.ac) == (
        D(100_000),
        D(50_000),
        D(40_000),
        D(45_000),
    )
    assert value.sv == D(-10_000)
    assert value.cv == D(-5_000)
    assert value.spi == D("0.8")
    assert value.cpi == D(8) / D(9)
    assert value.eac == D(112_500)
    assert value.etc == D(67_500)
    assert value.vac == D(-12_500)
    assert value.tcpi == D(60_000) / D(55_000)


def test_divisions_by_zero_give_none() -> None:
    nothing = EarnedValue.from_totals(D(0), D(0), D(0), D(0))
    assert (nothing.sv, nothing.cv) == (D(0), D(0))
    assert (nothing.spi, nothing.cpi, nothing.eac, nothing.etc, nothing.vac, nothing.tcpi) == (
        None, None, None, None, None, None
    )  # fmt: skip
    overspent = EarnedValue.from_totals(D(1000), D(500), D(400), D(1000))
    assert overspent.tcpi is None
    assert overspent.cpi == D("0.4")
    assert overspent.eac == D(2500)
    not_started = earned_value([two_week_task()], day(-7)).tasks[1]
    assert (not_started.pv, not_started.ev, not_started.ac) == (D(0), D(0), D(0))
    assert not_started.spi is None and not_started.eac is None
    assert not_started.tcpi == D(1)


def test_planned_value_follows_the_project_calendar() -> None:
    holiday = CalendarSpec(name="Project", exceptions={day(2): ()})
    task = two_week_task(project=5, baseline_finish=at(day(4), 17), bac=D(1200))
    report = earned_value([task], day(1), project_calendars={5: holiday})
    assert report.tasks[1].pv == D(600)
    assert earned_value([task], day(2), project_calendars={5: holiday}).tasks[1].pv == D(600)
    assert earned_value([task], day(3), project_calendars={5: holiday}).tasks[1].pv == D(900)
    assert earned_value([task], day(1)).tasks[1].pv == D(1200) * 2 / 5


def test_milestones_tasks_without_baseline_and_dated_baseline_costs() -> None:
    milestone = two_week_task(id=2, baseline_start=at(day(3), 17), baseline_finish=at(day(3), 17))
    unbaselined = two_week_task(id=3, baseline_start=None, baseline_finish=None)
    dated = two_week_task(id=4, planned_costs=((day(0), D(30)), (day(7), D(70))))
    tasks = [milestone, unbaselined, dated]
    before = earned_value(tasks, day(2)).tasks
    after = earned_value(tasks, day(3)).tasks
    assert (before[2].pv, after[2].pv) == (D(0), D(100_000))
    assert (before[3].pv, after[3].pv) == (D(0), D(0))
    assert (before[4].pv, after[4].pv, earned_value(tasks, day(7)).tasks[4].pv) == (
        D(30), D(30), D(100)
    )  # fmt: skip


def test_projects_and_portfolio_roll_up_the_sums() -> None:
    tasks = [
        two_week_task(id=1, project=1, percent_complete=50, actual_cost=D(40_000)),
        two_week_task(id=2, project=1, bac=D(50_000), percent_complete=100, actual_cost=D(60_000)),
        two_week_task(id=3, project=2, bac=D(20_000), percent_complete=25, actual_cost=D(5_000)),
    ]
    report = earned_value(tasks, day(4))
    first = report.projects[1]
    assert (first.bac, first.pv, first.ev, first.ac) == (
        D(150_000),
        D(75_000),
        D(100_000),
        D(100_000),
    )
    assert first.spi == D(100_000) / D(75_000)
    assert first.cpi == D(1)
    assert report.projects[2].cpi == D(1)
    total = report.portfolio
    assert (total.bac, total.pv, total.ev, total.ac) == (
        D(170_000),
        D(85_000),
        D(105_000),
        D(105_000),
    )
    assert total.eac == D(170_000)


def test_s_curve_is_monotone_and_planned_value_ends_at_the_budget() -> None:
    rng = random.Random(11)
    holiday = CalendarSpec(exceptions={date(2026, 5, 1): (), date(2026, 12, 25): ()})
    tasks = []
    for task_id in range(1, 60):
        start = at(date(2026, 1, 5) + timedelta(days=rng.randrange(300)), 8)
        finish = start + timedelta(days=rng.randrange(0, 90), hours=9)
        tasks.append(
            EarnedValueTask(
                id=task_id,
                project=task_id % 3,
                bac=D(rng.randrange(100, 100_000)) / 3,
                baseline_start=start,
                baseline_finish=finish,
                percent_complete=rng.choice((0, 10, 33.3, 50, 100)),
                actual_cost=D(rng.randrange(0, 50_000)),
            )
        )
    status = date(2026, 6, 30)
    report = earned_value(tasks, status, project_calendars={1: holiday})
    for unit in ("week", "month"):
        curve = s_curve(tasks, status, unit, project_calendars={1: holiday})
        values = [value for _, value in curve.pv]
        assert values == sorted(values)
        assert values[-1] == sum((task.bac for task in tasks), D(0)).quantize(D("0.01"))
        days = [point_day for point_day, _ in curve.pv]
        assert days == sorted(set(days))
        if unit == "month":
            assert all((point_day + timedelta(days=1)).day == 1 for point_day in days)
            at_status = dict(curve.pv)[status]
            assert abs(at_status - report.portfolio.pv) < D("0.01")
        else:
            assert all(point_day.weekday() == 6 for point_day in days)
        assert curve.ev[-1] == (status, report.portfolio.ev.quantize(D("0.01")))
        assert curve.ac[-1] == (status, report.portfolio.ac)


def test_earned_value_and_actual_cost_curves_follow_their_history() -> None:
    task = two_week_task(
        bac=D(1000),
        percent_complete=60,
        progress=((date(2026, 3, 4), 10), (date(2026, 3, 11), 30), (date(2026, 3, 30), 99)),
        actual_cost=D(700),
        actual_costs=((date(2026, 3, 3), D(100)), (date(2026, 3, 10), D(200))),
    )
    curve = s_curve([task], date(2026, 3, 18), "week")
    assert curve.pv == [
        (date(2026, 3, 8), D("500.00")),
        (date(2026, 3, 15), D("1000.00")),
        (date(2026, 3, 22), D("1000.00")),
    ]  # fmt: skip
    assert curve.ev == [
        (date(2026, 3, 8), D("100.00")),
        (date(2026, 3, 15), D("300.00")),
        (date(2026, 3, 18), D("600.00")),
    ]
    assert curve.ac == [
        (date(2026, 3, 8), D("100.00")),
        (date(2026, 3, 15), D("300.00")),
        (date(2026, 3, 18), D("700.00")),
    ]
