"""Excel workbooks (.xlsx) in and out: a project or a portfolio as sheets a PMO edits.

`read_workbook` checks the file (size, zip ratio) then reads and validates every row into a
`Workbook`; `write_workbook` writes one, styled, atomically. Plain data only: no database.
"""

from __future__ import annotations

from pmo_desktop.interop.xlsx.model import (
    MAX_FILE_BYTES,
    ComputedDates,
    Predecessor,
    SheetAssignment,
    SheetCalendar,
    SheetProject,
    SheetResource,
    SheetTask,
    Workbook,
    WorkbookError,
)
from pmo_desktop.interop.xlsx.predecessors import (
    format_lag,
    format_predecessors,
    parse_predecessors,
)
from pmo_desktop.interop.xlsx.reader import read_workbook
from pmo_desktop.interop.xlsx.writer import write_workbook

__all__ = [
    "MAX_FILE_BYTES",
    "ComputedDates",
    "Predecessor",
    "SheetAssignment",
    "SheetCalendar",
    "SheetProject",
    "SheetResource",
    "SheetTask",
    "Workbook",
    "WorkbookError",
    "format_lag",
    "format_predecessors",
    "parse_predecessors",
    "read_workbook",
    "write_workbook",
]
