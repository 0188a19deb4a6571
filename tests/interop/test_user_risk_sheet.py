"""A user's own risk sheet, mapped column by column (the GUI's mapping dialog calls these
services)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from pmo_desktop.errors import ValidationError
from pmo_desktop.models import Portfolio, Project, Risk
from pmo_desktop.services.database import Database
from pmo_desktop.services.interchange.log_workbook import (
    RISK_COLUMNS,
    import_risks,
    read_user_sheet,
)


def _seed(database: Database) -> int:
    with database.write_session() as session:
        portfolio = Portfolio(name="Mine")
        session.add(portfolio)
        session.flush()
        session.add(Project(portfolio_id=portfolio.id, code="ERP", name="ERP roll-out"))
        session.add(Risk(portfolio_id=portfolio.id, code="R-007", title="Old", probability=2,
                         score=2))  # fmt: skip
        return portfolio.id


def _their_sheet(path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    sheet = book.create_sheet("Risk log")
    sheet.append(["Risk name", "Likelihood", "Money impact", "Who", "Next review", "Proj"])
    sheet.append(["Key supplier fails", 4, 5, "Ann", date(2027, 1, 15), "ERP"])
    sheet.append(['=HYPERLINK("x")', "2", None, "Bob", "2027-02-01", ""])
    sheet.append([None, None, None, None, None, None])
    sheet.append(["Go-live slips", 9, 2, "Cy", "soon", "NOPE"])
    book.save(path)


def test_read_user_sheet(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "theirs.xlsx"
    _their_sheet(path)
    first = read_user_sheet(path)
    assert first.sheet_names == ["Notes", "Risk log"] and first.sheet == "Notes"
    found = read_user_sheet(path, "risk log", samples=2)
    assert found.header[:2] == ["Risk name", "Likelihood"] and len(found.rows) == 2
    assert found.rows[0][0] == "Key supplier fails"


def test_import_mapped_risks(database: Database, tmp_path: Path) -> None:
    portfolio_id = _seed(database)
    path = tmp_path / "theirs.xlsx"
    _their_sheet(path)
    mapping = {"Title": "Risk name", "Probability": "Likelihood", "Impact cost": "Money impact",
               "Owner": "Who", "Review date": "Next review", "Project": "Proj"}  # fmt: skip
    assert set(mapping) <= set(RISK_COLUMNS)
    report = import_risks(database, path, portfolio_id, mapping=mapping, sheet="Risk log")
    assert report.dry_run and not report.ok
    errors = {(error.row, error.column): error.message for error in report.errors}
    assert "rating from 1 to 5" in errors[(5, "B (Probability)")]
    assert "not a date" in errors[(5, "E (Review date)")]
    assert "NOPE" in errors[(5, "Project")]
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Risk)) == 1
    book = openpyxl.load_workbook(path)
    book["Risk log"].delete_rows(5)
    book.save(path)
    dry = import_risks(database, path, portfolio_id, mapping=mapping, sheet="Risk log")
    assert dry.ok and dry.created["Risk log"] == 2  # counted by their sheet
    done = import_risks(database, path, portfolio_id, mapping=mapping, sheet="Risk log",
                        dry_run=False)  # fmt: skip
    assert done.written
    with database.session() as session:
        risks = {risk.code: risk for risk in session.scalars(select(Risk))}
    assert set(risks) == {"R-007", "R-008", "R-009"}
    supplier = risks["R-008"]
    assert (supplier.title, supplier.probability, supplier.impact_cost, supplier.score) == (
        "Key supplier fails", 4, 5, 20)  # fmt: skip
    assert supplier.review_date == date(2027, 1, 15) and supplier.project_id is not None
    assert risks["R-009"].title == '=HYPERLINK("x")' and risks["R-009"].project_id is None
    with pytest.raises(ValidationError, match="no column 'Severity'"):
        import_risks(database, path, portfolio_id, mapping={"Title": "Severity"},
                     sheet="Risk log")  # fmt: skip
    with pytest.raises(ValidationError, match="not a risk column"):
        import_risks(database, path, portfolio_id, mapping={"Title": "Risk name", "Score": "x"})
