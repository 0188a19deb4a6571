"""Levelling of real plans: links, constraints, priorities, slack; PSPLIB through the plan API."""

from __future__ import annotations

import random
import statistics
import threading
from datetime import datetime
from pathlib import Path

import pytest
from test_psplib import _data, _sample

from pmo_desktop.scheduling.cpm import schedule
from pmo_desktop.scheduling.levelling import (
    LevellingError,
    check_levelled,
    level,
    levelled_schedule,
)
from pmo_desktop.scheduling.loading import ResourceSpec
from pmo_desktop.scheduling.model import AssignmentSpec, LinkSpec, ScheduleInput, TaskSpec
from pmo_desktop.scheduling.psplib import read_optimum, read_sm
from pmo_desktop.scheduling.psplib_plan import levelled_periods, plan_from_rcpsp
from pmo_desktop.scheduling.rcpsp import check_feasible, critical_path_bound

MONDAY = datetime(2027, 3, 1, 8, 0)
DAY = 480
ALICE = ResourceSpec(id=1, name="Alice", max_units=1.0)
BOB = ResourceSpec(id=2, name="Bob", max_units=1.0)


def _plan(tasks: list[TaskSpec], links: list[LinkSpec] | None = None) -> ScheduleInput:
    return ScheduleInput(start=MONDAY, tasks=tasks, links=links or [])


def _level(plan, resources, assignments, **options):
    result = level(plan, resources, assignments, time_limit_s=2.0, max_schedules=400, **options)
    slack = options.get("within_slack", False)
    assert check_levelled(plan, resources, assignments, result, within_slack=slack) == []
    return result


def test_two_competing_tasks_the_lower_priority_waits() -> None:
    for high, low in ((1, 2), (2, 1)):
        tasks = [
            TaskSpec(id=1, name="Design", duration=2 * DAY, priority=900 if high == 1 else 100),
            TaskSpec(id=2, name="Build", duration=2 * DAY, priority=900 if high == 2 else 100),
        ]
        assignments = [AssignmentSpec(1, 1), AssignmentSpec(2, 1)]
        result = _level(_plan(tasks), [ALICE], assignments)
        assert result.delays == {low: 2 * DAY}
        assert result.tasks[high].start == MONDAY
        assert result.tasks[low].start == datetime(2027, 3, 3, 8, 0)
        assert result.tasks[low].finish == datetime(2027, 3, 4, 17, 0)
        assert result.over_allocations == []


def test_no_over_allocation_means_no_delay() -> None:
    tasks = [TaskSpec(id=1, duration=DAY), TaskSpec(id=2, duration=DAY)]
    result = _level(_plan(tasks), [ALICE, BOB], [AssignmentSpec(1, 1), AssignmentSpec(2, 2)])
    assert result.delays == {}
    assert result.finish == datetime(2027, 3, 1, 17, 0)


def test_links_of_every_type_with_lags_hold_and_successors_follow_without_own_delay() -> None:
    tasks = [
        TaskSpec(id=1, name="A", duration=3 * DAY, priority=800),
        TaskSpec(id=2, name="B", duration=2 * DAY),
        TaskSpec(id=3, name="C", duration=DAY),  # FS +1 day after B, no resources
        TaskSpec(id=4, name="D", duration=2 * DAY),  # SS -2 h from B
        TaskSpec(id=5, name="E", duration=DAY),  # FF +4 h after A
        TaskSpec(id=6, name="F", duration=DAY),  # SF from B
        TaskSpec(id=7, name="Phase"),
        TaskSpec(id=8, name="G", duration=DAY, parent=7),
        TaskSpec(id=9, name="H", duration=DAY, parent=7),
    ]
    links = [
        LinkSpec(2, 3, "FS", DAY),
        LinkSpec(2, 4, "SS", -120),
        LinkSpec(1, 5, "FF", 240),
        LinkSpec(2, 6, "SF", 3 * DAY),
        LinkSpec(4, 7, "FS", 0),
        LinkSpec(1, 3, "FS", 50, "percent"),
    ]
    assignments = [
        AssignmentSpec(1, 1),
        AssignmentSpec(2, 1),
        AssignmentSpec(4, 1, 0.5),
        AssignmentSpec(5, 1, 0.5),
        AssignmentSpec(6, 2),
        AssignmentSpec(8, 2),
        AssignmentSpec(9, 2),
    ]
    plan = _plan(tasks, links)
    scheduled = schedule(plan)
    result = _level(plan, [ALICE, BOB], assignments)
    assert result.over_allocations == []
    assert result.delays
    # C has no resources: it moves only because A or B moved, never by a delay of its own.
    assert result.tasks[3].shift > 0 and result.tasks[3].delay == 0
    for task_id, moved in result.tasks.items():
        assert moved.start >= scheduled.tasks[task_id].start
    full = levelled_schedule(plan, scheduled, result)
    assert full.tasks[7].start == min(full.tasks[8].start, full.tasks[9].start)
    assert full.tasks[7].finish == max(full.tasks[8].finish, full.tasks[9].finish)
    assert full.tasks[2].levelling_delay == result.tasks[2].delay
    assert full.finish == result.finish


def test_fixed_tasks_never_move_and_others_make_room() -> None:
    tasks = [
        TaskSpec(id=1, name="Audit", duration=2 * DAY, constraint="MSO",
                 constraint_date=datetime(2027, 3, 2, 8, 0), priority=0),
        TaskSpec(id=2, name="Running", duration=2 * DAY, percent_complete=50,
                 actual_start=MONDAY, priority=0, remaining=DAY),
        TaskSpec(id=3, name="Report", duration=DAY, priority=1000),
        TaskSpec(id=4, name="Flexible", duration=DAY, priority=999),
        TaskSpec(id=5, name="Late", duration=DAY, constraint="SNET",
                 constraint_date=datetime(2027, 3, 3, 8, 0)),
    ]  # fmt: skip
    assignments = [AssignmentSpec(k, 1) for k in (1, 3, 4, 5)] + [AssignmentSpec(2, 2)]
    assignments.append(AssignmentSpec(4, 2))
    plan = _plan(tasks)
    scheduled = schedule(plan)
    result = _level(plan, [ALICE, BOB], assignments)
    for fixed in (1, 2, 3):
        assert result.tasks[fixed].start == scheduled.tasks[fixed].start
        assert result.tasks[fixed].delay == 0
    assert result.tasks[4].delay > 0 and result.tasks[5].start >= datetime(2027, 3, 3, 8, 0)
    # Audit (MSO, Tuesday) and Report (priority 1000, Monday) overlap nowhere but on Alice,
    # so what remains is only what fixed tasks cause between themselves.
    assert all("cannot move" in message for message in result.over_allocations)


def test_a_link_into_a_fixed_task_is_never_broken() -> None:
    tasks = [
        TaskSpec(id=1, name="Prepare", duration=DAY),
        TaskSpec(id=2, name="Other", duration=DAY, priority=900),
        TaskSpec(id=3, name="Launch", duration=DAY, constraint="MSO",
                 constraint_date=datetime(2027, 3, 2, 8, 0)),
    ]  # fmt: skip
    plan = _plan(tasks, [LinkSpec(1, 3)])
    assignments = [AssignmentSpec(1, 1), AssignmentSpec(2, 1)]
    result = _level(plan, [ALICE], assignments)
    assert result.tasks[1].start == MONDAY
    assert result.tasks[2].start == datetime(2027, 3, 2, 8, 0)


def test_within_slack_the_finish_never_moves_and_what_remains_is_explained() -> None:
    tasks = [
        TaskSpec(id=1, name="Critical", duration=3 * DAY),
        TaskSpec(id=2, name="Short", duration=DAY),
        TaskSpec(id=3, name="Wide", duration=2 * DAY),
    ]
    plan = _plan(tasks)
    scheduled = schedule(plan)
    assignments = [AssignmentSpec(2, 1), AssignmentSpec(3, 1), AssignmentSpec(1, 2)]
    inside = _level(plan, [ALICE, BOB], assignments, within_slack=True)
    assert inside.finish == scheduled.finish
    assert inside.over_allocations == []
    assert inside.delays in ({2: 2 * DAY}, {3: DAY})
    # Now Alice also works on the critical task: no slack is left to level it away.
    assignments.append(AssignmentSpec(1, 1))
    inside = _level(plan, [ALICE, BOB], assignments, within_slack=True)
    assert inside.finish == scheduled.finish
    assert inside.tasks[1].delay == 0
    assert inside.over_allocations and inside.over_allocations[0].startswith("'Alice'")
    assert "within slack" in inside.over_allocations[0]
    outside = _level(plan, [ALICE, BOB], assignments)
    assert outside.over_allocations == []
    assert outside.finish > scheduled.finish


def test_a_demand_above_max_units_is_reported_not_an_error() -> None:
    tasks = [TaskSpec(id=1, name="Big", duration=DAY), TaskSpec(id=2, name="Small", duration=DAY)]
    assignments = [AssignmentSpec(1, 1, 2.0), AssignmentSpec(2, 1, 0.5)]
    result = _level(_plan(tasks), [ALICE], assignments)
    assert result.tasks[2].delay == DAY
    assert any("'Big' alone needs 200 %" in message for message in result.over_allocations)


@pytest.mark.parametrize(
    ("resources", "assignments", "message"),
    [
        ([ALICE], [AssignmentSpec(1, 9)], "resource 9"),
        ([ALICE], [AssignmentSpec(9, 1)], "task 9"),
        ([ALICE, ResourceSpec(id=1)], [], "share one id"),
        ([ResourceSpec(id=1, name="X", max_units=-1)], [], "max units -1"),
        ([ALICE], [AssignmentSpec(1, 1, -0.5)], "units must be 0 or more"),
    ],
)
def test_bad_input_is_a_clear_error(resources, assignments, message) -> None:
    with pytest.raises(LevellingError, match=message):
        level(_plan([TaskSpec(id=1, duration=DAY)]), resources, assignments)


def test_progress_and_cancel() -> None:
    problem, _ = read_sm(_data("j30") / "j301_1.sm")
    plan, resources, assignments = plan_from_rcpsp(problem)
    stop = threading.Event()
    seen: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, label: str) -> None:
        seen.append((done, total, label))
        if len(seen) == 3:
            stop.set()

    result = level(plan, resources, assignments, time_limit_s=30, progress=progress, cancel=stop)
    assert result.cancelled and result.seconds < 30
    assert seen[0][1] == 1000 and seen[-1][0] == 1000 and seen[0][2].startswith("Levelling")
    assert check_levelled(plan, resources, assignments, result) == []


def test_random_plans_level_feasibly() -> None:
    rng = random.Random(3)
    for _ in range(12):
        count = rng.randint(6, 18)
        tasks = [
            TaskSpec(id=k, name=f"T{k}", duration=rng.choice([0, 1, 2, 3]) * 240,
                     priority=rng.choice([100, 500, 900]))
            for k in range(1, count + 1)
        ]  # fmt: skip
        links = [
            LinkSpec(a, b, rng.choice(["FS", "SS", "FF", "SF"]), rng.choice([-240, 0, 120, 480]))
            for a in range(1, count + 1)
            for b in range(a + 1, count + 1)
            if rng.random() < 0.15
        ]
        resources = [ALICE, BOB, ResourceSpec(id=3, name="Team", max_units=2.0)]
        assignments = [
            AssignmentSpec(task.id, rng.randint(1, 3), rng.choice([0.5, 1.0]))
            for task in tasks
            if rng.random() < 0.8
        ]
        plan = _plan(tasks, links)
        for within_slack in (False, True):
            result = _level(plan, resources, assignments, within_slack=within_slack)
            if not within_slack:
                assert result.over_allocations == []


def _level_sample(folder: Path) -> list[tuple[int, int, int]]:
    bounds = read_optimum(folder / "optimum.csv")
    results = []
    for name in _sample(folder):
        problem, _ = read_sm(folder / name)
        plan, resources, assignments = plan_from_rcpsp(problem)
        result = level(plan, resources, assignments, time_limit_s=5.0, max_schedules=3000)
        starts, makespan = levelled_periods(plan, result)
        assert check_feasible(problem, starts) == [], name
        assert result.over_allocations == []
        cp = critical_path_bound(problem)
        assert makespan >= max(bounds[name][0], cp), name
        results.append((makespan, bounds[name][1], cp))
    return results


def test_psplib_j30_sample_through_the_plan_api() -> None:
    results = _level_sample(_data("j30"))
    deviation = statistics.mean(100 * (ms - ub) / ub for ms, ub, _ in results)
    assert deviation <= 0.5  # measured 0.33 % at 3,000 schedules


def test_psplib_j60_sample_through_the_plan_api() -> None:
    results = _level_sample(_data("j60"))
    from_cp = statistics.mean(100 * (ms - cp) / cp for ms, _, cp in results)
    assert from_cp <= 12.0  # measured 10.73 % at 3,000 schedules


def test_empty_plan_and_plan_without_resources() -> None:
    empty = level(_plan([]), [], [])
    assert empty.tasks == {} and empty.finish is None and empty.over_allocations == []
    tasks = [TaskSpec(id=1, duration=DAY), TaskSpec(id=2, duration=DAY)]
    alone = _level(_plan(tasks, [LinkSpec(1, 2)]), [], [])
    assert alone.delays == {} and alone.finish == datetime(2027, 3, 2, 17, 0)
