"""Governance ▸ RAG Rules and Risk Scoring… with real widgets on the demo portfolio in a real
SQLite file: validation as you type, the background preview against an independent count,
save as one undo step that rescores the risks, undo and redo."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from pmo_desktop.models import Risk, ScoreRule
from pmo_desktop.services.dashboard import RagThresholds
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.services.demo import create_demo
from pmo_desktop.services.portfolio_rules import load_rules
from pmo_desktop.ui.governance_rules.dialog import PortfolioRulesDialog
from pmo_desktop.ui.workers import WorkPool
from pmo_desktop.ui.workspace import Workspace

AS_OF = date(2026, 10, 30)


@pytest.fixture
def demo(tmp_path: Path, dialogs: Any) -> Iterator[tuple[Workspace, int]]:
    database = open_database(tmp_path / "demo.sqlite")
    summary = create_demo(database.write_engine, as_of=AS_OF)
    pool = WorkPool()
    try:
        yield Workspace(database, dialogs=dialogs, pool=pool), summary.portfolio_id
    finally:
        pool.drain()
        database.close()


def _scores(database: Database, portfolio_id: int) -> dict[int, int]:
    with database.session() as session:
        rows = session.execute(select(Risk.id, Risk.score).where(Risk.portfolio_id == portfolio_id))
        return {risk_id: score for risk_id, score in rows}


def _mean_scores(database: Database, portfolio_id: int) -> dict[int, int]:
    """Probability × the mean impact rounded half up, computed here independently."""
    with database.session() as session:
        risks = session.scalars(select(Risk).where(Risk.portfolio_id == portfolio_id)).all()
    result = {}
    for risk in risks:
        total = risk.impact_schedule + risk.impact_cost + risk.impact_scope + risk.impact_quality
        result[risk.id] = risk.probability * int(total / 4 + 0.5)
    return result


def test_rules_dialog_validates_previews_saves_and_undoes(qtbot: Any, demo: Any) -> None:
    workspace, portfolio_id = demo
    database = workspace.database
    dialog = PortfolioRulesDialog(workspace, portfolio_id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.loading, timeout=5000)
    assert "defaults" in dialog.origin.text()
    assert dialog.values().thresholds == RagThresholds()
    assert dialog.preview is not None and dialog.preview.changed == 0
    assert not dialog.weights["cost"].isEnabled()

    # Red must be stricter than amber: told at once, Save disabled.
    dialog.spi_red.setValue(0.97)
    assert "SPI" in dialog.status.text() and not dialog.ok_button.isEnabled()
    dialog.spi_red.setValue(0.80)
    assert dialog.status.text() == "" and dialog.ok_button.isEnabled()

    before = _scores(database, portfolio_id)
    expected = _mean_scores(database, portfolio_id)
    changed = {key for key in before if before[key] != expected[key]}
    assert changed  # the demo has risks whose impacts differ
    dialog.rule.setCurrentIndex(dialog.rule.findData(ScoreRule.MEAN.value))
    dialog.high_risk.setValue(12)
    qtbot.waitUntil(lambda: not dialog.loading, timeout=5000)
    assert dialog.preview is not None
    assert dialog.preview.changed == len(changed)
    assert dialog.preview.lowered == sum(expected[k] < before[k] for k in changed)
    assert f"{len(changed)} of {len(before)} risks change score" in dialog.preview_label.text()
    dialog.grab().save("/tmp/R-rules-dialog.png")

    # Weighted: the weights come alive; all-zero weights are refused.
    dialog.rule.setCurrentIndex(dialog.rule.findData(ScoreRule.WEIGHTED.value))
    assert dialog.weights["cost"].isEnabled()
    for box in dialog.weights.values():
        box.setValue(0)
    assert "weight" in dialog.status.text() and not dialog.ok_button.isEnabled()
    dialog.rule.setCurrentIndex(dialog.rule.findData(ScoreRule.MEAN.value))

    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert workspace.undo_stack.count() == 1
    stored = load_rules(database, portfolio_id)
    assert stored.stored and stored.values.thresholds.spi_red == pytest.approx(0.80)
    assert stored.values.thresholds.high_risk_score == 12
    assert _scores(database, portfolio_id) == expected

    workspace.undo_stack.undo()
    assert not load_rules(database, portfolio_id).stored
    assert _scores(database, portfolio_id) == before
    workspace.undo_stack.redo()
    assert _scores(database, portfolio_id) == expected

    again = PortfolioRulesDialog(workspace, portfolio_id)
    qtbot.addWidget(again)
    assert "own rules" in again.origin.text()
    assert again.values() == stored.values
    again.defaults_button.click()
    assert again.values().thresholds == RagThresholds()
    qtbot.waitUntil(lambda: not again.loading, timeout=5000)
    again.reject()
