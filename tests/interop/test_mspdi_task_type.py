"""MSPDI task Type (fixed units / duration / work) and IgnoreResourceCalendar.

Both are read into the model, written back as read, and used as Microsoft Project does
for dates: a fixed-duration task keeps its duration on its own calendar, whatever its
resources' calendars (MPXJ's MicrosoftScheduler, checked on the real `sample1` file); a
task that ignores its resources' calendars for a calendar of its own does too (MS
Project's documented rule: MPXJ does not model it). Fixed units and fixed work schedule
alike: effort-driven recalculation (duration from work when assignments change) is out of
scope, as the durations in the file are the authority.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from pmo_desktop.interop.mspdi import (
    not_stored_in_database,
    read_mspdi,
    to_schedule_input,
    write_mspdi,
)
from pmo_desktop.scheduling.cpm import schedule

NS = "http://schemas.microsoft.com/project"


def _task(uid: int, extra: str = "", calendar: int = -1) -> str:
    return (
        f"<Task><UID>{uid}</UID><ID>{uid}</ID><Name>T{uid}</Name>{extra}"
        f"<OutlineLevel>1</OutlineLevel><Duration>PT16H0M0S</Duration>"
        f"<CalendarUID>{calendar}</CalendarUID></Task>"
    )


def _file(tasks: str, resources: str = "", assignments: str = "") -> bytes:
    standard = "".join(
        f"<WeekDay><DayType>{day}</DayType><DayWorking>1</DayWorking><WorkingTimes>"
        "<WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime>"
        "<WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime>"
        "</WorkingTimes></WeekDay>"
        for day in range(2, 7)
    )
    # "Mon-Tue" works Monday and Tuesday only (derived from Standard).
    short = "".join(
        f"<WeekDay><DayType>{day}</DayType><DayWorking>0</DayWorking></WeekDay>"
        for day in (4, 5, 6)
    )
    return (
        f'<Project xmlns="{NS}"><Name>Types</Name><StartDate>2026-03-02T08:00:00</StartDate>'
        "<CalendarUID>1</CalendarUID><Calendars>"
        f"<Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar>"
        f"<WeekDays>{standard}</WeekDays></Calendar>"
        f"<Calendar><UID>2</UID><Name>Mon-Tue</Name><IsBaseCalendar>0</IsBaseCalendar>"
        f"<BaseCalendarUID>1</BaseCalendarUID><WeekDays>{short}</WeekDays></Calendar>"
        f"<Calendar><UID>3</UID><Name>Task cal</Name><IsBaseCalendar>1</IsBaseCalendar>"
        f"<WeekDays>{standard}</WeekDays></Calendar>"
        f"</Calendars><Tasks>{tasks}</Tasks><Resources>{resources}</Resources>"
        f"<Assignments>{assignments}</Assignments></Project>"
    ).encode()


RESOURCE = (
    "<Resource><UID>1</UID><ID>1</ID><Name>Ann</Name><Type>1</Type>"
    "<CalendarUID>2</CalendarUID></Resource>"
)


def _assignment(uid: int) -> str:
    return (
        f"<Assignment><UID>{uid}</UID><TaskUID>{uid}</TaskUID><ResourceUID>1</ResourceUID>"
        "<Units>1</Units><Work>PT16H0M0S</Work></Assignment>"
    )


def test_type_and_ignore_resource_calendar_round_trip(tmp_path: Path) -> None:
    tasks = "".join(
        _task(uid, extra)
        for uid, extra in (
            (1, "<Type>0</Type>"),
            (2, "<Type>1</Type>"),
            (3, "<Type>2</Type><IgnoreResourceCalendar>1</IgnoreResourceCalendar>"),
            (4, "<IgnoreResourceCalendar>0</IgnoreResourceCalendar>"),
            (5, ""),
        )
    )
    imported = read_mspdi(_file(tasks))
    read = {task.uid: (task.task_type, task.ignore_resource_calendar) for task in imported.tasks}
    assert read == {1: (0, None), 2: (1, None), 3: (2, True), 4: (None, False), 5: (None, None)}
    # Mapped now: not in "fields not imported"; task 3 ignores resources without a calendar.
    report = [str(entry) for entry in imported.report]
    assert not any("Type" in line and "not imported" in line for line in report), report
    assert any(line.startswith("Task UID 3:") and "IgnoreResourceCalendar" in line
               for line in report), report  # fmt: skip
    target = tmp_path / "out.xml"
    write_mspdi(imported, schedule(to_schedule_input(imported)), target)
    again = read_mspdi(target)
    assert {task.uid: (task.task_type, task.ignore_resource_calendar)
            for task in again.tasks} == read  # fmt: skip
    # Schema order: Type between Manual/Name and IsNull; IgnoreResourceCalendar after the
    # levelling fields and before the links.
    text = target.read_text(encoding="utf-8")
    third = re.search(r"<Task>\s*<UID>3</UID>.*?</Task>", text, re.S)
    assert third is not None
    names = re.findall(r"<(\w+)>", third.group(0))
    assert names.index("Type") < names.index("IsNull")
    assert names.index("ConstraintType") < names.index("IgnoreResourceCalendar")
    assert not_stored_in_database(imported)[0].message.endswith(
        "IgnoreResourceCalendar (2), Type (3)")  # fmt: skip


def test_fixed_duration_and_ignored_resource_calendars_keep_the_task_calendar() -> None:
    # The project starts on Wednesday 4 March; Ann works Mondays and Tuesdays only; each
    # task is 2 days (her 16 h of work at 100 %).
    tasks = "".join(
        _task(uid, extra, calendar)
        for uid, extra, calendar in (
            (1, "<Type>0</Type>", -1),  # fixed units: on Ann's days, Mon 9 - Tue 10
            (2, "<Type>2</Type>", -1),  # fixed work: the same
            (3, "<Type>1</Type>", -1),  # fixed duration: Wed 4 - Thu 5 (Standard)
            (4, "<IgnoreResourceCalendar>1</IgnoreResourceCalendar>", 3),  # its own calendar
            (5, "<IgnoreResourceCalendar>0</IgnoreResourceCalendar>", 3),  # both calendars
        )
    )
    data = _file(tasks, RESOURCE, "".join(_assignment(uid) for uid in range(1, 6)))
    imported = read_mspdi(data.replace(b"2026-03-02T08", b"2026-03-04T08"))
    plan = to_schedule_input(imported)
    spans = {task.id: task.spans for task in plan.tasks}
    assert spans[3] == () and spans[4] == ()
    assert spans[1] and spans[2] and spans[5]
    result = schedule(plan).tasks
    ann = (datetime(2026, 3, 9, 8), datetime(2026, 3, 10, 17))
    own = (datetime(2026, 3, 4, 8), datetime(2026, 3, 5, 17))
    expected = {1: ann, 2: ann, 3: own, 4: own, 5: ann}
    assert {uid: (result[uid].start, result[uid].finish) for uid in expected} == expected


def _set_type(source: Path, target: Path, uid: int, code: int) -> None:
    text = source.read_text(encoding="utf-8")
    block = re.search(rf"<Task>\s*<UID>{uid}</UID>.*?</Task>", text, re.S)
    assert block is not None
    changed = re.sub(r"<Type>\d</Type>", f"<Type>{code}</Type>", block.group(0), count=1)
    target.write_text(text.replace(block.group(0), changed), encoding="utf-8")


def _mpxj_schedule(project: Any) -> dict[int, tuple[str, str]]:
    """MicrosoftScheduler on a file MPXJ read; it wants an actual duration on every task
    (none of these has progress: zero, the remaining duration the whole)."""
    import jpype

    duration = jpype.JClass("org.mpxj.Duration")
    unit = jpype.JClass("org.mpxj.TimeUnit")
    for task in project.getTasks():
        if task.getActualDuration() is None and task.getDuration() is not None:
            task.setActualDuration(duration.getInstance(0, unit.HOURS))
            task.setRemainingDuration(task.getDuration())
    for assignment in project.getResourceAssignments():
        if assignment.getRemainingWork() is None and assignment.getWork() is not None:
            assignment.setActualWork(duration.getInstance(0, unit.HOURS))
            assignment.setRemainingWork(assignment.getWork())
    start = project.getProjectProperties().getStartDate()
    jpype.JClass("org.mpxj.cpm.MicrosoftScheduler")().schedule(project, start)
    return {
        int(task.getUniqueID()): (str(task.getStart()), str(task.getFinish()))
        for task in project.getTasks()
        if task.getUniqueID() is not None and int(task.getUniqueID()) > 0
    }


def _ours(result: Any, uid: int) -> tuple[str, str]:
    task = result[uid]
    return task.start.isoformat(timespec="minutes"), task.finish.isoformat(timespec="minutes")


def test_task_types_match_mpxj(tmp_path: Path, mpxj_read: Callable[[Path], Any]) -> None:
    """The hand-made plan above, written out by us and scheduled by MPXJ: equal dates for
    every type (MPXJ does not model IgnoreResourceCalendar: task 4 is left out)."""
    tasks = "".join(
        _task(uid, f"<Type>{code}</Type>", calendar)
        for uid, code, calendar in ((1, 0, -1), (2, 2, -1), (3, 1, -1), (5, 0, 3), (6, 1, 3))
    )
    data = _file(tasks, RESOURCE, "".join(_assignment(u) for u in (1, 2, 3, 5, 6)))
    imported = read_mspdi(data.replace(b"2026-03-02T08", b"2026-03-04T08"))
    result = schedule(to_schedule_input(imported))
    target = tmp_path / "types.xml"
    write_mspdi(imported, result, target)
    theirs = _mpxj_schedule(mpxj_read(target))
    assert {uid: _ours(result.tasks, uid) for uid in theirs} == theirs
    assert theirs[3] == ("2026-03-04T08:00", "2026-03-05T17:00")
    assert theirs[1] == ("2026-03-09T08:00", "2026-03-10T17:00")


def test_fixed_duration_on_a_night_shift_resource_matches_mpxj(
    mspdi_dir: Path, tmp_path: Path, mpxj_read: Callable[[Path], Any]
) -> None:
    """sample1's task 24 is worked by a night-shift resource (23:00-08:00): as saved, it
    runs on her shift. Made fixed-duration, it runs on the project calendar instead."""
    changed = tmp_path / "fixed-duration.xml"
    _set_type(mspdi_dir / "legacy" / "sample1.xml", changed, 24, 1)
    ours = schedule(to_schedule_input(read_mspdi(changed))).tasks
    theirs = _mpxj_schedule(mpxj_read(changed))
    night = read_mspdi(mspdi_dir / "legacy" / "sample1.xml")
    assert schedule(to_schedule_input(night)).tasks[24].start.hour == 23  # her shift
    assert _ours(ours, 24) == theirs[24]
    assert ours[24].start.hour == 8


@pytest.mark.parametrize("code", [0, 2])
def test_fixed_units_and_fixed_work_schedule_alike(mspdi_dir: Path, code: int) -> None:
    source = mspdi_dir / "legacy" / "sample1.xml"
    base = schedule(to_schedule_input(read_mspdi(source))).tasks
    imported = read_mspdi(source)
    for task in imported.tasks:
        if task.uid == 24:
            task.task_type = code
    other = schedule(to_schedule_input(imported)).tasks
    assert (other[24].start, other[24].finish) == (base[24].start, base[24].finish)
