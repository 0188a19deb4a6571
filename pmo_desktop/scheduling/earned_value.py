"""Earned value per task, project and portfolio at a status date, and time-phased S-curves.

Planned value spreads each task's budget at completion (BAC) evenly over the working minutes
of its baseline dates (on its project's calendar), unless its baseline cost is given by date.
Money is Decimal; a ratio whose divisor is zero is None. The status date counts whole: values
are as at the end of that day.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Literal

from pmo_desktop.scheduling.calendar import WorkingCalendar
from pmo_desktop.scheduling.loading import period_boundaries
from pmo_desktop.scheduling.model import CalendarSpec

ZERO = Decimal(0)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
CurveUnit = Literal["week", "month"]
DatedAmounts = tuple[tuple[date, Decimal], ...]


@dataclass(frozen=True)
class EarnedValueTask:
    """What earned value needs of a task; `percent_complete` is 0..100.

    `planned_costs` (baseline cost by date) replaces the even spread when given;
    `actual_costs` and `progress` (earlier % complete by date) only shape the S-curves.
    """

    id: int
    project: int = 0
    bac: Decimal = ZERO
    baseline_start: datetime | None = None
    baseline_finish: datetime | None = None
    percent_complete: float | Decimal = 0.0
    actual_cost: Decimal = ZERO
    planned_costs: DatedAmounts = ()
    actual_costs: DatedAmounts = ()
    progress: tuple[tuple[date, float | Decimal], ...] = ()


@dataclass(frozen=True)
class EarnedValue:
    """The standard earned-value figures (PMBOK names); None where a divisor is zero."""

    bac: Decimal
    pv: Decimal
    ev: Decimal
    ac: Decimal
    sv: Decimal
    cv: Decimal
    spi: Decimal | None
    cpi: Decimal | None
    eac: Decimal | None
    etc: Decimal | None
    vac: Decimal | None
    tcpi: Decimal | None

    @classmethod
    def from_totals(cls, bac: Decimal, pv: Decimal, ev: Decimal, ac: Decimal) -> EarnedValue:
        """Derive the variances, indices and forecasts from BAC, PV, EV and AC."""
        eac = bac * ac / ev if ev else None
        return cls(
            bac=bac,
            pv=pv,
            ev=ev,
            ac=ac,
            sv=ev - pv,
            cv=ev - ac,
            spi=ev / pv if pv else None,
            cpi=ev / ac if ac else None,
            eac=eac,
            etc=None if eac is None else eac - ac,
            vac=None if eac is None else bac - eac,
            tcpi=(bac - ev) / (bac - ac) if bac != ac else None,
        )


@dataclass(frozen=True)
class EarnedValueReport:
    status_date: date
    tasks: dict[int, EarnedValue]
    projects: dict[int, EarnedValue]
    portfolio: EarnedValue


@dataclass(frozen=True)
class SCurve:
    """Cumulative values as (day, value at the end of that day): PV at each period's last
    day up to the end of the baseline; EV and AC at each period end before the status date,
    then at the status date."""

    pv: list[tuple[date, Decimal]]
    ev: list[tuple[date, Decimal]]
    ac: list[tuple[date, Decimal]]


def _decimal(value: float | Decimal) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _end_of(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time())


class _Calendars:
    """One WorkingCalendar per project calendar spec, built on first use."""

    def __init__(
        self,
        origin: date,
        project_calendars: Mapping[int, CalendarSpec] | None,
        default: CalendarSpec | None,
    ) -> None:
        self._origin = origin
        self._specs = project_calendars or {}
        self._default = default or CalendarSpec()
        self._built: dict[int, WorkingCalendar] = {}

    def get(self, project: int) -> WorkingCalendar:
        spec = self._specs.get(project, self._default)
        calendar = self._built.get(id(spec))
        if calendar is None:
            calendar = self._built[id(spec)] = WorkingCalendar(spec, self._origin)
        return calendar


def _planned_value(task: EarnedValueTask, moment: datetime, calendar: WorkingCalendar) -> Decimal:
    if task.planned_costs:
        return sum((amount for day, amount in task.planned_costs if _end_of(day) <= moment), ZERO)
    start, finish = task.baseline_start, task.baseline_finish
    if start is None or finish is None:
        return ZERO
    if moment >= finish:
        return task.bac
    total = calendar.working_minutes(start, finish)
    if total <= 0 or moment <= start:
        return ZERO
    return task.bac * calendar.working_minutes(start, moment) / total


def _summed(values: Iterable[EarnedValue]) -> EarnedValue:
    bac = pv = ev = ac = ZERO
    for value in values:
        bac += value.bac
        pv += value.pv
        ev += value.ev
        ac += value.ac
    return EarnedValue.from_totals(bac, pv, ev, ac)


def earned_value(
    tasks: Iterable[EarnedValueTask],
    status_date: date,
    *,
    project_calendars: Mapping[int, CalendarSpec] | None = None,
    default_calendar: CalendarSpec | None = None,
) -> EarnedValueReport:
    """Earned value of each task, each project (sums of its tasks) and the whole portfolio."""
    tasks = list(tasks)
    calendars = _Calendars(status_date, project_calendars, default_calendar)
    moment = _end_of(status_date)
    by_task: dict[int, EarnedValue] = {}
    by_project: dict[int, list[EarnedValue]] = {}
    for task in tasks:
        value = EarnedValue.from_totals(
            task.bac,
            _planned_value(task, moment, calendars.get(task.project)),
            task.bac * _decimal(task.percent_complete) / HUNDRED,
            task.actual_cost,
        )
        by_task[task.id] = value
        by_project.setdefault(task.project, []).append(value)
    projects = {project: _summed(values) for project, values in by_project.items()}
    return EarnedValueReport(status_date, by_task, projects, _summed(by_task.values()))


def _curve_span(tasks: list[EarnedValueTask], status_date: date) -> tuple[date, date]:
    days = [status_date]
    for task in tasks:
        if task.baseline_start is not None:
            days.append(task.baseline_start.date())
        if task.baseline_finish is not None:
            days.append(task.baseline_finish.date())
        days.extend(day for day, _ in task.planned_costs)
        days.extend(day for day, _ in task.actual_costs if day <= status_date)
        days.extend(day for day, _ in task.progress if day <= status_date)
    return min(days), max(days)


def _cumulate(
    days: list[date], amounts: list[Decimal], quantum: Decimal | None
) -> list[tuple[date, Decimal]]:
    points = []
    running = ZERO
    for day, amount in zip(days, amounts, strict=True):
        running += amount
        points.append((day, running if quantum is None else running.quantize(quantum)))
    return points


def s_curve(
    tasks: Iterable[EarnedValueTask],
    status_date: date,
    unit: CurveUnit = "month",
    *,
    project_calendars: Mapping[int, CalendarSpec] | None = None,
    default_calendar: CalendarSpec | None = None,
    quantum: Decimal | None = CENT,
) -> SCurve:
    """Cumulative PV, EV and AC per week or month (values rounded to `quantum`, if any).

    PV ends at the BAC of the tasks with a baseline (or baseline costs by date).
    """
    tasks = list(tasks)
    first_day, last_day = _curve_span(tasks, status_date)
    boundaries = period_boundaries(first_day, last_day + timedelta(days=1), unit)
    period_ends = [following - timedelta(days=1) for following in boundaries[1:]]
    midnights = [datetime.combine(day, time()) for day in boundaries]
    calendars = _Calendars(boundaries[0], project_calendars, default_calendar)
    offsets_of: dict[int, list[int]] = {}
    planned = [ZERO] * len(period_ends)
    for task in tasks:
        if task.planned_costs:
            for day, amount in task.planned_costs:
                planned[bisect_right(boundaries, day) - 1] += amount
            continue
        start, finish = task.baseline_start, task.baseline_finish
        if start is None or finish is None:
            continue
        calendar = calendars.get(task.project)
        offsets = offsets_of.get(id(calendar))
        if offsets is None:
            offsets = offsets_of[id(calendar)] = [calendar.offset(m) for m in midnights]
        low, high = calendar.offset(start), calendar.offset(finish)
        if high <= low:
            planned[max(0, bisect_left(midnights, finish) - 1)] += task.bac
            continue
        total = high - low
        before = ZERO
        for k in range(bisect_right(offsets, low) - 1, bisect_left(offsets, high)):
            reached = task.bac * (min(offsets[k + 1], high) - low) / total
            planned[k] += reached - before
            before = reached
    status_index = bisect_left(period_ends, status_date)
    progress_days = [*period_ends[:status_index], status_date]
    earned = [ZERO] * len(progress_days)
    spent = [ZERO] * len(progress_days)
    for task in tasks:
        records = sorted(
            (day, _decimal(percent)) for day, percent in task.progress if day < status_date
        )
        records.append((status_date, _decimal(task.percent_complete)))
        before = ZERO
        for day, percent in records:
            reached = task.bac * percent / HUNDRED
            earned[bisect_left(progress_days, day)] += reached - before
            before = reached
        dated = ZERO
        for day, amount in task.actual_costs:
            if day <= status_date:
                spent[bisect_left(progress_days, day)] += amount
                dated += amount
        spent[-1] += task.actual_cost - dated
    return SCurve(
        pv=_cumulate(period_ends, planned, quantum),
        ev=_cumulate(progress_days, earned, quantum),
        ac=_cumulate(progress_days, spent, quantum),
    )
