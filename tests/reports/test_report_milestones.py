"""Which milestones a cut table keeps: what a steering committee looks for first."""

from __future__ import annotations

from datetime import date

import pytest

from pmo_desktop.reports.data import MilestoneLine
from pmo_desktop.reports.project_page import kept_milestones


def _line(name: str, month: int, done: bool) -> MilestoneLine:
    day = date(2026, month, 1)
    return MilestoneLine(name, day, day, 0.0, None, done)


LINES = (
    _line("D1", 1, True),
    _line("D2", 2, True),
    _line("D3", 3, True),
    *(_line(f"O{k}", 3 + k, False) for k in range(1, 6)),
)


@pytest.mark.parametrize(
    ("limit", "expected"),
    [
        (None, ["D1", "D2", "D3", "O1", "O2", "O3", "O4", "O5"]),
        (8, ["D1", "D2", "D3", "O1", "O2", "O3", "O4", "O5"]),
        (4, ["D3", "O1", "O2", "O3"]),
        (1, ["D3"]),
        (7, ["D2", "D3", "O1", "O2", "O3", "O4", "O5"]),
    ],
)
def test_the_latest_completed_then_the_next_open_ones_in_date_order(limit, expected) -> None:
    assert [line.name for line in kept_milestones(LINES, limit)] == expected


def test_without_completed_milestones_the_soonest_open_ones() -> None:
    open_only = LINES[3:]
    assert [line.name for line in kept_milestones(open_only, 2)] == ["O1", "O2"]
