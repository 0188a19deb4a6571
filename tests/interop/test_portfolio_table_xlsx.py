"""The portfolio table as an Excel workbook: real files read back with openpyxl."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from pmo_desktop.errors import InteropError
from pmo_desktop.interop.xlsx.portfolio_table import money_format, write_portfolio_table
from pmo_desktop.models import Rag
from pmo_desktop.reports.data import DIMENSIONS, ProjectSummary, Trend
from pmo_desktop.reports.i18n import ReportText

RISKY = ['=HYPERLINK("http://x")', "+33 1 23", "-minus", "@SUM(A1)", "#N/A", "=1+1"]
FILLS = {Rag.RED: "C00000", Rag.AMBER: "FFBF00", Rag.GREEN: "00A651"}


def summary(number: int, **changes: object) -> ProjectSummary:
    values: dict[str, object] = {
        "id": number,
        "code": f"P-{number:02d}",
        "name": f"Project {number}",
        "programme": "Digital",
        "manager": "Anne Martin",
        "sponsor": "CFO",
        "method": "waterfall",
        "phase": "Build",
        "status": "active",
        "currency": "EUR",
        "percent_complete": 12.5 * number,
        "ratings": {"overall": Rag.RED, "schedule": Rag.AMBER, "cost": Rag.GREEN},
        "trends": {"overall": Trend.WORSE, "schedule": Trend.SAME, "cost": Trend.BETTER},
        "spi": Decimal("0.9134"),
        "cpi": Decimal("1.0271"),
        "budget": Decimal("1250000.00"),
        "actual": Decimal("400000.50"),
        "forecast": Decimal("1312500.00"),
        "next_milestone": "Go-live",
        "next_milestone_date": date(2026, 12, 1),
        "next_milestone_slip_days": 4.5,
        "start": date(2026, 1, 5),
        "finish": date(2027, 3, 31),
    }
    values.update(changes)
    return ProjectSummary(**values)  # type: ignore[arg-type]


def table(path: Path) -> tuple[Worksheet, dict[str, int]]:
    sheet = load_workbook(path).worksheets[0]
    headings = {cell.value: cell.column for cell in sheet[1]}
    return sheet, headings


def test_one_formatted_row_per_project(tmp_path: Path) -> None:
    projects = [summary(1), summary(2, currency="USD", ratings={}, trends={}, spi=None)]
    path = tmp_path / "table.xlsx"
    write_portfolio_table(projects, path, portfolio="Demo", as_of=date(2026, 10, 30))

    sheet, col = table(path)
    assert sheet.max_row == 1 + len(projects)
    assert [sheet.cell(row, col["Code"]).value for row in (2, 3)] == ["P-01", "P-02"]
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}3"
    header = sheet.cell(1, col["Project"])
    assert header.font.bold and header.fill.fgColor.rgb.endswith("1F3864")
    assert sheet.column_dimensions["B"].width >= 30  # the name column is wide

    first = projects[0]
    percent = sheet.cell(2, col["% complete"])
    assert percent.value == pytest.approx(first.percent_complete / 100)
    assert percent.number_format == "0%"
    spi = sheet.cell(2, col["SPI"])
    assert spi.value == pytest.approx(float(first.spi)) and spi.number_format == "0.00"
    assert sheet.cell(3, col["SPI"]).value is None  # no SPI: an empty cell, not "0"
    for heading, amount in (
        ("Budget", first.budget),
        ("Actual", first.actual),
        ("Forecast at completion", first.forecast),
        ("Variance at completion", first.budget - first.forecast),
    ):
        cell = sheet.cell(2, col[heading])
        assert cell.data_type == "n" and cell.value == pytest.approx(float(amount))
        assert "€" in cell.number_format and "#,##0" in cell.number_format
    assert "$" in sheet.cell(3, col["Budget"]).number_format
    milestone = sheet.cell(2, col["Milestone date"])
    assert milestone.is_date and milestone.value == datetime(2026, 12, 1)
    assert sheet.cell(2, col["Slip (working days)"]).value == pytest.approx(4.5)
    assert sheet.cell(2, col["Status"]).value == "Active"


def test_rag_cells_are_filled_with_the_word_and_trend(tmp_path: Path) -> None:
    project = summary(1)
    path = tmp_path / "rag.xlsx"
    write_portfolio_table([project], path)

    sheet, col = table(path)
    for key in DIMENSIONS:
        cell = sheet.cell(2, col[key.capitalize()])
        rating = project.ratings.get(key)
        if rating is None:
            assert cell.value == "Not rated"
            assert cell.fill.fill_type is None
            continue
        word = {Rag.RED: "Red", Rag.AMBER: "Amber", Rag.GREEN: "Green"}[rating]
        arrow = {Trend.WORSE: "▼", Trend.SAME: "►", Trend.BETTER: "▲"}[project.trends[key]]
        assert cell.value == f"{word} {arrow}"
        assert cell.fill.fill_type == "solid"
        assert cell.fill.fgColor.rgb.endswith(FILLS[rating])


def test_user_text_is_never_a_formula(tmp_path: Path) -> None:
    projects = [
        summary(number, name=text, manager=text, next_milestone=text)
        for number, text in enumerate(RISKY, start=1)
    ]
    path = tmp_path / "risky.xlsx"
    write_portfolio_table(projects, path, portfolio="=evil()")

    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    sheet, col = table(path)
    for heading in ("Project", "Manager", "Next milestone"):
        cells = [sheet.cell(row, col[heading]) for row in range(2, 2 + len(RISKY))]
        assert [cell.value for cell in cells] == RISKY
        assert all(cell.data_type == "s" and cell.quotePrefix for cell in cells)
    about = load_workbook(path)["About"]
    assert about["B1"].value == "=evil()" and about["B1"].data_type == "s"


def test_french_headings_and_money_format(tmp_path: Path) -> None:
    path = tmp_path / "fr.xlsx"
    write_portfolio_table([summary(1)], path, text=ReportText("fr"))
    sheet, col = table(path)
    french = ReportText("fr")
    assert french.dimension("schedule") != "Schedule" and french.dimension("schedule") in col
    assert "Schedule" not in col
    assert sheet.cell(2, col[french.dimension("overall")]).value.startswith(french.rag(Rag.RED))
    assert sheet.cell(2, col["Budget"]).number_format.startswith("#,##0 ")
    assert money_format("EUR", "fr").endswith('"€"')


def test_an_empty_table_still_has_its_header(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    write_portfolio_table([], path)
    sheet, col = table(path)
    assert sheet.max_row == 1 and "Code" in col


def test_a_failed_write_leaves_what_was_there_and_no_temporary(tmp_path: Path) -> None:
    """The workbook is written, then cannot replace the target: nothing is left behind."""
    target = tmp_path / "table.xlsx"
    target.mkdir()
    (target / "kept.txt").write_text("kept")
    with pytest.raises(InteropError, match="Cannot write"):
        write_portfolio_table([summary(1)], target)
    assert (target / "kept.txt").read_text() == "kept"
    assert [p.name for p in tmp_path.iterdir()] == ["table.xlsx"]


def test_a_missing_folder_is_an_interop_error(tmp_path: Path) -> None:
    with pytest.raises(InteropError, match="Cannot write"):
        write_portfolio_table([summary(1)], tmp_path / "missing" / "table.xlsx")
