"""Resource-levelling engine judged on PSPLIB (DESIGN.md §4).

    python bench/bench_levelling.py [--set j30|j60] [--time-limit S] [--every N]
        [--max-schedules N] [--seed N] [--data DIR] [--api core|plan]

`--api core` solves the RcpspProblem with `rcpsp.solve`; `--api plan` turns each instance
into a real plan (tasks of whole days, FS links, resources, assignments) and levels it with
`levelling.level`, reading the makespan back from the levelled dates.

j30 is judged against the optimum, j60 against the critical-path lower bound and the
best-known upper bound. Default time limits are the issue's: 1 s per j30, 2 s per j60 instance.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pmo_desktop.scheduling.levelling import level  # noqa: E402
from pmo_desktop.scheduling.psplib import read_optimum, read_sm  # noqa: E402
from pmo_desktop.scheduling.psplib_plan import levelled_periods, plan_from_rcpsp  # noqa: E402
from pmo_desktop.scheduling.rcpsp import (  # noqa: E402
    RcpspProblem,
    RcpspSolution,
    check_feasible,
    critical_path_bound,
    solve,
)

DEFAULT_LIMITS = {"j30": 1.0, "j60": 2.0}


def _instance_key(name: str) -> tuple[int, int]:
    parameter, _, instance = name.removesuffix(".sm")[3:].partition("_")
    return int(parameter), int(instance)


def run(args: argparse.Namespace) -> int:
    folder = Path(args.data) / args.set
    if not folder.is_dir():
        print(f"no PSPLIB data at {folder}", file=sys.stderr)
        return 2
    bounds = read_optimum(folder / "optimum.csv")
    names = sorted(bounds, key=_instance_key)[:: args.every]
    limit = args.time_limit if args.time_limit is not None else DEFAULT_LIMITS[args.set]
    dev_ub: list[float] = []
    dev_cp: list[float] = []
    at_best = 0
    schedules: list[int] = []
    seconds: list[float] = []
    failures: list[str] = []
    t0 = time.perf_counter()
    for i, name in enumerate(names, 1):
        problem, _ = read_sm(folder / name)
        solution = _solve(args.api, problem, limit, args.max_schedules, args.seed)
        lower, upper = bounds[name]
        cp = critical_path_bound(problem)
        if check_feasible(problem, solution.starts):
            failures.append(f"{name}: infeasible")
        if solution.makespan < max(lower, cp):
            failures.append(f"{name}: makespan {solution.makespan} below lower bound {lower}")
        dev_ub.append(100.0 * (solution.makespan - upper) / upper)
        dev_cp.append(100.0 * (solution.makespan - cp) / cp)
        at_best += solution.makespan <= upper
        schedules.append(solution.schedules_evaluated)
        seconds.append(solution.seconds)
        if args.verbose:
            print(
                f"{i:4d} {name:14s} {solution.makespan:4d} best {upper:4d} cp {cp:4d} "
                f"{solution.schedules_evaluated:6d} sch {solution.seconds:.2f} s",
                flush=True,
            )
    wall = time.perf_counter() - t0
    label = "optimum" if args.set == "j30" else "best-known upper bound"
    print(
        f"set {args.set} ({args.api} API): {len(names)} instances, time limit {limit} s, "
        f"seed {args.seed}"
        + (f", max {args.max_schedules} schedules" if args.max_schedules else "")
    )
    print(
        f"  deviation from {label}: mean {statistics.mean(dev_ub):.2f} %, max {max(dev_ub):.2f} %"
    )
    print(
        f"  deviation from critical-path bound: mean {statistics.mean(dev_cp):.2f} %, "
        f"max {max(dev_cp):.2f} %"
    )
    print(f"  at {label}: {100.0 * at_best / len(names):.1f} %")
    print(
        f"  schedules evaluated: mean {statistics.mean(schedules):.0f}; "
        f"{sum(schedules) / max(sum(seconds), 1e-9):.0f} per second"
    )
    print(
        f"  seconds per instance: mean {statistics.mean(seconds):.3f}, "
        f"max {max(seconds):.3f}; wall {wall:.0f} s"
    )
    for failure in failures:
        print(f"  FAILURE {failure}")
    return 1 if failures else 0


def _solve(
    api: str, problem: RcpspProblem, limit: float, max_schedules: int | None, seed: int
) -> RcpspSolution:
    if api == "core":
        return solve(problem, time_limit=limit, max_schedules=max_schedules, seed=seed)
    started = time.perf_counter()
    plan, resources, assignments = plan_from_rcpsp(problem)
    result = level(
        plan,
        resources,
        assignments,
        time_limit_s=limit,
        max_schedules=max_schedules,
        seed=seed,
    )
    starts, makespan = levelled_periods(plan, result)
    if result.over_allocations:
        raise AssertionError("; ".join(result.over_allocations))
    return RcpspSolution(
        starts, makespan, result.schedules_evaluated, time.perf_counter() - started
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(DEFAULT_LIMITS), default="j30")
    parser.add_argument("--time-limit", type=float, default=None, help="seconds per instance")
    parser.add_argument("--every", type=int, default=1, help="take every N-th instance")
    parser.add_argument("--max-schedules", type=int, default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "psplib"))
    parser.add_argument("--api", choices=("core", "plan"), default="core")
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per instance")
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
