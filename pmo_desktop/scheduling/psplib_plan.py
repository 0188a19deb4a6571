"""PSPLIB instances as real plans: tasks of whole days, FS links, resources and assignments.

Levelling such a plan through `levelling.level` and reading the finish back in days measures
the real-plan levelling against the RCPSP figures (bench/bench_levelling.py --api plan).
"""

from __future__ import annotations

from datetime import datetime

from pmo_desktop.scheduling.calendar import WorkingCalendar
from pmo_desktop.scheduling.levelling import LevellingResult
from pmo_desktop.scheduling.loading import ResourceSpec
from pmo_desktop.scheduling.model import AssignmentSpec, LinkSpec, ScheduleInput, TaskSpec
from pmo_desktop.scheduling.rcpsp import RcpspProblem

__all__ = ["PLAN_START", "levelled_periods", "plan_from_rcpsp"]

#: A Monday morning: period k of the instance is the k-th working day from here.
PLAN_START = datetime(2027, 1, 4, 8, 0)


def plan_from_rcpsp(
    problem: RcpspProblem, start: datetime = PLAN_START
) -> tuple[ScheduleInput, list[ResourceSpec], list[AssignmentSpec]]:
    """Task k + 1 lasts durations[k] days; resource r + 1 has max units = its capacity."""
    plan = ScheduleInput(
        start=start,
        tasks=[
            TaskSpec(id=k + 1, name=f"Job {k + 1}", duration=days * 480, milestone=days == 0)
            for k, days in enumerate(problem.durations)
        ],
        links=[
            LinkSpec(k + 1, s + 1)
            for k, successors in enumerate(problem.successors)
            for s in successors
        ],
    )
    resources = [
        ResourceSpec(id=r + 1, name=f"R{r + 1}", max_units=float(capacity))
        for r, capacity in enumerate(problem.capacities)
    ]
    assignments = [
        AssignmentSpec(task=k + 1, resource=r + 1, units=float(q))
        for k, row in enumerate(problem.demands)
        for r, q in enumerate(row)
        if q
    ]
    return plan, resources, assignments


def levelled_periods(plan: ScheduleInput, levelling: LevellingResult) -> tuple[list[int], int]:
    """Start period of each job and the makespan, read back from the levelled dates."""
    calendar = WorkingCalendar(plan.calendar, plan.start.date())
    origin = calendar.offset(plan.start)
    per_day = plan.calendar.minutes_per_day
    starts = []
    for task in plan.tasks:
        minutes = calendar.offset(levelling.tasks[task.id].start) - origin
        if task.duration == 0:
            minutes = calendar.offset(levelling.tasks[task.id].finish) - origin
        starts.append(minutes // per_day)
    finish = max((calendar.offset(t.finish) - origin for t in levelling.tasks.values()), default=0)
    return starts, finish // per_day
