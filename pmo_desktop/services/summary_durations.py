"""The duration of a summary task: the working time between the start and the finish its
subtasks give it, as Microsoft Project shows it (a summary's duration is never typed in).

The engine rolls a summary's dates up from its subtasks; the reschedules store its
duration beside them so that the Gantt table, the exports and the board pack read a
current figure instead of the 0 a summary made by indenting (or from a template) had.
"""

from __future__ import annotations

from collections.abc import Container

from pmo_desktop.scheduling.calendar import WorkingCalendar
from pmo_desktop.scheduling.model import ScheduleInput, ScheduleResult


def summary_durations(
    plan: ScheduleInput, result: ScheduleResult, among: Container[int] | None = None
) -> dict[int, int]:
    """Working minutes from start to finish of each summary task of the plan (of those in
    `among`, when given), on the summary's calendar (its project's unless it has its own)."""
    parents = {task.parent for task in plan.tasks if task.parent is not None}
    calendars: dict[str | None, WorkingCalendar] = {}
    found: dict[int, int] = {}
    for task in plan.tasks:
        if task.id not in parents or (among is not None and task.id not in among):
            continue
        calendar = calendars.get(task.calendar)
        if calendar is None:
            spec = plan.calendars.get(task.calendar, plan.calendar) if task.calendar else None
            calendar = WorkingCalendar(spec or plan.calendar, plan.start.date())
            calendars[task.calendar] = calendar
        outcome = result.tasks[task.id]
        found[task.id] = max(0, calendar.working_minutes(outcome.start, outcome.finish))
    return found
