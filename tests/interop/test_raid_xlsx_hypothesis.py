"""Text fields survive export then import unchanged, checked with hypothesis (titles with
unicode, a leading "=", quotes, line breaks)."""

from __future__ import annotations

from pathlib import Path

import hypothesis
from hypothesis import strategies
from sqlalchemy import select

from pmo_desktop.models import Portfolio, Risk
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.services.interchange import export_excel
from pmo_desktop.services.interchange.log_workbook import import_log_workbook


def _seed(database: Database) -> int:
    with database.write_session() as session:
        portfolio = Portfolio(name="Mine")
        session.add(portfolio)
        session.flush()
        session.add(Risk(portfolio_id=portfolio.id, code="R-001", title="Old"))
        return portfolio.id


_CHARS = strategies.characters(blacklist_categories=("Cs", "Cc", "Cn"), whitelist_characters="\n\t")
_TITLES = strategies.text(_CHARS, min_size=1, max_size=300).filter(
    lambda value: value == value.strip() and "_x" not in value
)
_LONG = strategies.text(_CHARS, max_size=2000).filter(lambda value: "_x" not in value)


def test_text_fields_round_trip(tmp_path: Path) -> None:
    database = open_database(str(tmp_path / "round.sqlite"))
    portfolio_id = _seed(database)
    path = tmp_path / "risks.xlsx"

    @hypothesis.settings(max_examples=40, deadline=None)
    @hypothesis.given(title=_TITLES, cause=_LONG, plan=_LONG)
    def round_trip(title: str, cause: str, plan: str) -> None:
        with database.write_session() as session:
            risk = session.scalars(select(Risk)).one()
            risk.title, risk.cause, risk.response_plan = title, cause, plan
        export_excel(database, path, portfolio_id=portfolio_id, sheets=("risks",))
        report = import_log_workbook(database, path, portfolio_id)
        assert report.ok and not report.updated and not report.created, report.errors
        with database.session() as session:
            stored = session.scalars(select(Risk)).one()
            assert (stored.title, stored.cause, stored.response_plan) == (title, cause, plan)

    try:
        round_trip()
    finally:
        database.close()
