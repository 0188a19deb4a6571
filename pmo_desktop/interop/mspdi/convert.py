"""From an imported MSPDI file to the scheduling engine's input."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from pmo_desktop.errors import InteropError
from pmo_desktop.interop.mspdi.model import FIXED_DURATION, MspdiImport, ReportEntry
from pmo_desktop.scheduling.calendar import WorkingCalendar
from pmo_desktop.scheduling.cpm import SchedulingError, schedule
from pmo_desktop.scheduling.model import CalendarSpec, ScheduleInput, TaskSpec, WorkSpan

#: Schedules run to settle elapsed levelling delays along chains of delayed tasks.
_DELAY_PASSES = 6

#: Resource Type of a work resource (0 is material, 2 cost): only work resources drive dates.
WORK_RESOURCE = 1


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
    _add_work_spans(imported, tasks, None if project_calendar is None else project_calendar.spec)
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
    plan = ScheduleInput(
        start=start,
        tasks=tasks,
        links=links,
        calendar=calendar,
        calendars={cal.spec.name: cal.spec for cal in imported.calendars.values()},
        status_date=props.status_date,
    )
    elapsed = {
        task.uid: task.elapsed_levelling_delay
        for task in imported.tasks
        if task.elapsed_levelling_delay and task.uid in kept
    }
    if elapsed:
        _working_delays(plan, elapsed)
    return plan


def levelling_delays(imported: MspdiImport) -> dict[int, int]:
    """Task UID → levelling delay in working minutes (elapsed ones converted at the task's
    start, see `to_schedule_input`), for the tasks that have one."""
    if any(task.elapsed_levelling_delay for task in imported.tasks):
        try:
            tasks = to_schedule_input(imported).tasks
        except InteropError:
            tasks = [task.spec for task in imported.tasks]
    else:
        tasks = [task.spec for task in imported.tasks]
    return {task.id: task.levelling_delay for task in tasks if task.levelling_delay}


def _working_delays(plan: ScheduleInput, elapsed: dict[int, int]) -> None:
    """Elapsed levelling delays as working minutes: the working time of the task's
    calendar between its start without the delay and that instant plus the elapsed
    minutes (3 edays from a Friday start: the Monday, 1 working day). The start depends on
    the delays of predecessors, so the plan is scheduled until the conversion settles."""
    by_id = {task.id: task for task in plan.tasks}
    origin = plan.start.date()
    calendars = {None: WorkingCalendar(plan.calendar, origin)} | {
        name: WorkingCalendar(spec, origin) for name, spec in plan.calendars.items()
    }
    for _ in range(_DELAY_PASSES):
        try:
            result = schedule(plan)
        except SchedulingError:
            # Not schedulable as given (the caller will say why): a day per elapsed day.
            for uid, minutes in elapsed.items():
                per_day = plan.calendar.minutes_per_day
                by_id[uid].levelling_delay = round(minutes * per_day / 1440)
            return
        settled = True
        for uid, minutes in elapsed.items():
            task = by_id[uid]
            calendar = calendars.get(task.calendar, calendars[None])
            found = result.tasks[uid]
            before = calendar.start_at(calendar.offset(found.start) - found.levelling_delay)
            working = calendar.offset(before + timedelta(minutes=minutes)) - calendar.offset(before)
            if working != task.levelling_delay:
                task.levelling_delay, settled = max(working, 0), False
        if settled:
            return


def _add_work_spans(
    imported: MspdiImport, tasks: list[TaskSpec], project_calendar: CalendarSpec | None
) -> None:
    """Microsoft Project schedules a task with work resources on their calendars: each
    assignment lasts its work divided by its units; the task spans them all. Not a
    fixed-duration task (MPXJ's scheduler too), nor one that ignores its resources'
    calendars for a calendar of its own: these keep their duration on their calendar."""
    own_time = {
        task.uid
        for task in imported.tasks
        if task.task_type == FIXED_DURATION
        or (task.ignore_resource_calendar and task.calendar_uid is not None)
    }
    resources = {resource.uid: resource for resource in imported.resources}
    names = {uid: calendar.spec.name for uid, calendar in imported.calendars.items()}
    spans: dict[int, list[WorkSpan]] = {}
    for assignment in imported.assignments:
        resource = resources.get(assignment.resource_uid)
        if (
            resource is None
            or resource.type != WORK_RESOURCE
            or assignment.units <= 0
            or assignment.task_uid in own_time
        ):
            continue
        calendar = names.get(resource.calendar_uid) if resource.calendar_uid is not None else None
        minutes = round(assignment.work / assignment.units)
        spans.setdefault(assignment.task_uid, []).append(WorkSpan(calendar, minutes))
    project = None if project_calendar is None else project_calendar.name
    summaries = {task.parent for task in tasks}
    for task in tasks:
        found = spans.get(task.id)
        if not found or task.id in summaries or task.milestone or task.duration <= 0:
            continue
        own = task.calendar or project
        if all(span.calendar in (None, own) and span.minutes == task.duration for span in found):
            continue  # the plain schedule already says it
        task.spans = tuple(found)


def not_stored_in_database(imported: MspdiImport) -> list[ReportEntry]:
    """What a database import cannot keep of the task fields the file-to-file path maps
    (the database has no column for them): one entry counting the elements carrying
    each, in the reader's "fields not imported" style."""
    counts = {
        "IgnoreResourceCalendar": sum(
            1 for task in imported.tasks if task.ignore_resource_calendar is not None
        ),
        "Type": sum(1 for task in imported.tasks if task.task_type is not None),
    }
    fields = ", ".join(f"{name} ({count})" for name, count in counts.items() if count)
    if not fields:
        return []
    message = f"fields not stored in the database (elements carrying them): {fields}"
    return [ReportEntry("Task", None, message)]
