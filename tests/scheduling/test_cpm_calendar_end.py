"""A plan that ends where its calendar's working time ends.

The results are built a field at a time (every offset converted as a start and as a
finish); a milestone at the last working minute of a calendar has no "next start", so
the engine converts only what each task shows, as it always did, and schedules it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from pmo_desktop.scheduling.cpm import schedule
from pmo_desktop.scheduling.incremental import IncrementalScheduler
from pmo_desktop.scheduling.model import CalendarSpec, LinkSpec, ScheduleInput, TaskSpec

DAY = ((8 * 60, 12 * 60), (13 * 60, 17 * 60))


def _plan() -> ScheduleInput:
    # Working time only from Monday 5 to Friday 9 January 2026 (no working weekdays).
    exceptions = {date(2026, 1, 5) + timedelta(days=offset): DAY for offset in range(5)}
    calendar = CalendarSpec(name="One week", week=((),) * 7, exceptions=exceptions)
    tasks = [
        TaskSpec(1, "Build", duration=5 * 480),
        TaskSpec(2, "Handover", milestone=True),
        TaskSpec(3, "Check", duration=480),
    ]
    links = [LinkSpec(1, 2), LinkSpec(3, 2)]
    return ScheduleInput(datetime(2026, 1, 5, 8, 0), tasks, links, calendar=calendar)


def test_a_milestone_on_the_last_working_minute_is_scheduled() -> None:
    result = schedule(_plan())

    friday_evening = datetime(2026, 1, 9, 17, 0)
    handover = result.tasks[2]
    assert (handover.start, handover.finish) == (friday_evening, friday_evening)
    assert (handover.late_start, handover.late_finish) == (friday_evening, friday_evening)
    assert handover.critical and handover.driving_predecessor == 1
    build = result.tasks[1]
    assert (build.start, build.finish) == (datetime(2026, 1, 5, 8, 0), friday_evening)
    check = result.tasks[3]
    assert check.finish == datetime(2026, 1, 5, 17, 0)
    assert check.late_start == datetime(2026, 1, 9, 8, 0)
    assert check.total_slack == 4 * 480 and not check.critical
    assert result.finish == friday_evening


def test_the_same_plan_updated_edit_by_edit_equals_a_full_schedule() -> None:
    engine = IncrementalScheduler(_plan())
    changes = engine.set_duration(3, 2 * 480)

    assert changes[3].finish == datetime(2026, 1, 6, 17, 0)
    assert engine.result.tasks == schedule(_plan_with_check_of(2 * 480)).tasks


def _plan_with_check_of(minutes: int) -> ScheduleInput:
    plan = _plan()
    plan.tasks[2].duration = minutes
    return plan
