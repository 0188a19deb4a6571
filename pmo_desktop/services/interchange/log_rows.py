"""Reading the rows of a log sheet: each cell checked against its column, every problem
kept with its sheet, row and column (nothing stops at the first one).

A blank cell means "empty" (text "", no date, no residual rating); an enumeration or a
percentage left blank keeps the stored value (or the default for a new row). Text is kept
as typed, a formula included ("=HYPERLINK(…)" is a title like any other); control
characters other than tab and line breaks are refused with the cell named.
"""

from __future__ import annotations

import enum
import re
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from openpyxl.utils import get_column_letter

from pmo_desktop.interop.xlsx import values
from pmo_desktop.interop.xlsx.tables import SheetRows
from pmo_desktop.services.interchange.log_sheets import (
    CHOICE,
    DATE,
    FLAG,
    ID,
    INTEGER,
    LONG,
    MONEY,
    PERCENT,
    RATING,
    Field,
    LogSheet,
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: How Excel writes a character XML cannot hold: _x0007_ (and a literal "_x" as _x005F_x).
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_NON_NEGATIVE = {"cost_rate", "overtime_rate", "cost_per_use", "max_units"}
#: A parsed cell that was left blank where blank means "keep" (see the module's doc).
KEEP = object()


@dataclass(frozen=True, order=True)
class RowError:
    """One problem: the sheet, the row number (1 = header), the column and what is wrong."""

    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.sheet}!{self.column} row {self.row}: {self.message}"


@dataclass
class ParsedRow:
    """A row's values by attribute (special ones: `log_sheets.ID`, `@project`, …)."""

    number: int
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class SheetReader:
    """Checks the rows of one sheet; `columns` maps our headers (case-folded) to indexes."""

    sheet: LogSheet
    rows: SheetRows
    columns: dict[str, int]
    errors: list[RowError]
    notes: list[str]

    @classmethod
    def ours(cls, sheet: LogSheet, rows: SheetRows, errors: list[RowError],
             notes: list[str]) -> SheetReader:  # fmt: skip
        """A sheet of our own export: columns found by their headers."""
        index = rows.index()
        known = {item.header.casefold() for item in sheet.fields}
        for key, number in index.items():
            if key not in known:
                notes.append(f"{rows.title}!{get_column_letter(number + 1)}1: column "
                             f"{rows.header[number]!r} not imported")  # fmt: skip
        return cls(sheet, rows, {key: value for key, value in index.items() if key in known},
                   errors, notes)  # fmt: skip

    def where(self, item: Field) -> str:
        index = self.columns.get(item.header.casefold())
        letter = get_column_letter(index + 1) if index is not None else "?"
        return f"{letter} ({item.header})"

    def problem(self, number: int, item: Field, message: str) -> None:
        self.errors.append(RowError(self.rows.title, number, self.where(item), message))

    def parse(self) -> list[ParsedRow]:
        for item in self.sheet.fields:
            needed = item.required and item.kind != RATING and not item.read_only
            if needed and item.header.casefold() not in self.columns:
                self.errors.append(
                    RowError(self.rows.title, 1, item.header, "this column is missing")
                )
        parsed: list[ParsedRow] = []
        for number, row in self.rows.rows:
            found = ParsedRow(number)
            for item in self.sheet.fields:
                index = self.columns.get(item.header.casefold())
                if item.read_only or index is None:
                    continue
                raw = row[index] if index < len(row) else None
                try:
                    value = self._cell(item, raw)
                except ValueError as error:
                    self.problem(number, item, str(error))
                    continue
                if value is not KEEP:
                    found.values[item.attr] = value
            parsed.append(found)
        return parsed

    def _cell(self, item: Field, raw: Any) -> Any:
        blank = raw is None or (isinstance(raw, str) and not raw.strip())
        if blank:
            if item.required:
                raise ValueError("a value is required here")
            return _empty(item)
        kind = item.kind
        if kind == CHOICE:
            return choice(item.enum, raw)
        if kind == DATE:
            return values.day(raw)
        if kind == FLAG:
            return values.flag(raw)
        if kind in (RATING, INTEGER):
            number = values.integer(raw)
            if kind == RATING and number is not None and not 1 <= number <= 5:
                raise ValueError(f"{number} is not a rating from 1 to 5")
            return number
        if kind in (MONEY, PERCENT):
            amount = values.number(raw)
            assert amount is not None
            if amount < 0 and item.attr in _NON_NEGATIVE:
                raise ValueError(f"{values.text(raw)} is negative")
            if kind == PERCENT:
                return amount / 100
            return Decimal(repr(round(amount, 6)))
        return text(item, raw)


def _empty(item: Field) -> Any:
    if item.kind in (CHOICE, PERCENT) or item.attr == ID:
        return KEEP
    if item.kind == RATING:  # an inherent rating left blank keeps its value (or default)
        return None if item.attr.startswith("residual_") else KEEP
    if item.kind == DATE:
        return None
    if item.kind == FLAG:
        return False
    if item.kind == INTEGER:
        return 0
    if item.kind == MONEY:
        return Decimal("0")
    return ""


def text(item: Field, raw: Any) -> str:
    """A text cell as stored: long text exactly as typed, short text trimmed."""
    found = raw if isinstance(raw, str) else values.text(raw)
    if item.kind != LONG:
        found = found.strip()
    control = _CONTROL.search(found)
    code = ord(control.group()) if control is not None else _escaped_control(found)
    if code is not None:
        raise ValueError(
            f"contains the control character U+{code:04X}, which cannot be stored; remove it "
            "(tabs and line breaks are fine)"
        )
    if item.attr == ID:
        try:
            return str(uuid.UUID(found))
        except ValueError:
            raise ValueError(f"{found[:40]!r} is not an ID written by PMO Desktop") from None
    if item.length and len(found) > item.length:
        raise ValueError(f"{len(found)} characters; at most {item.length}")
    return found


def _escaped_control(found: str) -> int | None:
    """The first control character written the Excel way (_x0007_), if any."""
    if "_x" not in found:
        return None
    for match in _ESCAPE.finditer(found):
        code = int(match.group(1), 16)
        if code < 0x20 and code not in (0x09, 0x0A, 0x0D):
            return code
    return None


def choice(kind: type[enum.Enum] | None, raw: Any) -> enum.Enum:
    """An enumeration member from its English label ("In progress") or stored value."""
    assert kind is not None
    key = values.text(raw).casefold().replace("_", " ")
    for member in kind:
        if key == str(member.value).casefold().replace("_", " "):
            return member
    names = ", ".join(str(member.value).replace("_", " ").capitalize() for member in kind)
    raise ValueError(f"{values.text(raw)[:40]!r} is not one of: {names}")
