"""The state arrays the CPM's forward and backward passes read and write (`cpm_passes`):
one slot per node, copied whole by the incremental scheduler before an edit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from pmo_desktop.scheduling.cpm_graph import FAR


@dataclass(slots=True)
class ForwardState:
    """Early dates of every node, the predecessor that set them, and constraint warnings."""

    early_start: list[int]
    early_finish: list[int]
    driver: list[int | None]
    #: Whether a milestone sits at the end of the previous working time (else next start);
    #: for a task, whether its constraint date shows as given (a start at the end of
    #: working time for MSO/SNET/SNLT, a finish at the start of it for MFO/FNET); for a
    #: summary that links or nests, whether its finish is at the end of working time.
    at_finish: list[bool]
    warning: dict[int, str]
    #: For a summary that links or nests: whether its start (its earliest task's) is one.
    start_at_finish: list[bool]
    #: Start and finish of a task off the project calendar, as its calendars place them
    #: (a resource's night shift may start at 23:00: the project calendar cannot say it).
    exact: dict[int, tuple[datetime, datetime]] = field(default_factory=dict)

    @classmethod
    def empty(cls, count: int) -> ForwardState:
        return cls([0] * count, [0] * count, [None] * count, [False] * count, {},
                   [False] * count)  # fmt: skip

    def copy(self) -> ForwardState:
        return ForwardState(self.early_start[:], self.early_finish[:], self.driver[:],
                            self.at_finish[:], dict(self.warning),
                            self.start_at_finish[:], dict(self.exact))  # fmt: skip


@dataclass(slots=True)
class BackwardState:
    """Late dates as the pass reads them, the bounds summaries pass down, and the shown
    late dates (a started task shows its actual start, a summary its children's span)."""

    late_start: list[int]
    late_finish: list[int]
    inherited: list[int]
    inherited_start: list[int]
    start_bound: list[int]
    shown_start: list[int]
    shown_finish: list[int]
    #: Late start and finish of a task off the project calendar, as its calendars say.
    exact: dict[int, tuple[datetime, datetime]] = field(default_factory=dict)

    @classmethod
    def empty(cls, count: int) -> BackwardState:
        return cls([0] * count, [0] * count, [FAR] * count, [FAR] * count, [FAR] * count,
                   [0] * count, [0] * count)  # fmt: skip

    def copy(self) -> BackwardState:
        return BackwardState(self.late_start[:], self.late_finish[:], self.inherited[:],
                             self.inherited_start[:], self.start_bound[:],
                             self.shown_start[:], self.shown_finish[:],
                             dict(self.exact))  # fmt: skip
