"""The Gantt's filters: which tasks a planner asks to see (or to highlight).

Each filter is a predicate over a `GanttTask`; the view hands it to the row model either to
show only the matching tasks or to highlight them among all the others.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date, datetime, time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from pmo_desktop.services.gantt import GanttData, GanttTask

Predicate = Callable[[GanttTask], bool]


class TaskFilter(enum.Enum):
    ALL = QT_TRANSLATE_NOOP("GanttFilters", "All tasks")
    CRITICAL = QT_TRANSLATE_NOOP("GanttFilters", "Critical tasks")
    LATE = QT_TRANSLATE_NOOP("GanttFilters", "Late tasks")
    MILESTONES = QT_TRANSLATE_NOOP("GanttFilters", "Milestones")
    RESOURCE = QT_TRANSLATE_NOOP("GanttFilters", "Using resource…")

    def label(self) -> str:
        return QCoreApplication.translate("GanttFilters", self.value)


def is_late(task: GanttTask, status_date: date | None) -> bool:
    """Unfinished and either due by the status date, or finishing after its baseline or
    deadline (Microsoft Project's "Late tasks" and "Slipping tasks" together)."""
    if task.percent_complete >= 100 or task.finish is None:
        return False
    if status_date is not None and task.finish <= datetime.combine(status_date, time(23, 59)):
        return True
    if task.baseline_finish is not None and task.finish > task.baseline_finish:
        return True
    return task.deadline is not None and task.finish > task.deadline


def predicate(
    kind: TaskFilter, data: GanttData | None, *, resource: str = "", text: str = ""
) -> Predicate | None:
    """The predicate for a filter and a search text (None when nothing is filtered)."""
    status_date = data.status_date if data is not None else None
    base: Predicate | None
    if kind is TaskFilter.CRITICAL:
        base = _critical
    elif kind is TaskFilter.LATE:
        base = lambda task: is_late(task, status_date)  # noqa: E731
    elif kind is TaskFilter.MILESTONES:
        base = _milestone
    elif kind is TaskFilter.RESOURCE and resource:
        base = lambda task: resource in task.resources  # noqa: E731
    else:
        base = None
    needle = text.strip().casefold()
    if not needle:
        return base
    search = _searcher(needle)
    if base is None:
        return search
    return lambda task: base(task) and search(task)


def _critical(task: GanttTask) -> bool:
    return task.critical


def _milestone(task: GanttTask) -> bool:
    return task.is_milestone


def _searcher(needle: str) -> Predicate:
    def matches(task: GanttTask) -> bool:
        return (
            needle in task.name.casefold()
            or needle == task.wbs.casefold()
            or needle == str(task.number)
            or any(needle in name.casefold() for name in task.resources)
        )

    return matches


def resource_names(data: GanttData | None) -> list[str]:
    if data is None:
        return []
    return sorted({name for task in data.tasks for name in task.resources}, key=str.casefold)
