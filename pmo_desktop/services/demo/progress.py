"""Progress at the status date, costs, and the task, assignment and baseline rows."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from pmo_desktop.services.demo.catalogue import ResourceSpec
from pmo_desktop.services.demo.runtime import Context, ProjectRun, money

_SLOW_PROFILES = ("deteriorating", "hold", "amber", "slipping")


def measure_progress(ctx: Context, run: ProjectRun) -> None:
    """Percent complete of the work tasks: done before the status date, partly when spanning it."""
    cutoff = ctx.cutoff
    low, high = (0.7, 0.95) if run.spec.profile in _SLOW_PROFILES else (0.9, 1.05)
    pace = ctx.rng.uniform(low, high)
    percent = [0.0] * len(run.plan.tasks)
    for local, task in enumerate(run.plan.tasks):
        if task.summary:
            continue
        start, finish = run.start[local], run.finish[local]
        if finish <= cutoff:
            percent[local] = 100.0
        elif start < cutoff < finish:
            done = 100 * (cutoff - start) / run.days[local] * pace
            percent[local] = float(min(99, max(1, round(done))))
    run.percent = percent


def cost_work(run: ProjectRun, resources: list[ResourceSpec]) -> None:
    """Work and cost per task from its assignments, current and baseline, rolled up."""
    count = len(run.plan.tasks)
    work, cost = [0] * count, [0] * count
    base_work, base_cost = [0] * count, [0] * count
    for assigned in run.assigned:
        rate = resources[assigned.resource].rate
        minutes = round(assigned.units * run.days[assigned.task] * 480)
        planned = round(assigned.units * run.base_days[assigned.task] * 480)
        work[assigned.task] += minutes
        cost[assigned.task] += round(minutes * rate * 100 / 60)
        base_work[assigned.task] += planned
        base_cost[assigned.task] += round(planned * rate * 100 / 60)
    for local, task in enumerate(run.plan.tasks):
        if task.summary:
            continue
        parent = task.parent
        while parent >= 0:
            work[parent] += work[local]
            cost[parent] += cost[local]
            base_work[parent] += base_work[local]
            base_cost[parent] += base_cost[local]
            parent = run.plan.tasks[parent].parent
    run.work, run.cost_cents = work, cost
    run.base_work, run.base_cost_cents = base_work, base_cost


def project_percent(run: ProjectRun, point: int | None = None) -> float:
    """Duration-weighted percent complete of the whole project (at ``point`` if given)."""
    total = done = 0
    for local in run.work_leaves():
        days = run.days[local]
        total += days
        if point is None:
            done += days * run.percent[local] / 100
        else:
            done += min(max(point - run.start[local], 0), days)
    return round(100 * done / total, 1) if total else 0.0


def task_rows(ctx: Context, run: ProjectRun, resources: list[ResourceSpec]) -> None:
    """The ``tasks`` rows of a project, summaries rolled up from their work tasks."""
    tasks = run.plan.tasks
    count = len(tasks)
    weight, earned = [0] * count, [0.0] * count
    actual_start: list[datetime | None] = [None] * count
    open_leaves = [0] * count
    actual_cost = [0] * count
    for assigned in run.assigned:
        minutes = round(assigned.units * run.days[assigned.task] * 480)
        actual = round(minutes * run.percent[assigned.task] / 100)
        actual_cost[assigned.task] += round(actual * resources[assigned.resource].rate * 100 / 60)
    moments = [run.moments(ctx.days, local) for local in range(count)]
    for local, task in enumerate(tasks):
        if task.summary:
            continue
        started = run.percent[local] > 0
        chain = []
        parent = task.parent
        while parent >= 0:
            chain.append(parent)
            parent = tasks[parent].parent
        for owner in chain:
            if not task.milestone:
                weight[owner] += run.days[local]
                earned[owner] += run.days[local] * run.percent[local]
            actual_cost[owner] += actual_cost[local]
            if run.percent[local] < 100:
                open_leaves[owner] += 1
            if started:
                first = moments[local][0]
                current = actual_start[owner]
                actual_start[owner] = first if current is None else min(current, first)
        if started:
            actual_start[local] = moments[local][0]
    deadline_task = count - 1 if run.spec.baseline and run.started else -1
    rows = ctx.rows("tasks")
    for local, task in enumerate(tasks):
        start, finish = moments[local]
        if task.summary:
            percent = round(earned[local] / weight[local], 1) if weight[local] else 0.0
            duration = (run.finish[local] - run.start[local]) * 480
        else:
            percent = run.percent[local]
            duration = run.days[local] * 480
        done = percent >= 100 if not task.summary else open_leaves[local] == 0
        rows.append(
            {
                "id": run.task_id(local),
                "project_id": run.id,
                "parent_id": run.task_id(task.parent) if task.parent >= 0 else None,
                "position": task.position,
                "wbs": task.wbs,
                "outline_level": task.level,
                "name": task.name,
                "is_summary": task.summary,
                "is_milestone": task.milestone,
                "duration_minutes": duration,
                "work_minutes": run.work[local],
                "start": start,
                "finish": finish,
                "early_start": start,
                "early_finish": finish,
                "percent_complete": percent,
                "actual_start": actual_start[local],
                "actual_finish": finish if done else None,
                "remaining_minutes": 0 if done else round(duration * (1 - percent / 100)),
                "deadline": run.moments(ctx.days, local, baseline=True)[1]
                if local == deadline_task
                else None,
                "cost": money(run.cost_cents[local]),
                "actual_cost": money(actual_cost[local]),
                "fixed_cost": money(0),
            }
        )


def assignment_rows(ctx: Context, run: ProjectRun, resources: list[ResourceSpec]) -> None:
    """The ``assignments`` rows: work = units x duration, dates copied from the task."""
    rows = ctx.rows("assignments")
    for assigned in run.assigned:
        local = assigned.task
        start, finish = run.moments(ctx.days, local)
        minutes = round(assigned.units * run.days[local] * 480)
        rate = resources[assigned.resource].rate
        rows.append(
            {
                "id": len(rows) + 1,
                "task_id": run.task_id(local),
                "resource_id": assigned.resource + 1,
                "units": assigned.units,
                "work_minutes": minutes,
                "actual_work_minutes": round(minutes * run.percent[local] / 100),
                "start": start,
                "finish": finish,
                "cost": money(round(minutes * rate * 100 / 60)),
            }
        )


def baseline_rows(ctx: Context, run: ProjectRun) -> None:
    """Baseline 0 taken at the project start; baseline 1 after an approved re-plan."""
    if not run.spec.baseline or not run.started:
        return
    snapshots = [(0, "Baseline", True)]
    first_day = ctx.days.day(run.project_start())
    taken = [datetime.combine(first_day - timedelta(days=3), time(18, 0))]
    if run.replan is not None:
        code, decided_on = run.replan
        snapshots.append((1, f"Re-plan after {code}", False))
        taken.append(datetime.combine(decided_on + timedelta(days=2), time(18, 0)))
    baselines = ctx.rows("baselines")
    items = ctx.rows("baseline_tasks")
    for (number, name, original), taken_at in zip(snapshots, taken, strict=True):
        baseline_id = len(baselines) + 1
        baselines.append(
            {
                "id": baseline_id,
                "project_id": run.id,
                "number": number,
                "name": name,
                "taken_at": taken_at,
                "approved": True,
            }
        )
        starts, finishes = (
            (run.base_start, run.base_finish) if original else (run.start, run.finish)
        )
        for local, task in enumerate(run.plan.tasks):
            start, finish = run.moments(ctx.days, local, baseline=original)
            if task.summary or task.milestone:
                duration = (finishes[local] - starts[local]) * 480 if task.summary else 0
            else:
                duration = (run.base_days if original else run.days)[local] * 480
            items.append(
                {
                    "id": len(items) + 1,
                    "baseline_id": baseline_id,
                    "task_id": run.task_id(local),
                    "start": start,
                    "finish": finish,
                    "duration_minutes": duration,
                    "work_minutes": (run.base_work if original else run.work)[local],
                    "cost": money((run.base_cost_cents if original else run.cost_cents)[local]),
                }
            )
