"""The service functions the governance CLI added: the rules document (export, checked
import as one undoable command, the PMO admin's part), the gates overview and finding a
gate by name; on SQLite files and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from pmo_desktop.errors import NotFoundError, ValidationError
from pmo_desktop.models import GateDecision, PmoMode, Portfolio, StrategicObjective
from pmo_desktop.services import crud
from pmo_desktop.services.database import Database
from pmo_desktop.services.gates import (
    GateOutcome,
    find_gate,
    gate_overview,
    is_pmo_admin,
    project_gates,
    record_gate_review,
)
from pmo_desktop.services.portfolio_rules import load_rules
from pmo_desktop.services.prioritisation import load_criteria
from pmo_desktop.services.rules_file import export_rules, plan_import
from pmo_desktop.services.template_projects import CreateProjectFromTemplate, NewProject
from pmo_desktop.services.templates import get_template


def _portfolio(database: Database) -> int:
    portfolio_id = crud.create(database, Portfolio, name="Rules").id
    crud.create(database, StrategicObjective, portfolio_id=portfolio_id, code="OBJ",
                name="Growth", weight=2.0)  # fmt: skip
    return portfolio_id


def test_an_import_is_one_undoable_step(database: Database) -> None:
    portfolio_id = _portfolio(database)
    document = export_rules(database, portfolio_id)
    assert plan_import(database, portfolio_id, document, is_pmo_admin=True).command() is None
    document["rag_thresholds"]["high_risk_score"] = 10
    document["scoring_model"][0]["weight"] = 5
    document["compliance_rules"][0]["severity"] = "info"
    plan = plan_import(database, portfolio_id, document, is_pmo_admin=True)
    command = plan.command()
    assert command is not None and len(plan.changes) == 3
    command.apply(database)
    assert load_rules(database, portfolio_id).values.thresholds.high_risk_score == 10
    assert load_criteria(database, portfolio_id)[0].weight == 5.0
    assert export_rules(database, portfolio_id)["compliance_rules"][0]["severity"] == "info"
    command.revert(database)
    assert not load_rules(database, portfolio_id).stored
    assert load_criteria(database, portfolio_id)[0].weight == 2.0
    assert export_rules(database, portfolio_id)["compliance_rules"][0]["severity"] == "error"


def test_only_a_pmo_admin_changes_the_rag_rules(database: Database) -> None:
    portfolio_id = _portfolio(database)
    assert is_pmo_admin(database) is True  # a file's user, or the server's superuser
    document = export_rules(database, portfolio_id)
    document["scoring_model"][0]["weight"] = 3
    assert len(plan_import(database, portfolio_id, document, is_pmo_admin=False).commands) == 1
    document["rag_thresholds"]["spi_red"] = 0.5
    with pytest.raises(ValidationError, match="Only a PMO administrator"):
        plan_import(database, portfolio_id, document, is_pmo_admin=False)


def test_gate_overview_and_find_gate(database: Database) -> None:
    portfolio_id = crud.create(
        database, Portfolio, name="P", pmo_mode=PmoMode.SUPPORTIVE, as_of_date=date(2027, 2, 1)
    ).id
    template = get_template(database, portfolio_id, "waterfall", "en")
    for code in ("B-2", "A-1"):
        CreateProjectFromTemplate(
            portfolio_id, template, NewProject(code, f"Project {code}", date(2027, 1, 4))
        ).apply(database)
    [first, second] = gate_overview(database, portfolio_id=portfolio_id)
    assert (first.project.code, second.project.code) == ("A-1", "B-2")
    assert first.as_of == date(2027, 2, 1)
    assert [s.state for s in first.gates] == ["next", "upcoming", "upcoming", "upcoming"]
    assert first.gates[0].overdue_days == 5 and first.last_decision is None
    project = project_gates(database, first.project.project_id)
    gate = find_gate(project, "gate 1 – BUSINESS case")
    assert gate.sequence == 1 and find_gate(project, "4").name == "Gate 4 – Project closure"
    with pytest.raises(NotFoundError, match="matches several gates"):
        find_gate(project, "Gate")
    outcome = GateOutcome(GateDecision.GO_WITH_CONDITIONS, date(2027, 2, 3), "Board",
                          gate.criteria, gate.evidence,
                          [{"text": "Fund it", "owner": "CFO", "due": "2027-02-10"}])  # fmt: skip
    record_gate_review(project, gate.id, outcome, decider_is_pmo_admin=True).apply(database)
    [overview] = gate_overview(
        database, project_id=first.project.project_id, as_of=date(2027, 2, 11)
    )
    assert [s.state for s in overview.gates][:2] == ["passed with conditions", "next"]
    assert overview.last_decision is not None and overview.last_decision.decided_by == "Board"
    assert [(c.text, c.overdue) for c in overview.open_conditions] == [("Fund it", True)]
    assert overview.next_gate is not None and overview.next_gate.gate.sequence == 2
