"""Excel workbooks as plain data: notation, round trips, looks, hostile and malformed files."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl import load_workbook

from pmo_desktop.errors import InteropError
from pmo_desktop.interop.xlsx import (
    ComputedDates,
    Predecessor,
    SheetAssignment,
    SheetCalendar,
    SheetProject,
    SheetResource,
    SheetTask,
    Workbook,
    WorkbookError,
    format_predecessors,
    parse_predecessors,
    read_workbook,
    write_workbook,
)
from pmo_desktop.interop.xlsx.model import TASK_COLUMNS

DAY = ((480, 720), (780, 1020))
MONDAY = datetime(2026, 3, 2, 8)
RISKY = ["=1+1", "+33 1 23", "-minus", "@SUM(A1)", '=HYPERLINK("http://x")', "#N/A"]


def test_predecessor_notation_reads_every_unit() -> None:
    entries = parse_predecessors("3FS+2d; 5ss ;PRJ-2:7FF-1ed;9FS+50%;4;6SF+1.5h;8FS-1w;2SS+30m")
    assert entries == [
        Predecessor(3, "FS", 960),
        Predecessor(5, "SS", 0),
        Predecessor(7, "FF", -1440, "elapsed", "PRJ-2"),
        Predecessor(9, "FS", 50, "percent"),
        Predecessor(4, "FS", 0),
        Predecessor(6, "SF", 90),
        Predecessor(8, "FS", -2400),
        Predecessor(2, "SS", 30),
    ]
    assert parse_predecessors("3FS+1d", minutes_per_day=420) == [Predecessor(3, "FS", 420)]
    assert parse_predecessors("") == []


def test_predecessor_notation_written_back_unchanged() -> None:
    text = "3FS+2d;5SS;PRJ-2:7FF-1ed;9FS+50%;4;6SF+1.5h;8FS-3h;2SS+7m;1FF+2eh;10FS+0ed;11SS+0%"
    assert format_predecessors(parse_predecessors(text)) == text
    for lag in (1, 59, 60, 90, 479, 480, 1441, -7201):
        entry = Predecessor(1, "SS", lag)
        assert parse_predecessors(format_predecessors([entry])) == [entry]


@pytest.mark.parametrize("text", ["3XX", "FS3", "3FS+", "3FS+2y", "abc", "3FS+2d+1d"])
def test_predecessor_notation_refuses_what_it_cannot_read(text: str) -> None:
    with pytest.raises(ValueError, match="cannot read the predecessor"):
        parse_predecessors(text)


def sample_book(portfolio: bool = False) -> Workbook:
    start = datetime(2026, 3, 2)
    alpha = SheetProject("ALPHA", "Alpha =project", "Ann", "Bob", start, calendar="Office")
    alpha.currency = "EUR"
    projects = [alpha]
    computed = ComputedDates(MONDAY, MONDAY, MONDAY, MONDAY, 0, 0, True)
    snet = datetime(2026, 3, 9, 8)
    tasks = [
        SheetTask("ALPHA", 1, "Phase 1", 1, "1"),
        SheetTask("ALPHA", 2, "Design", 2, "1.1", 960, MONDAY, priority=700, computed=computed),
        SheetTask("ALPHA", 3, "Build", 2, "1.2", 2400, constraint="SNET", constraint_date=snet),
        SheetTask("ALPHA", 4, "Go live", 1, "2", milestone=True, deadline=datetime(2026, 4, 30)),
    ]
    tasks[2].predecessors = [Predecessor(2, "FS", 120), Predecessor(1, "SS", 20, "percent")]
    tasks[3].predecessors = [Predecessor(3, "FF", -1440, "elapsed")]
    if portfolio:
        projects.append(SheetProject("BETA", "Beta", start=start, calendar="Office"))
        tasks.append(SheetTask("BETA", 1, "Integrate", 1, "1", 480))
        tasks[-1].predecessors = [Predecessor(4, "FS", 0, "working", "ALPHA")]
    exceptions = [
        (date(2026, 5, 1), date(2026, 5, 1), (), "Labour Day"),
        (date(2026, 5, 9), date(2026, 5, 10), ((540, 720),), "Weekend sprint"),
    ]
    calendar = SheetCalendar("Office", [DAY] * 5 + [(), ()], exceptions)
    resources = [
        SheetResource("R1", "Ann Lee", "Person", "Architect", "IT", 1.0, 85.5),
        SheetResource("R2", "-Cement", "Material", max_units=0.0),
    ]
    assignments = [
        SheetAssignment("ALPHA", 2, "Ann Lee", 0.5, 480, 120),
        SheetAssignment("ALPHA", 3, "-Cement", 1.0, 0),
    ]
    return Workbook(projects, tasks, resources, assignments, [calendar], portfolio)


@pytest.mark.parametrize("portfolio", [False, True], ids=["project", "portfolio"])
def test_round_trip_keeps_the_plan(tmp_path: Path, portfolio: bool) -> None:
    book = sample_book(portfolio)
    path = tmp_path / "plan.xlsx"
    write_workbook(book, path)
    again = read_workbook(path)
    assert again.portfolio is portfolio
    fields = ("code", "name", "manager", "start", "calendar", "currency", "minutes_per_day")
    for before, after in zip(book.projects, again.projects, strict=True):
        assert [getattr(after, name) for name in fields] == [
            getattr(before, name) for name in fields
        ]
    keep = ("project", "id", "name", "outline_level", "wbs", "duration", "start", "constraint",
            "constraint_date", "deadline", "priority", "milestone", "predecessors")  # fmt: skip
    for before, after in zip(book.tasks, again.tasks, strict=True):
        assert [getattr(after, name) for name in keep] == [getattr(before, name) for name in keep]
    assert [task.parent for task in again.tasks][:4] == [None, 1, 1, None]
    assert again.resources == book.resources
    assert [(a.task_id, a.resource, a.units, a.work, a.actual_work) for a in again.assignments] == [
        (a.task_id, a.resource, a.units, a.work, a.actual_work) for a in book.assignments
    ]
    assert again.calendars == book.calendars
    assert again.report == []  # the computed columns are known, and silently not read


def test_workbook_looks_right_in_excel(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    write_workbook(sample_book(portfolio=True), path)
    opened = load_workbook(path)
    assert opened.sheetnames == ["Projects", "Tasks", "Resources", "Assignments", "Calendar"]
    for sheet in opened.worksheets:
        assert all(cell.font.b for cell in sheet[1]), sheet.title
        assert sheet.freeze_panes is not None and sheet.freeze_panes.endswith("2")
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}" + (
            f"{sheet.max_row}"
        )
        assert all(sheet.column_dimensions[c.column_letter].width > 5 for c in sheet[1])
    tasks = opened["Tasks"]
    header = [cell.value for cell in tasks[1]]
    assert header[1 : 1 + len(TASK_COLUMNS)] == list(TASK_COLUMNS)
    start = tasks.cell(3, header.index("Start") + 1)
    assert start.is_date and start.value == MONDAY and start.number_format == "yyyy-mm-dd hh:mm"
    assert tasks.cell(3, header.index("Predecessors") + 1).value is None
    assert tasks.cell(4, header.index("Predecessors") + 1).value == "2FS+2h;1SS+20%"
    assert tasks.cell(3, header.index("Critical") + 1).value == "Yes"
    assert opened["Projects"]["E2"].is_date


def test_user_text_is_never_written_as_a_formula(tmp_path: Path) -> None:
    book = sample_book()
    book.tasks = [SheetTask("ALPHA", number, text, 1) for number, text in enumerate(RISKY, 1)]
    book.assignments = []
    path = tmp_path / "risky.xlsx"
    write_workbook(book, path)
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    cells = [row[3] for row in load_workbook(path)["Tasks"].iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == RISKY
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in cells)
    name = load_workbook(path)["Project"]["B3"]
    assert (name.value, name.data_type, name.quotePrefix) == ("Alpha =project", "s", False)
    assert [task.name for task in read_workbook(path).tasks] == RISKY


def plain_workbook(path: Path, rows: list[list[object]], header: list[str] | None = None) -> None:
    """A workbook as a user could type it in Excel: a Project sheet and a Tasks sheet."""
    book = OpenpyxlWorkbook()
    project = book.active
    project.title = "Project"
    project.append(["Property", "Value"])
    project.append(["Name", "Typed by hand"])
    project.append(["Start", date(2026, 3, 2)])
    tasks = book.create_sheet("Tasks")
    tasks.append(header or ["ID", "Name", "Duration (days)", "Start", "Predecessors", "Notes"])
    for row in rows:
        tasks.append(row)
    book.save(path)


def test_formulas_are_read_as_their_text_never_evaluated(tmp_path: Path) -> None:
    path = tmp_path / "formulas.xlsx"
    plain_workbook(path, [[1, '=CONCAT("a","b")', 2], [2, "Build", "=1+1"]])
    with pytest.raises(WorkbookError) as raised:
        read_workbook(path)
    assert raised.value.problems == [
        "Tasks!C3 (Duration (days)): a formula (=1+1) where a value is expected; formulas are "
        "not evaluated, type the value itself"
    ]
    plain_workbook(path, [[1, '=CONCAT("a","b")', 2], [2, "Build", "1,5"]])
    book = read_workbook(path)
    assert [task.name for task in book.tasks] == ['=CONCAT("a","b")', "Build"]
    assert [task.duration for task in book.tasks] == [960, 720]
    assert book.report == ["Tasks!F1: column 'Notes' not imported"]


def test_every_problem_is_listed_with_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    plain_workbook(
        path,
        [
            [1, "Design", 2, "2026-03-02", ""],
            [2, "Build", "two", "next monday", "1FS+2d"],
            [3, "Test", 1, None, "2;99"],
            [4, "Loop A", 1, None, "5"],
            [5, "Loop B", 1, None, "6FS+1d"],
            [6, "Loop C", 1, None, "4SS"],
            [7, "", -1, None, "1XX"],
        ],
    )
    with pytest.raises(WorkbookError) as raised:
        read_workbook(path)
    problems = raised.value.problems
    assert problems == [
        "Tasks!C3 (Duration (days)): 'two' is not a number",
        "Tasks!D3 (Start): 'next monday' is not a date (write 2026-03-02 or 2026-03-02 08:00)",
        "Tasks!B8 (Name): the task has no name",
        "Tasks!C8 (Duration (days)): negative",
        "Tasks!E8 (Predecessors): cannot read the predecessor '1XX' (e.g. 3FS+2d)",
        "Tasks row 4 (Predecessors): the predecessor 99 is not a task ID of the sheet",
        "Tasks (Predecessors): the links form a loop: 'Loop A' (row 5) → 'Loop C' (row 7) → "
        "'Loop B' (row 6) → 'Loop A' (row 5)",
    ]
    message = str(raised.value)
    assert message.startswith("bad.xlsx: 7 problems, nothing imported: Tasks!C3")
    assert "\n" not in message
    # Duplicate IDs, and a loop given the other way round.
    plain_workbook(
        path,
        [[1, "Design", 2], [2, "Build", 1, None, "1FS+2d"], [3, "Test", 1, None, "2;99"],
         [4, "Loop A", 1, None, "6"], [5, "Loop B", 1, None, "4FS+1d"],
         [6, "Loop C", 1, None, "5SS"], [6, "Twice", 1]],
    )  # fmt: skip
    with pytest.raises(WorkbookError) as raised:
        read_workbook(path)
    assert raised.value.problems == [
        "Tasks row 8: the ID 6 is already used in row 7",
        "Tasks row 4 (Predecessors): the predecessor 99 is not a task ID of the sheet",
        "Tasks (Predecessors): the links form a loop: 'Loop A' (row 5) → 'Loop B' (row 6) → "
        "'Loop C' (row 7) → 'Loop A' (row 5)",
    ]


def test_wrong_header_and_missing_sheets(tmp_path: Path) -> None:
    path = tmp_path / "header.xlsx"
    plain_workbook(path, [[1, "Design", 2]], header=["Id", "Task name", "Durée"])
    with pytest.raises(WorkbookError) as raised:
        read_workbook(path)
    assert raised.value.problems == [
        "Tasks!1: the column 'Name' is missing",
        "Tasks!1: the column 'Duration (days)' is missing",
    ]
    book = OpenpyxlWorkbook()
    book.active.title = "Sheet1"
    book.save(path)
    with pytest.raises(WorkbookError, match="the sheet 'Project' \\(or 'Projects'\\) is missing"):
        read_workbook(path)


def test_hostile_files_are_refused_before_openpyxl(tmp_path: Path) -> None:
    text = tmp_path / "notes.xlsx"
    text.write_text("not a zip")
    with pytest.raises(InteropError, match="not an Excel workbook"):
        read_workbook(text)
    with pytest.raises(InteropError, match="does not exist"):
        read_workbook(tmp_path / "missing.xlsx")
    huge = tmp_path / "huge.xlsx"
    with huge.open("wb") as stream:
        stream.truncate(51 * 1024 * 1024)  # sparse: no disk used
    with pytest.raises(InteropError, match="the limit is 50 MB"):
        read_workbook(huge)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * 1024 * 1024))
    assert bomb.stat().st_size < 100_000
    with pytest.raises(InteropError, match=r"expands .* times .*zip bomb"):
        read_workbook(bomb)


def test_both_sheet_readers_agree_and_doctypes_are_refused(tmp_path: Path) -> None:
    from pmo_desktop.interop.xlsx.fast import _expat_rows, read_rows

    book = sample_book(portfolio=True)
    book.tasks[0].name = '  <Phase> & "one" ’ é  '
    path = tmp_path / "plan.xlsx"
    write_workbook(book, path)
    opened = load_workbook(path, read_only=True)
    for sheet in opened.worksheets:
        args = (sheet._shared_strings, opened._date_formats, opened.epoch)
        fast = list(read_rows(opened._archive.open(sheet._worksheet_path), *args))
        slow = list(_expat_rows([opened._archive.read(sheet._worksheet_path)], *args))
        assert fast == slow and fast, sheet.title
    assert read_workbook(path).tasks[0].name == '<Phase> & "one" ’ é'
    opened.close()
    entities = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    with zipfile.ZipFile(path) as source:
        sheet = source.read("xl/worksheets/sheet2.xml")
    hostile = entities + sheet.replace(b"Integrate", b"&b;")
    with pytest.raises(InteropError, match="document type or entities"):
        list(read_rows(io.BytesIO(hostile), [], set(), datetime(1899, 12, 30)))
    spoiled = tmp_path / "doctype.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(spoiled, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, hostile if item.filename.endswith("sheet2.xml") else data)
    with pytest.raises(InteropError) as raised:
        read_workbook(spoiled)
    assert "\n" not in str(raised.value)  # one readable line, whoever refused it
