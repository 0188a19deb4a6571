"""From an imported MSPDI file to the scheduling engine's input."""

from __future__ import annotations

from dataclasses import replace

from pmo_desktop.errors import InteropError
from pmo_desktop.interop.mspdi.model import MspdiImport
from pmo_desktop.scheduling.model import CalendarSpec, ScheduleInput


def to_schedule_input(imported: MspdiImport) -> ScheduleInput:
    """Tasks (without the project summary, UID 0), links and calendars, ready for `schedule`."""
    props = imported.properties
    tasks = [replace(task.spec) for task in imported.tasks if task.outline_level > 0]
    kept = {task.id for task in tasks}
    project_calendar = imported.calendars.get(props.calendar_uid or -1)
    for task in tasks:
        if task.parent not in kept:
            task.parent = None
        if project_calendar is not None and task.calendar == project_calendar.spec.name:
            task.calendar = None
    links = [
        link.spec
        for link in imported.links
        if link.spec.predecessor in kept and link.spec.successor in kept
    ]
    if project_calendar is not None:
        calendar = project_calendar.spec
    else:
        calendar = CalendarSpec(
            minutes_per_day=props.minutes_per_day,
            minutes_per_week=props.minutes_per_week,
            days_per_month=props.days_per_month,
        )
    start = props.start
    if start is None:
        starts = [task.saved.start for task in imported.tasks if task.saved.start is not None]
        if not starts:
            raise InteropError("The project has no start date, and no task has one either.")
        start = min(starts)
    return ScheduleInput(
        start=start,
        tasks=tasks,
        links=links,
        calendar=calendar,
        calendars={cal.spec.name: cal.spec for cal in imported.calendars.values()},
        status_date=props.status_date,
    )
