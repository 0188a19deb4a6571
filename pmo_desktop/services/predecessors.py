"""Microsoft Project's predecessor notation: `3FS+2d;5SS-1w;7FF+50%`.

Each entry names a predecessor by its ID (its row number in the project), then an optional
link type (FS when omitted) and an optional lag: a signed number and a unit — `m`, `h`, `d`,
`w`, `mo` for working time (days when none is given), the same with an `e` in front for
elapsed time (`+2ed`), or `%` of the predecessor's duration. Entries are separated by `;` or
`,`. Working units follow the project calendar's day, week and month lengths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from pmo_desktop.errors import ValidationError
from pmo_desktop.models import LagUnit, LinkType

ELAPSED_MINUTES = {"m": 1, "h": 60, "d": 1440, "w": 7 * 1440, "mo": 30 * 1440}
_UNIT_WORDS = {
    "m": "m", "min": "m", "mins": "m", "minute": "m", "minutes": "m",
    "h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
    "d": "d", "dy": "d", "day": "d", "days": "d",
    "w": "w", "wk": "w", "wks": "w", "week": "w", "weeks": "w",
    "mo": "mo", "mon": "mo", "month": "mo", "months": "mo",
}  # fmt: skip
_ENTRY = re.compile(
    r"^(?P<id>\d+)\s*(?P<type>[a-z]{2})?\s*(?:(?P<sign>[+-])\s*(?P<number>[0-9.]+)\s*(?P<unit>%|[a-z]+)?)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class WorkingTime:
    """How long a working day, week and month are (the project calendar's settings)."""

    minutes_per_day: int = 480
    minutes_per_week: int = 2400
    days_per_month: int = 20

    def unit_minutes(self, unit: str) -> int:
        return {
            "m": 1,
            "h": 60,
            "d": self.minutes_per_day,
            "w": self.minutes_per_week,
            "mo": self.minutes_per_day * self.days_per_month,
        }[unit]


@dataclass(frozen=True)
class PredecessorEntry:
    """One predecessor: its row ID, link type, and lag (minutes, or % for PERCENT)."""

    row: int
    type: LinkType = LinkType.FS
    lag: int = 0
    lag_unit: LagUnit = LagUnit.WORKING


def parse_predecessors(text: str, time: WorkingTime | None = None) -> list[PredecessorEntry]:
    """The entries of `text`; ValidationError names the part that cannot be read."""
    time = time or WorkingTime()
    entries: list[PredecessorEntry] = []
    seen: set[int] = set()
    for part in re.split(r"[;,]", text):
        part = part.strip()
        if not part:
            continue
        entry = _parse_entry(part, time)
        if entry.row in seen:
            raise ValidationError(f"Task {entry.row} is listed twice as a predecessor.")
        seen.add(entry.row)
        entries.append(entry)
    return entries


def _parse_entry(part: str, time: WorkingTime) -> PredecessorEntry:
    match = _ENTRY.match(part)
    if match is None:
        raise ValidationError(
            f"'{part}' is not a predecessor: write an ID, a link type and a lag, e.g. 3FS+2d."
        )
    row = int(match["id"])
    if row < 1:
        raise ValidationError(f"'{part}': task IDs start at 1.")
    kind = (match["type"] or "FS").upper()
    if kind not in LinkType.__members__:
        raise ValidationError(f"'{part}': unknown link type '{kind}' (use FS, SS, FF or SF).")
    if match["sign"] is None:
        return PredecessorEntry(row, LinkType(kind))
    try:
        number = Decimal(match["number"])
    except InvalidOperation:
        raise ValidationError(f"'{part}': '{match['number']}' is not a number.") from None
    if match["sign"] == "-":
        number = -number
    unit = (match["unit"] or "d").lower()
    if unit == "%":
        return PredecessorEntry(row, LinkType(kind), int(number), LagUnit.PERCENT)
    elapsed = unit.startswith("e") and unit[1:] in _UNIT_WORDS
    word = _UNIT_WORDS.get(unit[1:] if elapsed else unit)
    if word is None:
        raise ValidationError(
            f"'{part}': unknown lag unit '{match['unit']}' (use m, h, d, w, mo, an 'e' before "
            "them for elapsed time, or %)."
        )
    per_unit = ELAPSED_MINUTES[word] if elapsed else time.unit_minutes(word)
    minutes = int((number * per_unit).to_integral_value())
    return PredecessorEntry(
        row, LinkType(kind), minutes, LagUnit.ELAPSED if elapsed else LagUnit.WORKING
    )


def format_lag(lag: int, unit: LagUnit, time: WorkingTime | None = None) -> str:
    """A lag as MS Project writes it (`+2d`, `-4h`, `+3ed`, `+50%`); empty for no lag."""
    if lag == 0:
        return ""
    sign = "+" if lag > 0 else "-"
    size = abs(lag)
    if unit == LagUnit.PERCENT:
        return f"{sign}{size}%"
    if unit == LagUnit.ELAPSED:
        scales = [("ed", 1440), ("eh", 60), ("em", 1)]
    else:
        time = time or WorkingTime()
        scales = [("d", time.minutes_per_day), ("h", 60), ("m", 1)]
    day_suffix, day = scales[0]
    if size % day and size * 100 % day == 0:
        return f"{sign}{_decimal(Decimal(size) / Decimal(day))}{day_suffix}"
    for suffix, minutes in scales:
        if size % minutes == 0:
            return f"{sign}{size // minutes}{suffix}"
    raise AssertionError("minutes always divide")


def _decimal(value: Decimal) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def format_predecessors(entries: list[PredecessorEntry], time: WorkingTime | None = None) -> str:
    """The entries in MS Project's notation: FS without lag is the bare ID."""
    parts = []
    for entry in entries:
        lag = format_lag(entry.lag, entry.lag_unit, time)
        kind = "" if entry.type == LinkType.FS and not lag else entry.type.value
        parts.append(f"{entry.row}{kind}{lag}")
    return ";".join(parts)


def parse_duration(text: str, time: WorkingTime | None = None) -> int:
    """A duration typed as MS Project takes it (`5d`, `3.5h`, `2w`, `1mo`, `30m`; days when
    no unit) in working minutes."""
    time = time or WorkingTime()
    match = re.match(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*([a-z]*)\s*\??\s*$", text, re.IGNORECASE)
    if match is None:
        raise ValidationError(f"'{text}' is not a duration: write a number and a unit, e.g. 5d.")
    word = _UNIT_WORDS.get((match[2] or "d").lower())
    if word is None:
        raise ValidationError(f"'{text}': unknown duration unit '{match[2]}' (use m, h, d, w, mo).")
    return int((Decimal(match[1]) * time.unit_minutes(word)).to_integral_value())


def format_duration(minutes: int, time: WorkingTime | None = None) -> str:
    """Working minutes in days (`5d`, `0.5d`), or hours/minutes when days do not fit."""
    time = time or WorkingTime()
    days = Decimal(minutes) / Decimal(time.minutes_per_day)
    if days == days.to_integral_value():
        return f"{int(days)}d"
    if minutes * 100 % time.minutes_per_day == 0:
        return f"{_decimal(days)}d"
    if minutes % 60 == 0:
        return f"{minutes // 60}h"
    return f"{minutes}m"
