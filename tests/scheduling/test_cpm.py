"""CPM on hand-computed cases (standard calendar: Mon–Fri 08:00–12:00, 13:00–17:00).

Monday 2 March 2026 is the project start throughout.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from pmo_desktop.scheduling.cpm import CycleError, schedule
from pmo_desktop.scheduling.model import CalendarSpec, LinkSpec, ScheduleInput, TaskSpec

DAY = 480
START = datetime(2026, 3, 2, 8, 0)


def at(day: int, hour: int, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, 0)


def plan(tasks: list[TaskSpec], links: list[LinkSpec], **options: object) -> ScheduleInput:
    return ScheduleInput(start=START, tasks=tasks, links=links, **options)  # type: ignore[arg-type]


def task(id: int, days: float = 0, **options: object) -> TaskSpec:
    return TaskSpec(id=id, name=f"T{id}", duration=round(days * DAY), **options)  # type: ignore[arg-type]


def test_finish_to_start_chain() -> None:
    result = schedule(plan([task(1, 5), task(2, 3)], [LinkSpec(1, 2)]))
    first, second = result.tasks[1], result.tasks[2]
    assert (first.start, first.finish) == (at(2, 8), at(6, 17))
    assert (second.start, second.finish) == (at(9, 8), at(11, 17))
    assert first.critical and second.critical
    assert result.finish == at(11, 17)
    assert second.driving_predecessor == 1
    assert first.driving_predecessor is None


def test_parallel_branch_has_slack() -> None:
    result = schedule(plan([task(1, 5), task(2, 2), task(3, 1)], [LinkSpec(1, 3), LinkSpec(2, 3)]))
    short = result.tasks[2]
    assert short.total_slack == 3 * DAY
    assert short.free_slack == 3 * DAY
    assert not short.critical
    assert (short.late_start, short.late_finish) == (at(5, 8), at(6, 17))
    assert result.tasks[3].start == at(9, 8)
    assert result.tasks[3].driving_predecessor == 1


def test_start_to_start_with_lag() -> None:
    result = schedule(plan([task(1, 5), task(2, 2)], [LinkSpec(1, 2, "SS", DAY)]))
    assert (result.tasks[2].start, result.tasks[2].finish) == (at(3, 8), at(4, 17))


def test_finish_to_finish() -> None:
    result = schedule(plan([task(1, 5), task(2, 2)], [LinkSpec(1, 2, "FF")]))
    assert (result.tasks[2].start, result.tasks[2].finish) == (at(5, 8), at(6, 17))


def test_finish_to_finish_is_clamped_to_the_project_start() -> None:
    result = schedule(plan([task(1, 1), task(2, 3)], [LinkSpec(1, 2, "FF")]))
    assert result.tasks[2].start == START


def test_start_to_finish() -> None:
    first = task(1, 1, constraint="SNET", constraint_date=at(9, 8))
    result = schedule(plan([first, task(2, 2)], [LinkSpec(1, 2, "SF")]))
    assert result.tasks[1].start == at(9, 8)
    assert (result.tasks[2].start, result.tasks[2].finish) == (at(5, 8), at(6, 17))


def test_lead_moves_the_successor_earlier() -> None:
    result = schedule(plan([task(1, 5), task(2, 2)], [LinkSpec(1, 2, "FS", -DAY)]))
    assert result.tasks[2].start == at(6, 8)


def test_elapsed_lag_counts_the_weekend() -> None:
    two_elapsed_days = 2 * 24 * 60
    result = schedule(
        plan([task(1, 5), task(2, 1)], [LinkSpec(1, 2, "FS", two_elapsed_days, "elapsed")])
    )
    assert result.tasks[2].start == at(9, 8)  # Fri 17:00 + 48 h = Sun 17:00 → Mon 08:00


def test_percent_lag_is_a_share_of_the_predecessor() -> None:
    result = schedule(plan([task(1, 4), task(2, 1)], [LinkSpec(1, 2, "SS", 50, "percent")]))
    assert result.tasks[2].start == at(4, 8)


def test_milestone_sits_at_the_end_of_the_previous_working_time() -> None:
    tasks = [task(1, 3), task(2, 0, milestone=True), task(3, 1)]
    result = schedule(plan(tasks, [LinkSpec(1, 2), LinkSpec(2, 3)]))
    assert result.tasks[2].start == result.tasks[2].finish == at(4, 17)
    assert result.tasks[3].start == at(5, 8)


def test_milestone_at_the_project_start() -> None:
    result = schedule(plan([task(1, 0, milestone=True)], []))
    assert result.tasks[1].start == START


def test_link_to_a_summary_applies_to_its_children() -> None:
    tasks = [
        task(1, 1),
        TaskSpec(id=10, name="Build"),
        task(11, 2, parent=10),
        task(12, 3, parent=10),
        task(13, 1, parent=10),
    ]
    links = [LinkSpec(1, 10), LinkSpec(11, 12)]
    result = schedule(plan(tasks, links))
    assert result.tasks[11].start == at(3, 8)
    assert result.tasks[13].start == at(3, 8)
    assert result.tasks[12].finish == at(9, 17)
    summary = result.tasks[10]
    assert (summary.start, summary.finish) == (at(3, 8), at(9, 17))


def test_link_from_a_summary_waits_for_all_its_children() -> None:
    tasks = [TaskSpec(id=10, name="Design"), task(11, 2, parent=10), task(12, 4, parent=10),
             task(2, 1)]  # fmt: skip
    result = schedule(plan(tasks, [LinkSpec(10, 2)]))
    assert result.tasks[2].start == at(6, 8)
    assert result.tasks[11].total_slack == 2 * DAY


def test_must_start_on_wins_over_links() -> None:
    tasks = [task(1, 5), task(2, 1, constraint="MSO", constraint_date=at(4, 8))]
    result = schedule(plan(tasks, [LinkSpec(1, 2)]))
    assert result.tasks[2].start == at(4, 8)
    assert result.warnings and "MSO" in result.warnings[0]


def test_finish_no_later_than_is_kept_and_the_link_reported() -> None:
    tasks = [task(1, 5), task(2, 2, constraint="FNLT", constraint_date=at(6, 17))]
    result = schedule(plan(tasks, [LinkSpec(1, 2)]))
    assert result.tasks[2].finish == at(6, 17)
    assert result.tasks[1].total_slack < 0  # upstream pays for the violated link
    assert any("FNLT" in warning for warning in result.warnings)


def test_start_no_earlier_than_acts_forward_only() -> None:
    tasks = [task(1, 2, constraint="SNET", constraint_date=at(4, 8)), task(2, 5)]
    result = schedule(plan(tasks, []))
    assert result.tasks[1].start == at(4, 8)
    # Late dates ignore SNET: the task may slip to the project finish.
    assert result.tasks[1].late_finish == at(6, 17)
    assert result.tasks[1].total_slack == DAY


def test_as_late_as_possible_sits_on_its_late_dates() -> None:
    tasks = [task(1, 5), task(2, 2, constraint="ALAP"), task(3, 1)]
    result = schedule(plan(tasks, [LinkSpec(1, 3), LinkSpec(2, 3)]))
    assert (result.tasks[2].start, result.tasks[2].finish) == (at(5, 8), at(6, 17))
    assert result.tasks[2].total_slack == 0


def test_holidays_push_the_finish() -> None:
    ascension = date(2026, 5, 14)
    calendar = CalendarSpec(exceptions={ascension: ()})
    tasks = [task(1, 2, constraint="SNET", constraint_date=datetime(2026, 5, 13, 8))]
    result = schedule(plan(tasks, [], calendar=calendar))
    assert result.tasks[1].finish == datetime(2026, 5, 15, 17)


def test_deadline_sets_late_finish_and_warns() -> None:
    tasks = [task(1, 5, deadline=at(4, 17))]
    result = schedule(plan(tasks, []))
    assert result.tasks[1].late_finish == at(4, 17)
    assert result.tasks[1].total_slack == -2 * DAY
    assert any("deadline" in warning for warning in result.warnings)


def test_actual_dates_fix_the_task() -> None:
    done = task(1, 5, actual_start=at(3, 8), actual_finish=at(10, 17), percent_complete=100)
    result = schedule(plan([done, task(2, 1)], [LinkSpec(1, 2)]))
    assert (result.tasks[1].start, result.tasks[1].finish) == (at(3, 8), at(10, 17))
    assert result.tasks[2].start == at(11, 8)


def test_cycle_is_named() -> None:
    tasks = [task(1, 1), task(2, 1), task(3, 1), task(4, 1)]
    links = [LinkSpec(1, 2), LinkSpec(2, 3), LinkSpec(3, 4), LinkSpec(4, 2)]
    with pytest.raises(CycleError) as caught:
        schedule(plan(tasks, links))
    assert sorted(caught.value.task_ids) == [2, 3, 4]
    assert "T2" in str(caught.value) and "loop" in str(caught.value)


def test_task_calendar() -> None:
    mornings = CalendarSpec(name="Mornings", week=(((480, 720),),) * 5 + ((), ()))
    tasks = [task(1, 1, calendar="Mornings")]
    result = schedule(plan(tasks, [], calendars={"Mornings": mornings}))
    assert result.tasks[1].finish == at(3, 12)  # 8 h of mornings: Mon and Tue 08:00–12:00


def test_portfolio_pass_with_project_starts_and_a_cross_project_link() -> None:
    tasks = [task(1, 5, project=1), task(2, 2, project=2), task(3, 1, project=2)]
    portfolio = plan(tasks, [LinkSpec(1, 3)], project_starts={1: START, 2: at(4, 8)})
    result = schedule(portfolio)
    assert result.tasks[1].start == START
    assert result.tasks[2].start == at(4, 8)  # its own project's start
    assert result.tasks[3].start == at(9, 8)  # after the other project's task


def test_free_slack_runs_to_the_end_of_its_own_project() -> None:
    tasks = [task(1, 2, project=1), task(2, 5, project=2)]
    result = schedule(plan(tasks, [], project_starts={1: START, 2: START}))
    assert result.tasks[1].free_slack == 0  # its own project ends with it
    assert result.tasks[1].critical
