"""Write a PMO Desktop workbook that reads well in Excel, streaming (openpyxl write-only).

Every sheet has a bold header row, frozen panes, column widths, date formats and an
autofilter. User text is always a string cell: one that Excel would take for a formula
(= + - @ …) is written as text with Excel's quote prefix, never as a formula (DESIGN.md §9).
The file appears whole or not at all (temporary file, then `os.replace`).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from pmo_desktop.interop.xlsx import model
from pmo_desktop.interop.xlsx.fast import FORMULA_TRIGGERS, Styles, splice_rows
from pmo_desktop.interop.xlsx.model import SheetProject, SheetTask, Workbook
from pmo_desktop.interop.xlsx.predecessors import format_predecessors
from pmo_desktop.interop.xlsx.tables import Table, format_table
from pmo_desktop.storage.atomic import atomic_output

DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"
DECIMAL_FORMAT = "0.00"

# Column kinds: user text, a date with time, a date, a decimal number, anything else as is.
TEXT, DATETIME, DATE, DECIMAL, PLAIN = "text", "datetime", "date", "decimal", "plain"
#: Text in grey, narrow: the UID column, for re-imports rather than for reading.
UID = "uid"
UID_WIDTH = 10
GREY = "808080"
Column = tuple[str, str, float]


def write_workbook(
    book: Workbook | None,
    path: str | os.PathLike[str],
    tables: Sequence[Table] = (),
) -> None:
    """Write `book`'s project sheets (none when None), then `tables` (.xlsx), atomically.

    A table titled "Resources" replaces the book's Resources sheet (the pool's columns are
    a superset of the task workbook's).
    """
    target = Path(path)
    workbook = OpenpyxlWorkbook(write_only=True)
    sheet_writer = _SheetWriter(workbook)
    pool = next((table for table in tables if table.title.casefold() == "resources"), None)
    if book is not None:
        if book.portfolio:
            sheet_writer.table("Projects", _project_columns(), _projects_rows(book.projects), 3)
        else:
            sheet_writer.properties(book.projects[0])
        units = {project.code: project.minutes_per_day for project in book.projects}
        columns = _task_columns(book.portfolio)
        frozen = 6 if book.portfolio else 5
        sheet_writer.table("Tasks", columns, _task_rows(book, units), frozen)
        if pool is None:
            sheet_writer.table("Resources", _resource_columns(), _resource_rows(book), 3)
        else:  # in its usual place
            _write_table(sheet_writer, pool)
        columns = _assignment_columns(book.portfolio)
        frozen = 4 if book.portfolio else 3
        sheet_writer.table("Assignments", columns, _assignment_rows(book), frozen)
        sheet_writer.table("Calendar", _calendar_columns(), _calendar_rows(book), 2)
    for table in tables:
        if book is None or table is not pool:
            _write_table(sheet_writer, table)
    if not sheet_writer.tables:
        raise ValueError("write_workbook needs a book or at least one table")
    _save_atomically(sheet_writer, target)


def _write_table(sheet_writer: _SheetWriter, table: Table) -> None:
    columns = [(column.header, column.kind, column.width) for column in table.columns]
    sheet = sheet_writer.table(table.title, columns, table.rows, table.frozen_columns)
    format_table(sheet, table)


def safe_text(value: str) -> str:
    """`value` without the control characters XML cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


class _SheetWriter:
    """Sheets with the house style: bold shaded header, frozen panes, widths, filters."""

    def __init__(self, workbook: OpenpyxlWorkbook) -> None:
        self.workbook = workbook
        self.header_font = Font(bold=True)
        self.header_fill = PatternFill("solid", fgColor="DDE4EE")
        #: (sheet, column kinds, rows): the rows are streamed in by `fast.splice_rows`.
        self.tables: list[tuple[WriteOnlyWorksheet, list[str], list[Sequence[Any]]]] = []
        self.styles: Styles | None = None

    def _styles(self, sheet: WriteOnlyWorksheet) -> Styles:
        """Register the styles of the streamed cells with openpyxl, and learn their ids."""
        if self.styles is None:
            ids = []
            for number_format in (DATETIME_FORMAT, DATE_FORMAT, DECIMAL_FORMAT):
                cell = WriteOnlyCell(sheet)
                cell.number_format = number_format
                ids.append(cell.style_id)
            quoted = WriteOnlyCell(sheet)
            quoted.quotePrefix = True
            self.styles = Styles(*ids, quoted.style_id, self._grey(sheet, "").style_id)
        return self.styles

    @staticmethod
    def _grey(sheet: WriteOnlyWorksheet, value: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value or None)
        cell.font = Font(color=GREY)
        return cell

    def _sheet(self, title: str, columns: Sequence[Column], frozen: str) -> WriteOnlyWorksheet:
        sheet = self.workbook.create_sheet(title)
        for number, (_, _, width) in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(number)].width = width
        sheet.freeze_panes = frozen
        return sheet

    def _header(self, sheet: WriteOnlyWorksheet, names: Iterable[str]) -> list[WriteOnlyCell]:
        cells = []
        for name in names:
            cell = WriteOnlyCell(sheet, name)
            cell.font, cell.fill = self.header_font, self.header_fill
            cell.alignment = Alignment(vertical="center", wrap_text=True)
            cells.append(cell)
        return cells

    def table(
        self,
        title: str,
        columns: Sequence[Column],
        rows: Iterable[Sequence[Any]],
        frozen_columns: int,
    ) -> WriteOnlyWorksheet:
        """A header row then `rows`, each value converted as its column's kind says."""
        frozen = f"{get_column_letter(frozen_columns)}2"
        sheet = self._sheet(title, columns, frozen)
        sheet.append(self._header(sheet, (name for name, _, _ in columns)))
        self._styles(sheet)
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1"  # set when spliced
        self.tables.append((sheet, [kind for _, kind, _ in columns], list(rows)))
        return sheet

    def properties(self, project: SheetProject) -> None:
        """The Project sheet: one property per row (Property, Value)."""
        columns: list[Column] = [("Property", TEXT, 18), ("Value", PLAIN, 40)]
        sheet = self._sheet("Project", columns, "B2")
        sheet.append(self._header(sheet, ("Property", "Value")))
        text, when = self._converter(sheet, TEXT), self._converter(sheet, DATE)
        for key, value in zip(model.PROJECT_KEYS, _project_values(project), strict=True):
            if key == model.UID_COLUMN:
                sheet.append([self._grey(sheet, key), self._grey(sheet, value)])
                continue
            if isinstance(value, date):
                cell = when(value)
            elif isinstance(value, str):
                cell = text(value)
            else:
                cell = value
            sheet.append([text(key), cell])

    def _converter(self, sheet: WriteOnlyWorksheet, kind: str) -> Callable[[Any], Any]:
        if kind == TEXT:
            return lambda value: self._text(sheet, value)
        if kind == PLAIN:
            return lambda value: value
        # One styled cell per column, reused: a write-only sheet writes each row at once.
        cell = WriteOnlyCell(sheet)
        formats = {DATETIME: DATETIME_FORMAT, DATE: DATE_FORMAT}
        cell.number_format = formats.get(kind, DECIMAL_FORMAT)

        def styled(value: Any) -> Any:
            if kind == DATE and isinstance(value, datetime):
                value = value.date()
            cell.value = value
            return cell

        return styled

    def _text(self, sheet: WriteOnlyWorksheet, value: Any) -> Any:
        if value is None or value == "":
            return None
        text = safe_text(str(value))
        if not text.startswith(FORMULA_TRIGGERS) and text not in ERROR_CODES:
            return text
        cell = WriteOnlyCell(sheet, text)
        cell.data_type = "s"  # openpyxl would write "=…" as a formula
        cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
        return cell


def _save_atomically(sheets: _SheetWriter, path: Path) -> None:
    package = io.BytesIO()
    sheets.workbook.save(package)  # the package without the table rows: small
    package.seek(0)
    # Sheet parts are named when saved ("/xl/worksheets/sheet2.xml").
    tables = {sheet.path.lstrip("/"): (kinds, rows) for sheet, kinds, rows in sheets.tables}
    assert sheets.styles is not None
    with atomic_output(path) as stream:
        splice_rows(package, stream, tables, sheets.styles)


def _yes(flag: bool | None) -> str | None:
    return None if flag is None else ("Yes" if flag else "No")


def _days(minutes: int | None, per_day: int) -> float | None:
    return None if minutes is None else minutes / per_day


def _project_values(project: SheetProject) -> list[Any]:
    return [
        project.code, project.name, project.manager, project.sponsor,
        project.start.date() if project.start else None,
        project.finish.date() if project.finish else None,
        project.status_date.date() if project.status_date else None,
        project.currency, project.calendar, project.minutes_per_day / 60,
        project.minutes_per_week / 60, project.days_per_month, project.uid or None,
    ]  # fmt: skip


def _project_columns() -> list[Column]:
    kinds = [TEXT, TEXT, TEXT, TEXT, DATE, DATE, DATE, TEXT, TEXT, PLAIN, PLAIN, PLAIN, UID]
    widths = [14, 36, 22, 22, 12, 12, 12, 10, 24, 14, 14, 14, UID_WIDTH]
    return list(zip(model.PROJECTS_COLUMNS, kinds, widths, strict=True))


def _projects_rows(projects: list[SheetProject]) -> Iterable[list[Any]]:
    return (_project_values(project) for project in projects)


def _task_columns(portfolio: bool) -> list[Column]:
    kinds = [PLAIN, TEXT, PLAIN, TEXT, DECIMAL, DATETIME, DATETIME, PLAIN, TEXT, DATETIME,
             DATETIME, PLAIN, TEXT, TEXT, DATETIME, DATETIME]  # fmt: skip
    widths = [7, 12, 9, 44, 11, 17, 17, 10, 22, 17, 17, 9, 10, 22, 17, 17]
    columns = list(zip(model.TASK_COLUMNS, kinds, widths, strict=True))
    computed = [DATETIME] * 4 + [DECIMAL] * 2 + [TEXT]
    widths = [17] * 4 + [11, 11, 9]
    columns += list(zip(model.COMPUTED_COLUMNS, computed, widths, strict=True))
    columns.append((model.UID_COLUMN, UID, UID_WIDTH))
    return ([(model.PROJECT_COLUMN, TEXT, 12)] if portfolio else []) + columns


def _task_rows(book: Workbook, units: dict[str, int]) -> Iterable[list[Any]]:
    for task in book.tasks:
        per_day = units.get(task.project, 480)
        yield ([task.project] if book.portfolio else []) + _task_values(task, per_day)


def _task_values(task: SheetTask, per_day: int) -> list[Any]:
    computed = task.computed
    predecessors = format_predecessors(task.predecessors, minutes_per_day=per_day)
    constraint = model.CONSTRAINT_NAMES[task.constraint]
    return [
        task.id, task.wbs, task.outline_level, task.name, task.duration / per_day, task.start,
        task.finish, round(task.percent_complete, 2), constraint, task.constraint_date,
        task.deadline, task.priority, _yes(task.milestone), predecessors, task.actual_start,
        task.actual_finish, computed.early_start, computed.early_finish, computed.late_start,
        computed.late_finish, _days(computed.total_slack, per_day),
        _days(computed.free_slack, per_day), _yes(computed.critical), task.uid or None,
    ]  # fmt: skip


def _resource_columns() -> list[Column]:
    kinds = [TEXT, TEXT, TEXT, TEXT, TEXT, PLAIN, DECIMAL]
    return list(zip(model.RESOURCE_COLUMNS, kinds, [14, 30, 10, 24, 24, 13, 16], strict=True))


def _resource_rows(book: Workbook) -> Iterable[list[Any]]:
    for resource in book.resources:
        yield [
            resource.code, resource.name, resource.kind, resource.role, resource.department,
            round(resource.max_units * 100, 2), resource.cost_rate,
        ]  # fmt: skip


def _assignment_columns(portfolio: bool) -> list[Column]:
    kinds = [PLAIN, TEXT, TEXT, PLAIN, DECIMAL, DECIMAL]
    columns = list(zip(model.ASSIGNMENT_COLUMNS, kinds, [8, 40, 30, 10, 13, 17], strict=True))
    return ([(model.PROJECT_COLUMN, TEXT, 12)] if portfolio else []) + columns


def _assignment_rows(book: Workbook) -> Iterable[list[Any]]:
    for item in book.assignments:
        row = [item.task_id, item.task_name, item.resource, round(item.units * 100, 2),
               item.work / 60, item.actual_work / 60]  # fmt: skip
        yield ([item.project] if book.portfolio else []) + row


def _calendar_columns() -> list[Column]:
    kinds = [TEXT, TEXT, DATE, DATE, TEXT, TEXT]
    return list(zip(model.CALENDAR_COLUMNS, kinds, [24, 12, 12, 12, 26, 30], strict=True))


def format_hours(intervals: Sequence[tuple[int, int]]) -> str:
    """Working intervals as "08:00-12:00; 13:00-17:00" (24:00 for midnight at the end)."""
    return "; ".join(
        f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"
        for start, end in intervals
    )


def _calendar_rows(book: Workbook) -> Iterable[list[Any]]:
    for calendar in book.calendars:
        for day, hours in zip(model.WEEKDAYS, calendar.week, strict=True):
            yield [calendar.name, day, None, None, format_hours(hours), None]
        for first, last, hours, name in calendar.exceptions:
            yield [calendar.name, "Exception", first, last, format_hours(hours), name]
