"""Reading one cell of a workbook as the value its column expects, or saying why not.

A formula is read as its text and never evaluated: in a number or date column it is a
problem to report, in a text column it stays text.
"""

from __future__ import annotations

import itertools
import re
from datetime import date, datetime, time
from typing import Any

from openpyxl.utils.datetime import from_excel

from pmo_desktop.interop.xlsx.model import CONSTRAINT_NAMES, WEEKDAYS
from pmo_desktop.scheduling.model import Constraint, Intervals

_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%d/%m/%Y",
    "%d/%m/%Y %H:%M",
    "%d.%m.%Y",
    "%d.%m.%Y %H:%M",
)
_TRUE = {"yes", "y", "true", "1", "oui", "x"}
_FALSE = {"no", "n", "false", "0", "non", ""}
_CONSTRAINTS: dict[str, Constraint] = {
    key.casefold(): code
    for code, name in CONSTRAINT_NAMES.items()
    for key in (code, name, name.replace(" ", ""))
}
_WEEKDAYS = {name.casefold(): number for number, name in enumerate(WEEKDAYS)} | {
    name[:3].casefold(): number for number, name in enumerate(WEEKDAYS)
}
_INTERVAL = re.compile(r"^\s*(\d{1,2})[:h](\d{2})\s*[-–]\s*(\d{1,2})[:h](\d{2})\s*$")


def _formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("=") and len(value) > 1


def _refuse_formula(value: Any) -> None:
    if _formula(value):
        raise ValueError(
            f"a formula ({value[:40]}) where a value is expected; formulas are "
            "not evaluated, type the value itself"
        )


def text(value: Any) -> str:
    """Any cell as text (numbers without a useless ".0")."""
    if type(value) is str:  # the usual cell first
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value).strip()


def number(value: Any) -> float | None:
    """A number; a text such as "2,5" or "50 %" is read too; None when empty."""
    kind = type(value)
    if kind is float or kind is int:  # the usual cells first
        return float(value)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, int | float):
        return float(value)
    _refuse_formula(value)
    cleaned = str(value).strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
    try:
        return float(cleaned.replace(",", "."))
    except ValueError:
        raise ValueError(f"{text(value)!r} is not a number") from None


def integer(value: Any) -> int | None:
    if type(value) is int:  # the usual cell first
        return value
    found = number(value)
    if found is None:
        return None
    if not found.is_integer():
        raise ValueError(f"{text(value)!r} is not a whole number")
    return int(found)


def moment(value: Any) -> datetime | None:
    """A date (and time): an Excel date, a serial number, or text such as 2026-03-02 08:00."""
    if type(value) is datetime and value.tzinfo is None and not value.microsecond:
        return value  # the usual cell first: already what the replace below gives
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, time):
        raise ValueError(f"{value} is a time without a date")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value < 2_958_466:
            raise ValueError(f"{value!r} is not a date")
        found = from_excel(value)
        return found if isinstance(found, datetime) else datetime.combine(found, time())
    _refuse_formula(value)
    cleaned = str(value).strip()
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, pattern)
        except ValueError:
            continue
    raise ValueError(f"{cleaned[:40]!r} is not a date (write 2026-03-02 or 2026-03-02 08:00)")


def day(value: Any) -> date | None:
    found = moment(value)
    return found.date() if found is not None else None


def flag(value: Any) -> bool:
    """Yes/No, True/False, 1/0 (Oui/Non too); empty is No."""
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    if type(value) is str:  # the usual cell first: Yes or No
        key = value.strip().casefold()
        if key in _TRUE:
            return True
        if key in _FALSE:
            return False
    _refuse_formula(value)
    key = text(value).casefold()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ValueError(f"{text(value)[:40]!r} is not Yes or No")


def constraint(value: Any) -> Constraint:
    key = text(value).casefold()
    if not key:
        return "ASAP"
    found = _CONSTRAINTS.get(key) or _CONSTRAINTS.get(key.replace(" ", ""))
    if found is None:
        names = ", ".join(CONSTRAINT_NAMES)
        raise ValueError(f"{text(value)[:40]!r} is not a constraint type ({names})")
    return found


def weekday(value: Any) -> int | None:
    """0 for Monday … 6 for Sunday; None for anything else."""
    return _WEEKDAYS.get(text(value).casefold())


def hours(value: Any) -> Intervals:
    """Working intervals such as "08:00-12:00; 13:00-17:00" (empty: not working)."""
    spans: list[tuple[int, int]] = []
    for part in re.split(r"[;,]", text(value)):
        if not part.strip():
            continue
        match = _INTERVAL.match(part)
        if match is None:
            raise ValueError(f"{part.strip()[:40]!r} is not a span of hours (08:00-12:00)")
        start_h, start_m, end_h, end_m = (int(group) for group in match.groups())
        start, end = start_h * 60 + start_m, end_h * 60 + end_m
        if start_m > 59 or end_m > 59 or not 0 <= start < end <= 1440:
            raise ValueError(f"{part.strip()!r} is not a span of hours within one day")
        spans.append((start, end))
    spans.sort()
    for (_, end), (start, _) in itertools.pairwise(spans):
        if start < end:
            raise ValueError(f"the working hours {text(value)!r} overlap")
    return tuple(spans)


_UID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def uid(value: Any) -> str:
    """A UID cell: "" when empty, else the UUID PMO Desktop wrote (lower case)."""
    found = text(value).lower()
    if found and not _UID.fullmatch(found):
        raise ValueError(
            f"{text(value)[:40]!r} is not a UID written by PMO Desktop (empty it for a new row)"
        )
    return found
