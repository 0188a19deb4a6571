"""Baseline variances: working-time variances across a holiday, roll-up, missing tasks."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from pmo_desktop.scheduling.baselines import (
    TaskSnapshot,
    TaskVariance,
    compare_to_baseline,
    compare_to_saved_baseline,
)
from pmo_desktop.scheduling.model import CalendarSpec

D = Decimal
HOLIDAY = CalendarSpec(name="Project", exceptions={date(2026, 3, 4): ()})


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 3, day, hour)


def test_task_variances_are_working_minutes_across_a_holiday() -> None:
    baseline = [TaskSnapshot(1, at(3, 8), at(6, 17), project=1, cost=D(1000), work=1440)]
    current = [TaskSnapshot(1, at(5, 8), at(10, 17), project=1, cost=D(1250), work=1920)]
    variance = compare_to_baseline(current, baseline, project_calendars={1: HOLIDAY}).tasks[1]
    assert variance == TaskVariance(
        1,
        1,
        in_baseline=True,
        start_variance=480,
        finish_variance=960,
        duration_variance=480,
        cost_variance=D(250),
        work_variance=480,
    )
    plain = compare_to_baseline(current, baseline).tasks[1]
    assert (plain.start_variance, plain.finish_variance, plain.duration_variance) == (960, 960, 0)


def test_early_task_has_negative_variances_and_explicit_durations_win() -> None:
    baseline = [TaskSnapshot(1, at(9, 8), at(10, 17), duration=960)]
    current = [TaskSnapshot(1, at(2, 13), at(3, 12), duration=600)]
    variance = compare_to_baseline(current, baseline).tasks[1]
    assert (variance.start_variance, variance.finish_variance) == (-4 * 480 - 240, -5 * 480 - 240)
    assert variance.duration_variance == -360


def test_project_roll_up_and_tasks_missing_from_either_side() -> None:
    baseline = [
        TaskSnapshot(1, at(2, 8), at(6, 17), project=1, cost=D(500)),
        TaskSnapshot(2, at(9, 8), at(11, 17), project=1, cost=D(300)),
        TaskSnapshot(3, at(9, 8), at(9, 17), project=1, cost=D(50)),
    ]
    current = [
        TaskSnapshot(1, at(2, 8), at(6, 17), project=1, cost=D(500)),
        TaskSnapshot(2, at(10, 8), at(13, 17), project=1, cost=D(450)),
        TaskSnapshot(4, at(16, 8), at(16, 12), project=1, cost=D(20)),
    ]
    comparison = compare_to_baseline(current, baseline, number=3, project_calendars={1: HOLIDAY})
    assert comparison.number == 3
    assert comparison.tasks[4] == TaskVariance(4, 1, in_baseline=False)
    assert comparison.tasks[2].finish_variance == 960
    project = comparison.projects[1]
    assert (project.start, project.finish) == (at(2, 8), at(16, 12))
    assert (project.baseline_start, project.baseline_finish) == (at(2, 8), at(11, 17))
    assert project.start_variance == 0
    assert project.finish_variance == 2 * 480 + 240
    assert project.duration_variance == 2 * 480 + 240
    assert (project.cost, project.baseline_cost, project.cost_variance) == (D(970), D(850), D(120))
    assert project.not_in_baseline == [4]
    assert project.not_in_schedule == [3]


def test_a_project_with_no_baseline_has_no_date_variances() -> None:
    current = [TaskSnapshot(1, at(2, 8), at(6, 17), project=7, cost=D(10))]
    project = compare_to_baseline(current, []).projects[7]
    assert (project.start_variance, project.finish_variance, project.duration_variance) == (
        None, None, None
    )  # fmt: skip
    assert project.cost_variance == D(10)
    assert project.not_in_baseline == [1]


def test_any_of_the_eleven_baselines_can_be_chosen() -> None:
    current = [TaskSnapshot(1, at(3, 8), at(3, 17))]
    baselines = {
        number: [TaskSnapshot(1, at(2, 8), at(2, 17 - number % 5))] for number in range(11)
    }
    for number in range(11):
        comparison = compare_to_saved_baseline(current, baselines, number)
        assert comparison.number == number
        assert comparison.tasks[1].start_variance == 480
        assert comparison.tasks[1].finish_variance == 480 + number % 5 * 60
    with pytest.raises(ValueError, match="0 to 10"):
        compare_to_saved_baseline(current, baselines, 11)
    with pytest.raises(ValueError, match="not been saved"):
        compare_to_saved_baseline(current, {0: []}, 4)
