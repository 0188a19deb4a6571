"""Reading MSPDI elements: namespaced children, typed values, and the import report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TypeVar
from xml.etree.ElementTree import Element

from pmo_desktop.interop.mspdi.model import ReportEntry

T = TypeVar("T")

#: Child elements each reader maps; any other non-empty one is counted in the report.
_MAPPED: dict[str, frozenset[str]] = {
    kind: frozenset(names.split())
    for kind, names in {
        "Project": "SaveVersion Name Title StartDate FinishDate StatusDate CurrencyCode "
        "CurrencySymbol CalendarUID MinutesPerDay MinutesPerWeek DaysPerMonth ScheduleFromStart "
        "Calendars Tasks Resources Assignments",
        "Task": "UID ID Name OutlineLevel OutlineNumber WBS Summary Milestone Manual Duration "
        "DurationFormat ConstraintType ConstraintDate Deadline Priority PercentComplete "
        "ActualStart ActualFinish RemainingDuration CalendarUID Start Finish EarlyStart "
        "EarlyFinish LateStart LateFinish TotalSlack FreeSlack Critical PredecessorLink "
        "Baseline IsNull LevelingDelay LevelingDelayFormat Type IgnoreResourceCalendar",
        "Resource": "UID ID Name Type IsCostResource MaxUnits StandardRate CalendarUID IsNull",
        "Assignment": "UID TaskUID ResourceUID Units Work ActualWork",
        "Baseline": "Number Start Finish Duration Work Cost",
        "PredecessorLink": "PredecessorUID Type CrossProject LinkLag LagFormat",
    }.items()
}


class ElementReader:
    """Child access in the file's namespace; values that do not parse are reported, not fatal."""

    def __init__(self, namespace: str) -> None:
        self.prefix = f"{{{namespace}}}" if namespace else ""
        self.report: list[ReportEntry] = []
        self.unmapped: dict[str, Counter[str]] = {kind: Counter() for kind in _MAPPED}

    def _text(self, element: Element, name: str) -> str | None:
        child = element.find(self.prefix + name)
        if child is None or child.text is None or not child.text.strip():
            return None
        return child.text.strip()

    def _all(self, element: Element, path: str) -> list[Element]:
        return element.findall("/".join(self.prefix + part for part in path.split("/")))

    def _value(
        self,
        element: Element,
        name: str,
        parse: Callable[[str], T],
        kind: str,
        uid: int | None,
    ) -> T | None:
        """The parsed child value, or None (reported) when it does not parse."""
        text = self._text(element, name)
        if text is None:
            return None
        try:
            return parse(text)
        except (ValueError, ArithmeticError):
            self._note(kind, uid, f"{name} value {text!r} cannot be read; ignored")
            return None

    def _note(self, element: str, uid: int | None, message: str) -> None:
        self.report.append(ReportEntry(element, uid, message))

    def _count_unmapped(self, kind: str, element: Element) -> None:
        for child in element:
            name = child.tag.removeprefix(self.prefix)
            if name not in _MAPPED[kind] and (len(child) or (child.text or "").strip()):
                self.unmapped[kind][name] += 1

    def _uid(self, element: Element, kind: str) -> int | None:
        text = self._text(element, "UID")
        try:
            if text is not None:
                return int(text)
        except ValueError:
            pass
        name = self._text(element, "Name")
        self._note(kind, None, f"{kind} {name or ''!r} has no valid UID ({text!r}); skipped")
        return None

    def unmapped_report(self) -> None:
        """One report entry per element kind listing the fields that were not imported."""
        for kind, counts in self.unmapped.items():
            if counts:
                fields = ", ".join(f"{name} ({count})" for name, count in sorted(counts.items()))
                self._note(kind, None, f"fields not imported (elements carrying them): {fields}")
