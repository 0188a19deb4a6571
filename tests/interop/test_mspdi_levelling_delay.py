"""MSPDI `LevelingDelay` in and out: working formats read as working minutes, elapsed
formats converted to the working minutes they span at the task's start, written back in
tenths of a minute (format 7) and read again unchanged."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from test_mspdi import _link, _project_xml, _task

from pmo_desktop.interop.mspdi import levelling_delays, read_mspdi, to_schedule_input, write_mspdi
from pmo_desktop.scheduling.cpm import schedule


def _delay(tenths: int, delay_format: int) -> str:
    return (
        f"<LevelingDelay>{tenths}</LevelingDelay>"
        f"<LevelingDelayFormat>{delay_format}</LevelingDelayFormat>"
    )


def _file(first: str = "", second: str = "") -> bytes:
    # Mon 2 March 2026: T1 (2 days), then T2 (1 day) after it.
    return _project_xml(
        _task(0, level=0)
        + _task(1, duration="PT16H0M0S", more=first)
        + _task(2, more=second + _link(1, 1, 0, 7))
    )


def test_a_working_delay_is_read_as_working_minutes() -> None:
    imported = read_mspdi(_file(first=_delay(4800, 7)))  # 1 day, in tenths of a minute
    assert imported.task(1).spec.levelling_delay == 480
    assert imported.report == []
    found = schedule(to_schedule_input(imported)).tasks
    assert found[1].start == datetime(2026, 3, 3, 8)
    assert found[2].start == datetime(2026, 3, 5, 8)


def test_an_elapsed_delay_is_the_working_time_it_spans_at_the_start() -> None:
    # T2 would start Wed 4 March 08:00; 3 elapsed days reach Sat 08:00: the working time
    # between is Wed, Thu and Fri (3 days), and T2 starts Monday 9 March.
    imported = read_mspdi(_file(second=_delay(3 * 1440 * 10, 8)))
    plan = to_schedule_input(imported)
    assert plan.tasks[-1].levelling_delay == 3 * 480
    assert schedule(plan).tasks[2].start == datetime(2026, 3, 9, 8)
    # From a Friday, 3 elapsed days (Fri 08:00 → Mon 08:00) are 1 working day.
    friday = read_mspdi(_file(first=_delay(2 * 4800, 7), second=_delay(3 * 1440 * 10, 8)))
    plan = to_schedule_input(friday)
    assert [task.levelling_delay for task in plan.tasks] == [960, 480]
    assert levelling_delays(friday) == {1: 960, 2: 480}  # what a database import stores
    found = schedule(plan).tasks
    assert found[2].start == datetime(2026, 3, 9, 8)


def test_delays_round_trip(tmp_path: Path) -> None:
    imported = read_mspdi(_file(first=_delay(2400, 7), second=_delay(9600, 5)))
    plan = to_schedule_input(imported)
    result = schedule(plan)
    assert result.tasks[1].levelling_delay == 240 and result.tasks[2].levelling_delay == 960
    target = tmp_path / "delays.xml"
    write_mspdi(imported, result, target)
    text = target.read_text(encoding="utf-8")
    assert "<LevelingDelay>2400</LevelingDelay>" in text
    assert "<LevelingDelay>9600</LevelingDelay>" in text
    again = read_mspdi(target)
    assert [again.task(uid).spec.levelling_delay for uid in (1, 2)] == [240, 960]
    assert again.task(2).saved.start == result.tasks[2].start
    # Written without a schedule, the tasks' own delays are kept too.
    write_mspdi(again, None, target)
    assert [read_mspdi(target).task(uid).spec.levelling_delay for uid in (1, 2)] == [240, 960]
