"""The shortcuts of the workbook reader give what the general paths give: the regular
expression over a sheet and expat agree on rows whose cells come out of order or with gaps,
the usual predecessor entry ("12") reads as the full notation reads it, and the usual cells
(whole numbers, plain moments, Yes/No) parse as before."""

from __future__ import annotations

import io
from datetime import datetime

import pytest

from pmo_desktop.interop.xlsx import Predecessor, parse_predecessors, values
from pmo_desktop.interop.xlsx.fast import _expat_rows, read_rows

EPOCH = datetime(1899, 12, 30)
_SHEET = (
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>ID</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>Name</t></is></c></row>'
    # out of order, with a gap (C), an empty text and an empty value
    '<row r="2"><c r="D2"><v>4.5</v></c><c r="A2"><v>1</v></c>'
    '<c r="B2" t="inlineStr"><is><t>a &amp; b</t></is></c><c r="E2"><v></v></c></row>'
    # nothing but empty cells: no row
    '<row r="3"><c r="A3"><v></v></c><c r="B3" s="1"/></row>'
    '<row r="5"><c r="C5" s="1"><v>46082.5</v></c><c r="B5" t="b"><v>1</v></c>'
    '<c r="AA5" t="inlineStr"><is><t xml:space="preserve"> x </t></is></c></row>'
    "</sheetData></worksheet>"
)


def test_the_regular_expression_and_expat_read_the_same_rows() -> None:
    data = _SHEET.encode()
    fast = list(read_rows(io.BytesIO(data), [], {1}, EPOCH))
    slow = list(_expat_rows([data], [], {1}, EPOCH))
    assert fast == slow
    assert [number for number, _ in fast] == [1, 2, 5]
    assert fast[1][1] == [1, "a & b", None, 4.5]
    last = fast[2][1]
    assert last[1] is True and last[2] == datetime(2026, 3, 1, 12) and last[26] == " x "
    assert last[3:26] == [None] * 23


@pytest.mark.parametrize("text", ["12", "3;4", "7,8", "12;", "5SS;6"])
def test_the_usual_predecessor_entry_reads_as_the_notation_does(text: str) -> None:
    general = parse_predecessors(f" {text.replace(';', ' ;').replace(',', ' ,')} ")
    assert parse_predecessors(text) == general
    assert parse_predecessors("12") == [Predecessor(12, "FS", 0, "working", "")]


def test_non_ascii_digits_take_the_full_notation() -> None:
    assert parse_predecessors("١٢") == [Predecessor(12)]  # what the notation always read
    with pytest.raises(ValueError, match="cannot read"):
        parse_predecessors("²")


def test_the_usual_cells_parse_as_before() -> None:
    assert values.integer(7) == 7 and values.integer(7.0) == 7 and values.integer(None) is None
    with pytest.raises(ValueError, match="whole number"):
        values.integer(7.5)
    plain = datetime(2026, 3, 2, 8)
    assert values.moment(plain) is plain
    assert values.moment(datetime(2026, 3, 2, 8, 0, 0, 5000)) == plain
    assert values.flag(" Yes ") is True and values.flag("non") is False and values.flag("") is False
    with pytest.raises(ValueError, match="formula"):
        values.flag("=TRUE()")
    with pytest.raises(ValueError, match="not Yes or No"):
        values.flag("maybe")


def test_a_sheet_with_cells_of_another_shape_is_read_by_expat() -> None:
    rich = (
        '<c r="C2" t="inlineStr"><is><r><rPr><color rgb="FFFF0000"/></rPr><t>red</t></r>'
        "<r><t> text</t></r></is></c>"
    )
    for odd in (rich, '<c\tr="C2"><v>3</v></c>'):
        data = _SHEET.replace('<c r="E2"><v></v></c>', odd).encode()
        fast = list(read_rows(io.BytesIO(data), [], {1}, EPOCH))
        assert fast == list(_expat_rows([data], [], {1}, EPOCH))
        assert fast[1][1][2] in ("red text", 3)
