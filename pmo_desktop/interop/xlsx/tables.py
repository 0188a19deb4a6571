"""Plain tables (a header and rows) in and out of a workbook: the RAID logs, the resource
pool and the loading grid, and a user's own sheet to map.

A `Table` says how each column looks (kind, width), which values a drop-down offers, and
which conditional colours apply (risk score heat, utilisation heat, RAG). Writing goes
through `writer.write_workbook` (streamed, atomic, user text never a formula); reading
checks the zip first (`safety.check_workbook_file`) and returns cell values as openpyxl
reads them (a formula as its text, never evaluated).
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from pmo_desktop.errors import InteropError
from pmo_desktop.interop.xlsx.fast import read_rows
from pmo_desktop.interop.xlsx.safety import check_workbook_file

GREEN, AMBER, RED = "C6EFCE", "FFEB9C", "FFC7CE"
GREEN_TEXT, AMBER_TEXT, RED_TEXT = "006100", "9C5700", "9C0006"
#: Risk score zones (probability × impact): red from 15, amber from 5 (risk_register).
SCORE_AMBER_FROM, SCORE_RED_FROM = 5, 15
#: Utilisation (%) zones of the loading grid: amber from 85 %, red above 100 %.
LOAD_AMBER_FROM, LOAD_RED_ABOVE = 85, 100
#: Rows the drop-downs and colours cover below the data, for rows the user adds.
EXTRA_ROWS = 500

HEAT_SCORE, HEAT_LOAD, HEAT_RAG, HEAT_PRIORITY = "score", "load", "rag", "priority"
#: The colour of each word of a RAG or a priority column.
_WORDS = {
    HEAT_RAG: (("R", RED), ("A", AMBER), ("G", GREEN)),
    HEAT_PRIORITY: (("Critical", RED), ("High", RED), ("Medium", AMBER), ("Low", GREEN)),
}
_INK = {RED: RED_TEXT, AMBER: AMBER_TEXT, GREEN: GREEN_TEXT}


@dataclass(frozen=True)
class TableColumn:
    """A column: header, kind ("text", "date", "decimal", "plain"), width, drop-down
    choices (empty: free), and a conditional colour rule (`HEAT_*`, "" for none)."""

    header: str
    kind: str = "text"
    width: float = 14
    choices: tuple[str, ...] = ()
    heat: str = ""


@dataclass
class Table:
    """A sheet of rows under a bold, frozen, filtered header."""

    title: str
    columns: Sequence[TableColumn]
    rows: list[Sequence[Any]] = field(default_factory=list)
    frozen_columns: int = 1


def _fill(colour: str) -> PatternFill:
    return PatternFill("solid", fgColor=colour, bgColor=colour)


def format_table(sheet: Any, table: Table) -> None:
    """Drop-downs for every column with choices, and the heat colours (openpyxl sheet,
    write-only or not)."""
    last = len(table.rows) + 1 + EXTRA_ROWS
    for number, column in enumerate(table.columns, start=1):
        letter = get_column_letter(number)
        cells = f"{letter}2:{letter}{last}"
        if column.choices:
            listed = ",".join(column.choices)
            validation = DataValidation(
                type="list", formula1=f'"{listed}"', allow_blank=True, showErrorMessage=True
            )
            validation.error = f"Choose one of: {', '.join(column.choices)}."
            validation.errorTitle = column.header
            validation.add(cells)
            sheet.data_validations.append(validation)
        if column.heat == HEAT_SCORE:
            _zones(sheet, cells, SCORE_AMBER_FROM - 0.5, SCORE_RED_FROM - 0.5)
        elif column.heat == HEAT_LOAD:
            _zones(sheet, cells, LOAD_AMBER_FROM - 1e-9, LOAD_RED_ABOVE + 1e-9)
        elif column.heat in _WORDS:
            for word, colour in _WORDS[column.heat]:
                length = len(word) if column.heat == HEAT_PRIORITY else 1
                formula = f'UPPER(LEFT({letter}2,{length}))="{word.upper()}"'
                rule = FormulaRule(
                    formula=[formula], fill=_fill(colour), font=Font(color=_INK[colour])
                )
                sheet.conditional_formatting.add(cells, rule)


def _zones(sheet: Any, cells: str, amber_from: float, red_from: float) -> None:
    """Green below `amber_from`, amber up to `red_from`, red from it (numbers only)."""
    rules = (
        CellIsRule(operator="greaterThanOrEqual", formula=[repr(red_from)], fill=_fill(RED),
                   font=Font(color=RED_TEXT), stopIfTrue=True),
        CellIsRule(operator="greaterThanOrEqual", formula=[repr(amber_from)], fill=_fill(AMBER),
                   font=Font(color=AMBER_TEXT), stopIfTrue=True),
        CellIsRule(operator="between", formula=["0", repr(amber_from)], fill=_fill(GREEN),
                   font=Font(color=GREEN_TEXT)),
    )  # fmt: skip
    for rule in rules:
        sheet.conditional_formatting.add(cells, rule)


@dataclass
class SheetRows:
    """A sheet as read: its header cells and its non-empty rows with their row numbers."""

    title: str
    header: list[str]
    rows: list[tuple[int, list[Any]]]

    def index(self) -> dict[str, int]:
        """Header (case-folded, trimmed) → column index; the first of equal headers wins."""
        found: dict[str, int] = {}
        for number, name in enumerate(self.header):
            key = name.strip().casefold()
            if key:
                found.setdefault(key, number)
        return found


def _header_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_sheets(
    path: str | os.PathLike[str], titles: Sequence[str] | None = None, *, limit: int | None = None
) -> tuple[list[str], dict[str, SheetRows]]:
    """The workbook's sheet names, and the sheets named in `titles` (all when None; matched
    case-insensitively, keyed by the name asked for) with at most `limit` rows each."""
    source = Path(path)
    check_workbook_file(source)
    try:
        book = load_workbook(source, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, ParseError, KeyError, ValueError) as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise InteropError(f"{source.name} cannot be read as an Excel workbook: {first}") from None
    try:
        names = list(book.sheetnames)
        by_key = {name.strip().casefold(): name for name in names}
        wanted = list(names) if titles is None else list(titles)
        sheets: dict[str, SheetRows] = {}
        for title in wanted:
            found = by_key.get(title.strip().casefold())
            if found is not None:
                sheets[title] = _read_sheet(book[found], title, limit)
        return names, sheets
    except (ParseError, zipfile.BadZipFile, OSError) as error:
        raise InteropError(f"{source.name} is damaged: {error}") from None
    finally:
        book.close()


def _read_sheet(worksheet: Any, title: str, limit: int | None) -> SheetRows:
    """The rows through `fast.read_rows` (expat, no per-cell objects: ten times faster)."""
    book = worksheet.parent
    part = book._archive.open(worksheet._worksheet_path)
    rows = read_rows(part, worksheet._shared_strings, book._date_formats, book.epoch)
    first = next(rows, (1, []))
    header = [_header_text(value) for value in first[1]]
    while header and not header[-1]:
        header.pop()
    found: list[tuple[int, list[Any]]] = []
    if first[0] != 1:  # no header row: the first row read is data
        header, found = [], [(first[0], list(first[1]))]
    for number, row in rows:
        if limit is not None and len(found) >= limit:
            break
        values = list(row)
        if any(value is not None and value != "" for value in values):
            found.append((number, values))
    return SheetRows(title, header, found)
