"""Percent lags that are not whole minutes (below one minute, or exact halves).

Our timeline counts whole minutes; MPXJ's MicrosoftScheduler keeps the seconds (10 % of
25 min = 2 min 30 s: 08:02:30). A percent lag is the nearest minute, halves rounded up,
so the successor starts at MPXJ's instant rounded to the minute. Python's round() rounded
halves to even (2.5 → 2 but 3.5 → 4): one minute early on half of the halves.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from pmo_desktop.scheduling.cpm import schedule
from pmo_desktop.scheduling.model import LinkSpec, ScheduleInput, TaskSpec, percent_lag

START = datetime(2026, 3, 2, 8, 0)


@pytest.mark.parametrize(
    ("duration", "percent", "minutes"),
    [
        (25, 10, 3),  # 2.5 (round() gave 2)
        (35, 10, 4),  # 3.5
        (5, 50, 3),  # 2.5
        (1, 50, 1),  # 30 s
        (1, 49, 0),  # 29.4 s
        (1, 25, 0),  # 15 s: no lag at all
        (3, 17, 1),  # 30.6 s
        (25, -10, -2),  # a lead of 2.5 min: the instant 2 min 30 s earlier rounds up
        (67, 10, 7),  # 6.7
        (0, 50, 0),
        (480, 100, 480),
        (481, -33, -159),  # -158.73
    ],
)
def test_percent_lag_is_the_nearest_minute_halves_up(
    duration: int, percent: int, minutes: int
) -> None:
    assert percent_lag(duration, percent) == minutes


def _nearest_minute(moment: datetime) -> datetime:
    rounded = moment.replace(second=0, microsecond=0)
    return rounded + timedelta(minutes=1) if moment.second >= 30 else rounded


CASES = [
    (duration, percent, kind)
    for duration in (1, 2, 3, 5, 7, 13, 25, 35, 45)
    for percent in (1, 10, 17, 25, 30, 50)
    for kind in ("SS", "FS")
]


def test_starts_equal_mpxj_rounded_to_the_minute(mpxj_oracle) -> None:
    """Predecessor at 08:00, lags inside the morning: no calendar boundary is crossed, so
    the only difference left is MPXJ's seconds."""
    found = []
    for duration, percent, kind in CASES:
        tasks = [TaskSpec(1, "A", duration), TaskSpec(2, "B", 60)]
        plan = ScheduleInput(START, tasks, [LinkSpec(1, 2, kind, percent, "percent")])
        ours, theirs = schedule(plan).tasks[2], mpxj_oracle(plan)[2]
        expected = _nearest_minute(theirs["start"])  # type: ignore[arg-type]
        if ours.start != expected:
            found.append(f"{percent} % of {duration} min {kind}: {ours.start} vs {expected}")
    assert found == []
