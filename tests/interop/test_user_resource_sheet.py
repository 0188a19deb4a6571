"""A user's own resource sheet, mapped column by column into the pool: a name already in
the pool updates that resource (blank cells keep what is stored), other rows are added."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from pmo_desktop.errors import ValidationError
from pmo_desktop.models import Calendar, Portfolio, Resource
from pmo_desktop.models.enums import ResourceKind
from pmo_desktop.services.database import Database
from pmo_desktop.services.interchange.user_resources import import_user_resources
from pmo_desktop.services.interchange.user_sheets import RESOURCE_SHEET

HEADER = ["Courriel", "Nom", "Type", "Équipe", "Capacité max.", "Taux standard",
          "Taux heures sup.", "Coût par utilisation", "Calendrier", "Rôle"]  # fmt: skip


def _seed(database: Database) -> int:
    with database.write_session() as session:
        session.add(Calendar(name="Night shift"))
        portfolio = Portfolio(name="Mine")
        session.add(portfolio)
        session.flush()
        ann = Resource(portfolio_id=portfolio.id, code="R-01", name="Ann Lee", role="Architect")
        ann.department, ann.cost_rate = "IT", Decimal("80")
        session.add(ann)
        return portfolio.id


def _book(path: Path, rows: list[list[object]]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Équipe"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)


def _pool(database: Database) -> dict[str, Resource]:
    with database.session() as session:
        return {resource.name: resource for resource in session.scalars(select(Resource))}


def test_import_resources_french_headers(database: Database, tmp_path: Path) -> None:
    portfolio_id = _seed(database)
    path = tmp_path / "team.xlsx"
    _book(path, [
        ["zoe@example.org", "Zoé Martin", "Personne", "PMO", "50 %", "60 €/h", 90, None,
         "night shift", "Planner"],
        [None, "ann lee", None, None, 1, "720/j", None, None, None, None],
        [None, None, None, None, None, None, None, None, None, None],
        [None, "Crane", "Equipment", "Site", 2, "1 200,50", None, 300, None, None],
        [None, "Developer", "generic", None, 300, None, None, None, None, "Dev"],
    ])  # fmt: skip
    mapping = RESOURCE_SHEET.guess(HEADER)
    assert mapping == {
        "Name": "Nom", "Type": "Type", "Role": "Rôle", "Team": "Équipe",
        "Max units": "Capacité max.", "Standard rate": "Taux standard",
        "Overtime rate": "Taux heures sup.", "Cost per use": "Coût par utilisation",
        "Calendar": "Calendrier", "Email": "Courriel",
    }  # fmt: skip
    dry = import_user_resources(database, path, portfolio_id, mapping=mapping)
    assert dry.ok, dry.errors
    assert (dry.created["Équipe"], dry.updated["Équipe"]) == (3, 1)
    assert len(_pool(database)) == 1  # a dry run writes nothing
    done = import_user_resources(database, path, portfolio_id, mapping=mapping, dry_run=False)
    assert done.written
    pool = _pool(database)
    ann = pool["Ann Lee"]  # updated by name, its blank cells kept
    assert (ann.role, ann.department, ann.max_units) == ("Architect", "IT", 1.0)
    assert ann.cost_rate == Decimal("90.00")  # 720 a day of 8 hours
    zoe, crane, developer = pool["Zoé Martin"], pool["Crane"], pool["Developer"]
    assert (zoe.kind, zoe.max_units, zoe.cost_rate, zoe.overtime_rate) == (
        ResourceKind.PERSON, 0.5, Decimal("60.00"), Decimal("90.00"))  # fmt: skip
    assert zoe.email == "zoe@example.org" and zoe.calendar_id is not None
    assert (crane.kind, crane.max_units, crane.cost_rate, crane.cost_per_use) == (
        ResourceKind.MATERIAL, 2.0, Decimal("1200.50"), Decimal("300.00"))  # fmt: skip
    assert (developer.kind, developer.max_units) == (ResourceKind.ROLE, 3.0)
    assert {zoe.code, crane.code, developer.code} == {"R-02", "R-03", "R-04"}
    again = import_user_resources(database, path, portfolio_id, mapping=mapping)
    assert again.unchanged["Équipe"] == 4


def test_bad_resource_rows_are_listed(database: Database, tmp_path: Path) -> None:
    portfolio_id = _seed(database)
    path = tmp_path / "team.xlsx"
    _book(path, [
        ["not-an-email", "Bob", "Robot", None, "lots", "=B2*2", None, "5/h", "Moon", None],
        [None, "Bob", None, None, None, None, None, None, None, None],
        [None, None, None, "IT", None, None, None, None, None, "Dev"],
    ])  # fmt: skip
    mapping = RESOURCE_SHEET.guess(HEADER)
    report = import_user_resources(database, path, portfolio_id, mapping=mapping, dry_run=False)
    assert not report.ok and not report.written
    errors = {(error.row, error.column): error.message for error in report.errors}
    assert "not an e-mail address" in errors[(2, "A (Email)")]
    assert "not a resource type" in errors[(2, "C (Type)")]
    assert "not a number" in errors[(2, "E (Max units)")]
    assert "not an amount" in errors[(2, "F (Standard rate)")]
    assert "not an amount" in errors[(2, "H (Cost per use)")]
    assert "no calendar named 'Moon'" in errors[(2, "I (Calendar)")]
    assert "a value is required" in errors[(4, "B (Name)")]
    assert len(report.errors) == 7  # row 3 (Bob again) is fine once row 2 is refused
    assert set(_pool(database)) == {"Ann Lee"}
    with pytest.raises(ValidationError, match="resource's Name"):
        import_user_resources(database, path, portfolio_id, mapping={"Role": "Rôle"})
