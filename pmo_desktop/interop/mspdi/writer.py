"""Write an MSPDI file that Microsoft Project (and MPXJ) opens: plan, and optionally dates.

Elements follow the MSPDI schema's order. The file appears whole or not at all: it is
written to a temporary file beside the target and moved over it (DESIGN.md §9).
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree
from xml.etree.ElementTree import Element, SubElement

from pmo_desktop.interop.mspdi import values
from pmo_desktop.interop.mspdi.model import (
    CONSTRAINT_CODES,
    DEFAULT_LAG_FORMAT,
    LINK_CODES,
    NAMESPACE,
    MspdiCalendar,
    MspdiImport,
    MspdiLink,
    MspdiTask,
)
from pmo_desktop.scheduling.model import Intervals, ScheduleResult, TaskResult
from pmo_desktop.storage.atomic import atomic_output

_NS = f"{{{NAMESPACE}}}"


def write_mspdi(
    imported: MspdiImport, result: ScheduleResult | None, path: str | os.PathLike[str]
) -> None:
    """Write the plan (and, given a result, its dates, slack and critical flags) to `path`."""
    ElementTree.register_namespace("", NAMESPACE)
    root = _project(imported, result)
    ElementTree.indent(root, space="\t")
    data = ElementTree.tostring(root, encoding="UTF-8", xml_declaration=True)
    _replace_atomically(Path(path), data)


def _replace_atomically(path: Path, data: bytes) -> None:
    with atomic_output(path) as stream:
        stream.write(data)


def _add(parent: Element, name: str, value: object) -> Element | None:
    """Append <name>value</name> in the project namespace (nothing for None)."""
    if value is None:
        return None
    child = SubElement(parent, _NS + name)
    if isinstance(value, bool):
        child.text = "1" if value else "0"
    elif isinstance(value, datetime):
        child.text = values.format_datetime(value)
    elif isinstance(value, float):
        child.text = f"{value:.4f}".rstrip("0").rstrip(".") or "0"
    else:
        child.text = str(value)
    return child


def _project(imported: MspdiImport, result: ScheduleResult | None) -> Element:
    props = imported.properties
    root = Element(_NS + "Project")
    _add(root, "SaveVersion", 14)
    _add(root, "Name", props.name or None)
    _add(root, "Title", props.title or None)
    _add(root, "ScheduleFromStart", props.schedule_from_start)
    _add(root, "StartDate", props.start)
    finish = result.finish if result is not None else props.finish
    _add(root, "FinishDate", finish)
    _add(root, "CurrencySymbol", props.currency_symbol or None)
    _add(root, "CurrencyCode", props.currency_code or None)
    _add(root, "CalendarUID", props.calendar_uid)
    _add(root, "MinutesPerDay", props.minutes_per_day)
    _add(root, "MinutesPerWeek", props.minutes_per_week)
    _add(root, "DaysPerMonth", props.days_per_month)
    _add(root, "StatusDate", props.status_date)
    calendars = SubElement(root, _NS + "Calendars")
    for calendar in imported.calendars.values():
        _calendar(calendars, calendar)
    tasks = SubElement(root, _NS + "Tasks")
    _tasks(tasks, imported, result)
    resources = SubElement(root, _NS + "Resources")
    for position, resource in enumerate(imported.resources):
        element = SubElement(resources, _NS + "Resource")
        _add(element, "UID", resource.uid)
        _add(element, "ID", position)
        _add(element, "Name", resource.name or None)
        # Microsoft Project writes a cost resource as Type 0 with IsCostResource 1.
        _add(element, "Type", 0 if resource.type == 2 else resource.type)
        _add(element, "IsNull", False)
        _add(element, "MaxUnits", float(resource.max_units))
        _add(element, "StandardRate", resource.standard_rate)
        _add(element, "StandardRateFormat", 2)
        _add(element, "CalendarUID", resource.calendar_uid)
        _add(element, "IsCostResource", resource.type == 2)
    assignments = SubElement(root, _NS + "Assignments")
    for assignment in imported.assignments:
        element = SubElement(assignments, _NS + "Assignment")
        _add(element, "UID", assignment.uid)
        _add(element, "TaskUID", assignment.task_uid)
        _add(element, "ResourceUID", assignment.resource_uid)
        _add(element, "ActualWork", values.format_duration(assignment.actual_work))
        _add(element, "Units", float(assignment.units))
        _add(element, "Work", values.format_duration(assignment.work))
    return root


def _working_times(parent: Element, intervals: Intervals) -> None:
    _add(parent, "DayWorking", bool(intervals))
    if intervals:
        times = SubElement(parent, _NS + "WorkingTimes")
        for start, end in intervals:
            item = SubElement(times, _NS + "WorkingTime")
            _add(item, "FromTime", values.format_time(start))
            _add(item, "ToTime", values.format_time(end))


def _calendar(parent: Element, calendar: MspdiCalendar) -> None:
    element = SubElement(parent, _NS + "Calendar")
    _add(element, "UID", calendar.uid)
    _add(element, "Name", calendar.name)
    _add(element, "IsBaseCalendar", calendar.is_base)
    _add(element, "BaseCalendarUID", -1 if calendar.base_uid is None else calendar.base_uid)
    week = dict(calendar.week)
    if calendar.is_base:
        week = {day: calendar.week.get(day, calendar.spec.week[day]) for day in range(7)}
    if week:
        days = SubElement(element, _NS + "WeekDays")
        for weekday in sorted(week, key=lambda day: (day + 1) % 7):
            day = SubElement(days, _NS + "WeekDay")
            _add(day, "DayType", (weekday + 1) % 7 + 1)
            _working_times(day, week[weekday])
    runs = _exception_runs(calendar.exceptions)
    if runs:
        exceptions = SubElement(element, _NS + "Exceptions")
        for number, (first, last, intervals) in enumerate(runs, start=1):
            item = SubElement(exceptions, _NS + "Exception")
            _add(item, "EnteredByOccurrences", False)
            period = SubElement(item, _NS + "TimePeriod")
            _add(period, "FromDate", datetime.combine(first, datetime.min.time()))
            _add(
                period,
                "ToDate",
                datetime.combine(last, datetime.min.time()).replace(hour=23, minute=59),
            )
            _add(item, "Occurrences", (last - first).days + 1)
            _add(item, "Name", f"Exception {number}")
            _add(item, "Type", 1)
            _add(item, "Period", 1)
            _working_times(item, intervals)


def _exception_runs(exceptions: dict[date, Intervals]) -> list[tuple[date, date, Intervals]]:
    """Consecutive days with the same hours, as (first, last, intervals)."""
    runs: list[tuple[date, date, Intervals]] = []
    for day in sorted(exceptions):
        intervals = exceptions[day]
        if runs and runs[-1][1] + timedelta(days=1) == day and runs[-1][2] == intervals:
            runs[-1] = (runs[-1][0], day, intervals)
        else:
            runs.append((day, day, intervals))
    return runs


def _outline_numbers(tasks: list[MspdiTask]) -> dict[int, str]:
    """Outline numbers from the outline levels, for tasks whose file gave none."""
    numbers: dict[int, str] = {}
    counters: list[int] = []
    for task in tasks:
        level = task.outline_level
        if level <= 0:
            numbers[task.uid] = "0"
            continue
        del counters[level:]
        while len(counters) < level:
            counters.append(0)
        counters[level - 1] += 1
        numbers[task.uid] = ".".join(str(count) for count in counters)
    return numbers


def _tasks(parent: Element, imported: MspdiImport, result: ScheduleResult | None) -> None:
    parents = {task.spec.parent for task in imported.tasks}
    numbers = _outline_numbers(imported.tasks)
    incoming: dict[int, list[MspdiLink]] = {}
    for link in imported.links:
        incoming.setdefault(link.spec.successor, []).append(link)
    scheduled = list(result.tasks.values()) if result is not None else []
    for position, task in enumerate(imported.tasks):
        spec = task.spec
        element = SubElement(parent, _NS + "Task")
        _add(element, "UID", spec.id)
        _add(element, "ID", position)
        _add(element, "Name", spec.name or None)
        if task.manual:
            _add(element, "Manual", True)
        _add(element, "Type", task.task_type)
        _add(element, "IsNull", False)
        _add(element, "WBS", task.wbs or numbers[spec.id])
        _add(element, "OutlineNumber", task.outline_number or numbers[spec.id])
        _add(element, "OutlineLevel", task.outline_level)
        _add(element, "Priority", spec.priority)
        dates = _dates(task, result, scheduled)
        _add(element, "Start", dates.get("start"))
        _add(element, "Finish", dates.get("finish"))
        _add(element, "Duration", values.format_duration(spec.duration))
        _add(element, "DurationFormat", task.duration_format or 7)
        _add(element, "Milestone", spec.milestone)
        _add(element, "Summary", task.summary or spec.id in parents)
        _add(element, "Critical", dates.get("critical"))
        for name in ("EarlyStart", "EarlyFinish", "LateStart", "LateFinish"):
            key = "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")
            _add(element, name, dates.get(key))
        for name, key in (("FreeSlack", "free_slack"), ("TotalSlack", "total_slack")):
            slack = dates.get(key)
            _add(element, name, None if slack is None else int(slack) * 10)
        _add(element, "PercentComplete", round(spec.percent_complete))
        _add(element, "ActualStart", spec.actual_start)
        _add(element, "ActualFinish", spec.actual_finish)
        if spec.remaining is not None:
            _add(element, "RemainingDuration", values.format_duration(spec.remaining))
        _add(element, "ConstraintType", CONSTRAINT_CODES[spec.constraint])
        _add(element, "CalendarUID", -1 if task.calendar_uid is None else task.calendar_uid)
        _add(element, "ConstraintDate", spec.constraint_date)
        _add(element, "Deadline", spec.deadline)
        # The engine's delay when it scheduled the task (levelling gives new ones), else
        # the task's own.
        delay = dates.get("levelling_delay", spec.levelling_delay)
        if delay:
            # Tenths of a minute, shown in working days (format 7), as MPXJ's writer does.
            _add(element, "LevelingDelay", int(delay) * 10)
            _add(element, "LevelingDelayFormat", 7)
        _add(element, "IgnoreResourceCalendar", task.ignore_resource_calendar)
        for link in incoming.get(spec.id, []):
            item = SubElement(element, _NS + "PredecessorLink")
            _add(item, "PredecessorUID", link.spec.predecessor)
            _add(item, "Type", LINK_CODES[link.spec.type])
            _add(item, "CrossProject", False)
            lag = link.spec.lag if link.spec.lag_unit == "percent" else link.spec.lag * 10
            _add(item, "LinkLag", lag)
            _add(item, "LagFormat", link.lag_format or DEFAULT_LAG_FORMAT[link.spec.lag_unit])
        for baseline in task.baselines:
            item = SubElement(element, _NS + "Baseline")
            _add(item, "Number", baseline.number)
            _add(item, "Start", baseline.start)
            _add(item, "Finish", baseline.finish)
            if baseline.duration is not None:
                _add(item, "Duration", values.format_duration(baseline.duration))
            if baseline.work is not None:
                _add(item, "Work", values.format_duration(baseline.work))
            _add(item, "Cost", baseline.cost)


def _dates(
    task: MspdiTask, result: ScheduleResult | None, scheduled: list[TaskResult]
) -> dict[str, object]:
    """The dates to write: the engine's when given, else the ones the file was saved with."""
    if result is None:
        saved = task.saved
        return {name: getattr(saved, name) for name in saved.__dataclass_fields__}
    found = result.tasks.get(task.uid)
    if found is not None:
        return {name: getattr(found, name) for name in TaskResult.__slots__}
    if task.outline_level == 0 and scheduled:
        start = min(item.start for item in scheduled)
        finish = max(item.finish for item in scheduled)
        return {
            "start": start,
            "finish": finish,
            "early_start": start,
            "early_finish": finish,
            "late_start": start,
            "late_finish": finish,
            "total_slack": 0,
            "free_slack": 0,
            "critical": False,
        }
    return {}
