"""A portfolio's RAG rules and risk score rule as data: the dashboard, the board pack and the
compliance checks use the thresholds; the score rule rescores every risk, undoably;
on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from sqlalchemy import select

from pmo_desktop.errors import ConflictError, ValidationError
from pmo_desktop.models import Portfolio, PortfolioRules, Project, Risk, ScoreRule
from pmo_desktop.reports.data import PackOptions
from pmo_desktop.services import crud
from pmo_desktop.services.compliance import check_compliance
from pmo_desktop.services.dashboard import RagThresholds, dashboard_overview
from pmo_desktop.services.database import Database
from pmo_desktop.services.demo import create_demo
from pmo_desktop.services.portfolio_rules import (
    RiskScoreRule,
    RuleValues,
    load_rules,
    preview_scores,
    save_rules,
)
from pmo_desktop.services.reporting import PackRequest, write_board_pack

AS_OF = date(2026, 10, 30)
STRICT = RagThresholds(
    spi_amber=0.99,
    spi_red=0.98,
    cpi_amber=0.99,
    cpi_red=0.98,
    budget_amber_percent=0.5,
    budget_red_percent=1.5,
    slip_amber_days=1,
    slip_red_days=2,
    high_risk_score=4,
)
LAX = RagThresholds(
    spi_amber=0.2,
    spi_red=0.1,
    cpi_amber=0.2,
    cpi_red=0.1,
    budget_amber_percent=400,
    budget_red_percent=500,
    slip_amber_days=400,
    slip_red_days=500,
    high_risk_score=25,
)


def test_score_rules() -> None:
    impacts = (5, 2, 1, 1)
    assert RiskScoreRule().score(3, impacts) == 15
    assert RiskScoreRule(ScoreRule.MEAN).score(3, impacts) == 3 * 2  # 2.25 → 2
    assert RiskScoreRule(ScoreRule.MEAN).score(2, (3, 3, 2, 2)) == 2 * 3  # 2.5 → 3 (half up)
    weights = {"schedule": 3, "cost": 1, "scope": 0, "quality": 0}
    assert RiskScoreRule(ScoreRule.WEIGHTED, weights).score(4, impacts) == 4 * 4  # 17/4
    with pytest.raises(ValidationError):
        RiskScoreRule(ScoreRule.WEIGHTED, dict.fromkeys(weights, 0)).validate()
    with pytest.raises(ValidationError):
        RiskScoreRule(ScoreRule.WEIGHTED, {**weights, "cost": -1}).validate()


def _portfolio_with_risks(database: Database) -> tuple[int, dict[str, int]]:
    with database.write_session() as session:
        portfolio = Portfolio(name="Scored", as_of_date=AS_OF)
        session.add(portfolio)
        session.flush()
        project = Project(portfolio_id=portfolio.id, code="P1", name="One")
        session.add(project)
        session.flush()
        portfolio_id, project_id = portfolio.id, project.id
    ids = {}
    for code, probability, impacts in (
        ("R1", 3, (5, 2, 1, 1)),
        ("R2", 2, (3, 3, 2, 2)),
        ("R3", 4, (1, 1, 1, 1)),
    ):
        risk = crud.create(
            database, Risk, portfolio_id=portfolio_id, project_id=project_id, code=code,
            title=code, probability=probability, impact_schedule=impacts[0],
            impact_cost=impacts[1], impact_scope=impacts[2], impact_quality=impacts[3],
        )  # fmt: skip
        ids[code] = risk.id
    return portfolio_id, ids


def _scores(database: Database, portfolio_id: int) -> dict[str, int]:
    with database.session() as session:
        rows = session.execute(
            select(Risk.code, Risk.score).where(Risk.portfolio_id == portfolio_id)
        )
        return {code: score for code, score in rows}


def test_the_score_rule_rescores_every_risk_in_one_undoable_step(database: Database) -> None:
    portfolio_id, ids = _portfolio_with_risks(database)
    assert not load_rules(database, portfolio_id).stored
    assert _scores(database, portfolio_id) == {"R1": 15, "R2": 6, "R3": 4}

    mean = RuleValues(RagThresholds(high_risk_score=6), RiskScoreRule(ScoreRule.MEAN))
    preview = preview_scores(database, portfolio_id, mean)
    assert (preview.total, preview.raised, preview.lowered, preview.changed) == (3, 0, 1, 1)
    assert (preview.newly_high, preview.no_longer_high) == (1, 0)  # R2: 6 ≥ the new 6
    command = save_rules(database, portfolio_id, mean)
    command.apply(database)
    assert command.rescored == 1
    assert _scores(database, portfolio_id) == {"R1": 6, "R2": 6, "R3": 4}
    stored = load_rules(database, portfolio_id)
    assert stored.stored and stored.values == mean

    # A new risk and an edited one follow the portfolio's rule.
    created = crud.create(
        database, Risk, portfolio_id=portfolio_id, code="R4", title="R4", probability=5,
        impact_schedule=5, impact_cost=1, impact_scope=1, impact_quality=1,
    )  # fmt: skip
    assert created.score == 5 * 2
    r3 = crud.get(database, Risk, ids["R3"])
    assert crud.update(database, Risk, r3.id, r3.version, impact_cost=5).score == 4 * 2

    command.revert(database)
    assert not load_rules(database, portfolio_id).stored
    assert _scores(database, portfolio_id) == {"R1": 15, "R2": 6, "R3": 20, "R4": 25}
    command.apply(database)  # redo
    assert _scores(database, portfolio_id) == {"R1": 6, "R2": 6, "R3": 8, "R4": 10}

    weighted = RuleValues(
        RagThresholds(),
        RiskScoreRule(ScoreRule.WEIGHTED, {"schedule": 3, "cost": 1, "scope": 0, "quality": 0}),
    )
    second = save_rules(database, portfolio_id, weighted)
    second.apply(database)
    assert _scores(database, portfolio_id) == {"R1": 12, "R2": 6, "R3": 8, "R4": 20}
    second.revert(database)
    assert load_rules(database, portfolio_id).values == mean
    assert _scores(database, portfolio_id) == {"R1": 6, "R2": 6, "R3": 8, "R4": 10}


def test_bad_rules_are_refused_and_a_stale_edit_conflicts(database: Database) -> None:
    portfolio_id, _ = _portfolio_with_risks(database)
    with pytest.raises(ValidationError, match="inverted"):
        save_rules(database, portfolio_id, RuleValues(RagThresholds(spi_red=0.99)))
    with pytest.raises(ValidationError, match="between 1 and 25"):
        save_rules(database, portfolio_id, RuleValues(RagThresholds(high_risk_score=30)))
    first = save_rules(database, portfolio_id, RuleValues(STRICT))
    late = save_rules(database, portfolio_id, RuleValues(LAX))
    first.apply(database)
    with pytest.raises(ConflictError):
        late.apply(database)
    assert load_rules(database, portfolio_id).values.thresholds == STRICT
    with database.session() as session:
        assert len(session.scalars(select(PortfolioRules)).all()) == 1


@pytest.fixture
def demo(database: Database) -> tuple[Database, int]:
    summary = create_demo(database.write_engine, as_of=AS_OF)
    return database, summary.portfolio_id


def test_dashboard_and_compliance_use_the_portfolio_thresholds(
    demo: tuple[Database, int],
) -> None:
    database, portfolio_id = demo
    preference = RagThresholds()

    def overview_and_findings(thresholds: RagThresholds | None) -> tuple[object, dict[str, int]]:
        overview = dashboard_overview(database, portfolio_id, AS_OF, thresholds)
        report = check_compliance(database, portfolio_id, AS_OF, thresholds=thresholds)
        counts: dict[str, int] = {}
        for finding in report.findings:
            counts[finding.rule] = counts.get(finding.rule, 0) + 1
        return overview, counts

    before, findings_before = overview_and_findings(preference)
    assert before.thresholds == preference  # type: ignore[attr-defined]
    strict = save_rules(database, portfolio_id, RuleValues(STRICT))
    strict.apply(database)
    # The portfolio's rules win over the preference passed in.
    strict_view, strict_findings = overview_and_findings(preference)
    assert strict_view.thresholds == STRICT  # type: ignore[attr-defined]
    assert strict_view.tiles.high_risks > before.tiles.high_risks  # type: ignore[attr-defined]
    strict_rags = [STRICT.slip_rag(row.milestone_slip_days) for row in strict_view.rows]  # type: ignore[attr-defined]
    assert strict_findings["budget_over_tolerance"] > findings_before["budget_over_tolerance"]
    lax = save_rules(database, portfolio_id, RuleValues(LAX))
    lax.apply(database)
    lax_view, lax_findings = overview_and_findings(None)
    assert lax_view.tiles.high_risks < before.tiles.high_risks  # type: ignore[attr-defined]
    assert lax_findings.get("budget_over_tolerance", 0) == 0
    lax_rags = [LAX.slip_rag(row.milestone_slip_days) for row in lax_view.rows]  # type: ignore[attr-defined]
    assert strict_rags != lax_rags
    # Undo both: the preference applies again.
    lax.revert(database)
    strict.revert(database)
    again, findings_again = overview_and_findings(preference)
    assert again.tiles.high_risks == before.tiles.high_risks  # type: ignore[attr-defined]
    assert findings_again == findings_before


def test_the_board_pack_prints_the_portfolio_thresholds(
    demo: tuple[Database, int], tmp_path: Path
) -> None:
    database, portfolio_id = demo
    rules = replace(STRICT, spi_amber=0.93, spi_red=0.81, slip_amber_days=7, slip_red_days=12)
    save_rules(database, portfolio_id, RuleValues(rules)).apply(database)
    out = tmp_path / "pack.pdf"
    # The user's preference travels in the request; the portfolio's rules still win.
    request = PackRequest(as_of=AS_OF, options=PackOptions(), thresholds=RagThresholds())
    write_board_pack(database, request, out)
    with pdfplumber.open(out) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    appendix = next(page for page in reversed(pages) if "Appendix" in page)
    assert "< 0.93" in appendix and "< 0.81" in appendix
    assert "> 7" in appendix and "> 12" in appendix
    assert "0.95" not in appendix
