"""Read a PMO Desktop workbook (.xlsx) into plain data, checking every row.

The file is size- and ratio-checked before openpyxl opens it (read-only, formulas kept as
their text). Every problem is collected with its sheet, row and column; if there is any,
`WorkbookError` lists them all and nothing is returned, so nothing gets imported.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar
from xml.etree.ElementTree import ParseError

from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from pmo_desktop.errors import InteropError
from pmo_desktop.interop.xlsx import model, values
from pmo_desktop.interop.xlsx.checks import check_plan
from pmo_desktop.interop.xlsx.fast import paused_gc, read_rows
from pmo_desktop.interop.xlsx.model import (
    Predecessor,
    SheetAssignment,
    SheetCalendar,
    SheetProject,
    SheetResource,
    SheetTask,
    Workbook,
    WorkbookError,
)
from pmo_desktop.interop.xlsx.predecessors import parse_predecessors
from pmo_desktop.interop.xlsx.safety import check_workbook_file
from pmo_desktop.scheduling.model import STANDARD_WEEK

T = TypeVar("T")
_KINDS = {kind.casefold(): kind for kind in model.RESOURCE_KINDS}
_UNSET = object()


def read_workbook(path: str | os.PathLike[str]) -> Workbook:
    """The workbook at `path` as plain data; WorkbookError listing every problem found."""
    source = Path(path)
    check_workbook_file(source)
    try:
        opened = load_workbook(source, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, ParseError, KeyError, ValueError) as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise InteropError(f"{source.name} cannot be read as an Excel workbook: {first}") from None
    try:
        with paused_gc():
            return _Reader(source.name, opened).read()
    except (ParseError, zipfile.BadZipFile, OSError) as error:
        raise InteropError(f"{source.name} is damaged: {error}") from None
    finally:
        opened.close()


class _Sheet:
    """One sheet's header (column name → index) and its non-empty rows with their numbers."""

    def __init__(
        self,
        reader: _Reader,
        worksheet: ReadOnlyWorksheet,
        title: str,
        skip: tuple[str, ...] = (),
    ) -> None:
        self.reader, self.title = reader, title
        book = worksheet.parent
        # openpyxl found the part, shared strings, date styles and epoch; the cells stream
        # here; those of the `skip` columns (computed, never imported) are not even converted.
        part = book._archive.open(worksheet._worksheet_path)
        skipped = frozenset(name.casefold() for name in skip)
        self.rows = read_rows(
            part, worksheet._shared_strings, book._date_formats, book.epoch, skipped
        )
        header = next(self.rows, (0, []))[1]
        self.columns: dict[str, int] = {}
        for index, name in enumerate(header):
            key = values.text(name).casefold()
            if key:
                self.columns.setdefault(key, index)
        self.names = {values.text(name).casefold(): values.text(name) for name in header}

    def require(self, *names: str) -> bool:
        missing = [name for name in names if name.casefold() not in self.columns]
        for name in missing:
            self.reader.problem(f"{self.title}!1: the column {name!r} is missing")
        return not missing

    def ignore_others(self, known: tuple[str, ...], computed: tuple[str, ...] = ()) -> None:
        expected = {name.casefold() for name in known + computed}
        for key, index in self.columns.items():
            if key not in expected:
                where = f"{self.title}!{get_column_letter(index + 1)}1"
                self.reader.report.append(f"{where}: column {self.names[key]!r} not imported")

    def records(self) -> Iterator[tuple[int, Callable[..., Any]]]:
        """(row number, get) for each non-empty row; get(column, parse, default) → value."""
        index_of = dict(self.columns)  # column name as asked → index (-1: not in the sheet)
        # What each parser makes of an empty cell (they are pure): empty cells, most of a
        # task sheet's optional columns, skip the call.
        empty: dict[Callable[[Any], Any], Any] = {}
        for number, row in self.rows:
            last = row[-1] if row else None
            if (last is None or last == "") and not any(
                value is not None and value != "" for value in row
            ):
                continue
            size = len(row)

            def get(
                name: str,
                parse: Callable[[Any], T],
                default: T,
                row: Any = row,
                number: int = number,
                size: int = size,
            ) -> T:
                index = index_of.get(name)
                if index is None:
                    index = index_of[name] = self.columns.get(name.casefold(), -1)
                if index < 0 or index >= size:
                    return default
                value = row[index]
                if value is None:
                    found = empty.get(parse, _UNSET)
                    if found is not _UNSET:
                        return default if found is None else found
                try:
                    found = parse(value)
                except ValueError as error:
                    self.reader.problem(f"{self.cell(number, name)} ({name}): {error}")
                    return default
                if value is None:
                    empty[parse] = found
                return default if found is None else found

            yield number, get

    def table(
        self, spec: Sequence[tuple[str, Callable[[Any], Any], Any]]
    ) -> Iterator[tuple[int, list[Any]]]:
        """(row number, values) for each non-empty row of a large sheet: the columns of `spec`
        ((name, parse, default) each) read as `records`' get reads them, in that order.

        The parser of each column is chosen once, and it runs once per distinct value of the
        column (they are pure; a value that does not parse is reported at each of its cells):
        a task sheet's dates, flags, levels and names recur down their columns.
        """
        absent = 1 << 62  # a column not in the sheet: past the end of every row
        plan = [
            (self.columns.get(name.casefold(), absent), parse, default, {}, name)
            for name, parse, default in spec
        ]
        problem = self.reader.problem
        for number, row in self.rows:
            last = row[-1] if row else None
            if (last is None or last == "") and not any(
                value is not None and value != "" for value in row
            ):
                continue
            size = len(row)
            found: list[Any] = []
            add = found.append
            for index, parse, default, memo, name in plan:
                if index >= size:
                    add(default)
                    continue
                value = row[index]
                # True == 1 and 1.0 == 1 as keys: numbers of either type parse alike, flags
                # are left out (a number column refuses True, not 1).
                hit = memo.get(value, _UNSET)
                if hit is not _UNSET and value is not True and value is not False:
                    add(hit)
                    continue
                try:
                    parsed = parse(value)
                except ValueError as error:
                    problem(f"{self.cell(number, name)} ({name}): {error}")
                    add(default)
                    continue
                parsed = default if parsed is None else parsed
                if value is not True and value is not False:
                    memo[value] = parsed
                add(parsed)
            yield number, found

    def cell(self, number: int, name: str) -> str:
        index = self.columns.get(name.casefold())
        column = get_column_letter(index + 1) if index is not None else "?"
        return f"{self.title}!{column}{number}"


class _Reader:
    def __init__(self, name: str, book: OpenpyxlWorkbook) -> None:
        self.name = name
        self.titles = {title.strip().casefold(): title for title in book.sheetnames}
        self.book = book
        self.problems: list[str] = []
        self.report: list[str] = []
        self._links_read: dict[tuple[str, int, int], tuple[Predecessor, ...]] = {}

    def problem(self, message: str) -> None:
        self.problems.append(message)

    def _open(self, title: str, *, required: bool, skip: tuple[str, ...] = ()) -> _Sheet | None:
        found = self.titles.get(title.casefold())
        if found is None:
            if required:
                self.problem(f"the sheet {title!r} is missing")
            return None
        return _Sheet(self, self.book[found], title, skip)

    def read(self) -> Workbook:
        portfolio = "projects" in self.titles
        if portfolio:
            projects = self._projects()
        elif "project" in self.titles:
            projects = self._properties()
        else:
            raise WorkbookError(self.name, ["the sheet 'Project' (or 'Projects') is missing"])
        calendars = self._calendars()
        tasks = self._tasks(projects, portfolio)
        resources = self._resources()
        assignments = self._assignments(portfolio, projects)
        book = Workbook(projects, tasks, resources, assignments, calendars, portfolio, self.report)
        check_plan(book, self.problems)  # even after row problems: list them all at once
        if self.problems:
            raise WorkbookError(self.name, self.problems)
        return book

    def _project(self, get: Callable[..., Any], where: Callable[[str], str]) -> SheetProject:
        name = get("Name", values.text, "")
        code = get("Code", values.text, "") or name[:40]
        if not name:
            self.problem(f"{where('Name')}: the project has no name")
        if len(code) > 40:
            self.problem(f"{where('Code')}: the code {code[:50]!r} is longer than 40 characters")
        per_day = get("Hours per day", values.number, 8.0)
        per_week = get("Hours per week", values.number, per_day * 5)
        days_per_month = get("Days per month", values.number, 20.0)
        limits = (
            ("Hours per day", per_day, 24),
            ("Hours per week", per_week, 168),
            ("Days per month", days_per_month, 31),
        )
        for key, amount, top in limits:
            if not 0 < amount <= top:
                self.problem(f"{where(key)} ({key}): {amount:g} is not between 0 and {top}")
        return SheetProject(
            code=code,
            name=name[:200],
            manager=get("Manager", values.text, "")[:200],
            sponsor=get("Sponsor", values.text, "")[:200],
            start=get("Start", values.moment, None),
            status_date=get("Status date", values.moment, None),
            currency=get("Currency", values.text, "").upper()[:3],
            calendar=get("Calendar", values.text, ""),
            minutes_per_day=max(round(per_day * 60), 1),
            minutes_per_week=max(round(per_week * 60), 1),
            days_per_month=max(round(days_per_month), 1),
            uid=get(model.UID_COLUMN, values.uid, ""),
        )

    def _properties(self) -> list[SheetProject]:
        sheet = self._open("Project", required=True)
        assert sheet is not None
        found: dict[str, Any] = {}
        rows: dict[str, int] = {}
        known = {key.casefold(): key for key in model.PROJECT_KEYS}
        for number, get in sheet.records():
            key = values.text(get("Property", lambda value: value, None))
            if key.casefold() in known:
                found[known[key.casefold()]] = get("Value", lambda value: value, None)
                rows[known[key.casefold()]] = number
            elif key:
                self.report.append(f"Project!A{number}: property {key!r} not imported")

        def get_value(name: str, parse: Callable[[Any], T], default: T) -> T:
            if name not in found:
                return default
            try:
                value = parse(found[name])
            except ValueError as error:
                self.problem(f"Project!B{rows[name]} ({name}): {error}")
                return default
            return default if value is None else value

        return [self._project(get_value, lambda name: f"Project!B{rows.get(name, '?')}")]

    def _projects(self) -> list[SheetProject]:
        sheet = self._open("Projects", required=True)
        assert sheet is not None
        projects: list[SheetProject] = []
        if not sheet.require("Code", "Name"):
            return projects
        sheet.ignore_others(model.PROJECTS_COLUMNS)
        codes: dict[str, int] = {}
        uids: dict[str, int] = {}
        for number, get in sheet.records():
            project = self._project(get, lambda name, number=number: sheet.cell(number, name))
            if project.code.casefold() in codes:
                first = codes[project.code.casefold()]
                self.problem(
                    f"{sheet.cell(number, 'Code')}: the code {project.code!r} is "
                    f"already used in row {first}"
                )
                continue
            codes[project.code.casefold()] = number
            if project.uid and project.uid in uids:
                self.problem(
                    f"{sheet.cell(number, model.UID_COLUMN)} (UID): the same UID as row "
                    f"{uids[project.uid]}"
                )
            uids.setdefault(project.uid, number)
            projects.append(project)
        if not projects and not self.problems:
            self.problem("Projects: the sheet has no project")
        return projects

    def _calendars(self) -> list[SheetCalendar]:
        sheet = self._open("Calendar", required=False)
        calendars: dict[str, SheetCalendar] = {}
        if sheet is None or not sheet.require("Calendar", "Day"):
            return []
        sheet.ignore_others(model.CALENDAR_COLUMNS)
        weeks: dict[str, dict[int, Any]] = {}
        for number, get in sheet.records():
            name = get("Calendar", values.text, "")[:200]
            if not name:
                self.problem(f"{sheet.cell(number, 'Calendar')}: the calendar has no name")
                continue
            calendar = calendars.setdefault(name, SheetCalendar(name))
            day_text = get("Day", values.text, "")
            hours = get("Working hours", values.hours, ())
            weekday = values.weekday(day_text)
            if weekday is not None:
                weeks.setdefault(name, {})[weekday] = hours
            elif day_text.casefold() in ("exception", "holiday"):
                first = get("From", values.day, None)
                last = get("To", values.day, first)
                if first is None:
                    self.problem(f"{sheet.cell(number, 'From')} (From): an exception needs a date")
                elif last < first:
                    self.problem(f"{sheet.cell(number, 'To')} (To): {last} is before {first}")
                else:
                    calendar.exceptions.append((first, last, hours, get("Name", values.text, "")))
            else:
                self.problem(
                    f"{sheet.cell(number, 'Day')} (Day): {day_text[:40]!r} is not a "
                    "weekday (Monday…Sunday) or Exception"
                )
        for name, calendar in calendars.items():
            week = weeks.get(name, {})
            # Weekdays the sheet does not give keep the standard week's hours.
            calendar.week = [week.get(number, STANDARD_WEEK[number]) for number in range(7)]
        return list(calendars.values())

    def _tasks(self, projects: list[SheetProject], portfolio: bool) -> list[SheetTask]:
        sheet = self._open("Tasks", required=True, skip=model.COMPUTED_COLUMNS)
        tasks: list[SheetTask] = []
        extra = (model.PROJECT_COLUMN,) if portfolio else ()
        required = ("ID", "Name", "Duration (days)", *extra)
        if sheet is None or not sheet.require(*required):
            return tasks
        known = (*model.TASK_COLUMNS, model.UID_COLUMN, *extra)
        sheet.ignore_others(known, model.COMPUTED_COLUMNS)
        uids: dict[str, int] = {}
        by_code = {project.code.casefold(): project for project in projects}
        single = projects[0] if projects and not portfolio else None
        # The computed columns (early and late dates, slack, critical) are never parsed.
        spec = [(model.PROJECT_COLUMN, values.text, "")] if portfolio else []
        for number, found in sheet.table(spec + _TASK_SPEC):
            project = single
            if portfolio:
                code = found.pop(0)
                project = by_code.get(code.casefold())
                if project is None:
                    self.problem(
                        f"{sheet.cell(number, model.PROJECT_COLUMN)} (Project): "
                        f"{code[:40]!r} is not in the Projects sheet"
                    )
                    continue
            if project is None:
                continue
            task = self._task(sheet, number, found, project)
            if task is None:
                continue
            if task.uid and task.uid in uids:
                self.problem(
                    f"{sheet.cell(number, model.UID_COLUMN)} (UID): the same UID as row "
                    f"{uids[task.uid]} (empty it for a new task)"
                )
            elif task.uid:
                uids[task.uid] = number
            tasks.append(task)
        return tasks

    def _task(
        self, sheet: _Sheet, number: int, found: list[Any], project: SheetProject
    ) -> SheetTask | None:
        """The task of one row, its cells parsed as `_TASK_SPEC` says."""
        where = sheet.cell
        task_id, name, days, percent, priority, level, links, wbs = found[:8]
        start, finish, constraint, constraint_date, deadline = found[8:13]
        milestone, actual_start, actual_finish, uid = found[13:]
        if task_id is None or task_id < 0:
            self.problem(f"{where(number, 'ID')} (ID): a task needs a whole number ID")
            return None
        if not name:
            self.problem(f"{where(number, 'Name')} (Name): the task has no name")
        if days < 0:
            self.problem(f"{where(number, 'Duration (days)')} (Duration (days)): negative")
        if not 0 <= percent <= 100:
            self.problem(f"{where(number, '% complete')} (% complete): not between 0 and 100")
        if not 0 <= priority <= 1000:
            self.problem(f"{where(number, 'Priority')} (Priority): not between 0 and 1000")
        if level < 1:
            self.problem(f"{where(number, 'Outline level')} (Outline level): below 1")
        predecessors: list[Predecessor] = []
        if links:
            try:
                predecessors = self._predecessors(links, project)
            except ValueError as error:
                self.problem(f"{where(number, 'Predecessors')} (Predecessors): {error}")
        task = SheetTask(
            project=project.code,
            id=task_id,
            name=name[:300],
            outline_level=max(level, 1),
            wbs=wbs[:60],
            duration=max(round(days * project.minutes_per_day), 0),
            start=start,
            finish=finish,
            percent_complete=min(max(percent, 0.0), 100.0),
            constraint=constraint,
            constraint_date=constraint_date,
            deadline=deadline,
            priority=priority,
            milestone=milestone,
            predecessors=predecessors,
            actual_start=actual_start,
            actual_finish=actual_finish,
            uid=uid,
        )
        if constraint not in ("ASAP", "ALAP") and constraint_date is None:
            self.problem(
                f"{where(number, 'Constraint date')} (Constraint date): the constraint "
                f"{model.CONSTRAINT_NAMES[constraint]!r} needs a date"
            )
        task.row = number
        return task

    def _predecessors(self, text: str, project: SheetProject) -> list[Predecessor]:
        """A Predecessors cell's entries (the same cell recurs across similar projects)."""
        key = (text, project.minutes_per_day, project.minutes_per_week)
        entries = self._links_read.get(key)
        if entries is None:
            entries = self._links_read[key] = tuple(
                parse_predecessors(
                    text,
                    minutes_per_day=project.minutes_per_day,
                    minutes_per_week=project.minutes_per_week,
                )
            )
        return list(entries)  # Predecessor is frozen: the entries can be shared

    def _resources(self) -> list[SheetResource]:
        sheet = self._open("Resources", required=False)
        resources: list[SheetResource] = []
        if sheet is None or not sheet.require("Name"):
            return resources
        sheet.ignore_others(model.RESOURCE_COLUMNS, model.RESOURCE_POOL_COLUMNS)
        names: dict[str, int] = {}
        for number, get in sheet.records():
            name = get("Name", values.text, "")[:200]
            if not name:
                self.problem(f"{sheet.cell(number, 'Name')} (Name): the resource has no name")
                continue
            if name.casefold() in names:
                self.problem(
                    f"{sheet.cell(number, 'Name')} (Name): {name!r} is already in row "
                    f"{names[name.casefold()]}"
                )
                continue
            names[name.casefold()] = number
            kind_text = get("Kind", values.text, "Person")
            kind = _KINDS.get(kind_text.casefold())
            if kind is None:
                self.problem(
                    f"{sheet.cell(number, 'Kind')} (Kind): {kind_text[:40]!r} is not "
                    "Person, Role or Material"
                )
            units = get("Max units (%)", values.number, 100.0)
            rate = get("Cost rate (per hour)", values.number, 0.0)
            for column, amount in (("Max units (%)", units), ("Cost rate (per hour)", rate)):
                if amount < 0:
                    self.problem(f"{sheet.cell(number, column)} ({column}): negative")
            resources.append(
                SheetResource(
                    code=get("Code", values.text, "")[:40],
                    name=name,
                    kind=kind or "Person",
                    role=get("Role", values.text, "")[:120],
                    department=get("Department", values.text, "")[:120],
                    max_units=max(units, 0.0) / 100,
                    cost_rate=max(rate, 0.0),
                )
            )
        return resources

    def _assignments(self, portfolio: bool, projects: list[SheetProject]) -> list[SheetAssignment]:
        sheet = self._open("Assignments", required=False)
        found: list[SheetAssignment] = []
        extra = (model.PROJECT_COLUMN,) if portfolio else ()
        required = ("Task ID", "Resource", *extra)
        if sheet is None or not sheet.require(*required):
            return found
        sheet.ignore_others(model.ASSIGNMENT_COLUMNS + extra)
        single = projects[0].code if projects and not portfolio else ""
        spec = [
            ("Task ID", values.integer, None),
            ("Resource", values.text, ""),
            ("Units (%)", values.number, 100.0),
            ("Work (hours)", values.number, None),
            ("Actual work (hours)", values.number, 0.0),
            (model.PROJECT_COLUMN, values.text, ""),
            ("Task", values.text, ""),
        ]
        for number, cells in sheet.table(spec):
            task_id, resource, units, work, actual, code, task_name = cells
            if task_id is None:
                self.problem(f"{sheet.cell(number, 'Task ID')} (Task ID): no task ID")
                continue
            if not resource:
                self.problem(f"{sheet.cell(number, 'Resource')} (Resource): no resource")
                continue
            if units < 0 or (work or 0) < 0 or actual < 0:
                amounts = (("Units (%)", units), ("Work (hours)", work or 0))
                for column, amount in (*amounts, ("Actual work (hours)", actual)):
                    if amount < 0:
                        self.problem(f"{sheet.cell(number, column)} ({column}): negative")
            item = SheetAssignment(
                project=code if portfolio else single,
                task_id=task_id,
                resource=resource,
                units=max(units, 0.0) / 100,
                work=-1 if work is None else max(round(work * 60), 0),
                actual_work=max(round(actual * 60), 0),
                task_name=task_name,
                row=number,
            )
            found.append(item)
        return found


#: The Tasks sheet's columns an import reads, in the order `_Reader._task` unpacks them
#: (and reports their problems): (column, parser, value when empty or wrong).
_TASK_SPEC: list[tuple[str, Callable[[Any], Any], Any]] = [
    ("ID", values.integer, None),
    ("Name", values.text, ""),
    ("Duration (days)", values.number, 0.0),
    ("% complete", values.number, 0.0),
    ("Priority", values.integer, 500),
    ("Outline level", values.integer, 1),
    ("Predecessors", values.text, ""),
    ("WBS", values.text, ""),
    ("Start", values.moment, None),
    ("Finish", values.moment, None),
    ("Constraint type", values.constraint, "ASAP"),
    ("Constraint date", values.moment, None),
    ("Deadline", values.moment, None),
    ("Milestone", values.flag, False),
    ("Actual start", values.moment, None),
    ("Actual finish", values.moment, None),
    (model.UID_COLUMN, values.uid, ""),
]
