"""The streamed rows of a large sheet (`fast.row_chunks`) are made a column at a time, once per
distinct value: they must be byte for byte what writing each cell on its own gives (the
reference below, the writer as it was), for values that are equal but written apart (1, 1.0,
True; 0.0 and -0.0; one instant in two time zones), text Excel would take for a formula,
control characters, markup characters, and more rows than one chunk holds. Then a workbook
of such rows read back by openpyxl: text stays text, never a formula."""

from __future__ import annotations

import enum
import zipfile
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from pmo_desktop.interop.xlsx import fast
from pmo_desktop.interop.xlsx.fast import Styles, row_chunks
from pmo_desktop.interop.xlsx.tables import Table, TableColumn
from pmo_desktop.interop.xlsx.writer import write_workbook

STYLES = Styles(datetime_id=3, date_id=4, decimal_id=5, quoted_id=6, grey_id=7)
KINDS = ["text", "plain", "decimal", "datetime", "date", "uid", "plain"]


class Colour(enum.StrEnum):
    RED = "red"
    FORMULA = "=RED"


def reference(kinds: Sequence[str], rows: Sequence[Sequence[Any]], first_row: int = 2) -> bytes:
    """Every cell converted on its own (the writer before it worked by columns)."""
    styled = [STYLES.by_kind.get(kind) for kind in kinds]
    texts = [STYLES.text_by_kind.get(kind) for kind in kinds]
    parts = []
    for number, row in enumerate(rows, start=first_row):
        parts.append(f'<row r="{number}">')
        for column, value in enumerate(row):
            if value is None or value == "":
                continue
            ref = f"{get_column_letter(column + 1)}{number}"
            style = styled[column]
            if isinstance(value, str):
                parts.append(fast._text_cell(ref, value, STYLES.quoted, texts[column]))
            elif isinstance(value, bool):
                parts.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, date):
                serial = fast._serial(value)
                parts.append(f'<c r="{ref}" s="{style or 0}"><v>{serial!r}</v></c>')
            elif style is not None:
                parts.append(f'<c r="{ref}" s="{style}"><v>{value!r}</v></c>')
            else:
                parts.append(f'<c r="{ref}"><v>{value!r}</v></c>')
        parts.append("</row>")
    return "".join(parts).encode()


def written(kinds: Sequence[str], rows: Sequence[Sequence[Any]], first_row: int = 2) -> bytes:
    return b"".join(row_chunks(kinds, rows, STYLES, first_row))


PARIS = timezone(timedelta(hours=1))
MOMENT = datetime(2026, 3, 2, 8, 30)
TRICKY_TEXT = [
    "Build", "Build", "=1+1", "+33 1 23", "-minus", "@SUM(A1)", "\tTab", "\rReturn", "#N/A",
    "#REF!", " lead", "trail ", "a\x00b\x01c\x1fd", "\x0b", "Fish & <chips>", "Café 日本 😀",
    "", None, "multi\nline", "\u2028sep",
]  # fmt: skip
TRICKY_NUMBERS: list[Any] = [
    1,
    1.0,
    True,
    False,
    0,
    0.0,
    -0.0,
    2.5,
    None,
    10**20,
    1e-7,
    float("inf"),
    "no capacity",
]
TRICKY_MOMENTS: list[Any] = [
    MOMENT, MOMENT.date(), MOMENT.replace(tzinfo=UTC), MOMENT.replace(hour=9, tzinfo=PARIS),
    datetime(2026, 3, 2, 8, 30, 0, 5000), None, date(1900, 3, 1),
]  # fmt: skip


def rows_of(*columns: Sequence[Any]) -> list[list[Any]]:
    """Rows with each column's values in turn, as long as the longest column."""
    size = max(len(column) for column in columns)
    return [[column[index % len(column)] for column in columns] for index in range(size)]


@pytest.mark.parametrize(
    "column",
    [
        TRICKY_TEXT,
        TRICKY_NUMBERS,
        TRICKY_MOMENTS,
        [MOMENT, MOMENT.date(), None, date(1900, 3, 1), MOMENT.replace(microsecond=5000)],
        [0.0, -0.0, 0.0, 1.5, None],  # a number column: equal zeros written apart
        [1, 2, 2, None, 3],
        [True, False, None, True],
        [0.0, "no capacity", -0.0, 85.5],  # text and numbers, as in the loading grid
        [MOMENT.replace(tzinfo=UTC), MOMENT.replace(hour=9, tzinfo=PARIS)],  # one instant
        [Colour.RED, "red", "=RED", Colour.FORMULA],
    ],
    ids=[
        "text",
        "numbers",
        "moments",
        "dates",
        "zeros",
        "ints",
        "flags",
        "mixed",
        "zones",
        "enums",
    ],
)
def test_each_kind_of_column_writes_what_each_cell_alone_gives(column: list[Any]) -> None:
    rows = [[value] * len(KINDS) for value in column]
    assert written(KINDS, rows) == reference(KINDS, rows)


def test_a_large_table_is_written_as_cell_by_cell_across_chunks() -> None:
    columns = (TRICKY_TEXT, TRICKY_NUMBERS, [2.25, 0.0, None], TRICKY_MOMENTS,
               [date(2026, 1, day) for day in range(1, 29)], [f"uid-{n}" for n in range(97)],
               [n % 7 for n in range(50)])  # fmt: skip
    rows = rows_of(*columns) * 400  # 38,800 rows: several chunks
    assert len(rows) > 2 * fast._ROWS_PER_CHUNK
    assert written(KINDS, rows, first_row=5) == reference(KINDS, rows, first_row=5)
    assert written(KINDS, []) == b""


def test_a_row_without_a_value_per_column_is_refused() -> None:
    with pytest.raises(ValueError, match="zip"):
        written(KINDS, [[None] * len(KINDS), [None] * (len(KINDS) - 1)])
    with pytest.raises(ValueError, match="zip"):
        written(KINDS, [[None] * (len(KINDS) + 1)])


def test_a_sheet_of_hostile_text_reads_back_as_that_text(tmp_path: Path) -> None:
    texts = [text for text in TRICKY_TEXT if text]
    numbers = [0.0, -0.0, 1, 1.0, 2.5, None, 7, 0.0, 3, None, 1, 0, 1.0, 2, 4, 5, 6, 8]
    days = [date(2026, 3, day) for day in range(1, len(texts) + 1)]
    columns = [TableColumn("Text", "text", 20), TableColumn("Number", "plain", 10),
               TableColumn("When", "date", 12)]  # fmt: skip
    rows = [list(row) for row in zip(texts, numbers, days, strict=True)]
    path = tmp_path / "hostile.xlsx"
    write_workbook(None, path, [Table("Log", columns, rows)])
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet and b"<f " not in sheet
    cells = list(load_workbook(path)["Log"].iter_rows(min_row=2))
    # Control characters XML cannot hold are dropped; XML reads a carriage return as \n.
    expected = [ILLEGAL_CHARACTERS_RE.sub("", text).replace("\r", "\n") for text in texts]
    assert [row[0].value for row in cells] == expected
    assert all(row[0].data_type == "s" for row in cells)
    quoted = [row[0].value for row in cells if row[0].quotePrefix]
    assert quoted == ["=1+1", "+33 1 23", "-minus", "@SUM(A1)", "\tTab", "\nReturn", "#N/A",
                      "#REF!"]  # fmt: skip
    assert [row[1].value for row in cells] == numbers
    assert [row[2].value for row in cells] == [datetime.combine(day, time()) for day in days]
