"""`level_file` on a real over-allocated file: levelled dates and <LevelingDelay> written,
read back by our reader and by MPXJ."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from pmo_desktop.interop.mspdi import read_mspdi, to_schedule_input
from pmo_desktop.scheduling.cpm import schedule
from pmo_desktop.scheduling.levelling import check_levelled, level
from pmo_desktop.services.levelling import _file_resources, level_file
from pmo_desktop.services.levelling_commands import with_delays

NS = {"p": "http://schemas.microsoft.com/project"}


def _levelled(path: Path) -> dict[int, tuple[str, str, int]]:
    """UID → (start, finish, levelling delay in minutes) as written in the file."""
    root = ElementTree.parse(path).getroot()
    found = {}
    for task in root.iterfind("p:Tasks/p:Task", NS):
        delay = task.findtext("p:LevelingDelay", "0", NS)
        found[int(task.findtext("p:UID", "", NS))] = (
            task.findtext("p:Start", "", NS),
            task.findtext("p:Finish", "", NS),
            int(delay) // 10,
        )
    return found


def test_level_an_over_allocated_ms_project_file(
    mspdi_dir: Path, tmp_path: Path, mpxj_read: Callable[[Path], Any]
) -> None:
    source = mspdi_dir / "legacy" / "sample1.xml"
    imported = read_mspdi(source)
    plan = to_schedule_input(imported)
    resources, assignments = _file_resources(imported, plan)
    scheduled = schedule(plan)
    levelling = level(plan, resources, assignments, scheduled=scheduled, time_limit_s=0.5)
    assert levelling.delays and levelling.over_allocations == []
    assert check_levelled(plan, resources, assignments, levelling, scheduled) == []

    target = tmp_path / "levelled.xml"
    summary = level_file(source, target, time_limit_s=0.5)
    assert summary.delayed == len(levelling.delays)
    assert summary.finish is not None and summary.finish_before is not None
    assert summary.finish > summary.finish_before
    written = _levelled(target)
    again = read_mspdi(target)
    # The file holds the schedule of the plan with the delays: levelling's starts, and the
    # finishes the resources' calendars give (levelling keeps a task's CPM span).
    delayed = schedule(with_delays(plan, levelling.delays)).tasks
    for task_id, moved in levelling.tasks.items():
        start, finish, delay = written[task_id]
        assert (start, finish) == (
            moved.start.isoformat(timespec="seconds"),
            delayed[task_id].finish.isoformat(timespec="seconds"),
        )
        assert delay == moved.delay
        assert again.task(task_id).saved.start == moved.start
        # Read back, the delay is the task's own again: rescheduling keeps the dates.
        assert again.task(task_id).spec.levelling_delay == moved.delay
    rescheduled = schedule(to_schedule_input(again)).tasks
    assert all(rescheduled[task_id].start == moved.start
               for task_id, moved in levelling.tasks.items())  # fmt: skip
    project = mpxj_read(target)
    for task in project.getTasks():
        uid = int(task.getUniqueID())
        if uid not in levelling.tasks:
            continue
        moved = levelling.tasks[uid]
        assert str(task.getStart()) == moved.start.isoformat(timespec="minutes")
        delay = task.getLevelingDelay()
        minutes = 0.0 if delay is None else float(delay.getDuration()) * 480
        assert round(minutes) == moved.delay, uid
