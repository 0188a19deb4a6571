"""MS Project's predecessor notation: parsing, formatting, and errors that name the bad part."""

from __future__ import annotations

import pytest

from pmo_desktop.errors import ValidationError
from pmo_desktop.models import LagUnit, LinkType
from pmo_desktop.services.predecessors import (
    PredecessorEntry,
    WorkingTime,
    format_duration,
    format_predecessors,
    parse_duration,
    parse_predecessors,
)

W, E, P = LagUnit.WORKING, LagUnit.ELAPSED, LagUnit.PERCENT


def test_every_type_and_lag_unit() -> None:
    text = "3FS+2d; 5SS, 7ff-1w;8SF+3h;9+2ed;10FS+50%;11+1.5d;12ss-30m;13+1mo;14FS+4"
    assert parse_predecessors(text) == [
        PredecessorEntry(3, LinkType.FS, 960, W),
        PredecessorEntry(5, LinkType.SS, 0, W),
        PredecessorEntry(7, LinkType.FF, -2400, W),
        PredecessorEntry(8, LinkType.SF, 180, W),
        PredecessorEntry(9, LinkType.FS, 2 * 1440, E),
        PredecessorEntry(10, LinkType.FS, 50, P),
        PredecessorEntry(11, LinkType.FS, 720, W),
        PredecessorEntry(12, LinkType.SS, -30, W),
        PredecessorEntry(13, LinkType.FS, 20 * 480, W),
        PredecessorEntry(14, LinkType.FS, 4 * 480, W),
    ]
    assert parse_predecessors("") == []
    assert parse_predecessors(" ; ") == []


def test_the_calendar_sets_day_and_week_lengths() -> None:
    seven_hours = WorkingTime(minutes_per_day=420, minutes_per_week=2100)
    assert parse_predecessors("2FS+1d;3+1w", seven_hours) == [
        PredecessorEntry(2, LinkType.FS, 420, W),
        PredecessorEntry(3, LinkType.FS, 2100, W),
    ]


def test_format_round_trips() -> None:
    text = "3;5SS;7FF-5d;8SF+3h;9FS+2ed;10FS+50%;11FS+1.5d;12SS-30m;13FS+3eh"
    assert format_predecessors(parse_predecessors(text)) == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("3XX", "'3XX': unknown link type 'XX'"),
        ("3FS+2q", "'3FS\\+2q': unknown lag unit 'q'"),
        ("2;abc", "'abc' is not a predecessor"),
        ("0FS", "'0FS': task IDs start at 1"),
        ("3FS+2d;3SS", "Task 3 is listed twice"),
        ("3FS+", "'3FS\\+' is not a predecessor"),
        ("4FS+1..5d", "'1..5' is not a number"),
    ],
)
def test_errors_name_the_bad_part(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_predecessors(text)


def test_durations() -> None:
    assert parse_duration("5d") == 2400
    assert parse_duration("3.5h") == 210
    assert parse_duration("2 w") == 4800
    assert parse_duration("4") == 1920
    assert parse_duration("1d?") == 480
    assert format_duration(2400) == "5d"
    assert format_duration(240) == "0.5d"
    assert format_duration(180) == "3h"
    assert format_duration(0) == "0d"
    with pytest.raises(ValidationError, match="'five days' is not a duration"):
        parse_duration("five days")
    with pytest.raises(ValidationError, match="unknown duration unit 'y'"):
        parse_duration("3y")
