"""A project page's schedule figures from its task rows: milestones against baseline 0,
the Gantt extract around the as-of date, earned value and the monthly S-curve."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from pmo_desktop.reports.data import (
    CurvePoint,
    EvmFigures,
    GanttBar,
    GanttExtract,
    GanttLinkLine,
    MilestoneLine,
    trim_extract,
)
from pmo_desktop.scheduling.calendar import WorkingCalendar
from pmo_desktop.scheduling.earned_value import EarnedValue, EarnedValueTask, s_curve
from pmo_desktop.scheduling.model import CalendarSpec
from pmo_desktop.services.board_pack_read import TaskRow
from pmo_desktop.services.dashboard import RagThresholds
from pmo_desktop.services.kpis import rounded_index

ZERO = Decimal(0)
CENT = Decimal("0.01")


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(first: date, months: int) -> date:
    """The first day of the month `months` after (or before) the month of `first`."""
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def end_of(day: date) -> datetime:
    """Midnight after `day`: values "at the end of that day" are before this moment."""
    return datetime.combine(day + timedelta(days=1), time())


class WorkingCalendars:
    """One WorkingCalendar per calendar spec, shared by every project that uses it."""

    def __init__(self, origin: date) -> None:
        self._origin = origin
        self._built: dict[int, tuple[CalendarSpec, WorkingCalendar]] = {}

    def get(self, spec: CalendarSpec) -> WorkingCalendar:
        found = self._built.get(id(spec))
        if found is None:
            found = self._built[id(spec)] = (spec, WorkingCalendar(spec, self._origin))
        return found[1]


class SlipMeter:
    """Slip in working days on one calendar (the dashboard's rule: rounded to 0.1 day)."""

    def __init__(self, calendar: WorkingCalendar, minutes_per_day: int) -> None:
        self._calendar = calendar
        self._minutes_per_day = minutes_per_day

    def days(self, baseline: datetime, current: datetime) -> float:
        minutes = self._calendar.working_minutes(baseline, current)
        return round(minutes / self._minutes_per_day, 1)


def milestone_lines(
    tasks: Iterable[TaskRow],
    slip: SlipMeter,
    thresholds: RagThresholds,
    limit: int,
    recent_done: int = 2,
) -> tuple[tuple[MilestoneLine, ...], int]:
    """The milestones around now, in forecast order, and how many were left out.

    Open milestones come first (the earliest forecasts), then up to `recent_done` of the
    latest completed ones fill the table; forecast = actual finish, else current finish.
    """
    done: list[tuple[datetime, int, MilestoneLine]] = []
    pending: list[tuple[datetime, int, MilestoneLine]] = []
    for task in tasks:
        if not task.is_milestone:
            continue
        finished = task.percent_complete >= 100
        forecast = task.actual_finish if finished and task.actual_finish else task.finish
        slip_days = (
            slip.days(task.baseline_finish, forecast)
            if task.baseline_finish is not None and forecast is not None
            else None
        )
        line = MilestoneLine(
            name=task.name,
            baseline_finish=task.baseline_finish.date() if task.baseline_finish else None,
            forecast_finish=forecast.date() if forecast else None,
            slip_days=slip_days,
            rag=thresholds.slip_rag(slip_days),
            done=finished,
        )
        key = forecast or task.baseline_finish or datetime.max
        (done if finished else pending).append((key, task.id, line))
    done.sort(key=lambda item: item[:2])
    pending.sort(key=lambda item: item[:2])
    kept_pending = pending[: max(0, limit - min(recent_done, len(done)))]
    room = min(len(done), max(0, limit - len(kept_pending)))
    kept_done = done[len(done) - room :]
    kept = sorted(kept_done + kept_pending, key=lambda item: item[:2])
    return tuple(line for _, _, line in kept), len(done) + len(pending) - len(kept)


@dataclass(frozen=True)
class GanttWindow:
    """The months a Gantt extract shows: [start, end] whole days."""

    start: date
    end: date

    @classmethod
    def around(cls, as_of: date, months_before: int, months_after: int) -> GanttWindow:
        first = add_months(month_start(as_of), -max(0, months_before))
        following = add_months(month_start(as_of), max(0, months_after) + 1)
        return cls(first, following - timedelta(days=1))

    def overlaps(self, task: TaskRow) -> bool:
        if task.start is None or task.finish is None:
            return False
        return task.start < end_of(self.end) and task.finish >= datetime.combine(self.start, time())


def _wbs_keys(tasks: Sequence[TaskRow]) -> dict[int, tuple[tuple[int, int], ...]]:
    """A sort key per task id giving depth-first WBS order by (position, id) under parents."""
    by_id = {task.id: task for task in tasks}
    keys: dict[int, tuple[tuple[int, int], ...]] = {}

    def key(task: TaskRow) -> None:
        chain: list[TaskRow] = []
        seen: set[int] = set()
        current: TaskRow | None = task
        while current is not None and current.id not in keys and current.id not in seen:
            seen.add(current.id)
            chain.append(current)
            current = by_id.get(current.parent_id) if current.parent_id is not None else None
        prefix = keys.get(current.id, ()) if current is not None else ()
        for item in reversed(chain):
            prefix = (*prefix, (item.position, item.id))
            keys[item.id] = prefix

    for task in tasks:
        key(task)
    return keys


def gantt_extract(
    tasks: Sequence[TaskRow],
    links: Iterable[tuple[int, int, str]],
    window: GanttWindow,
    as_of: date,
    max_rows: int,
) -> GanttExtract:
    """The tasks overlapping the window, at most `max_rows` of them, in WBS order: which
    ones stay is `reports.data.trim_extract`'s rule (the renderer applies it again when
    fewer rows fit its page); `omitted` counts the overlapping tasks left out."""
    candidates = [task for task in tasks if window.overlaps(task)]
    keys = _wbs_keys(tasks)
    candidates.sort(key=lambda task: keys[task.id])
    bars = tuple(
        GanttBar(
            id=task.id,
            wbs=task.wbs,
            name=task.name,
            level=task.level,
            start=task.start,
            finish=task.finish,
            baseline_start=task.baseline_start,
            baseline_finish=task.baseline_finish,
            percent_complete=task.percent_complete,
            is_summary=task.is_summary,
            is_milestone=task.is_milestone,
            critical=task.critical,
            parent=task.parent_id,
        )
        for task in candidates
    )
    shown = {bar.id for bar in bars}
    lines = tuple(
        GanttLinkLine(predecessor, successor, kind)
        for predecessor, successor, kind in sorted(links)
        if predecessor in shown and successor in shown
    )
    return trim_extract(GanttExtract(window.start, window.end, as_of, bars, lines), max_rows)


def evm_figures(value: EarnedValue) -> EvmFigures:
    """Earned value in cents, indices to four decimals (as the dashboard shows them)."""

    def cents(amount: Decimal | None) -> Decimal | None:
        return None if amount is None else amount.quantize(CENT)

    return EvmFigures(
        bac=value.bac.quantize(CENT),
        pv=value.pv.quantize(CENT),
        ev=value.ev.quantize(CENT),
        ac=value.ac.quantize(CENT),
        spi=rounded_index(value.spi),
        cpi=rounded_index(value.cpi),
        eac=cents(value.eac),
        vac=cents(value.vac),
    )


def earned_value_task(task: TaskRow) -> EarnedValueTask:
    """What earned value reads of a work task or milestone."""
    return EarnedValueTask(
        id=task.id,
        project=task.project_id,
        bac=task.baseline_cost or ZERO,
        baseline_start=task.baseline_start,
        baseline_finish=task.baseline_finish,
        percent_complete=task.percent_complete,
        actual_cost=task.actual_cost,
    )


def _spread_progress(
    task: TaskRow,
    month_ends: Sequence[tuple[datetime, date]],
    as_of: date,
    calendar: WorkingCalendar,
) -> EarnedValueTask:
    """The task with its progress and actual cost spread evenly over its working time
    from its actual start to its actual finish (or the as-of date), month end by month end
    (`month_ends`: the midnight after each, and the day): Microsoft Project's even spread
    of actual work, for lack of dated actuals."""
    plain = earned_value_task(task)
    begun = task.actual_start or task.start
    if begun is None or (task.percent_complete <= 0 and not task.actual_cost):
        return plain
    stop = end_of(as_of)
    if task.actual_finish is not None and task.percent_complete >= 100:
        stop = min(stop, task.actual_finish)
    total = calendar.working_minutes(begun, stop)
    if total <= 0:
        return plain
    progress: list[tuple[date, Decimal]] = []
    costs: list[tuple[date, Decimal]] = []
    percent = Decimal(str(task.percent_complete))
    before = ZERO
    for moment, day in month_ends[bisect_right(month_ends, (begun, date.max)) :]:
        share = Decimal(calendar.working_minutes(begun, min(moment, stop))) / total
        progress.append((day, percent * share))
        reached = task.actual_cost * share
        costs.append((day, reached - before))
        before = reached
        if moment >= stop:
            break
    if not progress:
        return plain
    return EarnedValueTask(
        id=plain.id,
        project=plain.project,
        bac=plain.bac,
        baseline_start=plain.baseline_start,
        baseline_finish=plain.baseline_finish,
        percent_complete=plain.percent_complete,
        actual_cost=plain.actual_cost,
        actual_costs=tuple(costs),
        progress=tuple(progress),
    )


def cost_curve(
    tasks: Sequence[TaskRow],
    as_of: date,
    spec: CalendarSpec,
    calendar: WorkingCalendar,
    evm: EvmFigures,
) -> tuple[CurvePoint, ...]:
    """Cumulative PV (baseline 0) at each month end, EV and AC up to the as-of date, and
    one point at the as-of date itself equal to the earned-value figures."""
    work = [task for task in tasks if not task.is_summary]
    if not work:
        return ()
    starts = [
        day
        for task in work
        for day in (task.baseline_start, task.actual_start or task.start)
        if day is not None
    ]
    first = min((moment.date() for moment in starts), default=as_of)
    month_ends: list[tuple[datetime, date]] = []
    cursor = month_start(min(first, as_of))
    while add_months(cursor, 1) <= month_start(as_of):
        cursor = add_months(cursor, 1)
        month_ends.append((datetime.combine(cursor, time()), cursor - timedelta(days=1)))
    curve = s_curve(
        (_spread_progress(task, month_ends, as_of, calendar) for task in work),
        as_of,
        "month",
        project_calendars={work[0].project_id: spec},
        default_calendar=spec,
    )
    earned = dict(curve.ev)
    spent = dict(curve.ac)
    points = [
        CurvePoint(day, pv, earned.get(day), spent.get(day)) for day, pv in curve.pv if day < as_of
    ]
    points.append(CurvePoint(as_of, evm.pv, evm.ev, evm.ac))
    points.extend(CurvePoint(day, pv, None, None) for day, pv in curve.pv if day > as_of)
    return tuple(points)
