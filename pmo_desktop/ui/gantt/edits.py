"""Turn a cell edit of the Gantt table into the editing service's domain command.

Nothing here writes: the view hands the command to `Workspace.execute`, which applies it
(rescheduling the project), puts it on the undo stack and reports a refused value.
"""

from __future__ import annotations

import re
from typing import Any

from pmo_desktop.errors import ValidationError
from pmo_desktop.services import task_edits
from pmo_desktop.services.commands import Command
from pmo_desktop.storage.database import Database

_DURATION = re.compile(
    r"^\s*(?P<number>\d+(?:[.,]\d+)?)\s*(?P<unit>[a-zA-Zé]*)\s*$",
)
_UNITS = {
    "": 1.0, "d": 1.0, "day": 1.0, "days": 1.0, "j": 1.0, "jour": 1.0, "jours": 1.0,
    "w": 5.0, "wk": 5.0, "week": 5.0, "weeks": 5.0, "sem": 5.0, "semaine": 5.0, "semaines": 5.0,
}  # fmt: skip
_HOURS = {"h", "hr", "hrs", "hour", "hours", "heure", "heures"}


def parse_duration(text: str, minutes_per_day: int) -> int:
    """Working minutes from what a planner types: "5", "5d", "2.5 days", "3 jours", "2w", "4h"."""
    match = _DURATION.match(str(text))
    if match is None:
        raise ValidationError(f"“{text}” is not a duration: type a number of days, e.g. 5d.")
    number = float(match["number"].replace(",", "."))
    unit = match["unit"].casefold()
    if unit in _HOURS:
        return round(number * 60)
    if unit not in _UNITS:
        raise ValidationError(f"“{unit}” is not a duration unit: use d, w or h.")
    return round(number * _UNITS[unit] * minutes_per_day)


def table_edit(
    database: Database, task_id: int, field: str, value: Any, minutes_per_day: int
) -> Command:
    """The command for one edited cell (`field` as `TaskTreeModel.EDITABLE` names it)."""
    if field == "name":
        name = str(value).strip()
        if not name:
            raise ValidationError("A task needs a name.")
        return task_edits.set_task_fields(database, task_id, name=name)
    if field == "duration":
        return task_edits.set_duration(database, task_id, parse_duration(value, minutes_per_day))
    if field == "percent_complete":
        percent = float(value)
        if not 0 <= percent <= 100:
            raise ValidationError("% complete is between 0 and 100.")
        return task_edits.set_progress(database, task_id, percent)
    if field == "predecessors":
        return task_edits.set_predecessors_text(database, task_id, str(value))
    raise ValidationError(f"The Gantt table cannot edit {field}.")
