"""Read a Microsoft Project XML (MSPDI) file into an `MspdiImport`.

The file is untrusted (DESIGN.md §9): its size is capped before parsing and defusedxml
refuses DTDs, entities and external references. Nothing is dropped silently: whatever
cannot be mapped goes to `MspdiImport.report` with its element and UID.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TypeVar
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeTree
from defusedxml import DefusedXmlException

from pmo_desktop.errors import InteropError
from pmo_desktop.interop.mspdi import values
from pmo_desktop.interop.mspdi.calendars import CalendarReader
from pmo_desktop.interop.mspdi.model import (
    CONSTRAINTS,
    ELAPSED_FORMATS,
    ELAPSED_PERCENT_FORMATS,
    KNOWN_FORMATS,
    LINK_TYPES,
    MAX_FILE_BYTES,
    PERCENT_FORMATS,
    TASK_TYPES,
    WORKING_FORMATS,
    Baseline,
    MspdiAssignment,
    MspdiCalendar,
    MspdiImport,
    MspdiLink,
    MspdiResource,
    MspdiTask,
    ProjectProperties,
    SavedDates,
)
from pmo_desktop.scheduling.model import (
    LagUnit,
    LinkSpec,
    TaskSpec,
)

T = TypeVar("T")


def read_mspdi(source: str | os.PathLike[str] | bytes) -> MspdiImport:
    """Parse an MSPDI file (a path or its bytes); raise InteropError if it cannot be read."""
    data = _load(source)
    try:
        root = SafeTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as error:
        raise InteropError(
            "The file was refused: it declares a DTD, entities or external references, "
            f"which Microsoft Project files never contain ({type(error).__name__})."
        ) from error
    except ParseError as error:
        raise InteropError(
            f"The file is not well-formed XML (truncated or damaged?): {error}."
        ) from error
    namespace, _, local = root.tag[1:].partition("}") if root.tag.startswith("{") else ("", "", "")
    if (local or root.tag) != "Project":
        raise InteropError(
            f"The file is XML but not a Microsoft Project XML file (root element {root.tag!r})."
        )
    return _Reader(namespace).read(root)


def _load(source: str | os.PathLike[str] | bytes) -> bytes:
    if isinstance(source, bytes | bytearray):
        if len(source) > MAX_FILE_BYTES:
            raise InteropError(_too_large(len(source)))
        return bytes(source)
    path = Path(source)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InteropError(_too_large(size))
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise InteropError(f"Cannot read {path}: {error.strerror or error}.") from error
    if len(data) > MAX_FILE_BYTES:
        raise InteropError(_too_large(len(data)))
    return data


def _too_large(size: int) -> str:
    return (
        f"The file is too large to import ({size / 1e6:.0f} MB; "
        f"the limit is {MAX_FILE_BYTES / 1e6:.0f} MB)."
    )


class _Reader(CalendarReader):
    """The whole file: header, calendars, tasks and links, resources, assignments."""

    # -- the file ------------------------------------------------------------------------

    def read(self, root: Element) -> MspdiImport:
        properties = self._properties(root)
        calendars = self._calendars(root, properties)
        if properties.calendar_uid is not None and properties.calendar_uid not in calendars:
            message = f"project calendar {properties.calendar_uid} is missing; standard week used"
            self._note("Project", None, message)
        tasks, links = self._tasks(root, calendars)
        resources = self._resources(root, calendars)
        assignments = self._assignments(root, {task.uid for task in tasks}, resources)
        self.unmapped_report()
        return MspdiImport(properties, calendars, tasks, links, resources, assignments, self.report)

    def _properties(self, root: Element) -> ProjectProperties:
        kind = "Project"
        self._count_unmapped(kind, root)
        props = ProjectProperties(
            name=self._text(root, "Name") or "",
            title=self._text(root, "Title") or "",
            start=self._value(root, "StartDate", values.parse_datetime, kind, None),
            finish=self._value(root, "FinishDate", values.parse_datetime, kind, None),
            status_date=self._value(root, "StatusDate", values.parse_datetime, kind, None),
            currency_code=self._text(root, "CurrencyCode") or "",
            currency_symbol=self._text(root, "CurrencySymbol") or "",
            calendar_uid=self._value(root, "CalendarUID", int, kind, None),
        )
        for name, attribute in (
            ("MinutesPerDay", "minutes_per_day"),
            ("MinutesPerWeek", "minutes_per_week"),
            ("DaysPerMonth", "days_per_month"),
        ):
            number = self._value(root, name, int, kind, None)
            if number is not None and number > 0:
                setattr(props, attribute, number)
        from_start = self._value(root, "ScheduleFromStart", values.parse_bool, kind, None)
        if from_start is False:
            props.schedule_from_start = False
            self._note(
                kind,
                None,
                "scheduled from the finish date; PMO Desktop schedules from the start date",
            )
        return props

    # -- tasks and links -----------------------------------------------------------------

    def _tasks(
        self, root: Element, calendars: dict[int, MspdiCalendar]
    ) -> tuple[list[MspdiTask], list[MspdiLink]]:
        kind = "Task"
        tasks: list[MspdiTask] = []
        pending: list[tuple[int, Element]] = []
        seen: set[int] = set()
        stack: list[tuple[int, int]] = []  # (outline level, uid) of the open ancestors
        for element in self._all(root, "Tasks/Task"):
            uid = self._uid(element, kind)
            if uid is None:
                continue
            if uid in seen:
                self._note(kind, uid, "second task with this UID skipped")
                continue
            if self._value(element, "IsNull", values.parse_bool, kind, uid):
                self._note(kind, uid, "blank task row skipped")
                continue
            seen.add(uid)
            self._count_unmapped(kind, element)
            task = self._task(element, uid, calendars)
            level = task.outline_level
            while stack and stack[-1][0] >= level:
                stack.pop()
            if stack and stack[-1][0] >= 1:
                task.spec.parent = stack[-1][1]
            stack.append((level, uid))
            tasks.append(task)
            pending.extend((uid, link) for link in self._all(element, "PredecessorLink"))
        links = [
            link
            for successor, element in pending
            if (link := self._link(element, successor, seen)) is not None
        ]
        return tasks, links

    def _task(self, element: Element, uid: int, calendars: dict[int, MspdiCalendar]) -> MspdiTask:
        kind = "Task"

        def get(name: str, parse: Callable[[str], T]) -> T | None:
            return self._value(element, name, parse, kind, uid)

        spec = TaskSpec(id=uid, name=self._text(element, "Name") or "")
        level = get("OutlineLevel", int)
        task = MspdiTask(
            spec=spec,
            outline_level=level if level is not None else (0 if uid == 0 else 1),
            outline_number=self._text(element, "OutlineNumber") or "",
            wbs=self._text(element, "WBS") or "",
            summary=bool(get("Summary", values.parse_bool)),
            manual=bool(get("Manual", values.parse_bool)),
            duration_format=get("DurationFormat", int),
            calendar_uid=get("CalendarUID", int),
        )
        spec.milestone = bool(get("Milestone", values.parse_bool))
        spec.duration = get("Duration", values.parse_duration) or 0
        if task.manual and uid != 0:
            self._note(
                kind,
                uid,
                "manually scheduled in Microsoft Project; PMO Desktop schedules it automatically",
            )
        if task.duration_format in ELAPSED_FORMATS:
            self._note(
                kind,
                uid,
                f"elapsed duration (format {task.duration_format}) is scheduled as working time",
            )
        elif task.duration_format is not None and task.duration_format not in KNOWN_FORMATS:
            self._note(kind, uid, f"unknown DurationFormat {task.duration_format}")
        code = get("ConstraintType", int)
        if code is not None:
            if code in CONSTRAINTS:
                spec.constraint = CONSTRAINTS[code]
            else:
                self._note(kind, uid, f"unknown ConstraintType {code}; scheduled as ASAP")
        if spec.constraint not in ("ASAP", "ALAP"):
            spec.constraint_date = get("ConstraintDate", values.parse_datetime)
            if spec.constraint_date is None:
                self._note(
                    kind,
                    uid,
                    f"{spec.constraint} constraint without a ConstraintDate; scheduled as ASAP",
                )
                spec.constraint = "ASAP"
        spec.deadline = get("Deadline", values.parse_datetime)
        priority = get("Priority", int)
        if priority is not None:
            spec.priority = priority
        spec.percent_complete = float(get("PercentComplete", values.parse_decimal) or 0)
        spec.actual_start = get("ActualStart", values.parse_datetime)
        spec.actual_finish = get("ActualFinish", values.parse_datetime)
        if spec.actual_start is not None or spec.percent_complete:
            spec.remaining = get("RemainingDuration", values.parse_duration)
        self._levelling_delay(element, task)
        task.task_type = get("Type", int)
        if task.task_type is not None and task.task_type not in TASK_TYPES:
            self._note(kind, uid, f"unknown Type {task.task_type}; scheduled as fixed units")
        task.ignore_resource_calendar = get("IgnoreResourceCalendar", values.parse_bool)
        if task.calendar_uid is not None and task.calendar_uid >= 0:
            calendar = calendars.get(task.calendar_uid)
            if calendar is None:
                self._note(
                    kind,
                    uid,
                    f"calendar {task.calendar_uid} is missing; the project calendar is used",
                )
                task.calendar_uid = None
            else:
                spec.calendar = calendar.spec.name
        else:
            task.calendar_uid = None
        if task.ignore_resource_calendar and task.calendar_uid is None and uid != 0:
            self._note(
                kind,
                uid,
                "IgnoreResourceCalendar not used: the task has no calendar "
                "of its own (Microsoft Project ignores it too); kept for export",
            )
        task.saved = SavedDates(
            start=get("Start", values.parse_datetime),
            finish=get("Finish", values.parse_datetime),
            early_start=get("EarlyStart", values.parse_datetime),
            early_finish=get("EarlyFinish", values.parse_datetime),
            late_start=get("LateStart", values.parse_datetime),
            late_finish=get("LateFinish", values.parse_datetime),
            total_slack=_tenths(get("TotalSlack", values.parse_decimal)),
            free_slack=_tenths(get("FreeSlack", values.parse_decimal)),
            critical=get("Critical", values.parse_bool),
        )
        for item in self._all(element, "Baseline"):
            self._count_unmapped("Baseline", item)
            number = self._value(item, "Number", int, kind, uid)
            if number is None:
                self._note(kind, uid, "baseline without a Number ignored")
                continue
            cost = self._value(item, "Cost", values.parse_decimal, kind, uid)
            task.baselines.append(
                Baseline(
                    number=number,
                    start=self._value(item, "Start", values.parse_datetime, kind, uid),
                    finish=self._value(item, "Finish", values.parse_datetime, kind, uid),
                    duration=self._value(item, "Duration", values.parse_duration, kind, uid),
                    work=self._value(item, "Work", values.parse_duration, kind, uid),
                    cost=cost,
                )
            )
        return task

    def _levelling_delay(self, element: Element, task: MspdiTask) -> None:
        """`LevelingDelay` (tenths of a minute) in working minutes, or kept apart as elapsed
        minutes when its `LevelingDelayFormat` is elapsed (converted at the task's start)."""
        uid = task.uid
        raw = self._value(element, "LevelingDelay", values.parse_decimal, "Task", uid)
        delay = _tenths(raw) or 0
        if delay <= 0:
            return
        delay_format = self._value(element, "LevelingDelayFormat", int, "Task", uid)
        if delay_format in ELAPSED_FORMATS:
            task.elapsed_levelling_delay = delay
            return
        if delay_format is not None and delay_format not in WORKING_FORMATS:
            self._note("Task", uid, f"LevelingDelayFormat {delay_format} read as working time")
        task.spec.levelling_delay = delay

    def _link(self, element: Element, successor: int, known: set[int]) -> MspdiLink | None:
        kind = "PredecessorLink"
        self._count_unmapped(kind, element)
        predecessor = self._value(element, "PredecessorUID", int, kind, successor)
        where = f"link {predecessor} → {successor}"
        if predecessor is None:
            self._note(kind, successor, "link without a PredecessorUID ignored")
            return None
        if self._value(element, "CrossProject", values.parse_bool, kind, successor):
            self._note(kind, successor, f"{where} comes from another project; not imported")
            return None
        if predecessor not in known or predecessor == 0 or successor == 0:
            self._note(kind, successor, f"{where} names a task that is not imported; ignored")
            return None
        code = self._value(element, "Type", int, kind, successor)
        if code is None:
            code = 1
        if code not in LINK_TYPES:
            self._note(kind, successor, f"{where} has unknown Type {code}; ignored")
            return None
        lag_format = self._value(element, "LagFormat", int, kind, successor)
        raw = self._value(element, "LinkLag", values.parse_decimal, kind, successor) or Decimal(0)
        unit: LagUnit = "working"
        if lag_format in PERCENT_FORMATS or lag_format in ELAPSED_PERCENT_FORMATS:
            unit, lag = "percent", int(raw.to_integral_value())
            if lag_format in ELAPSED_PERCENT_FORMATS:
                self._note(kind, successor, f"{where}: elapsed-percent lag read as percent")
        else:
            lag = _tenths(raw) or 0
            if lag_format in ELAPSED_FORMATS:
                unit = "elapsed"
            elif lag_format is not None and lag_format not in KNOWN_FORMATS:
                self._note(
                    kind,
                    successor,
                    f"{where}: unknown LagFormat {lag_format}; lag read as working time",
                )
        spec = LinkSpec(predecessor, successor, LINK_TYPES[code], lag, unit)
        return MspdiLink(spec, lag_format)

    # -- resources and assignments -------------------------------------------------------

    def _resources(self, root: Element, calendars: dict[int, MspdiCalendar]) -> list[MspdiResource]:
        kind = "Resource"
        resources: list[MspdiResource] = []
        for element in self._all(root, "Resources/Resource"):
            uid = self._uid(element, kind)
            if uid is None:
                continue
            if self._value(element, "IsNull", values.parse_bool, kind, uid):
                self._note(kind, uid, "blank resource row skipped")
                continue
            self._count_unmapped(kind, element)
            resource = MspdiResource(uid=uid, name=self._text(element, "Name") or "")
            rtype = self._value(element, "Type", int, kind, uid)
            if self._value(element, "IsCostResource", values.parse_bool, kind, uid):
                rtype = 2
            if rtype is not None:
                resource.type = rtype
            units = self._value(element, "MaxUnits", values.parse_decimal, kind, uid)
            if units is not None:
                resource.max_units = float(units)
            rate = self._value(element, "StandardRate", values.parse_decimal, kind, uid)
            if rate is not None:
                resource.standard_rate = rate
            calendar = self._value(element, "CalendarUID", int, kind, uid)
            if calendar is not None and calendar >= 0 and calendar not in calendars:
                self._note(kind, uid, f"calendar {calendar} is missing; ignored")
                calendar = None
            resource.calendar_uid = calendar if calendar is not None and calendar >= 0 else None
            resources.append(resource)
        return resources

    def _assignments(
        self, root: Element, task_uids: set[int], resources: list[MspdiResource]
    ) -> list[MspdiAssignment]:
        kind = "Assignment"
        resource_uids = {resource.uid for resource in resources}
        assignments: list[MspdiAssignment] = []
        for element in self._all(root, "Assignments/Assignment"):
            uid = self._uid(element, kind)
            if uid is None:
                continue
            task = self._value(element, "TaskUID", int, kind, uid)
            resource = self._value(element, "ResourceUID", int, kind, uid)
            if task is None or resource is None or task not in task_uids:
                self._note(
                    kind,
                    uid,
                    f"assignment of resource {resource} to task {task} names "
                    "a task that is not imported; ignored",
                )
                continue
            if resource not in resource_uids and resource != -65535:
                self._note(kind, uid, f"assignment names an unknown resource {resource}; ignored")
                continue
            self._count_unmapped(kind, element)
            units = self._value(element, "Units", values.parse_decimal, kind, uid)
            assignments.append(
                MspdiAssignment(
                    uid=uid,
                    task_uid=task,
                    resource_uid=resource,
                    units=float(units) if units is not None else 1.0,
                    work=self._value(element, "Work", values.parse_duration, kind, uid) or 0,
                    actual_work=self._value(element, "ActualWork", values.parse_duration, kind, uid)
                    or 0,
                )
            )
        return assignments


def _tenths(value: Decimal | None) -> int | None:
    """Tenths of a minute (MSPDI's slack and lag unit) → whole minutes."""
    return None if value is None else int((value / 10).to_integral_value())
