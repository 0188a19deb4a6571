"""The large sheets read column by column: the computed columns of the Tasks sheet are left
unread (by the regular expression and by expat alike), each column's parser runs once per
distinct value, and what it refuses is still reported at every cell, flags included."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook as OpenpyxlWorkbook

from pmo_desktop.interop.xlsx import WorkbookError, read_workbook
from pmo_desktop.interop.xlsx.fast import _expat_rows, read_rows

EPOCH = datetime(1899, 12, 30)
_SHEET = (
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>ID</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>Early start</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>Name</t></is></c>'
    '<c r="D1" t="inlineStr"><is><t> critical </t></is></c></row>'
    '<row r="2"><c r="A2"><v>1</v></c><c r="B2" s="1"><v>46082.5</v></c>'
    '<c r="C2" t="inlineStr"><is><t>Design</t></is></c>'
    '<c r="D2" t="inlineStr"><is><t>Yes</t></is></c></row>'
    # nothing but computed values: no row
    '<row r="3"><c r="B3" s="1"><v>46083</v></c><c r="D3" t="inlineStr"><is><t>No</t></is></c>'
    "</row>"
    '<row r="4"><c r="C4" t="inlineStr"><is><t>Build</t></is></c></row>'
    "</sheetData></worksheet>"
)
SKIP = frozenset({"early start", "critical"})


def test_skipped_columns_are_not_read_by_either_path() -> None:
    data = _SHEET.encode()
    fast = list(read_rows(io.BytesIO(data), [], {1}, EPOCH, SKIP))
    assert fast == list(_expat_rows([data], [], {1}, EPOCH, SKIP))
    assert fast == [
        (1, ["ID", "Early start", "Name", " critical "]),  # the header stays whole
        (2, [1, None, "Design"]),
        (4, [None, None, "Build"]),
    ]
    everything = list(read_rows(io.BytesIO(data), [], {1}, EPOCH))
    assert everything[1] == (2, [1, datetime(2026, 3, 1, 12), "Design", "Yes"])
    assert [number for number, _ in everything] == [1, 2, 3, 4]


def _tasks_workbook(path: Path, rows: list[list[object]]) -> None:
    book = OpenpyxlWorkbook()
    project = book.active
    project.title = "Project"
    project.append(["Property", "Value"])
    project.append(["Name", "Typed by hand"])
    project.append(["Start", date(2026, 3, 2)])
    tasks = book.create_sheet("Tasks")
    tasks.append(["ID", "Name", "Duration (days)", "Milestone", "Early start", "Critical"])
    for row in rows:
        tasks.append(row)
    book.save(path)


def test_computed_columns_are_ignored_whatever_they_hold(tmp_path: Path) -> None:
    path = tmp_path / "computed.xlsx"
    _tasks_workbook(
        path,
        [
            [1, "Design", 2, "No", "not a date", "maybe"],
            [None, None, None, None, datetime(2026, 3, 2), "Yes"],  # computed only: no task
            [2, "Build", 1, True, "=NOW()", None],
        ],
    )
    book = read_workbook(path)
    assert [(task.id, task.name, task.duration, task.milestone) for task in book.tasks] == [
        (1, "Design", 960, False),
        (2, "Build", 480, True),
    ]
    assert book.report == []


@pytest.mark.parametrize("first", [1, True])
def test_a_flag_in_a_number_column_is_refused_whatever_came_before(
    tmp_path: Path, first: object
) -> None:
    path = tmp_path / "flags.xlsx"
    # True == 1 as a key: the parsed value of one must not stand for the other.
    other = True if first == 1 and first is not True else 1
    _tasks_workbook(path, [[1, "A", first], [2, "B", other], [3, "C", first], [4, "D", other]])
    with pytest.raises(WorkbookError) as raised:
        read_workbook(path)
    flagged = (2, 4) if first is not True else (1, 3)
    assert raised.value.problems == [
        f"Tasks!C{row + 1} (Duration (days)): True is not a number" for row in flagged
    ]


def test_a_wrong_value_is_reported_at_each_of_its_cells(tmp_path: Path) -> None:
    path = tmp_path / "twice.xlsx"
    _tasks_workbook(path, [[1, "A", "two"], [2, "B", 2], [3, "C", "two", "perhaps"]])
    with pytest.raises(WorkbookError) as raised:
        read_workbook(path)
    assert raised.value.problems == [
        "Tasks!C2 (Duration (days)): 'two' is not a number",
        "Tasks!C4 (Duration (days)): 'two' is not a number",
        "Tasks!D4 (Milestone): 'perhaps' is not Yes or No",
    ]
    _tasks_workbook(path, [[1, "A", 2], [2, "B", 2.0, "Yes"], [3, "C", "2,5", "yes"]])
    assert [(task.duration, task.milestone) for task in read_workbook(path).tasks] == [
        (960, False),
        (960, True),
        (1200, True),
    ]
