"""Placing each project in time, and the links that do not drive the dates.

A project's baseline is its plan at the start; its current schedule stretches the work
done so far by the project's slip factor. Extra links (SS/FF/SF, leads, lags, elapsed
lags) and cross-project links are added only where the placed dates already satisfy
them, so every link holds and a forward pass over all links gives the same dates.
"""

from __future__ import annotations

import bisect
from datetime import timedelta

from pmo_desktop.services.demo.runtime import Context, ProjectRun
from pmo_desktop.services.demo.texts import ProjectSpec
from pmo_desktop.services.demo.wbs import PlanLink, build_plan, forward_pass

WORKING_DAYS_PER_MONTH = 21
DAYS_PER_MONTH = 30.44
LARGE_LINKS = 75_000
LARGE_CROSS_LINKS = 400
SMALL_CROSS_LINKS = 4
EXTRA_WINDOW = 30
_TYPES = ("FS", "SS", "FF", "SF")
_TYPE_WEIGHTS = (40, 26, 20, 14)


def place_projects(
    ctx: Context, specs: list[ProjectSpec], programme_ids: dict[str, int]
) -> list[ProjectRun]:
    """Build, schedule and place every project; task ids follow project order."""
    runs: list[ProjectRun] = []
    next_task_id = 1
    for project_id, spec in enumerate(specs, start=1):
        programme_id = programme_ids[spec.programme] if spec.programme else None
        run = _place(ctx, spec, project_id, programme_id)
        run.first_task_id = next_task_id
        next_task_id += len(run.plan.tasks)
        runs.append(run)
    return runs


def _place(
    ctx: Context, spec: ProjectSpec, project_id: int, programme_id: int | None
) -> ProjectRun:
    """Schedule one project so that its dates tell the story its status implies."""
    span = round(spec.span_months * WORKING_DAYS_PER_MONTH)
    start_day = ctx.as_of - timedelta(days=round(spec.start_months_ago * DAYS_PER_MONTH))
    start = ctx.days.point_on_or_after(start_day)
    for _attempt in range(8):
        plan = build_plan(
            ctx.rng,
            method=spec.method,
            lang=spec.lang,
            tasks=spec.tasks,
            span_days=span,
            items=list(spec.items),
            flexible_iterations=ctx.large,
        )
        run = ProjectRun(project_id, spec, plan, programme_id)
        run.base_days = [task.days for task in plan.tasks]
        run.base_start, run.base_finish = forward_pass(plan, run.base_days, start)
        run.days = _slipped(ctx, run)
        run.start, run.finish = forward_pass(plan, run.days, start)
        _shift_to_status(ctx, run)
        if ctx.large and run.project_finish() <= ctx.cutoff + 10:
            span = round(span * 1.2)
            continue
        return run
    raise RuntimeError(f"could not place project {spec.code}")


def _slipped(ctx: Context, run: ProjectRun) -> list[int]:
    """Current durations: work started before the status date took longer than planned."""
    days = list(run.base_days)
    if not run.started or run.spec.slip <= 1.0:
        return days
    widest = 2 * run.spec.slip - 1
    for index, task in enumerate(run.plan.tasks):
        if task.summary or task.milestone or task.in_sprint:
            continue
        if run.base_start[index] < ctx.cutoff:
            days[index] = max(days[index], round(days[index] * ctx.rng.uniform(1.0, widest)))
    return days


def _shift_to_status(ctx: Context, run: ProjectRun) -> None:
    """Move a closed project to have finished recently, a running one to still run."""
    finish = run.project_finish()
    shift = 0
    if run.spec.status == "closed" and finish > ctx.cutoff - 15:
        shift = ctx.cutoff - ctx.rng.randint(20, 60) - finish
    elif run.spec.status in ("active", "on_hold") and finish < ctx.cutoff + 20:
        shift = ctx.cutoff + ctx.rng.randint(40, 80) - finish
    if shift:
        for points in (run.base_start, run.base_finish, run.start, run.finish):
            points[:] = [p + shift for p in points]


def _satisfied(ctx: Context, run_pred: ProjectRun, run_succ: ProjectRun, link: PlanLink) -> bool:
    """Whether the placed dates already satisfy ``link`` (day granularity)."""
    pred, succ = link.pred, link.succ
    if link.unit == "working":
        lag = link.lag // 480
        anchor = run_pred.finish[pred] if link.type in ("FS", "FF") else run_pred.start[pred]
        side = run_succ.start[succ] if link.type in ("FS", "SS") else run_succ.finish[succ]
        return side >= anchor + lag
    pred_start, pred_finish = run_pred.moments(ctx.days, pred)
    succ_start, succ_finish = run_succ.moments(ctx.days, succ)
    anchor = pred_finish if link.type in ("FS", "FF") else pred_start
    side = succ_start if link.type in ("FS", "SS") else succ_finish
    return side >= anchor + timedelta(minutes=link.lag)


def _draw_link(ctx: Context, run: ProjectRun, pred: int, succ: int, forced: str) -> PlanLink:
    """A random non-driving link type and lag (``forced``: the kind this project still lacks)."""
    rng = ctx.rng
    kind = forced if forced in _TYPES else rng.choices(_TYPES, weights=_TYPE_WEIGHTS)[0]
    tasks = run.plan.tasks
    elapsed = forced == "elapsed" or rng.random() < 0.06
    if elapsed and not tasks[pred].milestone and not tasks[succ].milestone:
        kind = "FS" if forced == "elapsed" else rng.choice(("FS", "SS"))
        days = rng.choice((1, 2, 3, 4, -1))
        return PlanLink(pred, succ, kind, days * 1440, "elapsed")
    draw = rng.random()
    lag = rng.randint(1, 3) if draw < 0.2 else -rng.randint(1, 2) if draw < 0.35 else 0
    return PlanLink(pred, succ, kind, lag * 480)


def add_extra_links(ctx: Context, run: ProjectRun, quota: int) -> None:
    """Add ``quota`` satisfied links between nearby tasks of the project (no duplicates)."""
    rng = ctx.rng
    leaves = run.leaf_range()
    plan = run.plan
    existing = {(link.pred, link.succ) for link in plan.links}
    forced = [] if ctx.large else ["SS", "FF", "SF", "elapsed", "SS", "FF"]
    added = attempts = 0
    while added < quota and attempts < quota * 80:
        attempts += 1
        j = rng.randrange(1, len(leaves))
        i = rng.randrange(max(0, j - EXTRA_WINDOW), j)
        pred, succ = leaves[i], leaves[j]
        if (pred, succ) in existing:
            continue
        link = _draw_link(ctx, run, pred, succ, forced[0] if forced else "")
        if not _satisfied(ctx, run, run, link):
            link.lag = 0
            if not _satisfied(ctx, run, run, link):
                continue
        if forced and (link.type == forced[0] or link.unit == forced[0]):
            forced.pop(0)
        existing.add((pred, succ))
        plan.links.append(link)
        added += 1
    for j in range(1, len(leaves)):
        for i in range(max(0, j - EXTRA_WINDOW), j):
            if added >= quota:
                return
            link = PlanLink(leaves[i], leaves[j])
            if (link.pred, link.succ) not in existing and _satisfied(ctx, run, run, link):
                existing.add((link.pred, link.succ))
                plan.links.append(link)
                added += 1
    if added < quota:
        raise RuntimeError(f"only {added} of {quota} extra links fit in {run.spec.code}")


def extra_link_quotas(ctx: Context, runs: list[ProjectRun]) -> list[int]:
    """Extra links per project: about a third of the work tasks, or exactly fill 75,000."""
    if not ctx.large:
        return [max(6, round(0.3 * len(run.work_leaves()))) for run in runs]
    primary = sum(len(run.plan.links) for run in runs)
    total = LARGE_LINKS - LARGE_CROSS_LINKS - primary
    weights = [len(run.leaf_range()) for run in runs]
    exact = [total * w / sum(weights) for w in weights]
    quotas = [int(x) for x in exact]
    order = sorted(range(len(runs)), key=lambda i: (quotas[i] - exact[i], i))
    for i in order[: total - sum(quotas)]:
        quotas[i] += 1
    return quotas


def cross_links(ctx: Context, runs: list[ProjectRun]) -> list[tuple[int, int, str, int, str]]:
    """Links from a milestone of a project to a later task of a sibling in the programme.

    The predecessor's project always comes first, so links between projects cannot close
    a cycle; the successor is the first task starting after the milestone.
    """
    rng = ctx.rng
    wanted = LARGE_CROSS_LINKS if ctx.large else SMALL_CROSS_LINKS
    members: dict[int, list[int]] = {}
    for index, run in enumerate(runs):
        if run.programme_id is not None:
            members.setdefault(run.programme_id, []).append(index)
    programmes = [ids for ids in members.values() if len(ids) >= 2]
    starts: dict[int, list[tuple[int, int]]] = {}
    links: list[tuple[int, int, str, int, str]] = []
    seen: set[tuple[int, int]] = set()
    attempts = 0
    while len(links) < wanted:
        attempts += 1
        if attempts > wanted * 200:
            raise RuntimeError("could not place the cross-project links")
        first, second = sorted(rng.sample(rng.choice(programmes), 2))
        source, target = runs[first], runs[second]
        milestones = [i for i, t in enumerate(source.plan.tasks) if t.milestone]
        pred = rng.choice(milestones)
        if second not in starts:
            starts[second] = sorted((target.start[i], i) for i in target.work_leaves())
        candidates = starts[second]
        position = bisect.bisect_left(candidates, (source.finish[pred], -1))
        if position >= len(candidates):
            continue
        succ = candidates[position][1]
        key = (source.task_id(pred), target.task_id(succ))
        if key in seen:
            continue
        lag = 0
        slack = target.start[succ] - source.finish[pred]
        if slack >= 5 and rng.random() < 0.3:
            lag = 5 * 480
        seen.add(key)
        links.append((key[0], key[1], "FS", lag, "working"))
    return links


def dependency_rows(ctx: Context, runs: list[ProjectRun]) -> None:
    """The ``dependencies`` rows: every project's links, then the cross-project ones."""
    for run, quota in zip(runs, extra_link_quotas(ctx, runs), strict=True):
        add_extra_links(ctx, run, quota)
    rows = ctx.rows("dependencies")
    for run in runs:
        for link in run.plan.links:
            rows.append(
                {
                    "id": len(rows) + 1,
                    "predecessor_id": run.task_id(link.pred),
                    "successor_id": run.task_id(link.succ),
                    "type": link.type,
                    "lag": link.lag,
                    "lag_unit": link.unit,
                }
            )
    for pred, succ, kind, lag, unit in cross_links(ctx, runs):
        rows.append(
            {
                "id": len(rows) + 1,
                "predecessor_id": pred,
                "successor_id": succ,
                "type": kind,
                "lag": lag,
                "lag_unit": unit,
            }
        )
