"""Critical path method with Microsoft Project's conventions (DESIGN.md §4).

The passes run on an integer timeline: working minutes of the project calendar counted
from midnight of the project start day. Dates become datetimes only at the end, so a
portfolio of 50,000 tasks schedules in a fraction of a second. The network is built in
cpm_graph.py (its edges, as flat columns, in cpm_edges.py), the passes live in
cpm_passes.py (the rules for a task off their fast path in cpm_rules.py), the results in
cpm_results.py, and incremental.py updates a schedule after one edit.
"""

from __future__ import annotations

import gc

from pmo_desktop.scheduling.cpm_graph import CycleError, SchedulingError
from pmo_desktop.scheduling.cpm_results import Scheduler
from pmo_desktop.scheduling.model import ScheduleInput, ScheduleResult

__all__ = ["CycleError", "SchedulingError", "schedule"]


def schedule(plan: ScheduleInput) -> ScheduleResult:
    """Forward and backward passes: early/late dates, slack, critical flags, drivers."""
    # Hundreds of thousands of small lists and records, none of them cyclic: the cyclic
    # garbage collector would only rescan them again and again while they are built.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return Scheduler(plan).run()
    finally:
        if collecting:
            gc.enable()
