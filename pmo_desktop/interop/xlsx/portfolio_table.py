"""The board pack's portfolio table as an Excel workbook a PMO filters, sorts and prints.

One row per project: RAG per dimension as coloured cells with the word and the trend arrow,
% complete, SPI/CPI, money as numbers in the project's currency, the next milestone and its
slip. User text is always a string cell, never a formula; the file appears whole or not at
all (temporary file, then `os.replace`). Plain data in: the services convert their pack.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from babel.numbers import get_currency_symbol
from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pmo_desktop.interop.xlsx.fast import FORMULA_TRIGGERS
from pmo_desktop.interop.xlsx.writer import safe_text
from pmo_desktop.models.enums import Rag
from pmo_desktop.storage.atomic import atomic_output

#: The rated dimensions in column order (the board pack's DIMENSIONS).
DIMENSIONS = ("overall", "schedule", "cost", "scope", "resources", "benefits")
#: Fill and font colours of a rated cell (the pack's RAG colours).
RAG_FILLS = {Rag.RED: "C00000", Rag.AMBER: "FFBF00", Rag.GREEN: "00A651"}
RAG_FONTS = {Rag.RED: "FFFFFF", Rag.AMBER: "000000", Rag.GREEN: "FFFFFF"}
HEADER_FILL = "1F3864"
DATE_FORMAT = "d mmm yyyy"
PERCENT_FORMAT = "0%"
INDEX_FORMAT = "0.00"
SLIP_FORMAT = "+0.0;-0.0;0"
SHEET_TITLE_LENGTH = 31

_STATUS_LABELS = {
    "proposed": "Proposed",
    "active": "Active",
    "on_hold": "On hold",
    "closed": "Closed",
    "cancelled": "Cancelled",
}
_RAG_LABELS = {Rag.RED: "Red", Rag.AMBER: "Amber", Rag.GREEN: "Green"}
_TREND_ARROWS = {"better": "▲", "worse": "▼", "same": "►", "new": "•"}


class TableProject(Protocol):
    """What the table prints of a project (the board pack's ProjectSummary has it all)."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def programme(self) -> str: ...
    @property
    def manager(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def phase(self) -> str: ...
    @property
    def currency(self) -> str: ...
    @property
    def percent_complete(self) -> float: ...
    @property
    def ratings(self) -> Mapping[str, Rag]: ...
    @property
    def trends(self) -> Mapping[str, Any]: ...
    @property
    def spi(self) -> Decimal | None: ...
    @property
    def cpi(self) -> Decimal | None: ...
    @property
    def budget(self) -> Decimal: ...
    @property
    def actual(self) -> Decimal: ...
    @property
    def forecast(self) -> Decimal: ...
    @property
    def next_milestone(self) -> str: ...
    @property
    def next_milestone_date(self) -> date | None: ...
    @property
    def next_milestone_slip_days(self) -> float | None: ...
    @property
    def start(self) -> date | None: ...
    @property
    def finish(self) -> date | None: ...


class TableText(Protocol):
    """Labels in the pack's language (reports.i18n.ReportText fits)."""

    language: str

    def __call__(self, message: str, /) -> str: ...
    def rag(self, rag: Rag | None) -> str: ...
    def dimension(self, key: str) -> str: ...
    def trend_arrow(self, trend: Any) -> str: ...


class EnglishText:
    """English labels, for callers without a translation catalog."""

    language = "en"

    def __call__(self, message: str, /) -> str:
        return message

    def rag(self, rag: Rag | None) -> str:
        return "Not rated" if rag is None else _RAG_LABELS[Rag(rag)]

    def dimension(self, key: str) -> str:
        return key.capitalize()

    def trend_arrow(self, trend: Any) -> str:
        return _TREND_ARROWS.get(str(trend), "•") if trend is not None else "•"


def write_portfolio_table(
    projects: Sequence[TableProject],
    path: str | os.PathLike[str],
    *,
    text: TableText | None = None,
    portfolio: str = "",
    organisation: str = "",
    as_of: date | None = None,
) -> None:
    """Write the portfolio table of `projects` (in the given order) to `path`, atomically."""
    labels = text or EnglishText()
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = labels("Portfolio table")[:SHEET_TITLE_LENGTH]
    _TableSheet(sheet, labels).write(projects)
    _print_setup(sheet, labels, portfolio, as_of)
    _about_sheet(workbook, labels, portfolio, organisation, as_of, len(projects))
    workbook.properties.title = f"{portfolio} — {labels('Portfolio table')}".strip(" —")
    workbook.properties.creator = "PMO Desktop"
    _save_atomically(workbook, Path(path))


class _TableSheet:
    """The table: a styled header row, then one row per project."""

    def __init__(self, sheet: Worksheet, text: TableText) -> None:
        self.sheet = sheet
        self.text = text
        rule = Side(style="thin", color="BFBFBF")
        self.border = Border(left=rule, right=rule, top=rule, bottom=rule)
        #: (heading, width, writer of one project's cell)
        self.columns: list[tuple[str, float, Any]] = [
            (text("Code"), 12, lambda cell, p: self._text(cell, p.code)),
            (text("Project"), 36, lambda cell, p: self._text(cell, p.name)),
            (text("Programme"), 24, lambda cell, p: self._text(cell, p.programme)),
            (text("Manager"), 20, lambda cell, p: self._text(cell, p.manager)),
            (text("Status"), 11, lambda cell, p: self._text(cell, self._status(p.status))),
            (text("Phase"), 14, lambda cell, p: self._text(cell, p.phase)),
            *[
                (text.dimension(key), 12, lambda cell, p, key=key: self._rag(cell, p, key))
                for key in DIMENSIONS
            ],
            (text("% complete"), 11, self._percent),
            ("SPI", 7, lambda cell, p: self._number(cell, p.spi, INDEX_FORMAT)),
            ("CPI", 7, lambda cell, p: self._number(cell, p.cpi, INDEX_FORMAT)),
            (text("Currency"), 9, lambda cell, p: self._text(cell, p.currency)),
            (text("Budget"), 15, lambda cell, p: self._money(cell, p, p.budget)),
            (text("Actual"), 15, lambda cell, p: self._money(cell, p, p.actual)),
            (text("Forecast at completion"), 15, lambda cell, p: self._money(cell, p, p.forecast)),
            (
                text("Variance at completion"),
                15,
                lambda cell, p: self._money(cell, p, p.budget - p.forecast),
            ),
            (text("Next milestone"), 32, lambda cell, p: self._text(cell, p.next_milestone)),
            (text("Milestone date"), 13, lambda cell, p: self._date(cell, p.next_milestone_date)),
            (
                text("Slip (working days)"),
                11,
                lambda cell, p: self._number(cell, p.next_milestone_slip_days, SLIP_FORMAT),
            ),
            (text("Start"), 13, lambda cell, p: self._date(cell, p.start)),
            (text("Finish"), 13, lambda cell, p: self._date(cell, p.finish)),
        ]

    def write(self, projects: Sequence[TableProject]) -> None:
        sheet = self.sheet
        header_font = Font(bold=True, color="FFFFFF")
        header_fill = PatternFill("solid", fgColor=HEADER_FILL)
        centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for number, (heading, width, _) in enumerate(self.columns, start=1):
            cell = sheet.cell(row=1, column=number, value=heading)
            cell.font, cell.fill, cell.alignment = header_font, header_fill, centred
            cell.border = self.border
            sheet.column_dimensions[get_column_letter(number)].width = width
        sheet.row_dimensions[1].height = 32
        for row, project in enumerate(projects, start=2):
            for number, (_, _, write) in enumerate(self.columns, start=1):
                cell = sheet.cell(row=row, column=number)
                write(cell, project)
                cell.border = self.border
                if cell.alignment.horizontal is None:
                    cell.alignment = Alignment(vertical="top")
        last = get_column_letter(len(self.columns))
        sheet.freeze_panes = "C2"  # the header and the code + name stay in view
        sheet.auto_filter.ref = f"A1:{last}{max(len(projects), 0) + 1}"

    def _status(self, status: str) -> str:
        label = _STATUS_LABELS.get(str(status))
        return self.text(label) if label else str(status)

    def _text(self, cell: Cell, value: str | None) -> None:
        write_text(cell, value)

    def _rag(self, cell: Cell, project: TableProject, key: str) -> None:
        rating = project.ratings.get(key)
        trend = project.trends.get(key)
        word = self.text.rag(rating)
        cell.value = f"{word} {self.text.trend_arrow(trend)}" if rating and trend else word
        cell.alignment = Alignment(horizontal="center", vertical="top")
        if rating is None:
            cell.font = Font(italic=True, color="7F7F7F")
            return
        rag = Rag(rating)
        cell.fill = PatternFill("solid", fgColor=RAG_FILLS[rag])
        cell.font = Font(bold=True, color=RAG_FONTS[rag])

    def _percent(self, cell: Cell, project: TableProject) -> None:
        cell.value = round(float(project.percent_complete) / 100, 4)
        cell.number_format = PERCENT_FORMAT

    def _number(self, cell: Cell, value: Decimal | float | None, number_format: str) -> None:
        if value is None:
            return
        cell.value = float(value)
        cell.number_format = number_format

    def _money(self, cell: Cell, project: TableProject, amount: Decimal) -> None:
        cell.value = float(amount)
        cell.number_format = money_format(project.currency, self.text.language)

    def _date(self, cell: Cell, day: date | None) -> None:
        if day is None:
            return
        cell.value = day
        cell.number_format = DATE_FORMAT


def write_text(cell: Cell, value: str | None) -> None:
    """User text as a string cell: one Excel would take for a formula stays text."""
    if not value:
        return
    text = safe_text(str(value))
    cell.value = text
    if text.startswith(FORMULA_TRIGGERS) or text in ERROR_CODES:
        cell.data_type = "s"  # openpyxl would write "=…" as a formula
        cell.quotePrefix = True  # and Excel keeps it text when the cell is edited


def money_format(currency: str, language: str = "en") -> str:
    """Excel's number format for whole amounts in `currency`: '"€"#,##0' / '#,##0 "€"'."""
    if not currency:
        return "#,##0"
    symbol = get_currency_symbol(currency, locale="fr_FR" if language == "fr" else "en")
    quoted = '"' + symbol.replace('"', "") + '"'
    if language == "fr":
        return f"#,##0 {quoted};-#,##0 {quoted}"
    return f"{quoted}#,##0;-{quoted}#,##0"


def _print_setup(sheet: Worksheet, text: TableText, portfolio: str, as_of: date | None) -> None:
    """Landscape, one page wide, header row repeated, a title and page numbers."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    title = " — ".join(part for part in (portfolio, text("Portfolio table")) if part)
    if as_of is not None:
        title += f" — {as_of.isoformat()}"
    # "&" starts a header code in Excel: user text doubles it.
    sheet.oddHeader.center.text = safe_text(title).replace("&", "&&")
    sheet.oddFooter.right.text = "&P / &N"


def _about_sheet(
    workbook: Workbook,
    text: TableText,
    portfolio: str,
    organisation: str,
    as_of: date | None,
    projects: int,
) -> None:
    """A second sheet saying what the table is: portfolio, organisation, as-of date."""
    sheet = workbook.create_sheet(text("About")[:SHEET_TITLE_LENGTH])
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 48
    rows: list[tuple[str, Any]] = [
        (text("Portfolio"), portfolio),
        (text("Organisation"), organisation),
        (text("As of"), as_of),
        (text("Projects"), projects),
        (text("Written by"), "PMO Desktop"),
    ]
    for row, (label, value) in enumerate(rows, start=1):
        sheet.cell(row=row, column=1, value=label).font = Font(bold=True)
        cell = sheet.cell(row=row, column=2)
        if isinstance(value, str):
            write_text(cell, value)
        else:
            cell.value = value
            if isinstance(value, date):
                cell.number_format = DATE_FORMAT
            cell.alignment = Alignment(horizontal="left")


def _save_atomically(workbook: Workbook, path: Path) -> None:
    with atomic_output(path) as stream:
        workbook.save(stream)
