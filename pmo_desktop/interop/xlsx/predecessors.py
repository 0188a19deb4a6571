"""Microsoft Project's predecessor notation: "3FS+2d;5SS;PRJ-2:7FF-1ed;9FS+50%".

An entry is a task ID (prefixed by "PROJECT:" for a task of another project of a portfolio
workbook), a link type (FS when omitted) and a lag with its unit: m, h, d, w (working
minutes, hours, days, weeks), em, eh, ed, ew (elapsed) or % (of the predecessor's duration).
"""

from __future__ import annotations

import re

from pmo_desktop.interop.xlsx.model import Predecessor

_ENTRY = re.compile(
    r"""\s*(?:(?P<project>[^:;,]+?)\s*:\s*)?(?P<id>\d+)\s*
    (?:(?P<type>FS|SS|FF|SF)\s*
       (?:(?P<sign>[+-])\s*(?P<amount>\d+(?:[.,]\d+)?)\s*(?P<unit>e?mins?|e?hrs?|e?h|e?d|e?w|e?m|%)?)?
    )?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_WORKING = {"m": "minute", "min": "minute", "mins": "minute", "h": "hour", "hr": "hour",
            "hrs": "hour", "d": "day", "w": "week"}  # fmt: skip


def _minutes(unit: str, minutes_per_day: int, minutes_per_week: int) -> int:
    return {"minute": 1, "hour": 60, "day": minutes_per_day, "week": minutes_per_week}[unit]


def parse_predecessors(
    text: str, *, minutes_per_day: int = 480, minutes_per_week: int = 2400
) -> list[Predecessor]:
    """The entries of a Predecessors cell; ValueError naming the entry that cannot be read."""
    entries: list[Predecessor] = []
    if not text:
        return entries
    for raw in re.split(r"[;,]", text) if ";" in text or "," in text else (text,):
        if raw.isdigit() and raw.isascii():  # the usual entry: a task ID, finish-to-start
            entries.append(Predecessor(int(raw), "FS", 0, "working", ""))
            continue
        if not raw.strip():
            continue
        match = _ENTRY.match(raw)
        if match is None:
            raise ValueError(f"cannot read the predecessor {raw.strip()!r} (e.g. 3FS+2d)")
        kind = (match["type"] or "FS").upper()
        lag, unit = 0, "working"
        if match["amount"] is not None:
            amount = float(match["amount"].replace(",", "."))
            suffix = (match["unit"] or "d").lower()
            if suffix == "%":
                unit, lag = "percent", round(amount)
            elif suffix.startswith("e"):
                unit = "elapsed"
                name = _WORKING[suffix[1:]]
                lag = round(amount * {"minute": 1, "hour": 60, "day": 1440, "week": 10080}[name])
            else:
                lag = round(amount * _minutes(_WORKING[suffix], minutes_per_day, minutes_per_week))
            if match["sign"] == "-":
                lag = -lag
        project = (match["project"] or "").strip()
        entries.append(Predecessor(int(match["id"]), kind, lag, unit, project))
    return entries


def _amount(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def format_lag(lag: int, unit: str, *, minutes_per_day: int = 480) -> str:
    """A lag as "+2d", "-4h", "+1ed", "+50%" (empty for no lag), without losing minutes."""
    if lag == 0:  # an elapsed or % zero lag keeps its unit: "+0ed", "+0%"
        return {"elapsed": "+0ed", "percent": "+0%"}.get(unit, "")
    sign, size = ("-" if lag < 0 else "+"), abs(lag)
    if unit == "percent":
        return f"{sign}{size}%"
    prefix, day = ("e", 1440) if unit == "elapsed" else ("", minutes_per_day)
    if size % day == 0:
        return f"{sign}{size // day}{prefix}d"
    if size % 60 == 0:
        return f"{sign}{size // 60}{prefix}h"
    if size * 100 % 60 == 0:
        return f"{sign}{_amount(size / 60)}{prefix}h"
    return f"{sign}{size}{prefix}m"


def format_predecessors(entries: list[Predecessor], *, minutes_per_day: int = 480) -> str:
    """Entries back into one cell, in Microsoft Project's notation."""
    parts = []
    for entry in entries:
        where = f"{entry.project}:" if entry.project else ""
        lag = format_lag(entry.lag, entry.lag_unit, minutes_per_day=minutes_per_day)
        kind = entry.type if entry.type != "FS" or lag else ""
        parts.append(f"{where}{entry.task_id}{kind}{lag}")
    return ";".join(parts)
