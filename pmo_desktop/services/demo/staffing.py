"""Resources and who works on what.

The small demo staffs tasks the way a resource manager would (same team, same language,
whoever is free) and then deliberately double-books a few key people across projects;
the large one draws exactly 100,000 assignments from the role pools.
"""

from __future__ import annotations

from pmo_desktop.services.demo import texts
from pmo_desktop.services.demo.catalogue import ResourceSpec
from pmo_desktop.services.demo.runtime import Assigned, Context, ProjectRun, money

LARGE_ASSIGNMENTS = 100_000
#: People the small demo over-allocates on purpose (architects, analysts, data, testing).
DOUBLE_BOOKED = ("Antoine Girard", "Camille Laurent", "Romain Lambert", "Chloé Garnier")
_EPSILON = 1e-9


def resource_rows(
    ctx: Context, resources: list[ResourceSpec], portfolio_id: int, calendar_id: int
) -> None:
    """The ``resources`` rows (ids in list order)."""
    rows = ctx.rows("resources")
    for spec in resources:
        cents = spec.rate * 100
        rows.append(
            {
                "id": len(rows) + 1,
                "portfolio_id": portfolio_id,
                "code": spec.code,
                "name": spec.name,
                "kind": spec.kind,
                "role": spec.role,
                "department": spec.department,
                "email": spec.email,
                "max_units": spec.max_units,
                "cost_rate": money(cents),
                "overtime_rate": money(round(cents * 1.25)) if spec.kind == "person" else money(0),
                "cost_per_use": money(0),
                "currency": "EUR",
                "calendar_id": calendar_id,
                "active": True,
            }
        )


def _role_pools(resources: list[ResourceSpec]) -> dict[str, list[int]]:
    """Resource indices per role: people first, then the generic role pools."""
    pools: dict[str, list[int]] = {}
    for kind in ("person", "role"):
        for index, spec in enumerate(resources):
            if spec.kind == kind:
                pools.setdefault(spec.role, []).append(index)
    return pools


def staff_large(ctx: Context, runs: list[ProjectRun], resources: list[ResourceSpec]) -> None:
    """Exactly 100,000 assignments, spread evenly over the work tasks, unique per task."""
    rng = ctx.rng
    pools = _role_pools(resources)
    leaves = [(run, local) for run in runs for local in run.work_leaves()]
    base, extra = divmod(LARGE_ASSIGNMENTS, len(leaves))
    counts = [base] * len(leaves)
    for index in rng.sample(range(len(leaves)), extra):
        counts[index] += 1
    by_name = {spec.name: index for index, spec in enumerate(resources)}
    for (run, local), count in zip(leaves, counts, strict=True):
        pool = pools[run.plan.tasks[local].role]
        if run.plan.tasks[local].role == texts.PM:
            manager = by_name[run.spec.manager]
            others = rng.sample([r for r in pool if r != manager], count - 1)
            chosen = [manager, *others]
        else:
            chosen = rng.sample(pool, count)
        for resource in chosen:
            run.assigned.append(Assigned(local, resource, 1.0 if rng.random() < 0.7 else 0.5))
    for run in runs:
        team: list[str] = []
        for assigned in run.assigned:
            name = resources[assigned.resource].name
            if resources[assigned.resource].kind == "person" and name not in team:
                team.append(name)
            if len(team) == 12:
                break
        run.team = team


class _Loads:
    """Units booked per resource and working day, to find who is free."""

    def __init__(self, resources: list[ResourceSpec], first: int, last: int) -> None:
        self.first = first
        self.resources = resources
        self.units = [[0.0] * (last - first + 1) for _ in resources]

    def peak(self, resource: int, start: int, finish: int) -> float:
        """The highest booking of ``resource`` on the days between two points."""
        days = self.units[resource][start - self.first : finish - self.first]
        return max(days, default=0.0)

    def book(self, resource: int, start: int, finish: int, units: float) -> None:
        """Add ``units`` to every day between two points."""
        days = self.units[resource]
        for day in range(start - self.first, finish - self.first):
            days[day] += units

    def free(self, resource: int, start: int, finish: int) -> float:
        """Units still free on the busiest of those days."""
        return self.resources[resource].max_units - self.peak(resource, start, finish)


def staff_small(ctx: Context, runs: list[ProjectRun], resources: list[ResourceSpec]) -> None:
    """Staff every work task with someone free, then double-book a few key people."""
    rng = ctx.rng
    pools = _role_pools(resources)
    by_name = {spec.name: index for index, spec in enumerate(resources)}
    material = next(i for i, spec in enumerate(resources) if spec.kind == "material")
    first = min(run.project_start() for run in runs)
    last = max(run.project_finish() for run in runs)
    loads = _Loads(resources, first, last)
    for run in runs:
        team: list[int] = []
        for local in run.work_leaves():
            task = run.plan.tasks[local]
            start, finish = run.start[local], run.finish[local]
            chosen: list[int] = []
            if task.role == texts.PM:
                manager = by_name[run.spec.manager]
                chosen.append(manager)
                units = [0.5 if loads.free(manager, start, finish) >= 0.5 - _EPSILON else 0.25]
            else:
                wanted = 2 if run.days[local] >= 8 and rng.random() < 0.3 else 1
                units = []
                for resource, share in _free_people(
                    run, pools[task.role], team, loads, start, finish
                ):
                    chosen.append(resource)
                    units.append(share)
                    if len(chosen) == wanted:
                        break
                if not chosen:
                    chosen.append(_fallback(pools[task.role], loads, start, finish))
                    units.append(1.0)
            if task.role == texts.TEST and rng.random() < 0.2:
                chosen.append(material)
                units.append(1.0)
            for resource, share in zip(chosen, units, strict=True):
                run.assigned.append(Assigned(local, resource, share))
                loads.book(resource, start, finish, share)
                if resource not in team:
                    team.append(resource)
        run.team = [resources[r].name for r in team if resources[r].kind == "person"]
    for name in DOUBLE_BOOKED:
        _double_book(ctx, runs, by_name[name], loads)


def _fallback(pool: list[int], loads: _Loads, start: int, finish: int) -> int:
    """Nobody is free: the role's contractor pool absorbs the work, else the least loaded."""
    pools = [r for r in pool if loads.resources[r].kind == "role"]
    return pools[0] if pools else min(pool, key=lambda r: (loads.peak(r, start, finish), r))


def _free_people(
    run: ProjectRun, pool: list[int], team: list[int], loads: _Loads, start: int, finish: int
) -> list[tuple[int, float]]:
    """Candidates with at least half a day free, team members and same-language people first."""
    ranked = sorted(
        pool,
        key=lambda r: (
            loads.resources[r].kind != "person",
            r not in team,
            loads.resources[r].lang != run.spec.lang,
            r,
        ),
    )
    found = []
    for resource in ranked:
        free = loads.free(resource, start, finish)
        if free >= 0.5 - _EPSILON:
            found.append((resource, 1.0 if free >= 1.0 - _EPSILON else 0.5))
    return found


def _double_book(ctx: Context, runs: list[ProjectRun], person: int, loads: _Loads) -> None:
    """Put ``person`` on a task of another project that overlaps one of their current tasks."""
    role = loads.resources[person].role
    own = [
        (run, a.task)
        for run in runs
        for a in run.assigned
        if a.resource == person and run.finish[a.task] > ctx.cutoff
    ]
    for run, local in own:
        start, finish = run.start[local], run.finish[local]
        for other in runs:
            if other is run:
                continue
            taken = {a.task for a in other.assigned if a.resource == person}
            for candidate in other.work_leaves():
                overlap = min(finish, other.finish[candidate]) - max(start, other.start[candidate])
                if overlap < 3 or candidate in taken or other.plan.tasks[candidate].role != role:
                    continue
                c_start, c_finish = other.start[candidate], other.finish[candidate]
                other.assigned.append(Assigned(candidate, person, 1.0))
                loads.book(person, c_start, c_finish, 1.0)
                name = loads.resources[person].name
                if name not in other.team:
                    other.team.append(name)
                return
