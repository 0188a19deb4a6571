"""Write a `ScheduleInput` as a TaskJuggler 3 plan (.tjp), for the whole-process comparison.

TaskJuggler (`tj3`) schedules on its own model; this writer maps ours onto it as closely as
its syntax allows and returns, in plain words, what it could not express:
- the project header sets `timingresolution`, the calendar's working hours per weekday and
  `dailyworkinghours`; holidays (empty exceptions) become global `leaves holiday` — special
  working hours on a date have no global equivalent and are left out;
- a leaf task gets `length` (working time: TaskJuggler's global working hours and leaves),
  a milestone `milestone`; summaries are container tasks (their span is the children's);
- FS links are `depends P` (`onend`, the default), SS links `depends P { onstart }` (from a
  milestone, start = finish, as FS: tj3 3.7 reports a false dependency loop for an `onstart`
  link between two milestones); a positive working lag is `gaplength`, a positive elapsed
  lag `gapduration`. TaskJuggler's `depends` only ever constrains the successor's start and
  its gaps are minimum gaps: FF and SF links, leads (negative lags) and % lags cannot be
  expressed and are left out;
- links on summary tasks are written as they are (the benchmark plans have none);
  constraints other than ASAP, deadlines and progress are left out.
Every task without a predecessor starts at the plan's start (`start` on each top-level task,
inherited). The plan ends with a CSV task report (`id`, `start`, `end`): the "write" step.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from pmo_desktop.scheduling.model import Intervals, ScheduleInput, TaskSpec

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass
class TjpReport:
    """What the .tjp holds and what it had to leave out, counted."""

    tasks: int = 0
    links_written: int = 0
    left_out: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        """One line per kind of thing left out."""
        return [f"{count:,} {what}" for what, count in sorted(self.left_out.items())]


def write_tjp(plan: ScheduleInput, path: Path, report_name: str | None, end: date) -> TjpReport:
    """Write `plan` to `path`; tj3 then writes `report_name`.csv in its working folder
    (no report at all with None: tj3 then only schedules and checks the plan).

    `end` closes the project interval: TaskJuggler's work grows with it, and a task that
    ends after it is an error, so give the latest finish expected plus a margin.
    """
    report = TjpReport()
    children: dict[int | None, list[TaskSpec]] = {}
    known = {task.id for task in plan.tasks}
    for task in plan.tasks:
        children.setdefault(task.parent if task.parent in known else None, []).append(task)
    paths = _task_paths(children)
    incoming: dict[int, list[str]] = {}
    milestones = {task.id for task in plan.tasks if task.milestone or task.duration == 0}
    milestones -= set(children)
    for link in plan.links:
        kind = "FS" if link.type == "SS" and link.predecessor in milestones else link.type
        clause = _depends_clause(kind, link.lag, link.lag_unit, paths[link.predecessor])
        if isinstance(clause, _LeftOut):
            report.left_out[clause.reason] += 1
            continue
        incoming.setdefault(link.successor, []).append(clause)
        report.links_written += 1
    lines = _header(plan, report, end)
    start = f"{plan.start:%Y-%m-%d-%H:%M}"

    def emit(task: TaskSpec, depth: int) -> None:
        report.tasks += 1
        pad = "  " * depth
        name = (task.name or f"Task {task.id}").replace('"', "'")
        lines.append(f'{pad}task t{task.id} "{name}" {{')
        if depth == 0:
            lines.append(f"{pad}  start {start}")
        if task.id in incoming:
            lines.append(f"{pad}  depends {', '.join(incoming[task.id])}")
        kids = children.get(task.id, [])
        if kids:
            for kid in kids:
                emit(kid, depth + 1)
        elif task.milestone or task.duration == 0:
            lines.append(f"{pad}  milestone")
        else:
            lines.append(f"{pad}  length {_amount(task.duration)}")
        if task.constraint != "ASAP" or task.deadline is not None:
            report.left_out["constraints or deadlines"] += 1
        lines.append(f"{pad}}}")

    for task in children.get(None, []):
        emit(task, 0)
    if report_name is None:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return report
    lines += [
        f'taskreport {report_name} "{report_name}" {{',
        "  formats csv",
        "  columns id, start, end",
        '  timeformat "%Y-%m-%d %H:%M"',
        "}",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return report


@dataclass(frozen=True)
class _LeftOut:
    reason: str


def _depends_clause(kind: str, lag: int, unit: str, target: str) -> str | _LeftOut:
    if kind not in ("FS", "SS"):
        return _LeftOut(f"{kind} links (TaskJuggler's depends constrains starts only)")
    if lag < 0:
        return _LeftOut("links with a lead (negative lag)")
    if unit == "percent" and lag:
        return _LeftOut("links with a % lag")
    attributes = ["onstart"] if kind == "SS" else []
    if lag:
        attributes.append(f"{'gapduration' if unit == 'elapsed' else 'gaplength'} {_amount(lag)}")
    return f"{target} {{ {' '.join(attributes)} }}" if attributes else target


def _amount(minutes: int) -> str:
    return f"{minutes // 60}h" if minutes % 60 == 0 else f"{minutes}min"


def _task_paths(children: dict[int | None, list[TaskSpec]]) -> dict[int, str]:
    """Each task's absolute TaskJuggler id (`t1.t2.t7`)."""
    paths: dict[int, str] = {}
    stack = [(task, f"t{task.id}") for task in children.get(None, [])]
    while stack:
        task, full = stack.pop()
        paths[task.id] = full
        stack.extend((kid, f"{full}.t{kid.id}") for kid in children.get(task.id, []))
    return paths


def _header(plan: ScheduleInput, report: TjpReport, last: date) -> list[str]:
    calendar = plan.calendar
    first = plan.start.date()
    hours = calendar.minutes_per_day / 60
    lines = [
        f'project bench "Whole-process benchmark" {first:%Y-%m-%d} - {last:%Y-%m-%d} {{',
        "  timingresolution 60min",
        '  timezone "UTC"',
        f"  dailyworkinghours {hours:g}",
    ]
    for weekday, intervals in zip(_WEEKDAYS, calendar.week, strict=True):
        lines.append(f"  workinghours {weekday} {_hours(intervals)}")
    lines += ['  timeformat "%Y-%m-%d %H:%M"', "}", ""]
    holidays = sorted(day for day, intervals in calendar.exceptions.items() if not intervals)
    special = sum(1 for intervals in calendar.exceptions.values() if intervals)
    if special:
        report.left_out["calendar days with special working hours"] += special
    if plan.calendars and set(plan.calendars) - {calendar.name}:
        report.left_out["task calendars other than the project's"] += 1
    for day in holidays:
        if first <= day < last:
            lines.append(f'leaves holiday "Holiday {day:%Y-%m-%d}" {day:%Y-%m-%d}')
    lines.append("")
    return lines


def _hours(intervals: Intervals) -> str:
    if not intervals:
        return "off"
    return ", ".join(f"{_clock(start)} - {_clock(end)}" for start, end in intervals)


def _clock(minute: int) -> str:
    return f"{minute // 60}:{minute % 60:02d}"


def read_tj_csv(path: Path) -> dict[int, tuple[datetime, datetime]]:
    """Task id → (start, end) from the CSV task report the plan asks tj3 for."""
    found: dict[int, tuple[datetime, datetime]] = {}
    with path.open(newline="", encoding="utf-8") as stream:
        rows = csv.reader(stream, delimiter=";")
        next(rows, None)
        for row in rows:
            if len(row) < 3:
                continue
            task_id = int(row[0].rsplit(".", 1)[-1].lstrip("t"))
            start, end = (datetime.strptime(text, "%Y-%m-%d %H:%M") for text in row[1:3])
            found[task_id] = (start, end)
    return found
