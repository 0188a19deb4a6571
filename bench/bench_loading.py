"""Resource loading speed on the reference portfolio's shape: 500 resources × 104 weeks.

    python bench/bench_loading.py [--resources N] [--assignments M] [--weeks W] [--repeat R]

Builds a seeded case in memory (200 projects on a calendar with French public holidays,
500 resources in 12 roles, a tenth of them part-time and with their own calendar holding
personal leave, 100,000 assignments of 1 to 60 working days over two years) and times
`resource_loading` + `role_loading` + `over_allocations`: the budget is 0.5 s (DESIGN.md §7).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta

import holidays

from pmo_desktop.scheduling.calendar import WorkingCalendar
from pmo_desktop.scheduling.loading import (
    AssignmentSpan,
    ResourceSpec,
    over_allocations,
    resource_loading,
    role_loading,
)
from pmo_desktop.scheduling.model import CalendarSpec

PROJECTS = 200
ROLES = 12
START = date(2026, 1, 5)


def build_case(
    resource_count: int, assignment_count: int, weeks: int, seed: int = 1
) -> tuple[list[AssignmentSpan], list[ResourceSpec], dict[int, CalendarSpec], CalendarSpec]:
    """Assignments, resources, project calendars and the default calendar of a seeded case."""
    rng = random.Random(seed)
    french = holidays.France(years=range(START.year - 1, START.year + weeks // 52 + 2))
    public = {day: () for day in sorted(french)}
    default = CalendarSpec(name="France", exceptions=public)
    resources = []
    for resource_id in range(1, resource_count + 1):
        calendar = None
        units = 1.0
        if rng.random() < 0.1:
            units = rng.choice((0.5, 0.8))
            leave_start = START + timedelta(days=rng.randrange(weeks * 7))
            leave = {leave_start + timedelta(days=day): () for day in range(10)}
            calendar = CalendarSpec(name=f"R{resource_id}", exceptions={**public, **leave})
        resources.append(
            ResourceSpec(resource_id, f"Resource {resource_id}", f"Role {rng.randrange(ROLES)}",
                         units, calendar)
        )  # fmt: skip
    project_calendars = {project: default for project in range(PROJECTS)}
    calendar = WorkingCalendar(default, START)
    horizon = weeks * 5 * 480
    assignments = []
    for _ in range(assignment_count):
        first = rng.randrange(horizon - 480) // 480 * 480
        length = min(rng.randint(1, 60) * 480, horizon - first)
        units = rng.choice((0.25, 0.5, 1.0))
        assignments.append(
            AssignmentSpan(
                resource=rng.randint(1, resource_count),
                task=len(assignments) + 1,
                project=rng.randrange(PROJECTS),
                start=calendar.start_at(first),
                finish=calendar.finish_at(first + length),
                work=round(length * units),
            )
        )
    return assignments, resources, project_calendars, default


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=500)
    parser.add_argument("--assignments", type=int, default=100_000)
    parser.add_argument("--weeks", type=int, default=104)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    started = time.perf_counter()
    assignments, resources, project_calendars, default = build_case(
        args.resources, args.assignments, args.weeks
    )
    print(f"case built in {time.perf_counter() - started:.2f} s: {len(resources):,} resources, "
          f"{len(assignments):,} assignments")  # fmt: skip
    end = START + timedelta(weeks=args.weeks)
    samples = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        grid = resource_loading(
            assignments, resources, START, end, "week",
            project_calendars=project_calendars, default_calendar=default,
        )  # fmt: skip
        roles = role_loading(grid, resources)
        runs = over_allocations(grid)
        samples.append(time.perf_counter() - started)
    periods = len(grid.boundaries) - 1
    print(f"{len(grid.load):,} resources × {periods} weeks, {len(roles.load)} roles, "
          f"{len(runs):,} over-allocated runs")  # fmt: skip
    print(f"loading grid: median {statistics.median(samples):.3f} s, min {min(samples):.3f} s "
          f"(budget 0.5 s) over {args.repeat} runs; started {datetime.now():%Y-%m-%d}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
