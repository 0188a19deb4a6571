"""Backups (SQLite backup API, server copy to SQLite) and the check report."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from pmo_desktop.errors import DatabaseLocationError
from pmo_desktop.models import Portfolio, Project, Risk
from pmo_desktop.services import crud
from pmo_desktop.services.database import (
    Database,
    backup_database,
    check_database,
    open_database,
)
from pmo_desktop.storage import schema


def fill(database: Database) -> None:
    portfolio = crud.create(
        database, Portfolio, name="Groupe Hélios — SI", as_of_date=date(2026, 11, 30)
    )
    project = crud.create(
        database,
        Project,
        portfolio_id=portfolio.id,
        code="ERP",
        name="Migration ERP",
        budget=Decimal("1250000.50"),
        start_date=date(2026, 1, 5),
    )
    crud.create(
        database,
        Risk,
        portfolio_id=portfolio.id,
        project_id=project.id,
        code="R-1",
        title="Data migration quality « critique »",
        probability=4,
        impact_cost=5,
    )


def test_backup_is_a_complete_database(database: Database, tmp_path: Path) -> None:
    fill(database)
    out = tmp_path / "backup.sqlite"

    backup_database(database.engine, database.target, out)

    copy = open_database(out, create=False)
    assert copy.revision == schema.head_revision()
    report = check_database(copy)
    assert report.ok
    assert report.counts == check_database(database).counts
    project = crud.list_rows(copy, Project)[0]
    assert project.budget == Decimal("1250000.50")
    assert project.start_date == date(2026, 1, 5)
    original_risk = crud.list_rows(database, Risk)[0]
    copied_risk = crud.list_rows(copy, Risk)[0]
    assert (copied_risk.uuid, copied_risk.title, copied_risk.score) == (
        original_risk.uuid,
        "Data migration quality « critique »",
        20,
    )
    assert not list(tmp_path.glob("*.part"))
    copy.close()


def test_backup_into_missing_folder_writes_nothing(database: Database, tmp_path: Path) -> None:
    with pytest.raises(DatabaseLocationError, match="does not exist"):
        backup_database(database.engine, database.target, tmp_path / "nope" / "b.sqlite")
    assert not (tmp_path / "nope").exists()


def test_backup_never_overwrites_its_source(tmp_path: Path) -> None:
    database = open_database(tmp_path / "p.sqlite")
    with pytest.raises(DatabaseLocationError, match="overwrite"):
        backup_database(database.engine, database.target, tmp_path / "p.sqlite")
    database.close()


def test_check_counts_rows(database: Database) -> None:
    fill(database)
    report = check_database(database)
    assert report.ok
    assert report.schema_status == "current"
    assert report.counts["portfolios"] == 1
    assert report.counts["projects"] == 1
    assert report.counts["risks"] == 1
    assert report.counts["tasks"] == 0


def test_check_reports_damage_in_a_sqlite_file(hidden_damage_sqlite: Path) -> None:
    path = hidden_damage_sqlite
    opened = open_database(path, create=False, upgrade=False, verify=False)
    report = check_database(opened)
    opened.close()

    assert not report.ok
    assert report.integrity and report.integrity != ["ok"]
    assert report.counts == {}


def test_check_of_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    path.touch()
    opened = open_database(path, create=False, upgrade=False, verify=False)
    report = check_database(opened)
    opened.close()
    assert report.ok
    assert report.schema_status.startswith("empty")
    assert report.counts == {}
    assert path.stat().st_size == 0  # check changed nothing
