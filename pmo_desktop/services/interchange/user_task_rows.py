"""The cells and rows of a user's task sheet (`user_tasks`): what each cell may hold, and the
checks on the rows' outline and links that need no database."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pmo_desktop.interop.xlsx import values
from pmo_desktop.models import Task
from pmo_desktop.services.interchange.user_sheets import DURATION_UNITS as DURATION_WORDS
from pmo_desktop.services.interchange.user_sheets import share, short_text
from pmo_desktop.services.predecessors import PredecessorEntry

_RESOURCE = re.compile(r"^(?P<name>[^\[\]]+?)\s*(?:\[\s*(?P<units>[^\]]*)\])?$")


@dataclass
class TaskRow:
    """One task row as read from the sheet (their numbers, not ours yet)."""

    number: int
    key: int
    name: str = ""
    level: int | None = None
    wbs: str = ""
    parent_key: int | None = None
    minutes: int | None = None
    start: datetime | None = None
    finish: datetime | None = None
    percent: float | None = None
    predecessors: list[PredecessorEntry] = field(default_factory=list)
    resources: list[tuple[str, float]] = field(default_factory=list)
    notes: str = ""
    milestone: bool = False
    parent: TaskRow | None = None
    children: int = 0
    task: Task | None = None


#: A link between two rows: predecessor, successor, and its type and lag.
Link = tuple[TaskRow, TaskRow, PredecessorEntry]


_FRENCH_TYPES = {"fd": "FS", "dd": "SS", "df": "SF", "ff": "FF"}
_LINK_TYPE = re.compile(r"(?<=\d)\s*(fd|dd|df)(?![a-z])", re.IGNORECASE)
_LAG_UNIT = re.compile(r"(?<=\d)\s*([^\W\d_]+\.?)", re.UNICODE)


def english(text: str) -> str:
    """Predecessors as French MS Project writes them ("3FD+2j", "5DD-1 sem") in English
    notation ("3FS+2d", "5SS-1w"); English text is left as it is."""
    found = _LINK_TYPE.sub(lambda match: _FRENCH_TYPES[match[1].casefold()], text)

    def unit(match: re.Match[str]) -> str:
        word = match[1].casefold()
        elapsed = word.startswith("e") and word[1:].rstrip(".") in DURATION_WORDS
        plain = DURATION_WORDS.get((word[1:] if elapsed else word).rstrip("."))
        if plain is None or word.upper() in ("FS", "SS", "FF", "SF"):
            return match[0]
        return ("e" if elapsed else "") + plain

    return _LAG_UNIT.sub(unit, found)


def positive(raw: Any) -> int | None:
    found = values.integer(raw)
    if found is not None and found < 1:
        raise ValueError(f"{found} is not a number from 1 up")
    return found


def percent(raw: Any) -> float | None:
    found = share(raw, percent_above=1)
    if found is None:
        return None
    if found > 1:
        raise ValueError(f"{values.text(raw)} is more than 100 %")
    return round(found * 100, 4)


def assigned(raw: Any) -> list[tuple[str, float]]:
    """Resource names as MS Project writes them: "Ann; Bob[50%]" (units 100 % by default)."""
    found: list[tuple[str, float]] = []
    for part in re.split(r"[;,](?![^\[]*\])", short_text(raw, 0)):
        if not part.strip():
            continue
        match = _RESOURCE.match(part.strip())
        if match is None:
            raise ValueError(f"cannot read {part.strip()[:40]!r} (write Ann; Bob[50%])")
        name = match["name"].strip()
        if len(name) > 200:
            raise ValueError(f"the resource name {name[:40]!r}… is longer than 200 characters")
        units = 1.0
        if match["units"] is not None:
            amount = share(match["units"], percent_above=10)
            if amount is None:
                raise ValueError(f"{part.strip()[:40]!r}: write the units, e.g. [50%]")
            units = amount
        found.append((name, units))
    return found


def related(first: TaskRow, second: TaskRow) -> bool:
    """Whether one row is a summary task (at any depth) of the other."""
    for low, high in ((first, second), (second, first)):
        parent = low.parent
        while parent is not None:
            if parent is high:
                return True
            parent = parent.parent
    return False


def loop(links: list[Link]) -> list[TaskRow]:
    """The rows of one loop of links (first row again at the end), or [] when none."""
    after: dict[int, list[TaskRow]] = {}
    for before, row, _ in links:
        after.setdefault(id(before), []).append(row)
    state: dict[int, int] = {}  # 1 on the path, 2 done
    starts = {id(before): before for before, _, _ in links}
    for start in sorted(starts.values(), key=lambda row: row.number):
        if state.get(id(start)):
            continue
        path = [start]
        stack = [iter(after.get(id(start), ()))]
        state[id(start)] = 1
        while stack:
            following = next(stack[-1], None)
            if following is None:
                state[id(path.pop())] = 2
                stack.pop()
                continue
            mark = state.get(id(following))
            if mark == 1:
                return [*path[path.index(following) :], following]
            if mark is None:
                state[id(following)] = 1
                path.append(following)
                stack.append(iter(after.get(id(following), ())))
    return []
