"""The .sm reader and a sample of PSPLIB j30/j60 solved at a small, deterministic budget."""

from __future__ import annotations

import os
import statistics
from pathlib import Path

import pytest

from pmo_desktop.scheduling.psplib import read_optimum, read_sm
from pmo_desktop.scheduling.rcpsp import check_feasible, critical_path_bound, solve

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "psplib"
BUDGET = 5000  # schedules per instance: deterministic; ~0.25 s (j30), ~0.35 s (j60) here


def _data(name: str) -> Path:
    folder = DATA / name
    if not (folder / "optimum.csv").is_file():
        reason = f"PSPLIB data not found at {folder}"
        if os.environ.get("PMO_REQUIRE_SHARED_DATA", "") not in ("", "0"):
            pytest.fail(reason + " (PMO_REQUIRE_SHARED_DATA is set)")
        pytest.skip(reason)
    return folder


def _sample(folder: Path) -> list[str]:
    def key(name: str) -> tuple[int, int]:
        parameter, _, instance = name.removesuffix(".sm")[3:].partition("_")
        return int(parameter), int(instance)

    return sorted(read_optimum(folder / "optimum.csv"), key=key)[::10]


SM_TEXT = """\
************************************************************************
file with basedata            : tiny.bas
************************************************************************
projects                      :  1
jobs (incl. supersource/sink ):  4
horizon                       :  10
RESOURCES
  - renewable                 :  2   R
  - nonrenewable              :  0   N
  - doubly constrained        :  0   D
************************************************************************
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          2           2   3
   2        1          1           4
   3        1          1           4
   4        1          0
************************************************************************
REQUESTS/DURATIONS:
jobnr. mode duration  R 1  R 2
------------------------------------------------------------------------
  1      1     0       0    0
  2      1     3       2    1
  3      1     4       1    1
  4      1     0       0    0
************************************************************************
RESOURCEAVAILABILITIES:
  R 1  R 2
    2    5
************************************************************************
"""


def test_reads_a_small_sm_file(tmp_path: Path) -> None:
    path = tmp_path / "tiny.sm"
    path.write_text(SM_TEXT)
    problem, name = read_sm(path)
    assert name == "tiny.sm"
    assert problem.durations == [0, 3, 4, 0]
    assert problem.successors == [[1, 2], [3], [3], []]
    assert problem.capacities == [2, 5]
    assert problem.demands == [[0, 0], [2, 1], [1, 1], [0, 0]]
    assert solve(problem, max_schedules=500).makespan == 7


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "   2        1          1           4",
            "   2        1          2           4",
            "tiny.sm:15:",
        ),
        ("   3        1          1           4", "   3        1          1           9", "invalid"),
        ("  2      1     3       2    1", "  2      1     x       2    1", "tiny.sm:23:"),
        ("    2    5", "    1    5", "requests 2 of R1"),
        ("   2        1          1           4", "   2        2          1           4", "modes"),
        ("   4        1          0", "   4        1          1           2", "cycle"),
        ("  4      1     0       0    0\n", "", "expected request line of job 4"),
        ("jobs (incl. supersource/sink ):  4", "jobs: many", "number of jobs"),
    ],
)
def test_malformed_sm_files_name_file_and_line(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert old in SM_TEXT
    path = tmp_path / "tiny.sm"
    path.write_text(SM_TEXT.replace(old, new, 1))
    with pytest.raises(ValueError, match=message) as info:
        read_sm(path)
    assert str(info.value).startswith("tiny.sm:")


def test_reads_optimum_tables(tmp_path: Path) -> None:
    path = tmp_path / "optimum.csv"
    path.write_text("problem,optimum\na.sm,43\nb.sm,82..87\nc.sm,..83\n")
    assert read_optimum(path) == {"a.sm": (43, 43), "b.sm": (82, 87), "c.sm": (0, 83)}
    path.write_text("problem,optimum\na.sm,43\nb.sm,9..x\n")
    with pytest.raises(ValueError, match=r"optimum.csv:3: bad makespan"):
        read_optimum(path)


def test_reads_the_real_files() -> None:
    folder = _data("j30")
    problem, name = read_sm(folder / "j301_1.sm")
    assert name == "j301_1.sm"
    assert len(problem.durations) == 32
    assert problem.capacities == [12, 13, 4, 12]
    assert problem.successors[0] == [1, 2, 3]
    assert problem.durations[1] == 8 and problem.demands[1] == [4, 0, 0, 0]
    assert critical_path_bound(problem) == 38
    assert read_optimum(folder / "optimum.csv")["j301_1.sm"] == (43, 43)


def _solve_sample(folder: Path) -> list[tuple[int, int, int]]:
    """(makespan, best-known lower bound, best-known upper bound) of each sampled instance."""
    bounds = read_optimum(folder / "optimum.csv")
    results = []
    for name in _sample(folder):
        problem, _ = read_sm(folder / name)
        solution = solve(problem, time_limit=5.0, max_schedules=BUDGET, seed=0)
        assert check_feasible(problem, solution.starts) == [], name
        lower, upper = bounds[name]
        cp = critical_path_bound(problem)
        assert solution.makespan >= max(lower, cp), f"{name} beats a proven bound: a bug"
        results.append((solution.makespan, max(lower, cp), upper, cp))
    return results


def test_j30_sample_near_optimal() -> None:
    results = _solve_sample(_data("j30"))
    assert len(results) == 48
    deviation = statistics.mean(100 * (ms - ub) / ub for ms, _, ub, _ in results)
    # Measured 0.27 % at this budget (42 of 48 at the optimum); the 1 s gives ~0.2 %.
    assert deviation <= 0.5


def test_j60_sample_close_to_the_critical_path_bound() -> None:
    results = _solve_sample(_data("j60"))
    assert len(results) == 48
    from_cp = statistics.mean(100 * (ms - cp) / cp for ms, _, _, cp in results)
    from_best = statistics.mean(100 * (ms - ub) / ub for ms, _, ub, _ in results)
    # Measured 10.43 % from the critical path and 0.50 % from the best known at this budget.
    assert from_cp <= 11.5
    assert from_best <= 1.0
