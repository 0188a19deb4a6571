"""Migration 0009 (portfolio rules) on an SQLite file and on PostgreSQL: existing risks keep
their scores, a portfolio has no rules row (the defaults), and one row per portfolio."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from pmo_desktop.models import PortfolioRules, Risk, ScoreRule
from pmo_desktop.services.database import open_database
from pmo_desktop.services.portfolio_rules import load_rules
from pmo_desktop.storage import schema
from pmo_desktop.storage.engine import make_engine
from pmo_desktop.storage.locations import resolve_target

_ROWS = (
    "INSERT INTO portfolios (uuid, version, name, description, organisation, currency, "
    "pmo_mode, created_at, updated_at) VALUES ('p-1', 1, 'Kept', '', '', 'EUR', "
    "'controlling', '2026-01-01', '2026-01-01')",
    "INSERT INTO risks (uuid, version, portfolio_id, code, title, description, "
    "owner, category, cause, effect, opportunity, probability, impact_schedule, "
    "impact_cost, impact_scope, impact_quality, score, response, response_plan, status, "
    "level, escalation_note, created_at, updated_at) VALUES ('r-1', 1, 1, 'R-1', "
    "'Supplier late', '', 'Ann', 'Supply', '', '', false, 4, 3, 2, 1, 1, 12, 'reduce', '', "
    "'open', 'project', '', '2026-01-01', '2026-01-01')",
)


def test_upgrade_from_0008_adds_the_rules_table_and_keeps_the_scores(db_location: str) -> None:
    engine = make_engine(resolve_target(db_location))
    schema.upgrade(engine, "0008")
    with engine.begin() as connection:
        for statement in _ROWS:
            connection.execute(text(statement))
    engine.dispose()

    database = open_database(db_location)
    try:
        assert database.upgraded_from == "0008"
        assert database.revision == schema.head_revision() == schema.alembic_head()
        assert schema.schema_differences(database.engine) == []
        assert "portfolio_rules" in inspect(database.engine).get_table_names()
        with database.session() as session:
            assert session.scalars(select(Risk.score)).one() == 12
        rules = load_rules(database, 1)
        assert not rules.stored and rules.values.score_rule.kind is ScoreRule.MAX
        with database.write_session() as session:
            session.add(PortfolioRules(portfolio_id=1, thresholds={"spi_amber": 0.9}))
        with pytest.raises(IntegrityError), database.write_session() as session:
            session.add(PortfolioRules(portfolio_id=1))
        with pytest.raises(IntegrityError), database.write_session() as session:
            session.execute(text("UPDATE portfolio_rules SET risk_score_rule = 'median'"))
        assert load_rules(database, 1).values.thresholds.spi_amber == 0.9
        with database.write_session() as session:
            session.execute(text("DELETE FROM portfolios"))
            assert session.scalars(select(PortfolioRules)).all() == []
    finally:
        database.close()
