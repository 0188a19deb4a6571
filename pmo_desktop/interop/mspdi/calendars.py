"""Reading MSPDI calendars: weekdays, exceptions (old and new forms), base calendars."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from xml.etree.ElementTree import Element

from pmo_desktop.interop.mspdi import values
from pmo_desktop.interop.mspdi.elements import ElementReader
from pmo_desktop.interop.mspdi.model import MspdiCalendar, ProjectProperties
from pmo_desktop.scheduling.model import STANDARD_DAY, STANDARD_WEEK, CalendarSpec, Intervals

#: Longest run of days one calendar exception may cover (guards against "until 2999").
MAX_EXCEPTION_DAYS = 366 * 20
#: Most exception days one file may expand to, all calendars together.
MAX_TOTAL_EXCEPTION_DAYS = 1_000_000


class CalendarReader(ElementReader):
    """Calendars as `MspdiCalendar`, each resolved over its base chain into a CalendarSpec."""

    exception_days = 0

    def _intervals(self, day: Element, kind: str, uid: int) -> Intervals:
        working = self._value(day, "DayWorking", values.parse_bool, kind, uid)
        times = self._all(day, "WorkingTimes/WorkingTime")
        if working is False:
            return ()
        if not times:
            return STANDARD_DAY if working else ()
        spans: list[tuple[int, int]] = []
        for item in times:
            start = self._value(item, "FromTime", values.parse_time, kind, uid)
            end = self._value(item, "ToTime", values.parse_time, kind, uid)
            if start is None or end is None:
                continue
            if end == 0:
                end = 1440
            if end <= start:
                self._note(kind, uid, f"working time {start}–{end} minutes is empty; ignored")
                continue
            spans.append((start, end))
        spans.sort()
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return tuple(merged)

    def _period(self, element: Element, kind: str, uid: int) -> tuple[date, date] | None:
        period = element.find(self.prefix + "TimePeriod")
        if period is None:
            self._note(kind, uid, "exception without a TimePeriod; ignored")
            return None
        first = self._value(period, "FromDate", values.parse_datetime, kind, uid)
        last = self._value(period, "ToDate", values.parse_datetime, kind, uid)
        if first is None or last is None or last < first:
            self._note(kind, uid, "exception with a missing or reversed TimePeriod; ignored")
            return None
        end = last.date()
        if last.time() == datetime.min.time() and last > first:
            end -= timedelta(days=1)  # up to midnight: that day is not included
        if (end - first.date()).days >= MAX_EXCEPTION_DAYS:
            end = first.date() + timedelta(days=MAX_EXCEPTION_DAYS - 1)
            self._note(
                kind,
                uid,
                f"exception from {first.date()} to {last.date()} cut to {MAX_EXCEPTION_DAYS} days",
            )
        return first.date(), end

    def _calendars(self, root: Element, props: ProjectProperties) -> dict[int, MspdiCalendar]:
        kind = "Calendar"
        calendars: dict[int, MspdiCalendar] = {}
        for element in self._all(root, "Calendars/Calendar"):
            uid = self._uid(element, kind)
            if uid is None:
                continue
            is_base = self._value(element, "IsBaseCalendar", values.parse_bool, kind, uid)
            base_uid = self._value(element, "BaseCalendarUID", int, kind, uid)
            calendar = MspdiCalendar(
                uid=uid,
                name=self._text(element, "Name") or f"Calendar {uid}",
                is_base=is_base is not False,
                base_uid=None
                if is_base is not False or base_uid is None or base_uid < 0
                else base_uid,
            )
            for day in self._all(element, "WeekDays/WeekDay"):
                day_type = self._value(day, "DayType", int, kind, uid)
                if day_type is not None and 1 <= day_type <= 7:
                    calendar.week[(day_type + 5) % 7] = self._intervals(day, kind, uid)
                elif day_type == 0:
                    self._add_exception(calendar, day, kind, daily_only=False)
                else:
                    self._note(kind, uid, f"WeekDay with DayType {day_type!r} ignored")
            for exception in self._all(element, "Exceptions/Exception"):
                self._add_exception(calendar, exception, kind, daily_only=True)
            if uid in calendars:
                self._note(kind, uid, "second calendar with this UID ignored")
                continue
            calendars[uid] = calendar
        self._resolve(calendars, props)
        return calendars

    def _add_exception(
        self, calendar: MspdiCalendar, element: Element, kind: str, *, daily_only: bool
    ) -> None:
        span = self._period(element, kind, calendar.uid)
        if span is None:
            return
        step = 1
        if daily_only:
            pattern = self._value(element, "Type", int, kind, calendar.uid)
            if pattern not in (None, 1):
                name = self._text(element, "Name")
                message = f"recurring exception {name!r} (Type {pattern}) not expanded; ignored"
                self._note(kind, calendar.uid, message)
                return
            step = max(self._value(element, "Period", int, kind, calendar.uid) or 1, 1)
        intervals = self._intervals(element, kind, calendar.uid)
        days = range(0, (span[1] - span[0]).days + 1, step)
        self.exception_days += len(days)
        if self.exception_days > MAX_TOTAL_EXCEPTION_DAYS:
            message = f"more than {MAX_TOTAL_EXCEPTION_DAYS} exception days; the rest ignored"
            if self.exception_days - len(days) <= MAX_TOTAL_EXCEPTION_DAYS:
                self._note(kind, calendar.uid, message)
            return
        for offset in days:
            calendar.exceptions[span[0] + timedelta(days=offset)] = intervals

    def _resolve(self, calendars: dict[int, MspdiCalendar], props: ProjectProperties) -> None:
        """Fill each calendar's `spec`: its week and exceptions merged over its base chain."""
        names: Counter[str] = Counter(calendar.name for calendar in calendars.values())
        for calendar in calendars.values():
            if calendar.base_uid is not None and calendar.base_uid not in calendars:
                message = f"base calendar {calendar.base_uid} is missing; the standard week used"
                self._note("Calendar", calendar.uid, message)
        for calendar in calendars.values():
            week = list(STANDARD_WEEK)
            exceptions: dict[date, Intervals] = {}
            chain: list[MspdiCalendar] = []
            current: MspdiCalendar | None = calendar
            while current is not None and current.uid not in {link.uid for link in chain}:
                chain.append(current)
                base = current.base_uid
                current = calendars.get(base) if base is not None else None
            if current is not None:
                self._note("Calendar", calendar.uid, "base calendars form a loop; cut there")
            for link in reversed(chain):
                for weekday, intervals in link.week.items():
                    week[weekday] = intervals
                exceptions.update(link.exceptions)
            unique = names[calendar.name] == 1
            name = calendar.name if unique else f"{calendar.name} ({calendar.uid})"
            calendar.spec = CalendarSpec(
                name=name,
                week=tuple(week),
                exceptions=exceptions,
                minutes_per_day=props.minutes_per_day,
                minutes_per_week=props.minutes_per_week,
                days_per_month=props.days_per_month,
            )
