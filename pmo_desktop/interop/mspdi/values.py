"""Parsing and formatting of MSPDI's value syntaxes: ISO 8601 durations, dates, times."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal, InvalidOperation

_DURATION = re.compile(
    r"^(?P<sign>-)?P(?:(?P<years>\d+(?:\.\d+)?)Y)?(?:(?P<months>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<days>\d+(?:\.\d+)?)D)?(?:T(?:(?P<hours>\d+(?:\.\d+)?)H)?"
    r"(?:(?P<minutes>\d+(?:\.\d+)?)M)?(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$"
)


def parse_duration(text: str) -> int:
    """`PT8H0M0S` → 480 minutes (days count 24 h; years and months are refused)."""
    match = _DURATION.match(text.strip())
    if match is None or match["years"] or match["months"]:
        raise ValueError(f"not an ISO 8601 duration of hours and minutes: {text!r}")
    minutes = (
        Decimal(match["days"] or 0) * 1440
        + Decimal(match["hours"] or 0) * 60
        + Decimal(match["minutes"] or 0)
        + Decimal(match["seconds"] or 0) / 60
    )
    value = int(minutes.to_integral_value())
    return -value if match["sign"] else value


def format_duration(minutes: int) -> str:
    """480 → `PT8H0M0S`, as Microsoft Project writes durations and work."""
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(int(minutes)), 60)
    return f"{sign}PT{hours}H{rest}M0S"


def parse_datetime(text: str) -> datetime:
    """`2018-10-18T08:00:00` → naive datetime (MSPDI dates carry no zone)."""
    return datetime.fromisoformat(text.strip()).replace(tzinfo=None)


def format_datetime(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat(timespec="seconds")


def parse_time(text: str) -> int:
    """`08:30:00` → 510 minutes from midnight; `24:00:00` → 1440."""
    parts = text.strip().split(":")
    hours, minutes = int(parts[0]), int(parts[1]) if len(parts) > 1 else 0
    if not (0 <= hours <= 24 and 0 <= minutes < 60):
        raise ValueError(f"not a time of day: {text!r}")
    return hours * 60 + minutes


def format_time(minutes: int) -> str:
    """510 → `08:30:00`; 1440 (end of day) → `00:00:00`, as MS Project writes midnight."""
    hours, rest = divmod(minutes % 1440, 60)
    return f"{hours:02d}:{rest:02d}:00"


def parse_decimal(text: str) -> Decimal:
    try:
        return Decimal(text.strip())
    except InvalidOperation as error:
        raise ValueError(f"not a number: {text!r}") from error


def parse_bool(text: str) -> bool:
    value = text.strip().lower()
    if value in ("1", "true"):
        return True
    if value in ("0", "false"):
        return False
    raise ValueError(f"not a boolean: {text!r}")
