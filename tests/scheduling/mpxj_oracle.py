"""Test oracle: schedule a plain `ScheduleInput` with MPXJ's `MicrosoftScheduler`.

MPXJ (PyPI `mpxj`, a Java library driven through JPype) reproduces Microsoft Project's
scheduling (DESIGN.md §4); our engine's results are compared with what this returns.
Test-only: it needs Java and the `mpxj` and `JPype1` packages, which the app never does.

Translation (one MPXJ `ProjectFile` per call):
- calendars: `ScheduleInput.calendar` is the project's default calendar, every entry of
  `ScheduleInput.calendars` another base calendar; weekday intervals and dated exceptions
  as given (an end minute of 1440 is midnight), minutes per day/week/month on each;
- durations and working lags in MPXJ `MINUTES`, elapsed lags in `ELAPSED_MINUTES`,
  percent lags in `PERCENT` (of the predecessor's duration), so MPXJ's slack comes back
  in minutes and no day conversion rounds anything;
- a leaf task of zero duration is a milestone, as Microsoft Project makes it;
- summary tasks are the tasks some other task names as `parent`, created before their
  children (`parent.addTask()`); their duration is MPXJ's roll-up;
- a task's work spans (`TaskSpec.spans`) become fixed-units assignments at 100 % of one
  work resource each, whose calendar is the span's (none: the task's), with the span's
  minutes (or the task's duration) as work;
- a task's levelling delay (working minutes) becomes its `LevelingDelay` in MPXJ
  `ELAPSED_MINUTES`: the elapsed time it spans from the project start. MPXJ's scheduler
  reads every LevelingDelay as elapsed time (it maps MINUTES to ELAPSED_MINUTES) and adds
  it only to a task without predecessors, placed from the project start.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from pmo_desktop.scheduling.calendar import WorkingCalendar
from pmo_desktop.scheduling.model import CalendarSpec, ScheduleInput, TaskSpec

#: What the `mpxj_oracle` fixture is: ScheduleInput → {task id: {field: value}}.
Oracle = Callable[[ScheduleInput], dict[int, dict[str, object]]]

#: Result keys, per task id.
FIELDS = (
    "start",
    "finish",
    "early_start",
    "early_finish",
    "late_start",
    "late_finish",
    "total_slack",
    "free_slack",
    "critical",
)

_CONSTRAINTS = {
    "ASAP": "AS_SOON_AS_POSSIBLE",
    "ALAP": "AS_LATE_AS_POSSIBLE",
    "SNET": "START_NO_EARLIER_THAN",
    "SNLT": "START_NO_LATER_THAN",
    "FNET": "FINISH_NO_EARLIER_THAN",
    "FNLT": "FINISH_NO_LATER_THAN",
    "MSO": "MUST_START_ON",
    "MFO": "MUST_FINISH_ON",
}
_RELATIONS = {
    "FS": "FINISH_START",
    "SS": "START_START",
    "FF": "FINISH_FINISH",
    "SF": "START_FINISH",
}
_LAG_UNITS = {"working": "MINUTES", "elapsed": "ELAPSED_MINUTES", "percent": "PERCENT"}
_WEEKDAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")


class MpxjOracleError(RuntimeError):
    """MPXJ refused the schedule (a cycle, a missing value...)."""


def unavailable_reason() -> str | None:
    """Why the oracle cannot run here (no Java, no mpxj/JPype1), or None when it can."""
    try:
        import jpype  # noqa: F401
        import mpxj  # noqa: F401
    except ImportError as error:
        return f"MPXJ oracle needs the `mpxj` and `JPype1` packages: {error}"
    if not _jvm_started() and not _java_found():
        return "MPXJ oracle needs Java (no `java` on PATH, no JAVA_HOME, no libjvm found)"
    return None


def _java_found() -> bool:
    import jpype

    if shutil.which("java"):
        return True
    try:
        jpype.getDefaultJVMPath()
    except Exception:
        return False
    return True


def _jvm_started() -> bool:
    try:
        import jpype
    except ImportError:
        return False
    return bool(jpype.isJVMStarted())


def start_jvm() -> None:
    """Start the JVM once per process, with MPXJ's jars on the class path.

    `import mpxj` only adds its bundled jars (mpxj/lib/*.jar) to JPype's class path; the
    JVM starts here. A JVM can start only once per process, so if something else started
    it without MPXJ on its class path, the first MPXJ import below fails loudly.
    """
    import jpype
    import mpxj  # noqa: F401  (adds the jars to the class path)

    if not jpype.isJVMStarted():
        jpype.startJVM(convertStrings=False)


def _java() -> Any:
    """The Java classes the translation uses, as a namespace."""
    start_jvm()
    import jpype

    class _J:
        Integer = jpype.JClass("java.lang.Integer")
        LocalDate = jpype.JClass("java.time.LocalDate")
        LocalDateTime = jpype.JClass("java.time.LocalDateTime")
        LocalTime = jpype.JClass("java.time.LocalTime")
        DayOfWeek = jpype.JClass("java.time.DayOfWeek")
        ProjectFile = jpype.JClass("org.mpxj.ProjectFile")
        Duration = jpype.JClass("org.mpxj.Duration")
        TimeUnit = jpype.JClass("org.mpxj.TimeUnit")
        DayType = jpype.JClass("org.mpxj.DayType")
        LocalTimeRange = jpype.JClass("org.mpxj.LocalTimeRange")
        ConstraintType = jpype.JClass("org.mpxj.ConstraintType")
        RelationType = jpype.JClass("org.mpxj.RelationType")
        RelationBuilder = jpype.JClass("org.mpxj.Relation$Builder")
        Priority = jpype.JClass("org.mpxj.Priority")
        ResourceType = jpype.JClass("org.mpxj.ResourceType")
        TaskType = jpype.JClass("org.mpxj.TaskType")
        MicrosoftScheduler = jpype.JClass("org.mpxj.cpm.MicrosoftScheduler")
        JException = jpype.JException

    return _J


def schedule_with_mpxj(schedule: ScheduleInput) -> dict[int, dict[str, object]]:
    """Schedule `schedule` with MPXJ's MicrosoftScheduler; results per task id.

    Each task's dict has the keys of `FIELDS`: the six dates as naive datetimes (None if
    MPXJ left one unset; seconds kept, as a percent lag can give fractional minutes),
    `total_slack` and `free_slack` in working minutes (rounded to the minute; None if
    unset), and `critical` (bool).
    """
    j = _java()
    project = j.ProjectFile()
    props = project.getProjectProperties()
    default = schedule.calendar
    _set_project_units(j, props, default)
    props.setStartDate(_to_java(j, schedule.start))
    if schedule.status_date is not None:
        props.setStatusDate(_to_java(j, schedule.status_date))
    props.setCriticalSlackLimit(j.Duration.getInstance(int(schedule.critical_slack), _unit(j)))

    calendars = {default.name: _add_calendar(j, project, default)}
    project.setDefaultCalendar(calendars[default.name])
    for name, spec in schedule.calendars.items():
        if name not in calendars:
            calendars[name] = _add_calendar(j, project, spec)

    specs = {task.id: task for task in schedule.tasks}
    children: dict[int | None, list[TaskSpec]] = {}
    for task in schedule.tasks:
        parent = task.parent if task.parent in specs else None
        children.setdefault(parent, []).append(task)

    java_tasks: dict[int, Any] = {}

    def create(container: Any, task: TaskSpec) -> None:
        java_task = container.addTask()
        java_tasks[task.id] = java_task
        kids = children.get(task.id, [])
        _fill_task(j, java_task, task, calendars, summary=bool(kids))
        if task.levelling_delay and not kids:
            minutes = elapsed_delay(schedule, task)
            java_task.setLevelingDelay(j.Duration.getInstance(minutes, j.TimeUnit.ELAPSED_MINUTES))
        if task.spans and not kids:
            _assign(j, project, java_task, task, calendars)
        for kid in kids:
            create(java_task, kid)

    for task in children.get(None, []):
        create(project, task)

    for link in schedule.links:
        builder = (
            j.RelationBuilder()
            .predecessorTask(java_tasks[link.predecessor])
            .type(getattr(j.RelationType, _RELATIONS[link.type]))
            .lag(
                j.Duration.getInstance(
                    float(link.lag), getattr(j.TimeUnit, _LAG_UNITS[link.lag_unit])
                )
            )
        )
        java_tasks[link.successor].addPredecessor(builder)

    try:
        j.MicrosoftScheduler().schedule(project, _to_java(j, schedule.start))
    except j.JException as error:
        raise MpxjOracleError(str(error)) from error

    return {task_id: _read_task(j, props, java_task) for task_id, java_task in java_tasks.items()}


def _unit(j: Any) -> Any:
    return j.TimeUnit.MINUTES


def _set_project_units(j: Any, props: Any, spec: CalendarSpec) -> None:
    props.setMinutesPerDay(j.Integer.valueOf(spec.minutes_per_day))
    props.setMinutesPerWeek(j.Integer.valueOf(spec.minutes_per_week))
    props.setDaysPerMonth(j.Integer.valueOf(spec.days_per_month))
    props.setMinutesPerMonth(j.Integer.valueOf(spec.minutes_per_day * spec.days_per_month))


def _add_calendar(j: Any, project: Any, spec: CalendarSpec) -> Any:
    calendar = project.addCalendar()
    calendar.setName(spec.name)
    for weekday, intervals in zip(_WEEKDAYS, spec.week, strict=True):
        day = getattr(j.DayOfWeek, weekday)
        if intervals:
            calendar.setCalendarDayType(day, j.DayType.WORKING)
            hours = calendar.addCalendarHours(day)
            for start, end in intervals:
                hours.add(j.LocalTimeRange(_time(j, start), _time(j, end)))
        else:
            calendar.setCalendarDayType(day, j.DayType.NON_WORKING)
    for day_date, intervals in sorted(spec.exceptions.items()):
        exception = calendar.addCalendarException(_date_to_java(j, day_date))
        for start, end in intervals:
            exception.add(j.LocalTimeRange(_time(j, start), _time(j, end)))
    calendar.setCalendarMinutesPerDay(j.Integer.valueOf(spec.minutes_per_day))
    calendar.setCalendarMinutesPerWeek(j.Integer.valueOf(spec.minutes_per_week))
    calendar.setCalendarMinutesPerMonth(
        j.Integer.valueOf(spec.minutes_per_day * spec.days_per_month)
    )
    return calendar


def elapsed_delay(schedule: ScheduleInput, task: TaskSpec) -> int:
    """A task's working-minute levelling delay as the elapsed minutes it spans from the
    project start (MPXJ's scheduler delays only a task without predecessors, from there)."""
    spec = schedule.calendars[task.calendar] if task.calendar else schedule.calendar
    calendar = WorkingCalendar(spec, schedule.start.date())
    base = calendar.next_start(schedule.start)
    after = calendar.offset(base) + task.levelling_delay
    # A milestone lands at the end of working time, a task at the start of the next one.
    moment = calendar.finish_at(after) if not task.duration else calendar.start_at(after)
    return round((moment - base).total_seconds() / 60)


def _fill_task(
    j: Any, java_task: Any, task: TaskSpec, calendars: dict[str, Any], *, summary: bool
) -> None:
    java_task.setName(task.name or f"Task {task.id}")
    java_task.setPriority(j.Priority.getInstance(int(task.priority)))
    if task.calendar is not None:
        java_task.setCalendar(calendars[task.calendar])
    if summary:
        java_task.setSummary(True)
        return
    java_task.setMilestone(task.milestone or task.duration == 0)
    duration = task.duration
    remaining = task.remaining
    if remaining is None:
        remaining = (
            0
            if task.actual_finish is not None
            else round(duration * (100.0 - task.percent_complete) / 100.0)
        )
    actual = max(duration - remaining, 0)
    java_task.setDuration(j.Duration.getInstance(int(duration), _unit(j)))
    java_task.setActualDuration(j.Duration.getInstance(int(actual), _unit(j)))
    java_task.setRemainingDuration(j.Duration.getInstance(int(remaining), _unit(j)))
    java_task.setPercentageComplete(float(task.percent_complete))
    if task.actual_start is not None:
        java_task.setActualStart(_to_java(j, task.actual_start))
    if task.actual_finish is not None:
        java_task.setActualFinish(_to_java(j, task.actual_finish))
    java_task.setConstraintType(getattr(j.ConstraintType, _CONSTRAINTS[task.constraint]))
    if task.constraint_date is not None:
        java_task.setConstraintDate(_to_java(j, task.constraint_date))
    if task.deadline is not None:
        java_task.setDeadline(_to_java(j, task.deadline))


def _assign(
    j: Any, project: Any, java_task: Any, task: TaskSpec, calendars: dict[str, Any]
) -> None:
    java_task.setType(j.TaskType.FIXED_UNITS)
    for span in task.spans:
        resource = project.addResource()
        resource.setName(f"{span.calendar or 'task calendar'} on {task.id}")
        resource.setType(j.ResourceType.WORK)
        if span.calendar is not None:
            resource.setCalendar(calendars[span.calendar])
        minutes = task.duration if span.minutes is None else span.minutes
        assignment = java_task.addResourceAssignment(resource)
        assignment.setUnits(j.Integer.valueOf(100))
        assignment.setWork(j.Duration.getInstance(int(minutes), _unit(j)))
        assignment.setActualWork(j.Duration.getInstance(0, _unit(j)))
        assignment.setRemainingWork(j.Duration.getInstance(int(minutes), _unit(j)))


def _read_task(j: Any, props: Any, java_task: Any) -> dict[str, object]:
    return {
        "start": _from_java(java_task.getStart()),
        "finish": _from_java(java_task.getFinish()),
        "early_start": _from_java(java_task.getEarlyStart()),
        "early_finish": _from_java(java_task.getEarlyFinish()),
        "late_start": _from_java(java_task.getLateStart()),
        "late_finish": _from_java(java_task.getLateFinish()),
        "total_slack": _minutes(j, props, java_task.getTotalSlack()),
        "free_slack": _minutes(j, props, java_task.getFreeSlack()),
        "critical": bool(java_task.getCritical()),
    }


def _minutes(j: Any, props: Any, duration: Any) -> int | None:
    """A Duration in working minutes (MPXJ gives slack in the task's duration units)."""
    if duration is None:
        return None
    if duration.getUnits() != j.TimeUnit.MINUTES:
        duration = duration.convertUnits(j.TimeUnit.MINUTES, props)
    return round(float(duration.getDuration()))


def _time(j: Any, minute: int) -> Any:
    if minute >= 24 * 60:
        return j.LocalTime.MIDNIGHT
    return j.LocalTime.of(minute // 60, minute % 60)


def _date_to_java(j: Any, value: date) -> Any:
    return j.LocalDate.of(value.year, value.month, value.day)


def _to_java(j: Any, value: datetime) -> Any:
    return j.LocalDateTime.of(value.year, value.month, value.day, value.hour, value.minute)


def _from_java(value: Any) -> datetime | None:
    if value is None:
        return None
    return datetime(
        value.getYear(),
        value.getMonthValue(),
        value.getDayOfMonth(),
        value.getHour(),
        value.getMinute(),
        value.getSecond(),
    )
