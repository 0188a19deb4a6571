"""Excel interchange of the RAID logs and the resource pool (issue 6 §5), on SQLite files
and PostgreSQL: formatted export, update by ID, dry run, row errors, untrusted files."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import text

from pmo_desktop.errors import InteropError
from pmo_desktop.services.database import Database
from pmo_desktop.services.demo import create_demo
from pmo_desktop.services.interchange import export_excel
from pmo_desktop.services.interchange.log_workbook import import_log_workbook

AS_OF = date(2026, 10, 30)
TABLES = (
    "risks", "risk_actions", "issues", "assumptions", "decisions", "change_requests",
    "lessons", "resources", "resource_rates",
)  # fmt: skip
LOG_SHEETS = ("Risks", "Risk actions", "Issues", "Assumptions", "Decisions",
              "Change requests", "Lessons", "Resources", "Resource rates")  # fmt: skip


@pytest.fixture
def demo(database: Database) -> tuple[Database, int]:
    summary = create_demo(database.engine, as_of=AS_OF)
    return database, summary.portfolio_id


def snapshot(database: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the log and pool tables, every column (version and stamps included)."""
    found = {}
    with database.engine.connect() as connection:
        for table in TABLES:
            rows = connection.execute(text(f"SELECT * FROM {table} ORDER BY id"))
            found[table] = [tuple(row) for row in rows]
    return found


def export(database: Database, portfolio_id: int, path: Path, sheets: tuple[str, ...] = ()) -> Path:
    export_excel(database, path, portfolio_id=portfolio_id, sheets=sheets, as_of=AS_OF)
    return path


def header(sheet: Any) -> dict[str, int]:
    return {cell.value: cell.column for cell in sheet[1]}


def test_export_is_formatted(demo: tuple[Database, int], tmp_path: Path) -> None:
    database, portfolio_id = demo
    path = export(database, portfolio_id, tmp_path / "all.xlsx")
    book = openpyxl.load_workbook(path)
    counts = {table: len(rows) for table, rows in snapshot(database).items()}
    for title, table in zip(LOG_SHEETS, TABLES, strict=True):
        sheet = book[title]
        assert sheet.max_row - 1 == counts[table], title
        assert sheet.freeze_panes is not None and sheet.freeze_panes.endswith("2")
        assert sheet.auto_filter.ref.startswith("A1:")
        assert sheet["A1"].font.b and sheet["A1"].fill.fgColor.rgb.endswith("DDE4EE")
        assert sheet.column_dimensions["A"].width > 5
    risks = book["Risks"]
    columns = header(risks)
    assert risks.auto_filter.ref.endswith(str(risks.max_row))
    lists = {dv.formula1: str(dv.sqref) for dv in risks.data_validations.dataValidation}
    status = openpyxl.utils.get_column_letter(columns["Status"])
    assert lists['"Open,Occurred,Closed"'].startswith(f"{status}2:")
    assert '"Avoid,Reduce,Transfer,Accept,Share,Exploit,Enhance,Fallback"' in lists
    assert '"Project,Programme,Portfolio"' in lists
    assert '"1,2,3,4,5"' in lists
    score = openpyxl.utils.get_column_letter(columns["Score"])
    heat = [str(rng.sqref) for rng in risks.conditional_formatting]
    assert any(ref.startswith(f"{score}2:") for ref in heat)
    fills = {rule.dxf.fill.fgColor.rgb[-6:] for rng in risks.conditional_formatting
             for rule in rng.rules}  # fmt: skip
    assert {"C6EFCE", "FFEB9C", "FFC7CE"} <= fills
    issues = book["Issues"]
    assert '"Low,Medium,High,Critical"' in {
        dv.formula1 for dv in issues.data_validations.dataValidation
    }
    priority = openpyxl.utils.get_column_letter(header(issues)["Priority"])
    assert any(str(rng.sqref).startswith(f"{priority}2:") for rng in issues.conditional_formatting)
    loading = book["Loading"]
    assert loading["A1"].value == "Role" and loading.max_column == 2 + 26
    assert len(loading.conditional_formatting) == 26
    # The loading grid is the service's: a resource's utilisation equals load / capacity.
    values = [cell for row in loading.iter_rows(min_row=2, values_only=True) for cell in row[2:]]
    assert any(isinstance(value, float) and value > 0 for value in values)


def test_project_export_holds_only_that_project(demo: tuple[Database, int], tmp_path: Path) -> None:
    database, _portfolio_id = demo
    with database.engine.connect() as connection:
        project_id, code = connection.execute(
            text(
                "SELECT project_id, p.code FROM risks r JOIN projects p ON p.id = r.project_id "
                "GROUP BY project_id, p.code ORDER BY count(*) DESC"
            )
        ).first()
        expected = connection.execute(
            text("SELECT count(*) FROM risks WHERE project_id = :id"), {"id": project_id}
        ).scalar()
    path = tmp_path / "project.xlsx"
    export_excel(database, path, project_id=project_id, sheets=("risks", "issues"))
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == ["Risks", "Risk actions", "Issues"]
    rows = list(book["Risks"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == expected and {row[2] for row in rows} == {code}


def test_round_trip_changes_nothing(demo: tuple[Database, int], tmp_path: Path) -> None:
    database, portfolio_id = demo
    path = export(database, portfolio_id, tmp_path / "all.xlsx")
    before = snapshot(database)
    report = import_log_workbook(database, path, portfolio_id)
    assert report.ok, report.errors
    assert snapshot(database) == before
    assert not report.created and not report.updated
    assert report.unchanged["Risks"] == len(before["risks"])
    assert any("Tasks" in note for note in report.notes)


def test_edited_title_updates_that_risk_only(demo: tuple[Database, int], tmp_path: Path) -> None:
    database, portfolio_id = demo
    path = export(database, portfolio_id, tmp_path / "risks.xlsx", ("risks",))
    book = openpyxl.load_workbook(path)
    sheet = book["Risks"]
    columns = header(sheet)
    uuid = sheet.cell(3, columns["ID"]).value
    sheet.cell(3, columns["Title"]).value = "Supplier delay — revised"
    sheet.cell(3, columns["Probability"]).value = 5
    sheet.cell(3, columns["Score"]).value = 1  # computed: ignored
    book.save(path)
    before = snapshot(database)
    dry = import_log_workbook(database, path, portfolio_id, dry_run=True)
    assert dry.ok and dry.updated["Risks"] == 1 and snapshot(database) == before
    report = import_log_workbook(database, path, portfolio_id)
    assert report.written and report.updated["Risks"] == 1 and not report.created
    after = snapshot(database)
    changed = [row for row in after["risks"] if row not in before["risks"]]
    assert len(after["risks"]) == len(before["risks"]) and len(changed) == 1
    with database.engine.connect() as connection:
        row = connection.execute(
            text("SELECT title, probability, score, version, impact_schedule, impact_cost, "
                 "impact_scope, impact_quality FROM risks WHERE uuid = :u"), {"u": uuid}
        ).one()  # fmt: skip
    assert row.title == "Supplier delay — revised" and row.probability == 5
    assert row.score == 5 * max(row[4:8])
    assert row.version == next(r for r in before["risks"] if uuid in r)[2] + 1


def test_new_rows_get_codes(demo: tuple[Database, int], tmp_path: Path) -> None:
    database, portfolio_id = demo
    path = export(database, portfolio_id, tmp_path / "risks.xlsx", ("risks", "issues"))
    book = openpyxl.load_workbook(path)
    sheet = book["Risks"]
    columns = header(sheet)
    row = sheet.max_row + 1
    sheet.cell(row, columns["Title"]).value = "Data centre move slips"
    sheet.cell(row, columns["Probability"]).value = "4"
    sheet.cell(row, columns["Impact cost"]).value = 4
    sheet.cell(row, columns["Status"]).value = "open"
    sheet.cell(row, columns["Review date"]).value = "2026-12-01"
    actions = book["Risk actions"]
    actions.append([None, "HEL-R-001", "Call the supplier", "Ann", date(2026, 12, 2), "Done"])
    book.save(path)
    report = import_log_workbook(database, path, portfolio_id)
    assert report.ok, report.errors
    assert report.created == {"Risks": 1, "Risk actions": 1}
    with database.engine.connect() as connection:
        codes = connection.execute(text("SELECT code FROM risks")).scalars().all()
        new = connection.execute(
            text("SELECT code, score, review_date, status FROM risks WHERE title = :t"),
            {"t": "Data centre move slips"},
        ).one()
    numbers = sorted(int(code.rsplit("-", 1)[1]) for code in codes if code != new.code)
    assert new.code == f"HEL-R-{numbers[-1] + 1:03d}" and new.score == 16
    assert str(new.review_date)[:10] == "2026-12-01" and new.status == "open"


def test_bad_rows_are_listed_and_nothing_written(
    demo: tuple[Database, int], tmp_path: Path
) -> None:
    database, portfolio_id = demo
    path = export(database, portfolio_id, tmp_path / "bad.xlsx", ("risks", "issues"))
    book = openpyxl.load_workbook(path)
    risks, issues = book["Risks"], book["Issues"]
    columns = header(risks)
    risks.cell(2, columns["Title"]).value = "Changed, but the workbook has errors"
    risks.cell(3, columns["Probability"]).value = 7
    risks.cell(4, columns["Status"]).value = "Maybe"
    risks.cell(5, columns["Review date"]).value = "next Tuesday"
    risks.cell(6, columns["Project"]).value = "NOPE-99"
    risks.cell(7, columns["Title"]).value = "Alarm _x0007_ bell"
    risks.cell(8, columns["Title"]).value = None
    issues.cell(2, header(issues)["Code"]).value = issues.cell(3, header(issues)["Code"]).value
    book.save(path)
    before = snapshot(database)
    report = import_log_workbook(database, path, portfolio_id)
    assert not report.ok and not report.written
    assert snapshot(database) == before
    found = {(error.sheet, error.row, error.column.split(" ")[0]): error.message
             for error in report.errors}  # fmt: skip
    letter = {name: openpyxl.utils.get_column_letter(number) for name, number in columns.items()}
    assert "rating from 1 to 5" in found[("Risks", 3, letter["Probability"])]
    assert "Open, Occurred, Closed" in found[("Risks", 4, letter["Status"])]
    assert "is not a date" in found[("Risks", 5, letter["Review date"])]
    assert "NOPE-99" in found[("Risks", 6, "Project")]
    assert "U+0007" in found[("Risks", 7, letter["Title"])]
    assert "required" in found[("Risks", 8, letter["Title"])]
    assert any(key[0] == "Issues" and key[2] == "Code" for key in found)
    assert str(report.errors[0]).startswith(report.errors[0].sheet + "!")


def test_formula_stays_text(demo: tuple[Database, int], tmp_path: Path) -> None:
    database, portfolio_id = demo
    title = '=HYPERLINK("http://evil.example","Click")'
    with database.engine.begin() as connection:
        connection.execute(
            text("UPDATE risks SET title = :t, cause = :c WHERE code = 'HEL-R-001'"),
            {"t": title, "c": "+1 line\n-2 line\t@3"},
        )
    path = export(database, portfolio_id, tmp_path / "formula.xlsx", ("risks",))
    with zipfile.ZipFile(path) as archive:
        parts = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(name) for name in parts)
    sheet = openpyxl.load_workbook(path)["Risks"]
    cell = sheet.cell(2, header(sheet)["Title"])
    assert cell.value == title and cell.data_type == "s" and cell.quotePrefix
    before = snapshot(database)
    report = import_log_workbook(database, path, portfolio_id)
    assert report.ok and not report.updated and snapshot(database) == before


@pytest.mark.parametrize(
    "title",
    ["Ünïcødé — 风险 ☂", '="quoted" \'single\'', "=1+1", "@SUM(A1)", "line one\nline two",
     "-42", "TRUE", "#N/A", "a" * 300],
)  # fmt: skip
def test_text_round_trip(demo: tuple[Database, int], tmp_path: Path, title: str) -> None:
    database, portfolio_id = demo
    with database.engine.begin() as connection:
        connection.execute(
            text("UPDATE risks SET title = :t, description = :d WHERE code = 'HEL-R-002'"),
            {"t": title, "d": title},
        )
    path = export(database, portfolio_id, tmp_path / "text.xlsx", ("risks",))
    before = snapshot(database)
    report = import_log_workbook(database, path, portfolio_id)
    assert report.ok, report.errors
    assert not report.updated and snapshot(database) == before


def test_resources_and_rates(demo: tuple[Database, int], tmp_path: Path) -> None:
    database, portfolio_id = demo
    path = export(database, portfolio_id, tmp_path / "pool.xlsx", ("resources",))
    book = openpyxl.load_workbook(path)
    pool = book["Resources"]
    columns = header(pool)
    code = pool.cell(2, columns["Code"]).value
    pool.cell(2, columns["Max units (%)"]).value = 50
    pool.cell(2, columns["Active"]).value = "No"
    pool.cell(3, columns["Max units (%)"]).value = -5
    book["Resource rates"].append([None, code, date(2027, 1, 1), 95.5, 120, 0])
    book.save(path)
    report = import_log_workbook(database, path, portfolio_id)
    assert not report.ok and [e.row for e in report.errors] == [3]
    pool.cell(3, columns["Max units (%)"]).value = 100
    book.save(path)
    report = import_log_workbook(database, path, portfolio_id)
    assert report.ok and report.updated["Resources"] >= 1
    assert report.created["Resource rates"] == 1
    with database.engine.connect() as connection:
        resource = connection.execute(
            text("SELECT id, max_units, active FROM resources WHERE code = :c"), {"c": code}
        ).one()
        rate = connection.execute(
            text("SELECT cost_rate FROM resource_rates WHERE resource_id = :r"),
            {"r": resource.id},
        ).scalar()
    assert resource.max_units == 0.5 and not resource.active and float(rate) == 95.5


def test_zip_bomb_refused(demo: tuple[Database, int], tmp_path: Path) -> None:
    database, portfolio_id = demo
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    before = snapshot(database)
    with pytest.raises(InteropError, match="zip bomb"):
        import_log_workbook(database, path, portfolio_id)
    assert snapshot(database) == before
